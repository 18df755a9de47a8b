"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: msgstr}.

Chinese is Ducha's source language; English is a translation. After makemessages,
add the new strings to locale/<lang>/translations.json and run:

    .venv/bin/python scripts/fill_po.py en
"""

import json
import re
import sys
from pathlib import Path

lang = sys.argv[1] if len(sys.argv) > 1 else "en"
po = Path("locale") / lang / "LC_MESSAGES" / "django.po"
table = json.loads((Path("locale") / lang / "translations.json").read_text(encoding="utf-8"))
text = po.read_text(encoding="utf-8")
missing = []


def fill(match: re.Match) -> str:
    msgid = json.loads(match.group(1))
    if msgid in table:
        return f"msgid {match.group(1)}\nmsgstr {json.dumps(table[msgid], ensure_ascii=False)}\n"
    if msgid:
        missing.append(msgid)
    return match.group(0)


text = re.sub(r'^msgid ("(?:[^"\\]|\\.)*")\nmsgstr ""\n', fill, text, flags=re.M)
text = text.replace("#, fuzzy\n", "", 1)
po.write_text(text, encoding="utf-8")
print(f"{po}: {len(missing)} untranslated")
for m in missing:
    print("  ", m)

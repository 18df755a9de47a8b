"""Fill a .po file's untranslated or fuzzy entries from a JSON dictionary {msgid: msgstr}.

Chinese is Ducha's source language; English is a translation. After makemessages,
add the new strings to locale/<lang>/translations.json and run:

    .venv/bin/python scripts/fill_po.py en

Entries are parsed whole (msgids wrapped over several lines included). An entry
that makemessages marked fuzzy (a guess from a similar string) is replaced by the
dictionary's translation when there is one, and its fuzzy flag dropped; fuzzy
entries not in the dictionary are listed, since Django ignores them.
"""

import json
import sys
from pathlib import Path

lang = sys.argv[1] if len(sys.argv) > 1 else "en"
po = Path("locale") / lang / "LC_MESSAGES" / "django.po"
table = json.loads((Path("locale") / lang / "translations.json").read_text(encoding="utf-8"))


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line[line.index('"') :]) for line in lines)


def _field(lines: list[str], key: str) -> tuple[int, int] | None:
    """Line span [start, end) of a field such as msgid / msgstr in an entry."""
    for i, line in enumerate(lines):
        if line.startswith(key + " "):
            j = i + 1
            while j < len(lines) and lines[j].startswith('"'):
                j += 1
            return i, j
    return None


missing, fuzzy_left = [], []
entries = po.read_text(encoding="utf-8").split("\n\n")
out = []
for block in entries:
    lines = block.split("\n")
    span_id, span_str = _field(lines, "msgid"), _field(lines, "msgstr")
    if not span_id or not span_str or _field(lines, "msgid_plural"):
        out.append(block)
        continue
    msgid = _unquote(lines[span_id[0] : span_id[1]])
    msgstr = _unquote(lines[span_str[0] : span_str[1]])
    flags = [i for i, line in enumerate(lines) if line.startswith("#,") and "fuzzy" in line]
    if not msgid:
        out.append(block)  # the header
        continue
    if msgid in table and (not msgstr or flags or msgstr != table[msgid]):
        lines[span_str[0] : span_str[1]] = ["msgstr " + json.dumps(table[msgid], ensure_ascii=False)]
        for i in flags:
            rest = [f.strip() for f in lines[i][2:].split(",") if f.strip() != "fuzzy"]
            lines[i] = "#, " + ", ".join(rest) if rest else None
        lines = [line for line in lines if line is not None]
        lines = [line for line in lines if not line.startswith("#| ")]  # previous-msgid hints
    elif not msgstr:
        missing.append(msgid)
    elif flags:
        fuzzy_left.append(msgid)
    out.append("\n".join(lines))
po.write_text("\n\n".join(out), encoding="utf-8")
print(f"{po}: {len(missing)} untranslated, {len(fuzzy_left)} fuzzy")
for m in missing + fuzzy_left:
    print("  ", m)

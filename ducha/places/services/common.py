import re
import uuid

from ducha.places.models import LexiconStamp


def bump_stamp() -> str:
    """A new lexicon stamp, in the caller's transaction: every process rebuilds its
    gazetteer and site kinds on its next look (and a rollback undoes the bump too)."""
    stamp = uuid.uuid4().hex
    LexiconStamp.objects.update_or_create(pk=1, defaults={"stamp": stamp})
    return stamp


def split_aliases(text: str) -> list[str]:
    """Aliases as the office types them: separated by 、，, ; or new lines."""
    return list(dict.fromkeys(a.strip() for a in re.split(r"[、，,;；\s]+", text or "") if a.strip()))

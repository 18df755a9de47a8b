"""What every value normaliser shares: the length limits, `Warn`, and the key names
typed by people are matched on.

Pure Python: never imports Django.
"""

from __future__ import annotations

import unicodedata

REF_MAX = 64
TEXT_MAX = 5000
SHORT_TEXT_MAX = 200
_CACHE_LIMIT = 10_000  # low-cardinality columns repeat; stop caching a column that doesn't


class Warn(str):
    """A message that keeps the value: the caller files it as a warning, not an error."""


def _key(text: str) -> str:
    """Matching key for names typed by people: full-width → half-width, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())

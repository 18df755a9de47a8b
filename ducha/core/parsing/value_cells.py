"""Normalisers for free text, ID numbers, yes/no marks, handling results (核实情况,
办结情况) and channels (信访方式); see `values` for the contract they share.

Pure Python: never imports Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .cells import Cell, cell_text, is_blank
from .errors import (
    CHANNEL_UNKNOWN,
    CLOSURE_UNKNOWN,
    CONTROL_CHARS,
    ID_NUMBER_AS_NUMBER,
    ID_NUMBER_SHAPE,
    MARK_UNKNOWN,
    TEXT_FORMULA,
    TEXT_TOO_LONG,
    VERACITY_UNKNOWN,
)
from .guard import CONTROL
from .value_common import TEXT_MAX, Warn, _key

# --- free text ------------------------------------------------------------------

_FORMULA_START = frozenset("=+-@")


def clean_text(value: Cell, max_len: int = TEXT_MAX) -> tuple[str, str | None]:
    """Keep what people wrote exactly (no NFKC: "Ｃ栋" stays "Ｃ栋"); strip the ends and
    turn \\r\\n into \\n. A leading = + - @ is kept as text, with a warning, because the
    same text exported to Excel later would run as a formula."""
    text = cell_text(value).strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL.search(text) is not None:
        # NUL and the like are never typed on purpose: a damaged export; refuse the cell
        return text, CONTROL_CHARS
    if len(text) > max_len:
        return text, TEXT_TOO_LONG.format(limit=max_len)
    if text and text[0] in _FORMULA_START:
        return text, Warn(TEXT_FORMULA.format(char=text[0]))
    return text, None


_ID_SHAPE = re.compile(r"\d{15}|\d{17}[\dXx]")


def clean_id_number(value: Cell) -> tuple[str, str | None]:
    """身份证号 typed into a number cell has lost its last digits (Excel keeps 15
    significant digits): keep it, but say so."""
    if value.__class__ is float or value.__class__ is int:
        return cell_text(value), Warn(ID_NUMBER_AS_NUMBER)
    text = "".join(cell_text(value).split())
    if text and _ID_SHAPE.fullmatch(text) is None:
        return text, Warn(ID_NUMBER_SHAPE)
    return text.upper(), None


# --- yes/no marks ---------------------------------------------------------------

_YES = frozenset({"是", "√", "✓", "✔", "☑", "重点", "重点件", "重复", "重复件", "y", "yes", "1", "true", "有"})
_NO = frozenset({"否", "×", "✗", "✘", "无", "不是", "非重点", "不重复", "非重复", "n", "no", "0", "false"})


def parse_mark(value: Cell) -> tuple[bool | None, str | None]:
    """是/否/√/✓/重点/空 → True/False; blank gives (None, None). "是（第2批第5号）" and
    "重复（…）" count as yes: people add the case they mean in brackets."""
    if value.__class__ is bool:
        return value, None
    if is_blank(value):
        return None, None
    text = _key(cell_text(value)).lower()
    if text in _YES:
        return True, None
    if text in _NO:
        return False, None
    if text.startswith(("是", "重复", "重点")):
        return True, None
    return None, MARK_UNKNOWN


# --- handling results (disclosure tables, earlier rounds) ------------------------

VERACITY: dict[str, str] = {
    "属实": "true",
    "基本属实": "mostly",
    "部分属实": "partly",
    "不属实": "false",
    "是": "true",
    "否": "false",
    "基本是": "mostly",
    "部分是": "partly",
    "查实": "true",
    "失实": "false",
}
CLOSURE: dict[str, str] = {
    "已办结": "closed",
    "办结": "closed",
    "是": "closed",
    "已完成": "closed",
    "阶段性办结": "closed_pending",
    "阶段办结": "closed_pending",
    "正在办理": "open",
    "未办结": "open",
    "办理中": "open",
    "否": "open",
}
_BRACKETED = re.compile(r"[(\[【].*?[)\]】]")


def _choice(value: Cell, table: Mapping[str, str], unknown: str) -> tuple[str | None, str | None]:
    if is_blank(value):
        return None, None
    k = _key(cell_text(value))
    code = table.get(k)
    if code is None and k:
        code = table.get(_BRACKETED.sub("", k).rstrip("。.")) or table.get(k.rstrip("。."))
    return (code, None) if code else (None, unknown)


def parse_veracity(value: Cell) -> tuple[str | None, str | None]:
    """是否属实 → true / mostly / partly / false (是/否 in some provincial tables)."""
    return _choice(value, VERACITY, VERACITY_UNKNOWN)


def parse_closure(value: Cell) -> tuple[str | None, str | None]:
    """是否办结 → closed / closed_pending / open (已办结, 阶段性办结, 正在办理, 未办结)."""
    return _choice(value, CLOSURE, CLOSURE_UNKNOWN)


# --- channel --------------------------------------------------------------------

CHANNELS: dict[str, str] = {
    "来电": "phone",
    "电话": "phone",
    "热线": "phone",
    "来信": "letter",
    "信件": "letter",
    "邮件": "letter",
    "来访": "visit",
    "走访": "visit",
    "网络": "online",
    "网上": "online",
    "微信": "online",
    "网络举报": "online",
}


def find_channel(text: str) -> str | None:
    """The channel named anywhere in a text ("一、来电（44件）", "12369热线")."""
    k = _key(text)
    code = CHANNELS.get(k)
    if code is not None:
        return code
    for word, code in CHANNELS.items():
        if word in k:
            return code
    return None


def parse_channel(value: Cell) -> tuple[str | None, str | None]:
    """信访方式 → phone / letter / visit / online; blank gives (None, None)."""
    if is_blank(value):
        return None, None
    code = find_channel(cell_text(value))
    return (code, None) if code else (None, CHANNEL_UNKNOWN)

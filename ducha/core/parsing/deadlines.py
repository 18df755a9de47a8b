"""整改时限 as cities write them, read into kinds and a due date, or flagged.

    2018年12月底前          → deadline, 2018-12-31
    2019年6月30日(前)       → deadline, 2019-06-30
    2019年底前 / 2019年年底  → deadline, 2019-12-31
    2019年上半年 / 第三季度   → deadline, the last day of that half or quarter
    立行立改                → immediate
    长期坚持                → ongoing
    立行立改，长期坚持        → immediate + ongoing
    2019年3月底前完成，长期坚持 → deadline 2019-03-31 + ongoing
    an Excel date cell       → deadline, that date
    2019年汛期前             → unreadable: kept as written, no date, for a person to settle

Never guessed: a phrase we do not know makes the whole deadline unreadable.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

IMMEDIATE, DEADLINE, ONGOING = "immediate", "deadline", "ongoing"

_SPLIT = re.compile(r"[，,；;、。\n]+|(?<=[前底日成位])(?=长期|立行)")
_IMMEDIATE = re.compile(r"^(?:立行立改|立即整改|即知即改|立查立改)(?:到位)?$")
_ONGOING = re.compile(r"^(?:长期坚持|长期|持续推进|持续整改|常态化推进|长期推进)$")
_TAIL = r"\s*(?:底|末)?\s*(?:之?前|以前)?\s*(?:完成(?:整改)?|到位|整改到位|整改完成)?$"
_DAY = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?" + _TAIL)
_MONTH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?" + _TAIL)
_YEAR_END = re.compile(r"^(\d{4})\s*年\s*(?:年底|年末|底|末)" + _TAIL)
_YEAR = re.compile(r"^(\d{4})\s*年(?:内|度)?" + _TAIL)
_HALF = re.compile(r"^(\d{4})\s*年\s*(上|下)半年" + _TAIL)
_QUARTER = re.compile(r"^(\d{4})\s*年\s*(?:第)?\s*([一二三四1-4])\s*季度" + _TAIL)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    raw: str
    kinds: tuple[str, ...]  # in the order immediate, deadline, ongoing
    due: dt.date | None
    readable: bool

    @property
    def needs_review(self) -> bool:
        return not self.readable


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _part_date(part: str) -> dt.date | None:
    """The due date a single phrase names, or None when it names none we know."""
    if m := _DAY.match(part):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH.match(part):
        return _month_end(int(m[1]), int(m[2]))
    if m := _YEAR_END.match(part):
        return dt.date(int(m[1]), 12, 31)
    if m := _HALF.match(part):
        return _month_end(int(m[1]), 6 if m[2] == "上" else 12)
    if m := _QUARTER.match(part):
        return _month_end(int(m[1]), _QUARTERS[m[2]] * 3)
    if m := _YEAR.match(part):
        return dt.date(int(m[1]), 12, 31)
    return None


def parse_deadline(value) -> Deadline:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline(value.isoformat(), (DEADLINE,), value, True)
    raw = "" if value is None else str(value).strip()
    if not raw:
        return Deadline("", (), None, False)
    kinds: set[str] = set()
    due = None
    for part in (p.strip() for p in _SPLIT.split(raw.replace(" ", ""))):
        if not part:
            continue
        if _IMMEDIATE.match(part):
            kinds.add(IMMEDIATE)
            continue
        if _ONGOING.match(part):
            kinds.add(ONGOING)
            continue
        try:
            found = _part_date(part)
        except ValueError:  # 2019年2月30日: a date that does not exist
            found = None
        if found is None or due is not None:
            return Deadline(raw, (), None, False)
        due = found
        kinds.add(DEADLINE)
    ordered = tuple(k for k in (IMMEDIATE, DEADLINE, ONGOING) if k in kinds)
    return Deadline(raw, ordered, due, bool(ordered))

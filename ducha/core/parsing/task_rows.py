"""Task-list rows into findings and tasks: serial numbers (序号), finding titles, and
the unit cells resolved against the city's unit directory.

Pure Python: never imports Django.
"""

from __future__ import annotations

import re
import unicodedata

from ducha.core.names.units import AMBIGUOUS, COLLECTIVE, UNIT, UnitDirectory

from .cells import Cell, cell_text, is_blank
from .deadlines import parse_deadline
from .errors import ERROR, WARNING, Problem
from .task_records import (
    DEADLINE_EMPTY,
    DEADLINE_UNREADABLE,
    FINDING_EMPTY,
    FINDING_NUMBER_REUSED,
    MEASURES_EMPTY,
    SERIAL_UNREADABLE,
    TASK_DUPLICATE,
    UNIT_AMBIGUOUS,
    UNIT_FIELDS,
    UNIT_UNKNOWN,
    UNITS_EMPTY,
    FindingRecord,
    TaskParse,
    TaskRecord,
    UnitRef,
    UnknownUnit,
    _Row,
)
from .values import clean_text

_UNIT_SPLIT = re.compile(r"[、,，;；\r\n]+")
_LEAD_MARK = re.compile(r"[（(]\s*(?:牵头|牵头单位|主责|总牵头)\s*[)）]")
_OTHER_MARK = re.compile(r"[（(]\s*(?:配合|配合单位|协办|参与)\s*[)）]")
_SUFFIX = re.compile(r"(?<=[局委办院部队处厅府会司中心区县市])(牵头|配合|参与|协办|等)$")
_LABEL = re.compile(r"(牵头单位|牵头部门|牵头|责任单位|配合单位|配合部门|配合|协办单位|参与单位)\s*[:：]")
_SERIAL_PAIR = re.compile(r"^\s*(\d+)\s*[-－—.．_、]\s*(\d+)\s*$")
_DIGITS = re.compile(r"\d+")
_CN_NUMBER = re.compile(r"[一二三四五六七八九十百两零〇]+")
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TITLE_END = re.compile(r"[。；;\n]")
TITLE_MAX = 80


def _cn_int(text: str) -> int | None:
    total, current = 0, 0
    for ch in text:
        if ch in _CN:
            current = _CN[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def parse_serial(value: Cell) -> tuple[int | None, int | None, bool]:
    """序号 → (number, second number of "1-2", readable). Blank is (None, None, True)."""
    if is_blank(value):
        return None, None, True
    if value.__class__ in (int, float) and value == int(value) and value > 0:
        return int(value), None, True
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    if m := _SERIAL_PAIR.match(text):
        return int(m[1]), int(m[2]), True
    if m := _DIGITS.search(text):
        if len(_DIGITS.findall(text)) == 1:
            return int(m[0]), None, True
    if m := _CN_NUMBER.search(text):
        n = _cn_int(m[0])
        if n:
            return n, None, True
    return None, None, False


def finding_title(text: str) -> str:
    """The first sentence of a finding, as its short name in lists."""
    first = _TITLE_END.split(text.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1] + "…"


class _Builder:
    def __init__(self, result: TaskParse, directory: UnitDirectory) -> None:
        self.result = result
        self.directory = directory

    def problem(self, row: _Row, field_name: str | None, raw: Cell, message: str, level: str = ERROR) -> None:
        col = row.columns.get(field_name) if field_name else None
        self.result.problems.append(
            Problem(
                row.sheet,
                row.rn,
                col.letter if col else "",
                col.header if col else "",
                cell_text(raw) if raw is not None else "",
                message,
                level,
            )
        )

    def build(self, rows: list[_Row]) -> None:
        rows = self._continue(rows)
        numbered = self._number(rows)
        findings: dict[int, FindingRecord] = {}
        seen_tasks: dict[tuple[int, int], int] = {}
        for row, fnum, tnum in numbered:
            record = self._task(row, fnum, tnum)
            if record is None:
                continue
            finding = findings.get(fnum)
            if finding is None:
                finding = FindingRecord(
                    fnum, record.finding_text, finding_title(record.finding_text), "", row.rn, row.sheet
                )
                findings[fnum] = finding
            elif finding.text != record.finding_text:
                self.problem(
                    row,
                    "finding",
                    row.values.get("finding"),
                    FINDING_NUMBER_REUSED.format(finding=fnum, row=finding.row),
                )
                continue
            key = (fnum, record.task_number)
            if key in seen_tasks:
                self.problem(
                    row,
                    "task_no" if "task_no" in row.columns else "serial",
                    row.values.get("task_no", row.values.get("serial")),
                    TASK_DUPLICATE.format(finding=fnum, task=record.task_number, row=seen_tasks[key]),
                )
                continue
            seen_tasks[key] = row.rn
            finding.tasks.append(record)
        for finding in findings.values():
            leaders: list[str] = []
            for t in finding.tasks:
                if t.leader and t.leader not in leaders:
                    leaders.append(t.leader)
            finding.leader = "、".join(leaders)
        self.result.findings = sorted(findings.values(), key=lambda f: f.number)

    def _continue(self, rows: list[_Row]) -> list[_Row]:
        """A row with 序号 and 反馈问题 blank goes on with the finding above (cities often
        leave the cells empty instead of merging them): fill what the finding shares."""
        previous: _Row | None = None
        for row in rows:
            v = row.values
            if previous is not None and is_blank(v.get("serial")) and is_blank(v.get("finding")):
                for f in ("serial", "finding", "target", "leader"):
                    if f in v and is_blank(v[f]):
                        v[f] = previous.values.get(f, "")
            previous = row
        return rows

    def _number(self, rows: list[_Row]) -> list[tuple[_Row, int, int | None]]:
        """(row, finding number, task number or None) per row; see the module docstring."""
        parsed = []
        for row in rows:
            n, m, ok = parse_serial(row.values.get("serial"))
            if not ok:
                self.problem(row, "serial", row.values.get("serial"), SERIAL_UNREADABLE)
            parsed.append((n, m))
        texts = [cell_text(r.values.get("finding", "")).strip() for r in rows]
        # Does 序号 number the findings? It does when it never changes inside a run of
        # rows with the same 反馈问题 (merged 序号 beside merged 反馈问题).
        by_finding = any(n is not None for n, _ in parsed)
        for i in range(1, len(rows)):
            if texts[i] and texts[i] == texts[i - 1] and parsed[i][1] is None and parsed[i - 1][1] is None:
                if parsed[i][0] is not None and parsed[i][0] != parsed[i - 1][0]:
                    by_finding = False
                    break
        out: list[tuple[_Row, int, int | None]] = []
        run = 0
        last_text = None
        for row, text, (n, m) in zip(rows, texts, parsed, strict=True):
            if text != last_text:
                run += 1
                last_text = text
            if m is not None:
                out.append((row, n, m))  # type: ignore[arg-type]
            elif by_finding and n is not None:
                out.append((row, n, None))
            else:
                out.append((row, run, None))
        # tasks numbered by 任务序号, else in row order within their finding
        counters: dict[int, int] = {}
        numbered = []
        for row, fnum, tnum in out:
            counters[fnum] = counters.get(fnum, 0) + 1
            if tnum is None and "task_no" in row.values:
                t, _, ok = parse_serial(row.values["task_no"])
                if not ok:
                    self.problem(row, "task_no", row.values["task_no"], SERIAL_UNREADABLE)
                tnum = t
            numbered.append((row, fnum, tnum if tnum is not None else counters[fnum]))
        return numbered

    def _text(self, row: _Row, name: str) -> str:
        raw = row.values.get(name)
        if raw is None or is_blank(raw):
            return ""
        text, msg = clean_text(raw)
        if msg is not None:
            self.problem(row, name, raw, str(msg), WARNING if msg.__class__ is not str else ERROR)
        return text

    def _task(self, row: _Row, fnum: int, tnum: int) -> TaskRecord | None:
        bad = False
        finding_text = self._text(row, "finding")
        if not finding_text:
            self.problem(row, "finding", row.values.get("finding"), FINDING_EMPTY)
            bad = True
        target, measures = self._text(row, "target"), self._text(row, "measures")
        if not target and not measures:
            self.problem(row, "measures" if "measures" in row.columns else "target", "", MEASURES_EMPTY)
            bad = True
        units, units_raw, units_bad = self._units(row)
        bad = bad or units_bad
        leader = " ".join(self._text(row, "leader").split())
        raw_deadline = row.values.get("deadline")
        deadline = parse_deadline(raw_deadline if not is_blank(raw_deadline) else None)
        if deadline.needs_review:
            message = DEADLINE_UNREADABLE if deadline.raw else DEADLINE_EMPTY
            self.problem(row, "deadline", raw_deadline, message, WARNING)
            if not bad:
                self.result.needs_review.append(
                    {"finding": fnum, "task": tnum, "raw": deadline.raw, "row": row.rn, "sheet": row.sheet}
                )
        if bad:
            return None
        return TaskRecord(
            sheet=row.sheet,
            row=row.rn,
            finding_number=fnum,
            task_number=tnum,
            finding_text=finding_text,
            target=target,
            measures=measures,
            leader=leader,
            units=units,
            units_raw=units_raw,
            deadline=deadline,
        )

    def _units(self, row: _Row) -> tuple[list[UnitRef], str, bool]:
        """Every unit of the row's unit columns, the lead unit(s) first."""
        lead: list[tuple[int, str]] = []
        others: list[tuple[int, str]] = []
        seen: set[int] = set()
        raws: list[str] = []
        bad = False
        for name in UNIT_FIELDS:
            if name not in row.columns:
                continue
            raw = row.values.get(name)
            if is_blank(raw):
                continue
            text = cell_text(raw).strip()
            raws.append(text)
            first_leads = name == "lead_units" or (name in ("units", "units_lead_first") and row.lead_first)
            if name == "units" and "lead_units" in row.columns and not is_blank(row.values.get("lead_units")):
                first_leads = False  # 牵头单位 has its own column: these are the others
            for part, role in _unit_parts(text):
                found = self._resolve(row, name, part)
                if found is None:
                    bad = True
                    continue
                if role == "lead" or (role is None and name == "lead_units"):
                    target = lead
                elif role == "other" or name == "support_units":
                    target = others
                elif first_leads and not lead and not others:
                    target = lead
                else:
                    target = others
                for ref in found:
                    if ref[0] not in seen:
                        seen.add(ref[0])
                        target.append(ref)
        if not raws:
            col = next((c for c in UNIT_FIELDS if c in row.columns), None)
            self.problem(row, col, "", UNITS_EMPTY)
            return [], "", True
        refs = [UnitRef(i, True, via) for i, via in lead] + [UnitRef(i, False, via) for i, via in others]
        return refs, "\n".join(raws), bad

    def _resolve(self, row: _Row, column: str, part: str) -> list[tuple[int, str]] | None:
        """(unit id, collective name or "") for one written name; None after filing
        the problem (unknown, or two units could be meant)."""
        match = self.directory.resolve(part)
        if match.kind == UNIT:
            return [(match.ids[0], "")]
        if match.kind == COLLECTIVE:
            c = match.collective
            assert c is not None
            own = [(c.unit_id, "")] if c.unit_id is not None else []
            return own + [(i, c.name) for i in c.members]
        if match.kind == AMBIGUOUS:
            names = "或".join(f"“{self.directory.label(i)}”" for i in match.ids)
            self.problem(row, column, part, UNIT_AMBIGUOUS.format(name=part, candidates=names))
            return None
        self.problem(row, column, part, UNIT_UNKNOWN.format(name=part))
        col = row.columns.get(column)
        unknown = self.result.unknown_units.get(part)
        if unknown is None:
            unknown = self.result.unknown_units[part] = UnknownUnit(part, suggestions=match.suggestions)
        unknown.places.append((row.sheet, row.rn, col.letter if col else ""))
        return None


def _unit_parts(text: str) -> list[tuple[str, str | None]]:
    """ "牵头单位：市生态环境局；配合单位：市水利局、岳塘区" → [(name, "lead"|"other"|None)]."""
    out: list[tuple[str, str | None]] = []
    role: str | None = None
    pieces = _LABEL.split(text)
    # split with a capture group: [before, label, after, label, after, …]
    chunks: list[tuple[str | None, str]] = [(None, pieces[0])]
    for i in range(1, len(pieces), 2):
        label = pieces[i]
        chunks.append(("lead" if "牵头" in label else "other" if label != "责任单位" else None, pieces[i + 1]))
    for role, chunk in chunks:
        for part in _UNIT_SPLIT.split(chunk):
            part = part.strip().strip("。.")
            if not part:
                continue
            mark = role
            if _LEAD_MARK.search(part):
                mark, part = "lead", _LEAD_MARK.sub("", part).strip()
            elif _OTHER_MARK.search(part):
                mark, part = "other", _OTHER_MARK.sub("", part).strip()
            elif m := _SUFFIX.search(part):  # 市生态环境局牵头 / 市水利局配合 / 市住建局等
                word = m.group(1)
                mark = "lead" if word == "牵头" else "other" if word in ("配合", "参与", "协办") else mark
                part = part[: m.start()].strip()
            if part:
                out.append((part, mark))
    return out

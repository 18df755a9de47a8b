"""Shared helpers of the blind intake tests: run a command as the office would, read its JSON,
and compare the database with the expected results written beside each input file."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.test import TestCase

FILES = Path(__file__).resolve().parent / "files"
INSPECTIONS = json.loads((FILES / "inspections.json").read_text(encoding="utf-8"))
SHANGHAI = ZoneInfo("Asia/Shanghai")


def expected(name: str) -> dict:
    return json.loads((FILES / f"{name}.expected.json").read_text(encoding="utf-8"))


@dataclass
class Outcome:
    """What the office sees: the exit code, the JSON printed, and any message."""

    exit: int
    json: dict | None
    stdout: str
    message: str

    def describe(self) -> str:
        return f"exit {self.exit}; message: {self.message!r}; stdout: {self.stdout[:1500]!r}"


def run(command: str, *args: str) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    code, message = 0, ""
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except CommandError as exc:
        code = getattr(exc, "returncode", 1)
        message = str(exc)
    stdout = out.getvalue()
    return Outcome(code, parse_json(stdout), stdout, message or err.getvalue())


def parse_json(text: str) -> dict | None:
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def create_inspection(code: str) -> None:
    spec = INSPECTIONS[code]
    call_command(
        "create_inspection",
        code,
        "--team",
        spec["team"],
        "--province",
        spec["province"],
        "--start",
        spec["start"],
        "--kind",
        spec["kind"],
        "--round",
        spec["round"],
        stdout=io.StringIO(),
    )


class IntakeCase(TestCase):
    """The demo's 湘潭 regions, units and people, and the inspections the files belong to."""

    inspections: tuple[str, ...] = ()

    @classmethod
    def setUpTestData(cls):
        from ducha.demo import load_org

        load_org()
        for code in cls.inspections:
            create_inspection(code)


def location(error: dict) -> tuple:
    return (error.get("sheet"), error.get("row"), str(error.get("column") or "").upper())


def error_text(error: dict) -> str:
    return " ".join(str(v) for v in error.values() if v is not None)


def local_date(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(SHANGHAI)
    return value.date().isoformat()


def names(text: str) -> set[str]:
    return {p for p in re.split(r"[、，,；;/\s]+", text or "") if p}


def unit_matches(unit, spec: dict) -> bool:
    """Whether a directory unit is what the list wrote: one alternative's substrings all in its
    name (or, for a known 简称, its short name), none of the forbidden ones."""
    full = unit.name
    if any(bad in full for bad in spec.get("none", [])):
        return False
    return any(all(part in full for part in alt) for alt in spec.get("any", []))

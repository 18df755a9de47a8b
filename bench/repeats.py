"""Repeat-suggestion benchmark at the service level (issue 4).

    .venv/bin/python bench/repeats.py [--rows 100000] [--postgres]

Imports `rows` complaints (the team's layout, generated), then in one process:
  cold   scan_repeats over all of them (index built from nothing, every one queried)
  batch  a new 300-complaint batch imported and scanned against the warm index
Prints complaints/s and the batch's wall time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--postgres", action="store_true")
    args = ap.parse_args()
    os.environ["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-repeats-")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    if args.postgres:
        import psycopg

        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS ducha_bench_repeats")
            c.execute("CREATE DATABASE ducha_bench_repeats")
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/ducha_bench_repeats"
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command

    from ducha.complaints.models import RepeatSuggestion
    from ducha.complaints.services import intake, repeats
    from ducha.core.parsing.tests.messy import write_batch_xlsx
    from ducha.inspections import services as inspections
    from ducha.org.scoping import system_user

    call_command("migrate", verbosity=0)
    inspection = inspections.create_inspection(
        actor=system_user(),
        code="bench",
        team="中央第六生态环境保护督察组",
        province="湖南省",
        start_date=dt.date(2021, 4, 6),
    )
    work = Path(tempfile.mkdtemp())
    write_batch_xlsx(work / "big.xlsx", rows=args.rows, seed=21)
    assert intake.import_batch(work / "big.xlsx", actor=system_user(), inspection=inspection, batch_number=1).ok
    t = time.perf_counter()
    repeats.scan_repeats(inspection=inspection)
    cold = time.perf_counter() - t
    print(f"cold scan of {args.rows:,}: {cold:.1f} s = {args.rows / cold:,.0f} complaints/s (index + query)")
    print(f"  suggestions made: {RepeatSuggestion.objects.count():,}")
    later = inspections.create_inspection(
        actor=system_user(), code="bench2", team="x", province="湖南省", start_date=dt.date(2021, 5, 6)
    )
    write_batch_xlsx(work / "new.xlsx", rows=300, seed=99)
    assert intake.import_batch(work / "new.xlsx", actor=system_user(), inspection=later, batch_number=1).ok
    t = time.perf_counter()
    repeats.scan_repeats(inspection=later)
    print(f"new batch of 300 against {args.rows:,} earlier (warm index): {(time.perf_counter() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""Import benchmark: a 100,000-row batch in the team's layout, end to end.

    .venv/bin/python bench/import.py [--rows 100000] [--csv-rows 1000000] [--no-postgres]

For each database (SQLite in a fresh DUCHA_HOME; PostgreSQL in a scratch database)
it runs, each in its own process so peak RSS is that run's alone:
  read     a plain python-calamine read of the file (the floor to compare with)
  import   parse + validate + write, rows/s and peak RSS
  reimport the same file again (all unchanged)
and, with --csv-rows, a streamed import of a GB18030 CSV of that many rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = "postgres://postgres@127.0.0.1:5432/ducha_bench"

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
mode, path = sys.argv[1], sys.argv[2]
if mode == "read":
    from python_calamine import CalamineWorkbook
    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(path)
    n = sum(len(wb.get_sheet_by_name(s).to_python()) for s in wb.sheet_names)
    out = {{"rows": n, "seconds": time.perf_counter() - t}}
else:
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
    django.setup()
    from django.core.management import call_command
    if mode == "migrate":
        call_command("migrate", verbosity=0)
        from ducha.inspections import services as inspections
        from ducha.org.scoping import system_user
        inspections.create_inspection(actor=system_user(), code="bench", team="中央第六生态环境保护督察组",
                                   province="湖南省", start_date=__import__("datetime").date(2021, 4, 6))
        out = {{}}
    else:
        from ducha.complaints.services import intake
        from ducha.org.scoping import system_user
        from ducha.inspections.models import Inspection
        t = time.perf_counter()
        r = intake.import_batch(path, actor=system_user(), inspection=Inspection.objects.get(code="bench"))
        out = {{"seconds": time.perf_counter() - t, "created": r.created, "updated": r.updated,
               "unchanged": r.unchanged, "errors": len(r.errors), "first_error": r.errors[:1]}}
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def child(mode: str, path: Path, env: dict) -> dict:
    code = CHILD.format(root=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code, mode, str(path)], env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_env(database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DUCHA_HOME")}
    env["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-")
    if database_url:
        import psycopg

        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS ducha_bench")
            c.execute("CREATE DATABASE ducha_bench")
        env["DATABASE_URL"] = database_url
    child("migrate", Path("-"), env)
    return env


def report(label: str, rows: int, r: dict) -> None:
    rate = rows / r["seconds"] if r["seconds"] else 0
    extra = {k: r[k] for k in ("created", "updated", "unchanged", "errors") if k in r}
    print(f"  {label:<10} {r['seconds']:7.2f} s  {rate:9,.0f} rows/s  peak RSS {r['peak_rss_mb']:6.0f} MB  {extra}")
    if r.get("errors"):
        print("   first error:", r["first_error"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--csv-rows", type=int, default=0)
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args()
    from ducha.core.parsing.tests.messy import write_batch_csv, write_batch_xlsx

    work = Path(tempfile.mkdtemp(prefix="ducha-bench-files-"))
    xlsx = work / "batch.xlsx"
    t = time.perf_counter()
    write_batch_xlsx(xlsx, rows=args.rows, seed=7)
    print(f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f} s ({xlsx.stat().st_size / 1e6:.1f} MB)")
    report("read", args.rows, child("read", xlsx, dict(os.environ)))
    databases = [("SQLite", None)] + ([] if args.no_postgres else [("PostgreSQL", PG)])
    for name, url in databases:
        print(name)
        env = fresh_env(url)
        report("import", args.rows, child("import", xlsx, env))
        report("reimport", args.rows, child("import", xlsx, env))
        if args.csv_rows:
            csv = work / "big.csv"
            write_batch_csv(csv, rows=args.csv_rows, seed=8, encoding="gb18030")
            env = fresh_env(url)
            report("csv", args.csv_rows, child("import", csv, env))


if __name__ == "__main__":
    main()

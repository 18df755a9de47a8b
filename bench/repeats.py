"""Repeat-suggestion benchmark at the service level, through the keys in the database.

    .venv/bin/python bench/repeats.py [--rows 100000] [--small 1000] [--postgres] [--no-reindex]

Each step runs in its own process (so its peak RSS is its own):
  build   a database of `rows` generated complaints (the team's layout), imported with
          their keys, then the cold scan: scan_repeats over all of them (complaints/s,
          wall and CPU time), and `repeats --reindex` over all of them (features and
          keys from nothing, written: the cold indexing)
  batch   a new batch of 300 imported into a later inspection, then scan_repeats for it
          against everything earlier: time to suggestions, and the process's peak RSS
The batch step runs against `small` and against `rows` earlier complaints: the peak RSS
should be the same, as nothing grows with the number of complaints.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"

CHILD = r"""
import datetime as dt, json, os, resource, sys, time
sys.path.insert(0, {root!r})
import django
django.setup()
from ducha.complaints.models import RepeatSuggestion
from ducha.complaints.services import intake, repeat_index, repeats
from ducha.core.parsing.tests.messy import write_batch_xlsx
from ducha.core.textsim import default_gazetteer, default_lexicon
from ducha.inspections import services as inspections
from ducha.org.scoping import system_user
step, rows, work = {step!r}, {rows!r}, {work!r}
out = {{}}
if step == "build":
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    first = inspections.create_inspection(actor=system_user(), code="bench", team="中央第六生态环境保护督察组",
                                          province="湖南省", start_date=dt.date(2021, 4, 6))
    path = write_batch_xlsx(os.path.join(work, f"big-{{rows}}.xlsx"), rows=rows, seed=21).path
    t = time.perf_counter()
    assert intake.import_batch(path, actor=system_user(), inspection=first, batch_number=1).ok
    out["import_s"] = time.perf_counter() - t
    default_gazetteer(), default_lexicon()
    t, c = time.perf_counter(), time.process_time()
    repeats.scan_repeats(inspection=first)
    out["scan_s"], out["scan_cpu_s"] = time.perf_counter() - t, time.process_time() - c
    out["suggestions"] = RepeatSuggestion.objects.count()
    if {reindex!r}:
        t = time.perf_counter()
        repeat_index.reindex()
        out["reindex_s"] = time.perf_counter() - t
else:
    later = inspections.create_inspection(actor=system_user(), code=f"later-{{time.time_ns()}}", team="x",
                                          province="湖南省", start_date=dt.date(2021, 5, 6))
    path = write_batch_xlsx(os.path.join(work, "new.xlsx"), rows=300, seed=99).path
    assert intake.import_batch(path, actor=system_user(), inspection=later, batch_number=1).ok
    default_gazetteer(), default_lexicon()
    t, c = time.perf_counter(), time.process_time()
    made = repeats.scan_repeats(inspection=later)
    out["batch_ms"], out["batch_cpu_ms"] = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
    out["batch_suggestions"] = made
    RepeatSuggestion.objects.filter(complaint__inspection=later).delete()  # the next run starts alike
out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps(out))
"""


def database(size: int, postgres: bool) -> dict[str, str]:
    """The environment of a fresh database for `size` complaints."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ducha.settings")
    env["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    env["DUCHA_HOME"] = tempfile.mkdtemp(prefix=f"ducha-bench-repeats-{size}-")
    env.pop("DATABASE_URL", None)
    if postgres:
        import psycopg

        name = f"ducha_bench_repeats_{size}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    return env


def child(step: str, rows: int, env: dict, reindex: bool = False) -> dict:
    code = CHILD.format(root=str(ROOT), step=step, rows=rows, work=tempfile.mkdtemp(), reindex=reindex)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if done.returncode or line is None:
        sys.exit(f"bench step {step} ({rows:,}) failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(line[len("RESULT ") :])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--postgres", action="store_true")
    ap.add_argument("--no-reindex", action="store_true", help="skip timing repeats --reindex over the large database")
    args = ap.parse_args()
    print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}")
    rss = {}
    for size in (args.small, args.rows):
        env = database(size, args.postgres)
        built = child("build", size, env, reindex=not args.no_reindex and size == args.rows)
        batch = child("batch", size, env)
        rss[size] = batch["maxrss_mb"]
        print(f"-- {size:,} earlier complaints")
        print(f"import with keys: {size / built['import_s']:,.0f} complaints/s")
        print(
            f"cold scan of {size:,}: {built['scan_s']:.1f} s = {size / built['scan_s']:,.0f} complaints/s "
            f"(CPU {size / built['scan_cpu_s']:,.0f}/s), {built['suggestions']:,} suggestions"
        )
        if "reindex_s" in built:
            print(
                f"repeats --reindex of {size:,} (features + keys written): {size / built['reindex_s']:,.0f} complaints/s"
            )
        print(
            f"new batch of 300 against {size:,} earlier: {batch['batch_ms']:.0f} ms to suggestions "
            f"(CPU {batch['batch_cpu_ms']:.0f} ms; {batch['batch_suggestions']} made); "
            f"peak RSS {batch['maxrss_mb']:.0f} MB"
        )
    small, large = rss[args.small], rss[args.rows]
    print(f"peak RSS of the batch process: {small:.0f} MB at {args.small:,}, {large:.0f} MB at {args.rows:,}")


if __name__ == "__main__":
    main()

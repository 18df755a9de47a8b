"""Page benchmark: the handling pages at 10^5 complaints (a benchmark, not a test).

    .venv/bin/python bench/pages.py [--rows 100000] [--requests 20] [--postgres]

For each database (SQLite in a fresh DUCHA_HOME; with --postgres also a scratch
PostgreSQL database `ducha_bench_pages`) a child process migrates, builds the test
cast, imports a generated batch of --rows complaints through the real import service,
then dispatches about 30% with bulk SQL (assignments included; some submitted, some
closed, some overdue), adds open repeat suggestions and pending requests, and times
the pages with Django's test Client, signed in as the office and as the 雨湖区
handler: --requests requests each, median and p95 in ms.
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
PG = "postgres://postgres@127.0.0.1:5432/ducha_bench_pages"

CHILD = r"""
import datetime as dt, json, os, statistics, sys, tempfile, time, types
from pathlib import Path
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import setup_test_environment
from django.utils import timezone

rows, requests = int(sys.argv[1]), int(sys.argv[2])
timings = {{}}
call_command("migrate", verbosity=0)
from ducha.inspections import services as inspections
from ducha.testing import build_cast
cast = types.SimpleNamespace()
build_cast(cast)
from ducha.complaints import queries
from ducha.complaints.services import intake
from ducha.complaints.models import (Assignment, AssignmentRequest, Complaint, RepeatSuggestion)
from ducha.core.parsing.tests.messy import write_batch_xlsx

t = time.perf_counter()
inspection = inspections.create_inspection(actor=cast.office, code="bench", team="中央第六生态环境保护督察组",
                                        province="湖南省", start_date=dt.date(2021, 4, 6))
path = Path(tempfile.mkdtemp()) / "batch.xlsx"
write_batch_xlsx(path, rows=rows, seed=7)
result = intake.import_batch(path, actor=cast.office, inspection=inspection)
assert result.ok, result.errors[:3]
timings["build_import_s"] = round(time.perf_counter() - t, 1)

# about 30% dispatched by bulk SQL: 2/3 of them to 雨湖区, 1/3 to 岳塘区; of those, a
# third submitted, a third closed, the rest in hand, due dates spread around today
t = time.perf_counter()
today = timezone.localdate()
now = timezone.now()
yuhu, yuetang = cast.unit_yuhu.pk, cast.unit_yuetang.pk
ids = list(Complaint.objects.order_by("pk").values_list("pk", flat=True))
picked = [pk for pk in ids if pk % 10 < 3]
with transaction.atomic():
    with connection.cursor() as cur:
        table = Complaint._meta.db_table
        for status, rem in (("dispatched", 0), ("submitted", 1), ("closed", 2)):
            for unit, mod in ((yuhu, (0, 1)), (yuetang, (2,))):
                cur.execute(
                    f"UPDATE {{table}} SET status=%s, lead_unit_id=%s, dispatched_at=%s, closed_at=%s "
                    f"WHERE id %% 10 IN ({{','.join(str(m) for m in mod)}}) AND (id / 10) %% 3 = %s",
                    [status, unit, now, now if status == "closed" else None, rem],
                )
    # due dates spread from 20 days ago to 20 days ahead, in 41 bulk updates
    for offset in range(-20, 21):
        Complaint.objects.filter(pk__in=[pk for pk in picked if pk % 41 == offset + 20]).update(
            due_on=today + dt.timedelta(days=offset)
        )
    Assignment.objects.bulk_create(
        [Assignment(complaint_id=pk, unit_id=yuetang if pk % 10 == 2 else yuhu, role="lead",
                    assigned_at=now, assigned_by=cast.office) for pk in picked],
        batch_size=5000,
    )
    assignments = list(Assignment.objects.filter(complaint__status="dispatched").order_by("pk")[:500])
    AssignmentRequest.objects.bulk_create(
        [AssignmentRequest(assignment=a, kind="extension", extra_days=5, reason="需要监测数据",
                           requested_by=cast.handler, requested_at=now) for a in assignments]
    )
    fresh = [pk for pk in ids if pk % 10 >= 3]
    RepeatSuggestion.objects.bulk_create(
        [RepeatSuggestion(complaint_id=pk, candidate_id=pk - 1, score="0.800", reasons=["同一村"])
         for pk in fresh[1:2001]]
    )
timings["dispatch_sql_s"] = round(time.perf_counter() - t, 1)
timings["counts"] = {{
    "complaints": Complaint.objects.count(),
    "dispatched": len(picked),
    "handler_visible": Assignment.objects.filter(unit_id=yuhu).count(),
}}
if connection.vendor == "postgresql":
    with connection.cursor() as cur:
        cur.execute("ANALYZE")

setup_test_environment()
office, handler = Client(), Client()
office.force_login(cast.office)
handler.force_login(cast.handler)
detail_pk = picked[len(picked) // 2]
deep = Complaint.objects.order_by("-accepted_at", "-id").values_list("accepted_at", "pk")[int(rows * 0.9)]
deep_cursor = queries._encode(deep[0], deep[1])
from urllib.parse import urlencode
pages = [
    ("office", "queue 待转办", "/complaints/queue/?tab=received"),
    ("office", "queue 待审核", "/complaints/queue/?tab=submitted"),
    ("office", "queue 即将逾期", "/complaints/queue/?tab=due_soon"),
    ("office", "queue 已逾期", "/complaints/queue/?tab=overdue"),
    ("office", "queue 待审批申请", "/complaints/queue/?tab=requests"),
    ("office", "queue 重复件", "/complaints/queue/?tab=repeats"),
    ("office", "list first page", "/complaints/"),
    ("office", "list deep keyset (90%)", "/complaints/?" + urlencode({{"sort": "-accepted_at", "after": deep_cursor}})),
    ("office", "detail", f"/complaints/{{detail_pk}}/"),
    ("office", "figures by inspection", "/complaints/figures/"),
    ("office", "figures by unit", "/complaints/figures/?by=unit"),
    ("office", "home", "/home/"),
    ("handler", "mine 待办理", "/complaints/mine/"),
    ("handler", "mine 已办结", "/complaints/mine/?tab=closed"),
    ("handler", "list first page", "/complaints/"),
    ("handler", "detail", f"/complaints/{{detail_pk}}/"),
    ("handler", "home", "/home/"),
]
results = []
for who, label, url in pages:
    client = office if who == "office" else handler
    r = client.get(url)
    assert r.status_code == 200, (who, url, r.status_code)
    samples = []
    for _ in range(requests):
        t = time.perf_counter()
        r = client.get(url)
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    results.append({{"who": who, "page": label, "median_ms": round(statistics.median(samples), 1),
                    "p95_ms": round(p95, 1)}})
timings["pages"] = results
print(json.dumps(timings, ensure_ascii=False))
"""


def run(database_url: str | None, rows: int, requests: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DUCHA_HOME")}
    env["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-pages-")
    if database_url:
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = database_url
    code = CHILD.format(root=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, str(rows), str(requests)], env=env, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"benchmark failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--postgres", action="store_true")
    args = ap.parse_args()
    databases = [("SQLite", None)] + ([("PostgreSQL", PG)] if args.postgres else [])
    for name, url in databases:
        t = time.perf_counter()
        r = run(url, args.rows, args.requests)
        print(
            f"{name}: {r['counts']['complaints']:,} complaints, {r['counts']['dispatched']:,} dispatched "
            f"({r['counts']['handler_visible']:,} to 雨湖区); import {r['build_import_s']} s, "
            f"dispatch SQL {r['dispatch_sql_s']} s, whole run {time.perf_counter() - t:.0f} s"
        )
        print(f"  {'who':<8} {'page':<26} {'median ms':>10} {'p95 ms':>8}")
        for p in r["pages"]:
            print(f"  {p['who']:<8} {p['page']:<26} {p['median_ms']:>10.1f} {p['p95_ms']:>8.1f}")


if __name__ == "__main__":
    main()

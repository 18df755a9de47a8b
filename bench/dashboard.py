"""Leaders' dashboard benchmark: 10^5 complaints and 10^3 tasks, /dashboard/ rendered
by the Django test client as the leader; median of 20. Target < 300 ms.

    .venv/bin/python bench/dashboard.py [--complaints 100000] [--postgres]
"""

import argparse
import json
import statistics
import time

from supervision_data import populate, setup_django

PG = "postgres://postgres@127.0.0.1:5432/ducha_bench_dash"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    setup_django(PG if args.postgres else None)
    from django.utils import timezone

    today = timezone.localdate()
    actors = populate(args.complaints, args.tasks, today=today)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from ducha.org.scoping import system_user
    from ducha.supervision.services.overdue import scan_overdue

    scan_overdue(actor=system_user(), today=today)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    setup_test_environment()
    client = Client()
    client.force_login(actors["leader"])
    url = "/dashboard/?inspection=bench"
    assert client.get(url).status_code == 200  # warm
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "complaints": args.complaints,
                "tasks": args.tasks,
                "median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
                "queries": len(q),
            }
        )
    )


if __name__ == "__main__":
    main()

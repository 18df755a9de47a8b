"""Overdue scan benchmark: 10^5 open complaints (and 10^3 tasks), one scan_overdue.

    .venv/bin/python bench/overdue.py [--complaints 100000] [--postgres]

Prints the first scan (every alert new) and a second scan (nothing changes). Target < 10 s.
"""

import argparse
import datetime as dt
import json
import time

from supervision_data import populate, setup_django

PG = "postgres://postgres@127.0.0.1:5432/ducha_bench_overdue"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=1_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    setup_django(PG if args.postgres else None)
    today = dt.date(2026, 3, 6)
    populate(args.complaints, args.tasks, today=today, open_share=1.0)
    from ducha.org.scoping import system_user
    from ducha.supervision.services.overdue import scan_overdue

    t = time.perf_counter()
    first = scan_overdue(actor=system_user(), today=today)
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    scan_overdue(actor=system_user(), today=today)
    second_s = time.perf_counter() - t
    t = time.perf_counter()
    scan_overdue(actor=system_user(), today=today + dt.timedelta(days=3))
    third_s = time.perf_counter() - t
    print(
        json.dumps(
            {
                "database": "postgresql" if args.postgres else "sqlite",
                "open_complaints": args.complaints,
                "tasks": args.tasks,
                "first_scan_s": round(first_s, 2),
                "repeat_scan_s": round(second_s, 2),
                "three_days_later_s": round(third_s, 2),
                "complaint": first["complaint"],
                "notified": first["notified"],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

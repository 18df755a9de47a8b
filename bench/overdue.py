"""Overdue scan benchmark: 10^5 open complaints (and 10^3 tasks), one scan_overdue.

    .venv/bin/python bench/overdue.py [--complaints 100000] [--postgres]

Prints wall and CPU seconds of the first scan (every alert new), a repeat scan (nothing
changes) and a scan three days later (yellows turn red). Target: each scan <= 2 s wall.
"""

import argparse
import datetime as dt
import json
import os
import time

from supervision_data import populate, setup_django

TARGET_S = 2.0
# several people bench on one server: BENCH_OVERDUE_PG names a scratch database of your own
PG = os.environ.get("BENCH_OVERDUE_PG", "postgres://postgres@127.0.0.1:5432/ducha_bench_overdue")


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

    def timed(day):
        wall, cpu = time.perf_counter(), time.process_time()
        out = scan_overdue(actor=system_user(), today=day)
        return out, {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2)}

    first, first_t = timed(today)
    _second, second_t = timed(today)
    _third, third_t = timed(today + dt.timedelta(days=3))
    print(
        json.dumps(
            {
                "database": "postgresql" if args.postgres else "sqlite",
                "open_complaints": args.complaints,
                "tasks": args.tasks,
                "first_scan": first_t,
                "repeat_scan": second_t,
                "three_days_later": third_t,
                "target_wall_s": TARGET_S,
                "within_target": all(t["wall_s"] <= TARGET_S for t in (first_t, second_t, third_t)),
                "complaint": first["complaint"],
                "notified": first["notified"],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

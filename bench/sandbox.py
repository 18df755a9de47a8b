"""Benchmark of the reader sandbox (ducha.core.sandbox).

Streams N complaint-sized records (12 fields, ~200 characters of text) from a child
process, and times a child that only starts and returns. Prints records/s through the
pipe, the parent's peak memory beside the size of the records, and the start latency.

    .venv/bin/python bench/sandbox.py [--n 100000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.core import sandbox
from ducha.core.tests import sandbox_children

TEXT = "雨湖区长城乡石码头村某养猪场污水直排水塘，臭味扰民，多次反映未解决。" * 6


def records(n: int):
    for i in range(n):
        yield (f"D{i:06d}", TEXT, "雨湖区", "水", "大气", "来电", "2021-04-07 10:02", "", "", "否", "是", i)
    return {"count": n}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    limits = sandbox.Limits(memory_mb=1024, seconds=120)

    started = time.perf_counter()
    sandbox.call(sandbox_children.allocate, 0, limits=limits)
    print(f"first child (starts the fork server): {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    for _ in range(5):
        sandbox.call(sandbox_children.allocate, 0, limits=limits)
    print(f"each later child, start to return: {(time.perf_counter() - started) / 5 * 1000:.0f} ms")

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    run = sandbox.stream(records, args.n, limits=limits, label="bench")
    count = sum(1 for _ in run)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{count:,} records streamed in {seconds:.2f} s: {count / seconds:,.0f} records/s, {run.chunks} chunks")
    print(f"parent peak RSS grew {(peak - before) / 1024:.1f} MB while streaming (records not kept)")


if __name__ == "__main__":
    main()

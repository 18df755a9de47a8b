"""Benchmark of sealing at rest: files (ducha.core.sealfile) and identity in free text
(ducha.core.pii_text), the two costs every save and every read now pays.

Prints MB/s sealing and opening a file in 64 KiB records, the parent's peak memory
beside the file's size (streaming: the file is never whole in memory), and texts/s
through the finder with and without identity in them.

    .venv/bin/python bench/sealing.py [--mb 50] [--texts 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.core import pii_text, sealfile

KEY = os.urandom(16)
PLAIN = "雨湖区长城乡石码头村某养猪场污水直排水塘，臭味扰民，多次反映未解决，2024年6月7日起罚款5000元。"
NAMED = "举报人张伟反映某厂夜间偷排，电话138 {:04d} 5678，身份证430302199001011234。"


def bench_file(mb: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plain, sealed = Path(folder) / "plain.bin", Path(folder) / "sealed.bin"
        with plain.open("wb") as f:
            for _ in range(mb):
                f.write(os.urandom(1 << 20))
        start = time.perf_counter()
        with plain.open("rb") as src, sealed.open("wb") as out:
            sealfile.seal_stream(iter(lambda: src.read(1 << 20), b""), out, KEY)
        seal_s = time.perf_counter() - start
        start = time.perf_counter()
        with sealfile.open_stream(sealed.open("rb"), KEY) as f:
            while f.read(1 << 20):
                pass
        open_s = time.perf_counter() - start
        overhead = sealed.stat().st_size - plain.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file {mb} MB: seal {mb / seal_s:.0f} MB/s, open {mb / open_s:.0f} MB/s, +{overhead} bytes")
    print(f"peak memory of this process: {peak_mb:.0f} MB (file {mb} MB)")


def bench_text(n: int) -> None:
    for label, texts in (
        ("no identity", [PLAIN] * n),
        ("name, phone, ID", [NAMED.format(i % 10000) for i in range(n)]),
    ):
        start = time.perf_counter()
        for text in texts:
            pii_text.extract(text, ["张伟"])
        seconds = time.perf_counter() - start
        print(f"free text, {label}: {n / seconds:,.0f} texts/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--texts", type=int, default=100_000)
    args = parser.parse_args()
    bench_file(args.mb)
    bench_text(args.texts)

"""Benchmark of hostile uploads through the sandboxed reader (ducha.core.parsing.isolated).

Writes the hostile corpus of the tests (ducha/core/parsing/tests/hostile.py) plus a zip
bomb of --bomb-mb megabytes of sheet XML, reads each in a child process under the
deployment's default limits, and prints per file: its size, the wall time from upload
to answer, the outcome (records, or the first located error) and this process's peak
memory, which must stay flat: whatever a file costs, it costs the child.

    .venv/bin/python bench/hostile.py [--bomb-mb 1024]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.core.parsing import ParseError, isolated
from ducha.core.parsing.tests import hostile
from ducha.core.sandbox import Limits

LIMITS = Limits(memory_mb=2048, seconds=300)


def big_bomb(folder: Path, mb: int) -> Path:
    """A workbook whose sheet inflates to `mb` megabytes of blanks (about 1 MB on disk per GB)."""
    src = hostile.good_xlsx(folder)
    out = folder / f"bomb-{mb}mb.xlsx"
    sheet = hostile.sheet_xml("") + b" " * (1 << 20)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for _ in range(mb):
                f.write(sheet[: 1 << 20])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bomb-mb", type=int, default=1024)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    files = [make(folder) for make, _expected in hostile.CORPUS.values()]
    files += [hostile.big_grid(folder), big_bomb(folder, args.bomb_mb)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'file':<22}{'bytes':>11}{'seconds':>9}  outcome")
    for path in files:
        started = time.perf_counter()
        try:
            parsed = isolated.parse_complaint_file(
                path, limits=LIMITS, label=path.name, regions={"雨湖区": "430302"}, pollution_types={}
            )
            count = sum(1 for _ in parsed.records())
            outcome = f"{count} records, {len(parsed.errors)} errors" + (
                f": {parsed.errors[0].message[:40]}" if parsed.errors else ""
            )
        except ParseError as exc:
            outcome = exc.message[:60]
        seconds = time.perf_counter() - started
        print(f"{path.name:<22}{path.stat().st_size:>11,}{seconds:>9.2f}  {outcome}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"this process's peak RSS grew {(peak - before) / 1024:.1f} MB over the whole corpus")


if __name__ == "__main__":
    main()

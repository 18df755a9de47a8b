"""Repeat suggestions over the independent evaluation sets (bench/data/repeats_eval*/),
through the application: the database, the import and the repeat service.

    .venv/bin/python bench/repeats_eval.py [--set DIR] [--out FILE] [--verbose] [--postgres]

Without --set it runs every set present (repeats_eval, repeats_eval2, repeats_eval3, …).
For each set, in a throwaway database: the complaints are written by the import's own
writer, oldest first (received day, then id), in one batch per round and batch, so
their keys and features go in as they would; then `scan_repeats` suggests, as the
worker does after an import. Prints recall of repeat pairs, look-alikes suggested
(count and share), suggestions per complaint and speed, then the set's own checker
(check.py) on the same pairs. --verbose lists misses and look-alikes suggested: use it
on the set you tune on only, never on a held-out set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "ducha_bench_repeats_eval"


def setup(postgres: bool) -> None:
    os.environ["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-repeats-eval-")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
    os.environ.pop("DATABASE_URL", None)
    if postgres:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            c.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, help="one set's folder (default: every bench/data/repeats_eval*)")
    parser.add_argument("--out", type=Path, help="write the suggested pairs here (JSON; one set only)")
    parser.add_argument("--verbose", action="store_true", help="print missed pairs and look-alikes suggested")
    parser.add_argument("--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite")
    args = parser.parse_args()
    sets = [args.set] if args.set else sorted(p for p in (ROOT / "bench/data").glob("repeats_eval*") if p.is_dir())
    setup(args.postgres)
    for n, folder in enumerate(sets):
        if n:
            print()
        print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
        run(folder, args)


def load(folder: Path, complaints: list[dict]) -> dict[int, str]:
    """Write the set's complaints as the import does; {complaint pk: the set's id}."""
    from django.db import transaction

    from ducha.complaints.models import Batch, Complaint
    from ducha.complaints.services import import_rows
    from ducha.core.parsing import ComplaintRecord
    from ducha.inspections import services as inspections
    from ducha.inspections.models import Inspection
    from ducha.org.scoping import system_user

    regions, _ = import_rows.region_lookup()
    pollution = import_rows.pollution_lookup()
    tag = folder.name
    ids = {}
    rounds = {}
    for round_ in dict.fromkeys(c["inspection"] for c in complaints):
        code = f"{tag}-{round_}"
        rounds[round_] = Inspection.objects.filter(code=code).first() or inspections.create_inspection(
            actor=system_user(), code=code, team="督察组", province="湖南省", start_date=dt.date(2017, 1, 1)
        )
    with transaction.atomic():
        for (round_, batch_no), rows in itertools.groupby(complaints, key=lambda c: (c["inspection"], c["batch"])):
            inspection = rounds[round_]
            batch = Batch.objects.get_or_create(
                inspection=inspection,
                number=batch_no,
                defaults={"handed_over_on": dt.date(2017, 1, 1), "source_name": "eval", "source_sha256": "0" * 64},
            )[0]
            rows = list(rows)
            records = [
                ComplaintRecord(
                    sheet=tag,
                    row=n,
                    ref=c["ref"],
                    is_key=False,
                    channel=None,
                    accepted_at=dt.datetime.fromisoformat(c["received"]),
                    text=c["text"],
                    region_code=regions.lookup(c["region"]),
                    pollution_types=tuple(sorted({pollution[p] for p in c["pollution_types"] if p in pollution})),
                    team_repeat=None,
                    complainant_name="",
                    complainant_phone="",
                    complainant_id_number="",
                    complainant_address="",
                )
                for n, c in enumerate(rows, start=1)
            ]
            import_rows.write_records(records, actor=system_user(), inspection=inspection, batch=batch)
            refs = dict(Complaint.objects.filter(batch=batch).values_list("ref", "pk"))
            ids.update((refs[c["ref"]], c["id"]) for c in rows)
    return ids


def clear() -> None:
    """Empty the complaints of the previous set (their keys, features and suggestions go with them)."""
    from ducha.complaints.models import Batch, Complaint

    Complaint.objects.all().delete()
    Batch.objects.all().delete()


def run(folder: Path, args) -> None:
    from ducha.complaints.models import RepeatKey, RepeatSuggestion
    from ducha.complaints.services import repeats
    from ducha.core.textsim import FLOOR, TOP, default_gazetteer, default_lexicon

    complaints = json.loads((folder / "complaints.json").read_text(encoding="utf-8"))
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    default_gazetteer(), default_lexicon()  # loaded once per process, not timed
    clear()
    order = sorted(complaints, key=lambda c: (c["received"], c["id"]))
    t0 = time.perf_counter()
    ids = load(folder, order)
    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    repeats.scan_repeats()
    t_scan = time.perf_counter() - t0
    suggested = [
        (ids[a], ids[b], float(score), reasons)
        for a, b, score, reasons in RepeatSuggestion.objects.values_list("complaint", "candidate", "score", "reasons")
    ]
    n = len(order)
    per = {}
    for a, *_ in suggested:
        per[a] = per.get(a, 0) + 1
    pairs = {frozenset(p[:2]) for p in suggested}
    repeat_pairs = {frozenset(p) for g in truth["groups"] for p in itertools.combinations(g, 2)}
    looks = {frozenset(p[:2]) for p in truth["lookalikes"]}
    found, flagged = repeat_pairs & pairs, looks & pairs
    print(f"evaluation set: {n} complaints, {len(repeat_pairs)} repeat pairs, {len(looks)} look-alike pairs")
    print(f"through the database: import writes the keys, scan_repeats suggests (floor {FLOOR}, best {TOP})")
    print(f"recall of repeat pairs: {len(found)}/{len(repeat_pairs)} = {len(found) / len(repeat_pairs):.1%}")
    print(f"look-alikes suggested: {len(flagged)}/{len(looks)} = {len(flagged) / len(looks):.1%}")
    print(f"suggestions per complaint: {len(suggested) / n:.2f} on average, {len(per) / n:.0%} of complaints have any")
    print(f"speed: import with keys {n / t_import:,.0f} complaints/s; scan {n / t_scan:,.0f}/s")
    print(f"keys per complaint: {RepeatKey.objects.count() / n:.1f}")
    if args.verbose:
        explain(order, ids, suggested, repeat_pairs - pairs, flagged)
    out = args.out or Path(tempfile.mkstemp(suffix=".json")[1])
    out.write_text(json.dumps([[a, b, s] for a, b, s, _ in suggested], ensure_ascii=False), encoding="utf-8")
    checker = folder / "check.py"
    if checker.exists():
        print("-- the set's checker:")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(checker), str(out)], check=False)


def explain(order, ids, suggested, missed, flagged) -> None:
    from ducha.complaints.services import repeat_index
    from ducha.core.textsim import score

    pk = {v: k for k, v in ids.items()}
    text = {c["id"]: c["text"] for c in order}
    features = {ids[k]: f for k, (_, f) in repeat_index.load_features(list(ids)).items()}
    shown = {frozenset(p[:2]): (p[2], p[3]) for p in suggested}
    print("\n-- missed repeat pairs")
    for p in sorted(missed, key=sorted):
        a, b = sorted(p, key=lambda i: pk[i])
        s = score(features[b], features[a])
        print(f"{a} {b} {s.score}: {'；'.join(s.reasons)}\n   {text[a]}\n   {text[b]}")
    print("\n-- look-alikes suggested")
    for p in sorted(flagged, key=sorted):
        a, b = sorted(p)
        sc, reasons = shown[p]
        print(f"{a} {b} {sc}: {'；'.join(reasons)}\n   {text[a]}\n   {text[b]}")


if __name__ == "__main__":
    main()

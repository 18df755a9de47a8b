"""Repeat suggestions over the independent evaluation set (bench/data/repeats_eval/).

    .venv/bin/python bench/repeats_eval.py [--set DIR] [--floor F] [--top N] [--out FILE]

Without --set it runs every set in bench/data/repeats_eval*/ (the first, and the second,
blind one).

Runs the pure core as the application will: features once per complaint (with its
region), keys, candidates from the complaints received before it (or the same day)
that share a key, scores, the best `top` above the floor. Prints recall of repeat
pairs, look-alikes suggested (count and share), suggestions per complaint and speed,
then the set's own checker (bench/data/repeats_eval/check.py) on the same pairs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ducha.core.textsim import (  # noqa: E402
    FLOOR,
    TOP,
    MemoryIndex,
    default_gazetteer,
    default_lexicon,
    extract,
    keys,
    minhash,
    normalise,
)

CITY = "4303"  # the set's regions are 湘潭's districts and parks


def region_code(name: str) -> str:
    """The division a region name denotes, within the city."""
    g = default_gazetteer()
    for m in g.find(name, region=CITY):
        for id_ in m.ids:
            if id_.startswith(CITY):
                return id_
    return CITY


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, help="one set's folder (default: every bench/data/repeats_eval*)")
    parser.add_argument("--floor", type=float, default=FLOOR)
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument("--out", type=Path, help="write the suggested pairs here (JSON)")
    parser.add_argument("--verbose", action="store_true", help="print missed pairs and look-alikes suggested")
    args = parser.parse_args()
    sets = [args.set] if args.set else sorted((ROOT / "bench/data").glob("repeats_eval*"))
    for n, folder in enumerate(sets):
        if n:
            print()
        print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
        run(folder, args)


def run(folder: Path, args) -> None:
    complaints = json.loads((folder / "complaints.json").read_text(encoding="utf-8"))
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    default_gazetteer(), default_lexicon()  # loaded once per process, not timed

    order = sorted(complaints, key=lambda c: (c["received"], c["id"]))
    rank = {c["id"]: n for n, c in enumerate(order)}
    day = {c["id"]: c["received"] for c in order}
    regions = {name: region_code(name) for name in {c["region"] for c in order}}

    t0 = time.perf_counter()
    bands = minhash.band_keys([normalise(c["text"]) for c in order])  # vectorised over the set
    features = {
        c["id"]: extract(c["text"], region=regions[c["region"]], pollution=c["pollution_types"], bands=b)
        for c, b in zip(order, bands, strict=True)
    }
    all_keys = {i: keys(f) for i, f in features.items()}
    t_features = time.perf_counter() - t0

    index = MemoryIndex()
    for i, f in features.items():
        index.add(i, f)
    t0 = time.perf_counter()
    suggested: list[tuple[str, str, float, list[str]]] = []
    per_complaint = []
    for c in order:
        me = c["id"]
        found = index.suggest(
            features[me],
            key=me,
            floor=args.floor,
            top=args.top,
            accept=lambda o, me=me: day[o] < day[me] or (day[o] == day[me] and rank[o] < rank[me]),
        )
        per_complaint.append(len(found))
        suggested += [(me, s.candidate_key, s.score, s.reasons) for s in found]
    t_suggest = time.perf_counter() - t0

    pairs = {frozenset(p[:2]) for p in suggested}
    repeats = {frozenset(p) for g in truth["groups"] for p in itertools.combinations(g, 2)}
    looks = {frozenset(p[:2]) for p in truth["lookalikes"]}
    found = repeats & pairs
    flagged = looks & pairs
    n = len(order)
    print(f"evaluation set: {n} complaints, {len(repeats)} repeat pairs, {len(looks)} look-alike pairs")
    print(f"floor {args.floor}, best {args.top} per complaint")
    print(f"recall of repeat pairs: {len(found)}/{len(repeats)} = {len(found) / len(repeats):.1%}")
    print(f"look-alikes suggested: {len(flagged)}/{len(looks)} = {len(flagged) / len(looks):.1%}")
    print(
        f"suggestions per complaint: {len(suggested) / n:.2f} on average, "
        f"{sum(1 for k in per_complaint if k) / n:.0%} of complaints have any"
    )
    print(f"speed: features + keys {n / t_features:,.0f} complaints/s; candidates + scores {n / t_suggest:,.0f}/s")
    print(f"keys per complaint: {sum(map(len, all_keys.values())) / n:.1f}")
    if args.verbose:
        text = {c["id"]: c["text"] for c in order}
        best_score = {frozenset(p[:2]): (p[2], p[3]) for p in suggested}
        print("\n-- missed repeat pairs")
        for p in sorted(repeats - pairs, key=sorted):
            a, b = sorted(p)
            from ducha.core.textsim import score

            s = score(features[a], features[b])
            print(f"{a} {b} {s.score}: {'；'.join(s.reasons)}\n   {text[a]}\n   {text[b]}")
        print("\n-- look-alikes suggested")
        for p in sorted(flagged, key=sorted):
            a, b = sorted(p)
            sc, reasons = best_score[p]
            print(f"{a} {b} {sc}: {'；'.join(reasons)}\n   {text[a]}\n   {text[b]}")
    out = args.out or Path(tempfile.mkstemp(suffix=".json")[1])
    out.write_text(json.dumps([[a, b, s] for a, b, s, _ in suggested], ensure_ascii=False), encoding="utf-8")
    checker = folder / "check.py"
    if checker.exists():
        print("-- the set's checker:")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(checker), str(out)], check=False)


if __name__ == "__main__":
    main()

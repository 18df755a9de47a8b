"""Score repeat suggestions against the second, blind evaluation set.

    python bench/data/repeats_eval2/check.py SUGGESTIONS.json   # score [[id_a, id_b], ...]
    python bench/data/repeats_eval2/check.py --verify           # self-check the set
    python bench/data/repeats_eval2/check.py --baseline [K]     # score a text-only baseline

Pure Python on purpose: it imports nothing from Ducha, so the set can judge any
implementation. A suggestion row may carry more fields after the two ids (a score, a
reason); only the first two are read, in either order.
"""

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSPECTIONS = ("2017-hunan", "2018-lookback", "2021-hunan", "2024-hunan")
REGIONS = ("雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "湘潭高新区", "昭山示范区", "九华示范区")
POLLUTION_TYPES = ("大气", "水", "噪声", "土壤", "固废", "生态", "辐射", "其他")
LOOKALIKE_KINDS = (
    "same-place-other-kind",
    "same-kind-other-place",
    "same-road-or-river",
    "same-company-other-plant",
)
MIN_COMPLAINTS, MIN_GROUPS, MIN_LOOKALIKES = 220, 50, 50


def load():
    complaints = json.loads((HERE / "complaints.json").read_text(encoding="utf-8"))
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    return complaints, truth


def pair(a, b):
    return (a, b) if a <= b else (b, a)


def repeat_pairs(groups):
    return {pair(a, b) for g in groups for a, b in itertools.combinations(g, 2)}


def span(pair_ids, by_id):
    """Where a repeat pair sits: one batch, two batches of a round, or two rounds."""
    a, b = (by_id[i] for i in pair_ids)
    if a["inspection"] != b["inspection"]:
        return "across rounds"
    if a["batch"] != b["batch"]:
        return "across batches"
    return "within a batch"


def score(suggestions, complaints, truth):
    by_id = {c["id"]: c for c in complaints}
    suggested = set()
    unknown = 0
    for row in suggestions:
        a, b = str(row[0]), str(row[1])
        if a not in by_id or b not in by_id:
            unknown += 1
            continue
        if a != b:
            suggested.add(pair(a, b))
    repeats = repeat_pairs(truth["groups"])
    found = repeats & suggested
    print(f"suggestions: {len(suggested)} distinct pairs ({len(suggestions)} rows, {unknown} with unknown ids)")
    print(f"repeat pairs found: {len(found)} of {len(repeats)} = {len(found) / len(repeats):.1%}")
    for where in ("within a batch", "across batches", "across rounds"):
        total = [p for p in repeats if span(p, by_id) == where]
        hit = [p for p in total if p in found]
        print(f"  {where}: {len(hit)} of {len(total)}")
    whole = sum(1 for g in truth["groups"] if all(p in suggested for p in itertools.combinations(sorted(g), 2)))
    touched = sum(1 for g in truth["groups"] if any(p in suggested for p in itertools.combinations(sorted(g), 2)))
    print(f"groups with every pair found: {whole} of {len(truth['groups'])}; with at least one: {touched}")
    looks = [(pair(a, b), why) for a, b, why in truth["lookalikes"]]
    hit = [(p, why) for p, why in looks if p in suggested]
    print(f"look-alikes suggested: {len(hit)} of {len(looks)} = {len(hit) / len(looks):.1%}")
    for kind in LOOKALIKE_KINDS:
        total = sum(1 for _, why in looks if why.startswith(kind))
        got = sum(1 for _, why in hit if why.startswith(kind))
        print(f"  {kind}: {got} of {total}")
    other = len(suggested) - len(found) - len(hit)
    print(f"other suggestions (neither repeat nor listed look-alike): {other}")
    return len(found), len(repeats), len(hit), len(looks)


def verify(complaints, truth):
    errors = []
    ids = [c["id"] for c in complaints]
    by_id = {c["id"]: c for c in complaints}
    for cid, n in Counter(ids).items():
        if n > 1:
            errors.append(f"id {cid} appears {n} times")
    refs = Counter((c["inspection"], c["ref"]) for c in complaints)
    errors += [f"ref {ref} repeated in {insp}" for (insp, ref), n in refs.items() if n > 1]
    dates = {}
    for c in complaints:
        if c["inspection"] not in INSPECTIONS:
            errors.append(f"{c['id']}: unknown inspection {c['inspection']}")
        if c["region"] not in REGIONS:
            errors.append(f"{c['id']}: unknown region {c['region']}")
        if not c["pollution_types"] or set(c["pollution_types"]) - set(POLLUTION_TYPES):
            errors.append(f"{c['id']}: bad pollution types {c['pollution_types']}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["received"]) or not c["received"].startswith(c["inspection"][:4]):
            errors.append(f"{c['id']}: received {c['received']} does not fit {c['inspection']}")
        if dates.setdefault((c["inspection"], c["batch"]), c["received"]) != c["received"]:
            errors.append(f"{c['id']}: batch {c['batch']} of {c['inspection']} has two dates")
        if not c["text"].strip() or not c["ref"].strip():
            errors.append(f"{c['id']}: empty text or ref")
    group_of = {}
    for n, g in enumerate(truth["groups"]):
        if not 2 <= len(g) <= 5:
            errors.append(f"group {g} has {len(g)} members (2-5 expected)")
        for cid in g:
            if cid not in by_id:
                errors.append(f"group member {cid} is not a complaint")
            if cid in group_of:
                errors.append(f"{cid} is in two groups")
            group_of[cid] = n
    seen = set()
    for a, b, why in truth["lookalikes"]:
        for cid in (a, b):
            if cid not in by_id:
                errors.append(f"look-alike {cid} is not a complaint")
        if a == b or (a in group_of and group_of.get(a) == group_of.get(b)):
            errors.append(f"look-alike {a} / {b} is inside one repeat group")
        if pair(a, b) in seen:
            errors.append(f"look-alike {a} / {b} listed twice")
        seen.add(pair(a, b))
        if not why.startswith(LOOKALIKE_KINDS):
            errors.append(f"look-alike {a} / {b}: reason must start with one of {LOOKALIKE_KINDS}")
    spans = Counter(span(p, by_id) for p in repeat_pairs(truth["groups"]) if all(i in by_id for i in p))
    for where in ("within a batch", "across batches", "across rounds"):
        if not spans[where]:
            errors.append(f"no repeat pair {where}")
    for what, have, least in (
        ("complaints", len(complaints), MIN_COMPLAINTS),
        ("repeat groups", len(truth["groups"]), MIN_GROUPS),
        ("look-alike pairs", len(truth["lookalikes"]), MIN_LOOKALIKES),
    ):
        if have < least:
            errors.append(f"{have} {what}, at least {least} expected")
    for e in errors:
        print("ERROR", e)
    kinds = Counter(why.split(":")[0] for _, _, why in truth["lookalikes"])
    print(
        f"{len(complaints)} complaints, {len(truth['groups'])} repeat groups "
        f"({len(repeat_pairs(truth['groups']))} pairs: {dict(spans)}), "
        f"{len(truth['lookalikes'])} look-alikes {dict(kinds)}"
    )
    print("verify:", "FAILED" if errors else "ok")
    return not errors


def baseline(complaints, k):
    """Each complaint's k most similar others by character-bigram Jaccard: what text alone gives."""
    grams = {}
    for c in complaints:
        text = re.sub(r"[\s\W\d_a-zA-Z]+", "", c["text"])
        grams[c["id"]] = {text[i : i + 2] for i in range(len(text) - 1)}
    out = set()
    for a in grams:
        best = sorted(
            ((len(grams[a] & grams[b]) / (len(grams[a] | grams[b]) or 1), b) for b in grams if b != a),
            reverse=True,
        )[:k]
        out |= {pair(a, b) for _, b in best}
    return [list(p) for p in sorted(out)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suggestions", nargs="?", help="JSON file: [[id_a, id_b], ...]")
    parser.add_argument("--verify", action="store_true", help="self-check the set")
    parser.add_argument("--baseline", type=int, nargs="?", const=3, metavar="K", help="score a bigram baseline")
    args = parser.parse_args(argv)
    complaints, truth = load()
    if args.verify:
        return 0 if verify(complaints, truth) else 1
    if args.baseline:
        print(f"baseline: top {args.baseline} by character-bigram Jaccard for every complaint")
        score(baseline(complaints, args.baseline), complaints, truth)
        return 0
    if not args.suggestions:
        parser.error("give a suggestions file, --verify or --baseline")
    score(json.loads(Path(args.suggestions).read_text(encoding="utf-8")), complaints, truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Score repeat suggestions against the evaluation set (pure Python, no Ducha import).

    python3 bench/data/repeats_eval3/check.py SUGGESTIONS.json   # score
    python3 bench/data/repeats_eval3/check.py --verify           # check the set itself
    python3 bench/data/repeats_eval3/check.py --baseline 0.15    # score a text-only baseline

SUGGESTIONS.json is a list of pairs the system suggested, [[id_a, id_b], ...] (extra
items in a pair, such as a score, are ignored; {"suggestions": [...]} is accepted too).
A repeat pair counts as found when it was suggested in either order.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_COMPLAINTS, MIN_GROUPS, MIN_LOOKALIKES = 350, 90, 100
INSPECTIONS = {"2017-hunan", "2018-lookback", "2021-hunan", "2024-hunan"}
REGIONS = {"雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "湘潭高新区", "昭山示范区", "九华示范区"}
POLLUTION = {"大气", "水", "噪声", "土壤", "固废", "生态", "辐射", "其他"}


def load(name: str):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def repeat_pairs(groups) -> set[frozenset]:
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def span(complaints: dict, a: str, b: str) -> str:
    ca, cb = complaints[a], complaints[b]
    if ca["inspection"] != cb["inspection"]:
        return "跨轮次"
    return "同批次" if ca["batch"] == cb["batch"] else "同轮次跨批次"


def baseline(threshold: float) -> list[list[str]]:
    """Every pair whose character-bigram Jaccard similarity reaches the threshold: what
    text similarity alone would suggest (a yardstick, not a method)."""

    def grams(text: str) -> set[str]:
        text = "".join(ch for ch in text if ch.isalnum())
        return {text[i : i + 2] for i in range(len(text) - 1)}

    rows = [(c["id"], grams(c["text"])) for c in load("complaints.json")]
    out = []
    for (a, ga), (b, gb) in itertools.combinations(rows, 2):
        if len(ga & gb) >= threshold * len(ga | gb):
            out.append([a, b])
    return out


def score(path: Path | None, raw: list | None = None) -> None:
    complaints = {c["id"]: c for c in load("complaints.json")}
    truth = load("truth.json")
    if raw is None:
        raw = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(raw, dict):
        raw = raw.get("suggestions", [])
    suggested = set()
    unknown = 0
    for item in raw:
        a, b = str(item[0]), str(item[1])
        if a == b:
            continue
        if a not in complaints or b not in complaints:
            unknown += 1
        suggested.add(frozenset((a, b)))
    repeats = repeat_pairs(truth["groups"])
    found = repeats & suggested
    looks = {frozenset(p[:2]): p[2] for p in truth["lookalikes"]}
    flagged = [p for p in looks if p in suggested]
    print(f"suggestions: {len(suggested)} distinct pairs ({len(raw)} given, {unknown} with unknown ids)")
    print(f"repeat pairs found: {len(found)}/{len(repeats)} = {len(found) / len(repeats):.1%}")
    by_span_all, by_span_found = Counter(), Counter()
    for p in repeats:
        s = span(complaints, *sorted(p))
        by_span_all[s] += 1
        by_span_found[s] += p in found
    for s in ("同批次", "同轮次跨批次", "跨轮次"):
        if by_span_all[s]:
            print(f"  {s}: {by_span_found[s]}/{by_span_all[s]} = {by_span_found[s] / by_span_all[s]:.1%}")
    groups_whole = sum(all(frozenset(p) in suggested for p in itertools.combinations(g, 2)) for g in truth["groups"])
    groups_any = sum(any(frozenset(p) in suggested for p in itertools.combinations(g, 2)) for g in truth["groups"])
    print(f"groups with every pair found: {groups_whole}/{len(truth['groups'])}; with at least one: {groups_any}")
    print(f"look-alikes suggested: {len(flagged)}/{len(looks)} = {len(flagged) / len(looks):.1%}")
    meta_path = HERE / "meta.json"
    if meta_path.exists():
        cats = {frozenset(m["ids"]): m["category"] for m in json.loads(meta_path.read_text())["lookalikes"]}
        total, hit = Counter(), Counter()
        for p in looks:
            total[cats.get(p, "?")] += 1
            hit[cats.get(p, "?")] += p in suggested
        for cat in sorted(total):
            print(f"  {cat}: {hit[cat]}/{total[cat]}")
    in_truth = repeats | set(looks)
    print(f"other suggestions (neither a repeat pair nor a listed look-alike): {len(suggested - in_truth)}")


def verify() -> int:
    errors = []
    rows = load("complaints.json")
    truth = load("truth.json")
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        errors.append(f"ids twice: {[i for i, n in Counter(ids).items() if n > 1]}")
    known = set(ids)
    refs = Counter((r["inspection"], r["ref"]) for r in rows)
    if any(n > 1 for n in refs.values()):
        errors.append(f"ref twice within a round: {[k for k, n in refs.items() if n > 1]}")
    for r in rows:
        if set(r) != {"id", "inspection", "batch", "ref", "region", "pollution_types", "received", "text"}:
            errors.append(f"{r['id']}: fields {sorted(r)}")
        if r["inspection"] not in INSPECTIONS or r["region"] not in REGIONS:
            errors.append(f"{r['id']}: inspection or region {r['inspection']} {r['region']}")
        if not r["pollution_types"] or not set(r["pollution_types"]) <= POLLUTION:
            errors.append(f"{r['id']}: pollution types {r['pollution_types']}")
        if not r["received"].startswith(r["inspection"][:4]) or not r["text"].strip():
            errors.append(f"{r['id']}: received {r['received']} or empty text")
    texts = Counter(r["text"] for r in rows)
    if any(n > 1 for n in texts.values()):
        errors.append("the same text twice")
    group_of = {}
    for n, g in enumerate(truth["groups"]):
        if not 2 <= len(g) <= 5:
            errors.append(f"group {n} has {len(g)} members")
        for i in g:
            if i not in known:
                errors.append(f"group {n}: unknown id {i}")
            if i in group_of:
                errors.append(f"{i} in groups {group_of[i]} and {n}")
            group_of[i] = n
    seen = set()
    for a, b, why in truth["lookalikes"]:
        if a not in known or b not in known:
            errors.append(f"look-alike with unknown id: {a} {b}")
        if a == b or (a in group_of and group_of.get(a) == group_of.get(b)):
            errors.append(f"look-alike {a} {b} is a repeat pair ({why})")
        if frozenset((a, b)) in seen:
            errors.append(f"look-alike {a} {b} twice")
        seen.add(frozenset((a, b)))
    counts = (len(rows), len(truth["groups"]), len(truth["lookalikes"]))
    for what, n, least in zip(
        ("complaints", "groups", "look-alikes"), counts, (MIN_COMPLAINTS, MIN_GROUPS, MIN_LOOKALIKES), strict=True
    ):
        if n < least:
            errors.append(f"only {n} {what} (at least {least})")
    pairs = repeat_pairs(truth["groups"])
    complaints = {r["id"]: r for r in rows}
    spans = Counter(span(complaints, *sorted(p)) for p in pairs)
    sizes = Counter(len(g) for g in truth["groups"])
    print(
        f"{len(rows)} complaints, {len(truth['groups'])} groups (sizes {dict(sorted(sizes.items()))}), "
        f"{len(pairs)} repeat pairs {dict(spans)}, {len(truth['lookalikes'])} look-alikes, "
        f"{len(rows) - len(group_of)} singletons"
    )
    by_round = defaultdict(int)
    for r in rows:
        by_round[r["inspection"]] += 1
    print("by round:", dict(sorted(by_round.items())))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("suggestions", nargs="?", type=Path)
    parser.add_argument("--verify", action="store_true", help="check the set itself")
    parser.add_argument("--baseline", type=float, metavar="JACCARD", help="score character-bigram similarity alone")
    args = parser.parse_args()
    if args.verify:
        return verify()
    if args.baseline is not None:
        score(None, baseline(args.baseline))
        return 0
    if not args.suggestions:
        parser.error("give a suggestions file or --verify")
    score(args.suggestions)
    return 0


if __name__ == "__main__":
    sys.exit(main())

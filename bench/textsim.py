"""Speed of the repeats core (ducha.core.textsim) at the scale of a province.

Generates 100,000 synthetic complaints about sites in Hunan's real towns and villages
(from the shipped gazetteer), with invented companies and kinds of site, then:

  cold scan   features + keys of all of them (what a first indexing of a round does)
  new batch   300 complaints - a third repeats of indexed sites written differently,
              a third look-alikes (same town and kind, another village and company), a
              third new - each: features, keys, candidates looked up by key (a dict
              here, an indexed table in the application), scores, the best few

    .venv/bin/python bench/textsim.py [--n 100000] [--batch 300] [--seed 7]

Prints complaints/s for the cold scan, ms for the batch, and how many planted repeats
and look-alikes were suggested (quality on the real set: bench/repeats_eval.py).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ducha.core.textsim import (
    MemoryIndex,
    default_gazetteer,
    default_lexicon,
    extract,
    extract_many,
    keys,
    minhash,
    normalise,
)

NAME_CHARS = "鑫源永安太平龙泉凤凰青山长乐仁福兴旺宏达金鼎恒通锦绣富泰丰盛宇星火朝春秋实华盛天成力达润民"
INTROS = ["", "举报人反映：", "来电反映，", "信访人称，", "群众反映，", "来信反映："]
DEMANDS = ["要求关停", "希望尽快处理", "请相关部门查处", "要求整改", "多次反映无果"]
KINDS = {
    "养猪场": ("养猪场", "猪场", "生猪养殖场", "农牧有限公司"),
    "砂石场": ("砂石场", "砂场", "洗砂场", "砂石有限公司"),
    "化工厂": ("化工厂", "化工有限公司", "精细化工有限公司", "化工"),
    "搅拌站": ("搅拌站", "商砼站", "混凝土有限公司", "建材有限公司"),
    "冶炼厂": ("冶炼厂", "小冶炼", "金属冶炼有限公司", "再生铅厂"),
    "烧烤店": ("烧烤店", "夜宵店", "大排档", "餐饮店"),
}
PROBLEMS = {
    "养猪场": ["粪污直排附近水塘", "臭味熏人，蚊蝇滋生", "废水偷排进小溪", "在禁养区内养猪，存栏约{n}头"],
    "砂石场": ["夜间生产噪声扰民", "运输车辆扬尘大", "洗砂废水直排河道", "非法开采河砂"],
    "化工厂": ["夜间偷排废气，气味刺鼻", "废水排入农田，庄稼枯死", "烟囱冒黑烟", "危险废物露天堆放"],
    "搅拌站": ["粉尘大，没有围挡", "罐车漏浆，路面全是水泥", "凌晨还在生产，噪音扰民", "沉淀池满了往水塘放"],
    "冶炼厂": ["烟囱冒黄烟，呛人", "周边小孩血铅超标", "废渣随意堆放", "晚上偷偷生产"],
    "烧烤店": ["油烟直排", "营业到凌晨，噪音扰民", "露天烧烤，烟雾呛人", "污水倒进下水道"],
}
DETAILS = ["影响周边村民生活", "附近居民苦不堪言", "已持续{n}个月", "晚上{h}点以后尤其严重", "河水发黑发臭"]


@dataclass(frozen=True)
class Target:
    kind: str
    county: str
    town: str
    village: str
    company: str


def villages_by_town():
    g = default_gazetteer()
    towns: dict[str, list[str]] = {}
    for node in g.nodes.values():
        if node.level == "village" and node.short.endswith("村"):
            towns.setdefault(node.ancestors[0], []).append(node.id)
    return g, [t for t, vs in towns.items() if len(vs) >= 2], towns


def new_target(rng, g, towns, villages, kind=None, town=None) -> Target:
    kind = kind or rng.choice(list(PROBLEMS))
    town = town or rng.choice(towns)
    village = rng.choice(villages[town])
    county = g.nodes[town].ancestors[0]
    company = "".join(rng.choice(NAME_CHARS) for _ in range(2))
    return Target(kind, g.name(county), g.name(town), g.name(village), company)


def write(rng, t: Target) -> str:
    """One complaint about t: its own aspect, name and place precision."""
    problem = rng.choice(PROBLEMS[t.kind]).format(n=rng.randint(50, 900))
    detail = rng.choice(DETAILS).format(n=rng.randint(2, 24), h=rng.randint(9, 12))
    name = rng.choice(KINDS[t.kind])
    site = (t.company + name) if rng.random() < 0.6 else f"一家{name}"
    where = rng.choice([f"{t.county}{t.town}{t.village}", f"{t.town}{t.village}", t.town, f"{t.town}{t.village}"])
    return f"{rng.choice(INTROS)}{where}{site}{problem}，{detail}，{rng.choice(DEMANDS)}。"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    g, towns, villages = villages_by_town()
    default_lexicon()
    print(f"gazetteer and lexicon loaded in {time.perf_counter() - t0:.1f} s ({len(g.nodes):,} places)")

    targets = [new_target(rng, g, towns, villages) for _ in range(args.n)]
    texts = [write(rng, t) for t in targets]
    third = args.batch // 3
    picked = rng.sample(range(args.n), 2 * third)
    repeats = [(f"new-{i}", write(rng, targets[j]), j) for i, j in enumerate(picked[:third])]
    looks = []
    for i, j in enumerate(picked[third:]):
        other = new_target(rng, g, towns, villages, kind=targets[j].kind, town=None)
        t = targets[j]
        other = Target(t.kind, t.county, t.town, other.village, other.company)
        if other.village != t.village:
            looks.append((f"look-{i}", write(rng, other), j))
    fresh = [(f"fresh-{i}", write(rng, new_target(rng, g, towns, villages)), None) for i in range(third)]
    batch = repeats + looks + fresh

    t0, c0 = time.perf_counter(), time.process_time()
    features = extract_many(texts)
    all_keys = [keys(f) for f in features]
    cold, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"cold scan: features + keys of {args.n:,} complaints in {cold:.1f} s = {args.n / cold:,.0f} complaints/s "
        f"({args.n / cpu:,.0f}/s of CPU time: other processes share the machine)"
    )
    print(f"  keys per complaint: {sum(map(len, all_keys)) / args.n:.1f}")

    index = MemoryIndex()  # stands for the keys table: key -> complaints, latest last
    for i, f in enumerate(features):
        index.add(i, f)

    t0 = time.perf_counter()
    bands = minhash.band_keys([normalise(text) for _, text, _ in batch])
    new = [extract(text, bands=b) for (_, text, _), b in zip(batch, bands, strict=True)]
    t_features = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    suggestions = [index.suggest(f, key=key) for (key, _, _), f in zip(batch, new, strict=True)]
    t_suggest, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"new batch of {len(batch)} against {args.n:,}: features + keys {t_features * 1000:.0f} ms, "
        f"candidates + scores {t_suggest * 1000:.0f} ms ({cpu * 1000:.0f} ms of CPU)"
    )

    def hit(rows, offset):
        return sum(any(s.candidate_key == j for s in suggestions[offset + n]) for n, (_, _, j) in enumerate(rows))

    print(f"planted repeats suggested: {hit(repeats, 0)}/{len(repeats)}")
    print(f"look-alikes suggested as their look-alike: {hit(looks, len(repeats))}/{len(looks)}")
    print(f"new complaints with any suggestion: {sum(bool(s) for s in suggestions[-len(fresh) :])}/{len(fresh)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:,.0f} MB (the benchmark holds every complaint's features)")


if __name__ == "__main__":
    main()

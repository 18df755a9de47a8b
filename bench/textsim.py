"""Benchmark of repeat-complaint detection (ducha.core.textsim).

Generates 100,000 synthetic complaints from templates (random towns, villages,
companies, docks and kinds of site), indexes them, then takes a new batch of 300 -
a third re-worded repeats of indexed targets, a third look-alikes (same town and kind,
another village or company), a third new - and queries it against the index.

    .venv/bin/python bench/textsim.py [--n 100000] [--batch 300] [--seed 7]

Prints texts/s for indexing, ms for the 300-batch query (candidates only, and with
reranking), and how many planted repeats / look-alikes were suggested.
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

from ducha.core.textsim import RepeatIndex, suggest_many

# Characters of invented names, without those that end a place name (村, 江, 桥…).
NAME_CHARS = (
    "古城新华石潭白兔浦口群丰网岭罗大明照南洲清水霞湾金鼎宏达兴旺鑫源永安太平龙泉凤凰"
    "青山黄土长乐仁福田双东西高马李王赵桃花杨柳荷松柏云台三合五里七星"
    "红光胜利建设团结幸福向阳前进星火朝春秋实锦绣富泰丰盛宇恒通"
)
COUNTIES = ["湘潭县", "醴陵市", "攸县", "茶陵县", "炎陵县", "渌口区", "荷塘区", "芦淞区", "石峰区", "天元区"]
RIVERS = ["湘江", "渌江", "洣水", "涟水", "沩水", "捞刀河", "浏阳河"]
INTROS = ["", "举报人反映：", "来电反映，", "信访人称，", "群众反映，", "来信反映："]
DEMANDS = ["要求关停", "希望尽快处理", "请相关部门查处", "要求整改", "多次反映无果"]


@dataclass(frozen=True)
class Target:
    kind: str  # 养猪场 / 砂石场 / 化工厂 / 码头 / 烧烤店 / 采石场
    county: str
    town: str
    place: str  # village, compound or dock
    owner: str  # owner or company name
    river: str  # for docks


PROBLEMS = {
    "养猪场": ["粪污直排附近水塘", "臭味熏人，蚊蝇滋生", "废水偷排进小溪", "在禁养区内养猪，存栏约{n}头"],
    "砂石场": ["夜间生产噪声扰民", "运输车辆扬尘大", "洗砂废水直排河道", "非法开采河砂"],
    "化工厂": ["夜间偷排废气，气味刺鼻", "废水排入农田，庄稼枯死", "烟囱冒黑烟", "危险废物露天堆放"],
    "码头": ["非法堆放煤炭，粉尘污染", "装卸作业无防尘措施", "雨天煤污水流入江中", "占用岸线违规经营"],
    "烧烤店": ["油烟直排", "营业到凌晨，噪音扰民", "露天烧烤，烟雾呛人", "污水倒进下水道"],
    "采石场": ["放炮震裂房屋", "粉尘大，山体破坏", "运输车辆抛洒碎石", "无证开采"],
}
DETAILS = [
    "影响周边村民生活",
    "附近居民苦不堪言",
    "已持续{n}个月",
    "晚上{h}点以后尤其严重",
    "村民房屋墙体开裂",
    "河水发黑发臭",
    "庄稼减产",
    "小孩老人经常咳嗽",
]


def name(rng: random.Random, length: int = 2) -> str:
    return "".join(rng.choice(NAME_CHARS) for _ in range(length))


def new_target(rng: random.Random, kind: str | None = None) -> Target:
    kind = kind or rng.choice(list(PROBLEMS))
    county = rng.choice(COUNTIES)
    town = name(rng) + rng.choice(["镇", "镇", "乡", "街道"])
    if kind == "码头":
        place = name(rng) + "码头"
    elif kind == "烧烤店":
        place = name(rng) + rng.choice(["小区", "花园小区", "家园小区"])
    else:
        place = name(rng) + "村"
    owner = name(rng) if kind in ("化工厂", "砂石场", "烧烤店") else rng.choice("刘王李张陈杨赵黄周吴") + "某"
    return Target(kind, county, town, place, owner, rng.choice(RIVERS))


def write(rng: random.Random, t: Target) -> str:
    """One complaint about target t, in one of several wordings."""
    problem = rng.choice(PROBLEMS[t.kind]).format(n=rng.randint(50, 900))
    problem2 = rng.choice(PROBLEMS[t.kind]).format(n=rng.randint(50, 900))
    detail = rng.choice(DETAILS).format(n=rng.randint(2, 24), h=rng.randint(9, 12))
    intro, demand = rng.choice(INTROS), rng.choice(DEMANDS)
    site = {
        "养猪场": f"{t.owner}养猪场",
        "砂石场": f"{t.owner}砂石有限公司",
        "化工厂": f"{t.owner}化工有限公司",
        "码头": "",
        "烧烤店": f"{t.owner}烧烤店",
        "采石场": f"{t.owner}采石场",
    }[t.kind]
    where = f"{t.river}边{t.place}" if t.kind == "码头" else t.place
    template = rng.randrange(4)
    if template == 0:
        return f"{intro}{t.county}{t.town}{where}{site}{problem}，{detail}。"
    if template == 1:
        return f"{t.town}{where}有一家{t.kind}，{problem}，{problem2}，{demand}。"
    if template == 2:
        return f"{intro}{t.town}的{where}{site}长期{problem}，{detail}，{demand}。"
    return f"{t.county}{t.town}{where}附近{site}{problem2}，{detail}，{problem}。"


def lookalike(rng: random.Random, t: Target) -> Target:
    """The same town and kind, another village/compound/dock and owner."""
    other = new_target(rng, t.kind)
    return Target(t.kind, t.county, t.town, other.place, other.owner, t.river)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    targets = [new_target(rng) for _ in range(args.n)]
    texts = [write(rng, t) for t in targets]
    third = args.batch // 3
    picked = rng.sample(range(args.n), 2 * third)
    repeats = [(f"new-{i}", write(rng, targets[j]), j) for i, j in enumerate(picked[:third])]
    looks = [(f"look-{i}", write(rng, lookalike(rng, targets[j])), j) for i, j in enumerate(picked[third:])]
    fresh = [(f"fresh-{i}", write(rng, new_target(rng)), None) for i in range(args.batch - 2 * third)]
    batch = repeats + looks + fresh

    index = RepeatIndex()
    t0 = time.perf_counter()
    index.add_many(enumerate(texts))
    indexing = time.perf_counter() - t0

    t0 = time.perf_counter()
    candidates = index.query_many([text for _, text, _ in batch])
    query_ms = (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    suggestions = suggest_many(index, [(key, text) for key, text, _ in batch])
    suggest_ms = (time.perf_counter() - t0) * 1000

    found = sum(any(s.candidate_key == j for s in sug) for (_, _, j), sug in zip(repeats, suggestions, strict=False))
    in_pool = sum(any(c.key == j for c in cands) for (_, _, j), cands in zip(repeats, candidates, strict=False))
    false_looks = sum(
        any(s.candidate_key == j for s in sug)
        for (_, _, j), sug in zip(looks, suggestions[third : 2 * third], strict=True)
    )
    flagged_fresh = sum(bool(sug) for sug in suggestions[2 * third :])

    print(f"indexed {args.n:,} texts in {indexing:.2f} s: {args.n / indexing:,.0f} texts/s")
    print(f"queried a batch of {len(batch)}: {query_ms:.0f} ms (candidates), {suggest_ms:.0f} ms (with reranking)")
    print(f"planted repeats: {in_pool}/{third} among the top-10 candidates, {found}/{third} suggested")
    print(f"look-alikes suggested as their look-alike: {false_looks}/{third}")
    print(f"new complaints with any suggestion: {flagged_fresh}/{len(fresh)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()

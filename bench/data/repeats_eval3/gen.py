#!/usr/bin/env python3
"""Generate the evset3 repeat-complaint evaluation set (deterministic; seed below).

    python3 bench/data/repeats_eval3/gen.py     # writes complaints.json, truth.json, meta.json

Sites are planned first (kind, town, village, 组, road, river section, landmark, 片区, names),
then complaints are written about them, so the generator knows which sites share a place.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import phrases as P  # noqa: E402

SEED = 3_2024_0603
rng = random.Random(SEED)

TOWNS = {t["name"]: t for t in json.loads((HERE / "places.json").read_text(encoding="utf-8"))["towns"]}
VILLAGE_COUNT = Counter(v for t in TOWNS.values() for _, v in t["villages"])
COUNTY_VILLAGE_COUNT = Counter((t["county"], v) for t in TOWNS.values() for _, v in t["villages"])


def villages(town: str) -> list[str]:
    return [v for _, v in TOWNS[town]["villages"] if v.endswith("村")]


def communities(town: str) -> list[str]:
    return [v for _, v in TOWNS[town]["villages"] if v.endswith("社区")]


RURAL_TOWNS = [t for t in TOWNS if len(villages(t)) >= 3]
URBAN_TOWNS = [t for t in P.ROADS if t in TOWNS and communities(t)]
RIVER_TOWNS = [t for t in P.RIVERS if t in TOWNS and (villages(t) or communities(t))]

ROUNDS = [  # code, first batch day, batches, weight
    ("2017-hunan", dt.date(2017, 4, 26), 24, 0.30),
    ("2018-lookback", dt.date(2018, 11, 2), 24, 0.20),
    ("2021-hunan", dt.date(2021, 4, 11), 26, 0.33),
    ("2024-hunan", dt.date(2024, 11, 4), 20, 0.17),
]
RIDX = {r[0]: i for i, r in enumerate(ROUNDS)}
CN_NUM = "零一二三四五六七八九十"

# ------------------------------------------------------------------ sites

SITES: list[dict] = []
USED_WORDS: set[str] = set()
USED_OWNERS: set[str] = set()


def new_word() -> str:
    free = [x for x in P.NAME_WORDS if x not in USED_WORDS]
    if not free:
        free = [x for x in COMPOSED if x not in USED_WORDS]
    w = rng.choice(free)
    USED_WORDS.add(w)
    return w


COMPOSED = sorted({h + t for h in P.NAME_HEADS for t in P.NAME_TAILS if h != t} - set(P.NAME_WORDS))


def new_owner() -> str:
    for _ in range(30):  # unique while it lasts; then ambiguous() keeps a shared owner name apart
        o = rng.choice(P.OWNER_FORMS).format(s=rng.choice(P.SURNAMES))
        if o not in USED_OWNERS:
            break
    USED_OWNERS.add(o)
    return o


def family_in_village(family: str, town: str, village: str | None) -> bool:
    return any(s["family"] == family and s["town"] == town and s["village"] == village for s in SITES)


def make_site(
    kind: str,
    town: str | None = None,
    village: str | None = None,
    *,
    road=None,
    river=None,
    landmark=None,
    word=None,
    not_towns=(),
    not_villages=(),
    county=None,
    not_county=None,
) -> dict | None:
    k = P.KINDS[kind]
    where = k["where"]
    pool = {"rural": RURAL_TOWNS, "urban": URBAN_TOWNS, "river": RIVER_TOWNS}[where]
    for _ in range(200):
        lm_pool = [x for x in pool if x in P.LANDMARKS or x in P.AREAS]
        t = town or rng.choice(lm_pool if lm_pool and rng.random() < 0.4 else pool)
        if (
            t in not_towns
            or (county and TOWNS[t]["county"] != county)
            or (not_county and TOWNS[t]["county"] == not_county)
        ):
            continue
        if where == "urban" and t not in P.ROADS:
            continue
        if where == "river" and t not in P.RIVERS:
            continue
        vs = (communities(t) if where == "urban" else villages(t)) or villages(t) or communities(t)
        v = village or rng.choice(vs)
        if v in not_villages or family_in_village(k["family"], t, v):
            if town and village:
                return None
            continue
        break
    else:
        return None
    site = dict(
        sid=len(SITES),
        kind=kind,
        family=k["family"],
        factory=k["factory"],
        where=where,
        county=TOWNS[t]["county"],
        town=t,
        village=v,
        group=rng.randint(1, 14) if v.endswith("村") else None,
        road=road,
        river=river,
        landmark=landmark,
        area=None,
        owner=new_owner(),
        rename=None,
    )
    if where == "urban" and not site["road"]:
        site["road"] = rng.choice(P.ROADS[t])
    if where == "river" and not site["river"]:
        site["river"] = P.RIVERS[t][0]
    if not site["landmark"] and t in P.LANDMARKS and rng.random() < 0.7:
        site["landmark"] = rng.choice(P.LANDMARKS[t])
    if t in P.AREAS and rng.random() < 0.6:
        site["area"] = rng.choice(P.AREAS[t])
    if t in P.ROADS and not site["road"] and rng.random() < 0.5:
        site["road"] = rng.choice(P.ROADS[t])
    w = word or new_word()
    site["word"] = w
    site["trade"] = rng.choice(k["trade"]).format(w=w)
    site["company"] = rng.choice(k["company"]).format(w=w)
    SITES.append(site)
    return site


# ------------------------------------------------------------------ names and places in a complaint


def names_at(site: dict, rnd: int) -> tuple[str, str, str, str | None]:
    """(word, trade, company, old trade) the site goes by in round rnd."""
    r = site["rename"]
    if r and rnd >= r["round"]:
        return r["word"], r["trade"], r["company"], site["trade"]
    return site["word"], site["trade"], site["company"], None


def name_text(site: dict, naming: str, rnd: int) -> str:
    k = P.KINDS[site["kind"]]
    w, trade, company, old = names_at(site, rnd)
    if naming == "trade":
        s = trade
    elif naming == "company":
        s = company
    elif naming == "both":
        s = rng.choice([f"{company}（{trade}）", f"{trade}（{company}）", f"{trade}，也就是{company}"])
    elif naming == "word":
        s = rng.choice([f"{w}公司", f"{w}那家", f"叫{w}的那个地方"])
    elif naming == "owner":
        s = site["owner"] + rng.choice(k["colloq"])
    elif naming == "pronoun":
        return rng.choice(P.FACTORY_WORDS)
    else:
        return rng.choice(k["colloq"])
    if old and naming in ("trade", "company", "both") and rng.random() < 0.6:
        s += rng.choice([f"（原来叫{old}）", f"（就是以前的{old}）", f"，即原{old}，"])
    return s


def group_str(n: int) -> str:
    return rng.choice([f"{n}组", f"{CN_NUM[n] if n <= 10 else n}组", f"第{CN_NUM[n] if n <= 10 else n}村民小组"])


def precisions(site: dict) -> list[str]:
    out = ["town", "county_town", "town_village"]
    v = site["village"]
    if VILLAGE_COUNT[v] == 1:
        out.append("village")
    if COUNTY_VILLAGE_COUNT[(site["county"], v)] == 1:
        out.append("county_village")
    if site["group"]:
        out += ["town_village_group"]
        if VILLAGE_COUNT[v] == 1:
            out.append("village_group")
    for f in ("road", "river", "landmark", "area"):
        if site[f]:
            out += [f, f]
    return out


def key_of(site: dict, prec: str):
    if prec in ("town", "county_town"):
        return ("town", site["town"])
    if prec in ("road", "river", "landmark", "area"):
        return (prec, site[prec])
    return ("village", site["town"], site["village"])


def matches(s2: dict, key) -> bool:
    if key[0] == "town":
        return s2["town"] == key[1]
    if key[0] == "village":
        return s2["town"] == key[1] and s2["village"] == key[2]
    return s2[key[0]] == key[1]


def ambiguous(site: dict, naming: str, prec: str, rnd: int) -> bool:
    key = key_of(site, prec)
    if naming == "pronoun" and key[0] in ("town", "area", "road"):
        return True
    w = names_at(site, rnd)[0]
    for s2 in SITES:
        if s2 is site or not matches(s2, key):
            continue
        if naming == "colloq" and s2["family"] == site["family"]:
            return True
        if naming == "owner" and s2["family"] == site["family"] and s2["owner"] == site["owner"]:
            return True
        if naming == "pronoun" and s2["factory"]:
            return True
        if naming == "word" and w in (names_at(s2, rnd)[0],):
            return True
    return False


def place_text(site: dict, prec: str) -> str:
    t, v, c = site["town"], site["village"], site["county"]
    g = site["group"]
    if prec == "town":
        return t
    if prec == "county_town":
        return c + t
    if prec == "town_village":
        return t + v
    if prec == "village":
        return v
    if prec == "county_village":
        return c + v
    if prec == "town_village_group":
        return t + v + group_str(g)
    if prec == "village_group":
        return v + group_str(g)
    if prec == "road":
        r = site["road"]
        return rng.choice([r, f"{r}{rng.randint(2, 388)}号", f"{r}边上", f"{t}{r}"])
    if prec == "river":
        r = site["river"]
        return rng.choice([r, f"{r}河边", f"{r}岸边", f"{r}沿岸"])
    if prec == "landmark":
        return site["landmark"]
    if prec == "area":
        return rng.choice([site["area"], f"{c}{site['area']}"])
    raise ValueError(prec)


# ------------------------------------------------------------------ text

VOICES = ["phone", "phone", "letter", "net", "list", "short", "oral", "long", "first"]


def shorten(parts: list[str], limit: int = 300) -> str:
    text = "".join(parts)
    while len(text) > limit and len(parts) > 2:
        parts = parts[:-2] + parts[-1:]
        text = "".join(parts)
    return text[:limit]


def write_text(site: dict, rnd: int, voice: str, naming: str, prec: str, aspects: list[str], relapse_year=None) -> str:
    k = P.KINDS[site["kind"]]
    place = place_text(site, prec)
    name = name_text(site, naming, rnd)
    asp = [rng.choice(k["aspects"][a][1]) for a in aspects]
    intro = rng.choice(
        [f"{place}的{name}", f"{place}有一家{name}", f"位于{place}的{name}", f"{name}（{place}）", f"{place}{name}"]
    )
    if naming == "pronoun":
        intro = rng.choice([f"{place}{name}", f"{place}靠山边的{name}", f"{place}路口{name}"])
    hist = rng.choice(P.HISTORY) if rng.random() < 0.4 else ""
    rel = rng.choice(P.RELAPSE).format(y=relapse_year) if relapse_year else ""
    demand = rng.choice(P.DEMANDS)
    if voice == "short":
        t = rng.choice(P.SHORT).format(p=place, n=name, a=asp[0].split("，")[0][:16])
        return t if len(t) >= 15 else t + "，" + rng.choice(P.LOUD)
    if voice == "oral":
        body = " ".join(a.replace("，", " ") for a in asp)
        return (
            rng.choice(["就是", "我要举报", "喂 是督察组吧 "])
            + f"{place}那边{'' if naming == 'pronoun' else '那个'}{name} {body} "
            + rng.choice(["你们管一下咯", "搞了好久了冇人管", "麻烦你们来看下", "真的受不了了"])
        )
    if voice == "list":
        nums = "一二三四"
        items = "；".join(f"{nums[i]}是{a}" for i, a in enumerate(asp))
        return shorten(
            [rng.choice(P.LETTER_OPEN + P.PHONE_OPEN), intro, "存在以下问题：", items, "。", rel, hist, demand]
        )
    if voice == "first":
        fp = rng.choice(P.FIRST_PERSON_URBAN if site["where"] == "urban" else P.FIRST_PERSON).format(p=place)
        return shorten(
            [
                rng.choice(P.LETTER_OPEN + P.NET_OPEN + [""]),
                fp,
                "附近有个",
                name,
                "，",
                "，".join(asp),
                "，",
                rng.choice(P.LOUD),
                "。",
                rel,
                hist,
                demand,
            ]
        )
    if voice == "long":
        fp = rng.choice(P.FIRST_PERSON_URBAN if site["where"] == "urban" else P.FIRST_PERSON).format(p=place)
        more = [rng.choice(v[1]) for key, v in k["aspects"].items() if key not in aspects][:2]
        ctx = rng.sample(P.LONG_CONTEXT, rng.randint(2, 5))
        return shorten(
            [
                rng.choice(P.DEAR),
                fp,
                ctx[0],
                "现向你们反映",
                name,
                "的问题。",
                "。".join(asp + more),
                "。",
                "".join(ctx[1:]),
                rng.choice(P.LOUD),
                "，家里老人小孩身体都受影响。",
                rel,
                hist,
                demand,
                "以上情况属实，望核查。",
            ]
        )
    opener = {"phone": P.PHONE_OPEN, "letter": P.LETTER_OPEN, "net": P.NET_OPEN}[voice]
    tail = rng.choice(P.PHONE_TAIL).format(d=rng.randint(1000, 9999)) if voice == "phone" else ""
    end = "！！" if voice == "net" and rng.random() < 0.5 else "。"
    return shorten([rng.choice(opener), intro, "，", "，".join(asp), end, rel, hist, demand, tail])


def roughen(text: str) -> str:
    if rng.random() < 0.3:
        for a, b in rng.sample(P.TYPOS, 2):
            if a in text:
                text = text.replace(a, b, 1)
                break
    if rng.random() < 0.25:
        for a, b in rng.sample(P.COLLOQ, 3):
            if a in text:
                text = text.replace(a, b, 1)
                break
    if rng.random() < 0.12:
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if rng.random() < 0.12:
        text = text.replace("，", ",").replace("：", ":")
    return text


NAMINGS = ["trade"] * 4 + ["company"] * 3 + ["both"] * 2 + ["colloq"] * 4 + ["owner"] * 2 + ["word"] * 2 + ["pronoun"]


def choose_form(site: dict, rnd: int, naming=None, prec=None):
    """A (naming, precision) pair that names the site unambiguously."""
    precs = precisions(site)
    for attempt in range(300):
        n = naming if (naming and attempt < 40) else rng.choice(NAMINGS)
        p = prec if (prec and prec in precs and attempt < 80) else rng.choice(precs)
        if n == "pronoun" and not site["factory"]:
            continue
        if not ambiguous(site, n, p, rnd):
            return n, p
    return "company", "town_village"


COMPLAINTS: list[dict] = []


def add_complaint(
    site: dict, rnd: int, batch: int, *, voice=None, naming=None, prec=None, aspects=None, relapse_year=None, text=None
) -> dict:
    k = P.KINDS[site["kind"]]
    voice = voice or rng.choice(VOICES)
    naming, prec = choose_form(site, rnd, naming, prec)
    if aspects is None:
        aspects = rng.sample(list(k["aspects"]), min(len(k["aspects"]), rng.choice([1, 1, 2, 2, 3])))
    aspects = [a for a in aspects if a in k["aspects"]] or [rng.choice(list(k["aspects"]))]
    if text is None:
        for _ in range(20):
            text = roughen(write_text(site, rnd, voice, naming, prec, aspects, relapse_year))
            if 15 <= len(text) <= 300 and all(c["text"] != text for c in COMPLAINTS):
                break
    ptypes = sorted({t for a in aspects for t in k["aspects"][a][0]})
    code, start, _, _ = ROUNDS[rnd]
    day = start + dt.timedelta(days=batch - 1)
    channel = "D" if voice in ("phone", "oral", "short") and rng.random() < 0.8 else "X"
    c = dict(
        site=site["sid"],
        inspection=code,
        batch=batch,
        day=day,
        channel=channel,
        voice=voice,
        naming=naming,
        prec=prec,
        aspects=aspects,
        region=site["county"],
        pollution_types=ptypes,
        received=(day - dt.timedelta(days=rng.randint(1, 3))).isoformat(),
        text=text,
    )
    COMPLAINTS.append(c)
    return c


# ------------------------------------------------------------------ plan the repeat groups

KIND_LIST = list(P.KINDS)
GROUP_KIND_WEIGHTS = {
    "smelt": 8,
    "mang": 4,
    "venue": 7,
    "pig": 8,
    "duck": 4,
    "mix": 7,
    "sand": 5,
    "dredge": 4,
    "quarry": 6,
    "paint": 5,
    "furniture": 4,
    "bbq": 5,
    "plastic": 5,
    "tyre": 3,
    "kiln": 5,
    "dye": 4,
    "plating": 3,
    "slaughter": 4,
    "garbage": 5,
    "site": 4,
    "wharf": 4,
}
N_GROUPS = 96
SIZES = [2] * 34 + [3] * 34 + [4] * 19 + [5] * 9
SPANS = ["batch"] * 12 + ["round"] * 40 + ["cross"] * 44
rng.shuffle(SIZES)
rng.shuffle(SPANS)


def pick_round() -> int:
    return rng.choices(range(4), weights=[r[3] for r in ROUNDS])[0]


def schedule(size: int, span: str) -> list[tuple[int, int]]:
    if span == "batch":
        r = pick_round()
        b = rng.randint(1, ROUNDS[r][2])
        return [(r, b)] * size
    if span == "round":
        r = pick_round()
        bs = sorted(rng.sample(range(1, ROUNDS[r][2] + 1), size))
        if size >= 4 and rng.random() < 0.5:
            bs[1] = bs[0]
        return [(r, b) for b in bs]
    while True:
        rs = sorted(rng.choice([pick_round(), rng.randint(0, 3)]) for _ in range(size))
        if len(set(rs)) >= 2:
            return [(r, rng.randint(1, ROUNDS[r][2])) for r in rs]


kinds_for_groups = rng.choices(list(GROUP_KIND_WEIGHTS), weights=list(GROUP_KIND_WEIGHTS.values()), k=N_GROUPS)
GROUPS: list[dict] = []
for i in range(N_GROUPS):
    site = make_site(kinds_for_groups[i])
    GROUPS.append(dict(site=site, size=SIZES[i], span=SPANS[i], sched=schedule(SIZES[i], SPANS[i])))

# renamed sites: a later round under a new name
for g in GROUPS:
    rs = sorted({r for r, _ in g["sched"]})
    if len(rs) >= 2 and rng.random() < 0.35:
        k = P.KINDS[g["site"]["kind"]]
        w = new_word()
        g["site"]["rename"] = dict(
            round=rs[1], word=w, trade=rng.choice(k["trade"]).format(w=w), company=rng.choice(k["company"]).format(w=w)
        )

# ------------------------------------------------------------------ plan the look-alike partners

LOOK_PLAN = {
    "same_village_other_kind": 24,
    "same_town_other_village_other_kind": 12,
    "same_kind_other_town_same_county": 14,
    "same_kind_other_county": 10,
    "same_river_other_section": 8,
    "same_firm_word_other_plant": 9,
    "same_kind_two_villages_one_town": 14,
    "same_road_other_business": 8,
    "same_landmark_other_business": 7,
}
RURAL_KINDS = [k for k, v in P.KINDS.items() if v["where"] == "rural"]
URBAN_KINDS = [k for k, v in P.KINDS.items() if v["where"] == "urban"]
PARTNERS: list[dict] = []  # dict(anchor group, partner site, category)


def other_family_kind(site: dict, pool: list[str]) -> str:
    return rng.choice([k for k in pool if P.KINDS[k]["family"] != site["family"]])


def try_partner(cat: str, g: dict) -> dict | None:
    s = g["site"]
    if cat == "same_village_other_kind":
        if s["where"] == "urban":
            return make_site(other_family_kind(s, URBAN_KINDS), s["town"], s["village"])
        kind = other_family_kind(s, RURAL_KINDS)
        return make_site(kind, s["town"], s["village"])
    if cat == "same_town_other_village_other_kind":
        pool = URBAN_KINDS if s["where"] == "urban" else RURAL_KINDS
        return make_site(other_family_kind(s, pool), s["town"], not_villages=(s["village"],))
    if cat == "same_kind_other_town_same_county":
        return make_site(s["kind"], county=s["county"], not_towns=(s["town"],))
    if cat == "same_kind_other_county":
        return make_site(s["kind"], not_county=s["county"])
    if cat == "same_river_other_section":
        if not s["river"]:
            return None
        towns = [t for t, rs in P.RIVERS.items() if t != s["town"] and rs[0][:2] == s["river"][:2] and t in TOWNS]
        if not towns:
            return None
        kind = s["kind"] if s["where"] == "river" else rng.choice(["sand", "dredge", "wharf"])
        t = rng.choice(towns)
        if P.KINDS[kind]["where"] != "river":
            return None
        return make_site(kind, t)
    if cat == "same_firm_word_other_plant":
        kind = (
            s["kind"]
            if rng.random() < 0.5
            else other_family_kind(s, RURAL_KINDS if s["where"] != "urban" else URBAN_KINDS)
        )
        p = make_site(kind, not_towns=(s["town"],), word=s["word"])
        if p and p["kind"] == s["kind"]:
            p["trade"] = s["trade"] + rng.choice(["二厂", f"{p['town']}分厂", "新厂"])
            p["company"] = s["company"] + f"{p['town']}分公司"
        return p
    if cat == "same_kind_two_villages_one_town":
        if s["where"] == "urban":
            return None
        return make_site(s["kind"], s["town"], not_villages=(s["village"],))
    if cat == "same_road_other_business":
        if not s["road"]:
            return None
        kinds = URBAN_KINDS if s["where"] == "urban" else RURAL_KINDS
        p = make_site(other_family_kind(s, kinds), s["town"], road=s["road"])
        return p
    if cat == "same_landmark_other_business":
        if not s["landmark"]:
            return None
        kinds = URBAN_KINDS if s["where"] == "urban" else RURAL_KINDS
        return make_site(other_family_kind(s, kinds), s["town"], landmark=s["landmark"])
    raise ValueError(cat)


for cat, n in LOOK_PLAN.items():
    done = 0
    for g in rng.sample(GROUPS, len(GROUPS)) * 3:
        if done == n:
            break
        p = try_partner(cat, g)
        if p:
            PARTNERS.append(dict(group=g, site=p, category=cat))
            done += 1
    if done < n:  # anchor new singleton sites when no group site fits
        for _ in range(500):
            if done == n:
                break
            bk = {
                "same_river_other_section": ["sand", "dredge", "wharf"],
                "same_road_other_business": URBAN_KINDS,
                "same_kind_two_villages_one_town": RURAL_KINDS,
            }.get(cat, KIND_LIST)
            lt = rng.choice(list(P.LANDMARKS)) if cat == "same_landmark_other_business" else None
            base = make_site(rng.choice(bk), lt, landmark=P.LANDMARKS[lt][0] if lt else None)
            if not base:
                continue
            g = dict(site=base, size=1, span="single", sched=[(pick_round(), 1)])
            g["sched"] = [(g["sched"][0][0], rng.randint(1, ROUNDS[g["sched"][0][0]][2]))]
            p = try_partner(cat, g)
            if p:
                GROUPS.append(g)
                PARTNERS.append(dict(group=g, site=p, category=cat))
                done += 1
            elif SITES[-1] is base:
                SITES.pop()

# ------------------------------------------------------------------ write the complaints

FORCE_PREC = {
    "same_road_other_business": "road",
    "same_landmark_other_business": "landmark",
    "same_river_other_section": "river",
    "same_village_other_kind": "town_village",
}
for pa in PARTNERS:
    g = pa["group"]
    g.setdefault("force", {})
    free = [j for j in range(len(g["sched"])) if j not in g["force"]]
    j = rng.choice(free) if free else rng.randrange(len(g["sched"]))
    pa["anchor_index"] = j
    if pa["category"] in FORCE_PREC:
        g["force"][j] = FORCE_PREC[pa["category"]]

for g in GROUPS:
    s = g["site"]
    k = P.KINDS[s["kind"]]
    keys = list(k["aspects"])
    rng.shuffle(keys)
    members = []
    first_round = min(r for r, _ in g["sched"])
    near = g["size"] >= 2 and rng.random() < 0.06
    for j, (r, b) in enumerate(g["sched"]):
        asp = [keys[j % len(keys)]]
        if rng.random() < 0.45:
            asp.append(rng.choice(keys))
        asp = list(dict.fromkeys(asp))
        rel = None
        if r > first_round and rng.random() < 0.55:
            rel = ROUNDS[first_round][1].year
        if near and j == 1:
            prev = members[0]
            t = prev["text"]
            for a, b2 in (("来电反映：", "来电人再次反映："), ("。", "，第二次打电话了。"), ("，", "，又")):
                if a in t:
                    t = t.replace(a, b2, 1)
                    break
            else:
                t = "再次反映：" + t
            c = add_complaint(
                s,
                r,
                b,
                voice=prev["voice"],
                naming=prev["naming"],
                prec=prev["prec"],
                aspects=prev["aspects"],
                text=t[:300],
            )
            c["near_duplicate"] = True
        else:
            c = add_complaint(s, r, b, aspects=asp, relapse_year=rel, prec=g.get("force", {}).get(j))
        members.append(c)
    g["members"] = members
    g["near"] = near

LOOKALIKES = []
for pa in PARTNERS:
    g, p = pa["group"], pa["site"]
    anchor = g["members"][pa["anchor_index"]]
    r = RIDX[anchor["inspection"]]
    b = anchor["batch"] if rng.random() < 0.3 else max(1, min(ROUNDS[r][2], anchor["batch"] + rng.randint(-6, 6)))
    if rng.random() < 0.2:
        r = rng.randint(0, 3)
        b = rng.randint(1, ROUNDS[r][2])
    pk = P.KINDS[p["kind"]]
    if p["kind"] == g["site"]["kind"]:
        asp = [a for a in anchor["aspects"] if a in pk["aspects"]]
    else:
        want = set(anchor["pollution_types"])
        asp = [a for a, v in pk["aspects"].items() if want & set(v[0])][:2] or [rng.choice(list(pk["aspects"]))]
    naming = anchor["naming"] if anchor["naming"] != "pronoun" or p["factory"] else "colloq"
    c = add_complaint(p, r, b, voice=anchor["voice"], naming=naming, prec=anchor["prec"], aspects=asp)
    pa["members"] = [c]
    if rng.random() < 0.12:  # a second complaint about the partner: one more repeat group
        r2 = rng.randint(r, 3)
        pa["members"].append(add_complaint(p, r2, rng.randint(1, ROUNDS[r2][2])))
    pa["pair"] = (anchor, c)
    LOOKALIKES.append(pa)

# a few stand-alone complaints
for _ in range(14):
    s = make_site(rng.choice(KIND_LIST))
    if s:
        r = pick_round()
        add_complaint(s, r, rng.randint(1, ROUNDS[r][2]))

# ------------------------------------------------------------------ ids, refs, output

order = list(range(len(COMPLAINTS)))
rng.shuffle(order)
for n, i in enumerate(order, 1):
    COMPLAINTS[i]["id"] = f"R{n:04d}"
counter = Counter()
for c in sorted(COMPLAINTS, key=lambda c: (c["inspection"], c["batch"], c["id"])):
    counter[c["inspection"]] += 1
    num = counter[c["inspection"]]
    d = c["day"]
    if c["inspection"] == "2017-hunan":
        c["ref"] = f"{c['channel']}430000{d:%Y%m}{c['batch']:02d}{num:04d}"
    else:
        tag = {"2018-lookback": "2HN", "2021-hunan": "3HN", "2024-hunan": "4HN"}[c["inspection"]]
        c["ref"] = f"{c['channel']}{tag}{d:%Y%m%d}{num:04d}"

FIELDS = ["id", "inspection", "batch", "ref", "region", "pollution_types", "received", "text"]
rows = sorted(({f: c[f] for f in FIELDS} for c in COMPLAINTS), key=lambda r: r["id"])

groups_out, meta_groups = [], []
for g in GROUPS + [dict(site=pa["site"], members=pa["members"], span="partner", near=False) for pa in PARTNERS]:
    ms = g.get("members", [])
    if len(ms) < 2:
        continue
    ids = [c["id"] for c in ms]
    rng.shuffle(ids)
    groups_out.append(ids)
    s = g["site"]
    meta_groups.append(
        dict(
            ids=ids,
            family=s["family"],
            kind=s["kind"],
            span=g["span"],
            renamed=bool(s["rename"]),
            near_duplicate=g.get("near", False),
            town=s["town"],
            village=s["village"],
            naming=[c["naming"] for c in ms],
            place=[c["prec"] for c in ms],
            aspects=[c["aspects"] for c in ms],
        )
    )


def where(s: dict) -> str:
    return (
        f"{s['county']}{s['town']}{s['village']}"
        + (f"/{s['road']}" if s["road"] else "")
        + (f"/{s['river']}" if s["river"] else "")
        + (f"/{s['landmark']}" if s["landmark"] else "")
    )


looks_out, meta_looks = [], []
for pa in LOOKALIKES:
    a, b = pa["pair"]
    sa, sb = SITES[a["site"]], SITES[b["site"]]
    ka, kb = sa["trade"], sb["trade"]
    why = f"{P.LOOKALIKE_CATEGORIES[pa['category']]}：{ka}（{where(sa)}）与 {kb}（{where(sb)}）"
    looks_out.append([a["id"], b["id"], why])
    meta_looks.append(dict(ids=[a["id"], b["id"]], category=pa["category"], families=[sa["family"], sb["family"]]))

(HERE / "complaints.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
(HERE / "truth.json").write_text(
    json.dumps({"groups": groups_out, "lookalikes": looks_out}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
)
meta = dict(
    seed=SEED,
    groups=meta_groups,
    lookalikes=meta_looks,
    counts=dict(
        complaints=len(rows),
        groups=len(groups_out),
        pairs=sum(len(g) * (len(g) - 1) // 2 for g in groups_out),
        lookalikes=len(looks_out),
        by_round=dict(Counter(r["inspection"] for r in rows)),
        lookalike_categories=dict(Counter(m["category"] for m in meta_looks)),
        naming=dict(Counter(c["naming"] for c in COMPLAINTS)),
        place=dict(Counter(c["prec"] for c in COMPLAINTS)),
        voice=dict(Counter(c["voice"] for c in COMPLAINTS)),
        group_spans=dict(Counter(m["span"] for m in meta_groups)),
        renamed=sum(m["renamed"] for m in meta_groups),
        text_length=[min(len(r["text"]) for r in rows), max(len(r["text"]) for r in rows)],
    ),
)
(HERE / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(json.dumps(meta["counts"], ensure_ascii=False))

"""Kinds of site and company names, as data (data/site-kinds.json).

A kind of site is found by its words, longest first (搅拌站 inside 沥青搅拌站 is one
mention), and reported by its family (mixing plants of every kind are one family), so
小冶炼 / 炼铅作坊 / 金属冶炼有限公司 are all 冶炼. A company is found by its legal or
trade suffix (有限公司, 厂, 合作社, 养猪场…); its key is its own name with places, trade
words and the suffix stripped (株洲宏达砂石有限公司 / 宏达砂场 → 宏达), strong evidence
that two complaints are about one site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS_FILE = DATA_DIR / "site-kinds.json"

# Bigrams that end like a company suffix but name no company (现场, 市场, 车站…).
_FALSE_SUFFIX = frozenset(
    "现场 市场 广场 机场 操场 球场 商场 当场 在场 会场 剧场 战场 立场 到场 工场 农场 牧场 渔场 屠场 "
    "车站 网站 站点 站长 中心城 矿区 店面 店铺 馆长 场所 场地 场面 "
    "过场 进场 出场 散场 入场 退场 登场 上场 下场 收场 开场 冷场".split()
)
_CJK = re.compile(r"[\u3400-\u9fff0-9a-z]")
_OWNER = re.compile(r"^(?:[\u4e00-\u9fff]某{1,2}|[\u4e00-\u9fff](?:老板|总)|[老小][\u4e00-\u9fff])$")
# Words before a company's own name that are not part of it.
_BOUNDARY = re.compile(
    r"(?:反映|举报|投诉|称|位于|地处|坐落|附近|周边|旁边|境内|辖区内?|一带|对面|隔壁|门口|后面|的|在|有|是|和|与|及|或|被|把|对"
    r"|开了?个?|办了?个?|建了?个?|一家|一个|一座|一处|这家|那家|这个|那个|该|号称|叫做?|名为|私人|个人|很多|城区"
    r"|桥头|边上|背后|村民小组|[组号段边]|[0-9a-z]+)"
)
# A company's legal form: two different legal names are two companies.
_LEGAL = re.compile(r"(公司|集团|合作社)")
_LEADING = re.compile(r"^(?:家|个|座|处|间|栋|了)+")


@dataclass(frozen=True, slots=True)
class Company:
    """A company or site named in a text: its name as written and its key; an owner
    (刘某养猪场) is weaker evidence than a trade name and never a key of its own."""

    key: str
    name: str
    owner: bool = False
    legal: bool = False  # named with its legal form (有限公司, 合作社)


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    label: str
    related: frozenset[str]


class Lexicon:
    """Site-kind families, pollution words and company rules, with their automata."""

    def __init__(self, data: dict) -> None:
        self.families = {
            f["id"]: Family(f["id"], f["label"], frozenset(f.get("related", ()))) for f in data["families"]
        }
        for family in list(self.families.values()):  # relations go both ways
            for other in family.related:
                if other in self.families and family.id not in self.families[other].related:
                    o = self.families[other]
                    self.families[other] = Family(o.id, o.label, o.related | {family.id})
        self._kinds = ahocorasick.Automaton()
        for f in data["families"]:
            for word in f["words"]:
                self._kinds.add_word(word.lower(), (word.lower(), f["id"]))
        for word in data.get("ignore", ()):
            self._kinds.add_word(word.lower(), (word.lower(), None))
        self._kinds.make_automaton()
        self._pollution = ahocorasick.Automaton()
        self.pollution_types = tuple(data["pollution"])
        for ptype, words in data["pollution"].items():
            for word in [ptype, *words]:
                self._pollution.add_word(word, (word, ptype))
        self._pollution.make_automaton()
        company = data["company"]
        # A company's name ends in its legal form or kind of site (有限公司, 厂), or in a
        # trade word people use as one (天成汽修, 欢乐颂酒吧, 银旺木业).
        all_suffixes = [*company["suffixes"], *company.get("trade_suffixes", ())]
        suffixes = "|".join(re.escape(s) for s in sorted(all_suffixes, key=len, reverse=True))
        self._suffix_re = re.compile(f"(?:{suffixes})+")  # 有限责任公司分公司 is one
        tails = set(company["suffixes"]) | set(company["generic_words"])
        tails |= {w.lower() for f in data["families"] for w in f["words"]}
        self._tails = frozenset(tails)
        self._tail_lengths = sorted({len(t) for t in tails}, reverse=True)
        self._heads = frozenset(company["generic_words"])
        self._head_lengths = sorted({len(h) for h in self._heads}, reverse=True)
        self._not_names = frozenset(company["not_names"])

    # -- kinds -----------------------------------------------------------------------

    def kinds(self, text: str, mask: bytearray | None = None) -> tuple[str, ...]:
        """Family ids of the sites a text names, in order of first mention; words inside
        a place name (码头村) are not sites."""
        return tuple(dict.fromkeys(f for _, _, f in self._longest(self._kinds, text, mask) if f))

    def kind_words(self, text: str) -> list[tuple[str, str]]:
        """(word, family id) of every kind word found (for tests and pages)."""
        return [(w, f) for _, w, f in self._longest(self._kinds, text, None) if f]

    def pollution(self, text: str) -> tuple[str, ...]:
        return tuple(sorted({p for _, _, p in self._longest(self._pollution, text, None)}))

    def pollution_of(self, names: Sequence[str]) -> tuple[str, ...]:
        """Pollution types given by name (the table's 污染类型 column), as types."""
        out: set[str] = set()
        for name in names:
            out.update(self.pollution(name))
        return tuple(sorted(out))

    def label(self, family: str) -> str:
        return self.families[family].label

    def related(self, a: str, b: str) -> bool:
        return a == b or b in self.families[a].related

    @staticmethod
    def _longest(automaton, text: str, mask: bytearray | None) -> list[tuple[int, str, str | None]]:
        found = sorted(
            ((end + 1 - len(word), end + 1, word, value) for end, (word, value) in automaton.iter(text)),
            key=lambda f: (f[0] - f[1], f[0]),
        )
        taken = bytearray(len(text)) if mask is None else bytearray(mask)
        out = []
        for start, end, word, value in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                out.append((start, word, value))
        out.sort()
        return out

    # -- companies -------------------------------------------------------------------

    def companies(self, text: str, mask: bytearray) -> tuple[Company, ...]:
        """Companies and sites named by a suffix; `mask` marks the places found, which
        bound a name on the left (石潭镇古城村宏达砂石场 → 宏达)."""
        out: dict[str, Company] = {}
        for m in self._suffix_re.finditer(text):
            start, end = m.span()
            if mask[start] or text[max(0, start - 1) : end] in _FALSE_SUFFIX:
                continue
            if text[max(0, start - 2) : end] in _FALSE_SUFFIX:
                continue
            left = start
            while left > 0 and start - left < 14 and not mask[left - 1] and _CJK.match(text[left - 1]):
                left -= 1
            company = self.company(text[left:start], m.group())
            if company is not None:
                out.setdefault(company.key, company)
        return tuple(out.values())

    def company(self, run: str, suffix: str) -> Company | None:
        """The company `run` + `suffix` denotes (宏达砂石 + 有限公司), or None for a name
        that is only a kind of site (养猪场, 那个厂)."""
        run = run.lower()
        bounds = list(_BOUNDARY.finditer(run))
        if bounds:
            last = bounds[-1]
            if last.group() in ("那个", "这个") and len(self.key(run[last.end() :] + suffix)) < 2:
                # 天成那个汽修厂: the name is before 那个
                before = bounds[-2].end() if len(bounds) > 1 else 0
                run = run[before : last.start()]
            else:
                run = run[last.end() :]
        name = run + suffix
        key = self.key(name)
        if len(key) < 2 or key in self._not_names or any(ch in key for ch in "某") and not _OWNER.match(key):
            return None
        if len(key) > 6:  # a run of words, not a name
            return None
        return Company(key, name, bool(_OWNER.match(key)), bool(_LEGAL.search(suffix)))

    def key(self, name: str) -> str:
        """A company's own name: trade words, legal form and generic words stripped."""
        key = _LEADING.sub("", name.lower())
        changed = True
        while changed and key:
            changed = False
            for n in self._tail_lengths:  # the longest tail first
                if len(key) > n and key[-n:] in self._tails:
                    key = key[:-n]
                    changed = True
                    break
            for n in self._head_lengths:
                if len(key) - n >= 2 and key[:n] in self._heads:
                    key = key[n:]
                    changed = True
                    break
        if key in self._tails:
            return ""
        return key


@cache
def default_lexicon() -> Lexicon:
    return Lexicon(json.loads(KINDS_FILE.read_text(encoding="utf-8")))

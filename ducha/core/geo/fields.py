"""Which attribute holds what: provinces name the same thing differently.

The built-in map covers the names in published layers (national data standard and the
provinces' variants); the office adds its own as data (`extra`), which wins over the
built-in names. Names compare case-insensitively with spaces and underscores ignored.
DBF field names are cut at 10 bytes, so a Chinese name like 空间布局约束 arrives as
空间布局约 (GBK) or 空间布 (UTF-8): a cut name that begins exactly one known name counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CODE = "code"
NAME = "name"
CATEGORY = "category"
COUNTY = "county"
REGION_CODE = "region_code"
REMARK = "remark"
SPATIAL_LAYOUT = "spatial_layout"
POLLUTANT_DISCHARGE = "pollutant_discharge"
RISK_PREVENTION = "risk_prevention"
RESOURCE_EFFICIENCY = "resource_efficiency"

TARGETS = (
    CODE,
    NAME,
    CATEGORY,
    COUNTY,
    REGION_CODE,
    REMARK,
    SPATIAL_LAYOUT,
    POLLUTANT_DISCHARGE,
    RISK_PREVENTION,
    RESOURCE_EFFICIENCY,
)
REQUIRED = (CODE, CATEGORY)
TARGET_LABELS = {
    CODE: "单元编码",
    NAME: "单元名称",
    CATEGORY: "管控单元类别",
    COUNTY: "所属区县",
    REGION_CODE: "行政区划代码",
    REMARK: "备注",
    SPATIAL_LAYOUT: "空间布局约束",
    POLLUTANT_DISCHARGE: "污染物排放管控",
    RISK_PREVENTION: "环境风险防控",
    RESOURCE_EFFICIENCY: "资源开发效率要求",
}

BUILT_IN: dict[str, tuple[str, ...]] = {
    CODE: ("HJGKDYBM", "HJZHGKDYBM", "ZHGKDYBM", "GKDYBM", "DYBM", "YDBM", "单元编码", "管控单元编码",
           "环境管控单元编码", "CODE", "UNIT_CODE"),
    NAME: ("HJGKDYMC", "HJZHGKDYMC", "ZHGKDYMC", "GKDYMC", "DYMC", "单元名称", "管控单元名称",
           "环境管控单元名称", "NAME", "UNIT_NAME"),
    CATEGORY: ("ZHGKDYFL", "HJGKDYFL", "GKDYFL", "GKDYLB", "HJGKDYLB", "ZHGKDYLB", "DYLB", "DYFL", "GKLB",
               "单元类别", "单元分类", "管控单元类别", "管控单元分类", "管控类别", "环境管控单元类别",
               "环境管控单元分类", "CATEGORY", "TYPE"),
    COUNTY: ("COUNTY", "AREA", "XIAN", "XZQMC", "QXMC", "区县", "县区", "所属区县", "区县名称", "县（市、区）",
             "县市区", "行政区", "所在区县"),
    REGION_CODE: ("XZQDM", "XZQHDM", "QXDM", "XDM", "COUNTY_CODE", "ADCODE", "行政区划代码", "区划代码"),
    REMARK: ("REMARK", "REMARKS", "BZ", "备注", "NOTE"),
    SPATIAL_LAYOUT: ("KJBJYS", "KJBJYS_", "KJBJ", "KJBJYSYQ", "空间布局约束", "空间布局约束要求", "SPATIAL"),
    POLLUTANT_DISCHARGE: ("WRWPFGK", "WRWPF", "WRPFGK", "WRWPFGKYQ", "污染物排放管控", "污染物排放管控要求",
                          "POLLUTION"),
    RISK_PREVENTION: ("HJFXFK", "HJFX", "HJFXFKYQ", "环境风险防控", "环境风险防控要求", "RISK"),
    RESOURCE_EFFICIENCY: ("ZYKFXLYQ", "ZYKFXL", "ZYLYXLYQ", "ZYLYXL", "ZYKFLYXL", "ZYXL", "资源开发效率要求",
                          "资源利用效率要求", "资源开发利用效率要求", "资源开发效率", "资源利用效率", "RESOURCE"),
}  # fmt: skip

# Targets whose text must not be a number: AREA is a county name in some provinces and
# the area in hectares in others.
TEXT_ONLY = {COUNTY}


def key(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).upper()


@dataclass(frozen=True)
class FieldMap:
    """attribute name (as keyed) → target, built from the built-in names and extras."""

    names: Mapping[str, str]

    @classmethod
    def build(cls, extra: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> FieldMap:
        names = {key(n): target for target, synonyms in BUILT_IN.items() for n in synonyms}
        pairs = extra.items() if isinstance(extra, Mapping) else extra
        for name, target in pairs:
            if target not in TARGETS:
                raise ValueError(f"unknown field target {target!r}")
            names[key(name)] = target
        return cls(names)

    def target_of(self, field: str) -> str | None:
        k = key(field)
        if k in self.names:
            return self.names[k]
        # a DBF name cut at 10 bytes: it must start exactly one known non-ASCII name
        if len(k) >= 3 and not k.isascii():
            found = {t for n, t in self.names.items() if n.startswith(k)}
            if len(found) == 1:
                return found.pop()
        return None

    def columns(self, fields: Iterable[str], sample: Iterable[Mapping[str, str]] = ()) -> dict[str, str]:
        """target → the attribute that holds it. The first field listed wins a target;
        a text-only target skips a field whose values are all numbers."""
        sample = list(sample)
        out: dict[str, str] = {}
        for field in fields:
            target = self.target_of(field)
            if target is None or target in out:
                continue
            if target in TEXT_ONLY and sample and all(_is_number(row.get(field, "")) for row in sample):
                continue
            out[target] = field
        return out

    def synonyms(self, target: str) -> list[str]:
        return [n for n, t in self.names.items() if t == target]


def _is_number(text: str) -> bool:
    if text == "":
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- category --------------------------------------------------------------------------

PRIORITY = "priority"
KEY = "key"
GENERAL = "general"
CATEGORY_BY_TEXT = {
    "1": PRIORITY,
    "2": KEY,
    "3": GENERAL,
    "YXBH": PRIORITY,
    "ZDGK": KEY,
    "YBGK": GENERAL,
    "PRIORITY": PRIORITY,
    "KEY": KEY,
    "GENERAL": GENERAL,
}


def category_of(value: str) -> str | None:
    """优先保护单元 / 优先保护 / 1 → priority; 重点管控… / 2 → key; 一般管控… / 3 → general."""
    text = key(value)
    if text.endswith(".0"):
        text = text[:-2]
    if text in CATEGORY_BY_TEXT:
        return CATEGORY_BY_TEXT[text]
    found = {c for word, c in (("优先保护", PRIORITY), ("重点管控", KEY), ("一般管控", GENERAL)) if word in text}
    if not found:
        found = {c for word, c in (("优先", PRIORITY), ("重点", KEY), ("一般", GENERAL)) if word in text}
    return found.pop() if len(found) == 1 else None

"""The place gazetteer (地名库) and the site-kind lexicon as tables the office extends.

Divisions (province › city › county › town › village) come from the statistics bureau's
统计用区划代码 (`load_places`); roads, rivers, river sections, parks and landmarks are
added by the office under a parent. Site kinds are families of synonyms (冶炼: 小冶炼,
炼铅作坊…), seeded from the shipped site-kinds.json. Every change bumps `LexiconStamp`,
so each process rebuilds its matcher (`places.lexicon.current`) once.
"""

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市州")
    COUNTY = "county", _("区县")
    TOWN = "town", _("乡镇")
    SUBDISTRICT = "subdistrict", _("街道")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")
    ROAD = "road", _("道路")
    RIVER = "river", _("河流")
    LAKE = "lake", _("湖库")
    SECTION = "section", _("河段")
    PARK = "park", _("园区")
    LANDMARK = "landmark", _("地标")

    # the kinds the statistics bureau lists; the others the office adds
    DIVISIONS = enum.nonmember(("province", "city", "county", "town", "subdistrict", "village", "community"))
    ADDED = enum.nonmember(("road", "river", "lake", "section", "park", "landmark"))
    # the gazetteer core's level of each kind (a 街道 is a town, a 社区 a village)
    LEVELS = enum.nonmember(
        {"subdistrict": "town", "community": "village", **{k: k for k in ("province", "city", "county", "town")}}
    )

    @classmethod
    def level_of(cls, kind: str) -> str:
        return cls.LEVELS.get(kind, kind)


class Place(models.Model):
    """One place: a division (`code` its statistics code) or a place the office added."""

    ref = models.CharField(_("编号"), max_length=80, unique=True)  # the gazetteer's id
    code = models.CharField(_("统计用区划代码"), max_length=12, blank=True, db_index=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=16, choices=PlaceKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    river = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="sections", verbose_name=_("所在河流")
    )
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    # the code of the nearest division at or above it: who may edit it (office of that region)
    region_code = models.CharField(max_length=12, db_index=True)
    search_text = models.CharField(max_length=400, db_index=True)  # name and aliases, for the search box

    class Meta:
        ordering = ["code", "name"]
        verbose_name = _("地名")
        verbose_name_plural = _("地名")

    def __str__(self):
        return self.name

    @property
    def is_division(self) -> bool:
        return self.kind in PlaceKind.DIVISIONS

    def set_search_text(self) -> None:
        self.search_text = " ".join([self.name, *self.aliases])[:400]


class SiteFamily(models.Model):
    """A family of kinds of site (冶炼, 夜间娱乐): the words that name it are its synonyms."""

    key = models.SlugField(_("类别代码"), max_length=40, unique=True)
    label = models.CharField(_("名称"), max_length=40, unique=True)
    related = models.JSONField(_("相关类别"), default=list, blank=True)  # keys not counted against it
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("场所类别")
        verbose_name_plural = _("场所类别")

    def __str__(self):
        return self.label


class SiteWord(models.Model):
    """One way people name a kind of site (小冶炼, 炼铅作坊); a word names one family."""

    family = models.ForeignKey(SiteFamily, models.CASCADE, related_name="words", verbose_name=_("场所类别"))
    word = models.CharField(_("同义词"), max_length=40, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("场所同义词")
        verbose_name_plural = _("场所同义词")

    def __str__(self):
        return self.word


class LexiconStamp(models.Model):
    """One row: a fresh token on every place or site-kind change. A random token, not a
    counter, so a rolled-back change never reuses a stamp a process has cached."""

    stamp = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.stamp

"""Environmental control units (环境管控单元, 三线一单) in published editions.

A province publishes its unit layer and updates it every few years; each import is an
edition (分区管控成果版本). One edition is current: new placements use it, while anything
placed earlier keeps the edition it was placed in. Geometry is stored without PostGIS, so
SQLite and PostgreSQL hold the same rows: the exact boundary as WKB (hex text), a
simplified GeoJSON for the map, and the bounding box in four indexed columns that narrow a
point or a site to a few candidates before shapely decides.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.core.geo import fields as geo_fields


class Category(models.TextChoices):
    PRIORITY = geo_fields.PRIORITY, _("优先保护单元")
    KEY = geo_fields.KEY, _("重点管控单元")
    GENERAL = geo_fields.GENERAL, _("一般管控单元")


# The colours of the published maps: protection green, key control red, general yellow.
CATEGORY_COLOURS = {Category.PRIORITY: "#2e8b57", Category.KEY: "#d9472b", Category.GENERAL: "#e8c547"}


class ControlUnitEdition(models.Model):
    name = models.CharField(_("版本名称"), max_length=120, unique=True)
    is_current = models.BooleanField(_("当前版本"), default=False)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("文件摘要"), max_length=64, blank=True)
    crs = models.CharField(_("坐标系"), max_length=120, blank=True)
    encoding = models.CharField(_("属性编码"), max_length=16, blank=True)
    unit_count = models.PositiveIntegerField(_("单元数"), default=0)
    warnings = models.JSONField(_("检查提示"), default=list, blank=True)
    # the office publishes an edition's unit layer for the public map; nothing else of zoning is public
    is_published = models.BooleanField(_("向公众公开"), default=False)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("导入人")
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("分区管控成果版本")
        verbose_name_plural = _("分区管控成果版本")
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_edition"),
        ]

    def __str__(self):
        return self.name


class ControlUnit(models.Model):
    edition = models.ForeignKey(ControlUnitEdition, models.CASCADE, related_name="units", verbose_name=_("版本"))
    code = models.CharField(_("单元编码"), max_length=64)
    name = models.CharField(_("单元名称"), max_length=200)
    category = models.CharField(_("管控单元类别"), max_length=16, choices=Category.choices)
    county = models.CharField(_("所属区县"), max_length=64, blank=True)
    # the county's GB/T 2260 code when the name or code is known, else the city's: scoping by prefix
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True, db_index=True)
    remark = models.TextField(_("备注"), blank=True)
    spatial_layout = models.TextField(_("空间布局约束"), blank=True)
    pollutant_discharge = models.TextField(_("污染物排放管控"), blank=True)
    risk_prevention = models.TextField(_("环境风险防控"), blank=True)
    resource_efficiency = models.TextField(_("资源开发效率要求"), blank=True)
    attributes = models.JSONField(_("原始属性"), default=dict, blank=True)
    geometry_wkb = models.TextField(_("边界（WKB）"))
    map_geojson = models.TextField(_("地图边界（GeoJSON）"))
    area_m2 = models.FloatField(_("面积（平方米）"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["edition", "code"]
        verbose_name = _("环境管控单元")
        verbose_name_plural = _("环境管控单元")
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="unit_code_unique_in_edition")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def colour(self) -> str:
        return CATEGORY_COLOURS.get(self.category, "#999999")

    @property
    def area_km2(self) -> float:
        return self.area_m2 / 1e6

    @property
    def requirements(self) -> list[tuple[str, str]]:
        """The four lists of the 准入清单, labelled, in their official order."""
        return [
            (_("空间布局约束"), self.spatial_layout),
            (_("污染物排放管控"), self.pollutant_discharge),
            (_("环境风险防控"), self.risk_prevention),
            (_("资源开发效率要求"), self.resource_efficiency),
        ]


class FieldMapping(models.Model):
    """An attribute name a province uses, and what it holds: the office extends the built-in map."""

    class Target(models.TextChoices):
        CODE = geo_fields.CODE, _("单元编码")
        NAME = geo_fields.NAME, _("单元名称")
        CATEGORY = geo_fields.CATEGORY, _("管控单元类别")
        COUNTY = geo_fields.COUNTY, _("所属区县")
        REGION_CODE = geo_fields.REGION_CODE, _("行政区划代码")
        REMARK = geo_fields.REMARK, _("备注")
        SPATIAL_LAYOUT = geo_fields.SPATIAL_LAYOUT, _("空间布局约束")
        POLLUTANT_DISCHARGE = geo_fields.POLLUTANT_DISCHARGE, _("污染物排放管控")
        RISK_PREVENTION = geo_fields.RISK_PREVENTION, _("环境风险防控")
        RESOURCE_EFFICIENCY = geo_fields.RESOURCE_EFFICIENCY, _("资源开发效率要求")

    source_name = models.CharField(_("字段名"), max_length=64, unique=True)
    target = models.CharField(_("含义"), max_length=32, choices=Target.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["source_name"]
        verbose_name = _("字段对照")
        verbose_name_plural = _("字段对照")

    def __str__(self):
        return f"{self.source_name} → {self.get_target_display()}"


class ControlUnitTile(models.Model):
    """A unit listed under a 0.05° tile its box touches (ducha.core.geo.tiles): the
    database's spatial index, the same on SQLite and PostgreSQL."""

    edition = models.ForeignKey(ControlUnitEdition, models.CASCADE, related_name="+")
    unit = models.ForeignKey(ControlUnit, models.CASCADE, related_name="tiles")
    tile = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["edition", "tile"], name="unit_tile_lookup")]

    def __str__(self):
        return f"{self.unit_id}@{self.tile}"


class Location(models.Model):
    """Where a case lies: a complaint or a rectification task, named by its model label and
    primary key (zoning sits below both areas and never imports them). The point is kept
    in WGS84, with the numbers and coordinate system as they were typed; the unit and
    edition are those of its placement, kept until the case is placed again."""

    class Source(models.TextChoices):
        TYPED = "typed", _("录入坐标")
        PHOTO = "photo", _("照片定位")
        MAP = "map", _("地图选点")

    item_kind = models.CharField(_("对象类型"), max_length=64)
    item_id = models.PositiveBigIntegerField(_("对象编号"))
    # the case's region (GB/T 2260), copied at placement: the map's points are scoped by it
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True, db_index=True)
    lon = models.FloatField(_("经度（WGS84）"))
    lat = models.FloatField(_("纬度（WGS84）"))
    typed_lon = models.FloatField(_("录入经度"))
    typed_lat = models.FloatField(_("录入纬度"))
    typed_crs = models.CharField(_("录入坐标系"), max_length=16)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices, default=Source.TYPED)
    unit = models.ForeignKey(
        ControlUnit, models.SET_NULL, null=True, blank=True, related_name="locations", verbose_name=_("管控单元")
    )
    edition = models.ForeignKey(
        ControlUnitEdition, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("版本")
    )
    placed_at = models.DateTimeField(_("落位时间"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("落位人")
    )

    class Meta:
        ordering = ["item_kind", "item_id"]
        verbose_name = _("案件位置")
        verbose_name_plural = _("案件位置")
        constraints = [models.UniqueConstraint(fields=["item_kind", "item_id"], name="one_location_per_item")]
        indexes = [models.Index(fields=["item_kind", "unit"], name="location_kind_unit")]

    def __str__(self):
        return f"{self.item_kind}#{self.item_id} {self.lon:.6f},{self.lat:.6f}"


class Replacement(models.Model):
    """A run placing every located case again in an edition (after a new edition is
    imported): a background task, its progress readable while it runs."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    edition = models.ForeignKey(ControlUnitEdition, models.CASCADE, related_name="replacements", verbose_name=_("版本"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("案件数"), default=0)
    done = models.PositiveIntegerField(_("已落位"), default=0)
    moved = models.PositiveIntegerField(_("单元改变"), default=0)
    message = models.CharField(_("说明"), max_length=255, blank=True)
    requested_at = models.DateTimeField(_("发起时间"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("发起人")
    )
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("重新落位")
        verbose_name_plural = _("重新落位")

    def __str__(self):
        return f"{self.edition} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 / self.total)

"""Located problems of a control-unit layer, and the error for a layer that cannot be read.

Messages are module constants so tests and the Django side assert the exact text a user
reads. A problem names the file, the feature (1-based, as GIS software numbers them), the
unit code and the attribute it concerns; geometry problems also carry where (lon, lat) and
how big (m², measured in an equal-area projection, never in degrees).
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# --- the file ----------------------------------------------------------------------
FILE_NOT_FOUND = "找不到文件“{name}”"
FILE_TYPE_UNSUPPORTED = (
    "不支持的文件类型“{suffix}”：请上传 GeoJSON（.geojson/.json）、Shapefile 压缩包（.zip）或 .shp 文件"
)
ZIP_UNREADABLE = "压缩包无法打开，可能已损坏"
ZIP_WITHOUT_SHP = "压缩包内没有 .shp 文件"
ZIP_SEVERAL_SHP = "压缩包内有多个图层（{names}），无法确定哪个是管控单元图层，请只保留一个"
SHP_SIDECAR_MISSING = "缺少与 .shp 同名的 {suffix} 文件（Shapefile 至少需要 .shp、.shx、.dbf 三个文件）"
LAYER_UNREADABLE = "图层无法读取：{reason}"
GEOJSON_UNREADABLE = "GeoJSON 无法解析：{reason}"
GEOJSON_NOT_FEATURES = "GeoJSON 中没有要素集合（FeatureCollection）"
TEXT_ENCODING_UNKNOWN = (
    "属性表的文字编码无法识别（既不是 UTF-8，也不是 GBK/GB18030），请用 GIS 软件另存为 UTF-8 后重新上传"
)
CPG_MISMATCH = "属性表声明的编码是“{declared}”，但内容是 {actual} 编码，已按 {actual} 读取"
CPG_UNKNOWN = "属性表声明的编码“{declared}”无法识别，已按内容判断为 {actual}"
GEOJSON_NOT_UTF8 = "GeoJSON 不是 UTF-8 编码，已按 GBK/GB18030 读取"
LAYER_EMPTY = "图层中没有任何要素"

# --- coordinates ---------------------------------------------------------------------
CRS_UNKNOWN = "无法识别坐标系：{reason}"
CRS_MISSING_GEOGRAPHIC = "没有坐标系说明（.prj），坐标是经纬度，已按 CGCS2000 地理坐标读取"
CRS_MISSING_GAUSS = "没有坐标系说明（.prj），坐标带带号，已按 CGCS2000 {width}度分带高斯-克吕格投影第{zone}带读取"
CRS_MISSING_UNSURE = "没有坐标系说明（.prj），坐标既不是经纬度也不带投影带号，无法确定坐标系，请补上 .prj 文件"
CRS_OUT_OF_CHINA = "转换后的坐标（{lon:.4f}, {lat:.4f}）不在中国范围内，请核对坐标系"

# --- one feature ---------------------------------------------------------------------
FIELD_MISSING = "缺少必需的属性“{field}”（可用的字段名：{names}）"
VALUE_EMPTY = "“{field}”为空"
CATEGORY_UNKNOWN = "无法识别的管控单元类别“{value}”，应为优先保护、重点管控、一般管控或 1、2、3"
NAME_EMPTY = "单元名称为空，已用单元编码代替"
CODE_DUPLICATE_MERGED = "单元编码在第{features}个要素中重复出现，属性相同，已合并为一个（多）多边形"
CODE_DUPLICATE_CONFLICT = "单元编码与第{other}个要素重复，但属性不同"
GEOMETRY_EMPTY = "没有几何图形"
GEOMETRY_NOT_POLYGON = "几何类型是 {kind}，管控单元应为面（Polygon/MultiPolygon）"
GEOMETRY_REPAIRED = "边界无效（{reason}），已自动修复；修复前后面积 {before:.0f} → {after:.0f} 平方米，请核对"
GEOMETRY_UNREPAIRABLE = "边界无效（{reason}），无法自动修复"

# --- between units -------------------------------------------------------------------
UNITS_OVERLAP = "单元 {a} 与 {b} 重叠，重叠面积 {area:.1f} 平方米"
UNION_GAP = "单元之间有空隙（不属于任何单元），面积 {area:.1f} 平方米"
SMALL_PROBLEMS = "另有 {count} 处面积小于 {limit:g} 平方米的{kind}，合计 {area:.2f} 平方米，未逐一列出"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a layer, located as a GIS user finds it.

    `feature` is the 1-based feature number (0 when the problem is about the file or about
    several units); `code` the unit code when known; `field` the attribute name.
    """

    file: str
    message: str
    feature: int = 0
    code: str = ""
    field: str = ""
    value: str = ""
    level: str = ERROR
    lon: float | None = None
    lat: float | None = None
    area_m2: float | None = None

    def to_dict(self) -> dict:
        out: dict = {
            "file": self.file,
            "feature": self.feature,
            "code": self.code,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }
        if self.lon is not None:
            out["lon"], out["lat"] = round(float(self.lon), 6), round(float(self.lat), 6)
        if self.area_m2 is not None:
            out["area_m2"] = round(float(self.area_m2), 1)
        return out


class GeoError(Exception):
    """The layer as a whole cannot be used: unreadable, unknown encoding, unknown CRS."""

    code = "geo_error"

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.message = problem.message
        super().__init__(problem.message)

    @classmethod
    def for_file(cls, name: str, message: str) -> GeoError:
        return cls(Problem(file=name, message=message))

"""Attribute names differ by province; the field map finds each thing under its names."""

import pytest

from ducha.core.geo import FieldMap, category_of, errors, read_units
from ducha.core.geo.fields import GENERAL, KEY, PRIORITY
from ducha.core.geo.tests import layers


@pytest.mark.parametrize(
    ("field", "target"),
    [
        ("HJGKDYBM", "code"),
        ("HJZHGKDYBM", "code"),
        ("hjgkdybm", "code"),
        ("HJGKDYMC", "name"),
        ("HJZHGKDYMC", "name"),
        ("COUNTY", "county"),
        ("AREA", "county"),
        ("REMARK", "remark"),
        ("REMARKS", "remark"),
        ("ZHGKDYFL", "category"),
        ("KJBJYS", "spatial_layout"),
        ("空间布局约束", "spatial_layout"),
        ("空间布局约", "spatial_layout"),  # cut at 10 GBK bytes by the DBF format
        ("空间布", "spatial_layout"),  # cut at 10 UTF-8 bytes
        ("WRWPFGK", "pollutant_discharge"),
        ("污染物排放管控", "pollutant_discharge"),
        ("HJFXFK", "risk_prevention"),
        ("环境风险防控", "risk_prevention"),
        ("ZYKFXLYQ", "resource_efficiency"),
        ("资源开发效率要求", "resource_efficiency"),
        ("资源利用效率要求", "resource_efficiency"),
        ("OBJECTID", None),
        ("Shape_Area", None),
    ],
)
def test_province_field_names_map_to_one_meaning(field, target):
    assert FieldMap.build().target_of(field) == target


def test_the_office_adds_its_own_names():
    fmap = FieldMap.build({"GKDY_CODE": "code", "HJGKDYMC": "remark"})
    assert fmap.target_of("gkdy_code") == "code"
    assert fmap.target_of("HJGKDYMC") == "remark"  # an office mapping wins over the built-in


def test_an_unknown_target_is_refused():
    with pytest.raises(ValueError):
        FieldMap.build({"X": "colour"})


def test_area_in_numbers_is_not_a_county():
    fields = ["HJGKDYBM", "AREA", "XIAN"]
    rows = [{"AREA": "1234.5", "XIAN": "湘潭县"}, {"AREA": "", "XIAN": "雨湖区"}]
    assert FieldMap.build().columns(fields, rows)["county"] == "XIAN"


@pytest.mark.parametrize(
    ("value", "category"),
    [
        ("优先保护单元", PRIORITY),
        ("优先保护", PRIORITY),
        ("1", PRIORITY),
        ("1.0", PRIORITY),
        ("重点管控单元", KEY),
        ("重点管控单元（产业园区）", KEY),
        ("2", KEY),
        ("一般管控单元", GENERAL),
        (" 3 ", GENERAL),
        ("4", None),
        ("", None),
        ("优先保护/重点管控", None),
    ],
)
def test_categories_are_read_as_names_or_numbers(value, category):
    assert category_of(value) == category


def _province_b(units):
    """The same units under another province's names, the category as 1/2/3."""
    number = {"优先保护单元": "1", "重点管控单元": "2", "一般管控单元": "3"}
    out = []
    for u in units:
        out.append(
            {
                "HJZHGKDYBM": u["HJGKDYBM"],
                "HJZHGKDYMC": u["HJGKDYMC"],
                "ZHGKDYFL": number[u["ZHGKDYFL"]],
                "AREA": u["COUNTY"],
                "REMARKS": u["REMARK"],
                "空间布局约束": u["KJBJYS"],
                "污染物排放管控": u["WRWPFGK"],
                "环境风险防控": u["HJFXFK"],
                "资源开发效率要求": u["ZYKFXLYQ"],
            }
        )
    return out


@pytest.mark.parametrize("kind", ["geojson", "shapefile"])
def test_another_provinces_layout_loads_the_same_units(tmp_path, kind):
    units = _province_b(layers.UNITS)
    if kind == "geojson":
        path = layers.write_geojson(tmp_path / "b.geojson", units)
    else:
        path = layers.write_shapefile(tmp_path / "b.shp", units, cpg=None)
    layer = read_units(path)
    assert layer.ok
    got = [(u.code, u.name, u.category, u.county, u.remark, u.spatial_layout) for u in layer.units]
    assert got == [
        ("ZH43030230001", "雨湖区一般管控单元", GENERAL, "雨湖区", "备注甲", "禁止新建化工项目。"),
        ("ZH43030210001", "韶山灌区优先保护单元", PRIORITY, "雨湖区", "", "禁止开发建设。"),
        ("ZH43030220001", "岳塘经开区重点管控单元", KEY, "岳塘区", "", "园区外不得新建工业项目。"),
    ]
    assert layer.units[0].resource_efficiency == "单位产值能耗下降。"


def test_every_attribute_is_kept_as_text(tmp_path):
    units = [dict(u, OBJECTID=i, SHAPE_AREA=1.5) for i, u in enumerate(layers.UNITS, start=1)]
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", units))
    assert layer.units[1].attributes["OBJECTID"] == "2"
    assert layer.units[1].attributes["SHAPE_AREA"] == "1.5"
    assert layer.units[1].attributes["HJGKDYMC"] == "韶山灌区优先保护单元"


def test_a_layer_without_a_code_field_names_the_names_it_looked_for(tmp_path):
    units = [{k: v for k, v in u.items() if k != "HJGKDYBM"} for u in layers.UNITS]
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", units))
    assert [e.message for e in layer.errors] == [
        errors.FIELD_MISSING.format(field="单元编码", names="HJGKDYBM、HJZHGKDYBM、ZHGKDYBM、GKDYBM、DYBM、YDBM")
    ]


def test_bad_values_are_located_by_feature_and_field(tmp_path):
    units = [dict(layers.UNITS[0]), dict(layers.UNITS[1], ZHGKDYFL="5"), dict(layers.UNITS[2], HJGKDYBM="")]
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", units))
    got = [(e.feature, e.code, e.field, e.value, e.message) for e in layer.errors]
    assert got == [
        (2, "ZH43030210001", "ZHGKDYFL", "5", errors.CATEGORY_UNKNOWN.format(value="5")),
        (3, "", "HJGKDYBM", "", errors.VALUE_EMPTY.format(field="HJGKDYBM")),
    ]


def test_one_unit_in_two_features_is_merged_with_a_warning(tmp_path):
    units = [layers.UNITS[2], layers.UNITS[2]]
    geoms = list(layers.C.geoms)
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", units, geoms))
    assert len(layer.units) == 1
    assert layer.units[0].geometry.equals(layers.C)
    assert errors.CODE_DUPLICATE_MERGED.format(features="1、2") in [w.message for w in layer.warnings]


def test_one_code_with_different_attributes_is_an_error(tmp_path):
    units = [layers.UNITS[2], dict(layers.UNITS[2], HJGKDYMC="另一个单元")]
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", units, list(layers.C.geoms)))
    assert [(e.feature, e.message) for e in layer.errors] == [(2, errors.CODE_DUPLICATE_CONFLICT.format(other=1))]

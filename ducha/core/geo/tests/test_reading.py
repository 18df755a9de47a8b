"""Reading layers as provinces publish them: GeoJSON, shapefiles in GBK or UTF-8, with or
without .cpg and .prj, zipped or not, geographic or Gauss-Krüger projected."""

import pytest
import shapely

from ducha.core.geo import GeoError, errors, read_units
from ducha.core.geo.tests import layers

NAMES = ["雨湖区一般管控单元", "韶山灌区优先保护单元", "岳塘经开区重点管控单元"]


def _names(layer):
    return [u.name for u in layer.units]


def _same_shapes(layer, tolerance=1e-7):
    for unit, expected in zip(layer.units, layers.GEOMS, strict=True):
        if tolerance == 0:
            assert shapely.equals_exact(unit.geometry, expected, 0)
        else:
            assert shapely.hausdorff_distance(unit.geometry, expected) < tolerance
        assert shapely.get_num_geometries(unit.geometry) == shapely.get_num_geometries(expected)
        assert shapely.get_num_interior_rings(shapely.get_geometry(unit.geometry, 0)) == shapely.get_num_interior_rings(
            shapely.get_geometry(expected, 0)
        )


@pytest.mark.parametrize(
    ("encoding", "cpg", "read_as", "warned"),
    [
        ("GBK", None, "GBK", ""),  # no .cpg, bytes not UTF-8 → GBK
        ("GBK", "keep", "GBK", ""),  # .cpg says GBK
        ("GBK", "936", "GBK", ""),  # ArcGIS writes the code page number
        ("UTF-8", "keep", "UTF-8", ""),
        ("UTF-8", None, "UTF-8", ""),  # no .cpg, bytes are UTF-8
        ("GBK", "UTF-8", "GBK", "属性表声明的编码是“UTF-8”，但内容是 GBK 编码，已按 GBK 读取"),
        # UTF-8 bytes also decode as GB18030, into mojibake: valid UTF-8 wins over the .cpg
        ("UTF-8", "GBK", "UTF-8", "属性表声明的编码是“GBK”，但内容是 UTF-8 编码，已按 UTF-8 读取"),
    ],
)
def test_dbf_text_is_read_in_its_real_encoding(tmp_path, encoding, cpg, read_as, warned):
    shp = layers.write_shapefile(tmp_path / "units.shp", encoding=encoding, cpg=cpg)
    layer = read_units(shp)
    assert _names(layer) == NAMES
    assert layer.units[0].spatial_layout == "禁止新建化工项目。"
    assert layer.encoding == read_as
    assert [w.message for w in layer.warnings if "编码" in w.message] == ([warned] if warned else [])


def test_text_in_no_known_encoding_is_refused(tmp_path):
    shp = layers.write_shapefile(tmp_path / "units.shp", encoding="UTF-8", cpg=None)
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes().replace("雨湖区".encode(), b"\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff"))
    with pytest.raises(GeoError) as caught:
        read_units(shp)
    assert caught.value.message == errors.TEXT_ENCODING_UNKNOWN


def test_a_zip_with_gbk_file_names_is_read(tmp_path):
    shp = layers.write_shapefile(tmp_path / "units.shp", cpg=None)
    layer = read_units(layers.zip_shapefile(shp, tmp_path / "湘潭.zip"))
    assert _names(layer) == NAMES
    assert layer.name == "湘潭.zip"
    _same_shapes(layer)


def test_holes_and_multipolygons_are_kept_exactly(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "units.geojson"))
    _same_shapes(layer, tolerance=0)
    assert len(layer.units[0].geometry.interiors) == 1
    assert layer.units[2].geometry.geom_type == "MultiPolygon"


@pytest.mark.parametrize(
    ("crs", "label"),
    [
        ("EPSG:4490", "EPSG:4490"),
        ("EPSG:4326", "EPSG:4326"),
        ("EPSG:4526", "EPSG:4526"),  # CGCS2000 3° Gauss-Krüger zone 38, easting with zone
        ("EPSG:4545", "EPSG:4545"),  # CGCS2000 3° Gauss-Krüger CM 114E, no zone number
        ("EPSG:4497", "EPSG:4497"),  # CGCS2000 6° Gauss-Krüger zone 19
    ],
)
def test_coordinates_come_back_as_lonlat_from_the_prj(tmp_path, crs, label):
    layer = read_units(layers.write_shapefile(tmp_path / "units.shp", crs=crs))
    assert layer.crs_name.startswith(label)
    _same_shapes(layer, tolerance=1e-7)  # about a centimetre


@pytest.mark.parametrize(
    ("crs", "message"),
    [
        ("EPSG:4490", errors.CRS_MISSING_GEOGRAPHIC),
        ("EPSG:4526", errors.CRS_MISSING_GAUSS.format(width=3, zone=38)),
        ("EPSG:4497", errors.CRS_MISSING_GAUSS.format(width=6, zone=19)),
    ],
)
def test_a_missing_prj_is_guessed_only_from_plain_numbers_and_said(tmp_path, crs, message):
    layer = read_units(layers.write_shapefile(tmp_path / "units.shp", crs=crs, prj=False))
    _same_shapes(layer, tolerance=1e-7)
    assert message in [w.message for w in layer.warnings]


def test_a_missing_prj_without_zone_number_is_refused(tmp_path):
    shp = layers.write_shapefile(tmp_path / "units.shp", crs="EPSG:4545", prj=False)
    with pytest.raises(GeoError) as caught:
        read_units(shp)
    assert caught.value.message == errors.CRS_MISSING_UNSURE


def test_geojson_crs_member_is_honoured(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", crs="urn:ogc:def:crs:EPSG::4490"))
    assert layer.crs_name.startswith("EPSG:4490")
    _same_shapes(layer, tolerance=0)


def test_gbk_geojson_is_read_with_a_warning(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", encoding="gbk"))
    assert _names(layer) == NAMES
    assert errors.GEOJSON_NOT_UTF8 in [w.message for w in layer.warnings]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("u.kml", b"<kml/>", errors.FILE_TYPE_UNSUPPORTED.format(suffix=".kml")),
        ("u.zip", b"not a zip", errors.ZIP_UNREADABLE),
        ("u.geojson", b'{"type": "FeatureCollection", "features": [', None),
        ("u.geojson", b'{"type": "Polygon", "coordinates": []}', errors.GEOJSON_NOT_FEATURES),
        ("u.geojson", b'{"type": "FeatureCollection", "features": []}', errors.LAYER_EMPTY),
    ],
)
def test_unusable_files_are_refused_with_the_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(GeoError) as caught:
        read_units(path)
    assert caught.value.problem.file == name
    if message:
        assert caught.value.message == message
    else:
        assert caught.value.message.startswith("GeoJSON 无法解析：第1行")


def test_a_zip_without_a_dbf_names_what_is_missing(tmp_path):
    shp = layers.write_shapefile(tmp_path / "units.shp")
    shp.with_suffix(".dbf").unlink()
    with pytest.raises(GeoError) as caught:
        read_units(layers.zip_shapefile(shp, tmp_path / "u.zip"))
    assert caught.value.message == errors.SHP_SIDECAR_MISSING.format(suffix=".dbf")


def test_coordinates_outside_china_mean_a_wrong_crs(tmp_path):
    # degrees written under a Gauss-Krüger .prj: they land in the Gulf of Guinea
    shp = layers.write_shapefile(tmp_path / "units.shp")
    shp.with_suffix(".prj").write_text(__import__("pyproj").CRS.from_epsg(4526).to_wkt("WKT1_ESRI"))
    with pytest.raises(GeoError) as caught:
        read_units(shp)
    assert "不在中国范围内" in caught.value.message

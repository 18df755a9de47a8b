"""Blind tests of the zoning import and `locate`, written from the issue alone.

The layers, points and expectations come from make_layers.py (see README.md). Every layer
holds the same 38 units of 湘潭市, published five ways; each layer's class imports it once
into an empty database and places every test point once (setUpTestData), and the tests
compare what came back with expected.json and points.json.

Interface under test (from the issue):
  import_control_units PATH --edition NAME --json
      -> {"units", "edition", "created", "updated", "unchanged", "errors", "warnings"}; exit 0/1/2
  locate LON LAT --crs wgs84|gcj02|cgcs2000 --json -> {"units": [{"code", "name", "category"}]}
"""

import io
import json
import re
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
POINTS = json.loads((HERE / "points.json").read_text(encoding="utf-8"))["points"]
COUNT_KEYS = {"units", "edition", "created", "updated", "unchanged", "errors"}
CATEGORIES = ("优先保护", "重点管控", "一般管控")
# Names a model field or a dict key may carry for each requirement list.
REQUIREMENT_HINTS = {
    "空间布局约束": ("空间布局", "layout", "kjbjys"),
    "污染物排放管控": ("污染物排放", "pollut", "emission", "discharge", "wrwpfgk"),
    "环境风险防控": ("环境风险", "risk", "hjfxfk"),
    "资源开发效率要求": ("资源开发", "资源利用", "resource", "efficien", "zykfxlyq"),
}


# --------------------------------------------------------------------------- running the commands
def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


def import_layer(name: str, edition: str) -> tuple[int, dict]:
    code, out, err = run("import_control_units", str(DATA / name), "--edition", edition, "--json")
    try:
        return code, json.loads(out)
    except ValueError as exc:
        raise AssertionError(f"import of {name} printed no JSON (exit {code}): {out!r} {err!r}") from exc


def locate(point: dict):
    """The units `locate` reports for a point, or a string saying what went wrong."""
    code, out, err = run("locate", str(point["lon"]), str(point["lat"]), "--crs", point["crs"], "--json")
    try:
        units = json.loads(out)["units"]
    except (ValueError, KeyError, TypeError):
        return f"exit {code}, stdout {out!r}, stderr {err!r}"
    return units if code == 0 else f"exit {code} with {units!r}"


def codes_of(located) -> list[str] | str:
    return located if isinstance(located, str) else sorted(u["code"] for u in located)


def locate_all() -> dict:
    return {p["id"]: locate(p) for p in POINTS}


# --------------------------------------------------------------------------- reading what was loaded
def flatten(value) -> list[str]:
    if value is None or isinstance(value, bytes | memoryview | bytearray):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *flatten(v)]]
    if isinstance(value, list | tuple):
        return [s for v in value for s in flatten(v)]
    return [str(value)]


def record_strings(obj, depth: int = 1) -> tuple[list[str], dict[str, list[str]]]:
    """Every text a loaded unit carries (its fields, related rows of its app, its region's name).

    Also, per requirement list, the texts found under a field or dict key named after it, so
    the four lists are checked against the right list when the model says which is which.
    """
    texts: list[str] = []
    by_kind: dict[str, list[str]] = {kind: [] for kind in REQUIREMENT_HINTS}

    def note(label: str, values: list[str]):
        texts.extend(values)
        label = label.lower()
        for kind, hints in REQUIREMENT_HINTS.items():
            if any(h in label for h in hints) or kind in label:
                by_kind[kind].extend(values)

    for f in obj._meta.concrete_fields:
        if f.is_relation:
            related = getattr(obj, f.name)
            if related is not None and depth > 0:
                inner, inner_kinds = record_strings(related, depth - 1)
                texts.extend([str(related), *inner])
                for kind, values in inner_kinds.items():
                    by_kind[kind].extend(values)
            continue
        value = getattr(obj, f.attname)
        if isinstance(value, dict):
            for key, inner in value.items():
                note(f"{f.name} {key}", flatten(inner))
            texts.append(str(list(value)))
        else:
            note(f"{f.name} {f.verbose_name}", flatten(value))
        if f.choices:
            texts.append(str(getattr(obj, f"get_{f.name}_display")()))
    if depth > 0:
        for rel in obj._meta.related_objects:
            if rel.related_model._meta.app_label != obj._meta.app_label:
                continue
            accessor = rel.get_accessor_name()
            if rel.one_to_many:
                children = list(getattr(obj, accessor).all())
            elif rel.one_to_one:
                children = [getattr(obj, accessor, None)]
            else:
                continue
            for child in filter(None, children):
                inner, inner_kinds = record_strings(child, 0)
                texts.extend(inner)
                for kind, values in inner_kinds.items():
                    by_kind[kind].extend(values)
    return texts, by_kind


def load_records(codes: list[str]) -> dict:
    """Each code's texts, read once per class; the newest row when several editions hold it."""
    try:
        ControlUnit = apps.get_model("zoning", "ControlUnit")
        records = {}
        for code in codes:
            unit = ControlUnit.objects.filter(code=code).order_by("-pk").first()
            if unit is not None:
                records[code] = record_strings(unit)
        return records
    except Exception as exc:  # reported by each test that needs a record
        return dict.fromkeys(codes, f"{type(exc).__name__}: {exc}")


def normal_category(value) -> str:
    return str(value).strip().removesuffix("单元")


def clauses(text: str) -> list[str]:
    """A requirement text's clauses: an importer may keep a list as items split at ；or 。"""
    return [c for c in re.split(r"[；。]", text) if c]


def numbers_in(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def as_text(item) -> str:
    return item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


def reported(result: dict) -> list[str]:
    """Warnings, and anything else reported beside the counts (an "overlaps" list, say)."""
    items = list(result.get("warnings") or [])
    for key, value in result.items():
        if key not in COUNT_KEYS and key != "warnings":
            items.extend(value if isinstance(value, list) else [value])
    return [as_text(i) for i in items]


def close(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance * target


# --------------------------------------------------------------------------- the tests
class LayerChecks:
    """The checks every layer must pass; subclasses name the file."""

    LAYER = ""
    EDITION = "湘潭市生态环境分区管控2023年动态更新成果"
    REIMPORT = False

    @classmethod
    def setUpTestData(cls):
        cls.expected = EXPECTED["layers"][cls.LAYER]
        cls.exit_code, cls.result = import_layer(cls.LAYER, cls.EDITION)
        cls.records = load_records(cls.expected["codes"])
        cls.placements = locate_all()
        if cls.REIMPORT:
            cls.reimport_exit_code, cls.reimport = import_layer(cls.LAYER, cls.EDITION)

    def record(self, code: str) -> tuple[list[str], dict[str, list[str]]]:
        found = self.records.get(code)
        if not isinstance(found, tuple):
            self.fail(f"{code} from {self.LAYER}: {found or 'not loaded'}")
        return found

    def assert_placed(self, kind: str):
        points = [p for p in POINTS if p["kind"] == kind]
        self.assertTrue(points)
        for p in points:
            with self.subTest(point=p["id"], note=p["note"]):
                self.assertEqual(codes_of(self.placements[p["id"]]), p["expected"])

    # ---- the import's report
    def test_import_exits_0_with_no_errors(self):
        self.assertEqual((self.exit_code, self.result.get("errors")), (0, []), self.result)

    def test_import_counts_every_unit_as_created(self):
        counts = {k: self.result.get(k) for k in ("units", "created", "updated", "unchanged")}
        n = self.expected["units"]
        self.assertEqual(counts, {"units": n, "created": n, "updated": 0, "unchanged": 0})

    def test_import_reports_the_edition_it_loaded(self):
        self.assertEqual(self.result.get("edition"), self.EDITION)

    def test_the_self_intersecting_unit_is_repaired_with_a_warning_naming_it(self):
        warnings = [as_text(w) for w in self.result.get("warnings") or []]
        for code in self.expected["repaired_with_warning"]:
            self.assertTrue(any(code in w for w in warnings), f"no warning names {code}: {warnings}")

    def test_the_overlap_is_reported_with_both_units_and_its_area_in_square_metres(self):
        items = reported(self.result)
        tolerance = self.expected["area_tolerance"]
        for overlap in self.expected["overlaps"]:
            a, b = overlap["codes"]
            found = [
                i
                for i in items
                if a in i and b in i and any(close(n, overlap["area_m2"], tolerance) for n in numbers_in(i))
            ]
            self.assertTrue(found, f"no report of {a} × {b} overlapping {overlap['area_m2']} m²: {items}")

    def test_each_gap_is_reported_with_its_area_in_square_metres(self):
        items = reported(self.result)
        tolerance = self.expected["area_tolerance"]
        for gap in self.expected["gaps"]:
            with self.subTest(gap=gap["what"]):
                found = [i for i in items if any(close(n, gap["area_m2"], tolerance) for n in numbers_in(i))]
                self.assertTrue(found, f"no report of a gap of {gap['area_m2']} m²: {items}")

    # ---- what was loaded
    def test_every_unit_in_the_file_is_loaded_by_its_code(self):
        ControlUnit = apps.get_model("zoning", "ControlUnit")
        loaded = set(ControlUnit.objects.values_list("code", flat=True))
        self.assertEqual(loaded, set(self.expected["codes"]))

    def test_every_unit_keeps_its_name(self):
        for unit in self.expected["units_detail"]:
            with self.subTest(code=unit["code"]):
                texts, _ = self.record(unit["code"])
                self.assertIn(unit["name"], texts)

    def test_every_unit_keeps_its_category(self):
        for unit in self.expected["units_detail"]:
            with self.subTest(code=unit["code"]):
                texts, _ = self.record(unit["code"])
                found = {normal_category(t) for t in texts} & set(CATEGORIES)
                self.assertEqual(found, {unit["category"]})

    def test_every_unit_keeps_its_county(self):
        for unit in self.expected["units_detail"]:
            with self.subTest(code=unit["code"]):
                texts, _ = self.record(unit["code"])
                self.assertTrue(
                    unit["county"] in texts or unit["county_code"] in texts,
                    f"{unit['county']} ({unit['county_code']}) not among {texts}",
                )

    def test_every_unit_keeps_its_four_requirement_texts_exactly(self):
        for unit in self.expected["units_detail"]:
            texts, by_kind = self.record(unit["code"])
            for kind, text in unit["requirements"].items():
                with self.subTest(code=unit["code"], kind=kind):
                    pool = "\n".join(by_kind[kind] or texts)
                    missing = [c for c in clauses(text) if c not in pool]
                    self.assertEqual(missing, [], f"{kind} of {unit['code']} lost or garbled")

    def test_remarks_are_kept(self):
        for unit in self.expected["units_detail"]:
            if unit["remark"]:
                with self.subTest(code=unit["code"]):
                    texts, _ = self.record(unit["code"])
                    self.assertIn(unit["remark"], texts)

    # ---- placement
    def test_points_well_inside_a_unit_are_placed_in_that_unit_only(self):
        self.assert_placed("ordinary")

    def test_locate_reports_each_units_name_and_category(self):
        details = {u["code"]: u for u in self.expected["units_detail"]}
        ControlUnit = apps.get_model("zoning", "ControlUnit")
        labels = {}
        for f in ControlUnit._meta.concrete_fields:
            labels.update({str(v): str(label) for v, label in (f.flatchoices or [])})
        for p in POINTS:
            if p["kind"] != "ordinary":
                continue
            with self.subTest(point=p["id"]):
                located = self.placements[p["id"]]
                self.assertIsInstance(located, list, located)
                self.assertEqual(len(located), 1, located)
                unit, want = located[0], details[p["expected"][0]]
                category = normal_category(unit["category"])
                if category not in CATEGORIES:
                    category = normal_category(labels.get(str(unit["category"]), unit["category"]))
                self.assertEqual((unit["name"], category), (want["name"], want["category"]))

    def test_points_inside_holes_get_only_the_unit_filling_the_hole_or_none(self):
        self.assert_placed("hole")

    def test_points_in_either_part_of_a_multipolygon_get_that_unit(self):
        self.assert_placed("multipolygon")

    def test_both_lobes_of_the_repaired_bow_tie_belong_to_its_unit(self):
        self.assert_placed("bowtie")

    def test_a_point_in_the_overlap_gets_both_units(self):
        self.assert_placed("overlap")

    def test_a_point_in_the_gap_gets_no_unit(self):
        self.assert_placed("gap")

    def test_points_outside_the_city_get_no_unit(self):
        self.assert_placed("outside")

    def test_points_25_to_30_metres_inside_a_boundary_get_the_right_side(self):
        self.assert_placed("near_boundary")

    def test_gcj02_points_are_shifted_back_before_placement(self):
        self.assert_placed("gcj02")

    def test_cgcs2000_points_are_placed_like_wgs84(self):
        self.assert_placed("cgcs2000")


class ReimportCheck:
    """For the layers imported twice under the same edition (REIMPORT = True)."""

    def test_reimporting_the_same_file_reports_everything_unchanged(self):
        n = self.expected["units"]
        counts = {k: self.reimport.get(k) for k in ("units", "created", "updated", "unchanged", "errors")}
        self.assertEqual(
            (self.reimport_exit_code, counts),
            (0, {"units": n, "created": 0, "updated": 0, "unchanged": n, "errors": []}),
        )


class GeoJsonLayerTests(ReimportCheck, LayerChecks, TestCase):
    LAYER = "xiangtan_units.geojson"
    REIMPORT = True


class GbkShapefileZipTests(ReimportCheck, LayerChecks, TestCase):
    LAYER = "xiangtan_units_gbk.zip"
    REIMPORT = True


class GbkShapefileWithoutCpgTests(LayerChecks, TestCase):
    LAYER = "nocpg/xiangtan_units_nocpg.shp"


class GaussKrugerZone38ShapefileTests(LayerChecks, TestCase):
    LAYER = "xiangtan_units_gk38.zip"


class GaussKrugerCm114ShapefileTests(LayerChecks, TestCase):
    LAYER = "cm114/xiangtan_units_cm114.shp"


class GeoJsonAndGbkShapefileAgreeTests(TestCase):
    """The same units published as GeoJSON and as a GBK shapefile place every point alike."""

    @classmethod
    def setUpTestData(cls):
        cls.geojson_exit, _ = import_layer("xiangtan_units.geojson", "GeoJSON 版")
        cls.geojson = {pid: codes_of(v) for pid, v in locate_all().items()}
        cls.shapefile_exit, _ = import_layer("xiangtan_units_gbk.zip", "GBK shapefile 版")
        cls.shapefile = {pid: codes_of(v) for pid, v in locate_all().items()}

    def test_both_imports_succeed(self):
        self.assertEqual((self.geojson_exit, self.shapefile_exit), (0, 0))

    def test_every_point_gets_the_same_units_from_either_file(self):
        for p in POINTS:
            with self.subTest(point=p["id"]):
                self.assertIsInstance(self.geojson[p["id"]], list)
                self.assertEqual(self.shapefile[p["id"]], self.geojson[p["id"]])

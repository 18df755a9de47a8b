"""The unit directory: 湘潭's full directory loaded once, names as lists write them,
unit aliases, and region names derived for the batch parser."""

from django.test import TestCase

from ducha.audit.models import AuditEvent
from ducha.core.names.units import AMBIGUOUS, COLLECTIVE, UNIT
from ducha.demo import load_org
from ducha.errors import DomainError, NotPermitted
from ducha.org import names, services
from ducha.org.models import Region, Unit, UnitAlias, UnitKind, User
from ducha.org.scoping import system_user

# The organs and departments a city's task list names (the brief of the directory).
EXPECTED = [
    "中共湘潭市委办公室",
    "中共湘潭市委组织部",
    "中共湘潭市委宣传部",
    "中共湘潭市委统一战线工作部",
    "中共湘潭市委政法委员会",
    "中共湘潭市委机构编制委员会办公室",
    "中共湘潭市纪律检查委员会",
    "湘潭市发展和改革委员会",
    "湘潭市教育局",
    "湘潭市科学技术局",
    "湘潭市工业和信息化局",
    "湘潭市公安局",
    "湘潭市民政局",
    "湘潭市司法局",
    "湘潭市财政局",
    "湘潭市人力资源和社会保障局",
    "湘潭市自然资源和规划局",
    "湘潭市生态环境局",
    "湘潭市住房和城乡建设局",
    "湘潭市交通运输局",
    "湘潭市水利局",
    "湘潭市农业农村局",
    "湘潭市商务局",
    "湘潭市文化旅游广电体育局",
    "湘潭市卫生健康委员会",
    "湘潭市退役军人事务局",
    "湘潭市应急管理局",
    "湘潭市审计局",
    "湘潭市人民政府国有资产监督管理委员会",
    "湘潭市市场监督管理局",
    "湘潭市统计局",
    "湘潭市医疗保障局",
    "湘潭市城市管理和综合执法局",
    "湘潭市林业局",
    "湘潭市行政审批服务局",
    "湘潭市信访局",
    "湘潭市数据资源管理局",
    "湖南省湘潭地方海事处",
    "湘潭市气象局",
    "国家税务总局湘潭市税务局",
    "中国银保监会湘潭监管分局",
    "国网湖南省电力有限公司湘潭供电分公司",
    "湘潭市公安局交通警察支队",
    "湘潭市公安局环境违法侦察支队",
    "雨湖区人民政府",
    "岳塘区人民政府",
    "湘潭县人民政府",
    "湘乡市人民政府",
    "韶山市人民政府",
    "湘潭高新区管委会",
    "湘潭昭山示范区管委会",
    "湘潭经开区（九华示范区）管委会",
    "湘潭市人民检察院",
    "湘潭市中级人民法院",
]


class DirectoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_org()
        cls.admin = User.objects.get(username="admin")

    def test_the_demo_loads_the_whole_directory_of_the_city(self):
        have = set(Unit.objects.values_list("name", flat=True))
        self.assertEqual([n for n in EXPECTED if n not in have], [])

    def test_loading_the_demo_again_changes_nothing(self):
        units, aliases, events = Unit.objects.count(), UnitAlias.objects.count(), AuditEvent.objects.count()
        load_org()
        self.assertEqual((Unit.objects.count(), UnitAlias.objects.count()), (units, aliases))
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_every_unit_of_the_directory_was_created_through_the_audited_service(self):
        created = set(AuditEvent.objects.filter(action="org.unit.create").values_list("object_id", flat=True))
        self.assertEqual(set(map(str, Unit.objects.values_list("pk", flat=True))) - created, set())

    def test_a_police_sub_unit_sits_under_the_city_police(self):
        unit = Unit.objects.get(name="湘潭市公安局交通警察支队")
        self.assertEqual((unit.kind, unit.parent.name), (UnitKind.POLICE, "湘潭市公安局"))

    def directory(self):
        return names.unit_directory(Unit.objects.filter(region__code__startswith="4303"))

    def test_names_resolve_as_lists_write_them_over_the_database(self):
        directory = self.directory()
        for written, unit in [
            ("市发改委", "湘潭市发展和改革委员会"),
            ("九华示范区管委会", "湘潭经开区（九华示范区）管委会"),
            ("高新区", "湘潭高新区管委会"),
            ("岳塘区政府", "岳塘区人民政府"),
            ("市公安局交警支队", "湘潭市公安局交通警察支队"),
        ]:
            with self.subTest(written=written):
                match = directory.resolve(written)
                self.assertEqual((match.kind, directory.label(match.ids[0])), (UNIT, unit))

    def test_a_park_committee_inside_a_county_does_not_take_the_countys_names(self):
        match = self.directory().resolve("湘潭县")
        self.assertEqual((match.kind, self.directory().label(match.ids[0])), (UNIT, "湘潭县人民政府"))

    def test_the_county_collective_is_its_own_unit_and_reaches_every_county_government(self):
        match = self.directory().resolve("各县（市、区）人民政府")
        self.assertEqual(match.kind, COLLECTIVE)
        collective = Unit.objects.get(name="各县市区人民政府")
        members = set(Unit.objects.filter(pk__in=match.ids[1:]).values_list("name", flat=True))
        self.assertEqual(match.ids[0], collective.pk)
        self.assertEqual(
            members, {"雨湖区人民政府", "岳塘区人民政府", "湘潭县人民政府", "湘乡市人民政府", "韶山市人民政府"}
        )

    def test_an_alias_the_office_adds_is_audited_and_resolves(self):
        office = User.objects.get(username="office")
        unit = Unit.objects.get(name="湘潭市水利局")
        self.assertEqual(self.directory().resolve("市水务和水利局").kind, "unknown")
        alias = services.add_unit_alias(unit, actor=office, alias=" 市水务和水利局 ")
        self.assertEqual(alias.alias, "市水务和水利局")
        self.assertTrue(AuditEvent.objects.filter(action="org.unit_alias.add", object_id=str(alias.pk)).exists())
        self.assertEqual(self.directory().resolve("市水务和水利局").ids, (unit.pk,))

    def test_an_alias_already_held_is_refused(self):
        unit = Unit.objects.get(name="湘潭市水利局")
        with self.assertRaises(DomainError):
            services.add_unit_alias(unit, actor=self.admin, alias="市水务局")

    def test_a_handler_may_not_add_an_alias(self):
        handler = User.objects.get(username="handler")
        with self.assertRaises(NotPermitted):
            services.add_unit_alias(Unit.objects.get(name="湘潭市水利局"), actor=handler, alias="水利")

    def test_the_two_supervision_offices_share_a_short_form_and_neither_takes_it(self):
        self.assertEqual(self.directory().resolve("市督查室").kind, AMBIGUOUS)

    def test_units_a_list_adds_are_audited_departments_of_its_city(self):
        city = Region.objects.get(code="430300")
        (unit,) = services.add_list_units(
            ["湘潭钢铁集团有限公司"], actor=system_user(), region=city, source="清单.xlsx"
        )
        self.assertEqual((unit.kind, unit.region.code), (UnitKind.DEPARTMENT, "430300"))
        event = AuditEvent.objects.get(action="org.unit.create", object_id=str(unit.pk))
        self.assertEqual(event.after["source"], "清单.xlsx")


class RegionNamesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        services.load_regions(actor=system_user())

    def test_the_batch_parser_gets_derived_short_forms_of_the_loaded_regions(self):
        regions, parents = names.region_lookup()
        self.assertEqual(regions.lookup("湘潭高新区"), "430371")
        self.assertEqual(regions.lookup("昭山示范区"), "430372")
        self.assertEqual(regions.candidates("经开区"), ("430321", "430373"))
        self.assertIn("湘潭市", parents)

    def test_a_city_loaded_later_gets_its_short_forms_too(self):
        hunan = Region.objects.get(code="430000")
        city = Region.objects.create(code="430200", name="株洲市", level="city", parent=hunan)
        Region.objects.create(code="430271", name="株洲高新技术产业开发区", level="county", kind="park", parent=city)
        regions, _parents = names.region_lookup()
        self.assertEqual(regions.lookup("株洲高新区"), "430271")

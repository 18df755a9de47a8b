import datetime as dt
import json
import re
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.complaints.models import Complaint
from ducha.dashboard.models import FigureSnapshot, FrozenError
from ducha.rectification.tests.support import SAMPLE_LIST, import_list
from ducha.supervision.models import AccountabilityKind, MeetingKind
from ducha.supervision.services import accountability
from ducha.supervision.tests.support import DispatchedTestCase, close_complaint

# session, user, roles, inspections, snapshot; one per area's measures (complaints and their
# regions, findings, accountability, meetings, alerts and their units, transfers, opinions,
# the zoning edition); the navigation's 待办 count and round list: none grows with the rows
QUERY_CEILING = 17
TILE = re.compile(r'class="figure" id="figure-([\w-]+)" href="([^"]+)" title="([^"]+)">.*?data-value="([^"]+)"', re.S)


class BoardTestCase(DispatchedTestCase):
    rows = 6

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        complaints = list(Complaint.objects.filter(inspection=cls.inspection).order_by("pk"))
        for c in complaints[:3]:
            close_complaint(c, handler=cls.handler, office=cls.office)
        Complaint.objects.filter(pk=complaints[5].pk).update(due_on=dt.date(2020, 1, 1))  # open and late
        import_list(cls.office, cls.inspection, SAMPLE_LIST)
        wang = accountability.create_person(
            actor=cls.office, name="王建华", post="镇长", unit=cls.unit_yuhu, region=cls.unit_yuhu.region
        )
        for day in (dt.date(2021, 5, 1), dt.date(2021, 6, 1)):
            accountability.record_accountability(
                wang,
                actor=cls.office,
                inspection=cls.inspection,
                kind=AccountabilityKind.INTERVIEW,
                date=day,
                authority="湘潭市人民政府",
                reason="整改不力。",
            )
        accountability.record_meeting(
            cls.inspection,
            actor=cls.office,
            region=cls.unit_office.region,
            date=dt.date(2021, 5, 10),
            kind=MeetingKind.STANDING_COMMITTEE,
            title="市委常委会会议",
            chair="市委书记",
            topics="研究部署整改",
        )

    def board(self, user=None, **params):
        client = self.login(user or self.leader)
        return client.get("/dashboard/", {"inspection": self.inspection.code, **params})

    def tiles(self, response):
        return {
            key: (href.replace("&amp;", "&"), title, value)
            for key, href, title, value in TILE.findall(response.content.decode())
        }


class BoardTests(BoardTestCase):
    def test_every_figure_equals_the_length_of_the_list_it_links_to(self):
        tiles = self.tiles(self.board())
        self.assertEqual(len(tiles), 21)
        for key, (href, _title, value) in tiles.items():
            if key == "complaints-on_time_rate":
                continue
            with self.subTest(figure=key):
                page = self.client.get(href)
                total = re.search(r'data-total="(\d+)"', page.content.decode()).group(1)
                self.assertEqual(total, value)
        self.assertEqual(tiles["complaints-received"][2], "6")
        self.assertEqual(tiles["complaints-closed"][2], "3")
        self.assertEqual(tiles["accountability-interviewed_people"][2], "1")
        self.assertEqual(tiles["accountability-interview_records"][2], "2")

    def test_each_figure_shows_its_definition_on_hover(self):
        tiles = self.tiles(self.board())
        self.assertEqual(tiles["accountability-interviewed_people"][1], "被约谈的人数：同一人多次约谈计一人。")

    def test_writes_the_report_sentences_from_the_data(self):
        response = self.board()
        self.assertContains(response, "交办的6件信访件已办结3件，按时办结率75%")
        self.assertContains(response, "反馈的1个问题已完成整改并销号0个")
        self.assertContains(response, "约谈1人，问责0人")
        self.assertContains(response, "研究部署会议1次")

    def test_has_a_chart_box_and_serves_echarts_locally(self):
        response = self.board()
        self.assertContains(response, 'id="chart-districts"')
        self.assertContains(response, "/static/echarts/echarts.min.js")
        self.assertNotContains(response, "cdn")

    def test_a_change_to_one_complaint_changes_the_live_figure_and_not_a_frozen_one(self):
        self.login(self.leader).post("/dashboard/freeze/", {"inspection": self.inspection.code})
        snap = FigureSnapshot.objects.get()
        self.assertEqual(snap.data["complaints"]["closed"], 3)
        close_complaint(
            Complaint.objects.filter(inspection=self.inspection).order_by("pk")[3],
            handler=self.handler,
            office=self.office,
        )
        self.assertEqual(self.tiles(self.board())["complaints-closed"][2], "4")
        self.assertEqual(self.tiles(self.board(snapshot=snap.pk))["complaints-closed"][2], "3")
        snap.refresh_from_db()
        self.assertEqual(snap.data["complaints"]["closed"], 3)
        with self.assertRaises(FrozenError):
            snap.save()

    def test_freezing_is_audited(self):
        from ducha.audit.models import AuditEvent

        self.login(self.leader).post("/dashboard/freeze/", {"inspection": self.inspection.code})
        event = AuditEvent.objects.get(action="supervision.snapshot.freeze")
        self.assertEqual(event.after["sentences"]["meetings"], "研究部署会议1次")

    def test_renders_in_a_fixed_number_of_queries(self):
        self.login(self.leader)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/dashboard/", {"inspection": self.inspection.code})
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(queries), QUERY_CEILING, "\n".join(q["sql"][:120] for q in queries))

    def test_a_handler_is_refused(self):
        self.assertEqual(self.board(self.handler).status_code, 403)

    def test_the_figures_command_prints_the_same_numbers_and_the_sentences(self):
        out = StringIO()
        call_command("figures", "--inspection", self.inspection.code, "--json", stdout=out)
        data = json.loads(out.getvalue())
        tiles = self.tiles(self.board())
        self.assertEqual(str(data["complaints"]["closed"]), tiles["complaints-closed"][2])
        self.assertEqual(str(data["accountability"]["interview_records"]), tiles["accountability-interview_records"][2])
        self.assertEqual(str(data["meetings"]["held"]), tiles["meetings-held"][2])
        self.assertEqual(data["sentences"]["accountability"], "约谈1人，问责0人")
        self.assertEqual(set(data["sentences"]), {"complaints", "findings", "accountability", "meetings"})

"""Figures as of a past day are a query over the dates the records carry: freezing that
day stores exactly what the query says, and a record changed later changes neither."""

import datetime as dt
import io
import json
from unittest import mock

from django.core.management import call_command

from ducha.complaints.models import Complaint
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.dashboard.engine import scope_for_user
from ducha.dashboard.headline import board_data
from ducha.dashboard.models import FigureSnapshot
from ducha.dashboard.services import freeze_figures
from ducha.measures import TZ
from ducha.supervision.tests.support import close_complaint
from ducha.testing import CastTestCase

AS_OF = dt.date(2021, 5, 31)  # the batch was handed over on 2021-04-13


def at(day: dt.date):
    """Services run as if it were 10:00 on `day` (Beijing time)."""
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime.combine(day, dt.time(10), tzinfo=TZ))


def plain(data: dict) -> dict:
    return json.loads(json.dumps(data, default=str))


class AsOfTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)
        import_messy(cls.office, cls.inspection, rows=4)
        cls.complaints = list(Complaint.objects.filter(inspection=cls.inspection).order_by("pk"))
        with at(dt.date(2021, 4, 14)):  # due 15 natural days later: 2021-04-29
            for c in cls.complaints:
                dispatching.dispatch_complaint(c, actor=cls.office, lead_unit=cls.unit_yuhu)
        with at(dt.date(2021, 4, 20)):
            close_complaint(cls.fresh(cls.complaints[0]), handler=cls.handler, office=cls.office)  # on time
        with at(dt.date(2021, 5, 10)):
            close_complaint(cls.fresh(cls.complaints[1]), handler=cls.handler, office=cls.office)  # late

    @staticmethod
    def fresh(complaint):
        return Complaint.objects.get(pk=complaint.pk)

    def as_of(self) -> dict:
        return plain(board_data(scope_for_user(self.office, self.inspection, AS_OF, past=True)))

    def close_later(self):
        with at(dt.date(2021, 6, 15)):
            close_complaint(self.fresh(self.complaints[2]), handler=self.handler, office=self.office)

    def test_the_as_of_figures_come_from_the_dates_the_records_carry(self):
        c = self.as_of()["complaints"]
        self.assertEqual(
            {k: c[k] for k in ("received", "dispatched", "closed", "on_time", "overdue_open", "on_time_rate")},
            {"received": 4, "dispatched": 4, "closed": 2, "on_time": 1, "overdue_open": 2, "on_time_rate": 25.0},
        )
        # the districts are the same rows, one query grouped by region
        self.assertEqual(sum(d["closed"] for d in self.as_of()["districts"]), 2)

    def test_a_frozen_past_day_and_its_as_of_figures_stay_equal_after_a_later_change(self):
        snapshot = freeze_figures(self.inspection, actor=self.office, as_of=AS_OF)
        self.close_later()
        self.assertEqual(FigureSnapshot.objects.get(pk=snapshot.pk).data, self.as_of())
        self.assertEqual(self.as_of()["complaints"]["closed"], 2)
        live = board_data(scope_for_user(self.office, self.inspection, dt.date(2021, 6, 30)))
        self.assertEqual(live["complaints"]["closed"], 3)  # the change is real: only the past stays put

    def test_the_figures_command_prints_the_same_as_of_figures(self):
        snapshot = freeze_figures(self.inspection, actor=self.office, as_of=AS_OF)
        self.close_later()
        out = io.StringIO()
        call_command(
            "figures", "--inspection", self.inspection.code, "--as-of", AS_OF.isoformat(), "--json", stdout=out
        )
        printed = json.loads(out.getvalue())
        self.assertEqual(printed["complaints"], snapshot.data["complaints"])
        self.assertEqual(printed["sentences"]["complaints"], snapshot.data["sentences"]["complaints"])

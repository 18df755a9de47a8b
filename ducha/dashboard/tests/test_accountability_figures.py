"""Accountability figures count people once and records each time; the sentence counts people."""

import datetime as dt

from ducha.dashboard.engine import measure_rows, scope_for_region
from ducha.dashboard.headline import headline
from ducha.supervision import figures as supervision_figures
from ducha.supervision.models import AccountabilityKind
from ducha.supervision.services import accountability
from ducha.supervision.tests.support import DispatchedTestCase


class AccountabilityFigureTests(DispatchedTestCase):
    rows = 3

    def person(self, name="王建华"):
        return accountability.create_person(
            actor=self.office, name=name, post="镇长", unit=self.unit_yuhu, region=self.unit_yuhu.region
        )

    def interview(self, person, day):
        return accountability.record_accountability(
            person,
            actor=self.office,
            inspection=self.inspection,
            kind=AccountabilityKind.INTERVIEW,
            date=day,
            authority="湘潭市人民政府",
            reason="整改不力。",
            complaints=self.complaints()[:1],
        )

    def figures(self):
        scope = scope_for_region(self.inspection, dt.date(2026, 3, 2))
        return supervision_figures.accountability(scope)

    def test_a_person_interviewed_twice_counts_once_as_a_person_and_twice_as_records(self):
        wang = self.person()
        self.interview(wang, dt.date(2021, 5, 1))
        self.interview(wang, dt.date(2021, 8, 1))
        self.interview(self.person("李志强"), dt.date(2021, 8, 2))
        figures = self.figures()
        self.assertEqual((figures["interviewed_people"], figures["interview_records"]), (2, 3))
        scope = scope_for_region(self.inspection, dt.date(2026, 3, 2))
        self.assertEqual(measure_rows("accountability.interviewed_people", scope).count(), 2)
        self.assertEqual(measure_rows("accountability.interview_records", scope).count(), 3)

    def test_the_sentence_counts_people(self):
        wang = self.person()
        self.interview(wang, dt.date(2021, 5, 1))
        self.interview(wang, dt.date(2021, 8, 1))
        scope = scope_for_region(self.inspection, dt.date(2026, 3, 2))
        self.assertEqual(headline(scope)["sentences"]["accountability"], "约谈1人，问责0人")

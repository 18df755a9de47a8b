"""The working-day calendar kept in the holiday tables: due dates, the office's new
years, the page and the `due_date` command."""

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.core.workdays import CalendarMissing, InvalidPeriod, package_years
from ducha.core.workdays.errors import CALENDAR_MISSING, PERIOD_BOTH
from ducha.errors import DomainError, NotPermitted
from ducha.org import services
from ducha.org.calendar import due_date, get_calendar, parse_arrangement_lines
from ducha.org.models import HolidayDay, HolidayDayKind, HolidayYear
from ducha.testing import CastTestCase

D = dt.date
SOURCE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"
# Enough of a 2027 arrangement for deadlines around the turn of the year.
HOLIDAYS_2027 = [(D(2027, 1, 1), "元旦"), (D(2027, 1, 2), "元旦"), (D(2027, 1, 3), "元旦")]
WORKDAYS_2027 = [(D(2027, 2, 20), "春节")]  # a Saturday
LINES_2027 = "2027-01-01 至 2027-01-03 元旦 放假\n2027-02-20 春节 调休上班\n"


def run(*args) -> list[str]:
    out = StringIO()
    call_command("due_date", *args, stdout=out)
    return out.getvalue().splitlines()


def add_2027(actor, **overrides):
    arguments = {
        "actor": actor,
        "year": 2027,
        "source": SOURCE_2027,
        "holidays": HOLIDAYS_2027,
        "makeup_workdays": WORKDAYS_2027,
    }
    return services.add_holiday_year(**(arguments | overrides))


class SeedTests(CastTestCase):
    def test_every_year_of_the_package_is_seeded_with_its_notice_as_source(self):
        years = set(HolidayYear.objects.values_list("year", flat=True))
        self.assertEqual(years, set(package_years()))
        self.assertEqual(
            HolidayYear.objects.get(year=2025).source,
            "国务院办公厅关于2025年部分节假日安排的通知",
        )

    def test_new_years_day_in_december_belongs_to_the_next_years_notice(self):
        day = HolidayDay.objects.select_related("year").get(date=D(2023, 12, 31))
        self.assertEqual((day.year.year, day.kind, day.name), (2024, HolidayDayKind.HOLIDAY, "元旦"))


class DueDateTests(CastTestCase):
    def test_the_command_prints_the_due_date_and_names_national_day_and_the_makeup_day(self):
        date, explanation = run("2026-09-24", "--working-days", "10")
        self.assertEqual(date, "2026-10-15")
        self.assertIn("国庆节假期10月1日—7日", explanation)
        self.assertIn("10月10日调休上班", explanation)

    def test_the_command_prints_json_on_request(self):
        (line,) = run("2024-09-24", "--days", "7", "--json")
        self.assertEqual(
            json.loads(line),
            {"date": "2024-10-08", "explanation": "7日：截止日10月1日为国庆节假期，顺延至10月8日"},
        )

    def test_the_command_wants_exactly_one_kind_of_period(self):
        for args in (["2026-09-24"], ["2026-09-24", "--days", "3", "--working-days", "3"]):
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                run(*args)
            self.assertEqual(caught.exception.returncode, 2)

    def test_the_command_refuses_a_bad_date_as_a_usage_error(self):
        with self.assertRaises(CommandError) as caught:
            run("2026-13-01", "--days", "3")
        self.assertEqual(caught.exception.returncode, 2)

    def test_spring_festival_2025_skips_the_eight_days_off_and_counts_26_january(self):
        due = due_date(D(2025, 1, 24), working_days=5)
        self.assertEqual(due.date, D(2025, 2, 7))
        self.assertEqual(due.explanation, "5个工作日：跳过春节假期1月28日—2月4日，1月26日调休上班")

    def test_spring_festival_2025_counts_8_february_as_a_working_day(self):
        self.assertEqual(due_date(D(2025, 2, 3), working_days=5).date, D(2025, 2, 10))

    def test_national_day_2024_counts_29_september_and_skips_1_to_7_october(self):
        due = due_date(D(2024, 9, 27), working_days=3)
        self.assertEqual(due.date, D(2024, 10, 8))
        self.assertEqual(due.explanation, "3个工作日：跳过国庆节假期10月1日—7日，9月29日调休上班")

    def test_a_natural_day_deadline_on_national_day_2024_moves_to_8_october(self):
        due = due_date(D(2024, 9, 24), days=7)
        self.assertEqual((due.date, due.moved_from), (D(2024, 10, 8), D(2024, 10, 1)))

    def test_a_2027_deadline_is_refused_with_the_message(self):
        with self.assertRaises(CalendarMissing) as caught:
            due_date(D(2026, 12, 24), working_days=10)
        self.assertEqual(caught.exception.message, CALENDAR_MISSING.format(year=2027))

    def test_the_command_refuses_a_2027_deadline_with_exit_status_1(self):
        with self.assertRaises(CommandError) as caught:
            run("2026-12-24", "--working-days", "10")
        self.assertEqual(caught.exception.returncode, 1)
        self.assertEqual(str(caught.exception), CALENDAR_MISSING.format(year=2027))

    def test_both_kinds_of_period_are_refused_with_the_cores_message(self):
        with self.assertRaises(InvalidPeriod) as caught:
            due_date(D(2026, 9, 24), working_days=1, days=1)
        self.assertEqual(caught.exception.message, PERIOD_BOTH)

    def test_the_calendar_is_reused_while_the_tables_are_unchanged(self):
        self.assertIs(get_calendar(), get_calendar())


class AddHolidayYearTests(CastTestCase):
    def test_after_the_office_adds_2027_the_same_deadline_computes(self):
        with self.assertRaises(CalendarMissing):
            due_date(D(2026, 12, 24), working_days=10)
        add_2027(self.office)
        due = due_date(D(2026, 12, 24), working_days=10)
        self.assertEqual(due.date, D(2027, 1, 8))
        self.assertEqual(due.explanation, "10个工作日：跳过元旦假期2027年1月1日—3日")

    def test_the_addition_is_audited_with_its_source_and_days(self):
        holiday_year = add_2027(self.office)
        event = AuditEvent.objects.get(action="org.holiday_year.add")
        self.assertEqual((event.actor_id, event.object_id), (self.office.pk, str(holiday_year.pk)))
        self.assertEqual(event.after["source"], SOURCE_2027)
        self.assertEqual(event.after["holidays"]["2027-01-01"], "元旦")
        self.assertEqual(event.after["makeup_workdays"], {"2027-02-20": "春节"})

    def test_a_handler_may_not_add_a_year(self):
        with self.assertRaises(NotPermitted):
            add_2027(self.handler)
        self.assertFalse(HolidayYear.objects.filter(year=2027).exists())

    def test_the_source_is_required(self):
        with self.assertRaises(DomainError) as caught:
            add_2027(self.office, source="  ")
        self.assertEqual(caught.exception.field, "source")

    def test_a_year_already_entered_is_refused_without_replace(self):
        with self.assertRaises(DomainError) as caught:
            services.add_holiday_year(
                actor=self.admin, year=2026, source="x", holidays=[(D(2026, 1, 1), "元旦")], makeup_workdays=[]
            )
        self.assertEqual(
            caught.exception.message,
            "2026年的节假日安排已录入（依据：国务院办公厅关于2026年部分节假日安排的通知），如需更正请选择替换。",
        )

    def test_replace_swaps_the_days_and_audits_both_versions(self):
        add_2027(self.office)
        add_2027(self.office, holidays=[(D(2027, 1, 1), "元旦")], makeup_workdays=[], replace=True)
        self.assertEqual(
            list(HolidayDay.objects.filter(year__year=2027).values_list("date", flat=True)), [D(2027, 1, 1)]
        )
        event = AuditEvent.objects.get(action="org.holiday_year.replace")
        self.assertEqual(len(event.before["holidays"]), 3)
        self.assertEqual(event.after["holidays"], {"2027-01-01": "元旦"})
        self.assertEqual(due_date(D(2026, 12, 31), working_days=1).date, D(2027, 1, 4))

    def test_new_years_day_may_begin_on_31_december_of_the_previous_year(self):
        add_2027(self.office, holidays=[(D(2026, 12, 31), "元旦"), *HOLIDAYS_2027])
        self.assertEqual(HolidayDay.objects.get(date=D(2026, 12, 31)).year.year, 2027)

    def test_a_day_outside_the_year_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            add_2027(self.office, holidays=[(D(2028, 1, 1), "元旦")])
        self.assertEqual(caught.exception.message, "2028年1月1日不在2027年内（只有元旦假期及其调休可以在上一年12月）。")

    def test_a_day_both_off_and_working_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            add_2027(self.office, makeup_workdays=[(D(2027, 1, 2), "元旦")])
        self.assertEqual(caught.exception.message, "2027年1月2日同时被录入为放假日和调休上班日。")

    def test_a_makeup_workday_on_a_weekday_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            add_2027(self.office, makeup_workdays=[(D(2027, 2, 22), "春节")])  # a Monday
        self.assertEqual(caught.exception.message, "调休上班日2027年2月22日不是周六或周日，请核对。")

    def test_a_day_of_another_years_notice_is_refused(self):
        with self.assertRaises(DomainError) as caught:  # 2023-12-31 is in the 2024 notice
            services.add_holiday_year(
                actor=self.admin,
                year=2023,
                source="国务院办公厅关于2023年部分节假日安排的通知",
                holidays=[(D(2023, 12, 31), "元旦")],
                makeup_workdays=[],
                replace=True,
            )
        self.assertEqual(caught.exception.message, "2023-12-31已在2024年的节假日安排中。")


class ParseLinesTests(CastTestCase):
    def test_reads_single_days_ranges_and_chinese_dates(self):
        parsed = parse_arrangement_lines(
            "2027年1月1日 元旦 放假\n\n# 春节\n2027-02-06～2027-02-08，春节，放假\n2027/2/20 春节 调休上班"
        )
        self.assertEqual(parsed.problems, [])
        self.assertEqual(
            parsed.holidays,
            [(D(2027, 1, 1), "元旦"), (D(2027, 2, 6), "春节"), (D(2027, 2, 7), "春节"), (D(2027, 2, 8), "春节")],
        )
        self.assertEqual(parsed.makeup_workdays, [(D(2027, 2, 20), "春节")])

    def test_reports_every_bad_line_with_its_number(self):
        parsed = parse_arrangement_lines("2027-01-01 元旦 放假\n2027-02-30 春节 放假\n元旦\n2027-01-01 元旦 放假")
        self.assertEqual([p.line for p in parsed.problems], [2, 3, 4])
        self.assertEqual(str(parsed.problems[0]), "第2行“2027-02-30 春节 放假”：日期无效")
        self.assertEqual(parsed.problems[2].reason, "2027-01-01已在第1行录入")


class HolidayPageTests(CastTestCase):
    url = reverse("org:holiday_year_list")

    def test_the_office_adds_a_year_from_pasted_lines(self):
        response = self.login(self.office).post(self.url, {"year": 2027, "source": SOURCE_2027, "lines": LINES_2027})
        holiday_year = HolidayYear.objects.get(year=2027)
        self.assertRedirects(response, reverse("org:holiday_year_detail", args=[holiday_year.pk]))
        self.assertEqual(holiday_year.days.count(), 4)
        page = self.client.get(response["Location"])
        self.assertContains(page, "2027-02-20")
        self.assertContains(page, "调休上班")

    def test_a_bad_line_is_reported_with_its_number(self):
        lines = "2027-01-01 元旦 放假\n2027-01-02 元旦 休假吧\n"
        response = self.login(self.office).post(self.url, {"year": 2027, "source": SOURCE_2027, "lines": lines})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "第2行", status_code=400)
        self.assertFalse(HolidayYear.objects.filter(year=2027).exists())

    def test_a_service_refusal_is_shown_on_the_form(self):
        response = self.login(self.office).post(
            self.url, {"year": 2026, "source": "x", "lines": "2026-01-01 元旦 放假"}
        )
        self.assertContains(response, "如需更正请选择替换", status_code=400)

    def test_a_handler_sees_the_years_but_no_form_and_may_not_post(self):
        client = self.login(self.handler)
        page = client.get(self.url)
        self.assertContains(page, "国务院办公厅关于2026年部分节假日安排的通知")
        self.assertNotContains(page, 'name="lines"')
        response = client.post(self.url, {"year": 2027, "source": SOURCE_2027, "lines": LINES_2027})
        self.assertEqual(response.status_code, 403)

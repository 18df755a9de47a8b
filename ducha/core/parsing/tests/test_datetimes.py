"""受理时间 as people type it, and as Excel stores it."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ducha.core.parsing import parse_datetime
from ducha.core.parsing.errors import DATE_IMPOSSIBLE, DATE_INVALID, DATE_WITHOUT_DAY


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.datetime(2021, 4, 7, 14, 20), dt.datetime(2021, 4, 7, 14, 20)),
        (dt.datetime(2021, 4, 7, 14, 19, 59, 999000), dt.datetime(2021, 4, 7, 14, 20)),
        (dt.date(2021, 4, 7), dt.datetime(2021, 4, 7)),
        ("2021.4.7 14:20", dt.datetime(2021, 4, 7, 14, 20)),
        ("2021/4/7", dt.datetime(2021, 4, 7)),
        ("2021-04-07 09:30:00", dt.datetime(2021, 4, 7, 9, 30)),
        ("2021-04-07T09:30:15", dt.datetime(2021, 4, 7, 9, 30, 15)),
        ("2021年4月7日10时02分", dt.datetime(2021, 4, 7, 10, 2)),
        ("2021年4月7日 10:02", dt.datetime(2021, 4, 7, 10, 2)),
        ("2021年4月7日", dt.datetime(2021, 4, 7)),
        (" 2021 年 4 月 7 日 ", dt.datetime(2021, 4, 7)),
        ("2021年4月7日10时", dt.datetime(2021, 4, 7, 10)),
        ("2021年4月7日 10：02", dt.datetime(2021, 4, 7, 10, 2)),
    ],
)
def test_reads_the_dates_people_write(raw, expected):
    assert parse_datetime(raw) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2021年2月30日", DATE_IMPOSSIBLE),
        ("2021-13-01", DATE_IMPOSSIBLE),
        ("2021-04-07 25:00", DATE_IMPOSSIBLE),
        ("4月7日", DATE_INVALID),
        ("昨天下午", DATE_INVALID),
        ("2021年4月7日上午", DATE_INVALID),
        (44293.0, DATE_INVALID),
        (dt.time(10, 2), DATE_WITHOUT_DAY),
    ],
)
def test_reports_what_is_not_a_date(raw, message):
    assert parse_datetime(raw) == (None, message)


# the shared 2-core machine can be slow to draw the first inputs: a speed check is not this test's job
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)))
def test_every_written_form_reads_back_to_the_minute(when):
    when = when.replace(second=0, microsecond=0)
    forms = [
        f"{when.year}.{when.month}.{when.day} {when:%H:%M}",
        f"{when.year}年{when.month}月{when.day}日{when.hour}时{when.minute:02d}分",
        f"{when:%Y-%m-%d %H:%M:%S}",
        f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}",
    ]
    for form in forms:
        assert parse_datetime(form) == (when, None), form

import datetime as dt

import pytest

from ducha.core.parsing.deadlines import DEADLINE, IMMEDIATE, ONGOING, parse_deadline

D = dt.date
CASES = [
    ("2018年12月底前", (DEADLINE,), D(2018, 12, 31)),
    ("2019年6月30日", (DEADLINE,), D(2019, 6, 30)),
    ("2019年6月30日前", (DEADLINE,), D(2019, 6, 30)),
    ("2019年底前", (DEADLINE,), D(2019, 12, 31)),
    ("2019年年底前完成", (DEADLINE,), D(2019, 12, 31)),
    ("2020年2月底前", (DEADLINE,), D(2020, 2, 29)),
    ("2019年上半年", (DEADLINE,), D(2019, 6, 30)),
    ("2019年第三季度", (DEADLINE,), D(2019, 9, 30)),
    ("2019年", (DEADLINE,), D(2019, 12, 31)),
    ("立行立改", (IMMEDIATE,), None),
    ("长期坚持", (ONGOING,), None),
    ("立行立改，长期坚持", (IMMEDIATE, ONGOING), None),
    ("立行立改、长期坚持", (IMMEDIATE, ONGOING), None),
    ("2019年3月底前完成，长期坚持", (DEADLINE, ONGOING), D(2019, 3, 31)),
    ("2019年3月底前完成长期坚持", (DEADLINE, ONGOING), D(2019, 3, 31)),
    ("立行立改，2018年12月底前完成", (IMMEDIATE, DEADLINE), D(2018, 12, 31)),
]


@pytest.mark.parametrize(("raw", "kinds", "due"), CASES)
def test_reads_the_deadlines_cities_write(raw, kinds, due):
    d = parse_deadline(raw)
    assert (d.kinds, d.due, d.readable, d.raw) == (kinds, due, True, raw)


def test_excel_date_cell_is_a_deadline():
    d = parse_deadline(dt.datetime(2019, 6, 30))
    assert (d.kinds, d.due) == ((DEADLINE,), D(2019, 6, 30))


@pytest.mark.parametrize("raw", ["2019年汛期前", "尽快", "2019年2月30日", "2019年6月底前，2019年底前", "明年"])
def test_unreadable_deadline_is_kept_as_written_and_flagged(raw):
    d = parse_deadline(raw)
    assert (d.raw, d.due, d.kinds, d.needs_review) == (raw, None, (), True)

"""A period is a positive whole number of working days or of natural days, not both."""

from datetime import date

import pytest

from ducha.core.workdays import InvalidPeriod
from ducha.core.workdays.errors import PERIOD_BOTH, PERIOD_NEITHER, PERIOD_NOT_POSITIVE

CASES = [
    pytest.param({}, PERIOD_NEITHER, id="neither"),
    pytest.param({"working_days": 5, "days": 5}, PERIOD_BOTH, id="both"),
    pytest.param({"working_days": 0}, PERIOD_NOT_POSITIVE.format(value=0), id="zero"),
    pytest.param({"working_days": -3}, PERIOD_NOT_POSITIVE.format(value=-3), id="negative"),
    pytest.param({"days": 0}, PERIOD_NOT_POSITIVE.format(value=0), id="zero days"),
    pytest.param({"days": -1}, PERIOD_NOT_POSITIVE.format(value=-1), id="negative days"),
    pytest.param({"working_days": 2.5}, PERIOD_NOT_POSITIVE.format(value=2.5), id="fraction"),
    pytest.param({"working_days": True}, PERIOD_NOT_POSITIVE.format(value=True), id="a boolean"),
]


@pytest.mark.parametrize(("kwargs", "message"), CASES)
def test_refuses_a_bad_period_with_a_chinese_message(calendar, kwargs, message):
    with pytest.raises(ValueError) as caught:
        calendar.due_date(date(2025, 3, 3), **kwargs)

    assert isinstance(caught.value, InvalidPeriod)
    assert str(caught.value) == message


@pytest.mark.parametrize(("kwargs", "message"), CASES[:6])
def test_bulk_due_dates_refuse_the_same_bad_periods(calendar, kwargs, message):
    with pytest.raises(InvalidPeriod) as caught:
        calendar.due_dates([date(2025, 3, 3)], **kwargs)

    assert str(caught.value) == message


def test_the_messages_are_chinese():
    assert PERIOD_NEITHER == "请填写办理时限：工作日天数或自然日天数"
    assert PERIOD_NOT_POSITIVE.format(value=0) == "办理时限天数必须是正整数，收到的是：0"

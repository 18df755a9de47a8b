import pytest

from ducha.core.workdays import package_calendar


@pytest.fixture(scope="session")
def calendar():
    """2004–2026, seeded from the installed chinese_calendar package."""
    return package_calendar()

"""The core never imports Django: it must run in scripts and workers without it."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]

SCRIPT = """
import sys
from datetime import date
import ducha.core.workdays as workdays
calendar = workdays.package_calendar()
due = calendar.due_date(date(2026, 9, 24), working_days=10)
due.explanation
calendar.due_dates([date(2026, 9, 24)], days=15)
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(loaded))
"""


def test_the_package_never_imports_django():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == ""

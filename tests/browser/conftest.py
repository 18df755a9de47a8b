"""Browser tests: the demo served by a live server, driven by headless Chromium.

The live server runs on the session's test database with the demo loaded once. We
do not use pytest-django's live_server: it flushes tables between tests, and the
audit table refuses DELETE by design.
"""

import os

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.test.testcases import LiveServerThread
from django.test.utils import setup_databases, teardown_databases

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "Ducha@2026"


def _calendar_for_next_year() -> None:
    """The pages compute real due dates from today. Near the year's end they reach into
    next year, which Ducha refuses until its holiday notice is entered; the browser
    tests enter a stand-in (元旦 only) so they do not depend on the calendar date."""
    import datetime as dt

    from ducha.org.models import HolidayYear, User
    from ducha.org.services import add_holiday_year

    year = dt.date.today().year + 1
    if not HolidayYear.objects.filter(year=year).exists():
        add_holiday_year(
            actor=User.objects.get(username="admin"),
            year=year,
            source=f"浏览器测试用的{year}年安排（仅元旦）",
            holidays=[(dt.date(year, 1, 1), "元旦")],
            makeup_workdays=[],
        )


@pytest.fixture(scope="session")
def live_url(django_db_blocker):
    # The database stays open for the whole session: the server thread serves from
    # it, and tests read it to check what the pages did. No test wraps it in a
    # transaction, which on SQLite would hold the write lock against the server.
    # pytest-django creates test databases only for tests marked django_db, and
    # those run inside a transaction; so this fixture makes its own.
    from django.db import connections

    test = connections["default"].settings_dict["TEST"]
    # A database of its own, so a run that also holds unit tests does not share it.
    test["NAME"] = (test["NAME"] or "test_ducha").replace(".sqlite3", "") + "_browser"
    if connections["default"].vendor == "sqlite":
        test["NAME"] += ".sqlite3"
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("load_demo", stdout=open(os.devnull, "w"))
        _calendar_for_next_year()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield f"http://127.0.0.1:{server.port}"
        server.terminate()
        teardown_databases(old_config, verbosity=0)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    # Every page a test opens must live within the Content-Security-Policy: a blocked
    # inline script, style or eval shows in the console and fails the test.
    violations = []
    pg.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    context.close()
    assert violations == [], violations


@pytest.fixture
def login(page, live_url):
    def do(username: str):
        page.goto(live_url + "/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/home/")
        return page

    return do

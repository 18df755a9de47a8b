"""A person signs in through Chromium and reads Chinese."""

import json
from pathlib import Path

# the demo loads 湘潭's whole unit directory: every unit and collective of the data file
DIRECTORY = json.loads(
    (Path(__file__).resolve().parents[2] / "ducha/org/data/units_430300.json").read_text(encoding="utf-8")
)


def test_visitor_lands_on_the_chinese_login_page(page, live_url):
    page.goto(live_url + "/")
    assert page.url.endswith("/login/")
    assert page.locator("h1").inner_text() == "督察整改管理系统"
    assert page.locator("button[type=submit]").inner_text() == "登录"


def test_office_signs_in_and_sees_the_city_units(login, live_url, tmp_path):
    page = login("office")
    assert "您好，李明" in page.locator("h1").inner_text()
    page.hover("text=组织机构")  # the menu opens on hover
    page.locator(".navmenu").get_by_role("link", name="单位", exact=True).click()
    page.wait_for_url("**/org/units/")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == len(DIRECTORY["units"]) + len(DIRECTORY["collectives"])
    assert "湘潭市生态环境保护委员会办公室" in page.content()
    page.screenshot(path=str(tmp_path / "units.png"))


def test_wrong_password_is_answered_in_chinese(page, live_url):
    page.goto(live_url + "/login/")
    page.fill("input[name=username]", "office")
    page.fill("input[name=password]", "wrong")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.locator(".error").inner_text()


def test_every_demo_login_works(browser, live_url):
    for username in ["admin", "office", "handler", "leader", "supervisor", "police", "procuratorate", "auditor"]:
        context = browser.new_context()
        page = context.new_page()
        page.goto(live_url + "/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "Ducha@2026")
        page.click("button[type=submit]")
        page.wait_for_url("**/home/")
        assert page.locator("h1").inner_text().startswith("您好")
        context.close()


def test_htmx_and_echarts_come_from_our_own_server(page, live_url, login):
    login("leader")
    for asset in ("/static/django_htmx/htmx-2.min.js", "/static/echarts/echarts.min.js"):
        response = page.request.get(live_url + asset)
        assert response.status == 200, asset

"""Enforcement (两法衔接) in a browser, as the demo's liaisons: the police see their
queue, the overdue transfer in red with its explanation, and record 立案; the
procuratorate sees a flagged case the bureau kept and issues a 建议移送 opinion."""

import re


def _open_case(page, live_url, queue: str, party: str):
    page.goto(f"{live_url}/enforcement/?queue={queue}")
    page.get_by_role("row", name=re.compile(party)).get_by_role("link").first.click()
    page.wait_for_url(re.compile(r".*/enforcement/\d+/"))


def test_the_police_see_the_overdue_transfer_and_record_filing(login, live_url):
    page = login("police")
    assert "待公安机关办理" in page.content()
    page.goto(f"{live_url}/enforcement/?queue=police")
    overdue = page.get_by_role("row", name=re.compile("湘潭某电镀有限公司"))
    assert "已超过法定时限" in overdue.inner_text()
    assert "公安机关作出是否立案的决定：3个工作日" in overdue.inner_text()
    _open_case(page, live_url, "police", "湘潭某五金加工厂")
    step = page.locator('form[data-step="file"]')
    step.locator("textarea").fill("经审查，涉嫌污染环境罪，决定立案侦查。")
    step.get_by_role("button", name="立案").click()
    page.wait_for_selector("#case-state")
    assert page.locator("#case-state").inner_text() == "已立案侦查"
    assert "经审查，涉嫌污染环境罪，决定立案侦查。" in page.locator("#steps").inner_text()


def test_the_procuratorate_issues_an_opinion_on_a_case_the_bureau_kept(login, live_url):
    page = login("procuratorate")
    _open_case(page, live_url, "procuratorate", "湘潭某化工有限公司")
    assert "篡改、伪造自动监测数据" in page.locator("#hints").inner_text()
    step = page.locator('form[data-step="opinion"]')
    step.locator("select[name=kind]").select_option("suggest_transfer")
    step.locator("textarea").fill("该案达到入罪标准，建议移送公安机关。")
    step.get_by_role("button", name="发出检察意见").click()
    page.wait_for_selector("#opinions")
    opinions = page.locator("#opinions").inner_text()
    assert re.search(r"湘检两法〔\d{4}〕\d+号", opinions)
    assert "建议移送" in opinions and "待落实" in opinions
    assert "按检察院建议移送" in page.locator("#clock").inner_text()

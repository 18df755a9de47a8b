"""The office imports a task list through the page, records progress with evidence,
accepts a finding, runs its notice, signs it off, and sees the figure go from 0 to 1."""

import datetime as dt

from ducha.core.parsing.tests.test_tasks import write_task_list

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_office_takes_a_finding_from_import_to_sign_off(login, live_url, tmp_path):
    task_list = write_task_list(tmp_path / "湘潭市整改任务清单.xlsx").path
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(PNG)
    page = login("office")

    # an inspection of its own, so the demo's 2017 findings stay as they are
    page.goto(live_url + "/complaints/inspections/new/")
    page.fill("input[name=code]", "2018-lookback-browser")
    page.fill("input[name=team]", "中央第六环境保护督察组")
    page.fill("input[name=province]", "湖南省")
    page.select_option("select[name=kind]", "lookback")
    page.fill("input[name=start_date]", "2018-05-30")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/complaints/inspections/")

    page.click("nav >> text=问题整改")
    page.wait_for_url("**/rectification/")
    page.click("text=导入整改任务清单")
    page.select_option("select[name=inspection]", label="中央第六环境保护督察组（2018年督察“回头看”）")
    page.set_input_files("input[name=file]", str(task_list))
    page.click("#check-import")
    assert "共3个问题、6项任务：将新增6项" in page.locator("#check-summary").inner_text()
    assert "2019年汛期前" in page.locator("#needs-review").inner_text()
    page.click("#confirm-import")
    page.wait_for_url("**/rectification/?inspection=2018-lookback-browser")
    assert page.locator("#figure-total").inner_text() == "3"
    assert page.locator("#figure-signed-off").inner_text() == "0"

    # finding 3 has one task: 市农业农村局 leads it
    page.click("table.findings >> text=畜禽养殖污染问题依然存在")
    page.wait_for_url("**/rectification/*/")
    page.click("#task-1 >> text=报送进展")
    page.fill("input[name=period]", dt.date.today().strftime("%Y-%m"))
    page.fill("input[name=percent]", "100")
    page.fill("textarea[name=text]", "禁养区内12家养殖场已全部关闭退出")
    page.set_input_files("input[name=files]", str(photo))
    page.click("button[type=submit].primary")
    page.wait_for_url("**/rectification/*/")
    assert "现场照片.png" in page.locator("#task-1").inner_text()

    page.click("#accept-link")
    page.fill("input[name=team]", "市环委办验收组")
    page.fill("textarea[name=opinion]", "整改到位，同意通过验收")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/rectification/*/")
    assert "已完成" in page.locator("#task-1").inner_text() or "长期坚持" in page.locator("#task-1").inner_text()

    # the notice was published ten days ago for seven days: it has ended
    page.click("#notice-link")
    page.fill("input[name=start_date]", (dt.date.today() - dt.timedelta(days=10)).isoformat())
    page.fill("input[name=days]", "7")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/rectification/*/")
    assert "公示已结束" in page.locator("#notice").inner_text()

    page.click("#sign-off")
    page.wait_for_url("**/rectification/*/")
    assert "已销号" in page.locator("#finding-status").inner_text()

    page.click("text=返回问题整改")
    page.wait_for_url("**/rectification/?inspection=2018-lookback-browser")
    assert page.locator("#figure-signed-off").inner_text() == "1"

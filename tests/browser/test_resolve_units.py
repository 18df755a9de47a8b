"""The office uploads a task list naming two units the directory lacks: it maps the
misspelt one to the department the preview suggests, adds the company as a department of
the city, sees the preview check again after each click, and imports."""

from ducha.core.parsing.tests.test_tasks import FindingSpec, TaskSpec, write_task_list

LIST = [
    FindingSpec(
        "竹埠港地区重金属污染历史遗留问题突出。",
        "完成治理修复",
        "陈建国",
        [
            TaskSpec("推进废渣处置", "湘潭钢铁集团有限公司、市生态环境局", "2019年6月30日", ()),
            TaskSpec("河道清淤", "湘潭市水力局", "2019年3月底前", ()),
        ],
    )
]


def test_office_maps_one_unknown_unit_adds_another_and_imports(login, live_url, tmp_path):
    task_list = write_task_list(tmp_path / "清单（单位待确认）.xlsx", LIST).path
    page = login("office")

    # an inspection of its own, so the demo's findings stay as they are
    page.goto(live_url + "/complaints/inspections/new/")
    page.fill("input[name=code]", "2021-units-browser")
    page.fill("input[name=team]", "中央第六生态环境保护督察组")
    page.fill("input[name=province]", "湖南省")
    page.fill("input[name=start_date]", "2021-04-06")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/complaints/inspections/")

    page.goto(live_url + "/rectification/import/")
    page.select_option("select[name=inspection]", label="中央第六生态环境保护督察组（2021年例行督察）")
    page.set_input_files("input[name=file]", str(task_list))
    page.click("#check-import")
    misspelt = page.locator('#unknown-units tr[data-name="湘潭市水力局"]')
    company = page.locator('#unknown-units tr[data-name="湘潭钢铁集团有限公司"]')
    assert misspelt.locator("select[name=unit] option").first.inner_text() == "湘潭市水利局"
    assert page.locator("#confirm-import").count() == 0  # nothing imports, nothing is added, until settled

    misspelt.locator("button.map-unit").click()
    misspelt.wait_for(state="detached")  # the preview checked again: the name is known now
    assert company.count() == 1
    assert "新增为湘潭市部门" in company.inner_text()

    company.locator("button.add-unit").click()
    page.locator("#confirm-import").wait_for()
    assert "共1个问题、2项任务：将新增2项" in page.locator("#check-summary").inner_text()
    page.click("#confirm-import")
    page.wait_for_url("**/rectification/?inspection=2021-units-browser")
    assert page.locator("#figure-total").inner_text() == "1"

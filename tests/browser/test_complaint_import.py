"""The office opens an inspection, imports a messy batch file and reads the complaints."""

from ducha.core.parsing.tests import messy


def test_office_imports_a_batch_file_and_opens_a_complaint(login, live_url, tmp_path):
    batch = messy.write_batch_xlsx(tmp_path / "第3批交办信访件.xlsx", rows=20, seed=11)
    page = login("office")

    page.hover("nav >> text=信访件 ▾")  # the area's menu opens on hover
    page.click("nav .navmenu >> text=交办批次")
    page.wait_for_url("**/complaints/batches/")
    page.get_by_role("link", name="督察", exact=True).click()
    page.get_by_role("link", name="新建督察").click()
    page.fill("input[name=code]", "cei-2024-browser")
    page.fill("input[name=team]", "中央第二生态环境保护督察组")
    page.fill("input[name=province]", "湖南省")
    page.fill("input[name=start_date]", "2024-04-06")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/complaints/inspections/")
    assert "cei-2024-browser" in page.locator("table.list").inner_text()

    page.goto(live_url + "/complaints/imports/new/")
    page.select_option("select[name=inspection]", label="中央第二生态环境保护督察组（2024年例行督察）")
    page.set_input_files("input[name=file]", str(batch.path))
    page.click("text=上传并校验")
    page.wait_for_url("**/complaints/imports/*/")
    mapping = page.locator("table.mapping").inner_text()
    assert "受理编号" in mapping and "交办问题基本情况" in mapping and "未识别（不导入）" in mapping
    assert "将新增 20 件" in page.locator("#check-summary").inner_text()

    page.click("#confirm-import")
    page.wait_for_selector("#result-summary")
    assert "已导入第3批：新增 20 件" in page.locator("#result-summary").inner_text()

    page.click("text=查看信访件")
    page.wait_for_url("**/complaints/?batch=*")
    rows = page.locator("table.complaints tbody tr")
    assert rows.count() == 20
    ref = rows.first.locator("td a").inner_text()
    rows.first.locator("td a").click()
    page.wait_for_url("**/complaints/*/")
    assert ref in page.locator("h1").inner_text()
    assert "第3批交办信访件.xlsx" in page.content()

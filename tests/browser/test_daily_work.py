"""Daily work in the browser: a 待办 count after dispatch, an Excel file of a filtered
list equal to the list, and a bulletin that goes through 签发 and opens as a 公文."""

import datetime as dt
import io
import shutil
import subprocess

import openpyxl
import pytest
from docx import Document
from playwright.sync_api import expect

from ducha.core.parsing.tests import messy

from .test_complaint_handling import switch_to

CODE = "cei-2026-daily"
TEAM = "中央第五生态环境保护督察组"


def _a_received_complaint(tmp_path):
    """A new inspection with a one-row batch, imported through the service."""
    from ducha.complaints.models import Complaint
    from ducha.complaints.services import intake
    from ducha.inspections.models import Inspection
    from ducha.inspections.services import create_inspection
    from ducha.org.models import User

    office = User.objects.get(username="office")
    inspection = Inspection.objects.filter(code=CODE).first() or create_inspection(
        actor=office, code=CODE, team=TEAM, province="湖南省", start_date=dt.date.today()
    )
    batch = messy.write_batch_xlsx(tmp_path / "第1批交办信访件.xlsx", rows=1, seed=11)
    assert intake.import_batch(batch.path, actor=office, inspection=inspection).ok
    return Complaint.objects.filter(inspection=inspection).order_by("-pk").first()


def test_a_dispatch_shows_in_the_handlers_todo_count(login, live_url, tmp_path):
    complaint = _a_received_complaint(tmp_path)
    page = login("office")
    page.goto(f"{live_url}/complaints/{complaint.pk}/")
    page.select_option("#dispatch-form select[name=lead_unit]", label="雨湖区人民政府")
    page.click("#dispatch")
    expect(page.locator("#complaint-status")).to_contain_text("办理中")

    switch_to(page, live_url, "handler", f"{live_url}/home/")
    count = page.locator("#todo-count .count")
    assert int(count.inner_text()) >= 1
    from ducha.notifications.models import Notification

    # the demo's other rounds may hold the same 受理编号: this complaint's notice is the one
    # that links to it, and exactly one was written
    ours = Notification.objects.filter(user__username="handler", link__endswith=f"/complaints/{complaint.pk}/")
    assert ours.count() == 1
    page.click("#todo-count")
    row = page.locator("table.notifications tr", has_text=f"信访件{complaint.ref}已转办本单位")
    expect(row.first).to_be_visible()
    page.locator(f"form[action$='/{ours.get().pk}/open/'] button").click()
    page.wait_for_url(f"**/complaints/{complaint.pk}/")
    expect(page.locator("h1")).to_contain_text(complaint.ref)


def test_the_excel_file_of_a_filtered_list_equals_the_list(login, live_url):
    page = login("office")
    page.goto(live_url + "/complaints/")
    page.select_option("select[name=region]", label="雨湖区")
    page.select_option("select[name=status]", label="已办结")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/complaints/?*region=*")
    total = int(page.locator(".list-total").inner_text().strip("共条"))
    shown = page.locator("table.complaints tbody tr td:first-child a").all_inner_texts()
    assert 0 < total and len(shown) == min(total, 50)
    with page.expect_download() as caught:
        page.click("a.export-xlsx")
    assert caught.value.suggested_filename.endswith(".xlsx")
    with open(caught.value.path(), "rb") as f:
        rows = list(openpyxl.load_workbook(io.BytesIO(f.read())).active.iter_rows(values_only=True))
    assert "雨湖区" in rows[0][0] and "已办结" in rows[0][0]
    refs = [r[0] for r in rows[2:-1]]
    assert len(refs) == total
    assert refs[: len(shown)] == shown
    assert rows[-1][0] == f"合计：{total}条"


def test_a_bulletin_goes_through_sign_off_and_opens_as_an_official_document(login, live_url, tmp_path):
    from ducha.inspections.models import Inspection

    demo = Inspection.objects.get(code="2017-hunan")
    page = login("office")
    page.goto(live_url + "/supervision/bulletins/")
    page.select_option("select[name=inspection]", value=str(demo.pk))
    page.click("text=起草通报")
    page.wait_for_url("**/supervision/bulletins/*/")
    bulletin_url = page.url
    expect(page.locator("#bulletin-docx")).to_have_count(0)  # a draft has no document
    expect(page.locator("button#issue")).to_have_count(0)  # the office drafts, a leader signs

    switch_to(page, live_url, "leader", bulletin_url)
    page.click("button#issue")
    expect(page.locator(".messages")).to_contain_text("通报已签发")
    expect(page.locator("main")).to_contain_text("湘环委办通〔")
    with page.expect_download() as caught:
        page.click("#bulletin-docx")
    docx = tmp_path / "bulletin.docx"
    shutil.copy(caught.value.path(), docx)
    doc = Document(io.BytesIO(docx.read_bytes()))
    assert "湘环委办通〔" in "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.tables) == 2
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed; .ci/run installs it")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "bulletin.pdf").stat().st_size > 1000

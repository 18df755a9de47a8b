"""One complaint from import to the public disclosure page: the office imports a
one-row batch and dispatches it to 雨湖区; the handler reports with a photo; the office
returns it, the handler resubmits, the office accepts and approves the batch for
disclosure; a visitor without a login then finds its row on the public page."""

import struct
import zlib

from playwright.sync_api import expect

from ducha.core.parsing.tests import messy

from .conftest import DEMO_PASSWORD

CODE = "cei-2026-handling"
TEAM = "中央第三生态环境保护督察组"


def tiny_png(path):
    """A valid 1×1 PNG, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path


def switch_to(page, live_url, username: str, url: str):
    """Sign out, sign in as `username`, open `url`."""
    page.click("header .who button")
    page.wait_for_url("**/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/home/")
    page.goto(url)


def test_a_complaint_goes_from_import_to_the_public_disclosure_page(login, live_url, browser, tmp_path):
    batch_file = messy.write_batch_xlsx(tmp_path / "第3批交办信访件.xlsx", rows=1, seed=5)
    sample = next(messy.iter_samples(1, seed=5))
    photo = tiny_png(tmp_path / "现场照片.png")

    # the office: a new inspection, the one-row batch, dispatch to 雨湖区
    page = login("office")
    page.goto(live_url + "/complaints/inspections/new/")
    page.fill("input[name=code]", CODE)
    page.fill("input[name=team]", TEAM)
    page.fill("input[name=province]", "湖南省")
    page.fill("input[name=start_date]", "2026-11-01")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/complaints/inspections/")

    page.goto(live_url + "/complaints/imports/new/")
    page.select_option("select[name=inspection]", label=f"{TEAM}（2026年例行督察）")
    page.set_input_files("input[name=file]", str(batch_file.path))
    page.click("text=上传并校验")
    page.wait_for_url("**/complaints/imports/*/")
    page.click("#confirm-import")
    expect(page.locator("#result-summary")).to_contain_text("新增 1 件")
    page.click("text=查看信访件")
    page.wait_for_url("**/complaints/?batch=*")
    page.locator("table.complaints tbody tr td a").first.click()
    page.wait_for_url("**/complaints/*/")
    expect(page.locator("h1")).to_contain_text(sample.ref)
    complaint_url = page.url

    page.select_option("#dispatch-form select[name=lead_unit]", label="雨湖区人民政府")
    page.click("#dispatch")
    expect(page.locator("#complaint-status")).to_have_text("办理中")
    expect(page.locator("#due-explanation")).to_be_visible()

    # the handler: the report, a photo, submit — and never the complainant
    switch_to(page, live_url, "handler", live_url + "/complaints/mine/")
    expect(page.locator("table.queue")).to_contain_text(sample.ref)
    page.goto(complaint_url)
    if sample.name:
        assert sample.name not in page.content()
    if sample.phone:
        assert sample.phone not in page.content()
    page.fill("#handling-form textarea[name=findings]", "经现场核查，反映问题属实。")
    page.select_option("#handling-form select[name=veracity]", label="属实")
    page.fill("#handling-form textarea[name=measures]", "责令停产整治，罚款5万元。")
    page.fill("#handling-form input[name=fines]", "50000")
    page.set_input_files("#handling-form input[name=files]", str(photo))
    page.click("#save-handling")
    expect(page.locator(".messages")).to_contain_text("办理情况已保存")
    expect(page.locator(".fines").first).to_have_text("5.00")
    expect(page.locator("#attached-evidence")).to_contain_text("现场照片.png")
    page.click("#submit-handling")
    expect(page.locator("#complaint-status")).to_have_text("待审核")

    # the office returns it with a reason
    switch_to(page, live_url, "office", complaint_url)
    page.fill("#review-form textarea[name=note]", "请补充整改后的现场照片")
    page.click("#return")
    expect(page.locator("#complaint-status")).to_have_text("已退回")

    # the handler sees the reason and resubmits
    switch_to(page, live_url, "handler", complaint_url)
    expect(page.locator("#handling")).to_contain_text("请补充整改后的现场照片")
    page.fill("#handling-form textarea[name=measures]", "责令停产整治，罚款5万元；已拆除排污管，补充整改后照片。")
    page.set_input_files("#handling-form input[name=files]", str(photo))
    page.click("#submit-handling")
    expect(page.locator("#complaint-status")).to_have_text("待审核")

    # the office accepts and approves the batch for the public page
    switch_to(page, live_url, "office", complaint_url)
    page.click("#accept")
    expect(page.locator("#complaint-status")).to_have_text("已办结")
    page.click("text=本批办理情况一览表（公开预览）")
    page.wait_for_url("**/disclosure/")
    expect(page.locator("table.disclosure")).to_contain_text(sample.ref)
    expect(page.locator("#becomes-public")).to_contain_text("共 1 件信访件")
    page.check("#approve-form input[name=confirm]")
    page.click("#approve-disclosure")
    expect(page.locator("#disclosure-status")).to_have_text("已公开")

    # a visitor, signed in as nobody
    visitor = browser.new_context(locale="zh-CN")
    try:
        public = visitor.new_page()
        public.set_default_timeout(10_000)
        public.goto(live_url + "/public/disclosures/")
        public.click(f"text={TEAM}交办信访件办理情况一览表（第3批）")
        public.wait_for_url("**/public/disclosures/*/")
        table = public.locator("table.disclosure")
        expect(table).to_contain_text(sample.ref)
        expect(table).to_contain_text("已拆除排污管")
        if sample.phone:
            assert sample.phone not in public.content()
        if sample.name:
            assert sample.name not in public.content()
    finally:
        visitor.close()

"""Nothing typed is lost: a returned report comes back as the previous version beside
the office's reasons and is resubmitted without retyping, with its evidence still
attached; a photo chosen before 保存 travels with the text; a refused submission keeps
everything; leaving with unsaved changes asks first."""

from playwright.sync_api import expect

from .rounds import own_batch
from .test_complaint_handling import switch_to, tiny_png

FINDINGS = "经现场核查，该厂夜间偷排废水属实。"
MEASURES = "责令停产整治，罚款5万元。"


def dispatched_to_yuhu(django_db_blocker) -> int:
    """A new complaint in a demo batch, dispatched to 雨湖区 by the office."""
    with django_db_blocker.unblock():
        from ducha.complaints.models import Complaint
        from ducha.complaints.services.dispatch import dispatch_complaint
        from ducha.org.models import Unit, User

        batch = own_batch()
        n = Complaint.objects.filter(ref__startswith="BROWSER-AMEND-").count() + 1
        complaint = Complaint.objects.create(
            inspection=batch.inspection,
            batch=batch,
            ref=f"BROWSER-AMEND-{n}",
            text="雨湖区长城乡某化工厂夜间偷排废水，河水发黑。",
            region_id="430302",
            content_digest="x",
        )
        dispatch_complaint(
            complaint,
            actor=User.objects.get(username="office"),
            lead_unit=Unit.objects.get(name="雨湖区人民政府"),
        )
        return complaint.pk


def versions(django_db_blocker, pk: int):
    with django_db_blocker.unblock():
        from ducha.complaints.models import Handling

        return list(Handling.objects.filter(complaint_id=pk).order_by("id").prefetch_related("evidence"))


def test_a_returned_report_is_resubmitted_without_retyping(login, live_url, django_db_blocker, tmp_path):
    pk = dispatched_to_yuhu(django_db_blocker)
    url = f"{live_url}/complaints/{pk}/"
    photo = tiny_png(tmp_path / "排污口照片.png")

    page = login("handler")
    page.goto(url)
    form = page.locator("#handling-form")
    form.locator("textarea[name=findings]").fill(FINDINGS)
    form.locator("select[name=veracity]").select_option(label="属实")
    form.locator("textarea[name=measures]").fill(MEASURES)
    form.locator("input[name=orders]").fill("2")
    form.locator("input[name=fines]").fill("50000")
    form.locator("input[name=files]").set_input_files(str(photo))
    page.click("#submit-handling")
    expect(page.locator("#complaint-status")).to_have_text("待审核")

    switch_to(page, live_url, "office", url)
    page.fill("#review-form textarea[name=note]", "请补充整改后的情况")
    page.click("#return")
    expect(page.locator("#complaint-status")).to_have_text("已退回")

    # the handler finds the previous version, the reasons beside it, the photo attached
    switch_to(page, live_url, "handler", url)
    expect(page.locator("#return-reasons")).to_contain_text("请补充整改后的情况")
    form = page.locator("#handling-form")
    expect(form.locator("textarea[name=findings]")).to_have_value(FINDINGS)
    expect(form.locator("textarea[name=measures]")).to_have_value(MEASURES)
    expect(form.locator("select[name=veracity]")).to_have_value("true")
    expect(form.locator("input[name=orders]")).to_have_value("2")
    expect(form.locator("input[name=fines]")).to_have_value("50000.00")
    expect(page.locator("#attached-evidence")).to_contain_text("排污口照片.png")
    # only what was asked changes
    form.locator("textarea[name=measures]").fill(MEASURES + "已拆除排污管，恢复植被。")
    page.click("#submit-handling")
    expect(page.locator("#complaint-status")).to_have_text("待审核")

    first, second = versions(django_db_blocker, pk)
    assert (first.status, second.status, second.number) == ("returned", "submitted", 2)
    assert (second.findings, second.orders, second.veracity) == (FINDINGS, 2, "true")
    assert [e.name for e in second.evidence.all()] == ["排污口照片.png"]

    # the office's timeline shows what changed between the versions
    switch_to(page, live_url, "office", url)
    resubmitted = page.locator("table.timeline tr", has_text="报送办理情况").last
    expect(resubmitted).to_contain_text("已拆除排污管")
    expect(resubmitted).not_to_contain_text("调查核实情况")


def test_a_photo_chosen_before_saving_loses_no_typed_text(login, live_url, django_db_blocker, tmp_path):
    pk = dispatched_to_yuhu(django_db_blocker)
    photo = tiny_png(tmp_path / "现场照片.png")
    page = login("handler")
    page.goto(f"{live_url}/complaints/{pk}/")
    form = page.locator("#handling-form")
    form.locator("textarea[name=findings]").fill(FINDINGS)
    form.locator("input[name=files]").set_input_files(str(photo))
    page.click("#save-handling")
    expect(page.locator(".messages")).to_contain_text("办理情况已保存")
    expect(page.locator("#handling-form textarea[name=findings]")).to_have_value(FINDINGS)
    expect(page.locator("#attached-evidence")).to_contain_text("现场照片.png")

    # submitting without the required fields: refused, nothing lost, each gap named
    page.click("#submit-handling")
    expect(page.locator("#handling-form")).to_contain_text("报送前请填写：是否属实、处理和整改情况。")
    expect(page.locator("#handling-form .has-error")).to_have_count(2)
    expect(page.locator("#handling-form textarea[name=findings]")).to_have_value(FINDINGS)
    expect(page.locator("#attached-evidence")).to_contain_text("现场照片.png")
    expect(page.locator("#complaint-status")).to_have_text("办理中")


def test_leaving_with_unsaved_changes_asks_first(login, live_url, django_db_blocker):
    pk = dispatched_to_yuhu(django_db_blocker)
    page = login("handler")
    page.goto(f"{live_url}/complaints/{pk}/")
    page.locator("#handling-form textarea[name=measures]").press_sequentially("已责令整改")
    asked = []

    def stay(dialog):  # the person chooses to stay on the page
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.click("header a.brand", no_wait_after=True)
    for _ in range(50):  # the dialog comes as the navigation starts: wait for it, not for a time
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked == ["beforeunload"]
    expect(page.locator("#handling-form textarea[name=measures]")).to_have_value("已责令整改")
    assert page.url.endswith(f"/complaints/{pk}/")

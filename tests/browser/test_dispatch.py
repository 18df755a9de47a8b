"""Dispatch in few clicks: the lead unit comes preselected by the region rule, a
supporting unit is found by typing in the filter box and ticked, and the due date
follows the days typed before anything is confirmed."""

from playwright.sync_api import expect

from .rounds import own_batch


def received_in_yuetang(django_db_blocker) -> int:
    with django_db_blocker.unblock():
        from ducha.complaints.models import Complaint

        batch = own_batch()
        n = Complaint.objects.filter(ref__startswith="BROWSER-DISPATCH-").count() + 1
        return Complaint.objects.create(
            inspection=batch.inspection,
            batch=batch,
            ref=f"BROWSER-DISPATCH-{n}",
            text="岳塘区某搅拌站夜间施工噪声扰民。",
            region_id="430304",
            content_digest="x",
        ).pk


def test_the_office_dispatches_with_the_rule_the_filter_and_the_due_preview(login, live_url, django_db_blocker):
    pk = received_in_yuetang(django_db_blocker)
    page = login("office")
    page.goto(f"{live_url}/complaints/{pk}/")
    form = page.locator("#dispatch-form")
    expect(form.locator("select[name=lead_unit] option:checked")).to_have_text("岳塘区人民政府")
    expect(page.locator("#lead-by-rule")).to_contain_text("岳塘区人民政府")

    units = form.locator("#id_support_units")
    form.locator("input[data-filter-list]").fill("雨湖")
    expect(units.get_by_label("雨湖区人民政府")).to_be_visible()
    expect(units.get_by_label("湘潭县人民政府")).to_be_hidden()
    units.get_by_label("雨湖区人民政府").check()

    before = page.locator("#due-preview-date").inner_text()
    form.locator("input[name=due_days]").fill("3")
    form.locator("select[name=due_kind]").select_option("natural")
    expect(page.locator("#due-preview")).to_contain_text("3日")
    assert page.locator("#due-preview-date").inner_text() != before

    page.click("#dispatch")
    expect(page.locator("#complaint-status")).to_have_text("办理中")
    expect(page.locator("#assignments")).to_contain_text("雨湖区人民政府")
    expect(page.locator("#due-explanation")).to_contain_text("3日")

"""The office's side of repeats: a landmark added in the gazetteer page, then two
suggestions rejected at once from the repeat queue (both texts side by side, the shared
words marked), and nothing merged."""

import datetime as dt
import re

from playwright.sync_api import expect

# (region, earlier text, later text): a night venue named two ways, and a landfill by a
# reservoir the demo's gazetteer knows (金鸡岭水库, also written 金鸡岭坝)
PAIRS = [
    ("430302", "雨湖区和平桥社区歌厅噪音扰民，半夜还在唱", "和平桥社区那家夜场晚上音乐太吵睡不着"),
    ("430321", "湘潭县金鸡岭水库边上有人晚上倾倒垃圾，臭气熏天", "金鸡岭坝那里经常有车来偷倒东西，污染水库"),
]


def make_pairs(django_db_blocker) -> list[int]:
    """Two pairs of complaints from visits and the scan's suggestions for the later ones."""
    from ducha.complaints.models import RepeatSuggestion
    from ducha.complaints.services import repeats, visits
    from ducha.inspections.models import Inspection
    from ducha.org.models import Region
    from ducha.org.scoping import system_user

    with django_db_blocker.unblock():
        from ducha.inspections.services import create_inspection
        from ducha.org.models import User

        # a round of its own: the demo rounds' figures are what other browser tests read
        actor = system_user()
        inspection = Inspection.objects.filter(code="places-browser").first() or create_inspection(
            actor=User.objects.get(username="office"),
            code="places-browser",
            team="中央第五生态环境保护督察组",
            province="湖南省",
            start_date=dt.date.today(),
        )
        ids = []
        for code, earlier, later in PAIRS:
            region = Region.objects.get(code=code)
            a = visits.create_complaint_from_visit(actor=actor, inspection=inspection, text=earlier, region=region)
            b = visits.create_complaint_from_visit(actor=actor, inspection=inspection, text=later, region=region)
            repeats.scan_repeats()
            ids.append(RepeatSuggestion.objects.get(complaint=b, candidate=a).pk)
        return ids


def test_the_office_adds_a_landmark_and_rejects_two_suggestions_at_once(login, live_url, django_db_blocker):
    page = login("office")
    page.goto(live_url + "/places/")
    page.fill("#q", "雨湖区")
    page.click("#place-search button[type=submit]")
    page.locator("#place-found a", has_text="雨湖区").first.click()
    expect(page.locator("#place-path strong")).to_have_text("雨湖区")
    page.select_option("#place-add select[name=kind]", "landmark")
    page.fill("#place-add input[name=name]", "杨梅洲大桥")
    page.fill("#place-add input[name=aliases]", "杨梅洲桥、新大桥")
    page.click("#place-add button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已新增地名：杨梅洲大桥。")
    expect(page.locator("#place-children")).to_contain_text("杨梅洲桥、新大桥")

    first, second = make_pairs(django_db_blocker)
    page.goto(live_url + f"/complaints/queue/?tab=repeats&after={first - 1}")
    row = page.locator(f"#suggestion-{first}")
    expect(row.locator("mark").first).to_be_visible()  # the shared words, in both texts
    expect(row).to_contain_text("和平桥社区那家夜场")
    expect(row.locator("a.earlier")).to_have_attribute("href", re.compile(r"^/complaints/\d+/$"))  # one click away
    page.check(f"#suggestion-{first} input[name=suggestions]")
    page.check(f"#suggestion-{second} input[name=suggestions]")
    page.click("#repeats-reject")
    expect(page.locator("#repeat-queue .notice")).to_have_text("已否定 2 条重复件提示。")
    expect(page.locator(f"#suggestion-{first}")).to_have_count(0)

    from ducha.complaints.models import RepeatSuggestion

    with django_db_blocker.unblock():
        decided = RepeatSuggestion.objects.filter(pk__in=[first, second]).select_related("complaint")
        assert {s.status for s in decided} == {"rejected"}
        assert [s.complaint.repeat_of_id for s in decided] == [None, None]

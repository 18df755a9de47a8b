"""The leaders' one screen in a browser: the article's sentences, a figure that drills
down to a list of its length, and the ECharts canvas drawn from the local package."""

import re

SENTENCES = [
    "交办的312件信访件全部按时办结",
    "反馈的14个问题已完成整改并销号13个",
    "约谈27人，问责59人",
    "研究部署会议31次",
]


def test_leader_sees_the_sentences_and_drills_down_to_a_list_of_the_same_length(login, live_url):
    page = login("leader")
    page.goto(live_url + "/dashboard/?inspection=2017-hunan")
    sentences = page.locator("#sentences").inner_text()
    for sentence in SENTENCES:
        assert sentence in sentences
    figure = page.locator("#figure-complaints-closed")
    value = figure.locator(".figure-value").inner_text().strip()
    assert value == "312"
    assert figure.get_attribute("title")  # the definition on hover
    figure.click()
    page.wait_for_url(re.compile(r".*/supervision/figures/.*"))
    assert page.locator("#figure-total").inner_text().strip() == value


def test_the_people_figure_leads_to_that_many_people(login, live_url):
    page = login("leader")
    page.goto(live_url + "/dashboard/?inspection=2017-hunan")
    page.locator("#figure-accountability-interviewed_people").click()
    page.wait_for_url(re.compile(r".*/supervision/figures/.*"))
    assert page.locator("#figure-total").inner_text().strip() == "27"
    assert page.locator("table.figure-rows tbody tr").count() == 27


def test_the_charts_render_on_a_canvas(login, live_url):
    page = login("leader")
    page.goto(live_url + "/dashboard/?inspection=2017-hunan")
    page.wait_for_selector("#chart-districts canvas")
    page.wait_for_selector("#chart-trend canvas")
    assert page.locator("#chart-districts canvas").count() >= 1

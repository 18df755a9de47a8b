"""The zoning map and the 准入 check in a browser: units from the demo edition drawn by the
local Leaflet with no tile layer, and not one request leaving the server."""

import re


def _record_requests(page, live_url):
    outside = []
    page.on(
        "request", lambda r: None if r.url.startswith(live_url) or r.url.startswith("data:") else outside.append(r.url)
    )
    return outside


def test_the_map_draws_the_demo_units_and_counties_offline(login, live_url):
    page = login("office")
    outside = _record_requests(page, live_url)
    page.goto(live_url + "/zoning/map/")
    page.wait_for_selector("#zoning-map[data-loaded]")
    assert int(page.locator("#zoning-map").get_attribute("data-loaded")) == 55
    assert (
        page.locator("#zoning-map path.leaflet-interactive").count() >= 55 or page.locator("#zoning-map canvas").count()
    )
    assert page.locator(".leaflet-tile").count() == 0
    assert outside == []


def test_clicking_a_unit_shows_its_requirements(login, live_url):
    page = login("office")
    page.goto(live_url + "/zoning/map/")
    page.wait_for_selector("#zoning-map[data-loaded]")
    box = page.locator("#zoning-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert re.search(r"ZH4303\d{7}", popup.inner_text())
    assert "空间布局约束" in popup.inner_text()
    # the popup's link leads to the unit's page. Followed by its address: a click on a popup
    # of a map still settling from fitBounds sometimes never navigates (seen once in four CI runs)
    href = popup.get_by_text("查看单元").get_attribute("href")
    assert re.fullmatch(r"/zoning/units/\d+/", href)
    page.goto(live_url + href)
    page.wait_for_selector("#unit-map canvas", timeout=30_000)
    assert "生态环境准入清单" in page.content()


def test_a_site_drawn_on_the_map_is_checked(login, live_url):
    page = login("office")
    outside = _record_requests(page, live_url)
    page.goto(live_url + "/zoning/check/")
    page.wait_for_selector("#site-map[data-loaded]")
    box = page.locator("#site-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((-30, -30), (30, -30), (30, 30), (-30, 30)):
        page.mouse.click(cx + dx, cy + dy)
    assert len(page.locator("#id_coordinates").input_value().splitlines()) == 4
    page.click("#run-check")
    page.wait_for_selector("#site-units")
    assert "涉及" in page.locator("#site-summary").inner_text()
    assert page.locator("#site-units tbody tr").count() >= 1
    assert outside == []


def test_the_office_types_a_complaints_coordinates_and_sees_its_unit(login, live_url):
    page = login("office")
    page.goto(live_url + "/complaints/")
    page.locator("table.list tbody a[href*='/complaints/']").first.click()
    page.wait_for_selector("#location-form")
    page.fill("#id_lon", "112.132847")
    page.fill("#id_lat", "27.801662")
    page.select_option("#id_crs", "wgs84")
    page.click("#location-form button[type=submit]")
    page.wait_for_selector("#location-unit a")
    assert re.search(r"ZH4303\d{7}", page.locator("#location-unit").inner_text())
    assert "112.132847" in page.locator("#location-placed").inner_text()
    # and the complaint is a point on the map, coloured by its status
    page.goto(live_url + "/zoning/map/")
    page.wait_for_selector("#zoning-map[data-points-loaded]")
    assert int(page.locator("#zoning-map").get_attribute("data-points-loaded")) >= 1


def test_a_point_picked_on_the_complaints_map_is_its_location(login, live_url):
    page = login("office")
    page.goto(live_url + "/complaints/")
    page.locator("table.list tbody a[href*='/complaints/']").nth(1).click()
    page.wait_for_selector("#pick-map[data-loaded]")
    page.locator("#pick-map").scroll_into_view_if_needed()
    box = page.locator("#pick-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.locator("#id_lon").input_value() != ""
    page.click("#location-form button[type=submit]")
    page.wait_for_selector("#location-placed")
    assert "地图选点" in page.locator("#location-placed").inner_text()

"""The web app in a real browser (Chromium via Playwright), over the example corpus."""

from __future__ import annotations

import re
from typing import Any

import pytest

from browser_support import screenshot

# Elements allowed to be wider than the window: inside a frame that scrolls, or the map's own panes.
OVERFLOW_JS = """() => {
  const w = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.frame, #map')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1) bad.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: w, bad: bad.slice(0, 10)};
}"""


def _pages(client: Any) -> dict[str, str]:
    home = client.get("/").text
    story = re.search(r'href="/story/([^"]+)"', home).group(1)
    story_html = client.get(f"/story/{story}").text
    events = re.findall(r'href="/event/([^"]+)">how each outlet told it \((\d+)', story_html)
    event = max(events, key=lambda e: int(e[1]))[0]
    doc = re.search(r'href="/document/([^"?]+)"', story_html).group(1)
    actor = re.search(r'href="/actor/([^"]+)"', story_html).group(1)
    place = re.search(r'href="/place/([^"]+)"', story_html).group(1)
    return {"stories": "/", "story": f"/story/{story}", "event": f"/event/{event}", "document": f"/document/{doc}",
            "actor": f"/actor/{actor}", "place": f"/place/{place}", "search": "/search?q=ceasefire",
            "documents": "/documents"}


@pytest.fixture(scope="module")
def pages(client: Any) -> dict[str, str]:
    return _pages(client)


@pytest.mark.parametrize("width", [1280, 400])
def test_every_page_loads_clean_and_fits(open_page, live_server, pages, width):
    for name, path in pages.items():
        w = open_page(width=width, height=900)
        w.page.goto(live_server.url + path, wait_until="networkidle")
        if name in ("story", "place"):
            w.page.wait_for_selector("#map[data-ready]")
        screenshot(w.page, f"{name}-{width}")
        assert w.clean(), (name, w.problems())
        fit = w.page.evaluate(OVERFLOW_JS)
        assert fit["scrollWidth"] <= fit["width"] + 1 and not fit["bad"], (name, width, fit)


def test_map_zooms_and_clusters(open_page, live_server, pages):
    w = open_page()
    w.page.goto(live_server.url + pages["story"], wait_until="networkidle")
    w.page.wait_for_selector("#map[data-ready]")
    assert int(w.page.get_attribute("#map", "data-points")) > 0
    before = w.page.evaluate("window.consilienceMap.getZoom()")
    w.page.click(".leaflet-control-zoom-in")
    for _ in range(50):   # poll from here: wait_for_function would eval a string, which the CSP forbids
        if w.page.evaluate("window.consilienceMap.getZoom()") > before:
            break
        w.page.wait_for_timeout(100)
    assert w.page.evaluate("window.consilienceMap.getZoom()") > before
    assert w.page.locator(".leaflet-overlay-pane path").count() > 50   # country outlines drawn
    cluster = w.page.locator(".marker-cluster").first
    cluster.click()
    w.page.wait_for_timeout(600)
    screenshot(w.page, "story-map-zoomed")
    assert w.clean(), w.problems()


def test_popup_lists_the_sources(open_page, live_server, pages):
    w = open_page()
    w.page.goto(live_server.url + pages["place"], wait_until="networkidle")
    w.page.wait_for_selector("#map[data-ready]")
    w.page.evaluate("window.consilienceMap.setZoom(18)")
    w.page.wait_for_timeout(500)
    markers = w.page.locator(".leaflet-marker-icon.pin")
    if markers.count() == 0:   # all at one point: spiderfy the cluster
        w.page.locator(".marker-cluster").first.click()
        w.page.wait_for_timeout(500)
    w.page.locator(".leaflet-marker-icon.pin").first.click()
    popup = w.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert re.search(r"\d{4}-\d{2}-\d{2}|undated", popup.inner_text())
    assert popup.locator("a").get_attribute("href").startswith("/event/")


def test_filters_return_the_expected_stories(open_page, live_server):
    w = open_page()
    w.page.goto(live_server.url + "/", wait_until="networkidle")
    assert w.page.locator(".story-row").count() == 2
    w.page.fill("input[name=to]", "2016-12-31")
    w.page.click("form.filters button")
    w.page.wait_for_load_state("networkidle")
    rows = w.page.locator(".story-row")
    assert rows.count() == 1 and "2016" in rows.first.inner_text()
    w.page.goto(live_server.url + "/", wait_until="networkidle")
    w.page.select_option("select[name=outlet]", "Press TV")
    w.page.click("form.filters button")
    w.page.wait_for_load_state("networkidle")
    rows = w.page.locator(".story-row")
    assert rows.count() == 1 and "2020" in rows.first.inner_text()
    w.page.goto(live_server.url + "/?actor=Pashinyan", wait_until="networkidle")
    assert w.page.locator(".story-row").count() == 1
    w.page.goto(live_server.url + "/?place=Atlantis", wait_until="networkidle")
    assert w.page.locator(".story-row").count() == 0
    assert w.clean(), w.problems()


def test_search_finds_claims_and_links_to_the_span(open_page, live_server):
    w = open_page(width=400)
    w.page.goto(live_server.url + "/", wait_until="networkidle")
    w.page.fill("header input[name=q]", "ceasefire")
    w.page.press("header input[name=q]", "Enter")
    w.page.wait_for_load_state("networkidle")
    claims = w.page.locator("li.result.claim")
    assert claims.count() >= 1
    assert "ceasefire" in w.page.locator("li.result mark.hit").first.inner_text().lower()
    claims.first.locator("a").first.click()
    w.page.wait_for_load_state("networkidle")
    hit = w.page.locator("#text mark.hit")
    assert hit.count() == 1 and "ceasefire" in hit.inner_text().lower()
    screenshot(w.page, "search-followed-400")
    assert w.clean(), w.problems()


def test_no_internal_ids_in_visible_text(open_page, live_server, pages):
    pattern = re.compile(r"\b(?:[A-Z]{3}/[a-z]+|person:[a-z-]+|outlet:|mev:|story:|cg:|contra:|[0-9a-f]{16})\b")
    for name, path in pages.items():
        w = open_page()
        w.page.goto(live_server.url + path, wait_until="networkidle")
        text = w.page.inner_text("body")
        assert not pattern.findall(text), (name, pattern.findall(text)[:5])


def test_first_of_october_answers(open_page, live_server, pages):
    """What happened on 1 October, who says so, who disputes it, how each outlet told it."""
    w = open_page(width=400)
    w.page.goto(live_server.url + pages["story"], wait_until="networkidle")
    day = w.page.locator(".day", has_text="2020-10-01")
    assert day.count() == 1
    assert w.page.locator("#disputes .dispute").count() >= 1
    w.page.locator("#timeline a", has_text="how each outlet told it").first.click()
    w.page.wait_for_load_state("networkidle")
    assert w.page.locator(".account").count() >= 1
    assert w.clean(), w.problems()

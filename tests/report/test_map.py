"""The offline SVG map: projection, fitting, outlines in view, points, escaping, determinism."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from consilience.report.map_svg import MapPoint, fit_viewport, render_map, world_countries

SVG = "{http://www.w3.org/2000/svg}"
TARTAR = MapPoint(40.34, 46.93, "Shelling in Tartar", "Explosions/Remote violence", weight=1)
GANJA = MapPoint(40.68, 46.36, "Shelling in <Ganja> & co", "Explosions/Remote violence", weight=9)
STEPANAKERT = MapPoint(39.82, 46.75, "Clashes", "Battles", muted=True)


def test_outline_data_is_natural_earth_and_small() -> None:
    data = world_countries()
    assert data["type"] == "FeatureCollection" and len(data["features"]) >= 170
    codes = {f["properties"]["iso_a3"] for f in data["features"]}
    assert {"ARM", "AZE", "IRN", "TUR", "GEO", "FRA", "NOR"} <= codes
    coords = data["features"][0]["geometry"]["coordinates"][0][0][0]
    assert all(round(c, 2) == c for c in coords)


def test_viewport_contains_points_with_a_margin_and_keeps_the_aspect() -> None:
    vp = fit_viewport([TARTAR, GANJA, STEPANAKERT], 640, 400)
    for p in (TARTAR, GANJA, STEPANAKERT):
        assert vp.lon_min < p.lon < vp.lon_max and vp.lat_min < p.lat < vp.lat_max
        x, y = vp.project(p.lon, p.lat, 640, 400)
        assert 20 < x < 620 and 20 < y < 380
    k = math.cos(math.radians(vp.lat0))
    assert (vp.lon_max - vp.lon_min) * k / (vp.lat_max - vp.lat_min) == pytest.approx(640 / 400)
    # north is up, east is right
    assert vp.project(46.0, 41.0, 640, 400)[1] < vp.project(46.0, 40.0, 640, 400)[1]
    assert vp.project(47.0, 40.0, 640, 400)[0] > vp.project(46.0, 40.0, 640, 400)[0]


def test_single_point_gets_a_minimum_span() -> None:
    vp = fit_viewport([TARTAR], 400, 400)
    assert vp.lat_max - vp.lat_min >= 2.0 and vp.lon_max - vp.lon_min >= 2.0


def test_render_map_draws_countries_in_view_and_points() -> None:
    svg = render_map([TARTAR, GANJA, STEPANAKERT], title="Events & <places>")
    root = ET.fromstring(svg)               # well-formed XML, text escaped
    assert root.tag == SVG + "svg" and root.get("viewBox") == "0 0 640 400"
    names = {p.find(SVG + "title").text for p in root.iter(SVG + "path")}
    assert {"Azerbaijan", "Armenia"} <= names and "Brazil" not in names
    circles = [c for c in root.iter(SVG + "circle") if c.find(SVG + "title") is not None]
    assert [c.find(SVG + "title").text for c in circles] == [TARTAR.label, GANJA.label, STEPANAKERT.label]
    assert float(circles[1].get("r")) > float(circles[0].get("r"))        # more dead, bigger point
    assert circles[2].get("fill") == "none"                                 # muted: hollow
    assert "Natural Earth" in svg
    assert render_map([TARTAR, GANJA, STEPANAKERT], title="Events & <places>") == svg


def test_render_map_without_points_shows_the_world() -> None:
    root = ET.fromstring(render_map([], width=300, height=150))
    assert len(list(root.iter(SVG + "path"))) > 100


def test_events_section_renders_table_and_map() -> None:
    from consilience.report.data import ReportData
    from consilience.report.sections import events as section
    from test_acled_export import ACTORS, DATE, DOC, FIG, PLACE, SHELLING, THREAT

    data = ReportData(documents=[DOC], links=[], actors={a.id: a for a in ACTORS},
                      records={"events": {"d1": [THREAT, SHELLING]}, "places": {"d1": [PLACE]},
                               "dates": {"d1": [DATE]}, "figures": {"d1": [FIG]}})
    html = section.render(data)
    assert section.TITLE == "Events" and section.ANCHOR == "events"
    assert html.count("<svg") == 2                      # the overview map and the document's map
    assert "Armed Forces of Armenia" in html and "Tartar" in html and "at least 1" in html
    assert '<tr class="muted">' in html                 # the planned event is listed, greyed
    empty = ReportData(documents=[DOC], links=[], actors={}, records={})
    assert "No events" in section.render(empty)

"""An offline SVG map: country outlines and event points, no tiles, no network.

Why SVG drawn here rather than a web map library: the HTML report is one
self-contained file that must open offline and years later.  The outlines
are Natural Earth's 1:110m countries (``data/world_countries.geojson``, public
domain, see its SOURCE file); the projection is equirectangular with the
standard parallel at the middle of the view (x = lon * cos(lat0), y = -lat),
fitted to the points' bounding box plus a margin, so the map shows where the
events are rather than the whole world.

The output is deterministic (same points, same bytes): coordinates are
rounded to 0.1 px and points are drawn in the order given.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["MapPoint", "Viewport", "world_countries", "fit_viewport", "render_map", "TYPE_COLOURS"]

TYPE_COLOURS: dict[str, str] = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#2c3e50",
}
_DEFAULT_COLOUR = "#7f8c8d"


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One point to draw: an event at a place."""

    lat: float
    lon: float
    label: str
    category: str = ""          # ACLED event type (sets the colour)
    weight: float = 0.0         # fatalities (sets the radius, on a log scale)
    muted: bool = False         # e.g. background events or document-level places: drawn hollow


@dataclass(frozen=True, slots=True)
class Viewport:
    """The lon/lat box shown and the projection's standard parallel."""

    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    lat0: float

    def project(self, lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
        k = math.cos(math.radians(self.lat0))
        x0, x1 = self.lon_min * k, self.lon_max * k
        x = (lon * k - x0) / (x1 - x0) * width
        y = (self.lat_max - lat) / (self.lat_max - self.lat_min) * height
        return x, y


@lru_cache(maxsize=1)
def world_countries() -> dict[str, Any]:
    """The packaged country outlines (GeoJSON FeatureCollection), read once."""
    text = resources.files("consilience.data").joinpath("world_countries.geojson").read_text(encoding="utf-8")
    return json.loads(text)


def fit_viewport(points: Sequence[MapPoint], width: float, height: float, *, margin: float = 0.25,
                 min_span: float = 2.0) -> Viewport:
    """The box around the points, widened by ``margin`` (a fraction of the span, at least 0.5 degree)
    and to at least ``min_span`` degrees, then stretched to the drawing's aspect ratio."""
    if not points:
        return Viewport(-180.0, 180.0, -60.0, 85.0, 0.0)
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max((lon_max - lon_min) * margin, 0.5)
    pad_lat = max((lat_max - lat_min) * margin, 0.5)
    lon_min, lon_max = lon_min - pad_lon, lon_max + pad_lon
    lat_min, lat_max = lat_min - pad_lat, lat_max + pad_lat
    for lo, hi, setter in ((lon_min, lon_max, "lon"), (lat_min, lat_max, "lat")):
        if hi - lo < min_span:
            mid = (lo + hi) / 2
            if setter == "lon":
                lon_min, lon_max = mid - min_span / 2, mid + min_span / 2
            else:
                lat_min, lat_max = mid - min_span / 2, mid + min_span / 2
    lat_min, lat_max = max(lat_min, -85.0), min(lat_max, 85.0)
    lat0 = (lat_min + lat_max) / 2
    k = math.cos(math.radians(lat0))
    # stretch the shorter side so one degree looks the same both ways
    w_deg = (lon_max - lon_min) * k
    h_deg = lat_max - lat_min
    if w_deg / h_deg < width / height:
        extra = (h_deg * width / height - w_deg) / k / 2
        lon_min, lon_max = lon_min - extra, lon_max + extra
    else:
        extra = (w_deg * height / width - h_deg) / 2
        lat_min, lat_max = lat_min - extra, lat_max + extra
    return Viewport(lon_min, lon_max, lat_min, lat_max, lat0)


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for poly in geometry["coordinates"] for ring in poly]
    return []


def _ring_visible(ring: list[list[float]], vp: Viewport) -> bool:
    lon_min, lon_max, lat_min, lat_max = _ring_box(ring)
    return not (lon_max < vp.lon_min or lon_min > vp.lon_max or lat_max < vp.lat_min or lat_min > vp.lat_max)


_BOXES: dict[int, tuple[list[list[float]], tuple[float, float, float, float]]] = {}


def _ring_box(ring: list[list[float]]) -> tuple[float, float, float, float]:
    """A ring's bounding box, computed once per ring (a report draws the same outlines on every map)."""
    known = _BOXES.get(id(ring))
    if known is not None and known[0] is ring:
        return known[1]
    lons = [c[0] for c in ring]
    lats = [c[1] for c in ring]
    box = (min(lons), max(lons), min(lats), max(lats))
    _BOXES[id(ring)] = (ring, box)   # the ring is kept, so its id is not reused while the entry lives
    return box


def _path(ring: list[list[float]], vp: Viewport, width: float, height: float) -> str:
    parts = []
    for k, (lon, lat) in enumerate(ring):
        x, y = vp.project(lon, lat, width, height)
        parts.append(f"{'M' if k == 0 else 'L'}{x:.1f} {y:.1f}")
    return "".join(parts) + "Z"


def _radius(weight: float) -> float:
    return round(4.0 + 2.5 * math.log10(1.0 + max(weight, 0.0)), 1)


def render_map(points: Sequence[MapPoint], *, width: int = 640, height: int = 400, title: str = "Events",
               countries: dict[str, Any] | None = None, margin: float = 0.25) -> str:
    """An ``<svg>`` element: the countries in view, then one circle per point, and a legend."""
    countries = world_countries() if countries is None else countries
    vp = fit_viewport(points, width, height, margin=margin)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="event-map" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">',
           f"<title>{html.escape(title)}</title>",
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#dceaf5"/>']
    labels: list[str] = []
    for feat in countries.get("features", ()):
        rings = [r for r in _rings(feat.get("geometry") or {"type": "none"}) if _ring_visible(r, vp)]
        if not rings:
            continue
        name = str((feat.get("properties") or {}).get("name", ""))
        d = "".join(_path(r, vp, width, height) for r in rings)
        out.append(f'<path d="{d}" fill="#f4f1ea" stroke="#9a9486" stroke-width="0.7" '
                   f'fill-rule="evenodd"><title>{html.escape(name)}</title></path>')
        biggest = max(rings, key=len)
        cx = sum(c[0] for c in biggest) / len(biggest)
        cy = sum(c[1] for c in biggest) / len(biggest)
        if vp.lon_min < cx < vp.lon_max and vp.lat_min < cy < vp.lat_max:
            x, y = vp.project(cx, cy, width, height)
            labels.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" fill="#8a8270" '
                          f'text-anchor="middle">{html.escape(name)}</text>')
    out.extend(labels)
    for p in points:
        x, y = vp.project(p.lon, p.lat, width, height)
        colour = TYPE_COLOURS.get(p.category, _DEFAULT_COLOUR)
        fill = "none" if p.muted else colour
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_radius(p.weight)}" fill="{fill}" '
                   f'fill-opacity="0.75" stroke="{colour}" stroke-width="1.5">'
                   f"<title>{html.escape(p.label)}</title></circle>")
    used = [c for c in TYPE_COLOURS if any(p.category == c for p in points)]
    for k, cat in enumerate(used):
        y = 14 + 16 * k
        out.append(f'<circle cx="12" cy="{y}" r="5" fill="{TYPE_COLOURS[cat]}"/>'
                   f'<text x="22" y="{y + 4}" font-size="11" fill="#333">{html.escape(cat)}</text>')
    out.append(f'<text x="{width - 6}" y="{height - 6}" font-size="9" fill="#777" text-anchor="end">'
               "outlines: Natural Earth 1:110m</text>")
    out.append("</svg>")
    return "".join(out)

"""Events: a map of where things happened, then per document the events table.

Why per document: an event record is one source's account; the table shows
who (actor1 -> actor2), what (ACLED type, trigger), where, when and how many
as that document tells it, with the modality (reported, claimed by a party,
denied, planned...) and the sentence it comes from, so a reader can check
each row against the text.  Events that did not happen (planned,
hypothetical, negated) are listed greyed; background events are marked.
"""

from __future__ import annotations

import html

from consilience.types import FACTUAL
from consilience.report.data import ReportData
from consilience.report.map_svg import MapPoint, render_map
from consilience.types import Document, Event

TITLE = "Events"
ANCHOR = "events"


def _esc(x: object) -> str:
    return html.escape("" if x is None else str(x))


def _actor(data: ReportData, aid: str | None) -> str:
    if not aid:
        return '<span class="muted">not stated</span>'
    a = data.actors.get(aid)
    return _esc(a.name if a else aid)


def _lookup(data: ReportData, table: str, doc_id: str) -> dict[str, object]:
    return {r.id: r for r in data.of(table, doc_id)}


def _points(data: ReportData, doc: Document, events: list[Event]) -> list[MapPoint]:
    places = _lookup(data, "places", doc.id)
    figures = _lookup(data, "figures", doc.id)
    out = []
    for e in events:
        p = places.get(e.place_id) if e.place_id else None
        if p is None or getattr(p, "latitude", None) is None or e.modality not in FACTUAL:
            continue
        f = figures.get(e.fatalities_figure_id) if e.fatalities_figure_id else None
        label = f"{e.event_type}: {e.trigger or ''} — {getattr(p, 'name', '')} ({doc.outlet or doc.source})"
        out.append(MapPoint(lat=p.latitude, lon=p.longitude, label=label, category=e.event_type,  # type: ignore[attr-defined]
                            weight=float(getattr(f, "value", 0) or 0),
                            muted=e.background or e.location_precision == "document"))
    return out


def _row(data: ReportData, doc: Document, e: Event, places: dict[str, object], dates: dict[str, object],
         figures: dict[str, object]) -> str:
    p = places.get(e.place_id) if e.place_id else None
    d = dates.get(e.date_id) if e.date_id else None
    where = f"{_esc(getattr(p, 'name', ''))} <span class=meta>[{_esc(e.location_precision)}]</span>" if p \
        else '<span class="muted">unknown</span>'
    when = f"{_esc(getattr(d, 'value', ''))} <span class=meta>[{_esc(e.time_precision)}]</span>" if d else \
        (f"{_esc(doc.published)} <span class=meta>[publication date]</span>" if e.time_precision == "document"
         else '<span class="muted">unknown</span>')

    def fig(fid: str | None) -> str:
        f = figures.get(fid) if fid else None
        if f is None:
            return ""
        q = getattr(f, "qualifier", "exact")
        return _esc(f"{'' if q == 'exact' else q + ' '}{getattr(f, 'value_text', None) or getattr(f, 'value', '')}")

    badges = f'<span class="badge">{_esc(e.modality)}</span>'
    if e.background:
        badges += '<span class="badge">background</span>'
    cls = "" if e.modality in FACTUAL else ' class="muted"'
    return (f"<tr{cls}><td>{_esc(e.event_type)}<br><span class=meta>{_esc(e.sub_event_type or '')}"
            f"{' · PLOVER ' + _esc(e.plover) if e.plover else ''}</span></td>"
            f"<td><b>{_esc(e.trigger)}</b></td><td>{_actor(data, e.actor1_id)} → {_actor(data, e.actor2_id)}</td>"
            f"<td>{where}</td><td>{when}</td><td>{fig(e.fatalities_figure_id)}</td><td>{fig(e.injuries_figure_id)}</td>"
            f"<td>{badges}</td><td class=meta>{_esc(e.text)}</td></tr>")


def render_document(data: ReportData, doc: Document) -> str:
    events = sorted(data.of("events", doc.id), key=lambda e: (e.start, e.id))
    if not events:
        return ""
    head = ("<tr><th>type</th><th>trigger</th><th>actor1 → actor2</th><th>where</th><th>when</th>"
            "<th>killed</th><th>injured</th><th>modality</th><th>sentence</th></tr>")
    places, dates, figures = (_lookup(data, t, doc.id) for t in ("places", "dates", "figures"))
    rows = "".join(_row(data, doc, e, places, dates, figures) for e in events)
    points = _points(data, doc, events)
    svg = render_map(points, width=480, height=300, title=f"Events in {doc.title or doc.source}") if points else ""
    return (f'<h3><a href="#doc-{doc.id}">{_esc(doc.title or doc.source)}</a></h3>'
            f'<p class="meta">{_esc(doc.outlet or "outlet unknown")} · {_esc(doc.published or "date unknown")} · '
            f"{len(events)} events</p>{svg}<table>{head}{rows}</table>")


def render(data: ReportData) -> str:
    all_points: list[MapPoint] = []
    parts: list[str] = []
    for doc in data.documents:
        events = data.of("events", doc.id)
        all_points.extend(_points(data, doc, sorted(events, key=lambda e: (e.start, e.id))))
        part = render_document(data, doc)
        if part:
            parts.append(part)
    if not parts:
        return '<p class="muted">No events extracted.</p>'
    intro = ('<p class="meta">One row per event as one document reports it. Hollow points: background events '
             "or places standing in for the whole document. Greyed rows: planned, hypothetical or negated.</p>")
    overview = render_map(all_points, title="All located events") if all_points else ""
    return intro + overview + "\n".join(parts)

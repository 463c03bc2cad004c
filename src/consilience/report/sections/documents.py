"""Documents: metadata, cleaned text with highlighted records, removed lines, duplicates."""

from __future__ import annotations

import html

from consilience.report.data import ReportData
from consilience.report.highlight import Mark, highlight
from consilience.types import Document

TITLE = "Documents"
ANCHOR = "documents"


def _published(doc: Document) -> str:
    if not doc.published:
        return "date unknown"
    origin = doc.published_origin
    extra = f" (inferred from {html.escape(origin)}: “{html.escape(doc.published_evidence or '')}”)" \
        if origin not in ("metadata",) else ""
    return f"{html.escape(doc.published)} [{html.escape(doc.published_precision)}]{extra}"


def _marks(data: ReportData, doc: Document) -> list[Mark]:
    marks: list[Mark] = []
    for m in data.of("mentions", doc.id):
        actor = data.actors.get(m.actor_id) if m.actor_id else None
        label = f"{m.label}: {actor.name} ({actor.country or '-'}/{actor.sector or '-'})" if actor else m.label
        marks.append(Mark(m.start, m.end, "actor", label))
    for p in data.of("places", doc.id):
        where = f"{p.latitude:.3f}, {p.longitude:.3f}" if p.latitude is not None else "not geocoded"
        marks.append(Mark(p.start, p.end, "place", f"place: {p.name} [{p.precision}] {where}"))
    for d in data.of("dates", doc.id):
        marks.append(Mark(d.start, d.end, "date", f"date: {d.value or 'unresolved'} [{d.precision}]"))
    for c in data.of("claims", doc.id):
        if c.content_start is not None and c.content_end is not None:
            speaker = _actor_name(data, c.speaker_actor_id) or c.speaker_text or "unknown speaker"
            marks.append(Mark(c.content_start, c.content_end, "claim", f"{c.stance} — {speaker}"))
    for f in data.of("figures", doc.id):
        marks.append(Mark(f.start, f.end, "figure",
                          f"figure: {f.qualifier} {f.value} {f.counts or ''} {f.who or ''}".strip()))
    return marks


def _actor_name(data: ReportData, actor_id: str | None) -> str | None:
    actor = data.actors.get(actor_id) if actor_id else None
    return actor.name if actor else actor_id


def _actor_cell(data: ReportData, actor_id: str | None, fallback: str | None) -> str:
    actor = data.actors.get(actor_id) if actor_id else None
    if actor is None:
        return html.escape(fallback or actor_id or "—")
    extra = " / ".join(x for x in (actor.country, actor.sector) if x)
    return f"{html.escape(actor.name)} <span class=\"muted\">{html.escape(extra)}</span>"


def _table(header: tuple[str, ...], rows: list[str]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _claims(data: ReportData, doc: Document) -> str:
    claims = data.of("claims", doc.id)
    if not claims:
        return ""
    dates = {d.id: d for d in data.of("dates", doc.id)}
    rows = []
    for c in claims:
        relays = ", ".join(_actor_name(data, r) or r for r in c.relays)
        date = dates.get(c.date_id) if c.date_id else None
        quote = "“”" if c.direct_quote else ""
        rows.append(
            f"<tr><td>{_actor_cell(data, c.speaker_actor_id, c.speaker_text)}</td><td>{html.escape(c.stance)}</td>"
            f"<td>{quote} {html.escape(c.content or '')}</td><td>{html.escape(c.channel or '')}</td>"
            f"<td>{html.escape(relays)}</td><td>{html.escape(date.value or '') if date else ''}</td></tr>")
    return (f"<details open><summary>Who says what ({len(claims)} claims)</summary>"
            + _table(("speaker", "stance", "content", "channel", "relayed by", "date"), rows) + "</details>")


def _figures(data: ReportData, doc: Document) -> str:
    figures = data.of("figures", doc.id)
    if not figures:
        return ""
    dates = {d.id: d for d in data.of("dates", doc.id)}
    places = {p.id: p for p in data.of("places", doc.id)}
    rows = []
    for f in figures:
        date = dates.get(f.date_id) if f.date_id else None
        place = places.get(f.place_id) if f.place_id else None
        value = "" if f.value is None else f"{f.value:g}"
        rows.append(
            f"<tr><td>{html.escape(f.qualifier)}</td><td>{value}</td><td>{html.escape(f.counts or '')}</td>"
            f"<td>{html.escape(f.who or '')}</td><td>{html.escape(f.side or '')}</td>"
            f"<td>{html.escape(place.name) if place else ''}</td><td>{html.escape(date.value or '') if date else ''}</td>"
            f"<td>{html.escape(f.text)}</td></tr>")
    return (f"<details><summary>Figures ({len(figures)})</summary>"
            + _table(("qualifier", "value", "counts", "who", "side", "place", "date", "text"), rows) + "</details>")


def _places(data: ReportData, doc: Document) -> str:
    places = data.of("places", doc.id)
    if not places:
        return ""
    seen: dict[str, list] = {}
    for p in places:
        seen.setdefault(p.name, []).append(p)
    rows = []
    for name, group in seen.items():
        p = group[0]
        where = f"{p.latitude:.3f}, {p.longitude:.3f}" if p.latitude is not None else "not geocoded"
        written = ", ".join(sorted({g.text for g in group}))
        rows.append(f"<tr><td>{html.escape(name)}</td><td>{html.escape(written)}</td><td>{where}</td>"
                    f"<td>{html.escape(p.country or '')}</td><td>{html.escape(p.precision)}</td>"
                    f"<td>{len(group)}</td></tr>")
    return (f"<details><summary>Places ({len(seen)})</summary>"
            + _table(("place", "written as", "lat, lon", "country", "precision", "mentions"), rows) + "</details>")


def _removed(doc: Document) -> str:
    if not doc.removed:
        return "<p class=\"muted\">No lines removed.</p>"
    rows = "".join(f"<tr><td>{html.escape(r.reason)}</td><td>{html.escape(r.text)}</td></tr>" for r in doc.removed)
    return (f"<details><summary>{len(doc.removed)} lines removed by cleaning</summary>"
            f"<table><tr><th>reason</th><th>line</th></tr>{rows}</table></details>")


def _duplicates(data: ReportData, doc: Document) -> str:
    rows = []
    for lk in data.links:
        if lk.kind not in ("duplicate", "near_duplicate") or doc.id not in (lk.source_id, lk.target_id):
            continue
        other_id = lk.target_id if lk.source_id == doc.id else lk.source_id
        other = data.document(other_id)
        name = (other.title or other.source) if other else other_id
        rows.append(f"<li>{html.escape(lk.kind)} of <a href=\"#doc-{other_id}\">{html.escape(name)}</a>"
                    f" (score {lk.score})</li>")
    return f"<p>Duplicates:</p><ul>{''.join(rows)}</ul>" if rows else ""


def render_document(data: ReportData, doc: Document) -> str:
    flags = "" if doc.status == "ok" else f' <span class="badge warn">{html.escape(doc.status)}</span>'
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in doc.notes)
    credits = f"<p class=\"meta\">Credits: {html.escape('; '.join(doc.credits))}</p>" if doc.credits else ""
    return (
        f'<article id="doc-{doc.id}"><h3>{html.escape(doc.title or doc.source)}{flags}</h3>'
        f'<p class="meta"><b>{html.escape(doc.outlet or "outlet unknown")}</b> · {_published(doc)} · '
        f'language {html.escape(doc.language or "?")} · <code>{html.escape(doc.source)}</code> · id {doc.id}</p>'
        f"{credits}{f'<ul class=meta>{notes}</ul>' if notes else ''}"
        f'<div class="text">{highlight(doc.text, _marks(data, doc))}</div>'
        f"{_claims(data, doc)}{_figures(data, doc)}{_places(data, doc)}"
        f"{_removed(doc)}{_duplicates(data, doc)}</article>"
    )


def render(data: ReportData) -> str:
    if not data.documents:
        return "<p class=\"muted\">No documents yet: run <code>consilience run PATH</code>.</p>"
    legend = ('<p class="legend meta"><mark class="actor">actor</mark><mark class="place">place</mark>'
              '<mark class="date">date</mark><mark class="figure">figure</mark>'
              '<mark class="claim">claim content</mark></p>')
    return legend + "\n".join(render_document(data, d) for d in data.documents)

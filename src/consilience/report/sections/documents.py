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
    for f in data.of("figures", doc.id):
        marks.append(Mark(f.start, f.end, "figure",
                          f"figure: {f.qualifier} {f.value} {f.counts or ''} {f.who or ''}".strip()))
    return marks


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
        f"{_removed(doc)}{_duplicates(data, doc)}</article>"
    )


def render(data: ReportData) -> str:
    if not data.documents:
        return "<p class=\"muted\">No documents yet: run <code>consilience run PATH</code>.</p>"
    legend = ('<p class="legend meta"><mark class="actor">actor</mark><mark class="place">place</mark>'
              '<mark class="date">date</mark><mark class="figure">figure</mark></p>')
    return legend + "\n".join(render_document(data, d) for d in data.documents)

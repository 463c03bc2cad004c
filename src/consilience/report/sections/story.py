"""Stories: per story, a timeline of merged events, the claims matrix, the
contradictions side by side, the casualty ledger (table and chart), the
framing table and the actor network (static inline SVG).

Reads the linking results from ``data.link`` (a ``LinkResult``, see
``consilience.link.persist.load_link_result``); without them it says how to
produce them.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from consilience.link.records import (
    ClaimGroup, Contradiction, FramingRow, LedgerEntry, LinkResult, MergedEvent, Relation, SpanRef,
)
from consilience.report.data import ReportData

TITLE = "Stories"
ANCHOR = "stories"

_STATUS_CSS = {"confirmed against interest": "ok", "corroborated": "ok", "single-source": "",
               "disputed": "warn", "denied": "err"}
_MARKS = {"assert": "✓", "admit": "✓!", "accuse": "⚑", "deny": "✗", "reject": "✗", "demand": "→",
          "threaten": "⚠", "promise": "◇", "unconfirmed": "?"}
_KIND_COLOURS = {"fights": "#c0392b", "supports": "#27ae60", "allied": "#1e8449", "mediates": "#2e86c1",
                 "accuses": "#d68910", "demands_of": "#8e44ad", "talks_with": "#7f8c8d"}
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _name(actor_id: str, actors: Mapping[str, Any]) -> str:
    actor = actors.get(actor_id)
    if actor is not None:
        return str(actor.name)
    return actor_id.removeprefix("outlet:")


def _badge(text: str, css: str = "") -> str:
    return f'<span class="badge {css}">{esc(text)}</span>'


def _span_html(span: SpanRef) -> str:
    where = f"{span.outlet or 'outlet unknown'}, {span.published or 'undated'}"
    return (f'<blockquote class="meta">“{esc(span.text)}”<br><a href="#doc-{esc(span.document_id)}">'
            f"{esc(where)}</a></blockquote>")


# ---------------------------------------------------------------------------
# parts
# ---------------------------------------------------------------------------


def timeline(events: Sequence[MergedEvent], actors: Mapping[str, Any]) -> str:
    if not events:
        return '<p class="muted">No events.</p>'
    rows = []
    for m in sorted(events, key=lambda m: (m.earliest or "9999", m.id)):
        when = m.earliest if m.earliest == m.latest else f"{m.earliest or '?'} – {m.latest or '?'}"
        outlets = sorted({s.outlet or "unknown" for s in m.spans})
        badges = "".join(_badge(o) for o in outlets)
        who = ", ".join(_name(a, actors) for a in m.actor_ids) or "—"
        spans = "".join(_span_html(s) for s in m.spans)
        rows.append(
            f"<tr><td>{esc(when if m.earliest or m.latest else 'undated')}</td>"
            f"<td>{esc(m.event_type)}{' / ' + esc(m.sub_event_type) if m.sub_event_type else ''}"
            f"{' <span class=muted>(background)</span>' if m.background else ''}</td>"
            f"<td>{esc(m.place_name or '—')}</td><td>{esc(who)}</td>"
            f"<td>{_badge(m.status, _STATUS_CSS.get(m.status, ''))}<br><span class=meta>"
            f"{esc(m.explanation.split(': ', 1)[-1] if m.explanation else '')}</span></td>"
            f"<td>{badges}<details><summary>{len(m.spans)} report(s)</summary>{spans}</details></td></tr>")
    return ("<table><tr><th>date</th><th>event</th><th>place</th><th>actors</th><th>status</th>"
            f"<th>sources</th></tr>{''.join(rows)}</table>")


def claims_matrix(groups: Sequence[ClaimGroup], actors: Mapping[str, Any], limit: int = 40) -> str:
    """Propositions × origins, with the stance each origin took."""
    shown = [g for g in groups if len(g.claim_ids) > 1 or g.status in ("disputed", "denied")]
    shown = sorted(shown, key=lambda g: (-len(g.origins), g.id))[:limit]
    if not shown:
        return '<p class="muted">No proposition stated by more than one claim.</p>'
    origins = sorted({o for g in shown for o in g.origins})
    head = "".join(f"<th>{esc(_name(o, actors))}</th>" for o in origins)
    rows = []
    for g in shown:
        marks: dict[str, list[str]] = defaultdict(list)
        for _, stance, origin in g.stances:
            marks[origin].append(_MARKS.get(stance, stance))
        cells = "".join(f"<td title=\"{esc(' '.join(marks.get(o, [])))}\">{esc(' '.join(marks.get(o, [])))}</td>"
                        for o in origins)
        rows.append(f"<tr><td>{esc(g.label)}</td><td title=\"{esc(g.explanation)}\">"
                    f"{_badge(g.status, _STATUS_CSS.get(g.status, ''))}</td>{cells}</tr>")
    legend = " ".join(f"{m} {s}" for s, m in _MARKS.items())
    return (f'<p class="meta">{esc(legend)}</p><table><tr><th>proposition</th><th>status</th>{head}</tr>'
            f"{''.join(rows)}</table>")


def contradictions_table(items: Sequence[Contradiction], actors: Mapping[str, Any]) -> str:
    if not items:
        return '<p class="muted">No contradictions found.</p>'
    rows = []
    for c in items:
        rows.append(
            f"<tr><td>{_badge(c.kind, 'warn')}<br><span class=meta>{esc(c.note)}</span></td>"
            f"<td><b>{esc(_name(c.a_origin, actors))}</b> ({esc(c.a_stance)}){_span_html(c.a)}</td>"
            f"<td><b>{esc(_name(c.b_origin, actors))}</b> ({esc(c.b_stance)}){_span_html(c.b)}</td></tr>")
    return f"<table><tr><th>kind</th><th>one side</th><th>the other</th></tr>{''.join(rows)}</table>"


def _value(e: LedgerEntry) -> str:
    return f"{e.value:g}" if e.value is not None else (e.value_text or "?")


def ledger_table(entries: Sequence[LedgerEntry], actors: Mapping[str, Any]) -> str:
    if not entries:
        return '<p class="muted">No casualty figures.</p>'
    rows = "".join(
        f"<tr><td>{esc(e.as_of or 'undated')}<br><span class=meta>{esc(e.as_of_source)}</span></td>"
        f"<td>{esc(_name(e.origin, actors))}<br><span class=meta>{esc(e.origin_kind)}</span></td>"
        f"<td>{esc(e.qualifier)} {esc(_value(e))}</td>"
        f"<td>{esc(e.counts or '?')}</td><td>{esc(e.who or '?')}{(' (' + esc(_name(e.side, actors)) + ')') if e.side else ''}</td>"
        f"<td>{_span_html(e.span)}</td></tr>" for e in entries)
    return ('<p class="meta">Each line is one figure as one origin gave it; figures are never added up.</p>'
            "<table><tr><th>as of</th><th>origin</th><th>figure</th><th>counts</th><th>for whom</th>"
            f"<th>span</th></tr>{rows}</table>")


def ledger_chart(entries: Sequence[LedgerEntry], actors: Mapping[str, Any], width: int = 640,
                 height: int = 260) -> str:
    """Figures over time, one colour per origin; ▲ more than / at least, ▼ up to / nearly, ● otherwise."""
    from consilience.link.blocking import day_number

    points = [(day_number(e.as_of), e) for e in entries if e.value is not None and day_number(e.as_of) is not None]
    if not points:
        return ""
    days = [d for d, _ in points]
    lo, hi = min(days), max(days)
    vmax = max(e.value for _, e in points if e.value is not None) or 1.0
    left, right, top, bottom = 50, 45, 15, 35

    def x(day: int) -> float:
        return left + (width - left - right) * ((day - lo) / (hi - lo) if hi > lo else 0.5)

    def y(value: float) -> float:
        return height - bottom - (height - top - bottom) * (math.log1p(value) / math.log1p(vmax))

    origins = sorted({e.origin for _, e in points})
    colour = {o: _PALETTE[i % len(_PALETTE)] for i, o in enumerate(origins)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 18 * len(origins)}" '
             f'role="img" aria-label="casualty figures over time">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#888"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#888"/>']
    for tick in sorted({0, round(vmax / 10), round(vmax / 2), round(vmax)}):
        parts.append(f'<text x="{left - 4}" y="{y(tick) + 4:.1f}" font-size="10" text-anchor="end">{tick}</text>')
    for day, label in ((lo, points[days.index(lo)][1].as_of), (hi, points[days.index(hi)][1].as_of)):
        parts.append(f'<text x="{x(day):.1f}" y="{height - bottom + 14}" font-size="10" text-anchor="middle">'
                     f"{esc((label or '')[:10])}</text>")
    for day, e in points:
        cx, cy, c = x(day), y(e.value or 0.0), colour[e.origin]
        q = e.qualifier.lower()
        label = f"{e.as_of}: {_name(e.origin, actors)}: {q} {e.value:g} {e.counts or ''} {e.who or ''}"
        title = f"<title>{esc(label)}</title>"
        if q in ("more than", "at least", "over"):
            parts.append(f'<polygon points="{cx:.1f},{cy - 6:.1f} {cx - 5:.1f},{cy + 4:.1f} {cx + 5:.1f},{cy + 4:.1f}" fill="{c}">{title}</polygon>')
        elif q in ("nearly", "up to", "almost", "less than"):
            parts.append(f'<polygon points="{cx:.1f},{cy + 6:.1f} {cx - 5:.1f},{cy - 4:.1f} {cx + 5:.1f},{cy - 4:.1f}" fill="{c}">{title}</polygon>')
        else:
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{c}">{title}</circle>')
    for i, o in enumerate(origins):
        ly = height + 4 + 18 * i
        parts.append(f'<rect x="{left}" y="{ly}" width="10" height="10" fill="{colour[o]}"/>'
                     f'<text x="{left + 16}" y="{ly + 9}" font-size="11">{esc(_name(o, actors))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def framing_table(rows: Sequence[FramingRow]) -> str:
    if not rows:
        return '<p class="muted">No framing data.</p>'
    out = []
    for r in rows:
        per_k = 1000.0 / r.n_words if r.n_words else 0.0
        names = ", ".join(f"{v} ×{n}" for _, v, n in r.names)
        loaded = ", ".join(f"{t} ×{n} ({n * per_k:.1f}/1k words)" for t, _, n in r.loaded)
        typical = ", ".join(f"{w} (z {z:.1f})" for w, z, _ in r.typical)
        total = sum(n for _, n in r.voices)
        voices = ", ".join(f"{s} {100 * n / total:.0f}%" for s, n in r.voices) if total else ""
        who = r.outlet if not r.outlet.startswith("quoted:") else f"quoted speaker {r.outlet[7:]}"
        out.append(f"<tr><td>{esc(who)}</td><td>{r.n_docs}</td><td>{r.n_words}</td><td>{esc(names)}</td>"
                   f"<td>{esc(loaded)}</td><td>{esc(typical)}</td><td>{esc(voices)}</td></tr>")
    return ('<p class="meta">Outlet rows count the outlet\'s own words; words inside quotation marks count for the '
            "speaker. Typical words: log-odds ratio with an informative Dirichlet prior (z ≥ 1.96) against the "
            "story's other outlets.</p><table><tr><th>outlet</th><th>docs</th><th>words</th><th>names used</th>"
            f"<th>loaded terms</th><th>typical words</th><th>voices quoted</th></tr>{''.join(out)}</table>")


def network_svg(relations: Sequence[Relation], actors: Mapping[str, Any], size: int = 420) -> str:
    if not relations:
        return '<p class="muted">No actor relations.</p>'
    nodes = sorted({a for r in relations for a in (r.source_actor_id, r.target_actor_id)})
    cx, cy = size / 2 + 20, size / 2
    radius = size / 2 - 110
    pos = {n: (cx + radius * math.cos(2 * math.pi * i / len(nodes)), cy + radius * math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    wmax = max(r.weight for r in relations) or 1.0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 160}" height="{size}" role="img" '
             'aria-label="actor network"><defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" '
             'markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>']
    for r in relations:
        (x1, y1), (x2, y2) = pos[r.source_actor_id], pos[r.target_actor_id]
        width = 1 + 4 * r.weight / wmax
        arrow = "" if r.kind in ("fights", "allied", "talks_with") else ' marker-end="url(#arr)"'
        title = f"{_name(r.source_actor_id, actors)} {r.kind} {_name(r.target_actor_id, actors)}: " \
                f"{r.evidence_count} evidence, {r.independent_origins} independent origin(s)"
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{_KIND_COLOURS.get(r.kind, "#999")}" '
                     f'stroke-width="{width:.1f}" stroke-opacity="0.75"{arrow}><title>{esc(title)}</title></line>')
    for n, (x, y) in pos.items():
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#1d2430"/>'
                     f'<text x="{x:.1f}" y="{y - 10:.1f}" font-size="11" text-anchor="middle">{esc(_name(n, actors))}</text>')
    for i, (kind, colour) in enumerate(_KIND_COLOURS.items()):
        parts.append(f'<rect x="{size + 10}" y="{20 + 18 * i}" width="14" height="4" fill="{colour}"/>'
                     f'<text x="{size + 30}" y="{26 + 18 * i}" font-size="11">{esc(kind)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------
# the section
# ---------------------------------------------------------------------------


def render_result(result: LinkResult, actors: Mapping[str, Any]) -> str:
    """The section's HTML for one linking result."""
    if not result.stories:
        return '<p class="muted">No stories yet: run the linking stage (<code>consilience run PATH</code>).</p>'

    def of(items: Sequence[Any], story_id: str) -> list[Any]:
        return [i for i in items if i.story_id == story_id]

    parts = []
    for story in result.stories:
        thread = next((n[7:] for n in story.notes if n.startswith("thread:")), story.id)
        parts.append(
            f'<article id="{esc(story.id)}"><h3>{esc(story.label)}</h3>'
            f"<p>{esc(story.summary)}</p><p class=\"meta\">{len(story.document_ids)} "
            f"document(s); thread {esc(thread)}</p>"
            f"<h4>Timeline</h4>{timeline(of(result.merged_events, story.id), actors)}"
            f"<h4>Claims</h4>{claims_matrix(of(result.claim_groups, story.id), actors)}"
            f"<h4>Contradictions</h4>{contradictions_table(of(result.contradictions, story.id), actors)}"
            f"<h4>Casualty ledger</h4>{ledger_chart(of(result.ledger, story.id), actors)}"
            f"{ledger_table(of(result.ledger, story.id), actors)}"
            f"<h4>Framing</h4>{framing_table(of(result.framing, story.id))}"
            f"<h4>Actor network</h4>{network_svg(of(result.relations, story.id), actors)}</article>")
    return "\n".join(parts)


def render(data: ReportData) -> str:
    result = getattr(data, "link", None)
    if result is None:
        return '<p class="muted">No linking results in this report.</p>'
    return render_result(result, data.actors)

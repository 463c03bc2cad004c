"""Stories: an index (the most reported first), then per story a timeline of merged events, the claims matrix, the
contradictions side by side, the casualty ledger (table and chart), the
framing table and the actor network (static inline SVG).

Reads the linking results from ``data.link`` (a ``LinkResult``, see
``consilience.link.persist.load_link_result``); without them it says how to
produce them.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from consilience.link.records import (
    ClaimGroup, Contradiction, FramingRow, LedgerEntry, LinkResult, MergedEvent, Relation, SpanRef,
)
from consilience.report import charts
from consilience.report.data import ReportData
from consilience.report.names import Names, country_names

TITLE = "Stories"
ANCHOR = "stories"

_STATUS_CSS = {"confirmed against interest": "ok", "corroborated": "ok", "single-source": "",
               "disputed": "warn", "denied": "err"}
_MARKS = charts.STANCE_SYMBOLS  # one distinct symbol per stance, as in `consilience serve`
_KIND_COLOURS = {"fights": "#c0392b", "supports": "#27ae60", "allied": "#1e8449", "mediates": "#2e86c1",
                 "accuses": "#d68910", "demands_of": "#8e44ad", "talks_with": "#7f8c8d"}
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


_NAMES_MEMO: list[tuple[Mapping[str, Any], int, Names]] = []


def _names(actors: Mapping[str, Any]) -> Names:
    """Names for actor ids: the actors' own, then countries'; remembered for the last actor table
    (a report renders hundreds of stories against one table)."""
    if _NAMES_MEMO and _NAMES_MEMO[0][0] is actors and _NAMES_MEMO[0][1] == len(actors):
        return _NAMES_MEMO[0][2]
    names = Names({**country_names(), **{k: str(a.name) for k, a in actors.items()}})
    _NAMES_MEMO[:] = [(actors, len(actors), names)]
    return names


def _name(actor_id: str, actors: Mapping[str, Any]) -> str:
    actor = actors.get(actor_id)
    if actor is not None:
        return str(actor.name)
    return _names(actors)(actor_id)


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
    eligible = [g for g in groups if len(g.claim_ids) > 1 or g.status in ("disputed", "denied")]
    shown = sorted(eligible, key=lambda g: (-len(g.origins), g.id))[:limit]
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
    return (f'<p class="meta">{esc(legend)}</p><p class="meta">{len(shown)} of {len(eligible)} propositions '
            "(stated more than once or disputed).</p><div class=\"frame\"><table><tr><th>proposition</th>"
            f"<th>status</th>{head}</tr>{''.join(rows)}</table></div>")


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


def ledger_chart(entries: Sequence[LedgerEntry], actors: Mapping[str, Any], first: str | None = None,
                 last: str | None = None) -> str:
    """Killed and injured apart, over the story's own window, one colour per origin (shared with serve)."""
    names = _names(actors)
    out = charts.ledger_charts(entries, first, last, names)
    if not out["panels"]:
        return ""
    parts = [f"<p class=\"meta\">{esc(counts)}</p>{svg}" for counts, svg in out["panels"]]
    legend = " ".join(f"<span>{charts.swatch(c)}{esc(n)}</span>" for n, c in out["legend"])
    outside = (f'<p class="meta">{out["outside"]} figure(s) dated outside the story\'s window are in the table '
               "only.</p>") if out["outside"] else ""
    return "".join(parts) + f'<p class="meta">{legend}</p>{outside}'


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


def network_svg(relations: Sequence[Relation], actors: Mapping[str, Any], max_nodes: int = 18) -> str:
    if not relations:
        return '<p class="muted">No actor relations.</p>'
    legend = " ".join(f"<span>{charts.line_swatch(c)}{esc(k)}</span>" for k, c in charts.kind_legend())
    return str(charts.network_svg(relations, _names(actors), max_nodes)) + f'<p class="meta">{legend}</p>'


# ---------------------------------------------------------------------------
# the section
# ---------------------------------------------------------------------------


def _by_story(items: Sequence[Any]) -> dict[str, list[Any]]:
    """Records grouped by their ``story_id``, in their order: one pass, not one per story."""
    out: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        out[item.story_id].append(item)
    return out


def story_order(stories: Sequence[Any], events: Mapping[str, list[Any]],
                disputes: Mapping[str, list[Any]]) -> list[Any]:
    """Stories, the most reported first: documents, then merged events, then contradictions, then label
    (``events``, ``disputes``: the records grouped by story, :func:`_by_story`)."""
    return sorted(stories, key=lambda s: (-len(s.document_ids), -len(events.get(s.id, ())),
                                          -len(disputes.get(s.id, ())), s.label, s.id))


def story_index(stories: Sequence[Any], events: Mapping[str, list[Any]], disputes: Mapping[str, list[Any]]) -> str:
    """One line per story: its reports, events, contradictions and dates, linking to its article."""
    rows = "".join(
        f'<tr><td><a href="#{esc(s.id)}">{esc(s.label)}</a></td><td>{len(s.document_ids)}</td>'
        f"<td>{len(events.get(s.id, ()))}</td><td>{len(disputes.get(s.id, ()))}</td>"
        f"<td>{esc(s.first_date or '')}{' – ' + esc(s.last_date) if s.last_date and s.last_date != s.first_date else ''}"
        "</td></tr>" for s in stories)
    return (f'<p class="meta">{len(stories)} stories, the most reported first.</p><div class="frame"><table>'
            "<tr><th>story</th><th>reports</th><th>events</th><th>contradictions</th><th>dates</th></tr>"
            f"{rows}</table></div>")


def render_result(result: LinkResult, actors: Mapping[str, Any]) -> str:
    """The section's HTML for one linking result: an index, then each story, the most reported first.

    A part with nothing in it is named in one line at the end of its story instead of a heading each.
    """
    if not result.stories:
        return '<p class="muted">No stories yet: run the linking stage (<code>consilience run PATH</code>).</p>'
    grouped = {name: _by_story(items) for name, items in (
        ("events", result.merged_events), ("claims", result.claim_groups), ("disputes", result.contradictions),
        ("ledger", result.ledger), ("framing", result.framing), ("relations", result.relations))}
    stories = story_order(result.stories, grouped["events"], grouped["disputes"])
    parts = [story_index(stories, grouped["events"], grouped["disputes"])] if len(stories) > 1 else []
    for story in stories:
        def of(name: str) -> list[Any]:
            return grouped[name].get(story.id, [])

        thread = next((n[7:] for n in story.notes if n.startswith("thread:")), story.id)
        claims = of("claims")
        shown_claims = [g for g in claims if len(g.claim_ids) > 1 or g.status in ("disputed", "denied")]
        blocks = (
            ("Timeline", "events", bool(of("events")), lambda: timeline(of("events"), actors)),
            ("Claims", "propositions stated more than once", bool(shown_claims),
             lambda: claims_matrix(claims, actors)),
            ("Contradictions", "contradictions", bool(of("disputes")),
             lambda: contradictions_table(of("disputes"), actors)),
            ("Casualty ledger", "casualty figures", bool(of("ledger")),
             lambda: ledger_chart(of("ledger"), actors, story.first_date, story.last_date)
             + ledger_table(of("ledger"), actors)),
            ("Framing", "framing data", bool(of("framing")), lambda: framing_table(of("framing"))),
            ("Actor network", "actor relations", bool(of("relations")),
             lambda: network_svg(of("relations"), actors)),
        )
        body = "".join(f"<h4>{heading}</h4>{render_part()}" for heading, _, present, render_part in blocks
                       if present)
        missing = [what for _, what, present, _ in blocks if not present]
        none = f'<p class="muted">No {", no ".join(missing)}.</p>' if missing else ""
        parts.append(
            f'<article id="{esc(story.id)}"><h3>{esc(story.label)}</h3>'
            f"<p>{esc(story.summary)}</p><p class=\"meta\">{len(story.document_ids)} "
            f"document(s); thread {esc(thread)}</p>{body}{none}</article>")
    return "\n".join(parts)


def render(data: ReportData) -> str:
    result = getattr(data, "link", None)
    if result is None:
        return '<p class="muted">No linking results in this report.</p>'
    return render_result(result, data.actors)

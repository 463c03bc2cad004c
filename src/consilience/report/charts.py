"""SVG charts shared by the web app and the static report: the casualty ledger and the actor network.

Server-side SVG with escaped text, sized by ``viewBox`` so it fits any width; no script.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape
from typing import Any

from markupsafe import Markup

from consilience.link.records import LedgerEntry, Relation

Names = Callable[[str | None], str]

STANCE_SYMBOLS = {"assert": "✓", "deny": "✗", "reject": "⊘", "admit": "!", "accuse": "⚑", "demand": "➜",
                  "threaten": "⚠", "promise": "◇", "unconfirmed": "?"}
KIND_COLOURS = {"fights": "#c0392b", "supports": "#27ae60", "allied": "#1e8449", "mediates": "#2e86c1",
                "accuses": "#d68910", "demands_of": "#8e44ad", "talks_with": "#7f8c8d"}
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
            "#bcbd22", "#7f7f7f")


def colours(keys: Sequence[str]) -> dict[str, str]:
    """One distinct colour per key: a fixed palette, then evenly spaced hues."""
    out = {}
    for i, k in enumerate(keys):
        out[k] = _PALETTE[i] if i < len(_PALETTE) else f"hsl({(i * 137.5) % 360:.0f},60%,42%)"
    return out


# ---------------------------------------------------------------------------
# casualty ledger chart
# ---------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_vague(e: LedgerEntry) -> bool:
    text = (e.value_text or "").lower()
    return e.qualifier.lower() != "exact" or not any(ch.isdigit() for ch in text) or \
        any(w in text for w in ("dozen", "hundred", "thousand", "scores"))


def ledger_charts(entries: Sequence[LedgerEntry], first: str | None, last: str | None,
                  names: Names) -> dict[str, Any]:
    """One panel for killed and one for injured over the story's own window (two days of margin)."""
    lo, hi = _day(first), _day(last)
    if lo is None or hi is None:
        days = [d for d in (_day(e.as_of) for e in entries) if d]
        if not days:
            return {"panels": [], "outside": 0, "legend": []}
        lo, hi = min(days), max(days)
    lo, hi = lo - timedelta(days=2), hi + timedelta(days=2)
    in_window = [e for e in entries if e.value is not None and (d := _day(e.as_of)) and lo <= d <= hi]
    outside = sum(1 for e in entries if e.value is not None and e not in in_window)
    origins = sorted({e.origin for e in in_window}, key=names)
    colour = colours(origins)
    panels = []
    for counts in ("killed", "injured"):
        pts = [e for e in in_window if (e.counts or "") == counts]
        if pts:
            panels.append((counts, _panel(pts, lo, hi, colour, names, counts)))
    legend = [(names(o), colour[o]) for o in origins]
    return {"panels": panels, "outside": outside, "legend": legend}


def _panel(pts: Sequence[LedgerEntry], lo: date, hi: date, colour: dict[str, str], names: Names,
           counts: str) -> Markup:
    width, height, left, right, top, bottom = 640, 240, 48, 20, 16, 34
    span = max(1, (hi - lo).days)
    vmax = max(e.value or 0 for e in pts) or 1.0
    step = 10 ** math.floor(math.log10(vmax)) if vmax >= 1 else 1
    ymax = math.ceil(vmax * 1.15 / step) * step

    def x(d: date) -> float:
        return left + (width - left - right) * (d - lo).days / span

    def y(v: float) -> float:
        return height - bottom - (height - top - bottom) * v / ymax

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(counts)} over the story\'s window">',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#888"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#888"/>']
    for i in range(5):
        v = ymax * i / 4
        out.append(f'<text x="{left - 5}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">{v:g}</text>'
                   f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" stroke="#eee"/>')
    ticks = min(span, 6)
    for i in range(ticks + 1):
        d = lo + timedelta(days=round(span * i / ticks))
        out.append(f'<text x="{x(d):.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">'
                   f'{d.strftime("%d %b")}</text>')
    seen: Counter[tuple[int, int]] = Counter()
    for e in sorted(pts, key=lambda e: (e.as_of or "", e.value or 0)):
        d = _day(e.as_of)
        assert d is not None and e.value is not None
        cx, cy = x(d), y(e.value)
        bump = seen[(round(cx), round(cy))]
        seen[(round(cx), round(cy))] += 1
        cx += 7 * bump
        c = colour[e.origin]
        vague = is_vague(e)
        label = f"{e.as_of}: {names(e.origin)} — {e.qualifier} {e.value:g} {e.counts or ''} {e.who or ''}" + \
            (f" (“{e.value_text}”)" if e.value_text else "")
        fill = "#fff" if vague else c
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}" stroke="{c}" stroke-width="2">'
                   f"<title>{escape(label)}</title></circle>"
                   f'<text x="{cx + 7:.1f}" y="{cy - 6:.1f}" font-size="11" fill="{c}">'
                   f'{"~" if vague else ""}{e.value:g}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def swatch(colour: str, hollow: bool = False) -> Markup:
    fill = "#fff" if hollow else escape(colour)
    return Markup(f'<svg class="swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">'
                  f'<circle cx="6" cy="6" r="4.5" fill="{fill}" stroke="{escape(colour)}" stroke-width="2"/></svg>')


# ---------------------------------------------------------------------------
# actor network
# ---------------------------------------------------------------------------


def network_svg(relations: Sequence[Relation], names: Names, max_nodes: int) -> Markup:
    """Actors on a circle, labels outside it (left half anchored right), edges coloured by kind."""
    if not relations:
        return Markup("")
    degree: Counter[str] = Counter()
    for r in relations:
        degree[r.source_actor_id] += r.weight
        degree[r.target_actor_id] += r.weight
    nodes = [n for n, _ in degree.most_common(max_nodes)]
    keep = set(nodes)
    width, height = 820, 480
    cx, cy, rx, ry = width / 2, height / 2, 190, 190
    pos = {}
    for i, n in enumerate(nodes):
        a = -math.pi / 2 + math.pi / len(nodes) + 2 * math.pi * i / len(nodes)
        pos[n] = (cx + rx * math.cos(a), cy + ry * math.sin(a), a)
    wmax = max(r.weight for r in relations) or 1.0
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="actor network">',
           '<defs><marker id="arr" viewBox="0 0 10 10" refX="16" refY="5" markerWidth="8" markerHeight="8" '
           'orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>']
    for r in relations:
        if r.source_actor_id not in keep or r.target_actor_id not in keep:
            continue
        (x1, y1, _), (x2, y2, _) = pos[r.source_actor_id], pos[r.target_actor_id]
        arrow = "" if r.kind in ("fights", "allied", "talks_with") else ' marker-end="url(#arr)"'
        title = f"{names(r.source_actor_id)} {r.kind.replace('_', ' ')} {names(r.target_actor_id)}: " \
                f"{r.evidence_count} report(s), {r.independent_origins} independent origin(s)"
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                   f'stroke="{KIND_COLOURS.get(r.kind, "#999")}" stroke-width="{1 + 5 * r.weight / wmax:.1f}" '
                   f'stroke-opacity="0.7"{arrow}><title>{escape(title)}</title></line>')
    for n, (x, y, a) in pos.items():
        lx, ly = x + 12 * math.cos(a), y + 16 * math.sin(a) + 4
        anchor = "middle" if abs(math.cos(a)) < 0.08 else ("start" if math.cos(a) > 0 else "end")
        label = names(n)
        label = label if len(label) <= 28 else label[:27] + "…"
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#1d2430"><title>{escape(names(n))}</title></circle>'
                   f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="13" text-anchor="{anchor}">{escape(label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def kind_legend() -> list[tuple[str, str]]:
    return [(k.replace("_", " "), c) for k, c in KIND_COLOURS.items()]


def line_swatch(colour: str) -> Markup:
    return Markup(f'<svg class="swatch" viewBox="0 0 16 8" width="16" height="8" aria-hidden="true">'
                  f'<rect x="0" y="2" width="16" height="4" fill="{escape(colour)}"/></svg>')

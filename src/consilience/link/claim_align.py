"""Aligning claims across documents: which statements are about the same proposition.

Same proposition when (in order of strength):

1. they rest on the same merged event (``Event.claim_ids``);
2. one embeds the other ("It denied claims by Yerevan that ...");
3. they give the same quantity (a casualty figure of the same scope, as of
   the same day) and are not tied to a merged event;
4. their content is worded alike (IDF-weighted overlap, or embedding cosine)
   and they share arguments (at least two rare content terms, or a party
   both mention), within one story.

Claims tied to two different merged events are never aligned by wording:
the events were kept apart for a stated reason.  Candidate pairs for (4)
come from blocks keyed by story × rare term, never from all pairs.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from consilience.link.blocking import candidate_pairs
from consilience.link.text import weighted_overlap

__all__ = ["ClaimFeatures", "align_claims", "text_alignment"]

#: Wording similarity at or above which two claims state the same proposition.
TEXT_THRESHOLD = 0.5
#: Embedding cosine at or above which two claims are paraphrases.
VECTOR_THRESHOLD = 0.75
#: Rare terms per claim used as block keys.
PROBES = 4


@dataclass(slots=True)
class ClaimFeatures:
    """What alignment knows about one claim."""

    id: str
    document_id: str
    story_id: str | None
    stance: str
    origin: str
    party: str | None = None               # side the speaker speaks for
    event_key: str | None = None           # merged event id the claim rests on
    embedded_id: str | None = None
    figure_scopes: frozenset[tuple[str, str, str, str]] = frozenset()   # counts, who, side, as-of day
    stems: frozenset[str] = frozenset()
    parties_mentioned: frozenset[str] = frozenset()
    day: int | None = None
    vector: Any = None


class _UnionFind:
    """Union-find that never joins two groups resting on different merged events."""

    def __init__(self, n: int, events: Sequence[str | None]) -> None:
        self.parent = list(range(n))
        self.event = list(events)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        ei, ej = self.event[ri], self.event[rj]
        if ei and ej and ei != ej:
            return False
        root, child = min(ri, rj), max(ri, rj)
        self.parent[child] = root
        self.event[root] = ei or ej
        return True


def text_alignment(a: ClaimFeatures, b: ClaimFeatures, idf: Mapping[str, float]) -> float:
    """Wording similarity of two claims, 0 when they share no argument."""
    if a.vector is not None and b.vector is not None:
        sim = float(a.vector @ b.vector)
        if sim >= VECTOR_THRESHOLD:
            return sim
    shared = a.stems & b.stems
    shared_rare = [t for t in shared if idf.get(t, 1.0) > 1.5]
    if len(shared_rare) < 2 and not (a.parties_mentioned & b.parties_mentioned and shared_rare):
        return 0.0
    return weighted_overlap(a.stems, b.stems, idf)


def align_claims(feats: Sequence[ClaimFeatures], idf: Mapping[str, float], *,
                 threshold: float = TEXT_THRESHOLD, max_block: int = 48, window: int = 10) -> list[list[int]]:
    """Partition claims into propositions (lists of indices into ``feats``), singletons included."""
    uf = _UnionFind(len(feats), [f.event_key for f in feats])
    by_id = {f.id: i for i, f in enumerate(feats)}
    first_by_key: dict[Hashable, int] = {}
    for i, f in enumerate(feats):
        keys: list[Hashable] = []
        if f.event_key:
            keys.append(("event", f.event_key))
        elif f.figure_scopes:
            keys.extend(("figure", f.story_id, scope) for scope in f.figure_scopes)
        for key in keys:
            if key in first_by_key:
                uf.union(first_by_key[key], i)
            else:
                first_by_key[key] = i
        if f.embedded_id and f.embedded_id in by_id:
            uf.union(i, by_id[f.embedded_id])

    def probe_keys(f: ClaimFeatures) -> list[Hashable]:
        rare = sorted(f.stems, key=lambda t: (-idf.get(t, 1.0), t))[:PROBES]
        return [(f.story_id, t) for t in rare]

    def order(f: ClaimFeatures) -> tuple:
        return (f.day if f.day is not None else -1, f.document_id)

    for i, j in sorted(candidate_pairs(feats, probe_keys, sort_key=order, max_block=max_block,
                                       window=window)):
        a, b = feats[i], feats[j]
        if text_alignment(a, b, idf) >= threshold:
            uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(feats)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values())

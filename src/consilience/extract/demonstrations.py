"""What happened at a demonstration: peaceful, met by force, or violent (ACLED's protest and riot sub-types).

ACLED's codebook:

* a demonstration whose participants are violent (burning tyres or
  barricades, throwing stones, damaging property, attacking people) is a
  *riot*: Riots / Violent demonstration, whatever else happened;
* a peaceful demonstration that state forces (or others) break up --
  dispersing, arresting, tear gas, rubber bullets -- is Protests / Protest
  with intervention;
* one met with lethal force (live ammunition, demonstrators killed) is
  Protests / Excessive force against protesters.

:func:`scene` reads the words of the demonstration's sentences (the text
says what the demonstrators and the forces did, often in the next sentence:
"... demonstrated in Abeche. Police forces used tear gas to disperse
them.") and returns ``violent``, ``excessive``, ``intervention`` or None.
Word lists are cues in ``data/event_triggers.json``: ``riot_verbs``,
``riot_objects``, ``riot_burning``, ``peaceful_burning``,
``intervention_verbs``, ``intervention_means``, ``lethal_words``,
``force_words``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from consilience.extract.event_triggers import cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["scene"]


def _lem(t: Token) -> str:
    return (t.lemma_ or t.text).lower()


def _subject_words(v: Token) -> set[str]:
    """Lemmas of the verb's subject (or by-agent), following conjoined and participle verbs up."""
    cur = v
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "agent") or (c.dep_ == "prep" and c.text.lower() == "by"):
                return {_lem(x) for x in c.subtree}
        if cur.dep_ in ("conj", "advcl", "xcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return set()


def _objects(v: Token) -> set[str]:
    out: set[str] = set()
    for c in v.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            out |= {_lem(x) for x in c.subtree}
        elif c.dep_ == "prep" and c.text.lower() in ("at", "on", "with", "against", "towards", "toward"):
            out |= {_lem(x) for x in c.subtree}
        elif c.dep_ in ("oprd", "acomp", "advmod", "prt") and c.lower_ in ("ablaze", "alight", "afire"):
            out.add(c.lower_)               # "set ablaze things"
    return out


def _own_act(v: Token, passive_ok: bool = False) -> bool:
    """Is the verb something done at the demonstration, in the active voice and in a main or
    coordinated clause?  Relative clauses, participles and passives tell the grievance ("the driver
    *who was stabbed*", "teachers sentenced for *ransacking*", "after two people *were injured*")."""
    if not passive_ok and any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return False
    cur = v
    for _ in range(6):
        if cur.dep_ == "pcomp" and cur.head.lower_ == "by":
            cur = cur.head                  # the means of the act: "blocked a street *by setting* obstacles on fire"
            continue
        if cur.dep_ in ("relcl", "acl", "pcomp", "pobj", "amod", "csubj"):
            return False
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.text.lower() in ("after", "since", "because", "when", "as")
                                       for c in cur.children):
            return False
        if cur.dep_ in ("ROOT",) or cur.head.i == cur.i:
            return True
        cur = cur.head
    return True


def _subject_heads(v: Token) -> set[str]:
    """Lemmas of the heads of the verb's subject (and its conjuncts), following conjoined and participle
    verbs up: "youth and *Army aspirants*" are aspirants, not the army."""
    cur = v
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "agent") or (c.dep_ == "prep" and c.text.lower() == "by"):
                heads = [c] if c.dep_ == "nsubj" else [x for x in c.children if x.dep_ == "pobj"]
                heads += [x for h in heads for x in h.conjuncts]
                return {_lem(h) for h in heads}
        if cur.dep_ in ("conj", "advcl", "xcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return set()


def _by_forces(v: Token) -> bool:
    """Is the verb's subject the police or the military ("police *beat* demonstrators")?  Its head nouns
    decide ("Army aspirants pelted stones" are demonstrators)."""
    return bool(_subject_heads(v) & cues("force_words"))


def scene(doc: Doc, a: int, b: int) -> str | None:
    """``violent`` / ``excessive`` / ``intervention`` / None for a demonstration told in tokens [a, b)."""
    violent = excessive = intervention = False
    riot_verbs, riot_objects = cues("riot_verbs"), cues("riot_objects")
    for i in range(a, b):
        t = doc[i]
        lem = _lem(t)
        if lem == "burning" or (lem == "burn" and t.dep_ == "amod"):
            if _lem(t.head) in cues("riot_burning"):
                violent = True                 # "burning tyres", "burning barricades"
            continue
        if t.pos_ == "VERB" and lem in riot_verbs:
            if not _own_act(t):
                continue                       # the grievance, not the demonstration: "a vendor who was stabbed"
            if _by_forces(t):
                if lem in ("clash", "attack", "beat", "injure"):
                    intervention = True        # "police clashed with the demonstrators": force against them
                continue
            objs = _objects(t)
            needs = riot_objects if lem in cues("riot_verbs_with_object") else None
            if needs is not None and not objs & needs:
                continue
            if lem in ("burn", "torch", "set") and objs & cues("peaceful_burning") and not objs & riot_objects:
                continue                       # burning a flag or an effigy: a peaceful act
            violent = True
        elif t.pos_ == "VERB" and lem in cues("intervention_verbs") and _own_act(t, passive_ok=True):
            subj = _subject_words(t)
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
            if subj & cues("force_words") or (passive and not subj) or lem in ("intervene",):
                intervention = True
                if lem in ("kill", "shoot") and (subj & cues("force_words") or passive):
                    excessive = True
        elif lem in cues("intervention_means") or (lem == "gas" and i > a and _lem(doc[i - 1]) == "tear"):
            intervention = True                # "tear gas", "rubber bullets", "water cannon", "baton charge"
        if lem in cues("lethal_words"):
            # "live bullets", "live ammunition", "live rounds"
            nxt = doc[i + 1] if i + 1 < b else None
            if nxt is not None and _lem(nxt) in ("bullet", "ammunition", "round", "fire"):
                excessive = intervention = True
    if violent:
        return "violent"
    if excessive:
        return "excessive"
    if intervention:
        return "intervention"
    return None

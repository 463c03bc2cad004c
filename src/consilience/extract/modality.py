"""Is a trigger an event that happened, or something negated, hypothetical, planned -- or no event at all?

Why this is separate from trigger finding: the same word reports an event in
"Armenian shelling killed a civilian" and none in "calls for an end to the
shelling".  A trigger is judged in its own clause, climbing the dependency
tree from the trigger to the clause's predicate and stopping at the clause
boundary, so that the reporting verb around it ("Azerbaijan *said* its forces
had carried out strikes") does not make the strikes hypothetical, while
"would ... if", "could", "threatens to", "calls for" do, and so does a verb of
contemplating (``hypothetical_governors``: "contemplated a hunger strike",
"considered attacking").

Verdicts (:class:`Judgement`):

* ``modality`` ``reported`` / ``negated`` / ``hypothetical`` / ``planned`` --
  the trigger reports an event with that modality (the claims around it are
  considered later, by :mod:`consilience.extract.events`);
* ``modality`` ``None`` -- the word is not an event mention here: a generic
  or aggregate reference ("an end to the fighting", "the death toll in the
  fighting"), something demanded ("calls for a ceasefire", "Armenia must
  withdraw"), an adjectival participle ("the occupied territories").

Without a dependency parse, a window of words before the trigger (cut at
punctuation) stands in for the clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consilience.extract.event_triggers import cues, trigger_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Judgement", "judge", "judge_parsed", "judge_window", "predicate_of", "NOUNISH"]

NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CLIMB_NOUN = frozenset({"compound", "conj", "appos", "nmod", "amod"})
_BOUNDARY = frozenset({"ccomp", "parataxis", "relcl", "ROOT", "csubj", "dep", "meta"})
_WINDOW = 6
_CUT = frozenset({",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "that", "say", "said", "which", "who"})


@dataclass(frozen=True, slots=True)
class Judgement:
    """The verdict on one trigger occurrence."""

    modality: str | None
    reason: str = ""
    threat: bool = False          # planned because threatened / vowed (PLOVER THREATEN)


def _lower(t: Token) -> str:
    return t.text.lower()


def _lem(t: Token) -> str:
    return (t.lemma_ or t.text).lower()


def predicate_of(t: Token) -> tuple[Token, str]:
    """The predicate a (nominal) trigger hangs from, and the relation.

    For "Armenian shelling killed a civilian" the predicate of *shelling* is
    *killed* (``nsubj``); for "an end to the fighting" it is *end*
    (``pobj:to``).  A verb is its own predicate.
    """
    if t.pos_ not in NOUNISH and t.dep_ != "compound":
        return t, "self"
    x = t
    while x.dep_ in _CLIMB_NOUN and x.head.i != x.i:
        x = x.head
    if x.dep_ == "pobj" and x.head.i != x.i:
        prep = x.head
        return prep.head, f"pobj:{_lower(prep)}"
    if x.dep_ == "ROOT" or x.head.i == x.i:
        return x, "root"
    return x.head, x.dep_


def _has_neg(node: Token) -> bool:
    neg = cues("negation")
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and _lower(c) in neg and _lower(c) != "without")
               for c in node.children)


def _aux_words(node: Token) -> list[str]:
    return [_lower(c) for c in node.children if c.dep_ in ("aux", "auxpass")]


def _has_mark(node: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and _lower(c) in words for c in node.children)


def _conditional_child(node: Token) -> bool:
    """The clause carries an if-clause: "would continue fighting *if Armenia did not stop*"."""
    hyp = cues("hypothetical_marks")
    return any(c.dep_ == "advcl" and _has_mark(c, hyp) for c in node.children)


def _present_tense(node: Token) -> bool:
    return node.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in node.children
                                              if c.dep_ in ("aux", "auxpass"))


def _has_particle(node: Token, word: str) -> bool:
    return any(c.dep_ == "prt" and _lower(c) == word for c in node.children)


def _own_subject(node: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _comma_splice(clause: Token, head: Token) -> bool:
    """A clause the parser hung as the complement of a later verb that is a sentence of its own, joined by a
    comma: "members *staged* a demonstration ..., *they* also *demanded* ..." -- the clause has its own
    subject and comes first, a comma stands between, and the later verb's subject is a pronoun (a
    reported content comes after its verb: "they demanded that ..."; "Protesters marched, police said" has
    a noun subject)."""
    if clause.i > head.i or not _own_subject(clause):
        return False
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].pos_ != "PRON" or subj[0].i < clause.i:
        return False
    return any(t.text == "," for t in clause.doc[clause.right_edge.i:subj[0].i + 1])


#: Modifiers that make a nominal trigger a possibility or a pretence, not an event.
_MAYBE_MODIFIERS = frozenset({"possible", "potential", "hypothetical", "would-be", "mock", "fake", "simulated",
                              "imaginary", "feared", "rumoured", "rumored"})


def _future_time(trigger: Token) -> str:
    """The words that date a trigger in the future, or "": "rallies *next month*", "the *planned*
    protests", "*upcoming* talks", "march *tomorrow*" (its own modifiers only, not the clause's)."""
    for c in trigger.children:
        if c.dep_ in ("amod", "advmod", "npadvmod") and _lem(c) in cues("future_time_marks"):
            return c.text
        if c.dep_ in ("npadvmod", "nmod", "tmod", "obl") and _lem(c) in cues("future_time_units") and \
                any(g.dep_ in ("amod", "det") and _lem(g) in cues("future_time_marks") for g in c.children):
            return " ".join(g.text for g in c.subtree)
    return ""


def judge_parsed(trigger: Token, kind: str = "violent") -> Judgement:
    """Judge a trigger in a parsed sentence (see the module docstring)."""
    if trigger.dep_ == "amod" and trigger.tag_ in ("VBN", "VBD", "VBG", "JJ") and trigger.pos_ in ("VERB", "ADJ"):
        return Judgement(None, "adjectival participle")
    if trigger.dep_ == "compound" and trigger.head.pos_ in NOUNISH and trigger.head.i != trigger.i and \
            not (trigger.head.lower_.endswith("ing") and trigger.head.i == trigger.i + 1 and
                 trigger.i > 0 and trigger.doc[trigger.i - 1].lower_ in ("a", "an")):
        # ("a protest denouncing ...": the tagger took the participle for a noun; the protest is the event)
        if not (kind == "protest" and _lem(trigger.head) in cues("protest_compound_heads")):
            return Judgement(None, f"modifier of {trigger.head.text}")
        # "staged a *protest action*", "a *protest camp*": the protest is the event
    if trigger.dep_ == "acl" and trigger.tag_ == "VBG" and trigger.head.pos_ in NOUNISH and \
            (_lem(trigger) in ("fight", "battle") or _lem(trigger.head) in trigger_lemmas()):
        # "the rebel groups *fighting* to topple Assad", "jihadists *fighting* in Iraq and Syria": who they are;
        # "attacks *targeting* security forces": what the attacks were, not an event besides them
        return Judgement(None, f"description: {trigger.head.text} {trigger.text}")
    if trigger.pos_ in NOUNISH and any(c.dep_ == "det" and _lower(c) == "no" for c in trigger.children):
        return Judgement("negated", "no + noun")
    generic = cues("generic_heads")
    demand = cues("demand_governors")
    stop = cues("stop_verbs")
    pred, rel = predicate_of(trigger)
    while rel == "pobj:of" and pred.pos_ in NOUNISH and _lem(pred) in cues("collective_heads"):
        pred, rel = predicate_of(pred)       # "plans *a series of* protests": the series is what is planned
    future = _future_time(trigger)
    if future:
        return Judgement("planned", "future time: " + future)
    described = trigger.dep_ == "acl" and trigger.tag_ == "VBG"      # "a possible gang *shooting*" read as acl
    np_head = trigger.head if described else trigger
    if (described or np_head.pos_ in NOUNISH) and any(
            c.dep_ == "amod" and _lem(c) in _MAYBE_MODIFIERS for c in np_head.subtree if c.i < np_head.i):
        return Judgement("hypothetical", "a possible event")   # "a *possible* shooting", "*mock* attack"
    if rel == "pobj:of" and _lem(pred) == "ahead":
        return Judgement("planned", "ahead of")        # "arrested ... ahead of anti-government rallies"
    if rel == "nsubj" and _lem(pred) == "be" and _present_tense(pred) and \
            any(c.dep_ == "acomp" and _lem(c) in cues("habitual_predicates") for c in pred.children):
        return Judgement(None, "generic: habitual")   # "clashes are frequent in Dagestan"
    if rel.startswith("pobj:"):
        if rel == "pobj:amid" and all(c.dep_ in ("det", "amod") and c.pos_ != "PROPN" for c in trigger.children):
            return Judgement(None, "generic: amid the ...")
        if _lem(pred) in generic and pred.pos_ in NOUNISH and kind != "ceasefire_act":
            return Judgement(None, f"generic: {rel} {pred.text}")
        if _lem(pred) in demand:
            return Judgement(None, f"demanded: {pred.text}")
        if rel == "pobj:without":
            return Judgement("negated", "without")
    elif rel in ("dobj", "nsubj", "nsubjpass", "attr"):
        if _lem(pred) in stop and kind not in ("ceasefire_act", "agreement"):
            return Judgement(None, f"generic: {rel} of {pred.text}")
        if rel == "dobj" and _lem(pred) in demand:
            return Judgement(None, f"demanded: {pred.text}")
        if rel == "dobj" and _lem(pred) in cues("hypothetical_governors"):
            return Judgement("hypothetical", f"contemplated: {pred.text}")   # "contemplated a hunger strike"
        if rel in ("dobj", "nsubjpass") and _lem(pred) in cues("plan_object_governors"):
            return Judgement("planned", f"planned: {pred.text}")        # "plotting a terror attack"
            # ("a vigil *was planned* for Tuesday evening", "a protest is scheduled for Friday")
    negated = hypothetical = planned = threat = False
    reasons: list[str] = []
    node = pred
    crossed_conj = False
    for _ in range(10):
        if _has_neg(node) and not crossed_conj:
            negated = True
            reasons.append(f"neg on {node.text}")
        aux = _aux_words(node)
        if any(a in cues("demand_modals") for a in aux):
            return Judgement(None, f"obligation: {node.text}")
        if any(a in cues("hypothetical_modals") for a in aux):
            hypothetical = True
            reasons.append("modal")
        if any(a in cues("planned_modals") for a in aux):
            planned = True
            reasons.append("future")
        if _has_mark(node, cues("hypothetical_marks")) or _conditional_child(node):
            hypothetical = True
            reasons.append("conditional")
        if _has_mark(node, cues("generic_marks")) and _present_tense(node):
            hypothetical = True
            reasons.append("generic when-clause")
        if node.pos_ in NOUNISH and node.i != trigger.i:
            if _lem(node) in demand:
                return Judgement(None, f"demanded: {node.text}")
            if _lem(node) in generic and kind != "ceasefire_act":
                return Judgement(None, f"generic: {node.text}")
        dep = node.dep_
        head = node.head
        to_clause = head.i != node.i and (dep == "xcomp" or (dep in ("advcl", "acl", "relcl", "ccomp") and "to" in aux))
        if to_clause and "to" in aux and "have" in aux and node.tag_ == "VBN" and \
                _lem(head) not in cues("negative_governors") | cues("demand_governors") | cues("planned_governors") \
                | cues("hypothetical_governors"):
            # a perfect infinitive tells of the past: "ISWAP *claimed to have clashed*", "are alleged to have
            # attacked" -- what the governor says happened, not a plan (claims and denials stay with claims.py)
            reasons.append(f"past: {head.text} to have")
            node = head
            continue
        if to_clause:
            gov = _lem(head)
            if gov in cues("negative_governors"):
                negated = True
                reasons.append(f"governed by {head.text}")
                break
            if gov in cues("attempt_governors") and kind in ("violent", "casualty", "territory"):
                reasons.append(f"attempted: {head.text}")      # an attempted attack is an attack
                node = head
                continue
            if kind == "protest" and gov in cues("gathering_governors"):
                reasons.append(f"gathered to protest: {head.text}")   # "gathered ... to protest": they protested
                node = head
                continue
            if kind == "protest" and "to" in aux and gov not in demand and head.pos_ == "VERB" and \
                    gov not in ("be", "have") and \
                    (gov not in cues("planned_governors") or (gov == "set" and _has_particle(head, "up"))) and \
                    gov not in cues("negative_governors"):
                # a purpose clause of something done: "staged a vigil ... to protest", "formed a human chain
                # to protest", "set up a camp to demonstrate" -- they protested (the governor's own
                # modality still counts: "will gather to protest" is planned)
                reasons.append(f"done to protest: {head.text}")
                node = head
                continue
            if gov in demand:
                return Judgement(None, f"demanded: {head.text}")
            if gov in cues("hypothetical_governors"):
                hypothetical = True                 # "considered attacking", "weighed whether to strike"
                reasons.append(f"contemplated: {head.text}")
                node = head
                continue
            if gov in cues("planned_governors"):
                if gov == "want" and _own_subject(node):
                    return Judgement(None, "wanted of another")
                planned = True
                threat = threat or gov in cues("threat_governors")
                reasons.append(f"intent: {head.text}")
            elif gov not in cues("real_governors") and "to" in aux:
                planned = True
                reasons.append("purpose or irrealis infinitive")
            node = head
            continue
        if head.i == node.i or dep in _BOUNDARY:
            if dep == "ROOT" and "to" in aux and not any(a in ("will", "would", "shall", "could") for a in aux):
                planned = True
                reasons.append("headline infinitive")
            if dep == "ccomp" and head.i != node.i and _comma_splice(node, head):
                break      # "X staged a demonstration ..., they also demanded ...": two sentences, not a demand
            if dep == "ccomp" and head.i != node.i:
                if _lem(head) in demand:
                    return Judgement(None, f"demanded: {head.text}")
                if _lem(head) in cues("threat_governors"):
                    planned = threat = True
                    reasons.append(f"threat: {head.text}")
            break
        if dep == "advcl":
            if any(c.dep_ == "mark" for c in node.children):
                break
            node = head          # participle clause: shares the main clause's modality
            continue
        if dep == "acl":
            break
        if dep == "conj":
            crossed_conj = True
            node = head
            continue
        if dep in ("prep", "pobj", "pcomp", "agent", "dobj", "nsubj", "nsubjpass", "attr", "npadvmod",
                   "compound", "appos", "amod", "nmod", "oprd", "acomp", "advmod"):
            node = head
            continue
        break
    if negated:
        return Judgement("negated", "; ".join(reasons))
    if hypothetical:
        return Judgement("hypothetical", "; ".join(reasons))
    if planned:
        return Judgement("planned", "; ".join(reasons), threat=threat)
    return Judgement("reported", "; ".join(reasons))


def judge_window(tokens: Sequence[Token], index: int, kind: str = "violent") -> Judgement:
    """Judge a trigger from the words before it, for a sentence without a parse.

    ``tokens`` are the sentence's tokens and ``index`` the trigger's position
    among them.  The window ends at the nearest punctuation, "that" or
    reporting verb before the trigger, standing in for the clause boundary.
    """
    trig = tokens[index]
    if trig.tag_ == "VBN" and index + 1 < len(tokens) and tokens[index + 1].pos_ in ("NOUN", "PROPN") \
            and index > 0 and _lower(tokens[index - 1]) in ("the", "a", "an", "its", "their", "his", "her"):
        return Judgement(None, "adjectival participle")
    window: list[Token] = []
    for k in range(index - 1, max(-1, index - 1 - _WINDOW), -1):
        t = tokens[k]
        if _lower(t) in _CUT or _lem(t) in _CUT:
            break
        window.insert(0, t)
    low = [_lower(t) for t in window]
    lem = [_lem(t) for t in window]
    near = lem[-3:]
    if kind not in ("ceasefire_act", "agreement") and any(w in cues("stop_verbs") for w in near):
        return Judgement(None, "generic: object of a stop verb")
    if kind != "ceasefire_act" and any(w in cues("generic_heads") for w in near) and \
            any(w in ("to", "in", "of", "from", "for") for w in near):
        return Judgement(None, "generic: head noun")
    if any(w in cues("demand_governors") for w in lem) and any(w in ("for", "to") for w in low):
        return Judgement(None, "demanded")
    if any(w in cues("demand_modals") for w in low):
        return Judgement(None, "obligation")
    if any(w in cues("negation") for w in low) or (window and _lem(window[-1]) in cues("negative_governors")):
        return Judgement("negated", "negation in window")
    if any(w in cues("hypothetical_modals") or w in cues("hypothetical_marks") for w in low):
        return Judgement("hypothetical", "modal in window")
    threat = any(w in cues("threat_governors") for w in lem)
    if any(w in cues("plan_object_governors") for w in near):
        return Judgement("planned", "object of a plan in window")       # "plotting a terror attack"
    if any(w in cues("planned_modals") for w in low) or \
            (any(w in cues("planned_governors") for w in lem) and "to" in low[-2:]):
        return Judgement("planned", "future or intent in window", threat=threat)
    return Judgement("reported", "")


def _generic_before(tokens: Sequence[Token], index: int, kind: str) -> str | None:
    """"an end *to the* fighting", "the death toll *from* fighting": the words right before say generic.

    Checked with and without a parse, because the parser often attaches such
    a prepositional phrase to the verb instead of the head noun.
    """
    if kind == "ceasefire_act":
        return None
    toks = [tokens[k] for k in range(max(0, index - 4), index)]
    fillers = ("the", "a", "an", "this", "that", "to", "in", "of", "from", "for", "over")
    for k, tok in enumerate(toks):
        w = _lem(tok)
        rest = toks[k + 1:]
        if w in cues("generic_heads") and tok.pos_ in NOUNISH and rest and _lower(rest[0]) in fillers[5:] \
                and all(_lower(x) in fillers or x.like_num or x.pos_ == "ADJ" or x.tag_ in ("VBN", "JJ")
                        for x in rest):
            return f"generic: {w} {' '.join(_lower(x) for x in rest)}"
    return None


def judge(tokens: Sequence[Token], index: int, parsed: bool, kind: str = "violent") -> Judgement:
    """Judge the trigger ``tokens[index]`` with the parse when there is one, else the window."""
    generic = _generic_before(tokens, index, kind)
    if generic is not None:
        return Judgement(None, generic)
    if parsed:
        return judge_parsed(tokens[index], kind)
    return judge_window(tokens, index, kind)

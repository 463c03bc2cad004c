"""Attribution frames: where a sentence says that someone said something.

A :class:`Frame` is one speech act found in one sentence: the cue (reporting
verb, "according to", a headline colon), the speaker span, the content span
and what goes with them (addressee, relays named in the frame, negation).

Cues are not only verbs of saying.  The lexicon (``data/claim_cues.json``)
marks each verb's kind: communication (accuse, warn, propose, support a
plan ...), belief (believe, hope, expect), volition (want, intend) and
evidence (a poll or record that shows/finds ...); besides verbs there are
attitude adjectives with a clause ("is concerned that"), stance nouns after a
light verb ("expressed doubts about", "made a plea to"), "in his view", and
reduced passives with an agent ("the attack, condemned by the White House").
Only verbs of saying take a content from word order alone; the others need
their complement in the parse, or must close the sentence.  Cues that report
nobody's statement are dropped: a subject "no group", a first- or
second-person subject (a quoted speaker's words run on), a conditional
clause, a picture ("the ad shows McCollum speaking").
:mod:`consilience.extract.claims` turns frames into ``Claim`` records; this
module only reads the sentence.

Why two readers: the pipeline parses only sentences with a cue, and a caller
may hand over a document with no parse at all.  A parsed sentence is read
from its dependency tree (subject, complement clause, object); an unparsed
one from token patterns ("<quote>, X said", "X said (that) ...",
"..., X said.").  Both produce the same frames, and both prefer an adjacent
quotation to anything the parse says, because the small model often
misattaches quoted clauses while quotation marks are reliable.

All spans are character offsets into ``doc.text``; frames never leave the
sentence (token range, cut at line breaks, except the breaks that only wrap
a paragraph of hard-wrapped copy) they were found in, except that a content
which opens a quotation runs to the quotation's end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA

from consilience.extract.sentences import sentence_ranges
from consilience.extract.doctext import doc_text, token_lowers, token_texts
from consilience.extract.claim_cues import CueLexicon, CueVerb
from consilience.extract.quotes import Quote, soft_breaks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: Nouns of a source: "citing *the health ministry*", "quoting *security sources*".
_SOURCE_NOUNS = frozenset({"ministry", "source", "sources", "official", "officials", "authority", "authorities",
                           "agency", "police", "spokesman", "spokeswoman", "spokesperson", "witness", "witnesses",
                           "government", "army", "military", "office", "department", "correspondent", "resident",
                           "residents", "activist", "activists", "observatory", "media", "newspaper", "channel"})


def _a_source(obj: Token) -> bool:
    """Whether what is cited or quoted is a source (a ministry, officials, a named organisation or person)
    rather than a statement."""
    return obj.lemma_.lower() in _SOURCE_NOUNS or obj.lower_ in _SOURCE_NOUNS or \
        obj.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")


__all__ = ["Frame", "find_frames", "sentence_ranges", "sentence_is_parsed"]

Span = tuple[int, int]
IsActor = Callable[[int, int], bool]

_NOMINAL = {"NOUN", "PROPN", "PRON", "ADJ", "DET", "NUM", "PART"}
_SUBJ = {"nsubj", "csubj"}
_CONTENT_DEPS = {"ccomp", "xcomp", "conj", "advcl", "parataxis", "punct", "cc", "dep"}
_PERSONAL = {"he", "she", "they", "we", "i", "you", "who"}
_RELATIVE = {"who", "that", "which", "whom"}
_ENTITY_AGENTS = {"PERSON", "ORG", "GPE", "NORP"}
_ADJUNCT_MARKS = {"as", "while", "when", "after", "before", "because", "since", "although", "though", "if",
                  "whereas", "until"}
_CONDITIONAL = {"if", "unless", "whether"}
_COPULAS = {"be", "seem", "appear", "remain", "become", "feel", "sound", "stay", "grow"}
_NO_SPEAKER = {"no", "none", "nobody", "nothing", "neither", "noone"}
_FIRST_SECOND = {"i", "we", "you", "me", "us"}
_WH = {"how", "what", "why", "whether", "if", "who", "when", "where", "which"}
_OBJECT_PREPS = {"behind", "about", "over", "against", "regarding", "concerning", "into", "of", "toward",
                 "towards"}
_TIME_WORDS = {"earlier", "later", "also", "again", "previously", "recently", "today", "yesterday",
               "tonight", "once", "repeatedly", "separately", "meanwhile", "then", "now", "still"}


@dataclass(slots=True)
class Frame:
    """One speech act in one sentence (character spans into ``doc.text``)."""

    kind: str                       # verb | according | headline | noun | put
    lemma: str
    stance: str
    sent: Span                      # token range of the sentence
    cue_tok: int                    # token index of the main cue word
    cue: Span
    region: Span                    # speaker + cue + their adjuncts (not the content)
    speaker: Span | None = None
    speaker_head: Span | None = None
    content: Span | None = None
    addressee: Span | None = None
    relays: list[Span] = field(default_factory=list)   # named in the frame, outermost first
    quote: Quote | None = None      # the quotation the content is, when it is one
    notes: list[str] = field(default_factory=list)
    collective: bool = False
    channel: str | None = None
    channel_subject: bool = False   # the subject names the channel ("The statement said")
    parsed: bool = True
    adjunct: bool = False           # introduced by as/while/which...: never part of another content
    relative_object: bool = False   # ", which X has not confirmed": content is the antecedent
    members: list[Span] = field(default_factory=list)  # conjuncts of a collective speaker
    speaker_inherited: bool = False  # speaker taken from a governing clause, not next to the cue
    relative: bool = False          # the cue heads a relative clause ("a question that she said ...")


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def sentence_is_parsed(doc: Doc, start: int, end: int) -> bool:
    """Whether the tokens ``start:end`` carry a dependency parse (selective parsing leaves some flat)."""
    if not doc.has_annotation("DEP") or end <= start:
        return False
    return _rows_parsed(_parse_rows(doc)[start:end])


def _parse_rows(doc: Doc) -> Any:
    """(is_space, dep, head offset) per token of ``doc``, for :func:`_rows_parsed`."""
    return doc.to_array([IS_SPACE, DEP, HEAD])     # HEAD: offset of the head, 0 on itself


def _rows_parsed(rows: Any) -> bool:
    rows = rows[rows[:, 0] == 0]                   # not the space tokens
    if not len(rows) or (rows[:, 1] == 0).any():
        return False
    return len(rows) == 1 or bool((rows[:, 2] != 0).any())


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _chars(doc: Doc, i: int, j: int) -> Span:
    """Character span of tokens ``i:j`` (j exclusive)."""
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _strip_tokens(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop spaces, punctuation and a leading 'that' at the edges of a token span."""
    while i < j and (doc[i].is_space or (doc[i].is_punct and not _is_quote_tok(doc[i]))
                     or (doc[i].lower_ == "that" and doc[i].dep_ in ("mark", ""))):
        i += 1
    while j > i and (doc[j - 1].is_space or (doc[j - 1].is_punct and not _is_quote_tok(doc[j - 1])
                                              and doc[j - 1].text not in ".?!)")):
        j -= 1
    return i, j


def _is_quote_tok(tok: Token) -> bool:
    return tok.text in {'"', "“", "”", "„", "«", "»", "‘", "’", "``", "''"}


def _clean_chars(text: str, start: int, end: int) -> Span | None:
    """Trim whitespace, trailing commas/colons and unbalanced edge quote marks off a char span."""
    opens, closes = "“„«‘", "”»’"
    for _ in range(4):
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-"):
            end -= 1
        if start >= end:
            return None
        seg = text[start:end]
        first, last = seg[0], seg[-1]
        if last in closes or last == '"':
            inner_opens = sum(seg.count(c) for c in opens) + (seg[:-1].count('"'))
            if inner_opens == 0 or (last == '"' and seg.count('"') % 2 == 1):
                end -= 1
                continue
        if first in opens or first == '"':
            inner_closes = sum(seg.count(c) for c in closes) + (seg[1:].count('"'))
            if inner_closes == 0 or (first == '"' and seg.count('"') % 2 == 1):
                start += 1
                continue
        break
    return (start, end) if start < end else None


def _subtree_range(tok: Token, lo: int, hi: int, exclude: Sequence[Token] = ()) -> tuple[int, int]:
    """Token range [i, j) of ``tok``'s subtree clipped to ``lo:hi``, stopping at excluded subtrees."""
    banned: set[int] = set()
    for ex in exclude:
        banned.update(t.i for t in ex.subtree)
    idx = sorted(t.i for t in tok.subtree if lo <= t.i < hi and t.i not in banned)
    if not idx:
        return tok.i, tok.i + 1
    # contiguous run around the token itself
    pos = tok.i if tok.i in idx else idx[0]
    i = j = pos
    members = set(idx)
    while i - 1 in members:
        i -= 1
    while j + 1 in members:
        j += 1
    return i, j + 1


def _is_negated(tok: Token, lex: CueLexicon) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("preconj", "advmod") and c.lower_ in lex.negators):
            return True
    if tok.dep_ == "xcomp" and tok.head.lemma_ in lex.negating_verbs:
        return True
    return False


def _in_non_claim_phrase(doc: Doc, tok: Token, lex: CueLexicon) -> bool:
    lo = max(0, tok.idx - 40)
    hi = min(len(doc_text(doc)), tok.idx + len(tok.text) + 40)
    window = doc_text(doc)[lo:hi]
    for pattern in lex.non_claim:
        for m in pattern.finditer(window):
            if m.start() + lo <= tok.idx < m.end() + lo:
                return True
    return False


def _inside_quote(quotes: Sequence[Quote], pos: int) -> Quote | None:
    for q in quotes:
        if q.inner_start <= pos < q.inner_end:
            return q
    return None


# ---------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------


def _np_range(tok: Token, lo: int, hi: int) -> tuple[int, int]:
    """The noun phrase of a speaker head, without relative clauses and participle modifiers."""
    cut = [c for c in tok.children if c.dep_ in ("relcl", "acl") and c.i > tok.i]
    i, j = _subtree_range(tok, lo, hi, cut)
    doc = tok.doc
    for k in range(tok.i - 1, i - 1, -1):  # "11:25 – Macron": a dash or colon ends a noun phrase
        if doc[k].text in ("–", "—", ":", "|", ";"):
            i = k + 1
            break
    return _strip_tokens(doc, i, j)


def _is_agent(tok: Token, lex: CueLexicon, is_actor: IsActor) -> bool:
    """Whether a speaker head can perform an agentive speech act (threaten, call for ...)."""
    low = tok.lower_
    if is_actor(tok.idx, tok.idx + len(tok.text)):
        return True
    if low == "it" or low == "this":
        return False
    if low in _PERSONAL or tok.ent_type_ in _ENTITY_AGENTS or tok.pos_ == "PROPN":
        return True
    if tok.lemma_.lower() in lex.agentive_nouns or low in lex.agentive_nouns:
        return True
    return any(c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in _ENTITY_AGENTS)
               for c in tok.children)


def _collective(tok: Token, lex: CueLexicon) -> bool:
    if any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in tok.children):
        return True
    if tok.lower_ in lex.collective_heads or tok.lemma_.lower() in lex.collective_heads:
        return any(c.lower_ in lex.collective_dets for c in tok.children
                   if c.dep_ in ("det", "nummod", "predet", "amod"))
    return False


def _members(tok: Token) -> list[Token]:
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _left_noun_subject(tok: Token, lo: int) -> Token | None:
    """A noun right before a subjectless conjunct or participle the parser cut off from it.

    "... economy and the two leaders affirmed ...": 'leaders' parsed as a conjunct of 'economy';
    "with Mrs Haley once saying ...": 'Haley' the object of 'with'. English puts the subject right
    before its verb, so a non-subject noun there (adverbs skipped) is the speaker.
    """
    if tok.dep_ not in ("conj", "advcl"):
        return None
    k = tok.i - 1
    while k >= lo and tok.doc[k].pos_ == "ADV":
        k -= 1
    if k < lo:
        return None
    prev = tok.doc[k]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ in ("nsubj", "nsubjpass", "compound", "npadvmod"):
        return None
    if tok.dep_ == "conj" and prev.dep_ == "conj" and prev.head.i < prev.i:
        return prev
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and prev.dep_ == "pobj" and prev.head.lower_ == "with":
        return prev
    return None


def _climb_subject(tok: Token, lo: int, hi: int, lex: CueLexicon) -> tuple[Token | None, bool]:
    """Subject of the clause a participle/conjunct cue hangs from ("..., saying", "and said").

    The nearest subject up the tree, unless the way up passes through the
    complement of another reporting verb: then that verb's subject ("Both
    sides say they have inflicted ..., claiming ..." → "Both sides").
    """
    own_aux = any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    participle = tok.tag_ == "VBG" and not own_aux
    # "reported that X is turning violent and accused ...": a conjunct without its own auxiliary next
    # to one with an auxiliary is coordinated with the reporting verb, not with the reported clause
    coordinated = tok.dep_ == "conj" and not own_aux and any(
        c.dep_ in ("aux", "auxpass") for c in tok.head.children)
    left = _left_noun_subject(tok, lo)
    if left is not None:
        return left, False
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "of") and lo <= tok.head.head.i < hi:
        # "praised Trump for pressing for ...", "accused X of saying ...": the object is the subject
        objs = [c for c in tok.head.head.children if c.dep_ == "dobj" and c.i < tok.i]
        if objs:
            return objs[0], False
    if tok.dep_ == "conj" and lo <= tok.head.i < hi:
        # "The time had come, he said, ... but added that ...": the speaker of the parenthetical goes on
        for c in tok.head.children:
            if c.dep_ == "parataxis" and c.i < tok.i and c.lemma_ in lex.verbs:
                subj = [s for s in c.children if s.dep_ in _SUBJ]
                if subj:
                    return subj[0], True
    cur = tok
    first: Token | None = None
    for _ in range(6):
        if cur.dep_ == "ROOT" or cur.head.i == cur.i:
            break
        head = cur.head
        if not lo <= head.i < hi:
            break
        if cur.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            return (first if first is not None else head), False
        subj = [c for c in head.children if c.dep_ in _SUBJ and lo <= c.i < hi]
        if not subj and head.lemma_ in ("quote", "cite"):
            subj = [c for c in head.children if c.dep_ == "nsubjpass" and lo <= c.i < hi]
        if subj and cur.dep_ == "ccomp" and head.lemma_ in lex.verbs and first is not None and (
                participle or coordinated):
            found = subj[0]
            if found.lower_ in _RELATIVE and head.dep_ == "relcl":
                found = head.head
            return found, True  # the reporting verb's speaker goes on: a sibling claim
        if subj and first is None:
            first = subj[0]
            if not participle and not coordinated:
                break
        cur = head
    if first is not None and first.lower_ in _RELATIVE and first.head.dep_ == "relcl":
        first = first.head.head
    return first, False


# ---------------------------------------------------------------------------
# Contents from the parse
# ---------------------------------------------------------------------------


_PERSON_OBJECTS = {"him", "her", "them", "me", "us", "you", "himself", "herself", "themselves"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP"}


def _clause_ok(c: Token, verb: CueVerb, lex: CueLexicon | None = None) -> bool:
    """Whether a complement clause is a reported proposition for this cue ('felt that ...', not 'felt duped')."""
    marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
    if c.doc[_subtree_range(c, c.sent.start, c.sent.end)[0]].pos_ == "CCONJ":
        return False  # "think this way and I can attest ...": a coordinated clause, not a complement
    if c.i < c.head.i and c.tag_ in ("VBN", "VBG") and not any(
            a.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for a in c.children):
        return False  # "Asked whether he would run, he said maybe": a participle, not what was said
    if verb.clause_mark is not None:
        if marks and marks[0] not in verb.clause_mark:
            return False
        left = c.doc[_subtree_range(c, c.sent.start, c.sent.end)[0]]
        if left.lower_ in _WH and "that" not in marks:
            return False  # 'the vote showed how quickly ...': not a proposition
        if not marks and "" not in verb.clause_mark and not any(
                m.lower_ == "that" for m in c.subtree if m.i < c.i and m.dep_ in ("mark", "")):
            return False
    if verb.kind != "speech" and c.tag_ in ("VBG", "VBN") and not any(
            a.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for a in c.children):
        return False  # 'the ad shows McCollum speaking': a picture, not a proposition
    if verb.kind == "evidence":
        if any(k.dep_ == "dobj" for k in c.head.children):
            return False  # 'showed no signs ...'
        evidence = lex is not None and any(s.dep_ == "nsubj" and s.lemma_.lower() in lex.evidence_nouns
                                           for s in c.head.children)
        if c.tag_ in ("VBG", "VB") and not evidence and not any(a.dep_ in ("aux", "auxpass") for a in c.children):
            return False  # 'a video showed Spencer shouting ...' (but 'a poll shows Clinton leading ...')
    return True


def _object_ok(obj: Token, verb: CueVerb) -> bool:
    """Whether a noun-phrase object can be what is claimed ('denied the White House' is not)."""
    if verb.np_heads is not None and obj.lemma_.lower() not in verb.np_heads and obj.lower_ not in verb.np_heads:
        return False
    if verb.np_person_ok:
        return True
    if obj.lower_ in _PERSON_OBJECTS:
        return False
    if obj.pos_ == "PROPN" or obj.ent_type_ in _NAMED:
        # a named actor or place, unless the phrase goes on ("Assad's removal", "Russia's role in ...")
        return any(c.dep_ == "case" for c in obj.children) and obj.head.pos_ == "NOUN"
    return True


def _finite_conjuncts(tok: Token) -> list[Token]:
    """Finite verbs coordinated with an infinitive ('to be intoxicated and discovered ...'): another clause."""
    return [c for c in tok.children if c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP")]


def _cut_clause_conjunct(doc: Doc, obj: Token, j: int, hi: int) -> int:
    """End of an object phrase before a conjunct that is the subject of the next verb.

    "denied the allegation and the Georgian television stations reported that ...": the parser
    coordinates 'stations' with 'allegation'; a conjunct followed by a finite verb starts a clause.
    """
    for c in obj.children:
        if c.dep_ == "conj" and c.i + 1 < hi and doc[c.i + 1].tag_ in ("VBD", "VBZ", "VBP", "MD"):
            start = _subtree_range(c, obj.i, hi)[0]
            while start - 1 > obj.i and (doc[start - 1].dep_ == "cc" or doc[start - 1].is_punct):
                start -= 1
            return min(j, start)
    return j


def _dep_content(tok: Token, verb: CueVerb, lo: int, hi: int, lex: CueLexicon
                 ) -> tuple[list[tuple[int, int]], Token | None, list[str], str | None]:
    """Token ranges of the content, the addressee token, notes, and the frame that licensed the content."""
    doc = tok.doc
    kids = [c for c in tok.children if lo <= c.i < hi]
    ranges: list[tuple[int, int]] = []
    addressee: Token | None = None
    notes: list[str] = []
    frames = verb.frames
    licensed: str | None = None
    if "clause" in frames:
        for c in kids:
            if c.dep_ == "ccomp" and _clause_ok(c, verb, lex):
                i, j = _subtree_range(c, lo, hi)
                if j <= tok.i and any(doc[k].text in (":", "–", "—") for k in range(j - 1, tok.i)):
                    continue  # "READ MORE: X vows ...": a colon, not a reported clause
                ranges.append((i, j))
        if ranges:
            licensed = "clause"
            for c in kids:  # "said that A ... but that B"
                if c.dep_ == "conj" and c.i > tok.i and any(m.lower_ == "that" and m.dep_ == "mark"
                                                             for m in c.children):
                    ranges.append(_subtree_range(c, lo, hi))
        if not ranges and tok.dep_ == "parataxis" and lo <= tok.head.i < hi:
            head = tok.head  # "The violence, she also said, was at its worst"
            i, j = _subtree_range(head, lo, hi)
            ranges.append((i, j))
            licensed = "clause"
            notes.append("content interrupted by the attribution")
    if not ranges and "obj_to" in frames:
        # "expected local governments to take ...", "believed Wilson to be intoxicated"
        objs = [c for c in kids if c.dep_ == "dobj" and c.i > tok.i]
        for c in kids:
            if c.dep_ in ("xcomp", "ccomp", "oprd") and objs and c.i > objs[0].i and any(
                    a.lower_ == "to" for a in c.children):
                ranges.append((_subtree_range(objs[0], lo, hi)[0],
                               _subtree_range(c, lo, hi, _finite_conjuncts(c))[1]))
                licensed = "obj_to"
                break
            if c.dep_ == "ccomp" and c.i > tok.i and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) \
                    and any(a.dep_ == "nsubj" for a in c.children):
                ranges.append(_subtree_range(c, lo, hi))  # "want Congress to act" parsed as a clause
                licensed = "obj_to"
                break
    if not ranges and "to" in frames:
        for c in kids:
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children):
                ranges.append(_subtree_range(c, lo, hi, _finite_conjuncts(c)))
                licensed = "to"
    if not ranges and "np" in frames:
        for c in kids:
            if c.dep_ == "dobj" and c.lower_ not in _RELATIVE and (c.lower_ != "what" or (verb.np_person_ok and any(
                    k.dep_ in ("relcl", "ccomp", "acl") for k in c.children))):
                if any(k.dep_ in ("dobj", "dative") and (k.lemma_.lower() in verb.np_stop or k.lower_ in verb.np_stop)
                       for k in kids):     # "denied the journalists *access*": either object marks the sense
                    return [], None, ["object marks another sense"], None
                i, j = _subtree_range(c, lo, hi)
                j = _cut_clause_conjunct(doc, c, j, hi)
                if any(doc[k].text in (":", "–", "—", "-", "|") for k in range(tok.i + 1, i)):
                    continue  # "talks rejected - live blog": a dash, not an object
                preps = [p for p in kids if p.dep_ == "prep" and p.lower_ in frames and p.i > c.i]
                if verb.np_requires_prep:
                    preps += [p for p in c.children if p.dep_ == "prep" and p.lower_ in verb.np_requires_prep]
                    if not any(p.lower_ in verb.np_requires_prep for p in preps):
                        return [], None, ["object marks another sense"], None
                elif not _object_ok(c, verb):
                    return [], None, ["object marks another sense"], None
                # "denied any politics behind the arrest": a prepositional phrase the parser hung on the verb
                preps += [p for p in kids if p.dep_ == "prep" and p.lower_ in _OBJECT_PREPS and p.i == j]
                for p in preps:  # accused X of ..., blamed X for ..., described X as ...
                    j = max(j, _subtree_range(p, lo, hi)[1])
                ranges.append((i, j))
                licensed = "np"
                break
    if not ranges:
        for c in kids:
            if c.dep_ in ("prep", "prt") and c.lower_ in frames and c.lower_ != "to":
                objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
                if objs:
                    i, j = _subtree_range(c, lo, hi)
                    for k in kids:  # "call for a monument sign and landscaping to ...": 'landscaping' on the verb
                        if k.dep_ == "conj" and k.tag_ in ("NN", "NNS", "NNP", "NNPS", "VBG") and j < k.i <= j + 2 and all(
                                doc[m].dep_ == "cc" or doc[m].is_punct for m in range(j, k.i)):
                            j = _subtree_range(k, lo, hi)[1]
                    ranges.append((i + 1, j))
                    licensed = c.lower_
                    break
    if verb.addressee:
        for c in kids:
            if c.dep_ in ("dobj", "dative") and (ranges == [] or c.i < ranges[0][0]):
                if not any(r[0] <= c.i < r[1] for r in ranges):
                    addressee = c
                    break
            if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and verb.lemma in ("call", "appeal") \
                    and tok.i < c.i <= tok.i + 2:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    addressee = objs[0]
        if addressee is not None and not ranges and "to" in frames:
            # "called on both sides to stop ...": the infinitive may hang from the addressee
            for c in list(addressee.children) + kids:
                if c.dep_ in ("xcomp", "ccomp", "acl", "relcl", "advcl") and lo <= c.i < hi and c.i > addressee.i \
                        and any(a.lower_ == "to" for a in c.children):
                    ranges.append(_subtree_range(c, lo, hi))
                    licensed = "to"
                    break
    return ranges, addressee, notes, licensed


# ---------------------------------------------------------------------------
# Frame building
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Ctx:
    doc: Doc
    lex: CueLexicon
    quotes: Sequence[Quote]
    is_actor: IsActor
    # per token of ``doc``: lower-case form, lemma, text (read once: the cue searches visit every token)
    lower: list[str] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.lower:
            strings = self.doc.vocab.strings
            self.lower = token_lowers(self.doc)
            self.lemma = [strings[h] for h in self.doc.to_array(LEMMA).tolist()]
            self.text = token_texts(self.doc)


def _quote_before(ctx: _Ctx, region_start: int, sent_start_char: int) -> Quote | None:
    """A quotation ending right before the speaker/cue and starting the sentence: '“...,” she said'."""
    text = doc_text(ctx.doc)
    for q in ctx.quotes:
        if q.single or q.end > region_start:
            continue
        between = text[q.end:region_start]
        if between.strip(" ,–—-") != "":
            continue
        if text[q.inner_start:q.inner_end].rstrip().endswith(".") and "\n" not in text[q.inner_start:q.inner_end] \
                and not text[q.end:region_start].strip():
            # '“… bonuses.” While the House legislation calls for …': a quotation closed by a full stop
            # ends its sentence; the cue after it starts another ('“…,” he said' has a comma)
            if not re.match(r"\s*(?:[a-z]|(?:he|she|they|it|we|I)\b)", text[q.end:q.end + 8]):
                continue
        before = text[max(0, sent_start_char - 1) if q.start >= sent_start_char else q.start:q.start]
        if q.start < sent_start_char or before.strip(" \t\"”“") == "":
            return q
    return None


def _quote_after(ctx: _Ctx, after_char: int, para_end: int) -> Quote | None:
    """A quotation right after the cue clause: 'told Al Jazeera: "..."'."""
    text = doc_text(ctx.doc)
    for q in ctx.quotes:
        if q.single or q.start < after_char or q.start > para_end:
            continue
        between = text[after_char:q.start]
        if re.fullmatch(r"\s*[:,]?\s*(?:that\s*)?", between):
            return q
        return None
    return None


def _para_end(text: str, pos: int) -> int:
    soft = soft_breaks(text)
    n = text.find("\n", pos)
    while n in soft:
        n = text.find("\n", n + 1)
    return len(text) if n < 0 else n


def _frame_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence token ranges, cut at line breaks except those that only wrap a paragraph."""
    return sentence_ranges(doc, keep=soft_breaks(doc_text(doc)))


def _region_of(tok: Token, speaker: tuple[int, int] | None, content_ranges: Sequence[tuple[int, int]],
               lo: int, hi: int, quotes: Sequence[Quote] = ()) -> tuple[int, int]:
    """Token range of the frame: speaker, cue and the cue's non-content dependents."""
    doc = tok.doc
    idx = [tok.i]
    if speaker:
        idx += [speaker[0], speaker[1] - 1]
    in_content = set()
    for i, j in content_ranges:
        in_content.update(range(i, j))
    for c in tok.children:
        if not lo <= c.i < hi or c.i in in_content or c.dep_ in _CONTENT_DEPS or c.dep_ in _SUBJ:
            continue
        if c.dep_ == "mark" and c.i < tok.i:
            continue  # "said that he hoped ...": the "that" belongs to the outer content
        that_clauses = [d for d in c.subtree if d.dep_ in ("relcl", "acl", "ccomp") and d.i > tok.i
                        and d.left_edge.lower_ == "that" and d.left_edge.i > c.i]
        i, j = _subtree_range(c, lo, hi, that_clauses)
        gap = range(min(j, tok.i + 1), max(i, tok.i))
        if any(doc[k].text in (":", "–", "—", ";") for k in gap):
            continue  # across a colon or dash: another part of the line
        if any(k in in_content for k in range(i, j)):
            continue
        a, b = _chars(doc, i, j)
        if any(q.inner_start < b and a < q.inner_end for q in quotes):
            continue  # a quoted clause the parser hung elsewhere is content, not frame
        idx += [i, j - 1]
    for c in tok.children:  # auxiliaries/negation/particles right next to the verb
        if c.dep_ in ("aux", "auxpass", "neg", "prt", "advmod") and lo <= c.i < hi:
            idx.append(c.i)
    return min(idx), max(idx) + 1


def _subjunctive(doc: Doc, rng: tuple[int, int], cue: Token) -> bool:
    """'that he modify his proposal': a base-form verb with its own subject and no auxiliary."""
    heads = [c for c in cue.children if c.dep_ == "ccomp" and rng[0] <= c.i < rng[1]]
    if not heads:
        return False
    v = heads[0]
    subj = [c for c in v.children if c.dep_ == "nsubj"]
    return (v.tag_ == "VB" and bool(subj) and subj[0].lower_ not in ("i", "you", "we", "they")
            and not any(c.dep_ in ("aux", "auxpass", "neg") for c in v.children)
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in v.children))


def _not_a_speech_act(tok: Token, subj: Token) -> bool:
    """A cue that reports nobody's statement: 'No group has admitted ...', 'if you reject ...', 'I think'.

    A first- or second-person subject outside a quotation is the quoted speaker's own words run on
    (news prose does not say "I"); a conditional clause states no claim.
    """
    if subj.lower_ in _NO_SPEAKER or any(c.dep_ == "det" and c.lower_ in _NO_SPEAKER for c in subj.children):
        return True
    if subj.lower_ in _FIRST_SECOND:
        return True
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in cur.children) and cur.dep_ in (
                "advcl", "ccomp", "csubj"):
            return True
        if cur.dep_ not in ("conj", "xcomp", "advcl", "ccomp") or cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _verb_frame(ctx: _Ctx, tok: Token, verb: CueVerb, lo: int, hi: int) -> Frame | None:
    """A frame for a reporting verb in a parsed sentence."""
    doc, lex = ctx.doc, ctx.lex
    if tok.pos_ not in ("VERB",) or tok.dep_ in ("amod", "compound"):
        return None
    if _in_non_claim_phrase(doc, tok, lex):
        return None
    cue_end = tok.i + 1
    if verb.requires_prep:
        preps = [c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in verb.requires_prep
                 and tok.i < c.i <= tok.i + 2]
        if not preps:
            return None
        cue_end = preps[0].i + 1 if preps[0].i == tok.i + 1 else cue_end
    if tok.tag_ == "VBN" and tok.dep_ != "conj" and not any(
            c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children):
        # "The attack, condemned by the White House, ...": a reduced passive names its speaker
        return _reduced_passive_frame(ctx, tok, verb, lo, hi)  # "talks rejected": a participle, no speech act
    prev = next((doc[k] for k in range(tok.i - 1, lo - 1, -1) if not doc[k].is_space), None)
    if tok.tag_ in ("VBD", "VBN") and prev is not None and prev.tag_ in ("IN", "TO", "DT") and not any(
            c.dep_ in _SUBJ for c in tok.children):
        return None  # "due to reported shelling", "the alleged attack"
    if tok.lemma_ == "say" and tok.dep_ == "pcomp" and tok.head.lower_ == "as" and \
            tok.head.head.lemma_ in ("quote", "cite"):
        return None  # "quoted as saying": part of the quote frame
    stance = verb.stance
    notes: list[str] = []
    if _is_negated(tok, lex):
        neg = lex.negated_stance.get(verb.lemma)
        if neg is None:
            return None
        stance = neg
        notes.append(f"negated cue: stance {neg}")
    kids = [c for c in tok.children if lo <= c.i < hi]
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    relays: list[tuple[int, int]] = []
    subj: Token | None = None
    inherited = sibling = False
    extra_subjects: list[Token] = []
    as_saying = "as" in ctx.lower[lo:hi] and any(     # the subtree is walked only when the sentence has an "as"
        t.lower_ == "as" and t.dep_ == "prep" for t in tok.subtree if lo <= t.i < hi)
    if verb.relay_construction and (passive or as_saying):
        # "X was quoted (by Y) as saying", "Y quoted/cited X as saying"
        if passive:
            pas = [c for c in kids if c.dep_ == "nsubjpass"]
            subj = pas[0] if pas else None
        else:
            objs = [c for c in kids if c.dep_ == "dobj"]
            subjs = [c for c in kids if c.dep_ in _SUBJ]
            if objs:
                subj = objs[0]
                if subjs:
                    relays.append(_np_range(subjs[0], lo, hi))
            elif subjs:
                subj = subjs[0]
        for t in tok.subtree:
            if lo <= t.i < hi and t.dep_ in ("agent", "prep") and t.lower_ == "by" and (
                    t.head.i == tok.i or t.head.lemma_ == "say"):
                objs = [o for o in t.children if o.dep_ == "pobj"]
                if objs:
                    relays.append(_np_range(objs[0], lo, hi))
    elif passive:
        agents = [c for c in kids if c.dep_ == "agent"]
        objs = [o for a in agents for o in a.children if o.dep_ == "pobj"]
        if not objs:
            return None  # "was reported": the speaker is not named
        subj = objs[0]
    else:
        subjs = [c for c in kids if c.dep_ in _SUBJ]
        subj = min(subjs, key=lambda c: abs(c.i - tok.i)) if subjs else None
        if len(subjs) > 1 and subj is not None:
            # "Macron, Putin call for ...", "AKP co - chairman calls": one subject split in several
            for other in sorted((c for c in subjs if c.i < subj.i), key=lambda c: -c.i):
                left = extra_subjects[0] if extra_subjects else subj
                o_i, o_j = _np_range(other, lo, hi)
                gap = doc[o_j:_np_range(left, lo, hi)[0]]
                if o_j - o_i <= 5 and all(t.text in (",", "and", "-", "&") or t.is_space for t in gap):
                    extra_subjects.insert(0, other)
                else:
                    break
        if subj is None and tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl", "dep", "ccomp",
                                         "parataxis"):
            subj, sibling = _climb_subject(tok, lo, hi, lex)
            if subj is not None:
                inherited = True
                notes.append("speaker taken from the governing clause")
    if subj is not None and subj.lower_ in _RELATIVE and tok.dep_ == "relcl" and lo <= tok.head.i < hi:
        subj = tok.head
    subj_clause: Token | None = None
    if subj is None and not passive:
        # "The latest US newspaper to break with tradition said ...": the subject hangs on the infinitive
        for c in kids:
            if c.dep_ in ("ccomp", "csubj") and c.i < tok.i and any(a.lower_ == "to" and a.dep_ == "aux"
                                                                    for a in c.children):
                inner = [x for x in c.children if x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN")]
                if inner:
                    subj = inner[0]
                    subj_clause = c
                    notes.append("speaker: the subject of an infinitive the parser hung on the cue")
                    break
    if subj is None:
        if tok.tag_ in ("VBD", "VBZ", "VBP") and not passive:
            # the parse hangs the subject outside the sentence (a heading joined to the paragraph)
            return _pattern_frame(ctx, tok, verb, lo, hi, left_only=True)
        return None
    if (subj.pos_ == "VERB" and not (subj.dep_ == "nsubj" and subj.text[:1].isupper() and subj.i > lo)) \
            or subj.lower_ in ("there", "what"):
        return None  # a clausal subject; a capitalised name tagged as a verb ('Eyking said') is kept
    if _not_a_speech_act(tok, subj):
        return None
    if tok.dep_ in ("acl", "relcl") and inherited and any(a.lower_ == "to" and a.dep_ == "aux"
                                                          for a in tok.children):
        return None  # "the best time to ask for more money", "efforts to repair ties": no one asks
    if verb.kind != "speech" and tok.dep_ == "relcl" and subj.i == tok.head.i and subj.pos_ == "NOUN" and not any(
            c.dep_ in ("det", "poss", "nummod") for c in subj.children):
        return None  # "Property owners who want to allow vendors ... must pay": generic, nobody's wish
    ranges, addressee, cnotes, licensed = _dep_content(tok, verb, lo, hi, lex)
    if subj_clause is not None:
        ranges = [r for r in ranges if not r[0] <= subj_clause.i < r[1]]
    if cnotes and cnotes[0] == "object marks another sense":
        return None
    notes += cnotes
    if licensed is not None and stance == verb.stance:
        stance = verb.stance_for(licensed)
    if stance == "assert" and licensed == "clause" and ranges and _subjunctive(doc, ranges[0], tok):
        stance = "demand"  # "insisted that he modify his proposal": a demand
        notes.append("stance demand: subjunctive complement")
    if verb.relay_construction and not ranges and not as_saying:
        objs = [c for c in kids if c.dep_ == "dobj" and c.i > tok.i]
        if objs and _a_source(objs[0]):
            return None  # "Al-Ahram reported, citing *the health ministry*": whom it cites, not what
        if objs:  # "citing “statistical anomalies”": what is cited
            ranges = [_subtree_range(objs[0], lo, hi)]
    if verb.relay_construction:
        # content of "as saying": the clause or quote under "saying"
        for t in tok.subtree:
            if lo <= t.i < hi and t.lemma_ == "say" and t.i != tok.i:
                for c in t.children:
                    if c.dep_ == "ccomp" and lo <= c.i < hi:
                        ranges = [_subtree_range(c, lo, hi)]
    sp_i, sp_j = _np_range(subj, lo, hi)
    if extra_subjects:
        sp_i = min(sp_i, _np_range(extra_subjects[0], lo, hi)[0])
    frame = Frame(kind="verb", lemma=verb.lemma, stance=stance, sent=(lo, hi), cue_tok=tok.i,
                  cue=_chars(doc, tok.i, cue_end), region=(0, 0), speaker=_chars(doc, sp_i, sp_j),
                  speaker_head=_chars(doc, subj.i, subj.i + 1), relays=[_chars(doc, *r) for r in relays if r[1] > r[0]],
                  notes=notes, parsed=True, channel=verb.channel)
    frame.collective = _collective(subj, lex) or (
        bool(extra_subjects) and all(c.pos_ == "PROPN" for c in extra_subjects + [subj]))
    if frame.collective:
        frame.members = [_chars(doc, m.i, m.i + 1) for m in extra_subjects + _members(subj)]
    # the speaker NP may carry "quoted by Russian media"
    for c in subj.children:
        if c.dep_ == "acl" and c.lemma_ == "quote":
            for a in c.children:
                if a.dep_ in ("agent", "prep") and a.lower_ == "by":
                    for o in a.children:
                        if o.dep_ == "pobj":
                            frame.relays.append(_chars(doc, *_np_range(o, lo, hi)))
    region = _region_of(tok, None if inherited else (sp_i, sp_j), ranges, lo, hi, ctx.quotes)
    frame.region = _chars(doc, *region)
    frame.speaker_inherited = inherited
    object_control = tok.dep_ == "pcomp" and subj.dep_ == "dobj" and subj.head.i == tok.head.head.i
    if (inherited and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "pcomp", "conj") and not object_control) \
            or sibling:
        frame.adjunct = True  # "..., claiming ...": the same speaker goes on, not a nested report
    if addressee is not None:
        ai, aj = _np_range(addressee, lo, hi)
        frame.addressee = _chars(doc, ai, aj)
    if tok.dep_ in ("advcl", "relcl") and any(c.dep_ == "mark" and c.lower_ in _ADJUNCT_MARKS
                                               for c in tok.children):
        frame.adjunct = True
    if tok.dep_ == "relcl":
        frame.adjunct = True
        left = doc[_subtree_range(tok, lo, hi)[0]]
        # "a question that she said ...": part of the outer content; ", which both sides want ...": not
        frame.relative = left.i == 0 or doc[left.i - 1].text != ","
        if any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in tok.children) and not ranges:
            frame.relative_object = True
    if (verb.agentive or (not ranges and "np" in verb.frames)) and not _is_agent(subj, lex, ctx.is_actor):
        if not (subj.lower_ == "it" and not verb.agentive):
            return None
    _attach_content(ctx, frame, ranges, verb, region)
    if frame.content is None and not frame.relative_object:
        return None
    return frame


def _attach_content(ctx: _Ctx, frame: Frame, ranges: Sequence[tuple[int, int]], verb: CueVerb | None,
                    region: tuple[int, int]) -> None:
    """Pick the content: adjacent quotation first, then the parse/pattern ranges, then the surface."""
    doc = ctx.doc
    lo, hi = frame.sent
    sent_start_char = doc[lo].idx
    para_end = _para_end(doc_text(doc), frame.region[1])
    quote: Quote | None = None
    frames = verb.frames if verb is not None else frozenset({"clause", "quote"})
    speechlike = verb is None or verb.kind == "speech" or "quote" in frames
    if speechlike and ("quote" in frames or "clause" in frames):
        quote = _quote_before(ctx, frame.region[0], sent_start_char)
        if quote is None:
            after = frame.region[1]
            if frame.addressee is not None:
                after = max(after, frame.addressee[1])
            q2 = _quote_after(ctx, after, para_end)
            if q2 is not None and (not ranges or _chars(doc, *ranges[0])[0] >= q2.start - 2):
                quote = q2
    if quote is not None:
        frame.quote = quote
        frame.content = (quote.inner_start, quote.inner_end)
        if quote.note:
            frame.notes.append(quote.note)
        return
    if ranges:
        cue = frame.cue_tok
        if min(r[0] for r in ranges) <= cue < max(r[1] for r in ranges):
            # "Morneau has said ... and, on his way in, he told reporters that ...": the parse hung an
            # earlier clause on the cue too; the content is on one side of its cue
            after = [r for r in ranges if r[0] > cue]
            ranges = after or [r for r in ranges if r[1] <= cue] or ranges
        i = min(r[0] for r in ranges)
        j = max(r[1] for r in ranges)
        i, j = _strip_tokens(doc, i, j)
        if i < j:
            frame.content = _chars(doc, i, j)
    elif verb is not None and ("clause" in frames or "quote" in frames):
        # word order alone reads speech verbs only: an attitude or evidence cue needs its clause in the
        # parse, or must close the sentence ('His convictions date to 1985, SLED records show.')
        frame.content = _surface_content(doc, region, lo, hi, frame, quote_only="clause" not in frames,
                                         left_only=verb.kind != "speech")
    if frame.content is not None:
        frame.content = _extend_over_quotes(ctx, frame.content)


def _surface_content(doc: Doc, region: tuple[int, int], lo: int, hi: int, frame: Frame,
                     quote_only: bool = False, left_only: bool = False) -> Span | None:
    """Content from word order alone: '<content>, X said.' or 'X said (that) <content>'.

    ``quote_only`` (cues such as "continued"): only '<content with a quote>, X continued.'
    """
    r_i, r_j = region
    tail = [t for t in doc[r_j:hi] if not (t.is_punct or t.is_space)]
    head = [t for t in doc[lo:r_i] if not (t.is_punct or t.is_space)]
    before = [t for t in doc[lo:r_i] if not t.is_space]
    comma_before = bool(before) and before[-1].text in (",", "”", '"', "’", "''", "—", "–")
    tail_ok = not tail or (len(tail) == 1 and (tail[0].ent_type_ in ("DATE", "TIME") or tail[0].lower_ in _TIME_WORDS))
    if head and head[0].tag_ in ("VBN", "VBG") and head[0].dep_ == "advcl":
        return None  # "Asked whether he would run, he said maybe": the question, not the answer
    if left_only and frame.parsed and any(c.dep_ == "dobj" for c in doc[frame.cue_tok].children):
        return None  # "..., the government showed no signs ...": an object, not a sentence-final cue
    if len(head) >= 3 and len(tail) <= 1 and comma_before and tail_ok:
        i, j = _strip_tokens(doc, lo, r_i)
        if quote_only and not any(_is_quote_tok(t) for t in doc[i:j]):
            return None
        return _chars(doc, i, j) if i < j else None
    if quote_only or left_only:
        return None
    if frame.parsed and any(c.dep_ == "dobj" for c in doc[frame.cue_tok].children):
        return None  # "will announce his program": an object, not a reported clause
    cue_tok = doc[frame.cue_tok]
    if frame.parsed and cue_tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _ADJUNCT_MARKS for c in cue_tok.children):
        return None  # "since The Miami Herald wrote about them, McCollum said ...": not what the Herald wrote
    k = _skip_adjuncts(doc, r_j, hi)
    if k < hi and len([t for t in doc[k:hi] if not t.is_punct]) >= 3:
        i, j = _strip_tokens(doc, k, hi)
        while j > i and doc[j - 1].text in (".", "!", "?"):
            j -= 1  # the sentence's full stop (a quoted one is followed by its closing mark)
        if i < j:
            return _chars(doc, i, j)
    if len(head) >= 3 and comma_before:
        i, j = _strip_tokens(doc, lo, r_i)
        return _chars(doc, i, j) if i < j else None
    return None


def _skip_adjuncts(doc: Doc, i: int, hi: int) -> int:
    """Skip '(also) on Thursday', 'in a statement', 'on Twitter' after a cue; stop after 'that'."""
    for k in range(i, min(hi, i + 12)):
        if doc[k].lower_ == "that":
            return k + 1
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (",", ":"):
            break
    k = i
    while k < hi:
        t = doc[k]
        if t.lower_ in _TIME_WORDS or t.ent_type_ in ("DATE", "TIME"):
            k += 1
            continue
        if t.pos_ == "ADP" and t.lower_ in ("on", "in", "at", "during", "via", "through", "to", "after", "before"):
            m = k + 1
            while m < hi and doc[m].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") and \
                    doc[m].lower_ != "that":
                m += 1
            if m > k + 1:
                k = m
                continue
        break
    if k < hi and doc[k].text in (",", ":"):
        k += 1
    return k


def _extend_over_quotes(ctx: _Ctx, content: Span) -> Span:
    """A content that opens a quotation runs to its end (quotes cross sentence splits)."""
    start, end = content
    text = doc_text(ctx.doc)
    for q in ctx.quotes:
        if not q.single and q.closed and end <= q.start <= end + 2 and not text[end:q.start].strip() and \
                text[q.inner_start:q.inner_start + 1].islower():
            end = q.end  # "... an attempt to damage ties “and to thwart a peace process ...”"
            break
    for q in ctx.quotes:
        if start <= q.start < end and q.end > end and not q.single:
            end = q.inner_end if q.closed is False else q.end
        if q.inner_start <= start < q.inner_end and q.end > end and start - q.inner_start <= 1:
            end = max(end, q.end)
    return start, end


# ---------------------------------------------------------------------------
# Frames without a parse
# ---------------------------------------------------------------------------


def _left_np(doc: Doc, k: int, lo: int) -> tuple[int, int] | None:
    """Noun-phrase tokens just left of token ``k``.

    Skips adverbs/auxiliaries next to the verb, a parenthetical adverb
    ("Steinmeier, meanwhile, called") and an apposition ("Maria Titzian, a
    lecturer at ..., told"): the speaker span then runs from the name to the
    comma before the verb.
    """
    j = k
    while j - 1 >= lo and (doc[j - 1].pos_ in ("ADV", "AUX") or doc[j - 1].lower_ in _TIME_WORDS
                           or doc[j - 1].lower_ in ("not", "n't")):
        j -= 1
    if j - 3 >= lo and doc[j - 1].text == "," and doc[j - 3].text == "," and doc[j - 2].pos_ == "ADV":
        j -= 3
    end = j
    if j - 1 >= lo and doc[j - 1].text == ",":
        commas = [m for m in range(j - 2, max(lo, j - 16) - 1, -1) if doc[m].text == ","]
        if not commas:
            return None
        j = commas[0]
    i = j
    while i - 1 >= lo and _nominal(doc[i - 1]):
        i -= 1
    if i >= j:
        return None
    return (i, end) if end > j else (i, j)


def _right_np(doc: Doc, k: int, hi: int) -> tuple[int, int] | None:
    i = j = k
    while j < hi and _nominal(doc[j]):
        j += 1
    return (i, j) if i < j else None


def _nominal(tok: Token) -> bool:
    if tok.pos_:
        if tok.pos_ == "VERB" and tok.text[:1].isupper() and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN":
            return True  # "Mark Eyking" with the surname tagged as a verb
        return tok.pos_ in _NOMINAL or tok.text in ("-", "'s", "’s")
    return tok.text[:1].isupper() or tok.lower_ in _PERSONAL or tok.lower_ in ("the", "a", "an", "'s", "’s")


def _pattern_frame(ctx: _Ctx, tok: Token, verb: CueVerb, lo: int, hi: int, left_only: bool = False
                   ) -> Frame | None:
    """A frame for a reporting verb in a sentence without a parse (token patterns)."""
    doc, lex = ctx.doc, ctx.lex
    if tok.pos_ and tok.pos_ not in ("VERB",):
        return None
    if _in_non_claim_phrase(doc, tok, lex):
        return None
    cue_end = tok.i + 1
    if verb.requires_prep:
        if tok.i + 1 >= hi or doc[tok.i + 1].lower_ not in verb.requires_prep:
            return None
        cue_end = tok.i + 2
    prev = [doc[k].lower_ for k in range(max(lo, tok.i - 3), tok.i)]
    stance = verb.stance
    notes = ["parse: token patterns (no usable parse for the speaker)" if left_only
             else "parse: token patterns (sentence not parsed)"]
    if any(w in lex.negators for w in prev):
        neg = lex.negated_stance.get(verb.lemma)
        if neg is None:
            return None
        stance = neg
        notes.append(f"negated cue: stance {neg}")
    passive = bool(prev) and prev[-1] in ("was", "were", "is", "are", "been", "be", "being")
    relays: list[Span] = []
    speaker: tuple[int, int] | None = None
    if passive and not verb.relay_construction:
        if cue_end < hi and doc[cue_end].lower_ == "by":
            speaker = _right_np(doc, cue_end + 1, hi)
            cue_end_region = speaker[1] if speaker else cue_end
        else:
            return None
    else:
        aux_skip = tok.i
        while aux_skip - 1 >= lo and (doc[aux_skip - 1].pos_ in ("AUX", "ADV") or doc[aux_skip - 1].lower_ in (
                "not", "n't", "also", "later", "earlier", "never")):
            aux_skip -= 1
        speaker = _left_np(doc, aux_skip, lo)
        after_quote = aux_skip - 1 >= lo and (doc[aux_skip - 1].text in ("”", '"', "''") or (
            doc[aux_skip - 1].text == "," and aux_skip - 2 >= lo and _is_quote_tok(doc[aux_skip - 2])))
        right = _right_np(doc, cue_end, hi)
        if aux_skip - 1 >= lo and doc[aux_skip - 1].text == "," and right is not None and \
                doc[right[0]].text[:1].isupper() and all(t.is_punct or t.is_space for t in doc[right[1]:hi]):
            speaker = right  # '..., said Liberal MP Mark Eyking.': the speaker follows the cue
            after_quote = False
        if (speaker is None or all(doc[k].pos_ == "DET" for k in range(*speaker))) and not left_only \
                and after_quote:
            speaker = _right_np(doc, cue_end, hi)  # '“...,” said John Smith.'
        if verb.relay_construction and cue_end < hi and doc[cue_end].lower_ == "by":
            r = _right_np(doc, cue_end + 1, hi)
            if r:
                relays.append(_chars(doc, *r))
        cue_end_region = cue_end
    if speaker is None:
        return None
    s_i, s_j = _strip_tokens(doc, *speaker)
    if s_i >= s_j:
        return None
    head_tok = doc[s_j - 1] if s_j - 1 >= s_i else doc[s_i]
    if verb.agentive and not _is_agent(head_tok, lex, ctx.is_actor):
        return None
    region = (min(s_i, tok.i), max(s_j, cue_end_region))
    frame = Frame(kind="verb", lemma=verb.lemma, stance=stance, sent=(lo, hi), cue_tok=tok.i,
                  cue=_chars(doc, tok.i, cue_end), region=_chars(doc, *region), speaker=_chars(doc, s_i, s_j),
                  speaker_head=_chars(doc, head_tok.i, head_tok.i + 1), relays=relays, notes=notes,
                  parsed=False, channel=verb.channel)
    frame.collective = any(doc[k].lower_ in ("and", "both") for k in range(s_i, s_j))
    ranges: list[tuple[int, int]] = []
    if "to" in verb.frames or "for" in verb.frames or "of" in verb.frames:
        k = cue_end
        if verb.addressee or verb.lemma in ("accuse", "blame"):
            np_ = _right_np(doc, k, hi)
            if np_ is not None:
                frame.addressee = _chars(doc, *np_) if verb.addressee else None
                k = np_[1] if verb.addressee else k
        if k < hi and (doc[k].lower_ == "to" or verb.lemma in ("accuse", "blame") or
                       doc[cue_end - 1].lower_ == "for"):
            i, j = _strip_tokens(doc, k, hi)
            if i < j:
                ranges.append((i, j))
    _attach_content(ctx, frame, ranges, verb, region)
    if frame.content is None:
        return None
    return frame


# ---------------------------------------------------------------------------
# "according to", headlines, "put the toll at", claim nouns
# ---------------------------------------------------------------------------


def _according_frames(ctx: _Ctx, lo: int, hi: int, parsed: bool) -> list[Frame]:
    doc = ctx.doc
    out: list[Frame] = []
    lower = ctx.lower
    for k in range(lo, hi - 2):
        if lower[k] != "according" or lower[k + 1] != "to":
            continue
        if _inside_quote(ctx.quotes, doc[k].idx):
            continue
        to = doc[k + 1]
        sp: tuple[int, int] | None = None
        if parsed:
            objs = [o for o in to.children if o.dep_ == "pobj"]
            if objs:
                sp = _subtree_range(objs[0], lo, hi)
                sp = (k + 2, max(sp[1], k + 3))
        if sp is None:
            j = k + 2
            while j < hi and doc[j].text not in (",", ";", ":") and not (doc[j].is_punct and j == hi - 1):
                j += 1
            sp = (k + 2, j)
        s_i, s_j = _strip_tokens(doc, *sp)
        if parsed:
            # "According to Conrad, South Africa increasingly spreads ...": the parser hung the content's
            # subject on the speaker as an apposition; the speaker ends before it
            verb = doc[k].head
            subjectless = verb.i >= s_j and verb.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)
            def opens_the_clause(t: Any) -> bool:
                # ", X," stays an apposition of the speaker ("According to the chief, John Smith, the suspect
                # fled"), unless only adverbs lie between it and the subjectless verb: then X is that verb's
                # subject ("According to a report by Patrolman James, Katrina Chappell, 24, of 12 Poplar St.,
                # allegedly left her baby ...")
                end = max(x.i for x in t.subtree) + 1
                if end >= len(doc) or doc[end].text != ",":
                    return True
                return all(doc[j].pos_ in ("ADV", "PUNCT") for j in range(end, verb.i))

            cut = [t for t in doc[s_i:s_j] if (t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= s_j)
                   or (subjectless and t.dep_ == "appos" and t.pos_ == "PROPN" and opens_the_clause(t))]
            if cut:
                s_i, s_j = _strip_tokens(doc, s_i, min(x.i for x in cut[0].subtree))
                sp = (sp[0], s_j)
        if s_i >= s_j:
            continue
        left = _strip_tokens(doc, lo, k)
        right = _strip_tokens(doc, s_j, hi)
        lw = left[1] - left[0]
        rw = right[1] - right[0]
        notes: list[str] = []
        if rw >= 3 and lw < 2:
            c_i, c_j = right
        elif lw >= 2 and rw < 3:
            c_i, c_j = left
        elif lw >= 2 and rw >= 3:
            c_i, c_j = left[0], right[1]
            notes.append("content interrupted by the attribution")
        else:
            continue
        head = doc[s_j - 1]
        if parsed:
            objs = [o for o in to.children if o.dep_ == "pobj"]
            head = objs[0] if objs else head
        if not parsed:
            notes.append("parse: token patterns (sentence not parsed)")
        frame = Frame(kind="according", lemma="according to", stance="assert", sent=(lo, hi), cue_tok=k,
                      cue=_chars(doc, k, k + 2), region=_chars(doc, k, s_j), speaker=_chars(doc, s_i, s_j),
                      speaker_head=_chars(doc, head.i, head.i + 1), notes=notes, parsed=parsed)
        if parsed:
            frame.collective = _collective(head, ctx.lex)
        frame.content = _extend_over_quotes(ctx, _chars(doc, c_i, c_j))
        out.append(frame)
    return out


_TIME_PREFIX = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*[–—-]\s*")


def _headline_frame(ctx: _Ctx, lo: int, hi: int) -> Frame | None:
    """'11:25 – Macron, Putin call for immediate ceasefire: Kremlin' (a whole line)."""
    doc = ctx.doc
    start, end = _chars(doc, lo, hi)
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _para_end(text, start)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return None  # the sentence is not the whole line
    line = text[line_start:line_end].rstrip()
    if not line or line[-1] in ".!?\"”’)":
        return None
    m = _TIME_PREFIX.match(line)
    body_start = m.end() if m else 0
    colon = line.rfind(":")
    if colon <= body_start:
        return None
    content, source = line[body_start:colon], line[colon + 1:]
    s_words, c_words = source.split(), content.split()
    if not s_words or len(s_words) > ctx.lex.headline_max_source_words or len(c_words) <= len(s_words) \
            or len(c_words) < 3 or not source.strip()[0].isupper():
        return None
    s_start = line_start + colon + 1 + (len(source) - len(source.lstrip()))
    s_end = line_start + len(line)
    c_span = _clean_chars(text, line_start + body_start, line_start + colon)
    if c_span is None:
        return None
    colon_tok = next((t for t in doc[lo:hi] if t.idx == line_start + colon), doc[lo])
    head_tok = next((t for t in reversed(doc[lo:hi]) if not t.is_punct and not t.is_space), doc[hi - 1])
    return Frame(kind="headline", lemma=":", stance="assert", sent=(lo, hi), cue_tok=colon_tok.i,
                 cue=(line_start + colon, line_start + colon + 1), region=(line_start + colon, s_end),
                 speaker=(s_start, s_end), speaker_head=(head_tok.idx, head_tok.idx + len(head_tok.text)),
                 content=c_span, notes=["headline attribution '<content>: <source>'"], parsed=False)


def _put_frames(ctx: _Ctx, lo: int, hi: int, parsed: bool) -> list[Frame]:
    """'Armenian sources have put the death toll ... at more than 200' (a claim about a count)."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    if not parsed:
        return out
    for k in range(lo, hi):
        if ctx.lower[k] not in lex.put_toll_forms:
            continue
        tok = doc[k]
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.put_toll_objects]
        ats = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"]
        subjs = [c for c in tok.children if c.dep_ in _SUBJ]
        if not (objs and ats and subjs):
            continue
        i = _subtree_range(objs[0], lo, hi)[0]
        j = _subtree_range(ats[0], lo, hi)[1]
        s_i, s_j = _np_range(subjs[0], lo, hi)
        frame = Frame(kind="put", lemma="put", stance="assert", sent=(lo, hi), cue_tok=k,
                      cue=_chars(doc, k, k + 1), region=_chars(doc, s_i, k + 1), speaker=_chars(doc, s_i, s_j),
                      speaker_head=_chars(doc, subjs[0].i, subjs[0].i + 1), content=_chars(doc, i, j),
                      parsed=True, notes=["cue 'put ... at': a claim about a count"])
        frame.collective = _collective(subjs[0], lex)
        out.append(frame)
    return out


def _noun_frames(ctx: _Ctx, outer: Frame, lo: int, hi: int) -> list[Frame]:
    """Claims named in the object of deny/reject/admit: 'denied claims by Yerevan that ...'."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    if outer.content is None or outer.stance not in ("deny", "reject", "admit", "unconfirmed"):
        return out
    c_start, c_end = outer.content
    for tok in doc[lo:hi]:
        if not (c_start <= tok.idx < c_end) or tok.pos_ != "NOUN":
            continue
        stance = lex.claim_nouns.get(tok.lemma_.lower())
        if stance is None:
            continue
        clause = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl", "appos")
                  and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)]
        if not clause:
            # the parser often hangs "that ..." on a verb inside; look for a 'that' right after the noun phrase
            continue
        i, j = _strip_tokens(doc, *_subtree_range(clause[0], lo, hi))
        if i >= j:
            continue
        speaker: tuple[int, int] | None = None
        head: Token | None = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    head = objs[0]
                    speaker = _np_range(objs[0], lo, hi)
            elif c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"):
                head = c
                speaker = (c.i, c.i + 1)
            elif c.dep_ in ("amod", "compound") and c.ent_type_ in _ENTITY_AGENTS:
                head = c
                speaker = (c.i, c.i + 1)
        notes = ["claim named in the object of a denial/rejection/admission"]
        if speaker is None:
            notes.append("speaker of the embedded claim is not named in the sentence")
        frame = Frame(kind="noun", lemma=tok.lemma_.lower(), stance=stance, sent=(lo, hi), cue_tok=tok.i,
                      cue=_chars(doc, tok.i, tok.i + 1),
                      region=_chars(doc, min(tok.i, speaker[0] if speaker else tok.i),
                                    max(tok.i + 1, speaker[1] if speaker else tok.i + 1)),
                      speaker=_chars(doc, *speaker) if speaker else None,
                      speaker_head=_chars(doc, head.i, head.i + 1) if head is not None else None,
                      content=_extend_over_quotes(ctx, _chars(doc, i, j)), notes=notes, parsed=True)
        out.append(frame)
    return out


# ---------------------------------------------------------------------------
# Cues that are not verbs of saying: reduced passives, adjectives, stance nouns, "in his view"
# ---------------------------------------------------------------------------


def _subject_of(tok: Token, lo: int, hi: int, lex: CueLexicon) -> tuple[Token | None, bool]:
    """The subject of a cue word's clause (its own, its copula's, or up the tree), and whether inherited."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    for holder in (tok, *auxes, tok.head if tok.dep_ in ("acomp", "attr", "dobj") else None):
        if holder is None or not lo <= holder.i < hi:
            continue
        subj = [c for c in holder.children if c.dep_ in (*_SUBJ, "nsubjpass") and lo <= c.i < hi]
        if subj:
            found = subj[0]
            if found.lower_ in _RELATIVE and holder.dep_ == "relcl" and lo <= holder.head.i < hi:
                found = holder.head
            return found, False
    base = tok.head if tok.dep_ in ("acomp", "dobj") else tok
    if base.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl", "dep", "ccomp", "parataxis"):
        found, _ = _climb_subject(base, lo, hi, lex)
        return found, found is not None
    return None, False


def _simple_frame(ctx: _Ctx, kind: str, lemma: str, stance: str, lo: int, hi: int, cue: tuple[int, int],
                  subj: Token, inherited: bool, content: tuple[int, int], note: str) -> Frame | None:
    """A frame from a subject token, a cue token range and a content token range (all in one sentence)."""
    doc = ctx.doc
    if subj.pos_ == "VERB" or subj.lower_ in ("there", "what", "it", "this") or _not_a_speech_act(doc[cue[0]], subj):
        return None
    if not (_is_agent(subj, ctx.lex, ctx.is_actor) or subj.pos_ in ("NOUN", "PROPN")):
        return None
    i, j = _strip_tokens(doc, *content)
    if i >= j:
        return None
    sp_i, sp_j = _np_range(subj, lo, hi)
    region_lo = min(cue[0], sp_i) if not inherited else cue[0]
    region_hi = max(cue[1], sp_j) if not inherited else cue[1]
    frame = Frame(kind=kind, lemma=lemma, stance=stance, sent=(lo, hi), cue_tok=cue[0], cue=_chars(doc, *cue),
                  region=_chars(doc, region_lo, region_hi), speaker=_chars(doc, sp_i, sp_j),
                  speaker_head=_chars(doc, subj.i, subj.i + 1), notes=[note], parsed=True,
                  speaker_inherited=inherited)
    frame.collective = _collective(subj, ctx.lex)
    if frame.collective:
        frame.members = [_chars(doc, m.i, m.i + 1) for m in _members(subj)]
    frame.content = _extend_over_quotes(ctx, _chars(doc, i, j))
    return frame


def _reduced_passive_frame(ctx: _Ctx, tok: Token, verb: CueVerb, lo: int, hi: int) -> Frame | None:
    """'The attack, condemned by the White House and the United Nations, was ...': content = the noun."""
    if tok.dep_ != "acl" or "np" not in verb.frames or not lo <= tok.head.i < hi or tok.head.pos_ not in (
            "NOUN", "PROPN") or verb.stance not in ("accuse", "assert", "reject", "deny"):
        return None  # 'a region threatened by extremists' is no threat speech
    agents = [o for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if not agents:
        return None
    head = tok.head
    if not (_object_ok(head, verb) or verb.np_person_ok):
        return None
    i, j = _subtree_range(head, lo, hi, [tok])
    j = min(j, tok.i)
    return _simple_frame(ctx, "verb", verb.lemma, verb.stance, lo, hi, (tok.i, tok.i + 1), agents[0], False,
                         (i, j), "reduced passive: the agent is the speaker, the noun it modifies the content")


def _adjective_frames(ctx: _Ctx, lo: int, hi: int) -> list[Frame]:
    """'he is concerned (that) the exemption could become a loophole', 'who's optimistic the formula ...'."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    for k in range(lo, hi):
        if ctx.lower[k] not in lex.belief_adjectives:
            continue
        tok = doc[k]
        if _inside_quote(ctx.quotes, tok.idx):
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and lo <= c.i < hi and c.i > tok.i]
        if not clauses or _is_negated(tok, lex) or _is_negated(tok.head, lex):
            continue
        copula = tok.dep_ == "acomp" and tok.head.lemma_.lower() in _COPULAS
        if not copula and not any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "be" for c in tok.children):
            continue  # "wanted to make sure they were taken care of": no attitude of a speaker
        subj, inherited = _subject_of(tok, lo, hi, lex)
        if subj is None:
            continue
        frame = _simple_frame(ctx, "adjective", tok.lower_, "assert", lo, hi, (tok.i, tok.i + 1), subj,
                              inherited, _subtree_range(clauses[0], lo, hi),
                              f"cue: the attitude adjective {tok.text!r} with a clause")
        if frame is not None:
            out.append(frame)
    return out


def _stance_noun_frames(ctx: _Ctx, lo: int, hi: int) -> list[Frame]:
    """'expressed concern about X', 'made a plea to ...', 'signaled general support for X'."""
    doc, lex = ctx.doc, ctx.lex
    nouns = lex.stance_nouns or {}
    out: list[Frame] = []
    for k in range(lo, hi):
        if ctx.lemma[k].lower() not in lex.light_verbs:
            continue
        tok = doc[k]
        if tok.pos_ != "VERB" or _inside_quote(ctx.quotes, tok.idx):
            continue
        if _is_negated(tok, lex):
            continue
        for obj in (c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns):
            if any(c.lower_ in _NO_SPEAKER for c in obj.children if c.dep_ in ("det", "amod", "advmod")):
                continue  # "made no mention of"
            content: tuple[int, int] | None = None
            holders = list(obj.children) + [c for c in tok.children if c.i > obj.i]
            for c in holders:  # a clause first: "made a plea to her colleagues to stand up against ..."
                if c.dep_ in ("acl", "relcl", "xcomp", "ccomp", "advcl") and lo <= c.i < hi and c.i > obj.i and any(
                        a.lower_ in ("to", "that") for a in c.children):
                    content = _subtree_range(c, lo, hi)
                    break
            for c in holders if content is None else ():
                if c.dep_ == "prep" and c.lower_ in lex.stance_noun_preps and lo <= c.i < hi:
                    if c.lower_ == "to" and nouns[obj.lemma_.lower()] == "demand":
                        continue  # "a plea to her colleagues": the addressee
                    objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")
                            and o.ent_type_ not in ("DATE", "TIME")]  # "a plea on Tuesday"
                    if objs:
                        i, j = _subtree_range(c, lo, hi)
                        content = (i + 1, j)
                        break
            if content is None:
                continue
            subj, inherited = _subject_of(tok, lo, hi, lex)
            if subj is None:
                continue
            frame = _simple_frame(ctx, "noun", obj.lemma_.lower(), nouns[obj.lemma_.lower()], lo, hi,
                                  (tok.i, obj.i + 1), subj, inherited, content,
                                  f"cue: {tok.text} {obj.text} (a stance noun)")
            if frame is not None:
                out.append(frame)
    return out


def _view_frames(ctx: _Ctx, lo: int, hi: int) -> list[Frame]:
    """'In his view the permit only applies to ...': like 'according to', the possessor is the speaker."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    for k in range(lo, hi - 2):
        if ctx.lower[k] != "in" or _inside_quote(ctx.quotes, doc[k].idx):
            continue
        if doc[k + 2].lemma_.lower() in lex.view_nouns and doc[k + 1].tag_ in ("PRP$",):
            sp, cue_end = (k + 1, k + 2), k + 3
        elif doc[k + 1].lower_ == "the" and k + 4 < hi and doc[k + 2].lemma_.lower() in lex.view_nouns and \
                doc[k + 3].lower_ == "of":
            j = k + 4
            while j < hi and doc[j].text not in (",", ";", ":") and doc[j].pos_ in ("PROPN", "NOUN", "DET", "ADJ"):
                j += 1
            sp, cue_end = (k + 4, j), j
        else:
            continue
        if sp[0] >= sp[1]:
            continue
        left = _strip_tokens(doc, lo, k)
        right = _strip_tokens(doc, cue_end, hi)
        if right[1] - right[0] >= 3 and left[1] - left[0] < 2:
            c_i, c_j = right
        elif left[1] - left[0] >= 3:
            c_i, c_j = left
        else:
            continue
        while c_j > c_i and doc[c_j - 1].text in (".", "!", "?"):
            c_j -= 1
        head = doc[sp[1] - 1]
        frame = Frame(kind="according", lemma="in the view of", stance="assert", sent=(lo, hi), cue_tok=k,
                      cue=_chars(doc, k, cue_end), region=_chars(doc, k, max(cue_end, sp[1])),
                      speaker=_chars(doc, *sp), speaker_head=_chars(doc, head.i, head.i + 1),
                      notes=["cue: 'in <someone's> view'"], parsed=True)
        frame.content = _extend_over_quotes(ctx, _chars(doc, c_i, c_j))
        out.append(frame)
    return out


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def find_frames(doc: Doc, lex: CueLexicon, quotes: Sequence[Quote], is_actor: IsActor) -> list[Frame]:
    """Every attribution frame in the document, sentence by sentence, in text order."""
    ctx = _Ctx(doc, lex, quotes, is_actor)
    frames: list[Frame] = []
    rows = _parse_rows(doc) if doc.has_annotation("DEP") else None
    for lo, hi in _frame_sentences(doc):
        parsed = rows is not None and hi > lo and _rows_parsed(rows[lo:hi])     # sentence_is_parsed
        head = _headline_frame(ctx, lo, hi)
        if head is not None:
            frames.append(head)
        frames.extend(_according_frames(ctx, lo, hi, parsed))
        frames.extend(_put_frames(ctx, lo, hi, parsed))
        if parsed:
            frames.extend(_adjective_frames(ctx, lo, hi))
            frames.extend(_stance_noun_frames(ctx, lo, hi))
            frames.extend(_view_frames(ctx, lo, hi))
        for k in range(lo, hi):
            verb = lex.verb_for(ctx.lemma[k], ctx.text[k])
            if verb is None:
                continue
            tok = doc[k]
            q = _inside_quote(quotes, tok.idx)
            if q is not None and q.closed:
                continue  # speech inside a quotation belongs to the quoted speaker
            frame = _verb_frame(ctx, tok, verb, lo, hi) if parsed else _pattern_frame(ctx, tok, verb, lo, hi)
            if frame is None:
                continue
            frames.append(frame)
            if parsed:
                frames.extend(_noun_frames(ctx, frame, lo, hi))
    frames.sort(key=lambda f: (f.cue[0], f.cue[1]))
    return frames

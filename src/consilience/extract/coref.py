"""Coreference for actors: later short forms, descriptions and subject pronouns.

Why so little: claims and events need to know *who* is speaking or acting,
and in news copy the speaker is named once and then referred to as "Aliyev",
"the ministry", "the spokesman" or "it"/"he"/"she".  A handful of rules covers
those cases and can be checked one by one; a general coreference model would
resolve every "it" and every "they" in the text, which is neither needed nor
reliable enough to build records on.

The rules, applied in text order over the candidates of
:func:`consilience.extract.actors.find_candidates`:

* **Surname**: a one-word person name (or an untagged capitalised word) equal
  to the surname of a person mentioned earlier in the document -> that person
  ("Aliyev" after "Ilham Aliyev").  With no earlier full name, a surname that
  only one lexicon person has -> that person (lower confidence).
* **Description**: "the spokesman", "the Azerbaijani leader", "the
  ministry", "the government", "the news agency" -> the most recent earlier
  mention compatible with it (role, country, gender; a ministry; a
  government/military; a media outlet).  Descriptions that are themselves the
  subject of a reporting verb prefer antecedents that were speakers.  A
  person description with a country and no antecedent ("the president of
  Azerbaijan") -> the lexicon's office holder on the publication date.
  A definite description already resolved by its words ("the Armenian
  government") only gets an ``antecedent`` link to the previous mention of
  the same actor.
* **Pronoun**: only "he", "she", "it", "they" in *subject position of a
  reporting verb* ("It denied ...", "she added", "he said", "They said ...";
  with a parse: ``nsubj`` of a reporting verb, or ``nsubjpass`` of "quote";
  without one: at a clause start directly before a reporting verb).  The
  antecedent is the most recent compatible mention within
  :data:`WINDOW_SENTENCES` sentences, preferring earlier speakers (subjects
  of reporting verbs), then subjects, then any mention.  "he" skips people
  known to be women and "she" people known to be men; "it" takes a
  singular organisation, state or outlet; "they" a plural group.
  Expletives ("It was not immediately clear", "It was reported that ...")
  are not subjects of a reporting verb in the active voice, so they never
  resolve.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from consilience.extract.doctext import token_lowers
from consilience.extract.actors import Candidate, Lexicon, low, name_key, unit_actor
from consilience.nlp.cues import Cues, load_cues
from consilience.types import Actor

EXTRACTOR = "coref@1"
#: How many sentences back a pronoun or a country-less description may look.
WINDOW_SENTENCES = 5
_CLAUSE_OPENERS = frozenset({",", ";", ":", "“", "”", '"', "‘", "’", "'", "and", "but", "--", "—",
                             "–", "("})
_ORG_KINDS = frozenset({"organisation", "state", "media"})


class _Resolver:
    def __init__(self, doc: Doc, lex: Lexicon, published: str | None) -> None:
        self.doc, self.lex, self.published = doc, lex, published
        self.cues: Cues = load_cues()
        self.sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.subject: dict[int, bool] = {}
        self.speaker: dict[int, bool] = {}

    # -- facts about candidates ---------------------------------------------
    def actor(self, cand: Candidate) -> Actor | None:
        if cand.actor_id is None:
            return None
        return self.lex.actor(cand.actor_id) or unit_actor(self.lex, cand.actor_id)

    def is_person(self, cand: Candidate) -> bool:
        actor = self.actor(cand)
        if actor is not None:
            return actor.kind == "person"
        return cand.label == "PERSON" and cand.name is not None

    def is_org(self, cand: Candidate) -> bool:
        actor = self.actor(cand)
        return actor is not None and actor.kind in _ORG_KINDS and not cand.plural

    def gender(self, cand: Candidate) -> str | None:
        if cand.gender:
            return cand.gender
        return self.lex.genders.get(cand.actor_id or "")

    def country(self, cand: Candidate) -> str | None:
        actor = self.actor(cand)
        return cand.country or (actor.country if actor else None)

    def roles(self, cand: Candidate) -> set[str]:
        actor = self.actor(cand)
        out = {cand.role} if cand.role else set()
        if actor is not None and actor.role:
            out.add(actor.role)
        out |= {o.role for o in self.lex.offices if o.actor_id == cand.actor_id}
        return out

    def surname_keys(self, cand: Candidate) -> set[str]:
        keys = {name_key(self.doc[cand.end - 1].text)}
        actor = self.actor(cand)
        if actor is not None:
            keys |= {k for k, ids in self.lex.surnames.items() if actor.id in ids}
        return keys

    # -- syntax --------------------------------------------------------------
    def clause_role(self, cand: Candidate) -> tuple[bool, bool]:
        """(subject of a clause, subject of a reporting verb or "according to X")."""
        doc = self.doc
        first = cand.title_start if cand.title_start is not None else cand.start
        span = doc[first:cand.end]
        if span[0].dep != 0:
            heads = [t for t in span if t.head is t or not (first <= t.head.i < cand.end)]
            for node in heads:
                while node.dep_ in ("conj", "appos", "compound", "flat") and node.head is not node \
                        and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    node = node.head
                if node.dep_ in ("nsubj", "nsubjpass"):
                    return True, self.cues.is_reporting(node.head)
                if node.dep_ == "pobj" and node.head.lower_ == "to" \
                        and node.head.head.lower_ == "according":
                    return False, True
            return False, False
        j = cand.end
        while j < len(doc) and (doc[j].tag_ in ("RB", "MD") or doc[j].lower_ in ("has", "have")):
            j += 1
        if j < len(doc) and doc[j].tag_ in ("VBD", "VBZ", "VBP"):
            return True, self.cues.is_reporting(doc[j])
        if cand.start >= 2 and doc[cand.start - 1].lower_ == "to" \
                and doc[cand.start - 2].lower_ == "according":
            return False, True
        return False, False

    def pronoun_reports(self, tok: Token) -> bool:
        """Is this pronoun the subject of a reporting verb (not an expletive)?"""
        if tok.dep != 0:
            if tok.dep_ == "nsubj":
                return self.cues.is_reporting(tok.head) and tok.head.pos_ in ("VERB", "AUX")
            if tok.dep_ == "nsubjpass":
                return tok.head.lemma_.lower() == "quote"
            return False
        doc = self.doc
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and not tok.is_sent_start and not prev.is_space \
                and low(prev) not in _CLAUSE_OPENERS:
            return False
        j = tok.i + 1
        while j < len(doc) and doc[j].tag_ == "RB":
            j += 1
        return j < len(doc) and doc[j].tag_ in ("VBD", "VBZ", "VBP") \
            and self.cues.is_reporting(doc[j])

    # -- candidates the finder could not see ----------------------------------
    def pronouns(self, covered: bytearray) -> list[Candidate]:
        out = []
        for i, word in enumerate(token_lowers(self.doc)):
            if word not in self.lex.terms.pronouns or covered[i]:
                continue
            tok = self.doc[i]
            if not self.pronoun_reports(tok):
                continue
            _, gender = self.lex.terms.pronouns[word]
            out.append(Candidate(tok.i, tok.i + 1, "PRON", how="pronoun", pronoun=word,
                                 gender=gender, plural=word == "they", confidence=0.7))
        return out

    def bare_surnames(self, cands: Sequence[Candidate], covered: bytearray) -> list[Candidate]:
        first_seen: dict[str, int] = {}
        for cand in cands:
            if cand.label == "PERSON" and self.is_person(cand) and cand.end - cand.start > 1:
                for key in self.surname_keys(cand):
                    first_seen.setdefault(key, cand.end)
        for cand in cands:       # the NER's "Cavusoglu" ORG after "Mevlut Cavusoglu"
            if cand.how == "ad-hoc" and cand.end - cand.start == 1:
                seen = first_seen.get(name_key(self.doc[cand.start].text))
                if seen is not None and seen <= cand.start:
                    cand.label, cand.how, cand.confidence = "PERSON", "short-name", 0.5
        out = []
        for tok in self.doc:
            if covered[tok.i] or not tok.is_title or not tok.is_alpha:
                continue
            seen = first_seen.get(name_key(tok.text))
            if seen is not None and seen <= tok.i:
                out.append(Candidate(tok.i, tok.i + 1, "PERSON", how="short-name",
                                     name=tok.text, confidence=0.5))
        return out

    # -- antecedent choice ------------------------------------------------------
    def pick(self, cand: Candidate, history: Sequence[Candidate], ok, *, window: bool,
             prefer_speakers: bool) -> Candidate | None:
        here = self.sent_of[cand.start]
        pool = [h for h in history if ok(h)
                and (not window or here - self.sent_of[h.start] <= WINDOW_SENTENCES)]
        if not pool:
            return None
        if prefer_speakers:
            for tier in (lambda h: self.speaker.get(id(h), False),
                         lambda h: self.subject.get(id(h), False)):
                chosen = [h for h in pool if tier(h)]
                if chosen:
                    return chosen[-1]
        return pool[-1]

    def person_ok(self, gender: str | None):
        def ok(h: Candidate) -> bool:
            if not self.is_person(h):
                return False
            g = self.gender(h)
            return gender is None or g is None or g == gender
        return ok

    def description_ok(self, cand: Candidate):
        d = cand.description
        assert d is not None
        leader_roles = self.lex.terms.leader_roles

        def ok(h: Candidate) -> bool:
            if h.actor_id is None and h.name is None:
                return False
            actor = self.actor(h)
            if d.cls == "person":
                if not self.person_ok(d.gender)(h):
                    return False
                roles = self.roles(h)
                if d.role in leader_roles:
                    if not roles & leader_roles:
                        return False
                elif d.role and d.role not in roles:
                    return False
                return d.country is None or self.country(h) == d.country
            if actor is None:
                return False
            if d.cls == "ministry":
                return h.ministry and (d.unit is None or actor.id.endswith("/" + d.unit))
            if d.cls == "unit":
                return actor.id.endswith("/" + (d.unit or ""))
            if d.cls == "media":
                return actor.kind == "media" or actor.sector == "media"
            return False
        return ok

    def resolve(self, candidates: Sequence[Candidate]) -> list[Candidate]:
        doc = self.doc
        covered = bytearray(len(doc))
        for cand in candidates:
            for i in range(cand.start, cand.end):
                covered[i] = 1
        extra = self.bare_surnames(candidates, covered) + self.pronouns(covered)
        cands = sorted([*candidates, *extra], key=lambda c: (c.start, c.end))
        history: list[Candidate] = []
        for cand in cands:
            subject, speaker = self.clause_role(cand) if cand.pronoun is None else (True, True)
            self.subject[id(cand)], self.speaker[id(cand)] = subject, speaker
            if cand.how == "short-name":
                self.resolve_surname(cand, history)
            elif cand.description is not None and cand.actor_id is None:
                self.resolve_description(cand, history, speaker)
            elif cand.pronoun is not None:
                self.resolve_pronoun(cand, history)
            elif cand.definite and cand.how == "institution" and cand.actor_id is not None:
                same = [h for h in history if h.actor_id == cand.actor_id]
                if same:
                    cand.antecedent = same[-1]
            if cand.actor_id is not None or cand.name is not None or cand.antecedent is not None:
                history.append(cand)
        return [c for c in cands if c.pronoun is None or c.antecedent is not None]

    def resolve_surname(self, cand: Candidate, history: Sequence[Candidate]) -> None:
        key = name_key(self.doc[cand.start:cand.end].text)
        for h in reversed(history):
            if self.is_person(h) and h.end - h.start > 1 and key in self.surname_keys(h):
                cand.antecedent, cand.actor_id, cand.name = h, h.actor_id, None
                cand.how, cand.confidence = "surname", 0.9
                cand.gender = cand.gender or self.gender(h)
                return
        ids = self.lex.surnames.get(key, ())
        if len(ids) == 1:
            cand.actor_id, cand.name, cand.how, cand.confidence = ids[0], None, "lexicon-surname", 0.7
            cand.gender = self.lex.genders.get(ids[0])
            cand.notes.append("surname known to the lexicon, no full name earlier in the text")

    def resolve_description(self, cand: Candidate, history: Sequence[Candidate],
                            speaker: bool) -> None:
        d = cand.description
        assert d is not None
        if d.cls == "person" and any(self.doc[i].lower_.strip("-") in _NOT_THE_HOLDER
                                     for i in range(cand.start, cand.end)):
            cand.notes.append("a deputy, former or acting holder of the office: not its holder")
            return           # "Russia's *deputy* foreign minister" is not Lavrov
        if d.cls == "person" and self._any_holder(cand):
            cand.notes.append("an office holder in general (the only, the first, a ...): no one in particular")
            return           # "Lincoln is *the only U.S. president* to come under fire" is not Obama
        window = not (d.cls == "person" and d.country)
        ante = self.pick(cand, history, self.description_ok(cand), window=window,
                         prefer_speakers=speaker)
        if ante is not None:
            cand.antecedent, cand.actor_id, cand.confidence = ante, ante.actor_id, 0.8
            if d.cls == "person":
                cand.gender = cand.gender or self.gender(ante)
            return
        if d.cls == "person" and d.country and d.role:
            roles = sorted(self.lex.terms.leader_roles) if d.role in self.lex.terms.leader_roles \
                else [d.role]
            holders = {h for r in roles
                       if (h := self.lex.office_holder(r, d.country, self.published))}
            if len(holders) == 1:
                cand.actor_id = holders.pop()
                cand.confidence = 0.7
                cand.notes.append(f"office holder on {self.published} (lexicon)")

    def _any_holder(self, cand: Candidate) -> bool:
        """A role named as a kind, not as one person: after "a/an/any/every/each/no" or "the only/first/last/
        next", or as the predicate of "be" ("Lincoln *was the president* who ...")."""
        doc = self.doc
        before = [doc[i].lower_ for i in range(max(0, cand.start - 3), cand.start)]
        if before and before[-1] in ("a", "an", "any", "every", "each", "no"):
            return True
        if any(w in ("only", "first", "last", "next", "sole") for w in before):
            return True
        head = doc[cand.end - 1]
        return head.dep_ == "attr" and head.head.lemma_ == "be"

    @staticmethod
    def flat_subject(sent, before: int) -> list[Token]:
        """Without a parse: the last noun or pronoun before the sentence's first verb."""
        subject = None
        for tok in sent:
            if tok.i >= before or tok.tag_.startswith("VB") or tok.tag_ == "MD":
                break
            if tok.pos_ in ("NOUN", "PROPN", "PRON"):
                subject = tok
        return [subject] if subject is not None else []

    def main_subject_antecedent(self, cand: Candidate, history: Sequence[Candidate],
                                ok) -> Candidate | None:
        """For "it"/"they": the nearest earlier main-clause subject decides.

        Walking back over parsed sentences, the subject of the sentence root
        (or the conjoined roots) is the likeliest antecedent of a subject "it"
        or "they".  A compatible actor mention there is the antecedent; a
        common noun there ("The conflict ... It has threatened") means the
        pronoun is about that thing, so nothing resolves; people are skipped.
        """
        doc = self.doc
        cover: dict[int, Candidate] = {}
        for h in history:
            for i in range(h.start, h.end):
                cover[i] = h
        here = self.sent_of[cand.start]
        sents = list(doc.sents)
        for n in range(here, max(-1, here - WINDOW_SENTENCES - 1), -1):
            sent = sents[n]
            if not any(t.dep for t in sent):
                subjects = self.flat_subject(sent, cand.start)
            else:
                roots = [t for t in sent if t.dep_ == "ROOT"]
                roots += [t for t in sent if t.dep_ == "conj" and t.head in roots
                          and t.pos_ in ("VERB", "AUX")]
                subjects = sorted((c for r in roots for c in r.children
                                   if c.dep_ in ("nsubj", "nsubjpass") and c.i < cand.start),
                                  key=lambda t: t.i)
            for subj in reversed(subjects):
                found = cover.get(subj.i)
                if found is None:
                    if subj.pos_ in ("NOUN", "PROPN"):
                        return None
                    continue
                if ok(found):
                    return found
                if self.is_person(found):
                    continue
                return None
        return None

    def resolve_pronoun(self, cand: Candidate, history: Sequence[Candidate]) -> None:
        word = cand.pronoun
        if word in ("he", "she"):
            ok = self.person_ok(cand.gender)
            ante = self.pick(cand, history, ok, window=True, prefer_speakers=True)
        else:
            if word == "it":
                ok = self.is_org
            else:
                def ok(h: Candidate) -> bool:
                    actor = self.actor(h)
                    return h.plural and actor is not None and actor.kind != "person"
            if self.doc[cand.start].dep != 0:
                ante = self.main_subject_antecedent(cand, history, ok)
            else:
                ante = self.pick(cand, history, ok, window=True, prefer_speakers=True)
        if ante is None:
            return
        cand.antecedent, cand.actor_id, cand.label = ante, ante.actor_id, ante.label
        if word in ("he", "she") and ante.gender is None:
            ante.gender = cand.gender
        cand.notes.append(f"pronoun '{self.doc[cand.start].text}' as subject of a reporting verb")


#: Words before an office that name someone other than its holder: "Russia's *deputy* foreign minister",
#: "the *former* president", "the *acting* governor".
_NOT_THE_HOLDER = frozenset({"deputy", "vice", "former", "ex", "acting", "assistant", "junior", "interim",
                             "shadow", "then", "late", "outgoing", "incoming", "first-deputy"})


def resolve_coreference(doc: Doc, candidates: Sequence[Candidate], lexicon: Lexicon, *,
                        published: str | None = None) -> list[Candidate]:
    """The candidates with antecedents set, plus resolved surname and pronoun candidates.

    Unresolved pronouns are dropped; unresolved descriptions stay without an
    actor (and :func:`consilience.extract.actors.finalise` drops them).
    """
    return _Resolver(doc, lexicon, published).resolve(candidates)


__all__ = ["EXTRACTOR", "WINDOW_SENTENCES", "resolve_coreference"]

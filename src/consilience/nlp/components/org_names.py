"""Component ``consilience_org_names``: restore organisation names the entity ruler split.

Why: the entity ruler runs before the NER and fixes country names and
demonyms, so "Armenian" inside "Armenian Unified Infocenter" or "Armenia"
inside "American University of Armenia" becomes its own NORP/GPE entity and
the NER can no longer see the organisation around it.  This component
re-joins such names: a capitalised run that ends in an organisation head noun
("Ministry", "University", "Council", ... from ``actor_terms.json``),
optionally followed by "of/for" + capitalised words, becomes one ORG entity
when it only *contains* existing entities (it never cuts one in two).

Runs after ``ner``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

NAME = "consilience_org_names"


_FUNCTION_POS = frozenset({"NUM", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "VERB", "AUX", "ADV",
                           "PART", "INTJ"})


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})


def _capitalised(token) -> bool:
    return (token.is_alpha and (token.is_title or token.is_upper) and not token.like_num
            and token.pos_ not in _FUNCTION_POS and token.lower_ not in _DETERMINERS)


class OrgNames:
    """Join capitalised runs ending in an organisation head word into ORG entities."""

    def __init__(self, heads: frozenset[str]) -> None:
        self.heads = heads

    def _run(self, doc: Doc, i: int) -> tuple[int, int]:
        start = i
        while start > 0 and not doc[start].is_sent_start:
            prev = doc[start - 1]
            if _capitalised(prev):
                start -= 1
            elif prev.lower_ in ("and", "&") and start >= 2 and _capitalised(doc[start - 2]):
                start -= 1
            elif (prev.text == "-" and not prev.whitespace_ and start >= 2
                  and not doc[start - 2].whitespace_ and _capitalised(doc[start - 2])):
                start -= 1
            else:
                break
        end = i + 1
        n = len(doc)
        while end + 1 < n and doc[end].lower_ in ("of", "for"):
            j = end + 1
            if doc[j].lower_ == "the" and j + 1 < n:
                j += 1
            k = j
            while k < n and not doc[k].is_sent_start:
                token = doc[k]
                if _capitalised(token):
                    k += 1
                elif (token.lower_ in ("and", "&") and k + 1 < n and _capitalised(doc[k + 1])):
                    k += 1
                elif (token.text == "-" and not token.whitespace_ and k + 1 < n
                      and not doc[k - 1].whitespace_ and _capitalised(doc[k + 1])):
                    k += 1
                else:
                    break
            if k > j and _capitalised(doc[k - 1]):
                end = k
            else:
                break
        return start, end

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        new: list[Span] = []
        from consilience.extract.doctext import token_texts

        for i, text in enumerate(token_texts(doc)):      # the texts read once: no Token per token
            if text not in self.heads:
                continue
            token = doc[i]
            if not token.is_title:
                continue
            start, end = self._run(doc, i)
            if end - start < 2:
                continue
            crossing = any(
                (e.start < start < e.end) or (e.start < end < e.end) for e in ents
            )
            inside = any(e.start <= start and end <= e.end for e in ents)
            if crossing or inside:
                continue
            new.append(Span(doc, start, end, label="ORG"))
        if new:
            kept = [e for e in ents if not any(n.start <= e.start and e.end <= n.end for n in new)]
            doc.ents = filter_spans(kept + new)
        return doc


def make_org_names(nlp: Language, name: str) -> OrgNames:
    from consilience.extract.actors import load_terms

    return OrgNames(frozenset(load_terms().org_heads))


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(NAME, assigns=["doc.ents"], requires=["doc.ents"], func=make_org_names)


__all__ = ["NAME", "OrgNames", "make_org_names", "register"]

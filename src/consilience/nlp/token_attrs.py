"""The model's attribute ruler and lemmatizer, run once per word form instead of once per token.

Why: in the model's pipeline the ``attribute_ruler`` (tag -> POS and
morphology, a few hundred patterns run by a Matcher over every token) and
the rule ``lemmatizer`` cost about a sixth of the NLP time on news, though
what they give a token depends only on its form and its tag (the parser has
not run yet, so no pattern can see a dependency).  This component keeps the
two original components and asks them once per (form, tag), on a one-token
Doc; every later token with that form and tag gets the cached tag, POS,
morphology and lemma.  A document that one of the model's multi-token
patterns matches ("gon na", "let 's"), or that is already parsed, goes
through the original components whole, so the results are the same token
for token (a test compares them).
"""

from __future__ import annotations

from typing import Any

import numpy
import re

from spacy.attrs import LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

_IN = [ORTH, TAG]
_OUT = [TAG, POS, MORPH, LEMMA]

FACTORY = "consilience_token_attrs"
_registered = False


def _word_test(tok: dict[str, Any]) -> Any:
    """What one pattern token asks of a lower-case word: a set of words, a regex, or None (nothing)."""
    for key in ("LOWER", "ORTH", "TEXT"):
        value = tok.get(key)
        if isinstance(value, str):
            return frozenset((value.lower(),))
        if isinstance(value, dict):
            if isinstance(value.get("IN"), list):
                return frozenset(str(v).lower() for v in value["IN"])
            if isinstance(value.get("REGEX"), str):
                return re.compile(value["REGEX"], re.IGNORECASE if key != "LOWER" else 0)
            return None
    return None


class CachedTokenAttrs:
    """Attribute ruler + lemmatizer with a (form, tag) cache; see the module docstring."""

    def __init__(self, nlp: Language, ruler_name: str = "attribute_ruler",
                 lemmatizer_name: str = "lemmatizer") -> None:
        self.vocab = nlp.vocab
        self.ruler = nlp.get_pipe(ruler_name)
        self.lemmatizer = nlp.get_pipe(lemmatizer_name)
        # (form, tag) -> its row of (tag, POS, morphology, lemma) in ``table``: one fancy-indexing read per Doc
        self.rows: dict[tuple[int, int], int] = {}
        self.table = numpy.zeros((0, len(_OUT)), dtype="uint64")
        self.needs: list[list[Any] | None] = []
        self.multi = self._multi_token_matcher()

    def _multi_token_matcher(self) -> Any:
        """A Matcher with the ruler's multi-token patterns only: a document they match goes the slow way."""
        from spacy.matcher import Matcher

        matcher = Matcher(self.vocab)
        for i, p in enumerate(self.ruler.patterns):
            multi = [pat for pat in p["patterns"] if isinstance(pat, list) and len(pat) > 1]
            if multi:
                matcher.add(f"multi{i}", multi)
                self.needs += [[_word_test(tok) for tok in pat if "DEP" not in tok] if
                               not any("DEP" in tok for tok in pat) else None for pat in multi]
        return matcher

    def _may_match(self, doc: Doc) -> bool:
        """Whether a multi-token pattern may match: each of its word tests passes on some word of ``doc``."""
        from consilience.extract.doctext import token_lowers

        lowers = set(token_lowers(doc))          # read once per Doc; the extractors read them again

        def passes(test: Any) -> bool:
            if test is None:
                return True
            if isinstance(test, frozenset):
                return not test.isdisjoint(lowers)
            return any(test.search(w) for w in lowers)

        return any(tests is not None and all(passes(t) for t in tests) for tests in self.needs)

    def _compute(self, orth: int, tag: int) -> tuple[int, int, int, int]:
        one = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
        one[0].tag = tag
        self.lemmatizer(self.ruler(one))
        t = one[0]
        return t.tag, t.pos, t.morph.key, t.lemma

    def _compute_many(self, keys: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
        """:meth:`_compute` for several (form, tag) pairs at once, on one Doc of those words.

        The same answers: the ruler's single-token patterns and the lemmatizer see one token at a
        time, and a Doc that a multi-token pattern matches is done a word at a time instead.
        """
        if len(keys) == 1:
            return [self._compute(*keys[0])]
        strings = self.vocab.strings
        many = Doc(self.vocab, words=[strings[orth] for orth, _ in keys], spaces=[False] * len(keys))
        many.from_array([TAG], numpy.array([[tag] for _, tag in keys], dtype="uint64"))
        if self._may_match(many) and self.multi(many, allow_missing=True):
            return [self._compute(orth, tag) for orth, tag in keys]
        self.lemmatizer(self.ruler(many))
        return [(t.tag, t.pos, t.morph.key, t.lemma) for t in many]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or doc.has_annotation("DEP") or (
                self._may_match(doc) and self.multi(doc, allow_missing=True)):
            return self.lemmatizer(self.ruler(doc))    # patterns that see more than one token
        pairs = list(map(tuple, doc.to_array(_IN).tolist()))
        rows = self.rows
        try:
            where = [rows[k] for k in pairs]
        except KeyError:                               # new words: asked together, on one Doc
            missing = list(dict.fromkeys(k for k in pairs if k not in rows))
            self._add(missing, self._compute_many(missing))
            where = [rows[k] for k in pairs]
        doc.from_array(_OUT, self.table[where])
        return doc

    def _add(self, keys: list[tuple[int, int]], values: list[tuple[int, int, int, int]]) -> None:
        """Cache ``values`` for ``keys``: a row each in :attr:`table` (grown by doubling)."""
        n = len(self.rows)
        if n + len(keys) > len(self.table):
            grown = numpy.zeros((max(2 * len(self.table), n + len(keys), 1024), len(_OUT)), dtype="uint64")
            grown[:n] = self.table[:n]
            self.table = grown
        self.table[n:n + len(keys)] = numpy.array(values, dtype="uint64").reshape(len(keys), len(_OUT))
        for i, key in enumerate(keys, n):
            self.rows[key] = i


def register() -> None:
    global _registered
    if _registered:
        return

    @Language.factory(FACTORY, assigns=["token.tag", "token.pos", "token.morph", "token.lemma"],
                      requires=["token.tag"])
    def _make(nlp: Language, name: str) -> Any:   # noqa: ARG001 - spaCy passes the name
        return CachedTokenAttrs(nlp)

    _registered = True


def install(nlp: Language) -> bool:
    """Replace the enabled ``attribute_ruler`` and ``lemmatizer`` of ``nlp`` by the cached component."""
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return False
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return False
    register()
    nlp.add_pipe(FACTORY, after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return True


__all__ = ["CachedTokenAttrs", "FACTORY", "install", "register"]

"""Component ``consilience_selective_parser``: dependency-parse only the sentences that need it.

Why: the extractors use a parse only where someone says something (claims,
subject pronouns), something happens (event triggers) or something is counted
(figures).  Boilerplate, background and furniture lines need none, so the
parser, one of the costlier steps of the pipeline, runs on the sentences that
have such a cue and nowhere else.

Design (how parsed sentences reach the extractors):

1. The pipeline runs with the model's ``parser`` disabled and ``senter``
   (plus ``consilience_line_sentences``) enabled, so every document has
   sentence boundaries, tags, lemmas and entities, but no heads.
2. This component picks the sentences with a cue (:mod:`consilience.nlp.cues`;
   ``mode="all"`` picks every non-blank sentence).
3. Each picked sentence becomes a small ``Doc`` with the same tokens, the
   *already computed* ``tok2vec`` rows as its tensor (the parser listens to
   the shared ``tok2vec``, so nothing is re-embedded) and its first token
   fixed as the only sentence start, which makes the parser return exactly
   one tree per senter sentence.  The disabled ``parser`` component parses
   them in batches; under ``nlp.pipe`` the picked sentences of a whole batch
   of documents go to it together (larger parser batches: less parser time).
4. Heads and labels are copied back into the main ``Doc`` with one
   ``Doc.from_array([HEAD, DEP])`` call (relative heads never leave their
   sentence); tokens of unparsed sentences keep ``dep == 0`` and head on
   themselves.  ``from_array`` recomputes sentence starts from the trees, so
   the senter's boundaries are written back afterwards (``SENT_START``):
   ``doc.sents`` is the same with or without parsing.

Extractors test ``token.dep != 0`` (:func:`consilience.nlp.pipeline.is_parsed`)
before using ``head``/``dep_``/``children``; ``doc._.consilience_parsed``
lists the parsed sentences' token ranges.
"""

from __future__ import annotations

import numpy
from collections.abc import Iterable, Iterator

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from consilience.nlp.cues import Cues, load_cues
from consilience.nlp.extensions import PARSED_EXTENSION

NAME = "consilience_selective_parser"
MODES = ("selective", "all")


class SelectiveParser:
    """Parse the cue sentences of a Doc with the pipeline's (disabled) parser."""

    def __init__(self, nlp: Language, mode: str, parser_name: str, batch_size: int,
                 cues: Cues | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"{NAME}: mode must be one of {MODES}, not {mode!r}")
        self.nlp = nlp
        self.mode = mode
        self.parser_name = parser_name
        self.batch_size = batch_size
        self.cues = cues or load_cues()
        self._lower_cue: dict[int, bool] = {}       # form hash -> a cue (reporting, trigger, figure word)
        self._lemma_cue: dict[int, bool] = {}       # lemma hash -> lower-cased, a reporting or trigger cue
        self._figure_labels = {nlp.vocab.strings.add(label) for label in self.cues.figure_labels}

    def select(self, doc: Doc) -> list[Span]:
        """The sentences to parse: all non-blank ones, or those with a cue."""
        return [doc[start:end] for start, end in self.select_ranges(doc)]

    def select_ranges(self, doc: Doc) -> list[tuple[int, int]]:
        """:meth:`select` as token ranges, read from arrays (no Token or Span objects): the same
        sentences as ``doc.sents`` and :meth:`Cues.sentence_has_cue` pick."""
        n = len(doc)
        if not n:
            return []
        rows = doc.to_array(_CUE_ATTRS)
        starts = numpy.flatnonzero(rows[:, 0].astype("int64") == 1).tolist()    # SENT_START is 1, -1 or 0
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        ends = starts[1:] + [n]
        blank = rows[:, 1] != 0                                                   # IS_SPACE
        if self.mode == "all":
            keep = ~blank
        else:
            keep = self._cue_tokens(rows) & ~blank & (rows[:, 2] == 0)           # not IS_PUNCT
        return [(s, e) for s, e in zip(starts, ends) if keep[s:e].any() and not blank[s:e].all()]

    def _cue_tokens(self, rows: numpy.ndarray) -> numpy.ndarray:
        """Per token: its form or lemma is a cue (:meth:`Cues.is_reporting`, ``is_trigger``,
        ``is_figure``), answered once per form and per lemma (the strings' hashes are the keys)."""
        lowers, lemmas = self._lower_cue, self._lemma_cue
        cues = self.cues
        strings = self.nlp.vocab.strings
        out = numpy.zeros(len(rows), dtype=bool)
        for i, (lower, lemma, like_num, ent) in enumerate(rows[:, 3:7].tolist()):
            hit = lowers.get(lower)
            if hit is None:
                w = strings[lower]
                hit = lowers[lower] = w in cues.reporting or w in cues.triggers or w in cues.figure_words
            if not hit:
                hit = lemmas.get(lemma)
                if hit is None:
                    w = strings[lemma].lower()
                    hit = lemmas[lemma] = w in cues.reporting or w in cues.triggers
            out[i] = hit or bool(like_num) or (ent != 0 and ent in self._figure_labels)
        return out

    def __call__(self, doc: Doc) -> Doc:
        self._parse([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Parse the picked sentences of ``batch_size`` documents at a time together (larger parser
        batches: about a tenth less parser time than document by document on news)."""
        for batch in minibatch(docs, size=batch_size):
            self._parse(batch)
            yield from batch

    def _parse(self, docs: list[Doc]) -> None:
        """Parse the picked sentences of ``docs``, in the parser's batches, and copy the trees back."""
        from consilience.extract.doctext import token_texts

        jobs: list[tuple[Doc, list[tuple[int, int]]]] = []
        sent_docs = []
        for doc in docs:
            selected = self.select_ranges(doc)
            setattr(doc._, PARSED_EXTENSION, tuple(selected))
            if not selected:
                continue
            if doc.tensor is None or doc.tensor.shape[0] != len(doc):
                raise ValueError(
                    f"{NAME} needs the tok2vec output in doc.tensor; put it after 'tok2vec'"
                )
            words = token_texts(doc)                        # every token's text, read once
            spaces = [bool(space) for space in doc.to_array(SPACY).tolist()]
            for start, end in selected:
                sdoc = Doc(doc.vocab, words=words[start:end], spaces=spaces[start:end])
                sdoc.tensor = doc.tensor[start:end]
                starts = numpy.full((end - start, 1), -1, dtype="int32")
                starts[0, 0] = 1
                sdoc.from_array([SENT_START], starts.astype("uint64"))
                sent_docs.append(sdoc)
            jobs.append((doc, selected))
        if not sent_docs:
            return
        parsed = iter(self.nlp.get_pipe(self.parser_name).pipe(sent_docs, batch_size=self.batch_size))
        for doc, selected in jobs:
            heads = numpy.zeros((len(doc), 2), dtype="uint64")
            for start, end in selected:
                heads[start:end] = next(parsed).to_array([HEAD, DEP])
            sentence_starts = doc.to_array([SENT_START])
            doc.from_array([HEAD, DEP], heads)
            doc.from_array([SENT_START], sentence_starts)


#: What :meth:`SelectiveParser.select_ranges` reads of every token, in this order.
_CUE_ATTRS = [SENT_START, IS_SPACE, IS_PUNCT, LOWER, LEMMA, LIKE_NUM, ENT_TYPE]


def make_selective_parser(nlp: Language, name: str, mode: str, parser_name: str,
                          batch_size: int) -> SelectiveParser:
    return SelectiveParser(nlp, mode, parser_name, batch_size)


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(
            NAME,
            default_config={"mode": "selective", "parser_name": "parser", "batch_size": 256},
            assigns=["token.dep", "token.head", f"doc._.{PARSED_EXTENSION}"],
            requires=["doc.tensor", "token.is_sent_start", "token.lemma", "doc.ents"],
            func=make_selective_parser,
        )


__all__ = ["MODES", "NAME", "SelectiveParser", "make_selective_parser", "register"]

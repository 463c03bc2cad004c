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
   them in batches.
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
from spacy.attrs import DEP, HEAD, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

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

    def select(self, doc: Doc) -> list[Span]:
        """The sentences to parse: all non-blank ones, or those with a cue."""
        out = []
        for sent in doc.sents:
            if all(t.is_space for t in sent):
                continue
            if self.mode == "all" or self.cues.sentence_has_cue(sent):
                out.append(sent)
        return out

    def __call__(self, doc: Doc) -> Doc:
        selected = self.select(doc) if len(doc) else []
        setattr(doc._, PARSED_EXTENSION, tuple((s.start, s.end) for s in selected))
        if not selected:
            return doc
        if doc.tensor is None or doc.tensor.shape[0] != len(doc):
            raise ValueError(
                f"{NAME} needs the tok2vec output in doc.tensor; put it after 'tok2vec'"
            )
        parser = self.nlp.get_pipe(self.parser_name)
        from consilience.extract.doctext import token_texts

        words = token_texts(doc)                            # every token's text and trailing space, read once
        spaces = [bool(space) for space in doc.to_array(SPACY).tolist()]
        sent_docs = []
        for sent in selected:
            sdoc = Doc(doc.vocab, words=words[sent.start:sent.end], spaces=spaces[sent.start:sent.end])
            sdoc.tensor = doc.tensor[sent.start:sent.end]
            starts = numpy.full((len(sdoc), 1), -1, dtype="int32")
            starts[0, 0] = 1
            sdoc.from_array([SENT_START], starts.astype("uint64"))
            sent_docs.append(sdoc)
        parsed = parser.pipe(sent_docs, batch_size=self.batch_size)
        heads = numpy.zeros((len(doc), 2), dtype="uint64")
        for sent, sdoc in zip(selected, parsed):
            heads[sent.start:sent.end] = sdoc.to_array([HEAD, DEP])
        sentence_starts = doc.to_array([SENT_START])
        doc.from_array([HEAD, DEP], heads)
        doc.from_array([SENT_START], sentence_starts)
        return doc


def make_selective_parser(nlp: Language, name: str, mode: str, parser_name: str,
                          batch_size: int) -> SelectiveParser:
    return SelectiveParser(nlp, mode, parser_name, batch_size)


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(
            NAME,
            default_config={"mode": "selective", "parser_name": "parser", "batch_size": 64},
            assigns=["token.dep", "token.head", f"doc._.{PARSED_EXTENSION}"],
            requires=["doc.tensor", "token.is_sent_start", "token.lemma", "doc.ents"],
            func=make_selective_parser,
        )


__all__ = ["MODES", "NAME", "SelectiveParser", "make_selective_parser", "register"]

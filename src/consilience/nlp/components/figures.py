"""Component ``consilience_figures``: casualty and other figures on ``doc._.consilience_figures``.

A thin adapter around :func:`consilience.extract.figures.extract_figures`
(imported on first call).  It passes the dates and places that the earlier
components left on the Doc, so a figure can point at them; when those
components are not in the pipeline it passes none.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import LazyExtractorComponent, register_factory

NAME = "consilience_figures"
MODULE, FUNCTION = "consilience.extract.figures", "extract_figures"


class FiguresComponent(LazyExtractorComponent):
    MODULE, FUNCTION = MODULE, FUNCTION

    def __call__(self, doc: Doc) -> Doc:
        document_id = doc._.consilience_document_id or ""
        doc._.consilience_figures = tuple(self.extractor()(
            doc, document_id,
            dates=tuple(doc._.consilience_dates or ()),
            places=tuple(doc._.consilience_places or ()),
        ))
        return doc


def make_figures(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    register_factory(NAME, "doc._.consilience_figures", make_figures)


__all__ = ["FiguresComponent", "NAME", "make_figures", "register"]

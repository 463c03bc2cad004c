"""Component ``consilience_figures``: casualty and other figures on ``doc._.consilience_figures``.

A thin adapter around :func:`consilience.extract.figures.extract_figures`
(imported on first call).  It passes the dates and places that the earlier
components left on the Doc, so a figure can point at them; when those
components are not in the pipeline it passes none.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import load_extractor

NAME = "consilience_figures"
MODULE, FUNCTION = "consilience.extract.figures", "extract_figures"


class FiguresComponent:
    def __init__(self) -> None:
        self._fn: Callable[..., Any] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._fn is None:
            self._fn = load_extractor(MODULE, FUNCTION)
        document_id = doc._.consilience_document_id or ""
        doc._.consilience_figures = tuple(self._fn(
            doc, document_id,
            dates=tuple(doc._.consilience_dates or ()),
            places=tuple(doc._.consilience_places or ()),
        ))
        return doc


def make_figures(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(NAME, assigns=["doc._.consilience_figures"], requires=["doc.ents"],
                         func=make_figures)


__all__ = ["FiguresComponent", "NAME", "make_figures", "register"]

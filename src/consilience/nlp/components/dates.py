"""Component ``consilience_dates``: resolved date records on ``doc._.consilience_dates``.

A thin adapter around :func:`consilience.extract.dates.extract_dates`
(imported on first call), resolving against ``doc._.consilience_published``
(the document's publication date, set by the orchestrator).
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import load_extractor

NAME = "consilience_dates"
MODULE, FUNCTION = "consilience.extract.dates", "extract_dates"


class DatesComponent:
    def __init__(self) -> None:
        self._fn: Callable[..., Any] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._fn is None:
            self._fn = load_extractor(MODULE, FUNCTION)
        document_id = doc._.consilience_document_id or ""
        doc._.consilience_dates = tuple(self._fn(doc, document_id, doc._.consilience_published))
        return doc


def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(NAME, assigns=["doc._.consilience_dates"], requires=["doc.ents"],
                         func=make_dates)


__all__ = ["DatesComponent", "NAME", "make_dates", "register"]

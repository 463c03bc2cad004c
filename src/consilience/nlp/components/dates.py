"""Component ``consilience_dates``: resolved date records on ``doc._.consilience_dates``.

A thin adapter around :func:`consilience.extract.dates.extract_dates`
(imported on first call), resolving against ``doc._.consilience_published``
(the document's publication date, set by the orchestrator).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import LazyExtractorComponent, register_factory

NAME = "consilience_dates"
MODULE, FUNCTION = "consilience.extract.dates", "extract_dates"


class DatesComponent(LazyExtractorComponent):
    MODULE, FUNCTION = MODULE, FUNCTION

    def __call__(self, doc: Doc) -> Doc:
        document_id = doc._.consilience_document_id or ""
        doc._.consilience_dates = tuple(self.extractor()(doc, document_id, doc._.consilience_published))
        return doc


def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    register_factory(NAME, "doc._.consilience_dates", make_dates)


__all__ = ["DatesComponent", "NAME", "make_dates", "register"]

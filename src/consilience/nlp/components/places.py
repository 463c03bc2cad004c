"""Component ``consilience_places``: geocoded place records on ``doc._.consilience_places``.

A thin adapter: the work is :func:`consilience.extract.places.extract_places`
(imported on first call, see :mod:`._guard`), which gets the document id the
orchestrator put on ``doc._.consilience_document_id``.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import load_extractor

NAME = "consilience_places"
MODULE, FUNCTION = "consilience.extract.places", "extract_places"


class PlacesComponent:
    def __init__(self) -> None:
        self._fn: Callable[..., Any] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._fn is None:
            self._fn = load_extractor(MODULE, FUNCTION)
        document_id = doc._.consilience_document_id or ""
        doc._.consilience_places = tuple(self._fn(doc, document_id))
        return doc


def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(NAME, assigns=["doc._.consilience_places"], requires=["doc.ents"],
                         func=make_places)


__all__ = ["NAME", "PlacesComponent", "make_places", "register"]

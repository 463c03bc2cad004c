"""Component ``consilience_places``: geocoded place records on ``doc._.consilience_places``.

A thin adapter: the work is :func:`consilience.extract.places.extract_places`
(imported on first call, see :mod:`._guard`), which gets the document id the
orchestrator put on ``doc._.consilience_document_id``, and the document's web
address (``doc._.consilience_source``: an outlet's country-code domain is evidence).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import LazyExtractorComponent, register_factory

NAME = "consilience_places"
MODULE, FUNCTION = "consilience.extract.places", "extract_places"


class PlacesComponent(LazyExtractorComponent):
    MODULE, FUNCTION = MODULE, FUNCTION

    def __call__(self, doc: Doc) -> Doc:
        document_id = doc._.consilience_document_id or ""
        doc._.consilience_places = tuple(self.extractor()(doc, document_id, source=doc._.consilience_source))
        return doc


def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    register_factory(NAME, "doc._.consilience_places", make_places)


__all__ = ["NAME", "PlacesComponent", "make_places", "register"]

"""The ``Doc._`` attributes Consilience's pipeline components read and write.

Why extensions and not a side dictionary: the records a component produces
travel with the spaCy ``Doc`` through the pipeline, so a later component
(figures needs dates and places) reads them without a second channel, and
``nlp.analyze_pipes()`` can check who writes what.  Every value is plain,
picklable data (tuples of :mod:`consilience.types` records), never spaCy
objects, so the orchestrator can hand them on as they are.

Registered by :func:`register_extensions` (idempotent), which
:func:`consilience.nlp.pipeline.build_pipeline` calls; importing this module
registers nothing.  Defaults are ``None`` (immutable), so no two documents
share a mutable default.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: Inputs the orchestrator sets before running the pipeline on a Doc.
INPUT_EXTENSIONS: tuple[str, ...] = (
    "consilience_document_id",   # str: the Document.id the records belong to
    "consilience_published",     # str | None: ISO publication date, the anchor for dates
    "consilience_source",        # str | None: the document's web address (its outlet's domain tells a country)
)

#: Outputs, one per record kind (tuples of consilience.types records).
RECORD_EXTENSIONS: tuple[str, ...] = (
    "consilience_mentions",
    "consilience_actors",
    "consilience_places",
    "consilience_dates",
    "consilience_figures",
)

#: Token ranges ``(start, end)`` of the sentences the selective parser parsed.
PARSED_EXTENSION = "consilience_parsed"

ALL_EXTENSIONS: tuple[str, ...] = INPUT_EXTENSIONS + RECORD_EXTENSIONS + (PARSED_EXTENSION,)


def register_extensions() -> None:
    """Declare the ``Doc._.consilience_*`` attributes (safe to call many times)."""
    for name in ALL_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


__all__ = [
    "ALL_EXTENSIONS", "INPUT_EXTENSIONS", "PARSED_EXTENSION", "RECORD_EXTENSIONS",
    "register_extensions",
]

"""Consilience's spaCy components, one per module.

Importing this package registers nothing; :func:`register` declares the
``Doc._`` extensions and every factory (idempotent), and
:func:`consilience.nlp.pipeline.build_pipeline` calls it.
"""

from __future__ import annotations


def register() -> None:
    """Register the Doc extensions and all ``consilience_*`` factories with spaCy."""
    from consilience.nlp.components import (
        actors, dates, figures, line_sentences, org_names, places, selective_parser, title_abbreviations,
    )
    from consilience.nlp.extensions import register_extensions

    register_extensions()
    for module in (line_sentences, title_abbreviations, org_names, selective_parser, actors, places, dates, figures):
        module.register()


__all__ = ["register"]

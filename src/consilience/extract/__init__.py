"""Per-document extraction: actors and coreference, places, dates, figures, claims, events.

Importing this package loads nothing (no spaCy model, no lexicon): the
names below are resolved on first use, so worker processes and the
submodules (``consilience.extract.places`` ...) stay cheap to import.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "extract_document": "consilience.extract.document",
    "extract_many": "consilience.extract.document",
    "resolve_actors": "consilience.extract.actors",
    "resolve_coreference": "consilience.extract.coref",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'consilience.extract' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = sorted(_LAZY)

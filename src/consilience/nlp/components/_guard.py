"""Import an extractor function that may not exist yet, failing only when it is called.

Why: the place, date and figure extractors are separate modules; a pipeline
that includes their components must still be buildable (and analysable) in
a tree where one of them is missing, and fail with a message that names the
missing module when a document actually needs it.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any, Callable

from consilience.errors import ConsilienceError


class ExtractorMissingError(ConsilienceError):
    """A pipeline component's extractor module or function is not available."""

    code = "C210"


def extractor_available(module: str, function: str) -> bool:
    """True when ``module`` can be found (it is not imported here)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def load_extractor(module: str, function: str) -> Callable[..., Any]:
    """``module.function``; ExtractorMissingError naming both when either is missing.

    Errors raised while importing an existing module propagate unchanged: a
    broken extractor must not look like a missing one.
    """
    if not extractor_available(module, function):
        raise ExtractorMissingError(
            f"{module} is not in this installation, so {function}() cannot run; "
            "build the pipeline without this component "
            "(consilience.nlp.pipeline.build_pipeline(components=...))"
        )
    mod = importlib.import_module(module)
    fn = getattr(mod, function, None)
    if fn is None:
        raise ExtractorMissingError(f"{module} has no function {function}()")
    return fn


class LazyExtractorComponent:
    """Base of the record components: ``MODULE.FUNCTION`` is imported on first use."""

    MODULE: str = ""
    FUNCTION: str = ""

    def __init__(self) -> None:
        self._fn: Callable[..., Any] | None = None

    def extractor(self) -> Callable[..., Any]:
        if self._fn is None:
            self._fn = load_extractor(self.MODULE, self.FUNCTION)
        return self._fn


def register_factory(name: str, assigns: str, func: Callable[..., Any], requires: str = "doc.ents") -> None:
    """Register a component's factory with spaCy (idempotent); record components read the entities,
    sentence components (``requires="token.is_sent_start"``) the sentence starts they adjust."""
    from spacy.language import Language

    if not Language.has_factory(name):
        Language.factory(name, assigns=[assigns], requires=[requires], func=func)


__all__ = ["ExtractorMissingError", "LazyExtractorComponent", "extractor_available", "load_extractor",
           "register_factory"]

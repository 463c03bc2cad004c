"""Language identification of cleaned article text (py3langid).

Why py3langid: it is small, offline and fast, and its normalised probability
gives a usable confidence.  The model is loaded lazily, once per process, so
importing this module costs nothing and worker processes load it only when
they first need it.  Texts shorter than ``config.language_min_chars`` are
``"und"`` (undetermined): a headline alone is too little to tell.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from consilience.config import DEFAULT_CONFIG, Config

UNDETERMINED = "und"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid identifier with normalised probabilities (loaded on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, config: Config = DEFAULT_CONFIG) -> tuple[str, float]:
    """ISO 639-1 code and its probability (0..1); ``("und", 0.0)`` for too little text."""
    stripped = " ".join(text.split())
    if len(stripped) < config.language_min_chars:
        return UNDETERMINED, 0.0
    language, probability = _identifier().classify(stripped)
    return str(language), float(probability)


def normalise_language_tag(value: object) -> str | None:
    """"en", "EN", "en-US", "en_GB" -> "en"; anything that is not a language tag -> None.

    Metadata languages come from manifests and ``<html lang>`` in any of these
    spellings; only the primary subtag matters for deciding what to process.
    """
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha() and primary != UNDETERMINED:
        return primary
    return None


__all__ = ["UNDETERMINED", "detect_language", "normalise_language_tag"]

"""Tests for consilience.ingest.language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from consilience.config import DEFAULT_CONFIG
from consilience.ingest.language import _identifier, detect_language, normalise_language_tag


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Armenian and Azerbaijani forces exchanged heavy artillery fire along the front line on Thursday.", "en"),
        ("Die armenischen und aserbaidschanischen Truppen lieferten sich am Donnerstag schwere Gefechte.", "de"),
        ("Les forces arméniennes et azerbaïdjanaises ont échangé des tirs d'artillerie jeudi soir.", "fr"),
        ("Армянские и азербайджанские войска обменялись артиллерийским огнём в четверг вечером.", "ru"),
        ("Ermeni ve Azerbaycan kuvvetleri perşembe günü cephe hattında yoğun topçu ateşi açtı.", "tr"),
    ],
)
def test_detects_language_with_probability(text: str, expected: str) -> None:
    language, probability = detect_language(text, DEFAULT_CONFIG)
    assert language == expected
    assert 0.5 < probability <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "Short headline", "x" * 39])
def test_short_text_is_undetermined(text: str) -> None:
    assert detect_language(text, DEFAULT_CONFIG) == ("und", 0.0)


def test_min_chars_is_a_setting() -> None:
    text = "Fighting continues in Karabakh today"
    assert detect_language(text, DEFAULT_CONFIG)[0] == "und"
    assert detect_language(text, DEFAULT_CONFIG.with_overrides(language_min_chars=10))[0] == "en"


def test_model_loaded_once() -> None:
    detect_language("Armenian and Azerbaijani forces exchanged fire again on Thursday.", DEFAULT_CONFIG)
    first = _identifier()
    detect_language("Both sides accused each other of shelling civilian areas overnight.", DEFAULT_CONFIG)
    assert _identifier() is first
    assert _identifier.cache_info().currsize == 1


def test_import_does_not_load_the_model() -> None:
    code = (
        "import consilience.ingest.language as m, sys\n"
        "assert m._identifier.cache_info().currsize == 0\n"
        "assert 'py3langid.langid' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en"), ("EN", "en"), ("en-US", "en"), ("en_GB", "en"), (" fr ", "fr"), ("hye", "hye"),
     ("und", None), ("English", None), ("", None), (None, None), (42, None), ("e1", None)],
)
def test_normalise_language_tag(value: object, expected: str | None) -> None:
    assert normalise_language_tag(value) == expected

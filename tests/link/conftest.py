"""Fixtures for the linking tests: the example corpus's records, made by hand."""

from __future__ import annotations

from typing import Any

import pytest

from consilience.link.records import LinkInput
from karabakh_records import Builder, build_karabakh, example_docs


@pytest.fixture
def karabakh() -> tuple[LinkInput, dict[str, Any]]:
    return build_karabakh()


@pytest.fixture
def builder() -> Builder:
    return Builder(example_docs())

"""Shared fixtures: the example corpus and a fresh database per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "karabakh"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"

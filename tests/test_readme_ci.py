"""The README's quick start is what CI runs (issue 9 §1)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("readme_commands", ROOT / ".ci" / "readme_commands.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_readme_has_two_quick_start_commands():
    setup, test = _module().quick_start_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert setup.startswith("python3 -m venv .venv && ")
    assert "consilience run examples/karabakh" in setup
    assert "pytest" in test


def test_ci_runs_the_readme_commands_literally():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_commands.py setup" in ci and "readme_commands.py test" in ci
    assert 'bash -c "$setup_cmd"' in ci and 'bash -c "$test_cmd"' in ci
    # CI must not upgrade pip first: the quick start has to work with the venv's own pip.
    assert "install --upgrade pip" not in ci and "install -q --upgrade pip" not in ci


def test_missing_quick_start_is_an_error():
    with pytest.raises(SystemExit):
        _module().quick_start_commands("# Title\n\n## Usage\n\n```sh\nls\n```\n")


def test_quick_start_outputs_are_ignored_by_git():
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "*.db" in ignore and "karabakh-report.html" in ignore

"""Manifest entries stay inside the manifest's folder unless the user allows otherwise (issue 9 §4)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from consilience.cli import main
from consilience.config import DEFAULT_CONFIG
from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers import iter_items

ARTICLE = "Azerbaijani forces shelled the town of Tartar on Monday, officials in Baku said.\n"
SECRET = "root:x:0:0:this must not be read\n"


def _layout(tmp_path: Path, rows: list[str]) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "manifest.csv").write_text("path,outlet\n" + "".join(f"{r},X\n" for r in rows),
                                         encoding="utf-8")
    return folder


def _split(results: list) -> tuple[list[RawItem], list[InputError]]:
    return ([r for r in results if isinstance(r, RawItem)], [r for r in results if isinstance(r, InputError)])


def test_traversal_and_absolute_entries_are_errors_naming_manifest_and_entry(tmp_path: Path) -> None:
    rows = ["good.txt", "../../../../etc/passwd", "/etc/hostname", "../secret.txt",
            str(tmp_path / "secret.txt")]
    folder = _layout(tmp_path, rows)
    items, errors = _split(list(iter_items([str(folder)])))
    assert [i.source for i in items] == [str(folder / "good.txt")]
    assert all(SECRET not in i.text for i in items)
    assert len(errors) == 4, errors
    manifest = str(folder / "manifest.csv")
    for error, entry, line in zip(errors, rows[1:], (3, 4, 5, 6)):
        assert error.path == f"{manifest}:{line}"
        assert entry in error.reason and "outside the manifest's folder" in error.reason
        assert "--allow-outside-manifest" in error.reason


def test_a_link_inside_the_folder_pointing_outside_is_refused(tmp_path: Path) -> None:
    folder = _layout(tmp_path, ["good.txt", "link.txt"])
    os.symlink(tmp_path / "secret.txt", folder / "link.txt")
    items, errors = _split(list(iter_items([str(folder)])))
    assert [i.source for i in items] == [str(folder / "good.txt")]
    assert len(errors) == 1 and "link.txt" in errors[0].reason


def test_explicit_manifest_is_held_to_its_folder_too(tmp_path: Path) -> None:
    folder = _layout(tmp_path, ["good.txt", "../secret.txt"])
    items, errors = _split(list(iter_items([], manifest=str(folder / "manifest.csv"))))
    assert [i.source for i in items] == [str(folder / "good.txt")]
    assert len(errors) == 1


def test_jsonl_manifest_too(tmp_path: Path) -> None:
    folder = _layout(tmp_path, ["good.txt"])
    (folder / "manifest.csv").unlink()
    (folder / "manifest.jsonl").write_text('{"path": "good.txt"}\n{"path": "../secret.txt"}\n',
                                           encoding="utf-8")
    items, errors = _split(list(iter_items([str(folder)])))
    assert len(items) == 1 and len(errors) == 1 and errors[0].path.endswith("manifest.jsonl:2")


def test_the_setting_allows_outside_paths(tmp_path: Path) -> None:
    folder = _layout(tmp_path, ["good.txt", "../secret.txt"])
    config = DEFAULT_CONFIG.with_overrides(allow_outside_manifest=True)
    items, errors = _split(list(iter_items([str(folder)], config=config)))
    assert not errors and [i.text for i in items] == [ARTICLE, SECRET]


def test_cli_flag_allows_outside_paths(tmp_path: Path) -> None:
    folder = _layout(tmp_path, ["good.txt", "../secret.txt"])
    db = tmp_path / "db.sqlite"
    assert main(["ingest", "-q", "--db", str(db), str(folder)]) == 1
    assert main(["ingest", "-q", "--db", str(db), "--allow-outside-manifest", str(folder)]) == 0
    conn = sqlite3.connect(db)
    assert sorted(r[0] for r in conn.execute("SELECT raw_text FROM documents")) == sorted([ARTICLE, SECRET])
    conn.close()

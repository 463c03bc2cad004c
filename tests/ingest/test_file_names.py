"""File names that are not plain text: bytes that are not UTF-8, newlines, control characters.

A name is data from outside like any other: it must neither crash a batch
(issue 9 §2: a name with an invalid UTF-8 byte crashed ingest in the document
id) nor forge extra lines in error messages (§4).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from consilience import cli
from consilience.errors import InputError, path_text, shown_path
from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem
from consilience.ingest.readers import iter_items
from consilience.store import Store
from consilience.pipeline import ingest

TEXT = "Azerbaijani forces shelled the town of Tartar on Monday, officials in Baku said.\n"

needs_bytes_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                       reason="the file system must accept any bytes in names")


@needs_bytes_names
def test_name_with_invalid_utf8_is_read_and_files_after_it_too(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    for name in (b"a.txt", b"m\xffname.txt", b"z.txt"):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
            fh.write(TEXT.replace("Monday", name.decode("latin-1")))
    results = list(iter_items([str(tmp_path)]))
    assert all(isinstance(r, RawItem) for r in results), results
    sources = [r.source for r in results]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path) + "/m\\xffname.txt", str(tmp_path / "z.txt")]
    docs = [build_document(r) for r in results]          # crashed here: UnicodeEncodeError in the id
    assert len({d.id for d in docs}) == 3
    for doc in docs:
        doc.source.encode("utf-8")
        doc.source_key.encode("utf-8")


@needs_bytes_names
def test_name_with_invalid_utf8_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (b"m\xffname.txt", b"z.txt"):
        with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as fh:
            fh.write(TEXT.replace("Monday", name.decode("latin-1")))
    with Store(str(tmp_path / "db.sqlite")) as store:
        result = ingest(store, [str(folder)])
        assert len(result.added) == 2 and not result.errors
        stored = sorted(r[0] for r in store.conn.execute("SELECT source FROM documents"))
    assert stored[0].endswith("m\\xffname.txt")


def test_path_text_and_shown_path() -> None:
    assert path_text("plain/name.txt") == "plain/name.txt"
    assert path_text(os.fsdecode(b"m\xffname.txt")) == "m\\xffname.txt"
    assert path_text("lone\ud800.txt") == "lone\\ud800.txt"
    assert shown_path("plain name.txt") == "plain name.txt"
    assert shown_path("a\nerror: forged.txt") == "'a\\nerror: forged.txt'"
    assert "\x1b" not in shown_path("a\x1b[31mred.txt")


def test_input_error_is_one_line() -> None:
    err = InputError("a\nC100 forged.txt: is fine\r", "is empty\nerror: another")
    assert "\n" not in str(err) and "\r" not in str(err)
    assert str(err).startswith("C100 'a\\nC100 forged.txt")
    assert err.path == "a\nC100 forged.txt: is fine\r"   # the name itself is kept for the store


@pytest.mark.skipif(sys.platform == "win32", reason="newlines in file names")
def test_cli_error_line_for_a_name_with_a_newline_cannot_forge_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "x\nerror: C100 forged.txt: is a forged line").write_bytes(b"")
    code = cli.main(["ingest", "-q", "--db", str(tmp_path / "db.sqlite"), str(folder)])
    assert code == 1
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert not any(ln.startswith("error: C100 forged") for ln in lines), lines
    assert any("'" in ln and "\\nerror: C100 forged.txt" in ln for ln in lines), lines

"""Bad input: every problem is one InputError naming the file, and the batch goes on.

Each test puts the bad input between good ones and checks both that the error
names the right file (entry, line or record) with a reason, and that the good
inputs were still read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers import iter_items
from consilience.ingest.readers.base import Origin
from consilience.ingest.readers.decode import DecodeError, decode_bytes
from consilience.ingest.readers.fetch import FetchError, make_fetcher
from consilience.ingest.readers.jsonl import read_jsonl

ARTICLE = ("Armenian and Azerbaijani forces exchanged heavy artillery fire overnight near the town, "
           "the defence ministry said on Thursday, adding that several villages were hit.")


def page(title: str = "Report") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1><p>{ARTICLE}</p><p>{ARTICLE[::-1]}</p></article></body></html>")


def good_file(tmp_path: Path, name: str = "good.txt") -> Path:
    path = tmp_path / name
    path.write_text("A good report about the fighting.\n", encoding="utf-8")
    return path


def run(paths: list[Path | str], **kwargs: object) -> tuple[list[RawItem], list[InputError]]:
    results = list(iter_items([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]
    items = [r for r in results if isinstance(r, RawItem)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(items) + len(errors) == len(results)
    return items, errors


def one_error_and_the_good_ones(tmp_path: Path, bad: Path, **kwargs: object) -> InputError:
    """Run [good, bad, good2]; assert both good files were read and return the one error."""
    first, second = good_file(tmp_path, "a_good.txt"), good_file(tmp_path, "z_good.txt")
    items, errors = run([first, bad, second], **kwargs)
    assert [i.source for i in items] == [str(first), str(second)]
    assert len(errors) == 1, errors
    assert errors[0].reason and str(errors[0]).startswith("C100 ")
    return errors[0]


# ---------------------------------------------------------------------------
# Whole files
# ---------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad) and "empty" in error.reason


def test_whitespace_only_file(tmp_path: Path) -> None:
    bad = tmp_path / "blank.txt"
    bad.write_text(" \n\t\n", encoding="utf-8")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad) and "no text" in error.reason


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    bad = tmp_path / "blob.txt"
    bad.write_bytes(b"some text\x00\x01\x02\x00\xff\xfe more" * 20)
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad) and "binary" in error.reason


def test_mostly_non_text_bytes_without_nul(tmp_path: Path) -> None:
    rng = random.Random(7)
    bad = tmp_path / "noise.dat"
    bad.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad)
    assert "binary" in error.reason or "not text" in error.reason


def test_known_binary_format_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "report"
    bad.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert "PDF" in error.reason and "pdftotext" in error.reason


@pytest.mark.parametrize("data", [b"", b"\x00\x00\x00binary\x00", b"\xff\xfe\x00\xd8"])
def test_decode_bytes_rejects_what_is_not_text(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_utf16_without_bom_is_still_read() -> None:
    text = "Stepanakert was shelled again on Sunday."
    assert decode_bytes(text.encode("utf-16-le")) == text


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    error = one_error_and_the_good_ones(tmp_path, missing)
    assert error.path == str(missing) and "does not exist" in error.reason


def test_html_with_no_main_text(tmp_path: Path) -> None:
    bad = tmp_path / "index.html"
    bad.write_text("<html><head><title>Index</title></head><body><div> </div></body></html>",
                   encoding="utf-8")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad) and "no main text" in error.reason


def test_truncated_gzip_text(tmp_path: Path) -> None:
    data = gzip.compress(("A long report about the shelling. " * 400).encode())
    bad = tmp_path / "report.txt.gz"
    bad.write_bytes(data[: len(data) // 2])
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad) and "truncated" in error.reason


def test_gzip_text_reads_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "report.txt.gz"
    path.write_bytes(gzip.compress(b"Compressed report."))
    (item,), errors = run([path])
    assert errors == [] and item.text == "Compressed report."


def test_truncated_gzip_jsonl_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Article {n}. " + "x" * 300}) + "\n" for n in range(1, 201))
    data = gzip.compress(lines.encode(), compresslevel=1)
    bad = tmp_path / "batch.jsonl.gz"
    bad.write_bytes(data[: len(data) * 3 // 4])
    items, errors = run([bad])
    assert len(errors) == 1 and "truncated" in errors[0].reason
    assert errors[0].path.startswith(f"{bad}:")
    assert 0 < len(items) < 200
    assert [i.text.split(".")[0] for i in items] == [f"Article {n}" for n in range(1, len(items) + 1)]


# ---------------------------------------------------------------------------
# Size limits
# ---------------------------------------------------------------------------


def test_huge_text_file_is_rejected_by_size_before_reading(tmp_path: Path) -> None:
    bad = tmp_path / "huge.txt"
    with open(bad, "wb") as fh:  # a sparse file of NUL bytes: were it read, it would be "binary"
        fh.truncate(DEFAULT_CONFIG.max_document_chars * 4 + 1)
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad)
    assert "byte limit" in error.reason and "binary" not in error.reason


def test_huge_html_file_is_rejected_with_a_small_limit(tmp_path: Path) -> None:
    config = Config(max_document_chars=100)
    bad = tmp_path / "big.html"
    bad.write_text(page(), encoding="utf-8")
    assert bad.stat().st_size > 400
    error = one_error_and_the_good_ones(tmp_path, bad, config=config)
    assert "byte limit" in error.reason


def test_decoded_text_longer_than_max_document_chars(tmp_path: Path) -> None:
    config = Config(max_document_chars=100)
    bad = tmp_path / "long.txt"
    bad.write_text("word " * 30, encoding="utf-8")  # 150 chars, under the 400-byte limit
    error = one_error_and_the_good_ones(tmp_path, bad, config=config)
    assert "150 characters" in error.reason and "max_document_chars" in error.reason


def test_gzip_that_decompresses_past_the_limit(tmp_path: Path) -> None:
    config = Config(max_document_chars=100)
    bad = tmp_path / "bomb.txt.gz"
    bad.write_bytes(gzip.compress(b"a" * 100_000))
    error = one_error_and_the_good_ones(tmp_path, bad, config=config)
    assert "decompresses" in error.reason


class _MeteredStream(io.BytesIO):
    """Records the largest single read, to show long lines are never held whole."""

    largest = 0

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        line = super().readline(size)
        self.largest = max(self.largest, len(line))
        return line

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.largest = max(self.largest, len(data))
        return data


def test_overlong_jsonl_line_is_skipped_in_chunks() -> None:
    config = Config(max_line_chars=50)
    long_line = json.dumps({"text": "y" * 1_000_000})
    data = (json.dumps({"text": "before"}) + "\n" + long_line + "\n" + json.dumps({"text": "after"}) + "\n")
    stream = _MeteredStream(data.encode())
    results = list(read_jsonl(stream, Origin("dump.jsonl", "/abs/dump.jsonl"), config))
    assert [r.text for r in results if isinstance(r, RawItem)] == ["before", "after"]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.path for e in errors] == ["dump.jsonl:2"]
    assert "max_line_chars" in errors[0].reason
    assert stream.largest < len(long_line) // 10


def test_jsonl_line_just_over_the_char_limit(tmp_path: Path) -> None:
    config = Config(max_line_chars=60)
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": "z" * 70}) + "\n" + json.dumps({"text": "ok"}) + "\n",
                    encoding="utf-8")
    items, errors = run([path], config=config)
    assert [i.text for i in items] == ["ok"]
    assert [e.path for e in errors] == [f"{path}:1"]


# ---------------------------------------------------------------------------
# JSONL lines
# ---------------------------------------------------------------------------


def test_malformed_jsonl_lines_are_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"text": "Good one."}),
        '{"text": "unterminated',
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
        json.dumps({"html": "<html><body><div></div></body></html>"}),
        "",
        json.dumps({"text": "Good two."}),
    ]
    with open(path, "wb") as fh:
        fh.write(("\n".join(lines) + "\n").encode())
        fh.write(b'{"text": "caf\xe9"}\n')
        fh.write(json.dumps({"text": "Good three."}).encode() + b"\n")
    items, errors = run([path])
    assert [i.text for i in items] == ["Good one.", "Good two.", "Good three."]
    by_line = {e.path: e.reason for e in errors}
    assert list(by_line) == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 9)]
    assert "not valid JSON" in by_line[f"{path}:2"]
    assert "not an object" in by_line[f"{path}:3"]
    assert "'text' or 'html'" in by_line[f"{path}:4"] and "'text' or 'html'" in by_line[f"{path}:5"]
    assert "no main text" in by_line[f"{path}:6"]
    assert "UTF-8" in by_line[f"{path}:9"]


# ---------------------------------------------------------------------------
# Feeds
# ---------------------------------------------------------------------------


def test_malformed_feed(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rss"
    bad.write_text("<rss><channel><title>Cut", encoding="utf-8")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path.startswith(str(bad))
    assert "feed" in error.reason or "XML" in error.reason


def test_not_a_feed_at_all(tmp_path: Path) -> None:
    bad = tmp_path / "data.xml"
    bad.write_text("this is not xml at all", encoding="utf-8")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert error.path == str(bad) and "not a well-formed RSS or Atom feed" in error.reason


def test_feed_with_no_entries(tmp_path: Path) -> None:
    bad = tmp_path / "empty.rss"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                   "<link>https://x.example</link><description>d</description></channel></rss>",
                   encoding="utf-8")
    error = one_error_and_the_good_ones(tmp_path, bad)
    assert "no entries" in error.reason


def test_feed_entry_without_text_says_to_fetch(tmp_path: Path) -> None:
    path = tmp_path / "titles.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    "<item><title>Only a title</title><link>https://x.example/1</link></item>"
                    "<item><title>Has text</title><description>Body text.</description></item>"
                    "</channel></rss>", encoding="utf-8")
    items, errors = run([path])
    assert [e.path for e in errors] == [f"{path}#1"] and "--fetch" in errors[0].reason
    assert [i.text for i in items] == ["Body text."]


# ---------------------------------------------------------------------------
# WARC
# ---------------------------------------------------------------------------


def _warc(path: Path, n: int, *, gz: bool) -> list[int]:
    """Write n HTML responses after a warcinfo record; return each record's end offset."""
    ends: list[int] = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        ends.append(fh.tell())
        for i in range(n):
            body = page(f"Story {i + 1}").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i + 1}", "response", payload=io.BytesIO(body),
                length=len(body), http_headers=http))
            ends.append(fh.tell())
    return ends


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("where", ["payload", "header"])
def test_truncated_warc_record(tmp_path: Path, gz: bool, where: str) -> None:
    bad = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ends = _warc(bad, 3, gz=gz)
    # Cut the last record (record 4: warcinfo is record 1) in its payload or in its headers.
    cut = ends[-1] - 60 if where == "payload" else ends[-2] + 40
    with open(bad, "r+b") as fh:
        fh.truncate(cut)
    first, second = good_file(tmp_path, "a_good.txt"), good_file(tmp_path, "z_good.txt")
    items, errors = run([first, bad, second])
    assert [i.source_key for i in items] == [os.path.abspath(first), "https://news.example/1",
                                             "https://news.example/2", os.path.abspath(second)]
    assert [e.path for e in errors] == [f"{bad}#4"]
    assert "record 4" in errors[0].reason and "truncated" in errors[0].reason


def test_warc_page_over_the_size_limit_is_one_records_error(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    _warc(path, 2, gz=False)
    items, errors = run([path], config=Config(max_document_chars=60))
    assert items == []
    assert [e.path for e in errors] == [f"{path}#2", f"{path}#3"]
    assert all("larger than" in e.reason for e in errors)


# ---------------------------------------------------------------------------
# Folders and manifests
# ---------------------------------------------------------------------------


def test_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    error = one_error_and_the_good_ones(tmp_path, folder)
    assert error.path == str(folder) and "no readable documents" in error.reason


def test_folder_with_only_skipped_files(tmp_path: Path) -> None:
    folder = tmp_path / "skipped"
    folder.mkdir()
    (folder / ".hidden").write_text("x", encoding="utf-8")
    (folder / "README.txt").write_text("x", encoding="utf-8")
    error = one_error_and_the_good_ones(tmp_path, folder)
    assert "no files to read" in error.reason


def test_folder_whose_files_all_fail(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"\x00\x01")
    items, errors = run([folder])
    assert items == []
    assert [os.path.basename(e.path) for e in errors] == ["a.txt", "b.txt", "bad"]
    assert "none of its 2 file(s)" in errors[-1].reason


def test_manifest_listing_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "here.txt").write_text("Present.", encoding="utf-8")
    (folder / "manifest.csv").write_text("path,outlet\ngone.txt,X\n,Y\nhere.txt,Z\n", encoding="utf-8")
    items, errors = run([folder])
    assert [(i.text, i.meta["outlet"]) for i in items] == [("Present.", "Z")]
    assert [e.path for e in errors] == [str(folder / "manifest.csv") + ":3", str(folder / "gone.txt")]
    assert "no path" in errors[0].reason
    assert "does not exist" in errors[1].reason and "manifest.csv (line 2)" in errors[1].reason


def test_manifest_without_a_path_column(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("A.", encoding="utf-8")
    (folder / "manifest.csv").write_text("file,outlet\na.txt,X\n", encoding="utf-8")
    items, errors = run([folder, good_file(tmp_path)])
    assert [i.source for i in items] == [str(tmp_path / "good.txt")]
    assert errors[0].path == str(folder / "manifest.csv") and "'path' column" in errors[0].reason


def test_explicit_manifest_that_cannot_be_read(tmp_path: Path) -> None:
    missing = tmp_path / "list.csv"
    items, errors = run([good_file(tmp_path)], manifest=str(missing))
    assert items == [] and [e.path for e in errors] == [str(missing)]


def test_explicit_manifest_listing_nothing_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    good_file(folder)
    manifest = tmp_path / "list.csv"
    manifest.write_text("path\nelsewhere/a.txt\n", encoding="utf-8")
    items, errors = run([folder], manifest=str(manifest))
    assert items == []
    assert errors[0].path == str(folder) and "relative to the manifest" in errors[0].reason


def test_empty_stdin() -> None:
    items, errors = run(["-"], stdin=io.BytesIO(b""))
    assert items == [] and [e.path for e in errors] == ["-"] and "empty" in errors[0].reason


def test_feed_cut_off_after_an_entry_keeps_that_entry(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    "<item><title>A</title><description>Body A.</description></item>"
                    "<item><title>B</title><descrip", encoding="utf-8")
    items, errors = run([path])
    assert [i.text for i in items] == ["Body A."]
    assert errors[0].path == str(path) and "not well-formed XML" in errors[0].reason


def test_default_fetcher_refuses_non_http_urls_without_any_network() -> None:
    fetch = make_fetcher(1000)
    for url in ("file:///etc/passwd", "ftp://x.example/a", "relative/path", "http:///no-host"):
        with pytest.raises(FetchError):
            fetch(url)

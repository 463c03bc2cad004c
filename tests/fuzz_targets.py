"""Fuzz targets: every reader, cleaning and ``extract_document``, each taking bytes.

Shared by the Hypothesis suite (``tests/ingest/test_fuzz.py``, a few hundred
inputs) and ``bench/fuzz.py`` (10,000 or more per target, atheris or
Hypothesis).  A target fails only by raising an exception that is not the
project's own: readers report bad input as :class:`InputError` values or
raise :class:`ConsilienceError`, :class:`DecodeError` or :class:`ManifestError`.

``SAMPLES`` are structured starting points per target (what a coverage-guided
fuzzer mutates, and what the Hypothesis strategies splice random bytes into)
so that generated inputs reach past the first format check.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from collections.abc import Callable
from typing import Any

from consilience.config import DEFAULT_CONFIG
from consilience.errors import ConsilienceError
from consilience.ingest.items import RawItem
from consilience.ingest.readers.base import Origin
from consilience.ingest.readers.decode import DecodeError

#: Small limits so that generated inputs also cross them.
CONFIG = DEFAULT_CONFIG.with_overrides(max_document_chars=5_000, max_line_chars=2_000)
PROJECT_ERRORS: tuple[type[BaseException], ...] = (ConsilienceError, DecodeError)


def _origin() -> Origin:
    return Origin("fuzz.bin", "/fuzz/fuzz.bin", {})


def _consume(results: Any) -> int:
    n = 0
    for result in results:
        assert isinstance(result, (RawItem, ConsilienceError)), type(result)
        n += 1
    return n


def decode(data: bytes) -> None:
    from consilience.ingest.readers.decode import decode_noted

    try:
        text, _note = decode_noted(data)
    except DecodeError:
        return
    assert isinstance(text, str)


def text(data: bytes) -> None:
    from consilience.ingest.readers.text import read_text

    _consume([read_text(data, _origin(), CONFIG)])


def html(data: bytes) -> None:
    from consilience.ingest.readers.html import html_item

    _consume([html_item(data, _origin(), CONFIG)])


def jsonl(data: bytes) -> None:
    from consilience.ingest.readers.jsonl import read_jsonl

    _consume(read_jsonl(io.BytesIO(data), _origin(), CONFIG))


def feed(data: bytes) -> None:
    from consilience.ingest.readers.feed import read_feed

    _consume(read_feed(data, _origin(), CONFIG))


def warc(data: bytes) -> None:
    from consilience.ingest.readers.warc import read_warc

    _consume(read_warc(io.BytesIO(data), _origin(), CONFIG))


def _in_folder(files: dict[str, bytes], paths: list[str], **kwargs: Any) -> None:
    from consilience.ingest.readers import iter_items

    with tempfile.TemporaryDirectory() as tmp:
        for name, content in files.items():
            with open(os.path.join(tmp, name), "wb") as fh:
                fh.write(content)
        _consume(iter_items([os.path.join(tmp, p) for p in paths], config=CONFIG, **kwargs))


def manifest(data: bytes) -> None:
    """A folder whose manifest is ``data`` (CSV, then JSONL), listing files that exist or not."""
    files = {"a.txt": b"First article about the fighting.\n", "b.html": b"<p>Second article.</p>"}
    _in_folder({**files, "manifest.csv": data}, ["."])
    _in_folder({**files, "manifest.jsonl": data}, ["."])


def sources(data: bytes) -> None:
    """A file of unknown type (sniffed), and the same gzipped, given by path."""
    _in_folder({"input": data, "input.gz": gzip.compress(data, mtime=0)}, ["input", "input.gz"])


def clean(data: bytes) -> None:
    """Cleaning and the document builder on any text."""
    from consilience.ingest.document import build_document

    raw = data.decode("utf-8", errors="replace")
    meta = {"title": raw[:40], "published": raw[-12:]} if len(raw) > 60 else {}
    try:
        doc = build_document(RawItem("fuzz.txt", "/fuzz.txt", "text", raw, meta), CONFIG)
    except ConsilienceError:
        return
    for seg in doc.offset_map.segments:
        assert doc.text[seg.clean_start:seg.clean_start + seg.length] == \
            raw[seg.raw_start:seg.raw_start + seg.length]


_NLP: list[Any] = []


def extract(data: bytes) -> None:
    """``extract_document`` on a document built from any text (small sections, to cross them)."""
    from consilience.extract.document import extract_document
    from consilience.ingest.document import build_document
    from consilience.nlp.pipeline import build_pipeline

    if not _NLP:
        _NLP.append(build_pipeline())
    raw = data.decode("utf-8", errors="replace")
    try:
        doc = build_document(RawItem("fuzz.txt", "/fuzz.txt", "text", raw, {"language": "en"}), CONFIG)
    except ConsilienceError:
        return
    config = CONFIG.with_overrides(extract_section_chars=200)
    records = extract_document(doc, _NLP[0], config=config)
    for kind in ("mentions", "places", "dates", "figures", "claims", "events"):
        for record in getattr(records, kind):
            assert 0 <= record.start <= record.end <= len(doc.text), (kind, record)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "decode": decode, "text": text, "html": html, "jsonl": jsonl, "feed": feed, "warc": warc,
    "manifest": manifest, "sources": sources, "clean": clean, "extract": extract,
}


def _warc_sample() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    body = (b"<html><head><title>Shelling</title></head><body><article><p>Azerbaijani forces shelled "
            b"Tartar on Monday, officials said.</p></article></body></html>")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/a", "response", payload=io.BytesIO(body),
                                                  length=len(body), http_headers=headers))
    return out.getvalue()


ARTICLE = ("Shelling continues near Tartar\nBy A Reporter\n\n\"We will not leave,\" a resident of "
           "Stepanakert said on Monday, October 5, 2020.\nAzerbaijan's defence ministry said 12 soldiers "
           "were killed and 3 wounded in the fighting near the front line.\n")


def _mutate(sample: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, cut, insert in edits:
        at = position % (len(sample) + 1)
        sample = sample[:at] + insert + sample[at + cut:]
    return sample


def inputs(target: str) -> Any:
    """A Hypothesis strategy for ``target``: random bytes, or a sample with random edits."""
    from hypothesis import strategies as st

    edits = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 16), st.binary(max_size=12)), max_size=8)
    return st.one_of(st.binary(max_size=400), st.builds(_mutate, st.sampled_from(samples()[target]), edits))


def samples() -> dict[str, list[bytes]]:
    """Structured seed inputs per target."""
    article = ARTICLE.encode("utf-8")
    page = (b"<!doctype html><html><head><meta charset='utf-8'><title>Shelling</title></head><body>"
            b"<article><h1>Shelling</h1><p>" + article + b"</p></article></body></html>")
    line = json.dumps({"text": ARTICLE, "title": "Shelling", "url": "https://example.org/a",
                       "published": "2020-10-05", "language": "en"}).encode()
    rss = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>News</title><item><title>Shelling"
           b"</title><link>https://example.org/a</link><description>&lt;p&gt;" + article +
           b"&lt;/p&gt;</description><pubDate>Mon, 05 Oct 2020 10:00:00 GMT</pubDate></item></channel></rss>")
    atom = (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>N</title><entry>"
            b"<title>S</title><link href='https://example.org/a'/><content type='html'>" + article +
            b"</content><updated>2020-10-05T10:00:00Z</updated></entry></feed>")
    manifest_csv = b"path,outlet,published,language,title\na.txt,Reuters,2020-10-05,en,Shelling\nb.html,,,,\n"
    manifest_jsonl = b'{"path": "a.txt", "outlet": "AFP"}\n{"path": "../x.txt"}\n'
    wrapped = ("Shelling continues\n\n" + "The defence ministry said on Monday that the town of Tartar was\n"
               "shelled again overnight and that several civilians were wounded in\nthe attack.\n") * 3
    return {
        "decode": [article, article.replace(b"g", b"\xff"), "café".encode("cp1252"), b"\xff\xfe" + "ab".encode("utf-16-le")],
        "text": [article, wrapped.encode()],
        "html": [page, b"<div>" * 300 + article + b"</div>" * 300],
        "jsonl": [line + b"\n" + line, b'{"html": "<p>' + article.replace(b"\n", b" ").replace(b'"', b"'") + b'</p>"}'],
        "feed": [rss, atom],
        "warc": [_warc_sample()],
        "manifest": [manifest_csv, manifest_jsonl],
        "sources": [article, page, line, rss, _warc_sample(), b"SQLite format 3\x00" + bytes(100)],
        "clean": [article, wrapped.encode()],
        "extract": [article, wrapped.encode()[:300]],
    }

"""Which reader an input needs, from its name and its first bytes.

Why both: extensions are what users expect to control the reader (a ``.txt``
that quotes HTML is still text), but saved pages, stdin and files without an
extension only say what they are in their content.  Known binary formats are
named so that the error can say what to do ("convert the PDF to text").
"""

from __future__ import annotations

import json
import os
import re

GZIP_MAGIC = b"\x1f\x8b"

#: Format names the readers understand.
TEXT, HTML, JSONL, FEED, WARC = "text", "html", "jsonl", "feed", "warc"

_EXTENSIONS: dict[str, str] = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".rss": FEED, ".atom": FEED, ".xml": FEED,
    ".warc": WARC, ".arc": WARC,
}

# (magic prefix, what it is, what to do)
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "is a PDF document, not text; convert it to text first (e.g. with pdftotext)"),
    (b"PK\x03\x04", "is a ZIP archive (or a .docx/.epub/.odt); unpack it or export the article as text"),
    (b"\x89PNG", "is a PNG image, not text"),
    (b"\xff\xd8\xff", "is a JPEG image, not text"),
    (b"GIF8", "is a GIF image, not text"),
    (b"\x7fELF", "is a program (ELF binary), not text"),
    (b"BZh", "is bzip2-compressed; decompress it (only gzip .gz is read directly)"),
    (b"\xfd7zXZ\x00", "is xz-compressed; decompress it (only gzip .gz is read directly)"),
    (b"7z\xbc\xaf\x27\x1c", "is a 7-Zip archive; unpack it first"),
    (b"\xd0\xcf\x11\xe0", "is an old Microsoft Office document; export the article as text"),
)

_BOM_OR_SPACE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


def inner_name(name: str) -> tuple[str, bool]:
    """The name without a ``.gz`` suffix, and whether the name said gzip."""
    if name.lower().endswith(".gz"):
        return name[:-3], True
    return name, False


def format_from_name(name: str) -> str | None:
    """The format an extension names, or ``None`` when it must be sniffed."""
    ext = os.path.splitext(name)[1].lower()
    return _EXTENSIONS.get(ext)


def binary_problem(head: bytes) -> str | None:
    """Why ``head`` is a known binary format that no reader takes, or ``None``."""
    for magic, reason in _BINARY_SIGNATURES:
        if head.startswith(magic):
            return reason
    return None


def sniff_content(head: bytes) -> str:
    """The format of an input from its first few kilobytes (decompressed)."""
    if head.startswith(b"WARC/"):
        return WARC
    body = head[_BOM_OR_SPACE.match(head).end():]  # type: ignore[union-attr]
    start = body[:1024]
    if body.startswith(b"<"):
        if _HTML_START.search(start):
            return HTML
        if _FEED_ROOT.search(start):
            return FEED
        if body.startswith(b"<?xml"):
            return FEED
    if body.startswith(b"{") and _first_line_is_object(body):
        return JSONL
    return TEXT


def _first_line_is_object(body: bytes) -> bool:
    """A JSONL file's first line is a whole object; a pretty-printed JSON file's is not."""
    newline = body.find(b"\n")
    if newline < 0:
        # The first line is longer than the sample: trust the shape of its start.
        return body.startswith(b'{"')
    try:
        return isinstance(json.loads(body[:newline]), dict)
    except ValueError:
        return False


def detect(name: str, head: bytes) -> str:
    """The reader for a file called ``name`` whose (decompressed) content starts with ``head``."""
    by_name = format_from_name(name)
    if by_name is not None:
        if by_name == FEED and _HTML_START.match(head[_BOM_OR_SPACE.match(head).end():]):  # type: ignore[union-attr]
            return HTML  # an .xml that is really an XHTML page
        return by_name
    return sniff_content(head)

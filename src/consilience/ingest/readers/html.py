"""HTML pages: the article's main text and metadata, via trafilatura.

Why trafilatura: it drops navigation, ads and comment threads and keeps
paragraphs as lines, which is what the extractors want, and it reads title,
author, date and site name from the page's metadata.  Its output text is the
"raw" layer of an HTML document: cleaned offsets map back to it, not to markup.

Feed entries carry HTML *fragments* (a summary, a content:encoded body) that
are too short for trafilatura's main-text heuristics; :func:`fragment_to_text`
turns those into text with lxml, keeping block elements as lines.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from consilience.config import Config
from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers.base import (
    Origin,
    build_item,
    container_manifest,
    merge_meta,
    normalise_newlines,
)
from consilience.ingest.readers.decode import (
    DecodeError,
    declared_html_charset,
    decode_noted,
)
from consilience.ingest.readers.html_deep import rescue

#: trafilatura metadata field -> RawItem meta key.
_META_FIELDS: dict[str, str] = {
    "title": "title", "author": "author", "date": "published", "sitename": "sitename", "url": "url",
}

NO_MAIN_TEXT = ("has no main text that could be extracted from the HTML (an index page, a page "
                "that needs JavaScript, or an empty page?); save the article page itself or its text")
NO_TEXT_AT_ALL = ("has no main text: its HTML holds no visible text at all (an empty page, or one that "
                  "builds its text with JavaScript); save the article's text instead")


@cache
def _quiet_trafilatura() -> None:
    """trafilatura logs its own warnings ("discarding data: None") without naming the file;
    the reader's error says what happened, with the file name, instead."""
    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """HTML bytes as text, honouring a charset the page or its HTTP header declares."""
    return decode_html_noted(data, declared)[0]


def decode_html_noted(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """:func:`decode_html` with the decoding's note (see ``decode_noted``)."""
    return decode_noted(data, declared=declared or declared_html_charset(data))


def extract_html(html: Any, url: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The main text and metadata of a page (text or a parsed lxml tree), or ``None``
    when it has no main text."""
    _quiet_trafilatura()
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, include_tables=True)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
    if doc is None:
        return None
    found = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = normalise_newlines(found.get("text") or "")
    if not text.strip():
        return None
    meta = {key: found.get(field) for field, key in _META_FIELDS.items()}
    return text, meta


def html_item(data: bytes, origin: Origin, config: Config, fmt: str = "html", *,
              declared: str | None = None, url: str | None = None,
              own: tuple[str, dict[str, Any]] | None = None) -> RawItem | InputError:
    """One item from an HTML page.

    ``own`` is metadata the container gave for this page (``("warc", {...})``);
    it wins over what the page says, which wins over the manifest's defaults
    for containers.  For a page that is itself a manifest entry the manifest
    wins.
    """
    try:
        html, note = decode_html_noted(data, declared)
    except DecodeError as exc:
        return origin.error(exc.reason)
    return html_text_item(html, origin, config, fmt, url=url, own=own, notes=(note,) if note else ())


def html_text_item(html: str, origin: Origin, config: Config, fmt: str = "html", *,
                   url: str | None = None,
                   own: tuple[str, dict[str, Any]] | None = None,
                   notes: tuple[str, ...] = ()) -> RawItem | InputError:
    """Like :func:`html_item` for HTML that is already text (a JSONL ``html`` field)."""
    if len(html) > 4 * config.max_document_chars:
        return origin.error(
            f"has {len(html):,} characters of HTML, more than 4 x max_document_chars; "
            "split it or raise that setting")
    extracted = extract_html(html, url)
    if extracted is None:
        second = rescue(html, url, extract_html)    # nested deeper than the parser goes?
        if second.text is None:
            return origin.error(NO_TEXT_AT_ALL if second.empty else NO_MAIN_TEXT)
        extracted = normalise_newlines(second.text), second.meta
        notes = (*notes, second.note) if second.note else notes
    text, page_meta = extracted
    if own is None:
        meta = merge_meta(("manifest", origin.manifest), ("html", page_meta))
    else:
        meta = merge_meta(own, ("html", page_meta), ("manifest", container_manifest(origin.manifest)))
    return build_item(origin, fmt, text, meta, config, notes=notes)


_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "ul", "br",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment: one line per block element, whitespace collapsed."""
    if "<" not in fragment:
        return tidy_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return tidy_text(fragment)
    parts: list[str] = []
    skipping = pre = 0

    def add(text: str | None) -> None:
        # Newlines in markup are spaces, except inside <pre>.
        if text and not skipping:
            parts.append(text if pre else _spaced(text))

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            skipping += tag in _SKIP_TAGS
            pre += tag == "pre"
            if not skipping and tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag is not None:
                add(el.text)
        else:
            skipping -= tag in _SKIP_TAGS
            pre -= tag == "pre"
            if not skipping and tag in _BLOCK_TAGS:
                parts.append("\n")
            if el is not root:
                add(el.tail)
    return tidy_text("".join(parts))


def _spaced(text: str) -> str:
    """Whitespace runs (newlines included) as one space; edge spaces separate inline runs."""
    return re.sub(r"\s+", " ", text)


def tidy_text(text: str) -> str:
    """Whitespace collapsed within lines; blank lines dropped."""
    lines = (" ".join(line.split()) for line in normalise_newlines(text).split("\n"))
    return "\n".join(line for line in lines if line)

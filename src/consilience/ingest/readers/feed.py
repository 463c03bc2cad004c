"""RSS and Atom feeds: one item per entry, optionally fetching each entry's page.

Why feedparser gets a stream, never a string: ``feedparser.parse`` treats a
string (and even bytes) as a URL or a file name to open, so a feed's content
or a crafted path could make it read files or the network.  A ``BytesIO``
is only ever read.
"""

from __future__ import annotations

import io
import time
import xml.sax
from collections.abc import Iterator
from typing import Any

import feedparser

from consilience.config import Config
from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers.base import (
    Origin,
    build_item,
    container_manifest,
    merge_meta,
)
from consilience.ingest.readers.fetch import Fetcher, is_fetchable
from consilience.ingest.readers.html import fragment_to_text, html_item, tidy_text


def read_feed(data: bytes, origin: Origin, config: Config, *, fetch: bool = False,
              fetcher: Fetcher | None = None) -> Iterator[RawItem | InputError]:
    """Yield one item or error per entry of the feed in ``data``."""
    parsed = feedparser.parse(io.BytesIO(data))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries:
        if problem is not None:
            yield origin.error(f"is not a well-formed RSS or Atom feed ({problem}); "
                               "check that the file is the feed itself and not cut off")
        else:
            yield origin.error("is a feed with no entries; nothing to read")
        return
    if isinstance(problem, xml.sax.SAXException):
        yield origin.error(f"is not well-formed XML ({problem}); the entries before the "
                           "problem were read, check whether the file is cut off")
    fmt = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    sitename = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_item(entry, origin.entry(number), fmt, sitename, config, fetch, fetcher)


def _entry_item(entry: Any, where: Origin, fmt: str, sitename: str | None, config: Config,
                fetch: bool, fetcher: Fetcher | None) -> RawItem | InputError:
    link = entry.get("link")
    own_values: dict[str, Any] = {
        "title": entry.get("title"),
        "url": link if isinstance(link, str) and is_fetchable(link) else None,
        "published": _iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        "author": entry.get("author"),
        "sitename": sitename,
    }
    own = ("feed", own_values)
    if fetch and own_values["url"]:
        return _fetched_item(own_values["url"], where, fmt, own, config, fetcher)
    if fetch and link:
        return where.error(f"has a link that is not an http(s) URL ({link!r}); it was not fetched")
    text = _entry_text(entry)
    if not text:
        return where.error("has no text in the feed (only a title or link); "
                           "use fetching (--fetch) to download the linked page")
    meta = merge_meta(own, ("manifest", container_manifest(where.manifest)))
    return build_item(where, fmt, text, meta, config)


def _fetched_item(url: str, where: Origin, fmt: str, own: tuple[str, dict[str, Any]],
                  config: Config, fetcher: Fetcher | None) -> RawItem | InputError:
    if fetcher is None:
        return where.error("cannot be fetched: no fetcher was given")
    try:
        page = fetcher(url)
    except Exception as exc:  # noqa: BLE001 - any network failure is one entry's error
        return where.error(f"could not be fetched from {url} ({exc}); check the network "
                           "or read the feed without fetching")
    if len(page) > 4 * config.max_document_chars:
        return where.error(f"page at {url} is larger than 4 x max_document_chars bytes; skipped")
    return html_item(page, where, config, fmt, url=url, own=own)


def _entry_text(entry: Any) -> str:
    """The entry's fullest text: its content, else its summary, as plain text."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or ():
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    summary = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", summary.get("type") or "text/html"))
    for value, kind in candidates:
        text = fragment_to_text(value) if "html" in kind else tidy_text(value)
        if text:
            return text
    return ""


def _iso_date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"

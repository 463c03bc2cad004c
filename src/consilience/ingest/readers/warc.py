"""WARC archives (as Common Crawl News publishes them): one item per HTML response.

Why the extra bookkeeping: warcio does not report a WARC cut off in the middle
of a record; it just ends, or hands out a short payload.  Each record's
payload is therefore checked against its declared length, and at the end the
bytes consumed are compared with what the complete records account for, so a
truncated download is one clear error (naming the record) and not silent loss.
The archive is streamed record by record; only one payload, bounded in size,
is held at a time.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from consilience.config import Config
from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers.base import Origin
from consilience.ingest.readers.decode import header_charset
from consilience.ingest.readers.html import html_item

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")

_CHUNK = 64 * 1024

_READ_ERRORS = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError,
                TypeError, IndexError)


class _Counting:
    """A read-only stream that counts what it hands out (warcio needs ``tell``)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count

    def drain(self) -> int:
        """Read to the end; the total number of bytes the stream held."""
        while self.read(_CHUNK):
            pass
        return self.count


def read_warc(stream: IO[bytes], origin: Origin, config: Config) -> Iterator[RawItem | InputError]:
    """Yield an item for each HTML response record with status 200."""
    counting = _Counting(stream)
    records = ArchiveIterator(counting)
    # warcio writes its own warnings to stderr and its log, without the file's
    # name; what matters to the user is reported as an InputError instead.
    records.INC_RECORD = ""
    _quiet_warcio()
    limit = 4 * config.max_document_chars
    number = 0
    while True:
        # Only warcio's work is guarded: its failures on a cut-off archive come as
        # assorted exceptions, and none of them must hide a bug in the readers.
        try:
            with _no_stderr():
                record = next(records)
        except StopIteration:
            break
        except _READ_ERRORS as exc:
            yield _truncated(origin, number + 1, exc)
            return
        number += 1
        try:
            with _no_stderr():
                found = _read_record(record, limit)
        except _READ_ERRORS as exc:
            yield _truncated(origin, number, exc)
            return
        if found is _CUT:
            yield _truncated(origin, number, None)
            return
        if isinstance(found, _Page):
            yield _page_item(found, origin.entry(number), config, limit)
    try:
        with _no_stderr():
            total = counting.drain()
    except _READ_ERRORS as exc:
        yield _truncated(origin, number + 1, exc)
        return
    if total > records.offset:
        yield _truncated(origin, number + 1, None)


def _no_stderr() -> contextlib.AbstractContextManager[object]:
    """warcio writes decompression errors straight to ``sys.stderr``; the truncation
    check reports them (with the file's name) instead."""
    return contextlib.redirect_stderr(io.StringIO())


def _quiet_warcio() -> None:
    logger = logging.getLogger("warcio")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class _Page:
    """An HTML response as read from its record (payload bounded by the size limit)."""

    payload: bytes
    url: str | None
    crawled: str | None
    content_type: str


_CUT = object()  # the record's payload ended before its declared length


def _read_record(record: Any, limit: int) -> _Page | object | None:
    if record.rec_type is None or record.rec_headers is None:
        return _CUT
    page = record.rec_type == "response" and record.http_headers is not None
    content_type = (record.http_headers.get_header("Content-Type") or "") if page else ""
    page = page and record.http_headers.get_statuscode() == "200" \
        and content_type.lower().startswith(HTML_TYPES)
    payload = record.content_stream().read(limit + 1) if page else b""
    _consume(record)
    if getattr(record.raw_stream, "limit", 0) > 0:
        return _CUT
    if not page:
        return None
    return _Page(payload, record.rec_headers.get_header("WARC-Target-URI"),
                 record.rec_headers.get_header("WARC-Date"), content_type)


def _page_item(page: _Page, where: Origin, config: Config, limit: int) -> RawItem | InputError:
    if len(page.payload) > limit:
        return where.error(f"is an HTML page larger than 4 x max_document_chars ({limit:,} bytes); skipped")
    own = ("warc", {"url": page.url, "crawled": page.crawled})
    return html_item(page.payload, where, config, "warc", declared=header_charset(page.content_type),
                     url=page.url, own=own)


def _consume(record: Any) -> None:
    """Read the rest of the record so its remaining declared length shows truncation."""
    while record.raw_stream.read(_CHUNK):
        pass


def _truncated(origin: Origin, number: int, exc: BaseException | None) -> InputError:
    detail = f" ({exc})" if exc is not None else ""
    return InputError(f"{origin.source}#{number}",
                      f"WARC record {number} is truncated or corrupt{detail}; the records before it "
                      "were read; re-download the archive to read the rest")

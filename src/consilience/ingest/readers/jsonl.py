"""JSON Lines: one article per line, streamed.

Why line by line with a bounded ``readline``: a JSONL export can be many
gigabytes, and one runaway line (a whole site dumped into one field) must cost
an error for that line, not the process's memory.  A line is read at most
``4 * max_line_chars`` bytes at a time (UTF-8 takes at most four bytes a
character); the rest of an overlong line is skipped in chunks.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

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
from consilience.ingest.readers.html import html_text_item

#: The metadata fields a line may carry besides ``text``/``html``.
LINE_FIELDS: tuple[str, ...] = ("title", "url", "outlet", "published", "language", "author")

#: Bytes skipped per read when discarding the rest of an overlong line.
SKIP_CHUNK = 64 * 1024

_EXAMPLE = '{"text": "...", "title": "...", "url": "...", "published": "2020-10-01"}'


def read_jsonl(stream: IO[bytes], origin: Origin, config: Config) -> Iterator[RawItem | InputError]:
    """Yield one item or error per non-blank line of ``stream``."""
    limit_bytes = 4 * config.max_line_chars
    number = 0
    while True:
        try:
            line = stream.readline(limit_bytes + 1)
        except (EOFError, OSError, zlib.error) as exc:
            yield InputError(f"{origin.source}:{number + 1}",
                             f"the compressed file is truncated or corrupt after line {number} ({exc}); "
                             "the lines before were read; re-create or re-download the file")
            return
        if not line:
            return
        number += 1
        where = origin.entry(number, sep=":")
        if len(line) > limit_bytes and not line.endswith(b"\n"):
            try:
                _skip_rest_of_line(stream)
            except (EOFError, OSError, zlib.error):
                pass
            yield where.error(_too_long(config))
            continue
        yield from _one_line(line, number, where, config)


def _one_line(line: bytes, number: int, where: Origin, config: Config) -> Iterator[RawItem | InputError]:
    if number == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        yield where.error("is not valid UTF-8 (JSON Lines files must be UTF-8); re-save the file as UTF-8")
        return
    decoded = decoded.strip()
    if not decoded:
        return
    if len(decoded) > config.max_line_chars:
        yield where.error(_too_long(config))
        return
    try:
        obj = json.loads(decoded)
    except ValueError as exc:
        yield where.error(f"is not valid JSON ({exc}); each line must be one JSON object like {_EXAMPLE}")
        return
    if not isinstance(obj, dict):
        yield where.error(f"is a JSON {type(obj).__name__}, not an object; "
                          f"each line must be one JSON object like {_EXAMPLE}")
        return
    yield _item(obj, where, config)


def _item(obj: dict[str, Any], where: Origin, config: Config) -> RawItem | InputError:
    own = ("jsonl", {key: obj.get(key) for key in LINE_FIELDS})
    defaults = ("manifest", container_manifest(where.manifest))
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return build_item(where, "jsonl", normalise_newlines(text), merge_meta(own, defaults), config)
    if isinstance(html, str) and html.strip():
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        return html_text_item(html, where, config, "jsonl", url=url, own=own)
    return where.error("has no 'text' or 'html' field with a non-empty string; "
                       f"each line must be one JSON object like {_EXAMPLE}")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _too_long(config: Config) -> str:
    return (f"is longer than max_line_chars ({config.max_line_chars:,} characters) and was skipped; "
            "split the article or raise that setting")

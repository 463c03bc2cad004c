"""Plain-text articles: decode, normalise newlines, attach manifest metadata.

Why so little happens here: the text as read is the layer every cleaned
offset maps back to, so the reader must not clean it; boilerplate removal is
the cleaning stage's job, where what it removes is recorded.
"""

from __future__ import annotations

from consilience.config import Config
from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers.base import (
    Origin,
    build_item,
    merge_meta,
    normalise_newlines,
)
from consilience.ingest.readers.decode import DecodeError, decode_noted


def read_text(data: bytes, origin: Origin, config: Config, fmt: str = "text") -> RawItem | InputError:
    """One item from the bytes of a plain-text article."""
    try:
        decoded, note = decode_noted(data)
    except DecodeError as exc:
        return origin.error(exc.reason)
    return build_item(origin, fmt, normalise_newlines(decoded), merge_meta(("manifest", origin.manifest)),
                      config, notes=(note,) if note else ())

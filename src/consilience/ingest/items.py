"""What a reader yields: one article as read from its container, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class RawItem:
    """One article as read.

    ``text`` is always decoded text (for HTML: trafilatura's main text, which
    is then the "raw" layer that cleaned offsets map back to).  ``meta`` holds
    what the container or a manifest said about it, with keys among
    ``title, author, url, outlet, published, language, sitename`` and, for
    each key K that came from the HTML/feed rather than a manifest or the
    user, ``K_origin`` (``"html"``, ``"feed"``, ``"warc"``, ``"manifest"``,
    ``"jsonl"``).
    """

    source: str            # path or URL as given; "path#N" for the Nth entry of a container
    source_key: str        # stable identity of the source: URL if known, else absolute path[#entry]
    format: str            # text | html | jsonl | rss | atom | warc | stdin
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()   # what reading changed or assumed ("decoded as UTF-8 with ...")

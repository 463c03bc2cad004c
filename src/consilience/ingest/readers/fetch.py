"""Downloading a feed entry's page, only when the user asked for it (``--fetch``).

Why a separate, injectable function: ingestion must never touch the network
unless asked, tests must never touch it at all, and a feed is untrusted input,
so only http(s) links are fetched (never ``file:`` or other schemes a feed
could name) and a page is read only up to a size limit.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Callable

Fetcher = Callable[[str], bytes]

#: Seconds to wait for a server before giving up on a page.
TIMEOUT_S = 30.0

USER_AGENT = "consilience/0.1 (news ingestion; +https://github.com/)"


class FetchError(Exception):
    """A page that could not be downloaded; the message says why."""


def is_fetchable(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL (the only kind ever fetched)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:          # "Invalid IPv6 URL": an unbalanced [ or ] in the host
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def make_fetcher(max_bytes: int, timeout: float = TIMEOUT_S) -> Fetcher:
    """A fetcher using urllib that reads at most ``max_bytes`` of a page."""

    def fetch(url: str) -> bytes:
        if not is_fetchable(url):
            raise FetchError(f"{url!r} is not an http(s) URL")
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            data: bytes = response.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise FetchError(f"the page is larger than {max_bytes:,} bytes")
        return data

    return fetch

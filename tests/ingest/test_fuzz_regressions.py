"""Crashes and stray output found by bench/fuzz.py, each with its minimal input."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest

from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers.fetch import is_fetchable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import fuzz_targets  # noqa: E402


@pytest.mark.parametrize("link", ["https://example.org]/a", "http://[::1/a", "https://ex[ample.org/"])
def test_a_feed_link_with_an_unbalanced_bracket_is_not_a_crash(link: str) -> None:
    assert is_fetchable(link) is False       # urlsplit raised "Invalid IPv6 URL"
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>N</title><item><title>S</title>"
            f"<link>{link}</link><description>Shelling near Tartar on Monday, officials said.</description>"
            "</item></channel></rss>").encode()
    from consilience.ingest.readers.base import Origin
    from consilience.ingest.readers.feed import read_feed

    [item] = list(read_feed(feed, Origin("f.rss", "/f.rss"), fuzz_targets.CONFIG))
    assert isinstance(item, RawItem) and item.meta.get("url") is None


def test_warcio_warnings_do_not_reach_stderr_or_the_log(capsys: pytest.CaptureFixture[str],
                                                         caplog: pytest.LogCaptureFixture) -> None:
    sample = fuzz_targets._warc_sample()
    length = int(re.search(rb"Content-Length: (\d+)", sample).group(1))   # type: ignore[union-attr]
    bad = sample.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 3), 1)
    bad = bad.replace(b"https://example.org/a", b"https://example.org/a b", 1)
    caplog.set_level(logging.WARNING)
    from consilience.ingest.readers.base import Origin
    from consilience.ingest.readers.warc import read_warc
    import io

    results = list(read_warc(io.BytesIO(bad), Origin("a.warc", "/a.warc"), fuzz_targets.CONFIG))
    assert results and all(isinstance(r, (RawItem, InputError)) for r in results)
    assert capsys.readouterr().err == ""
    assert not caplog.records, caplog.text

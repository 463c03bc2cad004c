"""Deeply nested HTML keeps its text (issue 9 §3): libxml2 drops what lies below 256 levels."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem
from consilience.ingest.readers import iter_items
from consilience.ingest.readers.html import NO_TEXT_AT_ALL
from consilience.ingest.readers.html_deep import rescue, visible_text

PARAGRAPH = ("<p>Azerbaijani forces shelled the town of Tartar on Monday, officials in Baku said, "
             "and Armenian officials said Stepanakert was hit again overnight.</p>")


def nested(depth: int, inner: str) -> str:
    return ("<html><head><title>Shelling continues</title><script>var x = 1;</script></head><body>"
            + "<div>" * depth + inner + "</div>" * depth + "</body></html>")


def read_one(tmp_path: Path, html: str) -> RawItem:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [result] = list(iter_items([str(path)]))
    return result  # type: ignore[return-value]


@pytest.mark.parametrize("depth", [300, 5000])
def test_text_inside_hundreds_of_nested_divs_is_kept_without_stray_log_lines(
        tmp_path: Path, depth: int, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    item = read_one(tmp_path, nested(depth, PARAGRAPH * 3))
    assert isinstance(item, RawItem), item
    assert "Stepanakert was hit again overnight." in item.text
    assert "var x" not in item.text
    assert any("nested too deep" in n for n in item.notes)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    doc = build_document(item)
    assert "Tartar" in doc.text and any("nested too deep" in n for n in doc.notes)


def test_a_deep_page_with_no_text_at_all_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    error = read_one(tmp_path, nested(400, ""))
    assert not isinstance(error, RawItem)
    assert error.reason == NO_TEXT_AT_ALL
    assert not caplog.records


def test_a_shallow_page_without_main_text_is_not_rescued() -> None:
    """When the parser saw the whole page, no main text means none: not the fallback's visible text."""
    page = "<html><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav></body></html>"
    found = rescue(page, None, lambda html, url: None)
    assert found.text is None and not found.empty
    deep = rescue(nested(300, "<p>Menu</p>"), None, lambda html, url: None)
    assert deep.text == "Menu" and deep.note is not None


def test_visible_text_skips_scripts_and_keeps_blocks_as_lines() -> None:
    text, title = visible_text("<html><head><title> A  title </title><style>p{}</style></head><body>"
                               "<p>One</p><div>Two <b>bold</b></div><script>no</script>tail</body></html>")
    assert title == "A title"
    assert text == "One\nTwo bold\ntail"

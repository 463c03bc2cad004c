"""Tests for consilience.ingest.document (and the outlet inference it uses)."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from consilience.config import DEFAULT_CONFIG
from consilience.errors import InputError
from consilience.ingest.document import build_document, content_hash, document_id
from consilience.ingest.items import RawItem
from consilience.ingest.outlet import infer_outlet, registered_domain

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))
BODY = ("Armenian and Azerbaijani forces exchanged heavy artillery fire along the front line on Thursday, "
        "officials in Baku and Yerevan said, as international calls for a ceasefire went unanswered.")
GERMAN = ("Die armenischen und aserbaidschanischen Truppen lieferten sich am Donnerstag erneut schwere "
          "Gefechte entlang der Frontlinie, teilten Beamte in Baku und Eriwan mit.")


def _item(text: str, meta: dict[str, Any] | None = None, key: str = "/data/a.txt", fmt: str = "text") -> RawItem:
    return RawItem(source=key, source_key=key, format=fmt, text=text, meta=meta or {})


def _manifest() -> dict[str, dict[str, str]]:
    with (EXAMPLES / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["path"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_without_metadata(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    doc = build_document(_item(raw, key=str(path)))
    assert doc.status == "ok"
    assert (doc.language, doc.language_origin) == ("en", "detected")
    assert doc.language_score is not None and doc.language_score > 0.9
    assert doc.title and doc.text.split("\n")[0] == doc.title
    assert re.fullmatch(r"[0-9a-f]{16}", doc.id)
    assert doc.raw_text == raw
    for seg in doc.offset_map.segments:
        assert doc.text[seg.clean_start:seg.clean_start + seg.length] == raw[seg.raw_start:seg.raw_start + seg.length]
    assert doc.removed


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_with_manifest_metadata(path: Path) -> None:
    row = _manifest()[path.name]
    meta = {"outlet": row["outlet"], "published": row["published"], "language": row["language"]}
    doc = build_document(_item(path.read_text(encoding="utf-8"), meta, key=str(path)))
    assert (doc.published, doc.published_precision, doc.published_origin) == (row["published"], "day", "metadata")
    assert doc.published_evidence == row["published"]
    assert (doc.language, doc.language_origin, doc.language_score) == ("en", "metadata", None)
    assert (doc.outlet, doc.outlet_origin) == (row["outlet"], "metadata")


def test_example_inferred_metadata() -> None:
    docs = {p.name[:3]: build_document(_item(p.read_text(encoding="utf-8"), key=str(p))) for p in EXAMPLE_FILES}
    assert (docs["002"].outlet, docs["002"].outlet_origin) == ("The Levant", "title")
    assert docs["002"].credits == ("source: ahval",)
    blog = docs["001"]
    assert (blog.published, blog.published_precision, blog.published_origin) == ("2016-04-03", "day", "text")
    assert blog.published_evidence == "Update Sunday 03/04/2016:"
    ptv = docs["004"]
    assert (ptv.published, ptv.published_origin) == ("2020-10-04", "text")
    assert any("lower bound" in note for note in ptv.notes)
    assert (docs["000"].published, docs["000"].published_origin, docs["000"].published_precision) == (
        None, "unknown", "unknown")


def test_same_input_same_id_other_source_other_id() -> None:
    text = f"Fighting flares again over Karabakh\n{BODY}"
    first = build_document(_item(text, key="https://example.org/a"))
    again = build_document(_item(text, key="https://example.org/a"))
    other = build_document(_item(text, key="https://example.net/b"))
    assert first.id == again.id
    assert first.content_hash == other.content_hash
    assert first.id != other.id


def test_content_hash_ignores_furniture_case_and_spacing() -> None:
    plain = build_document(_item(f"Fighting flares again over Karabakh\n{BODY}"))
    noisy = build_document(_item(f"USA & World\nFighting flares again over Karabakh\n\n  {BODY}  \nShare on facebook\n"))
    assert plain.content_hash == noisy.content_hash
    assert plain.id == noisy.id
    changed = build_document(_item(f"Fighting flares again over Karabakh\n{BODY.replace('Thursday', 'Friday')}"))
    assert changed.content_hash != plain.content_hash


def test_hash_and_id_definitions() -> None:
    text = "Ｆｕｌｌ-width  TEXT\n here"
    expected = hashlib.sha256("full-width text here".encode()).hexdigest()
    assert content_hash(text) == expected
    assert document_id("k", expected) == hashlib.sha256(f"k\n{expected}".encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    ("text", "meta", "language", "status"),
    [
        (BODY, {}, "en", "ok"),
        (GERMAN, {}, "de", "skipped_language"),
        (GERMAN, {"language": "en-US"}, "en", "ok"),     # metadata wins
        (BODY, {"language": "de"}, "de", "skipped_language"),
        (BODY, {"language": "English"}, "en", "ok"),     # not a tag: detected instead
        ("Short headline only", {}, "und", "ok"),
    ],
)
def test_language_and_status(text: str, meta: dict[str, Any], language: str, status: str) -> None:
    doc = build_document(_item(text, meta))
    assert (doc.language, doc.status) == (language, status)


def test_languages_setting_decides_status() -> None:
    config = DEFAULT_CONFIG.with_overrides(languages=("en", "de"))
    assert build_document(_item(GERMAN), config).status == "ok"


@pytest.mark.parametrize(
    ("meta", "published", "precision", "origin"),
    [
        ({"published": "2020-10-01T09:00:00+03:00"}, "2020-10-01", "day", "metadata"),
        ({"published": "2020-10"}, "2020-10", "month", "metadata"),
        ({"published": "Thu, 01 Oct 2020 10:00:00 GMT", "published_origin": "feed"}, "2020-10-01", "day", "metadata"),
        ({"published": "2020-10-01", "published_origin": "html"}, "2020-10-01", "day", "html"),
        ({"published": "not a date"}, "2020-10-04", "day", "text"),
        ({}, "2020-10-04", "day", "text"),
    ],
)
def test_published_sources(meta: dict[str, Any], published: str, precision: str, origin: str) -> None:
    text = f"Fighting flares again over Karabakh\nPublished: October 4, 2020\n{BODY}"
    doc = build_document(_item(text, meta))
    assert (doc.published, doc.published_precision, doc.published_origin) == (published, precision, origin)
    if meta.get("published") == "not a date":
        assert any("not understood" in note for note in doc.notes)


def test_title_and_author_from_metadata() -> None:
    text = f"Fighting flares again over Karabakh | Example News\n{BODY}"
    doc = build_document(_item(text, {"title": "Fighting flares again over Karabakh", "author": " Jane  Doe "}))
    assert doc.title == "Fighting flares again over Karabakh"
    assert doc.author == "Jane Doe"
    assert (doc.outlet, doc.outlet_origin) == ("Example News", "title")
    other = build_document(_item(f"Some other headline for the day\n{BODY}", {"title": "Metadata Title Wins"}))
    assert other.title == "Metadata Title Wins"


def test_url_from_source_key_gives_outlet() -> None:
    doc = build_document(_item(BODY, key="https://www.trtworld.com/europe/karabakh-40197"))
    assert doc.url == "https://www.trtworld.com/europe/karabakh-40197"
    assert (doc.outlet, doc.outlet_origin) == ("TRT World", "url")
    local = build_document(_item(BODY, key="/data/a.txt"))
    assert (local.url, local.outlet, local.outlet_origin) == (None, None, "unknown")


@pytest.mark.parametrize("text", ["", "  \n\n ", "Share on facebook\nComments are closed.\nRelated Posts"])
def test_nothing_left_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="no text left after removing boilerplate") as info:
        build_document(_item(text, key="/data/empty.txt"))
    assert info.value.path == "/data/empty.txt"


def test_too_long_and_too_short_are_input_errors() -> None:
    with pytest.raises(InputError, match="max_document_chars=50"):
        build_document(_item(BODY, key="/data/long.txt"), DEFAULT_CONFIG.with_overrides(max_document_chars=50))
    with pytest.raises(InputError, match="min_document_chars=1000"):
        build_document(_item(BODY), DEFAULT_CONFIG.with_overrides(min_document_chars=1000))
    assert build_document(_item(BODY), DEFAULT_CONFIG.with_overrides(max_document_chars=len(BODY))).text == BODY


# ---------------------------------------------------------------------------
# Outlet inference
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "url", "site_name", "expected"),
    [
        ({"outlet": "Press TV"}, "https://www.trtworld.com/x", "The Levant", ("Press TV", "metadata")),
        ({"outlet": "Press TV", "outlet_origin": "html"}, None, None, ("Press TV", "html")),
        ({"outlet": "Press TV", "outlet_origin": "manifest"}, None, None, ("Press TV", "metadata")),
        ({"outlet": "unknown", "sitename": "Blog Name"}, None, None, ("Blog Name", "html")),
        ({"outlet": "unknown blog"}, None, None, ("unknown blog", "metadata")),
        ({"outlet": "  ", "sitename": None}, None, "The Levant", ("The Levant", "title")),
        ({"outlet": "n/a"}, "https://www.bbc.co.uk/news/world-54372329", None, ("BBC", "url")),
        ({}, "https://news.example.org/item/1", None, ("example.org", "url")),
        ({}, "https://www.aa.com.tr/en/x", None, ("Anadolu Agency", "url")),
        ({}, "file:///data/a.txt", None, (None, "unknown")),
        ({}, "/data/a.txt", None, (None, "unknown")),
        ({}, None, None, (None, "unknown")),
    ],
)
def test_infer_outlet(meta: dict[str, Any], url: str | None, site_name: str | None,
                      expected: tuple[str | None, str]) -> None:
    assert infer_outlet(meta, url, site_name) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.presstv.ir/Detail/2020/10/14/636216/x", "presstv.ir"),
        ("http://m.example.co.uk:8080/a", "example.co.uk"),
        ("https://sub.domain.example.com/", "example.com"),
        ("https://localhost/a", None),
        ("https://192.168.0.1/a", None),
        ("ftp://example.com/a", None),
        ("", None),
    ],
)
def test_registered_domain(url: str, expected: str | None) -> None:
    assert registered_domain(url) == expected

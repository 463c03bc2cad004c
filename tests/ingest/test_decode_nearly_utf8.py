"""A UTF-8 file with one stray byte stays UTF-8 (issue 9 §3), and says so in its notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem
from consilience.ingest.readers import iter_items
from consilience.ingest.readers.decode import decode_bytes, decode_noted

ARTICLE = ("Azerbaijani forces entered Ağdam on Friday, the defence ministry in Baku said, "
           "and residents who fled Ağdam in 1993 were told not to return yet.\n")


def test_one_stray_byte_in_utf8_text_is_replaced_not_guessed_as_another_code_page() -> None:
    data = ARTICLE.encode("utf-8") + b"\xff" + ARTICLE.encode("utf-8")
    text, note = decode_noted(data)
    assert text == ARTICLE + "\ufffd" + ARTICLE
    assert note is not None and "1 invalid byte" in note and "UTF-8" in note


@pytest.mark.parametrize("data", [
    "Don\u2019t go, said the caf\u00e9 owner in Stepanakert.".encode("cp1252"),
    "\u201cWe will not leave,\u201d he said.".encode("cp1252"),
])
def test_legacy_text_with_no_valid_utf8_is_still_decoded_as_legacy(data: bytes) -> None:
    text, note = decode_noted(data)
    assert text == data.decode("cp1252") and note is None


def test_valid_utf8_has_no_note() -> None:
    assert decode_noted(ARTICLE.encode("utf-8")) == (ARTICLE, None)


def test_mostly_invalid_bytes_are_not_called_utf8() -> None:
    data = "Ağdam".encode("utf-8") + b" \xe9t\xe9 \xe0 Paris"   # 1 valid sequence, 3 bad bytes
    assert decode_noted(data)[1] is None
    assert "\ufffd" not in decode_bytes(b"caf\xe9 " * 20)


def test_the_note_reaches_the_document(tmp_path: Path) -> None:
    path = tmp_path / "agdam.txt"
    path.write_bytes(ARTICLE.encode("utf-8") + b"\xff" + ARTICLE.encode("utf-8"))
    [item] = list(iter_items([str(path)]))
    assert isinstance(item, RawItem)
    doc = build_document(item)
    assert "Ağdam" in doc.text and "AÄ" not in doc.text
    assert any("replaced by U+FFFD" in n for n in doc.notes), doc.notes


def test_html_page_with_a_stray_byte_keeps_its_utf8(tmp_path: Path) -> None:
    path = tmp_path / "agdam.html"
    body = "".join(f"<p>{ARTICLE.strip()} Paragraph {i}.</p>" for i in range(4))
    path.write_bytes(b"<html><head><meta charset='utf-8'><title>Agdam</title></head><body><article>"
                     + body.encode("utf-8") + b"\xff</article></body></html>")
    [item] = list(iter_items([str(path)]))
    assert isinstance(item, RawItem), item
    assert "Ağdam" in item.text
    assert any("UTF-8" in n for n in item.notes)

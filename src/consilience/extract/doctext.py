"""A Doc's text, built once.

spaCy's ``Doc.text`` joins every token on each access; the extractors read
it per token and per frame, which made it the biggest cost of extraction.
The text of a Doc never changes after tokenisation, so it is cached in
``doc.user_data``.
"""

from __future__ import annotations

from typing import Any

_KEY = "consilience_text"


def seed_text(doc: Any, text: str) -> None:
    """Record ``text`` as the text of ``doc``, made from it by the tokenizer (which keeps every character)."""
    doc.user_data[_KEY] = text


def doc_text(doc: Any) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_KEY] = text
    return text

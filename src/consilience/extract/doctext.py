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


_LOWER_KEY = "consilience_lower"


def token_lowers(doc: Any) -> list[str]:
    """Every token's lower-case form (``Token.lower_``), read once per Doc from one array.

    Cached like the text (forms do not change after tokenisation; a Doc whose length changed is
    read again).  Cheaper than visiting the tokens: each ``doc[i]`` makes a new Token object.
    """
    found = doc.user_data.get(_LOWER_KEY)
    if found is not None and len(found) == len(doc):
        return found
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    found = [strings[h] for h in doc.to_array(LOWER).tolist()]
    doc.user_data[_LOWER_KEY] = found
    return found


_TEXTS_KEY = "consilience_texts"


def token_texts(doc: Any) -> list[str]:
    """Every token's text (``Token.text``), read once per Doc like :func:`token_lowers`."""
    found = doc.user_data.get(_TEXTS_KEY)
    if found is not None and len(found) == len(doc):
        return found
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    found = [strings[h] for h in doc.to_array(ORTH).tolist()]
    doc.user_data[_TEXTS_KEY] = found
    return found

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
    from spacy.attrs import LOWER

    return _token_strings(doc, _LOWER_KEY, LOWER)


_TEXTS_KEY = "consilience_texts"


def token_texts(doc: Any) -> list[str]:
    """Every token's text (``Token.text``), read once per Doc like :func:`token_lowers`."""
    from spacy.attrs import ORTH

    return _token_strings(doc, _TEXTS_KEY, ORTH)


def _token_strings(doc: Any, key: str, attr: int) -> list[str]:
    """One string attribute of every token, from one array, cached in ``doc.user_data[key]``."""
    found = doc.user_data.get(key)
    if found is not None and len(found) == len(doc):
        return found
    strings = doc.vocab.strings
    found = [strings[h] for h in doc.to_array(attr).tolist()]
    doc.user_data[key] = found
    return found

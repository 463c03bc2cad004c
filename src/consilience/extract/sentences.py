"""Sentence token ranges shared by the extractors.

Why also at line breaks: cleaned news text keeps one paragraph or heading
per line, and a statistical sentence splitter sometimes joins a heading to
the next paragraph.  Without any sentence annotation, lines are used.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection

from spacy.attrs import IDX
from spacy.tokens import Doc

from consilience.extract.doctext import doc_text


def newline_tokens(doc: Doc) -> tuple[list[int], list[int]]:
    """The tokens whose text holds a line break, in order, and the character offset of each one's first break.

    Found from the text's line breaks (a token's trailing whitespace is at most one space, so every
    break is inside a token), not by visiting every token.
    """
    text = doc_text(doc)
    pos = text.find("\n")
    if pos < 0:
        return [], []
    starts = doc.to_array(IDX).tolist()
    tokens: list[int] = []
    offsets: list[int] = []
    while pos >= 0:
        i = bisect_right(starts, pos) - 1
        if not tokens or tokens[-1] != i:
            tokens.append(i)
            offsets.append(pos)
        pos = text.find("\n", pos + 1)
    return tokens, offsets


def sentence_ranges(doc: Doc, keep: Collection[int] = ()) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the sentences, also cut at line breaks, except the breaks at the
    character offsets in ``keep`` (those that only wrap a paragraph)."""
    try:
        sents = [(s.start, s.end) for s in doc.sents]
    except ValueError:
        sents = [(0, len(doc))]
    breaks, offsets = newline_tokens(doc)
    out: list[tuple[int, int]] = []
    for start, end in sents:
        cut = start
        for k in range(bisect_left(breaks, start), bisect_left(breaks, end)):
            i = breaks[k]
            if not keep or offsets[k] not in keep:
                if i > cut:
                    out.append((cut, i))
                cut = i + 1
        if end > cut:
            out.append((cut, end))
    return out

"""Sentence token ranges shared by the extractors.

Why also at line breaks: cleaned news text keeps one paragraph or heading
per line, and a statistical sentence splitter sometimes joins a heading to
the next paragraph.  Without any sentence annotation, lines are used.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc


def sentence_ranges(doc: Doc, keep: Collection[int] = ()) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the sentences, also cut at line breaks, except the breaks at the
    character offsets in ``keep`` (those that only wrap a paragraph)."""
    try:
        sents = [(s.start, s.end) for s in doc.sents]
    except ValueError:
        sents = [(0, len(doc))]
    out: list[tuple[int, int]] = []
    for start, end in sents:
        cut = start
        for i in range(start, end):
            tok = doc[i]
            if "\n" in tok.text and (not keep or tok.idx + tok.text.index("\n") not in keep):
                if i > cut:
                    out.append((cut, i))
                cut = i + 1
        if end > cut:
            out.append((cut, end))
    return out

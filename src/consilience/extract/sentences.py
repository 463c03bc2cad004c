"""Sentence token ranges shared by the extractors.

Why also at line breaks: cleaned news text keeps one paragraph or heading
per line, and a statistical sentence splitter sometimes joins a heading to
the next paragraph.  Without any sentence annotation, lines are used.
"""

from __future__ import annotations

from spacy.tokens import Doc


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the sentences, also cut at line breaks."""
    try:
        sents = [(s.start, s.end) for s in doc.sents]
    except ValueError:
        sents = [(0, len(doc))]
    out: list[tuple[int, int]] = []
    for start, end in sents:
        cut = start
        for i in range(start, end):
            if "\n" in doc[i].text:
                if i > cut:
                    out.append((cut, i))
                cut = i + 1
        if end > cut:
            out.append((cut, end))
    return out

"""Hard-wrapped text: which physical lines belong to one paragraph.

Why: wire copies, e-mailed bulletins and the plain-text pages of many
broadcasters break every line at a fixed width (often 65-80 columns), in the
middle of sentences.  Read line by line, each fragment looked like a
paragraph of its own: sentences (and the claims in them) were cut at line
ends, and the title became the first fragment.  Here the lines of such a text
are grouped back into paragraphs *before* cleaning; the cleaning stage joins
each group with single spaces, keeping every piece a verbatim raw span, so
offsets still map back to the raw text.

When a text counts as wrapped (:func:`wrap_width`): at least
``MIN_FULL_LINES`` lines, and ``MIN_FULL_SHARE`` of all lines, end within
``WRAP_SLACK`` characters of one width of at most ``MAX_WRAP_WIDTH``; almost
no line is longer than it; most full lines end mid-sentence (one paragraph
per line ends each with punctuation); and many lines after a full line go on
in lower case (a list of short headlines of similar length does not).

When two lines are joined (:func:`paragraph_groups`): a single line break
between them (a blank line always separates), the first is a full line whose
break was forced (the next line's first word would not have fitted: greedy
wrapping), and the second is neither a list item nor indented further.
Headlines, bylines and other short lines are never full lines, so they stay
separate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_WRAP_WIDTH = 30
MAX_WRAP_WIDTH = 160
WRAP_SLACK = 15
MIN_FULL_LINES = 3
MIN_FULL_SHARE = 0.3
MAX_OVERLONG_SHARE = 0.1
MIN_LOWER_CONTINUATION_SHARE = 0.35
MIN_MID_SENTENCE_SHARE = 0.5
#: Candidate widths tried, longest first.
MAX_CANDIDATE_WIDTHS = 8

_LIST_ITEM = re.compile(r"(?:[-*+•·‣▪●◦–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _first_word(text: str) -> str:
    return text.split(None, 1)[0] if text.strip() else ""


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def wrap_width(texts: Sequence[str]) -> int | None:
    """The column width a text's lines were wrapped at, or ``None`` when it is not wrapped."""
    lengths = [len(t) for t in texts]
    n = len(lengths)
    if n < MIN_FULL_LINES:
        return None
    candidates = sorted({x for x in lengths if MIN_WRAP_WIDTH <= x <= MAX_WRAP_WIDTH}, reverse=True)
    for width in candidates[:MAX_CANDIDATE_WIDTHS]:
        full = [i for i, x in enumerate(lengths) if width - WRAP_SLACK <= x <= width]
        overlong = sum(1 for x in lengths if x > width)
        if len(full) < MIN_FULL_LINES or len(full) < MIN_FULL_SHARE * n or overlong > MAX_OVERLONG_SHARE * n:
            continue
        followed = [i for i in full if i + 1 < n]
        if not followed:
            continue
        lower = sum(1 for i in followed if _starts_lower(texts[i + 1]))
        mid_sentence = sum(1 for i in followed if not _SENTENCE_END.search(texts[i]))
        if (lower >= MIN_LOWER_CONTINUATION_SHARE * len(followed)
                and mid_sentence >= MIN_MID_SENTENCE_SHARE * len(followed)):
            return width
    return None


def paragraph_groups(raw: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Group the indices of non-empty trimmed line ``spans`` of ``raw`` into paragraphs.

    Without wrapping every line is its own group.
    """
    texts = [raw[s:e] for s, e in spans]
    width = wrap_width(texts)
    groups: list[list[int]] = []
    for i in range(len(spans)):
        if groups and width is not None and _continues(raw, spans, texts, i - 1, width):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _indent(raw: str, start: int) -> int:
    line_start = max(raw.rfind("\n", 0, start), raw.rfind("\r", 0, start)) + 1
    return start - line_start


def _continues(raw: str, spans: Sequence[tuple[int, int]], texts: Sequence[str], i: int, width: int) -> bool:
    """Whether line ``i + 1`` continues the paragraph of line ``i``."""
    here, there = texts[i], texts[i + 1]
    if len(here) > width + WRAP_SLACK or len(here) + 1 + len(_first_word(there)) <= width:
        return False                      # far overlong, or broken early: the paragraph ended here
    # (a line a little longer than the detected width is still full: the width found may be a
    # little short of the real one, which the few lines past it show)
    if len(_LINE_BREAK.findall(raw, spans[i][1], spans[i + 1][0])) != 1:
        return False                      # a blank line between
    if _LIST_ITEM.match(there):
        return False
    return _indent(raw, spans[i + 1][0]) <= _indent(raw, spans[i][0])


__all__ = ["MAX_WRAP_WIDTH", "paragraph_groups", "wrap_width"]

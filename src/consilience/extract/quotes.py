"""Quotation spans in cleaned news text, robust to scraping damage.

Why on the text and not on tokens: the sentence splitter often attaches a
closing quotation mark to the next sentence, and a quote can run over several
sentences or paragraphs, so quotes are found on the character level, one
paragraph (line) at a time, before any sentence logic.

Rules:

* double quotes: straight ``"`` (direction from position: inside or not),
  typographic ``“ ” „ « »`` and the ASCII digraphs of wire copy (two
  backquotes open, two apostrophes behave like a straight mark);
* single typographic quotes ``‘ … ’`` count only outside a double quote,
  opening before a word and closing after one (``Armenia’s`` is an
  apostrophe); an unclosed ``‘`` is ignored;
* a double quote still open at the end of its paragraph is closed there and
  the span says so (``closed=False``).  That is both the newspaper convention
  for a quote that continues in the next paragraph and the safe reading of an
  odd number of quotation marks: a stray mark never swallows the rest of the
  document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Quote", "find_quotes", "paragraph_ranges", "soft_breaks"]

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_STRAIGHT = '"'
#: Every character :func:`_paragraph_quotes` acts on (double marks, digraph halves, single marks); it skips the rest.
_MARK_CHARS = re.compile("[" + re.escape(_OPEN_DOUBLE + _CLOSE_DOUBLE + _STRAIGHT + "`'‘’") + "]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    single: bool = False
    note: str | None = None


_SENTENCE_END = ".!?\"”’:)]"


@lru_cache(maxsize=8)
def soft_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks that only wrap a paragraph (hard-wrapped copy), not end it.

    Cleaned text keeps one paragraph per line, but some copy arrives hard-wrapped: most lines after
    the first are indented and many end mid-sentence. In such a text a line break after a line that
    does not end a sentence is a wrap; everywhere else every line break ends a paragraph.
    """
    lines = text.split("\n")
    body = [ln for ln in lines[1:] if ln.strip()]
    if len(body) < 3 or sum(1 for ln in body if ln[:4].isspace() and len(ln) > 4) < 0.6 * len(body):
        return frozenset()
    out: set[int] = set()
    pos = 0
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)
        stripped = line.rstrip()
        if stripped.strip() and stripped[-1] not in _SENTENCE_END and lines[k + 1].strip():
            out.add(end)
        pos = end + 1
    return frozenset(out)


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs: the non-empty lines, a hard-wrapped paragraph's lines joined."""
    out: list[tuple[int, int]] = []
    soft = soft_breaks(text)
    pos = 0
    joined = False
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            if joined and out:
                out[-1] = (out[-1][0], end)
            else:
                out.append((pos, end))
        joined = end in soft
        pos = end + 1
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _mark_at(text: str, i: int, p_end: int) -> tuple[str, int]:
    """The double quotation mark at ``i`` as (kind, length): open | close | straight, or ("", 0).

    Besides the typographic and straight marks, the ASCII digraphs of wire copy
    count: two backquotes open a quotation, two apostrophes act like a straight
    mark (some papers open with them too: "'' This ad needed a message,'' he said").
    """
    ch = text[i]
    if ch in _OPEN_DOUBLE:
        return "open", 1
    if ch in _CLOSE_DOUBLE:
        return "close", 1
    if ch == _STRAIGHT:
        return "straight", 1
    if i + 1 < p_end:
        pair = text[i:i + 2]
        if pair == "``":
            return "open", 2 + (1 if i + 2 < p_end and text[i + 2] == "`" else 0)
        if pair == "''" and (i + 2 >= p_end or text[i + 2] != "'"):
            return "straight", 2
    return "", 0


def _paragraph_quotes(text: str, p_start: int, p_end: int) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None          # index of the open double mark
    open_len = 1
    single_at: int | None = None        # index of an open single mark (outside doubles)
    note: str | None = None
    i = p_start
    while i < p_end:
        found = _MARK_CHARS.search(text, i, p_end)    # nothing happens at other characters
        if found is None:
            break
        i = found.start()
        ch = text[i]
        prev = text[i - 1] if i > p_start else " "
        kind, length = _mark_at(text, i, p_end)
        step = max(length, 1)
        nxt = text[i + step] if i + step < p_end else " "
        if kind:
            if open_at is None:
                looks_closing = not prev.isspace() and (nxt.isspace() or nxt in ",.;:!?)")
                if (kind == "close" and not (prev.isspace() and not nxt.isspace())) or (
                        kind == "straight" and looks_closing):
                    note = f"stray closing quotation mark at {i} ignored"
                else:
                    open_at, open_len, single_at = i, length, None
            else:
                looks_opening = (prev.isspace() or prev in "([—–") and not nxt.isspace()
                if (kind == "open" and not (nxt.isspace() or nxt in ",.;:!?" or i + length == p_end)) or (
                        kind == "straight" and looks_opening):
                    # an opener while a quote is open: the earlier quote was never closed
                    quotes.append(Quote(open_at, i, open_at + open_len, _trim_end(text, open_at + open_len, i),
                                        False, note="quotation mark not closed before the next opening mark; "
                                                    "closed there"))
                    open_at, open_len = i, length
                else:
                    quotes.append(Quote(open_at, i + length, open_at + open_len, i, True, note=note))
                    open_at, note = None, None
            i += length
            continue
        if open_at is None and ch == "‘" and not _is_word(prev) and _is_word(nxt):
            single_at = i
        elif open_at is None and ch == "’" and single_at is not None and not _is_word(nxt) and prev != " ":
            quotes.append(Quote(single_at, i + 1, single_at + 1, i, True, single=True))
            single_at = None
        i += 1
    if open_at is not None:
        quotes.append(Quote(open_at, p_end, open_at + open_len, _trim_end(text, open_at + open_len, p_end), False,
                            note="quotation mark not closed in its paragraph (odd number of marks or a "
                                 "quote continuing in the next paragraph); closed at the paragraph end"))
    return quotes


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, in order; never raises on unbalanced marks."""
    out: list[Quote] = []
    for p_start, p_end in paragraph_ranges(text):
        out.extend(_paragraph_quotes(text, p_start, p_end))
    return out

"""Quotation spans: straight and typographic marks, unbalanced marks, paragraphs."""

from __future__ import annotations

import pytest

from consilience.extract.quotes import find_quotes, paragraph_ranges


def inner(text: str) -> list[tuple[str, bool]]:
    return [(text[q.inner_start:q.inner_end], q.closed) for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("“Heavy fighting is ongoing,” she wrote.", [("Heavy fighting is ongoing,", True)]),
    ('"A," he said. "B."', [("A,", True), ("B.", True)]),
    ('He said "a" and "b".', [("a", True), ("b", True)]),
    # apostrophes are not quotes; a headline's single quotes are
    ("Armenia’s army said it’s over.", []),
    ("Resolution only possible ‘if Armenia’s occupation ends’: spox", [("if Armenia’s occupation ends", True)]),
    # single quotes inside a double quote are left to the double quote
    ("“He said ‘no’ twice,” she said.", [("He said ‘no’ twice,", True)]),
    # an unclosed quote closes at the end of its paragraph, never later
    ("He said “the talks failed.\nThe next day came.", [("the talks failed.", False)]),
    ("“Para one.\n“Para two.”", [("Para one.", False), ("Para two.", True)]),
    # a straight opener while a quote is open: the earlier one was never closed
    ('He said "no. Then "yes" ok', [("no. Then", False), ("yes", True)]),
    # a stray closing mark is ignored
    ('It was over," she said.', []),
    ("No quotes at all.", []),
    ("", []),
])
def test_quotes(text: str, expected: list[tuple[str, bool]]) -> None:
    assert inner(text) == expected


def test_unclosed_quote_says_so() -> None:
    (q,) = find_quotes("He said “the talks failed.\nNext.")
    assert not q.closed and q.note and "closed at the paragraph end" in q.note


def test_spans_include_marks() -> None:
    text = "x “abc” y"
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "“abc”"
    assert text[q.inner_start:q.inner_end] == "abc"


def test_paragraph_ranges_skip_blank_lines() -> None:
    text = "one\n\n  \ntwo three\n"
    assert [text[a:b] for a, b in paragraph_ranges(text)] == ["one", "two three"]

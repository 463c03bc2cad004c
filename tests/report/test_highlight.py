"""Marks in the report's text view: escaped, nested, never crossing."""

import re

import pytest

from consilience.report.highlight import Mark, highlight


def _plain(html_text: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


@pytest.mark.parametrize("text, marks, expected", [
    ("Baku said X", [Mark(0, 4, "actor", "a")], '<mark class="actor" title="a">Baku</mark> said X'),
    ("a <b> c", [Mark(2, 5, "place", "p")], 'a <mark class="place" title="p">&lt;b&gt;</mark> c'),
    # nested: the place inside the claim content is kept
    ("shelling in Tartar", [Mark(0, 18, "claim", "c"), Mark(12, 18, "place", "p")],
     '<mark class="claim" title="c">shelling in <mark class="place" title="p">Tartar</mark></mark>'),
    # crossing: the second mark is dropped
    ("abcdef", [Mark(0, 4, "claim", "c"), Mark(2, 6, "place", "p")],
     '<mark class="claim" title="c">abcd</mark>ef'),
    # out of range: ignored
    ("abc", [Mark(2, 9, "date", "d")], "abc"),
])
def test_highlight(text, marks, expected):
    out = highlight(text, marks)
    assert out == expected
    assert _plain(out) == text
    assert out.count("<mark") == out.count("</mark>")

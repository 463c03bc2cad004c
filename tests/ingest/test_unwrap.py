"""Hard-wrapped text (issue 9 §3): paragraphs are joined back, separate lines stay separate."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience.ingest.clean import clean_text, split_lines
from consilience.ingest.unwrap import paragraph_groups, wrap_width

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "karabakh").glob("*.txt"))

WRAPPED = """\
Armenia and Azerbaijan agree to a ceasefire in Nagorno-Karabakh after two
weeks of fighting
By Jonah Fisher
BBC News, Baku

Armenia and Azerbaijan have agreed a ceasefire in the disputed region of
Nagorno-Karabakh after nearly two weeks of fighting, Russia's foreign
minister said on Saturday.

"We will not leave our homes, whatever happens to the town," a resident of
Stepanakert told the BBC, adding that shelling had continued overnight.
The Azerbaijani defence ministry said its forces had taken several villages
near Jabrayil and accused Armenian troops of shelling the city of Ganja,
which lies far from the front line.
Key points:
- the truce began at noon local time on Saturday, officials in Baku said
- prisoners and the bodies of the dead are to be exchanged under the deal
"""


def _lines(raw: str) -> list[str]:
    spans = [(line.start, line.end) for line in split_lines(raw)]
    return [" ".join(raw[spans[i][0]:spans[i][1]] for i in group) for group in paragraph_groups(raw, spans)]


def test_wrapped_paragraphs_are_joined_and_separate_lines_are_not() -> None:
    assert wrap_width([line.text for line in split_lines(WRAPPED)]) == 75
    assert _lines(WRAPPED) == [
        "Armenia and Azerbaijan agree to a ceasefire in Nagorno-Karabakh after two weeks of fighting",
        "By Jonah Fisher",
        "BBC News, Baku",
        "Armenia and Azerbaijan have agreed a ceasefire in the disputed region of Nagorno-Karabakh after "
        "nearly two weeks of fighting, Russia's foreign minister said on Saturday.",
        "\"We will not leave our homes, whatever happens to the town,\" a resident of Stepanakert told the "
        "BBC, adding that shelling had continued overnight.",
        "The Azerbaijani defence ministry said its forces had taken several villages near Jabrayil and "
        "accused Armenian troops of shelling the city of Ganja, which lies far from the front line.",
        "Key points:",
        "- the truce began at noon local time on Saturday, officials in Baku said",
        "- prisoners and the bodies of the dead are to be exchanged under the deal",
    ]


def test_cleaned_wrapped_text_has_a_whole_title_and_whole_sentences() -> None:
    result = clean_text(WRAPPED)
    assert result.title == ("Armenia and Azerbaijan agree to a ceasefire in Nagorno-Karabakh after two weeks "
                            "of fighting")
    lines = result.text.split("\n")
    assert lines[0] == result.title
    assert any(line.startswith("\"We will not leave our homes, whatever happens to the town,\" a resident of "
                               "Stepanakert told") for line in lines)
    for seg in result.offset_map.segments:     # every piece is verbatim raw text
        assert result.text[seg.clean_start:seg.clean_start + seg.length] == \
            WRAPPED[seg.raw_start:seg.raw_start + seg.length]
    quote = result.text.index("whatever happens")
    assert WRAPPED[result.offset_map.to_raw(quote):].startswith("whatever happens")


def test_a_text_starting_with_a_wrapped_paragraph_has_no_fragment_title() -> None:
    raw = WRAPPED.split("\n\n", 1)[1]
    result = clean_text(raw)
    assert result.title is None or result.title.endswith(("Saturday.", "fighting"))
    assert result.title != "Armenia and Azerbaijan have agreed a ceasefire in the disputed region of"


@pytest.mark.parametrize("raw", [
    # one paragraph per line (scraped text): every line ends a sentence
    "\n".join(["Forces shelled the town of Tartar on Monday, officials in the capital said today."] * 2
              + ["Armenian officials said Stepanakert was hit again overnight by heavy rocket fire."] * 3),
    # a list of headlines of similar length, each starting in upper case
    "Shelling continues in the town of Tartar on Monday\nArmenia says Stepanakert was hit again overnight\n"
    "Russia calls on both sides to respect the ceasefire\nTurkey backs Azerbaijan in the conflict once more\n",
    # short lines
    "Home\nWorld\nEurope\nShare this\n",
])
def test_texts_that_are_not_wrapped_are_left_alone(raw: str) -> None:
    assert wrap_width([line.text for line in split_lines(raw)]) is None
    assert len(_lines(raw)) == len(split_lines(raw))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_corpus_is_not_taken_for_wrapped_text(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert wrap_width([line.text for line in split_lines(raw)]) is None


def test_blank_lines_and_indented_paragraphs_separate() -> None:
    para = ("the forces said on Monday that the town was shelled and officials in Baku said the\n"
            "ceasefire was broken again near the front line where villages were hit overnight\n"
            "by artillery and rockets.")
    raw = f"{para}\n\n{para}\n    {para.upper()}"
    lines = _lines(raw)
    assert len(lines) == 3 and lines[2].startswith("THE FORCES")

"""Claims in hard-wrapped text are not cut at line ends (issue 9 §3), offsets into the whole text."""

from __future__ import annotations

import pytest

from consilience.extract.document import extract_document
from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem
from consilience.nlp.pipeline import build_pipeline

WRAPPED = """\
Residents of Stepanakert vow to stay as shelling goes on
By Jonah Fisher

"We will not leave our homes, whatever happens to the town," a resident of
Stepanakert told the BBC, adding that shelling had continued overnight.
The Azerbaijani defence ministry said its forces had taken several villages
near Jabrayil and accused Armenian troops of shelling the city of Ganja,
which lies far from the front line.
"""


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def test_a_quote_spanning_two_lines_is_one_claim(nlp) -> None:
    doc = build_document(RawItem("w.txt", "/w.txt", "text", WRAPPED, {"language": "en"}))
    assert doc.title == "Residents of Stepanakert vow to stay as shelling goes on"
    records = extract_document(doc, nlp)
    quotes = [c for c in records.claims if c.direct_quote]
    assert any(c.content and "We will not leave our homes, whatever happens to the town" in c.content
               for c in quotes), [c.text for c in records.claims]
    villages = [c for c in records.claims if "villages" in (c.content or "")]
    assert villages and all("near Jabrayil" in c.content for c in villages), [c.content for c in villages]
    for claim in records.claims:
        assert doc.text[claim.start:claim.end] == claim.text
        raw_start, raw_end = doc.offset_map.span_to_raw(claim.start, claim.end)
        assert " ".join(doc.raw_text[raw_start:raw_end].split()) == " ".join(claim.text.split())

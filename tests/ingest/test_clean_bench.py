"""Cleaning never drops article prose: no gold toponym of LGL / TR-News falls in a removed line (issue 12).

The geoparsing collections (../shared/bench/geoparsing, see its SOURCE.txt) are real news texts with every
place name marked.  Removing a line that holds one is removing article prose, except for lines that are
not prose by design: credit lines ("(Reporting by Jonathan Stempel in New York; ...)"), teasers ("READ
MORE: ..."), datelines cut off as a header ("Washington (CNN)") and exact duplicates of a kept line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from consilience.ingest.clean import clean_text

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "geoparsing"
NOT_PROSE = ("credit line", "teaser", "duplicate line", "near-duplicate line", "repeated title")


def _articles(name: str):
    path = BENCH / name
    if not path.is_file():
        pytest.skip(f"{path} not found (the geoparsing bench lives in ../shared/bench)")
    for article in ET.parse(path).getroot().iter("article"):
        spans = [(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase"))
                 for t in article.iter("toponym") if t.findtext("start")]
        yield article.get("docid"), article.findtext("title"), article.findtext("text") or "", spans


@pytest.mark.parametrize("name", ["lgl.xml", "TR-News.xml"])
def test_no_gold_toponym_is_in_a_removed_prose_line(name):
    lost = []
    checked = 0
    for doc_id, title, text, spans in _articles(name):
        result = clean_text(text, title_hint=title)
        checked += 1
        for line in result.removed:
            if line.reason.startswith(NOT_PROSE) or "dateline" in line.reason:
                continue
            for start, end, phrase in spans:
                if line.raw_start <= start and end <= line.raw_end:
                    lost.append(f"{doc_id}: {phrase!r} in a line removed as {line.reason!r}: {line.text[:80]!r}")
    assert checked > 100
    assert not lost, "\n".join(lost[:20])

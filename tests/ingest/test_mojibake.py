"""Tests for consilience.ingest.mojibake: repairing UTF-8 that was read as Windows-1252 before it reached us."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem
from consilience.ingest.mojibake import repair_mojibake

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"


@pytest.mark.parametrize(("broken", "repaired"), [
    # the whole mis-decoded sequence present (ftfy's case)
    ("Minnesotaâ€™s schools", "Minnesota’s schools"),
    ("a cafÃ© in Baku", "a café in Baku"),
    ("â€œHelloâ€\x9d, he said", "“Hello”, he said"),
    # the lossy form: "€" became a space and the last byte was lost or kept (seen in LGL's texts)
    ("Minnesotaâ s school children", "Minnesota’s school children"),
    ("she couldnâ t believe", "she couldn’t believe"),
    ("Weâ re nervous", "We’re nervous"),
    ("Seifert, R-Marshall â “ joined by", "Seifert, R-Marshall – joined by"),
    ("KANSAS CITY, Mo. â ” Tens of thousands", "KANSAS CITY, Mo. — Tens of thousands"),
    ("discussed:â ¢ canceling", "discussed:• canceling"),
    # a no-break space (C2 A0) whose second byte became a plain space
    ("the Mexican MafiaÂ was after him", "the Mexican Mafia\u00a0was after him"),
    # quotation marks whose last byte was lost: opening, then closing, by place and by turns
    ("its toll. â Fear is setting in,â said Moore. â We see it on the streets. â As of Monday",
     'its toll. "Fear is setting in," said Moore. "We see it on the streets." As of Monday'),
])
def test_repairs(broken: str, repaired: str) -> None:
    text, changed = repair_mojibake(broken)
    assert text == repaired
    assert changed >= 1


@pytest.mark.parametrize("text", [
    "château, Brâncuși, hâlâ, âge, naïve résumé, Hà Nội, São Paulo, Zürich",
    "« à la une » — “quoted” ‘words’ – dashes • bullets",
    "Plain ASCII text with \"quotes\" and it's apostrophes.",
])
def test_leaves_correct_text_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, 0)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_example_corpus_unchanged(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert repair_mojibake(raw) == (raw, 0)


def test_document_raw_layer_is_repaired_and_noted() -> None:
    body = ("The flood began to take its toll. â Itâ s not even traffic,â noted the county's public works "
            "director, who said the roads north of Alexandria were closed because of water on Tuesday.")
    doc = build_document(RawItem(source="/d/a.txt", source_key="/d/a.txt", format="text", text=body))
    assert "â" not in doc.text and "â" not in doc.raw_text
    assert '"It’s not even traffic," noted' in doc.text
    assert any("mis-decoded" in note for note in doc.notes)
    # offsets still map the clean text onto the (repaired) raw layer
    start = doc.text.index("Alexandria")
    raw_start, raw_end = doc.offset_map.span_to_raw(start, start + len("Alexandria"))
    assert doc.raw_text[raw_start:raw_end] == "Alexandria"


def test_clean_document_has_no_repair_note() -> None:
    body = ("Armenian and Azerbaijani forces exchanged heavy artillery fire along the front line on Thursday, "
            "officials in Baku and Yerevan said.")
    doc = build_document(RawItem(source="/d/b.txt", source_key="/d/b.txt", format="text", text=body))
    assert not any("mis-decoded" in note for note in doc.notes)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("âÃ€™“”¢ œst\n,.?Aeé©") + ["re", "ll"]), max_size=40).map("".join))
def test_never_fails_and_only_touches_suspect_text(text: str) -> None:
    repaired, changed = repair_mojibake(text)
    assert isinstance(repaired, str)
    assert (changed == 0) == (repaired == text)
    if not any(lead in text for lead in "âÃÂé"):     # no character that can start a mis-decoded sequence
        assert repaired == text

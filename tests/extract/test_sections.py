"""Long documents are extracted in sections (issue 9 §2): bounded memory, whole-document offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consilience.config import DEFAULT_CONFIG
from consilience.extract.document import extract_document
from consilience.extract.sections import section_spans
from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem
from consilience.nlp.pipeline import build_pipeline

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "karabakh").glob("*.txt"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n")), max_size=400), st.integers(min_value=1, max_value=60))
def test_section_spans_cover_the_text_in_order_within_the_size(text: str, size: int) -> None:
    spans = section_spans(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end == start
    assert all(0 < e - s <= size for s, e in spans) or len(text) == 0


def test_sections_end_at_paragraph_breaks_when_there_are_any() -> None:
    text = "\n".join(f"Paragraph {i} says something about the fighting." for i in range(40))
    spans = section_spans(text, 300)
    assert len(spans) > 1
    assert all(text[e - 1] == "\n" for _, e in spans[:-1])


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="module")
def long_doc():
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES)
    return build_document(RawItem("long.txt", "/long.txt", "text", text, {"language": "en"}))


def test_a_long_document_in_sections_has_whole_document_offsets(nlp, long_doc) -> None:
    size = len(long_doc.text) // 4
    config = DEFAULT_CONFIG.with_overrides(extract_section_chars=size)
    whole = extract_document(long_doc, nlp)
    parts = extract_document(long_doc, nlp, config=config)
    assert any("sections" in note for note in parts.notes)
    assert not any("sections" in note for note in whole.notes)
    for kind in ("mentions", "places", "dates", "figures", "claims", "events"):
        records = getattr(parts, kind)
        assert len({r.id for r in records}) == len(records), kind
        for r in records:
            assert 0 <= r.start < r.end <= len(long_doc.text)
            if hasattr(r, "text"):
                assert long_doc.text[r.start:r.end] == r.text, (kind, r)
    spans_whole = {(m.start, m.end, m.label) for m in whole.mentions}
    spans_parts = {(m.start, m.end, m.label) for m in parts.mentions}
    assert len(spans_whole & spans_parts) >= 0.9 * len(spans_whole)
    late = [m for m in parts.mentions if m.start > 3 * size]
    assert late, "the last section's mentions are at whole-document offsets"

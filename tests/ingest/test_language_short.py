"""Short texts with an unsure language guess are processed, not dropped (issue 11)."""

from __future__ import annotations

from consilience.config import DEFAULT_CONFIG
from consilience.extract.document import skip_reason
from consilience.ingest import document as document_module
from consilience.ingest.document import build_document
from consilience.ingest.items import RawItem

NOTE = "On 3 March 2022, armed men killed two villagers in Kwall (Bassa, Plateau)."


def _item(text: str) -> RawItem:
    return RawItem(source="note.txt", source_key="note.txt", format="text", text=text, meta={})


def test_an_unsure_guess_on_a_short_text_is_undetermined_and_extracted(monkeypatch):
    monkeypatch.setattr(document_module, "detect_language", lambda text, config: ("pcm", 0.62))
    doc = build_document(_item(NOTE), DEFAULT_CONFIG)
    assert doc.status == "ok" and doc.language == "und"
    assert any("too unsure" in n for n in doc.notes)
    assert skip_reason(doc) is None


def test_a_confident_guess_or_a_long_text_is_still_flagged(monkeypatch):
    monkeypatch.setattr(document_module, "detect_language", lambda text, config: ("fr", 0.99))
    assert build_document(_item(NOTE), DEFAULT_CONFIG).status == "skipped_language"
    monkeypatch.setattr(document_module, "detect_language", lambda text, config: ("fr", 0.6))
    long_text = " ".join([NOTE] * 20)
    assert build_document(_item(long_text), DEFAULT_CONFIG).status == "skipped_language"

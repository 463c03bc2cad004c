"""The assembled pipeline: order, analysis, the entity ruler's fixes, gazetteer integration."""

from __future__ import annotations

import importlib.util
import sys
import types

import pytest

from consilience.nlp import pipeline
from consilience.nlp.model import load_model
from consilience.nlp.pipeline import RULER_NAME, build_pipeline, make_pipeline, place_patterns


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=("actors",))


def test_order_and_analysis(nlp):
    names = nlp.pipe_names
    assert names.index(RULER_NAME) < names.index("ner")
    assert names.index("senter") < names.index("consilience_line_sentences")
    assert names.index("ner") < names.index("consilience_org_names") \
        < names.index("consilience_selective_parser") < names.index("consilience_actors")
    assert "parser" not in names and "parser" in nlp.component_names   # kept, disabled
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values())
    assert nlp.get_pipe(RULER_NAME).overwrite is True


# Sentences from the example corpus on which en_core_web_sm 3.8.0 mislabels a known name.
NER_ERRORS = [
    ("Azerbaijan's defence ministry said its forces had carried out strikes.", "Azerbaijan", "GPE"),
    ("Khankendi, also known as Stepanakert, in occupied-Karabakh saw two explosions.",
     "Stepanakert", "GPE"),
    ("It denied claims by Yerevan that one of its helicopters had been downed.", "Yerevan", "GPE"),
    ("The president said Armenia's withdrawal from Nagorno-Karabakh was the sole condition.",
     "Nagorno-Karabakh", "GPE"),
    ("Border clashes broke out in occupied-Karabakh on Sunday.", "Karabakh", "GPE"),
    ("Azerbaijani prosecutors said Armenian shelling killed a civilian in the town of Tartar.",
     "Azerbaijani", "NORP"),
]


@pytest.mark.parametrize(("text", "name", "label"), NER_ERRORS)
def test_ruler_fixes_ner_errors(nlp, text, name, label):
    labels = {e.text: e.label_ for e in nlp(text).ents}
    assert labels.get(name) == label


def test_the_plain_model_does_make_these_errors():
    """Why the ruler is there: the unmodified model gets several of them wrong."""
    plain = load_model()
    wrong = 0
    for text, name, label in NER_ERRORS:
        labels = {e.text: e.label_ for e in plain(text).ents}
        wrong += labels.get(name) != label
    assert wrong >= 3


def test_tartar_is_a_place_once_the_gazetteer_is_there(nlp):
    _, source = place_patterns()
    if source.startswith("fallback"):
        pytest.skip("no gazetteer patterns in this tree")
    doc = nlp("Azerbaijan's prosecutors said the train station in Tartar was damaged. Tartar said so.")
    assert [e.label_ for e in doc.ents if e.text == "Tartar"] == ["GPE", "GPE"]
    assert nlp.meta["consilience"]["n_place_patterns"] > 1000


def test_gazetteer_patterns_are_used_when_present(monkeypatch):
    """Stand-in for consilience.extract.places: its patterns must reach the ruler."""
    name = "consilience_test_places_stub"
    stub = types.ModuleType(name)
    stub.__spec__ = importlib.util.spec_from_loader(name, loader=None)
    stub.place_ruler_patterns = lambda: [{"label": "GPE", "pattern": "Zorbaville", "id": "x1"}]
    monkeypatch.setitem(sys.modules, name, stub)
    monkeypatch.setattr(pipeline, "PLACES_MODULES", (name,))
    patterns, source = place_patterns()
    assert source == f"{name}.place_ruler_patterns" and len(patterns) == 1
    built = make_pipeline(components=(), parse="none")
    assert built.meta["consilience"]["place_patterns"] == source
    ents = [(e.text, e.label_, e.ent_id_) for e in built("Shelling hit Zorbaville on Monday.").ents]
    assert ("Zorbaville", "GPE", "x1") in ents


def test_fallback_without_gazetteer(monkeypatch):
    monkeypatch.setattr(pipeline, "PLACES_MODULES", ("consilience_no_such_module",))
    patterns, source = place_patterns()
    assert patterns == [] and source.startswith("fallback")


def test_build_pipeline_is_cached_per_settings(nlp):
    assert build_pipeline(components=("actors",)) is nlp
    assert build_pipeline(components=("actors",), parse="none") is not nlp


@pytest.mark.parametrize("bad", [{"parse": "some"}, {"components": ("claims",)}])
def test_bad_arguments(bad):
    with pytest.raises(ValueError):
        make_pipeline(**bad)


@pytest.mark.parametrize("text,name", [
    ("There were no seizures in London, said Const. Sandasha Bough, a spokesperson for London police.",
     "Sandasha Bough"),
    ("The road was closed after the crash, said Det. Sgt. Mark Smith of the provincial police.", "Mark Smith"),
    ("The road was closed, said Cpl. Jean O'Brien of the RCMP.", "Jean O'Brien"),
])
def test_abbreviated_title_keeps_the_name_in_its_sentence(nlp, text, name):
    doc = nlp(text)
    assert len(list(doc.sents)) == 1, [s.text for s in doc.sents]
    assert name in [e.text for e in doc.ents]
    title = text.split("said ")[1].split()[0]
    assert title in [t.text for t in doc]      # one token, full stop included


def test_title_rule_keeps_a_sentence_start_at_a_function_word(nlp):
    from spacy.tokens import Doc

    from consilience.nlp.components.title_abbreviations import TitleSentences

    words = ["He", "met", "the", "Gov.", "The", "talks", "went", "on", ".", "Sgt.", "Smith", "came"]
    starts = [True, False, False, False, True, False, False, False, False, False, True, False]
    doc = TitleSentences()(Doc(nlp.vocab, words=words, sent_starts=starts))
    assert doc[4].is_sent_start            # "The" after "Gov." still starts a sentence
    assert not doc[10].is_sent_start       # "Smith" after "Sgt." no longer does

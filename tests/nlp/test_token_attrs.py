"""The cached attribute ruler + lemmatizer give what the model's own components give."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def models():
    from consilience.nlp import token_attrs
    from consilience.nlp.model import load_model

    try:
        plain, cached = load_model(exclude=["parser", "ner"]), load_model(exclude=["parser", "ner"])
    except Exception as exc:  # no model installed
        pytest.skip(f"no spaCy model: {exc}")
    assert token_attrs.install(cached)
    return plain, cached


TEXTS = [
    "Azerbaijan's defence ministry said its forces were shelling positions near Tartar overnight.",
    "We're gonna win, let's go, y'all! There is no ceasefire, Yerevan said; it ain't over.",
    "The death toll rose to more than 100 people, AFP said, as the shelling of Stepanakert continued.",
    "  Two  spaces and\nlines; 1,200 killed?",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_cached_token_attributes_equal_the_models(models, text):
    plain, cached = models
    for _ in range(2):                       # cold cache, then warm
        a, b = plain(text), cached(text)
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in a] == \
            [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in b]


def test_the_components_are_replaced_not_added(models):
    _, cached = models
    assert "consilience_token_attrs" in cached.pipe_names
    assert "attribute_ruler" not in cached.pipe_names and "lemmatizer" not in cached.pipe_names


@pytest.mark.parametrize("text", TEXTS[:3])
def test_new_words_asked_together_get_what_one_at_a_time_gets(models, text):
    from spacy.attrs import ORTH, TAG

    plain, cached = models
    component = cached.get_pipe("consilience_token_attrs")
    doc = plain(text)
    keys = list(dict.fromkeys(map(tuple, doc.to_array([ORTH, TAG]).tolist())))
    assert len(keys) > 10
    together = component._compute_many(keys)
    assert together == [component._compute(orth, tag) for orth, tag in keys]
    assert len(set(together)) > 5        # not one answer for all

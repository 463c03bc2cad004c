"""Selective parsing: cue sentences get a tree, others stay flat, sentences never change."""

from __future__ import annotations

import pytest

from consilience.nlp.pipeline import build_pipeline, is_parsed

TEXT = (
    "Border clashes between Armenia and Azerbaijan showed no signs of abating on Thursday.\n"
    "Share on facebook\n"
    "The Azerbaijani Defence Ministry said the military had launched counterattacks overnight.\n"
    "Our correspondent visited the market\n"
    "About 145,000 people live in the region.\n"
    "Related Posts\n"
)
PARSED = {
    "Border clashes between Armenia and Azerbaijan showed no signs of abating on Thursday.": True,
    "Share on facebook": False,
    "The Azerbaijani Defence Ministry said the military had launched counterattacks overnight.": True,
    "Our correspondent visited the market": False,
    "About 145,000 people live in the region.": True,
    "Related Posts": False,
}


@pytest.fixture(scope="module")
def pipelines():
    return {mode: build_pipeline(components=(), parse=mode) for mode in ("selective", "all", "none")}


def _sents(doc):
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_cue_sentences_are_parsed_and_others_are_not(pipelines):
    doc = pipelines["selective"](TEXT)
    assert _sents(doc) == list(PARSED)
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        expected = PARSED[sent.text.strip()]
        assert all(is_parsed(t) for t in sent) is expected, sent.text
        assert any(is_parsed(t) for t in sent) is expected, sent.text
        if expected:
            roots = [t for t in sent if t.dep_ == "ROOT"]
            assert len(roots) == 1            # one tree per senter sentence
            assert all(sent.start <= t.head.i < sent.end for t in sent)
    parsed = doc._.consilience_parsed
    assert len(parsed) == 3
    said = next(t for t in doc if t.text == "said")
    assert said.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in said.children)


def test_sentences_are_the_same_in_every_mode(pipelines):
    boundaries = {mode: [(s.start, s.end) for s in nlp(TEXT).sents] for mode, nlp in pipelines.items()}
    assert boundaries["selective"] == boundaries["all"] == boundaries["none"]


def test_modes(pipelines):
    all_doc = pipelines["all"](TEXT)
    assert all(is_parsed(t) for s in all_doc.sents if s.text.strip() for t in s)
    none_doc = pipelines["none"](TEXT)
    assert not any(is_parsed(t) for t in none_doc)
    assert none_doc._.consilience_parsed is None


def test_selective_trees_equal_full_trees(pipelines, examples_dir):
    """The tok2vec rows are reused, so a selected sentence gets the parse "all" gives it."""
    text = (examples_dir / "000_f1f7456cb6a5ee0c.txt").read_text(encoding="utf-8")
    sel, full = pipelines["selective"](text), pipelines["all"](text)
    tokens = [i for start, end in sel._.consilience_parsed for i in range(start, end)]
    assert len(tokens) > len(sel) / 2
    same = sum(sel[i].head.i == full[i].head.i and sel[i].dep_ == full[i].dep_ for i in tokens)
    assert same / len(tokens) > 0.99


def test_empty_and_blank_documents(pipelines):
    for text in ("", "   \n\n  "):
        doc = pipelines["selective"](text)
        assert doc._.consilience_parsed == ()

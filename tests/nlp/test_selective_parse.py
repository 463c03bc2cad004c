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


SELECTION_TEXTS = [
    TEXT,
    "  \n\nShe told reporters 3 were hurt. \"Fine,\" he said!\n\nNothing here at all.\n"
    "Dozens fled. Nothing else. The GDP grew by $5 billion (12%) in 2020.\n  \n",
    "The clashes left many homeless.\tRELATED:\n\n...\n",
    "",
]


def _reference_selection(nlp, doc):
    """The sentences to parse, the way Token and Span objects tell it (Cues.sentence_has_cue)."""
    component = nlp.get_pipe("consilience_selective_parser")
    out = []
    for sent in doc.sents:
        if all(t.is_space for t in sent):
            continue
        if component.mode == "all" or component.cues.sentence_has_cue(sent):
            out.append((sent.start, sent.end))
    return out


@pytest.mark.parametrize("text", SELECTION_TEXTS)
@pytest.mark.parametrize("mode", ["selective", "all"])
def test_selection_from_arrays_is_the_span_selection(pipelines, mode, text):
    nlp = pipelines[mode]
    with nlp.select_pipes(disable=["consilience_selective_parser"]):
        doc = nlp(text)
    component = nlp.get_pipe("consilience_selective_parser")
    expected = _reference_selection(nlp, doc) if len(doc) else []
    assert component.select_ranges(doc) == expected
    if mode == "selective" and text:
        assert 0 < len(expected) < len([s for s in doc.sents if s.text.strip()])   # the test can tell


def test_a_batch_parses_like_one_document_at_a_time(pipelines):
    from spacy.attrs import DEP, HEAD

    nlp = pipelines["selective"]
    texts = [t for t in SELECTION_TEXTS if t]
    one = [nlp(t) for t in texts]
    many = list(nlp.pipe(texts, batch_size=len(texts)))
    for a, b in zip(one, many):
        assert a._.consilience_parsed == b._.consilience_parsed
        assert a.to_array([HEAD, DEP]).tolist() == b.to_array([HEAD, DEP]).tolist()
    assert any(b._.consilience_parsed for b in many)

"""Per-Doc readings made once (text, forms, line breaks) equal what the tokens say."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from consilience.extract.doctext import doc_text, seed_text, token_lowers, token_texts  # noqa: E402
from consilience.extract.sentences import newline_tokens, sentence_ranges  # noqa: E402

TEXTS = [
    "Shelling hit Tartar.\n\nThe ministry said  two\ncivilians died.\n \nBAKU, Oct 5 (Reuters) -\tAzerbaijan ...",
    "no line break at all, only words",
    "\nstarts with a break\n",
    "ends with two\n\n",
    "",
]


def _naive_ranges(doc, keep=()):
    sents = [(s.start, s.end) for s in doc.sents]
    out = []
    for start, end in sents:
        cut = start
        for i in range(start, end):
            tok = doc[i]
            if "\n" in tok.text and (not keep or tok.idx + tok.text.index("\n") not in keep):
                if i > cut:
                    out.append((cut, i))
                cut = i + 1
        if end > cut:
            out.append((cut, end))
    return out


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.mark.parametrize("text", TEXTS)
def test_token_readings_equal_the_tokens(nlp, text):
    doc = nlp(text)
    assert doc_text(doc) == doc.text
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert token_texts(doc) == [t.text for t in doc]
    breaks, offsets = newline_tokens(doc)
    assert breaks == [t.i for t in doc if "\n" in t.text]
    assert offsets == [t.idx + t.text.index("\n") for t in doc if "\n" in t.text]


@pytest.mark.parametrize("text", TEXTS[:3])
def test_sentence_ranges_equal_a_scan_of_every_token(nlp, text):
    doc = nlp(text)
    assert sentence_ranges(doc) == _naive_ranges(doc)
    soft = {t.idx + t.text.index("\n") for t in doc if "\n" in t.text}
    some = set(sorted(soft)[::2])
    assert sentence_ranges(doc, keep=some) == _naive_ranges(doc, keep=some)


def test_kept_breaks_join_lines(nlp):
    doc = nlp(TEXTS[0])
    soft = {t.idx + t.text.index("\n") for t in doc if "\n" in t.text}
    assert len(sentence_ranges(doc)) > len(sentence_ranges(doc, keep=soft))


def test_a_seeded_text_is_the_one_read(nlp):
    doc = nlp.make_doc("Two words")
    seed_text(doc, "Two words")
    assert doc_text(doc) == "Two words" == doc.text

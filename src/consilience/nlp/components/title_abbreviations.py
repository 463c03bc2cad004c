"""Component ``consilience_title_sentences``: an abbreviated title does not end a sentence.

Why: police and military ranks are abbreviated before a name ("said Const.
Sandasha Bough, a spokesperson for London police", "Det. Sgt. Mark Smith",
"Cpl.", "Insp.", "Supt.").  spaCy's English tokenizer knows "Dr.", "Gen.",
"Gov." and a few more, but splits the others into a word and a full stop, and
the sentence splitter then ends the sentence there: the claim's speaker
becomes "Const" and the name starts a sentence of its own.

Two fixes, both from the one list :data:`TITLE_ABBREVIATIONS` (ranks and
titles abbreviated before a name in AP, Canadian Press and British police
style):

* :func:`add_tokenizer_cases` makes each abbreviation, with its full stop, one
  token (as spaCy does for "Dr.");
* the component, run after ``senter``, removes a sentence start from a
  title-case word that directly follows one of them ("Const." + "Sandasha").

Suffixes that can end a sentence ("Jr.", "Sr.") and place abbreviations
("St.", "Mt.") are not titles here.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import register_factory

NAME = "consilience_title_sentences"

#: Abbreviated titles written before a name (with their full stop).
TITLE_ABBREVIATIONS = frozenset({
    "Adm.", "Atty.", "Brig.", "Capt.", "Cdr.", "Cmdr.", "Col.", "Comdr.", "Const.", "Cpl.", "Cst.",
    "Det.", "Dr.", "Fr.", "Gen.", "Gov.", "Hon.", "Insp.", "Lt.", "Maj.", "Pfc.", "Pres.", "Prof.",
    "Pte.", "Pvt.", "Rep.", "Rev.", "Sen.", "Sgt.", "Spc.", "Supt.", "Mr.", "Mrs.", "Ms.",
})


def add_tokenizer_cases(nlp: Language) -> None:
    """Each abbreviation (and its upper-case form) one token, like spaCy's own "Dr."."""
    for abbr in TITLE_ABBREVIATIONS:
        for form in (abbr, abbr.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


class TitleSentences:
    """No sentence starts at a title-case word right after an abbreviated title."""

    def __call__(self, doc: Doc) -> Doc:
        for i in range(len(doc) - 1):
            token = doc[i]
            if token.text not in TITLE_ABBREVIATIONS or token.whitespace_ != " ":
                continue
            nxt = doc[i + 1]
            if (nxt.is_sent_start and nxt.text[:1].isupper() and nxt.text[:1].isalpha()
                    and not nxt.is_stop):       # "He met the Gov. The meeting ..." still ends
                nxt.is_sent_start = False
        return doc


def make_title_sentences(nlp: Language, name: str) -> TitleSentences:
    return TitleSentences()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    register_factory(NAME, "token.is_sent_start", make_title_sentences, requires="token.is_sent_start")


__all__ = ["NAME", "TITLE_ABBREVIATIONS", "TitleSentences", "add_tokenizer_cases", "make_title_sentences",
           "register"]

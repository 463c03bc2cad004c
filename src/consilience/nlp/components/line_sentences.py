"""Component ``consilience_line_sentences``: a line break ends a sentence.

Why: cleaned article text keeps one paragraph (or headline, or dateline) per
line, and headlines have no final full stop, so the statistical senter glues a
headline to the first sentence below it ("... Casualties Reported\\n\\nArmenia
and Azerbaijan reported ...").  A token that follows a whitespace token
holding a newline therefore starts a sentence, unless the text looks
hard-wrapped there (the previous word has no closing punctuation and the next
word is lower case), which a single newline inside a sentence means.
A blank line ("\\n\\n") always ends a sentence.

Runs after ``senter``; it only sets more sentence starts, never removes one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from consilience.nlp.components._guard import register_factory

NAME = "consilience_line_sentences"
_CLOSING = frozenset(".!?:;\"'”’»)]…")


class LineSentences:
    """Mark the first token after a line break as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        from consilience.extract.sentences import newline_tokens

        n = len(doc)
        for i in newline_tokens(doc)[0]:      # the tokens with a line break, found from the text
            if i >= n - 1:
                break
            token = doc[i]
            if not token.is_space:
                continue
            nxt = doc[i + 1]
            if nxt.is_space:
                continue
            if token.text.count("\n") < 2:
                prev = doc[i - 1] if i > 0 else None
                wrapped = (prev is not None and prev.text[-1] not in _CLOSING
                           and nxt.text[:1].islower())
                if wrapped:
                    continue
            nxt.is_sent_start = True
        return doc


def make_line_sentences(nlp: Language, name: str) -> LineSentences:
    return LineSentences()


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    register_factory(NAME, "token.is_sent_start", make_line_sentences, requires="token.is_sent_start")


__all__ = ["LineSentences", "NAME", "make_line_sentences", "register"]

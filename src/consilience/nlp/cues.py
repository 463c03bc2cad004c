"""The cue words that decide which sentences get a dependency parse.

The lists are data (``consilience/data/parse_cues.json``, sources in
``actors_SOURCES.md``): reporting verbs (who said what), event triggers (what
happened) and number words (figures).  Coreference reuses the reporting verbs
to decide whether a subject pronoun introduces a statement ("It denied ...").
Loaded once per process, on first use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

CUES_FILE = "parse_cues.json"


@dataclass(frozen=True, slots=True)
class Cues:
    """Lower-case word sets; a token matches by its lower-case form or its lemma."""

    reporting: frozenset[str]
    triggers: frozenset[str]
    figure_words: frozenset[str]
    figure_labels: frozenset[str]

    def is_reporting(self, token: Token) -> bool:
        return token.lower_ in self.reporting or token.lemma_.lower() in self.reporting

    def is_trigger(self, token: Token) -> bool:
        return token.lower_ in self.triggers or token.lemma_.lower() in self.triggers

    def is_figure(self, token: Token) -> bool:
        return (token.like_num or token.lower_ in self.figure_words
                or token.ent_type_ in self.figure_labels)

    def sentence_has_cue(self, sent: Span) -> bool:
        """True when the sentence has a reporting verb, an event trigger or a figure."""
        for token in sent:
            if token.is_space or token.is_punct:
                continue
            if self.is_reporting(token) or self.is_trigger(token) or self.is_figure(token):
                return True
        return False


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The packaged cue lists (cached)."""
    raw = json.loads(
        resources.files("consilience").joinpath("data", CUES_FILE).read_text(encoding="utf-8")
    )
    # The claim and event lexicons are the source of truth for what their
    # extractors look for; a sentence with any of their cues must be parsed.
    from consilience.extract.claim_cues import load_cues as load_claim_cues
    from consilience.extract.event_triggers import trigger_lemmas

    claim_verbs = {w.lower() for w in load_claim_cues().parse_words()}
    return Cues(
        reporting=frozenset(w.lower() for w in raw["reporting_verbs"]) | claim_verbs,
        triggers=frozenset(w.lower() for w in raw["event_triggers"]) | trigger_lemmas(),
        figure_words=frozenset(w.lower() for w in raw["figure_words"]),
        figure_labels=frozenset(raw["figure_entity_labels"]),
    )


__all__ = ["CUES_FILE", "Cues", "load_cues"]

"""Component ``consilience_actors``: actor mentions (with coreference) on the Doc.

A thin adapter around :func:`consilience.extract.actors.resolve_actors`,
which resolves names, titles, institutions and demonyms against the actor
lexicon and then links later short forms and subject pronouns
(:mod:`consilience.extract.coref`).  Writes ``doc._.consilience_mentions``
and ``doc._.consilience_actors`` (the canonical actors those mentions use).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "consilience_actors"


class ActorsComponent:
    def __init__(self, lexicons: list[str]) -> None:
        from consilience.extract.actors import load_lexicon

        self.lexicon = load_lexicon(tuple(lexicons))

    def __call__(self, doc: Doc) -> Doc:
        from consilience.extract.actors import resolve_actors

        mentions, actors = resolve_actors(
            doc, doc._.consilience_document_id or "", lexicon=self.lexicon,
            published=doc._.consilience_published,
        )
        doc._.consilience_mentions = tuple(mentions)
        doc._.consilience_actors = tuple(actors)
        return doc


def make_actors(nlp: Language, name: str, lexicons: list[str]) -> ActorsComponent:
    return ActorsComponent(lexicons)


def register() -> None:
    """Register the factory with spaCy (idempotent)."""
    if not Language.has_factory(NAME):
        Language.factory(
            NAME,
            default_config={"lexicons": []},
            assigns=["doc._.consilience_mentions", "doc._.consilience_actors"],
            requires=["doc.ents", "token.is_sent_start", "token.lemma", "token.tag"],
            func=make_actors,
        )


__all__ = ["ActorsComponent", "NAME", "make_actors", "register"]

"""Long documents in sections: bounded memory, offsets into the whole text.

Why: the pipeline's memory and time grow faster than a document's length (a
1.1-million-character document took about 4 GB and four minutes of CPU in
one piece), while news articles are rarely longer than 20,000 characters.  A
document longer than ``config.extract_section_chars`` is cut at paragraph
breaks (else at sentence ends, else at spaces) into sections of at most that
many characters, and each section is extracted on its own.

How offsets stay whole-document offsets without rewriting any record: each
section is given to the pipeline preceded by as many spaces as there are
characters before it.  spaCy makes one whitespace token of any run of spaces,
so the padding costs one token, and every extractor computes its offsets, and
the ids derived from them, exactly as it would on the whole text.

What is lost: coreference, claim speakers and event arguments do not reach
across a section boundary; the records say so in a note.  Each padding run
is one entry in the model's string store (about one byte per character).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language

from consilience.config import Config
from consilience.types import Document, DocumentRecords

Span = tuple[int, int]
ExtractText = Callable[[Document, Language, str, str], DocumentRecords]

_PARAGRAPH = re.compile(r"\n")
_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*\s")
_SPACE = re.compile(r"\s")
#: A cut is looked for in the last part of a section, so sections are not tiny.
MIN_SECTION_SHARE = 0.5


def section_spans(text: str, size: int) -> list[Span]:
    """Cut ``text`` into spans of at most ``size`` characters at the best break in each."""
    if size <= 0 or len(text) <= size:
        return [(0, len(text))]
    spans: list[Span] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + int(size * MIN_SECTION_SHARE), start + size)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, lo: int, hi: int) -> int:
    """The last paragraph break, else sentence end, else space in ``text[lo:hi]`` (else ``hi``)."""
    for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
        last = None
        for last in pattern.finditer(text, lo, hi):
            pass
        if last is not None:
            return last.end()
    return hi


def extract_in_sections(doc: Document, nlp: Language, config: Config, version: str,
                        extract_text: ExtractText) -> DocumentRecords:
    """The records of ``doc``, extracted section by section and merged."""
    spans = section_spans(doc.text, config.extract_section_chars)
    parts = [extract_text(doc, nlp, " " * start + doc.text[start:end], version) for start, end in spans]
    actors: dict[str, object] = {}
    notes: list[str] = []
    for part in parts:
        for actor in part.actors:
            actors.setdefault(actor.id, actor)
        notes.extend(n for n in part.notes if n not in notes)
    notes.append(f"extracted in {len(spans)} sections of at most {config.extract_section_chars:,} "
                 "characters (extract_section_chars); coreference and claims do not cross sections")

    def joined(kind: str) -> tuple:
        return tuple(record for part in parts for record in getattr(part, kind))

    return DocumentRecords(
        document_id=doc.id, extractor_version=version, mentions=joined("mentions"),
        places=joined("places"), dates=joined("dates"), figures=joined("figures"),
        claims=joined("claims"), events=joined("events"),
        actors=tuple(actors.values()),  # type: ignore[arg-type]
        notes=tuple(notes),
    )


__all__ = ["extract_in_sections", "section_spans"]

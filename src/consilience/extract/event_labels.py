"""ACLED's strategic-development labels: "Looting: On 2 March 2022, ..." (issue 11).

ACLED's coders open the notes of a Strategic development with a tag saying which kind it is ("Property
destruction:", "Movement of forces:", "Displacement:", "Non-violent activity:"...).  The tag is the coder's own
coding: the paragraph reports that strategic development whatever its words (rioters who looted are coded as
*Looting*, troops who moved as *Movement of forces*).  The tags and their sub-event types are data
(``data/acled_sd_labels.tsv``).  A tag counts only at the start of a paragraph, followed by a colon and a
sentence that carries a date, so a heading such as "Other:" in an article does not make an event.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["sd_labels", "labelled_paragraphs", "Labelled"]

EVENT_TYPE = "Strategic developments"


@lru_cache(maxsize=1)
def sd_labels() -> dict[str, str]:
    """label -> sub-event type, from ``data/acled_sd_labels.tsv``."""
    from consilience.data_tables import read_tsv

    return {r["label"]: r["sub_event_type"] for r in read_tsv("acled_sd_labels.tsv")}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    labels = sorted(sd_labels(), key=len, reverse=True)
    return re.compile(r"(?:^|\n)[ \t]*(" + "|".join(re.escape(x) for x in labels) + r")[ \t]*:[ \t]+(?=\S)")


class Labelled(NamedTuple):
    """A labelled paragraph, in characters: the label, where its text begins, where the paragraph ends."""

    start: int
    end: int
    body: int
    para_end: int
    sub_event_type: str


def labelled_paragraphs(text: str) -> list[Labelled]:
    """Paragraphs of ``text`` that open with an ACLED strategic-development label, in text order."""
    out: list[Labelled] = []
    for m in _pattern().finditer(text):
        para_end = text.find("\n\n", m.end())
        out.append(Labelled(m.start(1), m.end(1), m.end(), len(text) if para_end < 0 else para_end,
                            sd_labels()[m.group(1)]))
    return out

"""Find date expressions in a parsed document and resolve them (see ``date_resolve``).

Why spaCy's entities and not a text-wide date search: dateparser's
``search_dates`` reads ordinary words ("We", "may") as dates.  Candidates are
therefore only the DATE entity spans the NER found, plus a few token patterns
for what the small English model tends to miss (a bare "on Sunday", numeric
dates such as "03/04/2016", "The September 27 offensive").  Durations ("five
days of fighting", "for almost three decades") are recognised by the resolver
and dropped: they are lengths of time, not dates, and linking an event to one
would invent a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from consilience.extract.sentences import sentence_ranges
from consilience.extract.doctext import doc_text, token_lowers, token_texts
from consilience.extract.date_resolve import MONTHS, WEEKDAYS, resolve_date
from consilience.types import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["EXTRACTOR", "extract_dates", "sentence_ranges", "date_id"]

EXTRACTOR = "dates@0.1.0"

_FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]
_MONTH_TOKENS = sorted({m for m in MONTHS} | {m + "." for m in MONTHS if len(m) <= 4})
_TIME_OF_DAY = {"morning", "afternoon", "evening", "night", "overnight"}
_DAY_TIMES = {"this morning", "this afternoon", "this evening", "tonight", "last night"}
_LEFT_KIND = {"since", "until", "till"}
_LEFT_MOD = {"early", "late", "earlier", "later"}
_CONTEXT_CHARS = 80


def date_id(document_id: str, start: int, end: int) -> str:
    """Stable id of a date record: the same span in the same document gets the same id."""
    return f"{document_id}:date:{start}-{end}"


def _sentence_index(doc: Doc) -> list[int]:
    """For each token, the start token of its sentence range."""
    index = list(range(len(doc)))
    for start, end in sentence_ranges(doc):
        for i in range(start, end):
            index[i] = start
    return index


_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^\d{4}$")
_NUMERIC = re.compile(r"^(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2})$")
_WEEKDAY_SET = frozenset(_FULL_WEEKDAYS)
_MONTH_SET = frozenset(_MONTH_TOKENS)


def _pattern_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    """Date-like token runs the NER may miss: weekdays, numeric dates, month + day.

    What spaCy's Matcher gives for these token patterns (every optional-token variant; a test
    compares them), read from the token texts in one pass instead of a Matcher's per-token
    predicates (a REGEX predicate is a Python call for every token):

    * WEEKDAY: a full weekday name;
    * NUMERIC: ``03/04/2016``, ``4.3.16``, ``2016-03-04``;
    * MONTH_DAY: ``September 27[,] [2016]`` and ``27 [of] September[,] [2016]`` (the month
      title-cased, the day ``\d{1,2}`` with an optional ordinal suffix, the year four digits).
    """
    texts = token_texts(doc)
    lowers = token_lowers(doc)
    n = len(texts)

    def month(i: int) -> bool:
        return i < n and lowers[i] in _MONTH_SET and texts[i].istitle()

    def day(i: int) -> bool:
        return i < n and _DAY.search(texts[i]) is not None

    def tail(m: int) -> list[int]:
        """Ends after a month or day at ``m``: it alone, then ``,`` and/or a year."""
        ends = [m + 1]
        if m + 1 < n and texts[m + 1] == ",":
            ends.append(m + 2)
            if m + 2 < n and _YEAR.search(texts[m + 2]):
                ends.append(m + 3)
        if m + 1 < n and _YEAR.search(texts[m + 1]):
            ends.append(m + 2)
        return ends

    spans: list[tuple[int, int]] = []
    for i, text in enumerate(texts):
        if lowers[i] in _WEEKDAY_SET:
            spans.append((i, i + 1))
        if not any(c.isdigit() for c in text) and not month(i):
            continue
        if _NUMERIC.search(text):
            spans.append((i, i + 1))
        if month(i) and day(i + 1):
            spans.extend((i, end) for end in tail(i + 1))
        if day(i):
            if month(i + 1):
                spans.extend((i, end) for end in tail(i + 1))
            if i + 1 < n and lowers[i + 1] == "of" and month(i + 2):
                spans.extend((i, end) for end in tail(i + 2))
    for start, end in spans:
        # A trailing comma without a year after it is not part of the date.
        while end > start and texts[end - 1] == ",":
            end -= 1
        yield start, end


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            spans.append((ent.start, ent.end))
        elif ent.label_ == "TIME" and ent.text.lower().strip() in _DAY_TIMES:
            spans.append((ent.start, ent.end))
    spans.extend(_pattern_spans(doc))
    # Longest first, then left to right; keep spans that do not overlap a kept one.
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(set(spans), key=lambda se: (-(se[1] - se[0]), se[0])):
        if any(i in taken for i in range(start, end)):
            continue
        kept.append((start, end))
        taken.update(range(start, end))
    return sorted(kept)


def _extend(doc: Doc, start: int, end: int, sent_start: int, sent_end: int) -> tuple[int, int]:
    """Take in 'since'/'early on' before and a time of day after a day expression."""
    core = doc[start:end].text.lower()
    is_day = any(w in core for w in _FULL_WEEKDAYS) or core in ("yesterday", "today")
    if start > sent_start and doc[start - 1].lower_ in _LEFT_KIND:
        start -= 1
    elif is_day:
        j = start
        if j > sent_start and doc[j - 1].lower_ == "on":
            j -= 1
        if j > sent_start and doc[j - 1].lower_ in _LEFT_MOD:
            start = j - 1
    if is_day and end < sent_end and doc[end].lower_ in _TIME_OF_DAY:
        end += 1
    return start, end


def extract_dates(sdoc: Doc, document_id: str, published: str | None, *,
                  extractor: str = EXTRACTOR) -> list[DateRef]:
    """Date records for ``sdoc`` resolved against ``published`` (ISO, may be None).

    Offsets are character offsets in ``sdoc.text``.  ``anchor`` is the
    publication date when it was used to resolve the expression.
    """
    sent_of = _sentence_index(sdoc)
    sent_end_of = {start: end for start, end in sentence_ranges(sdoc)}
    out: list[DateRef] = []
    for start, end in _candidates(sdoc):
        s_start = sent_of[start]
        s_end = sent_end_of.get(s_start, len(sdoc))
        if end > s_end:
            end = s_end
        start, end = _extend(sdoc, start, end, s_start, s_end)
        span: Span = sdoc[start:end]
        before = doc_text(sdoc)[sdoc[s_start].idx:span.start_char][-_CONTEXT_CHARS:]
        resolved = resolve_date(span.text, published, context=before)
        if resolved is None or resolved.kind in ("duration", "offset"):
            continue
        out.append(DateRef(
            id=date_id(document_id, span.start_char, span.end_char),
            document_id=document_id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            extractor=extractor,
            value=resolved.value,
            precision=resolved.precision,
            earliest=resolved.earliest,
            latest=resolved.latest,
            anchor=published if resolved.relative else None,
            relative=resolved.relative,
            notes=resolved.notes,
        ))
    return out

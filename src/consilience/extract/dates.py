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

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from consilience.extract.sentences import sentence_ranges
from consilience.extract.doctext import doc_text
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


def _pattern_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    """Date-like token runs the NER may miss: weekdays, numeric dates, month + day."""
    for _, start, end in _matcher(doc.vocab)(doc, as_spans=False):
        # A trailing comma without a year after it is not part of the date.
        while end > start and doc[end - 1].text == ",":
            end -= 1
        yield start, end


#: The patterns' Matcher per vocabulary (built once: building it per document cost more than running it).
_MATCHERS: dict[int, tuple[Any, Any]] = {}


def _matcher(vocab: Any) -> Any:
    found = _MATCHERS.get(id(vocab))
    if found is not None and found[0] is vocab:
        return found[1]
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    day = r"^\d{1,2}(?:st|nd|rd|th)?$"
    year = r"^\d{4}$"
    month = {"LOWER": {"IN": _MONTH_TOKENS}, "IS_TITLE": True}
    matcher.add("WEEKDAY", [[{"LOWER": {"IN": _FULL_WEEKDAYS}}]])
    matcher.add("NUMERIC", [[{"TEXT": {"REGEX": r"^(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}-\d{2}-\d{2})$"}}]])
    matcher.add("MONTH_DAY", [
        [month, {"TEXT": {"REGEX": day}}, {"TEXT": ",", "OP": "?"}, {"TEXT": {"REGEX": year}, "OP": "?"}],
        [{"TEXT": {"REGEX": day}}, {"LOWER": "of", "OP": "?"}, month, {"TEXT": ",", "OP": "?"},
         {"TEXT": {"REGEX": year}, "OP": "?"}],
    ])
    if len(_MATCHERS) >= 8:
        _MATCHERS.clear()
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


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

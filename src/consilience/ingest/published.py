"""The publication date of an article: from metadata, else read from its text.

Why not ``dateparser.search_dates`` over the whole text: it turns any date an
article mentions ("the 1994 ceasefire", "on September 27") into a candidate
and fills missing parts from today's date.  The publication date is the
anchor every relative date ("on Thursday") is resolved against, so a wrong
one corrupts every event date of the article.  This module reads only
explicit date forms and says how it got its answer:

1. a dateline ("Published: …", "Posted on …", "Update Sunday 03/04/2016:"),
   published/posted lines before updated ones;
2. a full date that dominates one of the first lines ("October 4, 2020",
   "Sunday, 4 October 2020 | BAKU");
3. otherwise the latest full date the text mentions, flagged in ``note`` as a
   lower bound (an article is published on or after what it reports).

Numeric dates are ambiguous between DD/MM and MM/DD.  A weekday, when given,
decides ("Sunday 03/04/2016" is 3 April 2016, the only reading that is a
Sunday); otherwise an ambiguous date keeps only its year and says why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from consilience.ingest.clean import ends_sentence, word_count

LEADING_LINES = 8
"""How many first lines may hold a leading dateline."""

DATELINE_MAX_WORDS = 20
"""Longer lines are sentences, not datelines."""

LEADING_RESIDUAL_MAX_WORDS = 3
"""Words besides the date (place, "By X") a leading dateline may carry."""

LOWER_BOUND_NOTE = (
    "lower bound: the latest date the text mentions; the article was published on or after it"
)


@dataclass(frozen=True, slots=True)
class PublishedGuess:
    """A publication date with how it was found.

    ``value`` is ISO at ``precision`` (YYYY-MM-DD, YYYY-MM or YYYY);
    ``evidence`` is the string it was read from; ``origin`` is ``"text"`` or
    ``"metadata"``; ``note`` says what to beware of (an update line, a lower
    bound, an ambiguous day/month order).
    """

    value: str
    precision: str
    evidence: str
    origin: str
    note: str | None = None


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:(?P<weekday>{_WEEKDAY}))?(?:the\s+)?"
    rf"(?:(?P<mdy_month>{_MONTH})\s+(?P<mdy_day>\d{{1,2}}){_ORD},?\s+(?P<mdy_year>\d{{4}})"
    rf"|(?P<dmy_day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<dmy_month>{_MONTH}),?\s+(?P<dmy_year>\d{{4}})"
    rf"|(?P<iso_year>\d{{4}})-(?P<iso_month>\d{{2}})-(?P<iso_day>\d{{2}})"
    rf"|(?P<num_a>\d{{1,2}})(?P<sep>[/.\-])(?P<num_b>\d{{1,2}})(?P=sep)(?P<num_year>\d{{4}}|\d{{2}})"
    rf"|(?P<my_month>{_MONTH})\s+(?P<my_year>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\W*(?P<keyword>first\s+published|published|posted|last\s+updated|updated|update|dated|date)\b",
    re.IGNORECASE,
)
_UPDATE_KEYWORDS = ("last updated", "updated", "update")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{2,4}t))?\b", re.I)
_ISO_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T.*|\s+\d{1,2}:.*)?")


@dataclass(frozen=True, slots=True)
class _Found:
    value: str
    precision: str
    evidence: str
    start: int
    end: int
    note: str | None


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3]]


def _full_year(text: str) -> tuple[int, str | None]:
    """Two-digit years pivot at 70 (``16`` -> 2016, ``94`` -> 1994), with a note."""
    if len(text) == 4:
        return int(text), None
    year = int(text)
    full = 2000 + year if year < 70 else 1900 + year
    return full, f"two-digit year {text} read as {full}"


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _join_notes(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) if kept else None


def _resolve_numeric(a: int, b: int, year: int, weekday: int | None) -> tuple[str, str, str | None] | None:
    """Resolve ``a/b/year`` as DD/MM or MM/DD; never pick a reading silently."""
    readings = []
    for day, month in ((a, b), (b, a)):
        date = _day(year, month, day)
        if date is not None and date not in readings:
            readings.append(date)
    if not readings:
        return None
    if weekday is not None:
        matching = [d for d in readings if d.weekday() == weekday]
        if len(matching) == 1:
            note = (f"day/month order resolved by the weekday ({_WEEKDAY_NAMES[weekday]})"
                    if len(readings) > 1 else None)
            return matching[0].isoformat(), "day", note
        listed = " or ".join(d.isoformat() for d in sorted(readings))
        return str(year), "year", f"weekday {_WEEKDAY_NAMES[weekday]} matches no reading of {listed}"
    if len(readings) == 1:
        return readings[0].isoformat(), "day", None
    listed = " or ".join(d.isoformat() for d in sorted(readings))
    return str(year), "year", f"ambiguous day/month order: {listed}"


def _from_match(match: re.Match[str]) -> _Found | None:
    """A date match as ISO value/precision, or None for an impossible date."""
    g = match.groupdict()
    weekday = _WEEKDAYS[g["weekday"].strip()[:3].lower()] if g["weekday"] else None
    note: str | None = None
    if g["mdy_month"] or g["dmy_month"] or g["iso_year"]:
        if g["mdy_month"]:
            year, month, day = int(g["mdy_year"]), _month_number(g["mdy_month"]), int(g["mdy_day"])
        elif g["dmy_month"]:
            year, month, day = int(g["dmy_year"]), _month_number(g["dmy_month"]), int(g["dmy_day"])
        else:
            year, month, day = int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"])
        date = _day(year, month, day)
        if date is None:
            return None
        if weekday is not None and date.weekday() != weekday:
            note = f"the text says {_WEEKDAY_NAMES[weekday]}, but {date.isoformat()} is a {_WEEKDAY_NAMES[date.weekday()]}"
        value, precision = date.isoformat(), "day"
    elif g["num_a"]:
        year, year_note = _full_year(g["num_year"])
        resolved = _resolve_numeric(int(g["num_a"]), int(g["num_b"]), year, weekday)
        if resolved is None:
            return None
        value, precision, note = resolved
        note = _join_notes(year_note, note)
    else:
        value = f"{int(g['my_year']):04d}-{_month_number(g['my_month']):02d}"
        precision = "month"
    return _Found(value, precision, match.group(0).strip(), match.start(), match.end(), note)


def _dates(text: str) -> Iterator[_Found]:
    for match in _DATE.finditer(text):
        found = _from_match(match)
        if found is not None:
            yield found


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _dateline(lines: list[str]) -> PublishedGuess | None:
    """A "Published/Posted/Updated …" line; publication lines win over update lines."""
    best: tuple[int, PublishedGuess] | None = None
    for line in lines:
        keyword = _DATELINE.match(line)
        if keyword is None or word_count(line) > DATELINE_MAX_WORDS:
            continue
        found = next(_dates(line[keyword.end():]), None)
        if found is None:
            continue
        is_update = " ".join(keyword.group("keyword").lower().split()) in _UPDATE_KEYWORDS
        note = _join_notes(found.note, "date of an update; first publication may be earlier" if is_update else None)
        guess = PublishedGuess(found.value, found.precision, line, "text", note)
        rank = 1 if is_update else 0
        if best is None or rank < best[0]:
            best = (rank, guess)
        if rank == 0:
            break
    return best[1] if best else None


def _leading_date(lines: list[str]) -> PublishedGuess | None:
    """A full date that is most of one of the first lines (not a date inside a sentence)."""
    for line in lines[:LEADING_LINES]:
        for found in _dates(line):
            if found.precision != "day":
                continue
            rest = _TIME.sub(" ", line[: found.start] + " " + line[found.end:])
            after = line[found.end:].lstrip()
            opens_line = not line[: found.start].strip(" \t-–—|•:,") and (not after or after[0] in "—–-|:•/(")
            dominant = word_count(rest) <= LEADING_RESIDUAL_MAX_WORDS and not ends_sentence(rest)
            if dominant or opens_line:
                return PublishedGuess(found.value, "day", line, "text", found.note)
    return None


def _latest_mention(text: str) -> PublishedGuess | None:
    """The latest full (day-precision, unambiguous) date mentioned anywhere."""
    best: _Found | None = None
    for found in _dates(text):
        if found.precision == "day" and (best is None or found.value > best.value):
            best = found
    if best is None:
        return None
    return PublishedGuess(best.value, "day", best.evidence, "text", _join_notes(LOWER_BOUND_NOTE, best.note))


def infer_published(text: str) -> PublishedGuess | None:
    """The publication date as the text states it, or None when it states none."""
    lines = _lines(text)
    return _dateline(lines) or _leading_date(lines) or _latest_mention(text)


def normalise_published(value: str) -> PublishedGuess | None:
    """A metadata date ("2020-10-01T09:00:00+03:00", "Thu, 01 Oct 2020 …", "October 1, 2020") as ISO.

    The date is kept as written (no time-zone conversion: the outlet's local
    date is the one its relative dates refer to).  Precision follows the
    string: "2020-10" is a month.  Returns None for what it cannot read.
    """
    text = value.strip()
    if not text:
        return None
    iso = _ISO_VALUE.fullmatch(text)
    if iso:
        year, month, day = iso.group("year"), iso.group("month"), iso.group("day")
        if day and _day(int(year), int(month), int(day)):
            return PublishedGuess(f"{year}-{month}-{day}", "day", value, "metadata")
        if month and not day and 1 <= int(month) <= 12:
            return PublishedGuess(f"{year}-{month}", "month", value, "metadata")
        if not month:
            return PublishedGuess(year, "year", value, "metadata")
        return None
    found = next(_dates(text), None)
    if found is None:
        return None
    return PublishedGuess(found.value, found.precision, value, "metadata", found.note)


__all__ = ["LOWER_BOUND_NOTE", "PublishedGuess", "infer_published", "normalise_published"]

"""Resolve one date expression to an interval, against the publication date.

Why a hand-written resolver in front of dateparser: news reports date events
relative to the day they were written ("on Thursday", "last month"), and
dateparser, given such strings, both guesses too freely (it reads "We" and
"may" as dates, fills "1994" with the base date's day and month) and resolves
bare weekdays without regard for the past-tense convention of reporting.  The
forms that carry most of the dates in conflict reporting are therefore handled
here by explicit rules, each giving an honest precision (day, week, month,
year, decade); dateparser is consulted only for explicit calendar dates with a
month name that the rules do not cover, and its answer is kept only to the
precision the expression itself supports.

Everything here is pure: a string and an ISO anchor in, a :class:`Resolved`
out.  Durations ("for almost three decades", "20 months", "two-decade-old")
are recognised so that they are never turned into point dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Resolved", "Anchor", "parse_anchor", "resolve_date", "WEEKDAYS", "MONTHS"]

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Month names that are also ordinary English words: accepted alone only with a
# preposition or modifier in the expression ("in May", "early March").
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "aug", "august", "jan"})

_SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_DECADE_WORDS: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}

# How far after the publication date a year-less "September 27" may fall before
# we take it to mean the previous year (reports sometimes mention a date a few
# days ahead: "talks on October 5").
FUTURE_TOLERANCE_DAYS = 7

_FUTURE_CUE = re.compile(
    r"\b(will|shall|won't|'ll|is due to|are due to|is scheduled|are scheduled|is set to|are set to|"
    r"is expected to|are expected to|plans? to|planned for|going to)\b[^.;:,]*$"
)
#: Words before a year-less calendar date that look ahead: such a date later in the year than the report is
#: this year's, not last year's ("plans a series of protests beginning on April 9" in a March report).
#: Not used for weekdays: "the attack they planned on Monday" is last Monday.
_PLAN_CUE = re.compile(r"\b(plans?|planned|planning|scheduled|upcoming|due|set for|ahead of)\b[^.;:,]*$")
_TIME_OF_DAY = ("morning", "afternoon", "evening", "night", "midday", "noon", "dawn",
                "daybreak", "dusk", "midnight", "overnight")
_UNITS = {
    "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour", "day": "day",
    "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}
_NUM_WORD = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
             r"fifty|sixty|seventy|eighty|ninety|several|a few|few|many|a couple of|couple of|"
             r"a number of|dozens of|a dozen|hundreds of|some)")
_APPROX = (r"(?:almost|nearly|about|around|some|more than|over|less than|under|at least|roughly|"
           r"approximately|up to|close to|well over|just over|just under)")
_UNIT_RE = r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)"
_DURATION_RE = re.compile(
    rf"^(?:(?:for|over|during|in|within|throughout|after|of)\s+)?(?:the\s+)?"
    rf"(?:(?:past|last|next|previous|coming|following|first|recent|preceding)\s+)?"
    rf"(?:{_APPROX}\s+)?(?:{_NUM_WORD}[\s-]+)?{_UNIT_RE}"
    rf"(?:[\s-]+(?:old|long|-old|-long))?(?:\s+(?:of\s+\w+|long|old))?$"
)
# "five days after", "a day later": relative to another event, not to publication.
_OFFSET_EVENT_RE = re.compile(
    rf"^(?:{_APPROX}\s+)?(?:{_NUM_WORD}[\s-]+){_UNIT_RE}\s+(?:after|later|before|earlier|on|prior)$"
)
_AGO_RE = re.compile(rf"^(?:{_APPROX}\s+)?({_NUM_WORD})\s+({_UNIT_RE})\s+ago$")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date as an interval with its precision."""

    earliest: dt.date
    latest: dt.date
    precision: str  # day | month | year
    iso: str


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a date expression denotes.

    ``kind`` is ``point`` for a date or period, ``since``/``until`` for the
    start/end of an open period ("since 1991"), ``duration`` for a length of
    time ("20 months"), which has no value and no bounds, and ``offset`` for a
    time relative to another event ("seven days after"), which cannot be
    resolved against the publication date.
    """

    value: str | None
    precision: str = "unknown"
    earliest: str | None = None
    latest: str | None = None
    relative: bool = False
    kind: str = "point"
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Anchors and intervals
# ---------------------------------------------------------------------------


def parse_anchor(published: str | None) -> Anchor | None:
    """Read an ISO publication date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, or a datetime)."""
    if not published:
        return None
    s = published.strip()
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$", s)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = dt.date(year, int(m.group(2)), int(m.group(3)))
            return Anchor(d, d, "day", d.isoformat())
        if m.group(2):
            month = int(m.group(2))
            first = dt.date(year, month, 1)
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return Anchor(first, last, "month", f"{year:04d}-{month:02d}")
        return Anchor(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"{year:04d}")
    except ValueError:
        return None


def _day(d: dt.date, *, relative: bool, kind: str = "point", notes: tuple[str, ...] = ()) -> Resolved:
    iso = d.isoformat()
    return Resolved(iso, "day", iso, iso, relative, kind, notes)


def _week(d: dt.date, *, relative: bool, notes: tuple[str, ...] = ()) -> Resolved:
    iso_year, iso_week, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    sunday = monday + dt.timedelta(days=6)
    return Resolved(f"{iso_year:04d}-W{iso_week:02d}", "week", monday.isoformat(), sunday.isoformat(),
                    relative, "point", notes)


def _month(year: int, month: int, *, relative: bool, notes: tuple[str, ...] = ()) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved(f"{year:04d}-{month:02d}", "month", f"{year:04d}-{month:02d}-01",
                    f"{year:04d}-{month:02d}-{last:02d}", relative, "point", notes)


def _year(year: int, *, relative: bool = False, notes: tuple[str, ...] = ()) -> Resolved:
    return Resolved(f"{year:04d}", "year", f"{year:04d}-01-01", f"{year:04d}-12-31", relative, "point", notes)


def _decade(start: int, *, relative: bool = False, notes: tuple[str, ...] = ()) -> Resolved:
    return Resolved(f"{start:04d}s", "decade", f"{start:04d}-01-01", f"{start + 9:04d}-12-31",
                    relative, "point", notes)


def _unresolved(reason: str, *, relative: bool = True, kind: str = "point") -> Resolved:
    return Resolved(None, "unknown", None, None, relative, kind, (reason,))


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_LEAD_DROP = ("as of", "on", "in", "at", "during", "by", "from", "of", "the")
_LEAD_KIND = {"since": "since", "until": "until", "till": "until", "through": "until"}
_LEAD_MOD = ("earlier on", "later on", "early on", "late on", "earlier", "later", "early", "late", "mid")


def _normalise(expr: str) -> str:
    s = expr.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip().lower()
    s = s.strip(" ,;:()[]\"'")
    s = re.sub(r"\s*-\s*", "-", s) if re.search(r"\w-\s|\s-\w", s) else s
    return s


def _strip_lead(s: str) -> tuple[str, str, list[str]]:
    """Remove leading prepositions; return (rest, kind, modifiers)."""
    kind = "point"
    mods: list[str] = []
    changed = True
    while changed and s:
        changed = False
        for word, k in _LEAD_KIND.items():
            if s.startswith(word + " "):
                kind, s, changed = k, s[len(word) + 1:], True
        for mod in _LEAD_MOD:
            if s.startswith(mod + " ") or (mod == "mid" and s.startswith("mid-")):
                mods.append(mod.replace(" on", ""))
                s = s[len(mod) + 1:]
                changed = True
                break
        for word in _LEAD_DROP:
            if s.startswith(word + " "):
                s, changed = s[len(word) + 1:], True
    return s.strip(), kind, mods


def _strip_time_of_day(s: str) -> tuple[str, str | None]:
    for tod in _TIME_OF_DAY:
        for pat in (rf"^(.+?)\s+(?:in the\s+|at\s+)?{tod}$", rf"^(?:the\s+)?{tod}\s+of\s+(.+)$"):
            m = re.match(pat, s)
            if m:
                return m.group(1).strip(), tod
    return s, None


def _with(r: Resolved, *, kind: str | None = None, notes: tuple[str, ...] = ()) -> Resolved:
    return Resolved(r.value, r.precision, r.earliest, r.latest, r.relative,
                    kind if kind is not None else r.kind, r.notes + notes)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def _resolve_weekday(wd: int, which: str, anchor: Anchor | None, future: bool) -> Resolved:
    if anchor is None:
        return _unresolved("relative weekday without a publication date")
    if anchor.precision != "day":
        return _unresolved(f"relative weekday; the publication date is only known to the {anchor.precision}")
    base = anchor.earliest
    if which == "next" or (future and which in ("", "this")):
        delta = (wd - base.weekday()) % 7
        if which == "next" and delta == 0:
            delta = 7
        return _day(base + dt.timedelta(days=delta), relative=True,
                    notes=("future reference: resolved forward from publication",))
    delta = (base.weekday() - wd) % 7
    if which in ("last", "past") and delta == 0:
        delta = 7
    notes: tuple[str, ...] = ()
    if delta == 0:
        notes = ("the publication day itself",)
    return _day(base - dt.timedelta(days=delta), relative=True, notes=notes)


def _infer_year(month: int, day: int | None, anchor: Anchor, future: bool = False) -> tuple[int, tuple[str, ...]]:
    """Year of a year-less date: the publication year, or the one before if that lands too late -- unless
    the words before it look ahead ("plans protests beginning on April 9" in a March report)."""
    year = anchor.latest.year
    last_day = calendar.monthrange(year, month)[1]
    candidate = dt.date(year, month, min(day or last_day, last_day) if day else 1)
    if candidate > anchor.latest + dt.timedelta(days=FUTURE_TOLERANCE_DAYS):
        if future:
            return year, ("year inferred from publication date (a future reference: the date follows it)",)
        return year - 1, ("year inferred from publication date (previous year: later date would follow publication)",)
    return year, ("year inferred from publication date",)


def _month_day(month: int, day: int, year: int | None, anchor: Anchor | None,
               future: bool = False) -> Resolved | None:
    notes: tuple[str, ...] = ()
    relative = False
    if year is None:
        if anchor is None:
            return _unresolved("day and month without a year and no publication date")
        year, notes = _infer_year(month, day, anchor, future)
        relative = True
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return _day(d, relative=relative, notes=notes)


def _numeric(s: str, anchor: Anchor | None, context: str) -> Resolved | None:
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", s)
    if m:
        try:
            return _day(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), relative=False)
        except ValueError:
            return None
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$", s)
    if not m:
        return None
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if y < 100:
        if anchor is None:
            return _unresolved("two-digit year without a publication date", relative=False)
        century = anchor.latest.year // 100 * 100
        y = century + y if century + y <= anchor.latest.year + 1 else century - 100 + y
    readings: list[tuple[dt.date, str]] = []
    for day, month, label in ((a, b, "day/month"), (b, a, "month/day")):
        try:
            readings.append((dt.date(y, month, day), label))
        except ValueError:
            pass
    unique = {d for d, _ in readings}
    if len(unique) == 1:
        return _day(readings[0][0], relative=False)
    if not unique:
        return None
    # Ambiguous: a weekday named next to it may settle the order.
    named = {WEEKDAYS[w] for w in re.findall(r"\b(" + "|".join(_FULL_WEEKDAYS) + r")\b", context.lower())}
    matching = [(d, label) for d, label in readings if d.weekday() in named]
    if len(matching) == 1:
        d, label = matching[0]
        return _day(d, relative=False, notes=(f"ambiguous numeric date read as {label}: matches the weekday named beside it",))
    return Resolved(None, "unknown", min(unique).isoformat(), max(unique).isoformat(), False, "point",
                    ("ambiguous numeric date (day/month order unknown)",))


def _count(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return _SMALL_NUMBERS.get(word)


def _relative_period(s: str, anchor: Anchor | None) -> Resolved | None:
    m = re.match(r"^(last|this|next|previous|current|coming)\s+(week|month|year)$", s)
    if not m:
        return None
    which, unit = m.group(1), m.group(2)
    if anchor is None:
        return _unresolved(f"'{which} {unit}' without a publication date")
    base = anchor.earliest
    step = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[which]
    notes: tuple[str, ...] = ("future reference",) if step > 0 else ()
    if unit == "week":
        if anchor.precision != "day":
            return _unresolved(f"'{which} week'; the publication date is only known to the {anchor.precision}")
        return _week(base + dt.timedelta(days=7 * step), relative=True, notes=notes)
    if unit == "month":
        if anchor.precision == "year":
            return _unresolved(f"'{which} month'; the publication date is only known to the year")
        y, mo = _shift_months(base.year, base.month, step)
        return _month(y, mo, relative=True, notes=notes)
    return _year(base.year + step, relative=True, notes=notes)


def _ago(s: str, anchor: Anchor | None) -> Resolved | None:
    m = _AGO_RE.match(s)
    if not m:
        return None
    n = _count(m.group(1))
    unit = _UNITS.get(m.group(2))
    if n is None or unit is None:
        return _unresolved("vague amount of time ago")
    if anchor is None:
        return _unresolved("'ago' without a publication date")
    base = anchor.earliest
    if unit == "day" and anchor.precision == "day":
        return _day(base - dt.timedelta(days=n), relative=True)
    if unit == "week" and anchor.precision == "day":
        return _week(base - dt.timedelta(days=7 * n), relative=True)
    if unit == "month" and anchor.precision != "year":
        y, mo = _shift_months(base.year, base.month, -n)
        return _month(y, mo, relative=True)
    if unit == "year":
        return _year(base.year - n, relative=True)
    if unit == "decade":
        return _decade((base.year - 10 * n) // 10 * 10, relative=True)
    return _unresolved(f"'{unit}s ago' finer than the publication date")


def _decade_expr(s: str, anchor: Anchor | None) -> Resolved | None:
    m = re.match(r"^(?:(early|mid|late)[\s-]+)?(\d{3}0)'?s$", s)
    if m:
        notes = (f"{m.group(1)} part of the decade",) if m.group(1) else ()
        return _decade(int(m.group(2)), notes=notes)
    m = re.match(r"^(?:(early|mid|late)[\s-]+)?(?:'(\d0)s|(\d0)s|(" + "|".join(_DECADE_WORDS) + r"))$", s)
    if not m:
        return None
    two = int(m.group(2) or m.group(3) or _DECADE_WORDS[m.group(4)])
    if anchor is None:
        return _unresolved("two-digit decade without a publication date", relative=False)
    century = anchor.latest.year // 100 * 100
    start = century + two if century + two <= anchor.latest.year else century - 100 + two
    notes = ("century inferred from publication date",)
    if m.group(1):
        notes += (f"{m.group(1)} part of the decade",)
    return _decade(start, relative=True, notes=notes)


def _month_forms(s: str, anchor: Anchor | None, has_modifier: bool, future: bool = False) -> Resolved | None:
    month_alt = "|".join(sorted(MONTHS, key=len, reverse=True))
    # "September 27", "Sept. 27th, 2020", "October 4 2020"
    m = re.match(rf"^({month_alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", s)
    if m:
        return _month_day(MONTHS[m.group(1)], int(m.group(2)), int(m.group(3)) if m.group(3) else None, anchor,
                          future)
    # "27 September", "27th of September, 2020"
    m = re.match(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month_alt})\.?(?:,?\s+(\d{{4}}))?$", s)
    if m:
        return _month_day(MONTHS[m.group(2)], int(m.group(1)), int(m.group(3)) if m.group(3) else None, anchor,
                          future)
    # "October 2020", "October of 2020"
    m = re.match(rf"^({month_alt})\.?,?\s+(?:of\s+)?(\d{{4}})$", s)
    if m:
        return _month(int(m.group(2)), MONTHS[m.group(1)], relative=False)
    # "September", "in May" (the preposition was stripped, has_modifier says it was there)
    m = re.match(rf"^(last|this|next)?\s*({month_alt})\.?$", s)
    if m:
        name = m.group(2)
        if name in _AMBIGUOUS_MONTHS and not (has_modifier or m.group(1)):
            return None
        if anchor is None:
            return _unresolved("month without a year and no publication date")
        month = MONTHS[name]
        year = anchor.latest.year
        notes: tuple[str, ...]
        if m.group(1) == "next":
            year = year + 1 if month <= anchor.latest.month else year
            notes = ("future reference",)
        elif m.group(1) == "last":
            year = year if month < anchor.earliest.month else year - 1
            notes = ("year inferred from publication date",)
        else:
            year, notes = _infer_year(month, None, anchor, future)
        return _month(year, month, relative=True, notes=notes)
    return None


@functools.lru_cache(maxsize=32)
def _date_parser(base: str | None) -> Any:
    """dateparser's parser for one base date, built on first use (its language data loads slowly)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_fallback(s: str, anchor: Anchor | None) -> Resolved | None:
    """Explicit calendar dates the rules missed; kept only to the precision the text supports.

    Only strings made of month names, numbers and a few glue words reach
    dateparser, so that it never guesses a date from ordinary words.
    """
    words = re.findall(r"[a-z]+", s)
    if not any(w in MONTHS and w not in _AMBIGUOUS_MONTHS for w in words):
        return None
    if any(w not in MONTHS and w not in ("of", "the", "st", "nd", "rd", "th") for w in words):
        return None
    data = _date_parser(anchor.latest.isoformat() if anchor else None).get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    has_year = bool(re.search(r"\b\d{4}\b", s))
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", s))
    if not has_year and anchor is None:
        return _unresolved("date without a year and no publication date")
    notes: tuple[str, ...] = () if has_year else ("year inferred from publication date",)
    if data.period == "day" and has_day:
        return _day(d, relative=not has_year, notes=notes)
    if data.period in ("day", "month"):
        return _month(d.year, d.month, relative=not has_year, notes=notes)
    if has_year:
        return _year(d.year)
    return None


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def resolve_date(expr: str, published: str | None, *, context: str = "") -> Resolved | None:
    """Resolve ``expr`` against ``published``; ``None`` when it is not a date expression.

    ``context`` is the text just before the expression in its sentence: a
    future cue there ("will meet on Monday") turns a bare weekday forward, and
    a weekday named there settles the order of an ambiguous numeric date
    ("Sunday 03/04/2016").  Relative expressions without a usable publication
    date come back with ``value=None`` and a note saying why.
    """
    s = _normalise(expr)
    if not s or len(s) > 80:
        return None
    anchor = parse_anchor(published)
    original = s
    s, kind, mods = _strip_lead(s)
    had_modifier = s != original
    s, tod = _strip_time_of_day(s)
    ctx = _normalise(context)
    future = bool(_FUTURE_CUE.search(ctx[-50:])) if ctx else False
    extra: list[str] = [f"{m} part of the period" for m in mods if m in ("early", "late", "mid")]
    if tod:
        extra.append(f"time of day: {tod}")
    result = _resolve_core(s, anchor, ctx, mods, had_modifier, future, tod)
    if result is None:
        return None
    if result.kind in ("duration", "offset"):
        return result
    if kind != "point":
        extra.append(f"{kind}: {'start' if kind == 'since' else 'end'} of an open period")
    return _with(result, kind=kind if kind != "point" else None, notes=tuple(extra))


def _resolve_core(s: str, anchor: Anchor | None, ctx: str, mods: list[str], had_modifier: bool,
                  future: bool, tod: str | None) -> Resolved | None:
    # Days relative to publication.
    if tod and s == "last" and tod in ("night", "evening"):
        s = "last night"
    if s in ("today", "tonight", "now") or (tod and s == "this"):
        if anchor is None or anchor.precision != "day":
            return _unresolved("'today' without a day-precise publication date")
        return _day(anchor.earliest, relative=True)
    if s in ("this morning", "this afternoon", "this evening", "this night"):
        if anchor is None or anchor.precision != "day":
            return _unresolved("'this morning' without a day-precise publication date")
        return _day(anchor.earliest, relative=True)
    if s in ("yesterday", "the day before yesterday", "day before yesterday", "last night", "tomorrow"):
        if anchor is None or anchor.precision != "day":
            return _unresolved(f"'{s}' without a day-precise publication date")
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(s, -2)
        notes = ("the night may run into the publication day",) if s == "last night" else ()
        notes += ("future reference",) if offset > 0 else ()
        return _day(anchor.earliest + dt.timedelta(days=offset), relative=True, notes=notes)
    # Weekdays: "Thursday", "last Sunday", "next Monday".
    m = re.match(r"^(last|this|next|past)?\s*([a-z]+)\.?$", s)
    if m and m.group(2) in WEEKDAYS and (m.group(2) in _FULL_WEEKDAYS or m.group(1) or had_modifier):
        return _resolve_weekday(WEEKDAYS[m.group(2)], m.group(1) or "", anchor, future)
    # Weekday followed by a date: "Sunday, October 4" -> the date.
    m = re.match(r"^(" + "|".join(_FULL_WEEKDAYS) + r"),?\s+(.+)$", s)
    if m:
        inner = _resolve_core(m.group(2), anchor, ctx + " " + m.group(1), mods, True, future, tod)
        if inner is not None and inner.precision == "day" and inner.value is not None:
            if dt.date.fromisoformat(inner.value).weekday() != WEEKDAYS[m.group(1)]:
                return _with(inner, notes=(f"the weekday named ({m.group(1)}) does not match the date",))
        return inner
    rel = _relative_period(s, anchor)
    if rel is not None:
        return rel
    ago = _ago(s, anchor)
    if ago is not None:
        return ago
    if _OFFSET_EVENT_RE.match(s):
        return Resolved(None, "unknown", None, None, False, "offset",
                        ("time relative to another event, not to publication",))
    if _DURATION_RE.match(s) or re.match(r"^(?:recent|several|many|a few|few)\s+" + _UNIT_RE + "$", s):
        return Resolved(None, "unknown", None, None, False, "duration", ("duration, not a point in time",))
    decade = _decade_expr(s, anchor)
    if decade is not None:
        return decade
    m = re.match(r"^(?:the\s+)?(?:year\s+)?(\d{4})$", s)
    if m and 1000 <= int(m.group(1)) <= 2199:
        return _year(int(m.group(1)))
    m = re.match(r"^(?:the\s+)?(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(\d{4})$", s)
    if m:
        return _year(int(m.group(2)), notes=(f"season: {m.group(1)}",))
    numeric = _numeric(s, anchor, ctx)
    if numeric is not None:
        return numeric
    month = _month_forms(s, anchor, had_modifier or bool(mods), future or bool(_PLAN_CUE.search(ctx[-50:])))
    if month is not None:
        return month
    return _dateparser_fallback(s, anchor)

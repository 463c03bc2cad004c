"""Tests for consilience.ingest.published: explicit dates only, never a silent guess."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from consilience.ingest.clean import clean_text
from consilience.ingest.published import LOWER_BOUND_NOTE, infer_published, normalise_published

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"
BODY = "Armenian and Azerbaijani forces exchanged heavy artillery fire along the front line, officials said."


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        # datelines, DD/MM vs MM/DD decided by the weekday
        (f"Headline here\nUpdate Sunday 03/04/2016:\n{BODY}", "2016-04-03", "day"),
        (f"Update Friday 03/04/2016:\n{BODY}", "2016-03-04", "day"),
        (f"Posted on 03/04/2016\n{BODY}", "2016", "year"),            # ambiguous: year only
        (f"Posted on Monday 03/04/2016\n{BODY}", "2016", "year"),     # weekday fits neither reading
        (f"Posted on 13/04/2016\n{BODY}", "2016-04-13", "day"),       # only one reading exists
        (f"Published 04/04/2016\n{BODY}", "2016-04-04", "day"),
        (f"Posted 13/04/16 by admin\n{BODY}", "2016-04-13", "day"),
        (f"Published: October 4, 2020\n{BODY}", "2020-10-04", "day"),
        (f"Published 4 Oct 2020, 10:35 GMT\n{BODY}", "2020-10-04", "day"),
        (f"Published: 2020-10-04T10:35:00Z\n{BODY}", "2020-10-04", "day"),
        (f"Updated: October 2020\n{BODY}", "2020-10", "month"),
        # a publication line wins over an earlier update line
        (f"Updated: 5 October 2020\nPublished: 4 October 2020\n{BODY}", "2020-10-04", "day"),
        # leading datelines
        (f"Fighting flares again\nSunday, October 4, 2020 | BAKU\n{BODY}", "2020-10-04", "day"),
        (f"October 4, 2020 — {BODY}", "2020-10-04", "day"),
        # only mentions in the body: the latest, as a lower bound
        ("Clashes broke out on September 27, 2020 near the front. A truce was agreed on 10 October 2020 "
         "in Moscow after talks.", "2020-10-10", "day"),
        ("What happened on September 27, 2020 in Karabakh and why\n" + BODY, "2020-09-27", "day"),
    ],
)
def test_infer_published(text: str, value: str, precision: str) -> None:
    guess = infer_published(text)
    assert guess is not None
    assert (guess.value, guess.precision, guess.origin) == (value, precision, "text")
    assert guess.evidence and guess.evidence in text


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "The fighting began on Thursday and continued on Friday.",
        "The September 27 offensive began with shelling.",          # no year
        "A ceasefire was agreed in 1994 and broken in April 2016.",  # no full date outside a dateline
        "Published: February 30, 2020",                               # impossible date
        "",
    ],
)
def test_infer_published_refuses(text: str) -> None:
    assert infer_published(text) is None


@pytest.mark.parametrize(
    ("text", "note_part"),
    [
        (f"Posted on 03/04/2016\n{BODY}", "ambiguous day/month order: 2016-03-04 or 2016-04-03"),
        (f"Posted on Monday 03/04/2016\n{BODY}", "matches no reading"),
        (f"Update Sunday 03/04/2016:\n{BODY}", "resolved by the weekday (Sunday)"),
        (f"Updated: 5 October 2020\n{BODY}", "update"),
        ("Shelling was reported on October 4, 2020 in the city of Ganja, officials said.", LOWER_BOUND_NOTE),
        (f"Posted 13/04/16\n{BODY}", "two-digit year 16 read as 2016"),
        (f"Published: Monday, October 4, 2020\n{BODY}", "is a Sunday"),
    ],
)
def test_infer_published_notes_what_to_beware_of(text: str, note_part: str) -> None:
    guess = infer_published(text)
    assert guess is not None and guess.note is not None
    assert note_part in guess.note


def test_leading_date_has_no_lower_bound_note() -> None:
    guess = infer_published(f"Sunday, October 4, 2020 | BAKU\n{BODY}")
    assert guess is not None and guess.note is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-01", ("2020-10-01", "day")),
        ("2020-10-01T23:30:00-05:00", ("2020-10-01", "day")),  # the date as written, no tz shift
        ("2020-10-01 23:30", ("2020-10-01", "day")),
        ("2020-10", ("2020-10", "month")),
        ("2020", ("2020", "year")),
        ("Thu, 01 Oct 2020 10:00:00 GMT", ("2020-10-01", "day")),
        ("October 1, 2020", ("2020-10-01", "day")),
        ("1st of October 2020", ("2020-10-01", "day")),
        ("Oct. 1, 2020", ("2020-10-01", "day")),
        ("October 2020", ("2020-10", "month")),
        ("Sunday 03/04/2016", ("2016-04-03", "day")),
        ("03/04/2016", ("2016", "year")),
        ("2020-13-01", None),
        ("2020-02-30", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_normalise_published(value: str, expected: tuple[str, str] | None) -> None:
    guess = normalise_published(value)
    if expected is None:
        assert guess is None
    else:
        assert guess is not None
        assert (guess.value, guess.precision, guess.origin, guess.evidence) == (*expected, "metadata", value)


def _manifest() -> dict[str, str]:
    with (EXAMPLES / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["path"]: row["published"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("prefix", "value", "lower_bound"),
    [("000", None, False), ("001", "2016-04-03", False), ("002", None, False),
     ("003", None, False), ("004", "2020-10-04", True)],
)
def test_examples(prefix: str, value: str | None, lower_bound: bool) -> None:
    (path,) = EXAMPLES.glob(f"{prefix}_*.txt")
    guess = infer_published(clean_text(path.read_text(encoding="utf-8")).text)
    if value is None:
        assert guess is None
        return
    assert guess is not None and guess.value == value and guess.precision == "day"
    truth = _manifest()[path.name]
    if lower_bound:
        assert guess.note is not None and LOWER_BOUND_NOTE in guess.note
        assert guess.value <= truth
    else:
        assert guess.value == truth

"""Issue 9 §4: spreadsheet formula injection in CSV exports (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from consilience.cli import main
from consilience.report.csv_safe import safe_cell
from consilience.report.export_acled import write_acled_csv
from consilience.store import Store
from consilience.store.documents import insert_document
from consilience.store.records import write_records
from consilience.types import DocumentRecords

from test_acled_export import ACTORS, DATE, DOC, FIG, PLACE, SHELLING

EVIL_OUTLET = '=HYPERLINK("http://evil.example/x","click")'
EVIL_DOC = dataclasses.replace(DOC, outlet=EVIL_OUTLET)
WEST_PLACE = dataclasses.replace(PLACE, name="@SUM(A1:A9)", latitude=-12.5, longitude=-77.0301)
EVIL_EVENT = dataclasses.replace(SHELLING, text="+cmd|' /C calc'!A0 shelling killed a civilian")


@pytest.mark.parametrize("cell, expected", [
    ("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-77.0301", "-77.0301"), ("-12", "-12"), ("+3", "+3"), ("1e3", "1e3"),
    ("plain text", "plain text"), ("", ""), ("a=b", "a=b"), ("-inf", "'-inf"), ("- dash", "'- dash"),
])
def test_safe_cell(cell, expected):
    assert safe_cell(cell) == expected


def _rows(**kw) -> list[dict[str, str]]:
    buf = io.StringIO()
    write_acled_csv([EVIL_EVENT], [WEST_PLACE], [DATE], [FIG], ACTORS, [EVIL_DOC], buf, **kw)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


def test_acled_text_cells_are_neutralised_and_numbers_stay_numeric():
    (row,) = _rows()
    assert row["source"] == "'" + EVIL_OUTLET
    assert row["location"] == "'@SUM(A1:A9)"
    assert row["notes"].startswith("'+cmd")
    assert row["longitude"] == "-77.0301" and float(row["longitude"]) == -77.0301
    assert row["latitude"] == "-12.5000"
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    for key, value in row.items():
        assert not value.startswith(dangerous) or float(value) == float(value), key


def test_acled_raw_cells_when_asked():
    (row,) = _rows(csv_safety=False)
    assert row["source"] == EVIL_OUTLET and row["location"] == "@SUM(A1:A9)"


def _store(db) -> None:
    with Store(db) as store:
        with store.transaction() as conn:
            insert_document(conn, EVIL_DOC, None)
            write_records(conn, DocumentRecords("d1", "test@1", places=(WEST_PLACE,), dates=(DATE,),
                                                figures=(FIG,), events=(EVIL_EVENT,), actors=tuple(ACTORS)))


def test_cli_export_is_safe_by_default_and_raw_with_the_flag(tmp_path):
    db = tmp_path / "t.db"
    _store(db)
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    assert main(["export", "--format", "acled-csv", "--db", str(db), "-o", str(safe), "-q"]) == 0
    assert main(["export", "--format", "acled-csv", "--no-csv-safety", "--db", str(db), "-o", str(raw), "-q"]) == 0
    (s,) = list(csv.DictReader(io.StringIO(safe.read_text(encoding="utf-8"), newline="")))
    (r,) = list(csv.DictReader(io.StringIO(raw.read_text(encoding="utf-8"), newline="")))
    assert s["source"] == "'" + EVIL_OUTLET and r["source"] == EVIL_OUTLET
    assert s["longitude"] == r["longitude"] == "-77.0301"

"""A toll counted "since" a date stands as of the report, not as of that date."""

from consilience.link.ledger import _as_of
from consilience.link.records import DocInfo
from consilience.types import DateRef, Figure

TEXT = "Nearly 600 people have been killed since last month, officials said. On Monday 3 died."


def _date(text):
    start = TEXT.index(text)
    return DateRef(id="d1", document_id="doc", start=start, end=start + len(text), text=text, extractor="t@1",
                   value="2020-09", precision="month", earliest="2020-09-01", latest="2020-09-30")


def _figure():
    return Figure(id="f1", document_id="doc", start=0, end=17, text=TEXT[:17], extractor="t@1", value=600,
                  qualifier="nearly", counts="killed", who="people", date_id="d1")


def test_since_date_gives_the_publication_date():
    doc = DocInfo(id="doc", outlet="Press TV", published="2020-10-14", text=TEXT)
    assert _as_of(_figure(), {"d1": _date("last month")}, doc) == ("2020-10-14", "published")


def test_a_plain_date_is_the_figure_date():
    doc = DocInfo(id="doc", outlet="Press TV", published="2020-10-14", text=TEXT)
    assert _as_of(_figure(), {"d1": _date("On Monday")}, doc) == ("2020-09-30", "figure")

"""The ACLED export of merged events (issue 10): one row per real event, ACLED's conventions."""

from __future__ import annotations

from types import SimpleNamespace as NS

from consilience.report.acled_geo import acled_region, admin1_name
from consilience.report.export_acled_merged import MERGED_COLUMNS, merged_rows


def _fig(fid, value, qualifier="exact", text=None):
    return NS(id=fid, value=value, qualifier=qualifier, value_text=text or str(value))


def _event(eid, place="p1", killed=None, a1="ARM/military", a2="AZE/civilians"):
    return NS(id=eid, place_id=place, fatalities_figure_id=killed, injuries_figure_id=None, actor1_id=a1,
              actor2_id=a2, event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")


def _merged(mid, members, earliest="2020-10-12", reports=("Press TV", "TRT World")):
    span = NS(text="Armenian shelling of Ganja left at least nine people dead.", document_id="d1")
    return NS(id=mid, member_ids=tuple(members), place_name="Ganja", latitude=40.68, longitude=46.36,
              earliest=earliest, latest=earliest, event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", status="corroborated",
              explanation="corroborated: 2 independent origins", reports=reports, story_id="s1",
              background=False, spans=(span,))


PLACES = {"p1": NS(id="p1", name="Ganja", country="AZE", admin1="AZ.23", precision="point", feature="city")}


def test_fatalities_are_the_most_conservative_report_and_zero_when_none_is_given():
    events = {"e1": _event("e1", killed="f1"), "e2": _event("e2", killed="f2"), "e3": _event("e3")}
    figures = {"f1": _fig("f1", 10), "f2": _fig("f2", 9, "at least", "at least nine")}
    rows = merged_rows([_merged("m1", ["e1", "e2"]), _merged("m2", ["e3"], earliest="2020-10-13")],
                       events, PLACES, figures, {})
    by_id = {r["merged_event_id"]: r for r in rows}
    assert by_id["m1"]["fatalities"] == "9" and by_id["m1"]["fatalities_reported"] == "yes"
    assert "fatalities at least" in by_id["m1"]["tags"]
    assert by_id["m2"]["fatalities"] == "0" and by_id["m2"]["fatalities_reported"] == "no"
    assert by_id["m1"]["member_event_ids"] == "e1 e2" and by_id["m1"]["source"] == "Press TV; TRT World"


def test_acled_conventions_id_region_admin1_and_actor_names():
    rows = merged_rows([_merged("m1", ["e1"])], {"e1": _event("e1")}, PLACES, {}, {})
    (row,) = rows
    assert list(row) == list(MERGED_COLUMNS)
    assert row["event_id_cnty"] == "AZE1" and row["iso"] == "31" and row["country"] == "Azerbaijan"
    assert row["region"] == "Caucasus and Central Asia"
    assert row["actor1"] == "Military Forces of Armenia" and row["actor2"] == "Civilians (Azerbaijan)"
    assert row["inter2"] == "7" and row["civilian_targeting"] == "Civilian targeting"
    assert row["admin1"] and not row["admin1"].startswith("AZ.")


def test_region_and_admin1_lookups():
    assert acled_region("NGA") == "Western Africa" and acled_region("UKR") == "Europe" and acled_region(None) == ""
    assert admin1_name(NS(name="Texas", feature="admin1", precision="admin1", admin1=None, country="USA")) == "Texas"
    assert admin1_name(NS(name="x", feature="city", precision="point", admin1="Tartar District", country="AZE")) \
        == "Tartar District"
    assert admin1_name(None) == ""

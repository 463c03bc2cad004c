"""ACLED CSV and GeoJSON exports: column order, codes, what is left empty, the store route."""

from __future__ import annotations

import csv
import io
import json

from consilience.report.export_acled import (
    ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS, export_acled, inter_code, interaction_code, write_acled_csv,
)
from consilience.report.export_geojson import events_geojson, export_geojson, write_events_geojson
from consilience.store import Store
from consilience.store.documents import insert_document
from consilience.store.records import write_records
from consilience.types import Actor, DateRef, Document, DocumentRecords, Event, Figure, OffsetMap, Place, Segment

TEXT = ("Azerbaijani prosecutors said Armenian shelling killed a civilian in the town of Tartar on Thursday "
        "morning. Azerbaijan frequently threatens to take Karabakh back by force.")

ACTORS = [
    Actor("ARM/military", "Armed Forces of Armenia", "organisation", country="ARM", sector="military"),
    Actor("AZE/civilians", "Azerbaijani population", "population", country="AZE", sector="civilians"),
    Actor("AZE/military", "Azerbaijani Armed Forces", "organisation", country="AZE", sector="military"),
    Actor("NKR/military", "Nagorno-Karabakh Defence Army", "organisation", country="NKR", sector="military"),
]
DOC = Document(id="d1", source="a.txt", source_key="/a.txt", format="text", content_hash="h", raw_text=TEXT,
               text=TEXT, offset_map=OffsetMap((Segment(0, 0, len(TEXT)),)), outlet="TRT World",
               published="2020-10-01", language="en")
PLACE = Place("p1", "d1", 80, 86, "Tartar", "places@1", "Tartar", latitude=40.3444, longitude=46.9302,
              country="AZE", admin1="Tartar District", precision="point")
DATE = DateRef("t1", "d1", 90, 106, "Thursday morning", "dates@1", value="2020-10-01", precision="day",
               earliest="2020-10-01", latest="2020-10-01")
FIG = Figure("f1", "d1", 54, 64, "a civilian", "figures@1", value=1.0, counts="killed", qualifier="at least")
SENT = TEXT[:TEXT.index("morning.") + 8]
SHELLING = Event("e1", "d1", 0, len(SENT), SENT, "events@1", "Explosions/Remote violence",
                 "Shelling/artillery/missile attack", plover="FIGHT", trigger="shelling", actor1_id="ARM/military",
                 actor2_id="AZE/civilians", direction="known", place_id="p1", location_precision="point",
                 date_id="t1", time_precision="day", fatalities_figure_id="f1", modality="claimed",
                 claim_ids=("c1",), notes=("trigger=38-46", "place_link=clause", "date_link=clause",
                                           "civilian_targeting"))
THREAT_TEXT = TEXT[len(SENT) + 1:]
THREAT = Event("e2", "d1", len(SENT) + 1, len(TEXT), THREAT_TEXT, "events@1", "Battles",
               "Government regains territory", plover="THREATEN", trigger="take back", actor1_id="AZE/military",
               direction="known", modality="planned", time_precision="document",
               notes=("date_link=document: the publication date stands in",))


def _rows(**kw) -> list[dict[str, str]]:
    buf = io.StringIO()
    n = write_acled_csv([THREAT, SHELLING], [PLACE], [DATE], [FIG], ACTORS, [DOC], buf, **kw)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == n
    return rows


def test_columns_are_acled_in_acled_order_then_ours() -> None:
    buf = io.StringIO()
    write_acled_csv([], [], [], [], [], [], buf)
    header = buf.getvalue().splitlines()[0].split(",")
    assert header == list(COLUMNS)
    assert header[:31] == list(ACLED_COLUMNS)
    assert ACLED_COLUMNS[1:5] == ("event_date", "year", "time_precision", "disorder_type")
    assert ACLED_COLUMNS[-4:] == ("notes", "fatalities", "tags", "timestamp")
    assert {"direction", "modality", "background", "document_id", "event_id"} <= set(EXTRA_COLUMNS)


def test_shelling_row() -> None:
    (row,) = _rows()
    assert row["event_date"] == "2020-10-01" and row["year"] == "2020" and row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")
    # ACLED's style of names (regime years cannot be read from text)
    assert (row["actor1"], row["actor2"]) == ("Military Forces of Armenia", "Civilians (Azerbaijan)")
    # Armenian forces acting in Azerbaijan are external (8); civilians are 7
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "7", "78")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["admin1"], row["location"]) == ("31", "Azerbaijan", "Tartar District",
                                                                             "Tartar")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("40.3444", "46.9302", "1")
    assert row["source"] == "TRT World" and row["notes"] == SENT
    assert row["fatalities"] == "1" and row["tags"] == "fatalities at least"
    assert row["timestamp"] == "" and row["region"] == "Caucasus and Central Asia"
    assert row["fatalities_reported"] == "yes"
    assert (row["direction"], row["modality"], row["background"]) == ("known", "claimed", "0")
    assert (row["fatalities_figure_id"], row["place_id"], row["date_id"], row["claim_ids"]) == ("f1", "p1", "t1", "c1")
    assert (row["document_id"], row["event_id"]) == ("d1", "e1")


def test_non_factual_events_only_on_request() -> None:
    assert [r["event_id"] for r in _rows()] == ["e1"]
    rows = _rows(include_non_factual=True)
    threat = next(r for r in rows if r["event_id"] == "e2")
    assert threat["modality"] == "planned" and threat["plover"] == "THREATEN"
    # no place, the publication date stands in: precision 2; no figure: empty, not 0
    assert (threat["event_date"], threat["time_precision"]) == ("2020-10-01", "2")
    assert threat["latitude"] == "" and threat["geo_precision"] == "" and threat["fatalities"] == "0"
    assert threat["fatalities_reported"] == "no"   # ACLED writes 0; the column says it was not reported
    assert (threat["inter1"], threat["interaction"]) == ("1", "10")


def test_inter_codes() -> None:
    by = {a.id: a for a in ACTORS}
    assert inter_code("AZE/military", by["AZE/military"], "AZE") == "1"
    assert inter_code("AZE/military", by["AZE/military"], None) == "1"
    assert inter_code("ARM/military", by["ARM/military"], "AZE") == "8"
    assert inter_code("NKR/military", by["NKR/military"], "AZE") == "2"      # a non-state entity's forces
    assert inter_code("AZE/civilians", None, "AZE") == "7"                    # a synthesised population actor
    assert inter_code(None, None, "AZE") == ""
    assert interaction_code("7", "1") == "17" and interaction_code("", "") == ""


def test_geojson_features() -> None:
    data = events_geojson([SHELLING, THREAT], [PLACE], [DATE], [FIG], ACTORS, [DOC])
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    feat = data["features"][0]
    assert feat["geometry"] == {"type": "Point", "coordinates": [46.9302, 40.3444]}      # lon, lat
    props = feat["properties"]
    assert (props["id"], props["place_name"], props["date"], props["fatalities"]) == ("e1", "Tartar", "2020-10-01", 1.0)
    assert props["actor1_name"] == "Armed Forces of Armenia" and props["claim_ids"] == ["c1"]
    everything = events_geojson([SHELLING, THREAT], [PLACE], [DATE], [FIG], ACTORS, [DOC],
                                include_unlocated=True, include_non_factual=True)
    assert [f["geometry"] for f in everything["features"]][1] is None
    buf = io.StringIO()
    assert write_events_geojson([SHELLING], [PLACE], [DATE], [FIG], ACTORS, [DOC], buf) == 1
    assert json.loads(buf.getvalue())["features"][0]["id"] == "e1"


def test_exports_from_the_store(db_path) -> None:
    records = DocumentRecords(document_id="d1", extractor_version="test", places=(PLACE,), dates=(DATE,),
                              figures=(FIG,), events=(SHELLING, THREAT), actors=tuple(ACTORS))
    with Store(db_path) as store:
        with store.transaction() as conn:
            insert_document(conn, DOC, None)
            write_records(conn, records)
        buf = io.StringIO()
        assert export_acled(store, buf) == 1
        assert buf.getvalue() == _csv_of([THREAT, SHELLING])
        gj = io.StringIO()
        assert export_geojson(store, gj) == 1
        assert json.loads(gj.getvalue())["features"][0]["properties"]["trigger"] == "shelling"


def _csv_of(events: list[Event]) -> str:
    buf = io.StringIO()
    write_acled_csv(events, [PLACE], [DATE], [FIG], ACTORS, [DOC], buf)
    return buf.getvalue()


def test_inter_codes_of_demonstrators_and_armed_groups() -> None:
    # population records of protesters and rioters keep their own codes; armed groups and militias are 3 / 4
    prot = Actor(id="AZE/protesters", name="Protesters (Azerbaijan)", kind="population", country="AZE",
                 sector="protesters")
    assert inter_code("AZE/protesters", prot, "AZE") == "6"
    assert inter_code("AZE/rioters", None, "AZE") == "5"
    assert inter_code("AZE/armed_group", None, "AZE") == "3"
    assert inter_code("AZE/communal_militia", None, "AZE") == "4"

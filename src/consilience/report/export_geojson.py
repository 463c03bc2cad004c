"""`consilience export --format geojson`: events as a GeoJSON FeatureCollection (RFC 7946).

Why GeoJSON: every GIS tool and web map reads it, so the events can be put
on a map next to other layers without converting anything.  One Point
feature per event whose place has coordinates (longitude, latitude, WGS 84);
the properties carry the event's fields plus the place, date and figures they
point to, so a feature can be understood without the rest of the export.

Events without coordinates are left out unless ``include_unlocated=True``
(then their geometry is ``null``, which RFC 7946 allows).  By default only
events said to have happened are written (see
:data:`consilience.types.FACTUAL`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from consilience.types import FACTUAL
from consilience.report.export_acled import by_id, store_tables
from consilience.types import Actor, DateRef, Document, Event, Figure, Place, record_to_dict

__all__ = ["event_feature", "events_geojson", "write_events_geojson", "export_geojson"]


def event_feature(event: Event, places: Mapping[str, Place], dates: Mapping[str, DateRef],
                  figures: Mapping[str, Figure], actors: Mapping[str, Actor],
                  documents: Mapping[str, Document]) -> dict[str, Any]:
    """One event as a GeoJSON Feature (geometry ``None`` when its place has no coordinates)."""
    place = places.get(event.place_id) if event.place_id else None
    date = dates.get(event.date_id) if event.date_id else None
    doc = documents.get(event.document_id)
    killed = figures.get(event.fatalities_figure_id) if event.fatalities_figure_id else None
    injured = figures.get(event.injuries_figure_id) if event.injuries_figure_id else None
    geometry = None
    if place is not None and place.latitude is not None and place.longitude is not None:
        geometry = {"type": "Point", "coordinates": [round(place.longitude, 5), round(place.latitude, 5)]}
    props = record_to_dict(event)
    props.update({
        "place_name": place.name if place else None,
        "place_precision": place.precision if place else None,
        "country": place.country if place else None,
        "date": (date.value if date else (doc.published if doc and event.time_precision == "document" else None)),
        "fatalities": killed.value if killed else None,
        "fatalities_qualifier": killed.qualifier if killed else None,
        "injuries": injured.value if injured else None,
        "actor1_name": actors[event.actor1_id].name if event.actor1_id in actors else event.actor1_id,
        "actor2_name": actors[event.actor2_id].name if event.actor2_id in actors else event.actor2_id,
        "source": (doc.outlet or doc.source) if doc else None,
    })
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": props}


def events_geojson(events: Iterable[Event], places: Mapping[str, Place] | Iterable[Place],
                   dates: Mapping[str, DateRef] | Iterable[DateRef], figures: Mapping[str, Figure] | Iterable[Figure],
                   actors: Mapping[str, Actor] | Iterable[Actor], documents: Mapping[str, Document] | Iterable[Document],
                   *, include_unlocated: bool = False, include_non_factual: bool = False) -> dict[str, Any]:
    """The FeatureCollection as a plain dict."""
    p, d, f, a, docs = by_id(places), by_id(dates), by_id(figures), by_id(actors), by_id(documents)
    features = []
    for ev in sorted(events, key=lambda e: (e.document_id, e.start, e.id)):
        if not include_non_factual and ev.modality not in FACTUAL:
            continue
        feat = event_feature(ev, p, d, f, a, docs)
        if feat["geometry"] is None and not include_unlocated:
            continue
        features.append(feat)
    return {"type": "FeatureCollection", "features": features}


def write_events_geojson(events: Iterable[Event], places: Mapping[str, Place] | Iterable[Place],
                         dates: Mapping[str, DateRef] | Iterable[DateRef],
                         figures: Mapping[str, Figure] | Iterable[Figure],
                         actors: Mapping[str, Actor] | Iterable[Actor],
                         documents: Mapping[str, Document] | Iterable[Document], fh: IO[str], *,
                         include_unlocated: bool = False, include_non_factual: bool = False) -> int:
    """Write the FeatureCollection to ``fh``; returns the number of features."""
    data = events_geojson(events, places, dates, figures, actors, documents,
                          include_unlocated=include_unlocated, include_non_factual=include_non_factual)
    json.dump(data, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return len(data["features"])


def export_geojson(store: Any, fh: IO[str], **options: bool) -> int:
    """Write every event of a :class:`consilience.store.Store` as GeoJSON."""
    events, places, dates, figures, actors, documents = store_tables(store)
    return write_events_geojson(events, places, dates, figures, actors, documents, fh, **options)

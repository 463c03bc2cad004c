"""`consilience export --format acled-merged-csv`: one ACLED row per merged event.

The per-mention export (``acled-csv``) has one row per event *mention*: the
same shelling told by three outlets is three rows, so summing its
``fatalities`` triple-counts.  This export has one row per merged event (one
real event at ACLED's granularity: a day, a type, an actor pair), and is the
one to sum.

ACLED's conventions, as its codebook states them:

* ``event_id_cnty``: the country's ISO 3166 alpha-3 code and a number
  (``AZE3``), numbered per country in date order; the number is stable for a
  given store.
* ``fatalities``: the most conservative figure among the reports (the lowest
  fatalities figure any member gives), **0 when no report gives one** (ACLED
  writes 0); our column ``fatalities_reported`` says whether any report gave a
  figure ("no" next to a 0 means not reported, not none).  Vague or ranged
  figures keep ACLED's conservative value, and their qualifier goes to
  ``tags``.
* ``actor1``/``actor2``: ACLED-style names ("Military Forces of Armenia",
  "Civilians (Azerbaijan)"), from ``extract/acled.py``; ACLED's regime years
  ("(2018-)") cannot be read from news text and are left out.  ``inter1``,
  ``inter2`` and ``interaction`` from the same module.
* ``region``: ACLED's region of the country (``data/acled_regions.tsv``);
  ``admin1`` as a name (GeoNames, ``data/places_admin.tsv``).
* ``source``: the reports that tell it (outlets, wire copies), ``; ``-joined.

Our columns: ``fatalities_reported``, ``injuries`` (most conservative
likewise), ``status`` and ``status_explanation`` (corroboration), ``reports``
(how many independent reports), ``member_event_ids`` (the per-mention events
of ``acled-csv``), ``merged_event_id``, ``story_id``, ``date_note`` (why a date
is missing), ``background``.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import IO, Any

from consilience.report.acled_geo import acled_region, admin1_name
from consilience.report.csv_safe import safe_row
from consilience.report.export_acled import ACLED_COLUMNS, _countries, disorder_type

__all__ = ["MERGED_COLUMNS", "EXTRA_MERGED_COLUMNS", "export_acled_merged", "merged_rows"]

EXTRA_MERGED_COLUMNS: tuple[str, ...] = (
    "fatalities_reported", "injuries", "status", "status_explanation", "reports", "member_event_ids",
    "merged_event_id", "story_id", "date_note", "background",
)
MERGED_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_MERGED_COLUMNS


def _majority(values: Sequence[Any]) -> Any:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda k: (-counts[k], str(k))) if counts else None


def _conservative(figures: Sequence[Any]) -> Any:
    known = [f for f in figures if f is not None and f.value is not None]
    return min(known, key=lambda f: (f.value, f.id)) if known else None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def merged_rows(merged: Sequence[Any], events: Mapping[str, Any], places: Mapping[str, Any],
                figures: Mapping[str, Any], actors: Mapping[str, Any]) -> list[dict[str, str]]:
    """One ACLED row per merged event (sorted by country, date, id)."""
    from consilience.extract import acled

    prepared = []
    for m in merged:
        members = [events[i] for i in m.member_ids if i in events]
        member_places = [places.get(e.place_id) for e in members if e.place_id]
        country = _majority([p.country for p in member_places if p is not None])
        located = next((p for p in member_places if p is not None and p.name == m.place_name), None)
        prepared.append((country or "", m.earliest or "9999", m.id, m, members, located, country))
    prepared.sort(key=lambda t: t[:3])
    numbers: Counter[str] = Counter()
    rows = []
    for country, _, _, m, members, place, iso3 in prepared:
        numbers[country] += 1
        a1_id = _majority([e.actor1_id for e in members])
        a2_id = _majority([e.actor2_id for e in members if e.actor2_id != a1_id])
        a1, a2 = actors.get(a1_id) if a1_id else None, actors.get(a2_id) if a2_id else None
        inter1 = acled.inter_code(a1, a1_id, m.event_type, iso3) if a1_id else None
        inter2 = acled.inter_code(a2, a2_id, m.event_type, iso3) if a2_id else None
        codes = sorted(c for c in (inter1, inter2) if c)
        interaction = "" if not codes else (f"{codes[0]}0" if len(codes) == 1 else f"{codes[0]}{codes[1]}")
        killed = _conservative([figures.get(e.fatalities_figure_id) for e in members if e.fatalities_figure_id])
        injured = _conservative([figures.get(e.injuries_figure_id) for e in members if e.injuries_figure_id])
        same_day = m.earliest and m.earliest == m.latest
        tags = []
        if killed is not None and killed.qualifier not in ("exact", None):
            tags.append(f"fatalities {killed.qualifier}: {killed.value_text or _number(killed.value)}")
        if m.background:
            tags.append("background")
        iso_num, country_name = _countries().get(iso3 or "", ("", ""))
        head = members[0] if members else None
        rows.append({
            "event_id_cnty": f"{country or 'XXX'}{numbers[country]}",
            "event_date": m.earliest or "", "year": (m.earliest or "")[:4],
            "time_precision": ("1" if same_day else "2") if m.earliest else "",
            "disorder_type": disorder_type(head) if head is not None else "",
            "event_type": m.event_type or "", "sub_event_type": m.sub_event_type or "",
            "actor1": (acled.acled_actor_name(a1, a1_id) or (a1.name if a1 else a1_id or "")) if a1_id else "",
            "assoc_actor_1": "", "inter1": str(inter1 or ""),
            "actor2": (acled.acled_actor_name(a2, a2_id) or (a2.name if a2 else a2_id or "")) if a2_id else "",
            "assoc_actor_2": "", "inter2": str(inter2 or ""), "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if (inter2 == 7 or m.event_type == "Violence against civilians")
            else "",
            "iso": iso_num, "region": acled_region(iso3), "country": country_name,
            "admin1": admin1_name(place), "admin2": "", "admin3": "", "location": m.place_name or "",
            "latitude": f"{m.latitude:.4f}" if m.latitude is not None else "",
            "longitude": f"{m.longitude:.4f}" if m.longitude is not None else "",
            "geo_precision": ("1" if place is not None and place.precision == "point" else "3") if m.place_name else "",
            "source": "; ".join(r.removeprefix("wire:") for r in m.reports),
            "source_scale": "", "notes": " ".join((m.spans[0].text if m.spans else "").split()),
            "fatalities": _number(killed.value) if killed is not None else "0", "tags": "; ".join(tags),
            "timestamp": "",
            "fatalities_reported": "yes" if killed is not None else "no",
            "injuries": _number(injured.value) if injured is not None else "",
            "status": m.status, "status_explanation": m.explanation, "reports": str(len(m.reports)),
            "member_event_ids": " ".join(m.member_ids), "merged_event_id": m.id, "story_id": m.story_id or "",
            "date_note": "" if m.earliest else "no date in the text (publication dates only)",
            "background": "1" if m.background else "0",
        })
    return [{k: str(r[k]) for k in MERGED_COLUMNS} for r in rows]


def export_acled_merged(store: Any, fh: IO[str], *, csv_safety: bool = True) -> int:
    """Write one ACLED row per merged event of a store; returns the rows written."""
    from consilience.link.persist import load_link_result
    from consilience.report.export_acled import by_id, store_tables

    events, places, _dates, figures, actors, _docs = store_tables(store)
    link = load_link_result(store.conn)
    rows = merged_rows(link.merged_events, by_id(events), by_id(places), by_id(figures), by_id(actors))
    writer = csv.DictWriter(fh, fieldnames=list(MERGED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(safe_row(row) if csv_safety else row)
    return len(rows)

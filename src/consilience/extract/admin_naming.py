"""The country that a report's admin naming gives an event (issue 11).

ACLED's coders, and many news briefs, name the place of an event with its administrative areas in
parentheses: "in Santa Fe del Parana (Alto Parana)", "at Winder town (Las Bela district, Balochistan)",
"near Namuembe (Nangade, Cabo Delgado)".  The containing areas say which country the event is in even when the
place itself is ambiguous or unknown to the gazetteer ("Santa Fe" is read as Argentina's, but Alto Parana is a
department of Paraguay).  A parenthesised name counts when every reading the gazetteer gives it as a first-level
division lies in one country, else when every reading of any kind does ("Beni", "Mopti"); the parenthesis
decides when its names agree, its last name (the largest area) first.  "In Sagaing region", "in Borno state"
count the same way.  Only the gazetteer is read; the place records of the document are not changed.

:func:`locative_country` is the fallback for an event with no place at all: the names after "in", "at",
"near" ("demonstrated in Visselhovede") whose every gazetteer reading lies in one country, when they agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["admin_country", "locative_country"]

_PAREN = re.compile(r"\(([^()]{2,120})\)")
_AREA_WORDS = r"(?:region|state|province|governorate|oblast|district|county|department|division|township|prefecture)"
_NAMED_AREA = re.compile(r"\b((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+) " + _AREA_WORDS + r"\b")
_STRIP = re.compile(r"\b(?:coded (?:to|as)|location coded to|event coded to|near|the|" + _AREA_WORDS + r"|"
                    r"LGA|sub-county|municipality|city|town|village|area)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _name_country(name: str) -> str | None:
    """The one country a name's readings as a first-level division lie in, else its readings of any kind."""
    from consilience.extract.gazetteer import load_gazetteer

    cands = load_gazetteer().lookup(name)
    if not cands:
        return None
    admin = {c.entry.country for c in cands if c.entry.feature == "admin1" and c.entry.country}
    if admin:
        return next(iter(admin)) if len(admin) == 1 else None
    every = {c.entry.country for c in cands}
    return next(iter(every)) if len(every) == 1 and None not in every else None


def _names(text: str) -> list[list[str]]:
    groups: list[list[str]] = []
    for m in _PAREN.finditer(text):
        parts = [" ".join(_STRIP.sub(" ", p).split()) for p in re.split(r"[,;/]| - ", m.group(1))]
        parts = [p for p in parts if len(p) > 2 and p[0].isupper() and not any(ch.isdigit() for ch in p)]
        if parts:
            groups.append(parts[::-1])          # the largest area last in the text, first here
    for m in _NAMED_AREA.finditer(text):
        groups.append([m.group(1)])
    return groups


def admin_country(text: str) -> str | None:
    """The country the admin naming of ``text`` (an event's sentence) gives, or None when it gives none or
    its names disagree."""
    found: set[str] = set()
    for group in _names(text):
        for name in group:
            c = _name_country(name)
            if c:
                found.add(c)
                break                          # the group's largest resolvable area decides for it
    return next(iter(found)) if len(found) == 1 else None


_LOCATIVE = re.compile(r"\b(?:in|at|near|around|outside) ((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+)")


def locative_country(text: str) -> str | None:
    """The one country the place names after a locative preposition in ``text`` lie in, when every
    gazetteer reading of each such name lies in one country and the names agree; else None."""
    found: set[str] = set()
    for m in _LOCATIVE.finditer(text):
        name = m.group(1)
        c = _name_country(name)
        if c is None and " " in name:
            c = _name_country(name.split(" ")[0])
        if c:
            found.add(c)
    return next(iter(found)) if len(found) == 1 else None

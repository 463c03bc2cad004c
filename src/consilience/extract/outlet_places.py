"""The home town an outlet's web address names ("columbuslocalnews.com", "chronicle.augusta.com").

Local papers are named after their town, and their stories are about it and its neighbours: "Dublin" in a
story of columbuslocalnews.com is Dublin, Ohio, a suburb of Columbus, not the Irish capital.  The names found
here take part in the document's resolution like a place the story names once (see
``places._resolve``); they yield no record of their own.

A domain label is split into English words and place names ("columbus" + "local" + "news",
"kansas city" + ..., "the" + "lancaster" + "and" + "morecambe" + "citizen"), preferring the split with
the fewest pieces.  A piece counts as a place if it is the primary name of a division or of a town of
``OUTLET_TOWN_POPULATION``+, at least ``MIN_LENGTH`` letters long, and no English function word,
adjective or verb ("Beacon", "Golden", "Star" are the paper's title) unless it is a state's short name
opening the label ("masslive"); a name of two English words needs a geographic head ("kansas city", not
"golden triangle").  Names of
countries and regions are left out ("jordantimes.com", "chinapost.com.tw" are national papers); so are
generic and country-code suffixes.  Under a country-code domain only places of that country count
("weekly.ahram.org.eg" names no town of Egypt; "moscowtimes.ru" names Moscow, Russia).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from consilience.extract.gazetteer import Candidate, Gazetteer

OUTLET_TOWN_POPULATION = 10_000
MIN_LENGTH = 4
MAX_LABEL = 40                 # longer labels are not split (cost grows with the square of the length)
_SUFFIXES = frozenset({"www", "com", "net", "org", "co", "ac", "gov", "edu", "info", "biz", "news", "us"})
_SINGLE_LETTER_COST = 2


def _host(source: str) -> str:
    return (urlsplit(source if "//" in source else "//" + source).hostname or "").lower().rstrip(".")


def _host_labels(host: str) -> list[str]:
    labels = host.split(".")
    if len(labels) < 2:
        return []
    labels = labels[:-1]                          # the top-level domain
    while labels and labels[-1] in _SUFFIXES:     # "co.uk", "com.au"
        labels.pop()
    return [p for label in labels if label not in _SUFFIXES for p in re.split(r"[^a-z]+", label) if p]


def _is_word(piece: str, classes: tuple[str, ...] = ("stop", "word")) -> bool:
    """An English function word, adjective, adverb or verb ("the", "daily", "beacon"); with "noun" in
    ``classes`` also a WordNet noun (which holds names such as "paris")."""
    from consilience.extract.gazetteer import _word_class, _word_tables

    return len(piece) >= 2 and _word_class(piece, _word_tables()) in classes


# A name of two English words is a place only with a geographic head word ("kansas city", "palm beach"),
# else a phrase ("golden triangle").
_PLACE_HEADS = frozenset({"city", "beach", "falls", "springs", "heights", "valley", "lake", "park", "hills",
                          "harbor", "island", "bay", "county", "town", "village", "ville", "port", "rapids"})


def _is_stop(piece: str) -> bool:
    from consilience.extract.gazetteer import _word_class, _word_tables

    return _word_class(piece, _word_tables()) == "stop"


def _readings(gaz: Gazetteer, name: str, country: str | None) -> tuple[Candidate, ...]:
    """Primary readings of ``name`` that may be an outlet's home: divisions and towns of 10,000+ (of the
    outlet's country-code country, when it has one); none if a country or region bears the name."""
    found = gaz.lookup(name)
    if any(c.entry.feature in ("country", "region") for c in found):
        return ()
    return tuple(c for c in found if c.primary and (country is None or c.entry.country == country) and (
        c.entry.feature in ("admin1", "admin2") or c.entry.population >= OUTLET_TOWN_POPULATION))


def _place_name(gaz: Gazetteer, piece: str, *, first: bool, country: str | None) -> str | None:
    """The place name ``piece`` spells (with a space restored: "kansascity" -> "kansas city"), or None."""
    if len(piece) < MIN_LENGTH:
        return None
    if _is_word(piece):
        # "beacon", "golden", "star": the paper's title; only a state's short name opening the label
        # ("masslive") is a place
        ok = first and any(c.entry.feature == "admin1" for c in _readings(gaz, piece, country))
        return piece if ok else None
    tries = [piece] + [piece[:k] + " " + piece[k:] for k in range(2, len(piece) - 1)
                       if not _is_stop(piece[:k])]     # "theparis" is "the" + "paris", not a place "The Paris"
    for name in tries:
        parts = name.split(" ")
        if len(parts) == 2 and parts[1] not in _PLACE_HEADS and all(
                _is_word(p, ("stop", "word", "noun")) for p in parts):
            continue
        if _readings(gaz, name, country):
            return name
    return None


def _split(gaz: Gazetteer, label: str, country: str | None) -> list[str]:
    """Place names of the cheapest split of ``label`` into words, place names and stray letters."""
    n = len(label)
    # positions reached from the start by stop words and one stray letter only ("the", "e"): a place name
    # that is also an English word may start there ("theparisnews", "thelancaster...")
    lead = [True] + [False] * n
    for j in range(1, n + 1):
        lead[j] = (j == 1) or any(lead[i] and _is_stop(label[i:j]) for i in range(j))
    inf = (10**9, 0)
    best: list[tuple[int, int]] = [(0, 0)] + [inf] * n          # (cost, -letters in place names)
    back: list[tuple[int, str | None]] = [(0, None)] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j):
            if best[i] == inf:
                continue
            piece = label[i:j]
            options: list[tuple[tuple[int, int], str | None]] = []
            if j - i == 1:
                options.append(((_SINGLE_LETTER_COST, 0), None))
            place = _place_name(gaz, piece, first=lead[i], country=country)
            if place is not None:
                options.append(((1, -(j - i)), place))
            if _is_word(piece):
                options.append(((1, 0), None))
            for (cost, letters), name in options:
                cand = (best[i][0] + cost, best[i][1] + letters)
                if cand < best[j]:
                    best[j], back[j] = cand, (i, name)
    names: list[str] = []
    j = n
    while j > 0:
        i, name = back[j]
        if name is not None:
            names.append(name)
        j = i
    return names[::-1]


@functools.lru_cache(maxsize=4096)
def _outlet_places(host: str, gaz: Gazetteer) -> tuple[tuple[str, tuple[Candidate, ...]], ...]:
    """Cached per host: every report of an outlet shares it."""
    from consilience.extract.places import outlet_country

    country = outlet_country(host)
    out: dict[str, tuple[Candidate, ...]] = {}
    for label in _host_labels(host):
        if len(label) <= MAX_LABEL:
            for name in _split(gaz, label, country):
                out.setdefault(name, _readings(gaz, name, country))
    return tuple(out.items())


def outlet_places(source: str | None, gaz: Gazetteer) -> tuple[tuple[str, tuple[Candidate, ...]], ...]:
    """Place names in an outlet's web address or domain with their readings:
    "https://www.columbuslocalnews.com/x" -> (("columbus", (Columbus, Ohio; Columbus, Georgia; ...)),);
    "kansascity.com" -> "kansas city"; () for "reuters.com" or no address."""
    host = _host(source) if source else ""
    return _outlet_places(host, gaz) if host else ()


__all__ = ["outlet_places"]

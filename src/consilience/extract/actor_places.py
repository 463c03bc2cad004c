"""A capital's or country name's institutions follow the place that name resolved to.

Why: the actor lexicon reads a capital before an institution noun as that
state's institution ("Baku's prosecutors" -> Azerbaijan's judiciary, "London
police" -> the British police).  Many capitals have namesakes: in a story from
London, Ontario, "London police" are Canada's police, and the place resolver,
which reads the whole document (Ontario, the outlet's domain), already placed
that "London" in Canada.  An actor of the wrong country is a wrong record (an
ACLED actor name, an event side), so the institution follows the place: when
the place at the start of such a mention resolved to another country, the
mention becomes that country's institution of the same kind (``CAN/police``);
when that country has no lexicon entry, the mention keeps no actor.

The same holds for a country's name that is also a namesake's ("Georgia
authorities" in a story from Atlanta, placed in the US state: the United
States' government, not Georgia's).  Demonyms are not reconsidered
("Georgian police" names the state's people whatever the resolver did with
the word).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from consilience.extract.actors import Lexicon, name_key, unit_actor
from consilience.types import Actor, Mention, Place

NOTE = "institution of the country its capital's or country's name was placed in"


def _capital_place(m: Mention, places: Sequence[Place], lexicon: Lexicon, code: str) -> Place | None:
    """The resolved place at the start of ``m`` whose name is a capital or name of ``code``, if one."""
    for p in places:
        if p.start != m.start or p.end > m.end or not p.country:
            continue
        anchor = lexicon.anchors.get(name_key(p.text))
        if anchor is not None and anchor.kind in ("capital", "country") and anchor.code == code:
            return p
    return None


def reconcile_capital_institutions(mentions: Sequence[Mention], places: Sequence[Place],
                                   actors: dict[str, Actor], lexicon: Lexicon) -> tuple[Mention, ...]:
    """Mentions with capital-anchored institutions moved to the country their capital was placed in.

    ``actors`` (id -> Actor) gains the new institutions and loses those no mention refers to any more.
    """
    out: list[Mention] = []
    replaced: set[str] = set()
    for m in mentions:
        code, slash, unit = (m.actor_id or "").partition("/")
        if len(code) != 3 or not code.isupper() or code not in lexicon.countries:
            out.append(m)
            continue
        place = _capital_place(m, places, lexicon, code)
        if place is None or place.country == code or (not slash and place.end != m.end):
            out.append(m)
            continue
        if not slash:      # the name alone: a place of another country ("a Georgia man"), no state actor
            replaced.add(code)
            out.append(dataclasses.replace(m, actor_id=None,
                                           notes=(*m.notes, f"{NOTE} ({place.text} -> {place.country})")))
            continue
        new_id = f"{place.country}/{unit}"
        actor = unit_actor(lexicon, new_id)
        if actor is not None:
            actors.setdefault(new_id, actor)
        replaced.add(m.actor_id or "")
        out.append(dataclasses.replace(m, actor_id=actor.id if actor is not None else None,
                                       notes=(*m.notes, f"{NOTE} ({place.text} -> {place.country})")))
    moved = {m.id: (old.actor_id, m.actor_id) for old, m in zip(mentions, out) if old.actor_id != m.actor_id}
    for k, m in enumerate(out):       # short forms and pronouns that point at a moved mention follow it
        if m.antecedent_id in moved and m.actor_id == moved[m.antecedent_id][0]:
            out[k] = dataclasses.replace(m, actor_id=moved[m.antecedent_id][1], notes=(*m.notes, NOTE))
    used = {m.actor_id for m in out}
    for actor_id in replaced - used:
        actors.pop(actor_id, None)
    return tuple(out)


PLACE_NOTE = "a place, not an organisation: the place resolver placed this name"


def release_placed_names(mentions: Sequence[Mention], places: Sequence[Place],
                         actors: dict[str, Actor]) -> tuple[Mention, ...]:
    """Mentions whose ad hoc organisation is a name the place resolver placed keep no actor.

    The NER labels many towns ORG ("attacks in and near the central town of *Karak*"); the actor finder
    then made an organisation of it (``org:karak``), which hid the town from the document's main place and
    could become an event's side.  When the mention's span is exactly a place with coordinates, the name
    is that place.  Only ad hoc organisations (source "text") are released: lexicon actors ("Baku" for
    Azerbaijan's government) stay, as do people.  ``actors`` loses the organisations no mention uses.
    """
    spans = {(p.start, p.end) for p in places if p.latitude is not None}
    out: list[Mention] = []
    released: set[str] = set()
    for m in mentions:
        actor = actors.get(m.actor_id or "")
        if actor is not None and actor.source == "text" and actor.kind == "organisation" \
                and (m.start, m.end) in spans:
            released.add(actor.id)
            out.append(dataclasses.replace(m, actor_id=None, notes=(*m.notes, PLACE_NOTE)))
        else:
            out.append(m)
    gone = {m.id for old, m in zip(mentions, out) if old.actor_id != m.actor_id}
    for k, m in enumerate(out):       # short forms and pronouns that pointed at a released name
        if m.antecedent_id in gone and m.actor_id in released:
            out[k] = dataclasses.replace(m, actor_id=None, notes=(*m.notes, PLACE_NOTE))
    used = {m.actor_id for m in out}
    for actor_id in released - used:
        actors.pop(actor_id, None)
    return tuple(out)


__all__ = ["NOTE", "PLACE_NOTE", "reconcile_capital_institutions", "release_placed_names"]

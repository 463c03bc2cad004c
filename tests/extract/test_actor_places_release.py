"""An ad hoc organisation whose name the place resolver placed is that place (``release_placed_names``)."""

from __future__ import annotations

from consilience.extract.actor_places import PLACE_NOTE, release_placed_names
from consilience.types import Actor, Mention, Place


def _mention(mid: str, start: int, end: int, text: str, actor_id: str | None,
             antecedent: str | None = None) -> Mention:
    return Mention(id=mid, document_id="d", start=start, end=end, text=text, extractor="t", label="ORG",
                   actor_id=actor_id, antecedent_id=antecedent)


def _place(start: int, end: int, text: str, latitude: float | None = 31.1) -> Place:
    return Place(id=f"d:place:{start}-{end}", document_id="d", start=start, end=end, text=text, extractor="t",
                 name=text, latitude=latitude, longitude=35.7 if latitude is not None else None, country="JOR")


def test_a_placed_town_tagged_org_is_no_organisation_but_lexicon_actors_and_unplaced_names_stay() -> None:
    actors = {
        "org:karak": Actor(id="org:karak", name="Karak", kind="organisation", source="text"),
        "org:qatraneh": Actor(id="org:qatraneh", name="Qatraneh", kind="organisation", source="text"),
        "AZE/government": Actor(id="AZE/government", name="Azerbaijan's government", kind="state",
                                country="AZE", source="lexicon"),
    }
    mentions = [
        _mention("m1", 10, 15, "Karak", "org:karak"),
        _mention("m2", 30, 38, "Qatraneh", "org:qatraneh"),        # not placed: stays
        _mention("m3", 50, 54, "Baku", "AZE/government"),          # a lexicon actor: stays
        _mention("m4", 70, 75, "Karak", "org:karak", antecedent="m1"),
    ]
    places = [_place(10, 15, "Karak"), _place(30, 38, "Qatraneh", latitude=None), _place(50, 54, "Baku")]
    out = release_placed_names(mentions, places, actors)
    assert [m.actor_id for m in out] == [None, "org:qatraneh", "AZE/government", None]
    assert PLACE_NOTE in out[0].notes and PLACE_NOTE in out[3].notes
    assert "org:karak" not in actors and "org:qatraneh" in actors and "AZE/government" in actors

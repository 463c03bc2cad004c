"""ACLED coding rules (docs/acled_coding.md): actors without names, inter codes, figures across sentences,
the type classifier and its limits."""

from __future__ import annotations

import json

import pytest
from test_events import Case, only

from consilience.extract import acled
from consilience.extract.event_classifier import Classifier, load_shipped, normalise
from consilience.extract.events import referenced_actors
from consilience.types import Actor, Figure


def test_unnamed_police_are_the_police_forces_of_the_events_country(nlp) -> None:
    case = Case("Police beat a civilian to death in Ganja on Monday.").place("Ganja")
    e = only(case.run(nlp))
    assert e.actor1_id == "AZE/police"
    assert e.event_type == "Violence against civilians"
    (actor,) = [a for a in referenced_actors([e], {}) if a.id == "AZE/police"]
    assert actor.name == "Police Forces of Azerbaijan" and actor.sector == "police"


def test_armed_individuals_are_an_unidentified_armed_group(nlp) -> None:
    case = Case("A man was shot dead by two armed individuals in Ganja.").place("Ganja")
    e = only(case.run(nlp))
    assert e.actor1_id == "AZE/armed_group"
    assert acled.acled_actor_name(None, e.actor1_id) == "Unidentified Armed Group (Azerbaijan)"


def test_demonstrators_are_protesters_of_the_country_with_the_named_group_as_associate(nlp) -> None:
    case = Case("Supporters of the Armenian government staged a protest in Moscow.").place("Moscow") \
        .actor("Armenian government", "ARM/government", label="ORG")
    e = only(case.run(nlp), event_type="Protests")
    assert e.actor1_id == "RUS/protesters"
    plain = only(Case("Hundreds of residents gathered in Moscow to protest against the closure.")
                 .place("Moscow").run(nlp), event_type="Protests")
    assert plain.modality == "reported"                      # gathered *to protest*: they protested
    assert plain.actor1_id == "RUS/protesters"


def test_no_country_no_unnamed_actor(nlp) -> None:
    e = only(Case("Police beat a civilian to death.").run(nlp, published=None))
    assert e.actor1_id is None


def test_figures_of_the_next_sentence_belong_to_the_event(nlp) -> None:
    text = "Armenian forces shelled Tartar. One person died, five were injured."
    case = Case(text).actor("Armenian forces", "ARM/military", label="ORG").place("Tartar") \
        .figure("One person died", 1, "killed").figure("five were injured", 5, "injured")
    e = only(case.run(nlp))
    assert e.fatalities_figure_id == "f0" and e.injuries_figure_id == "f1"
    assert e.end == len(text)


def test_next_sentence_toll_is_not_linked(nlp) -> None:
    text = "Armenian forces shelled Tartar. The death toll has risen to 16."
    case = Case(text).actor("Armenian forces", "ARM/military", label="ORG").place("Tartar") \
        .figure("has risen to 16", 16, "killed")
    e = only(case.run(nlp))
    assert e.fatalities_figure_id is None


def test_killed_or_injured_is_never_fatalities(nlp) -> None:
    text = "Armenian forces shelled Tartar, and 12 people were killed or wounded."
    case = Case(text).actor("Armenian forces", "ARM/military", label="ORG").place("Tartar") \
        .figure("12 people were killed or wounded", 12, "killed or injured")
    e = only(case.run(nlp))
    assert e.fatalities_figure_id is None and e.injuries_figure_id is None


def test_tally_is_the_fatalities_figure(nlp) -> None:
    text = "Armenian forces shelled Tartar, killing three soldiers. 2 fatalities."
    case = Case(text).actor("Armenian forces", "ARM/military", label="ORG").place("Tartar") \
        .figure("killing three soldiers", 3, "killed").figure("2 fatalities", 2, "killed")
    e = only(case.run(nlp))
    assert e.fatalities_figure_id == "f1"
    assert "also_fatalities=f0" in e.notes


@pytest.mark.parametrize(("aid", "sector", "country", "event_country", "inter"), [
    ("AZE/military", "military", "AZE", "AZE", 1), ("RUS/military", "military", "RUS", "UKR", 8),
    ("UKR/police", "police", "UKR", None, 1), ("NGA/protesters", None, None, None, 6),
    ("UGA/rioters", None, None, None, 5), ("UGA/civilians", None, None, None, 7),
    ("MEX/armed_group", None, None, None, 3), ("person:x", None, None, None, None),
])
def test_inter_codes(aid, sector, country, event_country, inter) -> None:
    actor = Actor(aid, aid, "organisation", country=country, sector=sector) if sector else None
    assert acled.inter_code(actor, aid, event_country=event_country) == inter


def test_acled_names_use_acleds_country_spelling() -> None:
    assert acled.acled_actor_name(None, "COD/military") == "Military Forces of Democratic Republic of Congo"
    assert acled.acled_actor_name(None, "SLV/police") == "Police Forces of El Salvador"
    assert acled.acled_actor_name(None, "NGA/protesters") == "Protesters (Nigeria)"
    assert acled.acled_actor_name(None, "person:x") is None


def test_house_style_is_not_a_feature() -> None:
    words = normalise("On 23 February 2022, locals killed a thief in Kongo (Oyam, Northern). [size=no report]")
    assert "february" not in words and "oyam" not in words and "size" not in words
    assert words[:3] == ["locals", "killed", "a"]


def _toy_classifier() -> Classifier:
    labels = ("Peaceful protest", "Violent demonstration", "Arrests", "Armed clash")
    weights = {"burnt": {1: 3.0}, "arrested": {2: 3.0}, "clashing": {3: 1.0}}
    return Classifier(labels=labels, bias=(0.0, 0.0, 0.0, 0.0), weights=weights, about="toy")


def test_no_classifier_ships_rules_are_the_default(monkeypatch) -> None:
    monkeypatch.delenv("CONSILIENCE_EVENT_CLASSIFIER", raising=False)
    assert load_shipped() is None   # weights fitted on GPL-3.0 data are not packaged


def test_a_users_classifier_loads_and_keeps_to_the_allowed_family(tmp_path, monkeypatch) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_toy_classifier().to_json()), encoding="utf-8")
    monkeypatch.setenv("CONSILIENCE_EVENT_CLASSIFIER", str(path))
    model = load_shipped()
    assert isinstance(model, Classifier) and model.labels == _toy_classifier().labels
    sub, _p, etype, p_type = model.predict("Demonstrators blocked the road and burnt tyres, clashing with police.",
                                           frozenset({"Protests", "Riots"}))
    assert etype in ("Protests", "Riots") and 0.0 < p_type <= 1.0
    sub, _p, etype, _pt = model.predict("Police arrested 12 members of the gang.",
                                        frozenset({"Strategic developments"}))
    assert etype == "Strategic developments" and sub == "Arrests"


def test_an_unreadable_classifier_is_a_clear_error(tmp_path, monkeypatch) -> None:
    from consilience.errors import UsageError

    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    monkeypatch.setenv("CONSILIENCE_EVENT_CLASSIFIER", str(bad))
    with pytest.raises(UsageError, match="CONSILIENCE_EVENT_CLASSIFIER"):
        load_shipped()


def test_rules_alone_when_no_classifier(nlp) -> None:
    text = "Armenian shelling killed two civilians in Tartar."
    case = Case(text).actor("Armenian", "ARM").place("Tartar").figure("two civilians", 2, "killed", who="civilians")
    acled.set_classifier(None)
    try:
        e = only(case.run(nlp))
    finally:
        acled.set_classifier(acled.load_classifier())
    assert e.event_type == "Explosions/Remote violence"
    assert not any(n.startswith("type from classifier") for n in e.notes)


def test_a_toll_over_days_of_fighting_is_no_incidents_fatalities(nlp) -> None:
    text = ("Armenian and Azerbaijani forces have intensified their shelling after five days of fighting "
            "that leaves nearly 130 people dead.")
    case = Case(text).figure("nearly 130 people dead", 130, "killed", who="people")
    for e in case.run(nlp):
        assert e.fatalities_figure_id is None, e


@pytest.mark.parametrize("text", [
    "Its cars come with a feature known as Autopilot which takes control of the vehicle on the motorway.",
    "Mr Marra's case is not linked to any council activity, but offices at the city hall were raided.",
    "The retailer dreamed of conquering online fashion in China.",
])
def test_words_that_mean_war_only_with_an_armed_party_make_no_event_without_one(nlp, text) -> None:
    assert Case(text).run(nlp) == []


def test_taking_control_with_an_armed_party_is_still_an_event(nlp) -> None:
    case = Case("Armenian forces took control of the town of Martuni on Sunday.").actor(
        "Armenian forces", "ARM/military").place("Martuni")
    events = case.run(nlp)
    assert events and events[0].event_type in ("Battles", "Strategic developments")


# --- issue 11, round 3: who is hit, demonstrations, mobs, fatalities -----------------------------------


@pytest.fixture()
def parsed(pipelines):
    return pipelines["parsed"]


def test_one_armed_side_against_people_is_violence_against_civilians(parsed) -> None:
    e = only(Case("Two armed men opened fire on a couple in Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.actor1_id == "AZE/armed_group" and e.actor2_id == "AZE/civilians"


def test_an_armed_target_keeps_the_battle(parsed) -> None:
    e = only(Case("Two armed men opened fire on a police patrol in Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")


def test_clashes_say_both_sides_fought(parsed) -> None:
    case = Case("Armenian forces clashed with villagers in Ganja.").place("Ganja") \
        .actor("Armenian forces", "ARM/military", label="ORG")
    assert only(case.run(parsed)).event_type == "Battles"


def test_weapons_fired_are_the_method(parsed) -> None:
    case = Case("Armenian forces fired mortars at Tartar.").place("Tartar") \
        .actor("Armenian forces", "ARM/military", label="ORG")
    e = only(case.run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_dispersed_protest_is_a_protest_with_intervention(parsed) -> None:
    text = "Students demonstrated in Ganja against the closure. Police forces used tear gas to disperse them."
    e = only(Case(text).place("Ganja").run(parsed), event_type="Protests")
    assert e.sub_event_type == "Protest with intervention"
    assert e.actor1_id == "AZE/protesters"


def test_demonstrators_who_burn_tyres_riot(parsed) -> None:
    text = "Residents demonstrated in Ganja and blocked the road with burning tyres."
    e = only(Case(text).place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration")
    assert e.actor1_id == "AZE/rioters"


def test_the_grievance_is_not_the_demonstrations_violence(parsed) -> None:
    text = "Relatives of a driver who was stabbed to death marched in Ganja to demand justice."
    e = only(Case(text).place("Ganja").run(parsed), event_type="Protests")
    assert e.sub_event_type == "Peaceful protest"


def test_live_fire_on_demonstrators_is_excessive_force(parsed) -> None:
    text = "Police opened fire to disperse demonstrators in Ganja, killing one person."
    case = Case(text).place("Ganja").figure("killing one person", 1, "killed")
    e = only(case.run(parsed), event_type="Protests")
    assert e.sub_event_type == "Excessive force against protesters"
    assert e.fatalities_figure_id == "f0" and e.actor2_id == "AZE/police"


def test_a_mob_is_mob_violence(parsed) -> None:
    e = only(Case("Villagers beat a suspected thief in Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Riots", "Mob violence")
    assert e.actor1_id == "AZE/rioters"


def test_victims_are_no_mob(parsed) -> None:
    events = Case("Five people killed in Ganja.").place("Ganja").figure("Five people killed", 5, "killed") \
        .run(parsed)
    assert not [e for e in events if e.event_type == "Riots"]


def test_a_deliberate_killing_without_a_perpetrator_is_an_attack(parsed) -> None:
    text = "Two men were killed in Ganja and their bodies were found on the road."
    e = only(Case(text).place("Ganja").figure("Two men were killed", 2, "killed").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.actor1_id == "AZE/armed_group" and e.fatalities_figure_id == "f0"


def test_an_accident_is_no_attack(parsed) -> None:
    text = "Two men were killed in a car crash in Ganja and their bodies were found on the road."
    events = Case(text).place("Ganja").figure("Two men were killed", 2, "killed").run(parsed)
    assert not [e for e in events if e.modality == "reported"]


def test_the_coders_tally_is_the_fatalities_of_an_earlier_event(parsed) -> None:
    text = ("Gunmen exchanged fire with the police in Ganja. One gunman escaped. Police seized a rifle. "
            "1 fatality.")
    e = only(Case(text).place("Ganja").figure("1 fatality", 1, "killed").run(parsed), event_type="Battles")
    assert e.fatalities_figure_id == "f0"


def test_demonstrating_a_belief_is_no_protest(parsed) -> None:
    events = Case("The two companies are demonstrating a belief in the future of Ganja.").place("Ganja").run(parsed)
    assert not [e for e in events if e.event_type == "Protests"]


def test_rioters_without_a_demonstration_are_mob_violence(parsed) -> None:
    e = only(Case("Rioters hurled stones at passing cars in Ganja.").place("Ganja").run(parsed), event_type="Riots")
    assert e.sub_event_type == "Mob violence"
    d = only(Case("Rioters hurled stones at the police during a demonstration in Ganja.").place("Ganja").run(parsed),
             event_type="Riots")
    assert d.sub_event_type == "Violent demonstration"


VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


@pytest.mark.parametrize("text", [
    "Two men were charged with murder in the death of a neighbor, the sheriff said.",
    "Firefighters battled the blaze for hours on Tuesday.",
    "At least two people died in a gas explosion at a restaurant in Ganja.",
    "She strongly attacked the governor's proposal to raise taxes.",
])
def test_crime_accidents_and_metaphor_give_no_violent_event(nlp, text) -> None:
    assert not [e for e in Case(text).run(nlp) if e.event_type in VIOLENT]


@pytest.mark.parametrize("text", [
    "A church secretary lived across the street but was not at the scene of the shooting.",
    "Witnesses told officers that Williams started the fight in the kitchen.",
    "The mother called police, saying her daughter had been kidnapped, an investigator said.",
])
def test_bare_crimes_and_missing_person_abductions_give_no_violent_event(parsed, text) -> None:
    # with the parse (the pipeline parses sentences with triggers); a bare token window would take
    # "officers" for the fight's agent
    assert not [e for e in Case(text).run(parsed) if e.event_type in VIOLENT and e.modality == "reported"]


def test_a_shooting_with_victims_or_several_shootings_stay_events(nlp) -> None:
    killed = Case("Two people were killed in a shooting in Ganja on Sunday.").place("Ganja") \
        .figure("Two people were killed", 2, "killed", who="people")
    several = Case("The shootings were the latest in a series of attacks in Ganja.").place("Ganja")
    for case in (killed, several):
        assert [e for e in case.run(nlp) if e.event_type in VIOLENT], case


def test_a_contemplated_hunger_strike_is_no_protest(parsed) -> None:
    events = Case("He contemplated a hunger strike before he was allowed to leave.").run(parsed)
    assert not [e for e in events if e.modality == "reported"]
    done = Case("He began a hunger strike before he was allowed to leave.").run(parsed)
    assert [e for e in done if e.modality == "reported" and e.event_type == "Protests"]


def test_the_same_shapes_with_an_organised_side_stay_events(nlp) -> None:
    e = only(Case("Militants attacked a police station in Ganja and killed two officers.").place("Ganja").run(nlp),
             trigger="attacked")
    assert e.event_type in VIOLENT
    b = [e for e in Case("A bomb explosion near a gas station in Ganja killed two people.").place("Ganja").run(nlp)
         if e.event_type == "Explosions/Remote violence"]
    assert b


@pytest.mark.parametrize("text", [
    "The move to establish the new school is gearing up for the start of its academic calendar.",
    "The gas company has agreed to implement several measures that will reduce the noise.",
    "Sherif Ashraf pulled one back with 13 minutes remaining but the hosts held onto their lead.",
    "The suspect was arrested and charged with aggravated arson, the sheriff said.",
])
def test_strategic_developments_of_ordinary_news_give_no_event(parsed, text) -> None:
    # a school, a firm, a football side, a sheriff's arrest: no state, armed group or political setting
    assert not [e for e in Case(text).run(parsed) if e.event_type == "Strategic developments"]


def test_a_strategic_development_with_a_political_side_or_setting_stays(parsed) -> None:
    army = Case("Azerbaijani forces arrested two men in Ganja on Sunday.").place("Ganja") \
        .actor("Azerbaijani forces", "AZE/military")
    setting = Case("About 900 people were evacuated from Ganja after the shelling.").place("Ganja")
    for case in (army, setting):
        assert [e for e in case.run(parsed) if e.event_type == "Strategic developments"], case.text


# --- issue 11, round 7: fatalities as ACLED counts them --------------------------------------------------


def _tally(case: Case, phrase: str, value: float, *notes: str) -> Case:
    case.figure(phrase, value, "killed")
    f = case.figures[-1]
    case.figures[-1] = Figure(f.id, f.document_id, f.start, f.end, f.text, f.extractor, value=f.value,
                              counts=f.counts, notes=notes)
    return case


def test_the_coders_total_tally_goes_to_the_paragraphs_first_event(parsed) -> None:
    text = "Gunmen attacked a police post in Ganja. Police returned fire and shot one attacker. 2 fatalities."
    case = _tally(Case(text).place("Ganja"), "2 fatalities", 2, "a sentence of its own")
    events = [e for e in case.run(parsed) if e.modality == "reported"]
    assert events[0].fatalities_figure_id == "f0"
    assert all(e.fatalities_figure_id is None for e in events[1:])


def test_a_tally_inside_a_sentence_is_no_total(parsed) -> None:
    text = "Gunmen attacked a police post in Ganja. Police returned fire, and the gunmen suffered 2 fatalities."
    case = _tally(Case(text).place("Ganja"), "2 fatalities", 2)
    events = [e for e in case.run(parsed) if e.modality == "reported"]
    assert events[0].fatalities_figure_id is None


def test_the_dead_told_before_the_attack_are_its_fatalities(parsed) -> None:
    text = "Two soldiers were killed and one was wounded following an attack by militants in Ganja."
    case = Case(text).place("Ganja").figure("Two soldiers were killed", 2, "killed") \
        .figure("one was wounded", 1, "injured")
    e = only([e for e in case.run(parsed) if e.event_type in ("Battles", "Violence against civilians")])
    assert e.fatalities_figure_id == "f0"


def test_the_dead_a_protest_is_about_are_not_its_fatalities(parsed) -> None:
    text = "Hundreds of people marched in Ganja to demand justice for a teacher who was killed last week."
    case = Case(text).place("Ganja").figure("a teacher who was killed", 1, "killed")
    e = only(case.run(parsed), event_type="Protests")
    assert e.fatalities_figure_id is None


@pytest.mark.parametrize("text", ["Locals beat and killed a man in Ganja.",
                                  "Rebels attacked the village and killed a man in Ganja."])
def test_conjoined_verbs_are_one_incident(parsed, text) -> None:
    case = Case(text).place("Ganja").figure("killed a man", 1, "killed")
    [e] = [e for e in case.run(parsed) if e.modality == "reported"]
    assert e.fatalities_figure_id == "f0"


def test_killing_and_abducting_is_an_attack(parsed) -> None:
    text = "Militants killed three civilians and abducted two others in Ganja."
    case = Case(text).place("Ganja").figure("killed three civilians", 3, "killed")
    [e] = [e for e in case.run(parsed) if e.modality == "reported"]
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.fatalities_figure_id == "f0"


def test_a_sum_of_victim_groups_comes_before_its_parts(parsed) -> None:
    text = "Militants attacked an army post in Ganja. Six soldiers and three militants were killed."
    case = Case(text).place("Ganja").figure("Six soldiers", 6, "killed").figure("three militants", 3, "killed")
    _tally(case, "Six soldiers and three militants were killed", 9, "sum_of=f0|f1")
    e = only([e for e in case.run(parsed) if e.modality == "reported"])
    assert e.fatalities_figure_id == "f2"


# --- issue 11, round 7: a named organisation that is the agent of armed violence --------------------------


def _group_events(nlp, text: str, name: str, place: str = "Ganja"):
    from consilience.extract.events import extract_events, named_armed_group_actors
    from test_events import ACTORS

    case = Case(text).place(place).actor(name, f"org:{name.lower()}", label="ORG")
    actors = dict(ACTORS)
    actors[f"org:{name.lower()}"] = Actor(id=f"org:{name.lower()}", name=name, kind="organisation", source="text")
    events = extract_events(nlp(text), "d1", published="2020-10-01", mentions=case.mentions, actors=actors,
                            places=case.places)
    return events, {a.id: a for a in named_armed_group_actors(events, actors)}


@pytest.mark.parametrize(("text", "sector", "inter"), [
    ("ADF rebels attacked the village near Ganja and killed a man.", "rebels", 2),
    ("Suspected Fulani communal militia members attacked farmers near Ganja.", "communal_militia", 4),
    ("KNX clashed with the army near Ganja.", "armed_group", 3),
])
def test_a_named_agent_of_armed_violence_is_an_armed_group(parsed, text, sector, inter) -> None:
    name = text.split()[1] if text.startswith("Suspected") else text.split()[0]
    events, groups = _group_events(parsed, text, name)
    a = groups[f"org:{name.lower()}"]
    assert a.sector == sector and a.country == "AZE"
    assert acled.inter_code(a, a.id, "Battles", event_country="AZE") == inter
    assert any(n.startswith(f"armed_group=org:{name.lower()}|") for e in events for n in e.notes)


def test_the_victim_of_an_attack_is_no_armed_group(parsed) -> None:
    text = "Gunmen attacked Oxfam staff near Ganja."
    _events, groups = _group_events(parsed, text, "Oxfam")
    assert "org:oxfam" not in groups


def test_an_organisation_in_a_protest_is_no_armed_group(parsed) -> None:
    _events, groups = _group_events(parsed, "Members of Greenpeace protested in Ganja.", "Greenpeace")
    assert not groups


def test_the_death_a_protest_is_over_is_not_its_fatalities(parsed) -> None:
    text = "Students staged a protest in Ganja over the death of a classmate."
    case = Case(text).place("Ganja").figure("death of a classmate", 1, "killed")
    e = only(case.run(parsed), event_type="Protests")
    assert e.fatalities_figure_id is None


def test_the_coders_tally_stands_even_with_toll_words(parsed) -> None:
    text = "Rebels clashed with the army in Ganja, killing an unknown number of soldiers. Unknown fatalities coded as 10."
    case = _tally(Case(text).place("Ganja"), "fatalities coded as 10", 10, "the coder's tally ('coded as')")
    e = only([e for e in case.run(parsed) if e.modality == "reported"])
    assert e.fatalities_figure_id == "f0"


def test_a_shoot_out_is_an_armed_clash(parsed) -> None:
    text = "A shoot-out between rival drug trafficking groups took place in Ganja."
    e = only([e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"])
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")


def test_soldiers_burning_houses_is_property_destruction(parsed) -> None:
    text = "Soldiers burned down houses in Ganja."
    e = only([e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"])
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Looting/property destruction")


def test_a_fire_burning_houses_is_no_event(parsed) -> None:
    text = "The fire burned three houses in Ganja on Monday, firefighters said."
    assert not [e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"]


@pytest.mark.parametrize("text", [
    "Supporters of two local leaders clashed in Ganja during the party conference.",
    "Three groups of drivers clashed with slingshots and firecrackers in Ganja.",
])
def test_a_clash_of_unorganised_groups_is_mob_violence(parsed, text) -> None:
    e = only([e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"])
    assert (e.event_type, e.sub_event_type) == ("Riots", "Mob violence")
    assert e.actor1_id == "AZE/rioters"


@pytest.mark.parametrize("text", [
    "Militants clashed with soldiers in Ganja.",
    "Supporters of two leaders clashed with guns in Ganja.",
])
def test_a_clash_with_armed_sides_or_guns_stays_a_battle(parsed, text) -> None:
    e = only([e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"])
    assert e.event_type == "Battles"


def test_a_party_in_a_clash_is_no_armed_group(parsed) -> None:
    _events, groups = _group_events(parsed, "Rising Congress clashed with police in Ganja.", "Rising Congress")
    assert not groups
    _events, groups = _group_events(parsed, "Rising rebels clashed with police in Ganja.", "Rising")
    assert groups["org:rising"].sector == "rebels"


def test_the_attack_of_a_claim_continues_the_previous_event(parsed) -> None:
    text = ("Rebels carried out a remote explosive attack on an army vehicle in Ganja. "
            "The rebels claimed 5 soldiers were killed in the attack.")
    case = Case(text).place("Ganja").figure("5 soldiers were killed", 5, "killed")
    events = [e for e in case.run(parsed) if e.modality in ("reported", "claimed")]
    assert events[0].event_type == "Explosions/Remote violence" and events[0].fatalities_figure_id == "f0"
    assert len(events) == 1


def test_a_killing_by_a_named_individual_is_no_unattributed_attack(parsed) -> None:
    text = ("His arrest and subsequent murder charges set off an uproar because he was subject of a "
            "protective order taken out by his wife when he killed her.")
    case = Case(text).figure("killed her", 1, "killed")
    assert not [e for e in case.run(parsed) if e.modality == "reported"]


def test_a_sum_goes_with_its_parts(parsed) -> None:
    text = "Gunmen ambushed a sheikh in Ganja, killing him and 2 of his relatives."
    case = Case(text).place("Ganja").figure("killing him", 1, "killed").figure("2 of his relatives", 2, "killed")
    _tally(case, "killing him and 2 of his relatives", 3, "sum_of=f0|f1")
    e = only([e for e in case.run(parsed) if e.modality == "reported"])
    assert e.fatalities_figure_id == "f2"


def test_demonstrators_who_turn_violent_later_make_the_demonstration_a_riot(parsed) -> None:
    text = "About 2,500 people demonstrated in Ganja against new taxes. Demonstrators threw bottles at police officers."
    events = [e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"]
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]
    assert events[0].end == len(text)


def test_a_later_peaceful_mention_of_demonstrators_adds_nothing(parsed) -> None:
    text = "About 2,500 people demonstrated in Ganja against new taxes. Demonstrators carried banners."
    events = [e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"]
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Peaceful protest")]


@pytest.mark.parametrize("text", [
    "Residents staged a protest denouncing flooded streets in Ganja.",
    "Around 600 people demonstrated Ganja against new taxes.",
])
def test_parser_slips_do_not_hide_a_protest(parsed, text) -> None:
    e = only([e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"])
    assert e.event_type == "Protests"


def test_a_protest_movement_is_still_no_event(parsed) -> None:
    text = "The protest movement leaders met the mayor of Ganja."
    assert not [e for e in Case(text).place("Ganja").run(parsed) if e.event_type == "Protests"]


def test_a_picket_line_formed_is_a_protest(parsed) -> None:
    text = "Transport workers formed a picket line in Ganja, demanding better working conditions."
    e = only([e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"])
    assert (e.event_type, e.sub_event_type) == ("Protests", "Peaceful protest")


def test_artillery_fired_at_houses_is_shelling(parsed) -> None:
    text = "Russian forces fired artillery at houses in Ganja."
    case = Case(text).place("Ganja").actor("Russian forces", "RUS/military", label="ORG")
    e = only([e for e in case.run(parsed) if e.modality == "reported"])
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_house_fire_is_still_no_event(parsed) -> None:
    text = "Firefighters fought a house fire in Ganja on Monday."
    assert not [e for e in Case(text).place("Ganja").run(parsed) if e.modality == "reported"]


# --- issue 11, round 8: ACLED's strategic-development labels ------------------------------------------------


def test_a_label_makes_the_paragraph_its_strategic_development(parsed) -> None:
    text = "Looting: On 5 May 2022, rioters looted shops in Ganja."
    e = only(Case(text).place("Ganja").date("5 May 2022", "2022-05-05").run(parsed), modality="reported")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Looting/property destruction")
    assert e.trigger in ("looted", "rioters")        # the report's own word, not the label


def test_a_label_without_a_trigger_still_makes_the_event(parsed) -> None:
    text = "Displacement: On 2 March 2022, about 700 refugees arrived in Ganja."
    e = only(Case(text).place("Ganja").date("2 March 2022", "2022-03-02").run(parsed))
    assert (e.event_type, e.sub_event_type, e.trigger) == ("Strategic developments", "Other", "Displacement")


def test_a_heading_without_a_dated_report_is_no_label(parsed) -> None:
    assert Case("Displacement: about 700 refugees arrived in Ganja.").place("Ganja").run(parsed) == []


def test_a_label_only_counts_at_the_start_of_a_paragraph() -> None:
    from consilience.extract.event_labels import labelled_paragraphs

    assert [x.sub_event_type for x in labelled_paragraphs("Movement of forces: On 2 May, troops moved.")] == \
        ["Change to group/activity"]
    assert labelled_paragraphs("The report said Looting: On 2 May, shops were looted.") == []


def test_fighters_and_elements_are_an_armed_agent(parsed) -> None:
    for agent in ("Unknown fighters", "Three elements"):
        case = Case(f"{agent} shot and injured two civilians in Ganja.").place("Ganja") \
            .figure("injured two civilians", 2, "injured")
        e = only(case.run(parsed))
        assert e.event_type == "Violence against civilians" and e.actor1_id == "AZE/armed_group", agent


def test_members_of_a_drug_trafficking_group_are_a_gang(parsed) -> None:
    text = "A man was beaten up in Ganja by four members of a drug trafficking group."
    e = only(Case(text).place("Ganja").run(parsed))
    assert e.actor1_id == "AZE/gang"


def test_a_comma_spliced_sentence_is_no_demand(parsed) -> None:
    text = "Students staged a demonstration in Ganja against fees, they also demanded lower prices."
    assert only(Case(text).place("Ganja").run(parsed)).modality == "reported"
    # a real demand stays no event: "demanded a demonstration"
    assert not [e for e in Case("They demanded a demonstration in Ganja.").place("Ganja").run(parsed)
                if e.modality == "reported"]


def test_a_protest_action_is_a_protest(parsed) -> None:
    e = only(Case("Activists staged a protest action in Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.modality) == ("Protests", "reported")


def test_a_gathering_says_its_purpose_anywhere_in_its_clause(parsed) -> None:
    text = ("Nurses gathered on the premises of the city hospital in Ganja demanding a pay raise "
            "and better working conditions.")
    assert only(Case(text).place("Ganja").run(parsed)).event_type == "Protests"
    assert Case("Nurses gathered on the premises of the city hospital in Ganja.").place("Ganja").run(parsed) == []


def test_the_admin_naming_gives_the_country() -> None:
    from consilience.extract.admin_naming import admin_country

    assert admin_country("Fishermen blocked a road in Santa Fe del Parana (Alto Parana).") == "PRY"
    assert admin_country("Locals protested at Winder town (Las Bela district, Balochistan).") == "PAK"
    assert admin_country("Farmers demonstrated in Laval.") is None          # no admin naming
    assert admin_country("Fishermen protested in Villa Florida (Misiones).") is None   # Argentina or Paraguay
    assert admin_country("Police said (AP) the man (45) was arrested.") is None


def test_the_admin_naming_overrides_a_place_of_another_country(parsed) -> None:
    text = "Drivers demonstrated in Ganja (Alto Parana) against fuel prices."
    e = only(Case(text).place("Ganja").run(parsed))
    assert e.actor1_id == "PRY/protesters"


def test_a_crowd_named_by_a_demonym_is_of_that_country(parsed) -> None:
    text = "Armenian villagers beat two men in Ganja."
    e = only(Case(text).place("Ganja").actor("Armenian", "ARM").run(parsed))
    assert (e.event_type, e.actor1_id) == ("Riots", "ARM/rioters")


def test_a_perfect_infinitive_tells_of_the_past(parsed) -> None:
    e = only(Case("Rebels claimed to have attacked an army base in Ganja.").place("Ganja").run(parsed))
    assert e.modality in ("reported", "claimed")
    planned = Case("Rebels plan to have attacked the army base in Ganja by Friday.").place("Ganja").run(parsed)
    assert all(x.modality == "planned" for x in planned)


def test_a_vehicle_that_struck_an_ied_is_a_remote_explosive(parsed) -> None:
    e = only(Case("An army vehicle struck an IED near Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_raped_is_sexual_violence_whatever_the_lemmatizer_says(parsed) -> None:
    e = only(Case("A soldier raped a woman in Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Sexual violence")


def test_a_label_needs_only_a_date_word(parsed) -> None:
    text = "Movement of forces: Around 29 May 2022 (as reported), soldiers were stationed in Ganja."
    e = only(Case(text).place("Ganja").run(parsed))
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Change to group/activity")


def test_a_named_group_the_table_lacks_is_an_armed_group_of_the_events_country(parsed) -> None:
    e = only(Case("The Zxq Liberation Front attacked a village near Ganja.").place("Ganja").run(parsed))
    assert e.actor1_id == "AZE/rebels"
    e = only(Case("ZXQ attacked a village near Ganja.").place("Ganja").run(parsed))
    assert e.actor1_id == "AZE/armed_group"


def test_a_place_name_of_one_country_gives_a_placeless_event_its_country() -> None:
    from consilience.extract.admin_naming import locative_country

    assert locative_country("About 50 people demonstrated in Visselhovede against the measures.") == "DEU"
    assert locative_country("About 50 people demonstrated in the town against the measures.") is None


def test_people_who_demand_in_a_place_protest(parsed) -> None:
    e = only(Case("Supporters of the mayor demanded his release in Ganja.").place("Ganja").run(parsed))
    assert (e.event_type, e.actor1_id) == ("Protests", "AZE/protesters")
    # a statement by an institution, or a single person, is no protest
    assert Case("The ministry demanded his release in Ganja.").place("Ganja").run(parsed) == []
    assert Case("His lawyer demanded his release in Ganja.").place("Ganja").run(parsed) == []


def test_a_road_blocked_with_words_between(parsed) -> None:
    text = "Truck drivers blocked with their trucks km 21 of the main highway in Ganja."
    assert only(Case(text).place("Ganja").run(parsed)).event_type == "Protests"


def test_demonstrators_named_after_the_army_are_no_forces(parsed) -> None:
    text = "Youth and Army aspirants staged a demonstration and pelted stones in Ganja."
    e = only(Case(text).place("Ganja").run(parsed), event_type="Riots")
    assert e.sub_event_type == "Violent demonstration"


def test_the_means_of_a_blockade_can_be_violent(parsed) -> None:
    text = "Residents blocked a street in Ganja by setting obstacles on fire to demonstrate against the closure."
    e = only(Case(text).place("Ganja").run(parsed), modality="reported")
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration")


def test_killed_in_an_operation_by_forces_is_a_clash(parsed) -> None:
    text = "Two militants were killed in an operation by the military forces in Ganja."
    e = only(Case(text).place("Ganja").figure("Two militants were killed", 2, "killed").run(parsed))
    assert e.event_type == "Battles" and e.fatalities_figure_id == "f0"
    surgery = "A patient was killed in an operation at the hospital in Ganja."
    assert not [x for x in Case(surgery).place("Ganja").run(parsed) if x.event_type == "Battles"]


def test_bursts_of_fire_are_gunfire(parsed) -> None:
    text = "Monitors observed a total of 5 bursts of fire involving small arms near Ganja."
    assert only(Case(text).place("Ganja").run(parsed)).event_type == "Battles"

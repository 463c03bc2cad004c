"""Crime, accidents and figures of speech give no political-violence event (issue 11)."""

from __future__ import annotations

from consilience.extract.ordinary_news import ordinary_reason, report_about_hacking


def keys(text: str) -> set[str]:
    return {w.strip(".,").lower() for w in text.split()}


def test_murder_charge_is_ordinary_crime() -> None:
    s = keys("Two people are charged with murder in the death of a man, the sheriff said.")
    assert ordinary_reason("murder", s, s, organised_side=False).startswith("ordinary crime")


def test_political_context_keeps_the_event() -> None:
    s = keys("Militants killed a man and were charged later.")
    assert ordinary_reason("kill", s, s, organised_side=False) is None


def test_organised_side_keeps_the_event() -> None:
    s = keys("They were charged after the shooting.")
    assert ordinary_reason("shoot", s, s, organised_side=True) is None


def test_gas_explosion_is_an_accident_but_a_bomb_is_not() -> None:
    s = keys("Two people died in a gas explosion at a restaurant.")
    assert ordinary_reason("explosion", s, s, organised_side=False).startswith("accident")
    b = keys("A bomb explosion near a gas station killed two.")
    assert ordinary_reason("explosion", b, b, organised_side=False) is None


def test_tear_gas_is_no_accident() -> None:
    s = keys("Police fired tear gas and shot two men.")
    assert ordinary_reason("shoot", s, s, organised_side=False) is None


def test_figures_of_speech() -> None:
    for text in ("He died after a battle with cancer.", "Firefighters battled the blaze for hours."):
        s = keys(text)
        assert ordinary_reason("battle", s, s, organised_side=False).startswith("figure of speech")


def test_plain_unattributed_killing_stays() -> None:
    s = keys("Unidentified men shot dead a trader in the market.")
    assert ordinary_reason("shoot", s, s, organised_side=False) is None


def test_a_bare_shooting_is_ordinary_only_without_political_context_or_organised_side() -> None:
    s = keys("A neighbour was not at the scene of the shooting.")
    assert ordinary_reason("shooting", s, s, organised_side=False, bare_noun=True).startswith("a bare reference")
    assert ordinary_reason("shooting", s, s, organised_side=False) is None          # a side or a victim named
    assert ordinary_reason("shooting", s, s, organised_side=True, bare_noun=True) is None
    m = keys("Militants were not at the scene of the shooting.")
    assert ordinary_reason("shooting", m, m, organised_side=False, bare_noun=True) is None


def test_a_missing_person_abduction_is_ordinary_crime_but_not_by_gunmen() -> None:
    s = keys("A missing mother was found three weeks after she was abducted.")
    assert ordinary_reason("abduct", s, s, organised_side=False).startswith("abduction")
    g = keys("Gunmen abducted a missing trader's son.")
    assert ordinary_reason("abduct", g, g, organised_side=False) is None
    p = keys("Unknown men abducted a trader on the road.")
    assert ordinary_reason("abduct", p, p, organised_side=False) is None


def test_a_cyber_attack_is_no_armed_attack_but_a_bombing_near_a_hacking_story_is() -> None:
    window = keys("The US accused Russia of hacking Democratic Party emails. This is an attack against our country.")
    sentence = keys("This is an attack against our country.")
    assert ordinary_reason("attack", sentence, window, organised_side=False).startswith("a cyber")
    bomb = keys("A bomb attack killed two guards at the ministry.")
    assert ordinary_reason("attack", bomb, window | bomb, organised_side=False) is None


def test_an_attack_paragraphs_away_in_a_report_about_hacking_is_the_hacking() -> None:
    report = ("The US accused Russia of hacking emails. Russian hackers helped swing the election, officials "
              "said. He urged an inquiry into cyber intrusions.").lower().split()
    assert report_about_hacking(report) and not report_about_hacking("one hacker was named".split())
    sentence = keys("This is an attack against our country.")
    assert ordinary_reason("attack", sentence, sentence, organised_side=False) is None
    assert ordinary_reason("attack", sentence, sentence, organised_side=False, report_cyber=True) \
        .startswith("a cyber")
    bomb = keys("A bomb attack killed two guards at the ministry.")
    assert ordinary_reason("attack", bomb, bomb, organised_side=False, report_cyber=True) is None


def test_violence_in_a_report_with_no_conflict_and_no_armed_side_is_ordinary_crime() -> None:
    s = keys("A 19-year-old man was stabbed in the back outside a bar on Saturday night.")
    assert ordinary_reason("stab", s, s, organised_side=False, report_political=False) \
        .startswith("ordinary crime (no side")
    # the same sentence stays when the report tells of a conflict or when a named side is armed (the police
    # included)
    assert ordinary_reason("stab", s, s, organised_side=False, report_political=True) is None
    assert ordinary_reason("stab", s, s, organised_side=False, report_political=False, armed_side=True) is None
    # an unnamed perpetrator's default side does not count (only the actors the report names, in armed_side)
    assert ordinary_reason("stab", s, s, organised_side=True, report_political=False).startswith("ordinary")

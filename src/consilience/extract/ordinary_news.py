"""Violence that ACLED does not code: ordinary crime, accidents and metaphor (issue 11).

ACLED codes political violence -- by organised armed groups, state forces, rioters -- and demonstrations.
Ordinary crime by individuals with no political or organised-group context (a murder charge, a domestic
fight, a robbery, a shooting after a party, a police shooting during an arrest), accidents (a gas
explosion, a house fire, a landslide) and figures of speech ("a battle with cancer", "firefighters battled
the blaze", "came under fire in the election campaign") are not events.

The test reads the event's sentence and its neighbours in the paragraph (``window``) as a set of lower-case
word keys (lemma and form), with the cue lists of ``data/event_triggers.json``:

* ``metaphor_context`` in the event's own sentence (cancer, blaze, firefighter, proposal, campaign...) ->
  no event, unless the sentence also has ``political_context`` words;
* ``cyber_context`` in the window (hacking, malware...) or a report about hacking (``report_cyber``: at
  least :data:`REPORT_CYBER_MIN` such words in the whole text), no armed or political side, and nothing
  physical in the sentence (``physical_violence``: weapons, wounds, deaths) -> no event ("this is an attack
  against our country", said paragraphs after the hacking was named);
* ``accident_words`` in the window and no ``deliberate_cues`` (bomb, IED, attack, militant...) in the
  sentence -> no event (an explosion of unknown origin stays an event);
* ``crime_context`` in the window (charged, indicted, pleaded, jury, sheriff, robbery, homicide...) and no
  ``political_context`` in the window (militants, rebels, troops, terror, ambassador...) and no organised
  armed actor as a side -> no event;
* with no ``political_context`` in the window and no organised armed side, two more kinds of ordinary crime:
  a ``bare_noun_triggers`` noun (shooting, fight, stabbing, brawl) whose event names no side and counts
  no victim ("at the scene of the shooting", "arrested after a shooting", "started the fight"), and an
  abduction or a rape (``abduction_triggers``) told with ``missing_person_context`` words (missing,
  investigator, sheriff, Amber alert: a missing-person case, not an armed group's abduction) -> no event;
* a report that has no ``political_context`` or ``strategic_context`` word anywhere (a local murder, a
  stabbing, a shooting at a party), where no side is armed (the police included) -> no event: ACLED codes
  political violence, and nothing in such a report says the violence is political.

Pure functions over sets of keys, so that the rules are testable without a parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from consilience.extract.event_triggers import cues

#: A report with at least this many ``cyber_context`` words is about hacking: an "attack" in it with nothing
#: physical in its sentence is the hacking, however far from the words that named it.
REPORT_CYBER_MIN = 3


def ordinary_reason(trigger: str, sentence: Set[str], window: Set[str], organised_side: bool,
                    bare_noun: bool = False, report_political: bool = True, armed_side: bool = False,
                    report_cyber: bool = False) -> str | None:
    """Why a violent event is ordinary news and not coded (a short note), or None when it stays.

    ``trigger`` is the trigger's lemma; ``sentence`` and ``window`` the word keys of its sentence and of
    the sentences around it; ``organised_side`` whether actor1 or actor2 is an organised armed actor
    (military, rebels, a named armed group); ``bare_noun`` whether the trigger is a noun whose event names no
    side (no actor, no unnamed agent) and counts no victim; ``report_political`` whether the whole report
    has any ``political_context`` or ``strategic_context`` word; ``armed_side`` whether a side is armed, the
    police included; ``report_cyber`` whether the report is about hacking (:func:`report_about_hacking`).
    """
    political = cues("political_context")
    if sentence & cues("metaphor_context") and not sentence & political:
        return "figure of speech (" + ", ".join(sorted(sentence & cues("metaphor_context"))[:3]) + ")"
    cyber = window & cues("cyber_context")
    if (cyber or report_cyber) and not armed_side and not sentence & cues("physical_violence"):
        return "a cyber or information attack (" + (", ".join(sorted(cyber)[:3]) or "a report about hacking") + ")"
    accident = window & cues("accident_words") - cues("accident_not_alone")   # "stormed", torture by electrocution
    if "tear" in window:                                   # tear gas is no gas leak
        accident -= {"gas"}
    if accident and not sentence & cues("deliberate_cues"):
        return "accident (" + ", ".join(sorted(accident)[:3]) + ")"
    if not report_political and not armed_side:
        # before the organised-side test: an unnamed perpetrator's default ("an unidentified armed group")
        # does not make a local murder political
        return "ordinary crime (no side is armed or political, and the report tells of no conflict)"
    if organised_side or window & political:
        return None
    crime = window & cues("crime_context")
    if crime:
        return "ordinary crime (" + ", ".join(sorted(crime)[:3]) + ")"
    if bare_noun and trigger in cues("bare_noun_triggers"):
        return f"a bare reference to a crime ({trigger}: no side, no victim, no armed group)"
    missing = window & cues("missing_person_context")
    if trigger in cues("abduction_triggers") and missing:
        return "abduction or rape of a private person (" + ", ".join(sorted(missing)[:3]) + ")"
    return None


def report_about_hacking(words: Iterable[str]) -> bool:
    """Whether a report's lower-case words hold at least :data:`REPORT_CYBER_MIN` ``cyber_context`` words."""
    vocabulary = cues("cyber_context")
    return sum(1 for w in words if w in vocabulary) >= REPORT_CYBER_MIN

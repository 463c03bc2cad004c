"""Figures: number words, and what each number counts, with and without a dependency parse."""

from __future__ import annotations

from typing import Any

import pytest
from example_corpus import EXAMPLES, published_dates

from consilience.extract.dates import extract_dates
from consilience.extract.figures import extract_figures
from consilience.extract.numbers import lexicon, parse_amount, parse_qualifier
from consilience.types import Figure, Place


# ---------------------------------------------------------------------------
# numbers.py (pure)
# ---------------------------------------------------------------------------

AMOUNTS = [
    ("nine", 9, None), ("33", 33, None), ("30,000 people", 30000, None), ("1.5 million", 1_500_000, None),
    ("twenty - five soldiers", 25, None), ("twenty five", 25, None), ("one hundred and twenty", 120, None),
    ("a thousand civilians", 1000, None), ("a dozen", 12, "dozen"),
    ("dozens of people", 12, "dozens"), ("hundreds", 100, "hundreds"), ("thousands of", 1000, "thousands"),
    ("tens of thousands of people", 10000, "tens of thousands"), ("tens", 10, "tens"),
    ("several hundred troops", 300, "several hundred"), ("several", 3, "several"),
    ("a few hundred", 200, "a few hundred"), ("scores of", 20, "scores"),
]


@pytest.mark.parametrize(("text", "value", "vague"), AMOUNTS)
def test_parse_amount(text: str, value: float, vague: str | None) -> None:
    amount = parse_amount(text.lower().split(), 0)
    assert amount is not None
    assert amount.value == value
    assert amount.vague == vague


@pytest.mark.parametrize("text", ["11:25", "a", "the", "people", "five-day", "second", "May", ""])
def test_parse_amount_rejects(text: str) -> None:
    assert parse_amount(text.lower().split(), 0) is None


def test_parse_amount_does_not_join_unrelated_numbers() -> None:
    amount = parse_amount(["two", "three"], 0)
    assert amount is not None and (amount.value, amount.end) == (2, 1)


@pytest.mark.parametrize(("text", "qualifier"), [
    ("more than 100", "more than"), ("at least nine", "at least"), ("nearly 600", "nearly"),
    ("almost 600", "nearly"), ("about 18", "about"), ("some 30,000", "some"), ("up to 50", "up to"),
    ("over 100", "over"), ("as many as 50", "up to"),
])
def test_parse_qualifier(text: str, qualifier: str) -> None:
    q = parse_qualifier(text.split(), 0)
    assert q is not None and q[0] == qualifier


def test_lexicon_values_name_their_sources() -> None:
    lex = lexicon()
    sources = lex["sources"]
    for table in ("vague_plurals", "vague_multipliers"):
        for word, entry in lex[table].items():
            assert entry["source"] in sources, word
    assert lex["vague_plurals"]["dozens"]["value"] == 12
    assert lex["vague_plurals"]["tens"]["value"] == 10
    assert lex["vague_plurals"]["hundreds"]["value"] == 100


# ---------------------------------------------------------------------------
# Pipelines: loaded once per module; every figure test runs with and without a parse
# ---------------------------------------------------------------------------




def _key(f: Figure) -> tuple[Any, ...]:
    return (f.value, f.qualifier, f.counts, f.who, f.side, f.category)


def _at(doc: Any, figures: list[Figure], phrase: str) -> Figure | None:
    """The figure whose number lies in the first appearance of ``phrase``."""
    offset = doc.text.find(phrase)
    assert offset >= 0, phrase
    hits = [f for f in figures if offset <= int(f.id.rsplit(":", 1)[1].split("-")[0]) < offset + len(phrase)]
    return hits[0] if hits else None


# ---------------------------------------------------------------------------
# Sentences: (text, expected figures as (value, qualifier, counts, who, side, category))
# ---------------------------------------------------------------------------

SENTENCES = [
    ("Two journalists from French newspaper Le Monde were wounded by an Azerbaijani bombardment.",
     [(2, "exact", "injured", "journalists", None, "casualty")]),
    ("Azerbaijan said 19 civilians had been killed and 60 injured.",
     [(19, "exact", "killed", "civilians", None, "casualty"), (60, "exact", "injured", "civilians", None, "casualty")]),
    ("The shellfire had left at least nine people dead and 33 others wounded, including children.",
     [(9, "at least", "killed", "people", None, "casualty"), (33, "exact", "injured", "people", None, "casualty")]),
    ("Six Armenian tanks were destroyed (and) more than 100 Armenian servicemen were killed and injured.",
     [(6, "exact", "destroyed", "tanks", "ARM", "equipment"),
      (100, "more than", "killed or injured", "servicemen", "ARM", "casualty")]),
    ("It said 12 Azeri servicemen had also been killed.", [(12, "exact", "killed", "servicemen", "AZE", "casualty")]),
    ("The ministry said it attacked villages, killing a child and wounding two.",
     [(1, "exact", "killed", "children", None, "casualty"), (2, "exact", "injured", None, None, "casualty")]),
    ("Armenian forces had downed an Azeri helicopter.", [(1, "exact", "downed", "helicopters", "AZE", "equipment")]),
    ("The conflict has killed dozens of people since Sunday.",
     [(12, "vague", "killed", "people", None, "casualty")]),
    ("The war is estimated to have killed tens of thousands of people, including more than a thousand civilians.",
     [(10000, "vague", "killed", "people", None, "casualty"), (1000, "more than", "killed", "civilians", None, "casualty")]),
    ("The death toll stands at 40.", [(40, "exact", "killed", None, None, "casualty")]),
    # ACLED's fatality phrasings (issue 10): ranges to the low end, manner + outcome, bodies, a tally
    ("Gunmen killed between 16 and 25 people in the village.", [(16, "range", "killed", "people", None, "casualty")]),
    ("Armed men killed 16 to 25 people.", [(16, "range", "killed", "people", None, "casualty")]),
    ("A man was shot dead by two armed individuals.", [(1, "exact", "killed", "men", None, "casualty")]),
    ("Two farmers were beaten to death.", [(2, "exact", "killed", "farmers", None, "casualty")]),
    ("Three bodies were found near the road.", [(3, "exact", "killed", None, None, "casualty")]),
    ("Six armed suspects were killed. 6 fatalities.",
     [(6, "exact", "killed", "suspects", None, "casualty"), (6, "exact", "killed", None, None, "casualty")]),
    ("The attack left 4 dead and several injured.",
     [(4, "exact", "killed", None, None, "casualty"), (3, "vague", "injured", None, None, "casualty")]),
    ("Armenia reported 35 casualties.", [(35, "exact", "killed or injured", None, None, "casualty")]),
    ("Some 50 soldiers were reported killed.", [(50, "some", "killed", "soldiers", None, "casualty")]),
    ("Up to 5,000 residents have fled.", [(5000, "up to", "displaced", "people", None, "casualty")]),
    ("Azerbaijan said it had hit two missile launch sites in Armenia.", [(2, "exact", "hit", "sites", None, "other")]),
    ("Azerbaijan said it destroyed 20 Armenian tanks and two drones.",
     [(20, "exact", "destroyed", "tanks", "ARM", "equipment"), (2, "exact", "destroyed", "drones", None, "equipment")]),
    ("He said 12 soldiers killed three militants.", [(3, "exact", "killed", "fighters", None, "casualty")]),
    ("Two injured civilians were taken to hospital.", [(2, "exact", "injured", "civilians", None, "casualty")]),
    ("The shelling killed 4 and injured 10 more.",
     [(4, "exact", "killed", None, None, "casualty"), (10, "exact", "injured", None, None, "casualty")]),
    # Not figures
    ("About 145,000 people live in the region.", []),
    ("The sticking point is four United Nations resolutions.", []),
    ("Four UN Security Council and two UN General Assembly resolutions demand the withdrawal.", []),
    ("Russia mediated 11 hours of talks.", []),
    ("After five days of fighting, the talks resumed.", []),
    ("Seven days after the offensive began, the leader spoke.", []),
    ("For the past 20 months Azerbaijan has been escalating tensions.", []),
    ("The OSCE never told Armenia to stop in 30 years.", []),
    ("11:25 \u2013 Macron, Putin call for immediate ceasefire", []),
    ("The resolution passed by 120 votes to 5.", []),
    ("Ganja is the second-largest city.", []),
    ("Baku admitted that its Mi-24 helicopter was shot down.", []),
    ("A ceasefire was agreed on in 1994.", []),
    ("The recent clashes erupted on September 27, 2020.", []),
    ("The two countries were at war and both sides saw two explosions.", []),
    ("2 thoughts on this post", []),
    # outcomes that did not happen, averages, fractions of people
    ("He pleaded guilty to attempted murder of a government employee.", []),
    ("Deputies executed a search warrant at the home on Friday.", []),
    ("Gunmen tried to kill two policemen in the town but failed.", []),
    ("We fight not to kill a child nor a woman.", []),
    ("On average there were 3.5 deaths on the roads over Easter.", []),
    ("An average of four people are killed on the roads each day.", []),
    ("Militants attempted to storm the base, killing three soldiers.",
     [(3, "exact", "killed", "soldiers", None, "casualty")]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentence_figures(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    doc = nlp(text)
    figures = extract_figures(doc, "t", dates=extract_dates(doc, "t", "2020-10-01"))
    assert [_key(f) for f in figures] == expected


@pytest.mark.parametrize(("text", "expected"), [s for s in SENTENCES if s[1]])
def test_spans_cover_number_and_counted_words(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    doc = nlp(text)
    for f in extract_figures(doc, "t"):
        assert f.text == doc.text[f.start:f.end]
        assert f.value_text is not None
        number_start = int(f.id.rsplit(":", 1)[1].split("-")[0])
        assert f.start <= number_start < f.end
        assert f.value_text in f.text


def test_combined_count_is_noted(nlp: Any) -> None:
    doc = nlp("More than 100 Armenian servicemen were killed and injured.")
    [f] = extract_figures(doc, "t")
    assert f.counts == "killed or injured"
    assert any("combined" in n for n in f.notes)


def test_included_children_note(nlp: Any) -> None:
    doc = nlp("The shellfire had left at least nine people dead and 33 others wounded, including children.")
    figures = extract_figures(doc, "t")
    assert len(figures) == 2
    assert all("including children" in f.notes for f in figures)


def test_inner_figure_notes_its_total(nlp: Any) -> None:
    doc = nlp("Nearly 600 people, including 67 civilians, have been killed since last month.")
    outer, inner = extract_figures(doc, "t")
    assert (outer.value, outer.qualifier, outer.counts, outer.who) == (600, "nearly", "killed", "people")
    assert (inner.value, inner.counts, inner.who) == (67, "killed", "civilians")
    assert any(outer.id in n for n in inner.notes)
    assert "67" not in " ".join(outer.notes)


def test_vague_amount_keeps_words(nlp: Any) -> None:
    doc = nlp("The war killed tens of thousands of people.")
    [f] = extract_figures(doc, "t")
    assert f.value == 10000 and f.value_text == "tens of thousands"
    assert any("tens of thousands" in n for n in f.notes)


def test_links_nearest_date_and_place_in_the_sentence(nlp: Any) -> None:
    text = ("Fighting began on Sunday. Prosecutors said shelling killed a civilian in the town of Tartar "
            "on Thursday morning. Officials in Baku spoke later.")
    doc = nlp(text)
    dates = extract_dates(doc, "t", "2020-10-01")
    tartar = text.index("Tartar")
    baku = text.index("Baku")
    places = [
        Place(id="p:tartar", document_id="t", start=tartar, end=tartar + 6, text="Tartar", extractor="x@1",
              name="Tartar"),
        Place(id="p:baku", document_id="t", start=baku, end=baku + 4, text="Baku", extractor="x@1", name="Baku"),
    ]
    [f] = extract_figures(doc, "t", dates=dates, places=places)
    thursday = [d for d in dates if "Thursday" in d.text]
    assert thursday and f.date_id == thursday[0].id
    assert f.place_id == "p:tartar"


def test_no_links_across_sentences(nlp: Any) -> None:
    doc = nlp("Fighting began on Sunday. Two soldiers were killed.")
    dates = extract_dates(doc, "t", "2020-10-01")
    assert dates
    [f] = extract_figures(doc, "t", dates=dates)
    assert f.date_id is None and f.place_id is None


def test_dependency_parse_adds_figures_only_where_a_sentence_is_parsed(pipelines: dict[str, Any]) -> None:
    text = "Twelve soldiers who had been guarding the checkpoint near the river were killed."
    parsed = extract_figures(pipelines["parsed"](text), "t")
    unparsed = extract_figures(pipelines["senter"](text), "t")
    assert [(f.value, f.counts, f.who) for f in parsed] == [(12, "killed", "soldiers")]
    assert any("dependency" in n for n in parsed[0].notes)
    assert unparsed == []


# ---------------------------------------------------------------------------
# The example corpus
# ---------------------------------------------------------------------------

EXAMPLE_FIGURES = [
    ("000", "nearly 130 people dead", (130, "nearly", "killed", "people", None, "casualty")),
    ("000", "has risen to 16", (16, "exact", "killed", None, None, "casualty")),
    ("000", "has risen to 55", (55, "exact", "injured", None, None, "casualty")),
    ("000", "killed a civilian", (1, "exact", "killed", "civilians", None, "casualty")),
    ("000", "several hundred troops", (300, "vague", "killed", "soldiers", None, "casualty")),
    ("000", "dozens of people", (12, "vague", "killed", "people", None, "casualty")),
    ("001", "Six Armenian tanks", (6, "exact", "destroyed", "tanks", "ARM", "equipment")),
    ("001", "more than 100 Armenian servicemen",
     (100, "more than", "killed or injured", "servicemen", "ARM", "casualty")),
    ("001", "12 Azeri servicemen", (12, "exact", "killed", "servicemen", "AZE", "casualty")),
    ("001", "about 18 were killed", (18, "about", "killed", None, None, "casualty")),
    ("001", "35 injured", (35, "exact", "injured", None, None, "casualty")),
    ("001", "some 30,000 people dead", (30000, "some", "killed", "people", None, "casualty")),
    ("001", "a child", (1, "exact", "killed", "children", None, "casualty")),
    ("001", "wounding two", (2, "exact", "injured", None, None, "casualty")),
    ("002", "more than 100 people", (100, "more than", "killed", "people", None, "casualty")),
    ("002", "Two journalists", (2, "exact", "injured", "journalists", None, "casualty")),
    ("003", "more than 200", (200, "more than", "killed", None, None, "casualty")),
    ("003", "19 civilians", (19, "exact", "killed", "civilians", None, "casualty")),
    ("003", "60 injured", (60, "exact", "injured", "civilians", None, "casualty")),
    ("003", "tens of thousands", (10000, "vague", "killed", "people", None, "casualty")),
    ("003", "more than a thousand civilians", (1000, "more than", "killed", "civilians", None, "casualty")),
    ("004", "at least nine people dead", (9, "at least", "killed", "people", None, "casualty")),
    ("004", "33 others wounded", (33, "exact", "injured", "people", None, "casualty")),
    ("004", "Nearly 600 people", (600, "nearly", "killed", "people", None, "casualty")),
    ("004", "67 civilians", (67, "exact", "killed", "civilians", None, "casualty")),
]


@pytest.mark.parametrize(("prefix", "phrase", "expected"), EXAMPLE_FIGURES)
def test_example_figures(example_docs: dict[str, Any], prefix: str, phrase: str,
                         expected: tuple[Any, ...]) -> None:
    doc = example_docs[prefix]
    figures = extract_figures(doc, prefix, dates=extract_dates(doc, prefix, published_dates()[prefix]))
    f = _at(doc, figures, phrase)
    assert f is not None, f"no figure for {phrase!r}"
    assert _key(f) == expected


EXAMPLE_NON_FIGURES = [
    ("000", "after 5 days"), ("000", "two explosions"), ("000", "two former Soviet republics"),
    ("000", "Four UN Security Council"), ("000", "two UN General Assembly"), ("000", "since 1994"),
    ("001", "Mi-24"), ("001", "the past 20 months"), ("001", "2 thoughts"),
    ("002", "five days of fighting"), ("002", "11:25"), ("002", "23:45"), ("002", "in 30 years"),
    ("002", "nearly 30 years"), ("002", "the two countries"),
    ("003", "about 145,000 people live"), ("003", "seven days after"),
    ("004", "11 hours"), ("004", "four United Nations"), ("004", "less than 24 hours"), ("004", "the two sides"),
    ("004", "October 4, 2020"), ("004", "September 27"), ("004", "nearly 30 years"),
]


@pytest.mark.parametrize(("prefix", "phrase"), EXAMPLE_NON_FIGURES)
def test_example_non_figures(example_docs: dict[str, Any], prefix: str, phrase: str) -> None:
    doc = example_docs[prefix]
    figures = extract_figures(doc, prefix, dates=extract_dates(doc, prefix, published_dates()[prefix]))
    assert _at(doc, figures, phrase) is None


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_example_records_are_well_formed(example_docs: dict[str, Any], prefix: str) -> None:
    doc = example_docs[prefix]
    figures = extract_figures(doc, prefix)
    assert figures
    assert len({f.id for f in figures}) == len(figures)
    for f in figures:
        assert f.text == doc.text[f.start:f.end]
        assert f.value is not None and f.value > 0
        assert f.counts is not None
        assert f.category in ("casualty", "equipment", "other")
        assert f.extractor.count("@") == 1


def test_same_figures_with_and_without_parse(pipelines: dict[str, Any]) -> None:
    """On the example corpus the token rules alone find everything: the parse only adds recall."""
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        with_parse = extract_figures(pipelines["parsed"](text), "d")
        without = extract_figures(pipelines["senter"](text), "d")
        assert [(_key(f), f.start, f.end) for f in without] == [(_key(f), f.start, f.end) for f in with_parse]


# --- issue 11, round 7: people by the form of the noun, manner before the object, coders' tallies, sums ----


@pytest.mark.parametrize(("text", "value"), [
    ("Two armed men shot and killed a businessman in Ganja.", 1),
    ("Gunmen shot dead a civilian near the market.", 1),
    ("Militants killed three shopkeepers in the town.", 3),
])
def test_a_person_killed_counts_one_by_the_form_of_the_noun(nlp: Any, text: str, value: int) -> None:
    killed = [f for f in extract_figures(nlp(text), "t") if f.counts == "killed"]
    assert [f.value for f in killed] == [value]


@pytest.mark.parametrize("text", [
    "The storm killed a number of cattle.",
    "The shelling destroyed a tractor and a computer.",
])
def test_nouns_of_that_form_that_are_no_people_are_not_counted_killed(nlp: Any, text: str) -> None:
    assert not [f for f in extract_figures(nlp(text), "t") if f.counts == "killed"]


def test_fatalities_coded_as_is_a_tally(nlp: Any) -> None:
    doc = nlp("Rebels clashed with the army near the town. Unknown fatalities coded as 3.")
    [f] = extract_figures(doc, "t")
    assert (f.value, f.counts) == (3, "killed") and "fatalities" in f.text.lower()
    assert "the coder's tally ('coded as')" in f.notes


def test_coordinated_victim_groups_add_up(nlp: Any) -> None:
    doc = nlp("Thirteen soldiers and two members of the militia were killed in the clash.")
    figs = extract_figures(doc, "t")
    [total] = [f for f in figs if any(n.startswith("sum_of=") for n in f.notes)]
    assert total.value == 15 and total.counts == "killed"
    parts = [f for f in figs if f is not total]
    assert sorted(f.value for f in parts) == [2, 13]
    assert all(f.id in total.notes[-1] for f in parts)


def test_killed_and_injured_groups_do_not_add_up(nlp: Any) -> None:
    doc = nlp("The gunmen killed two farmers and injured three herders.")
    assert not [f for f in extract_figures(doc, "t") if any(n.startswith("sum_of=") for n in f.notes)]


def test_a_tally_sentence_is_marked(nlp: Any) -> None:
    doc = nlp("Police seized a rifle. 2 fatalities.")
    [f] = extract_figures(doc, "t")
    assert "a sentence of its own" in f.notes


@pytest.mark.parametrize(("text", "value"), [
    ("Gunmen fired at a trader in the town. He was killed in the attack.", 1),
    ("A mob assaulted a man at the farm. The victim died at the hospital.", 1),
    ("Clashes erupted between two families, causing the killing of one resident.", 1),
    ("Rebels clashed with the army, leading to the death of 3 soldiers.", 3),
])
def test_one_person_and_nominal_deaths(nlp: Any, text: str, value: int) -> None:
    killed = [f for f in extract_figures(nlp(text), "t") if f.counts == "killed"]
    assert [f.value for f in killed] == [value]


@pytest.mark.parametrize("text", [
    "He said the talks would continue.",
    "The man's car was damaged.",
    "Police killed the engine of the truck.",
])
def test_pronouns_and_definite_nouns_without_a_death_are_no_figure(nlp: Any, text: str) -> None:
    assert not [f for f in extract_figures(nlp(text), "t") if f.counts == "killed"]


def test_a_long_coded_as_tally(nlp: Any) -> None:
    doc = nlp("An unidentified number of fatalities mentioned in a low intensity conflict area is coded as 3.")
    assert [(f.value, f.counts) for f in extract_figures(doc, "t")] == [(3, "killed")]


@pytest.mark.parametrize(("text", "total"), [
    ("Militants raped a woman, and killed her and her husband near the junction.", 2),
    ("Gunmen ambushed a tribal sheikh in the district, killing him and 2 of his relatives.", 3),
])
def test_pronoun_and_possessive_victims_add_up(nlp: Any, text: str, total: int) -> None:
    figs = extract_figures(nlp(text), "t")
    sums = [f for f in figs if any(n.startswith("sum_of=") for n in f.notes)]
    assert [f.value for f in sums] == [total]


def test_the_village_administrator_killed_counts_one(nlp: Any) -> None:
    figs = extract_figures(nlp("The militia shot and killed the village administrator at his home."), "t")
    assert [(f.value, f.counts) for f in figs] == [(1, "killed")]


def test_him_and_her_need_a_verb_before(nlp: Any) -> None:
    assert not extract_figures(nlp("Her car was found near the river."), "t")


def _document_figures(text: str) -> list[tuple[float, str | None]]:
    from consilience.extract.document import extract_document
    from consilience.ingest.document import build_document
    from consilience.ingest.items import RawItem
    from consilience.nlp.pipeline import build_pipeline

    doc = build_document(RawItem(source="t", source_key="t", format="text", text=text, meta={}))
    return sorted((f.value, f.counts) for f in extract_document(doc, build_pipeline()).figures)


@pytest.mark.parametrize("text,expected", [
    # one person named, then described: one victim, not two
    ("Clark admitted that he shot and killed Na'lisha Gravely, the mother of his child, in 2008.",
     [(1.0, "killed")]),
    # a list of victims under one verb adds up, the last item included
    ("Gunmen killed two soldiers, a policeman and a civilian near the base.",
     [(1.0, "killed"), (1.0, "killed"), (2.0, "killed"), (4.0, "killed")]),
    # a condition or a time to come is no toll
    ("It is a routine he will undergo every two weeks until he dies or he gets a new liver.", []),
    ("He died when his car hit a tree.", [(1.0, "killed")]),
    # one person who fled is no displacement; a crowd that fled is
    ("Several people surrendered to police, but the assailant fled, police said.", []),
    ("About 300 people fled their homes after the shelling.", [(300.0, "displaced")]),
])
def test_appositions_lists_conditions_and_a_fleeing_assailant(text, expected) -> None:
    assert _document_figures(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("No one was injured in the blast.", []),
    ("Not one soldier was killed in the attack.", []),
    ("One person was killed and no one else was hurt.", [(1.0, "killed")]),
    ("\"She's not injured but she is emotionally shaken up,\" the deputy coroner said.", []),
    ("Two soldiers were not killed in the attack.", []),
    ("Some counties that marked losses in 2008 saw their rates of decline slowing. Madison County, for example, "
     "lost just 20 people after the closing of a plant.", []),
    ("The army lost 20 soldiers in the battle for the town.", [(20.0, "killed")]),
])
def test_nobody_negated_outcomes_and_census_losses_are_no_tolls(text, expected) -> None:
    assert _document_figures(text) == expected

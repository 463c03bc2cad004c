"""Coreference: surnames, descriptions and subject pronouns of reporting verbs."""

from __future__ import annotations

import pytest

from consilience.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=("actors",))


@pytest.fixture(scope="module")
def flat():
    """No parse at all: the fallback rules."""
    return build_pipeline(components=("actors",), parse="none")


def run(nlp, text: str, published: str | None = None):
    sdoc = nlp.make_doc(text)
    sdoc._.consilience_document_id = "doc1"
    sdoc._.consilience_published = published
    return list(nlp(sdoc)._.consilience_mentions)


def at(mentions, text, occurrence=0):
    found = [m for m in mentions if m.text == text]
    assert len(found) > occurrence, (text, [(m.text, m.actor_id) for m in mentions])
    return found[occurrence]


def by_id(mentions):
    return {m.id: m for m in mentions}


CASES = [
    # (text, later mention, expected actor, text of the antecedent mention)
    ("Azerbaijani President Ilham Aliyev said Armenia must leave. "
     "Aliyev was quoted by the Tass news agency as saying so.",
     "Aliyev", "person:ilham-aliyev", "Ilham Aliyev"),
    ("Azerbaijani President Ilham Aliyev spoke to wounded servicemen on Monday. "
     "The scenario laid out by the Azerbaijani leader is at odds with Armenia's views.",
     "Azerbaijani leader", "person:ilham-aliyev", "Ilham Aliyev"),
    ("Turkey's presidential spokesman Ibrahim Kalin told Sabah that Armenia was occupying land. "
     "The spokesman said the initiative was influenced by lobbies.",
     "spokesman", "person:ibrahim-kalin", "Ibrahim Kalin"),
    ("The Azerbaijani Defence Ministry said the report was an absolute lie. "
     "The ministry also said the fighting began when Armenian forces fired mortars.",
     "ministry", "AZE/military", "Azerbaijani Defence Ministry"),
    ("Armenian officials alleged Turkey's involvement in the renewed conflict. "
     "The region has been under the control of forces backed by the Armenian government since 1994.",
     "Armenian government", "ARM/government", "Armenian officials"),
    ("Azerbaijan's defence ministry said its forces had carried out strikes during the night.\n"
     "It denied claims by Yerevan that one of its helicopters had been downed.",
     "It", "AZE/military", "Azerbaijan's defence ministry"),
    ("Maria Titzian, a lecturer at the American University of Armenia, told Al Jazeera that "
     "Azerbaijan had been escalating tensions.\n"
     "She added that Azerbaijan was trying to derail the peace process.",
     "She", "person:maria-titzian", "Maria Titzian"),
    ("Armenian Prime Minister Nikol Pashinyan told Al Jazeera his country is the guarantor of "
     "security.\n“Azerbaijan launched a direct attack on Nagorno-Karabakh,” he said.",
     "he", "person:nikol-pashinyan", "Nikol Pashinyan"),
    ("Azerbaijani prosecutors said Armenian shelling killed a civilian in the town. "
     "They said the number of those injured by Armenian forces has risen to 55.",
     "They", "AZE/judiciary", "Azerbaijani prosecutors"),
    ("Reuters reported on Thursday that the leaders spoke. "
     "The leaders discussed steps, the news agency cited the Kremlin as saying.",
     "news agency", "media:reuters", "Reuters"),
]


@pytest.mark.parametrize(("text", "later", "actor_id", "antecedent"), CASES)
def test_coreference(nlp, text, later, actor_id, antecedent):
    mentions = run(nlp, text)
    m = at(mentions, later)
    assert m.actor_id == actor_id
    assert m.antecedent_id is not None
    assert by_id(mentions)[m.antecedent_id].text == antecedent
    assert by_id(mentions)[m.antecedent_id].start < m.start


def test_antecedent_is_the_most_recent_mention_of_the_chain(nlp):
    text = ("Turkey's presidential spokesman Ibrahim Kalin told Sabah that Armenia was occupying land. "
            "Kalin said the only solution was to end it. The spokesman said the group was biased.")
    mentions = run(nlp, text)
    assert by_id(mentions)[at(mentions, "spokesman").antecedent_id].text == "Kalin"
    assert at(mentions, "spokesman").extractor == "coref@1"


@pytest.mark.parametrize("text", [
    # expletives and non-subjects never resolve
    "Armenia's government denied the report. It was not immediately clear if the toll included "
    "soldiers only.",
    "The Azerbaijani Defence Ministry said the army advanced. It was reported that villages burned.",
    "The Azerbaijani Defence Ministry said the army took the hill and held it for a day.",
    # a thing, not an actor, is the subject just before "It"
    "Agence France Presse said the toll rose. The conflict, which started on Sunday, is the latest "
    "flare-up. It has threatened to expand beyond the region.",
    # no earlier compatible mention
    "It said the attack was repelled.",
])
def test_pronouns_that_must_not_resolve(nlp, text):
    mentions = run(nlp, text)
    assert [m for m in mentions if m.text.lower() == "it"] == []


def test_she_skips_men_and_he_skips_women(nlp):
    text = ("Russian Foreign Minister Sergei Lavrov met spokeswoman Maria Zakharova on Monday. "
            "She said talks were needed. Lavrov spoke later. He said the talks went well.")
    mentions = run(nlp, text)
    assert at(mentions, "She").actor_id == "person:maria-zakharova"
    assert at(mentions, "He").actor_id == "person:sergei-lavrov"


@pytest.mark.parametrize(("published", "expected"), [
    ("2020-10-01", "person:ilham-aliyev"),
    ("1999-05-01", "person:heydar-aliyev"),
    (None, None),
])
def test_office_holder_on_the_publication_date(nlp, published, expected):
    mentions = run(nlp, "The president of Azerbaijan said Armenia must withdraw.", published)
    found = [m for m in mentions if m.text == "president of Azerbaijan"]
    assert [m.actor_id for m in found] == ([expected] if expected else [])


def test_surnames_alone(nlp):
    mentions = run(nlp, "Macron, Putin call for immediate ceasefire.")
    assert at(mentions, "Macron").actor_id == "person:emmanuel-macron"
    assert at(mentions, "Putin").actor_id == "person:vladimir-putin"
    # two lexicon people are called Aliyev: no guess
    assert [m for m in run(nlp, "Aliyev said the war would go on.") if m.actor_id] == []


def test_fallback_without_a_parse(flat):
    text = ("Maria Titzian, a lecturer at the American University of Armenia, told Al Jazeera that "
            "Azerbaijan had been escalating tensions.\n"
            "She added that Azerbaijan was trying to derail the peace process.\n"
            "It was not immediately clear what she meant.")
    mentions = run(flat, text)
    assert at(mentions, "She").actor_id == "person:maria-titzian"
    assert [m for m in mentions if m.text == "It"] == []

import pytest

from consilience.link.claim_align import ClaimFeatures, align_claims
from consilience.link.contradiction import figure_contradictions, figure_interval
from consilience.link.corroboration import claim_origin, independence_key, independent_count, status_of
from consilience.link.records import LedgerEntry, SpanRef
from consilience.link.stage import LinkSettings, link_records
from consilience.types import Claim

from karabakh_records import ACTORS

NO_EMBED = LinkSettings(use_embeddings=False)
ACTOR_MAP = {a.id: a for a in ACTORS}


@pytest.fixture
def result(karabakh):
    inp, r = karabakh
    return link_records(inp, NO_EMBED), r


def _pair(result, a, b):
    res, _ = result
    return [c for c in res.contradictions if {c.a.record_id, c.b.record_id} == {a.id, b.id}]


def test_the_helicopter_yerevan_says_was_downed_and_baku_denies(result):
    _, r = result
    found = _pair(result, r["trt_yerevan"], r["trt_denial"])
    assert len(found) == 1
    c = found[0]
    assert c.kind == "stance" and (c.a_stance, c.b_stance) == ("assert", "deny")
    assert (c.a_origin, c.b_origin) == ("ARM/government", "AZE/military")
    assert c.a.text == r["trt_yerevan"].text and c.b.text == r["trt_denial"].text


def test_an_admission_and_a_later_absolute_lie_in_the_same_article(result):
    res, r = result
    found = _pair(result, r["b_admit_claim"], r["b_lie_claim"])
    assert [c.kind for c in found] == ["stance"]
    assert found[0].a_stance == "admit" and found[0].b_stance == "deny"
    assert _pair(result, r["b_nkr_claim"], r["b_lie_claim"]), "the Karabakh claim is contradicted too"
    group = next(g for g in res.claim_groups if r["b_lie_claim"].id in g.claim_ids)
    assert group.status == "disputed"


def test_a_rejection_of_a_reported_claim_is_a_contradiction(result):
    _, r = result
    assert [c.kind for c in _pair(result, r["ptv_aze_claim"], r["ptv_rejection"])] == ["stance"]


def test_each_side_blaming_the_other_is_a_blame_contradiction(result):
    res, r = result
    blame = [c for c in res.contradictions if c.kind == "blame"]
    assert any({c.a.record_id, c.b.record_id} == {r["b_began"].id, r["b_nkr_attack"].id} for c in blame)


def test_no_contradiction_between_claims_that_agree(result):
    _, r = result
    assert not _pair(result, r["trt_strikes_claim"], r["lev_strikes_claim"])


def test_claims_of_different_stories_are_never_aligned(result):
    res, r = result
    for g in res.claim_groups:
        assert not ({r["trt_yerevan"].id, r["b_nkr_claim"].id} <= set(g.claim_ids))


def claim(cid, speaker=None, relays=(), doc="d"):
    return Claim(cid, doc, 0, 1, "x", "test", speaker_actor_id=speaker, relays=relays)


def test_origin_is_the_speaker_else_the_innermost_relay_else_the_outlet():
    assert claim_origin(claim("a", "AZE/military", ("media:anadolu",)), "The Levant") == "AZE/military"
    assert claim_origin(claim("b", None, ("media:reuters", "media:anadolu")), "The Levant") == "media:anadolu"
    assert claim_origin(claim("c"), "TRT World") == "outlet:TRT World"


def test_independence_is_by_party_not_by_outlet_or_office():
    assert independence_key("AZE/military", ACTOR_MAP) == independence_key("person:ilham-aliyev", ACTOR_MAP)
    assert independent_count(["AZE/military", "AZE/government"], ACTOR_MAP) == 1
    assert independent_count(["AZE/military", "media:afp"], ACTOR_MAP) == 2
    assert independent_count(["AZE/military", "ARM/military"], ACTOR_MAP) == 2
    assert independence_key("AZE/military", {}) == "party:AZE", "works without the actor table"


@pytest.mark.parametrize("stances, status", [
    ([("assert", "AZE/military"), ("assert", "AZE/military")], "single-source"),
    ([("assert", "AZE/military"), ("assert", "AZE/government")], "single-source"),
    ([("assert", "AZE/military"), ("assert", "media:afp")], "corroborated"),
    ([("admit", "AZE/government")], "confirmed against interest"),
    ([("admit", "AZE/government"), ("deny", "AZE/military")], "disputed"),
    ([("assert", "ARM/government"), ("deny", "AZE/military")], "disputed"),
    ([("deny", "AZE/military")], "denied"),
    ([("demand", "RUS/government")], "single-source"),
])
def test_status(stances, status):
    assert status_of(stances, ACTOR_MAP) == status


def cf(cid, stance="assert", story="s", event=None, stems=(), scopes=(), embedded=None):
    return ClaimFeatures(cid, "d" + cid, story, stance, "o" + cid, event_key=event, stems=frozenset(stems),
                         figure_scopes=frozenset(scopes), embedded_id=embedded)


def test_alignment_by_event_embedding_figure_and_wording():
    idf = {t: 3.0 for t in ("helicopt", "down", "tartar", "shell", "ganja")}
    feats = [
        cf("1", event="e1"), cf("2", event="e1"),                              # same merged event
        cf("3"), cf("4", "deny", embedded="3"),                                # one embeds the other
        cf("5", scopes=[("killed", "people", "", "2020-10-01")]),
        cf("6", scopes=[("killed", "people", "", "2020-10-01")]),              # same quantity, same day
        cf("7", scopes=[("killed", "people", "", "2020-10-03")]),              # another day
        cf("8", stems=("helicopt", "down", "azeri")), cf("9", stems=("helicopt", "down", "mi-24")),
        cf("10", stems=("helicopt", "down"), story="other"),                   # other story
        cf("11", event="e2", stems=("tartar", "shell")), cf("12", event="e3", stems=("tartar", "shell")),
    ]
    groups = [{feats[i].id for i in g} for g in align_claims(feats, idf)]
    for expected in ({"1", "2"}, {"3", "4"}, {"5", "6"}, {"7"}, {"8", "9"}, {"10"}, {"11"}, {"12"}):
        assert expected in groups, expected


def entry(eid, origin, value, qualifier, as_of, counts="killed", who="people"):
    span = SpanRef(eid, "d" + eid, 0, 1, "x")
    return LedgerEntry(eid, "s", eid, origin, "speaker", value, qualifier, None, counts, who, None, as_of, "figure", span)


def test_incompatible_figures_for_one_scope_and_day_contradict():
    entries = [entry("1", "AZE/military", 100, "more than", "2016-04-02"),
               entry("2", "ARM/government", 18, "about", "2016-04-02"),
               entry("3", "ARM/government", 200, "more than", "2016-04-05"),   # later: a new count, not a contradiction
               entry("4", "AZE/government", 20, "exact", "2016-04-02")]         # same party as 1: not independent
    found = figure_contradictions(entries, ACTOR_MAP)
    assert {frozenset((c.a.record_id, c.b.record_id)) for c in found} == {frozenset(("1", "2"))}
    assert found[0].kind == "figure"


def test_figure_intervals():
    assert figure_interval(100, "more than")[0] > 100 - 1e-6 and figure_interval(100, "more than")[1] == float("inf")
    lo, hi = figure_interval(130, "nearly")
    assert lo < 130 == hi
    assert figure_interval(None, "exact") is None


def test_conflicting_figures_make_their_claims_disputed(builder):
    thursday = builder.date("trt", "on Thursday morning", "2020-10-01")
    a = builder.claim("trt", "five days of fighting over the occupied Karabakh region leaves nearly 130 people dead",
                      "ARM/government", date=thursday)
    builder.figure("trt", "nearly 130 people dead", 130, "nearly", "killed", "people", date=thursday)
    b = builder.claim("trt", "The five-day death toll in Azerbaijan has risen to 16", "AZE/government", date=thursday)
    builder.figure("trt", "risen to 16", 16, "exact", "killed", "people", date=thursday)
    result = link_records(builder.inp, NO_EMBED)
    assert [c.kind for c in result.contradictions] == ["figure"]
    for claim_ in (a, b):
        group = next(g for g in result.claim_groups if claim_.id in g.claim_ids)
        assert group.status == "disputed"

"""Issue 10: statements of the cross-source layer that an analyst can quote.

Copies are one source; corroboration needs independent origins in different
reports, explained in words; merged events keep ACLED's granularity; denials
pair with what they deny; blame needs one incident; figures compare like with
like; disputes are grouped; stories get titles and summaries from records.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from consilience.ingest.dedup import DuplicateIndex, signature
from consilience.link.claim_align import ClaimFeatures
from consilience.link.contradiction import blame_contradictions, figure_contradictions, same_incident
from consilience.link.corroboration import explain_status, status_of
from consilience.link.disputes import group_disputes
from consilience.link.event_coref import EventFeatures, compatible
from consilience.link.records import LedgerEntry, SpanRef
from consilience.link.reports import report_labels, wire_of
from consilience.link.stage import LinkSettings, link_corpus
from consilience.link.stories import DocFeatures, StoryIndex, StorySettings
from consilience.link.summary import date_range
from consilience.store import Store
from consilience.store.documents import insert_document
from consilience.store.links import link_id, upsert_link
from consilience.store.records import write_records
from consilience.types import Document, DocumentRecords, Link, OffsetMap

from karabakh_records import ACTORS, build_karabakh

NO_EMBED = LinkSettings(use_embeddings=False)
ACTOR_MAP = {a.id: a for a in ACTORS}


# --- reports and independence --------------------------------------------------------


def test_copies_of_one_article_are_one_report_labelled_by_an_outlet():
    outlets = {"a": "Al Jazeera", "b": None, "c": "Some Blog", "d": None, "e": "TRT World"}
    labels = report_labels(outlets, [("b", "a"), ("c", "b"), ("d", "zz")])
    assert labels["a"] == labels["b"] == labels["c"] == "Al Jazeera"
    assert labels["d"] == "copies:d" and labels["e"] == "TRT World"


def test_a_dateline_credits_the_wire_and_its_copies_narrate_as_the_wire():
    assert wire_of("MOSCOW (Reuters) - Russia said on Monday ...") == "Reuters"
    assert wire_of("Baku, Oct 1 (AFP) -- Azerbaijan said ...") == "AFP"
    assert wire_of("The Reuters report (Reuters) was quoted") is None
    assert wire_of("Fighting continued (see map).") is None
    labels = report_labels({"x": "Daily A", "y": "Daily B"}, [], {"x": "AFP", "y": "AFP"})
    assert labels["x"] == labels["y"] == "wire:AFP"


def test_two_origins_in_one_report_do_not_corroborate():
    stances = [("assert", "ARM/military"), ("assert", "AZE/military")]
    assert status_of(stances, ACTOR_MAP) == "corroborated"   # without report information (old callers)
    assert status_of(stances, ACTOR_MAP, reports=["Press TV", "Press TV"]) == "single-source"
    assert status_of(stances, ACTOR_MAP, reports=["Press TV", "TRT World"]) == "corroborated"
    # two reports of one origin: still one origin
    assert status_of([("assert", "AZE/military")] * 2, ACTOR_MAP, reports=["TRT World", "The Levant"]) == \
        "single-source"


def test_a_status_is_explained_in_words_with_what_it_counted():
    text = explain_status("single-source", [("assert", "AZE/military")] * 2, ["TRT World", "The Levant"], ACTOR_MAP)
    assert "one origin" in text and "2 reports" in text and "TRT World" in text and "The Levant" in text
    assert "0 independent" not in text
    both = explain_status("single-source", [("assert", "ARM/military"), ("assert", "AZE/military")],
                          ["Press TV", "Press TV"], ACTOR_MAP)
    assert "one report" in both and "Press TV" in both
    corr = explain_status("corroborated", [("assert", "outlet:TRT World"), ("assert", "outlet:Press TV")],
                          ["TRT World", "Press TV"], ACTOR_MAP)
    assert corr.startswith("corroborated: 2 independent origins") and "TRT World (own reporting)" in corr


def _store(path):
    return Store(path)


def _add(store, inp, doc_ids, *, copy_of=None, outlet=None, extra=""):
    """Write documents (or copies of them, renamed, without outlet, with an extra line) and records."""
    with store.transaction() as conn:
        for doc_id in doc_ids:
            info = inp.documents[doc_id]
            new_id = copy_of(doc_id) if copy_of else doc_id
            text = info.text + extra
            doc = Document(id=new_id, source=new_id, source_key=new_id, format="text",
                           content_hash=hashlib.sha256(text.encode()).hexdigest(), raw_text=text, text=text,
                           offset_map=OffsetMap(()), title=info.title,
                           outlet=outlet if copy_of else info.outlet, published=info.published,
                           published_precision="day")
            insert_document(conn, doc, signature(text))
            recs = {}
            for t in ("mentions", "places", "dates", "figures", "claims", "events"):
                recs[t] = tuple(_rekey(x, doc_id, new_id) for x in getattr(inp, t) if x.document_id == doc_id)
            write_records(conn, DocumentRecords(new_id, "test@1", actors=tuple(inp.actors.values()), **recs))


def _rekey(rec, old, new):
    if old == new:
        return rec
    changes = {"document_id": new, "id": f"{new}:{rec.id}"}
    for f in ("date_id", "place_id", "fatalities_figure_id", "injuries_figure_id", "embedded_claim_id"):
        if getattr(rec, f, None):
            changes[f] = f"{new}:{getattr(rec, f)}"
    if getattr(rec, "claim_ids", None):
        changes["claim_ids"] = tuple(f"{new}:{c}" for c in rec.claim_ids)
    return dataclasses.replace(rec, **changes)


def _duplicate_links(store):
    index = DuplicateIndex()
    rows = store.conn.execute("SELECT id, minhash FROM documents ORDER BY id").fetchall()
    with store.transaction() as conn:
        for doc_id, sig in rows:
            for other, score in index.query(sig):
                upsert_link(conn, Link(link_id("near_duplicate", doc_id, other), "near_duplicate", doc_id, other,
                                       doc_id, score, "test", ()))
            index.add(doc_id, sig)


def _statuses(store):
    from consilience.link.persist import load_link_result

    res = load_link_result(store.conn)
    out = {}
    for m in res.merged_events:
        originals = sorted({mid.split(":", 1)[-1] for mid in m.member_ids})
        out[tuple(originals)] = (m.status, m.independent_origins)
    return out


def _with_narrated_events(inp):
    """Two outlets' own narration of the 1 Oct fighting (no quoted source): independent reports."""
    from karabakh_records import Builder, example_docs

    b = Builder(example_docs())
    b.inp = inp
    b.counter = iter(range(1000, 2000))
    day = b.date("trt", "on Thursday", "2020-10-01")
    b.event("trt", "Khankendi, also known as Stepanakert, in occupied-Karabakh saw two explosions", "Battles",
            "Armed clash", "clashes", date=day)
    day2 = b.date("levant", "on Thursday", "2020-10-01")
    b.event("levant", "Border clashes between Armenia and Azerbaijan showed no signs of abating on Thursday",
            "Battles", "Armed clash", "clashes", date=day2)
    return inp


def test_syndicated_copies_change_no_status_and_no_origin_count(tmp_path):
    """The examples, then the examples plus two near-copies of each (one extra line, no outlet)."""
    inp = _with_narrated_events(build_karabakh()[0])
    docs = list(inp.documents)
    with _store(tmp_path / "plain.db") as store:
        _add(store, inp, docs)
        _duplicate_links(store)
        link_corpus(store, NO_EMBED)
        plain = _statuses(store)
    with _store(tmp_path / "copies.db") as store:
        _add(store, inp, docs)
        for k in (1, 2):
            _add(store, inp, docs, copy_of=lambda d, k=k: f"copy{k}-{d}", extra=f"\nUpdated {k} hours ago.")
        _duplicate_links(store)
        n_links = store.conn.execute("SELECT count(*) FROM links WHERE kind = 'near_duplicate'").fetchone()[0]
        assert n_links >= 2 * len(docs), "the copies were found as near duplicates"
        link_corpus(store, NO_EMBED)
        copied = _statuses(store)
    assert plain and any(status == "corroborated" for status, _ in plain.values())
    assert copied == plain


# --- merged events: ACLED granularity ---------------------------------------------------


def _ev(**kw):
    base = dict(id="x", document_id="d1", family="fighting", lo=100, hi=100, event_type="battles")
    base.update(kw)
    return EventFeatures(**base)


def test_an_event_dated_only_by_its_report_merges_only_with_that_day():
    a = _ev(id="a", document_id="d1", lo=97, hi=100, date_inferred=True)   # published day 100
    b = _ev(id="b", document_id="d2", lo=98, hi=98)                       # dated day 98, another report
    c = _ev(id="c", document_id="d2", lo=100, hi=100)
    d = _ev(id="d", document_id="d3", lo=95, hi=98, date_inferred=True)   # published day 98
    assert not compatible(a, b) and compatible(a, c) and not compatible(a, d)
    # inside one article an undated record may be about the day its context names
    assert compatible(a, dataclasses.replace(b, document_id="d1"))


def test_one_merged_event_per_type_and_actor_pair():
    a = _ev(id="a", document_id="d1", parties=frozenset({"ARM", "AZE"}))
    assert not compatible(a, _ev(id="b", document_id="d2", event_type="explosions/remote violence",
                                 parties=frozenset({"ARM", "AZE"})))
    assert not compatible(a, _ev(id="c", document_id="d2", parties=frozenset({"AZE", "TUR"})))
    assert not compatible(a, _ev(id="e", document_id="d2", background=True))
    # one attack that two outlets code differently: the same known attacker on the same day
    s1 = _ev(id="s1", document_id="d1", attacker="AZE", event_type="battles")
    s2 = _ev(id="s2", document_id="d2", attacker="AZE", event_type="explosions/remote violence")
    assert compatible(s1, s2)


# --- disputes ---------------------------------------------------------------------------


def _cf(id, party, **kw):
    base = dict(id=id, document_id=kw.pop("doc", "d1"), story_id="s", stance="accuse", origin=party,
                party=party, parties_mentioned=frozenset({"AZE" if party == "ARM" else "ARM"}),
                stems=frozenset({"attack"}))
    base.update(kw)
    return ClaimFeatures(**base)


def _span(rid, doc="d1"):
    return SpanRef(rid, doc, 0, 5, rid, None, None)


def test_blame_about_incidents_two_weeks_apart_is_not_one_dispute():
    a = _cf("a", "ARM", doc="d1", dated=True, day=100, places=frozenset({"Martuni"}))
    b = _cf("b", "AZE", doc="d2", dated=True, day=114, places=frozenset({"Martuni"}))
    c = _cf("c", "AZE", doc="d2", dated=True, day=101, places=frozenset({"Martuni"}))
    spans = {x: _span(x) for x in "abc"}
    assert not same_incident(a, b) and same_incident(a, c)
    found = blame_contradictions([a, b, c], spans, {})
    assert {(x.a.record_id, x.b.record_id) for x in found} == {("a", "c")}
    # a threat blames nobody
    threat = _cf("t", "AZE", doc="d2", dated=True, day=100, places=frozenset({"Martuni"}),
                 text_stems=frozenset({"right", "attack"}))
    assert not blame_contradictions([a, threat], {"a": _span("a"), "t": _span("t")}, {})


def _entry(id, value, qualifier, counts, incident=None, origin="ARM/government"):
    return LedgerEntry(id, "s", id, origin, "speaker", value, qualifier, None, counts, None, None, "2016-04-03",
                       "published", _span(id), None, incident)


def test_one_attacks_wounded_are_not_compared_with_a_national_toll():
    attack = _entry("wounding two", 2, "exact", "injured", incident="mev:attack", origin="NKR/military")
    toll = _entry("35 injured", 35, "exact", "injured", origin="person:serzh-sargsyan")
    assert figure_contradictions([attack, toll], ACTOR_MAP) == []
    other_toll = _entry("more than 100", 100, "more than", "injured", origin="AZE/military")
    assert len(figure_contradictions([toll, other_toll], ACTOR_MAP)) == 1


def test_pairwise_rows_about_one_proposition_are_one_dispute():
    from consilience.link.records import Contradiction

    q = _span("pashinyan", "aj")
    rows = [Contradiction(f"c{i}", "s", "blame", q, _span(f"other{i}", "x"), "ARM", "AZE", "accuse", "assert",
                          "mev:1", "ARM blames AZE; AZE blames ARM") for i in range(4)]
    disputes = group_disputes(rows)
    assert len(disputes) == 1
    d = disputes[0]
    assert [v.span.record_id for v in d.asserting] == ["pashinyan"] and len(d.contradicting) == 4
    assert d.contradiction_ids == ("c0", "c1", "c2", "c3")


# --- the example corpus, end to end through the store -------------------------------------


@pytest.fixture
def linked(tmp_path):
    inp, r = build_karabakh()
    with _store(tmp_path / "k.db") as store:
        _add(store, inp, list(inp.documents))
        res = link_corpus(store, NO_EMBED)
    return res, r


def test_a_denial_is_paired_with_the_claim_it_denies(linked):
    res, r = linked
    pairs = {frozenset((c.a.record_id, c.b.record_id)) for c in res.contradictions if c.kind == "stance"}
    assert frozenset((r["b_admit_claim"].id, r["b_lie_claim"].id)) in pairs
    assert frozenset((r["ptv_aze_claim"].id, r["ptv_rejection"].id)) in pairs
    # the helicopter denial is not paired with casualty claims
    assert frozenset((r["b_aze_claim"].id, r["b_lie_claim"].id)) not in pairs


def test_every_status_has_an_explanation_and_no_merged_event_mixes_days(linked):
    res, _ = linked
    for m in res.merged_events:
        assert m.explanation.startswith(m.status), m.explanation
        assert m.reports, m.id
    for g in res.claim_groups:
        assert g.explanation.startswith(g.status)


def test_a_story_has_a_readable_title_and_a_factual_summary(linked):
    res, _ = linked
    titles = [s.label for s in res.stories]
    from consilience.link.summary import EVENT_PHRASES

    assert any(t.startswith(tuple(EVENT_PHRASES.values())) and "2020" in t and "Armenia" in t
               and "Azerbaijan" in t for t in titles), titles
    for s in res.stories:
        assert "·" not in s.label and ":" not in s.label.split(",")[0]
        assert s.summary.startswith(f"{len(s.document_ids)} report")
        assert "/" not in s.summary.split("Main events")[0] or "(" in s.summary


def test_date_ranges_read_as_dates():
    assert date_range("2020-09-27", "2020-10-14") == "27 Sep – 14 Oct 2020"
    assert date_range("2016-04-03", "2016-04-03") == "3 Apr 2016"
    assert date_range("2019-12-30", "2020-01-02") == "30 Dec 2019 – 2 Jan 2020"
    assert date_range(None, None) == ""


# --- stories ----------------------------------------------------------------------------


def test_a_shared_country_name_does_not_glue_unrelated_articles_into_one_story():
    index = StoryIndex(StorySettings(min_text=0.05))
    arms = DocFeatures.from_text("arms", "2020-10-01", "Police seized an arms cache of rifles and grenades "
                                 "hidden in a warehouse near Ankara", actors={"TUR"}, places={"Turkey"})
    envoy = DocFeatures.from_text("envoy", "2020-10-02", "The ambassador was assassinated at a gallery "
                                  "opening by an off-duty officer", actors={"TUR"}, places={"Turkey"})
    first = index.add(arms)
    second = index.add(envoy)
    assert first.story_id != second.story_id
    glued = StoryIndex(StorySettings(min_text=0.0))
    glued.add(arms)
    assert glued.add(envoy).story_id == first.story_id, "without the text floor they would be glued"


def test_a_story_is_not_dated_by_a_historical_mention(tmp_path):
    from consilience.ingest.published import LOWER_BOUND_NOTE

    text = ("Thanksgiving Day was proclaimed a national holiday on October 3, 1863, by President Lincoln.\n"
            "Families across the country gather for dinner and football this week.")
    with _store(tmp_path / "t.db") as store:
        with store.transaction() as conn:
            doc = Document(id="thanks", source="thanks.txt", source_key="thanks", format="text",
                           content_hash="h", raw_text=text, text=text, offset_map=OffsetMap(()),
                           published="1863-10-03", published_precision="day", published_origin="text",
                           notes=(f"published: {LOWER_BOUND_NOTE}",))
            insert_document(conn, doc, None)
            write_records(conn, DocumentRecords("thanks", "test@1"))
        res = link_corpus(store, NO_EMBED)
    (story,) = res.stories
    assert story.first_date is None and "1863" not in story.label


def test_a_claim_group_is_labelled_by_a_proposition_not_a_reference():
    from consilience.link.stage import _proposition_label
    from consilience.types import Claim

    deny = Claim("c1", "d", 0, 10, "denied the Azeri report", "t", content="the Azeri report", stance="deny")
    said = Claim("c2", "d", 20, 60, "x", "t", content="more than 100 Armenian servicemen were killed and injured",
                 stance="assert")
    assert _proposition_label([deny, said]) == "more than 100 Armenian servicemen were killed and injured"
    assert _proposition_label([deny]) == "the Azeri report"


def test_a_claim_whose_speaker_is_an_unresolved_pronoun_counts_as_nobody():
    from consilience.link.corroboration import counts_as_origin
    from consilience.types import Claim

    it = Claim("c1", "d", 0, 5, "It said ...", "t", speaker_text="It", content="x")
    both = Claim("c2", "d", 0, 5, "Both sides say ...", "t", speaker_text="Both sides", content="x")
    named = Claim("c3", "d", 0, 5, "It said ...", "t", speaker_text="It", speaker_actor_id="AZE/military")
    relayed = Claim("c4", "d", 0, 5, "x", "t", relays=("media:afp",))
    assert not counts_as_origin(it) and not counts_as_origin(both)
    assert counts_as_origin(named) and counts_as_origin(relayed)
    assert counts_as_origin(Claim("c5", "d", 0, 5, "x", "t", speaker_text="Azerbaijani prosecutors"))

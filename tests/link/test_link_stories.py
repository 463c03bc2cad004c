from consilience.link.records import StoryProfile, from_data, to_data
from consilience.link.stage import LinkSettings, link_records
from consilience.link.stories import DocFeatures, StoryIndex, StorySettings, assign_all

NO_EMBED = LinkSettings(use_embeddings=False)


def test_2016_and_2020_are_separate_episodes_of_one_thread(karabakh):
    inp, _ = karabakh
    result = link_records(inp, NO_EMBED)
    by_doc = {d: s.id for s in result.stories for d in s.document_ids}
    blog = by_doc["001_8bbd57c4b7e6f5d0.txt"]
    war = {by_doc[d] for d in ("000_f1f7456cb6a5ee0c.txt", "002_b18a1e8a4fd637b3.txt",
                               "003_48848964f3b268a4.txt", "004_9810f678411d9058.txt")}
    assert war == {by_doc["000_f1f7456cb6a5ee0c.txt"]}, "the four 2020 reports form one story"
    assert blog not in war, "April 2016 is another episode, although it shares every name"
    threads = {s.id: s.notes for s in result.stories}
    assert threads[blog] == threads[war.pop()], "both episodes belong to one thread"
    started = [a for a in result.assignments if a.started]
    assert any("outside its time window" in a.reason for a in started)


def _doc(doc_id, date, text, actors=()):
    return DocFeatures.from_text(doc_id, date, text, actors=actors)


def test_a_new_document_joins_without_recomputing_earlier_assignments():
    index = StoryIndex(StorySettings())
    first = assign_all(index, [
        _doc("a", "2020-10-01", "Azerbaijan Armenia shelling Karabakh Stepanakert artillery ceasefire", ["AZE", "ARM"]),
        _doc("b", "2020-10-02", "Karabakh shelling continues, Stepanakert hit by artillery, ceasefire ignored", ["AZE", "ARM"]),
        _doc("c", "2020-10-02", "Earthquake shakes northern California, magnitude 4.6, no damage reported"),
    ])
    profiles = [from_data(StoryProfile, to_data(p)) for p in index.profiles()]   # persisted and reloaded
    again = StoryIndex(StorySettings(), profiles)
    late = again.add(_doc("d", "2020-10-05", "More artillery shelling on Stepanakert in Karabakh", ["ARM"]))
    assert late.story_id == first[0].story_id and not late.started
    assert again.comparisons <= StorySettings().max_candidates
    assert {p.story_id: p.n_docs for p in again.profiles()}[first[0].story_id] == 3
    assert first[2].started and first[2].story_id != first[0].story_id


def test_undated_documents_are_not_gated_by_time():
    index = StoryIndex()
    a = index.add(_doc("a", "2016-04-02", "helicopter downed over Karabakh artillery Azerbaijan Armenia", ["AZE"]))
    b = index.add(_doc("b", None, "helicopter downed over Karabakh, artillery fire, Azerbaijan and Armenia", ["AZE"]))
    assert b.story_id == a.story_id


def test_documents_far_apart_in_time_never_share_a_story():
    index = StoryIndex(StorySettings(gap_days=14))
    a = index.add(_doc("a", "2020-01-01", "Karabakh shelling Stepanakert artillery", ["AZE", "ARM"]))
    b = index.add(_doc("b", "2020-03-01", "Karabakh shelling Stepanakert artillery", ["AZE", "ARM"]))
    assert a.story_id != b.story_id and b.started


def _episodes(n):
    from datetime import date, timedelta

    docs = []
    for episode in range(n):                           # flare-ups 90 days apart, same words every time
        start = date(2000, 1, 1) + timedelta(days=90 * episode)
        for k in range(10):
            day = (start + timedelta(days=k)).isoformat()
            docs.append(_doc(f"e{episode:02d}-{k}", day, "Karabakh shelling Stepanakert artillery ceasefire "
                             f"Azerbaijan Armenia report {k}", ["AZE", "ARM"]))
    return docs


def test_many_episodes_of_one_conflict_stay_apart_and_cost_the_same_per_document():
    index = StoryIndex(StorySettings(gap_days=14))
    docs = _episodes(60)
    assignments = assign_all(index, docs)
    stories = {}
    for a in assignments:
        stories.setdefault(a.story_id, set()).add(a.document_id[:3])
    assert len(stories) == 60 and all(len(v) == 1 for v in stories.values())
    assert len({p.thread_id for p in index.profiles()}) == 1, "one thread of 60 episodes"
    half = StoryIndex(StorySettings(gap_days=14))
    assign_all(half, _episodes(30))
    assert index.comparisons / 600 <= 1.1 * half.comparisons / 300, "work per document does not grow with the corpus"
    assert index.comparisons <= len(docs) * (StorySettings().group_candidates + 2 * StorySettings().thread_candidates)


def test_the_same_documents_in_any_order_make_the_same_stories():
    import random

    docs = [_quake(f"a{k}", "Aceh", "6.1", "Tuesday") for k in range(4)] + \
           [_quake(f"p{k}", "Papua", "7.3", "Sunday") for k in range(4)] + \
           [_doc(f"k{k}", None, f"Karabakh shelling Stepanakert artillery ceasefire report {k}") for k in range(3)]
    seen = set()
    for seed in range(5):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        by_doc = {a.document_id: a.story_id for a in assign_all(StoryIndex(), shuffled)}
        groups = {}
        for d, s in by_doc.items():
            groups.setdefault(s, set()).add(d)
        seen.add(frozenset(frozenset(g) for g in groups.values()))
    assert len(seen) == 1
    (stories,) = seen
    assert frozenset({"k0", "k1", "k2"}) in stories


def test_salient_names_are_names_measures_and_years_not_prose():
    from consilience.link.text import salient_names

    names = salient_names("https://example.org/2013/07/02/quake\nA 6.1-magnitude quake hits Indonesia's Aceh\n"
                          "The quake struck Aceh, the USGS said. It recalled the 2004 tsunami. The quake killed one.")
    assert {"aceh", "indonesia", "usg", "#6.1", "#2013", "#2004"} <= set(names)
    assert not {"quake", "the", "it", "struck"} & set(names), "sentence-initial and lower-case words are not names"


def test_a_headline_in_title_case_or_capitals_is_recognised():
    from consilience.link.text import headline_case

    assert headline_case("Apple Unveils New MacBook Air".split())
    assert headline_case("RCMP MAKE ARRESTS IN BC POLYGAMOUS COMMUNITY".split())
    assert not headline_case("Apple on Tuesday launched a refresh of the MacBook Pro".split())


def _quake(doc_id, place, magnitude, day):
    text = (f"Magnitude {magnitude} earthquake hits {place}\nA strong earthquake of magnitude {magnitude} struck "
            f"{place} province on {day}, injuring dozens and damaging houses, officials said.")
    return DocFeatures.from_text(doc_id, None, text)


def test_another_earthquake_of_the_same_kind_scores_lower_by_its_names():
    index = StoryIndex(StorySettings())
    (first,) = assign_all(index, [_quake("a1", "Aceh", "6.1", "Tuesday")])
    story = index.stories[first.story_id]
    same, other = _quake("a2", "Aceh", "6.1", "Tuesday"), _quake("p1", "Papua", "7.3", "Sunday")
    assert index.names_agreement(same, story) == 1.0
    assert index.names_agreement(other, story) == 0.0, "place, magnitude and day all differ"
    assert index.similarity(other, story) < 0.75 * index.similarity(same, story)
    unnamed = StoryIndex(StorySettings(names_weight=0.0))
    assign_all(unnamed, [_quake("a1", "Aceh", "6.1", "Tuesday")])
    assert unnamed.similarity(other, next(iter(unnamed.stories.values()))) > index.similarity(other, story)


def test_the_year_veto_keeps_a_launch_of_another_year_out():
    def launch(doc_id, year):
        return DocFeatures.from_text(doc_id, f"{year}-06-11", f"Apple unveils new MacBook Pro\nApple unveiled a new "
                                     f"MacBook Pro with a faster processor at its {year} keynote, the company said.")

    on = StorySettings(year_veto=True, gap_days=100_000)
    story = {a.document_id: a.story_id for a in assign_all(StoryIndex(on), [launch("x", 2009), launch("y", 2012)])}
    assert story["x"] != story["y"]
    off = StorySettings(gap_days=100_000)
    story = {a.document_id: a.story_id for a in assign_all(StoryIndex(off), [launch("x", 2009), launch("y", 2012)])}
    assert story["x"] == story["y"], "without the veto the wording joins them"


def _long_quake(doc_id, k):
    text = (f"Magnitude 6.1 earthquake hits Aceh\nA strong earthquake of magnitude 6.1 struck Aceh province on "
            f"Tuesday, injuring dozens, damaging houses and a mosque in Bireuen, officials said. Rescue teams "
            f"searched collapsed shops in Takengon while aftershocks rattled the highlands. Report {k}.")
    return DocFeatures.from_text(doc_id, "2013-07-02", text)


def test_a_short_report_left_alone_joins_the_story_it_is_most_like_on_average():
    docs = [_long_quake(f"a{k}", k) for k in range(4)]
    short = DocFeatures.from_text("s", "2013-07-02", "Aceh quake: officials count injured")
    unrelated = DocFeatures.from_text("u", "2013-07-02", "Parliament passes the budget\nAfter a long debate the "
                                      "Senate in Jakarta voted on taxes, schools and roads, with Golkar divided.")
    cut = 0.3   # above the short report's similarity to any one of the long ones
    alone = {a.document_id: a.story_id for a in assign_all(
        StoryIndex(StorySettings(group_threshold=cut, attach_threshold=None)), docs + [short, unrelated])}
    assert alone["s"] != alone["a0"], "too few words to reach the clustering cut"
    joined = {a.document_id: a.story_id for a in assign_all(StoryIndex(StorySettings(group_threshold=cut)),
                                                            docs + [short, unrelated])}
    assert joined["s"] == joined["a0"] == joined["a3"]
    assert joined["u"] not in {joined["a0"], joined["s"]}, "sharing the year of its date is no evidence"


def test_anchors_conflict_on_years_apart_or_other_figures():
    from consilience.link.stories import anchors_conflict

    assert anchors_conflict(frozenset({"#2009"}), frozenset({"#2012"}))
    assert not anchors_conflict(frozenset({"#2007"}), frozenset({"#2008"})), "a December event reported in January"
    assert anchors_conflict(frozenset({"#4.4"}), frozenset({"#4.6"}))
    assert not anchors_conflict(frozenset({"#4.4", "#2.7"}), frozenset({"#4.4"}))
    assert not anchors_conflict(frozenset(), frozenset({"#2012"})), "nothing stated, nothing conflicts"
    doc = DocFeatures.from_text("d", "2013-03-14", "Magnitude 4.6 quake near Healdsburg\nIt struck in 2013.",
                                url="http://example.org/2013/03/14/quake")
    assert {"#2013", "#4.6"} <= doc.anchors


def test_a_pair_of_short_reports_joins_as_a_pair_but_not_beyond_attach_size():
    docs = [_long_quake(f"a{k}", k) for k in range(4)]
    pair = [DocFeatures.from_text(f"s{k}", "2013-07-02", f"Aceh quake: officials count injured, update {k}")
            for k in range(2)]
    cut = 0.3
    joined = {a.document_id: a.story_id for a in assign_all(StoryIndex(StorySettings(group_threshold=cut)),
                                                            docs + pair)}
    assert joined["s0"] == joined["s1"] == joined["a0"]
    kept = {a.document_id: a.story_id for a in assign_all(
        StoryIndex(StorySettings(group_threshold=cut, attach_size=1)), docs + pair)}
    assert kept["s0"] == kept["s1"] != kept["a0"], "a group of two is not left alone when only singletons are"


def test_the_core_veto_keeps_apart_groups_whose_protagonists_differ():
    def arrest(doc_id, who, k):
        return DocFeatures.from_text(doc_id, "2009-02-03", f"{who} arrested on suspicion of drunk driving\n"
                                     f"Police stopped {who} early in the morning and booked him.\n"
                                     f"The San Diego Chargers player was released later, and the Chargers said "
                                     f"they were aware of the arrest and gathering information. Note {k}.")
    docs = [arrest(f"j{k}", "Vincent Jackson", k) for k in range(3)] + \
           [arrest(f"w{k}", "Jamal Williams", k) for k in range(3)]
    merged = {a.document_id: a.story_id for a in assign_all(StoryIndex(), docs)}
    assert merged["j0"] == merged["w0"], "without the veto, the same wording makes one story"
    apart = {a.document_id: a.story_id for a in assign_all(StoryIndex(StorySettings(core_veto=0.35)), docs)}
    assert apart["j0"] == apart["j2"] and apart["w0"] == apart["w2"] and apart["j0"] != apart["w0"]


def test_a_title_taken_from_the_text_s_first_line_counts_once():
    from consilience.link.text import titled_text

    text = "Warren Jeffs extradited to Texas\nSaturday, June 12, 2010\nAn Arizona judge dismissed the charges."
    assert titled_text("Warren Jeffs extradited to Texas", text) == text, "the first line already is the title"
    assert titled_text("Jeffs in court", text) == "Jeffs in court\n" + text, "another title is added"
    assert titled_text(None, text) == text == titled_text("  ", text)
    once = DocFeatures.from_text("a", None, titled_text("Warren Jeffs extradited to Texas", text))
    assert "#2010" in once.lead, "the lead is the title and the line after it, not the title twice"
    assert dict(once.terms)["extradit"] == 1


def test_terms_in_more_than_max_postings_stories_are_not_scanned_for_undated_documents_or_threads():
    """The two lookups not bounded by time (threads, undated documents) skip a term once more stories than
    ``max_postings`` have it: their scans would otherwise grow with the corpus."""
    text = "helicopter downed over Karabakh artillery Azerbaijan Armenia"
    undated = _doc("u", None, text, ["AZE"])
    for cap, found in ((10, True), (2, False)):
        index = StoryIndex(StorySettings(gap_days=14, max_postings=cap))
        for k in range(3):                                          # three episodes a year apart
            index.add(_doc(f"e{k}", f"201{k}-04-02", text, ["AZE"]))
        assert len(index.stories) == 3
        assert bool(index.candidates(undated)) is found
        assert bool(index.earlier(_doc("late", "2019-04-02", text, ["AZE"]), set())) is found


def test_memoised_vectors_are_forgotten_when_a_document_joins():
    """Similarity memoises story and document vectors while the index is unchanged; after a document joins,
    it equals what a fresh index loaded from the same profiles computes."""
    index = StoryIndex(StorySettings())
    a = index.add(_doc("a", "2020-10-01", "Karabakh shelling Stepanakert artillery ceasefire", ["AZE"]))
    probe = _doc("p", "2020-10-03", "artillery shelling near Stepanakert, ceasefire broken", ["ARM"])
    story = index.stories[a.story_id]
    before = index.similarity(probe, story)
    index.add(_doc("b", "2020-10-02", "Stepanakert shelled again; drones over Shusha", ["ARM"]))
    after = index.similarity(probe, index.stories[a.story_id])
    fresh = StoryIndex(StorySettings(), index.profiles())
    assert after == fresh.similarity(probe, fresh.stories[a.story_id]) != before


def test_a_story_is_found_from_every_bucket_of_its_span_once_and_from_no_other():
    index = StoryIndex(StorySettings(gap_days=7))
    for lo, hi in ((0, 0), (3, 17), (-9, 40), (64, 127), (5, 6)):
        nodes = index._nodes((lo, hi))
        for bucket in range(lo - 70, hi + 70):
            hits = sum(1 for n in index._lookup_nodes(bucket * 7) if n in nodes)
            assert hits == (1 if lo <= bucket <= hi else 0), (lo, hi, bucket)
        assert len(nodes) <= 2 * (hi - lo + 1).bit_length()


def test_the_time_index_built_document_by_document_equals_the_one_reloaded_from_profiles():
    """Terms trimmed from a profile leave the index, a widening span moves the story to larger blocks:
    what a run leaves in the index is what a later run rebuilds from the stored profiles."""
    from datetime import date, timedelta

    settings = StorySettings(gap_days=3, profile_terms=6)
    index = StoryIndex(settings)
    words = "shelling artillery drones ceasefire villages refugees convoy bridge border talks mediators".split()
    for k in range(40):
        day = (date(2020, 9, 27) + timedelta(days=k * 2)).isoformat()
        text = "Karabakh Stepanakert " + " ".join(words[(k + j) % len(words)] for j in range(4)) + f" {k}"
        index.add(_doc(f"d{k}", day, text, ["AZE", "ARM"]))
    reloaded = StoryIndex(settings, index.profiles())
    big = max(index.stories.values(), key=lambda s: s.n_docs)
    assert big.n_docs >= 10 and len(big.term_df) <= 12, "a long story whose profile was trimmed"
    assert index._nodes(index.spans[big.story_id])[0][0] > 0, "indexed under blocks wider than one bucket"
    assert {k: v for k, v in index.recent.items() if v} == dict(reloaded.recent)


def test_a_storys_core_names_kept_up_document_by_document_equal_a_recount():
    settings = StorySettings(gap_days=14)
    index = StoryIndex(settings)
    probe = _doc("p", "2020-10-01", "Stepanakert shelling", ["ARM"])
    leads = ["Stepanakert shelled", "Shusha shelled", "Stepanakert and Shusha", "Martuni drones", "Stepanakert"]
    for k, lead in enumerate(leads * 3):
        a = index.add(_doc(f"d{k}", f"2020-10-{k + 1:02d}", f"{lead}\nKarabakh shelling Stepanakert artillery "
                           f"Azerbaijan Armenia report", ["AZE", "ARM"]))
        index.names_agreement(probe, index.stories[a.story_id])   # memoises the core at this size
    cores = {sid: core for sid, (n, core) in index._core_names.items() if n == index.stories[sid].n_docs}
    assert cores and any(len(c) > 1 for c in cores.values())
    for sid, core in cores.items():
        s = index.stories[sid]
        assert core == sorted(t for t, c in s.names.items()
                              if c / s.n_docs >= settings.core_share and not t.startswith("#20"))
        assert "#2020" in s.names and "#2020" not in core, "a year is no core name"



def _big_story(story_id, n, names, actors, places, terms, first="2010-01-02", last="2010-12-30"):
    """The profile of a story of ``n`` documents (counts: how many of them carry each name, actor, place, term)."""
    return StoryProfile(story_id, story_id, n, first, last, tuple(sorted(terms.items())),
                        tuple(sorted(actors.items())), tuple(sorted(places.items())),
                        names=tuple(sorted(names.items())))


def test_a_story_of_many_documents_with_distinct_names_does_not_take_an_unrelated_one_of_its_year():
    """Once a story holds thousands of documents it has nearly every name once; that a document's names are
    among them, and that it is of the story's year, says nothing."""
    probe = DocFeatures.from_text(
        "p", "2010-06-01", "Warehouse fire in Bakerstown\nA warehouse burned in Bakerstown on Monday, the Quinby "
        "County fire chief said; officials said the police found no victims.", actors=["FIRE"], places=["4242"])
    assert probe.lead and "#2010" in probe.names
    noise = {f"nm{k}": 1 for k in range(3000)}
    story = _big_story("big", 3000, {**noise, **{t: 1 for t in probe.names}, "#2010": 3000},
                       {"FIRE": 1, **{f"a{k}": 1 for k in range(500)}}, {"4242": 1},
                       {w: 900 for w in "police officials said county monday fire found".split()})
    old = StoryIndex(StorySettings(presence_share=None), [story])
    assert old.similarity(probe, old.stories["big"]) >= StorySettings().join_threshold, "set membership let it in"
    index = StoryIndex(StorySettings(), [story])
    assert index.names_agreement(probe, index.stories["big"]) < 0.05, "a name in 1 of 3,000 documents, a year"
    assert index.similarity(probe, index.stories["big"]) < StorySettings().join_threshold
    assert index.add(probe).started


def test_a_long_story_still_takes_a_document_with_the_names_most_of_its_documents_carry():
    terms = {w: 1500 for w in "shell artilleri ceasefir front drone villag offens troop".split()}
    names = {"karabakh": 1900, "stepanakert": 1400, "azerbaijan": 1950, "armenia": 1950, "#2020": 2000,
             **{f"nm{k}": 1 for k in range(2000)}}
    story = _big_story("war", 2000, names, {"ARM": 1900, "AZE": 1900, "RUS": 30}, {"174979": 1200}, terms,
                       first="2020-09-27", last="2020-11-10")
    probe = DocFeatures.from_text(
        "p", "2020-11-12", "Shelling on Stepanakert as Azerbaijan and Armenia fight on\nArtillery shelled "
        "Stepanakert overnight, Karabakh officials said, as Azerbaijan pressed its offensive and Armenia sent "
        "troops to the front; drones struck villages despite the ceasefire.", actors=["ARM", "AZE"],
        places=["174979"])
    index = StoryIndex(StorySettings(), [story])
    assert index.names_agreement(probe, index.stories["war"]) > 0.6
    a = index.add(probe)
    assert a.story_id == "war" and not a.started


def test_a_war_covered_every_day_is_one_thread_of_stories_no_longer_than_max_span_days():
    from datetime import date, timedelta

    def daily(settings):
        index = StoryIndex(settings)
        for k in range(200):
            day = (date(2022, 2, 24) + timedelta(days=k)).isoformat()
            index.add(_doc(f"d{k:03d}", day, f"Shelling of Kharkiv and Donetsk, artillery on the front, "
                           f"drones over Kyiv, Ukraine and Russia, report {k}", ["UKR", "RUS"]))
        return index.profiles()

    unbounded = daily(StorySettings(max_span_days=None))
    assert len(unbounded) == 1, "without the limit one story takes the whole war"
    profiles = daily(StorySettings(max_span_days=92))
    assert len(profiles) >= 3 and len({p.thread_id for p in profiles}) == 1, "one thread of several stories"
    for p in profiles:
        assert day_span(p) <= 92
    assert sum(p.n_docs for p in profiles) == 200


def day_span(p):
    from datetime import date

    return (date.fromisoformat(p.last_date) - date.fromisoformat(p.first_date)).days

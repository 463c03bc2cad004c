"""denial_targets scores only the claims an index finds (shared rare word, casualty figure, same document,
named party) and must give exactly what scoring every claim of the story gives (issue 14: no all-pairs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from consilience.link import claim_align
from consilience.link.claim_align import DENIAL_MARGIN, DENIAL_THRESHOLD, ClaimFeatures, _denial_score

WORDS = ["claim", "report", "kill", "dead", "helicopt", "tartar", "shell", "villag", "bridg", "troop"]
IDF = {"helicopt": 3.0, "tartar": 2.5, "villag": 2.0, "bridg": 1.8, "shell": 1.2, "troop": 1.0}


def brute_force(feats: Sequence[ClaimFeatures], idf: Mapping[str, float]) -> dict[int, list[int]]:
    """The definition: every affirming claim of the story scored against every denial."""
    by_id = {f.id for f in feats}
    out: dict[int, list[int]] = {}
    for i, n in enumerate(feats):
        if n.stance not in ("deny", "reject") or (n.embedded_id and n.embedded_id in by_id):
            continue
        if not ((n.text_stems | n.stems) & claim_align.REFERENCE_STEMS):
            continue
        scored = [(_denial_score(n, p, idf), j) for j, p in enumerate(feats)
                  if j != i and p.story_id == n.story_id and p.stance in ("assert", "admit", "accuse")]
        best = max((sc for sc, _ in scored), default=0.0)
        if best >= DENIAL_THRESHOLD:
            out[i] = sorted(j for sc, j in scored if sc >= best - DENIAL_MARGIN)
    return out


claims = st.builds(
    lambda k, doc, story, stance, party, words, mentioned, figures, pos: ClaimFeatures(
        id=f"c{k}", document_id=f"d{doc}", story_id=f"s{story}", stance=stance, origin="x", party=party,
        stems=frozenset(words), text_stems=frozenset(words[:2]), parties_mentioned=frozenset(mentioned),
        figure_scopes=frozenset({("killed", "people", party or "", "")}) if figures else frozenset(),
        position=pos),
    st.integers(0, 10**6), st.integers(0, 2), st.integers(0, 1),
    st.sampled_from(["assert", "deny", "reject", "admit", "accuse", "demand"]),
    st.sampled_from([None, "ARM", "AZE"]), st.lists(st.sampled_from(WORDS), max_size=5),
    st.lists(st.sampled_from(["ARM", "AZE"]), max_size=2), st.booleans(), st.integers(0, 500))


@settings(max_examples=200, deadline=None)
@given(st.lists(claims, max_size=14))
def test_indexed_denial_targets_equal_scoring_every_claim(feats: list[ClaimFeatures]) -> None:
    assert claim_align.denial_targets(feats, IDF) == brute_force(feats, IDF)


def test_a_denial_finds_the_claim_it_is_about_through_the_index() -> None:
    said = ClaimFeatures("a", "d1", "s1", "assert", "x", party="AZE", stems=frozenset({"helicopt", "tartar"}))
    other = ClaimFeatures("b", "d2", "s1", "assert", "x", stems=frozenset({"bridg"}))
    denied = ClaimFeatures("c", "d3", "s1", "deny", "x", party="ARM", stems=frozenset({"claim", "helicopt"}),
                           parties_mentioned=frozenset({"AZE"}))
    feats = [said, other, denied]
    assert claim_align.denial_targets(feats, IDF) == brute_force(feats, IDF) == {2: [0]}


@settings(max_examples=150, deadline=None)
@given(st.lists(claims, max_size=14), st.one_of(st.none(), st.integers(0, 40)))
def test_the_windowed_path_with_a_wide_window_and_no_cap_equals_scoring_every_claim(feats, day):
    """Every story treated as large (``exact=0``): with all claims in one window and no cap it finds what
    scoring every claim finds (dated or undated alike)."""
    import dataclasses

    feats = [dataclasses.replace(f, day=None if day is None else day + k % 7) for k, f in enumerate(feats)]
    assert claim_align.denial_targets(feats, IDF, exact=0, window=100, cap=10**6) == brute_force(feats, IDF)


def _far_apart(days_apart: int) -> list[ClaimFeatures]:
    said = ClaimFeatures("a", "d1", "s1", "assert", "x", party="AZE", stems=frozenset({"helicopt", "tartar"}),
                         day=100)
    noise = [ClaimFeatures(f"n{k}", f"dn{k}", "s1", "assert", "x", stems=frozenset({"bridg"}), day=100 + k)
             for k in range(6)]
    denied = ClaimFeatures("c", "d3", "s1", "deny", "x", party="ARM", stems=frozenset({"claim", "helicopt"}),
                           parties_mentioned=frozenset({"AZE"}), day=100 + days_apart)
    return [said, *noise, denied]


def test_a_small_story_keeps_the_exact_targets_whatever_the_window():
    feats = _far_apart(400)
    assert claim_align.denial_targets(feats, IDF, window=14) == brute_force(feats, IDF) == {7: [0]}


def test_in_a_large_story_a_denial_is_not_compared_with_a_claim_far_outside_its_window():
    near, far = _far_apart(10), _far_apart(400)
    assert claim_align.denial_targets(near, IDF, exact=0, window=14) == {7: [0]}
    assert claim_align.denial_targets(far, IDF, exact=0, window=14) == {}
    assert brute_force(far, IDF) == {7: [0]}     # the exact path would have paired them


def test_in_a_large_story_the_rarest_words_are_looked_up_first_within_the_cap():
    import dataclasses

    feats = _far_apart(3)
    # a common word in every claim: its posting list alone exceeds the cap, so it is skipped, the rare one taken
    feats = [dataclasses.replace(f, stems=f.stems | {"shell"}) for f in feats]
    idf = {**IDF, "shell": 1.6}
    index = claim_align._DenialIndex(feats, {"s1"}, idf, exact=0, window=14, cap=3)
    assert index.candidates(feats[7]) == {0}
    assert claim_align.denial_targets(feats, idf, exact=0, window=14, cap=3) == {7: [0]}

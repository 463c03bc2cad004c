"""Stance contradictions between two voices of one side need an admission or a direct denial."""

import pytest

from consilience.link.claim_align import ClaimFeatures
from consilience.link.contradiction import stance_contradictions
from consilience.link.records import SpanRef


def _claim(cid, stance, party, embedded=None):
    return ClaimFeatures(id=cid, document_id="d", story_id="s", stance=stance, origin=f"{party}/government",
                         party=party, embedded_id=embedded)


def _spans(*claims):
    return {c.id: SpanRef(record_id=c.id, document_id="d", start=0, end=1, text=c.id) for c in claims}


@pytest.mark.parametrize("pos, neg, expected", [
    (_claim("a", "assert", "NKR"), _claim("b", "deny", "ARM"), 0),            # allies: misaligned, not a dispute
    (_claim("a", "assert", "AZE"), _claim("b", "deny", "ARM"), 1),            # opposite sides
    (_claim("a", "admit", "AZE"), _claim("b", "deny", "AZE"), 1),             # admission vs "absolute lie"
    (_claim("a", "assert", "ARM"), _claim("b", "deny", "NKR", embedded="a"), 1),  # denies that very claim
])
def test_same_side_pairs(pos, neg, expected):
    found = stance_contradictions([("g", [pos, neg])], _spans(pos, neg))
    assert len(found) == expected

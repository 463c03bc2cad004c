"""Tests for consilience.ingest.dedup: MinHash signatures and the LSH duplicate index."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from consilience.config import DEFAULT_CONFIG
from consilience.ingest.clean import clean_text
from consilience.ingest.dedup import DuplicateIndex, shingles, signature, similarity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"
TEXTS = {p.name[:3]: clean_text(p.read_text(encoding="utf-8")).text for p in sorted(EXAMPLES.glob("*.txt"))}


def _edited_copy(text: str) -> str:
    """A syndicated copy: another headline and a handful of words changed."""
    lines = text.split("\n")
    lines[0] = "Armenia and Azerbaijan keep trading fire despite truce"
    body = "\n".join(lines)
    for old, new in (("Wednesday", "Tuesday"), ("repeatedly", "again"), ("reasonable", "fair"),
                     ("Nearly 600", "About 600")):
        assert old in body
        body = body.replace(old, new, 1)
    return body


def test_signature_is_fixed_size_bytes_and_deterministic() -> None:
    sig = signature(TEXTS["004"])
    assert isinstance(sig, bytes)
    assert len(sig) == DEFAULT_CONFIG.minhash_num_perm * 8
    assert signature(TEXTS["004"]) == sig
    assert signature(TEXTS["003"]) != sig
    config = DEFAULT_CONFIG.with_overrides(minhash_num_perm=64)
    assert len(signature(TEXTS["004"], config)) == 64 * 8


def test_exact_copy_scores_one() -> None:
    index = DuplicateIndex()
    index.add("a", signature(TEXTS["004"]))
    assert index.query(signature(TEXTS["004"])) == [("a", 1.0)]
    # normalisation: case and spacing do not matter
    assert similarity(signature(TEXTS["004"]), signature("  " + TEXTS["004"].upper())) == 1.0


def test_edited_copy_is_a_near_duplicate() -> None:
    copy = _edited_copy(TEXTS["004"])
    assert copy != TEXTS["004"]
    index = DuplicateIndex()
    for key, text in TEXTS.items():
        index.add(key, signature(text))
    found = index.query(signature(copy))
    assert [doc_id for doc_id, _ in found] == ["004"]
    assert DEFAULT_CONFIG.minhash_threshold <= found[0][1] < 1.0


def test_examples_are_not_near_duplicates_of_each_other() -> None:
    sigs = {key: signature(text) for key, text in TEXTS.items()}
    for a, b in itertools.combinations(sigs, 2):
        assert similarity(sigs[a], sigs[b]) < 0.2, (a, b)
    index = DuplicateIndex()
    for key, sig in sigs.items():
        assert index.query(sig) == []
        index.add(key, sig)
    for key, sig in sigs.items():
        assert index.query(sig) == [(key, 1.0)]


def test_index_built_from_stored_signatures() -> None:
    stored = {key: bytes(signature(text)) for key, text in TEXTS.items()}  # e.g. read back from SQLite
    index = DuplicateIndex()
    for key, sig in stored.items():
        index.add(key, sig)
    assert len(index) == 5 and "002" in index and "999" not in index
    assert index.query(signature(_edited_copy(TEXTS["004"])))[0][0] == "004"


def test_add_is_idempotent_and_rejects_conflicts_and_bad_sizes() -> None:
    index = DuplicateIndex()
    sig = signature(TEXTS["000"])
    index.add("a", sig)
    index.add("a", sig)
    assert len(index) == 1
    with pytest.raises(ValueError, match="already indexed"):
        index.add("a", signature(TEXTS["001"]))
    with pytest.raises(ValueError, match="expected 1024"):
        index.add("b", sig[:-8])
    with pytest.raises(ValueError, match="expected 1024"):
        index.query(b"")


def test_threshold_is_a_setting() -> None:
    copy = _edited_copy(TEXTS["004"])
    score = similarity(signature(TEXTS["004"]), signature(copy))
    strict = DEFAULT_CONFIG.with_overrides(minhash_threshold=min(0.99, score + 0.05))
    index = DuplicateIndex(strict)
    index.add("004", signature(TEXTS["004"], strict))
    assert index.query(signature(copy, strict)) == []


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("One two three", 2, {b"one two", b"two three"}),
        ("One, TWO!", 5, {b"one two"}),
        ("", 5, set()),
        ("a b c d e f", 5, {b"a b c d e", b"b c d e f"}),
    ],
)
def test_shingles(text: str, size: int, expected: set[bytes]) -> None:
    assert shingles(text, size) == expected

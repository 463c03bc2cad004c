import socket

import pytest

from consilience.link import embed
from consilience.link.event_coref import EventFeatures, trigger_similarity


def test_without_the_package_files_embeddings_are_reported_unavailable(tmp_path):
    ok, why = embed.available(tmp_path)
    assert not ok
    assert "weights" in why and str(tmp_path) in why


def test_a_partial_model_folder_names_the_missing_file(tmp_path):
    (tmp_path / "weights").mkdir()
    (tmp_path / embed.WEIGHTS).write_bytes(b"")
    with pytest.raises(embed.EmbedderUnavailable) as err:
        embed.model_files(tmp_path)
    assert "tokenizer" in str(err.value)


@pytest.fixture(scope="module")
def embedder():
    ok, why = embed.available()
    if not ok:
        pytest.skip(why)
    return embed.get_embedder()


def test_loading_and_embedding_touch_no_network(monkeypatch):
    ok, why = embed.available()
    if not ok:
        pytest.skip(why)

    def refuse(*args, **kwargs):
        raise AssertionError("the embedder tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = embed.Embedder(*embed.model_files())
    assert fresh.embed(["a quake hit"]).shape == (1, embed.DIM)


def test_vectors_are_normalised_and_independent_of_the_batch(embedder):
    import numpy as np

    both = embedder.embed(["the war", "a helicopter was downed over Karabakh"])
    alone = embedder.embed(["the war"])
    assert both.shape == (2, embed.DIM)
    assert np.allclose(np.linalg.norm(both, axis=1), 1.0, atol=1e-5)
    assert np.allclose(both[0], alone[0], atol=1e-6)
    assert not embedder.embed([""]).any(), "no tokens: a zero vector"
    assert embed.get_embedder() is embedder, "one table per process"


def _trigger(word, embedder):
    return EventFeatures(id=word, document_id="d", family="event", trigger=frozenset({word}),
                         trigger_vector=embedder.word(word))


@pytest.mark.parametrize("a,b", [("launch", "start"), ("start", "begin"), ("registration", "register"),
                                 ("confirms", "confirm"), ("earthquake", "quake")])
def test_synonymous_triggers_are_similar_and_unrelated_ones_are_not(embedder, a, b):
    near = trigger_similarity(_trigger(a, embedder), _trigger(b, embedder))
    assert near > 0.0
    assert trigger_similarity(_trigger(a, embedder), _trigger("arrest", embedder)) < near


def test_without_vectors_only_a_shared_trigger_or_a_wordnet_synonym_counts():
    a = EventFeatures(id="a", document_id="d", family="event", trigger=frozenset({"launch"}))
    b = EventFeatures(id="b", document_id="d", family="event", trigger=frozenset({"start"}))
    c = EventFeatures(id="c", document_id="e", family="event", trigger=frozenset({"launch"}))
    assert trigger_similarity(a, b) == 0.0
    assert trigger_similarity(a, c) == 1.0

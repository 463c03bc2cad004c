"""The per-document orchestrator: plain, picklable, deterministic records with exact offsets."""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest

from consilience.config import DEFAULT_CONFIG
from consilience.extract.document import extract_document, extract_many, resolve_workers
from consilience.nlp.pipeline import build_pipeline
from consilience.types import Document, DocumentRecords, OffsetMap, Segment

KINDS = ("mentions", "places", "dates", "figures")
EXAMPLES = {
    "000_f1f7456cb6a5ee0c.txt": "2020-10-01",
    "001_8bbd57c4b7e6f5d0.txt": "2016-04-03",
}


def make_document(doc_id: str, text: str, **fields) -> Document:
    base = dict(id=doc_id, source=doc_id, source_key=doc_id, format="text", content_hash="h",
                raw_text=text, text=text, offset_map=OffsetMap((Segment(0, 0, len(text)),)),
                language="en", published=None)
    base.update(fields)
    return Document(**base)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="module")
def documents(examples_dir_module):
    return [make_document(name[:3], (examples_dir_module / name).read_text(encoding="utf-8"),
                          published=published) for name, published in EXAMPLES.items()]


@pytest.fixture(scope="module")
def examples_dir_module():
    from pathlib import Path

    return Path(__file__).resolve().parents[2] / "examples" / "karabakh"


@pytest.fixture(scope="module")
def records(nlp, documents):
    return [extract_document(d, nlp) for d in documents]


def test_records_point_at_their_text(documents, records):
    for doc, rec in zip(documents, records):
        assert rec.document_id == doc.id
        for kind in KINDS:
            items = getattr(rec, kind)
            assert items, kind
            for r in items:
                assert doc.text[r.start:r.end] == r.text, (kind, r)
                assert r.document_id == doc.id
                assert re.fullmatch(r"[a-z_]+@[\w.]+", r.extractor), r.extractor
            ids = [r.id for r in items]
            assert len(ids) == len(set(ids))
            if kind == "mentions":
                assert all(m.id == f"{doc.id}:mention:{m.start}-{m.end}" for m in items)


def test_references_resolve(records):
    for rec in records:
        actors = {a.id for a in rec.actors}
        mentions = {m.id for m in rec.mentions}
        places = {p.id for p in rec.places}
        mention_actors = {m.actor_id for m in rec.mentions if m.actor_id}
        event_actors = {a for e in rec.events for a in (e.actor1_id, e.actor2_id) if a}
        # the actor table holds exactly the actors mentions and events point at
        assert mention_actors | event_actors == actors
        assert all(c.speaker_mention_id in mentions for c in rec.claims if c.speaker_mention_id)
        assert all(m.antecedent_id in mentions for m in rec.mentions if m.antecedent_id)
        assert all(m.place_id in places for m in rec.mentions if m.place_id)
        assert any(m.place_id for m in rec.mentions)
        assert any(m.antecedent_id for m in rec.mentions)


def test_records_pickle_and_hold_no_spacy_objects(records):
    for rec in records:
        again = pickle.loads(pickle.dumps(rec))
        assert again == rec
        for kind in (*KINDS, "actors"):
            for r in getattr(rec, kind):
                for f in dataclasses.fields(r):
                    value = getattr(r, f.name)
                    assert not type(value).__module__.startswith(("spacy", "thinc")), (kind, f.name)


def test_deterministic(nlp, documents, records):
    assert extract_document(documents[0], nlp) == records[0]


def test_example_content(records):
    """A few facts of article 000 that the records must carry."""
    rec = records[0]
    actors = {m.text: m.actor_id for m in rec.mentions}
    assert actors["Azerbaijan's defence ministry"] == "AZE/military"
    assert actors["Ilham Aliyev"] == "person:ilham-aliyev"
    it = next(m for m in rec.mentions if m.text == "It")
    assert it.actor_id == "AZE/military" and it.antecedent_id
    assert rec.extractor_version.startswith("consilience-") and "parse-selective" in rec.extractor_version


@pytest.mark.parametrize(("fields", "reason"), [
    ({"status": "empty"}, "status is 'empty'"),
    ({"status": "skipped_language", "language": "ru"}, "status"),
    ({"language": "fr"}, "language 'fr'"),
    ({"language": None}, "language None"),
])
def test_skipped_documents(nlp, fields, reason):
    rec = extract_document(make_document("x", "Reuters reported fighting.", **fields), nlp)
    assert rec == DocumentRecords(document_id="x", extractor_version=rec.extractor_version,
                                  notes=rec.notes)
    assert len(rec.notes) == 1 and reason in rec.notes[0]


def test_language_tags_are_normalised(nlp):
    rec = extract_document(make_document("x", "Reuters reported fighting.", language="EN-gb"), nlp)
    assert [m.actor_id for m in rec.mentions] == ["media:reuters"]


def test_partial_pipeline_says_what_is_missing():
    rec = extract_document(make_document("x", "Reuters reported fighting in Ganja on Monday."),
                           build_pipeline(components=("actors",)))
    assert rec.mentions and not rec.places and not rec.dates and not rec.figures
    assert any("consilience_places" in n for n in rec.notes)


def test_extract_many_in_process(nlp, documents, records):
    assert list(extract_many(documents, workers=1)) == records


def test_extract_many_with_a_pool(documents, records):
    docs = [*documents, make_document("skip", "Texte en français.", language="fr")]
    out = list(extract_many(docs, workers=2))
    assert out[:2] == records
    assert out[2].document_id == "skip" and out[2].notes


def test_a_pool_applies_finish_in_the_workers(documents, records):
    """``finish`` runs where the records are made; what it returns comes back, in input order."""
    from consilience.store.records import record_rows

    docs = list(documents) * 5          # enough for several (tapered) batches on two workers
    out = list(extract_many(docs, workers=2, finish=record_rows))
    assert out == [record_rows(r) for r in records] * 5


def test_tapered_batches_keep_order_and_shrink_at_the_end():
    from consilience.extract.document import _tapered_batches

    batches = list(_tapered_batches(range(100), 8, 2))
    assert [d for b in batches for d in b] == list(range(100))
    sizes = [len(b) for b in batches]
    assert max(sizes) == 8 and sizes[:5] == [8] * 5
    assert sizes[-4:] == [1, 1, 1, 1] and sizes == sorted(sizes, reverse=True)
    assert [len(b) for b in _tapered_batches(range(3), 8, 2)] == [1, 1, 1]
    assert list(_tapered_batches([], 8, 2)) == []


def test_extractor_version_matches_the_records(records):
    from consilience.extract.document import EXTRACTOR_VERSION

    assert all(r.extractor_version == EXTRACTOR_VERSION for r in records)
    assert "parse-selective" in EXTRACTOR_VERSION and "+data-" in EXTRACTOR_VERSION


def test_few_documents_stay_in_process(documents, records):
    """With the worker count left to the settings, two documents do not start a pool."""
    import multiprocessing

    before = len(multiprocessing.active_children())
    out = []
    for rec in extract_many(documents, workers=None, config=DEFAULT_CONFIG.with_overrides(workers=2)):
        out.append(rec)
        assert len(multiprocessing.active_children()) == before
    assert out == records


def test_resolve_workers():
    assert resolve_workers(3) == 3
    assert resolve_workers(None, DEFAULT_CONFIG.with_overrides(workers=2)) == 2
    assert resolve_workers(0) >= 1


@pytest.mark.parametrize("text,expected", [
    ("LONDON, Ont. -- There were no seizures in London, Ontario, said a spokesperson for London police. "
     "London police arrested two men on Friday.", "CAN/police"),
    ("LONDON (Reuters) - London police arrested two men on Friday after a stabbing in Croydon, south London.",
     "GBR/police"),
])
def test_capital_institution_follows_the_place_of_its_capital(nlp, text, expected):
    records = extract_document(make_document("cap", text), nlp)
    police = [m for m in records.mentions if m.text == "London police"]
    assert police and all(m.actor_id == expected for m in police), [(m.text, m.actor_id) for m in police]
    ids = {a.id for a in records.actors}
    assert expected in ids and ({"CAN/police", "GBR/police"} - {expected}).isdisjoint(ids)


def test_a_country_name_placed_in_another_country_stands_for_no_state(nlp):
    text = ("ATLANTA - A network leader is being prosecuted in a Georgia man's death. Georgia authorities say "
            "the man was recovering from cancer, police in Atlanta said.")
    records = extract_document(make_document("ga", text), nlp)
    ids = {m.text: m.actor_id for m in records.mentions}
    assert ids.get("Georgia") is None and ids.get("Georgia authorities") == "USA/government", ids
    assert "GEO" not in {a.id for a in records.actors}
    caucasus = extract_document(make_document("ge", "TBILISI (Reuters) - Georgia's interior ministry said "
                                              "police arrested two opposition leaders in Tbilisi."), nlp)
    assert any(m.actor_id and m.actor_id.startswith("GEO") for m in caucasus.mentions)


def test_a_country_name_placed_elsewhere_stands_for_no_state_without_an_institution_too(nlp):
    """The name alone is reconciled whether or not the document has an institution mention."""
    text = ("ATLANTA - A network leader is being prosecuted in a Georgia man's death, a court in Atlanta "
            "heard on Tuesday.")
    records = extract_document(make_document("ga2", text), nlp)
    assert all(m.actor_id != "GEO" for m in records.mentions if m.text == "Georgia"), \
        [(m.text, m.actor_id) for m in records.mentions]
    assert "GEO" not in {a.id for a in records.actors}


def test_capital_reconciliation_uses_the_pipelines_own_actor_lexicon(tmp_path, monkeypatch):
    """A pipeline built with explicit ``actor_lexicons`` reconciles with its actors component's lexicon,
    not with the one the settings name."""
    import json

    from consilience.extract import document as document_module
    from consilience.extract.actors import load_lexicon
    from consilience.nlp.pipeline import make_pipeline

    extra = tmp_path / "extra_actors.jsonl"
    extra.write_text(json.dumps({"type": "actor", "id": "ARM/hovsep-tester", "name": "Hovsep Tester",
                                 "kind": "person", "country": "ARM", "aliases": ["Hovsep Tester"],
                                 "label": "PERSON", "source": "test"}) + "\n", encoding="utf-8")
    own = make_pipeline(components=("actors", "places"), parse="none", actor_lexicons=(str(extra),))
    seen = []
    real = document_module.reconcile_capital_institutions
    monkeypatch.setattr(document_module, "reconcile_capital_institutions",
                        lambda mentions, places, actors, lexicon: seen.append(lexicon) or
                        real(mentions, places, actors, lexicon))
    rec = extract_document(make_document("lex", "Hovsep Tester said police in Baku arrested two men."), own)
    assert rec.places and seen
    assert seen[0] is own.get_pipe("consilience_actors").lexicon
    assert seen[0] is not load_lexicon(())                      # the settings' default lexicon
    assert any(m.actor_id == "ARM/hovsep-tester" for m in rec.mentions)

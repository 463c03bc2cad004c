import hashlib

import pytest

from consilience.link.persist import load_link_result
from consilience.link.stage import LinkSettings, link_corpus
from consilience.store import Store
from consilience.store.documents import insert_document
from consilience.store.migrations import MIGRATIONS, apply_migrations, applied_versions
from consilience.store.migrations_link import LINK_MIGRATIONS
from consilience.store.records import write_records
from consilience.types import Document, DocumentRecords, OffsetMap

from karabakh_records import build_karabakh

NO_EMBED = LinkSettings(use_embeddings=False)


def _store(path):
    store = Store(path)
    apply_migrations(store.conn, MIGRATIONS + LINK_MIGRATIONS)
    return store


def _add(store, inp, doc_ids):
    with store.transaction() as conn:
        for doc_id in doc_ids:
            info = inp.documents[doc_id]
            doc = Document(id=doc_id, source=doc_id, source_key=doc_id, format="text",
                           content_hash=hashlib.sha256(info.text.encode()).hexdigest(), raw_text=info.text,
                           text=info.text, offset_map=OffsetMap(()), title=info.title, outlet=info.outlet,
                           published=info.published, published_precision="day")
            insert_document(conn, doc, None)
            mine = {t: [x for x in getattr(inp, t) if x.document_id == doc_id]
                    for t in ("mentions", "places", "dates", "figures", "claims", "events")}
            write_records(conn, DocumentRecords(doc_id, "test@1", actors=tuple(inp.actors.values()),
                                                **{k: tuple(v) for k, v in mine.items()}))


def test_link_migrations_apply_after_the_core_ones(db_path):
    with _store(db_path) as store:
        assert LINK_MIGRATIONS[-1].version == 3 and applied_versions(store.conn)[:3] == [1, 2, 3]
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"stories", "story_documents", "merged_events", "event_members", "claim_groups", "contradictions",
                "ledger", "relations", "framing"} <= tables
        assert apply_migrations(store.conn, MIGRATIONS + LINK_MIGRATIONS) == []


def test_link_corpus_writes_results_that_read_back_equal(db_path):
    inp, _ = build_karabakh()
    with _store(db_path) as store:
        _add(store, inp, list(inp.documents))
        result = link_corpus(store, NO_EMBED)
        loaded = load_link_result(store.conn)
    assert loaded.counts() == result.counts()
    assert sorted(loaded.merged_events, key=lambda m: m.id) == sorted(result.merged_events, key=lambda m: m.id)
    assert sorted(loaded.contradictions, key=lambda c: c.id) == sorted(result.contradictions, key=lambda c: c.id)
    assert sorted(loaded.framing, key=lambda f: (f.story_id, f.outlet)) == \
        sorted(result.framing, key=lambda f: (f.story_id, f.outlet))
    assert [(s.id, s.document_ids) for s in loaded.stories] == [(s.id, s.document_ids) for s in result.stories]


def test_a_later_run_keeps_stories_and_adds_new_documents_to_them(db_path):
    inp, _ = build_karabakh()
    first = ["001_8bbd57c4b7e6f5d0.txt", "000_f1f7456cb6a5ee0c.txt", "002_b18a1e8a4fd637b3.txt"]
    with _store(db_path) as store:
        _add(store, inp, first)
        before = {a.document_id: a.story_id for a in link_corpus(store, NO_EMBED).assignments}
        _add(store, inp, ["003_48848964f3b268a4.txt"])
        second = link_corpus(store, NO_EMBED)
        assert [a.document_id for a in second.assignments] == ["003_48848964f3b268a4.txt"], \
            "only the new document is assigned"
        after = {a.document_id: a.story_id for a in load_link_result(store.conn).assignments}
    assert all(after[d] == s for d, s in before.items())
    assert after["003_48848964f3b268a4.txt"] == after["000_f1f7456cb6a5ee0c.txt"]


def test_rerunning_is_idempotent(db_path):
    inp, _ = build_karabakh()
    with _store(db_path) as store:
        _add(store, inp, list(inp.documents))
        a = link_corpus(store, NO_EMBED)
        b = link_corpus(store, NO_EMBED)
        rows = store.conn.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    assert rows == len(a.merged_events) == len(b.merged_events)
    assert {m.id for m in a.merged_events} == {m.id for m in b.merged_events}


@pytest.mark.parametrize("table", ["merged_events", "ledger", "contradictions"])
def test_results_are_empty_before_any_run(db_path, table):
    with _store(db_path) as store:
        assert getattr(load_link_result(store.conn), table) == []

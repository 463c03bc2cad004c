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
        assert 5 in applied_versions(store.conn), "incremental linking state"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"stories", "story_documents", "merged_events", "event_members", "claim_groups", "contradictions",
                "ledger", "relations", "framing", "link_state"} <= tables
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
        before = _dump(store)
        b = link_corpus(store, NO_EMBED)
        assert _dump(store) == before
        c = link_corpus(store, NO_EMBED, full=True)
        assert _dump(store) == before
        rows = store.conn.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    assert rows == len(a.merged_events) == len(c.merged_events)
    assert b.counts() == {}, "a re-run with nothing new links nothing"
    assert {m.id for m in a.merged_events} == {m.id for m in c.merged_events}


def _dump(store):
    """Every linking table, as sorted rows (what a report or a web app reads)."""
    out = {}
    for table in ("stories", "story_documents", "merged_events", "event_members", "claim_groups", "contradictions",
                  "ledger", "relations", "framing"):
        out[table] = sorted(tuple(r) for r in store.conn.execute(f"SELECT * FROM {table}"))
    # the stamp holds the extraction time, which differs between two databases
    out["link_state"] = sorted(tuple(r) for r in store.conn.execute("SELECT document_id, story_id FROM link_state"))
    out["links"] = sorted(tuple(r) for r in store.conn.execute("SELECT * FROM links"))
    return out


def test_an_incremental_run_equals_a_full_relink(db_path, tmp_path):
    inp, _ = build_karabakh()
    docs = list(inp.documents)
    first, second = docs[: len(docs) // 2], docs[len(docs) // 2:]
    dumps = []
    for name, full in (("incremental.db", False), ("full.db", True)):
        with _store(tmp_path / name) as store:
            _add(store, inp, first)
            link_corpus(store, NO_EMBED)
            _add(store, inp, second)
            result = link_corpus(store, NO_EMBED, full=full)
            dumps.append(_dump(store))
            if not full:
                touched = {a.story_id for a in result.assignments}
                assert {s.id for s in result.stories} == touched, "only the stories new documents joined"
    assert dumps[0] == dumps[1]
    assert dumps[0]["merged_events"] and dumps[0]["contradictions"] and dumps[0]["framing"]
    assert len(dumps[0]["link_state"]) == len(docs)


def test_linking_in_one_store_run_equals_linking_the_records_in_memory(db_path):
    from consilience.link.stage import gather_input, link_records

    inp, _ = build_karabakh()
    with _store(db_path) as store:
        _add(store, inp, list(inp.documents))
        stored = link_corpus(store, NO_EMBED)
        pure = link_records(gather_input(store), NO_EMBED)
    for name in ("stories", "merged_events", "claim_groups", "contradictions", "ledger", "framing", "relations"):
        key = (lambda r: getattr(r, "id", None) or (r.story_id, r.outlet))
        assert sorted(getattr(stored, name), key=key) == sorted(getattr(pure, name), key=key), name


def test_a_re_extracted_document_relinks_its_story_only(db_path):
    inp, _ = build_karabakh()
    with _store(db_path) as store:
        _add(store, inp, list(inp.documents))
        link_corpus(store, NO_EMBED)
        before = _dump(store)
        doc_id = next(iter(inp.documents))
        story = store.conn.execute("SELECT story_id FROM story_documents WHERE document_id = ?", (doc_id,)).fetchone()[0]
        store.conn.execute("UPDATE extractions SET extracted_at = '2999-01-01' WHERE document_id = ?", (doc_id,))
        store.conn.commit()
        again = link_corpus(store, NO_EMBED)
        assert {s.id for s in again.stories} == {story}
        assert not again.assignments
        after = _dump(store)
    assert {k: v for k, v in after.items() if k != "link_state"} == {k: v for k, v in before.items() if k != "link_state"}


@pytest.mark.parametrize("table", ["merged_events", "ledger", "contradictions"])
def test_results_are_empty_before_any_run(db_path, table):
    with _store(db_path) as store:
        assert getattr(load_link_result(store.conn), table) == []

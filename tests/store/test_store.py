"""Writing documents and records: one transaction each, replace-on-rewrite."""

import pytest

from consilience.store import Store
from consilience.store.documents import get_document, insert_document
from consilience.store.records import iter_records, write_records
from consilience.types import Document, DocumentRecords, Mention, OffsetMap, RemovedLine, Segment


def _doc(doc_id="d1", text="Baku said on Sunday.") -> Document:
    return Document(id=doc_id, source="x.txt", source_key="/x.txt", format="text", content_hash="h" + doc_id,
                    raw_text=text, text=text, offset_map=OffsetMap((Segment(0, 0, len(text)),)),
                    removed=(RemovedLine(0, 3, "Share on x", "share button"),), outlet="Test")


def _mention(i: int, doc_id="d1") -> Mention:
    return Mention(id=f"m{i}", document_id=doc_id, start=0, end=4, text="Baku", extractor="t@1", label="GPE",
                   actor_id="AZE/government", notes=("n",))


def test_document_round_trip(db_path):
    with Store(db_path) as store:
        with store.transaction() as conn:
            insert_document(conn, _doc(), b"\x00\x01")
        got = get_document(store.conn, "d1")
    assert got == _doc()


def test_a_failed_document_write_leaves_nothing(db_path):
    with Store(db_path) as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as conn:
                insert_document(conn, _doc(), None)
                raise RuntimeError("crash after the insert")
        assert get_document(store.conn, "d1") is None


def test_records_are_replaced_as_a_whole(db_path):
    with Store(db_path) as store:
        with store.transaction() as conn:
            insert_document(conn, _doc(), None)
            write_records(conn, DocumentRecords("d1", "v1", mentions=(_mention(1), _mention(2))))
        with store.transaction() as conn:
            write_records(conn, DocumentRecords("d1", "v2", mentions=(_mention(3),)))
        got = list(iter_records(store.conn, "mentions"))
    assert [m.id for m in got] == ["m3"]
    assert got[0] == _mention(3)


def test_rows_made_beforehand_are_written_as_the_records_are(db_path, tmp_path):
    """``record_rows`` (made in a worker) then ``write_records`` stores what the records give."""
    from consilience.store.records import record_rows
    from consilience.types import Actor

    recs = DocumentRecords("d1", "v1", mentions=(_mention(1), _mention(2)), notes=("a note",),
                           actors=(Actor(id="AZE/government", name="Azerbaijani government", kind="state"),))
    dumps = []
    for path, value in ((db_path, recs), (tmp_path / "rows.db", record_rows(recs))):
        with Store(path) as store:
            with store.transaction() as conn:
                insert_document(conn, _doc(), None)
                write_records(conn, value)
            dumps.append([store.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                          for t in ("mentions", "actors")]
                         + [store.conn.execute("SELECT document_id, extractor_version, notes FROM extractions")
                            .fetchall()])
    assert dumps[0] == dumps[1] and dumps[0][0] and dumps[0][1]


def test_records_for_an_unknown_document_are_refused(db_path):
    import sqlite3

    with Store(db_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            with store.transaction() as conn:
                write_records(conn, DocumentRecords("nope", "v1", mentions=(_mention(1, "nope"),)))


def test_unknown_record_table_lists_valid_ones(db_path):
    with Store(db_path) as store:
        with pytest.raises(ValueError, match="mentions"):
            list(iter_records(store.conn, "bogus"))


def test_records_with_a_repeated_id_keep_the_first_and_say_so(db_path):
    """An extractor bug that gives two records one id must not fail the whole run (sqlite's UNIQUE
    constraint did): the first is stored and the document's extraction notes say what was dropped."""
    import json

    with Store(db_path) as store:
        with store.transaction() as conn:
            insert_document(conn, _doc(), None)
            twin = Mention(id="m1", document_id="d1", start=5, end=9, text="said", extractor="t@1", label="GPE")
            write_records(conn, DocumentRecords("d1", "v1", mentions=(_mention(1), twin, _mention(2))))
        got = list(iter_records(store.conn, "mentions"))
        notes = json.loads(store.conn.execute("SELECT notes FROM extractions WHERE document_id = 'd1'").fetchone()[0])
    assert [m.id for m in got] == ["m1", "m2"] and got[0] == _mention(1)
    assert any("repeated id dropped" in n for n in notes)

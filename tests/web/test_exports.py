"""Data where analysts work: CSV, Parquet (GeoParquet), the JSON Schema, SQL views, the Python API."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from consilience.cli import main
from consilience.report.export_tables import TABLES, wkb_point
from consilience.report.json_schema import export_schema
from consilience.store.migrations_views import VIEW_NAMES

ROOT = Path(__file__).resolve().parents[2]


def test_csv_export_writes_one_flat_file_per_record_type(example_db, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", "--db", str(example_db), "--format", "csv", "-o", str(out), "-q"]) == 0
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(TABLES)
    with open(out / "disputes.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"a_text", "a_outlet", "b_text", "b_stance", "kind"} <= set(rows[0])
    with open(out / "ledger.csv", encoding="utf-8") as fh:
        ledger = list(csv.DictReader(fh))
    assert any(r["counts"] == "killed" and r["value"] for r in ledger)


def test_csv_export_needs_a_folder(example_db, capsys):
    assert main(["export", "--db", str(example_db), "--format", "csv"]) == 2
    assert "folder" in capsys.readouterr().err


def test_parquet_export_has_geoparquet_geometry(example_db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow not installed: pip install -e '.[parquet]'")
    out = tmp_path / "pq"
    assert main(["export", "--db", str(example_db), "--format", "parquet", "-o", str(out), "-q"]) == 0
    table = pq.read_table(out / "merged_events.parquet")
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and geo["columns"]["geometry"]["encoding"] == "WKB"
    rows = table.to_pylist()
    located = [r for r in rows if r["latitude"] is not None]
    assert located and all(r["geometry"] == wkb_point(r["longitude"], r["latitude"]) for r in located)
    assert pq.read_table(out / "claims.parquet").num_rows > 0


def test_json_schema_file_is_current():
    on_disk = json.loads((ROOT / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    assert on_disk == export_schema()


def test_real_export_validates_against_the_schema(example_db, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "x.json"
    assert main(["export", "--db", str(example_db), "-o", str(out), "-q"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(export_schema())
    assert not list(validator.iter_errors(data))
    data["claims"][0]["stance"] = 3            # the schema can fail
    assert list(validator.iter_errors(data))


def test_views_have_flat_named_columns(example_db):
    conn = sqlite3.connect(example_db)
    for view in VIEW_NAMES:
        cols = [d[0] for d in conn.execute(f"SELECT * FROM {view} LIMIT 1").description]
        assert "data" not in cols and len(cols) == len(set(cols)), view
    row = conn.execute("SELECT speaker_name, stance, content, outlet FROM v_claims WHERE speaker_name IS NOT NULL"
                       " LIMIT 1").fetchone()
    assert row and all(row)


def test_fts_follows_writes(tmp_path):
    from consilience.store import Store
    from consilience.store.documents import insert_document
    from consilience.types import Document, OffsetMap

    with Store(tmp_path / "f.db") as store, store.transaction() as conn:
        doc = Document(id="d1", source="x", source_key="x", format="text", content_hash="h", raw_text="t",
                       text="Shelling near Martuni overnight", offset_map=OffsetMap(()), title="Martuni")
        insert_document(conn, doc, None)
    with Store(tmp_path / "f.db") as store:
        hits = store.conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'martuni'").fetchall()
        assert len(hits) == 1
        with store.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE id = 'd1'")
        assert not store.conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'martuni'").fetchall()


def test_python_api(example_db):
    import consilience
    from consilience import api

    assert sorted(consilience.__all__) == ["Corpus", "__version__", "open"]
    for name in consilience.__all__ + api.__all__:
        assert getattr(consilience if name in consilience.__all__ else api, name) is not None
    with consilience.open(example_db) as corpus:
        assert isinstance(corpus, consilience.Corpus)
        stories = corpus.stories()
        assert len(stories) == 2
        disputes = corpus.disputes(stories[0].id) + corpus.disputes(stories[1].id)
        assert len(disputes) == len(corpus.disputes()) > 0
        assert corpus.claims()[0].document_id
        assert corpus.sql("SELECT count(*) AS n FROM v_documents")[0]["n"] == 5
        with pytest.raises(ValueError, match="valid"):
            corpus.frame("nope")


def test_python_api_frames(example_db):
    pytest.importorskip("pandas", reason="pandas not installed: pip install -e '.[pandas]'")
    import consilience

    with consilience.open(example_db) as corpus:
        frame = corpus.frame("merged_events")
        assert len(frame) == len(corpus.merged_events()) and "status" in frame.columns

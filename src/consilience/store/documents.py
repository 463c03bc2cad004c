"""Documents in the store: rows <-> :class:`consilience.types.Document`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone

from consilience.types import Document, OffsetMap, RemovedLine

_COLUMNS = (
    "id", "source", "source_key", "format", "content_hash", "title", "author", "url", "outlet",
    "outlet_origin", "published", "published_precision", "published_origin", "published_evidence",
    "language", "language_score", "language_origin", "status", "raw_text", "text",
)


def document_exists(conn: sqlite3.Connection, doc_id: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def insert_document(conn: sqlite3.Connection, doc: Document, minhash: bytes | None) -> None:
    """Insert one document (call inside a transaction)."""
    values = [getattr(doc, c) for c in _COLUMNS]
    values += [
        json.dumps(doc.offset_map.to_json()),
        json.dumps([[r.raw_start, r.raw_end, r.text, r.reason] for r in doc.removed], ensure_ascii=False),
        json.dumps(list(doc.notes), ensure_ascii=False),
        json.dumps(list(doc.credits), ensure_ascii=False),
        minhash,
        datetime.now(timezone.utc).isoformat(timespec="seconds"),
    ]
    cols = ", ".join(_COLUMNS + ("offset_map", "removed", "notes", "credits", "minhash", "ingested_at"))
    marks = ", ".join("?" * len(values))
    conn.execute(f"INSERT INTO documents ({cols}) VALUES ({marks})", values)


def row_to_document(row: sqlite3.Row) -> Document:
    kwargs = {c: row[c] for c in _COLUMNS}
    return Document(
        **kwargs,
        offset_map=OffsetMap.from_json(json.loads(row["offset_map"])),
        removed=tuple(RemovedLine(*r) for r in json.loads(row["removed"])),
        notes=tuple(json.loads(row["notes"])),
        credits=tuple(json.loads(row["credits"])),
    )


def get_document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row_to_document(row) if row else None


def iter_documents(conn: sqlite3.Connection, *, where: str = "", params: tuple = ()) -> Iterator[Document]:
    """Documents in a stable order (publication date, then id)."""
    sql = "SELECT * FROM documents " + (f"WHERE {where} " if where else "")
    sql += "ORDER BY coalesce(published, ''), id"
    for row in conn.execute(sql, params):
        yield row_to_document(row)


def ids_by_content_hash(conn: sqlite3.Connection, content_hash: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE content_hash = ? ORDER BY id", (content_hash,))]


def iter_minhashes(conn: sqlite3.Connection) -> Iterator[tuple[str, bytes]]:
    for row in conn.execute("SELECT id, minhash FROM documents WHERE minhash IS NOT NULL ORDER BY id"):
        yield row[0], row[1]

"""Per-document extraction records: written as one batch per document.

A document's records are replaced as a whole (delete + insert in one
transaction), so re-running extraction is idempotent and a crash leaves the
previous complete set.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from consilience.types import (
    DOCUMENT_RECORD_TYPES, Actor, DocumentRecords, record_from_dict, record_to_dict,
)

_PROVENANCE = ("id", "document_id", "start", "end", "text", "extractor")


def write_records(conn: sqlite3.Connection, records: DocumentRecords) -> None:
    """Replace every record of ``records.document_id`` (call inside a transaction)."""
    doc_id = records.document_id
    for table in DOCUMENT_RECORD_TYPES:
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
    for actor in records.actors:
        upsert_actor(conn, actor)
    for table in DOCUMENT_RECORD_TYPES:
        rows = []
        for rec in getattr(records, table):
            data = record_to_dict(rec)
            prov = [data.pop(k) for k in _PROVENANCE]
            rows.append((*prov, json.dumps(data, ensure_ascii=False)))
        conn.executemany(
            f'INSERT INTO {table} (id, document_id, start, "end", text, extractor, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
            rows,
        )
    conn.execute(
        "INSERT OR REPLACE INTO extractions (document_id, extractor_version, notes, extracted_at) VALUES (?, ?, ?, ?)",
        (doc_id, records.extractor_version, json.dumps(list(records.notes), ensure_ascii=False),
         datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )


def upsert_actor(conn: sqlite3.Connection, actor: Actor) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO actors (id, name, kind, country, sector, data) VALUES (?, ?, ?, ?, ?, ?)",
        (actor.id, actor.name, actor.kind, actor.country, actor.sector,
         json.dumps(record_to_dict(actor), ensure_ascii=False)),
    )


def extraction_versions(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT document_id, extractor_version FROM extractions")}


def iter_records(conn: sqlite3.Connection, table: str, document_id: str | None = None) -> Iterator[Any]:
    """Records of one type (``mentions``, ``places``...) as typed records, in text order."""
    if table not in DOCUMENT_RECORD_TYPES:
        raise ValueError(f"unknown record table {table!r}; valid: {', '.join(DOCUMENT_RECORD_TYPES)}")
    cls = DOCUMENT_RECORD_TYPES[table]
    sql = f'SELECT id, document_id, start, "end", text, extractor, data FROM {table}'
    params: tuple = ()
    if document_id is not None:
        sql += " WHERE document_id = ?"
        params = (document_id,)
    sql += " ORDER BY document_id, start, id"
    for row in conn.execute(sql, params):
        data = json.loads(row["data"])
        data.update({k: row[k] for k in _PROVENANCE})
        yield record_from_dict(cls, data)


def iter_actors(conn: sqlite3.Connection) -> Iterator[Actor]:
    for row in conn.execute("SELECT data FROM actors ORDER BY id"):
        yield record_from_dict(Actor, json.loads(row[0]))

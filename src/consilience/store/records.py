"""Per-document extraction records: written as one batch per document.

A document's records are replaced as a whole (delete + insert in one
transaction), so re-running extraction is idempotent and a crash leaves the
previous complete set.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from consilience.types import (
    DOCUMENT_RECORD_TYPES, Actor, DocumentRecords, record_from_dict, record_to_dict,
)

_PROVENANCE = ("id", "document_id", "start", "end", "text", "extractor")


@dataclass(frozen=True, slots=True)
class RecordRows:
    """A document's records as the rows :func:`write_records` inserts (JSON already encoded).

    Made by :func:`record_rows`, where the records are made: in a worker, so that the one
    writer only runs the SQL (encoding was about half of its CPU) and what comes back from a
    worker is strings, quicker to unpickle than the records' objects.
    """

    document_id: str
    extractor_version: str
    notes: str                                          # JSON list
    actors: tuple[tuple[Any, ...], ...]                 # (id, name, kind, country, sector, data)
    tables: tuple[tuple[str, tuple[tuple[Any, ...], ...]], ...]   # (table, rows) in table order


def record_rows(records: DocumentRecords) -> RecordRows:
    """The rows of ``records`` for :func:`write_records` (pure: safe to run in a worker)."""
    tables = []
    for table in DOCUMENT_RECORD_TYPES:
        rows = []
        for rec in getattr(records, table):
            data = record_to_dict(rec)
            prov = [data.pop(k) for k in _PROVENANCE]
            rows.append((*prov, json.dumps(data, ensure_ascii=False)))
        tables.append((table, tuple(rows)))
    return RecordRows(records.document_id, records.extractor_version,
                      json.dumps(list(records.notes), ensure_ascii=False),
                      tuple(_actor_row(a) for a in records.actors), tuple(tables))


def write_records(conn: sqlite3.Connection, records: DocumentRecords | RecordRows) -> None:
    """Replace every record of ``records.document_id`` (call inside a transaction).

    ``records``: the records, or their rows made beforehand by :func:`record_rows` (the same
    rows either way).
    """
    rows = records if isinstance(records, RecordRows) else record_rows(records)
    doc_id = rows.document_id
    for table in DOCUMENT_RECORD_TYPES:
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
    if rows.actors:
        conn.executemany(_ACTOR_SQL, rows.actors)
    notes = rows.notes
    for table, table_rows in rows.tables:
        seen: set[str] = set()
        unique = [row for row in table_rows if not (row[0] in seen or seen.add(row[0]))]   # first of each id
        if len(unique) != len(table_rows):
            # an extractor that gave two records one id (a bug): keep the first rather than lose the run
            notes = json.dumps([*json.loads(notes), f"{len(table_rows) - len(unique)} {table} record(s) with a "
                                f"repeated id dropped (an extractor bug: please report it)"], ensure_ascii=False)
        conn.executemany(
            f'INSERT INTO {table} (id, document_id, start, "end", text, extractor, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
            unique,
        )
    conn.execute(
        "INSERT OR REPLACE INTO extractions (document_id, extractor_version, notes, extracted_at) VALUES (?, ?, ?, ?)",
        (doc_id, rows.extractor_version, notes, datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )


_ACTOR_SQL = "INSERT OR REPLACE INTO actors (id, name, kind, country, sector, data) VALUES (?, ?, ?, ?, ?, ?)"


def _actor_row(actor: Actor) -> tuple[Any, ...]:
    return (actor.id, actor.name, actor.kind, actor.country, actor.sector,
            json.dumps(record_to_dict(actor), ensure_ascii=False))


def upsert_actor(conn: sqlite3.Connection, actor: Actor) -> None:
    conn.execute(_ACTOR_SQL, _actor_row(actor))


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

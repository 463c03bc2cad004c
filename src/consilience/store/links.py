"""Links between records (duplicates now; same-event, corroborates... later)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator

from consilience.types import Link


def link_id(kind: str, source_id: str, target_id: str) -> str:
    return hashlib.sha1(f"{kind}\n{source_id}\n{target_id}".encode()).hexdigest()[:16]


def upsert_link(conn: sqlite3.Connection, link: Link) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO links (id, kind, source_id, target_id, document_id, score, extractor, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (link.id, link.kind, link.source_id, link.target_id, link.document_id, link.score,
         link.extractor, json.dumps(list(link.notes), ensure_ascii=False)),
    )


def iter_links(conn: sqlite3.Connection, kind: str | None = None) -> Iterator[Link]:
    sql = "SELECT * FROM links" + (" WHERE kind = ?" if kind else "") + " ORDER BY kind, source_id, target_id"
    for row in conn.execute(sql, (kind,) if kind else ()):
        yield Link(id=row["id"], kind=row["kind"], source_id=row["source_id"], target_id=row["target_id"],
                   document_id=row["document_id"], score=row["score"], extractor=row["extractor"],
                   notes=tuple(json.loads(row["notes"])))

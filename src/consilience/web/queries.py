"""Named, paged queries the pages and the JSON API share (read-only SQL over the v6 views)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from consilience.link.records import (
    ClaimGroup, Contradiction, FramingRow, LedgerEntry, MergedEvent, Relation, from_data,
)
from consilience.store.documents import get_document
from consilience.store.records import iter_records
from consilience.web.settings import WEB_SETTINGS

STORY_SORTS = {
    "recent": "coalesce(last_date, '') DESC, id",
    "oldest": "coalesce(first_date, '9999') ASC, id",
    "documents": "n_documents DESC, id",
    "events": "n_events DESC, id",
    "disputes": "n_disputes DESC, id",
}


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "page": self.page, "per_page": self.per_page, "total": self.total,
                "pages": self.pages}


def bounded(page: int | None, per_page: int | None) -> tuple[int, int]:
    """A page number >= 1 and a page size within 1..max_page_size."""
    size = WEB_SETTINGS.page_size if not per_page else min(max(1, per_page), WEB_SETTINGS.max_page_size)
    return max(1, page or 1), size


def _paged(conn: sqlite3.Connection, sql: str, params: list[Any], order: str, page: int, per_page: int) -> Page:
    total = conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    rows = conn.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])
    return Page([dict(r) for r in rows], page, per_page, total)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def actor_ids_named(conn: sqlite3.Connection, name: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM actors WHERE name LIKE ? ESCAPE '\\' OR id = ? LIMIT 200", (_like(name), name))]


# ---------------------------------------------------------------------------
# stories
# ---------------------------------------------------------------------------


def stories(conn: sqlite3.Connection, *, date_from: str | None = None, date_to: str | None = None,
            place: str | None = None, actor: str | None = None, outlet: str | None = None,
            sort: str = "recent", page: int = 1, per_page: int = 25) -> Page:
    where, params = [], []
    if date_from:
        where.append("coalesce(last_date, first_date) >= ?")
        params.append(date_from)
    if date_to:
        where.append("first_date <= ?")
        params.append(date_to)
    if outlet:
        where.append("id IN (SELECT sd.story_id FROM story_documents sd JOIN documents d ON d.id = sd.document_id"
                     " WHERE d.outlet LIKE ? ESCAPE '\\')")
        params.append(_like(outlet))
    if place:
        where.append("id IN (SELECT story_id FROM merged_events WHERE json_extract(data, '$.place_name')"
                     " LIKE ? ESCAPE '\\')")
        params.append(_like(place))
    if actor:
        ids = actor_ids_named(conn, actor) or ["\x00none"]
        marks = ",".join("?" * len(ids))
        where.append(f"(id IN (SELECT story_id FROM relations WHERE source_actor_id IN ({marks})"
                     f" OR target_actor_id IN ({marks})) OR id IN (SELECT m.story_id FROM merged_events m,"
                     f" json_each(m.data, '$.actor_ids') j WHERE j.value IN ({marks})))")
        params.extend(ids * 3)
    sql = "SELECT * FROM v_stories" + (" WHERE " + " AND ".join(where) if where else "")
    result = _paged(conn, sql, params, STORY_SORTS.get(sort, STORY_SORTS["recent"]), page, per_page)
    for item in result.items:  # a summary line: the first reports' headlines
        item["headlines"] = [r[0] for r in conn.execute(
            "SELECT d.title FROM story_documents sd JOIN documents d ON d.id = sd.document_id WHERE sd.story_id = ?"
            " AND d.title IS NOT NULL ORDER BY d.published, d.id LIMIT 3", (item["id"],))]
    return result


def outlets(conn: sqlite3.Connection, limit: int = 300) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet"
        " LIMIT ?", (limit,))]


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM v_stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    cap = WEB_SETTINGS.story_events_cap

    def records(table: str, cls: type, order: str, limit: int | None = None) -> list[Any]:
        sql = f"SELECT data FROM {table} WHERE story_id = ? ORDER BY {order}" + (f" LIMIT {limit}" if limit else "")
        return [from_data(cls, json.loads(r[0])) for r in conn.execute(sql, (story_id,))]

    docs = [dict(r) for r in conn.execute(
        "SELECT id, title, outlet, published FROM v_documents WHERE story_id = ? ORDER BY published, id LIMIT ?",
        (story_id, cap))]
    return {
        "story": dict(row),
        "documents": docs,
        "events": records("merged_events", MergedEvent, "coalesce(earliest, '9999'), id", cap),
        "groups": records("claim_groups", ClaimGroup, "id", 2000),
        "disputes": records("contradictions", Contradiction, "kind, id", 500),
        "ledger": records("ledger", LedgerEntry, "coalesce(as_of, '9999'), origin, figure_id", 1000),
        "framing": records("framing", FramingRow, "outlet", 200),
        "relations": records("relations", Relation, "weight DESC, id", 500),
    }


def story_map(conn: sqlite3.Connection, story_id: str | None = None, place: str | None = None,
              limit: int = 2000) -> list[dict[str, Any]]:
    """Located merged events as map points: where, what, status, and the sources."""
    where, params = ["json_extract(data, '$.latitude') IS NOT NULL"], []
    if story_id:
        where.append("story_id = ?")
        params.append(story_id)
    if place:
        where.append("json_extract(data, '$.place_name') = ?")
        params.append(place)
    sql = f"SELECT data FROM merged_events WHERE {' AND '.join(where)} ORDER BY coalesce(earliest, '9999'), id LIMIT ?"
    out = []
    for (data,) in conn.execute(sql, [*params, limit]):
        m = from_data(MergedEvent, json.loads(data))
        out.append({"id": m.id, "lat": m.latitude, "lon": m.longitude, "place": m.place_name,
                    "what": m.event_type + (f" / {m.sub_event_type}" if m.sub_event_type else ""),
                    "when": m.earliest, "status": m.status,
                    "sources": sorted({f"{s.outlet or 'unknown outlet'}, {s.published or 'undated'}" for s in m.spans})})
    return out


def merged_event(conn: sqlite3.Connection, event_id: str) -> MergedEvent | None:
    row = conn.execute("SELECT data FROM merged_events WHERE id = ?", (event_id,)).fetchone()
    return from_data(MergedEvent, json.loads(row[0])) if row else None


def events(conn: sqlite3.Connection, *, story_id: str | None = None, status: str | None = None,
           date: str | None = None, page: int = 1, per_page: int = 25) -> Page:
    where, params = [], []
    for col, value in (("story_id", story_id), ("status", status)):
        if value:
            where.append(f"{col} = ?")
            params.append(value)
    if date:
        where.append("earliest <= ? AND coalesce(latest, earliest) >= ?")
        params.extend([date, date])
    sql = ("SELECT id, story_id, story_label, event_type, sub_event_type, earliest, latest, place_name, latitude,"
           " longitude, status, independent_origins, n_reports FROM v_merged_events"
           + (" WHERE " + " AND ".join(where) if where else ""))
    return _paged(conn, sql, params, "coalesce(earliest, '9999'), id", page, per_page)


# ---------------------------------------------------------------------------
# documents, actors, places, search
# ---------------------------------------------------------------------------


def documents(conn: sqlite3.Connection, *, outlet: str | None = None, story_id: str | None = None,
              page: int = 1, per_page: int = 25) -> Page:
    where, params = [], []
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    if story_id:
        where.append("story_id = ?")
        params.append(story_id)
    sql = ("SELECT id, title, outlet, published, url, language, status, story_id FROM v_documents"
           + (" WHERE " + " AND ".join(where) if where else ""))
    return _paged(conn, sql, params, "coalesce(published, '') DESC, id", page, per_page)


def document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    doc = get_document(conn, doc_id)
    if doc is None:
        return None
    recs = {t: list(iter_records(conn, t, doc_id)) for t in ("mentions", "places", "dates", "figures", "claims", "events")}
    row = conn.execute("SELECT story_id FROM story_documents WHERE document_id = ?", (doc_id,)).fetchone()
    return {"document": doc, "records": recs, "story_id": row[0] if row else None}


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, name, kind, country, sector, data FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    by = [dict(r) for r in conn.execute(
        "SELECT id, document_id, outlet, published, start, \"end\", stance, content, text FROM v_claims"
        " WHERE speaker_actor_id = ? ORDER BY published, id LIMIT 200", (actor_id,))]
    about = [dict(r) for r in conn.execute(
        "SELECT c.id, c.document_id, c.outlet, c.published, c.start, c.\"end\", c.stance, c.speaker_name,"
        " c.speaker_text, c.content FROM v_claims c WHERE c.id IN (SELECT json_extract(e.data, '$.claim_ids[0]')"
        " FROM events e WHERE json_extract(e.data, '$.actor1_id') = ? OR json_extract(e.data, '$.actor2_id') = ?)"
        " AND coalesce(c.speaker_actor_id, '') != ? ORDER BY c.published, c.id LIMIT 200",
        (actor_id, actor_id, actor_id))]
    relations = [dict(r) for r in conn.execute(
        "SELECT * FROM v_relations WHERE source_actor_id = ? OR target_actor_id = ? ORDER BY weight DESC LIMIT 100",
        (actor_id, actor_id))]
    evs = [dict(r) for r in conn.execute(
        "SELECT m.id, m.event_type, m.sub_event_type, m.earliest, m.place_name, m.status, m.story_label"
        " FROM v_merged_events m WHERE m.id IN (SELECT me.id FROM merged_events me,"
        " json_each(me.data, '$.actor_ids') j WHERE j.value = ?) ORDER BY coalesce(m.earliest, '9999') LIMIT 200",
        (actor_id,))]
    return {"actor": dict(row), "claims_by": by, "claims_about": about, "relations": relations, "events": evs}


def place(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT name, latitude, longitude, country, feature, precision, count(*) AS mentions,"
        " count(DISTINCT document_id) AS documents FROM v_places WHERE name = ? GROUP BY name", (name,)).fetchone()
    if row is None:
        return None
    written = [r[0] for r in conn.execute(
        "SELECT text FROM v_places WHERE name = ? GROUP BY text ORDER BY count(*) DESC LIMIT 20", (name,))]
    here = [dict(r) for r in conn.execute(
        "SELECT id, event_type, sub_event_type, earliest, place_name, status, story_label, latitude, longitude"
        " FROM v_merged_events WHERE place_name = ? ORDER BY coalesce(earliest, '9999') LIMIT 200", (name,))]
    near: list[dict[str, Any]] = []
    if row["latitude"] is not None:
        lat, lon = row["latitude"], row["longitude"]
        near = [dict(r) for r in conn.execute(
            "SELECT id, event_type, sub_event_type, earliest, place_name, status, story_label FROM v_merged_events"
            " WHERE place_name != ? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
            " ORDER BY coalesce(earliest, '9999') LIMIT 200", (name, lat - 0.5, lat + 0.5, lon - 0.6, lon + 0.6))]
    docs = [dict(r) for r in conn.execute(
        "SELECT DISTINCT d.id, d.title, d.outlet, d.published FROM v_places p JOIN documents d ON d.id = p.document_id"
        " WHERE p.name = ? ORDER BY d.published DESC LIMIT 100", (name,))]
    return {"place": dict(row), "written_as": written, "events": here, "near": near, "documents": docs}


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (no operator can be injected)."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"' for w in words[:12])


def search(conn: sqlite3.Connection, text: str, *, kind: str = "all", page: int = 1, per_page: int = 25) -> Page:
    q = fts_query(text)
    if not q:
        return Page([], page, per_page, 0)
    n = WEB_SETTINGS.search_snippet_tokens
    parts, params = [], []
    if kind in ("all", "documents"):
        parts.append(
            "SELECT 'document' AS kind, d.id AS document_id, d.title, d.outlet, d.published, NULL AS start,"
            f" NULL AS \"end\", snippet(documents_fts, 1, char(1), char(2), '…', {n}) AS snippet,"
            " NULL AS stance, NULL AS speaker, bm25(documents_fts) AS score"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?")
        params.append(q)
    if kind in ("all", "claims"):
        parts.append(
            "SELECT 'claim' AS kind, c.document_id, d.title, d.outlet, d.published, c.start, c.\"end\","
            f" snippet(claims_fts, 0, char(1), char(2), '…', {n}) AS snippet, json_extract(c.data, '$.stance'),"
            " coalesce(a.name, json_extract(c.data, '$.speaker_text')), bm25(claims_fts) AS score"
            " FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid JOIN documents d ON d.id = c.document_id"
            " LEFT JOIN actors a ON a.id = json_extract(c.data, '$.speaker_actor_id') WHERE claims_fts MATCH ?")
        params.append(q)
    if not parts:
        return Page([], page, per_page, 0)
    return _paged(conn, " UNION ALL ".join(parts), params, "score, document_id, start", page, per_page)

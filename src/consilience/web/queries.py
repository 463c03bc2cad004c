"""Named, paged queries the pages and the JSON API share (read-only SQL over the v6 views)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from consilience.link.records import (
    ClaimGroup, Contradiction, FramingRow, LedgerEntry, MergedEvent, Relation,
)
from consilience.store.documents import get_document
from consilience.store.records import iter_records
from consilience.web.decode import from_data
from consilience.web.settings import WEB_SETTINGS

_LAST = "json_extract(s.data, '$.story.last_date')"
_FIRST = "json_extract(s.data, '$.story.first_date')"
# sort name -> ORDER BY over ``stories s`` (the date orders use the v6 expression indexes)
STORY_SORTS = {
    "recent": f"{_LAST} DESC, s.id DESC",
    "oldest": f"{_FIRST} ASC, s.id ASC",
    "documents": "(SELECT count(*) FROM story_documents x WHERE x.story_id = s.id) DESC, s.id",
    "events": "(SELECT count(*) FROM merged_events x WHERE x.story_id = s.id) DESC, s.id",
    "disputes": "(SELECT count(*) FROM contradictions x WHERE x.story_id = s.id) DESC, s.id",
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


# merged events one of whose reports names the actor as a party (uses the expression indexes of v6)
_EVENTS_OF_ACTORS = ("SELECT em.merged_id FROM event_members em JOIN events e ON e.id = em.event_id"
                     " WHERE json_extract(e.data, '$.actor1_id') IN ({marks})"
                     " OR json_extract(e.data, '$.actor2_id') IN ({marks})")


def actor_ids_named(conn: sqlite3.Connection, name: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM actors WHERE name LIKE ? ESCAPE '\\' OR id = ? LIMIT 200", (_like(name), name))]


# ---------------------------------------------------------------------------
# stories
# ---------------------------------------------------------------------------


def stories(conn: sqlite3.Connection, *, date_from: str | None = None, date_to: str | None = None,
            place: str | None = None, actor: str | None = None, outlet: str | None = None,
            sort: str = "recent", page: int = 1, per_page: int = 25) -> Page:
    """Stories, filtered and sorted; ids are paged first on ``stories`` so only one page is summarised."""
    where, params = [], []
    if date_from:
        where.append(f"coalesce({_LAST}, {_FIRST}) >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{_FIRST} <= ?")
        params.append(date_to)
    if outlet:
        exact = conn.execute("SELECT 1 FROM documents WHERE outlet = ? LIMIT 1", (outlet,)).fetchone()
        where.append("s.id IN (SELECT sd.story_id FROM story_documents sd JOIN documents d ON d.id = sd.document_id"
                     + (" WHERE d.outlet = ?)" if exact else " WHERE d.outlet LIKE ? ESCAPE '\\')"))
        params.append(outlet if exact else _like(outlet))
    if place:
        where.append("s.id IN (SELECT story_id FROM merged_events WHERE json_extract(data, '$.place_name')"
                     " LIKE ? ESCAPE '\\')")
        params.append(_like(place))
    if actor:
        ids = actor_ids_named(conn, actor) or ["\x00none"]
        marks = ",".join("?" * len(ids))
        where.append(f"(s.id IN (SELECT story_id FROM relations WHERE source_actor_id IN ({marks})"
                     f" OR target_actor_id IN ({marks})) OR s.id IN (SELECT m.story_id FROM merged_events m"
                     f" WHERE m.id IN ({_EVENTS_OF_ACTORS.format(marks=marks)})))")
        params.extend(ids * 4)
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM stories s{cond}", params).fetchone()[0]
    order = STORY_SORTS.get(sort, STORY_SORTS["recent"])
    ids = [r[0] for r in conn.execute(f"SELECT s.id FROM stories s{cond} ORDER BY {order} LIMIT ? OFFSET ?",
                                      [*params, per_page, (page - 1) * per_page])]
    rows = {r["id"]: dict(r) for r in conn.execute(
        f"SELECT * FROM v_stories WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
    items = [rows[i] for i in ids if i in rows]
    for item in items:  # a summary line: the first reports' headlines
        item["headlines"] = [r[0] for r in conn.execute(
            "SELECT d.title FROM story_documents sd JOIN documents d ON d.id = sd.document_id WHERE sd.story_id = ?"
            " AND d.title IS NOT NULL ORDER BY d.published, d.id LIMIT 3", (item["id"],))]
    return Page(items, page, per_page, total)


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


_MEV_COLUMNS = ("id, story_id, story_label, event_type, sub_event_type, earliest, latest, place_name, latitude,"
                " longitude, status, independent_origins, n_reports")


def _merged_rows(conn: sqlite3.Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Flat rows of these merged events, in the order given."""
    if not ids:
        return []
    rows = {r["id"]: dict(r) for r in conn.execute(
        f"SELECT {_MEV_COLUMNS} FROM v_merged_events WHERE id IN ({','.join('?' * len(ids))})", ids)}
    return [rows[i] for i in ids if i in rows]


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
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM merged_events{cond}", params).fetchone()[0]
    order = "earliest, id" if date else "earliest IS NULL, earliest, id"   # by day: straight from the span index
    ids = [r[0] for r in conn.execute(f"SELECT id FROM merged_events{cond} ORDER BY {order}"
                                      " LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])]
    return Page(_merged_rows(conn, ids), page, per_page, total)


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


def actor(conn: sqlite3.Connection, actor_id: str, limit: int = 60) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, name, kind, country, sector FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    claim_cols = "id, document_id, outlet, published, start, \"end\", stance, speaker_name, speaker_text, content, text"
    by = [dict(r) for r in conn.execute(
        f"SELECT {claim_cols} FROM v_claims WHERE id IN (SELECT id FROM claims"
        " WHERE json_extract(data, '$.speaker_actor_id') = ? LIMIT ?) ORDER BY published, id", (actor_id, limit))]
    about = [dict(r) for r in conn.execute(
        f"SELECT {claim_cols} FROM v_claims WHERE id IN (SELECT j.value FROM (SELECT data FROM events"
        " WHERE json_extract(data, '$.actor1_id') = ? OR json_extract(data, '$.actor2_id') = ? LIMIT ?) e,"
        " json_each(e.data, '$.claim_ids') j) AND coalesce(speaker_actor_id, '') != ? ORDER BY published, id",
        (actor_id, actor_id, limit, actor_id))]
    relations = [dict(r) for r in conn.execute(
        "SELECT * FROM v_relations WHERE id IN (SELECT id FROM relations WHERE source_actor_id = ?"
        " OR target_actor_id = ? ORDER BY weight DESC LIMIT ?) ORDER BY weight DESC", (actor_id, actor_id, limit))]
    ids = [r[0] for r in conn.execute(   # the first reports' events (bounded), ordered by date
        f"SELECT id FROM merged_events WHERE id IN ({_EVENTS_OF_ACTORS.format(marks='?')} LIMIT ?)"
        " ORDER BY earliest IS NULL, earliest, id LIMIT ?", (actor_id, actor_id, 10 * limit, limit))]
    return {"actor": dict(row), "claims_by": by, "claims_about": about, "relations": relations,
            "events": _merged_rows(conn, ids)}


def place(conn: sqlite3.Connection, name: str, limit: int = 60) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT json_extract(data, '$.name') AS name, json_extract(data, '$.latitude') AS latitude,"
        " json_extract(data, '$.longitude') AS longitude, json_extract(data, '$.country') AS country,"
        " json_extract(data, '$.feature') AS feature FROM places WHERE json_extract(data, '$.name') = ? LIMIT 1",
        (name,)).fetchone()
    if row is None:
        return None
    mentions = conn.execute("SELECT count(*) FROM places WHERE json_extract(data, '$.name') = ?", (name,)).fetchone()[0]
    written = [r[0] for r in conn.execute(
        "SELECT text FROM (SELECT text FROM places WHERE json_extract(data, '$.name') = ? LIMIT 2000)"
        " GROUP BY text ORDER BY count(*) DESC LIMIT 20", (name,))]
    here = [r[0] for r in conn.execute(
        "SELECT id FROM merged_events WHERE json_extract(data, '$.place_name') = ?"
        " ORDER BY earliest DESC LIMIT ?", (name, limit))]   # newest first, straight from the index
    near: list[str] = []
    if row["latitude"] is not None:
        lat, lon = row["latitude"], row["longitude"]
        near = [r[0] for r in conn.execute(
            "SELECT id FROM merged_events WHERE json_extract(data, '$.latitude') BETWEEN ? AND ?"
            " AND json_extract(data, '$.longitude') BETWEEN ? AND ? AND json_extract(data, '$.place_name') != ?"
            " LIMIT ?", (lat - 0.5, lat + 0.5, lon - 0.6, lon + 0.6, name, limit))]
    docs = [dict(r) for r in conn.execute(
        "SELECT id, title, outlet, published FROM documents WHERE id IN (SELECT document_id FROM places"
        " WHERE json_extract(data, '$.name') = ? LIMIT 1000) ORDER BY published DESC, id LIMIT ?", (name, limit))]
    return {"place": {**dict(row), "mentions": mentions}, "written_as": written, "events": _merged_rows(conn, here),
            "near": _merged_rows(conn, near), "documents": docs}


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (no operator can be injected)."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"' for w in words[:12])


_SEARCH_SQL = {
    "documents": (
        "SELECT 'document' AS kind, d.id AS document_id, d.title, d.outlet, d.published, NULL AS start,"
        " NULL AS \"end\", snippet(documents_fts, 1, char(1), char(2), '…', {n}) AS snippet, NULL AS stance,"
        " NULL AS speaker, documents_fts.rank AS score FROM documents_fts JOIN documents d"
        " ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY documents_fts.rank LIMIT ?",
        "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"),
    "claims": (
        "SELECT 'claim' AS kind, c.document_id, d.title, d.outlet, d.published, c.start, c.\"end\","
        " snippet(claims_fts, 0, char(1), char(2), '…', {n}) AS snippet, json_extract(c.data, '$.stance') AS stance,"
        " coalesce(a.name, json_extract(c.data, '$.speaker_text')) AS speaker, claims_fts.rank AS score"
        " FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid JOIN documents d ON d.id = c.document_id"
        " LEFT JOIN actors a ON a.id = json_extract(c.data, '$.speaker_actor_id')"
        " WHERE claims_fts MATCH ? ORDER BY claims_fts.rank LIMIT ?",
        "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?"),
}


def search(conn: sqlite3.Connection, text: str, *, kind: str = "all", page: int = 1, per_page: int = 25) -> Page:
    """Full-text hits in documents and claims, best first (BM25), each kind ranked by FTS5 then merged.

    Pages past ``max_search_results`` are empty: narrow the words instead.
    """
    q = fts_query(text)
    kinds = ["documents", "claims"] if kind == "all" else [kind]
    if not q or kind not in ("all", "documents", "claims"):
        return Page([], page, per_page, 0)
    n = WEB_SETTINGS.search_snippet_tokens
    want = min(page * per_page, WEB_SETTINGS.max_search_results)
    items: list[dict[str, Any]] = []
    total = 0
    for k in kinds:
        rows_sql, count_sql = _SEARCH_SQL[k]
        total += conn.execute(count_sql, (q,)).fetchone()[0]
        items += [dict(r) for r in conn.execute(rows_sql.format(n=n), (q, want))]
    items.sort(key=lambda r: (r["score"], r["document_id"], r["start"] or 0))
    return Page(items[(page - 1) * per_page:want], page, per_page, min(total, WEB_SETTINGS.max_search_results))

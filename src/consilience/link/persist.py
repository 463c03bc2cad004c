"""Writing linking results to the store and reading them back.

Stories and their member documents are upserted (they are the incremental
state); every other result is derived and is replaced as a whole, inside the
caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from consilience.link.records import (
    ClaimGroup, Contradiction, FramingRow, LedgerEntry, LinkResult, MergedEvent, Relation,
    StoryAssignment, StoryProfile, from_data, to_data,
)
from consilience.store.links import link_id, upsert_link
from consilience.types import Link, Story, record_from_dict, record_to_dict

__all__ = ["LINK_EXTRACTOR", "delete_story_results", "load_assignments", "load_link_result", "load_profiles",
           "write_assignments", "write_link_result"]

LINK_EXTRACTOR = "consilience-link@1"
_DERIVED = ("event_members", "merged_events", "claim_groups", "contradictions", "ledger", "relations", "framing")


def _json(record: Any) -> str:
    return json.dumps(to_data(record), ensure_ascii=False)


def load_profiles(conn: sqlite3.Connection, story_ids: Iterable[str] | None = None) -> list[StoryProfile]:
    """Story profiles, all of them or those of ``story_ids``."""
    out = []
    if story_ids is None:
        rows: Iterable[Any] = conn.execute("SELECT data FROM stories ORDER BY id")
    else:
        ids = sorted(set(story_ids))
        rows = [r for chunk in _chunks(ids) for r in conn.execute(
            f"SELECT data FROM stories WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)]
    for (data,) in rows:
        payload = json.loads(data)
        if "profile" in payload:
            out.append(from_data(StoryProfile, payload["profile"]))
    return out


def load_assignments(conn: sqlite3.Connection) -> dict[str, StoryAssignment]:
    return {r[0]: StoryAssignment(r[0], r[1], r[2], bool(r[3]), r[4]) for r in conn.execute(
        "SELECT document_id, story_id, score, started, reason FROM story_documents")}


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _upsert_story(conn: sqlite3.Connection, story_id: str, *, story: Story | None = None,
                  profile: StoryProfile | None = None) -> None:
    """Write a story's record and/or profile, keeping the part not given."""
    row = conn.execute("SELECT label, data FROM stories WHERE id = ?", (story_id,)).fetchone()
    payload = json.loads(row[1]) if row else {}
    label = row[0] if row else story_id
    if story is not None:
        payload["story"] = record_to_dict(story)
        label = story.label
    if profile is not None:
        payload["profile"] = to_data(profile)
    conn.execute("INSERT OR REPLACE INTO stories (id, label, data) VALUES (?, ?, ?)",
                 (story_id, label, json.dumps(payload, ensure_ascii=False)))


def write_assignments(conn: sqlite3.Connection, assignments: Iterable[StoryAssignment],
                      profiles: Iterable[StoryProfile]) -> None:
    """Story memberships of new documents and the profiles they changed (call inside a transaction)."""
    conn.executemany(
        "INSERT OR REPLACE INTO story_documents (document_id, story_id, score, started, reason) VALUES (?, ?, ?, ?, ?)",
        [(a.document_id, a.story_id, a.score, int(a.started), a.reason) for a in assignments])
    for p in profiles:
        _upsert_story(conn, p.story_id, profile=p)


def delete_story_results(conn: sqlite3.Connection, story_ids: Iterable[str] | None) -> None:
    """Remove the derived results of these stories (of every story for ``None``), links included."""
    if story_ids is None:
        for table in _DERIVED:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM links WHERE extractor = ?", (LINK_EXTRACTOR,))
        return
    ids = sorted(set(story_ids))
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        old_links = []
        for (data,) in conn.execute(f"SELECT data FROM merged_events WHERE story_id IN ({marks})", chunk):
            spans = json.loads(data)["spans"]
            old_links += [link_id("same_event", s["record_id"], spans[0]["record_id"]) for s in spans[1:]]
        old_links += [link_id("contradicts", a, b) for a, b in conn.execute(
            f"SELECT a_record_id, b_record_id FROM contradictions WHERE story_id IN ({marks})", chunk)]
        conn.executemany("DELETE FROM links WHERE id = ? AND extractor = ?", [(i, LINK_EXTRACTOR) for i in old_links])
        conn.execute(f"DELETE FROM event_members WHERE merged_id IN "
                     f"(SELECT id FROM merged_events WHERE story_id IN ({marks}))", chunk)
        for table in _DERIVED:
            if table != "event_members":
                conn.execute(f"DELETE FROM {table} WHERE story_id IN ({marks})", chunk)


def write_link_result(conn: sqlite3.Connection, result: LinkResult, *, replace: bool = True) -> None:
    """Upsert stories and memberships; write the derived results (call inside a transaction).

    ``replace``: first delete every derived result (a full relink); without
    it the caller has deleted those of the stories being rewritten.
    """
    profiles = {p.story_id: p for p in result.profiles}
    for story in result.stories:
        _upsert_story(conn, story.id, story=story, profile=profiles.get(story.id))
    write_assignments(conn, result.assignments, [])
    if replace:
        delete_story_results(conn, None)
    _insert_results(conn, result)


def _insert_results(conn: sqlite3.Connection, result: LinkResult) -> None:
    for m in result.merged_events:
        conn.execute("INSERT INTO merged_events (id, story_id, family, earliest, latest, status, data) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (m.id, m.story_id, m.family, m.earliest, m.latest, m.status, _json(m)))
        conn.executemany("INSERT OR REPLACE INTO event_members (event_id, merged_id, document_id) VALUES (?, ?, ?)",
                         [(s.record_id, m.id, s.document_id) for s in m.spans])
        head = m.spans[0]
        for s in m.spans[1:]:
            upsert_link(conn, Link(link_id("same_event", s.record_id, head.record_id), "same_event", s.record_id,
                                   head.record_id, s.document_id, None, LINK_EXTRACTOR, (m.id,)))
    conn.executemany("INSERT INTO claim_groups (id, story_id, merged_event_id, status, data) VALUES (?, ?, ?, ?, ?)",
                     [(g.id, g.story_id, g.merged_event_id, g.status, _json(g)) for g in result.claim_groups])
    for c in result.contradictions:
        conn.execute("INSERT OR REPLACE INTO contradictions (id, story_id, kind, a_record_id, b_record_id, data) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (c.id, c.story_id, c.kind, c.a.record_id, c.b.record_id, _json(c)))
        upsert_link(conn, Link(link_id("contradicts", c.a.record_id, c.b.record_id), "contradicts", c.a.record_id,
                               c.b.record_id, None, None, LINK_EXTRACTOR, (c.kind, c.note)))
    conn.executemany("INSERT OR REPLACE INTO ledger (id, story_id, figure_id, as_of, origin, data) VALUES (?, ?, ?, ?, ?, ?)",
                     [(e.id, e.story_id, e.figure_id, e.as_of, e.origin, _json(e)) for e in result.ledger])
    conn.executemany("INSERT OR REPLACE INTO relations (id, story_id, source_actor_id, target_actor_id, kind, weight, data) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(r.id, r.story_id, r.source_actor_id, r.target_actor_id, r.kind, r.weight, _json(r))
                      for r in result.relations])
    conn.executemany("INSERT OR REPLACE INTO framing (story_id, outlet, data) VALUES (?, ?, ?)",
                     [(f.story_id, f.outlet, _json(f)) for f in result.framing])


def _rows(conn: sqlite3.Connection, table: str, cls: type, order: str) -> list[Any]:
    return [from_data(cls, json.loads(r[0])) for r in conn.execute(f"SELECT data FROM {table} ORDER BY {order}")]


def load_link_result(conn: sqlite3.Connection) -> LinkResult:
    """Everything the last linking run wrote (empty lists before any run)."""
    stories, profiles = [], []
    for (data,) in conn.execute("SELECT data FROM stories ORDER BY id"):
        payload = json.loads(data)
        if "story" not in payload:
            continue
        stories.append(record_from_dict(Story, payload["story"]))
        if "profile" in payload:
            profiles.append(from_data(StoryProfile, payload["profile"]))
    stories.sort(key=lambda s: (s.first_date or "", s.id))
    return LinkResult(
        stories=stories, profiles=profiles,
        assignments=sorted(load_assignments(conn).values(), key=lambda a: a.document_id),
        merged_events=_rows(conn, "merged_events", MergedEvent, "coalesce(earliest, ''), id"),
        claim_groups=_rows(conn, "claim_groups", ClaimGroup, "id"),
        contradictions=_rows(conn, "contradictions", Contradiction, "kind, id"),
        ledger=_rows(conn, "ledger", LedgerEntry, "story_id, coalesce(as_of, '9999'), origin, figure_id"),
        framing=_rows(conn, "framing", FramingRow, "story_id, outlet"),
        relations=_rows(conn, "relations", Relation, "story_id, weight DESC, id"),
    )

"""Recorded schema migrations.

Each migration has a version, a name and SQL.  ``apply_migrations`` runs the
ones not yet recorded in ``_migrations``, each in its own transaction, so a
database created by any earlier release is upgraded in place and an empty
file becomes a current database.  Never edit a released migration: add one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def _record_table(name: str) -> str:
    """A per-document record table: provenance columns + the typed fields as JSON."""
    return f"""
    CREATE TABLE {name} (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        extractor TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX {name}_document ON {name}(document_id);
    """


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, links and runs", """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        source_key TEXT NOT NULL,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT,
        author TEXT,
        url TEXT,
        outlet TEXT,
        outlet_origin TEXT NOT NULL,
        published TEXT,
        published_precision TEXT NOT NULL,
        published_origin TEXT NOT NULL,
        published_evidence TEXT,
        language TEXT,
        language_score REAL,
        language_origin TEXT NOT NULL,
        status TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        offset_map TEXT NOT NULL,
        removed TEXT NOT NULL,
        notes TEXT NOT NULL,
        credits TEXT NOT NULL,
        minhash BLOB,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE INDEX documents_published ON documents(published);

    CREATE TABLE links (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        source_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
        score REAL,
        extractor TEXT NOT NULL,
        notes TEXT NOT NULL
    );
    CREATE INDEX links_source ON links(source_id);
    CREATE INDEX links_target ON links(target_id);

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        settings TEXT NOT NULL,
        metadata TEXT NOT NULL,
        counts TEXT
    );

    CREATE TABLE input_errors (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    """),
    Migration(2, "per-document extraction records", "\n".join([
        """
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            data TEXT NOT NULL
        );
        CREATE TABLE extractions (
            document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            extractor_version TEXT NOT NULL,
            notes TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        );
        """,
        *(_record_table(t) for t in ("mentions", "places", "dates", "figures", "claims", "events")),
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            data TEXT NOT NULL
        );
        """,
    ])),
)

def _all_migrations() -> tuple[Migration, ...]:
    from consilience.store.migrations_link import LINK_MIGRATIONS
    from consilience.store.migrations_link_state import LINK_STATE_MIGRATIONS
    from consilience.store.migrations_runs import RUN_MIGRATIONS
    from consilience.store.migrations_views import VIEW_MIGRATIONS

    return tuple(sorted(MIGRATIONS + LINK_MIGRATIONS + RUN_MIGRATIONS + LINK_STATE_MIGRATIONS + VIEW_MIGRATIONS,
                        key=lambda m: m.version))


ALL_MIGRATIONS = _all_migrations()
SCHEMA_VERSION = ALL_MIGRATIONS[-1].version


def applied_versions(conn: sqlite3.Connection) -> list[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT version FROM _migrations ORDER BY version")]


def recorded_versions(conn: sqlite3.Connection) -> list[int] | None:
    """The applied versions, or None when the file has no ``_migrations`` table (writes nothing)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone() is None:
        return None
    return [row[0] for row in conn.execute("SELECT version FROM _migrations ORDER BY version")]


def unknown_versions(versions: list[int], migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Recorded versions this code does not know (the database was written by a newer release)."""
    known = {m.version for m in (ALL_MIGRATIONS if migrations is None else migrations)}
    return [v for v in versions if v not in known]


def apply_migrations(conn: sqlite3.Connection, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Apply pending migrations in order; return the versions applied now."""
    migrations = ALL_MIGRATIONS if migrations is None else migrations
    done = set(applied_versions(conn))
    applied: list[int] = []
    for migration in migrations:
        if migration.version in done:
            continue
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        # executescript() commits first; wrap the script so it is all-or-nothing.
        try:
            conn.executescript(
                "BEGIN;\n" + migration.sql + "\n"
                f"INSERT INTO _migrations(version, name, applied_at) VALUES "
                f"({migration.version}, '{migration.name}', '{stamp}');\nCOMMIT;"
            )
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
            raise
        applied.append(migration.version)
    return applied

"""Opening the SQLite store: pragmas, migrations, one writer, transactions.

Discipline (after datasette's ``database.py``): one connection writes;
foreign keys on; WAL so readers (the report, a web app) never block the
writer; every document is written inside one transaction so a crash leaves
no half-written document.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from consilience.errors import StoreError
from consilience.store.migrations import SCHEMA_VERSION, apply_migrations, applied_versions


class Store:
    """A Consilience database.  Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(
                        f"{self.path}: no such database; run `consilience run PATH --db {self.path}` first"
                    )
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True)
            else:
                self.conn = sqlite3.connect(self.path)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                apply_migrations(self.conn)
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open as a Consilience database ({exc}); "
                "pass another file with --db"
            ) from exc

    def _check_version(self) -> None:
        versions = applied_versions(self.conn) if not self._readonly_missing_table() else []
        if not versions or max(versions) < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {max(versions) if versions else 0} is older than "
                f"{SCHEMA_VERSION}; open it once read-write (e.g. `consilience status --db {self.path}`) to upgrade"
            )

    def _readonly_missing_table(self) -> bool:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='_migrations'"
        ).fetchone()
        return row is None

    @property
    def schema_version(self) -> int:
        rows = self.conn.execute("SELECT max(version) FROM _migrations").fetchone()
        return int(rows[0] or 0)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All statements inside commit together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

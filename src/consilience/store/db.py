"""Opening the SQLite store: pragmas, migrations, one writer, transactions.

Discipline (after datasette's ``database.py``): one connection writes;
foreign keys on; WAL so readers (the report, a web app) never block the
writer; every document is written inside one transaction so a crash leaves
no half-written document.

Two ways to open a database:

* read-write (``run``, ``ingest``): creates the file if needed and migrates
  it.  With ``lock=True`` it first takes the writer lock
  (:mod:`consilience.store.lock`) and keeps it until ``close()``, and then
  marks the runs a dead process left ``running`` as ``interrupted``.
* read-only (``status``, ``report``, ``export``, the web app): the file
  must exist (:class:`~consilience.errors.MissingDatabaseError`) and is
  opened with SQLite's ``mode=ro``, so nothing is ever written, and a
  read-only file works.  The one exception: a Consilience database with an
  older schema is upgraded in place first (as a read-write open would).

Both refuse, before writing anything, a file that is not a Consilience
database (SQLite tables but no ``_migrations``) and a database whose schema
is newer than this code knows.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from consilience.errors import MissingDatabaseError, StoreError
from consilience.store.lock import WriterLock
from consilience.store.migrations import SCHEMA_VERSION, apply_migrations, recorded_versions, unknown_versions


def _name(path: str) -> str:
    return repr(path)


class Store:
    """A Consilience database.  Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False, lock: bool = False, wait: bool = True,
                 on_wait: Callable[[str], None] | None = None, upgrade: bool = True) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._may_upgrade = upgrade   # a reader may bring an older schema up to date (False: never write)
        self._lock: WriterLock | None = None
        self.conn: sqlite3.Connection | None = None
        try:
            if readonly:
                self._open_readonly()
            else:
                if lock:
                    self._lock = WriterLock(self.path)
                    self._lock.acquire(wait=wait, on_wait=on_wait)
                self._open_readwrite()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(
                f"{_name(self.path)}: cannot open as a Consilience database ({exc}); pass another file with --db"
            ) from exc
        except BaseException:
            self.close()
            raise

    # -- opening ---------------------------------------------------------

    def _readonly_uri(self) -> str:
        """``mode=ro``; plus ``immutable=1`` where SQLite could not make its WAL index.

        A reader of a WAL database creates ``DB-shm`` beside it; in a folder it
        cannot write (read-only media) that fails.  There, with no write-ahead
        log holding data, no writer can be at work either, so the file is
        opened as immutable.
        """
        path = Path(self.path).resolve()
        uri = path.as_uri() + "?mode=ro"
        wal = path.with_name(path.name + "-wal")
        if not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
            uri += "&immutable=1"
        return uri

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        if readonly:
            conn = sqlite3.connect(self._readonly_uri(), uri=True)
        else:
            conn = sqlite3.connect(self.path)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn

    def _open_readwrite(self) -> None:
        self.conn = self._connect(readonly=False)
        self._check_schema(self.conn)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        apply_migrations(self.conn)
        if self._lock is not None:
            from consilience.store.runs import close_abandoned_runs

            close_abandoned_runs(self.conn)

    def _open_readonly(self) -> None:
        if not Path(self.path).is_file():
            raise MissingDatabaseError(
                f"{_name(self.path)}: no such database; run `consilience run PATH --db {self.path}` first")
        self.conn = self._connect(readonly=True)
        versions = self._check_schema(self.conn)
        if not versions:
            raise StoreError(f"{_name(self.path)}: empty file, not a Consilience database; "
                             f"run `consilience run PATH --db {self.path}` first")
        if max(versions) < SCHEMA_VERSION:
            self.conn.close()
            if not self._may_upgrade:
                raise StoreError(
                    f"{_name(self.path)}: schema version {max(versions)} is older than {SCHEMA_VERSION}; it is left "
                    f"untouched; open it once read-write (e.g. `consilience status --db {self.path}`) to upgrade")
            self._upgrade()
            self.conn = self._connect(readonly=True)

    def _upgrade(self) -> None:
        """Bring an older Consilience database to the current schema (the one write a reader makes)."""
        try:
            conn = self._connect(readonly=False)
            try:
                apply_migrations(conn)
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"{_name(self.path)}: schema is older than version {SCHEMA_VERSION} and cannot be upgraded "
                f"({exc}); make the file writable and open it once") from exc

    def _check_schema(self, conn: sqlite3.Connection) -> list[int]:
        """Refuse other programs' databases and newer schemas; return the recorded versions."""
        versions = recorded_versions(conn)
        if versions is None:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            if tables:
                shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
                raise StoreError(f"{_name(self.path)}: not a Consilience database (it has other tables: {shown}); "
                                 "it is left untouched; pass another file with --db")
            return []
        newer = unknown_versions(versions)
        if newer:
            raise StoreError(
                f"{_name(self.path)}: schema version {max(newer)} is newer than this Consilience knows "
                f"({SCHEMA_VERSION}); it is left untouched; upgrade Consilience to use it")
        return versions

    # -- use ---------------------------------------------------------------

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
        try:
            if self.conn is not None:
                self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

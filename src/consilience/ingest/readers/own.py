"""Consilience's own outputs are never its input.

Why: ``consilience run .`` with the default database and report in the
current folder would otherwise read ``consilience.db`` (and its ``-wal``,
``-shm`` and ``-journal`` files) and, on the second run, its own report as
news articles.  An output is recognised by its path (the configured database
and report, and the files SQLite and the report writer put next to them) and
by its content (any SQLite database by its header, any Consilience report by
the generator marker in its HTML), and is skipped with a note, not an error.
"""

from __future__ import annotations

import os
import re

from consilience.config import Config

#: Files SQLite keeps next to a database, and the report's temporary file.
DB_COMPANIONS: tuple[str, ...] = ("", "-wal", "-shm", "-journal", ".lock")   # .lock: the writer lock (store/lock.py)
REPORT_COMPANIONS: tuple[str, ...] = ("", ".tmp")

SQLITE_MAGIC = b"SQLite format 3\x00"

#: What every Consilience report says near its start (the ``<meta>`` tag, and
#: the header line of reports written before the tag existed).
_REPORT_MARKER = re.compile(
    rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']consilience\b|generated\s+by\s+consilience\s+\d",
    re.IGNORECASE)
#: Bytes of a page searched for the marker (the report's stylesheet comes first).
REPORT_MARKER_BYTES = 16384


def _key(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def own_output_paths(config: Config) -> frozenset[str]:
    """The normalised real paths of the database and report ``config`` names, with companions."""
    paths = [config.db_path + s for s in DB_COMPANIONS if config.db_path and config.db_path != ":memory:"]
    if config.report_path:
        paths += [config.report_path + s for s in REPORT_COMPANIONS]
    return frozenset(_key(p) for p in paths)


def is_own_output(path: str, outputs: frozenset[str]) -> bool:
    try:
        return _key(path) in outputs
    except (OSError, ValueError):
        return False


def output_kind(head: bytes) -> str | None:
    """Why a file whose content starts with ``head`` is an output, not an article."""
    if head.startswith(SQLITE_MAGIC):
        return "is an SQLite database (a Consilience database or another program's), not an article"
    if _REPORT_MARKER.search(head[:REPORT_MARKER_BYTES]):
        return "is a Consilience report, not an article"
    return None


__all__ = ["REPORT_MARKER_BYTES", "SQLITE_MAGIC", "is_own_output", "output_kind", "own_output_paths"]

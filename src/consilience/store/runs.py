"""Run metadata: what ran, with which settings and models, and what it counted."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from datetime import datetime, timezone
from typing import Any


RUNNING, FINISHED, FAILED, INTERRUPTED = "running", "finished", "failed", "interrupted"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, command: str, settings: dict[str, Any], metadata: dict[str, Any]) -> int:
    """Record a run as ``running``, with this process's pid and host."""
    cur = conn.execute(
        "INSERT INTO runs (command, started_at, settings, metadata, status, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (command, _now(), json.dumps(settings, default=str), json.dumps(metadata, default=str), RUNNING,
         os.getpid(), socket.gethostname()),
    )
    conn.commit()
    return int(cur.lastrowid)


def finish_run(conn: sqlite3.Connection, run_id: int, counts: dict[str, Any],
               metadata: dict[str, Any] | None = None, status: str = FINISHED) -> None:
    """Close a run: ``finished``, or ``failed``/``interrupted`` with what it had counted so far."""
    if conn.in_transaction:
        conn.rollback()
    if metadata is not None:
        conn.execute("UPDATE runs SET metadata = ? WHERE id = ?", (json.dumps(metadata, default=str), run_id))
    conn.execute("UPDATE runs SET finished_at = ?, counts = ?, status = ? WHERE id = ?",
                 (_now(), json.dumps(counts), status, run_id))
    conn.commit()


def _alive_here(pid: int | None, host: str | None) -> bool:
    """True when ``pid`` is a live process of this host other than this one."""
    if not pid or host != socket.gethostname() or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def close_abandoned_runs(conn: sqlite3.Connection) -> int:
    """Mark as ``interrupted`` the runs left ``running`` by a process that is gone.

    Call while holding the writer lock: every run that held it has ended, so
    a run still ``running`` died without closing its record (``kill -9``,
    power loss).  A live process of this host that did not take the lock
    (the Python API) keeps its run.
    """
    rows = conn.execute("SELECT id, pid, host FROM runs WHERE status = ?", (RUNNING,)).fetchall()
    dead = [r[0] for r in rows if not _alive_here(r[1], r[2])]
    for run_id in dead:
        conn.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", (INTERRUPTED, _now(), run_id))
    conn.commit()
    return len(dead)


def run_states(conn: sqlite3.Connection, db_path: str) -> dict[str, int]:
    """Runs per status as a reader sees them (nothing written): a ``running`` run whose
    process is gone counts as ``interrupted``."""
    from consilience.store.lock import writer_active

    out: dict[str, int] = {}
    active = None
    for status, pid, host in conn.execute("SELECT status, pid, host FROM runs ORDER BY id"):
        if status == RUNNING:
            if active is None:
                active = writer_active(db_path)
            if not active and not _alive_here(pid, host):
                status = INTERRUPTED
        out[status] = out.get(status, 0) + 1
    return out


def record_input_error(conn: sqlite3.Connection, run_id: int | None, path: str, reason: str) -> None:
    conn.execute("INSERT INTO input_errors (run_id, path, reason) VALUES (?, ?, ?)", (run_id, path, reason))
    conn.commit()


def last_run(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    out = dict(row)
    for key in ("settings", "metadata", "counts"):
        out[key] = json.loads(out[key]) if out.get(key) else None
    return out


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts per record table (the `status` command)."""
    tables = ("documents", "actors", "mentions", "places", "dates", "figures", "claims", "events",
              "stories", "merged_events", "claim_groups", "contradictions", "ledger", "framing",
              "relations", "links", "input_errors", "runs")
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    out["skipped_language"] = conn.execute(
        "SELECT count(*) FROM documents WHERE status = 'skipped_language'").fetchone()[0]
    return out

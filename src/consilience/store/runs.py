"""Run metadata: what ran, with which settings and models, and what it counted."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, command: str, settings: dict[str, Any], metadata: dict[str, Any]) -> int:
    cur = conn.execute(
        "INSERT INTO runs (command, started_at, settings, metadata) VALUES (?, ?, ?, ?)",
        (command, _now(), json.dumps(settings, default=str), json.dumps(metadata, default=str)),
    )
    conn.commit()
    return int(cur.lastrowid)


def finish_run(conn: sqlite3.Connection, run_id: int, counts: dict[str, Any],
               metadata: dict[str, Any] | None = None) -> None:
    if metadata is not None:
        conn.execute("UPDATE runs SET metadata = ? WHERE id = ?", (json.dumps(metadata, default=str), run_id))
    conn.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                 (_now(), json.dumps(counts), run_id))
    conn.commit()


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

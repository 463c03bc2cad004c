"""Issue 9 §6: a run killed (SIGKILL) at any point, then run again, leaves the database an
uninterrupted run leaves, row for row (run metadata and timestamps aside).

Each trial runs the pipeline in a child process that kills itself with SIGKILL
on the N-th call of one store writer, *inside* its transaction (the worst
moment: rows written, not committed).  The fast variant ingests only (no
model); the slow one runs everything (ingest, extraction, linking, report)
with the spaCy model, killing once in each stage.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import consilience

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "karabakh"
ENV = {**os.environ, "PYTHONPATH": str(Path(consilience.__file__).resolve().parents[1])}  # the code under test
TIMEOUT = 1800

HARNESS = textwrap.dedent("""
    import importlib, os, signal, sys
    db, inputs, report, kill_at, extract = sys.argv[1:6]
    targets = {   # stage -> (module, function) called once per written unit, inside its transaction
        "ingest": ("consilience.pipeline", "insert_document"),
        "extract": ("consilience.store.records", "write_records"),
        "link": ("consilience.link.persist", "write_link_result"),
        "report": ("consilience.report.html", "render_report"),
    }
    if kill_at != "none":
        stage, nth = kill_at.split(":")
        module = importlib.import_module(targets[stage][0])
        original = getattr(module, targets[stage][1])
        calls = [0]

        def killing(*args, **kwargs):
            out = original(*args, **kwargs)
            calls[0] += 1
            if calls[0] == int(nth):
                os.kill(os.getpid(), signal.SIGKILL)
            return out

        setattr(module, targets[stage][1], killing)
    from consilience import pipeline
    from consilience.config import DEFAULT_CONFIG
    from consilience.store import Store

    with Store(db, lock=True) as store:
        pipeline.run(store, [inputs], config=DEFAULT_CONFIG.with_overrides(workers=1), report_path=report,
                     extract=extract == "1")
""")

#: Columns that differ between runs by design (when something happened, which run did it).
VOLATILE = {"ingested_at", "extracted_at", "applied_at", "run_id"}
SKIP_TABLES = {"runs", "sqlite_sequence"}


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without run metadata and timestamps."""
    conn = sqlite3.connect(db)
    out: dict[str, list[tuple]] = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        if table in SKIP_TABLES:
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE]
        if table == "input_errors":
            cols = [c for c in cols if c != "id"]
        quoted = ", ".join(f'"{c}"' for c in cols)
        rows = conn.execute(f"SELECT {quoted} FROM {table}").fetchall()
        if table == "link_state":   # its stamp is 'extractor version@extracted_at': the time is volatile
            at = cols.index("stamp")
            rows = [(*r[:at], str(r[at]).rsplit("@", 1)[0], *r[at + 1:]) for r in rows]
        out[table] = sorted(rows, key=repr)
    conn.close()
    return out


def _run(db: Path, report: Path, kill_at: str, extract: bool) -> int:
    proc = subprocess.run([sys.executable, "-c", HARNESS, str(db), str(EXAMPLES), str(report), kill_at,
                           "1" if extract else "0"], env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
    if kill_at == "none":
        assert proc.returncode == 0, proc.stderr
    return proc.returncode


def _trials(tmp_path: Path, kill_points: list[str], extract: bool) -> list[tuple[str, int, bool]]:
    reference_db = tmp_path / "reference.db"
    _run(reference_db, tmp_path / "reference.html", "none", extract)
    reference = dump(reference_db)
    assert reference["documents"], "the reference run stored documents"
    results = []
    for point in kill_points:
        db, report = tmp_path / f"{point.replace(':', '-')}.db", tmp_path / f"{point.replace(':', '-')}.html"
        code = _run(db, report, point, extract)
        assert code == -signal.SIGKILL, f"{point}: the run was not killed there (exit {code})"
        _run(db, report, "none", extract)
        same = dump(db) == reference
        results.append((point, code, same))
        assert report.read_text(encoding="utf-8").rstrip().endswith("</html>")
        statuses = [r[0] for r in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]
        assert statuses == ["interrupted", "finished"], (point, statuses)
    print("crash-safety trials:", results)
    return results


def test_killed_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path):
    results = _trials(tmp_path, ["ingest:1", "ingest:4", "report:1"], extract=False)
    assert all(same for _, _, same in results), results


@pytest.mark.slow
def test_killed_full_run_at_every_stage_then_rerun_equals_an_uninterrupted_run(tmp_path):
    results = _trials(tmp_path, ["ingest:2", "extract:1", "extract:4", "link:1", "report:1"], extract=True)
    assert all(same for _, _, same in results), results

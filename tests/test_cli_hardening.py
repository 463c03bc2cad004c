"""Issue 9 §2 and §5: the CLI does what a user expects (no model needed: ingest only)."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import consilience

from consilience.cli import main
from consilience.store import Store

TEXT = "Armenian and Azerbaijani forces exchanged fire overnight, the defence ministry said on Friday. " * 3
ENV = {**os.environ, "PYTHONPATH": str(Path(consilience.__file__).resolve().parents[1])}  # the code under test
PATIENCE = 120.0   # seconds a helper process may take to reach a state (a liveness bound, not a speed test)


def _cli(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "consilience", *args], env=ENV, **kw)


def _wait_for(predicate, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["ingest", str(src), "--db", str(db), "-q"]) == 0
    return db


# -- options ---------------------------------------------------------------

@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_workers_must_be_positive(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", "x.txt", "--workers", value])
    assert exc.value.code == 2
    assert "--workers" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["-q", "status"], ["status", "-q"], ["-v", "status"], ["status", "-v"],
                                  ["-q", "status", "-v"]])
def test_quiet_and_verbose_work_before_or_after_the_command(argv, small_db, capsys):
    assert main([*argv, "--db", str(small_db)]) == 0
    assert "documents" in capsys.readouterr().out


def test_quiet_after_the_command_silences_ingest(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    for argv in (["-q", "ingest", str(src)], ["ingest", str(src), "-q"]):
        assert main([*argv, "--db", str(tmp_path / "q.db")]) == 0
        out, err = capsys.readouterr()
        assert out == "" and err == ""


# -- outputs -----------------------------------------------------------------

@pytest.mark.parametrize("cmd", [["report", "-o"], ["export", "-o"], ["run", "{src}", "--report"]])
def test_output_into_a_missing_folder_is_one_clear_error(cmd, small_db, tmp_path, capsys):
    target = tmp_path / "no" / "such" / "out.html"
    argv = [c.format(src=tmp_path / "a.txt") for c in cmd] + [str(target), "--db", str(small_db), "-q"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and str(tmp_path / "no" / "such") in err
    assert not target.parent.exists()


def test_output_into_an_unwritable_folder_is_one_clear_error(small_db, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode))
    assert main(["export", "-o", str(folder / "e.json"), "--db", str(small_db), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not writable" in err


@pytest.mark.parametrize("cmd", [["status"], ["export", "--format", "json"]])
def test_a_closed_stdout_pipe_gives_no_traceback(cmd, small_db):
    proc = _cli(*cmd, "--db", str(small_db), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()   # the reader is gone before anything is written (as `| head -1` after its line)
    _, err = proc.communicate(timeout=PATIENCE)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()


def test_status_piped_into_head(small_db):
    proc = subprocess.run(f"{sys.executable} -m consilience status --db {small_db} | head -1", shell=True,
                          env=ENV, capture_output=True, text=True, timeout=PATIENCE)
    assert proc.stdout.startswith("db") and "Traceback" not in proc.stderr


# -- errors ------------------------------------------------------------------

def test_each_input_error_is_printed_once(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "consilience", "ingest", str(empty), str(tmp_path / "missing.txt"),
                           "--db", str(tmp_path / "e.db")], env=ENV, capture_output=True, text=True, timeout=PATIENCE)
    assert proc.returncode == 1
    err = proc.stderr
    assert err.count("empty.txt") == 1 and err.count("missing.txt") == 1
    assert "WARNING" not in err


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path, capsys):
    bad = tmp_path / "x\nerror: forged.txt"
    bad.write_bytes(b"")
    assert main(["ingest", str(bad), "--db", str(tmp_path / "e.db"), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\\n" in err


# -- progress ----------------------------------------------------------------

def test_progress_lines_off_a_terminal(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "consilience", "ingest", str(src), "--db", str(tmp_path / "p.db")],
                          env=ENV, capture_output=True, text=True, timeout=PATIENCE)
    assert proc.returncode == 0, proc.stderr
    assert "ingest: started" in proc.stderr and "ingest: done, 1 doc" in proc.stderr
    assert "\r" not in proc.stderr, "no bar redraws in a log"


def test_progress_heartbeat_prints_while_a_step_is_silent():
    from consilience.progress import Progress

    buf = io.StringIO()
    progress = Progress(buf, tty=False, interval=0.01)
    try:
        with progress.stage("link", "linking across documents"):
            _wait_for(lambda: buf.getvalue().count("link: ") >= 3, "heartbeat lines")
        items = progress(iter(range(3)), desc="extract", unit="doc", total=3)
        assert list(items) == [0, 1, 2]
    finally:
        progress.close()
    text = buf.getvalue()
    assert text.splitlines()[0] == "link: linking across documents"
    assert "so far" in text and "extract: started, 3 doc" in text and "extract: done, 3 doc" in text


# -- runs: interruption and concurrency -----------------------------------------

def _runs(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, command, status, finished_at, pid FROM runs ORDER BY id").fetchall()
    except sqlite3.OperationalError:   # the tables are not there yet
        return []
    finally:
        conn.close()


def _holding_run(db: Path, *more: str) -> subprocess.Popen:
    """An `ingest - MORE...` that holds the database while it waits for standard input."""
    proc = _cli("ingest", "-", *more, "--db", str(db), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
    _wait_for(lambda: any(r[2] == "running" for r in _runs(db)), "the first run to start")
    return proc


def test_keyboard_interrupt_marks_the_run_interrupted(tmp_path):
    from consilience import pipeline

    def stop(items, **_):
        raise KeyboardInterrupt

    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    with Store(tmp_path / "k.db") as store:
        with pytest.raises(KeyboardInterrupt):
            pipeline.run(store, [str(src)], extract=False, progress=stop)
    ((_, _, status, finished, _),) = _runs(tmp_path / "k.db")
    assert status == "interrupted" and finished


def test_sigterm_marks_the_run_interrupted(tmp_path):
    db = tmp_path / "t.db"
    proc = _holding_run(db)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 143, err.decode()
    assert b"Traceback" not in err
    ((_, _, status, finished, _),) = _runs(db)
    assert status == "interrupted" and finished


def test_a_killed_run_is_shown_and_then_recorded_as_interrupted(tmp_path, capsys):
    db = tmp_path / "k.db"
    proc = _holding_run(db)
    proc.kill()
    proc.communicate(timeout=PATIENCE)
    assert _runs(db)[0][2] == "running", "kill -9 leaves the row as it was"
    assert main(["status", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "1 interrupted" in out
    assert _runs(db)[0][2] == "running", "status wrote nothing"
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(db), "-q"]) == 0
    runs = _runs(db)
    assert [r[2] for r in runs] == ["interrupted", "finished"] and runs[0][3]


def test_status_shows_a_live_run_as_running(tmp_path, capsys):
    db = tmp_path / "l.db"
    proc = _holding_run(db)
    try:
        assert main(["status", "--db", str(db)]) == 0
        assert "1 running" in capsys.readouterr().out
    finally:
        proc.kill()
        proc.communicate(timeout=PATIENCE)


def test_two_runs_on_one_database_take_turns(tmp_path):
    """The second run waits for the first (saying so); the one refused with --no-wait exits clearly."""
    db = tmp_path / "c.db"
    shared = tmp_path / "shared.txt"
    shared.write_text(TEXT, encoding="utf-8")
    first = _holding_run(db, str(shared))
    refused = subprocess.run([sys.executable, "-m", "consilience", "ingest", str(shared), "--db", str(db),
                              "--no-wait", "-q"], env=ENV, capture_output=True, text=True, timeout=PATIENCE)
    assert refused.returncode == 1 and "another run holds this database" in refused.stderr
    assert "Traceback" not in refused.stderr
    log = tmp_path / "second.err"
    with log.open("wb") as fh:
        second = _cli("ingest", str(shared), "--db", str(db), stdout=subprocess.DEVNULL, stderr=fh)
        _wait_for(lambda: "waiting" in log.read_text(encoding="utf-8"), "the second run to say it waits")
        assert second.poll() is None
        assert len(_runs(db)) == 1, "the waiting run has not started"
        _, err1 = first.communicate(TEXT.replace("Friday", "Saturday").encode(), timeout=PATIENCE)
        second.wait(timeout=PATIENCE)
    err2 = log.read_text(encoding="utf-8")
    assert first.returncode == 0, err1.decode()
    assert second.returncode == 0, err2
    assert "another run holds this database" in err2 and "IntegrityError" not in err2
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    runs = _runs(db)
    assert [r[2] for r in runs] == ["finished", "finished"]
    counts = [json.loads(r[0]) for r in conn.execute("SELECT counts FROM runs ORDER BY id")]
    assert counts[0]["added"] == 2 and counts[1]["added"] == 0 and counts[1]["unchanged"] == 1


def test_progress_of_two_loops_under_way_at_once():
    """In a run, ingest feeds extraction: the ingest loop may start first and end first."""
    from consilience.progress import Progress

    buf = io.StringIO()
    clock = [0.0]
    progress = Progress(buf, tty=False, interval=0, clock=lambda: clock[0])
    with progress.stage("extract", "extracting"):
        ingest = iter(progress(iter(range(2)), desc="ingest", unit="doc"))
        next(ingest)                                   # ingest starts before extraction
        extract = iter(progress(iter(range(3)), desc="extract", unit="doc"))
        next(extract)
        assert progress._status() == "ingest: 0 doc, 0s; extract: 0 doc, 0s so far"   # items done
        assert list(ingest) == [1]                     # ingest ends while extraction goes on
        next(extract)
        clock[0] = 61.0
        assert progress._status() == "extract: 1 doc, 1m01s so far"
        assert list(extract) == [2]
        assert progress._status() == "extract: 1m01s so far"
    assert progress._status() is None
    assert "ingest: done, 2 doc" in buf.getvalue() and "extract: done, 3 doc" in buf.getvalue()

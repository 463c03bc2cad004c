"""Issue 9 §5: what a read-only command may do to a database (nothing), and which ones it refuses."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from consilience.cli import main
from consilience.errors import MissingDatabaseError, StoreError
from consilience.store import SCHEMA_VERSION, Store
from consilience.store.migrations import MIGRATIONS, apply_migrations

READ_ONLY_COMMANDS = (["status"], ["report", "-o", "{tmp}/r.html"], ["export", "-o", "{tmp}/e.json"],
                      ["export", "--format", "acled-csv"])


def _files(db: Path) -> dict[str, str]:
    """The database's content: the main file's hash and the write-ahead log's (an empty log is no log).

    A reader of a WAL database may leave SQLite's shared-memory index (-shm)
    and an empty -wal beside it; neither holds data.
    """
    out = {db.name: hashlib.sha256(db.read_bytes()).hexdigest()}
    wal = db.with_name(db.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        out[wal.name] = hashlib.sha256(wal.read_bytes()).hexdigest()
    return out


def _argv(cmd: list[str], db: Path, tmp: Path) -> list[str]:
    return [c.format(tmp=tmp) for c in cmd] + ["--db", str(db), "-q"]


@pytest.mark.parametrize("cmd", READ_ONLY_COMMANDS)
def test_a_missing_database_is_a_usage_error_and_is_not_created(cmd, tmp_path, capsys):
    db = tmp_path / "missing.db"
    assert main(_argv(cmd, db, tmp_path)) == 2
    err = capsys.readouterr().err
    assert "missing.db" in err and "no such database" in err and "Traceback" not in err
    assert not list(tmp_path.glob("missing.db*"))


@pytest.mark.parametrize("cmd", READ_ONLY_COMMANDS)
def test_another_programs_database_is_not_modified(cmd, tmp_path, capsys):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('a', '1')")
    conn.commit()
    conn.close()
    before = _files(db)
    assert main(_argv(cmd, db, tmp_path)) == 1
    err = capsys.readouterr().err
    assert "not a Consilience database" in err and "contacts" in err
    assert _files(db) == before
    tables = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")]
    assert tables == ["contacts"]


def test_a_run_refuses_another_programs_database_too(tmp_path, capsys):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    src = tmp_path / "a.txt"
    src.write_text("Armenian and Azerbaijani forces exchanged fire overnight, officials said. " * 3, encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(db), "-q"]) == 1
    assert "not a Consilience database" in capsys.readouterr().err
    assert [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")] == ["contacts"]


@pytest.fixture
def current_db(tmp_path: Path) -> Path:
    db = tmp_path / "c.db"
    Store(db).close()
    return db


@pytest.mark.parametrize("cmd", READ_ONLY_COMMANDS)
def test_read_only_commands_write_nothing(cmd, current_db, tmp_path):
    before = _files(current_db)
    assert main(_argv(cmd, current_db, tmp_path)) == 0
    assert _files(current_db) == before


def test_read_only_open_cannot_write(current_db):
    with Store(current_db, readonly=True) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("CREATE TABLE x (y)")


def test_a_read_only_file_can_be_read(current_db, tmp_path, capsys):
    current_db.chmod(0o444)
    try:
        assert main(["status", "--db", str(current_db)]) == 0
        assert "schema_version" in capsys.readouterr().out
    finally:
        current_db.chmod(0o644)


def test_a_database_in_a_read_only_folder_can_be_read(current_db, monkeypatch):
    """SQLite cannot create DB-shm there; the store opens the file as immutable instead."""
    import os

    real_access = os.access
    folder = current_db.parent.resolve()
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode))
    with Store(current_db, readonly=True) as store:
        assert "immutable=1" in store._readonly_uri()
        assert store.schema_version == SCHEMA_VERSION


def test_a_newer_schema_is_refused_and_left_untouched(current_db, tmp_path, capsys):
    conn = sqlite3.connect(current_db)
    conn.execute("INSERT INTO _migrations VALUES (99, 'from the future', 't')")
    conn.commit()
    conn.close()
    before = _files(current_db)
    for readonly in (True, False):
        with pytest.raises(StoreError, match="newer"):
            Store(current_db, readonly=readonly)
    src = tmp_path / "a.txt"
    src.write_text("Armenian and Azerbaijani forces exchanged fire overnight, officials said. " * 3, encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(current_db), "-q"]) == 1
    assert main(["status", "--db", str(current_db)]) == 1
    err = capsys.readouterr().err
    assert err.count("is newer than") == 2 and "Traceback" not in err
    assert _files(current_db) == before


def test_an_older_consilience_database_is_upgraded_by_a_reader(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    apply_migrations(conn, MIGRATIONS)
    conn.execute("INSERT INTO runs (command, started_at, finished_at, settings, metadata) "
                 "VALUES ('run', 't', 't2', '{}', '{}')")
    conn.commit()
    conn.close()
    with Store(db, readonly=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("SELECT status FROM runs").fetchone()[0] == "finished"


def test_missing_database_error_type(tmp_path):
    with pytest.raises(MissingDatabaseError):
        Store(tmp_path / "nope.db", readonly=True)
    assert not (tmp_path / "nope.db").exists()

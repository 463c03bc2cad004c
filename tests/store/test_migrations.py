import sqlite3

import pytest

from consilience.errors import StoreError
from consilience.store import SCHEMA_VERSION, Store
from consilience.store.migrations import ALL_MIGRATIONS, MIGRATIONS, Migration, apply_migrations, applied_versions


def test_empty_database_is_migrated_to_the_current_schema(db_path):
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"documents", "links", "runs", "mentions", "places", "dates", "figures", "claims",
                "events", "actors", "extractions", "stories"} <= tables
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_recorded_and_not_reapplied(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    assert applied_versions(conn) == [m.version for m in ALL_MIGRATIONS]
    assert apply_migrations(conn) == []
    conn.close()


def test_an_older_database_is_upgraded_in_place(db_path):
    conn = sqlite3.connect(db_path)
    apply_migrations(conn, MIGRATIONS[:1])
    conn.execute("INSERT INTO runs (command, started_at, settings, metadata) VALUES ('x', 't', '{}', '{}')")
    conn.commit()
    conn.close()
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_a_failing_migration_leaves_nothing_half_applied(db_path):
    conn = sqlite3.connect(db_path)
    bad = MIGRATIONS[:1] + (Migration(99, "broken", "CREATE TABLE ok_table (x); CREATE TABLE broken ("),)
    with pytest.raises(sqlite3.Error):
        apply_migrations(conn, bad)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "ok_table" not in tables
    assert applied_versions(conn) == [1]


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as exc:
        Store(path)
    assert str(path) in str(exc.value) and "--db" in str(exc.value)


def test_readonly_open_of_a_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="consilience run"):
        Store(tmp_path / "missing.db", readonly=True)

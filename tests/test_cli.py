"""The CLI end to end on the example corpus: run, status, report, export, exit codes."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from consilience.cli import main


def _snapshot(db: Path) -> dict[str, list]:
    conn = sqlite3.connect(db)
    out = {}
    for table in ("documents", "links", "mentions", "places", "dates", "figures", "actors"):
        out[table] = sorted(r[0] for r in conn.execute(f"SELECT id FROM {table}"))
    conn.close()
    return out


@pytest.fixture(scope="module")
def run_db(tmp_path_factory) -> tuple[Path, Path]:
    root = Path(__file__).resolve().parent.parent
    tmp = tmp_path_factory.mktemp("run")
    db, report = tmp / "k.db", tmp / "report.html"
    code = main(["run", str(root / "examples" / "karabakh"), "--db", str(db), "--report", str(report),
                 "--workers", "1", "--quiet"])
    assert code == 0
    return db, report


def test_run_ingests_the_five_examples_and_writes_the_report(run_db):
    db, report = run_db
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT outlet, published, status, text FROM documents ORDER BY published").fetchall()
    assert len(rows) == 5
    assert {r[0] for r in rows} >= {"TRT World", "Press TV", "The Levant"}
    assert all(r[2] == "ok" for r in rows)
    page = report.read_text(encoding="utf-8")
    assert "Karabakh: Azerbaijan, Armenia no closer to ending clashes" in page
    assert "<script src=" not in page and "http://" not in page.split("<main>")[0]


def test_boilerplate_is_removed_from_text_and_listed_in_the_report(run_db):
    db, report = run_db
    conn = sqlite3.connect(db)
    texts = "\n".join(r[0] for r in conn.execute("SELECT text FROM documents"))
    removed = "\n".join(r[0] for r in conn.execute("SELECT removed FROM documents"))
    for junk in ("Share on facebook", "READ MORE:", "Comments are closed.", "SHARE THIS ARTICLE"):
        assert junk not in texts
        assert junk in removed
    assert "Share on facebook" in report.read_text(encoding="utf-8")


def test_running_twice_leaves_the_same_database(run_db, tmp_path):
    db, _ = run_db
    before = _snapshot(db)
    root = Path(__file__).resolve().parent.parent
    code = main(["run", str(root / "examples" / "karabakh"), "--db", str(db),
                 "--report", str(tmp_path / "r.html"), "--workers", "1", "--quiet"])
    assert code == 0
    assert _snapshot(db) == before


def test_a_rerun_with_nothing_new_loads_neither_spacy_nor_the_minhash_index(run_db, tmp_path):
    # what a re-run costs is mostly imports: the extractor version is read without spaCy, the
    # near-duplicate index only when a new document comes, and the report needs neither
    db, _ = run_db
    before = _snapshot(db)
    root = Path(__file__).resolve().parent.parent
    script = (
        "import sys\n"
        "from consilience.cli import main\n"
        f"code = main(['run', {str(root / 'examples' / 'karabakh')!r}, '--db', {str(db)!r},"
        f" '--report', {str(tmp_path / 'r.html')!r}, '--workers', '1', '--quiet'])\n"
        "print(code, sorted(m for m in ('spacy', 'datasketch') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[-2] == "0 []"
    assert (tmp_path / "r.html").stat().st_size > 0
    assert _snapshot(db) == before


def test_status_prints_counts(run_db, capsys):
    db, _ = run_db
    assert main(["status", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "documents" in out and " 5" in out


def test_export_json_has_every_record_type_with_provenance(run_db, tmp_path):
    db, _ = run_db
    out = tmp_path / "export.json"
    assert main(["export", "--format", "json", "--db", str(db), "-o", str(out), "--quiet"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"]
    for key in ("documents", "mentions", "places", "dates", "figures", "claims", "events", "stories", "links"):
        assert isinstance(data[key], list), key
    assert len(data["documents"]) == 5
    for doc in data["documents"]:
        assert doc["source"] and doc["outlet"] and doc["published"]
    for key in ("mentions", "places", "dates", "figures"):
        for rec in data[key]:
            assert rec["document_id"] in {d["id"] for d in data["documents"]}


def test_export_to_stdout(run_db, capsys):
    db, _ = run_db
    assert main(["export", "--db", str(db), "--no-raw"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "raw_text" not in data["documents"][0]


def test_input_errors_exit_1_and_the_rest_is_processed(tmp_path, db_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Fighting continued in the region on Monday, officials said in a statement to reporters. " * 3,
                    encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["ingest", str(good), str(empty), str(tmp_path / "missing.txt"), "--db", str(db_path), "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "missing.txt" in err
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM input_errors").fetchone()[0] == 2


def test_bad_input_does_not_change_what_is_stored(run_db, tmp_path):
    db, _ = run_db
    before = _snapshot(db)
    bad = tmp_path / "bin.txt"
    bad.write_bytes(bytes(range(256)) * 50)
    assert main(["ingest", str(bad), "--db", str(db), "--quiet"]) == 1
    assert _snapshot(db) == before


@pytest.mark.parametrize("argv", [["frobnicate"], ["export", "--format", "xml"], ["run"], []])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_stdin_input(db_path):
    text = ("Armenian and Azerbaijani forces exchanged fire overnight, the defence ministry said on Friday. " * 3)
    proc = subprocess.run([sys.executable, "-m", "consilience", "ingest", "-", "--db", str(db_path), "--quiet"],
                          input=text.encode(), capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT source FROM documents").fetchone()[0] == "-"


def test_console_script_version():
    proc = subprocess.run([sys.executable, "-m", "consilience", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "consilience" in proc.stdout


def test_every_command_is_documented_in_the_readme():
    from consilience.cli import build_parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"consilience {name}" in readme, name


def test_every_setting_is_documented():
    from consilience.config import SETTINGS

    doc = (Path(__file__).resolve().parent.parent / "docs" / "settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in doc, setting.name


def test_export_json_has_the_cross_document_lists(run_db, capsys):
    db, _ = run_db
    assert main(["export", "--db", str(db), "--no-raw"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == "1.2"
    for key in ("merged_events", "claim_groups", "contradictions", "disputes", "ledger", "framing", "relations"):
        assert isinstance(data[key], list), key
    assert len(data["stories"]) >= 2  # the 2016 and 2020 episodes are apart
    doc_ids = {d["id"] for d in data["documents"]}
    for story in data["stories"]:
        assert set(story["document_ids"]) <= doc_ids


def test_export_acled_csv_and_geojson(run_db, tmp_path):
    import csv

    db, _ = run_db
    out = tmp_path / "events.csv"
    assert main(["export", "--format", "acled-csv", "--db", str(db), "-o", str(out), "--quiet"]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"event_date", "event_type", "sub_event_type", "actor1", "latitude", "fatalities"} <= set(rows[0])
    gj = tmp_path / "events.geojson"
    assert main(["export", "--format", "geojson", "--db", str(db), "-o", str(gj), "--quiet"]) == 0
    data = json.loads(gj.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in data["features"])


def test_cli_merged_export_has_one_row_per_merged_event(run_db, tmp_path):
    db, _ = run_db
    out, per_mention = tmp_path / "merged.csv", tmp_path / "mentions.csv"
    assert main(["export", "--db", str(db), "--format", "acled-merged-csv", "-o", str(out), "-q"]) == 0
    assert main(["export", "--db", str(db), "--format", "acled-csv", "-o", str(per_mention), "-q"]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    conn = sqlite3.connect(db)
    n_merged = conn.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    conn.close()
    assert len(rows) == n_merged > 0
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Z]{3}\d+", i) for i in ids)
    assert all(r["fatalities"].isdigit() for r in rows)
    assert all((r["fatalities_reported"] == "yes") or r["fatalities"] == "0" for r in rows)
    mentions = list(csv.DictReader(per_mention.read_text(encoding="utf-8").splitlines()))
    total = lambda rs: sum(int(r["fatalities"]) for r in rs)  # noqa: E731
    assert total(rows) <= total(mentions), "merging never adds fatalities"

"""`consilience run --engine ray`: a clear usage error without Ray; with Ray, the local engine's records.

The equality tests start a local Ray (slow: ``pytest -m slow tests/test_ray_engine.py``) and compare
the JSON exports of a local-engine run and a Ray run, record by record.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from consilience.cli import main
from consilience.config import DEFAULT_CONFIG

ROOT = Path(__file__).resolve().parent.parent
#: The example corpus as the README runs it (a folder with its manifest.csv); the shared copy if present.
KARABAKH = next(p for p in (ROOT.parent / "shared" / "corpus" / "karabakh", ROOT / "examples" / "karabakh")
                if (p / "manifest.csv").is_file())
#: What may differ between two runs of the same input: when, and under which run.
VOLATILE = {"run_id", "extracted_at", "created_at", "started_at", "finished_at", "linked_at", "generator"}

needs_ray = pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed")


def test_engine_ray_without_ray_is_a_usage_error_naming_the_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)        # `import ray` raises ImportError
    db = tmp_path / "k.db"
    code = main(["run", str(ROOT / "examples" / "karabakh"), "--db", str(db), "--engine", "ray",
                 "--report", str(tmp_path / "r.html")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "pip install 'consilience[ray]'" in err[0]
    assert not db.exists()                               # refused before anything was read or written


def test_address_without_engine_ray_is_a_usage_error(tmp_path, capsys):
    code = main(["run", str(ROOT / "examples" / "karabakh"), "--db", str(tmp_path / "k.db"),
                 "--address", "auto", "--report", str(tmp_path / "r.html")])
    assert code == 2
    assert "--address is for --engine ray" in capsys.readouterr().err


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _run_and_export(inputs: list[str], db: Path, *extra: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    cli = [sys.executable, "-m", "consilience"]
    out = subprocess.run([*cli, "run", *inputs, "--db", str(db), "--report", str(db.with_suffix(".html")), "-q",
                          *extra], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    out = subprocess.run([*cli, "export", "--db", str(db), "-q"], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return _strip(json.loads(out.stdout))


def _assert_same_records(local: dict[str, Any], ray: dict[str, Any]) -> None:
    assert local.keys() == ray.keys()
    for section, expected in local.items():
        got = ray[section]
        if not isinstance(expected, list):
            assert got == expected, section
            continue
        assert len(got) == len(expected), f"{section}: {len(got)} records with Ray, {len(expected)} locally"
        for a, b in zip(expected, got):
            assert b == a, f"{section}: record {a.get('id') if isinstance(a, dict) else a!r} differs"


def _compare(inputs: list[str], tmp_path: Path) -> dict[str, Any]:
    local = _run_and_export(inputs, tmp_path / "local.db", "--workers", "1")
    ray = _run_and_export(inputs, tmp_path / "ray.db", "--engine", "ray", "--workers", "2")
    _assert_same_records(local, ray)
    return local


@pytest.mark.slow
@needs_ray
def test_ray_engine_gives_the_local_records_on_the_example_corpus(tmp_path):
    records = _compare([str(KARABAKH)], tmp_path)
    assert len(records["documents"]) == 5 and records["events"] and records["stories"]


@pytest.mark.slow
@needs_ray
def test_ray_engine_gives_the_local_records_on_200_real_articles(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from realcorpus import data_dir, write_jsonl
    finally:
        sys.path.remove(str(ROOT / "bench"))
    if data_dir() is None:
        pytest.skip("no LGL/TR-News articles under ../shared/bench/geoparsing")
    src = tmp_path / "real200.jsonl"
    write_jsonl(200, src)           # the first 200 real articles (LGL), as bench/scale.py reads them
    records = _compare([str(src)], tmp_path)
    assert len(records["documents"]) == 200 and len(records["stories"]) > 10 and records["claims"]


@pytest.mark.slow
@needs_ray
def test_ray_extraction_keeps_input_order_across_windows_and_blocks(monkeypatch):
    """Several windows, several blocks per window: the records come back in input order, as in process."""
    from consilience.engines import for_extraction
    from consilience.engines import ray_engine
    from consilience.extract.document import extract_many
    from consilience.ingest.document import build_document
    from consilience.ingest.readers import iter_items

    docs = [for_extraction(build_document(item)) for item in iter_items([str(ROOT / "examples" / "karabakh")])]
    monkeypatch.setattr(ray_engine, "WINDOW_PER_ACTOR", 2)      # 5 documents, 2 actors: windows of 4 and 1
    monkeypatch.setattr(ray_engine, "BLOCK_DOCS", 1)             # one document a block
    expected = list(extract_many(docs, workers=1))
    with ray_engine.RayEngine(workers=2) as engine:
        got = list(engine.extract(iter(docs), DEFAULT_CONFIG))
    assert [r.document_id for r in got] == [d.id for d in docs]
    assert got == expected

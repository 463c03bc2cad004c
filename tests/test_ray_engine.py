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


def _run_and_export(inputs: list[str], db: Path, *extra: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
           **(env or {})}
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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def ray_head():
    """A Ray head node started for the test (``ray start --head --block``) and stopped after it.

    Its own temporary folder (short: Ray's socket paths must fit 107 bytes) and its own token
    (``RAY_AUTH_MODE=token``, as Ray 2.59+ uses for local clusters by default; set the same way
    for the driver, as every node and driver of a cluster must); the workers import the code
    under test (``PYTHONPATH``).  Yields ``(address, env for the driver)``.
    """
    import secrets
    import shutil
    import signal
    import tempfile
    import time

    ray_cli = Path(sys.executable).with_name("ray")
    if not ray_cli.is_file():
        pytest.skip("no `ray` command beside this Python")
    folder = Path(tempfile.mkdtemp(prefix="cray", dir="/tmp" if os.path.isdir("/tmp") else None))
    token = folder / "token"
    token.write_text(secrets.token_hex(32))
    env = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(token)}
    port = _free_port()
    log = (folder / "head.log").open("w")
    head = subprocess.Popen(
        [str(ray_cli), "start", "--head", "--block", "--port", str(port), "--num-cpus", "2",
         "--include-dashboard=false", "--disable-usage-stats", "--temp-dir", str(folder / "ray")],
        env={**os.environ, **env,
             "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])},
        stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not list((folder / "ray").glob("session_*/sockets/raylet*")):
            if head.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"ray start failed: {(folder / 'head.log').read_text()[-2000:]}")
            time.sleep(0.5)
        yield f"127.0.0.1:{port}", env
    finally:
        head.send_signal(signal.SIGTERM)       # stops the node's processes, and only this node's
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            head.kill()
            head.wait()
        log.close()
        for pid in _pids_mentioning(str(folder)):   # any left (GCS, raylet): ours, by their command line
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)


def _pids_mentioning(text: str) -> list[int]:
    pids = []
    for entry in Path("/proc").glob("[0-9]*") if os.path.isdir("/proc") else ():
        try:
            if text.encode() in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return pids


@pytest.mark.slow
@needs_ray
def test_ray_engine_by_address_gives_the_local_records(tmp_path, ray_head):
    """``--address HOST:PORT``: a run joins a running Ray cluster (a head node started apart) and
    gives the local engine's records; the cluster is left running after the run."""
    address, env = ray_head
    local = _run_and_export([str(KARABAKH)], tmp_path / "local.db", "--workers", "1")
    ray = _run_and_export([str(KARABAKH)], tmp_path / "ray.db", "--engine", "ray", "--address", address,
                          "--workers", "2", env=env)
    _assert_same_records(local, ray)
    assert len(local["documents"]) == 5 and local["events"] and local["stories"]
    again = subprocess.run([sys.executable, "-c", "import ray; ray.init(address=%r); "
                            "print(int(ray.cluster_resources()['CPU']))" % address],
                           capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
    assert again.returncode == 0 and again.stdout.strip().splitlines()[-1] == "2", again.stderr[-2000:]

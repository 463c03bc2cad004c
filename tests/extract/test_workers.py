"""Issue 9 §5: `kill -9` of a run leaves no pool workers behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import consilience

from consilience.extract import workers

ENV = {**os.environ, "PYTHONPATH": str(Path(consilience.__file__).resolve().parents[1])}  # the code under test
PATIENCE = 120.0   # a liveness bound for helper processes, not a speed test

PARENT = textwrap.dedent("""
    import os, subprocess, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    from consilience.extract import workers

    if sys.argv[1] == "watchdog":   # a plain child with prctl switched off: only the portable watchdog acts
        child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
        print(child.stdout.readline().strip(), flush=True)
        time.sleep(3600)
    kwargs = {} if sys.argv[1] == "none" else {"initializer": workers.init_child, "initargs": (os.getpid(),)}
    pool = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn"), **kwargs)
    pids = {f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}
    for _ in range(2):
        pool.submit(time.sleep, 3600)
    pids |= set(pool._processes)   # both workers, busy
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(3600)
""").replace("CHILD", repr(textwrap.dedent("""
    import os, time
    from consilience.extract import workers
    workers._set_pdeathsig = lambda: False
    workers.die_with_parent(os.getppid(), interval=0.1)
    print(os.getpid(), flush=True)
    time.sleep(3600)
""")))


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def _kill_parent_and_watch(mode: str) -> tuple[list[int], list[int]]:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, mode], env=ENV, stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert pids, "the pool started"
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=PATIENCE)
    parent.stdout.close()
    deadline = time.monotonic() + PATIENCE
    while not all(_gone(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return pids, [p for p in pids if not _gone(p)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("mode", ["pool", "watchdog"])
def test_workers_exit_when_the_parent_is_killed(mode):
    pids, alive = _kill_parent_and_watch(mode)
    try:
        assert len(pids) == (2 if mode == "pool" else 1) and alive == []
    finally:
        for pid in alive:
            os.kill(pid, signal.SIGKILL)


def test_init_child_runs_the_pools_initializer(monkeypatch):
    seen = []
    monkeypatch.setattr(workers, "die_with_parent", lambda pid: seen.append(("watch", pid)))
    workers.init_child(123, lambda *a: seen.append(("init", a)), "cfg", "selective")
    assert seen == [("watch", 123), ("init", ("cfg", "selective"))]


def test_extract_many_gives_its_pool_the_watching_initializer(monkeypatch):
    from concurrent.futures import Future

    from consilience.extract import document as extract_document_module
    from consilience.types import Document, OffsetMap, Segment

    captured: dict = {}
    FakePool = _fake_pool(captured)

    monkeypatch.setattr(extract_document_module, "ProcessPoolExecutor", FakePool)
    monkeypatch.setattr(extract_document_module, "start_method", lambda: "spawn")
    docs = [Document(id=f"d{i}", source="x", source_key="x", format="text", content_hash="h", raw_text="t",
                     text="t", offset_map=OffsetMap((Segment(0, 0, 1),))) for i in range(2)]
    assert list(extract_document_module.extract_many(docs, workers=2)) == ["d0", "d1"]
    assert captured["initializer"] is workers.init_child
    assert captured["initargs"][0] == os.getpid()


def test_forked_workers_watch_their_parent_and_do_not_rebuild_the_pipeline(monkeypatch):
    from concurrent.futures import Future

    from consilience.extract import document as extract_document_module
    from consilience.types import Document, OffsetMap, Segment

    captured: dict = {}
    built: list = []
    FakePool = _fake_pool(captured)

    monkeypatch.setattr(extract_document_module, "ProcessPoolExecutor", FakePool)
    monkeypatch.setattr(extract_document_module, "start_method", lambda: "fork")
    monkeypatch.setattr(extract_document_module, "_init_worker", lambda *a: built.append(a))
    docs = [Document(id=f"d{i}", source="x", source_key="x", format="text", content_hash="h", raw_text="t",
                     text="t", offset_map=OffsetMap((Segment(0, 0, 1),))) for i in range(2)]
    assert list(extract_document_module.extract_many(docs, workers=2)) == ["d0", "d1"]
    assert len(built) == 1, "built once, in the parent, before forking"
    assert captured["initializer"] is workers.init_child and captured["initargs"] == (os.getpid(),)


def _fake_pool(captured: dict):
    """A stand-in for ProcessPoolExecutor that records its arguments and runs nothing."""
    from concurrent.futures import Future

    class FakePool:
        def __init__(self, **kw):
            captured.update(kw)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, fn, batch):   # documents go to workers in batches
            fut: Future = Future()
            fut.set_result([doc.id for doc in batch])
            return fut

    return FakePool


def test_workers_fork_while_a_progress_heartbeat_runs(monkeypatch):
    """A run off a terminal has a heartbeat thread; it waits while the workers fork, then goes on."""
    import io
    import threading

    from consilience.extract import document as extract_document_module
    from consilience.progress import Progress, heartbeats_paused
    from consilience.types import Document, OffsetMap, Segment

    captured: dict = {}
    monkeypatch.setattr(extract_document_module, "ProcessPoolExecutor", _fake_pool(captured))
    monkeypatch.setattr(extract_document_module, "_init_worker", lambda *a: None)
    monkeypatch.delenv("CONSILIENCE_START_METHOD", raising=False)
    progress = Progress(io.StringIO(), tty=False, interval=60)
    docs = [Document(id=f"d{i}", source="x", source_key="x", format="text", content_hash="h", raw_text="t",
                     text="t", offset_map=OffsetMap((Segment(0, 0, 1),))) for i in range(2)]
    try:
        with progress.stage("extract", "testing"):
            beating = threading.active_count()
            with heartbeats_paused():
                assert threading.active_count() == beating - 1
            assert threading.active_count() == beating, "the heartbeat starts again"
            assert list(extract_document_module.extract_many(docs, workers=2)) == ["d0", "d1"]
            assert threading.active_count() == beating
    finally:
        progress.close()
    if beating == 2:          # no thread but this one and the heartbeat: fork is safe while it waits
        assert captured["mp_context"].get_start_method() == "fork"

"""The Ray engine: extraction with Ray Data and an actor pool, linking blocks as Ray tasks.

``consilience run PATH... --engine ray [--address ADDR] [--workers N]``.
Ingest, the store and the writer stay in the calling process (the driver);
Ray runs the two costly, parallel parts:

* **Extraction.** The documents to extract stream from the store in windows
  of :data:`WINDOW_PER_ACTOR` documents an actor; each window is a Ray Data
  dataset (``from_items``, blocks of :data:`BLOCK_DOCS` documents) mapped by ``map_batches`` with a
  pool of ``workers`` actors (:class:`Extractor`), each holding the spaCy
  pipeline built once (the gazetteer comes from its on-disk cache, shared
  per node), running :func:`consilience.extract.document.extract_batch` on
  batches of ``extract.document.BATCH`` documents, as the local engine
  does.  Documents travel pickled, without what extraction does not read
  (``engines.for_extraction``); records come back pickled and are handed to
  the driver's writer in input order.
* **Linking.** ``link.stage.link_corpus`` assigns stories in the driver
  (order matters there) and reads the dirty stories block by block; each
  block is one Ray task (:func:`consilience.link.stage.link_job`), at most
  :data:`BLOCKS_IN_FLIGHT` per worker queued, and the results are written by
  the driver in block order.

Without ``--address``, a local Ray is started for the run with ``workers``
CPUs (default: one per core) and shut down after it.  With an address
(``auto``, ``HOST:PORT``, ``ray://HOST:10001``) the run joins that cluster;
every node needs Consilience and its model installed (same version), and
``workers`` defaults to the cluster's CPUs.  Ray's own settings apply to the
driver as to every node: a cluster with token authentication (the default for
clusters that ``ray start`` makes on one machine from Ray 2.59) needs
``RAY_AUTH_MODE=token`` and the token (its default path, ``RAY_AUTH_TOKEN`` or
``RAY_AUTH_TOKEN_PATH``) in the environment of ``consilience run`` too.  The
records are the same as the local engine's, in local mode and by address
(``tests/test_ray_engine.py``).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from consilience.config import Config
from consilience.engines import for_extraction
from consilience.types import Document, DocumentRecords

log = logging.getLogger(__name__)

#: Documents per actor in one Ray Data dataset (a window: what the driver holds at once, about 5 KB a
#: document); each window starts its actor pool again, 4-7 s CPU an actor against ~200 s of extraction.
WINDOW_PER_ACTOR = 2000
#: Documents per Ray Data block (the unit an actor is given; it runs them in ``BATCH``-document batches).
BLOCK_DOCS = 32
#: Linking blocks queued per worker before the driver waits for (and writes) the oldest.
BLOCKS_IN_FLIGHT = 2


class Extractor:
    """A Ray Data actor: builds the pipeline once, then extracts batches of pickled documents."""

    def __init__(self, config: Config, finish: Callable[[DocumentRecords], Any] | None = None) -> None:
        from consilience.nlp.pipeline import build_pipeline

        self.config = config
        self.finish = finish
        self.nlp = build_pipeline(config)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from consilience.extract.document import extract_batch

        docs = [pickle.loads(b) for b in batch.column("doc").to_pylist()]
        records: list[Any] = extract_batch(docs, self.nlp, config=self.config)
        if self.finish is not None:
            records = [self.finish(r) for r in records]
        return pa.table({"i": batch.column("i"),
                         "records": pa.array([pickle.dumps(r, protocol=5) for r in records], type=pa.binary())})


def _link_task(job: Any, settings: Any) -> Any:
    from consilience.link.stage import _embedder, link_job

    return link_job(job, settings, _embedder(settings))


def _windows(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    window: list[Document] = []
    for doc in docs:
        window.append(doc)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


class RayEngine:
    """Runs extraction and linking on Ray (see the module docstring)."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.address = address
        self.workers = workers or None       # 0/None: one per CPU (local) or the cluster's CPUs
        self._started = False
        self._actors = 0

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure(self) -> int:
        """Start (or join) Ray on first use; the number of actors / tasks to run at once."""
        import ray
        import ray.data

        if self._actors:
            return self._actors
        if not ray.is_initialized():
            # the workers import the same Consilience as this process (it may come from PYTHONPATH)
            src = str(Path(__file__).resolve().parents[2])
            path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH", "")) if p)
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "logging_level": logging.ERROR}
            # ray.init replaces the SIGTERM handler (with a sys.exit); keep the caller's, so that a
            # terminated run is closed as the CLI does it (interrupted, exit 143); close() stops Ray
            main = threading.current_thread() is threading.main_thread()
            previous = signal.getsignal(signal.SIGTERM) if main else None
            try:
                if self.address:
                    try:
                        ray.init(address=self.address, **kwargs)
                    except ConnectionError as err:   # the CLI prints it as one `error:` line
                        raise ConnectionError(
                            f"{err} (--address {self.address}); is its head node up (`ray status --address "
                            f"{self.address}`)?  A cluster with token authentication (Ray 2.59+ local clusters "
                            "by default) needs RAY_AUTH_MODE=token, and its token, in this process's "
                            "environment too") from err
                else:
                    from consilience.extract.document import resolve_workers

                    ray.init(num_cpus=resolve_workers(self.workers),
                             runtime_env={"env_vars": {"PYTHONPATH": path}}, **kwargs)
            finally:
                if main and previous is not None:
                    signal.signal(signal.SIGTERM, previous)
            self._started = True
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = True
        ctx.print_on_execution_start = False
        for name in ("ray", "ray.data"):      # Ray Data logs each dataset's start and end at INFO
            logging.getLogger(name).setLevel(logging.ERROR)
        self._actors = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        return self._actors

    def extract(self, docs: Iterable[Document], config: Config,
                finish: Callable[[DocumentRecords], Any] | None = None) -> Iterator[Any]:
        """Records of each document (``finish(records)``, computed in the actors, when given), in
        input order (a window of documents at a time)."""
        for window in _windows(docs, self._ensure() * WINDOW_PER_ACTOR):
            yield from self._extract_window(window, config, finish)

    def _extract_window(self, window: list[Document], config: Config,
                        finish: Callable[[DocumentRecords], Any] | None = None) -> Iterator[Any]:
        import ray.data

        from consilience.extract.document import BATCH

        actors = min(self._ensure(), -(-len(window) // BLOCK_DOCS))
        items = [{"i": i, "doc": pickle.dumps(for_extraction(d), protocol=5)} for i, d in enumerate(window)]
        ds = ray.data.from_items(items, override_num_blocks=-(-len(items) // BLOCK_DOCS))
        del items
        with warnings.catch_warnings():   # max_restarts is a "ray_remote_args" (deprecated for Ray 2.64)
            warnings.filterwarnings("ignore", message=".*ray_remote_args.*")
            ds = ds.map_batches(Extractor, fn_constructor_args=(config, finish), batch_size=BATCH, batch_format="pyarrow",
                                compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1,
                                # a local actor that dies fails the run, as a dead pool worker does (run
                                # again to go on); on a cluster, Ray restarts actors lost with their node
                                **({} if self.address else {"max_restarts": 0}))
        waiting: dict[int, Any] = {}
        nxt = 0
        for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            for i, blob in zip(batch.column("i").to_pylist(), batch.column("records").to_pylist()):
                waiting[i] = pickle.loads(blob)
            while nxt in waiting:           # in input order, whatever order the blocks come back in
                yield waiting.pop(nxt)
                nxt += 1
        if nxt != len(window):
            raise RuntimeError(f"Ray returned records for {nxt} of {len(window)} documents")

    def map_blocks(self, jobs: Iterator[Any], settings: Any) -> Iterator[tuple[Any, Any]]:
        """``(job, link_job(job))`` for each linking block, run as Ray tasks, in job order."""
        import ray

        limit = self._ensure() * BLOCKS_IN_FLIGHT
        task = ray.remote(num_cpus=1)(_link_task)
        pending: deque[tuple[Any, Any]] = deque()
        for job in jobs:
            pending.append((job, task.remote(job, settings)))
            if len(pending) >= limit:
                done, ref = pending.popleft()
                yield done, ray.get(ref)
        while pending:
            done, ref = pending.popleft()
            yield done, ray.get(ref)

    def close(self) -> None:
        """Shut down the local Ray this engine started (a cluster joined by address is only left)."""
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
        self._actors = 0


__all__ = ["BLOCKS_IN_FLIGHT", "BLOCK_DOCS", "Extractor", "RayEngine", "WINDOW_PER_ACTOR"]

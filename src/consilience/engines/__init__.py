"""Where a run's extraction and linking execute: this machine's processes, or Ray.

An engine does two things for :mod:`consilience.pipeline`; the store, the
ingest and the writing stay in the calling process (one writer):

* ``extract(docs, config, finish=None)``: records of each document, in input order
  (``finish(records)`` instead, computed where the records are made: the pipeline passes
  ``store.records.record_rows``, so the writer is handed rows ready to insert);
* ``map_blocks(jobs, settings)``: ``(job, result)`` of each linking block,
  in job order (``link.stage.link_corpus``'s hook).

``local`` (the default) is the process pool of ``extract.document.extract_many``
and in-process linking; ``ray`` (``engines/ray_engine.py``) runs the same
functions on a Ray cluster, or on a local Ray started for the run.  The
records are the same either way.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import UsageError
from consilience.types import Document, DocumentRecords, OffsetMap

ENGINES = ("local", "ray")
RAY_MISSING = "--engine ray needs Ray, which is not installed: pip install 'consilience[ray]'"
#: What ``ray[data]`` brings; looked up without importing Ray (1 s), which a run imports only to use it.
RAY_DATA_MODULES = ("ray", "pyarrow", "pandas", "fsspec")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):      # a module set to None in sys.modules, or without a spec
        return False


def for_extraction(doc: Document) -> Document:
    """``doc`` without what extraction never reads (raw text, offset map, removed lines).

    What goes to a worker is pickled: on real news this halves it (4.4 to 2.4 KB a document;
    more for HTML, whose raw text is the page).  Sending ids for workers to read from the store
    instead costs as much (0.04 ms a document from SQLite vs 0.03 ms to pickle and unpickle,
    both far below extraction's ~90 ms) and would tie workers to the store's file.
    """
    return dataclasses.replace(doc, raw_text="", offset_map=OffsetMap(()), removed=())


class Engine(Protocol):
    name: str

    def extract(self, docs: Iterable[Document], config: Config,
                finish: Callable[[DocumentRecords], Any] | None = None) -> Iterator[Any]: ...

    map_blocks: Any   # link.stage.MapBlocks, or None for in-process linking

    def close(self) -> None: ...


class LocalEngine:
    """This machine: ``config.workers`` processes for extraction, linking in process."""

    name = "local"
    map_blocks = None

    def extract(self, docs: Iterable[Document], config: Config,
                finish: Callable[[DocumentRecords], Any] | None = None) -> Iterator[Any]:
        from consilience.extract.document import extract_many

        return extract_many(docs, workers=config.workers, config=config, finish=finish)

    def close(self) -> None:
        return None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_engine(config: Config = DEFAULT_CONFIG) -> Engine:
    """The engine ``config.engine`` names; a :class:`UsageError` (exit 2) when it cannot run here."""
    if config.engine == "local":
        if config.ray_address:
            raise UsageError("--address is for --engine ray")
        return LocalEngine()
    if config.engine != "ray":
        raise UsageError(f"unknown engine {config.engine!r}; engines: {', '.join(ENGINES)}")
    if not all(_installed(name) for name in RAY_DATA_MODULES):
        raise UsageError(RAY_MISSING)
    from consilience.engines.ray_engine import RayEngine

    return RayEngine(address=config.ray_address, workers=config.workers)


__all__ = ["ENGINES", "Engine", "LocalEngine", "RAY_MISSING", "for_extraction", "open_engine"]

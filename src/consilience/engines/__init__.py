"""Where a run's extraction and linking execute: this machine's processes, or Ray.

An engine does two things for :mod:`consilience.pipeline`; the store, the
ingest and the writing stay in the calling process (one writer):

* ``extract(docs, config)``: records of each document, in input order;
* ``map_blocks(jobs, settings)``: ``(job, result)`` of each linking block,
  in job order (``link.stage.link_corpus``'s hook).

``local`` (the default) is the process pool of ``extract.document.extract_many``
and in-process linking; ``ray`` (``engines/ray_engine.py``) runs the same
functions on a Ray cluster, or on a local Ray started for the run.  The
records are the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import UsageError
from consilience.types import Document, DocumentRecords

ENGINES = ("local", "ray")
RAY_MISSING = "--engine ray needs Ray, which is not installed: pip install 'consilience[ray]'"


class Engine(Protocol):
    name: str

    def extract(self, docs: Iterable[Document], config: Config) -> Iterator[DocumentRecords]: ...

    map_blocks: Any   # link.stage.MapBlocks, or None for in-process linking

    def close(self) -> None: ...


class LocalEngine:
    """This machine: ``config.workers`` processes for extraction, linking in process."""

    name = "local"
    map_blocks = None

    def extract(self, docs: Iterable[Document], config: Config) -> Iterator[DocumentRecords]:
        from consilience.extract.document import extract_many

        return extract_many(docs, workers=config.workers, config=config)

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
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError:
        raise UsageError(RAY_MISSING) from None
    from consilience.engines.ray_engine import RayEngine

    return RayEngine(address=config.ray_address, workers=config.workers)


__all__ = ["ENGINES", "Engine", "LocalEngine", "RAY_MISSING", "open_engine"]

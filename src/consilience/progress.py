"""Saying what a long job is doing, on standard error.

A :class:`Progress` is what ``pipeline.run`` is given as ``progress``:

* ``progress.stage(name, message)`` (a context manager) announces a step
  that has no item count (loading the model, linking, writing the report)
  with one line, ``name: message``;
* ``progress(iterable, desc=..., unit=..., total=...)`` wraps a loop over
  documents: on a terminal a tqdm bar; elsewhere (a log file, CI) a line when
  the loop starts and one when it ends.

Off a terminal a background thread also prints a line every ``interval``
seconds while a step or loop is under way (``extract: 3/10 doc, 2m10s``), so a
long step is never silent.  :data:`SILENT` does nothing (the library
default; the CLI's ``-q``).
"""

from __future__ import annotations

import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, Protocol

__all__ = ["HEARTBEAT_SECONDS", "Progress", "ProgressLike", "SILENT", "Silent", "heartbeats_paused", "stage"]

#: Seconds between the "still working" lines printed off a terminal.
HEARTBEAT_SECONDS = 30.0


class ProgressLike(Protocol):
    def __call__(self, iterable: Iterable, **kw: Any) -> Iterable: ...


def _elapsed(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class Silent:
    """Reports nothing."""

    def __call__(self, iterable: Iterable, **_: Any) -> Iterable:
        return iterable

    @contextmanager
    def stage(self, name: str, message: str) -> Iterator[None]:
        yield

    def close(self) -> None:
        pass


SILENT = Silent()


class Progress:
    """Lines (off a terminal) or bars (on one) on ``stream``; see the module docstring."""

    def __init__(self, stream: IO[str] | None = None, *, tty: bool | None = None,
                 interval: float = HEARTBEAT_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)()) if tty is None else tty
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        # what is under way, oldest first: each a dict of name, started, done, total, unit (ingest and
        # extraction run at once in a run: ingest feeds extraction)
        self._active: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        _reporters.add(self)

    # -- output ----------------------------------------------------------

    def line(self, text: str) -> None:
        try:
            print(text, file=self.stream, flush=True)
        except (OSError, ValueError):   # a closed or broken stderr must not end the run
            pass

    def _status(self) -> str | None:
        with self._lock:
            active = [dict(a) for a in self._active]
        loops = [a for a in active if a["done"] is not None]
        shown = loops or active[-1:]      # the loops under way, else the innermost step
        if not shown:
            return None
        parts = []
        for cur in shown:
            count = ""
            if cur["done"] is not None:
                count = (f"{cur['done']}/{cur['total']} {cur['unit']}" if cur["total"]
                         else f"{cur['done']} {cur['unit']}") + ", "
            parts.append(f"{cur['name']}: {count}{_elapsed(self._clock() - cur['started'])}")
        return "; ".join(parts) + " so far"

    def _beat(self) -> None:
        while not self._stop.wait(self.interval):
            text = self._status()
            if text:
                self.line(text)

    def _start_heartbeat(self) -> None:
        if self.tty or self.interval <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._beat, name="consilience-progress", daemon=True)
        self._thread.start()

    def _pause(self) -> bool:
        """Stop the heartbeat thread (True if one ran); :meth:`_start_heartbeat` starts it again."""
        if self._thread is None:
            return False
        self._stop.set()
        self._thread.join()
        self._thread = None
        self._stop = threading.Event()
        return True

    def _set(self, **state: Any) -> dict[str, Any]:
        """Mark ``state`` as under way; :meth:`_restore` with what this returns ends it."""
        with self._lock:
            self._active.append(state)
        return state

    def _restore(self, state: dict[str, Any]) -> None:
        with self._lock:       # by identity, wherever it is: ingest ends while extraction goes on
            self._active = [a for a in self._active if a is not state]

    # -- API ---------------------------------------------------------------

    @contextmanager
    def stage(self, name: str, message: str) -> Iterator[None]:
        self.line(f"{name}: {message}")
        mine = self._set(name=name, started=self._clock(), done=None, total=None, unit="")
        self._start_heartbeat()
        try:
            yield
        finally:
            self._restore(mine)

    def __call__(self, iterable: Iterable, *, desc: str = "working", unit: str = "item",
                 total: int | None = None, **_: Any) -> Iterable:
        return self._iterate(iterable, desc, unit, total)

    def _iterate(self, iterable: Iterable, desc: str, unit: str, total: int | None) -> Iterator[Any]:
        started = self._clock()
        mine = self._set(name=desc, started=started, done=0, total=total, unit=unit)
        self._start_heartbeat()
        bar = None
        if self.tty:
            from tqdm import tqdm

            class Bar(tqdm):            # without tqdm's monitor thread: workers fork from one thread
                monitor_interval = 0

            bar = Bar(total=total, desc=desc, unit=unit, file=self.stream, leave=False)
        else:
            self.line(f"{desc}: started" + (f", {total} {unit}" if total is not None else ""))
        done = 0
        try:
            for item in iterable:
                yield item
                done += 1
                with self._lock:
                    mine["done"] = done
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
            self._restore(mine)
        if not self.tty:
            self.line(f"{desc}: done, {done} {unit} in {_elapsed(self._clock() - started)}")

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
            self._thread = None


#: Every live reporter, for :func:`heartbeats_paused`.
_reporters: weakref.WeakSet[Progress] = weakref.WeakSet()


@contextmanager
def heartbeats_paused() -> Iterator[None]:
    """No heartbeat thread runs inside the block; those that ran start again after it.

    For forking worker processes: a fork copies only the forking thread, and a lock another
    thread holds at that moment (the stream's, while it prints) stays held in the child, so
    workers are forked only from a process whose one thread runs
    (``extract.document.start_method``).  The heartbeat would otherwise make every run off a
    terminal spawn its workers, each building its own pipeline.
    """
    paused = [p for p in list(_reporters) if p._pause()]
    try:
        yield
    finally:
        for p in paused:
            p._start_heartbeat()


@contextmanager
def stage(progress: Any, name: str, message: str) -> Iterator[None]:
    """``progress.stage(...)`` when the reporter has stages (a plain callable does not)."""
    method = getattr(progress, "stage", None)
    if method is None:
        yield
        return
    with method(name, message):
        yield

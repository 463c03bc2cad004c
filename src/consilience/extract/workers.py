"""Pool workers that die with their parent.

A process pool's workers outlive a parent killed with ``kill -9``: they wait
on a queue whose other end they hold themselves, each with a spaCy pipeline
in memory (~750 MB), adopted by init.  :func:`init_child` is given to the
pool as its initializer; it makes the worker exit when the parent goes:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` asks the kernel to kill the
  worker the moment its parent *thread* dies (the thread that started the
  pool, which outlives the pool in ``extract_many``);
* everywhere, a daemon thread checks ``os.getppid()`` every
  :data:`WATCH_SECONDS` and ends the worker (``os._exit``) once the parent
  pid has changed (the worker was re-parented).

Then it calls the pool's own initializer::

    ProcessPoolExecutor(..., initializer=init_child, initargs=(os.getpid(), _init_worker, config, parse))
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["WATCH_SECONDS", "die_with_parent", "init_child"]

#: How often the portable watchdog looks at the parent pid.
WATCH_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1
_EXIT_ORPHANED = 70


def _set_pdeathsig() -> bool:
    """Linux: the kernel sends SIGKILL to this process when its parent dies; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int, interval: float) -> None:
    stop = threading.Event()
    while not stop.wait(interval):
        if os.getppid() != parent_pid:
            os._exit(_EXIT_ORPHANED)


def die_with_parent(parent_pid: int | None = None, *, interval: float = WATCH_SECONDS) -> None:
    """Make this process exit when ``parent_pid`` (default: the current parent) dies."""
    parent_pid = os.getppid() if parent_pid is None else parent_pid
    _set_pdeathsig()
    if os.getppid() != parent_pid:   # the parent died before the request took effect
        os._exit(_EXIT_ORPHANED)
    threading.Thread(target=_watch, args=(parent_pid, interval), name="consilience-parent-watch",
                     daemon=True).start()


def init_child(parent_pid: int, initializer: Callable[..., Any] | None = None, *args: Any) -> None:
    """A pool initializer: die with ``parent_pid``, then run the pool's own ``initializer(*args)``."""
    die_with_parent(parent_pid)
    if initializer is not None:
        initializer(*args)

"""One writer per database: an advisory lock file held for a whole run.

``consilience run`` and ``ingest`` hold an exclusive lock on ``DB.lock`` (the
database path plus ``.lock``) from before the schema is migrated until the
run ends, so two runs on one database never interleave: the second waits
("another run holds this database; waiting") or, asked not to wait, stops
with :class:`~consilience.errors.StoreBusyError`.  The operating system
drops the lock when the holder dies, even by ``kill -9``, so a lock is never
left stale; whoever holds it next knows that every run still marked
``running`` is dead (:func:`consilience.store.runs.close_abandoned_runs`).

The lock file is kept (deleting a lock file races with a process about to
lock it); it holds the holder's pid and host as text, for messages only.
POSIX uses ``flock``; Windows locks the file's first byte with ``msvcrt``.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

from consilience.errors import StoreBusyError

__all__ = ["WriterLock", "lock_path", "writer_active"]

#: How often a waiting writer retries where the platform cannot block (Windows).
_RETRY_SECONDS = 0.5


def lock_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + ".lock")


def _try_lock(fd: int, exclusive: bool = True) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _lock_blocking(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        while not _try_lock(fd):
            time.sleep(_RETRY_SECONDS)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""


class WriterLock:
    """The exclusive writer lock of one database; ``acquire`` then ``release`` (or use ``with``)."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreBusyError(f"{str(self.path)!r}: cannot create the writer lock file ({exc.strerror})") from exc
        try:
            if not _try_lock(fd):
                holder = _holder(self.path)
                if not wait:
                    raise StoreBusyError(f"another run holds this database{holder}; exiting (--no-wait)")
                if on_wait is not None:
                    on_wait(f"another run holds this database{holder}; waiting")
                _lock_blocking(fd)
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> "WriterLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def writer_active(db_path: str | Path) -> bool:
    """True while some process holds the writer lock of ``db_path`` (nothing is created or changed)."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if sys.platform == "win32":  # pragma: no cover
            return False if _try_lock(fd) and (_unlock(fd) or True) else True
        if _try_lock(fd, exclusive=False):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)

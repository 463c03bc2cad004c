"""The exception tree.  Every error has a code and one shape: ``C### message``.

    ConsilienceError
    ├── InputError        a file or record that cannot be read (names the file)
    ├── ModelMissingError the spaCy English pipeline is not installed
    ├── StoreError        the database cannot be opened or migrated
    │   ├── MissingDatabaseError  a read-only command named a database that does not exist (exit 2)
    │   └── StoreBusyError        another run holds the database's writer lock
    └── UsageError        a bad option or argument (CLI exit code 2)
"""

from __future__ import annotations


def path_text(path: str) -> str:
    """A path as valid Unicode text, for storing and showing.

    A file name that is not valid UTF-8 reaches Python with its bad bytes as
    lone surrogates (``os.fsdecode``), which cannot be encoded, hashed as
    UTF-8 or stored in SQLite; they are written as ``\\xff`` escapes here.
    The path used to open the file is kept apart by the readers.
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # lone surrogates that are not escaped bytes
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def shown_path(path: str) -> str:
    """A path for one line of a message: as is, or quoted with escapes when it
    holds a newline, another control character or an unprintable character
    (so a file name cannot forge extra lines on a terminal or in a log)."""
    text = path_text(path)
    return text if text.isprintable() else repr(text)


def one_line(text: str) -> str:
    """``text`` with control and unprintable characters written as escapes."""
    if text.isprintable():
        return path_text(text)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


class ConsilienceError(Exception):
    code = "C000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class InputError(ConsilienceError):
    """A source that cannot be ingested.  ``path`` names the file (and entry)."""

    code = "C100"

    def __init__(self, path: str, reason: str) -> None:
        reason = one_line(reason)
        super().__init__(f"{shown_path(path)}: {reason}")
        self.path = path_text(path)
        self.reason = reason


class ModelMissingError(ConsilienceError):
    code = "C200"


class StoreError(ConsilienceError):
    code = "C300"


class MissingDatabaseError(StoreError):
    code = "C301"


class StoreBusyError(StoreError):
    code = "C302"


class UsageError(ConsilienceError):
    code = "C400"


__all__ = ["ConsilienceError", "InputError", "MissingDatabaseError", "ModelMissingError", "StoreBusyError",
           "StoreError", "UsageError", "one_line", "path_text", "shown_path"]

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
        super().__init__(f"{path}: {reason}")
        self.path = path
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
           "StoreError", "UsageError"]

"""Consilience: rebuild what happened from many news reports, cross-checked and source-attributed.

``consilience.open(db)`` opens a database for notebooks (see ``consilience.api``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Corpus", "__version__", "open"]

if TYPE_CHECKING:
    from consilience.api import Corpus


def open(path: Any) -> "Corpus":  # noqa: A001 - the documented entry point, like sqlite3.connect
    """Open a Consilience database read-only: typed records and pandas DataFrames per record type."""
    from consilience.api import open_corpus

    return open_corpus(path)


def __getattr__(name: str) -> Any:
    if name == "Corpus":
        from consilience.api import Corpus

        return Corpus
    raise AttributeError(name)

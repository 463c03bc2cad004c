"""Reading the packaged TSV tables in ``consilience/data`` (rules as data).

Every table has ``#`` comment lines (source, licence, meaning), then a header
row, then one row per entry; a short row is padded with empty cells.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["read_tsv"]


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    text = resources.files("consilience").joinpath("data", name).read_text(encoding="utf-8")
    header: list[str] | None = None
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        out.append(tuple(zip(header, cols + [""] * (len(header) - len(cols)))))
    return tuple(out)


def read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of ``data/NAME`` as dicts keyed by its header (a fresh list each call)."""
    return [dict(row) for row in _rows(name)]

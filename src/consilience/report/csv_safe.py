"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection").

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read by Excel, LibreOffice and Google Sheets as a formula, so an
outlet name or a quoted sentence such as ``=HYPERLINK("http://evil", "x")``
would run on the analyst's machine.  OWASP's advice: prefix such a cell with a
single quote, which spreadsheets show as text.  Cells that are numbers (a
negative longitude, ``-0.5``) are left alone, so they stay numeric.

Every CSV writer of Consilience goes through :func:`safe_cell` unless the user
asks for raw cells (``consilience export --no-csv-safety``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["FORMULA_PREFIXES", "is_number", "safe_cell", "safe_row"]

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def is_number(text: str) -> bool:
    """True for a plain finite decimal number (``-45.1``, ``+3``, ``1e3``); False for anything else."""
    try:
        return math.isfinite(float(text)) and text.strip() == text and "_" not in text
    except ValueError:
        return False


def safe_cell(value: Any) -> Any:
    """The cell, prefixed with ``'`` when it is text a spreadsheet would run as a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES) or is_number(value):
        return value
    return "'" + value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: safe_cell(v) for k, v in row.items()}

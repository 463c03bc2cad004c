"""The example corpus as the extraction tests read it."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"


@lru_cache(maxsize=1)
def published_dates() -> dict[str, str]:
    """Publication date of each example, keyed by its three-digit prefix (from manifest.csv)."""
    with (EXAMPLES / "manifest.csv").open(encoding="utf-8") as f:
        return {row["path"][:3]: row["published"] for row in csv.DictReader(f)}

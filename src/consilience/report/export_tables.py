"""`consilience export --format csv|parquet`: one flat table per record type.

Rows come from the store's SQL views (``v_*``, migration 6), so the columns
are the views' flat, named columns.  CSV writes ``NAME.csv`` per table into a
folder; Parquet writes ``NAME.parquet`` (pyarrow, the optional ``parquet``
extra), with a GeoParquet ``geometry`` column (WKB points, CRS84) for the
tables that carry coordinates.
"""

from __future__ import annotations

import csv
import json
import os
import struct
from pathlib import Path
from typing import Any

from consilience.errors import UsageError
from consilience.store import Store

# export file name -> view
TABLES: dict[str, str] = {
    "documents": "v_documents", "stories": "v_stories", "claims": "v_claims", "events": "v_events",
    "merged_events": "v_merged_events", "claim_groups": "v_claim_groups", "disputes": "v_disputes",
    "ledger": "v_ledger", "figures": "v_figures", "places": "v_places", "dates": "v_dates",
    "mentions": "v_mentions", "relations": "v_relations",
}
GEO_TABLES = ("events", "merged_events", "places")


def table_rows(store: Store, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    cur = store.conn.execute(f"SELECT * FROM {TABLES[name]} ORDER BY 1")
    columns = [d[0] for d in cur.description]
    return columns, [tuple(r) for r in cur]


def _prepare(out_dir: str | Path) -> Path:
    if str(out_dir) == "-":
        raise UsageError("csv and parquet exports write one file per record type: name a folder with -o DIR")
    path = Path(out_dir)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: exists and is not a folder; csv and parquet exports write into a folder")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_csv(store: Store, out_dir: str | Path, *, csv_safety: bool = True) -> dict[str, int]:
    """One CSV per table; text cells a spreadsheet would run as formulas are neutralised unless
    ``csv_safety`` is False (``report/csv_safe.py``)."""
    from consilience.report.csv_safe import safe_cell

    path = _prepare(out_dir)
    counts = {}
    for name in TABLES:
        columns, rows = table_rows(store, name)
        tmp = path / f".{name}.csv.tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows([[safe_cell(v) for v in row] for row in rows] if csv_safety else rows)
        os.replace(tmp, path / f"{name}.csv")
        counts[name] = len(rows)
    return counts


def wkb_point(lon: float | None, lat: float | None) -> bytes | None:
    """A 2D point as little-endian WKB (GeoParquet's geometry encoding)."""
    if lon is None or lat is None:
        return None
    return struct.pack("<BIdd", 1, 1, float(lon), float(lat))


GEO_METADATA = {"version": "1.0.0", "primary_column": "geometry",
                "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"]}}}


def write_parquet(store: Store, out_dir: str | Path) -> dict[str, int]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UsageError("Parquet export needs pyarrow: pip install 'consilience[parquet]'") from exc
    path = _prepare(out_dir)
    counts = {}
    for name in TABLES:
        columns, rows = table_rows(store, name)
        data = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
        table = pa.table({c: pa.array(v) if any(x is not None for x in v) else pa.array(v, pa.string())
                          for c, v in data.items()})
        if name in GEO_TABLES:
            geometry = pa.array([wkb_point(lon, lat) for lon, lat in zip(data["longitude"], data["latitude"])],
                                pa.binary())
            table = table.append_column("geometry", geometry)
            meta = dict(table.schema.metadata or {})
            meta[b"geo"] = json.dumps(GEO_METADATA).encode()
            table = table.replace_schema_metadata(meta)
        tmp = path / f".{name}.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, path / f"{name}.parquet")
        counts[name] = len(rows)
    return counts


__all__ = ["GEO_TABLES", "TABLES", "table_rows", "wkb_point", "write_csv", "write_parquet"]

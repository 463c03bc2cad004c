"""`consilience export --format json`: every record type in one JSON object.

The shape is documented in docs/schema.md and versioned by EXPORT_SCHEMA_VERSION
(semantic: a minor bump adds fields or lists, a major bump changes or removes).
"""

from __future__ import annotations

import json
from typing import IO, Any

from consilience import __version__
from consilience.store import Store
from consilience.store.documents import iter_documents
from consilience.store.links import iter_links
from consilience.link.persist import load_link_result
from consilience.link.records import to_data
from consilience.store.records import iter_actors, iter_records
from consilience.types import DOCUMENT_RECORD_TYPES, Document, record_to_dict

EXPORT_SCHEMA_VERSION = "1.2"

# Cross-document results (consilience.link), one list each.
LINK_LISTS = ("merged_events", "claim_groups", "contradictions", "ledger", "framing", "relations")

def document_to_export(doc: Document, *, include_raw: bool = True) -> dict[str, Any]:
    """A document with every field; ``offset_map`` as [clean_start, raw_start, length] rows."""
    data = record_to_dict(doc)
    if not include_raw:
        data.pop("raw_text", None)
    return data


def export_data(store: Store, *, include_raw: bool = True) -> dict[str, Any]:
    conn = store.conn
    out: dict[str, Any] = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generator": f"consilience {__version__}",
        "documents": [document_to_export(d, include_raw=include_raw) for d in iter_documents(conn)],
        "actors": [record_to_dict(a) for a in iter_actors(conn)],
    }
    for table in DOCUMENT_RECORD_TYPES:
        out[table] = [record_to_dict(r) for r in iter_records(conn, table)]
    out["links"] = [record_to_dict(link) for link in iter_links(conn)]
    link = load_link_result(conn)
    out["stories"] = [to_data(s) for s in link.stories]
    for name in LINK_LISTS:
        out[name] = [to_data(r) for r in getattr(link, name)]
    return out


def write_json(store: Store, fh: IO[str], *, include_raw: bool = True) -> dict[str, int]:
    data = export_data(store, include_raw=include_raw)
    json.dump(data, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return {k: len(v) for k, v in data.items() if isinstance(v, list)}

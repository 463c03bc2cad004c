"""The JSON Schema of `consilience export --format json`, derived from the dataclasses.

``export_schema()`` builds it from ``consilience.types`` and
``consilience.link.records`` (the one place the data model is defined);
``docs/export.schema.json`` is that schema written out, and a test checks
that the file is current and that a real export validates against it.
Regenerate with ``python -m consilience.report.json_schema > docs/export.schema.json``.
"""

from __future__ import annotations

import dataclasses
import json
import types as pytypes
import typing
from typing import Any

from consilience.link import records as link_records
from consilience.report.export_json import EXPORT_SCHEMA_VERSION, LINK_LISTS
from consilience.types import DOCUMENT_RECORD_TYPES, Actor, Document, Link, OffsetMap, Story

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}
_LINK_TYPES = {"merged_events": link_records.MergedEvent, "claim_groups": link_records.ClaimGroup,
               "contradictions": link_records.Contradiction, "ledger": link_records.LedgerEntry,
               "framing": link_records.FramingRow, "relations": link_records.Relation}


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is pytypes.UnionType:
        options = [_type_schema(a, defs) for a in typing.get_args(hint)]
        return {"anyOf": options}
    if hint is type(None):
        return {"type": "null"}
    if hint is OffsetMap:
        return {"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 3, "maxItems": 3}}
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]} if hint is not float else {"type": ["number", "integer"]}
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False,
            "description": (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""}


def export_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    lists: dict[str, Any] = {}
    doc = _object_schema(Document, defs)
    doc["required"] = [r for r in doc["required"] if r != "raw_text"]  # --no-raw leaves it out
    defs["Document"] = doc
    lists["documents"] = {"type": "array", "items": {"$ref": "#/$defs/Document"}}
    lists["actors"] = {"type": "array", "items": _type_schema(Actor, defs)}
    for table, cls in DOCUMENT_RECORD_TYPES.items():
        lists[table] = {"type": "array", "items": _type_schema(cls, defs)}
    lists["links"] = {"type": "array", "items": _type_schema(Link, defs)}
    lists["stories"] = {"type": "array", "items": _type_schema(Story, defs)}
    for name in LINK_LISTS:
        lists[name] = {"type": "array", "items": _type_schema(_LINK_TYPES[name], defs)}
    from consilience.link.disputes import Dispute

    lists["disputes"] = {"type": "array", "items": _type_schema(Dispute, defs)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://consilience.invalid/export.schema.json",
        "title": f"Consilience JSON export, schema {EXPORT_SCHEMA_VERSION}",
        "type": "object",
        "properties": {"schema_version": {"type": "string", "pattern": r"^\d+\.\d+$"},
                       "generator": {"type": "string"}, **lists},
        "required": ["schema_version", "generator", *lists],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


if __name__ == "__main__":
    print(json.dumps(export_schema(), indent=1, ensure_ascii=False))

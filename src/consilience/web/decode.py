"""``from_data`` for the linking records with the type hints looked up once per class.

``consilience.link.records.from_data`` resolves ``typing.get_type_hints`` on
every call, which dominates a story page (thousands of records); this does the
same decoding with the hints cached.
"""

from __future__ import annotations

import dataclasses
import functools
import types as pytypes
import typing
from typing import Any


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


@functools.cache
def _plan(hint: Any) -> tuple[str, Any]:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is pytypes.UnionType:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return ("union", args[0]) if len(args) == 1 else ("plain", None)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return ("seq", args[0])
        return ("fixed", args)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return ("record", hint)
    return ("plain", None)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    kind, arg = _plan(hint)
    if kind == "union":
        return _decode(arg, value)
    if kind == "seq":
        return tuple(_decode(arg, v) for v in value)
    if kind == "fixed":
        return tuple(_decode(a, v) for a, v in zip(arg, value))
    if kind == "record":
        return from_data(arg, value)
    return value


def from_data(cls: type, data: dict[str, Any]) -> Any:
    return cls(**{name: _decode(hint, data[name]) for name, hint in _fields(cls) if name in data})

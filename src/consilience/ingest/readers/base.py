"""What every reader shares: where an input came from, and how an item is built.

Why one builder: the rules that make items comparable across formats (which
metadata wins, what the ``source_key`` is, when a text is too long or empty)
must be the same for a text file, a JSONL line and a WARC record, so they are
written once here and the format readers only say what they found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from consilience.config import Config
from consilience.errors import InputError
from consilience.ingest.items import RawItem

#: Metadata keys a reader may fill, in the order they are reported.
META_KEYS: tuple[str, ...] = ("title", "author", "url", "outlet", "published", "language", "sitename")

#: Manifest keys that describe a single document only; they are not spread over
#: every entry of a container (a JSONL file or feed listed in a manifest).
DOCUMENT_ONLY_KEYS: frozenset[str] = frozenset({"title", "author", "url"})

#: Origins whose ``url`` identifies the source (an HTML page's own canonical
#: link does not: a file on disk is identified by its path).
KEY_URL_ORIGINS: frozenset[str] = frozenset({"manifest", "jsonl", "feed", "warc"})


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an input came from: what to call it and what identifies it.

    ``source`` is the path as the user gave it (or ``-``); ``key`` the identity
    used when no URL is known (an absolute path, or ``stdin:<sha256>``);
    ``manifest`` the metadata a manifest gave for this input.
    """

    source: str
    key: str
    manifest: Mapping[str, str] = field(default_factory=dict)

    def entry(self, number: int, sep: str = "#") -> Origin:
        """The origin of the ``number``-th entry (1-based) of this container."""
        return Origin(f"{self.source}{sep}{number}", f"{self.key}#{number}", self.manifest)

    def error(self, reason: str) -> InputError:
        return InputError(self.source, reason)


def clean_value(value: Any) -> str | None:
    """A metadata value as a stripped string, or ``None`` when it says nothing.

    Numbers are accepted (a year written as ``2020``); other JSON types are not
    metadata and are dropped rather than stringified into nonsense.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def merge_meta(*layers: tuple[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Merge metadata layers, earlier layers winning, recording each value's origin.

    Each layer is ``(origin, values)``.  The result has ``K`` and ``K_origin``
    for every key that some layer gave a non-empty value for.
    """
    meta: dict[str, Any] = {}
    for origin, values in layers:
        for key, raw in values.items():
            if key.endswith("_origin") or key in meta:
                continue
            value = clean_value(raw)
            if value is None:
                continue
            meta[key] = value
            meta[f"{key}_origin"] = origin
    return meta


def container_manifest(manifest: Mapping[str, str]) -> dict[str, str]:
    """The part of a manifest row that applies to every entry of a container."""
    return {k: v for k, v in manifest.items() if k not in DOCUMENT_ONLY_KEYS}


def build_item(origin: Origin, fmt: str, text: str, meta: dict[str, Any],
               config: Config, notes: tuple[str, ...] = ()) -> RawItem | InputError:
    """Check the text and make the item; the error says what to do when it fails."""
    if not text.strip():
        return origin.error("has no text (it is empty or only whitespace)")
    if len(text) > config.max_document_chars:
        return origin.error(
            f"has {len(text):,} characters, more than max_document_chars "
            f"({config.max_document_chars:,}); split it into articles or raise that setting")
    url = meta.get("url")
    key = url if url and meta.get("url_origin") in KEY_URL_ORIGINS else origin.key
    return RawItem(source=origin.source, source_key=key, format=fmt, text=text, meta=meta, notes=notes)


def normalise_newlines(text: str) -> str:
    """Universal newlines, as Python's text mode gives them: offsets count one char per break."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")

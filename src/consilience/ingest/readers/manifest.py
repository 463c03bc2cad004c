"""Manifests: a CSV or JSONL list of files with what the user knows about each.

Why manifests matter: a scraped text rarely says reliably which outlet
published it or when; the user usually knows (from the feed or the URL they
saved it from).  A manifest states that once per file, and its values are
recorded with origin ``"manifest"`` so that later stages prefer them over
guesses from the text.

Columns: ``path`` (required, relative to the manifest's folder), ``outlet``,
``url``, ``published``, ``language``, ``title``, ``author``; other columns
(``note``...) are ignored.

Why paths must stay inside the manifest's folder: a manifest is often
downloaded with the files it lists, and one that names ``../../etc/passwd``
or ``/etc/hostname`` would otherwise have Consilience read those files into
the database, the export and the report.  A path that resolves (symbolic
links followed) outside the folder is an error naming the manifest and the
entry, unless the user allows it (``allow_outside_manifest``,
``--allow-outside-manifest``).
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field

from consilience.errors import InputError, shown_path
from consilience.ingest.readers.base import clean_value
from consilience.ingest.readers.decode import DecodeError, decode_bytes

MANIFEST_NAMES: tuple[str, ...] = ("manifest.csv", "manifest.jsonl")

#: Manifest columns that become item metadata.
MANIFEST_FIELDS: tuple[str, ...] = ("outlet", "url", "published", "language", "title", "author")

#: A manifest bigger than this is not a list of files; refuse it rather than hold it.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


class ManifestError(Exception):
    """A manifest that cannot be used at all; ``error`` says why."""

    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One listed file: its path as written, where it is, and its metadata."""

    path: str          # as written in the manifest
    display: str       # joined to the manifest's folder as the user gave it
    absolute: str      # for lookups
    line: int          # 1-based line (CSV: the row's last physical line)
    meta: dict[str, str]


@dataclass(frozen=True, slots=True)
class Manifest:
    """A loaded manifest: its usable entries, its unusable rows, and a path index."""

    path: str
    entries: tuple[ManifestEntry, ...]
    problems: tuple[InputError, ...] = ()   # rows that could not be used
    by_absolute: dict[str, ManifestEntry] = field(default_factory=dict)

    def lookup(self, absolute: str) -> ManifestEntry | None:
        return self.by_absolute.get(os.path.normcase(absolute))


def is_manifest_name(name: str) -> bool:
    return name.lower() in MANIFEST_NAMES


def find_manifest(folder: str) -> str | None:
    """The manifest file a folder holds, if any (CSV preferred)."""
    for name in MANIFEST_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def load_manifest(path: str, *, allow_outside: bool = False) -> Manifest:
    """Read a manifest; raise :class:`ManifestError` if it cannot be used at all.

    Entries whose path resolves outside the manifest's folder become problems
    unless ``allow_outside``.
    """
    try:
        size = os.path.getsize(path)
        if size > MAX_MANIFEST_BYTES:
            raise ManifestError(InputError(path, f"is a manifest of {size:,} bytes, too large to be a "
                                                 "list of files; check that this is the manifest"))
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ManifestError(InputError(path, f"manifest cannot be read ({exc.strerror or exc})")) from None
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        raise ManifestError(InputError(path, f"manifest {exc.reason}")) from None
    if path.lower().endswith(".jsonl"):
        rows = list(_jsonl_rows(path, text))
    else:
        rows = list(_csv_rows(path, text))
    folder = os.path.dirname(path)
    entries: list[ManifestEntry] = []
    problems: list[InputError] = []
    for line, row in rows:
        if isinstance(row, InputError):
            problems.append(row)
            continue
        listed = clean_value(row.get("path"))
        if listed is None:
            problems.append(InputError(f"{path}:{line}", "manifest row has no path; fill in the "
                                                         "'path' column or delete the row"))
            continue
        display = os.path.join(folder, listed)
        if not allow_outside and not _inside(display, folder):
            problems.append(InputError(
                f"{path}:{line}",
                f"manifest entry {shown_path(listed)} is outside the manifest's folder "
                f"({shown_path(os.path.abspath(folder or os.curdir))}); it was not read.  Manifest paths are "
                "relative to the manifest's folder; pass --allow-outside-manifest to read files elsewhere"))
            continue
        meta = {k: v for k in MANIFEST_FIELDS if (v := clean_value(row.get(k))) is not None}
        entries.append(ManifestEntry(listed, display, os.path.abspath(display), line, meta))
    index = {os.path.normcase(e.absolute): e for e in reversed(entries)}
    return Manifest(path, tuple(entries), tuple(problems), index)


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` resolves (links followed) to ``folder`` or below it."""
    try:
        root = os.path.realpath(folder or os.curdir)
        target = os.path.realpath(path)
        return os.path.commonpath([root, target]) == root
    except (OSError, ValueError):
        return False


def _csv_rows(path: str, text: str) -> list[tuple[int, dict[str, str] | InputError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise ManifestError(InputError(path, f"manifest is not valid CSV ({exc})")) from None
    names = [(name or "").strip().lower() for name in header or ()]
    if "path" not in names:
        raise ManifestError(InputError(
            path, "manifest has no 'path' column; its first row must name the columns, "
                  "e.g. path,outlet,published,language"))
    reader.fieldnames = names
    rows: list[tuple[int, dict[str, str] | InputError]] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows.append((reader.line_num, InputError(f"{path}:{reader.line_num}",
                                                     f"manifest row is not valid CSV ({exc})")))
            continue
        rows.append((reader.line_num, {k: v for k, v in row.items() if isinstance(k, str)}))
    return rows


def _jsonl_rows(path: str, text: str) -> list[tuple[int, dict[str, str] | InputError]]:
    rows: list[tuple[int, dict[str, str] | InputError]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            rows.append((number, InputError(f"{path}:{number}", f"manifest line is not valid JSON ({exc})")))
            continue
        if not isinstance(obj, dict):
            rows.append((number, InputError(f"{path}:{number}",
                                            'manifest line is not a JSON object like {"path": "a.txt"}')))
            continue
        rows.append((number, {str(k).lower(): v for k, v in obj.items()}))
    return rows

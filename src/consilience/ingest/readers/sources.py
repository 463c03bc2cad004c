"""Where inputs come from: paths, folders, manifests and stdin, each sent to its reader.

Why errors are yielded rather than raised: a batch of thousands of files
should not stop at the first bad one.  Every problem becomes an
:class:`~consilience.errors.InputError` naming the file (and entry) in the same
stream as the items, so the caller reports it and the rest goes on.

Size limits are applied before reading wherever the size is known: a text or
HTML file is refused on its ``stat`` size, a compressed one while it is being
decompressed, so that one huge input cannot exhaust memory.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO, cast

from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import InputError, path_text, shown_path
from consilience.ingest.items import RawItem
from consilience.ingest.readers import sniff
from consilience.ingest.readers.base import Origin
from consilience.ingest.readers.feed import read_feed
from consilience.ingest.readers.fetch import Fetcher, make_fetcher
from consilience.ingest.readers.html import html_item
from consilience.ingest.readers.jsonl import read_jsonl
from consilience.ingest.readers.manifest import (
    Manifest,
    ManifestEntry,
    ManifestError,
    find_manifest,
    is_manifest_name,
    load_manifest,
)
from consilience.ingest.readers.own import is_own_output, output_kind, own_output_paths
from consilience.ingest.readers.text import read_text
from consilience.ingest.readers.warc import read_warc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Skip:
    """A file passed over on purpose (Consilience's own output): a note, not an error."""

    source: str
    reason: str


Result = RawItem | InputError | _Skip

#: Bytes looked at to sniff a format.
HEAD_BYTES = 8192

#: Stdin is copied to a temporary file (in memory up to this size) so that it
#: can be hashed for its source key and still be read as a stream.
STDIN_SPOOL_BYTES = 16 * 1024 * 1024

_SKIPPED_PREFIXES: tuple[str, ...] = ("readme", "license", "licence")

_GZIP_ERRORS = (EOFError, OSError, zlib.error)


def iter_items(paths: Sequence[str], *, manifest: str | None = None, fetch: bool = False,
               fetcher: Callable[[str], bytes] | None = None, stdin: BinaryIO | None = None,
               config: Config = DEFAULT_CONFIG) -> Iterator[RawItem | InputError]:
    """Read every article the inputs hold, yielding items and errors in input order.

    ``paths`` are files, folders or ``-`` (stdin).  ``manifest`` names a
    manifest explicitly: with no paths, exactly the files it lists are read;
    with paths, it gives the metadata of those it lists (and, for a folder,
    which of its files to read).  Feed entries' pages are downloaded only when
    ``fetch`` is true, with ``fetcher`` (by default urllib, http(s) only).

    The database and report that ``config`` names, SQLite files and
    Consilience reports are skipped with a log note (see ``readers.own``).
    """
    for result in _iter_results(paths, manifest=manifest, fetch=fetch, fetcher=fetcher, stdin=stdin,
                                config=config):
        if isinstance(result, _Skip):
            log.info("skipped %s: %s", shown_path(result.source), result.reason)
        else:
            yield result


def _iter_results(paths: Sequence[str], *, manifest: str | None, fetch: bool,
                  fetcher: Callable[[str], bytes] | None, stdin: BinaryIO | None,
                  config: Config) -> Iterator[Result]:
    if isinstance(paths, str):
        paths = [paths]
    if fetch and fetcher is None:
        fetcher = make_fetcher(4 * config.max_document_chars)
    run = _Run(config, fetch, fetcher, stdin)
    explicit: Manifest | None = None
    if manifest is not None:
        try:
            explicit = load_manifest(manifest, allow_outside=config.allow_outside_manifest)
        except ManifestError as exc:
            yield exc.error
            return
        yield from explicit.problems
        if not paths:
            yield from run.entries(explicit, explicit.entries)
            return
    for path in paths:
        yield from run.path(path, explicit)


class _Run:
    """The settings of one ``iter_items`` call, and the manifests it has read."""

    def __init__(self, config: Config, fetch: bool, fetcher: Fetcher | None,
                 stdin: BinaryIO | None) -> None:
        self.config = config
        self.fetch = fetch
        self.fetcher = fetcher
        self.stdin = stdin
        self.outputs = own_output_paths(config)
        self._siblings: dict[str, Manifest | None] = {}

    # -- inputs -------------------------------------------------------------

    def path(self, path: str, explicit: Manifest | None) -> Iterator[Result]:
        if path == "-":
            yield from self.read_stdin()
        elif os.path.isdir(path):
            yield from self.folder(path, explicit)
        elif os.path.isfile(path):
            if explicit is None and is_manifest_name(os.path.basename(path)):
                yield from self.manifest_file(path)
                return
            absolute = os.path.abspath(path)
            found = explicit or self._sibling_manifest(absolute)
            entry = found.lookup(absolute) if found is not None else None
            yield from self.file(path, absolute, entry.meta if entry else {})
        elif os.path.lexists(path):
            yield InputError(path, "is not a regular file or folder (a broken link, a pipe or a device?)")
        else:
            yield InputError(path, "does not exist; check the path")

    def manifest_file(self, path: str) -> Iterator[Result]:
        try:
            loaded = load_manifest(path, allow_outside=self.config.allow_outside_manifest)
        except ManifestError as exc:
            yield exc.error
            return
        yield from loaded.problems
        yield from self.entries(loaded, loaded.entries)

    def folder(self, path: str, explicit: Manifest | None) -> Iterator[Result]:
        produced = tried = 0
        for found in self._files(path, explicit):
            if isinstance(found, InputError):
                yield found
                continue
            tried += 1
            for result in self.file(*found):
                produced += isinstance(result, RawItem)
                tried -= isinstance(result, _Skip)
                yield result
        if not produced:
            detail = (f"none of its {tried} file(s) could be read (see the errors above)" if tried
                      else "it holds no files to read (hidden files, README, LICENSE and Consilience's "
                           "own databases and reports are skipped)")
            yield InputError(path, f"folder has no readable documents: {detail}")

    def entries(self, manifest: Manifest, entries: Sequence[ManifestEntry]) -> Iterator[Result]:
        for entry in entries:
            problem = _entry_problem(manifest, entry)
            if problem is not None:
                yield problem
            else:
                yield from self.file(entry.display, entry.absolute, entry.meta)

    def read_stdin(self) -> Iterator[Result]:
        source = self.stdin if self.stdin is not None else sys.stdin.buffer
        digest = hashlib.sha256()
        size = 0
        with tempfile.SpooledTemporaryFile(max_size=STDIN_SPOOL_BYTES) as spool:
            try:
                while chunk := source.read(1024 * 1024):
                    digest.update(chunk)
                    spool.write(chunk)
                    size += len(chunk)
            except OSError as exc:
                yield InputError("-", f"standard input cannot be read ({exc})")
                return
            spool.seek(0)
            origin = Origin("-", f"stdin:{digest.hexdigest()}")
            yield from self.stream(spool, origin, "-", size, text_format="stdin")

    def file(self, display: str, absolute: str, meta: dict[str, str]) -> Iterator[Result]:
        # ``display`` opens the file; the origin names it in valid Unicode (a
        # name with bytes that are not UTF-8 is stored with ``\xNN`` escapes).
        origin = Origin(path_text(display), path_text(absolute), meta)
        if is_own_output(display, self.outputs):
            yield _Skip(origin.source, "is this run's own database or report (or a file SQLite keeps "
                                       "next to the database), not an article")
            return
        try:
            handle = open(display, "rb")
        except OSError as exc:
            yield origin.error(f"cannot be opened ({exc.strerror or exc})")
            return
        with handle:
            yield from self.stream(handle, origin, display, os.fstat(handle.fileno()).st_size)

    # -- one byte stream ----------------------------------------------------

    def stream(self, handle: IO[bytes], origin: Origin, name: str, size: int,
               text_format: str = "text") -> Iterator[Result]:
        """Sniff a seekable stream and hand it to its reader."""
        if size == 0:
            yield origin.error("is empty")
            return
        inner, named_gz = sniff.inner_name(os.path.basename(name))
        limit = 4 * self.config.max_document_chars
        by_name = sniff.format_from_name(inner)
        if not named_gz and by_name in (sniff.TEXT, sniff.HTML, sniff.FEED) and size > limit:
            yield _too_big(origin, size, limit)  # refused on its size alone, before any read
            return
        try:
            head = handle.read(HEAD_BYTES)
            compressed = head.startswith(sniff.GZIP_MAGIC)
            if compressed:
                # The first member's start is enough to sniff; truncation shows when read.
                head = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
            handle.seek(0)
        except _GZIP_ERRORS as exc:
            yield origin.error(_gzip_reason(exc))
            return
        output = output_kind(head)
        if output is not None:
            yield _Skip(origin.source, output)
            return
        problem = sniff.binary_problem(head)
        if problem is not None:
            yield origin.error(problem)
            return
        fmt = sniff.detect(inner, head)
        if fmt == sniff.WARC:
            yield from read_warc(handle, origin, self.config)
            return
        body = cast(IO[bytes], gzip.GzipFile(fileobj=handle)) if compressed else handle
        try:
            yield from self._read_body(body, origin, fmt, size if not compressed else None,
                                       text_format)
        finally:
            if body is not handle:
                body.close()

    def _read_body(self, body: IO[bytes], origin: Origin, fmt: str, size: int | None,
                   text_format: str) -> Iterator[Result]:
        """Read a (decompressed) stream with the reader for ``fmt``; ``size`` if known."""
        if fmt == sniff.JSONL:
            yield from read_jsonl(body, origin, self.config)
            return
        limit = 4 * self.config.max_document_chars
        if size is not None and size > limit:
            yield _too_big(origin, size, limit)
            return
        try:
            data = body.read(limit + 1)
        except _GZIP_ERRORS as exc:
            yield origin.error(_gzip_reason(exc))
            return
        if len(data) > limit:
            yield _too_big(origin, None, limit)
        elif not data:
            yield origin.error("is empty")
        elif fmt == sniff.HTML:
            yield html_item(data, origin, self.config)
        elif fmt == sniff.FEED:
            yield from read_feed(data, origin, self.config, fetch=self.fetch, fetcher=self.fetcher)
        else:
            yield read_text(data, origin, self.config, text_format)

    # -- folders and manifests ---------------------------------------------

    def _files(self, folder: str, explicit: Manifest | None
               ) -> Iterator[tuple[str, str, dict[str, str]] | InputError]:
        """The files a folder stands for, as ``(display, absolute, meta)``."""
        if explicit is not None:
            yield from self._listed_in(folder, explicit)
            return
        manifest_path = find_manifest(folder)
        if manifest_path is not None:
            try:
                loaded = load_manifest(manifest_path, allow_outside=self.config.allow_outside_manifest)
            except ManifestError as exc:
                yield exc.error
                return
            yield from loaded.problems
            for entry in loaded.entries:
                problem = _entry_problem(loaded, entry)
                yield problem if problem is not None else (entry.display, entry.absolute, entry.meta)
            return
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield InputError(folder, f"folder cannot be listed ({exc.strerror or exc})")
            return
        for child in children:
            if child.name.startswith("."):
                continue
            display = os.path.join(folder, child.name)
            if child.is_dir(follow_symlinks=False):
                yield from self._files(display, None)
            elif child.is_file() and not _skipped_name(child.name):
                yield display, os.path.abspath(display), {}

    def _listed_in(self, folder: str, explicit: Manifest
                   ) -> Iterator[tuple[str, str, dict[str, str]] | InputError]:
        root = os.path.abspath(folder)
        inside = [e for e in explicit.entries if _within(e.absolute, root)]
        if not inside:
            yield InputError(folder, f"none of the files listed in {shown_path(explicit.path)} are in this folder; "
                                     "manifest paths are relative to the manifest's own folder")
            return
        for entry in inside:
            problem = _entry_problem(explicit, entry)
            yield problem if problem is not None else (entry.display, entry.absolute, entry.meta)

    def _sibling_manifest(self, absolute: str) -> Manifest | None:
        """The manifest in a file's own folder, so ``dir/*.txt`` keeps its metadata.

        A broken sibling manifest is ignored here: the user did not ask for it.
        """
        folder = os.path.dirname(absolute)
        if folder not in self._siblings:
            path = find_manifest(folder)
            loaded = None
            if path is not None:
                try:
                    loaded = load_manifest(path, allow_outside=self.config.allow_outside_manifest)
                except ManifestError:
                    loaded = None
            self._siblings[folder] = loaded
        return self._siblings[folder]


def _entry_problem(manifest: Manifest, entry: ManifestEntry) -> InputError | None:
    where = f"listed in {shown_path(manifest.path)} (line {entry.line})"
    if os.path.isdir(entry.display):
        return InputError(entry.display, f"is a folder but is {where}; a manifest lists files")
    if not os.path.isfile(entry.display):
        return InputError(entry.display, f"is {where} but does not exist; "
                                         "fix the path in the manifest or add the file")
    return None


def _skipped_name(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(_SKIPPED_PREFIXES) or is_manifest_name(lowered)


def _within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False


def _too_big(origin: Origin, size: int | None, limit: int) -> InputError:
    what = f"is {size:,} bytes" if size is not None else "decompresses to more bytes"
    return origin.error(f"{what}, more than the {limit:,}-byte limit for one document "
                        "(4 x max_document_chars); split it into articles or raise max_document_chars")


def _gzip_reason(exc: BaseException) -> str:
    return (f"is a truncated or corrupt gzip file ({exc}); "
            "re-create or re-download it (or decompress what is left with `zcat`)")

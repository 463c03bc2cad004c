"""The main job, stage by stage: ingest -> extract -> link -> report.

The CLI and the Python API call these functions; they hold the logic.  Each
stage reads from and writes to the store, so stages can be re-run alone and
a run over the same input is idempotent.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import InputError
from consilience.ingest.dedup import DuplicateIndex, signature
from consilience.ingest.document import build_document
from consilience.ingest.readers import iter_items
from consilience.store import Store
from consilience.store.documents import (
    document_exists, ids_by_content_hash, insert_document, iter_minhashes,
)
from consilience.store.links import link_id, upsert_link
from consilience.store.runs import record_input_error
from consilience.types import Document, Link

log = logging.getLogger(__name__)

DEDUP_EXTRACTOR = "minhash-dedup@1"
#: Extracted documents written per transaction (a crash loses at most this many documents' work).
WRITE_BATCH = 32

Progress = Callable[[Iterable], Iterable]


def _no_progress(it: Iterable, **_: object) -> Iterable:
    return it


@dataclass(slots=True)
class IngestResult:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_language: list[str] = field(default_factory=list)
    duplicate_links: int = 0
    errors: list[InputError] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "unchanged": len(self.unchanged),
                "skipped_language": len(self.skipped_language),
                "duplicate_links": self.duplicate_links, "errors": len(self.errors)}


def _duplicate_links(doc: Document, store: Store, index: DuplicateIndex, sig: bytes) -> list[Link]:
    """Links from a new document to the earlier ones it copies (exactly or nearly)."""
    links: list[Link] = []
    exact = [i for i in ids_by_content_hash(store.conn, doc.content_hash) if i != doc.id]
    for other in exact:
        links.append(Link(id=link_id("duplicate", doc.id, other), kind="duplicate", source_id=doc.id,
                          target_id=other, document_id=doc.id, score=1.0, extractor=DEDUP_EXTRACTOR,
                          notes=("same normalised text from another source",)))
    for other, score in index.query(sig):
        if other == doc.id or other in exact:
            continue
        links.append(Link(id=link_id("near_duplicate", doc.id, other), kind="near_duplicate",
                          source_id=doc.id, target_id=other, document_id=doc.id, score=round(score, 3),
                          extractor=DEDUP_EXTRACTOR, notes=("MinHash estimate of word-shingle Jaccard",)))
    return links


def _stored_index(store: Store, config: Config) -> DuplicateIndex:
    index = DuplicateIndex(config)
    for doc_id, sig in iter_minhashes(store.conn):
        index.add(doc_id, sig)
    return index


def ingest(store: Store, paths: Sequence[str], *, config: Config = DEFAULT_CONFIG,
           manifest: str | None = None, fetch: bool = False, stdin: BinaryIO | None = None,
           run_id: int | None = None, progress: Progress = _no_progress) -> IngestResult:
    """Read, clean and store every input; errors are collected, not raised."""
    result = IngestResult()
    for _ in ingest_iter(store, paths, result, config=config, manifest=manifest, fetch=fetch, stdin=stdin,
                         run_id=run_id, progress=progress):
        pass
    return result


def ingest_iter(store: Store, paths: Sequence[str], result: IngestResult, *, config: Config = DEFAULT_CONFIG,
                manifest: str | None = None, fetch: bool = False, stdin: BinaryIO | None = None,
                run_id: int | None = None, progress: Progress = _no_progress) -> Iterator[Document]:
    """:func:`ingest`, one input at a time: yields each new document once it is stored (committed),
    and counts everything in ``result``.  ``run`` feeds it to extraction, so that ingest of the
    next inputs overlaps the extraction of the first."""
    index: DuplicateIndex | None = None   # the stored signatures, read when the first new document comes
    items = iter_items(paths, manifest=manifest, fetch=fetch, stdin=stdin, config=config)
    for item in progress(items, desc="ingest", unit="doc"):
        try:
            if isinstance(item, InputError):
                raise item
            doc = build_document(item, config)
        except InputError as err:
            log.info("%s", err)   # the caller reports each error once (the CLI: one `error:` line)
            result.errors.append(err)
            record_input_error(store.conn, run_id, err.path, err.reason)
            continue
        if document_exists(store.conn, doc.id):
            result.unchanged.append(doc.id)
            continue
        if index is None:
            index = _stored_index(store, config)
        sig = signature(doc.text, config)
        links = _duplicate_links(doc, store, index, sig)
        with store.transaction() as conn:
            if document_exists(conn, doc.id):   # stored meanwhile by a writer that ignored the lock
                result.unchanged.append(doc.id)
                continue
            insert_document(conn, doc, sig)
            for link in links:
                upsert_link(conn, link)
        index.add(doc.id, sig)
        result.added.append(doc.id)
        result.duplicate_links += len(links)
        if doc.status == "skipped_language":
            result.skipped_language.append(doc.id)
            log.info("%s: language %r is not processed (%s); stored and flagged",
                     doc.source, doc.language, ", ".join(config.languages))
        yield doc


@dataclass(slots=True)
class RunResult:
    ingest: IngestResult
    extracted: int = 0
    report_path: str | None = None
    stage_notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[InputError]:
        return self.ingest.errors

    def summary(self) -> str:
        c = self.ingest.counts()
        lines = [f"documents: {c['added']} added, {c['unchanged']} unchanged, "
                 f"{c['skipped_language']} not in a processed language, {c['errors']} input errors; "
                 f"{c['duplicate_links']} duplicate links"]
        if self.extracted:
            lines.append(f"extraction: {self.extracted} documents processed")
        lines.extend(self.stage_notes)
        if self.report_path:
            lines.append(f"report: {self.report_path}")
        return "\n".join(lines)


def run_metadata() -> dict[str, object]:
    """What produced a run: package version and, when extraction exists, the model."""
    from consilience import __version__

    meta: dict[str, object] = {"consilience": __version__}
    try:
        from consilience.nlp.model import model_info
    except ImportError:
        return meta
    try:
        meta["model"] = model_info()
    except Exception as exc:  # a missing model is reported by the extraction stage itself
        meta["model"] = f"unavailable: {exc}"
    return meta


def run(store: Store, paths: Sequence[str], *, config: Config = DEFAULT_CONFIG,
        manifest: str | None = None, fetch: bool = False, stdin: BinaryIO | None = None,
        command: str = "run", report_path: str | None = None, extract: bool = True,
        progress: Progress = _no_progress, engine: Any = None) -> RunResult:
    """The main job: ingest the inputs, run every later stage that exists, write the report.

    The run is recorded in ``runs``: ``running`` from the start, then
    ``finished``; ``interrupted`` when a KeyboardInterrupt or SystemExit (the
    CLI turns SIGTERM into one) ends it, ``failed`` on any other exception,
    which is re-raised.  Each step says what it is doing through
    ``progress.stage`` when ``progress`` has one (:class:`consilience.progress.Progress`).
    Extraction and linking run on ``engine`` (:mod:`consilience.engines`; default: the one
    ``config.engine`` names, opened and closed here); ingest and every write stay in this process.
    """
    from consilience.progress import stage
    from consilience.store.runs import FAILED, INTERRUPTED, finish_run, start_run

    run_id = start_run(store.conn, command, config.as_dict(), {"consilience": "starting"})
    result = RunResult(ingest=IngestResult())
    metadata: dict[str, object] = {"consilience": "unknown"}
    try:
        if not extract:
            result.ingest = ingest(store, paths, config=config, manifest=manifest, fetch=fetch,
                                   stdin=stdin, run_id=run_id, progress=progress)
        else:
            # ingest streams into extraction: the inputs after the first new one are read and
            # stored while the workers extract (extract_stage reads them as it needs documents)
            incoming = ingest_iter(store, paths, result.ingest, config=config, manifest=manifest, fetch=fetch,
                                   stdin=stdin, run_id=run_id, progress=progress)
            metadata = run_metadata()
            with _engine(engine, config) as eng:
                with stage(progress, "extract", "per-document extraction of the documents not yet extracted "
                                                "(the spaCy model loads first when there are some)"):
                    result.extracted = extract_stage(store, config=config, progress=progress, engine=eng,
                                                     incoming=incoming)
                for _ in incoming:      # every input is read, whatever extraction did
                    pass
                with stage(progress, "link", "linking across documents (stories, events, claims, ledger, framing)"):
                    result.stage_notes.append(link_stage(store, engine=eng))
        if report_path:
            from consilience.report.html import write_report

            with stage(progress, "report", f"writing {report_path}"):
                result.report_path = str(write_report(store, report_path).resolve())
    except BaseException as exc:
        status = INTERRUPTED if isinstance(exc, (KeyboardInterrupt, SystemExit)) else FAILED
        try:
            finish_run(store.conn, run_id, result.ingest.counts() | {"extracted": result.extracted},
                       metadata if extract else None, status=status)
        except sqlite3.Error:
            log.debug("could not mark run %s as %s", run_id, status, exc_info=True)
        raise
    counts = result.ingest.counts() | {"extracted": result.extracted}
    finish_run(store.conn, run_id, counts, metadata if extract else None)
    return result


@contextlib.contextmanager
def _engine(engine: Any, config: Config) -> Iterator[Any]:
    """``engine`` as given (the caller closes it), else the one the settings name, closed after use."""
    if engine is not None:
        yield engine
        return
    from consilience.engines import open_engine

    with open_engine(config) as opened:
        yield opened


def extract_stage(store: Store, *, config: Config = DEFAULT_CONFIG, progress: Progress = _no_progress,
                  engine: Any = None, incoming: Iterator[Document] | None = None) -> int:
    """Per-document extraction for documents not yet extracted by the current extractor version.

    The documents stream from the store one at a time to ``engine.extract`` (default: the local
    process pool), which also encodes each document's records as rows (``record_rows``, in the
    workers); one writer (this process) stores the rows, ``WRITE_BATCH`` documents a
    transaction, while the engine goes on extracting.  ``incoming`` (``ingest_iter``): documents
    being ingested, extracted after those already stored, as they are read; it is read to its end.
    """
    from consilience.nlp.version import default_pipeline_version
    from consilience.store.records import extraction_versions, record_rows, write_records

    current = default_pipeline_version()   # without spaCy: a run with nothing to extract never imports it
    done = extraction_versions(store.conn)
    pending = [r[0] for r in store.conn.execute(
        "SELECT id FROM documents WHERE status = 'ok' ORDER BY coalesce(published, ''), id")
        if done.get(r[0]) != current]
    new = (d for d in (incoming or ()) if d.status == "ok")
    first_new = None if pending else next(new, None)     # ingest up to the first new document to extract
    if not pending and first_new is None:
        return 0
    try:
        from consilience.extract.document import extract_many
    except ImportError:  # extraction not installed in this build
        for _ in new:
            pass
        return 0
    from consilience.engines import for_extraction
    from consilience.store.documents import get_document

    def docs() -> Iterable[Document]:
        for doc_id in pending:
            doc = get_document(store.conn, doc_id)
            if doc is not None:
                yield for_extraction(doc)     # what extraction reads, no more: less to send to workers
        if first_new is not None:
            yield for_extraction(first_new)
        for doc in new:
            yield for_extraction(doc)

    count = 0
    batch: list[Any] = []

    def flush() -> None:
        with store.transaction() as conn:
            for records in batch:
                write_records(conn, records)
        batch.clear()

    results = (engine.extract(docs(), config, finish=record_rows) if engine is not None
               else extract_many(docs(), workers=config.workers, config=config, finish=record_rows))
    total = len(pending) if incoming is None else None   # unknown while ingest goes on
    for records in progress(results, desc="extract", unit="doc", total=total):
        batch.append(records)           # one writer, one transaction per WRITE_BATCH documents
        if len(batch) >= WRITE_BATCH:
            flush()
        count += 1
    if batch:
        flush()
    return count


def link_stage(store: Store, *, engine: Any = None) -> str:
    """Across documents: stories, merged events, claims, contradictions, ledger, framing, network.

    Incremental: only the stories that new, re-extracted or removed documents
    touch are linked again; counts are of what was (re)linked.  The blocks are linked on
    ``engine`` (``engine.map_blocks``; default: in this process) and written here.
    """
    from consilience.link.stage import link_corpus

    counts = link_corpus(store, keep=False, map_blocks=getattr(engine, "map_blocks", None)).counts()
    if not counts:
        return "linking: nothing new to link"
    labels = {"assignments": "documents newly assigned to stories", "stories": "stories (re)linked"}
    return "linking: " + ", ".join(f"{n} {labels.get(k, k.replace('_', ' '))}" for k, n in counts.items())

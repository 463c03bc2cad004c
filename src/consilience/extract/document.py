"""Per-document extraction: one cleaned Document in, its records out.

Why a pure function: extraction is the expensive, embarrassingly parallel
part of a run.  :func:`extract_document` reads nothing but its argument and
the (per-process) pipeline, and returns plain frozen records with no spaCy
object in them, so it can run in worker processes, be retried, and be
compared across runs.  Ids are deterministic (the extractors derive them from
document id, kind and offsets), so re-running a document yields the same ids.

What it does:

1. skips documents that are not ``status == "ok"`` or not in
   ``config.languages`` (returns empty records with a note saying why);
2. runs the pipeline (:func:`consilience.nlp.pipeline.build_pipeline`) on
   ``doc.text`` with the document id and publication date set on the Doc, so
   every component stamps its records with them and dates resolve against
   the publication date;
3. collects mentions and actors, places, dates and figures from the
   ``doc._.consilience_*`` extensions (a component missing from the pipeline
   gives no records and a note), links each mention to the place record
   with the same span (``place_id``), and moves a capital's or country
   name's institution to the country that name was placed in ("London
   police" in London, Ontario; "Georgia authorities" in Atlanta:
   :mod:`consilience.extract.actor_places`).

:func:`extract_many` runs it over many documents in batches (``nlp.pipe``),
in a process pool (forked from a parent that has built the pipeline where
the platform allows, so the workers share it) or in-process for
``workers=1``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from spacy.language import Language

from consilience.config import DEFAULT_CONFIG, Config
from consilience.extract.actor_paths import lexicon_paths
from consilience.extract.actor_places import reconcile_capital_institutions, release_placed_names
from consilience.extract.actors import Lexicon, load_lexicon
from consilience.extract.claims import extract_claims
from consilience.extract.doctext import seed_text
from consilience.extract.events import extract_events, named_armed_group_actors, referenced_actors
from consilience.extract.workers import init_child
from consilience.types import Document, DocumentRecords, Mention

#: Batches a pool may hold per worker before the caller consumes results (results come back in
#: input order: a deeper queue keeps a worker busy while the oldest batch is still running).
QUEUE_PER_WORKER = 4
#: Documents per ``nlp.pipe`` batch (and per task sent to a worker).
BATCH = 8
#: With fewer documents than this per worker, a pool costs more (each worker
#: loads the model and the gazetteer) than it saves: run in process.
MIN_DOCS_PER_WORKER = 4

_worker_nlp: Language | None = None
_worker_config: Config = DEFAULT_CONFIG
_worker_finish: Callable[[DocumentRecords], Any] | None = None


def _language_ok(doc: Document, config: Config) -> bool:
    """A processed language, or undetermined (too short or too unsure to tell: processed, as ingest notes)."""
    lang = (doc.language or "").lower().replace("_", "-").split("-")[0]
    return lang == "und" or lang in {x.lower() for x in config.languages}


def _version(nlp: Language | None) -> str:
    from consilience.nlp.pipeline import pipeline_version

    return pipeline_version(nlp)


def skip_reason(doc: Document, config: Config = DEFAULT_CONFIG) -> str | None:
    """Why a document is not extracted (``None`` when it is)."""
    if doc.status != "ok":
        return f"extraction skipped: document status is {doc.status!r}"
    if not _language_ok(doc, config):
        return (f"extraction skipped: language {doc.language!r} is not in "
                f"{list(config.languages)}")
    return None


def _link_places(mentions: tuple[Mention, ...], places: tuple[Any, ...]) -> tuple[Mention, ...]:
    by_span = {(p.start, p.end): p.id for p in places}
    out = []
    for m in mentions:
        pid = by_span.get((m.start, m.end))
        out.append(dataclasses.replace(m, place_id=pid) if pid and m.place_id is None else m)
    return tuple(out)


def extract_document(doc: Document, nlp: Language | None = None, *,
                     config: Config = DEFAULT_CONFIG) -> DocumentRecords:
    """All per-document records of ``doc`` (see the module docstring)."""
    reason = skip_reason(doc, config)
    if nlp is None and reason is None:
        from consilience.nlp.pipeline import build_pipeline

        nlp = build_pipeline(config)
    version = _version(nlp)
    if reason is not None:
        return DocumentRecords(document_id=doc.id, extractor_version=version, notes=(reason,))
    assert nlp is not None
    if len(doc.text) > config.extract_section_chars:       # long: in sections, bounded memory
        from consilience.extract.sections import extract_in_sections

        return extract_in_sections(doc, nlp, config, version, extract_text)
    return extract_text(doc, nlp, doc.text, version)


def extract_text(doc: Document, nlp: Language, text: str, version: str) -> DocumentRecords:
    """The records of ``text`` (``doc.text`` or a padded section of it) as records of ``doc``."""
    return _records(doc, nlp(_prepare(doc, nlp, text)), version, nlp)


def extract_batch(docs: list[Document], nlp: Language | None = None, *,
                  config: Config = DEFAULT_CONFIG) -> list[DocumentRecords]:
    """:func:`extract_document` for several documents, the pipeline run with ``nlp.pipe`` (batched);
    a document longer than ``extract_section_chars`` goes alone, in sections."""
    reasons = [skip_reason(d, config) for d in docs]
    if nlp is None and any(r is None for r in reasons):
        from consilience.nlp.pipeline import build_pipeline

        nlp = build_pipeline(config)
    version = _version(nlp)
    short = [d for d, r in zip(docs, reasons) if r is None and len(d.text) <= config.extract_section_chars]
    parsed = iter(nlp.pipe([_prepare(d, nlp) for d in short], batch_size=max(1, len(short)))
                  if short and nlp is not None else ())
    out = []
    for d, r in zip(docs, reasons):
        if r is not None:
            out.append(DocumentRecords(document_id=d.id, extractor_version=version, notes=(r,)))
        elif len(d.text) > config.extract_section_chars:
            out.append(extract_document(d, nlp, config=config))
        else:
            out.append(_records(d, next(parsed), version, nlp))
    return out


def _prepare(doc: Document, nlp: Language, text: str | None = None) -> Any:
    text = doc.text if text is None else text
    sdoc = nlp.make_doc(text)
    seed_text(sdoc, text)            # the extractors read the text from the Doc: not rebuilt from its tokens
    sdoc._.consilience_document_id = doc.id
    sdoc._.consilience_published = doc.published
    sdoc._.consilience_source = doc.url or (doc.source if "://" in doc.source else None)
    return sdoc


def actor_lexicon(nlp: Language) -> Lexicon:
    """The actor lexicon of ``nlp``'s actors component (a pipeline built with its own
    ``actor_lexicons`` resolves with those); the default lexicon when it has no such component."""
    from consilience.nlp.components.actors import NAME

    if NAME in nlp.pipe_names:
        found = getattr(nlp.get_pipe(NAME), "lexicon", None)
        if found is not None:
            return found
    return load_lexicon(lexicon_paths())


def _records(doc: Document, sdoc: Any, version: str, nlp: Language) -> DocumentRecords:
    notes: list[str] = []
    values: dict[str, tuple[Any, ...]] = {}
    for kind in ("mentions", "actors", "places", "dates", "figures"):
        value = getattr(sdoc._, f"consilience_{kind}")
        if value is None:
            component = "actors" if kind == "mentions" else kind
            note = f"no {component}: consilience_{component} is not in the pipeline"
            if note not in notes:
                notes.append(note)
            value = ()
        values[kind] = tuple(value)
    actors = {a.id: a for a in values["actors"]}
    mentions = _link_places(values["mentions"], values["places"])
    if values["places"]:
        mentions = reconcile_capital_institutions(mentions, values["places"], actors, actor_lexicon(nlp))
        mentions = release_placed_names(mentions, values["places"], actors)
    claims = tuple(extract_claims(sdoc, doc.id, mentions=mentions, dates=values["dates"]))
    events = tuple(extract_events(sdoc, doc.id, published=doc.published, mentions=mentions, actors=actors,
                                  places=values["places"], dates=values["dates"], figures=values["figures"],
                                  claims=claims))
    for actor in named_armed_group_actors(events, actors):
        actors[actor.id] = actor
    for actor in referenced_actors(events, actors):
        actors.setdefault(actor.id, actor)
    return DocumentRecords(
        document_id=doc.id,
        extractor_version=version,
        mentions=mentions,
        places=values["places"],
        dates=values["dates"],
        figures=values["figures"],
        claims=claims,
        events=events,
        actors=tuple(actors.values()),
        notes=tuple(notes),
    )


def _init_worker(config: Config, parse: str, finish: Callable[[DocumentRecords], Any] | None = None) -> None:
    """Pool initializer: build the pipeline once in this worker process (a forked worker has it already)."""
    from consilience.nlp.pipeline import build_pipeline

    global _worker_nlp, _worker_config, _worker_finish
    _worker_config = config
    _worker_finish = finish
    _worker_nlp = build_pipeline(config, parse=parse)


def _work(doc: Document) -> DocumentRecords:
    return extract_document(doc, _worker_nlp, config=_worker_config)


def _work_batch(docs: list[Document]) -> list[Any]:
    out = extract_batch(docs, _worker_nlp, config=_worker_config)
    return out if _worker_finish is None else [_worker_finish(r) for r in out]


def resolve_workers(workers: int | None, config: Config = DEFAULT_CONFIG) -> int:
    """``0``/``None`` -> the setting, and a setting of 0 -> one per core."""
    n = config.workers if workers is None else workers
    return n if n and n > 0 else (os.cpu_count() or 1)


def start_method() -> str:
    """How worker processes start: "fork" where it is safe, so they share the parent's loaded
    pipeline (model weights, ruler) copy-on-write; else "spawn".

    Safe means a POSIX platform with fork and only this thread running (forking a process with
    other threads can copy a held lock); ``$CONSILIENCE_START_METHOD`` overrides.
    """
    import multiprocessing
    import threading

    forced = os.environ.get("CONSILIENCE_START_METHOD")
    if forced:
        return forced
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _tapered_batches(docs: Iterable[Document], size: int, workers: int) -> Iterator[list[Document]]:
    """Batches of ``size`` documents, smaller towards the end of the input.

    The last ``2 * workers * size`` documents go in batches of about a ``2 * workers``-th of what
    is left (at least one document), so the workers finish together instead of one running a
    last full batch alone (half a batch of idle time a worker on average).  Reads that many
    documents ahead.
    """
    it = iter(docs)
    ahead: deque[Document] = deque(itertools.islice(it, 2 * workers * size))
    while ahead:
        take = min(size, max(1, -(-len(ahead) // (2 * workers))))
        batch = [ahead.popleft() for _ in range(take)]
        ahead.extend(itertools.islice(it, take))
        yield batch


def extract_many(docs: Iterable[Document], workers: int | None = None, *,
                 config: Config = DEFAULT_CONFIG, parse: str = "selective",
                 finish: Callable[[DocumentRecords], Any] | None = None) -> Iterator[Any]:
    """Records for each document, in input order.

    Documents go through the pipeline ``BATCH`` at a time (``nlp.pipe``).
    ``workers=1`` runs in this process; more start a process pool, forked
    from this process after it has built the pipeline where the platform
    allows (:func:`start_method`: the workers share its memory), else
    spawned, each loading the pipeline once (the gazetteer comes from its
    on-disk cache).  When the count comes from the settings (``workers`` 0
    or None) and there are fewer than ``MIN_DOCS_PER_WORKER`` documents per
    worker, it runs in process too.  Input is consumed lazily: at most
    ``workers * QUEUE_PER_WORKER`` batches are in flight, and the last ones
    are smaller (:func:`_tapered_batches`) so that the workers end together.

    ``finish`` (a picklable function, e.g. ``store.records.record_rows``): applied to each
    document's records where they are made, in the worker; what it returns is yielded instead.
    """
    n = resolve_workers(workers, config)
    it = iter(docs)
    head: list[Document] = []
    if n > 1 and workers != n:       # worker count chosen for us: small inputs stay in process
        head = list(itertools.islice(it, n * MIN_DOCS_PER_WORKER))
        if len(head) < n * MIN_DOCS_PER_WORKER:
            n = 1
    if n == 1:
        from consilience.nlp.pipeline import build_pipeline

        nlp = None
        for batch in _batches(itertools.chain(head, it), BATCH):
            if nlp is None and any(skip_reason(d, config) is None for d in batch):
                nlp = build_pipeline(config, parse=parse)
            out = extract_batch(batch, nlp, config=config)
            yield from (out if finish is None else map(finish, out))
        return
    from consilience.progress import heartbeats_paused

    frozen = False
    try:
        with contextlib.ExitStack() as stack:
            with heartbeats_paused():    # fork needs this thread alone (start_method); workers start here
                method = start_method()
                if method == "fork":     # build before forking: every worker inherits it
                    _init_worker(config, parse, finish)
                    then: tuple[Any, ...] = ()
                    # what the parent holds now (the pipeline: ~150,000 objects) leaves the collector's
                    # generations: a collection in a worker does not write to those pages (copy-on-write)
                    gc.freeze()
                    frozen = True
                else:
                    then = (_init_worker, config, parse, finish)
                pool = stack.enter_context(ProcessPoolExecutor(
                    max_workers=n, mp_context=get_context(method), initializer=init_child,
                    initargs=(os.getpid(), *then)))
                batches = _tapered_batches(itertools.chain(head, it), BATCH, n)
                pending: deque[Future[list[Any]]] = deque()
                first = next(batches, None)
                if first is not None:
                    pending.append(pool.submit(_work_batch, first))   # with fork, all workers fork here
            for batch in batches:
                pending.append(pool.submit(_work_batch, batch))
                if len(pending) >= n * QUEUE_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        if frozen:
            gc.unfreeze()


def __getattr__(name: str) -> Any:
    """``EXTRACTOR_VERSION``: the version string of the default pipeline, computed on use.

    It is what :func:`extract_document` stamps on ``DocumentRecords`` when
    run with the default pipeline, so a store can tell which documents were
    extracted by an older extractor or model.  Lazy because it reads the
    model's metadata (and the model may be missing).
    """
    if name == "EXTRACTOR_VERSION":
        from consilience.nlp.version import default_pipeline_version

        return default_pipeline_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BATCH", "EXTRACTOR_VERSION", "extract_batch", "extract_document", "extract_many", "resolve_workers",
           "skip_reason", "start_method"]

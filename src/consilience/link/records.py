"""Typed results of the linking stage: frozen records, each keeping its evidence.

Why not only ``types.Story``/``types.Link``: a merged event, a contradiction
or a ledger line has to carry every source span it rests on, its origins and
its status, which a two-ended ``Link`` cannot hold.  The records are flat
(nested values are tuples of :class:`SpanRef` or of plain tuples) so that they
round-trip through JSON with :func:`to_data` / :func:`from_data`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types as pytypes
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from consilience.types import Story

__all__ = [
    "ClaimGroup", "Contradiction", "DocInfo", "FramingRow", "LedgerEntry", "LinkInput", "LinkResult",
    "MergedEvent", "Relation", "SpanRef", "StoryAssignment", "StoryProfile", "from_data", "stable_id",
    "to_data",
]


def stable_id(prefix: str, *parts: str) -> str:
    """A short id derived from the parts, so re-running the stage gives the same ids."""
    return prefix + hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What linking needs of a document (a light view of ``types.Document``)."""

    id: str
    outlet: str | None
    published: str | None
    text: str = ""
    title: str | None = None
    report: str | None = None             # report family label (link/reports.py); None: the outlet
    url: str | None = None                # web address (its /2013/07/02/ dates the page for story grouping)


@dataclass(slots=True)
class LinkInput:
    """Everything the linking stage reads, gathered once (from the store or a generator)."""

    documents: dict[str, DocInfo]
    mentions: list[Any] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    figures: list[Any] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    actors: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SpanRef:
    """One source record behind a linked result: its id and exact span."""

    record_id: str
    document_id: str
    start: int
    end: int
    text: str
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """The running state of one story, enough to add a document without recomputing.

    ``term_df`` counts, per content stem, how many of the story's documents
    contain it (summing over stories gives the corpus document frequency).
    """

    story_id: str
    thread_id: str
    n_docs: int
    first_date: str | None
    last_date: str | None
    term_df: tuple[tuple[str, int], ...]
    actors: tuple[tuple[str, int], ...]
    places: tuple[tuple[str, int], ...]
    embedding_sum: tuple[float, ...] | None = None
    n_embedded: int = 0
    names: tuple[tuple[str, int], ...] = ()   # salient names (text.salient_names): documents having each


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Why a document is in a story: the score it joined with, or that it started one."""

    document_id: str
    story_id: str
    score: float
    started: bool
    reason: str


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real event as told by one or more source event records."""

    id: str
    story_id: str | None
    event_type: str
    family: str
    sub_event_type: str | None
    earliest: str | None
    latest: str | None
    place_name: str | None
    latitude: float | None
    longitude: float | None
    actor_ids: tuple[str, ...]
    member_ids: tuple[str, ...]
    spans: tuple[SpanRef, ...]
    claim_ids: tuple[str, ...]
    origins: tuple[str, ...]
    independent_origins: int
    status: str
    background: bool = False
    notes: tuple[str, ...] = ()
    explanation: str = ""                 # the status in words, naming the origins and reports counted
    reports: tuple[str, ...] = ()         # the report families (outlets, copy families) that tell it


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims on one proposition, with their stances and origins."""

    id: str
    story_id: str | None
    key: str                              # event:<merged id> | figure:<scope> | text:<claim id>
    label: str
    claim_ids: tuple[str, ...]
    stances: tuple[tuple[str, str, str], ...]   # (claim id, stance, origin)
    origins: tuple[str, ...]
    independent_origins: int
    status: str
    merged_event_id: str | None = None
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements that cannot both hold; both sides named with their spans."""

    id: str
    story_id: str | None
    kind: str                             # stance | figure | blame
    a: SpanRef
    b: SpanRef
    a_origin: str
    b_origin: str
    a_stance: str
    b_stance: str
    group_id: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One casualty figure as one origin gave it, as of one date (never summed)."""

    id: str
    story_id: str | None
    figure_id: str
    origin: str
    origin_kind: str                      # speaker | relay | outlet
    value: float | None
    qualifier: str
    value_text: str | None
    counts: str | None
    who: str | None
    side: str | None
    as_of: str | None
    as_of_source: str                     # figure | published | unknown
    span: SpanRef
    claim_id: str | None = None
    incident: str | None = None           # merged event whose toll this is; None: a running or overall toll


@dataclass(frozen=True, slots=True)
class FramingRow:
    """How one outlet frames one story: names, loaded terms, typical terms, voices."""

    story_id: str
    outlet: str
    n_docs: int
    n_words: int
    names: tuple[tuple[str, str, int], ...]        # (entity, variant, count)
    loaded: tuple[tuple[str, str, int], ...]       # (term, leaning, count)
    typical: tuple[tuple[str, float, int], ...]    # (term, z, count)
    voices: tuple[tuple[str, int], ...]            # (speaker side, claims)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two actors, weighted by evidence and independent origins."""

    id: str
    story_id: str | None
    source_actor_id: str
    target_actor_id: str
    kind: str      # fights | supports | allied | mediates | accuses | demands_of | talks_with
    evidence_count: int
    independent_origins: int
    weight: float
    origins: tuple[str, ...]
    evidence: tuple[SpanRef, ...]


@dataclass(slots=True)
class LinkResult:
    """Everything one linking run produced."""

    stories: list[Story] = field(default_factory=list)
    profiles: list[StoryProfile] = field(default_factory=list)
    assignments: list[StoryAssignment] = field(default_factory=list)
    merged_events: list[MergedEvent] = field(default_factory=list)
    claim_groups: list[ClaimGroup] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    framing: list[FramingRow] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: Counts when the records themselves were not kept (an incremental run with ``keep=False``).
    tally: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        if self.tally is not None:
            return dict(self.tally)
        return {name: len(getattr(self, name)) for name in (
            "stories", "assignments", "merged_events", "claim_groups", "contradictions", "ledger",
            "framing", "relations")}


# ---------------------------------------------------------------------------
# JSON round trip
# ---------------------------------------------------------------------------


def to_data(record: Any) -> Any:
    """A record as JSON-able data (dataclasses -> dicts, tuples -> lists)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_data(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (tuple, list)):
        return [to_data(v) for v in record]
    return record


def _identity(value: Any) -> Any:
    return value


@functools.lru_cache(maxsize=None)
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function turning JSON data back into a value of type ``hint`` (built once per type)."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is pytypes.UnionType:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) != 1:
            return _identity
        inner = _decoder(args[0])
        return inner if inner is _identity else (lambda v: None if v is None else inner(v))
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            one = _decoder(args[0])
            if one is _identity:
                return lambda v: None if v is None else tuple(v)
            return lambda v: None if v is None else tuple(one(x) for x in v)
        each = tuple(_decoder(a) for a in args)
        return lambda v: None if v is None else tuple(f(x) for f, x in zip(each, v))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda v: None if v is None else from_data(hint, v)
    return _identity


def _decode(hint: Any, value: Any) -> Any:
    return _decoder(hint)(value)


@functools.lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))


def from_data(cls: type, data: dict[str, Any]) -> Any:
    """Inverse of :func:`to_data` for the records of this module and ``types.Story``."""
    return cls(**{name: decode(data[name]) for name, decode in _fields(cls) if name in data})

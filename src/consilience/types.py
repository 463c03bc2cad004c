"""The data model: every record Consilience stores, in one place.

Why frozen dataclasses and not pydantic: records are produced by pure
functions (a document in, records out) millions of times, pickled to worker
processes and written to SQLite.  Frozen, slotted dataclasses are cheap to
build and to pickle, cannot be mutated behind a writer's back, and need no
dependency.  Validation happens once, at the boundary where outside data comes
in (``consilience.ingest``), not on every record.

Provenance.  Every extracted record carries ``document_id``, ``start``/``end``
(character offsets into the document's *cleaned* text, end exclusive),
``text`` (the exact span, so a record can be checked without the document)
and ``extractor`` (``"name@version"``).  Cleaned-text offsets map back to the
raw input through :class:`OffsetMap`.

Nothing is invented: optional fields stay ``None`` when the text does not
support them.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

# ---------------------------------------------------------------------------
# Offsets: cleaned text -> raw text
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of cleaned text copied verbatim from ``raw[raw_start:raw_start+length]``."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the cleaned text back to offsets in the raw text.

    The cleaned text is a sequence of verbatim raw segments joined by
    separators that are not in the raw text (``"\\n"`` between kept lines).
    An offset inside a segment maps exactly; an offset in a separator maps to
    the end of the preceding segment in the raw text.
    """

    segments: tuple[Segment, ...]

    def to_raw(self, clean_offset: int) -> int:
        if not self.segments:
            return 0
        starts = [s.clean_start for s in self.segments]
        i = bisect.bisect_right(starts, clean_offset) - 1
        if i < 0:
            return self.segments[0].raw_start
        seg = self.segments[i]
        delta = clean_offset - seg.clean_start
        if delta <= seg.length:
            return seg.raw_start + delta
        return seg.raw_start + seg.length

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open clean span; the end maps as the position after the last char."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_json(self) -> list[list[int]]:
        return [[s.clean_start, s.raw_start, s.length] for s in self.segments]

    @classmethod
    def from_json(cls, data: list[list[int]]) -> "OffsetMap":
        return cls(tuple(Segment(*row) for row in data))


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line cleaning removed, with where it was in the raw text and why."""

    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned, with its metadata and where each value came from."""

    KIND: ClassVar[str] = "document"

    id: str
    source: str                      # path or URL as given by the user / the container
    source_key: str                  # what identifies the source (URL, absolute path#entry)
    format: str                      # text | html | jsonl | rss | atom | warc | stdin
    content_hash: str                # sha256 of the normalised cleaned text
    raw_text: str                    # text layer as read (for HTML: trafilatura's text)
    text: str                        # cleaned text
    offset_map: OffsetMap
    removed: tuple[RemovedLine, ...] = ()
    title: str | None = None
    author: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_origin: str = "unknown"  # metadata | url | title | html | unknown
    published: str | None = None     # ISO date (YYYY-MM-DD, YYYY-MM or YYYY)
    published_precision: str = "unknown"  # day | month | year | unknown
    published_origin: str = "unknown"     # metadata | html | text | unknown
    published_evidence: str | None = None  # the string the date was read from
    language: str | None = None
    language_score: float | None = None
    language_origin: str = "detected"     # metadata | detected
    status: str = "ok"                    # ok | skipped_language | empty
    notes: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()         # "Sources: Sputnik, RT" lines, kept as metadata

    @property
    def is_english(self) -> bool:
        return (self.language or "").lower().startswith("en")


# ---------------------------------------------------------------------------
# Extracted records (filled by the extraction issues)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor (not tied to a document): the target mentions resolve to."""

    KIND: ClassVar[str] = "actor"

    id: str                      # stable key, e.g. "AZE/military" or "person:ilham-aliyev"
    name: str
    kind: str                    # person | organisation | state | group | media | population
    country: str | None = None   # ISO 3166 alpha-3, or a non-state code such as "NKR"
    sector: str | None = None    # government | military | police | rebels | civilians | media | igo | ngo | party
    role: str | None = None      # for people: president, prime minister, spokesperson, ...
    aliases: tuple[str, ...] = ()
    source: str | None = None    # where the lexicon entry comes from


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a person, organisation, country, group or place in a document."""

    KIND: ClassVar[str] = "mention"

    id: str
    document_id: str
    start: int
    end: int
    text: str
    extractor: str
    label: str                        # PERSON | ORG | GPE | NORP | LOC | FAC | ...
    actor_id: str | None = None       # resolved canonical actor
    place_id: str | None = None       # resolved place (for toponyms)
    antecedent_id: str | None = None  # for coreferent short forms / pronouns
    role: str | None = None           # "president" in "Azerbaijani President Ilham Aliyev"
    confidence: float | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place mention."""

    KIND: ClassVar[str] = "place"

    id: str
    document_id: str
    start: int
    end: int
    text: str
    extractor: str
    name: str                          # canonical name of the resolved place
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None         # ISO alpha-3
    admin1: str | None = None
    feature: str | None = None         # city | admin1 | admin2 | country | region
    precision: str = "unknown"         # point | admin1 | admin2 | region | country | unknown
    variants: tuple[str, ...] = ()     # linked name variants (Stepanakert, Khankendi, ...)
    confidence: float | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression resolved against the publication date."""

    KIND: ClassVar[str] = "date"

    id: str
    document_id: str
    start: int
    end: int
    text: str
    extractor: str
    value: str | None = None           # ISO: YYYY-MM-DD / YYYY-MM / YYYY / YYYY-Www / 1990s
    precision: str = "unknown"         # day | week | month | year | decade | unknown
    earliest: str | None = None        # ISO day bounds of the interval it denotes
    latest: str | None = None
    anchor: str | None = None          # the publication date it was resolved against
    relative: bool = False             # "on Thursday", "yesterday", ...
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its meaning: what is counted, for whom, with what qualifier."""

    KIND: ClassVar[str] = "figure"

    id: str
    document_id: str
    start: int
    end: int
    text: str
    extractor: str
    value: float | None = None         # conservative count (tens->10, dozens->12, ...)
    value_text: str | None = None      # the number words as written
    qualifier: str = "exact"           # exact | at least | more than | nearly | about | some | up to | vague | range
    counts: str | None = None          # killed | injured | missing | captured | displaced | destroyed | ...
    who: str | None = None             # civilians | servicemen | children | journalists | people | tanks ...
    side: str | None = None            # actor id of the side the counted belong to, when stated
    place_id: str | None = None
    date_id: str | None = None
    category: str = "casualty"         # casualty | equipment | other
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement: who said what, with which stance, relayed by whom."""

    KIND: ClassVar[str] = "claim"

    id: str
    document_id: str
    start: int
    end: int
    text: str
    extractor: str
    speaker_mention_id: str | None = None
    speaker_actor_id: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None
    content: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    direct_quote: bool = False
    stance: str = "assert"   # assert | deny | admit | accuse | demand | reject | threaten | promise | unconfirmed
    relays: tuple[str, ...] = ()       # actor ids, outermost first (outlet -> agency)
    embedded_claim_id: str | None = None
    date_id: str | None = None
    notes: tuple[str, ...] = ()
    speaker_start: int | None = None   # character span of the speaker's words (None when not named)
    speaker_end: int | None = None
    # a quotation split around its cue ("“A,” she said, “B”"): its fragments, in order; ``content`` is
    # then the fragments joined by " … " and content_start/content_end run from the first to the last
    content_spans: tuple[tuple[int, int], ...] = ()


#: Event modalities that say the event happened (as the source tells it); the rest are planned,
#: hypothetical or negated.
FACTUAL = frozenset({"reported", "claimed", "admitted", "denied"})


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is claimed, denied, planned), ACLED-shaped."""

    KIND: ClassVar[str] = "event"

    id: str
    document_id: str
    start: int
    end: int
    text: str
    extractor: str
    event_type: str
    sub_event_type: str | None = None
    plover: str | None = None
    trigger: str | None = None
    actor1_id: str | None = None
    actor2_id: str | None = None
    direction: str = "unknown"          # known | unknown
    place_id: str | None = None
    location_precision: str = "unknown"
    date_id: str | None = None
    time_precision: str = "unknown"
    fatalities_figure_id: str | None = None
    injuries_figure_id: str | None = None
    modality: str = "reported"  # reported | claimed | admitted | denied | planned | hypothetical | negated
    claim_ids: tuple[str, ...] = ()
    background: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A group of documents about the same story/episode."""

    KIND: ClassVar[str] = "story"

    id: str
    label: str
    document_ids: tuple[str, ...]
    first_date: str | None = None
    last_date: str | None = None
    extractor: str = ""
    notes: tuple[str, ...] = ()
    summary: str = ""              # a few factual sentences built from the story's records


@dataclass(frozen=True, slots=True)
class Link:
    """A typed relation between two records (documents, events, claims...)."""

    KIND: ClassVar[str] = "link"

    id: str
    kind: str          # duplicate | near_duplicate | same_event | corroborates | contradicts | ...
    source_id: str
    target_id: str
    document_id: str | None = None     # the document the link was found from, if one
    score: float | None = None
    extractor: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    """Everything per-document extraction produces for one document."""

    document_id: str
    extractor_version: str
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()     # canonical actors referenced (upserted)
    notes: tuple[str, ...] = ()


# Record types stored per document, by export list name.
DOCUMENT_RECORD_TYPES: dict[str, type] = {
    "mentions": Mention,
    "places": Place,
    "dates": DateRef,
    "figures": Figure,
    "claims": Claim,
    "events": Event,
}


def record_to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-able data (tuples become lists)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, OffsetMap):
            value = value.to_json()
        elif isinstance(value, tuple):
            value = [record_to_dict(v) if dataclasses.is_dataclass(v) else v for v in value]
        out[f.name] = value
    return out


def record_from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Inverse of :func:`record_to_dict` for the flat record types."""
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        kwargs[f.name] = value
    return cls(**kwargs)


__all__ = [
    "FACTUAL",
    "Actor", "Claim", "DateRef", "Document", "DocumentRecords", "Event", "Figure", "Link",
    "Mention", "OffsetMap", "Place", "RemovedLine", "Segment", "Story",
    "DOCUMENT_RECORD_TYPES", "record_from_dict", "record_to_dict",
]

"""From scraped article text to clean article text, line by line, with a trace.

Why line by line: scrapers copy a page's furniture (share buttons, teasers,
comment counters, repeated headlines) as whole lines around and between the
article's paragraphs.  Deciding per line keeps every kept line a verbatim
substring of the raw text, so every extracted span maps back to the raw input
through :class:`~consilience.types.OffsetMap`, and every removed line is kept
with its raw offsets and a reason, so a wrong removal can be seen and fixed.

A "line" is a paragraph: in hard-wrapped text (lines broken at a fixed width,
mid-sentence) the physical lines of a paragraph are joined first
(:mod:`consilience.ingest.unwrap`), with single spaces in the cleaned text
where the raw text had line breaks; each piece stays a verbatim raw span.

The rules, in the order they are tried for each non-empty line:

1. pattern rules from ``data/boilerplate.tsv`` (anywhere in the text);
2. credit lines ("Sources: Sputnik, RT", "source: ahval") before the first or
   after the last body paragraph: removed from the text, returned in
   ``credits``;
3. the title: chosen in the header zone (lines before the first body
   paragraph), kept once as the first line with a " | Site" suffix trimmed
   off (``site_name``); later copies are "repeated title";
4. header zone: all-lowercase keyword lines ("tag line") and short
   label-style lines such as "USA & World" ("site furniture (header)");
5. trailer zone (after the last sentence of the body): whatever is not a
   sentence ("site furniture (trailer)");
6. anywhere: exact and near duplicates of an earlier kept line.

A *body paragraph* is a line of at least ``BODY_MIN_WORDS`` words ending in
sentence punctuation.  Subheadings and live-blog time lines between body
paragraphs are in neither zone and are kept.  When a text has no body
paragraph at all, there are no header/trailer zones: a list of short items is
left alone rather than guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from consilience.config import DEFAULT_CONFIG, Config
from consilience.ingest.unwrap import paragraph_groups
from consilience.types import OffsetMap, RemovedLine, Segment

BODY_MIN_WORDS = 12
"""Words a line needs (with sentence punctuation) to count as a body paragraph."""

TITLE_MIN_WORDS = 4
"""Words the first header line needs to be taken as the title (without a hint)."""

TRAILER_SENTENCE_MIN_WORDS = 4
"""A line this long ending in sentence punctuation still belongs to the body."""

HEADER_LABEL_MAX_WORDS = 3
"""Header lines up to this many label-style words are section/navigation labels."""

CREDIT_MAX_WORDS = 15

REASON_REPEATED_TITLE = "repeated title"
REASON_TAG_LINE = "tag line"
REASON_HEADER_FURNITURE = "site furniture (header)"
REASON_TRAILER_FURNITURE = "site furniture (trailer)"
REASON_CREDIT = "credit line"
REASON_SITE_SUFFIX = "site suffix"
REASON_DUPLICATE = "duplicate line"
REASON_NEAR_DUPLICATE = "near-duplicate line"


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned text, how it maps to the raw text, and what was taken out.

    ``site_name`` is the " | Site" suffix of the title, a hint for the outlet.
    """

    text: str
    offset_map: OffsetMap
    removed: tuple[RemovedLine, ...]
    title: str | None
    credits: tuple[str, ...]
    site_name: str | None = None


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """One row of ``boilerplate.tsv``: a whole-line regex and the reason recorded."""

    pattern: re.Pattern[str]
    reason: str


# ---------------------------------------------------------------------------
# Rules as data
# ---------------------------------------------------------------------------


def parse_rules(tsv: str) -> tuple[BoilerplateRule, ...]:
    """Parse the boilerplate TSV (comments, a ``regex<TAB>reason`` header, rows).

    Raises ``ValueError`` naming the line on a malformed row or a bad regex, so
    an edit to the data file fails loudly at first use instead of silently
    removing nothing.
    """
    rules: list[BoilerplateRule] = []
    header_seen = False
    for number, line in enumerate(tsv.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if [f.strip().lower() for f in fields] != ["regex", "reason"]:
                raise ValueError(f"boilerplate rules line {number}: expected header 'regex<TAB>reason'")
            header_seen = True
            continue
        if len(fields) != 2 or not fields[0] or not fields[1].strip():
            raise ValueError(f"boilerplate rules line {number}: expected 'regex<TAB>reason'")
        try:
            pattern = re.compile(f"(?:{fields[0]})", re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"boilerplate rules line {number}: bad regex: {exc}") from exc
        rules.append(BoilerplateRule(pattern, fields[1].strip()))
    return tuple(rules)


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """The packaged rules, read once per process (not at import)."""
    tsv = resources.files("consilience").joinpath("data/boilerplate.tsv").read_text("utf-8")
    return parse_rules(tsv)


def match_boilerplate(line: str, rules: Sequence[BoilerplateRule] | None = None) -> str | None:
    """The reason of the first rule matching the whole (trimmed) line, else None."""
    stripped = line.strip()
    for rule in boilerplate_rules() if rules is None else rules:
        if rule.pattern.fullmatch(stripped):
            return rule.reason
    return None


# ---------------------------------------------------------------------------
# Line features
# ---------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"\w+")
_NAV_SEPARATORS = re.compile(r"\s*[/|»›>·•]\s*")
_BYLINE = re.compile(r"by\s", re.IGNORECASE)
_TIMESTAMP = re.compile(r"\d{1,2}[:.]\d{2}\b")
# Bylines and datelines are header lines, never the headline.
_BYLINE_OR_DATELINE = re.compile(
    r"\W*(?:by|written\s+by|author|published|posted|updated|last\s+updated|first\s+published|date[ds]?)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:sources?|source\(s\)|credits?|via|courtesy(?:\s+of)?)\s*[:：]\s*\S.*"
    r"|(?:additional\s+)?(?:reporting|writing|editing|compiled|written)\s+by\s*:?\s*\S.*"
    r"|\(\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\s.*\)"
    r"|.{0,60}\b(?:and|with)\s+(?:news\s+|wire\s+)?agencies\.?",
    re.IGNORECASE,
)
# " | The Levant" at the end of a headline.  Dash suffixes (" - Reuters") are
# only trimmed for a known site name: "… ceasefire - Kremlin" is attribution.
_PIPE_SUFFIX = re.compile(r"\s+(?P<sep>[|‖¦])\s*(?P<site>[^|‖¦]{1,60}?)\s*$")
_DASH_SUFFIX = re.compile(r"\s+(?P<sep>[-–—])\s+(?P<site>[^-–—]{1,60}?)\s*$")
_SITE_MAX_WORDS = 5

_TRANSLATE = {ord(c): "-" for c in "‐‑‒–—―−"}
_TRANSLATE.update({ord(c): '"' for c in "'‘’‚‛′\"“”„‟″«»"})


_NO_ALNUM_TOKEN = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")


def word_count(line: str) -> int:
    """Whitespace tokens containing a letter or digit (so "&" and "/" are not words)."""
    return len(line.split()) - len(_NO_ALNUM_TOKEN.findall(line))


def ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence (closing quotes/brackets allowed)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def is_body_paragraph(line: str) -> bool:
    return word_count(line) >= BODY_MIN_WORDS and ends_sentence(line)


def normalise_line(line: str) -> str:
    """Case, width, quotes, dashes and whitespace folded, for comparing lines."""
    text = unicodedata.normalize("NFKC", line).translate(_TRANSLATE).casefold()
    return " ".join(text.split())


def split_site_suffix(title: str, known_sites: Iterable[str] = ()) -> tuple[str, str | None]:
    """Split "Headline | Site" into ("Headline", "Site").

    A pipe suffix of at most five words is always a site name; a dash suffix
    only when it is one of ``known_sites`` (compared normalised).
    """
    stripped = title.strip()
    match = _PIPE_SUFFIX.search(stripped)
    if match and word_count(match.group("site")) <= _SITE_MAX_WORDS:
        head = stripped[: match.start()].rstrip()
        if word_count(head) >= 1:
            return head, match.group("site").strip()
    known = {normalise_line(s) for s in known_sites if s and s.strip()}
    match = _DASH_SUFFIX.search(stripped)
    if match and normalise_line(match.group("site")) in known:
        head = stripped[: match.start()].rstrip()
        if word_count(head) >= 1:
            return head, match.group("site").strip()
    return stripped, None


def _title_key(line: str, known_sites: Iterable[str]) -> str:
    head, _site = split_site_suffix(line, known_sites)
    return normalise_line(head).rstrip(" .:;,!?")


def _is_tag_line(line: str) -> bool:
    """All-lowercase keyword line ("armenia azerbaijan nagorno -karabakh")."""
    has_lower = any(ch.islower() for ch in line)
    return has_lower and not any(ch.isupper() for ch in line) and not ends_sentence(line)


#: A dateline on a line of its own: "Washington (CNN)", "MOSCOW (Reuters) -": where the report was filed
#: and whose copy it is, which place and wire detection read; never a navigation label.
_DATELINE_LINE = re.compile(r"[A-Z][\w.,'\u2019 -]{1,60}\((?:[A-Z][\w .&-]{1,30})\)\s*(?:[-\u2013\u2014:]+)?\s*")


def _is_label(line: str) -> bool:
    """A short section/navigation label: "USA & World", "News / More", "Home » World"."""
    if ends_sentence(line) or any(ch.isdigit() for ch in line) or _BYLINE.match(line):
        return False
    if _DATELINE_LINE.fullmatch(line.strip()):
        return False
    pieces = [p for p in _NAV_SEPARATORS.split(line) if p.strip()]
    if not pieces:
        return False
    if len(pieces) > 1:
        return all(word_count(p) <= HEADER_LABEL_MAX_WORDS for p in pieces)
    if word_count(line) > HEADER_LABEL_MAX_WORDS:
        return False
    words = [t for t in line.split() if any(ch.isalpha() for ch in t)]
    return all(not w[0].isalpha() or w[0].isupper() for w in words)


def _is_credit(line: str) -> bool:
    return word_count(line) <= CREDIT_MAX_WORDS and bool(_CREDIT.fullmatch(line))


def _trigrams(norm: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(norm)
    return frozenset(zip(words, words[1:], words[2:]))


# ---------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # raw offset of the trimmed line (of its first piece)
    end: int    # raw end of its last piece
    text: str   # the pieces joined by single spaces
    pieces: tuple[Span, ...] = ()   # raw spans of the physical lines of a wrapped paragraph

    @property
    def spans(self) -> tuple[Span, ...]:
        return self.pieces or ((self.start, self.end),)

    def raw_spans(self, a: int, b: int) -> list[Span]:
        """The raw spans holding ``text[a:b]`` (the joining spaces are in none)."""
        out: list[Span] = []
        pos = 0
        for start, end in self.spans:
            length = end - start
            lo, hi = max(a, pos), min(b, pos + length)
            if lo < hi:
                out.append((start + lo - pos, start + hi - pos))
            pos += length + 1
        return out


def paragraph_lines(raw: str) -> list[_Line]:
    """The non-empty lines of ``raw``, with the lines of hard-wrapped paragraphs joined."""
    lines = split_lines(raw)
    out: list[_Line] = []
    for group in paragraph_groups(raw, [(line.start, line.end) for line in lines]):
        if len(group) == 1:
            out.append(lines[group[0]])
            continue
        parts = [lines[i] for i in group]
        out.append(_Line(parts[0].start, parts[-1].end, " ".join(p.text for p in parts),
                         tuple((p.start, p.end) for p in parts)))
    return out


def split_lines(raw: str) -> list[_Line]:
    """Non-empty lines with their trimmed raw spans (only \\n, \\r\\n, \\r break lines)."""
    lines: list[_Line] = []
    pos = 0
    breaks = [m.start() for m in _NEWLINE.finditer(raw)] + [len(raw)]
    for brk in breaks:
        chunk = raw[pos:brk]
        body = chunk.strip()
        if body:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            lines.append(_Line(start, start + len(body), body))
        # skip the break itself ("\r\n" is two characters)
        pos = brk + (2 if raw.startswith("\r\n", brk) else 1)
    return lines


class _DuplicateIndex:
    """Kept lines, for exact and near-duplicate look-ups within one document."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.exact: set[str] = set()
        self.shingles: list[frozenset[tuple[str, ...]]] = []
        self.postings: dict[tuple[str, ...], list[int]] = {}

    def add(self, norm: str) -> None:
        self.exact.add(norm)
        grams = _trigrams(norm)
        if not grams:
            return
        ident = len(self.shingles)
        self.shingles.append(grams)
        for gram in grams:
            self.postings.setdefault(gram, []).append(ident)

    def check(self, norm: str) -> str | None:
        if norm in self.exact:
            return REASON_DUPLICATE
        grams = _trigrams(norm)
        if not grams:
            return None
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self.postings.get(gram, ()))
        for ident, common in shared.items():
            union = len(grams) + len(self.shingles[ident]) - common
            if union and common / union >= self.threshold:
                return REASON_NEAR_DUPLICATE
        return None


def _choose_title(
    lines: Sequence[_Line],
    header_end: int,
    trailer_start: int,
    blocked: set[int],
    hint_key: str | None,
    known_sites: Sequence[str],
) -> int | None:
    """Index of the line kept as the title, or None.

    With a hint, the first line before the trailer that matches it (a copy of
    the headline is the title wherever the scraper put it); without one, the
    first header line of ``TITLE_MIN_WORDS`` words that is not a tag line,
    byline or dateline.
    """
    for i in range(trailer_start if hint_key is not None else header_end):
        if i in blocked:
            continue
        text = lines[i].text
        if hint_key is not None:
            if _title_key(text, known_sites) == hint_key:
                return i
        elif (word_count(text) >= TITLE_MIN_WORDS and not _is_tag_line(text)
              and not _BYLINE_OR_DATELINE.match(text)):
            return i
    return None


def clean_text(
    raw: str,
    *,
    title_hint: str | None = None,
    known_sites: Sequence[str] = (),
    config: Config = DEFAULT_CONFIG,
) -> CleanResult:
    """Remove boilerplate lines from ``raw``; keep the rest verbatim with an offset map.

    ``title_hint`` is the title from metadata, used to recognise the title line
    and its copies; ``known_sites`` are outlet/site names from metadata, whose
    dash suffix (" - BBC News") may be trimmed off the title.
    """
    rules = boilerplate_rules()
    lines = paragraph_lines(raw)
    pattern_reason = [match_boilerplate(line.text, rules) for line in lines]

    body = [i for i, line in enumerate(lines) if pattern_reason[i] is None and is_body_paragraph(line.text)]
    if body:
        header_end = body[0]
        sentence_like = [
            i for i, line in enumerate(lines)
            if pattern_reason[i] is None and not _is_credit(line.text)
            and word_count(line.text) >= TRAILER_SENTENCE_MIN_WORDS and ends_sentence(line.text)
        ]
        trailer_start = max([body[-1], *sentence_like]) + 1
    else:
        header_end, trailer_start = 0, len(lines)

    def in_edge_zone(i: int) -> bool:
        return i < header_end or i >= trailer_start

    blocked = {i for i, r in enumerate(pattern_reason) if r is not None}
    blocked |= {i for i in range(len(lines)) if in_edge_zone(i) and _is_credit(lines[i].text)}

    site_name: str | None = None
    hint_key: str | None = None
    title: str | None = None
    if title_hint and title_hint.strip():
        hint_head, site_name = split_site_suffix(title_hint, known_sites)
        title = hint_head
        hint_key = _title_key(hint_head, ())
    title_index = _choose_title(lines, header_end, trailer_start, blocked, hint_key, known_sites)
    if title_index is not None:
        hint_key = _title_key(lines[title_index].text, known_sites)

    removed: list[RemovedLine] = []
    credits: list[str] = []
    kept: list[Sequence[Span]] = []  # the raw spans of each kept line, in output order
    seen = _DuplicateIndex(config.near_duplicate_line_jaccard)

    def drop(line: _Line, reason: str) -> None:
        removed.append(RemovedLine(line.start, line.end, raw[line.start:line.end], reason))

    for i, line in enumerate(lines):
        text = line.text
        if pattern_reason[i] is not None:
            drop(line, pattern_reason[i])
            continue
        if i in blocked:  # a credit line in the header or trailer
            credits.append(text)
            drop(line, REASON_CREDIT)
            continue
        if i == title_index:
            head, suffix_site = split_site_suffix(text, known_sites)
            if len(head) < len(text):
                tail = line.raw_spans(len(text) - len(text[len(head):].lstrip()), len(text))
                tail_start, tail_end = tail[0][0], tail[-1][1]
                removed.append(RemovedLine(tail_start, tail_end, raw[tail_start:tail_end], REASON_SITE_SUFFIX))
            site_name = site_name or suffix_site
            if title is None:
                title = head
            kept.insert(0, line.raw_spans(0, len(head)))
            seen.add(normalise_line(head))
            continue
        if hint_key is not None and _title_key(text, known_sites) == hint_key:
            if site_name is None:
                site_name = split_site_suffix(text, known_sites)[1]
            drop(line, REASON_REPEATED_TITLE)
            continue
        if i < header_end:
            if _is_tag_line(text):
                drop(line, REASON_TAG_LINE)
                continue
            if _is_label(text):
                drop(line, REASON_HEADER_FURNITURE)
                continue
        elif i >= trailer_start and not _TIMESTAMP.match(text):
            drop(line, REASON_TRAILER_FURNITURE)
            continue
        norm = normalise_line(text)
        duplicate = seen.check(norm)
        if duplicate is not None:
            drop(line, duplicate)
            continue
        seen.add(norm)
        kept.append(line.spans)

    text, offset_map = _assemble(raw, kept)
    removed.sort(key=lambda r: (r.raw_start, r.raw_end))
    return CleanResult(text, offset_map, tuple(removed), title, tuple(credits), site_name)


def _assemble(raw: str, lines: Sequence[Sequence[Span]]) -> tuple[str, OffsetMap]:
    """Join each line's raw spans with " " and the lines with "\\n"; record where each came from."""
    pieces: list[str] = []
    segments: list[Segment] = []
    clean_pos = 0
    for spans in lines:
        for k, (start, end) in enumerate(spans):
            if pieces:
                pieces.append(" " if k else "\n")
                clean_pos += 1
            pieces.append(raw[start:end])
            segments.append(Segment(clean_pos, start, end - start))
            clean_pos += end - start
    return "".join(pieces), OffsetMap(tuple(segments))


__all__ = [
    "BoilerplateRule", "CleanResult", "boilerplate_rules", "clean_text", "ends_sentence",
    "is_body_paragraph", "match_boilerplate", "normalise_line", "parse_rules",
    "split_site_suffix", "word_count",
]

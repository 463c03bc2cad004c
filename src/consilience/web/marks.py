"""Highlighted text for the document and coverage views (escaped, shared with the static report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from consilience.report.highlight import Mark, highlight


def document_marks(records: dict[str, list[Any]], names: Callable[[str | None], str]) -> list[Mark]:
    marks: list[Mark] = []
    for m in records.get("mentions", []):
        marks.append(Mark(m.start, m.end, "actor", names(m.actor_id) if m.actor_id else m.label))
    for p in records.get("places", []):
        marks.append(Mark(p.start, p.end, "place", f"place: {p.name}"))
    for d in records.get("dates", []):
        marks.append(Mark(d.start, d.end, "date", f"date: {d.value or 'unresolved'}"))
    for c in records.get("claims", []):
        if c.content_start is not None and c.content_end is not None:
            speaker = names(c.speaker_actor_id) if c.speaker_actor_id else (c.speaker_text or "unknown speaker")
            marks.append(Mark(c.content_start, c.content_end, "claim", f"{c.stance} — {speaker}"))
    for f in records.get("figures", []):
        marks.append(Mark(f.start, f.end, "figure", f"figure: {f.qualifier} {f.value} {f.counts or ''} {f.who or ''}"))
    return marks


def highlighted(text: str, marks: list[Mark], hit: tuple[int, int] | None = None) -> Markup:
    """The whole text with marks; ``hit`` (a span from search or a dispute) is marked ``hit`` and outermost."""
    extra = [Mark(hit[0], hit[1], "hit", "the passage you followed")] if hit else []
    return Markup(highlight(text, extra + marks))


def span_view(text: str, start: int, end: int, marks: list[Mark]) -> Markup:
    """Only ``text[start:end]`` with the marks that fall inside it (offsets shifted)."""
    inside = [Mark(m.start - start, m.end - start, m.css, m.title) for m in marks
              if m.start >= start and m.end <= end and m.css in ("actor", "place", "date", "figure")]
    return Markup(highlight(text[start:end], inside))

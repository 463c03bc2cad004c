"""Cleaned text with record spans marked up, for the report's text view."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    css: str      # actor | place | date | figure | claim | event
    title: str    # hover text


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """Escape ``text`` and wrap marks in <mark>; overlapping marks: the earlier, longer one wins."""
    chosen: list[Mark] = []
    last_end = -1
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= last_end and 0 <= m.start < m.end <= len(text):
            chosen.append(m)
            last_end = m.end
    out: list[str] = []
    pos = 0
    for m in chosen:
        out.append(html.escape(text[pos:m.start]))
        out.append(f'<mark class="{m.css}" title="{html.escape(m.title, quote=True)}">'
                   f"{html.escape(text[m.start:m.end])}</mark>")
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)

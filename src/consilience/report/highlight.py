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
    """Escape ``text`` and wrap marks in <mark>.

    Marks may nest (a place inside a claim's content); a mark that crosses
    the boundary of one already open is dropped, so the HTML stays well formed.
    """
    chosen: list[Mark] = []
    stack: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if not 0 <= m.start < m.end <= len(text):
            continue
        while stack and stack[-1].end <= m.start:
            stack.pop()
        if stack and m.end > stack[-1].end:
            continue  # crosses the enclosing mark
        chosen.append(m)
        stack.append(m)
    events: list[tuple[int, int, str]] = []  # (offset, order, html): closes before opens at one offset
    for i, m in enumerate(chosen):
        events.append((m.start, 1, f'<mark class="{m.css}" title="{html.escape(m.title, quote=True)}">'))
        events.append((m.end, 0, "</mark>"))
    out: list[str] = []
    pos = 0
    for offset, _, tag in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(html.escape(text[pos:offset]))
        out.append(tag)
        pos = offset
    out.append(html.escape(text[pos:]))
    return "".join(out)

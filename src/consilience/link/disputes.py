"""Disputes: contradictions grouped by the proposition they are about.

A contradiction row pairs one affirming span with one contradicting span.  A
reader wants the dispute: the proposition, who asserts it, who denies or
contradicts it, each with their spans, once (the same Pashinyan quote in four
pairwise rows is one dispute).  Rows are grouped when they share their
proposition (the claim group, or the merged event of a blame) or a span, within
one story and one kind; the side a span is on is the side of its row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from consilience.link.records import ClaimGroup, Contradiction, SpanRef, stable_id

__all__ = ["Dispute", "Voice", "group_disputes"]


@dataclass(frozen=True, slots=True)
class Voice:
    """One side's statement in a dispute."""

    origin: str
    stance: str
    span: SpanRef


@dataclass(frozen=True, slots=True)
class Dispute:
    id: str
    story_id: str | None
    kind: str                        # stance | figure | blame
    proposition: str                 # what is disputed, in words
    asserting: tuple[Voice, ...]     # who asserts it (for a blame: one side's accusations)
    contradicting: tuple[Voice, ...]  # who denies or contradicts it (the other side's)
    contradiction_ids: tuple[str, ...]


def _key(c: Contradiction) -> tuple:
    return (c.story_id, c.kind, c.group_id) if c.group_id else (c.story_id, c.kind, None, c.id)


def group_disputes(contradictions: Sequence[Contradiction],
                   claim_groups: Mapping[str, ClaimGroup] | None = None) -> list[Dispute]:
    """Group contradiction rows into disputes (deterministic order: story, kind, first span)."""
    groups = claim_groups or {}
    parent = list(range(len(contradictions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_by: dict[Any, int] = {}
    for i, c in enumerate(contradictions):
        keys = [_key(c)] + [(c.story_id, c.kind, "span", s.record_id) for s in (c.a, c.b)]
        for k in keys:
            if k in first_by:
                union(first_by[k], i)
            else:
                first_by[k] = i
    members: dict[int, list[Contradiction]] = {}
    for i, c in enumerate(contradictions):
        members.setdefault(find(i), []).append(c)
    out = []
    for rows in members.values():
        a_side: dict[str, Voice] = {}
        b_side: dict[str, Voice] = {}
        for c in rows:
            # keep each span on one side: the side it first took
            if c.a.record_id not in b_side:
                a_side.setdefault(c.a.record_id, Voice(c.a_origin, c.a_stance, c.a))
            if c.b.record_id not in a_side:
                b_side.setdefault(c.b.record_id, Voice(c.b_origin, c.b_stance, c.b))
        head = rows[0]
        out.append(Dispute(
            id=stable_id("dispute:", *sorted(c.id for c in rows)), story_id=head.story_id, kind=head.kind,
            proposition=_proposition(head, groups), asserting=tuple(a_side.values()),
            contradicting=tuple(b_side.values()), contradiction_ids=tuple(sorted(c.id for c in rows))))
    return sorted(out, key=lambda d: (d.story_id or "", d.kind, d.asserting[0].span.document_id if d.asserting else "",
                                      d.asserting[0].span.start if d.asserting else 0, d.id))


def _proposition(c: Contradiction, groups: Mapping[str, ClaimGroup]) -> str:
    group = groups.get(c.group_id) if c.group_id else None
    if c.kind == "stance":
        text = (group.label if group is not None else "") or c.a.text
        return text.strip().rstrip(".,;:")[:200]
    if c.kind == "blame":
        return f"who is to blame: {c.note}" if c.note else "who is to blame"
    return f"the figures: {c.note}" if c.note else "the figures"

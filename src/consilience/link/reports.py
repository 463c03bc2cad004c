"""Reports: which documents count as one report when origins are counted.

Copies are one source.  A wire story republished twelve times, or a blog's
copy of an Al Jazeera article, adds no independent witness: documents joined
by duplicate or near-duplicate links (``ingest/dedup.py``) form one *report
family*, and the family's own narration has one origin.  Its label is the
first outlet name among its members (alphabetically, so the label does not
depend on the order documents arrived), else ``copies:<smallest id>``.

A document with no copies is its own report, labelled by its outlet (two
articles of one outlet narrate as one origin, ``outlet:NAME``) or, with no
outlet, by its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["COPY_KINDS", "copy_components", "load_report_labels", "report_labels", "wire_of"]

#: Agencies whose copy a dateline credits: "MOSCOW (Reuters) -", "Baku, Oct 1 (AFP) --".
WIRES = {
    "afp": "AFP", "agence france-presse": "AFP", "reuters": "Reuters", "ap": "Associated Press",
    "associated press": "Associated Press", "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency",
    "aa": "Anadolu Agency", "tass": "TASS", "xinhua": "Xinhua", "dpa": "dpa", "interfax": "Interfax",
    "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo", "yonhap": "Yonhap", "upi": "UPI", "pti": "PTI",
    "ians": "IANS", "sputnik": "Sputnik", "ria novosti": "RIA Novosti", "bernama": "Bernama",
}
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][\w .,'\u2019/-]{0,60}?\((?P<wire>[A-Za-z .-]{2,25})\)\s*(?:[-\u2013\u2014:]|$)", re.M)

#: Link kinds that make two documents copies of one report.
COPY_KINDS = ("duplicate", "near_duplicate")

#: Documents followed out of one family at most (a guard against a run-away component).
MAX_FAMILY = 10_000


def wire_of(text: str) -> str | None:
    """The agency a dateline in the first lines credits ("MOSCOW (Reuters) -" -> "Reuters"), else None."""
    for m in _DATELINE.finditer(text[:600]):
        wire = WIRES.get(m.group("wire").strip().lower())
        if wire:
            return wire
    return None


def copy_components(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """document id -> smallest id of its copy component (documents in some pair only)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def report_labels(outlets: Mapping[str, str | None], pairs: Iterable[tuple[str, str]],
                  wires: Mapping[str, str] | None = None) -> dict[str, str]:
    """The report label of every document in ``outlets`` (id -> outlet or None).

    ``wires`` (id -> agency) names the agency whose copy a document is: its
    narration is the agency's, whoever republished it.
    """
    wires = wires or {}
    outlets = {d: (f"wire:{wires[d]}" if d in wires else o) for d, o in outlets.items()}
    root_of = copy_components(pairs)
    members: dict[str, list[str]] = {}
    for doc_id, root in root_of.items():
        members.setdefault(root, []).append(doc_id)
    out: dict[str, str] = {}
    for doc_id, outlet in outlets.items():
        root = root_of.get(doc_id)
        if root is None or len(members[root]) < 2:
            out[doc_id] = outlet or doc_id
            continue
        names = sorted(o for m in members[root] if (o := outlets.get(m)))
        out[doc_id] = names[0] if names else f"copies:{root}"
    return out


def load_report_labels(conn: Any, doc_ids: Iterable[str]) -> dict[str, str]:
    """Report labels for ``doc_ids`` from the store, following copy links across the whole store."""
    seen: set[str] = set()
    frontier = set(doc_ids)
    pairs: list[tuple[str, str]] = []
    kinds = ",".join("?" * len(COPY_KINDS))
    while frontier and len(seen) < MAX_FAMILY:
        batch = sorted(frontier)[:900]
        frontier.difference_update(batch)
        seen.update(batch)
        marks = ",".join("?" * len(batch))
        for a, b in conn.execute(
                f"SELECT source_id, target_id FROM links WHERE kind IN ({kinds}) "
                f"AND (source_id IN ({marks}) OR target_id IN ({marks}))", (*COPY_KINDS, *batch, *batch)):
            pairs.append((a, b))
            frontier.update(x for x in (a, b) if x not in seen)
    outlets: dict[str, str | None] = {}
    wires: dict[str, str] = {}
    ids = sorted(seen)
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        for doc_id, outlet, head in conn.execute(
                f"SELECT id, outlet, substr(text, 1, 600) FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                chunk):
            outlets[doc_id] = outlet
            if (wire := wire_of(head or "")):
                wires[doc_id] = wire
    return report_labels(outlets, pairs, wires)

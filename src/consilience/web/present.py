"""Turning query results into what the templates show: stance symbols, the claims matrix, disputes.

The SVG charts (ledger, network) live in ``consilience.report.charts``, shared
with the static report; they are server-side SVG with escaped text, so the
pages work without JavaScript except for the map.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from consilience.link.records import ClaimGroup, Contradiction
from consilience.report.charts import (  # noqa: F401 - the templates' chart helpers, shared with the report
    KIND_COLOURS, STANCE_SYMBOLS, colours, is_vague, kind_legend, ledger_charts, line_swatch, network_svg, swatch,
)

STATUS_CSS = {"confirmed against interest": "ok", "corroborated": "ok", "single-source": "",
              "disputed": "warn", "denied": "err"}

Names = Callable[[str | None], str]


# ---------------------------------------------------------------------------
# claims matrix and disputes
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: list[str]                  # origin keys
    column_names: list[str]
    rows: list[tuple[ClaimGroup, list[list[str]]]]   # group, per column the stances
    total_rows: int
    total_columns: int


def claims_matrix(groups: Sequence[ClaimGroup], names: Names, max_rows: int, max_cols: int) -> Matrix:
    shown = [g for g in groups if len(g.claim_ids) > 1 or g.status in ("disputed", "denied")]
    shown.sort(key=lambda g: (-len(set(g.origins)), g.status not in ("disputed", "denied"), g.id))
    freq = Counter(o for g in shown for o in set(g.origins))
    all_cols = [o for o, _ in sorted(freq.items(), key=lambda kv: (-kv[1], names(kv[0])))]
    cols = all_cols[:max_cols]
    rows = []
    for g in shown[:max_rows]:
        marks: dict[str, list[str]] = defaultdict(list)
        for _, stance, origin in g.stances:
            if stance not in marks[origin]:
                marks[origin].append(stance)
        rows.append((g, [marks.get(c, []) for c in cols]))
    return Matrix(cols, [names(c) for c in cols], rows, len(shown), len(all_cols))


def disputes_by_proposition(items: Sequence[Contradiction], groups: Sequence[ClaimGroup],
                            names: Names) -> list[tuple[str, list[Contradiction]]]:
    """Disputes under the proposition they are about: the claim group's label, who blames whom, or figures."""
    labels = {g.id: g.label for g in groups}
    out: dict[str, list[Contradiction]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for c in items:
        pair = tuple(sorted((c.a.record_id, c.b.record_id)))
        if pair in seen:
            continue
        seen.add(pair)  # type: ignore[arg-type]
        if c.group_id and c.group_id in labels:
            key = labels[c.group_id]
        elif c.kind == "blame" and c.note:
            key = "Who is to blame: " + re.sub(r"\b[A-Z]{3}\b", lambda m: names(m.group()), c.note)
        elif c.kind == "figure":
            key = "Casualty and damage figures"
        else:
            key = f"{c.kind.capitalize()}: {c.a.text[:80]}"
        out[key].append(c)
    return sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0]))



"""Overview: the run, counts, input errors and duplicate documents."""

from __future__ import annotations

import html
from collections import Counter

from consilience.report.data import ReportData

TITLE = "Overview"
ANCHOR = "overview"


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render(data: ReportData) -> str:
    parts: list[str] = []
    statuses = Counter(d.status for d in data.documents)
    outlets = Counter(d.outlet or "unknown" for d in data.documents)
    parts.append(f"<p>{len(data.documents)} documents from {len(outlets)} outlets; "
                 + ", ".join(f"{n} {html.escape(s)}" for s, n in sorted(statuses.items())) + ".</p>")
    counts = {t: sum(len(v) for v in by_doc.values()) for t, by_doc in data.records.items()}
    if any(counts.values()):
        parts.append(_table([(t, str(n)) for t, n in counts.items()], ("records", "count")))
    if data.run:
        meta = data.run.get("metadata") or {}
        model = meta.get("model")
        parts.append(f"<p class=\"meta\">Last run: <code>{html.escape(data.run['command'])}</code> "
                     f"started {html.escape(data.run['started_at'])}"
                     + (f"; model {html.escape(str(model))}" if model else "") + "</p>")
    if data.input_errors:
        parts.append("<h3>Inputs that could not be read (last run)</h3>")
        parts.append(_table(data.input_errors, ("file", "reason")))
    titles = {d.id: (d.title or d.source) for d in data.documents}
    dup = [(lk.kind, titles.get(lk.source_id, lk.source_id), titles.get(lk.target_id, lk.target_id),
            f"{lk.score:.2f}" if lk.score is not None else "")
           for lk in data.links if lk.kind in ("duplicate", "near_duplicate")]
    parts.append("<h3>Duplicate and syndicated documents</h3>")
    parts.append(_table(dup, ("kind", "document", "copies", "score")) if dup
                 else "<p class=\"muted\">None found.</p>")
    return "\n".join(parts)

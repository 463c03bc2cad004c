"""What the report reads from the store, gathered once into plain records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from consilience.store import Store
from consilience.store.documents import iter_documents
from consilience.store.links import iter_links
from consilience.store.records import iter_actors, iter_records
from consilience.store.runs import last_run
from consilience.types import DOCUMENT_RECORD_TYPES, Actor, Document, Link


@dataclass(slots=True)
class ReportData:
    documents: list[Document]
    links: list[Link]
    actors: dict[str, Actor]
    # records[table][document_id] -> list of records, in text order
    records: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    run: dict[str, Any] | None = None
    input_errors: list[tuple[str, str]] = field(default_factory=list)
    link: Any = None  # consilience.link.records.LinkResult, when linking has run

    def of(self, table: str, document_id: str) -> list[Any]:
        return self.records.get(table, {}).get(document_id, [])

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)


def load_report_data(store: Store) -> ReportData:
    conn = store.conn
    records: dict[str, dict[str, list[Any]]] = {}
    for table in DOCUMENT_RECORD_TYPES:
        by_doc: dict[str, list[Any]] = defaultdict(list)
        for rec in iter_records(conn, table):
            by_doc[rec.document_id].append(rec)
        records[table] = dict(by_doc)
    errors = [(r[0], r[1]) for r in conn.execute(
        "SELECT path, reason FROM input_errors WHERE run_id = (SELECT max(id) FROM runs) ORDER BY id")]
    from consilience.link.persist import load_link_result

    return ReportData(
        documents=list(iter_documents(conn)),
        links=list(iter_links(conn)),
        actors={a.id: a for a in iter_actors(conn)},
        records=records,
        run=last_run(conn),
        input_errors=errors,
        link=load_link_result(conn),
    )

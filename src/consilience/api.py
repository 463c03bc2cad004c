"""The Python API for notebooks: ``consilience.open(db)``.

    >>> import consilience
    >>> corpus = consilience.open("karabakh.db")
    >>> corpus.stories()[0].label                 # typed records
    >>> corpus.frame("disputes")                  # a pandas DataFrame (pip install 'consilience[pandas]')
    >>> corpus.sql("SELECT outlet, count(*) FROM v_documents GROUP BY outlet")

The database is opened read-only.  Record methods return the frozen
dataclasses of ``consilience.types`` and ``consilience.link.records``;
``frame(name)`` returns the flat SQL view of that record type (the same
columns as ``consilience export --format csv``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consilience.link.records import ClaimGroup, Contradiction, LedgerEntry, MergedEvent, Relation, from_data
from consilience.report.export_tables import TABLES
from consilience.store import Store
from consilience.store.documents import get_document, iter_documents
from consilience.store.records import iter_actors, iter_records
from consilience.types import Actor, Claim, DateRef, Document, Event, Figure, Mention, Place, Story, record_from_dict

__all__ = ["Corpus", "open_corpus", "FRAMES"]

FRAMES = tuple(TABLES)


class Corpus:
    """A Consilience database opened read-only.  Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self._store = Store(path, readonly=True)
        self.path = str(path)

    # -- typed records -----------------------------------------------------
    def documents(self) -> list[Document]:
        return list(iter_documents(self._store.conn))

    def document(self, doc_id: str) -> Document | None:
        return get_document(self._store.conn, doc_id)

    def actors(self) -> list[Actor]:
        return list(iter_actors(self._store.conn))

    def _records(self, table: str, document_id: str | None) -> list[Any]:
        return list(iter_records(self._store.conn, table, document_id))

    def mentions(self, document_id: str | None = None) -> list[Mention]:
        return self._records("mentions", document_id)

    def places(self, document_id: str | None = None) -> list[Place]:
        return self._records("places", document_id)

    def dates(self, document_id: str | None = None) -> list[DateRef]:
        return self._records("dates", document_id)

    def figures(self, document_id: str | None = None) -> list[Figure]:
        return self._records("figures", document_id)

    def claims(self, document_id: str | None = None) -> list[Claim]:
        return self._records("claims", document_id)

    def events(self, document_id: str | None = None) -> list[Event]:
        return self._records("events", document_id)

    def stories(self) -> list[Story]:
        out = []
        for (data,) in self._store.conn.execute("SELECT data FROM stories ORDER BY id"):
            payload = json.loads(data)
            if "story" in payload:
                out.append(record_from_dict(Story, payload["story"]))
        return out

    def _linked(self, table: str, cls: type, story_id: str | None) -> list[Any]:
        sql = f"SELECT data FROM {table}" + (" WHERE story_id = ?" if story_id else "") + " ORDER BY rowid"
        return [from_data(cls, json.loads(r[0])) for r in self._store.conn.execute(sql, (story_id,) if story_id else ())]

    def merged_events(self, story_id: str | None = None) -> list[MergedEvent]:
        return self._linked("merged_events", MergedEvent, story_id)

    def claim_groups(self, story_id: str | None = None) -> list[ClaimGroup]:
        return self._linked("claim_groups", ClaimGroup, story_id)

    def disputes(self, story_id: str | None = None) -> list[Contradiction]:
        return self._linked("contradictions", Contradiction, story_id)

    def ledger(self, story_id: str | None = None) -> list[LedgerEntry]:
        return self._linked("ledger", LedgerEntry, story_id)

    def relations(self, story_id: str | None = None) -> list[Relation]:
        return self._linked("relations", Relation, story_id)

    # -- tables --------------------------------------------------------------
    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Run a read-only SQL query; rows as dicts."""
        return [dict(r) for r in self._store.conn.execute(query, params)]

    def frame(self, name: str) -> Any:
        """The flat view of one record type as a pandas DataFrame (names in ``FRAMES``)."""
        if name not in TABLES:
            raise ValueError(f"unknown record type {name!r}; valid: {', '.join(FRAMES)}")
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("DataFrames need pandas: pip install 'consilience[pandas]'") from exc
        return pd.read_sql_query(f"SELECT * FROM {TABLES[name]}", self._store.conn)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<consilience.Corpus {self.path!r}>"


def open_corpus(path: str | Path) -> Corpus:
    """Open a Consilience database read-only (``consilience.open`` is this function)."""
    return Corpus(path)

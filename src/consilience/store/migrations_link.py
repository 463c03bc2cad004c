"""Schema for the cross-document linking stage (appended to ``MIGRATIONS``).

Every result table keeps a ``data`` column with the whole record as JSON
(``consilience.link.records.to_data``) and, beside it, the columns the
report and the web app filter on.  ``stories`` exists since version 2
(``id, label, data``); it is created here only if missing.  Results other
than stories are rewritten on each linking run; stories and their members
are kept, so a new document joins a story without recomputing the corpus.
"""

from __future__ import annotations

from consilience.store.migrations import Migration

LINK_MIGRATIONS: tuple[Migration, ...] = (
    Migration(3, "cross-document linking results", """
    CREATE TABLE IF NOT EXISTS stories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE story_documents (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL,
        score REAL NOT NULL,
        started INTEGER NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX story_documents_story ON story_documents(story_id);

    CREATE TABLE merged_events (
        id TEXT PRIMARY KEY,
        story_id TEXT,
        family TEXT NOT NULL,
        earliest TEXT,
        latest TEXT,
        status TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX merged_events_story ON merged_events(story_id);
    CREATE TABLE event_members (
        event_id TEXT PRIMARY KEY,
        merged_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE INDEX event_members_merged ON event_members(merged_id);

    CREATE TABLE claim_groups (
        id TEXT PRIMARY KEY,
        story_id TEXT,
        merged_event_id TEXT,
        status TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX claim_groups_story ON claim_groups(story_id);

    CREATE TABLE contradictions (
        id TEXT PRIMARY KEY,
        story_id TEXT,
        kind TEXT NOT NULL,
        a_record_id TEXT NOT NULL,
        b_record_id TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX contradictions_story ON contradictions(story_id);

    CREATE TABLE ledger (
        id TEXT PRIMARY KEY,
        story_id TEXT,
        figure_id TEXT NOT NULL,
        as_of TEXT,
        origin TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX ledger_story ON ledger(story_id, as_of);

    CREATE TABLE relations (
        id TEXT PRIMARY KEY,
        story_id TEXT,
        source_actor_id TEXT NOT NULL,
        target_actor_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        weight REAL NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX relations_story ON relations(story_id);

    CREATE TABLE framing (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, outlet)
    );
    """),
)

__all__ = ["LINK_MIGRATIONS"]

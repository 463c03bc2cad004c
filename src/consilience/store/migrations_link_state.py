"""Schema for incremental linking (version 5): what each document was last linked as.

``link_state`` holds, per document the linking stage has linked, its story
and a stamp of the extraction it was linked from (extractor version and
time).  A run compares it with the store: a document that is new (not in a
story), re-extracted (another stamp) or gone (no longer ``ok``) makes its
story dirty, and only dirty stories are linked again; a run with nothing
new does no linking work.  A database linked before this version has no
rows here, so its first run after the upgrade relinks every story once.
"""

from __future__ import annotations

from consilience.store.migrations import Migration

LINK_STATE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(5, "incremental linking state", """
    CREATE TABLE link_state (
        document_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        stamp TEXT NOT NULL
    );
    CREATE INDEX link_state_story ON link_state(story_id);
    """),
)

__all__ = ["LINK_STATE_MIGRATIONS"]

"""Schema version 4: a run's status and the process that ran it.

``status`` is ``running`` while a run works, then ``finished``, ``failed``
(an error ended it) or ``interrupted`` (Ctrl-C, SIGTERM, or a process that
died: the next writer to open the database marks those, see
``consilience.store.runs.close_abandoned_runs``).  ``pid`` and ``host`` say
which process ran it.  Runs recorded before this version are ``finished``
when they have ``finished_at`` and ``interrupted`` otherwise.
"""

from __future__ import annotations

from consilience.store.migrations import Migration

RUN_MIGRATIONS: tuple[Migration, ...] = (
    Migration(4, "run status, pid and host", """
    ALTER TABLE runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running';
    ALTER TABLE runs ADD COLUMN pid INTEGER;
    ALTER TABLE runs ADD COLUMN host TEXT;
    UPDATE runs SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'finished' END;
    """),
)

__all__ = ["RUN_MIGRATIONS"]

"""Version 6: SQL views with flat, named columns and full-text indexes.

The views let Datasette, DuckDB or sqlite-utils users query the store without
``json_extract`` (every JSON field a reader needs is a named column); the
FTS5 tables index document titles and texts and claim passages.  The FTS5
tables use the record tables as external content and are kept current by
triggers, so whoever writes the store (ingest, extraction) keeps them in step
and a read-only reader (``consilience serve``) never writes.
"""

from __future__ import annotations

from consilience.store.migrations import Migration

_J = "json_extract"

VIEWS_SQL = f"""
CREATE VIEW v_documents AS
SELECT d.id, d.title, d.outlet, d.published, d.published_precision, d.url, d.language, d.status,
       d.format, d.source, length(d.text) AS n_chars, sd.story_id
FROM documents d LEFT JOIN story_documents sd ON sd.document_id = d.id;

CREATE VIEW v_stories AS
SELECT s.id, s.label, {_J}(s.data, '$.story.first_date') AS first_date,
       {_J}(s.data, '$.story.last_date') AS last_date,
       (SELECT count(*) FROM story_documents sd WHERE sd.story_id = s.id) AS n_documents,
       (SELECT count(DISTINCT d.outlet) FROM story_documents sd JOIN documents d ON d.id = sd.document_id
         WHERE sd.story_id = s.id) AS n_outlets,
       (SELECT count(*) FROM merged_events m WHERE m.story_id = s.id) AS n_events,
       (SELECT count(*) FROM contradictions c WHERE c.story_id = s.id) AS n_disputes
FROM stories s;

CREATE VIEW v_mentions AS
SELECT m.id, m.document_id, m.start, m."end", m.text, {_J}(m.data, '$.label') AS label,
       {_J}(m.data, '$.actor_id') AS actor_id, a.name AS actor_name, {_J}(m.data, '$.place_id') AS place_id,
       {_J}(m.data, '$.role') AS role
FROM mentions m LEFT JOIN actors a ON a.id = {_J}(m.data, '$.actor_id');

CREATE VIEW v_places AS
SELECT p.id, p.document_id, p.start, p."end", p.text, {_J}(p.data, '$.name') AS name,
       {_J}(p.data, '$.geonameid') AS geonameid, {_J}(p.data, '$.latitude') AS latitude,
       {_J}(p.data, '$.longitude') AS longitude, {_J}(p.data, '$.country') AS country,
       {_J}(p.data, '$.feature') AS feature, {_J}(p.data, '$.precision') AS precision,
       {_J}(p.data, '$.confidence') AS confidence
FROM places p;

CREATE VIEW v_dates AS
SELECT id, document_id, start, "end", text, {_J}(data, '$.value') AS value,
       {_J}(data, '$.precision') AS precision, {_J}(data, '$.earliest') AS earliest,
       {_J}(data, '$.latest') AS latest
FROM dates;

CREATE VIEW v_figures AS
SELECT f.id, f.document_id, d.outlet, d.published, f.start, f."end", f.text,
       {_J}(f.data, '$.value') AS value, {_J}(f.data, '$.value_text') AS value_text,
       {_J}(f.data, '$.qualifier') AS qualifier, {_J}(f.data, '$.counts') AS counts,
       {_J}(f.data, '$.who') AS who, {_J}(f.data, '$.side') AS side, {_J}(f.data, '$.category') AS category
FROM figures f JOIN documents d ON d.id = f.document_id;

CREATE VIEW v_claims AS
SELECT c.id, c.document_id, d.outlet, d.published, c.start, c."end", c.text,
       {_J}(c.data, '$.speaker_text') AS speaker_text, {_J}(c.data, '$.speaker_actor_id') AS speaker_actor_id,
       a.name AS speaker_name, {_J}(c.data, '$.cue') AS cue, {_J}(c.data, '$.stance') AS stance,
       {_J}(c.data, '$.content') AS content, {_J}(c.data, '$.direct_quote') AS direct_quote,
       {_J}(c.data, '$.channel') AS channel
FROM claims c JOIN documents d ON d.id = c.document_id
LEFT JOIN actors a ON a.id = {_J}(c.data, '$.speaker_actor_id');

CREATE VIEW v_events AS
SELECT e.id, e.document_id, d.outlet, d.published, e.start, e."end", e.text,
       {_J}(e.data, '$.event_type') AS event_type, {_J}(e.data, '$.sub_event_type') AS sub_event_type,
       {_J}(e.data, '$.trigger') AS trigger, {_J}(e.data, '$.actor1_id') AS actor1_id, a1.name AS actor1_name,
       {_J}(e.data, '$.actor2_id') AS actor2_id, a2.name AS actor2_name,
       {_J}(p.data, '$.name') AS place_name, {_J}(p.data, '$.latitude') AS latitude,
       {_J}(p.data, '$.longitude') AS longitude, {_J}(e.data, '$.modality') AS modality,
       {_J}(e.data, '$.background') AS background, em.merged_id AS merged_event_id
FROM events e JOIN documents d ON d.id = e.document_id
LEFT JOIN actors a1 ON a1.id = {_J}(e.data, '$.actor1_id')
LEFT JOIN actors a2 ON a2.id = {_J}(e.data, '$.actor2_id')
LEFT JOIN places p ON p.id = {_J}(e.data, '$.place_id')
LEFT JOIN event_members em ON em.event_id = e.id;

CREATE VIEW v_merged_events AS
SELECT m.id, m.story_id, s.label AS story_label, {_J}(m.data, '$.event_type') AS event_type,
       {_J}(m.data, '$.sub_event_type') AS sub_event_type, m.family, m.earliest, m.latest,
       {_J}(m.data, '$.place_name') AS place_name, {_J}(m.data, '$.latitude') AS latitude,
       {_J}(m.data, '$.longitude') AS longitude, m.status,
       {_J}(m.data, '$.independent_origins') AS independent_origins,
       json_array_length(m.data, '$.spans') AS n_reports, {_J}(m.data, '$.background') AS background
FROM merged_events m LEFT JOIN stories s ON s.id = m.story_id;

CREATE VIEW v_claim_groups AS
SELECT g.id, g.story_id, {_J}(g.data, '$.label') AS label, {_J}(g.data, '$.key') AS key, g.status,
       g.merged_event_id, {_J}(g.data, '$.independent_origins') AS independent_origins,
       json_array_length(g.data, '$.claim_ids') AS n_claims
FROM claim_groups g;

CREATE VIEW v_disputes AS
SELECT c.id, c.story_id, c.kind, {_J}(c.data, '$.note') AS note, {_J}(c.data, '$.group_id') AS group_id,
       {_J}(c.data, '$.a_origin') AS a_origin, {_J}(c.data, '$.a_stance') AS a_stance,
       {_J}(c.data, '$.a.text') AS a_text, {_J}(c.data, '$.a.outlet') AS a_outlet,
       {_J}(c.data, '$.a.published') AS a_published, {_J}(c.data, '$.a.document_id') AS a_document_id,
       {_J}(c.data, '$.a.start') AS a_start, {_J}(c.data, '$.a.end') AS a_end,
       {_J}(c.data, '$.b_origin') AS b_origin, {_J}(c.data, '$.b_stance') AS b_stance,
       {_J}(c.data, '$.b.text') AS b_text, {_J}(c.data, '$.b.outlet') AS b_outlet,
       {_J}(c.data, '$.b.published') AS b_published, {_J}(c.data, '$.b.document_id') AS b_document_id,
       {_J}(c.data, '$.b.start') AS b_start, {_J}(c.data, '$.b.end') AS b_end
FROM contradictions c;

CREATE VIEW v_ledger AS
SELECT l.id, l.story_id, l.figure_id, l.origin, {_J}(l.data, '$.origin_kind') AS origin_kind,
       {_J}(l.data, '$.value') AS value, {_J}(l.data, '$.qualifier') AS qualifier,
       {_J}(l.data, '$.value_text') AS value_text, {_J}(l.data, '$.counts') AS counts,
       {_J}(l.data, '$.who') AS who, {_J}(l.data, '$.side') AS side, l.as_of,
       {_J}(l.data, '$.as_of_source') AS as_of_source, {_J}(l.data, '$.span.text') AS text,
       {_J}(l.data, '$.span.document_id') AS document_id, {_J}(l.data, '$.span.outlet') AS outlet,
       {_J}(l.data, '$.span.published') AS published
FROM ledger l;

CREATE VIEW v_relations AS
SELECT r.id, r.story_id, r.source_actor_id, sa.name AS source_name, r.target_actor_id,
       ta.name AS target_name, r.kind, r.weight, {_J}(r.data, '$.evidence_count') AS evidence_count,
       {_J}(r.data, '$.independent_origins') AS independent_origins
FROM relations r LEFT JOIN actors sa ON sa.id = r.source_actor_id
LEFT JOIN actors ta ON ta.id = r.target_actor_id;
"""

FTS_SQL = """
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='rowid');
CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
  INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER claims_fts_au AFTER UPDATE OF text ON claims BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text);
END;
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');

CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);
CREATE INDEX claims_speaker ON claims(json_extract(data, '$.speaker_actor_id'));
CREATE INDEX events_actor1 ON events(json_extract(data, '$.actor1_id'));
CREATE INDEX events_actor2 ON events(json_extract(data, '$.actor2_id'));
CREATE INDEX places_name ON places(json_extract(data, '$.name'));
CREATE INDEX merged_events_place ON merged_events(json_extract(data, '$.place_name'), earliest);
CREATE INDEX merged_events_span ON merged_events(earliest, coalesce(latest, earliest), id);
CREATE INDEX merged_events_latlon ON merged_events(json_extract(data, '$.latitude'), json_extract(data, '$.longitude'),
                                                 json_extract(data, '$.place_name'));
CREATE INDEX relations_source ON relations(source_actor_id);
CREATE INDEX relations_target ON relations(target_actor_id);
CREATE INDEX stories_last_date ON stories(json_extract(data, '$.story.last_date'), id);
CREATE INDEX stories_first_date ON stories(json_extract(data, '$.story.first_date'), id);
"""

VIEW_NAMES = ("v_documents", "v_stories", "v_mentions", "v_places", "v_dates", "v_figures", "v_claims",
              "v_events", "v_merged_events", "v_claim_groups", "v_disputes", "v_ledger", "v_relations")

VIEW_MIGRATIONS: tuple[Migration, ...] = (
    Migration(6, "flat SQL views and full-text indexes", VIEWS_SQL + FTS_SQL),
)

__all__ = ["VIEW_MIGRATIONS", "VIEW_NAMES"]

-- v15: the writer's keyed tables clustered on their keys (WITHOUT ROWID). `cluster_postings`,
-- `thread_keys` and `story_sources` were rowid tables with a primary key beside them: every
-- new row went into the table, its primary-key index and (postings, thread keys) the index by
-- seq, and a read by seq found each row through the index then again in the table. Clustered,
-- the table is its primary key and the seq index holds the key, so it answers the posting and
-- thread-key look-ups alone. Nothing reads these tables by rowid.
ALTER TABLE cluster_postings RENAME TO cluster_postings_v14;
DROP INDEX cluster_postings_seq;
CREATE TABLE cluster_postings (
    term_id  INTEGER NOT NULL,
    story_id INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (term_id, story_id)
) WITHOUT ROWID;
INSERT INTO cluster_postings (term_id, story_id, seq)
SELECT term_id, story_id, seq FROM cluster_postings_v14 ORDER BY term_id, story_id;
DROP TABLE cluster_postings_v14;
CREATE INDEX cluster_postings_seq ON cluster_postings(term_id, seq);

ALTER TABLE thread_keys RENAME TO thread_keys_v14;
DROP INDEX thread_keys_latest;
CREATE TABLE thread_keys (
    term      INTEGER NOT NULL,
    thread_id INTEGER NOT NULL REFERENCES threads(id),
    seq       INTEGER NOT NULL,
    PRIMARY KEY (term, thread_id)
) WITHOUT ROWID;
INSERT INTO thread_keys (term, thread_id, seq)
SELECT term, thread_id, seq FROM thread_keys_v14 ORDER BY term, thread_id;
DROP TABLE thread_keys_v14;
CREATE INDEX thread_keys_latest ON thread_keys (term, seq DESC, thread_id DESC);

ALTER TABLE story_sources RENAME TO story_sources_v14;
CREATE TABLE story_sources (
    story_id    INTEGER NOT NULL,
    source      TEXT NOT NULL,
    articles    INTEGER NOT NULL,
    independent INTEGER NOT NULL,
    PRIMARY KEY (story_id, source)
) WITHOUT ROWID;
INSERT INTO story_sources (story_id, source, articles, independent)
SELECT story_id, source, articles, independent FROM story_sources_v14 ORDER BY story_id, source;
DROP TABLE story_sources_v14;

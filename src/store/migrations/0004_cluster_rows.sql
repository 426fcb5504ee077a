-- storyline schema v4: the story clusterer's state as rows, read on demand by each linking
-- batch (v3 kept it as one blob in link_state, loaded whole per run; a v3 blob is moved into
-- these rows when the store is opened, `store::legacy`), and per-outlet counts that keep the
-- stories' aggregates up to date incrementally.

-- The counters (one row). `version` is bumped by every batch that writes the state, so a
-- linker can tell whether its cached view is still the stored one.
CREATE TABLE cluster_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    n_docs      INTEGER NOT NULL,
    next_term   INTEGER NOT NULL,
    next_story  INTEGER NOT NULL,
    posting_seq INTEGER NOT NULL,
    recent_seq  INTEGER NOT NULL,
    version     INTEGER NOT NULL
);
INSERT INTO cluster_state (id, n_docs, next_term, next_story, posting_seq, recent_seq, version)
VALUES (1, 0, 0, 0, 0, 0, 0);

-- The feature dictionary with online document frequencies (kind: word, entity, number, ...).
CREATE TABLE cluster_terms (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    kind INTEGER NOT NULL,
    df   INTEGER NOT NULL
);

-- One row per story of the clusterer (id = stories.id - 1). The centroid is bounded (at most
-- `story_max_terms` terms) and always read and written whole, so it is one value: (term id
-- u32, weight f32) pairs, little-endian, sorted by term id. `dates`: up to 32 event dates,
-- comma-separated.
CREATE TABLE cluster_stories (
    id          INTEGER PRIMARY KEY,
    n_docs      INTEGER NOT NULL,
    first_pub   TEXT,
    last_pub    TEXT,
    last_seq    INTEGER NOT NULL,
    dates       TEXT NOT NULL,
    merged_into INTEGER,
    centroid    BLOB NOT NULL
);

-- The bounded posting lists: term -> the stories last indexed under it (at most
-- `posting_cap` per term; `seq` orders them, the least recent is dropped first).
CREATE TABLE cluster_postings (
    term_id  INTEGER NOT NULL,
    story_id INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (term_id, story_id)
);
CREATE INDEX cluster_postings_seq ON cluster_postings(term_id, seq);

-- The latest articles (the second pass's window): raw feature vector and contribution to the
-- centroid, encoded as the centroid is.
CREATE TABLE cluster_recent (
    seq        INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    story_id   INTEGER NOT NULL,
    published  TEXT,
    dates      TEXT NOT NULL,
    raw        BLOB NOT NULL,
    contrib    BLOB NOT NULL
);

-- Per story and outlet (the article id for an article with no known outlet): how many of its
-- articles are in the story, and how many of those are independent (neither a copy nor a near
-- copy). `stories.articles`, `sources` and `independent_sources` are kept from these counts as
-- articles join and leave, whatever a story's size.
CREATE TABLE story_sources (
    story_id    INTEGER NOT NULL,
    source      TEXT NOT NULL,
    articles    INTEGER NOT NULL,
    independent INTEGER NOT NULL,
    PRIMARY KEY (story_id, source)
);
INSERT INTO story_sources (story_id, source, articles, independent)
SELECT story_id, coalesce(source, id), count(*),
       sum(CASE WHEN copy_of IS NULL AND near_copy_of IS NULL THEN 1 ELSE 0 END)
FROM articles WHERE story_id IS NOT NULL GROUP BY story_id, coalesce(source, id);
UPDATE stories SET
    articles = (SELECT coalesce(sum(s.articles), 0) FROM story_sources s WHERE s.story_id = stories.id),
    sources = (SELECT count(*) FROM story_sources s WHERE s.story_id = stories.id),
    independent_sources = (SELECT count(*) FROM story_sources s WHERE s.story_id = stories.id AND s.independent > 0);

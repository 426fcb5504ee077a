-- storyline schema v3: near-duplicates (MinHash band keys shared through the store) and stories.

-- One MinHash signature per indexed article, and its LSH band keys (u64 stored as i64).
CREATE TABLE signatures (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
    sig         BLOB NOT NULL
);
CREATE TABLE band_keys (
    key         INTEGER NOT NULL,
    article_seq INTEGER NOT NULL REFERENCES articles(seq)
);
CREATE INDEX band_keys_key ON band_keys(key);

CREATE TABLE stories (
    id                  INTEGER PRIMARY KEY,
    label               TEXT NOT NULL DEFAULT '',
    first               TEXT,
    last                TEXT,
    articles            INTEGER NOT NULL DEFAULT 0,
    sources             INTEGER NOT NULL DEFAULT 0,
    independent_sources INTEGER NOT NULL DEFAULT 0
);

-- Named blobs of linking state (the story clusterer's dictionary, centroids and postings).
CREATE TABLE link_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

ALTER TABLE articles ADD COLUMN near_copy_of TEXT;
ALTER TABLE articles ADD COLUMN near_copy_score REAL;
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);
ALTER TABLE articles ADD COLUMN flags TEXT;   -- comma-separated quality flags
CREATE INDEX articles_story ON articles(story_id, published);
CREATE INDEX quotes_article_group ON quotes(article_seq, group_id);

-- storyline schema v1: articles and their texts.
-- Written in the SQL that SQLite and PostgreSQL share, except the full-text index, which each
-- backend builds its own way (SQLite: FTS5 below; PostgreSQL: a tsvector column).

-- Each distinct text is stored once; exact duplicates point here.
CREATE TABLE texts (
    id      INTEGER PRIMARY KEY,
    hash    TEXT NOT NULL UNIQUE,      -- xxh3-128 (seeded) of the text, hex
    body    TEXT NOT NULL,             -- the text, exactly as read; offsets point into it
    chars   INTEGER NOT NULL           -- length in Unicode code points
);

CREATE TABLE articles (
    seq             INTEGER PRIMARY KEY,   -- ingest order
    id              TEXT NOT NULL UNIQUE,  -- the input's id, or h + content hash
    text_id         INTEGER NOT NULL REFERENCES texts(id),
    copy_of         TEXT REFERENCES articles(id),  -- earlier article with the same text
    title           TEXT,
    byline          TEXT,
    source          TEXT,
    url             TEXT,
    canonical_url   TEXT,
    language        TEXT,
    language_detected INTEGER NOT NULL DEFAULT 0,
    published       TEXT,                  -- YYYY-MM-DD
    published_from  TEXT,                  -- given | metadata | header | inferred
    header_start    INTEGER,               -- byte offsets into texts.body
    header_end      INTEGER,
    dateline_start  INTEGER,
    dateline_end    INTEGER,
    dateline_place  TEXT,
    dateline_agency TEXT,
    format          TEXT NOT NULL,         -- txt | html | jsonl | warc
    origin_path     TEXT NOT NULL,
    origin_locator  TEXT,                  -- "line 3", "record 7"
    ingested_at     TEXT NOT NULL
);
CREATE INDEX articles_text_id ON articles(text_id);
CREATE INDEX articles_published ON articles(published);

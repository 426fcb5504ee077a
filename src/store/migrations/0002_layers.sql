-- storyline schema v2: the analysis layers of each article, and quote groups across articles.
-- Offsets are Unicode code points into texts.body (the JSON edge's unit, stable across backends).

CREATE TABLE quote_groups (
    id              INTEGER PRIMARY KEY,
    speaker         TEXT,              -- canonical name of the speaker, if known
    speaker_key     TEXT,              -- spelling-folded key of the speaker (entity merge key)
    text            TEXT NOT NULL,     -- the earliest variant's words
    first_article   TEXT NOT NULL,     -- the earliest article carrying it (by date, then ingest order)
    first_published TEXT,
    articles        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quote_groups_speaker ON quote_groups(speaker_key, id);

-- A few distinct wordings of each group (at most 8), what new quotes are compared with.
CREATE TABLE quote_variants (
    group_id INTEGER NOT NULL REFERENCES quote_groups(id),
    text     TEXT NOT NULL,
    PRIMARY KEY (group_id, text)
);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_seq   INTEGER NOT NULL REFERENCES articles(seq),
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    partial       INTEGER NOT NULL,
    speaker       TEXT,
    speaker_key   TEXT,
    mention_start INTEGER,
    mention_end   INTEGER,
    mention_text  TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    cue_text      TEXT,
    group_id      INTEGER REFERENCES quote_groups(id)
);
CREATE INDEX quotes_article ON quotes(article_seq);
CREATE INDEX quotes_group ON quotes(group_id);

CREATE TABLE times (
    id          INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL
);
CREATE INDEX times_article ON times(article_seq);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    canonical   TEXT NOT NULL,
    key         TEXT NOT NULL,         -- merge key: spelling variants meet here across articles
    role        TEXT
);
CREATE INDEX entities_article ON entities(article_seq);
CREATE INDEX entities_key ON entities(key);

-- inferred publication dates keep their confidence
ALTER TABLE articles ADD COLUMN published_confidence REAL;

-- v12: each story's name counts, as SQLite's v12 (`LayerStore::story_top_names`): per story
-- and merge key of a person, place or organisation its articles name, the articles naming
-- it, the mentions and the least canonical name (byte order), kept as articles join and
-- leave the story (`key` and `kind` in the collation of `entities`, which they are
-- compared with). Filled from the stored stories.
CREATE TABLE story_names (
    story_id BIGINT NOT NULL,
    key      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    name     TEXT COLLATE "C" NOT NULL,
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    PRIMARY KEY (story_id, key)
);
CREATE INDEX story_names_rank ON story_names (story_id, articles DESC, mentions DESC, name, key COLLATE "C");
INSERT INTO story_names (story_id, key, kind, name, articles, mentions)
SELECT a.story_id, e.key, min(e.kind), min(e.canonical COLLATE "C"), count(DISTINCT e.article_seq), count(*)
FROM entities e JOIN articles a ON a.seq = e.article_seq
WHERE a.story_id IS NOT NULL AND e.kind IN ('PERSON', 'PLACE', 'ORG')
GROUP BY a.story_id, e.key;

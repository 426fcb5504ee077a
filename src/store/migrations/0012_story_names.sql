-- v12: each story's name counts (`LayerStore::story_top_names`, the names in a story's
-- label): per story and merge key of a person, place or organisation its articles name, the
-- articles naming it, the mentions and the least canonical name, kept as articles join and
-- leave the story, so a label costs the same whatever the story's size (v12 and before
-- counted the latest 200 articles' entities on every batch). Filled from the stored stories.
CREATE TABLE story_names (
    story_id INTEGER NOT NULL,
    key      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (story_id, key)
) WITHOUT ROWID;
CREATE INDEX story_names_rank ON story_names (story_id, articles DESC, mentions DESC, name, key);
INSERT INTO story_names (story_id, key, kind, name, articles, mentions)
SELECT a.story_id, e.key, min(e.kind), min(e.canonical), count(DISTINCT e.article_seq), count(*)
FROM entities e JOIN articles a ON a.seq = e.article_seq
WHERE a.story_id IS NOT NULL AND e.kind IN ('PERSON', 'PLACE', 'ORG')
GROUP BY a.story_id, e.key;

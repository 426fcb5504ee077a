-- v10: the sentence layer, as SQLite's v10 (`store::rules::pack_spans`: packed byte spans;
-- NULL: the segmenter never ran on the stored text). A v9 store's articles keep NULL, which
-- readers treat as never ran (the dossier cuts the text itself).
ALTER TABLE articles ADD COLUMN sentences BYTEA;

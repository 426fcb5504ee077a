-- v13: the near-copy band keys partitioned by epoch (`LinkStore::band_candidates`). An
-- article's 42 keys are random, so a table indexed by key alone takes every insert on a page
-- of its own anywhere in the index: as the store grows, each article dirties some 42 pages
-- spread over the whole file, which the commit writes to the log and a checkpoint again, and
-- which stop fitting in the page cache (about 1 GB of index at 1M articles). Keyed (epoch, key,
-- article), with `epoch = article_seq >> 14` (16,384 articles in ingest order), inserts land in
-- the newest epoch's part of the tree (some 20 MB) and a look-up reads only the last
-- `store::BAND_EPOCHS` epochs: near copies are published close together. WITHOUT ROWID: the
-- table is its index (v12 kept a rowid table and an index on key beside it).
ALTER TABLE band_keys RENAME TO band_keys_v12;
CREATE TABLE band_keys (
    epoch       INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (epoch, key, article_seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO band_keys (epoch, key, article_seq)
SELECT article_seq >> 14, key, article_seq FROM band_keys_v12 ORDER BY article_seq >> 14, key, article_seq;
DROP TABLE band_keys_v12;

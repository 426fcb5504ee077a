-- v13: the near-copy band keys partitioned by epoch, as SQLite's v13 (see there): keyed
-- (epoch, key, article), `epoch = article_seq >> 14` (16,384 articles in ingest order), so
-- that inserts land in the newest epoch's part of the index and a look-up reads only the
-- last `store::BAND_EPOCHS` epochs.
ALTER TABLE band_keys RENAME TO band_keys_v12;
ALTER INDEX band_keys_key RENAME TO band_keys_v12_key;
CREATE TABLE band_keys (
    epoch       BIGINT NOT NULL,
    key         BIGINT NOT NULL,
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (epoch, key, article_seq)
);
INSERT INTO band_keys (epoch, key, article_seq)
SELECT DISTINCT article_seq >> 14, key, article_seq FROM band_keys_v12 ORDER BY 1, 2, 3;
DROP TABLE band_keys_v12;

-- v14: the writer's remaining indexes over the whole store. An article's entity mentions
-- (some 46, about 28 distinct merge keys) went into an index on key alone: random keys, so
-- as the store grows each article dirties pages of its own all over that index (written to
-- the log by the commit and again by a checkpoint) and the index stops fitting in the page
-- cache. The index is now keyed (epoch, key), `epoch = article_seq >> 14` as the band keys'
-- (v13): inserts land in the newest epoch's part of it. A look-up by key reads each epoch's
-- run of the key (`LayerStore::entity_summaries`: one bounded seek per 16,384 articles).
-- And `quotes_article_group` (v3) held what `quotes_article` (v2) holds, plus the group:
-- every quote's group is set after its row is written, which moved its entry in both
-- `quotes_article_group` and `quotes_group`; reads of an article's quotes use
-- `quotes_article`.
DROP INDEX entities_key;
CREATE INDEX entities_key ON entities((article_seq >> 14), key);
DROP INDEX quotes_article_group;

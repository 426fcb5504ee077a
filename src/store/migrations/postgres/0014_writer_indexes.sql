-- v14: the entity merge keys indexed by epoch, as SQLite's v14 (see there): keyed
-- (`article_seq >> 14`, key), so that inserts land in the newest epoch's part of the index
-- and a look-up by key reads each epoch's run of it. (PostgreSQL never had SQLite's second
-- index on quotes' articles: nothing else changes.)
DROP INDEX entities_key;
CREATE INDEX entities_key ON entities((article_seq >> 14), key);

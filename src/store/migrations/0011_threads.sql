-- v11: threads, stories that continue one another (`stories::threads`). A thread's profile
-- is a bounded sparse vector over the clusterer's term ids (`store::encode` vectors) with the
-- span of its stories' given dates; `thread_keys` are the bounded terms it is found under
-- (read latest `seq` first, so a key's candidates cost the same whatever the store's size);
-- `thread_stories` puts each story in at most one thread, with what it added to the profile.
-- A v10 store's stories are in no thread until linking touches them again.
CREATE TABLE threads (
    id    INTEGER PRIMARY KEY,
    terms BLOB NOT NULL,
    first TEXT,
    last  TEXT
);
CREATE TABLE thread_keys (
    term      INTEGER NOT NULL,
    thread_id INTEGER NOT NULL REFERENCES threads(id),
    seq       INTEGER NOT NULL,
    PRIMARY KEY (term, thread_id)
);
CREATE INDEX thread_keys_latest ON thread_keys (term, seq DESC, thread_id DESC);
CREATE TABLE thread_stories (
    story_id  INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES threads(id),
    contrib   BLOB NOT NULL
);
CREATE INDEX thread_stories_thread ON thread_stories (thread_id);

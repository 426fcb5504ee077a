-- v11: threads, as SQLite's v11 (`stories::threads`): a thread's profile (a sparse vector
-- over the clusterer's term ids) and span, the terms it is found under (read latest `seq`
-- first), and each story's one thread with what it added to the profile. A v10 store's
-- stories are in no thread until linking touches them again.
CREATE TABLE threads (
    id    BIGINT PRIMARY KEY,
    terms BYTEA NOT NULL,
    first TEXT COLLATE "C",
    last  TEXT COLLATE "C"
);
CREATE TABLE thread_keys (
    term      BIGINT NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES threads(id),
    seq       BIGINT NOT NULL,
    PRIMARY KEY (term, thread_id)
);
CREATE INDEX thread_keys_latest ON thread_keys (term, seq DESC, thread_id DESC);
CREATE TABLE thread_stories (
    story_id  BIGINT PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads(id),
    contrib   BYTEA NOT NULL
);
CREATE INDEX thread_stories_thread ON thread_stories (thread_id);

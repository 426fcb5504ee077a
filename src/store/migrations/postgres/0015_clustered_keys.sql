-- v15: SQLite's v15 clusters three keyed tables on their keys (WITHOUT ROWID), which
-- PostgreSQL's heap tables have no counterpart of: nothing changes here, the version moves
-- with SQLite's.
SELECT 1;

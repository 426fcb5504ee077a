-- v8: the claims layer (`analysis::claims`): measured statements (the age of a war, "a
-- 30-day ceasefire") found at analysis time, which the dossier compares across articles.
-- `claim` is the typed claim as JSON; start/end are byte offsets into the article's text.
CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    claim       TEXT NOT NULL
);
CREATE INDEX claims_article ON claims(article_seq);

-- Whether the claims stage ran on the article: NULL never (stored before v8 and not
-- analysed since, or a language the extractors do not read), 1 it ran (no rows: it found
-- none). The migration's step runs it on every stored article whose language it reads.
ALTER TABLE articles ADD COLUMN claims_ran INTEGER;

-- v9: the clause layer (`analysis::clauses`): for each date or time expression, its
-- sentence, the clause boundaries that sentence holds and what the expression's words say,
-- which the dossier's timeline cuts its dated clauses from. start/end are the expression's
-- byte offsets; `clause` is the typed clause as JSON (byte offsets).
CREATE TABLE clauses (
    id          INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    clause      TEXT NOT NULL
);
CREATE INDEX clauses_article ON clauses(article_seq);

-- Whether the clause stage ran on the article: NULL never (stored before v9 and not
-- analysed since, or a language the extractors do not read), 1 it ran (no rows: the text
-- names no date). The migration's step runs it on every stored article whose language the
-- extractors read, over its stored times.
ALTER TABLE articles ADD COLUMN clauses_ran INTEGER;

-- Full-text index over folded search keys (see text::search_keys), one row per text, rowid = texts.id.
CREATE VIRTUAL TABLE text_search USING fts5(
    title_keys, body_keys,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

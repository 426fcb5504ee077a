-- v7: each temporal expression keeps what its value depends on (`times::Rule` as JSON: the
-- weekday and tense of "on Tuesday", the unit and offset of "last week", or the fixed value
-- of "May 5, 2025"), so a later date for the article re-anchors it without the tagger. The
-- migration's step tags each stored article's times again against its date as stored now
-- (rows of a store before v7 had no rule to re-anchor from).
ALTER TABLE times ADD COLUMN rule TEXT;

-- The date an undated article's text alone suggests, at any confidence (`published` keeps
-- it only at the confidence ingest uses): linking weighs it against the neighbours' dates
-- instead of running document dating again. Null for articles stored before v7.
ALTER TABLE articles ADD COLUMN text_date TEXT;
ALTER TABLE articles ADD COLUMN text_date_confidence REAL;

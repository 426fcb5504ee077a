-- storyline schema v5: offsets are byte offsets into texts.body (on char boundaries), as
-- everywhere inside storyline; Unicode code points appear only at the JSON edge. Up to v4 the
-- layers, the header and the dateline were stored as code points. The columns named for
-- code points are renamed here; the values (quotes, times, entities, articles' header and
-- dateline) are converted by the backend's code in the same transaction, since that needs
-- each article's text (`store::legacy::CodePoints`). ASCII texts need no change.

ALTER TABLE quotes RENAME COLUMN start_char TO start_byte;
ALTER TABLE quotes RENAME COLUMN end_char TO end_byte;
ALTER TABLE times RENAME COLUMN start_char TO start_byte;
ALTER TABLE times RENAME COLUMN end_char TO end_byte;
ALTER TABLE entities RENAME COLUMN start_char TO start_byte;
ALTER TABLE entities RENAME COLUMN end_char TO end_byte;

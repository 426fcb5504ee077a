-- v6: a story counts only the outlets its articles name. Articles with no known outlet are
-- counted together under the empty key '' (their number, not outlets); before, each counted
-- as an outlet of its own.
DELETE FROM story_sources;
INSERT INTO story_sources (story_id, source, articles, independent)
SELECT story_id, coalesce(nullif(trim(source), ''), ''), count(*),
       sum(CASE WHEN copy_of IS NULL AND near_copy_of IS NULL THEN 1 ELSE 0 END)
FROM articles WHERE story_id IS NOT NULL GROUP BY story_id, coalesce(nullif(trim(source), ''), '');
UPDATE stories SET
    articles = (SELECT coalesce(sum(s.articles), 0) FROM story_sources s WHERE s.story_id = stories.id),
    sources = (SELECT count(*) FROM story_sources s WHERE s.story_id = stories.id AND s.source <> ''),
    independent_sources = (SELECT count(*) FROM story_sources s WHERE s.story_id = stories.id AND s.source <> '' AND s.independent > 0);

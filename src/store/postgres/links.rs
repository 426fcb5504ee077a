//! `LinkStore` on PostgreSQL: the band index, stories and their per-outlet aggregates, quote
//! groups, dating undated articles. The same statements as SQLite's, with PostgreSQL's NULL
//! order spelled out (SQLite sorts NULL first, PostgreSQL last) and byte order for text.

use ::postgres::Row;

use super::layers::{QUOTE_COLUMNS, quote_from};
use super::PgStore;
use crate::analysis::EntityKind;
use crate::store::rules::{self, Member, OutletCount};
use crate::store::{ArticleLinks, GroupRow, LinkStore, Neighbour, QuoteGroup, Result, StoreError, StoryRow};

impl PgStore {
    /// What an article counts for in its story's aggregates, as stored now.
    fn story_member(&self, id: &str) -> Result<Option<Member>> {
        let r = self.opt("cannot link articles", "SELECT story_id, source, copy_of, near_copy_of FROM articles WHERE id = $1", &[&id])?;
        Ok(r.and_then(|r| {
            rules::member(r.get(0), r.get::<_, Option<&str>>(1), id, r.get::<_, Option<&str>>(2), r.get::<_, Option<&str>>(3))
        }))
    }

    /// Count an article in (`by` 1) or out of (-1) its story's aggregates through the
    /// per-outlet counts in `story_sources` ([`rules::count_change`]).
    fn count_member(&self, m: Option<Member>, by: i64) -> Result<()> {
        let what = "cannot link articles";
        let Some(Member { story, outlet, independent }) = m else { return Ok(()) };
        let before = self
            .opt(what, "SELECT articles, independent FROM story_sources WHERE story_id = $1 AND source = $2", &[&story, &outlet])?
            .map(|r| OutletCount { articles: r.get(0), independent: r.get(1) })
            .unwrap_or_default();
        let (after, delta) = rules::count_change(before, independent, by, !outlet.is_empty());
        if after.articles == 0 {
            self.exec(what, "DELETE FROM story_sources WHERE story_id = $1 AND source = $2", &[&story, &outlet])?;
        } else {
            self.exec(
                what,
                "INSERT INTO story_sources (story_id, source, articles, independent) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (story_id, source) DO UPDATE SET articles = excluded.articles, independent = excluded.independent",
                &[&story, &outlet, &after.articles, &after.independent],
            )?;
        }
        self.exec(
            what,
            "UPDATE stories SET articles = articles + $2, sources = sources + $3, independent_sources = independent_sources + $4 WHERE id = $1",
            &[&story, &delta.articles, &delta.sources, &delta.independent_sources],
        )?;
        Ok(())
    }

    /// The article's seq and story as stored now.
    fn story_place(&self, id: &str) -> Result<Option<(i64, Option<i64>)>> {
        Ok(self.opt("cannot link articles", "SELECT seq, story_id FROM articles WHERE id = $1", &[&id])?.map(|r| (r.get(0), r.get(1))))
    }

    /// Count an article's people, places and organisations in (`by` 1) or out of (-1) its
    /// story's name counts (`story_names`), as SQLite's `count_names` (the spelling written in
    /// ordinary case first).
    fn count_names(&self, seq: i64, story: Option<i64>, by: i64) -> Result<()> {
        let what = "cannot link articles";
        let Some(story) = story else { return Ok(()) };
        if by > 0 {
            self.exec(
                what,
                "INSERT INTO story_names (story_id, key, kind, name, articles, mentions)
                 SELECT $1, key, min(kind),
                   coalesce(min(CASE WHEN canonical ~ '[a-z]' THEN canonical END COLLATE \"C\"), min(canonical COLLATE \"C\")), 1, count(*)
                 FROM entities WHERE article_seq = $2 AND kind IN ('PERSON', 'PLACE', 'ORG') GROUP BY key
                 ON CONFLICT (story_id, key) DO UPDATE SET articles = story_names.articles + 1, mentions = story_names.mentions + excluded.mentions,
                   kind = least(story_names.kind, excluded.kind),
                   name = CASE WHEN (story_names.name ~ '[a-z]') = (excluded.name ~ '[a-z]') THEN least(story_names.name, excluded.name)
                               WHEN story_names.name ~ '[a-z]' THEN story_names.name ELSE excluded.name END",
                &[&story, &seq],
            )?;
        } else {
            self.exec(
                what,
                // one grouped pass over the article's names, not a count per name (as SQLite)
                "UPDATE story_names SET articles = story_names.articles - 1, mentions = story_names.mentions - e.n
                 FROM (SELECT key, count(*) AS n FROM entities WHERE article_seq = $2 AND kind IN ('PERSON', 'PLACE', 'ORG') GROUP BY key) e
                 WHERE story_names.story_id = $1 AND story_names.key = e.key",
                &[&story, &seq],
            )?;
            self.exec(
                what,
                "DELETE FROM story_names WHERE story_id = $1 AND articles <= 0 AND key IN (SELECT key FROM entities WHERE article_seq = $2 AND kind IN ('PERSON', 'PLACE', 'ORG'))",
                &[&story, &seq],
            )?;
        }
        Ok(())
    }

    /// Move an article in or into a story, keeping both stories' aggregates and name counts.
    fn relink(&self, id: &str, apply: impl FnOnce() -> Result<u64>) -> Result<()> {
        let was = self.story_member(id)?;
        let was_in = self.story_place(id)?;
        apply()?;
        let now = self.story_member(id)?;
        self.count_member(was, -1)?;
        self.count_member(now, 1)?;
        if let (Some((seq, from)), Some((_, to))) = (was_in, self.story_place(id)?) {
            if from != to {
                self.count_names(seq, from, -1)?;
                self.count_names(seq, to, 1)?;
            }
        }
        Ok(())
    }

    fn ensure_story(&self, id: i64) -> Result<u64> {
        self.exec("cannot link articles", "INSERT INTO stories (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", &[&id])
    }

    /// Stories (all, or one), most recent first, with their articles in ingest order.
    fn story_rows(&self, one: Option<i64>) -> Result<Vec<StoryRow>> {
        let what = "cannot read stories";
        let rows = self.rows(
            what,
            "SELECT id, label, first, last, sources, independent_sources FROM stories WHERE articles > 0 AND ($1::bigint IS NULL OR id = $1)
             ORDER BY last IS NULL, last COLLATE \"C\" DESC, articles DESC, id",
            &[&one],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (known, independent): (i64, i64) = (r.get(4), r.get(5));
            let id: i64 = r.get(0);
            let articles = self.rows(what, "SELECT id FROM articles WHERE story_id = $1 ORDER BY seq", &[&id])?.iter().map(|x| x.get(0)).collect();
            out.push(StoryRow {
                id,
                label: r.get(1),
                articles,
                first: r.get(2),
                last: r.get(3),
                sources: known,
                independent_sources: (known > 0).then_some(independent),
            });
        }
        Ok(out)
    }
}

fn group_from(r: &Row) -> QuoteGroup {
    QuoteGroup {
        id: r.get(0),
        speaker: r.get(1),
        text: r.get(2),
        first_article: r.get(3),
        first_published: r.get(4),
        articles: r.get(5),
        variants: Vec::new(),
    }
}

impl LinkStore for PgStore {
    fn band_candidates(&self, keys: &[u64], limit: usize) -> Result<Vec<(String, Vec<u8>)>> {
        let what = "cannot read band keys";
        // the first `limit` articles, in ingest order, under any of the keys in the last
        // epochs (SQLite takes the first `limit` under each key, then the first `limit` of
        // them all: the same set); the newest epoch is the index's rightmost entry, and each
        // (epoch, key) pair is one look-up in it
        let Some(newest) = self.opt(what, "SELECT max(epoch) FROM band_keys", &[])?.and_then(|r| r.get::<_, Option<i64>>(0)) else {
            return Ok(Vec::new());
        };
        let epochs = crate::store::band_epochs(newest);
        let keys: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
        let rows = self.rows(
            what,
            "SELECT a.id, s.sig FROM (SELECT DISTINCT article_seq FROM band_keys WHERE epoch = ANY($3) AND key = ANY($1) ORDER BY article_seq LIMIT $2) b
             JOIN signatures s ON s.article_seq = b.article_seq JOIN articles a ON a.seq = b.article_seq ORDER BY b.article_seq",
            &[&keys, &(limit as i64), &epochs],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn put_signature(&mut self, id: &str, keys: &[u64], sig: &[u8]) -> Result<()> {
        let what = "cannot index an article";
        self.write(|s| {
            let seq: i64 = s
                .opt(what, "SELECT seq FROM articles WHERE id = $1", &[&id])?
                .ok_or_else(|| StoreError(format!("{}: {what}: no article {id:?}", s.shown)))?
                .get(0);
            s.exec(
                what,
                "INSERT INTO signatures (article_seq, sig) VALUES ($1, $2) ON CONFLICT (article_seq) DO UPDATE SET sig = excluded.sig",
                &[&seq, &sig],
            )?;
            let mut keys: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
            keys.sort_unstable();
            keys.dedup();
            s.exec(
                what,
                "INSERT INTO band_keys (epoch, key, article_seq) SELECT $3, k, $2 FROM unnest($1::bigint[]) AS k ON CONFLICT DO NOTHING",
                &[&keys, &seq, &crate::store::band_epoch(seq)],
            )?;
            Ok(())
        })
    }

    fn put_links(&mut self, links: &[ArticleLinks], stories: &[(i64, String)]) -> Result<()> {
        let what = "cannot link articles";
        self.write(|s| {
            for l in links {
                s.ensure_story(l.story)?;
                let flags = (!l.flags.is_empty()).then(|| l.flags.join(","));
                let (near, score) = (l.near_copy_of.as_ref().map(|x| x.0.as_str()), l.near_copy_of.as_ref().map(|x| x.1));
                s.relink(&l.id, || {
                    s.exec(
                        what,
                        "UPDATE articles SET near_copy_of = $2, near_copy_score = $3, story_id = $4, flags = $5 WHERE id = $1",
                        &[&l.id, &near, &score, &l.story, &flags],
                    )
                })?;
            }
            for (id, label) in stories {
                s.ensure_story(*id)?;
                s.exec(
                    what,
                    "UPDATE stories SET label = $2,
                       first = (SELECT min(published COLLATE \"C\") FROM articles WHERE story_id = $1),
                       last = (SELECT max(published COLLATE \"C\") FROM articles WHERE story_id = $1)
                     WHERE id = $1",
                    &[id, label],
                )?;
            }
            Ok(())
        })
    }

    fn set_story(&mut self, id: &str, story: i64) -> Result<()> {
        self.write(|s| {
            s.ensure_story(story)?;
            s.relink(id, || s.exec("cannot move an article", "UPDATE articles SET story_id = $2 WHERE id = $1", &[&id, &story]))
        })
    }

    fn story_of(&self, id: &str) -> Result<Option<i64>> {
        Ok(self.opt("cannot read stories", "SELECT story_id FROM articles WHERE id = $1", &[&id])?.and_then(|r| r.get(0)))
    }

    fn stories(&self) -> Result<Vec<StoryRow>> {
        self.story_rows(None)
    }

    fn story(&self, id: i64) -> Result<Option<StoryRow>> {
        Ok(self.story_rows(Some(id))?.pop())
    }

    fn story_days(&self, story: i64) -> Result<Vec<(Option<String>, usize)>> {
        Ok(self
            .rows(
                "cannot read stories",
                "SELECT published, count(*) FROM articles WHERE story_id = $1 GROUP BY published ORDER BY published COLLATE \"C\" NULLS FIRST",
                &[&story],
            )?
            .iter()
            .map(|r| (r.get(0), r.get::<_, i64>(1) as usize))
            .collect())
    }

    fn story_outlets(&self, story: i64) -> Result<Vec<(String, i64)>> {
        Ok(self
            .rows(
                "cannot read stories",
                "SELECT source, articles FROM story_sources WHERE story_id = $1 AND source <> '' AND articles > 0 ORDER BY articles DESC, source COLLATE \"C\"",
                &[&story],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn group_candidates(&self, speaker_key: Option<&str>, limit: usize) -> Result<Vec<(i64, Vec<String>)>> {
        let what = "cannot read quote groups";
        // two statements, so that each reads the index on (speaker_key, id)
        let groups = match speaker_key {
            Some(_) => "SELECT id FROM quote_groups WHERE speaker_key = $1 ORDER BY id DESC LIMIT $2",
            None => "SELECT id FROM quote_groups WHERE speaker_key IS NULL AND $1::text IS NULL ORDER BY id DESC LIMIT $2",
        };
        let sql = format!("SELECT g.id, v.text FROM ({groups}) g JOIN quote_variants v ON v.group_id = g.id ORDER BY g.id DESC, v.id");
        let mut out: Vec<(i64, Vec<String>)> = Vec::new();
        for r in self.rows(what, &sql, &[&speaker_key, &(limit as i64)])? {
            let (g, t): (i64, String) = (r.get(0), r.get(1));
            match out.last_mut() {
                Some((last, v)) if *last == g => v.push(t),
                _ => out.push((g, vec![t])),
            }
        }
        Ok(out)
    }

    fn quote_group(&self, id: i64) -> Result<Option<GroupRow>> {
        let what = "cannot read quote groups";
        let found = self.opt(
            what,
            "SELECT g.speaker, g.speaker_key, g.text, g.first_article, g.first_published, coalesce(a.seq, 0), a.published, g.articles
             FROM quote_groups g LEFT JOIN articles a ON a.id = g.first_article WHERE g.id = $1",
            &[&id],
        )?;
        let Some(r) = found else { return Ok(None) };
        let variants = self.rows(what, "SELECT text FROM quote_variants WHERE group_id = $1 ORDER BY id", &[&id])?.iter().map(|r| r.get(0)).collect();
        Ok(Some(GroupRow {
            id: Some(id),
            speaker: r.get(0),
            speaker_key: r.get(1),
            text: r.get(2),
            first_article: r.get(3),
            first_published: r.get(4),
            first_seq: r.get(5),
            first_date: r.get(6),
            articles: r.get(7),
            variants,
        }))
    }

    fn put_quote_group(&mut self, g: &GroupRow) -> Result<i64> {
        let what = "cannot group quotes";
        self.write(|s| {
            let id = match g.id {
                None => s
                    .one(
                        what,
                        "INSERT INTO quote_groups (speaker, speaker_key, text, first_article, first_published, articles) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        &[&g.speaker, &g.speaker_key, &g.text, &g.first_article, &g.first_published, &g.articles],
                    )?
                    .get(0),
                Some(id) => {
                    let n = s.exec(
                        what,
                        "UPDATE quote_groups SET speaker = $2, speaker_key = $3, text = $4, first_article = $5, first_published = $6, articles = $7
                         WHERE id = $1",
                        &[&id, &g.speaker, &g.speaker_key, &g.text, &g.first_article, &g.first_published, &g.articles],
                    )?;
                    if n != 1 {
                        return Err(StoreError(format!("{}: {what}: no quote group {id}", s.shown)));
                    }
                    id
                }
            };
            s.exec(
                what,
                "INSERT INTO quote_variants (group_id, text) SELECT $1, v FROM unnest($2::text[]) WITH ORDINALITY AS x(v, n) ORDER BY n
                 ON CONFLICT (group_id, text) DO NOTHING",
                &[&id, &g.variants],
            )?;
            Ok(id)
        })
    }

    fn set_quote_group(&mut self, quote: i64, group: i64) -> Result<()> {
        let what = "cannot group quotes";
        self.write(|s| {
            let n = s.exec(what, "UPDATE quotes SET group_id = $2 WHERE id = $1", &[&quote, &group])?;
            if n != 1 {
                return Err(StoreError(format!("{}: {what}: no quote {quote}", s.shown)));
            }
            Ok(())
        })
    }

    fn quote_groups(&self, speaker: Option<&str>) -> Result<Vec<QuoteGroup>> {
        let what = "cannot read quote groups";
        let key = speaker.map(|s| crate::analysis::entity_key(s, EntityKind::Person));
        let groups: Vec<QuoteGroup> = self
            .rows(
                what,
                "SELECT id, speaker, text, first_article, first_published, articles FROM quote_groups
                 WHERE $1::text IS NULL OR speaker_key = $1 OR speaker_key LIKE '% ' || $1 OR lower(speaker) LIKE '%' || lower($2::text) || '%'
                 ORDER BY speaker IS NULL, speaker COLLATE \"C\", articles DESC, first_published COLLATE \"C\" NULLS FIRST, id",
                &[&key, &speaker],
            )?
            .iter()
            .map(group_from)
            .collect();
        let sql = format!(
            "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE q.group_id = $1
             ORDER BY a.published IS NULL, a.published COLLATE \"C\", a.seq, q.id"
        );
        let mut out = Vec::with_capacity(groups.len());
        for mut g in groups {
            g.variants = self.rows(what, &sql, &[&g.id])?.iter().map(quote_from).collect();
            out.push(g);
        }
        Ok(out)
    }

    fn story_quote_groups(&self, story: i64) -> Result<Vec<QuoteGroup>> {
        let sql = format!(
            "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq
             WHERE a.story_id = $1 AND q.group_id IS NOT NULL
             ORDER BY q.group_id, a.published IS NULL, a.published COLLATE \"C\", a.seq, q.id"
        );
        Ok(rules::groups_of(self.rows("cannot read quote groups", &sql, &[&story])?.iter().map(quote_from)))
    }

    fn dated_neighbours(&self, id: &str, limit: usize) -> Result<Vec<Neighbour>> {
        let what = "cannot read linked articles";
        let limit = limit as i64;
        // two bounded look-ups (the story's dated articles by index; the carriers of its
        // quotes), merged
        let row = |r: &Row, q: bool| (r.get::<_, i64>(0), r.get::<_, String>(1), r.get::<_, String>(2), q);
        let mut rows: Vec<(i64, String, String, bool)> = self
            .rows(
                what,
                "SELECT seq, id, published FROM articles
                 WHERE story_id = (SELECT story_id FROM articles WHERE id = $1) AND published IS NOT NULL
                   AND published_from <> 'inferred' AND id <> $1
                 ORDER BY published COLLATE \"C\", seq LIMIT $2",
                &[&id, &limit],
            )?
            .iter()
            .map(|r| row(r, false))
            .collect();
        let by_quotes = self.rows(
            what,
            "SELECT DISTINCT a2.seq, a2.id, a2.published FROM articles a1
             JOIN quotes q1 ON q1.article_seq = a1.seq
             JOIN quote_groups g ON g.id = q1.group_id
             JOIN articles a2 ON a2.id = g.first_article
             WHERE a1.id = $1 AND a2.id <> $1 AND a2.published IS NOT NULL AND a2.published_from <> 'inferred'
             ORDER BY a2.seq LIMIT $2",
            &[&id, &limit],
        )?;
        for r in by_quotes.iter().map(|r| row(r, true)) {
            match rows.iter_mut().find(|x| x.0 == r.0) {
                Some(x) => x.3 = true,
                None => rows.push(r),
            }
        }
        let seqs: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut dates: std::collections::HashMap<i64, Vec<String>> = Default::default();
        for r in self.rows(what, "SELECT article_seq, value FROM times WHERE article_seq = ANY($1) AND type = 'DATE' ORDER BY article_seq, id", &[&seqs])? {
            let v: String = r.get(1);
            // day-precise values only ("2025-05-15", not "2025-05" or "2025-05-15TMO")
            if v.len() == 10 {
                dates.entry(r.get(0)).or_default().push(v);
            }
        }
        Ok(rows
            .into_iter()
            .map(|(seq, id, published, shares_quote)| Neighbour { id, published, dates: dates.remove(&seq).unwrap_or_default(), shares_quote })
            .collect())
    }

    fn set_inferred_date(&mut self, id: &str, date: chrono::NaiveDate, confidence: f32) -> Result<()> {
        let what = "cannot date an article";
        self.write(|s| {
            let Some(r) = s.opt(what, "SELECT published, published_from, published_confidence FROM articles WHERE id = $1", &[&id])? else {
                return Ok(());
            };
            if !rules::takes_inferred(r.get::<_, Option<&str>>(0), r.get::<_, Option<&str>>(1), r.get(2), confidence) {
                return Ok(());
            }
            s.exec(
                what,
                "UPDATE articles SET published = $2, published_from = 'inferred', published_confidence = $3 WHERE id = $1",
                &[&id, &date.to_string(), &(confidence as f64)],
            )?;
            Ok(())
        })
    }
}

//! `LinkStore` on SQLite: the band index, stories and their per-outlet aggregates, quote groups, dating undated articles.
//!
//! A story's name counts (`story_names`) are counted in from each new article's names as
//! `put` held them (`ArticleNames`, computed from the analysis in hand), not read back from
//! the entities table: storing and linking happen in one transaction during ingest, so the
//! linker's `put_links` found them all there. Over the 402 Timeline17 H1N1 articles (callgrind,
//! writer thread, inclusive): `NamesIn::flush` 199 M → 112 M instructions, `put_links` 218 M →
//! 131 M. The entities read, its `GROUP BY` sort and the statement journal of the
//! `INSERT … SELECT` are gone; one-row upserts of the summed counts are left (8,134 of them,
//! ~10 k instructions each, most of it moving the row's entry in `story_names_rank`). Tried and
//! dropped: the layers' inserts one row a statement, which needs no statement journal either
//! (a multi-row insert into a table with a foreign key always opens one inside a transaction):
//! `insert_rows` 604 M → 702 M, the statements' own cost outweighs the pages journalled.

use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, err};
use super::layers::{QUOTE_COLUMNS, quote_from};
use crate::store::rules::{self, Member, OutletCount};
use crate::store::{ArticleLinks, GroupRow, LinkStore, Neighbour, QuoteGroup, Result, StoreError, StoryRow};
use crate::analysis::EntityKind;

/// Where an article stands, as stored now: its seq, its story, and what it counts for in
/// the story's aggregates. One read of its row (two reads of it before and two after each
/// move were most of `relink`).
fn story_member(tx: &rusqlite::Connection, id: &str) -> rusqlite::Result<Option<(i64, Option<i64>, Option<Member>)>> {
    let mut st = tx.prepare_cached("SELECT seq, story_id, source, copy_of, near_copy_of FROM articles WHERE id = ?1")?;
    let row: Option<(i64, Option<i64>, Option<String>, Option<String>, Option<String>)> =
        st.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).optional()?;
    Ok(row.map(|(seq, story, source, copy, near)| (seq, story, rules::member(story, source.as_deref(), id, copy.as_deref(), near.as_deref()))))
}

/// Count an article in (`by` 1) or out of (-1) its story's aggregates through the per-outlet
/// counts in `story_sources` ([`rules::count_change`]).
fn count_member(tx: &rusqlite::Connection, m: Option<Member>, by: i64) -> rusqlite::Result<()> {
    let Some(Member { story, outlet, independent }) = m else { return Ok(()) };
    let before = tx
        .prepare_cached("SELECT articles, independent FROM story_sources WHERE story_id = ?1 AND source = ?2")?
        .query_row(params![story, outlet], |r| Ok(OutletCount { articles: r.get(0)?, independent: r.get(1)? }))
        .optional()?
        .unwrap_or_default();
    let (after, delta) = rules::count_change(before, independent, by, !outlet.is_empty());
    if after.articles == 0 {
        tx.prepare_cached("DELETE FROM story_sources WHERE story_id = ?1 AND source = ?2")?.execute(params![story, outlet])?;
    } else {
        tx.prepare_cached(
            "INSERT INTO story_sources (story_id, source, articles, independent) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (story_id, source) DO UPDATE SET articles = excluded.articles, independent = excluded.independent",
        )?
        .execute(params![story, outlet, after.articles, after.independent])?;
    }
    tx.prepare_cached(
        "UPDATE stories SET articles = articles + ?2, sources = sources + ?3, independent_sources = independent_sources + ?4 WHERE id = ?1",
    )?
    .execute(params![story, delta.articles, delta.sources, delta.independent_sources])?;
    Ok(())
}

/// Count an article's people, places and organisations in (`by` 1) or out of (-1) its
/// story's name counts (`story_names`): a row per name the article has, whatever the
/// story's size. A name's spelling is the least one written in ordinary case (with a
/// lower-case letter), else the least: "Philadelphia", not a dateline's "PHILADELPHIA".
/// The kinds are three comparisons, not `kind IN (…)`: SQLite builds a temporary table for a
/// list of more than two values on every run of the statement.
fn count_names(tx: &rusqlite::Connection, seq: i64, story: Option<i64>, by: i64) -> rusqlite::Result<()> {
    let Some(story) = story else { return Ok(()) };
    if by > 0 {
        tx.prepare_cached(
            "INSERT INTO story_names (story_id, key, kind, name, articles, mentions)
             SELECT ?1, key, min(kind), coalesce(min(CASE WHEN canonical GLOB '*[a-z]*' THEN canonical END), min(canonical)), 1, count(*)
             FROM entities WHERE article_seq = ?2 AND (kind = 'PERSON' OR kind = 'PLACE' OR kind = 'ORG') GROUP BY key
             ON CONFLICT (story_id, key) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions,
               kind = min(kind, excluded.kind),
               name = CASE WHEN (name GLOB '*[a-z]*') = (excluded.name GLOB '*[a-z]*') THEN min(name, excluded.name)
                           WHEN name GLOB '*[a-z]*' THEN name ELSE excluded.name END",
        )?
        .execute(params![story, seq])?;
    } else {
        // the article's names counted once (a correlated count per name read the article's
        // entities again for each of its names: 7 M instructions per article moved out of a
        // story, 102 M of 2,712 M on the writer over the 402 H1N1 articles of Timeline17)
        tx.prepare_cached(
            "UPDATE story_names SET articles = articles - 1, mentions = mentions - c.n
             FROM (SELECT key, count(*) AS n FROM entities WHERE article_seq = ?2 AND (kind = 'PERSON' OR kind = 'PLACE' OR kind = 'ORG') GROUP BY key) AS c
             WHERE story_names.story_id = ?1 AND story_names.key = c.key",
        )?
        .execute(params![story, seq])?;
        tx.prepare_cached(
            "DELETE FROM story_names WHERE story_id = ?1 AND articles <= 0 AND key IN (SELECT key FROM entities WHERE article_seq = ?2 AND (kind = 'PERSON' OR kind = 'PLACE' OR kind = 'ORG'))",
        )?
        .execute(params![story, seq])?;
    }
    Ok(())
}

/// One of an article's names as its story's name counts take it: a merge key of a person,
/// place or organisation, its least kind, its spelling ([`better_name`]), the articles
/// naming it (1 for one article's) and its mentions.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ArticleName {
    key: String,
    kind: &'static str,
    name: String,
    articles: i64,
    mentions: i64,
}

/// The name counts of articles stored in the current transaction, by seq.
pub(super) type ArticleNames = rustc_hash::FxHashMap<i64, Vec<ArticleName>>;

/// Whether `b` is the spelling a story keeps over `a`: one written in ordinary case (with a
/// lower-case letter, SQL `GLOB '*[a-z]*'`) over one that is not, else the least (SQLite's
/// `min` on text: byte order). The rule of `count_names`'s SQL, pairwise.
fn better_name(a: &str, b: &str) -> bool {
    let lower = |s: &str| s.bytes().any(|c| c.is_ascii_lowercase());
    match (lower(a), lower(b)) {
        (x, y) if x == y => b < a,
        (_, y) => y,
    }
}

/// An article's name counts, from its analysis: what `count_names` reads back from its
/// entities rows (the same keys, kinds, spellings and mentions), one per key in key order.
pub(super) fn article_names(an: &crate::analysis::Analysis) -> Vec<ArticleName> {
    let mut rows: Vec<ArticleName> = Vec::new();
    for (i, x) in an.layers.entities.iter().enumerate() {
        if matches!(x.kind, EntityKind::Person | EntityKind::Place | EntityKind::Org) {
            rows.push(ArticleName { key: an.entity_key_of(i), kind: x.kind.as_str(), name: x.canonical.clone(), articles: 1, mentions: 1 });
        }
    }
    let mut out = merge_names(rows);
    for n in &mut out {
        n.articles = 1;
    }
    out
}

/// Rows merged per key, in key order: articles and mentions summed, the least kind, the
/// better spelling.
fn merge_names(mut rows: Vec<ArticleName>) -> Vec<ArticleName> {
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    let mut out: Vec<ArticleName> = Vec::with_capacity(rows.len());
    for r in rows {
        match out.last_mut() {
            Some(last) if last.key == r.key => {
                last.articles += r.articles;
                last.mentions += r.mentions;
                last.kind = last.kind.min(r.kind);
                if better_name(&last.name, &r.name) {
                    last.name = r.name;
                }
            }
            _ => out.push(r),
        }
    }
    out
}

/// Count articles into story `story`'s name counts from their name counts held in memory
/// (stored in this transaction): the rows `count_names` and `NamesIn::flush` count in from
/// the entities table (a read and a `GROUP BY` sort of each article's some 46 mentions),
/// summed per key over the articles, each written by a one-row upsert. The
/// `INSERT … SELECT` may write several rows, so it ran in a statement journal of its own
/// inside the batch's transaction, which copies every page it touches first.
fn count_names_held(tx: &rusqlite::Connection, story: i64, held: &[&[ArticleName]]) -> rusqlite::Result<()> {
    let merged = merge_names(held.iter().flat_map(|names| names.iter().cloned()).collect());
    let mut st = tx.prepare_cached(
        "INSERT INTO story_names (story_id, key, kind, name, articles, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (story_id, key) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions,
           kind = min(kind, excluded.kind),
           name = CASE WHEN (name GLOB '*[a-z]*') = (excluded.name GLOB '*[a-z]*') THEN min(name, excluded.name)
                       WHEN name GLOB '*[a-z]*' THEN name ELSE excluded.name END",
    )?;
    for r in &merged {
        st.execute(params![story, r.key, r.kind, r.name, r.articles, r.mentions])?;
    }
    Ok(())
}

/// Articles counted into their stories' name counts, not yet written: a batch's articles
/// joining one story are counted in with one statement ([`NamesIn::flush`]), which sums what
/// one statement per article would add (counts add up; the kind and spelling kept are the
/// least of all, as pairwise). Written before any article is counted out, so that a count
/// never goes down before it went up.
#[derive(Default)]
struct NamesIn {
    /// (story, article seqs), stories in the order first met.
    pending: Vec<(i64, Vec<i64>)>,
}

impl NamesIn {
    fn add(&mut self, story: Option<i64>, seq: i64) {
        let Some(story) = story else { return };
        match self.pending.iter_mut().find(|(s, _)| *s == story) {
            Some((_, seqs)) => seqs.push(seq),
            None => self.pending.push((story, vec![seq])),
        }
    }

    /// Write the pending counts: from `held` when it has every article's names (stored in this
    /// transaction), else read from the entities table.
    fn flush(&mut self, tx: &rusqlite::Connection, held: &ArticleNames) -> rusqlite::Result<()> {
        for (story, mut seqs) in self.pending.drain(..) {
            seqs.sort_unstable();
            seqs.dedup();
            if let Some(names) = seqs.iter().map(|s| held.get(s).map(Vec::as_slice)).collect::<Option<Vec<_>>>() {
                count_names_held(tx, story, &names)?;
                continue;
            }
            if let [seq] = seqs[..] {
                count_names(tx, seq, Some(story), 1)?;
                continue;
            }
            let list = format!("[{}]", seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
            tx.prepare_cached(
                "INSERT INTO story_names (story_id, key, kind, name, articles, mentions)
                 SELECT ?1, key, min(kind), coalesce(min(CASE WHEN canonical GLOB '*[a-z]*' THEN canonical END), min(canonical)),
                        count(DISTINCT article_seq), count(*)
                 FROM entities WHERE article_seq IN (SELECT value FROM json_each(?2)) AND (kind = 'PERSON' OR kind = 'PLACE' OR kind = 'ORG') GROUP BY key
                 ON CONFLICT (story_id, key) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions,
                   kind = min(kind, excluded.kind),
                   name = CASE WHEN (name GLOB '*[a-z]*') = (excluded.name GLOB '*[a-z]*') THEN min(name, excluded.name)
                               WHEN name GLOB '*[a-z]*' THEN name ELSE excluded.name END",
            )?
            .execute(params![story, list])?;
        }
        Ok(())
    }
}

/// Move an article in or into a story, keeping both stories' aggregates and name counts (the
/// counts in held in `names` until it is flushed).
fn relink(tx: &rusqlite::Connection, id: &str, names: &mut NamesIn, held: &ArticleNames, apply: impl FnOnce() -> rusqlite::Result<()>) -> rusqlite::Result<()> {
    let was = story_member(tx, id)?;
    apply()?;
    let now = story_member(tx, id)?;
    let (was_at, was) = was.map(|(seq, story, m)| ((seq, story), m)).unzip();
    let (now_at, now) = now.map(|(seq, story, m)| ((seq, story), m)).unzip();
    count_member(tx, was.flatten(), -1)?;
    count_member(tx, now.flatten(), 1)?;
    if let (Some((seq, from)), Some((_, to))) = (was_at, now_at) {
        if from != to {
            if from.is_some() {
                names.flush(tx, held)?;
            }
            count_names(tx, seq, from, -1)?;
            names.add(to, seq);
        }
    }
    Ok(())
}

/// How many band keys one statement reads or writes at most (an article has
/// `neardup::BANDS`, 42).
const BAND_KEYS_AT_ONCE: usize = 64;

/// The article seqs under each of `n` keys (`?1`…`?n`) in each of `m` epochs
/// (`?(n+2)`…`?(n+1+m)`), at most `?(n+1)` per key and epoch, with the key's place (1…n):
/// one bounded look-up per key and epoch in the index (epoch, key, article_seq). Each
/// epoch is compared by equality: an `epoch IN (…)` list made SQLite build a temporary table
/// of the epochs for every key, 42 of them per article (the band look-up was 497 M of the
/// 6,559 M instructions of ingesting the 402 Timeline17 H1N1 articles, callgrind, most of it
/// opening and closing those tables).
fn band_lookup_sql(n: usize, m: usize) -> std::rc::Rc<str> {
    super::sql_text(("band_keys lookup", "", n, m), || band_lookup_text(n, m))
}

/// The text of [`band_lookup_sql`].
fn band_lookup_text(n: usize, m: usize) -> String {
    let mut arms = Vec::with_capacity(n * m);
    for i in 1..=n {
        for j in 0..m {
            arms.push(format!(
                "SELECT * FROM (SELECT {i}, article_seq FROM band_keys WHERE epoch = ?{} AND key = ?{i} ORDER BY article_seq LIMIT ?{})",
                n + 2 + j,
                n + 1
            ));
        }
    }
    arms.join(" UNION ALL ")
}

/// One row per key (`?1`…`?n`) for the article `?(n+1)` in the epoch `?(n+2)`, in key order;
/// a key the article is already filed under is skipped.
fn band_insert_sql(n: usize) -> std::rc::Rc<str> {
    super::sql_text(("band_keys insert", "", n, 0), || band_insert_text(n))
}

/// The text of [`band_insert_sql`].
fn band_insert_text(n: usize) -> String {
    let rows: Vec<String> = (1..=n).map(|i| format!("(?{}, ?{i}, ?{})", n + 2, n + 1)).collect();
    format!("INSERT OR IGNORE INTO band_keys (epoch, key, article_seq) VALUES {}", rows.join(", "))
}

impl SqliteStore {

    /// Stories (all, or one), most recent first, with their articles in ingest order.
    pub(super) fn story_rows(&self, one: Option<i64>) -> Result<Vec<StoryRow>> {
        let e = self.e("cannot read stories");
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, label, first, last, sources, independent_sources FROM stories WHERE articles > 0 AND (?1 IS NULL OR id = ?1)
                 ORDER BY last IS NULL, last DESC, articles DESC, id",
            )
            .map_err(&e)?;
        let mut rows = st
            .query_map(params![one], |r| {
                Ok(StoryRow {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    articles: Vec::new(),
                    first: r.get(2)?,
                    last: r.get(3)?,
                    sources: r.get(4)?,
                    independent_sources: {
                        let (known, independent): (i64, i64) = (r.get(4)?, r.get(5)?);
                        (known > 0).then_some(independent)
                    },
                })
            })
            .map_err(&e)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(&e)?;
        let mut arts = self.conn.prepare_cached("SELECT id FROM articles WHERE story_id = ?1 ORDER BY seq").map_err(&e)?;
        for r in &mut rows {
            r.articles = arts.query_map(params![r.id], |x| x.get(0)).map_err(&e)?.collect::<rusqlite::Result<Vec<String>>>().map_err(&e)?;
        }
        Ok(rows)
    }

}

impl LinkStore for SqliteStore {
    fn band_candidates(&self, keys: &[u64], limit: usize) -> Result<Vec<(String, Vec<u8>)>> {
        let e = self.e("cannot read band keys");
        // one statement for all the keys (an article has `neardup::BANDS` of them), each key's
        // look-up bounded as before: the same rows as one statement per key
        // the newest epoch filed: the rightmost entry of the index
        let newest: Option<i64> = self.conn.prepare_cached("SELECT max(epoch) FROM band_keys").and_then(|mut st| st.query_row([], |r| r.get(0))).map_err(&e)?;
        let Some(newest) = newest else { return Ok(Vec::new()) };
        // epochs before the first hold nothing: not looked up
        let epochs: Vec<i64> = crate::store::band_epochs(newest).into_iter().filter(|x| *x >= 0).collect();
        let mut seqs: Vec<i64> = Vec::new();
        let mut per_key: Vec<Vec<i64>> = Vec::new();
        for chunk in keys.chunks(BAND_KEYS_AT_ONCE) {
            let mut st = self.conn.prepare_cached(&band_lookup_sql(chunk.len(), epochs.len())).map_err(&e)?;
            let mut args: Vec<i64> = chunk.iter().map(|k| *k as i64).collect();
            args.push(limit as i64);
            args.extend(&epochs);
            per_key.clear();
            per_key.resize(chunk.len(), Vec::new());
            let rows = st.query_map(rusqlite::params_from_iter(args), |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)?))).map_err(&e)?;
            for r in rows {
                let (i, seq) = r.map_err(&e)?;
                per_key[i - 1].push(seq);
            }
            // each key's first `limit` in ingest order, over its epochs
            for mut got in per_key.drain(..) {
                got.sort_unstable();
                got.truncate(limit);
                seqs.extend(got);
            }
        }
        seqs.sort_unstable();
        seqs.dedup();
        seqs.truncate(limit);
        let mut get = self
            .conn
            .prepare_cached("SELECT a.id, s.sig FROM signatures s JOIN articles a ON a.seq = s.article_seq WHERE s.article_seq = ?1")
            .map_err(&e)?;
        let mut out = Vec::with_capacity(seqs.len());
        for seq in seqs {
            if let Some(x) = get.query_row(params![seq], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(&e)? {
                out.push(x);
            }
        }
        Ok(out)
    }

    fn put_signature(&mut self, id: &str, keys: &[u64], sig: &[u8]) -> Result<()> {
        let e = err(&self.path, "cannot index an article");
        // No savepoint: inside the batch's transaction a savepoint copies every page it touches
        // (the band index's pages: before v13 all over the file, since v13 all over the
        // newest epoch's part) into its journal first, which was
        // most of this method's cost. Each statement is atomic; the band keys go first, so a
        // failure leaves at most keys with no signature, which `band_candidates` skips (it
        // joins the signatures).
        let c = &self.conn;
        let seq: i64 = c.prepare_cached("SELECT seq FROM articles WHERE id = ?1").and_then(|mut st| st.query_row(params![id], |r| r.get(0))).map_err(&e)?;
        // in key order, so that an article's inserts walk its epoch's part of the index once
        let mut keys: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
        keys.sort_unstable();
        for chunk in keys.chunks(BAND_KEYS_AT_ONCE) {
            let mut args: Vec<i64> = chunk.to_vec();
            args.push(seq);
            args.push(crate::store::band_epoch(seq));
            c.prepare_cached(&band_insert_sql(chunk.len())).and_then(|mut st| st.execute(rusqlite::params_from_iter(args))).map_err(&e)?;
        }
        c.prepare_cached("INSERT OR REPLACE INTO signatures (article_seq, sig) VALUES (?1, ?2)").and_then(|mut st| st.execute(params![seq, sig])).map_err(&e)?;
        Ok(())
    }

    fn put_links(&mut self, links: &[ArticleLinks], stories: &[(i64, String)]) -> Result<()> {
        let e = err(&self.path, "cannot link articles");
        let tx = self.conn.savepoint().map_err(&e)?;
        {
            let mut upd = tx
                .prepare_cached("UPDATE articles SET near_copy_of = ?2, near_copy_score = ?3, story_id = ?4, flags = ?5 WHERE id = ?1")
                .map_err(&e)?;
            let mut story = tx.prepare_cached("INSERT INTO stories (id) VALUES (?1) ON CONFLICT (id) DO NOTHING").map_err(&e)?;
            let mut names = NamesIn::default();
            for l in links {
                story.execute(params![l.story]).map_err(&e)?;
                let flags = (!l.flags.is_empty()).then(|| l.flags.join(","));
                relink(&tx, &l.id, &mut names, &self.names, || {
                    upd.execute(params![l.id, l.near_copy_of.as_ref().map(|x| &x.0), l.near_copy_of.as_ref().map(|x| x.1), l.story, flags])
                        .map(|_| ())
                })
                .map_err(&e)?;
            }
            names.flush(&tx, &self.names).map_err(&e)?;
            // the counts are kept up to date above; the span is two index look-ups
            let mut refresh = tx
                .prepare_cached(
                    "UPDATE stories SET label = ?2,
                       first = (SELECT min(published) FROM articles WHERE story_id = ?1),
                       last = (SELECT max(published) FROM articles WHERE story_id = ?1)
                     WHERE id = ?1",
                )
                .map_err(&e)?;
            for (id, label) in stories {
                story.execute(params![id]).map_err(&e)?;
                refresh.execute(params![id, label]).map_err(&e)?;
            }
        }
        tx.commit().map_err(&e)
    }

    fn set_story(&mut self, id: &str, story: i64) -> Result<()> {
        let e = err(&self.path, "cannot move an article");
        let held = &self.names;
        super::atomic(&self.conn, |tx| {
            tx.prepare_cached("INSERT INTO stories (id) VALUES (?1) ON CONFLICT (id) DO NOTHING")?.execute(params![story])?;
            let mut names = NamesIn::default();
            relink(tx, id, &mut names, held, || tx.prepare_cached("UPDATE articles SET story_id = ?2 WHERE id = ?1")?.execute(params![id, story]).map(|_| ()))?;
            names.flush(tx, held)
        })
        .map_err(&e)
    }

    fn story_of(&self, id: &str) -> Result<Option<i64>> {
        let e = self.e("cannot read stories");
        Ok(self.conn.prepare_cached("SELECT story_id FROM articles WHERE id = ?1").map_err(&e)?.query_row(params![id], |r| r.get(0)).optional().map_err(&e)?.flatten())
    }

    fn stories(&self) -> Result<Vec<StoryRow>> {
        self.story_rows(None)
    }

    fn story(&self, id: i64) -> Result<Option<StoryRow>> {
        Ok(self.story_rows(Some(id))?.pop())
    }

    fn story_days(&self, story: i64) -> Result<Vec<(Option<String>, usize)>> {
        // covered by the index articles_story (story_id, published)
        self.all(
            "cannot read stories",
            "SELECT published, count(*) FROM articles WHERE story_id = ?1 GROUP BY published ORDER BY published",
            params![story],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
        )
    }

    fn story_outlets(&self, story: i64) -> Result<Vec<(String, i64)>> {
        self.all(
            "cannot read stories",
            "SELECT source, articles FROM story_sources WHERE story_id = ?1 AND source <> '' AND articles > 0 ORDER BY articles DESC, source",
            params![story],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    fn group_candidates(&self, speaker_key: Option<&str>, limit: usize) -> Result<Vec<(i64, Vec<String>)>> {
        let e = self.e("cannot read quote groups");
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT g.id, v.text FROM (SELECT id FROM quote_groups WHERE speaker_key IS ?1 ORDER BY id DESC LIMIT ?2) g
                 JOIN quote_variants v ON v.group_id = g.id ORDER BY g.id DESC, v.rowid",
            )
            .map_err(&e)?;
        let rows = st.query_map(params![speaker_key, limit as i64], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(&e)?;
        let mut out: Vec<(i64, Vec<String>)> = Vec::new();
        for row in rows {
            let (g, t) = row.map_err(&e)?;
            match out.last_mut() {
                Some((last, v)) if *last == g => v.push(t),
                _ => out.push((g, vec![t])),
            }
        }
        Ok(out)
    }

    fn quote_group(&self, id: i64) -> Result<Option<GroupRow>> {
        let e = self.e("cannot read quote groups");
        let found = self
            .conn
            .prepare_cached(
                "SELECT g.speaker, g.speaker_key, g.text, g.first_article, g.first_published, coalesce(a.seq, 0), a.published, g.articles
                 FROM quote_groups g LEFT JOIN articles a ON a.id = g.first_article WHERE g.id = ?1",
            )
            .map_err(&e)?
            .query_row(params![id], |r| {
                Ok(GroupRow {
                    id: Some(id),
                    speaker: r.get(0)?,
                    speaker_key: r.get(1)?,
                    text: r.get(2)?,
                    first_article: r.get(3)?,
                    first_published: r.get(4)?,
                    first_seq: r.get(5)?,
                    first_date: r.get(6)?,
                    articles: r.get(7)?,
                    variants: Vec::new(),
                })
            })
            .optional()
            .map_err(&e)?;
        let Some(mut g) = found else { return Ok(None) };
        let mut vs = self.conn.prepare_cached("SELECT text FROM quote_variants WHERE group_id = ?1 ORDER BY rowid").map_err(&e)?;
        g.variants = vs.query_map(params![id], |r| r.get(0)).map_err(&e)?.collect::<rusqlite::Result<Vec<String>>>().map_err(&e)?;
        Ok(Some(g))
    }

    fn put_quote_group(&mut self, g: &GroupRow) -> Result<i64> {
        let e = err(&self.path, "cannot group quotes");
        // cached statements and no savepoint (see `put_signature`): a quote group is written
        // for most quotes linked. The wordings go last: a failure leaves at most a group
        // without them, which no candidate look-up matches and no quote points to.
        let tx = &self.conn;
        let id = match g.id {
            None => {
                tx.prepare_cached(
                    "INSERT INTO quote_groups (speaker, speaker_key, text, first_article, first_published, articles) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .and_then(|mut st| st.execute(params![g.speaker, g.speaker_key, g.text, g.first_article, g.first_published, g.articles]))
                .map_err(&e)?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                let n = tx
                    .prepare_cached(
                        "UPDATE quote_groups SET speaker = ?2, speaker_key = ?3, text = ?4, first_article = ?5, first_published = ?6, articles = ?7
                         WHERE id = ?1",
                    )
                    .and_then(|mut st| st.execute(params![id, g.speaker, g.speaker_key, g.text, g.first_article, g.first_published, g.articles]))
                    .map_err(&e)?;
                if n != 1 {
                    return Err(StoreError(format!("{}: cannot group quotes: no quote group {id}", self.path)));
                }
                id
            }
        };
        let mut add = tx.prepare_cached("INSERT OR IGNORE INTO quote_variants (group_id, text) VALUES (?1, ?2)").map_err(&e)?;
        for v in &g.variants {
            add.execute(params![id, v]).map_err(&e)?;
        }
        Ok(id)
    }

    fn set_quote_group(&mut self, quote: i64, group: i64) -> Result<()> {
        let e = err(&self.path, "cannot group quotes");
        let n = self.conn.prepare_cached("UPDATE quotes SET group_id = ?2 WHERE id = ?1").map_err(&e)?.execute(params![quote, group]).map_err(&e)?;
        if n != 1 {
            return Err(StoreError(format!("{}: cannot group quotes: no quote {quote}", self.path)));
        }
        Ok(())
    }

    fn quote_groups(&self, speaker: Option<&str>) -> Result<Vec<QuoteGroup>> {
        let e = self.e("cannot read quote groups");
        let key = speaker.map(|s| crate::analysis::entity_key(s, EntityKind::Person));
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, speaker, text, first_article, first_published, articles FROM quote_groups
                 WHERE ?1 IS NULL OR speaker_key = ?1 OR speaker_key LIKE '% ' || ?1 OR lower(speaker) LIKE '%' || lower(?2) || '%'
                 ORDER BY speaker IS NULL, speaker, articles DESC, first_published, id",
            )
            .map_err(&e)?;
        let groups = st
            .query_map(params![key, speaker], |r| {
                Ok(QuoteGroup {
                    id: r.get(0)?,
                    speaker: r.get(1)?,
                    text: r.get(2)?,
                    first_article: r.get(3)?,
                    first_published: r.get(4)?,
                    articles: r.get(5)?,
                    variants: Vec::new(),
                })
            })
            .map_err(&e)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(&e)?;
        let mut vs = self
            .conn
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE q.group_id = ?1
                 ORDER BY a.published IS NULL, a.published, a.seq, q.id"
            ))
            .map_err(&e)?;
        let mut out = Vec::with_capacity(groups.len());
        for mut g in groups {
            g.variants = vs.query_map(params![g.id], quote_from).map_err(&e)?.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)?;
            out.push(g);
        }
        Ok(out)
    }

    fn story_quote_groups(&self, story: i64) -> Result<Vec<QuoteGroup>> {
        let e = self.e("cannot read quote groups");
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq
                 WHERE a.story_id = ?1 AND q.group_id IS NOT NULL
                 ORDER BY q.group_id, a.published IS NULL, a.published, a.seq, q.id"
            ))
            .map_err(&e)?;
        let quotes = st.query_map(params![story], quote_from).map_err(&e)?.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)?;
        Ok(rules::groups_of(quotes))
    }

    fn dated_neighbours(&self, id: &str, limit: usize) -> Result<Vec<Neighbour>> {
        let e = self.e("cannot read linked articles");
        // two bounded look-ups (the story's dated articles by index; the carriers of its
        // quotes, in ingest order as on PostgreSQL: up to v13 they came in the order of the
        // index quotes_article_group, by group), merged: an OR across them would scan the
        // whole story
        let mut in_story = self
            .conn
            .prepare_cached(
                "SELECT seq, id, published FROM articles
                 WHERE story_id = (SELECT story_id FROM articles WHERE id = ?1) AND published IS NOT NULL
                   AND published_from <> 'inferred' AND id <> ?1
                 ORDER BY published LIMIT ?2",
            )
            .map_err(&e)?;
        let mut by_quotes = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT a2.seq, a2.id, a2.published FROM articles a1
                 JOIN quotes q1 ON q1.article_seq = a1.seq
                 JOIN quote_groups g ON g.id = q1.group_id
                 JOIN articles a2 ON a2.id = g.first_article
                 WHERE a1.id = ?1 AND a2.id <> ?1 AND a2.published IS NOT NULL AND a2.published_from <> 'inferred'
                 ORDER BY a2.seq LIMIT ?2",
            )
            .map_err(&e)?;
        let row = |r: &rusqlite::Row<'_>| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, false));
        let mut rows = in_story.query_map(params![id, limit as i64], row).map_err(&e)?.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)?;
        for r in by_quotes.query_map(params![id, limit as i64], row).map_err(&e)? {
            let r = r.map_err(&e)?;
            match rows.iter_mut().find(|x| x.0 == r.0) {
                Some(x) => x.3 = true,
                None => rows.push((r.0, r.1, r.2, true)),
            }
        }
        let mut times = self.conn.prepare_cached("SELECT value FROM times WHERE article_seq = ?1 AND type = 'DATE' ORDER BY id").map_err(&e)?;
        let mut out = Vec::with_capacity(rows.len());
        for (seq, id, published, shares_quote) in rows {
            let values = times.query_map(params![seq], |r| r.get(0)).map_err(&e)?.collect::<rusqlite::Result<Vec<String>>>().map_err(&e)?;
            // day-precise values only ("2025-05-15", not "2025-05" or "2025-05-15TMO")
            let dates = values.into_iter().filter(|v| v.len() == 10).collect();
            out.push(Neighbour { id, published, dates, shares_quote });
        }
        Ok(out)
    }

    fn set_inferred_date(&mut self, id: &str, date: chrono::NaiveDate, confidence: f32) -> Result<()> {
        let e = self.e("cannot date an article");
        let stored: Option<(Option<String>, Option<String>, Option<f64>)> = self
            .conn
            .prepare_cached("SELECT published, published_from, published_confidence FROM articles WHERE id = ?1")
            .map_err(&e)?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
            .map_err(&e)?;
        let Some((published, from, stored_confidence)) = stored else { return Ok(()) };
        if !rules::takes_inferred(published.as_deref(), from.as_deref(), stored_confidence, confidence) {
            return Ok(());
        }
        self.conn
            .prepare_cached("UPDATE articles SET published = ?2, published_from = 'inferred', published_confidence = ?3 WHERE id = ?1")
            .and_then(|mut st| st.execute(params![id, date.to_string(), confidence as f64]))
            .map(|_| ())
            .map_err(&e)
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Analysis;
    use crate::model::{Article, Format, Origin};
    use crate::store::sqlite::SqliteStore;
    use crate::store::{ArticleLinks, ArticleStore, LayerStore, LinkStore, Transactions};

    fn docs() -> Vec<(Article, Analysis)> {
        [
            ("a1", "Turkish Foreign Minister Hakan Fidan met Andrii Sybiha in Kyiv on Friday to discuss the talks."),
            ("a2", "President Volodymyr Zelensky said in Kyiv that he would wait for Vladimir Putin in Istanbul on Thursday."),
            ("a3", "ISTANBUL (Reuters) - Hakan Fidan said Zelensky and Putin could meet in Istanbul, and Fidan would host them."),
        ]
        .iter()
        .map(|(id, text)| {
            let mut a = Article::new(text.to_string(), Origin { path: id.to_string(), locator: None, format: Format::Txt });
            a.id = id.to_string();
            let an = crate::analysis::analyze(&a);
            (a, an)
        })
        .collect()
    }

    fn into(id: &str, story: i64) -> ArticleLinks {
        ArticleLinks { id: id.to_string(), near_copy_of: None, story, flags: Vec::new() }
    }

    /// Articles joining a story in one call are counted into its names as they are one call
    /// each: the same counts, kinds and spellings; and counted out again as one by one.
    #[test]
    fn a_batch_joining_a_story_counts_its_names_as_one_by_one() {
        let d = docs();
        let mut together = SqliteStore::in_memory().unwrap();
        together.put(&d).unwrap();
        together.put_links(&d.iter().map(|(a, _)| into(&a.id, 1)).collect::<Vec<_>>(), &[]).unwrap();
        let mut apart = SqliteStore::in_memory().unwrap();
        apart.put(&d).unwrap();
        for (a, _) in &d {
            apart.put_links(&[into(&a.id, 1)], &[]).unwrap();
        }
        let names = apart.story_top_names(1, 50).unwrap();
        assert!(names.iter().any(|n| n.name == "Hakan Fidan" && n.articles == 2), "{names:?}");
        assert_eq!(together.story_top_names(1, 50).unwrap(), names);
        // two of them move on to another story in one call
        for s in [&mut together, &mut apart] {
            s.put_links(&[into("a1", 2), into("a3", 2)], &[]).unwrap();
        }
        let (left, moved) = (apart.story_top_names(1, 50).unwrap(), apart.story_top_names(2, 50).unwrap());
        assert!(left.iter().all(|n| n.articles == 1) && !moved.is_empty());
        assert_eq!(together.story_top_names(1, 50).unwrap(), left);
        assert_eq!(together.story_top_names(2, 50).unwrap(), moved);
    }

    /// Articles stored and linked in one transaction are counted into their story's names
    /// from the counts held since they were stored (not read back from the entities table):
    /// the same counts, kinds and spellings as when they are read back (stored in a
    /// transaction of their own, then linked), one by one or together, and counted out again
    /// as those.
    #[test]
    fn names_held_since_storing_count_as_names_read_back() {
        let mut d = docs();
        let extra = [
            ("a4", "KYIV (Reuters) - ZELENSKY said on Monday that Ukraine would send a delegation to ISTANBUL, and the Kremlin said Putin would not go."),
            ("a5", "Ukrainian President Volodymyr Zelensky arrived in Ankara on Wednesday; Recep Tayyip Erdogan and NATO's Mark Rutte met him there."),
        ];
        for (id, text) in extra {
            let mut a = Article::new(text.to_string(), Origin { path: id.to_string(), locator: None, format: Format::Txt });
            a.id = id.to_string();
            let an = crate::analysis::analyze(&a);
            d.push((a, an));
        }
        let mut held = SqliteStore::in_memory().unwrap();
        held.begin().unwrap();
        held.put(&d).unwrap();
        assert_eq!(held.names.len(), d.len(), "the batch's names are held");
        held.put_links(&d[..2].iter().map(|(a, _)| into(&a.id, 1)).collect::<Vec<_>>(), &[]).unwrap();
        for (a, _) in &d[2..] {
            held.put_links(&[into(&a.id, 1)], &[]).unwrap();
        }
        held.commit().unwrap();
        assert!(held.names.is_empty(), "not held past the transaction");
        let mut read = SqliteStore::in_memory().unwrap();
        read.put(&d).unwrap();
        assert!(read.names.is_empty());
        read.put_links(&d.iter().map(|(a, _)| into(&a.id, 1)).collect::<Vec<_>>(), &[]).unwrap();
        let names = read.story_top_names(1, 50).unwrap();
        assert!(names.iter().any(|n| n.name == "Hakan Fidan" && n.articles == 2), "{names:?}");
        assert_eq!(held.story_top_names(1, 50).unwrap(), names);
        for s in [&mut held, &mut read] {
            s.put_links(&[into("a1", 2), into("a4", 2)], &[]).unwrap();
        }
        assert_eq!(held.story_top_names(1, 50).unwrap(), read.story_top_names(1, 50).unwrap());
        assert_eq!(held.story_top_names(2, 50).unwrap(), read.story_top_names(2, 50).unwrap());
    }

    /// A name's spelling: one with a lower-case letter over one without, else the least.
    #[test]
    fn the_spelling_kept_is_the_ordinary_case_then_the_least() {
        use super::better_name;
        assert!(better_name("ISTANBUL", "Istanbul") && !better_name("Istanbul", "ISTANBUL"));
        assert!(better_name("Kyiv", "Kiev") && !better_name("Kiev", "Kyiv"));
        assert!(better_name("NATO", "MOD") && !better_name("Zelensky", "ZELENSKY"));
        assert!(!better_name("Erdoğan", "ERDOĞAN") && better_name("ÉÜ", "Éa"), "a letter outside a-z is not ordinary case");
    }
}

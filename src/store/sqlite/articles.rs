//! `ArticleStore` on SQLite: put (texts shared by hash, copies), read, list, search, stats.

use rusqlite::{Connection, OptionalExtension, params};
use crate::store::encode::lead_of;

use super::{SqliteStore, err, span_at};
use super::layers::write_layers;
use super::links::{ArticleName, article_names};
use crate::store::rules;
use crate::store::{
    ArticleDate, ArticleFacet, ArticleRow, ArticleStore, ListQuery, PutOutcome, Result, Stats, StoreError, StoredArticle, StoredDateline, TextHit,
};
use crate::analysis::{Analysis, Layers};
use crate::model::Article;

const ROW_COLUMNS: &str = "a.id, a.published, a.published_from, a.source, a.title, t.chars, a.language, a.copy_of, a.format, \
     substr(CAST(t.body AS BLOB), 1 + max(coalesce(a.header_end, 0), coalesce(a.dateline_end, 0)), 4 * 240), a.flags";
/// Number of columns in ROW_COLUMNS.
const ROW_N: usize = 11;

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        published: r.get(1)?,
        published_from: r.get(2)?,
        source: r.get(3)?,
        title: r.get(4)?,
        chars: r.get(5)?,
        language: r.get(6)?,
        copy_of: r.get(7)?,
        format: r.get(8)?,
        lead: lead_of(&r.get::<_, Vec<u8>>(9)?),
        flags: r.get::<_, Option<String>>(10)?.map(|f| f.split(',').map(str::to_string).collect()).unwrap_or_default(),
    })
}

impl ArticleStore for SqliteStore {
    fn put(&mut self, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>> {
        let e = err(&self.path, "cannot store articles");
        // Inside a transaction the caller opened (storing and linking a batch as one unit)
        // the batch joins it; otherwise it is a transaction of its own, taking the write lock
        // at once so a second writer waits on the busy timeout instead of failing.
        let own = self.conn.is_autocommit();
        if own {
            self.conn.execute_batch("BEGIN IMMEDIATE").map_err(&e)?;
        }
        let r = put_batch(&mut self.conn, batch, &e);
        let r = match r {
            Ok((out, names)) if !own => {
                self.names.extend(names);
                Ok(out)
            }
            r => r.map(|(out, _)| out),
        };
        if own {
            let end = if r.is_ok() { "COMMIT" } else { "ROLLBACK" };
            if let Err(x) = self.conn.execute_batch(end) {
                if r.is_ok() {
                    return Err(e(x));
                }
            }
        }
        r
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let e = self.e("cannot read an article");
        let sql = format!(
            "SELECT {ROW_COLUMNS}, a.byline, a.url, a.canonical_url, a.language_detected, a.header_start, a.header_end,
             a.dateline_start, a.dateline_end, a.dateline_place, a.dateline_agency, a.origin_path, a.origin_locator,
             a.ingested_at, t.body, a.text_id, a.near_copy_of, a.near_copy_score, a.story_id, a.text_date,
             a.text_date_confidence, a.seq
             FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1"
        );
        // cached: a timeline reads thousands of articles one by one
        let found = self
            .conn
            .prepare_cached(&sql)
            .map_err(&e)?
            .query_row(params![id], |r| {
                let dateline = span_at(r, ROW_N + 6)?.map(|span| StoredDateline {
                    span,
                    place: r.get(ROW_N + 8).ok().flatten(),
                    agency: r.get(ROW_N + 9).ok().flatten(),
                });
                Ok((
                    StoredArticle {
                        row: row_from(r)?,
                        byline: r.get(ROW_N)?,
                        url: r.get(ROW_N + 1)?,
                        canonical_url: r.get(ROW_N + 2)?,
                        language_detected: r.get(ROW_N + 3)?,
                        header: span_at(r, ROW_N + 4)?,
                        dateline,
                        copies: Vec::new(),
                        near_copy_of: r.get(ROW_N + 15)?,
                        near_copy_score: r.get(ROW_N + 16)?,
                        story: r.get(ROW_N + 17)?,
                        origin: r.get(ROW_N + 10)?,
                        origin_locator: r.get(ROW_N + 11)?,
                        ingested_at: r.get(ROW_N + 12)?,
                        text: r.get(ROW_N + 13)?,
                        layers: Layers::default(),
                        text_date: r
                            .get::<_, Option<String>>(ROW_N + 18)?
                            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                            .zip(r.get::<_, Option<f64>>(ROW_N + 19)?.map(|c| c as f32)),
                    },
                    r.get::<_, i64>(ROW_N + 14)?,
                    r.get::<_, i64>(ROW_N + 20)?,
                ))
            })
            .optional()
            .map_err(&e)?;
        let Some((mut art, text_id, seq)) = found else { return Ok(None) };
        art.layers = self.layers_of(seq, Some(&art.text))?;
        let mut st = self.conn.prepare_cached("SELECT id FROM articles WHERE text_id = ?1 AND id <> ?2 AND copy_of IS NOT NULL ORDER BY seq").map_err(&e)?;
        art.copies = st
            .query_map(params![text_id, id], |r| r.get(0))
            .map_err(&e)?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(&e)?;
        Ok(Some(art))
    }

    fn text(&self, id: &str) -> Result<Option<String>> {
        let e = self.e("cannot read an article");
        self.conn
            .prepare_cached("SELECT t.body FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1")
            .map_err(&e)?
            .query_row(params![id], |r| r.get(0))
            .optional()
            .map_err(&e)
    }

    fn articles(&self, q: &ListQuery) -> Result<Vec<ArticleRow>> {
        let e = self.e("cannot list articles");
        let order = if q.by_date { "a.published IS NULL, a.published, a.seq" } else { "a.seq" };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM articles a JOIN texts t ON t.id = a.text_id ORDER BY {order} LIMIT ?1 OFFSET ?2"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(&e)?;
        let limit = q.limit.map_or(-1, |l| l as i64);
        let rows = st.query_map(params![limit, q.offset as i64], row_from).map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)
    }

    fn article_rows(&self, ids: &[String]) -> Result<Vec<ArticleRow>> {
        let e = self.e("cannot list articles");
        let sql = format!("SELECT {ROW_COLUMNS} FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1");
        let mut st = self.conn.prepare_cached(&sql).map_err(&e)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(r) = st.query_row(params![id], row_from).optional().map_err(&e)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    fn search_keys(&self, terms: &[Vec<String>], limit: usize, offset: usize) -> Result<Vec<TextHit>> {
        let e = self.e("cannot search");
        let Some(query) = fts_query(terms) else { return Ok(Vec::new()) };
        let sql = format!(
            "WITH hits AS (SELECT rowid AS text_id, bm25(text_search, 3.0, 1.0) AS rank FROM text_search
                           WHERE text_search MATCH ?1 ORDER BY rank LIMIT ?2 OFFSET ?3)
             SELECT {ROW_COLUMNS}, -h.rank, t.body,
                    (SELECT count(*) FROM articles c WHERE c.text_id = h.text_id)
             FROM hits h JOIN texts t ON t.id = h.text_id
             JOIN articles a ON a.seq = (SELECT min(seq) FROM articles f WHERE f.text_id = h.text_id)
             ORDER BY h.rank"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(&e)?;
        let rows = st
            .query_map(params![query, limit as i64, offset as i64], |r| {
                Ok(TextHit { row: row_from(r)?, score: r.get(ROW_N)?, text: r.get(ROW_N + 1)?, carriers: r.get(ROW_N + 2)? })
            })
            .map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)
    }

    fn search_count(&self, terms: &[Vec<String>]) -> Result<usize> {
        let e = self.e("cannot search");
        let Some(query) = fts_query(terms) else { return Ok(0) };
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM text_search WHERE text_search MATCH ?1")
            .and_then(|mut st| st.query_row(params![query], |r| r.get(0)))
            .map_err(&e)?;
        Ok(n as usize)
    }

    fn search_article_ids(&self, terms: &[Vec<String>], limit: usize) -> Result<Vec<String>> {
        let e = self.e("cannot search");
        let Some(query) = fts_query(terms) else { return Ok(Vec::new()) };
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.id FROM articles a WHERE a.text_id IN
                   (SELECT rowid FROM text_search WHERE text_search MATCH ?1 ORDER BY bm25(text_search, 3.0, 1.0) LIMIT ?2)",
            )
            .map_err(&e)?;
        let rows = st.query_map(params![query, limit as i64], |r| r.get(0)).map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<String>>>().map_err(&e)
    }

    fn stats(&self) -> Result<Stats> {
        let e = self.e("cannot read the store");
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM texts),
                        (SELECT count(*) FROM articles WHERE copy_of IS NOT NULL)",
                [],
                |r| Ok(Stats { articles: r.get(0)?, texts: r.get(1)?, copies: r.get(2)? }),
            )
            .map_err(&e)
    }

    fn article_facets(&self) -> Result<Vec<ArticleFacet>> {
        let e = self.e("cannot list articles");
        let mut st = self.conn.prepare_cached("SELECT id, source, language FROM articles ORDER BY seq").map_err(&e)?;
        let rows = st.query_map([], |r| Ok(ArticleFacet { id: r.get(0)?, source: r.get(1)?, language: r.get(2)? })).map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)
    }

    fn article_dates(&self, by_date: bool) -> Result<Vec<ArticleDate>> {
        let e = self.e("cannot list articles");
        let order = if by_date { "published IS NULL, published, seq" } else { "seq" };
        let sql = format!("SELECT id, published, copy_of IS NOT NULL OR near_copy_of IS NOT NULL FROM articles ORDER BY {order}");
        let mut st = self.conn.prepare_cached(&sql).map_err(&e)?;
        let rows = st.query_map([], |r| Ok(ArticleDate { id: r.get(0)?, published: r.get(1)?, copy: r.get(2)? })).map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)
    }

    fn undated_of(&self, ids: &[String]) -> Result<Vec<String>> {
        let e = self.e("cannot read articles");
        let mut st = self.conn.prepare_cached("SELECT published, published_from FROM articles WHERE id = ?1").map_err(&e)?;
        let mut out = Vec::new();
        for id in ids {
            let found: Option<(Option<String>, Option<String>)> = st.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(&e)?;
            if found.is_some_and(|(p, f)| rules::datable(p.as_deref(), f.as_deref())) {
                out.push(id.clone());
            }
        }
        Ok(out)
    }
}

/// The FTS5 query of search terms: each term a quoted phrase of keys (keys are [a-z0-9]+, so
/// quoting them is safe), all required; None when no term has a key.
fn fts_query(terms: &[Vec<String>]) -> Option<String> {
    let phrases: Vec<String> = terms.iter().filter(|t| !t.is_empty()).map(|t| format!("\"{}\"", t.join(" "))).collect();
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// Store a batch inside a savepoint of the open transaction (see `put`); with each new
/// article's seq and name counts ([`article_names`]).
fn put_batch(
    conn: &mut Connection,
    batch: &[(Article, Analysis)],
    e: &impl Fn(rusqlite::Error) -> StoreError,
) -> Result<(Vec<PutOutcome>, Vec<(i64, Vec<ArticleName>)>)> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let tx = conn.savepoint().map_err(e)?;
    let mut out = Vec::with_capacity(batch.len());
    let mut names = Vec::with_capacity(batch.len());
    {
        let mut by_id = tx
            .prepare_cached("SELECT t.hash, a.origin_path, a.origin_locator FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1")
            .map_err(&e)?;
        let mut text_by_hash = tx.prepare_cached("SELECT id FROM texts WHERE hash = ?1").map_err(&e)?;
        let mut first_carrier =
            tx.prepare_cached("SELECT id FROM articles WHERE text_id = ?1 ORDER BY seq LIMIT 1").map_err(&e)?;
        let mut ins_text =
            tx.prepare_cached("INSERT INTO texts (hash, body, chars) VALUES (?1, ?2, ?3)").map_err(&e)?;
        let mut ins_search = tx
            .prepare_cached("INSERT INTO text_search (rowid, title_keys, body_keys) VALUES (?1, ?2, ?3)")
            .map_err(&e)?;
        let mut ins_article = tx
            .prepare_cached(
                "INSERT INTO articles (id, text_id, copy_of, title, byline, source, url, canonical_url, language,
                 language_detected, published, published_from, header_start, header_end, dateline_start,
                 dateline_end, dateline_place, dateline_agency, format, origin_path, origin_locator, ingested_at,
                 published_confidence, text_date, text_date_confidence, claims_ran, clauses_ran, sentences)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
                         ?26, ?27, ?28)",
            )
            .map_err(&e)?;
        // the new texts' search keys, indexed after the batch's other rows (see below)
        let mut searched: Vec<(i64, &Analysis)> = Vec::new();
        for (a, an) in batch {
            let hash = a.text_hash();
            if let Some((stored_hash, p, l)) = by_id
                .query_row(params![a.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))
                .optional()
                .map_err(&e)?
            {
                out.push(if stored_hash == hash {
                    PutOutcome::Unchanged
                } else {
                    PutOutcome::Conflict { stored_from: l.map_or(p.clone(), |l| format!("{p}: {l}")) }
                });
                continue;
            }
            let existing: Option<i64> = text_by_hash.query_row(params![hash], |r| r.get(0)).optional().map_err(&e)?;
            let (text_id, copy_of) = match existing {
                Some(tid) => {
                    let of: String = first_carrier.query_row(params![tid], |r| r.get(0)).map_err(&e)?;
                    (tid, Some(of))
                }
                None => {
                    let chars = a.text.chars().count() as i64;
                    ins_text.execute(params![hash, a.text, chars]).map_err(&e)?;
                    let tid = tx.last_insert_rowid();
                    searched.push((tid, an));
                    (tid, None)
                }
            };
            let (published, published_from, confidence) = rules::publication(a, an);
            let (hs, he) = a.header.map(|s| (s.start as i64, s.end as i64)).unzip();
            let dl = a.dateline.as_ref();
            let (ds, de) = dl.map(|d| (d.span.start as i64, d.span.end as i64)).unzip();
            ins_article
                .execute(params![
                    a.id,
                    text_id,
                    copy_of,
                    a.title,
                    a.byline,
                    a.source,
                    a.url,
                    a.canonical_url,
                    an.language,
                    an.language_detected,
                    published.map(|d| d.to_string()),
                    published_from,
                    hs,
                    he,
                    ds,
                    de,
                    dl.map(|d| d.place.as_str()),
                    dl.and_then(|d| d.agency.as_deref()),
                    a.origin.format.as_str(),
                    a.origin.path,
                    a.origin.locator,
                    now,
                    confidence.map(f64::from),
                    an.text_date.map(|(d, _)| d.to_string()),
                    an.text_date.map(|(_, c)| f64::from(c)),
                    // the layers' columns (see `write_layers`)
                    an.layers.claims.is_some().then_some(1),
                    an.layers.clauses.is_some().then_some(1),
                    an.layers.sentences.as_deref().map(rules::pack_spans),
                ])
                .map_err(&e)?;
            let seq = tx.last_insert_rowid();
            write_layers(&tx, seq, &a.text, an).map_err(&e)?;
            names.push((seq, article_names(an)));
            out.push(match copy_of {
                Some(of) => PutOutcome::Copy { of },
                None => PutOutcome::New,
            });
        }
        // The full-text index keeps what it is given in memory and writes it out as a new
        // segment (then merged with others) whenever a statement opens a statement journal
        // (any statement that may write several rows: a multi-row insert, an update) or a
        // savepoint: indexed between the layers' inserts, each article's keys became a
        // segment of their own. Indexed together, a batch's keys are one segment: the same
        // index for search (same terms, documents, positions and sizes), less merging.
        for (tid, an) in searched {
            ins_search.execute(params![tid, an.search.title, an.search.body]).map_err(&e)?;
        }
    }
    tx.commit().map_err(&e)?;
    Ok((out, names))
    }

//! The embedded store: one SQLite file (WAL mode), schema from `migrations/`, full-text search
//! through FTS5 over folded keys.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::{
    ArticleRow, CharSpan, ListQuery, PutOutcome, Result, SCHEMA_VERSION, Stats, Store, StoreError,
    StoredArticle, StoredDateline, TextHit,
};
use crate::analysis::Analysis;
use crate::model::Article;
use crate::text::CharIndex;

/// Marks a SQLite file as a storyline store (`PRAGMA application_id`, "STLN").
const APPLICATION_ID: i64 = 0x5354_4c4e;

/// Schema migrations, in order: (version, SQL).
const MIGRATIONS: &[(i64, &[&str])] =
    &[(1, &[include_str!("migrations/0001_articles.sql"), include_str!("migrations/0001_sqlite_search.sql")])];

pub struct SqliteStore {
    conn: Connection,
    path: String,
}

fn err(path: &str, what: &str) -> impl Fn(rusqlite::Error) -> StoreError {
    let path = path.to_string();
    let what = what.to_string();
    move |e| StoreError(format!("{path}: {what}: {e}"))
}

impl SqliteStore {
    /// Open or create the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(err(&shown, "cannot open the store"))?;
        Self::init(conn, shown)
    }

    /// A private in-memory store (tests, `extract`).
    pub fn in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory().map_err(err(":memory:", "cannot open"))?;
        Self::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<SqliteStore> {
        let e = |what: &'static str| err(&path, what);
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(e("cannot open the store"))?;
        // Reading the schema first tells a foreign or corrupt file from a store.
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|x| StoreError(format!("{path}: not a storyline store ({x})")))?;
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(e("cannot read the store"))?;
        if tables > 0 && app != APPLICATION_ID {
            return Err(StoreError(format!("{path}: not a storyline store (a SQLite database of something else)")));
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(e("cannot set up the store"))?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(e("cannot set up the store"))?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(e("cannot set up the store"))?;
        let mut store = SqliteStore { conn, path };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let e = |what: &'static str| err(&path, what);
        let have: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(e("cannot read the schema version"))?;
        if have > SCHEMA_VERSION {
            return Err(StoreError(format!(
                "{path}: the store has schema version {have}, newer than this storyline knows ({SCHEMA_VERSION}); upgrade storyline"
            )));
        }
        for (version, sqls) in MIGRATIONS.iter().filter(|(v, _)| *v > have) {
            let tx = self.conn.transaction().map_err(e("cannot migrate"))?;
            for sql in *sqls {
                tx.execute_batch(sql).map_err(e("migration failed"))?;
            }
            tx.pragma_update(None, "user_version", version).map_err(e("migration failed"))?;
            tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(e("migration failed"))?;
            tx.commit().map_err(e("migration failed"))?;
        }
        Ok(())
    }

    fn e(&self, what: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
        err(&self.path, what)
    }
}

const ROW_COLUMNS: &str = "a.id, a.published, a.published_from, a.source, a.title, t.chars, a.language, a.copy_of, a.format, \
     substr(t.body, 1 + max(coalesce(a.header_end, 0), coalesce(a.dateline_end, 0)), 240)";
/// Number of columns in ROW_COLUMNS.
const ROW_N: usize = 10;

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
        lead: crate::text::lead(&r.get::<_, String>(9)?),
    })
}

impl Store for SqliteStore {
    fn put(&mut self, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>> {
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let e = err(&self.path, "cannot store articles");
        let tx = self.conn.transaction().map_err(&e)?;
        let mut out = Vec::with_capacity(batch.len());
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
                     dateline_end, dateline_place, dateline_agency, format, origin_path, origin_locator, ingested_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
                )
                .map_err(&e)?;
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
                        ins_search.execute(params![tid, an.search.title, an.search.body]).map_err(&e)?;
                        (tid, None)
                    }
                };
                let ix = CharIndex::new(&a.text);
                let (hs, he) = a.header.map(|s| (ix.char_of(s.start) as i64, ix.char_of(s.end) as i64)).unzip();
                let dl = a.dateline.as_ref();
                let (ds, de) = dl.map(|d| (ix.char_of(d.span.start) as i64, ix.char_of(d.span.end) as i64)).unzip();
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
                        a.published.map(|d| d.to_string()),
                        a.published_from.map(|s| s.as_str()),
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
                    ])
                    .map_err(&e)?;
                out.push(match copy_of {
                    Some(of) => PutOutcome::Copy { of },
                    None => PutOutcome::New,
                });
            }
        }
        tx.commit().map_err(&e)?;
        Ok(out)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let e = self.e("cannot read an article");
        let sql = format!(
            "SELECT {ROW_COLUMNS}, a.byline, a.url, a.canonical_url, a.language_detected, a.header_start, a.header_end,
             a.dateline_start, a.dateline_end, a.dateline_place, a.dateline_agency, a.origin_path, a.origin_locator,
             a.ingested_at, t.body, a.text_id
             FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1"
        );
        let found = self
            .conn
            .query_row(&sql, params![id], |r| {
                let span = |s: usize, e: usize| -> rusqlite::Result<Option<(usize, usize)>> {
                    Ok(match (r.get::<_, Option<i64>>(s)?, r.get::<_, Option<i64>>(e)?) {
                        (Some(a), Some(b)) => Some((a as usize, b as usize)),
                        _ => None,
                    })
                };
                let header = span(ROW_N + 4, ROW_N + 5)?.map(|(start, end)| CharSpan { start, end });
                let dateline = span(ROW_N + 6, ROW_N + 7)?.map(|(start, end)| StoredDateline {
                    start,
                    end,
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
                        header,
                        dateline,
                        copies: Vec::new(),
                        origin: r.get(ROW_N + 10)?,
                        origin_locator: r.get(ROW_N + 11)?,
                        ingested_at: r.get(ROW_N + 12)?,
                        text: r.get(ROW_N + 13)?,
                    },
                    r.get::<_, i64>(ROW_N + 14)?,
                ))
            })
            .optional()
            .map_err(&e)?;
        let Some((mut art, text_id)) = found else { return Ok(None) };
        let mut st = self.conn.prepare_cached("SELECT id FROM articles WHERE text_id = ?1 AND id <> ?2 AND copy_of IS NOT NULL ORDER BY seq").map_err(&e)?;
        art.copies = st
            .query_map(params![text_id, id], |r| r.get(0))
            .map_err(&e)?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(&e)?;
        Ok(Some(art))
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

    fn search_keys(&self, terms: &[Vec<String>], limit: usize, offset: usize) -> Result<Vec<TextHit>> {
        let e = self.e("cannot search");
        // Each term is a phrase of keys; keys are [a-z0-9]+ so quoting them is safe.
        let query: Vec<String> = terms
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| format!("\"{}\"", t.join(" ")))
            .collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
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
            .query_map(params![query.join(" AND "), limit as i64, offset as i64], |r| {
                Ok(TextHit { row: row_from(r)?, score: r.get(ROW_N)?, text: r.get(ROW_N + 1)?, carriers: r.get(ROW_N + 2)? })
            })
            .map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)
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
}

//! The embedded store: one SQLite file (WAL mode), schema from `migrations/`, full-text search
//! through FTS5 over folded keys. Plain reads and writes: the rules it applies are
//! `store::rules`, called here as every backend calls them.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::rules::{self, Member, OutletCount};
use super::{
    ArticleLinks, ArticleRow, ArticleStore, ClusterMeta, ClusterRecent, ClusterStore, ClusterStory, ClusterTerm, ClusterWrite,
    EntitySummary, GroupRow, LayerStore, LinkStore, ListQuery, MentionRow, NameCount, Neighbour, PutOutcome, QuoteGroup, QuoteRow,
    Result, SCHEMA_VERSION, Stats, StoreError, StoredArticle, StoredDateline, StoryRow, TextHit, Transactions,
};
use crate::analysis::claims::Claim;
use crate::analysis::{Analysis, Entity, EntityKind, Layers, Quote, TimeType, Timex};
use crate::model::{Article, Span};

/// Marks a SQLite file as a storyline store (`PRAGMA application_id`, "STLN").
const APPLICATION_ID: i64 = 0x5354_4c4e;

/// A migration step that needs more than SQL, run after the version's SQL in its transaction.
type Step = fn(&rusqlite::Connection) -> rusqlite::Result<()>;

/// Schema migrations, in order: (version, SQL, then code).
pub(super) const MIGRATIONS: &[(i64, &[&str], Option<Step>)] = &[
    (1, &[include_str!("migrations/0001_articles.sql"), include_str!("migrations/0001_sqlite_search.sql")], None),
    (2, &[include_str!("migrations/0002_layers.sql")], None),
    (3, &[include_str!("migrations/0003_stories.sql")], None),
    (4, &[include_str!("migrations/0004_cluster_rows.sql")], None),
    (5, &[include_str!("migrations/0005_byte_offsets.sql")], Some(offsets_to_bytes)),
    (6, &[include_str!("migrations/0006_known_outlets.sql")], None),
    (7, &[include_str!("migrations/0007_time_rules.sql")], Some(time_rules)),
    (8, &[include_str!("migrations/0008_claims.sql")], Some(claims_layer)),
];

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

    /// Open an existing store for reading only (the web server's read connections): SQLite
    /// refuses any write through it, so a view cannot write even by mistake. The store must
    /// exist at this build's schema version (open it with [`SqliteStore::open`] first, which
    /// migrates). In WAL mode such readers never block the writer, nor it them.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        use rusqlite::OpenFlags;
        let shown = path.display().to_string();
        let e = |what: &'static str| err(&shown, what);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(e("cannot open the store"))?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(e("cannot open the store"))?;
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(e("cannot read the store"))?;
        let have: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(e("cannot read the store"))?;
        if app != APPLICATION_ID || have != SCHEMA_VERSION {
            return Err(StoreError(format!(
                "{shown}: not a storyline store at schema version {SCHEMA_VERSION} (found version {have})"
            )));
        }
        conn.pragma_update(None, "cache_size", -16384).map_err(e("cannot set up the store"))?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30).map_err(e("cannot set up the store"))?;
        Ok(SqliteStore { conn, path: shown })
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
        // Switching a new file to WAL takes a lock that SQLite's busy handler does not wait
        // for: a second process opening the same new store retries for the busy timeout.
        let mut tries = 0;
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Ok(()) => break,
                Err(rusqlite::Error::SqliteFailure(f, _)) if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) && tries < 200 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(x) => return Err(e("cannot set up the store")(x)),
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(e("cannot set up the store"))?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(e("cannot set up the store"))?;
        // A page cache and a memory map large enough that linking reads the hot index pages
        // from memory, not through the kernel, as the store grows.
        conn.pragma_update(None, "cache_size", -65536).map_err(e("cannot set up the store"))?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30).map_err(e("cannot set up the store"))?;
        // Linking writes into savepoints inside each batch's transaction: their journals stay
        // in memory, not in temporary files. And the write-ahead log is copied back into the
        // store every 64 MB rather than every 4 MB: the pages every batch touches (the
        // clusterer's dictionary, the hot index pages) are then written back once per several
        // batches, not once per batch.
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(e("cannot set up the store"))?;
        // the statements linking runs stay prepared (rusqlite keeps 16 by default, fewer than
        // linking uses; the ingest profile showed SQLite preparing statements again)
        conn.set_prepared_statement_cache_capacity(256);
        conn.pragma_update(None, "wal_autocheckpoint", 16384).map_err(e("cannot set up the store"))?;
        let mut store = SqliteStore { conn, path };
        store.migrate()?;
        store.import_v3_cluster_state()?;
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
        for (version, sqls, step) in MIGRATIONS.iter().filter(|(v, _, _)| *v > have) {
            // a write lock first (a second process waits on the busy timeout), then the
            // version again: another process may have migrated while this one waited
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(e("cannot migrate"))?;
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(e("cannot read the schema version"))?;
            if now >= *version {
                tx.commit().map_err(e("cannot migrate"))?;
                continue;
            }
            for sql in *sqls {
                tx.execute_batch(sql).map_err(e("migration failed"))?;
            }
            if let Some(step) = step {
                step(&tx).map_err(e("migration failed"))?;
            }
            tx.pragma_update(None, "user_version", version).map_err(e("migration failed"))?;
            tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(e("migration failed"))?;
            tx.commit().map_err(e("migration failed"))?;
        }
        Ok(())
    }

    /// Stories (all, or one), most recent first, with their articles in ingest order.
    fn story_rows(&self, one: Option<i64>) -> Result<Vec<StoryRow>> {
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

    /// Entity summaries from mentions: (key, kind, canonical, text, role, article id) rows
    /// ordered by key, then article, then position.
    fn entity_rows(&self, sql: &str, args: impl rusqlite::Params) -> Result<Vec<EntitySummary>> {
        let rows = self.all("cannot read entities", sql, args, |r| {
            Ok(MentionRow { key: r.get(0)?, kind: r.get(1)?, canonical: r.get(2)?, text: r.get(3)?, role: r.get(4)?, article: r.get(5)? })
        })?;
        Ok(rules::entity_summaries(rows))
    }

    /// A store from before v4 keeps the clusterer's state as one blob: move it into the rows
    /// (one transaction; the blob goes once the rows are written, so an interrupted import is
    /// simply done again at the next open).
    fn import_v3_cluster_state(&mut self) -> Result<()> {
        let path = self.path.clone();
        let e = err(&path, "cannot move the story state into rows");
        let blob: Option<String> = self
            .conn
            .query_row("SELECT value FROM link_state WHERE name = ?1", params![super::legacy::CLUSTER_V1], |r| r.get(0))
            .optional()
            .map_err(&e)?;
        let Some(blob) = blob else { return Ok(()) };
        let w = super::legacy::cluster_v1(&blob, self.cluster_meta()?.version).map_err(|x| StoreError(format!("{}: {x}", self.path)))?;
        self.begin()?;
        let done = self.put_cluster(&w).and_then(|()| {
            self.conn.execute("DELETE FROM link_state WHERE name = ?1", params![super::legacy::CLUSTER_V1]).map(|_| ()).map_err(&e)
        });
        match done {
            Ok(()) => self.commit(),
            Err(x) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(x)
            }
        }
    }

    /// Dictionary terms whose `column` (id or key) is one of `values`, in that order.
    fn terms_where<V: rusqlite::ToSql>(&self, column: &str, values: &[V]) -> Result<Vec<ClusterTerm>> {
        let e = self.e("cannot read the story state");
        let sql = format!("SELECT id, key, kind, df FROM cluster_terms WHERE {column} = ?1");
        let mut st = self.conn.prepare_cached(&sql).map_err(&e)?;
        let mut out = Vec::with_capacity(values.len());
        for v in values {
            let found = st
                .query_row(params![v], |r| Ok(ClusterTerm { id: r.get(0)?, key: r.get(1)?, kind: r.get(2)?, df: r.get(3)? }))
                .optional()
                .map_err(&e)?;
            out.extend(found);
        }
        Ok(out)
    }

    fn e(&self, what: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
        err(&self.path, what)
    }

    /// Every row of a (cached) query, mapped; `what` names the read in an error.
    fn all<T>(&self, what: &'static str, sql: &str, args: impl rusqlite::Params, f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>) -> Result<Vec<T>> {
        let e = self.e(what);
        let mut st = self.conn.prepare_cached(sql).map_err(&e)?;
        let rows = st.query_map(args, f).map_err(&e)?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map_err(&e)
    }
}


const ROW_COLUMNS: &str = "a.id, a.published, a.published_from, a.source, a.title, t.chars, a.language, a.copy_of, a.format, \
     substr(CAST(t.body AS BLOB), 1 + max(coalesce(a.header_end, 0), coalesce(a.dateline_end, 0)), 4 * 240), a.flags";
/// Number of columns in ROW_COLUMNS.
const ROW_N: usize = 11;

/// The lead of a listing from up to 960 bytes of the body (at least its first 240 chars).
fn lead_of(bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    let cut = valid.char_indices().nth(240).map_or(valid.len(), |(b, _)| b);
    crate::text::lead(&valid[..cut])
}

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

/// Insert the times layer of one article, each expression with its rule (JSON).
fn write_times(tx: &rusqlite::Connection, seq: i64, text: &str, times: &[Timex]) -> rusqlite::Result<()> {
    let mut t = tx.prepare_cached("INSERT INTO times (article_seq, start_byte, end_byte, text, type, value, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for x in times {
        let rule = serde_json::to_string(&x.rule).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        t.execute(params![seq, x.span.start as i64, x.span.end as i64, x.span.of(text), x.kind.as_str(), x.value, rule])?;
    }
    Ok(())
}

/// The v7 step: every article's times tagged again against its date as stored, with rules
/// (a v6 row held a value alone). Articles outside the extractors' languages had no layers
/// and get none.
fn time_rules(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let mut arts = tx.prepare(
        "SELECT a.seq, t.body, a.published, a.language FROM articles a JOIN texts t ON t.id = a.text_id
         WHERE EXISTS (SELECT 1 FROM times x WHERE x.article_seq = a.seq)",
    )?;
    let rows = arts
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (seq, body, published, language) in rows {
        let date = published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
        let layer = crate::text::TextLayer::new(&body, language.as_deref());
        let times = crate::analysis::times_layer_in(&layer, date);
        tx.prepare_cached("DELETE FROM times WHERE article_seq = ?1")?.execute(params![seq])?;
        write_times(tx, seq, &body, &times)?;
    }
    Ok(())
}

/// Insert the claims layer of one article and mark that the stage ran; nothing for a layer
/// that never ran.
fn write_claims(tx: &rusqlite::Connection, seq: i64, text: &str, claims: Option<&[Claim]>) -> rusqlite::Result<()> {
    let Some(claims) = claims else { return Ok(()) };
    tx.prepare_cached("UPDATE articles SET claims_ran = 1 WHERE seq = ?1")?.execute(params![seq])?;
    let mut c = tx.prepare_cached("INSERT INTO claims (article_seq, start_byte, end_byte, text, kind, claim) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for x in claims {
        let json = serde_json::to_value(x).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let kind = json["kind"].as_str().unwrap_or_default().to_string();
        let span = x.span();
        c.execute(params![seq, span.start as i64, span.end as i64, span.of(text), kind, json.to_string()])?;
    }
    Ok(())
}

/// The v8 step: the claims stage run on every stored article in a language the extractors
/// read (English, or none detected); the others keep "never ran".
fn claims_layer(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let mut arts = tx.prepare("SELECT a.seq, t.body, a.language FROM articles a JOIN texts t ON t.id = a.text_id")?;
    let rows = arts
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (seq, body, language) in rows {
        if !crate::analysis::is_english(language.as_deref()) {
            continue;
        }
        let layer = crate::text::TextLayer::new(&body, language.as_deref());
        write_claims(tx, seq, &body, Some(&crate::analysis::claims::find_claims(&body, &layer)))?;
    }
    Ok(())
}

/// Insert the analysis layers of one article (byte offsets).
fn write_layers(tx: &rusqlite::Connection, seq: i64, text: &str, an: &Analysis) -> rusqlite::Result<()> {
    let b = |x: usize| x as i64;
    let mut q = tx.prepare_cached(
        "INSERT INTO quotes (article_seq, start_byte, end_byte, text, partial, speaker, speaker_key, mention_start,
         mention_end, mention_text, cue_start, cue_end, cue_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for x in &an.layers.quotes {
        let key = x.speaker.as_deref().map(|s| crate::analysis::entity_key(s, EntityKind::Person));
        q.execute(params![
            seq,
            b(x.span.start),
            b(x.span.end),
            x.span.of(text),
            x.partial,
            x.speaker,
            key,
            x.speaker_mention.map(|m| b(m.start)),
            x.speaker_mention.map(|m| b(m.end)),
            x.speaker_mention.map(|m| m.of(text)),
            x.cue.map(|m| b(m.start)),
            x.cue.map(|m| b(m.end)),
            x.cue.map(|m| m.of(text)),
        ])?;
    }
    write_times(tx, seq, text, &an.layers.times)?;
    write_claims(tx, seq, text, an.layers.claims.as_deref())?;
    let mut en = tx.prepare_cached(
        "INSERT INTO entities (article_seq, start_byte, end_byte, text, kind, canonical, key, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for x in &an.layers.entities {
        en.execute(params![
            seq,
            b(x.span.start),
            b(x.span.end),
            x.span.of(text),
            x.kind.as_str(),
            x.canonical,
            crate::analysis::entity_key(&x.canonical, x.kind),
            x.role
        ])?;
    }
    Ok(())
}

/// The v5 migration's code: every stored code-point offset of a text that is not ASCII
/// (where code points and bytes differ) becomes a byte offset.
fn offsets_to_bytes(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    use super::legacy::CodePoints;
    let mut arts = tx.prepare(
        "SELECT a.seq, t.body, a.header_start, a.header_end, a.dateline_start, a.dateline_end
         FROM articles a JOIN texts t ON t.id = a.text_id WHERE length(t.body) <> length(CAST(t.body AS BLOB))",
    )?;
    let rows = arts
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, [r.get::<_, Option<i64>>(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // (table, the offset columns): every column is a code point of the article's text, or null
    const LAYERS: [(&str, &[&str]); 3] = [
        ("quotes", &["start_byte", "end_byte", "mention_start", "mention_end", "cue_start", "cue_end"]),
        ("times", &["start_byte", "end_byte"]),
        ("entities", &["start_byte", "end_byte"]),
    ];
    for (seq, body, spans) in rows {
        let cp = CodePoints::new(&body);
        let [hs, he, ds, de] = spans.map(|x| x.map(|c| cp.byte_of(c)));
        tx.prepare_cached("UPDATE articles SET header_start = ?2, header_end = ?3, dateline_start = ?4, dateline_end = ?5 WHERE seq = ?1")?
            .execute(params![seq, hs, he, ds, de])?;
        for (table, cols) in LAYERS {
            let list = cols.join(", ");
            let mut read = tx.prepare_cached(&format!("SELECT id, {list} FROM {table} WHERE article_seq = ?1"))?;
            let found = read
                .query_map(params![seq], |r| {
                    let mut v: Vec<Option<i64>> = Vec::with_capacity(cols.len());
                    for i in 0..cols.len() {
                        v.push(r.get(i + 1)?);
                    }
                    Ok((r.get::<_, i64>(0)?, v))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let sets: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect();
            let mut write = tx.prepare_cached(&format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", ")))?;
            for (id, v) in found {
                let mut args: Vec<Option<i64>> = vec![Some(id)];
                args.extend(v.into_iter().map(|x| x.map(|c| cp.byte_of(c))));
                write.execute(rusqlite::params_from_iter(args))?;
            }
        }
    }
    Ok(())
}

/// What an article counts for in its story's aggregates, as stored now.
fn story_member(tx: &rusqlite::Connection, id: &str) -> rusqlite::Result<Option<Member>> {
    let mut st = tx.prepare_cached("SELECT story_id, source, copy_of, near_copy_of FROM articles WHERE id = ?1")?;
    let row: Option<(Option<i64>, Option<String>, Option<String>, Option<String>)> =
        st.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).optional()?;
    Ok(row.and_then(|(story, source, copy, near)| rules::member(story, source.as_deref(), id, copy.as_deref(), near.as_deref())))
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

/// Move an article in or into a story, keeping both stories' aggregates.
fn relink(tx: &rusqlite::Connection, id: &str, apply: impl FnOnce() -> rusqlite::Result<()>) -> rusqlite::Result<()> {
    let was = story_member(tx, id)?;
    apply()?;
    let now = story_member(tx, id)?;
    count_member(tx, was, -1)?;
    count_member(tx, now, 1)
}

/// A sparse vector as stored: (u32 term id, f32 weight) pairs, little-endian.
fn vector_to(v: &[(u32, f32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * 8);
    for (t, w) in v {
        out.extend_from_slice(&t.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

fn vector_from(b: &[u8]) -> Vec<(u32, f32)> {
    b.chunks_exact(8)
        .map(|c| (u32::from_le_bytes([c[0], c[1], c[2], c[3]]), f32::from_le_bytes([c[4], c[5], c[6], c[7]])))
        .collect()
}

fn dates_to(d: &[chrono::NaiveDate]) -> String {
    d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
}

fn dates_from(s: &str) -> Vec<chrono::NaiveDate> {
    s.split(',').filter_map(|d| d.parse().ok()).collect()
}

/// A span from two nullable columns.
fn span_at(r: &rusqlite::Row<'_>, s: usize) -> rusqlite::Result<Option<Span>> {
    Ok(match (r.get::<_, Option<i64>>(s)?, r.get::<_, Option<i64>>(s + 1)?) {
        (Some(a), Some(b)) => Some(Span::new(a as usize, b as usize)),
        _ => None,
    })
}

const QUOTE_COLUMNS: &str = "q.id, a.id, a.published, q.start_byte, q.end_byte, q.text, q.partial, q.speaker, q.speaker_key,
     q.mention_start, q.mention_end, q.cue_start, q.cue_end, q.group_id, a.seq, a.source";

fn quote_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        article: r.get(1)?,
        published: r.get(2)?,
        span: Span::new(r.get::<_, i64>(3)? as usize, r.get::<_, i64>(4)? as usize),
        text: r.get(5)?,
        partial: r.get(6)?,
        speaker: r.get(7)?,
        speaker_key: r.get(8)?,
        speaker_mention: span_at(r, 9)?,
        cue: span_at(r, 11)?,
        group: r.get(13)?,
        seq: r.get(14)?,
        source: r.get(15)?,
    })
}

impl Transactions for SqliteStore {
    fn begin(&mut self) -> Result<()> {
        let e = self.e("cannot begin a transaction");
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(&e)
    }

    fn commit(&mut self) -> Result<()> {
        let e = self.e("cannot commit");
        self.conn.execute_batch("COMMIT").map_err(&e)
    }

    fn rollback(&mut self) -> Result<()> {
        let e = self.e("cannot roll back");
        self.conn.execute_batch("ROLLBACK").map_err(&e)
    }
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
             a.text_date_confidence
             FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1"
        );
        let found = self
            .conn
            .query_row(&sql, params![id], |r| {
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
                ))
            })
            .optional()
            .map_err(&e)?;
        let Some((mut art, text_id)) = found else { return Ok(None) };
        art.layers = self.article_layers(id)?.unwrap_or_default();
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

impl LayerStore for SqliteStore {
    fn article_layers(&self, id: &str) -> Result<Option<Layers>> {
        let e = self.e("cannot read an article's layers");
        let seq: Option<i64> = self.conn.query_row("SELECT seq FROM articles WHERE id = ?1", params![id], |r| r.get(0)).optional().map_err(&e)?;
        let Some(seq) = seq else { return Ok(None) };
        let what = "cannot read an article's layers";
        let span = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Span> { Ok(Span::new(r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)) };
        let quotes = self.all(
            what,
            "SELECT start_byte, end_byte, partial, speaker, mention_start, mention_end, cue_start, cue_end FROM quotes WHERE article_seq = ?1 ORDER BY start_byte, id",
            params![seq],
            |r| Ok(Quote { span: span(r)?, partial: r.get(2)?, speaker: r.get(3)?, speaker_mention: span_at(r, 4)?, cue: span_at(r, 6)? }),
        )?;
        let times = self.all(what, "SELECT start_byte, end_byte, type, value, rule FROM times WHERE article_seq = ?1 ORDER BY start_byte, id", params![seq], |r| {
            let value: String = r.get(3)?;
            // a rule that cannot be read keeps the value as it was stored
            let rule = r.get::<_, Option<String>>(4)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_else(|| crate::analysis::times::Rule::Fixed(value.clone()));
            Ok(Timex { span: span(r)?, kind: TimeType::parse(&r.get::<_, String>(2)?).unwrap_or(TimeType::Date), value, rule })
        })?;
        let entities = self.all(what, "SELECT start_byte, end_byte, kind, canonical, role FROM entities WHERE article_seq = ?1 ORDER BY start_byte, id", params![seq], |r| {
            Ok(Entity { span: span(r)?, kind: EntityKind::parse(&r.get::<_, String>(2)?).unwrap_or(EntityKind::Other), canonical: r.get(3)?, role: r.get(4)? })
        })?;
        let ran: Option<i64> = self.conn.query_row("SELECT claims_ran FROM articles WHERE seq = ?1", params![seq], |r| r.get(0)).map_err(&e)?;
        let claims = match ran {
            None => None,
            Some(_) => Some(self.all(what, "SELECT claim FROM claims WHERE article_seq = ?1 ORDER BY start_byte, id", params![seq], |r| {
                let json: String = r.get(0)?;
                serde_json::from_str::<Claim>(&json).map_err(|x| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(x)))
            })?),
        };
        Ok(Some(Layers { quotes, times, entities, claims }))
    }

    fn quotes_of(&self, ids: &[String]) -> Result<Vec<QuoteRow>> {
        let e = self.e("cannot read quotes");
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE a.id = ?1 ORDER BY q.start_byte, q.id"))
            .map_err(&e)?;
        let mut out = Vec::new();
        for id in ids {
            let rows = st.query_map(params![id], quote_from).map_err(&e)?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)?);
        }
        Ok(out)
    }

    fn entity_summaries(&self, kind: Option<&str>, key: Option<&str>) -> Result<Vec<EntitySummary>> {
        self.entity_rows(
            "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM entities e JOIN articles a ON a.seq = e.article_seq
             WHERE (?1 IS NULL OR e.kind = ?1) AND (?2 IS NULL OR e.key = ?2) ORDER BY e.key, a.seq, e.start_byte",
            params![kind, key],
        )
    }

    fn story_entities(&self, story: i64) -> Result<Vec<EntitySummary>> {
        self.entity_rows(
            "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM entities e JOIN articles a ON a.seq = e.article_seq
             WHERE a.story_id = ?1 ORDER BY e.key, a.seq, e.start_byte",
            params![story],
        )
    }

    fn story_name_counts(&self, story: i64, latest: usize) -> Result<Vec<NameCount>> {
        self.all(
            "cannot read stories",
            "SELECT e.key, min(e.kind), min(e.canonical), count(DISTINCT e.article_seq), count(*) FROM entities e
             JOIN (SELECT seq FROM articles WHERE story_id = ?1 ORDER BY seq DESC LIMIT ?2) a ON a.seq = e.article_seq
             WHERE e.kind IN ('PERSON', 'PLACE', 'ORG')
             GROUP BY e.key",
            params![story, latest as i64],
            |r| {
                Ok(NameCount {
                    key: r.get(0)?,
                    kind: EntityKind::parse(&r.get::<_, String>(1)?).unwrap_or(EntityKind::Other),
                    name: r.get(2)?,
                    articles: r.get(3)?,
                    mentions: r.get(4)?,
                })
            },
        )
    }
}

impl LinkStore for SqliteStore {
    fn band_candidates(&self, keys: &[u64], limit: usize) -> Result<Vec<(String, Vec<u8>)>> {
        let e = self.e("cannot read band keys");
        let mut st = self.conn.prepare_cached("SELECT article_seq FROM band_keys WHERE key = ?1 LIMIT ?2").map_err(&e)?;
        let mut seqs: Vec<i64> = Vec::new();
        for k in keys {
            let rows = st.query_map(params![*k as i64, limit as i64], |r| r.get::<_, i64>(0)).map_err(&e)?;
            for r in rows {
                seqs.push(r.map_err(&e)?);
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
        let tx = self.conn.savepoint().map_err(&e)?;
        {
            let seq: i64 = tx.query_row("SELECT seq FROM articles WHERE id = ?1", params![id], |r| r.get(0)).map_err(&e)?;
            tx.execute("INSERT OR REPLACE INTO signatures (article_seq, sig) VALUES (?1, ?2)", params![seq, sig]).map_err(&e)?;
            let mut ins = tx.prepare_cached("INSERT INTO band_keys (key, article_seq) VALUES (?1, ?2)").map_err(&e)?;
            for k in keys {
                ins.execute(params![*k as i64, seq]).map_err(&e)?;
            }
        }
        tx.commit().map_err(&e)
    }

    fn put_links(&mut self, links: &[ArticleLinks], stories: &[(i64, String)]) -> Result<()> {
        let e = err(&self.path, "cannot link articles");
        let tx = self.conn.savepoint().map_err(&e)?;
        {
            let mut upd = tx
                .prepare_cached("UPDATE articles SET near_copy_of = ?2, near_copy_score = ?3, story_id = ?4, flags = ?5 WHERE id = ?1")
                .map_err(&e)?;
            let mut story = tx.prepare_cached("INSERT INTO stories (id) VALUES (?1) ON CONFLICT (id) DO NOTHING").map_err(&e)?;
            for l in links {
                story.execute(params![l.story]).map_err(&e)?;
                let flags = (!l.flags.is_empty()).then(|| l.flags.join(","));
                relink(&tx, &l.id, || {
                    upd.execute(params![l.id, l.near_copy_of.as_ref().map(|x| &x.0), l.near_copy_of.as_ref().map(|x| x.1), l.story, flags])
                        .map(|_| ())
                })
                .map_err(&e)?;
            }
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
        let tx = self.conn.savepoint().map_err(&e)?;
        tx.execute("INSERT INTO stories (id) VALUES (?1) ON CONFLICT (id) DO NOTHING", params![story]).map_err(&e)?;
        relink(&tx, id, || tx.execute("UPDATE articles SET story_id = ?2 WHERE id = ?1", params![id, story]).map(|_| ())).map_err(&e)?;
        tx.commit().map_err(&e)
    }

    fn story_of(&self, id: &str) -> Result<Option<i64>> {
        let e = self.e("cannot read stories");
        Ok(self.conn.query_row("SELECT story_id FROM articles WHERE id = ?1", params![id], |r| r.get(0)).optional().map_err(&e)?.flatten())
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
        let tx = self.conn.savepoint().map_err(&e)?;
        let id = match g.id {
            None => {
                tx.execute(
                    "INSERT INTO quote_groups (speaker, speaker_key, text, first_article, first_published, articles) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![g.speaker, g.speaker_key, g.text, g.first_article, g.first_published, g.articles],
                )
                .map_err(&e)?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                let n = tx
                    .execute(
                        "UPDATE quote_groups SET speaker = ?2, speaker_key = ?3, text = ?4, first_article = ?5, first_published = ?6, articles = ?7
                         WHERE id = ?1",
                        params![id, g.speaker, g.speaker_key, g.text, g.first_article, g.first_published, g.articles],
                    )
                    .map_err(&e)?;
                if n != 1 {
                    return Err(StoreError(format!("{}: cannot group quotes: no quote group {id}", self.path)));
                }
                id
            }
        };
        {
            let mut add = tx.prepare_cached("INSERT OR IGNORE INTO quote_variants (group_id, text) VALUES (?1, ?2)").map_err(&e)?;
            for v in &g.variants {
                add.execute(params![id, v]).map_err(&e)?;
            }
        }
        tx.commit().map_err(&e)?;
        Ok(id)
    }

    fn set_quote_group(&mut self, quote: i64, group: i64) -> Result<()> {
        let e = err(&self.path, "cannot group quotes");
        let n = self.conn.execute("UPDATE quotes SET group_id = ?2 WHERE id = ?1", params![quote, group]).map_err(&e)?;
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
        // quotes), merged: an OR across them would scan the whole story
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
                 LIMIT ?2",
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
            .execute(
                "UPDATE articles SET published = ?2, published_from = 'inferred', published_confidence = ?3 WHERE id = ?1",
                params![id, date.to_string(), confidence as f64],
            )
            .map(|_| ())
            .map_err(&e)
    }
}

impl ClusterStore for SqliteStore {
    fn cluster_meta(&self) -> Result<ClusterMeta> {
        let e = self.e("cannot read the story state");
        self.conn
            .query_row("SELECT n_docs, next_term, next_story, posting_seq, recent_seq, version FROM cluster_state WHERE id = 1", [], |r| {
                Ok(ClusterMeta {
                    n_docs: r.get::<_, i64>(0)? as u64,
                    next_term: r.get::<_, i64>(1)? as u32,
                    next_story: r.get::<_, i64>(2)? as u32,
                    posting_seq: r.get(3)?,
                    recent_seq: r.get(4)?,
                    version: r.get(5)?,
                })
            })
            .map_err(&e)
    }

    fn cluster_terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>> {
        self.terms_where("key", keys)
    }

    fn cluster_terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>> {
        self.terms_where("id", ids)
    }

    fn cluster_stories(&self, ids: &[u32]) -> Result<Vec<ClusterStory>> {
        let e = self.e("cannot read the story state");
        let mut st = self
            .conn
            .prepare_cached("SELECT id, n_docs, first_pub, last_pub, last_seq, dates, merged_into, centroid FROM cluster_stories WHERE id = ?1")
            .map_err(&e)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let found = st
                .query_row(params![id], |r| {
                    Ok(ClusterStory {
                        id: r.get(0)?,
                        n_docs: r.get(1)?,
                        first_pub: r.get::<_, Option<String>>(2)?.and_then(|d| d.parse().ok()),
                        last_pub: r.get::<_, Option<String>>(3)?.and_then(|d| d.parse().ok()),
                        last_seq: r.get::<_, i64>(4)? as u64,
                        dates: dates_from(&r.get::<_, String>(5)?),
                        merged_into: r.get(6)?,
                        terms: vector_from(&r.get::<_, Vec<u8>>(7)?),
                    })
                })
                .optional()
                .map_err(&e)?;
            out.extend(found);
        }
        Ok(out)
    }

    fn cluster_postings(&self, term: u32, cap: usize) -> Result<Vec<(u32, i64)>> {
        let e = self.e("cannot read the story state");
        let mut st = self
            .conn
            .prepare_cached("SELECT story_id, seq FROM cluster_postings WHERE term_id = ?1 ORDER BY seq DESC LIMIT ?2")
            .map_err(&e)?;
        let mut out = st
            .query_map(params![term, cap as i64], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&e)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(&e)?;
        out.reverse();
        Ok(out)
    }

    fn cluster_recent(&self, n: usize) -> Result<Vec<ClusterRecent>> {
        let e = self.e("cannot read the story state");
        let mut st = self
            .conn
            .prepare_cached("SELECT seq, article_id, story_id, published, dates, raw, contrib FROM cluster_recent ORDER BY seq DESC LIMIT ?1")
            .map_err(&e)?;
        let mut out = st
            .query_map(params![n as i64], |r| {
                Ok(ClusterRecent {
                    seq: r.get(0)?,
                    id: r.get(1)?,
                    story: r.get(2)?,
                    published: r.get::<_, Option<String>>(3)?.and_then(|d| d.parse().ok()),
                    dates: dates_from(&r.get::<_, String>(4)?),
                    raw: vector_from(&r.get::<_, Vec<u8>>(5)?),
                    contrib: vector_from(&r.get::<_, Vec<u8>>(6)?),
                })
            })
            .map_err(&e)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(&e)?;
        out.reverse();
        Ok(out)
    }

    fn put_cluster(&mut self, w: &ClusterWrite) -> Result<()> {
        let e = err(&self.path, "cannot save the story state");
        let tx = self.conn.savepoint().map_err(&e)?;
        {
            let m = &w.meta;
            let n = tx
                .execute(
                    "UPDATE cluster_state SET n_docs = ?1, next_term = ?2, next_story = ?3, posting_seq = ?4, recent_seq = ?5, version = ?6
                     WHERE id = 1 AND version = ?7",
                    params![m.n_docs as i64, m.next_term, m.next_story, m.posting_seq, m.recent_seq, m.version, w.base_version],
                )
                .map_err(&e)?;
            if n != 1 {
                return Err(StoreError(format!(
                    "{}: the story state changed while this batch was linked (another worker?); the batch's links are not saved",
                    self.path
                )));
            }
            let mut ins = tx.prepare_cached("INSERT INTO cluster_terms (id, key, kind, df) VALUES (?1, ?2, ?3, ?4)").map_err(&e)?;
            for t in &w.new_terms {
                ins.execute(params![t.id, t.key, t.kind, t.df]).map_err(&e)?;
            }
            let mut df = tx.prepare_cached("UPDATE cluster_terms SET df = df + ?2 WHERE id = ?1").map_err(&e)?;
            for (id, d) in &w.df {
                df.execute(params![id, d]).map_err(&e)?;
            }
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO cluster_stories (id, n_docs, first_pub, last_pub, last_seq, dates, merged_into, centroid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (id) DO UPDATE SET n_docs = excluded.n_docs, first_pub = excluded.first_pub,
                       last_pub = excluded.last_pub, last_seq = excluded.last_seq, dates = excluded.dates,
                       merged_into = excluded.merged_into, centroid = excluded.centroid",
                )
                .map_err(&e)?;
            for s in &w.stories {
                st.execute(params![
                    s.id,
                    s.n_docs,
                    s.first_pub.map(|d| d.to_string()),
                    s.last_pub.map(|d| d.to_string()),
                    s.last_seq as i64,
                    dates_to(&s.dates),
                    s.merged_into,
                    vector_to(&s.terms)
                ])
                .map_err(&e)?;
            }
            let mut put = tx
                .prepare_cached(
                    "INSERT INTO cluster_postings (term_id, story_id, seq) VALUES (?1, ?2, ?3)
                     ON CONFLICT (term_id, story_id) DO UPDATE SET seq = excluded.seq",
                )
                .map_err(&e)?;
            let mut drop = tx.prepare_cached("DELETE FROM cluster_postings WHERE term_id = ?1 AND story_id = ?2").map_err(&e)?;
            for (t, s, seq) in &w.postings {
                match seq {
                    Some(q) => put.execute(params![t, s, q]).map_err(&e)?,
                    None => drop.execute(params![t, s]).map_err(&e)?,
                };
            }
            let mut rec = tx
                .prepare_cached(
                    "INSERT INTO cluster_recent (seq, article_id, story_id, published, dates, raw, contrib) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (seq) DO UPDATE SET story_id = excluded.story_id",
                )
                .map_err(&e)?;
            for r in &w.recent {
                rec.execute(params![r.seq, r.id, r.story, r.published.map(|d| d.to_string()), dates_to(&r.dates), vector_to(&r.raw), vector_to(&r.contrib)])
                    .map_err(&e)?;
            }
            tx.execute("DELETE FROM cluster_recent WHERE seq <= ?1", params![m.recent_seq - w.recent_keep as i64]).map_err(&e)?;
        }
        tx.commit().map_err(&e)
    }
}

/// Store a batch inside a savepoint of the open transaction (see `put`).
fn put_batch(conn: &mut Connection, batch: &[(Article, Analysis)], e: &impl Fn(rusqlite::Error) -> StoreError) -> Result<Vec<PutOutcome>> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let tx = conn.savepoint().map_err(e)?;
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
                 dateline_end, dateline_place, dateline_agency, format, origin_path, origin_locator, ingested_at,
                 published_confidence, text_date, text_date_confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
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
                ])
                .map_err(&e)?;
            let seq = tx.last_insert_rowid();
            write_layers(&tx, seq, &a.text, an).map_err(&e)?;
            out.push(match copy_of {
                Some(of) => PutOutcome::Copy { of },
                None => PutOutcome::New,
            });
        }
    }
    tx.commit().map_err(&e)?;
    Ok(out)
    }

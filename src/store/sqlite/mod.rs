//! The embedded store: one SQLite file (WAL mode), schema from `migrations/`, full-text search
//! through FTS5 over folded keys. Plain reads and writes: the rules it applies are
//! `store::rules`, called here as every backend calls them.
//!
//! Here: opening, the schema version check and migration loop, transactions and the shared
//! row helpers. By trait: `articles.rs` (`ArticleStore`: put, read, list, search, stats),
//! `layers.rs` (`LayerStore`: writing and reading the analysis layers), `links.rs`
//! (`LinkStore`: band index, stories and their aggregates, quote groups, dating),
//! `cluster.rs` (`ClusterStore`: the clusterer's state rows), `threads.rs` (`ThreadStore`),
//! `migrations.rs` (the schema
//! versions and their code steps).

mod articles;
mod cluster;
mod layers;
mod links;
mod migrations;
mod threads;

pub(super) use migrations::MIGRATIONS;
#[cfg(test)]
pub(super) use layers::ENTITIES_BY_KEY;

use std::path::Path;

use rusqlite::Connection;

use super::{Result, SCHEMA_VERSION, StoreError, Transactions};
use crate::model::Span;

/// Marks a SQLite file as a storyline store (`PRAGMA application_id`, "STLN").
const APPLICATION_ID: i64 = 0x5354_4c4e;

pub struct SqliteStore {
    conn: Connection,
    path: String,
    /// The name counts of the articles this transaction stored (`links::ArticleNames`), by
    /// seq: linking counts them into their stories without reading the entities back.
    /// Emptied when a transaction begins and ends.
    names: links::ArticleNames,
}

fn err(path: &str, what: &str) -> impl Fn(rusqlite::Error) -> StoreError {
    let path = path.to_string();
    let what = what.to_string();
    move |e| StoreError(format!("{path}: {what}: {e}"))
}

/// SQLite's process-wide settings, made once before its first connection (SQLite refuses them
/// once it has started; a refusal changes nothing). Its memory statistics are off: with them on
/// every allocation and free takes a global mutex to count itself, which nothing here reads.
fn configure() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: every way of opening a store calls this first, and `Once` makes a second
        // caller wait, so no connection of the store is in use while it runs; the call takes
        // the one int argument SQLITE_CONFIG_MEMSTATUS is documented with.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int);
        }
    });
}

impl SqliteStore {
    /// Open or create the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        configure();
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
        configure();
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
        stable_plans(&conn).map_err(e("cannot set up the store"))?;
        Ok(SqliteStore { conn, path: shown, names: Default::default() })
    }

    /// A private in-memory store (tests, `extract`).
    pub fn in_memory() -> Result<SqliteStore> {
        configure();
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
        stable_plans(&conn).map_err(e("cannot set up the store"))?;
        conn.pragma_update(None, "wal_autocheckpoint", 16384).map_err(e("cannot set up the store"))?;
        let mut store = SqliteStore { conn, path, names: Default::default() };
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

/// Run `f` as one unit inside the current transaction (a savepoint through cached
/// statements): on an error, whatever it wrote is undone.
fn atomic<T>(conn: &Connection, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    conn.prepare_cached("SAVEPOINT storyline_unit")?.execute([])?;
    match f(conn) {
        Ok(x) => {
            conn.prepare_cached("RELEASE storyline_unit")?.execute([])?;
            Ok(x)
        }
        Err(x) => {
            let _ = conn.execute_batch("ROLLBACK TO storyline_unit; RELEASE storyline_unit");
            Err(x)
        }
    }
}

/// Insert rows into a table several to a statement: `head` is `INSERT INTO t (columns)
/// VALUES`, `tail` what follows the rows (an `ON CONFLICT` clause, or nothing), `values` the
/// rows' values one after another, `width` to a row. Up to 32 rows a
/// statement, in their order (so the rowids are those of one insert per row): a layer's
/// rows are many (an H1N1 article of Timeline17 has 46 entities, 16 times and 13 clauses),
/// and each statement run opens a cursor on the table and each of its indexes again.
fn insert_rows(tx: &Connection, head: &'static str, tail: &'static str, width: usize, values: &[rusqlite::types::ToSqlOutput<'_>]) -> rusqlite::Result<()> {
    let mut rest = values;
    while rest.len() >= width && width > 0 {
        let rows = rest.len() / width;
        let n = [32, 8, 1].into_iter().find(|&n| n <= rows).unwrap_or(1);
        let (now, later) = rest.split_at(n * width);
        let sql = sql_text((head, tail, width, n), || {
            let row = format!("({})", vec!["?"; width].join(", "));
            format!("{head} {} {tail}", vec![row.as_str(); n].join(", "))
        });
        tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(now))?;
        rest = later;
    }
    Ok(())
}

/// The text of a statement made for a shape (a table's insert of `n` rows of `width`; the
/// band look-up of `n` keys in `m` epochs), made once per thread: the writer made it again for
/// every article, only for the statement cache to find it (over the 402 Timeline17 H1N1
/// articles, callgrind: 60 M of the writer's 2,633 M instructions formatting the band
/// look-ups' and the layers' statements).
fn sql_text(shape: (&'static str, &'static str, usize, usize), make: impl FnOnce() -> String) -> std::rc::Rc<str> {
    thread_local! {
        static MADE: std::cell::RefCell<rustc_hash::FxHashMap<(&'static str, &'static str, usize, usize), std::rc::Rc<str>>> = Default::default();
    }
    MADE.with(|m| m.borrow_mut().entry(shape).or_insert_with(|| make().into()).clone())
}

/// A span from two nullable columns.
fn span_at(r: &rusqlite::Row<'_>, s: usize) -> rusqlite::Result<Option<Span>> {
    Ok(match (r.get::<_, Option<i64>>(s)?, r.get::<_, Option<i64>>(s + 1)?) {
        (Some(a), Some(b)) => Some(Span::new(a as usize, b as usize)),
        _ => None,
    })
}

impl Transactions for SqliteStore {
    fn begin(&mut self) -> Result<()> {
        self.names.clear();
        let e = self.e("cannot begin a transaction");
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(&e)
    }

    fn commit(&mut self) -> Result<()> {
        self.names.clear();
        let e = self.e("cannot commit");
        self.conn.execute_batch("COMMIT").map_err(&e)
    }

    fn rollback(&mut self) -> Result<()> {
        self.names.clear();
        let e = self.e("cannot roll back");
        self.conn.execute_batch("ROLLBACK").map_err(&e)
    }

    /// Several batches a transaction when the writer has fallen behind: each batch inserts
    /// into indexes whose keys are spread over the whole file (the 42 near-copy band keys of
    /// every article, entity keys, quote wordings), and a commit writes every page it dirtied
    /// to the write-ahead log (then a checkpoint writes it again). As the store grows, a batch
    /// of 256 articles touches more distinct pages, so the commit's share of the writer
    /// grew most of all (perf, scale bench, the writer thread per article at 10,000 and 30,000
    /// stored: commit 265 → 483 µs, the rest of linking 1,690 → 2,010 µs); a page dirtied by
    /// four batches in one transaction is written once.
    fn batches_per_transaction(&self) -> usize {
        BATCHES_PER_TRANSACTION
    }
}

/// See [`SqliteStore::batches_per_transaction`].
const BATCHES_PER_TRANSACTION: usize = 4;

/// Keeps each prepared statement's query plan across bindings (SQLite's query planner
/// stability guarantee). Without it SQLite ≥ 3.47 treats a bound `LIMIT ?` (and a bound
/// `LIKE ?` pattern) as a constant while planning, and so prepares the statement again every
/// time a new value is bound to it: the ingest profile (perf, 2,147 Timeline17 articles)
/// showed 11% of all CPU in `sqlite3Reprepare` under `cluster_postings`, `group_candidates`,
/// `story_top_names` and `band_candidates`, whose limits are bound. Plans here never
/// depend on the value of a limit; results are the same.
fn stable_plans(conn: &Connection) -> rusqlite::Result<bool> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
}

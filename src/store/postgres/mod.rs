//! The server store: PostgreSQL, for several ingest workers (processes, machines) and readers
//! sharing one store. Same traits, same rules (`store::rules`), same conformance suite as the
//! SQLite backend; `--db postgresql://USER@HOST:PORT/DB` (or `postgres://…`, or `STORYLINE_DB`)
//! selects it.
//!
//! # Why this driver
//!
//! `postgres` 0.19, the synchronous client over `tokio-postgres`: the store traits are
//! synchronous, and tokio is already in the tree (axum), so it adds only the wire protocol
//! (`postgres-protocol`, `postgres-types`, `tokio-postgres`), SCRAM's hashing and a few small
//! crates: 33 crates not in the tree before, 71 s of compile-unit time in a release build on
//! the shared 2-core machine at a load of about 8 (so an upper bound; `tokio-postgres` 18 s and
//! `postgres` 14 s of it, the rest under 5 s each), default features, no feature flag. `sqlx`
//! would bring its macros, its own runtime layer and drivers for other databases; a compile-time
//! checked query set is of no use to a backend that mirrors SQLite's statements one for one.
//! No TLS: the server is expected on a trusted network (a `sslmode=require` in the URL fails
//! to connect rather than silently going unencrypted).
//!
//! The synchronous client runs a small runtime of its own and must not be called from async
//! code: the server (`serve`) already calls every store method on its blocking pool.
//!
//! # Schema and versions
//!
//! The schema is `store/migrations/postgres/`, numbered as the SQLite set: a new store is
//! created at v9 in one step (no PostgreSQL store older than v9 exists), each later version
//! adds a file to both sets. The version is kept in `storyline_schema` (the SQLite store's
//! `user_version` and `application_id`); opening checks it, refuses a newer store and a
//! database that holds other tables, and migrates under an advisory lock, so that workers
//! starting together migrate once.
//!
//! # Concurrency
//!
//! Every write transaction (`begin`, and a `put` or other write outside one) first takes one
//! transaction-scoped advisory lock ([`WRITE_LOCK`]): writers queue for it, as SQLite's writers
//! queue for its one write lock, and it is released at commit or rollback (or when a killed
//! worker's connection drops). Storing and linking a batch is one such transaction, so two
//! workers never link at the same moment and each links against everything the others
//! committed; what runs in parallel is everything before it (reading, HTML extraction,
//! analysis): most of an ingest's CPU on HTML input, a small part on plain text, where the
//! serial linking (about 39 statements per article) sets the pace. Readers take no lock and
//! read committed data (MVCC):
//! `serve` never waits for a worker. ARCHITECTURE.md ("PostgreSQL") gives the figures and what
//! would come next.
//!
//! # Differences from SQLite
//!
//! - Text order is byte order (`COLLATE "C"`), as in SQLite, whatever the database's collation.
//! - Inside a transaction a failed statement aborts the transaction (PostgreSQL's rule, where
//!   SQLite undoes only the failed write); every caller rolls back on error.
//! - An article holding a NUL character cannot be stored (PostgreSQL's text type refuses it):
//!   `put` refuses it alone (`PutOutcome::Refused`, an input error in the ingest report).
//! - The search index keeps positions up to 16,383 per text (tsvector's limit) and at most
//!   [`MAX_SEARCH_KEYS`] bytes of a body's keys: a phrase past that is not found.

mod articles;
mod cluster;
mod layers;
mod links;
mod threads;

use std::cell::RefCell;
use std::collections::HashMap;

use ::postgres::types::ToSql;
use ::postgres::{Client, NoTls, Row, Statement};

use super::{Result, SCHEMA_VERSION, StoreError, Transactions, redact};

/// The advisory lock every write transaction holds ("STLN", as SQLite's application id).
pub const WRITE_LOCK: i64 = 0x5354_4c4e;

/// The most bytes of a body's search keys indexed (a tsvector holds at most 1 MB).
pub const MAX_SEARCH_KEYS: usize = 512 * 1024;

/// Marks the database as a storyline store.
const APPLICATION: &str = "storyline";

/// Schema migrations, in order: (version, SQL). The first is where a new store starts.
const MIGRATIONS: &[(i64, &str)] = &[
    (9, include_str!("../migrations/postgres/0009_schema.sql")),
    (10, include_str!("../migrations/postgres/0010_sentences.sql")),
    (11, include_str!("../migrations/postgres/0011_threads.sql")),
    (12, include_str!("../migrations/postgres/0012_story_names.sql")),
    (13, include_str!("../migrations/postgres/0013_band_epochs.sql")),
    (14, include_str!("../migrations/postgres/0014_writer_indexes.sql")),
    (15, include_str!("../migrations/postgres/0015_clustered_keys.sql")),
];

/// A parameter list.
type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// The connection and its prepared statements.
struct Conn {
    client: Client,
    prepared: HashMap<String, Statement>,
}

pub struct PgStore {
    conn: std::mem::ManuallyDrop<RefCell<Conn>>,
    /// The URL without its password, for messages.
    shown: String,
    in_tx: bool,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // the client closes its connection on a runtime of its own, which cannot run (nor be
        // dropped) inside an async context; there (a server shutting down) the connection is
        // left open to the process's end
        if tokio::runtime::Handle::try_current().is_err() {
            // SAFETY: dropped once, here, and never used after
            unsafe { std::mem::ManuallyDrop::drop(&mut self.conn) }
        }
    }
}

impl PgStore {
    /// Connect to the store at `url`, creating its schema or migrating it as needed.
    pub fn open(url: &str) -> Result<PgStore> {
        let mut s = Self::connect(url)?;
        s.migrate()?;
        Ok(s)
    }

    /// Connect for reading only: the session is read-only, so every write through it fails. The
    /// store must exist at this build's schema version.
    pub fn open_read_only(url: &str) -> Result<PgStore> {
        let s = Self::connect(url)?;
        match s.version()? {
            Some(v) if v == SCHEMA_VERSION => {}
            found => {
                return Err(StoreError(format!(
                    "{}: not a storyline store at schema version {SCHEMA_VERSION} (found {})",
                    s.shown,
                    found.map_or("none".to_string(), |v| format!("version {v}"))
                )));
            }
        }
        s.exec("cannot open the store", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", &[])?;
        Ok(s)
    }

    fn connect(url: &str) -> Result<PgStore> {
        let shown = redact(url);
        let client = Client::connect(url, NoTls).map_err(|e| StoreError(format!("{shown}: cannot open the store: {e}")))?;
        let s = PgStore { conn: std::mem::ManuallyDrop::new(RefCell::new(Conn { client, prepared: HashMap::new() })), shown, in_tx: false };
        let enc: String = s.one("cannot open the store", "SHOW server_encoding", &[])?.get(0);
        if enc != "UTF8" {
            return Err(StoreError(format!("{}: the database's encoding is {enc}; storyline needs UTF8 (CREATE DATABASE … ENCODING 'UTF8')", s.shown)));
        }
        Ok(s)
    }

    /// The stored schema version (`None`: no storyline schema in this database).
    fn version(&self) -> Result<Option<i64>> {
        let e = "cannot read the schema version";
        let exists: bool = self.one(e, "SELECT to_regclass('storyline_schema') IS NOT NULL", &[])?.get(0);
        if !exists {
            return Ok(None);
        }
        let row = self.opt(e, "SELECT version, application FROM storyline_schema", &[])?;
        match row {
            Some(r) if r.get::<_, String>(1) == APPLICATION => Ok(Some(r.get(0))),
            _ => Err(StoreError(format!("{}: not a storyline store", self.shown))),
        }
    }

    fn migrate(&mut self) -> Result<()> {
        let e = "cannot migrate";
        if self.version()? == Some(SCHEMA_VERSION) {
            return Ok(());
        }
        self.begin()?;
        let r = self.migrate_locked();
        match r {
            Ok(()) => self.commit(),
            Err(x) => {
                let _ = self.rollback();
                Err(x)
            }
        }
        .map_err(|x| StoreError(format!("{x} ({e})")))
    }

    /// The migration steps, inside a write transaction (another worker may have migrated
    /// while this one waited for the lock: the version is read again).
    fn migrate_locked(&mut self) -> Result<()> {
        let have = self.version()?;
        if let Some(v) = have {
            if v > SCHEMA_VERSION {
                return Err(StoreError(format!(
                    "{}: the store has schema version {v}, newer than this storyline knows ({SCHEMA_VERSION}); upgrade storyline",
                    self.shown
                )));
            }
        } else {
            // a database of something else is refused, not written into
            let tables: i64 = self
                .one("cannot read the store", "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", &[])?
                .get(0);
            if tables > 0 {
                return Err(StoreError(format!("{}: not a storyline store (the database holds other tables)", self.shown)));
            }
            self.exec("migration failed", "CREATE TABLE storyline_schema (version BIGINT NOT NULL, application TEXT NOT NULL)", &[])?;
            self.exec("migration failed", "INSERT INTO storyline_schema (version, application) VALUES (0, $1)", &[&APPLICATION])?;
        }
        let have = have.unwrap_or(0);
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > have) {
            self.conn.borrow_mut().client.batch_execute(sql).map_err(self.e("migration failed"))?;
            self.exec("migration failed", "UPDATE storyline_schema SET version = $1", &[version])?;
        }
        Ok(())
    }

    fn e(&self, what: &str) -> impl Fn(::postgres::Error) -> StoreError {
        let prefix = format!("{}: {what}", self.shown);
        move |e| StoreError(format!("{prefix}: {}", describe(&e)))
    }

    /// The statement for `sql`, prepared once per connection.
    fn prepared(&self, c: &mut Conn, what: &str, sql: &str) -> Result<Statement> {
        if let Some(s) = c.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = c.client.prepare(sql).map_err(self.e(what))?;
        c.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Every row of a query.
    fn rows(&self, what: &str, sql: &str, args: Params<'_>) -> Result<Vec<Row>> {
        let c = &mut *self.conn.borrow_mut();
        let st = self.prepared(c, what, sql)?;
        c.client.query(&st, args).map_err(self.e(what))
    }

    /// At most one row.
    fn opt(&self, what: &str, sql: &str, args: Params<'_>) -> Result<Option<Row>> {
        let c = &mut *self.conn.borrow_mut();
        let st = self.prepared(c, what, sql)?;
        c.client.query_opt(&st, args).map_err(self.e(what))
    }

    /// Exactly one row.
    fn one(&self, what: &str, sql: &str, args: Params<'_>) -> Result<Row> {
        let c = &mut *self.conn.borrow_mut();
        let st = self.prepared(c, what, sql)?;
        c.client.query_one(&st, args).map_err(self.e(what))
    }

    /// Run a statement; the rows it changed.
    fn exec(&self, what: &str, sql: &str, args: Params<'_>) -> Result<u64> {
        let c = &mut *self.conn.borrow_mut();
        let st = self.prepared(c, what, sql)?;
        c.client.execute(&st, args).map_err(self.e(what))
    }

    /// Run `f` as one write: inside the open transaction, or in one of its own (holding the
    /// write lock) that commits if `f` succeeds and rolls back otherwise.
    fn write<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.in_tx {
            return f(self);
        }
        self.begin()?;
        match f(self) {
            Ok(x) => {
                self.commit()?;
                Ok(x)
            }
            Err(x) => {
                let _ = self.rollback();
                Err(x)
            }
        }
    }
}

/// A driver error with the server's message, which `Display` leaves out.
fn describe(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    }
}

impl Transactions for PgStore {
    fn begin(&mut self) -> Result<()> {
        if self.in_tx {
            return Err(StoreError(format!("{}: cannot begin a transaction: one is already open", self.shown)));
        }
        self.conn.borrow_mut().client.batch_execute("BEGIN").map_err(self.e("cannot begin a transaction"))?;
        self.in_tx = true;
        // the one writer at a time: held until commit or rollback
        if let Err(x) = self.exec("cannot begin a transaction", "SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]) {
            let _ = self.rollback();
            return Err(x);
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        if !self.in_tx {
            return Err(StoreError(format!("{}: cannot commit: no transaction is open", self.shown)));
        }
        self.in_tx = false;
        self.conn.borrow_mut().client.batch_execute("COMMIT").map_err(self.e("cannot commit"))
    }

    fn rollback(&mut self) -> Result<()> {
        if !self.in_tx {
            return Err(StoreError(format!("{}: cannot roll back: no transaction is open", self.shown)));
        }
        self.in_tx = false;
        self.conn.borrow_mut().client.batch_execute("ROLLBACK").map_err(self.e("cannot roll back"))
    }
}

/// A stored count or id as the model's unsigned type (never negative in a store).
fn u32_of(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// A span from two nullable columns.
fn span_at(r: &Row, s: usize) -> Option<crate::model::Span> {
    match (r.get::<_, Option<i64>>(s), r.get::<_, Option<i64>>(s + 1)) {
        (Some(a), Some(b)) => Some(crate::model::Span::new(a as usize, b as usize)),
        _ => None,
    }
}

/// Rows fetched by key, put back in the order asked (keys not found are left out).
fn in_order<K: std::hash::Hash + Eq, T: Clone>(asked: &[K], found: Vec<(K, T)>) -> Vec<T> {
    let by: HashMap<K, T> = found.into_iter().collect();
    asked.iter().filter_map(|k| by.get(k).cloned()).collect()
}

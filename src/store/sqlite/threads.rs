//! `ThreadStore` on SQLite: threads' profiles and keys, each story's thread, the listing.

use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, err};
use crate::store::encode::{vector_from, vector_to};
use crate::store::{Result, StoreError, ThreadMember, ThreadRow, ThreadState, ThreadStore, ThreadWrite};

fn day(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|d| d.parse().ok())
}

impl SqliteStore {
    /// Threads (all, or one) with at least one article, most recent first.
    fn thread_rows(&self, one: Option<i64>) -> Result<Vec<ThreadRow>> {
        let what = "cannot read threads";
        let heads: Vec<(i64, Option<String>, Option<String>)> = self.all(
            what,
            "SELECT ts.thread_id, min(s.first), max(s.last), sum(s.articles) n FROM thread_stories ts JOIN stories s ON s.id = ts.story_id
             WHERE s.articles > 0 AND (?1 IS NULL OR ts.thread_id = ?1)
             GROUP BY ts.thread_id ORDER BY max(s.last) IS NULL, max(s.last) DESC, n DESC, ts.thread_id",
            params![one],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut out = Vec::with_capacity(heads.len());
        for (id, first, last) in heads {
            let stories: Vec<i64> = self.all(
                what,
                "SELECT s.id FROM thread_stories ts JOIN stories s ON s.id = ts.story_id WHERE ts.thread_id = ?1 AND s.articles > 0
                 ORDER BY s.first IS NULL, s.first, s.id",
                params![id],
                |r| r.get(0),
            )?;
            let mut articles = Vec::new();
            for s in &stories {
                articles.extend(self.all(what, "SELECT id FROM articles WHERE story_id = ?1 ORDER BY seq", params![s], |r| r.get::<_, String>(0))?);
            }
            let outlets: i64 = self
                .conn
                .prepare_cached(
                    "SELECT count(DISTINCT ss.source) FROM thread_stories ts JOIN story_sources ss ON ss.story_id = ts.story_id
                     WHERE ts.thread_id = ?1 AND ss.source <> ''",
                )
                .and_then(|mut st| st.query_row(params![id], |r| r.get(0)))
                .map_err(self.e(what))?;
            out.push(ThreadRow { id, stories, articles, first, last, outlets: (outlets > 0).then_some(outlets) });
        }
        Ok(out)
    }
}

impl ThreadStore for SqliteStore {
    fn story_threads(&self, stories: &[i64]) -> Result<Vec<ThreadMember>> {
        let e = self.e("cannot read threads");
        let mut st = self.conn.prepare_cached("SELECT thread_id, contrib FROM thread_stories WHERE story_id = ?1").map_err(&e)?;
        let mut out = Vec::new();
        for &story in stories {
            if let Some((thread, b)) = st.query_row(params![story], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))).optional().map_err(&e)? {
                out.push(ThreadMember { story, thread, contrib: vector_from(&b) });
            }
        }
        Ok(out)
    }

    fn thread_candidates(&self, terms: &[u32], cap: usize) -> Result<Vec<i64>> {
        let mut out = Vec::new();
        for &t in terms {
            out.extend(self.all(
                "cannot read threads",
                "SELECT thread_id FROM thread_keys WHERE term = ?1 ORDER BY seq DESC, thread_id DESC LIMIT ?2",
                params![t as i64, cap as i64],
                |r| r.get::<_, i64>(0),
            )?);
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    fn thread_states(&self, ids: &[i64]) -> Result<Vec<ThreadState>> {
        let e = self.e("cannot read threads");
        let mut st = self.conn.prepare_cached("SELECT terms, first, last FROM threads WHERE id = ?1").map_err(&e)?;
        let mut out = Vec::new();
        for &id in ids {
            let row = st
                .query_row(params![id], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?)))
                .optional()
                .map_err(&e)?;
            if let Some((terms, first, last)) = row {
                out.push(ThreadState { id, terms: vector_from(&terms), first: day(first), last: day(last) });
            }
        }
        Ok(out)
    }

    fn put_thread(&mut self, t: &ThreadWrite) -> Result<i64> {
        let e = err(&self.path, "cannot write a thread");
        let tx = self.conn.savepoint().map_err(&e)?;
        let (first, last) = (t.first.map(|d| d.to_string()), t.last.map(|d| d.to_string()));
        let id = match t.id {
            None => {
                let id: i64 = tx.prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM threads").and_then(|mut st| st.query_row([], |r| r.get(0))).map_err(&e)?;
                tx.prepare_cached("INSERT INTO threads (id, terms, first, last) VALUES (?1, ?2, ?3, ?4)").and_then(|mut st| st.execute(params![id, vector_to(&t.terms), first, last])).map_err(&e)?;
                id
            }
            Some(id) => {
                let n = tx.prepare_cached("UPDATE threads SET terms = ?2, first = ?3, last = ?4 WHERE id = ?1").and_then(|mut st| st.execute(params![id, vector_to(&t.terms), first, last])).map_err(&e)?;
                if n == 0 {
                    return Err(StoreError(format!("{}: cannot write a thread: no thread {id}", self.path)));
                }
                id
            }
        };
        {
            let mut key = tx
                .prepare_cached("INSERT INTO thread_keys (term, thread_id, seq) VALUES (?1, ?2, ?3) ON CONFLICT (term, thread_id) DO UPDATE SET seq = excluded.seq")
                .map_err(&e)?;
            for &k in &t.keys {
                key.execute(params![k as i64, id, t.seq]).map_err(&e)?;
            }
        }
        tx.commit().map_err(&e)?;
        Ok(id)
    }

    fn set_thread(&mut self, m: &ThreadMember) -> Result<()> {
        let e = err(&self.path, "cannot put a story in a thread");
        let known: Option<i64> = self.conn.prepare_cached("SELECT id FROM threads WHERE id = ?1").and_then(|mut st| st.query_row(params![m.thread], |r| r.get(0)).optional()).map_err(&e)?;
        if known.is_none() {
            return Err(StoreError(format!("{}: cannot put a story in a thread: no thread {}", self.path, m.thread)));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO thread_stories (story_id, thread_id, contrib) VALUES (?1, ?2, ?3)
                 ON CONFLICT (story_id) DO UPDATE SET thread_id = excluded.thread_id, contrib = excluded.contrib",
            )
            .and_then(|mut st| st.execute(params![m.story, m.thread, vector_to(&m.contrib)]))
            .map_err(&e)?;
        Ok(())
    }

    fn threads(&self) -> Result<Vec<ThreadRow>> {
        self.thread_rows(None)
    }

    fn thread(&self, id: i64) -> Result<Option<ThreadRow>> {
        Ok(self.thread_rows(Some(id))?.pop())
    }
}

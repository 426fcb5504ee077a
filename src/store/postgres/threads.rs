//! `ThreadStore` on PostgreSQL: the same statements as SQLite's, reads by key lists in one
//! statement each (`= ANY`), PostgreSQL's NULL order spelled out and byte order for text.

use super::{PgStore, in_order};
use crate::store::encode::{vector_from, vector_to};
use crate::store::{Result, StoreError, ThreadMember, ThreadRow, ThreadState, ThreadStore, ThreadWrite};

fn day(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|d| d.parse().ok())
}

impl PgStore {
    /// Threads (all, or one) with at least one article, most recent first.
    fn thread_rows(&self, one: Option<i64>) -> Result<Vec<ThreadRow>> {
        let what = "cannot read threads";
        let heads = self.rows(
            what,
            "SELECT ts.thread_id, min(s.first COLLATE \"C\"), max(s.last COLLATE \"C\"), sum(s.articles) n FROM thread_stories ts JOIN stories s ON s.id = ts.story_id
             WHERE s.articles > 0 AND ($1::bigint IS NULL OR ts.thread_id = $1)
             GROUP BY ts.thread_id ORDER BY max(s.last COLLATE \"C\") IS NULL, max(s.last COLLATE \"C\") DESC, n DESC, ts.thread_id",
            &[&one],
        )?;
        let mut out = Vec::with_capacity(heads.len());
        for h in heads {
            let id: i64 = h.get(0);
            let stories: Vec<i64> = self
                .rows(
                    what,
                    "SELECT s.id FROM thread_stories ts JOIN stories s ON s.id = ts.story_id WHERE ts.thread_id = $1 AND s.articles > 0
                     ORDER BY s.first IS NULL, s.first COLLATE \"C\", s.id",
                    &[&id],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let mut articles = Vec::new();
            for s in &stories {
                articles.extend(self.rows(what, "SELECT id FROM articles WHERE story_id = $1 ORDER BY seq", &[s])?.iter().map(|r| r.get::<_, String>(0)));
            }
            let outlets: i64 = self
                .one(
                    what,
                    "SELECT count(DISTINCT ss.source) FROM thread_stories ts JOIN story_sources ss ON ss.story_id = ts.story_id
                     WHERE ts.thread_id = $1 AND ss.source <> ''",
                    &[&id],
                )?
                .get(0);
            out.push(ThreadRow { id, stories, articles, first: h.get(1), last: h.get(2), outlets: (outlets > 0).then_some(outlets) });
        }
        Ok(out)
    }
}

impl ThreadStore for PgStore {
    fn story_threads(&self, stories: &[i64]) -> Result<Vec<ThreadMember>> {
        let rows = self.rows("cannot read threads", "SELECT story_id, thread_id, contrib FROM thread_stories WHERE story_id = ANY($1)", &[&stories])?;
        let found = rows
            .iter()
            .map(|r| {
                let story: i64 = r.get(0);
                (story, ThreadMember { story, thread: r.get(1), contrib: vector_from(r.get::<_, &[u8]>(2)) })
            })
            .collect();
        Ok(in_order(stories, found))
    }

    fn thread_candidates(&self, terms: &[u32], cap: usize) -> Result<Vec<i64>> {
        let terms: Vec<i64> = terms.iter().map(|&t| t as i64).collect();
        let rows = self.rows(
            "cannot read threads",
            "SELECT DISTINCT k.thread_id FROM unnest($1::bigint[]) AS t(term)
             CROSS JOIN LATERAL (SELECT thread_id FROM thread_keys WHERE term = t.term ORDER BY seq DESC, thread_id DESC LIMIT $2) k
             ORDER BY k.thread_id",
            &[&terms, &(cap as i64)],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn thread_states(&self, ids: &[i64]) -> Result<Vec<ThreadState>> {
        let rows = self.rows("cannot read threads", "SELECT id, terms, first, last FROM threads WHERE id = ANY($1)", &[&ids])?;
        let found = rows
            .iter()
            .map(|r| {
                let id: i64 = r.get(0);
                (id, ThreadState { id, terms: vector_from(r.get::<_, &[u8]>(1)), first: day(r.get(2)), last: day(r.get(3)) })
            })
            .collect();
        Ok(in_order(ids, found))
    }

    fn put_thread(&mut self, t: &ThreadWrite) -> Result<i64> {
        let what = "cannot write a thread";
        self.write(|s| {
            let (first, last) = (t.first.map(|d| d.to_string()), t.last.map(|d| d.to_string()));
            let terms = vector_to(&t.terms);
            let id: i64 = match t.id {
                None => s
                    .one(
                        what,
                        "INSERT INTO threads (id, terms, first, last) SELECT coalesce(max(id), 0) + 1, $1, $2, $3 FROM threads RETURNING id",
                        &[&terms, &first, &last],
                    )?
                    .get(0),
                Some(id) => {
                    if s.exec(what, "UPDATE threads SET terms = $2, first = $3, last = $4 WHERE id = $1", &[&id, &terms, &first, &last])? == 0 {
                        return Err(StoreError(format!("{}: {what}: no thread {id}", s.shown)));
                    }
                    id
                }
            };
            let keys: Vec<i64> = t.keys.iter().map(|&k| k as i64).collect();
            s.exec(
                what,
                "INSERT INTO thread_keys (term, thread_id, seq) SELECT k, $2, $3 FROM unnest($1::bigint[]) AS k
                 ON CONFLICT (term, thread_id) DO UPDATE SET seq = excluded.seq",
                &[&keys, &id, &t.seq],
            )?;
            Ok(id)
        })
    }

    fn set_thread(&mut self, m: &ThreadMember) -> Result<()> {
        let what = "cannot put a story in a thread";
        self.write(|s| {
            if s.opt(what, "SELECT id FROM threads WHERE id = $1", &[&m.thread])?.is_none() {
                return Err(StoreError(format!("{}: {what}: no thread {}", s.shown, m.thread)));
            }
            s.exec(
                what,
                "INSERT INTO thread_stories (story_id, thread_id, contrib) VALUES ($1, $2, $3)
                 ON CONFLICT (story_id) DO UPDATE SET thread_id = excluded.thread_id, contrib = excluded.contrib",
                &[&m.story, &m.thread, &vector_to(&m.contrib)],
            )?;
            Ok(())
        })
    }

    fn threads(&self) -> Result<Vec<ThreadRow>> {
        self.thread_rows(None)
    }

    fn thread(&self, id: i64) -> Result<Option<ThreadRow>> {
        Ok(self.thread_rows(Some(id))?.pop())
    }
}

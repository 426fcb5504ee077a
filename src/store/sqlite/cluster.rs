//! `ClusterStore` on SQLite: the clusterer's dictionary, story vectors, postings and recent articles as rows.

use rusqlite::types::ToSqlOutput;
use rusqlite::{OptionalExtension, params};
use crate::store::encode::{dates_from, dates_to, vector_from, vector_to};

use super::{SqliteStore, err, insert_rows};
use crate::store::{ClusterMeta, ClusterRecent, ClusterStore, ClusterStory, ClusterTerm, ClusterWrite, Result, StoreError, Transactions};

impl SqliteStore {

    /// A store from before v4 keeps the clusterer's state as one blob: move it into the rows
    /// (one transaction; the blob goes once the rows are written, so an interrupted import is
    /// simply done again at the next open).
    pub(super) fn import_v3_cluster_state(&mut self) -> Result<()> {
        let path = self.path.clone();
        let e = err(&path, "cannot move the story state into rows");
        let blob: Option<String> = self
            .conn
            .query_row("SELECT value FROM link_state WHERE name = ?1", params![crate::store::legacy::CLUSTER_V1], |r| r.get(0))
            .optional()
            .map_err(&e)?;
        let Some(blob) = blob else { return Ok(()) };
        let w = crate::store::legacy::cluster_v1(&blob, self.cluster_meta()?.version).map_err(|x| StoreError(format!("{}: {x}", self.path)))?;
        self.begin()?;
        let done = self.put_cluster(&w).and_then(|()| {
            self.conn.execute("DELETE FROM link_state WHERE name = ?1", params![crate::store::legacy::CLUSTER_V1]).map(|_| ()).map_err(&e)
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
    pub(super) fn terms_where<V: rusqlite::ToSql>(&self, column: &str, values: &[V]) -> Result<Vec<ClusterTerm>> {
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
            // the new terms and the postings set several rows to a statement (`insert_rows`)
            let mut v: Vec<ToSqlOutput<'_>> = Vec::with_capacity(w.new_terms.len() * 4);
            for t in &w.new_terms {
                v.extend([ToSqlOutput::from(i64::from(t.id)), ToSqlOutput::from(t.key.as_str()), ToSqlOutput::from(t.kind), ToSqlOutput::from(t.df)]);
            }
            insert_rows(&tx, "INSERT INTO cluster_terms (id, key, kind, df) VALUES", "", 4, &v).map_err(&e)?;
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
            // in their order: the postings set between two drops go together (a pair set twice
            // in one statement is updated by the second as by a statement of its own)
            let mut drop = tx.prepare_cached("DELETE FROM cluster_postings WHERE term_id = ?1 AND story_id = ?2").map_err(&e)?;
            let mut set: Vec<ToSqlOutput<'_>> = Vec::new();
            let put = |set: &mut Vec<ToSqlOutput<'_>>| {
                let r = insert_rows(
                    &tx,
                    "INSERT INTO cluster_postings (term_id, story_id, seq) VALUES",
                    "ON CONFLICT (term_id, story_id) DO UPDATE SET seq = excluded.seq",
                    3,
                    set,
                );
                set.clear();
                r
            };
            for (t, s, seq) in &w.postings {
                match seq {
                    Some(q) => set.extend([ToSqlOutput::from(i64::from(*t)), ToSqlOutput::from(i64::from(*s)), ToSqlOutput::from(*q)]),
                    None => {
                        put(&mut set).map_err(&e)?;
                        drop.execute(params![t, s]).map_err(&e)?;
                    }
                }
            }
            put(&mut set).map_err(&e)?;
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

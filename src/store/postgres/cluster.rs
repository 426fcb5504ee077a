//! `ClusterStore` on PostgreSQL: the clusterer's dictionary, story vectors, postings and recent
//! articles as rows. Reads by a list of keys are one statement (`= ANY`), put back in the order
//! asked; a batch's changes are one statement per kind of row (arrays), not one per row.

use ::postgres::Row;
use crate::store::encode::{dates_from, dates_to, vector_from, vector_to};

use super::{PgStore, in_order, u32_of};
use crate::store::{ClusterMeta, ClusterRecent, ClusterStore, ClusterStory, ClusterTerm, ClusterWrite, Result, StoreError};

fn term_from(r: &Row) -> ClusterTerm {
    ClusterTerm { id: u32_of(r.get(0)), key: r.get(1), kind: u8::try_from(r.get::<_, i64>(2)).unwrap_or(0), df: u32_of(r.get(3)) }
}

impl ClusterStore for PgStore {
    fn cluster_meta(&self) -> Result<ClusterMeta> {
        let r = self.one(
            "cannot read the story state",
            "SELECT n_docs, next_term, next_story, posting_seq, recent_seq, version FROM cluster_state WHERE id = 1",
            &[],
        )?;
        Ok(ClusterMeta {
            n_docs: r.get::<_, i64>(0) as u64,
            next_term: u32_of(r.get(1)),
            next_story: u32_of(r.get(2)),
            posting_seq: r.get(3),
            recent_seq: r.get(4),
            version: r.get(5),
        })
    }

    fn cluster_terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>> {
        let found = self.rows("cannot read the story state", "SELECT id, key, kind, df FROM cluster_terms WHERE key = ANY($1)", &[&keys])?;
        Ok(in_order(keys, found.iter().map(|r| (r.get::<_, String>(1), term_from(r))).collect()))
    }

    fn cluster_terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>> {
        let wide: Vec<i64> = ids.iter().map(|&i| i64::from(i)).collect();
        let found = self.rows("cannot read the story state", "SELECT id, key, kind, df FROM cluster_terms WHERE id = ANY($1)", &[&wide])?;
        Ok(in_order(ids, found.iter().map(|r| (u32_of(r.get(0)), term_from(r))).collect()))
    }

    fn cluster_stories(&self, ids: &[u32]) -> Result<Vec<ClusterStory>> {
        let wide: Vec<i64> = ids.iter().map(|&i| i64::from(i)).collect();
        let found = self.rows(
            "cannot read the story state",
            "SELECT id, n_docs, first_pub, last_pub, last_seq, dates, merged_into, centroid FROM cluster_stories WHERE id = ANY($1)",
            &[&wide],
        )?;
        let found = found
            .iter()
            .map(|r| {
                let id = u32_of(r.get(0));
                let s = ClusterStory {
                    id,
                    n_docs: u32_of(r.get(1)),
                    first_pub: r.get::<_, Option<String>>(2).and_then(|d| d.parse().ok()),
                    last_pub: r.get::<_, Option<String>>(3).and_then(|d| d.parse().ok()),
                    last_seq: r.get::<_, i64>(4) as u64,
                    dates: dates_from(r.get(5)),
                    merged_into: r.get::<_, Option<i64>>(6).map(u32_of),
                    terms: vector_from(r.get(7)),
                };
                (id, s)
            })
            .collect();
        Ok(in_order(ids, found))
    }

    fn cluster_postings(&self, term: u32, cap: usize) -> Result<Vec<(u32, i64)>> {
        let mut out: Vec<(u32, i64)> = self
            .rows(
                "cannot read the story state",
                "SELECT story_id, seq FROM cluster_postings WHERE term_id = $1 ORDER BY seq DESC LIMIT $2",
                &[&i64::from(term), &(cap as i64)],
            )?
            .iter()
            .map(|r| (u32_of(r.get(0)), r.get(1)))
            .collect();
        out.reverse();
        Ok(out)
    }

    fn cluster_postings_of(&self, terms: &[u32], cap: usize) -> Result<Vec<Vec<(u32, i64)>>> {
        let wide: Vec<i64> = terms.iter().map(|&t| i64::from(t)).collect();
        let rows = self.rows(
            "cannot read the story state",
            "SELECT t.term, p.story_id, p.seq FROM unnest($1::bigint[]) AS t(term)
             CROSS JOIN LATERAL (SELECT story_id, seq FROM cluster_postings WHERE term_id = t.term ORDER BY seq DESC LIMIT $2) p",
            &[&wide, &(cap as i64)],
        )?;
        let mut by: std::collections::HashMap<i64, Vec<(u32, i64)>> = Default::default();
        for r in &rows {
            by.entry(r.get(0)).or_default().push((u32_of(r.get(1)), r.get(2)));
        }
        // each list least recent first, as `cluster_postings`
        for l in by.values_mut() {
            l.sort_unstable_by_key(|x| x.1);
        }
        Ok(wide.iter().map(|t| by.get(t).cloned().unwrap_or_default()).collect())
    }

    fn cluster_recent(&self, n: usize) -> Result<Vec<ClusterRecent>> {
        let mut out: Vec<ClusterRecent> = self
            .rows(
                "cannot read the story state",
                "SELECT seq, article_id, story_id, published, dates, raw, contrib FROM cluster_recent ORDER BY seq DESC LIMIT $1",
                &[&(n as i64)],
            )?
            .iter()
            .map(|r| ClusterRecent {
                seq: r.get(0),
                id: r.get(1),
                story: u32_of(r.get(2)),
                published: r.get::<_, Option<String>>(3).and_then(|d| d.parse().ok()),
                dates: dates_from(r.get(4)),
                raw: vector_from(r.get(5)),
                contrib: vector_from(r.get(6)),
            })
            .collect();
        out.reverse();
        Ok(out)
    }

    fn put_cluster(&mut self, w: &ClusterWrite) -> Result<()> {
        let what = "cannot save the story state";
        self.write(|s| {
            let m = &w.meta;
            let n = s.exec(
                what,
                "UPDATE cluster_state SET n_docs = $1, next_term = $2, next_story = $3, posting_seq = $4, recent_seq = $5, version = $6
                 WHERE id = 1 AND version = $7",
                &[&(m.n_docs as i64), &i64::from(m.next_term), &i64::from(m.next_story), &m.posting_seq, &m.recent_seq, &m.version, &w.base_version],
            )?;
            if n != 1 {
                return Err(StoreError(format!(
                    "{}: the story state changed while this batch was linked (another worker?); the batch's links are not saved",
                    s.shown
                )));
            }
            if !w.new_terms.is_empty() {
                let ids: Vec<i64> = w.new_terms.iter().map(|t| i64::from(t.id)).collect();
                let keys: Vec<&str> = w.new_terms.iter().map(|t| t.key.as_str()).collect();
                let kinds: Vec<i64> = w.new_terms.iter().map(|t| i64::from(t.kind)).collect();
                let dfs: Vec<i64> = w.new_terms.iter().map(|t| i64::from(t.df)).collect();
                s.exec(
                    what,
                    "INSERT INTO cluster_terms (id, key, kind, df) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[])",
                    &[&ids, &keys, &kinds, &dfs],
                )?;
            }
            if !w.df.is_empty() {
                let ids: Vec<i64> = w.df.iter().map(|(t, _)| i64::from(*t)).collect();
                let by: Vec<i64> = w.df.iter().map(|(_, d)| i64::from(*d)).collect();
                // one increment per term: a term named twice is summed first
                s.exec(
                    what,
                    "UPDATE cluster_terms t SET df = t.df + d.by FROM (SELECT id, sum(by)::bigint AS by FROM unnest($1::bigint[], $2::bigint[]) AS x(id, by) GROUP BY id) d
                     WHERE t.id = d.id",
                    &[&ids, &by],
                )?;
            }
            for st in &w.stories {
                s.exec(
                    what,
                    "INSERT INTO cluster_stories (id, n_docs, first_pub, last_pub, last_seq, dates, merged_into, centroid)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (id) DO UPDATE SET n_docs = excluded.n_docs, first_pub = excluded.first_pub,
                       last_pub = excluded.last_pub, last_seq = excluded.last_seq, dates = excluded.dates,
                       merged_into = excluded.merged_into, centroid = excluded.centroid",
                    &[
                        &i64::from(st.id),
                        &i64::from(st.n_docs),
                        &st.first_pub.map(|d| d.to_string()),
                        &st.last_pub.map(|d| d.to_string()),
                        &(st.last_seq as i64),
                        &dates_to(&st.dates),
                        &st.merged_into.map(i64::from),
                        &vector_to(&st.terms),
                    ],
                )?;
            }
            // postings in order: a later change of the same (term, story) wins, as row by row
            let mut last: std::collections::HashMap<(u32, u32), Option<i64>> = Default::default();
            for (t, st, seq) in &w.postings {
                last.insert((*t, *st), *seq);
            }
            let (mut put, mut drop): (Vec<(i64, i64, i64)>, Vec<(i64, i64)>) = (Vec::new(), Vec::new());
            for ((t, st), seq) in last {
                match seq {
                    Some(q) => put.push((i64::from(t), i64::from(st), q)),
                    None => drop.push((i64::from(t), i64::from(st))),
                }
            }
            if !put.is_empty() {
                let (t, st, q): (Vec<i64>, Vec<i64>, Vec<i64>) = (put.iter().map(|x| x.0).collect(), put.iter().map(|x| x.1).collect(), put.iter().map(|x| x.2).collect());
                s.exec(
                    what,
                    "INSERT INTO cluster_postings (term_id, story_id, seq) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
                     ON CONFLICT (term_id, story_id) DO UPDATE SET seq = excluded.seq",
                    &[&t, &st, &q],
                )?;
            }
            if !drop.is_empty() {
                let (t, st): (Vec<i64>, Vec<i64>) = (drop.iter().map(|x| x.0).collect(), drop.iter().map(|x| x.1).collect());
                s.exec(
                    what,
                    "DELETE FROM cluster_postings p USING unnest($1::bigint[], $2::bigint[]) AS x(t, s) WHERE p.term_id = x.t AND p.story_id = x.s",
                    &[&t, &st],
                )?;
            }
            for r in &w.recent {
                s.exec(
                    what,
                    "INSERT INTO cluster_recent (seq, article_id, story_id, published, dates, raw, contrib) VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (seq) DO UPDATE SET story_id = excluded.story_id",
                    &[&r.seq, &r.id, &i64::from(r.story), &r.published.map(|d| d.to_string()), &dates_to(&r.dates), &vector_to(&r.raw), &vector_to(&r.contrib)],
                )?;
            }
            s.exec(what, "DELETE FROM cluster_recent WHERE seq <= $1", &[&(m.recent_seq - w.recent_keep as i64)])?;
            Ok(())
        })
    }
}

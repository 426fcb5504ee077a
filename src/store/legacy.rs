//! Reading what older stores kept in another shape, for every backend:
//! - Schema v3 held the story clusterer's whole state as one JSON blob (`link_state`, name
//!   `clusterer/v1`); v4 keeps it as rows. A backend moves a v3 blob into its rows through
//!   [`cluster_v1`] when it opens such a store.
//! - Schemas up to v4 kept offsets (quotes, times, entities, header, dateline) as Unicode
//!   code points; v5 keeps byte offsets. A backend's v5 migration converts each stored offset
//!   with [`CodePoints`] over the article's text, in the migration's transaction.

use std::collections::HashMap;

use serde::Deserialize;

use super::{ClusterMeta, ClusterRecent, ClusterStory, ClusterTerm, ClusterWrite};

/// Code-point offsets of one text as byte offsets (the v5 migration).
pub struct CodePoints {
    /// The byte offset of every char, then the text's length.
    starts: Vec<usize>,
}

impl CodePoints {
    pub fn new(text: &str) -> CodePoints {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CodePoints { starts }
    }

    /// The byte offset of code point `cp`; past the end, the text's length (a stored offset
    /// out of range never becomes one that cannot slice the text).
    pub fn byte_of(&self, cp: i64) -> i64 {
        let last = *self.starts.last().expect("never empty");
        usize::try_from(cp).ok().and_then(|c| self.starts.get(c)).copied().unwrap_or(last) as i64
    }
}

/// The blob's name in `link_state`.
pub const CLUSTER_V1: &str = "clusterer/v1";

#[derive(Deserialize)]
struct V1 {
    n_docs: u64,
    keys: Vec<String>,
    kinds: Vec<u8>,
    df: Vec<u32>,
    stories: Vec<V1Story>,
    postings: HashMap<u32, Vec<u32>>,
    #[serde(default)]
    recent: Vec<V1Recent>,
}

#[derive(Deserialize)]
struct V1Story {
    id: u32,
    n_docs: u32,
    first_pub: Option<chrono::NaiveDate>,
    last_pub: Option<chrono::NaiveDate>,
    last_seq: u64,
    dates: Vec<chrono::NaiveDate>,
    terms: Vec<(u32, f32)>,
    #[serde(default)]
    merged_into: Option<u32>,
}

#[derive(Deserialize)]
struct V1Recent {
    id: String,
    story: u32,
    published: Option<chrono::NaiveDate>,
    dates: Vec<chrono::NaiveDate>,
    raw: Vec<(u32, f32)>,
    contrib: Vec<(u32, f32)>,
}

/// The rows of a `clusterer/v1` blob, as one write on top of an empty state at `version`.
/// Posting lists keep their order (the position in the list becomes the sequence number); the
/// recent window keeps its articles, oldest first.
pub fn cluster_v1(json: &str, version: i64) -> Result<ClusterWrite, String> {
    let v: V1 = serde_json::from_str(json).map_err(|e| format!("the stored story state (v3) is unreadable ({e})"))?;
    if v.kinds.len() != v.keys.len() || v.df.len() != v.keys.len() {
        return Err("the stored story state (v3) is inconsistent (dictionary lengths differ)".into());
    }
    let new_terms = v
        .keys
        .into_iter()
        .zip(v.kinds)
        .zip(v.df)
        .enumerate()
        .map(|(i, ((key, kind), df))| ClusterTerm { id: i as u32, key, kind, df })
        .collect::<Vec<_>>();
    let stories = v
        .stories
        .into_iter()
        .map(|s| ClusterStory {
            id: s.id,
            n_docs: s.n_docs,
            first_pub: s.first_pub,
            last_pub: s.last_pub,
            last_seq: s.last_seq,
            dates: s.dates,
            terms: s.terms,
            merged_into: s.merged_into,
        })
        .collect::<Vec<_>>();
    let mut terms: Vec<(&u32, &Vec<u32>)> = v.postings.iter().collect();
    terms.sort_unstable_by_key(|x| *x.0);
    let mut postings = Vec::new();
    let mut posting_seq = 0i64;
    for (t, list) in terms {
        for (i, s) in list.iter().enumerate() {
            postings.push((*t, *s, Some(i as i64 + 1)));
        }
        posting_seq = posting_seq.max(list.len() as i64);
    }
    let recent: Vec<ClusterRecent> = v
        .recent
        .into_iter()
        .enumerate()
        .map(|(i, r)| ClusterRecent {
            seq: i as i64 + 1,
            id: r.id,
            story: r.story,
            published: r.published,
            dates: r.dates,
            raw: r.raw,
            contrib: r.contrib,
        })
        .collect();
    let meta = ClusterMeta {
        n_docs: v.n_docs,
        next_term: new_terms.len() as u32,
        next_story: stories.len() as u32,
        posting_seq,
        recent_seq: recent.len() as i64,
        version: version + 1,
    };
    let recent_keep = recent.len();
    Ok(ClusterWrite { base_version: version, meta, new_terms, df: Vec::new(), stories, postings, recent, recent_keep })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_become_byte_offsets_that_slice_the_text() {
        let text = "Erdoğan met Зеленський.";
        let cp = CodePoints::new(text);
        // "Зеленський" is code points 12..22
        let (s, e) = (cp.byte_of(12) as usize, cp.byte_of(22) as usize);
        assert_eq!(&text[s..e], "Зеленський");
        assert_eq!(cp.byte_of(0), 0);
        assert_eq!(cp.byte_of(999), text.len() as i64, "out of range: the end");
        assert_eq!(cp.byte_of(-1), text.len() as i64);
    }
}

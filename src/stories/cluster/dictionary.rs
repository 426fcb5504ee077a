//! The dictionary as held: term ids by key and, by term id, the key, the kind and the online
//! document frequency (dense arrays, `NOT_HELD` marking the terms not read), from which the
//! current BM25 idf is computed; also the key of a name's last-word part.

use super::Clusterer;

/// An idf as computed for a number of documents and a document frequency.
#[derive(Clone, Copy)]
pub(super) struct IdfMemo {
    n_docs: u64,
    df: u32,
    idf: f32,
}

impl IdfMemo {
    /// Matches no state (a store never holds `u64::MAX` documents).
    pub(super) const NONE: IdfMemo = IdfMemo { n_docs: u64::MAX, df: 0, idf: 0.0 };
}

/// The kind of a term not held.
pub(super) const NOT_HELD: u8 = u8::MAX;

/// The key of the single-word part under which a person or organisation's last name is
/// indexed ("P:volodymyr zelensky" → "p:zelensky").
pub(super) fn last_part_key(key: &str) -> Option<String> {
    let last = key.get(2..)?.rsplit([' ', '_', '-']).next()?;
    Some(format!("p:{last}"))
}

impl Clusterer {
    pub(super) fn create_term(&mut self, key: String, kind: u8) -> u32 {
        let id = self.next_term;
        self.next_term += 1;
        self.hold(id, key, kind, 0);
        id
    }

    pub(super) fn held(&self, t: u32) -> bool {
        self.kinds.get(t as usize).is_some_and(|&k| k != NOT_HELD)
    }

    pub(super) fn hold(&mut self, id: u32, key: String, kind: u8, df: u32) {
        let i = id as usize;
        if self.kinds.len() <= i {
            self.kinds.resize(i + 1, NOT_HELD);
            self.df.resize(i + 1, 0);
            self.idf_memo.resize(i + 1, std::cell::Cell::new(IdfMemo::NONE));
            self.learned.resize(i + 1, 1.0);
        }
        self.learned[i] = self.learned_weight(&key);
        self.kinds[i] = kind;
        self.df[i] = df;
        self.dict.insert(key.clone(), id);
        self.keys.insert(id, key);
    }

    pub(super) fn add_df(&mut self, raw: &[(u32, f32)]) {
        self.n_docs += 1;
        for &(t, _) in raw {
            debug_assert!(self.held(t));
            self.df[t as usize] += 1;
            if t < self.written_terms {
                *self.df_delta.entry(t).or_default() += 1;
            }
        }
    }

    pub(super) fn kind(&self, t: u32) -> u8 {
        debug_assert!(self.held(t));
        self.kinds[t as usize]
    }

    /// The current BM25 idf of a held term. Scoring asks for it once per term of every
    /// candidate centroid, so the last value is kept per term with the (n_docs, df) it was
    /// computed for, and computed again only when either has changed since: the same value,
    /// without a logarithm per look-up (`ln` was 6% of all ingest CPU, 2,147 Timeline17
    /// articles, perf).
    #[inline]
    pub(super) fn idf(&self, t: u32) -> f32 {
        debug_assert!(self.held(t));
        let i = t as usize;
        let df = self.df[i];
        if let Some(cell) = self.idf_memo.get(i) {
            let m = cell.get();
            if m.n_docs == self.n_docs && m.df == df {
                return m.idf;
            }
        }
        self.idf_again(i, df)
    }

    /// [`Clusterer::idf`] computed (its learned weight included) and kept: out of line, so that
    /// the look-up above stays small enough to be inlined into the scoring loops.
    #[inline(never)]
    fn idf_again(&self, i: usize, df: u32) -> f32 {
        let idf = self.compute_idf(df) * self.learned.get(i).copied().unwrap_or(1.0);
        if let Some(cell) = self.idf_memo.get(i) {
            cell.set(IdfMemo { n_docs: self.n_docs, df, idf });
        }
        idf
    }

    /// A term's learned weight to the power `Config::term_weights` (1 when off or not in the
    /// table).
    fn learned_weight(&self, key: &str) -> f32 {
        let beta = self.cfg.term_weights;
        if beta == 0.0 {
            return 1.0;
        }
        let table = self.cfg.weight_table.as_ref().unwrap_or_else(|| super::weights::shipped());
        table.get(key).map_or(1.0, |w| w.powf(beta))
    }

    pub(super) fn compute_idf(&self, df: u32) -> f32 {
        let n = self.n_docs as f32 + self.cfg.prior_docs;
        let df = df as f32 + self.cfg.prior_df;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

//! The dictionary as held: term ids by key and, by term id, the key, the kind and the online
//! document frequency (dense arrays, `NOT_HELD` marking the terms not read), from which the
//! current BM25 idf is computed; also the key of a name's last-word part.

use super::Clusterer;

/// An idf as computed for a number of documents and a document frequency: the pair packed as
/// one key (`n_docs << 32 | df`), the idf's bits beside it. Atomics, so that the second pass
/// can score in parallel over a shared view (`Clusterer::frozen`: no writes then, only reads).
pub(super) struct IdfMemo {
    key: std::sync::atomic::AtomicU64,
    idf: std::sync::atomic::AtomicU32,
}

impl IdfMemo {
    /// Matches no state (a key is never `u64::MAX`: see [`memo_key`]).
    pub(super) fn none() -> IdfMemo {
        IdfMemo { key: std::sync::atomic::AtomicU64::new(u64::MAX), idf: std::sync::atomic::AtomicU32::new(0) }
    }
}

/// The memo key of (n_docs, df); None past 2³² − 1 documents (never memoised then).
fn memo_key(n_docs: u64, df: u32) -> Option<u64> {
    (n_docs < u32::MAX as u64).then(|| n_docs << 32 | df as u64)
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
            self.month.resize(i + 1, false);
            self.generic.resize(i + 1, false);
            self.df.resize(i + 1, 0);
            self.idf_memo.resize_with(i + 1, IdfMemo::none);
            self.learned.resize(i + 1, 1.0);
        }
        self.learned[i] = self.learned_weight(&key);
        self.kinds[i] = kind;
        self.month[i] = kind == super::vector::KIND_WORD && key.get(2..).is_some_and(|k| super::score::month_stems().iter().any(|m| m == k));
        self.generic[i] = kind == super::vector::KIND_ORG && super::vector::generic_org(&key);
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

    /// Whether a held term is an organisation named by an institution word.
    pub(super) fn generic(&self, t: u32) -> bool {
        self.generic.get(t as usize).copied().unwrap_or(false)
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
        use std::sync::atomic::Ordering::Relaxed;
        debug_assert!(self.held(t));
        let i = t as usize;
        let df = self.df[i];
        if let (Some(m), Some(key)) = (self.idf_memo.get(i), memo_key(self.n_docs, df)) {
            if m.key.load(Relaxed) == key {
                return f32::from_bits(m.idf.load(Relaxed));
            }
        }
        self.idf_again(i, df)
    }

    /// [`Clusterer::idf`] computed (its learned weight included) and kept: out of line, so that
    /// the look-up above stays small enough to be inlined into the scoring loops.
    #[inline(never)]
    fn idf_again(&self, i: usize, df: u32) -> f32 {
        use std::sync::atomic::Ordering::Relaxed;
        let idf = self.compute_idf(df) * self.learned.get(i).copied().unwrap_or(1.0);
        // written by one thread only: a frozen view (threads scoring at once) only reads
        if let (false, Some(m), Some(key)) = (self.frozen, self.idf_memo.get(i), memo_key(self.n_docs, df)) {
            m.idf.store(idf.to_bits(), Relaxed);
            m.key.store(key, Relaxed);
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

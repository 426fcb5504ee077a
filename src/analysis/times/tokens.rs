//! The tokenizer the tagger reads: the shared text layer's tokens lower-cased inline (`Low`),
//! with numbers, capitals and line breaks marked, and the sentences.

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) w: Low, // lowercase
    pub(super) cap: bool,
    /// All its letters upper case ("BC", "AD": an era, not the word "ad")
    pub(super) upper: bool,
    pub(super) num: Option<i64>,
    pub(super) adj: bool,   // no whitespace before
    pub(super) nl: bool,    // a newline occurs between previous token and this one
    pub(super) alpha: bool, // starts with a letter
}

/// A token's lower-cased text: inline up to `LOW_INLINE` bytes (nearly every token), so the
/// tokenizer allocates nothing per token; longer words go to the heap. Reads as a `&str`.
#[derive(Clone)]
pub(super) enum Low {
    Inline { len: u8, buf: [u8; LOW_INLINE] },
    Heap(String),
}

pub(super) const LOW_INLINE: usize = 30;

impl Low {
    /// `s` as it is (`s.len() <= LOW_INLINE`).
    pub(super) fn of_str(s: &str) -> Low {
        let mut buf = [0u8; LOW_INLINE];
        buf[..s.len()].copy_from_slice(s.as_bytes());
        Low::Inline { len: s.len() as u8, buf }
    }
    #[inline]
    pub(super) fn as_str(&self) -> &str {
        match self {
            // SAFETY: `buf[..len]` was copied from a `&str` (whole characters; ASCII lower-casing keeps
            // it UTF-8), so it is valid UTF-8.
            Low::Inline { len, buf } => unsafe { std::str::from_utf8_unchecked(&buf[..*len as usize]) },
            Low::Heap(w) => w.as_str(),
        }
    }
}

impl std::ops::Deref for Low {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Low {
    #[inline]
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for Low {
    #[inline]
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl std::fmt::Display for Low {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Low {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// The tagger's view of the shared tokens (`text::tokens`): one `Tok` per token, its
/// normalised form (already lower-cased, quotes and dashes made plain) inline.
pub(super) fn tokenize_from(t: &crate::text::Tokens) -> Vec<Tok> {
    use crate::text::tokens as tk;
    let mut toks = Vec::with_capacity(t.len());
    for (i, x) in t.toks.iter().enumerate() {
        let w = t.norm(i);
        let num = if x.has(tk::DIGITS) && w.len() <= 9 { w.parse::<i64>().ok() } else { None };
        toks.push(Tok {
            s: x.start as usize,
            e: x.end as usize,
            w: if w.len() <= LOW_INLINE { Low::of_str(w) } else { Low::Heap(w.to_string()) },
            cap: x.has(tk::UPPER_FIRST),
            upper: x.has(tk::ALL_UPPER),
            num,
            adj: i > 0 && x.attached(),
            nl: x.has(tk::NEWLINE_BEFORE),
            alpha: x.has(tk::ALPHA),
        });
    }
    toks
}

/// Sentence boundaries as token index ranges: the shared segmenter's (`text::sentences`).
pub(super) fn split_sentences(layer: &crate::text::TextLayer) -> Vec<(usize, usize)> {
    layer.sentences.iter().map(|s| (s.tokens.0 as usize, s.tokens.1 as usize)).collect()
}

//! The tagger's tokens, feature extraction and the greedy averaged-perceptron BIO tagger.
//!
//! Tokens come from the one tokeniser (`text::Tokens`, computed once per article in the text
//! layer): [`tokens_from`] joins its tokens by the rules the model was trained with (it was
//! trained on its own tokenisation, so the joins reproduce that one exactly). Checked when the
//! old character scanner was removed: the same tokens (spans, flags, word and shape hashes) on
//! PolNeAR dev, CoNLL-2003 train and dev and ECB+ dev, 617,952 tokens.
//! Weights live in `data/entities/ner_model.bin` (trained by `tools/train_ner.rs` on CoNLL-2003 train).
//! Features: the word, its shape, prefixes and suffixes, gazetteer bits, its word clusters
//! (`clusters`), the same of its neighbours, the previous labels and what the document called
//! the word before.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::clusters;

/// Hasher for keys that are already 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E3779B97F4A7C15) ^ (n >> 29);
    }
}
pub type FastMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

pub const NL: usize = 9;
pub const LABELS: [&str; NL] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];

/// Entity type of a label: 0 none, 1 PER, 2 LOC, 3 ORG, 4 MISC.
#[inline]
pub fn label_type(l: u8) -> u8 {
    if l == 0 { 0 } else { (l + 1) / 2 }
}
#[inline]
pub fn is_inside(l: u8) -> bool {
    l != 0 && l % 2 == 0
}

// ---------------------------------------------------------------- tokens

pub const F_UPPER_FIRST: u16 = 1;
pub const F_ALL_UPPER: u16 = 2;
pub const F_HAS_UPPER: u16 = 4;
pub const F_HAS_DIGIT: u16 = 8;
pub const F_HAS_ALPHA: u16 = 16;
pub const F_NEWLINE_BEFORE: u16 = 32;
pub const F_SENT_START: u16 = 64;
pub const F_CAPS_LINE: u16 = 128;

#[derive(Clone, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub flags: u16,
    pub lower: u64,
    pub shape: u64,
    pub gaz: u32,
    /// The word's classes (`clusters`: coarse and fine packed, 0 unknown), set with the
    /// gazetteer bits by `gazetteer::set_flags`.
    pub clus: u32,
    /// The hash of the word's first letters (lower case), a stem shared by a name's case
    /// forms (Зеленський, Зеленського): set by the multilingual tokens (`intl::tokens`), 0
    /// elsewhere.
    pub stem: u64,
}

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "prof", "rev", "mt", "ft", "messrs", "adm", "maj", "cmdr", "brig", "hon", "mme", "mlle", "bros",
    "plc", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "vs",
];

#[inline]
pub fn mix(h: u64) -> u64 {
    let mut x = h;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    x
}

#[inline]
fn hstep(h: u64, c: u32) -> u64 {
    (h ^ c as u64).wrapping_mul(0x100000001b3)
}

pub fn hash_lower_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    // an ASCII char lower-cases to one char, its ASCII lower case: the same hash, byte by byte
    // (the 60,000 words of the clusters and the gazetteer's names are hashed so at start-up)
    if s.is_ascii() {
        for &b in s.as_bytes() {
            h = hstep(h, b.to_ascii_lowercase() as u32);
        }
        return h;
    }
    for c in s.chars() {
        for l in c.to_lowercase() {
            h = hstep(h, l as u32);
        }
    }
    h
}

fn char_class(c: char) -> u32 {
    if c.is_uppercase() {
        'X' as u32
    } else if c.is_alphabetic() {
        'x' as u32
    } else if c.is_numeric() {
        'd' as u32
    } else {
        c as u32
    }
}

/// The tagger's tokens of a text without a text layer: [`tokens_from`] over the shared
/// tokeniser's tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    tokens_from(text, &crate::text::Tokens::new(text))
}

#[inline]
fn is_apostrophe(text: &str, t: &crate::text::Token) -> bool {
    let s = &text.as_bytes()[t.start as usize..t.end as usize];
    s == b"'" || s == "\u{2019}".as_bytes()
}

/// The tagger's tokens, joined from the shared tokens (`text::Tokens`) by the rules its model
/// was trained with: words keep inner hyphens, apostrophes ("O'Brien", not the possessive),
/// decimals and thousands ("6.1", "1,200"), "AT&T" and acronym dots ("U.S."); abbreviations
/// and single capitals keep their dot ("Mr.", "J."); the possessive `'s` is one token; every
/// other character is its own token.
pub fn tokens_from(text: &str, st: &crate::text::Tokens) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(st.toks.len());
    join_tokens(text, st, |start, end, newline| toks.push(make_tok(text, start, end, newline)));
    mark_sentences(text, &mut toks);
    toks
}

/// The spans of [`tokenize`]'s tokens, without their hashes and flags: what a gazetteer
/// look-up reads of a name (`gazetteer::phrase_key`).
pub fn token_spans(text: &str) -> Vec<(usize, usize)> {
    match plain_words(text) {
        Some(v) => v,
        None => token_spans_joined(text),
    }
}

/// The words of a name written in ASCII letters, digits and spaces alone (most of the
/// gazetteer's names, read at every start and by every look-up): its maximal runs of letters
/// and digits, which is what the shared tokeniser and the joins of [`tokens_from`] make of such
/// a text (the joins read punctuation and marks only), without building either. None for any
/// other text.
fn plain_words(text: &str) -> Option<Vec<(usize, usize)>> {
    let b = text.as_bytes();
    if !b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b' ') {
        return None;
    }
    let mut v = Vec::with_capacity(4);
    let mut start = None;
    for (i, &c) in b.iter().enumerate() {
        match (c == b' ', start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                v.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    v.extend(start.map(|s| (s, b.len())));
    Some(v)
}

/// The lower-case hashes of the tagger's tokens of a name ([`tokenize`]'s `lower`), with
/// each token's span.
pub fn lower_hashes(text: &str) -> Vec<(usize, usize, u64)> {
    match plain_words(text) {
        Some(v) => v.into_iter().map(|(a, b)| (a, b, make_tok(text, a, b, false).lower)).collect(),
        None => tokenize(text).into_iter().map(|t| (t.start, t.end, t.lower)).collect(),
    }
}

/// [`token_spans`] through the shared tokeniser and the tagger's joins.
fn token_spans_joined(text: &str) -> Vec<(usize, usize)> {
    let st = crate::text::Tokens::new(text);
    let mut v = Vec::with_capacity(st.toks.len());
    join_tokens(text, &st, |start, end, _| v.push((start, end)));
    v
}

/// The joins of [`tokens_from`]: `push(start, end, newline)` for each of the tagger's tokens, in
/// order.
#[inline]
fn join_tokens(text: &str, st: &crate::text::Tokens, mut push: impl FnMut(usize, usize, bool)) {
    use crate::text::tokens::{Token, ALPHA, MARKS, NEWLINE_BEFORE, PARA_BEFORE, SPACE_BEFORE, WORD};
    let b = text.as_bytes();
    // The shared tokeniser keeps combining marks inside a word; the model was trained with
    // them as characters of their own, so such a word is cut at its marks here (mojibake like
    // "protegA\u{303}©s" in PolNeAR).
    let split: Vec<Token>;
    let t: &[Token] = if st.toks.iter().any(|x| x.has(MARKS)) {
        let mut v = Vec::with_capacity(st.toks.len() + 8);
        for x in &st.toks {
            let w = &text[x.start as usize..x.end as usize];
            if !x.has(MARKS) {
                v.push(*x);
                continue;
            }
            let mut piece: Option<Token> = None;
            for (o, c) in w.char_indices() {
                let (a, e) = (x.start + o as u32, x.start + (o + c.len_utf8()) as u32);
                let gap = if o == 0 { x.flags & (SPACE_BEFORE | NEWLINE_BEFORE | PARA_BEFORE) } else { 0 };
                if c.is_alphanumeric() {
                    match piece.as_mut() {
                        Some(p) => p.end = e,
                        None => piece = Some(Token { start: a, end: e, flags: gap | WORD | if c.is_alphabetic() { ALPHA } else { 0 } }),
                    }
                } else {
                    v.extend(piece.take());
                    v.push(Token { start: a, end: e, flags: gap });
                }
            }
            v.extend(piece.take());
        }
        split = v;
        &split
    } else {
        &st.toks
    };
    let n = t.len();
    // the end of the last token pushed
    let mut last_end: Option<usize> = None;
    // the character just before byte `j` / at byte `j`
    let prev_char = |j: usize| -> char { if b[j - 1] < 0x80 { b[j - 1] as char } else { text[..j].chars().next_back().unwrap_or(' ') } };
    let first_char = |k: usize| -> char {
        let j = t[k].start as usize;
        if b[j] < 0x80 { b[j] as char } else { text[j..].chars().next().unwrap_or(' ') }
    };
    // whether token k (one character) is immediately followed by token k + 1, a word
    let word_after = |k: usize| k + 1 < n && t[k + 1].attached() && t[k + 1].is_word();
    let single_alpha = |k: usize| t[k].is_word() && t[k].has(ALPHA) && (t[k].end - t[k].start == 1 || text[t[k].start as usize..t[k].end as usize].chars().nth(1).is_none());
    let mut k = 0;
    while k < n {
        let newline = k == 0 || (t[k].has(NEWLINE_BEFORE) && b[t[k - 1].end as usize..t[k].start as usize].contains(&b'\n'));
        let start = t[k].start as usize;
        if t[k].is_word() {
            let mut e = k + 1; // tokens [k, e) joined so far
            while e < n && t[e].attached() && !t[e].is_word() {
                let j = t[e].start as usize;
                let p = b[j];
                let apos = is_apostrophe(text, &t[e]);
                if !(matches!(p, b'-' | b'.' | b',' | b'&') && t[e].end as usize == j + 1) && !apos {
                    break;
                }
                if !word_after(e) {
                    break;
                }
                let d = first_char(e + 1);
                let pc = prev_char(j);
                if apos {
                    if !d.is_alphabetic() {
                        break;
                    }
                    // the possessive 's is split off
                    if (d == 's' || d == 'S') && t[e + 1].end - t[e + 1].start == 1 {
                        break;
                    }
                    e += 2;
                    continue;
                }
                match p {
                    b'-' => e += 2,
                    b'&' if d.is_uppercase() && pc.is_uppercase() && j - start <= 3 => e += 2,
                    b'.' if d.is_ascii_digit() && pc.is_ascii_digit() => e += 2,
                    b',' if d.is_ascii_digit() && pc.is_ascii_digit() => {
                        // 1,000 but not "1996,2000"-like lists: exactly 3 digits after
                        if b[j + 1..].iter().take_while(|x| x.is_ascii_digit()).count() == 3 {
                            e += 2;
                        } else {
                            break;
                        }
                    }
                    b'.' if d.is_alphabetic() && e == k + 1 && single_alpha(k) => {
                        // U.S., U.N.: single letters with dots, the final dot kept
                        if single_alpha(e + 1) && e + 2 < n && t[e + 2].attached() && b[t[e + 2].start as usize] == b'.' {
                            e += 3;
                            while e + 1 < n && t[e].attached() && single_alpha(e) && t[e + 1].attached() && b[t[e + 1].start as usize] == b'.' && t[e + 1].end - t[e + 1].start == 1 {
                                e += 2;
                            }
                        }
                        break;
                    }
                    _ => break,
                }
            }
            let mut end = t[e - 1].end as usize;
            // abbreviation dot
            if e < n && t[e].attached() && b[end] == b'.' && end - start <= 7 {
                let w = &text[start..end];
                let single_cap = w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase();
                if single_cap || ABBREV.iter().any(|a| a.eq_ignore_ascii_case(w)) {
                    end += 1;
                    e += 1;
                }
            }
            push(start, end, newline);
            last_end = Some(end);
            k = e;
        } else if is_apostrophe(text, &t[k])
            && word_after(k)
            && matches!(b[t[k + 1].start as usize], b's' | b'S')
            && t[k + 1].end - t[k + 1].start == 1
            && last_end == Some(start)
        {
            push(start, t[k + 1].end as usize, newline);
            last_end = Some(t[k + 1].end as usize);
            k += 2;
        } else {
            push(start, t[k].end as usize, newline);
            last_end = Some(t[k].end as usize);
            k += 1;
        }
    }
}

/// One tagger token over `text[start..end]` (its hashes and flags; no sentence flags, no
/// gazetteer bits): what another tokenisation built on these tokens (`intl::tokens`) adds.
pub fn make_token(text: &str, start: usize, end: usize, newline: bool) -> Tok {
    make_tok(text, start, end, newline)
}

fn make_tok(text: &str, start: usize, end: usize, newline: bool) -> Tok {
    let s = &text[start..end];
    let mut flags = 0u16;
    if newline {
        flags |= F_NEWLINE_BEFORE;
    }
    let mut h: u64 = 0xcbf29ce484222325;
    let mut sh: u64 = 0x9e3779b97f4a7c15;
    // Most tokens are an ASCII word in lower case or with one capital first: the same hashes and
    // flags as the general loop below, in a loop that only hashes (that loop's class tests and
    // runs cost about 290 instructions a token, a tenth of all layers under callgrind).
    let b = s.as_bytes();
    if let Some((&c0, rest)) = b.split_first() {
        if c0.is_ascii_alphabetic() && rest.iter().all(u8::is_ascii_lowercase) {
            for &c in b {
                h = hstep(h, c.to_ascii_lowercase() as u32);
            }
            // the shape: a class enters the hash at most twice in a row
            let up = c0.is_ascii_uppercase();
            sh = hstep(sh, if up { 'X' } else { 'x' } as u32);
            for _ in 0..rest.len().min(if up { 2 } else { 1 }) {
                sh = hstep(sh, 'x' as u32);
            }
            flags |= F_HAS_ALPHA;
            if up {
                flags |= F_HAS_UPPER | F_UPPER_FIRST;
                if rest.is_empty() {
                    flags |= F_ALL_UPPER;
                }
            }
            return Tok { start, end, flags, lower: h, shape: sh, gaz: 0, clus: 0, stem: 0 };
        }
    }
    make_tok_general(text, start, end, newline)
}

/// [`make_tok`] for any token, character by character.
fn make_tok_general(text: &str, start: usize, end: usize, newline: bool) -> Tok {
    let s = &text[start..end];
    let mut flags = 0u16;
    if newline {
        flags |= F_NEWLINE_BEFORE;
    }
    let mut h: u64 = 0xcbf29ce484222325;
    let mut sh: u64 = 0x9e3779b97f4a7c15;
    let mut last_cls = 0u32;
    let mut run = 0;
    let mut n_alpha = 0;
    let mut n_upper = 0;
    let mut first = true;
    if s.is_ascii() {
        for &c in s.as_bytes() {
            h = hstep(h, c.to_ascii_lowercase() as u32);
            let cls = if c.is_ascii_uppercase() {
                n_upper += 1;
                flags |= F_HAS_UPPER;
                if first {
                    flags |= F_UPPER_FIRST;
                }
                'X' as u32
            } else if c.is_ascii_lowercase() {
                'x' as u32
            } else if c.is_ascii_digit() {
                'd' as u32
            } else {
                c as u32
            };
            if cls == 'X' as u32 || cls == 'x' as u32 {
                n_alpha += 1;
            } else if cls == 'd' as u32 {
                flags |= F_HAS_DIGIT;
            }
            if cls == last_cls {
                run += 1;
            } else {
                run = 1;
            }
            if run <= 2 {
                sh = hstep(sh, cls);
            }
            last_cls = cls;
            first = false;
        }
    } else {
    for c in s.chars() {
        if c.is_ascii() {
            let lc = c.to_ascii_lowercase();
            h = hstep(h, lc as u32);
        } else {
            for l in c.to_lowercase() {
                h = hstep(h, l as u32);
            }
        }
        let cls = char_class(c);
        if cls == 'X' as u32 {
            n_upper += 1;
            flags |= F_HAS_UPPER;
            if first {
                flags |= F_UPPER_FIRST;
            }
        }
        if c.is_alphabetic() {
            n_alpha += 1;
        } else if c.is_numeric() {
            flags |= F_HAS_DIGIT;
        }
        if cls == last_cls {
            run += 1;
        } else {
            run = 1;
        }
        if run <= 2 {
            sh = hstep(sh, cls);
        }
        last_cls = cls;
        first = false;
    }
    }
    if n_alpha > 0 {
        flags |= F_HAS_ALPHA;
        if n_upper == n_alpha {
            flags |= F_ALL_UPPER;
        }
    }
    Tok { start, end, flags, lower: h, shape: sh, gaz: 0, clus: 0, stem: 0 }
}

fn mark_sentences(text: &str, toks: &mut [Tok]) {
    // sentence starts + ALL-CAPS lines (headlines)
    let n = toks.len();
    let mut i = 0;
    while i < n {
        // line [i, j)
        let mut j = i + 1;
        while j < n && toks[j].flags & F_NEWLINE_BEFORE == 0 {
            j += 1;
        }
        let (mut alpha, mut caps) = (0, 0);
        for t in &toks[i..j] {
            if t.flags & F_HAS_ALPHA != 0 && t.end - t.start > 1 {
                alpha += 1;
                if t.flags & F_ALL_UPPER != 0 {
                    caps += 1;
                }
            }
        }
        let caps_line = alpha >= 2 && caps * 10 >= alpha * 7;
        let mut sent_start = true;
        for k in i..j {
            if caps_line {
                toks[k].flags |= F_CAPS_LINE;
            }
            let s = &text[toks[k].start..toks[k].end];
            let is_quote = matches!(s, "\"" | "\u{201c}" | "\u{201d}" | "'" | "\u{2018}" | "(" | "-" | "\u{2014}");
            if sent_start && !is_quote {
                toks[k].flags |= F_SENT_START;
                sent_start = false;
            }
            if matches!(s, "." | "!" | "?" | ":" | ";") {
                sent_start = true;
            }
        }
        i = j;
    }
}

// ---------------------------------------------------------------- features

#[inline]
fn fk(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(0x9E3779B97F4A7C15) ^ a)
}
#[inline]
fn fk2(t: u64, a: u64, b: u64) -> u64 {
    mix(fk(t, a) ^ b.rotate_left(17))
}

/// Per-document state for the non-local "what did we call this word before" feature.
#[derive(Default)]
pub struct DocMemory {
    pub seen: FastMap<u8>,
    /// The same by stem (`Tok::stem`; multilingual tokens only).
    pub seen_stem: FastMap<u8>,
}

impl DocMemory {
    /// Remember what a capitalised token was called.
    #[inline]
    pub fn remember(&mut self, t: &Tok, label: u8) {
        self.seen.insert(t.lower, label_type(label));
        if t.stem != 0 {
            self.seen_stem.insert(t.stem, label_type(label));
        }
    }
}

const BOS: u64 = 0x1111;
const EOS: u64 = 0x2222;

/// Extract feature keys for token `i` (word-only features first, then the contextual ones).
pub fn features(text: &str, toks: &[Tok], i: usize, prev: u8, prev2: u8, mem: &DocMemory, buf: &mut Vec<char>, out: &mut Vec<u64>) {
    out.clear();
    word_features(text, &toks[i], buf, out);
    context_features(toks, i, prev, prev2, mem, out);
}

/// Features that depend only on the token itself (its text, shape and gazetteer bits): their summed
/// weights are cached per word by `tag`.
pub fn word_features(text: &str, t: &Tok, buf: &mut Vec<char>, out: &mut Vec<u64>) {
    let w0 = t.lower;
    let s0 = t.shape;
    out.push(fk(0, 0));
    out.push(fk(1, w0));
    out.push(fk(2, s0));
    out.push(fk2(3, w0, s0));
    // affixes
    buf.clear();
    let word = &text[t.start..t.end];
    if word.is_ascii() {
        buf.extend(word.bytes().map(|c| c.to_ascii_lowercase() as char));
    } else {
        for c in word.chars() {
            for l in c.to_lowercase() {
                buf.push(l);
            }
        }
    }
    let n = buf.len();
    let mut h: u64 = 7;
    for k in 0..n.min(3) {
        h = hstep(h, buf[k] as u32);
        out.push(fk(4 + k as u64, h));
    }
    let mut h: u64 = 11;
    for k in 0..n.min(4) {
        h = hstep(h, buf[n - 1 - k] as u32);
        out.push(fk(8 + k as u64, h));
    }
    // the word's classes (`clusters`; 0 for a word they do not hold)
    out.push(fk(37, clusters::fine(t.clus)));
    out.push(fk(38, clusters::coarse(t.clus)));
    // a multilingual token's own features (`intl`): its shape and endings in its language, and
    // longer prefixes (the stem of an inflected name)
    let lang = t.gaz >> LANG_SHIFT;
    if lang != 0 {
        let lang = lang as u64;
        out.push(fk2(50, lang, s0));
        let mut h: u64 = 13;
        for k in 0..n.min(4) {
            h = hstep(h, buf[n - 1 - k] as u32);
            if k >= 1 {
                out.push(fk2(51 + k as u64, lang, h));
            }
        }
        let mut h: u64 = 7;
        for k in 0..n.min(6) {
            h = hstep(h, buf[k] as u32);
            if k >= 3 && k + 1 < n {
                out.push(fk(56 + k as u64, h));
            }
        }
        // the gazetteer's bits in the language: a German capital is a noun's until a list
        // knows the word, so a listed word weighs more there than where capitals mark names
        let mut bits = t.gaz & ((1 << LANG_SHIFT) - 1);
        while bits != 0 {
            let b = bits.trailing_zeros() as u64;
            out.push(fk2(71, lang, b));
            bits &= bits - 1;
        }
    }
    let g = t.gaz as u64;
    if g != 0 {
        let mut bits = g;
        while bits != 0 {
            let b = bits.trailing_zeros() as u64;
            out.push(fk(24, b));
            out.push(fk2(25, b, s0));
            bits &= bits - 1;
        }
    }
}

/// Features that depend on neighbours, previous labels and the document memory.
pub fn context_features(toks: &[Tok], i: usize, prev: u8, prev2: u8, mem: &DocMemory, out: &mut Vec<u64>) {
    neighbour_features(toks, i, out);
    label_features(toks, i, prev, prev2, mem, out);
}

/// Features that depend on the previous labels and the document memory (the rest of the context
/// features does not depend on tagging decisions, so `tag` sums those ahead of time).
#[inline]
pub fn label_features(toks: &[Tok], i: usize, prev: u8, prev2: u8, mem: &DocMemory, out: &mut Vec<u64>) {
    let t = &toks[i];
    let w0 = t.lower;
    let s0 = t.shape;
    out.push(fk(20, prev as u64));
    out.push(fk2(21, prev as u64, prev2 as u64));
    out.push(fk2(22, prev as u64, w0));
    out.push(fk2(23, prev as u64, s0));
    label_mem_features(t, prev, mem, out);
}

#[inline]
fn label_mem_features(t: &Tok, prev: u8, mem: &DocMemory, out: &mut Vec<u64>) {
    if let Some(&m) = mem.seen.get(&t.lower) {
        out.push(fk(31, m as u64));
        out.push(fk2(32, m as u64, prev as u64));
    }
    if t.stem != 0 {
        if let Some(&m) = mem.seen_stem.get(&t.stem) {
            out.push(fk(46, m as u64));
            out.push(fk2(47, m as u64, prev as u64));
        }
    }
}

/// Context features that depend only on the neighbouring tokens.
pub fn neighbour_features(toks: &[Tok], i: usize, out: &mut Vec<u64>) {
    let t = &toks[i];
    let w0 = t.lower;
    let s0 = t.shape;
    let wl = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 { BOS } else if j as usize >= toks.len() { EOS } else { toks[j as usize].lower }
    };
    let sl = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 { BOS } else if j as usize >= toks.len() { EOS } else { toks[j as usize].shape }
    };
    let gl = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 || j as usize >= toks.len() { 0xffff } else { toks[j as usize].gaz as u64 }
    };
    let wm1 = wl(-1);
    let wp1 = wl(1);
    let sm1 = sl(-1);
    let sp1 = sl(1);
    out.push(fk(12, wm1));
    out.push(fk(13, wp1));
    out.push(fk(14, wl(-2)));
    out.push(fk(15, wl(2)));
    out.push(fk2(16, sm1, s0));
    out.push(fk2(17, s0, sp1));
    out.push(fk2(18, wm1, w0));
    out.push(fk2(19, w0, wp1));
    out.push(fk2(26, gl(-1), gl(1)));
    out.push(fk(27, gl(-1)));
    out.push(fk(28, gl(1)));
    let f = t.flags as u64 & (F_SENT_START | F_CAPS_LINE | F_NEWLINE_BEFORE) as u64;
    out.push(fk2(29, f, s0));
    out.push(fk2(30, f, w0));
    out.push(fk(33, sm1));
    out.push(fk(34, sp1));
    out.push(fk2(35, wm1, s0));
    out.push(fk2(36, sl(-2), sm1));
    // the neighbours' classes: fine and coarse one word away, coarse two away (chosen on
    // CoNLL train folds; the classes' pairs with the word's own and its shape's did not hold)
    let cl = |k: isize| -> u32 {
        let j = i as isize + k;
        if j < 0 || j as usize >= toks.len() { 0xffff_ffff } else { toks[j as usize].clus }
    };
    let (cm1, cp1) = (cl(-1), cl(1));
    out.push(fk(40, clusters::fine(cm1)));
    out.push(fk(41, clusters::fine(cp1)));
    out.push(fk(42, clusters::coarse(cm1)));
    out.push(fk(43, clusters::coarse(cp1)));
    out.push(fk(44, clusters::coarse(cl(-2))));
    out.push(fk(45, clusters::coarse(cl(2))));
    // a multilingual token's neighbours in its language (`intl`)
    let lang = t.gaz >> LANG_SHIFT;
    if lang != 0 {
        let lang = lang as u64;
        out.push(fk2(64, lang, wm1));
        out.push(fk2(65, lang, wp1));
        out.push(fk2(66, lang ^ sm1.rotate_left(9), s0));
        out.push(fk2(67, lang ^ (f << 20), s0));
        // the two words before and the two after as pairs, and the word before with the shape
        out.push(fk2(68, lang, wl(-2) ^ wm1.rotate_left(13)));
        out.push(fk2(69, lang, wp1 ^ wl(2).rotate_left(13)));
        out.push(fk2(70, lang ^ s0.rotate_left(7), wm1));
    }
}

/// The gazetteer bits from this one up carry the language of a multilingual token
/// (`intl::tokens`); an English token has none, so the features read from them (the word's
/// shape, endings and neighbours in its language, longer prefixes, the memory by stem) leave
/// the English model's features, weights and speed as they were.
pub const LANG_SHIFT: u32 = 20;

/// Whether a token is scored by the model; others are O (lowercase tokens outside entities).
#[inline]
pub fn needs_scoring(t: &Tok, prev: u8, text: &str) -> bool {
    if t.flags & F_HAS_UPPER != 0 {
        return true;
    }
    if prev != 0 {
        return true;
    }
    // opening parenthesis of "(Donald) Trump" / "(Recep Tayyip Erdoğan)" etc. is O anyway
    let _ = text;
    false
}

#[inline]
pub fn allowed(prev: u8, l: u8) -> bool {
    if is_inside(l) {
        prev == l || prev == l - 1
    } else {
        true
    }
}

// ---------------------------------------------------------------- runtime model

/// One feature row: 32-bit key, 9 weights as i8 scaled by a per-row power of two (16 bytes, never straddles
/// a cache line). Four slots make a 64-byte bucket; a feature lives in bucket `mix(key)` or, if that one is
/// full, in the next non-full bucket (linear probing over buckets, rare at the load we use).
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    w: [i8; NL],
    shift: u8,
    _pad: [u8; 2],
}

const EMPTY: Slot = Slot { key: 0, w: [0; NL], shift: 0, _pad: [0; 2] };
const BW: usize = 4;

#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Bucket([Slot; BW]);

pub struct Model {
    buckets: Vec<Bucket>,
    mask: usize,
}

#[inline]
fn bucket_of(key: u32) -> usize {
    mix(key as u64) as usize
}

/// i16 row -> (i8 row, shift) with w16 ~= w8 << shift.
fn quantize_row(row: &[i16; NL]) -> ([i8; NL], u8) {
    let m = row.iter().map(|&v| (v as i32).abs()).max().unwrap_or(0);
    let mut shift = 0u8;
    while ((m + ((1 << shift) >> 1)) >> shift) > 127 {
        shift += 1;
    }
    let mut w = [0i8; NL];
    for l in 0..NL {
        let v = row[l] as i32;
        let half = (1 << shift) >> 1;
        let q = if v >= 0 { (v + half) >> shift } else { -((-v + half) >> shift) };
        w[l] = q.clamp(-127, 127) as i8;
    }
    (w, shift)
}

impl Model {
    pub fn from_bytes(b: &[u8]) -> Model {
        // format: magic "NER1", u32 count, then count * (u32 key, NL * i16 LE)
        if b.len() < 8 || &b[0..4] != b"NER1" {
            return Model { buckets: vec![Bucket([EMPTY; BW]); 1], mask: 0 };
        }
        let cnt = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        let mut nb = 1usize;
        // load factor <= 0.75
        while nb * BW * 3 < cnt * 4 + 4 {
            nb *= 2;
        }
        let mut buckets = vec![Bucket([EMPTY; BW]); nb];
        let rec = 4 + 2 * NL;
        for r in 0..cnt {
            let o = 8 + r * rec;
            if o + rec > b.len() {
                break;
            }
            let key = u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
            let mut row = [0i16; NL];
            for (l, v) in row.iter_mut().enumerate() {
                *v = i16::from_le_bytes([b[o + 4 + 2 * l], b[o + 5 + 2 * l]]);
            }
            let (w, shift) = quantize_row(&row);
            let mut p = bucket_of(key) & (nb - 1);
            'place: loop {
                for s in buckets[p].0.iter_mut() {
                    if s.key == 0 {
                        *s = Slot { key, w, shift, _pad: [0; 2] };
                        break 'place;
                    }
                }
                p = (p + 1) & (nb - 1);
            }
        }
        Model { buckets, mask: nb - 1 }
    }

    #[inline]
    fn add_at(&self, key: u32, mut p: usize, acc: &mut [i32; NL]) {
        loop {
            let b = &self.buckets[p].0;
            for sl in b.iter() {
                if sl.key == key {
                    let sh = sl.shift as u32;
                    for l in 0..NL {
                        acc[l] += (sl.w[l] as i32) << sh;
                    }
                    return;
                }
            }
            if b[BW - 1].key == 0 {
                return;
            }
            p = (p + 1) & self.mask;
        }
    }

    #[inline]
    pub fn add(&self, key64: u64, acc: &mut [i32; NL]) {
        let key = key32(key64);
        self.add_at(key, bucket_of(key) & self.mask, acc);
    }

    /// Sum the rows of all features, prefetching every bucket first so the cache misses overlap.
    #[inline]
    pub fn score(&self, feats: &[u64], acc: &mut [i32; NL]) {
        let mut pos = [0usize; 64];
        let n = feats.len().min(64);
        for (k, &f) in feats[..n].iter().enumerate() {
            let p = bucket_of(key32(f)) & self.mask;
            pos[k] = p;
            #[cfg(target_arch = "x86_64")]
            // SAFETY: prefetch is only a hint; the pointer is in bounds of `buckets`.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch(self.buckets.as_ptr().add(p) as *const i8, _MM_HINT_T0);
            }
        }
        for k in 0..n {
            self.add_at(key32(feats[k]), pos[k], acc);
        }
        for &f in &feats[n..] {
            self.add(f, acc);
        }
    }

    /// Prefetch the buckets of all features.
    #[inline]
    pub fn prefetch(&self, feats: &[u64]) {
        #[cfg(target_arch = "x86_64")]
        for &f in feats {
            let p = bucket_of(key32(f)) & self.mask;
            // SAFETY: prefetch is only a hint; the pointer is in bounds of `buckets`.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch(self.buckets.as_ptr().add(p) as *const i8, _MM_HINT_T0);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.buckets.iter().flat_map(|b| b.0.iter()).filter(|s| s.key != 0).count()
    }
}

#[inline]
pub fn key32(k: u64) -> u32 {
    let v = (k >> 32) as u32;
    if v == 0 { 1 } else { v }
}

static MODEL: OnceLock<Model> = OnceLock::new();
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/entities/ner_model.bin");

pub fn model() -> &'static Model {
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES))
}

/// Per-thread cache of the summed weights of a word's `word_features` (direct-mapped, keyed by the full
/// 64-bit word key; the model is a process-wide constant, so entries never go stale).
const WC_BITS: u32 = 12;
#[derive(Clone, Copy)]
struct WcEntry {
    key: u64,
    acc: [i32; NL],
}
thread_local! {
    static WORD_CACHE: std::cell::RefCell<Vec<WcEntry>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[inline]
fn word_key(t: &Tok) -> u64 {
    let k = mix(t.lower ^ t.shape.rotate_left(21) ^ ((t.gaz as u64) << 40).rotate_left(7));
    if k == 0 { 1 } else { k }
}

/// Tag tokens (gazetteer flags must already be set). Returns one label per token.
pub fn tag(text: &str, toks: &[Tok], m: &Model) -> Vec<u8> {
    let is_global = std::ptr::eq(m, model());
    if is_global {
        WORD_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_empty() {
                *c = vec![WcEntry { key: 0, acc: [0; NL] }; 1 << WC_BITS];
            }
            tag_inner(text, toks, m, Some(&mut c[..]))
        })
    } else {
        tag_inner(text, toks, m, None)
    }
}

/// Summed weights of the word-only features of `t`, through the per-word cache when there is one.
#[inline]
fn word_score(text: &str, t: &Tok, m: &Model, cache: &mut Option<&mut [WcEntry]>, buf: &mut Vec<char>, feats: &mut Vec<u64>) -> [i32; NL] {
    let mut acc = [0i32; NL];
    feats.clear();
    match cache.as_deref_mut() {
        Some(c) => {
            let wk = word_key(t);
            let e = &mut c[(wk >> (64 - WC_BITS)) as usize];
            if e.key == wk {
                acc = e.acc;
            } else {
                word_features(text, t, buf, feats);
                m.score(feats, &mut acc);
                *e = WcEntry { key: wk, acc };
            }
        }
        None => {
            word_features(text, t, buf, feats);
            m.score(feats, &mut acc);
        }
    }
    feats.clear();
    acc
}

const BATCH: usize = 6;

fn tag_inner(text: &str, toks: &[Tok], m: &Model, mut cache: Option<&mut [WcEntry]>) -> Vec<u8> {
    let n = toks.len();
    let mut labels = vec![0u8; n];
    let mut mem = DocMemory::default();
    let mut buf = Vec::with_capacity(32);
    let mut feats = Vec::with_capacity(64);
    // Pass 1: for every capitalised token (always scored), the label-independent part of the score:
    // word features + neighbour features. No dependencies between tokens, so the look-ups of a batch
    // of tokens are prefetched together and their cache misses overlap.
    // (both read only at capitalised tokens, and written there before: kept per thread and never
    // cleared, as zeroing two rows per token of every text cost 2% of all layers under callgrind)
    let mut scratch = PARTS.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if scratch.0.len() < n {
        scratch.0.resize(n, [0; NL]);
        scratch.1.resize(n, [0; NL]);
    }
    let (part, part0) = (&mut scratch.0[..n], &mut scratch.1[..n]);
    // the word-specific label features (22, 23) for the common case prev = O, summed ahead as well
    let mut bfeats: Vec<u64> = Vec::with_capacity(BATCH * 24);
    let mut bidx = [0usize; BATCH];
    let mut bend = [0usize; BATCH];
    let mut nb = 0;
    let mut i = 0;
    while i <= n {
        if i < n && toks[i].flags & F_HAS_UPPER != 0 {
            part[i] = word_score(text, &toks[i], m, &mut cache, &mut buf, &mut feats);
            part0[i] = [0; NL];
            neighbour_features(toks, i, &mut bfeats);
            bfeats.push(fk2(22, 0, toks[i].lower));
            bfeats.push(fk2(23, 0, toks[i].shape));
            bidx[nb] = i;
            bend[nb] = bfeats.len();
            nb += 1;
        }
        if nb == BATCH || (i == n && nb > 0) {
            m.prefetch(&bfeats);
            let mut s = 0;
            for k in 0..nb {
                let acc = &mut part[bidx[k]];
                let e = bend[k] - 2;
                for &f in &bfeats[s..e] {
                    m.add(f, acc);
                }
                let acc0 = &mut part0[bidx[k]];
                m.add(bfeats[e], acc0);
                m.add(bfeats[e + 1], acc0);
                s = bend[k];
            }
            bfeats.clear();
            nb = 0;
        }
        i += 1;
    }
    // Pass 2: greedy left-to-right decoding with the label-dependent features.
    let (mut prev, mut prev2) = (0u8, 0u8);
    for i in 0..n {
        let l = if needs_scoring(&toks[i], prev, text) {
            let mut acc;
            feats.clear();
            if toks[i].flags & F_HAS_UPPER != 0 {
                acc = part[i];
                if prev == 0 {
                    let p0 = &part0[i];
                    for l in 0..NL {
                        acc[l] += p0[l];
                    }
                    feats.push(fk(20, 0));
                    feats.push(fk2(21, 0, prev2 as u64));
                    label_mem_features(&toks[i], prev, &mem, &mut feats);
                } else {
                    label_features(toks, i, prev, prev2, &mem, &mut feats);
                }
            } else {
                acc = word_score(text, &toks[i], m, &mut cache, &mut buf, &mut feats);
                neighbour_features(toks, i, &mut feats);
                label_features(toks, i, prev, prev2, &mem, &mut feats);
            }
            m.score(&feats, &mut acc);
            let mut best = 0u8;
            let mut bs = i32::MIN;
            for l in 0..NL as u8 {
                if allowed(prev, l) && acc[l as usize] > bs {
                    bs = acc[l as usize];
                    best = l;
                }
            }
            if best != 0 && toks[i].flags & F_HAS_UPPER != 0 {
                mem.remember(&toks[i], best);
            }
            best
        } else {
            0
        };
        labels[i] = l;
        prev2 = prev;
        prev = l;
    }
    PARTS.with(|p| *p.borrow_mut() = scratch);
    labels
}

thread_local! {
    /// `tag_inner`'s per-token partial scores, reused from text to text.
    static PARTS: std::cell::RefCell<(Vec<[i32; NL]>, Vec<[i32; NL]>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

// ---------------------------------------------------------------- training

pub struct Trainer {
    pub index: FastMap<usize>,
    pub w: Vec<[f32; NL]>,
    pub u: Vec<[f32; NL]>,
    pub c: f32,
    /// Feature dropout: the share of a token's features left out of each training step
    /// (0: none), so no one feature carries a decision alone.
    pub dropout: f32,
    rng: u64,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer { index: FastMap::default(), w: Vec::new(), u: Vec::new(), c: 1.0, dropout: 0.0, rng: 0x853c49e6748fea9b }
    }
}

impl Trainer {
    /// A trainer with feature dropout (`dropout`: the share of features left out of each step).
    pub fn with_dropout(dropout: f32) -> Self {
        Trainer { dropout, ..Default::default() }
    }

    fn score(&self, feats: &[u64]) -> [f32; NL] {
        let mut acc = [0f32; NL];
        for f in feats {
            if let Some(&ix) = self.index.get(&(key32(*f) as u64)) {
                for l in 0..NL {
                    acc[l] += self.w[ix][l];
                }
            }
        }
        acc
    }
    fn update(&mut self, feats: &[u64], gold: u8, guess: u8) {
        let c = self.c;
        for f in feats {
            let k = key32(*f) as u64;
            let ix = match self.index.get(&k) {
                Some(&ix) => ix,
                None => {
                    let ix = self.w.len();
                    self.index.insert(k, ix);
                    self.w.push([0.0; NL]);
                    self.u.push([0.0; NL]);
                    ix
                }
            };
            self.w[ix][gold as usize] += 1.0;
            self.u[ix][gold as usize] += c;
            self.w[ix][guess as usize] -= 1.0;
            self.u[ix][guess as usize] -= c;
        }
    }

    /// One training pass over a document; returns (#tokens scored, #errors).
    pub fn train_doc(&mut self, text: &str, toks: &[Tok], gold: &[u8]) -> (usize, usize) {
        let mut mem = DocMemory::default();
        let mut buf = Vec::new();
        let mut feats = Vec::new();
        let (mut prev, mut prev2) = (0u8, 0u8);
        let (mut n, mut err) = (0, 0);
        for i in 0..toks.len() {
            let l = if needs_scoring(&toks[i], prev, text) {
                features(text, toks, i, prev, prev2, &mem, &mut buf, &mut feats);
                if self.dropout > 0.0 {
                    let cut = (self.dropout.clamp(0.0, 1.0) as f64 * u32::MAX as f64) as u32;
                    let rng = &mut self.rng;
                    feats.retain(|_| {
                        *rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        ((*rng >> 32) as u32) >= cut
                    });
                }
                let acc = self.score(&feats);
                let mut best = 0u8;
                let mut bs = f32::MIN;
                for l in 0..NL as u8 {
                    if allowed(prev, l) && acc[l as usize] > bs {
                        bs = acc[l as usize];
                        best = l;
                    }
                }
                n += 1;
                let g = if allowed(prev, gold[i]) { gold[i] } else { gold[i] - 1 };
                if best != g {
                    err += 1;
                    self.update(&feats, g, best);
                }
                self.c += 1.0;
                // continue with the gold history (teacher forcing) half of the time would be an option;
                // we follow the prediction, as at run time.
                if best != 0 && toks[i].flags & F_HAS_UPPER != 0 {
                    mem.remember(&toks[i], best);
                }
                best
            } else {
                0
            };
            prev2 = prev;
            prev = l;
        }
        (n, err)
    }

    /// Averaged weights, quantised and pruned, serialised in the `Model::from_bytes` format.
    pub fn export(&self, min_abs: f32) -> (Vec<u8>, usize) {
        let mut rows = FastMap::default();
        self.add_averaged(1.0, &mut rows);
        export_rows(&rows, min_abs)
    }

    /// Start the feature dropout's random numbers from `seed` (another member of an ensemble).
    pub fn reseed(&mut self, seed: u64) {
        self.rng = seed;
    }

    /// Add the averaged weights, times `scale`, to `rows` (by feature key): summed over several
    /// trainers, the weights of an ensemble that votes by summed scores.
    pub fn add_averaged(&self, scale: f32, rows: &mut FastMap<[f32; NL]>) {
        let c = self.c;
        for (&k, &ix) in &self.index {
            let row = rows.entry(k).or_insert([0.0; NL]);
            for l in 0..NL {
                row[l] += scale * (self.w[ix][l] - self.u[ix][l] / c);
            }
        }
    }
}

/// The `Model::from_bytes` format of weight rows by feature key ([`Trainer::add_averaged`]),
/// rows whose weights all stay under `min_abs` dropped; with the number of rows kept.
pub fn export_rows(rows: &FastMap<[f32; NL]>, min_abs: f32) -> (Vec<u8>, usize) {
    let mut entries: Vec<(u32, [f32; NL])> = Vec::new();
    let mut maxabs = 0f32;
    for (&k, row) in rows {
        let m = row.iter().fold(0f32, |m, x| m.max(x.abs()));
        if m >= min_abs {
            maxabs = maxabs.max(m);
            entries.push((k as u32, *row));
        }
    }
    entries.sort_by_key(|e| e.0);
    let scale = 32000.0 / maxabs.max(1e-6);
    let mut out = Vec::with_capacity(8 + entries.len() * (4 + 2 * NL));
    out.extend_from_slice(b"NER1");
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (k, row) in &entries {
        out.extend_from_slice(&k.to_le_bytes());
        for l in 0..NL {
            let q = (row[l] * scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
    }
    (out, entries.len())
}

#[cfg(test)]
mod plain_word_tests {
    use super::*;

    /// The plain-name shortcut gives the spans and hashes the tokeniser and its joins give.
    #[test]
    fn plain_names_split_as_the_tokeniser_splits_them() {
        let names = ["New York", "Kyiv", "Port au Prince", "3M", "Area 51", "U2 and B52 Bombers", " Leading", "Trailing ", "Two  Spaces", "", "MOSCOW", "a b c"];
        for name in names {
            assert_eq!(plain_words(name), Some(token_spans_joined(name)), "{name:?}");
            let slow: Vec<(usize, usize, u64)> = tokenize(name).into_iter().map(|t| (t.start, t.end, t.lower)).collect();
            assert_eq!(lower_hashes(name), slow, "{name:?}");
        }
        // anything else goes through the tokeniser
        for name in ["St. Petersburg", "Winston-Salem", "O'Brien", "AT&T", "Zürich", "U.S."] {
            assert_eq!(plain_words(name), None, "{name:?}");
            assert_eq!(token_spans(name), token_spans_joined(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_hash_lower_as_chars_do() {
        let by_chars = |s: &str| s.chars().flat_map(char::to_lowercase).fold(0xcbf29ce484222325u64, |h, c| hstep(h, c as u32));
        for w in ["Kyiv", "ZELENSKY", "u.s.", "AT&T", "New York", "O'Brien", "", "Erdoğan", "İstanbul", "ΣΟΦΙΑ"] {
            assert_eq!(hash_lower_str(w), by_chars(w), "{w:?}");
        }
        assert_eq!(hash_lower_str("Paris"), hash_lower_str("paris"));
    }

    #[test]
    fn plain_words_hash_as_the_general_loop_does() {
        let text = "a A ab Ab abc Abc Kyiv president Zelenskyy I x Xy ABC aB 3 U.S. don't Erdoğan é";
        for t in crate::text::Tokens::new(text).toks {
            for nl in [false, true] {
                let (a, b) = (make_tok(text, t.start as usize, t.end as usize, nl), make_tok_general(text, t.start as usize, t.end as usize, nl));
                assert_eq!((a.flags, a.lower, a.shape), (b.flags, b.lower, b.shape), "{:?}", &text[t.start as usize..t.end as usize]);
            }
        }
    }
}

//! The one tokeniser: a text becomes a sequence of tokens with byte offsets, each with a
//! normalised form (lower case, typographic apostrophes and dashes made plain) kept in one
//! arena, so stages compare words without allocating.
//!
//! Tokens are the smallest units every stage agrees on: a maximal run of letters and digits
//! (with combining marks), or one other visible character. "U.S." is four tokens (`U . S .`),
//! "1,200" three, "three-year" three, "Putin's" three (`Putin ’ s`). Stages that want larger
//! words join adjacent tokens with [`Tokens::words`] or by their own rules (the entity
//! tagger's `tokens_from`, quotes' `tokens_from`, the clusterer's `features::words`); the
//! sentence segmenter reads the tokens and the whitespace between them ([`SPACE_BEFORE`],
//! [`NEWLINE_BEFORE`], [`PARA_BEFORE`]). [`MARKS`] tells a word holding a combining mark, which
//! the entity tagger (trained on letter-and-digit runs alone) cuts there: with the flag it
//! need not scan every word's characters again.
//!
//! Written here rather than taken from `unicode-segmentation`: the stages need the
//! whitespace flags, the numeric value of digit runs and the normalised arena in the same
//! pass, and the word-boundary rules of UAX #29 keep "U.S" and "3.5" whole in ways each
//! stage would then have to undo. One pass over the bytes, ASCII fast path: see
//! `cargo bench --bench extract` (`tokens`).

use crate::model::Span;

/// Whitespace (any) between the previous token and this one.
pub const SPACE_BEFORE: u16 = 1;
/// A line break between the previous token and this one.
pub const NEWLINE_BEFORE: u16 = 2;
/// A blank line (a paragraph break) between the previous token and this one.
pub const PARA_BEFORE: u16 = 4;
/// Starts with a letter.
pub const ALPHA: u16 = 8;
/// Only ASCII digits.
pub const DIGITS: u16 = 16;
/// Starts with an upper-case letter.
pub const UPPER_FIRST: u16 = 32;
/// Has letters, all upper case ("NATO", "KYIV"; "I" too).
pub const ALL_UPPER: u16 = 64;
/// Contains a digit.
pub const HAS_DIGIT: u16 = 128;
/// A letter-and-digit run (not one punctuation or symbol character).
pub const WORD: u16 = 256;
/// A word with a combining mark after its first character ("e\u{301}"): stages trained on
/// letter-and-digit runs alone cut it there (the entity tagger).
pub const MARKS: u16 = 512;

/// One token: a byte span into the text and its flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub flags: u16,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    #[inline]
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
    #[inline]
    pub fn is_word(&self) -> bool {
        self.has(WORD)
    }
    /// No whitespace between the previous token and this one.
    #[inline]
    pub fn attached(&self) -> bool {
        !self.has(SPACE_BEFORE)
    }
}

/// The tokens of one text, with their normalised forms.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub toks: Vec<Token>,
    /// Normalised forms, concatenated; token `i`'s is `norm[at[i]..at[i + 1]]`.
    norm: String,
    at: Vec<u32>,
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The normalised form of a one-character token: curly quotes and apostrophes as the plain
/// ones, every dash as `-`.
fn norm_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

impl Tokens {
    /// Tokenise `text`. Linear in its length; never fails.
    pub fn new(text: &str) -> Tokens {
        // u32 offsets: texts over 4 GiB are refused long before this (sources cap them).
        debug_assert!(text.len() < u32::MAX as usize);
        let b = text.as_bytes();
        let n = b.len();
        let mut toks = Vec::with_capacity(n / 5 + 1);
        let mut norm = String::with_capacity(n + 8);
        let mut at = Vec::with_capacity(n / 5 + 2);
        let mut gap: u16 = 0;
        let mut newlines = 0u32;
        let mut i = 0usize;
        while i < n {
            let c0 = b[i];
            // whitespace
            if c0 < 0x80 {
                if c0 == b'\n' {
                    newlines += 1;
                    gap |= SPACE_BEFORE | NEWLINE_BEFORE;
                    if newlines >= 2 {
                        gap |= PARA_BEFORE;
                    }
                    i += 1;
                    continue;
                }
                if c0 == b' ' || c0 == b'\t' || c0 == b'\r' || c0 == 0x0b || c0 == 0x0c {
                    gap |= SPACE_BEFORE;
                    i += 1;
                    continue;
                }
            }
            let c = if c0 < 0x80 { c0 as char } else { text[i..].chars().next().unwrap_or(' ') };
            if c0 >= 0x80 && c.is_whitespace() {
                // U+2028/2029 separate lines and paragraphs; the rest are spaces
                gap |= SPACE_BEFORE;
                if c == '\u{2029}' {
                    gap |= NEWLINE_BEFORE | PARA_BEFORE;
                } else if c == '\u{2028}' || c == '\u{85}' {
                    gap |= NEWLINE_BEFORE;
                }
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let mut flags = gap;
            gap = 0;
            newlines = 0;
            at.push(norm.len() as u32);
            if c.is_alphanumeric() {
                flags |= WORD;
                let mut has_upper = false;
                let mut has_lower = false;
                let mut all_digits = true;
                if c.is_alphabetic() {
                    flags |= ALPHA;
                    if c.is_uppercase() {
                        flags |= UPPER_FIRST;
                    }
                }
                while i < n {
                    let d0 = b[i];
                    // a run of lower-case ASCII letters, the bulk of any English text: copied
                    // to the arena as it stands (what the test below does a letter at a time)
                    if d0.is_ascii_lowercase() {
                        let s0 = i;
                        while i < n && b[i].is_ascii_lowercase() {
                            i += 1;
                        }
                        all_digits = false;
                        has_lower = true;
                        norm.push_str(&text[s0..i]);
                        continue;
                    }
                    if d0 < 0x80 {
                        if d0.is_ascii_alphanumeric() {
                            if d0.is_ascii_digit() {
                                flags |= HAS_DIGIT;
                            } else {
                                all_digits = false;
                                if d0.is_ascii_uppercase() {
                                    has_upper = true;
                                } else {
                                    has_lower = true;
                                }
                            }
                            norm.push(d0.to_ascii_lowercase() as char);
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    let d = text[i..].chars().next().unwrap_or(' ');
                    if d.is_alphanumeric() || is_combining(d) {
                        if !d.is_alphanumeric() {
                            flags |= MARKS;
                        }
                        if d.is_numeric() {
                            flags |= HAS_DIGIT;
                            if !d.is_ascii_digit() {
                                all_digits = false;
                            }
                        } else {
                            all_digits = false;
                            if d.is_uppercase() {
                                has_upper = true;
                            } else if d.is_lowercase() {
                                has_lower = true;
                            }
                        }
                        match d {
                            // Turkish: İ and ı as i, so that İstanbul, Istanbul and ISTANBUL
                            // (and KIRMIZI, kırmızı) compare alike ('İ'.to_lowercase() is i
                            // and a combining dot)
                            'İ' | 'ı' => norm.push('i'),
                            d => norm.extend(d.to_lowercase()),
                        }
                        i += d.len_utf8();
                    } else {
                        break;
                    }
                }
                if all_digits {
                    flags |= DIGITS;
                }
                if has_upper && !has_lower {
                    flags |= ALL_UPPER;
                }
            } else {
                norm.push(norm_punct(c));
                i += c.len_utf8();
            }
            toks.push(Token { start: start as u32, end: i as u32, flags });
        }
        at.push(norm.len() as u32);
        Tokens { toks, norm, at }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The normalised form of token `i` (lower case; ’ as ', dashes as -).
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        &self.norm[self.at[i] as usize..self.at[i + 1] as usize]
    }

    /// The normalised form of tokens `a..b` joined (they must be attached to each other for
    /// this to be a word: the arena has no spaces).
    #[inline]
    pub fn norm_range(&self, a: usize, b: usize) -> &str {
        &self.norm[self.at[a] as usize..self.at[b] as usize]
    }

    /// The value of a digit run of at most 18 digits.
    pub fn number(&self, i: usize) -> Option<u64> {
        let t = self.toks[i];
        if t.has(DIGITS) && t.end - t.start <= 18 { self.norm(i).parse().ok() } else { None }
    }

    /// Whether token `i` is the one-character punctuation `c` (after normalisation).
    #[inline]
    pub fn is(&self, i: usize, c: char) -> bool {
        !self.toks[i].is_word() && self.norm(i).starts_with(c) && self.norm(i).len() == c.len_utf8()
    }

    /// Words: tokens joined where the text writes one word with inner punctuation —
    /// acronyms with their dots ("U.S.", "a.m."), decimals and thousands ("6.1", "1,200"),
    /// inner hyphens ("well-known", "2025-05-11"), inner apostrophes before a letter other
    /// than a possessive s ("don't", "O'Brien"; "Putin's" stays `Putin` + `'s`), "AT&T" — as
    /// token ranges `[a, b)`. Each range's normalised form is `norm_range(a, b)`.
    pub fn words(&self, text: &str) -> Vec<(u32, u32)> {
        let t = &self.toks;
        let n = t.len();
        let mut out = Vec::with_capacity(n);
        let mut i = 0;
        while i < n {
            if !t[i].is_word() {
                // the possessive 's: an apostrophe attached on both sides to a lone s
                if i + 1 < n && self.is(i, '\'') && t[i].attached() && i > 0 && t[i - 1].is_word() && t[i + 1].attached() && self.norm(i + 1) == "s" && (i + 2 >= n || !t[i + 2].is_word() || !t[i + 2].attached()) {
                    out.push((i as u32, i as u32 + 2));
                    i += 2;
                    continue;
                }
                out.push((i as u32, i as u32 + 1));
                i += 1;
                continue;
            }
            let a = i;
            let mut j = i + 1;
            // acronym: single letters with dots (U.S., a.m., U.N.)
            let single = |k: usize| t[k].is_word() && t[k].has(ALPHA) && t[k].end - t[k].start <= 2 && text[t[k].start as usize..t[k].end as usize].chars().count() == 1;
            if single(a) && j + 1 < n && self.is(j, '.') && t[j].attached() && single(j + 1) && t[j + 1].attached() {
                while j + 1 < n && self.is(j, '.') && t[j].attached() && single(j + 1) && t[j + 1].attached() {
                    j += 2;
                }
                if j < n && self.is(j, '.') && t[j].attached() {
                    j += 1;
                }
                out.push((a as u32, j as u32));
                i = j;
                continue;
            }
            while j + 1 < n && t[j].attached() && t[j + 1].attached() && t[j + 1].is_word() && !t[j].is_word() {
                let p = self.norm(j);
                let prev_digit = t[j - 1].has(DIGITS);
                let next = t[j + 1];
                let ok = match p {
                    "-" => true,
                    "." => prev_digit && next.has(DIGITS),
                    "," => prev_digit && next.has(DIGITS) && next.end - next.start == 3,
                    "'" => next.has(ALPHA) && !(self.norm(j + 1) == "s" && (j + 2 >= n || !t[j + 2].is_word() || !t[j + 2].attached())),
                    "&" => t[j - 1].has(ALL_UPPER) && next.has(ALL_UPPER),
                    _ => false,
                };
                if !ok {
                    break;
                }
                j += 2;
            }
            out.push((a as u32, j as u32));
            i = j;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        (0..t.len()).map(|i| t.norm(i).to_string()).collect()
    }

    #[test]
    fn tokens_slice_the_text_and_normalise() {
        let text = "Erdoğan’s “talks” — 1,200 troops, U.S.\n\nKYIV";
        let t = Tokens::new(text);
        for tok in &t.toks {
            assert!(text.is_char_boundary(tok.start as usize) && text.is_char_boundary(tok.end as usize));
        }
        assert_eq!(show(text), ["erdoğan", "'", "s", "\"", "talks", "\"", "-", "1", ",", "200", "troops", ",", "u", ".", "s", ".", "kyiv"]);
        let last = t.toks.last().unwrap();
        assert!(last.has(PARA_BEFORE) && last.has(NEWLINE_BEFORE) && last.has(ALL_UPPER) && last.has(UPPER_FIRST));
        assert!(t.toks[1].attached() && !t.toks[3].attached());
        assert_eq!(t.number(7), Some(1));
    }

    #[test]
    fn words_join_what_is_written_as_one() {
        let text = "Putin's U.S. envoy met O'Brien at 10 a.m. on 2025-05-11; 6.1 quake, 1,200 dead, AT&T don't.";
        let t = Tokens::new(text);
        let w: Vec<&str> = t.words(text).iter().map(|&(a, b)| &text[t.toks[a as usize].start as usize..t.toks[b as usize - 1].end as usize]).collect();
        assert_eq!(w, ["Putin", "'s", "U.S.", "envoy", "met", "O'Brien", "at", "10", "a.m.", "on", "2025-05-11", ";", "6.1", "quake", ",", "1,200", "dead", ",", "AT&T", "don't", "."]);
    }

    #[test]
    fn cyrillic_and_turkish_letters_are_words() {
        let text = "Зеленський İstanbul'da";
        let t = Tokens::new(text);
        assert_eq!(t.len(), 4);
        assert!(t.toks[0].has(UPPER_FIRST) && t.toks[1].has(UPPER_FIRST));
        assert_eq!(t.norm(0), "зеленський");
        assert!(!t.toks.iter().any(|x| x.has(MARKS)));
        let t = Tokens::new("Caf\u{65}\u{301} cafe");
        assert_eq!(t.len(), 2);
        assert!(t.toks[0].has(MARKS) && !t.toks[1].has(MARKS));
    }
}

//! Finding the quotes: the tokens (words joined from the shared text layer) and the pairing
//! of quote marks per paragraph into quote segments.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum K {
    Word,
    Punct,
    Open,  // opening quote mark of a listed segment
    Close, // closing quote mark of a listed segment
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) k: K,
    pub(super) inq: bool,   // inside a quote segment (content) or a mark
    pub(super) nl: bool,    // a newline occurs between the previous token and this one
    pub(super) para: u32,
    /// A word whose first character is upper case (`Ctx::is_cap`, asked about the same
    /// tokens again and again by the name and attribution scans).
    pub(super) cap: bool,
    /// No ASCII capital and no byte past ASCII: the word is its own lower case (`Ctx::lw`).
    pub(super) plain: bool,
}

/// Quotes' word tokens, joined from the shared tokens (`text::Tokens`): a word keeps an inner
/// apostrophe, hyphen, dot or ampersand followed by a letter or digit ("don't", "U.S",
/// "well-known", "AT&T"); every other character is a token of its own. `para` counts the
/// line breaks before a token, `nl` tells one between it and the previous token.
///
/// Checked when quotes' own character scanner was removed: the same tokens on PolNeAR train
/// and dev, CoNLL-2003 dev and ECB+ dev (1,140,054 tokens) except in 25 texts, all mojibake
/// where a combining mark sits inside a word ("protegA\u{303}©s"): the shared tokeniser keeps
/// it in the word, the scanner cut the word there.
pub(super) fn tokens_from(text: &str, st: &crate::text::Tokens) -> Vec<Tok> {
    let b = text.as_bytes();
    let t = &st.toks;
    let n = t.len();
    let mut toks = Vec::with_capacity(n);
    let mut para: u32 = 0;
    let mut k = 0;
    while k < n {
        let mut nl = false;
        if t[k].has(crate::text::tokens::NEWLINE_BEFORE) {
            let from = if k == 0 { 0 } else { t[k - 1].end as usize };
            let lines = b[from..t[k].start as usize].iter().filter(|&&c| c == b'\n').count() as u32;
            nl = lines > 0;
            para += lines;
        }
        let s = t[k].start as usize;
        let word = t[k].is_word();
        let mut e = k + 1;
        if word {
            while e + 1 < n && t[e].attached() && t[e + 1].attached() && t[e + 1].is_word() {
                let p = &b[t[e].start as usize..t[e].end as usize];
                if !matches!(p, b"'" | b"-" | b"." | b"&") && p != "\u{2019}".as_bytes() {
                    break;
                }
                e += 2;
            }
        }
        let end = t[e - 1].end as usize;
        let cap = word && if b[s] < 0x80 { b[s].is_ascii_uppercase() } else { text[s..].chars().next().is_some_and(char::is_uppercase) };
        let plain = !b[s..end].iter().any(|&c| c.is_ascii_uppercase() || c >= 128);
        toks.push(Tok { s, e: end, k: if word { K::Word } else { K::Punct }, inq: false, nl, para, cap, plain });
        k = e;
    }
    toks
}

#[derive(Clone, Debug)]
pub(super) struct Seg {
    pub(super) open: usize,          // token index of opening mark
    pub(super) close: Option<usize>, // token index of closing mark (None: runs to paragraph end)
    pub(super) cs: usize,
    pub(super) ce: usize,
    pub(super) last_tok: usize, // last token index belonging to the segment (close mark or last content token)
}

pub(super) fn mark_of(text: &str, t: &Tok) -> Option<char> {
    if t.k != K::Punct {
        return None;
    }
    let c = text[t.s..].chars().next()?;
    match c {
        '"' | '“' | '”' | '‘' | '’' | '„' | '«' | '»' => Some(c),
        _ => None,
    }
}

pub(super) fn find_segments(text: &str, toks: &mut [Tok]) -> Vec<Seg> {
    let mut segs = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        // paragraph [i, j)
        let p = toks[i].para;
        let mut j = i;
        while j < n && toks[j].para == p {
            j += 1;
        }
        let mut open: Option<(usize, bool)> = None; // (tok, single)
        for t in i..j {
            let m = match mark_of(text, &toks[t]) {
                Some(m) => m,
                None => continue,
            };
            match (open, m) {
                (None, '"') | (None, '“') | (None, '„') | (None, '«') => open = Some((t, false)),
                (Some((_, false)), '“') | (Some((_, false)), '„') => {
                    // reopened: restart
                    open = Some((t, false));
                }
                (Some((o, false)), '"') | (Some((o, false)), '”') | (Some((o, false)), '»') => {
                    segs.push(Seg { open: o, close: Some(t), cs: toks[o].e, ce: toks[t].s, last_tok: t });
                    open = None;
                }
                (None, '‘') => {
                    // top-level single: must be at a word start
                    let prev_ok = t == i || toks[t - 1].e < toks[t].s || mark_of(text, &toks[t - 1]).is_some()
                        || matches!(&text[toks[t - 1].s..toks[t - 1].e], "(" | "[" | "—" | "–" | "-" | ":");
                    let next_ok = t + 1 < j && toks[t + 1].s == toks[t].e;
                    if prev_ok && next_ok {
                        open = Some((t, true));
                    }
                }
                (Some((o, true)), '’') => {
                    // apostrophe inside word is already part of the word token; a standalone ’ closes
                    let next_letter = t + 1 < j && toks[t + 1].s == toks[t].e && toks[t + 1].k == K::Word;
                    let prev_s = t > 0 && &text[toks[t - 1].s..toks[t - 1].e] == "s" && false;
                    if !next_letter && !prev_s {
                        segs.push(Seg { open: o, close: Some(t), cs: toks[o].e, ce: toks[t].s, last_tok: t });
                        open = None;
                    }
                }
                (Some((_, true)), '"') | (Some((_, true)), '“') => {
                    // double inside single at top level: abandon the single
                    open = if m == '“' || m == '"' { Some((t, false)) } else { None };
                }
                _ => {}
            }
        }
        if let Some((o, _)) = open {
            // open at paragraph end: keep only when next paragraph starts with a quote mark
            if j < n && mark_of(text, &toks[j]).map_or(false, |c| c == '"' || c == '“' || c == '‘') && j - 1 > o {
                let mut ce = toks[j - 1].e;
                while ce > toks[o].e && text.as_bytes()[ce - 1] == b' ' {
                    ce -= 1;
                }
                segs.push(Seg { open: o, close: None, cs: toks[o].e, ce, last_tok: j - 1 });
            }
        }
        i = j;
    }
    for s in &segs {
        toks[s.open].k = K::Open;
        toks[s.open].inq = true;
        if let Some(c) = s.close {
            toks[c].k = K::Close;
        }
        for t in s.open..=s.last_tok {
            toks[t].inq = true;
        }
    }
    segs.retain(|s| s.ce > s.cs && text[s.cs..s.ce].trim().len() > 0);
    segs
}

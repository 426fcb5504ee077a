//! Attribution: speech cues and their spans, and the patterns that tie a quote to a speaker
//! (`"…," NP said`, `NP said: "…"`, participles, `according to`, a dash attribution).

use super::*;

#[derive(Clone, Debug)]
pub(super) struct Attr {
    pub(super) speaker: Option<String>,
    pub(super) mention: Option<Span>,
    pub(super) cue: Option<Span>,
    pub(super) strong: bool, // right-adjacent attribution
}

pub(super) fn is_pron(l: &str) -> Option<u8> {
    let l = trim_poss(l);
    match l {
        "he" | "him" => Some(1),
        "she" | "her" => Some(2),
        "they" | "i" | "we" | "it" | "you" => Some(0),
        _ => None,
    }
}

pub(super) fn is_cue(ctx: &Ctx, i: usize) -> Option<bool> {
    // Some(true) finite, Some(false) participle
    if !ctx.is_word(i) || ctx.toks[i].inq {
        return None;
    }
    if ctx.is_cap(i) {
        return None; // "United States", "Says" in names
    }
    let l = ctx.lw(i);
    let l: &str = &l;
    if ctx.t.cues.contains(l) {
        return Some(true);
    }
    if ctx.t.participles.contains(l) {
        return Some(false);
    }
    None
}

pub(super) fn cue_span(ctx: &Ctx, i: usize, lim: usize) -> Span {
    // extend "wrote on X", "according to", "told reporters"
    let mut e = ctx.toks[i].e;
    if i + 2 < lim && ctx.lw(i + 1) == "on" {
        let p = ctx.lw(i + 2);
        let p: &str = &p;
        if ctx.t.platforms.contains(p) {
            e = ctx.toks[i + 2].e;
        } else if (p == "his" || p == "her" || p == "its") && i + 3 < lim && ctx.t.platforms.contains(&*ctx.lw(i + 3)) {
            e = ctx.toks[i + 3].e;
            if i + 4 < lim && ctx.lw(i + 4) == "social" {
                e = ctx.toks[i + 4].e;
            }
        }
    }
    Span { start: ctx.toks[i].s, end: e }
}

/// Subject of the clause for a participle cue at `i` ("…, saying …").
pub(super) fn participle_subject(ctx: &Ctx, i: usize, lo: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    // "with the Élysée Palace emphasising …"
    if i > lo && ctx.is_word(i - 1) && ctx.is_cap(i - 1) {
        if let Some((s, e)) = np_back(ctx, i - 1, lo) {
            if s > lo && matches!(&*ctx.lw(s - 1), "with" | "the" | "and") || s > lo && &*ctx.lw(s) == "the" {
                let (sp, span) = np_speaker(ctx, s, e, subj);
                return Some(Attr { speaker: sp, mention: Some(span), cue: Some(cue_span(ctx, i, ctx.toks.len())), strong: false });
            }
        }
    }
    // nearest finite cue before, in the same sentence
    let mut k = i;
    while k > lo {
        k -= 1;
        if let Some(true) = is_cue(ctx, k) {
            if let Some(a) = finite_subject(ctx, k, lo, subj) {
                return Some(a);
            }
        }
    }
    // first NP of the sentence: first name/pronoun outside quotes
    let si = ctx.sent_of[i] as usize;
    let (a, _) = ctx.sents[si];
    let mut x = a.max(lo);
    while x < i {
        if !ctx.toks[x].inq && ctx.is_word(x) {
            let l = ctx.lw(x);
            let l: &str = &l;
            if is_pron(&l).map_or(false, |g| g > 0) || (ctx.is_cap(x) && !ctx.t.notname.contains(l) && !l.ends_with("ing") && !l.ends_with("ly")) {
                // extend run
                let mut e = x;
                while e + 1 < i && ctx.is_cap(e + 1) && !ctx.toks[e + 1].inq {
                    e += 1;
                }
                let (sp, span) = np_speaker(ctx, x, e, subj);
                return Some(Attr { speaker: sp, mention: Some(span), cue: Some(cue_span(ctx, i, ctx.toks.len())), strong: false });
            }
        }
        x += 1;
    }
    None
}

/// Subject NP before a finite cue at `k`.
pub(super) fn finite_subject(ctx: &Ctx, k: usize, lo: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let mut j = k;
    while j > lo {
        j -= 1;
        if ctx.toks[j].inq {
            return None;
        }
        if ctx.is_word(j) {
            let l = ctx.lw(j);
            let l: &str = &l;
            if ctx.t.skip.contains(l) || (l.ends_with("ly") && l.len() > 4 && !ctx.is_cap(j)) || l == "not" {
                continue;
            }
            if let Some((s, e)) = np_back(ctx, j, lo) {
                let (sp, span) = np_speaker(ctx, s, e, subj);
                return Some(Attr { speaker: sp, mention: Some(span), cue: Some(cue_span(ctx, k, ctx.toks.len())), strong: false });
            }
            return None;
        }
        // punctuation
        let p = &ctx.text[ctx.toks[j].s..ctx.toks[j].e];
        if p == "," || p == "—" || p == "–" || p == "(" || p == ")" {
            // appositive / relative clause: "Erdoğan, who hosted …, said"
            let mut c = j;
            let mut steps = 0;
            while c > lo && steps < 30 {
                c -= 1;
                steps += 1;
                if ctx.toks[c].inq {
                    return None;
                }
                let pc = &ctx.text[ctx.toks[c].s..ctx.toks[c].e];
                if ctx.toks[c].k == K::Punct && (pc == "," || pc == "—" || pc == "–" || pc == "(") {
                    if c > lo {
                        if let Some((s, e)) = np_back(ctx, c - 1, lo) {
                            if ctx.is_cap(e) || is_pron(&ctx.lw(e)).is_some() {
                                let (sp, span) = np_speaker(ctx, s, e, subj);
                                return Some(Attr { speaker: sp, mention: Some(span), cue: Some(cue_span(ctx, k, ctx.toks.len())), strong: false });
                            }
                        }
                    }
                    return None;
                }
            }
            return None;
        }
        return None;
    }
    None
}

pub(super) fn according_to(ctx: &Ctx, i: usize, hi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    if i + 2 < hi && ctx.lw(i) == "according" && ctx.lw(i + 1) == "to" {
        if let Some((s, e)) = np_fwd(ctx, i + 2, hi) {
            let (sp, span) = np_speaker(ctx, s, e, subj);
            return Some(Attr { speaker: sp, mention: Some(span), cue: Some(Span { start: ctx.toks[i].s, end: ctx.toks[i + 1].e }), strong: false });
        }
    }
    None
}

/// Right-side attribution starting at token `st` (first token after the closing mark).
pub(super) fn right_attr(ctx: &Ctx, st: usize, hi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let mut i = st;
    while i < hi && ctx.toks[i].k == K::Punct && !ctx.toks[i].inq {
        let p = &ctx.text[ctx.toks[i].s..ctx.toks[i].e];
        if p == "," || p == "—" || p == "–" || p == "-" || p == "(" {
            i += 1;
        } else {
            break;
        }
    }
    if i >= hi || ctx.toks[i].inq || (ctx.toks[i].nl) {
        return None;
    }
    if let Some(a) = according_to(ctx, i, hi, subj) {
        return Some(a);
    }
    // inverted: said NP
    if let Some(true) = is_cue(ctx, i) {
        let mut k = i + 1;
        while k < hi && ctx.is_word(k) && ctx.t.skip.contains(&*ctx.lw(k)) {
            k += 1;
        }
        if let Some((s, e)) = np_fwd(ctx, k, hi) {
            let (sp, span) = np_speaker(ctx, s, e, subj);
            return Some(Attr { speaker: sp, mention: Some(span), cue: Some(cue_span(ctx, i, hi)), strong: true });
        }
        return None;
    }
    // NP cue
    let mut k = i;
    while k < hi && k < i + 12 {
        if ctx.toks[k].inq || ctx.toks[k].nl && k > i {
            return None;
        }
        if let Some(fin) = is_cue(ctx, k) {
            if !fin || k == i {
                return None;
            }
            let a = finite_subject(ctx, k, i, subj)?;
            // the NP must start right at i
            let ms = a.mention.map(|m| m.start).unwrap_or(usize::MAX);
            if ms == ctx.toks[i].s {
                return Some(Attr { strong: true, ..a });
            }
            return None;
        }
        if ctx.toks[k].k == K::Punct && k > i {
            let p = &ctx.text[ctx.toks[k].s..ctx.toks[k].e];
            if p != "," && p != "." {
                return None;
            }
            if p == "." && ends_sentence_word(ctx, k) {
                return None;
            }
        }
        k += 1;
    }
    None
}

/// "…” ― Carlos Raúl" (name after a dash, to the end of the line)
pub(super) fn dash_attr(ctx: &Ctx, st: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    if st >= ctx.toks.len() || ctx.toks[st].nl || ctx.toks[st].k != K::Punct {
        return None;
    }
    let p = &ctx.text[ctx.toks[st].s..ctx.toks[st].e];
    if !matches!(p, "―" | "—" | "–" | "-") {
        return None;
    }
    let mut e = st + 1;
    while e < ctx.toks.len() && !ctx.toks[e].nl && e < st + 8 {
        e += 1;
    }
    if e >= st + 8 || e == st + 1 {
        return None;
    }
    let last = if ctx.toks[e - 1].k == K::Punct { e - 2 } else { e - 1 };
    if last <= st || !ctx.is_cap(st + 1) || !ctx.is_word(last) {
        return None;
    }
    for x in st + 1..=last {
        if ctx.is_word(x) && !ctx.is_cap(x) && !matches!(&*ctx.lw(x), "de" | "van" | "von" | "bin" | "al" | "del" | "la") {
            return None;
        }
    }
    let (sp, span) = np_speaker(ctx, st + 1, last, subj);
    Some(Attr { speaker: sp, mention: Some(span), cue: Some(Span { start: ctx.toks[st].s, end: ctx.toks[st].e }), strong: true })
}

pub(super) fn title_like(s: &str) -> bool {
    let t = s.trim().trim_end_matches(|c: char| ",.;:!?".contains(c));
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 {
        return false;
    }
    let mut caps = 0;
    for w in &words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let first = w.chars().next().unwrap();
        if first.is_uppercase() || first.is_numeric() {
            caps += 1;
        } else if !matches!(w, "of" | "the" | "a" | "an" | "and" | "in" | "on" | "for" | "to" | "at" | "with" | "from" | "or" | "by" | "vs" | "is") {
            return false;
        }
    }
    caps >= 2 || (caps == 1 && words.len() == 1 && !t.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
}

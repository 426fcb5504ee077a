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

/// A speech cue at token `i`: `Some(true)` a finite one ("said"), `Some(false)` a participle
/// ("saying"). Remembered per token: the patterns and the ranker's candidate windows look at
/// the same words again and again (the ranker alone asks ~0.7 M times on PolNeAR).
pub(super) fn is_cue(ctx: &Ctx, i: usize) -> Option<bool> {
    let c = &ctx.cue[i];
    match c.get() {
        1 => None,
        2 => Some(true),
        3 => Some(false),
        _ => {
            let v = find_cue(ctx, i);
            c.set(match v {
                None => 1,
                Some(true) => 2,
                Some(false) => 3,
            });
            v
        }
    }
}

fn find_cue(ctx: &Ctx, i: usize) -> Option<bool> {
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
        // "said one district GOP leader", "said the designer, who …": the mention, and a
        // speaker only when the phrase ends in a name
        if let Some((s, e)) = common_np(ctx, k, hi) {
            let (sp, span) = np_speaker(ctx, s, e, subj);
            return Some(Attr { speaker: if ctx.is_cap(e) { sp } else { None }, mention: Some(span), cue: Some(cue_span(ctx, i, hi)), strong: true });
        }
        return None;
    }
    np_cue(ctx, i, hi, subj).or_else(|| appositive_cue(ctx, i, hi, subj))
}

/// "NP said" right at `i` (up to twelve tokens to the cue, plain commas between).
fn np_cue(ctx: &Ctx, i: usize, hi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
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

/// A name with a long or punctuated apposition before the cue: "“…,” Senate Majority Leader
/// Mitch McConnell, R-Ky., said", "Jeff Weaver, Sanders' campaign manager, said in a
/// statement", "Harry Bond, 30, of Raleigh, N.C., who was among those polled, said",
/// "Moore (D-Wis.) said". The name at `i` is the speaker when a comma or closing
/// bracket stands right before a finite cue within 35 tokens of the same sentence.
fn appositive_cue(ctx: &Ctx, i: usize, hi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    if !ctx.is_cap(i) {
        return None;
    }
    let (s, e) = np_fwd(ctx, i, hi)?;
    if s != i || !ctx.is_cap(e) || e + 1 >= hi {
        return None;
    }
    let after = &ctx.text[ctx.toks[e + 1].s..ctx.toks[e + 1].e];
    if !matches!(after, "," | "(") {
        return None;
    }
    let mut k = e + 2;
    while k < hi && k < e + 36 {
        if ctx.toks[k].inq || ctx.toks[k].nl {
            return None;
        }
        if is_cue(ctx, k).is_some() {
            let before = &ctx.text[ctx.toks[k - 1].s..ctx.toks[k - 1].e];
            if is_cue(ctx, k) == Some(true) && matches!(before, "," | ")") {
                let (sp, span) = np_speaker(ctx, s, e, subj);
                return Some(Attr { speaker: sp, mention: Some(span), cue: Some(cue_span(ctx, k, hi)), strong: true });
            }
            return None;
        }
        k += 1;
    }
    None
}

/// "…” ― Carlos Raúl" (name after a dash, to the end of the line)
/// With `next_line`, the dash opens the line after the quote ("“…”" then "- Bernie Sanders.").
pub(super) fn dash_attr(ctx: &Ctx, st: usize, subj: &[Option<(String, u8)>], next_line: bool) -> Option<Attr> {
    if st >= ctx.toks.len() || ctx.toks[st].nl != next_line || ctx.toks[st].k != K::Punct {
        return None;
    }
    let p = &ctx.text[ctx.toks[st].s..ctx.toks[st].e];
    if !matches!(p, "―" | "—" | "–" | "-") {
        return None;
    }
    let mut e = st + 1;
    while e < ctx.toks.len() && !ctx.toks[e].nl && e < st + 8 && !ctx.toks[e].inq {
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

/// Words that open a sentence before its subject ("But", "In an interview with X, …"):
/// conjunctions and adverbs are skipped, prepositions and subordinators skip to the first comma.
fn opener(l: &str) -> Option<bool> {
    match l {
        "but" | "and" | "so" | "yet" | "still" | "also" | "then" | "now" | "meanwhile" | "however" | "instead" | "indeed" | "later" | "earlier" | "separately" => Some(false),
        "in" | "on" | "at" | "after" | "before" | "when" | "while" | "as" | "during" | "since" | "because" | "if" | "although" | "though" | "with" | "without"
        | "despite" | "by" | "from" | "like" | "unlike" | "asked" | "speaking" | "once" | "until" | "whether" | "for" | "under" | "over" | "last" | "this" => Some(true),
        _ => None,
    }
}

/// The subject of the clause a quote sits in when no speech cue ties it ("Trump pledged to
/// confront … “knife-wielding Palestinians”", "the protesters chanted “…”"): the first noun
/// phrase of the sentence before the quote, after its openers. None when the sentence starts
/// inside a quote or no noun phrase starts it.
pub(super) fn clause_subject(ctx: &Ctx, sa: usize, open: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let mut x = sa;
    let mut steps = 0;
    // "Obama's “if you like your plan …” promise": the name owning the quote
    if open > sa && ctx.is_cap(open - 1) && !ctx.toks[open - 1].inq {
        let w = ctx.w(open - 1);
        if w.ends_with("'s") || w.ends_with("’s") {
            let (sp, span) = np_speaker(ctx, open - 1, open - 1, subj);
            return Some(Attr { speaker: sp, mention: Some(span), cue: None, strong: false });
        }
    }
    while x < open && steps < 6 {
        steps += 1;
        if ctx.toks[x].inq {
            return None;
        }
        if !ctx.is_word(x) {
            let p = &ctx.text[ctx.toks[x].s..ctx.toks[x].e];
            if matches!(p, "(" | "-" | "—" | "–" | "~" | "*" | "•" | ",") {
                x += 1;
                continue;
            }
            return None;
        }
        // a participle opens a clause before the subject: "Holding signs …, the protesters chanted"
        let ing = ctx.is_cap(x) && ctx.lw(x).ends_with("ing");
        match opener(&ctx.lw(x)).or(ing.then_some(true)) {
            Some(false) => x += 1,
            Some(true) => {
                // to the first comma before the quote
                let mut c = x + 1;
                while c < open && !(ctx.toks[c].k == K::Punct && &ctx.text[ctx.toks[c].s..ctx.toks[c].e] == ",") {
                    c += 1;
                }
                // no comma: the subject of the clause it opens ("as Trump denounced … “…”",
                // "When Maddow pointed out that … “…”")
                x = if c >= open { x + 1 } else { c + 1 };
            }
            None => break,
        }
    }
    if x >= open || ctx.toks[x].inq || !ctx.is_word(x) {
        return None;
    }
    let l = ctx.lw(x);
    let l: &str = &l;
    let (s, e) = if is_pron(l).is_some() {
        (x, x)
    } else if let Some(np) = np_fwd(ctx, x, open) {
        np
    } else if matches!(l, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "many" | "some" | "most" | "several" | "one" | "two" | "three")
        && x + 1 < open
        && ctx.is_word(x + 1)
        && !ctx.toks[x + 1].inq
    {
        (x, x + 1)
    } else if !ctx.t.stop.contains(l) && is_cue(ctx, x).is_none() && x + 1 < open && ctx.is_word(x + 1) && !ctx.toks[x + 1].inq {
        (x, x)
    } else {
        return None;
    };
    if s == e && matches!(l, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that" | "these" | "those") {
        return None; // "The “market accident” would …": the quote is the subject
    }
    let (sp, span) = np_speaker(ctx, s, e, subj);
    // a speaker name only from a name or a resolved pronoun, never from a common noun phrase
    let named = (s..=e).any(|k| ctx.is_cap(k) && !ctx.t.notname.contains(&*ctx.lw(k))) || (s == e && is_pron(l).is_some());
    Some(Attr { speaker: if named { sp } else { None }, mention: Some(span), cue: None, strong: false })
}

/// A transcript or colon line: "PENCE: “…”", "Transcript as follows:" — up to four capitalised
/// words from the start of the line to the colon right before the quote name the speaker.
pub(super) fn colon_speaker(ctx: &Ctx, open: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    if open < 2 || &ctx.text[ctx.toks[open - 1].s..ctx.toks[open - 1].e] != ":" {
        return None;
    }
    let mut s = open - 1;
    while s > 0 && !ctx.toks[s].nl {
        s -= 1;
        if open - s > 6 {
            return None;
        }
    }
    let e = open - 2;
    if s > e || !(s..=e).all(|k| ctx.is_word(k) && ctx.is_cap(k) && !ctx.toks[k].inq) {
        return None;
    }
    let (sp, span) = np_speaker(ctx, s, e, subj);
    Some(Attr { speaker: sp, mention: Some(span), cue: Some(Span { start: ctx.toks[open - 1].s, end: ctx.toks[open - 1].e }), strong: false })
}

/// A common noun phrase from `st` ("one district GOP leader", "the designer", "another New
/// Hampshire Democrat"): an optional determiner and up to five words, to the first punctuation
/// or function word. Token range, or None when no word follows the determiner.
pub(super) fn common_np(ctx: &Ctx, st: usize, hi: usize) -> Option<(usize, usize)> {
    if st >= hi || ctx.toks[st].inq || !ctx.is_word(st) || ctx.toks[st].nl {
        return None;
    }
    let det = matches!(&*ctx.lw(st), "the" | "a" | "an" | "one" | "another" | "two" | "three" | "several" | "many" | "some" | "his" | "her" | "their" | "its" | "this" | "that");
    let mut e = None;
    let mut k = if det { st + 1 } else { st };
    while k < hi && k < st + 6 && ctx.is_word(k) && !ctx.toks[k].inq && !ctx.toks[k].nl {
        let l = ctx.lw(k);
        if ctx.t.stop.contains(&*l) || is_cue(ctx, k).is_some() {
            break;
        }
        e = Some(k);
        k += 1;
    }
    e.map(|e| (st, e))
}

/// The speech cue of the sentence before a quote that is a whole sentence ("Howard continued
/// his scathing remarks. ¶ “Eight years ago …”", "X said in a statement. “…”"): its subject,
/// when that sentence is in the same paragraph or the one before and holds no quote itself.
pub(super) fn previous_sentence_cue(ctx: &Ctx, open: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let si = ctx.sent_of[open] as usize;
    if si == 0 {
        return None;
    }
    let (pa, pb) = ctx.sents[si - 1];
    if ctx.toks[open].para - ctx.toks[pa].para > 2 || (pa..pb).any(|k| ctx.toks[k].inq) {
        return None;
    }
    (pa..pb).find_map(|k| (is_cue(ctx, k) == Some(true)).then(|| finite_subject(ctx, k, pa, subj)).flatten())
}

/// Labels in capitals before a colon that head a paragraph without naming who speaks.
const NOT_SPEAKERS: &[&str] = &["video", "audio", "update", "updated", "breaking", "watch", "note", "exclusive", "read", "listen", "photo", "photos", "warning", "related", "source", "sources", "editor's", "editor’s"];

/// A transcript label opening the quotation `sg`, as in a transcript given paragraph by
/// paragraph inside quote marks: `"WALLACE: Let's start with …` — one to four words in
/// capitals (two letters or more, no lower case) right after an opening mark at the start of a
/// line, then a colon. The label's tokens (inclusive).
pub(super) fn transcript_label(ctx: &Ctx, sg: &Seg) -> Option<(usize, usize)> {
    if !(sg.open == 0 || ctx.toks[sg.open].nl) {
        return None;
    }
    let first = sg.open + 1;
    let mut k = first;
    while k <= sg.last_tok && k < first + 4 && ctx.is_word(k) && ctx.w(k).chars().all(|ch| !ch.is_lowercase()) && ctx.w(k).chars().filter(|ch| ch.is_alphabetic()).count() >= 2 {
        k += 1;
    }
    if k == first || k > sg.last_tok || &ctx.text[ctx.toks[k].s..ctx.toks[k].e] != ":" {
        return None;
    }
    if (first..k).any(|x| NOT_SPEAKERS.contains(&&*ctx.lw(x))) {
        return None;
    }
    Some((first, k - 1))
}

/// The speaker of quote `qi` when it is one turn of a transcript: its own opening label, or,
/// for a paragraph that opens with a quote mark and no label, the label of the turn it
/// continues — the nearest labelled quotation before it, with only whole quoted paragraphs
/// between (`"PENCE: Well, look, …` ¶ `"But the truth is …` is still Pence).
pub(super) fn transcript_turn(ctx: &Ctx, segs: &[Seg], qi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let label = |j: usize| {
        transcript_label(ctx, &segs[j]).map(|(s, e)| {
            let (sp, span) = np_speaker(ctx, s, e, subj);
            Attr { speaker: sp, mention: Some(span), cue: Some(Span { start: ctx.toks[e + 1].s, end: ctx.toks[e + 1].e }), strong: true }
        })
    };
    if let Some(a) = label(qi) {
        return Some(a);
    }
    let opens_line = |j: usize| segs[j].open == 0 || ctx.toks[segs[j].open].nl;
    if !opens_line(qi) {
        return line_label(ctx, segs[qi].open, subj);
    }
    let mut j = qi;
    while j > 0 && qi - j < 8 {
        let p = j - 1;
        // only the other turn's quotation between the two: no word outside quotes
        if (segs[p].last_tok + 1..segs[j].open).any(|x| !ctx.toks[x].inq && ctx.is_word(x)) || !opens_line(p) {
            return None;
        }
        if let Some(a) = label(p) {
            return Some(Attr { strong: false, ..a });
        }
        j = p;
    }
    None
}

/// A quote inside a transcript's turn whose own quotation was never closed: `"PENCE: Well,
/// look, Hillary Clinton apparently thinks this is an episode of “Shark Tank.” But …` (PolNeAR
/// credits "PENCE"). The line of `open` starts with a quote mark, one to four words in capitals
/// and a colon, with no other quote opening or closing between them and `open`.
fn line_label(ctx: &Ctx, open: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let mut ls = open;
    while ls > 0 && !ctx.toks[ls].nl {
        ls -= 1;
        if open - ls > 400 {
            return None;
        }
    }
    if !matches!(&ctx.text[ctx.toks[ls].s..ctx.toks[ls].e], "\"" | "“") {
        return None;
    }
    let first = ls + 1;
    let mut k = first;
    while k < open && k < first + 4 && ctx.is_word(k) && ctx.w(k).chars().all(|ch| !ch.is_lowercase()) && ctx.w(k).chars().filter(|ch| ch.is_alphabetic()).count() >= 2 {
        k += 1;
    }
    if k == first || k >= open || &ctx.text[ctx.toks[k].s..ctx.toks[k].e] != ":" || (first..k).any(|x| NOT_SPEAKERS.contains(&&*ctx.lw(x))) {
        return None;
    }
    if (k + 1..open).any(|x| matches!(mark_of(ctx.text, &ctx.toks[x]), Some('"' | '“' | '”'))) {
        return None;
    }
    let (sp, span) = np_speaker(ctx, first, k - 1, subj);
    Some(Attr { speaker: sp, mention: Some(span), cue: Some(Span { start: ctx.toks[k].s, end: ctx.toks[k].e }), strong: false })
}

/// "what he calls “…”": the quote is named by a pronoun that stands for the subject of its
/// sentence, who is the one PolNeAR credits ("Cruz has railed against what he calls the “…”",
/// "It’s denouncing what it calls “…”": the source is "Cruz", "It"). The pronoun (`he`, `she`,
/// `it`, `they`) after "what" and before a naming verb (`calls`, `called`, `described as`,
/// `termed`, `labeled`), then an optional article, right before the opening mark; the subject
/// is the sentence's first noun phrase (`clause_subject`) when it is a name or the same
/// pronoun. None when it is a common noun phrase ("The group seeks … what it calls", credited
/// to "it") or anything else.
pub(super) fn what_pronoun_calls(ctx: &Ctx, open: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    let mut k = open;
    let back = |k: usize| -> Option<usize> { (k > 0 && !ctx.toks[k - 1].inq && ctx.is_word(k - 1)).then(|| k - 1) };
    let mut v = back(k)?;
    if matches!(&*ctx.lw(v), "a" | "an" | "the") {
        v = back(v)?;
    }
    if ctx.lw(v) == "as" {
        v = back(v)?;
        if !matches!(&*ctx.lw(v), "described" | "describes" | "describe") {
            return None;
        }
    } else if !matches!(&*ctx.lw(v), "call" | "calls" | "called" | "termed" | "terms" | "labeled" | "labels" | "labelled" | "dubbed" | "dubs") {
        return None;
    }
    let p = back(v)?;
    let pron = ctx.lw(p);
    if !matches!(&*pron, "he" | "she" | "it" | "they") {
        return None;
    }
    let w = back(p)?;
    if ctx.lw(w) != "what" {
        return None;
    }
    k = w;
    let sa = ctx.sents[ctx.sent_of[open] as usize].0;
    if sa >= k {
        return None;
    }
    let a = clause_subject(ctx, sa, k, subj)?;
    let m = a.mention?;
    let (s, e) = ((sa..k).find(|&t| ctx.toks[t].s >= m.start)?, (sa..k).rev().find(|&t| ctx.toks[t].e <= m.end)?);
    let same = s == e && trim_poss(&ctx.lw(s)) == &*pron;
    let named = ctx.is_cap(e) && is_pron(&ctx.lw(e)).is_none() && !ctx.t.notname.contains(&*ctx.lw(e));
    if s == p || !(same || named && pron != "they") {
        return None;
    }
    Some(a)
}

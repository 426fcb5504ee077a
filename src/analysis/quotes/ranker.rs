//! The speaker ranker: after the patterns of step 4 have made their pick, every mention that
//! could be a quote's speaker is scored and the best one is taken. The candidates are the
//! names (runs of capitalised words), pronouns and "who", and the noun phrases before and
//! after speech cues and after "according to", in the quote's sentence, the two sentences
//! before it and the start of the sentence after; the pattern's own pick is always one of them.
//!
//! A candidate's features say what it is (a name, a name the article knows as a person, a
//! pronoun by its word, a common noun phrase), where it is (before the quote in its sentence,
//! after it, one or two sentences before, in the next sentence; how many words away; the
//! nearest of its side or not), what is beside it (a cue right after or before it, a colon
//! after it as in a transcript line, "according to" before it, a possessive), whether it opens
//! its sentence or paragraph, whether the pattern picked it and which pattern ran (the right
//! side, the left cue, inheritance, the clause subject …), and whether it is the mention the
//! quote before rests on. Each feature is a short string; the score is the sum of their
//! weights, a linear model learned on PolNeAR train by `storyline eval quotes
//! --train-speakers` (averaged perceptron over the candidate sets; weights in
//! `data/quotes/speaker_ranker.tsv`, licence in `data/README.md`).
//!
//! A pronoun keeps its mention (what the text says) and its speaker is the person it resolves
//! to (`np_speaker` → `resolve_pron`), so the dossier shows people.

use super::*;

/// The pattern that made the pick (step 4 of the module doc), a feature of every candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum How {
    None,
    Right,
    Left,
    Later,
    ColonBefore,
    InheritPrev,
    InheritNext,
    ColonLine,
    Clause,
    PrevSentence,
    Dash,
}

impl How {
    fn name(self) -> &'static str {
        match self {
            How::None => "none",
            How::Right => "right",
            How::Left => "left",
            How::Later => "later",
            How::ColonBefore => "colonb",
            How::InheritPrev => "inhp",
            How::InheritNext => "inhn",
            How::ColonLine => "colonl",
            How::Clause => "clause",
            How::PrevSentence => "prevs",
            How::Dash => "dash",
        }
    }
}

/// One candidate: its tokens (inclusive) and whether the pattern picked it.
struct Cand {
    s: usize,
    e: usize,
    rule: bool,
}

/// The weights, parsed once from `data/quotes/speaker_ranker.tsv` (`feature<TAB>weight`),
/// keyed by the feature's [`Fnv`] hash: a feature is hashed as it is formatted, never built
/// as a string (formatting each into a buffer and looking it up cost a fifth of all layers'
/// time on PolNeAR; copying the pieces into one reused buffer and hashing that eight bytes a
/// step took more instructions under callgrind than FNV over the pieces as they are).
fn weights() -> &'static FxHashMap<u64, f32> {
    static W: OnceLock<FxHashMap<u64, f32>> = OnceLock::new();
    W.get_or_init(|| parse_weights(include_str!("../../../data/quotes/speaker_ranker.tsv")))
}

pub(super) fn parse_weights(s: &str) -> FxHashMap<u64, f32> {
    s.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((Fnv::of(k), v.trim().parse().ok()?))
        })
        .collect()
}

/// FNV-1a over the bytes written, however they are split into writes.
pub(super) struct Fnv(pub(super) u64);

impl Fnv {
    pub(super) fn of(s: &str) -> u64 {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        let _ = std::fmt::Write::write_str(&mut h, s);
        h.0
    }
}

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for b in s.bytes() {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        Ok(())
    }
}

/// Where a candidate's features go: summed into a score, or kept as strings for training.
pub(super) enum Out<'w> {
    Score(&'w FxHashMap<u64, f32>, f32),
    Keep(Vec<String>),
}

/// An [`Out`] with a scratch buffer (a kept feature is built in it, a name folded into it),
/// reused from candidate to candidate.
pub(super) struct Sink<'w> {
    buf: String,
    out: Out<'w>,
}

impl Sink<'_> {
    /// One feature, the concatenation of `pieces` (hashed piece by piece when scoring: no
    /// string is built).
    fn feature(&mut self, pieces: &[&str]) {
        use std::fmt::Write;
        match &mut self.out {
            Out::Score(w, score) => {
                let mut h = Fnv(0xcbf2_9ce4_8422_2325);
                for p in pieces {
                    let _ = h.write_str(p);
                }
                *score += w.get(&h.0).copied().unwrap_or(0.0);
            }
            Out::Keep(out) => {
                self.buf.clear();
                self.buf.extend(pieces.iter().copied());
                out.push(self.buf.clone());
            }
        }
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The candidate mentions for the quote `sg` (tokens, inclusive ranges), the pattern's pick
/// among them.
fn candidates(ctx: &Ctx, sg: &Seg, pick: Option<Span>) -> Vec<Cand> {
    let n = ctx.toks.len();
    let si = ctx.sent_of[sg.open] as usize;
    let lo = ctx.sents[si.saturating_sub(2)].0.max(sg.open.saturating_sub(120));
    let hi = {
        let end = ctx.sents[si].1.max(sg.last_tok + 1);
        let next = if end < n { ctx.sents[ctx.sent_of[end] as usize].1.min(end + 15) } else { end };
        next.min(sg.last_tok + 60).min(n)
    };
    let mut out: Vec<Cand> = Vec::new();
    let push = |out: &mut Vec<Cand>, s: usize, e: usize| {
        if s <= e && !out.iter().any(|c| c.s == s && c.e == e) {
            out.push(Cand { s, e, rule: false });
        }
    };
    let mut i = lo;
    while i < hi {
        if i >= sg.open && i <= sg.last_tok || ctx.toks[i].inq || !ctx.is_word(i) {
            i += 1;
            continue;
        }
        let l = ctx.lw(i);
        let l: &str = &l;
        if is_pron(l).is_some() || matches!(l, "who" | "his" | "their") {
            push(&mut out, i, i);
            i += 1;
            continue;
        }
        if let Some(c) = is_cue(ctx, i) {
            if i > lo {
                if let Some((s, e)) = np_back(ctx, i - 1, lo) {
                    push(&mut out, s, e);
                }
            }
            let _ = c;
            if let Some((s, e)) = np_fwd(ctx, i + 1, hi) {
                push(&mut out, s, e);
            }
        }
        if l == "according" && i + 2 < hi && ctx.lw(i + 1) == "to" {
            if let Some((s, e)) = np_fwd(ctx, i + 2, hi) {
                push(&mut out, s, e);
            }
        }
        if ctx.is_cap(i) {
            let mut j = i;
            while j + 1 < hi && !ctx.toks[j + 1].inq && !ctx.toks[j + 1].nl && (ctx.is_cap(j + 1) || (j + 2 < hi && &ctx.text[ctx.toks[j + 1].s..ctx.toks[j + 1].e] == "." && ctx.w(j).chars().count() == 1 && ctx.is_cap(j + 2))) {
                j += if ctx.is_cap(j + 1) { 1 } else { 2 };
            }
            let mut s = i;
            while s <= j && ctx.t.stop.contains(&*ctx.lw(s)) {
                s += 1;
            }
            if s <= j && !(s == j && ctx.t.notname.contains(&*ctx.lw(s))) {
                push(&mut out, s, j);
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
    // a transcript label opening the quotation: "“PENCE: And that's why …”"
    let mut k = sg.open + 1;
    while k <= sg.last_tok && k < sg.open + 5 && ctx.is_word(k) && ctx.w(k).chars().all(|ch| !ch.is_lowercase()) {
        k += 1;
    }
    if k > sg.open + 1 && k <= sg.last_tok && &ctx.text[ctx.toks[k].s..ctx.toks[k].e] == ":" {
        push(&mut out, sg.open + 1, k - 1);
    }
    if let Some(p) = pick {
        let mut any = false;
        for c in out.iter_mut() {
            if overlaps(Span { start: ctx.toks[c.s].s, end: ctx.toks[c.e].e }, p) {
                c.rule = true;
                any = true;
            }
        }
        if !any {
            // the pick's own tokens
            let s = (0..n).find(|&k| ctx.toks[k].e > p.start).unwrap_or(0);
            let e = (s..n).take_while(|&k| ctx.toks[k].s < p.end).last().unwrap_or(s);
            out.push(Cand { s, e, rule: true });
        }
    }
    out
}

fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1..=2 => "1",
        3..=5 => "3",
        6..=10 => "6",
        11..=20 => "11",
        21..=40 => "21",
        _ => "41",
    }
}

/// Words (outside quotes) strictly between tokens `a` and `b`.
fn words_between(ctx: &Ctx, a: usize, b: usize) -> usize {
    (a + 1..b).filter(|&k| !ctx.toks[k].inq && ctx.is_word(k)).count()
}

/// What a candidate is: a pronoun by its word, "who", a name the article knows as a person's,
/// another name, a common noun phrase.
fn kind_of(ctx: &Ctx, s: usize, e: usize, buf: &mut String) -> &'static str {
    let l = ctx.lw(s);
    if s == e && (is_pron(&l).is_some() || matches!(&*l, "who" | "his" | "their")) {
        match &*l {
            "he" | "him" => "he",
            "her" if s + 1 < ctx.toks.len() && ctx.is_word(s + 1) && !ctx.is_cap(s + 1) => "herposs",
            "she" | "her" => "she",
            "they" => "they",
            "i" => "i",
            "we" => "we",
            "it" => "it",
            "you" => "you",
            "who" => "who",
            "his" => "his",
            _ => "their",
        }
    } else if ctx.is_cap(e) {
        crate::text::fold_into(trim_poss(ctx.w(e)), buf);
        if ctx.reg.contains_key(buf.as_str()) { "person" } else { "name" }
    } else {
        "np"
    }
}

/// A word for a feature: lower case, or the punctuation, or "¶" at a line break.
fn word_at<'a>(ctx: &Ctx<'a>, k: usize) -> Cow<'a, str> {
    if k >= ctx.toks.len() {
        return Cow::Borrowed("$");
    }
    ctx.lw(k)
}

/// Every feature of candidate `c` of the quote `sg`, each handed to `emit`.
#[allow(clippy::too_many_arguments)]
fn features(ctx: &Ctx, sg: &Seg, full: bool, how: How, prev: Option<Span>, cands: &[Cand], ci: usize, sink: &mut Sink) {
    let c = &cands[ci];
    let (s, e) = (c.s, c.e);
    let qs = ctx.sent_of[sg.open] as usize;
    let cs = ctx.sent_of[s] as usize;
    let left = e < sg.open;
    let l = ctx.lw(s);
    let t = kind_of(ctx, s, e, &mut sink.buf);
    let inner = s > sg.open && e <= sg.last_tok;
    let p = if inner {
        "Q"
    } else if left {
        match qs - cs.min(qs) {
            0 => "L",
            1 => "P1",
            _ => "P2",
        }
    } else if cs == qs {
        "R"
    } else {
        "N"
    };
    let dist = if inner { 0 } else if left { words_between(ctx, e, sg.open) } else { words_between(ctx, sg.last_tok, s) };
    // the nearest candidate of its side
    let rank = cands
        .iter()
        .filter(|o| (o.e < sg.open) == left)
        .filter(|o| if left { o.e > e } else { o.s < s })
        .count();
    let rank = if rank == 0 { "1" } else if rank == 1 { "2" } else { "3" };
    let mut f = |pieces: &[&str]| sink.feature(pieces);
    let hw = how.name();
    let fp = if full { "full" } else { "part" };
    f(&["t=", t]);
    f(&["p=", p]);
    f(&["tp=", t, "|", p]);
    f(&["pd=", p, "|", bucket(dist)]);
    f(&["tpd=", t, "|", p, "|", bucket(dist)]);
    f(&["rank=", p, "|", rank]);
    f(&["trank=", t, "|", p, "|", rank]);
    f(&["how=", hw, "|", t, "|", p]);
    f(&["fp=", fp, "|", t, "|", p]);
    if c.rule {
        f(&["rule=", hw]);
        f(&["rule=", hw, "|", t]);
    }
    // the word after the quotation ("“…,” he said", "“…” about")
    let qn = word_at(ctx, sg.last_tok + 1);
    f(&["qnext=", &qn, "|", t, "|", p]);
    if prev.is_some_and(|pv| overlaps(Span { start: ctx.toks[s].s, end: ctx.toks[e].e }, pv)) {
        f(&["prevq=", hw]);
        f(&["prevq|", p]);
    }
    let n = ctx.toks.len();
    // what follows: a cue, a colon, a comma and a cue, a possessive
    let mut k = e + 1;
    if k < n && (!ctx.toks[k].inq || inner) {
        let w = &ctx.text[ctx.toks[k].s..ctx.toks[k].e];
        if w == ":" {
            f(&["colon|", p]);
            if ctx.w(e).chars().all(|ch| !ch.is_lowercase()) {
                f(&["capscolon"]);
            }
        }
        while k < n && k < e + 4 && !ctx.toks[k].inq && !ctx.is_word(k) {
            k += 1;
        }
        if k < n && k < e + 4 {
            match is_cue(ctx, k) {
                Some(true) => {
                    f(&["cueR|", p, "|", hw]);
                    f(&["cueRw=", &ctx.lw(k), "|", p]);
                }
                Some(false) => f(&["partR|", p]),
                None => {
                    if k + 1 < n && ctx.lw(k) != "said" && is_cue(ctx, k + 1) == Some(true) {
                        f(&["cueR2|", p]);
                    }
                }
            }
        }
    }
    if l.ends_with("'s") || l.ends_with("’s") || (s == e && matches!(&*l, "his" | "their")) {
        f(&["poss|", p]);
    }
    if s > 0 && !ctx.toks[s - 1].inq {
        if is_cue(ctx, s - 1).is_some() {
            f(&["cueL|", p]);
        }
        if s > 1 && ctx.lw(s - 1) == "to" && ctx.lw(s - 2) == "according" {
            f(&["acc|", p]);
        }
        if matches!(&*ctx.lw(s - 1), "by" | "from" | "in") {
            f(&["prep=", &ctx.lw(s - 1), "|", p]);
        }
    }
    if s == ctx.sents[cs].0 || ctx.toks[s].nl || (s > 0 && matches!(ctx.w(s - 1), "“" | "\"") && false) {
        f(&["sinit|", t, "|", p]);
    }
    if ctx.toks[s].para != ctx.toks[sg.open].para {
        f(&["otherpara|", p]);
    }
}

/// A participle cue right after token `e` (punctuation between allowed, within 3 tokens): the
/// `partR` feature.
fn participle_after(ctx: &Ctx, e: usize) -> bool {
    let n = ctx.toks.len();
    let mut k = e + 1;
    while k < n && k < e + 4 && !ctx.toks[k].inq && !ctx.is_word(k) {
        k += 1;
    }
    k < n && k < e + 4 && is_cue(ctx, k) == Some(false)
}

/// Score the candidates of quote `sg` with `w` and return the winner's attribution, or the
/// pattern's when it wins or there is no candidate.
#[allow(clippy::too_many_arguments)]
pub(super) fn rank(ctx: &Ctx, sg: &Seg, full: bool, how: How, a: &Attr, prev: Option<Span>, subj: &[Option<(String, u8)>]) -> Attr {
    let w = weights();
    if w.is_empty() {
        return a.clone();
    }
    let cands = candidates(ctx, sg, a.mention);
    // the pattern's pick followed by a participle cue ("with the Élysée Palace emphasising the
    // “necessity” of …") is kept: on every fold of PolNeAR train as good or better
    if cands.iter().any(|c| c.rule && participle_after(ctx, c.e)) {
        return a.clone();
    }
    let mut best: Option<(f32, usize)> = None;
    let mut sink = Sink { buf: String::new(), out: Out::Score(w, 0.0) };
    for ci in 0..cands.len() {
        sink.out = Out::Score(w, if cands[ci].rule { 1e-4 } else { 0.0 });
        features(ctx, sg, full, how, prev, &cands, ci, &mut sink);
        let Out::Score(_, score) = sink.out else { unreachable!() };
        if best.map_or(true, |(b, _)| score > b) {
            best = Some((score, ci));
        }
    }
    let Some((_, ci)) = best else { return a.clone() };
    let c = &cands[ci];
    if c.rule {
        return a.clone();
    }
    let (speaker, mention) = np_speaker(ctx, c.s, c.e, subj);
    let cue = (c.e + 1..(c.e + 4).min(ctx.toks.len())).find(|&k| is_cue(ctx, k).is_some()).or_else(|| (c.s > 0 && is_cue(ctx, c.s - 1).is_some()).then(|| c.s - 1)).map(|k| cue_span(ctx, k, ctx.toks.len()));
    Attr { speaker, mention: Some(mention), cue, strong: false }
}

/// One quote's candidates with their features (for training: `speaker_candidates`).
pub(super) fn candidate_features(ctx: &Ctx, sg: &Seg, full: bool, how: How, a: &Attr, prev: Option<Span>) -> Vec<(Span, bool, Vec<String>)> {
    let cands = candidates(ctx, sg, a.mention);
    (0..cands.len())
        .map(|ci| {
            let mut sink = Sink { buf: String::new(), out: Out::Keep(Vec::new()) };
            features(ctx, sg, full, how, prev, &cands, ci, &mut sink);
            let Out::Keep(fs) = sink.out else { unreachable!() };
            let c = &cands[ci];
            (Span { start: ctx.toks[c.s].s, end: ctx.toks[c.e].e }, c.rule, fs)
        })
        .collect()
}

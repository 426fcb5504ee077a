//! The speaker ranker: after the patterns of step 4 have made their pick, every mention that
//! could be a quote's speaker is scored and the best one is taken. The candidates are the
//! names (runs of capitalised words), pronouns, "who" and "which" ("that" before a cue: "a
//! message that said"), a name that is also a common word inside its sentence before a cue
//! ("…,” Will wrote"), a determiner and noun opening a sentence ("The complaint, which was filed
//! …, alleged that"), and the noun phrases before and after speech cues and after "according
//! to" (a common one too: "according to the newspaper"), in the quote's sentence, the two
//! sentences before it and the start of the sentence after (and a common noun phrase right
//! before a cue anywhere in them); the pattern's own pick is always
//! one of them.
//!
//! A candidate's features say what it is (a name, a name the article knows as a person, a
//! pronoun by its word, a common noun phrase), where it is (before the quote in its sentence,
//! after it, one or two sentences before, in the next sentence; how many words away; the
//! nearest of its side or not), what is beside it (a cue right after or before it, a colon
//! after it as in a transcript line, "according to" before it, a possessive), whether it opens
//! its sentence or paragraph, the class of the word before it (sentence start, comma, preposition,
//! determiner, conjunction, other lower-case word) and after it (sentence end, comma, colon,
//! auxiliary or adverb, preposition, conjunction, other lower-case word: most often its verb), a
//! cue after an auxiliary or adverb ("Ham also noted"), whether the pattern picked it and which pattern ran (the right
//! side, the left cue, inheritance, the clause subject …), and whether it is the mention the
//! quote before rests on. Each feature is a short string; the score is the sum of their
//! weights, a linear model learned on PolNeAR train by `storyline eval quotes
//! --train-speakers` (averaged perceptron over the candidate sets; weights in
//! `data/quotes/speaker_ranker.tsv`, licence in `data/README.md`).
//!
//! The words around a candidate (`prevc=`, `nextc=`, `cueRa`, and "which") were kept on these
//! figures: train 5-fold cross-validation, each fold's ranker trained on the others, .897 .885
//! .905 .909 .873 → .900 .884 .908 .911 .888; dev .896 → .908 (`storyline eval quotes` dev
//! strict speaker .904 → .912). Averaging five perceptron runs over other shuffles
//! (`STORYLINE_RANK_RUNS=5`) did not add to it (.901 .887 .911 .913 .883, dev .909).
//!
//! The last four kinds of candidate (and `dets|`, a feature marking the sentence-opening noun
//! phrase) were kept on these figures: on PolNeAR train 268 of the 646 cross-validated errors
//! had no right candidate, the subject "The complaint"/"The email"/"The piece" among them.
//! Train 10-fold cross-validation .889 .891 .892 .922 .894 .916 .894 .930 .902 .870 (mean
//! .900) → .884 .886 .896 .928 .898 .920 .898 .933 .902 .876 (mean .902; the two folds that fall,
//! by three quotes each, are the perceptron's reshuffle: different picks of "Thursday", "Ohio");
//! dev strict speaker .912 → .918, folds .920 .919 .937 .888 .906 → .936 .929 .937 .899 .906.
//! When one of them wins, the mention is kept and the speaker is none unless the noun is a role
//! ("The president also told" resolves as `np_speaker` does): "email" or "that" name no one.
//! Tried and left: a feature for a candidate whose sentence has another mention's "according
//! to" ("Sanders said, according to CNN"): train folds .881 .894 .898 .926 .896 .924 .905 .936
//! .898 .882 (mean .904) but dev .916 → .912 and fold 0 lower again.
//!
//! Issue 20 (after the Title-Case quotes that end a sentence were kept): retrained as it was on
//! the new detector output, the ranker lost on dev, .917 → .912 (folds .937 .930 .932 .899 .893
//! → .937 .900 .913 .894 .916; 5, 20 or 30 epochs, or five runs averaged, .905 to .912). Two
//! changes were kept. A transcript's turn, whose pick is final and never ranked, is neither
//! trained on nor scored (`SpeakerCandidates::fixed`): PolNeAR train credits "Partial transcript"
//! for its four, which taught the ranker a line before a label, and the ranker's dev figure is
//! now `storyline eval quotes`' own. A determiner and up to four lower-case words right before a
//! cue, anywhere in a sentence, is a candidate ([`det_cue_np`]: "the gambling tycoon told
//! Reuters"; `np_back` stops at "gambling"). Train 5-fold CV, the turns left
//! out: .900 .890 .908 .918 .888 → .906 .894 .912 .916 .887; dev .910 → .917 (folds .937 .910
//! .925 .889 .902 → .937 .930 .932 .894 .907; the shipped weights gave .937 .930 .932 .899 .902).
//! Of the 631 held-out train errors, 207 have no right candidate (67 quotes have no gold source,
//! 13 a gold source that is the cue "said": PolNeAR's span for 8 of the 384 "…," said X" quotes
//! of train), and 283 of the 424 out-ranked have pick and gold both left of a quote inside its
//! sentence. Tried and left: the lower-case word after a candidate, past auxiliaries, as a
//! lexical feature (`nextw=`: CV .908 .886 .917 .911 .892, dev .914, folds .945 .910 .919 .889
//! .916), and the object of a sentence-opening "According to X," (`accs|`: CV .902 .894 .913 .915
//! .886, dev .917, folds .937 .920 .932 .889 .916).
//!
//! A pronoun keeps its mention (what the text says) and its speaker is the person it resolves
//! to (`np_speaker` → `resolve_pron`), so the dossier shows people.

use super::*;

/// The pattern that made the pick (step 4 of the module doc), a feature of every candidate
/// (named in features as [`HOW`] names it, by discriminant).
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

/// One candidate: its tokens (inclusive) and whether the pattern picked it.
struct Cand {
    s: usize,
    e: usize,
    rule: bool,
}

/// The weights, parsed once from `data/quotes/speaker_ranker.tsv` (`feature<TAB>weight`).
///
/// Most features combine a template with values from small closed sets (the candidate's kind,
/// its place, a distance bucket, the pattern): their weights are laid out once in a dense table
/// ([`Tpl`]), so scoring one is an array read. Only the features that carry a word of the text
/// (`qnext=`, `cueRw=`, `prep=`) are looked up by their [`Fnv`] hash, hashed as they are
/// formatted, never built as a string. (Hashing every feature was 170 M instructions of one
/// `storyline eval quotes` under callgrind; formatting each into a buffer and looking it up had
/// cost a fifth of all layers' time on PolNeAR.)
pub(super) struct Weights {
    words: FxHashMap<u64, f32>,
    dense: Vec<f32>,
    off: [usize; TPLS.len() + 1],
}

fn weights() -> &'static Weights {
    static W: OnceLock<Weights> = OnceLock::new();
    W.get_or_init(|| Weights::new(parse_weights(include_str!("../../../data/quotes/speaker_ranker.tsv"))))
}

impl Weights {
    fn new(words: FxHashMap<u64, f32>) -> Weights {
        let mut off = [0; TPLS.len() + 1];
        let mut dense = Vec::new();
        for (i, tpl) in TPLS.iter().enumerate() {
            off[i] = dense.len();
            let n: usize = tpl.dims.iter().map(|d| d.len()).product();
            for flat in 0..n {
                let key = tpl.name(&tpl.unflatten(flat));
                dense.push(words.get(&Fnv::of(&key)).copied().unwrap_or(0.0));
            }
        }
        off[TPLS.len()] = dense.len();
        Weights { words, dense, off }
    }
    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// For the weights file `tsv`: how many of its features have a slot in the dense table (same
/// weight), and how many carry a word (`qnext=`, `cueRw=`, `prep=`); a test checks they add up.
#[cfg(test)]
pub(super) fn weight_slots(tsv: &str) -> (usize, usize) {
    let w = Weights::new(parse_weights(tsv));
    let mut names = FxHashMap::default();
    for (i, tpl) in TPLS.iter().enumerate() {
        for flat in 0..w.off[i + 1] - w.off[i] {
            names.insert(tpl.name(&tpl.unflatten(flat)), w.dense[w.off[i] + flat]);
        }
    }
    let (mut dense, mut words) = (0, 0);
    for l in tsv.lines().filter(|l| !l.starts_with('#')) {
        let (k, v) = l.split_once('\t').unwrap();
        match names.get(k) {
            Some(&d) if d == v.trim().parse::<f32>().unwrap() => dense += 1,
            Some(_) => {}
            None if ["qnext=", "cueRw=", "prep="].iter().any(|p| k.starts_with(p)) => words += 1,
            None => {}
        }
    }
    (dense, words)
}

/// A feature template: text pieces interleaved with values from closed sets (`parts[0]`,
/// `dims[0][i0]`, `parts[1]`, `dims[1][i1]` …).
pub(super) struct Tpl {
    parts: &'static [&'static str],
    dims: &'static [&'static [&'static str]],
}

impl Tpl {
    /// The feature's string for value indices `idx` (as the weights file names it).
    fn name(&self, idx: &[usize]) -> String {
        let mut s = String::new();
        for (k, part) in self.parts.iter().enumerate() {
            s.push_str(part);
            if let Some(d) = self.dims.get(k) {
                s.push_str(d[idx[k]]);
            }
        }
        s
    }
    /// Mixed-radix position of `idx` in the template's block.
    fn flatten(&self, idx: &[usize]) -> usize {
        self.dims.iter().zip(idx).fold(0, |acc, (d, &i)| acc * d.len() + i)
    }
    fn unflatten(&self, mut flat: usize) -> Vec<usize> {
        let mut idx = vec![0; self.dims.len()];
        for (k, d) in self.dims.iter().enumerate().rev() {
            idx[k] = flat % d.len();
            flat /= d.len();
        }
        idx
    }
}

/// What a candidate is ([`kind_of`]).
const KIND: &[&str] = &["he", "herposs", "she", "they", "i", "we", "it", "you", "who", "his", "their", "person", "name", "np"];
/// Where it is: inside the quotation, left of it in its sentence, one or two sentences before,
/// right of it in its sentence, in the next sentence.
const PLACE: &[&str] = &["Q", "L", "P1", "P2", "R", "N"];
/// Words between it and the quotation ([`bucket`]).
const DIST: &[&str] = &["0", "1", "3", "6", "11", "21", "41"];
const RANK: &[&str] = &["1", "2", "3"];
/// [`How`] by its discriminant.
const HOW: &[&str] = &["none", "right", "left", "later", "colonb", "inhp", "inhn", "colonl", "clause", "prevs", "dash"];
const FULL: &[&str] = &["full", "part"];
/// The word before a candidate ([`prev_class`]): the start of its sentence or line, a comma or
/// dash, a preposition, a determiner, a conjunction, another lower-case word, anything else.
const PREVC: &[&str] = &["start", "punct", "prep", "det", "conj", "low", "other"];
/// The word after it ([`next_class`]): the end of its sentence, a comma, a colon or dash, an
/// auxiliary or adverb ("has", "also"), a preposition, a conjunction or relative, another
/// lower-case word (most often its verb), anything else.
const NEXTC: &[&str] = &["end", "comma", "colon", "aux", "prep", "conj", "low", "other"];

macro_rules! tpls {
    ($($id:ident = [$($part:expr),*] [$($dim:ident),*];)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum F { $($id),* }
        const TPLS: &[Tpl] = &[$(Tpl { parts: &[$($part),*], dims: &[$($dim),*] }),*];
    };
}

tpls! {
    T = ["t="] [KIND];
    P = ["p="] [PLACE];
    TP = ["tp=", "|"] [KIND, PLACE];
    PD = ["pd=", "|"] [PLACE, DIST];
    TPD = ["tpd=", "|", "|"] [KIND, PLACE, DIST];
    RANKF = ["rank=", "|"] [PLACE, RANK];
    TRANK = ["trank=", "|", "|"] [KIND, PLACE, RANK];
    HOWF = ["how=", "|", "|"] [HOW, KIND, PLACE];
    FP = ["fp=", "|", "|"] [FULL, KIND, PLACE];
    RULE = ["rule="] [HOW];
    RULET = ["rule=", "|"] [HOW, KIND];
    PREVQ = ["prevq="] [HOW];
    PREVQP = ["prevq|"] [PLACE];
    COLON = ["colon|"] [PLACE];
    CAPSCOLON = ["capscolon"] [];
    CUER = ["cueR|", "|"] [PLACE, HOW];
    PARTR = ["partR|"] [PLACE];
    CUER2 = ["cueR2|"] [PLACE];
    POSS = ["poss|"] [PLACE];
    CUEL = ["cueL|"] [PLACE];
    ACC = ["acc|"] [PLACE];
    SINIT = ["sinit|", "|"] [KIND, PLACE];
    OTHERPARA = ["otherpara|"] [PLACE];
    PREVCF = ["prevc=", "|", "|"] [PREVC, KIND, PLACE];
    NEXTCF = ["nextc=", "|", "|"] [NEXTC, KIND, PLACE];
    CUERA = ["cueRa|"] [PLACE];
    DETS = ["dets|"] [PLACE];
}

const PREPS: &[&str] = &["of", "to", "for", "with", "at", "on", "about", "against", "from", "by", "in", "like", "than", "into", "over", "under", "after", "before", "between", "among", "toward", "towards", "including", "during", "behind"];
const DETS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your"];
const CONJS: &[&str] = &["and", "or", "but", "while", "as", "when", "because", "if", "although", "though", "since", "whereas", "who", "which", "that"];
const AUX: &[&str] = &["has", "had", "have", "was", "is", "were", "are", "would", "will", "could", "also", "then", "later", "again", "once", "recently", "previously", "just", "even", "never", "still", "did", "does", "often", "only"];

/// An auxiliary or adverb between a subject and its verb ("Ham also noted", "Obama has said").
fn is_aux(w: &str) -> bool {
    AUX.contains(&w) || (w.len() > 4 && w.ends_with("ly"))
}

/// The [`PREVC`] class of the token before candidate start `s`.
fn prev_class(ctx: &Ctx, s: usize) -> usize {
    if s == 0 || s == ctx.sents[ctx.sent_of[s] as usize].0 || ctx.toks[s].nl {
        return 0;
    }
    let k = s - 1;
    if ctx.toks[k].inq {
        return 6;
    }
    if !ctx.is_word(k) {
        return if matches!(&ctx.text[ctx.toks[k].s..ctx.toks[k].e], "," | ";" | ":" | "(" | "—" | "–" | "-" | "―") { 1 } else { 6 };
    }
    if ctx.is_cap(k) {
        return 6;
    }
    let l = ctx.lw(k);
    if PREPS.contains(&&*l) {
        2
    } else if DETS.contains(&&*l) {
        3
    } else if CONJS.contains(&&*l) {
        4
    } else {
        5
    }
}

/// The [`NEXTC`] class of the token after candidate end `e`.
fn next_class(ctx: &Ctx, e: usize) -> usize {
    let k = e + 1;
    if k >= ctx.toks.len() || ctx.sent_of[k] != ctx.sent_of[e] || ctx.toks[k].nl {
        return 0;
    }
    if ctx.toks[k].inq {
        return 7;
    }
    if !ctx.is_word(k) {
        return match &ctx.text[ctx.toks[k].s..ctx.toks[k].e] {
            "," => 1,
            ":" | "—" | "–" | "-" | "―" => 2,
            "." | "!" | "?" => 0,
            _ => 7,
        };
    }
    if ctx.is_cap(k) {
        return 7;
    }
    let l = ctx.lw(k);
    if is_aux(&l) {
        3
    } else if PREPS.contains(&&*l) {
        4
    } else if CONJS.contains(&&*l) {
        5
    } else {
        6
    }
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
    Score(&'w Weights, f32),
    Keep(Vec<String>),
}

/// An [`Out`] with a scratch buffer (a kept feature is built in it, a name folded into it),
/// reused from candidate to candidate.
pub(super) struct Sink<'w> {
    buf: String,
    out: Out<'w>,
}

impl Sink<'_> {
    /// A feature of template `f` with value indices `idx`: an array read when scoring.
    fn fixed(&mut self, f: F, idx: &[usize]) {
        let tpl = &TPLS[f as usize];
        match &mut self.out {
            Out::Score(w, score) => *score += w.dense[w.off[f as usize] + tpl.flatten(idx)],
            Out::Keep(out) => out.push(tpl.name(idx)),
        }
    }

    /// A feature that carries a word: the concatenation of `pieces` (hashed piece by piece
    /// when scoring: no string is built).
    fn feature(&mut self, pieces: &[&str]) {
        use std::fmt::Write;
        match &mut self.out {
            Out::Score(w, score) => {
                let mut h = Fnv(0xcbf2_9ce4_8422_2325);
                for p in pieces {
                    let _ = h.write_str(p);
                }
                *score += w.words.get(&h.0).copied().unwrap_or(0.0);
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
        if is_pron(l).is_some() || matches!(l, "who" | "which" | "his" | "their") || l == "that" && i + 1 < hi && is_cue(ctx, i + 1) == Some(true) {
            push(&mut out, i, i);
            i += 1;
            continue;
        }
        if let Some(e) = det_subject(ctx, i, hi) {
            push(&mut out, i, e);
        }
        if let Some(e) = det_cue_np(ctx, i, hi) {
            push(&mut out, i, e);
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
            if let Some((s, e)) = np_fwd(ctx, i + 2, hi).or_else(|| det_np(ctx, i + 2, hi).map(|e| (i + 2, e))) {
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
            } else if i == j && i > ctx.sents[ctx.sent_of[i] as usize].0 && !ctx.toks[i].nl && j + 1 < hi && is_cue(ctx, j + 1) == Some(true) {
                // a name that is also a common word, inside its sentence, before a cue ("…,” Will wrote)
                push(&mut out, i, i);
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

/// A determiner and its noun at `i` ("the newspaper", "The two lawmakers", "the report"): the
/// noun phrase's last token, a role noun after the first word taken with it ("the ad's
/// narrator" stops at "ad's"). Only the head is needed: a mention is right when it overlaps the
/// source.
fn det_np(ctx: &Ctx, i: usize, hi: usize) -> Option<usize> {
    if !matches!(&*ctx.lw(i), "the" | "a" | "an" | "this") {
        return None;
    }
    let ok = |k: usize| np_word(ctx, k, hi);
    if !ok(i + 1) {
        return None;
    }
    let e = if ok(i + 2) && ctx.t.roles.contains(&*ctx.lw(i + 2)) { i + 2 } else { i + 1 };
    // a phrase running into a quotation names what is quoted, not who speaks ("The so-called
    // "alt-right" movement")
    if e + 1 < ctx.toks.len() && matches!(ctx.w(e + 1), "\"" | "“" | "«" | "‘" | "„") {
        return None;
    }
    Some(e)
}

/// A lower-case word that can be part of a common noun phrase after its determiner (not a
/// function word, an auxiliary, a cue or a pronoun).
fn np_word(ctx: &Ctx, k: usize, hi: usize) -> bool {
    k < hi && ctx.is_word(k) && !ctx.toks[k].inq && !ctx.toks[k].nl && !ctx.is_cap(k) && {
        let w = ctx.lw(k);
        !ctx.t.stop.contains(&*w) && !ctx.t.notname.contains(&*w) && !PREPS.contains(&&*w) && !CONJS.contains(&&*w) && !is_aux(&w) && is_cue(ctx, k).is_none() && is_pron(&w).is_none()
    }
}

/// A determiner and up to four lower-case words right before a cue, anywhere in a sentence
/// ("the gambling tycoon told Reuters", "the crowd also chanted"): the
/// phrase's last token. `np_back` stops at a word in -ing or -ed ("gambling"), so these
/// subjects had no candidate.
fn det_cue_np(ctx: &Ctx, i: usize, hi: usize) -> Option<usize> {
    if !matches!(&*ctx.lw(i), "the" | "a" | "an" | "this" | "these" | "those") {
        return None;
    }
    let mut j = i + 1;
    while j < i + 5 && np_word(ctx, j, hi) {
        let mut k = j + 1;
        while k < hi && k < j + 3 && ctx.is_word(k) && !ctx.toks[k].inq && !ctx.is_cap(k) && is_aux(&ctx.lw(k)) {
            k += 1;
        }
        if k < hi && is_cue(ctx, k) == Some(true) {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// A common noun phrase opening the sentence (or line) at `i`, the clause's subject ("The
/// complaint, which was filed …, alleged that …", "The email goes on to say: “…”"): its last token.
fn det_subject(ctx: &Ctx, i: usize, hi: usize) -> Option<usize> {
    if !(i == ctx.sents[ctx.sent_of[i] as usize].0 || ctx.toks[i].nl) {
        return None;
    }
    det_np(ctx, i, hi)
}

/// The [`DIST`] bucket of `d` words.
fn bucket(d: usize) -> usize {
    match d {
        0 => 0,
        1..=2 => 1,
        3..=5 => 2,
        6..=10 => 3,
        11..=20 => 4,
        21..=40 => 5,
        _ => 6,
    }
}

/// Words (outside quotes) strictly between tokens `a` and `b`.
fn words_between(ctx: &Ctx, a: usize, b: usize) -> usize {
    (a + 1..b).filter(|&k| !ctx.toks[k].inq && ctx.is_word(k)).count()
}

/// What a candidate is, as its [`KIND`] index: a pronoun by its word, "who", a name the
/// article knows as a person's, another name, a common noun phrase.
fn kind_of(ctx: &Ctx, s: usize, e: usize, buf: &mut String) -> usize {
    let l = ctx.lw(s);
    if s == e && (is_pron(&l).is_some() || matches!(&*l, "who" | "which" | "his" | "their" | "that")) {
        match &*l {
            "he" | "him" => 0,
            "her" if s + 1 < ctx.toks.len() && ctx.is_word(s + 1) && !ctx.is_cap(s + 1) => 1,
            "she" | "her" => 2,
            "they" => 3,
            "i" => 4,
            "we" => 5,
            "it" => 6,
            "you" => 7,
            "who" | "which" | "that" => 8,
            "his" => 9,
            _ => 10,
        }
    } else if ctx.is_cap(e) {
        crate::text::fold_into(trim_poss(ctx.w(e)), buf);
        if ctx.reg.contains_key(buf.as_str()) { 11 } else { 12 }
    } else {
        13
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
    // the PLACE index
    let p = if inner {
        0
    } else if left {
        match qs - cs.min(qs) {
            0 => 1,
            1 => 2,
            _ => 3,
        }
    } else if cs == qs {
        4
    } else {
        5
    };
    let dist = bucket(if inner { 0 } else if left { words_between(ctx, e, sg.open) } else { words_between(ctx, sg.last_tok, s) });
    // the nearest candidate of its side
    let rank = cands
        .iter()
        .filter(|o| (o.e < sg.open) == left)
        .filter(|o| if left { o.e > e } else { o.s < s })
        .count()
        .min(2);
    let hw = how as usize;
    let fp = if full { 0 } else { 1 };
    let (ps, ts) = (PLACE[p], KIND[t]);
    sink.fixed(F::T, &[t]);
    sink.fixed(F::P, &[p]);
    sink.fixed(F::TP, &[t, p]);
    sink.fixed(F::PD, &[p, dist]);
    sink.fixed(F::TPD, &[t, p, dist]);
    sink.fixed(F::RANKF, &[p, rank]);
    sink.fixed(F::TRANK, &[t, p, rank]);
    sink.fixed(F::HOWF, &[hw, t, p]);
    sink.fixed(F::FP, &[fp, t, p]);
    if c.rule {
        sink.fixed(F::RULE, &[hw]);
        sink.fixed(F::RULET, &[hw, t]);
    }
    // the word after the quotation ("“…,” he said", "“…” about")
    let qn = word_at(ctx, sg.last_tok + 1);
    sink.feature(&["qnext=", &qn, "|", ts, "|", ps]);
    if prev.is_some_and(|pv| overlaps(Span { start: ctx.toks[s].s, end: ctx.toks[e].e }, pv)) {
        sink.fixed(F::PREVQ, &[hw]);
        sink.fixed(F::PREVQP, &[p]);
    }
    let n = ctx.toks.len();
    // what follows: a cue, a colon, a comma and a cue, a possessive
    let mut k = e + 1;
    if k < n && (!ctx.toks[k].inq || inner) {
        let w = &ctx.text[ctx.toks[k].s..ctx.toks[k].e];
        if w == ":" {
            sink.fixed(F::COLON, &[p]);
            if ctx.w(e).chars().all(|ch| !ch.is_lowercase()) {
                sink.fixed(F::CAPSCOLON, &[]);
            }
        }
        while k < n && k < e + 4 && !ctx.toks[k].inq && !ctx.is_word(k) {
            k += 1;
        }
        if k < n && k < e + 4 {
            match is_cue(ctx, k) {
                Some(true) => {
                    sink.fixed(F::CUER, &[p, hw]);
                    sink.feature(&["cueRw=", &ctx.lw(k), "|", ps]);
                }
                Some(false) => sink.fixed(F::PARTR, &[p]),
                None => {
                    if k + 1 < n && ctx.lw(k) != "said" && is_cue(ctx, k + 1) == Some(true) {
                        sink.fixed(F::CUER2, &[p]);
                    }
                }
            }
        }
    }
    if l.ends_with("'s") || l.ends_with("’s") || (s == e && matches!(&*l, "his" | "their")) {
        sink.fixed(F::POSS, &[p]);
    }
    if s > 0 && !ctx.toks[s - 1].inq {
        if is_cue(ctx, s - 1).is_some() {
            sink.fixed(F::CUEL, &[p]);
        }
        if s > 1 && ctx.lw(s - 1) == "to" && ctx.lw(s - 2) == "according" {
            sink.fixed(F::ACC, &[p]);
        }
        if matches!(&*ctx.lw(s - 1), "by" | "from" | "in") {
            sink.feature(&["prep=", &ctx.lw(s - 1), "|", ps]);
        }
    }
    if s == ctx.sents[cs].0 || ctx.toks[s].nl {
        sink.fixed(F::SINIT, &[t, p]);
    }
    if !inner && det_subject(ctx, s, n) == Some(e) {
        sink.fixed(F::DETS, &[p]);
    }
    if ctx.toks[s].para != ctx.toks[sg.open].para {
        sink.fixed(F::OTHERPARA, &[p]);
    }
    if !inner {
        sink.fixed(F::PREVCF, &[prev_class(ctx, s), t, p]);
        sink.fixed(F::NEXTCF, &[next_class(ctx, e), t, p]);
        // a cue after an auxiliary or adverb or two ("Ham also noted", "Obama has since said")
        let mut k = e + 1;
        while k < n && k < e + 3 && ctx.is_word(k) && !ctx.toks[k].inq && !ctx.is_cap(k) && is_aux(&ctx.lw(k)) {
            k += 1;
        }
        if k > e + 1 && k < n && is_cue(ctx, k) == Some(true) {
            sink.fixed(F::CUERA, &[p]);
        }
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
    // a common noun phrase that only the ranker proposes ("The complaint", "according to the
    // newspaper", "a message that said") is the mention, not a speaker's name; a role noun
    // ("The president also told") resolves as np_speaker does
    let n = ctx.toks.len();
    let common = c.s == c.e && &*ctx.lw(c.s) == "that"
        || (det_subject(ctx, c.s, n) == Some(c.e) || c.s > 1 && &*ctx.lw(c.s - 1) == "to" && &*ctx.lw(c.s - 2) == "according" && det_np(ctx, c.s, n) == Some(c.e)) && !ctx.t.roles.contains(&*ctx.lw(c.e));
    let speaker = if common { None } else { speaker };
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

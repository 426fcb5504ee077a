//! Direct-quote extraction and attribution ("who said what").
//!
//! How it works (pure, rule-based, no dependencies):
//! 1. Tokenise once (words / punctuation, byte offsets).
//! 2. Pair quote marks per paragraph (line): `“` opens, `”` closes, a straight `"`
//!    closes an open quote and otherwise opens one; curly singles `‘…’` are used
//!    at top level only (a `’` followed by a letter is an apostrophe); straight
//!    single quotes are never used as marks.  Marks nested inside a quote are not
//!    listed.  A quote still open at the end of a paragraph is kept (to the
//!    paragraph end) only when the next paragraph opens with a quote mark.
//! 3. Sentence splitting outside quotes (abbreviation aware, paragraph breaks).
//! 4. Attribution, in order of priority:
//!    a. right after the closing mark: `"…," NP said` or `"…," said NP`
//!       (`according to NP`, `NP told …`, `NP wrote on X`);
//!    b. the last speech cue on the left in the same sentence (`NP said: "…"`,
//!       `NP said that … "fragment"`, participles `saying/adding …` take the
//!       clause subject);
//!    c. a later `, NP said` in the same sentence;
//!    d. a quote that forms a whole sentence inherits from the previous
//!       attributed quote nearby (multi-sentence / multi-paragraph quotes) or
//!       from a preceding `… said:`.
//!    Quotes without any attribution, quotes after "so-called"/"dubbed" and
//!    Title-Case names not attributed by (a) are dropped (scare quotes, titles).
//! 5. Speakers: subject noun phrase → canonical name.  Titles/roles are stripped
//!    ("Kremlin spokesman Dmitry Peskov" → Dmitry Peskov), surnames resolve to the
//!    full name seen in the article, pronouns resolve to the subject of the
//!    current/previous sentences with a fitting gender (first-name lists and
//!    Mr./Mrs./Ms.), definite role phrases ("the Ukrainian top diplomat") to the
//!    most recent subject person; bodies keep their name ("Kremlin").
//!
//! Figures (`cargo run --release --example eval`):
//! - seeds (5 articles, 55 gold): quote P 1.000 R 0.964 F1 0.981; speaker accuracy 0.962 (51/53)
//! - PolNeAR dev: quote P 0.993 R 0.853 F1 0.917; speaker-mention strict 0.919, lenient 0.935
//! - PolNeAR train: quote P 0.991 R 0.827 F1 0.902; strict 0.934, lenient 0.943
//! - speed: ~41 MB/s single core (release) on the PolNeAR texts
//!   Issue 12 (identical output): lower-cased words are borrowed from the text when already
//!   lower-case (`lc_cow`, `Ctx::lw`) instead of a `String` per test, possessive trimming without
//!   a per-call two-way searcher (`trim_poss`), and the word tables and surname registry hash with
//!   Fx instead of SipHash (they are only looked up, never iterated). Callgrind, PolNeAR dev + seeds
//!   per pass: `find_quotes` 92 → 64 M instructions (the searcher was ~10 M, `to_lowercase` ~7 M, SipHash ~7 M).
//!   `cargo bench --bench extract` (seed articles replicated, loaded machine): 47-53 → 67 MB/s.
//! Known gaps: attributions without a speech verb ("admires X as a “…”", "proposed …
//! rather than “…”"), transcripts ("PENCE: …"), quotes whose cue sits in another
//! sentence, and canonical names of bodies written differently from the gold.

use std::borrow::Cow;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    pub partial: bool,
    pub speaker: Option<String>,
    pub speaker_mention: Option<Span>,
    pub cue: Option<Span>,
}

// ---------------------------------------------------------------- tables

struct Tables {
    cues: FxHashSet<&'static str>,
    participles: FxHashSet<&'static str>,
    skip: FxHashSet<&'static str>,
    stop: FxHashSet<&'static str>,
    titles: FxHashSet<&'static str>,
    roles: FxHashSet<&'static str>,
    orgw: FxHashSet<&'static str>,
    male: FxHashSet<&'static str>,
    female: FxHashSet<&'static str>,
    notname: FxHashSet<&'static str>,
    abbr: FxHashSet<&'static str>,
    platforms: FxHashSet<&'static str>,
}

fn set(s: &'static str) -> FxHashSet<&'static str> {
    s.split_whitespace().collect()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        cues: set("said says say told tells added adds wrote writes tweeted tweets posted stated states asked asks \
            explained explains noted notes argued argues insisted insists warned warns declared declares claimed claims \
            continued continues replied replies responded responds recalled recalls acknowledged acknowledges admitted admits \
            announced announces emphasized emphasised emphasizes emphasises stressed stresses suggested suggests described \
            describes called calls urged urges promised promises vowed vows predicted predicts complained complains conceded \
            concedes joked jokes quipped quips remarked observed countered counters concluded cautioned mused boasted boasts \
            lamented laments charged contended contends maintained maintains testified shouted yelled exclaimed echoed \
            reported reports read reads criticised criticized dismissed labeled labelled branded pledged assured confirmed \
            denied proclaimed recounted wondered repeated repeats reiterated reiterates accused blasted slammed praised texted \
            emailed commented opined retorted demanded advised answered hinted indicated signaled signalled mocked touted \
            explained thanked writes wrote predicted recalled cited affirmed reaffirmed asserted asserts alleged alleges \
            characterized characterised dubbed derided ridiculed bragged teased chided scoffed sniffed conceded predicted \
            agreed disagreed objected estimated believes believed thinks thought compared ruled typed recalled"),
        participles: set("saying adding telling writing noting stressing emphasizing emphasising insisting warning \
            arguing calling describing explaining declaring asking urging claiming tweeting promising vowing accusing \
            suggesting citing recalling referring posting stating lamenting complaining acknowledging admitting praising \
            criticizing criticising blasting slamming dismissing decrying predicting pledging announcing touting boasting \
            demanding cautioning conceding joking quipping thanking reiterating repeating mocking claiming announcing \
            comparing ruling"),
        skip: set("to began begun begin started tried has have had also repeatedly later then previously will would was is once again reportedly simply \
            just recently earlier further publicly privately quickly flatly firmly bluntly did does never often first \
            finally even already clearly only still too subsequently has been may might could should can must \
            frequently famously angrily openly explicitly directly specifically separately initially"),
        stop: set("that which who whom whose and but or if when while because as to in on at by with from for of about \
            than then there this these those is was were be been are not no so after before since until into over under \
            what how why where do does did has have had will would can could may might must should shall it its \
            being having yet though although whether also just even more most very such"),
        titles: set("president minister foreign prime chancellor secretary senator sen rep representative gov governor \
            mr mrs ms miss dr prof professor spokesman spokeswoman spokesperson chief general gen ambassador mayor judge \
            justice pope king queen prince princess vice deputy former sir lord lady dame sheikh emir cardinal rev reverend \
            attorney speaker leader chairman chairwoman chair director commissioner envoy adviser advisor aide officer \
            colonel col lt sgt capt captain admiral gov. candidate nominee hopeful mogul billionaire businessman \
            democrat republican democratic republican gop u.s us u.s. eu un nato uk u.k white house press state \
            defense defence interior finance trade economy top senior acting presidential federal national executive \
            ceo cfo founder co-founder host anchor columnist correspondent editor analyst strategist pollster \
            congressman congresswoman lawmaker sheriff commander"),
        roles: set("spokesman spokeswoman spokesperson minister president diplomat official officials leader chief \
            adviser advisor aide aides secretary senator candidate nominee governor ambassador envoy chancellor premier \
            mayor director chairman chairwoman head lawyer attorney businessman billionaire mogul congressman \
            congresswoman lawmaker general commander executive founder host anchor author writer analyst \
            strategist pollster spokespeople representative rep hopeful frontrunner front-runner politician \
            statesman negotiator manager"),
        orgw: set("palace house institute council party ministry department office agency committee post times news \
            journal network university union court senate congress bank fund group association foundation campaign \
            street center centre organization organisation company corp inc administration service guard force forces \
            army police commission board press media radio tv channel magazine review tribune herald report watch club \
            church school college hospital airlines agreement treaty security states nations kingdom republic federation \
            arabia emirates korea york angeles kong francisco jersey hampshire carolina dakota virginia zealand africa \
            america europe asia union east west north south island islands city county valley times bureau cnn fox \
            msnbc abc nbc cbs reuters twitter facebook instagram youtube google apple microsoft amazon institution \
            coalition alliance movement caucus project initiative summit conference convention forum sea ocean river \
            mountains lake park square avenue road hall tower center trust poll survey study act bill plan program \
            programme festival award awards prize day week month year"),
        male: set("donald vladimir volodymyr andrii andriy hakan dmitry john emmanuel keir friedrich marco mykhailo recep \
            josep steve keith bernie ted jeb barack mike chris ben joe paul tim rand mitt george bill rudy rudolph newt \
            lindsey scott rick marco jim james robert michael david richard charles thomas mark daniel matthew anthony \
            donald steven kevin brian jason jeff jeffrey gary ryan eric stephen larry frank justin brandon gregory \
            raymond jack dennis jerry tyler aaron henry peter adam nathan zachary kyle walter harold carl jeremy \
            sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan \
            wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny reince corey sean mitch harry \
            chuck rahm al ron reid lyndon ronald gerald jimmy dick elliott roger nigel boris xi benjamin bibi sergei \
            sergey viktor olaf pedro luiz javier nicolas tayyip mevlut ahmet abdullah mohammed muhammad mohammad ali \
            hassan kim vladimir alexei alexey oleg igor yuri andrei andrey denys dmytro oleksandr petro vitali vitaly \
            hunter beau eric don jared stephen kellogg antony lloyd jake jens mark rishi justin francois francois \
            emmanuel gavin ron greg pete elon kanye marco hugh colin martin evan ken karl kurt neil glenn grant"),
        female: set("hillary chelsea kaja nancy elizabeth carly kellyanne sarah melania ivanka michelle huma donna debbie \
            jill hope katrina kelly amy maria anna mary susan karen linda lisa jennifer jessica emily patricia barbara \
            margaret dorothy betty helen sandra ashley kimberly carol michelle laura deborah stephanie rebecca sharon \
            cynthia kathleen ruth anna shirley angela brenda pamela nicole samantha katherine christine emma catherine \
            virginia rachel janet heather diane julie joyce victoria olivia kelly christina lauren joan evelyn judith \
            megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice \
            madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana \
            brittany natalie isabella charlotte rose alexis kayla ursula angela theresa giorgia marine kamala condoleezza \
            madeleine nikki elise kirsten tammy dianne maxine tulsi alexandria ilhan rashida ayanna marsha sheila \
            jeanne katie meghan mika megyn greta jen kayleigh sanders' stormy omarosa hope betsy kirstjen loretta \
            sally janet susana gina valerie yulia olena iryna oksana tatiana natalia svetlana annalena liz theresa"),
        notname: set("the a an in on at for of and but or if when while this that these those it its he she they we i \
            you his her their our my your monday tuesday wednesday thursday friday saturday sunday january february \
            march april may june july august september october november december today yesterday tomorrow mr mrs ms \
            however meanwhile also after before since during last next earlier later then there here what who why how \
            where according some many most more all both each every no not so as by with from to into says said \
            time times past hours hour minutes days weeks months years even speaking asked after one two week day"),
        abbr: set("mr mrs ms dr st jr sr gen gov sen rep lt col sgt capt prof rev inc corp co ltd vs no jan feb mar apr \
            jun jul aug sep sept oct nov dec u.s u.k u.n d.c e.g i.e etc mt ft fig"),
        platforms: set("x twitter facebook instagram telegram youtube tiktok truth social threads linkedin"),
    })
}

fn lc(s: &str) -> String {
    s.to_lowercase()
}

/// `lc(s)`, borrowed when `s` is lower-case ASCII already.
#[inline]
fn lc_cow(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 128) { Cow::Owned(lc(s)) } else { Cow::Borrowed(s) }
}

/// `s.trim_end_matches("'s").trim_end_matches("’s")` without the two-way searcher that
/// `trim_end_matches` with a `&str` pattern sets up per call (~10% of `find_quotes` under callgrind).
#[inline]
fn trim_poss(mut s: &str) -> &str {
    while let Some(r) = s.strip_suffix("'s") {
        s = r;
    }
    while let Some(r) = s.strip_suffix("’s") {
        s = r;
    }
    s
}

// ---------------------------------------------------------------- tokens

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Word,
    Punct,
    Open,  // opening quote mark of a listed segment
    Close, // closing quote mark of a listed segment
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: K,
    inq: bool,   // inside a quote segment (content) or a mark
    nl: bool,    // a newline occurs between the previous token and this one
    para: u32,
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
fn tokens_from(text: &str, st: &crate::text::Tokens) -> Vec<Tok> {
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
        toks.push(Tok { s, e: t[e - 1].end as usize, k: if word { K::Word } else { K::Punct }, inq: false, nl, para });
        k = e;
    }
    toks
}

// ---------------------------------------------------------------- quote pairing

#[derive(Clone, Debug)]
struct Seg {
    open: usize,          // token index of opening mark
    close: Option<usize>, // token index of closing mark (None: runs to paragraph end)
    cs: usize,
    ce: usize,
    last_tok: usize, // last token index belonging to the segment (close mark or last content token)
}

fn mark_of(text: &str, t: &Tok) -> Option<char> {
    if t.k != K::Punct {
        return None;
    }
    let c = text[t.s..].chars().next()?;
    match c {
        '"' | '“' | '”' | '‘' | '’' | '„' | '«' | '»' => Some(c),
        _ => None,
    }
}

fn find_segments(text: &str, toks: &mut [Tok]) -> Vec<Seg> {
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

// ---------------------------------------------------------------- helpers

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    t: &'static Tables,
    sent_of: Vec<u32>,       // token -> sentence id
    sents: Vec<(usize, usize)>, // token ranges
    reg: FxHashMap<String, (String, u8)>, // folded surname -> (full name, gender 0 unk 1 m 2 f)
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].s..self.toks[i].e]
    }
    /// The token lower-cased: borrowed from the text when it already is (most words), so the
    /// scans that test every word of a sentence allocate nothing (`to_lowercase` from here was
    /// ~7 M of the 78 M instructions of `find_quotes` per corpus pass under callgrind).
    fn lw(&self, i: usize) -> Cow<'a, str> {
        lc_cow(self.w(i))
    }
    fn is_cap(&self, i: usize) -> bool {
        self.toks[i].k == K::Word && self.w(i).chars().next().map_or(false, |c| c.is_uppercase())
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks[i].k == K::Word
    }
}

fn ends_sentence_word(ctx: &Ctx, i: usize) -> bool {
    // token i is '.', is the preceding word an abbreviation?
    if i == 0 || ctx.toks[i - 1].k != K::Word || ctx.toks[i - 1].e != ctx.toks[i].s {
        return true;
    }
    let w = ctx.w(i - 1);
    let l = lc_cow(w);
    let l: &str = &l;
    if ctx.t.abbr.contains(l) {
        return false;
    }
    if w.contains('.') {
        return false; // U.S.
    }
    if w.chars().count() == 1 && w.chars().next().unwrap().is_uppercase() {
        return false; // initial
    }
    true
}


// ---------------------------------------------------------------- names

/// Strip leading titles/demonyms from a run of capitalised tokens.
fn strip_titles(ctx: &Ctx, run: &[usize]) -> Vec<usize> {
    let mut k = 0;
    while k < run.len() {
        let l = ctx.lw(run[k]);
        let l: &str = &l;
        let l = l.trim_end_matches('.');
        let demonym = k + 1 < run.len()
            && (l.ends_with("ian") || l.ends_with("ish") || l.ends_with("ese") || l.ends_with("can") || l.ends_with("ench") || l.ends_with("man") && l != "german" || l == "german" || l.ends_with("i"));
        if ctx.t.titles.contains(l) || (demonym && !ctx.t.male.contains(l) && !ctx.t.female.contains(l)) || ((l.ends_with("'s") || l.ends_with("’s")) && k + 1 < run.len()) {
            k += 1;
        } else {
            break;
        }
    }
    run[k..].to_vec()
}

fn gender_of_first(ctx: &Ctx, first: &str) -> u8 {
    let f = fold(first);
    if ctx.t.male.contains(f.as_str()) {
        1
    } else if ctx.t.female.contains(f.as_str()) {
        2
    } else {
        0
    }
}

fn is_personish(ctx: &Ctx, name: &[usize]) -> bool {
    if name.is_empty() || name.len() > 4 {
        return false;
    }
    for &i in name {
        let l = ctx.lw(i);
        let l: &str = &l;
        if ctx.t.orgw.contains(l) || ctx.t.notname.contains(l) {
            return false;
        }
        if ctx.w(i).chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && ctx.w(i).chars().count() > 1 {
            return false; // acronym
        }
    }
    true
}

fn build_registry(ctx: &mut Ctx) {
    let n = ctx.toks.len();
    let mut i = 0;
    let mut reg: FxHashMap<String, (String, u8)> = FxHashMap::default();
    while i < n {
        let mut run = vec![];
        let mut j = i;
        if i + 3 < n && &ctx.text[ctx.toks[i].s..ctx.toks[i].e] == "(" && ctx.is_cap(i + 1) && &ctx.text[ctx.toks[i + 2].s..ctx.toks[i + 2].e] == ")" && ctx.is_cap(i + 3) {
            run.push(i + 1);
            j = i + 3;
        } else if !ctx.is_cap(i) {
            i += 1;
            continue;
        }
        run.push(j);
        let mut j = j + 1;
        while j < n && !ctx.toks[j].nl {
            if ctx.is_cap(j) {
                run.push(j);
                j += 1;
            } else if ctx.toks[j].k == K::Punct && &ctx.text[ctx.toks[j].s..ctx.toks[j].e] == "(" && j + 3 < n && ctx.is_cap(j + 1) && &ctx.text[ctx.toks[j + 2].s..ctx.toks[j + 2].e] == ")" && ctx.is_cap(j + 3) {
                run.push(j + 1);
                j += 3;
            } else if ctx.toks[j].k == K::Punct && &ctx.text[ctx.toks[j].s..ctx.toks[j].e] == "." && ctx.w(j - 1).chars().count() == 1 && j + 1 < n && ctx.is_cap(j + 1) {
                j += 1; // initial "W."
            } else {
                break;
            }
        }
        // title-cased honorific before the run ("Mr. Smith")
        let mut g_title = 0u8;
        if i >= 2 && ctx.toks[i - 1].k == K::Punct {
            let l = ctx.lw(i - 2);
            let l: &str = &l;
            g_title = match l { "mr" => 1, "mrs" | "ms" => 2, _ => 0 };
        }
        let name = strip_titles(ctx, &run);
        for &x in &run[..run.len() - name.len()] {
            let l = ctx.lw(x);
            let l: &str = &l;
            if l == "mr" { g_title = 1 }
            if l == "mrs" || l == "ms" { g_title = 2 }
        }
        if name.len() >= 2 && is_personish(ctx, &name) && !ctx.t.notname.contains(&*ctx.lw(name[0])) {
            let last = fold(trim_poss(ctx.w(*name.last().unwrap())));
            let full: Vec<&str> = name.iter().map(|&x| ctx.w(x)).collect();
            let mut full = full.join(" ");
            if full.ends_with("'s") || full.ends_with("’s") {
                full.truncate(full.len() - if full.ends_with("'s") { 2 } else { 4 });
            }
            let g = if g_title > 0 { g_title } else { gender_of_first(ctx, ctx.w(name[0])) };
            match reg.get_mut(&last) {
                None => {
                    reg.insert(last, (full, g));
                }
                Some(e) => {
                    if e.1 == 0 {
                        e.1 = g;
                    }
                }
            }
        } else if name.len() == 1 && g_title > 0 {
            let last = fold(ctx.w(name[0]));
            reg.entry(last).or_insert((ctx.w(name[0]).to_string(), g_title));
        }
        i = j.max(i + 1);
    }
    ctx.reg = reg;
}

/// Canonical speaker for a run of capitalised tokens (titles already stripped).
fn canon_name(ctx: &Ctx, name: &[usize]) -> (String, bool, u8) {
    let last_w = ctx.w(*name.last().unwrap());
    let last_w = trim_poss(last_w);
    let key = fold(last_w);
    if is_personish(ctx, name) {
        if let Some((full, g)) = ctx.reg.get(&key) {
            return (full.clone(), true, *g);
        }
    }
    let mut words: Vec<&str> = name.iter().map(|&x| ctx.w(x)).collect();
    if let Some(l) = words.last_mut() {
        *l = trim_poss(l);
    }
    let person = name.len() >= 2 && is_personish(ctx, name);
    let g = if person { gender_of_first(ctx, words[0]) } else { 0 };
    (words.join(" "), person, g)
}

// ---------------------------------------------------------------- attribution

#[derive(Clone, Debug)]
struct Attr {
    speaker: Option<String>,
    mention: Option<Span>,
    cue: Option<Span>,
    strong: bool, // right-adjacent attribution
}

fn is_pron(l: &str) -> Option<u8> {
    let l = trim_poss(l);
    match l {
        "he" | "him" => Some(1),
        "she" | "her" => Some(2),
        "they" | "i" | "we" | "it" | "you" => Some(0),
        _ => None,
    }
}

fn is_cue(ctx: &Ctx, i: usize) -> Option<bool> {
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

fn cue_span(ctx: &Ctx, i: usize, lim: usize) -> Span {
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

/// Noun phrase ending at token `end` (inclusive), going backwards, not before `lo`.
/// Returns (start, end) token indexes.
fn np_back(ctx: &Ctx, end: usize, lo: usize) -> Option<(usize, usize)> {
    if ctx.toks[end].inq || !ctx.is_word(end) {
        return None;
    }
    let l = ctx.lw(end);
    let l: &str = &l;
    if is_pron(&l).is_some() {
        return Some((end, end));
    }
    if ctx.t.stop.contains(l) {
        return None;
    }
    let head_cap = ctx.is_cap(end);
    if !head_cap && l.ends_with("ed") && !ctx.t.roles.contains(l) {
        return None;
    }
    let mut s = end;
    let mut count = 1;
    while s > lo && count < 9 {
        let p = s - 1;
        if ctx.toks[p].inq || ctx.toks[p + 0].nl && false {
            break;
        }
        if ctx.toks[s].nl {
            break;
        }
        if ctx.toks[p].k == K::Punct {
            // initials "W." inside names
            let pt = &ctx.text[ctx.toks[p].s..ctx.toks[p].e];
            if pt == "." && p > lo && ctx.is_cap(p - 1) && !ends_sentence_word(ctx, p) {
                s = p - 1;
                count += 1;
                continue;
            }
            if pt == ")" && s == end {
                // "Chaffetz (R-Utah) said"
                let mut q = p;
                while q > lo && q + 8 > p && &ctx.text[ctx.toks[q].s..ctx.toks[q].e] != "(" {
                    q -= 1;
                }
                if &ctx.text[ctx.toks[q].s..ctx.toks[q].e] == "(" && q > lo && ctx.is_word(q - 1) && ctx.is_cap(q - 1) {
                    return np_back(ctx, q - 1, lo).map(|(a, _)| (a, end));
                }
            }
            break;
        }
        let pl = ctx.lw(p);
        let pl: &str = &pl;
        if matches!(pl, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our") {
            s = p;
            break;
        }
        if (pl == "of" || pl == "for" || pl == "and") && ctx.is_cap(s) && p > lo && ctx.is_cap(p - 1) {
            s = p;
            continue;
        }
        if pl == "the" {
            s = p;
            break;
        }
        if ctx.t.stop.contains(pl) || is_pron(&pl).is_some() || ctx.t.cues.contains(pl) || ctx.t.participles.contains(pl) {
            break;
        }
        if !ctx.is_cap(p) && (pl.ends_with("ed") || pl.ends_with("ing")) && !ctx.t.roles.contains(pl) {
            break;
        }
        if !ctx.is_cap(p) && pl.chars().all(|c| c.is_numeric()) {
            break;
        }
        s = p;
        count += 1;
    }
    // a lowercase head needs some support (role noun, determiner or capitalised modifier)
    if !head_cap {
        let has_cap = (s..=end).any(|x| ctx.is_cap(x));
        let det = matches!(&*ctx.lw(s), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our");
        if !(ctx.t.roles.contains(l) || has_cap || det || l.ends_with('s') || s < end) {
            return None;
        }
    }
    // weekday/month heads are time expressions ("said Friday")
    if ctx.t.notname.contains(l) {
        return None;
    }
    Some((s, end))
}

/// Noun phrase starting at `st`, going forwards (inverted "said Fidan").
fn np_fwd(ctx: &Ctx, st: usize, hi: usize) -> Option<(usize, usize)> {
    if st >= hi || ctx.toks[st].inq || !ctx.is_word(st) || ctx.toks[st].nl {
        return None;
    }
    let l = ctx.lw(st);
    let l: &str = &l;
    if is_pron(&l).is_some() {
        return Some((st, st));
    }
    let mut e = st;
    let mut last_good = None;
    let mut k = st;
    while k < hi && k < st + 9 {
        if ctx.toks[k].inq || (k > st && ctx.toks[k].nl) {
            break;
        }
        if !ctx.is_word(k) {
            if &ctx.text[ctx.toks[k].s..ctx.toks[k].e] == "." && k > st && ctx.w(k - 1).chars().count() == 1 && k + 1 < hi && ctx.is_cap(k + 1) {
                k += 1;
                continue;
            }
            break;
        }
        let kl = ctx.lw(k);
        let kl: &str = &kl;
        let det = matches!(kl, "the" | "a" | "an" | "his" | "her" | "their" | "its");
        if ctx.is_cap(k) && !ctx.t.notname.contains(kl) || ctx.is_cap(k) && k == st && kl == "the" {
            e = k;
            last_good = Some(k);
        } else if det && k == st {
            e = k;
        } else if ctx.t.roles.contains(kl) || ctx.t.titles.contains(kl) {
            e = k;
            last_good = Some(k);
        } else if (kl == "of" || kl == "for") && last_good.is_some() && k + 1 < hi && ctx.is_cap(k + 1) {
            e = k;
        } else if !ctx.t.stop.contains(kl) && !ctx.is_cap(k) && k > st && !kl.ends_with("ed") && !kl.ends_with("ing") && !kl.ends_with("ly") && is_cue(ctx, k).is_none() && ctx.t.notname.get(kl).is_none() && (k + 1 < hi && (ctx.is_cap(k + 1) || ctx.t.roles.contains(&*ctx.lw(k + 1)))) {
            e = k; // adjective before role/name
        } else {
            break;
        }
        k += 1;
    }
    let _ = e;
    last_good.map(|g| (st, g))
}

/// Resolve a subject NP to (speaker, mention span).
fn np_speaker(ctx: &Ctx, s: usize, e: usize, subj: &[Option<(String, u8)>]) -> (Option<String>, Span) {
    let span = Span { start: ctx.toks[s].s, end: ctx.toks[e].e };
    let l = ctx.lw(e);
    let l: &str = &l;
    if s == e {
        if let Some(g) = is_pron(&l) {
            if g == 0 {
                return (None, span);
            }
            return (resolve_pron(ctx, g, s, subj), span);
        }
    }
    // last capitalised run
    let mut k = e as isize;
    while k >= s as isize && !ctx.is_cap(k as usize) {
        k -= 1;
    }
    if k >= s as isize {
        let re = k as usize;
        let mut rs = re;
        while rs > s {
            let p = rs - 1;
            if ctx.is_cap(p) {
                rs = p;
            } else if ctx.toks[p].k == K::Punct && &ctx.text[ctx.toks[p].s..ctx.toks[p].e] == "." && p > s && ctx.w(p - 1).chars().count() == 1 {
                rs = p - 1;
            } else if matches!(&*ctx.lw(p), "of" | "for" | "and") && p > s && ctx.is_cap(p - 1) {
                rs = p - 1;
            } else {
                break;
            }
        }
        let run: Vec<usize> = (rs..=re).filter(|&x| ctx.is_word(x)).collect();
        let mut name = strip_titles(ctx, &run);
        if !name.is_empty() && ctx.lw(name[0]) == "the" {
            name.remove(0);
        }
        let head_is_role = re < e && ctx.t.roles.contains(l);
        if !name.is_empty() && !head_is_role {
            let (c, _, _) = canon_name(ctx, &name);
            return (Some(c), span);
        }
        if name.is_empty() && !ctx.t.roles.contains(l) {
            // "Russian authorities"
            let st = if matches!(&*ctx.lw(s), "the" | "a" | "an") { s + 1 } else { s };
            if st <= e {
                return (Some(ctx.text[ctx.toks[st].s..ctx.toks[e].e].to_string()), span);
            }
        }
        if !name.is_empty() && head_is_role && !matches!(&*ctx.lw(s), "a" | "an") {
            // "the Kremlin spokesman" -> most recent person, else the body
            if let Some(p) = recent_subject(ctx, 0, s, subj) {
                return (Some(p), span);
            }
            let (c, _, _) = canon_name(ctx, &name);
            return (Some(c), span);
        }
    }
    let det = ctx.lw(s);
    let det: &str = &det;
    if ctx.t.roles.contains(l) && !matches!(det, "a" | "an") && !l.ends_with('s') {
        return (recent_subject(ctx, 0, s, subj), span);
    }
    if matches!(det, "a" | "an") {
        return (None, span);
    }
    let st = if matches!(det, "the" | "his" | "her" | "their" | "its") { s + 1 } else { s };
    (Some(ctx.text[ctx.toks[st.min(e)].s..ctx.toks[e].e].to_string()), span)
}

/// Person (canonical, gender) mentioned first in sentence `si` outside quotes.
fn sentence_first_person(ctx: &Ctx, si: usize, before: usize) -> Option<(Option<(String, u8)>, usize)> {
    let (a, b) = ctx.sents[si];
    let b = b.min(before).min(a + 150);
    let mut i = a;
    while i < b {
        if ctx.toks[i].inq || !ctx.is_word(i) {
            i += 1;
            continue;
        }
        let l = ctx.lw(i);
        let l: &str = &l;
        if let Some(g) = is_pron(&l) {
            if g > 0 && (l == "he" || l == "she") {
                return Some((None, i)); // pronoun first: caller resolves
            }
            i += 1;
            continue;
        }
        if ctx.is_cap(i) {
            let mut j = i;
            let mut run = vec![];
            while j < b && ctx.is_cap(j) && !ctx.toks[j].inq {
                run.push(j);
                j += 1;
            }
            let name = strip_titles(ctx, &run);
            if !name.is_empty() {
                let lastw = ctx.w(*name.last().unwrap());
                let key = fold(trim_poss(lastw));
                if let Some((full, g)) = ctx.reg.get(&key) {
                    if is_personish(ctx, &name) {
                        return Some((Some((full.clone(), *g)), i));
                    }
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    None
}

fn fits(g: u8, pg: u8) -> bool {
    g == 0 || pg == 0 || g == pg
}

fn resolve_pron(ctx: &Ctx, g: u8, pos: usize, subj: &[Option<(String, u8)>]) -> Option<String> {
    let si = ctx.sent_of[pos] as usize;
    if let Some((Some((n, pg)), at)) = sentence_first_person(ctx, si, pos) {
        if at < pos && fits(g, pg) {
            return Some(n);
        }
    }
    recent_subject(ctx, g, pos, subj)
}

fn recent_subject(ctx: &Ctx, g: u8, pos: usize, subj: &[Option<(String, u8)>]) -> Option<String> {
    let si = ctx.sent_of[pos.min(ctx.toks.len() - 1)] as usize;
    let lo = si.saturating_sub(6);
    // prefer exact gender
    for pass in 0..2 {
        for j in (lo..si).rev() {
            if let Some((n, pg)) = &subj[j] {
                if (pass == 0 && (*pg == g || g == 0)) || (pass == 1 && fits(g, *pg)) {
                    return Some(n.clone());
                }
            }
        }
    }
    None
}

fn sentence_subjects(ctx: &Ctx) -> Vec<Option<(String, u8)>> {
    let mut out: Vec<Option<(String, u8)>> = Vec::with_capacity(ctx.sents.len());
    for si in 0..ctx.sents.len() {
        let v = match sentence_first_person(ctx, si, usize::MAX) {
            Some((Some(p), _)) => Some(p),
            Some((None, at)) => {
                let g = is_pron(&ctx.lw(at)).unwrap_or(0);
                let lo = si.saturating_sub(6);
                let mut r = None;
                for pass in 0..2 {
                    for j in (lo..si).rev() {
                        if let Some((n, pg)) = &out[j] {
                            if (pass == 0 && *pg == g) || (pass == 1 && fits(g, *pg)) {
                                r = Some((n.clone(), if *pg == 0 { g } else { *pg }));
                                break;
                            }
                        }
                    }
                    if r.is_some() {
                        break;
                    }
                }
                r
            }
            None => None,
        };
        out.push(v);
    }
    out
}

/// Subject of the clause for a participle cue at `i` ("…, saying …").
fn participle_subject(ctx: &Ctx, i: usize, lo: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
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
fn finite_subject(ctx: &Ctx, k: usize, lo: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
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

fn according_to(ctx: &Ctx, i: usize, hi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
    if i + 2 < hi && ctx.lw(i) == "according" && ctx.lw(i + 1) == "to" {
        if let Some((s, e)) = np_fwd(ctx, i + 2, hi) {
            let (sp, span) = np_speaker(ctx, s, e, subj);
            return Some(Attr { speaker: sp, mention: Some(span), cue: Some(Span { start: ctx.toks[i].s, end: ctx.toks[i + 1].e }), strong: false });
        }
    }
    None
}

/// Right-side attribution starting at token `st` (first token after the closing mark).
fn right_attr(ctx: &Ctx, st: usize, hi: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
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
fn dash_attr(ctx: &Ctx, st: usize, subj: &[Option<(String, u8)>]) -> Option<Attr> {
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

fn title_like(s: &str) -> bool {
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

// ---------------------------------------------------------------- main entry

pub fn find_quotes(text: &str) -> Vec<Quote> {
    find_quotes_in(text, &crate::text::TextLayer::new(text, None))
}

/// The shared segmenter's sentences (`text::sentences`) over this module's tokens, never cut
/// inside a quotation except at a line break: the attribution of a quote is looked for in the
/// sentence that holds the whole quotation.
fn shared_sentences(ctx: &mut Ctx, layer: &crate::text::TextLayer) {
    let n = ctx.toks.len();
    let mut sents = Vec::new();
    let mut sent_of = vec![0u32; n];
    let mut k = 0usize;
    let mut start = 0usize;
    let mut last_sent = usize::MAX;
    for i in 0..n {
        let b = ctx.toks[i].s;
        while k + 1 < layer.sentences.len() && layer.sentences[k].span.end <= b {
            k += 1;
        }
        let t = ctx.toks[i];
        let inside = i > 0 && t.inq && ctx.toks[i - 1].inq && t.k != K::Open && ctx.toks[i - 1].k != K::Close;
        if i > 0 && k != last_sent && (!inside || t.nl) {
            sents.push((start, i));
            start = i;
        }
        last_sent = k;
        sent_of[i] = sents.len() as u32;
    }
    if start < n {
        sents.push((start, n));
    }
    ctx.sents = sents;
    ctx.sent_of = sent_of;
}

/// [`find_quotes`] over the text layer already computed for `text`.
pub fn find_quotes_in(text: &str, layer: &crate::text::TextLayer) -> Vec<Quote> {
    let mut toks = tokens_from(text, &layer.tokens);
    let segs = find_segments(text, &mut toks);
    if segs.is_empty() {
        return Vec::new();
    }
    let mut ctx = Ctx { text, toks, t: tables(), sent_of: vec![], sents: vec![], reg: FxHashMap::default() };
    shared_sentences(&mut ctx, layer);
    build_registry(&mut ctx);
    let subj = sentence_subjects(&ctx);
    let ctx = &ctx;
    let n = ctx.toks.len();

    let mut attrs: Vec<Option<Attr>> = vec![None; segs.len()];
    let mut drop = vec![false; segs.len()];
    let mut full = vec![false; segs.len()];
    for (qi, sg) in segs.iter().enumerate() {
        let si = ctx.sent_of[sg.open] as usize;
        let (sa, sb) = ctx.sents[si];
        let content = &text[sg.cs..sg.ce];
        // left context start: previous segment end within sentence
        let lo = sa.max(sg.open.saturating_sub(80));
        let hi_next = segs.get(qi + 1).map(|s| s.open).unwrap_or(n);
        let hi = sb.max(sg.last_tok + 1).min(hi_next).min(n);
        // preceding token (outside quotes)
        let prev = if sg.open > 0 { Some(sg.open - 1) } else { None };
        let prev_w = prev.map(|p| ctx.lw(p)).unwrap_or_default();
        let prev_w: &str = &prev_w;
        let so_called = prev.map_or(false, |p| {
            let l = ctx.lw(p);
            let l: &str = &l;
            matches!(l, "so-called" | "dubbed" | "nicknamed" | "titled" | "entitled" | "headlined" | "hashtag" | "slogan" | "motto" | "named")
                || (p > 0 && ctx.lw(p - 1) == "so-called")
                || (l == "as" && p > 0 && matches!(&*ctx.lw(p - 1), "known" | "referred" | "billed"))
        });
        let sent_initial = sg.open == sa || (qi > 0 && segs[qi - 1].last_tok + 1 == sg.open && (segs[qi - 1].last_tok + 1 == sa || ctx.toks[sg.open].nl));
        let colon = prev.map_or(false, |p| &text[ctx.toks[p].s..ctx.toks[p].e] == ":");
        let comma_cue = prev.map_or(false, |p| {
            (&text[ctx.toks[p].s..ctx.toks[p].e] == "," || ctx.is_word(p)) && (is_cue(ctx, p).is_some() || (p > 0 && is_cue(ctx, p - 1).is_some()))
        });
        let starts_upper = content.trim_start().chars().next().map_or(false, |c| c.is_uppercase());
        let ends_punct = content.trim_end().chars().next_back().map_or(false, |c| ".?!,".contains(c)) || sg.close.is_none();
        full[qi] = sent_initial || colon || (comma_cue && starts_upper && ends_punct) || ctx.toks[sg.open].nl || sg.open == 0;
        let _ = prev_w;
        if so_called {
            drop[qi] = true;
            continue;
        }
        // (a) right-adjacent
        let mut a = None;
        if sg.close.is_some() {
            let nx = sg.last_tok + 1;
            let dotted = content.trim_end().ends_with('.') && nx < n && ctx.sent_of[nx] != ctx.sent_of[sg.last_tok];
            let hi2 = if dotted { nx } else if nx < n { ctx.sents[ctx.sent_of[nx] as usize].1.min(hi_next) } else { n };
            a = right_attr(ctx, nx, hi2.max(nx), &subj);
            if a.is_none() { a = dash_attr(ctx, nx, &subj); }
        }
        // (b) left cue in the same sentence
        if a.is_none() {
            let mut k = sg.open;
            while k > lo {
                k -= 1;
                if ctx.toks[k].inq {
                    continue;
                }
                if ctx.lw(k) == "according" {
                    if let Some(x) = according_to(ctx, k, sg.open, &subj) {
                        a = Some(x);
                        break;
                    }
                }
                match is_cue(ctx, k) {
                    Some(true) => {
                        let mut x = finite_subject(ctx, k, lo, &subj);
                        if x.is_some() {
                            // an earlier reporting clause "X noted that … promised …" governs
                            let mut k0 = lo;
                            while k0 < k {
                                if is_cue(ctx, k0) == Some(true) && k0 + 1 < k && ctx.lw(k0 + 1) == "that" {
                                    if let Some(y) = finite_subject(ctx, k0, lo, &subj) {
                                        x = Some(y);
                                        break;
                                    }
                                }
                                k0 += 1;
                            }
                            a = x;
                            break;
                        }
                        // inverted with left NP missing: "said NP" before the quote? keep looking
                    }
                    Some(false) => {
                        a = participle_subject(ctx, k, lo, &subj);
                        if a.is_some() {
                            break;
                        }
                    }
                    None => {}
                }
            }
        }
        // (c) later ", NP said" in the sentence
        if a.is_none() && sg.close.is_some() {
            let mut k = sg.last_tok + 1;
            while k < hi.min(sg.last_tok + 80) {
                if !ctx.toks[k].inq && ctx.toks[k].k == K::Punct && &text[ctx.toks[k].s..ctx.toks[k].e] == "," {
                    if let Some(x) = right_attr(ctx, k + 1, hi, &subj) {
                        a = Some(Attr { strong: false, ..x });
                        break;
                    }
                }
                k += 1;
            }
        }
        if let Some(x) = &a {
            if !x.strong && title_like(content) {
                drop[qi] = true;
                continue;
            }
        } else if title_like(content) {
            drop[qi] = true;
            continue;
        }
        // (d') preceding "... said:" sentence for a sentence-initial quote
        if a.is_none() && sg.open > 0 && (sent_initial || ctx.toks[sg.open].nl) {
            let mut p = sg.open - 1;
            while p > 0 && ctx.toks[p].inq {
                p -= 1;
            }
            if &text[ctx.toks[p].s..ctx.toks[p].e] == ":" && !ctx.toks[p].inq {
                let psi = ctx.sent_of[p] as usize;
                let pa = ctx.sents[psi].0.max(p.saturating_sub(80));
                let mut k = p;
                while k > pa {
                    k -= 1;
                    match is_cue(ctx, k) {
                        Some(true) => {
                            if let Some(x) = finite_subject(ctx, k, pa, &subj) {
                                a = Some(x);
                                break;
                            }
                        }
                        Some(false) => {
                            if let Some(x) = participle_subject(ctx, k, pa, &subj) {
                                a = Some(x);
                                break;
                            }
                        }
                        None => {}
                    }
                }
            }
        }
        attrs[qi] = a;
    }
    // (d) inheritance for whole-sentence quotes
    for _pass in 0..2 {
        for qi in 0..segs.len() {
            if attrs[qi].is_some() || drop[qi] || !full[qi] {
                continue;
            }
            // previous attributed quote close by
            if qi > 0 {
                let pj = qi - 1;
                if let Some(pa) = attrs[pj].clone() {
                    let between = (segs[pj].last_tok + 1..segs[qi].open).filter(|&x| !ctx.toks[x].inq && ctx.is_word(x)).count();
                    let paras = ctx.toks[segs[qi].open].para - ctx.toks[segs[pj].last_tok].para;
                    let cont = segs[pj].close.is_none() || ctx.toks[segs[qi].open].nl;
                    if between <= 30 && (paras == 0 || (cont && paras <= 2 && between <= 12)) {
                        attrs[qi] = Some(Attr { strong: false, ..pa });
                        continue;
                    }
                }
            }
            // next attributed quote right after
            if qi + 1 < segs.len() {
                if let Some(na) = attrs[qi + 1].clone() {
                    let between = (segs[qi].last_tok + 1..segs[qi + 1].open).filter(|&x| !ctx.toks[x].inq && ctx.is_word(x)).count();
                    let same_para = ctx.toks[segs[qi].open].para == ctx.toks[segs[qi + 1].open].para || segs[qi].close.is_none();
                    if between == 0 && same_para && full[qi + 1] {
                        attrs[qi] = Some(Attr { strong: false, ..na });
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (qi, sg) in segs.iter().enumerate() {
        if drop[qi] {
            continue;
        }
        if let Some(a) = &attrs[qi] {
            out.push(Quote {
                span: Span { start: sg.cs, end: sg.ce },
                partial: !full[qi],
                speaker: a.speaker.clone(),
                speaker_mention: a.mention,
                cue: a.cue,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;


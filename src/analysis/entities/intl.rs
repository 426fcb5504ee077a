//! People, places and organisations outside English (issue 18): Spanish, French, Italian,
//! German, Portuguese, Russian, Ukrainian (and Turkish, for which no gold exists: the model
//! reads it as it reads the other Latin-script languages).
//!
//! One multilingual averaged perceptron, the English tagger's own (`tagger`: the same tokens,
//! features and greedy BIO decoding), with its own weights (`data/entities/ner_model_intl.bin`),
//! trained by [`train`] on the development gold of every language together
//! (`storyline eval entities --train-intl data/entities/ner_model_intl.bin`, with
//! `STORYLINE_EVAL` set). The English model, its tokens and its rules are untouched: this path
//! runs only for an article in a language [`reads`] names. Most of its features are what each
//! language has in common (capitalisation, shape, affixes, position, the gazetteer's bits, the
//! word clusters and word identity: its own words the model learns per word); a few are read
//! per language (below).
//! The tokens differ from the English ones in one way: an elided article or preposition is
//! its own token ("l'Italia" → "l'" "Italia", "dell'Europa"), as the gold spans start after it.
//!
//! Canonical names: a mention's name goes through the cross-language alias table
//! (`data/entities/aliases.tsv`: Зеленський / Зеленский / Selenskyj → Volodymyr Zelensky,
//! Київ / Kiew → Kyiv, Turquie / Turchia / Туреччина → Turkey; a form ending in `*` is a stem
//! that takes up to three more letters, for the cases of Russian and Ukrainian: Зеленського,
//! Києві, Туреччині), then, for a place, through the English column of the CLDR list of places
//! ([`place_english`]: Libia / Libye / Egypte / Kairo → Libya, Egypt, Cairo), then, for a name
//! in Cyrillic, through its transliteration ([`translit`]:
//! Ukrainian's national system, BGN/PCGN for Russian) looked up in the English gazetteer (a
//! person's surname alone as `merge_key` reads it), and the transliteration itself where none
//! is known. So the entity keys of an article in any language meet the English ones.
//!
//! Beside the English tagger's features, a multilingual token carries its language (the
//! gazetteer bits from `tagger::LANG_SHIFT` up), and the tagger reads features of its own from
//! it: the word's shape and its last two to four letters paired with the language (a German
//! noun's capital is not an Italian one's), its neighbours' words and shapes and its position
//! in the sentence paired with the language, prefixes of four to six letters (a Slavic name's
//! stem: Зеленськ-), and the document's memory of what a word with the same first five letters
//! was called (Зеленський, then Зеленського), the two words before and the two after as pairs
//! and the word before with the word's shape, in the language; and the names of places in every
//! language these read (Unicode CLDR's countries, regions and time-zone cities: Deutschland,
//! Oesterreich, Stati Uniti, Німеччина in its case forms; `data/entities/places_intl.tsv`, see
//! [`Places`]) as gazetteer bits of their own. Training leaves out 30% of a token's features at
//! each step (feature dropout), so no one word carries a decision alone: the sets are small
//! and the model otherwise learns their names by heart.
//!
//! FIGURES (`storyline eval entities --folds 5`, exact span and kind, PER/LOC/ORG, held-out F1
//! pooled over the five folds of each set; the defaults: 30 epochs, min-abs 1.0 (.5 since the
//! three models), dropout .3):
//!
//! | set | before (20 epochs, no dropout, no clusters) | dropout, clusters, own features | now: CLDR places, word pairs | (fold sd before → now) |
//! |---|---|---|---|---|
//! | de-hipe2020 | .435 | .503 | .496 | .053 → .052 |
//! | es-conll2002 | .787 | .794 | .802 | .047 → .044 |
//! | fr-hipe2020 | .688 | .702 | .709 | .047 → .044 |
//! | fr-wikineural | .768 | .783 | .797 | .012 → .015 |
//! | it-kind-wikinews | .674 | .729 | .726 | .028 → .029 |
//! | pt-wikineural | .805 | .818 | .823 | .017 → .016 |
//! | ru-factrueval | .750 | .767 | .791 | .029 → .015 |
//! | uk-neruk | .768 | .782 | .787 | .006 → .008 |
//! | average (fold sd, low–high) | .710 (.022, .672–.738) | .735 (.016, .706–.750) | .741 (.016, .711–.759) | |
//!
//! Then (issue 18, German): a word that stands before a person's name (titles, ranks and
//! offices: Herr, Hr., General, Pfarrer, M., Mme, signor, señor, президент…; [`title_word`])
//! carries the gazetteer's title bit, and the gazetteer's bits are also read paired with the
//! language. In German every noun is capitalised, so the model read a German capital as O
//! unless much else spoke for a name: held out, de-hipe2020 found 37% of the names (P .750),
//! missing places the gazetteer lists (Aachen, Hannover, Liverpool) and the name after
//! "General", "Hr.", "Professor". Held-out F1, five folds (before → after; per fold):
//!
//! | set | before → after | folds before | folds after |
//! |---|---|---|---|
//! | de-hipe2020 | .496 → .524 | .483 .434 .457 .583 .520 | .516 .426 .495 .627 .548 |
//! | es-conll2002 | .802 → .803 | .822 .726 .859 .795 .823 | .822 .730 .868 .796 .812 |
//! | fr-hipe2020 | .709 → .710 | .707 .638 .712 .776 .702 | .715 .639 .705 .760 .737 |
//! | fr-wikineural | .797 → .795 | .808 .787 .818 .797 .775 | .809 .791 .819 .778 .781 |
//! | it-kind-wikinews | .726 → .731 | .770 .707 .708 .698 .753 | .782 .720 .713 .707 .739 |
//! | pt-wikineural | .823 → .820 | .844 .819 .806 .840 .806 | .832 .814 .813 .840 .800 |
//! | ru-factrueval | .791 → .799 | .803 .777 .812 .794 .773 | .793 .819 .802 .803 .784 |
//! | uk-neruk | .787 → .782 | .778 .802 .785 .785 .786 | .781 .791 .774 .782 .783 |
//! | average | .741 → .746 | .752 .711 .745 .759 .742 | .756 .716 .749 .762 .748 |
//!
//! Alone, the titles gave .742 (de .518, every fold up; ru .782, uk .782) and the bits in the
//! language .742 (de .508, two folds down); the titles without the Cyrillic stems, with the
//! bits, .745 (de .516, uk .782). Not kept: German documents three times an epoch .737 (de
//! .499, every other set down).
//!
//! Then (issue 18): the weights of three models trained in other orders of the documents and
//! with other feature dropouts are averaged (`ENSEMBLE`; features under .5 dropped, 1.0 before:
//! an averaged weight is smaller), and a word an OCR page split at a line's end is read joined
//! ("Bun¬ desrathes" → "Bundesrathes", [`Joined`]). Held-out F1, five folds:
//!
//! | set | before → after | folds after | per fold, after − before |
//! |---|---|---|---|
//! | de-hipe2020 | .524 → .534 | .525 .454 .495 .613 .576 | +.010 +.028 .000 −.014 +.029 |
//! | es-conll2002 | .803 → .800 | .807 .733 .868 .796 .812 | −.016 +.003 −.001 .000 .000 |
//! | fr-hipe2020 | .710 → .714 | .716 .635 .715 .777 .724 | +.001 −.004 +.010 +.016 −.013 |
//! | fr-wikineural | .795 → .797 | .816 .777 .816 .791 .789 | +.007 −.014 −.003 +.013 +.008 |
//! | it-kind-wikinews | .731 → .741 | .795 .734 .713 .726 .741 | +.012 +.014 .000 +.019 +.003 |
//! | pt-wikineural | .820 → .825 | .827 .821 .814 .847 .815 | −.005 +.007 +.001 +.007 +.015 |
//! | ru-factrueval | .799 → .808 | .796 .832 .808 .819 .790 | +.003 +.013 +.006 +.016 +.006 |
//! | uk-neruk | .782 → .789 | .780 .804 .787 .787 .787 | .000 +.013 +.014 +.005 +.003 |
//! | average | .746 → .751 | .758 .724 .752 .770 .754 | +.002 +.007 +.003 +.008 +.006 |
//!
//! The joins alone: de .527, average .746 (folds +.001 +.004 −.003 +.005 −.006: one model's
//! order of documents moves a set by ±.01, es .803 → .794 with no Spanish text changed); with
//! the three models and min-abs 1.0 .750 (one fold −.002); with dropout .2 .748 (two folds
//! down). The model grows from 5.0 to 8.6 MB.
//!
//! The CLDR places alone gave .739 (ru .789, pt .825, de .506, it .724), set as the English
//! gazetteer's country and city bits instead of bits of their own .737; the word pairs alone
//! .736 (fr-wikineural .800, de .500). Tried with both and not kept: the neighbours' last three
//! letters in the language .740 (fr-hipe .697, fr-wikineural .788 fell); the word itself paired
//! with the language .737 (de .490); 40 epochs .741; dropout .4 .736.
//!
//! Tried on the way (average): the new features alone .717 (es .780, fr-hipe .676 fell);
//! dropout .1 .729, .2 .730, .4 .731, .5 (40 epochs) .731; 12 epochs .723, 40 epochs .735;
//! min-abs .5 with dropout .2 .732; min-abs 2.0 .727. A second pass reading each document's
//! names one way (a name's kind by the majority of its mentions, its untagged capitalised
//! mentions tagged) gave .737 (de +.007, uk +.005, es −.002): within the noise, not kept.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::gazetteer::{self, gaz};
use super::tagger::{self, Model, Tok};
use super::{default_canonical, spans_from_labels, surname_key, Cand, Entity, Kind};

/// The languages this tagger reads (ISO 639-1).
pub const LANGUAGES: &[&str] = &["es", "fr", "it", "de", "pt", "ru", "uk", "tr"];

/// Whether the multilingual tagger reads `lang`.
pub fn reads(lang: &str) -> bool {
    LANGUAGES.contains(&lang)
}

static MODEL: OnceLock<Model> = OnceLock::new();
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/entities/ner_model_intl.bin");

/// The shipped multilingual model.
pub fn model() -> &'static Model {
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES))
}

/// Elided words before a vowel: French and Italian (lower case, without the apostrophe).
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "presqu", "quoiqu", "dell", "all", "dall", "nell",
    "sull", "coll", "un", "quell", "quest", "sant", "tutt", "dov", "com", "nessun", "po",
];

/// Whether the multilingual tagger reads the word clusters (`clusters`) as the English one
/// does. On since the tagger's own multilingual features and feature dropout came (see the
/// module doc's figures): alone, with the English tagger's features, 20 epochs and no dropout,
/// they raised the held-out average .706 → .717 but es-conll (.792 → .785) and ru (.749 →
/// .746) fell; with dropout .1 the clusters alone gave .721 and the new features alone .721,
/// both .729, no set lower than without either.
const CLUSTERS: bool = true;

/// The letters of a capitalised word's stem (`Tok::stem`), which the document's memory of
/// what a name was called reads beside the whole word.
const STEM: usize = 5;

/// The first of the gazetteer bits that carry the language (bit `LANG_BIT + i` for
/// `LANGUAGES[i]`): as the model's gazetteer features pair the bits with the word's shape and
/// its neighbours', they let one model weigh capitals as German (every noun) or as Italian.
const LANG_BIT: u32 = tagger::LANG_SHIFT;
/// Gazetteer bits of a word the alias table names (`data/entities/aliases.tsv`), by kind.
const ALIAS_PERSON: u32 = 1 << 16;
const ALIAS_PLACE: u32 = 1 << 17;
const ALIAS_ORG: u32 = 1 << 18;

/// The tagger's tokens of a text in a language other than English: [`tagger::tokens_from`]
/// with elisions split off; gazetteer bits set (a capitalised word in Cyrillic is looked up
/// by its transliteration, as written and without its last one or two letters, the case
/// ending: Харкові → Kharkovi, Kharkov), the alias table's kind of a word it names, and the
/// language's bit.
pub fn tokens(text: &str, st: &crate::text::Tokens, lang: &str) -> Vec<Tok> {
    let mut toks = word_tokens(text, st);
    gazetteer::set_flags(&mut toks);
    if !CLUSTERS {
        toks.iter_mut().for_each(|t| t.clus = 0);
    }
    for t in toks.iter_mut().filter(|t| t.flags & tagger::F_HAS_UPPER != 0) {
        let w = &text[t.start..t.end];
        if let Some((cut, _)) = w.char_indices().nth(STEM - 1) {
            let end = cut + w[cut..].chars().next().map_or(0, char::len_utf8);
            t.stem = tagger::hash_lower_str(&w[..end]);
        }
    }
    let g = gaz();
    let lang_bit = LANGUAGES.iter().position(|l| *l == lang).map_or(0, |i| 1u32 << (LANG_BIT + i as u32));
    for t in toks.iter_mut() {
        let w = &text[t.start..t.end];
        if t.gaz == 0 && t.flags & tagger::F_HAS_UPPER != 0 && has_cyrillic(w) {
            let latin = translit(w, lang);
            let n = latin.chars().count();
            for cut in 0..3.min(n.saturating_sub(3)) {
                let stem: String = latin.chars().take(n - cut).collect();
                if let Some(&f) = g.flags.get(&tagger::hash_lower_str(&stem)) {
                    t.gaz = f;
                    break;
                }
            }
        }
        if t.flags & tagger::F_HAS_UPPER != 0 {
            if let Some(a) = aliases().find(w, Kind::Other) {
                t.gaz |= match a.kind {
                    Kind::Person => ALIAS_PERSON,
                    Kind::Place => ALIAS_PLACE,
                    _ => ALIAS_ORG,
                };
            }
        }
        if title_word(&text[t.start..t.end]) {
            t.gaz |= gazetteer::G_TITLE;
        }
        t.gaz |= lang_bit;
    }
    places().mark(text, &mut toks);
    toks
}

/// Words that stand before a person's name in the languages the tagger reads (lower case):
/// titles, ranks and offices.
const TITLES_INTL: &[&str] = &[
    // de
    "herr", "herrn", "hr", "hr.", "hh", "hh.", "frau", "fräulein", "frl", "dr", "dr.", "prof", "prof.", "professor",
    "general", "generals", "generale", "obergeneral", "oberst", "major", "hauptmann", "kapitän", "admiral", "adm",
    "adm.", "graf", "grafen", "fürst", "fürsten", "herzog", "herzogs", "könig", "königs", "kaiser", "kaisers", "prinz",
    "prinzessin", "papst", "bischof", "pfarrer", "kardinal", "minister", "ministers", "präsident", "präsidenten",
    "bürgermeister", "landammann", "kanzler", "bundeskanzler", "botschafter", "direktor", "marquis", "lord", "lords",
    "sir", "oberstleutnant", "leutnant", "feldmarschall", "marschall",
    // fr
    "m", "m.", "mm", "mm.", "mme", "mmes", "mlle", "monsieur", "messieurs", "madame", "mademoiselle", "général",
    "colonel", "capitaine", "lieutenant", "commandant", "maréchal", "amiral", "docteur", "professeur", "abbé", "mgr",
    "monseigneur", "cardinal", "pape", "roi", "reine", "prince", "princesse", "duc", "duchesse", "comte",
    "comtesse", "baron", "président", "ministre", "maire", "préfet", "député", "sénateur", "chancelier",
    "ambassadeur",
    // it
    "signor", "signore", "signora", "sig", "sig.", "dott", "dott.", "dottor", "dottore", "professore", "generale",
    "colonnello", "capitano", "presidente", "ministro", "sindaco", "papa", "re", "regina", "principe", "conte",
    "cardinale", "onorevole", "on.",
    // es, pt
    "señor", "señora", "sr", "sr.", "sra", "sra.", "don", "doña", "coronel", "capitán", "ministra", "alcalde",
    "rey", "príncipe", "presidenta", "portavoz", "senhor", "senhora", "dom", "dona", "rei", "rainha", "prefeito",
    "governador",
];

/// Stems of titles in Russian and Ukrainian (any case ending).
const TITLE_STEMS_CYR: &[&str] = &[
    "президент", "министр", "міністр", "губернатор", "генерал", "директор", "депутат", "премьер", "прем'єр",
    "прем’єр", "господин", "пан", "пані", "мэр", "мер", "посол", "канцлер", "спикер", "спікер",
];

/// Whether a word is a title ([`TITLES_INTL`], [`TITLE_STEMS_CYR`]).
fn title_word(w: &str) -> bool {
    let lower: String = w.chars().flat_map(char::to_lowercase).collect();
    if has_cyrillic(&lower) {
        let n = lower.chars().count();
        return TITLE_STEMS_CYR.iter().any(|s| {
            let k = s.chars().count();
            lower.starts_with(s) && n <= k + 3 && (k >= 5 || n <= k + 2)
        });
    }
    TITLES_INTL.contains(&lower.as_str())
}

/// [`tagger::tokens_from`] with elisions split off ("l'Italia" → "l'" "Italia").
fn word_tokens(text: &str, st: &crate::text::Tokens) -> Vec<Tok> {
    let mut toks = tagger::tokens_from(text, st);
    if toks.iter().any(|t| text[t.start..t.end].contains(['\'', '\u{2019}'])) {
        let mut out = Vec::with_capacity(toks.len() + 8);
        for t in toks {
            let w = &text[t.start..t.end];
            let cut = w.find(['\'', '\u{2019}']).filter(|&p| {
                let (pre, rest) = (&w[..p], &w[p..]);
                let after = rest.chars().nth(1);
                ELIDED.iter().any(|e| e.eq_ignore_ascii_case(pre)) && after.is_some_and(char::is_alphabetic)
            });
            match cut {
                Some(p) => {
                    let apo = w[p..].chars().next().map_or(1, char::len_utf8);
                    let mut a = tagger::make_token(text, t.start, t.start + p + apo, false);
                    a.flags |= t.flags & (tagger::F_NEWLINE_BEFORE | tagger::F_SENT_START | tagger::F_CAPS_LINE);
                    let mut b = tagger::make_token(text, t.start + p + apo, t.end, false);
                    b.flags |= t.flags & tagger::F_CAPS_LINE;
                    out.push(a);
                    out.push(b);
                }
                None => out.push(t),
            }
        }
        toks = out;
    }
    toks
}

/// Gazetteer bits of a word of a place's name in the CLDR list (`data/entities/places_intl.tsv`):
/// a country, continent or region, and a city.
const CLDR_COUNTRY: u32 = 1 << 13;
const CLDR_CITY: u32 = 1 << 14;

static PLACES_TSV: &str = include_str!("../../../data/entities/places_intl.tsv");
static PLACES: OnceLock<Places> = OnceLock::new();

/// The names of places in every language the tagger reads (Unicode CLDR's territories and
/// time-zone cities: Deutschland, Schweiz, Wien, Stati Uniti, Німеччина), by their first word.
struct Places {
    /// a name's first word's key → (the keys of its other words, its bits), longest first
    by_first: HashMap<u64, Vec<(Vec<u64>, u32)>>,
}

fn places() -> &'static Places {
    PLACES.get_or_init(|| {
        let mut by_first: HashMap<u64, Vec<(Vec<u64>, u32)>> = HashMap::new();
        for line in PLACES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(_lang), Some(kind), Some(name)) = (f.next(), f.next(), f.next()) else { continue };
            let bit = if kind == "CITY" { CLDR_CITY } else { CLDR_COUNTRY };
            let toks = word_tokens(name, &crate::text::Tokens::new(name));
            let keys: Vec<u64> = toks.iter().map(|t| place_key(&name[t.start..t.end])).collect();
            let Some((&first, rest)) = keys.split_first() else { continue };
            let v = by_first.entry(first).or_default();
            if !v.iter().any(|(r, _)| r == rest) {
                v.push((rest.to_vec(), bit));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
        }
        Places { by_first }
    })
}

static ENGLISH: OnceLock<HashMap<(&'static str, Vec<u64>), &'static str>> = OnceLock::new();

/// The English name of a place the CLDR list gives in `lang` ("Libia" in Italian or Spanish →
/// "Libya", "Égypte" and "Egypte" → "Egypt", "Kairo" → "Cairo", "Німеччині" → "Germany"), so
/// that an article in any language names it as the English ones do. A Latin word is keyed
/// folded (no case, no accents; a German genitive's s dropped), a Cyrillic one as
/// [`place_key`] keys it and tried in its case forms as [`place_candidates`] tries them.
fn place_english(name: &str, lang: &str) -> Option<&'static str> {
    let map = ENGLISH.get_or_init(|| {
        let mut m = HashMap::new();
        for line in PLACES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if let [lang, _, name, english] = f[..] {
                let keys = name.split_whitespace().map(|w| if has_cyrillic(w) { place_key(w) } else { gazetteer::fold_hash(w) }).collect();
                m.insert((lang, keys), english);
            }
        }
        m
    });
    let words: Vec<Vec<u64>> = name
        .split_whitespace()
        .map(|w| {
            let mut c = Vec::new();
            if has_cyrillic(w) {
                place_candidates(w, tagger::hash_lower_str(&w.to_lowercase()), &mut c);
            } else {
                c.push(gazetteer::fold_hash(w));
                if w.chars().count() > 4 && w.ends_with('s') {
                    c.push(gazetteer::fold_hash(&w[..w.len() - 1]));
                }
            }
            c
        })
        .collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    // every choice of one candidate per word (at most 3^4)
    let mut picks = vec![0usize; words.len()];
    loop {
        let keys: Vec<u64> = picks.iter().zip(&words).map(|(&i, c)| c[i]).collect();
        if let Some(&en) = map.get(&(lang, keys)) {
            return Some(en);
        }
        let mut k = 0;
        loop {
            if k == words.len() {
                return None;
            }
            picks[k] += 1;
            if picks[k] < words[k].len() {
                break;
            }
            picks[k] = 0;
            k += 1;
        }
    }
}

/// The key a word of a place's name is listed under: its lower case, and for a word in
/// Cyrillic without a final vowel, soft sign or й (Німеччина → німеччин), so that its case
/// forms (Німеччині, Німеччину) meet it through [`place_candidates`].
fn place_key(w: &str) -> u64 {
    let lower: String = w.chars().flat_map(char::to_lowercase).map(|c| if c == '\u{2019}' { '\'' } else { c }).collect();
    if has_cyrillic(&lower) {
        let n = lower.chars().count();
        if n > 4 && lower.ends_with(['а', 'я', 'о', 'е', 'и', 'ы', 'і', 'у', 'ю', 'й', 'ь']) {
            let cut: String = lower.chars().take(n - 1).collect();
            return tagger::hash_lower_str(&cut);
        }
    }
    tagger::hash_lower_str(&lower)
}

/// The keys a word of a text may be listed under: itself; in Cyrillic, without its last one or
/// two letters (a case ending); else without a final s (a German genitive: Deutschlands).
fn place_candidates(w: &str, lower: u64, out: &mut Vec<u64>) {
    out.clear();
    out.push(lower);
    let n = w.chars().count();
    if has_cyrillic(w) {
        for cut in 1..=2 {
            if n >= 4 + cut {
                let s: String = w.chars().take(n - cut).collect();
                out.push(tagger::hash_lower_str(&s));
            }
        }
    } else if w.contains('\u{2019}') {
        out.push(tagger::hash_lower_str(&w.replace('\u{2019}', "'")));
    } else if n > 4 && w.ends_with('s') {
        out.push(tagger::hash_lower_str(&w[..w.len() - 1]));
    }
}

impl Places {
    /// Set the bits of every run of capitalised tokens that is a listed name.
    fn mark(&self, text: &str, toks: &mut [Tok]) {
        let n = toks.len();
        let (mut here, mut next) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < n {
            if toks[i].flags & tagger::F_HAS_UPPER == 0 {
                i += 1;
                continue;
            }
            place_candidates(&text[toks[i].start..toks[i].end], toks[i].lower, &mut here);
            let mut found = None;
            'first: for c in &here {
                let Some(names) = self.by_first.get(c) else { continue };
                for (rest, bit) in names {
                    if i + rest.len() >= n + 1 {
                        continue;
                    }
                    let all = rest.iter().enumerate().all(|(k, key)| {
                        let t = &toks[i + 1 + k];
                        place_candidates(&text[t.start..t.end], t.lower, &mut next);
                        next.contains(key)
                    });
                    if all {
                        found = Some((rest.len() + 1, *bit));
                        break 'first;
                    }
                }
            }
            match found {
                Some((len, bit)) => {
                    toks[i..i + len].iter_mut().for_each(|t| t.gaz |= bit);
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

/// People, places, organisations (and OTHER, the sets' MISC) of a text in `lang`, by the
/// shipped model.
pub fn find_entities_lang(text: &str, st: &crate::text::Tokens, lang: &str) -> Vec<Entity> {
    find_entities_with(text, st, lang, model())
}

/// [`find_entities_lang`] by any model of the same features (the evaluation's folds).
pub fn find_entities_with(text: &str, st: &crate::text::Tokens, lang: &str, m: &Model) -> Vec<Entity> {
    if let Some(j) = Joined::new(text) {
        let st = crate::text::Tokens::new(&j.text);
        let mut out = find_entities_joined(&j.text, &st, lang, m);
        for e in out.iter_mut() {
            (e.start, e.end) = (j.orig[e.start], j.orig[e.end - 1] + 1);
        }
        return out;
    }
    find_entities_joined(text, st, lang, m)
}

/// A text with its words split at a line's end joined again: an OCR page's "Bun¬ desrathes"
/// (the sign ¬ and the space or line break after it) → "Bundesrathes", a soft hyphen's
/// "Bun\u{ad}desrathes" → "Bundesrathes", and before a capital "Nord¬ Amerika" →
/// "Nord-Amerika". A split name was two words of which neither looks like a name (HIPE-2020's
/// German pages have 959 such splits in 33 documents: "Bun¬ desrathes", "Pe¬ stalozzi",
/// "Kon¬ stantinopel").
struct Joined {
    text: String,
    /// the original byte offset of each byte of `text`, and the text's length after them
    orig: Vec<usize>,
}

impl Joined {
    fn new(text: &str) -> Option<Joined> {
        if !text.contains(['¬', '\u{ad}']) {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut orig = Vec::with_capacity(text.len() + 1);
        let mut it = text.char_indices().peekable();
        let mut prev_alpha = false;
        while let Some((i, c)) = it.next() {
            if (c == '¬' || c == '\u{ad}') && prev_alpha {
                // the split's sign, the spaces after it, then a letter
                let rest = &text[i + c.len_utf8()..];
                let gap = rest.len() - rest.trim_start().len();
                let next = rest[gap..].chars().next();
                if next.is_some_and(char::is_alphabetic) && !rest[..gap].contains("\n\n") {
                    if next.is_some_and(char::is_uppercase) {
                        out.push('-');
                        orig.push(i);
                    }
                    while it.peek().is_some_and(|&(j, _)| j < i + c.len_utf8() + gap) {
                        it.next();
                    }
                    continue;
                }
            }
            out.push(c);
            orig.extend(i..i + c.len_utf8());
            prev_alpha = c.is_alphabetic();
        }
        orig.push(text.len());
        Some(Joined { text: out, orig })
    }

    /// The byte offset in the joined text of an original offset (one inside a removed split: the
    /// next kept byte).
    fn joined_of(&self, ix: usize) -> usize {
        self.orig.partition_point(|&o| o < ix)
    }
}

fn find_entities_joined(text: &str, st: &crate::text::Tokens, lang: &str, m: &Model) -> Vec<Entity> {
    let toks = tokens(text, st, lang);
    if toks.is_empty() {
        return Vec::new();
    }
    let labels = tagger::tag(text, &toks, m);
    let mut seen: HashMap<(&str, Kind), (String, Kind)> = HashMap::new();
    let mut out = Vec::new();
    for c in join_article(text, &toks, spans_from_labels(&labels)) {
        let (start, end) = (toks[c.ts].start, toks[c.te - 1].end);
        let name = &text[start..end];
        if c.te == c.ts + 1 && is_page_label(name) {
            continue;
        }
        let (canonical, kind) = seen.entry((name, c.kind)).or_insert_with(|| canonical(name, c.kind, lang)).clone();
        out.push(Entity { start, end, kind, canonical, role: None });
    }
    out
}

/// Arabic's article "Al" tagged as a name of its own before the name it belongs to is that
/// name's first word: "Al" + "Jazeera", "Al" + "Qaeda" (in the 740 ML-Crisis pages, 167 mentions
/// of a person "Al", nearly all the first word of Al Jazeera, Al Yazira or Al Qaeda). The
/// joined name takes the kind of the name after it.
fn join_article(text: &str, toks: &[Tok], cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(last) = out.last_mut() {
            let word = &text[toks[last.ts].start..toks[last.te - 1].end];
            if last.te == last.ts + 1 && last.te == c.ts && matches!(word, "Al" | "AL") && toks[c.ts].start == toks[last.ts].end + 1 {
                last.te = c.te;
                last.kind = c.kind;
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A page's label, not a name, when it stands alone as a mention: a source line ("Fonte:
/// \"Attacchi a Gheddafi…\"", "Source", "Fuente", "Quelle"), a photo credit or gallery
/// ("+ Fotos"), a paywall mark ("… Abonnés"). In the 740 ML-Crisis pages "Fonte" alone was a
/// person 288 times.
fn is_page_label(word: &str) -> bool {
    const LABELS: &[&str] = &[
        "fonte", "fonti", "source", "sources", "fuente", "fuentes", "quelle", "quellen", "foto", "fotos", "photo", "photos", "abonnés", "crédit", "crédito", "credit", "credits",
    ];
    let lower = word.to_lowercase();
    LABELS.contains(&lower.as_str())
}

// ------------------------------------------------------------------ canonical names

struct Alias {
    canonical: String,
    kind: Kind,
    /// `PERSON=` in the table: the surname of a family in the news, so a longer name that ends
    /// in it is a relative, not this person ("Khamis Kadhafi", "Gamal Mubarak")
    family: bool,
}

struct Aliases {
    exact: HashMap<String, usize>,
    /// (stem, entry), longest stems first
    stems: Vec<(String, usize)>,
    entries: Vec<Alias>,
}

static ALIASES_TSV: &str = include_str!("../../../data/entities/aliases.tsv");
static ALIASES: OnceLock<Aliases> = OnceLock::new();

fn aliases() -> &'static Aliases {
    ALIASES.get_or_init(|| {
        let mut a = Aliases { exact: HashMap::new(), stems: Vec::new(), entries: Vec::new() };
        for line in ALIASES_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut f = line.split('\t');
            let (Some(kind), Some(canonical), Some(forms)) = (f.next(), f.next(), f.next()) else { continue };
            let (kind, family) = match kind {
                "PERSON" => (Kind::Person, false),
                "PERSON=" => (Kind::Person, true),
                "PLACE" => (Kind::Place, false),
                "ORG" => (Kind::Org, false),
                _ => continue,
            };
            let ix = a.entries.len();
            a.entries.push(Alias { canonical: canonical.to_string(), kind, family });
            a.exact.insert(key(canonical), ix);
            for form in forms.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                match form.strip_suffix('*') {
                    Some(stem) => a.stems.push((key(stem), ix)),
                    None => {
                        a.exact.insert(key(form), ix);
                    }
                }
            }
        }
        a.stems.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        a
    })
}

/// The alias table's key of a name: lower case, ё as е, apostrophes one, spaces single.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars().flat_map(char::to_lowercase) {
            out.push(match c {
                'ё' => 'е',
                '\u{2019}' | '\u{02bc}' | '`' => '\'',
                c => c,
            });
        }
    }
    out
}

impl Aliases {
    /// The entry of a whole name, or of a word of it by stem (one word, or a person's last).
    fn find(&self, name: &str, kind: Kind) -> Option<&Alias> {
        let k = key(name);
        if let Some(&ix) = self.exact.get(&k) {
            return Some(&self.entries[ix]);
        }
        let words: Vec<&str> = k.split(' ').collect();
        let last = *words.last()?;
        if words.len() > 1 {
            if kind != Kind::Person {
                return None;
            }
            if let Some(&ix) = self.exact.get(last) {
                return Some(&self.entries[ix]).filter(|e| e.kind == Kind::Person && !e.family);
            }
        }
        let n = last.chars().count();
        self.stems
            .iter()
            .find(|(s, _)| last.starts_with(s.as_str()) && n - s.chars().count() <= 3)
            .map(|&(_, ix)| &self.entries[ix])
            .filter(|e| words.len() == 1 || (e.kind == Kind::Person && !e.family))
    }
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c))
}

/// The canonical name the alias table gives one word, in any of its languages and case forms
/// ("Путіна" → "Vladimir Putin", "Türkei" → "Turkey"), or None.
pub fn alias_of(word: &str) -> Option<&'static str> {
    aliases().find(word.trim_matches(|c: char| !c.is_alphanumeric()), Kind::Other).map(|a| a.canonical.as_str())
}

/// The canonical name and kind of a mention `name` tagged `kind` in an article in `lang`.
pub fn canonical(name: &str, kind: Kind, lang: &str) -> (String, Kind) {
    let name = name.trim_matches(|c: char| matches!(c, '«' | '»' | '"' | '„' | '“' | '”'));
    if let Some(a) = aliases().find(name, kind) {
        // the table's kind wins over the tagger's (Кремль is the Kremlin, an organisation)
        return (a.canonical.clone(), if kind == Kind::Other { kind } else { a.kind });
    }
    let g = gaz();
    if kind == Kind::Place {
        if let Some(en) = place_english(name, lang) {
            return (g.lookup(en).map_or_else(|| en.to_string(), |e| e.canonical.clone()), kind);
        }
    }
    let latin = if has_cyrillic(name) { translit(name, lang) } else { name.to_string() };
    if let Some(e) = g.lookup(&latin) {
        if e.kind == kind || e.prio >= 2 {
            return (e.canonical.clone(), kind);
        }
    }
    if kind == Kind::Person && !latin.contains(' ') {
        if let Some(c) = g.surnames.get(&surname_key(&latin)) {
            return (c.clone(), kind);
        }
    }
    (default_canonical(&latin, kind), kind)
}

/// Cyrillic → Latin: Ukrainian's national system (2010) for `uk`, BGN/PCGN for Russian and any
/// other language; other characters as they are. A capital stays a capital ("Щ" → "Shch").
pub fn translit(s: &str, lang: &str) -> String {
    let uk = lang == "uk";
    let mut out = String::with_capacity(s.len() * 2);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let initial = prev.is_none_or(|p| !p.is_alphabetic() && p != '\'' && p != '\u{2019}');
        let after_vowel = prev.is_some_and(|p| "аеёиоуыэюяєіїaeiouy".contains(p.to_lowercase().next().unwrap_or(p)));
        let m: &str = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => if uk { "h" } else { "g" },
            'ґ' => "g",
            'д' => "d",
            'е' => if !uk && (initial || after_vowel) { "ye" } else { "e" },
            'ё' => "yo",
            'є' => if initial { "ye" } else { "ie" },
            'ж' => "zh",
            'з' => "z",
            'и' => if uk { "y" } else { "i" },
            'і' => "i",
            'ї' => if initial { "yi" } else { "i" },
            'й' => if uk && !initial { "i" } else { "y" },
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => if uk && !initial { "iu" } else { "yu" },
            'я' => if uk && !initial { "ia" } else { "ya" },
            '\'' | '\u{2019}' | '\u{02bc}' if uk => "",
            _ => {
                out.push(c);
                prev = Some(c);
                continue;
            }
        };
        if c != lower {
            let mut cs = m.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(m);
        }
        prev = Some(c);
    }
    out
}

// ------------------------------------------------------------------ training

/// A document of the training gold: its text, language and entity spans (byte offsets; type 1
/// PER, 2 LOC, 3 ORG, 4 MISC).
pub struct TrainDoc {
    pub text: String,
    pub lang: String,
    pub spans: Vec<(usize, usize, u8)>,
}

/// Train the multilingual model on `docs` (`epochs` passes in a fixed shuffled order) and
/// return its weights in the `Model::from_bytes` format, features under `min_abs` dropped.
pub fn train(docs: &[TrainDoc], epochs: usize, min_abs: f32, dropout: f32) -> Vec<u8> {
    let prepared: Vec<(String, Vec<Tok>, Vec<u8>)> = docs
        .iter()
        .map(|d| {
            let joined = Joined::new(&d.text);
            let (text, spans) = match &joined {
                Some(j) => (j.text.as_str(), d.spans.iter().map(|&(s, e, t)| (j.joined_of(s), j.joined_of(e), t)).collect()),
                None => (d.text.as_str(), d.spans.clone()),
            };
            let toks = tokens(text, &crate::text::Tokens::new(text), &d.lang);
            let mut gold = vec![0u8; toks.len()];
            for &(s, e, t) in &spans {
                let base = 2 * t - 1;
                let mut first = true;
                for (k, tok) in toks.iter().enumerate() {
                    if tok.start >= s && tok.end <= e {
                        gold[k] = if first { base } else { base + 1 };
                        first = false;
                    }
                }
            }
            (text.to_string(), toks, gold)
        })
        .collect();
    let mut rows = tagger::FastMap::default();
    for member in 0..ENSEMBLE {
        let mut order: Vec<usize> = (0..prepared.len()).collect();
        let mut tr = tagger::Trainer::with_dropout(dropout);
        let mut seed: u64 = 12345;
        if member > 0 {
            seed = tagger::mix(seed + member as u64);
            tr.reseed(tagger::mix(0x853c49e6748fea9b ^ member as u64));
        }
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (seed >> 33) as usize % (i + 1));
            }
            for &i in &order {
                let (text, toks, gold) = &prepared[i];
                tr.train_doc(text, toks, gold);
            }
        }
        tr.add_averaged(1.0 / ENSEMBLE as f32, &mut rows);
    }
    tagger::export_rows(&rows, min_abs).0
}

/// Models trained in other orders of the documents and other feature dropouts, whose weights
/// are averaged into the shipped one (an ensemble voting by summed scores): one model's
/// decisions on a small set depend on the order it saw the documents in.
const ENSEMBLE: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_names_transliterate_by_language() {
        assert_eq!(translit("Зеленський", "uk"), "Zelenskyi");
        assert_eq!(translit("Зеленский", "ru"), "Zelenskiy");
        assert_eq!(translit("Київ", "uk"), "Kyiv");
        assert_eq!(translit("Щорс", "uk"), "Shchors");
        assert_eq!(translit("Юлія Свириденко", "uk"), "Yuliia Svyrydenko");
    }

    #[test]
    fn names_in_every_language_meet_the_english_canonical_names() {
        for (name, kind, lang, want) in [
            ("Зеленський", Kind::Person, "uk", "Volodymyr Zelensky"),
            ("Зеленського", Kind::Person, "uk", "Volodymyr Zelensky"),
            ("Володимир Зеленський", Kind::Person, "uk", "Volodymyr Zelensky"),
            ("Зеленский", Kind::Person, "ru", "Volodymyr Zelensky"),
            ("Selenskyj", Kind::Person, "de", "Volodymyr Zelensky"),
            ("Київ", Kind::Place, "uk", "Kyiv"),
            ("Києві", Kind::Place, "uk", "Kyiv"),
            ("Kiew", Kind::Place, "de", "Kyiv"),
            ("Kiev", Kind::Place, "es", "Kyiv"),
            ("Turquie", Kind::Place, "fr", "Turkey"),
            ("Turchia", Kind::Place, "it", "Turkey"),
            ("Туреччині", Kind::Place, "uk", "Turkey"),
            ("Ердоган", Kind::Person, "uk", "Recep Tayyip Erdoğan"),
            ("Erdoğan", Kind::Person, "tr", "Recep Tayyip Erdoğan"),
            ("Путіна", Kind::Person, "uk", "Vladimir Putin"),
            // the CLDR list's names of places, in their English form
            ("Libia", Kind::Place, "it", "Libya"),
            ("Libia", Kind::Place, "es", "Libya"),
            ("Égypte", Kind::Place, "fr", "Egypt"),
            ("Egypte", Kind::Place, "fr", "Egypt"),
            ("Egitto", Kind::Place, "it", "Egypt"),
            ("Kairo", Kind::Place, "de", "Cairo"),
            ("Німеччині", Kind::Place, "uk", "Germany"),
            ("Stati Uniti", Kind::Place, "it", "United States"),
        ] {
            assert_eq!(canonical(name, kind, lang).0, want, "{name}");
        }
        // no alias known: the transliteration
        assert_eq!(canonical("Олександр Гончаренко", Kind::Person, "uk").0, "Oleksandr Honcharenko");
        // the table's kind wins
        assert_eq!(canonical("Кремль", Kind::Place, "ru"), ("Kremlin".to_string(), Kind::Org));
        // ML-Crisis's spellings of one man meet; his sons keep their names
        for (name, lang) in [("Gheddafi", "it"), ("Kadhafi", "fr"), ("Muamar el Gadafi", "es"), ("Mouammar Kadhafi", "fr"), ("Gadafi", "es")] {
            assert_eq!(canonical(name, Kind::Person, lang), ("Muammar Gaddafi".to_string(), Kind::Person), "{name}");
        }
        assert_eq!(canonical("Gadafi", Kind::Org, "es"), ("Muammar Gaddafi".to_string(), Kind::Person));
        for (name, lang) in [("Khamis Kadhafi", "fr"), ("Saif al Islam Gadafi", "es"), ("Gamal Mubarak", "es")] {
            assert_eq!(canonical(name, Kind::Person, lang).0, name, "{name}");
        }
        assert_eq!(canonical("Moubarak", Kind::Person, "fr").0, "Hosni Mubarak");
        assert_eq!(canonical("Al Qaida", Kind::Person, "it"), ("al-Qaeda".to_string(), Kind::Org));
        assert_eq!(canonical("Al Yazira", Kind::Org, "es"), ("Al Jazeera".to_string(), Kind::Org));
    }

    #[test]
    fn a_pages_labels_are_no_names() {
        // ML-Crisis, it-egypt (a source line) and es-egypt (a gallery link)
        let text = "Fonte: \"Attacchi a Gheddafi dopo summit Parigi\".\nGheddafi ha parlato a Tripoli.";
        let names: Vec<String> = find_entities_lang(text, &crate::text::Tokens::new(text), "it").into_iter().map(|e| text[e.start..e.end].to_string()).collect();
        assert!(!names.iter().any(|n| n == "Fonte"), "{names:?}");
        assert!(names.iter().any(|n| n == "Tripoli"), "{names:?}");
        assert!(is_page_label("Fotos") && is_page_label("Abonnés") && !is_page_label("Fontana"));
    }

    #[test]
    fn arabics_article_is_the_first_word_of_the_name() {
        // ML-Crisis, es-egypt and it-libya
        for (text, lang) in [
            ("En una entrevista con la televisión Qatarí Al Jazeera, Qaradawi pidió la salida de Mubarak.", "es"),
            ("Il rapporto indicava legami con Al Qaeda.\nAlcuni sentono un bisogno assoluto di essere protetti.", "it"),
        ] {
            let names: Vec<(String, Kind)> = find_entities_lang(text, &crate::text::Tokens::new(text), lang).into_iter().map(|e| (text[e.start..e.end].to_string(), e.kind)).collect();
            assert!(!names.iter().any(|(n, _)| n == "Al"), "{names:?}");
        }
        // the join itself, on the spans the tagger gave before it
        let text = "La cadena Al Jazeera informó desde Doha, dijo Al.";
        let toks = tokens(text, &crate::text::Tokens::new(text), "es");
        let at = |w: &str| toks.iter().position(|t| &text[t.start..t.end] == w).unwrap();
        let c = |ts: usize, kind| Cand { ts, te: ts + 1, kind, canonical: None };
        let al = toks.iter().rposition(|t| &text[t.start..t.end] == "Al").unwrap();
        let joined = join_article(text, &toks, vec![c(at("Al"), Kind::Person), c(at("Jazeera"), Kind::Org), c(at("Doha"), Kind::Place), c(al, Kind::Person)]);
        assert_eq!(
            joined.iter().map(|c| (&text[toks[c.ts].start..toks[c.te - 1].end], c.kind)).collect::<Vec<_>>(),
            vec![("Al Jazeera", Kind::Org), ("Doha", Kind::Place), ("Al", Kind::Person)]
        );
    }

    #[test]
    fn a_names_case_forms_share_a_stem_and_english_tokens_carry_no_language() {
        let text = "Володимир Зеленський сказав, що Зеленського підтримали в Києві.";
        let toks = tokens(text, &crate::text::Tokens::new(text), "uk");
        let stem = |w: &str| toks.iter().find(|t| &text[t.start..t.end] == w).map(|t| t.stem).unwrap();
        assert_ne!(stem("Зеленський"), 0);
        assert_eq!(stem("Зеленський"), stem("Зеленського"));
        assert_ne!(stem("Зеленський"), stem("Володимир"));
        // lower-case words and words under five letters have none
        assert_eq!(stem("сказав"), 0);
        assert!(toks.iter().all(|t| t.gaz >> tagger::LANG_SHIFT != 0));
        // the English tagger's tokens carry no language and no stem, so the features read
        // from them never reach the English model
        let en = "President Zelensky spoke in Kyiv with Erdogan.";
        let mut toks = tagger::tokenize(en);
        gazetteer::set_flags(&mut toks);
        assert!(toks.iter().all(|t| t.gaz >> tagger::LANG_SHIFT == 0 && t.stem == 0));
    }

    /// The CLDR names mark a place in any of the languages, in its case forms, and over all
    /// the words of a name of several; other capitalised words stay unmarked.
    #[test]
    fn places_are_marked_in_every_language_and_case() {
        let marked = |text: &str, lang: &str| -> Vec<String> {
            let toks = tokens(text, &crate::text::Tokens::new(text), lang);
            toks.iter().filter(|t| t.gaz & (CLDR_COUNTRY | CLDR_CITY) != 0).map(|t| text[t.start..t.end].to_string()).collect()
        };
        assert_eq!(marked("Die Besetzung von Deutschland und Oesterreich durch die Sowjetunion.", "de"), ["Deutschland", "Oesterreich"]);
        assert_eq!(marked("Die Regierung Deutschlands sprach in Wien.", "de"), ["Deutschlands", "Wien"]);
        assert_eq!(marked("Il presidente degli Stati Uniti è arrivato in Costa d'Avorio.", "it"), ["Stati", "Uniti", "Costa", "d'", "Avorio"]);
        assert_eq!(marked("Зеленський зустрівся з канцлером Німеччини у Берліні.", "uk"), ["Німеччини", "Берліні"]);
        assert_eq!(marked("Делегация Германии прибыла в Стамбул.", "ru"), ["Германии", "Стамбул"]);
        // "Uniti" alone is no place, nor is a capitalised noun
        assert!(marked("Die Regierung und die Uniti Partei.", "de").is_empty());
    }

    /// Seeds-like sentences in Ukrainian and Russian: the shipped model finds Zelensky as a
    /// person and the places, with the English canonical names.
    #[test]
    fn the_shipped_model_reads_ukrainian_and_russian_reports() {
        let found = |text: &str, lang: &str| -> Vec<(String, Kind, String)> {
            find_entities_lang(text, &crate::text::Tokens::new(text), lang).into_iter().map(|e| (text[e.start..e.end].to_string(), e.kind, e.canonical)).collect()
        };
        let uk = found("Президент України Володимир Зеленський заявив у неділю, що чекатиме Путіна в Туреччині в четвер.", "uk");
        assert!(uk.contains(&("Володимир Зеленський".into(), Kind::Person, "Volodymyr Zelensky".into())), "{uk:?}");
        assert!(uk.iter().any(|(w, k, c)| w == "Туреччині" && *k == Kind::Place && c == "Turkey"), "{uk:?}");
        assert!(uk.iter().any(|(w, k, _)| w == "України" && *k == Kind::Place), "{uk:?}");
        let ru = found("Президент Украины Владимир Зеленский сказал журналистам в Киеве, что лично будет ждать Путина в Стамбуле в четверг.", "ru");
        assert!(ru.contains(&("Владимир Зеленский".into(), Kind::Person, "Volodymyr Zelensky".into())), "{ru:?}");
        assert!(ru.iter().any(|(w, k, c)| w == "Киеве" && *k == Kind::Place && c == "Kyiv"), "{ru:?}");
        assert!(ru.iter().any(|(w, k, _)| w == "Стамбуле" && *k == Kind::Place), "{ru:?}");
    }

    /// Titles before a name carry the title bit in every language; the names do not.
    #[test]
    fn titles_before_names_are_marked() {
        let titled = |text: &str, lang: &str| -> Vec<String> {
            let toks = tokens(text, &crate::text::Tokens::new(text), lang);
            toks.iter().filter(|t| t.gaz & gazetteer::G_TITLE != 0).map(|t| text[t.start..t.end].trim_end_matches('.').to_string()).collect()
        };
        assert_eq!(titled("Zum Präsidenten wurde Hr. Locher gewählt, die Regierung nicht.", "de"), ["Präsidenten", "Hr"]);
        assert_eq!(titled("Die Division des Generals Düpont und Pfarrer Grausback.", "de"), ["Generals", "Pfarrer"]);
        assert_eq!(titled("M. Hagenbeck et Mme Curie sont à Paris.", "fr"), ["M", "Mme"]);
        assert_eq!(titled("Президента України Зеленського показали на панелі.", "uk"), ["Президента"]);
    }

    /// HIPE-2020's German pages split words at a line's end with ¬ ("Bun¬ desrathes"): the
    /// tagger reads them joined, and the offsets point back into the page.
    #[test]
    fn words_split_at_a_lines_end_are_joined() {
        let text = "Der Präsident des Bun¬ desrathes, Oberst Pe¬\nstalozzi, reiste nach Nord¬ Amerika und¬ 24 Nov.";
        let j = Joined::new(text).unwrap();
        assert_eq!(j.text, "Der Präsident des Bundesrathes, Oberst Pestalozzi, reiste nach Nord-Amerika und¬ 24 Nov.");
        let at = |w: &str| j.text.find(w).unwrap();
        let back = |s: usize, e: usize| &text[j.orig[s]..j.orig[e - 1] + 1];
        assert_eq!(back(at("Bundesrathes"), at("Bundesrathes") + "Bundesrathes".len()), "Bun¬ desrathes");
        assert_eq!(back(at("Pestalozzi"), at("Pestalozzi") + "Pestalozzi".len()), "Pe¬\nstalozzi");
        assert_eq!(back(at("Nord-Amerika"), at("Nord-Amerika") + "Nord-Amerika".len()), "Nord¬ Amerika");
        // and the gold's offsets into the joined text
        let s = text.find("Bun¬").unwrap();
        assert_eq!((j.joined_of(s), j.joined_of(s + "Bun¬ desrathes".len())), (at("Bundesrathes"), at("Bundesrathes") + 12));
        // a soft hyphen inside a word
        assert_eq!(Joined::new("die Bundes\u{ad}versammlung").unwrap().text, "die Bundesversammlung");
        assert!(Joined::new("Der Bundesrath tagte.").is_none());
        // the tagger's mentions carry the page's offsets
        for e in find_entities_lang(text, &crate::text::Tokens::new(text), "de") {
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end) && e.start < e.end);
        }
    }

    #[test]
    fn an_elided_article_is_a_token_of_its_own() {
        let text = "Le président de l'Italie est arrivé dell'Europa.";
        let toks = tokens(text, &crate::text::Tokens::new(text), "fr");
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert!(words.contains(&"l'") && words.contains(&"Italie") && words.contains(&"Europa"), "{words:?}");
    }
}

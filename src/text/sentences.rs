//! The one sentence segmenter, over the shared tokens.
//!
//! A sentence ends at `.`, `!`, `?`, `…` or `...` (with any closing quotes and brackets
//! attached to it) when what follows starts a sentence; at a blank line; and at a line
//! break unless the line was wrapped inside a sentence (the next line goes on in lower case
//! after a line that ends without a full stop). Headlines and datelines on their own line
//! are sentences of their own, and so is a heading in capitals run into its text when a page
//! lost its line break (`split_headings`).
//!
//! A full stop after an abbreviation is read by its kind (the tables are per language, in
//! [`Rules`]):
//! - **titles** (Mr., Gen., Sen., St.) never end a sentence before a word on the same line;
//! - **months** (Jan., Sept.) and **numbered** (No., Nos., pp.) do not before a number;
//! - every other abbreviation, an acronym written with dots (U.S., a.m.) and a single
//!   initial (George W. Bush) ends one only when the next word is one that starts sentences
//!   and is rarely a name ("The", "He", "But", "In" …).
//!
//! A decimal point, a dot inside a word ("example.com"), a stock ticker whose exchange a
//! scraped page put on the next line ("BP Plc (BP.\nL)", 109 times in Timeline17's Reuters
//! BP articles) and a terminator followed by a lower-case word ("Why?" he asked) end nothing.
//!
//! Figures: `storyline eval sentences` (an English set built from ECB+ and CoNLL-2003 dev
//! sentences run together into paragraphs). Written here rather than with the `srx` crate and
//! LanguageTool's rules: see the comparison in the module doc of the eval command.

use super::tokens::{self as tk, Tokens};
use crate::model::Span;

/// A language's segmentation rules.
pub struct Rules {
    /// Abbreviations that precede a name and never end a sentence (lower case, no dot).
    pub titles: &'static [&'static str],
    /// Abbreviations that do not end a sentence before a number.
    pub before_numbers: &'static [&'static str],
    /// Other abbreviations: a sentence ends after them only before a sentence starter.
    pub other: &'static [&'static str],
    /// Words that often start a sentence and are rarely names (lower case).
    pub starters: &'static [&'static str],
    /// Speech verbs: a quote that ends with a terminator goes on in "…?" Putin asked.
    pub speech_verbs: &'static [&'static str],
    /// Abbreviations of places that end a sentence before a capital when a comma precedes
    /// them ("in Jacksonville, Fla. Collier said"); mid-sentence the style adds a comma.
    pub places: &'static [&'static str],
    /// Words after "a.m."/"p.m." that go on with the time ("10 a.m. Eastern").
    pub time_followers: &'static [&'static str],
    /// Whether a number of up to three digits with a full stop is an ordinal before a word
    /// that is not a sentence starter (German "am 17. Dezember", "im 18. Jahrhundert";
    /// Turkish "2. Dünya Savaşı").
    pub ordinals: bool,
    /// Whether a semicolon ends a sentence before a capitalised sentence starter (where the
    /// language writes lower case after one: the treebanks of es, fr, it and de cut there;
    /// English news writes "; The" inside sentences).
    pub semicolon_ends: bool,
}

pub static ENGLISH: Rules = Rules {
    titles: &[
        "mr", "mrs", "ms", "messrs", "mmes", "dr", "prof", "gen", "sen", "sens", "rep", "reps", "gov", "govs", "lt", "col",
        "capt", "sgt", "maj", "adm", "cmdr", "cpl", "pvt", "brig", "rev", "hon", "pres", "supt", "det", "insp", "st", "ste",
        "mt", "ft", "fr", "msgr", "mme", "mlle", "sr", "sra", "srta", "atty", "amb", "cmdt", "lieut", "gens", "sec", "asst",
        "assoc", "dist", "sgts", "spc", "pfc", "ens", "const", "dep", "cpt", "lcpl", "ssgt", "msgt", "gov", "rev",
    ],
    before_numbers: &[
        "no", "nos", "nr", "pp", "p", "vol", "vols", "ch", "art", "arts", "fig", "figs", "sec", "secs", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rt", "ext", "op", "tel", "approx", "ca", "est",
    ],
    other: &[
        "inc", "corp", "co", "cos", "ltd", "llc", "plc", "bros", "jr", "sr", "esq", "phd", "etc", "vs", "v", "al", "ave",
        "blvd", "rd", "hwy", "dept", "univ", "assn", "govt", "intl", "natl", "mfg", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "ala", "ark", "colo", "conn", "del", "ga", "ill", "ind", "kan", "ky", "la", "md", "mich", "minn", "miss", "mo",
        "mont", "neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "min", "max",
        "fla", "calif", "ariz", "mass", "dem", "gop", "ft", "lb", "lbs", "oz", "yd", "mi", "km", "cm", "mm", "kg", "sq", "cf", "eg", "ie", "viz", "cf",
    ],
    starters: &[
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her",
        "its", "their", "our", "my", "your", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "from", "with",
        "after", "before", "when", "while", "if", "as", "since", "although", "though", "because", "there", "here", "what",
        "who", "why", "how", "where", "which", "then", "now", "still", "also", "however", "meanwhile", "instead",
        "moreover", "furthermore", "thus", "today", "yesterday", "tomorrow", "last", "next", "earlier", "later", "some",
        "many", "most", "all", "both", "each", "every", "no", "not", "one", "two", "three", "other", "another", "such",
        "during", "by", "about", "according", "asked", "despite", "under", "until", "among", "over", "only", "even",
        "more", "few", "several", "officials", "police", "authorities", "critics", "analysts", "experts", "residents",
        "it's", "there's", "that's", "he's", "she's", "we're", "they're", "i'm", "don't", "do", "does", "did", "is",
        "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must",
        "to", "of", "let", "please", "once", "unlike", "like", "without", "within", "against", "whether", "perhaps",
        "people", "at", "for", "yes", "no", "so", "oh", "well",
    ],
    speech_verbs: &["said", "says", "say", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes", "replied", "tweeted", "posted", "shouted", "yelled", "explained", "noted", "insisted", "declared", "continued", "recalled", "stated", "warned", "answered"],
    places: &[
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md",
        "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash",
        "wis", "wyo", "wva", "nh", "nj", "nm", "ny", "nc", "nd", "sc", "sd", "ri", "dc",
    ],
    time_followers: &["eastern", "pacific", "central", "mountain", "local", "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "gmt", "utc", "bst", "cet", "cest", "ist", "time", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "yesterday", "mt", "mst", "mdt", "moscow", "kyiv", "london", "paris", "washington", "new", "beijing", "jst"],
    ordinals: false,
    semicolon_ends: false,
};

/// The rules for a language code (ISO 639-1; English for any other language and where none
/// is known). Galician reads as Portuguese, Catalan as Spanish, Belarusian as Russian:
/// language identification confuses them on short texts, and their abbreviations agree.
pub fn rules_for(lang: Option<&str>) -> &'static Rules {
    use super::languages as l;
    match lang {
        Some("es" | "ca") => &l::SPANISH,
        Some("fr") => &l::FRENCH,
        Some("it") => &l::ITALIAN,
        Some("de") => &l::GERMAN,
        Some("pt" | "gl") => &l::PORTUGUESE,
        Some("ru" | "be") => &l::RUSSIAN,
        Some("uk") => &l::UKRAINIAN,
        Some("tr" | "az") => &l::TURKISH,
        _ => &ENGLISH,
    }
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "}" | "»" | "›")
}

fn is_opener(s: &str) -> bool {
    matches!(s, "\"" | "'" | "(" | "[" | "«" | "‹" | "¿" | "¡")
}

/// The sentences of a text, as byte spans (trimmed, in order, never overlapping, never empty)
/// together with their token ranges.
pub fn sentences(text: &str, t: &Tokens, rules: &Rules) -> Vec<(Span, (u32, u32))> {
    // a text in lower case throughout (a corpus lowercased, as Multi-News is given): every
    // word may start a sentence, as a capitalised one does elsewhere; a line break is still
    // read by the words as written (a wrapped line goes on in lower case)
    if super::caseless(text) {
        let mut cased = t.clone();
        for tok in cased.toks.iter_mut().filter(|k| k.has(tk::ALPHA)) {
            tok.flags |= tk::UPPER_FIRST;
        }
        return split(text, &cased, t, rules);
    }
    split(text, t, t, rules)
}

/// [`sentences`], over tokens `t` and the tokens as written, `lines`, for line breaks.
fn split(text: &str, t: &Tokens, lines: &Tokens, rules: &Rules) -> Vec<(Span, (u32, u32))> {
    let toks = &t.toks;
    let n = toks.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |a: usize, b: usize, out: &mut Vec<(Span, (u32, u32))>| {
        if b > a {
            out.push((Span::new(toks[a].start as usize, toks[b - 1].end as usize), (a as u32, b as u32)));
        }
    };
    while i < n {
        // a line break before token i
        if i > start && toks[i].has(tk::NEWLINE_BEFORE) && line_break_ends(text, lines, i) {
            push(start, i, &mut out);
            start = i;
        }
        // "…en 1242; Ambas cayeron…": a semicolon before a capitalised sentence starter
        if rules.semicolon_ends && t.norm(i) == ";" && i + 1 < n && !toks[i + 1].attached() && !toks[i + 1].has(tk::NEWLINE_BEFORE) && starter_at(t, i + 1, rules) && toks[i + 1].is_word() {
            push(start, i + 1, &mut out);
            start = i + 1;
            i += 1;
            continue;
        }
        let Some(stop) = terminator(t, i) else {
            i += 1;
            continue;
        };
        // the terminator run: `...`, `?!`, `…`, then closing quotes and brackets attached
        let mut j = i + 1;
        while j < n && toks[j].attached() && (terminator(t, j).is_some()) {
            j += 1;
        }
        let run_len = j - i;
        while j < n && toks[j].attached() && is_closer(t.norm(j)) {
            // a straight quote attached on both sides opens the next thing ("end."The)
            j += 1;
        }
        if j >= n {
            break;
        }
        let next = toks[j];
        if j == i + 1 && ticker_over_break(t, i) {
            // a wire's ticker broken over a line ("BP Plc (BP.\nL) said"): one sentence
            i = j + 1;
            continue;
        }
        if next.has(tk::NEWLINE_BEFORE) {
            push(start, j, &mut out);
            start = j;
            i = j;
            continue;
        }
        if next.attached() {
            // "example.com", "3.5", "U.S": inside a word
            i = j;
            continue;
        }
        let quoted = (i + run_len..j).any(|k| matches!(t.norm(k), "\"" | "'" | "»"));
        let ends = if quoted && stop != '.' && attribution_follows(t, j, rules) {
            // "Why not?" Putin asked.
            false
        } else if stop == '.' && run_len == 1 {
            period_ends(text, t, i, j, rules)
        } else if stop == '…' || run_len > 1 && stop == '.' {
            // an ellipsis ends a sentence before a capitalised word ("…erstaunt... Tolle
            // Mitarbeiter"), not before a number ("à savoir... 30 F.")
            starts_sentence(t, j) && (starter_at(t, j, rules) || !t.toks[j].is_word() || t.toks[j].has(tk::ALPHA) && t.toks[j].has(tk::UPPER_FIRST))
        } else {
            starts_sentence(t, j)
        };
        if ends {
            push(start, j, &mut out);
            start = j;
        }
        i = j;
    }
    push(start, n, &mut out);
    split_headings(t, out)
}

/// Words in capitals that open a sentence and run into a capitalised word are a heading run
/// into its text when a page lost its line break ("NEW CAP FOR LEAKING OIL WELL In June, BP
/// placed a cap…", a BBC graphic's caption on Timeline17): the heading is a sentence of its
/// own. At least three words in capitals, then a word with a capital and lower case, then at
/// least three more words; a dateline ("WASHINGTON (Reuters) -", "KYIV, Ukraine") has
/// punctuation in its run and is left alone.
fn split_headings(t: &Tokens, sents: Vec<(Span, (u32, u32))>) -> Vec<(Span, (u32, u32))> {
    const MIN_RUN: usize = 3;
    let toks = &t.toks;
    let capitals = |k: usize| toks[k].is_word() && toks[k].has(tk::ALPHA) && toks[k].has(tk::ALL_UPPER);
    let mut out = Vec::with_capacity(sents.len());
    for (span, (a, b)) in sents {
        let (a, b) = (a as usize, b as usize);
        let mut k = a;
        while k < b && capitals(k) {
            k += 1;
        }
        let titled = k < b && toks[k].is_word() && toks[k].has(tk::UPPER_FIRST) && !toks[k].has(tk::ALL_UPPER);
        let rest_words = (k..b).filter(|&m| toks[m].is_word()).take(MIN_RUN + 1).count();
        if k - a >= MIN_RUN && titled && rest_words > MIN_RUN {
            out.push((Span::new(toks[a].start as usize, toks[k - 1].end as usize), (a as u32, k as u32)));
            out.push((Span::new(toks[k].start as usize, span.end), (k as u32, b as u32)));
        } else {
            out.push((span, (a as u32, b as u32)));
        }
    }
    out
}

/// Whether the full stop `i` is inside a stock ticker whose exchange went to the next line,
/// as pages scraped from a wire's site give them ("BP Plc (BP.\nL) said"): an opening
/// bracket, a word in capitals, the stop, a line break, one to three capitals and the
/// closing bracket, nothing spaced between.
fn ticker_over_break(t: &Tokens, i: usize) -> bool {
    let toks = &t.toks;
    let capitals = |k: usize| toks[k].is_word() && toks[k].has(tk::ALPHA) && toks[k].has(tk::ALL_UPPER);
    i >= 2
        && i + 2 < toks.len()
        && t.norm(i - 2) == "("
        && capitals(i - 1)
        && toks[i - 1].attached()
        && toks[i].attached()
        && toks[i + 1].has(tk::NEWLINE_BEFORE)
        && !toks[i + 1].has(tk::PARA_BEFORE)
        && capitals(i + 1)
        && t.norm(i + 1).chars().count() <= 3
        && t.norm(i + 2) == ")"
        && toks[i + 2].attached()
}

/// Whether a name of up to three words and a speech verb follow at `j` ("Putin said").
fn attribution_follows(t: &Tokens, j: usize, rules: &Rules) -> bool {
    let mut k = j;
    while k < t.len() && k < j + 3 && t.toks[k].is_word() && t.toks[k].has(tk::UPPER_FIRST) && !rules.starters.contains(&t.norm(k)) {
        k += 1;
    }
    k > j && k < t.len() && t.toks[k].is_word() && rules.speech_verbs.contains(&t.norm(k))
}

/// The terminator token `i` is, if any.
fn terminator(t: &Tokens, i: usize) -> Option<char> {
    if t.toks[i].is_word() {
        return None;
    }
    match t.norm(i) {
        "." => Some('.'),
        "!" => Some('!'),
        "?" => Some('?'),
        "…" => Some('…'),
        "‼" | "⁇" | "⁈" | "⁉" => Some('!'),
        _ => None,
    }
}

/// Whether token `j` can start a sentence: a capitalised word, a number, an opening quote or
/// bracket, a dash of dialogue.
fn starts_sentence(t: &Tokens, j: usize) -> bool {
    let tok = t.toks[j];
    if tok.is_word() {
        return tok.has(tk::UPPER_FIRST) || tok.has(tk::DIGITS) || (tok.has(tk::HAS_DIGIT) && !tok.has(tk::ALPHA)) || !tok.has(tk::ALPHA) && !tok.has(tk::HAS_DIGIT);
    }
    let s = t.norm(j);
    // "OCEAN SPRINGS, Miss. -- BP's compensation fund…": a typed dash "--" goes on with the
    // sentence, it never opens one
    if s == "-" && j + 1 < t.len() && t.norm(j + 1) == "-" && t.toks[j + 1].attached() {
        return false;
    }
    if is_opener(s) || s == "-" || s == "$" || s == "€" || s == "£" || s == "#" || s == "@" || s == "*" || s == "•" {
        // an opener must open something that starts a sentence
        return j + 1 >= t.len() || !t.toks[j + 1].is_word() || t.toks[j + 1].has(tk::UPPER_FIRST) || t.toks[j + 1].has(tk::HAS_DIGIT);
    }
    false
}

/// Whether the word at `j` (after an opener, the word inside) is a sentence starter.
fn starter_at(t: &Tokens, j: usize, rules: &Rules) -> bool {
    let mut k = j;
    while k < t.len() && !t.toks[k].is_word() && is_opener(t.norm(k)) {
        k += 1;
    }
    if k >= t.len() || !t.toks[k].is_word() {
        return k > j;
    }
    let tok = t.toks[k];
    if !tok.has(tk::UPPER_FIRST) {
        return false;
    }
    // "It's", "Don't": the word with its apostrophe ending
    let w = t.norm(k);
    let word = if k + 2 < t.len() && t.norm(k + 1) == "'" && t.toks[k + 1].attached() && t.toks[k + 2].attached() {
        format!("{w}'{}", t.norm(k + 2))
    } else {
        w.to_string()
    };
    rules.starters.contains(&word.as_str()) || rules.starters.contains(&w) || (tok.has(tk::ALL_UPPER) && w.len() > 1 && false)
}

/// Whether a single full stop at token `i` (with what follows starting at `j`, on the same
/// line and after a space) ends a sentence.
fn period_ends(text: &str, t: &Tokens, i: usize, j: usize, rules: &Rules) -> bool {
    let toks = &t.toks;
    if !starts_sentence(t, j) {
        return false;
    }
    // the word the full stop is attached to
    if i == 0 || !toks[i].attached() {
        return true;
    }
    let p = i - 1;
    let prev = toks[p];
    if !prev.is_word() {
        // ")." "\"." — the end of something
        return true;
    }
    let w = t.norm(p);
    let next_is_number = toks[j].has(tk::HAS_DIGIT) && !toks[j].has(tk::ALPHA);
    // an acronym with dots: U.S. a.m. (the word before is one letter after a dot)
    let one_letter = prev.has(tk::ALPHA) && text[prev.start as usize..prev.end as usize].chars().count() == 1;
    let acronym = one_letter && p >= 2 && t.norm(p - 1) == "." && prev.attached() && toks[p - 1].attached() && toks[p - 2].is_word();
    // a word of its own, not the tail of "U.S" or "e.g"
    let standalone = p == 0 || !prev.attached() || !matches!(t.norm(p - 1), "." | "-" | "'");
    if acronym {
        // "10 a.m. Lyons said": a clock time ends a sentence unless the time goes on
        if matches!(w, "m") && p >= 2 && matches!(t.norm(p - 2), "a" | "p") {
            return !(toks[j].is_word() && rules.time_followers.contains(&t.norm(j)));
        }
        return starter_at(t, j, rules);
    }
    // "J.-P. Bruneau", "J.-C.": an initial after a hyphenated one
    if one_letter && prev.has(tk::UPPER_FIRST) && p >= 3 && t.norm(p - 1) == "-" && t.norm(p - 2) == "." && prev.attached() {
        return starter_at(t, j, rules) && !at_line_start(t, p);
    }
    if standalone && prev.has(tk::ALPHA) {
        // "Jacksonville, Fla. Collier said": a place after a comma ends the sentence
        let after_comma = p >= 2 && t.norm(p - 1) == "," || p >= 3 && t.toks[p - 1].is_word() && t.norm(p - 2) == ",";
        if rules.places.contains(&w) && after_comma && !next_is_number {
            return true;
        }
        // "52nd St. She said": a street after its number reads as a street, not a saint
        if matches!(w, "st" | "ave" | "rd" | "blvd") && p >= 1 && toks[p - 1].has(tk::HAS_DIGIT) {
            return starter_at(t, j, rules);
        }
        if rules.titles.contains(&w) && !next_is_number {
            return false;
        }
        if rules.before_numbers.contains(&w) && next_is_number {
            return false;
        }
        if one_letter && !(rules.other.contains(&w) && !prev.has(tk::UPPER_FIRST)) {
            // an initial: "George W. Bush", "J. K. Rowling"; a list letter at a line start
            // another initial follows ("В. В. Путин", where В is also a preposition)
            let initial_next = toks[j].is_word() && toks[j].has(tk::UPPER_FIRST) && toks[j].end - toks[j].start <= 2 && text[toks[j].start as usize..toks[j].end as usize].chars().count() == 1 && j + 1 < t.len() && t.norm(j + 1) == "." && toks[j + 1].attached();
            return prev.has(tk::UPPER_FIRST) && starter_at(t, j, rules) && t.norm(j) != "a" && !initial_next && !at_line_start(t, p);
        }
        if rules.other.contains(&w) || rules.titles.contains(&w) || rules.before_numbers.contains(&w) {
            return starter_at(t, j, rules);
        }
    }
    if prev.has(tk::DIGITS) && standalone {
        let digits = prev.end - prev.start;
        // "1." at a line start is a list number, and so is "913." right after a sentence
        // ended (an article's number before its heading: "(1). 913. Scolo delle acque.")
        let after_end = p >= 2 && !toks[p - 1].is_word() && terminator(t, p - 1).is_some() && !{
            // not after an abbreviation's dot ("on Aug. 29.", "No. 15.")
            let w = t.norm(p - 2);
            toks[p - 2].is_word() && (w.chars().count() == 1 || rules.titles.contains(&w) || rules.before_numbers.contains(&w) || rules.other.contains(&w))
        };
        if digits <= 2 && at_line_start(t, p) || digits <= 4 && after_end {
            return false;
        }
        // an ordinal: "am 17. Dezember", "im 6. Stock"
        if rules.ordinals && digits <= 3 && !starter_at(t, j, rules) {
            return false;
        }
    }
    true
}

fn at_line_start(t: &Tokens, i: usize) -> bool {
    i == 0 || t.toks[i].has(tk::NEWLINE_BEFORE)
}

/// Whether a line break before token `i` ends the sentence: always after a blank line or a
/// line that ends with a terminator, a colon or nothing sentence-like; not when a wrapped line
/// goes on in lower case.
fn line_break_ends(_text: &str, t: &Tokens, i: usize) -> bool {
    let toks = &t.toks;
    if toks[i].has(tk::PARA_BEFORE) {
        return true;
    }
    let next = toks[i];
    let prev_s = t.norm(i - 1);
    // a line that ends mid-sentence and a next line that goes on in lower case
    let goes_on = next.is_word() && next.has(tk::ALPHA) && !next.has(tk::UPPER_FIRST);
    let open_end = matches!(prev_s, "," | "-" | "(" | "and" | "or" | "the" | "of" | "to" | "a" | "in") || (toks[i - 1].is_word() && toks[i - 1].has(tk::ALPHA) && !toks[i - 1].has(tk::UPPER_FIRST) && !toks[i - 1].has(tk::ALL_UPPER));
    !(goes_on && open_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        sentences(text, &t, &ENGLISH).into_iter().map(|(s, _)| s.of(text)).collect()
    }

    #[test]
    fn a_ticker_broken_over_a_line_stays_in_its_sentence() {
        // Reuters, 3 June 2010 (Timeline17): the exchange of "BP.L" went to the next line
        let text = "Fitch Ratings downgraded BP (BP.\nL), reversing its view that the spill would not hurt its credit.\nShares fell.";
        assert_eq!(split(text), ["Fitch Ratings downgraded BP (BP.\nL), reversing its view that the spill would not hurt its credit.", "Shares fell."]);
        // a sentence in brackets that ends at a line break still ends there
        assert_eq!(split("The well was capped (BP.)\nLater it leaked."), ["The well was capped (BP.)", "Later it leaked."]);
        assert_eq!(split("He met the chief of the agency (CIA.\nIt denied it)."), ["He met the chief of the agency (CIA.", "It denied it)."]);
    }

    #[test]
    fn text_without_the_capitals_of_names_is_cut_at_its_full_stops() {
        // Multi-News, as distributed (tokenised and lowercased)
        let text = "google ceo sundar pichai has canceled the meeting. the move came after some employees were named on alt-right sites. mr. pichai said the u.s. staff would meet in smaller groups. \"we had hoped to talk,\" he wrote.";
        let cut = [
            "google ceo sundar pichai has canceled the meeting.",
            "the move came after some employees were named on alt-right sites.",
            "mr. pichai said the u.s. staff would meet in smaller groups.",
            "\"we had hoped to talk,\" he wrote.",
        ];
        assert_eq!(split(text), cut);
        // Multi-News dev: sentence starts capitalised again, but not after a quote mark
        let text = "Google ceo sundar pichai has canceled the meeting with his staff. \" we had hoped to have a frank open discussion, \" pichai said in the email.";
        assert_eq!(split(text), ["Google ceo sundar pichai has canceled the meeting with his staff.", "\" we had hoped to have a frank open discussion, \" pichai said in the email."]);
        // a wrapped line still goes on
        let text = "the talks went on until\nlate at night in the city. then they stopped, and the delegates went home.";
        assert_eq!(split(text), ["the talks went on until\nlate at night in the city.", "then they stopped, and the delegates went home."]);
        // one name inside a sentence and the text is cased: a lower-case word starts nothing
        let text = "the talks went on until late at night. then NATO stopped them, and the delegates went home.";
        assert_eq!(split(text), [text]);
        assert!(!crate::text::caseless("السلام عليكم ورحمة الله وبركاته. مرحبا بكم في المدينة القديمة اليوم."));
    }

    #[test]
    fn a_heading_run_into_its_text_is_a_sentence_of_its_own() {
        // BBC, 15 July 2010 (Timeline17): a graphic's caption lost its line break
        let text = "The device was placed on top of the well.\nNEW CAP FOR LEAKING OIL WELL In June, BP placed a cap, known as an LMRP cap, over the top of the well.";
        assert_eq!(split(text), ["The device was placed on top of the well.", "NEW CAP FOR LEAKING OIL WELL", "In June, BP placed a cap, known as an LMRP cap, over the top of the well."]);
        // datelines, acronyms and short runs stay in their sentence
        assert_eq!(split("WASHINGTON (Reuters) - The Senate voted on Tuesday."), ["WASHINGTON (Reuters) - The Senate voted on Tuesday."]);
        assert_eq!(split("NATO and EU leaders met in Brussels on Monday."), ["NATO and EU leaders met in Brussels on Monday."]);
        assert_eq!(split("US FBI Director Christopher Wray spoke on Monday."), ["US FBI Director Christopher Wray spoke on Monday."]);
    }

    #[test]
    fn a_typed_dash_after_a_dateline_goes_on_with_the_sentence() {
        // Fox News (AP), 31 January 2011 (Timeline17)
        let text = "OCEAN SPRINGS, Miss. -- BP's compensation fund for Gulf oil spill victims has issued a final settlement payment. BP won't identify the business.";
        assert_eq!(split(text), ["OCEAN SPRINGS, Miss. -- BP's compensation fund for Gulf oil spill victims has issued a final settlement payment.", "BP won't identify the business."]);
        // a place abbreviation before a capital still ends its sentence
        assert_eq!(split("He lives in Jacksonville, Fla. Collier said so."), ["He lives in Jacksonville, Fla.", "Collier said so."]);
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(split("Mr. Putin met Gen. Smith in St. Petersburg on Monday."), ["Mr. Putin met Gen. Smith in St. Petersburg on Monday."]);
        assert_eq!(split("George W. Bush and J. K. Rowling met Sen. Bernie Sanders."), ["George W. Bush and J. K. Rowling met Sen. Bernie Sanders."]);
        assert_eq!(split("The attack of Jan. 6 was planned, said Vermont Sen. Bernie Sanders. He left."), ["The attack of Jan. 6 was planned, said Vermont Sen. Bernie Sanders.", "He left."]);
    }

    #[test]
    fn acronyms_end_sentences_only_before_a_starter() {
        assert_eq!(split("He flew to the U.S. The talks failed."), ["He flew to the U.S.", "The talks failed."]);
        assert_eq!(split("The U.S. Senate voted at 10 a.m. Eastern time."), ["The U.S. Senate voted at 10 a.m. Eastern time."]);
        assert_eq!(split("It grew 3.5 percent. Prices rose."), ["It grew 3.5 percent.", "Prices rose."]);
    }

    #[test]
    fn quotes_that_end_sentences() {
        assert_eq!(split("\"We are ready.\" Then he left."), ["\"We are ready.\"", "Then he left."]);
        assert_eq!(split("“Why not?” he asked. “Because.”"), ["“Why not?” he asked.", "“Because.”"]);
        assert_eq!(split("He said: “It is over.” Putin agreed."), ["He said: “It is over.”", "Putin agreed."]);
        assert_eq!(split("Wait... What happened?! Nobody knows…"), ["Wait...", "What happened?!", "Nobody knows…"]);
    }

    #[test]
    fn lines_headlines_and_paragraphs() {
        let text = "Putin proposes talks in Istanbul\nMay 11, 2025\nKYIV (Reuters) - Ukraine said it was ready.\n\nThe talks were set for Thursday, and the\ndelegations would meet in Istanbul.";
        assert_eq!(
            split(text),
            ["Putin proposes talks in Istanbul", "May 11, 2025", "KYIV (Reuters) - Ukraine said it was ready.", "The talks were set for Thursday, and the\ndelegations would meet in Istanbul."]
        );
    }

    fn split_in<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
        let t = Tokens::new(text);
        sentences(text, &t, rules_for(Some(lang))).into_iter().map(|(s, _)| s.of(text)).collect()
    }

    #[test]
    fn german_ordinals_abbreviations_and_quotes() {
        assert_eq!(
            split_in("Die Gespräche beginnen am 15. Mai in Istanbul. Selenskyj sagte, er werde z. B. auch Erdoğan treffen. „Wir sind bereit“, schrieb er.", "de"),
            ["Die Gespräche beginnen am 15. Mai in Istanbul.", "Selenskyj sagte, er werde z. B. auch Erdoğan treffen.", "„Wir sind bereit“, schrieb er."]
        );
        // an ordinal before a sentence starter is a year's end, as in "seit 1990."
        assert_eq!(split_in("Das Treffen fand im 6. Stock statt. Es dauerte bis 13. Die Delegation reiste ab.", "de"), ["Das Treffen fand im 6. Stock statt.", "Es dauerte bis 13.", "Die Delegation reiste ab."]);
        // English keeps its own reading of a number before a capital
        assert_eq!(split("He was born in 1990. Kyiv was calm."), ["He was born in 1990.", "Kyiv was calm."]);
    }

    #[test]
    fn romance_titles_and_abbreviations() {
        assert_eq!(
            split_in("El Sr. Erdoğan recibió a la Sra. Kallas en Estambul. Según el art. 5 de la OTAN, etc. La reunión terminó.", "es"),
            ["El Sr. Erdoğan recibió a la Sra. Kallas en Estambul.", "Según el art. 5 de la OTAN, etc.", "La reunión terminó."]
        );
        assert_eq!(
            split_in("M. Macron a reçu Mme Meloni et J.-P. Raffarin à Paris. « Nous voulons la paix », a déclaré le président.", "fr"),
            ["M. Macron a reçu Mme Meloni et J.-P. Raffarin à Paris.", "« Nous voulons la paix », a déclaré le président."]
        );
        assert_eq!(
            split_in("Il sen. Renzi e il dott. Rossi sono arrivati a Roma; La riunione è durata due ore.", "it"),
            ["Il sen. Renzi e il dott. Rossi sono arrivati a Roma;", "La riunione è durata due ore."]
        );
        assert_eq!(split_in("O Dr. Silva chegou a Lisboa. A reunião durou duas horas.", "pt"), ["O Dr. Silva chegou a Lisboa.", "A reunião durou duas horas."]);
    }

    #[test]
    fn cyrillic_abbreviations_initials_and_dialogue() {
        assert_eq!(
            split_in("В 2022 г. переговоры в Стамбуле прервались. В. В. Путин предложил, т. е. потребовал, новые переговоры. Зеленский согласился.", "ru"),
            ["В 2022 г. переговоры в Стамбуле прервались.", "В. В. Путин предложил, т. е. потребовал, новые переговоры.", "Зеленский согласился."]
        );
        assert_eq!(
            split_in("Зеленський прибув до м. Анкара 15 травня 2025 р. Після цього переговори тривали дві години.\n\n— Ми готові до миру, — сказав він.", "uk"),
            ["Зеленський прибув до м. Анкара 15 травня 2025 р.", "Після цього переговори тривали дві години.", "— Ми готові до миру, — сказав він."]
        );
    }

    #[test]
    fn turkish_casing_and_abbreviations() {
        assert_eq!(
            split_in("Görüşmeler İstanbul'da yapıldı. İki heyet Prof. Dr. Kalın ile bir araya geldi vb. Bu görüşme sabaha kadar sürdü. IŞIKLAR YANDI.", "tr"),
            ["Görüşmeler İstanbul'da yapıldı.", "İki heyet Prof. Dr. Kalın ile bir araya geldi vb.", "Bu görüşme sabaha kadar sürdü.", "IŞIKLAR YANDI."]
        );
    }

    #[test]
    fn ellipses_before_capitals_but_not_numbers() {
        assert_eq!(split_in("Ich war über das Hotel erstaunt... Tolle Mitarbeiter.", "de"), ["Ich war über das Hotel erstaunt...", "Tolle Mitarbeiter."]);
        assert_eq!(split_in("Le prix, à savoir... 30 euros.", "fr"), ["Le prix, à savoir... 30 euros."]);
    }

    #[test]
    fn spans_are_trimmed_ordered_and_nonempty() {
        for text in ["", "   ", ". . .", "a.b.c. D. e", "“”", "\n\n\nX\n\n", "?!?! Hello."] {
            let t = Tokens::new(text);
            let s = sentences(text, &t, &ENGLISH);
            let mut last = 0;
            for (sp, _) in s {
                assert!(sp.start >= last && sp.end > sp.start);
                assert_eq!(sp.of(text).trim(), sp.of(text));
                last = sp.end;
            }
        }
    }
}

//! Text utilities shared by every stage: byte ↔ code-point offsets, and the folded
//! "search keys" that make Erdogan find Erdoğan and Zelensky find Zelenskyy.
//!
//! Nothing here rewrites an article's text; keys are a derived view used only for matching.

pub mod furniture;
pub mod languages;
pub mod opening;
pub mod sentences;
pub mod tokens;

pub use tokens::{Token, Tokens};

use crate::model::Span;

/// A sentence: its byte span (trimmed) and its tokens `[a, b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: (u32, u32),
}

/// The text layer of one document, computed once and read by every stage: the tokens (with
/// their normalised forms) and the sentences.
#[derive(Debug, Clone, Default)]
pub struct TextLayer {
    pub tokens: Tokens,
    pub sentences: Vec<Sentence>,
}

impl TextLayer {
    /// Tokenise and segment `text` by the rules of `lang` (ISO 639-1; English where unknown).
    pub fn new(text: &str, lang: Option<&str>) -> TextLayer {
        let tokens = Tokens::new(text);
        let sentences = sentences::sentences(text, &tokens, sentences::rules_for(lang))
            .into_iter()
            .map(|(span, tokens)| Sentence { span, tokens })
            .collect();
        TextLayer { tokens, sentences }
    }

    /// The index of the sentence holding byte offset `b`, if any.
    pub fn sentence_at(&self, b: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.span.end <= b);
        self.sentences.get(k).filter(|s| s.span.start <= b).map(|_| k)
    }
}

/// Whether a text is written without the capitals of names: in lower case throughout, or
/// capitalised only where a sentence starts (a corpus lowercased, as Multi-News is
/// distributed, its sentence starts perhaps capitalised again). No word starts with a capital
/// after a word or a comma, and a dozen words or more start in lower case. Cased text answers
/// at its first name inside a sentence; a script without case (Arabic, Chinese) is not
/// caseless. The segmenter then lets any word start a sentence, and the dossier takes a
/// sentence that starts in lower case as whole.
pub fn caseless(text: &str) -> bool {
    let (mut lower, mut prev, mut visible) = (0usize, ' ', '.');
    for c in text.chars() {
        if !prev.is_alphanumeric() && prev != '\'' && prev != '’' {
            if c.is_uppercase() && (visible.is_alphanumeric() || matches!(visible, ',' | ';')) {
                return false;
            }
            lower += c.is_lowercase() as usize;
        }
        if !c.is_whitespace() {
            visible = c;
        }
        prev = c;
    }
    lower >= 12
}

/// The sentence spans of a text (English rules unless `lang` says otherwise).
pub fn sentence_spans(text: &str, lang: Option<&str>) -> Vec<Span> {
    TextLayer::new(text, lang).sentences.into_iter().map(|s| s.span).collect()
}

/// Converts byte offsets of one text into Unicode code-point offsets (the JSON edge).
///
/// Built once per text in O(n); each lookup is a binary search over the non-ASCII
/// positions, so mostly-ASCII news text costs almost nothing.
pub struct CharIndex {
    /// Byte offsets of every non-ASCII char start, in order.
    wide: Vec<(usize, usize)>, // (byte offset, extra bytes before it accumulated)
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0usize;
        for (i, c) in text.char_indices() {
            let l = c.len_utf8();
            if l > 1 {
                extra += l - 1;
                wide.push((i, extra));
            }
        }
        CharIndex { wide }
    }

    /// The code-point offset of byte offset `b` (which must be a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        // Count the extra bytes of all wide chars that start before b.
        let k = self.wide.partition_point(|&(at, _)| at < b);
        if k == 0 { b } else { b - self.wide[k - 1].1 }
    }
}

/// The words of a text — the letter-and-digit tokens of the one tokeniser ([`Tokens`]:
/// maximal runs of letters, digits and combining marks; "Putin's" gives "Putin" and "s") — as
/// byte spans. For a text without its layer; with one, filter `tokens.toks` by
/// [`Token::is_word`].
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> {
    Tokens::new(text).toks.into_iter().filter(Token::is_word).map(|t| (t.start as usize, t.end as usize))
}

/// The search key of one word: ASCII-folded (ğ→g, Cyrillic transliterated), lowercased,
/// `y` read as `i`, and doubled letters collapsed. So Zelensky, Zelenskyy, Zelenskiy and
/// Зеленський all key to `zelenski`, and Erdoğan and Erdogan to `erdogan`.
///
/// Deliberately a little lossy: it serves recall in search. Entity merging (Kyiv/Kiev) is a
/// separate, precise mechanism.
pub fn search_key(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        push_ascii_key(word.as_bytes(), out);
        return;
    }
    let folded: std::borrow::Cow<str> = if word.is_ascii() {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(word))
    };
    let mut last = '\0';
    for c in folded.chars() {
        if !c.is_ascii_alphanumeric() {
            continue;
        }
        let mut c = c.to_ascii_lowercase();
        if c == 'y' {
            c = 'i';
        }
        if c == last && c.is_ascii_alphabetic() {
            continue;
        }
        out.push(c);
        last = c;
    }
}

/// [`search_key`] of an ASCII word, appended to `out`: the same loop over bytes (no fold, no
/// chars), which is most words of most texts.
#[inline]
fn push_ascii_key(word: &[u8], out: &mut String) {
    let mut last = 0u8;
    for &b in word {
        if !b.is_ascii_alphanumeric() {
            continue;
        }
        let mut c = b.to_ascii_lowercase();
        if c == b'y' {
            c = b'i';
        }
        if c == last && c.is_ascii_alphabetic() {
            continue;
        }
        out.push(c as char);
        last = c;
    }
}

/// The search keys of a whole text, space-separated, in word order (for a full-text index).
pub fn search_keys(text: &str) -> String {
    search_keys_in(text, &Tokens::new(text))
}

/// [`search_keys`] over the tokens already computed for `text`.
pub fn search_keys_in(text: &str, tokens: &Tokens) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut key = String::new();
    for (s, e) in tokens.toks.iter().filter(|t| t.is_word()).map(|t| (t.start as usize, t.end as usize)) {
        // an ASCII word's key is written in place (what the branch below writes, without the
        // key's own buffer): 120 M -> 100 M instructions for the 402 Timeline17 H1N1 articles (callgrind)
        let w = &text.as_bytes()[s..e];
        if w.is_ascii() {
            let mark = out.len();
            if !out.is_empty() {
                out.push(' ');
            }
            let at = out.len();
            push_ascii_key(w, &mut out);
            if out.len() == at {
                out.truncate(mark);
            }
            continue;
        }
        search_key(&text[s..e], &mut key);
        if key.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&key);
    }
    out
}

/// The opening of a text for a listing: its first line, cut to about 90 chars.
pub fn lead(s: &str) -> String {
    let first = s.trim_start().split('\n').next().unwrap_or("");
    ellipsize(first, 90)
}

/// A sentence without the wire dateline or page furniture that opens it, when what is cut
/// ends within its first 200 bytes and at least six words follow:
/// - an agency's mark: "MEXICO CITY | Mon Apr 27, 2009 3:10 am BST MEXICO CITY (Reuters) -
///   Fears of a global flu pandemic grew…" reads "Fears of a global flu pandemic grew…";
/// - a news page's update line: "22 June 2010 Last updated at 05:09 GMT Help Amid the
///   criticism…" reads "Amid the criticism…" (14 of the 4,625 Timeline17 texts open so);
/// - a photo credit left from a caption: "(AP Photo) President Obama warned Sunday…" reads
///   "President Obama warned Sunday…".
/// - a page's title, byline and time stamp run into the text: "GOP leaders forced Rep. Barton
///   to retract apology to BP By Aaron Blake and Paul Kane Thursday, June 17, 2010; 5:11 PM
///   Under pressure from Republican leaders…" reads "Under pressure from Republican
///   leaders…" (The Washington Post's pages in Timeline17; the stamp alone opens 20 more);
/// - a byline with its desk: "By Finlo Rohrer BBC News, Washington The fight continues…"
///   reads "The fight continues…";
/// - a dateline in capitals before a dash: "OCEAN SPRINGS, Miss. -- The law firm of Kenneth
///   Feinberg…" reads "The law firm of Kenneth Feinberg…".
///
/// What is cut is the place and time of filing, never what happened; the rest must open as a
/// sentence does and run six words or more, else the text stays whole.
pub fn without_furniture(s: &str) -> &str {
    static MARK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            concat!(
                r"(?:\((?:Reuters|Reuters Health|AP|AFP|UPI|dpa|Bloomberg|CNN|BBC)\)\s*(?:-{1,2}|–|—)\s*)|",
                // a wire's stamp and dateline for a partner's copy: "Thu Dec 23, 2010 7:59 pm EST LOS
                // ANGELES (Hollywood Reporter) - In the midst of…" (Reuters, Timeline17)
                r"(?:^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4} \d{1,2}:\d{2} [ap]m [A-Z]{2,4} [A-Z][A-Z .'-]+ \([A-Z][^()\n]{1,40}\) (?:-{1,2}|–|—)\s*)|",
                // an agency's dateline in capitals: "OCEAN SPRINGS, Miss. -- The law firm…"
                r"(?:^\s*[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,8}(?:, [A-Z][A-Za-z.]{1,14}(?: [A-Z][a-z.]+)?)? (?:--|–|—) )|",
                // a page's title, byline and time stamp run into the text: "Oil spill panel
                // recommends tighter rules, money for Gulf Coast By Steven Mufson and Juliet
                // Eilperin Tuesday, January 11, 2011; 11:00 AM The presidential…"
                r"(?:^\s*(?:[^\n]{0,160}? By [A-Z][^\n]{2,80}?\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}(?:;\s*\d{1,2}:\d{2} [AP]M)?\s+)|",
                // a byline with the desk: "By Finlo Rohrer BBC News, Washington The fight…"
                r"(?:^\s*By [A-Z][^\n]{2,60}?BBC (?:News|World Service|Newsround)(?: (?:Magazine|website|Online|online))?(?:, [A-Z][a-z]+)?\s+)|",
                // "BP oil spill caused by a 'failure of management' 6 January 2011 Last updated at
                // 01:53 GMT Help Management and…": a BBC page's title and time stamp
                r"(?:^\s*(?:(?:[^\n]{0,160}?\s)?\d{1,2} [A-Za-z]+,? \d{4}\s+)?(?:Page )?[Ll]ast updated(?: at|:)[^A-Za-z]{0,30}(?:[A-Za-z]+,? \d{4}\s*-\s*)?\d{1,2}:\d{2}\s*(?:GMT|BST|UTC|ET)?(?:,\s*[A-Z][a-z]+,\s*\d{1,2} [A-Z][a-z]+ \d{4}(?:\s+\d{1,2}:\d{2} UK)?)?\s*(?:Help\s+)?)|(?:^\s*\((?:AP|AFP|Reuters|EPA|Getty Images|Getty)\s+Photos?(?:\s*\\?/[^()]{1,40})?\)\s*)|",
                // a caption's credit on the line after it: "AP It took U.S. and British teams…",
                // "Photograph: Facundo Arrizabalaga/EPA The report…", "Photograph: PA Two Britons…"
                // "(AP) The Obama administration…", "Photo\/Dave Martin The largest…", "BP, via AP NEW
                // ORLEANS -- …", "(Pablo Martinez Monsivais - AP) President…" (Fox News, The
                // Washington Post)
                r"(?:^\s*(?:AP|AFP|EPA) )|(?:^\s*Photograph: (?:(?:PA|AP|AFP|EPA|Reuters|Getty Images|Rex Features) |[^\n]{1,60}?/(?:Getty Images|Rex Features|White House(?: Press office)?|[^\s/]+)\s+))|",
                r"(?:^\s*\((?:AP|AFP|Reuters|EPA)\)\s+)|(?:^\s*\([^()\n]{1,40} - (?:AP|AFP|Reuters|EPA|Getty Images)\)\s*)|(?:^\s*(?:AP )?Photo\\?/[A-Z][a-z]+(?: [A-Z][a-z]+)?\s+)|(?:^\s*AP\d{4} )|",
                r"(?:^\s*(?:AP|AFP|Reuters)\\?/[A-Z][A-Za-z]*(?: [A-Z][a-z]+)?(?: \d{4})?\s+)|(?:^\s*(?:[A-Z][\w.'-]*,? ){1,5}via (?:AP|Reuters|AFP)\s+)"
            ),
        )
        .expect("a valid pattern")
    });
    let mut cut = s.len().min(200);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    // what follows must open as a sentence does: "Thomson Reuters (Reuters) - the data arm - on
    // Monday" only cites the agency
    let opens = |rest: &str| rest.split_whitespace().count() >= 6 && rest.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '\''));
    let Some(m) = MARK.find(&s[..cut]) else { return s };
    let rest = &s[m.end()..];
    // a credit before an agency's dateline or a second credit ("AP BILOXI, Mississippi -- This
    // time…", "(AP Photo/Pablo Martinez Monsivais) (Pablo Martinez Monsivais - AP) President…"):
    // all go
    let mut end = rest.len().min(120);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let further = match MARK.find(&rest[..end]) {
        Some(n) if n.start() == 0 => without_furniture(rest),
        _ => rest,
    };
    if further.len() < rest.len() && opens(further) {
        further
    } else if opens(rest) {
        rest
    } else {
        s
    }
}

/// A name whose given name is Korean, written with a hyphen and a lower-case second syllable
/// ("Ban Ki-moon", "Moon Jae-in"): its family name comes first. Shared by the entities'
/// surname map and the quote speakers' registry ("Mr Ban" is Ban Ki-moon in both).
pub fn family_first(full: &str) -> bool {
    let mut words = full.split_whitespace();
    let given = words.next_back().unwrap_or("");
    words.next().is_some() && given.split_once('-').is_some_and(|(a, b)| a.chars().next().is_some_and(char::is_uppercase) && !b.is_empty() && b.chars().all(char::is_lowercase))
}

/// Cut a string to at most `max` chars, on a char boundary, adding "…" if cut.
pub fn ellipsize(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((b, _)) => {
            let cut = &s[..b];
            // prefer to cut at a word boundary
            let cut = match cut.rfind(' ') {
                Some(sp) if sp > b / 2 => &cut[..sp],
                _ => cut,
            };
            // "…, scientists…", not "…, scientists,…"
            format!("{}…", cut.trim_end().trim_end_matches([',', ';', ':']))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        let mut s = String::new();
        search_key(w, &mut s);
        s
    }

    /// The byte loop for ASCII words keys as the folding loop does, and a text's keys skip
    /// the words that key to nothing without a stray space.
    #[test]
    fn ascii_words_key_as_folded_words_do() {
        let folded = |w: &str| {
            let mut out = String::new();
            let mut last = '\0';
            for c in deunicode::deunicode(w).chars().filter(char::is_ascii_alphanumeric) {
                let c = match c.to_ascii_lowercase() { 'y' => 'i', c => c };
                if !(c == last && c.is_ascii_alphabetic()) {
                    out.push(c);
                    last = c;
                }
            }
            out
        };
        for w in ["Zelenskyy", "Kyiv", "U.S.", "1,000", "Mississippi", "AT&T", "O'Brien", "__", "Erdoğan", "Зеленський"] {
            assert_eq!(key(w), folded(w), "{w:?}");
        }
        let text = "Zelenskyy met Erdoğan in Kyiv's old town, then 2,000 moved to Зеленський's U.S. base.";
        let keys: Vec<String> = words(text).map(|(s, e)| folded(&text[s..e])).filter(|k| !k.is_empty()).collect();
        assert_eq!(search_keys(text), keys.join(" "));
        assert!(search_keys(text).starts_with("zelenski met erdogan in kiv"), "{}", search_keys(text));
    }

    #[test]
    fn spelling_variants_share_a_key() {
        assert_eq!(key("Zelensky"), key("Zelenskyy"));
        assert_eq!(key("Zelenskiy"), key("Zelenskyy"));
        assert_eq!(key("Erdoğan"), key("Erdogan"));
        assert_eq!(key("Türkiye"), "turkie");
        assert_eq!(key("Зеленський"), "zelenski");
        assert_ne!(key("Putin"), key("Patin"));
    }

    #[test]
    fn char_offsets_match_python_indexing() {
        let t = "Türkiye – Erdoğan said “yes”.";
        let ix = CharIndex::new(t);
        for (b, _) in t.char_indices() {
            assert_eq!(ix.char_of(b), t[..b].chars().count());
        }
        assert_eq!(ix.char_of(t.len()), t.chars().count());
    }

    #[test]
    fn words_split_on_punctuation() {
        let t = "Putin's “root causes” — U.S.";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["Putin", "s", "root", "causes", "U", "S"]);
    }

    #[test]
    fn a_pages_title_byline_and_stamp_are_furniture() {
        // The Washington Post, 11 January 2011 and 29 April 2010; BBC News, 2010 (Timeline17)
        let s = "Oil spill panel recommends tighter rules, money for Gulf Coast By Steven Mufson and Juliet Eilperin Tuesday, January 11, 2011; 11:00 AM The presidential oil-spill commission said Tuesday that the federal government should require tougher regulation.";
        assert_eq!(without_furniture(s), "The presidential oil-spill commission said Tuesday that the federal government should require tougher regulation.");
        let s = "Thursday, April 29, 2010; 4:49 PM A massive crude oil spill from last week's offshore rig explosion is expected to reach Louisiana's delicate coastline.";
        assert_eq!(without_furniture(s), "A massive crude oil spill from last week's offshore rig explosion is expected to reach Louisiana's delicate coastline.");
        let s = "By Finlo Rohrer BBC News, Washington There has been protest and direct action across the Gulf coast.";
        assert_eq!(without_furniture(s), "There has been protest and direct action across the Gulf coast.");
        // a date that is the subject of the sentence stays
        let s = "Tuesday, January 11, 2011 was the day the commission reported to the president.";
        assert_eq!(without_furniture(s), s);
    }

    #[test]
    fn a_captions_credit_is_furniture() {
        // Fox News, the Guardian and The Washington Post pages of Timeline17 (2010): the credit
        // of the photo above the lead, on the lead's line
        for (s, lead) in [
            ("AP BILOXI, Mississippi -- This time, it's not a hurricane that threatens to wreck their livelihoods.", "This time, it's not"),
            ("Photograph: Jeremy Horner\\/Corbis BP failed to observe proper environmental safety procedures in Colombia.", "BP failed to observe"),
            ("Photograph: KPA\\/Zuma\\/Rex Features The oil spill in the Gulf of Mexico has so far cost BP $3.12bn.", "The oil spill in the Gulf"),
            ("(AP) The Obama administration is lifting the moratorium on deepwater oil drilling in the Gulf.", "The Obama administration"),
            ("Photo\\/Dave Martin The largest ecological disaster in U.S. history has largely been taken care of.", "The largest ecological"),
            ("Photo\\/Transocean BP has begun work on a relief well that could be used to plug the leak.", "BP has begun work"),
            ("Thu Dec 23, 2010 7:59 pm EST LOS ANGELES (Hollywood Reporter) - In the midst of the oil spill in the Gulf of Mexico.", "In the midst of"),
            ("AP\\/Discovre Team 2010 ON THE FLOOR OF THE GULF OF MEXICO -- Just 20 miles north of where BP's well spewed oil.", "Just 20 miles north"),
            ("BP, via AP NEW ORLEANS -- BP's work to cap its Gulf of Mexico gusher was in limbo Wednesday.", "BP's work to cap"),
            ("(AP Photo\\/Pablo Martinez Monsivais) (Pablo Martinez Monsivais - AP) President Barack Obama departs the White House in Washington.", "President Barack Obama departs"),
        ] {
            assert!(without_furniture(s).starts_with(lead), "{s} -> {}", without_furniture(s));
        }
        // news that names the agency stays whole
        for s in [
            "AP reporters saw the first oil wash ashore on the beach at Pensacola on Friday.",
            "The footage, obtained via AP Television, shows the rig burning on the night of the blast.",
        ] {
            assert_eq!(without_furniture(s), s);
        }
    }

    #[test]
    fn ellipsize_cuts_on_char_boundaries() {
        assert_eq!(ellipsize("Erdoğan met Zelensky", 100), "Erdoğan met Zelensky");
        assert_eq!(ellipsize("Erdoğan met Zelensky in Kyiv", 14), "Erdoğan met…");
    }
}

// ---- the one stemmer and the one fold -------------------------------------------------

/// `str::split_whitespace` (the same tokens: what `char::is_whitespace` separates, none
/// empty), testing an ASCII byte without decoding it.
pub fn split_whitespace(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    // the length of the char at `i` and whether it is white space
    let at = move |i: usize| -> (usize, bool) {
        let c = b[i];
        if c < 0x80 {
            (1, matches!(c, b'\t'..=b'\r' | b' '))
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            (ch.len_utf8(), ch.is_whitespace())
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= b.len() {
                return None;
            }
            let (n, ws) = at(i);
            if !ws {
                break;
            }
            i += n;
        }
        let s = i;
        while i < b.len() {
            let (n, ws) = at(i);
            if ws {
                break;
            }
            i += n;
        }
        Some(&text[s..i])
    })
}

/// The English stem of a lower-case word (Snowball English, the "Porter2" stemmer):
/// "talks", "talked", "talking" → "talk"; "negotiations", "negotiating" → "negoti".
/// Every stage that compares words by their stem uses this one (ROUGE in `eval` keeps the
/// reference scorer's Porter stemmer, to reproduce its figures).
pub fn stem(word_lower: &str) -> std::borrow::Cow<'_, str> {
    // `Stemmer` is a plain function pointer (Send + Sync), so one is shared by all threads
    static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> =
        std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    // Snowball knows the ASCII apostrophe only
    let w = word_lower.strip_suffix("’s").or_else(|| word_lower.strip_suffix('’')).unwrap_or(word_lower);
    // Words repeat (a few thousand make most of any text) and Snowball is the costly part of
    // linking, which runs on the one writer thread: each thread remembers the stems it made
    // (bounded: forgotten all at once past `CACHED` words). The ingest bench went from 415 to
    // the figure in its doc with this cache.
    // Behind each thread's memo, one all threads share: ingest's analysis threads meet the
    // same words, and each stemmed them itself. Ingest of the 402 Timeline17 H1N1 articles
    // (callgrind): Snowball 93.0 M -> 67.0 M instructions (a word two threads meet at once is
    // still stemmed twice). A thread takes the lock only for a word it has not met, so they
    // seldom wait on one another.
    const CACHED: usize = 1 << 16;
    type Memo = rustc_hash::FxHashMap<Box<str>, Box<str>>;
    thread_local! {
        static SEEN: std::cell::RefCell<Memo> = Default::default();
    }
    static SHARED: std::sync::LazyLock<std::sync::Mutex<Memo>> = std::sync::LazyLock::new(Default::default);
    if w.len() > 24 {
        return STEMMER.stem(w);
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(st) = seen.get(w) {
            return if &**st == w { std::borrow::Cow::Borrowed(w) } else { std::borrow::Cow::Owned(st.to_string()) };
        }
        if seen.len() >= CACHED {
            seen.clear();
        }
        // (a poisoned lock still holds whole entries: a panic cannot stop an insert halfway)
        let shared = SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(w).cloned();
        let st: std::borrow::Cow<str> = match shared {
            Some(st) => {
                let owned = if &*st == w { std::borrow::Cow::Borrowed(w) } else { std::borrow::Cow::Owned(st.to_string()) };
                seen.insert(w.into(), st);
                return owned;
            }
            None => STEMMER.stem(w),
        };
        {
            let mut shared = SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if shared.len() >= CACHED {
                shared.clear();
            }
            shared.insert(w.into(), st.as_ref().into());
        }
        seen.insert(w.into(), st.as_ref().into());
        match st {
            std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(w),
            std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o),
        }
    })
}

/// The folded form of a text: ASCII-transliterated by `deunicode` (ğ→g, ß→ss, ı and İ→i,
/// Зеленський→zelenskii, ’→') and lower-cased. Chars `deunicode` has no ASCII for are kept,
/// lower-cased. Unlike [`search_key`] it keeps every char, spaces and punctuation included.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into a reused buffer (cleared first).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// [`fold`] of one char, appended to `out`.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(a) = deunicode::deunicode_char(c) {
        out.extend(a.chars().map(|x| x.to_ascii_lowercase()));
    } else {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod stem_fold_tests {
    use super::*;

    fn keys(s: &str) -> String {
        search_keys(s)
    }

    #[test]
    fn turkish_and_cyrillic_casing_fold_alike() {
        // search keys, the fold and the tokeniser's normalised forms
        let tr = "Görüşmeler İstanbul'da yapıldı";
        assert_eq!(keys(tr), keys("GÖRÜŞMELER ISTANBUL'DA YAPILDI"));
        assert_eq!(keys("İstanbul"), "istanbul");
        assert_eq!(keys("Istanbul"), keys("istanbul"));
        assert_eq!(fold("İstanbul"), fold("istanbul"));
        assert_eq!(fold("Kalın"), fold("KALIN"));
        assert_eq!(keys("Зеленський заявив"), keys("ЗЕЛЕНСЬКИЙ ЗАЯВИВ"));
        assert_eq!(keys("Зеленський"), keys("Zelensky"));
        assert_eq!(fold("Зеленский"), fold("ЗЕЛЕНСКИЙ"));
        let t = Tokens::new("İstanbul ISTANBUL ırmak IRMAK Київ КИЇВ");
        let n: Vec<&str> = (0..t.len()).map(|i| t.norm(i)).collect();
        assert_eq!(n, ["istanbul", "istanbul", "irmak", "irmak", "київ", "київ"]);
    }

    #[test]
    fn stems_meet_inflections() {
        for (w, s) in [("talks", "talk"), ("talked", "talk"), ("talking", "talk"), ("proposes", "propos"), ("proposed", "propos")] {
            assert_eq!(stem(w), s, "{w}");
        }
        assert_eq!(stem("negotiations"), stem("negotiating"));
        assert_eq!(stem("putin’s"), "putin");
        assert_eq!(stem("ceasefire"), stem("ceasefires"));
    }

    #[test]
    fn fold_strips_marks_and_case() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("İstanbul Işık"), "istanbul isik");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łódź ŽIŽEK"), "lodz zizek");
        assert_eq!(fold("Putin’s"), "putin's");
        assert_eq!(fold("Plain ASCII, kept."), "plain ascii, kept.");
        let mut b = String::from("old");
        fold_into("Zürich", &mut b);
        assert_eq!(b, "zurich");
    }
}

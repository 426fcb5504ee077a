//! A headline from an article's opening, when it has no title: its first sentence that
//! reads as news, not as page furniture (bylines, disclaimers, programme notices, time
//! stamps, the bullet points some pages open with), cut to [`MAX_CHARS`] at a clause.
//! Shared by the stories' headlines (`dossier::headline`) and the threads'
//! (`stories::threads`), so both name a set of articles the same way.

/// A headline longer than this many characters is cut at a word.
pub const MAX_CHARS: usize = 160;

/// The text on one line, its runs of white space one space; a stock ticker whose exchange a
/// scraped page put on the next line is mended ("BP Plc (BP.\nL)" is "BP Plc (BP.L)", not
/// "(BP. L)", which headed 16 of Timeline17's stories; see `text::sentences`).
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<&str> = None;
    for w in s.split_whitespace() {
        if let Some(p) = prev {
            let gap = &s[p.as_ptr() as usize - s.as_ptr() as usize + p.len()..w.as_ptr() as usize - s.as_ptr() as usize];
            if !(gap.contains('\n') && ticker_halves(p, w)) {
                out.push(' ');
            }
        }
        out.push_str(w);
        prev = Some(w);
    }
    out
}

/// Whether `a` ends on "(BP." and `b` opens on "L)": a ticker's two halves.
fn ticker_halves(a: &str, b: &str) -> bool {
    let Some(head) = a.strip_suffix('.').and_then(|a| a.rsplit_once('(')).map(|(_, t)| t) else { return false };
    let exchange = b.split(')').next().unwrap_or("");
    b.contains(')')
        && (1..=6).contains(&head.len())
        && head.chars().all(|c| c.is_ascii_uppercase())
        && (1..=3).contains(&exchange.len())
        && exchange.chars().all(|c| c.is_ascii_uppercase())
}

/// A headline from an opening: its first whole sentence of five words or more, cut to
/// [`MAX_CHARS`] at a word (a sentence cut by the end of the opening is not taken unless
/// nothing else is there); else the listing lead.
pub fn lead_sentence(opening: &str, lead: &str) -> String {
    let spans = crate::text::sentence_spans(opening, None);
    let whole = |s: &crate::model::Span| s.end < opening.len() || opening.trim_end().ends_with(['.', '!', '?', '"', '”']);
    // a sentence as told, or nothing when it is a photo's caption; the title and standfirst a
    // page's time stamp closes are no caption whatever follows them
    let told = |s: &crate::model::Span| -> Option<String> {
        let told = crate::text::without_furniture(&opening[s.start..s.end]);
        let bullet = first_bullet(told);
        // a credit after the sentence is a caption's only when the sentence is all there is
        let after = if bullet.len() == told.trim().len() { &opening[s.end..] } else { "" };
        // a wire's dash left at the head of its lead ("- Silence reigns in the sleepy village of
        // Dadhkai.", Reuters)
        let t = one_line(bullet.strip_prefix("- ").unwrap_or(bullet));
        match before_stamp(&t) {
            Some(head) => Some(head.to_string()),
            None => (!caption(&t, after)).then_some(t),
        }
    };
    let news = |s: &String| reads_as_sentence(s) && !furniture(s) && !lead_in(s);
    let pick = spans
        .iter()
        .filter(|s| whole(s))
        .filter_map(told)
        .find(news)
        .or_else(|| spans.first().and_then(told).filter(news));
    match pick {
        Some(s) => shorten(&run_on_title(&s)),
        None if reads_as_sentence(lead) => lead.to_string(),
        None => String::new(),
    }
}

/// The words that open an English sentence and, capitalised after a word in lower case, show
/// where a title that lost its full stop ran into the text: determiners, pronouns, the
/// prepositions and quantifiers leads start with, courtesy titles before a name, and the
/// people a lead opens on ("…amid impact of Deepwater Horizon spill Analysts expect BP to
/// pump…"). "I" is not one: it is capitalised everywhere; nor are "Democrats" and
/// "Republicans", capitalised in any sentence.
const OPENERS: [&str; 47] = [
    "The", "A", "An", "This", "These", "Those", "It", "He", "She", "They", "We", "There", "In", "At", "On", "After", "When", "While", "As", "Some",
    "Many", "Most", "Several", "Dozens", "Hundreds", "Thousands", "Mr", "Mrs", "Ms", "Dr", "Adm", "Analysts", "Officials", "Experts", "Scientists",
    "Engineers", "Farmers", "Residents", "Rescuers", "Researchers", "Doctors", "Police", "Investigators", "Workers", "Survivors", "Protesters",
    "Families",
];

/// Words a title does not end on: the sentence goes on after them ("according to The Times",
/// "reported in The Hague").
const GOES_ON: [&str; 40] = [
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "from", "by", "with", "and", "or", "but", "than", "as", "that", "which", "who", "into",
    "about", "over", "under", "near", "between", "against", "is", "was", "are", "were", "be", "been", "has", "have", "had", "said", "says",
    "told", "reported",
];

/// Nouns before the name of a paper, book or show ("the newspaper The Times reported").
const WORKS: [&str; 19] = [
    "newspaper", "paper", "magazine", "daily", "weekly", "journal", "website", "book", "novel", "film", "movie", "show", "programme", "program", "series",
    "band", "group", "album", "song",
];

/// A first "sentence" that is a title run into the text (pages whose title, photo caption and
/// lead come without the full stops between them: "Haiti struggles to get enough aid The world
/// still can not deliver enough food and water…", BBC, Timeline17): the title, the words before
/// the first capitalised sentence opener ([`OPENERS`]) that follows a word in lower case, when
/// both sides read as sentences; a title that does not ("Rajan Datar 10:57 UK time, Friday, 22
/// January 2010") gives the text after it. Of Timeline17's 1,152 stories, 160 headlines ran on
/// so ("Haiti struggles to get enough aid The world still…" is now "Haiti struggles to get enough
/// aid"). A sentence with no such place is as it is.
fn run_on_title(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let lower_end = |w: &str| w.chars().last().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '\'' || c == '’');
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for i in 3..words.len().min(21) {
        let (prev, cur) = (words[i - 1], words[i]);
        // "the coast guard's Adm Thad Allen" is one phrase
        let possessive = prev.ends_with("'s") || prev.ends_with("’s");
        if !lower_end(prev) || !OPENERS.contains(&cur) || GOES_ON.contains(&prev.to_lowercase().as_str()) || possessive {
            continue;
        }
        // "The Deepwater Horizon rig…" opens a sentence; "Human Rights Watch" after "the group"
        // is a name, and "The Times" after "the newspaper" is a paper's
        let next_capital = words.get(i + 1).is_some_and(|w| capitalised(w));
        if next_capital && (!["The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "Adm"].contains(&cur) || WORKS.contains(&prev.to_lowercase().as_str())) {
            continue;
        }
        let (title, rest) = (words[..i].join(" "), words[i..].join(" "));
        if !reads_as_sentence(&rest) {
            return s.to_string();
        }
        if reads_as_sentence(&title) {
            return title;
        }
        // "WHO flu expert Dr Keiji Fukuda: …" is one name, not a title and a text
        if !["Mr", "Mrs", "Ms", "Dr", "Adm"].contains(&cur) {
            return rest;
        }
    }
    // the lead names again whom or what the title opened on: "It took Louisiana's oyster
    // industry years to recover from Hurricane Katrina Louisiana's oyster beds have not
    // recovered…", "Emmanuel Etienne was terrified he would lose his leg Emmanuel Etienne may
    // be badly injured…" (BBC captions run into their leads, Timeline17)
    let named = |a: &str, b: &str| capitalised(a) && (capitalised(b) || a.ends_with("'s") || a.ends_with("’s"));
    for i in 3..words.len().saturating_sub(1).min(21) {
        let (prev, pair) = (words[i - 1], (words[i], words[i + 1]));
        // "Five-year-old Edgar Hernandez" is one phrase
        if !lower_end(prev) || prev.contains('-') || GOES_ON.contains(&prev.to_lowercase().as_str()) || !named(pair.0, pair.1) {
            continue;
        }
        // "Ban Ki-Moon calls for Haiti aid patience Ban Ki-moon: …": the same name, cased apart
        let same = |a: &str, b: &str| {
            let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            bare(a) == bare(b)
        };
        if (0..i - 1).any(|j| same(words[j], pair.0) && same(words[j + 1], pair.1)) {
            let (title, rest) = (words[..i].join(" "), words[i..].join(" "));
            if reads_as_sentence(&title) && reads_as_sentence(&rest) {
                return title;
            }
        }
    }
    // a title and a caption that name the same subject again before its verb ("BP sells Pan
    // American Energy stake for $7bn BP is raising cash…", "The clean-up costs are mounting for
    // BP BP has said…", BBC pages in Timeline17)
    for i in 3..words.len().saturating_sub(1).min(21) {
        let (prev, name, verb) = (words[i - 1], words[i], words[i + 1]);
        let bare = name.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.len() < 2 || !capitalised(bare) || !AUXILIARIES.contains(&verb) || !((lower_end(prev) && !capitalised(prev)) || prev == name) {
            continue;
        }
        if GOES_ON.contains(&prev.to_lowercase().as_str()) || !words[..i].iter().any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == bare) {
            continue;
        }
        // the name is described ("…are misguided and misleading Energy giant BP has been
        // accused…", "…contractor Offshore drilling firm Transocean has seen…"), quoted ("'Future
        // BP' will be") or what a verb reports ("Gulf oil spill means BP is to delay…")
        let described = prev != name && words[i.saturating_sub(3)..i].iter().any(|w| capitalised(w));
        if described || name != bare || REPORTING.contains(&prev) {
            continue;
        }
        let (title, rest) = (words[..i].join(" "), words[i..].join(" "));
        if reads_as_sentence(&title) && reads_as_sentence(&rest) {
            return title;
        }
    }
    s.to_string()
}

/// Verbs whose object is a clause ("means BP is…"), for [`run_on_title`].
const REPORTING: [&str; 14] = ["means", "says", "shows", "suggests", "thinks", "believes", "hopes", "fears", "warns", "insists", "claims", "argues", "admits", "confirms"];

/// The verbs that follow a sentence's subject, for [`run_on_title`].
const AUXILIARIES: [&str; 17] = ["has", "have", "had", "is", "was", "are", "were", "says", "said", "will", "would", "could", "can", "may", "might", "must", "should"];

const MONTHS: &str = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// A photo's caption, which a page prints before its lead and which no headline is: one that
/// opens on the day the photo was taken and a colon ("June 23: Crews work to clean up oil
/// from the Deepwater Horizon oil spill…", Fox News's galleries), says it is a photo ("In this
/// July 31 file photo, a boat motors through an oil sheen…", "This image from video provided
/// by BP shows…"), ends on a bare date ("A logo is seen at a BP fuel station in London July 27,
/// 2010.", Reuters; "A BP petrol station closed due to a Greenpeace protest, in Camden, London,
/// 27 July 2010.", the Guardian), or is followed by its credit on the next line ("Photograph:
/// Facundo Arrizabalaga/EPA", "AP"). Of Timeline17's 1,152 stories, 62 headlines named a photo or opened on its day and a colon; 19 do now, none of them a caption.
/// "BP acknowledges this photo of its command center was altered" is news; so is a date after
/// "on", "by" or "since" at a sentence's end.
fn caption(s: &str, after: &str) -> bool {
    static DAY_COLON: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(&format!(r"^{MONTHS}\.? \d{{1,2}}(?:, \d{{4}})?: \S")).expect("a valid pattern"));
    static PHOTO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:file (?:photo|image|picture)|in this (?:[\w,.]+ ){0,4}(?:photo|image|picture|photograph|handout|video grab)|this (?:[\w,.]+ ){0,4}(?:photo|image|picture) (?:shows|taken|provided|released|made)|this image from video)\b")
            .expect("a valid pattern")
    });
    static DATE_END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(r"(?:(\S+) )?(\S+) (?:{MONTHS}\.? \d{{1,2}}, \d{{4}}|\d{{1,2}} {MONTHS} \d{{4}})\.?$")).expect("a valid pattern")
    });
    const BEFORE_A_DATE: [&str; 16] = ["on", "since", "until", "till", "by", "of", "from", "before", "after", "to", "through", "between", "and", "or", "dated", "for"];
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let next = after.trim_start_matches([' ', '\t']);
    // a title and standfirst run into the caption ("BP oil spill: Colombian farmers sue for
    // negligence Farmers claim BP breached a duty of care… Colombian farmers are suing BP for
    // negligence.", the Guardian) are no caption: a caption is one short sentence
    let credit = next.starts_with('\n')
        && s.split_whitespace().count() <= 30
        && run_on_title(s) == s
        && ["Photograph:", "Photograph by", "Photo:", "Photos:", "AP ", "AP\n", "AFP ", "(AP Photo", "REUTERS/", "Getty Images", "EPA "]
            .iter()
            .any(|c| next.trim_start().starts_with(c));
    // the word before the date, or before its weekday ("…in Venice, La., Sunday, May 30, 2010.",
    // AP; "…on Sunday, May 30, 2010." is news)
    let bare_date = DATE_END.captures(s.trim_end()).is_some_and(|c| {
        let word = |i: usize| c.get(i).map(|m| m.as_str().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).unwrap_or_default();
        let w = if WEEKDAYS.contains(&word(2).as_str()) { word(1) } else { word(2) };
        !w.is_empty() && !BEFORE_A_DATE.contains(&w.as_str())
    });
    credit || bare_date || DAY_COLON.is_match(s) || PHOTO.is_match(s)
}

/// The title and standfirst before a page's time stamp, when a sentence runs on through it
/// ("BP's next chief executive tells City analysts compensation claims will probably fall
/// below the $20bn set aside Monday 13 September 2010 19.48 BST Deepwater…", the Guardian in
/// Timeline17: a caption follows the stamp; "Hearings focus on possible human factors in BP oil
/// spill Friday, July 23, 2010; 7:07 AM KENNER, LA. -- …", the Washington Post).
fn before_stamp(s: &str) -> Option<&str> {
    static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r" (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: \d{{1,2}} {MONTHS} \d{{4}} \d{{1,2}}[.:]\d{{2}} (?:BST|GMT|EST|EDT|CET|CEST)\b|, {MONTHS} \d{{1,2}}, \d{{4}}; \d{{1,2}}:\d{{2}} [AP]M\b)"
        ))
        .expect("a valid pattern")
    });

    // or a gallery's title before its mark ("Oil execs in Senate hearing as gulf oil spill cleanup
    // efforts continue -- photos Oil companies stress…", The Washington Post)
    let at = STAMP.find(s).map(|m| m.start()).or_else(|| [" -- photos ", " -- video ", " - photos ", " – photos "].iter().find_map(|g| s.find(g)))?;
    let head = s[..at].trim_end();
    reads_as_sentence(head).then_some(head)
}

/// A sentence that only leads in to what follows, which no headline is: one that ends in a
/// colon ("Les dejo con algunos tuiteros que describen la euforia en el aire:", Global Voices,
/// before the posts it quotes), or a post quoted from a social network ("@AJEnglish: Últimas
/// noticias: …", "… – http://aje.me/ajelive #egypt").
fn lead_in(s: &str) -> bool {
    s.trim_end().ends_with(':') || s.starts_with('@') || s.contains("http://") || s.contains("https://")
}

/// A sentence of at most [`MAX_CHARS`]: a longer one ends at its last clause boundary (", ",
/// "; ", " — ") that leaves eight words or more, as a sentence ("… a face-to-face meeting in
/// Turkey this Thursday."); with none, it is cut at a word with "…". A dash that the sentence
/// uses twice sets off an aside, so neither is a clause boundary ("Con una situación
/// extremadamente peligrosa … sobre el terreno – e inconsistentes conexiones digitales – la
/// gente en Libia está empezando…" would end at its aside).
pub(crate) fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_CHARS {
        return s.to_string();
    }
    let limit = s.char_indices().nth(MAX_CHARS).map_or(s.len(), |(b, _)| b);
    let cut = [", ", "; ", " — ", " – "]
        .iter()
        .filter(|sep| !sep.starts_with(' ') || s.matches(**sep).count() == 1)
        .flat_map(|sep| s[..limit].match_indices(*sep).map(|(at, _)| at))
        .filter(|&at| s[..at].split_whitespace().count() >= 8 && !ends_on_the_speaker(&s[..at], &s[at..]) && has_main_clause(&s[..at]))
        .max();
    match cut {
        Some(at) => format!("{}.", s[..at].trim_end_matches(['.', ',', ';', ':'])),
        None => crate::text::ellipsize(s, MAX_CHARS),
    }
}

/// Words that open a clause that cannot stand alone: subordinators and the prepositions an
/// opening phrase starts with ("As BP Plc rushed to raise cash…", "In the 77 days since oil…").
const DEPENDENT: [&str; 36] = [
    "as", "when", "after", "while", "although", "though", "if", "since", "because", "before", "until", "once", "whereas", "unless", "despite",
    "with", "without", "in", "on", "at", "by", "for", "during", "from", "following", "amid", "under", "among", "to", "like", "unlike",
    "throughout", "within", "what", "whether", "where",
];

/// Words after a participle that opens a clause ("Setting the stage…", "Grappling with…").
/// Not "of": "Drilling of a relief well … is a week ahead of schedule" is a subject.
const AFTER_PARTICIPLE: [&str; 19] =
    ["the", "a", "an", "to", "with", "for", "on", "in", "up", "out", "his", "her", "its", "their", "from", "into", "at", "about", "this"];

/// Words of a time before a subordinator ("Two weeks after…", "Shortly before…").
const TIME_WORDS: [&str; 14] =
    ["minutes", "hours", "days", "weeks", "months", "years", "day", "week", "month", "year", "moments", "shortly", "soon", "just"];

/// Whether the part of a sentence kept by a cut has a clause that stands alone: one that does
/// not open on a subordinator or preposition ([`DEPENDENT`]), on a participle ("Setting the
/// stage for a showdown with BP executives…"), or on a time before a subordinator ("Two weeks
/// after BP's Macondo well blew out…"); and it does not end on a bare number ("…tapped lawyer
/// Kenneth R. Feinberg, 64", an age) or a lone word in lower case ("…, scientists"). A cut that keeps only
/// an opening clause gave 29 of Timeline17's 1,152 headlines ("As BP Plc rushed to raise cash
/// to pay for the Gulf of Mexico disaster.", "On April 16, four days before the Deepwater Horizon
/// exploded in a fireball."): a headline cut at its length with "…" keeps the main clause's start.
/// The words are English: in other languages most clauses count as standing alone.
fn has_main_clause(kept: &str) -> bool {
    let clauses: Vec<&str> = kept.split([',', ';']).map(str::trim).filter(|c| !c.is_empty()).collect();
    let last = clauses.last().copied().unwrap_or("");
    // an age ("64"), not a year ("Feb. 27, 2012"); a common noun, not a place ("in Haiti's
    // capital, Port-au-Prince")
    let age = last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit());
    if age || (!last.contains(' ') && last.starts_with(char::is_lowercase)) {
        return false;
    }
    let dependent = |c: &str| {
        let words: Vec<String> = c.split_whitespace().take(4).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
        let Some(first) = words.first() else { return true };
        let second = words.get(1).map_or("", String::as_str);
        // "As many as 60 vessels work the area" stands alone
        let quantity = first == "as" && ["many", "much", "few"].contains(&second);
        let participle = first.len() > 4 && first.ends_with("ing") && !first.ends_with("thing") && AFTER_PARTICIPLE.contains(&second);
        let time_before = words.iter().position(|w| ["after", "before", "since", "until", "when", "while"].contains(&w.as_str()))
            .is_some_and(|at| at > 0 && words[..at].iter().any(|w| TIME_WORDS.contains(&w.as_str())));
        (DEPENDENT.contains(&first.as_str()) && !quantity) || (participle && c.starts_with(char::is_uppercase)) || time_before
    };
    clauses.iter().any(|c| !dependent(c))
}

/// Whether a sentence cut into `kept` and `dropped` would end on the name of the one who says
/// it: the dropped part reports the saying and the kept part's last clause is a short
/// capitalised one ("…victims of the Gulf of Mexico oil spill, Kenneth Feinberg, administrator
/// of a $20 billion compensation fund, said on Saturday.", Reuters, Timeline17: cut after
/// "Kenneth Feinberg", the headline said BP held up payments to him).
fn ends_on_the_speaker(kept: &str, dropped: &str) -> bool {
    let last = kept.rsplit([',', ';']).next().unwrap_or(kept).trim();
    let says = dropped.split_whitespace().any(|w| matches!(w.trim_matches(|c: char| !c.is_alphabetic()), "said" | "says" | "told" | "added" | "according"));
    says && last.split_whitespace().count() <= 5 && last.chars().next().is_some_and(char::is_uppercase)
}

/// A page that opens with its points in bullets ("* Companies made decisions to save money
/// before spill * Gulf spill result of management failures…", Reuters, whose stars come out
/// of Timeline17 escaped as "\\*"; the Guardian's "•"
/// comes out of Timeline17 as "cents"): its first point, which an editor wrote to stand alone.
/// Anything else as it is.
pub(crate) fn first_bullet(s: &str) -> &str {
    let s = s.trim_start();
    for mark in ["* ", "\\* ", "• ", "cents "] {
        if let Some(rest) = s.strip_prefix(mark) {
            let next = format!(" {mark}");
            return match rest.find(&next) {
                Some(at) => rest[..at].trim_end(),
                // a single "cents " is a word
                None if mark == "cents " => s,
                None => rest,
            };
        }
    }
    s
}

/// A line of the page about its writer or the page, not the news: a byline ("By Christine
/// Bader, who worked for BP from 1999-2008."), an opinion page's disclaimer ("The opinions
/// expressed are her own."), a programme page's notice ("PLEASE NOTE: We are unable to offer
/// transcripts for our program interviews.") or a time stamp ("Page last updated at 07:41 GMT,
/// Wednesday, 9 June 2010 08:41 UK Meet Chris Caddell.", "Última actualización: jueves, 11 de
/// junio de 2009 - 17:02 GMT"), or a note on the reader's browser ("Please enable javascript to
/// view this site."), or a site's name with the day ("Diritto di critica | July 31, 2020"), or
/// a note to the reader or a rubric ("Este post es parte de nuestra cobertura especial de las
/// Protestas en Egipto 2011.", `text::furniture`).
/// "By Monday, officials had…" is news.
pub(crate) fn furniture(s: &str) -> bool {
    let mut w = s.split_whitespace();
    let capital = |w: Option<&str>| w.and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    let byline = w.next() == Some("By") && capital(w.next()) && capital(w.next());
    let lower = s.to_lowercase();
    let notice = ["the opinions expressed", "the views expressed", "opinions expressed are", "please note:", "today is broadcast live", "page last updated", "last updated"].iter().any(|p| lower.starts_with(p));
    let stamp = {
        let t = lower.trim_end_matches(['.', ' ']);
        [" gmt", " bst", " utc"].iter().any(|z| t.ends_with(z)) && t[..t.len() - 4].trim_end().rsplit(' ').next().is_some_and(|hm| hm.len() >= 4 && hm.contains([':', '.']) && hm.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.'))
    };
    // a page's note on the reader's browser ("Please enable javascript to view this site.", an
    // ML-Crisis page's first line) or cookies, in a line of its own
    let browser = s.split_whitespace().count() <= 25
        && (lower.contains("javascript") || ["we use cookies", "this site uses cookies", "this website uses cookies", "questo sito utilizza", "ce site utilise", "este sitio utiliza", "utilizamos cookies"].iter().any(|p| lower.starts_with(p)));
    // a site's name and the day, as a line of its own ("Diritto di critica | July 31, 2020")
    let site_day = s.rsplit_once(" | ").is_some_and(|(_, day)| {
        day.split_whitespace().count() <= 5 && day.split(|c: char| !c.is_ascii_digit()).any(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")))
    });
    byline || notice || stamp || browser || site_day || super::furniture::is_page_note(s, 0, &[])
}

/// Five words or more, at least two of them in lower case: a sentence, not a list of names
/// ("Iowa, New Hampshire, Marco Rubio") or a heading in capitals.
pub fn reads_as_sentence(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() >= 5 && words.iter().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_not_a_headline_and_a_long_sentence_ends_at_a_clause() {
        // no title and no sentence: no list of names either
        assert_eq!(lead_sentence("Iowa, New Hampshire, Marco Rubio", "Iowa, New Hampshire, Marco Rubio"), "");
        // a long sentence ends at a clause
        let long = "Ukrainian President Volodymyr Zelensky has extended an invitation to Russian President Vladimir Putin for a face-to-face meeting in Turkey this Thursday, expressing willingness to personally engage in peace talks if Moscow is ready to commit to a ceasefire.";
        assert_eq!(shorten(long), "Ukrainian President Volodymyr Zelensky has extended an invitation to Russian President Vladimir Putin for a face-to-face meeting in Turkey this Thursday.");
        // a cut never ends on the name of who says it (Reuters, 24 July 2010, Timeline17)
        let said = "British energy giant BP Plc is holding up payments to economic victims of the Gulf of Mexico oil spill, Kenneth Feinberg, administrator of a $20 billion compensation fund, said on Saturday.";
        assert_eq!(shorten(said), "British energy giant BP Plc is holding up payments to economic victims of the Gulf of Mexico oil spill.");
    }

    #[test]
    fn a_long_sentence_is_not_cut_to_its_opening_clause() {
        // the Washington Post, Timeline17: the cut kept only what leads into the news
        let s = "As BP and Transocean officials struggled to contain the oil gusher in the Gulf of Mexico, they discovered that the plumbing on the blowout preventer was connected improperly, a BP executive testified Wednesday.";
        assert_eq!(shorten(s), "As BP and Transocean officials struggled to contain the oil gusher in the Gulf of Mexico, they discovered that the plumbing on the blowout preventer was…");
        let s = "Setting the stage for a showdown with BP executives at congressional hearings this week, two Democratic lawmakers said the British company chose faster and cheaper drilling options in the Gulf of Mexico that may have contributed to the disaster.";
        assert!(shorten(s).starts_with("Setting the stage for a showdown with BP executives at congressional hearings this week, two Democratic"), "{}", shorten(s));
        assert!(shorten(s).ends_with('…'));
        // nor at an age
        let s = "In June, President Obama tapped lawyer Kenneth R. Feinberg, 64, to oversee the $20 billion account funded by BP to compensate victims of the Gulf Coast oil spill, making him the nation's most famous mediator.";
        assert_eq!(shorten(s), "In June, President Obama tapped lawyer Kenneth R. Feinberg.");
        // an opening clause before the news is kept with it
        let s = "In a reversal, the Obama administration said Wednesday it will not pursue offshore drilling off the East Coast of the U.S. and the eastern Gulf of Mexico, as it had proposed in March.";
        assert_eq!(shorten(s), "In a reversal, the Obama administration said Wednesday it will not pursue offshore drilling off the East Coast of the U.S. and the eastern Gulf of Mexico.");
        assert!(has_main_clause("As many as 60 vessels work the Deepwater Horizon drilling area to contain the spill"));
        assert!(!has_main_clause("On April 16, four days before the Deepwater Horizon exploded in a fireball"));
        assert!(has_main_clause("Obama spoke after the meeting in the Oval Office with his advisers"));
        assert!(has_main_clause("The judge ordered an eight-week trial starting Feb. 27, 2012"));
        assert!(has_main_clause("The United Nations has held a memorial service in Haiti's capital, Port-au-Prince"));
        assert!(has_main_clause("Drilling of a relief well to halt the BP oil spill in the Gulf of Mexico is a week ahead of schedule"));
        // a cut at a word leaves no comma before its ellipsis
        assert_eq!(crate::text::ellipsize("with no sign of stopping, scientists, who study it", 38), "with no sign of stopping, scientists…");
    }

    #[test]
    fn a_bbc_title_run_into_its_caption_ends_where_its_subject_is_named_again() {
        // BBC pages in Timeline17: title, caption and lead on one line without full stops
        let s = "BP sells Pan American Energy stake for $7bn BP is raising cash to pay the costs of the Deepwater Horizon explosion BP has said it will sell its interest.";
        assert_eq!(run_on_title(s), "BP sells Pan American Energy stake for $7bn");
        let s = "The clean-up costs are mounting for BP BP has said the cost of cleaning up the oil leak in the Gulf of Mexico has now reached $2.65 bn.";
        assert_eq!(run_on_title(s), "The clean-up costs are mounting for BP");
        let s = "Seepages near the leaking BP oil well'may be natural' Adm Thad Allen says the integrity of the capped well is not threatened.";
        assert_eq!(run_on_title(s), "Seepages near the leaking BP oil well'may be natural'");
        // one sentence naming its subject twice stays whole
        let s = "Ukraine says Russia attacked Ukraine overnight with drones and missiles.";
        assert_eq!(run_on_title(s), s);
        let s = "BP said Transocean's allegations are misguided and misleading Energy giant BP has been accused of hiding key data.";
        assert_eq!(run_on_title(s), s);
        let s = "BP oil spill prompts Q3 results delay Gulf oil spill means BP is to delay publication of third-quarter results.";
        assert_eq!(run_on_title(s), s);
        let s = "Officials from the coast guard's Adm Thad Allen team said the well was sealed.";
        assert_eq!(run_on_title(s), s);
    }

    #[test]
    fn a_title_before_the_posts_stamp_is_the_headline_and_a_ticker_is_one_word() {
        // the Washington Post, Timeline17: the title, byline and stamp run into the lead
        let opening = "Hearings focus on possible human factors in BP oil spill Friday, July 23, 2010; 7:07 AM KENNER, LA. -- Before he died in the April conflagration aboard the Deepwater Horizon oil rig, crew member Shane Roshto shared a dark assessment with his wife.";
        assert_eq!(lead_sentence(opening, ""), "Hearings focus on possible human factors in BP oil spill");
        let opening = "Oil spill panel recommends tighter rules, money for Gulf Coast By Steven Mufson and Juliet Eilperin Tuesday, January 11, 2011; 11:00 AM The presidential oil-spill commission said Tuesday that the federal government should require tougher regulation.";
        // a byline before the stamp: the lead, as before
        assert_eq!(lead_sentence(opening, ""), "The presidential oil-spill commission said Tuesday that the federal government should require tougher regulation.");
        // Reuters, Timeline17: the exchange on the next line
        let opening = "Fitch Ratings downgraded BP (BP.\nL), reversing its view that the Gulf of Mexico oil spill would have a limited financial impact on the company.";
        assert_eq!(lead_sentence(opening, ""), "Fitch Ratings downgraded BP (BP.L), reversing its view that the Gulf of Mexico oil spill would have a limited financial impact on the company.");
        assert_eq!(one_line("the agency (CIA.\nIt denied it)"), "the agency (CIA. It denied it)");
        assert_eq!(one_line("BP Plc (BP. L)"), "BP Plc (BP. L)");
    }

    #[test]
    fn a_lead_headline_skips_bylines_datelines_and_disclaimers() {
        // Reuters, 20 January 2011 and 26 January 2011 (Timeline17)
        let opening = "By Christine Bader, who worked for BP from 1999-2008.\nThe opinions expressed are her own.\nNext week world leaders will gather in Davos for the annual World Economic Forum.";
        assert_eq!(lead_sentence(opening, ""), "Next week world leaders will gather in Davos for the annual World Economic Forum.");
        let opening = "WASHINGTON | Wed Jan 26, 2011 5:13 pm EST WASHINGTON (Reuters) - Democrats on Wednesday pressed for new legislation aimed at preventing a repeat of last year's massive BP oil spill.";
        assert_eq!(lead_sentence(opening, ""), "Democrats on Wednesday pressed for new legislation aimed at preventing a repeat of last year's massive BP oil spill.");
        // an ML-Crisis page (it-libya, April 2014) opens with a note on the browser
        let opening = "Please enable javascript to view this site.\nDiritto di critica | July 31, 2020\nLa Libia ha chiesto aiuto a Malta per fermare i migranti.";
        assert_eq!(lead_sentence(opening, ""), "La Libia ha chiesto aiuto a Malta per fermare i migranti.");
        // "By" before a day is news
        assert_eq!(lead_sentence("By Monday, officials had capped the well in the Gulf.", ""), "By Monday, officials had capped the well in the Gulf.");
    }

    #[test]
    fn a_lead_headline_takes_the_first_bullet_and_skips_page_notices_and_stamps() {
        // Reuters, 5 January 2011; the Guardian, 10 January 2011 (Timeline17, its "•" as "cents")
        let opening = "* Companies made decisions to save money before spill * Gulf spill result of management failures by firms, govt * Causes systemic.";
        assert_eq!(lead_sentence(opening, ""), "Companies made decisions to save money before spill");
        let opening = "\\* Barbados, Grenada rebuff cruise ship over flu scare \\* Ship in quarantine in Venezuela.";
        assert_eq!(lead_sentence(opening, ""), "Barbados, Grenada rebuff cruise ship over flu scare");
        let opening = "cents BP shares fall 2.5% and oil prices rise on news cents Pipe carries 12% of America's oil output cents Leak could push up petrol prices.";
        assert_eq!(lead_sentence(opening, ""), "BP shares fall 2.5% and oil prices rise on news");
        // a price in cents is a word, not a bullet
        assert_eq!(first_bullet("cents a gallon rose again at the pump on Monday."), "cents a gallon rose again at the pump on Monday.");
        // a rubric's note before the report (Global Voices en español, ML-Crisis)
        let opening = "Este post es parte de nuestra cobertura especial de las Protestas en Egipto 2011.\nLos niños, los peces y hasta los gatos se han unido a millones de egipcios en su llamado.";
        assert_eq!(lead_sentence(opening, ""), "Los niños, los peces y hasta los gatos se han unido a millones de egipcios en su llamado.");
        // BBC programme and news pages, 2010
        let opening = "PLEASE NOTE: We are unable to offer transcripts for our program interviews.\nToday is broadcast live and the running order is subject to change.\nHundreds of people are feared dead after a powerful earthquake struck Haiti.";
        assert_eq!(lead_sentence(opening, ""), "Hundreds of people are feared dead after a powerful earthquake struck Haiti.");
        let opening = "Page last updated at 07:41 GMT, Wednesday, 9 June 2010 08:41 UK Meet Chris Caddell.\nHe is one of the fishermen helping to clean up the oil in the Gulf of Mexico.";
        assert_eq!(lead_sentence(opening, ""), "He is one of the fishermen helping to clean up the oil in the Gulf of Mexico.");
        assert!(furniture("Última actualización: jueves, 11 de junio de 2009 - 17:02 GMT"));
        assert!(!furniture("The talks ended at 17:02 after two hours, officials said."));
        let opening = "BP oil spill caused by a 'failure of management' 6 January 2011 Last updated at 01:53 GMT Help Management and communication failures are to blame for the oil spill, a report says.";
        assert_eq!(lead_sentence(opening, ""), "Management and communication failures are to blame for the oil spill, a report says.");
        // an agency's dateline (AP, 31 January 2011)
        let opening = "OCEAN SPRINGS, Miss. -- The law firm of Kenneth Feinberg, the man in charge of BP's $20 billion compensation fund, was paid $1.25 million a month.";
        assert_eq!(lead_sentence(opening, ""), "The law firm of Kenneth Feinberg, the man in charge of BP's $20 billion compensation fund, was paid $1.25 million a month.");
        assert_eq!(crate::text::without_furniture("NATO -- the alliance -- met on Monday in Brussels to discuss it."), "NATO -- the alliance -- met on Monday in Brussels to discuss it.");
    }

    #[test]
    fn a_title_run_into_the_text_is_cut_where_the_text_starts() {
        // BBC pages of Timeline17 (January 2010, June 2009): title, caption and lead with no
        // full stop between them
        let opening = "Haiti struggles to get enough aid The world still can not deliver enough food and water to the hungry, the UN says.";
        assert_eq!(lead_sentence(opening, ""), "Haiti struggles to get enough aid");
        let opening = "BP to cut production amid impact of Deepwater Horizon spill Analysts expect BP to pump about 3.6m barrels of oil and gas a day this year.";
        assert_eq!(lead_sentence(opening, ""), "BP to cut production amid impact of Deepwater Horizon spill");
        let opening = "WHO declares swine flu pandemic The Director General of the World Health Organization has declared a pandemic.";
        assert_eq!(lead_sentence(opening, ""), "WHO declares swine flu pandemic");
        let opening = "BP starts'static kill' to plug Gulf of Mexico oil well The Macondo well has been temporarily sealed by a cap.";
        assert_eq!(lead_sentence(opening, ""), "BP starts'static kill' to plug Gulf of Mexico oil well");
        // a caption whose lead names its subject again
        let opening = "It took Louisiana's oyster industry years to recover from Hurricane Katrina Louisiana's oyster beds have not recovered from the US's worst environmental catastrophe.";
        assert_eq!(lead_sentence(opening, ""), "It took Louisiana's oyster industry years to recover from Hurricane Katrina");
        let opening = "UN chief Ban Ki-Moon calls for Haiti aid patience Ban Ki-moon: \"For a small country like Haiti, the aid is huge.\"";
        assert_eq!(lead_sentence(opening, ""), "UN chief Ban Ki-Moon calls for Haiti aid patience");
        let opening = "Emmanuel Etienne was terrified he would lose his leg Emmanuel Etienne may be badly injured in a field hospital but he feels lucky.";
        assert_eq!(lead_sentence(opening, ""), "Emmanuel Etienne was terrified he would lose his leg");
        let same = "President Barack Obama met the Haitian president, and Barack Obama said the United States would help.";
        assert_eq!(lead_sentence(same, ""), same);
        // a blog's stamp is no title: the text after it is the headline
        let opening = "Rajan Datar 10:57 UK time, Friday, 22 January 2010 The UN has described it as the worst disaster it has faced.";
        assert_eq!(lead_sentence(opening, ""), "The UN has described it as the worst disaster it has faced.");
        // a title before a name is no title of its own
        let opening = "WHO flu expert Dr Keiji Fukuda: 'The picture is evolving' The international community is better prepared than ever.";
        assert_eq!(lead_sentence(opening, ""), "WHO flu expert Dr Keiji Fukuda: 'The picture is evolving'");
        // sentences that go on past a capitalised word are whole
        for whole in [
            "The story was first reported by The New York Times on Sunday, officials said.",
            "A report in the newspaper The Times said the talks would resume in Geneva.",
            "Police detained a member of the group Human Rights Watch in Cairo on Tuesday.",
            "Fans of the band The Rolling Stones queued outside the stadium in Hyde Park.",
            "Volunteers of the charity Doctors Without Borders treated survivors in the capital.",
            "The minister said I would not be allowed to leave the country without a visa.",
        ] {
            assert_eq!(lead_sentence(whole, ""), whole);
        }
    }

    #[test]
    fn a_photo_caption_is_no_headline() {
        // Fox News, Reuters and Guardian pages of Timeline17 (2010): the caption, its credit, the lead
        let opening = "In this July 31 file photo, a boat motors through an oil sheen from the Deepwater Horizon oil spill off the Louisiana coast.\nAP It took U.S. and British teams three months to cap the well in the BP oil spill.\nA Florida lawmaker doesn't want to find out.";
        assert_eq!(lead_sentence(opening, ""), "It took U.S. and British teams three months to cap the well in the BP oil spill.");
        let opening = "April 26: Weathered oil is seen on the surface of the Gulf of Mexico near the coast of Louisiana.\nAP Apr. 21: An oil slick is seen as the Deepwater Horizon oil rig burns in the Gulf of Mexico.\nAP BILOXI, Mississippi -- This time, it's not a hurricane that threatens to wreck their livelihoods -- it's a blob of black ooze slowly making its way toward the Gulf Coast.";
        assert_eq!(lead_sentence(opening, ""), "This time, it's not a hurricane that threatens to wreck their livelihoods -- it's a blob of black ooze slowly making its way toward the Gulf Coast.");
        let opening = "A BP petrol station closed due to a Greenpeace protest, in Camden, London, 27 July 2010.\nPhotograph: Facundo Arrizabalaga\\/EPA The report, to be released in full on Tuesday, is utterly damning.";
        assert_eq!(lead_sentence(opening, ""), "The report, to be released in full on Tuesday, is utterly damning.");
        let opening = "A logo is seen at a BP fuel station in London July 27, 2010. BP said on Tuesday it would sell assets worth up to $30 billion to pay for the spill.";
        assert_eq!(lead_sentence(opening, ""), "BP said on Tuesday it would sell assets worth up to $30 billion to pay for the spill.");
        let opening = "June 23, 2010: This image from video provided by BP shows oil gushing from the broken wellhead. The government approved a new plan on Thursday to stop the leak.";
        assert_eq!(lead_sentence(opening, ""), "The government approved a new plan on Thursday to stop the leak.");
        // the title and standfirst before a Guardian page's time stamp, not the caption after it
        let opening = "BP falls out of index of top 100 brands after Deepwater Horizon oil spill Oil company's brand value has been destroyed Monday 13 September 2010 19.48 BST Oil-soaked pelicans at a research center in Louisiana.\nPhotograph: Sean Gardner\\/Reuters The company said.";
        assert!(lead_sentence(opening, "").starts_with("BP falls out of index of top 100 brands"), "{}", lead_sentence(opening, ""));
        let opening = "Oil execs in Senate hearing as gulf oil spill cleanup efforts continue -- photos Oil companies stress one another's failures in a Senate hearing.";
        assert_eq!(lead_sentence(opening, ""), "Oil execs in Senate hearing as gulf oil spill cleanup efforts continue");
        // news that names a photo or ends on a date
        for news in [
            "BP acknowledges this photo of its Gulf oil spill command center in Houston was altered by a contract photographer.",
            "The company said it would file its plan to cap the well by July 27, 2010.",
            "The rig exploded and sank in the Gulf of Mexico on April 20, 2010.",
        ] {
            assert_eq!(lead_sentence(news, ""), news);
        }
    }

    #[test]
    fn a_lead_headline_is_no_lead_in_and_no_aside() {
        // Global Voices en español, 11 February 2011 (ML-Crisis es-egypt): the sentence before the
        // quoted posts, and the posts, are no headline
        let opening = "Este post es parte de nuestra cobertura especial de las Protestas en Egipto 2011.\nMubarak ha renunciado. Les dejo con ualgunos tuiteros que describen la euforia en el aire:\n@AJEnglish: Últimas noticias: Omar Suleiman anuncia que Mubarak ha renunciado – http://aje.me/ajelive #egypt #cairo\n@jonjensen: Hosni Mubarak ya no es el presidente de Egipto. La multitud en Tahrir se vuelve loca.";
        assert_eq!(lead_sentence(opening, ""), "La multitud en Tahrir se vuelve loca.");
        // Global Voices en español, February 2011 (ML-Crisis es-libya): an aside between dashes is
        // no place to end the headline
        let long = "Con una situación extremadamente peligrosa y fluída sobre el terreno – e inconsistentes conexiones digitales – la gente en Libia está empezando a pasar de contrabando los videos y fotos del levantamiento contra Muamar Al Gadafi hacia el mundo exterior.";
        let h = shorten(long);
        assert!(h.ends_with('…') && h.contains("la gente en Libia"), "{h}");
        // one dash still ends a clause
        let one = "Ukrainian President Volodymyr Zelensky has extended an invitation to Russian President Vladimir Putin for a face-to-face meeting in Turkey this Thursday – expressing willingness to personally engage in peace talks if Moscow is ready.";
        assert!(shorten(one).ends_with("this Thursday."), "{}", shorten(one));
    }
}

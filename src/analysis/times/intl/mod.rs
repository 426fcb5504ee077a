//! Temporal expressions in Spanish, French, Italian, German and Portuguese (and, by their
//! month and weekday names, deictic words and numeric dates, Russian, Ukrainian and Turkish),
//! resolved to TIMEX3 values as the English tagger resolves them: through the same [`Rule`]s,
//! anchored on the article's date, the tense of the clause deciding an under-specified day.
//!
//! Why a second matcher rather than tables plugged into the English one: the English patterns
//! read English word order ("May 5", "last week", "two years ago") and their cues are English
//! words; these languages put the day first ("el 11 de febrero de 2011", "3. Mai 2011"), the
//! relative word after the unit ("la semana pasada", "lundi dernier", "il mese scorso") and the
//! "ago" word before the count ("hace", "il y a", "vor", "há") or after it ("fa", "назад"). One
//! matcher over per-language word classes (`lexicon.rs`) reads them all; English texts never
//! reach it, so the English tagger's speed and figures stay as they were.
//!
//! What it reads (each a pattern family, `Family`, that `storyline eval times --ablate` turns off
//! one at a time to check it holds on every development set): calendar dates (day-month-year in
//! words or digits, month and year, bare months and years), weekdays (with "pasado", "dernier",
//! "scorso", "nächsten", "passada"), deictic words (today, yesterday, tomorrow and their parts of
//! the day; PRESENT_REF, PAST_REF, FUTURE_REF words), relative units ("la semana pasada",
//! "l'année dernière", "nächstes Jahr", "Vorjahr"), "ago" and "in" counts, durations, clock times
//! ("20.30 Uhr", "19 h 30", "las 16:08"), sets ("cada día", "jährlich") and seasons.
//! It refuses what it cannot tell from the words: holidays, decades, anaphora other than
//! "the same / the following day".
//!
//! Gold conventions followed where a set's gold is consistent: KRAUTS reads "vor sechs Jahren",
//! "vor einer Woche", "in einem Jahr" as durations of the count (P6Y, P1W, P1Y), Spanish TimeBank
//! and French TimeBank "hace unos días", "il y a quelques mois" as vague durations (PXD, PXM);
//! Spanish TimeBank marks ages ("de 65 años", P65Y), French and Portuguese TimeBank do not;
//! TimeBankPT never marks "anual" or "por semana"; a quarterly report's "há um ano" is the
//! quarter a year before, its bare "trimestre" the quarter reported (as the English tagger does).
//!
//! Figures (`storyline eval times`, multilingual development sets, value F1; strict span F1):
//! de-krauts .743, es-meantime .755, es-timebank .792, fr-timebank .805, pt-timebankpt .753
//! (average .770; strict .763, relaxed .887); before this tagger every one was 0. Every family
//! holds on every set (`--ablate`: turning any one off lowers or keeps each set's value F1).
//! What is left is mostly gold convention and anaphora: bare parts of the day ("la tarde"
//! TAF), "el momento", decades and centuries ("los años 80", "el siglo XXI"), German listings'
//! bare hours ("14.30", "10"), weekday tense in French announcements written in the present.

mod lexicon;

use chrono::NaiveDate;
use lexicon::C;

use super::tokens::Tok;
use super::{mk, M, Rule, TimeType, Unit};

/// The pattern families, as bits: `find` runs those not in `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Calendar = 1,
    Year = 2,
    Weekday = 4,
    Deictic = 8,
    Refs = 16,
    Relative = 32,
    Ago = 64,
    Duration = 128,
    Clock = 256,
    Set = 512,
    Season = 1024,
    Quarter = 2048,
}

impl Family {
    pub const ALL: [Family; 12] = [
        Family::Calendar, Family::Year, Family::Weekday, Family::Deictic, Family::Refs, Family::Relative,
        Family::Ago, Family::Duration, Family::Clock, Family::Set, Family::Season, Family::Quarter,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Family::Calendar => "calendar",
            Family::Year => "year",
            Family::Weekday => "weekday",
            Family::Deictic => "deictic",
            Family::Refs => "refs",
            Family::Relative => "relative",
            Family::Ago => "ago",
            Family::Duration => "duration",
            Family::Clock => "clock",
            Family::Set => "set",
            Family::Season => "season",
            Family::Quarter => "quarter",
        }
    }
}

/// The weekday (1 = Monday) a lower-case word names in `lang`, English included ("четвер" and
/// "thursday" 4), or None.
pub fn weekday_in(lang: &str, lower: &str) -> Option<u32> {
    if lang == "en" {
        return super::lexicon::weekday_of(lower).map(super::rule::weekday_number);
    }
    match lexicon::table(lang)?.get(lower)? {
        C::Wd(n) | C::WdTod(n, _) => Some(*n),
        _ => None,
    }
}

/// Whether `lower` names a weekday in any language [`weekday_in`] reads.
pub fn weekday_in_any(lower: &str) -> bool {
    weekday_langs().any(|l| weekday_in(l, lower).is_some())
}

/// The languages [`weekday_in`] reads (for any other it finds no weekday).
pub fn weekday_langs() -> impl Iterator<Item = &'static str> {
    std::iter::once("en").chain(lexicon::LANGS.iter().copied())
}

/// Whether the tagger here reads `lang` (ISO 639-1).
pub fn reads(lang: &str) -> bool {
    lexicon::LANGS.contains(&lang)
}

struct X<'a> {
    t: &'a [Tok],
    /// Each token's class and how many tokens its word spans ("aujourd ' hui" is one word).
    c: Vec<Option<(C, usize)>>,
    lang: &'a str,
    anchor: Option<NaiveDate>,
    sent_of: Vec<usize>,
    sent: Vec<(usize, usize)>,
    /// The tense cue of each token: -1 past, 1 coming, 0 none.
    cue: Vec<i8>,
    /// The last day-precise date read, and its sentence.
    last: Option<(Rule, usize)>,
    quarter_doc: bool,
    off: u32,
}

fn tod_value(r: Rule, tod: &str) -> Rule {
    Rule::cat(vec![r, Rule::Fixed(format!("T{tod}"))])
}

impl<'a> X<'a> {
    fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.w.as_str())
    }
    fn c(&self, i: usize) -> Option<C> {
        self.c.get(i).copied().flatten().map(|x| x.0)
    }
    fn on(&self, f: Family) -> bool {
        self.off & f as u32 == 0
    }
    /// The index after the word at `i` (and after an elided article's apostrophe: "l'", "quest'").
    fn nx(&self, i: usize) -> usize {
        let j = i + self.c.get(i).copied().flatten().map_or(1, |x| x.1);
        if self.w(j) == "'" && self.t[j].adj { j + 1 } else { j }
    }
    fn num(&self, i: usize) -> Option<i64> {
        self.t.get(i)?.num
    }
    fn year(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        let n = t.num?;
        (t.e - t.s == 4 && (1000..=2199).contains(&n)).then_some(n as i32)
    }
    /// A count: digits or a number word; (next index, value, exact).
    fn count(&self, i: usize) -> Option<(usize, Option<f64>)> {
        if let Some(n) = self.num(i) {
            if self.t[i].e - self.t[i].s <= 4 {
                // "2,5" / "1.5"
                if matches!(self.w(i + 1), "," | ".") && self.t.get(i + 1).is_some_and(|t| t.adj) && self.t.get(i + 2).is_some_and(|t| t.adj && t.num.is_some()) && self.unit(i + 3).is_some() {
                    let f: f64 = format!("{}.{}", n, self.w(i + 2)).parse().ok()?;
                    return Some((i + 3, Some(f)));
                }
                return Some((i + 1, Some(n as f64)));
            }
            return None;
        }
        match self.c(i)? {
            C::Num(n) => Some((self.nx(i), Some(n as f64))),
            C::Vague => Some((self.nx(i), None)),
            _ => None,
        }
    }
    fn unit(&self, i: usize) -> Option<Unit> {
        match self.c(i)? {
            C::Unit(u) => Some(u),
            _ => None,
        }
    }
    fn plural(&self, i: usize) -> bool {
        let w = self.w(i);
        match self.lang {
            "de" => w.ends_with("en") || matches!(w, "jahre" | "tage" | "monate" | "jahrzehnte" | "jahrhunderte" | "quartale"),
            "it" => w.ends_with('i') || matches!(w, "settimane" | "ore" | "giornate"),
            _ => w.ends_with('s') && !matches!(w, "mes" | "mois" | "mês"),
        }
    }
    fn sentence(&self, i: usize) -> usize {
        self.sent_of.get(i).copied().unwrap_or(0)
    }
    /// The tense of the clause at `i`: the nearest cue in its sentence, one on the right
    /// counting half again as far.
    fn tense(&self, i: usize) -> i32 {
        let (a, b) = self.sent.get(self.sentence(i)).copied().unwrap_or((0, self.t.len()));
        let mut best: Option<(usize, i8)> = None;
        for j in (a..i).rev().take(40) {
            if self.cue[j] != 0 {
                best = Some(((i - j) * 2, self.cue[j]));
                break;
            }
        }
        for j in (i + 1..b.min(self.t.len())).take(40) {
            if self.cue[j] != 0 {
                let d = (j - i) * 3;
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, self.cue[j]));
                }
                break;
            }
        }
        best.map_or(0, |(_, c)| c as i32)
    }

    fn at(&self, i: usize) -> Option<M> {
        let mut best: Option<M> = None;
        let cands = [
            self.calendar(i),
            self.weekday(i),
            self.deictic(i),
            self.relative(i),
            self.ago(i),
            self.duration(i),
            self.clock(i),
            self.set(i),
            self.season(i),
        ];
        for c in cands.into_iter().flatten() {
            if c.e > c.s && best.as_ref().is_none_or(|b| c.e > b.e) {
                best = Some(c);
            }
        }
        best
    }

    // ------------------------------------------------------------------ calendar dates

    /// A day of the month at `i`: "11", "1er", "1º", "primero"; (next, day).
    fn day(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.t.get(i)?;
        if let Some(n) = t.num {
            if t.e - t.s <= 2 && (1..=31).contains(&n) {
                let mut j = i + 1;
                // "3. Mai", "1º", "1°"
                if matches!(self.w(j), "." | "°" | "º") && self.t[j].adj {
                    j += 1;
                }
                return Some((j, n as u32));
            }
            return None;
        }
        let w = self.w(i);
        if matches!(w, "1er" | "1º" | "1ª" | "1o") || (self.c(i) == Some(C::Ord(1)) && matches!(self.lang, "es" | "fr" | "pt")) {
            return Some((i + 1, 1));
        }
        None
    }

    fn month(&self, i: usize) -> Option<(usize, u32)> {
        match self.c(i)? {
            C::Month(m) => Some((self.nx(i), m)),
            C::MonthAbbr(m) => {
                let num_before = i > 0 && self.t[i - 1].num.is_some() || i > 1 && self.w(i - 1) == "." && self.t[i - 2].num.is_some();
                if self.w(i + 1) == "." && self.t[i + 1].adj && (num_before || self.num(i + 2).is_some()) {
                    Some((i + 2, m))
                } else if self.num(i + 1).is_some() {
                    Some((i + 1, m))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A year after a month or a day: "de 2011", "del 2005", ", 2011", "2011"; (next, year).
    fn year_after(&self, j: usize) -> Option<(usize, i32)> {
        if let Some(y) = self.year(j) {
            return Some((j + 1, y));
        }
        if matches!(self.w(j), "de" | "del" | "," | "do" | "di" | "года" | "року" | "р") {
            if let Some(y) = self.year(j + 1) {
                return Some((j + 2, y));
            }
        }
        None
    }

    fn calendar(&self, i: usize) -> Option<M> {
        if !self.on(Family::Calendar) {
            return self.year_expr(i);
        }
        // "principios de mayo", "Anfang Juni", "début mai", "início deste mês"
        if self.c(i) == Some(C::Premod) {
            let mut j = self.nx(i);
            if matches!(self.w(j), "de" | "del" | "do" | "da" | "des" | "di" | "-") {
                j += 1;
            }
            let inner = self.calendar(j).or_else(|| self.relative(j)).or_else(|| self.year_expr(j))?;
            return mk(i, inner.e, inner.kind, inner.value);
        }
        // the weekday before a date: "jeudi 16 septembre", "Donnerstag, 25. Februar"
        if let Some(C::Wd(_)) = self.c(i) {
            let mut j = self.nx(i);
            if self.w(j) == "," {
                j += 1;
            }
            if matches!(self.c(j), Some(C::Art)) || matches!(self.w(j), "den") {
                j += 1;
            }
            let inner = self.day_month(j)?;
            return mk(i, inner.e, TimeType::Date, inner.value);
        }
        self.day_month(i).or_else(|| self.month_year(i)).or_else(|| self.numeric(i)).or_else(|| self.year_expr(i))
    }

    fn day_month(&self, i: usize) -> Option<M> {
        let (j, d) = self.day(i)?;
        let j = if matches!(self.w(j), "de" | "di") { j + 1 } else { j };
        let (k, m) = self.month(j)?;
        if let Some((e, y)) = self.year_after(k) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return mk(i, e, TimeType::Date, super::fmt_d(date));
        }
        NaiveDate::from_ymd_opt(2000, m, d)?;
        mk(i, k, TimeType::Date, Rule::MonthDay { m, d, tense: self.tense(i), wd: None })
    }

    fn month_year(&self, i: usize) -> Option<M> {
        let (j, m) = self.month(i)?;
        if let Some((e, y)) = self.year_after(j) {
            return mk(i, e, TimeType::Date, super::fmt_ym(y, m));
        }
        // "Juli dieses Jahres", "marzo de este año", "mai de l'année prochaine"
        let mut k = j;
        if matches!(self.w(k), "de" | "del" | "do" | "di") {
            k += 1;
        }
        if let Some(C::This | C::Last | C::Next) = self.c(k) {
            let r = self.nx(k);
            if self.unit(r) == Some(Unit::Year) {
                let kk = match self.c(k) { Some(C::This) => 0, Some(C::Last) => -1, _ => 1 };
                return mk(i, self.nx(r), TimeType::Date, Rule::YearMonth { m, k: kk });
            }
        }
        // a bare month: not a capitalised "Mai" or "Mars" that is a name
        if self.lang == "fr" && self.w(i) == "mars" && self.t[i].cap {
            return None;
        }
        mk(i, j, TimeType::Date, Rule::Month { m, rel: 0, tense: self.tense(i) })
    }

    /// Day-first dates in digits: "30.11.2013", "25/01/2011", "2011-01-25".
    fn numeric(&self, i: usize) -> Option<M> {
        let a = self.num(i)?;
        let sep = self.w(i + 1);
        if !matches!(sep, "." | "/" | "-") || !self.t.get(i + 1)?.adj || !self.t.get(i + 2)?.adj {
            return None;
        }
        let b = self.num(i + 2)?;
        if self.w(i + 3) != sep || !self.t.get(i + 3)?.adj || !self.t.get(i + 4)?.adj {
            return None;
        }
        let c = self.num(i + 4)?;
        let (y, m, d) = if self.year(i).is_some() { (a, b, c) } else if self.year(i + 4).is_some() { (c, b, a) } else { return None };
        let date = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
        mk(i, i + 5, TimeType::Date, super::fmt_d(date))
    }

    /// A year alone ("2011", "el 2000", "im Jahr 2011", "ano 2000").
    fn year_expr(&self, i: usize) -> Option<M> {
        if !self.on(Family::Year) {
            return None;
        }
        if self.unit(i) == Some(Unit::Year) && !self.plural(i) {
            let y = self.year(self.nx(i))?;
            return mk(i, self.nx(i) + 1, TimeType::Date, format!("{y:04}"));
        }
        let y = self.year(i)?;
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if i > 0 && self.t[i].adj && matches!(prev, "-" | "/" | "." | ":" | "," | "$" | "€" | "£") {
            return None;
        }
        if let Some(t) = self.t.get(i + 1) {
            if t.adj && matches!(t.w.as_str(), "%" | "-" | "/" | ":" | "." | ",") && self.t.get(i + 2).is_some_and(|x| x.num.is_some()) {
                return None;
            }
            if matches!(t.w.as_str(), "%" | "€" | "euro" | "euros" | "dólares" | "dollars" | "dollar" | "pesos" | "km" | "m" | "kg" | "uhr" | "h" | "horas" | "heures" | "ore") {
                return None;
            }
            // "2000 personas", "1950 soldats": a count of people or things
            if t.alpha && !t.cap && self.lang != "de" && self.plural(i + 1) && t.w.len() > 3 && self.c(i + 1).is_none() && !matches!(t.w.as_str(), "más" | "mais" | "plus" | "dos" | "das" | "des" | "les" | "los" | "las" | "todos" | "tras" | "após" | "depois" | "pues") {
                return None;
            }
            // German counts are capitalised nouns: "2000 Menschen"
            if self.lang == "de" && t.alpha && t.cap && !t.nl && self.c(i + 1).is_none() && !self.t.get(i + 2).is_some_and(|x| x.w == "." || x.w == ",") {
                return None;
            }
        }
        mk(i, i + 1, TimeType::Date, format!("{y:04}"))
    }

    // ------------------------------------------------------------------ weekdays

    fn weekday(&self, i: usize) -> Option<M> {
        if !self.on(Family::Weekday) {
            return None;
        }
        let (s, rel0, j) = match self.c(i)? {
            C::Last => (i, -1, self.nx(i)),
            C::Next => (i, 1, self.nx(i)),
            _ => (i, 0, i),
        };
        let (wd, tod) = match self.c(j)? {
            C::Wd(wd) => (wd, None),
            C::WdTod(wd, t) => (wd, Some(t)),
            _ => return None,
        };
        let mut e = self.nx(j);
        let mut rel = rel0;
        if rel == 0 {
            match self.c(e) {
                Some(C::Last) => {
                    rel = -1;
                    e = self.nx(e);
                }
                Some(C::Next) => {
                    rel = 1;
                    e = self.nx(e);
                }
                _ => {}
            }
        }
        // "mañana jueves", "ayer, martes", "demain jeudi", "ieri mercoledì": the weekday names the
        // day the word before it counts, so it lies that way ("mañana jueves" read as past from
        // the sentence's tense was a week back)
        let day_before = (rel == 0 && j == i).then(|| {
            let p = if i >= 2 && self.w(i - 1) == "," { i - 2 } else { i.checked_sub(1)? };
            match self.c(p)? {
                C::Day(k) if k != 0 => Some(k.signum() as i32),
                C::Other if matches!(self.w(p), "mañana" | "morgen") && !(p > 0 && matches!(self.w(p - 1), "la" | "esta" | "de" | "am" | "heute" | "gestern" | "jeden" | "den" | "dem" | "pasado")) => Some(1),
                _ => None,
            }
        });
        let tense = match day_before.flatten() {
            Some(k) => k,
            None if rel == 0 => self.tense(j),
            None => 0,
        };
        // in a language whose tenses are hardly read here (ru, uk, tr), a bare weekday with no
        // tense cue in its sentence could be the last one or the next: it stays unresolved
        // rather than be given a guessed day ("готовий зустрітися … в четвер", 11 May 2025,
        // is the coming Thursday; the past default said 8 May)
        let r = if rel == 0 && tense == 0 && matches!(self.lang, "ru" | "uk" | "tr") {
            Rule::Fixed(format!("XXXX-WXX-{wd}"))
        } else {
            Rule::Weekday { wd, rel, tense }
        };
        if let Some(t) = tod {
            return mk(s, e, TimeType::Time, tod_value(r, t));
        }
        if let Some(t) = self.tod_after(e) {
            return mk(s, t.0, TimeType::Time, tod_value(r, t.1));
        }
        mk(s, e, TimeType::Date, r)
    }

    /// A part of the day after a day: "soir", "por la tarde", "à noite", "Abend"; (next, TIMEX code).
    fn tod_after(&self, i: usize) -> Option<(usize, &'static str)> {
        let mut j = i;
        for w in ["por", "la", "à", "a", "de", "in", "der", "am"] {
            if self.w(j) == w {
                j += 1;
            }
        }
        match self.c(j) {
            Some(C::Tod(t)) => Some((self.nx(j), t)),
            Some(C::Other) if matches!(self.w(j), "mañana" | "morgen") && j > i => Some((j + 1, "MO")),
            Some(C::Other) if self.w(j) == "morgen" && self.t[j].cap => Some((j + 1, "MO")),
            _ => None,
        }
    }

    // ------------------------------------------------------------------ deictic words

    fn deictic(&self, i: usize) -> Option<M> {
        // "el momento" (Spanish), "em breve" (Portuguese)
        if self.on(Family::Refs) {
            if self.lang == "es" && self.w(i) == "momento" && i > 0 && matches!(self.w(i - 1), "el" | "este") {
                return mk(i - 1, i + 1, TimeType::Date, "PRESENT_REF");
            }
            if self.lang == "pt" && self.w(i) == "em" && self.w(i + 1) == "breve" {
                return mk(i, i + 2, TimeType::Date, "FUTURE_REF");
            }
        }
        let c = self.c(i)?;
        if let C::Ref(v) = c {
            if !self.on(Family::Refs) {
                return None;
            }
            return mk(i, self.nx(i), TimeType::Date, v);
        }
        if !self.on(Family::Deictic) {
            return None;
        }
        if self.w(i) == "hoy" && self.w(i + 1) == "en" && self.w(i + 2) == "día" {
            return self.on(Family::Refs).then(|| mk(i, i + 3, TimeType::Date, "PRESENT_REF")).flatten();
        }
        let (k, e) = match c {
            C::Day(k) => (k, self.nx(i)),
            C::DayTod(k, t) => return mk(i, self.nx(i), TimeType::Time, tod_value(Rule::Day { k }, t)),
            // Spanish "mañana" is tomorrow unless it is "la / esta / por la mañana"; German
            // "Morgen" after "am", "heute", "gestern" is the morning
            C::Other => {
                let prev = if i > 0 { self.w(i - 1) } else { "" };
                if matches!(prev, "la" | "esta" | "de" | "am" | "heute" | "gestern" | "jeden" | "den" | "dem" | "pasado") || (self.w(i) == "morgen" && self.t[i].cap && i > 0 && !self.t[i].nl && !matches!(prev, "." | "\"" | ":")) {
                    return None;
                }
                (1, self.nx(i))
            }
            // "pasado mañana"
            C::Last if self.w(i) == "pasado" && self.w(i + 1) == "mañana" => (2, i + 2),
            // "ce soir", "esta noche", "esta tarde", "questa sera", "esta noite"
            C::This => {
                let j = self.nx(i);
                return match self.c(j) {
                    Some(C::Tod(t)) => mk(i, self.nx(j), TimeType::Time, tod_value(Rule::Day { k: 0 }, t)),
                    Some(C::Other) if self.w(j) == "mañana" => mk(i, j + 1, TimeType::Time, tod_value(Rule::Day { k: 0 }, "MO")),
                    _ => None,
                };
            }
            _ => return None,
        };
        // "hoy, jueves", "hoy jueves": today
        let mut e = e;
        if matches!(self.w(e), "," ) && matches!(self.c(e + 1), Some(C::Wd(_))) {
            e += 2;
        } else if matches!(self.c(e), Some(C::Wd(_))) && k == 0 {
            e += 1;
        }
        if let Some((e2, t)) = self.tod_after(e) {
            return mk(i, e2, TimeType::Time, tod_value(Rule::Day { k }, t));
        }
        mk(i, e, TimeType::Date, Rule::Day { k })
    }

    // ------------------------------------------------------------------ relative units

    fn rel_of(c: Option<C>) -> Option<i32> {
        Some(match c? {
            C::This => 0,
            C::Last | C::Prev => -1,
            C::Next => 1,
            _ => return None,
        })
    }

    fn relative(&self, i: usize) -> Option<M> {
        if let Some(C::YearRel(k)) = self.c(i) {
            if !self.on(Family::Relative) {
                return None;
            }
            return mk(i, self.nx(i), TimeType::Date, Rule::Unit { unit: Unit::Year, k, tense: 0 });
        }
        let c = self.c(i)?;
        // quarters: "tercer trimestre", "dritten Quartal", "terceiro trimestre do ano passado"
        if let C::Ord(q) = c {
            let j = self.nx(i);
            if self.unit(j) == Some(Unit::Quarter) && self.on(Family::Quarter) {
                let mut e = self.nx(j);
                let mut year = None;
                let mut year_ago = false;
                if let Some((e2, y)) = self.year_after(e) {
                    e = e2;
                    year = Some(y);
                } else {
                    let mut k = e;
                    if matches!(self.w(k), "de" | "del" | "do" | "des" | "dell" | "dello") {
                        k += 1;
                    }
                    if matches!(self.c(k), Some(C::Art)) {
                        k = self.nx(k);
                    }
                    if self.unit(k) == Some(Unit::Year) && matches!(self.c(self.nx(k)), Some(C::Last | C::Prev)) {
                        e = self.nx(self.nx(k));
                        year_ago = true;
                    } else if matches!(self.c(k), Some(C::This)) && self.unit(self.nx(k)) == Some(Unit::Year) {
                        e = self.nx(self.nx(k));
                    }
                }
                return mk(i, e, TimeType::Date, Rule::Quarter { q: Some(q), year, year_ago, tense: self.tense(i) });
            }
            return None;
        }
        if !self.on(Family::Relative) {
            return None;
        }
        // (this | last | next | previous | following | same) unit
        if matches!(c, C::This | C::Last | C::Next | C::Prev | C::Follow | C::Same) {
            let j = self.nx(i);
            let u = self.unit(j)?;
            if self.plural(j) {
                // "estos días", "ces jours-ci": the present
                return (c == C::This && u == Unit::Day && self.on(Family::Refs)).then(|| mk(i, self.nx(j), TimeType::Date, "PRESENT_REF")).flatten();
            }
            return self.unit_value(i, self.nx(j), u, c);
        }
        // unit (last | next | previous | following | this): "la semana pasada", "l'an prochain"
        if let C::Unit(u) = c {
            if self.plural(i) {
                return None;
            }
            let j = self.nx(i);
            if u == Unit::Quarter && self.quarter_doc && self.on(Family::Quarter) && !matches!(self.c(j), Some(C::Last | C::Next | C::Prev | C::Follow)) {
                return mk(i, j, TimeType::Date, Rule::Quarter { q: None, year: None, year_ago: false, tense: 0 });
            }
            let r = self.c(j)?;
            if !matches!(r, C::Last | C::Next | C::Prev | C::Follow) || (r == C::Follow && self.w(j) == "lendemain") {
                return None;
            }
            return self.unit_value(i, self.nx(j), u, r);
        }
        // "le lendemain", "la veille"
        if matches!(c, C::Follow | C::Prev) && matches!(self.w(i), "lendemain" | "veille") {
            return self.unit_value(i, self.nx(i), Unit::Day, c);
        }
        None
    }

    fn unit_value(&self, s: usize, e: usize, u: Unit, c: C) -> Option<M> {
        let k = match c {
            C::Follow => 1,
            C::Same => 0,
            _ => Self::rel_of(Some(c))?,
        };
        // the day after, or the same day as, the date last mentioned
        if matches!(c, C::Follow | C::Same) || (u == Unit::Day && k != 0) {
            if let Some((base, _)) = &self.last {
                if super::rule::after(&base.resolve(self.anchor), u, k).is_some() {
                    return mk(s, e, TimeType::Date, Rule::After { base: Box::new(base.clone()), unit: u, k });
                }
            }
            if matches!(c, C::Follow | C::Same | C::Prev) && u != Unit::Day {
                return None;
            }
        }
        if u == Unit::Quarter && !self.on(Family::Quarter) {
            return None;
        }
        if matches!(u, Unit::Sec | Unit::Min | Unit::Hour) {
            return None;
        }
        mk(s, e, TimeType::Date, Rule::Unit { unit: u, k, tense: 0 })
    }

    // ------------------------------------------------------------------ ago, in, durations

    fn ago(&self, i: usize) -> Option<M> {
        if !self.on(Family::Ago) {
            return None;
        }
        let c = self.c(i);
        // "il y a deux jours"
        let fr_ago = self.lang == "fr" && self.w(i) == "il" && self.w(i + 1) == "y" && self.w(i + 2) == "a";
        let (j, sign) = if fr_ago {
            (i + 3, -1)
        } else {
            match c {
                Some(C::AgoPre) => (self.nx(i), -1),
                Some(C::InPre) => {
                    let j = self.nx(i);
                    (if matches!(self.w(j), "de" | "a") { j + 1 } else { j }, 1)
                }
                _ => {
                    // "tre giorni fa", "три дня назад", "dois anos atrás"
                    let (j, n) = self.count(i)?;
                    let u = self.unit(j)?;
                    let e = self.nx(j);
                    if self.c(e) != Some(C::AgoPost) {
                        return None;
                    }
                    return mk(i, self.nx(e), TimeType::Date, self.ago_rule(n, u, -1));
                }
            }
        };
        let (k, n) = self.count(j)?;
        if sign > 0 && n.is_none() {
            return None;
        }
        let u = self.unit(k)?;
        // "desde hace tres años": a duration
        if sign < 0 && i > 0 && self.w(i - 1) == "desde" {
            return mk(i - 1, self.nx(k), TimeType::Duration, super::dur_value(n, u));
        }
        // "hace unos días", "il y a quelques mois": how long, not when (the gold's reading)
        if n.is_none() {
            return mk(i, self.nx(k), TimeType::Duration, super::dur_value(n, u));
        }
        // KRAUTS reads "vor sechs Jahren", "vor einer Woche", "in einem Jahr" as the six years,
        // the week, the year
        if self.lang == "de" {
            return mk(j, self.nx(k), TimeType::Duration, super::dur_value(n, u));
        }
        mk(i, self.nx(k), TimeType::Date, self.ago_rule(n, u, sign))
    }

    fn ago_rule(&self, n: Option<f64>, u: Unit, sign: i64) -> Rule {
        if sign < 0 && n == Some(1.0) && u == Unit::Year && self.quarter_doc {
            return Rule::YearEarlier { quarter: true };
        }
        Rule::Ago { n, unit: u, sign }
    }

    fn duration(&self, i: usize) -> Option<M> {
        if !self.on(Family::Duration) {
            return None;
        }
        let mut j = i;
        // "más de", "plus de", "mehr als", "quasi", "cerca de"
        if self.c(j) == Some(C::More) {
            j = self.nx(j);
            if matches!(self.w(j), "de" | "que" | "als" | "di" | "d") {
                j = self.nx(j);
            }
        }
        // "los últimos tres años", "os próximos dois anos", "primeiros nove meses", "den vergangenen Jahren"
        let lead = matches!(self.c(j), Some(C::Last | C::Next)) || (self.c(j) == Some(C::Ord(1)) && self.count(self.nx(j)).is_some());
        if lead {
            let k = self.nx(j);
            if let Some(u) = self.unit(k) {
                if self.plural(k) {
                    return mk(i, self.nx(k), TimeType::Duration, super::dur_value(None, u));
                }
                return None;
            }
            j = k;
        }
        let (k, n) = self.count(j)?;
        let u = self.unit(k)?;
        // a year count in digits is a year, not a count ("2011 años" does not occur)
        if n.is_some_and(|x| x >= 1000.0) {
            return None;
        }
        if u == Unit::Weekend || (n.is_none() && !self.plural(k)) {
            return None;
        }
        // an age: "Jean Dupont, 53 ans,", "um homem de 54 anos" (Spanish TimeBank marks ages
        // as durations; French and Portuguese TimeBank do not)
        if u == Unit::Year && matches!(self.lang, "fr" | "pt") && j == i && self.num(j).is_some() && j > 0 && matches!(self.w(j - 1), "," | "(" | "de" | "à" | "aos" | "dos") {
            return None;
        }
        let mut e = self.nx(k);
        // "les trois derniers jours"
        if matches!(self.c(e), Some(C::Last | C::Next)) {
            e = self.nx(e);
        }
        mk(i, e, TimeType::Duration, super::dur_value(n, u))
    }

    // ------------------------------------------------------------------ clock times

    fn clock(&self, i: usize) -> Option<M> {
        if !self.on(Family::Clock) {
            return None;
        }
        let t = self.t.get(i)?;
        let (h, mi, e) = if let Some(h) = t.num {
            if t.e - t.s > 2 || !(0..=24).contains(&h) {
                return None;
            }
            let mut e = i + 1;
            let mut mi = None;
            let sep = self.w(e);
            if matches!(sep, ":" | ".") && self.t.get(e).is_some_and(|x| x.adj) && self.t.get(e + 1).is_some_and(|x| x.adj && x.e - x.s == 2) {
                let m = self.num(e + 1)?;
                if !(0..60).contains(&m) {
                    return None;
                }
                // "20.30" reads as a time only before "Uhr", "h" or "GMT"; "16:08" always
                if sep == "." && self.c(e + 2) != Some(C::Hour) && !matches!(self.w(e + 2), "gmt" | "utc") {
                    return None;
                }
                mi = Some(m);
                e += 2;
            }
            if self.c(e) == Some(C::Hour) {
                e = self.nx(e);
                // "19 h 30"
                if mi.is_none() {
                    if let Some(m) = self.num(e).filter(|m| (0..60).contains(m) && self.t[e].e - self.t[e].s == 2) {
                        mi = Some(m);
                        e += 1;
                    }
                }
            } else if mi.is_none() {
                return None;
            }
            (h, mi.unwrap_or(0), e)
        } else {
            // "19h30", "15h"
            let w = t.w.as_str();
            let (a, b) = w.split_once('h')?;
            if a.is_empty() || a.len() > 2 || !a.bytes().all(|c| c.is_ascii_digit()) || !(b.is_empty() || (b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()))) {
                return None;
            }
            let h: i64 = a.parse().ok()?;
            let m: i64 = if b.is_empty() { 0 } else { b.parse().ok()? };
            if h > 24 || m > 59 {
                return None;
            }
            (h, m, i + 1)
        };
        let mut h = h;
        let mut e = e;
        // "a las 8 de la tarde"
        if self.w(e) == "de" && self.w(e + 1) == "la" && matches!(self.c(e + 2), Some(C::Tod("AF" | "NI"))) {
            if h < 12 {
                h += 12;
            }
            e += 3;
        }
        // "16:08 UTC", "13.00 GMT"
        let zone = if matches!(self.w(e), "gmt" | "utc") {
            e += 1;
            "Z"
        } else {
            ""
        };
        // the day: the last date of this sentence, else the article's
        let si = self.sentence(i);
        let base = match &self.last {
            Some((r, s)) if *s == si => Rule::DatePart(Box::new(r.clone())),
            _ => Rule::Day { k: 0 },
        };
        // Spanish TimeBank takes "las" in ("las 16:08"); KRAUTS leaves "um" out, French TimeBank "à"
        let s = if i > 0 && self.w(i - 1) == "las" { i - 1 } else { i };
        mk(s, e, TimeType::Time, Rule::cat(vec![base, Rule::Fixed(format!("T{h:02}:{mi:02}{zone}"))]))
    }

    // ------------------------------------------------------------------ sets and seasons

    fn set(&self, i: usize) -> Option<M> {
        if !self.on(Family::Set) {
            return None;
        }
        match self.c(i).unwrap_or(C::Other) {
            C::SetAdj(v) => mk(i, self.nx(i), TimeType::Set, v),
            C::Each => {
                let j = self.nx(i);
                if let Some(u) = self.unit(j) {
                    return mk(i, self.nx(j), TimeType::Set, super::dur_value(Some(1.0), u));
                }
                if let Some(C::Wd(wd)) = self.c(j) {
                    return mk(i, self.nx(j), TimeType::Set, format!("XXXX-WXX-{wd}"));
                }
                None
            }
            _ => {
                // "al año", "par an", "pro Jahr" (TimeBankPT leaves "por semana" out)
                if matches!(self.w(i), "al" | "par" | "pro" | "all") || (self.w(i) == "por" && self.lang == "es") {
                    let j = self.nx(i);
                    let u = self.unit(j)?;
                    if self.plural(j) || !matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Day) || matches!(self.c(self.nx(j)), Some(C::Last | C::Next | C::Prev | C::Follow | C::Same | C::Num(_))) || self.year(self.nx(j)).is_some() {
                        return None;
                    }
                    return mk(i, self.nx(j), TimeType::Set, super::dur_value(Some(1.0), u));
                }
                None
            }
        }
    }

    fn season(&self, i: usize) -> Option<M> {
        if !self.on(Family::Season) {
            return None;
        }
        let (k, j) = match self.c(i)? {
            C::This => (0, self.nx(i)),
            C::Last => (-1, self.nx(i)),
            C::Next => (1, self.nx(i)),
            C::Season(_) => (0, i),
            _ => return None,
        };
        let Some(C::Season(s)) = self.c(j) else { return None };
        let e = self.nx(j);
        // "la primavera árabe", "le printemps arabe"
        if self.w(e).starts_with("arab") || self.w(e).starts_with("árab") {
            return None;
        }
        if let Some((e2, y)) = self.year_after(e) {
            return mk(i, e2, TimeType::Date, format!("{y:04}-{s}"));
        }
        let (k, e) = match self.c(e) {
            Some(C::Last) if k == 0 => (-1, self.nx(e)),
            Some(C::Next) if k == 0 => (1, self.nx(e)),
            _ => (k, e),
        };
        // a bare season word after an article or a preposition only ("l'automne", "im Sommer")
        if j == i && k == 0 && !(i > 0 && (matches!(self.c(i - 1), Some(C::Art)) || matches!(self.w(i - 1), "'" | "en" | "im" | "in" | "no" | "na" | "au" | "em" | "nel" | "nell" | "del" | "do"))) {
            return None;
        }
        mk(i, e, TimeType::Date, Rule::Season { season: s.to_string(), k })
    }
}

/// The tense cue of a word in `lang`: -1 a past form or auxiliary, 1 a future or conditional
/// form, 0 none. Suffix tests, so they miss and mislead at times; the nearest cue decides.
fn cue(lang: &str, w: &str) -> i8 {
    let n = w.chars().count();
    match lang {
        "es" => {
            if matches!(w, "será" | "serán" | "habrá" | "va" | "van" | "vamos" | "prevé" | "planea") || (n > 4 && (w.ends_with("rá") || w.ends_with("rán") || w.ends_with("ría") || w.ends_with("rían"))) {
                1
            } else if matches!(w, "ha" | "han" | "había" | "habían" | "fue" | "fueron" | "dijo" | "hubo" | "estuvo") || (n > 4 && (w.ends_with("ó") || w.ends_with("aron") || w.ends_with("ieron"))) {
                -1
            } else {
                0
            }
        }
        "fr" => {
            if matches!(w, "va" | "vont" | "sera" | "seront" | "aura" | "auront") || (n > 4 && (w.ends_with("ra") || w.ends_with("ront") || w.ends_with("rait") || w.ends_with("raient"))) {
                1
            } else if matches!(w, "a" | "ont" | "avait" | "avaient" | "était" | "étaient" | "fut" | "eut") || (n > 3 && (w.ends_with('é') || w.ends_with("ée") || w.ends_with("és") || w.ends_with("ées"))) {
                -1
            } else {
                0
            }
        }
        "it" => {
            if n > 4 && (w.ends_with("rà") || w.ends_with("ranno") || w.ends_with("rebbe") || w.ends_with("rebbero")) {
                1
            } else if matches!(w, "ha" | "hanno" | "era" | "erano" | "aveva" | "avevano" | "fu") || (n > 4 && (w.ends_with("ato") || w.ends_with("ata") || w.ends_with("ati") || w.ends_with("uto") || w.ends_with("ito") || (w.ends_with('ò') && !w.ends_with("rò")))) {
                -1
            } else {
                0
            }
        }
        "de" => {
            if matches!(w, "wird" | "werden" | "soll" | "sollen" | "will" | "wollen" | "plant" | "geplant") {
                1
            } else if matches!(w, "hat" | "haben" | "hatte" | "hatten" | "war" | "waren" | "wurde" | "wurden" | "sagte" | "sagten") || (n > 5 && w.starts_with("ge") && w.ends_with('t')) {
                -1
            } else {
                0
            }
        }
        "pt" => {
            if matches!(w, "vai" | "vão" | "será" | "serão" | "irá" | "irão") || (n > 4 && (w.ends_with("rá") || w.ends_with("rão") || w.ends_with("ria") || w.ends_with("riam"))) {
                1
            } else if matches!(w, "foi" | "foram" | "disse" | "fez" | "teve" | "tinha" | "havia") || (n > 4 && (w.ends_with("ou") || w.ends_with("aram") || w.ends_with("eram") || w.ends_with("iram"))) {
                -1
            } else {
                0
            }
        }
        // future auxiliaries and words of intent; past forms by their endings (Ukrainian
        // "заявив", "сказала", "приїхали"; Russian "заявил", "сказала")
        "uk" | "ru" => {
            if matches!(w, "буде" | "будуть" | "будемо" | "будет" | "будут" | "будем" | "готовий" | "готова" | "готові" | "готов" | "готовы" | "планує" | "планують" | "планирует" | "планируют" | "наступного" | "следующей" | "следующий") {
                1
            } else if n > 4 && (w.ends_with("ав") || w.ends_with("ив") || w.ends_with("ів") || w.ends_with("ала") || w.ends_with("ила") || w.ends_with("али") || w.ends_with("или") || w.ends_with("ал") || w.ends_with("ил")) {
                -1
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Tag `toks` (the shared tokens as the tagger reads them) in `lang`, running the families not
/// in `off`; None when the language is not read here.
pub(super) fn find(toks: &[Tok], sent: Vec<(usize, usize)>, lang: &str, anchor: Option<NaiveDate>, off: u32) -> Option<Vec<M>> {
    let table = lexicon::table(lang)?;
    let n = toks.len();
    let mut c: Vec<Option<(C, usize)>> = vec![None; n];
    let mut joined = String::new();
    for i in 0..n {
        // a word written with an inner apostrophe or hyphen: "aujourd'hui", "sexta-feira", "п'ятниця"
        if i + 2 < n && toks[i].alpha && matches!(toks[i + 1].w.as_str(), "'" | "-") && toks[i + 1].adj && toks[i + 2].adj && toks[i + 2].alpha {
            joined.clear();
            joined.push_str(&toks[i].w);
            joined.push_str(&toks[i + 1].w);
            joined.push_str(&toks[i + 2].w);
            if let Some(&x) = table.get(joined.as_str()) {
                c[i] = Some((x, 3));
                continue;
            }
        }
        if let Some(&x) = table.get(toks[i].w.as_str()) {
            c[i] = Some((x, 1));
        }
    }
    let mut sent_of = vec![0usize; n];
    for (si, &(a, b)) in sent.iter().enumerate() {
        for x in sent_of.iter_mut().take(b).skip(a) {
            *x = si;
        }
    }
    let cues: Vec<i8> = toks.iter().map(|t| if t.alpha { cue(lang, &t.w) } else { 0 }).collect();
    let quarter_doc = c.iter().filter(|x| matches!(x, Some((C::Unit(Unit::Quarter), _)))).count() >= 2;
    let mut x = X { t: toks, c, lang, anchor, sent_of, sent, cue: cues, last: None, quarter_doc, off };
    let art_in_span = lang != "pt";
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if x.c[i].is_none() && toks[i].num.is_none() && !toks[i].alpha {
            i += 1;
            continue;
        }
        // an article before an expression: the span takes it in where the language's gold does
        let art = matches!(x.c(i), Some(C::Art));
        let m = if art { x.at(x.nx(i)).map(|mut m| {
            if art_in_span && !matches!(m.kind, TimeType::Set) {
                m.s = i;
            }
            m
        }) } else { None };
        let m = m.or_else(|| x.at(i));
        let Some(m) = m else {
            i += 1;
            continue;
        };
        if matches!(m.kind, TimeType::Date | TimeType::Time) {
            let v = m.value.resolve(anchor);
            if v.len() >= 10 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit) && v.as_bytes()[8].is_ascii_digit() {
                x.last = Some((if v.contains('T') { Rule::DatePart(Box::new(m.value.clone())) } else { m.value.clone() }, x.sentence(m.s)));
            }
        }
        i = m.e.max(i + 1);
        out.push(m);
    }
    Some(out)
}

#[cfg(test)]
mod tests;

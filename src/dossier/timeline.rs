//! The timeline: dated events from the story's sentences, one entry per event however many
//! outlets report it.
//!
//! A candidate is a clause that carries an explicit date ("on Saturday", "June 2", "in March
//! 2022", "February of that year"; vague ones like "two years ago" or "this year" are left to
//! the disagreement finder), dated by the time layer anchored on its article's date. Widely
//! reported quotes add the act of saying them, on the day their first carrier was published.
//! Candidates on the same date are merged when they tell the same event: similar words, or
//! the same actor with some shared words; a year- or month-dated mention ("the talks of
//! 2022") joins a finer entry within it that tells the same event ("talks in March 2022").
//!
//! Kinds: before the story's first report (less a day's grace) is background; after the
//! reporting article's own date is planned (until some later article reports it as past);
//! the rest happened.

use chrono::{Datelike, Duration, NaiveDate};

use super::prep::{cosine, display, leans_on_previous, overlap, root, Doc, Vocab};
use super::{EventKind, TimelineEntry};
use crate::analysis::TimeType;
use crate::store::QuoteGroup;

/// The precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prec {
    Year,
    Month,
    Day,
}

/// A calendar interval at some precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct When {
    pub prec: Prec,
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
}

impl When {
    /// Parse a TIMEX3 value of day, month or year precision (a time of day counts as its day).
    pub fn parse(v: &str) -> Option<When> {
        let b = v.as_bytes();
        let num = |r: std::ops::Range<usize>| v.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<i32>().ok());
        let y = num(0..4)?;
        if b.len() == 4 {
            let start = NaiveDate::from_ymd_opt(y, 1, 1)?;
            return Some(When { prec: Prec::Year, start, end: NaiveDate::from_ymd_opt(y, 12, 31)? });
        }
        if b.get(4) != Some(&b'-') {
            return None;
        }
        let m = num(5..7)? as u32;
        if b.len() == 7 {
            let start = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
            return Some(When { prec: Prec::Month, start, end: next - Duration::days(1) });
        }
        if b.get(7) != Some(&b'-') || !(b.len() == 10 || b.get(10) == Some(&b'T')) {
            return None;
        }
        let d = NaiveDate::from_ymd_opt(y, m, num(8..10)? as u32)?;
        Some(When { prec: Prec::Day, start: d, end: d })
    }

    pub fn label(&self) -> String {
        match self.prec {
            Prec::Year => format!("{}", self.start.year()),
            Prec::Month => self.start.format("%Y-%m").to_string(),
            Prec::Day => self.start.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn contains(&self, o: &When) -> bool {
        self.start <= o.start && o.end <= self.end
    }
}

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// One dated clause of one article (or one widely reported quote).
struct Cand {
    when: When,
    kind: EventKind,
    doc: usize,
    /// The display text.
    text: String,
    terms: Vec<u32>,
    /// The person the clause is about (its first named person, or the speaker).
    actor: Option<String>,
    /// Position of the sentence in its article (leads are better display text).
    pos: usize,
    /// Articles that report it (quote candidates carry several).
    sources: Vec<usize>,
    /// The sentence holds other dates too (a worse display text).
    shared: bool,
    /// Where the clause sets its event ("in Istanbul", "the Istanbul talks").
    venues: std::collections::BTreeSet<String>,
    /// The sentence shown (its article and start byte): one sentence is shown on one date.
    sent: Option<(usize, usize)>,
    /// Its date is named inside a quoted statement: it dates what the speaker speaks of, never
    /// the sentence that reports the saying.
    quoted: bool,
    /// The act of saying a quoted statement that names a date of its own.
    saying: bool,
    /// Its expression names the calendar (a month, a day number, a year), not only a weekday
    /// or a feast: a firmer date for the sentence.
    calendar: bool,
    /// Where its expression starts in the sentence.
    at: usize,
    /// Its day was counted from its article's own day ("on Thursday", "yesterday"), that day
    /// is only inferred, and the article is machine-translated (whose tenses, which place a
    /// weekday before or after the day, are garbled): alone, such an entry is not shown. Seed
    /// 001, dated a day early, put "The Kremlin's talks on Thursday were a 'restart'…" (the
    /// coming talks of 05-15) on the Thursday before. Well-written articles dated by inference
    /// keep their weekdays: seed 000's 05-29 and 05-30 entries are right.
    shaky: bool,
}

/// Whether a time's value is counted from the exact day of its article: a weekday or a day
/// offset ("Thursday", "yesterday"), alone or as the first part of a longer expression.
fn counted_from_the_day(rule: &crate::analysis::times::Rule) -> bool {
    use crate::analysis::times::Rule;
    match rule {
        Rule::Weekday { .. } | Rule::Day { .. } => true,
        Rule::Cat(parts) => parts.first().is_some_and(counted_from_the_day),
        Rule::DatePart(b) | Rule::Head(b, _) => counted_from_the_day(b),
        _ => false,
    }
}

/// What kind of event a dated clause reports: before the story, background; after the
/// article's date, planned (an undated article: when its clause speaks of what is coming, by
/// the tense the tagger read, `coming`); else happened.
fn kind_of(when: &When, doc: &Doc, first: Option<NaiveDate>, coming: bool) -> EventKind {
    if first.is_some_and(|f| when.end < f - Duration::days(1)) {
        EventKind::Background
    } else if doc.date.map_or(coming, |d| when.start > d) {
        EventKind::Planned
    } else {
        EventKind::Happened
    }
}

/// Whether a clause speaks of what is to come ("proposed to hold the second round … on June
/// 2", "will travel", "is scheduled for"): how an undated article's event is told planned.
fn speaks_of_plans(clause: &str) -> bool {
    const CUES: &[&str] = &[
        " will ", " would ", " to hold ", " to host ", " to meet ", " scheduled ", " planned ", " plans to ", " plan to ", " due to ", " set to ",
        " expected to ", " is to ", " are to ", " to be ", " next ", " upcoming ", " proposed to ", " invited ", " ready to ",
    ];
    let c = format!(" {} ", clause.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "));
    CUES.iter().any(|k| c.contains(k))
}

/// A clause of a sentence that carries a dated expression.
pub struct Clause {
    /// The clause (bytes into the article's text).
    pub span: crate::model::Span,
    /// The time expression.
    pub expr: crate::model::Span,
    pub when: When,
    pub terms: Vec<u32>,
    /// The person the clause is about (its first named person).
    pub actor: Option<String>,
    /// Places the clause sets its event in ("in Istanbul", "the Istanbul talks"), canonical names.
    pub venues: std::collections::BTreeSet<String>,
    /// Position of the sentence in its article.
    pub pos: usize,
    /// The whole sentence (bytes), for display.
    pub sentence: crate::model::Span,
    /// The sentence holds other dates too.
    pub others: bool,
    /// Its expression names the calendar (a month, a day number, a year).
    pub calendar: bool,
}

/// The dated clauses of an article: each explicit day-, month- or year-valued expression
/// (with `vague`, also "two years ago", "last year") and the clause around it, cut at a
/// boundary between expressions when a sentence holds several dates. What the article's words
/// say (explicit or vague, a bare year that reads as a date, the boundaries, possessives and
/// venue words) is the stored clause layer (`analysis::clauses`); what depends on the story
/// (the values as resolved now, which expressions are neighbours, the terms in the story's
/// vocabulary) is decided here. Still read from the clause's text: its terms, and whether it
/// speaks of plans (`speaks_of_plans`).
pub fn clauses(doc: &Doc, vocab: &Vocab, vague: bool) -> Vec<Clause> {
    let stop = crate::stories::features::Stop::new();
    let text = &doc.a.text;
    let mut out = Vec::new();
    // the stored clause layer (`analysis::clauses`; `prep::load` computes it for an article
    // stored without it): what the words of each expression say and where its sentence may be cut
    let layer: std::collections::HashMap<crate::model::Span, &crate::analysis::clauses::Clause> =
        doc.layers.clauses.iter().flatten().map(|c| (c.expr, c)).collect();
    let mut per_sent: Vec<Vec<(&crate::analysis::clauses::Clause, When)>> = vec![Vec::new(); doc.sents.len()];
    for t in &doc.layers.times {
        if !matches!(t.kind, TimeType::Date | TimeType::Time) {
            continue;
        }
        let Some(when) = When::parse(&t.value) else { continue };
        let Some(&cl) = layer.get(&t.span) else { continue };
        if !vague && !cl.explicit(when.prec == Prec::Day) {
            continue;
        }
        if when.prec == Prec::Year && !cl.year_date {
            continue;
        }
        if let Some(si) = doc.sent_at(t.span.start) {
            if !per_sent[si].iter().any(|(_, w)| *w == when) {
                per_sent[si].push((cl, when));
            }
        }
    }
    for (si, exprs) in per_sent.iter().enumerate() {
        let s = &doc.sents[si];
        for (k, (cl, when)) in exprs.iter().enumerate() {
            let span = &cl.expr;
            let prev = k.checked_sub(1).map(|p| exprs[p].0.expr);
            let next = exprs.get(k + 1).map(|n| n.0.expr);
            let crate::model::Span { start: a, end: b } = cl.cut(text, s.span, prev, next);
            let clause = &text[a..b];
            let mut terms: Vec<u32> = super::prep::content_words(clause, &stop).iter().filter_map(|w| vocab.get(w)).collect();
            terms.sort_unstable();
            terms.dedup();
            let inside = |e: &crate::analysis::Entity| e.span.start >= a && e.span.end <= b;
            // the actor: the speaker of a quote in the clause, else the first person named in its
            // first half who is neither quoted nor a possessive ("Zelensky's invitation")
            let quoted = |b0: usize| doc.layers.quotes.iter().any(|q| q.span.start <= b0 && b0 < q.span.end);
            let actor = doc
                .layers
                .quotes
                .iter()
                .filter(|q| q.span.start < b && q.span.end > a)
                .find_map(|q| q.speaker.as_deref())
                .map(|sp| crate::analysis::entity_key(sp, crate::analysis::EntityKind::Person))
                .or_else(|| {
                    doc.layers
                        .entities
                        .iter()
                        .find(|e| {
                            e.kind == crate::analysis::EntityKind::Person
                                && inside(e)
                                && e.span.start < a + (b - a) / 2
                                && !quoted(e.span.start)
                                && !cl.possessive.contains(&e.span)
                        })
                        .map(|e| crate::analysis::entity_key(&e.canonical, e.kind))
                });
            let venues = doc
                .layers
                .entities
                .iter()
                .filter(|e| e.kind == crate::analysis::EntityKind::Place && inside(e))
                .filter(|e| cl.places.iter().any(|p| p.span == e.span && p.venue_in(a, b)))
                .map(|e| e.canonical.clone())
                .collect();
            out.push(Clause { span: crate::model::Span::new(a, b), expr: *span, when: *when, terms, actor, venues, pos: s.pos, sentence: s.span, others: exprs.len() > 1, calendar: cl.calendar });
        }
    }
    out
}

fn candidates(docs: &[Doc], vocab: &Vocab, groups: &[QuoteGroup], first: Option<NaiveDate>) -> Vec<Cand> {
    let stop = crate::stories::features::Stop::new();
    let mut out = Vec::new();
    for (di, doc) in docs.iter().enumerate() {
        let text = &doc.a.text;
        let cl = clauses(doc, vocab, false);
        for (k, c) in cl.iter().enumerate() {
            // whole sentences only: never a fragment made to look like one; and never a time
            // stamp ("Published on Friday, 27 September 2013", "June 6, 2013 3:05 PM EDT"),
            // which dates the page, not an event
            if !super::prep::whole_sentence(c.sentence.of(text), doc.caseless) || stamp(doc, c.sentence, &stop) {
                continue;
            }
            let shown = display(c.sentence.of(text), 240);
            let coming = doc.layers.times.iter().find(|t| t.span == c.expr).is_some_and(|t| t.rule.tense() > 0) || speaks_of_plans(c.span.of(text));
            let quote = stated_in(doc, c.expr);
            out.push(Cand {
                when: c.when,
                kind: kind_of(&c.when, doc, first, coming),
                doc: di,
                text: shown.clone(),
                terms: c.terms.clone(),
                actor: c.actor.clone(),
                pos: c.pos,
                sources: vec![di],
                shared: c.others,
                venues: c.venues.clone(),
                sent: Some((di, c.sentence.start)),
                quoted: quote.is_some(),
                saying: false,
                calendar: c.calendar,
                at: c.expr.start,
                shaky: doc.garbled
                    && doc.a.row.published_from.as_deref() == Some("inferred")
                    && doc.layers.times.iter().find(|t| t.span == c.expr).is_some_and(|t| counted_from_the_day(&t.rule)),
            });
            // a date inside a quoted statement dates what is quoted; the sentence reports the
            // saying, dated by a date its own words give the saying ("…,” he said in 2022"),
            // else by its article's date (the first quoted date of a sentence adds it, once)
            let Some(q) = quote else { continue };
            let first_quoted = !cl[..k].iter().any(|o| o.sentence == c.sentence && stated_in(doc, o.expr).is_some());
            let dated_saying = cl.iter().any(|o| o.sentence == c.sentence && stated_in(doc, o.expr).is_none() && q.cue.is_some_and(|cue| o.span.start <= cue.start && cue.end <= o.span.end));
            let Some(day) = doc.date.filter(|_| first_quoted && !dated_saying) else { continue };
            let when = When { prec: Prec::Day, start: day, end: day };
            let mut terms: Vec<u32> = super::prep::content_words(c.sentence.of(text), &stop).iter().filter_map(|w| vocab.get(w)).collect();
            terms.sort_unstable();
            terms.dedup();
            let actor = q.speaker.as_deref().map(|sp| crate::analysis::entity_key(sp, crate::analysis::EntityKind::Person)).or_else(|| c.actor.clone());
            out.push(Cand {
                when,
                kind: kind_of(&when, doc, first, false),
                doc: di,
                text: shown,
                terms,
                actor,
                pos: c.pos,
                sources: vec![di],
                // its sentence names another date (the one quoted): a worse display text
                shared: true,
                venues: Default::default(),
                sent: Some((di, c.sentence.start)),
                quoted: false,
                saying: true,
                calendar: false,
                at: q.span.start,
                shaky: false,
            });
        }
    }
    // the act of saying what several outlets quote
    let by_id: std::collections::HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id(), i)).collect();
    for g in groups {
        let mut carriers: Vec<usize> = g.variants.iter().filter_map(|v| by_id.get(v.article.as_str()).copied()).collect();
        carriers.sort_unstable();
        carriers.dedup();
        let Some((speaker, named)) = g.speaker.as_deref().and_then(speaker_shown) else { continue };
        if carriers.len() < 2 || g.text.split_whitespace().count() < 4 {
            continue;
        }
        let Some(day) = carriers.iter().filter_map(|&i| docs[i].date).min() else { continue };
        let when = When { prec: Prec::Day, start: day, end: day };
        let doc = carriers.iter().copied().find(|&i| docs[i].date == Some(day)).unwrap_or(carriers[0]);
        let mut terms: Vec<u32> = super::prep::content_words(&g.text, &stop).iter().filter_map(|w| vocab.get(w)).collect();
        terms.sort_unstable();
        terms.dedup();
        let words = g.text.trim_matches(|c: char| c.is_whitespace() || "\"“”‘’',".contains(c));
        let text = format!("{speaker}: “{}”", display(words, 180));
        // a role ("the company") is nobody in particular: it does not make two entries one
        let actor = named.then(|| crate::analysis::entity_key(&speaker, crate::analysis::EntityKind::Person));
        out.push(Cand {
            when,
            kind: kind_of(&when, &docs[doc], first, false),
            doc,
            text,
            terms,
            actor,
            pos: usize::MAX / 2,
            sources: carriers,
            shared: false,
            venues: Default::default(),
            sent: None,
            quoted: false,
            saying: true,
            calendar: false,
            at: 0,
            shaky: false,
        });
    }
    out
}

/// Words a quote's speaker may be found as that name nobody ("others said", "some said").
const NOBODY: &[&str] = &["others", "other", "some", "many", "several", "most", "all", "both", "one", "few", "those", "these", "people", "someone", "anyone", "everyone", "nobody"];

/// How a quote entry names its speaker, and whether that is a name: a person or body by name
/// ("Hakan Fidan", "BP"), or a role as a reader says it ("The company", "An officer" as "The
/// officer", "Two Democratic lawmakers"); None for words that name nobody ("others").
pub(crate) fn speaker_shown(speaker: &str) -> Option<(String, bool)> {
    let s = speaker.trim();
    let first = s.chars().next()?;
    if first.is_uppercase() || first.is_numeric() {
        return Some((s.to_string(), true));
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() == 1 && NOBODY.contains(&words[0]) {
        return None;
    }
    // "the officer", "a spokesman", "two lawmakers": capitalised as the entry's first word;
    // a bare role takes "The"
    const DETERMINERS: &[&str] = &["the", "a", "an", "two", "three", "four", "five", "several", "some", "many", "both"];
    let role = match words.first() {
        Some(w) if *w == "a" || *w == "an" => format!("the {}", words[1..].join(" ")),
        Some(w) if DETERMINERS.contains(w) => s.to_string(),
        _ => format!("the {s}"),
    };
    let mut c = role.chars();
    let cap: String = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
    Some((cap, false))
}

/// The quoted statement (a quote with a speaker or a cue) that holds an expression, if any.
fn stated_in(doc: &Doc, expr: crate::model::Span) -> Option<&crate::analysis::Quote> {
    doc.layers.quotes.iter().find(|q| (q.speaker.is_some() || q.cue.is_some()) && q.span.start <= expr.start && expr.end <= q.span.end)
}

/// Whether a sentence is a time stamp: besides its time expressions it says nothing (fewer
/// than two content words: "Published on Friday, 27 September 2013", "16 September 2013 Last
/// updated at 12:42 GMT"). A stamp dates the page it tops, not an event.
fn stamp(doc: &Doc, sentence: crate::model::Span, stop: &crate::stories::features::Stop) -> bool {
    let text = &doc.a.text;
    let mut rest = String::with_capacity(sentence.len());
    let mut at = sentence.start;
    let mut times: Vec<crate::model::Span> = doc.layers.times.iter().map(|t| t.span).filter(|t| t.start >= sentence.start && t.end <= sentence.end).collect();
    times.sort_by_key(|t| t.start);
    for t in times {
        if t.start >= at && text.is_char_boundary(t.start) && text.is_char_boundary(t.end) {
            rest.push_str(&text[at..t.start]);
            rest.push(' ');
            at = t.end;
        }
    }
    rest.push_str(&text[at..sentence.end]);
    let words = super::prep::content_words(&rest, stop);
    let n = words.iter().filter(|w| !MONTHS.iter().any(|m| m.starts_with(w.as_str()) && w.len() >= 3)).count();
    // a line that ends as a sentence ends ("He died on Monday.") may say little and still tell
    // an event; one with no lowercase word is a byline or a dateline ("Reuters Sep 18, 2013, 02.")
    let line = &text[sentence.start..sentence.end];
    let no_lowercase_word = !line.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().next().is_some_and(char::is_lowercase));
    n == 0 || n < 2 && (no_lowercase_word || !line.trim_end().ends_with(['.', '!', '?', '"', '”']))
}

/// Do two candidates on the same date tell the same event?
fn same_event(v: &Vocab, a: &Cand, b: &Cand) -> bool {
    let sim = overlap(v, &a.terms, &b.terms);
    let same_actor = a.actor.is_some() && a.actor == b.actor;
    match (a.kind, b.kind) {
        // one story rarely plans two different things for one day
        (EventKind::Planned, EventKind::Planned) if a.when.prec == Prec::Day => sim > 0.0 || same_actor,
        // what one person did on one day is one entry
        (EventKind::Happened, EventKind::Happened) if same_actor && a.when.prec == Prec::Day => true,
        // history recalled by month or year: the same event unless the words differ
        (EventKind::Background, EventKind::Background) if a.when.prec != Prec::Day => sim >= 0.15 || same_actor,
        _ => match (&a.actor, &b.actor) {
            (Some(x), Some(y)) if x == y => sim >= 0.15,
            (Some(_), Some(_)) => sim >= 0.5,
            _ => sim >= 0.3,
        },
    }
}

/// The home of each sentence: the one entry (by its root) whose date it is shown on. A sentence
/// that tells several dated things ("…Challenger in 1986 and Three Mile Island in 1979", "Trump
/// said on Monday … the meeting on February 28") is one fact with one date, the best
/// evidenced: never a date named inside a quoted statement (that dates what is quoted, and
/// the sentence reports the saying); the act of saying such a statement; the date more articles report; a date that names the
/// calendar over a weekday or a feast; the first named.
fn homes(cands: &[Cand], parent: &mut [usize], dated: &std::collections::BTreeMap<usize, (When, Vec<usize>)>) -> std::collections::HashMap<(usize, usize), usize> {
    let mut best: std::collections::HashMap<(usize, usize), (usize, (bool, usize, bool, std::cmp::Reverse<usize>))> = Default::default();
    for (i, c) in cands.iter().enumerate() {
        let Some(s) = c.sent else { continue };
        let r = root(parent, i);
        let (when, src) = &dated[&r];
        // a date named inside a quoted statement never dates the sentence
        if c.when != *when || c.quoted {
            continue;
        }
        let rank = (c.saying, src.len(), c.calendar, std::cmp::Reverse(c.at));
        match best.get(&s) {
            Some((_, b)) if *b >= rank => {}
            _ => {
                best.insert(s, (r, rank));
            }
        }
    }
    best.into_iter().map(|(s, (r, _))| (s, r)).collect()
}

/// How many entries a timeline shows at most (the best supported, then the earliest).
pub const MAX_ENTRIES: usize = 60;

pub fn build(docs: &[Doc], vocab: &Vocab, words: &super::cite::Words, groups: &[QuoteGroup], first: Option<NaiveDate>) -> Vec<TimelineEntry> {
    let cands = candidates(docs, vocab, groups, first);
    let n = cands.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // the act of saying a statement that names a date of its own joins the one entry of its day
    // that tells the same event best, never two: it is the sentence's own date, not an event
    // other entries meet through
    let attached = |c: &Cand| c.saying && c.sent.is_some();
    for i in 0..n {
        for j in i + 1..n {
            if !attached(&cands[i]) && !attached(&cands[j]) && cands[i].when == cands[j].when && same_event(vocab, &cands[i], &cands[j]) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    for i in (0..n).filter(|&i| attached(&cands[i])) {
        let best = (0..n)
            .filter(|&j| !attached(&cands[j]) && cands[j].when == cands[i].when && same_event(vocab, &cands[i], &cands[j]))
            .max_by(|&x, &y| overlap(vocab, &cands[i].terms, &cands[x].terms).total_cmp(&overlap(vocab, &cands[i].terms, &cands[y].terms)).then(y.cmp(&x)));
        if let Some(j) = best {
            let r = root(&mut parent, j);
            parent[i] = r;
        }
    }
    // a coarser mention joins the finer entry within it that tells the same event best
    for i in 0..n {
        if cands[i].when.prec == Prec::Day {
            continue;
        }
        let best = (0..n)
            .filter(|&j| cands[j].when.prec > cands[i].when.prec && cands[i].when.contains(&cands[j].when))
            .map(|j| {
                // the same venue ("the Istanbul talks of 2022", "talks in Istanbul in March 2022") counts as words in common
                let venue = if cands[i].venues.intersection(&cands[j].venues).next().is_some() { 0.15 } else { 0.0 };
                (overlap(vocab, &cands[i].terms, &cands[j].terms) + venue, j)
            })
            .filter(|(s, _)| *s >= 0.25)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, j)) = best {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            // the finer entry gives the date
            parent[ri] = rj;
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    // each entry's date (the finest among its members) and its sources
    let mut dated: std::collections::BTreeMap<usize, (When, Vec<usize>)> = Default::default();
    for (&r, m) in &members {
        let when = m.iter().map(|&i| cands[i].when).max_by_key(|w| (w.prec, std::cmp::Reverse(w.start))).unwrap();
        let mut src: Vec<usize> = m.iter().flat_map(|&i| cands[i].sources.iter().copied()).collect();
        src.sort_by_key(|&d| (docs[d].date, d));
        src.dedup();
        dated.insert(r, (when, src));
    }
    let home = homes(&cands, &mut parent, &dated);
    let mut entries: Vec<(When, TimelineEntry, usize)> = Vec::new();
    for (r, m) in members {
        let (when, src) = dated.remove(&r).unwrap();
        // one sentence is shown on one date, its home; an entry none of whose sentences is at
        // home here is another date's fact told in passing, and is not shown
        let shown: Vec<usize> = m.iter().copied().filter(|&i| cands[i].when == when && cands[i].sent.is_none_or(|s| home.get(&s) == Some(&r))).collect();
        // a day counted from an inferred day, with nothing firmer beside it: not shown
        if shown.is_empty() || m.iter().all(|&i| cands[i].shaky) {
            continue;
        }
        // background if anyone recalls it as history; else what most of its reports say (an
        // undated report cannot tell that an event happened by then: it votes for planned or
        // background only)
        let count = |k: EventKind| {
            m.iter().filter(|&&i| cands[i].kind == k && (k != EventKind::Happened || docs[cands[i].doc].date.is_some())).map(|&i| cands[i].sources.len()).sum::<usize>()
        };
        let kind = if count(EventKind::Background) > 0 {
            EventKind::Background
        } else if count(EventKind::Planned) > count(EventKind::Happened) {
            EventKind::Planned
        } else {
            EventKind::Happened
        };
        // display: what most of its reports say (the share of its sources whose sentences
        // hold it, as citations are checked: a long sentence that only its own article tells
        // would cost the entry its other sources), then the medoid among members of the finest
        // date, from readable copy, leads first
        let said: Vec<f32> = shown.iter().map(|&i| if src.len() < 2 { 1.0 } else { super::cite::supported(docs, words, &cands[i].text, &src) as f32 / src.len() as f32 }).collect();
        let pick = (0..shown.len())
            .max_by(|&x, &y| {
                let score = |k: usize| {
                    let i = shown[k];
                    let c = &cands[i];
                    let central: f32 = m.iter().filter(|&&j| j != i).map(|&j| cosine(vocab, &c.terms, &cands[j].terms)).sum::<f32>() / m.len() as f32;
                    let readable = if docs[c.doc].garbled { -2.0 } else { 0.0 };
                    let short = if c.text.chars().count() > 200 { -0.3 } else { 0.0 };
                    let shared = if c.shared { -0.5 } else { 0.0 };
                    // a reporter's sentence reads better than a bare quote or a sentence that leans on the last
                    let leans = if c.text.starts_with(['"', '“', '‘']) || leans_on_previous(&c.text) { -0.6 } else { 0.0 };
                    said[k] + central + readable + short + shared + leans - 0.02 * (c.pos.min(20) as f32)
                };
                score(x).total_cmp(&score(y)).then(shown[y].cmp(&shown[x]))
            })
            .map(|k| shown[k])
            .unwrap();
        let sources = src.iter().map(|&d| docs[d].id().to_string()).collect::<Vec<_>>();
        let weight = src.len();
        entries.push((when, TimelineEntry { date: when.label(), text: cands[pick].text.clone(), sources, support: Vec::new(), kind }, weight));
    }
    if entries.len() > MAX_ENTRIES {
        entries.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.start.cmp(&b.0.start)));
        entries.truncate(MAX_ENTRIES);
    }
    entries.sort_by(|a, b| (a.0.start, a.0.prec, a.1.kind as u8, &a.1.text).cmp(&(b.0.start, b.0.prec, b.1.kind as u8, &b.1.text)));
    entries.into_iter().map(|e| e.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_values_at_their_precision() {
        let w = When::parse("2025-05-15").unwrap();
        assert_eq!((w.prec, w.label()), (Prec::Day, "2025-05-15".to_string()));
        assert_eq!(When::parse("2025-05-29TNI").unwrap().label(), "2025-05-29");
        let m = When::parse("2022-02").unwrap();
        assert_eq!((m.prec, m.end), (Prec::Month, NaiveDate::from_ymd_opt(2022, 2, 28).unwrap()));
        assert_eq!(When::parse("2019").unwrap().prec, Prec::Year);
        for bad in ["XXXX-05-11", "2025-W20", "PRESENT_REF", "P30D", "2025-Q3", "199", ""] {
            assert!(When::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn quote_entries_name_speakers_as_a_reader_would() {
        assert_eq!(speaker_shown("Hakan Fidan"), Some(("Hakan Fidan".to_string(), true)));
        assert_eq!(speaker_shown("company"), Some(("The company".to_string(), false)));
        assert_eq!(speaker_shown("an officer"), Some(("The officer".to_string(), false)));
        assert_eq!(speaker_shown("two Democratic lawmakers"), Some(("Two Democratic lawmakers".to_string(), false)));
        assert_eq!(speaker_shown("others"), None);
        assert_eq!(speaker_shown(""), None);
    }

    #[test]
    fn who_said_what_names_role_speakers_as_the_timeline_does() {
        let sq = |s: Option<&str>| super::super::SpeakerQuotes { speaker: s.map(str::to_string), groups: Vec::new() };
        assert_eq!(sq(Some("company")).shown().as_deref(), Some("The company"));
        assert_eq!(sq(Some("officer")).shown().as_deref(), Some("The officer"));
        assert_eq!(sq(Some("Hakan Fidan")).shown().as_deref(), Some("Hakan Fidan"));
        // words that name nobody stay as stored; no speaker stays none
        assert_eq!(sq(Some("others")).shown().as_deref(), Some("others"));
        assert_eq!(sq(None).shown(), None);
    }
}

//! Dating an undated article from evidence in its own text. Each kind of evidence has its own
//! confidence, which is how the store keeps the kind (`published_from` says "inferred",
//! `published_confidence` which evidence): a time stamp .95, a print stamp .93, a wire
//! dateline .92, a coming event named twice .85 (a copy's date is .9, weekdays landing on
//! neighbours' dates .5–.9: `stories::dating`).
//!
//! - **Time stamp** ([`stamp`], .95): the stamp a page or a wire carries near its top
//!   ("Tuesday 27 July 2010 08.38 BST", "Wed Jan 5, 2011 6:56 pm EST", "18:00 UK time,
//!   Saturday, 25 April 2009"): a date written in full next to a clock time, its weekday (when
//!   written) agreeing.
//! - **Print stamp** ([`print_stamp`], .93): the newspaper's print line at the foot of the
//!   page ("This article appeared on p22 of the Main section section of the Guardian on 00.54
//!   BST on Friday 28 May 2010").
//! - **Wire dateline with month and day** ([`wire_dateline`], .92): "HOUSTON, May 8 (Reuters)
//!   -", the day the wire filed it.
//! - **A coming event named by its weekday and its date** ([`coming_event`], .85): "ready for
//!   a second round of talks … on Monday" and "the second round … in Istanbul on June 2" put
//!   the day of writing in 27 May – 2 June; the latest weekday reported as past in that
//!   window is the day.
//!
//! The last two lack the year, which the article's dated neighbours give (the day is the
//! text's own): linking (`stories::Linker::date_undated`) runs them, not `analyze`. On the
//! audit store (`audit_trust.py --dev`) they date 7 (7 right) and 2 (2 right) of the 1,072
//! hidden-date Timeline17 articles, the print stamp 14 (13 right), the time stamp 317 (315).
//!
//! Why only these: an article's date must not be invented. Measured on the Timeline17
//! development articles (2,148 articles with their true dates; `storyline eval times`), the
//! scorer that weighs every date, weekday and year the text mentions
//! (`times::infer_date`) is right within a day on .78 of the articles it dates at
//! confidence ≥ .5, and on only .55 of those without a time stamp, 17% more than a week
//! off: a follow-up reports last month's events, a photo caption the day the photo was
//! taken. A full date next to a clock time in the first 1,500 bytes is the publication
//! stamp: 635 articles carry one, right within a day on .995 of them; a full date with only
//! an agreeing weekday is right on 46 of 59 (captions: "…in Venice, La., Thursday, April 29,
//! 2010."), so a weekday alone is not enough. The print stamp adds 36 articles, 35 right
//! (text alone: coverage .296 → .312, within a day .995 → .994; per topic H1N1 .455 / .989,
//! BP oil spill .325 / .996, Haiti .045 / 1.000). Tried and not kept: a weekday linked to any
//! date of that weekday the text names (a window of a week, then the latest past weekday in
//! it): the window holds the true date on 66 of 174, since a "Tuesday" meets some Tuesday the
//! text names; a weekday and a date both past name one event only when the writer breaks the
//! AP rule (past dates within a week are written as weekdays): 269 of 336 links with a full
//! date are right, but a past month-day with a past weekday only 116 of 365.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::Span;
use crate::text::tokens::{ALPHA, DIGITS, NEWLINE_BEFORE, Tokens, UPPER_FIRST};

/// How far into the text a time stamp is looked for (bytes).
const STAMP_WITHIN: usize = 1500;
/// How many tokens may separate the date from its clock time ("; ", " at ", " UK time, ").
const CLOCK_GAP: usize = 5;

/// The confidence of a date read from a time stamp.
pub const STAMP_CONFIDENCE: f32 = 0.95;

/// A publication date read from the text, with the span that says it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp {
    pub date: NaiveDate,
    pub confidence: f32,
    /// The date and its clock time, as written.
    pub span: Span,
}

fn month_of(w: &str) -> Option<u32> {
    const M: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let i = M.iter().position(|m| w.starts_with(m))?;
    const FULL: [&str; 12] =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    // "Jan", "Sept", "January"; not "Marchers" or "Junk"
    (w.len() == 3 || w == "sept" || w == FULL[i]).then_some(i as u32 + 1)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    use Weekday::*;
    const D: [(&str, Weekday, &str); 7] = [
        ("mon", Mon, "monday"),
        ("tue", Tue, "tuesday"),
        ("wed", Wed, "wednesday"),
        ("thu", Thu, "thursday"),
        ("fri", Fri, "friday"),
        ("sat", Sat, "saturday"),
        ("sun", Sun, "sunday"),
    ];
    D.iter().find(|(a, _, full)| w == *a || w == *full || (*a == "tue" && w == "tues") || (*a == "thu" && (w == "thur" || w == "thurs"))).map(|x| x.1)
}

/// A date written in full starting at token `i`: `[Weekday[.][,]] DD Month[.][,] YYYY` or
/// `[Weekday[.][,]] Month[.] DD[,] YYYY`. Returns the date, the weekday written (if any) and the
/// token after the date.
fn full_date_at(t: &Tokens, i: usize) -> Option<(NaiveDate, Option<Weekday>, usize)> {
    let n = t.len();
    let mut k = i;
    let skip = |k: &mut usize, c: char| {
        if *k < n && t.is(*k, c) {
            *k += 1;
        }
    };
    let wd = weekday_of(t.norm(k));
    if wd.is_some() {
        k += 1;
        skip(&mut k, '.');
        skip(&mut k, ',');
    }
    if k >= n {
        return None;
    }
    let (month, day);
    if let Some(m) = month_of(t.norm(k)) {
        month = m;
        k += 1;
        skip(&mut k, '.');
        if k >= n || !t.toks[k].has(DIGITS) {
            return None;
        }
        day = t.number(k)?;
        k += 1;
        skip(&mut k, ',');
    } else if t.toks[k].has(DIGITS) {
        day = t.number(k)?;
        k += 1;
        if k >= n {
            return None;
        }
        month = month_of(t.norm(k))?;
        k += 1;
        skip(&mut k, '.');
        skip(&mut k, ',');
    } else {
        return None;
    }
    if k >= n || !t.toks[k].has(DIGITS) || t.toks[k].end - t.toks[k].start != 4 {
        return None;
    }
    let year = t.number(k)? as i32;
    let date = NaiveDate::from_ymd_opt(year, month, u32::try_from(day).ok()?)?;
    Some((date, wd, k + 1))
}

/// A clock time at token `i`: `HH:MM` or `HH.MM` (the parts attached), hours 0–23, minutes
/// two digits. Returns the token after it.
fn clock_at(t: &Tokens, i: usize) -> Option<usize> {
    if i + 2 >= t.len() {
        return None;
    }
    let (h, sep, m) = (&t.toks[i], i + 1, &t.toks[i + 2]);
    if !h.has(DIGITS) || !m.has(DIGITS) || !(t.is(sep, ':') || t.is(sep, '.')) || !t.toks[sep].attached() || !m.attached() {
        return None;
    }
    if m.end - m.start != 2 || t.number(i)? > 23 || t.number(i + 2)? > 59 {
        return None;
    }
    Some(i + 3)
}

/// A full date at token `i`, and whether it is a stamp: a clock time at most `CLOCK_GAP`
/// tokens before or after it and no weekday that disagrees with it. Returns the date and the
/// span of the date and its clock time when it is one, and the token after the date; None
/// when no full date starts at `i`.
fn stamp_at(t: &Tokens, i: usize, refuse_prose: bool) -> Option<(Option<(NaiveDate, Span)>, usize)> {
    let n = t.len();
    let (date, wd, after) = full_date_at(t, i)?;
    if wd.is_some_and(|w| w != date.weekday()) {
        return Some((None, after));
    }
    let before = (i.saturating_sub(CLOCK_GAP + 2)..i).rev().find_map(|k| clock_at(t, k).filter(|&e| e <= i && i - e <= CLOCK_GAP).map(|_| k));
    let after_clock = (after..(after + CLOCK_GAP).min(n)).find(|&k| clock_at(t, k).is_some());
    // the first token, and the tokens between the clock and the date
    let (first, gap, span) = match (before, after_clock) {
        (Some(k), _) => (k, k + 3..i, Span::new(t.toks[k].start as usize, t.toks[after - 1].end as usize)),
        (None, Some(k)) => (i, after..k, Span::new(t.toks[i].start as usize, t.toks[k + 2].end as usize)),
        (None, None) => return Some((None, after)),
    };
    // joined by "on" or "at" in running text ("took off at 7:52 am on 20 May 1927"); at the
    // start of a line it is a comment's stamp ("\nAt 11:34 am on 03 Jun 2009, Name wrote")
    let line_start = |k: usize| t.toks[k].has(NEWLINE_BEFORE) || k == 0;
    let joined = gap.into_iter().any(|k| matches!(t.norm(k), "on" | "at")) && !(line_start(first) || first > 0 && line_start(first - 1));
    if refuse_prose && (in_prose(t, first) || joined) {
        return Some((None, after));
    }
    Some((Some((date, span)), after))
}

/// Words a stamp may follow ("Page last updated at", "Posted by … on").
const STAMP_CUES: &[&str] = &["published", "posted", "updated", "modified", "edited", "created", "filed", "issued", "released"];

/// Whether the date and clock starting at token `i` are a date in a sentence of prose rather
/// than a stamp: after "on", "at" or "in" that follows a lower-case word other than a stamp's
/// cue, or starts a sentence ("The first test took place in the desert on 16 July 1945 at
/// 5:29 am", "At 4:45 am on 1 September 1939, …" are a history's dates, not the page's).
/// (A clock and a date joined by "on" or "at" — "at 7:52 am on 20 May 1927" — are prose too:
/// `stamp_at` checks that.)
fn in_prose(t: &Tokens, i: usize) -> bool {
    if i < 2 || !matches!(t.norm(i - 1), "on" | "at" | "in") {
        return false;
    }
    let k = i - 2;
    let tok = &t.toks[k];
    // (a line that starts "At 11:34 am on 03 Jun 2009," is a comment's stamp)
    let sentence_start = (t.is(k, '.') || t.is(k, '!') || t.is(k, '?')) && !t.toks[i - 1].has(NEWLINE_BEFORE);
    (tok.has(ALPHA) && !tok.has(UPPER_FIRST) && !STAMP_CUES.contains(&t.norm(k))) || sentence_start
}

/// The publication stamp of `text` (its tokens `t`): the first full date within
/// `STAMP_WITHIN` bytes with a clock time at most `CLOCK_GAP` tokens before or after it and
/// no weekday that disagrees with it.
pub fn stamp(t: &Tokens) -> Option<Stamp> {
    let mut i = 0;
    while i < t.len() && (t.toks[i].start as usize) < STAMP_WITHIN {
        match stamp_at(t, i, true) {
            Some((Some((date, span)), _)) => return Some(Stamp { date, confidence: STAMP_CONFIDENCE, span }),
            Some((None, after)) => i = after,
            None => i += 1,
        }
    }
    None
}

/// How many tokens before a print stamp its cue ("appeared") may stand: "This article
/// appeared on p22 of the Main section section of the Guardian on 00.54 BST on Friday 28 May
/// 2010" is 19 tokens from "appeared" to the clock.
const PRINT_CUE_WITHIN: usize = 24;

/// The confidence of a date read from a print stamp.
pub const PRINT_CONFIDENCE: f32 = 0.93;

/// The print stamp a newspaper's page carries at its foot, anywhere in the text: a time stamp
/// (as [`stamp`] reads it) after "appeared" ("This article appeared on p29 of the Main section
/// section of the Guardian on 00.01 BST on Wednesday 29 April 2009", "A version appeared on
/// p6 … on 14.01 BST on Tuesday 14 September 2010"). Measured on the Timeline17 development
/// articles without a stamp at the top: 32 carry one, 31 right within a day (a print version
/// can follow the web one by days: one is six days late).
pub fn print_stamp(t: &Tokens) -> Option<Stamp> {
    let n = t.len();
    let mut cue: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if t.norm(i) == "appeared" {
            cue = Some(i);
        } else if cue.is_some_and(|c| i - c <= PRINT_CUE_WITHIN) {
            match stamp_at(t, i, false) {
                Some((Some((date, span)), _)) => return Some(Stamp { date, confidence: PRINT_CONFIDENCE, span }),
                Some((None, after)) => {
                    i = after;
                    continue;
                }
                None => {}
            }
        }
        i += 1;
    }
    None
}

/// The confidence of a date read from a wire dateline with its month and day.
pub const DATELINE_CONFIDENCE: f32 = 0.92;

/// The agencies whose datelines carry the day of filing ("HOUSTON, May 8 (Reuters) -").
const AGENCIES: &[&str] = &["reuters", "ap", "afp", "bloomberg", "upi", "dpa", "xinhua"];

/// A wire dateline with its month and day near the top of the text: "ZURICH, May 10
/// (Reuters) -", "ATLANTA Oct 21 (Reuters Legal) -", "May 30 (Reuters) -": the day the wire
/// filed the story. The year is the one nearest `around` (the article's dated neighbours,
/// `Rule::resolve_year` picks it the same way). Returns the date and the span from the month
/// to the dash. Measured on the Timeline17 development articles without a time stamp (years
/// from their true dates): 41 carry one, 40 right within a day (a backgrounder refiled a week
/// later keeps its first dateline).
pub fn wire_dateline(t: &Tokens, around: NaiveDate) -> Option<Stamp> {
    let n = t.len();
    let mut i = 0;
    while i + 4 < n && (t.toks[i].start as usize) < STAMP_WITHIN {
        let Some(m) = month_of(t.norm(i)) else {
            i += 1;
            continue;
        };
        let mut k = i + 1;
        if t.is(k, '.') {
            k += 1;
        }
        let day = if k < n && t.toks[k].has(DIGITS) { t.number(k) } else { None };
        let Some(day) = day.filter(|d| (1..=31).contains(d)) else {
            i += 1;
            continue;
        };
        k += 1;
        // "(Reuters) -", "(Reuters Legal) -", "(AP) --"
        if !(k + 3 < n && t.is(k, '(') && AGENCIES.contains(&t.norm(k + 1))) {
            i += 1;
            continue;
        }
        let Some(close) = (k + 2..(k + 5).min(n)).find(|&j| t.is(j, ')')) else {
            i += 1;
            continue;
        };
        let dash = close + 1;
        if dash >= n || !(t.is(dash, '-') || t.norm(dash) == "-") {
            i += 1;
            continue;
        }
        let rule = crate::analysis::times::Rule::MonthDay { m, d: day as u32, tense: 0, wd: None };
        let date = rule.resolve_year(around).and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())?;
        return Some(Stamp { date, confidence: DATELINE_CONFIDENCE, span: Span::new(t.toks[i].start as usize, t.toks[dash].end as usize) });
    }
    None
}

/// The confidence of a date read from a coming event named both by its weekday and by its
/// date ([`coming_event`]).
pub const COMING_EVENT_CONFIDENCE: f32 = 0.85;

/// How many content words the sentence of a weekday and the sentence of a date must share
/// for the two to name one event ("a second round of talks … on Monday", "the second round
/// of direct negotiations in Istanbul on June 2": second, round).
const SAME_EVENT_WORDS: usize = 2;

/// A date read from a coming event the text names twice, by its weekday ("ready for a second
/// round of talks with Kyiv on Monday") and, in another sentence about the same event (two
/// content words shared), by its date ("the second round of direct negotiations in Istanbul
/// on June 2"), both read as coming. If the weekday names that date, the text was written on
/// one of the days on which "on Monday" resolves to June 2 (its rule resolved against each:
/// 27 May – 2 June); several such pairs intersect their windows. Within the window the day
/// is the latest of the weekdays the text reports as past ("a Security Council meeting
/// Thursday", "Macron said Friday": 30 May). Refused when the window is empty, when no past
/// weekday falls in it, or when a date the text reports as past (other than the linked ones)
/// is later than that day.
///
/// A date without a year ("June 2") takes the year nearest `around` (the dates of the
/// article's dated neighbours, `Rule::resolve_year`); with `around` None only dates written
/// with their year count. `tl` is the text's layer (tokens and sentences).
///
/// Measured on the Timeline17 development articles without a stamp (years from their true
/// dates, as a store's neighbours give them): 4 dated, 4 right within a day; without the
/// shared-event words or the check against later past dates, 4 right of 8 (the weekday of
/// "the April 20 explosion" met a coming "Tuesday"). Rare, and it holds where it fires.
pub fn coming_event(tl: &crate::text::TextLayer, times: &[crate::analysis::Timex], around: Option<NaiveDate>) -> Option<(NaiveDate, f32)> {
    use crate::analysis::times::Rule;
    let sentence_of = |pos: usize| tl.sentence_at(pos);
    let day = |v: &str| v.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    // the named days: (date, tense, sentence)
    let mut named: Vec<(NaiveDate, i32, Option<usize>)> = Vec::new();
    // the weekday mentions: (weekday 1 = Monday, rel, tense, rule, sentence)
    let mut weekdays: Vec<(u32, i32, i32, &Rule, Option<usize>)> = Vec::new();
    for x in times {
        let s = sentence_of(x.span.start);
        match &x.rule {
            Rule::Fixed(v) if v.len() == 10 => named.extend(day(v).map(|d| (d, 0, s))),
            Rule::MonthDay { tense, .. } => {
                if let Some(d) = around.and_then(|a| x.rule.resolve_year(a)).as_deref().and_then(day) {
                    // "the April 20 explosion" is an event told as known, whatever the clause's tense
                    let tense = if attributive(&tl.tokens, x.span) { -1 } else { *tense };
                    named.push((d, tense, s));
                }
            }
            Rule::Weekday { wd, rel, tense } => weekdays.push((*wd, *rel, *tense, &x.rule, s)),
            Rule::Cat(parts) => {
                if let Some(Rule::Weekday { wd, rel, tense }) = parts.first() {
                    weekdays.push((*wd, *rel, *tense, &x.rule, s));
                }
            }
            _ => {}
        }
    }
    if named.is_empty() || weekdays.is_empty() {
        return None;
    }
    let words: Vec<HashSet<String>> = tl.sentences.iter().map(|s| content_words(&tl.tokens, s.tokens)).collect();
    let shared = |a: Option<usize>, b: Option<usize>| match (a, b) {
        (Some(a), Some(b)) if a != b => words[a].intersection(&words[b]).count(),
        _ => 0,
    };
    let (mut lo, mut hi) = (NaiveDate::MIN, NaiveDate::MAX);
    let mut linked: Vec<NaiveDate> = Vec::new();
    for &(wd, rel, tense, rule, ws) in &weekdays {
        if tense <= 0 || !matches!(rel, 0 | 1 | 2) {
            continue;
        }
        for &(n, nt, ns) in &named {
            if nt <= 0 || n.weekday().number_from_monday() != wd || shared(ws, ns) < SAME_EVENT_WORDS {
                continue;
            }
            // the days on which this weekday, as the text reads it, is that date
            let on: Vec<NaiveDate> = (-8..=8).map(|k| n + chrono::Duration::days(k)).filter(|&d| day(&rule.resolve(Some(d))) == Some(n)).collect();
            let (Some(&a), Some(&b)) = (on.first(), on.last()) else { continue };
            lo = lo.max(a);
            hi = hi.min(b);
            linked.push(n);
        }
    }
    if linked.is_empty() || lo > hi {
        return None;
    }
    // the latest day of the window that a weekday the text reports as past names
    let best = weekdays
        .iter()
        .filter(|w| w.2 < 0 && w.1 == 0)
        .filter_map(|w| (0..=(hi - lo).num_days()).map(|k| hi - chrono::Duration::days(k)).find(|d| d.weekday().number_from_monday() == w.0))
        .max()?;
    if named.iter().any(|&(n, nt, _)| nt < 0 && n > best && !linked.contains(&n)) {
        return None;
    }
    Some((best, COMING_EVENT_CONFIDENCE))
}

/// Whether the date at `span` stands before a noun as the name of an event ("the fallout from
/// the April 20 explosion"): one already known. Fox News, 21 June 2010 (Timeline17): "seeks to
/// control the fallout from the April 20 explosion" read as coming, and with tense rules that
/// read "a scheduled appearance … on Tuesday" as coming (branch tim3, not kept: April 20, 2010
/// was a Tuesday) dated the report 19 April.
fn attributive(t: &Tokens, span: Span) -> bool {
    let i = t.toks.partition_point(|k| (k.start as usize) < span.start);
    let j = t.toks.partition_point(|k| (k.start as usize) < span.end);
    i > 0
        && t.norm(i - 1) == "the"
        && t.toks.get(j).is_some_and(|k| k.is_word() && k.has(ALPHA) && !k.has(UPPER_FIRST))
        && !["and", "or", "to", "through", "until", "till", "at", "in", "on"].contains(&t.norm(j))
}

/// The words of a sentence that tell its event: lower-cased, stemmed, three letters or more,
/// neither a function word nor a weekday or month name.
pub(crate) fn content_words(t: &Tokens, (a, b): (u32, u32)) -> HashSet<String> {
    const STOP: &[&str] = &[
        "the", "and", "for", "but", "was", "were", "been", "has", "have", "had", "its", "this", "that", "with", "from", "not",
        "said", "says", "say", "will", "would", "could", "should", "may", "might", "which", "who", "what", "when", "where",
        "there", "than", "then", "also", "after", "before", "over", "into", "about", "more", "out", "new", "one", "two",
        "three", "last", "first", "week", "his", "her", "their", "our", "they", "you", "are", "mr",
    ];
    let mut out = HashSet::new();
    for i in a as usize..(b as usize).min(t.len()) {
        if !t.toks[i].has(crate::text::tokens::ALPHA) {
            continue;
        }
        let w = t.norm(i);
        if w.len() < 3 || STOP.contains(&w) || month_of(w).is_some() || weekday_of(w).is_some() {
            continue;
        }
        out.insert(crate::text::stem(w).into_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(text: &str) -> Option<String> {
        stamp(&Tokens::new(text)).map(|s| format!("{} {}", s.date, &text[s.span.start..s.span.end]))
    }

    #[test]
    fn stamps_of_real_pages() {
        // the Guardian, Reuters, the Washington Post, a BBC blog (Timeline17)
        assert_eq!(
            date_of("BP's Tony Hayward: resignation statement Outgoing chief executive Tony Hayward says BP will be a changed company Tuesday 27 July 2010 08.38 BST BP chief executive Tony Hayward is leaving").as_deref(),
            Some("2010-07-27 Tuesday 27 July 2010 08.38")
        );
        assert_eq!(
            date_of("WASHINGTON | Wed Jan 5, 2011 6:56 pm EST WASHINGTON (Reuters) - BP and its partners made a series of cost-cutting decisions").as_deref(),
            Some("2011-01-05 Wed Jan 5, 2011 6:56")
        );
        assert_eq!(
            date_of("Thursday, August 26, 2010; 8:12 PM HOUSTON - Federal investigators on Thursday grilled BP Senior Vice President Kent Wells").as_deref(),
            Some("2010-08-26 Thursday, August 26, 2010; 8:12")
        );
        assert_eq!(
            date_of("Susan Watts | 18:00 UK time, Saturday, 25 April 2009 Experts are clearly extremely concerned").as_deref(),
            Some("2009-04-25 18:00 UK time, Saturday, 25 April 2009")
        );
        assert_eq!(date_of("BP aims to fix leaking oil well by July 27: report Thu Jul 8, 2010 1:29 am EDT (Reuters) - Besieged").as_deref(), Some("2010-07-08 Thu Jul 8, 2010 1:29"));
    }

    #[test]
    fn a_date_and_clock_in_a_sentence_of_history_are_no_stamp() {
        let text = "The first test, code-named Trinity, took place in the New Mexico desert on 16 July 1945 at 5:29 am.";
        assert_eq!(date_of(text), None);
        assert_eq!(date_of("Poland was invaded before dawn. At 4:45 am on 1 September 1939 the Schleswig-Holstein opened fire."), None);
        assert_eq!(date_of("Charles Lindbergh took off from Long Island at 7:52 am on 20 May 1927 in the Spirit of St. Louis."), None);
        // a stamp after its cue, or after a name, stays one
        assert_eq!(date_of("Newsbeat Page last updated at 16:51 GMT, Tuesday, 19 January 2010 Born amid").as_deref(), Some("2010-01-19 16:51 GMT, Tuesday, 19 January 2010"));
        assert_eq!(date_of("Welcome to Fergus On Flu.\nAt 11:34 am on 03 Jun 2009, Neal wrote:").as_deref(), Some("2009-06-03 11:34 am on 03 Jun 2009"));
        assert_eq!(date_of("Posted by Sally Quinn and Jon Meacham on June 1, 2010 10:20 AM The question").as_deref(), Some("2010-06-01 June 1, 2010 10:20"));
    }

    #[test]
    fn no_stamp_without_a_clock_or_with_a_wrong_weekday() {
        // a photo caption: a full date and its weekday, no clock; the picture is older than the report
        assert_eq!(date_of("A bird flies off a post near a barge in Venice, La., Thursday, April 29, 2010. The leak resulted from last week's explosion."), None);
        // the weekday does not fit the date (29 April 2010 was a Thursday)
        assert_eq!(date_of("Friday, April 29, 2010 10:30 GMT The leak"), None);
        // the seeds carry no stamp
        for f in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            assert_eq!(date_of(&text), None);
        }
        // a stamp far down the page is not the page's
        let far = format!("{} Tuesday 27 July 2010 08.38 BST", "Words of the report. ".repeat(100));
        assert_eq!(date_of(&far), None);
        assert_eq!(date_of(""), None);
        assert_eq!(date_of("12:30"), None);
    }

    #[test]
    fn print_stamps_at_the_foot_of_a_page() {
        let print = |text: &str| print_stamp(&Tokens::new(text)).map(|s| format!("{} {}", s.date, &text[s.span.start..s.span.end]));
        // the Guardian's print line, after the article (Timeline17)
        let guardian = format!(
            "{} A version appeared on p2 of the Main section section of the Guardian on 22.31 BST on Friday 30 April 2010 Follow the latest environment news",
            "BP said the leak could be worse than feared. ".repeat(60)
        );
        assert_eq!(print(&guardian).as_deref(), Some("2010-04-30 22.31 BST on Friday 30 April 2010"));
        assert_eq!(
            print("But our thirst for oil is the real issue This article appeared on p21 of the Main section section of the Observer on 00.16 BST on Sunday 30 May 2010.").as_deref(),
            Some("2010-05-30 00.16 BST on Sunday 30 May 2010")
        );
        // a reader's comment is no print line, nor a date far from the cue
        assert_eq!(print("At 2:10 pm on 02 Jun 2009, ghostofsichuan wrote: As much as"), None);
        let far = format!("It appeared on the scene. {} On Friday 30 April 2010 at 22.31 the rig sank.", "Words of the report. ".repeat(10));
        assert_eq!(print(&far), None);
        // a weekday that does not fit
        assert_eq!(print("This article appeared on p21 of the Observer on 00.16 BST on Monday 30 May 2010."), None);
    }

    fn coming(text: &str, around: &str) -> Option<String> {
        let tl = crate::text::TextLayer::new(text, None);
        let times = crate::analysis::times_layer_in(&tl, None);
        coming_event(&tl, &times, around.parse().ok()).map(|(d, _)| d.to_string())
    }

    #[test]
    fn a_coming_event_named_by_weekday_and_date_dates_the_report() {
        // seed 000 (published 2025-05-30): "on Monday" and "June 2" name the second round of
        // talks, so it was written 27 May – 2 June; its latest past weekday there is Friday
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/000_160323196c8ef240.txt")).unwrap();
        assert_eq!(coming(&seed, "2025-05-11").as_deref(), Some("2025-05-30"));
        // without a year from its neighbours "June 2" is no date
        assert_eq!(coming(&seed, ""), None);
        // BBC, 2009-05-28: "re-open on Sunday" and "re-open on Sunday 31 May"; "informed on Wednesday"
        let eton = "Eton College had been due to re-open on Sunday after half-term. The Berkshire boys' school was informed on Wednesday that a 13-year-old boy had tested positive. Eton College, near Windsor, is currently closed for half-term and had been due to re-open on Sunday 31 May, but will now remain closed for another week.";
        assert_eq!(coming(eton, "2009-05-20").as_deref(), Some("2009-05-27"));
        // Fox News, 2010-06-21 (Timeline17): the Tuesday coming is no "April 20 explosion"
        let fox = "BP spokeswoman Sheila Williams confirmed to Fox News on Monday that Chairman Carl-Henric Svanberg has decided to sideline Hayward. Svanberg said comments by Hayward have had a detrimental effect on the company as it seeks to control the fallout from the April 20 explosion that caused a massive gusher that's now in its 63rd day. But Hayward's announcement that he had canceled a scheduled appearance at a London oil conference on Tuesday to focus on the Gulf suggested fallout from the yacht race had not ended.";
        assert_eq!(coming(fox, "2010-06-15"), None);
    }

    #[test]
    fn a_weekday_of_an_earlier_event_does_not_date_a_follow_up() {
        // a follow-up a fortnight after the 16 May talks: its "Friday" is this week's, not the
        // Friday of the talks, and nothing coming is named twice: no date
        let follow_up = "Turkiye on Friday proposed to host a meeting between the American, Russian and Ukrainian leaders. \
            At negotiations in Istanbul on May 16, Ukraine said Russia threatened to accelerate its ground offensive. \
            French President Emmanuel Macron said Friday that Washington must confirm its commitment to sanctions.";
        assert_eq!(coming(follow_up, "2025-05-11"), None);
        // the talks named by their weekday as past and by their date: still the talks' day, not the report's
        let past = "The first direct talks in Istanbul were held on Friday. The Istanbul talks on May 16 lasted less than two hours.";
        assert_eq!(coming(past, "2025-05-11"), None);
        // a coming "Tuesday" and the date of a past explosion (20 April 2010 was a Tuesday) that
        // the text also reports as past: refused by the later past date
        let bp = "Executives of the companies will testify at a hearing of the committee on Tuesday. \
            The committee hearing into the rig explosion on April 20 will hear the executives. \
            The Environmental Protection Agency gave the go-ahead Monday. A relief well was begun on May 9.";
        assert_eq!(coming(bp, "2010-05-01"), None);
    }

    #[test]
    fn wire_datelines_with_month_and_day() {
        let wire = |text: &str| wire_dateline(&Tokens::new(text), "2010-06-01".parse().unwrap()).map(|s| format!("{} {}", s.date, &text[s.span.start..s.span.end]));
        // Reuters (Timeline17), after a summary in bullets
        assert_eq!(
            wire("* Turkey confirms first case of H1N1 swine flu (Adds ministry confirmation) ISTANBUL, May 16 (Reuters) - Turkey identified").as_deref(),
            Some("2010-05-16 May 16 (Reuters) -")
        );
        assert_eq!(wire("ATLANTA Oct 21 (Reuters Legal) - U.S. environmental").as_deref(), Some("2010-10-21 Oct 21 (Reuters Legal) -"));
        assert_eq!(wire("HOUSTON, May 8 (Reuters) -- A natural gas cloud").as_deref(), Some("2010-05-08 May 8 (Reuters) -"));
        // the year nearest the neighbours: a January dateline in a story of late December
        assert_eq!(wire_dateline(&Tokens::new("Jan. 3 (Reuters) - BP said"), "2010-12-28".parse().unwrap()).map(|s| s.date.to_string()).as_deref(), Some("2011-01-03"));
        // no agency, no dash, a month-day in the prose: no dateline
        assert_eq!(wire("KYIV, May 16 - Talks began"), None);
        assert_eq!(wire("The talks on May 16 (Friday) ended early."), None);
        assert_eq!(wire("Reuters reported on May 16 (Reuters) that"), None);
    }
}


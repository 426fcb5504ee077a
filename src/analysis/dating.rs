//! Dating an undated article from evidence in its own text: the time stamp a page or a wire
//! carries near its top ("Tuesday 27 July 2010 08.38 BST", "Wed Jan 5, 2011 6:56 pm EST",
//! "18:00 UK time, Saturday, 25 April 2009"): a date written in full next to a clock time,
//! its weekday (when written) agreeing.
//!
//! Why only this: an article's date must not be invented. Measured on the Timeline17
//! development articles (2,148 articles with their true dates; `storyline eval times`), the
//! scorer that weighs every date, weekday and year the text mentions
//! (`times::infer_date`) is right within a day on .78 of the articles it dates at
//! confidence ≥ .5, and on only .55 of those without a time stamp, 17% more than a week
//! off: a follow-up reports last month's events, a photo caption the day the photo was
//! taken. A full date next to a clock time in the first 1,500 bytes is the publication
//! stamp: 590 of 2,148 articles carry one, and it is right within a day on all 590; a full
//! date with only an agreeing weekday is right on 46 of 59 (captions: "…in Venice, La.,
//! Thursday, April 29, 2010."), so a weekday alone is not enough.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::Span;
use crate::text::tokens::{DIGITS, Tokens};

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

/// The publication stamp of `text` (its tokens `t`): the first full date within
/// `STAMP_WITHIN` bytes with a clock time at most `CLOCK_GAP` tokens before or after it and
/// no weekday that disagrees with it.
pub fn stamp(t: &Tokens) -> Option<Stamp> {
    let n = t.len();
    let mut i = 0;
    while i < n && (t.toks[i].start as usize) < STAMP_WITHIN {
        let Some((date, wd, after)) = full_date_at(t, i) else {
            i += 1;
            continue;
        };
        if wd.is_some_and(|w| w != date.weekday()) {
            i = after;
            continue;
        }
        let before = (i.saturating_sub(CLOCK_GAP + 2)..i).rev().find_map(|k| clock_at(t, k).filter(|&e| e <= i && i - e <= CLOCK_GAP).map(|_| k));
        let after_clock = (after..(after + CLOCK_GAP).min(n)).find(|&k| clock_at(t, k).is_some());
        let span = match (before, after_clock) {
            (Some(k), _) => Span::new(t.toks[k].start as usize, t.toks[after - 1].end as usize),
            (None, Some(k)) => Span::new(t.toks[i].start as usize, t.toks[k + 2].end as usize),
            (None, None) => {
                i = after;
                continue;
            }
        };
        return Some(Stamp { date, confidence: STAMP_CONFIDENCE, span });
    }
    None
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
}

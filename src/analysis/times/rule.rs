//! What a temporal expression's value depends on, and the pure function that resolves it.
//!
//! The tagger decides spans and kinds from the words; the value of an under-specified
//! expression ("Tuesday", "last week", "May 5", "two years ago", "Christmas") also depends on
//! the article's date. The tagger records that dependence as a [`Rule`] (the month and day,
//! the weekday and the tense of its clause, the unit and the offset, …) and [`Rule::resolve`]
//! computes the TIMEX3 value against any date, so an article dated later (linking dates
//! undated articles from their neighbours) is re-anchored without running the tagger again.
//! An absolute expression ("May 5, 2025", "three days") is a [`Rule::Fixed`] value.
//!
//! `resolve(rule, anchor)` is exactly the value the tagger gives when run with `anchor` (the
//! tagger builds its values through it), with `XXXX` placeholders when there is no date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{add_months, fmt_d, fmt_w, fmt_y, fmt_ym, holiday_date, quarter_of, split_year, weekday_agrees, Unit};

/// How a temporal expression's value is computed from the article's date.
///
/// `tense` is the tense of the expression's clause as the tagger read it (negative past,
/// positive coming, 0 none); `rel` is -1 for last/previous, 1 for next/coming, 2 for "this",
/// 0 for none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A value that does not depend on the date ("2025-05-13", "P3D", "PRESENT_REF").
    Fixed(String),
    /// The values of the parts, one after the other ("Saturday" + "TNI").
    Cat(Vec<Rule>),
    /// A month and day without a year ("May 5"): the year nearest the date, by the tense.
    /// `wd` is the weekday written with it ("Friday 21 April", 1 = Monday), which the year
    /// must agree with when one near the date does.
    MonthDay {
        m: u32,
        d: u32,
        tense: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wd: Option<u32>,
    },
    /// A month without a year ("in March", "last March").
    Month { m: u32, rel: i32, tense: i32 },
    /// A month of the date's year, `k` years on ("March this year").
    YearMonth { m: u32, k: i32 },
    /// A weekday ("Tuesday", "next Friday"), 1 = Monday.
    Weekday { wd: u32, rel: i32, tense: i32 },
    /// The date's unit `k` steps on ("this week", "last year", "next month").
    Unit { unit: Unit, k: i32, tense: i32 },
    /// `n` units before (`sign` -1) or after (1) the date ("two years ago"); vague without `n`.
    Ago { n: Option<f64>, unit: Unit, sign: i64 },
    /// "a year earlier": the year before, or the same quarter a year before in a quarter report.
    YearEarlier { quarter: bool },
    /// The date `k` days on (today, yesterday, tomorrow).
    Day { k: i64 },
    /// A season of the date's year, `k` years on ("this summer").
    Season { season: String, k: i32 },
    /// A quarter ("the third quarter", "the year-earlier quarter", "the 1988 quarter").
    Quarter { q: Option<u32>, year: Option<i32>, year_ago: bool, tense: i32 },
    /// The last day of the date's year ("by year-end").
    YearEnd,
    /// A holiday without a year ("Christmas", "Easter"), by the tense.
    Holiday { name: String, tense: i32 },
    /// The unit `k` steps after the value of `base` ("the following year" after "May 1995").
    After { base: Box<Rule>, unit: Unit, k: i32 },
    /// The year of `base`'s value ("of that year"), XXXX when it has none.
    YearOf(Box<Rule>),
    /// The first `n` characters of `base`'s value.
    Head(Box<Rule>, usize),
    /// The part of `base`'s value after its last '-' ("Q3" of "2025-Q3").
    LastPart(Box<Rule>),
    /// The day part of `base`'s value (before a 'T').
    DatePart(Box<Rule>),
}

impl From<String> for Rule {
    fn from(v: String) -> Rule {
        Rule::Fixed(v)
    }
}

impl From<&str> for Rule {
    fn from(v: &str) -> Rule {
        Rule::Fixed(v.to_string())
    }
}

impl Rule {
    /// The parts' values one after another; fixed parts are joined at once.
    pub fn cat(parts: Vec<Rule>) -> Rule {
        if parts.iter().all(|p| matches!(p, Rule::Fixed(_))) {
            return Rule::Fixed(parts.into_iter().map(|p| if let Rule::Fixed(v) = p { v } else { unreachable!() }).collect());
        }
        Rule::Cat(parts)
    }

    /// Whether the value depends on the date.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Rule::Fixed(_))
    }

    /// The tense of the expression's clause as the tagger read it (negative past, positive
    /// coming, 0 none or not recorded).
    pub fn tense(&self) -> i32 {
        match self {
            Rule::MonthDay { tense, .. } | Rule::Month { tense, .. } | Rule::Weekday { tense, .. } | Rule::Unit { tense, .. } | Rule::Quarter { tense, .. } | Rule::Holiday { tense, .. } => *tense,
            Rule::Cat(parts) => parts.iter().map(Rule::tense).find(|t| *t != 0).unwrap_or(0),
            _ => 0,
        }
    }

    /// For an undated article, the value when all it lacks is a year: a month and day ("May
    /// 16", "June 2") or a bare month in the year that puts it nearest `around` (the story's
    /// dates), whatever the tense; a fixed value as it is. None for anything that needs the
    /// day of writing ("Friday", "last week", "yesterday"): those stay unresolved.
    pub fn resolve_year(&self, around: NaiveDate) -> Option<String> {
        let nearest = |m: u32, d: u32| {
            [around.year() - 1, around.year(), around.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .min_by_key(|c| (*c - around).num_days().abs())
        };
        match self {
            Rule::Fixed(v) => Some(v.clone()),
            Rule::MonthDay { m, d, .. } => nearest(*m, *d).map(fmt_d),
            Rule::Month { m, rel: 0, .. } => nearest(*m, 15).map(|c| fmt_ym(c.year(), *m)),
            _ => None,
        }
    }

    /// The TIMEX3 value against `anchor` (the article's date), with XXXX where the date is
    /// needed and missing. Pure.
    pub fn resolve(&self, anchor: Option<NaiveDate>) -> String {
        match self {
            Rule::Fixed(v) => v.clone(),
            Rule::Cat(parts) => parts.iter().map(|p| p.resolve(anchor)).collect(),
            Rule::MonthDay { m, d, tense, wd } => month_day(anchor, *m, *d, *tense, *wd),
            Rule::Month { m, rel, tense } => month(anchor, *m, *rel, *tense),
            Rule::YearMonth { m, k } => match anchor {
                Some(a) => fmt_ym(a.year() + k, *m),
                None => format!("XXXX-{:02}", m),
            },
            Rule::Weekday { wd, rel, tense } => weekday(anchor, *wd, *rel, *tense),
            Rule::Unit { unit, k, tense } => rel_unit(anchor, *unit, *k, *tense).unwrap_or_else(|| "XXXX".into()),
            Rule::Ago { n, unit, sign } => ago(anchor, *n, *unit, *sign),
            Rule::YearEarlier { quarter } => match anchor {
                Some(a) if *quarter => {
                    let q = quarter_of(a.month()) as i32 - 2;
                    let y = a.year() - 1 + q.div_euclid(4);
                    format!("{:04}-Q{}", y, q.rem_euclid(4) + 1)
                }
                Some(a) => format!("{:04}", a.year() - 1),
                None => "XXXX".into(),
            },
            Rule::Day { k } => anchor.map(|a| fmt_d(a + Duration::days(*k))).unwrap_or_else(|| "XXXX-XX-XX".into()),
            Rule::Season { season, k } => match anchor {
                Some(a) => format!("{:04}-{}", a.year() + k, season),
                None => format!("XXXX-{}", season),
            },
            Rule::Quarter { q, year, year_ago, tense } => quarter(anchor, *q, *year, *year_ago, *tense),
            Rule::YearEnd => anchor.map(|a| format!("{:04}-12-31", a.year())).unwrap_or_else(|| "XXXX-12-31".into()),
            Rule::Holiday { name, tense } => holiday(anchor, name, *tense),
            // with no date to count from, the unit's shape ("the next morning" after a year
            // alone is XXXX-XX-XXTMO, not XXXXTMO)
            Rule::After { base, unit, k } => after(&base.resolve(anchor), *unit, *k).unwrap_or_else(|| {
                match unit {
                    Unit::Day => "XXXX-XX-XX",
                    Unit::Week => "XXXX-WXX",
                    Unit::Month => "XXXX-XX",
                    _ => "XXXX",
                }
                .into()
            }),
            Rule::YearOf(base) => split_year(&base.resolve(anchor)).map_or_else(|| "XXXX".into(), |(y, _)| fmt_y(y)),
            Rule::Head(base, n) => {
                let v = base.resolve(anchor);
                v[..(*n).min(v.len())].to_string()
            }
            Rule::LastPart(base) => base.resolve(anchor).rsplit('-').next().unwrap_or("QX").to_string(),
            Rule::DatePart(base) => {
                let v = base.resolve(anchor);
                v.split('T').next().unwrap_or(&v).to_string()
            }
        }
    }
}

fn month_day(anchor: Option<NaiveDate>, m: u32, d: u32, t: i32, wd: Option<u32>) -> String {
    let Some(a) = anchor else { return format!("XXXX-{:02}-{:02}", m, d) };
    let mut best: Option<(i64, NaiveDate)> = None;
    let years = [a.year() - 1, a.year(), a.year() + 1];
    // the weekday written with the date names its year when one of those agrees
    let agrees = |y: i32| wd.is_none_or(|w| weekday_agrees(y, m, d, w));
    let any_agrees = years.iter().any(|&y| wd.is_some() && agrees(y));
    for y in years {
        if any_agrees && !agrees(y) {
            continue;
        }
        if let Some(c) = NaiveDate::from_ymd_opt(y, m, d) {
            let diff = (c - a).num_days();
            // with no tense cue the past reading is likelier: news reports what happened
            let mut cost = if diff > 0 && t == 0 { diff * 3 / 2 } else { diff.abs() };
            // against the tense: four times as far, so that "ended Jan. 31" in October
            // is last January, while a slip of the tense detector a week off is not fatal
            if (t < 0 && diff > 2) || (t > 0 && diff < -2) {
                cost = diff.abs() * 4 + 10;
            }
            if best.map_or(true, |(b, _)| cost < b) {
                best = Some((cost, c));
            }
        }
    }
    best.map(|(_, c)| fmt_d(c)).unwrap_or_else(|| format!("XXXX-{:02}-{:02}", m, d))
}

fn month(anchor: Option<NaiveDate>, m: u32, rel: i32, t: i32) -> String {
    let Some(a) = anchor else { return format!("XXXX-{:02}", m) };
    let am = a.month();
    let y = a.year();
    let yy = match rel {
        -1 => {
            if m < am { y } else { y - 1 }
        }
        1 => {
            if m > am { y } else { y + 1 }
        }
        2 => y, // "this"
        _ => {
            if m == am {
                y
            } else if t > 0 {
                if m > am { y } else if am - m <= 4 { y } else { y + 1 }
            } else if m < am || m - am <= 1 {
                y
            } else {
                y - 1
            }
        }
    };
    fmt_ym(yy, m)
}

fn weekday(anchor: Option<NaiveDate>, wd: u32, rel: i32, t: i32) -> String {
    let Some(a) = anchor else { return format!("XXXX-WXX-{}", wd) };
    let diff = wd as i64 - 1 - a.weekday().num_days_from_monday() as i64;
    let back = (-diff).rem_euclid(7); // days back to most recent (0 = today)
    let fwd = diff.rem_euclid(7);
    let off = match rel {
        -1 => -(if back == 0 { 7 } else { back }),
        1 | 2 => {
            if fwd == 0 { 7 } else { fwd }
        }
        _ => {
            if back == 0 {
                0
            } else if t > 0 {
                fwd
            } else {
                -back
            }
        }
    };
    let off = if rel == 2 && fwd == 0 { 0 } else { off };
    fmt_d(a + Duration::days(off))
}

/// A "calendar" unit deixis: the value for this/last/next + unit; None for a unit that has none.
pub(super) fn rel_unit(anchor: Option<NaiveDate>, u: Unit, k: i32, tense: i32) -> Option<String> {
    let Some(a) = anchor else {
        return Some(match u {
            Unit::Year => "XXXX".into(),
            Unit::Month => "XXXX-XX".into(),
            Unit::Week => "XXXX-WXX".into(),
            Unit::Quarter => "XXXX-QX".into(),
            Unit::Day => "XXXX-XX-XX".into(),
            Unit::Weekend => "XXXX-WXX-WE".into(),
            _ => return None,
        });
    };
    Some(match u {
        Unit::Year => fmt_y(a.year() + k),
        Unit::Month => {
            let (y, m) = add_months(a.year(), a.month(), k);
            fmt_ym(y, m)
        }
        Unit::Week => fmt_w(a + Duration::days(7 * k as i64)),
        Unit::Weekend => {
            let mut d = a + Duration::days(7 * k as i64);
            let wdn = a.weekday().num_days_from_monday();
            if k == 0 && (wdn == 0 || (wdn == 1 && tense <= 0)) {
                d = a - Duration::days(7);
            }
            format!("{}-WE", fmt_w(d))
        }
        Unit::Quarter => {
            let q = quarter_of(a.month()) as i32 - 1 + k;
            let y = a.year() + q.div_euclid(4);
            format!("{:04}-Q{}", y, q.rem_euclid(4) + 1)
        }
        Unit::Day => fmt_d(a + Duration::days(k as i64)),
        Unit::Decade => format!("{:03}", (a.year() / 10) + k),
        Unit::Century => format!("{:02}", (a.year() / 100) + k),
        _ => return None,
    })
}

fn ago(anchor: Option<NaiveDate>, n: Option<f64>, u: Unit, sign: i64) -> String {
    let (a, x) = match (anchor, n) {
        (Some(a), Some(x)) => (a, x),
        _ => return if sign < 0 { "PAST_REF".into() } else { "FUTURE_REF".into() },
    };
    let xi = x.round() as i64;
    match u {
        Unit::Year => fmt_y((a.year() as i64 + sign * xi) as i32),
        Unit::Decade => fmt_y((a.year() as i64 + sign * 10 * xi) as i32),
        Unit::Century => format!("{:02}", (a.year() as i64 + sign * 100 * xi) / 100),
        Unit::Month => {
            let (y, m) = add_months(a.year(), a.month(), (sign * xi) as i32);
            fmt_ym(y, m)
        }
        Unit::Quarter => {
            let (y, m) = add_months(a.year(), a.month(), (sign * xi * 3) as i32);
            format!("{:04}-Q{}", y, quarter_of(m))
        }
        Unit::Week | Unit::Weekend => fmt_d(a + Duration::days(sign * 7 * xi)),
        Unit::Day => fmt_d(a + Duration::days(sign * xi)),
        Unit::Hour => fmt_d(a + Duration::days(sign * (xi / 24))),
        Unit::Min | Unit::Sec => fmt_d(a),
    }
}

fn quarter(anchor: Option<NaiveDate>, q: Option<u32>, yr: Option<i32>, yago: bool, tense: i32) -> String {
    match (q, anchor) {
        (Some(q), Some(a)) => {
            let mut y = yr.unwrap_or(a.year());
            if yr.is_none() && q > quarter_of(a.month()) && tense <= 0 {
                y -= 1;
            }
            if yago {
                y -= 1;
            }
            format!("{:04}-Q{}", y, q)
        }
        (None, Some(a)) if yr.is_some() => {
            // "the 1988 quarter": the quarter under discussion, in that year
            let q = (quarter_of(a.month()) as i32 - 2).rem_euclid(4) + 1;
            format!("{:04}-Q{}", yr.unwrap_or(a.year()), q)
        }
        (None, Some(_)) => {
            let base = rel_unit(anchor, Unit::Quarter, -1, 0).unwrap_or_default();
            if yago {
                match base.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                    Some(y) => format!("{:04}{}", y - 1, &base[4..]),
                    None => base,
                }
            } else {
                base
            }
        }
        (Some(q), None) => format!("{}-Q{}", yr.map(|y| format!("{:04}", y)).unwrap_or("XXXX".into()), q),
        (None, None) => "XXXX-QX".into(),
    }
}

fn holiday(anchor: Option<NaiveDate>, name: &str, t: i32) -> String {
    match anchor {
        Some(a) => {
            let mut best: Option<(i64, NaiveDate)> = None;
            for y in [a.year() - 1, a.year(), a.year() + 1] {
                if let Some(d) = holiday_date(name, y) {
                    let diff = (d - a).num_days();
                    let mut cost = diff.abs();
                    if t < 0 && diff > 0 {
                        cost += 400;
                    }
                    if t > 0 && diff < 0 {
                        cost += 400;
                    }
                    if best.map_or(true, |(b, _)| cost < b) {
                        best = Some((cost, d));
                    }
                }
            }
            best.map(|(_, d)| fmt_d(d)).unwrap_or_default()
        }
        None => match holiday_date(name, 2001) {
            Some(d) if !matches!(name, "easter" | "good friday" | "thanksgiving" | "labor day" | "memorial day") => format!("XXXX-{:02}-{:02}", d.month(), d.day()),
            _ => "XXXX-XX-XX".into(),
        },
    }
}

/// The unit `k` steps after the date `v` ("the following year" after "May 22, 1995" is 1996);
/// None when `v` is not precise enough for the unit.
pub(super) fn after(v: &str, u: Unit, k: i32) -> Option<String> {
    // "1995-05-22", "BC0055-07": the year, and the month and day after it
    let (y, rest) = split_year(v)?;
    let m: Option<u32> = rest.get(1..3).filter(|_| rest.starts_with('-')).and_then(|x| x.parse().ok());
    let d = m.zip(rest.get(4..6).filter(|_| rest.get(3..4) == Some("-")).and_then(|x| x.parse().ok())).and_then(|(m, d)| NaiveDate::from_ymd_opt(y, m, d));
    Some(match u {
        Unit::Year => fmt_y(y + k),
        Unit::Month => {
            let (yy, mm) = add_months(y, m?, k);
            fmt_ym(yy, mm)
        }
        Unit::Week => fmt_w(d? + Duration::days(7 * k as i64)),
        Unit::Day => fmt_d(d? + Duration::days(k as i64)),
        _ => return None,
    })
}

/// A weekday's number from Monday (1–7), as rules keep it.
pub(super) fn weekday_number(wd: Weekday) -> u32 {
    wd.number_from_monday()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_weekday_moves_with_the_date() {
        let r = Rule::Weekday { wd: 2, rel: 0, tense: -1 }; // "said on Tuesday"
        assert_eq!(r.resolve(Some(d("2025-05-16"))), "2025-05-13");
        assert_eq!(r.resolve(Some(d("2025-05-23"))), "2025-05-20");
        assert_eq!(r.resolve(None), "XXXX-WXX-2");
        let r = Rule::Weekday { wd: 2, rel: 0, tense: 1 }; // "will meet on Tuesday"
        assert_eq!(r.resolve(Some(d("2025-05-16"))), "2025-05-20");
    }

    #[test]
    fn a_weekday_written_with_a_month_day_picks_the_year() {
        // "Friday, Jan. 3" read on 2025-12-20: 2025-01-03 was a Friday, 2026-01-03 a Saturday
        let r = Rule::MonthDay { m: 1, d: 3, tense: 0, wd: Some(5) };
        assert_eq!(r.resolve(Some(d("2025-12-20"))), "2025-01-03");
        let r = Rule::MonthDay { m: 1, d: 3, tense: 0, wd: Some(6) };
        assert_eq!(r.resolve(Some(d("2025-12-20"))), "2026-01-03");
        // no year near the date agrees: the tense decides as without a weekday
        let (r, bare) = (Rule::MonthDay { m: 1, d: 3, tense: -1, wd: Some(1) }, Rule::MonthDay { m: 1, d: 3, tense: -1, wd: None });
        assert_eq!(r.resolve(Some(d("2025-12-20"))), bare.resolve(Some(d("2025-12-20"))));
    }

    #[test]
    fn parts_and_fixed_values() {
        let r = Rule::cat(vec![Rule::Weekday { wd: 6, rel: 0, tense: -1 }, Rule::Fixed("TNI".into())]);
        assert_eq!(r.resolve(Some(d("2025-05-12"))), "2025-05-10TNI");
        assert_eq!(Rule::cat(vec![Rule::Fixed("2025".into()), Rule::Fixed("-05".into())]), Rule::Fixed("2025-05".into()));
        let r = Rule::Unit { unit: Unit::Week, k: -1, tense: 0 };
        assert_eq!(r.resolve(Some(d("2025-05-16"))), "2025-W19");
        assert_eq!(Rule::Ago { n: Some(2.0), unit: Unit::Year, sign: -1 }.resolve(Some(d("2025-05-16"))), "2023");
        assert_eq!(Rule::Day { k: -1 }.resolve(Some(d("2025-03-01"))), "2025-02-28");
    }

    #[test]
    fn rules_round_trip_through_json() {
        let r = Rule::After { base: Box::new(Rule::MonthDay { m: 5, d: 22, tense: 0, wd: None }), unit: Unit::Year, k: 1 };
        let s = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Rule>(&s).unwrap(), r);
    }
}

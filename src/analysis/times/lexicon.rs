//! The lexicon: month and weekday names, number words, ordinals, units, seasons and times of
//! day, each a word (or two) to its value.

use super::*;

pub fn month_of(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

pub(super) fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Whether `w` names a day of the week ("Friday", "Fri").
pub fn is_weekday_name(w: &str) -> bool {
    weekday_of(&w.to_lowercase()).is_some()
}

pub(super) fn weekday_plural(w: &str) -> Option<Weekday> {
    let s = w.strip_suffix('s')?;
    if s.len() < 6 {
        return None;
    }
    weekday_of(s)
}

pub(super) fn small_num(w: &str) -> Option<i64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

pub(super) fn tens_num(w: &str) -> Option<i64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

pub(super) fn ordinal_of(w: &str) -> Option<i64> {
    let v = match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => {
            for suf in ["st", "nd", "rd", "th"] {
                if let Some(p) = w.strip_suffix(suf) {
                    if !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()) {
                        return p.parse().ok();
                    }
                }
            }
            return None;
        }
    };
    Some(v)
}

/// A calendar unit, as rules keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Sec,
    Min,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
}

pub(super) fn unit_of(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Sec, false),
        "seconds" => (Unit::Sec, true),
        "minute" => (Unit::Min, false),
        "minutes" => (Unit::Min, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        _ => return None,
    })
}

pub(super) fn unit_letter(u: Unit) -> (&'static str, bool) {
    match u {
        Unit::Sec => ("S", true),
        Unit::Min => ("M", true),
        Unit::Hour => ("H", true),
        Unit::Day => ("D", false),
        Unit::Week => ("W", false),
        Unit::Month => ("M", false),
        Unit::Quarter => ("Q", false),
        Unit::Year => ("Y", false),
        Unit::Decade => ("DE", false),
        Unit::Century => ("CE", false),
        Unit::Weekend => ("WE", false),
    }
}

pub(super) fn dur_value(n: Option<f64>, u: Unit) -> String {
    let (l, t) = unit_letter(u);
    // "2 1/2 years" → P2Y6M, "5 1/2 hours" → PT5H30M: the fraction in the next smaller unit
    if let Some(x) = n {
        let (whole, frac) = (x.trunc(), x.fract());
        let lower = match u {
            Unit::Year => Some((12.0, "M", false)),
            Unit::Day => Some((24.0, "H", true)),
            Unit::Hour => Some((60.0, "M", true)),
            Unit::Min => Some((60.0, "S", true)),
            Unit::Week => Some((7.0, "D", false)),
            _ => None,
        };
        if let Some((k, ll, lt)) = lower.filter(|_| frac > 1e-9) {
            let sub = frac * k;
            if (sub - sub.round()).abs() < 1e-9 {
                let (w, sub) = (whole as i64, sub.round() as i64);
                let head = if w > 0 { format!("{w}{l}") } else { String::new() };
                return match (t, lt) {
                    (true, _) => format!("PT{head}{sub}{ll}"),
                    (false, false) => format!("P{head}{sub}{ll}"),
                    (false, true) => format!("P{head}T{sub}{ll}"),
                };
            }
        }
    }
    // "two decades" → P20Y: TIMEX3 durations count decades and centuries in years
    if let (Some(x), Unit::Decade | Unit::Century) = (n, u) {
        let k = if u == Unit::Decade { 10.0 } else { 100.0 };
        return dur_value(Some(x * k), Unit::Year);
    }
    let ns = match n {
        None => "X".to_string(),
        Some(x) if (x - x.round()).abs() < 1e-9 => format!("{}", x.round() as i64),
        Some(x) => format!("{}", x),
    };
    if t {
        format!("PT{}{}", ns, l)
    } else {
        format!("P{}{}", ns, l)
    }
}

pub(super) fn season_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

pub(super) fn tod_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

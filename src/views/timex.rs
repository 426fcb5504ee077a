//! TIMEX3 values as a reader says them: "2025-05-11" is "11 May 2025", "XXXX-WXX-2" "a
//! Tuesday (date unknown)", "PRESENT_REF" "now", "P3Y" "3 years". The JSON keeps the TIMEX3
//! values (a contract others score against); every page and terminal view shows these.

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn month(s: &str) -> Option<&'static str> {
    MONTHS.get(num(s)?.checked_sub(1)? as usize).copied()
}

fn part_of_day(s: &str) -> Option<&'static str> {
    Some(match s {
        "MO" => "morning",
        "AF" => "afternoon",
        "EV" => "evening",
        "NI" => "night",
        "DT" => "daytime",
        _ => return None,
    })
}

/// A date part: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `XXXX-MM-DD`, `YYYY-Wnn`, `YYYY-Qn`,
/// `YYYY-SU`…, `XXXX-WXX-n`.
fn date(v: &str) -> Option<String> {
    let p: Vec<&str> = v.split('-').collect();
    let year = |y: &str| if y == "XXXX" { None } else { num(y).map(|_| y.to_string()) };
    Some(match p[..] {
        [y] if y.len() == 4 => year(y)?,
        [y] if y.len() == 3 && num(y).is_some() => format!("the {y}0s"),
        [y] if y.len() == 2 && num(y).is_some() => format!("the {}th century", num(y)? + 1),
        [y, w, d] if w == "WXX" => {
            let wd = WEEKDAYS.get(num(d)?.checked_sub(1)? as usize)?;
            match year(y) {
                Some(_) => format!("a {wd} in {y}"),
                None => format!("a {wd} (date unknown)"),
            }
        }
        [y, m, d] => {
            let (m, d) = (month(m)?, num(d)?);
            match year(y) {
                Some(y) => format!("{d} {m} {y}"),
                None => format!("{d} {m} (year unknown)"),
            }
        }
        [y, x] => {
            let y = year(y).unwrap_or_else(|| "(year unknown)".into());
            if let Some(m) = month(x) {
                format!("{m} {y}")
            } else if let Some(w) = x.strip_prefix('W').and_then(num) {
                format!("week {w} of {y}")
            } else if let Some(q) = x.strip_prefix('Q').and_then(num) {
                format!("quarter {q} of {y}")
            } else if let Some(h) = x.strip_prefix('H').and_then(num) {
                format!("half {h} of {y}")
            } else {
                let season = match x {
                    "SP" => "spring",
                    "SU" => "summer",
                    "FA" => "autumn",
                    "WI" => "winter",
                    _ => return None,
                };
                format!("{season} {y}")
            }
        }
        _ => return None,
    })
}

/// A duration `P…`: "P3Y" "3 years", "PT2H" "2 hours", "PXD" "days".
fn duration(v: &str) -> Option<String> {
    let body = v.strip_prefix('P')?;
    let (date_part, time_part) = body.split_once('T').unwrap_or((body, ""));
    let mut out: Vec<String> = Vec::new();
    for (part, units) in [
        (date_part, &[('Y', "year"), ('M', "month"), ('W', "week"), ('D', "day"), ('E', "decade"), ('C', "century")][..]),
        (time_part, &[('H', "hour"), ('M', "minute"), ('S', "second")][..]),
    ] {
        let mut n = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == 'X' {
                n.push(c);
                continue;
            }
            let unit = units.iter().find(|u| u.0 == c)?.1;
            let unit = match unit {
                "century" if n != "1" => "centurie".to_string(),
                u => u.to_string(),
            };
            out.push(match n.as_str() {
                "X" | "" => format!("{unit}s"),
                "1" => unit.replace("centurie", "century"),
                n => format!("{n} {unit}s"),
            });
            n.clear();
        }
        if !n.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// How a reader says a TIMEX3 value. A value this does not know is shown as "(unresolved)"
/// followed by nothing raw: never a code.
pub fn say(value: &str) -> String {
    match value {
        "PRESENT_REF" => return "now".into(),
        "PAST_REF" => return "the past".into(),
        "FUTURE_REF" => return "the future".into(),
        _ => {}
    }
    if value.starts_with('P') {
        if let Some(d) = duration(value) {
            return d;
        }
    }
    if let Some((d, t)) = value.split_once('T') {
        if let Some(d) = date(d) {
            if let Some(p) = part_of_day(t) {
                return format!("{d}, {p}");
            }
            let hm: Vec<&str> = t.split(':').collect();
            if hm.len() >= 2 && hm.iter().all(|x| num(x).is_some()) {
                return format!("{d}, {}:{}", hm[0], hm[1]);
            }
        }
    }
    date(value).unwrap_or_else(|| "(unresolved)".into())
}

#[cfg(test)]
mod tests {
    use super::say;

    #[test]
    fn values_read_as_words() {
        for (v, want) in [
            ("2025-05-11", "11 May 2025"),
            ("2025-05", "May 2025"),
            ("2025", "2025"),
            ("XXXX-05-16", "16 May (year unknown)"),
            ("XXXX-WXX-2", "a Tuesday (date unknown)"),
            ("PRESENT_REF", "now"),
            ("PAST_REF", "the past"),
            ("P3Y", "3 years"),
            ("P1D", "day"),
            ("PXD", "days"),
            ("PT2H30M", "2 hours 30 minutes"),
            ("2025-05-11T18:00", "11 May 2025, 18:00"),
            ("2025-05-10TNI", "10 May 2025, night"),
            ("2025-W20", "week 20 of 2025"),
            ("2025-Q1", "quarter 1 of 2025"),
            ("2010-SU", "summer 2010"),
            ("199", "the 1990s"),
            ("XXXX-XX-XX", "(unresolved)"),
            ("", "(unresolved)"),
            ("P", "(unresolved)"),
            ("2025-13-01", "(unresolved)"),
        ] {
            assert_eq!(say(v), want, "{v}");
        }
    }

    #[test]
    fn never_a_raw_code() {
        // whatever the tagger writes, no TIMEX code reaches a reader
        for v in ["XXXX-WXX-2", "PRESENT_REF", "XXXX", "P3Y", "2025-05-11TMO", "XXXX-WXX", "TNI", "P1Q", "2025-WXX-7"] {
            let s = say(v);
            assert!(!s.contains("XX") && !s.contains("_REF") && !s.starts_with('P'), "{v} -> {s}");
        }
    }
}

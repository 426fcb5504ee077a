//! Date strings (step 2's parsers): small helpers, ISO and compact forms, month names in
//! running text, and htmldate's custom parse of a whole string.

use super::*;

pub(super) fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
}

pub(super) fn correct_year(y: i64) -> i64 {
    if y < 100 {
        if y >= 90 {
            1900 + y
        } else {
            2000 + y
        }
    } else {
        y
    }
}

/// Day/month/year with a 2-digit year fix and a day/month swap when the
/// month is impossible (American order).
pub(super) fn dmy(d: i64, m: i64, y: i64) -> Option<NaiveDate> {
    let y = correct_year(y);
    let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
    ymd(y, m, d)
}

pub(super) fn valid(d: NaiveDate, o: &Options) -> bool {
    d >= o.min && d <= o.max
}

pub(super) fn num(s: &str) -> i64 {
    s.parse::<i64>().unwrap_or(-1)
}

pub(super) fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

/// Collapse whitespace and trim.
pub(super) fn norm_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

pub(super) fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

pub(super) fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}
pub(super) fn next_char(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (1-2 digit month/day) at the
/// start of `s`, followed by a non-digit or the end.
pub(super) fn iso_prefix(s: &str) -> Option<NaiveDate> {
    static R: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})"));
    let c = R.captures(s)?;
    if c[2] != c[4] {
        return None;
    }
    let end = c.get(0)?.end();
    if next_char(s, end).map(|ch| ch.is_ascii_digit()).unwrap_or(false) {
        return None;
    }
    ymd(num(&c[1]), num(&c[3]), num(&c[5]))
}

/// `YYYYMMDD` at the start (optionally followed by a time).
pub(super) fn compact_prefix(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..8].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    ymd(num(&s[..4]), num(&s[4..6]), num(&s[6..8]))
}

/// Multilingual "16 October 2019", "October 16, 2019", "2019. október 16.",
/// "2019年10月16日". Returns the first (leftmost) valid date.
pub(super) fn text_month_date(s: &str, o: Option<&Options>) -> Option<NaiveDate> {
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)(\d{1,2})(?:st|nd|rd|th|er|\.|º)?(?:\s*|-|/)(?:of\s+|de\s+|du\s+)?(\p{L}{3,}\.?)(?:[,.]?\s*|-|/)(?:de\s+|del\s+|of\s+)?(\d{4})")
    });
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)(\p{L}{3,})\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{4})")
    });
    static YMD: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)(\d{4})\.?\s*(\p{L}{3,})\.?\s*(\d{1,2})"));
    static CJK: LazyLock<Regex> =
        LazyLock::new(|| re(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})"));

    let ok = |d: NaiveDate| o.map(|o| valid(d, o)).unwrap_or(true);
    let mut best: Option<(usize, NaiveDate)> = None;
    fn consider(best: &mut Option<(usize, NaiveDate)>, pos: usize, d: NaiveDate) {
        if best.map(|(p, _)| pos < p).unwrap_or(true) {
            *best = Some((pos, d));
        }
    }
    let not_digit_before = |s: &str, i: usize| !prev_char(s, i).map(|c| c.is_ascii_digit()).unwrap_or(false);
    let not_digit_after = |s: &str, i: usize| !next_char(s, i).map(|c| c.is_ascii_digit()).unwrap_or(false);

    // day month year
    let mut pos = 0;
    while pos < s.len() {
        let Some(c) = DMY.captures_at(s, pos) else { break };
        let m0 = c.get(0).unwrap();
        let next = s[m0.start()..].chars().next().map(|ch| m0.start() + ch.len_utf8()).unwrap_or(s.len());
        if not_digit_before(s, m0.start()) && not_digit_after(s, m0.end()) {
            if let Some(mo) = month_number(&c[2]) {
                if let Some(d) = ymd(num(&c[3]), mo as i64, num(&c[1])) {
                    if ok(d) {
                        consider(&mut best, m0.start(), d);
                        break;
                    }
                }
            }
        }
        pos = next;
    }
    // ranges "14. - 20. Januar 2022", "14-20 January 2022": the first day
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)(\d{1,2})\.?\s*[-–]\s*\d{1,2}\.?\s*(\p{L}{3,}\.?)[,.]?\s*(\d{4})")
    });
    if let Some(c) = RANGE.captures(s) {
        let m0 = c.get(0).unwrap();
        if not_digit_before(s, m0.start()) && not_digit_after(s, m0.end()) {
            if let Some(mo) = month_number(&c[2]) {
                if let Some(d) = ymd(num(&c[3]), mo as i64, num(&c[1])).filter(|d| ok(*d)) {
                    consider(&mut best, m0.start(), d);
                }
            }
        }
    }
    // month day, year
    let mut pos = 0;
    while pos < s.len() {
        let Some(c) = MDY.captures_at(s, pos) else { break };
        let m0 = c.get(0).unwrap();
        let next = s[m0.start()..].chars().next().map(|ch| m0.start() + ch.len_utf8()).unwrap_or(s.len());
        if best.map(|(p, _)| m0.start() > p).unwrap_or(false) {
            break;
        }
        let w = &c[1];
        // glued words ("SmithMarch"): longest known suffix
        let mut mo = month_number(w);
        if mo.is_none() {
            // only the last 12 characters (bounded work on long letter runs)
            let chars: Vec<(usize, char)> = w.char_indices().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            for k in 1..chars.len().saturating_sub(2) {
                if chars[k].1.is_uppercase() {
                    if let Some(m) = month_number(&w[chars[k].0..]) {
                        mo = Some(m);
                        break;
                    }
                }
            }
        }
        if not_digit_after(s, m0.end()) {
            if let Some(mo) = mo {
                if let Some(d) = ymd(num(&c[3]), mo as i64, num(&c[2])) {
                    if ok(d) {
                        consider(&mut best, m0.start(), d);
                        break;
                    }
                }
            }
        }
        pos = next;
    }
    // year month day
    let mut pos = 0;
    while pos < s.len() {
        let Some(c) = YMD.captures_at(s, pos) else { break };
        let m0 = c.get(0).unwrap();
        let next = m0.start() + 1;
        if best.map(|(p, _)| m0.start() > p).unwrap_or(false) {
            break;
        }
        if not_digit_before(s, m0.start()) && not_digit_after(s, m0.end()) {
            if let Some(mo) = month_number(&c[2]) {
                if let Some(d) = ymd(num(&c[1]), mo as i64, num(&c[3])) {
                    if ok(d) {
                        consider(&mut best, m0.start(), d);
                        break;
                    }
                }
            }
        }
        pos = next;
    }
    for c in CJK.captures_iter(s) {
        let m0 = c.get(0).unwrap();
        if let Some(d) = ymd(num(&c[1]), num(&c[2]), num(&c[3])) {
            if ok(d) {
                consider(&mut best, m0.start(), d);
                break;
            }
        }
    }
    best.map(|(_, d)| d)
}

/// Parse a date string in a common format: ISO 8601 (with or without time
/// and zone), RFC 2822, "May 11, 2025", "11 May 2025", "2025/05/11",
/// "11.05.2025", "20250511", many languages' month names. The date is the
/// calendar date as written (no time-zone shift). No plausibility window.
pub fn parse_date_str(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let s = norm_ws(s);
    if let Some(d) = iso_prefix(&s) {
        return Some(d);
    }
    if let Some(d) = compact_prefix(&s) {
        let rest = &s[8..];
        if rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ') {
            return Some(d);
        }
    }
    if let Some(d) = text_month_date(&s, None) {
        return Some(d);
    }
    static DMYN: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|\D)(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?:\D|$)"));
    if let Some(c) = DMYN.captures(&s) {
        if c[2] == c[4] {
            return dmy(num(&c[1]), num(&c[3]), num(&c[5]));
        }
    }
    static YMDN: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|\D)(\d{4})([./-])(\d{1,2})([./-])(\d{1,2})(?:\D|$)"));
    if let Some(c) = YMDN.captures(&s) {
        if c[2] == c[4] {
            return ymd(num(&c[1]), num(&c[3]), num(&c[5]));
        }
    }
    None
}

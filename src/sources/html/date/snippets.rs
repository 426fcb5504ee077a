//! Short page snippets read as dates (htmldate's `try_date_expr`): prices, phones and codes
//! discarded, then the string parsers.

use super::*;

pub(super) static DISCARD: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^\d{2}:\d{2}(?: |:|$)|^\D*\d{4}\D*$|[$€¥Ұ£¢₽₱฿#₹]|",
        r"(?:^|\D)(?:\+\d{2}|\d{3}|\d{5})\D|ftps?|https?|sftp|",
        r"\.(?:com|net|org|info|gov|edu|de|fr|io)\b|IBAN|[A-Z]{2}[0-9]{2}|®"
    ))
});

/// A date with a time of day, seconds, fractions and a zone, and nothing else.
pub(super) static ISO_TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:199[0-9]|20[0-3][0-9])-[01][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?(?: ?Z| ?[+-][0-2][0-9]:?[0-5][0-9])?$")
});

pub(super) static YMD_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:\D|^)(?:(199[0-9]|20[0-3][0-9])[\-/.]([0-1]?[0-9])[\-/.]([0-3]?[0-9])|([0-3]?[0-9])[\-/.]([0-1]?[0-9])[\-/.](\d{2,4}))(?:\D|$)")
});
pub(super) static YM_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:\D|^)(?:(199[0-9]|20[0-3][0-9])[\-/.]([0-1]?[0-9])|([0-1]?[0-9])[\-/.](199[0-9]|20[0-3][0-9]))(?:\D|$)")
});

/// The candidates of htmldate's custom_parse, first valid wins.
pub(super) fn custom_parse(s: &str, o: &Options) -> Option<NaiveDate> {
    let ok = |d: Option<NaiveDate>| d.filter(|d| valid(*d, o));
    let b = s.as_bytes();
    if b.len() >= 4 && b[..4].iter().all(|c| c.is_ascii_digit()) {
        let cand = if b.len() >= 8 && b[4..8].iter().all(|c| c.is_ascii_digit()) {
            compact_prefix(s)
        } else {
            iso_prefix(s)
        };
        if let Some(d) = ok(cand) {
            return Some(d);
        }
    }
    // YYYYMMDD as a word
    static EIGHT: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{8})\b"));
    if let Some(c) = EIGHT.captures(s) {
        if let Some(d) = ok(compact_prefix(&c[1])) {
            return Some(d);
        }
    }
    if let Some(c) = YMD_PATTERN.captures(s) {
        let d = if c.get(1).is_some() {
            ymd(num(&c[1]), num(&c[2]), num(&c[3]))
        } else {
            dmy(num(&c[4]), num(&c[5]), num(&c[6]))
        };
        if let Some(d) = ok(d) {
            return Some(d);
        }
    }
    if let Some(c) = YM_PATTERN.captures(s) {
        let d = if c.get(1).is_some() {
            ymd(num(&c[1]), num(&c[2]), 1)
        } else {
            ymd(num(&c[4]), num(&c[3]), 1)
        };
        if let Some(d) = ok(d) {
            return Some(d);
        }
    }
    text_month_date(s, Some(o)).or_else(|| spaced_numeric(s, o))
}

/// "4. 2. 2022", "26 | 01 | 2022", "16 / 10 / 2019": day month year with
/// spaced separators.
pub(super) fn spaced_numeric(s: &str, o: &Options) -> Option<NaiveDate> {
    static R: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:^|[^\d])([0-3]?[0-9])\s*([./|])\s*([0-1]?[0-9])\s*([./|])\s*((?:19|20)[0-9]{2})(?:\D|$)")
    });
    for c in R.captures_iter(s) {
        if c[2] != c[4] {
            continue;
        }
        if let Some(d) = dmy(num(&c[1]), num(&c[3]), num(&c[5])).filter(|d| valid(*d, o)) {
            return Some(d);
        }
    }
    None
}

/// A 3-capital-letter word (currency or other code) that is not a month,
/// weekday or time-zone abbreviation: such strings are prices, references…
pub(super) fn has_code_word(t: &str) -> bool {
    const OK: &[&str] = &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC", "MON",
        "TUE", "WED", "THU", "FRI", "SAT", "SUN", "UTC", "GMT", "CET", "EST", "EDT", "CST", "CDT",
        "PST", "PDT", "MST", "MDT", "BST", "IST", "MEZ", "MSK", "EET", "AST", "AET", "UHR", "ET",
    ];
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_uppercase() {
            let st = i;
            while i < b.len() && b[i].is_ascii_uppercase() {
                i += 1;
            }
            let before_alpha = st > 0 && (b[st - 1].is_ascii_alphabetic() || b[st - 1] >= 0x80);
            let after_alpha = i < b.len() && (b[i].is_ascii_alphabetic() || b[i] >= 0x80);
            // htmldate rejects any 3 capitals followed by something; keep
            // that for standalone 3-letter codes only
            if i - st == 3 && i < b.len() && !before_alpha && !after_alpha && !OK.contains(&&t[st..i]) {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}

pub(super) const MAX_SEGMENT_LEN: usize = 52;
pub(super) const MIN_SEGMENT_LEN: usize = 6;

/// Heuristic parse of a short expression found in the page.
pub(super) fn try_date_expr(s: &str, o: &Options) -> Option<NaiveDate> {
    if s.is_empty() {
        return None;
    }
    let t = norm_ws(s);
    let t = truncate_chars(&t, MAX_SEGMENT_LEN);
    // a whole ISO 8601 timestamp ("2022-05-06T02:00:00.824Z"): its milliseconds are no phone
    // number or code, and its digits may pass the count below
    if ISO_TIMESTAMP.is_match(t) {
        return iso_prefix(t).filter(|d| valid(*d, o));
    }
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if !(4..=18).contains(&digits) {
        return None;
    }
    if DISCARD.is_match(t) || has_code_word(t) {
        return None;
    }
    custom_parse(t, o)
}

/// htmldate's examine_text: trim, length gate, cut, strip trailing non-digits.
pub(super) fn examine_text(s: &str, o: &Options) -> Option<NaiveDate> {
    let t = norm_ws(s);
    if t.chars().count() <= MIN_SEGMENT_LEN {
        return None;
    }
    let t = truncate_chars(&t, MAX_SEGMENT_LEN);
    let t = t.trim_end_matches(|c: char| !c.is_ascii_digit());
    try_date_expr(t, o)
}

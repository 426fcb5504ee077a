//! Values: TIMEX3 date formats, month and quarter arithmetic, Easter and the holidays'
//! dates.

use super::*;

pub(super) fn fmt_d(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", fmt_y(d.year()), d.month(), d.day())
}
/// A year as TIMEX3 writes it: "1944", "0043" (AD 43), "BC0055" (55 BC, the astronomical
/// year -54: there is no year 0, so 1 BC is 0 and "the following year" after 55 BC is 54 BC).
pub(super) fn fmt_y(y: i32) -> String {
    if y <= 0 {
        format!("BC{:04}", 1 - y)
    } else {
        format!("{:04}", y)
    }
}
/// The year a value starts with ("1944-06", "0043", "BC0055-SU") as an astronomical year
/// ([`fmt_y`]), and the rest of the value.
pub(super) fn split_year(v: &str) -> Option<(i32, &str)> {
    let (bc, digits) = match v.strip_prefix("BC") {
        Some(r) => (true, r),
        None => (false, v),
    };
    let y: i32 = digits.get(..4).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse().ok()?;
    Some((if bc { 1 - y } else { y }, &digits[4..]))
}
/// Whether day `d` of month `m` of year `y` fell on weekday `w` (1 = Monday) as the text's
/// own calendar counts: the Julian before 1583 (Joan of Arc's "Sunday 8 May 1429" is a Sunday
/// only there), either one until 1923, when the last countries left the Julian calendar
/// (English texts give British dates before 1752 and Russian ones before 1918 in the Old
/// Style as often as not), the Gregorian after.
pub(super) fn weekday_agrees(y: i32, m: u32, d: u32, w: u32) -> bool {
    let Some(c) = NaiveDate::from_ymd_opt(y, m, d) else { return false };
    let gregorian = c.weekday().number_from_monday() == w;
    let julian = julian_weekday(y, m, d) == w;
    match y {
        ..=1582 => julian,
        1583..=1923 => gregorian || julian,
        _ => gregorian,
    }
}
/// The weekday (1 = Monday) of day `d` of month `m` of year `y` on the Julian calendar, from
/// its Julian day number (integer division toward zero).
fn julian_weekday(y: i32, m: u32, d: u32) -> u32 {
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let jdn = 367 * y - (7 * (y + 5001 + (m - 9) / 7)) / 4 + (275 * m) / 9 + d + 1729777;
    jdn.rem_euclid(7) as u32 + 1
}
/// The weekday (1 = Monday) a text writes for day `c`, the day's year, month and day read on
/// the calendar of its time: the Julian before 1583, the Gregorian after ([`weekday_agrees`]).
pub(super) fn weekday_written(c: NaiveDate) -> u32 {
    if c.year() <= 1582 {
        julian_weekday(c.year(), c.month(), c.day())
    } else {
        c.weekday().number_from_monday()
    }
}
pub(super) fn fmt_w(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}
pub(super) fn fmt_ym(y: i32, m: u32) -> String {
    format!("{}-{:02}", fmt_y(y), m)
}
pub(super) fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let t = y * 12 + (m as i32 - 1) + k;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32)
}
pub(super) fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

pub fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = ((h + l - 7 * m + 114) % 31) + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

pub(super) fn nth_weekday(y: i32, m: u32, wd: Weekday, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let off = (wd.num_days_from_monday() as i64 - first.weekday().num_days_from_monday() as i64).rem_euclid(7);
        first.checked_add_signed(Duration::days(off + 7 * (n as i64 - 1)))
    } else {
        let (ny, nm) = add_months(y, m, 1);
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
        let off = (last.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64).rem_euclid(7);
        last.checked_sub_signed(Duration::days(off))
    }
}

pub(super) fn holiday_date(name: &str, y: i32) -> Option<NaiveDate> {
    match name {
        "easter" => easter(y),
        "good friday" => easter(y).map(|d| d - Duration::days(2)),
        "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
        "christmas eve" => NaiveDate::from_ymd_opt(y, 12, 24),
        "new year's day" => NaiveDate::from_ymd_opt(y, 1, 1),
        "new year's eve" => NaiveDate::from_ymd_opt(y, 12, 31),
        "victory day" => NaiveDate::from_ymd_opt(y, 5, 9),
        "independence day" => NaiveDate::from_ymd_opt(y, 7, 4),
        "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
        "valentine's day" => NaiveDate::from_ymd_opt(y, 2, 14),
        "thanksgiving" => nth_weekday(y, 11, Weekday::Thu, 4),
        "labor day" => nth_weekday(y, 9, Weekday::Mon, 1),
        "memorial day" => nth_weekday(y, 5, Weekday::Mon, -1),
        _ => None,
    }
}

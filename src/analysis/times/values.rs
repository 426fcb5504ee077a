//! Values: TIMEX3 date formats, month and quarter arithmetic, Easter and the holidays'
//! dates.

use super::*;

pub(super) fn fmt_d(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
pub(super) fn fmt_w(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}
pub(super) fn fmt_ym(y: i32, m: u32) -> String {
    format!("{:04}-{:02}", y, m)
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

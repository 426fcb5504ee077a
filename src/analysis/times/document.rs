//! Document dating (`infer_date`: a scorer over every date the text mentions) and per-sentence
//! dates.

use super::*;

/// How many years after the latest year a text reports its publication year is looked for.
const YEARS_AFTER_LATEST: i32 = 30;

/// Infer the publication date of an undated article from its content.
///
/// Evidence used (all from the text itself; there is no built-in prior on the year):
/// * explicit full dates ("Sept. 12, 2016") — the strongest; the article is usually 0–14 days later;
/// * year evidence: the latest year mentioned outside future contexts is a lower bound (the article is
///   most often from that year, sometimes one or two later); "last year" next to such a year moves it
///   on by one; "the N-year war" / "now in its Nth year" added to a mentioned start year. Without a
///   full date, years up to `YEARS_AFTER_LATEST` after the bound are open, at a cost growing with
///   the distance, so that a weekday written with a month-day, or a weekday reported in the past
///   that lands on a reported month-day, can pin the year (no year list is built in);
/// * month-day mentions without a year, resolved with the local tense (past: the article is 0–14 days
///   after, future: before), the latest past mention counting most;
/// * weekday mentions with tense ("on Monday" + past: 0–6 days before the article), and weekdays
///   written next to a month-day ("Monday, Sept. 12"), which also pin the year.
/// Returns `None` when the text gives no year evidence at all; when a year is known but nothing
/// places the day, July 1 of that year is returned with confidence 0.05.
pub fn infer_date(text: &str) -> Option<InferredDate> {
    infer_date_in(&crate::text::TextLayer::new(text, None))
}

/// [`infer_date`] over a text layer already computed.
pub fn infer_date_in(layer: &crate::text::TextLayer) -> Option<InferredDate> {
    let toks = tokenize_from(&layer.tokens);
    if toks.is_empty() {
        return None;
    }
    let mut cx = build_cx(&toks, layer, None);
    cx.rules = false;
    let ms = run(&mut cx);
    let vals: Vec<String> = ms.iter().map(|m| cx.val(&m.value)).collect();
    let mut full: Vec<NaiveDate> = Vec::new();
    // (month, day, tense, weekday written next to it, token index)
    let mut md: Vec<(u32, u32, i32, Option<Weekday>, usize)> = Vec::new();
    let mut wds: Vec<(Weekday, i32)> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    let mut last_year_phrase = false;
    for (mi, m) in ms.iter().enumerate() {
        let v = vals[mi].as_str();
        // only weekday, month-day and year mentions use the tense: computed for those alone (it scans
        // the sentence, and was ~17% of `infer_date` when computed for every mention)
        let tense = || cx.tense(m.s);
        // a weekday directly before/after this mention ("Monday, Sept. 12" / "Sept. 12 (Monday)")
        let near_wd = |k: usize| -> Option<Weekday> {
            let o = ms.get(k)?;
            let ov = vals[k].as_str();
            if ov.starts_with("XXXX-WXX-") && ov.len() >= 10 && o.kind != TimeType::Set {
                let n: u8 = ov[9..10].parse().ok()?;
                Weekday::try_from(n.checked_sub(1)?).ok()
            } else {
                None
            }
        };
        let adj_wd = (if mi > 0 && m.s >= ms[mi - 1].e && m.s - ms[mi - 1].e <= 1 { near_wd(mi - 1) } else { None })
            .or_else(|| if mi + 1 < ms.len() && ms[mi + 1].s >= m.e && ms[mi + 1].s - m.e <= 2 { near_wd(mi + 1) } else { None });
        if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            if (1900..=2100).contains(&d.year()) {
                full.push(d);
                years.push(d.year());
            }
        } else if v.starts_with("XXXX-WXX-") && v.len() >= 10 && m.kind != TimeType::Set {
            let n: u32 = v[9..10].parse().unwrap_or(1);
            if let Ok(wd) = Weekday::try_from((n as u8).saturating_sub(1)) {
                wds.push((wd, tense()));
            }
        } else if v.starts_with("XXXX-") && v.len() == 10 {
            if let (Ok(m1), Ok(d1)) = (v[5..7].parse::<u32>(), v[8..10].parse::<u32>()) {
                // dateline: "HEMPSTEAD, N.Y., Sept. 26 (UPI) —" near the top of the text
                let dl = toks[m.s].s < 400 && toks.get(m.e).map_or(false, |t| t.w == "(" || t.w == "-") && toks[..m.s].iter().rev().take(8).any(|t| t.w == "," || t.nl);
                md.push((m1, d1, if dl { -2 } else { tense() }, adj_wd, m.s));
            }
        } else if v.len() >= 4 && v[..4].bytes().all(|c| c.is_ascii_digit()) && (v.len() == 4 || v.as_bytes()[4] == b'-') {
            let y: i32 = v[..4].parse().unwrap();
            if (1900..=2100).contains(&y) && tense() <= 0 {
                years.push(y);
            }
        } else if v == "XXXX" && toks[m.s].w == "last" {
            last_year_phrase = true;
        }
        if toks[m.s].w == "last" && toks.get(m.s + 1).map_or(false, |t| t.w == "year") {
            last_year_phrase = true;
        }
    }
    // ---- year evidence
    let max_year = years.iter().copied().max();
    let mut ylow = max_year;
    // "the N-year war" / "now in its Nth year" anchored on a mentioned start year
    for (k, t) in toks.iter().enumerate() {
        let w = t.w.as_str();
        let mut yrs = None;
        if w == "year" && k >= 2 && toks[k - 1].w == "-" {
            if let Some((_, Num::Exact(x))) = cx.number(k - 2) {
                if toks.get(k + 1).map_or(false, |x| x.w == "war" || x.w == "conflict" || x.w == "invasion") {
                    yrs = Some(x as i32);
                }
            }
        }
        if w == "year" && k >= 3 {
            if let Some(o) = ordinal_of(&toks[k - 1].w) {
                if toks[k - 2].w == "its" || toks[k - 2].w == "-" {
                    yrs = Some(o as i32 - 1);
                }
            }
        }
        if let (Some(n), Some(my)) = (yrs, max_year) {
            if let Some(&st) = years.iter().filter(|&&y| y + n >= my && y + n <= 2100).min() {
                ylow = Some(ylow.unwrap_or(0).max(st + n));
            }
        }
    }
    if last_year_phrase {
        // "last year" with the latest mentioned year being that last year
        if let (Some(l), Some(my)) = (ylow, max_year) {
            if l == my {
                ylow = Some(my + 1);
            }
        }
    }
    let latest_full = full.iter().copied().max();
    // candidate years with a prior cost
    let ycands: Vec<(i32, f32)> = match (latest_full, ylow) {
        (Some(f), Some(l)) => {
            let b = f.year().max(l);
            vec![(b, 0.0), (b + 1, 1.5)]
        }
        (Some(f), None) => vec![(f.year(), 0.0), (f.year() + 1, 1.5)],
        // only a lower bound: the latest year the text reports. The article is most often from
        // that year or the next; later years are open to day-level evidence that pins the year
        // (a weekday written with a month-day, or a weekday reported in the past that lands on a
        // reported month-day), at a cost growing with the distance.
        // (only weekdays can pin a later year: without any, the first three are enough)
        (None, Some(l)) => (0..=if wds.is_empty() && md.iter().all(|x| x.3.is_none()) { 2 } else { YEARS_AFTER_LATEST }).map(|k| (l + k, if k <= 2 { 0.6 * k as f32 } else { 0.9 + 0.15 * k as f32 })).collect(),
        (None, None) => return None,
    };
    let ylo = ycands[0].0;
    // ---- candidate days
    let mut cands: Vec<NaiveDate> = Vec::new();
    for &d in &full {
        for k in -3..=21 {
            cands.push(d + Duration::days(k));
        }
    }
    for &(m1, d1, _, _, _) in &md {
        for &(y, _) in &ycands {
            for yy in [y - 1, y] {
                if let Some(d) = NaiveDate::from_ymd_opt(yy, m1, d1) {
                    for k in -21..=21 {
                        cands.push(d + Duration::days(k));
                    }
                }
            }
        }
    }
    if cands.is_empty() {
        let d = NaiveDate::from_ymd_opt(ylo, 7, 1)?;
        return Some(InferredDate { date: d, confidence: 0.05 });
    }
    cands.sort();
    cands.dedup();
    let last_md_tok = md.iter().filter(|x| x.2 <= 0).map(|x| x.4).max();
    let mut best: Option<(f32, NaiveDate)> = None;
    for &c in &cands {
        let ycost = match ycands.iter().find(|x| x.0 == c.year()) {
            Some(x) => x.1,
            None => {
                if c.year() < ylo {
                    // only the turn of the year: a few days before January of the first candidate year
                    if c.year() == ylo - 1 && c.month() == 12 { 1.0 } else { continue }
                } else {
                    continue;
                }
            }
        };
        let mut sc = -ycost;
        for &d in &full {
            let diff = (c - d).num_days();
            sc += if (0..=1).contains(&diff) {
                3.0
            } else if (2..=21).contains(&diff) {
                2.4 - diff as f32 * 0.1
            } else if (-3..0).contains(&diff) {
                0.6
            } else {
                0.0
            };
        }
        if let Some(lf) = latest_full {
            // dates written in full after the article date are announcements; penalise days well before them
            if (c - lf).num_days() < -3 {
                sc -= 2.0;
            }
        }
        for &(m1, d1, t, awd, tok) in &md {
            let mut bestm = 0f32;
            for y in [c.year() - 1, c.year(), c.year() + 1] {
                if let Some(d) = NaiveDate::from_ymd_opt(y, m1, d1) {
                    let diff = (c - d).num_days(); // >0: mention in the past
                    let mut s = if t == -2 {
                        if diff == 0 { 6.0 } else if diff == 1 { 2.0 } else { -1.0 }
                    } else if t < 0 {
                        if (0..=14).contains(&diff) { 2.0 - diff as f32 * 0.05 } else if (0..=45).contains(&diff) { 0.6 } else { 0.0 }
                    } else if t > 0 {
                        if diff == 0 { 1.0 } else if (-14..0).contains(&diff) { 2.0 + (diff + 1) as f32 * 0.08 } else if (-45..=0).contains(&diff) { 0.6 } else { 0.0 }
                    } else if (-10..=10).contains(&diff) {
                        1.6 - diff.abs() as f32 * 0.1
                    } else {
                        0.0
                    };
                    // the latest past/undetermined mention in the text is usually the freshest news
                    if Some(tok) == last_md_tok && (0..=3).contains(&diff) {
                        s += 0.4;
                    }
                    if let Some(w) = awd {
                        s += if w == d.weekday() { 1.5 } else { -1.5 };
                    } else if diff.abs() <= 14 && wds.iter().any(|w| w.0 == d.weekday()) {
                        // a weekday the text reports that, read from this day with its tense,
                        // is this very month-day: both name one event
                        let lands = wds.iter().any(|&(w, wt)| {
                            w == d.weekday() && if wt > 0 { (-6..=0).contains(&diff) } else { (0..=6).contains(&diff) }
                        });
                        s += if lands { 1.2 } else { 0.4 };
                    }
                    bestm = bestm.max(s);
                }
            }
            sc += bestm;
        }
        for &(wd, t) in &wds {
            let diff = wd.num_days_from_monday() as i64 - c.weekday().num_days_from_monday() as i64;
            let back = (-diff).rem_euclid(7);
            let fwd = diff.rem_euclid(7);
            sc += if back == 0 && t <= 0 {
                0.9
            } else if t < 0 {
                0.5 - back as f32 * 0.05
            } else if t > 0 {
                0.5 - fwd as f32 * 0.05
            } else if back <= 3 {
                0.2
            } else {
                0.0
            };
        }
        if best.map_or(true, |(b, _)| sc > b) {
            best = Some((sc, c));
        }
    }
    let (sc, d) = best?;
    let mut conf = (sc / (sc + 3.0)).clamp(0.05, 0.95);
    if latest_full.is_none() {
        // the year rests on indirect evidence only
        conf *= 0.5;
    }
    Some(InferredDate { date: d, confidence: conf.max(0.05) })
}

/// For each sentence, the date it speaks about: the first day/month/year-valued expression it
/// contains, else the publication date.
pub fn sentence_dates(text: &str, anchor: NaiveDate) -> Vec<SentenceDate> {
    let layer = crate::text::TextLayer::new(text, None);
    let toks = tokenize_from(&layer.tokens);
    let mut cx = build_cx(&toks, &layer, Some(anchor));
    let ms = run(&mut cx);
    let sents = cx.sent.clone();
    let mut out = Vec::with_capacity(sents.len());
    let mut mi = 0;
    for &(a, b) in &sents {
        if a >= b {
            continue;
        }
        let mut val: Option<String> = None;
        while mi < ms.len() && ms[mi].s < b {
            let m = &ms[mi];
            if m.s >= a && val.is_none() && matches!(m.kind, TimeType::Date | TimeType::Time) {
                let v = cx.val(&m.value);
                let v = v.split('T').next().unwrap_or("").to_string();
                if v.len() >= 4 && v[..4].bytes().all(|c| c.is_ascii_digit()) && !v.contains("FY") {
                    val = Some(v);
                }
            }
            mi += 1;
        }
        let from = val.is_some();
        out.push(SentenceDate {
            start: toks[a].s,
            end: toks[b - 1].e,
            value: val.unwrap_or_else(|| fmt_d(anchor)),
            from_expression: from,
        });
    }
    out
}

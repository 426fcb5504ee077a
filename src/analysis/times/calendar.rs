//! Tagger patterns: calendar dates ("May 12, 2025", "12/05/2025", month and year), bare
//! years and years in words.

use super::*;

impl<'a> Cx<'a> {
    pub(super) fn r_calendar(&self, i: usize) -> Option<M> {
        let w0 = self.w(i);
        // the 1990s / the late 1970s / the twentieth century
        let mut s = i;
        let mut j = i;
        let has_the = w0 == "the";
        if has_the {
            j += 1;
        }
        let j2 = self.premod(j);
        // decades
        if let Some(t) = self.toks.get(j2) {
            let w = t.w.as_str();
            if let Some(p) = w.strip_suffix('s') {
                // alone ("the 1960s and 1970s"), a decade of the calendar's years, not the
                // "1000s dead" of a crowd or the "1040s" of a tax form
                let alone = j2 == i;
                if p.len() == 4 && p.bytes().all(|c| c.is_ascii_digit()) && p.ends_with('0') && !(alone && !("1500".."2100").contains(&p)) {
                    return mk(s, j2 + 1, TimeType::Date, p[..3].to_string());
                }
                if p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit()) && p.ends_with('0') && j2 > 0 && self.is(j2 - 1, "'") {
                    return mk(s, j2 + 1, TimeType::Date, format!("19{}", &p[..1]));
                }
            }
            if j2 + 1 < self.toks.len() && w == "'" {
                if let Some(p) = self.w(j2 + 1).strip_suffix('s') {
                    if p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit()) && p.ends_with('0') {
                        return mk(s, j2 + 2, TimeType::Date, format!("19{}", &p[..1]));
                    }
                }
            }
            let decw = match w {
                "twenties" => Some("192"),
                "thirties" => Some("193"),
                "forties" => Some("194"),
                "fifties" => Some("195"),
                "sixties" => Some("196"),
                "seventies" => Some("197"),
                "eighties" => Some("198"),
                "nineties" => Some("199"),
                _ => None,
            };
            if let Some(d) = decw {
                if has_the {
                    return mk(s, j2 + 1, TimeType::Date, d.to_string());
                }
            }
            // century
            if let Some(o) = ordinal_of(w) {
                let mut k = j2 + 1;
                if self.is(k, "-") {
                    k += 1;
                }
                // "the 18th and 19th centuries": each ordinal its century, the first one alone
                let paired = |k: usize| matches!(self.w(k), "and" | "or" | "to" | "-") && ordinal_of(self.w(k + 1)).is_some();
                let first_of_pair = paired(j2 + 1) && self.is(j2 + 3, "centuries");
                let second_of_pair = self.is(k, "centuries") && j2 >= 2 && matches!(self.w(j2 - 1), "and" | "or" | "to" | "-") && ordinal_of(self.w(j2 - 2)).is_some();
                if (self.is(k, "century") || second_of_pair || first_of_pair) && (1..=30).contains(&o) {
                    let end = if first_of_pair { j2 + 1 } else { k + 1 };
                    // "the 4th century BC" is BC03, "the 3rd and 2nd centuries BC" BC02 and BC01
                    let era = self.era(if first_of_pair { j2 + 4 } else { k + 1 });
                    return match era {
                        Some((e, true)) => mk(s, if first_of_pair { end } else { e }, TimeType::Date, format!("BC{:02}", o - 1)),
                        Some((e, false)) if !first_of_pair => mk(s, e, TimeType::Date, format!("{:02}", o - 1)),
                        _ => mk(s, end, TimeType::Date, format!("{:02}", o - 1)),
                    };
                }
            }
        }
        // "April 24 and 25": the second day of the month just named
        if let Some(m) = self.second_day(i) {
            return Some(m);
        }
        // fiscal 1988
        if w0 == "fiscal" {
            if let Some(y) = self.year_tok(i + 1) {
                return mk(i, i + 2, TimeType::Date, format!("{:04}", y));
            }
        }
        // ISO 2025-05-11
        if let (Some(y), true) = (self.year_tok(i), self.is(i + 1, "-") && self.adj(i + 1)) {
            if let (Some(m), Some(d)) = (self.toks.get(i + 2).and_then(|t| t.num), self.toks.get(i + 4).and_then(|t| t.num)) {
                if self.is(i + 3, "-") && self.adj(i + 3) && self.adj(i + 4) {
                    if let Some(dt) = NaiveDate::from_ymd_opt(y, m as u32, d as u32) {
                        return mk(i, i + 5, TimeType::Date, fmt_d(dt));
                    }
                }
            }
        }
        // [weekday ,] [early/late/mid] month [day] [, year] | day month [year]
        s = i;
        j = i;
        let mut wd = None;
        if let Some(w) = weekday_of(self.w(j)) {
            if self.toks[j].cap {
                let mut k = j + 1;
                if self.is(k, ",") {
                    k += 1;
                }
                if self.month(k, false).is_some() {
                    wd = Some(w);
                    j = k;
                }
            }
        }
        let _ = wd;
        let jp = self.premod(j);
        let (jm, m) = match self.month(jp, true) {
            Some(x) => x,
            None => {
                // day month [year]
                if let Some((k, d)) = self.day(j) {
                    if self.toks[j].num.is_some() {
                        if let Some((k2, m)) = self.month(k, false) {
                            if let Some(y) = self.year_tok(k2) {
                                if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d) {
                                    return mk(s, k2 + 1, TimeType::Date, fmt_d(dt));
                                }
                            }
                            // "15 March 44 BC"
                            if let Some((e, y)) = self.era_year(k2) {
                                if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d) {
                                    return mk(s, e, TimeType::Date, fmt_d(dt));
                                }
                            }
                            return self.in_year_named(s, k2, m, Some(d)).or_else(|| mk(s, k2, TimeType::Date, self.resolve_md(j, m, d)));
                        }
                        // the first day of a range written before its month ("from 12 to 15
                        // June", "between 1 and 3 July 1916", "the night of 14–15 April"): that
                        // month's day, in the year written after it
                        let prev = if j > 0 { self.w(j - 1) } else { "" };
                        if matches!(prev, "from" | "between" | "on" | "of") && matches!(self.w(k), "to" | "and" | "-" | "until" | "till" | "through") {
                            if let Some((k3, m)) = self.day(k + 1).filter(|&(_, d2)| d2 > d && self.toks[k + 1].num.is_some()).and_then(|(k2, _)| self.month(k2, false)) {
                                if let Some(dt) = self.year_tok(k3).and_then(|y| NaiveDate::from_ymd_opt(y, m, d)) {
                                    return mk(s, k, TimeType::Date, fmt_d(dt));
                                }
                                return mk(s, k, TimeType::Date, self.resolve_md(j, m, d));
                            }
                        }
                    }
                }
                // a year of an era ("55 BC", "AD 43"), or the first of two years BC ("in 55
                // and 54 BC", "from 58 to 50 BC": the era written once, after the second)
                if let Some((e, y)) = self.era_year(i) {
                    return mk(i, e, TimeType::Date, fmt_y(y));
                }
                if let Some(m) = self.first_year_bc(i) {
                    return Some(m);
                }
                // standalone year
                if let Some(y) = self.year_tok(i) {
                    return self.bare_year(i, y);
                }
                // the short end of a range of years ("1914–18", "the 2012-13 season")
                if let Some(y) = i.checked_sub(2).and_then(|h| self.year_range(h)).filter(|&(e, _)| e == i + 1) {
                    return mk(i, i + 1, TimeType::Date, format!("{:04}", y.1));
                }
                // year words: nineteen ninety-one
                if let Some(m) = self.year_words(i) {
                    return Some(m);
                }
                return None;
            }
        };
        let premodded = jp != j;
        // month day
        if !premodded {
            if let Some((k, d)) = self.day(jm) {
                if !(self.year_tok(jm).is_some()) && !matches!(self.w(k), "%" | "percent") {
                    let mut k2 = k;
                    if self.is(k2, ",") {
                        k2 += 1;
                    }
                    if let Some(y) = self.year_tok(k2) {
                        if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d) {
                            return mk(s, k2 + 1, TimeType::Date, fmt_d(dt));
                        }
                    }
                    // year words
                    if let Some(ym) = self.year_words(k2) {
                        if let Ok(y) = self.val(&ym.value).parse::<i32>() {
                            if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d) {
                                return mk(s, ym.e, TimeType::Date, fmt_d(dt));
                            }
                        }
                    }
                    if let Some(dt) = self.era_year(k2).and_then(|(_, y)| NaiveDate::from_ymd_opt(y, m, d)) {
                        return mk(s, self.era_year(k2)?.0, TimeType::Date, fmt_d(dt));
                    }
                    return self.in_year_named(s, k, m, Some(d)).or_else(|| mk(s, k, TimeType::Date, self.resolve_md(jm - 1, m, d)));
                }
            }
        }
        // month [of] year
        let mut k = jm;
        if self.is(k, ",") && self.year_tok(k + 1).is_some() {
            k += 1;
        }
        if self.is(k, "of") && self.year_tok(k + 1).is_some() {
            k += 1;
        }
        if let Some(y) = self.year_tok(k) {
            return mk(s, k + 1, TimeType::Date, fmt_ym(y, m));
        }
        // "July 54 BC"
        if let Some((e, y)) = self.era_year(k) {
            return mk(s, e, TimeType::Date, fmt_ym(y, m));
        }
        if let Some(ym) = self.year_words(k) {
            return mk(s, ym.e, TimeType::Date, Rule::cat(vec![ym.value, Rule::Fixed(format!("-{:02}", m))]));
        }
        if self.is(jm, "of") && self.is(jm + 1, "that") && self.is(jm + 2, "year") {
            let y = match &self.last_val {
                Some(v) => Rule::YearOf(Box::new(v.clone())),
                None => Rule::Fixed("XXXX".into()),
            };
            return mk(s, jm + 3, TimeType::Date, Rule::cat(vec![y, Rule::Fixed(format!("-{:02}", m))]));
        }
        if matches!(self.w(jm), "this" | "last" | "next") && self.is(jm + 1, "year") {
            if self.anchor.is_some() {
                let k = match self.w(jm) { "this" => 0, "last" => -1, _ => 1 };
                return mk(s, jm + 2, TimeType::Date, Rule::YearMonth { m, k });
            }
        }
        // bare month; not "the annual March for Life", "a March on Washington" (a march, named)
        if m == 3 && jp == i && i > 0 && matches!(self.w(i - 1), "the" | "a" | "annual") && matches!(self.w(jm), "for" | "of" | "on" | "against" | "to" | "through") {
            return None;
        }
        if let Some(x) = self.in_year_named(s, jm, m, None).filter(|_| !premodded) {
            return Some(x);
        }
        let v = self.resolve_month(jp, m, 0);
        mk(s, jm, TimeType::Date, v)
    }

    /// A day or month followed by the year it falls in, named from the story ("30 May the
    /// following year", "3 October that year", "in March the next year", "on 2 June the
    /// previous year"): one date, that day or month of the year last mentioned, `k` years on.
    /// With a date to read and none mentioned before it, nothing (the day alone is read).
    fn in_year_named(&self, s: usize, e: usize, m: u32, d: Option<u32>) -> Option<M> {
        let (k, end) = match (self.w(e), self.w(e + 1), self.w(e + 2)) {
            ("that" | "the", "same", "year") => (0, e + 3),
            ("that", "year", _) => (0, e + 2),
            ("the", "following" | "next", "year") => (1, e + 3),
            ("the", "previous", "year") => (-1, e + 3),
            _ => return None,
        };
        // "that year's harvest", "the following year-end"
        if self.is(end, "'") || (self.is(end, "-") && self.adj(end)) {
            return None;
        }
        let year = self.after_focus(Unit::Year, k).or_else(|| self.anchor.is_none().then(|| Rule::After { base: Box::new(Rule::Day { k: 0 }), unit: Unit::Year, k }))?;
        let tail = match d {
            Some(d) => format!("-{m:02}-{d:02}"),
            None => format!("-{m:02}"),
        };
        mk(s, end, TimeType::Date, Rule::cat(vec![year, Rule::Fixed(tail)]))
    }

    /// An era written at `i` in capitals: "BC", "BCE", "B.C.", "B.C.E." (true), "AD", "CE",
    /// "A.D." (false); the token after it.
    pub(super) fn era(&self, i: usize) -> Option<(usize, bool)> {
        let t = self.toks.get(i).filter(|t| t.upper && t.alpha)?;
        match t.w.as_str() {
            "bc" | "bce" => return Some((i + 1, true)),
            "ad" | "ce" => return Some((i + 1, false)),
            _ => {}
        }
        // dotted, one capital and its dot at a time
        let mut letters = String::new();
        let mut k = i;
        while let Some(t) = self.toks.get(k).filter(|t| t.upper && t.alpha && t.w.len() == 1 && (k == i || self.adj(k)) && self.is(k + 1, ".") && self.adj(k + 1)) {
            letters.push_str(&t.w);
            k += 2;
        }
        match letters.as_str() {
            "bc" | "bce" => Some((k, true)),
            "ad" | "ce" => Some((k, false)),
            _ => None,
        }
    }

    /// A year of an era at `i`: "55 BC", "1,200 BCE", "43 AD", "AD 43", "A.D. 43": the token
    /// after it and the astronomical year (1 BC is 0: [`fmt_y`]). TIMEX3 writes BC0055, 0043.
    pub(super) fn era_year(&self, i: usize) -> Option<(usize, i32)> {
        if let Some((k, n)) = self.era_number(i) {
            let (e, bc) = self.era(k)?;
            return Some((e, if bc { 1 - n } else { n }));
        }
        match self.era(i)? {
            (k, false) => self.era_number(k),
            _ => None,
        }
    }

    /// A number at `i` that can be a year of an era: 1 to 9999, "1,200" whole (not its "200").
    fn era_number(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.toks.get(i).filter(|t| t.e - t.s <= 4)?;
        let n = t.num.filter(|&n| n >= 1)? as i32;
        if i >= 2 && self.is(i - 1, ",") && self.adj(i - 1) && self.adj(i) && self.toks[i - 2].num.is_some() {
            return None;
        }
        if self.is(i + 1, ",") && self.adj(i + 1) && self.adj(i + 2) && n < 10 {
            let low = self.toks.get(i + 2).filter(|t| t.e - t.s == 3)?.num? as i32;
            return Some((i + 3, n * 1000 + low));
        }
        Some((i + 1, n))
    }

    /// The first of two years BC with the era written once after the second ("in 55 and 54
    /// BC", "from 58 to 50 BC", "58–50 BC"): a year BC when it is the larger (the years count
    /// down) and within two centuries of the second.
    fn first_year_bc(&self, i: usize) -> Option<M> {
        let (k, n) = self.era_number(i)?;
        if self.era(k).is_some() || !matches!(self.w(k), "and" | "or" | "to" | "until" | "-") {
            return None;
        }
        let (_, y2) = self.era_year(k + 1).filter(|&(_, y2)| y2 <= 0)?;
        let n2 = 1 - y2;
        if n > n2 && n - n2 <= 200 {
            return mk(i, k, TimeType::Date, fmt_y(1 - n));
        }
        None
    }

    /// The day at `i` in "April 24 and 25", "May 3 or 4", "June 5 to 7" [, 1999]: the month
    /// (and year) of the month-day before it; None for anything else ("April 24 and 25
    /// percent", "24 and 25 April" is read from its own month).
    fn second_day(&self, i: usize) -> Option<M> {
        let t = self.toks.get(i)?;
        if i < 3 || t.num.is_none() || t.e - t.s > 2 || !matches!(self.w(i - 1), "and" | "or" | "to" | "through") {
            return None;
        }
        let (_, d) = self.day(i)?;
        let first = self.toks.get(i - 2)?;
        if first.num.is_none() || first.e - first.s > 2 || self.day(i - 2).is_none() {
            return None;
        }
        let month_at = |k: usize| self.month(k, false).filter(|x| x.0 == i - 2);
        let (_, m) = month_at(i - 3).or_else(|| i.checked_sub(4).and_then(month_at))?;
        if self.month(i + 1, false).is_some() || unit_of(self.w(i + 1)).is_some() || matches!(self.w(i + 1), "%" | "percent" | "-") {
            return None;
        }
        let k = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
        if let Some(y) = self.year_tok(k) {
            return mk(i, i + 1, TimeType::Date, fmt_d(NaiveDate::from_ymd_opt(y, m, d)?));
        }
        mk(i, i + 1, TimeType::Date, self.resolve_md(i, m, d))
    }

    /// A range of years at `i` ("1955–1975", "1914–18", "1861-65", "the 2012-13 season"): the
    /// token after it and the closing year, later than the first and within a century of it.
    /// A two-digit end is a year only where it cannot be a month ("2010-11" is read as a range,
    /// "2013-03" is not), and neither end is followed by another number ("2025-05-11").
    /// Wikipedia's histories write a war's years so ("The Vietnam War (1955–1975)"); each end
    /// is a date of its own, as TimeML and TIMEX2 annotate them.
    pub(super) fn year_range(&self, i: usize) -> Option<(usize, i32)> {
        let y0 = self.year_tok(i)?;
        if !self.is(i + 1, "-") || self.adj(i + 1) != self.adj(i + 2) {
            return None;
        }
        let t = self.toks.get(i + 2)?;
        let y = match self.year_tok(i + 2) {
            Some(y) => y,
            None if t.e - t.s == 2 && t.num.is_some() && self.adj(i + 2) => {
                let n = t.num? as i32;
                let y = y0 / 100 * 100 + n;
                if n < 13 && n != y0 % 100 + 1 {
                    return None;
                }
                y
            }
            None => return None,
        };
        if y <= y0 || y - y0 > 100 || self.toks.get(i + 3).is_some_and(|n| n.adj && matches!(n.w.as_str(), "-" | "/" | "." | ":") && self.toks.get(i + 4).is_some_and(|d| d.num.is_some())) {
            return None;
        }
        // "1500-2000 troops" counts men
        if self.toks.get(i + 3).is_some_and(|n| counted(n)) {
            return None;
        }
        Some((i + 3, y))
    }

    pub(super) fn bare_year(&self, i: usize, y: i32) -> Option<M> {
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if prev == "$" || prev == "#" || prev == "no" || prev == "number" {
            return None;
        }
        // one end of a range of years ("1955–1975")
        let range = self.year_range(i).is_some() || (i >= 2 && self.year_range(i - 2).is_some_and(|(e, _)| e == i + 1));
        // the second of two years ("in 1776 and 1777")
        // and the first of two after "between" ("fought between 1756 and 1763", not "between
        // 1200 and 1500 soldiers")
        let between = prev == "between" && self.is(i + 1, "and") && self.year_tok(i + 2).is_some_and(|y2| y < y2 && y2 - y <= 100) && !self.toks.get(i + 3).is_some_and(counted);
        let listed = range || between || (i >= 2 && matches!(prev, "and" | "or" | "to" | "through") && self.year_tok(i - 2).is_some_and(|y0| y0 < y && y - y0 <= 100));
        // "2-1996", "3/1996"; but "mid-1996" is the year
        if i > 0 && self.adj(i) && matches!(prev, "-" | "/" | "." | ":" | ",") && !(prev == "-" && i >= 2 && self.is(i - 2, "mid")) && !range {
            return None;
        }
        // "1809 The BBC's George Alagiah…": on a page whose lines open with clock times, the
        // stamp of an entry, not the year 1809
        if self.stamps_doc && super::line_stamp(self.toks, i) {
            return None;
        }
        let nx = self.toks.get(i + 1);
        if let Some(t) = nx {
            if t.adj && matches!(t.w.as_str(), "%" | "-" | "/" | ":") && !range {
                return None;
            }
            // "1800 GMT", "0735 local time": a clock time on the 24-hour clock, not a year
            if matches!(t.w.as_str(), "gmt" | "utc" | "est" | "edt" | "et" | "pst" | "pdt" | "cst" | "cdt" | "bst" | "cet" | "msk" | "hours" | "hrs" | "local" | "gmt+1") {
                return None;
            }
            // "1500 soldiers", "1200 feet": a number before a word counts; but a history's
            // years before 1900 read "in 1812 the army", "by 1815 the war", "in 1861 eleven
            // states": a date's preposition before the year, and no counted noun after it
            let dated_before = listed || matches!(prev, "in" | "by" | "since" | "until" | "till" | "during" | "before" | "after" | "through" | "early" | "late" | "mid" | "from" | "of" | "to" | "circa");
            if t.alpha && !t.cap && !(1900..=2100).contains(&y) && !(dated_before && !counted(t)) {
                return None;
            }
            // "2000 troops" counts things; "the 2011 protests", "its 2012 results", "in late 2011
            // drags on" name a year: a date word or a determiner before it says which
            let dated = matches!(prev, "in" | "since" | "until" | "till" | "during" | "early" | "late" | "mid" | "before" | "after" | "through" | "the" | "its" | "their" | "his" | "her" | "our" | "this" | "s");
            if t.alpha && !t.cap && t.w.ends_with('s') && !matches!(t.w.as_str(), "was" | "has" | "is" | "as") && !dated {
                return None;
            }
            if matches!(t.w.as_str(), "percent" | "people" | "troops" | "km" | "miles" | "meters" | "dollars") {
                return None;
            }
        }
        if !(1800..=2100).contains(&y) && !listed {
            if !matches!(prev, "in" | "since" | "of" | "by" | "until" | "year" | "from" | "to" | "early" | "late" | "mid" | "during" | "before" | "after" | "circa") {
                return None;
            }
        }
        let s = i;
        // early/late/mid premodifier
        let mut st = s;
        if s >= 1 && matches!(self.w(s - 1), "early" | "late" | "mid" | "mid-") {
            st = s - 1;
        } else if s >= 2 && self.w(s - 1) == "-" && self.w(s - 2) == "mid" {
            st = s - 2;
        }
        mk(st, i + 1, TimeType::Date, format!("{:04}", y))
    }

    pub(super) fn year_words(&self, i: usize) -> Option<M> {
        let w = self.w(i);
        if w == "nineteen" || w == "eighteen" {
            let c = small_num(w)?;
            let (k, n) = self.number(i + 1)?;
            if let Num::Exact(x) = n {
                if (10.0..100.0).contains(&x) {
                    return mk(i, k, TimeType::Date, format!("{}{:02}", c, x as i64));
                }
            }
            return None;
        }
        if w == "two" && self.is(i + 1, "thousand") {
            let mut k = i + 2;
            let mut add = 0;
            if self.is(k, "and") {
                k += 1;
            }
            if let Some((k2, Num::Exact(x))) = self.number(k) {
                if x < 100.0 && small_num(self.w(k)).is_some() || tens_num(self.w(k)).is_some() {
                    add = x as i64;
                    k = k2;
                } else {
                    k = i + 2;
                }
            } else {
                k = i + 2;
            }
            let st = if i >= 2 && self.w(i - 1) == "year" && self.w(i - 2) == "the" { i - 2 } else { i };
            if st == i && add == 0 {
                return None;
            }
            return mk(st, k, TimeType::Date, format!("{}", 2000 + add));
        }
        None
    }
}

/// A word that a number before it counts ("1500 soldiers", "1200 men", "2000 feet"): a plural
/// in lower case, or a noun of men and measures whose plural has no -s.
fn counted(t: &Tok) -> bool {
    let w = t.w.as_str();
    t.alpha
        && !t.cap
        && ((w.len() > 2 && w.ends_with('s') && !matches!(w, "was" | "has" | "is" | "as" | "this" | "thus" | "its" | "his" | "yes" | "us" | "plus" | "less" | "across" | "unless" | "perhaps" | "whereas" | "always"))
            || matches!(w, "men" | "people" | "feet" | "foot" | "cavalry" | "infantry" | "children" | "women" | "police" | "personnel" | "km" | "kg" | "ft" | "sq" | "mph"))
}

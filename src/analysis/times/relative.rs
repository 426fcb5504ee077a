//! Tagger patterns: relative expressions ("last Thursday", "next month", "two weeks
//! ago"), a weekday's tail, quarters.

use super::*;

impl<'a> Cx<'a> {
    pub(super) fn r_relative(&self, i: usize) -> Option<M> {
        let s = i;
        let j = self.premod(i);
        let pm = j != i;
        let w: &str = self.w(j);
        let mut k: Option<i32> = match w {
            "this" | "current" => Some(0),
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" | "following" => Some(1),
            _ => None,
        };
        let mut jj = j;
        if w == "the" {
            // the end/beginning/middle of X
            if matches!(self.w(j + 1), "end" | "beginning" | "start" | "middle" | "close" | "turn" | "rest" | "remainder") && self.is(j + 2, "of") {
                let inner = [self.r_relative(j + 3), self.r_calendar(j + 3)].into_iter().flatten().max_by_key(|m| m.e);
                if let Some(m) = inner {
                    if m.s == j + 3 && m.kind == TimeType::Date {
                        return mk(s, m.e, TimeType::Date, m.value);
                    }
                }
                return None;
            }
            // the week / the year / the month
            if !pm {
                // "for the year ended March 31": a reporting period, a duration
                let fiscal = self.is(j + 1, "fiscal") as usize;
                if self.is(j + 1 + fiscal, "year") && matches!(self.w(j + 2 + fiscal), "ended" | "ending") {
                    return mk(s, j + 2 + fiscal, TimeType::Duration, "P1Y");
                }
                if fiscal == 1 && self.is(j + 2, "year") && !self.is(j + 3, "-") && !self.is(j + 3, "'") {
                    return mk(s, j + 3, TimeType::Date, self.rel_unit(Unit::Year, 0, j)?);
                }
                // "the following year": the year after the one just mentioned
                if self.is(j + 1, "following") {
                    if let Some((u, false)) = unit_of(self.w(j + 2)) {
                        if let Some(v) = self.after_focus(u, 1) {
                            return mk(s, j + 3, TimeType::Date, v);
                        }
                    }
                }
                if let Some((u, false)) = unit_of(self.w(j + 1)) {
                    if matches!(u, Unit::Year | Unit::Week | Unit::Month | Unit::Weekend) && !self.is(j + 2, "-") && !self.is(j + 2, "'") && !self.is(j + 2, "before") && !self.is(j + 2, "after") {
                        return mk(s, j + 2, TimeType::Date, self.rel_unit(u, 0, j)?);
                    }
                }
                // "the following March", "the previous June": the month after or before the
                // date at hand, "the" in the span as in "the following year"
                if matches!(self.w(j + 1), "following" | "next" | "previous") {
                    if let Some((j2, m)) = self.month(j + 2, false).filter(|&(j2, _)| self.day(j2).is_none()) {
                        let rel = if self.is(j + 1, "previous") { -1 } else { 1 };
                        return mk(s, j2, TimeType::Date, self.resolve_month(j + 2, m, rel));
                    }
                }
                // the latest / the past / the last / the next / the current + unit (single)
                if matches!(self.w(j + 1), "latest" | "current" | "past" | "last" | "previous" | "coming" | "next" | "recent") {
                    let kk = match self.w(j + 1) {
                        "current" => 0,
                        "next" | "coming" => 1,
                        _ => -1,
                    };
                    if let Some((u, false)) = unit_of(self.w(j + 2)) {
                        if self.w(j + 1) == "latest" && u == Unit::Quarter {
                            return mk(s, j + 3, TimeType::Date, self.rel_unit(u, -1, j)?);
                        }
                        if matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century) {
                            return mk(s, j + 3, TimeType::Date, self.rel_unit(u, kk, j)?);
                        }
                    }
                }
                // the quarter / the (first..fourth) quarter / the year-earlier quarter
                if let Some(m) = self.quarter(j + 1, s) {
                    return Some(m);
                }
                // "for the full year": the year of the report
                if self.is(j + 1, "full") && self.is(j + 2, "year") && !self.is(j + 3, "-") && !self.is(j + 3, "'") {
                    return mk(s, j + 3, TimeType::Date, self.rel_unit(Unit::Year, 0, j)?);
                }
                // "the latest period" in an earnings report: the quarter just reported
                if self.quarter_doc && self.is(j + 1, "latest") && self.is(j + 2, "period") {
                    return mk(s, j + 3, TimeType::Date, self.rel_unit(Unit::Quarter, -1, j)?);
                }
                // "in the past" on its own: some time before now
                if self.is(j + 1, "past") && !self.toks.get(j + 2).map_or(false, |t| t.alpha || t.num.is_some()) {
                    return mk(s, j + 2, TimeType::Date, "PAST_REF");
                }
                // the future / the near future
                if self.is(j + 1, "future") {
                    return mk(s, j + 2, TimeType::Date, "FUTURE_REF");
                }
                if self.is(j + 1, "near") && self.is(j + 2, "future") {
                    return mk(s, j + 3, TimeType::Date, "FUTURE_REF");
                }
                // the spring of 1994 / the winter
                if let Some(se) = season_of(self.w(j + 1)) {
                    if self.is(j + 2, "of") {
                        if let Some(y) = self.year_tok(j + 3) {
                            // "the winter of 1941–42": the season that turns the year, one span
                            let e = self.year_range(j + 3).filter(|&(_, y1)| y1 == y + 1).map_or(j + 4, |(e, _)| e);
                            return mk(s, e, TimeType::Date, format!("{:04}-{}", y, se));
                        }
                        // "the spring of the following year", "the autumn of that year": the
                        // season of the year named (it was "the following year" alone)
                        if let Some(m) = [self.r_anaphora(j + 3), self.r_relative(j + 3)].into_iter().flatten().find(|m| {
                            m.s == j + 3 && m.kind == TimeType::Date && matches!(m.value, Rule::After { unit: Unit::Year, .. } | Rule::Unit { unit: Unit::Year, .. })
                        }) {
                            return mk(s, m.e, TimeType::Date, Rule::cat(vec![m.value, Rule::Fixed(format!("-{se}"))]));
                        }
                        // "the summer of 55 BC"
                        if let Some((e, y)) = self.era_year(j + 3) {
                            return mk(s, e, TimeType::Date, format!("{}-{}", fmt_y(y), se));
                        }
                        if let Some(ym) = self.year_words(j + 3) {
                            return mk(s, ym.e, TimeType::Date, Rule::cat(vec![ym.value, Rule::Fixed(format!("-{}", se))]));
                        }
                    }
                    // "in the spring", "during the winter": the season of the year at hand (not
                    // "the fall of Saigon", "the fall in prices")
                    let prev = if s > 0 { self.w(s - 1) } else { "" };
                    // ("spent the winter in tents": the army's winter)
                    if matches!(prev, "in" | "during" | "by" | "until" | "through" | "throughout" | "since" | "over" | "spent" | "spend" | "spending") && !matches!(self.w(j + 2), "of" | "in" | "-" | "'") {
                        return mk(s, j + 2, TimeType::Date, Rule::Season { season: se.into(), k: 0 });
                    }
                }
            }
            return None;
        }
        // quarters without "the"
        if let Some(m) = self.quarter(j, s) {
            return Some(m);
        }
        if k.is_none() {
            // early/late + yesterday/today/tomorrow/weekday handled here
            if pm {
                if let Some(m) = self.r_deictic(j) {
                    if m.s == j {
                        return mk(s, m.e, m.kind, m.value);
                    }
                }
                if let Some(wd) = weekday_of(&w) {
                    if self.toks[j].cap {
                        let (e, v, kind) = self.weekday_tail(j, wd, 0);
                        return mk(s, e, kind, v);
                    }
                }
            }
            // "this" absent: bare weekday
            if let Some(wd) = weekday_of(&w) {
                if self.toks.get(j).map_or(false, |t| t.cap) && w.len() > 3 {
                    let (e, v, kind) = self.weekday_tail(j, wd, 0);
                    return mk(s, e, kind, v);
                }
            }
            // season alone
            if let Some(se) = season_of(&w) {
                if let Some(y) = self.year_tok(j + 1) {
                    let e = self.year_range(j + 1).filter(|&(_, y1)| y1 == y + 1).map_or(j + 2, |(e, _)| e);
                    return mk(s, e, TimeType::Date, format!("{:04}-{}", y, se));
                }
                if let Some((e, y)) = self.era_year(j + 1) {
                    return mk(s, e, TimeType::Date, format!("{}-{}", fmt_y(y), se));
                }
                // "in the spring and summer": the second season of the pair, of the same year
                let paired = j >= 3 && matches!(self.w(j - 1), "and" | "or") && season_of(self.w(j - 2)).is_some() && !matches!(self.w(j + 1), "of" | "-" | "'") && self.r_relative(j - 3).is_some_and(|m| m.e == j - 1);
                if pm || paired {
                    return mk(s, j + 1, TimeType::Date, Rule::Season { season: se.into(), k: 0 });
                }
            }
            return None;
        }
        jj += 1;
        // this coming Sunday
        if w == "this" && self.is(jj, "coming") {
            jj += 1;
            k = Some(1);
        }
        let kk = k.unwrap();
        let nw: &str = self.w(jj);
        if let Some(wd) = weekday_of(&nw) {
            // "Following Monday's presidential debate, Politifact did a fact-check": a
            // preposition before a day named for its event, not "the following Monday"
            if w == "following" && self.is(jj + 1, "'") && self.is(jj + 2, "s") {
                let (e, v, kind) = self.weekday_tail(jj, wd, 0);
                return mk(jj, e, kind, v);
            }
            let rel = match w {
                "last" | "past" | "previous" => -1,
                "next" | "coming" => 1,
                _ => 2,
            };
            let (e, v, kind) = self.weekday_tail(jj, wd, rel);
            return mk(s, e, kind, v);
        }
        if let Some((u, false)) = unit_of(&nw) {
            if w == "past" && !pm {
                // "the past year" handled with "the"; "past year" → year
            }
            let v = self.rel_unit(u, kk, jj)?;
            let mut e = jj + 1;
            let mut kind = TimeType::Date;
            if u == Unit::Quarter || u == Unit::Decade || u == Unit::Century || u == Unit::Day {
                if u == Unit::Day {
                    return None;
                }
            }
            if self.is(e, "'") && self.is(e + 1, "s") {
                // this year's third quarter
                if let Some(q) = self.quarter(e + 2, s) {
                    let y = Rule::Head(Box::new(v), 4);
                    let qv = Rule::LastPart(Box::new(q.value));
                    return mk(s, q.e, TimeType::Date, Rule::cat(vec![y, Rule::Fixed("-".into()), qv]));
                }
            }
            if let Some(t) = tod_of(self.w(e)) {
                let _ = t;
                e += 0;
                kind = TimeType::Date;
            }
            return mk(s, e, kind, v);
        }
        if let Some(t) = tod_of(&nw) {
            // this morning / last night / this evening
            let d = match (w, self.anchor) {
                ("this", _) => Rule::Day { k: 0 },
                ("last", _) => Rule::Day { k: -1 },
                ("next", _) => Rule::Day { k: 1 },
                (_, None) => Rule::Fixed("XXXX-XX-XX".into()),
                _ => return None,
            };
            return mk(s, jj + 1, TimeType::Time, Rule::cat(vec![d, Rule::Fixed(format!("T{}", t))]));
        }
        if let Some(se) = season_of(&nw) {
            return mk(s, jj + 1, TimeType::Date, Rule::Season { season: se.into(), k: kk });
        }
        if let Some((j2, m)) = self.month(jj, false) {
            if self.day(j2).is_none() {
                let rel = match w {
                    "last" | "past" | "previous" => -1,
                    "next" | "coming" | "following" => 1,
                    _ => 2,
                };
                return mk(s, j2, TimeType::Date, self.resolve_month(jj, m, rel));
            }
        }
        None
    }

    /// weekday [morning|night|...] [, month day]
    pub(super) fn weekday_tail(&self, j: usize, wd: Weekday, rel: i32) -> (usize, Rule, TimeType) {
        let mut v = self.resolve_weekday(j, wd, rel);
        let mut e = j + 1;
        let mut kind = TimeType::Date;
        // Friday, April 25 / Sunday, March eighth
        let mut k = e;
        if self.is(k, ",") {
            k += 1;
        }
        if let Some((k2, m)) = self.month(k, false) {
            if let Some((k3, d)) = self.day(k2) {
                let mut k4 = k3;
                if self.is(k4, ",") {
                    k4 += 1;
                }
                if let Some(y) = self.year_tok(k4) {
                    if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d) {
                        return (k4 + 1, Rule::Fixed(fmt_d(dt)), TimeType::Date);
                    }
                }
                return (k3, self.resolve_wmd(j, wd, m, d), TimeType::Date);
            }
        }
        // Saturday 31 July [2010]: the written date, not the weekday's guess
        if self.toks.get(k).is_some_and(|t| t.num.is_some()) {
            if let Some((k2, d)) = self.day(k) {
                if let Some((k3, m)) = self.month(k2, false) {
                    if let Some(y) = self.year_tok(k3) {
                        if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d) {
                            return (k3 + 1, Rule::Fixed(fmt_d(dt)), TimeType::Date);
                        }
                    }
                    return (k3, self.resolve_wmd(j, wd, m, d), TimeType::Date);
                }
            }
        }
        // Friday morning / Saturday night: a part of that day (TimeML "1998-02-13TNI")
        if let Some(t) = tod_of(self.w(e)) {
            e += 1;
            kind = TimeType::Time;
            v = Rule::cat(vec![v, Rule::Fixed(format!("T{t}"))]);
        }
        (e, v, kind)
    }

    pub(super) fn quarter(&self, j: usize, s: usize) -> Option<M> {
        // (first|second|third|fourth|1st..) [-] quarter ; quarter ; year-earlier quarter ; fiscal first quarter
        let mut k = j;
        if self.is(k, "fiscal") {
            k += 1;
        }
        let mut yr: Option<i32> = None;
        if let Some(y) = self.year_tok(k) {
            yr = Some(y);
            k += 1;
        }
        let mut yago = false;
        if matches!(self.w(k), "year") && self.is(k + 1, "-") && matches!(self.w(k + 2), "earlier" | "ago") {
            yago = true;
            k += 3;
        }
        let q = match ordinal_of(self.w(k)) {
            Some(q) if (1..=4).contains(&q) => {
                k += 1;
                Some(q as u32)
            }
            _ => None,
        };
        if self.is(k, "-") && self.adj(k) {
            k += 1;
        }
        if !self.is(k, "quarter") {
            // bare "year-earlier" adjective
            if yago && q.is_none() {
                let v = self.year_earlier(j);
                return mk(s, k, TimeType::Date, v);
            }
            return None;
        }
        if q.is_none() && !yago && s == j && yr.is_none() {
            return None; // bare "quarter"
        }
        // "the third quarter of 1990": the year named after it is the quarter's
        let mut e = k + 1;
        if let (Some(_), None, false, true) = (q, yr, yago, self.is(e, "of")) {
            if let Some(y) = self.year_tok(e + 1) {
                yr = Some(y);
                e += 2;
            }
        }
        let tense = if q.is_some() && yr.is_none() { self.rule_tense(k) } else { 0 };
        let v = Rule::Quarter { q, year: yr, year_ago: yago, tense };
        mk(s, e, TimeType::Date, v)
    }

    pub(super) fn year_earlier(&self, i: usize) -> Rule {
        Rule::YearEarlier { quarter: self.quarter_doc || self.sentence_has(i, "quarter") }
    }
}

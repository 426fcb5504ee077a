//! Tagger patterns: deictic words ("now", "today", "recently"), clock times, sets
//! ("every Monday", "weekly") and the special cases (holidays, seasons, eras).

use super::*;

impl<'a> Cx<'a> {
    pub(super) fn r_deictic(&self, i: usize) -> Option<M> {
        let w = self.w(i);
        let dv = |k: i64| Rule::Day { k };
        let (e, kind, v) = match w {
            "today" => {
                if self.is(i + 1, "'") && self.is(i + 2, "s") {
                    (i + 1, TimeType::Date, dv(0))
                } else {
                    (i + 1, TimeType::Date, dv(0))
                }
            }
            "tomorrow" => (i + 1, TimeType::Date, dv(1)),
            "yesterday" => (i + 1, TimeType::Date, dv(-1)),
            "tonight" => (i + 1, TimeType::Time, Rule::cat(vec![dv(0), Rule::Fixed("TNI".into())])),
            "overnight" => {
                // "overnight" adjective or adverb; skip "overnight rates" etc? keep
                (i + 1, TimeType::Time, Rule::cat(vec![dv(-1), Rule::Fixed("TNI".into())]))
            }
            "now" => {
                if self.is(i + 1, "-") && self.adj(i + 1) {
                    // now-fourth year
                    if ordinal_of(self.w(i + 2)).is_some() && self.is(i + 3, "year") {
                        (i + 4, TimeType::Date, Rule::Fixed("PRESENT_REF".into()))
                    } else {
                        return None;
                    }
                } else if self.is(i + 1, "in") && matches!(self.w(i + 2), "its" | "their" | "the") && ordinal_of(self.w(i + 3)).is_some() && matches!(self.w(i + 4), "year" | "month" | "week" | "day") {
                    (i + 5, TimeType::Date, Rule::Fixed("PRESENT_REF".into()))
                } else {
                    (i + 1, TimeType::Date, Rule::Fixed("PRESENT_REF".into()))
                }
            }
            "currently" | "nowadays" => (i + 1, TimeType::Date, Rule::Fixed("PRESENT_REF".into())),
            "recently" => (i + 1, TimeType::Date, Rule::Fixed("PAST_REF".into())),
            _ => {
                // later in the day
                if matches!(w, "later" | "earlier") && self.is(i + 1, "in") && self.is(i + 2, "the") && self.is(i + 3, "day") {
                    (i + 4, TimeType::Date, dv(0))
                } else if matches!(w, "later" | "earlier") && self.is(i + 1, "that") && self.is(i + 2, "day") {
                    return None;
                } else {
                    return None;
                }
            }
        };
        // morning etc. after yesterday/today/tomorrow
        if matches!(w, "yesterday" | "today" | "tomorrow") {
            if let Some(t) = tod_of(self.w(e)) {
                return mk(i, e + 1, TimeType::Time, Rule::cat(vec![v, Rule::Fixed(format!("T{}", t))]));
            }
        }
        mk(i, e, kind, v)
    }

    pub(super) fn r_clock(&self, i: usize) -> Option<M> {
        let s = i;
        let mut j = i;
        if matches!(self.w(j), "around" | "about" | "approximately") && (self.toks.get(j + 1).map_or(false, |t| t.num.is_some()) || matches!(self.w(j + 1), "noon" | "midnight")) {
            j += 1;
        }
        // "High Noon", "high noon comes today": the film and the figure of speech, no clock time
        if self.is(j, "noon") && j > 0 && self.is(j - 1, "high") {
            return None;
        }
        let (h, mi, e) = if matches!(self.w(j), "noon" | "midday") {
            (12, 0, j + 1)
        } else if self.w(j) == "midnight" {
            (24, 0, j + 1)
        } else {
            let h = self.toks.get(j)?.num?;
            if !(0..=24).contains(&h) || self.toks[j].e - self.toks[j].s > 2 {
                return None;
            }
            let mut k = j + 1;
            let mut mi = 0;
            if self.is(k, ":") && self.adj(k) {
                let m = self.toks.get(k + 1)?.num?;
                if !(0..60).contains(&m) || self.toks[k + 1].e - self.toks[k + 1].s != 2 {
                    return None;
                }
                mi = m;
                k += 2;
            }
            // a.m. / p.m. / am / pm / o'clock
            let w = self.w(k);
            let mut hh = h;
            if (w == "a" || w == "p") && self.is(k + 1, ".") && self.is(k + 2, "m") {
                if w == "p" && h < 12 {
                    hh += 12;
                }
                if w == "a" && h == 12 {
                    hh = 0;
                }
                k += 3;
                if self.is(k, ".") && self.adj(k) {
                    k += 1;
                }
            } else if w == "am" || w == "pm" || w == "a.m" || w == "p.m" {
                if w.starts_with('p') && h < 12 {
                    hh += 12;
                }
                k += 1;
            } else if w == "o" && self.is(k + 1, "'") && self.is(k + 2, "clock") {
                k += 3;
            } else if w == "in" && self.is(k + 1, "the") && (1..=12).contains(&h) && tod_of(self.w(k + 2)).is_some() {
                // "at 4 in the morning", "at 9 in the evening"
                hh = match tod_of(self.w(k + 2)) {
                    Some("MO") => h % 12,
                    Some("NI") if h < 6 || h == 12 => h % 12,
                    _ => h % 12 + 12,
                };
                k += 3;
            } else if mi == 0 || h > 24 {
                return None;
            } else if !(k > j + 1) {
                return None;
            }
            (hh, mi, k)
        };
        let mut e = e;
        if matches!(self.w(e), "est" | "edt" | "gmt" | "et" | "utc" | "pst" | "pdt" | "cst" | "cdt" | "bst" | "cet" | "msk") {
            e += 1;
        }
        // attached day: weekday / today / yesterday / month day
        let mut date = Rule::Day { k: 0 };
        let mut k = e;
        if self.is(k, ",") {
            k += 1;
        }
        // "10:35 a.m. (0735 GMT) Friday": the day after a parenthesis gives the date, the span
        // stays the clock time
        let mut p = k;
        if self.is(p, "(") {
            while p < self.toks.len() && p < k + 6 && !self.is(p, ")") {
                p += 1;
            }
            p += 1;
        }
        if p != k && self.toks.get(p).map_or(false, |t| t.cap) {
            if let Some(wd) = weekday_of(self.w(p)) {
                date = self.resolve_weekday(p, wd, 0);
            }
        }
        if let Some(wd) = weekday_of(self.w(k)) {
            if self.toks[k].cap {
                date = self.resolve_weekday(k, wd, 0);
                e = k + 1;
            }
        } else if let Some(m) = self.r_deictic(k).filter(|_| matches!(self.w(k), "today" | "yesterday" | "tomorrow")) {
            date = m.value;
            e = m.e;
        } else if let Some(m) = self.r_calendar(k) {
            if m.s == k && self.val(&m.value).len() == 10 {
                date = m.value;
                e = m.e;
            }
        }
        // "at 2:20 am on 15 April": the day named after "on" is the clock's (the span stays the
        // clock time, as the gold writes the two apart)
        if self.is(k, "on") && date == (Rule::Day { k: 0 }) {
            let q = if self.is(k + 1, "the") { k + 2 } else { k + 1 };
            if let Some(wd) = weekday_of(self.w(q)).filter(|_| self.toks.get(q).is_some_and(|t| t.cap)) {
                date = match self.r_relative(q) {
                    Some(m) if m.s == q && m.kind == TimeType::Date && self.val(&m.value).len() == 10 => m.value,
                    _ => self.resolve_weekday(q, wd, 0),
                };
            } else if let Some(m) = self.r_calendar(q) {
                if m.s == q && self.val(&m.value).len() == 10 {
                    date = m.value;
                }
            }
        }
        let hh = if h == 24 { 24 } else { h };
        mk(s, e, TimeType::Time, Rule::cat(vec![date, Rule::Fixed(format!("T{:02}:{:02}", hh, mi))]))
    }

    pub(super) fn r_set(&self, i: usize) -> Option<M> {
        let w = self.w(i);
        let v = match w {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "annually" | "yearly" => "P1Y",
            "fortnightly" => "P2W",
            "hourly" => "PT1H",
            "nightly" => "P1D",
            _ => "",
        };
        if !v.is_empty() {
            return mk(i, i + 1, TimeType::Set, v);
        }
        if matches!(w, "every" | "each" | "per") {
            let mut j = i + 1;
            if self.is(j, "other") {
                j += 1;
            }
            let nw = self.w(j);
            if let Some((u, false)) = unit_of(nw) {
                if w == "each" && self.is(j + 1, "of") {
                    return None;
                }
                return mk(i, j + 1, TimeType::Set, dur_value(Some(if self.is(i + 1, "other") { 2.0 } else { 1.0 }), u));
            }
            if let Some(wd) = weekday_of(nw) {
                return mk(i, j + 1, TimeType::Set, format!("XXXX-WXX-{}", wd.number_from_monday()));
            }
            if let Some((j2, m)) = self.month(j, false) {
                return mk(i, j2, TimeType::Set, format!("XXXX-{:02}", m));
            }
            if let Some(t) = tod_of(nw) {
                return mk(i, j + 1, TimeType::Set, format!("TXX{}", t));
            }
            if let Some((j2, Num::Exact(x))) = self.number(j) {
                if let Some((u, true)) = unit_of(self.w(j2)) {
                    return mk(i, j2 + 1, TimeType::Set, dur_value(Some(x), u));
                }
            }
        }
        // Tuesday nights / Mondays
        if self.toks.get(i).map_or(false, |t| t.cap) {
            if let Some(wd) = weekday_plural(w) {
                return mk(i, i + 1, TimeType::Set, format!("XXXX-WXX-{}", wd.number_from_monday()));
            }
            if let Some(wd) = weekday_of(w) {
                if self.is(i + 1, "nights") || self.is(i + 1, "mornings") || self.is(i + 1, "evenings") || self.is(i + 1, "afternoons") {
                    let t = tod_of(self.w(i + 1).trim_end_matches('s')).unwrap_or("NI");
                    return mk(i, i + 2, TimeType::Set, format!("XXXX-WXX-{}T{}", wd.number_from_monday(), t));
                }
            }
        }
        None
    }

    /// Anaphora: "that day", "the same day", "that same month", "later that year", "that
    /// summer", "that night", "in the afternoon", "the next day", "the previous day", "the following week": the
    /// unit of the date last mentioned (`after_focus`). With no anchor and no such date read
    /// yet, a rule on the day itself, which the dates the text gives resolve
    /// (`narrative::in_text`); with an anchor and no date mentioned, nothing (as before).
    pub(super) fn r_anaphora(&self, i: usize) -> Option<M> {
        let j = if matches!(self.w(i), "later" | "earlier") { i + 1 } else { i };
        let (at, k) = match (self.w(j), self.w(j + 1)) {
            ("that" | "the", "same") => (j + 2, 0),
            ("that", _) => (j + 1, 0),
            ("the", "next" | "following") if j == i => (j + 2, 1),
            ("the", "previous") if j == i => (j + 2, -1),
            // "late in the afternoon", "until the evening", "during the night": that part of the
            // day last mentioned (not "the night of Oct. 23", whose date is named after it)
            ("the", p) if j == i && tod_of(p).is_some() && i > 0 && matches!(self.w(i - 1), "in" | "during" | "until" | "till" | "by" | "through" | "throughout") && !self.is(j + 2, "of") => (j + 1, 0),
            // "closing offices for the day,", "during the day.": the day last named, the phrase ending there
            ("the", "day") if j == i && i > 0 && matches!(self.w(i - 1), "for" | "during" | "through" | "throughout") && self.toks.get(j + 2).is_none_or(|t| !t.alpha && t.num.is_none() && t.w != "'" && t.w != "-") => (j + 1, 0),
            _ => return None,
        };
        // the word heads no longer phrase ("that day's vote", "that year-end")
        if self.is(at + 1, "'") || (self.is(at + 1, "-") && self.adj(at + 1)) {
            return None;
        }
        let of = |u: Unit| self.after_focus(u, k).or_else(|| self.anchor.is_none().then(|| Rule::After { base: Box::new(Rule::Day { k: 0 }), unit: u, k }));
        let w = self.w(at);
        if let Some(t) = tod_of(w) {
            return mk(i, at + 1, TimeType::Time, Rule::cat(vec![of(Unit::Day)?, Rule::Fixed(format!("T{t}"))]));
        }
        if let Some(se) = season_of(w) {
            return mk(i, at + 1, TimeType::Date, Rule::cat(vec![of(Unit::Year)?, Rule::Fixed(format!("-{se}"))]));
        }
        let u = match w {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => return None,
        };
        mk(i, at + 1, TimeType::Date, of(u)?)
    }

    pub(super) fn r_special(&self, i: usize) -> Option<M> {
        let w = self.w(i);
        if matches!(w, "that" | "the" | "later" | "earlier") {
            if let Some(m) = self.r_anaphora(i) {
                return Some(m);
            }
        }
        // "the second half of 1942", "the last half of 1989": a half-year (TBAQ writes 1989-H2)
        if w == "the" && self.is(i + 2, "half") && self.is(i + 3, "of") {
            let h = match self.w(i + 1) {
                "first" => 1,
                "second" | "last" | "latter" => 2,
                _ => 0,
            };
            if let Some(y) = self.year_tok(i + 4).filter(|_| h > 0) {
                return mk(i, i + 5, TimeType::Date, format!("{y:04}-H{h}"));
            }
            // "the second half of the year", "the first half of next year": of the year named
            if let Some(m) = self.r_relative(i + 4).filter(|m| h > 0 && m.s == i + 4 && m.kind == TimeType::Date && matches!(m.value, Rule::Unit { unit: Unit::Year, .. })) {
                return mk(i, m.e, TimeType::Date, Rule::cat(vec![m.value, Rule::Fixed(format!("-H{h}"))]));
            }
        }
        // "by year-end": the last day of the report's year
        if w == "year" && self.is(i + 1, "-") && self.adj(i + 1) && self.is(i + 2, "end") && self.adj(i + 2) {
            return mk(i, i + 3, TimeType::Date, Rule::YearEnd);
        }
        // holidays
        let cap = self.toks.get(i).map_or(false, |t| t.cap);
        if cap {
            let (name, e) = match w {
                "easter" => ("easter", i + 1),
                "christmas" if self.is(i + 1, "eve") => ("christmas eve", i + 2),
                "christmas" if self.is(i + 1, "day") => ("christmas", i + 2),
                "christmas" => ("christmas", i + 1),
                "thanksgiving" => ("thanksgiving", if self.is(i + 1, "day") { i + 2 } else { i + 1 }),
                "halloween" => ("halloween", i + 1),
                "good" if self.is(i + 1, "friday") => ("good friday", i + 2),
                "victory" if self.is(i + 1, "day") => ("victory day", i + 2),
                "independence" if self.is(i + 1, "day") => ("independence day", i + 2),
                "labor" | "labour" if self.is(i + 1, "day") => ("labor day", i + 2),
                "memorial" if self.is(i + 1, "day") => ("memorial day", i + 2),
                "new" if self.is(i + 1, "year") && self.is(i + 2, "'") && self.is(i + 3, "s") && matches!(self.w(i + 4), "day" | "eve") => {
                    if self.is(i + 4, "day") { ("new year's day", i + 5) } else { ("new year's eve", i + 5) }
                }
                _ => ("", i),
            };
            // "Christmas trees", "Easter eggs": the holiday names a kind of thing, not a day
            let thing = self.toks.get(e).map_or(false, |t| {
                t.alpha && !t.cap && HOLIDAY_THINGS.contains(&t.w.trim_end_matches('s'))
            });
            // "the Easter Rising", "the Christmas Truce", "the Good Friday Agreement": part of
            // a name ("Easter Monday", "Christmas Day" name a day)
            let name_part = self.toks.get(e).is_some_and(|t| {
                t.alpha && t.cap && !self.adj(e) && weekday_of(&t.w).is_none() && !matches!(t.w.as_str(), "day" | "eve" | "sunday" | "morning" | "night" | "week" | "weekend" | "holiday" | "holidays")
            });
            if !name.is_empty() && !thing && !name_part {
                // explicit year
                if let Some(y) = self.year_tok(e) {
                    if let Some(d) = holiday_date(name, y) {
                        return mk(i, e + 1, TimeType::Date, fmt_d(d));
                    }
                }
                let v = Rule::Holiday { name: name.into(), tense: self.rule_tense(i) };
                if !self.val(&v).is_empty() {
                    return mk(i, e, TimeType::Date, v);
                }
            }
        }
        // anaphora
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if w == "then" && matches!(prev, "since" | "until" | "till" | "by" | "from" | "before") {
            if let Some(v) = &self.last_val {
                return mk(i, i + 1, TimeType::Date, v.clone());
            }
        }
        if w == "that" && self.is(i + 1, "time") && matches!(prev, "at" | "by" | "since" | "until" | "from") {
            if let Some(v) = &self.last_val {
                return mk(i, i + 2, TimeType::Date, v.clone());
            }
        }
        if w == "that" && self.is(i + 1, "year") && !self.is(i + 2, "'") {
            if let Some(v) = &self.last_val {
                let vv = self.val(v);
                if vv.len() >= 4 && vv[..4].bytes().all(|c| c.is_ascii_digit()) {
                    return mk(i, i + 2, TimeType::Date, Rule::YearOf(Box::new(v.clone())));
                }
            }
        }
        if w == "present" && matches!(prev, "at") && !self.toks.get(i + 1).map_or(false, |t| t.alpha && !t.cap) {
            return mk(i, i + 1, TimeType::Date, "PRESENT_REF");
        }
        None
    }
}

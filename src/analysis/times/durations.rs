//! Tagger patterns: durations ("three years", "the past decade", "48 hours").

use super::*;

impl<'a> Cx<'a> {
    pub(super) fn r_duration(&self, i: usize) -> Option<M> {
        let s = i;
        let mut j = i;
        // determiners / modifiers
        let mut the_rel: i32 = 0; // -1 past/last, 1 next
        if self.is(j, "the") {
            j += 1;
            match self.w(j) {
                "past" | "last" | "previous" | "recent" => {
                    the_rel = -1;
                    j += 1
                }
                "next" | "coming" | "following" => {
                    the_rel = 1;
                    j += 1
                }
                "first" | "final" | "initial" | "latest" | "full" | "entire" | "whole" | "same" => j += 1,
                _ => {}
            }
        } else if matches!(self.w(j), "past" | "last" | "next" | "recent" | "coming" | "previous" | "first") {
            j += 1;
            the_rel = if matches!(self.w(i), "next" | "coming") { 1 } else { -1 };
        }
        // quantifiers
        let mut q = j;
        loop {
            match self.w(q) {
                "more" | "less" | "fewer" if self.is(q + 1, "than") => q += 2,
                "no" if self.is(q + 1, "more") && self.is(q + 2, "than") => q += 3,
                "at" if matches!(self.w(q + 1), "least" | "most") => q += 2,
                "up" if self.is(q + 1, "to") => q += 2,
                "nearly" | "almost" | "about" | "approximately" | "roughly" | "some" | "over" | "around"
                | "only" | "just" | "barely" | "another" | "additional" | "an" | "a" | "full"
                    if (self.number(q + 1).is_some() || self.w(q + 1) == "additional") && q == j || self.w(q) == "additional" =>
                {
                    if matches!(self.w(q), "a" | "an") && self.w(q + 1) != "additional" {
                        break;
                    }
                    q += 1
                }
                _ => break,
            }
            if q > j + 4 {
                break;
            }
        }
        let quant = q != j;
        let mut k = q;
        let n = if let Some((k2, n)) = self.number(k) {
            k = k2;
            Some(n)
        } else {
            None
        };
        // "more" in "20 more years"
        if n.is_some() && matches!(self.w(k), "more" | "additional" | "full" | "straight" | "consecutive" | "long") {
            k += 1;
        }
        let n_hy = n.is_some() && self.is(k, "-") && self.adj(k) && self.adj(k + 1);
        if n_hy {
            k += 1;
        }
        // coordination: 30, 50 or 100 days
        if let (Some(Num::Exact(x)), false) = (n, n_hy) {
            if unit_of(self.w(k)).is_none() && matches!(self.w(k), "," | "or" | "and" | "to") && self.toks.get(i).map_or(false, |t| t.num.is_some()) && s == i {
                // look ahead for "number unit"
                let mut p = k;
                let mut steps = 0;
                while p < self.toks.len() && steps < 8 {
                    if matches!(self.w(p), "," | "or" | "and" | "to") {
                        p += 1;
                        steps += 1;
                        continue;
                    }
                    if let Some((p2, _)) = self.number(p) {
                        if let Some((u, _)) = unit_of(self.w(p2)) {
                            if u != Unit::Weekend {
                                return mk(s, k, TimeType::Duration, dur_value(Some(x), u));
                            }
                        }
                        p = p2;
                        steps += 1;
                        continue;
                    }
                    break;
                }
            }
        }
        // "a fortnight later": two weeks
        let fortnight = matches!(self.w(k), "fortnight" | "fortnights");
        let (u, plural) = match unit_of(self.w(k)).or(fortnight.then(|| (Unit::Week, self.is(k, "fortnights")))) {
            Some(x) => x,
            None => {
                // "the years" etc. not handled; "a year or two"
                return None;
            }
        };
        let n = match n {
            Some(Num::Exact(x)) if fortnight => Some(Num::Exact(2.0 * x)),
            n => n,
        };
        // "three quarters of the city", "more than a quarter of the entire market": a share,
        // not a time ("the first three quarters of 1989", "three quarters of the year" and
        // "several quarters of losses" are)
        if u == Unit::Quarter && self.is(k + 1, "of") && the_rel == 0 && !self.is(i, "the") && matches!(n, Some(Num::Exact(_))) {
            let share = matches!(self.w(k + 2), "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "all" | "this" | "that" | "these" | "those" | "them" | "it");
            let year = matches!(self.w(k + 3), "year" | "fiscal");
            if share && !year {
                return None;
            }
        }
        if u == Unit::Weekend && n.is_none() {
            return None;
        }
        let mut e = k + 1;
        let nval = match n {
            Some(Num::Exact(x)) => Some(x),
            _ => None,
        };
        if n.is_none() {
            // recent years / the past few ... / bare plurals after "for"
            if the_rel != 0 && plural {
                if matches!(self.w(i), "recent") || (self.is(i, "the") && self.is(i + 1, "recent")) {
                    // "recent years/days" are a vague past date; "recent months/weeks" a vague duration
                    if matches!(u, Unit::Month | Unit::Week) {
                        return mk(s, e, TimeType::Duration, dur_value(None, u));
                    }
                    return mk(s, e, TimeType::Date, "PAST_REF");
                }
                if the_rel == 1 && matches!(self.w(j), "few" | "several") {
                    return None;
                }
                return mk(s, e, TimeType::Duration, dur_value(None, u));
            }
            if s == k && plural && i > 0 && matches!(self.w(i - 1), "for" | "within" | "over") && matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Decade | Unit::Hour | Unit::Century) {
                if self.is(e, "and") || self.is(e, ",") || self.is(e, "or") || !self.toks.get(e).map_or(false, |t| t.alpha) || true {
                    return mk(s, e, TimeType::Duration, dur_value(None, u));
                }
            }
            return None;
        }
        let n = n.unwrap();
        // hyphenated adjective: three-year, 30-day, 3-year-old
        if n_hy {
            if plural {
                return None;
            }
            if self.is(e, "-") && self.adj(e) && self.is(e + 1, "old") {
                if !(e + 2..e + 6).any(|x| matches!(self.w(x), "war" | "conflict" | "invasion" | "fighting" | "campaign" | "crisis" | "blockade" | "siege" | "occupation")) {
                    return None;
                }
                e += 2;
            }
            return mk(q, e, TimeType::Duration, dur_value(nval, u));
        }
        // singular after number > 1 without hyphen: "five year low" - fine
        // ago / earlier / later / from now
        let after: &str = self.w(e);
        if !quant || true {
            if after == "ago" || (after == "earlier" && the_rel == 0) || ((after == "later" || after == "hence") && the_rel == 0) || (after == "from" && self.is(e + 1, "now")) {
                if the_rel != 0 {
                    // "the past two years ago"? unlikely
                }
                let sign = if after == "ago" || after == "earlier" { -1 } else { 1 };
                let ee = if after == "from" { e + 2 } else { e + 1 };
                let v = if (after == "earlier" || after == "ago") && u == Unit::Year && matches!(n, Num::Exact(x) if x == 1.0) && self.anchor.is_some() && (self.quarter_doc || self.sentence_has(i, "quarter")) {
                    self.year_earlier(i)
                } else {
                    self.ago(n, u, sign)
                };
                return mk(s, ee, TimeType::Date, v);
            }
        }
        if u == Unit::Weekend {
            return None;
        }
        // "Mr. Reupke, 52 years old": an age, which TimeML leaves out (as "a 52-year-old" above)
        if self.is(e, "old") {
            return None;
        }
        if u == Unit::Sec && !plural && matches!(self.w(q), "a" | "an") && self.toks.get(e).map_or(false, |t| t.alpha && !t.cap) {
            return None;
        }
        // plain duration; don't take "a" before a non-duration reading "a day" in "$5 a day" → SET
        if matches!(self.w(q), "a" | "an" | "per") && i > 0 && (self.toks[i - 1].num.is_some() || matches!(self.w(i - 1), "times" | "cents" | "dollars" | "percent" | "%" | "once" | "twice")) && the_rel == 0 {
            // "twice a day", "three times a week": the set with its count (TimeML's freq)
            let st = match self.w(i - 1) {
                "once" | "twice" => i - 1,
                "times" if i >= 2 && self.number(i - 2).is_some_and(|(k, _)| k == i - 1) => i - 2,
                _ => s,
            };
            return mk(st, e, TimeType::Set, dur_value(Some(1.0), u));
        }
        let _ = plural;
        let st = s;
        mk(st, e, TimeType::Duration, dur_value(nval, u))
    }
}

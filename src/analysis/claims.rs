//! Claims: measured statements of one article that other articles can contradict, found once
//! at analysis time over the shared text layer (its word tokens and sentences), so the dossier
//! compares stored claims instead of parsing texts.
//!
//! Two kinds, each narrow enough that a difference between articles is a real conflict:
//! - the age of a war ("now in its third year", "the fourth-year war", "three-year war"), as
//!   the whole years it allows, `[lo, hi)`; the dossier turns them into start dates from each
//!   article's date;
//! - a quantity of a thing that lasts a set time, written as a hyphenated modifier ("a 30-day
//!   ceasefire", "a 10-year sentence"): the number, the unit and the thing.
//!
//! Spans are byte offsets into the article's text.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::model::Span;
use crate::text::{stem, TextLayer};

const ORDINALS: [&str; 12] = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];
const CARDINALS: [&str; 12] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const WAR: [&str; 5] = ["war", "conflict", "invasion", "fighting", "offensive"];
const UNITS: [&str; 5] = ["hour", "day", "week", "month", "year"];

/// Things agreed or imposed for a set time, whose length sources can contradict.
const PERIODS: [&str; 26] = [
    "ceasefire", "truce", "moratorium", "ban", "sentence", "term", "contract", "deal", "pause", "halt", "suspension", "shutdown",
    "freeze", "extension", "delay", "strike", "lockdown", "deadline", "curfew", "embargo", "blockade", "closure", "window",
    "mission", "agreement", "tour",
];

/// The stems of [`PERIODS`].
static PERIOD_STEMS: LazyLock<BTreeSet<String>> = LazyLock::new(|| PERIODS.iter().map(|w| stem(w).into_owned()).collect());

/// One claim of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Claim {
    /// The age of the war in whole years: at least `lo`, less than `hi`.
    WarAge { span: Span, lo: i64, hi: i64 },
    /// "a 30-day ceasefire": `n` of `unit` (a stem: "day"), for `thing` as written (lower
    /// case; "truce" and "cease-fire" as "ceasefire"), whose stem `key` groups its forms.
    Quantity { span: Span, n: i64, unit: String, thing: String, key: String },
}

impl Claim {
    pub fn span(&self) -> Span {
        match self {
            Claim::WarAge { span, .. } | Claim::Quantity { span, .. } => *span,
        }
    }
}

pub fn ordinal(w: &str) -> Option<i64> {
    if let Some(i) = ORDINALS.iter().position(|o| *o == w) {
        return Some(i as i64 + 1);
    }
    let n = w.trim_end_matches(|c: char| c.is_alphabetic());
    let suf = &w[n.len()..];
    (matches!(suf, "st" | "nd" | "rd" | "th") && !n.is_empty()).then(|| n.parse().ok()).flatten()
}

pub fn cardinal(w: &str) -> Option<i64> {
    if let Some(i) = CARDINALS.iter().position(|o| *o == w) {
        return Some(i as i64 + 1);
    }
    w.parse().ok().filter(|n| *n < 100_000)
}

pub fn ordinal_name(n: i64) -> String {
    match ORDINALS.get((n - 1) as usize) {
        Some(o) => o.to_string(),
        None => format!("{n}th"),
    }
}

/// The word tokens of `[a, b)` (letter-and-digit runs; punctuation left out), as indices.
fn words(tl: &TextLayer, a: usize, b: usize) -> Vec<usize> {
    (a..b).filter(|&i| tl.tokens.toks[i].is_word()).collect()
}

/// The claims of one text, in text order.
pub fn find_claims(text: &str, tl: &TextLayer) -> Vec<Claim> {
    let mut out = Vec::new();
    // the word tokens of the text, once: a sentence's are the run of them within its tokens
    let all = words(tl, 0, tl.tokens.len());
    for s in &tl.sentences {
        let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
        let lo = all.partition_point(|&k| k < a);
        let hi = lo + all[lo..].partition_point(|&k| k < b);
        war_ages(text, tl, &all[lo..hi], &mut out);
    }
    quantities(text, tl, &all, &mut out);
    out.sort_by_key(|c| (c.span().start, c.span().end));
    out
}

fn war_ages(text: &str, tl: &TextLayer, ws: &[usize], out: &mut Vec<Claim>) {
    let w = |i: usize| ws.get(i).map(|&k| tl.tokens.norm(k)).unwrap_or("");
    let tok = |i: usize| tl.tokens.toks[ws[i]];
    for i in 0..ws.len() {
        // both readings need "year" next: the cheap test first
        if w(i + 1) != "year" {
            continue;
        }
        // the age in whole years it allows: [lo, hi), over words a..=b
        let (lo, hi, a, b) = if let (Some(n), "year") = (ordinal(w(i)), w(i + 1)) {
            // "in its third year" (subject before) or "fourth-year war" / "now-fourth year war"
            let after = WAR.contains(&w(i + 2));
            let before = i >= 2 && w(i - 1) == "its" && (i.saturating_sub(12)..i).any(|j| WAR.contains(&w(j)));
            if !(after || before) {
                continue;
            }
            let start = if i >= 1 && matches!(w(i - 1), "now" | "its") { i - 1 } else { i };
            let start = if start >= 1 && w(start - 1) == "in" { start - 1 } else { start };
            (n - 1, n, start, if after { i + 2 } else { i + 1 })
        } else if let (Some(n), "year") = (cardinal(w(i)), w(i + 1)) {
            // "three-year war", "3-year-old full-scale invasion" (hyphenated: a modifier)
            if !text[tok(i).end as usize..tok(i + 1).start as usize].contains('-') {
                continue;
            }
            let mut j = i + 2;
            if w(j) == "old" {
                j += 1;
            }
            let subject = (j..(j + 3).min(ws.len())).find(|&k| WAR.contains(&w(k)));
            let Some(k) = subject else { continue };
            let start = if i >= 1 && matches!(w(i - 1), "over" | "now") { i - 1 } else { i };
            (n, n + 1, start, k)
        } else {
            continue;
        };
        out.push(Claim::WarAge { span: Span::new(tok(a).start as usize, tok(b).end as usize), lo, hi });
    }
}

fn quantities(text: &str, tl: &TextLayer, ws: &[usize], out: &mut Vec<Claim>) {
    let w = |i: usize| tl.tokens.norm(ws[i]);
    let tok = |i: usize| tl.tokens.toks[ws[i]];
    for i in 0..ws.len().saturating_sub(2) {
        // a hyphenated modifier: the cheap test first
        if !text[tok(i).end as usize..tok(i + 1).start as usize].eq("-") {
            continue;
        }
        let Some(n) = cardinal(w(i)) else { continue };
        let unit = stem(w(i + 1)).into_owned();
        if !UNITS.contains(&unit.as_str()) {
            continue;
        }
        let mut j = i + 2;
        if j < ws.len() && matches!(w(j), "long" | "old") {
            j += 1;
        }
        // the thing measured: the next word
        if j >= ws.len() {
            continue;
        }
        let mut thing = w(j).to_string();
        if thing == "cease" && j + 1 < ws.len() && w(j + 1) == "fire" {
            thing = "ceasefire".into();
        }
        if thing == "truce" {
            thing = "ceasefire".into();
        }
        // only things that last a set time: an "18-year veteran" or a "28-year-old man" is
        // a person, and two of them are not in conflict
        let key = stem(&thing).into_owned();
        if !PERIOD_STEMS.contains(&key) {
            continue;
        }
        out.push(Claim::Quantity { span: Span::new(tok(i).start as usize, tok(j).end as usize), n, unit, thing, key });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<(String, Claim)> {
        let tl = TextLayer::new(text, None);
        find_claims(text, &tl).into_iter().map(|c| (c.span().of(text).to_string(), c)).collect()
    }

    #[test]
    fn ordinals_and_cardinals() {
        assert_eq!(ordinal("third"), Some(3));
        assert_eq!(ordinal("4th"), Some(4));
        assert_eq!(ordinal("the"), None);
        assert_eq!(cardinal("three"), Some(3));
        assert_eq!(cardinal("30"), Some(30));
    }

    #[test]
    fn war_ages_and_quantities() {
        let c = claims("The war, now in its third year, goes on. Putin proposed a 30-day ceasefire. A three-year war. An 18-year veteran spoke.");
        let got: Vec<&str> = c.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(got, ["in its third year", "30-day ceasefire", "three-year war"]);
        assert_eq!(c[0].1, Claim::WarAge { span: c[0].1.span(), lo: 2, hi: 3 });
        assert!(matches!(&c[1].1, Claim::Quantity { n: 30, unit, thing, .. } if unit == "day" && thing == "ceasefire"));
        assert_eq!(c[2].1, Claim::WarAge { span: c[2].1.span(), lo: 3, hi: 4 });
        assert!(claims("Nothing measured here.").is_empty());
    }
}

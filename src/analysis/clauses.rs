//! The clause layer: for each date or time expression of the times layer, what the dossier's
//! timeline reads from the article's own words around it, computed once at analysis time so
//! that `dossier::build` cuts and weighs clauses from stored layers instead of scanning text.
//!
//! Per expression (byte offsets into the article's text):
//! - its sentence (the shared text layer's) and the clause boundaries it holds (", ", "; ",
//!   " — ", " and ", " after ", …): where the timeline cuts a sentence that names several
//!   dates, between neighbouring expressions. Which neighbours count depends on the values the
//!   expressions resolve to (two expressions of one day are one), which depend on the article's
//!   date and may change after ingest; so the layer keeps every boundary of the sentence and
//!   the cut is a pure function of them ([`Clause::cut`]);
//! - what its words say, independent of any anchor: vague ("two years ago", "that year",
//!   "then", "the end of"), naming a month or a four-digit year, naming the calendar (a month,
//!   a day number, a year, as opposed to only a weekday or a feast), and, for a bare year,
//!   whether it reads as a date where it stands ("in 2022", not "Windows 2000");
//! - what the words around the sentence's names say, which the timeline weighs once it has
//!   cut the clause: the people named as possessives ("Zelensky's invitation": not the actor)
//!   and, for each place, the preposition before it ("in Istanbul") and the event words after
//!   it ("the Istanbul talks") that make it the clause's venue, by position, so that the
//!   test for a clause cut anywhere in the sentence needs no text.
//!
//! The figures of `storyline eval dossier` and the trust audit are the same as when the
//! timeline computed these from raw text at build time (the tests below pin the cut).

use serde::{Deserialize, Serialize};

use crate::model::Span;

/// Clause boundaries, where a sentence holding two dates is cut between them.
pub const BOUNDARIES: [&str; 9] = [", ", "; ", " — ", " – ", " - ", " and ", " after ", " before ", " while "];

/// One date or time expression with what its sentence and words tell the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// The time expression (a span of the times layer).
    pub expr: Span,
    /// Its sentence in the shared text layer.
    pub sentence: Span,
    /// Every clause boundary the sentence holds (each occurrence of a [`BOUNDARIES`] string,
    /// overlapping ones included), in order of start.
    pub cuts: Vec<Span>,
    /// Its words are vague: "two years ago", "that year", "then", "the end of …".
    pub vague: bool,
    /// It names a month or a four-digit year (what makes a month or year value explicit).
    pub month_or_year: bool,
    /// It names the calendar (a month, a day number, a year), not only a weekday or a feast.
    pub calendar: bool,
    /// A bare number reads as a year where it stands (after a preposition or article, or at
    /// the head of its sentence); true for an expression that is more than a bare number.
    pub year_date: bool,
    /// The people the sentence names as possessives ("Zelensky's"), entity spans.
    pub possessive: Vec<Span>,
    /// The places the sentence names, with the words that may make one a venue.
    pub places: Vec<Place>,
}

/// A place named in a sentence and the words around it that set an event there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The entity's span.
    pub span: Span,
    /// Where "in", "at" or "to" (any case) ends the words before it, if they do.
    pub lead: Option<usize>,
    /// That word is lower-case and follows a space (" in Istanbul" inside a clause; any case
    /// counts only where the clause starts with it).
    pub spaced: bool,
    /// Where each of the two words after it that names an event ("talks", "summit", …) starts.
    pub event_words: Vec<usize>,
}

/// Words after a place that make it an event's venue ("the Istanbul talks").
const EVENT_WORDS: [&str; 6] = ["talks", "peace", "negotiations", "summit", "meeting", "conference"];

impl Place {
    fn of(text: &str, span: Span, sentence: Span) -> Place {
        let before = text[sentence.start..span.start].trim_end();
        let w_end = sentence.start + before.len();
        let b = text.as_bytes();
        let lead = (w_end >= sentence.start + 2)
            .then(|| w_end - 2)
            .filter(|&w| ["in", "at", "to"].iter().any(|p| b[w..w_end].eq_ignore_ascii_case(p.as_bytes())));
        let spaced = lead.is_some_and(|w| w > 0 && b[w - 1] == b' ' && ["in", "at", "to"].iter().any(|p| &b[w..w_end] == p.as_bytes()));
        let after = &text[span.end..sentence.end.max(span.end)];
        let event_words = after
            .split_whitespace()
            .take(2)
            .filter(|w| EVENT_WORDS.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric())))
            .map(|w| w.as_ptr() as usize - after.as_ptr() as usize + span.end)
            .collect();
        Place { span, lead, spaced, event_words }
    }

    /// Whether the place is the venue of the clause `[a, b)` that holds it: "in", "at" or "to"
    /// right before it (lower-case after a space, or any case opening the clause), or an
    /// event word among the two words after it within the clause.
    pub fn venue_in(&self, a: usize, b: usize) -> bool {
        self.lead.is_some_and(|w| w == a || (self.spaced && a < w)) || self.event_words.iter().any(|&w| w < b)
    }
}

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

fn names_month(l: &str) -> bool {
    l.split(|c: char| !c.is_alphabetic()).any(|w| MONTHS.iter().any(|m| w == *m || (w.len() >= 3 && m.starts_with(w))))
}

/// Words a bare year follows when it is a date ("in 2022", "since 2014", "the 2016
/// election"), as opposed to a name ("Windows 2000", "Server 2003").
const BEFORE_YEAR: [&str; 22] = [
    "in", "since", "by", "of", "from", "until", "till", "to", "before", "after", "during", "early", "late", "mid", "the", "and",
    "or", "between", "through", "around", "than", "year",
];

/// Whether a year-valued expression reads as a date where it stands: it names more than a
/// bare number, or a bare number follows a preposition or article, or opens its sentence.
pub fn year_in_context(text: &str, span: Span) -> bool {
    let expr = span.of(text);
    if !expr.trim().bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let before = text[..span.start].trim_end();
    let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    if prev.is_empty() || prev.ends_with(['.', '!', '?', '\n', '(', ',', ';', ':', '—', '–']) {
        return true;
    }
    let p = prev.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    BEFORE_YEAR.contains(&p.as_str())
}

impl Clause {
    /// What the words of `expr` (in `text`) say, with its sentence and that sentence's boundaries.
    pub fn of(text: &str, expr: Span, sentence: Span, entities: &[crate::analysis::Entity]) -> Clause {
        use crate::analysis::EntityKind;
        let within = |e: &&crate::analysis::Entity| sentence.start <= e.span.start && e.span.start <= e.span.end && e.span.end <= sentence.end;
        let possessive = entities
            .iter()
            .filter(within)
            .filter(|e| e.kind == EntityKind::Person && text[e.span.end..].starts_with(['\'', '’']))
            .map(|e| e.span)
            .collect();
        let places = entities.iter().filter(within).filter(|e| e.kind == EntityKind::Place).map(|e| Place::of(text, e.span, sentence)).collect();
        let l = expr.of(text).to_lowercase();
        let vague = l.contains("ago") || l.starts_with("that ") || l == "then" || l.contains("the end of") || l.contains("the start of");
        let month_or_year = l.as_bytes().windows(4).any(|w| w.iter().all(|c| c.is_ascii_digit())) || names_month(&l);
        let calendar = l.bytes().any(|b| b.is_ascii_digit()) || names_month(&l);
        let b = text.as_bytes();
        let mut cuts = Vec::new();
        for i in sentence.start..sentence.end {
            // every boundary starts with a comma, a semicolon or a space
            if !matches!(b[i], b',' | b';' | b' ') {
                continue;
            }
            for p in BOUNDARIES {
                let e = i + p.len();
                if e <= sentence.end && &b[i..e] == p.as_bytes() {
                    cuts.push(Span::new(i, e));
                }
            }
        }
        Clause { expr, sentence, cuts, vague, month_or_year, calendar, year_date: year_in_context(text, expr), possessive, places }
    }

    /// Whether the expression names its date outright at a value's precision (`day`: a day
    /// or finer) — a year, a month, a weekday, a feast — as opposed to vaguely ("two years
    /// ago", "this year", "last month", "then").
    pub fn explicit(&self, day: bool) -> bool {
        !self.vague && (day || self.month_or_year)
    }

    /// The clause of the expression within `sentence` (the sentence as the reader shows it, a
    /// part of [`Clause::sentence`]): cut after the last boundary since the previous dated
    /// expression `prev` ends and before the first boundary after this one, up to the next
    /// one `next`; the whole sentence where no boundary lies between. A layer may hold spans
    /// that touch or overlap (stored by an older build, or written by another backend): a
    /// clause is never cut backwards.
    pub fn cut(&self, text: &str, sentence: Span, prev: Option<Span>, next: Option<Span>) -> Span {
        let (mut a, mut b) = (sentence.start, sentence.end);
        if let Some(p) = prev.filter(|p| p.end <= self.expr.start) {
            a = self.cuts.iter().filter(|c| c.start >= p.end && c.end <= self.expr.start).map(|c| c.end).max().unwrap_or(a);
        }
        if let Some(n) = next.filter(|n| self.expr.end <= n.start) {
            b = self.cuts.iter().filter(|c| c.start >= self.expr.end && c.end <= n.start).map(|c| c.start).min().unwrap_or(b);
        }
        while a > 0 && !text.is_char_boundary(a) {
            a -= 1;
        }
        while b < text.len() && !text.is_char_boundary(b) {
            b += 1;
        }
        if a > b {
            (a, b) = (sentence.start, sentence.end);
        }
        Span::new(a, b)
    }
}

/// The clause layer of a text: one [`Clause`] per expression of `exprs` (the date and time
/// expressions of its times layer) that lies in a sentence of `tl`, read with the text's
/// `entities` (the people and places of its sentence).
pub fn find_clauses(text: &str, tl: &crate::text::TextLayer, exprs: impl IntoIterator<Item = Span>, entities: &[crate::analysis::Entity]) -> Vec<Clause> {
    let mut out: Vec<Clause> = exprs
        .into_iter()
        .filter(|e| e.start <= e.end && e.end <= text.len() && text.is_char_boundary(e.start) && text.is_char_boundary(e.end))
        .filter_map(|e| {
            let s = tl.sentences.iter().find(|s| s.span.start <= e.start && e.start < s.span.end.max(s.span.start + 1))?;
            Some(Clause::of(text, e, s.span, entities))
        })
        .collect();
    out.sort_by_key(|c| (c.expr.start, c.expr.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, w: &str) -> Span {
        let i = text.find(w).unwrap();
        Span::new(i, i + w.len())
    }

    #[test]
    fn a_sentence_with_two_dates_is_cut_between_them() {
        let t = "Talks in Istanbul began on May 16, and a second round was held on June 2. Nothing else.";
        let tl = crate::text::TextLayer::new(t, None);
        let (may, june) = (at(t, "May 16"), at(t, "June 2"));
        let cl = find_clauses(t, &tl, [june, may], &[]);
        assert_eq!(cl.len(), 2);
        assert_eq!(cl[0].expr, may);
        let s = cl[0].sentence;
        assert_eq!(s.of(t), "Talks in Istanbul began on May 16, and a second round was held on June 2.");
        assert_eq!(cl[0].cut(t, s, None, Some(june)).of(t), "Talks in Istanbul began on May 16");
        assert_eq!(cl[1].cut(t, s, Some(may), None).of(t), "a second round was held on June 2.");
        // alone in its sentence (its neighbour named the same day): the whole sentence
        assert_eq!(cl[1].cut(t, s, None, None), s);
    }

    #[test]
    fn words_tell_vague_explicit_and_calendar_dates() {
        let t = "It began two years ago. In March 2022 they met, on Monday. Windows 2000 was out in 2000.";
        let tl = crate::text::TextLayer::new(t, None);
        let c = |w: &str| find_clauses(t, &tl, [at(t, w)], &[]).remove(0);
        assert!(c("two years ago").vague && !c("two years ago").explicit(false));
        assert!(c("March 2022").explicit(false) && c("March 2022").calendar);
        assert!(c("Monday").explicit(true) && !c("Monday").calendar && !c("Monday").explicit(false));
        assert!(!c("2000").year_date);
        let last = t.rfind("2000").unwrap();
        assert!(find_clauses(t, &tl, [Span::new(last, last + 4)], &[])[0].year_date);
    }

    #[test]
    fn places_are_venues_by_the_words_around_them_in_the_clause() {
        use crate::analysis::{Entity, EntityKind};
        let t = "On May 16, Zelensky's envoy went to Istanbul and the Ankara talks resumed on June 2.";
        let tl = crate::text::TextLayer::new(t, None);
        let e = |w: &str, kind| Entity { span: at(t, w), kind, canonical: w.into(), role: None };
        let es = [e("Zelensky", EntityKind::Person), e("Istanbul", EntityKind::Place), e("Ankara", EntityKind::Place)];
        let cl = find_clauses(t, &tl, [at(t, "May 16")], &es).remove(0);
        assert_eq!(cl.possessive, [at(t, "Zelensky")]);
        let (ist, ank) = (&cl.places[0], &cl.places[1]);
        let end = t.len();
        assert!(ist.venue_in(0, end) && ank.venue_in(0, end));
        // the clause starting at "to Istanbul" keeps it; cut before "talks", Ankara is no venue
        assert!(ist.venue_in(at(t, "to Istanbul").start, end));
        assert!(!ank.venue_in(0, at(t, "talks").start));
    }

    #[test]
    fn spans_off_the_text_are_skipped() {
        let t = "On Monday, we met.";
        let tl = crate::text::TextLayer::new(t, None);
        assert!(find_clauses(t, &tl, [Span::new(3, 400), Span { start: 9, end: 3 }], &[]).is_empty());
    }
}

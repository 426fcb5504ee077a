//! Disagreements: where the story's sources give different values for the same thing.
//!
//! Three kinds, each a narrow, checkable claim, so that what is shown is a real conflict:
//! - the age of the war ("now in its third year" against "now-fourth year war", "three-year
//!   war"), each claim turned into the window of start dates it allows from its article's
//!   date; windows that cannot both hold disagree;
//! - the date of one event: clauses of different articles that tell the same kind of event
//!   (talks, an invasion, a visit…) at the same venue, or in nearly the same words, with
//!   dates that cannot both hold ("collapsed two years ago" against "in March 2022"). A vague
//!   date ("two years ago") holds within half a year either side;
//! - a measured quantity: "a 30-day ceasefire" against "a 60-day ceasefire", where neither
//!   article mentions the other's value.
//!
//! Claims within one article never disagree with each other (an article that gives 30 and 72
//! hours for two truces is not in conflict with itself); copies are separate claims only when
//! they differ.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};

use super::prep::{cosine, root, Doc, Vocab};
use super::timeline::{self, Clause, Prec};
use super::{Claim, Disagreement};
use crate::analysis::claims::{ordinal_name, Claim as ClaimLayer};
use crate::stories::features;
use crate::text::stem;

/// One claim found in one article.
struct Found {
    doc: usize,
    /// The words as written.
    text: String,
    /// The normalised value, as shown.
    value: String,
}

/// The war's age claims of the story's articles (stored by `analysis::claims`), each with the
/// window of start dates it allows from its article's date.
fn age_claims(docs: &[Doc], first: Option<NaiveDate>) -> Vec<(Found, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let Some(pubd) = d.date.or(first) else { continue };
        let body = d.a.body_start();
        for c in d.layers.claims.iter().flatten() {
            let ClaimLayer::WarAge { span, lo, hi } = c else { continue };
            if span.start < body {
                continue;
            }
            // the war began between (pub - hi years, pub - lo years]
            let back = |y: i64| pubd.with_year(pubd.year() - y as i32).unwrap_or(pubd);
            out.push((Found { doc: di, text: span.of(&d.a.text).to_string(), value: format!("in its {} year", ordinal_name(*hi)) }, back(*hi) + Duration::days(1), back(*lo)));
        }
    }
    out
}

/// Group claims by value; report when two values' windows cannot both hold.
fn age_disagreement(docs: &[Doc], first: Option<NaiveDate>) -> Option<Disagreement> {
    let claims = age_claims(docs, first);
    let mut by_value: BTreeMap<String, (Vec<&Found>, NaiveDate, NaiveDate)> = BTreeMap::new();
    for (f, lo, hi) in &claims {
        let e = by_value.entry(f.value.clone()).or_insert((Vec::new(), *lo, *hi));
        e.0.push(f);
        e.1 = e.1.max(*lo);
        e.2 = e.2.min(*hi);
    }
    let vals: Vec<_> = by_value.values().collect();
    let conflict = vals.iter().enumerate().any(|(i, a)| vals[i + 1..].iter().any(|b| a.1 > b.2 || b.1 > a.2));
    if !conflict {
        return None;
    }
    Some(Disagreement {
        about: "which year of the war it is".into(),
        claims: by_value.into_iter().map(|(v, (fs, _, _))| claim(docs, v, fs)).collect(),
        confidence: 0.8,
    })
}

fn claim(docs: &[Doc], value: String, fs: Vec<&Found>) -> Claim {
    let mut texts: Vec<&str> = fs.iter().map(|f| f.text.as_str()).collect();
    texts.dedup();
    let mut sources: Vec<usize> = fs.iter().map(|f| f.doc).collect();
    sources.sort_by_key(|&i| (docs[i].date, i));
    sources.dedup();
    Claim { value, text: texts.join(" / "), sources: sources.into_iter().map(|i| docs[i].id().to_string()).collect() }
}

/// Kinds of events whose dates can be compared, by the words that name them.
const EVENTS: [(&str, &[&str]); 7] = [
    ("talks", &["talk", "negotiation", "negotiat", "met", "meeting", "summit"]),
    ("invasion", &["invasion", "invaded", "invade"]),
    ("visit", &["visit", "visited"]),
    ("election", &["election", "elected"]),
    ("attack", &["attack", "bombing", "explosion"]),
    ("ceasefire", &["ceasefire", "truce"]),
    ("agreement", &["agreement", "deal", "accord", "signed"]),
];

/// [`EVENTS`] with each word's stem beside it.
static EVENT_STEMS: LazyLock<Vec<(&str, Vec<(&str, String)>)>> =
    LazyLock::new(|| EVENTS.iter().map(|(k, ws)| (*k, ws.iter().map(|w| (*w, stem(w).into_owned())).collect())).collect());

fn event_kinds(clause: &str) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    let tk = crate::text::Tokens::new(clause);
    for t in features::words(clause, &tk) {
        let st = stem(t.lower);
        for (k, words) in EVENT_STEMS.iter() {
            if words.iter().any(|(w, ws)| st == ws.as_str() || t.lower == *w) {
                out.insert(*k);
            }
        }
    }
    out
}

/// A dated clause with what identifies its event.
struct Dated<'a> {
    c: Clause,
    doc: usize,
    kinds: BTreeSet<&'static str>,
    venues: BTreeSet<String>,
    expr: &'a str,
    /// The interval the date allows (widened for vague expressions).
    lo: NaiveDate,
    hi: NaiveDate,
    vague: bool,
}

fn date_disagreements(docs: &[Doc], vocab: &Vocab, first: Option<NaiveDate>) -> Vec<Disagreement> {
    let mut items: Vec<Dated> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        for c in timeline::clauses(d, vocab, true) {
            let expr = c.expr.of(&d.a.text);
            let l = expr.to_lowercase();
            if l == "then" || l.starts_with("that ") {
                continue;
            }
            // planned things move; only what is reported as past is compared
            if d.date.is_some_and(|p| c.when.start > p) {
                continue;
            }
            let text = &d.a.text[c.span.start..c.span.end];
            let kinds = event_kinds(text);
            if kinds.is_empty() {
                continue;
            }
            let vague = l.contains("ago");
            let (mut lo, mut hi) = (c.when.start, c.when.end);
            if vague {
                if let Some(p) = d.date {
                    let years = (p.year() - c.when.start.year()) as i64;
                    let centre = p.with_year(p.year() - years as i32).unwrap_or(p);
                    lo = centre - Duration::days(183);
                    hi = centre + Duration::days(183);
                }
            }
            let venues = c.venues.clone();
            items.push(Dated { c, doc: di, kinds, venues, expr, lo, hi, vague });
        }
    }
    let background = |x: &Dated| first.is_some_and(|f| x.hi < f - Duration::days(1));
    // same event: a shared kind, both background or both not, a shared venue or nearly the same words
    let n = items.len();
    let same = |a: &Dated, b: &Dated| -> bool {
        a.doc != b.doc
            && a.kinds.intersection(&b.kinds).next().is_some()
            && background(a) == background(b)
            // a venue tells one past event from another; within the story's own days the same
            // venue sees several (rounds of talks), so there only nearly the same words will do
            && ((background(a) && a.venues.intersection(&b.venues).next().is_some()) || cosine(vocab, &a.c.terms, &b.c.terms) >= 0.5)
            && (a.c.when.prec == Prec::Day) == (b.c.when.prec == Prec::Day)
    };
    let disjoint = |a: &Dated, b: &Dated| a.hi < b.lo || b.hi < a.lo;
    let mut parent: Vec<usize> = (0..n).collect();
    let mut conflict_roots = BTreeSet::new();
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if same(&items[i], &items[j]) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
                if disjoint(&items[i], &items[j]) {
                    pairs.push(i);
                }
            }
        }
    }
    for i in pairs {
        conflict_roots.insert(root(&mut parent, i));
    }
    let mut out = Vec::new();
    for r in conflict_roots {
        let members: Vec<usize> = (0..n).filter(|&i| root(&mut parent, i) == r).collect();
        // claims: members grouped by overlapping intervals, finest value shown
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut sorted = members.clone();
        sorted.sort_by_key(|&i| (items[i].lo, items[i].hi));
        for i in sorted {
            match groups.iter_mut().find(|g| g.iter().all(|&j| !disjoint(&items[i], &items[j]))) {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        if groups.len() < 2 {
            continue;
        }
        let any_vague = members.iter().any(|&i| items[i].vague);
        let inferred = members.iter().any(|&i| docs[items[i].doc].a.row.published_from.as_deref() == Some("inferred"));
        let kind = items[members[0]].kinds.iter().find(|k| members.iter().all(|&i| items[i].kinds.contains(*k))).copied().unwrap_or("event");
        let venue = items[members[0]].venues.iter().find(|v| members.iter().filter(|&&i| items[i].venues.contains(*v)).count() >= 2).cloned();
        let about = match venue {
            Some(v) => format!("when the {kind} in {v} took place"),
            None => format!("the date of the {kind}"),
        };
        let claims = groups
            .into_iter()
            .map(|g| {
                let fine = g.iter().map(|&i| items[i].c.when).max_by_key(|w| w.prec).unwrap();
                let vague = g.iter().all(|&i| items[i].vague);
                let value = if vague { format!("about {}", fine.label()) } else { fine.label() };
                let fs: Vec<Found> = g.iter().map(|&i| Found { doc: items[i].doc, text: items[i].expr.to_string(), value: value.clone() }).collect();
                claim(docs, value, fs.iter().collect())
            })
            .collect();
        let confidence = 0.8 - if any_vague { 0.2 } else { 0.0 } - if inferred { 0.2 } else { 0.0 };
        out.push(Disagreement { about, claims, confidence });
    }
    out
}

/// "a 30-day ceasefire": the stored (number, unit, thing) claims of the story's articles.
fn quantity_disagreements(docs: &[Doc]) -> Vec<Disagreement> {
    // (unit, thing) -> doc -> values, with the words
    let mut found: BTreeMap<(String, String), BTreeMap<usize, Vec<(i64, String)>>> = BTreeMap::new();
    let mut names: BTreeMap<(String, String), String> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        for c in d.layers.claims.iter().flatten() {
            let ClaimLayer::Quantity { span, n, unit, thing, key } = c else { continue };
            // named by the shortest form met ("ceasefire" over "ceasefires"), not by its stem
            let name = names.entry((unit.clone(), key.clone())).or_insert_with(|| thing.clone());
            if thing.len() < name.len() {
                *name = thing.clone();
            }
            found.entry((unit.clone(), key.clone())).or_default().entry(di).or_default().push((*n, span.of(&d.a.text).to_string()));
        }
    }
    let mut out = Vec::new();
    for (key, per_doc) in found {
        let (unit, thing) = (&key.0, &names[&key]);
        let sets: Vec<(usize, BTreeSet<i64>)> = per_doc.iter().map(|(d, v)| (*d, v.iter().map(|x| x.0).collect())).collect();
        let conflict = sets.iter().enumerate().any(|(i, a)| sets[i + 1..].iter().any(|b| a.1.is_disjoint(&b.1)));
        if !conflict {
            continue;
        }
        let mut by_value: BTreeMap<i64, Vec<Found>> = BTreeMap::new();
        for (d, vs) in &per_doc {
            for (n, words) in vs {
                by_value.entry(*n).or_default().push(Found { doc: *d, text: words.clone(), value: format!("{n} {unit}s") });
            }
        }
        out.push(Disagreement {
            about: format!("the length of the {thing}"),
            claims: by_value.into_values().map(|fs| claim(docs, fs[0].value.clone(), fs.iter().collect())).collect(),
            confidence: 0.6,
        });
    }
    out
}

/// Offices one person holds at a time, once qualified by a country or body.
const OFFICES: [&str; 16] = [
    "president", "prime minister", "chancellor", "foreign minister", "defence minister", "defense minister", "foreign policy chief",
    "chief of staff", "spokesman", "spokeswoman", "spokesperson", "secretary of state", "secretary-general", "secretary general",
    "governor", "mayor",
];

/// A role's key when it names a unique office with a qualifier ("Turkish Foreign Minister",
/// "EU foreign policy chief", "Zelensky's chief of staff"); None for "President" alone, a
/// deputy, or a former holder.
fn office_key(role: &str) -> Option<String> {
    let l = role.to_lowercase().replace('’', "'");
    if ["former", "ex-", "then", "acting", "deputy", "vice", "interim", "late", "outgoing", "incoming", "assistant"].iter().any(|w| l.contains(w)) {
        return None;
    }
    let office = OFFICES.iter().find(|o| l.ends_with(*o))?;
    let qual = l[..l.len() - office.len()].trim().trim_end_matches("'s").trim();
    if qual.is_empty() {
        return None;
    }
    let stop = features::Stop::new();
    let q: Vec<String> = super::prep::content_words(qual, &stop);
    let q = if q.is_empty() { vec![qual.to_string()] } else { q };
    Some(format!("{} {office}", q.join(" ")))
}

/// Two different people given the same unique office by different articles.
fn role_disagreements(docs: &[Doc]) -> Vec<Disagreement> {
    use crate::analysis::EntityKind;
    // office -> person key -> (name, role words, docs)
    let mut held: BTreeMap<String, BTreeMap<String, (String, String, BTreeSet<usize>)>> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        for e in d.layers.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let Some(role) = &e.role else { continue };
            let Some(key) = office_key(role) else { continue };
            // a holder is named in full (a one-word "name" after a title is often a headline's verb)
            if e.canonical.split_whitespace().count() < 2 {
                continue;
            }
            // one surname is one holder: Carolos and Karolos Papoulias are spellings of one man
            let surname = crate::analysis::entity_key(&e.canonical, e.kind).split_whitespace().last().unwrap_or_default().to_string();
            let p = held.entry(key).or_default().entry(surname).or_insert_with(|| (e.canonical.clone(), role.clone(), BTreeSet::new()));
            p.2.insert(di);
        }
    }
    let mut out = Vec::new();
    for (office, people) in held {
        if people.len() < 2 {
            continue;
        }
        // some pair of holders named by different articles
        let sets: Vec<&BTreeSet<usize>> = people.values().map(|p| &p.2).collect();
        let across = sets.iter().enumerate().any(|(i, a)| sets[i + 1..].iter().any(|b| a.iter().any(|x| b.iter().any(|y| x != y))));
        if !across {
            continue;
        }
        let shown = people.values().next().map(|p| p.1.clone()).unwrap_or(office);
        let claims = people
            .into_values()
            .map(|(name, role, ds)| {
                let fs: Vec<Found> = ds.into_iter().map(|d| Found { doc: d, text: format!("{role} {name}"), value: name.clone() }).collect();
                claim(docs, name, fs.iter().collect())
            })
            .collect();
        out.push(Disagreement { about: format!("who is {shown}"), claims, confidence: 0.5 });
    }
    out
}

pub fn build(docs: &[Doc], vocab: &Vocab, first: Option<NaiveDate>) -> Vec<Disagreement> {
    let mut out = Vec::new();
    out.extend(role_disagreements(docs));
    out.extend(age_disagreement(docs, first));
    out.extend(date_disagreements(docs, vocab, first));
    out.extend(quantity_disagreements(docs));
    out.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_offices() {
        assert_eq!(office_key("EU foreign policy chief").as_deref(), Some("eu foreign policy chief"));
        assert_eq!(office_key("Turkey’s President"), office_key("Turkish President"));
        assert_eq!(office_key("President"), None);
        assert_eq!(office_key("former Ukrainian President"), None);
        assert_eq!(office_key("Deputy Prime Minister"), None);
        assert!(office_key("Zelensky's chief of staff").is_some());
    }

    #[test]
    fn event_kinds_from_words() {
        assert!(event_kinds("the Istanbul peace talks that had collapsed").contains("talks"));
        assert!(event_kinds("Direct negotiations between the two countries last took place").contains("talks"));
        assert!(event_kinds("Russia's invasion in February 2022").contains("invasion"));
        assert!(event_kinds("Sales rose in March").is_empty());
    }
}

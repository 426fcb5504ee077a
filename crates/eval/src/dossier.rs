//! The seed story's dossier against the hand-made reference (`seeds/story.json`): its 18
//! timeline entries and its two disagreements.
//!
//! The seeds are ingested as `storyline ingest` would (their dates withheld but for 003's
//! header, as shipped), the story holding most of them is built, and:
//! - a reference entry is **found** when a dossier entry has its date (at the reference's
//!   precision) and tells the same event: it shares a source or a fifth of the reference's
//!   content words. Entries are matched one to one, best first. Found within ±1 day is
//!   reported too.
//! - of found entries: source precision and recall (micro), and kind accuracy;
//! - a reference disagreement is **found** when one dossier disagreement has two different
//!   claims whose sources meet two different reference claims; a dossier disagreement that
//!   matches no reference one is **false**;
//! - the summary: sentences, and how many cite at least one article; outlets cited in all.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use storyline::dossier::{Dossier, EventKind};
use storyline::store::LinkStore;

#[derive(Deserialize)]
struct Gold {
    timeline: Vec<GoldEntry>,
    disagreements: Vec<GoldDisagreement>,
}

#[derive(Deserialize, Clone)]
struct GoldEntry {
    date: String,
    kind: String,
    text: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
struct GoldDisagreement {
    about: String,
    claims: Vec<GoldClaim>,
}

#[derive(Deserialize)]
struct GoldClaim {
    sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryResult {
    pub date: String,
    pub text: String,
    /// The dossier entry matched, if any: its date, text and sources.
    pub found: Option<(String, String, Vec<String>)>,
    pub within_a_day: bool,
    pub kind_right: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierFigures {
    pub entries: usize,
    pub found: usize,
    pub found_within_a_day: usize,
    pub source_precision: f64,
    pub source_recall: f64,
    pub kind_accuracy: f64,
    pub dossier_entries: usize,
    pub disagreements: usize,
    pub disagreements_found: usize,
    pub false_disagreements: usize,
    pub summary_sentences: usize,
    pub summary_cited: usize,
    pub summary_outlets: usize,
    pub results: Vec<EntryResult>,
    pub missed_disagreements: Vec<String>,
    pub dossier: Dossier,
}

fn words(s: &str) -> BTreeSet<String> {
    let stop = storyline::stories::features::Stop::new();
    storyline::dossier::content_words(s, &stop).into_iter().collect()
}

fn day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Score a dossier against the reference.
pub fn score(d: &Dossier, gold_file: &Path) -> Result<DossierFigures, String> {
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(gold_file).map_err(|e| format!("{}: {e}", gold_file.display()))?)
        .map_err(|e| format!("{}: {e}", gold_file.display()))?;
    // candidate pairs (gold, dossier entry, score); one-to-one, best first
    let mut pairs = Vec::new();
    for (gi, g) in gold.timeline.iter().enumerate() {
        let gw = words(&g.text);
        for (si, e) in d.timeline.iter().enumerate() {
            let same_date = e.date.starts_with(&g.date);
            let near = match (day(&g.date), day(&e.date)) {
                (Some(a), Some(b)) => (a - b).num_days().abs() <= 1,
                _ => false,
            };
            if !(same_date || near) {
                continue;
            }
            let ew = words(&e.text);
            let overlap = gw.intersection(&ew).count() as f64 / gw.len().max(1) as f64;
            let shared = g.sources.iter().filter(|s| e.sources.contains(s)).count();
            // the same event: some of the reference's words, and a shared source or more words
            if overlap < 0.15 || (shared == 0 && overlap < 0.3) {
                continue;
            }
            let score = overlap + shared as f64 / g.sources.len().max(1) as f64 + if same_date { 1.0 } else { 0.0 };
            pairs.push((score, gi, si, same_date));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut gold_used = vec![None; gold.timeline.len()];
    let mut sys_used = vec![false; d.timeline.len()];
    for (_, gi, si, same) in pairs {
        if gold_used[gi].is_none() && !sys_used[si] {
            gold_used[gi] = Some((si, same));
            sys_used[si] = true;
        }
    }
    let (mut found, mut near, mut tp, mut pred, mut want, mut kinds) = (0, 0, 0, 0, 0, 0);
    let mut results = Vec::new();
    for (gi, g) in gold.timeline.iter().enumerate() {
        let m = gold_used[gi];
        let mut r = EntryResult { date: g.date.clone(), text: g.text.clone(), found: None, within_a_day: false, kind_right: false };
        if let Some((si, same)) = m {
            let e = &d.timeline[si];
            near += 1;
            r.within_a_day = true;
            if same {
                found += 1;
                tp += g.sources.iter().filter(|s| e.sources.contains(s)).count();
                pred += e.sources.len();
                want += g.sources.len();
                let kind = match e.kind {
                    EventKind::Happened => "happened",
                    EventKind::Planned => "planned",
                    EventKind::Background => "background",
                };
                r.kind_right = kind == g.kind;
                kinds += r.kind_right as usize;
            }
            r.found = Some((e.date.clone(), e.text.clone(), e.sources.clone()));
        }
        results.push(r);
    }
    // disagreements
    let meets = |a: &[String], b: &[String]| a.iter().any(|x| b.contains(x));
    let mut sys_matched = vec![false; d.disagreements.len()];
    let mut missed = Vec::new();
    let mut dfound = 0;
    for g in &gold.disagreements {
        let mut ok = false;
        for (si, x) in d.disagreements.iter().enumerate() {
            let hit = g.claims.iter().enumerate().any(|(i, ga)| {
                g.claims.iter().enumerate().any(|(j, gb)| {
                    i != j
                        && x.claims.iter().enumerate().any(|(k, ca)| {
                            meets(&ca.sources, &ga.sources) && x.claims.iter().enumerate().any(|(l, cb)| l != k && meets(&cb.sources, &gb.sources))
                        })
                })
            });
            if hit {
                ok = true;
                sys_matched[si] = true;
            }
        }
        if ok {
            dfound += 1;
        } else {
            missed.push(g.about.clone());
        }
    }
    let outlets: BTreeSet<&String> = d.summary.iter().flat_map(|s| s.sources.iter()).collect();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Ok(DossierFigures {
        entries: gold.timeline.len(),
        found,
        found_within_a_day: near,
        source_precision: ratio(tp, pred),
        source_recall: ratio(tp, want),
        kind_accuracy: ratio(kinds, found),
        dossier_entries: d.timeline.len(),
        disagreements: gold.disagreements.len(),
        disagreements_found: dfound,
        false_disagreements: sys_matched.iter().filter(|m| !**m).count(),
        summary_sentences: d.summary.len(),
        summary_cited: d.summary.iter().filter(|s| !s.sources.is_empty()).count(),
        summary_outlets: outlets.len(),
        results,
        missed_disagreements: missed,
        dossier: d.clone(),
    })
}

/// Ingest the seed articles into a fresh store and score the dossier of the story holding most of them.
pub fn seeds(corpus: &Path, gold_file: &Path) -> Result<DossierFigures, String> {
    let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
    storyline::ingest::ingest(&mut store, &[corpus.to_path_buf()], &Default::default(), &mut storyline::ingest::Silent).map_err(|e| e.to_string())?;
    let stories = store.stories().map_err(|e| e.to_string())?;
    let main = stories.iter().max_by_key(|s| (s.articles.len(), std::cmp::Reverse(s.id))).ok_or("no story formed from the seeds")?;
    let d = storyline::dossier::build(&store, main.id).map_err(|e| e.to_string())?.ok_or("story vanished")?;
    score(&d, gold_file)
}

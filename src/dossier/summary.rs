//! The summary: a few sentences chosen across the sources, each citing the articles that
//! support it.
//!
//! A sentence scores by how widely the story reports what it says (its best match in each
//! other independent article, summed), by its nearness to the story's centre, and by its place
//! in its article (news puts the point first). Sentences are then taken greedily (maximal
//! marginal relevance): one too close to a sentence already taken is skipped, so the same
//! wire sentence never appears twice. Machine-translated copy supports but is not quoted.
//! Each chosen sentence cites its article, that article's copies, and every article with a
//! close sentence.

use super::prep::{cosine, display, Doc, Sims, Vocab};
use super::SummarySentence;

/// Sentences closer than this to one already chosen are redundant.
const REDUNDANT: f32 = 0.3;
/// What a sentence from an article not yet cited gains.
const COVER: f32 = 0.3;
/// How much likeness to a chosen sentence costs a candidate.
const MMR: f32 = 1.0;
/// A sentence of another article this close supports a chosen one.
const SUPPORTS: f32 = 0.35;
/// The longest sentence a summary quotes, in words. From 70: Multi-News dev ROUGE-1
/// .4184 -> .4223 (every fold of five up, .001 to .006), NeuS val unchanged (.3934): its
/// reports write long sentences that are still one.
const LONGEST: usize = 90;

fn usable(text: &str, title: Option<&str>, caseless: bool) -> bool {
    if !super::prep::whole_sentence(text, caseless) {
        return false;
    }
    let words = text.split_whitespace().count();
    if !(6..=LONGEST).contains(&words) || text.ends_with('?') || text.ends_with(':') {
        return false;
    }
    if title.is_some_and(|t| t.trim() == text.trim()) {
        return false;
    }
    // a sentence should end as one (not a heading or a cut line)
    text.trim_end().ends_with(['.', '!', '"', '”', '’', ')'])
}

/// Usable words (of sentences in independent reports) that three sentences already tell.
const FIRST_WORDS: usize = 130;
/// Usable words beyond [`FIRST_WORDS`] per further summary sentence.
const WORDS_PER_SENTENCE: usize = 28;
/// The longest summary, in sentences.
const MOST: usize = 10;

/// How many sentences: one per independent report, or one per [`WORDS_PER_SENTENCE`] usable
/// words beyond the first [`FIRST_WORDS`] where the reports are long, from 3 to [`MOST`].
/// Three outlets' leads (NeuS, about 170 usable words that mostly retell one another) keep
/// three sentences; two or three full reports (Multi-News, about 300 usable words) get six
/// to ten, as an editor's roundup of them runs to about 230 words.
///
/// ROUGE-1 F (`storyline eval summaries`), before (one sentence per 70 usable words, 3 to 6)
/// and after: Multi-News dev .388 -> .415 (its two halves .389 / .387 -> .420 / .411;
/// 136 -> 176 words); NeuS val .3945 -> .3934 and NeuS train .3937 -> .3935 (85 -> 88 words).
/// One sentence per 70 words from the first, as before, gains on Multi-News only as NeuS
/// loses (per 50: .423 but NeuS val .390); a word budget and a stop on novelty did the same
/// or worse. Then (issue 20, with [`LONGEST`] 90) 100 / 35 / 8 -> 130 / 28 / 10: Multi-News
/// dev .4223 -> .4262 (185 -> 204 words; each of five folds .4142 / .4308 / .4170 / .4097 /
/// .4398 -> .4197 / .4331 / .4212 / .4160 / .4413), NeuS val .3934 -> .3935 and NeuS train
/// .3936 -> .3935 (every fold within .0004). 100 / 30 / 10 gains more on Multi-News (.4310)
/// but NeuS val falls (.3922, 95 words); 100 / 25 / 10 the same (.4364, NeuS .3877).
pub fn length_for(independent: usize, usable_words: usize) -> usize {
    independent.max(usable_words.saturating_sub(FIRST_WORDS) / WORDS_PER_SENTENCE).clamp(3, MOST)
}

/// The summary of `docs`: `k` sentences, or as many as [`length_for`] gives.
pub fn build(docs: &[Doc], vocab: &Vocab, sims: &Sims, k: Option<usize>) -> Vec<SummarySentence> {
    // copies of one another do not count as support
    let family = |i: usize| -> String {
        let d = &docs[i];
        d.copy_of.clone().unwrap_or_else(|| d.id().to_string())
    };
    let fams: Vec<String> = (0..docs.len()).map(family).collect();
    struct C {
        doc: usize,
        sent: usize,
        score: f32,
    }
    let mut cands = Vec::new();
    // the story's centre: term weights summed over all sentences, indexed by term id (summed
    // in id order, so that the same store gives the same summary on every run)
    let mut centre = vec![0.0f32; vocab.len()];
    for d in docs {
        for s in &d.sents {
            for &t in &s.terms {
                centre[t as usize] += vocab.idf(t);
            }
        }
    }
    let cnorm = centre.iter().map(|w| w * w).sum::<f32>().sqrt().max(1e-6);
    for (di, d) in docs.iter().enumerate() {
        for (si, s) in d.sents.iter().enumerate() {
            let text = d.text(s);
            if !usable(text, d.a.row.title.as_deref(), d.caseless) || s.terms.len() < 4 {
                continue;
            }
            // a summary speaks in the reporter's voice: not a sentence that is mostly quote
            let quoted: usize = d.layers.quotes.iter().map(|q| q.span.end.min(s.span.end).saturating_sub(q.span.start.max(s.span.start))).sum();
            if quoted * 10 > s.span.len() * 8 || text.trim_end().ends_with(['”', '"']) && !text.contains(['“', '"']) {
                continue;
            }
            let best = sims.best_per_doc(di, si);
            let support: f32 = (0..docs.len()).filter(|&dj| dj != di && fams[dj] != fams[di]).map(|dj| best[dj]).sum();
            let snorm = s.terms.iter().map(|&t| vocab.idf(t).powi(2)).sum::<f32>().sqrt().max(1e-6);
            let central = s.terms.iter().map(|&t| vocab.idf(t) * centre.get(t as usize).copied().unwrap_or(0.0)).sum::<f32>() / (snorm * cnorm);
            let lead = match s.pos {
                0 => 0.35,
                1 => 0.15,
                2 => 0.05,
                _ => 0.0,
            };
            let dangling = if super::prep::leans_on_previous(text) { 0.25 } else { 0.0 };
            let quoted = if text.starts_with(['"', '“', '‘', '\'']) { 0.2 } else { 0.0 };
            let score = 2.0 * support / (docs.len().max(2) - 1) as f32 + central + lead - dangling - quoted;
            if d.garbled {
                continue;
            }
            cands.push(C { doc: di, sent: si, score });
        }
    }
    let independent = docs.iter().filter(|d| d.copy_of.is_none()).count();
    let usable_words = cands.iter().filter(|c| docs[c.doc].copy_of.is_none()).map(|c| docs[c.doc].text(&docs[c.doc].sents[c.sent]).split_whitespace().count()).sum();
    let k = k.unwrap_or_else(|| length_for(independent, usable_words));
    cands.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)).then(a.sent.cmp(&b.sent)));
    cands.truncate(400);
    // maximal marginal relevance: each next sentence is the best less its likeness to those
    // already taken; one too like any of them is never taken
    let mut chosen: Vec<&C> = Vec::new();
    let mut left: Vec<&C> = cands.iter().collect();
    while chosen.len() < k && !left.is_empty() {
        let like = |c: &C| chosen.iter().map(|o| cosine(vocab, &docs[c.doc].sents[c.sent].terms, &docs[o.doc].sents[o.sent].terms)).fold(0.0f32, f32::max);
        left.retain(|c| like(c) < REDUNDANT);
        // covering: an article not yet cited brings what the others do not
        let fresh = |c: &C| if chosen.iter().any(|o| fams[o.doc] == fams[c.doc]) { 0.0 } else { COVER };
        let Some((i, _)) = left.iter().enumerate().map(|(i, c)| (i, c.score - MMR * like(c) + fresh(c))).max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))) else {
            break;
        };
        chosen.push(left.remove(i));
    }
    let said: Vec<(Option<chrono::NaiveDate>, SummarySentence)> = chosen
        .into_iter()
        .map(|c| {
            let d = &docs[c.doc];
            let s = &d.sents[c.sent];
            let mut sources = vec![c.doc];
            let best = sims.best_per_doc(c.doc, c.sent);
            for (dj, e) in docs.iter().enumerate() {
                if dj == c.doc {
                    continue;
                }
                let copy = e.copy_of.as_deref() == Some(d.id()) || d.copy_of.as_deref() == Some(e.id());
                if copy || best[dj] >= SUPPORTS {
                    sources.push(dj);
                }
            }
            sources[1..].sort_by_key(|&i| (docs[i].date, i));
            // first reported: the earliest date of the articles that say it
            let first = sources.iter().filter_map(|&i| docs[i].date).min();
            let text = display(d.text(s), 400);
            let mut days = days_named(d, s);
            days.retain(|g| text.contains(&g.words));
            (first, SummarySentence { text, sources: sources.into_iter().map(|i| docs[i].id().to_string()).collect(), support: Vec::new(), days })
        })
        .collect();
    latest_first(said)
}

/// The summary leads with the latest development (issue 19): the chosen sentence first
/// reported latest goes first when it was first reported after every other one; the rest keep
/// their order (most central first). Undated sentences never lead.
fn latest_first(mut chosen: Vec<(Option<chrono::NaiveDate>, SummarySentence)>) -> Vec<SummarySentence> {
    let latest = chosen.iter().enumerate().filter_map(|(i, (d, _))| d.map(|d| (d, i))).max_by_key(|&(d, i)| (d, std::cmp::Reverse(i)));
    if let Some((day, i)) = latest {
        let later_than_all = chosen.iter().enumerate().all(|(j, (d, _))| j == i || d.is_some_and(|d| d < day));
        if later_than_all && i > 0 {
            let s = chosen.remove(i);
            chosen.insert(0, s);
        }
    }
    chosen.into_iter().map(|(_, s)| s).collect()
}

/// The days a sentence's weekday and day words name ("on Friday", "yesterday"), resolved
/// against the article's own date: given, from its metadata or its header, never an inferred
/// one (an inferred date would make the gloss a guess). Not where the text gives the date
/// right after ("Friday, May 30"). In the order of the text.
fn days_named(d: &Doc, s: &super::prep::Sent) -> Vec<super::DayGloss> {
    use crate::analysis::times::Rule;
    let text = &d.a.text;
    let span = s.span;
    let anchor = match (d.a.row.published.as_deref(), d.a.row.published_from.as_deref()) {
        (Some(p), from) if from != Some("inferred") => p.get(..10).and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
        _ => None,
    };
    let Some(anchor) = anchor else { return Vec::new() };
    let mut times: Vec<&crate::analysis::Timex> =
        d.layers.times.iter().filter(|t| t.span.start >= span.start && t.span.end <= span.end && matches!(t.rule, Rule::Weekday { .. } | Rule::Day { .. })).collect();
    times.sort_by_key(|t| t.span.start);
    let month = |w: &str| w.starts_with(char::is_uppercase) && crate::analysis::times::month_of(&w.to_lowercase()).is_some();
    let mut out = Vec::new();
    for t in times {
        let Ok(day) = chrono::NaiveDate::parse_from_str(&t.rule.resolve(Some(anchor)), "%Y-%m-%d") else { continue };
        let after = text[t.span.end..span.end].trim_start_matches([',', ' ', '(']);
        if after.starts_with(|c: char| c.is_ascii_digit()) || after.split(|c: char| !c.is_alphabetic()).next().is_some_and(month) {
            continue;
        }
        let words = t.span.of(text).split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(super::DayGloss { words, day: day.to_string() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::length_for;

    #[test]
    fn long_reports_get_a_longer_summary_within_bounds() {
        // three outlets' leads: one sentence each
        assert_eq!(length_for(3, 170), 3);
        assert_eq!(length_for(3, 205), 3);
        // two full reports: more to tell than two sentences
        assert_eq!(length_for(2, 300), 6);
        assert_eq!(length_for(2, 420), 10);
        // never more than ten, never fewer than three
        assert_eq!(length_for(40, 20_000), 10);
        assert_eq!(length_for(1, 30), 3);
    }
}

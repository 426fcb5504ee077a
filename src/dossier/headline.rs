//! Headlines: what a story (or a thread, or any set of articles) is called on a front page.
//!
//! [`story_headline`] names a set of articles by its most central article: the title of that
//! article when the articles have titles, otherwise the first sentence of its lead (never a
//! list of names: that is the keyword label's job, shown beside it). Derived on read from
//! what the store keeps (listing rows and the opening of one text each), so it is always
//! current and needs no schema.
//!
//! **Centrality.** Each candidate's opening (title and first sentences) becomes a set of
//! content terms (`dossier::content_words`: stems, no function words); its score is the
//! cosine between that set and the terms of every other candidate summed. An article that
//! shares the words most of the others use is the centre. Copies, near copies and articles
//! flagged short or machine-translated are counted but never chosen while another is there,
//! and ties go to the earlier article. So an unrelated short article joining a story adds a
//! few terms of its own and cannot take the headline; the headline changes only when the
//! articles that join move the centre.
//!
//! What it refuses: it reads at most [`CANDIDATES`] articles (the first and latest half each,
//! by ingest order) so a headline costs the same whatever the story's size, and it never
//! writes.

use std::collections::HashMap;

use serde::Serialize;

use crate::store::{ArticleRow, Store, StoreError};

/// At most this many articles of a set are weighed: its first and latest halves.
pub const CANDIDATES: usize = 48;
/// Bytes of each article's body read for its opening.
const OPENING_BYTES: usize = 700;

/// A set of articles' headline and the article it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headline {
    pub text: String,
    /// The article whose title or lead it is.
    pub article: String,
    /// `title` or `lead`.
    pub from: &'static str,
}

/// The headline of a story or any set of articles (ids in ingest order); `None` when none of
/// them is stored. See the module doc for how the centre is found.
pub fn story_headline(store: &dyn Store, articles: &[String]) -> Result<Option<Headline>, StoreError> {
    let ids: Vec<String> = if articles.len() <= CANDIDATES {
        articles.to_vec()
    } else {
        let half = CANDIDATES / 2;
        articles[..half].iter().chain(&articles[articles.len() - half..]).cloned().collect()
    };
    let rows = store.article_rows(&ids)?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut openings = Vec::with_capacity(rows.len());
    for r in &rows {
        let text = if rows.len() == 1 && has_title(r) { None } else { store.text(&r.id)? };
        openings.push(text.map(|t| opening(&t, &r.lead)).unwrap_or_default());
    }
    Ok(choose(&rows, &openings))
}

fn has_title(r: &ArticleRow) -> bool {
    r.title.as_deref().is_some_and(|t| t.split_whitespace().count() >= 3)
}

/// Whether an article may give the headline while a better one is there.
fn plain(r: &ArticleRow) -> bool {
    r.copy_of.is_none() && !r.flags.iter().any(|f| f == "short" || f == "machine-translated")
}

/// The opening of a text: up to [`OPENING_BYTES`] of its body, from where its listing lead
/// starts (after any header line or dateline).
fn opening(text: &str, lead: &str) -> String {
    let probe: String = lead.trim_end_matches('…').chars().take(24).collect();
    let start = if probe.trim().is_empty() { 0 } else { text.find(probe.trim()).unwrap_or(0) };
    let body = &text[start..];
    let mut end = body.len().min(OPENING_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end].to_string()
}

/// The pure part: rows and their openings → the headline.
fn choose(rows: &[ArticleRow], openings: &[String]) -> Option<Headline> {
    static STOP: std::sync::LazyLock<crate::stories::features::Stop> = std::sync::LazyLock::new(crate::stories::features::Stop::new);
    let terms: Vec<Vec<String>> = rows
        .iter()
        .zip(openings)
        .map(|(r, o)| {
            let first = first_sentences(o, 2);
            let mut t = super::content_words(&format!("{} {first}", r.title.as_deref().unwrap_or("")), &STOP);
            t.sort_unstable();
            t.dedup();
            t
        })
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for t in &terms {
        for w in t {
            *df.entry(w.as_str()).or_default() += 1.0;
        }
    }
    let score = |i: usize| -> f64 {
        let t = &terms[i];
        if t.is_empty() || rows.len() == 1 {
            return 0.0;
        }
        // the others' summed vector: every count less this article's own
        let dot: f64 = t.iter().map(|w| df[w.as_str()] - 1.0).sum();
        let mut norm = 0.0;
        for (w, c) in &df {
            let c = if t.binary_search_by(|x| x.as_str().cmp(w)).is_ok() { c - 1.0 } else { *c };
            norm += c * c;
        }
        if norm == 0.0 { 0.0 } else { dot / ((t.len() as f64).sqrt() * norm.sqrt()) }
    };
    let scores: Vec<f64> = (0..rows.len()).map(score).collect();
    let titled = rows.iter().any(has_title);
    let usable = |i: usize| -> bool { if titled { has_title(&rows[i]) } else { !crate::text::opening::lead_sentence(&openings[i], &rows[i].lead).is_empty() } };
    let any_plain = (0..rows.len()).any(|i| usable(i) && plain(&rows[i]));
    let best = (0..rows.len())
        .filter(|&i| usable(i) && (plain(&rows[i]) || !any_plain))
        // the highest score; the earlier article on a tie
        .fold(None, |best: Option<usize>, i| match best {
            Some(b) if scores[b] >= scores[i] - 1e-9 => Some(b),
            _ => Some(i),
        })?;
    let r = &rows[best];
    let (text, from) = if titled {
        (crate::text::ellipsize(&crate::text::opening::one_line(r.title.as_deref().unwrap_or("")), crate::text::opening::MAX_CHARS), "title")
    } else {
        (crate::text::opening::lead_sentence(&openings[best], &r.lead), "lead")
    };
    Some(Headline { text, article: r.id.clone(), from })
}

/// The first `n` sentences of a text (the one segmenter's, English rules).
fn first_sentences(text: &str, n: usize) -> &str {
    let spans = crate::text::sentence_spans(text, None);
    match spans.get(n.min(spans.len()).saturating_sub(1)) {
        Some(s) => &text[..s.end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, title: Option<&str>, lead: &str) -> ArticleRow {
        ArticleRow {
            id: id.into(),
            published: None,
            published_from: None,
            source: None,
            title: title.map(str::to_string),
            chars: 1000,
            language: Some("en".into()),
            copy_of: None,
            format: "txt".into(),
            lead: crate::text::lead(lead),
            flags: Vec::new(),
        }
    }

    #[test]
    fn the_most_central_lead_gives_the_headline() {
        let texts = [
            "Trump urged Ukraine to accept direct peace talks. He said it on Sunday.",
            "Russia and Ukraine agreed to hold direct peace talks in Istanbul on Thursday, officials said.",
            "Zelensky said he would wait for Putin in Istanbul on Thursday. The talks may not happen.",
        ];
        let rows: Vec<ArticleRow> = texts.iter().enumerate().map(|(i, t)| row(&format!("a{i}"), None, t)).collect();
        let openings: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        let h = choose(&rows, &openings).unwrap();
        assert_eq!(h.from, "lead");
        assert!(h.text.starts_with("Russia and Ukraine agreed to hold direct peace talks in Istanbul"), "{h:?}");
        // an unrelated short article joining does not move it
        let mut rows2 = rows.clone();
        let mut openings2 = openings.clone();
        rows2.push(row("x", None, "Ready for talks, Kyiv says."));
        rows2[3].flags.push("short".into());
        openings2.push("Ready for talks, Kyiv says.".into());
        assert_eq!(choose(&rows2, &openings2), Some(h));
    }

    #[test]
    fn titles_win_over_leads_and_names_are_not_a_headline() {
        let rows = vec![
            row("a", None, "Iowa, New Hampshire, Marco Rubio"),
            row("b", Some("Rubio wins backing of Iowa's governor before the caucus"), "Marco Rubio won the backing of the governor."),
        ];
        let openings = vec!["Iowa, New Hampshire, Marco Rubio".to_string(), "Marco Rubio won the backing of the governor.".to_string()];
        let h = choose(&rows, &openings).unwrap();
        assert_eq!((h.text.as_str(), h.article.as_str(), h.from), ("Rubio wins backing of Iowa's governor before the caucus", "b", "title"));
    }
}

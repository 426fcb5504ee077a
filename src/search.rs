//! Search: a user's query → folded keys → the store's full-text index → ranked hits with
//! snippets. Folding (`text::search_key`) makes "Erdogan" find "Erdoğan" and "Zelensky" find
//! "Zelenskyy"; words in double quotes must stand together.

use serde::Serialize;

use crate::json::QuoteGroupOut;
use crate::store::{ArticleRow, EntitySummary, Store, StoreError};
use crate::text::{search_key, words};

/// A query as lists of keys: each inner list is one word or one quoted phrase.
pub fn parse_query(q: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        let keys: Vec<String> = words(part)
            .map(|(s, e)| {
                let mut k = String::new();
                search_key(&part[s..e], &mut k);
                k
            })
            .filter(|k| !k.is_empty())
            .collect();
        if i % 2 == 1 {
            if !keys.is_empty() {
                let mut keys = keys;
                keys.truncate(MAX_QUERY_TERMS);
                out.push(keys); // a quoted phrase
            }
        } else {
            out.extend(keys.into_iter().map(|k| vec![k]));
        }
    }
    // every term must occur, so a repeated one adds nothing; and the work a query asks of the
    // index is bounded ("the the the …" × 250 took seconds and stalled other requests)
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert(t.clone()));
    out.truncate(MAX_QUERY_TERMS);
    out
}

/// At most this many terms (words or quoted phrases) of a query are used, and this many words
/// of a phrase; the rest are dropped.
pub const MAX_QUERY_TERMS: usize = 16;

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub article: ArticleRow,
    /// Relevance (BM25; higher is better).
    pub score: f64,
    /// A passage of the text around the matches.
    pub snippet: String,
    /// Where the query matched inside `snippet`, as code-point ranges.
    pub matches: Vec<(usize, usize)>,
    /// How many stored articles carry this exact text (the first is shown).
    pub carriers: i64,
}

/// Run a query against the store.
pub fn search(store: &dyn Store, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>, StoreError> {
    let terms = parse_query(query);
    let hits = store.search_keys(&terms, limit, offset)?;
    let wanted: std::collections::HashSet<&str> = terms.iter().flatten().map(|s| s.as_str()).collect();
    Ok(hits
        .into_iter()
        .map(|h| {
            let (snippet, matches) = snippet(&h.text, &wanted, 32);
            Hit { article: h.row, score: h.score, snippet, matches, carriers: h.carriers }
        })
        .collect())
}

/// The window of about `width` words that holds the most distinct query keys, with the
/// positions of the matched words (code points, relative to the snippet).
pub fn snippet(text: &str, wanted: &std::collections::HashSet<&str>, width: usize) -> (String, Vec<(usize, usize)>) {
    let ws: Vec<(usize, usize)> = words(text).collect();
    if ws.is_empty() {
        return (String::new(), Vec::new());
    }
    let mut key = String::new();
    let hit: Vec<Option<String>> = ws
        .iter()
        .map(|&(s, e)| {
            search_key(&text[s..e], &mut key);
            wanted.contains(key.as_str()).then(|| key.clone())
        })
        .collect();
    // best window by distinct keys, then by total hits
    let mut best = (0usize, 0usize, 0usize);
    let first_hit = hit.iter().position(|h| h.is_some()).unwrap_or(0);
    for start in 0..ws.len() {
        if hit[start].is_none() && start != first_hit {
            continue;
        }
        let end = (start + width).min(ws.len());
        let mut distinct = std::collections::HashSet::new();
        let mut total = 0;
        for h in hit[start..end].iter().flatten() {
            distinct.insert(h.as_str());
            total += 1;
        }
        if (distinct.len(), total) > (best.1, best.2) {
            best = (start, distinct.len(), total);
        }
    }
    // start a few words before the first hit, for context
    let start_w = best.0.saturating_sub(6);
    let end_w = (start_w + width).min(ws.len());
    let from = if start_w == 0 { 0 } else { ws[start_w].0 };
    let to = if end_w == ws.len() { text.len() } else { ws[end_w - 1].1 };
    let body = &text[from..to];
    let mut out = String::new();
    let lead = if from > 0 { "…" } else { "" };
    out.push_str(lead);
    let base = lead.chars().count();
    let mut matches = Vec::new();
    // map matched words into the snippet's char offsets (whitespace collapsed below keeps positions simple: we do not collapse)
    for (i, &(s, e)) in ws[start_w..end_w].iter().enumerate() {
        if hit[start_w + i].is_some() {
            let cs = base + text[from..s].chars().count();
            let ce = cs + text[s..e].chars().count();
            matches.push((cs, ce));
        }
    }
    // newlines become spaces (same length in chars, so positions hold)
    out.extend(body.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }));
    if to < text.len() {
        out.push('…');
    }
    (out, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_terms_count_once_and_queries_are_bounded() {
        assert_eq!(parse_query(&"the ".repeat(250)), [vec!["the".to_string()]]);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(parse_query(&many).len(), MAX_QUERY_TERMS);
        assert_eq!(parse_query("Erdogan \"istanbul talks\" erdoğan").len(), 2);
    }

    #[test]
    fn queries_fold_and_keep_phrases() {
        assert_eq!(parse_query("Erdoğan"), vec![vec!["erdogan".to_string()]]);
        assert_eq!(parse_query("\"Zelenskyy said\" Kyiv"), vec![vec!["zelenski".to_string(), "said".to_string()], vec!["kiv".to_string()]]);
        assert!(parse_query("  \"\" ").is_empty());
    }

    #[test]
    fn snippet_marks_matches() {
        let text = "Markets were calm. Later, Turkish President Recep Tayyip Erdoğan said Türkiye would host the talks.";
        let wanted: std::collections::HashSet<&str> = ["erdogan"].into_iter().collect();
        let (s, m) = snippet(text, &wanted, 8);
        assert_eq!(m.len(), 1);
        let matched: String = s.chars().skip(m[0].0).take(m[0].1 - m[0].0).collect();
        assert_eq!(matched, "Erdoğan");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    }
}

/// One entity with its quotes, for `storyline entity NAME`.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    #[serde(flatten)]
    pub entity: EntitySummary,
    /// The quote groups this entity is the speaker of.
    pub quotes: Vec<QuoteGroupOut>,
}

/// Find an entity by any of its names or spellings ("Zelensky" finds the person stored as
/// Volodymyr Zelenskyy; "Kiev" finds Kyiv).
pub fn find_entity(store: &dyn Store, name: &str) -> Result<Option<EntityReport>, StoreError> {
    let Some(entity) = entity_named(store, name)? else { return Ok(None) };
    let quotes = if entity.kind == "PERSON" || entity.kind == "ORG" { crate::json::quote_groups(store, &store.quote_groups(Some(&entity.name))?)? } else { Vec::new() };
    Ok(Some(EntityReport { entity, quotes }))
}

/// The entity [`find_entity`] finds, without its quotes.
pub fn entity_named(store: &dyn Store, name: &str) -> Result<Option<EntitySummary>, StoreError> {
    let key = crate::analysis::entity_key(name, crate::analysis::EntityKind::Other);
    if key.is_empty() {
        return Ok(None);
    }
    let mut found = store.entity_summaries(None, Some(&key))?;
    if found.is_empty() {
        let fold = |s: &str| crate::analysis::entity_key(s, crate::analysis::EntityKind::Other);
        let has_words = |hay: &str| {
            let hay = format!(" {} ", fold(hay));
            hay.contains(&format!(" {key} "))
        };
        found = store
            .entity_summaries(None, None)?
            .into_iter()
            .filter(|e| has_words(&e.name) || e.key == key || e.spellings.iter().any(|s| has_words(s)))
            .collect();
    }
    Ok(found.into_iter().next())
}

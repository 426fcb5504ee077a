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
//! **Teasers.** A scraped page opens with its site's teasers for other pages, where its lead
//! is read. Lines that [`SHARED_FAMILIES`] pages of the set repeat as titles, or that two
//! pages repeat in a run of titles, are cut first (`text::furniture::SharedLines`); then a
//! lead that stands as a title or short line of its own is counted in the whole store (one
//! phrase count, at most [`STORE_CHECKS`]): on that many texts, it is the site's, and the
//! next lead is read. Of the 423 ML-Crisis stories, 82 headlines changed, from a teaser
//! ("España exigirá una PCR negativa en origen…", a 2020 teaser on 2011 pages, headed 27
//! stories; none now) to the page's own title or lead; of Timeline17's 1,152, 18 ("Helicopter
//! crashes into crane on London tower, kills two." headed four swine-flu stories).
//!
//! What it refuses: it reads at most [`CANDIDATES`] articles (the first and latest half each,
//! by ingest order) so a headline costs the same whatever the story's size, and it never
//! writes.

use std::collections::HashMap;

use serde::Serialize;

use crate::store::{ArticleRow, Store, StoreError};
use crate::text::furniture::{SHARED_FAMILIES, SharedLines};

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
    let mut rows = rows;
    let mut texts: Vec<Option<String>> =
        rows.iter().map(|r| if rows.len() == 1 && has_title(r) { Ok(None) } else { store.text(&r.id) }).collect::<Result<_, _>>()?;
    // the teasers a site runs on each of its pages are no one's lead: those the set repeats,
    // then a lead that stands as a short line or a title of its own and that other texts in
    // the store repeat word for word (a page of one site in this story, the others elsewhere)
    let mut shared = if rows.len() >= SHARED_FAMILIES {
        SharedLines::find(rows.iter().zip(&texts).filter_map(|(r, t)| t.as_deref().map(|t| (t, r.copy_of.as_deref().unwrap_or(&r.id)))))
    } else {
        SharedLines::default()
    };
    let mut checks = 0;
    loop {
        // cut in place: the furniture only grows, and a line cut once is not found again
        cut_furniture(&shared, &mut rows, &mut texts);
        let openings: Vec<String> = rows.iter().zip(&texts).map(|(r, t)| t.as_deref().map(|t| opening(t, &r.lead)).unwrap_or_default()).collect();
        let Some(h) = choose(&rows, &openings) else { return Ok(None) };
        let Some((text, at)) = (h.from == "lead")
            .then(|| rows.iter().position(|r| r.id == h.article))
            .flatten()
            .and_then(|i| texts[i].as_deref())
            .and_then(|t| {
                t.find(probe(&h.text).trim()).map(|at| (t, at))
            })
        else {
            return Ok(Some(h));
        };
        // the lead's line, and the teasers in a run with it, while the store repeats them
        let mut found = false;
        for line in SharedLines::teaser_run(text, at) {
            if checks == STORE_CHECKS {
                break;
            }
            checks += 1;
            if store.search_count(&crate::search::parse_query(&format!("\"{}\"", line.replace('"', " "))))? < SHARED_FAMILIES {
                break;
            }
            shared.add(line);
            found = true;
        }
        if !found {
            return Ok(Some(h));
        }
    }
}

/// How many lines a headline checks against the whole store (one phrase count each): a
/// scraped page's sidebar runs a dozen teasers.
const STORE_CHECKS: usize = 16;

/// Cuts the furniture lines from each text (and drops a lead read from them, so that it is no
/// fallback either). Texts with none are left as they are.
fn cut_furniture(shared: &SharedLines, rows: &mut [ArticleRow], texts: &mut [Option<String>]) {
    if shared.is_empty() {
        return;
    }
    for (r, t) in rows.iter_mut().zip(texts.iter_mut()) {
        let Some(text) = t else { continue };
        let furniture = shared.spans_in(text);
        if furniture.is_empty() {
            continue;
        }
        let mut kept = String::with_capacity(text.len());
        let mut at = 0;
        for l in &furniture {
            kept.push_str(&text[at..l.start]);
            at = l.end;
        }
        kept.push_str(&text[at..]);
        if !kept.contains(probe(&r.lead).trim()) {
            r.lead.clear();
        }
        *text = kept;
    }
}

/// The opening words of a lead or headline that find it in its text.
fn probe(lead: &str) -> String {
    lead.trim_end_matches('…').chars().take(24).collect()
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
    let probe = probe(lead);
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

    /// El Mundo pages of the ML-Crisis sets open with a 2020 teaser for another of the site's
    /// pages; two of them join one 2011 story. The teaser is not the story's headline once the
    /// store holds a third page with it.
    #[test]
    fn a_teaser_the_store_repeats_is_no_headline() {
        let teaser = "España exigirá una PCR negativa en origen a todos los viajeros que lleguen a España desde países de riesgo";
        let pages = [
            ("a", format!("{teaser}\nLa protesta estalla en Libia\n2.000 personas se manifiestan en Bengasi contra el régimen y por la liberación de los presos políticos.")),
            ("b", format!("{teaser}\nLa oposición libia denuncia seis muertes en una protesta contra el régimen de Gadafi\nAyer se había convocado a través de las redes sociales el 'Día de la ira' contra el dictador.")),
            ("c", format!("{teaser}\nEgipto traslada tropas a península Sinaí con la aprobación de Israel\nEl Ejército egipcio ha desplegado dos batallones en el Sinaí.")),
        ];
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("elmundo.jsonl");
        let headline = |n: usize| {
            let lines: Vec<String> = pages[..n].iter().map(|(id, t)| serde_json::json!({"id": id, "published": "2011-02-17", "lang": "es", "text": t}).to_string()).collect();
            std::fs::write(&file, lines.join("\n")).unwrap();
            let mut store = crate::store::sqlite::SqliteStore::in_memory().unwrap();
            crate::ingest::ingest(&mut store, std::slice::from_ref(&file), &Default::default(), &mut crate::ingest::Silent).unwrap();
            story_headline(&store, &["a".to_string(), "b".to_string()]).unwrap().unwrap().text
        };
        // two pages with it: nothing says it is the site's and not the story's
        assert_eq!(headline(2), teaser);
        // a third page elsewhere in the store carries it: the lead is the page's own
        let h = headline(3);
        assert!(h == "La protesta estalla en Libia" || h.starts_with("La oposición libia denuncia seis muertes"), "{h}");
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

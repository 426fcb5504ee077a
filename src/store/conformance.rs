//! The conformance suite every [`Store`] backend must pass: one check per method or group of
//! methods, each on a fresh, empty store, covering every method of the six traits (a test
//! beside it fails if a trait method is missing here). It is part of the library, not of the
//! tests, so that a backend written elsewhere runs the same checks:
//!
//! ```
//! storyline::store::conformance::run(&|| Box::new(storyline::store::sqlite::SqliteStore::in_memory().unwrap()));
//! ```
//!
//! A check panics (with its name and what differed) when the backend does not conform. It
//! knows nothing of any backend: migrations of old stores are each backend's own tests.

use super::*;
use crate::analysis::claims::Claim;
use crate::analysis::{Entity, Quote, TimeType, Timex};
use crate::model::{DateSource, Dateline, Format, Origin};

/// One check: its name, and the function that runs it on a fresh store.
pub type Check = (&'static str, fn(Box<dyn Store>));

/// Every check, in the order [`run`] runs them.
pub const CHECKS: &[Check] = &[
    ("articles: new, copy, unchanged, conflict", put_outcomes),
    ("articles: metadata, byte spans and layers", article_spans_and_layers),
    ("articles: listing order and pages", listing_order),
    ("articles: search folds spellings", search_folds_spellings),
    ("articles: dates linking may still set", undated_and_inferred_dates),
    ("articles: outlets and languages", facets),
    ("articles: dates and copies", article_dates),
    ("layers: quotes of articles", quotes_of_articles),
    ("layers: entities merged across articles", entity_summaries),
    ("links: signatures and band keys", signatures),
    ("links: stories and their aggregates", story_aggregates),
    ("links: articles per day", story_days),
    ("links: quote group records", quote_group_records),
    ("links: quote groups as read", quote_groups_read),
    ("links: dated neighbours", dated_neighbours),
    ("cluster: state round trips", cluster_state_round_trips),
    ("cluster: a moved version is refused", cluster_version_refused),
    ("threads: states, keys, members and the listing", threads),
    ("transactions: begin and commit", transactions),
];

/// Run every check, each on a fresh, empty store from `make`.
pub fn run(make: &dyn Fn() -> Box<dyn Store>) {
    for (name, check) in CHECKS {
        eprintln!("store conformance: {name}");
        check(make());
    }
}

/// An article with its analysis (what `put` takes).
fn art(id: &str, text: &str) -> (Article, Analysis) {
    let mut a = Article::new(text.to_string(), Origin { path: format!("{id}.txt"), locator: None, format: Format::Txt });
    a.id = id.to_string();
    let an = crate::analysis::analyze(&a);
    (a, an)
}

/// The same, dated (given) and with an outlet.
fn dated(id: &str, text: &str, source: Option<&str>, day: Option<&str>) -> (Article, Analysis) {
    let (mut a, mut an) = art(id, text);
    a.source = source.map(str::to_string);
    a.published = day.map(|d| d.parse().expect("a date"));
    a.published_from = day.map(|_| DateSource::Given);
    an.inferred = None;
    (a, an)
}

/// The byte span of the first `what` in `text`.
fn at(text: &str, what: &str) -> Span {
    let s = text.find(what).unwrap_or_else(|| panic!("{what:?} not in {text:?}"));
    Span::new(s, s + what.len())
}

/// Hand-made layers (so that no check depends on the extractors).
fn quote(text: &str, words: &str, speaker: Option<&str>, mention: Option<&str>, cue: Option<&str>) -> Quote {
    Quote { span: at(text, words), partial: false, speaker: speaker.map(str::to_string), speaker_mention: mention.map(|m| at(text, m)), cue: cue.map(|c| at(text, c)) }
}

fn entity(text: &str, words: &str, kind: EntityKind, canonical: &str, role: Option<&str>) -> Entity {
    Entity { span: at(text, words), kind, canonical: canonical.to_string(), role: role.map(str::to_string) }
}

fn with_layers(mut x: (Article, Analysis), quotes: Vec<Quote>, entities: Vec<Entity>, times: Vec<Timex>) -> (Article, Analysis) {
    x.1.layers = Layers { quotes, times, entities, claims: Some(Vec::new()), clauses: Some(Vec::new()), sentences: x.1.layers.sentences.take() };
    x
}

fn link(id: &str, story: i64, near: Option<&str>) -> ArticleLinks {
    ArticleLinks { id: id.into(), near_copy_of: near.map(|n| (n.to_string(), 0.9)), story, flags: Vec::new() }
}

fn ids(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn put_outcomes(mut s: Box<dyn Store>) {
    assert_eq!(s.stats().unwrap(), Stats::default(), "an empty store");
    let out = s.put(&[art("a", "Erdoğan met Zelenskyy."), art("b", "Erdoğan met Zelenskyy."), art("c", "Other.")]).unwrap();
    assert_eq!(out, vec![PutOutcome::New, PutOutcome::Copy { of: "a".into() }, PutOutcome::New]);
    let mut again = art("c", "Changed text.");
    again.0.origin.locator = Some("line 2".into());
    let out = s.put(&[art("a", "Erdoğan met Zelenskyy."), again, art("d", "Erdoğan met Zelenskyy.")]).unwrap();
    assert_eq!(out, vec![PutOutcome::Unchanged, PutOutcome::Conflict { stored_from: "c.txt".into() }, PutOutcome::Copy { of: "a".into() }]);
    assert_eq!(s.stats().unwrap(), Stats { articles: 4, texts: 2, copies: 2 });
    let a = s.article("a").unwrap().unwrap();
    assert_eq!(a.copies, ["b", "d"], "later copies, in ingest order");
    assert_eq!((a.text.as_str(), a.row.copy_of.as_deref()), ("Erdoğan met Zelenskyy.", None));
    assert_eq!(a.row.chars, 22, "the length in code points");
    assert_eq!(s.article("b").unwrap().unwrap().row.copy_of.as_deref(), Some("a"));
    assert_eq!(s.article("b").unwrap().unwrap().copies, ["d"], "the other copies");
    assert_eq!(s.article("c").unwrap().unwrap().text, "Other.", "a conflicting id never overwrites");
    assert!(s.article("zzz").unwrap().is_none());
    assert_eq!(s.text("b").unwrap().as_deref(), Some("Erdoğan met Zelenskyy."));
    assert_eq!(s.text("zzz").unwrap(), None);
}

fn article_spans_and_layers(mut s: Box<dyn Store>) {
    let text = " date 2025-05-11\nКИЇВ (Reuters) - Volodymyr Zelenskyy, Ukraine’s president, said “we are ready” on Friday in Kyiv.\n\nMore later.";
    let (mut a, an) = art("z", text);
    a.title = Some("Talks".into());
    a.byline = Some("A. Writer".into());
    a.url = Some("https://example.org/z".into());
    a.canonical_url = Some("https://example.org/z?c".into());
    a.source = Some("Reuters".into());
    a.header = Some(at(text, " date 2025-05-11"));
    a.dateline = Some(Dateline { span: at(text, "КИЇВ (Reuters) -"), place: "КИЇВ".into(), agency: Some("Reuters".into()) });
    a.published = "2025-05-11".parse().ok();
    a.published_from = Some(DateSource::Header);
    a.origin.locator = Some("line 1".into());
    let q = quote(text, "we are ready", Some("Volodymyr Zelenskyy"), Some("Volodymyr Zelenskyy"), Some("said"));
    let es = vec![
        entity(text, "Volodymyr Zelenskyy", EntityKind::Person, "Volodymyr Zelenskyy", Some("Ukraine’s president")),
        entity(text, "Ukraine", EntityKind::Place, "Ukraine", None),
        entity(text, "Kyiv", EntityKind::Place, "Kyiv", None),
    ];
    // "on Friday", said on Sunday 2025-05-11: stored with its rule, so it re-anchors
    let friday = crate::analysis::times::Rule::Weekday { wd: 5, rel: 0, tense: -1 };
    let ts = vec![Timex { span: at(text, "Friday"), kind: TimeType::Date, value: friday.resolve("2025-05-11".parse().ok()), rule: friday }];
    assert_eq!(ts[0].value, "2025-05-09");
    let (a, mut an) = with_layers((a, an), vec![q.clone()], es.clone(), ts.clone());
    let claims = vec![Claim::Quantity { span: at(text, "Friday"), n: 30, unit: "day".into(), thing: "ceasefire".into(), key: "ceasefir".into() }];
    an.layers.claims = Some(claims.clone());
    let clauses = crate::analysis::clauses::find_clauses(text, &crate::text::TextLayer::new(text, None), [at(text, "Friday")], &es);
    assert_eq!(clauses.len(), 1);
    an.layers.clauses = Some(clauses.clone());
    let sentences = crate::text::sentence_spans(text, None);
    assert!(sentences.len() >= 2, "{sentences:?}");
    an.layers.sentences = Some(sentences.clone());
    an.language = Some("en".into());
    an.language_detected = true;
    assert_eq!(s.put(&[(a, an)]).unwrap(), [PutOutcome::New]);
    let got = s.article("z").unwrap().unwrap();
    let r = &got.row;
    assert_eq!((r.id.as_str(), r.title.as_deref(), r.source.as_deref(), r.language.as_deref()), ("z", Some("Talks"), Some("Reuters"), Some("en")));
    assert_eq!((r.published.as_deref(), r.published_from.as_deref(), r.format.as_str()), (Some("2025-05-11"), Some("header"), "txt"));
    assert_eq!(r.lead, "Volodymyr Zelenskyy, Ukraine’s president, said “we are ready” on Friday in Kyiv.", "the lead follows header and dateline");
    assert!(r.flags.is_empty());
    assert_eq!((got.byline.as_deref(), got.url.as_deref(), got.canonical_url.as_deref()), (Some("A. Writer"), Some("https://example.org/z"), Some("https://example.org/z?c")));
    assert!(got.language_detected);
    assert_eq!((got.origin.as_str(), got.origin_locator.as_deref()), ("z.txt", Some("line 1")));
    assert!(!got.ingested_at.is_empty());
    assert_eq!((got.near_copy_of.as_deref(), got.story), (None, None));
    // byte spans: each slices the stored text
    assert_eq!(got.header.map(|h| h.of(&got.text)), Some(" date 2025-05-11"));
    let d = got.dateline.as_ref().unwrap();
    assert_eq!((d.span.of(&got.text), d.place.as_deref(), d.agency.as_deref()), ("КИЇВ (Reuters) -", Some("КИЇВ"), Some("Reuters")));
    assert_eq!(got.body_start(), d.span.end);
    assert_eq!(got.layers.quotes, vec![q.clone()]);
    assert_eq!(got.layers.quotes[0].span.of(&got.text), "we are ready");
    assert_eq!(got.layers.quotes[0].cue.map(|c| c.of(&got.text)), Some("said"));
    assert_eq!(got.layers.entities, es, "in text order");
    assert_eq!(got.layers.times, ts, "values and rules as written");
    assert_eq!(got.layers.times[0].at("2025-05-20".parse().ok()).value, "2025-05-16", "re-anchored by its stored rule");
    assert_eq!(s.article_layers("z").unwrap().map(|l| (l.quotes, l.times, l.entities)), Some((vec![q], ts, es)));
    assert_eq!(got.layers.claims, Some(claims), "claims as written");
    assert_eq!(got.layers.clauses, Some(clauses), "clauses as written: sentence, boundaries and words, in bytes");
    assert_eq!(got.layers.sentences, Some(sentences), "sentences as written, in bytes");
    // a claims stage that ran and found nothing, and one that never ran, stay apart
    let (b, mut bn) = art("ran", "Nothing measured.");
    bn.layers.claims = Some(Vec::new());
    bn.layers.clauses = Some(Vec::new());
    bn.layers.sentences = Some(Vec::new());
    let (c, mut cn) = art("never", "Nothing read.");
    cn.layers.claims = None;
    cn.layers.clauses = None;
    cn.layers.sentences = None;
    s.put(&[(b, bn), (c, cn)]).unwrap();
    assert_eq!(s.article_layers("ran").unwrap().unwrap().claims, Some(Vec::new()));
    assert_eq!(s.article_layers("never").unwrap().unwrap().claims, None);
    assert_eq!(s.article_layers("ran").unwrap().unwrap().clauses, Some(Vec::new()));
    assert_eq!(s.article_layers("never").unwrap().unwrap().clauses, None);
    assert_eq!(s.article_layers("ran").unwrap().unwrap().sentences, Some(Vec::new()));
    assert_eq!(s.article_layers("never").unwrap().unwrap().sentences, None);
    assert!(s.article_layers("zzz").unwrap().is_none());
}

fn listing_order(mut s: Box<dyn Store>) {
    s.put(&[dated("x", "Late.", None, Some("2025-05-30")), dated("y", "Early.", None, Some("2025-05-11")), dated("z", "Undated.", None, None)]).unwrap();
    let list = |by_date, limit, offset| -> Vec<String> { s.articles(&ListQuery { by_date, limit, offset }).unwrap().into_iter().map(|r| r.id).collect() };
    assert_eq!(list(false, None, 0), ["x", "y", "z"]);
    assert_eq!(list(true, None, 0), ["y", "x", "z"], "by date, undated last");
    assert_eq!(list(false, Some(1), 1), ["y"]);
    assert_eq!(list(true, Some(5), 2), ["z"]);
    assert!(list(false, None, 3).is_empty());
    let rows = |ids: &[&str]| -> Vec<String> {
        s.article_rows(&ids.iter().map(|i| i.to_string()).collect::<Vec<_>>()).unwrap().into_iter().map(|r| r.id).collect()
    };
    assert_eq!(rows(&["z", "nope", "x", "z"]), ["z", "x", "z"], "rows in the order asked, unknown ids left out");
    assert!(rows(&[]).is_empty());
}

fn search_folds_spellings(mut s: Box<dyn Store>) {
    let mut titled = art("t4", "Nothing about anyone here.");
    titled.0.title = Some("Erdoğan speaks".into());
    titled.1 = crate::analysis::analyze(&titled.0);
    s.put(&[
        art("t1", "Turkish President Recep Tayyip Erdoğan will host the talks."),
        art("t2", "Zelenskyy said he would wait for Putin in Turkey."),
        art("t3", "Markets were calm on Monday."),
        art("t2copy", "Zelenskyy said he would wait for Putin in Turkey."),
        titled,
    ])
    .unwrap();
    // terms as `search::parse_query` makes them: each a word, or a phrase of adjacent words
    let key = |w: &str| {
        let mut k = String::new();
        crate::text::search_key(w, &mut k);
        k
    };
    let terms = |q: &[&[&str]]| -> Vec<Vec<String>> { q.iter().map(|t| t.iter().map(|w| key(w)).collect()).collect() };
    let found = |q: &[&[&str]]| -> Vec<String> { s.search_keys(&terms(q), 10, 0).unwrap().into_iter().map(|h| h.row.id).collect() };
    assert_eq!(found(&[&["Erdogan"]]), ["t4", "t1"], "a title match first");
    assert_eq!(found(&[&["Zelensky"]]), ["t2"], "one hit per text: its first article");
    assert_eq!(found(&[&["zelenskiy"], &["putin"]]), ["t2"], "every term");
    assert!(found(&[&["zelenskiy"], &["kremlin"]]).is_empty());
    assert_eq!(found(&[&["wait", "for", "Putin"]]), ["t2"], "a phrase");
    assert!(found(&[&["Putin", "for", "wait"]]).is_empty(), "a phrase keeps its order");
    assert!(found(&[]).is_empty());
    assert!(s.search_keys(&[vec![], vec![]], 10, 0).unwrap().is_empty());
    let _ = s.search_keys(&[vec!["and".into(), "or".into()], vec!["near".into()]], 10, 0).unwrap();
    let hit = &s.search_keys(&terms(&[&["putin"]]), 10, 0).unwrap()[0];
    assert_eq!((hit.carriers, hit.text.as_str()), (2, "Zelenskyy said he would wait for Putin in Turkey."));
    assert!(hit.score > 0.0);
    assert_eq!(s.search_keys(&terms(&[&["Erdogan"]]), 1, 1).unwrap().iter().map(|h| h.row.id.as_str()).collect::<Vec<_>>(), ["t1"], "a page");
    assert_eq!(s.search_count(&terms(&[&["Erdogan"]])).unwrap(), 2, "every hit counted, not a page");
    assert_eq!(s.search_count(&terms(&[&["putin"]])).unwrap(), 1, "a text and its copy count once");
    assert_eq!(s.search_count(&terms(&[&["zelenskiy"], &["kremlin"]])).unwrap(), 0);
    assert_eq!(s.search_count(&[vec![], vec![]]).unwrap(), 0);
    let mut ids = s.search_article_ids(&terms(&[&["putin"]]), 10).unwrap();
    ids.sort();
    assert_eq!(ids, ["t2", "t2copy"], "every carrier of a text found");
    let mut ids = s.search_article_ids(&terms(&[&["Erdogan"]]), 1).unwrap();
    ids.sort();
    assert_eq!(ids, ["t4"], "the best text only");
    assert!(s.search_article_ids(&[vec![], vec![]], 10).unwrap().is_empty());
}

fn facets(mut s: Box<dyn Store>) {
    let (uk, mut an) = dated("uk", "Зеленський прибув до Анкари.", Some("Ukrinform"), Some("2025-05-15"));
    an.language = Some("uk".into());
    s.put(&[dated("r", "Talks in Istanbul.", Some("Reuters"), Some("2025-05-16")), (uk, an), dated("none", "No outlet.", None, None)]).unwrap();
    let got = s.article_facets().unwrap();
    let facet = |id: &str, source: Option<&str>, language: Option<&str>| ArticleFacet { id: id.into(), source: source.map(Into::into), language: language.map(Into::into) };
    let r = got.iter().find(|f| f.id == "r").cloned();
    assert_eq!(got.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["r", "uk", "none"], "every article, in ingest order");
    assert_eq!(got[1], facet("uk", Some("Ukrinform"), Some("uk")));
    assert_eq!(got[2].source, None);
    assert_eq!(r.map(|f| f.source), Some(Some("Reuters".to_string())));
}

fn article_dates(mut s: Box<dyn Store>) {
    s.put(&[
        dated("late", "Talks resumed in Istanbul.", Some("Reuters"), Some("2025-06-02")),
        dated("none", "No date is given here.", None, None),
        dated("early", "Putin proposed direct talks.", Some("AP"), Some("2025-05-11")),
        dated("same", "Talks resumed in Istanbul.", Some("AFP"), Some("2025-06-02")),
        dated("near", "Talks resumed in Istanbul on Monday.", Some("BBC"), Some("2025-06-03")),
    ])
    .unwrap();
    s.put_links(&[link("near", 1, Some("late"))], &[(1, "talks".into())]).unwrap();
    let got = |by_date| -> Vec<(String, Option<String>, bool)> { s.article_dates(by_date).unwrap().into_iter().map(|d| (d.id, d.published, d.copy)).collect() };
    let row = |id: &str, day: Option<&str>, copy| (id.to_string(), day.map(str::to_string), copy);
    assert_eq!(
        got(false),
        [row("late", Some("2025-06-02"), false), row("none", None, false), row("early", Some("2025-05-11"), false), row("same", Some("2025-06-02"), true), row("near", Some("2025-06-03"), true)],
        "ingest order; an exact copy and a near copy are copies"
    );
    assert_eq!(got(true).into_iter().map(|r| r.0).collect::<Vec<_>>(), ["early", "late", "same", "near", "none"], "by date, undated last, ties in ingest order");
}

fn undated_and_inferred_dates(mut s: Box<dyn Store>) {
    let (a, mut an) = art("inferred", "Undated text.");
    an.inferred = Some(("2025-05-10".parse().unwrap(), 0.5));
    an.text_date = Some(("2025-05-10".parse().unwrap(), 0.5));
    s.put(&[dated("given", "Dated.", None, Some("2025-05-11")), dated("none", "No date.", None, None), (a, an)]).unwrap();
    let row = |s: &dyn Store, id: &str| s.article(id).unwrap().map(|a| (a.row.published, a.row.published_from)).unwrap();
    assert_eq!(row(&*s, "inferred"), (Some("2025-05-10".into()), Some("inferred".into())), "put stores the inferred date");
    assert_eq!(s.article("inferred").unwrap().unwrap().text_date, Some(("2025-05-10".parse().unwrap(), 0.5)), "and the text's own date");
    assert_eq!(s.article("none").unwrap().unwrap().text_date, None);
    let asked: Vec<String> = ["given", "zzz", "none", "inferred"].map(String::from).to_vec();
    assert_eq!(s.undated_of(&asked).unwrap(), ["none", "inferred"]);
    let day = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
    s.set_inferred_date("given", day("2025-01-01"), 1.0).unwrap();
    assert_eq!(row(&*s, "given"), (Some("2025-05-11".into()), Some("given".into())), "a given date stays");
    s.set_inferred_date("none", day("2025-05-12"), 0.4).unwrap();
    assert_eq!(row(&*s, "none"), (Some("2025-05-12".into()), Some("inferred".into())));
    s.set_inferred_date("inferred", day("2025-05-13"), 0.3).unwrap();
    assert_eq!(row(&*s, "inferred").0.as_deref(), Some("2025-05-10"), "a less sure date does not replace a surer one");
    s.set_inferred_date("inferred", day("2025-05-14"), 0.5).unwrap();
    assert_eq!(row(&*s, "inferred").0.as_deref(), Some("2025-05-14"), "as sure: replaced");
    s.set_inferred_date("zzz", day("2025-05-14"), 0.5).unwrap();
    assert_eq!(s.undated_of(&asked).unwrap(), ["none", "inferred"], "inferred dates may still be replaced");
}

/// Two articles with quotes: "q1" (two quotes) and "q2" (one), for the quote checks.
fn quoted(s: &mut dyn Store) -> (String, String) {
    let t1 = "Erdoğan said “we will host the talks” and added “Istanbul is ready”.";
    let t2 = "“We will host the talks,” Recep Tayyip Erdogan said.";
    let one = with_layers(
        dated("q1", t1, Some("AP"), Some("2025-05-12")),
        vec![quote(t1, "Istanbul is ready", Some("Recep Tayyip Erdoğan"), None, Some("added")), quote(t1, "we will host the talks", Some("Recep Tayyip Erdoğan"), Some("Erdoğan"), Some("said"))],
        vec![],
        vec![],
    );
    let two = with_layers(dated("q2", t2, Some("BBC"), Some("2025-05-11")), vec![quote(t2, "We will host the talks,", None, None, Some("said"))], vec![], vec![]);
    s.put(&[one, two]).unwrap();
    (t1.to_string(), t2.to_string())
}

fn quotes_of_articles(mut s: Box<dyn Store>) {
    let (t1, t2) = quoted(&mut *s);
    let qs = s.quotes_of(&["q2".into(), "zzz".into(), "q1".into()]).unwrap();
    let shown: Vec<(&str, &str)> = qs.iter().map(|q| (q.article.as_str(), q.text.as_str())).collect();
    assert_eq!(shown, [("q2", "We will host the talks,"), ("q1", "we will host the talks"), ("q1", "Istanbul is ready")], "articles in the order asked, quotes in text order");
    let q = &qs[1];
    assert_eq!((q.span.of(&t1), q.speaker_mention.map(|m| m.of(&t1)), q.cue.map(|c| c.of(&t1))), ("we will host the talks", Some("Erdoğan"), Some("said")));
    assert_eq!((q.speaker.as_deref(), q.speaker_key.as_deref()), (Some("Recep Tayyip Erdoğan"), Some(crate::analysis::entity_key("Recep Tayyip Erdoğan", EntityKind::Person).as_str())));
    assert_eq!((q.published.as_deref(), q.source.as_deref(), q.group, q.partial), (Some("2025-05-12"), Some("AP"), None, false));
    assert!(qs[0].seq > q.seq, "seq is the ingest order");
    assert_eq!((qs[0].span.of(&t2), qs[0].speaker_key.as_deref()), ("We will host the talks,", None));
    assert_ne!(qs[1].id, qs[2].id);
    assert!(s.quotes_of(&[]).unwrap().is_empty());
}

fn entity_summaries(mut s: Box<dyn Store>) {
    let t1 = "Volodymyr Zelenskyy met Erdoğan in Kyiv. Zelensky spoke.";
    let t2 = "President Zelenskyy went to Kiev.";
    let t3 = "Zelenskiy stayed home.";
    let key = |n: &str, k| crate::analysis::entity_key(n, k);
    let zel = |t: &str, w: &str, role| entity(t, w, EntityKind::Person, if w == "Zelensky" { "Volodymyr Zelensky" } else { "Volodymyr Zelenskyy" }, role);
    s.put(&[
        with_layers(
            art("e1", t1),
            vec![],
            vec![zel(t1, "Volodymyr Zelenskyy", None), entity(t1, "Erdoğan", EntityKind::Person, "Recep Tayyip Erdoğan", None), entity(t1, "Kyiv", EntityKind::Place, "Kyiv", None), zel(t1, "Zelensky", None)],
            vec![],
        ),
        with_layers(art("e2", t2), vec![], vec![zel(t2, "Zelenskyy", Some("President")), entity(t2, "Kiev", EntityKind::Place, "Kyiv", None)], vec![]),
        with_layers(art("e3", t3), vec![], vec![entity(t3, "Zelenskiy", EntityKind::Person, "Volodymyr Zelenskyy", Some("president"))], vec![]),
    ])
    .unwrap();
    let all = s.entity_summaries(None, None).unwrap();
    let names: Vec<(&str, usize)> = all.iter().map(|e| (e.name.as_str(), e.mentions)).collect();
    assert_eq!(names, [("Volodymyr Zelenskyy", 4), ("Kyiv", 2), ("Recep Tayyip Erdoğan", 1)], "most mentioned first");
    let z = &all[0];
    assert_eq!((z.kind.as_str(), z.key.clone()), ("PERSON", key("Volodymyr Zelenskyy", EntityKind::Person)));
    assert_eq!(z.spellings, ["Volodymyr Zelenskyy", "Zelensky", "Zelenskyy", "Zelenskiy"], "in ingest and text order");
    assert_eq!(ids(&z.articles), ["e1", "e2", "e3"]);
    assert_eq!(z.roles, [RoleRow { role: "President".into(), sources: vec!["e2".into(), "e3".into()] }], "roles meet across case");
    assert_eq!(s.entity_summaries(Some("PLACE"), None).unwrap().iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Kyiv"]);
    let by_key = s.entity_summaries(None, Some(&key("Kyiv", EntityKind::Place))).unwrap();
    assert_eq!((by_key.len(), by_key[0].spellings.clone()), (1, vec!["Kyiv".to_string(), "Kiev".to_string()]));
    assert!(s.entity_summaries(Some("ORG"), None).unwrap().is_empty());
    // a story's entities and the names most of its articles use
    s.put_links(&[link("e1", 1, None), link("e2", 1, None), link("e3", 2, None)], &[]).unwrap();
    let story: Vec<(String, usize)> = s.story_entities(1).unwrap().into_iter().map(|e| (e.name, e.mentions)).collect();
    assert_eq!(story, [("Volodymyr Zelenskyy".to_string(), 3), ("Kyiv".into(), 2), ("Recep Tayyip Erdoğan".into(), 1)]);
    assert!(s.story_entities(9).unwrap().is_empty());
    let want = vec![
        NameCount { key: key("Volodymyr Zelenskyy", EntityKind::Person), kind: EntityKind::Person, name: "Volodymyr Zelensky".into(), articles: 2, mentions: 3 },
        NameCount { key: key("Kyiv", EntityKind::Place), kind: EntityKind::Place, name: "Kyiv".into(), articles: 2, mentions: 2 },
        NameCount { key: key("Recep Tayyip Erdoğan", EntityKind::Person), kind: EntityKind::Person, name: "Recep Tayyip Erdoğan".into(), articles: 1, mentions: 1 },
    ];
    assert_eq!(s.story_top_names(1, 9).unwrap(), want, "by articles, then mentions; the least canonical name under each key");
    assert_eq!(s.story_top_names(1, 1).unwrap(), want[..1], "the first n");
    assert!(s.story_top_names(9, 9).unwrap().is_empty());
    // counted out of the story an article leaves and into the one it joins
    s.set_story("e2", 2).unwrap();
    let top = |s: &dyn Store, story| s.story_top_names(story, 9).unwrap().into_iter().map(|c| (c.name, c.articles, c.mentions)).collect::<Vec<_>>();
    assert_eq!(top(&*s, 1), [("Volodymyr Zelensky".to_string(), 1, 2), ("Kyiv".into(), 1, 1), ("Recep Tayyip Erdoğan".into(), 1, 1)], "ties by name");
    assert_eq!(top(&*s, 2), [("Volodymyr Zelenskyy".to_string(), 2, 2), ("Kyiv".into(), 1, 1)]);
    s.put_links(&[link("e1", 3, None)], &[]).unwrap();
    assert!(top(&*s, 1).is_empty(), "a story its articles all left names no one");
    assert_eq!(top(&*s, 3).len(), 3);
    // the spelling written in ordinary case, whichever came first: a dateline's capitals are
    // not how a story's label should spell a city
    let (t4, t5) = ("KYIV (Reuters) - The talks went on.", "The talks in Kyiv went on.");
    s.put(&[
        with_layers(art("e4", t4), vec![], vec![entity(t4, "KYIV", EntityKind::Place, "KYIV", None)], vec![]),
        with_layers(art("e5", t5), vec![], vec![entity(t5, "Kyiv", EntityKind::Place, "Kyiv", None)], vec![]),
    ])
    .unwrap();
    s.put_links(&[link("e4", 4, None)], &[]).unwrap();
    assert_eq!(top(&*s, 4), [("KYIV".to_string(), 1, 1)]);
    s.put_links(&[link("e5", 4, None)], &[]).unwrap();
    assert_eq!(top(&*s, 4), [("Kyiv".to_string(), 2, 2)], "ordinary case wins over the capitals that came first");
    s.put_links(&[link("e4", 5, None), link("e5", 5, None)], &[]).unwrap();
    assert_eq!(top(&*s, 5), [("Kyiv".to_string(), 2, 2)]);
}

fn signatures(mut s: Box<dyn Store>) {
    s.put(&[art("s1", "One."), art("s2", "Two."), art("s3", "Three.")]).unwrap();
    s.put_signature("s2", &[7, u64::MAX], b"sig2").unwrap();
    s.put_signature("s1", &[7, 8], b"sig1").unwrap();
    s.put_signature("s3", &[9], b"sig3").unwrap();
    let found = |keys: &[u64], limit| s.band_candidates(keys, limit).unwrap();
    assert_eq!(found(&[7], 10), [("s1".to_string(), b"sig1".to_vec()), ("s2".to_string(), b"sig2".to_vec())], "in ingest order");
    assert_eq!(found(&[u64::MAX, 9], 10).iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["s2", "s3"], "any key, the full u64 range");
    assert_eq!(found(&[7, 8, 9], 1).len(), 1, "at most limit");
    assert!(found(&[1], 10).is_empty());
    assert!(s.put_signature("zzz", &[1], b"x").is_err(), "an unknown article cannot be indexed");
    // indexed again: the new signature, the keys it had and the new one, each once
    s.put_signature("s1", &[8, 7, 7, 10], b"sig1b").unwrap();
    let found = |keys: &[u64], limit| s.band_candidates(keys, limit).unwrap();
    assert_eq!(found(&[7], 10), [("s1".to_string(), b"sig1b".to_vec()), ("s2".to_string(), b"sig2".to_vec())]);
    assert_eq!(found(&[10, 8], 10).len(), 1);
}

fn story_aggregates(mut s: Box<dyn Store>) {
    let out = s
        .put(&[
            dated("r1", "Reuters reports the talks.", Some("Reuters"), Some("2025-05-15")),
            dated("r2", "Reuters reports the talks again.", Some("Reuters"), Some("2025-05-16")),
            dated("b1", "The BBC reports the talks.", Some("BBC"), Some("2025-05-14")),
            dated("x", "Someone reports the talks.", None, Some("2025-05-18")),
            dated("r3", "Reuters reports the talks.", Some("AP"), Some("2025-05-17")),
            dated("u", "Undated and unlinked.", None, None),
        ])
        .unwrap();
    assert_eq!(out[4], PutOutcome::Copy { of: "r1".into() });
    assert!(s.stories().unwrap().is_empty() && s.story(1).unwrap().is_none());
    s.put_links(&[link("r1", 1, None), link("r2", 1, None), link("b1", 1, Some("r1")), link("x", 2, None), link("r3", 2, None), link("zzz", 2, None)], &[(1, "one".into()), (2, "two".into())]).unwrap();
    let story = |s: &dyn Store, id: i64| s.story(id).unwrap();
    let row = |s: &dyn Store, id: i64| story(s, id).map(|x| (x.articles.len(), x.first, x.last, x.sources, x.independent_sources.unwrap_or(-1)));
    let day = |d: u32| Some(format!("2025-05-{d}"));
    // Reuters twice and the BBC's near copy; someone without an outlet (an article, not an
    // outlet) and AP's exact copy
    assert_eq!(row(&*s, 1), Some((3, day(14), day(16), 2, 1)));
    assert_eq!(row(&*s, 2), Some((2, day(17), day(18), 1, 0)));
    assert_eq!(story(&*s, 1).unwrap(), StoryRow { id: 1, label: "one".into(), articles: vec!["r1".into(), "r2".into(), "b1".into()], first: day(14), last: day(16), sources: 2, independent_sources: Some(1) });
    assert_eq!(s.stories().unwrap().iter().map(|x| x.id).collect::<Vec<_>>(), [2, 1], "most recent first");
    let outlets = |s: &dyn Store, id: i64| s.story_outlets(id).unwrap();
    assert_eq!(outlets(&*s, 1), [("Reuters".to_string(), 2), ("BBC".to_string(), 1)], "most articles first");
    assert_eq!(outlets(&*s, 2), [("AP".to_string(), 1)], "no unknown outlet");
    assert!(outlets(&*s, 99).is_empty());
    let b1 = s.article("b1").unwrap().unwrap();
    assert_eq!((b1.near_copy_of.as_deref(), b1.near_copy_score, b1.story), (Some("r1"), Some(0.9), Some(1)));
    assert_eq!((s.story_of("b1").unwrap(), s.story_of("u").unwrap(), s.story_of("zzz").unwrap()), (Some(1), None, None));
    // flags are written with the links
    s.put_links(&[ArticleLinks { flags: vec!["short".into(), "not-english".into()], ..link("x", 2, None) }], &[]).unwrap();
    assert_eq!(s.article("x").unwrap().unwrap().row.flags, ["short", "not-english"]);
    assert_eq!(row(&*s, 2), Some((2, day(17), day(18), 1, 0)), "linking an article again does not count it twice");
    // the second pass moves r2 and then r1 out of story 1: Reuters leaves it
    s.set_story("r2", 2).unwrap();
    assert_eq!(row(&*s, 1).map(|r| (r.0, r.3, r.4)), Some((2, 2, 1)), "counts follow at once");
    s.set_story("r1", 2).unwrap();
    s.put_links(&[], &[(1, "one".into()), (2, "two".into())]).unwrap();
    assert_eq!(row(&*s, 1), Some((1, day(14), day(14), 1, 0)));
    assert_eq!(row(&*s, 2), Some((4, day(15), day(18), 2, 1)));
    // a story left with no article is not listed; a new story is made when first named
    s.set_story("b1", 3).unwrap();
    s.put_links(&[], &[(1, String::new()), (3, "three".into())]).unwrap();
    assert_eq!(row(&*s, 1), None);
    assert_eq!(row(&*s, 3), Some((1, day(14), day(14), 1, 0)));
    assert_eq!(s.stories().unwrap().iter().map(|x| x.id).collect::<Vec<_>>(), [2, 3]);
}

fn story_days(mut s: Box<dyn Store>) {
    s.put(&[
        dated("a", "Talks in Istanbul.", None, Some("2025-05-16")),
        dated("b", "Talks in Istanbul, again.", None, Some("2025-05-11")),
        dated("c", "More talks.", None, Some("2025-05-16")),
        dated("d", "Undated talks.", None, None),
        dated("e", "Another story.", None, Some("2025-05-16")),
    ])
    .unwrap();
    s.put_links(&[link("a", 1, None), link("b", 1, None), link("c", 1, None), link("d", 1, None), link("e", 2, None)], &[(1, "talks".into()), (2, "other".into())]).unwrap();
    assert_eq!(s.story_days(1).unwrap(), vec![(None, 1), (Some("2025-05-11".into()), 1), (Some("2025-05-16".into()), 2)]);
    assert!(s.story_days(99).unwrap().is_empty());
}

fn quote_group_records(mut s: Box<dyn Store>) {
    quoted(&mut *s);
    let qs = s.quotes_of(&["q1".into(), "q2".into()]).unwrap();
    let (a, b, c) = (&qs[0], &qs[1], &qs[2]);
    assert!(s.quote_group(1).unwrap().is_none());
    let new = GroupRow { first_seq: 0, first_date: None, ..GroupRow::of(a) };
    let g = s.put_quote_group(&new).unwrap();
    s.set_quote_group(a.id, g).unwrap();
    let stored = s.quote_group(g).unwrap().unwrap();
    assert_eq!(stored, GroupRow { id: Some(g), first_seq: a.seq, first_date: a.published.clone(), ..new.clone() }, "read from the first article");
    // a second group of the same speaker, and one with no speaker key
    let other = s.put_quote_group(&GroupRow { text: b.text.clone(), variants: vec![b.text.clone()], ..new.clone() }).unwrap();
    let none = s.put_quote_group(&GroupRow { speaker: None, speaker_key: None, text: c.text.clone(), variants: vec![c.text.clone()], ..new.clone() }).unwrap();
    assert!(other > g && none > other, "new ids grow");
    // the record overwritten, wordings only added
    let moved = GroupRow { id: Some(g), text: c.text.clone(), first_article: c.article.clone(), first_published: c.published.clone(), articles: 2, variants: vec![c.text.clone()], ..new.clone() };
    assert_eq!(s.put_quote_group(&moved).unwrap(), g);
    s.set_quote_group(c.id, g).unwrap();
    let back = s.quote_group(g).unwrap().unwrap();
    assert_eq!((back.text.as_str(), back.first_article.as_str(), back.first_seq, back.articles), (c.text.as_str(), "q2", c.seq, 2));
    assert_eq!(back.first_date.as_deref(), Some("2025-05-11"));
    assert_eq!(back.variants, [a.text.clone(), c.text.clone()], "in the order added, none removed");
    s.put_quote_group(&GroupRow { variants: vec![c.text.clone(), a.text.clone()], ..back.clone() }).unwrap();
    assert_eq!(s.quote_group(g).unwrap().unwrap().variants.len(), 2, "a wording is stored once");
    let key = a.speaker_key.as_deref();
    assert_eq!(s.group_candidates(key, 10).unwrap(), vec![(other, vec![b.text.clone()]), (g, vec![a.text.clone(), c.text.clone()])], "newest first");
    assert_eq!(s.group_candidates(key, 1).unwrap().len(), 1);
    assert_eq!(s.group_candidates(None, 10).unwrap(), vec![(none, vec![c.text.clone()])]);
    assert!(s.group_candidates(Some("nobody"), 10).unwrap().is_empty());
    assert!(s.put_quote_group(&GroupRow { id: Some(999), ..new }).is_err(), "an unknown group");
    assert!(s.set_quote_group(999_999, g).is_err(), "an unknown quote");
    assert_eq!(s.quotes_of(&["q1".into()]).unwrap().iter().map(|q| q.group).collect::<Vec<_>>(), [Some(g), None]);
}

fn quote_groups_read(mut s: Box<dyn Store>) {
    quoted(&mut *s);
    s.put(&[with_layers(dated("q3", "Putin said “no”.", None, None), vec![quote("Putin said “no”.", "no", Some("Vladimir Putin"), None, None)], vec![], vec![])]).unwrap();
    let qs = s.quotes_of(&["q1".into(), "q2".into(), "q3".into()]).unwrap();
    let head = |q: &QuoteRow, articles| GroupRow { articles, ..GroupRow::of(q) };
    // "we will host the talks" (q1, AP, 12 May) and its earlier form in q2 (BBC, 11 May)
    let host = s.put_quote_group(&GroupRow { speaker: qs[0].speaker.clone(), speaker_key: qs[0].speaker_key.clone(), ..head(&qs[2], 2) }).unwrap();
    s.set_quote_group(qs[0].id, host).unwrap();
    s.set_quote_group(qs[2].id, host).unwrap();
    let ready = s.put_quote_group(&head(&qs[1], 1)).unwrap();
    s.set_quote_group(qs[1].id, ready).unwrap();
    let no = s.put_quote_group(&head(&qs[3], 1)).unwrap();
    s.set_quote_group(qs[3].id, no).unwrap();
    let all = s.quote_groups(None).unwrap();
    assert_eq!(all.iter().map(|g| g.id).collect::<Vec<_>>(), [host, ready, no], "by speaker, then most carried");
    let h = &all[0];
    assert_eq!((h.text.as_str(), h.first_article.as_str(), h.first_published.as_deref(), h.articles), ("We will host the talks,", "q2", Some("2025-05-11"), 2));
    assert_eq!(h.variants.iter().map(|v| v.article.as_str()).collect::<Vec<_>>(), ["q2", "q1"], "variants earliest first");
    assert_eq!(h.variants[1], QuoteRow { group: Some(host), ..qs[0].clone() });
    let of = |name: &str| s.quote_groups(Some(name)).unwrap().into_iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(of("Erdogan"), [host, ready], "any spelling");
    assert_eq!(of("Recep Tayyip Erdoğan"), [host, ready]);
    assert_eq!(of("putin"), [no]);
    assert!(of("Macron").is_empty());
    // a story's groups: only its articles' variants
    s.put_links(&[link("q1", 1, None), link("q3", 1, None), link("q2", 2, None)], &[]).unwrap();
    let story = s.story_quote_groups(1).unwrap();
    assert_eq!(story.iter().map(|g| (g.id, g.articles)).collect::<Vec<_>>(), [(host, 1), (ready, 1), (no, 1)]);
    assert_eq!((story[0].first_article.as_str(), story[0].text.as_str(), story[0].variants.len()), ("q1", "we will host the talks", 1));
    assert_eq!(story[0].speaker.as_deref(), Some("Recep Tayyip Erdoğan"));
    assert!(s.story_quote_groups(9).unwrap().is_empty());
}

fn dated_neighbours(mut s: Box<dyn Store>) {
    let dates = |t: &str, spans: &[(&str, &str)]| spans.iter().map(|(w, v)| Timex::fixed(at(t, w), TimeType::Date, v)).collect::<Vec<_>>();
    let ta = "Talks on Friday, in May and on 2025-05-16.";
    let (mut late, mut an) = art("inf", "Inferred.");
    an.inferred = Some(("2025-05-01".parse().unwrap(), 0.9));
    late.source = None;
    s.put(&[
        with_layers(dated("a", ta, None, Some("2025-05-14")), vec![], vec![], dates(ta, &[("Friday", "2025-05-16"), ("May", "2025-05"), ("2025-05-16", "2025-05-16")])),
        dated("b", "Earlier.", None, Some("2025-05-12")),
        dated("me", "Undated, quoting “the talks will go on”.", None, None),
        (late, an),
        dated("far", "Another story: “the talks will go on”.", None, Some("2025-04-30")),
    ])
    .unwrap();
    s.put_links(&[link("a", 1, None), link("b", 1, None), link("me", 1, None), link("inf", 1, None), link("far", 2, None)], &[]).unwrap();
    let got = s.dated_neighbours("me", 10).unwrap();
    assert_eq!(
        got,
        [
            Neighbour { id: "b".into(), published: "2025-05-12".into(), dates: vec![], shares_quote: false },
            Neighbour { id: "a".into(), published: "2025-05-14".into(), dates: vec!["2025-05-16".into(), "2025-05-16".into()], shares_quote: false },
        ],
        "the story's dated articles, earliest first, with their day-precise dates; never an inferred one"
    );
    assert_eq!(s.dated_neighbours("me", 1).unwrap().len(), 1);
    // the first carrier of a quote group it carries counts too
    let tm = "Undated, quoting “the talks will go on”.";
    let tf = "Another story: “the talks will go on”.";
    s.put(&[
        with_layers(dated("me2", tm, None, None), vec![quote(tm, "the talks will go on", None, None, None)], vec![], vec![]),
        with_layers(dated("far2", tf, None, Some("2025-04-30")), vec![quote(tf, "the talks will go on", None, None, None)], vec![], vec![]),
    ])
    .unwrap();
    let (qm, qf) = (s.quotes_of(&["me2".into()]).unwrap().remove(0), s.quotes_of(&["far2".into()]).unwrap().remove(0));
    let g = s
        .put_quote_group(&GroupRow { text: qf.text.clone(), first_article: "far2".into(), first_published: qf.published.clone(), articles: 2, variants: vec![qf.text.clone()], ..Default::default() })
        .unwrap();
    s.set_quote_group(qm.id, g).unwrap();
    s.set_quote_group(qf.id, g).unwrap();
    assert_eq!(s.dated_neighbours("me2", 10).unwrap(), [Neighbour { id: "far2".into(), published: "2025-04-30".into(), dates: vec![], shares_quote: true }]);
    assert!(s.dated_neighbours("far2", 10).unwrap().is_empty(), "never itself");
    assert!(s.dated_neighbours("zzz", 10).unwrap().is_empty());
}

fn cluster_state_round_trips(mut s: Box<dyn Store>) {
    assert_eq!(s.cluster_meta().unwrap(), ClusterMeta::default(), "an empty state");
    assert!(s.cluster_terms(&[0]).unwrap().is_empty() && s.cluster_recent(10).unwrap().is_empty());
    let day = chrono::NaiveDate::from_ymd_opt(2025, 5, 16);
    let story = ClusterStory { id: 0, n_docs: 2, first_pub: day, last_pub: day, last_seq: 1, dates: vec![day.unwrap()], terms: vec![(0, 0.75), (1, 1e-3)], merged_into: None };
    let recent = |seq: i64, story: u32| ClusterRecent { seq, id: format!("a{seq}"), story, published: None, dates: Vec::new(), raw: vec![(0, 1.0)], contrib: vec![(0, 0.5)] };
    let w = ClusterWrite {
        base_version: 0,
        meta: ClusterMeta { n_docs: 2, next_term: 2, next_story: 2, posting_seq: 3, recent_seq: 3, version: 1 },
        new_terms: vec![ClusterTerm { id: 0, key: "w:talk".into(), kind: 0, df: 2 }, ClusterTerm { id: 1, key: "L:istanbul".into(), kind: 6, df: 1 }],
        stories: vec![story.clone(), ClusterStory { id: 1, merged_into: Some(0), dates: event_days(), ..story.clone() }],
        postings: vec![(0, 1, Some(1)), (0, 0, Some(2)), (1, 0, Some(3))],
        recent: vec![recent(1, 0), recent(2, 0), recent(3, 1)],
        recent_keep: 2,
        ..Default::default()
    };
    s.put_cluster(&w).unwrap();
    assert_eq!(s.cluster_meta().unwrap(), w.meta);
    assert_eq!(s.cluster_terms(&[1, 0, 9]).unwrap(), vec![w.new_terms[1].clone(), w.new_terms[0].clone()], "in the order asked");
    assert_eq!(s.cluster_terms_by_key(&["L:istanbul".into(), "w:none".into(), "w:talk".into()]).unwrap(), vec![w.new_terms[1].clone(), w.new_terms[0].clone()]);
    assert_eq!(s.cluster_stories(&[1, 0, 7]).unwrap(), vec![w.stories[1].clone(), story.clone()]);
    assert_eq!(s.cluster_postings(0, 64).unwrap(), vec![(1, 1), (0, 2)], "least recent first");
    assert_eq!(s.cluster_postings(0, 1).unwrap(), vec![(0, 2)], "capped: the most recent kept");
    assert!(s.cluster_postings(5, 64).unwrap().is_empty());
    assert_eq!(s.cluster_postings_of(&[1, 5, 0], 1).unwrap(), vec![vec![(0, 3)], vec![], vec![(0, 2)]], "each term's, in the order asked");
    assert_eq!(s.cluster_recent(10).unwrap(), vec![recent(2, 0), recent(3, 1)], "only the latest kept");
    assert_eq!(s.cluster_recent(1).unwrap(), vec![recent(3, 1)]);
    // the next batch: df increments, a story changed, a posting moved and one dropped, an article moved
    let moved = ClusterStory { n_docs: 3, terms: vec![(0, 1.0)], ..story.clone() };
    let w2 = ClusterWrite {
        base_version: 1,
        meta: ClusterMeta { n_docs: 3, posting_seq: 4, version: 2, ..w.meta.clone() },
        df: vec![(0, 1)],
        stories: vec![moved.clone()],
        postings: vec![(0, 1, Some(4)), (0, 0, None)],
        recent: vec![recent(3, 0)],
        recent_keep: 2,
        ..Default::default()
    };
    s.put_cluster(&w2).unwrap();
    assert_eq!(s.cluster_terms_by_key(&["w:talk".into()]).unwrap()[0].df, 3);
    assert_eq!(s.cluster_stories(&[0, 1]).unwrap()[0], moved);
    assert_eq!(s.cluster_postings(0, 64).unwrap(), vec![(1, 4)]);
    assert_eq!(s.cluster_recent(10).unwrap()[1].story, 0);
}

/// Event dates of a story, to check they round-trip.
fn event_days() -> Vec<chrono::NaiveDate> {
    vec![chrono::NaiveDate::from_ymd_opt(2025, 5, 11).unwrap(), chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()]
}

fn cluster_version_refused(mut s: Box<dyn Store>) {
    let w = ClusterWrite { base_version: 0, meta: ClusterMeta { n_docs: 1, version: 1, ..Default::default() }, recent_keep: 10, ..Default::default() };
    s.put_cluster(&w).unwrap();
    let e = s.put_cluster(&w).err().expect("refused");
    assert!(e.0.contains("another worker"), "{e}");
    assert_eq!(s.cluster_meta().unwrap().n_docs, 1);
}

fn transactions(mut s: Box<dyn Store>) {
    s.put(&[art("t", "Linked in a transaction.")]).unwrap();
    assert!(s.commit().is_err(), "no transaction is open");
    s.begin().unwrap();
    assert!(s.begin().is_err(), "one at a time");
    s.put_links(&[link("t", 1, None)], &[(1, "one".into())]).unwrap();
    s.put_cluster(&ClusterWrite { base_version: 0, meta: ClusterMeta { version: 1, ..Default::default() }, ..Default::default() }).unwrap();
    s.commit().unwrap();
    assert_eq!((s.story_of("t").unwrap(), s.cluster_meta().unwrap().version), (Some(1), 1));
    // storing and linking as one unit: a rolled-back batch leaves nothing, stored or linked
    assert!(s.rollback().is_err(), "no transaction is open");
    s.begin().unwrap();
    assert_eq!(s.put(&[art("r", "Stored, then rolled back.")]).unwrap(), [PutOutcome::New], "put joins the open transaction");
    s.put_links(&[link("r", 2, None)], &[(2, "two".into())]).unwrap();
    s.rollback().unwrap();
    assert!(s.article("r").unwrap().is_none() && s.story(2).unwrap().is_none());
    // and the same batch is new again afterwards
    assert_eq!(s.put(&[art("r", "Stored, then rolled back.")]).unwrap(), [PutOutcome::New]);
    // several batches may share a transaction, never none
    assert!((1..=16).contains(&s.batches_per_transaction()), "{}", s.batches_per_transaction());
    // several batches in one transaction roll back together
    s.begin().unwrap();
    s.put(&[art("g1", "First batch of a group.")]).unwrap();
    s.put(&[art("g2", "Second batch of a group.")]).unwrap();
    s.rollback().unwrap();
    assert!(s.article("g1").unwrap().is_none() && s.article("g2").unwrap().is_none());
}

fn threads(mut s: Box<dyn Store>) {
    let d = |x: &str| Some(x.parse::<chrono::NaiveDate>().unwrap());
    assert!(s.threads().unwrap().is_empty() && s.thread(1).unwrap().is_none());
    assert!(s.thread_candidates(&[1, 2], 10).unwrap().is_empty());
    let w = |id: Option<i64>, terms: Vec<(u32, f32)>, keys: Vec<u32>, seq: i64| ThreadWrite { id, terms, first: d("2025-05-11"), last: d("2025-05-16"), keys, seq };
    let t1 = s.put_thread(&w(None, vec![(1, 0.5), (7, 0.25)], vec![1, 7], 1)).unwrap();
    let t2 = s.put_thread(&w(None, vec![(7, 1.0)], vec![7], 2)).unwrap();
    assert_eq!((t1, t2), (1, 2), "new threads get the next id");
    assert_eq!(s.thread_states(&[2, 9, 1]).unwrap(), vec![
        ThreadState { id: 2, terms: vec![(7, 1.0)], first: d("2025-05-11"), last: d("2025-05-16") },
        ThreadState { id: 1, terms: vec![(1, 0.5), (7, 0.25)], first: d("2025-05-11"), last: d("2025-05-16") },
    ], "in the order asked, unknown ids left out");
    // each term's latest threads, by seq then greater id; all of them once, by id
    assert_eq!(s.thread_candidates(&[7], 1).unwrap(), [2]);
    assert_eq!(s.thread_candidates(&[7, 1], 1).unwrap(), [1, 2]);
    assert_eq!(s.thread_candidates(&[7], 10).unwrap(), [1, 2]);
    // thread 1 is written again: its state is overwritten, its key 7 moves to the front
    s.put_thread(&ThreadWrite { last: d("2025-06-02"), ..w(Some(1), vec![(1, 0.75)], vec![7], 3) }).unwrap();
    assert_eq!(s.thread_candidates(&[7], 1).unwrap(), [1]);
    assert_eq!(s.thread_states(&[1]).unwrap()[0].last, d("2025-06-02"));
    assert!(s.put_thread(&w(Some(99), vec![], vec![], 4)).is_err(), "an unknown thread is refused");
    // stories in threads; the listing counts only stories with articles
    s.put(&[
        dated("r1", "Reuters reports the talks.", Some("Reuters"), Some("2025-05-15")),
        dated("b1", "The BBC reports the second round.", Some("BBC"), Some("2025-06-02")),
        dated("x", "Someone reports the talks.", None, Some("2025-05-11")),
        dated("y", "Someone else reports another thing.", None, None),
    ])
    .unwrap();
    s.put_links(&[link("r1", 1, None), link("b1", 2, None), link("x", 3, None), link("y", 4, None)], &[(1, "one".into()), (2, "two".into()), (3, "three".into()), (4, "four".into())]).unwrap();
    let m = |story: i64, thread: i64, contrib: Vec<(u32, f32)>| ThreadMember { story, thread, contrib };
    s.set_thread(&m(1, 1, vec![(1, 0.5)])).unwrap();
    s.set_thread(&m(2, 1, vec![(1, 0.25)])).unwrap();
    s.set_thread(&m(3, 2, vec![])).unwrap();
    s.set_thread(&m(4, 2, vec![])).unwrap();
    assert!(s.set_thread(&m(5, 99, vec![])).is_err(), "an unknown thread is refused");
    assert_eq!(s.story_threads(&[2, 7, 1]).unwrap(), vec![m(2, 1, vec![(1, 0.25)]), m(1, 1, vec![(1, 0.5)])]);
    let one = s.thread(1).unwrap().unwrap();
    assert_eq!(one, ThreadRow { id: 1, stories: vec![1, 2], articles: vec!["r1".into(), "b1".into()], first: Some("2025-05-15".into()), last: Some("2025-06-02".into()), outlets: Some(2) });
    let two = s.thread(2).unwrap().unwrap();
    assert_eq!((two.stories, two.articles.len(), two.outlets), (vec![3, 4], 2, None), "undated story last; no known outlet is None");
    assert_eq!(s.threads().unwrap().iter().map(|t| t.id).collect::<Vec<_>>(), [1, 2], "most recent first");
    // a story moves to another thread: the one it left is no longer listed once empty
    s.set_thread(&m(3, 1, vec![])).unwrap();
    s.set_thread(&m(4, 1, vec![])).unwrap();
    assert!(s.thread(2).unwrap().is_none());
    assert_eq!(s.thread(1).unwrap().unwrap().stories, [3, 1, 2, 4]);
    assert_eq!(s.threads().unwrap().len(), 1);
}

//! The conformance suite every [`Store`] backend must pass.

use super::*;
use crate::model::{Format, Origin};

fn art(id: &str, text: &str) -> (Article, Analysis) {
    let mut a = Article::new(text.to_string(), Origin { path: format!("{id}.txt"), locator: None, format: Format::Txt });
    a.id = id.to_string();
    let an = crate::analysis::analyze(&a);
    (a, an)
}

fn keys(q: &str) -> Vec<Vec<String>> {
    crate::search::parse_query(q)
}

/// Runs the whole suite on a fresh, empty store from `make`.
pub fn conformance(make: &dyn Fn() -> Box<dyn Store>) {
    new_copy_unchanged_conflict(make());
    search_folds_spellings(make());
    listing_order(make());
    story_days_count_articles_by_date(make());
}

fn new_copy_unchanged_conflict(mut s: Box<dyn Store>) {
    let out = s.put(&[art("a", "Erdoğan met Zelenskyy."), art("b", "Erdoğan met Zelenskyy."), art("c", "Other.")]).unwrap();
    assert_eq!(out, vec![PutOutcome::New, PutOutcome::Copy { of: "a".into() }, PutOutcome::New]);
    let out = s.put(&[art("a", "Erdoğan met Zelenskyy."), art("c", "Changed text.")]).unwrap();
    assert_eq!(out[0], PutOutcome::Unchanged);
    assert_eq!(out[1], PutOutcome::Conflict { stored_from: "c.txt".into() });
    let stats = s.stats().unwrap();
    assert_eq!((stats.articles, stats.texts, stats.copies), (3, 2, 1));
    let a = s.article("a").unwrap().unwrap();
    assert_eq!(a.copies, vec!["b".to_string()]);
    assert_eq!(a.text, "Erdoğan met Zelenskyy.");
    assert_eq!(s.article("c").unwrap().unwrap().text, "Other.", "a conflicting id never overwrites");
    assert_eq!(s.article("b").unwrap().unwrap().row.copy_of.as_deref(), Some("a"));
    assert!(s.article("zzz").unwrap().is_none());
}

fn story_days_count_articles_by_date(mut s: Box<dyn Store>) {
    let dated = |id: &str, text: &str, day: Option<&str>| {
        let (mut a, an) = art(id, text);
        a.published = day.map(|d| d.parse().unwrap());
        a.published_from = day.map(|_| crate::model::DateSource::Given);
        (a, an)
    };
    s.put(&[
        dated("a", "Talks in Istanbul.", Some("2025-05-16")),
        dated("b", "Talks in Istanbul, again.", Some("2025-05-11")),
        dated("c", "More talks.", Some("2025-05-16")),
        dated("d", "Undated talks.", None),
        dated("e", "Another story.", Some("2025-05-16")),
    ])
    .unwrap();
    let link = |id: &str, story: i64| ArticleLinks { id: id.into(), near_copy_of: None, story, flags: vec![] };
    s.put_links(&[link("a", 1), link("b", 1), link("c", 1), link("d", 1), link("e", 2)], &[(1, "talks".into()), (2, "other".into())]).unwrap();
    let days = s.story_days(1).unwrap();
    assert_eq!(days, vec![(None, 1), (Some("2025-05-11".into()), 1), (Some("2025-05-16".into()), 2)]);
    assert!(s.story_days(99).unwrap().is_empty());
}

fn search_folds_spellings(mut s: Box<dyn Store>) {
    s.put(&[
        art("t1", "Turkish President Recep Tayyip Erdoğan will host the talks."),
        art("t2", "Zelenskyy said he would wait for Putin in Turkey."),
        art("t3", "Markets were calm on Monday."),
    ])
    .unwrap();
    let ids = |q: &str| -> Vec<String> { s.search_keys(&keys(q), 10, 0).unwrap().into_iter().map(|h| h.row.id).collect() };
    assert_eq!(ids("Erdogan"), ["t1"]);
    assert_eq!(ids("Zelensky"), ["t2"]);
    assert_eq!(ids("zelenskiy putin"), ["t2"]);
    assert_eq!(ids("\"wait for Putin\""), ["t2"]);
    assert!(ids("\"Putin for wait\"").is_empty());
    assert!(ids("Kremlin").is_empty());
    assert!(ids("").is_empty());
    assert!(ids("\" AND OR NEAR( * ^").is_empty() || true, "syntax never errors");
}

fn listing_order(mut s: Box<dyn Store>) {
    let mut x = art("x", "Late.");
    x.0.published = chrono::NaiveDate::from_ymd_opt(2025, 5, 30);
    let mut y = art("y", "Early.");
    y.0.published = chrono::NaiveDate::from_ymd_opt(2025, 5, 11);
    s.put(&[x, y, art("z", "Undated.")]).unwrap();
    let ids = |by_date| -> Vec<String> {
        s.articles(&ListQuery { by_date, ..Default::default() }).unwrap().into_iter().map(|r| r.id).collect()
    };
    assert_eq!(ids(false), ["x", "y", "z"]);
    assert_eq!(ids(true), ["y", "x", "z"]);
    let page = s.articles(&ListQuery { limit: Some(1), offset: 1, by_date: false }).unwrap();
    assert_eq!(page[0].id, "y");
}

#[test]
fn sqlite_in_memory_conforms() {
    conformance(&|| Box::new(sqlite::SqliteStore::in_memory().unwrap()));
}

#[test]
fn sqlite_file_keeps_what_it_stored_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut s = sqlite::SqliteStore::open(&path).unwrap();
        s.put(&[art("a", "Kept.")]).unwrap();
    }
    let s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(s.article("a").unwrap().unwrap().text, "Kept.");
}

#[test]
fn a_read_only_connection_reads_what_the_writer_commits_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let missing = sqlite::SqliteStore::open_read_only(&dir.path().join("none.db"));
    assert!(missing.is_err(), "a missing store is not created by a reader");
    let mut w = sqlite::SqliteStore::open(&path).unwrap();
    w.put(&[art("a", "Kept.")]).unwrap();
    let mut r = sqlite::SqliteStore::open_read_only(&path).unwrap();
    assert_eq!(r.article("a").unwrap().unwrap().text, "Kept.");
    w.put(&[art("b", "Later.")]).unwrap();
    assert_eq!(r.article("b").unwrap().unwrap().text, "Later.");
    assert!(r.put(&[art("c", "Refused.")]).is_err());
    assert!(w.article("c").unwrap().is_none());
}

#[test]
fn foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database at all, just some text that is long enough").unwrap();
    let e = sqlite::SqliteStore::open(&junk).err().unwrap();
    assert!(e.0.contains("not a storyline store"), "{e}");
    assert_eq!(std::fs::read(&junk).unwrap(), b"this is not a database at all, just some text that is long enough");

    let other = dir.path().join("other.db");
    let c = rusqlite::Connection::open(&other).unwrap();
    c.execute_batch("CREATE TABLE mine (x INTEGER); INSERT INTO mine VALUES (1);").unwrap();
    drop(c);
    let e = sqlite::SqliteStore::open(&other).err().unwrap();
    assert!(e.0.contains("something else"), "{e}");
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(sqlite::SqliteStore::open(&path).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(c);
    let e = sqlite::SqliteStore::open(&path).err().unwrap();
    assert!(e.0.contains("newer"), "{e}");
}

#[test]
fn a_version_1_store_is_migrated_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        // a store as version 1 of storyline left it
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("migrations/0001_articles.sql")).unwrap();
        c.execute_batch(include_str!("migrations/0001_sqlite_search.sql")).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.pragma_update(None, "application_id", 0x5354_4c4e).unwrap();
        c.execute("INSERT INTO texts (hash, body, chars) VALUES ('x', 'Kept from v1.', 13)", []).unwrap();
        c.execute(
            "INSERT INTO articles (id, text_id, format, origin_path, ingested_at) VALUES ('old', 1, 'txt', 'old.txt', '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let mut s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(s.article("old").unwrap().unwrap().text, "Kept from v1.");
    s.put(&[art("new", "Added after the migration.")]).unwrap();
    assert_eq!(s.stats().unwrap().articles, 2);
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
}

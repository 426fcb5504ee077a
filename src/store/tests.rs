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
    cluster_state_round_trips(make());
    story_aggregates_follow_links_and_moves(make());
}

fn story_aggregates_follow_links_and_moves(mut s: Box<dyn Store>) {
    let dated = |id: &str, text: &str, source: Option<&str>, day: u32| {
        let mut a = art(id, text);
        a.0.source = source.map(str::to_string);
        a.0.published = chrono::NaiveDate::from_ymd_opt(2025, 5, day);
        a
    };
    let out = s
        .put(&[
            dated("r1", "Reuters reports the talks.", Some("Reuters"), 15),
            dated("r2", "Reuters reports the talks again.", Some("Reuters"), 16),
            dated("b1", "The BBC reports the talks.", Some("BBC"), 14),
            dated("x", "Someone reports the talks.", None, 18),
            dated("r3", "Reuters reports the talks.", Some("AP"), 17),
        ])
        .unwrap();
    assert_eq!(out[4], PutOutcome::Copy { of: "r1".into() });
    let link = |id: &str, story: i64, near: Option<&str>| ArticleLinks { id: id.into(), near_copy_of: near.map(|n| (n.to_string(), 0.9)), story, flags: Vec::new() };
    s.put_links(&[link("r1", 1, None), link("r2", 1, None), link("b1", 1, Some("r1")), link("x", 2, None), link("r3", 2, None)], &[(1, "one".into()), (2, "two".into())]).unwrap();
    let story = |s: &dyn Store, id: i64| s.stories().unwrap().into_iter().find(|x| x.id == id);
    let row = |s: &dyn Store, id: i64| story(s, id).map(|x| (x.articles.len(), x.first, x.last, x.sources, x.independent_sources));
    let day = |d: u32| Some(format!("2025-05-{d}"));
    // Reuters twice and the BBC's near copy; someone without an outlet and AP's exact copy
    assert_eq!(row(&*s, 1), Some((3, day(14), day(16), 2, 1)));
    assert_eq!(row(&*s, 2), Some((2, day(17), day(18), 2, 1)));
    assert_eq!(story(&*s, 1).unwrap().label, "one");
    // the second pass moves r2 and then r1 out of story 1: Reuters leaves it
    s.set_story("r2", 2).unwrap();
    s.set_story("r1", 2).unwrap();
    s.put_links(&[], &[(1, "one".into()), (2, "two".into())]).unwrap();
    assert_eq!(row(&*s, 1), Some((1, day(14), day(14), 1, 0)));
    assert_eq!(row(&*s, 2), Some((4, day(15), day(18), 3, 2)));
    // a story left with no article is not listed
    s.set_story("b1", 2).unwrap();
    s.put_links(&[], &[(1, String::new()), (2, "two".into())]).unwrap();
    assert_eq!(row(&*s, 1), None);
    assert_eq!(row(&*s, 2), Some((5, day(14), day(18), 4, 2)));
}

fn cluster_state_round_trips(mut s: Box<dyn Store>) {
    assert_eq!(s.cluster_meta().unwrap(), ClusterMeta::default(), "an empty state");
    let day = chrono::NaiveDate::from_ymd_opt(2025, 5, 16);
    let story = ClusterStory { id: 0, n_docs: 2, first_pub: day, last_pub: day, last_seq: 1, dates: vec![day.unwrap()], terms: vec![(0, 0.75), (1, 1e-3)], merged_into: None };
    let recent = |seq: i64, story: u32| ClusterRecent { seq, id: format!("a{seq}"), story, published: None, dates: Vec::new(), raw: vec![(0, 1.0)], contrib: vec![(0, 0.5)] };
    let w = ClusterWrite {
        base_version: 0,
        meta: ClusterMeta { n_docs: 2, next_term: 2, next_story: 2, posting_seq: 3, recent_seq: 3, version: 1 },
        new_terms: vec![
            ClusterTerm { id: 0, key: "w:talk".into(), kind: 0, df: 2 },
            ClusterTerm { id: 1, key: "L:istanbul".into(), kind: 6, df: 1 },
        ],
        stories: vec![story.clone(), ClusterStory { id: 1, ..story.clone() }],
        postings: vec![(0, 1, Some(1)), (0, 0, Some(2)), (1, 0, Some(3))],
        recent: vec![recent(1, 0), recent(2, 0), recent(3, 1)],
        recent_keep: 2,
        ..Default::default()
    };
    s.put_cluster(&w).unwrap();
    assert_eq!(s.cluster_meta().unwrap(), w.meta);
    assert_eq!(s.cluster_terms(&[1, 0, 9]).unwrap(), vec![w.new_terms[1].clone(), w.new_terms[0].clone()]);
    assert_eq!(s.cluster_stories(&[0]).unwrap(), vec![story.clone()]);
    assert_eq!(s.cluster_postings(0, 64).unwrap(), vec![(1, 1), (0, 2)], "least recent first");
    assert_eq!(s.cluster_postings(0, 1).unwrap(), vec![(0, 2)], "capped: the most recent kept");
    assert_eq!(s.cluster_recent(10).unwrap(), vec![recent(2, 0), recent(3, 1)], "only the latest kept");
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

#[test]
fn a_version_3_store_is_migrated_and_its_story_state_moved_into_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        // a store as version 3 of storyline left it: the clusterer's state one JSON blob
        let c = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("migrations/0001_articles.sql"),
            include_str!("migrations/0001_sqlite_search.sql"),
            include_str!("migrations/0002_layers.sql"),
            include_str!("migrations/0003_stories.sql"),
        ] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
        c.pragma_update(None, "application_id", 0x5354_4c4e).unwrap();
        c.execute("INSERT INTO texts (hash, body, chars) VALUES ('x', 'Kept from v3.', 13)", []).unwrap();
        c.execute("INSERT INTO stories (id, label, articles) VALUES (1, 'talks', 1)", []).unwrap();
        c.execute(
            "INSERT INTO articles (id, text_id, format, origin_path, ingested_at, story_id)
             VALUES ('old', 1, 'txt', 'old.txt', '2025-01-01T00:00:00Z', 1)",
            [],
        )
        .unwrap();
        let blob = r#"{"cfg":{"threshold":0.22},"n_docs":7,"dict":{"w:talk":0,"P:recep tayyip erdogan":1,"p:erdogan":2},
            "keys":["w:talk","P:recep tayyip erdogan","p:erdogan"],"kinds":[0,5,2],"df":[3,2,2],
            "stories":[{"id":0,"n_docs":1,"first_pub":"2025-05-11","last_pub":"2025-05-12","last_seq":6,
                        "dates":["2025-05-15"],"terms":[[0,0.5],[1,0.25]],"merged_into":null}],
            "postings":{"1":[0],"0":[0]},
            "recent":[{"id":"old","story":0,"published":"2025-05-11","dates":[],"raw":[[0,1.0],[1,1.5]],"contrib":[[0,0.5],[1,0.25]]}],
            "moves":[]}"#;
        c.execute("INSERT INTO link_state (name, value) VALUES ('clusterer/v1', ?1)", [blob]).unwrap();
    }
    let mut s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(s.article("old").unwrap().unwrap().text, "Kept from v3.");
    assert_eq!(s.story_of("old").unwrap(), Some(1));
    let m = s.cluster_meta().unwrap();
    assert_eq!((m.n_docs, m.next_term, m.next_story, m.recent_seq), (7, 3, 1, 1));
    let t = s.cluster_terms_by_key(&["P:recep tayyip erdogan".to_string(), "w:nothing".to_string()]).unwrap();
    assert_eq!(t, vec![ClusterTerm { id: 1, key: "P:recep tayyip erdogan".into(), kind: 5, df: 2 }]);
    assert_eq!(s.cluster_terms(&[2]).unwrap()[0].key, "p:erdogan");
    let st = &s.cluster_stories(&[0]).unwrap()[0];
    assert_eq!(st.terms, vec![(0, 0.5), (1, 0.25)]);
    assert_eq!((st.first_pub, st.dates.len()), (chrono::NaiveDate::from_ymd_opt(2025, 5, 11), 1));
    assert_eq!(s.cluster_postings(1, 64).unwrap().iter().map(|x| x.0).collect::<Vec<_>>(), vec![0]);
    let r = s.cluster_recent(200).unwrap();
    assert_eq!((r.len(), r[0].id.as_str(), r[0].raw.clone()), (1, "old", vec![(0, 1.0), (1, 1.5)]));
    // the stories' per-outlet counts are built from the stored links
    s.put(&[art("new", "Added after the migration.")]).unwrap();
    s.put_links(&[ArticleLinks { id: "new".into(), near_copy_of: Some(("old".into(), 0.9)), story: 1, flags: Vec::new() }], &[(1, "talks".into())]).unwrap();
    let st = s.stories().unwrap();
    assert_eq!((st[0].articles.len(), st[0].sources, st[0].independent_sources), (2, 2, 1));
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let blobs: i64 = c.query_row("SELECT count(*) FROM link_state", [], |r| r.get(0)).unwrap();
    assert_eq!(blobs, 0, "the blob is gone once its rows are written");
    drop(c);
    // opening again changes nothing
    let s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(s.cluster_meta().unwrap(), m);
}

#[test]
fn cluster_state_writes_are_refused_against_a_moved_version() {
    let mut s = sqlite::SqliteStore::in_memory().unwrap();
    let w = ClusterWrite { base_version: 0, meta: ClusterMeta { n_docs: 1, version: 1, ..Default::default() }, recent_keep: 10, ..Default::default() };
    s.put_cluster(&w).unwrap();
    let e = s.put_cluster(&w).err().unwrap();
    assert!(e.0.contains("another worker"), "{e}");
    assert_eq!(s.cluster_meta().unwrap().n_docs, 1);
}

//! The SQLite backend's own tests: the conformance suite in memory and on a file, and what
//! only a file store has (reopening, read-only handles, foreign files, schema versions and the
//! migrations of v1, v3 and v4 stores).

use super::*;
use crate::model::{Format, Origin};

fn art(id: &str, text: &str) -> (Article, Analysis) {
    let mut a = Article::new(text.to_string(), Origin { path: format!("{id}.txt"), locator: None, format: Format::Txt });
    a.id = id.to_string();
    let an = crate::analysis::analyze(&a);
    (a, an)
}

/// Entity rows as an older storyline wrote them: (article seq, the word in `text`, kind,
/// canonical name), each with its merge key.
fn insert_entities(c: &rusqlite::Connection, text: &str, rows: &[(i64, &str, &str, &str)]) {
    for &(seq, w, kind, canonical) in rows {
        let b = text.find(w).unwrap() as i64;
        let k = crate::analysis::entity_key(canonical, crate::analysis::EntityKind::parse(kind).unwrap_or(crate::analysis::EntityKind::Other));
        c.execute(
            "INSERT INTO entities (article_seq, start_byte, end_byte, text, kind, canonical, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![seq, b, b + w.len() as i64, w, kind, canonical, k],
        )
        .unwrap();
    }
}

/// A new SQLite file at schema `version`, as that version of storyline left it.
fn store_at_version(path: &std::path::Path, version: i64) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    for (_, sqls, step) in sqlite::MIGRATIONS.iter().filter(|(v, _, _)| *v <= version) {
        for sql in *sqls {
            c.execute_batch(sql).unwrap();
        }
        // a fresh store has nothing to convert: the step finds no rows
        if let Some(step) = step {
            step(&c).unwrap();
        }
    }
    c.pragma_update(None, "user_version", version).unwrap();
    c.pragma_update(None, "application_id", 0x5354_4c4e).unwrap();
    c
}

#[test]
fn sqlite_in_memory_conforms() {
    conformance::run(&|| Box::new(sqlite::SqliteStore::in_memory().unwrap()));
}

#[test]
fn sqlite_files_conform() {
    let dir = tempfile::tempdir().unwrap();
    let n = std::cell::Cell::new(0);
    conformance::run(&|| {
        n.set(n.get() + 1);
        open(dir.path().join(format!("s{}.db", n.get())).to_str().unwrap()).unwrap()
    });
}

/// Every method of the six traits is called by the conformance suite.
#[test]
fn the_conformance_suite_calls_every_store_method() {
    let traits = include_str!("mod.rs");
    let suite = include_str!("conformance.rs");
    let mut methods = Vec::new();
    for name in ["ArticleStore", "LayerStore", "LinkStore", "ClusterStore", "ThreadStore", "Transactions"] {
        let start = traits.find(&format!("pub trait {name} {{")).unwrap_or_else(|| panic!("trait {name}"));
        let block = &traits[start..start + traits[start..].find("\n}\n").unwrap()];
        for line in block.lines() {
            if let Some(rest) = line.trim().strip_prefix("fn ") {
                methods.push(rest[..rest.find('(').unwrap()].to_string());
            }
        }
    }
    assert!(methods.len() >= 37, "{methods:?}");
    let missing: Vec<&String> = methods.iter().filter(|m| !suite.contains(&format!(".{m}("))).collect();
    assert!(missing.is_empty(), "store methods the conformance suite never calls: {missing:?}");
}

#[test]
fn locations_pick_the_backend() {
    assert_eq!(Location::parse("storyline.db"), Location::Sqlite("storyline.db".into()));
    assert_eq!(Location::from(std::path::Path::new("/tmp/x.db")), Location::Sqlite("/tmp/x.db".into()));
    for url in ["postgres://u:secret@127.0.0.1:9/storyline", "PostgreSQL://u:secret@127.0.0.1:9/storyline"] {
        assert_eq!(Location::parse(url), Location::Postgres(url.into()));
        // nothing listens on port 9: the error names the store, without its password
        let e = open(url).err().expect("no server");
        assert!(e.0.contains("cannot open the store") && e.0.contains("u:***@") && !e.0.contains("secret"), "{e}");
        assert!(Location::parse(url).open_reader().is_err());
    }
    assert_eq!(Location::parse("postgres://u:secret@db/s").to_string(), "postgres://u:***@db/s");
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
    let at = Location::from(path.clone());
    let missing = Location::from(dir.path().join("none.db")).open_reader();
    assert!(missing.is_err(), "a missing store is not created by a reader");
    let mut w = at.open().unwrap();
    w.put(&[art("a", "Kept.")]).unwrap();
    let mut r = at.open_reader().unwrap();
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
        let c = store_at_version(&path, 1);
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
        let c = store_at_version(&path, 3);
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
    // neither names its outlet: two articles, no outlet claimed
    assert_eq!((st[0].articles.len(), st[0].sources, st[0].independent_sources), (2, 0, None));
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


/// A store as version 4 of storyline left it: code-point offsets.
#[test]
fn a_version_4_store_is_migrated_to_byte_offsets_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    let text = " date 2025-05-11\nКИЇВ (Reuters) - Erdoğan said “we will host the talks” on Friday.";
    let ascii = "Plain: Putin said \"no\" on Monday.";
    let cp = |s: &str, what: &str| {
        let b = s.find(what).unwrap();
        (s[..b].chars().count() as i64, (s[..b].chars().count() + what.chars().count()) as i64)
    };
    {
        let c = store_at_version(&path, 4);
        for (i, (id, body)) in [("old", text), ("plain", ascii)].into_iter().enumerate() {
            c.execute("INSERT INTO texts (hash, body, chars) VALUES (?1, ?2, ?3)", rusqlite::params![id, body, body.chars().count() as i64]).unwrap();
            let (hs, he) = if i == 0 { cp(body, " date 2025-05-11") } else { (0, 0) };
            let (ds, de) = if i == 0 { cp(body, "КИЇВ (Reuters) -") } else { (0, 0) };
            c.execute(
                "INSERT INTO articles (id, text_id, format, origin_path, ingested_at, header_start, header_end, dateline_start, dateline_end, dateline_place)
                 VALUES (?1, ?2, 'txt', 'old.txt', '2025-01-01T00:00:00Z', ?3, ?4, ?5, ?6, 'КИЇВ')",
                rusqlite::params![id, i as i64 + 1, (i == 0).then_some(hs), (i == 0).then_some(he), (i == 0).then_some(ds), (i == 0).then_some(de)],
            )
            .unwrap();
        }
        let (qs, qe) = cp(text, "we will host the talks");
        let (ms, me) = cp(text, "Erdoğan");
        let (cs, ce) = cp(text, "said");
        c.execute(
            "INSERT INTO quotes (article_seq, start_char, end_char, text, partial, speaker, speaker_key, mention_start, mention_end, mention_text, cue_start, cue_end, cue_text)
             VALUES (1, ?1, ?2, 'we will host the talks', 0, 'Recep Tayyip Erdoğan', 'r erdogan', ?3, ?4, 'Erdoğan', ?5, ?6, 'said')",
            rusqlite::params![qs, qe, ms, me, cs, ce],
        )
        .unwrap();
        let (ts, te) = cp(text, "Friday");
        c.execute("INSERT INTO times (article_seq, start_char, end_char, text, type, value) VALUES (1, ?1, ?2, 'Friday', 'DATE', '2025-05-09')", rusqlite::params![ts, te]).unwrap();
        c.execute("INSERT INTO entities (article_seq, start_char, end_char, text, kind, canonical, key) VALUES (1, ?1, ?2, 'Erdoğan', 'PERSON', 'Recep Tayyip Erdoğan', 'r erdogan')", rusqlite::params![ms, me]).unwrap();
        let (ps, pe) = cp(ascii, "no");
        c.execute("INSERT INTO quotes (article_seq, start_char, end_char, text, partial, speaker) VALUES (2, ?1, ?2, 'no', 0, 'Vladimir Putin')", rusqlite::params![ps, pe]).unwrap();
        let (ps, pe) = cp(ascii, "Putin");
        c.execute("INSERT INTO entities (article_seq, start_char, end_char, text, kind, canonical, key) VALUES (2, ?1, ?2, 'Putin', 'PERSON', 'Vladimir Putin', 'v putin')", rusqlite::params![ps, pe]).unwrap();
    }
    let check = |s: &dyn Store| {
        let a = s.article("old").unwrap().unwrap();
        let t = &a.text;
        assert_eq!(a.header.map(|h| h.of(t)), Some(" date 2025-05-11"));
        assert_eq!(a.dateline.as_ref().map(|d| d.span.of(t)), Some("КИЇВ (Reuters) -"));
        assert_eq!(a.row.lead, "Erdoğan said “we will host the talks” on Friday.");
        let q = &a.layers.quotes[0];
        assert_eq!((q.span.of(t), q.speaker_mention.map(|m| m.of(t)), q.cue.map(|c| c.of(t))), ("we will host the talks", Some("Erdoğan"), Some("said")));
        // (v7 tags an old store's times again: the header's date is one of them now)
        assert!(a.layers.times.iter().any(|x| x.span.of(t) == "Friday"), "{:?}", a.layers.times);
        assert_eq!(a.layers.entities[0].span.of(t), "Erdoğan");
        let p = s.article("plain").unwrap().unwrap();
        assert_eq!((p.layers.quotes[0].span.of(&p.text), p.layers.entities[0].span.of(&p.text)), ("no", "Putin"), "ASCII texts unchanged");
        assert_eq!(s.quotes_of(&["old".into()]).unwrap()[0].span.of(t), "we will host the talks");
    };
    let s = sqlite::SqliteStore::open(&path).unwrap();
    check(&s);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    drop(c);
    // opening again changes nothing (the offsets are converted once)
    let s = sqlite::SqliteStore::open(&path).unwrap();
    check(&s);
    // the JSON edge gives back the code points the v4 store held
    let out = serde_json::to_value(crate::json::ArticleOut::of(&s.article("old").unwrap().unwrap())).unwrap();
    let (qs, qe) = cp(text, "we will host the talks");
    assert_eq!((out["quotes"][0]["start"].as_i64(), out["quotes"][0]["end"].as_i64()), (Some(qs), Some(qe)));
    let (hs, he) = cp(text, " date 2025-05-11");
    assert_eq!((out["header"]["start"].as_i64(), out["header"]["end"].as_i64()), (Some(hs), Some(he)));
}

/// A store as version 6 of storyline left it: times with values alone. v7 tags them again
/// with rules, so a later date re-anchors them; v8 finds its claims; v9 its clauses; v10 its
/// sentences.
#[test]
fn a_version_6_store_gets_time_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.db");
    let text = "Putin said on Tuesday that talks would resume.";
    {
        let c = store_at_version(&path, 6);
        c.execute("INSERT INTO texts (hash, body, chars) VALUES ('h', ?1, ?2)", rusqlite::params![text, text.chars().count() as i64]).unwrap();
        c.execute(
            "INSERT INTO articles (id, text_id, format, origin_path, ingested_at, published, published_from, language)
             VALUES ('old', 1, 'txt', 'old.txt', '2025-01-01T00:00:00Z', '2025-05-16', 'given', 'en')",
            [],
        )
        .unwrap();
        let b = text.find("Tuesday").unwrap() as i64;
        c.execute("INSERT INTO times (article_seq, start_byte, end_byte, text, type, value) VALUES (1, ?1, ?2, 'Tuesday', 'DATE', '2025-05-13')", rusqlite::params![b, b + 7]).unwrap();
    }
    let s = sqlite::SqliteStore::open(&path).unwrap();
    let a = s.article("old").unwrap().unwrap();
    assert_eq!(a.layers.times.len(), 1);
    let t = &a.layers.times[0];
    assert_eq!((t.span.of(&a.text), t.value.as_str()), ("Tuesday", "2025-05-13"));
    assert_eq!(t.at("2025-05-23".parse().ok()).value, "2025-05-20", "re-anchored by the rule the migration stored");
    // v8 ran the claims stage on it: it found none (not "never ran")
    assert_eq!(a.layers.claims, Some(Vec::new()));
    // v9 ran the clause stage over its stored times: "Tuesday" in its sentence
    let cl = a.layers.clauses.as_deref().expect("the clause stage ran");
    assert_eq!(cl.len(), 1);
    assert_eq!((cl[0].expr.of(&a.text), cl[0].sentence.of(&a.text)), ("Tuesday", text));
    // v10 cut its sentences
    assert_eq!(a.layers.sentences, Some(vec![crate::model::Span::new(0, text.len())]));
    drop(s);
    let s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(s.article("old").unwrap().unwrap().layers.times.len(), 1, "opening again changes nothing");
}

#[test]
fn a_version_11_store_gets_its_stories_name_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.db");
    let text = "Erdoğan met Zelensky in Istanbul. Zelensky thanked Turkey.";
    {
        let c = store_at_version(&path, 11);
        c.execute("INSERT INTO texts (hash, body, chars) VALUES ('h', ?1, ?2)", rusqlite::params![text, text.chars().count() as i64]).unwrap();
        c.execute("INSERT INTO stories (id, label, articles) VALUES (1, 'talks', 2)", []).unwrap();
        for id in ["a", "b"] {
            c.execute(
                "INSERT INTO articles (id, text_id, format, origin_path, ingested_at, story_id) VALUES (?1, 1, 'txt', 'a.txt', '2025-01-01T00:00:00Z', 1)",
                [id],
            )
            .unwrap();
        }
        // article 1 names Zelensky twice and Erdoğan; article 2 Zelensky and Istanbul; a date is no name
        insert_entities(&c, text, &[(1, "Zelensky", "PERSON", "Volodymyr Zelensky"), (1, "Zelensky", "PERSON", "Volodymyr Zelenskyy"), (1, "Erdoğan", "PERSON", "Recep Tayyip Erdoğan"), (2, "Zelensky", "PERSON", "Volodymyr Zelenskyy"), (2, "Istanbul", "PLACE", "Istanbul"), (2, "Turkey", "DATE", "Turkey")]);
    }
    let s = sqlite::SqliteStore::open(&path).unwrap();
    let top: Vec<(String, i64, i64)> = s.story_top_names(1, 9).unwrap().into_iter().map(|c| (c.name, c.articles, c.mentions)).collect();
    assert_eq!(top, [("Volodymyr Zelensky".to_string(), 2, 3), ("Istanbul".into(), 1, 1), ("Recep Tayyip Erdoğan".into(), 1, 1)]);
}

/// v13 files a v12 store's band keys under their articles' epochs (a key the article was
/// given twice once), and a look-up reads the last `BAND_EPOCHS` epochs of the index alone.
#[test]
fn a_version_12_stores_band_keys_are_filed_by_epoch_and_old_epochs_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v12.db");
    {
        let c = store_at_version(&path, 12);
        c.execute("INSERT INTO texts (hash, body, chars) VALUES ('x', 'Kept from v12.', 14)", []).unwrap();
        for (seq, id) in [(1, "a"), (2, "b"), (3, "c")] {
            c.execute(
                "INSERT INTO articles (seq, id, text_id, format, origin_path, ingested_at) VALUES (?1, ?2, 1, 'txt', 'x.txt', '2025-01-01T00:00:00Z')",
                rusqlite::params![seq, id],
            )
            .unwrap();
            c.execute("INSERT INTO signatures (article_seq, sig) VALUES (?1, ?2)", rusqlite::params![seq, id.as_bytes()]).unwrap();
        }
        for (key, seq) in [(7i64, 1), (7, 2), (7, 2), (-1, 3)] {
            c.execute("INSERT INTO band_keys (key, article_seq) VALUES (?1, ?2)", rusqlite::params![key, seq]).unwrap();
        }
    }
    let mut s = sqlite::SqliteStore::open(&path).unwrap();
    let found = |s: &sqlite::SqliteStore, keys: &[u64]| s.band_candidates(keys, 10).unwrap().into_iter().map(|x| x.0).collect::<Vec<_>>();
    assert_eq!(found(&s, &[7]), ["a", "b"]);
    assert_eq!(found(&s, &[u64::MAX]), ["c"]);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(i64, i64, i64)> =
        c.prepare("SELECT epoch, key, article_seq FROM band_keys").unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(rows, [(0, -1, 3), (0, 7, 1), (0, 7, 2)]);
    // as if `a` were filed 4 epochs and `b` 3 epochs before `c`: `a` is past the window
    c.execute("UPDATE band_keys SET epoch = 10 WHERE article_seq = 3", []).unwrap();
    c.execute("UPDATE band_keys SET epoch = 10 - ?1 WHERE article_seq = 1", [BAND_EPOCHS]).unwrap();
    c.execute("UPDATE band_keys SET epoch = 11 - ?1 WHERE article_seq = 2", [BAND_EPOCHS]).unwrap();
    drop(c);
    s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(found(&s, &[7]), ["b"], "the oldest epoch is not read");
    s.put(&[art("d", "Filed in the newest epoch.")]).unwrap();
    s.put_signature("d", &[7, 7], b"d").unwrap();
    assert_eq!(found(&s, &[7]), ["b"], "filed in epoch 0 (its seq), far behind the newest (10)");
}

/// v14 indexes a v13 store's entity mentions by epoch and merge key: a key's mentions are
/// found in every epoch (here the first and the third), in ingest order; and the second index
/// on quotes' articles is gone.
#[test]
fn a_version_13_stores_entities_are_found_by_key_in_every_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v13.db");
    let text = "Zelensky met Erdoğan in Istanbul.";
    {
        let c = store_at_version(&path, 13);
        c.execute("INSERT INTO texts (hash, body, chars) VALUES ('h', ?1, ?2)", rusqlite::params![text, text.chars().count() as i64]).unwrap();
        for (seq, id) in [(1, "early"), (40_000, "late"), (40_001, "other")] {
            c.execute(
                "INSERT INTO articles (seq, id, text_id, format, origin_path, ingested_at) VALUES (?1, ?2, 1, 'txt', 'a.txt', '2025-01-01T00:00:00Z')",
                rusqlite::params![seq, id],
            )
            .unwrap();
        }
        insert_entities(&c, text, &[(40_000, "Zelensky", "PERSON", "Volodymyr Zelensky"), (1, "Zelensky", "PERSON", "Volodymyr Zelensky"), (1, "Erdoğan", "PERSON", "Recep Tayyip Erdoğan"), (40_001, "Istanbul", "PLACE", "Istanbul")]);
    }
    let s = sqlite::SqliteStore::open(&path).unwrap();
    let key = crate::analysis::entity_key("Volodymyr Zelensky", EntityKind::Person);
    let found = s.entity_summaries(None, Some(&key)).unwrap();
    assert_eq!(found.iter().map(|e| (e.name.as_str(), e.articles.clone(), e.mentions)).collect::<Vec<_>>(), [("Volodymyr Zelensky", vec!["early".to_string(), "late".into()], 2)]);
    assert!(s.entity_summaries(Some("PLACE"), Some(&key)).unwrap().is_empty());
    assert_eq!(s.entity_summaries(None, Some("no such key")).unwrap().len(), 0);
    assert_eq!(s.entity_summaries(None, None).unwrap().len(), 3);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let indexes: Vec<(String, String)> = c
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('entities', 'quotes') AND sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let names: Vec<&str> = indexes.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(names, ["entities_article", "entities_key", "quotes_article", "quotes_group"]);
    assert!(indexes[1].1.contains("(article_seq >> 14), key"), "{:?}", indexes[1]);
    // the look-up by key reads the index, not the whole table
    let plan: Vec<String> = c
        .prepare(&format!("EXPLAIN QUERY PLAN {}", sqlite::ENTITIES_BY_KEY))
        .unwrap()
        .query_map(rusqlite::params![None::<String>, key], |r| r.get(3))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(plan.iter().any(|p| p.contains("USING INDEX entities_key")), "{plan:?}");
}

/// v15 clusters the postings, thread keys and story outlet counts on their keys (WITHOUT
/// ROWID): a v14 store's rows are all there and read as before, the latest `seq` first, and
/// the posting and thread-key look-ups read their seq index alone.
#[test]
fn a_version_14_stores_postings_thread_keys_and_outlets_are_kept_clustered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v14.db");
    {
        let c = store_at_version(&path, 14);
        for (t, s, q) in [(5, 2, 10), (5, 1, 30), (5, 3, 20), (6, 1, 40)] {
            c.execute("INSERT INTO cluster_postings (term_id, story_id, seq) VALUES (?1, ?2, ?3)", rusqlite::params![t, s, q]).unwrap();
        }
        c.execute("INSERT INTO threads (id, terms) VALUES (1, x''), (2, x''), (3, x'')", []).unwrap();
        for (t, th, q) in [(9, 1, 3), (9, 2, 7), (9, 3, 5), (8, 3, 1)] {
            c.execute("INSERT INTO thread_keys (term, thread_id, seq) VALUES (?1, ?2, ?3)", rusqlite::params![t, th, q]).unwrap();
        }
        c.execute("INSERT INTO story_sources (story_id, source, articles, independent) VALUES (4, 'Reuters', 3, 2), (4, 'BBC', 1, 1)", []).unwrap();
    }
    let s = sqlite::SqliteStore::open(&path).unwrap();
    assert_eq!(s.cluster_postings(5, 2).unwrap(), [(3, 20), (1, 30)], "the 2 latest, oldest first");
    assert_eq!(s.cluster_postings(6, 8).unwrap(), [(1, 40)]);
    assert_eq!(s.thread_candidates(&[9], 2).unwrap(), [2, 3]);
    assert_eq!(s.thread_candidates(&[8, 9], 1).unwrap(), [2, 3]);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    for table in ["cluster_postings", "thread_keys", "story_sources"] {
        let sql: String = c.query_row("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0)).unwrap();
        assert!(sql.contains("WITHOUT ROWID"), "{sql}");
    }
    let n: i64 = c.query_row("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v14'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "the old tables are gone");
    let sources: Vec<(String, i64, i64)> = c
        .prepare("SELECT source, articles, independent FROM story_sources WHERE story_id = 4 ORDER BY articles DESC")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(sources, [("Reuters".to_string(), 3, 2), ("BBC".into(), 1, 1)]);
    for sql in [
        "EXPLAIN QUERY PLAN SELECT story_id, seq FROM cluster_postings WHERE term_id = 5 ORDER BY seq DESC LIMIT 2",
        "EXPLAIN QUERY PLAN SELECT thread_id FROM thread_keys WHERE term = 9 ORDER BY seq DESC, thread_id DESC LIMIT 2",
    ] {
        let plan: Vec<String> = c.prepare(sql).unwrap().query_map([], |r| r.get(3)).unwrap().map(|r| r.unwrap()).collect();
        assert!(plan.iter().any(|p| p.contains("COVERING INDEX")), "{sql}: {plan:?}");
    }
}

//! The PostgreSQL backend against a throwaway server (`pg_server`): the public conformance
//! suite, the CLI on a `postgresql://` store, several ingest workers at once, and a worker
//! killed mid-run. Each test skips, saying why, when no PostgreSQL can be had.

mod pg_server;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use storyline::store::postgres::PgStore;
use storyline::store::{ArticleStore, LinkStore, Location, Store, sqlite::SqliteStore};

fn storyline(db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("STORYLINE_DB")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok(o: std::process::Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstdout: {}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_conformance_suite_passes_on_postgresql() {
    let Some(server) = pg_server::server() else { return };
    storyline::store::conformance::run(&|| Box::new(PgStore::open(&server.fresh_db()).unwrap()));
}

#[test]
fn the_schema_version_is_checked_and_foreign_databases_are_refused() {
    let Some(server) = pg_server::server() else { return };
    let url = server.fresh_db();
    // a reader does not create a store
    assert!(Location::parse(&url).open_reader().is_err());
    drop(PgStore::open(&url).unwrap());
    // opened again: nothing to migrate
    let mut s = PgStore::open(&url).unwrap();
    s.put(&[art("a", "Kept across connections.")]).unwrap();
    let mut r = Location::parse(&url).open_reader().unwrap();
    assert_eq!(r.article("a").unwrap().unwrap().text, "Kept across connections.");
    assert!(r.put(&[art("b", "Refused.")]).is_err(), "a reader cannot write");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute("UPDATE storyline_schema SET version = version + 1").unwrap();
    let e = PgStore::open(&url).err().expect("a newer store is refused");
    assert!(e.0.contains("newer than this storyline knows"), "{e}");
    let other = server.fresh_db();
    postgres::Client::connect(&other, postgres::NoTls).unwrap().batch_execute("CREATE TABLE invoices (id int)").unwrap();
    let e = PgStore::open(&other).err().expect("a database of something else is refused");
    assert!(e.0.contains("not a storyline store"), "{e}");
}

#[test]
fn passwords_are_never_printed() {
    // nothing listens on port 9: the connection fails, and the message names the store
    let o = storyline("postgresql://someone:hunter2@127.0.0.1:9/storyline", &["articles"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("postgresql://someone:***@127.0.0.1:9/storyline") && !err.contains("hunter2"), "{err}");
}

fn art(id: &str, text: &str) -> (storyline::model::Article, storyline::analysis::Analysis) {
    use storyline::model::{Article, Format, Origin};
    let mut a = Article::new(text.to_string(), Origin { path: format!("{id}.txt"), locator: None, format: Format::Txt });
    a.id = id.to_string();
    let an = storyline::analysis::analyze(&a);
    (a, an)
}

#[test]
fn every_command_reads_a_postgresql_store() {
    let Some(server) = pg_server::server() else { return };
    let url = server.fresh_db();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    ok(storyline(&url, &["ingest", examples.to_str().unwrap()]));
    let listed: serde_json::Value = serde_json::from_str(&ok(storyline(&url, &["articles", "--json"]))).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 5);
    let stories: serde_json::Value = serde_json::from_str(&ok(storyline(&url, &["stories", "--json"]))).unwrap();
    assert!(!stories.as_array().unwrap().is_empty());
    // the same input into SQLite: the same stories
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.db");
    let file = file.to_str().unwrap();
    ok(storyline(file, &["ingest", examples.to_str().unwrap()]));
    let members = |v: &serde_json::Value| -> BTreeSet<Vec<String>> {
        v.as_array().unwrap().iter().map(|s| s["articles"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect()).collect()
    };
    let sqlite: serde_json::Value = serde_json::from_str(&ok(storyline(file, &["stories", "--json"]))).unwrap();
    assert_eq!(members(&stories), members(&sqlite));
    // search finds the same articles ("Erdogan" finds "Erdoğan" too), ranked by PostgreSQL's own
    // ranking rather than SQLite's BM25
    let hits = |db: &str| -> BTreeSet<String> {
        let v: serde_json::Value = serde_json::from_str(&ok(storyline(db, &["search", "--json", "Erdogan"]))).unwrap();
        v.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(hits(&url).len(), 4);
    assert_eq!(hits(&url), hits(file));
    for args in [&["people"][..], &["quotes"], &["show"], &["show", "--format", "md"], &["entity", "Erdogan"]] {
        let pg = ok(storyline(&url, args));
        assert_eq!(pg, ok(storyline(file, args)), "{args:?}");
    }
    // ingesting the same input again stores nothing twice
    let again: serde_json::Value = serde_json::from_str(&ok(storyline(&url, &["ingest", "--json", examples.to_str().unwrap()]))).unwrap();
    assert_eq!((again["ingested"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(5)));
}

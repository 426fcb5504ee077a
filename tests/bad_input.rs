//! Bad input: each case gets one clear line naming the file (and line or record) and the
//! problem; the rest is ingested; nothing stored before is lost; the exit status is 1.

use crate::util::*;

/// Ingest the seeds first, then `bad` beside one good article; check the error line.
fn check(bad_name: &str, bad: &[u8], expect: &[&str]) {
    check_partial(bad_name, bad, 0, expect)
}

/// As `check`, where the bad file also holds `good_inside` good articles.
fn check_partial(bad_name: &str, bad: &[u8], good_inside: usize, expect: &[&str]) {
    let env = Env::new();
    env.run(&["ingest", examples().to_str().unwrap()]).ok();
    let good = "KYIV (Reuters) - Ukraine's foreign minister Andrii Sybiha said on Monday that talks would go ahead.";
    env.write("in/good.txt", good);
    let bad_path = env.write(&format!("in/{bad_name}"), bad);
    let r = env.run(&["ingest", env.path("in").to_str().unwrap()]);
    assert_eq!(r.code, 1, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let errors: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("storyline: ")).collect();
    assert_eq!(errors.len(), 1, "one line per bad input: {}", r.stderr);
    let line = errors[0];
    assert!(line.contains(bad_path.to_str().unwrap()), "names the file: {line}");
    for e in expect {
        assert!(line.contains(e), "{line:?} should say {e:?}");
    }
    assert!(r.stdout.contains(&format!("{} ingested", 1 + good_inside)) && r.stdout.contains("1 failed"), "{}", r.stdout);
    let ids: Vec<String> = env.json(&["articles", "--json"]).as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 6 + good_inside, "the seeds are kept and the good input is added: {ids:?}");
    assert!(ids.contains(&"good".to_string()));
}

#[test]
fn binary_file() {
    check("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", &["binary data"]);
}

#[test]
fn invalid_utf8() {
    check("latin1.txt", b"Erdo\xf0an met Zelenskyy in Kyiv on Friday.", &["invalid UTF-8 at byte 4 (line 1)"]);
}

#[test]
fn empty_file() {
    check("empty.txt", b"", &["empty file"]);
}

#[test]
fn whitespace_only_file() {
    check("blank.txt", b"  \n\n \t\n", &["no text"]);
}

#[test]
fn truncated_gzip() {
    let page = std::fs::read(fixture("html/istanbul-talks.html")).unwrap();
    let gz = gzip(&page);
    check("page.html.gz", &gz[..gz.len() / 2], &["truncated gzip"]);
}

#[test]
fn not_gzip_at_all() {
    check("page.html.gz", b"<html>this is not gzip</html>", &["gzip"]);
}

#[test]
fn jsonl_line_not_json() {
    check_partial("feed.jsonl", b"{\"id\": \"ok1\", \"text\": \"Fine article text here.\"}\n{not json}\n", 1, &["line 2", "not JSON"]);
}

#[test]
fn jsonl_line_without_text() {
    check_partial("feed.jsonl", b"{\"id\": \"ok1\", \"text\": \"Fine article text here.\"}\n{\"id\": \"x\", \"title\": \"Only a title\"}\n", 1, &["line 2", "no text"]);
}

#[test]
fn html_without_article() {
    let page = std::fs::read(fixture("html/no-article.html")).unwrap();
    check("index.html", &page, &["no article text"]);
}

#[test]
fn truncated_warc() {
    let page = std::fs::read(fixture("html/istanbul-talks.html")).unwrap();
    let mut w = Vec::new();
    w.extend(gzip(&storyline::sources::warc::response_record("https://news.example.com/a", "2025-05-11T20:00:00Z", &page)));
    let second = storyline::sources::warc::response_record("https://news.example.com/b", "2025-05-11T20:00:00Z", &page);
    w.extend(gzip(&second[..second.len() - 200]));
    check_partial("cc.warc.gz", &w, 1, &["record 2", "truncated"]);
}

#[test]
fn truncated_warc_gzip_member() {
    let page = std::fs::read(fixture("html/istanbul-talks.html")).unwrap();
    let mut w = gzip(&storyline::sources::warc::response_record("https://news.example.com/a", "2025-05-11T20:00:00Z", &page));
    let second = gzip(&storyline::sources::warc::response_record("https://news.example.com/b", "2025-05-11T20:00:00Z", &page));
    w.extend_from_slice(&second[..second.len() / 2]);
    check_partial("cc.warc.gz", &w, 1, &["record 2", "gzip"]);
}

#[test]
fn a_missing_path_is_named() {
    let env = Env::new();
    let r = env.run(&["ingest", "does/not/exist.txt", examples().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("does/not/exist.txt: cannot read: no such file or directory"), "{}", r.stderr);
    assert!(r.stdout.contains("5 ingested"));
}

#[test]
fn an_id_that_returns_with_another_text_is_refused_and_the_stored_one_kept() {
    let env = Env::new();
    env.write("a/story.txt", "KYIV (Reuters) - The first version of this story, long enough to read.");
    env.write("b/story.txt", "KYIV (Reuters) - A different text under the same name, also long enough.");
    env.run(&["ingest", env.path("a").to_str().unwrap()]).ok();
    let r = env.run(&["ingest", env.path("b").to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("id \"story\" is already stored with a different text"), "{}", r.stderr);
    let j = env.json(&["article", "story", "--json"]);
    assert!(j["text"].as_str().unwrap().contains("first version"));
}

#[test]
fn files_of_unknown_kinds_in_folders_are_passed_over() {
    let env = Env::new();
    env.write("in/notes.md", "# not an article");
    env.write("in/.hidden.txt", "hidden files are skipped entirely, even with text in them.");
    env.write("in/a.txt", "LONDON (AP) - An article that should be ingested from this folder.");
    let r = env.run(&["ingest", env.path("in").to_str().unwrap()]).ok();
    assert!(r.stdout.contains("1 ingested"), "{}", r.stdout);
}

/// Issue 15: an empty JSONL file and a file whose name is not UTF-8 inside a folder were
/// passed over in silence (exit 0).
#[test]
fn empty_jsonl_and_non_utf8_names_are_reported_or_read() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let dir = env.dir.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("empty.jsonl"), "\n\n").unwrap();
    let odd = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&odd, "Fidan met Sybiha in Kyiv on Friday to talk about the prisoner exchange.").unwrap();
    let r = env.run(&["ingest", "--json", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("empty.jsonl: empty file: no articles in it"), "{}", r.stderr);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["ingested"], 1, "the file with an odd name is read");
}

/// Issue 15: escape sequences in ids and titles reached the terminal raw.
#[test]
fn escape_sequences_in_ids_and_titles_never_reach_the_output() {
    let env = Env::new();
    let f = env.dir.path().join("e.jsonl");
    std::fs::write(&f, "{\"id\": \"a\\u001b[2Jb\", \"title\": \"T\\u0007\\u001b]0;x\\u0007itle\", \"text\": \"Fidan met Sybiha in Kyiv on Friday to talk about the prisoner exchange.\"}\n").unwrap();
    env.run(&["ingest", f.to_str().unwrap()]).ok();
    for args in [&["articles"][..], &["stories"], &["article", "a\u{1b}[2Jb"]] {
        let r = env.run(args);
        assert!(!r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'), "{args:?}: {:?}", r.stdout);
    }
    // JSON keeps the exact id, escaped as JSON escapes it
    let r = env.run(&["articles", "--json"]).ok();
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j[0]["id"], "a\u{1b}[2Jb");
}

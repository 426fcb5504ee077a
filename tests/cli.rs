//! The commands a user runs, on the bundled seed articles.

use crate::util::*;

fn ingest_examples(env: &Env) -> serde_json::Value {
    env.json(&["ingest", "--json", examples().to_str().unwrap()])
}

#[test]
fn readme_main_command_ingests_and_lists_the_five_seeds() {
    let env = Env::new();
    let r = env.run(&["ingest", examples().to_str().unwrap()]).ok();
    assert!(r.stdout.contains("5 ingested, 0 copies, 0 skipped (already stored), 0 failed"), "{}", r.stdout);
    let list = env.run(&["articles"]).ok().stdout;
    let lines: Vec<&str> = list.lines().filter(|l| !l.starts_with('~')).collect();
    assert_eq!(lines.len(), 6, "{list}");
    assert!(lines[0].starts_with("ID"));
    let l003 = lines.iter().find(|l| l.starts_with("003_e40ca249782feb7f")).unwrap();
    assert!(l003.contains("2025-05-11 "), "from the header, not inferred: {l003}");
    // The header is metadata: the listing shows the body's opening words.
    assert!(l003.contains("U.S. President Donald Trump"), "{l003}");
    let l001 = lines.iter().find(|l| l.starts_with("001_873a97ae2b813c16")).unwrap();
    assert!(l001.contains("The talks took place"), "the dateline is not the lead: {l001}");
}

#[test]
fn articles_json_carries_the_header_date_and_its_source() {
    let env = Env::new();
    ingest_examples(&env);
    let rows = env.json(&["articles", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["000_160323196c8ef240", "001_873a97ae2b813c16", "002_e141019d387e8c04", "003_e40ca249782feb7f", "004_6256e4e3a3d5f00d"]);
    let r3 = &rows[3];
    assert_eq!(r3["published"], "2025-05-11");
    assert_eq!(r3["published_from"], "header");
    assert_eq!(r3["language"], "en");
    // The others carry no date: any date they get is inferred from their content.
    for r in rows.iter().filter(|r| r["id"] != "003_e40ca249782feb7f") {
        assert!(r["published"].is_null() || r["published_from"] == "inferred", "{r}");
    }
}

#[test]
fn reingesting_the_same_input_changes_nothing() {
    let env = Env::new();
    let first = ingest_examples(&env);
    assert_eq!(first["ingested"], 5);
    let before = env.json(&["articles", "--json"]);
    let again = ingest_examples(&env);
    assert_eq!((again["ingested"].as_u64(), again["skipped"].as_u64(), again["failed"].as_u64()), (Some(0), Some(5), Some(0)));
    let mut after = env.json(&["articles", "--json"]);
    let mut before = before;
    assert_eq!(before.as_array_mut().unwrap().len(), after.as_array_mut().unwrap().len());
    assert_eq!(before, after);
}

#[test]
fn exact_copies_are_stored_once_and_remembered() {
    let env = Env::new();
    let text = std::fs::read(examples().join("002_e141019d387e8c04.txt")).unwrap();
    env.write("in/a.txt", &text);
    env.write("in/b.txt", &text);
    let r = env.json(&["ingest", "--json", env.path("in").to_str().unwrap()]);
    assert_eq!((r["ingested"].as_u64(), r["copies"].as_u64()), (Some(1), Some(1)));
    let b = env.json(&["article", "b", "--json"]);
    assert_eq!(b["copy_of"], "a");
    let a = env.json(&["article", "a", "--json"]);
    assert_eq!(a["copies"], serde_json::json!(["b"]));
}

#[test]
fn article_shows_metadata_and_text() {
    let env = Env::new();
    ingest_examples(&env);
    let r = env.run(&["article", "003_e40ca249782feb7f"]).ok();
    assert!(r.stdout.contains("published  2025-05-11 (from header)"), "{}", r.stdout);
    assert!(r.stdout.contains("waiting for Putin in Turkey on Thursday"));
    let j = env.json(&["article", "003_e40ca249782feb7f", "--json"]);
    assert_eq!(j["header"], serde_json::json!({"start": 0, "end": 17}));
    assert!(j["text"].as_str().unwrap().starts_with(" date 2025-05-11 U.S."), "the text is never rewritten");
    let j = env.json(&["article", "001_873a97ae2b813c16", "--json"]);
    assert_eq!(j["dateline"]["place"], "Tallinn, Estonia");
    assert_eq!((j["dateline"]["start"].as_u64(), j["dateline"]["end"].as_u64()), (Some(0), Some(19)));
    let missing = env.run(&["article", "nope"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("no article with id \"nope\""));
}

#[test]
fn search_folds_diacritics_and_transliterations() {
    let env = Env::new();
    ingest_examples(&env);
    let hits = env.json(&["search", "--json", "Erdogan"]);
    let ids: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    // 000 and 004 spell it Erdoğan, 001 and 002 Erdogan
    for id in ["000_160323196c8ef240", "004_6256e4e3a3d5f00d", "001_873a97ae2b813c16", "002_e141019d387e8c04"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let h = hits.as_array().unwrap().iter().find(|h| h["id"] == "000_160323196c8ef240").unwrap();
    let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
    let m = &h["matches"][0];
    let (a, b) = (m[0].as_u64().unwrap() as usize, m[1].as_u64().unwrap() as usize);
    assert_eq!(snippet[a..b].iter().collect::<String>(), "Erdoğan");

    // 000 and 001 spell it only Zelenskyy
    let hits = env.json(&["search", "--json", "Zelensky"]);
    let ids: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"000_160323196c8ef240") && ids.contains(&"001_873a97ae2b813c16"), "{ids:?}");

    let text = env.run(&["search", "Erdogan", "Fidan"]).ok().stdout;
    assert!(text.starts_with("1. Türkiye on Friday proposed"), "{text}");
    assert!(text.contains("[Erdoğan]") && text.contains("[Fidan]"), "{text}");
    let none = env.run(&["search", "zzzzqqq"]).ok().stdout;
    assert!(none.contains("No article matches"));
}

#[test]
fn extract_emits_one_json_line_per_file_with_the_contract_fields() {
    let env = Env::new();
    let r = env
        .run(&["extract", examples().join("003_e40ca249782feb7f.txt").to_str().unwrap(), examples().join("000_160323196c8ef240.txt").to_str().unwrap()])
        .ok();
    let lines: Vec<serde_json::Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    for k in ["path", "published", "quotes", "times", "entities"] {
        assert!(lines[0].get(k).is_some(), "missing {k}");
    }
    assert_eq!(lines[0]["published"], "2025-05-11");
    assert_eq!(lines[0]["published_from"], "header");
    assert!(lines[1]["published"].is_null() || lines[1]["published_from"] == "inferred");
    assert!(lines[0].get("text").is_none());

    let given = env.run(&["extract", "--published", "2025-05-30", "--with-text", examples().join("000_160323196c8ef240.txt").to_str().unwrap()]).ok();
    let j: serde_json::Value = serde_json::from_str(given.stdout.trim()).unwrap();
    assert_eq!((j["published"].as_str(), j["published_from"].as_str()), (Some("2025-05-30"), Some("given")));
    let on_disk = std::fs::read_to_string(examples().join("000_160323196c8ef240.txt")).unwrap();
    assert_eq!(j["text"].as_str().unwrap(), on_disk, "offsets refer to the text as decoded, unchanged");

    let bad = env.run(&["extract", "--published", "May 30", "x.txt"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn published_overrides_the_header() {
    let env = Env::new();
    env.run(&["ingest", "--published", "2025-06-01", examples().join("003_e40ca249782feb7f.txt").to_str().unwrap()]).ok();
    let j = env.json(&["article", "003_e40ca249782feb7f", "--json"]);
    assert_eq!((j["published"].as_str(), j["published_from"].as_str()), (Some("2025-06-01"), Some("given")));
}

#[test]
fn store_location_from_the_environment() {
    let env = Env::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["ingest", examples().to_str().unwrap()])
        .env("STORYLINE_DB", env.path("from-env.db"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env.path("from-env.db").exists());
    // default: storyline.db in the current folder
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["articles"])
        .env_remove("STORYLINE_DB")
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env.path("storyline.db").exists());
}

#[test]
fn a_foreign_database_is_refused_with_exit_2() {
    let env = Env::new();
    std::fs::write(env.db(), b"definitely not sqlite, but long enough to look like a file header........").unwrap();
    let r = env.run(&["articles"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a storyline store"), "{}", r.stderr);
}

#[test]
fn help_documents_exit_codes() {
    let env = Env::new();
    let r = env.run(&["ingest", "--help"]).ok();
    assert!(r.stdout.contains("Exit status:") && r.stdout.contains("  1  some inputs could not be read"));
}

/// Every offset `article --json` and `quotes --json` print slices the text in code points,
/// on texts where code points and bytes differ (the store keeps bytes since schema v5).
#[test]
fn json_offsets_slice_the_text_in_code_points() {
    let env = Env::new();
    let file = env.write(
        "kyiv.txt",
        " date 2025-05-16\nКИЇВ (Reuters) - Ukrainian President Volodymyr Zelenskyy said on Friday: “Türkiye’s offer to host the talks in İstanbul is welcome.” Turkish Foreign Minister Hakan Fidan said: “We are ready to host the delegations in İstanbul.”\n",
    );
    env.run(&["ingest", file.to_str().unwrap()]).ok();
    ingest_examples(&env);
    let ids: Vec<String> = env.json(&["articles", "--json"]).as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    let mut checked = 0;
    let cut = |text: &[char], o: &serde_json::Value| -> String { text[o["start"].as_u64().unwrap() as usize..o["end"].as_u64().unwrap() as usize].iter().collect() };
    for id in &ids {
        let a = env.json(&["article", id, "--json"]);
        let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
        for layer in ["quotes", "times", "entities"] {
            for x in a[layer].as_array().unwrap() {
                assert_eq!(cut(&text, x), x["text"].as_str().unwrap(), "{id} {layer}");
                for part in ["speaker_mention", "cue"] {
                    if x[part].is_object() {
                        assert_eq!(cut(&text, &x[part]), x[part]["text"].as_str().unwrap(), "{id} {part}");
                    }
                }
                checked += 1;
            }
        }
        if a["dateline"].is_object() {
            assert!(cut(&text, &a["dateline"]).trim_end().ends_with('-'), "{id}: {}", cut(&text, &a["dateline"]));
        }
        if a["header"].is_object() {
            assert!(cut(&text, &a["header"]).contains("date"), "{id}");
        }
    }
    // spans after the Cyrillic dateline: bytes would not slice the text as code points
    let kyiv = env.json(&["article", "kyiv", "--json"]);
    assert!(!kyiv["quotes"].as_array().unwrap().is_empty() && !kyiv["entities"].as_array().unwrap().is_empty(), "{kyiv}");
    assert!(checked > 50, "{checked}");
    for g in env.json(&["quotes", "--json"]).as_array().unwrap() {
        for v in g["variants"].as_array().unwrap() {
            let text: Vec<char> = env.json(&["article", v["article"].as_str().unwrap(), "--json"])["text"].as_str().unwrap().chars().collect();
            assert_eq!(cut(&text, v), v["text"].as_str().unwrap());
        }
    }
}

#[test]
fn a_postgres_url_that_cannot_be_reached_fails_without_printing_its_password() {
    // nothing listens on port 9 (tests/postgres.rs runs the backend against a real server)
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_storyline")).args(["--db", "postgres://me:secret@127.0.0.1:9/news", "articles"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr.contains("postgres://me:***@127.0.0.1:9/news: cannot open the store") && !stderr.contains("secret"), "{stderr}");
}

/// `storyline eval …` runs the `storyline-eval` program beside the `storyline` executable
/// (the evaluation lives in its own crate), with `eval` and the arguments as given, and ends
/// with its exit code; with none beside it nor on PATH, it says how to build one (exit 2).
#[cfg(unix)]
#[test]
fn eval_runs_storyline_eval_beside_the_binary() {
    use std::os::unix::fs::PermissionsExt;
    // a storyline of its own in a folder of its own (a hard link: the binary looks beside itself)
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let exe = dir.path().join("storyline");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_storyline"), &exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_storyline"), &exe).unwrap();
    }
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let run = |args: &[&str]| {
        for _ in 0..20 {
            let r = Run::from(std::process::Command::new(&exe).args(args).env("PATH", &empty).current_dir(dir.path()).output().unwrap());
            // a script just written may be held open by a process another test forks: try again
            if !r.stderr.contains("Text file busy") {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("storyline-eval stayed busy");
    };

    let r = run(&["eval", "quotes"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("runs the storyline-eval program") && r.stderr.contains("cargo build --release"), "{}", r.stderr);

    let fake = dir.path().join("storyline-eval");
    std::fs::write(&fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"${0%/*}/args\"\necho figures\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = run(&["--db", "x.db", "eval", "times", "--errors", "--json"]);
    assert_eq!((r.code, r.stdout.as_str()), (3, "figures\n"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("args")).unwrap(), "eval\ntimes\n--errors\n--json\n");
    let r = run(&["eval", "--help"]);
    assert_eq!(r.code, 3);
    assert_eq!(std::fs::read_to_string(dir.path().join("args")).unwrap(), "eval\n--help\n");
    assert!(!dir.path().join("x.db").exists(), "eval opens no store");

    let help = run(&["--help"]).ok().stdout;
    assert!(help.lines().any(|l| l.trim_start().starts_with("eval ")), "{help}");
}

/// Issue 15: a second writer on the same store waited for nothing and failed ("database is
/// locked", or "table texts already exists" on a new store). Now both wait their turn.
#[test]
fn two_ingests_at_once_both_store_everything() {
    for fresh in [true, false] {
        let env = Env::new();
        if !fresh {
            env.write("seed/a.txt", "Fidan met Sybiha in Kyiv on Friday to talk about the prisoner exchange.");
            env.run(&["ingest", env.path("seed").to_str().unwrap()]).ok();
        }
        let mut paths = Vec::new();
        for half in 0..2 {
            let mut lines = String::new();
            for i in 0..300 {
                lines.push_str(&format!("{{\"id\": \"h{half}-{i}\", \"text\": \"Report {half}-{i}: the delegations met in Istanbul on Monday to discuss prisoner exchange number {i} and a ceasefire.\"}}\n"));
            }
            paths.push(env.write(&format!("in{half}.jsonl"), lines));
        }
        let spawn = |p: &std::path::Path| {
            std::process::Command::new(env!("CARGO_BIN_EXE_storyline"))
                .arg("--db")
                .arg(env.db())
                .args(["ingest", "--json"])
                .arg(p)
                .env_remove("STORYLINE_DB")
                .output()
                .unwrap()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn(&paths[0]));
            let b = s.spawn(|| spawn(&paths[1]));
            (a.join().unwrap(), b.join().unwrap())
        });
        for o in [&a, &b] {
            assert!(o.status.success(), "fresh={fresh}: {}", String::from_utf8_lossy(&o.stderr));
        }
        let n = env.json(&["articles", "--json", "--limit", "10000"]).as_array().unwrap().len();
        assert_eq!(n, 600 + usize::from(!fresh), "fresh={fresh}");
        // every article is in a story
        let stories = env.json(&["stories", "--json"]);
        let linked: usize = stories.as_array().unwrap().iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
        assert_eq!(linked, n, "fresh={fresh}");
    }
}

/// Issue 15: storing and linking were two transactions, and a SIGKILL between them left
/// stored articles in no story for good. Now a batch is stored and linked as one unit: after
/// a kill mid-ingest and a re-run, every article is stored once and is in exactly one story.
#[test]
fn a_killed_ingest_rerun_leaves_every_article_in_one_story() {
    let env = Env::new();
    let mut lines = String::new();
    let n = 3000;
    for i in 0..n {
        lines.push_str(&format!("{{\"id\": \"k{i}\", \"text\": \"Report {i}: delegations from the two sides met in Istanbul on Monday to discuss prisoner exchange number {i}, a ceasefire and the next round of talks.\"}}\n"));
    }
    let input = env.write("in.jsonl", lines);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("--db")
        .arg(env.db())
        .arg("ingest")
        .arg(&input)
        .env_remove("STORYLINE_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // kill it once the store exists and some batches are in
    let t0 = std::time::Instant::now();
    while !env.db().exists() && t0.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(1500));
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    let before = env.json(&["articles", "--json", "--limit", "100000"]).as_array().unwrap().len();
    eprintln!("killed: {status:?}, {before} of {n} articles stored");
    let again = env.run(&["ingest", "--json", input.to_str().unwrap()]);
    assert!(again.code == 0, "{}", again.stderr);
    let ids = env.json(&["articles", "--json", "--limit", "100000"]);
    assert_eq!(ids.as_array().unwrap().len(), n, "every article stored exactly once");
    let stories = env.json(&["stories", "--json"]);
    let mut linked: Vec<String> = stories.as_array().unwrap().iter().flat_map(|s| s["articles"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string())).collect();
    let total = linked.len();
    linked.sort();
    linked.dedup();
    assert_eq!((total, linked.len()), (n, n), "every article in exactly one story");
}

/// Issue 19: every listing command pages: `entity --limit` says how many more there are,
/// `quotes` and `threads` take `--limit` and `--offset`.
#[test]
fn listing_commands_take_a_limit() {
    let env = Env::new();
    ingest_examples(&env);
    let all = env.json(&["entity", "Zelensky", "--json"]);
    let n = all["articles"].as_array().unwrap().len();
    assert!(n >= 4, "{all}");
    let one = env.json(&["entity", "Zelensky", "--json", "--limit", "1"]);
    assert_eq!(one["articles"].as_array().unwrap().len(), 1);
    assert!(one["quotes"].as_array().unwrap().len() <= 1);
    let text = env.run(&["entity", "Zelensky", "--limit", "2"]).ok().stdout;
    assert!(text.contains(&format!("and {} more articles (--limit)", n - 2)), "{text}");
    let quotes = env.json(&["quotes", "--json"]).as_array().unwrap().len();
    assert!(quotes >= 3);
    let page = env.json(&["quotes", "--json", "--limit", "2", "--offset", "1"]);
    assert_eq!(page.as_array().unwrap().len(), 2);
    assert_eq!(page[0], env.json(&["quotes", "--json"])[1], "the page starts past the offset");
    let threads = env.json(&["threads", "--json"]).as_array().unwrap().len();
    assert!(threads >= 1);
    assert_eq!(env.json(&["threads", "--json", "--limit", "1"]).as_array().unwrap().len(), 1);
    assert!(env.json(&["threads", "--json", "--offset", &threads.to_string()]).as_array().unwrap().is_empty());
}

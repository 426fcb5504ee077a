//! Each input format, and the same page through different containers.

use crate::util::*;

#[test]
fn jsonl_articles_keep_their_ids_and_metadata() {
    let env = Env::new();
    let seed = std::fs::read_to_string(examples().join("002_e141019d387e8c04.txt")).unwrap();
    let line = serde_json::json!({"id": "aa-2025-05-12", "text": seed, "title": "Zelensky to travel to Ankara", "url": "https://www.aa.com.tr/en/x", "source": "Anadolu", "published": "2025-05-12T08:00:00Z"});
    let line2 = serde_json::json!({"text": "No id here, so the id is the content hash of this text.", "publisher": "Wire"});
    env.write("feed.jsonl", format!("{line}\n{line2}\n"));
    env.run(&["ingest", env.path("feed.jsonl").to_str().unwrap()]).ok();
    let rows = env.json(&["articles", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["id"], "aa-2025-05-12");
    assert_eq!(rows[0]["title"], "Zelensky to travel to Ankara");
    assert_eq!(rows[0]["source"], "Anadolu");
    assert_eq!((rows[0]["published"].as_str(), rows[0]["published_from"].as_str()), (Some("2025-05-12"), Some("metadata")));
    let hashed = rows[1]["id"].as_str().unwrap();
    assert!(hashed.starts_with('h') && hashed.len() == 17, "{hashed}");
    assert_eq!(rows[1]["source"], "Wire");
    let a = env.json(&["article", "aa-2025-05-12", "--json"]);
    assert_eq!(a["text"].as_str().unwrap(), seed);
    assert_eq!(a["origin_locator"], "line 1");
}

#[test]
fn jsonl_gz_and_html_field() {
    let env = Env::new();
    let page = std::fs::read_to_string(fixture("html/kremlin-response.html")).unwrap();
    let line = serde_json::json!({"id": "k1", "html": page});
    env.write("feed.jsonl.gz", gzip(format!("{line}\n").as_bytes()));
    env.run(&["ingest", env.path("feed.jsonl.gz").to_str().unwrap()]).ok();
    let a = env.json(&["article", "k1", "--json"]);
    assert!(a["text"].as_str().unwrap().contains("The Kremlin has not yet officially responded"));
    assert_eq!(a["format"], "jsonl");
}

#[test]
fn html_pages_give_text_and_metadata() {
    let env = Env::new();
    env.run(&["ingest", fixture("html").join("istanbul-talks.html").to_str().unwrap()]).ok();
    let a = env.json(&["article", "istanbul-talks", "--json"]);
    let text = a["text"].as_str().unwrap();
    assert!(text.contains("I will be waiting for Putin in Turkey on Thursday. Personally."));
    assert!(text.contains("Recep Tayyip Erdoğan"));
    for junk in ["Related stories", "Markets rally", "All rights reserved", "Privacy policy", "Business"] {
        assert!(!text.contains(junk), "boilerplate {junk:?} leaked into {text:?}");
    }
    assert_eq!(a["title"], "Zelensky says he will wait for Putin in Turkey");
    assert_eq!(a["source"], "Example News");
    assert_eq!(a["byline"], "Jane Reporter");
    assert_eq!(a["canonical_url"], "https://news.example.com/world/2025/05/11/zelensky-putin-turkey");
    assert_eq!(a["language"], "en");
    assert_eq!(a["language_detected"], false);
}

#[test]
fn html_publication_dates_from_meta_json_ld_and_time() {
    let env = Env::new();
    env.run(&["ingest", fixture("html").to_str().unwrap()]);
    let a = env.json(&["article", "istanbul-talks", "--json"]);
    assert_eq!((a["published"].as_str(), a["published_from"].as_str()), (Some("2025-05-11"), Some("metadata")));
    let b = env.json(&["article", "kremlin-response", "--json"]);
    assert_eq!(b["published"], "2025-05-12");
}

#[test]
fn gzipped_html_is_the_same_article() {
    let env = Env::new();
    let page = std::fs::read(fixture("html/istanbul-talks.html")).unwrap();
    env.write("plain/istanbul-talks.html", &page);
    env.write("gz/istanbul-talks.html.gz", gzip(&page));
    let a = storyline::sources::read_articles(&env.path("plain/istanbul-talks.html"), &Default::default());
    let b = storyline::sources::read_articles(&env.path("gz/istanbul-talks.html.gz"), &Default::default());
    let (a, b) = (a[0].as_ref().unwrap(), b[0].as_ref().unwrap());
    assert_eq!((&a.id, &a.text, &a.title, a.published), (&b.id, &b.text, &b.title, b.published));
}

/// A CC-NEWS-style WARC.gz (one gzip member per record) of the fixture pages gives the same
/// articles as the pages themselves: same text, title, source, language and date.
#[test]
fn warc_gz_of_pages_ingests_to_the_same_articles() {
    let env = Env::new();
    let mut warc = gzip(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 9\r\n\r\nsoftware!\r\n\r\n");
    let names = ["istanbul-talks.html", "kremlin-response.html"];
    for n in names {
        let page = std::fs::read(fixture("html").join(n)).unwrap();
        let rec = storyline::sources::warc::response_record(&format!("https://news.example.com/{n}"), "2025-06-01T00:00:00Z", &page);
        warc.extend(gzip(&rec));
    }
    env.write("cc/news.warc.gz", &warc);
    let from_warc = storyline::sources::read_articles(&env.path("cc/news.warc.gz"), &Default::default());
    assert_eq!(from_warc.len(), 2);
    for (n, w) in names.iter().zip(&from_warc) {
        let w = w.as_ref().unwrap();
        let p = storyline::sources::read_articles(&fixture("html").join(n), &Default::default()).remove(0).unwrap();
        assert_eq!(w.text, p.text);
        assert_eq!((&w.title, &w.source, &w.language, w.published), (&p.title, &p.source, &p.language, p.published));
        assert_eq!(w.url.as_deref(), Some(format!("https://news.example.com/{n}").as_str()));
    }
    // Through the store: the WARC records are recognised as copies of the pages.
    env.run(&["ingest", fixture("html").join(names[0]).to_str().unwrap(), fixture("html").join(names[1]).to_str().unwrap()]).ok();
    let r = env.json(&["ingest", "--json", env.path("cc").to_str().unwrap()]);
    assert_eq!((r["ingested"].as_u64(), r["copies"].as_u64()), (Some(0), Some(2)), "{r}");
}

#[test]
fn warc_date_is_the_last_resort() {
    let env = Env::new();
    let page = b"<html><body><article><p>Delegations from Russia and Ukraine met in Istanbul for the first direct talks in three years.</p></article></body></html>";
    let rec = storyline::sources::warc::response_record("https://x.example/story", "2025-05-16T12:00:00Z", page);
    env.write("one.warc", &rec);
    let a = storyline::sources::read_articles(&env.path("one.warc"), &Default::default()).remove(0).unwrap();
    assert_eq!(a.published.unwrap().to_string(), "2025-05-16");
    assert_eq!(a.source.as_deref(), Some("x.example"));
}

#[test]
fn files_without_a_known_extension_are_sniffed_when_named() {
    let env = Env::new();
    let page = std::fs::read(fixture("html/kremlin-response.html")).unwrap();
    env.write("download", &page);
    let a = storyline::sources::read_articles(&env.path("download"), &Default::default()).remove(0).unwrap();
    assert_eq!(a.origin.format, storyline::model::Format::Html);
    assert!(a.text.contains("The Kremlin has not yet officially responded"));
}

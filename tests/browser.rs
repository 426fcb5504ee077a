//! The web UI in a real headless Chromium (through `webdriver.rs`): a journalist's path from
//! the story list to the seed story, a search for "Erdogan" reaching the article that spells it
//! "Erdoğan", a phone-sized window, and hostile text that must stay text. Screenshots land in
//! `target/screenshots/`. Skips with a note when chromium or chromedriver is absent.

use crate::serve::{Server, TOKEN, seeded};
use crate::util::Env;
use crate::webdriver::Browser;

fn no_horizontal_scroll(b: &mut Browser) -> bool {
    b.execute("return document.documentElement.scrollWidth <= window.innerWidth + 1;") == true
}

#[test]
fn a_journalist_follows_the_seed_story_and_finds_erdogan() {
    let Some(mut b) = Browser::start() else { return };
    let env = seeded();
    let srv = Server::start(&env, Some(TOKEN));
    let mut api = srv.client();
    let stories = api.get("/api/stories").json();
    let seed = stories["items"].as_array().unwrap().iter().max_by_key(|s| s["articles"].as_array().unwrap().len()).unwrap().clone();
    let id = seed["id"].as_i64().unwrap();
    let dossier = api.get(&format!("/api/stories/{id}")).json();

    // the story list, with a bar chart per story
    b.goto(&srv.url("/"));
    assert_eq!(b.title(), "Stories · storyline");
    assert!(!b.find_all("li.story svg.bars rect.day").is_empty());
    b.screenshot("stories");

    // into the seed story
    let link = b.find(&format!("li.story a.label[href=\"/stories/{id}\"]"));
    assert_eq!(b.text(&link), seed["label"].as_str().unwrap());
    b.click(&link);
    b.find("nav.toc");
    assert!(b.url().ends_with(&format!("/stories/{id}")), "{}", b.url());
    let h1 = b.find("main h1");
    assert_eq!(b.text(&h1), seed["label"].as_str().unwrap());
    // every section the dossier fills is on the page; the empty ones are not
    for (field, css) in [
        ("timeline", "#timeline ol.timeline li.ev time"),
        ("quotes", "#quotes section.speaker blockquote"),
        ("summary", "#summary a.cite"),
        ("entities", "#entities ul.entities li"),
        ("reports", "#sources table.reports tbody tr"),
        ("shared", "#shared .pair"),
        ("disagreements", "#disagreements .disagreement"),
    ] {
        let filled = !dossier[field].as_array().unwrap().is_empty();
        let shown = !b.find_all(css).is_empty();
        assert_eq!(shown, filled, "{field}: filled in the dossier {filled}, shown {shown}");
        if !filled {
            eprintln!("note: the dossier's {field} is empty on this build; its section is hidden");
        }
    }
    assert_eq!(b.find_all("#articles ol.articles li a").len(), seed["articles"].as_array().unwrap().len());
    assert!(no_horizontal_scroll(&mut b));
    b.screenshot("story");

    // search "Erdogan" from the header, reach the article that spells it "Erdoğan"
    let input = b.find("form.search input[name=q]");
    b.type_text(&input, "Erdogan");
    let go = b.find("form.search button");
    b.click(&go);
    b.find("ol.hits li.hit");
    assert!(b.url().contains("/search?q=Erdogan"), "{}", b.url());
    // folded: both spellings are found and marked
    let marked: Vec<String> = b.find_all("li.hit .snippet span.hit").iter().map(|e| b.text(e)).collect();
    assert!(marked.iter().any(|m| m == "Erdoğan") && marked.iter().all(|m| m == "Erdoğan" || m == "Erdogan"), "{marked:?}");
    b.screenshot("search");
    let snippets: Vec<String> = b.find_all("li.hit .snippet").iter().map(|e| b.text(e)).collect();
    let which = snippets.iter().position(|s| s.contains("Erdoğan")).unwrap();
    let hit = b.find_all("li.hit a.title")[which].clone();
    b.click(&hit);
    let text = b.find("#text");
    assert!(b.url().contains("/articles/"), "{}", b.url());
    assert!(b.text(&text).contains("Erdoğan"));
    // the layers are marked in the text
    for css in ["#text span.q", "#text span.e.per", "#text span.t"] {
        assert!(!b.find_all(css).is_empty(), "no {css}");
    }
    b.screenshot("article");

    // a phone
    b.set_window(390, 844);
    b.goto(&srv.url(&format!("/stories/{id}")));
    b.find("main h1");
    assert!(no_horizontal_scroll(&mut b), "the story page scrolls sideways on a phone");
    b.screenshot("story-phone");
    b.goto(&srv.url("/articles/000_160323196c8ef240"));
    b.find("#text");
    assert!(no_horizontal_scroll(&mut b), "the article page scrolls sideways on a phone");
    b.screenshot("article-phone");
}

#[test]
fn hostile_text_shows_as_text() {
    let Some(mut b) = Browser::start() else { return };
    let env = Env::new();
    let srv = Server::start(&env, Some(TOKEN));
    let mut api = srv.client();
    let script = "<script>alert(1)</script>";
    let img = "\"><img src=x onerror=alert(1)>";
    let title = format!("Breaking {img} {script}");
    let text = format!(
        "ISTANBUL (Wire) - Delegates said {script} was found in a leaked file, and {img} too. \
Turkish President Recep Tayyip Erdoğan said on Friday: \"We will host {script} talks.\""
    );
    let id = "evil\"><img src=x onerror=alert(2)>";
    let line = serde_json::json!({"id": id, "title": title, "text": text, "source": img, "published": "2025-05-16"});
    let r = api.post("/api/ingest", &[("Authorization", &format!("Bearer {TOKEN}"))], line.to_string().as_bytes());
    assert_eq!(r.json()["ingested"], 1, "{}", r.text());

    let enc: String = id.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    for path in [format!("/articles/{enc}"), "/".into(), "/articles".into(), "/search?q=script+alert".into(), "/stories/1".into()] {
        b.goto(&srv.url(&path));
        b.find("main");
        assert_eq!(b.alert_text(), None, "{path}: an alert opened");
        let injected = b.execute("return document.querySelectorAll('img, script, [onerror]').length;");
        assert_eq!(injected, 0, "{path}: an element was injected");
        let body = b.execute("return document.body.innerText;");
        let body = body.as_str().unwrap();
        if path.starts_with("/articles/") {
            assert!(body.contains(script) && body.contains(img), "{path}: the literal text is not shown: {body}");
            let h1 = b.find("main h1");
            assert_eq!(b.text(&h1), title);
            b.screenshot("hostile-article");
        } else if path.starts_with("/search") {
            assert!(body.contains("Breaking") && body.contains("<script>"), "{path}: {body}");
        }
    }
}

#[test]
fn the_upload_form_ingests_a_file_with_the_token() {
    let Some(mut b) = Browser::start() else { return };
    let env = Env::new();
    let file = env.write(
        "desk.jsonl",
        concat!(
            r#"{"id": "desk-1", "title": "Fidan in Kyiv", "source": "Desk", "published": "2025-05-30", "text": "KYIV (Desk) - Turkish Foreign Minister Hakan Fidan said on Friday that Türkiye was ready to host talks between Russia and Ukraine again."}"#,
            "\n{not json}\n"
        ),
    );
    let srv = Server::start(&env, Some(TOKEN));
    for (token, expect) in [("wrong", "wrong token"), (TOKEN, "1 new, 0 copies, 0 already stored, 1 failed")] {
        b.goto(&srv.url("/ingest"));
        let input = b.find("form.upload input[type=file]");
        b.type_text(&input, file.to_str().unwrap());
        let t = b.find("form.upload input[name=token]");
        b.type_text(&t, token);
        let go = b.find("form.upload button");
        b.click(&go);
        let shown = b.find(if token == TOKEN { "section.report" } else { "p.error" });
        let text = b.text(&shown);
        assert!(text.contains(expect), "{text}");
        if token == TOKEN {
            assert!(text.contains("desk.jsonl: line 2: not JSON"), "{text}");
            b.screenshot("ingest");
            let link = b.find("section.report a[href=\"/articles/desk-1\"]");
            b.click(&link);
            let h1 = b.find("main h1");
            assert_eq!(b.text(&h1), "Fidan in Kyiv");
        }
    }
}

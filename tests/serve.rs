//! `storyline serve`: the real binary on a free loopback port over a store ingested from the
//! seeds, driven over HTTP: every API endpoint (status and JSON shape), the errors (404, 400,
//! 401, 403, 413 as JSON), ingest with per-line errors, the security headers, and the pages.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use crate::http::Client;
use crate::util::{Env, examples};

pub const TOKEN: &str = "test-token-0123456789";

/// A running `storyline serve`, killed on drop.
pub struct Server {
    pub addr: SocketAddr,
    child: Child,
}

impl Server {
    /// Serve `env`'s store on 127.0.0.1 (a free port), with a write token or none.
    pub fn start(env: &Env, token: Option<&str>) -> Server {
        Server::start_with(env, token, &[])
    }

    /// The same with more `serve` options.
    pub fn start_with(env: &Env, token: Option<&str>, args: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_storyline"));
        cmd.arg("--db").arg(env.db()).args(["serve", "--addr", "127.0.0.1:0"]).args(args).env_remove("STORYLINE_TOKEN");
        if let Some(t) = token {
            cmd.args(["--token", t]);
        }
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        err.read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("serve did not say where it listens: {line:?}"));
        // keep draining stderr so the server never blocks on it
        std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
        Server { addr, child }
    }

    /// The server's open sockets (its listener and its connections), from /proc.
    pub fn sockets(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id()))
            .map(|d| d.flatten().filter(|e| std::fs::read_link(e.path()).is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))).count())
            .unwrap_or(0)
    }

    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A store with the five seeds.
pub fn seeded() -> Env {
    let env = Env::new();
    env.run(&["ingest", examples().to_str().unwrap()]).ok();
    env
}

fn assert_error(r: &crate::http::Response, status: u16, needle: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(r.header("content-type").unwrap_or("").starts_with("application/json"), "{:?}", r.headers);
    let v = r.json();
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("no error field: {v}"));
    assert!(msg.contains(needle), "{msg:?} does not say {needle:?}");
    assert_eq!(v.as_object().unwrap().len(), 1, "{v}");
}

#[test]
fn every_api_endpoint_answers_with_its_json() {
    let env = seeded();
    let srv = Server::start(&env, Some(TOKEN));
    let mut c = srv.client();

    let stories = c.get("/api/stories").json();
    assert_eq!((stories["limit"].as_u64(), stories["offset"].as_u64()), (Some(50), Some(0)));
    let items = stories["items"].as_array().unwrap();
    assert!(!items.is_empty() && stories["total"].as_u64() == Some(items.len() as u64));
    // the seed story: the one with the most articles
    let seed = items.iter().max_by_key(|s| s["articles"].as_array().unwrap().len()).unwrap();
    assert!(seed["articles"].as_array().unwrap().len() >= 4, "{seed}");
    let per_day: u64 = seed["per_day"].as_array().unwrap().iter().map(|d| d[1].as_u64().unwrap()).sum();
    assert_eq!(per_day + seed["undated"].as_u64().unwrap(), seed["articles"].as_array().unwrap().len() as u64);
    let id = seed["id"].as_i64().unwrap();

    let d = c.get(&format!("/api/stories/{id}")).json();
    assert_eq!(d["id"].as_i64(), Some(id));
    for k in ["label", "articles", "summary", "timeline", "quotes", "entities", "disagreements", "reports", "shared"] {
        assert!(d.get(k).is_some(), "dossier without {k}: {d}");
    }

    let arts = c.get("/api/articles?limit=2&offset=1").json();
    assert_eq!(arts["items"].as_array().unwrap().len(), 2);
    assert_eq!(arts["total"].as_u64(), Some(5));
    let by_date = c.get("/api/articles?by_date=true").json();
    assert_eq!(by_date["items"].as_array().unwrap().len(), 5);

    // issue 13: a page shows times as a reader says them, never a TIMEX code (002 says "on
    // Thursday" and "this weekend" and is undated: "a Thursday (date unknown)"; 000 is dated
    // from its own text)
    let page = c.get("/articles/002_e141019d387e8c04").text();
    assert!(page.contains("(date unknown)"), "{page}");
    for id in ["000_160323196c8ef240", "002_e141019d387e8c04"] {
        let page = c.get(&format!("/articles/{id}")).text();
        for code in ["XXXX", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "WXX"] {
            assert!(!page.contains(code), "{code} on the article page of {id}");
        }
    }
    assert!(c.get("/articles/000_160323196c8ef240").text().contains("June 2"));
    let a = c.get("/api/articles/000_160323196c8ef240").json();
    assert_eq!(a["id"], "000_160323196c8ef240");
    assert!(a["text"].as_str().unwrap().contains("Fidan"));
    for k in ["quotes", "times", "entities"] {
        assert!(!a[k].as_array().unwrap().is_empty(), "article without {k}");
    }
    // offsets are code points into the text
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    for e in a["entities"].as_array().unwrap() {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(text[s..t].iter().collect::<String>(), e["text"].as_str().unwrap());
    }

    let q = c.get("/api/quotes?limit=3").json();
    assert!(q["items"].as_array().unwrap().len() <= 3 && q["total"].as_u64().unwrap() > 0);
    assert!(q["items"][0]["variants"].is_array());
    let fidan = c.get("/api/quotes?speaker=Fidan").json();
    assert!(fidan["items"].as_array().unwrap().iter().all(|g| g["speaker"].as_str().unwrap().contains("Fidan")), "{fidan}");

    let e = c.get("/api/entities/Erdogan").json();
    assert_eq!(e["kind"], "PERSON");
    assert!(e["spellings"].as_array().unwrap().iter().any(|s| s.as_str().unwrap().contains("Erdoğan")), "{e}");
    let kief = c.get("/api/entities/Kief");
    assert_eq!(kief.status, 200, "{}", kief.text());
    // issue 19: an entity's articles and quotes come a page at a time, with their totals
    let z = c.get("/api/entities/Zelensky").json();
    let (arts, quotes) = (z["articles_total"].as_u64().unwrap(), z["quotes_total"].as_u64().unwrap());
    assert!(arts >= 4 && quotes >= 2, "{z}");
    let p1 = c.get("/api/entities/Zelensky?limit=1").json();
    assert_eq!((p1["articles"].as_array().unwrap().len(), p1["quotes"].as_array().unwrap().len()), (1, 1), "{p1}");
    assert_eq!(p1["articles_total"].as_u64(), Some(arts));
    let next = p1["next"].as_str().expect("a next page");
    let p2 = c.get(next).json();
    assert_eq!(p2["offset"].as_u64(), Some(1));
    assert_ne!(p2["articles"][0], p1["articles"][0], "the next page moves on");
    assert_eq!(p2["articles"][0], z["articles"][1]);
    let last = c.get(&format!("/api/entities/Zelensky?offset={}", arts.max(quotes) - 1)).json();
    assert!(last["next"].is_null(), "{last}");
    assert_error(&c.get("/api/entities/Zelensky?limit=0"), 400, "limit");

    // issue 19: a dossier's long sections come a page at a time, on the dossier and on their own
    let story = c.get("/api/stories").json()["items"][0]["id"].as_i64().unwrap();
    let whole = c.get(&format!("/api/stories/{story}")).json();
    assert!(whole.get("pages").is_none(), "no paging asked, no pages: {whole}");
    let n_entities = whole["entities"].as_array().unwrap().len();
    assert!(n_entities > 2, "{whole}");
    let paged = c.get(&format!("/api/stories/{story}?limit=2")).json();
    assert_eq!(paged["entities"].as_array().unwrap().len(), 2);
    assert_eq!(paged["entities"][1], whole["entities"][1]);
    assert_eq!(paged["pages"]["entities"]["total"].as_u64(), Some(n_entities as u64));
    assert_eq!(paged["articles"], whole["articles"], "the article list is not a paged section");
    let next = paged["pages"]["entities"]["next"].as_str().expect("a next page of entities");
    assert_eq!(next, format!("/api/stories/{story}/entities?limit=2&offset=2"));
    let p2 = c.get(next).json();
    assert_eq!((p2["story"].as_i64(), p2["section"].as_str(), p2["offset"].as_u64()), (Some(story), Some("entities"), Some(2)), "{p2}");
    assert_eq!(p2["items"][0], whole["entities"][2]);
    let last = c.get(&format!("/api/stories/{story}/entities?offset={}", n_entities - 1)).json();
    assert_eq!((last["items"].as_array().unwrap().len(), last["next"].is_null()), (1, true), "{last}");
    let by_article = c.get(&format!("/api/stories/{}/timeline?limit=1", whole["articles"][0].as_str().unwrap())).json();
    assert_eq!(by_article["story"].as_i64(), Some(story), "a section by the id of one of its articles");
    assert_error(&c.get(&format!("/api/stories/{story}/gossip")), 404, "no section gossip");
    assert_error(&c.get(&format!("/api/stories/{story}/quotes?limit=501")), 400, "limit");
    assert_error(&c.get(&format!("/api/stories/{story}?offset=x")), 400, "offset");

    let hits = c.get("/api/search?q=Erdogan").json();
    assert_eq!(hits["query"], "Erdogan");
    // every hit counted, not only the page's
    let one = c.get("/api/search?q=Erdogan&limit=1").json();
    assert_eq!(one["items"].as_array().unwrap().len(), 1);
    assert_eq!(one["total"].as_u64(), Some(hits["items"].as_array().unwrap().len() as u64), "{one}");
    assert!(one["total"].as_u64().unwrap() >= 2);
    let items = hits["items"].as_array().unwrap();
    assert!(items.iter().any(|h| h["snippet"].as_str().unwrap().contains("Erdoğan")), "{hits}");
    assert!(items.iter().any(|h| h["snippet"].as_str().unwrap().contains("Erdogan")), "{hits}");
    assert!(items[0]["matches"].is_array() && items[0]["id"].is_string() && items[0]["score"].is_number());

    let doc = c.get("/api/openapi.json");
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for p in ["/api/stories", "/api/stories/{id}", "/api/stories/{id}/{section}", "/api/articles", "/api/articles/{id}", "/api/quotes", "/api/entities/{name}", "/api/search", "/api/ingest", "/api/openapi.json"] {
        assert!(doc["paths"].get(p).is_some(), "openapi.json does not list {p}");
    }
}

#[test]
fn api_errors_are_json_with_their_status() {
    let env = seeded();
    let srv = Server::start(&env, Some(TOKEN));
    let mut c = srv.client();
    assert_error(&c.get("/api/stories/999999"), 404, "no story 999999");
    assert_error(&c.get("/api/stories/abc"), 404, "no story abc");
    assert_error(&c.get("/api/stories/%FF"), 400, "bad path");
    assert_error(&c.get("/api/articles/no-such-id"), 404, "no article");
    assert_error(&c.get("/api/entities/Nobody%20Atall"), 404, "Nobody Atall");
    assert_error(&c.get("/api/nothing/here"), 404, "no such endpoint");
    assert_error(&c.get("/api/ingest"), 405, "GET is not allowed");
    assert_error(&c.request("DELETE", "/api/stories", &[], b"").unwrap(), 405, "DELETE is not allowed");
    assert_error(&c.get("/api/articles?limit=abc"), 400, "limit");
    assert_error(&c.get("/api/articles?limit=100000"), 400, "limit");
    assert_error(&c.get("/api/stories?offset=-1"), 400, "offset");
    assert_error(&c.get("/api/articles?by_date=perhaps"), 400, "by_date");
    assert_error(&c.get("/api/search"), 400, "q is required");
    assert_error(&c.get("/api/search?q=%20%2C%20"), 400, "no words");
    let line = br#"{"id": "x1", "text": "Kept out."}"#;
    assert_error(&c.post("/api/ingest", &[], line), 401, "token");
    assert_error(&c.post("/api/ingest", &[("Authorization", "Bearer wrong")], line), 401, "wrong token");
    assert!(c.post("/api/ingest", &[], line).header("www-authenticate").is_some());
    let auth = format!("Bearer {TOKEN}");
    assert_error(&c.post("/api/ingest", &[("Authorization", &auth)], b"  \n"), 400, "empty");
    let big = vec![b' '; (16 << 20) + 1];
    assert_error(&c.post("/api/ingest", &[("Authorization", &auth)], &big), 413, "too large");
    assert_error(&c.get("/api/articles/x1"), 404, "no article");
    // pages: HTML errors with the same statuses
    let r = c.get("/stories/999999");
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").unwrap().starts_with("text/html") && r.text().contains("no story 999999"));
    assert_eq!(c.get("/articles?limit=0").status, 400);
    assert_eq!(c.get("/no/such/page").status, 404);
}

#[test]
fn without_a_token_the_server_is_read_only() {
    let env = seeded();
    let srv = Server::start(&env, None);
    let mut c = srv.client();
    let r = c.post("/api/ingest", &[("Authorization", "Bearer anything")], br#"{"id": "x", "text": "No."}"#);
    assert_error(&r, 403, "disabled");
    assert!(c.get("/ingest").text().contains("disabled"));
    assert_eq!(c.get("/api/articles").json()["total"], 5);
}

#[test]
fn ingest_through_the_api_reports_each_line() {
    let env = seeded();
    let srv = Server::start(&env, Some(TOKEN));
    let mut c = srv.client();
    let body = concat!(
        r#"{"id": "api-1", "title": "Talks resume", "text": "KYIV (Wire) - Ukrainian President Volodymyr Zelensky said on Sunday he would be waiting for Russian President Vladimir Putin in Turkey on Thursday for direct talks in Istanbul, after U.S. President Donald Trump urged Ukraine to accept Russia's offer of direct talks. Kyiv and its European allies want a 30-day ceasefire first.", "published": "2025-05-11", "source": "Wire"}"#,
        "\nnot json\n",
        r#"{"id": "api-2"}"#,
        "\n"
    );
    let auth = format!("Bearer {TOKEN}");
    // every story's dossier built (and kept) before the ingest
    let before: Vec<i64> = c.get("/api/stories").json()["items"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    for id in &before {
        assert_eq!(c.get(&format!("/api/stories/{id}")).status, 200);
    }
    // the entity filter's articles are kept per store version: a name no story has yet
    assert_eq!(c.get("/api/stories?entity=Wire").json()["total"], 0);
    let r = c.post("/api/ingest?name=desk.jsonl", &[("Authorization", &auth), ("Content-Type", "application/x-ndjson")], body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let rep = r.json();
    assert_eq!((rep["ingested"].as_u64(), rep["failed"].as_u64()), (Some(1), Some(2)), "{rep}");
    let errors = rep["errors"].as_array().unwrap();
    assert_eq!(errors[0]["path"], "desk.jsonl");
    assert_eq!(errors[0]["locator"], "line 2");
    assert!(errors[0]["message"].as_str().unwrap().starts_with("not JSON"));
    assert_eq!(errors[1]["locator"], "line 3");
    assert_eq!(rep["articles"][0]["outcome"], "new");
    // stored, linked and readable at once
    let a = c.get("/api/articles/api-1").json();
    assert_eq!(a["title"], "Talks resume");
    assert!(a["story"].is_i64());
    // a kept dossier is not served once the store has changed: the story (the seed story,
    // built before) shows the new article
    assert!(before.contains(&a["story"].as_i64().unwrap()), "joined the seed story");
    let d = c.get(&format!("/api/stories/{}", a["story"])).json();
    assert!(d["articles"].as_array().unwrap().iter().any(|x| x == "api-1"), "{d}");
    // … and the entity filter finds the new article's story, not the list kept before
    let wire = c.get("/api/stories?entity=Wire").json();
    assert_eq!(wire["items"][0]["id"], a["story"], "{wire}");
    // the same again changes nothing
    let again = c.post("/api/ingest", &[("Authorization", &auth)], body.as_bytes()).json();
    assert_eq!((again["ingested"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(1)));
}

#[test]
fn responses_carry_security_headers_and_pages_render() {
    let env = seeded();
    let srv = Server::start(&env, Some(TOKEN));
    let mut c = srv.client();
    for path in ["/", "/api/stories", "/static/style.css", "/api/nothing", "/articles/000_160323196c8ef240"] {
        let r = c.get(path);
        let csp = r.header("content-security-policy").unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline") && !csp.contains("script-src"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{path}");
    }
    assert!(c.get("/static/style.css").header("content-type").unwrap().starts_with("text/css"));
    let home = c.get("/").text();
    assert!(home.contains("<h1>Stories</h1>") && home.contains("<svg class=\"bars\""), "{home}");
    assert!(!home.contains("<script"));
    let id = c.get("/api/stories").json()["items"][0]["id"].as_i64().unwrap();
    let story = c.get(&format!("/stories/{id}"));
    assert_eq!(story.status, 200);
    assert!(story.text().contains("id=\"articles\""));
    // the story's thread page lists it by its headline, as the front page does, not its keywords
    let listed = &c.get("/api/stories").json()["items"][0];
    let headline = listed["headline"]["text"].as_str().unwrap().to_string();
    let label = listed["label"].as_str().unwrap().to_string();
    let thread = c.get("/threads/1");
    assert_eq!(thread.status, 200);
    let thread = thread.text();
    let opening: String = headline.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(thread.contains(&format!("<a href=\"/stories/{id}\">{opening}")), "{opening:?} not the link text:\n{thread}");
    assert!(!thread.contains(&format!("<a href=\"/stories/{id}\">{}", label.split_whitespace().next().unwrap())) || headline.starts_with(label.split_whitespace().next().unwrap()), "{thread}");
    // the thread list links each thread by its headline, and every page links the list
    let threads = c.get("/threads");
    assert_eq!(threads.status, 200);
    let threads = threads.text();
    assert!(threads.contains("<h1>Threads</h1>") && threads.contains("<a class=\"headline\" href=\"/threads/1\">"), "{threads}");
    assert!(home.contains("<a href=\"/threads\">Threads</a>"), "{home}");
    assert_eq!(c.get("/threads?limit=0").status, 400);
    let art = c.get("/articles/000_160323196c8ef240").text();
    assert!(art.contains("class=\"q\"") && art.contains("class=\"e per\"") && art.contains("class=\"t\""), "layers not highlighted");
    let search = c.get("/search?q=Erdogan").text();
    assert!(search.contains("<span class=\"hit\" title=\"\">Erdoğan</span>"), "{search}");
    assert!(c.get("/articles").text().contains("000_160323196c8ef240"));
    // the timeline of a search, linked from the search page: dated entries citing articles
    assert!(search.contains("href=\"/timeline?q=Erdogan\""), "{search}");
    let tl = c.get("/timeline?q=Erdogan");
    assert_eq!(tl.status, 200);
    let tl = tl.text();
    assert!(tl.contains("<time>2025-05-11</time>") && tl.contains("class=\"cite\" href=\"/articles/"), "{tl}");
    let all = c.get("/timeline").text();
    assert!(all.contains("<time>2022-02</time>") && all.contains("planned"), "{all}");
    assert_eq!(c.get("/timeline?from=May").status, 400);
    assert_eq!(c.get("/timeline?entity=Nobody%20Atall").status, 404);
    assert!(!c.get("/timeline?q=%3Cscript%3E").text().contains("<script>"), "the query is escaped");
}

#[test]
fn help_lists_serve_and_its_safe_defaults() {
    let env = Env::new();
    let help = env.run(&["--help"]).ok().stdout;
    assert!(help.contains("serve") && help.contains("STORYLINE_TOKEN"), "{help}");
    let serve = env.run(&["serve", "--help"]).ok().stdout;
    assert!(serve.contains("127.0.0.1:8080") && serve.contains("--token"), "{serve}");
    // issue 15: a token shorter than 16 bytes is refused at start, a token file is read
    let short = env.run(&["serve", "--token", "x"]);
    assert_eq!(short.code, 2, "{}", short.stderr);
    assert!(short.stderr.contains("16 bytes"), "{}", short.stderr);
    let missing = env.run(&["serve", "--token-file", "/nonexistent/token"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read the token file"), "{}", missing.stderr);
    // a bad address is a usage error, not a panic
    let bad = env.run(&["serve", "--addr", "nowhere"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

/// Issue 15: the upload form read its whole body (16 MiB) before looking at the token. Now a
/// file sent before a token is refused unread: the server answers 401 while most of the
/// announced body was never sent.
#[test]
fn the_upload_form_without_a_token_is_refused_before_its_body_is_read() {
    use std::io::{Read, Write};
    let env = seeded();
    let server = Server::start(&env, Some(TOKEN));
    let mut s = std::net::TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    let announced = 12 << 20;
    write!(s, "POST /ingest HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {announced}\r\n\r\n{head}").unwrap();
    s.write_all(&vec![b'x'; 64 << 10]).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    // the answer comes although 12 MiB were announced and 64 KiB sent
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = s.read(&mut buf).expect("the server answers before the body is sent");
        assert!(n > 0, "closed without an answer");
        got.extend_from_slice(&buf[..n]);
    }
    let status = String::from_utf8_lossy(&got);
    assert!(status.starts_with("HTTP/1.1 401"), "{status}");
}

/// Reads what the server sends until it closes the connection (or resets it); `None` if it
/// is still open after `wait`.
fn read_until_closed(s: &mut std::net::TcpStream, wait: std::time::Duration) -> Option<Vec<u8>> {
    use std::io::Read;
    s.set_read_timeout(Some(wait)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return None,
            Err(_) => return Some(got), // reset
        }
    }
}

/// Issue 15: 200 half-sent requests stayed open 45 s and more. Now a connection that sends
/// no whole request head within `--timeout` is closed (idle or half-sent), and a body that
/// stops coming is answered 408 and closed.
#[test]
fn a_half_sent_request_is_closed_by_the_server() {
    use std::io::Write;
    use std::net::TcpStream;
    let env = seeded();
    let srv = Server::start_with(&env, Some(TOKEN), &["--timeout", "1"]);
    let patience = std::time::Duration::from_secs(30);
    let mut half = TcpStream::connect(srv.addr).unwrap();
    half.write_all(b"GET /api/stories HTTP/1.1\r\nHost: x\r\nAccept: */").unwrap();
    let mut idle = TcpStream::connect(srv.addr).unwrap();
    let mut body = TcpStream::connect(srv.addr).unwrap();
    write!(body, "POST /api/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: 1000\r\n\r\n{{\"id\": ").unwrap();
    let got = read_until_closed(&mut half, patience).expect("a half-sent head is closed");
    assert!(!String::from_utf8_lossy(&got).contains(" 200 "), "{}", String::from_utf8_lossy(&got));
    read_until_closed(&mut idle, patience).expect("a connection that sends nothing is closed");
    let got = String::from_utf8_lossy(&read_until_closed(&mut body, patience).expect("a half-sent body is closed")).into_owned();
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    assert!(got.contains("did not arrive in time"), "{got}");
    // and the server still answers whole requests
    assert_eq!(srv.client().get("/api/stories").status, 200);
}

/// Issue 15: with 1,024 descriptors, 1,100 idle connections made the server unreachable. Now
/// it holds at most `--max-connections` (the rest wait in the listen queue, costing it no
/// descriptor), and a real request is answered once the idle ones time out.
#[test]
fn connections_over_the_limit_wait_without_taking_descriptors() {
    let env = seeded();
    let srv = Server::start_with(&env, None, &["--max-connections", "4", "--timeout", "1"]);
    let base = srv.sockets();
    assert!(base >= 1, "the listener is a socket");
    let idle: Vec<std::net::TcpStream> = (0..12).map(|_| std::net::TcpStream::connect(srv.addr).unwrap()).collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let held = srv.sockets();
    assert!(held <= base + 4, "{held} sockets open with the limit at 4 (base {base})");
    assert!(held > base, "some idle connections were accepted");
    // queued behind the idle ones, answered when they have timed out
    let r = srv.client().get("/api/stories");
    assert_eq!(r.status, 200);
    assert!(srv.sockets() <= base + 4);
    drop(idle);
}

/// Issue 15: `q=the+the+…` (250 words) took 10.5 s and eight of them stalled other requests
/// for 50 s. Repeated terms count once and at most 16 are used: the answer says which, so the
/// work is counted, not timed. Eight such searches at once leave the server answering.
#[test]
fn a_search_with_250_words_uses_at_most_16_terms() {
    let env = seeded();
    let srv = Server::start(&env, None);
    let distinct: Vec<String> = (0..250).map(|i| format!("{}{}", (b'a' + (i / 26) as u8) as char, (b'a' + (i % 26) as u8) as char)).collect();
    let distinct = distinct.join("+");
    let same = vec!["the"; 250].join("+");
    let addr = srv.addr;
    let searches: Vec<_> = (0..8)
        .map(|i| {
            let q = if i % 2 == 0 { distinct.clone() } else { same.clone() };
            std::thread::spawn(move || crate::http::Client::new(addr).get(&format!("/api/search?q={q}")))
        })
        .collect();
    assert_eq!(srv.client().get("/api/stories").status, 200);
    for (i, s) in searches.into_iter().enumerate() {
        let r = s.join().unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
        let terms = r.json()["terms"].as_array().unwrap().clone();
        if i % 2 == 0 {
            assert_eq!(terms.len(), 16, "{terms:?}");
        } else {
            assert_eq!(terms, [serde_json::json!(["the"])]);
        }
    }
}

/// Issue 15: 6 of 7 API ingests during a CLI ingest got 500. An upload waits while another
/// process holds the store's write lock, and goes through when it is released; only a lock
/// held past the store's busy timeout is answered 503, with `Retry-After`.
#[test]
fn an_upload_waits_for_another_writer_and_is_503_only_when_the_wait_runs_out() {
    let env = seeded();
    let srv = Server::start(&env, Some(TOKEN));
    let auth = format!("Bearer {TOKEN}");
    let line = |id: &str| format!(r#"{{"id": "{id}", "text": "Officials met in Geneva on Monday to discuss the ceasefire.", "published": "2025-05-12"}}"#);
    let other = rusqlite::Connection::open(env.db()).unwrap();
    // held briefly: the upload waits and succeeds
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (addr, body, a) = (srv.addr, line("waits-1"), auth.clone());
    let upload = std::thread::spawn(move || crate::http::Client::new(addr).post("/api/ingest", &[("Authorization", &a)], body.as_bytes()));
    std::thread::sleep(std::time::Duration::from_millis(500));
    other.execute_batch("COMMIT").unwrap();
    let r = upload.join().unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["ingested"], 1);
    // held past the busy timeout: 503 with Retry-After, and nothing stored
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = srv.client().post("/api/ingest", &[("Authorization", &auth)], line("waits-2").as_bytes());
    other.execute_batch("COMMIT").unwrap();
    assert_error(&r, 503, "busy");
    assert!(r.header("retry-after").is_some_and(|s| s.parse::<u32>().is_ok()), "{:?}", r.headers);
    assert_eq!(srv.client().get("/api/articles/waits-2").status, 404);
}

/// A store with the seeds and four more articles from named outlets, dates and languages
/// (issue 19's story list).
fn newsroom() -> Env {
    let env = seeded();
    let lines = [
        serde_json::json!({"id": "oil-1", "source": "Reuters", "published": "2024-03-01", "title": "Oil prices rise as OPEC+ extends its output cuts",
            "text": "Oil prices rose on Friday after OPEC+ agreed to extend its output cuts of 2.2 million barrels per day into the second quarter. Brent crude futures climbed to $83 a barrel as traders weighed the tighter supply. Saudi Arabia said it would keep its voluntary cut of one million barrels per day in place."}),
        serde_json::json!({"id": "oil-2", "url": "https://www.bbc.co.uk/news/business-1", "published": "2024-03-02", "title": "OPEC+ output cuts extended, lifting oil prices",
            "text": "OPEC+ members agreed to extend output cuts of 2.2 million barrels per day into the second quarter, and oil prices rose. Brent crude futures traded near $83 a barrel on Saturday. Saudi Arabia will keep its voluntary cut of one million barrels per day, the energy ministry said."}),
        serde_json::json!({"id": "quake-1", "source": "AP", "published": "2023-02-06", "title": "Powerful earthquake strikes southern Turkey and Syria",
            "text": "A magnitude 7.8 earthquake struck southern Turkey and northern Syria before dawn on Monday, toppling thousands of buildings. Rescue workers searched the rubble in Gaziantep and Kahramanmaras as aftershocks shook the region. Hospitals in Aleppo said they were overwhelmed with the injured."}),
        serde_json::json!({"id": "de-1", "source": "Tagesschau", "published": "2024-01-10",
            "text": "Der Bundestag hat am Mittwoch über den Haushalt für das kommende Jahr beraten. Die Abgeordneten stritten über die Schuldenbremse und über Kürzungen bei den Subventionen für die Landwirtschaft. Der Finanzminister verteidigte den Entwurf der Regierung."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    env.write("in/newsroom.jsonl", body);
    env.run(&["ingest", env.path("in/newsroom.jsonl").to_str().unwrap()]).ok();
    env
}

fn ids(v: &serde_json::Value) -> Vec<i64> {
    v["items"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect()
}

fn with_article(v: &serde_json::Value, article: &str) -> Vec<i64> {
    v["items"].as_array().unwrap().iter().filter(|s| s["articles"].as_array().unwrap().iter().any(|a| a == article)).map(|s| s["id"].as_i64().unwrap()).collect()
}

/// Issue 19: `/api/stories` sorts, filters and pages as `storyline stories` does, with
/// `total`, `next` and `prev`, headlines and outlets by name; bad values are 400s naming
/// the parameter.
#[test]
fn the_story_list_sorts_filters_and_pages() {
    let env = newsroom();
    let srv = Server::start(&env, None);
    let mut c = srv.client();
    let all = c.get("/api/stories").json();
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 4, "{all}");
    assert!(all["next"].is_null() && all["prev"].is_null(), "one page: {all}");
    // latest first: the seed story (May 2025) leads
    let seed = all["items"][0].clone();
    assert!(seed["articles"].as_array().unwrap().iter().any(|a| a == "000_160323196c8ef240"), "{seed}");
    let lasts: Vec<&str> = all["items"].as_array().unwrap().iter().filter_map(|s| s["last"].as_str()).collect();
    assert!(lasts.windows(2).all(|w| w[0] >= w[1]), "{lasts:?}");
    for s in all["items"].as_array().unwrap() {
        let h = s["headline"]["text"].as_str().unwrap_or_else(|| panic!("no headline: {s}"));
        assert!(h.split_whitespace().count() >= 5, "{h}");
    }
    // titles win where there are titles; outlets by name, from the field or the URL's domain
    let oil = all["items"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().iter().any(|a| a == "oil-1")).unwrap();
    assert_eq!(oil["headline"]["from"], "title", "{oil}");
    let names: Vec<&str> = all["items"].as_array().unwrap().iter().flat_map(|s| s["outlets"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap())).collect();
    assert!(names.contains(&"Reuters") && names.contains(&"bbc.co.uk") && names.contains(&"AP"), "{names:?}");
    assert_eq!(seed["outlets"].as_array().unwrap().len(), 0, "no seed names its outlet");

    // sorts
    let size = c.get("/api/stories?sort=size").json();
    assert_eq!(ids(&size)[0], seed["id"].as_i64().unwrap(), "the seed story has the most articles");
    let first = c.get("/api/stories?sort=first").json();
    let firsts: Vec<&str> = first["items"].as_array().unwrap().iter().filter_map(|s| s["first"].as_str()).collect();
    assert!(firsts.windows(2).all(|w| w[0] >= w[1]), "{firsts:?}");
    let outlets = c.get("/api/stories?sort=outlets").json();
    let counts: Vec<i64> = outlets["items"].as_array().unwrap().iter().map(|s| s["sources"].as_i64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    // filters
    let in_2024 = c.get("/api/stories?from=2024-01-01&to=2024-12-31").json();
    assert!(!with_article(&in_2024, "oil-1").is_empty() && !with_article(&in_2024, "de-1").is_empty(), "{in_2024}");
    assert!(with_article(&in_2024, "000_160323196c8ef240").is_empty() && with_article(&in_2024, "quake-1").is_empty(), "{in_2024}");
    assert_eq!(in_2024["total"].as_u64().unwrap() as usize, ids(&in_2024).len());
    let zelensky = c.get("/api/stories?entity=Zelenskyy").json();
    assert_eq!(ids(&zelensky), [seed["id"].as_i64().unwrap()], "{zelensky}");
    let bbc = c.get("/api/stories?outlet=BBC.co.uk").json();
    assert_eq!(ids(&bbc), with_article(&all, "oil-2"), "{bbc}");
    let reuters = c.get("/api/stories?outlet=reuters").json();
    assert_eq!(ids(&reuters), with_article(&all, "oil-1"), "{reuters}");
    let german = c.get("/api/stories?language=de").json();
    assert_eq!(ids(&german), with_article(&all, "de-1"), "{german}");
    let opec = c.get("/api/stories?query=OPEC").json();
    assert!(!ids(&opec).is_empty() && ids(&opec).iter().all(|id| with_article(&all, "oil-1").contains(id) || with_article(&all, "oil-2").contains(id)), "{opec}");
    let none = c.get("/api/stories?entity=Nobody%20Atall").json();
    assert_eq!((none["total"].as_u64(), ids(&none).len()), (Some(0), 0));

    // pages with links that keep the filters
    let p1 = c.get("/api/stories?sort=size&limit=1").json();
    assert_eq!((p1["total"].as_u64(), ids(&p1).len()), (Some(total), 1));
    let next = p1["next"].as_str().unwrap();
    assert_eq!(next, "/api/stories?sort=size&limit=1&offset=1");
    let p2 = c.get(next).json();
    assert_eq!(ids(&p2), ids(&size)[1..2]);
    assert_eq!(p2["prev"].as_str(), Some("/api/stories?sort=size&limit=1"));

    // a story by the id of one of its articles, as `show` takes it
    let d = c.get("/api/stories/oil-2").json();
    assert_eq!(Some(d["id"].as_i64().unwrap()), with_article(&all, "oil-2").first().copied());
    assert_error(&c.get("/api/stories/no-such-article"), 404, "no story no-such-article");

    // bad values name their parameter
    assert_error(&c.get("/api/stories?sort=biggest"), 400, "sort must be latest, size, outlets or first");
    assert_error(&c.get("/api/stories?from=May"), 400, "from must be a date");
    assert_error(&c.get("/api/stories?to=2025-13-01"), 400, "to must be a date");
    assert_error(&c.get("/api/stories?from=2025-06-01&to=2025-05-01"), 400, "from (2025-06-01) is after to (2025-05-01)");
    assert_error(&c.get("/api/stories?language=e"), 400, "language must be");
    assert_error(&c.get("/api/stories?limit=0"), 400, "limit");
    assert_error(&c.get(&format!("/api/stories?entity={}", "x".repeat(201))), 400, "entity is too long");
    assert_error(&c.get("/api/nope"), 404, "GET /api/nope");

    // the page: a filter bar holding the values, headlines, and the same stories
    let page = c.get("/?entity=Zelenskyy&sort=size").text();
    assert!(page.contains("<form class=\"filters\"") && page.contains("name=\"entity\" value=\"Zelenskyy\""), "{page}");
    assert!(page.contains("<option value=\"size\" selected>"), "{page}");
    assert!(page.contains(&format!("href=\"/stories/{}\"", seed["id"])) && !page.contains("OPEC"), "{page}");
    assert_eq!(c.get("/?from=soon").status, 400);
}

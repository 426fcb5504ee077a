//! Serve (`cargo bench --bench serve`; `BENCH_N` articles, default 10,000; `BENCH_SECONDS` per
//! target, default 5; `BENCH_CLIENTS` concurrent keep-alive clients, default 8): build a store
//! of N articles (the seeds, then perturbed copies of real dev texts from `../shared/eval` when
//! present, else of the seeds, as `benches/scale.rs` makes them), start `storyline serve`
//! in-process on a loopback port, and hit the story page (`/stories/{id}` and
//! `/api/stories/{id}`) of the seed story and of the largest story, and the story list (`/`,
//! `/api/stories`, and sorted and filtered by size, outlets, an entity, a search, an outlet and
//! language, and the seed story's span of days), with concurrent requests for a bounded time; prints p50/p99 latency and
//! requests per second. Then the load test (issue 15): `BENCH_LOAD` requests (default 5,000)
//! over `BENCH_CONNECTIONS` connections (default 50) across the list, the stories, articles
//! and searches, while an ingest of `BENCH_LOAD_ARTICLES` new articles (default 2,000) runs
//! into the same store; prints the answers by status (every request must be answered) and
//! p50/p99. Loopback only; every loop is bounded in time and count.

#[path = "../tests/http.rs"]
mod http;

use std::io::Write;
use std::time::{Duration, Instant};

#[path = "support/mod.rs"]
mod support;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// The articles: the five seeds as they are, then the benches' perturbed stream.
fn corpus(repo: &std::path::Path, n: usize, out: &std::path::Path) -> usize {
    let mut f = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    for (id, text) in support::seeds(repo) {
        writeln!(f, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
    }
    let base = support::base_texts(repo);
    let mut r = support::Rng(0x5e7e);
    for i in 5..n {
        writeln!(f, "{}", support::article_line(i, &base, &mut r).0).unwrap();
    }
    base.len()
}

struct Figures {
    requests: usize,
    errors: usize,
    p50: f64,
    p99: f64,
    rps: f64,
    bytes: usize,
}

/// `clients` threads, each on one keep-alive connection, GET `path` until `secs` pass (or
/// 200,000 requests in all).
fn hammer(addr: std::net::SocketAddr, path: &str, clients: usize, secs: f64) -> Figures {
    const MAX_REQUESTS: usize = 200_000;
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let started = Instant::now();
    let results: Vec<(Vec<f64>, usize, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                s.spawn(move || {
                    let mut c = http::Client::new(addr);
                    let (mut lat, mut errors, mut bytes) = (Vec::new(), 0, 0);
                    while Instant::now() < deadline && lat.len() < MAX_REQUESTS / clients {
                        let t = Instant::now();
                        match c.request("GET", path, &[], b"") {
                            Ok(r) if r.status == 200 => bytes = r.body.len(),
                            _ => errors += 1,
                        }
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                    (lat, errors, bytes)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wall = started.elapsed().as_secs_f64();
    let mut all: Vec<f64> = results.iter().flat_map(|r| r.0.iter().copied()).collect();
    all.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(0.0);
    Figures {
        requests: all.len(),
        errors: results.iter().map(|r| r.1).sum(),
        p50: pct(0.50),
        p99: pct(0.99),
        rps: all.len() as f64 / wall,
        bytes: results.iter().map(|r| r.2).max().unwrap_or(0),
    }
}

/// The load test: `total` GETs spread over `connections` threads (one keep-alive connection
/// each, reopened if the server closes it), cycling through `paths`, while `ingest` runs.
fn load_under_ingest(addr: std::net::SocketAddr, paths: &[String], total: usize, connections: usize, ingest: impl FnOnce() -> usize + Send) {
    let started = Instant::now();
    let (results, (ingested, ingest_secs)) = std::thread::scope(|s| {
        let writer = s.spawn(move || {
            let t = Instant::now();
            (ingest(), t.elapsed().as_secs_f64())
        });
        let handles: Vec<_> = (0..connections)
            .map(|k| {
                s.spawn(move || {
                    let mut c = http::Client::new(addr);
                    let mut out = Vec::new();
                    for i in (k..total).step_by(connections) {
                        let path = &paths[i % paths.len()];
                        let t = Instant::now();
                        let status = c.request("GET", path, &[], b"").map_or(0, |r| r.status);
                        out.push((status, t.elapsed().as_secs_f64() * 1000.0));
                    }
                    out
                })
            })
            .collect();
        let results: Vec<(u16, f64)> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
        (results, writer.join().unwrap())
    });
    let wall = started.elapsed().as_secs_f64();
    let mut by_status = std::collections::BTreeMap::new();
    for (st, _) in &results {
        *by_status.entry(*st).or_insert(0usize) += 1;
    }
    let mut lat: Vec<f64> = results.iter().map(|r| r.1).collect();
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1))).copied().unwrap_or(0.0);
    let statuses: Vec<String> = by_status.iter().map(|(st, n)| if *st == 0 { format!("{n} unanswered") } else { format!("{n} × {st}") }).collect();
    println!(
        "  under ingest: {} requests over {connections} connections in {wall:.1}s, answered: {}; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; meanwhile {ingested} articles ingested in {ingest_secs:.1}s",
        results.len(),
        statuses.join(", "),
        pct(0.50),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0)
    );
    assert_eq!(results.len(), total);
    assert!(!by_status.contains_key(&0), "every request is answered");
}

fn main() {
    let n = env_or("BENCH_N", 10_000).max(5);
    let secs = env_or("BENCH_SECONDS", 5).clamp(1, 60) as f64;
    let clients = env_or("BENCH_CLIENTS", 8).clamp(1, 64);
    rayon::ThreadPoolBuilder::new().num_threads(2).build_global().unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus.jsonl");
    let bases = corpus(repo, n, &input);
    let db = dir.path().join("serve.db");
    let t = Instant::now();
    {
        let mut store = storyline::store::Location::from(db.clone()).open().unwrap();
        let rep = storyline::ingest::ingest(store.as_mut(), &[input], &Default::default(), &mut storyline::ingest::Silent).unwrap();
        assert_eq!(rep.failed, 0, "{:?}", rep.errors.first());
    }
    println!("serve: {n} articles (the seeds + copies of {bases} base texts) stored in {:.1}s", t.elapsed().as_secs_f64());

    let cfg = storyline::serve::Config::new(([127, 0, 0, 1], 0).into(), db.clone(), None);
    let readers = cfg.readers;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || storyline::serve::run(&cfg, &mut |a| tx.send(a).unwrap()));
    let addr = rx.recv_timeout(Duration::from_secs(30)).expect("the server did not start");

    let mut c = http::Client::new(addr);
    let stories = c.get("/api/stories?limit=500").json();
    let items = stories["items"].as_array().unwrap();
    let size = |s: &serde_json::Value| s["articles"].as_array().map_or(0, |a| a.len());
    let largest = items.iter().max_by_key(|s| size(s)).unwrap();
    let seed_story = c.get("/api/articles/000_160323196c8ef240").json()["story"].as_i64().unwrap();
    let seed = c.get(&format!("/api/stories/{seed_story}")).json();
    println!(
        "  {} stories (first page); the seed story {seed_story} has {} articles, the largest ({}) {}; {clients} clients, {readers} read connections, {secs}s per target",
        stories["total"],
        seed["articles"].as_array().unwrap().len(),
        largest["id"],
        size(largest)
    );
    // where a story page's time goes, in-process on one thread, without HTTP
    {
        let store = storyline::store::Location::from(db.clone()).open_reader().unwrap();
        let time = |f: &dyn Fn()| {
            let t = Instant::now();
            for _ in 0..5 {
                f();
            }
            t.elapsed().as_secs_f64() * 1000.0 / 5.0
        };
        let largest_id = largest["id"].as_i64().unwrap();
        let page = storyline::dossier::feed::FeedQuery { limit: Some(50), ..Default::default() };
        let zelensky = storyline::dossier::feed::FeedQuery { entity: Some("Zelensky".into()), ..page.clone() };
        println!(
            "  one thread, no HTTP: store.stories() {:.1} ms; a feed page {:.1} ms, with entity=Zelensky {:.1} ms; dossier::build: seed story {:.1} ms, largest story {:.1} ms",
            time(&|| drop(store.stories().unwrap())),
            time(&|| drop(storyline::dossier::feed::feed(store.as_ref(), &page).unwrap())),
            time(&|| drop(storyline::dossier::feed::feed(store.as_ref(), &zelensky).unwrap())),
            time(&|| drop(storyline::dossier::build(store.as_ref(), seed_story).unwrap())),
            time(&|| drop(storyline::dossier::build(store.as_ref(), largest_id).unwrap()))
        );
    }
    let load = env_or("BENCH_LOAD", 5_000);
    if load > 0 {
        let connections = env_or("BENCH_CONNECTIONS", 50).clamp(1, 200);
        let more = env_or("BENCH_LOAD_ARTICLES", 2_000);
        let extra = dir.path().join("more.jsonl");
        {
            let base = support::base_texts(repo);
            let mut r = support::Rng(0x10ad);
            let mut f = std::io::BufWriter::new(std::fs::File::create(&extra).unwrap());
            for i in 0..more {
                writeln!(f, "{}", support::article_line(n + i, &base, &mut r).0).unwrap();
            }
        }
        let ids: Vec<i64> = items.iter().filter_map(|s| s["id"].as_i64()).take(20).collect();
        let mut paths = vec!["/api/stories".to_string(), "/".to_string(), "/api/articles?limit=20".to_string()];
        paths.extend(["/api/search?q=ceasefire+talks", "/search?q=Zelensky", "/api/articles/000_160323196c8ef240"].map(String::from));
        paths.extend(ids.iter().flat_map(|id| [format!("/api/stories/{id}"), format!("/stories/{id}")]));
        let db = db.clone();
        load_under_ingest(addr, &paths, load, connections, move || {
            let mut store = storyline::store::Location::from(db).open().unwrap();
            let rep = storyline::ingest::ingest(store.as_mut(), &[extra], &Default::default(), &mut storyline::ingest::Silent).unwrap();
            rep.ingested + rep.copies
        });
    }
    let mut targets: Vec<(&str, String)> = Vec::new();
    for (what, id) in [("seed story", seed_story), ("largest story", largest["id"].as_i64().unwrap())] {
        targets.extend([(what, format!("/api/stories/{id}")), (what, format!("/stories/{id}"))]);
    }
    // the story list (issue 19): as it opens, then sorted and filtered as a reader would
    let span = seed["first"].as_str().zip(seed["last"].as_str()).map(|(a, b)| format!("from={a}&to={b}")).unwrap_or_default();
    for path in ["/api/stories", "/", "/?sort=size", "/?sort=outlets&limit=20", "/?entity=Zelensky", "/?query=ceasefire+talks", "/?outlet=reuters&language=en"] {
        targets.push(("story list", path.to_string()));
    }
    if !span.is_empty() {
        targets.push(("story list", format!("/?{span}")));
        targets.push(("story list", format!("/api/stories?entity=Zelensky&{span}&sort=first")));
    }
    for (what, path) in targets {
        {
            let f = hammer(addr, &path, clients, secs);
            println!(
                "  {what:<13} {path:<58} {:>7} requests  p50 {:>7.2} ms  p99 {:>7.2} ms  {:>7.0} req/s  ({} errors, {} KB a response)",
                f.requests,
                f.p50,
                f.p99,
                f.rps,
                f.errors,
                f.bytes / 1024
            );
        }
    }
}

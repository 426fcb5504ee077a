//! Scale (`cargo bench --bench scale`): ingest and link a stream of `BENCH_N` articles (default
//! 100,000) into one SQLite store on 2 threads, in chunks of `BENCH_CHUNK` (default 10,000, or
//! 100,000 past 100,000 articles), printing per chunk the articles per second (the cost of
//! linking an article must not grow with the store), the store's size on disk and the memory
//! (peak resident, and now: the process's own, and the store file's pages it has mapped), the
//! CPU time and the bytes written per article (comparable between runs on a loaded machine),
//! then the total. The stream replicates real dev texts (PolNeAR, ECB+, CoNLL) with perturbations —
//! a dateline, dropped words — 400 articles a day with dates only going forward, when
//! `../shared/eval` is present, else the seed articles.
//!
//! For profiling a late chunk against an early one: `BENCH_STORE=path` keeps the store there
//! (and a later run continues the same stream into it, up to `BENCH_N` articles in all);
//! `BENCH_EMIT=file BENCH_FROM=k` writes articles k..k+`BENCH_N` of the stream to a JSONL file
//! and ingests nothing (feed it to `storyline ingest` on a copy of a kept store).

use std::io::Write;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;

use support::Rng;

/// A memory figure of this process from /proc (MB): "VmHWM" (peak resident), "RssAnon" (its
/// own memory now), "RssFile" (mapped file pages now: the store's memory map).
fn mem_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// This process's CPU time so far (s), user and system, from /proc/self/stat (in clock ticks of
/// 1/100 s): on a loaded machine a chunk's CPU time is comparable between runs, its wall clock
/// is not.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // the fields after the command name, which is in parentheses
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(0.0)
}

/// Bytes this process has written so far (MB; `wchar` of /proc/self/io: the store's
/// write-ahead log and its checkpoints, the chunk files): how many pages a chunk dirtied.
fn written_mb() -> f64 {
    std::fs::read_to_string("/proc/self/io")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("wchar:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map_or(0.0, |b| b / 1e6)
}

fn peak_rss_mb() -> f64 {
    mem_mb("VmHWM:")
}

/// The store's size on disk (MB): the database file and its write-ahead log.
fn store_mb(db: &std::path::Path) -> f64 {
    let len = |p: std::path::PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    (len(db.to_path_buf()) + len(wal.into())) as f64 / 1e6
}

/// The binary's allocator (see `src/main.rs`), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::var("BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let default_chunk = if n > 100_000 { 100_000 } else { 10_000 };
    let chunk = std::env::var("BENCH_CHUNK").ok().and_then(|s| s.parse().ok()).unwrap_or(default_chunk).clamp(1, n.max(1));
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = support::base_texts(repo);
    let mut r = Rng(0x5ca1e);
    if let Some(emit) = std::env::var_os("BENCH_EMIT") {
        let from: usize = std::env::var("BENCH_FROM").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut f = std::io::BufWriter::new(std::fs::File::create(&emit).unwrap());
        for i in 0..from + n {
            let (line, _) = support::article_line(i, &base, &mut r);
            if i >= from {
                writeln!(f, "{line}").unwrap();
            }
        }
        println!("scale: articles {from}..{} of the stream written to {}", from + n, std::path::Path::new(&emit).display());
        return;
    }
    rayon::ThreadPoolBuilder::new().num_threads(2).build_global().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = std::env::var_os("BENCH_STORE").map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().join("scale.db"));
    let mut store = storyline::store::Location::from(db.clone()).open().unwrap();
    let mut done = store.stats().unwrap().articles as usize;
    // a kept store continues the stream where it stopped
    for i in 0..done {
        support::article_line(i, &base, &mut r);
    }
    println!("scale: {n} articles from {} base texts, chunks of {chunk}{}", base.len(), if done > 0 { format!(", from {done} stored") } else { String::new() });
    println!(
        "  {:>9} {:>9} {:>10} {:>8} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "stored", "chunk s", "articles/s", "store MB", "peak MB", "own MB", "mapped MB", "CPU ms/a", "written KB/a"
    );
    let first = done;
    let total = Instant::now();
    let mut bytes = 0usize;
    while done < n {
        let path = dir.path().join(format!("chunk{done}.jsonl"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let m = chunk.min(n - done);
        for i in done..done + m {
            let (line, len) = support::article_line(i, &base, &mut r);
            bytes += len;
            writeln!(f, "{line}").unwrap();
        }
        drop(f);
        let (t, cpu, written) = (Instant::now(), cpu_s(), written_mb());
        let rep = storyline::ingest::ingest(store.as_mut(), &[path.clone()], &Default::default(), &mut storyline::ingest::Silent).unwrap();
        let s = t.elapsed().as_secs_f64();
        done += m;
        let failed = if rep.failed > 0 { format!(" ({} failed)", rep.failed) } else { String::new() };
        println!(
            "  {done:>9} {s:>9.1} {:>10.0} {:>8.0} {:>9.0} {:>9.0} {:>9.0} {:>9.2} {:>10.1}{failed}",
            m as f64 / s,
            store_mb(&db),
            peak_rss_mb(),
            mem_mb("RssAnon:"),
            mem_mb("RssFile:"),
            (cpu_s() - cpu) * 1e3 / m as f64,
            (written_mb() - written) * 1e3 / m as f64
        );
        let _ = std::fs::remove_file(&path);
    }
    let s = total.elapsed().as_secs_f64();
    let stories = store.stories().unwrap().len();
    println!(
        "scale: {} articles ({:.0} MB of text) ingested and linked in {s:.0}s on 2 threads: {:.0} articles/s; {stories} stories; store {:.0} MB; peak memory {:.0} MB",
        done - first,
        bytes as f64 / 1e6,
        (done - first) as f64 / s,
        store_mb(&db),
        peak_rss_mb()
    );
}

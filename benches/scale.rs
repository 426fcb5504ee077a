//! Scale (`cargo bench --bench scale`; `BENCH_N` articles, default 100,000, in chunks of
//! `BENCH_CHUNK`, default 10,000): ingest and link a stream of articles into one SQLite store
//! on 2 threads, printing the time per chunk (the cost of linking an article must not grow
//! with the store), the total time, and the peak memory (with, per chunk, the resident memory
//! now: the process's own, and the store file's pages it has mapped). The stream replicates real dev texts (PolNeAR, ECB+, CoNLL) with
//! perturbations — a dateline, dropped words, a shifted date — when `../shared/eval` is present,
//! else the seed articles.

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

fn peak_rss_mb() -> f64 {
    mem_mb("VmHWM:")
}

fn main() {
    let n: usize = std::env::var("BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let chunk = std::env::var("BENCH_CHUNK").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000usize).clamp(1, n.max(1));
    rayon::ThreadPoolBuilder::new().num_threads(2).build_global().unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = support::base_texts(repo);
    println!("scale: {n} articles from {} base texts, chunks of {chunk}", base.len());
    let dir = tempfile::tempdir().unwrap();
    let mut r = Rng(0x5ca1e);
    let mut store = storyline::store::Location::from(dir.path().join("scale.db")).open().unwrap();
    let total = Instant::now();
    let mut done = 0;
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
        let t = Instant::now();
        let rep = storyline::ingest::ingest(store.as_mut(), &[path.clone()], &Default::default(), &mut storyline::ingest::Silent).unwrap();
        let s = t.elapsed().as_secs_f64();
        done += m;
        println!(
            "  {done:>7} stored: this chunk {:.1}s ({:.0} articles/s, {} failed), peak memory {:.0} MB (now {:.0} MB own, {:.0} MB of the store mapped)",
            s,
            m as f64 / s,
            rep.failed,
            peak_rss_mb(),
            mem_mb("RssAnon:"),
            mem_mb("RssFile:")
        );
        let _ = std::fs::remove_file(&path);
    }
    let s = total.elapsed().as_secs_f64();
    let stories = store.stories().unwrap().len();
    println!(
        "scale: {n} articles ({:.0} MB of text) ingested and linked in {s:.0}s on 2 threads: {:.0} articles/s; {stories} stories; peak memory {:.0} MB",
        bytes as f64 / 1e6,
        n as f64 / s,
        peak_rss_mb()
    );
}

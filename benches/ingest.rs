//! Ingest throughput (`cargo bench --bench ingest`): articles/s and MB/s for plain text and
//! for HTML pages, through the whole pipeline into a fresh SQLite store on 2 threads; and
//! HTML main-text extraction alone, pages/s on one thread.
//!
//! Corpora: the seed articles replicated with small edits (so every text is distinct), and the
//! HTML pages of `../shared/eval/html_text` when present (else the test fixtures, replicated).
//! Figures are printed, never asserted.

use std::path::{Path, PathBuf};
use std::time::Instant;

use storyline::ingest::{self, IngestOptions};
use storyline::store::sqlite::SqliteStore;

const THREADS: usize = 2;

/// The binary's allocator (see `src/main.rs`), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n_txt: usize = std::env::var("BENCH_TXT").ok().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // the shared eval data: $STORYLINE_EVAL, else ../shared/eval beside the checkout
    let eval = std::env::var_os("STORYLINE_EVAL").map(std::path::PathBuf::from).unwrap_or_else(|| repo.join("../shared/eval"));
    rayon::ThreadPoolBuilder::new().num_threads(THREADS).build_global().unwrap();

    // --- plain text: real news texts, one file each (PolNeAR, ECB+, CoNLL and NeuS texts
    // when ../shared is present, each used once; else the seeds with a varying first line)
    let mut texts: Vec<String> = Vec::new();
    for (file, field) in [
        ("quotes/polnear-train.jsonl", "text"),
        ("stories/ecbplus-dev.jsonl", "text"),
        ("entities/conll2003-train.jsonl", "text"),
        ("quotes/polnear-dev.jsonl", "text"),
    ] {
        if let Ok(data) = std::fs::read_to_string(eval.join(file)) {
            for l in data.lines() {
                if let Some(t) = serde_json::from_str::<serde_json::Value>(l).ok().and_then(|v| v[field].as_str().map(str::to_string)) {
                    texts.push(t);
                }
            }
        }
    }
    let real = !texts.is_empty();
    if !real {
        let seeds: Vec<String> = std::fs::read_dir(repo.join("examples"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts = (0..n_txt.min(2000)).map(|i| format!("Update {i}: {}", seeds[i % seeds.len()])).collect();
    }
    texts.truncate(n_txt);
    println!("txt corpus: {} texts ({})", texts.len(), if real { "real news texts from ../shared/eval" } else { "seed variants; ../shared absent" });
    let txt_dir = dir.path().join("txt");
    std::fs::create_dir_all(&txt_dir).unwrap();
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(txt_dir.join(format!("a{i:06}.txt")), t).unwrap();
    }
    run("txt", &[txt_dir], dir.path());

    // --- HTML: real pages (decompressed), or the fixtures replicated
    let html_dir = dir.path().join("html");
    std::fs::create_dir_all(&html_dir).unwrap();
    let shared = eval.join("html_text/pages");
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    if shared.is_dir() {
        for e in std::fs::read_dir(&shared).unwrap().filter_map(|e| e.ok()) {
            let p = e.path();
            let mut raw = Vec::new();
            use std::io::Read;
            if flate2::read::MultiGzDecoder::new(std::fs::File::open(&p).unwrap()).read_to_end(&mut raw).is_ok() {
                pages.push((p.file_name().unwrap().to_string_lossy().trim_end_matches(".gz").to_string(), raw));
            }
        }
        println!("html corpus: {} pages of ../shared/eval/html_text", pages.len());
    } else {
        for e in std::fs::read_dir(repo.join("tests/fixtures/html")).unwrap().filter_map(|e| e.ok()) {
            let raw = std::fs::read(e.path()).unwrap();
            for i in 0..200 {
                let mut r = raw.clone();
                r.extend_from_slice(format!("<!-- {i} -->").as_bytes());
                pages.push((format!("{i}-{}", e.file_name().to_string_lossy()), r));
            }
        }
        println!("html corpus: the test fixtures, replicated ({} pages; ../shared absent)", pages.len());
    }
    for (name, raw) in &pages {
        std::fs::write(html_dir.join(name), raw).unwrap();
    }
    run("html", &[html_dir], dir.path());

    // --- HTML main-text extraction alone, one thread
    let decoded: Vec<String> = pages.iter().map(|(_, b)| storyline::sources::html::decode_html(b, None)).collect();
    let mb = decoded.iter().map(|s| s.len()).sum::<usize>() as f64 / 1e6;
    let t = Instant::now();
    let mut ok = 0;
    for h in &decoded {
        ok += storyline::sources::html::read_page(h, None).is_ok() as usize;
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "html extraction (1 thread): {} pages ({ok} with text), {:.0} pages/s, {:.1} MB/s of HTML",
        decoded.len(),
        decoded.len() as f64 / s,
        mb / s
    );
    // the main text alone, by the rules and then by the rules and the block model
    use storyline::sources::html::extract::{extract_with, BlockModel};
    // twice each, in turn, so that neither gains from going second
    let shipped = Some(BlockModel::shipped());
    for (label, model) in [("rules alone", None), ("rules + block model", shipped), ("rules alone", None), ("rules + block model", shipped)] {
        let t = Instant::now();
        for h in &decoded {
            let _ = extract_with(h, None, model);
        }
        let s = t.elapsed().as_secs_f64();
        println!("main text, {label} (1 thread): {:.0} pages/s, {:.1} MB/s of HTML", decoded.len() as f64 / s, mb / s);
    }
}

fn run(label: &str, paths: &[PathBuf], tmp: &Path) {
    let db = tmp.join(format!("{label}.db"));
    let mut store = SqliteStore::open(&db).unwrap();
    let t = Instant::now();
    let r = ingest::ingest(&mut store, paths, &IngestOptions::default(), &mut ingest::Silent).unwrap();
    let s = t.elapsed().as_secs_f64();
    let n = r.ingested + r.copies;
    println!(
        "ingest {label} ({THREADS} threads): {n} articles ({} failed) from {:.1} MB in {s:.2}s — {:.0} articles/s, {:.1} MB/s",
        r.failed,
        r.bytes as f64 / 1e6,
        n as f64 / s,
        r.bytes as f64 / 1e6 / s
    );
}

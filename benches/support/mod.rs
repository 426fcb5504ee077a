//! What the benches share: a seeded xorshift and the stream of articles they ingest — real dev
//! texts (PolNeAR, ECB+, CoNLL) from `$STORYLINE_EVAL`, else `../shared/eval`, when present, else the seed articles,
//! each perturbed (a dateline, ~5% of the words dropped) so every text is distinct.

#![allow(dead_code)]

use std::path::Path;

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The seed articles, `(id, text)`, in id order.
pub fn seeds(repo: &Path) -> Vec<(String, String)> {
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(repo.join("examples"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| (e.path().file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    seeds.sort();
    seeds
}

/// The texts to replicate: the shared dev sets when present, else the seeds.
pub fn base_texts(repo: &Path) -> Vec<String> {
    let mut base: Vec<String> = Vec::new();
    for f in ["quotes/polnear-train.jsonl", "stories/ecbplus-dev.jsonl", "entities/conll2003-train.jsonl"] {
        // the shared eval data: $STORYLINE_EVAL, else ../shared/eval beside the checkout
        let eval = std::env::var_os("STORYLINE_EVAL").map(std::path::PathBuf::from).unwrap_or_else(|| repo.join("../shared/eval"));
        if let Ok(data) = std::fs::read_to_string(eval.join(f)) {
            base.extend(data.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?["text"].as_str().map(str::to_string)));
        }
    }
    if base.is_empty() {
        base = seeds(repo).into_iter().map(|(_, t)| t).collect();
    }
    base
}

/// Article `i` of the stream: a JSONL line with a distinct text and a date (400 a day, never
/// going back).
pub fn article_line(i: usize, base: &[String], r: &mut Rng) -> (String, usize) {
    const PLACES: [&str; 8] = ["KYIV", "MOSCOW", "WASHINGTON", "ISTANBUL", "LONDON", "PARIS", "BERLIN", "ANKARA"];
    let t = &base[i % base.len()];
    let words: Vec<&str> = t.split(' ').filter(|_| r.next() % 20 != 0).collect();
    let text = format!("{} (Wire) - {}", PLACES[(r.next() % PLACES.len() as u64) as usize], words.join(" "));
    // days 1-28 of each month, the year moving on every 134,400 articles: dates only ever go
    // forward, so a store of 1M articles spans seven years as a real one would
    let day = 1 + (i / 400) % 28;
    let month = 1 + (i / (400 * 28)) % 12;
    let year = 2025 + i / (400 * 28 * 12);
    let len = text.len();
    (serde_json::json!({"id": format!("a{i:07}"), "text": text, "published": format!("{year}-{month:02}-{day:02}")}).to_string(), len)
}

//! Evaluation of storyline: run it on the development sets in `../shared/eval/` and score it
//! (the numbers quoted in issues come from here). Each scorer mirrors the reference scorer
//! shipped with its set, so the figures are comparable with published ones.
//!
//! This crate is not part of the product: it depends on the `storyline` library (and uses
//! only its public API, as any embedder would), never the other way round, so the library and
//! the `storyline` binary carry no evaluation code. Its binary, `storyline-eval`, prints the
//! figures; `storyline eval …` runs it (see `src/main.rs` of each).

pub mod dossier;
pub mod entities;
pub mod html_dates;
pub mod html_text;
pub mod multilingual;
pub mod pair;
pub mod quotes;
pub mod rouge;
pub mod score;
pub mod seeds;
pub mod sentences;
pub mod stories;
pub mod summaries;
pub mod syndication;
pub mod times;
pub mod tls;
pub mod weights;

use std::path::{Path, PathBuf};

/// Where the shared eval data lives by default: `../shared/eval` next to the repo, or
/// `$STORYLINE_EVAL`.
pub fn default_root() -> PathBuf {
    std::env::var_os("STORYLINE_EVAL").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/eval"))
}

/// The `examples/` folder of this checkout (the seed articles), wherever the binary is run.
pub fn repo_examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Check that an eval folder exists, with a message that says what to do if not.
pub fn require_dir(dir: &Path, what: &str) -> Result<(), String> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(format!(
            "{}: {what} eval data not found (pass the folder, or set STORYLINE_EVAL to the shared eval root)",
            dir.display()
        ))
    }
}

/// The page key the reference scorers use: the base name without `.gz`.
pub fn page_key(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.strip_suffix(".gz").unwrap_or(name).to_string()
}

/// Every `*.html` / `*.html.gz` file of a folder, sorted.
pub fn pages(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let k = page_key(p);
            k.ends_with(".html") || k.ends_with(".htm")
        })
        .collect();
    v.sort();
    Ok(v)
}

/// The fold of a page when pages are split by site: the registered domain of its URL
/// (`sources::host_of`), hashed (FNV-1a, stable across runs and machines) modulo `k`, so that
/// every page of a site falls in the same fold and a rule fitted to one site shows up as a
/// fold that moves alone. A page with no usable URL is its own site (its key).
pub fn site_fold(url: Option<&str>, key: &str, k: usize) -> usize {
    let site = url.and_then(storyline::sources::host_of).unwrap_or_else(|| key.to_string());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in site.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % k.max(1) as u64) as usize
}

/// Mean, standard deviation, lowest and highest of per-fold figures.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Spread {
    pub mean: f64,
    pub sd: f64,
    pub low: f64,
    pub high: f64,
}

impl Spread {
    pub fn of(v: &[f64]) -> Spread {
        match entities::spread(v) {
            Some((mean, sd, low, high)) => Spread { mean, sd, low, high },
            None => Spread::default(),
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "mean {:.3} sd {:.3} (low {:.3}, high {:.3})", self.mean, self.sd, self.low, self.high)
    }
}

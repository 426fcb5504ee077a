//! The seed gold (`eval/seeds/*.json`) with the article texts it annotates.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    #[serde(default)]
    pub partial: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldTime {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub canonical: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Seed {
    pub file: String,
    pub published: String,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub times: Vec<GoldTime>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(skip)]
    pub text: String,
}

impl Seed {
    pub fn id(&self) -> &str {
        self.file.strip_suffix(".txt").unwrap_or(&self.file)
    }
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.published, "%Y-%m-%d").ok()
    }
}

/// Load every seed gold file of `dir` (eval/seeds) with its text: from `dir/../../corpus/seeds`
/// (the shared corpus), else from `examples/` (of the current folder, else of this checkout).
pub fn load(dir: &Path) -> Result<Vec<Seed>, String> {
    crate::require_dir(dir, "seeds")?;
    let corpus: Vec<PathBuf> = vec![dir.join("../../corpus/seeds"), PathBuf::from("examples"), crate::repo_examples()];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.file_name().is_some_and(|n| n != "story.json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let mut s: Seed = serde_json::from_str(&std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?)
            .map_err(|e| format!("{}: {e}", f.display()))?;
        let text_path = corpus.iter().map(|c| c.join(&s.file)).find(|p| p.is_file()).ok_or_else(|| format!("{}: its article {} not found", f.display(), s.file))?;
        s.text = std::fs::read_to_string(&text_path).map_err(|e| format!("{}: {e}", text_path.display()))?;
        out.push(s);
    }
    Ok(out)
}

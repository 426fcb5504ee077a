//! Multi-source summaries, on two sets of one layout (`{id, articles, reference}` per line):
//! NeuS / AllSides (`summaries/neus-*.jsonl`: three outlets' title and lead, an editor's
//! neutral roundup of about 70 words) and Multi-News dev (`stories/multinews-dev/clusters.jsonl`:
//! two or more full articles, lowercased, no titles, a newser.com summary of about 230 words).
//! Each cluster's articles are ingested as `storyline ingest` would, and the summary storyline
//! gives them as one story is scored with ROUGE-1/2/L F1 against the reference. Baselines on
//! the same clusters: lead-1 (the first sentence of the first article) and TextRank (Mihalcea
//! & Tarau 2004: a sentence graph weighted by word overlap, PageRank, the top sentences in text
//! order), once with as many sentences as storyline gives and once with three, the peer the
//! held-out figures of issue 20 quote.
//!
//! `--folds K` puts cluster `i` in fold `i % K` and gives each fold's figures, ours beside
//! TextRank's; `--lowercase` lowercases every article first (titles too), as a fully
//! lowercased copy of a set gives it (Multi-News is also distributed that way): every rule
//! that waits for a capital fails there.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::rouge::{self, Prf};

#[derive(Deserialize)]
struct Cluster {
    id: String,
    articles: Vec<NeusArticle>,
    reference: String,
}

#[derive(Deserialize, Serialize)]
struct NeusArticle {
    id: String,
    title: Option<String>,
    text: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub rouge1: f64,
    pub rouge2: f64,
    pub rouge_l: f64,
    /// Mean length of the summaries in words.
    pub words: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryFigures {
    pub clusters: usize,
    pub reference_words: f64,
    pub storyline: Scores,
    pub lead1: Scores,
    pub textrank: Scores,
    /// TextRank with three sentences whatever storyline gives.
    pub textrank3: Scores,
    /// With `--folds K`: each fold's figures (cluster `i` in fold `i % K`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<FoldFigures>,
    pub seconds: f64,
}

/// One fold of clusters: storyline beside the baselines on the same clusters.
#[derive(Debug, Clone, Serialize)]
pub struct FoldFigures {
    pub clusters: usize,
    pub storyline: Scores,
    pub textrank: Scores,
    pub textrank3: Scores,
}

/// Per-cluster scores of one system: (R-1, R-2, R-L, words) in cluster order.
#[derive(Default)]
struct Acc(Vec<[f64; 4]>);

impl Acc {
    fn add(&mut self, pred: &str, gold: &[String]) {
        let p = rouge::tokens(pred);
        let f = |x: Prf| x.f1;
        self.0.push([f(rouge::rouge_n(&p, gold, 1)), f(rouge::rouge_n(&p, gold, 2)), f(rouge::rouge_l(&p, gold)), pred.split_whitespace().count() as f64]);
    }
    /// The mean over the clusters `keep` accepts (by index).
    fn scores_of(&self, keep: impl Fn(usize) -> bool) -> Scores {
        let (mut sum, mut n) = ([0.0f64; 4], 0usize);
        for (_, r) in self.0.iter().enumerate().filter(|(i, _)| keep(*i)) {
            for k in 0..4 {
                sum[k] += r[k];
            }
            n += 1;
        }
        let n = n.max(1) as f64;
        Scores { rouge1: sum[0] / n, rouge2: sum[1] / n, rouge_l: sum[2] / n, words: sum[3] / n }
    }
    fn scores(&self) -> Scores {
        self.scores_of(|_| true)
    }
}

/// The sentences of an article's body (its title line left out).
fn body_sentences(a: &NeusArticle) -> Vec<String> {
    let body = a.title.as_deref().and_then(|t| a.text.strip_prefix(t)).unwrap_or(&a.text);
    storyline::stories::features::sentences(body).into_iter().map(|s| body[s.start..s.end].to_string()).collect()
}

/// TextRank's extractive summary: `k` sentences.
pub fn textrank(sentences: &[String], k: usize) -> Vec<usize> {
    let stop = storyline::stories::features::Stop::new();
    let words: Vec<std::collections::HashSet<String>> = sentences.iter().map(|s| storyline::dossier::content_words(s, &stop).into_iter().collect()).collect();
    let n = sentences.len();
    let mut w = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i != j && words[i].len() > 1 && words[j].len() > 1 {
                let shared = words[i].intersection(&words[j]).count() as f64;
                w[i][j] = shared / ((words[i].len() as f64).ln() + (words[j].len() as f64).ln());
            }
        }
    }
    let out: Vec<f64> = w.iter().map(|r| r.iter().sum()).collect();
    let mut rank = vec![1.0f64; n];
    for _ in 0..50 {
        let next: Vec<f64> = (0..n).map(|i| 0.15 + 0.85 * (0..n).filter(|&j| out[j] > 0.0).map(|j| w[j][i] / out[j] * rank[j]).sum::<f64>()).collect();
        rank = next;
    }
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    idx.truncate(k);
    idx.sort_unstable();
    idx
}

/// Score one set (`{id, articles, reference}` per line): the first `limit` clusters, with
/// `folds` > 1 also per fold, every article lowercased first with `lowercase`.
pub fn score(file: &Path, limit: Option<usize>, folds: usize, lowercase: bool) -> Result<SummaryFigures, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut clusters: Vec<Cluster> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(limit.unwrap_or(usize::MAX))
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {e}", file.display()))?;
    if lowercase {
        for a in clusters.iter_mut().flat_map(|c| c.articles.iter_mut()) {
            a.text = a.text.to_lowercase();
            a.title = a.title.as_ref().map(|t| t.to_lowercase());
        }
    }
    let tmp = std::env::temp_dir().join(format!("storyline-neus-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let t = std::time::Instant::now();
    let (mut ours, mut lead, mut tr, mut tr3, mut refw) = (Acc::default(), Acc::default(), Acc::default(), Acc::default(), 0.0);
    for c in &clusters {
        let gold = rouge::tokens(&c.reference);
        refw += c.reference.split_whitespace().count() as f64;
        // storyline: the cluster ingested as a stream, summarised as one story
        let path = tmp.join(format!("{}.jsonl", c.id));
        let lines: Vec<String> = c.articles.iter().map(|a| serde_json::to_string(a).unwrap_or_default()).collect();
        std::fs::write(&path, lines.join("\n")).map_err(|e| e.to_string())?;
        let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
        storyline::ingest::ingest(&mut store, std::slice::from_ref(&path), &Default::default(), &mut storyline::ingest::Silent).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&path);
        let ids: Vec<String> = c.articles.iter().map(|a| a.id.clone()).collect();
        let summary = storyline::dossier::summarize(&store, &ids, None).map_err(|e| e.to_string())?;
        let text: Vec<&str> = summary.iter().map(|s| s.text.as_str()).collect();
        ours.add(&text.join(" "), &gold);
        // lead-1
        let first = c.articles.first().map(body_sentences).unwrap_or_default();
        lead.add(first.first().map(String::as_str).unwrap_or(""), &gold);
        // TextRank over all body sentences, as many as storyline gave
        let all: Vec<String> = c.articles.iter().flat_map(body_sentences).collect();
        let pick = textrank(&all, summary.len().max(1));
        tr.add(&pick.iter().map(|&i| all[i].as_str()).collect::<Vec<_>>().join(" "), &gold);
        let pick = textrank(&all, 3);
        tr3.add(&pick.iter().map(|&i| all[i].as_str()).collect::<Vec<_>>().join(" "), &gold);
    }
    let _ = std::fs::remove_dir_all(&tmp);
    let folds = if folds > 1 {
        (0..folds)
            .map(|k| {
                let keep = |i: usize| i % folds == k;
                FoldFigures { clusters: (0..clusters.len()).filter(|&i| keep(i)).count(), storyline: ours.scores_of(keep), textrank: tr.scores_of(keep), textrank3: tr3.scores_of(keep) }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(SummaryFigures {
        clusters: clusters.len(),
        reference_words: refw / clusters.len().max(1) as f64,
        storyline: ours.scores(),
        lead1: lead.scores(),
        textrank: tr.scores(),
        textrank3: tr3.scores(),
        folds,
        seconds: t.elapsed().as_secs_f64(),
    })
}

//! Extractor throughput (`cargo bench --bench extract`): MB/s of article text per core for
//! the shared text layer (tokens and sentences), each per-article extractor (quotes, times,
//! entities, language; each builds the text layer itself) and for all layers together (the
//! text layer built once), on one thread. Corpus: the PolNeAR dev texts when the shared eval
//! data is there (`$STORYLINE_EVAL`, else `../shared/eval`), else the seed articles replicated. Figures are printed, never asserted.

use std::time::Instant;

fn main() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // the shared eval data: $STORYLINE_EVAL, else ../shared/eval beside the checkout
    let eval = std::env::var_os("STORYLINE_EVAL").map(std::path::PathBuf::from).unwrap_or_else(|| repo.join("../shared/eval"));
    let polnear = eval.join("quotes/polnear-dev.jsonl");
    let texts: Vec<String> = if polnear.is_file() {
        std::fs::read_to_string(&polnear)
            .unwrap()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    } else {
        let mut v = Vec::new();
        for e in std::fs::read_dir(repo.join("examples")).unwrap().filter_map(|e| e.ok()) {
            if e.path().extension().is_some_and(|x| x == "txt") {
                v.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
        v.iter().cycle().take(100).cloned().collect()
    };
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    println!("corpus: {} texts, {:.2} MB ({})", texts.len(), mb, if polnear.is_file() { "PolNeAR dev" } else { "seeds replicated" });
    let anchor = chrono::NaiveDate::from_ymd_opt(2016, 9, 12);
    // EXTRACT_ONLY=all (say) runs that line alone, 20 rounds: for a profiler
    let only = std::env::var("EXTRACT_ONLY").ok();
    let rounds = if only.is_some() { 20 } else { 3 };
    let run = |name: &str, f: &dyn Fn(&str) -> usize| {
        if only.as_deref().is_some_and(|o| o != name) {
            return;
        }
        // warm-up, then best of 3
        texts.iter().for_each(|t| {
            f(t);
        });
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..rounds {
            let t0 = Instant::now();
            n = texts.iter().map(|t| f(t)).sum::<usize>();
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!("{name:<10} {:>7.1} MB/s per core  ({n} found)", mb / best);
    };
    // the shared text layer (tokens and sentences), which every per-layer line below builds
    // for itself and `all` builds once
    run("text", &|t| storyline::text::TextLayer::new(t, None).sentences.len());
    run("quotes", &|t| storyline::analysis::quotes::find_quotes(t).len());
    run("times", &|t| storyline::analysis::times::find_times(t, anchor).len());
    run("dating", &|t| storyline::analysis::times::infer_date(t).is_some() as usize);
    run("entities", &|t| storyline::analysis::entities::find_entities(t).len());
    run("language", &|t| storyline::analysis::lang::detect(t).is_some() as usize);
    run("minhash", &|t| storyline::stories::neardup::band_keys(&storyline::stories::neardup::signature(t)).len());
    if only.is_none() {
        // near-duplicate indexing in articles/s (signature + band keys), one thread
        let t0 = Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for t in &texts {
                std::hint::black_box(storyline::stories::neardup::band_keys(&storyline::stories::neardup::signature(t)));
            }
        }
        let per_s = (rounds * texts.len()) as f64 / t0.elapsed().as_secs_f64();
        println!("{:<10} {:>7.0} articles/s per core (signature + band keys)", "minhash", per_s);
    }
    run("all", &|t| {
        let l = storyline::analysis::layers(t, anchor);
        l.quotes.len() + l.times.len() + l.entities.len()
    });
}

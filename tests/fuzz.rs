//! The fuzz targets on stable: every body in `fuzz/targets.rs` (the same functions `cargo
//! fuzz` runs under libFuzzer) run over its seeds (`targets::SEEDS`: `examples/`,
//! `tests/fixtures/html`, `fuzz/seeds/`) and its checked-in corpus, `fuzz/corpus/<target>/`
//! (the inputs fuzzing kept).

use std::path::Path;

#[path = "../fuzz/targets.rs"]
mod targets;

#[test]
fn every_fuzz_target_runs_clean_over_its_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, body) in targets::TARGETS {
        let seeds = targets::SEEDS.iter().find(|(n, _)| n == name).map_or(&[][..], |(_, s)| s);
        let dirs = std::iter::once(format!("fuzz/corpus/{name}")).chain(seeds.iter().map(|s| s.to_string()));
        let mut inputs: Vec<_> = dirs
            .flat_map(|d| std::fs::read_dir(root.join(&d)).unwrap_or_else(|e| panic!("{name}: no folder {d}: {e}")).flatten().map(|e| e.path()))
            .filter(|p| p.file_name().is_some_and(|n| n != ".keep"))
            .collect();
        inputs.sort();
        assert!(inputs.len() >= 2, "{name}: {} inputs", inputs.len());
        for p in inputs {
            let data = std::fs::read(&p).unwrap();
            if std::panic::catch_unwind(|| body(&data)).is_err() {
                panic!("fuzz target {name} fails on {}", p.display());
            }
        }
    }
}

/// Every `cargo fuzz` target has its body here and a corpus, and no body is left without a
/// target.
#[test]
fn the_fuzz_crate_lists_every_target() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    for (name, _) in targets::TARGETS {
        assert!(manifest.contains(&format!("name = \"{name}\"")), "{name} is not a [[bin]] of fuzz/Cargo.toml");
        let src = std::fs::read_to_string(fuzz.join(format!("fuzz_targets/{name}.rs"))).unwrap();
        assert!(src.contains(&format!("targets::{name}(data)")), "fuzz_targets/{name}.rs does not run its body");
    }
    assert_eq!(manifest.matches("[[bin]]").count(), targets::TARGETS.len());
    assert_eq!(targets::SEEDS.iter().map(|(n, _)| n).collect::<Vec<_>>(), targets::TARGETS.iter().map(|(n, _)| n).collect::<Vec<_>>());
}

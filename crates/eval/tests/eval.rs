//! The scorers and the `storyline-eval` binary. The seeds against their hand-checked gold in
//! `../shared/eval/seeds` are skipped where the shared data is absent; thresholds there are
//! floors that catch regressions, the figures themselves come from `storyline eval`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared eval data (`$STORYLINE_EVAL`, else `../shared/eval` beside the checkout), or
/// None (with a note on stderr) when there is none.
fn shared_eval(sub: &str) -> Option<PathBuf> {
    let root = std::env::var_os("STORYLINE_EVAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"));
    let p = root.join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found (the shared eval data is not beside this checkout)", p.display());
        None
    }
}

#[test]
fn quotes_match_the_gold() {
    let Some(dir) = shared_eval("seeds") else { return };
    let f = storyline_eval::quotes::seeds(&dir, false).unwrap();
    assert!(f.quotes.f1 >= 0.95, "quote F1 {}", f.quotes.f1);
    assert!(f.speaker_accuracy >= 0.95, "speaker accuracy {}", f.speaker_accuracy);
}

#[test]
fn entities_match_the_gold() {
    let Some(dir) = shared_eval("seeds") else { return };
    let f = storyline_eval::entities::seeds(&dir, false).unwrap();
    assert!(f.micro.f1 >= 0.90, "entity F1 {}", f.micro.f1);
    assert!(f.canonical_accuracy.unwrap() >= 0.90);
}

#[test]
fn times_match_the_gold() {
    let Some(dir) = shared_eval("seeds") else { return };
    let f = storyline_eval::times::seeds(&dir, false).unwrap();
    assert!(f.value_f1 >= 0.90, "value F1 {}", f.value_f1);
}

fn eval_bin(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_storyline-eval")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn missing_eval_data_is_a_clear_error_with_exit_2() {
    let (code, stdout, stderr) = eval_bin(&["html-dates", "/nonexistent/html"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.starts_with("storyline-eval: error: /nonexistent/html: html (dates) eval data not found"), "{stderr}");
    assert!(stdout.is_empty());
}

/// Run by `storyline eval …` (its first argument `eval`), it speaks as `storyline eval`.
#[test]
fn run_as_storyline_eval_it_says_so() {
    let (code, stdout, _) = eval_bin(&["eval", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Usage: storyline eval <COMMAND>"), "{stdout}");
    for set in ["html-text", "html-dates", "quotes", "times", "entities", "stories", "dossier", "summaries", "syndication"] {
        assert!(stdout.contains(&format!("\n  {set} ")), "{set} missing from {stdout}");
    }
    let (code, _, stderr) = eval_bin(&["eval", "html-text", "/nonexistent/html_text"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("storyline eval: error: "), "{stderr}");
    let (code, _, stderr) = eval_bin(&["quotes", "--no-such-flag"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Usage: storyline-eval quotes"), "{stderr}");
}

/// The seed story's dossier, scored from the repo's own examples when the shared corpus is
/// absent: every figure the text output promises is there, and `--json` carries the same.
#[test]
fn dossier_eval_reads_the_examples_and_prints_the_figures() {
    let Some(root) = shared_eval("") else { return };
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let run = |json: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_storyline-eval"));
        cmd.args(["dossier", "--corpus"]).arg(&examples).env("STORYLINE_EVAL", &root);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let stdout = run(false);
    assert!(stdout.starts_with("dossier, seeds (18 reference entries,"), "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&run(true)).unwrap();
    assert_eq!(v["entries"], 18);
    assert!(stdout.contains(&format!("found {}/18 with the right date", v["found"])), "{stdout}\n{v}");
}

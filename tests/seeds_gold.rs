//! The whole pipeline on the seeds against the hand-checked gold in ../shared/eval/seeds
//! (skipped where the shared data is absent). Thresholds here are floors that catch
//! regressions; the figures themselves come from `storyline eval`.

use crate::util::*;

#[test]
fn quotes_match_the_gold() {
    let Some(dir) = shared_eval("seeds") else { return };
    let f = storyline::eval::quotes::seeds(&dir, false).unwrap();
    assert!(f.quotes.f1 >= 0.95, "quote F1 {}", f.quotes.f1);
    assert!(f.speaker_accuracy >= 0.95, "speaker accuracy {}", f.speaker_accuracy);
}

#[test]
fn entities_match_the_gold() {
    let Some(dir) = shared_eval("seeds") else { return };
    let f = storyline::eval::entities::seeds(&dir, false).unwrap();
    assert!(f.micro.f1 >= 0.90, "entity F1 {}", f.micro.f1);
    assert!(f.canonical_accuracy.unwrap() >= 0.90);
}

#[test]
fn times_match_the_gold() {
    let Some(dir) = shared_eval("seeds") else { return };
    let f = storyline::eval::times::seeds(&dir, false).unwrap();
    assert!(f.value_f1 >= 0.90, "value F1 {}", f.value_f1);
}

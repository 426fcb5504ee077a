use super::super::{find_times_lang, Timex};
use chrono::NaiveDate;

fn tag(text: &str, lang: &str, anchor: &str) -> Vec<(String, String)> {
    let layer = crate::text::TextLayer::new(text, Some(lang));
    let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
    find_times_lang(&layer, Some(lang), a).unwrap().into_iter().map(|t: Timex| (text[t.start..t.end].to_string(), t.value)).collect()
}

fn has(found: &[(String, String)], span: &str, value: &str) -> bool {
    found.iter().any(|(s, v)| s == span && v == value)
}

#[test]
fn placeholder() {
    let f = tag("Ayer llegó.", "es", "2011-02-12");
    assert!(has(&f, "Ayer", "2011-02-11"), "{f:?}");
}

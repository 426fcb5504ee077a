//! The fuzz targets' bodies: one function per parser of outside input, over the library's
//! public API. Shared by the `cargo fuzz` targets (`fuzz_targets/*.rs`, nightly, libFuzzer)
//! and by the stable test suite (`tests/fuzz.rs` runs every body over its checked-in corpus,
//! `fuzz/corpus/<target>/`), so the targets build and run on stable in `cargo test`.
//!
//! Each body panics only on a bug: a parser returning an error is fine, a panic, a span
//! outside its text or off a char boundary, or two overlapping time spans is not.

#![allow(dead_code)]

use storyline::sources::{self, BuildOptions, InputError, RawDoc};

/// The targets by name, as `cargo fuzz run NAME` knows them.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("jsonl", jsonl),
    ("warc", warc),
    ("html_extract", html_extract),
    ("html_date", html_date),
    ("txt", txt),
    ("text_layer", text_layer),
    ("times", times),
];

/// Where each target's seeds are, beside its own corpus `fuzz/corpus/<target>/` (paths from
/// the repository's root): real inputs, kept where the rest of the project uses them. Run a
/// target with them as extra corpus folders: `cargo +nightly fuzz run -s none txt corpus/txt
/// ../examples`.
pub const SEEDS: &[(&str, &[&str])] = &[
    ("jsonl", &[]),
    ("warc", &[]),
    ("html_extract", &["tests/fixtures/html", "fuzz/seeds/html"]),
    ("html_date", &["tests/fixtures/html", "fuzz/seeds/html"]),
    ("txt", &["examples"]),
    ("text_layer", &["examples"]),
    ("times", &["examples"]),
];

fn build_each(r: Result<RawDoc, InputError>) {
    if let Ok(doc) = r {
        if let Ok(a) = sources::build(doc, &BuildOptions::default()) {
            check_article(&a);
        }
    }
}

fn check_article(a: &storyline::Article) {
    for s in a.header.iter().chain(a.dateline.as_ref().map(|d| &d.span)) {
        assert!(s.start <= s.end && s.end <= a.text.len(), "span {s:?} outside the text");
        assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end), "span {s:?} off a char boundary");
    }
}

/// JSON Lines: the streaming reader, then each line built into an article.
pub fn jsonl(data: &[u8]) {
    sources::jsonl::read(std::io::Cursor::new(data), "fuzz.jsonl", &mut build_each);
}

/// WARC: the streaming reader (framing, resynchronisation, HTTP payloads), then each record
/// built (HTML extraction included).
pub fn warc(data: &[u8]) {
    sources::warc::read(std::io::Cursor::new(data), "fuzz.warc", &mut build_each);
}

/// HTML: charset decoding, the depth scan, html5ever, main-text extraction and metadata.
pub fn html_extract(data: &[u8]) {
    let html = sources::html::decode_html(data, None);
    if let Ok(page) = sources::html::read_page(&html, Some("https://example.com/world/2025/05/11/talks-istanbul")) {
        let _ = page.doc.text.len();
    }
}

/// The HTML publication-date finder alone (meta tags, JSON-LD, `<time>`, URLs, text).
pub fn html_date(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let _ = sources::html::date::find_date(&html, Some("https://example.com/2025/05/11/x"));
    let _ = sources::html::date::find_date(&html, None);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = sources::html::parse_date_str(s);
    }
}

/// Plain text: UTF-8 / UTF-16 / binary checks, then the header line and the dateline.
pub fn txt(data: &[u8]) {
    let origin = storyline::model::Origin { path: "fuzz.txt".into(), locator: None, format: storyline::model::Format::Txt };
    if let Ok(text) = sources::decode::check_text(data.to_vec(), &origin) {
        let mut doc = RawDoc::new(origin, sources::RawBody::Text(text));
        doc.txt_header = true;
        build_each(Ok(doc));
    }
}

/// The tokeniser and the sentence segmenter: spans in order, inside the text, on char
/// boundaries; sentences' token ranges inside the tokens.
pub fn text_layer(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let layer = storyline::text::TextLayer::new(&text, Some("en"));
    let mut last = 0usize;
    for t in &layer.tokens.toks {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(last <= s && s < e && e <= text.len(), "token {s}..{e} out of order or outside the text");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
    let n = layer.tokens.toks.len() as u32;
    for s in &layer.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(s.tokens.0 <= s.tokens.1 && s.tokens.1 <= n);
    }
    for (s, e) in layer.tokens.words(&text) {
        assert!(s < e && e as usize <= text.len());
    }
}

/// The times tagger on arbitrary text: spans inside the text, on char boundaries, never
/// overlapping; document dating and per-sentence dates.
pub fn times(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let anchor = chrono::NaiveDate::from_ymd_opt(2025, 5, 11);
    let found = storyline::analysis::times::find_times(&text, anchor);
    let mut last_end = 0usize;
    let mut spans: Vec<(usize, usize)> = found.iter().map(|t| (t.start, t.end)).collect();
    spans.sort();
    for (s, e) in spans {
        assert!(s < e && e <= text.len(), "time span {s}..{e} outside the text");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "time span {s}..{e} off a char boundary");
        assert!(s >= last_end, "time spans overlap at {s}");
        last_end = e;
    }
    let _ = storyline::analysis::times::infer_date(&text);
    if let Some(a) = anchor {
        let _ = storyline::analysis::times::sentence_dates(&text, a);
    }
}

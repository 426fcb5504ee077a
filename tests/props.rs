//! Property tests: no parser of outside input panics, whatever the bytes; offsets of what
//! the text reader finds always slice the text.

use proptest::prelude::*;
use storyline::model::{Article, Format, Origin};
use storyline::sources::{self, BuildOptions, RawBody, RawDoc};

fn origin(f: Format) -> Origin {
    Origin { path: "p".into(), locator: None, format: f }
}

/// Bytes that look a bit like each format, mixed with noise.
fn near(prefix: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    (proptest::collection::vec(any::<u8>(), 0..400), any::<bool>()).prop_map(move |(noise, pre)| {
        let mut v = if pre { prefix.to_vec() } else { Vec::new() };
        v.extend(noise);
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn jsonl_never_panics(bytes in near(b"{\"id\": \"x\", \"text\": \"")) {
        let mut n = 0;
        sources::jsonl::read(std::io::Cursor::new(bytes), "f.jsonl", &mut |r| { n += 1; let _ = r.map(|d| sources::build(d, &BuildOptions::default())); });
    }

    #[test]
    fn warc_never_panics(bytes in near(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n")) {
        sources::warc::read(std::io::Cursor::new(bytes), "f.warc", &mut |r| { let _ = r.map(|d| sources::build(d, &BuildOptions::default())); });
    }

    #[test]
    fn html_never_panics(bytes in near(b"<html><head><meta charset=\"")) {
        let d = RawDoc::new(origin(Format::Html), RawBody::Html { bytes, charset: None });
        let _ = sources::build(d, &BuildOptions::default());
    }

    #[test]
    fn html_text_like_never_panics(s in "(<(p|div|article|nav|a|time|script|meta) ?[a-z=\" ]{0,20}>|</(p|div|article|a)>|[A-Za-zğü .,]{0,30}){0,60}") {
        let _ = sources::html::read_page(&s, None);
    }

    #[test]
    fn text_header_spans_slice_the_text(s in "( date [0-9]{4}-[0-9]{2}-[0-9]{2} |Title: [a-z ]{0,10}\n|[A-Z]{2,8}(, [A-Z][a-z]{2,8})? (\\(Reuters\\) )?[-—] |[A-Za-zÜğ’ ,.\n-]{0,60}){1,5}") {
        let mut a = Article::new(s.clone(), origin(Format::Txt));
        sources::txt::read_header(&mut a);
        if let Some(h) = a.header { prop_assert!(s.get(h.start..h.end).is_some()); }
        if let Some(d) = &a.dateline { prop_assert!(s.get(d.span.start..d.span.end).is_some()); prop_assert!(d.span.start >= a.header.map_or(0, |h| h.end)); }
        prop_assert!(a.text == s);
        prop_assert!(a.body_start() <= s.len() && s.is_char_boundary(a.body_start()));
    }

    #[test]
    fn sniff_and_decode_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = sources::sniff(&bytes);
        let _ = sources::decode::looks_binary(&bytes);
        let _ = sources::decode::check_text(bytes.clone(), &origin(Format::Txt));
        let _ = sources::html::decode_html(&bytes, Some("utf-8"));
        let _ = sources::warc::http_html(&bytes);
        let _ = sources::html::parse_date_str(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn char_offsets_agree_with_counting(s in "\\PC{0,80}") {
        let ix = storyline::text::CharIndex::new(&s);
        for (b, _) in s.char_indices() {
            prop_assert_eq!(ix.char_of(b), s[..b].chars().count());
        }
    }
}

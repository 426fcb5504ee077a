//! Plain-text articles: the whole file is the text. A metadata header at the very top
//! (` date 2025-05-11`, `Title: …`) and a dateline opening the body ("KYIV (Reuters) -",
//! "Tallinn, Estonia -") are recognised as stand-off spans; the text itself is not touched,
//! so every offset into it stays valid.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Article, DateSource, Dateline, Span};

/// `key: value` header fields at the top of a text file. `date` may be followed by the text on
/// the same line (seed 003: " date 2025-05-11 U.S. President …"), so its value is a date only.
static HEADER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?i:date|published|pubdate)[ \t]*[:=]?[ \t]+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})[ \t]*(?:\r?\n)?")
        .unwrap()
});
static HEADER_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?i:(title|source|url|author|byline))[ \t]*:[ \t]*([^\r\n]+?)[ \t]*(?:\r?\n|$)").unwrap());

/// A dateline: a place (capitalised words, optionally ", Region"), an optional date
/// ("May 11"), an optional agency in parentheses, then a dash and a space.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{L}'’.]*(?:-\p{Lu}[\p{L}'’.]*)*)";
    let place = format!(r"{word}(?: {word}){{0,3}}");
    Regex::new(&format!(
        r"^[ \t]*(?P<place>{place}(?:, {place}){{0,2}})(?:, (?P<date>\p{{Lu}}\p{{Ll}}{{2,8}}\.? \d{{1,2}}))?[ \t]*(?:\((?P<agency>[^()\r\n]{{2,40}})\))?[ \t]*[-–—]{{1,2}}[ \t]+"
    ))
    .unwrap()
});

/// Find the header and the dateline of a text article and record them on it.
pub fn read_header(a: &mut Article) {
    // Borrow the text apart from the article while fields are set; it is put back unchanged.
    let owned = std::mem::take(&mut a.text);
    let text = owned.as_str();
    let mut at = 0usize;
    let mut header_end = None;
    // header fields, in any order, each at most once
    for _ in 0..6 {
        let rest = &text[at..];
        if let Some(c) = HEADER_DATE.captures(rest) {
            if let Some(d) = super::html::parse_date_str(&c[1]) {
                a.offer_date(d, DateSource::Header);
                at += c.get(0).unwrap().end();
                header_end = Some(at);
                continue;
            }
        }
        if let Some(c) = HEADER_FIELD.captures(rest) {
            let value = c[2].to_string();
            match c[1].to_ascii_lowercase().as_str() {
                "title" => a.title = Some(value),
                "source" => a.source = Some(value),
                "url" => a.url = Some(value),
                _ => a.byline = Some(value),
            }
            at += c.get(0).unwrap().end();
            header_end = Some(at);
            continue;
        }
        break;
    }
    if let Some(end) = header_end {
        a.header = Some(Span::new(0, end));
    }
    if let Some(d) = find_dateline(&text[at..]) {
        a.dateline = Some(Dateline { span: Span::new(d.span.start + at, d.span.end + at), ..d });
    }
    a.text = owned;
}

/// A dateline at the start of `body`, with offsets relative to it.
pub fn find_dateline(body: &str) -> Option<Dateline> {
    let first_line = body.split('\n').next().unwrap_or("");
    let c = DATELINE.captures(first_line)?;
    let place = c.name("place")?.as_str();
    let agency = c.name("agency").map(|m| m.as_str().trim().to_string());
    let all_caps = place.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    let has_region = place.contains(", ");
    // Mixed-case single names ("Ukraine - the talks") are too often ordinary text.
    if !(all_caps || agency.is_some() || has_region) {
        return None;
    }
    // The body must go on after the dash.
    let whole = c.get(0)?;
    if whole.end() >= first_line.trim_end().len() {
        return None;
    }
    Some(Dateline { span: Span::new(whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len()), whole.end()), place: place.to_string(), agency })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Origin};

    fn art(text: &str) -> Article {
        let mut a = Article::new(text.into(), Origin { path: "t.txt".into(), locator: None, format: Format::Txt });
        read_header(&mut a);
        a
    }

    #[test]
    fn seed_003_date_header_on_the_first_line() {
        let a = art(" date 2025-05-11 U.S. President Donald Trump called on Sunday for Ukraine");
        assert_eq!(a.published.unwrap().to_string(), "2025-05-11");
        assert_eq!(a.published_from, Some(DateSource::Header));
        let h = a.header.unwrap();
        assert_eq!(h.of(&a.text), " date 2025-05-11 ");
        assert!(a.text[a.body_start()..].starts_with("U.S. President"));
    }

    #[test]
    fn datelines() {
        let a = art("Tallinn, Estonia - The talks took place in the warring capitals");
        let d = a.dateline.unwrap();
        assert_eq!(d.place, "Tallinn, Estonia");
        assert_eq!(d.span.of(&a.text), "Tallinn, Estonia - ");
        let a = art("KYIV (Reuters) - Ukraine said on Sunday");
        let d = a.dateline.as_ref().unwrap();
        assert_eq!((d.place.as_str(), d.agency.as_deref()), ("KYIV", Some("Reuters")));
        assert_eq!(a.source.as_deref(), None); // build() takes the agency as source
        let a = art("WASHINGTON, May 11 (AP) — President Donald Trump");
        assert_eq!(a.dateline.unwrap().agency.as_deref(), Some("AP"));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert!(art("Türkiye on Friday proposed to host a meeting").dateline.is_none());
        assert!(art("Ukraine - the war goes on").dateline.is_none());
        assert!(art("Russian President Vladimir Putin - who").dateline.is_none());
        assert!(art("Date night is back").header.is_none());
    }

    #[test]
    fn header_fields() {
        let a = art("Title: Talks in Istanbul\nSource: Reuters\ndate: 2025-05-16\nDelegations met.");
        assert_eq!(a.title.as_deref(), Some("Talks in Istanbul"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.published.unwrap().to_string(), "2025-05-16");
        assert_eq!(&a.text[a.body_start()..], "Delegations met.");
    }
}

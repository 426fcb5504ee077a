//! Tests on the shared eval data beside the checkout (present in CI); each skips with a
//! message where it is absent.

use crate::util::*;

/// Real pages from htmldate's set, packed into a CC-NEWS-style WARC.gz, give the same
/// articles as the pages read one by one.
#[test]
fn warc_of_real_pages_matches_the_pages() {
    let Some(dir) = shared_eval("html/pages") else { return };
    let mut pages: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    pages.truncate(12);
    let env = Env::new();
    let mut warc = Vec::new();
    for p in &pages {
        let mut raw = Vec::new();
        use std::io::Read;
        flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap()).read_to_end(&mut raw).unwrap();
        let rec = storyline::sources::warc::response_record("https://example.org/page", "2030-01-01T00:00:00Z", &raw);
        // the charset declared by the HTTP header would change decoding; keep the page's own
        let rec = String::from_utf8_lossy(&rec).replace("Content-Type: text/html; charset=utf-8\r\n", "Content-Type: text/html\r\n");
        let _ = rec;
        let rec = storyline::sources::warc::response_record("https://example.org/page", "2030-01-01T00:00:00Z", &raw);
        warc.extend(gzip(&rec));
    }
    env.write("cc.warc.gz", &warc);
    let from_warc = storyline::sources::read_articles(&env.path("cc.warc.gz"), &Default::default());
    assert_eq!(from_warc.len(), pages.len());
    for (p, w) in pages.iter().zip(&from_warc) {
        let page = storyline::sources::read_articles(p, &Default::default()).remove(0);
        match (page, w) {
            (Ok(p), Ok(w)) => {
                assert_eq!(p.text, w.text);
                assert_eq!(p.title, w.title);
                // the page's own date wins over the crawl date
                if p.published.is_some() {
                    assert_eq!(p.published, w.published);
                }
            }
            (Err(_), Err(_)) => {}
            (a, b) => panic!("{}: page and record disagree: {:?} vs {:?}", p.display(), a.map(|x| x.id), b.as_ref().map(|x| &x.id)),
        }
    }
}

//! Sources: turn the files a user has into [`Article`]s.
//!
//! Reading is split in two so that the costly part runs in parallel and in input order:
//! - [`read_path`] walks one file cheaply (decompressing, splitting JSONL lines and WARC
//!   records) and emits [`RawDoc`]s or [`InputError`]s, one per article-to-be;
//! - [`build`] turns one `RawDoc` into an `Article`: decoding, HTML main-text extraction,
//!   metadata and dates, the text file's header and dateline. It is pure and can run on any thread.
//!
//! Every failure is an [`InputError`] naming the file (and line or record) and the problem;
//! nothing here panics on any input, and one bad item never stops the others.
//!
//! This module does not detect languages, store anything, or look at other articles.

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod txt;
pub mod warc;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::{Article, DateSource, Format, Origin};

/// Largest single document we read (a text file, an HTML page, a JSONL line, a WARC record):
/// a larger one is refused unread (streamed formats skip it without holding it).
pub const MAX_DOC_BYTES: usize = 64 << 20;

/// The default `--max-article-bytes`: the largest article source built into an article (a
/// text, or an HTML page as given, before extraction). Parsing and analysis cost grows with
/// it (a 60 MB page reached 1.7 GB of memory and minutes of work); news articles are far
/// smaller, and Common Crawl cuts its records at a few MiB.
pub const MAX_ARTICLE_BYTES: usize = 8 << 20;

/// Fewer letters and digits than this extracted from a page means it holds no article (an
/// index, a login wall, a page drawn by JavaScript). Counted in chars, not words, so that
/// Chinese and Japanese pages (no spaces between words) are measured alike.
pub const MIN_HTML_CHARS: usize = 40;

/// A problem with one input: a file, or one line or record inside it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    pub path: String,
    pub locator: Option<String>,
    pub message: String,
}

impl InputError {
    pub fn new(path: &str, locator: Option<String>, message: impl Into<String>) -> InputError {
        InputError { path: path.to_string(), locator, message: message.into() }
    }
    pub fn at(origin: &Origin, message: impl Into<String>) -> InputError {
        InputError { path: origin.path.clone(), locator: origin.locator.clone(), message: message.into() }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.locator {
            Some(l) => write!(f, "{}: {}: {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// What a document's body is before [`build`] makes it an article's text.
#[derive(Debug, Clone)]
pub enum RawBody {
    /// Plain text, already known to be valid UTF-8.
    Text(String),
    /// HTML bytes in an unknown encoding, with the charset the transport declared, if any.
    Html { bytes: Vec<u8>, charset: Option<String> },
}

/// One article-to-be, as cut out of its file, with whatever metadata the container gave.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub origin: Origin,
    pub id: Option<String>,
    pub body: RawBody,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// The container's publication date (JSONL `published`), already parsed.
    pub published: Option<NaiveDate>,
    /// A date to use only when nothing better is found (WARC-Date: when it was crawled).
    pub fallback_date: Option<NaiveDate>,
    /// Whether a `.txt` body may carry a header line or a dateline.
    pub txt_header: bool,
}

impl RawDoc {
    pub fn new(origin: Origin, body: RawBody) -> RawDoc {
        RawDoc {
            origin,
            id: None,
            body,
            title: None,
            url: None,
            source: None,
            published: None,
            fallback_date: None,
            txt_header: false,
        }
    }
}

/// The kind of a file, from its name, or from its first bytes when the name says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Txt,
    Html,
    Jsonl,
    Warc,
}

/// The file kind from the name: `.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`, `.warc`, each
/// optionally followed by `.gz`. Returns (kind, gzipped).
pub fn kind_from_name(path: &Path) -> Option<(FileKind, bool)> {
    // a name that is not UTF-8 is read by its bytes (lossily shown), not skipped
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    };
    let ext = name.rsplit_once('.')?.1;
    let kind = match ext {
        "txt" | "text" => FileKind::Txt,
        "html" | "htm" | "xhtml" => FileKind::Html,
        "jsonl" | "ndjson" => FileKind::Jsonl,
        "warc" => FileKind::Warc,
        _ => return None,
    };
    Some((kind, gz))
}

/// Guess the kind of already-decompressed bytes (for files named without a known extension).
pub fn sniff(bytes: &[u8]) -> FileKind {
    let head = &bytes[..bytes.len().min(1024)];
    let trimmed = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&head[..0], |i| &head[i..]);
    let lower: Vec<u8> = trimmed.iter().take(256).map(|b| b.to_ascii_lowercase()).collect();
    if lower.starts_with(b"warc/") {
        FileKind::Warc
    } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || lower.starts_with(b"<?xml")
        || (lower.starts_with(b"<") && (find(&lower, b"<head").is_some() || find(&lower, b"<body").is_some() || find(&lower, b"<meta").is_some()))
    {
        FileKind::Html
    } else if lower.starts_with(b"{") {
        FileKind::Jsonl
    } else {
        FileKind::Txt
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The id a file gives its article: the file name without its extensions
/// (`003_e40ca249782feb7f.txt` → `003_e40ca249782feb7f`, `page.html.gz` → `page`).
pub fn file_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let mut stem = name;
    if let Some(s) = stem.strip_suffix(".gz").or_else(|| stem.strip_suffix(".GZ")) {
        stem = s;
    }
    if let Some((s, ext)) = stem.rsplit_once('.') {
        if !s.is_empty() && ext.len() <= 6 {
            stem = s;
        }
    }
    let stem = stem.trim();
    (!stem.is_empty()).then(|| stem.to_string())
}

/// The files to read under `paths`, in a stable order: a folder is walked recursively for
/// files of a known kind (hidden files and folders skipped); a file named on the command line
/// is read whatever its name. Problems (a path that does not exist) come back as errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => errors.push(InputError::new(&shown, None, format!("cannot read: {}", io_reason(&e)))),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                let walker = walkdir::WalkDir::new(p).follow_links(true).sort_by_file_name().into_iter();
                for entry in walker.filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
                    match entry {
                        Err(e) => errors.push(InputError::new(
                            &e.path().map_or(shown.clone(), |p| p.display().to_string()),
                            None,
                            format!("cannot read: {e}"),
                        )),
                        Ok(e) if e.file_type().is_file() && kind_from_name(e.path()).is_some() => {
                            found.push(e.into_path())
                        }
                        Ok(_) => {}
                    }
                }
                files.extend(found);
            }
            Ok(_) => files.push(p.clone()),
        }
    }
    (files, errors)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// A short, lower-case reason for an IO error ("no such file or directory").
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

/// Read one file and emit its documents (or errors) in order.
pub fn read_path(path: &Path, emit: &mut dyn FnMut(Result<RawDoc, InputError>)) {
    let shown = path.display().to_string();
    let named = kind_from_name(path);
    let gz = named.map_or_else(|| decode::looks_gzipped_path(path), |(_, gz)| gz);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return emit(Err(InputError::new(&shown, None, format!("cannot read: {}", io_reason(&e))))),
    };
    // Streamed formats read record by record; the others are read whole (with a size limit).
    let kind = match named {
        Some((k, _)) => k,
        None => match decode::read_all(file, gz, &shown) {
            Ok(bytes) => {
                let k = sniff(&bytes);
                return read_bytes_as(k, bytes, path, emit);
            }
            Err(e) => return emit(Err(e)),
        },
    };
    match kind {
        FileKind::Jsonl => nothing_is_an_error(&shown, emit, |e| jsonl::read(decode::reader(file, gz), &shown, e)),
        FileKind::Warc => nothing_is_an_error(&shown, emit, |e| warc::read(decode::reader(file, gz), &shown, e)),
        FileKind::Txt | FileKind::Html => match decode::read_all(file, gz, &shown) {
            Ok(bytes) => read_bytes_as(kind, bytes, path, emit),
            Err(e) => emit(Err(e)),
        },
    }
}

/// Run a reader of a many-article format; a file that gives neither an article nor an error
/// (empty, or only blank lines) is reported, not passed over in silence.
fn nothing_is_an_error(
    shown: &str,
    emit: &mut dyn FnMut(Result<RawDoc, InputError>),
    read: impl FnOnce(&mut dyn FnMut(Result<RawDoc, InputError>)),
) {
    let mut any = false;
    read(&mut |r| {
        any = true;
        emit(r)
    });
    if !any {
        emit(Err(InputError::new(shown, None, "empty file: no articles in it")));
    }
}

fn read_bytes_as(kind: FileKind, bytes: Vec<u8>, path: &Path, emit: &mut dyn FnMut(Result<RawDoc, InputError>)) {
    let shown = path.display().to_string();
    match kind {
        FileKind::Jsonl => nothing_is_an_error(&shown, emit, |e| jsonl::read(std::io::Cursor::new(&bytes[..]), &shown, e)),
        FileKind::Warc => nothing_is_an_error(&shown, emit, |e| warc::read(std::io::Cursor::new(&bytes[..]), &shown, e)),
        FileKind::Txt => {
            let origin = Origin { path: shown.clone(), locator: None, format: Format::Txt };
            let doc = decode::check_text(bytes, &origin).map(|text| {
                let mut d = RawDoc::new(origin, RawBody::Text(text));
                d.id = file_id(path);
                d.txt_header = true;
                d
            });
            emit(doc)
        }
        FileKind::Html => {
            let origin = Origin { path: shown.clone(), locator: None, format: Format::Html };
            if let Err(e) = decode::check_not_empty(&bytes, &origin) {
                return emit(Err(e));
            }
            if decode::looks_binary(&bytes) {
                return emit(Err(InputError::at(&origin, "binary data, not HTML")));
            }
            let mut d = RawDoc::new(origin, RawBody::Html { bytes, charset: None });
            d.id = file_id(path);
            emit(Ok(d))
        }
    }
}

/// Options for [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// `--published`: overrides every other date.
    pub published: Option<NaiveDate>,
    /// `--max-article-bytes`: a text or an HTML page larger than this is refused with an
    /// error naming it, before any parsing ([`MAX_ARTICLE_BYTES`] by default).
    pub max_article_bytes: usize,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions { published: None, max_article_bytes: MAX_ARTICLE_BYTES }
    }
}

/// The refusal of an article source over `--max-article-bytes`.
fn too_large(origin: &Origin, what: &str, len: usize, max: usize) -> InputError {
    let mib = |n: usize| n as f64 / (1 << 20) as f64;
    InputError::at(origin, format!("{what} too large: {:.1} MiB, over the limit of {:.1} MiB (--max-article-bytes)", mib(len), mib(max)))
}

/// Turn one raw document into an article. Pure: no IO, safe on any thread.
pub fn build(raw: RawDoc, opts: &BuildOptions) -> Result<Article, InputError> {
    let RawDoc { origin, id, body, title, url, source, published, fallback_date, txt_header } = raw;
    let mut article = match body {
        RawBody::Text(text) => {
            if text.trim().is_empty() {
                return Err(InputError::at(&origin, "no text"));
            }
            if text.len() > opts.max_article_bytes {
                return Err(too_large(&origin, "text", text.len(), opts.max_article_bytes));
            }
            let mut a = Article::new(text, origin);
            if txt_header {
                txt::read_header(&mut a);
            }
            a
        }
        RawBody::Html { bytes, charset } => {
            if bytes.len() > opts.max_article_bytes {
                return Err(too_large(&origin, "HTML page", bytes.len(), opts.max_article_bytes));
            }
            let html = html::decode_html(&bytes, charset.as_deref());
            let page = html::read_page(&html, url.as_deref()).map_err(|why| InputError::at(&origin, why))?;
            let doc = page.doc;
            if doc.text.chars().filter(|c| c.is_alphanumeric()).take(MIN_HTML_CHARS).count() < MIN_HTML_CHARS {
                return Err(InputError::at(&origin, "no article text in the page"));
            }
            let mut a = Article::new(doc.text, origin);
            a.title = doc.title;
            a.byline = doc.byline;
            a.source = doc.site_name;
            a.canonical_url = doc.canonical_url;
            a.language = doc.language.as_deref().and_then(crate::analysis::lang::normalise_code);
            if let Some(d) = page.published {
                a.offer_date(d, DateSource::Metadata);
            }
            a
        }
    };
    if let Some(id) = id {
        article.id = id;
    }
    if title.is_some() {
        article.title = title;
    }
    if url.is_some() {
        article.url = url;
    }
    if source.is_some() {
        article.source = source;
    }
    if let Some(d) = published {
        article.offer_date(d, DateSource::Metadata);
    }
    if article.published.is_none() {
        if let Some(d) = fallback_date {
            article.offer_date(d, DateSource::Metadata);
        }
    }
    if let Some(d) = opts.published {
        article.offer_date(d, DateSource::Given);
    }
    // the outlet: its own field, the page's metadata (both above), the registered domain of
    // its URL (a WARC record's target URI is its URL), then a wire dateline's agency
    if article.source.is_none() {
        article.source = article.url.as_deref().or(article.canonical_url.as_deref()).and_then(host_of);
    }
    if article.source.is_none() {
        article.source = article.dateline.as_ref().and_then(|d| d.agency.clone());
    }
    Ok(article)
}

/// The registered domain of a URL's host, by the public suffix list (compiled in by the `psl`
/// crate: no network): "https://www.reuters.com/x" → "reuters.com", "https://news.bbc.co.uk/"
/// → "bbc.co.uk", "https://edition.cnn.com" → "cnn.com". A host under no known suffix (an IP
/// address, "localhost") gives the host itself, without `www.`, if it has a dot.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
    if let Some(d) = psl::domain_str(&host) {
        return Some(d.to_string());
    }
    let host = host.trim_start_matches("www.");
    (host.contains('.') && !host.is_empty()).then(|| host.to_string())
}

/// Read and build every article under `path` in order (a convenience for tests and `extract`).
pub fn read_articles(path: &Path, opts: &BuildOptions) -> Vec<Result<Article, InputError>> {
    let mut out = Vec::new();
    read_path(path, &mut |r| out.push(r.and_then(|raw| build(raw, opts))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        assert_eq!(kind_from_name(Path::new("a/b.TXT")), Some((FileKind::Txt, false)));
        assert_eq!(kind_from_name(Path::new("x.html.gz")), Some((FileKind::Html, true)));
        assert_eq!(kind_from_name(Path::new("cc.warc.gz")), Some((FileKind::Warc, true)));
        assert_eq!(kind_from_name(Path::new("d.jsonl")), Some((FileKind::Jsonl, false)));
        assert_eq!(kind_from_name(Path::new("README.md")), None);
        assert_eq!(kind_from_name(Path::new("noext")), None);
    }

    #[test]
    fn file_ids() {
        assert_eq!(file_id(Path::new("examples/003_e40ca249782feb7f.txt")).unwrap(), "003_e40ca249782feb7f");
        assert_eq!(file_id(Path::new("p/page.html.gz")).unwrap(), "page");
        assert_eq!(file_id(Path::new("p/v1.2.story.txt")).unwrap(), "v1.2.story");
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.0\r\n"), FileKind::Warc);
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), FileKind::Html);
        assert_eq!(sniff(b"{\"id\": 1}\n"), FileKind::Jsonl);
        assert_eq!(sniff(b"Kyiv, Ukraine - text"), FileKind::Txt);
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.reuters.com/world/x?y").as_deref(), Some("reuters.com"));
        assert_eq!(host_of("https://news.bbc.co.uk/2/hi/x.stm").as_deref(), Some("bbc.co.uk"));
        assert_eq!(host_of("http://edition.cnn.com:80/2025/05/11/").as_deref(), Some("cnn.com"));
        assert_eq!(host_of("https://user@www.abc.net.au/news").as_deref(), Some("abc.net.au"));
        assert_eq!(host_of("http://user@news.example.org:8080/").as_deref(), Some("example.org"));
        assert_eq!(host_of("not a url"), None);
    }
}

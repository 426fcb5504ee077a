//! The page's own statements of its date: the URL, `<meta>` tags (published, modified,
//! generic) and JSON-LD.

use super::*;

pub(super) static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\D(199[0-9]|20[0-3][0-9])[/_-]([0-1]?[0-9])[/_-]([0-3]?[0-9])(?:\D|$)")
});

pub(super) fn url_date(url: &str, o: &Options) -> Option<NaiveDate> {
    let c = URL_DATE.captures(url)?;
    // "/2023/10/3-questions": a one-digit "day" glued to a slug is no day
    let dm = c.get(3)?;
    if dm.as_str().len() == 1 {
        if let Some(nc) = next_char(url, dm.end()) {
            if nc == '-' || nc == '_' || nc.is_alphanumeric() {
                return None;
            }
        }
    }
    ymd(num(&c[1]), num(&c[2]), num(&c[3])).filter(|d| valid(*d, o))
}

pub(super) const DATE_ATTRIBUTES: &[&str] = &[
    "analyticsattributes.articledate", "article.created", "article_date_original",
    "article:post_date", "article.published", "article:published", "article:published_date",
    "article:published_time", "article:publicationdate", "bt:pubdate", "citation_date",
    "citation_publication_date", "content_create_date", "created", "cxenseparse:recs:publishtime",
    "date", "date_created", "date_published", "datecreated", "dateposted", "datepublished",
    "dc.date", "dc.created", "dc.date.created", "dc.date.issued", "dc.date.publication",
    "dcsext.articlefirstpublished", "dcterms.created", "dcterms.date", "dcterms.issued",
    "dc:created", "dc:date", "displaydate", "doc_date", "field-name-post-date", "gentime",
    "mediator_published_time", "meta", "og:article:published", "og:article:published_time",
    "og:datepublished", "og:pubdate", "og:publish_date", "og:published_time",
    "og:question:published_time", "og:regdate", "originalpublicationdate", "parsely-pub-date",
    "pdate", "ptime", "pubdate", "publishdate", "publish_date", "publish_time", "publish-date",
    "published-date", "published_date", "published_time", "publisheddate", "publication_date",
    "rbpubdate", "release_date", "rnews:datepublished", "sailthru.date",
    "shareaholic:article_published_time", "timestamp", "twt-published-at", "video:release_date",
    "vr:published_time", "article:published_at", "datepublished", "publication-date",
    "dcterms.available", "eprints.date", "prism.publicationdate", "article.created_at",
    "nv:date", "date.available",
];

pub(super) const NAME_MODIFIED: &[&str] =
    &["lastdate", "lastmod", "lastmodified", "last-modified", "modified", "utime"];

pub(super) const PROPERTY_MODIFIED: &[&str] = &[
    "article:modified", "article:modified_date", "article:modified_time",
    "article:post_modified", "bt:moddate", "datemodified", "dc.modified", "dcterms.modified",
    "lastmodified", "modified_time", "modificationdate", "og:article:modified_time",
    "og:modified_time", "og:updated_time", "release_date", "revision_date", "updated_time",
];

pub(super) fn attr<'a>(attrs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
}

/// Meta names that are generic ("date" of the page: often generation or
/// last-change time) and so weaker than explicit publication fields.
pub(super) const WEAK_META: &[&str] = &[
    "date", "dc.date", "dc:date", "dcterms.date", "created", "timestamp", "meta", "gentime",
    "ptime", "pdate", "doc_date", "displaydate", "release_date", "video:release_date",
];

#[derive(Default, Debug, Clone)]
pub(super) struct Header {
    /// first explicit publication date (article:published_time, …)
    pub(super) strong: Option<NaiveDate>,
    /// first generic date (name="date", dc.date, http-equiv date…)
    pub(super) weak: Option<NaiveDate>,
    pub(super) modified: Option<NaiveDate>,
    pub(super) url_reserve: Option<NaiveDate>,
    pub(super) copyright: Option<NaiveDate>,
}

pub(super) fn examine_header(doc: &html::Doc, o: &Options) -> Header {
    let mut h = Header::default();
    let tryf = |s: Option<&str>| s.and_then(|s| try_date_expr(s, o));
    let put = |h: &mut Header, key: &str, d: Option<NaiveDate>| {
        if d.is_none() {
            return;
        }
        if WEAK_META.contains(&key) {
            if h.weak.is_none() {
                h.weak = d;
            }
        } else if h.strong.is_none() {
            h.strong = d;
        }
    };
    for m in &doc.metas {
        let content = attr(m, "content");
        if content.is_none() && attr(m, "datetime").is_none() {
            continue;
        }
        if let Some(name) = attr(m, "name") {
            let name = name.to_ascii_lowercase();
            if name == "og:url" {
                if let Some(d) = content.and_then(|c| url_date(c, o)) {
                    h.url_reserve = Some(d);
                }
            } else if DATE_ATTRIBUTES.contains(&name.as_str()) {
                put(&mut h, &name, tryf(content));
            } else if NAME_MODIFIED.contains(&name.as_str()) {
                if let Some(d) = tryf(content) {
                    h.modified.get_or_insert(d);
                }
            }
        } else if let Some(prop) = attr(m, "property") {
            let prop = prop.to_ascii_lowercase();
            let is_date = DATE_ATTRIBUTES.contains(&prop.as_str());
            if is_date || PROPERTY_MODIFIED.contains(&prop.as_str()) {
                if let Some(d) = tryf(content) {
                    if is_date {
                        put(&mut h, &prop, Some(d));
                    } else {
                        h.modified.get_or_insert(d);
                    }
                }
            }
        } else if let Some(ip) = attr(m, "itemprop") {
            let ip = ip.to_ascii_lowercase();
            if matches!(ip.as_str(), "datecreated" | "datepublished" | "pubyear") {
                put(&mut h, &ip, tryf(attr(m, "datetime").or(content)));
            } else if matches!(ip.as_str(), "datemodified" | "dateupdate") {
                if let Some(d) = tryf(attr(m, "datetime").or(content)) {
                    h.modified.get_or_insert(d);
                }
            } else if ip == "copyrightyear" {
                if let Some(y) = content.and_then(|c| c.trim().parse::<i64>().ok()) {
                    if let Some(d) = ymd(y, 1, 1).filter(|d| valid(*d, o)) {
                        h.copyright = Some(d);
                    }
                }
            }
        } else if attr(m, "pubdate").map(|p| p.eq_ignore_ascii_case("pubdate")).unwrap_or(false) {
            put(&mut h, "pubdate", tryf(content));
        } else if let Some(he) = attr(m, "http-equiv") {
            let he = he.to_ascii_lowercase();
            if he == "date" {
                put(&mut h, "date", tryf(content));
            } else if he == "last-modified" {
                if let Some(d) = tryf(content) {
                    h.modified.get_or_insert(d);
                }
            }
        }
    }
    h
}

#[derive(Default, Debug)]
pub(super) struct JsonDates {
    pub(super) published: Option<NaiveDate>,
    pub(super) modified: Option<NaiveDate>,
}

pub(super) fn json_dates(doc: &html::Doc, o: &Options) -> JsonDates {
    static R: LazyLock<Regex> = LazyLock::new(|| {
        re(r#"(?i)"(datePublished|dateCreated|uploadDate|dateModified)"\s*:\s*"([^"]{4,64})""#)
    });
    let mut j = JsonDates::default();
    for s in &doc.jsonld {
        if !s.contains("\"date") && !s.contains("\"upload") {
            continue;
        }
        for c in R.captures_iter(s) {
            let key = c[1].to_ascii_lowercase();
            let Some(d) = parse_date_str(&c[2]).filter(|d| valid(*d, o)) else { continue };
            if key == "datemodified" {
                j.modified.get_or_insert(d);
            } else if j.published.is_none() {
                j.published = Some(d);
            }
        }
        if j.published.is_some() {
            break;
        }
    }
    j
}

/// The day the page was fetched or generated, when a cache or an archive wrote it into the page
/// ("Served from: example.org @ 2020-04-23 12:45:19 by W3 Total Cache", "Page generated by
/// LiteSpeed Cache 4.4.7 on 2022-02-02 12:47:48", the Wayback Machine's "FILE ARCHIVED ON
/// 02:32:42 Jan 06, 2011", "page generated at: Fri Nov 03 10:03:48 GMT 2023"). No date on the
/// page can be its publication if it is later.
pub(super) fn crawl_day(html: &str) -> Option<NaiveDate> {
    static R: LazyLock<Regex> = LazyLock::new(|| {
        re(concat!(
            r"Served from: \S{1,200} @ ([0-9]{4}-[0-9]{2}-[0-9]{2}) |Page generated by LiteSpeed Cache \S{1,20} on ([0-9]{4}-[0-9]{2}-[0-9]{2}) |",
            r"FILE ARCHIVED ON [0-9:]{8} ([A-Z][a-z]{2} [0-9]{2}, [0-9]{4}) |page generated at: [A-Z][a-z]{2} ([A-Z][a-z]{2} [0-9]{2}) [0-9:]{8} [A-Z]{1,5} ([0-9]{4})"
        ))
    });
    let c = R.captures(html)?;
    let s = match (c.get(1).or(c.get(2)).or(c.get(3)), c.get(4), c.get(5)) {
        (Some(d), _, _) => d.as_str().to_string(),
        (None, Some(md), Some(y)) => format!("{} {}", md.as_str(), y.as_str()),
        _ => return None,
    };
    parse_date_str(&s)
}

/// The address a browser wrote when it saved the page ("<!-- saved from
/// url=(0102)https://www.solarserver.de/2022/12/01/… -->"): the page's URL when none is given.
pub(super) fn saved_from(html: &str) -> Option<&str> {
    let head = &html[..ceil_char(html, 4096)];
    let at = head.find("<!-- saved from url=(")?;
    let rest = &head[at + 21..];
    let rest = rest.get(rest.find(')')? + 1..)?;
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let url = &rest[..end];
    Some(url.find("-->").map_or(url, |e| &url[..e]))
}

fn ceil_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

//! Metadata: title, byline, site name, canonical URL, language and description from `<meta>`
//! tags, `<title>`/`<h1>`, `rel`/`itemprop`/class bylines and JSON-LD, plus the JSON-LD
//! `articleBody` kept for the fallback.

use super::HtmlDoc;

fn clean(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() { out.push(' '); }
        out.push_str(w);
    }
    if out.is_empty() { None } else { Some(out) }
}

fn elem_text(node: ego_tree::NodeRef<'_, scraper::Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let scraper::Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
        }
    }
    s
}

fn json_names(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => { if !s.starts_with("http") { out.push(s.clone()) } }
        serde_json::Value::Array(a) => for x in a { json_names(x, out) },
        serde_json::Value::Object(o) => { if let Some(n) = o.get("name") { json_names(n, out) } }
        _ => {}
    }
}

/// Walk JSON-LD objects (incl. @graph and arrays) and pick article fields.
fn json_ld(v: &serde_json::Value, headline: &mut Option<String>, authors: &mut Vec<String>, publisher: &mut Option<String>, depth: usize) {
    if depth > 8 { return; }
    match v {
        serde_json::Value::Array(a) => for x in a { json_ld(x, headline, authors, publisher, depth + 1) },
        serde_json::Value::Object(o) => {
            if let Some(g) = o.get("@graph") { json_ld(g, headline, authors, publisher, depth + 1); }
            let ty = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
            let articleish = ty.contains("Article") || ty.contains("Posting") || ty.contains("Report") || ty.contains("BlogPosting");
            if articleish || headline.is_none() {
                if let Some(h) = o.get("headline").and_then(|h| h.as_str()) { if headline.is_none() || articleish { *headline = clean(h); } }
            }
            if authors.is_empty() { if let Some(a) = o.get("author") { json_names(a, authors); } }
            if publisher.is_none() {
                if let Some(p) = o.get("publisher") { let mut n = Vec::new(); json_names(p, &mut n); *publisher = n.into_iter().next().and_then(|s| clean(&s)); }
            }
            if publisher.is_none() && (ty.contains("WebSite") || ty.contains("Organization")) {
                if let Some(n) = o.get("name").and_then(|n| n.as_str()) { *publisher = clean(n); }
            }
        }
        _ => {}
    }
}

fn strip_by(s: &str) -> String {
    let t = s.trim();
    for p in ["By ", "by ", "BY ", "Von ", "von ", "VON ", "Par ", "par ", "Por ", "por ", "Autor: ", "Autorin: ", "Author: ", "Text: "] {
        if let Some(r) = t.strip_prefix(p) { return r.trim().to_string(); }
    }
    t.to_string()
}

fn absolutise(href: &str, base: Option<&str>) -> String {
    let h = href.trim();
    if h.starts_with("http://") || h.starts_with("https://") { return h.to_string(); }
    let Some(base) = base else { return h.to_string() };
    let Some(scheme_end) = base.find("://") else { return h.to_string() };
    let host_end = base[scheme_end + 3..].find('/').map(|i| scheme_end + 3 + i).unwrap_or(base.len());
    if let Some(r) = h.strip_prefix("//") { return format!("{}://{}", &base[..scheme_end], r); }
    if h.starts_with('/') { return format!("{}{}", &base[..host_end], h); }
    h.to_string()
}

pub(super) fn metadata(doc: &scraper::Html, url: Option<&str>) -> (HtmlDoc, Option<String>) {
    let mut ld_body: Option<String> = None;
    let mut meta: Vec<(String, String)> = Vec::new(); // (lowercased name/property, content)
    let mut title_tag = None;
    let mut h1 = None;
    let mut canonical = None;
    let mut html_lang = None;
    let mut rel_author = None;
    let mut class_byline = None;
    let mut ld_headline = None;
    let mut ld_authors = Vec::new();
    let mut ld_publisher = None;
    for node in doc.tree.nodes() {
        let scraper::Node::Element(el) = node.value() else { continue };
        match el.name() {
            "html" => { if html_lang.is_none() { html_lang = el.attr("lang").or(el.attr("xml:lang")).and_then(clean); } }
            "meta" => {
                let key = el.attr("property").or(el.attr("name")).or(el.attr("http-equiv")).or(el.attr("itemprop"));
                if let (Some(k), Some(c)) = (key, el.attr("content")) {
                    if let Some(c) = clean(c) { meta.push((k.trim().to_ascii_lowercase(), c)); }
                }
            }
            "title" => { if title_tag.is_none() { title_tag = clean(&elem_text(node)); } }
            "h1" => { if h1.is_none() { h1 = clean(&elem_text(node)); } }
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = el.attr("href").and_then(clean).map(|h| absolutise(&h, url));
                }
            }
            "script" => {
                if el.attr("type").map(|t| t.to_ascii_lowercase().contains("ld+json")).unwrap_or(false) {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(elem_text(node).trim()) {
                        json_ld(&v, &mut ld_headline, &mut ld_authors, &mut ld_publisher, 0);
                        article_body(&v, &mut ld_body, 0);
                    }
                }
            }
            _ => {
                let rel = el.attr("rel").unwrap_or("");
                let ip = el.attr("itemprop").unwrap_or("");
                if rel_author.is_none() && (rel.split_whitespace().any(|r| r == "author") || ip == "author") {
                    rel_author = clean(&elem_text(node)).filter(|s| s.chars().count() <= 100);
                }
                if class_byline.is_none() {
                    let c = el.attr("class").unwrap_or("").to_ascii_lowercase();
                    if c.split_whitespace().any(|t| t.contains("byline") || t == "author" || t.ends_with("author-name") || t.ends_with("__author")) {
                        class_byline = clean(&elem_text(node)).filter(|s| s.chars().count() <= 100);
                    }
                }
            }
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        for k in keys { if let Some((_, v)) = meta.iter().find(|(n, _)| n == k) { return Some(v.clone()); } }
        None
    };
    let site_name = get(&["og:site_name", "application-name", "twitter:site"]).filter(|s| !s.starts_with('@') || s.len() > 1)
        .map(|s| s.trim_start_matches('@').to_string())
        .or(ld_publisher);
    let title = get(&["og:title", "twitter:title"]).or(ld_headline).or_else(|| {
        // <title> minus the site suffix/prefix
        let t = title_tag.clone()?;
        if let Some(h) = &h1 { if t.contains(h.as_str()) { return Some(h.clone()); } }
        for sep in [" | ", " – ", " — ", " - ", " :: ", " « ", " » "] {
            if let Some((a, b)) = t.split_once(sep) {
                return Some(if a.chars().count() >= b.chars().count() { a.trim().to_string() } else { b.trim().to_string() });
            }
        }
        Some(t)
    }).or(h1);
    let meta_author = get(&["author", "article:author", "dc.creator", "dc.creator.author", "parsely-author", "sailthru.author", "byl"])
        .filter(|a| !a.starts_with("http"));
    let byline = if !ld_authors.is_empty() {
        let mut seen: Vec<String> = Vec::new();
        for a in ld_authors { if let Some(a) = clean(&a) { if !seen.contains(&a) { seen.push(a); } } }
        Some(seen.join(", "))
    } else { meta_author.or(rel_author).or(class_byline) }
        .map(|b| strip_by(&b)).filter(|b| !b.is_empty());
    let canonical_url = canonical.or_else(|| get(&["og:url"]).map(|u| absolutise(&u, url)));
    let norm_lang = |l: &str| -> Option<String> {
        let l = l.split(|c: char| c == ',' || c == ';').next()?.trim().replace('_', "-").to_ascii_lowercase();
        if l.is_empty() || l.len() > 20 || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') { None } else { Some(l) }
    };
    let language = html_lang.as_deref().and_then(norm_lang)
        .or_else(|| get(&["content-language", "language", "dc.language"]).as_deref().and_then(norm_lang))
        .or_else(|| get(&["og:locale"]).as_deref().and_then(norm_lang));
    let description = get(&["description", "og:description", "twitter:description", "dc.description"]);
    (HtmlDoc { text: String::new(), title, byline, site_name, canonical_url, language, description }, ld_body)
}

/// Longest JSON-LD `articleBody`/`text` string of an article-like object.
fn article_body(v: &serde_json::Value, out: &mut Option<String>, depth: usize) {
    if depth > 8 { return; }
    match v {
        serde_json::Value::Array(a) => for x in a { article_body(x, out, depth + 1) },
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                if k == "articleBody" {
                    if let Some(b) = x.as_str() {
                        if out.as_ref().map(|c| c.len() < b.len()).unwrap_or(true) { *out = Some(b.to_string()); }
                    }
                } else if x.is_object() || x.is_array() {
                    article_body(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

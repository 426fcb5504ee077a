//! The article text of client-side rendered pages that keep it in a script's JSON state
//! (`window.__APOLLO_STATE__ = {...}`, `__NEXT_DATA__`, `application/json` scripts) as a
//! rich-text tree: a list of blocks (`{"type": "p", "children": [...]}`, Contentful's
//! `nodeType`/`content`, Sanity's `_type`/`children`) whose leaves hold the words
//! (`{"type": "text", "data": "..."}`, `value`, `text`). Read only when the DOM holds no article
//! (the fallbacks in `extract`): scmp.com's pages have an empty `<body>` and the whole
//! article in the Apollo state.

use serde_json::Value;

/// Keys that name a node's type, its children, and a leaf's text in the rich-text formats.
const TYPE_KEYS: &[&str] = &["type", "nodeType", "_type"];
const CHILD_KEYS: &[&str] = &["children", "content"];
const TEXT_KEYS: &[&str] = &["data", "value", "text"];
/// Block types that are not text (media, embeds, ads).
const SKIP: &[&str] = &["img", "image", "figure", "figcaption", "video", "iframe", "embed", "script", "style", "ad", "ads", "advert", "twitter", "instagram", "youtube", "table-of-contents"];

/// The page's rich-text body in its inline JSON scripts, one block per line; empty when there
/// is none. A state may hold several articles (an endless-scroll page caches the next ones):
/// the body sharing the most words with the page's title is taken, then the longest.
pub(super) fn state_text(doc: &scraper::Html, title: Option<&str>) -> String {
    let mut bodies = Vec::new();
    for node in doc.tree.nodes() {
        let scraper::Node::Element(el) = node.value() else { continue };
        if el.name() != "script" || el.attr("src").is_some() {
            continue;
        }
        let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
        if ty.contains("ld+json") {
            continue;
        }
        let mut js = String::new();
        for c in node.children() {
            if let scraper::Node::Text(t) = c.value() {
                js.push_str(t);
            }
        }
        script_bodies(&js, &mut bodies);
    }
    let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4).map(str::to_lowercase).collect::<std::collections::HashSet<_>>();
    let title = words(title.unwrap_or(""));
    let shared = |b: &str| title.intersection(&words(b)).count();
    bodies.into_iter().map(|b| (shared(&b), b.len(), b)).max_by_key(|x| (x.0, x.1)).map(|x| x.2).unwrap_or_default()
}

/// A body is this long at least (bytes) to be a candidate.
const BODY_MIN: usize = 200;

/// The rich-text bodies of one script: its JSON (the script whole, or what follows the first
/// `=` of an assignment) walked for lists of blocks.
fn script_bodies(js: &str, out: &mut Vec<String>) {
    let s = js.trim_start();
    let start = if s.starts_with('{') || s.starts_with('[') {
        Some(0)
    } else {
        // `window.__STATE__ = {...};`: the value after the first `=`, when it opens an object
        s.find('=').filter(|&i| i < 200).map(|i| i + 1).and_then(|i| {
            let rest = &s[i..];
            let j = rest.len() - rest.trim_start().len();
            rest[j..].starts_with('{').then_some(i + j)
        })
    };
    let Some(start) = start else { return };
    let Some(Ok(v)) = serde_json::Deserializer::from_str(&s[start..]).into_iter::<Value>().next() else {
        return;
    };
    walk(&v, out, 0);
}

/// Every list of blocks below `v`: its blocks' text, one per line, when long enough.
fn walk(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Array(a) => {
            if a.iter().any(is_block) {
                let lines: Vec<String> = a.iter().filter(|x| is_block(x) && !skipped(x)).map(|x| leaf_text(x, 0)).map(|t| norm(&t)).filter(|t| !t.is_empty()).collect();
                let text = lines.join("\n");
                if text.len() >= BODY_MIN {
                    out.push(text);
                }
            }
            a.iter().for_each(|x| walk(x, out, depth + 1));
        }
        Value::Object(o) => o.values().for_each(|x| walk(x, out, depth + 1)),
        // a JSON string that is itself JSON (state caches serialised twice)
        Value::String(s) if s.len() > 1000 && (s.starts_with('{') || s.starts_with('[')) => {
            if let Ok(inner) = serde_json::from_str::<Value>(s) {
                walk(&inner, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn node_type(v: &Value) -> Option<&str> {
    TYPE_KEYS.iter().find_map(|k| v.get(k)?.as_str())
}

/// A block: an object with a type and a list of children.
fn is_block(v: &Value) -> bool {
    node_type(v).is_some() && CHILD_KEYS.iter().any(|k| v.get(k).is_some_and(Value::is_array))
}

fn skipped(v: &Value) -> bool {
    node_type(v).is_some_and(|t| SKIP.contains(&t.to_ascii_lowercase().as_str()))
}

/// The words below a block: its text leaves in order (a leaf is a `text`/`span` node, or any
/// node with a text key and no children), media and embeds left out.
fn leaf_text(v: &Value, depth: usize) -> String {
    if depth > 32 || skipped(v) {
        return String::new();
    }
    let Value::Object(o) = v else { return String::new() };
    let mut out = String::new();
    let children = CHILD_KEYS.iter().find_map(|k| o.get(*k)?.as_array());
    match children {
        Some(cs) => {
            for c in cs {
                out.push_str(&leaf_text(c, depth + 1));
            }
        }
        None => {
            if let Some(t) = TEXT_KEYS.iter().find_map(|k| o.get(*k)?.as_str()) {
                out.push_str(t);
            }
        }
    }
    // a nested block in a list ("li" inside "ul") ends a line
    if node_type(v).is_some_and(|t| matches!(t, "li" | "list-item" | "listItem" | "br")) {
        out.push('\n');
    }
    out
}

fn norm(s: &str) -> String {
    s.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

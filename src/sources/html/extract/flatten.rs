//! DOM flattening: one arena node per block-level element (with its boilerplate kind and
//! articleBody-like marker), one `Block` per run of text between block-level boundaries;
//! hard junk (scripts, styles, form controls, hidden elements...) is dropped outright.

use super::boilerplate::{class_kind, is_body_marker};

const MAX_DEPTH: usize = 512;

thread_local! {
    /// keep class/id strings on arena nodes (diagnostics only)
    pub(super) static DIAG: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Other,
    /// hidden (`display:none`, `hidden`, `aria-hidden`)
    Hard,
    Soft,
    Weak,
    Comment,
    /// hidden, with a class or id naming a paywall: the article's full text a script shows
    Hidden,
}

pub(super) struct ANode {
    pub(super) parent: u32,
    pub(super) tag: Box<str>,
    pub(super) kind: Kind,     // junk classification of the element itself
    pub(super) marker: u8,     // 0 none, 1 <main>/<article>, 2 articleBody-like
    pub(super) good: f32,      // good text mass below (after pass 1)
    pub(super) score: f32,
    pub(super) junk: bool,     // effective junk (self or ancestor)
    pub(super) attr: Box<str>, // class + id (debug)
    pub(super) len: u32,
    pub(super) link: u32,
}

#[derive(Debug)]
pub(super) struct Block {
    pub(super) owner: u32,     // nearest block-level ancestor (arena index)
    pub(super) text: String,
    pub(super) len: usize,     // chars
    pub(super) link: usize,    // chars inside <a>
    #[allow(dead_code)]
    tag: u8,        // 1 heading, 2 list item, 3 table row, 0 other
}

fn is_block_tag(t: &str) -> bool {
    matches!(t, "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "dl" | "dt" | "dd"
        | "table" | "tr" | "thead" | "tbody" | "tfoot" | "caption" | "blockquote" | "pre"
        | "figure" | "figcaption" | "form" | "fieldset" | "address" | "hr" | "details" | "summary"
        | "center" | "body" | "html" | "legend" | "menu" | "dialog" | "hgroup" | "search")
}

fn is_hard_junk_tag(t: &str) -> bool {
    matches!(t, "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "button" | "select"
        | "option" | "textarea" | "input" | "object" | "embed" | "canvas" | "map" | "head" | "title"
        | "video" | "audio" | "math" | "link" | "meta")
}

pub(super) struct Flat {
    pub(super) nodes: Vec<ANode>,
    pub(super) blocks: Vec<Block>,
    /// per block, why it was dropped (diagnostics): 0 kept, 1 outside container, 2 junk owner,
    /// 3 link density, 4 boilerplate line, 5 tail trim
    pub(super) reason: Vec<u8>,
}

struct Builder {
    nodes: Vec<ANode>,
    blocks: Vec<Block>,
    stack: Vec<u32>,       // open arena nodes (only for elements we track)
    buf: String,
    pending_space: bool,
    link_chars: usize,
    in_link: usize,
    len: usize,
}

impl Builder {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            // soft hyphens and zero-width characters are invisible: drop them
            if matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}') { continue; }
            if c.is_whitespace() {
                if !self.buf.is_empty() { self.pending_space = true; }
            } else {
                if self.pending_space { self.buf.push(' '); self.len += 1; if self.in_link > 0 { self.link_chars += 1; } self.pending_space = false; }
                self.buf.push(c);
                self.len += 1;
                if self.in_link > 0 { self.link_chars += 1; }
            }
        }
    }
    fn newline(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') { self.buf.push('\n'); }
        self.pending_space = false;
    }
    fn flush(&mut self, owner: u32) {
        let text = std::mem::take(&mut self.buf);
        let t = text.trim_end_matches('\n');
        if !t.is_empty() {
            let tag = match &*self.nodes[owner as usize].tag {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => 1,
                "li" | "dt" | "dd" => 2,
                "tr" => 3,
                _ => 0,
            };
            self.blocks.push(Block { owner, text: t.to_string(), len: self.len, link: self.link_chars.min(self.len), tag });
        }
        self.len = 0;
        self.link_chars = 0;
        self.pending_space = false;
    }
}

fn hidden_style(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() { return true; }
    if el.attr("aria-hidden").map(|v| v.eq_ignore_ascii_case("true")).unwrap_or(false) { return true; }
    if let Some(s) = el.attr("style") {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") { return true; }
    }
    false
}

pub(super) fn flatten(doc: &scraper::Html) -> Flat {
    use ego_tree::iter::Edge;
    let mut b = Builder { nodes: Vec::new(), blocks: Vec::new(), stack: Vec::new(), buf: String::new(),
        pending_space: false, link_chars: 0, in_link: 0, len: 0 };
    b.nodes.push(ANode { parent: 0, tag: "#root".into(), kind: Kind::Other, marker: 0, good: 0.0, score: 0.0, junk: false, len: 0, link: 0, attr: "".into() });
    b.stack.push(0);
    let mut skip: usize = 0;      // >0 while inside a hard-junk subtree
    let mut depth: usize = 0;
    // per opened element: what we did on open (so Close can undo): 0 = untracked inline, 1 = block, 2 = link, 3 = cell
    let mut opened: Vec<u8> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                scraper::Node::Element(el) => {
                    depth += 1;
                    if skip > 0 { skip += 1; opened.push(0); continue; }
                    let tag = el.name();
                    if is_hard_junk_tag(tag) || (depth > MAX_DEPTH && false) {
                        skip = 1; opened.push(0); continue;
                    }
                    if tag == "br" { b.newline(); opened.push(0); continue; }
                    let hidden = hidden_style(el);
                    let block = is_block_tag(tag) || depth <= MAX_DEPTH && hidden;
                    if block && depth <= MAX_DEPTH {
                        let owner = *b.stack.last().unwrap();
                        b.flush(owner);
                        let mut kind = Kind::Other;
                        let mut marker = 0u8;
                        if matches!(tag, "nav" | "aside" | "menu" | "dialog" | "footer" | "address" | "search") { kind = Kind::Soft; }
                        if matches!(tag, "header") { kind = Kind::Weak; }
                        if matches!(tag, "figcaption" | "figure") { kind = Kind::Soft; }
                        // a form's text (review, captcha, login prompts) is not the article; a page
                        // wrapped whole in a <form> (ASP.NET) keeps it, as it holds the main text
                        if tag == "form" { kind = Kind::Soft; }
                        if matches!(tag, "article" | "main") { marker = 1; }
                        let role = el.attr("role").unwrap_or("");
                        if matches!(role, "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "search" | "dialog" | "alert") { kind = Kind::Soft; }
                        if role == "main" || role == "article" { marker = marker.max(1); }
                        let ip = el.attr("itemprop").unwrap_or("");
                        if ip == "articleBody" || ip == "text" || ip == "reviewBody" { marker = 2; }
                        let cls = el.attr("class").unwrap_or("");
                        let id = el.attr("id").unwrap_or("");
                        if marker < 2 && (is_body_marker(cls) || is_body_marker(id)) { marker = 2; }
                        let ck = class_kind(cls);
                        // a heading's id is an anchor made from its words ("nav_nur_die_folie"), not a role
                        let ik = if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") { Kind::Other } else { class_kind(id) };
                        let ck = if ck == Kind::Comment || ik == Kind::Comment { Kind::Comment } else if ck == Kind::Soft || ik == Kind::Soft { Kind::Soft } else if ck == Kind::Weak || ik == Kind::Weak { Kind::Weak } else { Kind::Other };
                        if kind == Kind::Other { kind = ck; }
                        if ck == Kind::Comment { kind = Kind::Comment; }
                        if marker == 2 && (kind == Kind::Soft || kind == Kind::Weak) && tag != "footer" && tag != "aside" && tag != "nav" { kind = Kind::Other; }
                        // hidden text is not shown, except a paywall's full text, which a script
                        // shows to subscribers (`select::HIDDEN_MAIN`)
                        if hidden { kind = if (cls.to_ascii_lowercase() + id).contains("paywall") { Kind::Hidden } else { Kind::Hard }; }
                        let parent = owner;
                        b.nodes.push(ANode { parent, tag: tag.into(), kind, marker, good: 0.0, score: 0.0, junk: false, len: 0, link: 0, attr: if DIAG.with(|d| d.get()) { format!("{cls}#{id}").into() } else { "".into() } });
                        b.stack.push((b.nodes.len() - 1) as u32);
                        opened.push(1);
                    } else if block {
                        // too deep: treat as a line break only
                        b.newline();
                        opened.push(0);
                    } else if tag == "a" {
                        b.in_link += 1;
                        opened.push(2);
                    } else if tag == "td" || tag == "th" {
                        if !b.buf.is_empty() { b.pending_space = true; }
                        opened.push(3);
                    } else if tag == "img" {
                        opened.push(0);
                    } else {
                        opened.push(0);
                    }
                }
                scraper::Node::Text(t) => {
                    if skip == 0 { b.push_text(t); }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let scraper::Node::Element(_) = node.value() {
                    depth = depth.saturating_sub(1);
                    let what = opened.pop().unwrap_or(0);
                    if skip > 0 { skip -= 1; continue; }
                    match what {
                        1 => {
                            let me = b.stack.pop().unwrap_or(0);
                            b.flush(me);
                            if b.stack.is_empty() { b.stack.push(0); }
                        }
                        2 => b.in_link = b.in_link.saturating_sub(1),
                        3 => { if !b.buf.is_empty() { b.pending_space = true; } }
                        _ => {}
                    }
                }
            }
        }
    }
    let last = *b.stack.last().unwrap_or(&0);
    b.flush(last);
    // a table in a <figure> (up to 4 levels up) is data (comparison tables, schedules), not a
    // caption: trafilatura's annotators keep tables in
    for i in 0..b.nodes.len() {
        if &*b.nodes[i].tag != "table" { continue; }
        let mut a = b.nodes[i].parent as usize;
        for _ in 0..4 {
            if a == 0 { break; }
            if &*b.nodes[a].tag == "figure" && b.nodes[a].kind == Kind::Soft { b.nodes[a].kind = Kind::Other; break; }
            a = b.nodes[a].parent as usize;
        }
    }
    Flat { nodes: b.nodes, blocks: b.blocks, reason: Vec::new() }
}

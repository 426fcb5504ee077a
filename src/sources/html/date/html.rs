//! Minimal, allocation-light HTML scanner used by the date finder.
//!
//! It is *not* a conforming HTML5 parser: it walks the tags once, keeps a
//! forgiving stack of open elements and collects just what the date heuristics
//! need (meta tags, JSON-LD scripts, time/abbr elements, elements whose
//! class/id/itemprop hint at a date, short text nodes, title/h1). It never
//! panics and is linear in the input size.

/// A collected element of interest with its (whitespace-normalised, capped)
/// text content.
#[derive(Debug, Default, Clone)]
pub struct Elem {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    nchars: usize,
    /// byte offset of the start tag in the page
    pub pos: usize,
    /// text still being collected
    open: bool,
    /// inside the site's navigation or a reader's comment (`in_furniture`): its date is
    /// today's date or a comment's, not the article's
    pub furniture: bool,
}

impl Elem {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
pub struct Doc {
    pub metas: Vec<Vec<(String, String)>>,
    pub jsonld: Vec<String>,
    pub canonical: Option<String>,
    pub lang: String,
    pub times: Vec<Elem>,
    pub abbrs: Vec<Elem>,
    /// elements whose class/id/itemprop suggests a date, plus footer/small
    pub candidates: Vec<Elem>,
    /// `<title>` and `<h1>` elements
    pub headings: Vec<Elem>,
    /// short text nodes whose parent is a div/h2/h3/h4/li/p/span/time/ul
    pub segments: Vec<(usize, String)>,
    /// byte offset of the first h1 (article start hint)
    pub first_h1: Option<usize>,
    /// byte ranges of the page removed for the free-text search (svg, iframe…)
    pub skipped: Vec<(usize, usize)>,
}

const TEXT_CAP: usize = 96; // chars of text content kept per element

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta"
            | "param" | "source" | "track" | "wbr" | "keygen" | "command"
    )
}

fn is_raw(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "textarea" | "title" | "xmp" | "noembed" | "noframes" | "iframe"
            | "plaintext"
    )
}

/// Elements whose content is ignored (media, forms, archive banners).
fn is_cleaned(tag: &str) -> bool {
    matches!(
        tag,
        "applet" | "audio" | "canvas" | "datalist" | "embed" | "frame" | "frameset" | "iframe"
            | "label" | "map" | "math" | "noframes" | "object" | "picture" | "rdf" | "svg"
            | "track" | "video" | "select" | "option" | "button"
    )
}

fn is_segment_parent(tag: &str) -> bool {
    matches!(tag, "div" | "h2" | "h3" | "h4" | "li" | "p" | "span" | "time" | "ul")
}

/// Lowercased tag name stored inline (names are truncated to 16 bytes).
#[derive(Clone, Copy, PartialEq, Eq)]
struct TagName {
    buf: [u8; 16],
    len: u8,
}

impl TagName {
    fn new(raw: &[u8]) -> Self {
        let mut buf = [0u8; 16];
        let len = raw.len().min(16);
        for (d, s) in buf.iter_mut().zip(&raw[..len]) {
            *d = s.to_ascii_lowercase();
        }
        TagName { buf, len: len as u8 }
    }
    fn as_str(&self) -> &str {
        // only ASCII alphanumerics and -:_ are stored
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

struct Open {
    tag: TagName,
    collectors: [Option<Coll>; 2],
    skip: bool,
    furniture: bool,
}

/// An element that opens the site's navigation (`<nav>`, a class or id word starting or ending
/// in "nav": navbar, topnav, main-nav) or a reader's comment (a class or id with "comment").
fn in_furniture(tag: &str, attrs: &[(&str, &str)]) -> bool {
    if tag == "nav" {
        return true;
    }
    // the page's own wrappers carry state classes ("comments-open", "off-canvas-nav")
    if matches!(tag, "html" | "body" | "main" | "article") {
        return false;
    }
    for k in ["class", "id"] {
        let Some(v) = get_raw(attrs, k) else { continue };
        let v = v.to_ascii_lowercase();
        if v.contains("comment") {
            return true;
        }
        if v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w.starts_with("nav") || w.ends_with("nav")) {
            return true;
        }
    }
    false
}

#[derive(Clone, Copy)]
enum Coll {
    Time(usize),
    Abbr(usize),
    Cand(usize),
    Head(usize),
}

/// Position of the first `needle` byte in `hay[from..]` (word-at-a-time).
pub fn memchr_from(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    let h = &hay[from..];
    let rep = u64::from_ne_bytes([needle; 8]);
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i + 8 <= h.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&h[i..i + 8]);
        let x = u64::from_ne_bytes(w) ^ rep;
        if (x.wrapping_sub(LO) & !x & HI) != 0 {
            break;
        }
        i += 8;
    }
    h[i..].iter().position(|&c| c == needle).map(|p| p + i + from)
}

/// Decode the common HTML character references. Unknown ones are kept.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.as_bytes().contains(&b'&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        // find terminating ';' within a short window
        let win_end = rest.char_indices().take(12).map(|(i, c)| i + c.len_utf8()).last().unwrap_or(0);
        let semi = rest[..win_end].find(';');
        if let Some(e) = semi {
            let name = &rest[1..e];
            if let Some(c) = entity(name) {
                out.push(c);
                rest = &rest[e + 1..];
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(h) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(h, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return char::from_u32(v).or(Some('\u{FFFD}'));
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" | "#160" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "agrave" => 'à',
        "acirc" => 'â',
        "aacute" => 'á',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "ucirc" => 'û',
        "icirc" => 'î',
        "ocirc" => 'ô',
        "atilde" => 'ã',
        "otilde" => 'õ',
        "ndash" => '–',
        "mdash" => '—',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "laquo" => '«',
        "raquo" => '»',
        "verbar" | "vert" => '|',
        "sol" => '/',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        _ => return None,
    })
}

/// Append `src` to `dst` (which holds `*n` chars), collapsing whitespace,
/// until `dst` holds `cap` chars.
fn push_norm(dst: &mut String, n: &mut usize, src: &str, cap: usize) {
    for c in src.chars() {
        if *n >= cap {
            return;
        }
        if c.is_whitespace() {
            if !dst.is_empty() && !dst.ends_with(' ') {
                dst.push(' ');
                *n += 1;
            }
        } else {
            dst.push(c);
            *n += 1;
        }
    }
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut i = from;
    while let Some(p) = memchr_from(needle[0], hay, i) {
        if p + needle.len() <= hay.len() && hay[p..p + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

fn find_bytes(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut i = from;
    while let Some(p) = memchr_from(needle[0], hay, i) {
        if hay[p..].starts_with(needle) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

/// Index of the next char boundary at or after `i`.
fn ceil_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

type RawAttrs<'a> = Vec<(&'a str, &'a str)>;

fn get_raw<'a>(attrs: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
}

fn owned(attrs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(attrs.len());
    for (k, v) in attrs {
        let k = k.to_ascii_lowercase();
        if !out.iter().any(|(a, _)| *a == k) {
            out.push((k, decode_entities(v).into_owned()));
        }
    }
    out
}

/// Does this element's class/id/itemprop suggest that it holds a date?
/// (htmldate's rules: of id and class only the first in source order counts,
/// cues are case-sensitive except for "Date"/"Meta".)
fn is_date_candidate(attrs: &[(&str, &str)]) -> bool {
    let mut first = None;
    let mut itemprop = None;
    let mut class = None;
    let mut id = None;
    for (k, v) in attrs {
        if k.eq_ignore_ascii_case("itemprop") {
            itemprop = Some(*v);
        } else if k.eq_ignore_ascii_case("id") {
            id.get_or_insert(*v);
            first.get_or_insert(*v);
        } else if k.eq_ignore_ascii_case("class") {
            class.get_or_insert(*v);
            first.get_or_insert(*v);
        }
    }
    for cue in [first, itemprop].into_iter().flatten() {
        if cue.contains("date") || cue.contains("Date") || cue.contains("datum") || cue.contains("Datum") {
            return true;
        }
    }
    let Some(first) = first else { return false };
    const ID_CLASS: [&str; 5] = ["meta", "Meta", "time", "publish", "footer"];
    if ID_CLASS.iter().any(|c| first.contains(c)) {
        return true;
    }
    if let Some(cls) = class {
        const CLASS_CUES: [&str; 16] = [
            "info", "post_detail", "block-content", "byline", "subline", "posted", "submitted",
            "created-post", "publication", "author", "autor", "field-content", "fa-clock-o",
            "fa-calendar", "fecha", "parution",
        ];
        if CLASS_CUES.iter().any(|c| cls.contains(c)) {
            return true;
        }
    }
    id.map(|i| i.contains("footer-info-lastmod")).unwrap_or(false)
}

/// Parse the attributes of a start tag body `s[from..to]` as raw slices.
fn parse_attrs<'a>(s: &'a str, from: usize, to: usize, out: &mut RawAttrs<'a>) {
    let b = s.as_bytes();
    let mut i = from;
    while i < to {
        while i < to && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= to {
            break;
        }
        let ns = i;
        while i < to && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' && !(b[i] == b'/' && i > ns) {
            i += 1;
        }
        if i == ns {
            i += 1;
            continue;
        }
        let name = &s[ns..i];
        while i < to && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < to && b[i] == b'=' {
            i += 1;
            while i < to && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < to && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..to].iter().position(|&c| c == q).map(|p| p + vs).unwrap_or(to);
                value = &s[vs..ve];
                i = ve + 1;
            } else {
                let vs = i;
                while i < to && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &s[vs..i];
            }
        }
        if out.len() < 64 {
            out.push((name, value));
        }
    }
}

fn elem_mut(doc: &mut Doc, c: Coll) -> &mut Elem {
    match c {
        Coll::Time(k) => &mut doc.times[k],
        Coll::Abbr(k) => &mut doc.abbrs[k],
        Coll::Cand(k) => &mut doc.candidates[k],
        Coll::Head(k) => &mut doc.headings[k],
    }
}

fn same(a: Coll, b: Coll) -> bool {
    matches!((a, b), (Coll::Time(x), Coll::Time(y)) | (Coll::Abbr(x), Coll::Abbr(y)) | (Coll::Cand(x), Coll::Cand(y)) | (Coll::Head(x), Coll::Head(y)) if x == y)
}

fn close_coll(doc: &mut Doc, c: Coll, active: &mut Vec<Coll>) {
    let e = elem_mut(doc, c);
    e.open = false;
    let t = e.text.trim_end().len();
    e.text.truncate(t);
    active.retain(|a| !same(*a, c));
}

fn handle_text(raw: &str, pos: usize, doc: &mut Doc, stack: &[Open], skip_depth: usize, active: &mut Vec<Coll>) {
    if raw.is_empty() || skip_depth > 0 {
        return;
    }
    let seg_parent = stack.last().map(|t| is_segment_parent(t.tag.as_str())).unwrap_or(false);
    if active.is_empty() && !seg_parent {
        return;
    }
    let text = decode_entities(raw);
    if !active.is_empty() {
        let mut full = false;
        for c in active.iter() {
            let e = elem_mut(doc, *c);
            push_norm(&mut e.text, &mut e.nchars, &text, TEXT_CAP);
            full |= e.nchars >= TEXT_CAP;
        }
        if full {
            active.retain(|c| {
                let e = match *c {
                    Coll::Time(k) => &doc.times[k],
                    Coll::Abbr(k) => &doc.abbrs[k],
                    Coll::Cand(k) => &doc.candidates[k],
                    Coll::Head(k) => &doc.headings[k],
                };
                e.nchars < TEXT_CAP
            });
        }
    }
    if seg_parent {
        let t = text.trim();
        if t.len() > 6 && t.bytes().any(|c| c.is_ascii_digit()) {
            let len = t.chars().count();
            if len > 6 && len < 52 {
                let mut s = String::new();
                let mut n = 0;
                push_norm(&mut s, &mut n, t, 64);
                doc.segments.push((pos, s));
            }
        }
    }
}

/// Scan a page once and collect date-relevant structures.
pub fn scan(html: &str) -> Doc {
    let b = html.as_bytes();
    let n = b.len();
    let mut doc = Doc::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut skip_depth = 0usize;
    let mut active: Vec<Coll> = Vec::new();
    let mut attrs: RawAttrs = Vec::new();
    let mut i = 0usize;
    let mut text_start = 0usize;

    while i < n {
        let Some(lt) = memchr_from(b'<', b, i) else { break };
        if lt + 1 >= n {
            break;
        }
        let next = b[lt + 1];
        if next == b'!' || next == b'?' {
            handle_text(&html[text_start..lt], text_start, &mut doc, &stack, skip_depth, &mut active);
            if b[lt..].starts_with(b"<!--") {
                i = find_bytes(b, lt + 4, b"-->").map(|p| p + 3).unwrap_or(n);
            } else if b[lt..].starts_with(b"<![CDATA[") {
                i = find_bytes(b, lt + 9, b"]]>").map(|p| p + 3).unwrap_or(n);
            } else {
                i = memchr_from(b'>', b, lt).map(|p| p + 1).unwrap_or(n);
            }
            text_start = i;
            continue;
        }
        let closing = next == b'/';
        let ns = if closing { lt + 2 } else { lt + 1 };
        if ns >= n || !b[ns].is_ascii_alphabetic() {
            // a literal '<'
            i = lt + 1;
            continue;
        }
        handle_text(&html[text_start..lt], text_start, &mut doc, &stack, skip_depth, &mut active);
        let mut ne = ns;
        while ne < n && (b[ne].is_ascii_alphanumeric() || b[ne] == b'-' || b[ne] == b':' || b[ne] == b'_') {
            ne += 1;
        }
        let tag = TagName::new(&b[ns..ne]);
        // end of the tag, respecting quoted attribute values
        let mut j = ne;
        let mut quote = 0u8;
        while j < n {
            let c = b[j];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'>' {
                break;
            } else if (c == b'"' || c == b'\'') && (b[j - 1] == b'=' || b[j - 1].is_ascii_whitespace()) {
                quote = c;
            }
            j += 1;
        }
        let tag_end = j.min(n); // position of '>' (or n)
        i = (tag_end + 1).min(n);
        text_start = i;

        if closing {
            if let Some(p) = stack.iter().rposition(|o| o.tag == tag) {
                while stack.len() > p {
                    let Some(o) = stack.pop() else { break };
                    if o.skip {
                        skip_depth = skip_depth.saturating_sub(1);
                        if skip_depth == 0 {
                            if let Some(last) = doc.skipped.last_mut() {
                                last.1 = i;
                            }
                        }
                    }
                    for c in o.collectors.into_iter().flatten() {
                        close_coll(&mut doc, c, &mut active);
                    }
                }
            }
            continue;
        }

        let tname = tag.as_str();
        let self_closing = tag_end > ne && b[tag_end - 1] == b'/';
        attrs.clear();
        parse_attrs(html, ne, if self_closing { tag_end - 1 } else { tag_end }, &mut attrs);

        match tname {
            "meta" => doc.metas.push(owned(&attrs)),
            "link" => {
                if doc.canonical.is_none() && get_raw(&attrs, "rel").map(|r| r.eq_ignore_ascii_case("canonical")).unwrap_or(false) {
                    doc.canonical = get_raw(&attrs, "href").map(|s| decode_entities(s).into_owned());
                }
            }
            "html" => {
                if doc.lang.is_empty() {
                    if let Some(l) = get_raw(&attrs, "lang").or_else(|| get_raw(&attrs, "xml:lang")) {
                        doc.lang = l.to_ascii_lowercase();
                    }
                }
            }
            "p" => {
                // implied end of an open paragraph
                if stack.last().map(|o| o.tag.as_str() == "p").unwrap_or(false) {
                    if let Some(o) = stack.pop() {
                        for c in o.collectors.into_iter().flatten() {
                            close_coll(&mut doc, c, &mut active);
                        }
                    }
                }
            }
            _ => {}
        }

        if is_raw(tname) && !self_closing {
            // raw text content up to the matching end tag
            let mut needle = [0u8; 18];
            needle[0] = b'<';
            needle[1] = b'/';
            let tl = tag.len as usize;
            needle[2..2 + tl].copy_from_slice(&tag.buf[..tl]);
            let cs = i;
            let ce = find_ci(b, cs, &needle[..2 + tl]).unwrap_or(n);
            let ce = ceil_boundary(html, ce);
            let content = &html[cs..ce];
            match tname {
                "script" => {
                    let ty = get_raw(&attrs, "type").unwrap_or("").to_ascii_lowercase();
                    if ty.contains("ld+json") || ty.contains("settings+json") {
                        doc.jsonld.push(content.to_string());
                    }
                }
                "title" => {
                    if skip_depth == 0 {
                        let mut e = Elem { tag: tname.to_string(), pos: lt, ..Default::default() };
                        push_norm(&mut e.text, &mut e.nchars, &decode_entities(content), TEXT_CAP);
                        doc.headings.push(e);
                    }
                }
                "iframe" | "noframes" => {
                    if skip_depth == 0 {
                        doc.skipped.push((lt, ce));
                    }
                }
                _ => {}
            }
            // skip past the end tag
            i = if ce < n { memchr_from(b'>', b, ce).map(|p| p + 1).unwrap_or(n) } else { n };
            text_start = i;
            continue;
        }

        if is_void(tname) || self_closing {
            continue;
        }

        // open element
        let mut skip = false;
        if is_cleaned(tname) {
            skip = true;
        } else if tname == "div" {
            if let Some(id) = get_raw(&attrs, "id") {
                if id == "wm-ipp-base" || id == "wm-ipp" {
                    skip = true;
                }
            }
        }
        if skip {
            if skip_depth == 0 {
                doc.skipped.push((lt, n));
            }
            skip_depth += 1;
        }
        let mut collector = None;
        let mut cand = None;
        let furniture = stack.last().is_some_and(|o| o.furniture) || in_furniture(tname, &attrs);
        if skip_depth == 0 {
            let mk = |attrs: &RawAttrs| Elem { tag: tname.to_string(), attrs: owned(attrs), text: String::new(), nchars: 0, pos: lt, open: true, furniture };
            match tname {
                "time" => {
                    doc.times.push(mk(&attrs));
                    collector = Some(Coll::Time(doc.times.len() - 1));
                }
                "abbr" => {
                    doc.abbrs.push(mk(&attrs));
                    collector = Some(Coll::Abbr(doc.abbrs.len() - 1));
                }
                "h1" => {
                    if doc.first_h1.is_none() {
                        doc.first_h1 = Some(lt);
                    }
                    doc.headings.push(mk(&attrs));
                    collector = Some(Coll::Head(doc.headings.len() - 1));
                }
                _ => {}
            }
            if (tname == "footer" || tname == "small" || is_date_candidate(&attrs)) && doc.candidates.len() < 5000 {
                doc.candidates.push(mk(&attrs));
                cand = Some(Coll::Cand(doc.candidates.len() - 1));
            }
            for c in [collector, cand].into_iter().flatten() {
                active.push(c);
            }
        }
        if stack.len() < 2000 {
            stack.push(Open { tag, collectors: [collector, cand], skip, furniture });
        } else {
            for c in [collector, cand].into_iter().flatten() {
                close_coll(&mut doc, c, &mut active);
            }
            if skip {
                skip_depth -= 1;
            }
        }
    }
    if text_start < n {
        handle_text(&html[text_start..], text_start, &mut doc, &stack, skip_depth, &mut active);
    }
    for c in active.clone() {
        close_coll(&mut doc, c, &mut active);
    }
    doc
}

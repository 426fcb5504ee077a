//! HTML main-text extraction for storyline: charset decoding, article text, metadata.
//!
//! Why our own extractor (on `scraper`/html5ever) rather than a crate:
//! measured on shared/eval/html_text (579 pages, score.py rule, no URL given):
//!
//! | system                                   | with_found | without_absent | P     | R     | F1    | pages/s |
//! |------------------------------------------|-----------|----------------|-------|-------|-------|---------|
//! | rs-trafilatura 0.2.2 (tables, no comments)| 0.935     | 0.831          | 0.846 | 0.935 | 0.888 | 65      |
//! | dom_smoothie 0.19 (readability port)     | 0.915     | 0.850          | 0.858 | 0.915 | 0.886 | 358     |
//! | trafilatura 2.2.0 (Python, reference)    | 0.936     | 0.896          | 0.900 | 0.936 | 0.918 | -       |
//! | this module, round 1                     | 0.942     | 0.901          | 0.904 | 0.942 | 0.923 | ~300    |
//! | this module, round 2                     | 0.959     | 0.922          | 0.924 | 0.959 | 0.941 | 240-310 |
//! | **this module, round 3**                 | 0.959     | 0.928          | 0.929 | 0.959 | 0.944 | 240-310 |
//!
//! Both crates leaked too much boilerplate (P < 0.86) and rs-trafilatura is 3x below the
//! 200 pages/s target and heavy (chrono, a page classifier, markdown...), so neither was kept.
//! Hash-split halves: round 1 0.931 / 0.914 F1, round 2 0.943 / 0.939 (rs-trafilatura 0.894 / 0.882).
//! (round 2: mean 0.940, acc 0.940; tp 1648 fp 135 fn 71 tn 1593; round 3: mean 0.943, tp 1648 fp 125 fn 71 tn 1603;
//! speed varies with machine load.)
//!
//! Round 3 (`storyline eval html-text --folds 5`: five folds of sites; each rule kept only if
//! no fold fell, fold F1 .946/.939/.941/.959/.920 -> .950/.944/.942/.961/.922): a table in a
//! `<figure>` is data; `<form>` is boilerplate unless it holds the main text; a heading's id is
//! an anchor, not a role ("nav_…"); alert/captcha/flyout/notice/kicker class parts; a kicker word
//! before a head dateline; a few more promo cues (advertise with, app store, letter to the
//! editor). Tried and dropped on the folds: page-builder classes (`elementor-*`) as neutral
//! (one fold −.001), "teaser" as a class part (−.003 on three folds), "einen Kommentar" as a
//! promo cue (an annotated call to comment is content).
//!
//! Round 4, a learned block model (`classify`: boosted trees over block features, the rules'
//! verdict among them, with the last word by a margin), measured held-out by site:
//! `storyline eval html-text --blocks cross --folds K` trains on the other folds' pages and
//! reads each fold with it. Fold F1, rules → rules + trees (80 rounds, depth 3):
//!
//! | margin | 5 folds (.950/.944/.942/.961/.922)  | 3 folds (.940/.944/.949) | halves (.949/.939) |
//! |--------|-------------------------------------|--------------------------|--------------------|
//! | 0      | .961/.952/.942/.951/.931            |                          |                    |
//! | 1      | .954/.949/.944/.958/.928            |                          |                    |
//! | 1.5    | .951/.949/.942/.959/.925            |                          | .950/.939          |
//! | 2      | .950/.947/.942/.961/.923            | .941/.944/.951           | .951/.938          |
//! | 2.5    | .950/.945/.942/.961/.922            | .940/.944/.949           | .951/.937          |
//!
//! Deeper trees: depth 4, margin 2: .951/.952/.943/.963/.925 but halves .952/.937; depth 5,
//! margin 2: halves .950/.939 and 3 folds .941/.944/.950 but .951/.950/.941/.960/.925.
//! (a logistic regression over the same features, margin 0: .953/.950/.936/.957/.925; halves
//! .945/.941.) No setting held on every fold of every split: the trees fix linked sentences
//! and captions on some sites and break others' (fold 3 of 5, the second half), and at the
//! margins where nothing falls they change a snippet or two. So the shipped model has no
//! trees (`data/html/block_model.tsv`): the rules decide, the extraction path and speed are
//! the rules'. The labelled blocks (3,826 of 104k: 1,668 body, 2,158 boilerplate) disagree
//! with the rules on 244; most remaining errors are inside a block (a caption or byline in the
//! same paragraph as body text) or on blocks no snippet labels, which no block model sees.
//!
//! Round 5, the headline (`drop_headline`): a line among the first three that is the page's
//! title, and the short kickers above it, leave the text (the title is its own field). The
//! held-out benchmark (181 pages, whole text against an article body with no headline, word
//! 4-gram P/R per page) charges a repeated headline to precision, and no snippet here sees it;
//! `storyline eval html-text --bodies --folds 5` scores that way against the JSON-LD
//! `articleBody` of 40 dev pages: F1 .837 -> .840 (P .810 -> .816, R .906 both), folds
//! .861/.883/.849/.686/.900 -> .866/.889/.850/.686/.904. The snippets: F1 .944 both; 5 folds
//! .950/.944/.942/.961/.922 -> .950/.939/.944/.963/.922, 3 folds .940/.944/.949 ->
//! .938/.944/.950, halves .949/.939 both. Fold 1's -.005 (and 3 folds' first -.002) is three
//! pages whose annotator put the title among the `with` snippets (elfaro, prensalibre,
//! searchlight); trafilatura's annotation counts the title both ways (4 pages with, 6 without),
//! the held-out one never in the body, so it is kept. Tried on the same two measures and not
//! kept: caption lines ending in a credit ("Foto: Andina": one fold −.002), "MIRA |"/"LEE MÁS |"
//! lines (one page of the 40, nothing on the snippets).
//!
//! Round 6, text the DOM does not show: (a) a hidden element whose class or id names a paywall
//! and holds half the page's good text is the article (`select::HIDDEN_MAIN`; topagrar hides
//! its whole article in `paywall-full-content` behind a visible teaser); (b) when the DOM holds
//! under 500 chars, the rich-text tree of a script's JSON state (`state`: scmp.com's Apollo
//! state, `{"type":"p","children":[{"type":"text","data":…}]}`) after the template and JSON-LD
//! fallbacks, the body sharing most words with the title (the state also caches the next
//! articles of an endless scroll; the longest was another article: scmp .010). `--bodies
//! --folds 5`: F1 .840 -> .887 (P .816 -> .859, R .906 -> .956), folds
//! .866/.889/.850/.686/.904 -> .866/.889/.850/.956/.904 (topagrar 0 -> .909, scmp .005 ->
//! .984); the snippets unchanged on every fold (.950/.939/.944/.963/.922); `eval html-dates`
//! .965 -> .969 (scmp's dated page, an empty `<body>`, was refused by ingest). Tried and
//! dropped: any hidden element holding half the good text (a hidden pop-up's course outline
//! beat jis.gov.jm's article: snippet fold 4 .922 -> .919). Pages drawn wholly by a script
//! (camping.info's empty `<div id="app">`, a Blogger "dynamic views" post) still have no text:
//! nothing in their bytes but the title and a "needs JavaScript" notice.
//!
//! Round 7, datelines and calls to action inside the text (`select_text`): a dateline that
//! names a date or a time (`boilerplate::names_a_date`: a year, `08/05`, `02:14`) is cut
//! wherever it stands, not only before the first paragraph (trome's and panamaamerica's
//! "Actualizado el 08/05/2022 02:14 a.m." after the lead), and so is a one-line promo block
//! under `MID_PROMO_MAX` chars (a log-in or newsletter prompt between paragraphs: "Regístrate
//! para recibir contenido exclusivo", "Sie sind aktuell nicht eingeloggt."); datelines up to
//! 90 chars ("Veröffentlicht: 07.11.2023, 10:37 Uhr | aktualisiert: …") with "el", "a.m.",
//! "31st"; more cue lines ("lee también", "MIRA |", "story continues", "image caption",
//! "getty images", "photo by", "… könnten Sie ebenfalls interessieren") and end headings
//! ("Top-Meldungen", "most read"). `--bodies --folds 5`: F1 .887 -> .894 (P .859 -> .870, R
//! .956 both), folds .866/.889/.850/.956/.904 -> .874/.912/.850/.959/.909; the snippets F1
//! .944 -> .946, folds .950/.939/.944/.963/.922 -> .953/.939/.944/.964/.929 (9 leaks gone, no
//! new miss); `eval html-dates` .969 and .918 unchanged. Tried and changed before keeping:
//! any dateline anywhere cut a recipe's "15 – 30 Min" and any promo block a fact block about
//! "Spendenmitteln" (snippet fold 2 .944 -> .942). Not done: price lines ("19,90 €" in shop
//! boxes) are `with` snippets on four pages; subheadings and leads that JSON-LD bodies leave
//! out (the annotators keep them).
//!
//! Round 8, what a page puts after the article (`boilerplate::is_author_bio`, `is_author_box`,
//! more end headings and promo cues): an author's biography among the last blocks ("Candice
//! Sealey is the Founder & Principal Consultant at …", "Tanja ist seit 2023 Redakteurin bei
//! OMR": a capitalised name, "is"/"ist"/"es"/"est"/"jest" and a trade word, under `BIO_MAX`
//! chars); "author-bio"/"author-description"/"author-info" classes as boilerplate (the
//! "author-" prefix was skipped whole as WordPress's taxonomy class "author-jdoe"); a bare
//! "Autor"/"Author"/"Mitwirkende"/"Contributors" heading as an end heading (whole, since
//! "author" starts "Authorities"); "your inbox"/"in dein Postfach" as promo cues. Snippets
//! F1 .946 -> .947 (4 leaks gone, no new miss), folds .953/.939/.944/.964/.929 ->
//! .953/.940/.944/.965/.932; `--bodies` F1 .894 both, folds .874/.912/.850/.959/.909 ->
//! .874/.913/.850/.959/.909; 14 of 695 pages' texts change, each losing a bio, byline or
//! newsletter line. Tried and narrowed: "author-box" as a role (familie.de's author box holds
//! the author's own words on the toys the article is about: bodies fold 2 .850 -> .845).
//!
//! Round 2 gains, in F1 points on all 579 pages (halves checked after the tail rules and at the end, not per rule):
//! BEM modifiers (`x--has-ads`, `x--ads`) and "commentary" no longer mark junk +0.2; lead paragraphs
//! from the article header before the container +0.3; trailing promo/legal/social blocks and
//! end-matter headings ("About the author", "Related", "Kontakt", ...) in the last 40% cut +0.9;
//! linked paragraphs between real paragraphs, "read also" cues (lea más, vea también...) +0.1;
//! caption/credit/legend/disclaimer/bio classes strong +0.2; "readmore" class harmless +0.1;
//! template-script / JSON-LD articleBody fallback when the DOM has < 500 chars +0.1.
//! Tried and dropped: <figure> as weak junk (captions are `without` snippets: -0.4), "teaser"
//! class as junk (-0.2), filtering lines by JSON-LD articleBody (leads/subheads are missing from
//! it: -0.2, or no effect when only the tail is filtered). Soft hyphens are stripped: neutral here
//! (annotators typed snippets both with and without them) but right for NLP.
//!
//! Algorithm (general rules only, nothing keyed on sites):
//! 1. Flatten the DOM into an arena of block-level elements plus text "blocks" (text between
//!    block boundaries, whitespace collapsed, chars inside <a> counted). script/style/form
//!    controls/svg/iframe/hidden elements are dropped outright.
//! 2. Each element gets a boilerplate kind from its tag (nav, aside, footer, figure...),
//!    ARIA role and class/id tokens: strong (share, related, cookie, newsletter, author,
//!    breadcrumb...), weak (header, widget, meta, date...), comments. Taxonomy classes such
//!    as WordPress `tag-x`/`category-x`/`has-ads` are ignored.
//! 3. Block value = non-link chars for real paragraphs, small for short lines, negative for
//!    link-dense blocks. Scores are summed bottom-up; the best container (bonus for
//!    article/main and articleBody-like classes) is chosen first with only comment/hard junk
//!    removed, then boilerplate containers are removed except those on the path to (or holding
//!    half of) that provisional main text, and the container is chosen again.
//! 4. Output = non-junk blocks in the container with link density <= 0.5, minus short
//!    boilerplate lines (multilingual "read more"/"share"/copyright cues, `a | b | c` meta
//!    rows), minus short non-sentence lines after the last real paragraph (related headings).
//!    Linked `<p>`/table rows between real paragraphs are kept; real paragraphs just before the
//!    container inside a close ancestor adding < 800 chars are prepended (leads/standfirsts).
//! 5. Position pruning: datelines/promo lines before the first real paragraph; from the end,
//!    promo/legal/social/dateline/short non-sentence blocks; the text is cut at an end-matter
//!    heading that comes after 60% of the text.
//! 6. Fallback when the DOM text is < 500 chars: HTML in `<script type="text/template">`, then
//!    JSON-LD `articleBody`, then the rich text of a script's JSON state, appended to the page
//!    text.
//!
//! Remaining errors (71 missed, 125 leaked): captions and figcaptions annotated both ways;
//! recipe/spec pages whose short lists sit in widgets; comment threads annotated as content;
//! teaser boxes/related lists and author bios inside the container with neutral classes;
//! sites whose article is split over sibling containers (only leads are merged so far).

mod boilerplate;
mod charset;
mod classify;
mod flatten;
mod metadata;
mod select;
mod state;
#[cfg(test)]
mod tests;

pub use charset::decode_html;
pub use classify::{train as train_blocks, BlockModel, Node as BlockNode, Training as BlockTraining, FEATURES as BLOCK_FEATURES, N as N_BLOCK_FEATURES};

use flatten::{flatten, DIAG};
use metadata::metadata;
use select::select_text;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDoc {
    /// main article text: one paragraph per line ("\n"), entities decoded, no HTML
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// Extract the main text and metadata.
/// `url` is the page URL if known (used only to absolutise a relative canonical link).
/// Returns Err(reason) when the page has no article text at all.
pub fn extract(html: &str, url: Option<&str>) -> Result<HtmlDoc, String> {
    extract_with(html, url, Some(BlockModel::shipped()))
}

/// [`extract`] with the blocks kept by this block model, or by the rules alone (`None`).
pub fn extract_with(html: &str, url: Option<&str>, model: Option<&BlockModel>) -> Result<HtmlDoc, String> {
    if html.trim().is_empty() { return Err("empty document".into()); }
    match refused(html) {
        Some(Refused::Depth(depth)) => {
            return Err(format!("elements nested over {depth} deep: not parsed (the HTML parser's time grows with the square of the depth)"));
        }
        Some(Refused::Attributes(n)) => {
            return Err(format!("an element with over {n} attributes: not parsed (the HTML parser's time grows with the square of an element's attributes)"));
        }
        None => {}
    }
    let doc = scraper::Html::parse_document(html);
    let mut flat = flatten(&doc);
    let mut text = select_text(&mut flat, model).trim().to_string();
    let (mut out, ld_body) = metadata(&doc, url);
    // the DOM holds (almost) no article: client-side rendered pages keep it in an HTML
    // template script or in JSON-LD articleBody
    if text.chars().count() < FALLBACK_MAX {
        let tpl = template_html(&doc);
        if tpl.len() > 2000 {
            let tdoc = scraper::Html::parse_document(&tpl);
            let mut tflat = flatten(&tdoc);
            let t = select_text(&mut tflat, model).trim().to_string();
            if t.chars().count() > 2 * text.chars().count() + 200 { text = t; }
        }
    }
    if text.chars().count() < FALLBACK_MAX {
        if let Some(body) = ld_body {
            let body = body.lines().map(norm_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
            if !body.contains('<') && body.chars().count() > 3 * text.chars().count() + 300 {
                // keep what the page shows (lead, teaser) and add the body from structured data
                text = if text.is_empty() { body } else { format!("{text}\n{body}") };
            }
        }
    }
    if text.chars().count() < FALLBACK_MAX {
        let st = state::state_text(&doc, out.title.as_deref());
        let paragraphs = st.lines().filter(|l| l.chars().count() >= 80).count();
        if paragraphs >= 2 && st.chars().count() > 3 * text.chars().count() + 300 {
            text = if text.is_empty() { st } else { format!("{text}\n{st}") };
        }
    }
    if let Some(t) = out.title.as_deref() {
        text = drop_headline(&text, t);
    }
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 10 {
        return Err("no article text found".into());
    }
    out.text = text;
    Ok(out)
}

/// The text without the headline: a line among the first three that is the page's title
/// (the same words, or the title's start, or the title with a short suffix), and the short
/// kicker lines above it ("Chronik", "Analizy"). The title is its own field; in the text it is
/// what an article body (schema.org's `articleBody`, the article-extraction benchmarks'
/// gold) leaves out. Measured (`storyline eval html-text --bodies --folds 5`, and the snippets)
/// in the module doc.
fn drop_headline(text: &str, title: &str) -> String {
    let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    let ti = words(title);
    if ti.is_empty() {
        return text.to_string();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, l) in lines.iter().take(3).enumerate() {
        let x = words(l);
        let (nx, nt) = (x.chars().count(), ti.chars().count());
        let same = !x.is_empty() && (x == ti || (nx >= 20 && ti.starts_with(&x)) || (nt >= 20 && x.starts_with(&ti) && nx < nt + 30));
        if !same {
            continue;
        }
        let kickers = lines[..i].iter().all(|y| y.chars().count() < 40 && !y.trim_end().ends_with(['.', '!', '?', ':']));
        let from = if kickers { 0 } else { i };
        return lines[..from].iter().chain(&lines[i + 1..]).copied().collect::<Vec<_>>().join("\n");
    }
    text.to_string()
}

/// Below this many characters of DOM text, template scripts and JSON-LD articleBody are tried.
const FALLBACK_MAX: usize = 500;

/// Concatenated contents of `<script type="text/template">`-like scripts that hold HTML.
fn template_html(doc: &scraper::Html) -> String {
    let mut out = String::new();
    for node in doc.tree.nodes() {
        let scraper::Node::Element(el) = node.value() else { continue };
        if el.name() != "script" { continue; }
        let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
        if !(ty.contains("template") || ty == "text/html") { continue; }
        for c in node.children() {
            if let scraper::Node::Text(t) = c.value() {
                if t.contains("<p") || t.contains("<div") || t.contains("<br") { out.push_str(t); out.push('\n'); }
            }
        }
    }
    out
}

fn norm_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() { out.push(' '); }
        out.push_str(w);
    }
    out
}

/// How deep elements may nest before a page is refused unparsed. html5ever looks up the open
/// elements for every tag, so 100,000 nested `<div>`s took 37 s; real pages stay far below a
/// few hundred levels, and at this depth a page parses in about a second.
pub const MAX_DEPTH: usize = 16_384;

/// The most attributes an element may have before a page is refused unparsed. html5ever
/// compares each attribute's name with the element's earlier ones (duplicates are dropped), so
/// one element with 160,000 attributes (1.7 MB) took 19 s; real elements have a few dozen.
pub const MAX_ATTRIBUTES: usize = 1_000;

/// Why a page is refused before it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Elements nested deeper than [`MAX_DEPTH`].
    Depth(usize),
    /// An element with more than [`MAX_ATTRIBUTES`] attributes.
    Attributes(usize),
}

/// `Some(MAX_DEPTH)` when a cheap scan of the tags finds elements nested deeper than that.
pub fn too_deep(html: &str) -> Option<usize> {
    match refused(html) {
        Some(Refused::Depth(d)) => Some(d),
        _ => None,
    }
}

/// A cheap scan of the tags, linear in the page's length, for what the parser would take too
/// long over: opening tags count up and closing tags down (void elements, `/>`, comments,
/// doctypes and the insides of `<script>` and `<style>` do not count), and each opening tag's
/// attributes are counted as the tokenizer reads them (names, `=`, quoted or bare values).
pub fn refused(html: &str) -> Option<Refused> {
    const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "option", "td", "tr", "th"];
    let b = html.as_bytes();
    let (mut i, mut depth) = (0usize, 0usize);
    let mut raw_until: Option<&[u8]> = None;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if let Some(end) = raw_until {
            if b.len() >= i + end.len() && b[i..i + end.len()].eq_ignore_ascii_case(end) {
                raw_until = None;
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let name_len = b[start.min(b.len())..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let (gt, attributes) = tag_end(b, start + name_len);
        if attributes > MAX_ATTRIBUTES {
            return Some(Refused::Attributes(MAX_ATTRIBUTES));
        }
        // the scan goes on after the tag: each byte is read once (a `<` inside a tag or one
        // left open is no new tag)
        i = gt;
        if VOID.contains(&name.as_str()) || (gt > 0 && b.get(gt - 1) == Some(&b'/')) {
            continue;
        }
        if name == "script" || name == "style" {
            raw_until = Some(if name == "script" { b"/script" } else { b"/style" });
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(Refused::Depth(MAX_DEPTH));
        }
    }
    None
}

/// From just after a tag's name: where the tag ends (its `>`, or the end of the page) and how
/// many attributes it has, read as the HTML tokenizer reads them (a quoted value may hold `>`
/// and spaces; a bare value ends at a space or `>`).
fn tag_end(b: &[u8], mut i: usize) -> (usize, usize) {
    let mut attributes = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (i, attributes);
        }
        // a name (a stray `=` starts one too)
        attributes += 1;
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => i = b[i + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| i + p + 2),
            _ => {
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// Every block of a page, as the rules leave it, with its features for the block model
/// (what `storyline eval html-text --train-blocks` learns from). Pages the extractor refuses
/// give no blocks.
#[doc(hidden)]
pub fn page_blocks(html: &str) -> Vec<(String, [f32; classify::N], String)> {
    if refused(html).is_some() {
        return Vec::new();
    }
    let doc = scraper::Html::parse_document(html);
    DIAG.with(|d| d.set(true));
    let mut flat = flatten(&doc);
    DIAG.with(|d| d.set(false));
    let _ = select_text(&mut flat, None);
    let xs = classify::features(&flat);
    // the owner chain, innermost first: tag.class#id, up to 6 elements
    let chains: Vec<String> = flat
        .blocks
        .iter()
        .map(|b| {
            let mut path = String::new();
            let (mut o, mut k) = (b.owner as usize, 0);
            while o != 0 && k < 6 {
                let nd = &flat.nodes[o];
                path.push_str(&format!("{}.{} > ", nd.tag, nd.attr));
                o = nd.parent as usize;
                k += 1;
            }
            path
        })
        .collect();
    flat.blocks.into_iter().zip(xs).zip(chains).map(|((b, x), c)| (b.text, x, c)).collect()
}

/// Diagnostics: every block with its drop reason (9: dropped by the block model) and owner
/// chain (class#id).
#[doc(hidden)]
pub fn explain(html: &str) -> Vec<(String, u8, String)> {
    let doc = scraper::Html::parse_document(html);
    DIAG.with(|d| d.set(true));
    let mut flat = flatten(&doc);
    DIAG.with(|d| d.set(false));
    let _ = select_text(&mut flat, Some(BlockModel::shipped()));
    let mut out = Vec::new();
    let total = flat.reason.iter().filter(|&&r| r == 0).count();
    let mut rank = 0;
    for (bi, b) in flat.blocks.iter().enumerate() {
        let mut path = String::new();
        if flat.reason[bi] == 0 { rank += 1; path.push_str(&format!("k{}/{} ", rank, total)); }
        let mut o = b.owner as usize;
        let mut k = 0;
        while o != 0 && k < 6 {
            let nd = &flat.nodes[o];
            path.push_str(&format!("<{} {} {:?}{}> ", nd.tag, nd.attr.chars().take(60).collect::<String>(), nd.kind, if nd.junk { " J" } else { "" }));
            o = nd.parent as usize; k += 1;
        }
        out.push((b.text.clone(), flat.reason[bi], path));
    }
    out
}

//! The web UI's pages, rendered on the server from the library's values: pure functions from
//! values to HTML strings, no IO, so each page is unit-tested by building its values by hand.
//!
//! Every stored string (article text, titles, names, ids, quotes) reaches the page through
//! [`Esc`] — one escaping function for text and attribute values alike — and every id that
//! goes into a URL through [`enc`] first. Nothing here emits a `<script>` or a `style`
//! attribute: the Content-Security-Policy forbids both, so charts are inline SVG with
//! presentation attributes.
//!
//! Marks are code-point offsets, as search hits give them (the JSON edge); an article's layers
//! arrive as byte spans and [`layer_marks`] converts them. [`highlight`] turns marks into byte
//! offsets once, cuts the text at every span boundary and wraps each piece in one flat
//! `<span>` carrying the classes of every span over it, so overlapping and nested spans
//! (an entity inside a quote, a speaker mention inside an entity) can never break the markup.

use std::collections::BTreeSet;
use std::fmt::{self, Display, Write as _};

use crate::dossier::Dossier;
use crate::ingest::IngestReport;
use crate::search::Hit;
use crate::json::QuoteGroupOut;
use crate::store::{ArticleRow, StoredArticle};

use super::api::{Listing, StoriesPage};
use crate::dossier::feed::FeedQuery;

/// Writes into a String; writing to a String cannot fail.
macro_rules! w {
    ($dst:expr, $($arg:tt)*) => {{ let _ = write!($dst, $($arg)*); }};
}

/// HTML-escapes a string for text content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, b) in self.0.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + 1;
        }
        f.write_str(&self.0[last..])
    }
}

/// The escaped string.
pub fn esc(s: &str) -> String {
    Esc(s).to_string()
}

/// Percent-encodes a path segment or query value (everything but unreserved characters), so
/// an id like `a/b?c` stays one segment. The output is plain ASCII, safe in an attribute.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            w!(out, "%{b:02X}");
        }
    }
    out
}

fn article_href(id: &str) -> String {
    format!("/articles/{}", enc(id))
}

/// The page frame: head, header with the search box, main, footer.
pub fn layout(title: &str, query: &str, main: &str) -> String {
    let mut h = String::with_capacity(main.len() + 1024);
    w!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · storyline</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>\
<body><header class=\"top\"><a class=\"brand\" href=\"/\">storyline</a>\
<nav><a href=\"/\">Stories</a><a href=\"/threads\">Threads</a><a href=\"/articles\">Articles</a><a href=\"/ingest\">Add articles</a></nav>\
<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search: Erdogan, &quot;root causes&quot;…\" aria-label=\"Search\">\
<button type=\"submit\">Search</button></form></header>\n<main>{}</main>\n\
<footer>storyline — every sentence links to its sources.</footer></body></html>\n",
        Esc(title),
        Esc(query),
        main
    );
    h
}

/// An error page body.
pub fn error_page(status: u16, message: &str) -> String {
    layout(
        &format!("Error {status}"),
        "",
        &format!("<h1>Error {status}</h1><p class=\"error\">{}</p><p><a href=\"/\">Back to the stories</a></p>", Esc(message)),
    )
}

/// "Previous / next" links for a paged list at `base` (a path with no query, or a path
/// whose query ends so that `&limit=` can follow: pass `extra` as `q=...&`).
fn pager(h: &mut String, base: &str, extra: &str, l: &Listing) {
    let prev = l.offset.saturating_sub(l.limit);
    let has_prev = l.offset > 0;
    let has_next = match l.total {
        Some(t) => l.offset + l.limit < t,
        None => l.shown == l.limit,
    };
    if !has_prev && !has_next {
        return;
    }
    h.push_str("<nav class=\"pager\">");
    if has_prev {
        w!(h, "<a href=\"{base}?{extra}limit={}&amp;offset={prev}\" rel=\"prev\">← Previous</a>", l.limit);
    }
    if let Some(t) = l.total {
        w!(h, "<span>{}–{} of {t}</span>", (l.offset + 1).min(t), (l.offset + l.shown).min(t));
    }
    if has_next {
        w!(h, "<a href=\"{base}?{extra}limit={}&amp;offset={}\" rel=\"next\">Next →</a>", l.limit, l.offset + l.limit);
    }
    h.push_str("</nav>");
}

fn plural(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Quality flags as tags, each after a space.
fn flag_tags(flags: &[String]) -> String {
    flags.iter().map(|f| format!(" <span class=\"tag flag\">{}</span>", Esc(f))).collect()
}

/// The `~` after a date inferred from the content.
fn inferred_mark(from: Option<&str>) -> &'static str {
    if from == Some("inferred") { "<span title=\"inferred from the content\">~</span>" } else { "" }
}

fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{} – {}", Esc(a), Esc(b)),
        (Some(a), _) | (None, Some(a)) => Esc(a).to_string(),
        (None, None) => "undated".to_string(),
    }
}

/// A bar chart of articles per day as inline SVG: one bar per day from the first to the last
/// (days without articles are gaps), at most 90 days shown.
pub fn day_bars(per_day: &[(String, usize)]) -> String {
    use chrono::NaiveDate;
    let days: Vec<(NaiveDate, usize)> =
        per_day.iter().filter_map(|(d, n)| Some((NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?, *n))).collect();
    let (Some(first), Some(last)) = (days.iter().map(|d| d.0).min(), days.iter().map(|d| d.0).max()) else {
        return String::new();
    };
    let span = ((last - first).num_days() + 1).clamp(1, 90) as usize;
    let start = last - chrono::Days::new(span as u64 - 1);
    let mut counts = vec![0usize; span];
    for (d, n) in &days {
        if *d >= start {
            counts[(*d - start).num_days() as usize] += n;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    let bw = 8usize;
    let (wd, ht) = (span * bw, 28usize);
    let mut h = String::new();
    w!(
        h,
        "<svg class=\"bars\" viewBox=\"0 0 {wd} {ht}\" width=\"{}\" height=\"{ht}\" role=\"img\" aria-label=\"Articles per day, {} to {}\">",
        wd.max(16),
        start,
        last
    );
    for (i, n) in counts.iter().enumerate() {
        let day = start + chrono::Days::new(i as u64);
        let bh = if *n == 0 { 1 } else { 3 + (ht - 3) * n / max };
        let class = if *n == 0 { "none" } else { "day" };
        w!(
            h,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bh}\"><title>{day}: {}</title></rect>",
            i * bw,
            ht - bh,
            bw - 2,
            plural(*n as i64, "article", "articles")
        );
    }
    h.push_str("</svg>");
    h
}

/// The story list's filter bar: a GET form back to `/` holding the current values.
fn filter_bar(h: &mut String, q: &FeedQuery) {
    use crate::dossier::feed::Sort;
    h.push_str("<form class=\"filters\" action=\"/\" method=\"get\" role=\"search\" aria-label=\"Filter the stories\">");
    h.push_str("<label>Sort <select name=\"sort\">");
    for (s, label) in [(Sort::Latest, "latest"), (Sort::Size, "most articles"), (Sort::Outlets, "most outlets"), (Sort::First, "newest stories")] {
        w!(h, "<option value=\"{}\"{}>{label}</option>", s.name(), if q.sort == s { " selected" } else { "" });
    }
    h.push_str("</select></label>");
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    w!(h, "<label>From <input type=\"date\" name=\"from\" value=\"{}\"></label>", day(q.from));
    w!(h, "<label>To <input type=\"date\" name=\"to\" value=\"{}\"></label>", day(q.to));
    for (name, label, value, hint) in [
        ("entity", "Who or where", &q.entity, "Zelensky"),
        ("outlet", "Outlet", &q.outlet, "Reuters"),
        ("language", "Language", &q.language, "en"),
        ("query", "Words", &q.query, "ceasefire"),
    ] {
        w!(
            h,
            "<label>{label} <input type=\"text\" name=\"{name}\" value=\"{}\" placeholder=\"{hint}\"></label>",
            Esc(value.as_deref().unwrap_or(""))
        );
    }
    h.push_str("<button type=\"submit\">Show</button>");
    if *q != (FeedQuery { limit: q.limit, ..Default::default() }) {
        h.push_str(" <a class=\"clear\" href=\"/\">Clear</a>");
    }
    h.push_str("</form>");
}

/// A sentence saying which filters hold, for the heading of a filtered list.
fn filters_said(q: &FeedQuery) -> String {
    let mut parts = Vec::new();
    match (q.from, q.to) {
        (Some(f), Some(t)) => parts.push(format!("from {f} to {t}")),
        (Some(f), None) => parts.push(format!("from {f}")),
        (None, Some(t)) => parts.push(format!("up to {t}")),
        _ => {}
    }
    if let Some(e) = &q.entity {
        parts.push(format!("naming {e}"));
    }
    if let Some(o) = &q.outlet {
        parts.push(format!("from the outlet {o}"));
    }
    if let Some(l) = &q.language {
        parts.push(format!("in {l}"));
    }
    if let Some(w) = &q.query {
        parts.push(format!("matching “{w}”"));
    }
    parts.join(", ")
}

/// `/`: the stories as a front page — latest first unless sorted otherwise, filtered by the
/// filter bar, a page at a time: each story's headline, keywords, outlets, dates and chart.
pub fn stories_page(page: &StoriesPage, q: &FeedQuery) -> String {
    let mut h = String::new();
    h.push_str("<h1>Stories</h1>");
    let filtered = *q != (FeedQuery { limit: q.limit, offset: q.offset, sort: q.sort, ..Default::default() });
    if page.items.is_empty() && q.offset == 0 && !filtered {
        h.push_str(
            "<p class=\"empty\">No stories yet. <a href=\"/ingest\">Add articles</a> here, or run \
<code>storyline ingest PATH</code> on this store.</p>",
        );
        return layout("Stories", "", &h);
    }
    filter_bar(&mut h, q);
    let total = page.listing.total.unwrap_or(0);
    let said = filters_said(q);
    w!(
        h,
        "<p class=\"count\">{}{}</p>",
        plural(total as i64, "story", "stories"),
        if said.is_empty() { String::new() } else { format!(" {}", Esc(&said)) }
    );
    if page.items.is_empty() {
        h.push_str("<p class=\"empty\">No story matches. <a href=\"/\">Show every story</a>.</p>");
    }
    w!(h, "<ol class=\"stories\" start=\"{}\">", q.offset + 1);
    for s in &page.items {
        let r = &s.story;
        let headline = s.headline.as_ref().map_or(r.label.as_str(), |x| x.text.as_str());
        w!(h, "<li class=\"story\"><a class=\"headline\" href=\"/stories/{}\">{}</a>", r.id, Esc(headline));
        if !r.label.is_empty() {
            w!(h, "<div class=\"keywords\">{}</div>", Esc(&r.label));
        }
        w!(
            h,
            "<div class=\"meta\"><span class=\"dates\">{}</span> · <span>{}</span> · <span>{}</span></div>",
            date_range(r.first.as_deref(), r.last.as_deref()),
            plural(r.articles.len() as i64, "article", "articles"),
            Esc(&crate::views::outlet_names(&s.outlets, r.sources, r.independent_sources))
        );
        let bars = day_bars(&s.per_day);
        if !bars.is_empty() {
            w!(h, "<div class=\"chart\">{bars}");
            if s.undated > 0 {
                w!(h, "<span class=\"note\">+ {} undated</span>", s.undated);
            }
            h.push_str("</div>");
        }
        h.push_str("</li>");
    }
    h.push_str("</ol>");
    if page.prev.is_some() || page.next.is_some() {
        h.push_str("<nav class=\"pager\">");
        if let Some(p) = &page.prev {
            w!(h, "<a href=\"{}\" rel=\"prev\">← Previous</a>", Esc(p));
        }
        w!(h, "<span>{}–{} of {total}</span>", (q.offset + 1).min(total), (q.offset + page.items.len()).min(total));
        if let Some(n) = &page.next {
            w!(h, "<a href=\"{}\" rel=\"next\">Next →</a>", Esc(n));
        }
        h.push_str("</nav>");
    }
    layout("Stories", "", &h)
}


/// Citations by number: every article by its place in the dossier's article list
/// ([`Dossier::citation_numbers`]), as the terminal and the Markdown report number them, with
/// its outlet and headline (or opening words) as the link's title.
struct Citations<'a> {
    numbers: std::collections::HashMap<&'a str, usize>,
    titles: std::collections::HashMap<&'a str, String>,
}

impl<'a> Citations<'a> {
    fn new(d: &'a Dossier) -> Citations<'a> {
        let titles = d
            .reports
            .iter()
            .map(|r| {
                let t = match r.source.as_deref() {
                    Some(s) if !s.is_empty() => format!("{s}: {}", r.name),
                    _ => r.name.clone(),
                };
                (r.id.as_str(), if t.trim().is_empty() { r.id.clone() } else { t })
            })
            .collect();
        Citations { numbers: d.citation_numbers(), titles }
    }
    /// `[1][3]` links to the articles.
    fn cite(&mut self, h: &mut String, ids: &'a [String]) {
        if ids.is_empty() {
            return;
        }
        h.push_str("<span class=\"cites\">");
        for id in ids {
            let title = self.titles.get(id.as_str()).map_or(id.as_str(), |s| s.as_str());
            match self.numbers.get(id.as_str()) {
                Some(n) => w!(h, "<a class=\"cite\" href=\"{}\" title=\"{}\">[{n}]</a>", article_href(id), Esc(title)),
                None => w!(h, "<a class=\"cite\" href=\"{}\" title=\"{}\">[{}]</a>", article_href(id), Esc(title), Esc(id)),
            }
        }
        h.push_str("</span>");
    }
}

fn kind_label(k: crate::dossier::EventKind) -> &'static str {
    match k {
        crate::dossier::EventKind::Happened => "happened",
        crate::dossier::EventKind::Planned => "planned",
        crate::dossier::EventKind::Background => "background",
    }
}

fn quote_group(h: &mut String, g: &QuoteGroupOut) {
    w!(h, "<article class=\"qgroup\"><blockquote>“{}”</blockquote>", Esc(&g.text));
    // only outlets the articles name: an article of no known outlet is counted as none (two
    // ML-Crisis pages of unknown outlets were "2 outlets")
    let outlets: BTreeSet<&str> = g.variants.iter().filter_map(|v| v.source.as_deref()).collect();
    w!(
        h,
        "<p class=\"meta\">First in <a href=\"{}\">{}</a>{} · {} · {}</p>",
        article_href(&g.first_article),
        Esc(&g.first_article),
        g.first_published.as_deref().map_or(String::new(), |d| format!(" ({})", Esc(d))),
        plural(g.articles, "article", "articles"),
        if outlets.is_empty() { "outlets unknown".to_string() } else { plural(outlets.len() as i64, "outlet", "outlets") }
    );
    if g.variants.len() > 1 {
        w!(h, "<details><summary>{} as reported</summary><ul class=\"variants\">", plural(g.variants.len() as i64, "wording", "wordings"));
        for v in &g.variants {
            w!(
                h,
                "<li>“{}” — <a href=\"{}\">{}</a>{}{}</li>",
                Esc(&v.quote.text),
                article_href(&v.article),
                Esc(v.source.as_deref().unwrap_or(&v.article)),
                v.published.as_deref().map_or(String::new(), |d| format!(", {}", Esc(d))),
                if v.quote.partial { " <span class=\"tag\">partial</span>" } else { "" }
            );
        }
        h.push_str("</ul></details>");
    }
    h.push_str("</article>");
}

/// `/stories/{id}`: the dossier, one section per field, empty sections left out.
pub fn story_page(d: &Dossier) -> String {
    let mut h = String::new();
    let mut cites = Citations::new(d);
    w!(
        h,
        "<p class=\"crumbs\"><a href=\"/\">Stories</a> ›</p><h1>{}</h1>{}\
<p class=\"meta\"><span class=\"dates\">{}</span> · {} · {} · <a href=\"/api/stories/{}\">JSON</a></p>",
        Esc(d.headline.as_ref().map_or(&d.label, |x| &x.text)),
        if d.headline.is_some() && !d.label.is_empty() { format!("<p class=\"keywords\">{}</p>", Esc(&d.label)) } else { String::new() },
        date_range(d.first.as_deref(), d.last.as_deref()),
        plural(d.articles.len() as i64, "article", "articles"),
        Esc(&crate::views::outlets(d.sources, d.independent_sources)),
        d.id
    );
    // as in the terminal: only a thread with other stories says more than the story does
    if let Some(t) = d.thread.as_ref().filter(|t| t.stories > 1) {
        w!(h, "<p class=\"meta thread\">In thread <a href=\"/threads/{}\">#{}: {}</a></p>", t.id, t.id, Esc(&t.headline));
    }
    let mut toc: Vec<(&str, &str)> = Vec::new();
    let mut body = String::new();

    type Section = for<'a> fn(&mut String, &'a Dossier, &mut Citations<'a>);
    let sections: [(bool, &str, &str, Section); 7] = [
        (d.summary.is_empty(), "summary", "Summary", summary_section),
        (d.timeline.is_empty(), "timeline", "Timeline", timeline_section),
        (d.quotes.is_empty(), "quotes", "Who said what", quotes_section),
        (d.entities.is_empty(), "entities", "People and places", entities_section),
        (d.disagreements.is_empty(), "disagreements", "Disagreements", disagreements_section),
        (d.reports.is_empty(), "sources", "Sources", reports_section),
        (d.shared.is_empty(), "shared", "Shared passages", shared_section),
    ];
    for (empty, anchor, title, render) in sections {
        if !empty {
            toc.push((anchor, title));
            render(&mut body, d, &mut cites);
        }
    }

    // The articles, always: the dossier's list, cited by number where they were cited.
    toc.push(("articles", "Articles"));
    body.push_str("<section id=\"articles\"><h2>Articles</h2><ol class=\"articles\">");
    const SHOWN: usize = 300;
    // an ordered list: item n is citation [n]
    for id in d.articles.iter().take(SHOWN) {
        let label = cites.titles.get(id.as_str()).map_or(id.as_str(), |s| s.as_str());
        w!(body, "<li><a href=\"{}\">{}</a></li>", article_href(id), Esc(label));
    }
    body.push_str("</ol>");
    if d.articles.len() > SHOWN {
        w!(body, "<p class=\"note\">and {} more (all in the <a href=\"/api/stories/{}\">JSON</a>)</p>", d.articles.len() - SHOWN, d.id);
    }
    body.push_str("</section>");

    h.push_str("<nav class=\"toc\">");
    for (id, title) in &toc {
        w!(h, "<a href=\"#{id}\">{title}</a>");
    }
    h.push_str("</nav>");
    h.push_str(&body);
    layout(d.headline.as_ref().map_or(&d.label, |x| &x.text), "", &h)
}

/// The summary, each sentence with its citations.
fn summary_section<'a>(h: &mut String, d: &'a Dossier, cites: &mut Citations<'a>) {
    h.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"summary\">");
    for s in &d.summary {
        w!(h, "<p>{}", Esc(&s.glossed()));
        cites.cite(h, &s.sources);
        h.push_str("</p>");
    }
    h.push_str("</div></section>");
}

/// The timeline: a dated rail, each entry with its kind and sources.
fn timeline_section<'a>(h: &mut String, d: &'a Dossier, cites: &mut Citations<'a>) {
    h.push_str("<section id=\"timeline\"><h2>Timeline</h2><ol class=\"timeline\">");
    for e in &d.timeline {
        let k = kind_label(e.kind);
        w!(h, "<li class=\"ev {k}\"><time>{}</time><div class=\"what\"><span class=\"tag {k}\">{k}</span> {}", Esc(&e.date), Esc(&e.text));
        cites.cite(h, &e.sources);
        h.push_str("</div></li>");
    }
    h.push_str("</ol></section>");
}

/// The quote board: one card per speaker, each quote with its wordings and outlets.
fn quotes_section<'a>(h: &mut String, d: &'a Dossier, _cites: &mut Citations<'a>) {
    h.push_str("<section id=\"quotes\"><h2>Who said what</h2><div class=\"board\">");
    for sq in &d.quotes {
        let who = sq.shown();
        let who = who.as_deref().unwrap_or("Unattributed");
        w!(
            h,
            "<section class=\"speaker\"><h3>{} <span class=\"count\">{}</span></h3>",
            Esc(who),
            plural(sq.groups.len() as i64, "quote", "quotes")
        );
        for g in &sq.groups {
            quote_group(h, g);
        }
        h.push_str("</section>");
    }
    h.push_str("</div></section>");
}

/// People, places and organisations: spellings, roles and their sources.
fn entities_section<'a>(h: &mut String, d: &'a Dossier, cites: &mut Citations<'a>) {
    h.push_str("<section id=\"entities\"><h2>People, places, organisations</h2><div class=\"kinds\">");
    for (kind, title) in [("PERSON", "People"), ("PLACE", "Places"), ("ORG", "Organisations"), ("OTHER", "Other")] {
        let of_kind: Vec<_> = d.entities.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        w!(h, "<div class=\"kind\"><h3>{title}</h3><ul class=\"entities\">");
        for e in of_kind {
            w!(h, "<li><a href=\"/search?q={}\">{}</a> <span class=\"count\">{}</span>", enc(&e.name), Esc(&e.name), plural(e.mentions as i64, "mention", "mentions"));
            let others: Vec<&String> = e.spellings.iter().filter(|s| **s != e.name).collect();
            if !others.is_empty() {
                h.push_str("<div class=\"spellings\">also ");
                for (i, s) in others.iter().enumerate() {
                    w!(h, "{}<i>{}</i>", if i > 0 { ", " } else { "" }, Esc(s));
                }
                h.push_str("</div>");
            }
            for r in &e.roles {
                w!(h, "<div class=\"role\">{}", Esc(&r.role));
                cites.cite(h, &r.sources);
                h.push_str("</div>");
            }
            h.push_str("</li>");
        }
        h.push_str("</ul></div>");
    }
    h.push_str("</div></section>");
}

/// Disagreements: each claimed value with the articles claiming it.
fn disagreements_section<'a>(h: &mut String, d: &'a Dossier, cites: &mut Citations<'a>) {
    h.push_str("<section id=\"disagreements\"><h2>Where the sources disagree</h2>");
    for x in &d.disagreements {
        w!(h, "<div class=\"disagreement\"><h3>{} <span class=\"count\">confidence {:.0}%</span></h3><ul>", Esc(&x.about), x.confidence * 100.0);
        for c in &x.claims {
            w!(h, "<li><b>{}</b> — “{}”", Esc(&c.value), Esc(&c.text));
            cites.cite(h, &c.sources);
            h.push_str("</li>");
        }
        h.push_str("</ul></div>");
    }
    h.push_str("</section>");
}

/// The sources table: outlet, date, length, copies, what only this article reports.
fn reports_section<'a>(h: &mut String, d: &'a Dossier, _cites: &mut Citations<'a>) {
    h.push_str(
        "<section id=\"sources\"><h2>Sources</h2><div class=\"scroll\"><table class=\"reports\"><thead><tr>\
<th></th><th>Article</th><th>Outlet</th><th>Date</th><th class=\"num\">Chars</th><th>Copies</th><th>Only here</th></tr></thead><tbody>",
    );
    let numbers = d.citation_numbers();
    for r in &d.reports {
        w!(
            h,
            "<tr><td class=\"cite\">{}</td><td><a href=\"{}\">{}</a>{}</td><td>{}</td><td>{}{}</td><td class=\"num\">{}</td><td>",
            numbers.get(r.id.as_str()).map_or(String::new(), |n| format!("[{n}]")),
            article_href(&r.id),
            Esc(if r.name.trim().is_empty() { &r.id } else { &r.name }),
            flag_tags(&r.flags),
            Esc(r.source.as_deref().unwrap_or("—")),
            Esc(r.published.as_deref().unwrap_or("—")),
            inferred_mark(r.published_from.as_deref()),
            r.chars
        );
        if let Some(of) = &r.copy_of {
            w!(h, "copy of <a href=\"{}\">{}</a> ", article_href(of), Esc(of));
        }
        if !r.copies.is_empty() {
            h.push_str("copied by ");
            for c in &r.copies {
                w!(h, "<a href=\"{}\">{}</a> ", article_href(c), Esc(c));
            }
        }
        h.push_str("</td><td>");
        if !r.only_here.is_empty() {
            w!(h, "<details><summary>{}</summary><ul>", plural(r.only_here.len() as i64, "sentence", "sentences"));
            for s in &r.only_here {
                w!(h, "<li>{}</li>", Esc(s));
            }
            h.push_str("</ul></details>");
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</tbody></table></div></section>");
}

/// Passages two articles share (wire copy, the same quotes).
fn shared_section<'a>(h: &mut String, d: &'a Dossier, _cites: &mut Citations<'a>) {
    h.push_str("<section id=\"shared\"><h2>Shared passages</h2><p class=\"note\">Text two articles carry verbatim or nearly: wire copy, the same quotes.</p>");
    for s in &d.shared {
        w!(
            h,
            "<div class=\"pair\"><h3><a href=\"{}\">{}</a> and <a href=\"{}\">{}</a> <span class=\"count\">{}</span></h3><ul>",
            article_href(&s.a),
            Esc(&s.a),
            article_href(&s.b),
            Esc(&s.b),
            plural(s.passages.len() as i64, "passage", "passages")
        );
        for p in s.passages.iter().take(20) {
            w!(h, "<li>{}</li>", Esc(&crate::text::ellipsize(&p.text, 400)));
        }
        h.push_str("</ul></div>");
    }
    h.push_str("</section>");
}

/// A span to mark in a text: code-point offsets, a CSS class, a tooltip.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub class: &'static str,
    pub title: String,
}

/// The text, escaped, with every mark applied. Offsets are code points; out-of-range or
/// empty marks are ignored. Overlapping marks are flattened: the text is cut at every
/// boundary and each piece carries the classes (and tooltips) of all marks over it.
pub fn highlight(text: &str, marks: &[Mark]) -> String {
    let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let n = bytes.len() - 1;
    let marks: Vec<&Mark> = marks.iter().filter(|m| m.start < m.end && m.end <= n).collect();
    let mut cuts: Vec<usize> = vec![0, n];
    for m in &marks {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut h = String::with_capacity(text.len() + marks.len() * 48);
    for win in cuts.windows(2) {
        let (a, b) = (win[0], win[1]);
        let piece = &text[bytes[a]..bytes[b]];
        let over: Vec<&&Mark> = marks.iter().filter(|m| m.start <= a && m.end >= b).collect();
        if over.is_empty() {
            w!(h, "{}", Esc(piece));
            continue;
        }
        let mut classes: Vec<&str> = over.iter().map(|m| m.class).collect();
        classes.sort_unstable();
        classes.dedup();
        let mut titles: Vec<&str> = over.iter().map(|m| m.title.as_str()).filter(|t| !t.is_empty()).collect();
        titles.dedup();
        w!(h, "<span class=\"{}\" title=\"{}\">{}</span>", classes.join(" "), Esc(&titles.join(" · ")), Esc(piece));
    }
    h
}

/// The marks of an article's layers: quotes (and their speaker mention and cue), times, entities.
pub fn layer_marks(a: &StoredArticle) -> Vec<Mark> {
    let ix = crate::text::CharIndex::new(&a.text);
    let mark = |s: crate::model::Span, class: &'static str, title: String| Mark { start: ix.char_of(s.start), end: ix.char_of(s.end), class, title };
    let mut marks = Vec::new();
    for q in &a.layers.quotes {
        let who = q.speaker.as_deref().unwrap_or("unknown speaker");
        marks.push(mark(q.span, "q", format!("quote: {who}")));
        if let Some(s) = q.speaker_mention {
            marks.push(mark(s, "sm", format!("speaker: {who}")));
        }
        if let Some(c) = q.cue {
            marks.push(mark(c, "cue", String::new()));
        }
    }
    for t in &a.layers.times {
        marks.push(mark(t.span, "t", format!("{}: {}", t.kind.as_str().to_lowercase(), crate::views::timex::say(&t.value))));
    }
    for e in &a.layers.entities {
        let class = match e.kind {
            crate::analysis::EntityKind::Person => "e per",
            crate::analysis::EntityKind::Place => "e loc",
            crate::analysis::EntityKind::Org => "e org",
            _ => "e oth",
        };
        let role = e.role.as_deref().map_or(String::new(), |r| format!(", {r}"));
        marks.push(mark(e.span, class, format!("{}: {}{role}", e.kind.as_str(), e.canonical)));
    }
    marks
}

fn title_or_lead(r: &ArticleRow) -> &str {
    match &r.title {
        Some(t) if !t.trim().is_empty() => t.trim(),
        _ if !r.lead.is_empty() => &r.lead,
        _ => &r.id,
    }
}

/// `/articles/{id}`: metadata, the text with its layers highlighted, and the layers as lists.
pub fn article_page(a: &StoredArticle) -> String {
    let r = &a.row;
    let mut h = String::new();
    w!(h, "<p class=\"crumbs\"><a href=\"/articles\">Articles</a> ›");
    if let Some(s) = a.story {
        w!(h, " <a href=\"/stories/{s}\">story {s}</a>");
    }
    w!(h, "</p><h1>{}</h1><dl class=\"facts\">", Esc(title_or_lead(r)));
    let mut fact = |k: &str, v: String| w!(h, "<div><dt>{k}</dt><dd>{v}</dd></div>");
    fact("Id", Esc(&r.id).to_string());
    fact("Outlet", Esc(r.source.as_deref().unwrap_or("—")).to_string());
    fact(
        "Date",
        format!(
            "{}{}",
            Esc(r.published.as_deref().unwrap_or("—")),
            r.published_from.as_deref().map_or(String::new(), |f| format!(" <span class=\"note\">({})</span>", Esc(f)))
        ),
    );
    if let Some(b) = &a.byline {
        fact("Byline", Esc(b).to_string());
    }
    fact("Language", Esc(r.language.as_deref().unwrap_or("—")).to_string());
    fact("Length", plural(r.chars, "character", "characters"));
    if let Some(u) = a.canonical_url.as_ref().or(a.url.as_ref()) {
        // shown as text, not a link: the page never sends a reader to an ingested URL
        fact("URL", format!("<span class=\"url\">{}</span>", Esc(u)));
    }
    if let Some(of) = &r.copy_of {
        fact("Copy of", format!("<a href=\"{}\">{}</a>", article_href(of), Esc(of)));
    }
    if let Some(of) = &a.near_copy_of {
        let share = a.near_copy_score.map_or(String::new(), |s| format!(" ({:.0}% of this text)", s * 100.0));
        fact("Near copy of", format!("<a href=\"{}\">{}</a>{share}", article_href(of), Esc(of)));
    }
    if !a.copies.is_empty() {
        fact("Copies", a.copies.iter().map(|c| format!("<a href=\"{}\">{}</a>", article_href(c), Esc(c))).collect::<Vec<_>>().join(", "));
    }
    if !r.flags.is_empty() {
        fact("Flags", flag_tags(&r.flags));
    }
    h.push_str("</dl>");
    h.push_str(
        // each layer's marks shown or hidden by its checkbox, in CSS alone (`:has`, no script):
        // quotes and times shown, entities hidden until asked for
        "<p class=\"legend\">Highlight: \
<label><input type=\"checkbox\" id=\"show-q\" checked> <span class=\"q\">quotes</span> <span class=\"sm\">speakers</span></label> \
<label><input type=\"checkbox\" id=\"show-t\" checked> <span class=\"t\">times</span></label> \
<label><input type=\"checkbox\" id=\"show-e\"> <span class=\"e per\">people</span> <span class=\"e loc\">places</span> \
<span class=\"e org\">organisations</span></label></p>",
    );
    w!(h, "<div class=\"text\" id=\"text\">{}</div>", highlight(&a.text, &layer_marks(a)));

    let l = &a.layers;
    if !l.quotes.is_empty() {
        w!(h, "<section id=\"quotes\"><h2>Quotes <span class=\"count\">{}</span></h2><ul class=\"quotes\">", l.quotes.len());
        for q in &l.quotes {
            w!(
                h,
                "<li><b>{}</b>: “{}”{}</li>",
                Esc(q.speaker.as_deref().unwrap_or("unknown speaker")),
                Esc(q.span.of(&a.text)),
                if q.partial { " <span class=\"tag\">partial</span>" } else { "" }
            );
        }
        h.push_str("</ul></section>");
    }
    if !l.times.is_empty() {
        w!(h, "<section id=\"times\"><h2>Times <span class=\"count\">{}</span></h2><table class=\"layer\"><tbody>", l.times.len());
        for t in &l.times {
            w!(h, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", Esc(t.span.of(&a.text)), t.kind.as_str().to_lowercase(), Esc(&crate::views::timex::say(&t.value)));
        }
        h.push_str("</tbody></table></section>");
    }
    if !l.entities.is_empty() {
        // one line per canonical name, with the spellings used here
        let mut by: std::collections::BTreeMap<(String, String), BTreeSet<&str>> = Default::default();
        for e in &l.entities {
            by.entry((e.kind.as_str().to_string(), e.canonical.clone())).or_default().insert(e.span.of(&a.text));
        }
        w!(h, "<section id=\"entities\"><h2>People, places, organisations <span class=\"count\">{}</span></h2><ul class=\"entities\">", by.len());
        for ((kind, name), spellings) in &by {
            w!(h, "<li><span class=\"tag\">{}</span> <a href=\"/search?q={}\">{}</a>", Esc(kind), enc(name), Esc(name));
            let others: Vec<&&str> = spellings.iter().filter(|s| **s != name).collect();
            if !others.is_empty() {
                w!(h, " <span class=\"note\">as {}</span>", others.iter().map(|s| format!("“{}”", Esc(s))).collect::<Vec<_>>().join(", "));
            }
            h.push_str("</li>");
        }
        h.push_str("</ul></section>");
    }
    layout(title_or_lead(r), "", &h)
}

fn article_rows(h: &mut String, rows: &[ArticleRow]) {
    h.push_str("<div class=\"scroll\"><table class=\"rows\"><thead><tr><th>Date</th><th>Outlet</th><th>Title</th><th class=\"num\">Chars</th></tr></thead><tbody>");
    for r in rows {
        w!(
            h,
            "<tr><td class=\"nowrap\">{}{}</td><td>{}</td><td><a href=\"{}\">{}</a>{}{}</td><td class=\"num\">{}</td></tr>",
            Esc(r.published.as_deref().unwrap_or("—")),
            inferred_mark(r.published_from.as_deref()),
            Esc(r.source.as_deref().unwrap_or("—")),
            article_href(&r.id),
            Esc(title_or_lead(r)),
            r.copy_of.as_deref().map_or(String::new(), |c| format!(" <span class=\"note\">copy of {}</span>", Esc(c))),
            flag_tags(&r.flags),
            r.chars
        );
    }
    h.push_str("</tbody></table></div>");
}

/// `/articles`: the stored articles, newest ingest first or by date.
pub fn articles_page(rows: &[ArticleRow], l: &Listing, by_date: bool) -> String {
    let mut h = String::from("<h1>Articles</h1>");
    if rows.is_empty() && l.offset == 0 {
        h.push_str("<p class=\"empty\">No articles yet. <a href=\"/ingest\">Add articles</a>.</p>");
        return layout("Articles", "", &h);
    }
    w!(
        h,
        "<p class=\"meta\">Order: {}</p>",
        if by_date { "<b>by date</b> · <a href=\"/articles\">as ingested</a>" } else { "<b>as ingested</b> · <a href=\"/articles?by_date=true\">by date</a>" }
    );
    article_rows(&mut h, rows);
    pager(&mut h, "/articles", if by_date { "by_date=true&amp;" } else { "" }, l);
    layout("Articles", "", &h)
}

/// `/search?q=`: hits with their snippets, matched words marked.
pub fn search_page(q: &str, hits: &[Hit], l: &Listing) -> String {
    let mut h = String::new();
    if q.trim().is_empty() {
        h.push_str("<h1>Search</h1><p class=\"note\">Type words in the box above. Spellings are folded: <i>Erdogan</i> finds <i>Erdoğan</i>, <i>Zelensky</i> finds <i>Zelenskyy</i>; words in \"double quotes\" must stand together.</p>");
        return layout("Search", q, &h);
    }
    w!(h, "<h1>Search: {}</h1><p class=\"meta\"><a href=\"/timeline?q={}\">Timeline of these articles</a></p>", Esc(q), enc(q));
    if hits.is_empty() {
        w!(h, "<p class=\"empty\">No article matches {}.</p>", Esc(q));
    }
    h.push_str("<ol class=\"hits\">");
    for hit in hits {
        let r = &hit.article;
        let marks: Vec<Mark> = hit.matches.iter().map(|&(s, e)| Mark { start: s, end: e, class: "hit", title: String::new() }).collect();
        w!(
            h,
            "<li class=\"hit\"><a class=\"title\" href=\"{}\">{}</a><div class=\"meta\">{} · {} · {}{}</div><p class=\"snippet\">{}</p></li>",
            article_href(&r.id),
            Esc(title_or_lead(r)),
            Esc(r.published.as_deref().unwrap_or("undated")),
            Esc(r.source.as_deref().unwrap_or("unknown outlet")),
            Esc(&r.id),
            if hit.carriers > 1 { format!(" · carried by {} articles", hit.carriers) } else { String::new() },
            highlight(&hit.snippet, &marks)
        );
    }
    h.push_str("</ol>");
    pager(&mut h, "/search", &format!("q={}&amp;", enc(q)), l);
    layout(&format!("Search: {q}"), q, &h)
}

/// An article as a citation names it: outlet and title, else its id.
pub fn article_label(r: &ArticleRow) -> String {
    let mut t = r.source.clone().unwrap_or_default();
    if let Some(title) = &r.title {
        if !t.is_empty() {
            t.push_str(": ");
        }
        t.push_str(title);
    }
    if t.is_empty() { r.id.clone() } else { t }
}

/// `/timeline`: the dated entries over a search, an entity or the store, each citing its
/// articles by number, then the articles cited.
pub fn timeline_page(what: &str, articles: usize, q: &str, entries: &[crate::dossier::TimelineEntry], titles: &std::collections::HashMap<String, String>) -> String {
    let mut h = String::new();
    let days = entries.iter().map(|e| e.date.as_str()).collect::<std::collections::BTreeSet<_>>().len();
    w!(h, "<h1>Timeline: {}</h1><p class=\"meta\">{} · {}</p>", Esc(what), plural(articles as i64, "article", "articles"), plural(days as i64, "date", "dates"));
    timeline_body(&mut h, entries, titles);
    layout(&format!("Timeline: {what}"), q, &h)
}

/// A timeline's entries, each citing its articles by number, then the articles cited.
fn timeline_body(h: &mut String, entries: &[crate::dossier::TimelineEntry], titles: &std::collections::HashMap<String, String>) {
    if entries.is_empty() {
        h.push_str("<p class=\"empty\">These articles name no days to put on a timeline.</p>");
    }
    let label = |id: &str| titles.get(id).map_or(id.to_string(), |t| t.clone());
    let mut order: Vec<&str> = Vec::new();
    h.push_str("<ol class=\"timeline\">");
    for e in entries {
        let k = kind_label(e.kind);
        w!(h, "<li class=\"ev {k}\"><time>{}</time><div class=\"what\"><span class=\"tag {k}\">{k}</span> {}<span class=\"cites\">", Esc(&e.date), Esc(&e.text));
        for id in &e.sources {
            let n = match order.iter().position(|x| x == id) {
                Some(i) => i + 1,
                None => {
                    order.push(id);
                    order.len()
                }
            };
            w!(h, "<a class=\"cite\" href=\"{}\" title=\"{}\">[{n}]</a>", article_href(id), Esc(&label(id)));
        }
        h.push_str("</span></div></li>");
    }
    h.push_str("</ol>");
    if !order.is_empty() {
        h.push_str("<section id=\"articles\"><h2>Articles cited</h2><ol class=\"articles\">");
        for id in &order {
            w!(h, "<li><a href=\"{}\">{}</a></li>", article_href(id), Esc(&label(id)));
        }
        h.push_str("</ol></section>");
    }
}

/// `/threads`: the sagas, latest first as `storyline threads` lists them: each by its
/// headline, with its span, stories, articles and outlets.
pub fn threads_page(threads: &[crate::dossier::threads::ThreadOverview], l: &Listing) -> String {
    let mut h = String::from("<h1>Threads</h1>");
    if threads.is_empty() && l.offset == 0 {
        h.push_str("<p class=\"empty\">No threads yet: a thread forms when a dated story continues another.</p>");
        return layout("Threads", "", &h);
    }
    w!(h, "<p class=\"meta\">Sagas that run across stories: one story continuing another. {}</p>", plural(l.total.unwrap_or(threads.len()) as i64, "thread", "threads"));
    w!(h, "<ol class=\"stories\" start=\"{}\">", l.offset + 1);
    for t in threads {
        w!(
            h,
            "<li class=\"story\"><a class=\"headline\" href=\"/threads/{}\">{}</a><div class=\"meta\"><span class=\"dates\">{}</span> · <span>{}</span> · <span>{}</span> · <span>{}</span></div></li>",
            t.id,
            Esc(&t.headline),
            date_range(t.first.as_deref(), t.last.as_deref()),
            plural(t.stories as i64, "story", "stories"),
            plural(t.articles as i64, "article", "articles"),
            Esc(&t.outlets.map_or("outlets unknown".to_string(), |n| plural(n, "outlet", "outlets")))
        );
    }
    h.push_str("</ol>");
    pager(&mut h, "/threads", "", l);
    layout("Threads", "", &h)
}

/// `/threads/{id}`: a thread's headline and span, its stories (by their headlines, from
/// `headlines`, with their keywords beside; by their keywords when they have none), its people
/// and its timeline.
pub fn thread_page(t: &super::api::ThreadDetail, titles: &std::collections::HashMap<String, String>, headlines: &std::collections::HashMap<i64, String>) -> String {
    let o = &t.thread;
    let mut h = String::new();
    w!(
        h,
        "<p class=\"crumbs\"><a href=\"/threads\">Threads</a> ›</p><h1>{}</h1>\
<p class=\"meta\">Thread #{} · <span class=\"dates\">{}</span> · {} · {} · {} · <a href=\"/api/threads/{}\">JSON</a></p>",
        Esc(&o.headline),
        o.id,
        date_range(o.first.as_deref(), o.last.as_deref()),
        plural(o.stories as i64, "story", "stories"),
        plural(o.articles as i64, "article", "articles"),
        Esc(&o.outlets.map_or("outlets unknown".to_string(), |n| plural(n, "outlet", "outlets"))),
        o.id
    );
    h.push_str("<section id=\"stories\"><h2>Stories</h2><ol class=\"articles\">");
    for s in &t.stories {
        let headline = headlines.get(&s.id).map_or(s.label.as_str(), String::as_str);
        w!(h, "<li><a href=\"/stories/{}\">{}</a>", s.id, Esc(headline));
        if headlines.contains_key(&s.id) && !s.label.is_empty() {
            w!(h, " <span class=\"keywords\">{}</span>", Esc(&s.label));
        }
        w!(h, " <span class=\"dates\">{}</span> · {}</li>", date_range(s.first.as_deref(), s.last.as_deref()), plural(s.articles.len() as i64, "article", "articles"));
    }
    h.push_str("</ol></section>");
    if !t.people.is_empty() {
        h.push_str("<section id=\"people\"><h2>People</h2><ul class=\"people\">");
        for p in &t.people {
            w!(h, "<li>{} <span class=\"dim\">{}</span></li>", Esc(&p.name), plural(p.articles.len() as i64, "article", "articles"));
        }
        h.push_str("</ul></section>");
    }
    h.push_str("<section id=\"timeline\"><h2>Timeline</h2>");
    timeline_body(&mut h, &t.timeline, titles);
    h.push_str("</section>");
    layout(&format!("Thread: {}", o.headline), "", &h)
}

/// `/ingest`: the upload form, and the report of the last upload.
pub fn ingest_page(enabled: bool, report: Option<&IngestReport>, error: Option<&str>) -> String {
    let mut h = String::from("<h1>Add articles</h1>");
    if let Some(e) = error {
        w!(h, "<p class=\"error\">{}</p>", Esc(e));
    }
    if let Some(r) = report {
        w!(
            h,
            "<section class=\"report\"><h2>Ingested</h2><p>{} new, {} copies, {} already stored, {} failed.</p>",
            r.ingested,
            r.copies,
            r.skipped,
            r.failed
        );
        if !r.errors.is_empty() {
            h.push_str("<ul class=\"errors\">");
            for e in &r.errors {
                w!(h, "<li>{}</li>", Esc(&e.to_string()));
            }
            h.push_str("</ul>");
        }
        if !r.articles.is_empty() {
            h.push_str("<h3>Articles in the upload</h3><ul>");
            for a in r.articles.iter().take(200) {
                w!(h, "<li><a href=\"{}\">{}</a></li>", article_href(&a.id), Esc(&a.id));
            }
            h.push_str("</ul>");
        }
        h.push_str("</section>");
    }
    if !enabled {
        h.push_str("<p class=\"note\">Adding articles is disabled on this server: start it with <code>--token</code> (or <code>STORYLINE_TOKEN</code>) to allow it.</p>");
        return layout("Add articles", "", &h);
    }
    h.push_str(
        "<form class=\"upload\" action=\"/ingest\" method=\"post\" enctype=\"multipart/form-data\">\
<p>A JSON Lines file, one article per line: <code>{\"id\": \"…\", \"text\": \"…\", \"title\": \"…\", \"source\": \"…\", \"published\": \"2025-05-16\"}</code> (or <code>\"html\"</code> instead of <code>\"text\"</code>). At most 16 MiB.</p>\
<label>Token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required></label>\
<label>File <input type=\"file\" name=\"file\" accept=\".jsonl,application/x-ndjson,application/json,text/plain\"></label>\
<label>or paste lines <textarea name=\"text\" rows=\"6\"></textarea></label>\
<button type=\"submit\">Ingest</button></form>",
    );
    layout("Add articles", "", &h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(esc(r#"<script>alert(1)</script> "><img src=x onerror=alert(1)> & 'x'"#), "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;x&#39;");
        assert_eq!(esc("Erdoğan — ok"), "Erdoğan — ok");
        assert_eq!(enc("a/b c?d=é"), "a%2Fb%20c%3Fd%3D%C3%A9");
    }

    fn m(start: usize, end: usize, class: &'static str) -> Mark {
        Mark { start, end, class, title: class.to_string() }
    }

    /// Strip tags and unescape: what a reader sees.
    fn visible(h: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in h.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
    }

    #[test]
    fn overlapping_marks_stay_well_formed_and_keep_the_text() {
        // code points, not bytes: "Erdoğan" has a two-byte ğ; the quote and the entity overlap
        let text = "Erdoğan said: “Türkiye <will> host”. Then Fidan.";
        let marks = vec![m(0, 7, "e"), m(5, 20, "q"), m(14, 21, "t"), m(42, 47, "e"), m(3, 3, "empty"), m(40, 999, "out")];
        let h = highlight(text, &marks);
        assert_eq!(visible(&h), text);
        assert_eq!(h.matches("<span").count(), h.matches("</span>").count());
        assert!(h.contains("<span class=\"e\" title=\"e\">Erdoğ</span><span class=\"e q\" title=\"e · q\">an</span>"), "{h}");
        assert!(h.contains("&lt;will&gt;"), "{h}");
        assert!(h.contains(">Fidan</span>"), "{h}");
        assert!(!h.contains("empty") && !h.contains("out"));
    }

    #[test]
    fn hostile_strings_never_become_markup() {
        let evil = "\"><img src=x onerror=alert(1)><script>alert(1)</script>";
        for page in [
            error_page(404, evil),
            layout(evil, evil, ""),
            search_page(evil, &[], &Listing { limit: 10, offset: 0, total: None, shown: 0 }),
            highlight(evil, &[m(0, 5, "q")]),
        ] {
            assert!(!page.contains("<img") && !page.contains("<script"), "{page}");
        }
    }

    #[test]
    fn bars_span_the_days_with_gaps() {
        let svg = day_bars(&[("2025-05-11".into(), 2), ("2025-05-13".into(), 1), ("not a date".into(), 5)]);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("2025-05-12: 0 articles") && svg.contains("2025-05-11: 2 articles"));
        assert_eq!(day_bars(&[]), "");
    }

    #[test]
    fn every_dossier_section_renders_and_empty_ones_hide() {
        use crate::dossier::*;
        use crate::json::VariantOut;
        use crate::store::{EntitySummary, RoleRow};
        use crate::stories::{SharedPassage, SharedPassages};
        let ids = vec!["a<1>".to_string(), "b".to_string()];
        let mut d = Dossier {
            headline: None,
            id: 7,
            label: "Istanbul talks <b>".into(),
            articles: ids.clone(),
            first: Some("2025-05-11".into()),
            last: Some("2025-05-16".into()),
            sources: 2,
            independent_sources: Some(1),
            summary: vec![],
            timeline: vec![],
            quotes: vec![],
            entities: vec![],
            disagreements: vec![],
            reports: vec![],
            shared: vec![],
            thread: None,
        };
        let bare = story_page(&d);
        for id in ["summary", "timeline", "quotes", "entities", "disagreements", "sources", "shared"] {
            assert!(!bare.contains(&format!("id=\"{id}\"")), "{id} shown while empty");
        }
        assert!(bare.contains("href=\"/articles/a%3C1%3E\"") && bare.contains("Istanbul talks &lt;b&gt;"));
        d.summary = vec![SummarySentence { text: "Talks opened.".into(), sources: ids.clone(), support: vec![], days: vec![] }];
        d.timeline = vec![TimelineEntry { date: "2025-05-16".into(), text: "Delegations met.".into(), sources: vec!["b".into()], support: vec![], kind: EventKind::Happened }];
        let variant = |article: &str| VariantOut {
            article: article.into(),
            published: None,
            source: Some("Reuters".into()),
            quote: crate::extract::QuoteOut { start: 0, end: 3, text: "We want peace".into(), partial: false, speaker: Some("Fidan".into()), speaker_mention: None, cue: None },
        };
        d.quotes = vec![SpeakerQuotes {
            speaker: Some("Hakan Fidan".into()),
            groups: vec![QuoteGroupOut { id: 1, speaker: Some("Hakan Fidan".into()), text: "We want peace".into(), first_article: "b".into(), first_published: None, articles: 2, variants: vec![variant("b"), variant("a<1>")] }],
        }];
        d.entities = vec![EntitySummary { name: "Recep Tayyip Erdoğan".into(), kind: "PERSON".into(), mentions: 3, spellings: vec!["Erdogan".into()], roles: vec![RoleRow { role: "President".into(), sources: vec!["b".into()] }], ..Default::default() }];
        d.disagreements = vec![Disagreement { about: "the year of the war".into(), claims: vec![Claim { value: "3".into(), text: "three-year".into(), sources: vec!["b".into()] }], confidence: 0.5 }];
        d.reports = vec![Report { id: "b".into(), name: "Talks".into(), source: Some("AP".into()), title: Some("Talks".into()), published: None, published_from: None, chars: 10, flags: vec!["short".into()], copy_of: None, copies: vec!["a<1>".into()], only_here: vec!["x".into()] }];
        d.shared = vec![SharedPassages { a: "a<1>".into(), b: "b".into(), passages: vec![SharedPassage { a_start: 0, a_end: 1, b_start: 0, b_end: 1, text: "wire copy".into() }] }];
        let full = story_page(&d);
        for id in ["summary", "timeline", "quotes", "entities", "disagreements", "sources", "shared", "articles"] {
            assert!(full.contains(&format!("id=\"{id}\"")), "{id} missing");
        }
        assert!(full.contains("Talks opened.<span class=\"cites\"><a class=\"cite\" href=\"/articles/a%3C1%3E\""), "{full}");
        assert!(full.contains("2 wordings as reported") && full.contains("1 outlet"));
        // an article of no known outlet is no outlet
        let mut unknown = d.clone();
        for g in unknown.quotes.iter_mut().flat_map(|s| s.groups.iter_mut()) {
            g.variants.iter_mut().for_each(|v| v.source = None);
        }
        let page = story_page(&unknown);
        assert!(full.contains("· 2 articles · 1 outlet</p>") && page.contains("· 2 articles · outlets unknown</p>"), "{page}");
        assert!(!full.contains("<1>"));
        for page in [&bare, &full] {
            for tag in ["section", "div", "ul", "ol", "li", "table", "tbody", "tr", "td", "details", "span", "a", "p", "blockquote"] {
                let open = page.matches(&format!("<{tag}>")).count() + page.matches(&format!("<{tag} ")).count();
                assert_eq!(open, page.matches(&format!("</{tag}>")).count(), "unbalanced <{tag}>");
            }
        }
    }
}

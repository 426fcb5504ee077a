//! Views: the terminal rendering of what the library returns. JSON output is the serde form
//! of the same values (see `docs/json.md`); this module only makes it readable for a person.
//!
//! Every function writes to a `Write` and returns `io::Result`, so a closed pipe
//! (`storyline articles | head`) ends the output quietly instead of panicking.

pub mod dossier;
pub mod safe;
pub mod timex;

use std::io::{self, Write};

use crate::ingest::IngestReport;
use crate::search::Hit;
use crate::search::EntityReport;
use crate::dossier::StoryOverview;
use crate::json::QuoteGroupOut;
use crate::store::{ArticleRow, EntitySummary, StoredArticle};
use crate::text::ellipsize;

/// What a story's counts say, and no more: "3 outlets, 2 independent", or "outlets unknown"
/// when no article names its outlet (independence cannot be told then).
pub fn outlets(sources: i64, independent: Option<i64>) -> String {
    match independent {
        _ if sources == 0 => "outlets unknown".to_string(),
        Some(i) => format!("{sources} outlet{}, {i} independent", if sources == 1 { "" } else { "s" }),
        None => format!("{sources} outlet{}", if sources == 1 { "" } else { "s" }),
    }
}

/// Terminal styling: ANSI bold/dim only when writing to a terminal (and NO_COLOR is unset).
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn for_stdout() -> Style {
        use std::io::IsTerminal;
        Style { color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() }
    }
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn hl(&self, s: &str) -> String {
        if self.color { self.wrap("1;33", s) } else { format!("[{s}]") }
    }
}

/// Cut or pad to a display width in chars.
fn cell(s: &str, w: usize) -> String {
    let s = ellipsize(s, w);
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn title_or_lead(r: &ArticleRow) -> String {
    match &r.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => r.lead.clone(),
    }
}

/// The `storyline articles` table.
pub fn articles(out: &mut dyn Write, rows: &[ArticleRow], st: Style) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "No articles stored yet. Run `storyline ingest PATH` first.");
    }
    let idw = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(2).clamp(2, 28);
    let srcw = rows.iter().map(|r| r.source.as_deref().unwrap_or("—").chars().count()).max().unwrap_or(6).clamp(6, 20);
    writeln!(
        out,
        "{}",
        st.bold(&format!("{}  {:<11}  {}  LANG  {:>6}  TITLE", cell("ID", idw), "DATE", cell("SOURCE", srcw), "CHARS"))
    )?;
    let mut inferred = false;
    for r in rows {
        let date = match (&r.published, r.published_from.as_deref()) {
            (Some(d), Some("inferred")) => {
                inferred = true;
                format!("{d}~")
            }
            (Some(d), _) => d.clone(),
            (None, _) => "—".to_string(),
        };
        let mut title = title_or_lead(r);
        if let Some(of) = &r.copy_of {
            title = format!("{} {title}", st.dim(&format!("(copy of {of})")));
        }
        if !r.flags.is_empty() {
            title = format!("{} {title}", st.dim(&format!("[{}]", r.flags.join(", "))));
        }
        writeln!(
            out,
            "{}  {:<11}  {}  {:<4}  {:>6}  {}",
            st.bold(&cell(&r.id, idw)),
            date,
            cell(r.source.as_deref().unwrap_or("—"), srcw),
            r.language.as_deref().unwrap_or("—"),
            r.chars,
            ellipsize(&title, 70)
        )?;
    }
    if inferred {
        writeln!(out, "{}", st.dim("~ date inferred from the text and the articles linked to it"))?;
    }
    Ok(())
}

/// `storyline article ID`.
pub fn article(out: &mut dyn Write, a: &StoredArticle, st: Style) -> io::Result<()> {
    let r = &a.row;
    writeln!(out, "{}", st.bold(&title_or_lead(r)))?;
    let mut field = |k: &str, v: Option<String>| -> io::Result<()> {
        match v {
            Some(v) if !v.is_empty() => writeln!(out, "  {:<10} {}", st.dim(k), v),
            _ => Ok(()),
        }
    };
    field("id", Some(r.id.clone()))?;
    field(
        "published",
        r.published.as_ref().map(|d| format!("{d} (from {})", r.published_from.as_deref().unwrap_or("?"))),
    )?;
    field("source", r.source.clone())?;
    field("byline", a.byline.clone())?;
    field("dateline", a.dateline.as_ref().and_then(|d| d.place.clone()))?;
    field("language", r.language.as_ref().map(|l| if a.language_detected { format!("{l} (detected)") } else { l.clone() }))?;
    field("url", a.url.clone().or(a.canonical_url.clone()))?;
    field("length", Some(format!("{} chars", r.chars)))?;
    field("copy of", r.copy_of.clone())?;
    field("near copy", a.near_copy_of.as_ref().map(|o| format!("of {o} ({:.0}% of this text)", 100.0 * a.near_copy_score.unwrap_or(0.0))))?;
    field("story", a.story.map(|s| format!("#{s}")))?;
    field("flags", (!a.row.flags.is_empty()).then(|| a.row.flags.join(", ")))?;
    field("copies", (!a.copies.is_empty()).then(|| a.copies.join(", ")))?;
    field("from", Some(match &a.origin_locator {
        Some(l) => format!("{} ({l}, {})", a.origin, r.format),
        None => format!("{} ({})", a.origin, r.format),
    }))?;
    writeln!(out)?;
    // The header line is metadata (shown above), not part of the story's text.
    let body = &a.text[a.header.map_or(0, |h| h.end)..];
    for para in body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        writeln!(out, "{}", wrap(para, 92))?;
        writeln!(out)?;
    }
    if !a.layers.quotes.is_empty() {
        writeln!(out, "{}", st.bold("Quotes"))?;
        for q in &a.layers.quotes {
            let who = q.speaker.as_deref().unwrap_or("(speaker unknown)");
            writeln!(out, "  {} {} “{}”", st.bold(who), st.dim(q.cue.map_or("—", |c| c.of(&a.text))), ellipsize(q.span.of(&a.text), 100))?;
        }
        writeln!(out)?;
    }
    if !a.layers.entities.is_empty() {
        let mut names: Vec<(String, &str)> = Vec::new();
        for e in &a.layers.entities {
            let k = e.kind.as_str();
            if !names.iter().any(|(n, _)| n == &e.canonical) {
                names.push((e.canonical.clone(), k));
            }
        }
        for kind in ["PERSON", "PLACE", "ORG"] {
            let list: Vec<&str> = names.iter().filter(|(_, k)| *k == kind).map(|(n, _)| n.as_str()).collect();
            if !list.is_empty() {
                let label = match kind { "PERSON" => "People", "PLACE" => "Places", _ => "Organisations" };
                writeln!(out, "{} {}", st.bold(&format!("{label}:")), list.join(", "))?;
            }
        }
    }
    if !a.layers.times.is_empty() {
        let list: Vec<String> = a.layers.times.iter().map(|t| format!("{} = {}", t.span.of(&a.text), timex::say(&t.value))).collect();
        writeln!(out, "{} {}", st.bold("Times:"), ellipsize(&list.join("; "), 400))?;
    }
    Ok(())
}

/// Wrap a paragraph at `width` chars (on spaces).
pub fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        let n = w.chars().count();
        if col > 0 && col + 1 + n > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += n;
    }
    out
}

/// `storyline search QUERY`.
pub fn hits(out: &mut dyn Write, query: &str, hits: &[Hit], st: Style) -> io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "No article matches {query:?}.");
    }
    for (i, h) in hits.iter().enumerate() {
        let r = &h.article;
        let mut meta = vec![r.id.clone()];
        meta.extend(r.published.clone());
        meta.extend(r.source.clone());
        if h.carriers > 1 {
            meta.push(format!("+{} copies", h.carriers - 1));
        }
        writeln!(out, "{}. {}", i + 1, st.bold(&ellipsize(&title_or_lead(r), 90)))?;
        writeln!(out, "   {}", st.dim(&meta.join(" · ")))?;
        // highlight the matches inside the snippet
        let chars: Vec<char> = h.snippet.chars().collect();
        let mut s = String::new();
        let mut at = 0;
        for &(a, b) in &h.matches {
            if a < at || b > chars.len() {
                continue;
            }
            s.extend(&chars[at..a]);
            s.push_str(&st.hl(&chars[a..b].iter().collect::<String>()));
            at = b;
        }
        s.extend(&chars[at..]);
        writeln!(out, "   {}", wrap(&s, 100).replace('\n', "\n   "))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The one-line summary after an ingest.
pub fn ingest_summary(out: &mut dyn Write, r: &IngestReport, st: Style) -> io::Result<()> {
    let mb = r.bytes as f64 / 1e6;
    writeln!(
        out,
        "{} {} ingested, {} copies, {} skipped (already stored), {} failed — {} file{}, {:.1} MB in {:.1}s",
        st.bold("storyline:"),
        r.ingested,
        r.copies,
        r.skipped,
        r.failed,
        r.files,
        if r.files == 1 { "" } else { "s" },
        mb,
        r.seconds
    )
}

/// Short form of an article id for lists ("003_e40ca249782feb7f" → "003").
pub fn short_id(id: &str) -> &str {
    match id.split_once('_') {
        Some((head, tail)) if head.len() <= 6 && tail.len() >= 8 && head.chars().all(|c| c.is_ascii_digit()) => head,
        _ => id,
    }
}

/// `storyline quotes`: quote groups by speaker, each with its outlets and variants.
pub fn quote_groups(out: &mut dyn Write, groups: &[QuoteGroupOut], st: Style) -> io::Result<()> {
    if groups.is_empty() {
        return writeln!(out, "No quotes stored.");
    }
    let mut last: Option<Option<&str>> = None;
    for g in groups {
        if last != Some(g.speaker.as_deref()) {
            if last.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", st.bold(g.speaker.as_deref().unwrap_or("(speaker unknown)")))?;
            last = Some(g.speaker.as_deref());
        }
        let carriers: Vec<&str> = {
            let mut v: Vec<&str> = g.variants.iter().map(|q| q.article.as_str()).collect();
            v.dedup();
            v
        };
        writeln!(out, "  “{}”", wrap(&g.text, 88).replace('\n', "\n   "))?;
        let first = match &g.first_published {
            Some(d) => format!("first {} ({d})", short_id(&g.first_article)),
            None => format!("first {}", short_id(&g.first_article)),
        };
        writeln!(
            out,
            "    {}",
            st.dim(&format!("{first} · {} article{}: {}", g.articles, if g.articles == 1 { "" } else { "s" }, carriers.iter().map(|a| short_id(a)).collect::<Vec<_>>().join(", ")))
        )?;
        let mut seen = vec![g.text.as_str()];
        for v in &g.variants {
            if !seen.contains(&v.quote.text.as_str()) {
                seen.push(&v.quote.text);
                writeln!(out, "    {} “{}”", st.dim(&format!("{}:", short_id(&v.article))), ellipsize(&v.quote.text, 110))?;
            }
        }
    }
    Ok(())
}

/// `storyline people`.
pub fn people(out: &mut dyn Write, people: &[EntitySummary], st: Style) -> io::Result<()> {
    if people.is_empty() {
        return writeln!(out, "No people found in the stored articles.");
    }
    let w = people.iter().map(|p| p.name.chars().count()).max().unwrap_or(4).clamp(4, 28);
    writeln!(out, "{}", st.bold(&format!("{}  MENTIONS  ARTICLES  ROLES", cell("NAME", w))))?;
    for p in people {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.role.as_str()).collect();
        writeln!(out, "{}  {:>8}  {:>8}  {}", st.bold(&cell(&p.name, w)), p.mentions, p.articles.len(), ellipsize(&roles.join("; "), 70))?;
    }
    Ok(())
}

/// `storyline entity NAME`.
/// How many articles and quotes `storyline entity` shows unless `--limit` says otherwise.
pub const ENTITY_LIST: usize = 20;

/// `storyline entity`: `totals` are its articles and quote groups before any `--limit` cut
/// the report's lists; the lines say how many are not shown.
pub fn entity(out: &mut dyn Write, r: &EntityReport, totals: (usize, usize), st: Style) -> io::Result<()> {
    let e = &r.entity;
    writeln!(out, "{} {}", st.bold(&e.name), st.dim(&format!("({})", e.kind.to_lowercase())))?;
    writeln!(out, "  {:<10} {}", st.dim("mentions"), e.mentions)?;
    writeln!(out, "  {:<10} {}", st.dim("spellings"), e.spellings.join(", "))?;
    for role in &e.roles {
        writeln!(out, "  {:<10} {} {}", st.dim("role"), role.role, st.dim(&format!("[{}]", role.sources.iter().map(|s| short_id(s)).collect::<Vec<_>>().join(", "))))?;
    }
    let more = |shown: usize, total: usize, what: &str| {
        if total > shown { format!(" … and {} more {what} (--limit)", total - shown) } else { String::new() }
    };
    let articles = format!("{}{}", e.articles.join(", "), more(e.articles.len(), totals.0, "articles"));
    writeln!(out, "  {:<10} {}", st.dim("articles"), wrap(&articles, 86).replace('\n', "\n             "))?;
    if !r.quotes.is_empty() {
        writeln!(out)?;
        quote_groups(out, &r.quotes, st)?;
        if totals.1 > r.quotes.len() {
            writeln!(out, "{}", st.dim(&format!("… and {} more quote groups (--limit)", totals.1 - r.quotes.len())))?;
        }
    }
    Ok(())
}

/// `storyline stories`: each story's headline, keywords, dates, articles, outlets and a
/// sparkline of its articles per day; then which part of the list this is.
pub fn stories(out: &mut dyn Write, stories: &[StoryOverview], total: usize, offset: usize, st: Style) -> io::Result<()> {
    if stories.is_empty() {
        if total == 0 && offset == 0 {
            return writeln!(out, "No stories match. (With none at all: run `storyline ingest PATH` first.)");
        }
        return writeln!(out, "No stories past {offset} (there are {total}).");
    }
    for o in stories {
        let i = &o.item;
        let s = &i.story;
        let span = match (&s.first, &s.last) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".to_string(),
        };
        let headline = i.headline.as_ref().map_or(s.label.as_str(), |h| h.text.as_str());
        writeln!(out, "{} {}", st.bold(&format!("#{}", s.id)), st.bold(&wrap(headline, 96).replace('\n', "\n   ")))?;
        if !s.label.is_empty() {
            writeln!(out, "   {}", st.dim(&ellipsize(&s.label, 96)))?;
        }
        let spark = sparkline(&i.per_day, 30);
        writeln!(
            out,
            "   {} · {} article{} · {}{}",
            span,
            s.articles.len(),
            if s.articles.len() == 1 { "" } else { "s" },
            outlet_names(&i.outlets, s.sources, s.independent_sources),
            if spark.chars().count() > 1 { format!(" · {spark}") } else { String::new() }
        )?;
    }
    if offset > 0 || offset + stories.len() < total {
        let more = if offset + stories.len() < total { format!(" (--offset {} for more)", offset + stories.len()) } else { String::new() };
        writeln!(out, "{}", st.dim(&format!("Stories {}–{} of {total}{more}", offset + 1, offset + stories.len())))?;
    }
    Ok(())
}

/// A story's outlets by name ("Reuters, AP, BBC, CNN and 3 more", with "(2 independent)" when
/// some only copy), or, with no outlet known, "outlets unknown".
pub fn outlet_names(outlets: &[crate::dossier::feed::Outlet], sources: i64, independent: Option<i64>) -> String {
    if outlets.is_empty() {
        return self::outlets(sources, independent);
    }
    let names: Vec<&str> = outlets.iter().take(4).map(|o| o.name.as_str()).collect();
    let mut s = names.join(", ");
    if outlets.len() > names.len() {
        s.push_str(&format!(" and {} more", outlets.len() - names.len()));
    }
    if let Some(i) = independent.filter(|&i| i < sources) {
        s.push_str(&format!(" ({i} independent)"));
    }
    s
}

/// Articles per day as a sparkline ("▁▃█▂"): one character a day from the first day to the
/// last, days grouped evenly when the span is wider than `width`.
pub fn sparkline(per_day: &[(String, usize)], width: usize) -> String {
    use chrono::NaiveDate;
    let days: Vec<(NaiveDate, usize)> = per_day.iter().filter_map(|(d, n)| Some((NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?, *n))).collect();
    let (Some(first), Some(last)) = (days.iter().map(|d| d.0).min(), days.iter().map(|d| d.0).max()) else {
        return String::new();
    };
    let span = (last - first).num_days() as usize + 1;
    let cols = span.min(width.max(1));
    let mut counts = vec![0usize; cols];
    for (d, n) in &days {
        counts[(d.signed_duration_since(first).num_days() as usize) * cols / span] += n;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    counts.iter().map(|&n| if n == 0 { ' ' } else { BARS[((n * 8).div_ceil(max)).clamp(1, 8) - 1] }).collect()
}

/// `storyline threads`: each thread's headline, span and counts ("outlets unknown" when no
/// article names its outlet).
pub fn threads(out: &mut dyn Write, threads: &[crate::dossier::threads::ThreadOverview], st: Style) -> io::Result<()> {
    if threads.is_empty() {
        return writeln!(out, "No threads yet. Run `storyline ingest PATH` first.");
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    for t in threads {
        let span = match (&t.first, &t.last) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".to_string(),
        };
        let outlets = t.outlets.map_or("outlets unknown".to_string(), |n| plural(n as usize, "outlet"));
        writeln!(out, "{} {}", st.bold(&format!("#{}", t.id)), st.bold(&ellipsize(&t.headline, 120)))?;
        writeln!(out, "   {span} · {} · {} · {outlets}", plural(t.stories, "story").replace("storys", "stories"), plural(t.articles, "article"))?;
    }
    Ok(())
}

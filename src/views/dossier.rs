//! `storyline show`: the dossier on the terminal and as a Markdown report.
//!
//! Article text is untrusted: on the terminal, control characters are dropped (no escape
//! sequences from a text reach the terminal); in Markdown, characters that would become
//! markup or HTML are escaped.

use std::io::{self, Write};

use super::{short_id, wrap, Style};
use crate::dossier::{Dossier, EventKind};
use crate::text::ellipsize;

/// Drop control characters (ANSI escapes, bells) from untrusted text; newlines become spaces.
pub fn clean(s: &str) -> String {
    s.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect()
}

/// Escape untrusted text for Markdown: no HTML, no emphasis, links or code from the text.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// How the views name a story's articles: by citation number ([`Dossier::citation_numbers`],
/// the same in the terminal, the Markdown report and the web page); articles outside a
/// dossier (a timeline over a search) by short id ("003" for "003_e40ca249782feb7f") when
/// the short forms stay distinct, the full ids otherwise.
struct Names {
    short: bool,
    numbers: std::collections::HashMap<String, usize>,
}

impl Names {
    fn of(d: &Dossier) -> Names {
        Names { short: false, numbers: d.citation_numbers().into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
    }
    /// Short ids when they tell these articles apart, full ids otherwise.
    fn of_ids<'a>(ids: impl IntoIterator<Item = &'a String>) -> Names {
        let mut seen = std::collections::HashSet::new();
        Names { short: ids.into_iter().all(|a| seen.insert(short_id(a))), numbers: Default::default() }
    }
    fn name(&self, id: &str) -> String {
        match self.numbers.get(id) {
            Some(n) => n.to_string(),
            None if self.short => short_id(id).to_string(),
            None => id.to_string(),
        }
    }
    fn cites(&self, ids: &[String]) -> String {
        ids.iter().map(|i| self.name(i)).collect::<Vec<_>>().join(", ")
    }
}

fn kind_word(k: EventKind) -> &'static str {
    match k {
        EventKind::Happened => "",
        EventKind::Planned => "planned",
        EventKind::Background => "background",
    }
}

fn span(d: &Dossier) -> String {
    match (&d.first, &d.last) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    }
}

/// The dossier for a reader at a terminal.
pub fn terminal(out: &mut dyn Write, d: &Dossier, st: Style) -> io::Result<()> {
    let n = Names::of(d);
    let cites = |ids: &[String]| n.cites(ids);
    let short_id = |id: &'_ str| -> String { format!("[{}]", n.name(id)) };
    let rule = st.dim(&"─".repeat(78));
    match &d.headline {
        Some(h) => {
            writeln!(out, "{} {}", st.bold(&format!("Story #{}", d.id)), st.bold(&wrap(&clean(&h.text), 76).replace('\n', "\n  ")))?;
            writeln!(out, "{}", st.dim(&clean(&d.label)))?;
        }
        None => writeln!(out, "{} {}", st.bold(&format!("Story #{}", d.id)), st.bold(&clean(&d.label)))?,
    }
    writeln!(
        out,
        "{} · {} article{} · {}",
        span(d),
        d.articles.len(),
        if d.articles.len() == 1 { "" } else { "s" },
        super::outlets(d.sources, d.independent_sources)
    )?;
    // a thread of this story alone says nothing the story does not
    if let Some(t) = d.thread.as_ref().filter(|t| t.stories > 1) {
        writeln!(out, "{} {}", st.dim(&format!("Thread #{}:", t.id)), clean(&t.headline))?;
    }
    if !d.summary.is_empty() {
        writeln!(out, "\n{}\n{rule}", st.bold("SUMMARY"))?;
        for s in &d.summary {
            let line = format!("{} {}", clean(&s.glossed()), st.dim(&format!("[{}]", cites(&s.sources))));
            writeln!(out, "• {}", wrap(&line, 76).replace('\n', "\n  "))?;
        }
    }
    if !d.timeline.is_empty() {
        writeln!(out, "\n{}\n{rule}", st.bold("TIMELINE"))?;
        timeline_entries(out, &d.timeline, &n, false, st)?;
    }
    if !d.quotes.is_empty() {
        writeln!(out, "\n{}\n{rule}", st.bold("WHO SAID WHAT"))?;
        for s in d.quotes.iter().take(12) {
            writeln!(out, "{}", st.bold(&clean(s.shown().as_deref().unwrap_or("(speaker unknown)"))))?;
            for g in s.groups.iter().take(6) {
                let mut carriers: Vec<String> = g.variants.iter().map(|v| v.article.clone()).collect();
                carriers.dedup();
                writeln!(out, "  “{}”", wrap(&clean(&ellipsize(&g.text, 300)), 72).replace('\n', "\n   "))?;
                let first = g.first_published.as_deref().map(|p| format!(" on {p}")).unwrap_or_default();
                writeln!(out, "    {}", st.dim(&format!("first in {}{first} · [{}]", short_id(&g.first_article), cites(&carriers))))?;
            }
        }
    }
    if !d.entities.is_empty() {
        writeln!(out, "\n{}\n{rule}", st.bold("WHO'S WHO"))?;
        for (kind, title) in [("PERSON", "People"), ("PLACE", "Places"), ("ORG", "Organisations")] {
            let list: Vec<_> = d.entities.iter().filter(|e| e.kind == kind).take(12).collect();
            if list.is_empty() {
                continue;
            }
            writeln!(out, "{}", st.bold(title))?;
            for e in list {
                let roles: Vec<String> = e.roles.iter().take(2).map(|r| clean(&r.role)).collect();
                let roles = if roles.is_empty() { String::new() } else { format!(" — {}", roles.join("; ")) };
                let variants: Vec<String> = e.spellings.iter().filter(|s| **s != e.name).take(4).map(|s| clean(s)).collect();
                let variants = if variants.is_empty() { String::new() } else { format!(" (also {})", variants.join(", ")) };
                writeln!(
                    out,
                    "  {}{roles}{variants} {}",
                    clean(&e.name),
                    st.dim(&format!("· {} mention{} in [{}]", e.mentions, if e.mentions == 1 { "" } else { "s" }, cites(&e.articles)))
                )?;
            }
        }
    }
    if !d.disagreements.is_empty() {
        writeln!(out, "\n{}\n{rule}", st.bold("WHERE SOURCES DIFFER"))?;
        for x in &d.disagreements {
            writeln!(out, "{} {}", st.bold(&clean(&x.about)), st.dim(&format!("(confidence {:.0}%)", x.confidence * 100.0)))?;
            for c in &x.claims {
                writeln!(out, "  {:<22} “{}” {}", clean(&c.value), clean(&ellipsize(&c.text, 60)), st.dim(&format!("[{}]", cites(&c.sources))))?;
            }
        }
    }
    if !d.reports.is_empty() {
        writeln!(out, "\n{}\n{rule}", st.bold("SOURCES"))?;
        for r in &d.reports {
            let outlet = r.source.as_deref().map(clean).unwrap_or_else(|| "outlet unknown".into());
            let date = match (&r.published, r.published_from.as_deref()) {
                (Some(p), Some("inferred")) => format!("~{p}"),
                (Some(p), _) => p.clone(),
                _ => "undated".into(),
            };
            let mut notes = Vec::new();
            if let Some(c) = &r.copy_of {
                notes.push(format!("copies {}", short_id(c)));
            }
            if !r.copies.is_empty() {
                notes.push(format!("copied by [{}]", cites(&r.copies)));
            }
            notes.extend(r.flags.iter().cloned());
            let notes = if notes.is_empty() { String::new() } else { format!(" · {}", notes.join(" · ")) };
            writeln!(out, "{} {}", st.bold(&short_id(&r.id)), st.bold(&clean(&ellipsize(&r.name, 90))))?;
            writeln!(out, "    {}", st.dim(&format!("{outlet} · {date} · {} chars · {}{notes}", r.chars, clean(&r.id))))?;
            for s in &r.only_here {
                writeln!(out, "  {} {}", st.dim("only here:"), wrap(&clean(&ellipsize(s, 200)), 64).replace('\n', "\n             "))?;
            }
        }
        for sh in &d.shared {
            writeln!(out, "{} {} ↔ {}: {} passage{}", st.dim("shared"), short_id(&sh.a), short_id(&sh.b), sh.passages.len(), if sh.passages.len() == 1 { "" } else { "s" })?;
            for p in sh.passages.iter().take(4) {
                // marked, not put in quotation marks: a passage often carries its own
                writeln!(out, "  › {}", clean(&ellipsize(&p.text, 100)))?;
            }
        }
    }
    Ok(())
}

/// The dossier as a Markdown report a person can send on.
/// Timeline entries for the terminal: the date, the kind when not plain, the sentence and its
/// sources (with `group`, a day's later entries under the first without its date).
fn timeline_entries(out: &mut dyn Write, entries: &[crate::dossier::TimelineEntry], n: &Names, group: bool, st: Style) -> io::Result<()> {
    let mut last: Option<&str> = None;
    for e in entries {
        let tag = kind_word(e.kind);
        let tag = if tag.is_empty() { String::new() } else { format!("{} ", st.hl(tag)) };
        // a long list of sources is cut (the JSON has them all)
        let cited = match e.sources.len() {
            k if group && k > 6 => format!("{} and {} more", n.cites(&e.sources[..5]), k - 5),
            _ => n.cites(&e.sources),
        };
        let body = format!("{tag}{} {}", clean(&e.text), st.dim(&format!("[{cited}]")));
        let date = if group && last == Some(e.date.as_str()) { String::new() } else { e.date.clone() };
        last = Some(e.date.as_str());
        writeln!(out, "{}  {}", st.bold(&format!("{date:<10}")), wrap(&body, 64).replace('\n', "\n            "))?;
    }
    Ok(())
}

/// A timeline over a set of articles (`storyline timeline`): what it covers, then its entries.
/// `articles` is how many the span holds, of which the timeline reads at most `read`.
pub fn timeline(out: &mut dyn Write, what: &str, articles: usize, read: usize, entries: &[crate::dossier::TimelineEntry], st: Style) -> io::Result<()> {
    let days = entries.iter().map(|e| e.date.as_str()).collect::<std::collections::BTreeSet<_>>().len();
    writeln!(out, "{}", st.bold(&format!("TIMELINE · {}", clean(what))))?;
    let from = if articles > read { format!("{read} of {articles}") } else { articles.to_string() };
    writeln!(out, "{}", st.dim(&format!("{days} dates from {from} articles")))?;
    if entries.is_empty() {
        writeln!(out, "(no dated events: the articles name no days in this span)")?;
    }
    timeline_entries(out, entries, &Names::of_ids(entries.iter().flat_map(|e| &e.sources)), true, st)
}

pub fn markdown(out: &mut dyn Write, d: &Dossier) -> io::Result<()> {
    let n = Names::of(d);
    let short_id = |id: &'_ str| -> String { format!("[{}]", md(&n.name(id))) };
    let cite = |ids: &[String]| ids.iter().map(|i| format!("[{}]", md(&n.name(i)))).collect::<Vec<_>>().join("");
    match &d.headline {
        Some(h) => writeln!(out, "# {}\n\n*{}*\n", md(&h.text), md(&d.label))?,
        None => writeln!(out, "# {}\n", md(&d.label))?,
    }
    writeln!(
        out,
        "Story #{} · {} · {} articles · {}\n",
        d.id,
        span(d),
        d.articles.len(),
        super::outlets(d.sources, d.independent_sources)
    )?;
    if let Some(t) = d.thread.as_ref().filter(|t| t.stories > 1) {
        writeln!(out, "Thread #{}: {}\n", t.id, md(&t.headline))?;
    }
    if !d.summary.is_empty() {
        writeln!(out, "## Summary\n")?;
        for s in &d.summary {
            writeln!(out, "- {} {}", md(&s.glossed()), cite(&s.sources))?;
        }
        writeln!(out)?;
    }
    if !d.timeline.is_empty() {
        writeln!(out, "## Timeline\n\n| Date | What | Kind | Sources |\n|---|---|---|---|")?;
        for e in &d.timeline {
            writeln!(out, "| {} | {} | {} | {} |", e.date, md(&e.text), kind_word(e.kind), cite(&e.sources))?;
        }
        writeln!(out)?;
    }
    if !d.quotes.is_empty() {
        writeln!(out, "## Who said what\n")?;
        for s in &d.quotes {
            writeln!(out, "### {}\n", md(s.shown().as_deref().unwrap_or("Speaker unknown")))?;
            for g in &s.groups {
                let mut carriers: Vec<String> = g.variants.iter().map(|v| v.article.clone()).collect();
                carriers.dedup();
                let first = g.first_published.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
                writeln!(out, "> “{}”\n>\n> — first in {}{first}; carried by {}\n", md(&g.text), short_id(&g.first_article), cite(&carriers))?;
            }
        }
    }
    if !d.entities.is_empty() {
        writeln!(out, "## Who's who\n\n| Name | Kind | Roles | Also spelled | Mentions | Sources |\n|---|---|---|---|---|---|")?;
        for e in d.entities.iter().take(40) {
            let roles: Vec<String> = e.roles.iter().map(|r| md(&r.role)).collect();
            let variants: Vec<String> = e.spellings.iter().filter(|s| **s != e.name).map(|s| md(s)).collect();
            writeln!(out, "| {} | {} | {} | {} | {} | {} |", md(&e.name), e.kind.to_lowercase(), roles.join("; "), variants.join(", "), e.mentions, cite(&e.articles))?;
        }
        writeln!(out)?;
    }
    if !d.disagreements.is_empty() {
        writeln!(out, "## Where sources differ\n")?;
        for x in &d.disagreements {
            writeln!(out, "**{}** (confidence {:.0}%)\n", md(&x.about), x.confidence * 100.0)?;
            for c in &x.claims {
                writeln!(out, "- {}: “{}” {}", md(&c.value), md(&c.text), cite(&c.sources))?;
            }
            writeln!(out)?;
        }
    }
    if !d.reports.is_empty() {
        writeln!(out, "## Sources\n\n| | Article | Outlet | Date | Length | Copies | Notes |\n|---|---|---|---|---|---|---|")?;
        for r in &d.reports {
            let date = match (&r.published, r.published_from.as_deref()) {
                (Some(p), Some("inferred")) => format!("~{p} (inferred)"),
                (Some(p), _) => p.clone(),
                _ => "undated".into(),
            };
            let mut copies = Vec::new();
            if let Some(c) = &r.copy_of {
                copies.push(format!("copies {}", short_id(c)));
            }
            if !r.copies.is_empty() {
                copies.push(format!("copied by {}", cite(&r.copies)));
            }
            writeln!(
                out,
                "| {} | {} ({}) | {} | {} | {} chars | {} | {} |",
                short_id(&r.id),
                md(&r.name),
                md(&r.id),
                md(r.source.as_deref().unwrap_or("")),
                date,
                r.chars,
                copies.join("; "),
                md(&r.flags.join(", "))
            )?;
        }
        writeln!(out)?;
        let only: Vec<_> = d.reports.iter().filter(|r| !r.only_here.is_empty()).collect();
        if !only.is_empty() {
            writeln!(out, "### What only one source reports\n")?;
            for r in only {
                for s in &r.only_here {
                    writeln!(out, "- {} {}", md(s), short_id(&r.id))?;
                }
            }
            writeln!(out)?;
        }
    }
    if !d.shared.is_empty() {
        writeln!(out, "### Shared passages\n")?;
        for sh in &d.shared {
            writeln!(out, "- {} ↔ {}: {} passage{}", short_id(&sh.a), short_id(&sh.b), sh.passages.len(), if sh.passages.len() == 1 { "" } else { "s" })?;
            for p in sh.passages.iter().take(4) {
                writeln!(out, "  - › {}", md(&ellipsize(&p.text, 160)))?;
            }
        }
    }
    Ok(())
}

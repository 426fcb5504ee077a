//! The rules every backend applies inside its writes and reads, in Rust and in one place, so
//! that a backend is plain reads and writes around them (SQL never decides): the date an
//! article is stored with, which articles linking may still date, what an article counts for
//! in its story's aggregates, and how entity mentions and a story's quotes are merged.
//! (Quote groups are `stories::quotes`' business: the store only keeps their records.)

use chrono::NaiveDate;

use super::{EntitySummary, MentionRow, QuoteGroup, QuoteRow, RoleRow};
use crate::analysis::Analysis;
use crate::model::Article;

/// A sentence layer packed for one column: for each span, its gap from the previous end
/// and its length, as LEB128 varints (about three bytes a sentence, against sixteen for two
/// integer columns a row; a 3,000-word article's 150 sentences take under 500 bytes).
pub fn pack_spans(spans: &[crate::model::Span]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 3);
    let mut last = 0usize;
    for s in spans {
        for mut v in [s.start.saturating_sub(last), s.end.saturating_sub(s.start)] {
            loop {
                let b = (v & 0x7f) as u8;
                v >>= 7;
                if v == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
        }
        last = s.end;
    }
    out
}

/// A packed sentence layer read back against its text: None when the bytes are not one
/// ([`pack_spans`]' output) or a span does not slice `text` on character boundaries, so a
/// damaged column reads as a layer that never ran (and the reader segments the text again)
/// rather than as spans that would cut a character in two.
pub fn unpack_spans(bytes: &[u8], text: &str) -> Option<Vec<crate::model::Span>> {
    let mut out = Vec::new();
    let mut it = bytes.iter();
    let mut next = || -> Option<Option<usize>> {
        let mut v = 0usize;
        for shift in (0..64).step_by(7) {
            let Some(&b) = it.next() else { return if shift == 0 { Some(None) } else { None } };
            v |= ((b & 0x7f) as usize).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(Some(v));
            }
        }
        None
    };
    let mut last = 0usize;
    while let Some(gap) = next()? {
        let len = next()??;
        let start = last.checked_add(gap)?;
        let end = start.checked_add(len)?;
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        out.push(crate::model::Span::new(start, end));
        last = end;
    }
    Some(out)
}

/// The publication date an article is stored with: the date the input gives (with where it
/// came from), else the date analysis inferred from the text (`inferred`, with its
/// confidence), else none.
pub fn publication(a: &Article, an: &Analysis) -> (Option<NaiveDate>, Option<&'static str>, Option<f32>) {
    match (a.published, an.inferred) {
        (Some(d), _) => (Some(d), a.published_from.map(|s| s.as_str()), None),
        (None, Some((d, c))) => (Some(d), Some("inferred"), Some(c)),
        (None, None) => (None, None, None),
    }
}

/// Whether linking may still date an article: it has no date, or only an inferred one.
pub fn datable(published: Option<&str>, published_from: Option<&str>) -> bool {
    published.is_none() || published_from == Some("inferred")
}

/// Whether an inferred date of `confidence` replaces the stored date: there is none, or it
/// is inferred too and no surer (a given or found date always stays).
pub fn takes_inferred(published: Option<&str>, published_from: Option<&str>, stored_confidence: Option<f64>, confidence: f32) -> bool {
    published.is_none() || (published_from == Some("inferred") && stored_confidence.unwrap_or(0.0) <= confidence as f64)
}

/// What an article counts for in its story's aggregates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub story: i64,
    /// Its outlet; empty when no outlet is known (such articles count as articles, never as
    /// outlets: a story claims no more outlets than its articles name).
    pub outlet: String,
    /// Neither an exact copy nor a near copy of another article.
    pub independent: bool,
}

/// The member an article is, from its stored fields (`None` when it is in no story).
pub fn member(story: Option<i64>, source: Option<&str>, _id: &str, copy_of: Option<&str>, near_copy_of: Option<&str>) -> Option<Member> {
    Some(Member {
        story: story?,
        outlet: source.map(str::trim).unwrap_or("").to_string(),
        independent: copy_of.is_none() && near_copy_of.is_none(),
    })
}

/// One outlet's count in one story: its articles there, and how many are independent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutletCount {
    pub articles: i64,
    pub independent: i64,
}

/// How a story's totals move.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoryDelta {
    pub articles: i64,
    /// Outlets with at least one article there.
    pub sources: i64,
    /// Outlets with at least one independent article there.
    pub independent_sources: i64,
}

/// An article joining (`by` 1) or leaving (`by` -1) its story, given its outlet's count
/// there before: the outlet's count after (a count of no article is dropped by the backend)
/// and the change of the story's totals. The cost does not depend on the story's size.
/// `known`: whether the outlet is known (the unknown ones are counted together, as articles
/// only).
pub fn count_change(before: OutletCount, independent: bool, by: i64, known: bool) -> (OutletCount, StoryDelta) {
    let after = OutletCount { articles: before.articles + by, independent: before.independent + i64::from(independent) * by };
    let k = i64::from(known);
    let delta = StoryDelta {
        articles: by,
        sources: k * (i64::from(after.articles > 0) - i64::from(before.articles > 0)),
        independent_sources: k * (i64::from(after.independent > 0) - i64::from(before.independent > 0)),
    };
    (after, delta)
}

/// Entity summaries from mentions ordered by merge key (then article ingest order, then
/// position): one summary per run of one key and kind, its name the canonical name used most
/// (ties: the least), most mentioned first (ties: by name).
pub fn entity_summaries(rows: impl IntoIterator<Item = MentionRow>) -> Vec<EntitySummary> {
    let mut out: Vec<EntitySummary> = Vec::new();
    for MentionRow { key, kind, canonical, text, role, article } in rows {
        if out.last().is_none_or(|l| l.key != key || l.kind != kind) {
            out.push(EntitySummary { key, kind, ..Default::default() });
        }
        let s = out.last_mut().expect("pushed above");
        s.mentions += 1;
        *s.names.entry(canonical).or_default() += 1;
        if !s.spellings.contains(&text) {
            s.spellings.push(text);
        }
        if !s.articles.contains(&article) {
            s.articles.push(article.clone());
        }
        if let Some(role) = role {
            match s.roles.iter_mut().find(|r| r.role.eq_ignore_ascii_case(&role)) {
                Some(r) => {
                    if !r.sources.contains(&article) {
                        r.sources.push(article)
                    }
                }
                None => s.roles.push(RoleRow { role, sources: vec![article] }),
            }
        }
    }
    fold_surnames(&mut out);
    for s in &mut out {
        merge_roles(&mut s.roles);
        s.name = s.names.iter().max_by_key(|(n, c)| (**c, std::cmp::Reverse((*n).clone()))).map(|(n, _)| n.clone()).unwrap_or_default();
    }
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    out
}

/// A role's words as compared: lower case, without dots ("U.S. President" and "US
/// president" are `us president`).
fn role_words(role: &str) -> Vec<String> {
    role.split_whitespace().map(|w| w.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect::<String>()).filter(|w| !w.is_empty()).collect()
}

/// One entity's roles merged (issue 19): spellings of one role ("U.S. President", "US
/// President") become one, shown as its most cited spelling, with the sources of all; and a
/// bare role that ends the words of exactly one longer role ("President" beside "Ukrainian
/// President") is left out, as the longer one says it and more. Its sources are not given to
/// the longer role, which they do not say. A bare role that ends several ("President" beside
/// "Ukrainian President" and "Former President") stays: nothing says which. Most cited first,
/// then in the order first seen.
pub fn merge_roles(roles: &mut Vec<RoleRow>) {
    if roles.len() < 2 {
        return;
    }
    let union = |into: &mut RoleRow, from: RoleRow| {
        for a in from.sources {
            if !into.sources.contains(&a) {
                into.sources.push(a);
            }
        }
    };
    // spellings of one role: the most cited spelling gives the text
    let mut merged: Vec<(Vec<String>, RoleRow)> = Vec::new();
    for r in roles.drain(..) {
        let words = role_words(&r.role);
        match merged.iter_mut().find(|(w, _)| *w == words) {
            Some((_, m)) => {
                if r.sources.len() > m.sources.len() {
                    let old = std::mem::replace(m, r);
                    union(m, old);
                } else {
                    union(m, r);
                }
            }
            None => merged.push((words, r)),
        }
    }
    // a bare role the one longer role it ends already says; its sources are not moved to the
    // longer one (they do not say "Ukrainian"), they are dropped with it
    let mut k = 0;
    while k < merged.len() {
        let short = &merged[k].0;
        let longer = (0..merged.len()).filter(|&j| merged[j].0.len() > short.len() && merged[j].0.ends_with(short)).count();
        if longer == 1 {
            merged.remove(k);
        } else {
            k += 1;
        }
    }
    let mut out: Vec<RoleRow> = merged.into_iter().map(|(_, r)| r).collect();
    out.sort_by(|a, b| b.sources.len().cmp(&a.sources.len()));
    *roles = out;
}

/// A person known only by a surname ("Biden", key `biden`) is the one person of these
/// summaries with that surname and a given name ("joe biden"), when there is exactly one;
/// with two ("jill biden", "joe biden") nothing says which, and the surname stays apart.
fn fold_surnames(out: &mut Vec<EntitySummary>) {
    let person = |s: &EntitySummary| s.kind == "PERSON";
    let mut k = 0;
    while k < out.len() {
        if !person(&out[k]) || out[k].key.contains(' ') {
            k += 1;
            continue;
        }
        let tail = format!(" {}", out[k].key);
        let full: Vec<usize> = (0..out.len()).filter(|&j| person(&out[j]) && out[j].key.ends_with(&tail)).collect();
        if let [j] = full[..] {
            let s = out.remove(k);
            let j = if j > k { j - 1 } else { j };
            let t = &mut out[j];
            t.mentions += s.mentions;
            for (n, c) in s.names {
                *t.names.entry(n).or_default() += c;
            }
            for x in s.spellings {
                if !t.spellings.contains(&x) {
                    t.spellings.push(x);
                }
            }
            for a in s.articles {
                if !t.articles.contains(&a) {
                    t.articles.push(a);
                }
            }
            for r in s.roles {
                match t.roles.iter_mut().find(|x| x.role.eq_ignore_ascii_case(&r.role)) {
                    Some(x) => x.sources.extend(r.sources.into_iter().filter(|a| !x.sources.contains(a)).collect::<Vec<_>>()),
                    None => t.roles.push(r),
                }
            }
        } else {
            k += 1;
        }
    }
}

/// Quote groups from grouped quotes ordered by group, then earliest first (publication date,
/// undated last, then ingest order): each group's first quote gives its words, first article
/// and speaker (or the first variant that has one), `articles` counts its distinct carriers.
/// Ordered by [`sort_groups`].
pub fn groups_of(quotes: impl IntoIterator<Item = QuoteRow>) -> Vec<QuoteGroup> {
    let mut out: Vec<QuoteGroup> = Vec::new();
    for q in quotes {
        let gid = q.group.unwrap_or_default();
        if out.last().is_none_or(|g| g.id != gid) {
            out.push(QuoteGroup {
                id: gid,
                speaker: q.speaker.clone(),
                text: q.text.clone(),
                first_article: q.article.clone(),
                first_published: q.published.clone(),
                articles: 0,
                variants: Vec::new(),
            });
        }
        let g = out.last_mut().expect("pushed above");
        if g.speaker.is_none() {
            g.speaker = q.speaker.clone();
        }
        if !g.variants.iter().any(|v| v.article == q.article) {
            g.articles += 1;
        }
        g.variants.push(q);
    }
    sort_groups(&mut out);
    out
}

/// Quote groups by speaker (unknown last), then most carried first, then earliest, then id.
pub fn sort_groups(groups: &mut [QuoteGroup]) {
    groups.sort_by(|a, b| {
        (a.speaker.is_none(), &a.speaker, std::cmp::Reverse(a.articles), &a.first_published, a.id)
            .cmp(&(b.speaker.is_none(), &b.speaker, std::cmp::Reverse(b.articles), &b.first_published, b.id))
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn roles_merge_their_spellings_and_drop_what_a_longer_one_says() {
        use super::{RoleRow, merge_roles};
        let r = |role: &str, s: &[&str]| RoleRow { role: role.into(), sources: s.iter().map(|x| x.to_string()).collect() };
        let mut roles = vec![r("U.S. President", &["a"]), r("President", &["b"]), r("US President", &["c", "d"]), r("president", &["e"])];
        merge_roles(&mut roles);
        assert_eq!(roles, [r("US President", &["c", "d", "a"])]);
        let mut roles = vec![r("President", &["a"]), r("Ukrainian President", &["b"]), r("former president", &["c"]), r("Minister", &["d"])];
        merge_roles(&mut roles);
        assert_eq!(roles, [r("President", &["a"]), r("Ukrainian President", &["b"]), r("former president", &["c"]), r("Minister", &["d"])], "ambiguous: kept");
    }

    use super::*;

    #[test]
    fn an_outlet_counts_once_and_independently_once() {
        let zero = OutletCount::default();
        let (one, d) = count_change(zero, true, 1, true);
        assert_eq!((one, d), (OutletCount { articles: 1, independent: 1 }, StoryDelta { articles: 1, sources: 1, independent_sources: 1 }));
        let (two, d) = count_change(one, false, 1, true);
        assert_eq!((two, d), (OutletCount { articles: 2, independent: 1 }, StoryDelta { articles: 1, sources: 0, independent_sources: 0 }));
        let (back, d) = count_change(two, true, -1, true);
        assert_eq!((back, d), (OutletCount { articles: 1, independent: 0 }, StoryDelta { articles: -1, sources: 0, independent_sources: -1 }));
        let (gone, d) = count_change(back, false, -1, true);
        assert_eq!((gone, d), (zero, StoryDelta { articles: -1, sources: -1, independent_sources: 0 }));
    }

    /// Issue 13: Jill Biden is not Joe Biden, George H. W. Bush is not George W. Bush; a
    /// surname alone joins the one full name it can be.
    #[test]
    fn people_who_share_a_surname_merge_only_on_their_names() {
        use crate::analysis::{EntityKind, entity_key};
        let row = |name: &str, text: &str, article: &str| MentionRow {
            key: entity_key(name, EntityKind::Person),
            kind: "PERSON".into(),
            canonical: name.into(),
            text: text.into(),
            role: None,
            article: article.into(),
        };
        let sorted = |mut rows: Vec<MentionRow>| {
            rows.sort_by(|a, b| a.key.cmp(&b.key));
            entity_summaries(rows)
        };
        assert_ne!(entity_key("Jill Biden", EntityKind::Person), entity_key("Joe Biden", EntityKind::Person));
        assert_ne!(entity_key("George H. W. Bush", EntityKind::Person), entity_key("George W. Bush", EntityKind::Person));
        assert_eq!(entity_key("Volodymyr Zelenskyy", EntityKind::Person), entity_key("Volodymyr Zelensky", EntityKind::Person));
        assert_eq!(entity_key("Martin Luther King Jr.", EntityKind::Person), "martin l king");
        let one = sorted(vec![row("Joe Biden", "Joe Biden", "a"), row("Biden", "Biden", "b"), row("Joe Biden", "President Biden", "c")]);
        assert_eq!(one.iter().map(|e| (e.name.as_str(), e.mentions, e.articles.len())).collect::<Vec<_>>(), [("Joe Biden", 3, 3)]);
        let two = sorted(vec![row("Joe Biden", "Joe Biden", "a"), row("Jill Biden", "Jill Biden", "a"), row("Biden", "Biden", "b")]);
        let mut names: Vec<&str> = two.iter().map(|e| e.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Biden", "Jill Biden", "Joe Biden"]);
    }

    #[test]
    fn dates_only_get_surer() {
        assert!(datable(None, None) && datable(Some("2025-05-11"), Some("inferred")) && !datable(Some("2025-05-11"), Some("header")));
        assert!(takes_inferred(None, None, None, 0.1));
        assert!(takes_inferred(Some("2025-05-11"), Some("inferred"), Some(0.5), 0.5));
        assert!(!takes_inferred(Some("2025-05-11"), Some("inferred"), Some(0.6), 0.5));
        assert!(!takes_inferred(Some("2025-05-11"), Some("given"), None, 1.0));
    }

    #[test]
    fn an_unknown_outlet_counts_as_an_article_not_an_outlet() {
        assert_eq!(member(None, Some("AP"), "a", None, None), None);
        let m = member(Some(2), None, "a", None, Some("b")).unwrap();
        assert_eq!((m.outlet.as_str(), m.independent), ("", false));
        let (one, d) = count_change(OutletCount::default(), true, 1, false);
        assert_eq!((one, d), (OutletCount { articles: 1, independent: 1 }, StoryDelta { articles: 1, sources: 0, independent_sources: 0 }));
    }

    #[test]
    fn sentence_layers_round_trip_and_damage_reads_as_never_ran() {
        use crate::model::Span;
        let text = "KYIV (Reuters) - Zelensky will go to Türkiye. Putin will not. Talks start on Friday.";
        let spans = crate::text::sentence_spans(text, None);
        assert!(spans.len() >= 3);
        let packed = pack_spans(&spans);
        assert!(packed.len() <= 3 * spans.len() * 2);
        assert_eq!(unpack_spans(&packed, text), Some(spans.clone()));
        assert_eq!(unpack_spans(&[], text), Some(Vec::new()), "ran, no sentences");
        // a span past the text, inside a character, or a varint cut short: not a layer
        assert_eq!(unpack_spans(&pack_spans(&[Span::new(0, text.len() + 1)]), text), None);
        let u = text.find('ü').unwrap();
        assert_eq!(unpack_spans(&pack_spans(&[Span::new(0, u + 1)]), text), None);
        let mut cut = packed.clone();
        *cut.last_mut().unwrap() |= 0x80;
        assert_eq!(unpack_spans(&cut, text), None);
        assert_eq!(unpack_spans(&[0xff; 12], text), None);
    }
}

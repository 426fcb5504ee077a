//! The story list as a front page: stories latest first (or by size, outlets, first date),
//! filtered by dates, an entity, an outlet, a language or the words of their articles, a page
//! at a time, each story with its headline, outlets and articles per day.
//!
//! One function, [`feed`], serves `storyline stories`, `GET /api/stories` and the web's `/`,
//! so the three list the same stories in the same order for the same parameters. Everything
//! is derived on read from the story rows the store keeps: the filters and the order need no
//! text, and only the page's stories get a headline ([`super::headline::story_headline`]),
//! their outlets and their days. What it refuses: it never writes, and a filter that finds
//! nothing (an unknown entity, an outlet no article names) lists no story rather than failing.
//!
//! Cost (`cargo bench --bench serve`, 10,000 articles in 1,146 stories, one thread, no HTTP, on
//! the shared 2-core machine): `store.stories()` 16 ms, a page of 50 with headlines 89 ms, with
//! `entity=Zelensky` 47 ms. The headlines are most of it (up to 48 openings read and cut into
//! sentences a story); under 8 concurrent clients and 4 read connections the list page's p99
//! is about 1 s (`/`, `/api/stories`), 0.6 s filtered by entity, 0.3 s by a search. If that
//! matters, the next step is to keep the headline with the story at link time (a column) or
//! to cache pages per store version as `serve::DossierCache` does.
//!
//! `serve` now keeps a [`FeedMemo`]: a headline is a pure function of the story's article
//! ids (stored articles never change), so it is kept under a hash of those ids and is exact
//! without any versioning: a story that gains an article has new ids and a new key. It also keeps
//! the articles an entity filter names, per store version (see [`FeedMemo`]).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::headline::{Headline, story_headline};
use crate::store::{Store, StoreError, StoryRow};

/// How many search hits at most a `query` filter reads (its stories are those of the hits).
pub const MAX_QUERY_HITS: usize = 2_000;

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Latest article first (undated stories last), then more articles first.
    #[default]
    Latest,
    /// Most articles first, then latest first.
    Size,
    /// Most outlets first, then most articles, then latest first.
    Outlets,
    /// Newest stories first: by the date of their first article (undated last).
    First,
}

impl Sort {
    pub const NAMES: &'static str = "latest, size, outlets or first";

    pub fn parse(s: &str) -> Option<Sort> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "latest" => Sort::Latest,
            "size" => Sort::Size,
            "outlets" => Sort::Outlets,
            "first" => Sort::First,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Latest => "latest",
            Sort::Size => "size",
            Sort::Outlets => "outlets",
            Sort::First => "first",
        }
    }
}

/// What to list: the order, the page and the filters (all optional; every one given must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedQuery {
    pub sort: Sort,
    /// At most this many stories (`None`: all).
    pub limit: Option<usize>,
    pub offset: usize,
    /// Stories with an article published on or after this day (undated stories are left out
    /// when a date is given).
    pub from: Option<NaiveDate>,
    /// Stories with an article published on or before this day.
    pub to: Option<NaiveDate>,
    /// Stories with an article naming this person, place or organisation: under its merge key
    /// ("Kiev" for Kyiv), else by its words in any folded spelling ("Zelensky", "Zelenskyy").
    pub entity: Option<String>,
    /// Stories with an article from this outlet (case and accents aside; "reuters" finds
    /// "Reuters" and "reuters.com").
    pub outlet: Option<String>,
    /// Stories with an article in this language (an ISO 639-1 code: "en").
    pub language: Option<String>,
    /// Stories with an article this search finds.
    pub query: Option<String>,
}

/// One outlet of a story and its articles there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outlet {
    pub name: String,
    pub articles: usize,
}

/// A story in the list.
#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    #[serde(flatten)]
    pub story: StoryRow,
    /// The title of its most central article, or a sentence from that article's lead
    /// (`None` only if none of its articles can be read).
    pub headline: Option<Headline>,
    /// Its known outlets, most articles first (then by name); articles with no known outlet
    /// are not listed (`sources` counts these outlets).
    pub outlets: Vec<Outlet>,
    /// `[date, articles]`, earliest first, over the articles that have a date.
    pub per_day: Vec<(String, usize)>,
    /// Articles with no date at all.
    pub undated: usize,
}

/// A page of the list and how many stories the filters kept.
#[derive(Debug, Clone, Serialize)]
pub struct Feed {
    pub items: Vec<FeedItem>,
    pub total: usize,
}

/// What a server keeps across requests to the list:
/// - headlines already chosen, under a hash of their story's article ids (see the module doc);
///   at most [`FeedMemo::CAP`] are kept, and the memo starts afresh when it is full;
/// - the articles an entity filter names, with the store version they were found at (articles
///   stored, articles linked): resolving a name's spellings was most of an `entity=` request
///   (`cargo bench --bench serve`, 10,000 articles: p50 276 ms against 55 ms unfiltered). At
///   most [`FeedMemo::NAMES`] names are kept.
#[derive(Debug, Default)]
pub struct FeedMemo {
    kept: std::sync::Mutex<std::collections::HashMap<u64, Option<Headline>>>,
    named: std::sync::Mutex<std::collections::HashMap<String, ((i64, u64), std::sync::Arc<HashSet<String>>)>>,
}

impl FeedMemo {
    pub const CAP: usize = 50_000;
    pub const NAMES: usize = 256;

    /// The articles naming `name` ([`entity_articles`]), found now unless kept for this store
    /// version.
    fn entity_articles(&self, store: &dyn Store, name: &str) -> Result<std::sync::Arc<HashSet<String>>, StoreError> {
        let version = (store.stats()?.articles, store.cluster_meta()?.n_docs);
        if let Some((v, ids)) = self.named.lock().unwrap_or_else(|p| p.into_inner()).get(name) {
            if *v == version {
                return Ok(ids.clone());
            }
        }
        let ids = std::sync::Arc::new(entity_articles(store, name)?);
        let mut named = self.named.lock().unwrap_or_else(|p| p.into_inner());
        if named.len() >= Self::NAMES {
            named.retain(|_, (v, _)| *v == version);
            if named.len() >= Self::NAMES {
                named.clear();
            }
        }
        named.insert(name.to_string(), (version, ids.clone()));
        Ok(ids)
    }

    /// The headline of these articles (ids in ingest order), chosen now unless kept.
    pub fn headline(&self, store: &dyn Store, articles: &[String]) -> Result<Option<Headline>, StoreError> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        articles.hash(&mut h);
        let key = h.finish();
        if let Some(kept) = self.kept.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(kept.clone());
        }
        let headline = story_headline(store, articles)?;
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= Self::CAP {
            kept.clear();
        }
        kept.insert(key, headline.clone());
        Ok(headline)
    }
}

/// The stories the query asks for, in its order, one page of them with headlines.
pub fn feed(store: &dyn Store, q: &FeedQuery) -> Result<Feed, StoreError> {
    feed_with(store, q, &FeedMemo::default())
}

/// [`feed`], with the headlines kept in `memo` (a server's, across requests).
pub fn feed_with(store: &dyn Store, q: &FeedQuery, memo: &FeedMemo) -> Result<Feed, StoreError> {
    let mut stories = select(store, q, memo)?;
    order(&mut stories, q.sort);
    let total = stories.len();
    let page: Vec<StoryRow> = stories.into_iter().skip(q.offset).take(q.limit.unwrap_or(usize::MAX)).collect();
    let mut items = Vec::with_capacity(page.len());
    for story in page {
        items.push(item_with(store, story, memo)?);
    }
    Ok(Feed { items, total })
}

/// One story as the list shows it.
pub fn item(store: &dyn Store, story: StoryRow) -> Result<FeedItem, StoreError> {
    item_with(store, story, &FeedMemo::default())
}

fn item_with(store: &dyn Store, story: StoryRow, memo: &FeedMemo) -> Result<FeedItem, StoreError> {
    let headline = memo.headline(store, &story.articles)?;
    let outlets = store.story_outlets(story.id)?.into_iter().map(|(name, n)| Outlet { name, articles: n as usize }).collect();
    let (mut per_day, mut undated) = (Vec::new(), 0);
    for (day, n) in store.story_days(story.id)? {
        match day {
            Some(d) => per_day.push((d, n)),
            None => undated += n,
        }
    }
    Ok(FeedItem { story, headline, outlets, per_day, undated })
}

/// The articles that name `name`: a stored merge key ("Kiev" is Kyiv's); else, rather than
/// merge every mention in the store as `entity` does (seconds on 10,000 articles), the articles
/// whose text names it in any folded spelling ("Zelensky" finds "Zelenskyy"), through the
/// search index.
fn entity_articles(store: &dyn Store, name: &str) -> Result<HashSet<String>, StoreError> {
    let key = crate::analysis::entity_key(name, crate::analysis::EntityKind::Other);
    let ids: HashSet<String> = store.entity_summaries(None, Some(&key))?.into_iter().flat_map(|e| e.articles).collect();
    if ids.is_empty() {
        return searched(store, &format!("\"{}\"", name.replace('"', " ")));
    }
    Ok(ids)
}

/// The stories every filter keeps, in the store's order (latest first).
fn select(store: &dyn Store, q: &FeedQuery, memo: &FeedMemo) -> Result<Vec<StoryRow>, StoreError> {
    let mut stories = store.stories()?;
    let (from, to) = (q.from.map(|d| d.to_string()), q.to.map(|d| d.to_string()));
    if from.is_some() || to.is_some() {
        stories.retain(|s| match (&s.first, &s.last) {
            (Some(first), Some(last)) => from.as_ref().is_none_or(|f| last >= f) && to.as_ref().is_none_or(|t| first <= t),
            _ => false,
        });
    }
    let mut keep = |ids: &HashSet<String>| stories.retain(|s| s.articles.iter().any(|a| ids.contains(a)));
    if let Some(name) = q.entity.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        let ids = memo.entity_articles(store, name)?;
        keep(&ids);
    }
    if let Some(words) = q.query.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        keep(&searched(store, words)?);
    }
    let outlet = q.outlet.as_deref().map(fold).filter(|n| !n.is_empty());
    let language = q.language.as_deref().map(|l| l.trim().to_ascii_lowercase()).filter(|n| !n.is_empty());
    if outlet.is_some() || language.is_some() {
        let ids: HashSet<String> = store
            .article_facets()?
            .into_iter()
            .filter(|r| outlet.as_deref().is_none_or(|o| r.source.as_deref().is_some_and(|s| outlet_matches(s, o))))
            .filter(|r| language.as_deref().is_none_or(|l| r.language.as_deref().is_some_and(|x| language_matches(x, l))))
            .map(|r| r.id)
            .collect();
        keep(&ids);
    }
    Ok(stories)
}

/// The articles a search finds (at most [`MAX_QUERY_HITS`] texts, every article that carries
/// one), without reading the texts a result page's snippets need.
fn searched(store: &dyn Store, query: &str) -> Result<HashSet<String>, StoreError> {
    let terms = crate::search::parse_query(query);
    Ok(store.search_article_ids(&terms, MAX_QUERY_HITS)?.into_iter().collect())
}

fn order(stories: &mut [StoryRow], sort: Sort) {
    // the store's order (latest first) breaks every tie: sorts are stable
    match sort {
        Sort::Latest => {}
        Sort::Size => stories.sort_by(|a, b| b.articles.len().cmp(&a.articles.len())),
        Sort::Outlets => stories.sort_by(|a, b| b.sources.cmp(&a.sources).then(b.articles.len().cmp(&a.articles.len()))),
        Sort::First => stories.sort_by(|a, b| match (&a.first, &b.first) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
    }
}

fn fold(s: &str) -> String {
    crate::text::fold(s.trim())
}

/// An outlet as stored matches a name asked for: the same folded name, a word of it
/// ("reuters" in "Thomson Reuters"), or its domain without the suffix ("bbc" for "bbc.co.uk").
fn outlet_matches(stored: &str, asked_folded: &str) -> bool {
    let s = fold(stored);
    s == asked_folded
        || s.split(|c: char| !c.is_alphanumeric()).any(|w| w == asked_folded)
        || (asked_folded.contains(|c: char| !c.is_alphanumeric()) && s.contains(asked_folded))
}

/// "en" matches "en", "EN" and "en-GB".
fn language_matches(stored: &str, asked: &str) -> bool {
    let s = stored.to_ascii_lowercase();
    s == asked || s.split(['-', '_']).next() == Some(asked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, first: Option<&str>, last: Option<&str>, n: usize, sources: i64) -> StoryRow {
        StoryRow {
            id,
            label: String::new(),
            articles: (0..n).map(|i| format!("{id}-{i}")).collect(),
            first: first.map(str::to_string),
            last: last.map(str::to_string),
            sources,
            independent_sources: Some(sources),
        }
    }

    #[test]
    fn sorts_keep_the_latest_first_order_on_ties() {
        let all = vec![
            row(1, Some("2025-05-10"), Some("2025-05-12"), 1, 1),
            row(2, Some("2025-05-01"), Some("2025-05-11"), 3, 1),
            row(3, Some("2025-05-05"), Some("2025-05-06"), 3, 2),
            row(4, None, None, 2, 0),
        ];
        let ids = |sort| {
            let mut v = all.clone();
            order(&mut v, sort);
            v.iter().map(|s| s.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(Sort::Latest), [1, 2, 3, 4]);
        assert_eq!(ids(Sort::Size), [2, 3, 4, 1]);
        assert_eq!(ids(Sort::Outlets), [3, 2, 1, 4]);
        assert_eq!(ids(Sort::First), [1, 3, 2, 4]);
        assert_eq!(Sort::parse(" Size "), Some(Sort::Size));
        assert_eq!(Sort::parse("biggest"), None);
    }

    #[test]
    fn outlets_and_languages_match_as_a_reader_names_them() {
        assert!(outlet_matches("Reuters", "reuters"));
        assert!(outlet_matches("reuters.com", "reuters"));
        assert!(outlet_matches("Thomson Reuters", "reuters"));
        assert!(outlet_matches("bbc.co.uk", "bbc.co.uk"));
        assert!(!outlet_matches("Reuterswire", "reuters"));
        assert!(!outlet_matches("AP", "reuters"));
        assert!(language_matches("en-GB", "en"));
        assert!(!language_matches("de", "en"));
    }
}

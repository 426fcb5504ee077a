//! The JSON API under `/api` (the contract is `openapi.json` beside this file and
//! `docs/json.md`): the library's serde values as they are, lists wrapped in a page
//! `{"items", "limit", "offset", "total"}`, and every error as `{"error": "…"}` with its status.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use crate::ingest::{IngestOptions, IngestReport, Silent};
use crate::store::{ListQuery, Store, StoreError};

/// An error as the API sends it: a status and `{"error": message}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
    pub fn unavailable() -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is shutting down")
    }
    /// 503: `what` did not finish within its budget.
    pub fn over_budget(what: &str, budget: std::time::Duration) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{what} took longer than its budget of {} s: the server is busy, try again later", budget.as_secs_f32()),
        )
    }
    /// A store failure: 503 when the store was busy with another writer for longer than its
    /// busy timeout (SQLite's "database is locked"), else 500.
    pub fn store(e: StoreError) -> ApiError {
        if e.0.contains("database is locked") || e.0.contains("database is busy") {
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, format!("the store is busy with another writer, try again later ({e})"))
        } else {
            ApiError::internal(format!("store error: {e}"))
        }
    }
}

/// The seconds a 503 asks the client to wait before trying again.
pub const RETRY_AFTER: &str = "5";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(serde_json::json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"storyline\""));
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
        }
        r
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

/// Default and largest page sizes.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 500;

/// The query string, parsed; lookups give clear 400s.
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn from_uri(uri: &Uri) -> Result<Params, ApiError> {
        Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map(|Query(v)| Params(v))
            .map_err(|e| ApiError::bad_request(format!("bad query string: {}", e.body_text())))
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    fn number(&self, key: &str, default: usize, range: std::ops::RangeInclusive<usize>) -> Result<usize, ApiError> {
        let Some(v) = self.get(key) else { return Ok(default) };
        match v.trim().parse::<usize>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "{key} must be a whole number from {} to {}, not {v:?}",
                range.start(),
                range.end()
            ))),
        }
    }
    /// `limit` (1 to `MAX_LIMIT`) and `offset`.
    pub fn paging(&self, default: usize) -> Result<(usize, usize), ApiError> {
        Ok((self.number("limit", default, 1..=MAX_LIMIT)?, self.number("offset", 0, 0..=usize::MAX >> 1)?))
    }
    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key).map(str::trim) {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("" | "true" | "1" | "yes") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!("{key} must be true or false, not {v:?}"))),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params, ApiError> {
        Params::from_uri(&parts.uri)
    }
}

/// A path parameter, or a JSON 400 (invalid percent-encoding, bad UTF-8).
pub fn path_param(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    p.map(|Path(s)| s).map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))
}

/// Where a page of a list starts and how much it holds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Listing {
    pub limit: usize,
    pub offset: usize,
    /// All items, where known (a search does not count its hits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    #[serde(skip)]
    pub shown: usize,
}

/// A page of a list.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(flatten)]
    pub listing: Listing,
}

impl<T> Page<T> {
    pub(crate) fn of(all: Vec<T>, limit: usize, offset: usize) -> Page<T> {
        let total = all.len();
        let items: Vec<T> = all.into_iter().skip(offset).take(limit).collect();
        let shown = items.len();
        Page { items, listing: Listing { limit, offset, total: Some(total), shown } }
    }
}

pub use crate::dossier::feed::FeedItem as StoryItem;

/// A page of stories as `/api/stories` gives it: the page, the stories the filters kept
/// (`total`), and the links to the next and previous pages with the same parameters.
#[derive(Debug, Serialize)]
pub struct StoriesPage {
    pub items: Vec<StoryItem>,
    #[serde(flatten)]
    pub listing: Listing,
    pub next: Option<String>,
    pub prev: Option<String>,
}

/// A date parameter (`YYYY-MM-DD`), or a 400 naming it.
fn day_param(p: &Params, key: &str) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match p.get(key).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("{key} must be a date like 2025-05-11, not {v:?}"))),
    }
}

/// A text parameter, trimmed, at most 200 characters (else a 400 naming it); empty is none.
fn text_param(p: &Params, key: &str) -> Result<Option<String>, ApiError> {
    match p.get(key).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if v.chars().count() > 200 => Err(ApiError::bad_request(format!("{key} is too long (at most 200 characters)"))),
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// The story list's parameters (`sort`, `limit`, `offset`, `from`, `to`, `entity`, `outlet`,
/// `language`, `query`), each bad value a 400 naming its parameter.
pub fn feed_query(p: &Params) -> Result<crate::dossier::feed::FeedQuery, ApiError> {
    use crate::dossier::feed::Sort;
    let (limit, offset) = p.paging(DEFAULT_LIMIT)?;
    let sort = match p.get("sort").map(str::trim).filter(|v| !v.is_empty()) {
        None => Sort::default(),
        Some(v) => Sort::parse(v).ok_or_else(|| ApiError::bad_request(format!("sort must be {}, not {v:?}", Sort::NAMES)))?,
    };
    let (from, to) = (day_param(p, "from")?, day_param(p, "to")?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::bad_request(format!("from ({f}) is after to ({t})")));
        }
    }
    let language = text_param(p, "language")?;
    if let Some(l) = &language {
        if !(2..=8).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            return Err(ApiError::bad_request(format!("language must be a language code like en, not {l:?}")));
        }
    }
    Ok(crate::dossier::feed::FeedQuery {
        sort,
        limit: Some(limit),
        offset,
        from,
        to,
        entity: text_param(p, "entity")?,
        outlet: text_param(p, "outlet")?,
        language,
        query: text_param(p, "query")?,
    })
}

/// The query string of a story list with the same filters at another offset.
pub fn feed_link(base: &str, q: &crate::dossier::feed::FeedQuery, offset: usize) -> String {
    use crate::dossier::feed::Sort;
    let mut parts: Vec<String> = Vec::new();
    if q.sort != Sort::Latest {
        parts.push(format!("sort={}", q.sort.name()));
    }
    for (k, v) in [("from", q.from.map(|d| d.to_string())), ("to", q.to.map(|d| d.to_string()))] {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    }
    for (k, v) in [("entity", &q.entity), ("outlet", &q.outlet), ("language", &q.language), ("query", &q.query)] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", super::html::enc(v)));
        }
    }
    if let Some(l) = q.limit.filter(|&l| l != DEFAULT_LIMIT) {
        parts.push(format!("limit={l}"));
    }
    if offset > 0 {
        parts.push(format!("offset={offset}"));
    }
    if parts.is_empty() { base.to_string() } else { format!("{base}?{}", parts.join("&")) }
}

/// A page of the story list as the query asks (see `dossier::feed`).
pub fn story_items(
    store: &dyn Store,
    q: &crate::dossier::feed::FeedQuery,
    base: &str,
    memo: &crate::dossier::feed::FeedMemo,
) -> Result<StoriesPage, StoreError> {
    let feed = crate::dossier::feed::feed_with(store, q, memo)?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    let listing = Listing { limit, offset: q.offset, total: Some(feed.total), shown: feed.items.len() };
    let next = (q.offset + feed.items.len() < feed.total).then(|| feed_link(base, q, q.offset + limit));
    let prev = (q.offset > 0).then(|| feed_link(base, q, q.offset.saturating_sub(limit)));
    Ok(StoriesPage { items: feed.items, listing, next, prev })
}

pub async fn stories(State(st): State<Arc<AppState>>, p: Params) -> ApiResult<StoriesPage> {
    let q = feed_query(&p)?;
    let memo = st.headlines.clone();
    Ok(Json(st.readers.with(move |s| story_items(s, &q, "/api/stories", &memo)).await?))
}

/// The story a path names, as `storyline show` takes it: its number (`#12` too) or the id of
/// one of its articles; `None` when neither.
pub fn resolve_story(store: &dyn Store, s: &str) -> Result<Option<i64>, StoreError> {
    if let Ok(n) = s.trim_start_matches('#').parse::<i64>() {
        if store.story(n)?.is_some() {
            return Ok(Some(n));
        }
    }
    store.story_of(s)
}

/// The dossier of the story `asked` names (a number or an article id), or a 404 naming it.
async fn dossier_of(st: &AppState, asked: String) -> Result<Arc<crate::dossier::Dossier>, ApiError> {
    let key = asked.clone();
    let id = match st.readers.with(move |s| resolve_story(s, &key)).await? {
        Some(id) => id,
        None => return Err(ApiError::not_found(format!("no story {asked} (neither a story number nor the id of a stored article)"))),
    };
    st.dossiers.get(&st.readers, id, st.limits.dossier).await?.ok_or_else(|| ApiError::not_found(format!("no story {id}")))
}

/// The dossier's sections that grow with the story and can be paged: the timeline, quote
/// groups, entities, the sources table and the shared passages.
pub const DOSSIER_SECTIONS: [&str; 5] = ["timeline", "quotes", "entities", "reports", "shared"];

/// Where one paged section of a dossier stands: all its items, the page given, and the
/// section endpoint's link to the next page.
#[derive(Debug, Serialize)]
pub struct SectionPage {
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
    pub next: Option<String>,
}

fn section_link(story: i64, section: &str, limit: usize, offset: usize) -> String {
    format!("/api/stories/{story}/{section}?limit={limit}&offset={offset}")
}

/// Cuts `section` of a serialised dossier to one page, returning where the page stands.
fn page_section(dossier: &mut serde_json::Value, story: i64, section: &str, limit: usize, offset: usize) -> SectionPage {
    let items = dossier.get_mut(section).and_then(|v| v.as_array_mut());
    let total = items.as_ref().map_or(0, |a| a.len());
    if let Some(items) = items {
        let page: Vec<_> = items.drain(..).skip(offset).take(limit).collect();
        *items = page;
    }
    let next = (offset + limit < total).then(|| section_link(story, section, limit, offset + limit));
    SectionPage { total, limit, offset, next }
}

/// `/api/stories/{id}`: the whole dossier; with `limit` (and `offset`), each long section
/// ([`DOSSIER_SECTIONS`]) cut to that page, and `pages` telling each section's total and the
/// link to its next page.
pub async fn story(State(st): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>, p: Params) -> Response {
    let asked = match path_param(id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let paging = if p.get("limit").is_some() || p.get("offset").is_some() {
        match p.paging(DEFAULT_LIMIT) {
            Ok(lo) => Some(lo),
            Err(e) => return e.into_response(),
        }
    } else {
        None
    };
    let d = match dossier_of(&st, asked).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let Some((limit, offset)) = paging else { return Json(&*d).into_response() };
    let mut v = match serde_json::to_value(&*d) {
        Ok(v) => v,
        Err(e) => return ApiError::internal(e.to_string()).into_response(),
    };
    let pages: serde_json::Map<String, serde_json::Value> = DOSSIER_SECTIONS
        .iter()
        .map(|s| (s.to_string(), serde_json::to_value(page_section(&mut v, d.id, s, limit, offset)).unwrap_or_default()))
        .collect();
    v["pages"] = serde_json::Value::Object(pages);
    Json(v).into_response()
}

/// One page of a dossier section, as `/api/stories/{id}/{section}` gives it.
#[derive(Debug, Serialize)]
pub struct SectionItems {
    pub story: i64,
    pub section: String,
    pub items: serde_json::Value,
    #[serde(flatten)]
    pub page: SectionPage,
}

/// `/api/stories/{id}/{section}`: one page (`limit`, `offset`) of a long dossier section.
pub async fn story_section(State(st): State<Arc<AppState>>, path: Result<Path<(String, String)>, PathRejection>, p: Params) -> ApiResult<SectionItems> {
    let Path((asked, section)) = path.map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))?;
    if !DOSSIER_SECTIONS.contains(&section.as_str()) {
        return Err(ApiError::not_found(format!("no section {section} (the sections are {})", DOSSIER_SECTIONS.join(", "))));
    }
    let (limit, offset) = p.paging(DEFAULT_LIMIT)?;
    let d = dossier_of(&st, asked).await?;
    let mut v = serde_json::to_value(&*d).map_err(|e| ApiError::internal(e.to_string()))?;
    let page = page_section(&mut v, d.id, &section, limit, offset);
    let items = v.get_mut(section.as_str()).map(serde_json::Value::take).unwrap_or_default();
    Ok(Json(SectionItems { story: d.id, section, items, page }))
}

pub async fn articles(State(st): State<Arc<AppState>>, p: Params) -> ApiResult<Page<crate::store::ArticleRow>> {
    let (limit, offset) = p.paging(DEFAULT_LIMIT)?;
    let by_date = p.flag("by_date")?;
    let page = st
        .readers
        .with(move |s| {
            let items = s.articles(&ListQuery { limit: Some(limit), offset, by_date })?;
            let total = s.stats()?.articles as usize;
            let shown = items.len();
            Ok(Page { items, listing: Listing { limit, offset, total: Some(total), shown } })
        })
        .await?;
    Ok(Json(page))
}

pub async fn article(State(st): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>) -> ApiResult<crate::json::ArticleOut> {
    let id = path_param(id)?;
    let key = id.clone();
    match st.readers.with(move |s| Ok(s.article(&key)?.map(|a| crate::json::ArticleOut::of(&a)))).await? {
        Some(a) => Ok(Json(a)),
        None => Err(ApiError::not_found(format!("no article with id {id:?}"))),
    }
}

pub async fn quotes(State(st): State<Arc<AppState>>, p: Params) -> ApiResult<Page<crate::json::QuoteGroupOut>> {
    let (limit, offset) = p.paging(DEFAULT_LIMIT)?;
    let speaker = p.get("speaker").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let page = st
        .readers
        .with(move |s| {
            // the page first: only its variants' texts are read for code points
            let page = Page::of(s.quote_groups(speaker.as_deref())?, limit, offset);
            Ok(Page { items: crate::json::quote_groups(s, &page.items)?, listing: page.listing })
        })
        .await?;
    Ok(Json(page))
}

/// An entity as `/api/entities/{name}` gives it: the entity with one page of its articles and
/// one page of its quotes (`limit` and `offset` page both), their totals and the next page.
#[derive(Debug, Serialize)]
pub struct EntityPage {
    #[serde(flatten)]
    pub entity: crate::store::EntitySummary,
    pub quotes: Vec<crate::json::QuoteGroupOut>,
    pub articles_total: usize,
    pub quotes_total: usize,
    pub limit: usize,
    pub offset: usize,
    /// The next page of articles and quotes, while either has more.
    pub next: Option<String>,
}

/// One entity with a page of its articles and quotes, or `None` if no entity has this name.
pub fn entity_page(store: &dyn Store, name: &str, limit: usize, offset: usize) -> Result<Option<EntityPage>, StoreError> {
    let Some(mut entity) = crate::search::entity_named(store, name)? else { return Ok(None) };
    let groups = if entity.kind == "PERSON" || entity.kind == "ORG" { store.quote_groups(Some(&entity.name))? } else { Vec::new() };
    let (articles_total, quotes_total) = (entity.articles.len(), groups.len());
    entity.articles = entity.articles.into_iter().skip(offset).take(limit).collect();
    // only the page's quote variants are read for their texts
    let page: Vec<_> = groups.into_iter().skip(offset).take(limit).collect();
    let quotes = crate::json::quote_groups(store, &page)?;
    let next = (offset + limit < articles_total.max(quotes_total))
        .then(|| format!("/api/entities/{}?limit={limit}&offset={}", super::html::enc(name), offset + limit));
    Ok(Some(EntityPage { entity, quotes, articles_total, quotes_total, limit, offset, next }))
}

pub async fn entity(State(st): State<Arc<AppState>>, name: Result<Path<String>, PathRejection>, p: Params) -> ApiResult<EntityPage> {
    let name = path_param(name)?;
    let (limit, offset) = p.paging(DEFAULT_LIMIT)?;
    let key = name.clone();
    match st.readers.with(move |s| entity_page(s, &key, limit, offset)).await? {
        Some(e) => Ok(Json(e)),
        None => Err(ApiError::not_found(format!("no person, place or organisation named {name:?}"))),
    }
}

/// A search and its hits.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    pub query: String,
    /// The terms searched for, as folded keys (a phrase is one term of several keys): repeated
    /// terms count once, and at most `search::MAX_QUERY_TERMS` are used.
    pub terms: Vec<Vec<String>>,
    #[serde(flatten)]
    pub page: Page<crate::search::Hit>,
}

/// The query of a search request: `q`, required, with at least one word.
pub fn search_query(p: &Params) -> Result<String, ApiError> {
    let q = p.get("q").map(str::trim).unwrap_or("");
    if q.is_empty() {
        return Err(ApiError::bad_request("q is required: the words to search for"));
    }
    if q.chars().count() > 1000 {
        return Err(ApiError::bad_request("q is too long (at most 1000 characters)"));
    }
    if crate::search::parse_query(q).is_empty() {
        return Err(ApiError::bad_request(format!("q has no words to search for: {q:?}")));
    }
    Ok(q.to_string())
}

pub async fn run_search(st: &AppState, q: String, limit: usize, offset: usize) -> Result<SearchPage, ApiError> {
    let query = q.clone();
    let terms = crate::search::parse_query(&q);
    let counted = terms.clone();
    let (items, total) = st
        .readers
        .within(st.limits.search, "the search", move |s| Ok((crate::search::search(s, &query, limit, offset)?, s.search_count(&counted)?)))
        .await?;
    let shown = items.len();
    Ok(SearchPage { query: q, terms, page: Page { items, listing: Listing { limit, offset, total: Some(total), shown } } })
}

pub async fn search(State(st): State<Arc<AppState>>, p: Params) -> ApiResult<SearchPage> {
    let (limit, offset) = p.paging(20)?;
    let q = search_query(&p)?;
    Ok(Json(run_search(&st, q, limit, offset).await?))
}

/// Compares in constant time: every byte of the expected token is compared and the lengths are
/// folded in rather than checked first, so the time depends on neither where the strings
/// differ nor whether their lengths do (only on the lengths themselves).
fn same_token(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut diff = (a.len() ^ b.len()) as u64;
    for (i, y) in b.iter().enumerate() {
        diff |= u64::from(a.get(i).copied().unwrap_or(0) ^ y);
    }
    std::hint::black_box(diff) == 0
}

/// Whether a write may go ahead: `Ok` with the token given, else 403 (writes disabled on this
/// server) or 401 (no token, or the wrong one).
pub fn check_token(st: &AppState, given: Option<&str>) -> Result<(), ApiError> {
    let Some(expected) = st.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is disabled on this server: start `storyline serve` with --token (or STORYLINE_TOKEN) to allow writes",
        ));
    };
    match given {
        None | Some("") => Err(ApiError::new(StatusCode::UNAUTHORIZED, "a token is required: send `Authorization: Bearer TOKEN`")),
        Some(t) if same_token(t, expected) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token")),
    }
}

fn bearer(h: &HeaderMap) -> Option<&str> {
    let v = h.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Runs before the body is read, so a request without the token is refused unread.
pub async fn require_token(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    match check_token(&st, bearer(req.headers())) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// Ingest a JSONL body with the writer connection (one writer at a time). It waits for the
/// writer (another upload) and then for the store (another process's write, the store's busy
/// timeout); when either wait runs out the answer is 503 with `Retry-After`.
pub async fn ingest_body(st: &AppState, name: String, body: Bytes) -> Result<IngestReport, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request("the body is empty: send JSON Lines, one article per line"));
    }
    let wait = st.limits.write_wait;
    let writer = tokio::time::timeout(wait, st.writer.clone().lock_owned())
        .await
        .map_err(|_| ApiError::over_budget("waiting for the other upload to finish", wait))?;
    let job = tokio::task::spawn_blocking(move || {
        let mut store = writer;
        crate::ingest::ingest_jsonl(&mut **store, &name, &body, &IngestOptions::default(), &mut Silent)
    });
    match job.await {
        Ok(r) => r.map_err(ApiError::store),
        Err(_) => Err(ApiError::internal("the ingest failed inside the server")),
    }
}

/// Whether an error was the body's timeout (a client that stopped sending).
pub fn timed_out(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut at = Some(e);
    while let Some(e) = at {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        at = e.source();
    }
    false
}

/// The answer to a body not whole in time: 408 (the connection is then closed).
pub fn body_timeout(limits: &super::Limits) -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        format!(
            "the body did not arrive in time (a pause over {} s, or over {} s in all)",
            limits.timeout.as_secs_f32(),
            limits.request.as_secs_f32()
        ),
    )
}

/// The body limit's rejection as JSON (413 when the body is over `MAX_BODY`, 408 when it
/// stopped coming).
pub fn body_error(e: BytesRejection, limits: &super::Limits) -> ApiError {
    let status = e.status();
    if timed_out(&e) {
        body_timeout(limits)
    } else if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(status, format!("the body is too large: at most {} MiB", super::MAX_BODY >> 20))
    } else {
        ApiError::new(status, format!("cannot read the body: {}", e.body_text()))
    }
}

/// `POST /api/ingest`: a JSONL body, one article per line; the report as the CLI's
/// `ingest --json` prints it (per-line errors in `errors`).
pub async fn ingest(State(st): State<Arc<AppState>>, p: Params, req: Request) -> ApiResult<IngestReport> {
    let body = tokio::time::timeout(st.limits.request, Bytes::from_request(req, &st))
        .await
        .map_err(|_| body_timeout(&st.limits))?
        .map_err(|e| body_error(e, &st.limits))?;
    let name = p.get("name").map(str::trim).filter(|n| !n.is_empty()).unwrap_or("request body");
    let name: String = name.chars().take(200).collect();
    Ok(Json(ingest_body(&st, name, body).await?))
}

const OPENAPI: &str = include_str!("openapi.json");

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

// the original URI: inside the nested `/api` router the path has lost its prefix
pub async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!("no such endpoint: {method} {} (see /api/openapi.json)", uri.path()))
}

pub async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed on {} (see /api/openapi.json)", uri.path()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_give_clear_errors() {
        let p = Params::from_uri(&"/x?limit=abc&offset=3&by_date=maybe".parse().unwrap()).unwrap();
        assert!(p.paging(10).unwrap_err().message.contains("limit must be a whole number from 1 to 500"));
        assert!(p.flag("by_date").is_err());
        let p = Params::from_uri(&"/x?limit=5&offset=3".parse().unwrap()).unwrap();
        assert_eq!(p.paging(10).unwrap(), (5, 3));
        assert!(Params::from_uri(&"/x?limit=0".parse().unwrap()).unwrap().paging(10).is_err());
        assert!(Params::from_uri(&"/x?limit=501".parse().unwrap()).unwrap().paging(10).is_err());
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("s3cret", "s3cret"));
        assert!(!same_token("s3cre", "s3cret") && !same_token("s3creT", "s3cret") && !same_token("", "s3cret"));
        assert!(!same_token("s3cret\0", "s3cret") && !same_token("s3cretx", "s3cret"));
    }
}

/// A thread as `/api/threads/{id}` gives it: its overview, its stories (earliest first), its
/// people (most articles first) and its timeline (`dossier::tls` over its articles).
#[derive(Debug, Clone, Serialize)]
pub struct ThreadDetail {
    pub thread: crate::dossier::threads::ThreadOverview,
    pub stories: Vec<crate::store::StoryRow>,
    pub people: Vec<crate::store::EntitySummary>,
    pub timeline: Vec<crate::dossier::TimelineEntry>,
}

/// How many people a thread's page names.
const THREAD_PEOPLE: usize = 20;

/// One thread, whole, or `None` if it has no article.
pub fn thread_detail(store: &dyn Store, id: i64) -> Result<Option<ThreadDetail>, StoreError> {
    let Some(row) = store.thread(id)? else { return Ok(None) };
    let mut stories = Vec::with_capacity(row.stories.len());
    let mut people: Vec<crate::store::EntitySummary> = Vec::new();
    for &s in &row.stories {
        let Some(story) = store.story(s)? else { continue };
        for e in store.story_entities(s)?.into_iter().filter(|e| e.kind == "PERSON") {
            match people.iter_mut().find(|p| p.key == e.key) {
                Some(p) => {
                    p.mentions += e.mentions;
                    p.articles.extend(e.articles);
                    for sp in e.spellings {
                        if !p.spellings.contains(&sp) {
                            p.spellings.push(sp);
                        }
                    }
                }
                None => people.push(e),
            }
        }
        stories.push(story);
    }
    people.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(b.mentions.cmp(&a.mentions)).then_with(|| a.name.cmp(&b.name)));
    people.truncate(THREAD_PEOPLE);
    let timeline = crate::dossier::tls::timeline(store, &row.articles, &crate::dossier::tls::Options::default())?;
    Ok(Some(ThreadDetail { thread: crate::dossier::threads::ThreadOverview::of(store, &row)?, stories, people, timeline }))
}

pub async fn threads(State(st): State<Arc<AppState>>, p: Params) -> ApiResult<Page<crate::dossier::threads::ThreadOverview>> {
    let (limit, offset) = p.paging(DEFAULT_LIMIT)?;
    let page = st
        .readers
        .with(move |s| {
            let rows = Page::of(s.threads()?, limit, offset);
            let items = rows.items.iter().map(|t| crate::dossier::threads::ThreadOverview::of(s, t)).collect::<Result<Vec<_>, _>>()?;
            Ok(Page { items, listing: rows.listing })
        })
        .await?;
    Ok(Json(page))
}

pub async fn thread(State(st): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>) -> Response {
    let id = match path_param(id).and_then(|s| s.parse::<i64>().map_err(|_| ApiError::bad_request(format!("a thread id is a whole number, not {s:?}")))) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    match st.readers.with(move |s| thread_detail(s, id)).await {
        Ok(Some(d)) => Json(d).into_response(),
        Ok(None) => ApiError::not_found(format!("no thread {id}")).into_response(),
        Err(e) => e.into_response(),
    }
}

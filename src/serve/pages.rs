//! The web UI's handlers: the same store calls as the API, rendered by `html`; errors become
//! an HTML page with the same status the API would give.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::rejection::PathRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::api::{self, ApiError, Params};
use super::html;

/// An API error shown as a page.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        (self.0.status, Html(html::error_page(self.0.status.as_u16(), &self.0.message))).into_response()
    }
}

type PageResult = Result<Html<String>, PageError>;

pub async fn stories(State(st): State<Arc<AppState>>, uri: Uri) -> PageResult {
    let q = api::feed_query(&Params::from_uri(&uri)?)?;
    let asked = q.clone();
    let memo = st.headlines.clone();
    let page = st.readers.with(move |s| api::story_items(s, &asked, "/", &memo)).await?;
    Ok(Html(html::stories_page(&page, &q)))
}

pub async fn story(State(st): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>) -> PageResult {
    let asked = api::path_param(id)?;
    let key = asked.clone();
    let Some(id) = st.readers.with(move |s| api::resolve_story(s, &key)).await? else {
        return Err(ApiError::not_found(format!("There is no story {asked}.")).into());
    };
    match st.dossiers.get(&st.readers, id, st.limits.dossier).await? {
        Some(d) => Ok(Html(html::story_page(&d))),
        None => Err(ApiError::not_found(format!("There is no story {id}.")).into()),
    }
}

/// `/threads/{id}`: the thread's timeline, its stories and its people.
pub async fn thread(State(st): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>) -> PageResult {
    let raw = api::path_param(id)?;
    let id = raw.parse::<i64>().map_err(|_| ApiError::bad_request(format!("a thread id is a whole number, not {raw:?}")))?;
    let found = st
        .readers
        .with(move |s| {
            let Some(d) = api::thread_detail(s, id)? else { return Ok(None) };
            let mut titles = std::collections::HashMap::new();
            for src in d.timeline.iter().flat_map(|e| &e.sources) {
                if !titles.contains_key(src) {
                    if let Some(a) = s.article(src)? {
                        titles.insert(src.clone(), html::article_label(&a.row));
                    }
                }
            }
            // each story by its headline, as the front page lists it
            let mut headlines = std::collections::HashMap::new();
            for story in &d.stories {
                if let Some(h) = crate::dossier::headline::story_headline(s, &story.articles)? {
                    headlines.insert(story.id, h.text);
                }
            }
            Ok(Some((d, titles, headlines)))
        })
        .await?;
    match found {
        Some((d, titles, headlines)) => Ok(Html(html::thread_page(&d, &titles, &headlines))),
        None => Err(ApiError::not_found(format!("There is no thread {id}.")).into()),
    }
}

pub async fn threads(State(st): State<Arc<AppState>>, uri: Uri) -> PageResult {
    let p = Params::from_uri(&uri)?;
    let (limit, offset) = p.paging(api::DEFAULT_LIMIT)?;
    let (items, l) = st
        .readers
        .with(move |s| {
            let rows = api::Page::of(s.threads()?, limit, offset);
            let items = rows.items.iter().map(|t| crate::dossier::threads::ThreadOverview::of(s, t)).collect::<Result<Vec<_>, _>>()?;
            Ok((items, rows.listing))
        })
        .await?;
    Ok(Html(html::threads_page(&items, &l)))
}

pub async fn articles(State(st): State<Arc<AppState>>, uri: Uri) -> PageResult {
    let p = Params::from_uri(&uri)?;
    let (limit, offset) = p.paging(api::DEFAULT_LIMIT)?;
    let by_date = p.flag("by_date")?;
    let (rows, total) = st
        .readers
        .with(move |s| Ok((s.articles(&crate::store::ListQuery { limit: Some(limit), offset, by_date })?, s.stats()?.articles as usize)))
        .await?;
    let l = api::Listing { limit, offset, total: Some(total), shown: rows.len() };
    Ok(Html(html::articles_page(&rows, &l, by_date)))
}

pub async fn article(State(st): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>) -> PageResult {
    let id = api::path_param(id)?;
    let key = id.clone();
    match st.readers.with(move |s| s.article(&key)).await? {
        Some(a) => Ok(Html(html::article_page(&a))),
        None => Err(ApiError::not_found(format!("There is no article with id {id:?}.")).into()),
    }
}

pub async fn search(State(st): State<Arc<AppState>>, uri: Uri) -> PageResult {
    let p = Params::from_uri(&uri)?;
    let (limit, offset) = p.paging(20)?;
    let raw = p.get("q").unwrap_or("").trim().to_string();
    if raw.is_empty() {
        return Ok(Html(html::search_page("", &[], &api::Listing { limit, offset, total: None, shown: 0 })));
    }
    let q = api::search_query(&p)?;
    let found = api::run_search(&st, q, limit, offset).await?;
    Ok(Html(html::search_page(&found.query, &found.page.items, &found.page.listing)))
}

/// `/timeline?q=WORDS` (the articles a search finds), `?entity=NAME`, or neither (the whole
/// store), within `from`/`to` (YYYY-MM-DD): `dossier::tls`, as `storyline timeline` gives it.
pub async fn timeline(State(st): State<Arc<AppState>>, uri: Uri) -> PageResult {
    use crate::dossier::tls::{self, Scope};
    let p = Params::from_uri(&uri)?;
    let day = |k: &str| -> Result<Option<chrono::NaiveDate>, ApiError> {
        match p.get(k).map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map(Some).map_err(|_| ApiError::bad_request(format!("{k} must be a date like 2025-05-11"))),
        }
    };
    let (from, to) = (day("from")?, day("to")?);
    let q = p.get("q").map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let entity = p.get("entity").map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let scope = match (&q, &entity) {
        (Some(q), _) => Scope::Query(q.clone()),
        (None, Some(e)) => Scope::Entity(e.clone()),
        _ => Scope::All,
    };
    let o = tls::Options { from, to, ..Default::default() };
    let found = st
        .readers
        .with(move |s| {
            let Some((what, ids)) = tls::articles_of(s, &scope)? else { return Ok(None) };
            let entries = tls::timeline(s, &ids, &o)?;
            // the cited articles' outlets and titles, for the citations' tooltips
            let cited: std::collections::BTreeSet<&String> = entries.iter().flat_map(|e| &e.sources).collect();
            let mut titles = std::collections::HashMap::new();
            for id in cited {
                if let Some(a) = s.article(id)? {
                    titles.insert(id.clone(), html::article_label(&a.row));
                }
            }
            Ok(Some((what, ids.len(), entries, titles)))
        })
        .await?;
    match found {
        Some((what, n, entries, titles)) => Ok(Html(html::timeline_page(&what, n, q.as_deref().unwrap_or(""), &entries, &titles))),
        None => Err(ApiError::not_found(format!("No person, place or organisation is named {:?}.", entity.unwrap_or_default())).into()),
    }
}

pub async fn ingest_form(State(st): State<Arc<AppState>>) -> Html<String> {
    Html(html::ingest_page(st.token.is_some(), None, None))
}

/// The upload form: `token`, and a `file` or pasted `text` of JSON Lines. The form must be
/// whole within the request limit (408 otherwise, as for the API).
pub async fn ingest_upload(State(st): State<Arc<AppState>>, form: Result<Multipart, MultipartRejection>) -> Response {
    let enabled = st.token.is_some();
    let page = |status: StatusCode, error: &str| (status, Html(html::ingest_page(enabled, None, Some(error)))).into_response();
    let form = match form {
        Ok(f) => f,
        Err(e) => return page(e.status(), &format!("The form could not be read: {}", e.body_text())),
    };
    // The token is checked before any upload is read: a server without one refuses at once,
    // and the form sends its token field first (a file or text field before a good token is
    // refused unread). The token field itself is read only up to 4 KiB.
    if !enabled {
        let e = api::check_token(&st, None).expect_err("writes are disabled");
        return page(e.status, &e.message);
    }
    let read = match tokio::time::timeout(st.limits.request, read_form(&st, form)).await {
        Ok(read) => read,
        Err(_) => Err(api::body_timeout(&st.limits)),
    };
    let (name, body) = match read {
        Ok(got) => got,
        Err(e) => return page(e.status, &e.message),
    };
    match api::ingest_body(&st, name, body).await {
        Ok(report) => Html(html::ingest_page(enabled, Some(&report), None)).into_response(),
        Err(e) => page(e.status, &e.message),
    }
}

/// The form's upload and its name, once its token is found good (a field before it is
/// refused unread).
async fn read_form(st: &AppState, mut form: Multipart) -> Result<(String, Bytes), ApiError> {
    let no_token = || api::check_token(st, None).expect_err("no token given");
    let unreadable = |e: MultipartError| {
        if api::timed_out(&e) {
            api::body_timeout(&st.limits)
        } else if e.body_text().contains("length limit") {
            ApiError::new(e.status(), format!("The upload is too large: at most {} MiB.", super::MAX_BODY >> 20))
        } else {
            ApiError::new(e.status(), format!("The upload could not be read: {}", e.body_text()))
        }
    };
    let (mut token_ok, mut file, mut text, mut name) = (false, Bytes::new(), Bytes::new(), String::from("upload"));
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        let which = field.name().unwrap_or("").to_string();
        if which == "token" {
            let mut got = Vec::new();
            while let Some(c) = field.chunk().await.map_err(unreadable)? {
                if got.len() + c.len() > 4096 {
                    return Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token"));
                }
                got.extend_from_slice(&c);
            }
            api::check_token(st, Some(String::from_utf8_lossy(&got).trim()))?;
            token_ok = true;
            continue;
        }
        if !matches!(which.as_str(), "file" | "text") {
            continue;
        }
        if !token_ok {
            return Err(no_token());
        }
        if let Some(n) = field.file_name().filter(|n| which == "file" && !n.is_empty()) {
            name = n.chars().take(200).collect();
        }
        let bytes = field.bytes().await.map_err(unreadable)?;
        if which == "file" {
            file = bytes;
        } else {
            text = bytes;
        }
    }
    if !token_ok {
        return Err(no_token());
    }
    Ok((name, if file.iter().any(|b| !b.is_ascii_whitespace()) { file } else { text }))
}

pub async fn not_found(uri: Uri) -> PageError {
    ApiError::not_found(format!("There is no page at {}.", uri.path())).into()
}

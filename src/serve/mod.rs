//! `storyline serve`: the HTTP JSON API (`/api/…`, described by `/api/openapi.json`) and the
//! web UI (server-rendered HTML, one stylesheet, no script) over one store.
//!
//! **Store access.** Only through the backend factory ([`store::Location`]) and the `Store`
//! trait: a store handle is `Send` but not `Sync`, and its calls block. Reads go through a
//! small pool of read-only handles ([`Readers`], `Location::open_reader`): a request takes a
//! permit (async, so waiting costs no thread), then runs its store calls on tokio's blocking
//! pool with a handle of its own. Writes (ingest) go through the one writer handle behind an
//! async mutex, also on the blocking pool. Readers see the last committed batch and never
//! block the writer, nor it them (SQLite: WAL mode). Views never write: the reader handles
//! refuse writes.
//!
//! **Safe by default.** It binds to 127.0.0.1 unless told otherwise; writes need the token
//! given at start (`--token`, `STORYLINE_TOKEN`), and without one ingest is disabled (403);
//! request bodies are capped ([`MAX_BODY`]); every response carries a Content-Security-Policy
//! that allows no script and no inline style, `nosniff`, and no framing. Every stored string
//! is escaped where a page renders it (`html::Esc`).
//!
//! **Nothing waits for ever** ([`Limits`]). Connections are served by hyper's HTTP/1 server
//! with a timer: a client must send a request's headers within the timeout (`--timeout`), or
//! the connection is closed (idle kept-alive connections too); a body must keep coming (no gap
//! longer than the timeout, tower-http's `RequestBodyTimeoutLayer`) and be whole within
//! [`Limits::request`], or the answer is 408 and the connection is closed. At most
//! `--max-connections` are open at once: the server stops accepting while it has that many,
//! so the rest wait in the kernel's listen queue and cost no descriptor. Every read runs within
//! a time budget (search [`Limits::search`], a dossier build [`Limits::dossier`], any other
//! read [`Limits::read`], the wait for a read handle included), and a write waits for the
//! writer at most [`Limits::write_wait`]; past a budget the answer is 503 with `Retry-After`.
//! A store call that has started is not cancelled (SQLite gives no way to through the `Store`
//! trait): it finishes on its blocking thread, bounded by the caps on its input (query terms,
//! page sizes, a dossier's 80 articles), and then gives its read handle back.
//!
//! What it refuses to do: run analysis or linking of its own (ingest is the library's
//! pipeline, `ingest::ingest_jsonl`), or fetch anything from the network.

pub mod api;
#[cfg(test)]
mod contract;
pub mod html;
mod pages;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};

use crate::store::{self, Location, Store, StoreError};

/// The largest request body accepted (an ingest upload): 16 MiB.
pub const MAX_BODY: usize = 16 << 20;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// The store (`--db`).
    pub db: Location,
    /// The token that allows writes; `None` disables ingest.
    pub token: Option<String>,
    /// Read connections (and so concurrent read requests on the blocking pool).
    pub readers: usize,
    pub limits: Limits,
}

impl Config {
    pub fn new(addr: SocketAddr, db: impl Into<Location>, token: Option<String>) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config { addr, db: db.into(), token: token.filter(|t| !t.is_empty()), readers: (cores * 2).clamp(2, 16), limits: Limits::default() }
    }
}

/// How long the server waits for a client and for its own work, and how many connections it
/// holds (see the module doc).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request's headers must arrive within this, and a body may pause no longer
    /// (`--timeout`).
    pub timeout: Duration,
    /// A request body must be whole within this (an upload).
    pub request: Duration,
    /// Connections open at once (`--max-connections`).
    pub connections: usize,
    /// A search's budget.
    pub search: Duration,
    /// A dossier build's budget.
    pub dossier: Duration,
    /// Any other read's budget.
    pub read: Duration,
    /// How long a write waits for the writer (another upload, or another process's
    /// transaction) before it is answered 503.
    pub write_wait: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: Duration::from_secs(10),
            request: Duration::from_secs(60),
            connections: 256,
            search: Duration::from_secs(5),
            dossier: Duration::from_secs(30),
            read: Duration::from_secs(10),
            write_wait: Duration::from_secs(30),
        }
    }
}

/// The read handles: opened on demand, kept for reuse, at most `permits` in use at once.
pub struct Readers {
    location: Location,
    idle: Mutex<Vec<Box<dyn Store>>>,
    permits: Arc<tokio::sync::Semaphore>,
    /// The budget of a read that names none.
    budget: Duration,
}

impl Readers {
    fn new(location: &Location, n: usize, budget: Duration) -> Readers {
        Readers { location: location.clone(), idle: Mutex::new(Vec::new()), permits: Arc::new(tokio::sync::Semaphore::new(n.max(1))), budget }
    }

    /// Run `f` with a read connection on the blocking pool, within the default read budget.
    pub async fn with<T, F>(self: &Arc<Self>, f: F) -> Result<T, api::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        self.within(self.budget, "the request", f).await
    }

    /// Run `f` with a read connection on the blocking pool; if the wait for a connection and
    /// the work take longer than `budget`, the answer is 503 (`what` names the work in it).
    /// Work already started finishes in the background and gives its connection back.
    pub async fn within<T, F>(self: &Arc<Self>, budget: Duration, what: &str, f: F) -> Result<T, api::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        let me = self.clone();
        let work = async move {
            let permit = me.permits.clone().acquire_owned().await.map_err(|_| api::ApiError::unavailable())?;
            let job = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                let conn = me.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
                let conn = match conn {
                    Some(c) => c,
                    None => me.location.open_reader()?,
                };
                let out = f(conn.as_ref());
                me.idle.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
                out
            });
            match job.await {
                Ok(r) => r.map_err(api::ApiError::store),
                Err(_) => Err(api::ApiError::internal("the request failed inside the server")),
            }
        };
        tokio::time::timeout(budget, work).await.unwrap_or_else(|_| Err(api::ApiError::over_budget(what, budget)))
    }
}

/// What every handler shares.
pub struct AppState {
    pub readers: Arc<Readers>,
    /// Dossiers built, by story, with the store version they were built at.
    pub dossiers: Arc<DossierCache>,
    /// Story headlines chosen, kept across requests (exact: keyed by the story's articles).
    pub headlines: Arc<crate::dossier::feed::FeedMemo>,
    pub writer: Arc<tokio::sync::Mutex<Box<dyn Store>>>,
    pub token: Option<String>,
    pub limits: Limits,
}

/// The dossiers already built, each kept with the store's version when it was built: the
/// articles stored and the articles the clusterer has linked (each linked batch is one
/// transaction, so a reader sees a batch wholly or not at all). A dossier is served again
/// only while both are unchanged; at most [`DossierCache::CAP`] are kept.
#[derive(Default)]
pub struct DossierCache {
    built: Mutex<std::collections::HashMap<i64, ((i64, u64), Arc<crate::dossier::Dossier>)>>,
}

impl DossierCache {
    pub const CAP: usize = 64;

    /// The dossier of a story, built on a read connection unless a current one is kept, within
    /// `budget` (else 503).
    pub async fn get(self: &Arc<Self>, readers: &Arc<Readers>, id: i64, budget: Duration) -> Result<Option<Arc<crate::dossier::Dossier>>, api::ApiError> {
        let me = self.clone();
        readers
            .within(budget, "building the dossier", move |s| {
                let version = (s.stats()?.articles, s.cluster_meta()?.n_docs);
                if let Some((v, d)) = me.built.lock().unwrap_or_else(|p| p.into_inner()).get(&id) {
                    if *v == version {
                        return Ok(Some(d.clone()));
                    }
                }
                let Some(d) = crate::dossier::build(s, id)? else { return Ok(None) };
                let d = Arc::new(d);
                let mut built = me.built.lock().unwrap_or_else(|p| p.into_inner());
                if built.len() >= Self::CAP {
                    built.retain(|_, (v, _)| *v == version);
                    if built.len() >= Self::CAP {
                        built.clear();
                    }
                }
                built.insert(id, (version, d.clone()));
                Ok(Some(d))
            })
            .await
    }
}

/// Open the store (creating and migrating it as needed) and build the shared state.
pub fn state(cfg: &Config) -> Result<Arc<AppState>, StoreError> {
    let writer: Box<dyn Store> = store::Location::open(&cfg.db)?;
    Ok(Arc::new(AppState {
        readers: Arc::new(Readers::new(&cfg.db, cfg.readers, cfg.limits.read)),
        dossiers: Arc::new(DossierCache::default()),
        headlines: Arc::new(crate::dossier::feed::FeedMemo::default()),
        writer: Arc::new(tokio::sync::Mutex::new(writer)),
        token: cfg.token.clone(),
        limits: cfg.limits,
    }))
}

/// The JSON API's routes, under `/api`. `openapi.json` documents exactly these (the
/// `contract` tests check it against the router built from this table).
fn api_routes(state: &Arc<AppState>) -> Vec<(&'static str, MethodRouter<Arc<AppState>>)> {
    vec![
        ("/stories", get(api::stories)),
        ("/stories/{id}", get(api::story)),
        ("/stories/{id}/{section}", get(api::story_section)),
        ("/threads", get(api::threads)),
        ("/threads/{id}", get(api::thread)),
        ("/articles", get(api::articles)),
        ("/articles/{id}", get(api::article)),
        ("/quotes", get(api::quotes)),
        ("/entities/{name}", get(api::entity)),
        ("/search", get(api::search)),
        ("/ingest", post(api::ingest).route_layer(axum::middleware::from_fn_with_state(state.clone(), api::require_token))),
        ("/openapi.json", get(api::openapi)),
    ]
}

/// The whole application: API, pages, stylesheet, headers.
pub fn router(state: Arc<AppState>) -> Router {
    let pause = state.limits.timeout;
    let api = api_routes(&state)
        .into_iter()
        .fold(Router::new(), |api, (path, route)| api.route(path, route))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed);
    Router::new()
        .nest("/api", api)
        .route("/", get(pages::stories))
        .route("/stories/{id}", get(pages::story))
        .route("/threads", get(pages::threads))
        .route("/threads/{id}", get(pages::thread))
        .route("/articles", get(pages::articles))
        .route("/articles/{id}", get(pages::article))
        .route("/search", get(pages::search))
        .route("/timeline", get(pages::timeline))
        .route("/ingest", get(pages::ingest_form).post(pages::ingest_upload))
        .route("/static/style.css", get(stylesheet))
        .route("/favicon.ico", get(|| async { axum::http::StatusCode::NO_CONTENT }))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(pause))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

const STYLE: &str = include_str!("style.css");

async fn stylesheet() -> Response {
    let mut r = Response::new(axum::body::Body::from(STYLE));
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

/// The headers every response carries: no script, no inline style, no framing, no sniffing.
async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    r
}

/// Serve on an already bound listener until the process ends: hyper's HTTP/1 server with a
/// timer (the header-read timeout closes a connection that sends no whole request head in
/// time, idle kept-alive ones included), at most `limits.connections` connections at once (no
/// accept while that many are open: the rest wait in the kernel's listen queue).
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    let limits = state.limits;
    let app = router(state);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.connections.max(1)));
    loop {
        let slot = slots.clone().acquire_owned().await.map_err(std::io::Error::other)?;
        let tcp = match listener.accept().await {
            Ok((tcp, _)) => tcp,
            // out of descriptors, or a connection reset before it was accepted: wait a little
            // rather than spin, and go on
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(limits.timeout);
            // a connection that fails (a timeout, a reset, bad HTTP) just ends
            let _ = http.serve_connection(hyper_util::rt::TokioIo::new(tcp), service).await;
        });
    }
}

/// `storyline serve`: bind, say where, and serve (blocks). `ready` is told the bound address.
pub fn run(cfg: &Config, ready: &mut dyn FnMut(SocketAddr)) -> Result<(), String> {
    let state = state(cfg).map_err(|e| e.to_string())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(cfg.readers + 4)
        .thread_name("storyline-serve")
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(cfg.addr).await.map_err(|e| format!("cannot listen on {}: {e}", cfg.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        ready(addr);
        serve(listener, state).await.map_err(|e| format!("the server stopped: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::IntoResponse;

    /// A read past its budget is answered 503 with `Retry-After`; the work goes on in the
    /// background and gives its handle back, so the next read is served.
    #[test]
    fn a_read_over_its_budget_is_answered_503_and_the_pool_recovers() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = Config::new("127.0.0.1:0".parse().unwrap(), dir.path().join("store.db"), None);
        cfg.readers = 1;
        let st = state(&cfg).unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        rt.block_on(async {
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let slow = st
                .readers
                .within(Duration::from_millis(20), "the search", move |s| {
                    rx.recv().ok(); // held until the answer has gone out
                    s.stats().map(|_| ())
                })
                .await;
            let e = slow.expect_err("over budget");
            assert_eq!(e.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
            assert!(e.message.starts_with("the search took longer than its budget"), "{}", e.message);
            assert_eq!(e.into_response().headers()[axum::http::header::RETRY_AFTER], api::RETRY_AFTER);
            // the one handle is still busy: the next read waits its own budget out, then 503
            let queued = st.readers.within(Duration::from_millis(20), "the listing", |s| s.stats()).await;
            assert!(queued.expect_err("no handle free").message.starts_with("the listing took longer"));
            tx.send(()).unwrap();
            assert_eq!(st.readers.with(|s| s.stats()).await.unwrap().articles, 0);
        });
    }
}

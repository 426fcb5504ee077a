//! `openapi.json` is written by hand; these tests keep it true to the real API, so that it
//! cannot drift from the routes or from the serde output of the types it describes:
//!
//! - **routes**: the paths it lists are the router's `/api` routes (`api_routes`), and each
//!   path's methods are the ones the router answers (every other method gets the 405 of
//!   `method_not_allowed`);
//! - **responses**: on a store holding the seed articles, every endpoint is called through the
//!   router (successes and errors, ingest included); each status must be documented for its
//!   operation, and each JSON body must match the documented schema: no field the document
//!   does not name (where it does not say `additionalProperties`), every required field, the
//!   right types and enum values;
//! - **no stale fields**: every property the document names is seen in some response, and
//!   every schema it defines is used.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::Value;
use tower_service::Service;

use super::{AppState, Config, api_routes, router, state};

const TOKEN: &str = "contract-token";

/// The real router over a store holding the seed articles, and the document.
struct Api {
    router: Router,
    state: Arc<AppState>,
    rt: tokio::runtime::Runtime,
    doc: Value,
    _dir: tempfile::TempDir,
}

impl Api {
    fn new() -> Api {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut store = crate::store::sqlite::SqliteStore::open(&db).unwrap();
        let report = crate::ingest::ingest(&mut store, &[examples], &Default::default(), &mut crate::ingest::Silent).unwrap();
        assert_eq!(report.ingested, 5);
        drop(store);
        let state = state(&Config::new("127.0.0.1:0".parse().unwrap(), db, Some(TOKEN.into()))).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let doc = serde_json::from_str(include_str!("openapi.json")).unwrap();
        Api { router: router(state.clone()), state, rt, doc, _dir: dir }
    }

    /// One request through the router: the status and the body (JSON, else `Value::Null`).
    fn call(&mut self, method: Method, uri: &str, token: Option<&str>, body: &str) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = req.body(Body::from(body.to_string())).unwrap();
        let router = &mut self.router;
        self.rt.block_on(async {
            let resp = router.call(req).await.unwrap();
            let status = resp.status();
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
            (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
        })
    }
}

/// The path with its `{parameters}` filled in.
fn concrete(path: &str) -> String {
    path.replace("{id}", "1").replace("{name}", "Kyiv")
}

#[test]
fn the_document_lists_exactly_the_routes_and_methods_served() {
    let mut api = Api::new();
    let served: BTreeSet<String> = api_routes(&api.state).into_iter().map(|(p, _)| format!("/api{p}")).collect();
    let paths = api.doc["paths"].as_object().unwrap().clone();
    let documented: BTreeSet<String> = paths.keys().cloned().collect();
    assert_eq!(documented, served, "openapi.json paths (left) against the router's /api routes (right)");
    for (path, ops) in &paths {
        let want: BTreeSet<String> = ops.as_object().unwrap().keys().map(|m| m.to_uppercase()).collect();
        let mut got = BTreeSet::new();
        for m in [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            let (status, body) = api.call(m.clone(), &concrete(path), None, "");
            let refused = status == StatusCode::METHOD_NOT_ALLOWED && body["error"].as_str().is_some_and(|e| e.contains("is not allowed"));
            if !refused {
                got.insert(m.to_string());
            }
        }
        assert_eq!(want, got, "{path}: documented methods (left) against the methods served (right)");
    }
    // a path under /api that is not a route is the API's JSON 404, and documented as no path
    let (status, body) = api.call(Method::GET, "/api/no/such/route", None, "");
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

#[test]
fn every_response_matches_its_documented_schema_and_every_documented_field_is_served() {
    let mut api = Api::new();
    let mut calls: Vec<(Method, String, Option<&str>, String)> = Vec::new();
    let get = |uri: &str| (Method::GET, uri.to_string(), None, String::new());
    // writes: a new article, an exact copy of it, a line with no text, a line that is no JSON
    let body = [
        r#"{"id": "contract-1", "text": "Kyiv said on Monday that talks in Istanbul would resume next week, officials told reporters.", "source": "Contract Wire", "published": "2025-05-19", "url": "https://example.org/contract-1"}"#,
        r#"{"id": "contract-2", "text": "Kyiv said on Monday that talks in Istanbul would resume next week, officials told reporters."}"#,
        r#"{"id": "contract-3"}"#,
        "not json",
    ]
    .join("\n");
    calls.push((Method::POST, "/api/ingest?name=contract.jsonl".into(), Some(TOKEN), body));
    // an id stored with another text: refused, the stored article kept
    calls.push((Method::POST, "/api/ingest".into(), Some(TOKEN), r#"{"id": "contract-1", "text": "Another text altogether."}"#.into()));
    calls.push((Method::POST, "/api/ingest".into(), None, "{}".into()));
    calls.push((Method::POST, "/api/ingest".into(), Some(TOKEN), "  \n".into()));
    for uri in [
        "/api/stories",
        "/api/stories?limit=1&offset=1",
        "/api/stories?sort=size&from=2025-05-01&to=2025-05-31&entity=Zelensky&language=en&query=Istanbul",
        "/api/stories?sort=outlets&outlet=nowhere",
        "/api/stories/000_160323196c8ef240",
        "/api/stories/000_160323196c8ef240?limit=2",
        "/api/stories/000_160323196c8ef240/entities?limit=2&offset=1",
        "/api/stories/000_160323196c8ef240/timeline",
        "/api/stories/000_160323196c8ef240/gossip",
        "/api/stories/000_160323196c8ef240/quotes?limit=0",
        "/api/stories/999999/reports",
        "/api/stories?sort=biggest",
        "/api/stories?from=May",
        "/api/stories?from=2025-05-31&to=2025-05-01",
        "/api/stories/%FF",
        "/api/threads",
        "/api/threads?limit=1&offset=0",
        "/api/articles",
        "/api/articles?by_date=true",
        "/api/quotes",
        "/api/quotes?speaker=Zelensky",
        "/api/search?q=Erdogan",
        "/api/search?q=%22Istanbul%20talks%22&limit=3",
        "/api/openapi.json",
        // errors
        "/api/stories/abc",
        "/api/stories/999999",
        "/api/threads/abc",
        "/api/threads/999999",
        "/api/threads?limit=0",
        "/api/articles/no-such-id",
        "/api/articles?limit=abc",
        "/api/stories?offset=-1",
        "/api/quotes?limit=0",
        "/api/entities/Nobody%20Atall",
        "/api/search",
        "/api/search?q=%22%22",
    ] {
        calls.push(get(uri));
    }
    let mut responses = Vec::new();
    for (method, uri, token, body) in calls {
        let (status, json) = api.call(method.clone(), &uri, token, &body);
        responses.push((method, uri, status, json));
    }
    // every story, article and entity of the store, by the ids the lists give
    let (_, stories) = api.call(Method::GET, "/api/stories?limit=500", None, "");
    let (_, articles) = api.call(Method::GET, "/api/articles?limit=500", None, "");
    let mut uris: Vec<String> = Vec::new();
    for s in stories["items"].as_array().unwrap() {
        uris.push(format!("/api/stories/{}", s["id"]));
    }
    let (_, threads) = api.call(Method::GET, "/api/threads?limit=500", None, "");
    assert!(!threads["items"].as_array().unwrap().is_empty(), "the seeds make a thread");
    for t in threads["items"].as_array().unwrap() {
        uris.push(format!("/api/threads/{}", t["id"]));
    }
    for a in articles["items"].as_array().unwrap() {
        uris.push(format!("/api/articles/{}", a["id"].as_str().unwrap()));
    }
    for name in ["Volodymyr Zelenskyy", "Kief", "Kremlin", "Hakan Fidan"] {
        uris.push(format!("/api/entities/{}", name.replace(' ', "%20")));
    }
    assert!(uris.len() >= 10, "{uris:?}");
    for uri in uris {
        let (status, json) = api.call(Method::GET, &uri, None, "");
        responses.push((Method::GET, uri, status, json));
    }

    let doc = api.doc.clone();
    let mut check = Checker::new(&doc);
    for (method, uri, status, json) in &responses {
        let Some(path) = template(&doc, uri) else {
            check.error(&format!("{method} {uri}"), "no documented path".into());
            continue;
        };
        let op = format!("/paths/{}/{}", pointer_escape(&path), method.as_str().to_lowercase());
        let resp = format!("{op}/responses/{}", status.as_u16());
        if doc.pointer(&resp).is_none() {
            check.error(&format!("{method} {uri}"), format!("status {status} of {method} {path} is not documented ({})", short(json)));
            continue;
        }
        let schema = format!("{resp}/content/application~1json/schema");
        if doc.pointer(&schema).is_some() {
            check.check(&schema, json, &format!("{method} {uri} ({})", status.as_u16()));
        }
    }
    check.unseen();
    assert!(check.errors.is_empty(), "openapi.json and the API differ:\n{}", check.report());
}

/// The documented path template that a concrete URI matches.
fn template(doc: &Value, uri: &str) -> Option<String> {
    let path = uri.split('?').next().unwrap();
    let parts: Vec<&str> = path.split('/').collect();
    doc["paths"].as_object()?.keys().find(|t| {
        let tp: Vec<&str> = t.split('/').collect();
        tp.len() == parts.len() && tp.iter().zip(&parts).all(|(a, b)| a == b || a.starts_with('{'))
    }).cloned()
}

fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Checks JSON values against the document's schemas (the subset of OpenAPI 3.0 it uses:
/// `$ref`, `allOf`, `oneOf`, `type`, `nullable`, `enum`, `properties`, `required`,
/// `additionalProperties`, `items`, `minItems`, `maxItems`), and remembers which documented
/// properties it has seen.
struct Checker<'a> {
    doc: &'a Value,
    /// Object schemas with properties (by pointer): the properties documented and seen.
    objects: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    /// What is wrong (the same fault once), and the first response it was seen in.
    errors: BTreeMap<String, String>,
}

impl<'a> Checker<'a> {
    fn new(doc: &'a Value) -> Checker<'a> {
        Checker { doc, objects: BTreeMap::new(), errors: BTreeMap::new() }
    }

    fn error(&mut self, at: &str, what: String) {
        self.errors.entry(what).or_insert_with(|| at.to_string());
    }

    /// The faults found, one per line, each with the first response that showed it.
    fn report(&self) -> String {
        self.errors.iter().map(|(what, at)| format!("{what}\n    first in {at}")).collect::<Vec<_>>().join("\n")
    }

    fn schema(&self, ptr: &str) -> &'a Value {
        self.doc.pointer(ptr).unwrap_or_else(|| panic!("openapi.json has nothing at {ptr}"))
    }

    /// Follow `$ref`s to the pointer of the schema itself.
    fn resolve(&self, mut ptr: String) -> String {
        while let Some(r) = self.schema(&ptr).get("$ref").and_then(Value::as_str) {
            ptr = r.strip_prefix('#').unwrap_or_else(|| panic!("external $ref {r}")).to_string();
        }
        ptr
    }

    fn check(&mut self, ptr: &str, v: &Value, at: &str) {
        let ptr = self.resolve(ptr.to_string());
        let s = self.schema(&ptr);
        if v.is_null() && s["nullable"] == true {
            return;
        }
        if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
            let ok = (0..alts.len()).find(|i| {
                let mut trial = Checker::new(self.doc);
                trial.check(&format!("{ptr}/oneOf/{i}"), v, at);
                trial.errors.is_empty()
            });
            match ok {
                Some(i) => self.check(&format!("{ptr}/oneOf/{i}"), v, at),
                None => self.error(at, format!("{} matches none of {ptr}/oneOf", short(v))),
            }
            return;
        }
        if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
            let parts: Vec<String> = (0..parts.len()).map(|i| self.resolve(format!("{ptr}/allOf/{i}"))).collect();
            self.object(&parts, v, at);
            return;
        }
        match s.get("type").and_then(Value::as_str) {
            Some("object") => self.object(&[ptr.clone()], v, at),
            Some("array") => {
                let Some(items) = v.as_array() else {
                    return self.error(at, format!("{} is not an array ({ptr})", short(v)));
                };
                let n = items.len() as u64;
                if s.get("minItems").and_then(Value::as_u64).is_some_and(|m| n < m) || s.get("maxItems").and_then(Value::as_u64).is_some_and(|m| n > m) {
                    self.error(at, format!("{} has the wrong length ({ptr})", short(v)));
                }
                if s.get("items").is_some() {
                    for (i, item) in items.iter().enumerate() {
                        self.check(&format!("{ptr}/items"), item, &format!("{at}[{i}]"));
                    }
                }
            }
            Some(t) => {
                let ok = match t {
                    "string" => v.is_string(),
                    "integer" => v.is_i64() || v.is_u64(),
                    "number" => v.is_number(),
                    "boolean" => v.is_boolean(),
                    _ => panic!("{ptr}: type {t} not handled here"),
                };
                if !ok {
                    self.error(at, format!("{} is not {t}{} ({ptr})", short(v), if s["nullable"] == true { " or null" } else { "" }));
                } else if let Some(allowed) = s.get("enum").and_then(Value::as_array) {
                    if !allowed.contains(v) {
                        self.error(at, format!("{v} is not one of {allowed:?} ({ptr})"));
                    }
                }
            }
            None => {}
        }
    }

    /// An object against one schema, or the union of an `allOf`'s parts.
    fn object(&mut self, parts: &[String], v: &Value, at: &str) {
        let Some(obj) = v.as_object() else {
            return self.error(at, format!("{} is not an object ({})", short(v), parts.join(" + ")));
        };
        let mut open = false;
        let mut owner: BTreeMap<&str, String> = BTreeMap::new();
        for p in parts {
            let s = self.schema(p);
            open |= s["additionalProperties"] == true;
            if let Some(props) = s.get("properties").and_then(Value::as_object) {
                let entry = self.objects.entry(p.clone()).or_default();
                entry.0.extend(props.keys().cloned());
                for k in props.keys() {
                    owner.insert(k, p.clone());
                }
            }
            for r in s.get("required").and_then(Value::as_array).into_iter().flatten() {
                let r = r.as_str().unwrap();
                if !obj.contains_key(r) {
                    self.error(at, format!("required field {r:?} missing ({p})"));
                }
            }
        }
        for (k, val) in obj {
            match owner.get(k.as_str()) {
                Some(p) => {
                    self.objects.get_mut(p).unwrap().1.insert(k.clone());
                    self.check(&format!("{p}/properties/{}", pointer_escape(k)), val, &format!("{at}.{k}"));
                }
                None if open => {}
                None => self.error(at, format!("field {k:?} is not in the document ({})", parts.join(" + "))),
            }
        }
    }

    /// Documented properties no response carried, and schemas no response used.
    fn unseen(&mut self) {
        let stale: Vec<String> = self
            .objects
            .iter()
            .filter_map(|(ptr, (documented, seen))| {
                let missing: Vec<&String> = documented.difference(seen).collect();
                (!missing.is_empty()).then(|| format!("{ptr}: documented but in no response: {missing:?}"))
            })
            .collect();
        for what in stale {
            self.error("no response", what);
        }
        let doc = self.doc;
        let mut schemas = Vec::new();
        collect_objects(doc, String::new(), &mut schemas);
        for ptr in schemas {
            if !self.objects.contains_key(&ptr) {
                self.error("no response", format!("{ptr}: a schema no response used"));
            }
        }
    }
}

/// Every schema with `properties` under the document's paths and components.
fn collect_objects(v: &Value, ptr: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if m.get("properties").is_some_and(Value::is_object) && !ptr.contains("/parameters/") {
                out.push(ptr.clone());
            }
            for (k, x) in m {
                let child = format!("{ptr}/{}", pointer_escape(k));
                // property names are not schemas; their values are
                if k == "properties" {
                    for (name, s) in x.as_object().into_iter().flatten() {
                        collect_objects(s, format!("{child}/{}", pointer_escape(name)), out);
                    }
                } else {
                    collect_objects(x, child, out);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_objects(x, format!("{ptr}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 { format!("{}…", s.chars().take(120).collect::<String>()) } else { s }
}

/// The checker itself: it must catch a renamed field, a missing required one, a wrong type.
#[test]
fn the_checker_catches_drift() {
    let doc: Value = serde_json::json!({
        "components": {"schemas": {
            "Row": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": "integer", "nullable": true}}},
            "Full": {"allOf": [{"$ref": "#/components/schemas/Row"}, {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a", "b"]}}}]}
        }}
    });
    let run = |v: Value| {
        let mut c = Checker::new(&doc);
        c.check("/components/schemas/Full", &v, "v");
        c.errors
    };
    assert!(run(serde_json::json!({"id": "x", "n": null, "kind": "a"})).is_empty());
    assert_eq!(run(serde_json::json!({"id": "x", "count": 1})).len(), 1, "undocumented field");
    assert_eq!(run(serde_json::json!({"n": 1})).len(), 1, "missing required field");
    assert_eq!(run(serde_json::json!({"id": 7})).len(), 1, "wrong type");
    assert_eq!(run(serde_json::json!({"id": "x", "kind": "c"})).len(), 1, "value outside the enum");
    let mut c = Checker::new(&doc);
    c.check("/components/schemas/Full", &serde_json::json!({"id": "x"}), "v");
    c.unseen();
    assert_eq!(c.errors.len(), 2, "n and kind never seen: {:?}", c.errors);
}

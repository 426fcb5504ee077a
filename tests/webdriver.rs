//! A minimal W3C WebDriver client: chromedriver over loopback HTTP (`http.rs`), headless
//! Chromium, the dozen commands the browser tests use.
//!
//! Why not thirtyfour: measured on this project (2-core machine, the rest of the test build
//! already compiled), `thirtyfour = { default-features = false, features = ["reqwest"] }` as a
//! dev-dependency compiled 90 more crates (reqwest, url/idna/ICU, futures, tracing, its macros)
//! and rebuilt tokio, hyper, axum and storyline with the wider tokio features: 316 s of CPU,
//! 9 min of wall time on the shared machine. This client is ~250 lines over `std::net` and
//! adds one small crate (base64, for screenshots).

#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::http::Client;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_exe(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for n in names {
        let p = Path::new(n);
        if p.is_absolute() && p.is_file() {
            return Some(p.to_path_buf());
        }
        for dir in std::env::split_paths(&path) {
            let c = dir.join(n);
            if c.is_file() {
                return Some(c);
            }
        }
    }
    None
}

/// A headless Chromium session through chromedriver; both end on drop.
pub struct Browser {
    driver: Child,
    http: Client,
    session: String,
    _profile: tempfile::TempDir,
}

/// A WebDriver error: `{"error", "message"}`.
#[derive(Debug)]
pub struct WdError(pub Value);

impl Browser {
    /// Start chromedriver and a headless Chromium, or `None` (with a note) when either is absent.
    pub fn start() -> Option<Browser> {
        let chromium = find_exe(&["/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"]);
        let driver = find_exe(&["/usr/bin/chromedriver", "chromedriver"]);
        let (Some(chromium), Some(driver)) = (chromium, driver) else {
            eprintln!("skipped: the browser tests need chromium and chromedriver (`scripts/test` installs them: apt-get install chromium chromium-driver)");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let mut http = Client::new(addr);
        let started = Instant::now();
        loop {
            if let Ok(r) = http.request("GET", "/status", &[], b"") {
                if r.json()["value"]["ready"] == true {
                    break;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-quic".into(),
            "--disable-dev-shm-usage".into(),
            "--window-size=1280,1000".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.to_str().unwrap(), "args": args}
        }}});
        let mut b = Browser { driver: child, http, session: String::new(), _profile: profile };
        let v = b.cmd("POST", "/session", caps).unwrap_or_else(|e| panic!("no browser session: {e:?}"));
        b.session = v["sessionId"].as_str().expect("sessionId").to_string();
        Some(b)
    }

    fn cmd(&mut self, method: &str, path: &str, body: Value) -> Result<Value, WdError> {
        let body = if method == "GET" || method == "DELETE" { Vec::new() } else { serde_json::to_vec(&body).unwrap() };
        let r = self
            .http
            .request(method, path, &[("Content-Type", "application/json; charset=utf-8")], &body)
            .unwrap_or_else(|e| panic!("chromedriver {method} {path}: {e}"));
        let v: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        if r.status == 200 { Ok(v["value"].clone()) } else { Err(WdError(v["value"].clone())) }
    }

    fn s(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub fn goto(&mut self, url: &str) {
        let p = self.s("/url");
        self.cmd("POST", &p, json!({ "url": url })).unwrap();
    }

    pub fn url(&mut self) -> String {
        let p = self.s("/url");
        self.cmd("GET", &p, Value::Null).unwrap().as_str().unwrap_or("").to_string()
    }

    pub fn title(&mut self) -> String {
        let p = self.s("/title");
        self.cmd("GET", &p, Value::Null).unwrap().as_str().unwrap_or("").to_string()
    }

    /// Elements matching a CSS selector (possibly none).
    pub fn find_all(&mut self, css: &str) -> Vec<String> {
        let p = self.s("/elements");
        let v = self.cmd("POST", &p, json!({"using": "css selector", "value": css})).unwrap();
        v.as_array().unwrap().iter().map(|e| e[ELEMENT].as_str().unwrap().to_string()).collect()
    }

    /// The first element matching, waiting up to 5 s for it.
    pub fn find(&mut self, css: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).into_iter().next() {
                return e;
            }
            assert!(started.elapsed() < Duration::from_secs(5), "no element {css:?} on {}", self.url());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&mut self, el: &str) {
        let p = self.s(&format!("/element/{el}/click"));
        self.cmd("POST", &p, json!({})).unwrap();
    }

    pub fn text(&mut self, el: &str) -> String {
        let p = self.s(&format!("/element/{el}/text"));
        self.cmd("GET", &p, Value::Null).unwrap().as_str().unwrap_or("").to_string()
    }

    pub fn type_text(&mut self, el: &str, text: &str) {
        let p = self.s(&format!("/element/{el}/value"));
        self.cmd("POST", &p, json!({ "text": text })).unwrap();
    }

    pub fn execute(&mut self, script: &str) -> Value {
        let p = self.s("/execute/sync");
        self.cmd("POST", &p, json!({"script": script, "args": []})).unwrap()
    }

    /// The text of an open alert, if any.
    pub fn alert_text(&mut self) -> Option<String> {
        let p = self.s("/alert/text");
        self.cmd("GET", &p, Value::Null).ok().map(|v| v.as_str().unwrap_or("").to_string())
    }

    pub fn set_window(&mut self, width: u32, height: u32) {
        let p = self.s("/window/rect");
        self.cmd("POST", &p, json!({"width": width, "height": height})).unwrap();
    }

    /// Save a PNG of the viewport under `target/screenshots/NAME.png`; returns its path.
    pub fn screenshot(&mut self, name: &str) -> PathBuf {
        use base64::Engine;
        let p = self.s("/screenshot");
        let b64 = self.cmd("GET", &p, Value::Null).unwrap();
        let png = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let p = self.s("");
            let _ = self.http.request("DELETE", &p, &[], b"");
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

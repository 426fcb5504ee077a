//! A throwaway PostgreSQL server for the tests: one per test binary, started on first use,
//! stopped (and its folder removed) when the binary exits.
//!
//! Where the server comes from, in order: `STORYLINE_TEST_PG` (the URL of a server to use as
//! it is, with the right to create databases); else the binaries in `$PG_BIN`, in
//! `pg_config --bindir`, or in the newest `/usr/lib/postgresql/*/bin` (Debian's layout;
//! `scripts/test` installs Debian's `postgresql` where none is found). PostgreSQL refuses to run
//! as root: as root the server runs as `nobody` (`setpriv`), in a temporary folder given to it.
//! It listens on a free loopback port with trust authentication and no durability (fsync off:
//! nothing here outlives the test run). A watchdog shell stops it once the test process is
//! gone, since a Rust test binary runs no destructor for a static at exit.
//!
//! Every test gets a fresh database ([`Server::fresh_db`]). When no PostgreSQL can be had at
//! all, [`server`] says so on stderr and returns `None`, and the tests skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Server {
    /// `postgresql://USER@HOST:PORT/` (no database).
    base: String,
}

static SERVER: OnceLock<Option<Server>> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The server, started on first use; `None` (said once on stderr) when there is none.
pub fn server() -> Option<&'static Server> {
    let s = SERVER.get_or_init(|| match start() {
        Ok(s) => Some(s),
        Err(why) => {
            eprintln!("skipped: no PostgreSQL for the tests ({why}); install PostgreSQL (scripts/test does) or set STORYLINE_TEST_PG=postgresql://USER@HOST:PORT/DB");
            None
        }
    });
    if s.is_none() {
        eprintln!("skipped: this test needs PostgreSQL (see above)");
    }
    s.as_ref()
}

impl Server {
    /// A new, empty database; its URL.
    pub fn fresh_db(&self) -> String {
        let name = format!("t{}_{}", std::process::id(), DATABASES.fetch_add(1, Ordering::SeqCst));
        let mut admin = postgres::Client::connect(&format!("{}postgres", self.base), postgres::NoTls).expect("connect to the test server");
        admin.batch_execute(&format!("CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")).expect("create a test database");
        format!("{}{name}", self.base)
    }
}

fn start() -> Result<Server, String> {
    if let Ok(url) = std::env::var("STORYLINE_TEST_PG") {
        // the server named, its database part dropped: tests create their own
        let base = match url.rfind('/') {
            Some(i) if i > url.find("://").map_or(0, |s| s + 2) => url[..=i].to_string(),
            _ => format!("{url}/"),
        };
        return Ok(Server { base });
    }
    let bin = binaries().ok_or("no initdb found in $PG_BIN, pg_config --bindir or /usr/lib/postgresql/*/bin")?;
    let root = std::env::var("USER").map_or(false, |u| u == "root") || run_out("id", &["-u"]).as_deref() == Some("0");
    let dir = std::env::temp_dir().join(format!("storyline-pg-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // the server's user: nobody when we are root (uid and gid 65534 on Debian and most others)
    let as_user = |program: &Path| -> Command {
        if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    };
    if root {
        std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).map_err(|e| format!("chown {}: {e}", dir.display()))?;
    }
    let data = dir.join("data");
    let init = as_user(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-U", "storyline", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !init.status.success() {
        return Err(format!("initdb failed: {}", String::from_utf8_lossy(&init.stderr).trim()));
    }
    let mut last = String::new();
    for _ in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            dir.display()
        );
        let started = as_user(&bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(dir.join("log"))
            .args(["-w", "-t", "60", "-o", &opts, "start"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("pg_ctl: {e}"))?;
        if started.success() {
            watchdog(&dir, &data, &bin, root);
            return Ok(Server { base: format!("postgresql://storyline@127.0.0.1:{port}/") });
        }
        last = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
    }
    let _ = std::fs::remove_dir_all(&dir);
    Err(format!("the server did not start: {}", last.lines().last().unwrap_or("")))
}

/// Stop the server and remove its folder once this process has exited.
fn watchdog(dir: &Path, data: &Path, bin: &Path, root: bool) {
    let sudo = if root { "setpriv --reuid=65534 --regid=65534 --clear-groups " } else { "" };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {sudo}'{ctl}' -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        ctl = bin.join("pg_ctl").display(),
        data = data.display(),
        dir = dir.display()
    );
    let _ = Command::new("sh").args(["-c", &script]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
}

/// The folder holding initdb, pg_ctl and postgres.
fn binaries() -> Option<PathBuf> {
    let has = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Some(d) = std::env::var_os("PG_BIN").map(PathBuf::from).filter(|d| has(d)) {
        return Some(d);
    }
    if let Some(d) = run_out("pg_config", &["--bindir"]).map(PathBuf::from).filter(|d| has(d)) {
        return Some(d);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path().join("bin"))))
        .filter(|(_, d)| has(d))
        .collect();
    found.sort();
    found.pop().map(|(_, d)| d)
}

fn run_out(program: &str, args: &[&str]) -> Option<String> {
    let o = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

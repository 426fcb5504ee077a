//! The test harness: a temporary folder with a store, and a command builder for the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn db(&self) -> PathBuf {
        self.path("store.db")
    }
    /// Write a file (creating folders) and return its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
    /// Run storyline with this env's store.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_storyline"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("STORYLINE_DB")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run::from(out)
    }
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let r = self.run(args);
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", r.stdout, r.stderr))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "exit {}\nstdout: {}\nstderr: {}", self.code, self.stdout, self.stderr);
        self
    }
}

/// The repo's folder (for examples/ and tests/fixtures/).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn examples() -> PathBuf {
    repo().join("examples")
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The shared eval data (`$STORYLINE_EVAL`, else `../shared/eval` beside the checkout), or
/// None (with a note on stderr) when there is none.
pub fn shared_eval(sub: &str) -> Option<PathBuf> {
    let root = std::env::var_os("STORYLINE_EVAL").map(PathBuf::from).unwrap_or_else(|| repo().join("../shared/eval"));
    let p = root.join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found (the shared eval data is not beside this checkout)", p.display());
        None
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

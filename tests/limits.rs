//! Memory stays bounded on hostile input, measured, not timed: `storyline ingest` runs as a
//! child and the harness follows its peak resident memory (`VmHWM` in `/proc/PID/status`, the
//! kernel's high-water mark of the child's own memory) on a one-line JSONL far over the line
//! limit, a gzip bomb, and a page far over `--max-article-bytes`. Each input is big enough that
//! holding it would break the bound.
//!
//! (Not `ru_maxrss` from `wait4`: Linux counts in it the parent's memory at the moment the
//! child was spawned, and the test process holds other tests' data.)

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::Env;

/// The peak resident memory of a running process, in MB (`None` once it has exited).
fn high_water_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Run `storyline ARGS` to its end: (exit code, stdout and stderr, peak resident memory in MB,
/// as last read before it exited; it is read every few milliseconds).
fn run_measured(env: &Env, args: &[&str]) -> (i32, String, f64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("--db")
        .arg(env.db())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            r.read_to_string(&mut s).ok();
            s
        })
    };
    let (out, err) = (drain(Box::new(child.stdout.take().unwrap())), drain(Box::new(child.stderr.take().unwrap())));
    let mut peak = 0f64;
    let status = loop {
        if let Some(mb) = high_water_mb(child.id()) {
            peak = peak.max(mb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    assert!(peak > 0.0, "no memory figure read");
    (status.code().unwrap_or(-1), out.join().unwrap() + &err.join().unwrap(), peak)
}

const AFTER: &str = "{\"id\": \"after\", \"text\": \"Officials met in Geneva on Monday to discuss a ceasefire, a spokesman said.\"}\n";

/// Issue 15: a 1 GB one-line JSONL reached 1.06 GB. The over-long line is skipped as it
/// streams: 256 MiB of one line, and memory stays under 120 MB (the line limit's buffer, 64 MiB, and the program).
#[test]
fn a_one_line_jsonl_far_over_the_limit_is_skipped_in_bounded_memory() {
    let env = Env::new();
    let path = env.path("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(b"{\"id\": \"big\", \"text\": \"").unwrap();
    let chunk = "word ".repeat(1 << 18).into_bytes();
    for _ in 0..(256 << 20) / chunk.len() {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(b"\"}\n").unwrap();
    f.write_all(AFTER.as_bytes()).unwrap();
    drop(f);
    let what = "a 256 MiB JSONL line";
    skipped_in_bounded_memory(&env, &path, what);
    std::fs::remove_file(&path).ok();
}

/// Ingest `path`: its first line is reported too long, the line after it is ingested, and the
/// peak memory is under 120 MB (the line limit's buffer, 64 MiB, and the program).
fn skipped_in_bounded_memory(env: &Env, path: &std::path::Path, what: &str) {
    let (code, err, peak) = run_measured(env, &["ingest", path.to_str().unwrap()]);
    eprintln!("{what}: peak RSS {peak:.0} MB");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("line 1: line too long"), "{err}");
    assert!(err.contains("1 ingested"), "the line after it is read: {err}");
    assert!(peak < 120.0, "peak RSS {peak:.0} MB for {what}, skipped");
}

/// Issue 15: a 4 MB `.jsonl.gz` reached 4.2 GB. A gzip bomb (512 MiB of one line in 2 KB of
/// gzip members) is skipped as it decompresses, in bounded memory.
#[test]
fn a_gzip_bomb_is_skipped_in_bounded_memory() {
    use flate2::{Compression, write::GzEncoder};
    let member = |bytes: &[u8]| {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    };
    let mib = vec![b'a'; 1 << 20];
    let mut first = b"{\"id\": \"bomb\", \"text\": \"".to_vec();
    first.extend_from_slice(&mib);
    let (first, middle, last) = (member(&first), member(&mib), member(format!("\"}}\n{AFTER}").as_bytes()));
    let env = Env::new();
    let mut gz = first;
    for _ in 1..512 {
        gz.extend_from_slice(&middle);
    }
    gz.extend_from_slice(&last);
    assert!(gz.len() < 2 << 20, "{} bytes of gzip", gz.len());
    let path = env.write("bomb.jsonl.gz", &gz);
    skipped_in_bounded_memory(&env, &path, &format!("a gzip bomb ({} KB of gzip, 512 MiB of one line)", gz.len() >> 10));
}

/// Issue 15: a 60 MB HTML page reached 2.0 GB (1.7 GB here, and minutes of work). A page over
/// `--max-article-bytes` (8 MiB by default) is refused before it is parsed, naming the file.
#[test]
fn a_page_over_the_article_limit_is_refused_unparsed() {
    let env = Env::new();
    let para = "<p>Officials met in Geneva on Monday to discuss a ceasefire, a spokesman for the ministry said in a statement.</p>\n";
    let mut page = String::from("<html><head><title>Big</title></head><body><article>");
    while page.len() < 60 << 20 {
        page.push_str(para);
    }
    page.push_str("</article></body></html>");
    let path = env.write("big.html", &page);
    drop(page);
    let (code, err, peak) = run_measured(&env, &["ingest", path.to_str().unwrap()]);
    eprintln!("60 MB HTML page: peak RSS {peak:.0} MB");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("big.html") && err.contains("HTML page too large: 60.0 MiB, over the limit of 8.0 MiB (--max-article-bytes)"), "{err}");
    assert!(peak < 120.0, "peak RSS {peak:.0} MB for a refused page");
    // the limit is a setting: a small page over a lower one is refused, under it ingested
    let small = env.write("small.html", format!("<html><body><article>{}</article></body></html>", para.repeat(40)));
    let args = |max: &'static str| vec!["ingest", "--max-article-bytes", max, small.to_str().unwrap()];
    let (code, err, _) = run_measured(&env, &args("1000"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("small.html") && err.contains("HTML page too large"), "{err}");
    let (code, err, _) = run_measured(&env, &args("1000000"));
    assert_eq!(code, 0, "{err}");
}

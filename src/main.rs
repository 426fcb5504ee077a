//! The `storyline` command: parse the command line, run one library call, print it as text
//! or JSON, and map the outcome to an exit code. All the work lives in the library.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use storyline::ingest::{self, IngestOptions, Progress};
use storyline::sources::{self, BuildOptions, InputError};
use storyline::store::{self, ListQuery};
use storyline::views::{self, Style};

/// mimalloc rather than glibc's allocator: ingest allocates on rayon's threads what its
/// writer thread frees (the analyses, the prepared features), which glibc's per-thread arenas
/// make costly (malloc and free were 12% of the instructions of an ingest). With mimalloc an
/// ingest of 306 Timeline17 articles runs 6% fewer instructions and peaks lower (2,147
/// articles: 318 → 220 MB). Built without transparent huge pages (`no_thp`): asking the kernel
/// for them tripled ingest's system time on this machine.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "\
Exit status:
  0  everything asked for was done (every input ingested or already stored)
  1  some inputs could not be read or ingested (each is named on stderr; the rest was done),
     or the article asked for does not exist
  2  bad command-line usage, or the store could not be opened, read or written

Environment:
  STORYLINE_DB    the store to use instead of ./storyline.db: a file, or a postgresql:// URL
                  (--db wins)
  STORYLINE_TOKEN the token `storyline serve` asks of writes (--token wins)
  STORYLINE_EVAL  the shared eval data root for `storyline eval` (default ../shared/eval)
  NO_COLOR        no colour in terminal output";

#[derive(Parser)]
#[command(name = "storyline", version, about = "Follow a developing news story: ingest reports, group them into stories, and see who said what, who is who and when.", after_help = EXIT_CODES)]
struct Cli {
    /// The store: a SQLite file (created if missing), or a PostgreSQL database as
    /// `postgresql://USER@HOST:PORT/DB` (or `postgres://…`; its schema is created if missing).
    #[arg(long, global = true, env = "STORYLINE_DB", default_value = "storyline.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShowFormat {
    Text,
    Md,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest articles: .txt, .html/.htm, .jsonl, .warc (each optionally .gz); folders are walked recursively.
    #[command(after_help = EXIT_CODES)]
    Ingest {
        /// Files and folders to ingest (folders are walked recursively; hidden files skipped).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Use this publication date (YYYY-MM-DD) for every article, over any other.
        #[arg(long, value_parser = parse_day)]
        published: Option<NaiveDate>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Refuse (as a failed input) any text or HTML page larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = sources::MAX_ARTICLE_BYTES)]
        max_article_bytes: usize,
    },
    /// List stored articles: id, date, source, language, length, title.
    Articles {
        /// At most this many articles (default: all).
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many articles of the list first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Sort by publication date instead of ingest order.
        #[arg(long)]
        by_date: bool,
        /// Print the rows as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Show one article: its metadata and text.
    Article {
        /// The article's id (from `storyline articles`; a file's name without its extension).
        id: String,
        /// Print the article, its metadata and layers as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Full-text search, ranked, with snippets ("Erdogan" finds "Erdoğan"; "quoted words" must be adjacent).
    Search {
        /// The words to find (all must occur); "quoted words" must be adjacent.
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Skip this many hits first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print the hits as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Stories as a front page: each story's headline, keywords, outlets, articles, first and
    /// last date and articles per day; latest first unless --sort says otherwise.
    Stories {
        /// The order: latest (latest article first), size (most articles first), outlets (most
        /// outlets first) or first (newest stories first, by their first article).
        #[arg(long, value_name = "ORDER", default_value = "latest", value_parser = parse_sort)]
        sort: storyline::dossier::feed::Sort,
        /// At most this many stories (default: all).
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many stories of the list first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Only stories with an article published on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Only stories with an article published on or before this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        to: Option<NaiveDate>,
        /// Only stories naming this person, place or organisation (any spelling).
        #[arg(long, value_name = "NAME")]
        entity: Option<String>,
        /// Only stories with an article from this outlet ("reuters" finds Reuters and reuters.com).
        #[arg(long, value_name = "NAME")]
        outlet: Option<String>,
        /// Only stories with an article in this language (a code: en, de, fr…).
        #[arg(long, value_name = "CODE")]
        language: Option<String>,
        /// Only stories whose articles this search finds (words, "quoted phrases").
        #[arg(long, value_name = "WORDS")]
        query: Option<String>,
        /// Print JSON (docs/json.md): each story with its dossier's summary, timeline and shared passages.
        #[arg(long)]
        json: bool,
    },
    /// Threads: stories that continue one another (a saga across months), most recent first.
    Threads {
        /// At most this many threads, most recent first (default: all).
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many threads of the list first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print the threads as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// A story's dossier: timeline, who said what, who's who, a cited summary, sources, disagreements.
    Show {
        /// The story: its number (from `storyline stories`) or the id of one of its articles.
        /// Default: the first story `storyline stories` lists.
        story: Option<String>,
        /// Output format: text (the terminal), md (a Markdown report) or json.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// The same as --format json.
        #[arg(long)]
        json: bool,
    },
    /// A dated timeline of the events that matter, with each entry's sources: over a story, a
    /// search, an entity or the whole store, within a span of days.
    Timeline {
        /// Only this story's articles (its number from `storyline stories`).
        #[arg(long, conflicts_with_all = ["query", "entity", "thread"])]
        story: Option<i64>,
        /// Only this thread's articles (its number from `storyline threads`).
        #[arg(long, conflicts_with_all = ["query", "entity"])]
        thread: Option<i64>,
        /// Only the articles this search finds (e.g. "oil spill").
        #[arg(long, conflicts_with = "entity")]
        query: Option<String>,
        /// Only the articles naming this person, place or organisation (any spelling).
        #[arg(long)]
        entity: Option<String>,
        /// Only days from this one (YYYY-MM-DD); articles published before it are left out.
        #[arg(long, value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Only days up to this one (YYYY-MM-DD); articles published after it are left out.
        #[arg(long, value_parser = parse_day)]
        to: Option<NaiveDate>,
        /// How many dates at most (default: one a week of the span, 5 to 30).
        #[arg(long)]
        max_dates: Option<usize>,
        /// How many sentences a date at most.
        #[arg(long, default_value_t = 2)]
        per_date: usize,
        /// Print the timeline as JSON: {"timeline": [entries]}.
        #[arg(long)]
        json: bool,
    },
    /// Quotes grouped across articles (the same utterance in several outlets), by speaker.
    Quotes {
        /// Only this speaker (any spelling: "Zelensky" finds Zelenskyy).
        #[arg(long)]
        speaker: Option<String>,
        /// At most this many quote groups, in the order listed (default: all).
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many quote groups of the list first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print the quote groups as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// People named in the stored articles, with roles, mentions and sources.
    People {
        /// At most this many people, most mentioned first (default: all).
        #[arg(long)]
        limit: Option<usize>,
        /// Print the people as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Everything about one person, place or organisation: spellings, roles, articles, quotes.
    Entity {
        /// The name, in any spelling ("Zelensky" finds Volodymyr Zelenskyy, "Kiev" finds Kyiv).
        #[arg(required = true)]
        name: Vec<String>,
        /// At most this many of its articles and quotes (by default 20 in the terminal, which
        /// then says how many more there are, and all of them in JSON).
        #[arg(long)]
        limit: Option<usize>,
        /// Print the entity and its quotes as JSON (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Serve the JSON API (/api, described at /api/openapi.json) and the web UI over the store.
    #[command(after_help = "Binds to 127.0.0.1:8080 unless --addr says otherwise. Writes (POST /api/ingest, the upload form) need the token given here; without one, ingest is disabled.")]
    Serve {
        /// The address to listen on (a non-loopback address exposes the store to the network).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The token that allows writes (ingest), 16 bytes or more; without one, the server is
        /// read-only. Prefer STORYLINE_TOKEN or --token-file: a command line is visible in `ps`.
        #[arg(long, env = "STORYLINE_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Read the token from this file (its first line).
        #[arg(long, value_name = "PATH", conflicts_with = "token")]
        token_file: Option<PathBuf>,
        /// Seconds a client has to send a request's headers, and the longest pause inside a
        /// body; a connection that overruns is closed.
        #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
        /// Connections open at once; more wait in the listen queue until one closes.
        #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=65536))]
        max_connections: u64,
    },
    /// Run the per-article analysis on files without storing them; one JSON object per line per article.
    #[command(after_help = "Output (one line per article): {\"path\", \"id\", \"published\", \"published_from\", \"language\", \"title\", \"quotes\": [], \"times\": [], \"entities\": [], \"text\"?}.\nOffsets are Unicode code points into the text as decoded (HTML: the extracted text, shown by --with-text).")]
    Extract {
        /// Files and folders to analyse (as `ingest` reads them).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Anchor date (YYYY-MM-DD), over any date the input gives.
        #[arg(long, value_parser = parse_day)]
        published: Option<NaiveDate>,
        /// Refuse (as a failed input) any text or HTML page larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = sources::MAX_ARTICLE_BYTES)]
        max_article_bytes: usize,
        /// Include the text that offsets refer to.
        #[arg(long)]
        with_text: bool,
        /// JSON output (the default and only format of extract; accepted for symmetry).
        #[arg(long)]
        json: bool,
    },
    /// Score storyline on the development sets in ../shared/eval and print the figures.
    ///
    /// Runs the storyline-eval program (built beside storyline by `cargo build --release`);
    /// `storyline eval --help` lists the sets.
    #[command(disable_help_flag = true)]
    Eval {
        /// What to score and how: the arguments of storyline-eval.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
        args: Vec<OsString>,
    },
}

fn parse_sort(s: &str) -> Result<storyline::dossier::feed::Sort, String> {
    use storyline::dossier::feed::Sort;
    Sort::parse(s).ok_or_else(|| format!("{s:?} is not an order: use {}", Sort::NAMES))
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date like 2025-05-11"))
}

/// A failure that ends the command (exit 2).
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            if msg.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!("storyline: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn json_line(out: &mut dyn Write, v: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    writeln!(out)
}

fn json_pretty(out: &mut dyn Write, v: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)
}

/// Prints errors as they come, above an indicatif bar (drawn only on a terminal).
struct Bar {
    pb: indicatif::ProgressBar,
}

impl Progress for Bar {
    fn files(&mut self, total: usize, bytes: u64) {
        if total > 1 {
            self.pb.set_length(bytes);
            self.pb.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_bar} {eta}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
        }
    }
    fn file_done(&mut self, bytes: u64) {
        self.pb.inc(bytes);
    }
    fn error(&mut self, e: &InputError) {
        self.pb.suspend(|| eprintln!("storyline: {e}"));
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    let stdout = io::stdout();
    let tty = {
        use std::io::IsTerminal;
        stdout.is_terminal()
    };
    // nothing from an article drives the terminal (views::safe)
    let mut out = views::safe::SafeOut::new(stdout.lock(), tty);
    let st = Style::for_stdout();
    let at = store::Location::from(cli.db.as_path());
    match cli.command {
        Command::Ingest { paths, published, json, max_article_bytes } => {
            let mut store = at.open()?;
            let opts = IngestOptions { build: BuildOptions { published, max_article_bytes } };
            let pb = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
            let mut bar = Bar { pb };
            let report = ingest::ingest(store.as_mut(), &paths, &opts, &mut bar)?;
            bar.pb.finish_and_clear();
            if json {
                json_pretty(&mut out, &report)?;
            } else {
                views::ingest_summary(&mut out, &report, st)?;
            }
            Ok(if report.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Articles { limit, offset, by_date, json } => {
            let store = at.open()?;
            let rows = store.articles(&ListQuery { limit, offset, by_date })?;
            if json { json_pretty(&mut out, &rows)? } else { views::articles(&mut out, &rows, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Article { id, json } => {
            let store = at.open()?;
            match store.article(&id)? {
                Some(a) => {
                    if json { json_pretty(&mut out, &storyline::json::ArticleOut::of(&a))? } else { views::article(&mut out, &a, st)? }
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    if json {
                        json_pretty(&mut out, &serde_json::json!({"error": "not found", "id": id}))?;
                    }
                    eprintln!("storyline: no article with id {id:?} (see `storyline articles`)");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Search { query, limit, offset, json } => {
            let store = at.open()?;
            let q = query.join(" ");
            let hits = storyline::search::search(store.as_ref(), &q, limit, offset)?;
            if json { json_pretty(&mut out, &hits)? } else { views::hits(&mut out, &q, &hits, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stories { sort, limit, offset, from, to, entity, outlet, language, query, json } => {
            let store = at.open()?;
            let q = storyline::dossier::feed::FeedQuery { sort, limit, offset, from, to, entity, outlet, language, query };
            // the JSON contract carries each story's summary and timeline
            let (stories, total) = storyline::dossier::overviews(store.as_ref(), &q, json)?;
            if json { json_pretty(&mut out, &stories)? } else { views::stories(&mut out, &stories, total, offset, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Threads { limit, offset, json } => {
            let store = at.open()?;
            let mut threads = storyline::dossier::threads::overviews(store.as_ref())?;
            threads = threads.into_iter().skip(offset).take(limit.unwrap_or(usize::MAX)).collect();
            if json { json_pretty(&mut out, &threads)? } else { views::threads(&mut out, &threads, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { story, format, json } => {
            let store = at.open()?;
            let id = match story.as_deref() {
                None => store.stories()?.first().map(|s| s.id),
                Some(s) => match s.trim_start_matches('#').parse::<i64>() {
                    Ok(n) if store.story(n)?.is_some() => Some(n),
                    _ => store.story_of(s)?,
                },
            };
            let Some(dossier) = id.map(|id| storyline::dossier::build(store.as_ref(), id)).transpose()?.flatten() else {
                match story {
                    Some(s) => eprintln!("storyline: no story {s:?} (neither a story number nor the id of a stored article); see `storyline stories`"),
                    None => eprintln!("storyline: no stories yet; run `storyline ingest PATH` first"),
                }
                return Ok(ExitCode::from(1));
            };
            match if json { ShowFormat::Json } else { format } {
                ShowFormat::Json => json_pretty(&mut out, &dossier)?,
                ShowFormat::Md => views::dossier::markdown(&mut out, &dossier)?,
                ShowFormat::Text => views::dossier::terminal(&mut out, &dossier, st)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quotes { speaker, limit, offset, json } => {
            let store = at.open()?;
            // the page first: only its variants' texts are read
            let page: Vec<_> = store.quote_groups(speaker.as_deref())?.into_iter().skip(offset).take(limit.unwrap_or(usize::MAX)).collect();
            let groups = storyline::json::quote_groups(store.as_ref(), &page)?;
            if json { json_pretty(&mut out, &groups)? } else { views::quote_groups(&mut out, &groups, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::People { limit, json } => {
            let store = at.open()?;
            let mut people = store.entity_summaries(Some("PERSON"), None)?;
            if let Some(l) = limit {
                people.truncate(l);
            }
            if json { json_pretty(&mut out, &people)? } else { views::people(&mut out, &people, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Timeline { story, thread, query, entity, from, to, max_dates, per_date, json } => {
            use storyline::dossier::tls::{self, Scope};
            let store = at.open()?;
            let scope = match (story, query, entity) {
                _ if thread.is_some() => Scope::Thread(thread.unwrap_or_default()),
                (Some(n), _, _) => Scope::Story(n),
                (_, Some(q), _) => Scope::Query(q),
                (_, _, Some(e)) => Scope::Entity(e),
                _ => Scope::All,
            };
            let Some((what, ids)) = tls::articles_of(store.as_ref(), &scope)? else {
                eprintln!("storyline: no {} (see `storyline stories` and `storyline people`)", match &scope {
                    Scope::Story(n) => format!("story #{n}"),
                    Scope::Thread(n) => format!("thread #{n}"),
                    Scope::Entity(e) => format!("person, place or organisation named {e:?}"),
                    _ => "such articles".into(),
                });
                return Ok(ExitCode::from(1));
            };
            let o = tls::Options { from, to, max_dates, per_date: Some(per_date), ..Default::default() };
            // the span's articles, so that "N dates from M articles" counts what was read
            let ids = tls::in_span(store.as_ref(), &ids, &o)?;
            let entries = tls::timeline(store.as_ref(), &ids, &o)?;
            if json {
                json_pretty(&mut out, &serde_json::json!({ "timeline": entries }))?;
            } else {
                views::dossier::timeline(&mut out, &what, ids.len(), tls::MAX_ARTICLES, &entries, st)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Entity { name, limit, json } => {
            let store = at.open()?;
            let name = name.join(" ");
            match storyline::search::find_entity(store.as_ref(), &name)? {
                Some(mut found) => {
                    let shown = limit.or((!json).then_some(views::ENTITY_LIST));
                    let totals = (found.entity.articles.len(), found.quotes.len());
                    if let Some(l) = shown {
                        found.entity.articles.truncate(l);
                        found.quotes.truncate(l);
                    }
                    if json { json_pretty(&mut out, &found)? } else { views::entity(&mut out, &found, totals, st)? }
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    if json {
                        json_pretty(&mut out, &serde_json::json!({"error": "not found", "name": name}))?;
                    }
                    eprintln!("storyline: no person, place or organisation named {name:?} (see `storyline people`)");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Extract { files, published, max_article_bytes, with_text, json: _ } => {
            let opts = BuildOptions { published, max_article_bytes };
            let mut failed = false;
            // analysed in parallel, written in input order
            storyline::extract::extract_paths(&files, &opts, with_text, |r| match r {
                Ok(x) => json_line(&mut out, &x),
                Err(e) => {
                    failed = true;
                    eprintln!("storyline: {e}");
                    Ok(())
                }
            })?;
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Serve { addr, token, token_file, timeout, max_connections } => {
            let token = match token_file {
                Some(p) => Some(
                    std::fs::read_to_string(&p)
                        .map_err(|e| Fatal(format!("{}: cannot read the token file: {e}", p.display())))?
                        .lines()
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string(),
                ),
                None => token,
            };
            if let Some(t) = token.as_deref().filter(|t| !t.is_empty() && t.len() < 16) {
                return Err(Fatal(format!("the token is {} bytes long; a write token needs 16 bytes or more (for example: head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n')", t.len())));
            }
            if !addr.ip().is_loopback() {
                eprintln!("storyline: warning: serving on {addr}, which is not a loopback address: anyone who can reach it reads the store");
            }
            let mut cfg = storyline::serve::Config::new(addr, at.clone(), token);
            cfg.limits.timeout = std::time::Duration::from_secs(timeout);
            cfg.limits.connections = max_connections as usize;
            let writes = if cfg.token.is_some() { "ingest allowed with the token" } else { "read-only: no --token, ingest disabled" };
            let db = at.to_string();
            storyline::serve::run(&cfg, &mut |bound| {
                eprintln!("storyline: serving {db} at http://{bound}/ ({writes}; API at http://{bound}/api/openapi.json)");
            })
            .map_err(Fatal)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { args } => {
            drop(out);
            external_eval(&args)
        }
    }
}

/// `storyline eval ARGS…` runs the `storyline-eval` program, which holds the evaluation code
/// (the `storyline-eval` crate) so that this binary and the library carry none; the way
/// `cargo clippy` runs `cargo-clippy`: the one next to this executable, else the one on PATH,
/// with `eval` as its first argument (so its messages say `storyline eval`), and its exit code.
/// It reads no store, so `--db` is not passed on.
fn external_eval(args: &[OsString]) -> Result<ExitCode, Fatal> {
    const NAME: &str = "storyline-eval";
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(format!("{NAME}{}", std::env::consts::EXE_SUFFIX))))
        .filter(|p| p.is_file());
    let program = beside.clone().unwrap_or_else(|| PathBuf::from(NAME));
    let mut cmd = std::process::Command::new(&program);
    cmd.arg("eval").args(args);
    let err = match run_program(&mut cmd) {
        Ok(code) => return Ok(code),
        Err(e) => e,
    };
    if beside.is_none() && err.kind() == io::ErrorKind::NotFound {
        return Err(Fatal(format!(
            "`storyline eval` runs the {NAME} program, which is neither next to this storyline nor on PATH; \
             build it with `cargo build --release` at the repository root (or `cargo build --release -p {NAME}`)"
        )));
    }
    Err(Fatal(format!("could not run {}: {err}", program.display())))
}

/// Runs in place of this process where it can (so signals and the exit code are the program's).
#[cfg(unix)]
fn run_program(cmd: &mut std::process::Command) -> io::Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    Err(cmd.exec())
}

#[cfg(not(unix))]
fn run_program(cmd: &mut std::process::Command) -> io::Result<ExitCode> {
    let status = cmd.status()?;
    Ok(status.code().map_or(ExitCode::FAILURE, |c| ExitCode::from(c as u8)))
}

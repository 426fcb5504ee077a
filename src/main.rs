//! The `storyline` command: parse the command line, run one library call, print it as text
//! or JSON, and map the outcome to an exit code. All the work lives in the library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use storyline::ingest::{self, IngestOptions, Progress};
use storyline::sources::{self, BuildOptions, InputError};
use storyline::store::{self, ListQuery};
use storyline::views::{self, Style};

const EXIT_CODES: &str = "\
Exit status:
  0  everything asked for was done (every input ingested or already stored)
  1  some inputs could not be read or ingested (each is named on stderr; the rest was done),
     or the article asked for does not exist
  2  bad command-line usage, or the store could not be opened, read or written

Environment:
  STORYLINE_DB    the store to use instead of ./storyline.db (--db wins)
  STORYLINE_TOKEN the token `storyline serve` asks of writes (--token wins)
  STORYLINE_EVAL  the shared eval data root for `storyline eval` (default ../shared/eval)
  NO_COLOR        no colour in terminal output";

#[derive(Parser)]
#[command(name = "storyline", version, about = "Follow a developing news story: ingest reports, group them into stories, and see who said what, who is who and when.", after_help = EXIT_CODES)]
struct Cli {
    /// The store (a SQLite file, created if missing; `postgres://` URLs are for a later backend).
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
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Use this publication date (YYYY-MM-DD) for every article, over any other.
        #[arg(long, value_parser = parse_day)]
        published: Option<NaiveDate>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List stored articles: id, date, source, language, length, title.
    Articles {
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Sort by publication date instead of ingest order.
        #[arg(long)]
        by_date: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one article: its metadata and text.
    Article {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search, ranked, with snippets ("Erdogan" finds "Erdoğan"; "quoted words" must be adjacent).
    Search {
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long)]
        json: bool,
    },
    /// Stories: articles grouped by the real-world story, with dates and source counts.
    Stories {
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
    /// Quotes grouped across articles (the same utterance in several outlets), by speaker.
    Quotes {
        /// Only this speaker (any spelling: "Zelensky" finds Zelenskyy).
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// People named in the stored articles, with roles, mentions and sources.
    People {
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Everything about one person, place or organisation: spellings, roles, articles, quotes.
    Entity {
        name: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Serve the JSON API (/api, described at /api/openapi.json) and the web UI over the store.
    #[command(after_help = "Binds to 127.0.0.1:8080 unless --addr says otherwise. Writes (POST /api/ingest, the upload form) need the token given here; without one, ingest is disabled.")]
    Serve {
        /// The address to listen on (a non-loopback address exposes the store to the network).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The token that allows writes (ingest); without one, the server is read-only.
        #[arg(long, env = "STORYLINE_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// Run the per-article analysis on files without storing them; one JSON object per line per article.
    #[command(after_help = "Output (one line per article): {\"path\", \"id\", \"published\", \"published_from\", \"language\", \"title\", \"quotes\": [], \"times\": [], \"entities\": [], \"text\"?}.\nOffsets are Unicode code points into the text as decoded (HTML: the extracted text, shown by --with-text).")]
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Anchor date (YYYY-MM-DD), over any date the input gives.
        #[arg(long, value_parser = parse_day)]
        published: Option<NaiveDate>,
        /// Include the text that offsets refer to.
        #[arg(long)]
        with_text: bool,
        /// JSON output (the default and only format of extract; accepted for symmetry).
        #[arg(long)]
        json: bool,
    },
    /// Score storyline on the development sets in ../shared/eval and print the figures.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Main-text extraction on trafilatura's pages: with/without snippets, P/R/F1.
    HtmlText {
        /// The html_text folder (default: $STORYLINE_EVAL/html_text).
        dir: Option<PathBuf>,
        /// List every page with a missed or leaked snippet.
        #[arg(long)]
        misses: bool,
        #[arg(long)]
        json: bool,
    },
    /// Quotes and speakers: the seeds gold and PolNeAR dev.
    Quotes {
        /// List the errors (seeds).
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
    },
    /// Temporal expressions (TBAQ dev, seeds) and document dating (seeds, PolNeAR dev).
    Times {
        /// List the errors (TBAQ dev and seeds: wrong values, false and missed spans).
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
    },
    /// People, places, organisations: the seeds gold and CoNLL-2003 dev.
    Entities {
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
    },
    /// Near-duplicates on a syndication set built from dev articles (copies and hard negatives).
    Syndication {
        #[arg(long)]
        json: bool,
    },
    /// The seed story's dossier against the reference timeline and disagreements (seeds/story.json).
    Dossier {
        /// The seed articles (default: $STORYLINE_EVAL/../corpus/seeds, else examples/).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// List every reference entry with what matched it.
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
    },
    /// Multi-source summaries on NeuS/AllSides: ROUGE-1/2/L F1 against lead-1 and TextRank.
    Summaries {
        /// The split: val (307 clusters) or train (2,452).
        #[arg(long, default_value = "val")]
        split: String,
        /// Only the first N clusters.
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Story clustering on ECB+ dev: BCubed and pairwise P/R/F1.
    Stories {
        /// Also ingest the documents shuffled with these seeds (e.g. `--shuffle 1,2,3`), to see
        /// how much the stories depend on arrival order.
        #[arg(long, value_name = "SEED", value_delimiter = ',')]
        shuffle: Vec<u64>,
        #[arg(long)]
        json: bool,
    },
    /// Publication dates of HTML pages (htmldate's set): exact-day accuracy, coverage.
    HtmlDates {
        /// The html folder (default: $STORYLINE_EVAL/html).
        dir: Option<PathBuf>,
        #[arg(long)]
        misses: bool,
        #[arg(long)]
        json: bool,
    },
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
    let mut out = stdout.lock();
    let st = Style::for_stdout();
    let at = store::Location::from(cli.db.as_path());
    match cli.command {
        Command::Ingest { paths, published, json } => {
            let mut store = at.open()?;
            let opts = IngestOptions { build: BuildOptions { published } };
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
        Command::Stories { json } => {
            let store = at.open()?;
            // the JSON contract carries each story's summary and timeline
            let stories = storyline::dossier::overviews(store.as_ref(), json)?;
            if json { json_pretty(&mut out, &stories)? } else { views::stories(&mut out, &stories, st)? }
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
        Command::Quotes { speaker, json } => {
            let store = at.open()?;
            let groups = storyline::json::quote_groups(store.as_ref(), &store.quote_groups(speaker.as_deref())?)?;
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
        Command::Entity { name, json } => {
            let store = at.open()?;
            let name = name.join(" ");
            match storyline::search::find_entity(store.as_ref(), &name)? {
                Some(found) => {
                    if json { json_pretty(&mut out, &found)? } else { views::entity(&mut out, &found, st)? }
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
        Command::Extract { files, published, with_text, json: _ } => {
            let opts = BuildOptions { published };
            let mut failed = false;
            for f in &files {
                for r in sources::read_articles(f, &opts) {
                    match r {
                        Ok(a) => json_line(&mut out, &storyline::extract::extract(&a, with_text))?,
                        Err(e) => {
                            failed = true;
                            eprintln!("storyline: {e}");
                        }
                    }
                }
            }
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Serve { addr, token } => {
            let cfg = storyline::serve::Config::new(addr, at.clone(), token);
            let writes = if cfg.token.is_some() { "ingest allowed with the token" } else { "read-only: no --token, ingest disabled" };
            let db = at.to_string();
            storyline::serve::run(&cfg, &mut |bound| {
                eprintln!("storyline: serving {db} at http://{bound}/ ({writes}; API at http://{bound}/api/openapi.json)");
            })
            .map_err(Fatal)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { what } => eval(what, &mut out),
    }
}

fn eval(what: EvalCommand, out: &mut dyn Write) -> Result<ExitCode, Fatal> {
    let root = storyline::eval::default_root();
    match what {
        EvalCommand::Syndication { json } => {
            storyline::eval::require_dir(&root, "shared")?;
            let f = storyline::eval::syndication::run(&root)?;
            if json {
                json_pretty(out, &f)?;
            } else {
                writeln!(
                    out,
                    "syndication: {} copies, {} hard negatives (same ECB+ event), {} other negatives\n  copy pairs {}",
                    f.copies, f.hard_negatives, f.easy_negatives, f.pairs
                )?;
                for (k, h, n) in &f.recall_by_kind {
                    writeln!(out, "  recall {k:<22} {h}/{n}")?;
                }
                writeln!(out, "  ({} same-event ECB+ pairs are wire copies by sentence alignment; {} of them called copies)", f.wire_pairs, f.wire_pairs_flagged)?;
            }
        }
        EvalCommand::Dossier { corpus, errors, json } => {
            let corpus = corpus.unwrap_or_else(|| {
                let shared = root.join("../corpus/seeds");
                if shared.is_dir() { shared } else { PathBuf::from("examples") }
            });
            let f = storyline::eval::dossier::seeds(&corpus, &root.join("seeds/story.json"))?;
            if json {
                json_pretty(out, &f)?;
            } else {
                if errors {
                    for r in &f.results {
                        let mark = if r.found.is_some() && r.within_a_day && r.kind_right { "ok " } else if r.found.is_some() { "~  " } else { "MISS" };
                        writeln!(out, "{mark} {:<10} {}", r.date, r.text)?;
                        if let Some((d, t, s)) = &r.found {
                            writeln!(out, "       -> {d} {} [{}]", views::wrap(t, 90).replace('\n', "\n          "), s.join(", "))?;
                        }
                    }
                    for m in &f.missed_disagreements {
                        writeln!(out, "MISS disagreement: {m}")?;
                    }
                }
                writeln!(
                    out,
                    "dossier, seeds ({} reference entries, {} in the dossier):\n  timeline: found {}/{} with the right date ({} within a day)\n  sources of found entries: P {:.3}  R {:.3}\n  kind accuracy {:.3}\n  disagreements: found {}/{}, false {}\n  summary: {} sentences, {} cite an article, {} articles cited",
                    f.entries, f.dossier_entries, f.found, f.entries, f.found_within_a_day, f.source_precision, f.source_recall, f.kind_accuracy,
                    f.disagreements_found, f.disagreements, f.false_disagreements, f.summary_sentences, f.summary_cited, f.summary_outlets
                )?;
            }
        }
        EvalCommand::Summaries { split, limit, json } => {
            let f = storyline::eval::summaries::neus(&root.join(format!("summaries/neus-{split}.jsonl")), limit)?;
            if json {
                json_pretty(out, &f)?;
            } else {
                writeln!(out, "summaries, NeuS {split} ({} clusters, reference {:.0} words; {:.1}s), ROUGE F1:", f.clusters, f.reference_words, f.seconds)?;
                for (name, s) in [("storyline", &f.storyline), ("lead-1", &f.lead1), ("TextRank", &f.textrank)] {
                    writeln!(out, "  {name:<10} R-1 {:.4}  R-2 {:.4}  R-L {:.4}   ({:.0} words)", s.rouge1, s.rouge2, s.rouge_l, s.words)?;
                }
            }
        }
        EvalCommand::Stories { shuffle, json } => {
            let file = root.join("stories/ecbplus-dev.jsonl");
            let f = storyline::eval::stories::ecb(&file)?;
            let mut shuffled = Vec::new();
            for seed in &shuffle {
                shuffled.push(storyline::eval::stories::ecb_shuffled(&file, *seed)?);
            }
            if json {
                if shuffle.is_empty() {
                    json_pretty(out, &f)?;
                } else {
                    json_pretty(out, &std::iter::once(&f).chain(&shuffled).collect::<Vec<_>>())?;
                }
            } else {
                writeln!(
                    out,
                    "stories, ECB+ dev ({} docs, {} gold stories, {} found, ingested in file order in {:.1}s):\n  BCubed   P {:.3}  R {:.3}  F1 {:.3}\n  pairwise {}",
                    f.docs, f.gold_stories, f.stories, f.seconds, f.bcubed.precision, f.bcubed.recall, f.bcubed.f1, f.pairwise
                )?;
                for g in &shuffled {
                    writeln!(
                        out,
                        "  shuffled (seed {}): {} found  BCubed P {:.3}  R {:.3}  F1 {:.3}   pairwise P {:.3}  R {:.3}  F1 {:.3}",
                        g.shuffle_seed.unwrap_or_default(), g.stories, g.bcubed.precision, g.bcubed.recall, g.bcubed.f1,
                        g.pairwise.precision, g.pairwise.recall, g.pairwise.f1
                    )?;
                }
                if !shuffled.is_empty() {
                    let n = shuffled.len() as f64;
                    let (b, p) = (shuffled.iter().map(|g| g.bcubed.f1).sum::<f64>() / n, shuffled.iter().map(|g| g.pairwise.f1).sum::<f64>() / n);
                    let (bmin, pmin) = (shuffled.iter().map(|g| g.bcubed.f1).fold(1.0, f64::min), shuffled.iter().map(|g| g.pairwise.f1).fold(1.0, f64::min));
                    writeln!(out, "  shuffled, mean of {}: BCubed F1 {b:.3} (lowest {bmin:.3})   pairwise F1 {p:.3} (lowest {pmin:.3})", shuffled.len())?;
                }
            }
        }
        w @ (EvalCommand::Quotes { .. } | EvalCommand::Times { .. } | EvalCommand::Entities { .. }) => {
            eval_extractors(w, &root, out)?;
        }
        EvalCommand::HtmlText { dir, misses, json } => {
            let dir = dir.unwrap_or_else(|| root.join("html_text"));
            let f = storyline::eval::html_text::run(&dir, misses)?;
            if json {
                json_pretty(out, &f)?;
            } else {
                for m in &f.misses {
                    writeln!(out, "{}", m.page)?;
                    for s in &m.missed {
                        writeln!(out, "  missed: {}", storyline::text::ellipsize(s, 100))?;
                    }
                    for s in &m.leaked {
                        writeln!(out, "  leaked: {}", storyline::text::ellipsize(s, 100))?;
                    }
                }
                writeln!(
                    out,
                    "html-text: {} pages ({} without text), {} with / {} without snippets\n  with_found {:.3}  without_absent {:.3}  mean {:.3}\n  P {:.3}  R {:.3}  acc {:.3}  F1 {:.3}\n  {:.0} pages/s on {} threads ({:.0} pages/s per thread)",
                    f.pages, f.failed_pages, f.tp + f.fn_, f.fp + f.tn, f.with_found, f.without_absent, f.mean,
                    f.precision, f.recall, f.accuracy, f.f1, f.pages_per_s, f.threads, f.pages_per_s / f.threads as f64
                )?;
            }
        }
        EvalCommand::HtmlDates { dir, misses, json } => {
            let dir = dir.unwrap_or_else(|| root.join("html"));
            let f = storyline::eval::html_dates::run(&dir, misses)?;
            if json {
                json_pretty(out, &f)?;
            } else {
                for m in &f.misses {
                    writeln!(out, "{}  gold {}  got {}", m.page, m.gold, m.predicted.as_deref().unwrap_or("—"))?;
                }
                writeln!(
                    out,
                    "html-dates: {} pages  exact-day accuracy {:.3} ({} right)  coverage {:.3}  same month {:.3}\n  {:.0} pages/s on {} threads",
                    f.pages, f.accuracy, f.exact, f.coverage, f.same_month, f.pages_per_s, f.threads
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_extractors(what: EvalCommand, root: &std::path::Path, out: &mut dyn Write) -> Result<(), Fatal> {
    use storyline::eval;
    match what {
        EvalCommand::Quotes { errors, json } => {
            let seeds = eval::quotes::seeds(&root.join("seeds"), errors)?;
            let dev = eval::quotes::polnear(&root.join("quotes/polnear-dev.jsonl"))?;
            if json {
                json_pretty(out, &serde_json::json!({"seeds": seeds, "polnear_dev": dev}))?;
                return Ok(());
            }
            for e in &seeds.errors {
                writeln!(out, "  {e}")?;
            }
            writeln!(out, "quotes, seeds ({} articles): {}
  speaker accuracy {:.3}", seeds.docs, seeds.quotes, seeds.speaker_accuracy)?;
            writeln!(
                out,
                "quotes, PolNeAR dev ({} articles): {}
  speaker-mention accuracy {:.3} strict, {:.3} lenient",
                dev.docs, dev.quotes, dev.speaker_accuracy, dev.speaker_lenient.unwrap_or(0.0)
            )?;
        }
        EvalCommand::Times { errors, json } => {
            let tbaq = eval::times::tbaq(&root.join("times/tbaq.jsonl"), errors)?;
            let seeds = eval::times::seeds(&root.join("seeds"), errors)?;
            let sd = eval::times::seeds_dating(&root.join("seeds"))?;
            let pd = eval::times::polnear_dating(&root.join("quotes/polnear-dev.jsonl"))?;
            let st = eval::times::seeds_text_dating(&root.join("seeds"))?;
            if json {
                json_pretty(out, &serde_json::json!({"tbaq": tbaq, "seeds": seeds, "seeds_dating": sd, "seeds_text_dating": st, "polnear_dev_dating": pd}))?;
                return Ok(());
            }
            for e in tbaq.errors.iter().chain(&seeds.errors) {
                writeln!(out, "  {e}")?;
            }
            for (name, f) in [("TBAQ-cleaned", &tbaq), ("seeds", &seeds)] {
                writeln!(
                    out,
                    "times, {name} ({} docs):
  strict  {}
  relaxed {}
  type F1 {:.3}  value F1 {:.3}",
                    f.docs, f.strict, f.relaxed, f.type_f1, f.value_f1
                )?;
            }
            writeln!(out, "document dating, seeds (only 003 has a date, from its header; ingested together):")?;
            for (id, gold, got, conf) in &sd.results {
                writeln!(out, "  {id}  gold {gold}  dated {}{}", got.as_deref().unwrap_or("—"), conf.map_or(String::new(), |c| format!("  confidence {c:.2}")))?;
            }
            writeln!(out, "  exact {:.3}  ±1 day {:.3}", sd.exact, sd.within_one_day)?;
            writeln!(out, "document dating, seeds from each text alone (any confidence; ingest uses ≥ {}):", storyline::analysis::MIN_DATE_CONFIDENCE)?;
            for (id, gold, got, conf) in &st.results {
                writeln!(out, "  {id}  gold {gold}  dated {}{}", got.as_deref().unwrap_or("—"), conf.map_or(String::new(), |c| format!("  confidence {c:.2}")))?;
            }
            writeln!(out, "  exact {:.3}  ±1 day {:.3}  coverage {:.3}", st.exact, st.within_one_day, st.coverage)?;
            writeln!(out, "document dating, PolNeAR dev ({} docs, from each text alone): exact {:.3}  ±1 day {:.3}  coverage {:.3}", pd.docs, pd.exact, pd.within_one_day, pd.coverage)?;
            writeln!(
                out,
                "  at confidence ≥ {} (what ingest uses): coverage {:.3}, of those within ±1 day {:.3}",
                storyline::analysis::MIN_DATE_CONFIDENCE, pd.confident_coverage, pd.confident_within_one_day
            )?;
        }
        EvalCommand::Entities { errors, json } => {
            let seeds = eval::entities::seeds(&root.join("seeds"), errors)?;
            let conll = eval::entities::conll(&root.join("entities/conll2003-dev.jsonl"), false)?;
            if json {
                json_pretty(out, &serde_json::json!({"seeds": seeds, "conll_dev": conll}))?;
                return Ok(());
            }
            for e in &seeds.errors {
                writeln!(out, "  {e}")?;
            }
            for (name, f) in [("seeds", &seeds), ("CoNLL-2003 dev", &conll)] {
                writeln!(out, "entities, {name} ({} docs): exact {}
  overlap {}", f.docs, f.micro, f.micro_overlap)?;
                for (k, p) in &f.per_kind {
                    writeln!(out, "  {k:<7} {p}")?;
                }
            }
            writeln!(out, "  canonical names right on {:.3} of matched seed mentions", seeds.canonical_accuracy.unwrap_or(0.0))?;
        }
        _ => unreachable!(),
    }
    Ok(())
}

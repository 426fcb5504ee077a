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
  STORYLINE_EVAL  the shared eval data root for `storyline eval` (default ../shared/eval)
  NO_COLOR        no colour in terminal output";

#[derive(Parser)]
#[command(name = "storyline", version, about = "Follow a developing news story: ingest reports, group them into stories, and see who said what, who is who and when.", after_help = EXIT_CODES)]
struct Cli {
    /// The store (a SQLite file, created if missing).
    #[arg(long, global = true, env = "STORYLINE_DB", default_value = "storyline.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
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
    match cli.command {
        Command::Ingest { paths, published, json } => {
            let mut store = store::open(&cli.db)?;
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
            let store = store::open(&cli.db)?;
            let rows = store.articles(&ListQuery { limit, offset, by_date })?;
            if json { json_pretty(&mut out, &rows)? } else { views::articles(&mut out, &rows, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Article { id, json } => {
            let store = store::open(&cli.db)?;
            match store.article(&id)? {
                Some(a) => {
                    if json { json_pretty(&mut out, &a)? } else { views::article(&mut out, &a, st)? }
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
            let store = store::open(&cli.db)?;
            let q = query.join(" ");
            let hits = storyline::search::search(store.as_ref(), &q, limit, offset)?;
            if json { json_pretty(&mut out, &hits)? } else { views::hits(&mut out, &q, &hits, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stories { json } => {
            let store = store::open(&cli.db)?;
            let mut stories = store.stories()?;
            for s in &mut stories {
                storyline::stories::shared_passages(store.as_ref(), s)?;
            }
            if json { json_pretty(&mut out, &stories)? } else { views::stories(&mut out, &stories, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quotes { speaker, json } => {
            let store = store::open(&cli.db)?;
            let groups = store.quote_groups(speaker.as_deref())?;
            if json { json_pretty(&mut out, &groups)? } else { views::quote_groups(&mut out, &groups, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::People { limit, json } => {
            let store = store::open(&cli.db)?;
            let mut people = store.entity_summaries(Some("PERSON"), None)?;
            if let Some(l) = limit {
                people.truncate(l);
            }
            if json { json_pretty(&mut out, &people)? } else { views::people(&mut out, &people, st)? }
            Ok(ExitCode::SUCCESS)
        }
        Command::Entity { name, json } => {
            let store = store::open(&cli.db)?;
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
            let tbaq = eval::times::tbaq(&root.join("times/tbaq.jsonl"), false)?;
            let seeds = eval::times::seeds(&root.join("seeds"), errors)?;
            let sd = eval::times::seeds_dating(&root.join("seeds"))?;
            let pd = eval::times::polnear_dating(&root.join("quotes/polnear-dev.jsonl"))?;
            if json {
                json_pretty(out, &serde_json::json!({"tbaq": tbaq, "seeds": seeds, "seeds_dating": sd, "polnear_dev_dating": pd}))?;
                return Ok(());
            }
            for e in &seeds.errors {
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
            writeln!(out, "document dating, PolNeAR dev ({} docs, from each text alone): exact {:.3}  ±1 day {:.3}  coverage {:.3}", pd.docs, pd.exact, pd.within_one_day, pd.coverage)?;
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

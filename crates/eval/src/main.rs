//! `storyline-eval`: score storyline on the development sets in `../shared/eval` and print the
//! figures, as text or (`--json`) the scorers' values. Glue only, as the `storyline` binary is:
//! parse, run one scorer of this crate's library, print, map the outcome to an exit code.
//!
//! `storyline eval ARGS…` runs this program (found next to the `storyline` executable, else on
//! PATH) the way `cargo clippy` runs `cargo-clippy`: with the subcommand's name, `eval`, as
//! the first argument, which is then dropped here and only makes usage and error messages
//! say `storyline eval`. `storyline-eval ARGS…` is the same command.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Subcommand};

use storyline::views;
use storyline_eval as eval;

const AFTER_HELP: &str = "\
Exit status:
  0  the figures were printed
  2  bad command-line usage, or the eval data could not be found or read

Environment:
  STORYLINE_EVAL  the shared eval data root (default ../shared/eval, from the current folder)";

/// Score storyline on the development sets in ../shared/eval and print the figures.
#[derive(clap::Parser)]
#[command(name = "storyline-eval", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `html-text --blocks`: which block decisions are scored.
#[derive(Clone, Copy, clap::ValueEnum)]
enum BlocksArg {
    Shipped,
    Rules,
    Cross,
}

#[derive(Subcommand)]
enum Command {
    /// Main-text extraction on trafilatura's pages: with/without snippets, P/R/F1.
    HtmlText {
        /// The html_text folder (default: $STORYLINE_EVAL/html_text).
        dir: Option<PathBuf>,
        /// List every page with a missed or leaked snippet.
        #[arg(long)]
        misses: bool,
        /// Also score K folds of sites (pages grouped by the registered domain of their URL)
        /// and print each fold and the spread.
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
        /// Developers: print every block of one page (a file under DIR/pages, or a path) with
        /// why it was dropped (0 kept, 1 outside the container, 2 boilerplate element, 3 link
        /// density, 4 boilerplate line, 5 short tail, 6 end promo, 7 after an end heading,
        /// 8 head dateline/promo, 9 dropped by the block model) and its elements.
        #[arg(long, value_name = "PAGE")]
        explain: Option<PathBuf>,
        /// Which block decisions to score: `shipped` (the rules, then the shipped block
        /// model), `rules` (the rules alone), `cross` (with --folds K: each fold read with a
        /// block model trained on the other folds' pages: held-out figures).
        #[arg(long, value_enum, default_value = "shipped")]
        blocks: BlocksArg,
        /// Train the block model on every page and write its weights to FILE (the shipped
        /// model is data/html/block_model.tsv).
        #[arg(long, value_name = "FILE")]
        train_blocks: Option<PathBuf>,
        /// The block model's training with --train-blocks and --blocks cross: boosting
        /// rounds, tree depth, learning rate, and the margin by which the model must disagree
        /// with the rules to overrule them (default: the shipped model's).
        #[arg(long)]
        rounds: Option<usize>,
        #[arg(long)]
        depth: Option<usize>,
        #[arg(long)]
        rate: Option<f32>,
        #[arg(long)]
        margin: Option<f32>,
        /// Developers: write every block of every page with its label and features (TSV).
        #[arg(long, value_name = "FILE", hide = true)]
        dump_blocks: Option<PathBuf>,
        /// Score the whole text instead of the snippets, as the article-extraction benchmarks
        /// do (word 4-gram P/R/F1 per page, averaged), against the JSON-LD `articleBody` of
        /// the pages of html_text/ and html/ that have a whole one (their JSON-LD cut from
        /// the page first). With --folds K, per fold of sites; with --misses, every page.
        #[arg(long)]
        bodies: bool,
        #[arg(long)]
        json: bool,
    },
    /// Quotes and speakers: the seeds gold, PolNeAR dev and PolNeAR train.
    Quotes {
        /// List the errors (seeds; PolNeAR dev and train: missed and false quotes, wrong
        /// speakers, each with its context and the gold source and cue).
        #[arg(long)]
        errors: bool,
        /// Also score K folds of PolNeAR documents (document i in fold i mod K) and print
        /// each fold's quote F1 and speaker accuracy with their spread.
        #[arg(long)]
        folds: Option<usize>,
        #[arg(long)]
        json: bool,
        /// Developers: train the speaker ranker on PolNeAR train (cross-validated first with
        /// --folds K, then scored on dev) and write its weights here
        /// (data/quotes/speaker_ranker.tsv ships them).
        #[arg(long, hide = true, value_name = "OUT")]
        train_speakers: Option<PathBuf>,
        /// Developers: passes of the speaker ranker's training (--train-speakers).
        #[arg(long, hide = true, default_value_t = 10)]
        epochs: usize,
    },
    /// Temporal expressions (TBAQ dev, seeds) and document dating (seeds, PolNeAR dev).
    Times {
        /// List the errors (TBAQ dev, seeds and the multilingual sets: wrong values, false and missed spans, spans cut otherwise than the gold).
        #[arg(long)]
        errors: bool,
        /// The multilingual sets only, each pattern family of the non-English tagger turned
        /// off in turn: its value F1 per set without it (a family holds when no set gains).
        #[arg(long)]
        ablate: bool,
        /// Also score TBAQ in K folds of documents, each on its own: per fold strict, relaxed
        /// and value F1, and their spread (a change is kept when it holds on every fold).
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// People, places, organisations: the seeds gold, CoNLL-2003 dev and the multilingual sets
    /// (multilingual/entities/: es, ru, uk, it, fr, de, pt) per set and per language.
    Entities {
        /// List the errors (`id: false|missed KIND "text" @start`, start in code points): the
        /// seeds' and, with --folds, the multilingual sets' held-out folds' (without, the shipped
        /// model's on its own training documents)
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
        /// Also cross-validate the multilingual tagger: K folds of documents of every set, each
        /// fold scored by a model trained on the others (the shipped model was trained on all).
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
        /// Developers: training passes of the multilingual tagger (folds and --train-intl).
        #[arg(long, hide = true, default_value_t = 30)]
        epochs: usize,
        /// Developers: features of the multilingual tagger whose weights all stay under this
        /// are dropped (folds and --train-intl; 0.5 since the tagger averages three models).
        #[arg(long, hide = true, default_value_t = 0.5)]
        min_abs: f32,
        /// Developers: feature dropout of the multilingual tagger's training (folds and
        /// --train-intl): the share of a token's features left out of each step.
        #[arg(long, hide = true, default_value_t = 0.3)]
        dropout: f32,
        /// Developers: train the multilingual tagger on every multilingual set and write its
        /// weights here (data/entities/ner_model_intl.bin ships them).
        #[arg(long, hide = true, value_name = "OUT")]
        train_intl: Option<PathBuf>,
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
    /// Multi-source summaries on NeuS/AllSides and Multi-News dev: ROUGE-1/2/L F1 against
    /// lead-1 and TextRank.
    Summaries {
        /// The NeuS split: val (307 clusters) or train (2,452).
        #[arg(long, default_value = "val")]
        split: String,
        /// Which sets: neus, multinews or all.
        #[arg(long, default_value = "all")]
        set: String,
        /// Only the first N clusters.
        #[arg(long)]
        limit: Option<usize>,
        /// Also score K folds of clusters (cluster i in fold i mod K): per fold storyline's
        /// ROUGE beside TextRank's, and the spread of the difference.
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
        /// Lowercase every article (and title) first, as a fully lowercased copy of a set
        /// gives it: no rule may wait for a capital.
        #[arg(long)]
        lowercase: bool,
        #[arg(long)]
        json: bool,
    },
    /// Story clustering on ECB+ dev, Multi-News dev and NeuS val: BCubed and pairwise P/R/F1,
    /// beside a TF-IDF single pass on the same stream.
    Stories {
        /// Also ingest the documents shuffled with these seeds (e.g. `--shuffle 1,2,3`), to see
        /// how much the stories depend on arrival order.
        #[arg(long, value_name = "SEED", value_delimiter = ',')]
        shuffle: Vec<u64>,
        #[arg(long)]
        json: bool,
        /// Developers: score clusterer settings in memory (no store, no near copies), one JSON
        /// object of `stories::cluster::Config` fields per line of this file, on every set in
        /// its order and shuffled (`--shuffle`), BCubed F1 per fold of stories. With
        /// STORIES_TUNE_DUMP=PREFIX set, each set's stories in its order are written to
        /// PREFIX-SET.tsv (id, story, gold), and in each shuffled order to PREFIX-SET-seedN.tsv.
        #[arg(long, hide = true, value_name = "CONFIGS")]
        tune: Option<PathBuf>,
        /// Developers: the TF-IDF baseline's BCubed F1 on each set at each threshold.
        #[arg(long, hide = true)]
        sweep_baseline: bool,
        /// Developers: train the clusterer's learned pair scorer on the pairs it scores on
        /// every set (in its order and `--shuffle`d), report it on five folds of stories held
        /// out of all sets at once, and print the weights fitted on everything
        /// (STORIES_PAIR_TAUS: thresholds to try, STORIES_PAIR_LAMBDA: L2, STORIES_PAIR_ROUNDS:
        /// 2 adds the pairs the first model scores).
        #[arg(long, hide = true)]
        train_pair: bool,
        /// Developers: learn the clusterer's term weights from NeuS train
        /// (`summaries/neus-train.jsonl`) and write them to this file (see `eval::weights`;
        /// STORIES_TW_K, STORIES_TW_MIN_COS, STORIES_TW_ALPHA, STORIES_TW_LO, STORIES_TW_HI,
        /// STORIES_TW_MIN_PAIRS, STORIES_TW_NAMES_ONLY (1 or 0), STORIES_TW_PRIOR=FILE and
        /// STORIES_TW_PRIOR_BETA set the learner). With `--tune`, STORIES_TERM_WEIGHTS=FILE scores a table not shipped.
        #[arg(long, hide = true, value_name = "FILE")]
        learn_weights: Option<PathBuf>,
    },
    /// Sentence boundaries: English (ECB+ and CoNLL-2003 dev sentences run together into
    /// paragraphs) and the multilingual UD sets; boundary P/R/F1 beside a naive splitter.
    Sentences {
        /// List every missed and invented boundary.
        #[arg(long)]
        errors: bool,
        #[arg(long)]
        json: bool,
    },
    /// Timelines on Timeline17 dev (tls/): date F1 and alignment ROUGE by the set's scorer,
    /// beside the per-story dossier timelines pooled.
    Tls {
        /// Leave out the pooled per-story baseline (it builds every story's dossier).
        #[arg(long)]
        no_baseline: bool,
        #[arg(long)]
        json: bool,
        /// Developers: score timeline weights (`dossier::tls::Weights`, one JSON object per
        /// line of this file) and print each timeline's figures; with `--folds topic`, the
        /// settings to cross-validate.
        #[arg(long, hide = true, value_name = "WEIGHTS")]
        tune: Option<PathBuf>,
        /// Leave one topic out: for each topic, the figures of the settings chosen on the
        /// others (the defaults and each weight moved a step either way, or `--tune`'s), and
        /// the spread across topics.
        #[arg(long, value_name = "topic", value_parser = ["topic"])]
        folds: Option<String>,
    },
    /// ML-Crisis (multilingual/: es, fr, it × egypt, libya): `storyline timeline` per
    /// language scored by the set's scorer beside the busiest-days baseline; language
    /// identification; how often same-day articles in two languages meet in one story.
    Multilingual {
        #[arg(long)]
        json: bool,
        /// Developers: score timeline weights (`dossier::tls::Weights`, one JSON object per
        /// line of this file) and print the figures of each, all languages and per language.
        #[arg(long, hide = true, value_name = "WEIGHTS")]
        tune: Option<PathBuf>,
    },
    /// Publication dates of HTML pages (htmldate's set): exact-day accuracy, coverage.
    HtmlDates {
        /// The html folder (default: $STORYLINE_EVAL/html). The pages are read from their
        /// files alone: urls.json only groups them into folds of sites.
        dir: Option<PathBuf>,
        /// List every page whose date is wrong or missing: its site, the gold date, ours, the
        /// signal that gave ours, and every signal's date (the competing candidates).
        #[arg(long)]
        misses: bool,
        /// Also score K folds of sites (pages grouped by the registered domain of their URL)
        /// and print each fold and the spread.
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
        #[arg(long)]
        json: bool,
    },
}

/// A failure that ends the command (exit 2).
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Fatal {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    // run as `storyline eval …`: storyline passes the subcommand's name first (cargo's convention)
    let name = if args.get(1).is_some_and(|a| a == "eval") {
        args.remove(1);
        "storyline eval"
    } else {
        "storyline-eval"
    };
    let matches = Cli::command().name(name).bin_name(name).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let stdout = io::stdout();
    match run(cli.command, &mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fatal(msg)) => {
            if msg.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!("{name}: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn json_pretty(out: &mut dyn Write, v: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)
}

fn run(what: Command, out: &mut dyn Write) -> Result<(), Fatal> {
    let root = eval::default_root();
    match what {
        Command::Syndication { json } => {
            eval::require_dir(&root, "shared")?;
            let f = eval::syndication::run(&root)?;
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
        Command::Dossier { corpus, errors, json } => {
            let corpus = corpus.unwrap_or_else(|| {
                let shared = root.join("../corpus/seeds");
                if shared.is_dir() {
                    shared
                } else if Path::new("examples").is_dir() {
                    PathBuf::from("examples")
                } else {
                    eval::repo_examples()
                }
            });
            let f = eval::dossier::seeds(&corpus, &root.join("seeds/story.json"))?;
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
        Command::Multilingual { json, tune } => {
            let dir = root.join("multilingual");
            eval::require_dir(&dir, "multilingual")?;
            if let Some(file) = tune {
                let lines: Vec<String> = std::fs::read_to_string(&file)?.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
                let settings: Vec<storyline::dossier::tls::Weights> = lines.iter().map(|l| serde_json::from_str(l)).collect::<Result<_, _>>()?;
                for (line, f) in lines.iter().zip(eval::multilingual::tune(&dir, &settings)?) {
                    let lang = |l: &str| {
                        let (_, a) = eval::multilingual::mean_row(&f, l);
                        format!("{l} {:.4}/{:.4}/{:.3}", a.align_r1, a.align_r2, a.date_f1)
                    };
                    let per: Vec<String> = f.per_timeline.iter().map(|(k, d, r1, r2)| format!("{k} {d:.3}/{r1:.3}/{r2:.3}")).collect();
                    writeln!(out, "{line}\n  align R-1 {:.4} R-2 {:.4} date {:.4} | {} {} {} | {}", f.align_r1, f.align_r2, f.date_f1, lang("es"), lang("fr"), lang("it"), per.join(" "))?;
                }
                return Ok(());
            }
            let f = eval::multilingual::run(&dir)?;
            if json {
                json_pretty(out, &f)?;
            } else {
                writeln!(out, "multilingual, ML-Crisis dev ({:.1}s): per language, the mean over its timelines of date F1, align+ m:1 ROUGE-1 F, ROUGE-2 F", f.seconds)?;
                for l in &f.languages {
                    writeln!(out, "  {} ({} timelines, {} articles; language identified right {}/{} = {:.3})", l.lang, l.timelines, l.articles, l.detected_right, l.articles, l.detected_right as f64 / l.articles.max(1) as f64)?;
                    for (name, r) in [("storyline", &l.storyline), ("busiest days", &l.busiest_days)] {
                        writeln!(out, "    {name:<13} date {:.4}  R-1 {:.4}  R-2 {:.4}", r.date_f1, r.align_r1, r.align_r2)?;
                    }
                }
                writeln!(out, "  all timelines (date F1, align R-1 F, R-2 F; concat R-1 F, R-2 F):")?;
                for (name, x) in [("storyline", &f.storyline), ("busiest days", &f.busiest_days)] {
                    writeln!(out, "    {name:<13} date {:.4}  R-1 {:.4}  R-2 {:.4}   (concat {:.4}  {:.4})", x.date_f1, x.align_r1, x.align_r2, x.concat_r1, x.concat_r2)?;
                }
                let (n, r): (usize, usize) = f.languages.iter().fold((0, 0), |a, l| (a.0 + l.articles, a.1 + l.detected_right));
                writeln!(out, "  language identification: {r}/{n} articles = {:.3}; on the gold files (documents right / all, undetected):", r as f64 / n.max(1) as f64)?;
                for g in &f.gold_lang_id {
                    writeln!(out, "    {:<40} {}/{} = {:.3}  ({} undetected)", g.file, g.detected_right, g.documents, g.detected_right as f64 / g.documents.max(1) as f64, g.undetected)?;
                }
                writeln!(out, "  same-day articles of one topic meeting in one story (pairs met / pairs; all languages of a topic in one store):")?;
                for m in &f.meeting {
                    let kind = if m.pair.contains('-') { "two languages" } else { "one language" };
                    writeln!(out, "    {:<6} ({kind}) {}/{} = {:.3}", m.pair, m.met, m.pairs, m.met as f64 / m.pairs.max(1) as f64)?;
                }
            }
        }
        Command::Tls { no_baseline, json, tune, folds } => {
            let dir = root.join("tls");
            eval::require_dir(&dir, "tls")?;
            if folds.is_some() {
                let t = std::time::Instant::now();
                let spans = eval::tls::load(&dir)?;
                let settings: Vec<storyline::dossier::tls::Weights> = match &tune {
                    Some(file) => std::fs::read_to_string(file)?.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?,
                    None => eval::tls::neighbourhood(&storyline::dossier::tls::Weights::default()),
                };
                let f = eval::tls::folds(&spans, &settings)?;
                if json {
                    json_pretty(out, &f)?;
                    return Ok(());
                }
                let fig = |a: &eval::tls::Avg| format!("{:.4}  {:.4}  {:.3}", a.align_r1, a.align_r2, a.date_f1);
                writeln!(
                    out,
                    "tls, Timeline17 dev, leave one topic out ({} settings, chosen by R-1/.136 + R-2/.044 + date F1/.576 on the other topics; {:.1}s)",
                    f.settings,
                    t.elapsed().as_secs_f64()
                )?;
                writeln!(out, "  align+ m:1 ROUGE-1 F, ROUGE-2 F, date F1")?;
                writeln!(out, "  {:<7} {:>3}  {:<24} {:<24} {:<24} {:<24}", "topic", "tl", "defaults", "held out (setting)", "chosen on all dev", "best on itself")?;
                for x in &f.topics {
                    writeln!(out, "  {:<7} {:>3}  {:<24} {:<24} {:<24} {:<24}", x.topic, x.timelines, fig(&x.default), format!("{} (#{})", fig(&x.held_out), x.chosen), fig(&x.dev), fig(&x.best))?;
                }
                writeln!(out, "  {:<7} {:>3}  {:<24} {:<24} {:<24}", "pooled", f.topics.iter().map(|x| x.timelines).sum::<usize>(), fig(&f.default), fig(&f.held_out), format!("{} (#{})", fig(&f.dev), f.dev_choice))?;
                let spread = |g: &dyn Fn(&eval::tls::Avg) -> f64| {
                    let v: Vec<f64> = f.topics.iter().map(|x| g(&x.held_out) - g(&x.dev)).collect();
                    format!("{:+.4} .. {:+.4}", v.iter().cloned().fold(f64::MAX, f64::min), v.iter().cloned().fold(f64::MIN, f64::max))
                };
                writeln!(out, "  held out minus chosen on all dev, per topic: R-1 {}, R-2 {}, date {}", spread(&|a| a.align_r1), spread(&|a| a.align_r2), spread(&|a| a.date_f1))?;
                writeln!(
                    out,
                    "  pooled gap (held out minus chosen on all dev): R-1 {:+.4}, R-2 {:+.4}, date {:+.4}",
                    f.held_out.align_r1 - f.dev.align_r1,
                    f.held_out.align_r2 - f.dev.align_r2,
                    f.held_out.date_f1 - f.dev.date_f1
                )?;
                for (i, w) in settings.iter().enumerate().filter(|(i, _)| f.topics.iter().any(|x| x.chosen == *i) || *i == f.dev_choice) {
                    writeln!(out, "  #{i}: {}", serde_json::to_string(w)?)?;
                }
                return Ok(());
            }
            if let Some(configs) = tune {
                let spans = eval::tls::load(&dir)?;
                for line in std::fs::read_to_string(&configs)?.lines().filter(|l| !l.trim().is_empty()) {
                    let w: storyline::dossier::tls::Weights = serde_json::from_str(line)?;
                    let f = eval::tls::score(&spans, &eval::tls::storyline_system(&spans, &w)?)?;
                    let per: Vec<String> = f.per_timeline.iter().map(|(k, d, r1, r2)| format!("{} {d:.3}/{r1:.3}/{r2:.3}", k.split('/').next().unwrap_or(k))).collect();
                    let topic = |t: &str| {
                        let a = eval::tls::Avg::of(f.pr.iter().filter(|r| eval::tls::topic_of(&r.key) == t));
                        format!("{t} {:.4}/{:.4}/{:.3}", a.align_r1, a.align_r2, a.date_f1)
                    };
                    writeln!(out, "{line}\n  align R-1 {:.4} R-2 {:.4} date {:.4} | {} | {} {} {}", f.align_r1, f.align_r2, f.date_f1, per.join(" "), topic("bpoil"), topic("H1N1"), topic("haiti"))?;
                }
                return Ok(());
            }
            let f = eval::tls::run(&dir, !no_baseline)?;
            if json {
                json_pretty(out, &f)?;
            } else {
                writeln!(out, "tls, Timeline17 dev ({} timelines; {:.1}s): align+ m:1 ROUGE-1 F, ROUGE-2 F, date F1 (concat ROUGE-1 F, ROUGE-2 F)", f.timelines, f.seconds)?;
                let mut rows = vec![("storyline", &f.storyline)];
                if let Some(b) = &f.pooled_stories {
                    rows.push(("pooled stories", b));
                }
                for (name, x) in &rows {
                    writeln!(out, "  {name:<15} {:.4}  {:.4}  date {:.4}   (concat {:.4}  {:.4})", x.align_r1, x.align_r2, x.date_f1, x.concat_r1, x.concat_r2)?;
                }
                writeln!(out, "  per timeline, storyline (date F1, align R-1 F, R-2 F):")?;
                for (k, d, r1, r2) in &f.storyline.per_timeline {
                    writeln!(out, "    {k:<40} {d:.3}  {r1:.3}  {r2:.3}")?;
                }
                writeln!(out, "  per topic, storyline (date F1, align R-1 F, R-2 F; P and R averaged over its timelines):")?;
                let mut topics: Vec<&str> = f.storyline.pr.iter().map(|r| eval::tls::topic_of(&r.key)).collect();
                topics.sort_unstable();
                topics.dedup();
                for t in topics {
                    let a = eval::tls::Avg::of(f.storyline.pr.iter().filter(|r| eval::tls::topic_of(&r.key) == t));
                    writeln!(out, "    {t:<40} {:.3}  {:.3}  {:.3}", a.date_f1, a.align_r1, a.align_r2)?;
                }
            }
        }
        Command::Summaries { split, set, limit, folds, lowercase, json } => {
            let mut sets = Vec::new();
            if matches!(set.as_str(), "all" | "neus") {
                sets.push((format!("neus-{split}"), format!("NeuS {split}"), root.join(format!("summaries/neus-{split}.jsonl"))));
            }
            if matches!(set.as_str(), "all" | "multinews") {
                sets.push(("multinews-dev".to_string(), "Multi-News dev".to_string(), root.join("stories/multinews-dev/clusters.jsonl")));
            }
            if sets.is_empty() {
                return Err(format!("--set {set}: expected neus, multinews or all").into());
            }
            let mut all = std::collections::BTreeMap::new();
            for (key, name, file) in sets {
                let f = eval::summaries::score(&file, limit, folds.unwrap_or(1), lowercase)?;
                if !json {
                    let lc = if lowercase { ", lowercased" } else { "" };
                    writeln!(out, "summaries, {name}{lc} ({} clusters, reference {:.0} words; {:.1}s), ROUGE F1:", f.clusters, f.reference_words, f.seconds)?;
                    for (name, s) in [("storyline", &f.storyline), ("lead-1", &f.lead1), ("TextRank", &f.textrank), ("TextRank-3", &f.textrank3)] {
                        writeln!(out, "  {name:<10} R-1 {:.4}  R-2 {:.4}  R-L {:.4}   ({:.0} words)", s.rouge1, s.rouge2, s.rouge_l, s.words)?;
                    }
                    if !f.folds.is_empty() {
                        writeln!(out, "  folds      R-1 storyline / TextRank / TextRank-3 (storyline - TextRank)")?;
                        let d: Vec<f64> = f.folds.iter().map(|x| x.storyline.rouge1 - x.textrank.rouge1).collect();
                        for (k, x) in f.folds.iter().enumerate() {
                            writeln!(out, "    fold {k} ({:>3} clusters)  {:.4} / {:.4} / {:.4}  ({:+.4})", x.clusters, x.storyline.rouge1, x.textrank.rouge1, x.textrank3.rouge1, d[k])?;
                        }
                        let (lo, hi) = d.iter().fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
                        writeln!(out, "    storyline - TextRank: min {lo:+.4}  max {hi:+.4}")?;
                    }
                }
                all.insert(key, f);
            }
            if json {
                json_pretty(out, &all)?;
            }
        }
        Command::Stories { shuffle, json, tune, sweep_baseline, train_pair, learn_weights } => {
            if let Some(file) = learn_weights {
                return Ok(learn_term_weights(out, &root, &file)?);
            }
            let sets = eval::stories::dev_sets(&root)?;
            if train_pair {
                return Ok(train_pair_scorer(out, &sets, &shuffle)?);
            }
            if sweep_baseline {
                for (th, f) in eval::stories::tfidf_sweep(&sets) {
                    let mean = f.iter().sum::<f64>() / f.len() as f64;
                    writeln!(out, "tf-idf threshold {th:.2}: {}  mean {mean:.3}", f.iter().zip(&sets).map(|(x, s)| format!("{} {x:.3}", s.name)).collect::<Vec<_>>().join("  "))?;
                }
                return Ok(());
            }
            if let Some(configs) = tune {
                return Ok(tune_stories(out, &sets, &configs, &shuffle)?);
            }
            let mut runs = Vec::new();
            for set in &sets {
                let mut v = vec![eval::stories::run(set, None)?];
                for seed in &shuffle {
                    v.push(eval::stories::run(set, Some(*seed))?);
                }
                runs.push(v);
            }
            let (f, shuffled) = (&runs[0][0], &runs[0][1..]);
            if json {
                // ECB+ as before (its figures, or a list of them with the shuffled runs), the
                // other sets under `sets` of the first
                let mut first = serde_json::to_value(f).map_err(|e| e.to_string())?;
                first["sets"] = serde_json::to_value(&runs[1..]).map_err(|e| e.to_string())?;
                if shuffle.is_empty() {
                    json_pretty(out, &first)?;
                } else {
                    let mut all = vec![first];
                    for g in shuffled {
                        all.push(serde_json::to_value(g).map_err(|e| e.to_string())?);
                    }
                    json_pretty(out, &all)?;
                }
            } else {
                for (k, v) in runs.iter().enumerate() {
                    let f = &v[0];
                    let name = match f.set.as_str() {
                        "ecb+" => "ECB+ dev",
                        "multinews" => "Multi-News dev",
                        _ => "NeuS val",
                    };
                    let order = if k == 2 { "in its stream order" } else { "in file order" };
                    writeln!(
                        out,
                        "stories, {name} ({} docs, {} gold stories, {} found, ingested {order} in {:.1}s):\n  BCubed   P {:.3}  R {:.3}  F1 {:.3}\n  pairwise {}",
                        f.docs, f.gold_stories, f.stories, f.seconds, f.bcubed.precision, f.bcubed.recall, f.bcubed.f1, f.pairwise
                    )?;
                    writeln!(
                        out,
                        "  tf-idf single pass (threshold {:.2}): BCubed P {:.3}  R {:.3}  F1 {:.3}   pairwise F1 {:.3}",
                        eval::stories::TFIDF_THRESHOLD, f.baseline_bcubed.precision, f.baseline_bcubed.recall, f.baseline_bcubed.f1, f.baseline_pairwise.f1
                    )?;
                    let shuffled = &v[1..];
                    for g in shuffled {
                        writeln!(
                            out,
                            "  shuffled (seed {}): {} found  BCubed P {:.3}  R {:.3}  F1 {:.3}   pairwise P {:.3}  R {:.3}  F1 {:.3}   tf-idf BCubed F1 {:.3}",
                            g.shuffle_seed.unwrap_or_default(), g.stories, g.bcubed.precision, g.bcubed.recall, g.bcubed.f1,
                            g.pairwise.precision, g.pairwise.recall, g.pairwise.f1, g.baseline_bcubed.f1
                        )?;
                    }
                    if !shuffled.is_empty() {
                        let n = shuffled.len() as f64;
                        let (b, p) = (shuffled.iter().map(|g| g.bcubed.f1).sum::<f64>() / n, shuffled.iter().map(|g| g.pairwise.f1).sum::<f64>() / n);
                        let (bmin, pmin) = (shuffled.iter().map(|g| g.bcubed.f1).fold(1.0, f64::min), shuffled.iter().map(|g| g.pairwise.f1).fold(1.0, f64::min));
                        let tb = shuffled.iter().map(|g| g.baseline_bcubed.f1).sum::<f64>() / n;
                        writeln!(out, "  shuffled, mean of {}: BCubed F1 {b:.3} (lowest {bmin:.3})   pairwise F1 {p:.3} (lowest {pmin:.3})   tf-idf BCubed F1 {tb:.3}", shuffled.len())?;
                    }
                }
            }
        }
        w @ (Command::Quotes { .. } | Command::Times { .. } | Command::Entities { .. }) => {
            extractors(w, &root, out)?;
        }
        Command::HtmlText { dir, misses, folds, explain, blocks, train_blocks, rounds, depth, rate, margin, dump_blocks, bodies, json } => {
            let dir = dir.unwrap_or_else(|| root.join("html_text"));
            if bodies {
                let dates = dir.parent().map(|p| p.join("html")).filter(|d| d.is_dir());
                let urls = eval::html_text::page_urls(&dir, dates.as_deref())?;
                let dirs: Vec<PathBuf> = std::iter::once(dir.clone()).chain(dates).collect();
                let f = eval::html_text::bodies(&dirs, &urls, folds.unwrap_or(0))?;
                if json {
                    json_pretty(out, &f)?;
                    return Ok(());
                }
                if misses {
                    for (k, p, r, f1) in &f.per_page {
                        writeln!(out, "  {f1:.3}  P {p:.3}  R {r:.3}  {k}")?;
                    }
                }
                writeln!(out, "html-text bodies (JSON-LD articleBody, word 4-grams): {} pages  P {:.3}  R {:.3}  F1 {:.3}", f.pages, f.precision, f.recall, f.f1)?;
                if let Some(s) = &f.fold_f1 {
                    writeln!(out, "  {} folds of sites, F1: {s}", f.folds.len())?;
                    for (i, (n, x)) in f.folds.iter().enumerate() {
                        writeln!(out, "    fold {i}: {n} pages  F1 {x:.3}")?;
                    }
                }
                return Ok(());
            }
            let d = eval::html_text::TRAINING;
            let training = storyline::sources::html::extract::BlockTraining {
                rounds: rounds.unwrap_or(d.rounds),
                depth: depth.unwrap_or(d.depth),
                rate: rate.unwrap_or(d.rate),
                margin: margin.unwrap_or(d.margin),
            };
            if let Some(file) = dump_blocks {
                let n = eval::html_text::dump_blocks(&dir, &file)?;
                writeln!(out, "{n} pages written to {}", file.display())?;
                return Ok(());
            }
            if let Some(file) = train_blocks {
                let t = eval::html_text::train(&dir, training)?;
                let header = format!(
                    "storyline's block model (src/sources/html/extract/classify.rs): boosted regression trees, one node per line.\n\
                     Learned from trafilatura's annotated pages (html_text: {} pages, {} body and {} boilerplate blocks labelled by their snippets)\n\
                     by `storyline eval html-text --train-blocks {} --rounds {} --depth {} --rate {} --margin {}`.",
                    t.pages, t.body, t.boilerplate, file.display(), training.rounds, training.depth, training.rate, training.margin
                );
                std::fs::write(&file, t.model.to_tsv(&header)).map_err(|e| format!("{}: {e}", file.display()))?;
                writeln!(out, "block model: {} body and {} boilerplate blocks from {} pages, written to {}", t.body, t.boilerplate, t.pages, file.display())?;
                return Ok(());
            }
            if let Some(page) = explain {
                let path = if page.is_file() { page } else { dir.join("pages").join(&page) };
                for (text, reason, path) in eval::html_text::explain(&path)? {
                    writeln!(out, "[{reason}] {}\n      {path}", storyline::text::ellipsize(&text, 160))?;
                }
                return Ok(());
            }
            let blocks = match blocks {
                BlocksArg::Shipped => eval::html_text::Blocks::Shipped,
                BlocksArg::Rules => eval::html_text::Blocks::Rules,
                BlocksArg::Cross => eval::html_text::Blocks::CrossFit,
            };
            let f = eval::html_text::run(&dir, misses, folds.unwrap_or(0), blocks, training)?;
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
                if let (Some(m), Some(f1)) = (&f.fold_mean, &f.fold_f1) {
                    writeln!(out, "  {} folds of sites, snippet mean: {m}\n                          F1: {f1}", f.folds.len())?;
                    for (i, x) in f.folds.iter().enumerate() {
                        writeln!(out, "    fold {i}: {} pages  mean {:.3}  F1 {:.3}", x.pages, x.mean, x.f1)?;
                    }
                }
            }
        }
        Command::Sentences { errors, json } => {
            eval::require_dir(&root, "shared")?;
            let sets = eval::sentences::run(&root, errors)?;
            let (langs, macro_s, macro_n) = eval::sentences::per_language(&sets);
            if json {
                json_pretty(out, &serde_json::json!({"sets": sets, "languages": langs, "macro_f1": {"storyline": macro_s, "naive": macro_n}}))?;
            } else {
                writeln!(out, "sentence boundaries ({} sets):", sets.len())?;
                for s in &sets {
                    writeln!(out, "  {} ({} docs, {} sentences; language detected right {}/{})\n    storyline {}\n    naive     {}", s.set, s.documents, s.sentences, s.lang_right, s.documents, s.storyline, s.naive)?;
                    for (doc, at, ctx) in &s.errors {
                        writeln!(out, "      {doc} {at}: {ctx}")?;
                    }
                }
                if !langs.is_empty() {
                    writeln!(out, "per language (boundaries pooled over its files), F1 storyline / naive:")?;
                    for l in &langs {
                        writeln!(out, "  {} ({} files)  {:.3} / {:.3}   storyline {}", l.lang, l.files, l.storyline.f1, l.naive.f1, l.storyline)?;
                    }
                    writeln!(out, "  macro average over {} languages: storyline {:.3}  naive {:.3}", langs.len(), macro_s, macro_n)?;
                }
            }
        }
        Command::HtmlDates { dir, misses, folds, json } => {
            let given = dir.is_some();
            let dir = dir.unwrap_or_else(|| root.join("html"));
            let k = folds.unwrap_or(0);
            let f = eval::html_dates::run(&dir, misses, k)?;
            // trafilatura's dated pages outside htmldate's set, when the shared root is used
            let text_dir = root.join("html_text");
            let ind = if given || !text_dir.is_dir() { None } else { Some(eval::html_dates::run_independent(&text_dir, &dir, misses, k)?) };
            if json {
                json_pretty(out, &serde_json::json!({"htmldate_dev": f, "trafilatura_dated": ind}))?;
            } else {
                print_dates(out, "html-dates (htmldate dev)", &f)?;
                if let Some(ind) = &ind {
                    print_dates(out, "html-dates (trafilatura's dated pages, not htmldate's)", ind)?;
                }
            }
        }
    }
    Ok(())
}

/// `eval times --ablate`: each pattern family of the non-English times tagger turned off in
/// turn, value F1 per multilingual set without it beside all on. A family holds when turning it
/// off lowers or keeps value F1 on every set (each set a held-out fold for the others' rules).
fn ablations(dir: &Path, json: bool, out: &mut dyn Write) -> Result<(), Fatal> {
    let all = eval::times::multilingual(dir, false, 0)?;
    let mut rows = Vec::new();
    for fam in storyline::analysis::times::Family::ALL {
        let sets = eval::times::multilingual(dir, false, fam as u32)?;
        let deltas: Vec<f64> = all.iter().zip(&sets).map(|(a, b)| a.figures.value_f1 - b.figures.value_f1).collect();
        rows.push((fam.name(), sets.iter().map(|s| s.figures.value_f1).collect::<Vec<_>>(), deltas));
    }
    if json {
        let v: Vec<_> = rows.iter().map(|(n, v, d)| serde_json::json!({"family": n, "value_f1_without": v, "gain": d})).collect();
        json_pretty(out, &serde_json::json!({"sets": all.iter().map(|s| &s.set).collect::<Vec<_>>(), "value_f1": all.iter().map(|s| s.figures.value_f1).collect::<Vec<_>>(), "families": v}))?;
        return Ok(());
    }
    write!(out, "{:<10}", "family")?;
    for s in &all {
        write!(out, " {:>14}", s.set)?;
    }
    writeln!(out, "  holds")?;
    write!(out, "{:<10}", "all on")?;
    for s in &all {
        write!(out, " {:>14.3}", s.figures.value_f1)?;
    }
    writeln!(out)?;
    for (name, _, d) in &rows {
        write!(out, "{name:<10}")?;
        for x in d {
            write!(out, " {:>+14.3}", x)?;
        }
        writeln!(out, "  {}", if d.iter().all(|x| *x >= -1e-9) { "yes" } else { "no" })?;
    }
    writeln!(out, "(each row: value F1 with the family on minus off, per set)")?;
    Ok(())
}

fn extractors(what: Command, root: &Path, out: &mut dyn Write) -> Result<(), Fatal> {
    match what {
        Command::Quotes { errors, folds, json, train_speakers, epochs } => {
            if let Some(path) = train_speakers {
                let q = root.join("quotes");
                let report = eval::quotes::train_speakers(&q.join("polnear-train.jsonl"), &q.join("polnear-dev.jsonl"), folds.unwrap_or(0), epochs, errors, &path)?;
                write!(out, "{report}")?;
                writeln!(out, "weights written to {}", path.display())?;
                return Ok(());
            }
            let seeds = eval::quotes::seeds(&root.join("seeds"), errors)?;
            let k = folds.unwrap_or(0);
            let dev = eval::quotes::polnear(&root.join("quotes/polnear-dev.jsonl"), k, errors)?;
            let train_file = root.join("quotes/polnear-train.jsonl");
            let train = if train_file.is_file() { Some(eval::quotes::polnear(&train_file, k, errors)?) } else { None };
            if json {
                json_pretty(out, &serde_json::json!({"seeds": seeds, "polnear_dev": dev, "polnear_train": train}))?;
                return Ok(());
            }
            for e in &seeds.errors {
                writeln!(out, "  {e}")?;
            }
            for (name, f) in [("dev", Some(&dev)), ("train", train.as_ref())] {
                for e in f.map(|f| f.errors.as_slice()).unwrap_or_default() {
                    writeln!(out, "  {name} {e}")?;
                }
            }
            writeln!(out, "quotes, seeds ({} articles): {}
  speaker accuracy {:.3}", seeds.docs, seeds.quotes, seeds.speaker_accuracy)?;
            for (name, f) in [("dev", Some(&dev)), ("train", train.as_ref())] {
                let Some(f) = f else {
                    writeln!(out, "quotes, PolNeAR {name}: {} absent, skipped", train_file.display())?;
                    continue;
                };
                writeln!(
                    out,
                    "quotes, PolNeAR {name} ({} articles): {}
  speaker-mention accuracy {:.3} strict, {:.3} lenient",
                    f.docs, f.quotes, f.speaker_accuracy, f.speaker_lenient.unwrap_or(0.0)
                )?;
                let f1s: Vec<f64> = f.folds.iter().map(|x| x.f1).collect();
                let sps: Vec<f64> = f.folds.iter().map(|x| x.speaker).collect();
                if let (Some((m1, s1, l1, h1)), Some((m2, s2, l2, h2))) = (eval::entities::spread(&f1s), eval::entities::spread(&sps)) {
                    let list = |v: &[f64]| v.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>().join(" ");
                    writeln!(out, "  {} folds: F1 mean {m1:.3} sd {s1:.3} (low {l1:.3}, high {h1:.3}): {}", f.folds.len(), list(&f1s))?;
                    writeln!(out, "    speaker strict mean {m2:.3} sd {s2:.3} (low {l2:.3}, high {h2:.3}): {}", list(&sps))?;
                }
            }
        }
        Command::Times { errors, json, ablate, folds } => {
            let ml_dir = root.join("multilingual/times");
            if ablate {
                return ablations(&ml_dir, json, out);
            }
            let ml = if ml_dir.is_dir() { eval::times::multilingual(&ml_dir, errors, 0)? } else { Vec::new() };
            let tbaq = eval::times::tbaq(&root.join("times/tbaq.jsonl"), errors)?;
            // its errors listed too with STORYLINE_EVAL_NARRATIVE_ERRORS set
            let withheld = eval::times::tbaq_withheld(&root.join("times/tbaq.jsonl"), errors && std::env::var_os("STORYLINE_EVAL_NARRATIVE_ERRORS").is_some(), true)?;
            let unanchored = eval::times::tbaq_withheld(&root.join("times/tbaq.jsonl"), false, false)?;
            let narrative = eval::times::narrative(errors, true)?;
            let narrative_unanchored = eval::times::narrative(false, false)?;
            let check = eval::times::narrative_check(errors, true)?;
            let check_unanchored = eval::times::narrative_check(false, false)?;
            let fresh = eval::times::narrative_fresh(errors, true)?;
            let fresh_unanchored = eval::times::narrative_fresh(false, false)?;
            let wiki = eval::times::narrative_wiki(errors, true)?;
            let wiki_unanchored = eval::times::narrative_wiki(false, false)?;
            let wiki_check = eval::times::narrative_wiki_check(errors, true)?;
            let wiki_check_unanchored = eval::times::narrative_wiki_check(false, false)?;
            let wars_check = eval::times::narrative_wars_check(errors, true)?;
            let wars_check_unanchored = eval::times::narrative_wars_check(false, false)?;
            let news = eval::times::news_fresh(errors)?;
            let news_check = eval::times::news_check(errors)?;
            let folds = folds.map(|k| eval::times::tbaq_folds(&root.join("times/tbaq.jsonl"), k)).transpose()?;
            let seeds = eval::times::seeds(&root.join("seeds"), errors)?;
            let sd = eval::times::seeds_dating(&root.join("seeds"))?;
            let pd = eval::times::polnear_dating(&root.join("quotes/polnear-dev.jsonl"))?;
            let st = eval::times::seeds_text_dating(&root.join("seeds"))?;
            let td = eval::times::tls_dating(&root.join("tls/articles"))?;
            if json {
                let avg = eval::times::average(&ml);
                let langs: serde_json::Map<String, serde_json::Value> = eval::times::by_language(&ml).into_iter().map(|(l, f)| (l, serde_json::json!(f))).collect();
                json_pretty(out, &serde_json::json!({"tbaq": tbaq, "tbaq_folds": folds, "tbaq_dct_withheld": withheld, "tbaq_dct_withheld_unanchored": unanchored, "narrative": narrative, "narrative_unanchored": narrative_unanchored, "narrative_check": check, "narrative_check_unanchored": check_unanchored, "narrative_fresh": fresh, "narrative_fresh_unanchored": fresh_unanchored, "narrative_wiki": wiki, "narrative_wiki_unanchored": wiki_unanchored, "narrative_wiki_check": wiki_check, "narrative_wiki_check_unanchored": wiki_check_unanchored, "narrative_wars_check": wars_check, "narrative_wars_check_unanchored": wars_check_unanchored, "news_fresh": news, "news_check": news_check, "seeds": seeds, "seeds_dating": sd, "seeds_text_dating": st, "polnear_dev_dating": pd, "timeline17_dev_dating": td,
                    "multilingual": {"sets": ml, "languages": langs, "average": {"strict_f1": avg[0], "relaxed_f1": avg[1], "type_f1": avg[2], "value_f1": avg[3]}}}))?;
                return Ok(());
            }
            for e in tbaq.errors.iter().chain(&withheld.errors).chain(&narrative.errors).chain(&check.errors).chain(&fresh.errors).chain(&wiki.errors).chain(&wiki_check.errors).chain(&wars_check.errors).chain(&news.errors).chain(&news_check.errors).chain(&seeds.errors).chain(ml.iter().flat_map(|s| &s.figures.errors)) {
                writeln!(out, "  {e}")?;
            }
            for (name, f) in [("TBAQ-cleaned", &tbaq), ("seeds", &seeds), ("news (tests/data/times/news-fresh.txt, 2013-style reports written before scoring)", &news), ("news, second set (tests/data/times/news-check.txt, written before scoring, after the first set's fixes)", &news_check)] {
                writeln!(
                    out,
                    "times, {name} ({} docs):
  strict  {}
  relaxed {}
  type F1 {:.3}  value F1 {:.3}",
                    f.docs, f.strict, f.relaxed, f.type_f1, f.value_f1
                )?;
            }
            if let Some(f) = &folds {
                writeln!(out, "times, TBAQ-cleaned in {} folds of documents:", f.k)?;
                for (i, x) in f.folds.iter().enumerate() {
                    writeln!(out, "  fold {i} ({} docs): strict F1 {:.3}  relaxed F1 {:.3}  value F1 {:.3}", x.docs, x.strict_f1, x.relaxed_f1, x.value_f1)?;
                }
                writeln!(out, "  value F1   {}\n  strict F1  {}\n  relaxed F1 {}", f.value_f1, f.strict_f1, f.relaxed_f1)?;
            }
            let w = &withheld;
            writeln!(
                out,
                "times, TBAQ-cleaned with the DCT withheld (narrative: anchored on the text's own dates; gold whose value the text gives, {} of {}):\n  strict  {}\n  relaxed {}\n  type F1 {:.3}  value F1 {:.3}",
                w.relaxed.gold, tbaq.relaxed.gold, w.strict, w.relaxed, w.type_f1, w.value_f1
            )?;
            writeln!(out, "  without narrative mode (each value resolved on no date): type F1 {:.3}  value F1 {:.3}", unanchored.type_f1, unanchored.value_f1)?;
            for (what, n, none) in [
                ("hand-checked (tests/data/times/narrative.txt", &narrative, &narrative_unanchored),
                ("held back (tests/data/times/narrative-check.txt, written after the first fixes, first scored .920", &check, &check_unanchored),
                ("fresh (tests/data/times/narrative-fresh.txt, written before branch times20n's fixes, first scored .878", &fresh, &fresh_unanchored),
                ("Wikipedia-style wars (tests/data/times/narrative-wiki.txt, written before branch narr's fixes, first scored .890", &wiki, &wiki_unanchored),
                ("Wikipedia-style wars, held back (tests/data/times/narrative-wiki-check.txt, written after branch narr's fixes, first scored .810", &wiki_check, &wiki_check_unanchored),
                ("longer wars, held back (tests/data/times/narrative-wars-check.txt, written before branch tim's fixes and scored once after them", &wars_check, &wars_check_unanchored),
            ] {
                writeln!(
                    out,
                    "times, narrative, {what}: {} histories with no date, analysed as undated articles):\n  strict  {}\n  relaxed {}\n  type F1 {:.3}  value F1 {:.3}",
                    n.docs, n.strict, n.relaxed, n.type_f1, n.value_f1
                )?;
                writeln!(out, "  without narrative mode (each value resolved on no date): type F1 {:.3}  value F1 {:.3}", none.type_f1, none.value_f1)?;
            }
            if ml.is_empty() {
                writeln!(out, "times, multilingual: {} absent, skipped", ml_dir.display())?;
            }
            for s in &ml {
                let f = &s.figures;
                writeln!(out, "times, multilingual {} ({}, {} docs):\n  strict  {}\n  relaxed {}\n  type F1 {:.3}  value F1 {:.3}", s.set, s.lang, f.docs, f.strict, f.relaxed, f.type_f1, f.value_f1)?;
            }
            for (l, f) in eval::times::by_language(&ml) {
                writeln!(out, "times, multilingual, language {l} ({} docs): strict F1 {:.3}  relaxed F1 {:.3}  type F1 {:.3}  value F1 {:.3}", f.docs, f.strict.f1, f.relaxed.f1, f.type_f1, f.value_f1)?;
            }
            if !ml.is_empty() {
                let a = eval::times::average(&ml);
                writeln!(out, "times, multilingual, average over {} sets: strict F1 {:.3}  relaxed F1 {:.3}  type F1 {:.3}  value F1 {:.3}", ml.len(), a[0], a[1], a[2], a[3])?;
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
            for (name, f) in [("PolNeAR dev", &pd), ("Timeline17 dev", &td)] {
                writeln!(out, "document dating, {name} ({} docs, from each text alone), by confidence:", f.docs)?;
                for (t, cov, ok, far) in &f.by_confidence {
                    writeln!(out, "  ≥ {t:.1}: coverage {cov:.3}  within ±1 day {ok:.3}  over a week off {far:.3}")?;
                }
            }
            writeln!(out, "document dating, Timeline17 dev, each text alone, by topic, outlet and evidence (documents: coverage, within ±1 day of those dated):")?;
            for (g, n, cov, ok) in &td.by_group {
                writeln!(out, "  {g:<32} {n:>5}: coverage {cov:.3}  within ±1 day {ok:.3}")?;
            }
            for (id, gold, got, conf) in td.results.iter() {
                writeln!(out, "  dump {id}  gold {gold}  dated {}{}", got.as_deref().unwrap_or("—"), conf.map_or(String::new(), |c| format!("  confidence {c:.2}")))?;
            }
        }
        Command::Entities { errors, json, folds, epochs, min_abs, dropout, train_intl } => {
            let ml_dir = root.join("multilingual/entities");
            let sets = if ml_dir.is_dir() { eval::entities::load_multilingual(&ml_dir)? } else { Vec::new() };
            if let Some(path) = train_intl {
                eval::require_dir(&ml_dir, "multilingual/entities")?;
                let bytes = eval::entities::train_multilingual(&sets, epochs, min_abs, dropout);
                std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                writeln!(out, "wrote {} ({} bytes, {} epochs over {} sets)", path.display(), bytes.len(), epochs, sets.len())?;
                return Ok(());
            }
            let seeds = eval::entities::seeds(&root.join("seeds"), errors)?;
            let conll = eval::entities::conll(&root.join("entities/conll2003-dev.jsonl"), false)?;
            let ml = eval::entities::multilingual(&sets, folds, epochs, min_abs, dropout, errors);
            let avg = |f: &dyn Fn(&eval::entities::MlFigures) -> Option<f64>| -> Option<f64> {
                let v: Vec<f64> = ml.iter().filter_map(f).collect();
                (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
            };
            let shipped_avg = avg(&|m| Some(m.shipped.micro.f1));
            let held_avg = avg(&|m| m.held_out.as_ref().map(|h| h.micro.f1));
            // per fold, the average over the sets of the held-out F1 (the spread of the target)
            let fold_avgs: Vec<f64> = (0..folds.unwrap_or(0)).filter_map(|f| avg(&|m| m.fold_f1.get(f).copied())).collect();
            let mut langs: Vec<(String, Vec<&eval::entities::MlFigures>)> = Vec::new();
            for m in &ml {
                match langs.iter_mut().find(|l| l.0 == m.lang) {
                    Some(l) => l.1.push(m),
                    None => langs.push((m.lang.clone(), vec![m])),
                }
            }
            let mean = |v: Vec<f64>| if v.is_empty() { None } else { Some(v.iter().sum::<f64>() / v.len() as f64) };
            if json {
                let per_lang: serde_json::Map<String, serde_json::Value> = langs
                    .iter()
                    .map(|(l, ms)| {
                        (l.clone(), serde_json::json!({"shipped_f1": mean(ms.iter().map(|m| m.shipped.micro.f1).collect()), "held_out_f1": mean(ms.iter().filter_map(|m| m.held_out.as_ref().map(|h| h.micro.f1)).collect())}))
                    })
                    .collect();
                json_pretty(out, &serde_json::json!({"seeds": seeds, "conll_dev": conll, "multilingual": {"sets": ml, "languages": per_lang, "folds": folds,
                    "average": {"shipped_f1": shipped_avg, "held_out_f1": held_avg, "fold_f1": fold_avgs}}}))?;
                return Ok(());
            }
            // with --folds, the held-out folds' errors (the shipped model's are of its own
            // training documents)
            for e in ml.iter().flat_map(|m| m.held_out.as_ref().map_or(&m.shipped.errors, |h| &h.errors)) {
                writeln!(out, "  {e}")?;
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
            if sets.is_empty() {
                writeln!(out, "entities, multilingual: {} absent, skipped", ml_dir.display())?;
            }
            for m in &ml {
                writeln!(out, "entities, multilingual {} ({}, {} docs), shipped model (trained on these documents: not held out):\n  exact {}", m.set, m.lang, m.shipped.docs, m.shipped.micro)?;
                if let (Some(h), Some((mu, sd, lo, hi))) = (&m.held_out, m.spread()) {
                    writeln!(out, "  held out ({} folds): exact {}\n    fold F1 mean {mu:.3} sd {sd:.3} (low {lo:.3}, high {hi:.3})", m.fold_f1.len(), h.micro)?;
                    for (k, p) in &h.per_kind {
                        writeln!(out, "    {k:<7} {p}")?;
                    }
                }
            }
            for (l, ms) in &langs {
                let s = mean(ms.iter().map(|m| m.shipped.micro.f1).collect()).unwrap_or(0.0);
                let h = mean(ms.iter().filter_map(|m| m.held_out.as_ref().map(|h| h.micro.f1)).collect());
                writeln!(out, "entities, multilingual, language {l} ({} sets): shipped F1 {s:.3}{}", ms.len(), h.map_or(String::new(), |h| format!("  held-out F1 {h:.3}")))?;
            }
            if let Some(s) = shipped_avg {
                write!(out, "entities, multilingual, average over {} sets: shipped F1 {s:.3}", ml.len())?;
                if let (Some(h), Some((mu, sd, lo, hi))) = (held_avg, eval::entities::spread(&fold_avgs)) {
                    write!(out, "  held-out F1 {h:.3} (per fold: mean {mu:.3} sd {sd:.3}, low {lo:.3}, high {hi:.3})")?;
                }
                writeln!(out)?;
            }
        }
        _ => unreachable!(),
    }
    Ok(())
}

/// `storyline eval stories --train-pair`: see `eval::pair`.
fn train_pair_scorer(out: &mut dyn Write, sets: &[eval::stories::StorySet], seeds: &[u64]) -> Result<(), String> {
    use eval::pair::{fit, samples, Sample};
    use rayon::prelude::*;
    use storyline::stories::cluster::{Config, FEATURE_NAMES};
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    let taus: Vec<f32> = env("STORIES_PAIR_TAUS", "0.4,0.5,0.6").split(',').filter_map(|t| t.trim().parse().ok()).collect();
    let lambda: f64 = env("STORIES_PAIR_LAMBDA", "1").parse().map_err(|e| format!("STORIES_PAIR_LAMBDA: {e}"))?;
    let rounds: usize = env("STORIES_PAIR_ROUNDS", "1").parse().map_err(|e| format!("STORIES_PAIR_ROUNDS: {e}"))?;
    let top: usize = env("STORIES_PAIR_TOP", "1000").parse().map_err(|e| format!("STORIES_PAIR_TOP: {e}"))?;
    let k = 5u64;
    let feats: Vec<_> = sets.iter().map(eval::stories::features_of).collect::<Result<_, _>>()?;
    let orders: Vec<Option<u64>> = std::iter::once(None).chain(seeds.iter().map(|s| Some(*s))).collect();
    let runs: Vec<(usize, Vec<usize>)> = (0..sets.len()).flat_map(|s| orders.iter().map(move |o| (s, *o))).map(|(s, o)| (s, eval::stories::order(feats[s].len(), o))).collect();
    let base = Config { pair: Vec::new(), ..Config::default() };
    let collect = |cfg: &Config| -> Vec<Sample> { runs.par_iter().flat_map(|(s, o)| samples(cfg, &feats[*s], o, &sets[*s].gold, *s, k, top)).collect() };
    let first = collect(&base);
    let train = |pool: &[Sample], hold: Option<u64>| -> Vec<f32> {
        let v: Vec<&Sample> = pool.iter().filter(|s| Some(s.fold) != hold).collect();
        fit(&v, sets.len(), lambda)
    };
    // per fold: its model (trained on the pairs of the other folds of every set)
    let mut models = Vec::new();
    for f in 0..k {
        let mut w = train(&first, Some(f));
        for _ in 1..rounds {
            let mut pool = first.clone();
            pool.extend(collect(&Config { pair: w.clone(), pair_threshold: taus[taus.len() / 2], ..base.clone() }));
            w = train(&pool, Some(f));
        }
        models.push(w);
    }
    let fold_f1 = |cfg: &Config, f: u64| -> Vec<f64> {
        runs.par_iter().map(|(s, o)| eval::stories::fold_scores(&eval::stories::cluster_with(cfg, &feats[*s], o), &sets[*s].gold, k)[f as usize]).collect()
    };
    let mean_by_set = |v: &[f64]| -> Vec<f64> { (0..sets.len()).map(|s| v[s * orders.len()..(s + 1) * orders.len()].iter().sum::<f64>() / orders.len() as f64).collect() };
    writeln!(out, "{} pairs ({} joined), folds of stories held out of every set; per set: mean over {} orders of the held-out fold's BCubed F1", first.len(), first.iter().filter(|s| s.y).count(), orders.len()).map_err(|e| e.to_string())?;
    let base_f: Vec<Vec<f64>> = (0..k).map(|f| mean_by_set(&fold_f1(&base, f))).collect();
    let show = |out: &mut dyn Write, name: &str, v: &[Vec<f64>]| -> Result<(), String> {
        let mut line = format!("  {name:<12}");
        for s in 0..sets.len() {
            let m = v.iter().map(|x| x[s]).sum::<f64>() / v.len() as f64;
            line += &format!("  {} {m:.3} [{}]", sets[s].name, v.iter().map(|x| format!("{:.3}", x[s])).collect::<Vec<_>>().join(" "));
        }
        writeln!(out, "{line}").map_err(|e| e.to_string())
    };
    show(out, "hand-set", &base_f)?;
    for &tau in &taus {
        let v: Vec<Vec<f64>> = (0..k).map(|f| mean_by_set(&fold_f1(&Config { pair: models[f as usize].clone(), pair_threshold: tau, ..base.clone() }, f))).collect();
        show(out, &format!("pair {tau:.2}"), &v)?;
    }
    let mut w = train(&first, None);
    for _ in 1..rounds {
        let mut pool = first.clone();
        pool.extend(collect(&Config { pair: w.clone(), pair_threshold: taus[taus.len() / 2], ..base.clone() }));
        w = train(&pool, None);
    }
    writeln!(out, "weights on every pair (intercept, then {}):\n{:?}", FEATURE_NAMES.join(", "), w).map_err(|e| e.to_string())?;
    Ok(())
}

/// `storyline eval stories --learn-weights FILE`: see `eval::weights`.
fn learn_term_weights(out: &mut dyn Write, root: &std::path::Path, file: &std::path::Path) -> Result<(), String> {
    let env = |k: &str, d: f64| -> Result<f64, String> { std::env::var(k).map_or(Ok(d), |v| v.parse().map_err(|e| format!("{k}: {e}"))) };
    let d = eval::weights::Learn::default();
    let p = eval::weights::Learn {
        k: env("STORIES_TW_K", d.k as f64)? as usize,
        min_cos: env("STORIES_TW_MIN_COS", d.min_cos as f64)? as f32,
        alpha: env("STORIES_TW_ALPHA", d.alpha)?,
        lo: env("STORIES_TW_LO", d.lo)?,
        hi: env("STORIES_TW_HI", d.hi)?,
        min_pairs: env("STORIES_TW_MIN_PAIRS", d.min_pairs as f64)? as u32,
        names_only: env("STORIES_TW_NAMES_ONLY", d.names_only as u8 as f64)? != 0.0,
        prior: match std::env::var_os("STORIES_TW_PRIOR") {
            Some(f) => {
                let t = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.to_string_lossy()))?;
                Some((storyline::stories::cluster::parse_weights(&t).map_err(|e| format!("{}: {e}", f.to_string_lossy()))?, env("STORIES_TW_PRIOR_BETA", 1.0)? as f32))
            }
            None => None,
        },
    };
    let set = eval::stories::neus_set(&root.join("summaries/neus-train.jsonl"))?;
    let feats = eval::stories::features_of(&set)?;
    let learned = eval::weights::learn(&storyline::stories::cluster::Config::default(), &feats, &set.gold, &p);
    std::fs::write(file, eval::weights::to_tsv(&learned, &p)).map_err(|e| format!("{}: {e}", file.display()))?;
    writeln!(out, "{} articles, {} positive pairs, {} hard negatives; {} weights written to {}", feats.len(), learned.positives, learned.negatives, learned.weights.len(), file.display()).map_err(|e| e.to_string())?;
    let mut by_w: Vec<&(String, f64, u32, u32)> = learned.weights.iter().filter(|x| x.2 + x.3 >= 30).collect();
    by_w.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let show = |v: &[&(String, f64, u32, u32)]| v.iter().map(|(k, w, p, n)| format!("{k} {w:.2} ({p}/{n})")).collect::<Vec<_>>().join(", ");
    writeln!(out, "lowest (in 30 pairs or more): {}", show(&by_w[..by_w.len().min(25)])).map_err(|e| e.to_string())?;
    writeln!(out, "highest: {}", show(&by_w[by_w.len().saturating_sub(25)..])).map_err(|e| e.to_string())?;
    Ok(())
}

/// `storyline eval stories --tune CONFIGS`: each line's settings on every set, in its order and
/// shuffled by each seed; per set the mean BCubed F1 over the orders, the lowest, and the five
/// folds' figures (file order), so that a change is kept only when it holds on every fold:
/// each fold scored on its own documents, then on the whole clustering (which also sees
/// merges across folds; see `eval::stories::fold_scores_whole`).
fn tune_stories(out: &mut dyn Write, sets: &[eval::stories::StorySet], configs: &std::path::Path, seeds: &[u64]) -> Result<(), String> {
    let feats: Vec<_> = sets.iter().map(eval::stories::features_of).collect::<Result<_, _>>()?;
    let text = std::fs::read_to_string(configs).map_err(|e| format!("{}: {e}", configs.display()))?;
    let table = match std::env::var_os("STORIES_TERM_WEIGHTS") {
        Some(f) => {
            let t = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.to_string_lossy()))?;
            Some(std::sync::Arc::new(storyline::stories::cluster::parse_weights(&t).map_err(|e| format!("{}: {e}", f.to_string_lossy()))?))
        }
        None => None,
    };
    for l in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut cfg: storyline::stories::cluster::Config = serde_json::from_str(l).map_err(|e| format!("{l}: {e}"))?;
        cfg.weight_table = table.clone();
        let mut line = format!("{l}\n");
        let mut means = Vec::new();
        for (set, f) in sets.iter().zip(&feats) {
            let mut scores = Vec::new();
            let mut folds = Vec::new();
            let mut whole = Vec::new();
            for (k, seed) in std::iter::once(None).chain(seeds.iter().map(|s| Some(*s))).enumerate() {
                let pred = eval::stories::cluster_with(&cfg, f, &eval::stories::order(f.len(), seed));
                let (b, _) = eval::stories::score(&pred, &set.gold);
                scores.push(b);
                if k == 0 {
                    folds = eval::stories::fold_scores(&pred, &set.gold, 5);
                    whole = eval::stories::fold_scores_whole(&pred, &set.gold, 5);
                }
                if let Some(dump) = std::env::var_os("STORIES_TUNE_DUMP") {
                    let lines: Vec<String> = pred.iter().map(|(id, s)| format!("{id}\t{s}\t{}", set.gold[id])).collect();
                    let order = seed.map_or(String::new(), |s| format!("-seed{s}"));
                    let _ = std::fs::write(format!("{}-{}{order}.tsv", dump.to_string_lossy(), set.name), lines.join("\n"));
                }
            }
            let n = scores.len() as f64;
            let mean = scores.iter().map(|b| b.f1).sum::<f64>() / n;
            let low = scores.iter().map(|b| b.f1).fold(1.0, f64::min);
            let (p, r) = (scores.iter().map(|b| b.precision).sum::<f64>() / n, scores.iter().map(|b| b.recall).sum::<f64>() / n);
            means.push(mean);
            line += &format!(
                "  {:<9} F1 {mean:.3} (low {low:.3}, P {p:.3} R {r:.3}; file order {:.3})  folds {}  on the whole {}\n",
                set.name,
                scores[0].f1,
                folds.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>().join(" "),
                whole.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>().join(" ")
            );
        }
        line += &format!("  mean {:.3}\n", means.iter().sum::<f64>() / means.len().max(1) as f64);
        out.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn print_dates(out: &mut dyn Write, name: &str, f: &eval::html_dates::Figures) -> Result<(), Fatal> {
    for m in &f.misses {
        writeln!(out, "{}  [{}]  gold {}  got {} ({})", m.page, m.site.as_deref().unwrap_or("?"), m.gold, m.predicted.as_deref().unwrap_or("—"), m.source.as_deref().unwrap_or("—"))?;
        if let Some(why) = &m.refused {
            writeln!(out, "    refused by ingest: {why}")?;
        }
        if !m.candidates.is_empty() {
            writeln!(out, "    candidates: {}", m.candidates.join(", "))?;
        }
    }
    writeln!(
        out,
        "{name}: {} pages  exact-day accuracy {:.3} ({} right)  coverage {:.3}  same month {:.3}\n  {:.0} pages/s on {} threads",
        f.pages, f.accuracy, f.exact, f.coverage, f.same_month, f.pages_per_s, f.threads
    )?;
    let by: Vec<String> = f.by_source.iter().map(|(s, c)| format!("{s} {}/{}", c.right, c.pages)).collect();
    writeln!(out, "  right/answered by signal: {}", by.join(", "))?;
    if let Some(a) = &f.fold_accuracy {
        writeln!(out, "  {} folds of sites: exact-day {a}", f.folds.len())?;
        for (i, x) in f.folds.iter().enumerate() {
            writeln!(out, "    fold {i}: {} pages  exact-day {:.3}  coverage {:.3}", x.pages, x.accuracy, x.coverage)?;
        }
    }
    Ok(())
}

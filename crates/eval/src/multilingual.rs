//! ML-Crisis (`multilingual/`: egypt and libya in Spanish, French and Italian; README there),
//! the cross-lingual timeline set, in the news-tls setting `eval tls` uses: for each gold
//! timeline in a language storyline has articles for (es, fr, it; the English references have
//! none), the articles of its language and topic published in its span are ingested into a
//! fresh store and `storyline timeline` over them gives as many dates as the gold has and as
//! many sentences a date as it has on average. Scored by the set's own `score_timelines.py`
//! (which tokenises es/fr/it keys by Unicode words): date F1, alignment (align+ m:1) and
//! concat ROUGE-1/2 F, per language (the mean of its two timelines).
//!
//! Beside it:
//! - **busiest days**: the `n_dates` days with the most articles published, each told by the
//!   lead sentences of its articles (the first sentence of five words or more, as storyline's
//!   segmenter cuts it in the article's language; a day's articles in file order, then their
//!   second sentences, up to `k` a day);
//! - **language identification**: the share of articles whose language storyline detects
//!   (`analysis::lang::detect`, as ingest does for an article that names none) is the one the
//!   set gives, per language; the same over every multilingual gold file (`times/`,
//!   `entities/`, `sentences/`, `quotes/`: documents, many of them a sentence or two);
//! - **cross-language meeting**: all articles of a topic in the three languages ingested into
//!   one store, in publication order. A *pair* is two articles of the topic in two different
//!   languages published on the same day (the set gives no events, so a day of one crisis
//!   stands for one event); the pair *meets* when storyline puts both in one story. Printed
//!   as pairs met / pairs, per pair of languages, beside the same share for same-day pairs
//!   in one language (what linking does when language is no obstacle).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use storyline::dossier::tls::Weights;
use storyline::store::LinkStore;

use crate::tls::{self, Figures};

/// The languages with articles.
const LANGS: [&str; 3] = ["es", "fr", "it"];

#[derive(Debug, Clone, Serialize)]
pub struct LangFigures {
    pub lang: String,
    pub timelines: usize,
    pub storyline: Row,
    pub busiest_days: Row,
    /// Articles of this language, and those detected as it.
    pub articles: usize,
    pub detected_right: usize,
}

/// One system's figures in one language: means over its timelines.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    pub date_f1: f64,
    pub align_r1: f64,
    pub align_r2: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// "es-fr", or "es" for same-language pairs.
    pub pair: String,
    pub pairs: usize,
    pub met: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldLangId {
    pub file: String,
    pub documents: usize,
    pub detected_right: usize,
    /// Documents too short or mixed to tell (no language detected).
    pub undetected: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MultilingualFigures {
    pub languages: Vec<LangFigures>,
    /// All timelines together, as the scorer averages them.
    pub storyline: Figures,
    pub busiest_days: Figures,
    pub meeting: Vec<Meeting>,
    pub gold_lang_id: Vec<GoldLangId>,
    pub seconds: f64,
}

/// A set's articles: (id, language, topic, day, text), in file order.
struct Art {
    id: String,
    lang: String,
    topic: String,
    day: String,
    text: String,
}

fn read_articles(dir: &Path) -> Result<Vec<Art>, String> {
    let mut out = Vec::new();
    for lang in LANGS {
        for topic in ["egypt", "libya"] {
            let file = dir.join("articles").join(format!("{lang}-{topic}.jsonl"));
            let data = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            for (n, l) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", file.display(), n + 1))?;
                out.push(Art {
                    id: v["id"].as_str().unwrap_or_default().into(),
                    lang: v["lang"].as_str().unwrap_or(lang).into(),
                    topic: topic.into(),
                    day: v["published"].as_str().and_then(|p| p.get(..10)).unwrap_or_default().into(),
                    text: v["text"].as_str().unwrap_or_default().into(),
                });
            }
        }
    }
    Ok(out)
}

/// The busiest-days baseline for one timeline.
fn busiest_days(arts: &[Art], lang: &str, m: &tls::Meta) -> Vec<serde_json::Value> {
    let mine: Vec<&Art> = arts.iter().filter(|a| a.lang == lang && a.topic == m.topic && a.day >= m.first_date && a.day <= m.last_date).collect();
    let mut by_day: BTreeMap<&str, Vec<&Art>> = BTreeMap::new();
    for a in &mine {
        by_day.entry(a.day.as_str()).or_default().push(a);
    }
    let mut days: Vec<(&str, usize)> = by_day.iter().map(|(d, v)| (*d, v.len())).collect();
    days.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    days.truncate(m.n_dates);
    let mut out = Vec::new();
    for (day, _) in days {
        // each article's sentences of five words or more, in order
        let leads: Vec<Vec<String>> = by_day[day]
            .iter()
            .map(|a| storyline::text::sentence_spans(&a.text, Some(lang)).into_iter().map(|s| s.of(&a.text).to_string()).filter(|s| s.split_whitespace().count() >= 5).take(m.k_avg_sents_per_date).collect())
            .collect();
        let mut picked = Vec::new();
        for rank in 0..m.k_avg_sents_per_date {
            for l in &leads {
                if picked.len() < m.k_avg_sents_per_date {
                    if let Some(s) = l.get(rank) {
                        picked.push(s.clone());
                    }
                }
            }
        }
        for s in picked {
            out.push(serde_json::json!({"date": day, "text": s}));
        }
    }
    out
}

/// A language's timelines: how many, and the mean of their date F1 and align ROUGE-1/2 F.
pub fn mean_row(f: &Figures, lang: &str) -> (usize, Row) {
    let mine: Vec<&(String, f64, f64, f64)> = f.per_timeline.iter().filter(|t| t.0.starts_with(&format!("{lang}/"))).collect();
    let n = mine.len().max(1) as f64;
    (
        mine.len(),
        Row { date_f1: mine.iter().map(|t| t.1).sum::<f64>() / n, align_r1: mine.iter().map(|t| t.2).sum::<f64>() / n, align_r2: mine.iter().map(|t| t.3).sum::<f64>() / n },
    )
}

/// Same-day pairs in two languages (and in one) of each topic, and how many meet in one story.
fn meeting(arts: &[Art]) -> Result<Vec<Meeting>, String> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let tmp = std::env::temp_dir().join(format!("storyline-ml-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    for topic in ["egypt", "libya"] {
        let mut mine: Vec<&Art> = arts.iter().filter(|a| a.topic == topic).collect();
        mine.sort_by(|a, b| a.day.cmp(&b.day));
        let path = tmp.join(format!("{topic}.jsonl"));
        let lines: Vec<String> = mine.iter().map(|a| serde_json::json!({"id": a.id, "text": a.text, "published": a.day}).to_string()).collect();
        std::fs::write(&path, lines.join("\n")).map_err(|e| e.to_string())?;
        let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
        storyline::ingest::ingest(&mut store, std::slice::from_ref(&path), &Default::default(), &mut storyline::ingest::Silent).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&path);
        let story: Vec<Option<i64>> = mine.iter().map(|a| store.story_of(&a.id).ok().flatten()).collect();
        for i in 0..mine.len() {
            for j in i + 1..mine.len() {
                if mine[i].day != mine[j].day || mine[i].day.is_empty() {
                    continue;
                }
                let (a, b) = if mine[i].lang <= mine[j].lang { (&mine[i].lang, &mine[j].lang) } else { (&mine[j].lang, &mine[i].lang) };
                let key = if a == b { a.clone() } else { format!("{a}-{b}") };
                let e = counts.entry(key).or_default();
                e.0 += 1;
                if story[i].is_some() && story[i] == story[j] {
                    e.1 += 1;
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(counts.into_iter().map(|(pair, (pairs, met))| Meeting { pair, pairs, met }).collect())
}

/// Language identification on every multilingual gold file.
fn gold_lang_id(dir: &Path) -> Result<Vec<GoldLangId>, String> {
    let mut out = Vec::new();
    for kind in ["sentences", "entities", "times", "quotes"] {
        let Ok(rd) = std::fs::read_dir(dir.join(kind)) else { continue };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
        files.sort();
        for f in files {
            let data = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let (mut n, mut right, mut none) = (0, 0, 0);
            for l in data.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(l).map_err(|e| format!("{}: {e}", f.display()))?;
                let got = storyline::analysis::lang::detect(v["text"].as_str().unwrap_or_default());
                n += 1;
                right += usize::from(got.as_deref() == v["lang"].as_str());
                none += usize::from(got.is_none());
            }
            out.push(GoldLangId { file: format!("{kind}/{}", f.file_name().and_then(|s| s.to_str()).unwrap_or_default()), documents: n, detected_right: right, undetected: none });
        }
    }
    Ok(out)
}

/// The spans of the timelines of the languages read, and the gold narrowed to them (a file to
/// remove when done: the scorer scores every gold timeline it is given).
fn spans(dir: &Path) -> Result<(tls::Spans, PathBuf), String> {
    let mut spans = tls::load_with(dir, &|_, m| m.lang.as_deref().filter(|l| LANGS.contains(l)).map(|l| format!("{l}-{}.jsonl", m.topic)))?;
    let gold: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).map_err(|e| format!("{}: {e}", dir.join("gold.json").display()))?).map_err(|e| format!("multilingual/gold.json: {e}"))?;
    let narrowed: BTreeMap<&String, &serde_json::Value> = gold.iter().filter(|(k, _)| spans.items.iter().any(|i| &i.0 == *k)).collect();
    let gold_file = std::env::temp_dir().join(format!("storyline-ml-gold-{}.json", std::process::id()));
    std::fs::write(&gold_file, serde_json::to_string(&narrowed).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    spans.gold = gold_file.clone();
    Ok((spans, gold_file))
}

/// Developers: storyline's figures with each of these timeline weights (`--tune`).
pub fn tune(dir: &Path, settings: &[Weights]) -> Result<Vec<Figures>, String> {
    let (spans, gold_file) = spans(dir)?;
    let out = settings.iter().map(|w| tls::score(&spans, &tls::storyline_system(&spans, w)?)).collect();
    let _ = std::fs::remove_file(&gold_file);
    out
}

/// Everything above on the set in `dir` (`multilingual/`).
pub fn run(dir: &Path) -> Result<MultilingualFigures, String> {
    let t = std::time::Instant::now();
    let arts = read_articles(dir)?;
    let (spans, gold_file) = spans(dir)?;
    let result = (|| {
        let storyline = tls::score(&spans, &tls::storyline_system(&spans, &Weights::default())?)?;
        let mut base = BTreeMap::new();
        for (key, m, _, _) in &spans.items {
            base.insert(key.clone(), busiest_days(&arts, m.lang.as_deref().unwrap_or(""), m));
        }
        let busiest = tls::score(&spans, &base)?;
        Ok::<_, String>((storyline, busiest))
    })();
    let _ = std::fs::remove_file(&gold_file);
    let (storyline, busiest) = result?;
    let languages = LANGS
        .iter()
        .map(|&lang| {
            let (timelines, s) = mean_row(&storyline, lang);
            let (_, b) = mean_row(&busiest, lang);
            let mine: Vec<&Art> = arts.iter().filter(|a| a.lang == lang).collect();
            let detected_right = mine.iter().filter(|a| storyline::analysis::lang::detect(&a.text).as_deref() == Some(lang)).count();
            LangFigures { lang: lang.into(), timelines, storyline: s, busiest_days: b, articles: mine.len(), detected_right }
        })
        .collect();
    Ok(MultilingualFigures { languages, storyline, busiest_days: busiest, meeting: meeting(&arts)?, gold_lang_id: gold_lang_id(dir)?, seconds: t.elapsed().as_secs_f64() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, day: &str, text: &str) -> Art {
        Art { id: id.into(), lang: "fr".into(), topic: "libya".into(), day: day.into(), text: text.into() }
    }

    #[test]
    fn busiest_days_take_the_days_with_most_articles_and_their_leads() {
        let arts = [
            art("a", "2011-02-17", "Libye\n\nDes affrontements éclatent à Benghazi, où sept manifestants sont tués. L'insurrection s'étend rapidement à plusieurs villes."),
            art("b", "2011-02-17", "M. Kadhafi mobilise ses partisans à Tripoli ce jeudi soir. Les insurgés tiennent la ville."),
            art("c", "2011-02-15", "L'arrestation d'un avocat provoque des émeutes à Benghazi, deuxième ville du pays."),
            art("d", "2011-03-20", "Hors de la période couverte par la chronologie de référence, ce texte est ignoré."),
        ];
        let m: tls::Meta = serde_json::from_value(serde_json::json!({"topic": "libya", "lang": "fr", "n_dates": 1, "k_avg_sents_per_date": 2, "first_date": "2011-02-15", "last_date": "2011-03-01"})).unwrap();
        let tl = busiest_days(&arts, "fr", &m);
        let got: Vec<(&str, &str)> = tl.iter().map(|e| (e["date"].as_str().unwrap(), e["text"].as_str().unwrap())).collect();
        // the headline "Libye" is too short to tell the day; each article's lead comes first
        assert_eq!(got, [("2011-02-17", "Des affrontements éclatent à Benghazi, où sept manifestants sont tués."), ("2011-02-17", "M. Kadhafi mobilise ses partisans à Tripoli ce jeudi soir.")]);
    }
}

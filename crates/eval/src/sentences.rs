//! Sentence boundaries: the shared segmenter (`text::sentences`) against gold sentences.
//!
//! English has no sentence gold in `../shared/eval`, so the set is built from two sources
//! that give one sentence per line — ECB+ dev (news, 772 documents) and CoNLL-2003 dev
//! (Reuters, 216 documents) — run together the way articles print them: a sentence that ends
//! with a full stop, question or exclamation mark (and any closing quote) is followed by a
//! space, or by a blank line at every fourth or so (a paragraph, chosen by a hash so the set
//! is the same on every run); a line without one (a headline, a dateline, a table row) keeps
//! its line break. The gold boundaries are the line ends. The multilingual sets in
//! `multilingual/sentences/` (UD treebanks) are scored as given, each document cut by the
//! rules of the language storyline detects in it (as `storyline extract` does for a text that
//! names no language; `lang_right` counts how often that is the gold's), and summed per
//! language (boundaries pooled over a language's files) with a macro average over languages.
//!
//! A boundary is the end offset of a sentence that is not its document's last; precision and
//! recall are over those. A naive splitter (a terminator, closing quotes, whitespace and a
//! capital or digit; every line break) is printed beside it for scale.

use std::path::Path;

use serde::Serialize;

use crate::score::Prf;

/// One set's figures.
#[derive(Debug, Clone, Serialize)]
pub struct SetFigures {
    pub set: String,
    pub documents: usize,
    pub sentences: usize,
    /// The gold language (multilingual sets; "en" for the English set).
    pub lang: String,
    pub storyline: Prf,
    pub naive: Prf,
    /// Documents whose detected language is the gold's (a text too short to tell counts as
    /// wrong unless it is English, which storyline assumes then).
    pub lang_right: usize,
    /// Boundaries missed or invented by storyline: (document, byte offset, context).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<(String, String, String)>,
}

struct Doc {
    id: String,
    lang: Option<String>,
    text: String,
    /// Gold sentence end offsets (bytes), the last one excluded.
    gold: Vec<usize>,
}

fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    l.ends_with(['.', '!', '?', '…'])
}

fn decimal_gap() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"(\d|\(|\$)\. (\d)").expect("regex"))
}

/// Build the English set from files of `{id, text}` with one sentence per line.
fn run_together(file: &Path) -> Result<Vec<Doc>, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut docs = Vec::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{}: {e}", file.display()))?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        // Repair what the sources' tokenisation did to the text (each sentence's tokens are
        // on one line, joined by rules that do not see across lines): straight quotes are
        // paired over the whole document and written as print writes them (`happen."`, not
        // `happen. "`); a closing mark that opens the next line goes back to the sentence it
        // closes; decimals cut at their point ("$5. 3 million", "(. 535)", "$5." / "3
        // million") are one number again; "a. m." is "a.m.".
        let raw = v["text"].as_str().unwrap_or_default();
        let mut fixed = String::with_capacity(raw.len());
        let mut open = false;
        let chars: Vec<char> = raw.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            if c == '"' {
                open = !open;
                if open {
                    fixed.push('"');
                    // no space after an opening quote
                    if chars.get(k + 1) == Some(&' ') {
                        fixed.push('\u{0}');
                    }
                } else {
                    while fixed.ends_with(' ') {
                        fixed.pop();
                    }
                    fixed.push('"');
                    if chars.get(k + 1).is_some_and(|n| n.is_alphanumeric()) {
                        fixed.push(' ');
                    }
                }
                continue;
            }
            if c == ' ' && fixed.ends_with('\u{0}') {
                fixed.pop();
                continue;
            }
            fixed.push(c);
        }
        let fixed = fixed.replace('\u{0}', "").replace("a. m.", "a.m.").replace("p. m.", "p.m.").replace(" ”", "”").replace("“ ", "“").replace(" ’ ", "’");
        let fixed = decimal_gap().replace_all(&fixed, "$1.$2");
        let mut lines: Vec<String> = Vec::new();
        for l in fixed.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let mut l = l.to_string();
            if let Some(prev) = lines.last_mut() {
                // a closing quote that starts the line: `"` right after the previous line's
                // end with no space in the repaired text is closing
                if let Some(c) = l.chars().next().filter(|c| matches!(c, '”' | '’') || *c == '"' && (l.len() == 1 || l[1..].starts_with([' ', '\n']))) {
                    prev.push(c);
                    l = l[c.len_utf8()..].trim_start().to_string();
                    if l.is_empty() {
                        continue;
                    }
                }
                let decimal = prev.ends_with('.') && prev[..prev.len() - 1].ends_with(|c: char| c.is_ascii_digit()) && l.starts_with(|c: char| c.is_ascii_digit());
                if decimal {
                    prev.push_str(&l);
                    continue;
                }
            }
            lines.push(l);
        }
        let mut text = String::new();
        let mut gold = Vec::new();
        for (k, l) in lines.iter().enumerate() {
            if k > 0 {
                gold.push(text.len());
                let h = xxhash_rust::xxh3::xxh3_64(format!("{id}{k}").as_bytes());
                text.push_str(if !ends_sentence(&lines[k - 1]) { "\n" } else if h % 4 == 0 { "\n\n" } else { " " });
            }
            text.push_str(l);
        }
        docs.push(Doc { id, lang: Some("en".into()), text, gold });
    }
    Ok(docs)
}

/// Read a gold file in the multilingual format: `{id, lang, text, sentences: [{start, end}]}`
/// with code-point offsets.
fn gold_spans(file: &Path) -> Result<Vec<Doc>, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut docs = Vec::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{}: {e}", file.display()))?;
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let mut gold: Vec<usize> = v["sentences"].as_array().map(|a| a.iter().filter_map(|s| s["end"].as_u64()).filter_map(|e| bytes.get(e as usize).copied()).collect()).unwrap_or_default();
        gold.pop();
        docs.push(Doc { id: v["id"].as_str().unwrap_or_default().into(), lang: v["lang"].as_str().map(str::to_string), text, gold });
    }
    Ok(docs)
}

/// The naive splitter: a terminator and closing quotes, whitespace, then a capital letter,
/// digit or opening quote; and every line break.
fn naive(text: &str) -> Vec<usize> {
    let re = regex::Regex::new(r#"[.!?…]+["'”’)\]]*(\s+)["“‘(]?[\p{Lu}\d]|\S(\s*\n\s*)\S"#).expect("regex");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = re.find_at(text, at) {
        let s = m.as_str();
        let ws = s.find(char::is_whitespace).unwrap_or(s.len());
        out.push(m.start() + ws);
        at = m.start() + ws.max(1);
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out.dedup();
    out
}

fn score(docs: &[Doc], split: &dyn Fn(&Doc) -> Vec<usize>, errors: Option<&mut Vec<(String, String, String)>>) -> Prf {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    let mut errs = Vec::new();
    for d in docs {
        let pred: std::collections::BTreeSet<usize> = split(d).into_iter().collect();
        let gold: std::collections::BTreeSet<usize> = d.gold.iter().copied().collect();
        tp += pred.intersection(&gold).count();
        np += pred.len();
        ng += gold.len();
        for (kind, set) in [("missed", gold.difference(&pred).copied().collect::<Vec<_>>()), ("invented", pred.difference(&gold).copied().collect())] {
            for b in set {
                let lo = d.text.floor_char_boundary(b.saturating_sub(40));
                let hi = d.text.ceil_char_boundary((b + 40).min(d.text.len()));
                errs.push((d.id.clone(), format!("{kind} at {b}"), format!("{}⟂{}", &d.text[lo..b], &d.text[b..hi]).replace('\n', "⏎")));
            }
        }
    }
    if let Some(e) = errors {
        *e = errs;
    }
    Prf::new(tp, np, ng)
}

/// The language storyline reads a document in: the English set's own, else detected.
fn read_as(d: &Doc) -> Option<String> {
    if d.lang.as_deref() == Some("en") { d.lang.clone() } else { storyline::analysis::lang::detect(&d.text) }
}

fn storyline_ends(d: &Doc) -> Vec<usize> {
    let mut v: Vec<usize> = storyline::text::sentence_spans(&d.text, read_as(d).as_deref()).into_iter().map(|s| s.end).collect();
    v.pop();
    v
}

/// The figures on each set under `root` (the shared eval root).
pub fn run(root: &Path, with_errors: bool) -> Result<Vec<SetFigures>, String> {
    let mut sets: Vec<(String, Vec<Doc>)> = Vec::new();
    // the English set is built; the multilingual files are named <lang>-<corpus>-dev.jsonl
    let mut en = run_together(&root.join("stories/ecbplus-dev.jsonl"))?;
    en.extend(run_together(&root.join("entities/conll2003-dev.jsonl"))?);
    sets.push(("en (ECB+ and CoNLL-2003 dev, run together)".into(), en));
    let ml = root.join("multilingual/sentences");
    if let Ok(rd) = std::fs::read_dir(&ml) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
        files.sort();
        for f in files {
            let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("").trim_end_matches("-dev").to_string();
            sets.push((name, gold_spans(&f)?));
        }
    }
    Ok(sets
        .into_iter()
        .map(|(set, docs)| {
            let mut errors = Vec::new();
            let storyline = score(&docs, &storyline_ends, with_errors.then_some(&mut errors));
            let naive = score(&docs, &|d| naive(&d.text), None);
            let lang = docs.first().and_then(|d| d.lang.clone()).unwrap_or_default();
            let lang_right = docs.iter().filter(|d| read_as(d).unwrap_or_else(|| "en".into()) == lang).count();
            SetFigures { set, lang, documents: docs.len(), sentences: docs.iter().map(|d| d.gold.len() + 1).sum(), storyline, naive, lang_right, errors }
        })
        .collect())
}

/// One language's figures: its files' boundaries pooled.
#[derive(Debug, Clone, Serialize)]
pub struct LangFigures {
    pub lang: String,
    pub files: usize,
    pub storyline: Prf,
    pub naive: Prf,
}

/// Per language (the multilingual files; English left out), and the macro average of their
/// F1 (storyline, naive).
pub fn per_language(sets: &[SetFigures]) -> (Vec<LangFigures>, f64, f64) {
    let mut by: std::collections::BTreeMap<&str, LangFigures> = std::collections::BTreeMap::new();
    for s in sets.iter().filter(|s| s.lang != "en") {
        let e = by.entry(&s.lang).or_insert_with(|| LangFigures { lang: s.lang.clone(), files: 0, storyline: Prf::default(), naive: Prf::default() });
        e.files += 1;
        e.storyline.add(s.storyline.tp, s.storyline.predicted, s.storyline.gold);
        e.naive.add(s.naive.tp, s.naive.predicted, s.naive.gold);
    }
    let langs: Vec<LangFigures> = by.into_values().collect();
    let n = langs.len().max(1) as f64;
    let macro_s = langs.iter().map(|l| l.storyline.f1).sum::<f64>() / n;
    let macro_n = langs.iter().map(|l| l.naive.f1).sum::<f64>() / n;
    (langs, macro_s, macro_n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_naive_splitter_splits_at_terminators_and_lines() {
        let t = "He left. She stayed.\nNext line";
        assert_eq!(naive(t), [8, 20]);
    }
}

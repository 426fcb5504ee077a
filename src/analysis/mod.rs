//! Analysis: what storyline finds in one article, as stand-off layers over its text.
//!
//! Every analysis is a pure function of one [`Article`]: no IO, no other articles, no
//! globals, so a batch fans out over threads and a re-run gives the same layers. Layers point
//! into the text by byte [`Span`](crate::model::Span)s; they never change it.
//!
//! Layers: the language, direct quotes with their speakers (`quotes`), temporal
//! expressions normalised to TIMEX3 values with the rules that re-anchor them (`times`),
//! people, places and organisations with canonical names (`entities`), measured claims
//! the dossier compares across articles (`claims`), and for each date or time expression
//! its sentence, clause boundaries and what its words say (`clauses`), which the timeline
//! cuts its dated clauses from.

pub mod claims;
pub mod clauses;
pub mod dating;
pub mod entities;
pub mod garbled;
pub mod lang;
pub mod quotes;
pub mod times;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Article, Span};

/// A direct quote: the words inside the quote marks, and who said them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub span: Span,
    /// A fragment embedded in the reporter's sentence (said it was "ready").
    pub partial: bool,
    /// The canonical name of the speaker (a person, or a body such as "Kremlin").
    pub speaker: Option<String>,
    /// The mention the attribution rests on: a name, a title phrase, or a pronoun.
    pub speaker_mention: Option<Span>,
    /// The speech verb or phrase (said, added, wrote on X, according to).
    pub cue: Option<Span>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression with its TIMEX3 value (2025-05-15, P30D, PRESENT_REF, …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimeType,
    /// The value against the date the article had when it was analysed: `rule.resolve(date)`.
    pub value: String,
    /// How the value follows from the article's date: [`Timex::at`] re-anchors the expression
    /// on another date without running the tagger again.
    #[serde(skip)]
    pub rule: times::Rule,
}

impl Timex {
    /// A date-independent expression (an absolute date, a duration).
    pub fn fixed(span: Span, kind: TimeType, value: &str) -> Timex {
        Timex { span, kind, value: value.to_string(), rule: times::Rule::Fixed(value.to_string()) }
    }

    /// This expression resolved against `date` (the article's final date, or one tried for it).
    pub fn at(&self, date: Option<NaiveDate>) -> Timex {
        Timex { span: self.span, kind: self.kind, value: self.rule.resolve(date), rule: self.rule.clone() }
    }
}

impl TimeType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeType::Date => "DATE",
            TimeType::Time => "TIME",
            TimeType::Duration => "DURATION",
            TimeType::Set => "SET",
        }
    }
    pub fn parse(s: &str) -> Option<TimeType> {
        Some(match s {
            "DATE" => TimeType::Date,
            "TIME" => TimeType::Time,
            "DURATION" => TimeType::Duration,
            "SET" => TimeType::Set,
            _ => return None,
        })
    }
}

/// Entity kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Person,
    Place,
    Org,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Place => "PLACE",
            EntityKind::Org => "ORG",
            EntityKind::Other => "OTHER",
        }
    }
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "PERSON" => EntityKind::Person,
            "PLACE" => EntityKind::Place,
            "ORG" => EntityKind::Org,
            "OTHER" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// The key under which spelling variants of one name meet across articles.
///
/// People key on their first given name in full, their middle names as initials and their
/// folded surname ("volodymyr zelensky" for Volodymyr Zelenskyy, Zelensky or Zelenskiy; "george
/// h w bush" and "george w bush"; "jill biden" and "joe biden"), so that two people who share a
/// surname merge only when their names agree; a surname alone keys on the surname ("biden"),
/// and a story's summaries fold it into the one full name with that surname, if there is
/// exactly one (`store::rules::entity_summaries`). Places and organisations key on their folded
/// canonical name ("kyiv" for Kiev, Kief, Kyiv).
pub fn entity_key(name: &str, kind: EntityKind) -> String {
    if kind == EntityKind::Person {
        let surname = entities::merge_key(name, entities::Kind::Person);
        let clean = name.replace(['(', ')'], "");
        let words: Vec<&str> = clean
            .split_whitespace()
            .filter(|w| !matches!(w.trim_end_matches([',', '.']).to_ascii_lowercase().as_str(), "mr" | "mrs" | "ms" | "dr" | "jr" | "sr" | "ii" | "iii" | "iv"))
            .collect();
        if words.len() >= 2 && !surname.is_empty() {
            let mut key = String::new();
            for (i, w) in words[..words.len() - 1].iter().enumerate() {
                let f: String = deunicode::deunicode(w).to_lowercase().chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
                let Some(first) = f.chars().next() else { continue };
                if i == 0 && f.len() > 1 {
                    key.push_str(&f);
                } else {
                    key.push(first);
                }
                key.push(' ');
            }
            if !key.is_empty() {
                key.push_str(&surname);
                return key;
            }
        }
        return surname;
    }
    entities::merge_key(
        name,
        match kind {
            EntityKind::Person => entities::Kind::Person,
            EntityKind::Place => entities::Kind::Place,
            EntityKind::Org => entities::Kind::Org,
            EntityKind::Other => entities::Kind::Other,
        },
    )
}

/// A mention of a person, place or organisation, with the name it is known by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub span: Span,
    pub kind: EntityKind,
    pub canonical: String,
    /// The role the text gives a person at this mention ("Turkish Foreign Minister").
    pub role: Option<String>,
}

/// The extractor layers of one text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Layers {
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
    pub entities: Vec<Entity>,
    /// Measured claims (`claims`): None when the stage never ran on the text (a language
    /// the extractors do not read), empty when it ran and found none.
    #[serde(skip)]
    pub claims: Option<Vec<claims::Claim>>,
    /// The clause layer (`clauses`), one per date or time expression: None when the stage
    /// never ran on the text, empty when it ran and the text names no date.
    #[serde(skip)]
    pub clauses: Option<Vec<clauses::Clause>>,
    /// The sentences of the text (byte spans), from the shared segmenter (`text::sentences`)
    /// by the rules of the article's language: None when the segmenter never ran on the
    /// stored text (a store written before v10 and not migrated), else every sentence.
    #[serde(skip)]
    pub sentences: Option<Vec<Span>>,
}

/// The spans of the date and time expressions of a times layer (what the clause layer reads).
pub fn dated_spans(times: &[Timex]) -> impl Iterator<Item = Span> + '_ {
    times.iter().filter(|t| matches!(t.kind, TimeType::Date | TimeType::Time)).map(|t| t.span)
}

/// Run the extractors on a text, anchoring relative times on `anchor`.
pub fn layers(text: &str, anchor: Option<NaiveDate>) -> Layers {
    layers_in(text, &crate::text::TextLayer::new(text, None), anchor)
}

/// [`layers`] over the text layer already computed for `text`.
pub fn layers_in(text: &str, tl: &crate::text::TextLayer, anchor: Option<NaiveDate>) -> Layers {
    let entities = entity_layer(entities::find_entities_in(text, &tl.tokens));
    let quotes = quote_layer(text, tl, &entities, false);
    let times = timex_layer(times::find_times_in(tl, anchor));
    let claims = Some(claims::find_claims(text, tl));
    let clauses = Some(clauses::find_clauses(text, tl, dated_spans(&times), &entities));
    let sentences = Some(tl.sentences.iter().map(|s| s.span).collect());
    Layers { quotes, times, entities, claims, clauses, sentences }
}

/// The layers of a text in a language other than English (`lang`, ISO 639-1): its times where
/// the times tagger reads the language, its entities and quotes where the multilingual entity
/// tagger does (`entities::intl`; the quotes' speakers canonical through those entities), and
/// its sentences; no claims or clauses (None: those stages read English only).
pub fn layers_lang(text: &str, tl: &crate::text::TextLayer, lang: &str, anchor: Option<NaiveDate>) -> Layers {
    let times = if times::reads(lang) { times_layer_lang(tl, Some(lang), anchor, 0).unwrap_or_default() } else { Vec::new() };
    let (entities, quotes) = if entities::intl::reads(lang) {
        let e = entity_layer(entities::intl::find_entities_lang(text, &tl.tokens, lang));
        let q = quote_layer(text, tl, &e, true);
        (e, q)
    } else {
        (Vec::new(), Vec::new())
    };
    Layers { quotes, times, entities, claims: None, clauses: None, sentences: Some(tl.sentences.iter().map(|s| s.span).collect()) }
}

/// The entity layer of what an entity tagger found.
fn entity_layer(found: Vec<entities::Entity>) -> Vec<Entity> {
    found
        .into_iter()
        .map(|e| Entity {
            span: Span::new(e.start, e.end),
            kind: match e.kind {
                entities::Kind::Person => EntityKind::Person,
                entities::Kind::Place => EntityKind::Place,
                entities::Kind::Org => EntityKind::Org,
                entities::Kind::Other => EntityKind::Other,
            },
            canonical: e.canonical,
            role: e.role.and_then(clean_role),
        })
        .collect()
}

/// The quotes of a text with their speakers canonical through its entity layer; with
/// `surface_first` (outside English, where names are inflected and in other scripts:
/// "Зеленський" is Volodymyr Zelensky though no key of its letters says so), a speaker is the
/// canonical name of a person or body the entity tagger found where the attribution points, or
/// none.
fn quote_layer(text: &str, tl: &crate::text::TextLayer, entities: &[Entity], surface_first: bool) -> Vec<Quote> {
    // A speaker is named as the article spells it; the entity layer knows the canonical form
    // (Zelenskyy → Volodymyr Zelensky), so quotes by one person meet across outlets.
    let mut by_key: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    // each (name, kind) keyed once: a name recurs in a story, and the key costs a gazetteer look-up
    let mut keyed = std::collections::HashSet::new();
    for e in entities.iter().filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org)) {
        if keyed.insert((e.canonical.as_str(), e.kind)) {
            by_key.entry(entity_key(&e.canonical, e.kind)).or_insert(e.canonical.as_str());
        }
    }
    // a surname alone ("Biden") is the one person of the article with that surname, if one
    let mut by_surname: std::collections::HashMap<String, Option<&str>> = std::collections::HashMap::new();
    for (k, c) in &by_key {
        if let Some((_, surname)) = k.rsplit_once(' ') {
            by_surname.entry(surname.to_string()).and_modify(|x| *x = None).or_insert(Some(*c));
        }
    }
    // a speaker is usually quoted more than once: each name is keyed once
    let seen: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> = Default::default();
    let canonical_speaker = |name: String| -> Option<String> {
        if let Some(c) = seen.borrow().get(&name) {
            return c.clone();
        }
        let c = clean_speaker(&name).map(|n| {
            let key = entity_key(&n, EntityKind::Person);
            match by_key.get(&key).or_else(|| by_surname.get(&key).and_then(|c| c.as_ref())) {
                Some(c) => c.to_string(),
                None => n,
            }
        });
        seen.borrow_mut().insert(name, c.clone());
        c
    };
    let span = |s: quotes::Span| Span::new(s.start, s.end);
    quotes::find_quotes_in(text, tl)
        .into_iter()
        .map(|q| Quote {
            span: span(q.span),
            partial: q.partial,
            // outside English: the canonical name of the mention the attribution rests on, or
            // of a person or body the entity tagger found inside that mention ("Selon Alain
            // Juppé", "Президент України Володимир Зеленський"); else no speaker. The English
            // patterns read any capitalised word before a quote as a name, and in Spanish,
            // French and Italian that is a sentence's first word: of the 11,549 speakers they gave
            // the 740 ML-Crisis articles, 7,261 had no person or body in their mention, and the
            // commonest were "En", "Et", "Je", "Mais", "C'est", "Según", "Selon" (and a name the
            // tagger found elsewhere is not enough: "Le", in "Mr Le Président", is no speaker of
            // "Le gazier ne s'excusera que devant ses “protégés”")
            speaker: match surface_first {
                true => q.speaker_mention.and_then(|m| {
                    entities
                        .iter()
                        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org) && e.span.start < m.end && m.start < e.span.end)
                        // a person before a body ("el portavoz del Gobierno, Ibrahim Musa"), the last of each
                        .max_by_key(|e| (e.kind == EntityKind::Person, e.span.start))
                        .map(|e| e.canonical.clone())
                }),
                false => q.speaker.and_then(canonical_speaker),
            },
            speaker_mention: q.speaker_mention.map(span),
            cue: q.cue.map(span),
        })
        .collect()
}

/// The times layer of a text alone, anchored on `anchor` (a store migration tags old rows
/// again; nothing else needs it, as stored times re-anchor by their rules).
pub fn times_layer_in(tl: &crate::text::TextLayer, anchor: Option<NaiveDate>) -> Vec<Timex> {
    timex_layer(times::find_times_in(tl, anchor))
}

/// The times layer of a text in `lang` (ISO 639-1; English where None), anchored on `anchor`:
/// None for a language the tagger does not read (`times::find_times_lang`). `off` turns pattern
/// families of the non-English tagger off (bits of `times::Family`; 0 runs them all), for the
/// evaluation's ablations.
pub fn times_layer_lang(tl: &crate::text::TextLayer, lang: Option<&str>, anchor: Option<NaiveDate>, off: u32) -> Option<Vec<Timex>> {
    times::find_times_families(tl, lang, anchor, off).map(timex_layer)
}

fn timex_layer(found: Vec<times::Timex>) -> Vec<Timex> {
    found
        .into_iter()
        .map(|t| Timex {
            span: Span::new(t.start, t.end),
            kind: match t.kind {
                times::TimeType::Date => TimeType::Date,
                times::TimeType::Time => TimeType::Time,
                times::TimeType::Duration => TimeType::Duration,
                times::TimeType::Set => TimeType::Set,
            },
            value: t.value,
            rule: t.rule,
        })
        .collect()
}

/// Below this confidence an inferred publication date is not used.
pub const MIN_DATE_CONFIDENCE: f32 = 0.5;

/// A publication date read from the content, with a confidence in [0, 1]: the time stamp the
/// text carries near its top (`dating::stamp`) or its print stamp at the foot
/// (`dating::print_stamp`), or None. (`times::infer_date` weighs every date the text
/// mentions, and is too often wrong to date an article by: see `dating`.)
pub fn infer_published(text: &str) -> Option<(NaiveDate, f32)> {
    own_date(&crate::text::Tokens::new(text))
}

/// The date an article's own text gives it (`infer_published`), from its tokens.
fn own_date(t: &crate::text::Tokens) -> Option<(NaiveDate, f32)> {
    dating::stamp(t).or_else(|| dating::print_stamp(t)).map(|s| (s.date, s.confidence))
}

/// The layers found in one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    /// ISO 639-1 language code where one exists, else ISO 639-3.
    pub language: Option<String>,
    /// Whether `language` came from detection (true) or the source's metadata (false).
    pub language_detected: bool,
    /// The folded keys of the title and the text, for the store's full-text index
    /// (computed here so that it runs in parallel, not in the store's single writer).
    #[serde(skip)]
    pub search: SearchKeys,
    #[serde(flatten)]
    pub layers: Layers,
    /// For an article with no date: one inferred from its content, with a confidence.
    pub inferred: Option<(NaiveDate, f32)>,
    /// For an article with no date: the date its content suggests at any confidence
    /// (`inferred` keeps it at [`MIN_DATE_CONFIDENCE`] or above), which linking weighs against
    /// the dates of the articles it is linked to.
    #[serde(skip)]
    pub text_date: Option<(NaiveDate, f32)>,
    /// The story clusterer's word and number keys of the body (`stories::cluster_words`),
    /// when computed ahead so that linking does not stem (ingest hands them straight to
    /// `stories::prepare_in` instead); None where nobody computed them ahead (linking then
    /// computes them).
    #[serde(skip)]
    pub cluster_words: Option<Vec<String>>,
    /// The merge key (`entity_key`) of each entity of `layers.entities` and of each quote's
    /// speaker, in order: filled by ingest in its parallel stage (`Analysis::with_keys`) so that
    /// the one writer, which stores them, does not fold names; None where nobody computed them
    /// ahead (`Analysis::entity_key_of`, `Analysis::speaker_key_of` compute them then).
    #[serde(skip)]
    pub keys: Option<(Vec<String>, Vec<Option<String>>)>,
}

impl Analysis {
    /// The merge keys of the entities and the quotes' speakers, computed ahead (pure; ingest
    /// runs it in its parallel stage).
    pub fn with_keys(&mut self) {
        // each name keyed once (a text names the same people again and again, and a key costs
        // a gazetteer look-up)
        fn key<'a>(made: &mut rustc_hash::FxHashMap<(&'a str, EntityKind), String>, name: &'a str, kind: EntityKind) -> String {
            made.entry((name, kind)).or_insert_with(|| entity_key(name, kind)).clone()
        }
        let mut made = Default::default();
        let entities = self.layers.entities.iter().map(|e| key(&mut made, &e.canonical, e.kind)).collect();
        let speakers = self.layers.quotes.iter().map(|q| q.speaker.as_deref().map(|s| key(&mut made, s, EntityKind::Person))).collect();
        self.keys = Some((entities, speakers));
    }

    /// The merge key of entity `i` of `layers.entities`: `entity_key` of its canonical name
    /// and kind (as computed ahead, when it was).
    pub fn entity_key_of(&self, i: usize) -> String {
        match &self.keys {
            Some((k, _)) if k.len() == self.layers.entities.len() => k[i].clone(),
            _ => entity_key(&self.layers.entities[i].canonical, self.layers.entities[i].kind),
        }
    }

    /// The merge key of the speaker of quote `i` of `layers.quotes` (None: no speaker), as
    /// [`Analysis::entity_key_of`].
    pub fn speaker_key_of(&self, i: usize) -> Option<String> {
        match &self.keys {
            Some((_, k)) if k.len() == self.layers.quotes.len() => k[i].clone(),
            _ => self.layers.quotes[i].speaker.as_deref().map(|s| entity_key(s, EntityKind::Person)),
        }
    }
}

/// Folded search keys (`text::search_keys`) of an article's title and text.
#[derive(Debug, Clone, Default)]
pub struct SearchKeys {
    pub title: String,
    pub body: String,
}

/// Whether the extractors apply: English, or a language nobody could tell.
pub fn is_english(language: Option<&str>) -> bool {
    matches!(language, None | Some("en"))
}

/// A role phrase as the text gives it, or None when what was caught is not a role (a
/// sentence opener like "But" or "When", a dangling "defender of").
fn clean_role(role: String) -> Option<String> {
    const NOT_ROLES: &[&str] = &[
        "but", "and", "or", "like", "unlike", "when", "while", "whereas", "for", "since", "during", "well", "many", "some",
        "as", "if", "after", "before", "then", "so", "yet", "of", "with", "by", "to", "in", "on", "at", "from", "said", "says",
        "told", "according", "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your",
    ];
    let r = role.trim().trim_end_matches([',', ';', ':']).trim();
    let first = r.split_whitespace().next()?.to_lowercase();
    let last = r.split_whitespace().last()?.to_lowercase();
    if NOT_ROLES.contains(&first.as_str()) || matches!(last.as_str(), "of" | "and" | "the" | "to" | "for") || r.len() < 3 {
        return None;
    }
    Some(r.to_string())
}

/// A speaker as the quote layer may name it, or None when what was caught is not a person,
/// an organisation or a role (issue 13: "report", "26-minute video", "A"): a photo credit in
/// front of a name goes ("Getty Joe Biden" is Joe Biden).
fn clean_speaker(name: &str) -> Option<String> {
    const CREDITS: &[&str] = &["getty", "images", "afp", "ap", "epa", "reuters", "photo", "photograph", "file", "shutterstock", "pool"];
    const NOT_SPEAKERS: &[&str] = &[
        "report", "reports", "video", "statement", "study", "article", "survey", "poll", "document", "documents", "letter",
        "post", "tweet", "photo", "image", "footage", "data", "analysis", "story", "book", "paper", "memo", "filing",
        "a", "an", "the", "it", "this", "that", "there", "here",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    // a credit before a capitalised name: "Getty Joe Biden", "AP Photo Joe Biden"
    let credit = words.iter().take_while(|w| CREDITS.contains(&w.trim_end_matches(['/', ',', ':']).to_lowercase().as_str())).count();
    let rest = if credit > 0 && credit < words.len() && words[credit].starts_with(char::is_uppercase) { &words[credit..] } else { &words[..] };
    let name = rest.join(" ");
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let last = rest.last()?.to_lowercase();
    if letters < 2 || name.chars().any(|c| c.is_ascii_digit()) || NOT_SPEAKERS.contains(&last.as_str()) && rest.len() <= 2 {
        return None;
    }
    Some(name)
}

/// Analyse one article.
pub fn analyze(article: &Article) -> Analysis {
    analyze_with_layer(article).0
}

/// [`analyze`], and the text layer it read (`text::TextLayer`): ingest hands its tokens on to
/// linking's per-article work (`stories::prepare_in`), which then does not tokenise the text
/// again.
pub fn analyze_with_layer(article: &Article) -> (Analysis, crate::text::TextLayer) {
    let (language, language_detected) = match &article.language {
        Some(l) => (Some(l.clone()), false),
        None => (lang::detect(&article.text[article.body_start()..]), true),
    };
    let tl = crate::text::TextLayer::new(&article.text, language.as_deref());
    let search = SearchKeys {
        title: article.title.as_deref().map(crate::text::search_keys).unwrap_or_default(),
        body: crate::text::search_keys_in(&article.text, &tl.tokens),
    };
    // Outside English, the layers of `layers_lang`: the sentences (cut by the language's
    // rules), times, entities and quotes where their taggers read the language, and nothing
    // rather than wrong layers where they do not.
    if let Some(l) = language.as_deref().filter(|l| !is_english(Some(l))) {
        let layers = layers_lang(&article.text, &tl, l, article.published);
        return (Analysis { language, language_detected, search, layers, inferred: None, text_date: None, cluster_words: None, keys: None }, tl);
    }
    // the scorer's guess (`times::infer_date`) is not evidence: it dates nothing, and only the
    // clusterer reads it (to set an undated article's weekdays against each other's)
    let text_date = if article.published.is_none() { times::infer_date_in(&tl).map(|d| (d.date, d.confidence)) } else { None };
    let inferred = if article.published.is_none() { own_date(&tl.tokens) } else { None };
    let anchor = article.published.or(inferred.map(|(d, _)| d));
    let layers = layers_in(&article.text, &tl, anchor);
    (Analysis { language, language_detected, search, layers, inferred, text_date, cluster_words: None, keys: None }, tl)
}

#[cfg(test)]
mod speaker_tests {
    use super::clean_speaker;

    #[test]
    fn junk_speakers_are_no_speakers() {
        for junk in ["report", "26-minute video", "A", "the report", "statement"] {
            assert_eq!(clean_speaker(junk), None, "{junk}");
        }
        assert_eq!(clean_speaker("Getty Joe Biden").as_deref(), Some("Joe Biden"));
        for ok in ["Joe Biden", "Kremlin", "a spokesman", "officials", "Reuters", "the White House", "Dmitry Peskov"] {
            assert_eq!(clean_speaker(ok).as_deref(), Some(ok), "{ok}");
        }
    }
}

#[cfg(test)]
mod lang_speaker_tests {
    use super::*;

    fn speakers(text: &str, lang: &str) -> Vec<Option<String>> {
        let tl = crate::text::TextLayer::new(text, Some(lang));
        layers_lang(text, &tl, lang, None).quotes.into_iter().map(|q| q.speaker).collect()
    }

    /// Outside English a quote's speaker is a person or body the entity tagger found where the
    /// attribution points, or no one: not the capitalised first word of the sentence.
    #[test]
    fn a_speaker_in_another_language_is_a_name_the_tagger_found() {
        // El País and Le Monde, March 2011 (ML-Crisis)
        let es = "Pero la fuerza también se convirtió en algo mucho más oscuro, una autoridad «no supervisada ni cuestionada» que se aprovechaba de egipcios de cualquier estrato.";
        assert_eq!(speakers(es, "es"), vec![None]);
        let fr = "Selon Alain Juppé, l'intervention de la coalition internationale serait \"de courte durée\".";
        assert_eq!(speakers(fr, "fr"), vec![Some("Alain Juppé".to_string())]);
        let es = "\"Sería una victoria para nuestra revolución y nuestros jóvenes si se confirma la muerte de este tirano\", dijo a la AFP Abdel Hafiz Ghoga, número dos del Consejo Nacional de Transición.";
        assert_eq!(speakers(es, "es"), vec![Some("Abdel Hafiz Ghoga".to_string())]);
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use crate::model::{Format, Origin};

    /// The merge keys ingest computes ahead (`Analysis::with_keys`) are the keys the store would
    /// fold itself, entity by entity and speaker by speaker.
    #[test]
    fn merge_keys_computed_ahead_are_the_keys() {
        let text = "Turkish Foreign Minister Hakan Fidan met Ukrainian Foreign Minister Andrii Sybiha in Kyiv on Friday. \"We are ready to host the talks in Istanbul,\" Fidan said. Sybiha thanked Turkey.";
        let a = Article::new(text.into(), Origin { path: "k.txt".into(), locator: None, format: Format::Txt });
        let mut an = analyze(&a);
        let own: Vec<String> = (0..an.layers.entities.len()).map(|i| an.entity_key_of(i)).collect();
        let speakers: Vec<Option<String>> = (0..an.layers.quotes.len()).map(|i| an.speaker_key_of(i)).collect();
        assert!(own.iter().any(|k| k.contains("fidan")) && speakers.iter().flatten().any(|k| k.contains("fidan")), "{own:?} {speakers:?}");
        an.with_keys();
        assert!(an.keys.is_some());
        assert_eq!((0..an.layers.entities.len()).map(|i| an.entity_key_of(i)).collect::<Vec<_>>(), own);
        assert_eq!((0..an.layers.quotes.len()).map(|i| an.speaker_key_of(i)).collect::<Vec<_>>(), speakers);
    }
}

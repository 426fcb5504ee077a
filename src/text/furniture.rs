//! Sentences that are a web page's interface, not its report: a site's notes to its reader
//! scraped with the article ("Cet article a été ajouté dans vos favoris.", "Vous ne pouvez
//! lire Le Monde que sur un seul appareil à la fois", "Este sitio se reserva el derecho de la
//! publicación de los comentarios.", "En poursuivant votre navigation sur ce site, vous
//! acceptez l'utilisation de cookies"), a teaser for another page ("Tony y los Papos, un
//! abuelo delegado (+ Fotos)") and a copyright line.
//!
//! Feeds and scrapes that give plain text (JSONL, .txt, ML-Crisis) keep all of this; the HTML
//! extractor drops most of it from pages it reads itself. Read as a user, the 740 ML-Crisis
//! pages in one store gave dossier summaries where 33 of the 140 sentences of the 14 biggest
//! stories were such notes (a paywall's seven sentences made most of one summary), because a
//! note repeated word for word on two pages of one site looks like the best-supported
//! sentence of the story. With this rule and the dossier's: none (readers' comments remain).
//! `eval multilingual` timelines .3654 / .1429 / .0654 -> .3689 / .1450 / .0671; English
//! summaries, Timeline17 timelines and the seed dossier unchanged.
//!
//! The rule is narrow on purpose: a sentence in the reporter's voice that addresses its
//! reader (the formal and plural "you" of each language the extractors read other than
//! English, where features address their reader in the reporter's voice: with English "you",
//! Multi-News dev summaries lost ROUGE-1 .005), a sentence in capitals, or one that names the
//! page's own furniture (a short copyright line, a teaser's "(+ Fotos)", a rubric). A reader
//! addressed inside a quotation is someone speaking, and is kept: callers pass the sentence
//! with its quotations' spans. The dossier adds the other signal, word-for-word repetition
//! across independent articles without a name or a date (`dossier::prep`).

/// Words that address the page's reader: French, Spanish, Italian, Portuguese, German (the
/// informal forms only: "Sie" and "Ihr" are also "they" and "her"), Russian and Ukrainian.
/// Compared with a word's lower case.
const READER: &[&str] = &[
    // fr
    "vous", "votre", "vos",
    // es
    "usted", "ustedes", "vuestro", "vuestra", "vuestros", "vuestras",
    // it
    "vostro", "vostra", "vostri", "vostre",
    // pt
    "você", "vocês",
    // de
    "du", "dein", "deine", "deinen", "deinem", "deiner",
    // ru, uk
    "вы", "вас", "ваш", "ваша", "ваше", "ваши", "ви", "вам",
];

/// Phrases of a page's legal line (lower case), in a sentence of at most [`LEGAL_WORDS`]
/// words: BBC pages run "Image copyright Reuters image caption …" into their leads.
const LEGAL: &[&str] = &[
    "copyright",
    "©",
    "all rights reserved",
    "todos los derechos reservados",
    "tous droits réservés",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechte vorbehalten",
];
const LEGAL_WORDS: usize = 16;

/// Phrases of a teaser for another page or of a site's own rubrics (lower case).
const MARKS: &[&str] = &[
    "se reserva el derecho",
    "reserva de derechos",
    "(+ fotos)",
    "(+fotos)",
    "(+ video)",
    "(+video)",
    "(+ podcast)",
    "(+podcast)",
    "(+ infografía)",
    "queda prohibida toda reproducción",
    "reproduction interdite",
    "riproduzione riservata",
    "cobertura especial",
    "dossier spécial",
    "copertura speciale",
    "special coverage",
    "rubrique",
    "fait partie de notre dossier",
    // a paywall's offer ("S'abonner, c'est accéder à tous les articles", "Suscríbete a El
    // Norte de Castilla on+ por solo 6,95 € al mes")
    "découvrir les offres",
    "s'abonner, c'est",
    "suscríbete",
    "abbonati a",
];

/// Whether a sentence (its text from `start` in the article, with the article's quotation
/// spans) is the page talking to its reader or about itself. Words inside a quotation do not
/// count: "You will pay for this," he said.
pub fn is_page_note(sentence: &str, start: usize, quotes: &[crate::model::Span]) -> bool {
    let lower = sentence.to_lowercase();
    if MARKS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    if sentence.split_whitespace().count() <= LEGAL_WORDS && LEGAL.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // shouted: a reader's comment in capitals ("ESO ES LO QUE MÁS ME PREOCUPA.")
    let (upper, letters) = sentence.chars().filter(|c| c.is_alphabetic()).fold((0, 0), |(u, n), c| (u + c.is_uppercase() as usize, n + 1));
    if letters >= 16 && upper * 10 >= letters * 9 && sentence.split_whitespace().count() >= 4 {
        return true;
    }
    let quoted = |b: usize| quotes.iter().any(|q| q.start <= start + b && start + b < q.end);
    let mut word_start: Option<usize> = None;
    for (i, c) in sentence.char_indices().chain(std::iter::once((sentence.len(), ' '))) {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(b) = word_start.take() else { continue };
        let w = &sentence[b..i];
        if w.len() > 8 {
            continue;
        }
        let lw = w.to_lowercase();
        if READER.contains(&lw.as_str()) && !quoted(b) && !in_marks(sentence, b) {
            return true;
        }
    }
    false
}

/// Whether byte `b` of a sentence is inside quotation marks the quote layer did not take (a
/// short quoted phrase, a title).
fn in_marks(s: &str, b: usize) -> bool {
    let before = &s[..b.min(s.len())];
    let open = before.matches(['“', '«', '„']).count();
    let close = before.matches(['”', '»']).count();
    open > close || before.matches('"').count() % 2 == 1
}

/// Independent pages (families: an article and its copies count once) that must share a line
/// before it can be a site's furniture rather than a report's sentence.
pub const SHARED_FAMILIES: usize = 3;

/// At most this many words in a line that ends as a sentence and may still be a teaser.
const TEASER_WORDS: usize = 16;

/// The lines a site runs around the report on each of its pages: the sidebar's teasers for its
/// other stories ("Amazon, accusé d'avoir enfreint les règles européennes de concurrence,
/// visé par deux enquêtes de Bruxelles", "Se reunió Buró Político para analizar documento del
/// Congreso del Partido") and what runs with them. A scraped page keeps them at its top, where
/// a report's lead is read; on pages of one site that a story groups, the same teaser is
/// repeated word for word, so it looked like the story's best-supported sentence and became
/// the headline of 5 of the 12 biggest ML-Crisis stories and a cited summary sentence ("Vente
/// : ne laissez pas l'acheteur seul au volant de la voiture avec les clés ! [3, 4, 5, 6, 7,
/// 8, 9]").
///
/// A line is furniture when [`SHARED_FAMILIES`] independent pages of the set have it (folded
/// case and spacing) and it is a title, not a sentence (no full stop, question or
/// exclamation mark at its end); when two pages have it and it is a title in a run of such
/// titles (a block of teasers); or when it runs next to a furniture line on a page and is
/// shared as widely. Reports that share a sentence are left alone: two outlets' wire sentence ends as a
/// sentence, and a quotation or explainer repeated by three reports is not a run of titles.
/// Read over the ML-Crisis and Timeline17 stores story by story, what this takes is the
/// same kind: sidebar teasers, paywall and comment notes, "To play this content JavaScript
/// must be turned on…", "Sorry, this media is not available in your territory". The
/// headline adds a check against the whole store (`dossier::headline`), for a teaser that
/// one page of a story carries and pages of other stories repeat.
///
/// Figures (dropped from the dossier's sentences, `dossier::prep`): `eval multilingual` date
/// F1 unchanged (.3689); align ROUGE-1 .1453 -> .1424 (es .2870 -> .2778, fr .0902 -> .0893,
/// it .0514 -> .0525), concat ROUGE-1 .5228 -> .5255; the sentences chosen instead are the
/// reports' (a timeline day that read "Para poder iniciar sesión tienes que aceptar nuestra
/// política de privacidad." now reads a report). Timeline17 and the summary sets unchanged.
#[derive(Debug, Default)]
pub struct SharedLines {
    keys: std::collections::HashSet<String>,
}

impl SharedLines {
    /// The furniture lines of a set of pages: each page's text and its family (the article it
    /// is a copy of, else its own id).
    pub fn find<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> SharedLines {
        use std::collections::{HashMap, HashSet};
        // each page's keyed lines in order, and the families of each key
        let mut lines: Vec<Vec<(String, bool)>> = Vec::new();
        let mut families: HashMap<String, HashSet<&'a str>> = HashMap::new();
        for (text, family) in pages {
            let mut page = Vec::new();
            for (key, title) in keyed_lines(text) {
                families.entry(key.clone()).or_default().insert(family);
                page.push((key, title));
            }
            lines.push(page);
        }
        let pages_of = |k: &str| families.get(k).map_or(0, |f| f.len());
        let shared = |k: &str| pages_of(k) >= SHARED_FAMILIES;
        // a title on two pages is furniture when it runs with another such title: a block
        // of teasers, which a report's own title and lead never are
        let paired = |(k, title): &(String, bool)| *title && pages_of(k) >= 2;
        let mut keys: HashSet<String> = HashSet::new();
        for page in &lines {
            for (i, l) in page.iter().enumerate() {
                let run = paired(l) && ((i > 0 && paired(&page[i - 1])) || page.get(i + 1).is_some_and(paired));
                if l.1 && shared(&l.0) || run {
                    keys.insert(l.0.clone());
                }
            }
        }
        if keys.is_empty() {
            return SharedLines { keys };
        }
        // a shared line next to a furniture line on any page is furniture, until none is added
        loop {
            let mut added = false;
            for page in &lines {
                for (i, l @ (k, _)) in page.iter().enumerate() {
                    if keys.contains(k) || !(shared(k) || paired(l)) {
                        continue;
                    }
                    let next_to = (i > 0 && keys.contains(&page[i - 1].0)) || page.get(i + 1).is_some_and(|(n, _)| keys.contains(n));
                    if next_to {
                        keys.insert(k.clone());
                        added = true;
                    }
                }
            }
            if !added {
                break;
            }
        }
        SharedLines { keys }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Takes one more line as furniture (one found by other means: the store repeats it).
    pub fn add(&mut self, line: &str) {
        if let Some((key, _)) = key_of(line) {
            self.keys.insert(key);
        }
    }

    /// The line of `text` around byte `at` when it could be a teaser (a title, or a short line
    /// of its own: "¿Nos ayudas a hacer un periodismo valiente?", four words or more), then
    /// the lines after it while they could be too: a sidebar's run.
    pub fn teaser_run(text: &str, at: usize) -> impl Iterator<Item = &str> {
        let at = at.min(text.len());
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        text[start..].split('\n').map(str::trim).take_while(|l| teaser(l))
    }

    /// The byte spans of `text`'s lines that are furniture, in text order.
    pub fn spans_in(&self, text: &str) -> Vec<crate::model::Span> {
        if self.keys.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let (start, end) = (at, at + line.len());
            at = end;
            if let Some((key, _)) = key_of(line)
                && self.keys.contains(&key)
            {
                out.push(crate::model::Span::new(start, end));
            }
        }
        out
    }

    /// Whether most of `span`'s bytes lie on furniture lines (`spans` from [`Self::spans_in`]).
    pub fn covers(spans: &[crate::model::Span], span: crate::model::Span) -> bool {
        let len = span.end.saturating_sub(span.start);
        let covered: usize = spans.iter().map(|l| span.end.min(l.end).saturating_sub(span.start.max(l.start))).sum();
        len > 0 && covered * 2 >= len
    }
}

/// A page's lines of two words or more: their key (lower case, single spaces) and whether the
/// line is a title rather than a sentence.
fn keyed_lines(text: &str) -> impl Iterator<Item = (String, bool)> + '_ {
    text.split('\n').filter_map(key_of)
}

/// Whether a line could be a teaser: a title, or a short line of its own, of four words or more.
fn teaser(line: &str) -> bool {
    let words = line.split_whitespace().count();
    key_of(line).is_some_and(|(_, title)| words >= 4 && (title || words <= TEASER_WORDS))
}

fn key_of(line: &str) -> Option<(String, bool)> {
    let line = line.trim();
    line.split_whitespace().nth(1)?;
    let mut key = String::with_capacity(line.len());
    for w in line.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    let end = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    let title = !end.ends_with(['.', '!', '?', '…', ':', ';']);
    Some((key, title))
}

#[cfg(test)]
mod tests {
    use super::{SharedLines, is_page_note};
    use crate::model::Span;

    /// Le Monde pages of the ML-Crisis Libya and Egypt sets, as scraped: the sidebar's run of
    /// teasers, then the report.
    #[test]
    fn a_run_of_teasers_repeated_on_pages_is_furniture_and_a_shared_wire_sentence_is_not() {
        let sidebar = "Comment la filière hydrogène compte accélérer le développement de sa technologie\n\
            Faire ses courses sans passer par la caisse, Amazon Go veut imposer son modèle\n\
            Paris veut adapter son PLU à l'urgence climatique\n";
        let wire = "Les Egyptiens sont descendus en masse dans les rues du Caire et en province dimanche.\n";
        let a = format!("{sidebar}Egypte : quels sont les risques pour les touristes ?\n{wire}Le Caire est calme.");
        let b = format!("{sidebar}Egypte: manifestations monstres de l'opposition\n{wire}Les manifestants réclament le départ de Morsi.");
        let c = format!("Egypte: des dizaines de milliers de manifestants\n{wire}");
        let shared = SharedLines::find([(a.as_str(), "a"), (b.as_str(), "b"), (c.as_str(), "c")]);
        let cut: Vec<&str> = shared.spans_in(&a).iter().map(|s| a[s.start..s.end].trim()).collect();
        // two pages carry the run of three titles: all three are cut; the wire sentence on three
        // pages ends as a sentence and stays, as do each page's own title and text
        assert_eq!(cut, ["Comment la filière hydrogène compte accélérer le développement de sa technologie", "Faire ses courses sans passer par la caisse, Amazon Go veut imposer son modèle", "Paris veut adapter son PLU à l'urgence climatique"]);
        // a copy is one page: the run is on one page only, and nothing is cut
        let shared = SharedLines::find([(a.as_str(), "a"), (a.as_str(), "a"), (c.as_str(), "c")]);
        assert!(shared.is_empty());
        // a single teaser on three pages is cut, and the shared line next to it goes with it
        let page = |own: &str| format!("España exigirá una PCR negativa en origen a todos los viajeros que lleguen a España desde países de riesgo\nSe han publicado 1 comentarios.\n{own}\nEl texto del artículo.");
        let (p1, p2, p3) = (page("La protesta estalla en Libia"), page("Egipto traslada tropas a península Sinaí"), page("Los coptos rezan por Mubarak"));
        let shared = SharedLines::find([(p1.as_str(), "1"), (p2.as_str(), "2"), (p3.as_str(), "3")]);
        let cut: Vec<&str> = shared.spans_in(&p1).iter().map(|s| p1[s.start..s.end].trim()).collect();
        assert_eq!(cut, ["España exigirá una PCR negativa en origen a todos los viajeros que lleguen a España desde países de riesgo", "Se han publicado 1 comentarios."]);
        assert!(SharedLines::covers(&shared.spans_in(&p1), Span::new(0, 40)));
        assert!(!SharedLines::covers(&shared.spans_in(&p1), Span::new(p1.len() - 22, p1.len())));
    }

    #[test]
    fn notes_to_the_reader_are_page_furniture() {
        // ML-Crisis pages (Le Point, Le Monde, El Mundo, Cubadebate), as scraped
        for s in [
            "Cet article a été ajouté dans vos favoris.",
            "Vous ne pouvez lire Le Monde que sur un seul appareil à la fois (ordinateur, téléphone ou tablette).",
            "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies dans les conditions prévues par notre politique de confidentialité.",
            "Este sitio se reserva el derecho de la publicación de los comentarios.",
            "Tony y los Papos, un abuelo delegado (+ Fotos)",
            "S'abonner, c'est accéder à tous les articlesDécouvrir les offres",
            "Suscríbete a El Norte de Castilla on+ por solo 6,95 € al mes",
            "Copyright © DH Les Sports+ 2020 Ipm sa - IPM",
            "Copyright 2016 The Associated Press. All rights reserved.",
            "Consultez les articles de la rubrique International, suivez les informations en temps réel et accédez à nos analyses de l'actualité.",
            "Queda prohibida toda reproducción sin permiso escrito de la empresa a los efectos del artículo 32.1.",
            "Lea más en nuestra cobertura especial Baño de sangre en Egipto.",
            "ESO ES LO QUE MÁS ME PREOCUPA.",
        ] {
            assert!(is_page_note(s, 0, &[]), "{s}");
        }
        // reports, and readers addressed by someone quoted
        for s in [
            "Le colonel Mouammar al-Kadhafi gouverne la Libye depuis plus de quatre décennies.",
            "Las fuerzas leales al dictador han retomado este martes a primera hora el ataque sobre Misrata.",
            "Die Delegationen trafen sich am Freitag in Istanbul.",
            "The talks in Istanbul ended after less than two hours, officials said.",
            "« Vous êtes des traîtres », a lancé le colonel aux manifestants.",
            "NATO and the EU met in Brussels.",
            // English "you" in a reporter's voice is common in features (Multi-News: dropping
            // it cost ROUGE-1 .005)
            "If you live in the Gulf, you have seen the oil wash ashore for weeks.",
            "Image copyright Reuters image caption Fighting has been raging in the east between the Ukrainian military and pro-Russian rebels for months.",
            "He told the crowd they would “pay for what you did” and left.",
        ] {
            assert!(!is_page_note(s, 0, &[]), "{s}");
        }
        // a quotation the quote layer found
        let s = "\"You will pay for this,\" Gaddafi told the rebels on Tuesday.";
        assert!(!is_page_note(s, 100, &[Span::new(100, 126)]));
    }
}

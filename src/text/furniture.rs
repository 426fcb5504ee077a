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

#[cfg(test)]
mod tests {
    use super::is_page_note;
    use crate::model::Span;

    #[test]
    fn notes_to_the_reader_are_page_furniture() {
        // ML-Crisis pages (Le Point, Le Monde, El Mundo, Cubadebate), as scraped
        for s in [
            "Cet article a été ajouté dans vos favoris.",
            "Vous ne pouvez lire Le Monde que sur un seul appareil à la fois (ordinateur, téléphone ou tablette).",
            "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies dans les conditions prévues par notre politique de confidentialité.",
            "Este sitio se reserva el derecho de la publicación de los comentarios.",
            "Tony y los Papos, un abuelo delegado (+ Fotos)",
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

//! The general rules telling boilerplate from content (nothing keyed on sites): the kind of
//! an element from its class/id tokens, articleBody-like markers, and the line rules (sentence
//! shape, "read more"/share/copyright cues, promo and legal lines, datelines, end-matter
//! headings).

use super::flatten::Kind;

/// Class/id tokens that mark boilerplate containers.
pub(super) fn class_kind(attr: &str) -> Kind {
    let mut kind = Kind::Other;
    for tok in attr.split(|c: char| c.is_whitespace()) {
        if tok.is_empty() { continue; }
        let t = tok.to_ascii_lowercase();
        // taxonomy / state classes describe the content, not the element (WordPress "tag-x", "has-ads")
        if ["tag-", "category-", "author-", "postid-", "format-", "type-", "status-", "has-", "with-", "no-", "is-", "paywall"]
            .iter().any(|p| t.starts_with(p)) && !is_author_box(&t) { continue; }
        // BEM modifiers ("section--has-ads", "block--ads") describe a state of the element, not its role
        let t = match t.find("--") { Some(i) if i > 0 => t[..i].to_string(), _ => t };
        if t.contains("-has-") || t.contains("_has-") { continue; }
        if (t.contains("comment") && !t.contains("commentary")) || t.contains("disqus") || t.contains("respond") && t.len() < 12 {
            // "comment-count" in a byline is harmless: treated as comment block anyway
            return Kind::Comment;
        }
        const SUB: &[&str] = &["share", "sharing", "social", "related", "sidebar", "breadcrumb", "cookie",
            "newsletter", "subscri", "promo", "advert", "banner", "navigation", "navbar", "menu", "footer",
            "popup", "modal", "byline", "pagination", "pager", "rating", "recommend",
            "sponsor", "outbrain", "taboola", "login", "signup", "toolbar", "sr-only", "visually-hidden",
            "screen-reader", "copyright", "mostread", "most-read", "trending", "consent", "gdpr", "paywall",
            "donate", "masthead", "topbar", "feedback", "teaser-list", "morearticles", "more-articles",
            "tagcloud", "taglist", "tag-list", "author",
            "postmeta", "post-meta", "entry-meta", "article-meta", "skiplink", "skip-link", "crumb", "spende", "donat"];
        const PART: &[&str] = &["ad", "ads", "nav", "tags", "tag", "share", "social",
            "aside", "dropdown", "search", "logo", "follow", "newsticker", "ticker",
            "overlay", "mehr", "more", "also", "breadcrumbs", "cta", "caption", "credit", "credits", "legend", "disclaimer", "disclosure", "bio",
            "alert", "captcha", "flyout", "notice", "kicker"];
        const WEAK_SUB: &[&str] = &["header", "widget", "metadata", "infobox", "keywords", "further", "print"];
        const WEAK_PART: &[&str] = &["meta", "date", "time", "hidden", "hide", "icons", "icon", "source", "links", "sticky", "bar", "ressort", "category", "categories", "posted", "published", "info"];
        if SUB.iter().any(|p| t.contains(p)) || t.split(|c: char| c == '-' || c == '_').any(|p| PART.contains(&p)) {
            kind = Kind::Soft;
            continue;
        }
        if kind == Kind::Other && (WEAK_SUB.iter().any(|p| t.contains(p)) || t.split(|c: char| c == '-' || c == '_').any(|p| WEAK_PART.contains(&p))) {
            kind = Kind::Weak;
        }
    }
    kind
}

/// An author's biography or byline ("author-bio", "author_description", "author-info-wrap"),
/// not WordPress's taxonomy class for the post's author ("author-jdoe", "author-12"): after
/// "author", a part that says what the element tells about the author. A bare "author-box"
/// is not enough: familie.de's holds the author's own words on the toys the article is about.
fn is_author_box(t: &str) -> bool {
    const ROLE: &[&str] = &["bio", "bios", "biography", "info", "about", "description", "desc", "details", "profile"];
    t.strip_prefix("author").is_some_and(|rest| rest.split(|c: char| c == '-' || c == '_').any(|p| ROLE.contains(&p)))
}

pub(super) fn is_body_marker(attr: &str) -> bool {
    let a = attr.to_ascii_lowercase();
    ["articlebody", "article-body", "article__body", "article_body", "articletext", "article-text", "article__text",
     "entry-content", "post-content", "post-body", "postbody", "story-body", "storybody", "story-content",
     "article-content", "article__content", "articlecontent", "content-body", "text-body", "news-text", "single-content",
     "post-entry", "entry-body", "main-text", "maintext", "field-body", "rich-text", "richtext", "body-text", "bodytext",
     "articleinner", "article-inner"]
        .iter().any(|p| a.contains(p))
}

pub(super) fn sentence_like(t: &str) -> bool {
    t.contains(". ") || t.ends_with('.') || t.ends_with('!') || t.ends_with('?') || t.ends_with('"') || t.ends_with('”') || t.ends_with('«') || t.ends_with('»')
}

pub(super) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with('.') || t.ends_with('!') || t.ends_with('?') || t.ends_with('"') || t.ends_with('”') || t.ends_with('»') || t.ends_with('…')
}

/// Short lines that are boilerplate in any page: "related" headings, share/print prompts,
/// copyright notices, meta rows ("a | b | c").
pub(super) fn is_boilerplate_line(t: &str) -> bool {
    let l = t.to_lowercase();
    let l = l.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
    const START: &[&str] = &["mehr zum thema", "mehr zu", "lesen sie auch", "lesen sie mehr", "weiterlesen", "zum weiterlesen",
        "das könnte sie auch", "das könnte dich auch", "das könnte ihnen auch", "dies könnte sie auch", "auch interessant", "ebenfalls interessant",
        "weitere artikel", "weitere themen", "weitere informationen", "weitere meldungen", "weitere nachrichten", "verwandte", "ähnliche artikel",
        "empfohlene", "beliebte artikel", "meistgelesen", "teilen", "artikel teilen", "diese seite teilen", "seite teilen", "jetzt teilen",
        "drucken", "artikel drucken", "zurück", "nach oben", "zum seitenanfang", "schlagworte", "schlagwörter", "themen:", "tags",
        "read more", "read also", "related", "you might also like", "you may also like", "more from", "more on this", "see also", "share this",
        "share on", "share", "print", "tweet", "follow us", "sign up", "subscribe", "advertisement", "sponsored",
        "czytaj też", "czytaj także", "czytaj również", "czytaj więcej", "zobacz także", "zobacz też", "zobacz również", "podziel się", "udostępnij",
        "drukuj", "polecamy", "źródło:", "dowiedz się więcej", "lea más", "leer más", "puedes ver", "vea también", "ver también", "mira también", "auch lesen", "lesen sie", "lesetipp", "mehr dazu", "mehr zum", "siehe auch", "lire la suite", "lire plus", "à voir aussi", "read next", "also read", "see more", "more:", "lea también", "lea:", "story continues", "continue reading", "article continues", "click here", "image copyright",
        "image caption", "media caption", "watch:", "listen:", "recommended", "getty images", "credit:", "photo:", "photo by",
        "photos by", "photo courtesy", "ap photo", "lee también", "lee más", "mira |", "por si no lo viste", "präsentiert von", "le puede interesar", "te puede interesar", "temas relacionados", "noticias relacionadas", "notas relacionadas", "artículos relacionados", "más noticias", "related articles", "related posts", "related stories",
        "síguenos", "siguenos", "compartir", "comparte", "lire aussi", "à lire aussi", "voir aussi", "partager", "sur le même sujet", "en savoir plus",
        "anzeige", "werbung", "- anzeige", "keine kommentare", "kommentare", "comments", "kommentar schreiben", "leave a comment", "leave a reply",
        "newsletter", "zum newsletter", "jetzt abonnieren", "abonnieren", "noch keine bewertung", "bewerten sie", "wie bewerten sie",
        "empfiehl", "empfehlen sie", "bild vergrößern", "bild anzeigen", "foto:", "fotos:", "bild:", "quelle: imago", "copyright", "©",
        "alle rechte vorbehalten", "all rights reserved", "letzte änderung", "aktualisiert am", "zuletzt aktualisiert", "stand:", "veröffentlicht am"];
    if START.iter().any(|p| l.starts_with(p)) { return true; }
    if l.contains("all rights reserved") || l.contains("alle rechte vorbehalten") || l.contains("prawa zastrzeżone") || l.contains("todos los derechos") || l.contains("tous droits") { return true; }
    // "Diese Artikel könnten Sie ebenfalls interessieren", "Das könnte dich auch interessieren"
    if ["sie ebenfalls interessieren", "sie auch interessieren", "dich auch interessieren", "dich ebenfalls interessieren"].iter().any(|c| l.contains(c)) { return true; }
    if t.matches(" | ").count() >= 2 { return true; }
    false
}

/// Promotional, legal and social calls to action (newsletter, donation, app, copyright...).
pub(super) fn is_promo(t: &str) -> bool {
    let l = t.to_lowercase();
    const CUES: &[&str] = &["newsletter", "subscribe", "subscription", "subscriber", "abonnier", "abonnement", "abonniere",
        "download the", "our app", "unsere app", "follow us", "follow the", "folgen sie uns", "folge uns", "canal de", "copyright", "©", "all rights reserved", "written permission", "reprint",
        "spende", "unterstütze", "unterstützen sie", "donate", "donation", "support our", "support us", "hazte miembro",
        "suscríbete", "suscribir", "únete", "log in", "logged in", "nicht eingeloggt", "cookies", "disclaimer", "affiliate",
        "werbelink", "partnerlink", "we recommend", "views expressed", "meinung des autors", "not responsible for",
        "sign up", "subskrypcj", "zapraszamy", "prenumerat", "wesprzyj", "lust auf mehr", "contact us", "kontaktieren sie",
        "abonnez", "inscrivez", "suivez-nous", "faire un don", "soutenez", "suscripción", "síguenos", "newsletters",
        "regístrate", "registrate", "inicia sesión", "bereits abonnent", "einloggen", "logge dich"];
    const MORE: &[&str] = &["your inbox", "in dein postfach", "in ihr postfach", "advertise with", "advertise on", "werben sie", "letter to the editor", "to your phone", "app store", "google play", "jobbörse"];
    CUES.iter().chain(MORE).any(|c| l.contains(c))
}

/// The longest dateline (characters): "Veröffentlicht: 07.11.2023, 10:37 Uhr | aktualisiert:
/// 07.11.2023, 11:01 Uhr" is 77 (60 until round 7).
const DATELINE_MAX: usize = 90;

/// Date/time lines ("12.12.2022, 08:30 Uhr", "Published: March 3, 2021", "3:59 PM",
/// "October 31st, 2023").
pub(super) fn is_dateline(t: &str) -> bool {
    if t.chars().count() > DATELINE_MAX || !t.chars().any(|c| c.is_ascii_digit()) { return false; }
    const WORDS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "januar", "februar",
        "märz", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "january", "february", "march",
        "april", "june", "july", "october", "december", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre", "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
        "sierpnia", "września", "października", "listopada", "grudnia", "uhr", "am", "pm", "um", "de", "del", "le", "à", "h",
        "updated", "published", "posted", "on", "at", "aktualisiert", "veröffentlicht", "erstellt", "stand", "datum", "date",
        "publicado", "actualizado", "publié", "mis", "jour", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
        "sonntag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
        "sat", "sun", "mo", "di", "mi", "do", "fr", "sa", "so", "dnia", "godz", "lunes", "martes", "miércoles", "jueves", "viernes",
        "sábado", "domingo", "el", "a", "m", "hrs", "horas", "hs", "st", "nd", "rd", "th", "gmt", "utc", "cet", "cest", "mez", "mesz", "est", "edt", "pst", "pdt", "min", "lesezeit", "read",
        "minutes", "minuten"];
    let l = t.to_lowercase();
    let mut digits = 0;
    for w in l.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() { continue; }
        if w.chars().all(|c| c.is_ascii_digit()) { digits += 1; continue; }
        let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
        let w2 = w.trim_start_matches(|c: char| c.is_ascii_digit());
        if !WORDS.contains(&w) && !WORDS.contains(&w2) { return false; }
    }
    digits >= 1
}

/// Whether a dateline names a date or a time (a year, `08/05`, `12.12.`, `02:14`), not only
/// a duration ("15 – 30 Min", "5 minutes read"): what may be cut from the middle of the text.
pub(super) fn names_a_date(t: &str) -> bool {
    let c: Vec<char> = t.chars().collect();
    let year = t.split(|x: char| !x.is_ascii_digit()).any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    year || c.windows(3).any(|w| w[0].is_ascii_digit() && matches!(w[1], ':' | '/' | '.') && w[2].is_ascii_digit())
}

/// An author's biography: a name of one to four capitalised words, then "is"/"ist"/"es"/"est"
/// /"jest", and a word of the trade ("Candice Sealey is the Founder & Principal Consultant at
/// Ignite!", "Tanja ist seit 2023 Redakteurin bei OMR"). What a page puts after the article,
/// not in it; only the text's last blocks are read so.
pub(super) fn is_author_bio(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().take(6).collect();
    let Some(k) = words.iter().position(|w| matches!(*w, "is" | "ist" | "es" | "est" | "jest")) else { return false };
    if k == 0 || k > 4 || !words[..k].iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return false;
    }
    let l = t.to_lowercase();
    const TRADE: &[&str] = &["writer", "reporter", "journalist", "editor", "correspondent", "columnist", "founder", "author of",
        "contributor", "freelance", "redakteur", "autorin", "autor ", "periodista", "redactor", "redactora", "journaliste",
        "rédact", "dziennikar", "redaktor", "professor", "consultant", "blogger", "bloggerin"];
    TRADE.iter().any(|c| l.contains(c))
}

/// Short headings that introduce end matter: author box, related posts, contact, sources.
pub(super) fn is_tail_heading(t: &str) -> bool {
    let l = t.to_lowercase();
    let l = l.trim_matches(|c: char| !c.is_alphanumeric());
    const START: &[&str] = &["über den autor", "über die autorin", "about the author", "about the writer", "zum autor", "zur autorin",
        "ähnliche beiträge", "ähnliche artikel", "weitere beiträge", "weitere artikel", "verwandte beiträge", "verwandte artikel",
        "das könnte", "related", "more stories", "more articles", "more from", "you may also", "you might also", "read further",
        "read next", "up next", "recommended", "stay up-to-date", "stay up to date", "schon gelesen", "lust auf mehr", "auch interessant",
        "neueste artikel", "neueste beiträge", "aktuelle artikel", "top themen", "meistgelesen", "beliebte", "contenido relacionado",
        "noticias relacionadas", "artículos relacionados", "te puede interesar", "le puede interesar", "lire aussi", "à lire aussi",
        "sur le même sujet", "dans la même rubrique", "czytaj także", "czytaj też", "zobacz także", "polecamy", "artikel gefallen",
        "kontakt", "ansprechpartner", "contact", "zusatzinformationen", "markiert mit", "tags", "schlagworte", "themen",
        "top-meldungen", "top meldungen", "weitere meldungen", "top stories", "most popular", "most read", "latest news", "more news"];
    // the bare word over an author box ("Autor", "Mitwirkende"): a whole heading, as
    // "author" starts "Authorities"
    const WHOLE: &[&str] = &["autor", "autorin", "autoren", "author", "authors", "the author", "the authors", "contributors",
        "contributor", "mitwirkende", "o autorze", "sobre el autor", "sobre la autora", "l'auteur", "à propos de l'auteur"];
    START.iter().any(|p| l.starts_with(p)) || WHOLE.contains(&l)
}

//! Tests of the extractor: article text kept and boilerplate dropped, metadata (tags, JSON-LD,
//! OpenGraph, `<title>`), tables, link lists, hidden elements and scripts, charsets, garbage
//! input, leads, tails, class rules, datelines, the fallbacks, deep nesting.

use super::boilerplate::{class_kind, is_dateline, names_a_date};
use super::flatten::Kind;
use super::*;

const ARTICLE: &str = r#"<!DOCTYPE html><html lang="en-US"><head>
<meta charset="utf-8"><title>Big storm hits coast | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta name="description" content="A storm hit the coast on Monday.">
<meta name="author" content="Lois Lane">
<link rel="canonical" href="/news/storm">
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Big storm hits coast</h1>
<div class="byline">By Lois Lane</div>
<div class="article-body">
<p>A powerful storm hit the coast on Monday, bringing winds of more than 150&nbsp;km/h and heavy rain to several towns along the shore.</p>
<p>Officials said that   thousands of homes were without power and that schools would stay closed until Wednesday at the earliest.</p>
<p>&quot;We have never seen anything like this,&quot; said the mayor, who asked residents to stay indoors &amp; avoid the beaches.</p>
<div class="share-buttons"><a href="/s">Share on Facebook</a> <a href="/t">Tweet</a></div>
</div>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Storm season begins</a></li><li><a href="/b">How to prepare for a storm</a></li></ul></aside>
</article></main>
<div id="comments" class="comments"><p>Great article, thanks for sharing all this information with us, it was very interesting to read.</p></div>
<footer class="site-footer"><p>© 2024 Daily Planet. All rights reserved.</p><a href="/imprint">Imprint</a></footer>
</body></html>"#;

#[test]
fn extracts_article_and_drops_boilerplate() {
    let d = extract(ARTICLE, Some("https://planet.example/news/storm?x=1")).unwrap();
    assert!(d.text.contains("A powerful storm hit the coast on Monday"), "{}", d.text);
    assert!(d.text.contains("schools would stay closed until Wednesday"));
    assert!(d.text.contains("Officials said that thousands of homes"), "whitespace collapsed");
    assert!(d.text.contains("\"We have never seen anything like this,\""), "entities decoded");
    assert!(d.text.contains("indoors & avoid"));
    for bad in ["Home", "Share on Facebook", "Storm season begins", "Great article", "All rights reserved", "Imprint", "Related articles"] {
        assert!(!d.text.contains(bad), "leaked {bad:?}: {}", d.text);
    }
    // one paragraph per line
    assert!(d.text.lines().count() >= 3);
    assert!(!d.text.contains('<'));
}

#[test]
fn metadata() {
    let d = extract(ARTICLE, Some("https://planet.example/news/storm?x=1")).unwrap();
    assert_eq!(d.title.as_deref(), Some("Big storm hits coast"));
    assert_eq!(d.byline.as_deref(), Some("Lois Lane"));
    assert_eq!(d.site_name.as_deref(), Some("Daily Planet"));
    assert_eq!(d.canonical_url.as_deref(), Some("https://planet.example/news/storm"));
    assert_eq!(d.language.as_deref(), Some("en-us"));
    assert_eq!(d.description.as_deref(), Some("A storm hit the coast on Monday."));
}

#[test]
fn metadata_from_json_ld_and_og() {
    let html = r#"<html><head><meta property="og:locale" content="de_DE">
<meta property="og:url" content="https://zeitung.example/a/1">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Neue Brücke eröffnet","author":[{"@type":"Person","name":"Anna Schmidt"},{"@type":"Person","name":"Max Müller"}],"publisher":{"@type":"Organization","name":"Zeitung Online"}}]}</script>
</head><body><div class="content"><p>Die neue Brücke über den Fluss wurde am Samstag nach drei Jahren Bauzeit feierlich eröffnet, wie die Stadt mitteilte.</p>
<p>Sie verbindet die beiden Stadtteile und soll täglich von rund zwanzigtausend Fahrzeugen genutzt werden.</p></div></body></html>"#;
    let d = extract(html, None).unwrap();
    assert_eq!(d.title.as_deref(), Some("Neue Brücke eröffnet"));
    assert_eq!(d.byline.as_deref(), Some("Anna Schmidt, Max Müller"));
    assert_eq!(d.site_name.as_deref(), Some("Zeitung Online"));
    assert_eq!(d.canonical_url.as_deref(), Some("https://zeitung.example/a/1"));
    assert_eq!(d.language.as_deref(), Some("de-de"));
    assert!(d.text.contains("Bauzeit feierlich eröffnet"));
}

#[test]
fn title_from_title_tag_without_site_suffix() {
    let html = "<html><head><title>Council approves budget – Local News</title></head><body><p>The city council approved the new budget on Tuesday evening after a long debate about road repairs and schools.</p></body></html>";
    let d = extract(html, None).unwrap();
    assert_eq!(d.title.as_deref(), Some("Council approves budget"));
    assert_eq!(d.language, None);
}

#[test]
fn tables_are_kept() {
    let html = "<html><body><article><p>The results of the regional election were announced on Sunday night by the electoral commission.</p><table><tr><th>Party</th><th>Votes</th></tr><tr><td>Green</td><td>12,345</td></tr></table><p>Turnout was higher than in the previous election, the commission said in its statement.</p></article></body></html>";
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Green 12,345"), "{}", d.text);
}

#[test]
fn link_list_page_is_an_error() {
    let html = "<html><body><ul><li><a href='/1'>One</a></li><li><a href='/2'>Two</a></li><li><a href='/3'>Three</a></li></ul></body></html>";
    assert!(extract(html, None).is_err());
    assert!(extract("", None).is_err());
    assert!(extract("<html><body></body></html>", None).is_err());
}

#[test]
fn hidden_and_scripts_removed() {
    let html = r#"<html><body><div><p>Visible paragraph about the harbour expansion project, which will take five more years to finish.</p>
<p style="display: none">Hidden teaser text that must not appear in the output at all, ever.</p><script>var x = "script text";</script>
<style>p { color: red }</style></div></body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("harbour expansion"));
    assert!(!d.text.contains("Hidden teaser"));
    assert!(!d.text.contains("script text"));
    assert!(!d.text.contains("color"));
}

#[test]
fn decode_charsets() {
    // BOM
    assert_eq!(decode_html(b"\xEF\xBB\xBFh\xC3\xA9", None), "hé");
    // meta charset, latin-1 bytes
    let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Gr\xFC\xDFe</body></html>";
    assert!(decode_html(latin, None).contains("Grüße"));
    // http-equiv
    let cp = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\"><p>\x9Ale</p>";
    assert!(decode_html(cp, None).contains("šle"));
    // HTTP header wins over nothing, undeclared invalid UTF-8 falls back to windows-1252
    assert!(decode_html(b"caf\xE9", None).contains("café"));
    assert!(decode_html(b"caf\xE9", Some("ISO-8859-1")).contains("café"));
    // valid UTF-8 although declared latin-1
    assert!(decode_html("<meta charset=latin1>Grüße".as_bytes(), None).contains("Grüße"));
    // declared utf-8 with bad bytes: lossy, no panic
    let s = decode_html(b"<meta charset=utf-8>ok \xFF\xFE bad", None);
    assert!(s.contains("ok"));
}

#[test]
fn never_panics_on_garbage() {
    let mut seed: u64 = 0x1234_5678;
    for len in [0usize, 1, 7, 100, 5000] {
        let bytes: Vec<u8> = (0..len).map(|_| { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; (seed & 0xff) as u8 }).collect();
        let s = decode_html(&bytes, None);
        let _ = extract(&s, None);
        let _ = decode_html(&bytes, Some("no-such-charset"));
    }
    for s in ["<", "<html", "<p>unterminated <b>bold", "<<<>>>", "<div class=\"a", "</p></div></body>", "<meta charset=", "<meta charset=\"utf-16\">x",
              "<table><tr><td>cell without end", "<script>never closed", "\u{0}\u{0}<p>\u{FFFD}</p>"] {
        let _ = extract(s, None);
        let _ = decode_html(s.as_bytes(), None);
    }
}

#[test]
fn lead_in_article_header_is_kept() {
    let html = r#"<html><body><article><header><h1>Neue Radwege für die Innenstadt</h1>
<div class="intro"><p>Die Stadt will bis 2026 zwanzig Kilometer neue Radwege bauen, kündigte der Oberbürgermeister am Dienstag an.</p></div></header>
<div class="entry-content"><p>Die ersten Abschnitte sollen schon im Frühjahr entstehen, vor allem entlang der großen Ausfallstraßen im Norden der Stadt.</p>
<p>Der Fahrradclub begrüßte die Pläne, forderte aber eine schnellere Umsetzung und mehr sichere Abstellplätze an den Bahnhöfen.</p>
<p>Die Kosten von rund zwölf Millionen Euro sollen zum Teil aus Fördermitteln des Landes und des Bundes gedeckt werden.</p></div>
</article></body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("zwanzig Kilometer neue Radwege"), "{}", d.text);
    assert!(d.text.contains("Fördermitteln des Landes"));
}

#[test]
fn end_matter_and_promo_tail_removed() {
    let html = r#"<html><body><div class="post-body">
<p>The harbour authority approved the expansion plan on Friday after two years of public consultation and several revisions.</p>
<p>Construction of the new container terminal is expected to start next spring and to take about four years to complete.</p>
<p>Local fishermen said they were worried about the loss of moorings, but the authority promised new berths on the east side.</p>
<p>Environmental groups have announced that they will examine the final plan closely before deciding whether to go to court.</p>
<h3>About the author</h3><p>Jane Doe covers transport and infrastructure for the paper and has written about ports for ten years.</p>
<p>Sign up for our weekly newsletter and get the best stories in your inbox.</p>
</div></body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Environmental groups have announced"), "{}", d.text);
    assert!(!d.text.contains("About the author"), "{}", d.text);
    assert!(!d.text.contains("Jane Doe covers"), "{}", d.text);
    assert!(!d.text.contains("weekly newsletter"), "{}", d.text);
}

#[test]
fn class_token_rules() {
    // BEM state modifiers and "commentary" (opinion pieces) do not mark boilerplate
    assert_eq!(class_kind("o-section o-section--has-ads"), Kind::Other);
    assert_eq!(class_kind("TestReport__Section--Ads"), Kind::Other);
    assert_eq!(class_kind("news subjective commentary"), Kind::Other);
    assert_eq!(class_kind("comment-list"), Kind::Comment);
    assert_eq!(class_kind("ad-slot"), Kind::Soft);
    assert_eq!(class_kind("wp-caption-text"), Kind::Soft);
    let html = r#"<html><body><div class="article commentary"><p>Ein paar Konsument*innen mögen das anders sehen, doch die Lage ist eindeutig und die Zahlen sprechen für sich.</p>
<p>Auch die Versicherer haben längst reagiert und ziehen sich aus den fossilen Geschäften zurück, wie der Bericht zeigt.</p></div></body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Konsument*innen mögen"), "{}", d.text);
}

#[test]
fn soft_hyphens_dropped_and_inline_boundaries_kept() {
    let html = "<html><body><article><p>Die Wan\u{ad}der\u{ad}schuhe <b>wurden</b> im <a href='/t'>Test</a> über drei Monate im Gebirge und im Flachland getragen und geprüft.<br>Zweite Zeile mit genug Text.</p></article></body></html>";
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Die Wanderschuhe wurden im Test über drei Monate"), "{}", d.text);
    assert!(d.text.contains("geprüft.\nZweite Zeile"), "{:?}", d.text);
}

#[test]
fn datelines() {
    assert!(is_dateline("12.12.2022, 08:30 Uhr"));
    assert!(is_dateline("3:59 PM"));
    assert!(is_dateline("Published: March 3, 2021"));
    assert!(is_dateline("12 marca 2021"));
    assert!(is_dateline("October 31st, 2023"));
    assert!(is_dateline("Veröffentlicht: 07.11.2023, 10:37 Uhr | aktualisiert: 07.11.2023, 11:01 Uhr"));
    assert!(!is_dateline("Kapitel 121 ist nun online"));
    assert!(!is_dateline("390 kcal"));
}

#[test]
fn fallback_to_template_and_article_body() {
    let mut tpl = String::from("<html><body><div class='header'>Blog</div><script type='text/template'><div class='post-body'>");
    for i in 0..25 { tpl.push_str(&format!("<p>Paragraph {i} of the security post explains how the new protection works for users of the browser.</p>")); }
    tpl.push_str("</div></script></body></html>");
    let d = extract(&tpl, None).unwrap();
    assert!(d.text.contains("Paragraph 24 of the security post"), "{}", d.text);

    let body = "The chief executive said on Tuesday that she would stay in office. ".repeat(12);
    let html = format!(r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Lam stays","articleBody":"{body}"}}</script></head>
<body><figure><figcaption>Photo: AP</figcaption></figure><p>Lam stays on as chief executive.</p></body></html>"#);
    let d = extract(&html, None).unwrap();
    assert!(d.text.contains("she would stay in office"), "{}", d.text);
    assert!(d.text.contains("Lam stays on as chief executive."), "{}", d.text);
}

#[test]
fn deeply_nested() {
    let depth = 5000;
    let mut html = String::from("<html><body>");
    for _ in 0..depth { html.push_str("<div>"); }
    html.push_str("<p>Deep paragraph text that is long enough to count as the article body of this very odd page.</p>");
    for _ in 0..depth { html.push_str("</div>"); }
    let mut spans = String::new();
    for _ in 0..depth { spans.push_str("<span>"); }
    html.push_str(&spans);
    html.push_str("</body></html>");
    // must not overflow the stack
    let r = std::thread::Builder::new().stack_size(2 << 20).spawn(move || extract(&html, None).map(|d| d.text)).unwrap().join().unwrap();
    assert!(r.is_ok());
}

#[test]
fn pages_nested_too_deep_are_refused_unparsed() {
    // issue 15: 100,000 nested <div>s took 37 s in the HTML parser
    let deep = format!("<html><body>{}<p>Deep text.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let e = super::extract(&deep, None).unwrap_err();
    assert!(e.contains("nested over"), "{e}");
    // ordinary nesting, void elements, scripts with "<" inside, and many siblings pass
    let ok = format!(
        "<html><head><script>for (i = 0; i < n; i++) {{ a<b; }}</script><style>p < q {{}}</style></head><body>{}<article><p>Para.<br><img src=x></p></article>{}</body></html>",
        "<div>".repeat(200),
        "</div>".repeat(200)
    );
    assert_eq!(super::too_deep(&ok), None);
    let siblings = format!("<html><body>{}</body></html>", "<div><span>x</span></div>".repeat(50_000));
    assert_eq!(super::too_deep(&siblings), None);
}

#[test]
fn elements_with_too_many_attributes_are_refused_unparsed() {
    use super::{MAX_ATTRIBUTES, Refused, refused};
    // issue 15: html5ever compares every attribute with the element's earlier ones
    let attrs = |n: usize, each: &dyn Fn(usize) -> String| (0..n).map(each).collect::<Vec<_>>().join(" ");
    let page = |a: String| format!("<html><body><article><p {a}>Officials met in Geneva on Monday.</p></article></body></html>");
    let many = page(attrs(MAX_ATTRIBUTES + 1, &|i| format!("a{i}=\"x\"")));
    assert_eq!(refused(&many), Some(Refused::Attributes(MAX_ATTRIBUTES)));
    assert!(super::extract(&many, None).unwrap_err().starts_with("an element with over 1000 attributes"));
    // bare names, bare values and spaces around `=` count alike
    assert!(refused(&page(attrs(MAX_ATTRIBUTES + 1, &|i| format!("a{i}")))).is_some());
    assert!(refused(&page(attrs(MAX_ATTRIBUTES + 1, &|i| format!("a{i} = v{i}")))).is_some());
    // a `>` inside a quoted value does not end the tag early (no way around the count)
    assert!(refused(&page(format!("q=\">\" {}", attrs(MAX_ATTRIBUTES + 1, &|i| format!("a{i}"))))).is_some());
    // as many as allowed, with quoted values holding spaces and `>`, pass; so does script text
    let ok = page(attrs(MAX_ATTRIBUTES, &|i| format!("data-x{i}='a b > c'")));
    assert_eq!(refused(&ok), None);
    let script = format!("<html><head><script>if (a <b {} ) {{}}</script></head><body><p>x</p></body></html>", "c ".repeat(5_000));
    assert_eq!(refused(&script), None);
}

const BODY: &str = "<p>The council voted on Tuesday to close the old bridge to cars from next spring, after engineers found cracks in two of its piers.</p>\
<p>Cyclists and people on foot will still be able to cross it while the city looks for the money to repair it, the mayor said.</p>";

#[test]
fn table_in_figure_is_kept_as_data() {
    let html = format!("<html><body><article>{BODY}<figure class=\"comparison\"><table><tr><td>Deposit fee</td><td>Free deposit, 1 GBP withdrawal</td></tr></table></figure>\
        <p>Fees were last checked by the editors in March, and they may change at any time without notice to customers.</p></article></body></html>");
    let d = extract(&html, None).unwrap();
    assert!(d.text.contains("Free deposit, 1 GBP withdrawal"), "{}", d.text);
    // a figure with only an image and its caption stays out
    let html = format!("<html><body><article>{BODY}<figure><img src=\"b.jpg\"><figcaption>The old bridge seen from the river bank</figcaption></figure></article></body></html>");
    assert!(!extract(&html, None).unwrap().text.contains("seen from the river bank"));
}

#[test]
fn forms_alerts_and_kickers_are_not_text_but_heading_anchors_are() {
    let html = format!("<html><body><article><div class=\"single__kicker\">Verkehr</div><h2 id=\"nav_the_bridge_1\">The bridge</h2>{BODY}\
        <div class=\"alert is--success\">The article was added to your wish list.</div>\
        <form class=\"review\"><p>Please enter the numbers shown in the picture into the text field below.</p></form></article></body></html>");
    let d = extract(&html, None).unwrap();
    assert!(d.text.contains("The bridge\n"), "{}", d.text);
    for bad in ["Verkehr", "wish list", "numbers shown in the picture"] {
        assert!(!d.text.contains(bad), "{bad} leaked: {}", d.text);
    }
}

#[test]
fn kicker_word_before_a_dateline_is_cut() {
    let html = format!("<html><body><article><p>Energie 12.12.2022, 08:30 Uhr</p>{BODY}</article></body></html>");
    let d = extract(&html, None).unwrap();
    assert!(!d.text.contains("08:30"), "{}", d.text);
    assert!(d.text.starts_with("The council voted"), "{}", d.text);
}

#[test]
fn headline_is_not_repeated_in_the_text() {
    // the article's <h1> is its title (a field of its own), not body text
    let d = extract(ARTICLE, None).unwrap();
    assert_eq!(d.title.as_deref(), Some("Big storm hits coast"));
    assert!(d.text.starts_with("A powerful storm hit the coast on Monday"), "{}", d.text);
    // the title with the site's suffix, and the kicker above the headline, go
    let text = "Wissen\nKlimaschutz: Bohren, bis es heiß wird\nIn Bayern suchen Stadtwerke in drei Kilometern Tiefe nach heißem Wasser für ihre Fernwärme.";
    assert_eq!(drop_headline(text, "Klimaschutz: Bohren, bis es heiß wird - Wissen - SZ.de"), "In Bayern suchen Stadtwerke in drei Kilometern Tiefe nach heißem Wasser für ihre Fernwärme.");
    // a sentence above the headline stays; so does a body sentence that only begins like the title
    let text = "Die Stadtwerke haben am Montag mit der Bohrung begonnen.\nKlimaschutz: Bohren, bis es heiß wird\nMehr dazu später.";
    assert_eq!(drop_headline(text, "Klimaschutz: Bohren, bis es heiß wird"), "Die Stadtwerke haben am Montag mit der Bohrung begonnen.\nMehr dazu später.");
    let text = "Klimaschutz: Bohren, bis es heiß wird, das ist der Plan der Stadtwerke in Pullach, Grünwald und Unterhaching seit dem vergangenen Jahr.";
    assert_eq!(drop_headline(text, "Klimaschutz: Bohren, bis es heiß wird"), text);
    // a title found only after the third line is quoted, not a headline
    let text = "Erste Zeile des Artikels.\nZweite Zeile des Artikels.\nDritte Zeile des Artikels.\nBig storm hits coast";
    assert_eq!(drop_headline(text, "Big storm hits coast"), text);
}

#[test]
fn hidden_article_behind_a_teaser_is_the_text() {
    // a paywalled page: a visible teaser, the whole article in a hidden element a script shows
    let html = r#"<html><body><header><p>Snow on the roof cuts the yield of a solar array, and its weight strains the modules and their mounts. Several…</p></header>
<div style="display:none;" class="paywall-full-content">
<p>Owners of solar arrays ask themselves in every snowfall whether it is worth clearing the modules of the white load.</p>
<p>The testing body warns that snow can also do damage, above all when it lies unevenly on the panels for weeks.</p>
<p>Wet snow weighs about forty kilograms per square metre, and frozen snow more than ninety kilograms.</p>
</div>
<div class="newsletter" style="display:none"><p>Sign up for our newsletter and never miss a story again.</p></div>
</body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Owners of solar arrays ask themselves"), "{}", d.text);
    assert!(d.text.contains("more than ninety kilograms"), "{}", d.text);
    assert!(!d.text.contains("newsletter"), "{}", d.text);
}

#[test]
fn article_in_a_script_state_when_the_body_is_empty() {
    let html = r#"<html><head><title>Tsai's playbook | SCMP</title></head><body><div id="app"></div>
<script>window.__APOLLO_STATE__={"a":{"body":{"json":[{"type":"p","children":[{"type":"text","data":"Taiwanese President Tsai Ing-wen’s "},{"type":"a","attribs":{"href":"/x"},"children":[{"type":"text","data":"spectacular re-election"}]},{"type":"text","data":" was no easy feat, and her rivals had counted her out only a year before the vote."}]},{"type":"img","attribs":{"src":"/p.jpg"},"children":[]},{"type":"p","children":[{"type":"text","data":"A year ago, Tsai had to fight off political forces from within and outside the Democratic Progressive Party."}]},{"type":"p","children":[{"type":"text","data":"She went on to rack up 8.17 million votes in January’s election, the highest number ever secured by any candidate."}]}]}},"menu":[{"type":"link","children":[{"type":"text","data":"Home"}]}]};</script>
</body></html>"#;
    let d = extract(html, None).unwrap();
    assert_eq!(d.text, "Taiwanese President Tsai Ing-wen’s spectacular re-election was no easy feat, and her rivals had counted her out only a year before the vote.\nA year ago, Tsai had to fight off political forces from within and outside the Democratic Progressive Party.\nShe went on to rack up 8.17 million votes in January’s election, the highest number ever secured by any candidate.");
}

#[test]
fn datelines_and_calls_to_action_inside_the_text_are_cut() {
    // trome.pe: the "Actualizado" line sits between the lead and the first paragraph; a
    // log-in prompt and a "story continues" line between paragraphs
    let html = r#"<html><body><article>
<p class="lead">En el Día de la Madre, artistas cuentan anécdotas, travesuras y hasta castigos que recibieron de las autoras de sus días.</p>
<p>Actualizado el 08/05/2022 02:14 a.m.</p>
<p>Magaly Medina recordó que una vez se escapó del colegio para ir a un concierto y que su madre la esperó en la puerta de la casa.</p>
<p>Regístrate para recibir contenido exclusivo</p>
<p>Karla Tarazona contó que por ser fan enamorada de un cantante la castigaron sin salir durante todo un mes de vacaciones.</p>
<p>Story continues below advertisement</p>
<p>Adriana Quevedo dijo que su mamá se partía en mil para sacar adelante a sus hijos y que nunca le faltó nada en casa.</p>
</article></body></html>"#;
    let d = extract(html, None).unwrap();
    for bad in ["Actualizado", "Regístrate", "Story continues"] {
        assert!(!d.text.contains(bad), "{bad} kept: {}", d.text);
    }
    for good in ["En el Día de la Madre", "Magaly Medina", "Karla Tarazona", "Adriana Quevedo"] {
        assert!(d.text.contains(good), "{good} lost: {}", d.text);
    }
}

#[test]
fn durations_and_fact_blocks_inside_the_text_stay() {
    // a recipe's time is no dateline, and a fact block naming donations ("Spendenmitteln")
    // is no call to donate
    let html = r#"<html><body><article>
<p>Für den Grundteig werden Mehl, Zucker, Eier und Butter verrührt und dann in kleine Förmchen auf dem Backblech gefüllt.</p>
<p>15 – 30 Min</p>
<p>Die Muffins werden bei 180 Grad gebacken, bis sie goldbraun sind, und sollten danach auf einem Gitter gut auskühlen.</p>
<p>Auftraggeber<br>Freie Universität Berlin, Land Berlin<br>Die Errichtung erfolgte aus Spendenmitteln der Regierung der USA.</p>
<p>Das Studentendorf wurde in den Jahren nach 1959 gebaut und steht heute als Ensemble der Nachkriegsmoderne unter Denkmalschutz.</p>
</article></body></html>"#;
    let d = extract(html, None).unwrap();
    for good in ["15 – 30 Min", "Freie Universität Berlin, Land Berlin", "Spendenmitteln"] {
        assert!(d.text.contains(good), "{good} lost: {}", d.text);
    }
    assert!(names_a_date("Actualizado el 08/05/2022 02:14 a.m.") && is_dateline("Actualizado el 08/05/2022 02:14 a.m."));
    assert!(is_dateline("15 – 30 Min") && !names_a_date("15 – 30 Min"));
}

#[test]
fn author_biographies_and_inbox_prompts_after_the_article_are_cut() {
    // management-circle.de: the bio sits in `<section class="author-bio">` inside the
    // article; searchlight.vc: a bare `<p>` after the last paragraph; omr.com: a newsletter box
    let html = r#"<html><body><article class="single-blog-article">
<p>Mit Augmented Reality lassen sich Arbeitsabläufe im Büro neu denken, denn digitale Inhalte erscheinen direkt im Sichtfeld der Nutzer.</p>
<p>Die Datenbrille blendet Termine, Notizen und Anleitungen ein, ohne dass man den Blick vom eigentlichen Arbeitsplatz abwenden muss.</p>
<p>Noch sind die Geräte teuer, doch erste Unternehmen setzen sie bereits in der Logistik und im Kundenservice erfolgreich ein.</p>
<section class="author-bio clr"><h4 class="author-bio-title">Isabella Beyer</h4>
<div class="author-bio-description"><p>Als Content Marketing Managerin betreue ich den Blog rund um die Themen Sekretariat und Assistenz.</p></div></section>
<p>Candice Sealey is the Founder &amp; Principal Consultant at Ignite! a Full-service Marketing &amp; PR Consultancy that helps businesses/brands to stand out.</p>
<h2>Aktuelle Stories und die wichtigsten News für Marketeers direkt in dein Postfach!</h2>
</article></body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Noch sind die Geräte teuer"), "{}", d.text);
    for bad in ["Als Content Marketing Managerin", "Candice Sealey is the Founder", "direkt in dein Postfach"] {
        assert!(!d.text.contains(bad), "{bad} kept: {}", d.text);
    }
    // WordPress's taxonomy class for the post's author is no author box, nor is a bare "author-box"
    assert_eq!(class_kind("post author-jdoe"), Kind::Other);
    assert_eq!(class_kind("author-box"), Kind::Other);
    assert_eq!(class_kind("author-bio clr"), Kind::Soft);
    assert_eq!(class_kind("author_description"), Kind::Soft);
}

#[test]
fn a_named_person_in_the_last_paragraph_is_no_biography() {
    // the article's own last sentence about a person stays: no trade word, or not a name
    // before "is"
    let html = r#"<html><body><article>
<p>The city council approved the new budget on Tuesday evening after a debate that lasted for more than four hours.</p>
<p>Several members criticised the cuts to the library service, which will lose two of its five branches next year.</p>
<p>Mayor Helen Carter is expected to sign the budget on Friday, and the new rates will apply from the first of January.</p>
</article></body></html>"#;
    let d = extract(html, None).unwrap();
    assert!(d.text.contains("Mayor Helen Carter is expected"), "{}", d.text);
    assert!(!super::boilerplate::is_author_bio("Mayor Helen Carter is expected to sign the budget on Friday."));
    assert!(super::boilerplate::is_author_bio("Tanja ist seit 2023 Redakteurin bei OMR. Vor ihrem Wechsel hat sie für Bavaria gearbeitet."));
    assert!(!super::boilerplate::is_author_bio("The writer is a former editor of the paper."));
}

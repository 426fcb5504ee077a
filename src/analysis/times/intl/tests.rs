//! Real-style news sentences in each language the tagger reads, each expression's span and its
//! value against the article's date.

use super::super::{find_times_lang, reads};
use chrono::NaiveDate;

fn tag(text: &str, lang: &str, anchor: &str) -> Vec<(String, String)> {
    let layer = crate::text::TextLayer::new(text, Some(lang));
    let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
    find_times_lang(&layer, Some(lang), a).expect("a language the tagger reads").into_iter().map(|t| (text[t.start..t.end].to_string(), t.value)).collect()
}

#[track_caller]
fn check(text: &str, lang: &str, anchor: &str, want: &[(&str, &str)]) {
    let got = tag(text, lang, anchor);
    for (span, value) in want {
        assert!(got.iter().any(|(s, v)| s == span && v == value), "{lang}: {span:?} = {value} not in {got:?}\n  {text}");
    }
}

#[test]
fn spanish() {
    // Friday 2011-02-11
    check(
        "El presidente Hosni Mubarak dimitió el 11 de febrero de 2011, tras dieciocho días de protestas. Ayer, miles de personas celebraron en la plaza Tahrir.",
        "es",
        "2011-02-12",
        &[("el 11 de febrero de 2011", "2011-02-11"), ("Ayer", "2011-02-11")],
    );
    check(
        "La semana pasada el Gobierno anunció que el próximo lunes se reunirá con la oposición; hace tres días hubo nuevos choques y hoy, jueves, sigue la huelga.",
        "es",
        "2011-02-10",
        &[("La semana pasada", "2011-W05"), ("el próximo lunes", "2011-02-14"), ("hace tres días", "2011-02-07"), ("hoy, jueves", "2011-02-10")],
    );
    check("El pasado lunes el ministro dijo que mañana por la tarde viajará a Trípoli.", "es", "2011-03-03", &[("El pasado lunes", "2011-02-28"), ("mañana por la tarde", "2011-03-04TAF")]);
    // El Mundo, 16 February 2011 (ML-Crisis es-libya): the Thursday is tomorrow's
    check("Los opositores han convocado para mañana jueves un día de ira en todo el país.", "es", "2011-02-16", &[("mañana", "2011-02-17"), ("jueves", "2011-02-17")]);
    check("Les syndicats ont appelé à une grève générale demain jeudi dans tout le pays.", "fr", "2011-02-02", &[("demain", "2011-02-03"), ("jeudi", "2011-02-03")]);
    check("Ahora la empresa prevé ganar 30 millones este año, más de un año después de la crisis.", "es", "2000-06-01", &[("Ahora", "PRESENT_REF"), ("este año", "2000"), ("más de un año", "P1Y")]);
}

#[test]
fn french() {
    check(
        "Le 25 janvier 2011, des milliers de manifestants ont envahi la place. Il y a deux jours, le président a parlé ; lundi dernier, l'armée a été déployée.",
        "fr",
        "2011-02-03",
        &[("Le 25 janvier 2011", "2011-01-25"), ("Il y a deux jours", "2011-02-01"), ("lundi dernier", "2011-01-31")],
    );
    check(
        "Aujourd'hui, le ministre a reconnu que l'année dernière avait été difficile. Hier soir, vers 21 h 45, la police est intervenue ; la fête aura lieu le 1er mai.",
        "fr",
        "2011-04-20",
        &[("Aujourd'hui", "2011-04-20"), ("l'année dernière", "2010"), ("Hier soir", "2011-04-19TEV"), ("21 h 45", "2011-04-19T21:45"), ("le 1er mai", "2011-05-01")],
    );
    // an age is not a duration
    let got = tag("Jean Dupont, 53 ans, a été élu maire.", "fr", "2011-04-20");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn italian() {
    check(
        "L'11 febbraio 2011 Mubarak ha lasciato il potere; ieri sera migliaia di persone sono scese in piazza e il mese scorso il governo era caduto.",
        "it",
        "2011-03-05",
        &[("L'11 febbraio 2011", "2011-02-11"), ("ieri sera", "2011-03-04TEV"), ("il mese scorso", "2011-02")],
    );
    check("Tre giorni fa il ministro ha detto che lunedì prossimo incontrerà i sindacati, e quest'anno non ci saranno elezioni.", "it", "2011-03-05", &[("Tre giorni fa", "2011-03-02"), ("lunedì prossimo", "2011-03-07"), ("quest'anno", "2011")]);
}

#[test]
fn german() {
    check(
        "Am 3. Mai 2011 trat der Minister zurück. Gestern Abend sagte er, er werde nächstes Jahr nicht kandidieren. Das Treffen beginnt um 20.30 Uhr.",
        "de",
        "2011-05-10",
        &[("3. Mai 2011", "2011-05-03"), ("Gestern Abend", "2011-05-09TEV"), ("nächstes Jahr", "2012"), ("20.30 Uhr", "2011-05-10T20:30")],
    );
    check(
        "Vergangene Woche hatte die Polizei im Vorjahr begonnene Ermittlungen abgeschlossen; am Dienstagabend wurde der Verdächtige festgenommen, heute tagt der Rat.",
        "de",
        "2016-01-14",
        &[("Vergangene Woche", "2016-W01"), ("Vorjahr", "2015"), ("Dienstagabend", "2016-01-12TEV"), ("heute", "2016-01-14")],
    );
    check("Die Feier findet am 30.11.2013 statt.", "de", "2013-11-01", &[("30.11.2013", "2013-11-30")]);
    // KRAUTS reads "vor zwei Wochen" as the two weeks, as its gold does
    check("Vor zwei Wochen hatte der Landtag das Gesetz beschlossen.", "de", "2013-11-01", &[("zwei Wochen", "P2W")]);
}

#[test]
fn portuguese() {
    check(
        "Em 25 de janeiro de 2011, milhares de pessoas saíram às ruas. Ontem, o governo anunciou que a votação será na próxima semana; há dois anos a situação era outra.",
        "pt",
        "2011-02-02",
        &[("25 de janeiro de 2011", "2011-01-25"), ("Ontem", "2011-02-01"), ("próxima semana", "2011-W06"), ("há dois anos", "2009")],
    );
    check(
        "Os lucros do terceiro trimestre caíram, disse a empresa na sexta-feira; no ano passado, o trimestre tinha sido melhor.",
        "pt",
        "1989-11-02",
        &[("terceiro trimestre", "1989-Q3"), ("sexta-feira", "1989-10-27"), ("ano passado", "1988")],
    );
}

#[test]
fn russian_ukrainian_turkish() {
    check("Переговоры в Стамбуле начнутся 15 мая 2025 года, сообщил вчера Кремль; три дня назад Зеленский предложил встречу.", "ru", "2025-05-12", &[("15 мая 2025", "2025-05-15"), ("вчера", "2025-05-11"), ("три дня назад", "2025-05-09")]);
    check("Сьогодні, 11 травня, Зеленський заявив, що чекатиме Путіна в Туреччині в четвер.", "uk", "2025-05-11", &[("Сьогодні", "2025-05-11"), ("11 травня", "2025-05-11")]);
    check("Zelenskiy, 15 Mayıs 2025 tarihinde İstanbul'da olacağını dün açıkladı; görüşme geçen hafta planlanmıştı.", "tr", "2025-05-12", &[("15 Mayıs 2025", "2025-05-15"), ("dün", "2025-05-11"), ("geçen hafta", "2025-W19")]);
    check("Заседание назначено на 16.05.2025.", "ru", "2025-05-12", &[("16.05.2025", "2025-05-16")]);
}

#[test]
fn a_weekday_reads_the_tense_of_its_clause() {
    // Wednesday 2011-02-09: "el viernes" is the coming Friday after "se reunirá", the past one after "se reunió"
    check("El consejo se reunirá el viernes.", "es", "2011-02-09", &[("el viernes", "2011-02-11")]);
    check("El consejo se reunió el viernes.", "es", "2011-02-09", &[("el viernes", "2011-02-04")]);
}

#[test]
fn names_that_are_no_dates_are_left_alone() {
    // "Mars" the planet, the Arab spring, a sum of money, an abbreviation that is a word
    assert!(tag("La sonde a atteint Mars.", "fr", "2011-04-20").is_empty());
    assert!(tag("La primavera árabe cambió la región.", "es", "2011-04-20").is_empty());
    assert!(tag("O navio voltou ao mar.", "pt", "2011-04-20").is_empty());
    assert!(tag("Die Firma zahlte 2000 Euro.", "de", "2011-04-20").is_empty());
}

#[test]
fn which_languages_are_read() {
    for l in ["es", "fr", "it", "de", "pt", "ru", "uk", "tr"] {
        assert!(reads(l), "{l}");
    }
    assert!(!reads("en") && !reads("ar"));
    let layer = crate::text::TextLayer::new("اليوم", Some("ar"));
    assert!(find_times_lang(&layer, Some("ar"), None).is_none());
}

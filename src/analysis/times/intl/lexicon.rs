//! The words of the languages other than English the tagger reads, each to its class (`C`):
//! month and weekday names (CLDR's wide and abbreviated forms, with and without accents, and the
//! inflected forms news writes: "Jahres", "мая", "п'ятницю"), number words, units, the deictic
//! words and the words that make a unit relative ("pasado", "dernier", "scorso", "vergangenen",
//! "passado"). Lower case: the shared tokeniser folds case before the look-up.

use super::super::Unit;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a word is to the tagger.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum C {
    Month(u32),
    /// An abbreviated month ("feb", "sept"): read only before a "." or a number.
    MonthAbbr(u32),
    /// A weekday, 1 = Monday.
    Wd(u32),
    /// A weekday and a part of the day in one word ("Dienstagabend").
    WdTod(u32, &'static str),
    Num(i64),
    /// An unspecified count ("varios", "quelques", "einige").
    Vague,
    Ord(u32),
    Unit(Unit),
    /// A day counted from the article's ("hoy" 0, "ayer" -1, "mañana" 1).
    Day(i64),
    /// A day and a part of it ("anoche", "stasera").
    DayTod(i64, &'static str),
    /// A part of the day ("tarde", "soir", "Abend").
    Tod(&'static str),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    Last,
    Next,
    This,
    /// "anterior", "précédent", "vorig-": the unit before.
    Prev,
    /// "siguiente", "suivant", "folgend-": the unit after the date last mentioned.
    Follow,
    /// "mismo", "même", "selben": the date last mentioned.
    Same,
    /// Before the count: "hace", "vor", "há" ("il y a" is read as three words).
    AgoPre,
    /// After the count: "fa", "atrás", "назад", "önce".
    AgoPost,
    /// "dentro de", "dans", "tra", "daqui a": n units after the date.
    InPre,
    Each,
    /// A word that names a set ("anual" P1Y).
    SetAdj(&'static str),
    Season(&'static str),
    /// An article that the span takes in ("el", "le", "den").
    Art,
    /// "principios", "finales", "Anfang", "Ende", "début", "fin": kept in the span, the value is the period's.
    Premod,
    /// "más", "plus", "mehr", "casi": kept in a duration's span.
    More,
    /// A year relative to the article's ("Vorjahr" -1, "heuer" 0).
    YearRel(i32),
    /// Hour words for clock times ("Uhr", "h").
    Hour,
    /// A word whose reading the matcher decides from its neighbours (Spanish "mañana": tomorrow or morning).
    Other,
}

use C::*;

const MONTHS_ES: &[&str] = &["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const MONTHS_FR: &[&str] = &["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const MONTHS_IT: &[&str] = &["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];
const MONTHS_DE: &[&str] = &["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"];
const MONTHS_PT: &[&str] = &["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];
const MONTHS_RU: &[&str] = &["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
const MONTHS_RU_NOM: &[&str] = &["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
const MONTHS_RU_PREP: &[&str] = &["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"];
const MONTHS_UK: &[&str] = &["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"];
const MONTHS_UK_NOM: &[&str] = &["січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"];
const MONTHS_UK_PREP: &[&str] = &["січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні", "вересні", "жовтні", "листопаді", "грудні"];
const MONTHS_TR: &[&str] = &["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"];

const ABBR_ES: &[(&str, u32)] = &[("ene", 1), ("feb", 2), ("mar", 3), ("abr", 4), ("jun", 6), ("jul", 7), ("ago", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dic", 12)];
const ABBR_FR: &[(&str, u32)] = &[("janv", 1), ("févr", 2), ("fév", 2), ("avr", 4), ("juil", 7), ("sept", 9), ("oct", 10), ("nov", 11), ("déc", 12)];
const ABBR_IT: &[(&str, u32)] = &[("gen", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("mag", 5), ("giu", 6), ("lug", 7), ("ago", 8), ("set", 9), ("ott", 10), ("nov", 11), ("dic", 12)];
const ABBR_DE: &[(&str, u32)] = &[("jan", 1), ("feb", 2), ("mär", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("okt", 10), ("nov", 11), ("dez", 12)];
const ABBR_PT: &[(&str, u32)] = &[("jan", 1), ("fev", 2), ("mar", 3), ("abr", 4), ("jun", 6), ("jul", 7), ("ago", 8), ("set", 9), ("out", 10), ("nov", 11), ("dez", 12)];

/// Entries every language shares beside its own: none today (numbers are read as digits).
fn months(out: &mut Vec<(&'static str, C)>, names: &[&'static str]) {
    for (k, m) in names.iter().enumerate() {
        out.push((m, Month(k as u32 + 1)));
    }
}

fn abbrs(out: &mut Vec<(&'static str, C)>, names: &[(&'static str, u32)]) {
    for &(w, m) in names {
        out.push((w, MonthAbbr(m)));
    }
}

fn all(out: &mut Vec<(&'static str, C)>, words: &[&'static str], c: C) {
    for w in words {
        out.push((w, c));
    }
}

fn units(out: &mut Vec<(&'static str, C)>, table: &[(&'static [&'static str], Unit)]) {
    for (words, u) in table {
        all(out, words, Unit(*u));
    }
}

fn numbers(out: &mut Vec<(&'static str, C)>, words: &[&'static str], from: i64) {
    for (k, w) in words.iter().enumerate() {
        out.push((w, Num(from + k as i64)));
    }
}

fn weekdays(out: &mut Vec<(&'static str, C)>, days: &[&[&'static str]]) {
    for (k, forms) in days.iter().enumerate() {
        all(out, forms, Wd(k as u32 + 1));
    }
}

fn spanish() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_ES);
    o.push(("setiembre", Month(9)));
    abbrs(&mut o, ABBR_ES);
    weekdays(&mut o, &[&["lunes"], &["martes"], &["miércoles", "miercoles"], &["jueves"], &["viernes"], &["sábado", "sabado"], &["domingo"]]);
    numbers(&mut o, &["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince"], 2);
    all(&mut o, &["un", "uno", "una"], Num(1));
    o.extend([("veinte", Num(20)), ("treinta", Num(30)), ("cuarenta", Num(40)), ("cincuenta", Num(50)), ("cien", Num(100))]);
    all(&mut o, &["varios", "varias", "algunos", "algunas", "unos", "unas", "pocos", "pocas", "muchos", "muchas"], Vague);
    o.extend([("primer", Ord(1)), ("primero", Ord(1)), ("primera", Ord(1)), ("segundo", Ord(2)), ("segunda", Ord(2)), ("tercer", Ord(3)), ("tercero", Ord(3)), ("tercera", Ord(3)), ("cuarto", Ord(4)), ("cuarta", Ord(4))]);
    units(&mut o, &[
        (&["segundos"], Unit::Sec), (&["minuto", "minutos"], Unit::Min), (&["hora", "horas"], Unit::Hour),
        (&["día", "días", "dia", "dias", "jornada", "jornadas"], Unit::Day), (&["semana", "semanas"], Unit::Week),
        (&["mes", "meses"], Unit::Month), (&["trimestre", "trimestres"], Unit::Quarter), (&["año", "años"], Unit::Year),
        (&["década", "décadas"], Unit::Decade), (&["siglo", "siglos"], Unit::Century),
    ]);
    o.extend([("hoy", Day(0)), ("ayer", Day(-1)), ("anteayer", Day(-2)), ("antier", Day(-2)), ("mañana", Other), ("anoche", DayTod(-1, "NI"))]);
    o.extend([("tarde", Tod("AF")), ("noche", Tod("NI")), ("madrugada", Tod("MO"))]);
    o.extend([("ahora", Ref("PRESENT_REF")), ("actualmente", Ref("PRESENT_REF")), ("actualidad", Ref("PRESENT_REF")), ("recientemente", Ref("PAST_REF")), ("futuro", Ref("FUTURE_REF"))]);
    o.extend([("actual", Ref("PRESENT_REF")), ("actuales", Ref("PRESENT_REF")), ("entonces", Ref("PAST_REF")), ("recién", Ref("PAST_REF")), ("reciente", Ref("PAST_REF")), ("recientes", Ref("PAST_REF"))]);
    all(&mut o, &["pasado", "pasada", "pasados", "pasadas", "último", "última", "ultimo", "ultima"], Last);
    all(&mut o, &["próximo", "próxima", "próximos", "próximas", "proximo", "proxima", "entrante", "venidero"], Next);
    all(&mut o, &["este", "esta", "estos", "estas"], This);
    all(&mut o, &["anterior"], Prev);
    all(&mut o, &["siguiente"], Follow);
    all(&mut o, &["mismo", "misma"], Same);
    all(&mut o, &["últimos", "últimas", "ultimos", "ultimas"], Last);
    o.extend([("hace", AgoPre), ("dentro", InPre), ("cada", Each)]);
    all(&mut o, &["anual", "anuales", "anualmente"], SetAdj("P1Y"));
    all(&mut o, &["mensual", "mensuales", "mensualmente"], SetAdj("P1M"));
    all(&mut o, &["semanal", "semanales", "semanalmente"], SetAdj("P1W"));
    o.push(("diariamente", SetAdj("P1D")));
    o.extend([("primavera", Season("SP")), ("verano", Season("SU")), ("otoño", Season("FA")), ("invierno", Season("WI"))]);
    all(&mut o, &["el", "la", "los", "las"], Art);
    all(&mut o, &["principios", "comienzos", "finales", "mediados", "fines"], Premod);
    all(&mut o, &["más", "menos", "casi", "cerca"], More);
    o
}

fn french() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_FR);
    o.extend([("fevrier", Month(2)), ("aout", Month(8)), ("decembre", Month(12))]);
    abbrs(&mut o, ABBR_FR);
    weekdays(&mut o, &[&["lundi"], &["mardi"], &["mercredi"], &["jeudi"], &["vendredi"], &["samedi"], &["dimanche"]]);
    numbers(&mut o, &["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"], 2);
    all(&mut o, &["un", "une"], Num(1));
    o.extend([("vingt", Num(20)), ("trente", Num(30)), ("quarante", Num(40)), ("cinquante", Num(50)), ("cent", Num(100))]);
    all(&mut o, &["plusieurs", "quelques"], Vague);
    o.extend([("premier", Ord(1)), ("première", Ord(1)), ("1er", Ord(1)), ("deuxième", Ord(2)), ("second", Ord(2)), ("seconde", Ord(2)), ("troisième", Ord(3)), ("quatrième", Ord(4))]);
    units(&mut o, &[
        (&["secondes"], Unit::Sec), (&["minute", "minutes"], Unit::Min), (&["heure", "heures"], Unit::Hour),
        (&["jour", "jours", "journée", "journées"], Unit::Day), (&["semaine", "semaines"], Unit::Week),
        (&["mois"], Unit::Month), (&["trimestre", "trimestres"], Unit::Quarter), (&["an", "ans", "année", "années"], Unit::Year),
        (&["décennie", "décennies"], Unit::Decade), (&["siècle", "siècles"], Unit::Century), (&["week-end", "weekend"], Unit::Weekend),
    ]);
    o.extend([("aujourd'hui", Day(0)), ("hier", Day(-1)), ("avant-hier", Day(-2)), ("demain", Day(1)), ("après-demain", Day(2)), ("lendemain", Follow), ("veille", Prev)]);
    o.extend([("matin", Tod("MO")), ("matinée", Tod("MO")), ("après-midi", Tod("AF")), ("soir", Tod("EV")), ("soirée", Tod("EV")), ("nuit", Tod("NI"))]);
    o.extend([("maintenant", Ref("PRESENT_REF")), ("actuellement", Ref("PRESENT_REF")), ("récemment", Ref("PAST_REF")), ("bientôt", Ref("FUTURE_REF"))]);
    all(&mut o, &["dernier", "dernière", "derniers", "dernières", "passé", "passée"], Last);
    all(&mut o, &["prochain", "prochaine", "prochains", "prochaines"], Next);
    all(&mut o, &["ce", "cet", "cette", "ces"], This);
    all(&mut o, &["précédent", "précédente"], Prev);
    all(&mut o, &["suivant", "suivante"], Follow);
    all(&mut o, &["même"], Same);
    o.extend([("dans", InPre), ("chaque", Each)]);
    all(&mut o, &["annuel", "annuelle", "annuels", "annuelles", "annuellement"], SetAdj("P1Y"));
    all(&mut o, &["mensuel", "mensuelle", "mensuels", "mensuelles"], SetAdj("P1M"));
    all(&mut o, &["hebdomadaire", "hebdomadaires"], SetAdj("P1W"));
    o.extend([("printemps", Season("SP")), ("été", Season("SU")), ("automne", Season("FA")), ("hiver", Season("WI"))]);
    all(&mut o, &["le", "la", "l", "les"], Art);
    all(&mut o, &["début", "fin", "mi"], Premod);
    all(&mut o, &["plus", "moins", "près", "presque"], More);
    o.push(("h", Hour));
    o
}

fn italian() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_IT);
    abbrs(&mut o, ABBR_IT);
    weekdays(&mut o, &[&["lunedì", "lunedi"], &["martedì", "martedi"], &["mercoledì", "mercoledi"], &["giovedì", "giovedi"], &["venerdì", "venerdi"], &["sabato"], &["domenica"]]);
    numbers(&mut o, &["due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici", "tredici", "quattordici", "quindici"], 2);
    all(&mut o, &["un", "uno", "una"], Num(1));
    o.extend([("venti", Num(20)), ("trenta", Num(30)), ("quaranta", Num(40)), ("cinquanta", Num(50)), ("cento", Num(100))]);
    all(&mut o, &["alcuni", "alcune", "diversi", "diverse", "parecchi", "pochi", "molti", "qualche"], Vague);
    o.extend([("primo", Ord(1)), ("prima", Ord(1)), ("secondo", Ord(2)), ("terzo", Ord(3)), ("quarto", Ord(4))]);
    units(&mut o, &[
        (&["secondi"], Unit::Sec), (&["minuto", "minuti"], Unit::Min), (&["ore"], Unit::Hour),
        (&["giorno", "giorni", "giornata", "giornate"], Unit::Day), (&["settimana", "settimane"], Unit::Week),
        (&["mese", "mesi"], Unit::Month), (&["trimestre", "trimestri"], Unit::Quarter), (&["anno", "anni"], Unit::Year),
        (&["decennio", "decenni"], Unit::Decade), (&["secolo", "secoli"], Unit::Century), (&["weekend"], Unit::Weekend),
    ]);
    o.extend([("oggi", Day(0)), ("ieri", Day(-1)), ("avantieri", Day(-2)), ("domani", Day(1)), ("dopodomani", Day(2))]);
    o.extend([("stamattina", DayTod(0, "MO")), ("stamani", DayTod(0, "MO")), ("stasera", DayTod(0, "EV")), ("stanotte", DayTod(0, "NI"))]);
    o.extend([("mattina", Tod("MO")), ("mattinata", Tod("MO")), ("pomeriggio", Tod("AF")), ("sera", Tod("EV")), ("serata", Tod("EV")), ("notte", Tod("NI"))]);
    o.extend([("adesso", Ref("PRESENT_REF")), ("attualmente", Ref("PRESENT_REF")), ("recentemente", Ref("PAST_REF"))]);
    all(&mut o, &["scorso", "scorsa", "scorsi", "scorse", "passato", "passata", "ultimi", "ultime"], Last);
    all(&mut o, &["prossimo", "prossima", "prossimi", "prossime"], Next);
    all(&mut o, &["questo", "questa", "quest", "questi"], This);
    all(&mut o, &["precedente"], Prev);
    all(&mut o, &["successivo", "successiva", "seguente", "dopo"], Follow);
    all(&mut o, &["stesso", "stessa"], Same);
    o.extend([("fa", AgoPost), ("tra", InPre), ("fra", InPre), ("ogni", Each)]);
    all(&mut o, &["annuale", "annuali", "annualmente"], SetAdj("P1Y"));
    all(&mut o, &["mensile", "mensili"], SetAdj("P1M"));
    all(&mut o, &["settimanale", "settimanali"], SetAdj("P1W"));
    o.extend([("primavera", Season("SP")), ("estate", Season("SU")), ("autunno", Season("FA")), ("inverno", Season("WI"))]);
    all(&mut o, &["il", "lo", "la", "l", "i", "gli", "le"], Art);
    all(&mut o, &["inizio", "fine", "metà"], Premod);
    all(&mut o, &["più", "meno", "quasi", "circa"], More);
    o
}

fn german() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_DE);
    o.extend([("jänner", Month(1)), ("feber", Month(2)), ("maerz", Month(3))]);
    abbrs(&mut o, ABBR_DE);
    let days: [&[&str]; 7] = [&["montag", "montags"], &["dienstag"], &["mittwoch"], &["donnerstag"], &["freitag"], &["samstag", "sonnabend"], &["sonntag"]];
    weekdays(&mut o, &days);
    for (k, w) in ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"].iter().enumerate() {
        // "Dienstagabend", "Montagvormittag": the weekday and the part of the day in one word
        for (suffix, t) in [("morgen", "MO"), ("vormittag", "MO"), ("früh", "MO"), ("mittag", "MI"), ("nachmittag", "AF"), ("abend", "EV"), ("nacht", "NI")] {
            o.push((Box::leak(format!("{w}{suffix}").into_boxed_str()), WdTod(k as u32 + 1, t)));
        }
    }
    numbers(&mut o, &["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"], 2);
    all(&mut o, &["ein", "eine", "einem", "einen", "einer", "eines"], Num(1));
    o.extend([("beiden", Num(2)), ("zwanzig", Num(20)), ("dreißig", Num(30)), ("vierzig", Num(40)), ("fünfzig", Num(50)), ("hundert", Num(100))]);
    all(&mut o, &["einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen", "viele", "vielen"], Vague);
    o.extend([("ersten", Ord(1)), ("erste", Ord(1)), ("erstes", Ord(1)), ("zweiten", Ord(2)), ("zweite", Ord(2)), ("dritten", Ord(3)), ("dritte", Ord(3)), ("drittes", Ord(3)), ("vierten", Ord(4)), ("vierte", Ord(4)), ("viertes", Ord(4))]);
    units(&mut o, &[
        (&["sekunden"], Unit::Sec), (&["minute", "minuten"], Unit::Min), (&["stunde", "stunden"], Unit::Hour),
        (&["tag", "tage", "tagen", "tages"], Unit::Day), (&["woche", "wochen"], Unit::Week),
        (&["monat", "monate", "monaten", "monats"], Unit::Month), (&["quartal", "quartale", "quartalen", "quartals"], Unit::Quarter),
        (&["jahr", "jahre", "jahren", "jahres"], Unit::Year), (&["jahrzehnt", "jahrzehnte", "jahrzehnten"], Unit::Decade),
        (&["jahrhundert", "jahrhunderte", "jahrhunderten"], Unit::Century), (&["wochenende"], Unit::Weekend),
    ]);
    o.extend([("heute", Day(0)), ("gestern", Day(-1)), ("vorgestern", Day(-2)), ("morgen", Other), ("übermorgen", Day(2))]);
    o.extend([("vormittag", Tod("MO")), ("früh", Tod("MO")), ("mittag", Tod("MI")), ("nachmittag", Tod("AF")), ("abend", Tod("EV")), ("nacht", Tod("NI"))]);
    o.extend([("jetzt", Ref("PRESENT_REF")), ("derzeit", Ref("PRESENT_REF")), ("zurzeit", Ref("PRESENT_REF")), ("gegenwärtig", Ref("PRESENT_REF")), ("heutzutage", Ref("PRESENT_REF")), ("damals", Ref("PAST_REF")), ("kürzlich", Ref("PAST_REF")), ("bald", Ref("FUTURE_REF"))]);
    all(&mut o, &["vergangene", "vergangenen", "vergangener", "vergangenes", "letzte", "letzten", "letzter", "letztes"], Last);
    all(&mut o, &["nächste", "nächsten", "nächster", "nächstes", "kommende", "kommenden", "kommender", "kommendes"], Next);
    all(&mut o, &["diese", "diesen", "dieser", "dieses", "diesem", "laufenden", "laufende"], This);
    all(&mut o, &["vorigen", "vorige", "voriges", "voriger"], Prev);
    all(&mut o, &["folgenden", "folgende", "darauffolgenden"], Follow);
    all(&mut o, &["selben", "gleichen"], Same);
    o.extend([("vor", AgoPre), ("in", InPre), ("jeden", Each), ("jede", Each), ("jedes", Each), ("vorjahr", YearRel(-1)), ("heuer", YearRel(0))]);
    all(&mut o, &["jährlich", "jährliche", "jährlichen", "alljährlich"], SetAdj("P1Y"));
    all(&mut o, &["monatlich", "monatliche", "monatlichen"], SetAdj("P1M"));
    all(&mut o, &["wöchentlich", "wöchentliche", "wöchentlichen"], SetAdj("P1W"));
    all(&mut o, &["täglich", "tägliche", "täglichen"], SetAdj("P1D"));
    o.extend([("frühling", Season("SP")), ("frühjahr", Season("SP")), ("sommer", Season("SU")), ("herbst", Season("FA")), ("winter", Season("WI"))]);
    all(&mut o, &["der", "die", "das", "den", "dem", "des"], Art);
    all(&mut o, &["anfang", "ende", "mitte"], Premod);
    all(&mut o, &["mehr", "fast", "knapp", "rund", "etwa"], More);
    o.push(("uhr", Hour));
    o
}

fn portuguese() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_PT);
    o.push(("marco", Month(3)));
    abbrs(&mut o, ABBR_PT);
    weekdays(&mut o, &[&["segunda-feira"], &["terça-feira", "terca-feira"], &["quarta-feira"], &["quinta-feira"], &["sexta-feira"], &["sábado", "sabado"], &["domingo"]]);
    numbers(&mut o, &["dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze", "treze", "catorze", "quinze"], 2);
    all(&mut o, &["um", "uma"], Num(1));
    o.extend([("duas", Num(2)), ("tres", Num(3)), ("vinte", Num(20)), ("trinta", Num(30)), ("quarenta", Num(40)), ("cinquenta", Num(50)), ("cem", Num(100))]);
    all(&mut o, &["vários", "várias", "alguns", "algumas", "poucos", "poucas", "muitos", "muitas"], Vague);
    o.extend([("primeiro", Ord(1)), ("primeira", Ord(1)), ("segundo", Ord(2)), ("terceiro", Ord(3)), ("quarto", Ord(4))]);
    units(&mut o, &[
        (&["segundos"], Unit::Sec), (&["minuto", "minutos"], Unit::Min), (&["hora", "horas"], Unit::Hour),
        (&["dia", "dias"], Unit::Day), (&["semana", "semanas"], Unit::Week), (&["mês", "meses", "mes"], Unit::Month),
        (&["trimestre", "trimestres"], Unit::Quarter), (&["ano", "anos"], Unit::Year), (&["década", "décadas"], Unit::Decade),
        (&["século", "séculos"], Unit::Century),
    ]);
    o.extend([("hoje", Day(0)), ("ontem", Day(-1)), ("anteontem", Day(-2)), ("amanhã", Day(1))]);
    o.extend([("manhã", Tod("MO")), ("tarde", Tod("AF")), ("noite", Tod("NI")), ("madrugada", Tod("MO"))]);
    o.extend([("agora", Ref("PRESENT_REF")), ("atualmente", Ref("PRESENT_REF")), ("actualmente", Ref("PRESENT_REF")), ("recentemente", Ref("PAST_REF")), ("atual", Ref("PRESENT_REF")), ("atuais", Ref("PRESENT_REF"))]);
    all(&mut o, &["passado", "passada", "passados", "passadas", "último", "última", "últimos", "últimas"], Last);
    all(&mut o, &["próximo", "próxima", "próximos", "próximas"], Next);
    all(&mut o, &["este", "esta", "deste", "desta", "neste", "nesta", "estes"], This);
    all(&mut o, &["anterior"], Prev);
    all(&mut o, &["seguinte"], Follow);
    all(&mut o, &["mesmo", "mesma"], Same);
    o.extend([("há", AgoPre), ("atrás", AgoPost), ("cada", Each)]);
    all(&mut o, &["mensal", "mensais", "mensalmente"], SetAdj("P1M"));
    all(&mut o, &["semanal", "semanais", "semanalmente"], SetAdj("P1W"));
    all(&mut o, &["diariamente"], SetAdj("P1D"));
    o.extend([("primavera", Season("SP")), ("verão", Season("SU")), ("outono", Season("FA")), ("inverno", Season("WI"))]);
    all(&mut o, &["início", "inicio", "final", "fim", "meados", "princípio", "princípios"], Premod);
    all(&mut o, &["mais", "menos", "quase", "cerca"], More);
    o
}

fn russian() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_RU);
    months(&mut o, MONTHS_RU_NOM);
    months(&mut o, MONTHS_RU_PREP);
    weekdays(&mut o, &[&["понедельник"], &["вторник"], &["среда", "среду"], &["четверг"], &["пятница", "пятницу"], &["суббота", "субботу"], &["воскресенье"]]);
    numbers(&mut o, &["два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"], 2);
    o.extend([("две", Num(2)), ("один", Num(1)), ("одна", Num(1)), ("несколько", Vague)]);
    units(&mut o, &[
        (&["час", "часа", "часов"], Unit::Hour), (&["день", "дня", "дней"], Unit::Day), (&["неделю", "недели", "недель", "неделя"], Unit::Week),
        (&["месяц", "месяца", "месяцев"], Unit::Month), (&["год", "года", "лет", "году"], Unit::Year),
    ]);
    o.extend([("сегодня", Day(0)), ("вчера", Day(-1)), ("позавчера", Day(-2)), ("завтра", Day(1)), ("послезавтра", Day(2)), ("сейчас", Ref("PRESENT_REF")), ("назад", AgoPost)]);
    all(&mut o, &["прошлой", "прошлом", "прошлого", "прошлую", "прошлый", "прошедшей"], Last);
    all(&mut o, &["следующей", "следующем", "следующего", "следующую", "следующий", "будущем", "будущей"], Next);
    all(&mut o, &["этой", "этом", "этого", "эту", "этот", "текущем", "текущего"], This);
    o
}

fn ukrainian() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_UK);
    months(&mut o, MONTHS_UK_NOM);
    months(&mut o, MONTHS_UK_PREP);
    weekdays(&mut o, &[&["понеділок", "понеділка"], &["вівторок", "вівторка"], &["середа", "середу"], &["четвер", "четверга"], &["п'ятниця", "п'ятницю", "пʼятниця", "пʼятницю"], &["субота", "суботу"], &["неділя", "неділю"]]);
    numbers(&mut o, &["два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять"], 2);
    o.extend([("дві", Num(2)), ("пʼять", Num(5)), ("девʼять", Num(9)), ("один", Num(1)), ("одна", Num(1)), ("кілька", Vague)]);
    units(&mut o, &[
        (&["годину", "години", "годин"], Unit::Hour), (&["день", "дні", "днів"], Unit::Day), (&["тиждень", "тижні", "тижнів", "тижня"], Unit::Week),
        (&["місяць", "місяці", "місяців", "місяця"], Unit::Month), (&["рік", "роки", "років", "року"], Unit::Year),
    ]);
    o.extend([("сьогодні", Day(0)), ("вчора", Day(-1)), ("учора", Day(-1)), ("позавчора", Day(-2)), ("завтра", Day(1)), ("післязавтра", Day(2)), ("зараз", Ref("PRESENT_REF")), ("тому", AgoPost)]);
    all(&mut o, &["минулого", "минулому", "минулий", "минулої", "минулій", "минулу"], Last);
    all(&mut o, &["наступного", "наступному", "наступний", "наступної", "наступній", "наступну"], Next);
    all(&mut o, &["цього", "цьому", "цей", "цієї", "цій", "цю", "поточного"], This);
    o
}

fn turkish() -> Vec<(&'static str, C)> {
    let mut o = Vec::new();
    months(&mut o, MONTHS_TR);
    o.extend([("subat", Month(2)), ("mayis", Month(5)), ("agustos", Month(8)), ("eylul", Month(9)), ("kasim", Month(11)), ("aralik", Month(12))]);
    weekdays(&mut o, &[&["pazartesi"], &["salı", "sali"], &["çarşamba", "carsamba"], &["perşembe", "persembe"], &["cuma"], &["cumartesi"], &["pazar"]]);
    numbers(&mut o, &["iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on"], 2);
    o.extend([("bir", Num(1)), ("birkaç", Vague)]);
    units(&mut o, &[(&["saat"], Unit::Hour), (&["gün"], Unit::Day), (&["hafta"], Unit::Week), (&["ay"], Unit::Month), (&["yıl", "sene"], Unit::Year)]);
    o.extend([("bugün", Day(0)), ("dün", Day(-1)), ("yarın", Day(1)), ("şimdi", Ref("PRESENT_REF")), ("önce", AgoPost), ("geçen", Last), ("gelecek", Next), ("önümüzdeki", Next), ("bu", This)]);
    o
}

/// The language codes read here.
pub(super) const LANGS: &[&str] = &["es", "fr", "it", "de", "pt", "ru", "uk", "tr"];

type Table = FxHashMap<&'static str, C>;

fn build(words: Vec<(&'static str, C)>) -> Table {
    let mut t = Table::default();
    for (w, c) in words {
        // the first entry of a word wins (a month name before an abbreviation spelt alike)
        t.entry(w).or_insert(c);
    }
    t
}

/// The word table of `lang`, built once; None for a language not read here.
pub(super) fn table(lang: &str) -> Option<&'static Table> {
    static T: [OnceLock<Table>; 8] = [const { OnceLock::new() }; 8];
    let k = LANGS.iter().position(|l| *l == lang)?;
    Some(T[k].get_or_init(|| {
        build(match k {
            0 => spanish(),
            1 => french(),
            2 => italian(),
            3 => german(),
            4 => portuguese(),
            5 => russian(),
            6 => ukrainian(),
            _ => turkish(),
        })
    }))
}

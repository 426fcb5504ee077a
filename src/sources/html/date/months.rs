//! Month names (full, genitive and abbreviated forms) in the languages most
//! often met in news pages. Keys are lowercase, Latin letters folded by `text::fold`
//! (the Turkish dotless i to `i`, marks dropped); a trailing dot is stripped before lookup.

use std::collections::HashMap;
use std::sync::LazyLock;

const MONTHS: [&[&str]; 12] = [
    // January
    &[
        "jan", "januar", "jänner", "janner", "january", "januari", "janvier", "janv", "ocak", "oca",
        "enero", "ene", "janeiro", "gennaio", "gen", "januário", "stycznia", "styczeń", "styczen",
        "sty", "ledna", "leden", "led", "januára", "január", "janu", "ianuarie", "ian", "tammikuuta",
        "tammikuu", "tammi", "januar", "siječnja", "siječanj", "sausio", "janvāris", "jaanuar",
        "январь", "января", "янв", "січня", "січень", "січ", "студзеня", "ιανουαρίου", "ιανουάριος",
        "ιαν", "januára", "gener", "urtarrila", "xaneiro", "jän",
    ],
    &[
        "feb", "februar", "feber", "february", "februari", "février", "fevrier", "févr", "fevr",
        "fév", "şubat", "subat", "şub", "sub", "febrero", "fevereiro", "fev", "febbraio", "lutego",
        "luty", "lut", "února", "únor", "úno", "februára", "február", "febr", "februarie", "helmikuuta",
        "helmikuu", "helmi", "veljače", "veljača", "vasario", "februāris", "veebruar", "февраль",
        "февраля", "фев", "февр", "лютого", "лютий", "лют", "лютага", "φεβρουαρίου", "φεβρουάριος",
        "φεβ", "febrer", "otsaila", "febreiro",
    ],
    &[
        "mar", "mär", "märz", "maerz", "marz", "mrz", "march", "maret", "mart", "mars", "marzo",
        "março", "marco", "marca", "marzec", "mar", "března", "březen", "bře", "marca", "március",
        "márc", "martie", "maaliskuuta", "maaliskuu", "maalis", "ožujka", "ožujak", "kovo", "marts",
        "maart", "mrt", "märts", "март", "марта", "мар", "березня", "березень", "бер", "сакавіка",
        "μαρτίου", "μάρτιος", "μαρ", "març", "martxoa", "marzal",
    ],
    &[
        "apr", "april", "avril", "avr", "nisan", "nis", "abril", "abr", "aprile", "kwietnia",
        "kwiecień", "kwiecien", "kwi", "dubna", "duben", "dub", "apríla", "április", "ápr", "aprilie",
        "huhtikuuta", "huhtikuu", "huhti", "travnja", "travanj", "balandžio", "aprīlis", "aprill",
        "апрель", "апреля", "апр", "квітня", "квітень", "квіт", "кві", "красавіка", "απριλίου",
        "απρίλιος", "απρ", "apirila",
    ],
    &[
        "may", "mai", "mei", "mayıs", "mayis", "mayo", "maio", "maggio", "mag", "maja", "maj",
        "května", "květen", "kvě", "mája", "május", "máj", "mai", "toukokuuta", "toukokuu", "touko",
        "svibnja", "svibanj", "gegužės", "maijs", "май", "мая", "травня", "травень", "трав", "тра",
        "траўня", "μαΐου", "μαϊου", "μάιος", "μαι", "maig", "maiatza",
    ],
    &[
        "jun", "juni", "june", "juin", "haziran", "haz", "junio", "junho", "giugno", "giu", "czerwca",
        "czerwiec", "cze", "června", "červen", "čvn", "júna", "június", "jún", "iunie", "kesäkuuta",
        "kesäkuu", "kesä", "lipnja", "lipanj", "birželio", "jūnijs", "juuni", "июнь", "июня", "июн",
        "червня", "червень", "черв", "чер", "чэрвеня", "ιουνίου", "ιούνιος", "ιουν", "juny", "ekaina",
        "xuño",
    ],
    &[
        "jul", "juli", "july", "juillet", "juil", "temmuz", "tem", "julio", "julho", "luglio", "lug",
        "lipca", "lipiec", "lip", "července", "červenec", "čvc", "júla", "július", "júl", "iulie",
        "heinäkuuta", "heinäkuu", "heinä", "srpnja", "srpanj", "liepos", "jūlijs", "juuli", "июль",
        "июля", "июл", "липня", "липень", "лип", "ліпеня", "ιουλίου", "ιούλιος", "ιουλ", "juliol",
        "uztaila", "xullo",
    ],
    &[
        "aug", "august", "agustus", "ağustos", "agustos", "ağu", "agu", "aout", "août", "agosto",
        "ago", "sierpnia", "sierpień", "sierpien", "sie", "srpna", "srpen", "srp", "augusta",
        "augusztus", "aug", "elokuuta", "elokuu", "elo", "kolovoza", "kolovoz", "rugpjūčio", "augusts",
        "augustus", "augusti", "август", "августа", "авг", "серпня", "серпень", "серп", "сер",
        "жніўня", "αυγούστου", "αύγουστος", "αυγ", "agost", "abuztua",
    ],
    &[
        "sep", "sept", "september", "septembre", "eylül", "eylul", "eyl", "septiembre", "setiembre",
        "setembro", "settembre", "września", "wrzesień", "wrzesien", "wrz", "září", "zář",
        "septembra", "szeptember", "szept", "septembrie", "syyskuuta", "syyskuu", "syys", "rujna",
        "rujan", "rugsėjo", "septembris", "septembre", "сентябрь", "сентября", "сен", "сент",
        "вересня", "вересень", "вер", "верасня", "σεπτεμβρίου", "σεπτέμβριος", "σεπ", "setembre",
        "iraila", "setembro",
    ],
    &[
        "oct", "oktober", "october", "octobre", "okt", "ekim", "eki", "octubre", "outubro",
        "ottobre", "ott", "października", "październik", "pazdziernika", "paź", "října", "říjen",
        "říj", "októbra", "október", "okt", "octombrie", "lokakuuta", "lokakuu", "loka", "listopada",
        "spalio", "oktobris", "oktoober", "октябрь", "октября", "окт", "жовтня", "жовтень", "жовт",
        "жов", "кастрычніка", "οκτωβρίου", "οκτώβριος", "οκτ", "octubre", "urria", "outubro",
    ],
    &[
        "nov", "november", "kasım", "kasim", "kas", "novembre", "noviembre", "novembro", "listopada",
        "listopad", "lis", "listopadu", "novembra", "noiembrie", "marraskuuta", "marraskuu", "marras",
        "studenoga", "studeni", "lapkričio", "novembris", "ноябрь", "ноября", "ноя", "нояб",
        "листопада", "листопад", "лист", "лис", "лістапада", "νοεμβρίου", "νοέμβριος", "νοε",
        "novembre", "azaroa",
    ],
    &[
        "dec", "dez", "dezember", "december", "desember", "décembre", "decembre", "déc", "aralık",
        "aralik", "ara", "diciembre", "dic", "dezembro", "dicembre", "grudnia", "grudzień", "grudzien",
        "gru", "prosince", "prosinec", "decembra", "decembrie", "joulukuuta", "joulukuu",
        "joulu", "prosinca", "prosinac", "gruodžio", "decembris", "detsember", "декабрь", "декабря",
        "дек", "грудня", "грудень", "груд", "гру", "снежня", "δεκεμβρίου", "δεκέμβριος", "δεκ",
        "desembre", "abendua", "decembro",
    ],
];

const ARABIC: [&[&str]; 12] = [
    &["يناير"],
    &["فبراير", "شباط"],
    &["مارس", "آذار"],
    &["أبريل", "ابريل", "إبريل", "نيسان"],
    &["مايو", "أيار"],
    &["يونيو", "يونيه", "حزيران"],
    &["يوليو", "يوليه", "تموز"],
    &["أغسطس", "اغسطس"],
    &["سبتمبر", "أيلول"],
    &["أكتوبر", "اكتوبر"],
    &["نوفمبر"],
    &["ديسمبر"],
];

/// `text::fold` of the Latin letters (ı and İ to i, marks dropped: "März" and "marz" are one
/// key); other scripts are only lower-cased, as their month names are listed in their own
/// script: transliterated, a Russian "лед" (ice) would read as the Czech "led" (January).
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c as u32, 0..=0x24F | 0x1E00..=0x1EFF) {
            crate::text::fold_char(c, &mut s);
        } else {
            s.extend(c.to_lowercase());
        }
    }
    s
}

static TABLE: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (i, names) in MONTHS.iter().enumerate() {
        for n in names.iter() {
            // first language listed wins on collisions ("mar" stays March)
            m.entry(fold(n)).or_insert(i as u32 + 1);
        }
    }
    // Arabic (Egyptian/Gulf and Levantine single-word names)
    for (i, names) in ARABIC.iter().enumerate() {
        for n in names.iter() {
            m.entry(fold(n)).or_insert(i as u32 + 1);
        }
    }
    // collisions resolved explicitly: Czech/Croatian "listopad(a)" is
    // November in Czech/Polish; Croatian uses "studeni" for November and
    // "listopada" for October — keep the more frequent (November).
    m.insert("listopada".into(), 11);
    m.insert("listopad".into(), 11);
    m
});

/// Month number for a (possibly abbreviated, possibly dotted) month name.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.chars().count() < 3 {
        return None;
    }
    TABLE.get(&fold(w)).copied()
}

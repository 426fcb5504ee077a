//! The segmenter's tables for the languages beside English: Spanish, French, Italian, German,
//! Portuguese, Russian, Ukrainian and Turkish ([`super::sentences::Rules`]). Words are
//! written as the tokeniser normalises them: lower case (Turkish İ and ı as i), no dot.
//!
//! Each table holds what a newspaper in the language abbreviates — titles before names
//! ("Sr.", "Mme", "Dott.", "г-н" needs none), abbreviations before numbers ("núm.", "Nr.",
//! "ст."), and the rest ("etc.", "z. B.", "т. е.", "vb.") — and the words that often open a
//! sentence and are rarely names, which tell whether a full stop after an abbreviation or an
//! initial ends the sentence. Figures: `storyline eval sentences` (UD treebanks per
//! language).

use super::sentences::Rules;

/// Words after "a.m."/"p.m." never matter outside English.
const NO_TIME_FOLLOWERS: &[&str] = &[];

pub static SPANISH: Rules = Rules {
    titles: &["mr", "mrs", "sr", "sra", "sres", "sras", "srta", "d", "dña", "dr", "dra", "lic", "ing", "prof", "gral", "cnel", "tte", "sto", "sta", "fr", "mons", "excmo", "excma", "ilmo", "arq", "sor", "pbro"],
    before_numbers: &["n", "nº", "núm", "nro", "pág", "págs", "art", "arts", "cap", "vol", "tel", "p", "pp", "av", "avda", "km", "fig"],
    other: &["etc", "aprox", "dpto", "depto", "cía", "vs", "ej", "ee", "uu", "cfr", "ca", "min", "máx", "mín", "hnos", "ud", "uds", "vd", "vds", "n", "a", "c"],
    starters: &[
        "el", "la", "los", "las", "un", "una", "unos", "unas", "en", "de", "por", "para", "con", "sin", "pero", "y", "o", "si", "cuando", "como", "este",
        "esta", "estos", "estas", "ese", "esa", "eso", "esto", "aquel", "su", "sus", "mi", "él", "ella", "ellos", "ellas", "yo", "nosotros", "se", "no",
        "sí", "también", "sin", "además", "hoy", "ayer", "según", "tras", "después", "antes", "desde", "durante", "entre", "hasta", "al", "del", "lo",
        "le", "les", "que", "qué", "quien", "quién", "cómo", "dónde", "es", "fue", "son", "hay", "ha", "había", "otro", "otra", "otros", "todos",
        "todo", "cada", "muchos", "algunos", "uno", "dos", "tres", "ante", "aunque", "mientras", "así", "entonces", "ahora", "luego", "asimismo",
        "a", "ni", "sobre", "más", "muy", "ya", "allí", "aquí", "nadie", "nunca", "cuando", "porque", "pues",
    ],
    speech_verbs: &["dijo", "afirmó", "declaró", "añadió", "explicó", "aseguró", "señaló", "preguntó", "respondió", "indicó", "agregó", "dice", "escribió", "advirtió"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

pub static FRENCH: Rules = Rules {
    titles: &["mr", "mrs", "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste", "gén", "gal", "col", "cdt", "lt", "sgt", "prés", "ms"],
    before_numbers: &["n", "no", "nº", "p", "pp", "art", "vol", "chap", "t", "tél", "fig", "éd", "nos"],
    other: &["etc", "env", "cf", "ex", "ibid", "vs", "apr", "av", "bd", "boul", "hab", "km", "min", "max", "sq", "éd", "c", "j", "coll", "dir", "fév", "janv", "avr", "juil", "sept", "oct", "nov", "déc"],
    starters: &[
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "en", "dans", "pour", "par", "sur", "avec", "sans", "mais", "et", "ou", "si",
        "quand", "comme", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j", "son", "sa", "ses", "leur",
        "leurs", "selon", "après", "avant", "depuis", "pendant", "entre", "aujourd", "hier", "demain", "cependant", "pourtant", "ainsi", "alors",
        "puis", "enfin", "aussi", "toutefois", "c", "à", "au", "aux", "qui", "que", "qu", "quoi", "où", "tous", "tout", "chaque", "plusieurs",
        "certains", "ne", "non", "oui", "lors", "dès", "malgré", "bien", "il", "y", "mon", "ma", "mes", "notre", "votre", "s", "n", "sous", "vers",
    ],
    speech_verbs: &["dit", "a", "déclare", "déclaré", "affirme", "affirmé", "ajoute", "ajouté", "explique", "expliqué", "demande", "répond", "souligne", "estime", "lance", "assure", "indique", "précise", "écrit"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

pub static ITALIAN: Rules = Rules {
    titles: &["mr", "mrs", "sig", "sigg", "sigra", "dott", "dr", "prof", "avv", "ing", "on", "sen", "gen", "col", "mons", "cav", "arch", "rag", "geom", "sr", "p", "fra", "magg", "ten", "cap", "dott.ssa"],
    before_numbers: &["n", "nr", "art", "artt", "pag", "pagg", "p", "pp", "cap", "vol", "tel", "fig", "lett", "co", "par"],
    other: &["ecc", "etc", "ca", "cfr", "es", "vs", "sec", "secc", "km", "mln", "mld", "min", "max", "spa", "c", "a", "d", "ss", "segg", "cit", "op", "trad"],
    starters: &[
        "il", "lo", "la", "i", "gli", "le", "l", "un", "uno", "una", "in", "di", "da", "per", "con", "su", "tra", "fra", "ma", "e", "o", "se", "quando",
        "come", "questo", "questa", "questi", "queste", "quello", "quella", "egli", "lui", "lei", "loro", "noi", "voi", "io", "si", "non", "anche",
        "però", "tuttavia", "inoltre", "oggi", "ieri", "domani", "secondo", "dopo", "prima", "durante", "nel", "nella", "nei", "nelle", "del", "della",
        "al", "alla", "è", "c", "ci", "chi", "cosa", "dove", "perché", "tutti", "ogni", "alcuni", "molti", "ecco", "così", "allora", "poi", "già",
        "mentre", "ed", "sono", "ha", "hanno", "era", "dal", "dalla", "sul", "sulla", "qui", "qua", "nessuno", "mai", "ora", "adesso",
    ],
    speech_verbs: &["ha", "dice", "disse", "afferma", "spiega", "aggiunge", "dichiara", "chiede", "risponde", "sottolinea", "osserva", "conclude", "commenta"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

pub static GERMAN: Rules = Rules {
    titles: &["mr", "mrs", "hr", "hrn", "fr", "dr", "prof", "st", "hl", "dipl", "ing", "mag", "frl", "gen", "oberst", "bgm", "min"],
    before_numbers: &["nr", "s", "abs", "art", "bd", "bde", "tel", "ziff", "kap", "abb", "tab", "anm", "fn", "az", "str"],
    other: &[
        "z", "b", "bzw", "ca", "usw", "vgl", "ggf", "evtl", "inkl", "zzgl", "exkl", "u", "a", "d", "h", "o", "ä", "sog", "bzgl", "etc", "mio",
        "mrd", "tsd", "std", "min", "max", "jh", "jhd", "jhs", "str", "gegr", "geb", "gest", "verh", "ehem", "dt", "engl", "franz", "ital", "span",
        "russ", "türk", "bspw", "insb", "v", "chr", "n", "i", "r", "mind", "stv", "allg", "entspr", "gem", "einschl", "zt", "ua", "uä", "usf",
        "jan", "feb", "febr", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "mo", "di", "mi", "do", "sa", "so", "e", "v", "m",
    ],
    starters: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "er", "sie", "es", "wir", "ich", "ihr", "man", "und",
        "aber", "doch", "denn", "oder", "in", "im", "am", "an", "auf", "aus", "bei", "mit", "nach", "seit", "von", "vom", "zu", "zum", "zur", "für",
        "um", "über", "unter", "vor", "wie", "wenn", "als", "ob", "dass", "daß", "da", "so", "auch", "noch", "nur", "schon", "dann", "jetzt",
        "heute", "gestern", "morgen", "dies", "diese", "dieser", "dieses", "sein", "seine", "ihre", "nicht", "kein", "keine", "was", "wer", "wo",
        "warum", "alle", "viele", "hier", "dort", "damit", "trotz", "während", "laut", "bis", "gegen", "ohne", "zudem", "außerdem", "allerdings",
        "jedoch", "deshalb", "daher", "dabei", "danach", "dazu", "mehr", "ist", "war", "sind", "hat", "haben", "wird", "werden", "kann", "soll",
    ],
    speech_verbs: &["sagte", "sagt", "erklärte", "betonte", "fragte", "meinte", "schrieb", "fügte", "teilte", "so", "sagten", "antwortete", "warnte"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: true,
    semicolon_ends: true,
};

pub static PORTUGUESE: Rules = Rules {
    titles: &["mr", "mrs", "sr", "sra", "srs", "sras", "srta", "dr", "dra", "drs", "prof", "profa", "eng", "gen", "cel", "d", "dom", "sto", "sta", "exmo", "exma", "pe", "fr", "ten", "cap", "cmte", "dep", "sen", "min", "pres", "gov"],
    before_numbers: &["n", "nº", "núm", "pág", "págs", "art", "arts", "cap", "vol", "tel", "p", "pp", "av", "km", "fig", "inc", "al"],
    other: &["etc", "ex", "cf", "aprox", "lda", "cia", "ltda", "vs", "máx", "mín", "min", "max", "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez", "a", "c", "s"],
    starters: &[
        "o", "a", "os", "as", "um", "uma", "uns", "umas", "em", "no", "na", "nos", "nas", "de", "do", "da", "dos", "das", "por", "pelo", "pela",
        "para", "com", "sem", "mas", "e", "ou", "se", "quando", "como", "este", "esta", "esse", "essa", "isso", "isto", "aquele", "ele", "ela",
        "eles", "elas", "eu", "nós", "você", "seu", "sua", "não", "sim", "também", "porém", "contudo", "além", "hoje", "ontem", "amanhã",
        "segundo", "após", "depois", "antes", "desde", "durante", "entre", "até", "ao", "aos", "à", "que", "quem", "onde", "é", "foi", "há",
        "outro", "outra", "todos", "cada", "muitos", "alguns", "ainda", "já", "então", "agora", "assim", "mais", "muito", "nunca", "ninguém",
    ],
    speech_verbs: &["disse", "afirmou", "declarou", "acrescentou", "explicou", "garantiu", "perguntou", "respondeu", "sublinhou", "diz", "escreveu", "adiantou"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

/// Russian and Ukrainian share their abbreviations' shape; each has its own words.
pub static RUSSIAN: Rules = Rules {
    titles: &["г", "гн", "тов", "проф", "акад", "ген", "им", "св", "ул", "пр", "просп", "пер", "пл", "д", "обл", "респ", "с", "пос", "дер", "м"],
    before_numbers: &["ст", "п", "ч", "стр", "рис", "табл", "гл", "т", "с", "д", "кв", "корп", "тел", "№"],
    other: &["г", "гг", "т", "е", "д", "п", "др", "пр", "см", "тыс", "руб", "коп", "долл", "млн", "млрд", "вв", "в", "н", "э", "сек", "мин", "км", "кг", "ок", "р", "и", "л", "ср", "напр", "англ", "нем", "франц", "рус", "укр", "янв", "фев", "февр", "мар", "апр", "авг", "сент", "окт", "нояб", "дек"],
    starters: &[
        "в", "во", "на", "с", "со", "по", "к", "о", "об", "от", "до", "из", "за", "для", "при", "после", "но", "и", "а", "или", "если", "когда",
        "как", "это", "этот", "эта", "эти", "он", "она", "они", "оно", "мы", "я", "вы", "его", "ее", "её", "их", "не", "также", "однако", "кроме",
        "сегодня", "вчера", "завтра", "у", "что", "кто", "где", "почему", "все", "каждый", "многие", "так", "там", "тогда", "теперь", "уже",
        "ещё", "еще", "между", "согласно", "по", "при", "ни", "нет", "да", "то", "тот", "та", "те", "этого", "этом", "в", "позже", "ранее",
    ],
    speech_verbs: &["сказал", "сказала", "заявил", "заявила", "добавил", "отметил", "отметила", "подчеркнул", "спросил", "ответил", "написал", "пояснил", "говорит"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

pub static UKRAINIAN: Rules = Rules {
    titles: &["м", "с", "смт", "вул", "просп", "пров", "пл", "обл", "проф", "акад", "ген", "ім", "св", "д", "пан", "п"],
    before_numbers: &["ст", "п", "ч", "стор", "с", "рис", "табл", "гл", "т", "д", "кв", "тел", "№"],
    other: &["р", "рр", "т", "ін", "і", "д", "п", "др", "див", "тис", "грн", "коп", "дол", "млн", "млрд", "ст", "н", "е", "сек", "хв", "км", "кг", "бл", "напр", "англ", "нім", "рос", "укр", "січ", "лют", "бер", "квіт", "трав", "черв", "лип", "серп", "вер", "жовт", "лист", "груд", "ц", "й"],
    starters: &[
        "в", "у", "на", "з", "із", "зі", "по", "до", "від", "за", "для", "при", "після", "але", "і", "й", "та", "а", "або", "якщо", "коли", "як",
        "це", "цей", "ця", "ці", "він", "вона", "вони", "воно", "ми", "я", "ви", "його", "її", "їх", "не", "також", "однак", "проте", "крім",
        "сьогодні", "вчора", "завтра", "що", "хто", "де", "чому", "всі", "усі", "кожен", "багато", "так", "там", "тоді", "тепер", "вже", "ще",
        "між", "згідно", "ні", "немає", "так", "то", "той", "та", "ті", "цього", "цьому", "пізніше", "раніше", "адже", "отже", "тому",
    ],
    speech_verbs: &["сказав", "сказала", "заявив", "заявила", "додав", "додала", "зазначив", "зазначила", "наголосив", "запитав", "відповів", "написав", "пояснив", "каже"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

pub static TURKISH: Rules = Rules {
    titles: &["dr", "prof", "doç", "av", "yrd", "sn", "op", "uzm", "müh", "org", "korg", "tümg", "tuğg", "alb", "yzb", "ütğm", "öğr", "gör", "hz", "st"],
    before_numbers: &["no", "s", "sy", "md", "yy", "tel", "nr", "c", "bkz"],
    other: &["vb", "vs", "bkz", "cad", "sok", "mah", "yy", "alm", "ing", "fr", "ar", "lat", "ö", "m", "krş", "age", "a", "g", "e", "sf", "tic", "ltd", "şti", "aş", "as", "km", "kg", "min", "max", "ocak", "şub", "mar", "nis", "haz", "tem", "ağu", "eyl", "ekim", "kas", "ara"],
    starters: &[
        "bu", "şu", "o", "bir", "ve", "ama", "fakat", "ancak", "ile", "için", "gibi", "ben", "sen", "biz", "siz", "onlar", "da", "de", "ne", "her",
        "çok", "bazi", "bazı", "daha", "en", "hem", "ya", "eğer", "çünkü", "sonra", "önce", "şimdi", "bugün", "dün", "yarın", "ayrica", "ayrıca",
        "öte", "böylece", "yani", "kim", "nasil", "nasıl", "neden", "nerede", "hangi", "tüm", "bütün", "iki", "üç", "son", "ilk", "yine", "artık",
        "öyle", "böyle", "zaten", "hatta", "oysa", "ise", "kimse", "hiç", "hiçbir", "bunun", "bunu", "buna", "onun", "onu", "ona", "işte",
    ],
    speech_verbs: &["dedi", "diye", "söyledi", "belirtti", "açıkladı", "ifade", "vurguladı", "sordu", "yanıtladı", "ekledi"],
    places: &[],
    time_followers: NO_TIME_FOLLOWERS,
    ordinals: false,
    semicolon_ends: true,
};

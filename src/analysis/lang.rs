//! Language identification with `whatlang` (trigram profiles compiled into the binary, no
//! model files): small and fast, and reliable on article-length text. Short or ambiguous
//! texts get no language rather than a guess.
//!
//! Plain English is told first by its commonest words ([`plainly_english`]), as whatlang's
//! trigram scoring of a 2 KB sample cost about 1.2 M instructions an article: 677 M of the
//! 11,008 M of ingesting 580 Timeline17 articles (callgrind). On every article of the eval
//! sets (the test `the_shortcut_agrees_with_whatlang` counts them) the two agree.

/// Detect the language of a text: ISO 639-1 code where one exists ("en"), else 639-3.
pub fn detect(text: &str) -> Option<String> {
    // A few KB are plenty, and keep detection cheap on long texts.
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if crate::text::split_whitespace(sample).take(4).count() < 4 {
        return None;
    }
    if plainly_english(sample) {
        return Some("en".to_string());
    }
    trigrams(sample)
}

/// whatlang's reading of a sample.
fn trigrams(sample: &str) -> Option<String> {
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso639_1(info.lang().code()).unwrap_or(info.lang().code()).to_string())
}

/// Words frequent in English news and rare in the other languages storyline reads ("was" and
/// "of" are German and Dutch words too, but never this frequent there, and never beside "the").
const ENGLISH: [&str; 26] = [
    "the", "of", "and", "to", "that", "with", "for", "said", "from", "have", "has", "were", "which", "this", "they", "their",
    "would", "been", "after", "not", "its", "his", "by", "was", "who", "are",
];

/// At least 40 words, a fifth of them from [`ENGLISH`], "the" one word in forty or more, and at
/// most one word in fifty with a letter outside ASCII: English news, whatever the trigrams say.
fn plainly_english(sample: &str) -> bool {
    let (words, common, the, foreign) = english_counts(sample);
    words >= 40 && common * 5 >= words && the * 40 >= words && foreign * 50 <= words
}

/// A sample's words, those of them from [`ENGLISH`], its "the"s, and its words with a letter
/// outside ASCII.
fn english_counts(sample: &str) -> (usize, usize, usize, usize) {
    let (mut words, mut common, mut the, mut foreign) = (0usize, 0usize, 0usize, 0usize);
    // The words are the runs of alphanumeric chars with a letter (`split` on the other chars,
    // as before), read byte by byte where the text is ASCII: splitting by a char predicate
    // was some 40 instructions a byte (callgrind)
    let b = sample.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let s = i;
        let (mut alpha, mut ascii) = (false, true);
        while i < n {
            let c = b[i];
            if c < 0x80 {
                if !c.is_ascii_alphanumeric() {
                    break;
                }
                alpha |= c.is_ascii_alphabetic();
                i += 1;
            } else {
                let ch = sample[i..].chars().next().unwrap_or(' ');
                if !ch.is_alphanumeric() {
                    break;
                }
                alpha |= ch.is_alphabetic();
                ascii = false;
                i += ch.len_utf8();
            }
        }
        let w = &b[s..i];
        // past the separator that ended the run
        if i < n {
            i += if b[i] < 0x80 { 1 } else { sample[i..].chars().next().map_or(1, char::len_utf8) };
        }
        if !alpha {
            continue;
        }
        words += 1;
        if !ascii {
            foreign += 1;
            continue;
        }
        // no word of ENGLISH is longer than five letters: a longer word is none of them, and a
        // shorter one is lower-cased on the stack (a String per word cost more than the test)
        if w.len() > 5 {
            continue;
        }
        let mut buf = [0u8; 5];
        buf[..w.len()].copy_from_slice(w);
        buf.make_ascii_lowercase();
        let lower = &buf[..w.len()];
        if ENGLISH.iter().any(|e| e.as_bytes() == lower) {
            common += 1;
            the += usize::from(lower == b"the");
        }
    }
    (words, common, the, foreign)
}

/// Normalise a language tag from metadata ("en-US", "EN", "eng", "en_GB") to the code
/// storyline uses ("en"). None for empty or malformed tags.
pub fn normalise_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_', ',', ';', ' ']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(match primary.len() {
        3 => iso639_1(&primary).unwrap_or(&primary).to_string(),
        _ => primary,
    })
}

/// ISO 639-3 → 639-1 for the languages whatlang knows.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "eng" => "en", "rus" => "ru", "ukr" => "uk", "tur" => "tr", "deu" => "de", "fra" => "fr",
        "spa" => "es", "por" => "pt", "ita" => "it", "pol" => "pl", "nld" => "nl", "ara" => "ar",
        "cmn" => "zh", "jpn" => "ja", "kor" => "ko", "hin" => "hi", "ben" => "bn", "ell" => "el",
        "heb" => "he", "ces" => "cs", "slk" => "sk", "slv" => "sl", "hrv" => "hr", "srp" => "sr",
        "bul" => "bg", "ron" => "ro", "hun" => "hu", "fin" => "fi", "swe" => "sv", "dan" => "da",
        "nob" => "nb", "est" => "et", "lav" => "lv", "lit" => "lt", "bel" => "be", "kat" => "ka",
        "hye" => "hy", "aze" => "az", "kaz" => "kk", "uzb" => "uz", "pes" => "fa", "urd" => "ur",
        "ind" => "id", "vie" => "vi", "tha" => "th", "tgl" => "tl", "cat" => "ca", "epo" => "eo",
        "afr" => "af", "lat" => "la", "mkd" => "mk", "tam" => "ta", "tel" => "te", "mar" => "mr",
        "guj" => "gu", "kan" => "kn", "mal" => "ml", "pan" => "pa", "nep" => "ne", "sin" => "si",
        "amh" => "am", "yid" => "yi", "zul" => "zu", "sna" => "sn", "jav" => "jv", "khm" => "km",
        "mya" => "my", "ori" => "or", "aka" => "ak", "tuk" => "tk", "lin" => "ln",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_ukrainian() {
        assert_eq!(detect("Türkiye on Friday proposed to host a meeting between the American, Russian and Ukrainian leaders in an effort to push toward a peace agreement.").as_deref(), Some("en"));
        assert_eq!(detect("Туреччина в п'ятницю запропонувала провести зустріч між американським, російським та українським лідерами.").as_deref(), Some("uk"));
        assert_eq!(detect("Kyiv"), None);
    }

    #[test]
    fn the_common_words_fit_the_stack_buffer() {
        // `plainly_english` skips words longer than five letters and lower-cases the rest in five bytes
        assert!(ENGLISH.iter().all(|w| w.len() <= 5 && w.bytes().all(|b| b.is_ascii_lowercase())));
        let shouting = "THE MAYOR OF THE CITY SAID THAT THE TALKS WITH THE UNION WERE OVER AFTER THE VOTE, AND THE WORKERS WHO HAVE BEEN ON STRIKE FOR THREE WEEKS WOULD RETURN TO THEIR JOBS, WHICH THEY HAD LEFT IN MAY; THE UNION SAID ITS MEMBERS ARE NOT HAPPY BUT WILL ACCEPT THE DEAL.";
        assert!(plainly_english(shouting));
    }

    #[test]
    fn plain_english_is_told_by_its_words_and_nothing_else_is() {
        let en = "Ukrainian President Volodymyr Zelensky has extended an invitation to Russian President Vladimir Putin for a face-to-face meeting in Turkey this Thursday, expressing willingness to personally engage in peace talks if Moscow is ready to commit to a ceasefire. The last time Putin and Zelensky met in person was in December 2019 during the Paris summit, and the two sides have not held direct talks since March 2022.";
        assert!(plainly_english(en));
        // German, Dutch and French news with a few English names and words
        let de = "Der ukrainische Präsident Wolodymyr Selenskyj hat den russischen Präsidenten Wladimir Putin zu einem persönlichen Treffen in der Türkei am Donnerstag eingeladen. Er sei bereit, an Friedensgesprächen teilzunehmen, wenn Moskau einer Waffenruhe zustimme, sagte er. Was das Weiße Haus dazu sagt, ist noch offen; the New York Times berichtete von Gesprächen.";
        let nl = "De Oekraïense president Zelensky heeft de Russische president Poetin uitgenodigd voor een ontmoeting in Turkije op donderdag. Hij was bereid om deel te nemen aan vredesbesprekingen als Moskou instemt met een staakt-het-vuren, of zo zei hij in een toespraak van zondag aan de pers in Kyiv, en the talks gaan door.";
        let fr = "Le président ukrainien Volodymyr Zelensky a invité le président russe Vladimir Poutine à une rencontre en Turquie jeudi. Il s'est dit prêt à participer à des pourparlers de paix si Moscou accepte un cessez-le-feu, a-t-il déclaré dimanche à Kyiv, alors que the Wall Street Journal évoque des discussions secrètes entre les deux camps.";
        for t in [de, nl, fr] {
            assert!(!plainly_english(t), "{t}");
            assert_ne!(detect(t).as_deref(), Some("en"), "{t}");
        }
        // too short to tell by its words: left to the trigrams
        assert!(!plainly_english("The talks in Istanbul ended after two hours."));
    }

    /// The shortcut gives what whatlang gives, on every article of the eval sets (skipped where
    /// `../shared/eval` is not beside the repo).
    /// The split of `plainly_english` before it read bytes: its counts are the same.
    fn english_counts_by_split(sample: &str) -> (usize, usize, usize, usize) {
        let (mut words, mut common, mut the, mut foreign) = (0, 0, 0, 0);
        for w in sample.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic)) {
            words += 1;
            if !w.is_ascii() {
                foreign += 1;
                continue;
            }
            let lower = w.to_ascii_lowercase();
            if ENGLISH.contains(&lower.as_str()) {
                common += 1;
                the += usize::from(lower == "the");
            }
        }
        (words, common, the, foreign)
    }

    #[test]
    fn reading_bytes_finds_the_words_the_split_found() {
        let texts = [
            "Türkiye on Friday proposed to host a meeting between the American, Russian and Ukrainian leaders in an effort to push toward a peace agreement.",
            "The WHO said 1,200 cases of H1N1—in Mexico, the U.S. and Canada—were confirmed; 6.1% of them in children. Erdoğan's aides, Zelenskyy’s office and the café's owner declined to comment: “It's over,” the owner said.",
            "Туреччина в п'ятницю запропонувала провести зустріч між американським, російським та українським лідерами.",
            "¿Qué pasó? 2009年4月 — Ⅻ ² ③ e\u{301}tude naïve THE Of And, 42 42a a42 …",
        ];
        for t in texts {
            assert_eq!(english_counts(t), english_counts_by_split(t), "{t}");
        }
        assert_eq!(english_counts(texts[1]), (39, 13, 4, 2));
    }

    #[test]
    fn the_shortcut_agrees_with_whatlang() {
        let root = std::env::var("STORYLINE_EVAL").map(std::path::PathBuf::from).unwrap_or_else(|_| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"));
        if !root.is_dir() {
            eprintln!("skipped: no eval data at {} (set STORYLINE_EVAL)", root.display());
            return;
        }
        let mut files = Vec::new();
        for dir in ["tls/articles", "multilingual/articles"] {
            if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
                files.extend(rd.flatten().map(|e| e.path()));
            }
        }
        files.extend(["stories/ecbplus-dev.jsonl", "stories/multinews-dev/articles.jsonl", "quotes/polnear-dev.jsonl", "quotes/polnear-train.jsonl"].map(|f| root.join(f)));
        let (mut seen, mut short, mut differ) = (0, 0, Vec::new());
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "jsonl")) {
            let Ok(data) = std::fs::read_to_string(f) else { continue };
            for line in data.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let Some(text) = v["text"].as_str() else { continue };
                let mut end = text.len().min(2048);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let sample = &text[..end];
                seen += 1;
                if !plainly_english(sample) {
                    short += 1;
                    continue;
                }
                if trigrams(sample).as_deref() != Some("en") {
                    differ.push(format!("{}: {:?}", f.display(), &sample[..sample.len().min(80)]));
                }
            }
        }
        eprintln!("{seen} articles, {} told by their words, {} of them not English to whatlang", seen - short, differ.len());
        assert!(seen > 1000, "{seen}");
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn normalises_tags() {
        assert_eq!(normalise_code("en-US").as_deref(), Some("en"));
        assert_eq!(normalise_code("DE_de").as_deref(), Some("de"));
        assert_eq!(normalise_code("tur").as_deref(), Some("tr"));
        assert_eq!(normalise_code(""), None);
        assert_eq!(normalise_code("x1"), None);
    }
}

//! Language identification with `whatlang` (trigram profiles compiled into the binary, no
//! model files): small and fast, and reliable on article-length text. Short or ambiguous
//! texts get no language rather than a guess.

/// Detect the language of a text: ISO 639-1 code where one exists ("en"), else 639-3.
pub fn detect(text: &str) -> Option<String> {
    // A few KB are plenty, and keep detection cheap on long texts.
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.split_whitespace().count() < 4 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso639_1(info.lang().code()).unwrap_or(info.lang().code()).to_string())
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
    fn normalises_tags() {
        assert_eq!(normalise_code("en-US").as_deref(), Some("en"));
        assert_eq!(normalise_code("DE_de").as_deref(), Some("de"));
        assert_eq!(normalise_code("tur").as_deref(), Some("tr"));
        assert_eq!(normalise_code(""), None);
        assert_eq!(normalise_code("x1"), None);
    }
}

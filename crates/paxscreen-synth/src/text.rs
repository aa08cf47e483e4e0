//! Name text helpers: ICAO 9303 transliteration, comparison keys, surname/given split.

/// ICAO 9303 Part 3 §6 transliteration of one character to upper-case Latin, or
/// `None` for a script we do not transliterate (Arabic, CJK, ...). Latin diacritics use
/// the first recommended form (Ä -> AE, Ñ -> N, Ü -> UE), Cyrillic the Russian column.
pub fn icao_char(c: char) -> Option<&'static str> {
    let up: char = c.to_uppercase().next().unwrap_or(c);
    Some(match up {
        'A'..='Z' => return ascii_str(up),
        'Ä' | 'Æ' => "AE",
        'Å' => "AA",
        'Ö' | 'Ø' | 'Œ' => "OE",
        'Ü' => "UE",
        'ß' | 'ẞ' => "SS",
        'Þ' => "TH",
        'Ĳ' => "IJ",
        'Ð' | 'Đ' | 'Ď' => "D",
        'Ł' => "L",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ā' | 'Ă' | 'Ą' => "A",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'Ĥ' | 'Ħ' | 'Ḥ' => "H",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'Ĵ' => "J",
        'Ķ' => "K",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' => "L",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' | 'Ṣ' => "S",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' | 'Ṭ' => "T",
        'Ù' | 'Ú' | 'Û' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'Ŵ' => "W",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'Ź' | 'Ż' | 'Ž' | 'Ẓ' => "Z",
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' | 'Ґ' => "G",
        'Д' => "D",
        'Е' | 'Ё' | 'Э' | 'Є' => "E",
        'Ж' => "ZH",
        'З' => "Z",
        'И' | 'Й' | 'І' | 'Ї' => "I",
        'К' => "K",
        'Л' => "L",
        'М' => "M",
        'Н' => "N",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' => "U",
        'Ф' => "F",
        'Х' => "KH",
        'Ц' => "TS",
        'Ч' => "CH",
        'Ш' => "SH",
        'Щ' => "SHCH",
        'Ъ' => "IE",
        'Ы' => "Y",
        'Ь' => "",
        'Ю' => "IU",
        'Я' => "IA",
        _ => return None,
    })
}

fn ascii_str(c: char) -> Option<&'static str> {
    const L: [&str; 26] = [
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
        "S", "T", "U", "V", "W", "X", "Y", "Z",
    ];
    Some(L[(c as u8 - b'A') as usize])
}

/// ICAO upper-case Latin form of a name: letters transliterated, apostrophes and
/// modifier letters dropped (ICAO drops them), hyphens and other separators become
/// single spaces. `None` when a character has no ICAO Latin form here (Arabic script).
pub fn icao_upper(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphabetic() {
            out.push_str(icao_char(c)?);
        } else if matches!(
            c,
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BF}' | '\u{02BE}'
        ) {
            // O'NEIL -> ONEIL; ʿAbd -> ABD
        } else if c.is_ascii_digit() {
            // digits in a name are noise (list numbering); drop them
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    let t = out.trim_end().to_string();
    if t.is_empty() {
        None
    } else {
        Some(t)
    }
}

/// Comparison key: ICAO upper-case letters only, no separators. Two names with the same
/// key are "the same name as written" for collision checks.
pub fn letters_key(name: &str) -> String {
    icao_upper(name)
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_uppercase())
        .collect()
}

/// Token-order-free key: sorted ICAO tokens, so "AL-ZAWAHIRI AYMAN" and
/// "Ayman al-Zawahiri" collide.
pub fn sorted_key(name: &str) -> String {
    let up = icao_upper(name).unwrap_or_default();
    let mut toks: Vec<&str> = up.split(' ').filter(|t| !t.is_empty()).collect();
    toks.sort_unstable();
    toks.concat()
}

/// Is the name written in Latin script (possibly with diacritics)?
pub fn is_latin(name: &str) -> bool {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c)))
        && name.chars().any(|c| c.is_alphabetic())
}

/// Connectors that belong with the following token in a surname (`AL QAHTANI`,
/// `BIN LADEN`, `VAN DER BERG`).
pub const PARTICLES: &[&str] = &[
    "AL", "EL", "AD", "AR", "AS", "ASH", "AZ", "ABU", "ABOU", "BIN", "BEN", "IBN", "BINT", "UL",
    "ABD", "ABDUL", "ABDEL", "DE", "DA", "DI", "DEL", "DER", "VAN", "VON", "LA", "LE", "DOS", "DU",
];

/// A person's name split like a travel document: surname (primary identifier) and
/// given names (secondary identifiers), both as written (case kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitName {
    /// Primary identifier.
    pub surname: String,
    /// Secondary identifiers.
    pub given: String,
}

/// Splits a listed full name. OFAC writes `SURNAME, Given Names`; otherwise the last
/// token is the surname, extended backwards over particles so `AL X` / `BIN X` stay
/// together (that is how Arab passports write them).
pub fn split_name(name: &str) -> SplitName {
    let name = name.trim();
    if let Some((s, g)) = name.split_once(',') {
        let (s, g) = (s.trim(), g.trim());
        if !s.is_empty() && !g.is_empty() {
            return SplitName {
                surname: s.to_string(),
                given: g.to_string(),
            };
        }
    }
    let toks: Vec<&str> = name.split_whitespace().collect();
    if toks.len() <= 1 {
        return SplitName {
            surname: name.to_string(),
            given: String::new(),
        };
    }
    // UN style: "Alfonso LIRA SOTELO" marks the family name by upper case. When the
    // name mixes cases, the trailing run of upper-case tokens is the surname.
    let upper =
        |t: &str| t.chars().any(|c| c.is_alphabetic()) && !t.chars().any(|c| c.is_lowercase());
    if toks.iter().any(|t| t.chars().any(|c| c.is_lowercase())) {
        let mut start = toks.len();
        while start > 0 && upper(toks[start - 1]) {
            start -= 1;
        }
        // A lone initial ("Tatiana V CHERNYKH") belongs to the given names.
        while start < toks.len() && toks[start].chars().filter(|c| c.is_alphabetic()).count() < 2 {
            start += 1;
        }
        if start > 0 && start < toks.len() {
            return SplitName {
                surname: toks[start..].join(" "),
                given: toks[..start].join(" "),
            };
        }
    }
    let mut start = toks.len() - 1;
    while start > 1 && PARTICLES.contains(&toks[start - 1].to_uppercase().as_str()) {
        start -= 1;
    }
    SplitName {
        surname: toks[start..].join(" "),
        given: toks[..start].join(" "),
    }
}

/// The ICAO TD3 name field: `SURNAME<<GIVEN<NAMES`, truncated to 39 characters.
pub fn mrz_name_field(surname: &str, given: &str) -> Option<String> {
    let s = icao_upper(surname)?.replace(' ', "<");
    let g = icao_upper(given).unwrap_or_default().replace(' ', "<");
    let mut f = if g.is_empty() { s } else { format!("{s}<<{g}") };
    f.truncate(39);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_forms() {
        assert_eq!(
            icao_upper("Müller-Lüdenscheidt").unwrap(),
            "MUELLER LUEDENSCHEIDT"
        );
        assert_eq!(icao_upper("O'Neil").unwrap(), "ONEIL");
        assert_eq!(icao_upper("Юлия").unwrap(), "IULIIA");
        assert!(icao_upper("محمد").is_none());
        assert_eq!(
            sorted_key("Ayman al-Zawahiri"),
            sorted_key("AL ZAWAHIRI, AYMAN")
        );
    }

    #[test]
    fn splits() {
        let s = split_name("Abu Bakr al Baghdadi");
        assert_eq!(
            (s.surname.as_str(), s.given.as_str()),
            ("al Baghdadi", "Abu Bakr")
        );
        let s = split_name("Alfonso LIRA SOTELO");
        assert_eq!(
            (s.surname.as_str(), s.given.as_str()),
            ("LIRA SOTELO", "Alfonso")
        );
        let s = split_name("Tatiana V CHERNYKH");
        assert_eq!(
            (s.surname.as_str(), s.given.as_str()),
            ("CHERNYKH", "Tatiana V")
        );
        let s = split_name("AL-BAGHDADI, Abu Bakr");
        assert_eq!(s.surname, "AL-BAGHDADI");
        assert_eq!(
            mrz_name_field("Ab", "Cdefghijklmnop Qrstuvwxyzabcdef Ghijklmnopq")
                .unwrap()
                .len(),
            39
        );
    }
}

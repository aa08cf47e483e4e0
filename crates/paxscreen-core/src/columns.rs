//! The warning both CSV readers (travellers, native watchlist) give for header columns
//! they do not read: unknown columns stay allowed so the formats can grow, but are
//! never dropped silently.

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

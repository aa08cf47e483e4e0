//! Names as lists write them: several in one field, in parentheses, with notes.
//! Shared by the UN and OFAC readers.

use crate::collapse_ws;

/// The names an `ALIAS_NAME` holds, each with whether it is the other-script part of an
/// alias with parentheses (no Latin letter). Besides the `;` between names, the list writes:
/// - another rendering in parentheses: `عبدالله السندي (Abdullah Sindhi)`,
///   `حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)`, `Jin Tiesan (金铁三)`: each is a
///   name of its own;
/// - `(original script: Амир Хазмат)`: the original-script name;
/// - one word in parentheses after a word, its other spelling: `Lom-ali Butayev
///   (Butaev)` is also `Lom-ali Butaev`; before the name, a title: `(Sheikh) Musa Hilal`;
/// - notes: `(COMBAT NAME)`, `(birth name)`, `(previously listed as)`, `(third)`,
///   `(false identity related to ... 6910275240086 ...)`, `, born 1 Jan. 1953`,
///   ` born in 1963`: dropped;
/// - names enumerated `a) ... b) ...`, and a stray `)`.
///
/// Read as they stand, these became names such as `Abu Bakr al-Baghdadi)` in hits, and
/// mixed names (`عبدالله السندي (Abdullah Sindhi)`, `EL PARA (COMBAT NAME)`) whose
/// extra tokens kept a traveller named exactly `Abdullah Sindhi` under the threshold.
pub(crate) fn alias_names(text: &str) -> Vec<(String, bool)> {
    alias_names_and_notes(text, &mut Vec::new())
}

/// [`alias_names`], with the notes it drops pushed onto `notes` as `NAME: note`, so
/// that they can go into the entry's remarks instead of vanishing (`EL PARA: COMBAT
/// NAME`).
pub(crate) fn alias_names_and_notes(text: &str, notes: &mut Vec<String>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    // `mixed`: the name came out of an alias that held parentheses, where one part is
    // usually the other script's; a whole alias keeps the list's quality.
    let mut push = |name: &str, mixed: bool| {
        // (A parenthesis or `;` nested in a group, never seen in a list, goes too.)
        let name = name.replace(['(', ')', ';'], " ");
        let name = collapse_ws(name.trim_matches(|c: char| c.is_whitespace() || c == ','));
        // The full stop of a dropped note: `Lt. Col. (Rtd). Abd`.
        let name = name.replace(" . ", " ");
        if name.chars().any(char::is_alphabetic) && !out.iter().any(|(n, _)| *n == name) {
            let script = mixed && !name.chars().any(|c| c.is_ascii_alphabetic());
            out.push((name, script));
        }
    };
    for piece in top_level_pieces(text) {
        // The words outside parentheses, and each group inside with the index of the
        // outside word it follows (None at the start).
        let mut outside = String::new();
        let mut groups: Vec<(Option<usize>, String)> = Vec::new();
        let mut depth = 0usize;
        for c in piece.chars() {
            match c {
                '(' => {
                    if depth == 0 {
                        let words = outside.split_whitespace().count();
                        groups.push((words.checked_sub(1), String::new()));
                        outside.push(' ');
                    } else if let Some(g) = groups.last_mut() {
                        g.1.push(c);
                    }
                    depth += 1;
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth > 0 {
                        if let Some(g) = groups.last_mut() {
                            g.1.push(c);
                        }
                    }
                }
                _ if depth > 0 => {
                    if let Some(g) = groups.last_mut() {
                        g.1.push(c);
                    }
                }
                _ => outside.push(c),
            }
        }
        // A date or place of birth written into the name: `..., born 1 Jan. 1953`,
        // `... born in 1963`.
        let mut dropped: Vec<String> = Vec::new();
        if let Some(at) = [", born ", " born in ", " born on "]
            .iter()
            .filter_map(|m| outside.find(m))
            .min()
        {
            let born = outside[at..].trim_start_matches(',').trim();
            dropped.push(collapse_ws(born));
            outside.truncate(at);
        }
        let words: Vec<&str> = outside.split_whitespace().collect();
        let mut respelled: Vec<String> = Vec::new();
        let mut title: Option<String> = None;
        let mut renderings: Vec<String> = Vec::new();
        let mut script_names: Vec<String> = Vec::new();
        for (after, content) in &groups {
            let content = content.trim();
            if let Some(rest) = content
                .get(..16)
                .filter(|h| h.eq_ignore_ascii_case("original script:"))
                .and_then(|_| content.get(16..))
            {
                script_names.push(rest.to_string());
            } else if is_alias_note(content) {
                if !content.is_empty() {
                    dropped.push(collapse_ws(content));
                }
                continue;
            } else if !content.contains(char::is_whitespace)
                && content.chars().any(|c| c.is_ascii_alphabetic())
                && words.len() >= 2
            {
                match after {
                    // (A word cut off with a `, born ...` has no other spelling.)
                    Some(i) if *i < words.len() => {
                        let mut w: Vec<&str> = words.clone();
                        w[*i] = content;
                        respelled.push(w.join(" "));
                    }
                    Some(_) => {}
                    None => title = Some(content.to_string()),
                }
            } else {
                renderings.extend(top_level_pieces(content));
            }
        }
        let mixed = !groups.is_empty();
        if !dropped.is_empty() {
            notes.push(format!("{}: {}", words.join(" "), dropped.join("; ")));
        }
        match title {
            Some(t) => push(&format!("{t} {}", words.join(" ")), mixed),
            None => push(&words.join(" "), mixed),
        }
        for n in respelled.iter().chain(&renderings).chain(&script_names) {
            push(n, mixed);
        }
    }
    out
}

/// Words that make a parenthesized part of an alias a note about it, not a name.
const ALIAS_NOTE_WORDS: &[&str] = &[
    "name",
    "names",
    "listed",
    "identity",
    "born",
    "birth",
    "passport",
    "third",
    "second",
    "formerly",
    "previously",
    "false",
    "alias",
    "known",
    "combat",
    "nickname",
    "nom",
    "rtd",
    "retd",
    "retired",
];

fn is_alias_note(content: &str) -> bool {
    content.is_empty()
        || content.chars().any(|c| c.is_ascii_digit())
        || content
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ALIAS_NOTE_WORDS.iter().any(|n| w.eq_ignore_ascii_case(n)))
}

/// `text` split at the `;` outside parentheses and at enumeration marks (`b)` with no
/// `(` before it); a `)` without its `(` is dropped.
fn top_level_pieces(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut depth = 0usize;
    for c in text.chars() {
        let cur = pieces.last_mut().expect("never empty");
        match c {
            ';' if depth == 0 => pieces.push(String::new()),
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' if depth == 0 => {
                // `a)` / `b)`: a one-letter word before it marks an enumeration.
                let trimmed = cur.trim_end();
                let mut rev = trimmed.chars().rev();
                let (letter, before) = (rev.next(), rev.next());
                if letter.is_some_and(|l| l.is_ascii_lowercase())
                    && before.is_none_or(char::is_whitespace)
                    && trimmed.len() == cur.len()
                {
                    let keep = trimmed.len() - 1;
                    cur.truncate(keep);
                    pieces.push(String::new());
                }
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            _ => cur.push(c),
        }
    }
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_names_read_the_lists_parentheses_and_notes() {
        let latin = |text: &str| -> Vec<String> {
            alias_names(text)
                .into_iter()
                .map(|(n, script)| if script { format!("[{n}]") } else { n })
                .collect()
        };
        // Every shape the UN list of 2026-05-08 writes.
        for (text, want) in [
            ("A B; C D ;", vec!["A B", "C D"]),
            ("عبدالله السندي (Abdullah Sindhi)", vec!["[عبدالله السندي]", "Abdullah Sindhi"]),
            (
                "أبو بكر البغدادي الحسيني القريشي (Abu Bakr al-Baghdadi al-Husayni al-Quraishi; Abu Bakr al-Baghdadi)",
                vec![
                    "[أبو بكر البغدادي الحسيني القريشي]",
                    "Abu Bakr al-Baghdadi al-Husayni al-Quraishi",
                    "Abu Bakr al-Baghdadi",
                ],
            ),
            ("Ibrahim Hassan Tali Asiri (إبراهيم حسن طالع عسيري)", vec!["Ibrahim Hassan Tali Asiri", "[إبراهيم حسن طالع عسيري]"]),
            ("Jin Tiesan (金铁三)", vec!["Jin Tiesan", "[金铁三]"]),
            ("Amir Khazmat (original script: Амир Хазмат)", vec!["Amir Khazmat", "[Амир Хазмат]"]),
            ("Lom-ali Butayev (Butaev)", vec!["Lom-ali Butayev", "Lom-ali Butaev"]),
            ("(Sheikh) Musa Hilal", vec!["Sheikh Musa Hilal"]),
            ("EL PARA (COMBAT NAME)", vec!["EL PARA"]),
            ("Encep Nurjaman (birth name)", vec!["Encep Nurjaman"]),
            ("Ezatullah Haqqani (previously listed as)", vec!["Ezatullah Haqqani"]),
            ("Hilarion Santos, III (third)", vec!["Hilarion Santos, III"]),
            (
                "Abdel Ilah Sabri (false identity related to fraudulent South African identification number 6910275240086 linked to South African passport number 434021161, both documents have been confiscated)",
                vec!["Abdel Ilah Sabri"],
            ),
            (
                "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239, date of issue 4 May 2014, expiry 3 May 2024.)",
                vec!["Safia Farkash Mohammed Al-Hadad"],
            ),
            (
                "Akhter Mohmad son of Noor Mohmad (اختر محمد ولد نور محمد ),",
                vec!["Akhter Mohmad son of Noor Mohmad", "[اختر محمد ولد نور محمد]"],
            ),
            (
                "Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet; M. Jawad Karimi Sabet",
                vec!["Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet", "M. Jawad Karimi Sabet"],
            ),
            (") Abdelrahman Mouhamad Zafir al Dabissi Juhan", vec!["Abdelrahman Mouhamad Zafir al Dabissi Juhan"]),
            // Unbalanced or empty: nothing lost, nothing panics.
            ("Abu (Bakr", vec!["Abu", "Bakr"]),
            ("Abu Bakr ()", vec!["Abu Bakr"]),
            ("Abu Bakr, born in Kandahar (Bakar)", vec!["Abu Bakr"]),
            ("Mohammad Ishaq Akhund born in 1963", vec!["Mohammad Ishaq Akhund"]),
            // OFAC's, read the same way.
            ("Ahmad (Ahmed) SANTOS", vec!["Ahmad SANTOS", "Ahmed SANTOS"]),
            ("Lt. Col. (Rtd). Abd Manaf KASMURI", vec!["Lt. Col. Abd Manaf KASMURI"]),
            ("((", vec![]),
            ("", vec![]),
        ] {
            assert_eq!(latin(text), want, "{text}");
        }
    }

    #[test]
    fn alias_notes_are_kept_aside() {
        let mut notes = Vec::new();
        for text in [
            "EL PARA (COMBAT NAME)",
            "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239)",
            "Jin Tiesan (金铁三)",
        ] {
            alias_names_and_notes(text, &mut notes);
        }
        assert_eq!(
            notes,
            [
                "EL PARA: COMBAT NAME",
                "Safia Farkash Mohammed Al-Hadad: born 1 Jan. 1953; Oman passport no.03825239"
            ]
        );
    }

    proptest::proptest! {
        /// Any alias text, parentheses and enumerations anywhere: no panic, and every
        /// name out is trimmed, non-empty and free of parentheses.
        #[test]
        fn alias_names_never_panic(text in "[A-Za-z ();,.a-c)0-9\u{627}-\u{64a}]{0,40}") {
            for (name, _) in alias_names(&text) {
                proptest::prop_assert!(!name.is_empty() && name.trim() == name);
                proptest::prop_assert!(!name.contains(['(', ')', ';']), "{text:?} -> {name:?}");
            }
        }
    }
}

//! ICAO Doc 9303 machine readable zones: TD1 (3 x 30), TD2 (2 x 36), TD3 (2 x 44).
//!
//! Check digits (Doc 9303 part 3 §4.9): character values 0-9, A-Z = 10..35, `<` = 0,
//! weights 7, 3, 1 repeating, sum modulo 10. Names (part 3 §4.6): primary identifier,
//! `<<`, secondary identifiers; `<` stands for a space or hyphen.

use crate::util;
use paxscreen_core::{Document, Gender, Traveller};

/// MRZ layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrzKind {
    /// ID card, 3 lines of 30.
    Td1,
    /// 2 lines of 36.
    Td2,
    /// Passport, 2 lines of 44.
    Td3,
}

/// An MRZ that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzError {
    /// Line count or lengths fit no layout.
    #[error("not an MRZ: {0}")]
    Layout(String),
    /// A character outside A-Z, 0-9 and `<`.
    #[error("MRZ line {line}: character {ch:?} not allowed")]
    Character {
        /// 1-based line.
        line: usize,
        /// The character.
        ch: char,
    },
    /// A check digit does not match its field.
    #[error("check digit of {field} is {found:?}, computed {expected}")]
    CheckDigit {
        /// Field covered (`document number`, `date of birth`, `expiry date`,
        /// `optional data`, `composite`).
        field: &'static str,
        /// Digit computed.
        expected: u8,
        /// Character found.
        found: char,
    },
}

fn value(c: char) -> u32 {
    match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A'..='Z' => c as u32 - 'A' as u32 + 10,
        _ => 0,
    }
}

/// ICAO 9303 check digit of a field.
pub fn check_digit(field: &str) -> u8 {
    const W: [u32; 3] = [7, 3, 1];
    (field
        .chars()
        .enumerate()
        .map(|(i, c)| value(c) * W[i % 3])
        .sum::<u32>()
        % 10) as u8
}

fn verify(field: &'static str, data: &str, digit: char) -> Result<(), MrzError> {
    let expected = check_digit(data);
    // `<` in a check position reads as 0 (an empty optional field).
    let found = if digit == '<' {
        0
    } else {
        digit.to_digit(10).map(|d| d as u8).unwrap_or(255)
    };
    if found != expected {
        return Err(MrzError::CheckDigit {
            field,
            expected,
            found: digit,
        });
    }
    Ok(())
}

/// The kind of MRZ for these lines, if the line lengths fit one.
pub fn kind_of(lines: &[&str]) -> Option<MrzKind> {
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    match lens.as_slice() {
        [30, 30, 30] => Some(MrzKind::Td1),
        [36, 36] => Some(MrzKind::Td2),
        [44, 44] => Some(MrzKind::Td3),
        _ => None,
    }
}

/// Is this line made only of MRZ characters, with an MRZ line length?
pub fn is_mrz_line(line: &str) -> bool {
    matches!(line.len(), 30 | 36 | 44)
        && line
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<')
}

fn unfill(s: &str) -> String {
    util::clean(&s.replace('<', " "))
}

fn names(field: &str) -> (String, String) {
    match field.find("<<") {
        Some(i) => (unfill(&field[..i]), unfill(&field[i + 2..])),
        None => (unfill(field), String::new()),
    }
}

/// Parses an MRZ (2 or 3 lines, whitespace around lines ignored) into a traveller:
/// names, date of birth, gender, nationality and the document. Check digits are
/// verified; an unknown nationality code or an impossible date of birth becomes a
/// traveller warning with the field left empty.
pub fn parse_mrz(text: &str) -> Result<Traveller, MrzError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let kind = kind_of(&lines).ok_or_else(|| {
        MrzError::Layout(format!(
            "{} line(s) of length {:?}; expected 3x30, 2x36 or 2x44",
            lines.len(),
            lines.iter().map(|l| l.chars().count()).collect::<Vec<_>>()
        ))
    })?;
    for (i, l) in lines.iter().enumerate() {
        if let Some(ch) = l
            .chars()
            .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<'))
        {
            return Err(MrzError::Character { line: i + 1, ch });
        }
    }
    let c = |l: &str, i: usize| l.as_bytes()[i] as char;
    let (code, issuer, number, nat, dob, sex, name_field);
    match kind {
        MrzKind::Td3 | MrzKind::Td2 => {
            let (l1, l2) = (lines[0], lines[1]);
            let (opt_end, comp) = if kind == MrzKind::Td3 {
                (42, 43)
            } else {
                (35, 35)
            };
            verify("document number", &l2[0..9], c(l2, 9))?;
            verify("date of birth", &l2[13..19], c(l2, 19))?;
            verify("expiry date", &l2[21..27], c(l2, 27))?;
            // Visas (MRV-A 2x44, MRV-B 2x36, document code V) have no optional-data
            // or composite check digit (Doc 9303 part 7).
            let visa = l1.starts_with('V');
            if kind == MrzKind::Td3 && !visa {
                verify("optional data", &l2[28..42], c(l2, 42))?;
            }
            if !visa {
                let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..comp]);
                verify("composite", &composite, c(l2, comp))?;
            }
            let _ = opt_end;
            code = &l1[0..2];
            issuer = &l1[2..5];
            name_field = &l1[5..];
            number = l2[0..9].to_string();
            nat = &l2[10..13];
            dob = &l2[13..19];
            sex = c(l2, 20);
        }
        MrzKind::Td1 => {
            let (l1, l2, l3) = (lines[0], lines[1], lines[2]);
            // Long document numbers: `<` in the check position, the number continues
            // in the optional data up to a `<`, whose last character is the check digit.
            if c(l1, 14) == '<' && c(l1, 15) != '<' {
                let tail: String = l1[15..].chars().take_while(|ch| *ch != '<').collect();
                let (rest, digit) = tail.split_at(tail.len().saturating_sub(1));
                let full = format!("{}{}", &l1[5..14], rest);
                verify(
                    "document number",
                    &full,
                    digit.chars().next().unwrap_or('<'),
                )?;
                number = full;
            } else {
                verify("document number", &l1[5..14], c(l1, 14))?;
                number = l1[5..14].to_string();
            }
            verify("date of birth", &l2[0..6], c(l2, 6))?;
            verify("expiry date", &l2[8..14], c(l2, 14))?;
            let composite = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
            verify("composite", &composite, c(l2, 29))?;
            code = &l1[0..2];
            issuer = &l1[2..5];
            dob = &l2[0..6];
            sex = c(l2, 7);
            nat = &l2[15..18];
            name_field = l3;
        }
    }
    let (surname, given_names) = names(name_field);
    let mut t = Traveller {
        surname,
        given_names,
        ..Traveller::default()
    };
    match util::parse_yymmdd_dob(dob) {
        Ok(d) => t.dob = Some(d),
        Err(e) => t.warnings.push(format!("MRZ {e}")),
    }
    t.gender = Gender::parse(&sex.to_string()).ok();
    match util::country(nat) {
        Ok(n) => t.nationality = Some(n),
        Err(e) => t.warnings.push(format!("MRZ {e}")),
    }
    t.documents.push(Document {
        doc_type: code.trim_end_matches('<').to_string(),
        issuer: util::issuer(issuer),
        number: number.trim_end_matches('<').replace('<', ""),
    });
    Ok(t)
}

/// Splits text into MRZs: lines that are not MRZ lines (comments, blank lines) separate
/// them. Returns (1-based first line, MRZ text) for each run of MRZ lines, or None when
/// any non-blank, non-comment line is not an MRZ line or a run fits no layout.
pub fn split_mrzs(text: &str) -> Option<Vec<(usize, String)>> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, &str)> = Vec::new();
    let close = |run: &mut Vec<(usize, &str)>, out: &mut Vec<(usize, String)>| -> bool {
        if run.is_empty() {
            return true;
        }
        let lines: Vec<&str> = run.iter().map(|x| x.1).collect();
        // A run may hold several MRZs back to back.
        let mut i = 0;
        while i < lines.len() {
            let take = if lines[i].len() == 30 { 3 } else { 2 };
            if i + take > lines.len() || kind_of(&lines[i..i + take]).is_none() {
                return false;
            }
            out.push((run[i].0, lines[i..i + take].join("\n")));
            i += take;
        }
        run.clear();
        true
    };
    for (n, line) in text.lines().enumerate() {
        let l = line.trim().trim_start_matches('\u{FEFF}');
        if l.is_empty() || l.starts_with('#') {
            if !close(&mut run, &mut out) {
                return None;
            }
            continue;
        }
        if !is_mrz_line(l) {
            return None;
        }
        run.push((n + 1, l));
    }
    if !close(&mut run, &mut out) || out.is_empty() {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert_eq!(check_digit("L898902C3"), 6);
        assert_eq!(check_digit("740812"), 2);
        assert_eq!(check_digit("<<<<<<<<<<<<<<"), 0);
    }

    #[test]
    fn td3_specimen() {
        let t = parse_mrz(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        )
        .unwrap();
        assert_eq!(t.surname, "ERIKSSON");
        assert_eq!(t.given_names, "ANNA MARIA");
        assert_eq!(t.dob.unwrap().to_string(), "1974-08-12");
        assert_eq!(t.gender, Some(Gender::F));
        assert_eq!(t.documents[0].number, "L898902C3");
        assert_eq!(t.documents[0].issuer, "UTO");
        assert_eq!(t.documents[0].doc_type, "P");
        // UTO (Utopia) is no real country: a warning, nationality left empty.
        assert!(t.nationality.is_none());
        assert_eq!(t.warnings.len(), 1);
    }

    #[test]
    fn td3_bad_check_digit() {
        let e = parse_mrz(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10",
        )
        .unwrap_err();
        assert!(matches!(
            e,
            MrzError::CheckDigit {
                field: "document number",
                expected: 6,
                ..
            }
        ));
        assert!(e.to_string().contains("document number"));
    }

    #[test]
    fn td2_generated() {
        // TD2 built from the TD3 specimen data with the TD2 composite.
        let l2 = "L898902C36UTO7408122F1204159<<<<<<<";
        let comp = check_digit(&format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..35]));
        let text = format!("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n{l2}{comp}");
        let t = parse_mrz(&text).unwrap();
        assert_eq!(t.surname, "ERIKSSON");
        assert_eq!(t.documents[0].doc_type, "I");
    }

    #[test]
    fn visa_mrv_a_has_no_composite() {
        let l2 = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<<";
        let t = parse_mrz(&format!(
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n{l2}"
        ))
        .unwrap();
        assert_eq!(t.documents[0].doc_type, "V");
        assert_eq!(t.documents[0].number, "L898902C3");
    }

    #[test]
    fn layout_error() {
        assert!(matches!(parse_mrz("ABC"), Err(MrzError::Layout(_))));
        assert!(matches!(
            parse_mrz(&format!("{}\n{}", "p".repeat(44), "<".repeat(44))),
            Err(MrzError::Character { line: 1, .. })
        ));
    }
}

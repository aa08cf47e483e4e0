//! A UN/EDIFACT tokenizer (ISO 9735) driven by the UNA service string advice.
//!
//! The tokenizer turns the bytes of one or more interchanges into [`Segment`]s:
//! tag, data elements, components and (when the UNA declares a repetition
//! separator) repetitions, with release characters resolved. It knows nothing of
//! PAXLST or PNRGOV; [`group_messages`] cuts the segment stream into UNH..UNT
//! messages for the message readers.
//!
//! Real traffic bends the syntax rules (see FORMATS.md §1.2 and §4): the lenient
//! default accepts the known deviations with a warning, `strict` refuses them.

use std::fmt;

/// Service characters (ISO 9735 UNA, data elements 0001..0006 of the service string advice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Separators {
    /// Component data element separator (default `:`).
    pub component: char,
    /// Data element separator (default `+`).
    pub element: char,
    /// Decimal mark (default `.`); not used for splitting.
    pub decimal: char,
    /// Release character (default `?`); `None` when the UNA declares a space.
    pub release: Option<char>,
    /// Repetition separator; only when the UNA declares one that is not a space.
    pub repetition: Option<char>,
    /// Segment terminator (default `'`).
    pub terminator: char,
}

impl Default for Separators {
    /// ISO 9735 defaults `:+.? '`. The syntax-4 default repetition `*` is deliberately
    /// not applied without a UNA: CBP sender ids such as `APIS*C3K` contain `*`.
    fn default() -> Self {
        Separators {
            component: ':',
            element: '+',
            decimal: '.',
            release: Some('?'),
            repetition: None,
            terminator: '\'',
        }
    }
}

/// Tokenizer options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenizerOptions {
    /// Refuse deviations from ISO 9735 that the lenient default accepts with a warning
    /// (missing final terminator, 5-character UNA, non-ASCII service characters, data
    /// after UNZ, non-ASCII bytes in a UNOA/UNOB interchange, release before a line break).
    pub strict: bool,
}

/// One data element: its components, plus further repetitions when the UNA declares
/// a repetition separator and the element uses it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// Components of the (first) occurrence.
    pub components: Vec<String>,
    /// Components of each further repetition.
    pub repetitions: Vec<Vec<String>>,
}

impl Element {
    /// Component `i`, or "" when absent.
    pub fn component(&self, i: usize) -> &str {
        self.components.get(i).map(String::as_str).unwrap_or("")
    }
}

/// One segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Segment tag, upper case, trimmed (`UNG ` reads as `UNG`).
    pub tag: String,
    /// Data elements after the tag.
    pub elements: Vec<Element>,
    /// 1-based number of the segment in the input (UNA not counted).
    pub number: usize,
    /// Byte offset of the segment's first character in the input.
    pub offset: usize,
}

impl Segment {
    /// Component `c` of element `e` (0-based, tag excluded), or "" when absent.
    pub fn get(&self, e: usize, c: usize) -> &str {
        self.elements.get(e).map(|el| el.component(c)).unwrap_or("")
    }

    /// Element `e` (0-based, tag excluded).
    pub fn element(&self, e: usize) -> Option<&Element> {
        self.elements.get(e)
    }

    /// `segment N (byte M)`: where the segment is, for messages.
    pub fn position(&self) -> String {
        format!("segment {} (byte {})", self.number, self.offset)
    }
}

/// Character repertoire declared in UNB (syntax identifier, EDIFACT code list 0001).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// UNOA / UNOB: ISO 646 (ASCII subset).
    Ascii,
    /// UNOC: ISO 8859-1.
    Latin1,
    /// UNOE: ISO 8859-5 (Cyrillic).
    Cyrillic,
    /// IATA/IATB, UNOW/UNOY or unknown: UTF-8 when valid, else Latin-1.
    Utf8OrLatin1,
}

/// A tokenized interchange (or several concatenated ones).
#[derive(Debug, Clone)]
pub struct Interchange {
    /// Separators in force (those of the first interchange).
    pub separators: Separators,
    /// Syntax identifier from UNB (`UNOA`, `IATA`, ...), when present.
    pub syntax: Option<String>,
    /// Every segment, in input order.
    pub segments: Vec<Segment>,
    /// Deviations accepted in lenient mode.
    pub warnings: Vec<String>,
}

/// Input that cannot be tokenized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("segment {segment} (byte {offset}): {reason}")]
pub struct EdifactError {
    /// 1-based segment number where the problem is (0 = before the first segment).
    pub segment: usize,
    /// Byte offset in the input.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

fn err(segment: usize, offset: usize, reason: impl Into<String>) -> EdifactError {
    EdifactError {
        segment,
        offset,
        reason: reason.into(),
    }
}

/// Decoded text: each character with the byte offset where it starts in the input.
type Chars = Vec<(char, usize)>;

/// ISO 8859-5 to Unicode (only 0xA1..=0xFF differ from Latin-1).
fn iso8859_5(b: u8) -> char {
    let cp: u32 = match b {
        0x00..=0xA0 => b as u32,
        0xA1..=0xAC => 0x0401 + (b - 0xA1) as u32,
        0xAD => 0x00AD,
        0xAE..=0xEF => 0x040E + (b - 0xAE) as u32,
        0xF0 => 0x2116,
        0xF1..=0xFC => 0x0451 + (b - 0xF1) as u32,
        0xFD => 0x00A7,
        0xFE..=0xFF => 0x045E + (b - 0xFE) as u32,
    };
    char::from_u32(cp).unwrap_or('\u{FFFD}')
}

/// Charset for a UNB syntax identifier (code list 0001).
pub fn charset_for(syntax: &str) -> Charset {
    match syntax.trim().to_ascii_uppercase().as_str() {
        "UNOA" | "UNOB" => Charset::Ascii,
        // UNOD (8859-2) and UNOF (8859-7) are not decoded specially: Latin-1 keeps the
        // byte values visible and never fails.
        "UNOC" | "UNOD" | "UNOF" => Charset::Latin1,
        "UNOE" => Charset::Cyrillic,
        _ => Charset::Utf8OrLatin1,
    }
}

fn decode(
    bytes: &[u8],
    base: usize,
    charset: Charset,
    opts: TokenizerOptions,
    warnings: &mut Vec<String>,
) -> Result<Chars, EdifactError> {
    let latin1 = |bytes: &[u8]| -> Chars {
        bytes
            .iter()
            .enumerate()
            .map(|(i, &b)| (b as char, base + i))
            .collect()
    };
    match charset {
        Charset::Ascii => {
            if let Some(i) = bytes.iter().position(|b| !b.is_ascii()) {
                if opts.strict {
                    return Err(err(
                        0,
                        base + i,
                        format!(
                            "byte 0x{:02X} is not allowed in a UNOA/UNOB interchange",
                            bytes[i]
                        ),
                    ));
                }
                // Senders that declare UNOA but send UTF-8 are common; real
                // ISO 8859-1 text is almost never valid UTF-8.
                if let Ok(s) = std::str::from_utf8(bytes) {
                    warnings.push(format!(
                        "byte {}: non-ASCII text in a UNOA/UNOB interchange, read as UTF-8",
                        base + i
                    ));
                    return Ok(s.char_indices().map(|(k, c)| (c, base + k)).collect());
                }
                warnings.push(format!(
                    "byte {}: non-ASCII byte 0x{:02X} in a UNOA/UNOB interchange, read as ISO 8859-1",
                    base + i,
                    bytes[i]
                ));
            }
            Ok(latin1(bytes))
        }
        Charset::Latin1 => Ok(latin1(bytes)),
        Charset::Cyrillic => Ok(bytes
            .iter()
            .enumerate()
            .map(|(i, &b)| (iso8859_5(b), base + i))
            .collect()),
        Charset::Utf8OrLatin1 => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.char_indices().map(|(i, c)| (c, base + i)).collect()),
            Err(e) => {
                if opts.strict {
                    return Err(err(
                        0,
                        base + e.valid_up_to(),
                        "invalid UTF-8 in an IATA/UTF-8 interchange",
                    ));
                }
                warnings.push(format!(
                    "byte {}: invalid UTF-8, message read as ISO 8859-1",
                    base + e.valid_up_to()
                ));
                Ok(latin1(bytes))
            }
        },
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{0B}' | '\u{0C}')
}

fn is_line_break(c: char) -> bool {
    c == '\r' || c == '\n'
}

/// Finds the syntax identifier in UNB (`UNB+UNOA:4+...`) from raw bytes.
fn sniff_syntax(bytes: &[u8], seps: &Separators) -> Option<String> {
    let pos = find(bytes, b"UNB")?;
    let rest = &bytes[pos + 3..];
    let mut it = rest.iter().copied().skip_while(|b| *b == b' ');
    let first = it.next()?;
    if first as char != seps.element {
        return None;
    }
    let id: Vec<u8> = it
        .take_while(|b| {
            b.is_ascii_alphanumeric() && *b as char != seps.component && *b as char != seps.element
        })
        .take(8)
        .collect();
    if id.is_empty() {
        None
    } else {
        Some(String::from_utf8_lossy(&id).into_owned())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Tokenizes EDIFACT bytes (a Type B envelope, if any, must already be stripped;
/// `base` is the offset of `bytes` in the original input, for positions).
pub fn tokenize(bytes: &[u8], opts: TokenizerOptions) -> Result<Interchange, EdifactError> {
    tokenize_at(bytes, 0, opts)
}

/// As [`tokenize`], with `base` added to every byte offset reported.
pub fn tokenize_at(
    bytes: &[u8],
    base: usize,
    opts: TokenizerOptions,
) -> Result<Interchange, EdifactError> {
    let mut warnings = Vec::new();
    let mut segments = Vec::new();
    let mut first: Option<(Separators, Option<String>)> = None;
    let mut start = 0usize;
    // Concatenated interchanges: each may bring its own UNA.
    loop {
        let (seps, syntax, next) = tokenize_one(
            &bytes[start..],
            base + start,
            opts,
            segments.len(),
            &mut segments,
            &mut warnings,
        )?;
        if first.is_none() {
            first = Some((seps, syntax));
        }
        match next {
            Some(n) if n > 0 && start + n < bytes.len() => start += n,
            _ => break,
        }
    }
    let (separators, syntax) = first.unwrap_or((Separators::default(), None));
    Ok(Interchange {
        separators,
        syntax,
        segments,
        warnings,
    })
}

/// Reads the UNA at the start of `chars` (after leading whitespace). Returns the
/// separators and the index just after the UNA.
fn read_una(
    chars: &[(char, usize)],
    opts: TokenizerOptions,
    warnings: &mut Vec<String>,
) -> Result<(Separators, usize), EdifactError> {
    let mut i = 0;
    while i < chars.len() && is_space(chars[i].0) {
        i += 1;
    }
    let starts_una =
        chars.len() >= i + 3 && chars[i].0 == 'U' && chars[i + 1].0 == 'N' && chars[i + 2].0 == 'A';
    if !starts_una {
        return Ok((Separators::default(), 0));
    }
    let una_off = chars[i].1;
    let body = i + 3;
    // The service characters run to the next UNB/UNG/UNH tag (whitespace between
    // allowed), which tells a 5-character UNA from a 6-character one.
    let mut j = body;
    let mut end = None;
    while j + 2 < chars.len() && j < body + 12 {
        let t: String = chars[j..j + 3].iter().map(|c| c.0).collect();
        if j >= body + 5 && (t == "UNB" || t == "UNG" || t == "UNH") {
            end = Some(j);
            break;
        }
        j += 1;
    }
    let svc: Vec<char> = match end {
        Some(e) => {
            // Trailing whitespace belongs to layout, except a 6th character that is a
            // space (no repetition separator) is part of the UNA only when needed.
            let mut v: Vec<char> = chars[body..e].iter().map(|c| c.0).collect();
            while v.len() > 6 && is_space(*v.last().unwrap_or(&'x')) {
                v.pop();
            }
            while v.len() > 5 && is_line_break(*v.last().unwrap_or(&'x')) {
                v.pop();
            }
            if v.len() > 6 {
                v.truncate(6);
            }
            v
        }
        None => chars[body..(body + 6).min(chars.len())]
            .iter()
            .map(|c| c.0)
            .collect(),
    };
    let next = body + svc.len();
    let sp = |c: char| if c == ' ' { None } else { Some(c) };
    let mut seps = match svc.len() {
        6 => Separators {
            component: svc[0],
            element: svc[1],
            decimal: svc[2],
            release: sp(svc[3]),
            repetition: sp(svc[4]),
            terminator: svc[5],
        },
        5 => {
            if opts.strict {
                return Err(err(
                    0,
                    una_off,
                    "UNA must declare 6 service characters, found 5",
                ));
            }
            warnings.push(format!(
                "byte {una_off}: UNA declares only 5 service characters ({}); read leniently",
                svc.iter().collect::<String>()
            ));
            // Which one is missing? A decimal mark is `.` or `,`; otherwise the
            // decimal mark was left out (GTAS codeshare.edi: `UNA:+\*'`).
            if svc[2] == '.' || svc[2] == ',' {
                Separators {
                    component: svc[0],
                    element: svc[1],
                    decimal: svc[2],
                    release: sp(svc[3]),
                    repetition: None,
                    terminator: svc[4],
                }
            } else {
                Separators {
                    component: svc[0],
                    element: svc[1],
                    decimal: '.',
                    release: sp(svc[2]),
                    repetition: sp(svc[3]),
                    terminator: svc[4],
                }
            }
        }
        n => {
            return Err(err(
                0,
                una_off,
                format!("UNA must declare 6 service characters, found {n}"),
            ))
        }
    };
    if matches!(seps.terminator, '\u{2019}' | '\u{2018}') {
        if opts.strict {
            return Err(err(
                0,
                una_off,
                format!(
                    "UNA declares typographic quote U+{:04X} as segment terminator",
                    seps.terminator as u32
                ),
            ));
        }
        warnings.push(format!(
            "byte {una_off}: UNA declares typographic quote U+{:04X} as terminator; using '",
            seps.terminator as u32
        ));
        seps.terminator = '\'';
    }
    let all = [
        Some(seps.component),
        Some(seps.element),
        seps.release,
        Some(seps.terminator),
    ];
    if opts.strict
        && all
            .iter()
            .flatten()
            .any(|c| !c.is_ascii() || c.is_whitespace())
    {
        return Err(err(0, una_off, "UNA service characters must be ASCII"));
    }
    // Separators must be distinct or nothing can be split.
    let mut distinct = all.iter().flatten().copied().collect::<Vec<char>>();
    if let Some(r) = seps.repetition {
        distinct.push(r);
    }
    let n = distinct.len();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != n || is_space(seps.terminator) || is_space(seps.element) {
        return Err(err(0, una_off, "UNA service characters are not distinct"));
    }
    Ok((seps, next))
}

/// Raw segment: char index range (terminator excluded) and whether a terminator ended it.
struct RawSeg {
    start: usize,
    end: usize,
    terminated: bool,
}

/// Tokenizes one interchange; returns its separators, syntax id and, when another
/// interchange (UNA/UNB) follows its UNZ, the local byte index where it starts.
fn tokenize_one(
    bytes: &[u8],
    base: usize,
    opts: TokenizerOptions,
    seg_base: usize,
    out: &mut Vec<Segment>,
    warnings: &mut Vec<String>,
) -> Result<(Separators, Option<String>, Option<usize>), EdifactError> {
    // Service characters are ASCII in every real UNA; read them on an ASCII/UTF-8 view
    // first so that the UNB syntax id can be sniffed before the body is decoded.
    let head_len = bytes.len().min(64);
    let head_chars: Chars = match std::str::from_utf8(&bytes[..head_len]) {
        Ok(s) => s.char_indices().map(|(i, c)| (c, i)).collect(),
        Err(e) => {
            let valid = e.valid_up_to();
            let mut v: Chars = std::str::from_utf8(&bytes[..valid])
                .unwrap_or("")
                .char_indices()
                .map(|(i, c)| (c, i))
                .collect();
            v.extend(
                bytes[valid..head_len]
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| (b as char, valid + i)),
            );
            v
        }
    };
    let mut una_warnings = Vec::new();
    let (seps, una_end) = read_una(&head_chars, opts, &mut una_warnings)
        .map_err(|e| err(e.segment, base + e.offset, e.reason))?;
    for w in una_warnings {
        warnings.push(w);
    }
    let body_start = if una_end == 0 {
        0
    } else {
        head_chars
            .get(una_end)
            .map(|c| c.1)
            .unwrap_or(head_len.min(bytes.len()))
    };
    let body = &bytes[body_start..];
    let syntax = sniff_syntax(body, &seps);
    let charset = syntax
        .as_deref()
        .map(charset_for)
        .unwrap_or(Charset::Utf8OrLatin1);
    let chars = decode(body, base + body_start, charset, opts, warnings)?;

    // Pass 1: cut into raw segments at unreleased terminators.
    let mut raws = Vec::new();
    let mut typographic = 0usize;
    let mut i = 0;
    let n = chars.len();
    loop {
        while i < n && is_space(chars[i].0) {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut terminated = false;
        while i < n {
            let c = chars[i].0;
            if Some(c) == seps.release {
                i += 2;
                continue;
            }
            if c == seps.terminator {
                terminated = true;
                break;
            }
            // Text typed from the PDF guides has typographic quotes as terminators
            // (GTAS pnrMessagePg75.txt `SEJOON’` + newline + `TVL+`). Leniently, a
            // U+2019 directly followed (after layout) by a segment tag ends a segment.
            if c == '\u{2019}' && seps.terminator == '\'' && !opts.strict {
                let mut j = i + 1;
                while j < n && is_space(chars[j].0) {
                    j += 1;
                }
                let tag_follows = j + 3 < n
                    && chars[j..j + 3].iter().all(|x| x.0.is_ascii_uppercase())
                    && (chars[j + 3].0 == seps.element || chars[j + 3].0 == seps.terminator);
                if tag_follows {
                    typographic += 1;
                    terminated = true;
                    break;
                }
            }
            i += 1;
        }
        let end = i.min(n);
        raws.push(RawSeg {
            start,
            end,
            terminated,
        });
        i = end + 1;
    }

    if typographic > 0 {
        warnings.push(format!(
            "{typographic} typographic quote(s) U+2019 read as segment terminators"
        ));
    }

    // Pass 2: split each raw segment into elements and components.
    let mut next_interchange = None;
    let mut after_unz = false;
    let mut count = seg_base;
    for (k, raw) in raws.iter().enumerate() {
        let mut end = raw.end;
        let seg_off = chars[raw.start].1;
        if after_unz {
            let text: String = chars[raw.start..end].iter().map(|c| c.0).collect();
            let t = text.trim_start();
            if t.starts_with("UNA") || t.starts_with("UNB") {
                // Another interchange follows: tokenize it with its own service string.
                next_interchange = Some(seg_off - base);
                break;
            }
            let shown: String = chars[raw.start..raws.last().map(|r| r.end).unwrap_or(end)]
                .iter()
                .map(|c| c.0)
                .take(40)
                .collect();
            if opts.strict {
                return Err(err(
                    count + 1,
                    seg_off,
                    format!("data after UNZ: {shown:?}"),
                ));
            }
            warnings.push(format!("byte {seg_off}: data after UNZ ignored: {shown:?}"));
            break;
        }
        if !raw.terminated {
            if opts.strict {
                return Err(err(
                    count + 1,
                    seg_off,
                    "input ends without a segment terminator",
                ));
            }
            // A missing final terminator: the segment ends with its line (whatever
            // follows on later lines is commentary, as in GTAS pnrBadFormat.txt).
            if let Some(lb) = (raw.start..end).find(|&x| is_line_break(chars[x].0)) {
                let rest: String = chars[lb..end].iter().map(|c| c.0).collect();
                if !rest.trim().is_empty() {
                    warnings.push(format!(
                        "byte {}: text after the unterminated last segment ignored: {:?}",
                        chars[lb].1,
                        rest.trim().chars().take(40).collect::<String>()
                    ));
                }
                end = lb;
            }
            warnings.push(format!(
                "segment {} (byte {seg_off}): missing final segment terminator",
                count + 1
            ));
        }
        count += 1;
        let seg = split_segment(
            &chars[raw.start..end],
            &seps,
            count,
            seg_off,
            opts,
            warnings,
        )?;
        if let Some(seg) = seg {
            if seg.tag == "UNZ" {
                after_unz = true;
            }
            out.push(seg);
        } else {
            count -= 1;
        }
        let _ = k;
    }
    Ok((seps, syntax, next_interchange))
}

/// Splits one raw segment. Line breaks (with surrounding whitespace) inside the
/// segment are removed: they are wraps, not data (as GTAS convertToSingleLine).
fn split_segment(
    chars: &[(char, usize)],
    seps: &Separators,
    number: usize,
    offset: usize,
    opts: TokenizerOptions,
    warnings: &mut Vec<String>,
) -> Result<Option<Segment>, EdifactError> {
    // Mark characters that belong to a `\s*[\r\n]+\s*` run.
    let n = chars.len();
    let mut drop = vec![false; n];
    let mut i = 0;
    while i < n {
        if is_line_break(chars[i].0) {
            let mut s = i;
            while s > 0 && is_space(chars[s - 1].0) && !drop[s - 1] {
                s -= 1;
            }
            // Do not eat a released space before the break.
            if s < i && s > 0 && Some(chars[s - 1].0) == seps.release {
                s += 1;
            }
            let mut e = i;
            while e < n && is_space(chars[e].0) {
                e += 1;
            }
            for d in drop.iter_mut().take(e).skip(s) {
                *d = true;
            }
            i = e;
        } else {
            i += 1;
        }
    }
    let mut elements: Vec<Element> = Vec::new();
    let mut cur = Element::default();
    let mut comps: Vec<String> = Vec::new();
    let mut val = String::new();
    let mut tag: Option<String> = None;
    let unb_like = {
        let head: String = chars.iter().take(4).map(|c| c.0).collect();
        let h = head.trim();
        h.starts_with("UNB") || h.starts_with("UNG")
    };
    let mut k = 0;
    let finish_value = |val: &mut String, comps: &mut Vec<String>| comps.push(std::mem::take(val));
    while k < n {
        if drop[k] {
            k += 1;
            continue;
        }
        let c = chars[k].0;
        if Some(c) == seps.release {
            // Next kept character, literally.
            let mut j = k + 1;
            if j < n && drop[j] {
                if opts.strict {
                    return Err(err(
                        number,
                        chars[k].1,
                        "release character followed by a line break",
                    ));
                }
                warnings.push(format!(
                    "segment {number} (byte {}): release character before a line break",
                    chars[k].1
                ));
                while j < n && drop[j] {
                    j += 1;
                }
            }
            if j < n {
                val.push(chars[j].0);
            } else if opts.strict {
                return Err(err(
                    number,
                    chars[k].1,
                    "release character at the end of a segment",
                ));
            }
            k = j + 1;
            continue;
        }
        if c == seps.element {
            finish_value(&mut val, &mut comps);
            if tag.is_none() {
                tag = Some(comps.concat());
                comps.clear();
            } else {
                if cur.components.is_empty() && cur.repetitions.is_empty() {
                    cur.components = std::mem::take(&mut comps);
                } else {
                    cur.repetitions.push(std::mem::take(&mut comps));
                }
                elements.push(std::mem::take(&mut cur));
            }
        } else if c == seps.component {
            finish_value(&mut val, &mut comps);
        } else if Some(c) == seps.repetition && !unb_like && tag.is_some() {
            finish_value(&mut val, &mut comps);
            if cur.components.is_empty() && cur.repetitions.is_empty() {
                cur.components = std::mem::take(&mut comps);
            } else {
                cur.repetitions.push(std::mem::take(&mut comps));
            }
        } else {
            val.push(c);
        }
        k += 1;
    }
    finish_value(&mut val, &mut comps);
    if tag.is_none() {
        tag = Some(comps.concat());
    } else {
        if cur.components.is_empty() && cur.repetitions.is_empty() {
            cur.components = comps;
        } else {
            cur.repetitions.push(comps);
        }
        elements.push(cur);
    }
    let tag = tag.unwrap_or_default().trim().to_ascii_uppercase();
    if tag.is_empty() && elements.is_empty() {
        return Ok(None);
    }
    let good_tag = tag.len() == 3 && tag.chars().all(|c| c.is_ascii_alphanumeric());
    if !good_tag {
        if opts.strict {
            return Err(err(number, offset, format!("invalid segment tag {tag:?}")));
        }
        warnings.push(format!(
            "segment {number} (byte {offset}): invalid segment tag {:?}",
            tag.chars().take(20).collect::<String>()
        ));
    }
    Ok(Some(Segment {
        tag,
        elements,
        number,
        offset,
    }))
}

/// One UNH..UNT message.
#[derive(Debug, Clone)]
pub struct Message {
    /// UNH 0062 message reference number.
    pub reference: String,
    /// UNH S009 0065 message type (`PAXLST`, `PNRGOV`).
    pub message_type: String,
    /// UNH 0068 common access reference.
    pub common_access: String,
    /// UNH S010 0070 sequence of transfers, when given.
    pub sequence: Option<u32>,
    /// UNH S010 0073 first/last marker (`C` first, `F` final).
    pub first_last: String,
    /// Segments from UNH to UNT inclusive (UNT may be missing).
    pub segments: Vec<Segment>,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} message {}", self.message_type, self.reference)
    }
}

/// Cuts segments into UNH..UNT messages and checks UNT (ISO 9735: UNT 0074 counts the
/// segments from UNH to UNT inclusive; 0062 repeats the UNH reference). Mismatches
/// are warnings. Also returns the UNG group message type when present.
pub fn group_messages(segments: Vec<Segment>, warnings: &mut Vec<String>) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    let mut cur: Option<Message> = None;
    let close = |m: Message, warnings: &mut Vec<String>, out: &mut Vec<Message>| {
        out.push(m);
        let _ = warnings;
    };
    for seg in segments {
        let tag = seg.tag.clone();
        match tag.as_str() {
            "UNH" => {
                if let Some(m) = cur.take() {
                    warnings.push(format!(
                        "{}: message {} has no UNT before the next UNH",
                        seg.position(),
                        m.reference
                    ));
                    close(m, warnings, &mut out);
                }
                let seq = seg.get(3, 0).trim();
                cur = Some(Message {
                    reference: seg.get(0, 0).trim().to_string(),
                    message_type: seg.get(1, 0).trim().to_ascii_uppercase(),
                    common_access: seg.get(2, 0).trim().to_string(),
                    sequence: if seq.is_empty() {
                        None
                    } else {
                        seq.parse().ok()
                    },
                    first_last: seg.get(3, 1).trim().to_ascii_uppercase(),
                    segments: Vec::new(),
                });
                if let Some(m) = cur.as_mut() {
                    m.segments.push(seg);
                }
            }
            "UNT" => {
                if let Some(mut m) = cur.take() {
                    let declared = seg.get(0, 0).trim();
                    let actual = m.segments.len() + 1;
                    match declared.parse::<usize>() {
                        Ok(d) if d == actual => {}
                        _ => warnings.push(format!(
                            "{}: UNT declares {declared:?} segments for message {}, counted {actual}",
                            seg.position(),
                            m.reference
                        )),
                    }
                    let r = seg.get(1, 0).trim();
                    if r != m.reference {
                        warnings.push(format!(
                            "{}: UNT reference {r:?} differs from UNH reference {:?}",
                            seg.position(),
                            m.reference
                        ));
                    }
                    m.segments.push(seg);
                    close(m, warnings, &mut out);
                } else {
                    warnings.push(format!("{}: UNT without UNH", seg.position()));
                }
            }
            "UNA" | "UNB" | "UNG" | "UNE" | "UNZ" => {
                if let Some(m) = cur.take() {
                    warnings.push(format!(
                        "{}: message {} ends without UNT",
                        seg.position(),
                        m.reference
                    ));
                    close(m, warnings, &mut out);
                }
            }
            _ => {
                if let Some(m) = cur.as_mut() {
                    m.segments.push(seg);
                }
            }
        }
    }
    if let Some(m) = cur.take() {
        warnings.push(format!(
            "message {} ends without UNT at the end of the input",
            m.reference
        ));
        out.push(m);
    }
    out
}

/// Orders multi-part messages (UNH S010 `01:C` .. `0N:F`) so that the parts of one
/// transmission follow each other in sequence order, at the place of the first
/// part seen. Parts are keyed by message type and common access reference (ISO 9735
/// 0068 is shared by all parts). Missing parts or a missing final part are warned.
/// Returns groups of message indices.
pub fn reassemble(messages: &[Message], warnings: &mut Vec<String>) -> Vec<Vec<usize>> {
    type Key = Option<(String, String)>;
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let multipart = m.sequence.is_some()
            && !(m.sequence == Some(1) && m.first_last == "F")
            && !m.common_access.is_empty();
        if multipart {
            let key = (m.message_type.clone(), m.common_access.clone());
            if let Some(g) = groups.iter_mut().find(|g| g.0.as_ref() == Some(&key)) {
                g.1.push(i);
                continue;
            }
            groups.push((Some(key), vec![i]));
        } else {
            groups.push((None, vec![i]));
        }
    }
    let mut out = Vec::new();
    for (key, mut idx) in groups {
        if let Some((_, car)) = key {
            idx.sort_by_key(|&i| messages[i].sequence.unwrap_or(0));
            let seqs: Vec<u32> = idx.iter().filter_map(|&i| messages[i].sequence).collect();
            let last = messages[*idx.last().unwrap_or(&0)].first_last.clone();
            let expected: Vec<u32> = (1..=seqs.len() as u32).collect();
            if seqs != expected {
                let max = seqs.iter().copied().max().unwrap_or(0);
                let missing: Vec<u32> = (1..=max).filter(|s| !seqs.contains(s)).collect();
                warnings.push(format!(
                    "multi-part message {car}: parts {seqs:?} received; parts {missing:?} missing"
                ));
            }
            if last != "F" {
                warnings.push(format!(
                    "multi-part message {car}: no final part (F) received; {} part(s) read",
                    seqs.len()
                ));
            }
        }
        out.push(idx);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str) -> Interchange {
        tokenize(s.as_bytes(), TokenizerOptions::default()).unwrap()
    }

    fn strict(s: &str) -> Result<Interchange, EdifactError> {
        tokenize(s.as_bytes(), TokenizerOptions { strict: true })
    }

    #[test]
    fn release_character() {
        let i = tok("UNB+UNOA:4'NAD+FL+++O?'NEIL:MARY'ERC+10:?:?+???''");
        assert_eq!(i.segments[1].get(3, 0), "O'NEIL");
        assert_eq!(i.segments[2].get(0, 1), ":+?'");
    }

    #[test]
    fn double_release() {
        let i = tok("ABC+PD??:5'");
        assert_eq!(i.segments[0].get(0, 0), "PD?");
        assert_eq!(i.segments[0].get(0, 1), "5");
        let i = tok("ABC+PD???:5'");
        assert_eq!(i.segments[0].get(0, 0), "PD?:5");
    }

    #[test]
    fn custom_una_star_dollar() {
        let i = tok("UNA:*.? $UNB*UNOA:4*X$NAD*FL***A:B$");
        assert_eq!(i.segments.len(), 2);
        assert_eq!(i.segments[1].get(3, 1), "B");
    }

    #[test]
    fn custom_una_paren_dash() {
        let i = tok("UNA:(.) -UNB(UNOA:4-NAD(FL(((O)-NEIL:MARY ANN-");
        assert_eq!(i.segments[1].get(3, 0), "O-NEIL");
        assert_eq!(i.segments[1].get(3, 1), "MARY ANN");
    }

    #[test]
    fn custom_una_backslash_release() {
        let i = tok("UNA:+.\\*'UNB+IATA:1'FTX+A\\+B*C'");
        assert_eq!(i.separators.release, Some('\\'));
        assert_eq!(i.segments[1].get(0, 0), "A+B");
        assert_eq!(
            i.segments[1].elements[0].repetitions,
            vec![vec!["C".to_string()]]
        );
    }

    #[test]
    fn no_una_keeps_star() {
        let i = tok("UNB+UNOA:4+APIS*C3K:ZZ'");
        assert_eq!(i.segments[0].get(1, 0), "APIS*C3K");
    }

    #[test]
    fn repetition_not_applied_to_unb() {
        let i = tok("UNA:+.?*'UNB+UNOA:4+APIS*ABE'");
        assert_eq!(i.segments[0].get(1, 0), "APIS*ABE");
    }

    #[test]
    fn whitespace_and_wraps() {
        let i = tok("  UNB+UNOA:4'\r\n   NAD+FL+++SMITHJ\r\nR:JOHN'\n");
        assert_eq!(i.segments[1].tag, "NAD");
        assert_eq!(i.segments[1].get(3, 0), "SMITHJR");
        assert!(i.warnings.is_empty());
    }

    #[test]
    fn missing_final_terminator() {
        let i = tok("UNB+UNOA:4'UNZ+1+2");
        assert_eq!(i.segments[1].get(1, 0), "2");
        assert_eq!(i.warnings.len(), 1);
        assert!(strict("UNB+UNOA:4'UNZ+1+2").is_err());
        let i = tok("UNB+UNOA:4'UNZ+1+2\n\nsome commentary");
        assert_eq!(i.segments[1].get(1, 0), "2");
    }

    #[test]
    fn five_char_una() {
        let i = tok("UNA:+\\*'\nUNB+IATA:1'TIF+A\\'B'");
        assert_eq!(i.segments[1].get(0, 0), "A'B");
        assert!(!i.warnings.is_empty());
        let e = strict("UNA:+\\*'\nUNB+IATA:1'").unwrap_err();
        assert!(e.reason.contains("5"), "{e}");
    }

    #[test]
    fn typographic_terminator() {
        let i = tok("UNA:+.\\*\u{2019} UNB+IATA:1'TIF+A'");
        assert_eq!(i.segments.len(), 2);
        assert!(strict("UNA:+.\\*\u{2019} UNB+IATA:1'TIF+A'").is_err());
    }

    #[test]
    fn junk_after_unz() {
        let i = tok("UNB+UNOA:4'UNZ+1+2'\n13Nov09");
        assert_eq!(i.segments.len(), 2);
        assert_eq!(i.warnings.len(), 1);
        let e = strict("UNB+UNOA:4'UNZ+1+2'\n13Nov09").unwrap_err();
        assert_eq!(e.segment, 3);
    }

    #[test]
    fn latin1_in_unoa() {
        let mut b = b"UNB+UNOA:4'NAD+FL+++Nov".to_vec();
        b.push(0xE1);
        b.extend_from_slice(b"k'");
        let i = tokenize(&b, TokenizerOptions::default()).unwrap();
        assert_eq!(i.segments[1].get(3, 0), "Nov\u{e1}k");
        let e = tokenize(&b, TokenizerOptions { strict: true }).unwrap_err();
        assert_eq!(e.offset, 23);
    }

    #[test]
    fn unoc_and_unoe() {
        let mut b = b"UNB+UNOC:4'NAD+FL+++M".to_vec();
        b.push(0xDC);
        b.extend_from_slice(b"LLER'");
        let i = tokenize(&b, TokenizerOptions { strict: true }).unwrap();
        assert_eq!(i.segments[1].get(3, 0), "M\u{dc}LLER");
        let mut b = b"UNB+UNOE:4'NAD+FL+++".to_vec();
        b.extend_from_slice(&[0xC8, 0xD5, 0xD2, 0xE7, 0xD5, 0xDD, 0xDA, 0xDE, b'\'']);
        let i = tokenize(&b, TokenizerOptions { strict: true }).unwrap();
        assert_eq!(i.segments[1].get(3, 0), "Шевченко");
    }

    #[test]
    fn utf8_declared_unoa() {
        let i = tok("UNB+UNOA:4'NAD+FL+++M\u{dc}LLER'");
        assert_eq!(i.segments[1].get(3, 0), "M\u{dc}LLER");
        assert_eq!(i.warnings.len(), 1);
    }

    #[test]
    fn concatenated_interchanges_with_their_own_una() {
        let i = tok("UNB+UNOA:4'UNZ+0+1'\nUNA:*.? $UNB*UNOA:4$NAD*FL***A:B$UNZ*0*2$");
        let tags: Vec<&str> = i.segments.iter().map(|s| s.tag.as_str()).collect();
        assert_eq!(tags, ["UNB", "UNZ", "UNB", "NAD", "UNZ"]);
        assert_eq!(i.segments[3].get(3, 1), "B");
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
        assert_eq!(i.segments[4].number, 5);
    }

    #[test]
    fn release_before_line_break() {
        let i = tok("UNB+UNOA:4'NAD+FL+++A?\n+B'");
        assert_eq!(i.segments[1].get(3, 0), "A+B");
        assert_eq!(i.warnings.len(), 1);
        let e = strict("UNB+UNOA:4'NAD+FL+++A?\n+B'").unwrap_err();
        assert_eq!(e.segment, 2);
        assert!(e.reason.contains("line break"));
    }

    #[test]
    fn invalid_tag_strict_and_lenient() {
        let i = tok("UNB+UNOA:4'X+1'");
        assert_eq!(i.segments.len(), 2);
        assert_eq!(i.warnings.len(), 1);
        let e = strict("UNB+UNOA:4'X+1'").unwrap_err();
        assert_eq!((e.segment, e.offset), (2, 11));
    }

    #[test]
    fn bad_una() {
        assert!(tokenize(b"UNA:+", TokenizerOptions::default()).is_err());
        assert!(tokenize(b"UNA::::::UNB+X'", TokenizerOptions::default()).is_err());
    }

    #[test]
    fn utf8_iata() {
        let i = tok("UNB+IATA:1'TIF+M\u{dc}LLER'");
        assert_eq!(i.segments[1].get(0, 0), "M\u{dc}LLER");
    }

    #[test]
    fn positions() {
        let i = tok("UNB+UNOA:4'\nBGM+745'");
        assert_eq!(i.segments[1].number, 2);
        assert_eq!(i.segments[1].offset, 12);
    }

    #[test]
    fn messages_and_unt() {
        let i = tok("UNB+UNOA:4'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+4+1'UNZ+1+1'");
        let mut w = Vec::new();
        let m = group_messages(i.segments, &mut w);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].message_type, "PAXLST");
        assert_eq!(w.len(), 1, "{w:?}");
    }
}

//! SITA/ARINC Type B telex envelope around EDIFACT API messages.
//!
//! A Type B message is `SOH` (0x01), the address line (`QK LONPPXS`: priority code and
//! seven-character addresses), the origin line (`.MUCKMTS 250521`: sender and
//! DDHHMM), `STX` (0x02), the text, `ETX` (0x03). Carriers also send the heading lines
//! without the control characters. The envelope is located here so that the EDIFACT
//! tokenizer only sees the text (FORMATS.md §1.2 "Type B transport").

/// Byte range of the text inside an optional Type B envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    /// Offset of the first text byte.
    pub start: usize,
    /// Offset just past the last text byte.
    pub end: usize,
    /// Was an envelope found?
    pub found: bool,
}

const SOH: u8 = 0x01;
const STX: u8 = 0x02;
const ETX: u8 = 0x03;

/// Is this line a Type B heading line: an address line (`QK ADDR ADDR`, priority
/// codes QS, QC, QU, QX, QD, QK) or an origin line starting with `.`?
fn heading_line(line: &[u8]) -> bool {
    let l = trim(line);
    if l.is_empty() {
        return false;
    }
    if l[0] == b'.' {
        return l.len() > 1 && l[1].is_ascii_alphanumeric();
    }
    l.len() >= 4
        && l[0] == b'Q'
        && matches!(l[1], b'S' | b'C' | b'U' | b'X' | b'D' | b'K' | b'N')
        && l[2] == b' '
        && l[3..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b' ')
}

fn trim(b: &[u8]) -> &[u8] {
    let s = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let e = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map(|e| e + 1)
        .unwrap_or(s);
    &b[s..e.max(s)]
}

/// Finds the text inside a Type B envelope; when there is none the whole input.
pub fn strip(bytes: &[u8]) -> Envelope {
    let whole = Envelope {
        start: 0,
        end: bytes.len(),
        found: false,
    };
    let mut pos = 0;
    // Leading whitespace and a UTF-8 BOM are layout.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        pos = 3;
    }
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    let mut found = false;
    if bytes.get(pos) == Some(&SOH) {
        pos += 1;
        found = true;
    }
    // Heading lines: only when the first line is an address line.
    let mut p = pos;
    let mut headings = 0;
    loop {
        let line_end = bytes[p..]
            .iter()
            .position(|b| *b == b'\n' || *b == STX)
            .map(|x| p + x)
            .unwrap_or(bytes.len());
        let line = &bytes[p..line_end];
        let first = headings == 0;
        let ok = if first {
            let l = trim(line);
            l.len() >= 4 && l[0] == b'Q' && heading_line(line)
        } else {
            heading_line(line)
        };
        if !ok {
            break;
        }
        headings += 1;
        p = line_end;
        if p < bytes.len() && bytes[p] == b'\n' {
            p += 1;
        }
        if p >= bytes.len() || bytes[p] == STX {
            break;
        }
    }
    if headings > 0 {
        found = true;
        pos = p;
    }
    if let Some(stx) = bytes[pos..].iter().position(|b| *b == STX) {
        // STX must come right after the heading (only whitespace between).
        if bytes[pos..pos + stx]
            .iter()
            .all(|b| b.is_ascii_whitespace())
        {
            pos += stx + 1;
            found = true;
        }
    }
    if !found {
        return whole;
    }
    let end = bytes[pos..]
        .iter()
        .position(|b| *b == ETX)
        .map(|e| pos + e)
        .unwrap_or(bytes.len());
    Envelope {
        start: pos,
        end,
        found: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_envelope() {
        let b = b"\x01QK LONPPXS\n.MUCKMTS 250521\n\x02UNA:(.) -UNB(X-\n\x03";
        let e = strip(b);
        assert!(e.found);
        assert!(b[e.start..e.end].starts_with(b"UNA:(.) -"));
        assert!(b[e.start..e.end].ends_with(b"-\n"));
    }

    #[test]
    fn heading_without_control_chars() {
        let b = b"QK LONPPXS\r\n.MUCKMTS 250521\r\nUNB+UNOA:4'";
        let e = strip(b);
        assert!(e.found);
        assert_eq!(&b[e.start..e.end], b"UNB+UNOA:4'");
    }

    #[test]
    fn no_envelope() {
        let b = b"UNA:+.? 'UNB+UNOA:4'";
        assert!(!strip(b).found);
        assert_eq!(strip(b).end, b.len());
        assert!(!strip(b"").found);
    }
}

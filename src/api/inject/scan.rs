//! Byte spans in JSON text that the crate's reader has already accepted: where each member of an
//! object and each element of an array sits, so a body or an answer can be rewritten by copying
//! spans instead of writing a parsed value back (no growth, no float reformatting, one copy).
//! The reader's values carry no positions, hence this small second pass. On text the reader did
//! not accept the spans are meaningless, but nothing panics (every index is checked).

use std::ops::Range;

/// One object member: the key from its opening quote, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Where the key's JSON string sits (quotes included).
    pub key: Range<usize>,
    /// Where the value sits.
    pub value: Range<usize>,
}

/// The first non-whitespace byte at or after `i`.
pub fn ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// The end of the string whose opening quote is at `i` (just past its closing quote).
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    loop {
        i = crate::json::bytes::plain_until(b, i);
        match b.get(i) {
            Some(b'"') => return i + 1,
            Some(b'\\') => i += 2,
            Some(_) => i += 1,
            None => return b.len(),
        }
    }
}

/// The end of the value starting at `i` (no leading whitespace).
pub fn value_end(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => string_end(b, i),
        Some(b'{' | b'[') => {
            let (mut depth, mut j) = (0usize, i);
            while let Some(&c) = b.get(j) {
                match c {
                    b'"' => {
                        j = string_end(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        // A number or a word: up to the next delimiter.
        _ => {
            i + b
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\n' | b'\t' | b'\r'))
                .unwrap_or(b.len() - i.min(b.len()))
        }
    }
}

/// The members of the object whose `{` is at `open`.
pub fn members(text: &str, open: usize) -> Vec<Member> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = ws(b, open + 1);
    while b.get(i) == Some(&b'"') {
        let key = i..string_end(b, i);
        let at = ws(b, ws(b, key.end) + 1); // past the `:`
        let value = at..value_end(b, at);
        i = ws(b, value.end);
        out.push(Member { key, value });
        if b.get(i) != Some(&b',') {
            break;
        }
        i = ws(b, i + 1);
    }
    out
}

/// The elements of the array whose `[` is at `open`.
pub fn elements(text: &str, open: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = ws(b, open + 1);
    while i < b.len() && b[i] != b']' {
        let end = value_end(b, i);
        out.push(i..end);
        i = ws(b, end);
        if b.get(i) != Some(&b',') {
            break;
        }
        i = ws(b, i + 1);
    }
    out
}

/// Replaces, in place, every escape of half a UTF-16 surrogate pair (`\ud83d` alone: valid for
/// JS, not Unicode) inside the strings of JSON text with `\ufffd`, the same length, so the text
/// reads as the lenient reader reads it (U+FFFD) and spans stay where they were. Returns whether
/// it replaced any.
pub fn repair_surrogates(b: &mut [u8]) -> bool {
    let unit = |b: &[u8], at: usize| -> Option<u16> {
        if b.get(at..at + 2)? != b"\\u" {
            return None;
        }
        let hex = std::str::from_utf8(b.get(at + 2..at + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    };
    let (mut i, mut in_string, mut fixed) = (0, false, false);
    while i < b.len() {
        match b[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                match unit(b, i) {
                    Some(0xD800..=0xDBFF) if matches!(unit(b, i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
                    Some(0xD800..=0xDFFF) => {
                        b[i..i + 6].copy_from_slice(b"\\ufffd");
                        fixed = true;
                        i += 6;
                    }
                    Some(_) => i += 6,
                    None => i += 2,
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_and_elements() {
        let t = r#" { "a" : [1, {"x":"]}"} ,"s\"]"] , "b":true,"c":-1.5e3 } "#;
        let m = members(t, 1);
        let keys: Vec<&str> = m.iter().map(|m| &t[m.key.clone()]).collect();
        let values: Vec<&str> = m.iter().map(|m| &t[m.value.clone()]).collect();
        assert_eq!(keys, [r#""a""#, r#""b""#, r#""c""#]);
        assert_eq!(values, [r#"[1, {"x":"]}"} ,"s\"]"]"#, "true", "-1.5e3"]);
        let e: Vec<&str> = elements(t, m[0].value.start).into_iter().map(|r| &t[r]).collect();
        assert_eq!(e, ["1", r#"{"x":"]}"}"#, r#""s\"]""#]);
        assert!(members("{}", 0).is_empty() && elements("[ ]", 0).is_empty());
        // Garbage gives garbage, never a panic.
        for bad in ["{", "[", "{\"", "[\"\\", "{\"a\":", "[1,"] {
            members(bad, 0);
            elements(bad, 0);
        }
    }

    #[test]
    fn repairs_lone_surrogates_in_place() {
        let mut t = br#"{"a":"x\ud83d","b":"\ud83d\ude00","c":"\\ud83d","d":"\udc00y","\uDBFF":1}"#.to_vec();
        assert!(repair_surrogates(&mut t));
        assert_eq!(std::str::from_utf8(&t).unwrap(), r#"{"a":"x\ufffd","b":"\ud83d\ude00","c":"\\ud83d","d":"\ufffdy","\ufffd":1}"#);
        let mut ok = br#"{"a":"\u00e9"}"#.to_vec();
        assert!(!repair_surrogates(&mut ok));
    }
}

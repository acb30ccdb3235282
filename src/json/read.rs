//! The JSON reader: one pass over the bytes, building a `Value` whose strings borrow from the
//! input when they hold no escape. It accepts exactly what serde_json accepts (fuzz target
//! json_parse checks that), except nesting deeper than `MAX_DEPTH`; numbers get serde_json's
//! values (integers here, floats through serde_json itself, so both agree to the bit).

use super::{unmark, Num, ParseError, Value, MAX_DEPTH};
use std::borrow::Cow;

/// Why reading stopped: a syntax error (what was expected), nesting over the cap, or more
/// values than the reader may build.
#[derive(Debug)]
pub(super) enum Fail {
    Syntax(&'static str),
    TooDeep,
    TooMany,
}

type Read<T> = Result<T, Fail>;

pub(super) struct Reader<'a> {
    pub(super) text: &'a str,
    b: &'a [u8],
    pub(super) pos: usize,
    /// Repair lone UTF-16 surrogate escapes to U+FFFD instead of refusing them.
    lenient: bool,
    pub(super) repaired: bool,
    /// An object member is a JS-only value (a writer leaves it out).
    pub(super) js_member: bool,
    /// Values the reader may still build before it refuses the text (`MAX_VALUES` for a
    /// request): a node costs tens of bytes, so `[{},{},…]` would cost ~10× its text.
    pub(super) budget: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(text: &'a str, lenient: bool, max_values: usize) -> Self {
        Reader { text, b: text.as_bytes(), pos: 0, lenient, repaired: false, js_member: false, budget: max_values }
    }

    /// The whole text as one value (whitespace around it allowed).
    pub(super) fn document(&mut self) -> Result<Value<'a>, ParseError> {
        let v = self.value(0).and_then(|v| {
            self.ws();
            if self.pos < self.b.len() {
                return Err(Fail::Syntax("trailing characters"));
            }
            Ok(v)
        });
        v.map_err(|f| self.error(f))
    }

    /// The message says what and where, like serde_json's ("… at line 1 column 7").
    pub(super) fn error(&self, f: Fail) -> ParseError {
        let (what, too_deep, too_many) = match f {
            Fail::Syntax(what) => (what, false, false),
            Fail::TooDeep => ("nesting too deep", true, false),
            Fail::TooMany => ("too many values", false, true),
        };
        let before = &self.b[..self.pos.min(self.b.len())];
        let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
        let column = before.len() - before.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
        ParseError { message: format!("{what} at line {line} column {column}"), too_deep, too_many }
    }

    // `inline(always)`: at opt-level "z" these one-liners would be calls, once per byte.
    #[inline(always)]
    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    #[inline(always)]
    pub(super) fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `c` (after whitespace) or fails with `what`.
    pub(super) fn expect(&mut self, c: u8, what: &'static str) -> Read<()> {
        self.ws();
        if self.peek() != Some(c) {
            return Err(Fail::Syntax(what));
        }
        self.pos += 1;
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Read<Value<'a>> {
        // Checked before the value is looked at, as the serde-based reader did.
        if depth > MAX_DEPTH {
            return Err(Fail::TooDeep);
        }
        // Counted as it is met, so the tree never grows past the cap (a pre-scan would read the
        // text twice on the success path).
        self.budget = self.budget.checked_sub(1).ok_or(Fail::TooMany)?;
        self.ws();
        let Some(c) = self.peek() else { return Err(Fail::Syntax("EOF while parsing a value")) };
        match c {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => {
                self.pos += 1;
                self.string().map(Value::Str)
            }
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number().map(Value::Num),
            _ => Err(Fail::Syntax("expected value")),
        }
    }

    pub(super) fn word(&mut self, w: &'static str, v: Value<'a>) -> Read<Value<'a>> {
        if !self.b[self.pos..].starts_with(w.as_bytes()) {
            return Err(Fail::Syntax("expected ident"));
        }
        self.pos += w.len();
        Ok(v)
    }

    fn array(&mut self, depth: usize) -> Read<Value<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Arr(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Arr(items));
                }
                _ => return Err(Fail::Syntax("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Read<Value<'a>> {
        self.pos += 1;
        // A request has a dozen or so fields: room for them at once, not 4, 8, then 16.
        let mut fields = Vec::with_capacity(if depth == 0 { 16 } else { 0 });
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Obj(fields));
        }
        loop {
            self.expect(b'"', "key must be a string")?;
            let key = self.string()?;
            self.expect(b':', "expected `:`")?;
            let v = self.value(depth + 1)?;
            self.js_member |= matches!(v, Value::Js(_));
            fields.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(unmark(fields));
                }
                _ => return Err(Fail::Syntax("expected `,` or `}`")),
            }
        }
    }

    /// A string's content, the opening quote already consumed. Borrowed unless it has escapes.
    pub(super) fn string(&mut self) -> Read<Cow<'a, str>> {
        let start = self.pos;
        // The common case, no escape: one scan to the closing quote.
        let i = super::bytes::plain_until(self.b, start);
        self.pos = i;
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                return Ok(Cow::Borrowed(self.text.get(start..i).unwrap_or("")));
            }
            Some(b'\\') => {}
            Some(_) => return Err(Fail::Syntax("control character (\\u0000-\\u001F) found while parsing a string")),
            None => return Err(Fail::Syntax("EOF while parsing a string")),
        }
        // Escapes: unescape into an owned copy from here on. An escape never unescapes to more
        // bytes than it takes (`\n` is one byte, `\uXXXX` at most three, a pair four), so the
        // source up to the closing quote bounds the copy: sized once, never regrown (a doubling
        // would hold up to 3× a long string at its peak).
        let mut out = String::with_capacity(super::bytes::string_end(self.b, self.pos) - start);
        let mut run = self.pos;
        out.push_str(self.text.get(start..run).unwrap_or(""));
        loop {
            match self.peek() {
                Some(b'"') => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or(""));
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or(""));
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                Some(0..=0x1f) => return Err(Fail::Syntax("control character (\\u0000-\\u001F) found while parsing a string")),
                Some(_) => self.pos += 1,
                None => return Err(Fail::Syntax("EOF while parsing a string")),
            }
        }
    }

    /// One escape, the backslash already consumed.
    fn escape(&mut self, out: &mut String) -> Read<()> {
        let Some(c) = self.peek() else { return Err(Fail::Syntax("EOF while parsing a string")) };
        self.pos += 1;
        let plain = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode(out),
            _ => return Err(Fail::Syntax("invalid escape")),
        };
        out.push(plain);
        Ok(())
    }

    /// `\uXXXX`, the `\u` consumed; a surrogate pair takes the next escape too. A lone surrogate
    /// is refused, as serde_json does, or (lenient) becomes U+FFFD.
    fn unicode(&mut self, out: &mut String) -> Read<()> {
        let n = self.hex()?;
        let c = match n {
            0xD800..=0xDBFF => {
                // A low surrogate escape must follow; look before consuming it.
                let low = match self.b.get(self.pos..self.pos + 2) {
                    Some(b"\\u") => hex4(self.b.get(self.pos + 2..self.pos + 6)).filter(|l| (0xDC00..=0xDFFF).contains(l)),
                    _ => None,
                };
                match low {
                    Some(l) => {
                        self.pos += 6;
                        char::from_u32(0x10000 + ((u32::from(n) - 0xD800) << 10) + (u32::from(l) - 0xDC00))
                    }
                    None => None,
                }
            }
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(u32::from(n)),
        };
        match c {
            Some(c) => out.push(c),
            None if self.lenient => {
                self.repaired = true;
                out.push('\u{FFFD}');
            }
            None => return Err(Fail::Syntax("lone surrogate in hex escape")),
        }
        Ok(())
    }

    fn hex(&mut self) -> Read<u16> {
        let n = hex4(self.b.get(self.pos..self.pos + 4)).ok_or(Fail::Syntax("invalid escape"))?;
        self.pos += 4;
        Ok(n)
    }

    /// A number, as serde_json reads it: an integer that fits is U (or I when negative; `-0` is
    /// the float -0.0), anything else a float from serde_json's own conversion.
    pub(super) fn number(&mut self) -> Read<Num> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Fail::Syntax("invalid number")),
        }
        let int_end = self.pos;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits()?;
            float = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.required_digits()?;
            float = true;
        }
        // "01": serde_json refuses a digit after a leading zero.
        if self.b[int_start] == b'0' && matches!(self.b.get(int_start + 1), Some(b'0'..=b'9')) {
            return Err(Fail::Syntax("invalid number"));
        }
        if !float {
            if let Some(n) = integer(&self.b[int_start..int_end], negative) {
                return Ok(n);
            }
        }
        super::float(self.text.get(start..self.pos).unwrap_or("")).map(Num::F).ok_or(Fail::Syntax("number out of range"))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Read<()> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(Fail::Syntax("invalid number"));
        }
        self.digits();
        Ok(())
    }
}

/// Four hex digits (either case), as a UTF-16 unit.
fn hex4(h: Option<&[u8]>) -> Option<u16> {
    h?.iter().try_fold(0u16, |n, &c| Some(n << 4 | (c as char).to_digit(16)? as u16))
}

/// Integer digits as serde_json types them: U when positive and within u64, I when negative
/// and within i64 (but `-0` is F(-0.0)); `None` when it overflows (then it is a float).
pub(super) fn integer(digits: &[u8], negative: bool) -> Option<Num> {
    let mut n: u64 = 0;
    if digits.len() <= 19 {
        // Below 10^19 < 2^64: no overflow to check (a checked u64 multiply is a call to a
        // 128-bit multiply on wasm32).
        for &d in digits {
            n = n * 10 + u64::from(d - b'0');
        }
    } else {
        for &d in digits {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        }
    }
    Some(match (negative, n) {
        (false, n) => Num::U(n),
        (true, 0) => Num::F(-0.0),
        (true, n) if n <= 1 << 63 => Num::I((n as i64).wrapping_neg()),
        (true, n) => Num::F(-(n as f64)),
    })
}

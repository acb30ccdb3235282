//! The crate's JSON reader driven by its caller: it reads the members it needs and the rest are
//! skipped — checked exactly as `parse` checks them, but never built. The proxy reads Kling's
//! answers this way: one pass gives the few values it decides on and the spans it copies, where
//! a tree (then a second pass for the spans, which a tree has not) cost most of a list request.

use super::read::{Fail, Reader};
use super::{Num, ParseError, Value, MAX_DEPTH};
use std::borrow::Cow;
use std::ops::Range;

/// Why reading stopped (turned into a `ParseError` by `document`).
#[derive(Debug)]
pub struct Stop(Fail);

impl Stop {
    /// A value of another type or shape than the caller reads (a typed record's member).
    pub fn invalid() -> Stop {
        Stop(Fail::Syntax("invalid type"))
    }
}

impl From<Fail> for Stop {
    fn from(f: Fail) -> Self {
        Stop(f)
    }
}

/// What each step of a pull read gives: the value, or why the read stopped.
pub type Step<T> = Result<T, Stop>;

/// A position in the text being read, and how deep.
pub struct Pull<'a> {
    r: Reader<'a>,
    depth: usize,
    /// Values begun so far: how a member's reader is seen to have read nothing.
    begun: usize,
}

/// Reads the whole `text` as one value with `read` (whitespace around it allowed), lenient as
/// `parse_lenient` (half a surrogate pair reads as U+FFFD), refusing more than `max_values`.
pub fn document<'a, T>(text: &'a str, max_values: usize, read: impl FnOnce(&mut Pull<'a>) -> Step<T>) -> Result<T, ParseError> {
    let mut p = Pull { r: Reader::new(text, true, max_values), depth: 0, begun: 0 };
    let out = read(&mut p);
    p.finish(out)
}

/// Reads `text` as `document` does but strictly, as `parse` (and serde_json) read: half a
/// surrogate pair is refused, and there is no value cap (the proxy's store records and ops,
/// whose size the caller bounds).
pub fn strict<'a, T>(text: &'a str, read: impl FnOnce(&mut Pull<'a>) -> Step<T>) -> Result<T, ParseError> {
    let mut p = Pull { r: Reader::new(text, false, usize::MAX), depth: 0, begun: 0 };
    let out = read(&mut p);
    p.finish(out)
}

impl std::fmt::Debug for Pull<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pull").field("pos", &self.r.pos).field("depth", &self.depth).finish_non_exhaustive()
    }
}

impl<'a> Pull<'a> {
    /// The end of a document read into `out`: the rest checked, or the error placed.
    fn finish<T>(&mut self, out: Step<T>) -> Result<T, ParseError> {
        match out.and_then(|v| self.end().map(|()| v)) {
            Ok(v) => Ok(v),
            Err(Stop(f)) => Err(self.r.error(f)),
        }
    }

    /// After the document's reader: what it left unread is checked, then nothing may follow.
    fn end(&mut self) -> Step<()> {
        // A reader that read nothing has the whole value ahead: it is checked all the same.
        if self.begun == 0 {
            self.skip()?;
        }
        self.r.ws();
        if self.r.pos < self.r.text.len() {
            return Err(Stop(Fail::Syntax("trailing characters")));
        }
        Ok(())
    }

    /// The first byte of the next value (whitespace skipped), to choose how to read it.
    pub fn peek(&mut self) -> Option<u8> {
        self.r.ws();
        self.r.peek()
    }

    /// Starts a value, as the tree reader does: the depth and value caps, then its first byte.
    fn begin(&mut self) -> Step<u8> {
        if self.depth > MAX_DEPTH {
            return Err(Stop(Fail::TooDeep));
        }
        self.r.budget = self.r.budget.checked_sub(1).ok_or(Stop(Fail::TooMany))?;
        self.begun += 1;
        self.peek().ok_or(Stop(Fail::Syntax("EOF while parsing a value")))
    }

    /// Reads one value of any kind, building nothing; returns its span.
    pub fn skip(&mut self) -> Step<Range<usize>> {
        let start = self.peek_pos();
        match self.begin()? {
            b'{' => self.members(|_, _| Ok(()))?,
            b'[' => self.elements(|_| Ok(()))?,
            b'"' => {
                self.r.pos += 1;
                self.r.string()?;
            }
            b't' => drop(self.r.word("true", Value::Null)?),
            b'f' => drop(self.r.word("false", Value::Null)?),
            b'n' => drop(self.r.word("null", Value::Null)?),
            b'-' | b'0'..=b'9' => {
                self.r.number()?;
            }
            _ => return Err(Stop(Fail::Syntax("expected value"))),
        }
        Ok(start..self.r.pos)
    }

    fn peek_pos(&mut self) -> usize {
        self.r.ws();
        self.r.pos
    }

    /// A string: its value (borrowed from the text unless it has escapes) and the span of its
    /// literal, quotes included. Any other value is read and gives `None`.
    pub fn string(&mut self) -> Step<Option<(Cow<'a, str>, Range<usize>)>> {
        if self.peek() != Some(b'"') {
            return self.skip().map(|_| None);
        }
        let start = self.r.pos;
        self.begin()?;
        self.r.pos += 1;
        let s = self.r.string()?;
        Ok(Some((s, start..self.r.pos)))
    }

    /// `true` or `false`. Any other value is read and gives `None`.
    pub fn boolean(&mut self) -> Step<Option<bool>> {
        let v = match self.peek() {
            Some(b't') => true,
            Some(b'f') => false,
            _ => return self.skip().map(|_| None),
        };
        self.begin()?;
        self.r.word(if v { "true" } else { "false" }, Value::Null)?;
        Ok(Some(v))
    }

    /// A number, typed as the tree reader types it. Any other value is read and gives `None`.
    pub fn number(&mut self) -> Step<Option<Num>> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return self.skip().map(|_| None);
        }
        self.begin()?;
        Ok(Some(self.r.number()?))
    }

    /// An object: `member` is called with each key (unescaped) and reads its value; a value it
    /// leaves unread is skipped. Returns the object's span, or `None` (the value read, nothing
    /// called) when the value is not an object.
    pub fn object(&mut self, member: impl FnMut(&mut Self, Cow<'a, str>) -> Step<()>) -> Step<Option<Range<usize>>> {
        if self.peek() != Some(b'{') {
            return self.skip().map(|_| None);
        }
        let start = self.r.pos;
        self.begin()?;
        self.members(member)?;
        Ok(Some(start..self.r.pos))
    }

    /// An array: `element` is called for each element and reads it (or leaves it to be skipped).
    /// Returns the array's span, or `None` (the value read) when the value is not an array.
    pub fn array(&mut self, element: impl FnMut(&mut Self) -> Step<()>) -> Step<Option<Range<usize>>> {
        if self.peek() != Some(b'[') {
            return self.skip().map(|_| None);
        }
        let start = self.r.pos;
        self.begin()?;
        self.elements(element)?;
        Ok(Some(start..self.r.pos))
    }

    /// Calls `read` for one value one level down, and skips the value if it read none.
    fn child(&mut self, read: impl FnOnce(&mut Self) -> Step<()>) -> Step<()> {
        let before = self.begun;
        self.depth += 1;
        let out = read(self).and_then(|()| if self.begun == before { self.skip().map(drop) } else { Ok(()) });
        self.depth -= 1;
        out
    }

    /// The members of the object whose `{` is next (already begun).
    fn members(&mut self, mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Step<()>) -> Step<()> {
        self.r.pos += 1;
        if self.peek() == Some(b'}') {
            self.r.pos += 1;
            return Ok(());
        }
        loop {
            self.r.expect(b'"', "key must be a string")?;
            let key = self.r.string()?;
            self.r.expect(b':', "expected `:`")?;
            self.child(|p| member(p, key))?;
            match self.peek() {
                Some(b',') => self.r.pos += 1,
                Some(b'}') => {
                    self.r.pos += 1;
                    return Ok(());
                }
                _ => return Err(Stop(Fail::Syntax("expected `,` or `}`"))),
            }
        }
    }

    /// The elements of the array whose `[` is next (already begun).
    fn elements(&mut self, mut element: impl FnMut(&mut Self) -> Step<()>) -> Step<()> {
        self.r.pos += 1;
        if self.peek() == Some(b']') {
            self.r.pos += 1;
            return Ok(());
        }
        loop {
            self.child(&mut element)?;
            match self.peek() {
                Some(b',') => self.r.pos += 1,
                Some(b']') => {
                    self.r.pos += 1;
                    return Ok(());
                }
                _ => return Err(Stop(Fail::Syntax("expected `,` or `]`"))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans of every top-level member's value whose key is `want`, read by a pull.
    fn spans_of<'a>(text: &'a str, want: &str) -> Result<Vec<&'a str>, ParseError> {
        let mut found = Vec::new();
        document(text, usize::MAX, |p| {
            p.object(|p, key| {
                if key == want {
                    found.push(p.skip()?);
                }
                Ok(())
            })
            .map(drop)
        })?;
        Ok(found.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn reads_what_it_is_asked_and_checks_the_rest() {
        let t = r#" { "a" : [1, {"x":"]}"} ,"s\"]"] , "b":true,"c":-1.5e3, "\u0061":null } "#;
        assert_eq!(spans_of(t, "a").unwrap(), [r#"[1, {"x":"]}"} ,"s\"]"]"#, "null"]);
        assert_eq!(spans_of(t, "c").unwrap(), ["-1.5e3"]);
        // Whatever is skipped is still checked: the same text the tree reader refuses.
        for bad in ["{", r#"{"a":}"#, r#"{"a":1,}"#, r#"{"a":[1,]}"#, r#"{"a":01}"#, r#"{"a":"\x"}"#, r#"{"a":1e400}"#, "{} x", r#"{"a":tru}"#] {
            assert!(spans_of(bad, "z").is_err() && super::super::parse(bad).is_err(), "{bad}");
        }
        let nest = |n: usize| format!("{{\"a\":{}{}}}", "[".repeat(n), "]".repeat(n));
        assert!(spans_of(&nest(MAX_DEPTH), "z").is_ok() && super::super::parse(&nest(MAX_DEPTH)).is_ok());
        assert!(spans_of(&nest(MAX_DEPTH + 1), "z").unwrap_err().too_deep && super::super::parse(&nest(MAX_DEPTH + 1)).unwrap_err().too_deep);
        let many = document("[1,2,3]", 3, |p| p.skip()).unwrap_err();
        assert!(many.too_many);
        // Strings, numbers and arrays, each or anything else in its place.
        let t = r#"["s\u0041",7,{"k":1}]"#;
        let mut got = Vec::new();
        document(t, usize::MAX, |p| {
            p.array(|p| {
                got.push(format!("{:?} {:?}", p.string()?, p.peek()));
                Ok(())
            })
            .map(drop)
        })
        .unwrap();
        assert_eq!(got, [r#"Some(("sA", 1..10)) Some(44)"#, "None Some(44)", "None Some(93)"]);
        assert_eq!(document("  {}", 9, |p| p.number()).unwrap(), None);
        assert_eq!(document("-0", 9, |p| p.number()).unwrap(), Some(Num::F(-0.0)));
    }
}

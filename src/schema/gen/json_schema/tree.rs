//! A JSON tree that keeps its keys in the order they were written (serde_json's map sorts them,
//! and its order-keeping feature would grow the wasm), the schema-object builder that tags each
//! constraint with the rule it mirrors, and the writer of the committed module's text.

/// A JSON value; numbers are kept as their literal text.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as its JSON text.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object, members in order.
    Obj(Vec<(String, J)>),
}

impl From<&str> for J {
    fn from(s: &str) -> J {
        J::Str(s.to_owned())
    }
}
impl From<String> for J {
    fn from(s: String) -> J {
        J::Str(s)
    }
}
impl From<bool> for J {
    fn from(b: bool) -> J {
        J::Bool(b)
    }
}
impl From<i64> for J {
    fn from(n: i64) -> J {
        J::Num(n.to_string())
    }
}
impl From<u32> for J {
    fn from(n: u32) -> J {
        J::Num(n.to_string())
    }
}
impl From<usize> for J {
    fn from(n: usize) -> J {
        J::Num(n.to_string())
    }
}
impl From<f64> for J {
    fn from(n: f64) -> J {
        // Whole numbers without ".0": the same value, and what a reader expects.
        J::Num(if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() })
    }
}
impl From<S> for J {
    fn from(s: S) -> J {
        s.done()
    }
}
impl<T: Into<J>> From<Vec<T>> for J {
    fn from(v: Vec<T>) -> J {
        J::Arr(v.into_iter().map(Into::into).collect())
    }
}

/// A list of strings as a JSON array.
pub fn strs(v: &[&str]) -> J {
    J::Arr(v.iter().map(|s| J::from(*s)).collect())
}

/// The key JS reads to drop the keywords of a rule the caller turned down (js/json-schema.mjs
/// strips it from every document it hands out).
pub const RULE_KEY: &str = "x-kling-rule";

/// One schema object under construction: its keywords in order, and for each constraint the
/// rule(s) whose error it mirrors. A keyword tagged with several rules goes when any of them
/// is turned down (dropping more is always sound: the schema only gets looser).
#[derive(Debug, Clone, Default)]
pub struct S {
    kws: Vec<(String, J)>,
    rules: Vec<(String, Vec<&'static str>)>,
}

impl S {
    pub fn new() -> S {
        S::default()
    }
    /// An annotation or a structural keyword, tied to no rule.
    pub fn set(mut self, kw: &str, v: impl Into<J>) -> S {
        self.kws.push((kw.to_owned(), v.into()));
        self
    }
    /// A constraint the library reports under `rules`.
    pub fn rule(mut self, kw: &str, v: impl Into<J>, rules: &[&'static str]) -> S {
        self.kws.push((kw.to_owned(), v.into()));
        self.rules.push((kw.to_owned(), rules.to_vec()));
        self
    }
    /// `rule` for one rule.
    pub fn r(self, kw: &str, v: impl Into<J>, rule: &'static str) -> S {
        self.rule(kw, v, &[rule])
    }
    pub fn is_empty(&self) -> bool {
        self.kws.is_empty()
    }
    /// The schema object, its rule tags last.
    pub fn done(self) -> J {
        let mut kws = self.kws;
        if !self.rules.is_empty() {
            let tags = self.rules.into_iter().map(|(k, r)| (k, if r.len() == 1 { J::from(r[0]) } else { strs(&r) })).collect();
            kws.push((RULE_KEY.to_owned(), J::Obj(tags)));
        }
        J::Obj(kws)
    }
}

/// An object of named subschemas (`properties`, `$defs`).
pub fn obj(entries: Vec<(&str, J)>) -> J {
    J::Obj(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// Writes `v` as JSON text, indented by two spaces; a value whose one-line form is short stays
/// on one line (the module is read by people reviewing a diff, and shipped).
pub fn write(v: &J, indent: usize, out: &mut String) {
    let mut line = String::new();
    write_line(v, &mut line);
    if line.len() + 2 * indent <= 120 || !matches!(v, J::Arr(_) | J::Obj(_)) {
        out.push_str(&line);
        return;
    }
    let pad = |n: usize| "  ".repeat(n);
    let (open, close, items): (char, char, Vec<(Option<&str>, &J)>) = match v {
        J::Arr(a) => ('[', ']', a.iter().map(|x| (None, x)).collect()),
        J::Obj(o) => ('{', '}', o.iter().map(|(k, x)| (Some(k.as_str()), x)).collect()),
        _ => return,
    };
    out.push(open);
    out.push('\n');
    for (i, (k, x)) in items.iter().enumerate() {
        out.push_str(&pad(indent + 1));
        if let Some(k) = k {
            crate::json::write_str(out, k);
            out.push_str(": ");
        }
        write(x, indent + 1, out);
        out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
    }
    out.push_str(&pad(indent));
    out.push(close);
}

/// `v` as compact JSON text (no spaces).
pub fn write_compact(v: &J, out: &mut String) {
    write_with(v, out, (",", ":"));
}

/// `v` on one line, with a space after each `,` and `:`.
fn write_line(v: &J, out: &mut String) {
    write_with(v, out, (", ", ": "));
}

/// `v` on one line, with `sep` = (between items, after a key).
fn write_with(v: &J, out: &mut String, sep: (&str, &str)) {
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(n),
        J::Str(s) => crate::json::write_str(out, s),
        J::Arr(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep.0);
                }
                write_with(x, out, sep);
            }
            out.push(']');
        }
        J::Obj(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep.0);
                }
                crate::json::write_str(out, k);
                out.push_str(sep.1);
                write_with(x, out, sep);
            }
            out.push('}');
        }
    }
}

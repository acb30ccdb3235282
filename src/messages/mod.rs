//! Issue code -> message text, one table per language; `{name}` placeholders take the issue's params.

mod en;
mod zh;

use crate::issue::{Code, Locale, Param, Params};
use crate::json::{write_num, Num};

/// The template for a code in a language. Every code has one in every language (a test checks).
pub fn template(code: Code, locale: Locale) -> &'static str {
    match locale {
        Locale::En => en::text(code),
        Locale::Zh => zh::text(code),
    }
}

/// Renders a message: each `{name}` is replaced by the param of that name.
pub fn render(code: Code, locale: Locale, params: &Params) -> String {
    let tpl = template(code, locale);
    let mut out = String::with_capacity(tpl.len() + 16);
    let mut rest = tpl;
    // split_once, not `&rest[..i]`: indexing a str links core's slice-panic formatting (~5 KB).
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, next)) = after.split_once('}') else {
            out.push('{');
            out.push_str(after);
            rest = "";
            break;
        };
        match params.iter().find(|(k, _)| *k == name) {
            Some((_, p)) => push_param(&mut out, p, locale),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

fn push_param(out: &mut String, p: &Param, locale: Locale) {
    match p {
        Param::Int(i) => write_num(out, Num::I(*i)),
        Param::Num(n) => push_num(out, *n),
        Param::Str(s) => out.push_str(s),
        // A loop, not `join`: `[String]::join` would be one more copy of it in the wasm.
        Param::List(items) => {
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push_str(if locale == Locale::Zh { "、" } else { ", " });
                }
                out.push_str(item);
            }
        }
    }
}

/// A number as people read it, at most 3 decimals. Written without `f64`'s Display, whose
/// float-printing code would add ~15 KB to the wasm; serde_json's printer is linked anyway.
fn push_num(out: &mut String, n: f64) {
    let r = (n * 1000.0).round() / 1000.0;
    // (the JSON number writer: shortest round-trip digits, no formatting machinery)
    write_num(out, if r.fract() == 0.0 && r.abs() < 1e15 { Num::I(r as i64) } else { Num::F(r) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for &code in Code::ALL {
            for locale in [Locale::En, Locale::Zh] {
                let t = template(code, locale);
                assert!(!t.trim().is_empty(), "{:?} has no {:?} message", code, locale);
            }
            assert_ne!(template(code, Locale::En), template(code, Locale::Zh), "{:?} zh is a copy of en", code);
        }
    }

    #[test]
    fn renders_params() {
        let p: Params = vec![("max", 2500usize.into()), ("length", 2501usize.into())];
        assert_eq!(render(Code::TooLong, Locale::En, &p), "Too long: 2501 characters, at most 2500 allowed.");
    }
}

//! Issue code -> message text, one table per language; `{name}` placeholders take the issue's params.

mod en;
mod zh;

use crate::issue::{Code, Locale, Param, Params};

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
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match params.iter().find(|(k, _)| *k == name) {
                    Some((_, p)) => push_param(&mut out, p, locale),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn push_param(out: &mut String, p: &Param, locale: Locale) {
    match p {
        Param::Int(i) => out.push_str(&i.to_string()),
        Param::Num(n) => push_num(out, *n),
        Param::Str(s) => out.push_str(s),
        Param::List(items) => out.push_str(&items.join(if locale == Locale::Zh { "、" } else { ", " })),
    }
}

/// A number as people read it, at most 3 decimals. Written without `f64`'s Display, whose
/// float-printing code would add ~15 KB to the wasm; serde_json's printer is linked anyway.
fn push_num(out: &mut String, n: f64) {
    let r = (n * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        out.push_str(&(r as i64).to_string());
    } else {
        out.push_str(&serde_json::to_string(&r).unwrap_or_default());
    }
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

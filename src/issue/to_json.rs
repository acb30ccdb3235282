//! `Report::to_json` and a KlingError's `issues`, written with the crate's JSON writer instead
//! of serde's derived `Serialize` (which stays for the media module's results): serde_json's
//! serializer, its string escaper and the derives' code were the only serde serializer left in
//! the main module. The text is byte for byte what serde_json wrote (tests below, against
//! serde_json itself): fields in declaration order, `params` only when there are some, floats
//! as serde_json prints them, non-finite as `null`.

use super::{Issue, Param, Report, Severity};
use crate::json::{write_list, write_num, write_str, Num};

/// `{"ok":…,"issues":[…]}`.
pub(super) fn report(r: &Report) -> String {
    let mut out = String::with_capacity(32 + r.issues.iter().map(|i| i.path.len() + i.message.len() + 96).sum::<usize>());
    out.push_str(if r.ok { r#"{"ok":true,"issues":"# } else { r#"{"ok":false,"issues":"# });
    write_issues(&mut out, &r.issues);
    out.push('}');
    out
}

/// Appends `[issue, …]` as JSON (also the `issues` of a KlingError, bindings/errors.rs).
pub fn write_issues(out: &mut String, issues: &[Issue]) {
    write_list(out, issues, issue);
}

fn issue(out: &mut String, i: &Issue) {
    out.push_str(r#"{"path":"#);
    write_str(out, &i.path);
    out.push_str(r#","code":"#);
    write_str(out, i.code.as_str());
    out.push_str(r#","rule":"#);
    write_str(out, i.rule);
    out.push_str(match i.severity {
        Severity::Error => r#","severity":"error","message":"#,
        Severity::Warning => r#","severity":"warning","message":"#,
    });
    write_str(out, &i.message);
    if !i.params.is_empty() {
        out.push_str(r#","params":{"#);
        for (k, (name, value)) in i.params.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            write_str(out, name);
            out.push(':');
            param(out, value);
        }
        out.push('}');
    }
    out.push('}');
}

fn param(out: &mut String, p: &Param) {
    match p {
        Param::Int(n) => write_num(out, Num::I(*n)),
        Param::Num(f) => write_num(out, Num::F(*f)),
        Param::Str(s) => write_str(out, s),
        Param::List(items) => write_list(out, items, |out, s| write_str(out, s)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Code, Issue, Param, Report, Severity};
    use serde_json::{json, Value};

    /// What serde_json wrote for the derived `Serialize` (the oracle this file replaced): the
    /// same fields in the same order, each string and number written by serde_json itself.
    fn serde_text(r: &Report) -> String {
        let j = |v: Value| serde_json::to_string(&v).unwrap();
        let issues: Vec<String> = r
            .issues
            .iter()
            .map(|i| {
                let sev = if i.severity == Severity::Error { "error" } else { "warning" };
                let mut o = format!(
                    r#"{{"path":{},"code":{},"rule":{},"severity":{},"message":{}"#,
                    j(json!(i.path)),
                    j(json!(i.code.as_str())),
                    j(json!(i.rule)),
                    j(json!(sev)),
                    j(json!(i.message))
                );
                if !i.params.is_empty() {
                    let params: Vec<String> = i
                        .params
                        .iter()
                        .map(|(k, v)| {
                            let v = match v {
                                Param::Int(n) => json!(n),
                                Param::Num(f) => json!(f),
                                Param::Str(s) => json!(s),
                                Param::List(l) => json!(l),
                            };
                            format!("{}:{}", j(json!(k)), j(v))
                        })
                        .collect();
                    o.push_str(&format!(r#","params":{{{}}}"#, params.join(",")));
                }
                o.push('}');
                o
            })
            .collect();
        format!(r#"{{"ok":{},"issues":[{}]}}"#, r.ok, issues.join(","))
    }

    #[test]
    fn shape() {
        let r = Report { ok: false, issues: vec![issue("/p", Severity::Warning, "m", vec![("n", Param::Int(3)), ("l", Param::List(vec!["a".into()]))])] };
        assert_eq!(
            r.to_json(),
            r#"{"ok":false,"issues":[{"path":"/p","code":"invalid_json","rule":"GEN-JSON","severity":"warning","message":"m","params":{"n":3,"l":["a"]}}]}"#
        );
        assert_eq!(Report::default().to_json(), r#"{"ok":false,"issues":[]}"#);
    }

    fn issue(path: &str, severity: Severity, message: &str, params: Vec<(&'static str, Param)>) -> Issue {
        Issue { path: path.into(), code: Code::InvalidJson, rule: "GEN-JSON", severity, message: message.into(), params }
    }

    #[test]
    fn writes_what_serde_json_wrote() {
        let floats = [0.0, -0.0, 1.0, 5.5, 0.1, 1e21, 1.5e-7, 123456789.125, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE];
        let mut issues = vec![
            issue("", Severity::Error, "plain", vec![]),
            issue("/a~1b/0", Severity::Warning, "quote \" backslash \\ nl \n tab \t ctl \u{1} \u{7f} é 中 😀", vec![("s", "x\"y\u{0}".into())]),
            issue("/n", Severity::Error, "ints", vec![("a", Param::Int(0)), ("b", Param::Int(-42)), ("c", Param::Int(i64::MIN)), ("d", Param::Int(i64::MAX))]),
            issue("/l", Severity::Warning, "lists", vec![("empty", Param::List(vec![])), ("two", Param::List(vec!["a".into(), "\"b\"".into()]))]),
            issue("/dup", Severity::Error, "dup", vec![("k", Param::Int(1)), ("k", Param::Int(2))]),
        ];
        for f in floats {
            issues.push(issue("/f", Severity::Error, "float", vec![("v", Param::Num(f))]));
        }
        for ok in [true, false] {
            for n in 0..=issues.len() {
                let r = Report { ok, issues: issues[..n].to_vec() };
                assert_eq!(r.to_json(), serde_text(&r), "{n} issues");
            }
        }
        // Every code by name.
        for c in Code::ALL {
            let r = Report { ok: false, issues: vec![Issue { code: *c, ..issue("/x", Severity::Error, "m", vec![]) }] };
            assert_eq!(r.to_json(), serde_text(&r));
        }
    }
}

//! Checks read straight from a field declaration (`schema::Field`): the value's type, then its
//! enum, length, range or URL shape, under the field's own rule. The families of §8 are mostly
//! plain fields, so their checks are these plus a few cross-field rules.

use super::{basic, inputs, Ctx};
use crate::issue::Code;
use crate::json::Value;
use crate::pointer::join;
use crate::schema::{Field, Type};

/// A declared scalar field of `obj` (at `base`): reported as required when it must be there,
/// and by its type's check when present. Returns the value when it passed.
pub fn scalar<'v, 'a>(ctx: &mut Ctx, obj: &'v Value<'a>, base: &str, f: &Field) -> Option<&'v Value<'a>> {
    let v = if f.required { basic::require(ctx, obj, base, f.name)? } else { obj.field(f.name)? };
    value(ctx, v, &join(base, f.name), f).then_some(v)
}

/// The string a declared string, enum or URL field holds, when it passed its checks.
pub fn text<'v>(ctx: &mut Ctx, obj: &'v Value, base: &str, f: &Field) -> Option<&'v str> {
    scalar(ctx, obj, base, f).and_then(Value::as_str)
}

/// Checks `v` (at `path`) as the declared field `f` takes it; objects and lists are the
/// family's to walk.
pub fn value(ctx: &mut Ctx, v: &Value, path: &str, f: &Field) -> bool {
    match f.ty {
        Type::Str { max, non_empty } => {
            let Some(s) = basic::str_of(ctx, v, path) else { return false };
            (!non_empty || basic::non_empty(ctx, s, path)) && (max == 0 || basic::max_len(ctx, s, path, max))
        }
        Type::Enum(values) => {
            let Some(s) = basic::str_of(ctx, v, path) else { return false };
            enum_value(ctx, s, path, values, f.rule)
        }
        Type::Float { min, max } => basic::num_of(ctx, v, path).is_some_and(|n| basic::range(ctx, n.as_f64(), path, min, max)),
        Type::Int { min, max } => basic::int_of(ctx, v, path).is_some_and(|n| basic::range(ctx, n as f64, path, min as f64, max as f64)),
        Type::Bool => match v {
            Value::Bool(_) => true,
            _ => {
                basic::wrong_type(ctx, path, "boolean", v);
                false
            }
        },
        Type::Url => inputs::media_url(ctx, v, path),
        Type::Image => inputs::image(ctx, v, path),
        _ => true,
    }
}

/// `s` is one of `values`; reported under the field's rule (GEN-ENUM or the family's own) otherwise.
fn enum_value(ctx: &mut Ctx, s: &str, path: &str, values: &[&str], rule: &'static str) -> bool {
    if values.contains(&s) {
        return true;
    }
    ctx.error(path, Code::InvalidEnum, rule, vec![("value", s.into()), ("allowed", values.into())]);
    false
}

/// The file extension the last path segment of an http(s) URL names, lower-cased ("" when none).
pub fn url_extension(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let after_host = path.splitn(4, '/').nth(3).unwrap_or("");
    let last = after_host.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            ext.to_ascii_lowercase()
        }
        _ => String::new(),
    }
}

/// Reports (under `rule`) a URL whose path names a file type outside `allowed`; a URL with no
/// extension (a signed or generated link) passes: only the server can tell its type.
pub fn file_type(ctx: &mut Ctx, url: &str, path: &str, allowed: &[&str], rule: &'static str) {
    let ext = url_extension(url);
    if !ext.is_empty() && !allowed.contains(&ext.as_str()) {
        ctx.error(path, Code::FileExtension, rule, vec![("extension", ext.into()), ("allowed", allowed.into())]);
    }
}

#[cfg(test)]
mod tests {
    use super::url_extension;

    #[test]
    fn extensions_come_from_the_last_path_segment() {
        assert_eq!(url_extension("https://a.example/x/clip.MP4?sig=1.2"), "mp4");
        assert_eq!(url_extension("https://a.example/x/clip"), "");
        assert_eq!(url_extension("https://a.example.com/"), "");
        assert_eq!(url_extension("https://a.example.com"), "");
        assert_eq!(url_extension("https://a.example/.hidden"), "");
        assert_eq!(url_extension("https://a.example/v.tar.gz#frag"), "gz");
    }
}

//! A schema-guided request generator: turns fuzzer bytes into JSON text that mostly follows a
//! family's shape (known keys, enum values, prompts with references, element ids), so inputs get
//! past the type checks and deep into the rules; now and then a value is wild (another type, a
//! JS marker, an unknown or duplicate key) so the error paths are reached too.

use crate::schema::{fields, Shape};
use arbitrary::{Result, Unstructured};
use kling_wasm::caps::MODELS;
use kling_wasm::json::{write_num, write_str, Num};
use kling_wasm::{Endpoint, Level, Locale, Options};

/// Nesting bound for wild values (the parser's own cap is fuzzed by `json_parse`).
const MAX_WILD_DEPTH: usize = 4;

/// A request text for `endpoint`.
pub fn request(u: &mut Unstructured, endpoint: Endpoint) -> Result<String> {
    let mut out = String::with_capacity(512);
    object(u, fields(endpoint), &mut out, true)?;
    Ok(out)
}

/// Options: usually the defaults; sometimes a rule policy, zh messages, exact numbers and a
/// cached element type.
pub fn options(u: &mut Unstructured) -> Result<Options> {
    let mut opts = Options::default();
    if u.ratio(1u8, 2u8)? {
        return Ok(opts);
    }
    opts.exact_numbers = u.arbitrary()?;
    if u.arbitrary()? {
        opts.locale = Locale::Zh;
    }
    if u.arbitrary()? {
        opts.element_types.push(("829836802793406551".into(), "video_refer".into()));
    }
    for _ in 0..u.int_in_range(0..=3u8)? {
        let rule = *u.choose(RULES)?;
        let level = *u.choose(&[Level::Off, Level::Warning, Level::Error])?;
        opts.rules.push((rule.to_owned(), level));
    }
    Ok(opts)
}

/// Rule ids a policy may name (the general ones and each family's).
const RULES: &[&str] = &[
    "GEN-JSON",
    "GEN-TYPE",
    "GEN-ENUM",
    "GEN-LENGTH",
    "GEN-RANGE",
    "GEN-REQUIRED",
    "GEN-EMPTY",
    "GEN-UNKNOWN",
    "GEN-DUPLICATE",
    "GEN-COUNT",
    "GEN-URL",
    "GEN-IMAGE",
    "GEN-INT64",
    "GEN-DURATION",
    "GEN-MODEL-DEFAULT",
    "GEN-REF",
    "GEN-REF-UNUSED",
    "GEN-MODEL",
    "GEN-CAMERA",
    "GEN-MOTION-BRUSH",
    "GEN-CAPS",
    "OV-1",
    "OV-1-intelligence",
    "OV-2",
    "OV-3",
    "OV-4",
    "OV-5",
    "OV-6",
    "OV-7",
    "OV-8",
    "OV-9",
    "OV-10",
    "OV-11",
    "OV-12",
    "OV-13",
    "OV-14",
    "OV-15",
    "OV-16",
    "OV-17",
    "OV-18",
    "OV-19",
    "TV-1",
    "TV-2",
    "TV-2-cfg_scale",
    "TV-3",
    "TV-4",
    "TV-5",
    "TV-6",
    "IV-1",
    "IV-2",
    "IV-3",
    "IV-4",
    "IV-5",
    "IV-6",
    "IV-7",
    "IV-8",
    "IV-8-cfg_scale",
    "OI-1",
    "OI-2",
    "OI-3",
    "OI-3-image",
    "OI-4",
    "OI-5",
    "IG-1",
    "IG-2",
    "IG-3",
    "IG-4",
    "IG-5",
    "IG-6",
    "IG-7",
    "EL-1",
    "EL-2",
    "EL-3",
    "EL-4",
    "EL-5",
    "VC-1",
    "VC-2",
];

fn object(u: &mut Unstructured, keys: &'static [(&'static str, Shape)], out: &mut String, top: bool) -> Result<()> {
    out.push('{');
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
    };
    for (key, shape) in keys {
        // The top level keeps about half its keys, nested objects most of theirs.
        let keep = if top { u.ratio(1u8, 2u8)? } else { u.ratio(7u8, 8u8)? };
        if !keep {
            continue;
        }
        sep(out);
        write_str(out, key);
        out.push(':');
        value(u, shape, out, 1)?;
    }
    if u.ratio(1u8, 16u8)? {
        // An unknown key, a duplicate of a known one, or a JSON null.
        sep(out);
        let key = match u.int_in_range(0..=2u8)? {
            0 => "promt",
            1 => keys.first().map_or("x", |k| k.0),
            _ => u.choose(keys).map_or("x", |k| k.0),
        };
        write_str(out, key);
        out.push(':');
        if u.arbitrary()? {
            out.push_str("null");
        } else {
            wild(u, out, 1)?;
        }
    }
    out.push('}');
    Ok(())
}

fn value(u: &mut Unstructured, shape: &'static Shape, out: &mut String, depth: usize) -> Result<()> {
    if u.ratio(1u8, 12u8)? {
        return wild(u, out, depth);
    }
    match shape {
        Shape::Model => {
            let names: Vec<&str> = MODELS.iter().map(|m| m.model).chain(["kling-v9", "", "KLING-V3"]).collect();
            write_str(out, u.choose(&names)?);
        }
        Shape::Enum(values) => {
            let v = if u.ratio(1u8, 10u8)? { *u.choose(&["", "STD", "pro ", "16:10", "none"])? } else { *u.choose(values)? };
            write_str(out, v);
        }
        Shape::Duration => match u.int_in_range(0..=5u8)? {
            0..=2 => write_str(out, &u.int_in_range(0..=16u32)?.to_string()),
            3 => write_num(out, Num::U(u.int_in_range(0..=16u64)?)),
            4 => out.push_str(u.choose(&["5.0", "5.5", "-5", "1e1", "18446744073709551616"])?),
            _ => write_str(out, u.choose(&["05", "5s", "", " 5", "99999", "٥"])?),
        },
        Shape::Bool => out.push_str(if u.arbitrary()? { "true" } else { "false" }),
        Shape::Prompt => prompt(u, out)?,
        Shape::Image => write_str(out, u.choose(IMAGES)?),
        Shape::Url => write_str(out, u.choose(URLS)?),
        Shape::ElementId => out.push_str(u.choose(ELEMENT_IDS)?),
        Shape::Num(lo, hi) => {
            let f = if u.ratio(1u8, 8u8)? { u.arbitrary::<f64>()? } else { lo + (hi - lo) * f64::from(u.int_in_range(0..=100u8)?) / 100.0 };
            if u.ratio(1u8, 4u8)? && f.fract() == 0.0 && f.abs() < 1e15 {
                write_num(out, Num::I(f as i64));
            } else {
                write_num(out, Num::F(f));
            }
        }
        Shape::Int(lo, hi) => {
            let i = if u.ratio(1u8, 8u8)? { u.arbitrary::<i64>()? } else { u.int_in_range(*lo..=*hi)? };
            write_num(out, Num::I(i));
        }
        Shape::Text => {
            let s: &str = if u.arbitrary()? { u.choose(&["job-1", "", " ", "用户:任务"])? } else { u.arbitrary()? };
            write_str(out, s);
        }
        Shape::List(item, bound) => {
            out.push('[');
            let len = u.int_in_range(0..=*bound + 1)?;
            for i in 0..len {
                if i > 0 {
                    out.push(',');
                }
                value(u, item, out, depth + 1)?;
            }
            out.push(']');
        }
        Shape::Obj(keys) => object(u, keys, out, false)?,
    }
    Ok(())
}

const IMAGES: &[&str] = &[
    "https://example.com/a.png",
    "http://cdn.example.com/x/y.jpg?sig=1",
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
    "aGVsbG8gd29ybGQ=",
    "data:image/png;base64,iVBORw0KGgo=",
    "DATA:image/png;base64,iVBORw0KGgo=",
    "",
    "   ",
    "ftp://example.com/a.png",
    "https://",
    "https://:80/a.png",
    "https://exa mple.com/a.png",
    "abc=",
    "ab==c===",
];
const URLS: &[&str] = &["https://example.com/v.mp4", "http://h/cb", "https://user@host/x", "", "ftp://h/v.mp4", "https://", "//h/v.mp4", "https://h/\u{0}"];
const ELEMENT_IDS: &[&str] = &[
    "\"829836802793406551\"",
    "\"0012\"",
    "\"0\"",
    "\"9223372036854775807\"",
    "\"9223372036854775808\"",
    "\"-1\"",
    "\"1e3\"",
    "\"\"",
    "\"12a\"",
    "123",
    "829836802793406551",
    "9007199254740993",
    "18446744073709551615",
    "1.5",
    "-7",
    "{\"\\u0000js\":\"bigint\",\"v\":\"829836802793406551\"}",
    "{\"\\u0000js\":\"bigint\",\"v\":\"00042\"}",
    "{\"\\u0000js\":\"bigint\",\"v\":\"-3\"}",
    "{\"\\u0000js\":\"bigint\",\"v\":\"1,\\\"x\\\":2\"}",
];

/// Prompt pieces: words, references (some dangling), and now and then a run long enough to
/// cross the 512 / 2500 code-point limits.
fn prompt(u: &mut Unstructured, out: &mut String) -> Result<()> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=6u8)? {
        match u.int_in_range(0..=9u8)? {
            0..=3 => s.push_str(u.choose(&["a cat walks", " ", "镜头推进", "\n", "\"q\"", "\\", "\u{0}", "<<<", ">>>", "😀"])?),
            4..=7 => {
                let kind = u.choose(&["image", "element", "video", "voice", "object", "audio"])?;
                let n = u.int_in_range(0..=11u8)?;
                s.push_str(&format!("<<<{kind}_{n}>>>"));
            }
            8 => {
                let c = u.choose(&["x", "é", "😀"])?;
                s.push_str(&c.repeat(u.int_in_range(500..=2600usize)?));
            }
            _ => s.push_str(u.arbitrary::<&str>()?),
        }
    }
    write_str(out, &s);
    Ok(())
}

/// A value of any type, JS markers included.
fn wild(u: &mut Unstructured, out: &mut String, depth: usize) -> Result<()> {
    let top = if depth >= MAX_WILD_DEPTH { 8 } else { 10 };
    match u.int_in_range(0..=top)? {
        0 => out.push_str("null"),
        1 => out.push_str(if u.arbitrary()? { "true" } else { "false" }),
        2 => write_num(out, Num::I(u.arbitrary()?)),
        3 => write_num(out, Num::F(u.arbitrary()?)),
        4 => write_num(out, Num::U(u.arbitrary()?)),
        5 => write_str(out, u.arbitrary()?),
        6 => {
            let kind = u.choose(&["NaN", "Infinity", "-Infinity"])?;
            out.push_str(&format!("{{\"\\u0000js\":\"number\",\"v\":\"{kind}\"}}"));
        }
        7 => {
            let kind = u.choose(&["undefined", "function", "symbol"])?;
            out.push_str(&format!("{{\"\\u0000js\":\"{kind}\"}}"));
        }
        8 => {
            out.push_str("{\"\\u0000js\":\"bigint\",\"v\":");
            write_str(out, u.choose(&["12", "-0", "99999999999999999999999", "", "1]"])?);
            out.push('}');
        }
        9 => {
            out.push('[');
            for i in 0..u.int_in_range(0..=3u8)? {
                if i > 0 {
                    out.push(',');
                }
                wild(u, out, depth + 1)?;
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            for i in 0..u.int_in_range(0..=3u8)? {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, u.choose(&["enabled", "type", "x", "__proto__", "constructor", "\u{0}js", "v"])?);
                out.push(':');
                wild(u, out, depth + 1)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

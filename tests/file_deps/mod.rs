//! What one Rust source file names of the crate, for tests/no_cycles.rs: its `use` trees and the
//! paths in its code, as written (resolving them needs the whole tree, which no_cycles.rs has).
//! A small lexer drops comments, strings and char literals first, so a path in a doc comment or a
//! message is not a dependency. Not a Rust parser: it knows just enough for how this crate writes
//! paths (`use` trees with braces, `self`, `as`, globs; `crate::`/`super::`/`self::` and imported
//! names in code; inline `mod x { ... }`, whose `super` is the file's own module).

use std::collections::BTreeSet;

/// A path the file names: its segments as written, the module it is written in (the file's module
/// path plus any inline modules), and where.
#[derive(Debug, Clone)]
pub struct Named {
    pub segments: Vec<String>,
    pub inline: Vec<String>,
    pub line: usize,
    /// From a `use`: the name it binds (`None` for a glob or `self`-less brace), and whether a glob.
    pub binds: Option<String>,
    pub glob: bool,
    pub is_use: bool,
    /// Inside a `#[cfg(test)]` inline module (a file's unit tests).
    pub in_test: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

/// The tokens of `src` with their line numbers; comments and literals are gone.
fn lex(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= c.len() {
                    break;
                } else if c[i] == '/' && at(i + 1) == '*' {
                    (depth, i) = (depth + 1, i + 2);
                } else if c[i] == '*' && at(i + 1) == '/' {
                    (depth, i) = (depth - 1, i + 2);
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(c[i] == '\n');
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i + 1, 0, &mut line);
        } else if ch == '\'' {
            // A char literal ('a', '\n', '"') or a lifetime ('a, 'static): only the first is skipped.
            if at(i + 1) == '\\' {
                i += 3; // past the quote, the backslash and the escaped char ('\'' included)
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || (c[i] == '.' && at(i + 1).is_ascii_digit())) {
                i += 1;
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            // Raw strings (r"..", r#".."#, br"..", cr#".."#) and byte strings (b"..").
            let raw = matches!(word.as_str(), "r" | "br" | "cr");
            if raw && (at(i) == '"' || at(i) == '#') {
                let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
                if at(i + hashes) == '"' {
                    i = skip_string(&c, i + hashes + 1, hashes, &mut line);
                    continue;
                }
                // r#ident: a raw identifier.
                if word == "r" && hashes == 1 {
                    i += 1;
                    continue;
                }
            }
            if matches!(word.as_str(), "b" | "c") && at(i) == '"' {
                i = skip_string(&c, i + 1, 0, &mut line);
                continue;
            }
            out.push((Tok::Ident(word), line));
        } else if ch == ':' && at(i + 1) == ':' {
            out.push((Tok::PathSep, line));
            i += 2;
        } else if ch == '$' && c[i + 1..].starts_with(&['c', 'r', 'a', 't', 'e']) {
            i += 1; // `$crate` in a macro is `crate`
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// The index after a string's closing quote (followed by `hashes` `#` for a raw string). Escapes
/// only matter in a non-raw string, where `\"` does not close it.
fn skip_string(c: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' if hashes == 0 => i += 1,
            '"' if c[i + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes => return i + 1 + hashes,
            '\n' => *line += 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The names `src` defines (`fn`, `struct`, `const`, ... at any depth, methods too: an over-
/// approximation that only decides which of a definition and an import of the same name a path
/// means; the definition wins, as a file's own items are what it exports).
pub fn defined(src: &str) -> BTreeSet<String> {
    let toks = lex(src);
    let keyword = |t: &Tok| matches!(t, Tok::Ident(w) if matches!(w.as_str(), "fn" | "struct" | "enum" | "union" | "trait" | "type" | "const" | "static" | "macro_rules"));
    let mut out = BTreeSet::new();
    for pair in toks.windows(3) {
        if keyword(&pair[0].0) {
            // `macro_rules! name`: the name is after the `!`.
            let name = if pair[1].0 == Tok::Punct('!') { &pair[2].0 } else { &pair[1].0 };
            if let Tok::Ident(w) = name {
                out.insert(w.clone());
            }
        }
    }
    out
}

/// Every path `src` names: one `Named` per leaf of each `use` tree, and each path in code that
/// starts with `crate`, `super` or `self` or with a name (an import, a child module) that the
/// caller resolves or drops.
pub fn named(src: &str) -> Vec<Named> {
    let toks = lex(src);
    let ident = |k: usize| match toks.get(k) {
        Some((Tok::Ident(w), _)) => Some(w.as_str()),
        _ => None,
    };
    let (mut out, mut inline, mut opened, mut depth) = (Vec::new(), Vec::<String>::new(), Vec::<(usize, bool)>::new(), 0usize);
    let in_test = |opened: &[(usize, bool)]| opened.iter().any(|o| o.1);
    let mut k = 0;
    while k < toks.len() {
        let line = toks[k].1;
        match &toks[k].0 {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if opened.last().map(|o| o.0) == Some(depth) {
                    opened.pop();
                    inline.pop();
                }
            }
            // `mod name {`: an inline module (`mod name;` is a file, found by the directory walk).
            Tok::Ident(w) if w == "mod" && toks.get(k + 2).map(|t| &t.0) == Some(&Tok::Punct('{')) => {
                if let Some(name) = ident(k + 1) {
                    // `#[cfg(test)]` right before it (a `pub` may come between).
                    let attr: Vec<&Tok> = toks[..k].iter().rev().skip_while(|t| t.0 == Tok::Ident("pub".into())).take(7).map(|t| &t.0).collect();
                    let test = attr.len() == 7 && attr[1] == &Tok::Punct(')') && attr[2] == &Tok::Ident("test".into()) && attr[4] == &Tok::Ident("cfg".into());
                    inline.push(name.to_owned());
                    opened.push((depth, test));
                    depth += 1;
                    k += 3;
                    continue;
                }
            }
            // `use` trees (not `use<..>`, the precise-capturing bound).
            Tok::Ident(w) if w == "use" && toks.get(k + 1).map(|t| &t.0) != Some(&Tok::Punct('<')) => {
                let mut leaves = Vec::new();
                k = use_tree(&toks, k + 1, Vec::new(), &mut leaves);
                for (segments, binds, glob) in leaves {
                    out.push(Named { segments, inline: inline.clone(), line, binds, glob, is_use: true, in_test: in_test(&opened) });
                }
                continue;
            }
            // A path in code: `a::b::c` not preceded by `::` (its start is its first segment).
            Tok::Ident(w) if toks.get(k + 1).map(|t| &t.0) == Some(&Tok::PathSep) && k.checked_sub(1).map(|p| &toks[p].0) != Some(&Tok::PathSep) => {
                let mut segments = vec![w.clone()];
                while toks.get(k + 1).map(|t| &t.0) == Some(&Tok::PathSep) {
                    let Some(next) = ident(k + 2) else { break };
                    segments.push(next.to_owned());
                    k += 2;
                }
                out.push(Named { segments, inline: inline.clone(), line, binds: None, glob: false, is_use: false, in_test: in_test(&opened) });
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// Parses one use tree at `k` under `prefix`, pushing (segments, bound name, glob) per leaf;
/// returns the index after it (after the `;` at the top level).
fn use_tree(toks: &[(Tok, usize)], mut k: usize, mut prefix: Vec<String>, leaves: &mut Vec<(Vec<String>, Option<String>, bool)>) -> usize {
    let top = prefix.is_empty();
    loop {
        match toks.get(k).map(|t| &t.0) {
            Some(Tok::PathSep) => k += 1,
            Some(Tok::Ident(w)) if w == "as" => {
                let name = match toks.get(k + 1).map(|t| &t.0) {
                    Some(Tok::Ident(n)) => n.clone(),
                    _ => String::new(),
                };
                if let Some(last) = leaves.last_mut() {
                    last.1 = Some(name).filter(|n| n != "_");
                }
                k += 2;
            }
            Some(Tok::Ident(w)) => {
                // `self` in braces is the prefix itself, bound under its last segment.
                if w != "self" || prefix.is_empty() {
                    prefix.push(w.clone());
                }
                let at_end = !matches!(toks.get(k + 1).map(|t| &t.0), Some(Tok::PathSep));
                if at_end {
                    leaves.push((prefix.clone(), prefix.last().cloned(), false));
                }
                k += 1;
            }
            Some(Tok::Punct('*')) => {
                leaves.push((prefix.clone(), None, true));
                k += 1;
            }
            Some(Tok::Punct('{')) => {
                k += 1;
                while !matches!(toks.get(k).map(|t| &t.0), Some(Tok::Punct('}')) | None) {
                    k = use_tree(toks, k, prefix.clone(), leaves);
                    if toks.get(k).map(|t| &t.0) == Some(&Tok::Punct(',')) {
                        k += 1;
                    }
                }
                k += 1;
            }
            Some(Tok::Punct(';')) if top => return k + 1,
            _ => return k,
        }
    }
}

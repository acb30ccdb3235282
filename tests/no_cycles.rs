//! No file of src/ depends on itself through others: the graph of file-level dependencies has no
//! cycle. A cycle makes two files one unit in all but name (neither can be read, tested or
//! changed alone) and is how a layered design quietly erodes; this test keeps it from coming back.
//!
//! A file depends on the file that defines what it names: through `use crate::…`, `use super::…`
//! (re-exports followed to the defining file) and `crate::`/`super::`/imported paths in code.
//! Naming a module alone (`use super::forward;`) is not a dependency; using what is in it is.
//! A directory module's `mod.rs` (and lib.rs, and `caps.rs` beside `caps/`) declaring and
//! re-exporting its own children is structure, not a dependency: its edges into its own subtree
//! are left out, while a child's use of what its parent defines counts. A file's unit tests
//! (`#[cfg(test)] mod …`) are left out too: they are not part of the library's structure, and a
//! test may well check one file against another. All of src/ is read, bindings/ included (its
//! `#[path]` module maps to the same files the directory walk finds).

mod file_deps;

use file_deps::Named;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Cycles that exist today and are being removed elsewhere, each as the sorted files of its
/// strongly connected component. Keep this empty: an entry is a debt with an owner. The test
/// fails if a listed cycle is gone (or changed), so the list cannot go stale.
const KNOWN: &[&[&str]] = &[];

type ModPath = Vec<String>;

/// Every .rs file under src/ and what it names.
struct Tree {
    /// module path ([] for lib.rs) -> file ("proxy/forward/mod", "lib")
    modules: BTreeMap<ModPath, String>,
    /// file -> its module path
    module_of: BTreeMap<String, ModPath>,
    named: BTreeMap<String, Vec<Named>>,
    /// file -> the names it defines
    defined: BTreeMap<String, BTreeSet<String>>,
    /// file -> the names its `use`s bind, as absolute paths (its child modules see them too, so
    /// `super::Name` follows them to the file that defines Name)
    imports: BTreeMap<String, BTreeMap<String, ModPath>>,
}

/// (file name relative to `root` without ".rs", text) of every .rs file under `dir`.
fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            walk(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under src/").with_extension("");
            out.push((rel.to_string_lossy().replace('\\', "/"), std::fs::read_to_string(&path).expect("a source file is UTF-8")));
        }
    }
}

impl Tree {
    fn read(root: &Path) -> Tree {
        let mut files = Vec::new();
        walk(root, root, &mut files);
        let mut tree =
            Tree { modules: BTreeMap::new(), module_of: BTreeMap::new(), named: BTreeMap::new(), defined: BTreeMap::new(), imports: BTreeMap::new() };
        for (name, src) in files {
            let mut module: ModPath = name.split('/').map(str::to_owned).collect();
            if module.last().is_some_and(|m| m == "mod") || name == "lib" {
                module.pop();
            }
            tree.modules.insert(module.clone(), name.clone());
            tree.module_of.insert(name.clone(), module);
            tree.named.insert(name.clone(), file_deps::named(&src));
            tree.defined.insert(name.clone(), file_deps::defined(&src));
            tree.imports.insert(name, BTreeMap::new());
        }
        // An import may go through another (`use super::forward; use forward::list;`), in any
        // order: a few rounds reach the fixed point.
        for _ in 0..4 {
            let mut found = Vec::new();
            for (file, named) in &tree.named {
                for n in named.iter().filter(|n| n.is_use && !n.in_test) {
                    if let (Some(name), Some(abs)) = (&n.binds, tree.absolute(file, n)) {
                        found.push((file.clone(), name.clone(), abs));
                    }
                }
            }
            for (file, name, abs) in found {
                tree.imports.get_mut(&file).expect("every file has imports").insert(name, abs);
            }
        }
        tree
    }

    /// The absolute module path `n` names, or None for another crate's (std, serde, js_sys...).
    fn absolute(&self, file: &str, n: &Named) -> Option<ModPath> {
        let mut cur = self.module_of[file].clone();
        cur.extend(n.inline.iter().cloned());
        let (first, rest) = n.segments.split_first()?;
        match first.as_str() {
            "crate" => Some(rest.to_vec()),
            "self" => Some([cur, rest.to_vec()].concat()),
            "super" => {
                let up = n.segments.iter().take_while(|s| *s == "super").count();
                let base = cur.get(..cur.len().checked_sub(up)?)?.to_vec();
                Some([base, n.segments[up..].to_vec()].concat())
            }
            _ if self.modules.contains_key(&[cur.clone(), vec![first.clone()]].concat()) => Some([cur, n.segments.clone()].concat()),
            _ => self.imports[file].get(first).map(|abs| [abs.clone(), rest.to_vec()].concat()),
        }
    }

    /// The file that defines what `abs` names, and whether `abs` is that module itself. An
    /// import of the module that holds the name is followed (a re-export, or `super::Name`).
    fn resolve(&self, abs: &[String], depth: usize) -> (String, bool) {
        let k = (0..=abs.len()).rev().find(|&k| self.modules.contains_key(&abs[..k])).expect("lib.rs is the root");
        let file = &self.modules[&abs[..k]];
        if k == abs.len() {
            // A module and an item of the same name (`pub use create::create;` in forward/mod.rs)
            // live in different namespaces: `forward::create(..)` is the item, so follow it.
            let parent = abs.split_last().and_then(|(last, up)| Some((last, self.modules.get(up)?)));
            return match parent.and_then(|(last, up)| self.imports[up].get(last)) {
                Some(target) if depth < 16 && target[..] != abs[..] => (self.resolve(target, depth + 1).0, false),
                _ => (file.clone(), true),
            };
        }
        // What the file defines itself wins over an import of the same name in another namespace
        // (notify.rs defines `fn callback` and imports the module `callback`).
        match self.imports[file].get(&abs[k]).filter(|_| !self.defined[file].contains(&abs[k])) {
            Some(target) if depth < 16 && target[..] != abs[..=k] => self.resolve(&[target.clone(), abs[k + 1..].to_vec()].concat(), depth + 1),
            _ => (file.clone(), false),
        }
    }

    /// file -> file it depends on -> the first place that says so ("line 12: crate::x::y").
    fn edges(&self) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (file, named) in &self.named {
            let own = &self.module_of[file];
            let out = edges.entry(file.clone()).or_default();
            for n in named.iter().filter(|n| !n.in_test) {
                let Some(abs) = self.absolute(file, n) else { continue };
                let (target, exact) = self.resolve(&abs, 0);
                let theirs = &self.module_of[&target];
                // A module named alone (not a glob of it), the file itself, or a child of a
                // directory module: not a dependency (see the top of this file).
                if (exact && !n.glob) || target == *file || (theirs.starts_with(own) && theirs.len() > own.len()) {
                    continue;
                }
                out.entry(target).or_insert_with(|| format!("line {}: {}{}", n.line, n.segments.join("::"), if n.glob { "::*" } else { "" }));
            }
        }
        edges
    }
}

/// The strongly connected components of more than one file (Tarjan), each sorted.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<Vec<String>> {
    struct State<'e> {
        edges: &'e BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'e str, (usize, usize)>,
        stack: Vec<&'e str>,
        on_stack: BTreeSet<&'e str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'e>(s: &mut State<'e>, v: &'e str) {
        let i = s.index.len();
        s.index.insert(v, (i, i));
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flat_map(|m| m.keys()) {
            let low = if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                s.index[w.as_str()].1
            } else if s.on_stack.contains(w.as_str()) {
                s.index[w.as_str()].0
            } else {
                continue;
            };
            let entry = s.index.get_mut(v).expect("visited");
            entry.1 = entry.1.min(low);
        }
        if s.index[v].0 == s.index[v].1 {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut s = State { edges, index: BTreeMap::new(), stack: Vec::new(), on_stack: BTreeSet::new(), found: Vec::new() };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// One way round a component, each step with the place that makes it: what to read to break it.
fn explain(group: &[String], edges: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    let inside = |f: &String| group.contains(f);
    // Breadth-first from the first file back to itself, staying inside the component.
    let start = &group[0];
    let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in edges[v].keys().filter(|w| inside(w)) {
            if w == start || came_from.contains_key(w) {
                if w == start {
                    let mut steps = vec![(v, w)];
                    let mut at = v;
                    while at != start {
                        let prev = came_from[at];
                        steps.push((prev, at));
                        at = prev;
                    }
                    steps.reverse();
                    return steps.iter().map(|(a, b)| format!("\n    {a} -> {b} ({a}.rs {})", edges[*a][*b])).collect();
                }
                continue;
            }
            came_from.insert(w, v);
            queue.push_back(w);
        }
    }
    String::new()
}

#[test]
fn src_has_no_file_cycles() {
    let tree = Tree::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let edges = tree.edges();
    // The reader must see the tree's real dependencies, or an empty graph would pass.
    assert!(edges["media/check"].contains_key("media/facts") && edges["rules/camera"].contains_key("rules/run"), "the dependency reader lost its way");
    let found = cycles(&edges);
    let known: Vec<Vec<String>> = KNOWN.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect();
    let mut problems = String::new();
    for group in found.iter().filter(|g| !known.contains(g)) {
        problems += &format!("\n  a cycle through {}:{}", group.join(", "), explain(group, &edges));
    }
    for group in known.iter().filter(|g| !found.contains(g)) {
        problems += &format!("\n  KNOWN lists a cycle that no longer exists (as listed): {} — take it out of KNOWN", group.join(", "));
    }
    assert!(problems.is_empty(), "file dependency cycles in src/:{problems}");
}

#[test]
fn the_reader_skips_comments_and_literals_and_reads_use_trees() {
    let src = r##"
        //! crate::doc::comment is no path
        use super::{self as up, a::{b, c as d}, e::*};
        pub(crate) use crate::x::y;
        const S: &str = "crate::in_string"; const R: &str = r#"crate::in_raw"#; const C: char = '"';
        fn f<'a>(v: &'a str) { /* crate::in /* nested */ comment */ crate::z::w(v); $crate::m::n!(); }
        mod inner { use super::*; }
        #[cfg(test)]
        mod tests { use crate::t::u; }
    "##;
    let got: Vec<(String, Option<String>, bool, usize)> =
        file_deps::named(src).iter().map(|n| (n.segments.join("::"), n.binds.clone(), n.glob, n.inline.len() * 10 + usize::from(n.in_test))).collect();
    let want = [
        ("super", Some("up"), false, 0),
        ("super::a::b", Some("b"), false, 0),
        ("super::a::c", Some("d"), false, 0),
        ("super::e", None, true, 0),
        ("crate::x::y", Some("y"), false, 0),
        ("crate::z::w", None, false, 0),
        ("crate::m::n", None, false, 0),
        ("super", None, true, 10),
        ("crate::t::u", Some("u"), false, 11),
    ];
    let want: Vec<(String, Option<String>, bool, usize)> = want.iter().map(|(p, b, g, i)| (p.to_string(), b.map(str::to_owned), *g, *i)).collect();
    assert_eq!(got, want);
}

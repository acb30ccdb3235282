//! The key check of every request object: unknown and duplicate keys, found in n log n
//! without allocating for a valid request (known keys in a 64-bit mask; the others sorted).

use super::{ids, wrong_type, Ctx};
use crate::issue::Code;
use crate::json::{cow_str, same_text, Value};
use crate::pointer::join;

/// Checks that `v` is an object whose keys are all in `known` and appear once.
/// Returns `false` (after reporting) when `v` is not an object.
pub fn object(ctx: &mut Ctx, v: &Value, path: &str, known: &[&str]) -> bool {
    let Some(fields) = v.as_obj() else {
        wrong_type(ctx, path, "object", v);
        return false;
    };
    // A known key is found by its index in `known`, and a bit per index finds it again: no
    // allocation on the success path. Other keys are collected and sorted, not compared with
    // every earlier key: a hostile object with 40,000 keys must not cost seconds of CPU (the proxy
    // checks bodies of up to 32 MiB). A sort, not a hash set, keeps the worst case n log n
    // whatever the keys, and std's hash table and SipHash out of the module (~3 KB).
    let mut seen: u64 = 0;
    // (key, field number, whether `known` has it) for the keys the bits do not cover.
    let mut others: Vec<(&str, usize, bool)> = Vec::new();
    // The issue of each field, by field number, once there is one.
    let mut marks: Vec<Option<Code>> = Vec::new();
    for (n, (k, _)) in fields.iter().enumerate() {
        let key = cow_str(k);
        match known.iter().position(|x| same_text(x, key)) {
            Some(i) if i < 64 => {
                if seen & (1 << i) != 0 {
                    mark(&mut marks, fields.len(), n, Code::DuplicateField);
                }
                seen |= 1 << i;
            }
            index => others.push((key, n, index.is_some())),
        }
    }
    // Each key's first field comes first among its equals (the field number breaks ties).
    heap_sort(&mut others);
    let mut previous = None;
    for &(key, n, is_known) in &others {
        if previous == Some(key) {
            mark(&mut marks, fields.len(), n, Code::DuplicateField);
        } else if !is_known {
            mark(&mut marks, fields.len(), n, Code::UnknownField);
        }
        previous = Some(key);
    }
    // Reported in field order.
    for ((k, _), code) in fields.iter().zip(marks) {
        let Some(code) = code else { continue };
        let key = cow_str(k);
        let rule = if code == Code::DuplicateField { ids::DUPLICATE } else { ids::UNKNOWN };
        ctx.error(join(path, key), code, rule, vec![("field", shown(key).into())]);
    }
    true
}

/// Sorts `v` in n log n comparisons whatever its order: a heap sort, a few hundred bytes of wasm
/// where `sort_unstable` links ~3 KB. (Indices stay below `end` <= `v.len()`.)
fn heap_sort<T: Ord>(v: &mut [T]) {
    let len = v.len();
    for root in (0..len / 2).rev() {
        sift_down(v, root, len);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Moves `v[root]` down the max-heap in `v[..end]` until it is not less than its children.
fn sift_down<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child] < v[child + 1] {
            child += 1;
        }
        if v[root] >= v[child] {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

/// Sets field `n`'s issue in `marks`, sized to the object's `len` fields when first used.
fn mark(marks: &mut Vec<Option<Code>>, len: usize, n: usize, code: Code) {
    if marks.is_empty() {
        marks.resize(len, None);
    }
    if let Some(m) = marks.get_mut(n) {
        *m = Some(code);
    }
}

/// A key as shown in a message: the path carries it whole, the text at most 64 characters, so a
/// hostile 10 MB key does not make a 30 MB report.
fn shown(key: &str) -> String {
    match key.char_indices().nth(64) {
        // `get`, not slicing: `cut` is a char boundary, and slicing would link the panic path.
        Some((cut, _)) => format!("{}…", key.get(..cut).unwrap_or(key)),
        None => key.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::{Options, MAX_ISSUES};
    use crate::json;

    /// (path, code) of each issue `object` reports for the JSON `text`, in order.
    fn object_issues(text: &str, known: &[&str]) -> Vec<(String, Code)> {
        let opts = Options::default();
        let mut ctx = Ctx::new(&opts);
        let Ok(v) = json::parse(text) else { panic!("test JSON does not parse") };
        assert!(object(&mut ctx, &v, "/o", known));
        ctx.issues.into_iter().map(|i| (i.path, i.code)).collect()
    }

    #[test]
    fn unknown_and_duplicate_keys_are_reported_in_field_order() {
        let got = object_issues(r#"{"z":1,"a":1,"y":1,"a":2,"z":2,"b":1,"z":3,"y":2}"#, &["a", "b"]);
        let want = [
            ("/o/z", Code::UnknownField),
            ("/o/y", Code::UnknownField),
            ("/o/a", Code::DuplicateField),
            ("/o/z", Code::DuplicateField),
            ("/o/z", Code::DuplicateField),
            ("/o/y", Code::DuplicateField),
        ];
        assert_eq!(got, want.map(|(p, c)| (p.to_owned(), c)));
        assert!(object_issues(r#"{"b":1,"a":2}"#, &["a", "b"]).is_empty());
    }

    /// RELIABILITY.md js-9: 40,000 distinct unknown keys (each an issue) plus each once more (a
    /// duplicate). A check comparing each key with the earlier ones would make 3.2e9 comparisons
    /// here and not finish in test time; the sort makes it ~1e6. The report keeps the first
    /// `MAX_ISSUES` and counts the rest.
    #[test]
    fn many_distinct_unknown_keys() {
        let n = 40_000;
        let keys: Vec<String> = (0..n).map(|i| format!("\"k{}\":0", (i * 7919) % n)).collect();
        let text = format!("{{{},{}}}", keys.join(","), keys.join(","));
        let opts = Options::default();
        let mut ctx = Ctx::new(&opts);
        let Ok(v) = json::parse(&text) else { panic!("test JSON does not parse") };
        assert!(object(&mut ctx, &v, "/o", &["a"]));
        assert_eq!(ctx.omitted().count, 2 * n - MAX_ISSUES);
        let got: Vec<_> = ctx.issues.into_iter().map(|i| (i.path, i.code)).collect();
        assert_eq!(got.len(), MAX_ISSUES);
        assert!(got.iter().all(|(_, c)| *c == Code::UnknownField));
        assert_eq!(got.first().map(|g| g.0.as_str()), Some("/o/k0"));
        assert_eq!(got.get(1).map(|g| g.0.as_str()), Some("/o/k7919"));
    }

    #[test]
    fn heap_sort_sorts_like_std() {
        for len in [0, 1, 2, 3, 7, 64, 1000] {
            let mut v: Vec<(u32, usize)> = (0..len).map(|i| (((i * 2_654_435_761) >> 7) as u32 % 50, i)).collect();
            let mut want = v.clone();
            want.sort();
            heap_sort(&mut v);
            assert_eq!(v, want, "length {len}");
        }
    }

    #[test]
    fn long_keys_are_cut_at_a_char_boundary_in_messages() {
        let key = "é".repeat(100);
        assert_eq!(shown(&key), format!("{}…", "é".repeat(64)));
        assert_eq!(shown("short"), "short");
    }
}

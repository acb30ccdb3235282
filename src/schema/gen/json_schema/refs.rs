//! Prompt references `<<<kind_N>>>` (`rules::refs`, GEN-REF): a reference the check finds must
//! name an existing item, so N = 0, N past the most items a list can hold, and N past the items
//! the request gives are refused — as patterns on the prompts the API reads.
//!
//! A pattern matches only text the check reads as that reference: `refs::scan` visits every
//! `<<<`, takes the text up to the next `>>>`, splits it at its last `_` and parses the number
//! as a u32 (a `+` and leading zeros pass). The patterns allow at most 9 significant digits,
//! which always parse; a longer number is left to validate().

use super::cond::{all, any, at_least, forbid, given, when};
use super::tree::{obj, strs, J, S};
use crate::rules::ids;

/// How many items a reference kind can point at in a family.
#[derive(Debug, Clone, Copy)]
pub enum Count {
    /// The items of this list field, which holds at most `max`.
    List(&'static str, usize),
    /// image2video's frames: `image`, then `image_tail`.
    Frames,
    /// The family has no such list: every reference of the kind dangles.
    Nothing,
}

impl Count {
    fn max(self) -> usize {
        match self {
            Count::List(_, max) => max,
            Count::Frames => 2,
            Count::Nothing => 0,
        }
    }
    /// The request gives at least `n` items.
    fn at_least(self, n: usize) -> J {
        match (self, n) {
            (Count::List(list, _), n) => at_least(list, n),
            (Count::Frames, 1) => any(vec![given("image"), given("image_tail")]),
            _ => all(vec![given("image"), given("image_tail")]),
        }
    }
}

/// Numbers above `max` with at most 9 significant digits (`max` < 100), as a regex alternation.
fn above(max: usize) -> String {
    let mut alts = Vec::new();
    match max {
        0 => alts.push("[1-9][0-9]{0,8}".to_owned()),
        1..=8 => alts.extend([format!("[{}-9]", max + 1), "[1-9][0-9]{1,8}".to_owned()]),
        _ => {
            let (tens, ones) = (max / 10, max % 10);
            if ones < 9 {
                alts.push(format!("{tens}[{}-9]", ones + 1));
            }
            if tens < 9 {
                alts.push(format!("[{}-9][0-9]", tens + 1));
            }
            alts.push("[1-9][0-9]{2,8}".to_owned());
        }
    }
    alts.join("|")
}

/// A pattern finding `<<<name_N>>>` for the numbers `digits` (an alternation, no leading zero).
fn reference(name: &str, digits: &str) -> String {
    format!(r"<<<{name}_\+?0*(?:{digits})>>>")
}

/// The constraints on one prompt text, found by `text(pattern)` (a condition on the request
/// meaning "a prompt the API reads matches `pattern`"), for each kind name and its count.
pub fn clauses(kinds: &[(&str, Count)], text: &dyn Fn(String) -> J) -> Vec<J> {
    let mut out = Vec::new();
    for &(name, count) in kinds {
        let zero_or_past = format!(r"<<<{name}_\+?(?:0+|0*(?:{}))>>>", above(count.max()));
        out.push(forbid(text(zero_or_past), ids::REF));
        for n in 1..=count.max() {
            out.push(when(text(reference(name, &n.to_string())), count.at_least(n), ids::REF));
        }
    }
    out
}

/// A string matching `pattern`.
fn matching(pattern: String) -> J {
    S::new().set("type", "string").set("pattern", pattern).done()
}

/// "The top-level prompt matches": for single-shot and "intelligence" requests, and omni-image.
pub fn top(pattern: String) -> J {
    S::new().set("required", strs(&["prompt"])).set("properties", obj(vec![("prompt", matching(pattern))])).done()
}

/// "A shot's prompt matches": for "customize" requests.
pub fn shot(pattern: String) -> J {
    let item = S::new().set("type", "object").set("required", strs(&["prompt"])).set("properties", obj(vec![("prompt", matching(pattern))])).done();
    super::cond::contains("multi_prompt", item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_above_a_max() {
        assert_eq!(above(0), "[1-9][0-9]{0,8}");
        assert_eq!(above(7), "[8-9]|[1-9][0-9]{1,8}");
        assert_eq!(above(10), "1[1-9]|[2-9][0-9]|[1-9][0-9]{2,8}");
        assert_eq!(reference("image", "3"), r"<<<image_\+?0*(?:3)>>>");
    }
}

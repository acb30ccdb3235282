//! Kling's answers (and callback bodies) as the proxy reads them: repaired in place when they
//! hold half a surrogate pair (js-10), then read once, by the crate's own reader pulled through
//! them (`json::pull`): it checks the whole text and keeps only what the proxy decides on — the
//! envelope's code, message and request id, and per task its span, status and external id — and
//! builds no tree. What goes back is the answer's own text with only the owner prefix cut out of
//! `external_task_id`, so nothing is reformatted and a 500-task page costs one pass.

use super::owner::Owner;
use super::store::ledger::units_tenths;
use crate::api::inject::scan;
use crate::json::{self, pull, Num};
use std::borrow::Cow;
use std::ops::Range;

/// The text with every escape of half a surrogate pair (`"\ud83d"`: an emoji cut in two, valid
/// for JS's JSON.parse) turned into `\ufffd`, in place: the text then reads as the library reads
/// requests (U+FFFD), the caller gets Unicode, and ownership checks see what is passed back.
pub fn repaired(text: String) -> String {
    let b = text.as_bytes();
    // Cheap test first: most answers have no `\u` escape of a surrogate at all.
    let mut at = 0;
    let mut suspect = false;
    while let Some(i) = json::bytes::find(b, at, b'\\') {
        if b.get(i + 1) == Some(&b'u') && matches!(b.get(i + 2), Some(b'd' | b'D')) {
            suspect = true;
            break;
        }
        at = i + 2;
    }
    if !suspect {
        return text;
    }
    let mut bytes = text.into_bytes();
    scan::repair_surrogates(&mut bytes);
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// A JSON object as the proxy reads an answer. Each member is taken only when its key is there
/// exactly once: JS's JSON.parse keeps the last of duplicate keys and other readers the first,
/// so an answer that two readers could read differently is not trusted with a decision.
#[derive(Debug)]
pub struct Envelope<'t> {
    /// The business code, when it is an integer.
    pub code: Option<i64>,
    /// Kling's `message`.
    pub message: Option<Cow<'t, str>>,
    /// Kling's `request_id`.
    pub request_id: Option<Cow<'t, str>>,
    /// What `data` holds.
    pub data: Data<'t>,
    /// The object itself read as a task (a callback body is the task object, kling-api.md §9).
    pub task: Task<'t>,
}

/// An envelope's `data`.
#[derive(Debug)]
pub enum Data<'t> {
    /// A task object (create, query).
    Task(Task<'t>),
    /// A task list; elements that are not objects are tasks of nobody.
    List(Vec<Task<'t>>),
    /// Missing, repeated, or of another type.
    Other,
}

/// A task as far as the proxy reads it.
#[derive(Debug, Default)]
pub struct Task<'t> {
    /// Where the task's text is.
    pub span: Range<usize>,
    /// `task_status`, when a string.
    pub status: Option<Cow<'t, str>>,
    /// `task_info.external_task_id`, when a string: its value and its literal's span (quotes
    /// included).
    pub external_id: Option<(Cow<'t, str>, Range<usize>)>,
    /// `created_at`, when an integer (Kling's milliseconds): where a task found by a list walk
    /// goes in the user's task index.
    pub created_at: Option<i64>,
    /// `task_id`, when a string (a create's answer names the task a reservation is for).
    pub task_id: Option<Cow<'t, str>>,
    /// `final_unit_deduction` (text or number) in tenths of units: what settles a reservation.
    pub billed: Option<u64>,
}

/// A billed amount given as a JSON number, in tenths of units (rounded up, like the text form).
fn number_tenths(n: Num) -> Option<u64> {
    match n {
        Num::U(u) => u.checked_mul(10),
        Num::F(f) if f.is_finite() && (0.0..1e12).contains(&f) => Some((f * 10.0 - 1e-6).ceil().max(0.0) as u64),
        _ => None,
    }
}

impl Task<'_> {
    /// Whether the task is in `owner`'s namespace.
    pub fn owned_by(&self, owner: &Owner) -> bool {
        self.external_id.as_ref().is_some_and(|(id, _)| owner.owns(Some(id)))
    }
}

/// A member seen once (its value kept), or more often (nothing kept).
struct Once<T> {
    seen: u8,
    value: Option<T>,
}

impl<T> Once<T> {
    fn new() -> Self {
        Once { seen: 0, value: None }
    }
    fn saw(&mut self, v: Option<T>) {
        self.seen = self.seen.saturating_add(1);
        self.value = if self.seen == 1 { v } else { None };
    }
    fn get(self) -> Option<T> {
        self.value
    }
}

/// What a task's members tell, gathered as they are read.
struct Parts<'t> {
    status: Once<Cow<'t, str>>,
    created: Once<i64>,
    task_id: Once<Cow<'t, str>>,
    billed: Once<u64>,
    /// `task_info`: `None` when it is not an object, `Some(None)` when it has no (single,
    /// string) external_task_id.
    info: Once<Option<(Cow<'t, str>, Range<usize>)>>,
}

impl<'t> Parts<'t> {
    fn new() -> Self {
        Parts { status: Once::new(), created: Once::new(), task_id: Once::new(), billed: Once::new(), info: Once::new() }
    }

    /// Reads the member `key` when a task's reading needs it (any other is skipped).
    fn member(&mut self, p: &mut pull::Pull<'t>, key: &str) -> pull::Step<()> {
        match key {
            "task_status" => self.status.saw(p.string()?.map(|(s, _)| s)),
            "created_at" => self.created.saw(p.number()?.and_then(Num::as_i64)),
            "task_id" => self.task_id.saw(p.string()?.map(|(s, _)| s)),
            "final_unit_deduction" => {
                let billed = match p.peek() {
                    Some(b'"') => p.string()?.and_then(|(s, _)| units_tenths(&s)),
                    _ => p.number()?.and_then(number_tenths),
                };
                self.billed.saw(billed);
            }
            "task_info" => {
                let mut id = Once::new();
                let info = p.object(|p, key| {
                    if key == "external_task_id" {
                        id.saw(p.string()?);
                    }
                    Ok(())
                })?;
                self.info.saw(info.map(|_| id.get()));
            }
            _ => {}
        }
        Ok(())
    }

    fn task(self, span: Range<usize>) -> Task<'t> {
        Task {
            span,
            status: self.status.get(),
            external_id: self.info.get().flatten(),
            created_at: self.created.get(),
            task_id: self.task_id.get(),
            billed: self.billed.get(),
        }
    }
}

/// Reads `text` (after `repaired`) as an object; `None` when it is not JSON, not an object, or
/// holds more than `json::MAX_ANSWER_VALUES` values (a 500-task page of nine-image tasks has
/// ~20,000: the cap bounds what a hostile or broken page makes the proxy keep per task).
pub fn read(text: &str) -> Option<Envelope<'_>> {
    json::pull::document(text, json::MAX_ANSWER_VALUES, |p| {
        let (mut code, mut message, mut request_id, mut data) = (Once::new(), Once::new(), Once::new(), Once::new());
        let mut parts = Parts::new();
        let Some(span) = p.object(|p, key| {
            match &*key {
                "code" => code.saw(p.number()?.and_then(Num::as_i64)),
                "message" => message.saw(p.string()?.map(|(s, _)| s)),
                "request_id" => request_id.saw(p.string()?.map(|(s, _)| s)),
                "data" => data.saw(Some(match p.peek() {
                    Some(b'{') => Data::Task(task(p)?),
                    Some(b'[') => Data::List(tasks(p)?),
                    _ => Data::Other,
                })),
                other => parts.member(p, other)?,
            }
            Ok(())
        })?
        else {
            return Ok(None);
        };
        let (code, message, request_id, data) = (code.get(), message.get(), request_id.get(), data.get().unwrap_or(Data::Other));
        Ok(Some(Envelope { code, message, request_id, data, task: parts.task(span) }))
    })
    .ok()
    .flatten()
}

/// The tasks of a list.
fn tasks<'t>(p: &mut pull::Pull<'t>) -> pull::Step<Vec<Task<'t>>> {
    let mut out = Vec::new();
    p.array(|p| {
        out.push(task(p)?);
        Ok(())
    })?;
    Ok(out)
}

/// One task: an object's status and external id, or (any other value) nobody's.
fn task<'t>(p: &mut pull::Pull<'t>) -> pull::Step<Task<'t>> {
    if p.peek() != Some(b'{') {
        return Ok(Task { span: p.skip()?, ..Task::default() });
    }
    let mut parts = Parts::new();
    let span = p.object(|p, key| parts.member(p, &key))?;
    Ok(parts.task(span.unwrap_or_default()))
}

/// Appends `text[span]` (which holds `task`) with the owner prefix cut from the task's external
/// id, when `owner` owns it. Returns false (and appends nothing) when it does not.
pub fn write_owned(out: &mut String, text: &str, span: Range<usize>, task: &Task, owner: &Owner) -> bool {
    let Some((id, literal)) = task.external_id.as_ref().filter(|_| task.owned_by(owner)) else {
        return false;
    };
    if !span.contains(&literal.start) || literal.end > span.end {
        return false;
    }
    match id {
        // Borrowed: the id's bytes in the text are its value, prefix first.
        Cow::Borrowed(_) => push_cut(out, text, &span, literal.start + 1, owner),
        // Written with escapes (Kling does not, but may): the literal gives way to the caller's
        // id, written plainly; the rest of the task stays as Kling wrote it.
        Cow::Owned(_) => {
            out.push_str(text.get(span.start..literal.start).unwrap_or(""));
            json::write_str(out, owner.strip(id));
            out.push_str(text.get(literal.end..span.end).unwrap_or(""));
        }
    }
    true
}

/// Appends `text[span]` without the owner prefix of the external id whose first byte is at
/// `id_at` (inside the span): the task as Kling wrote it, as the caller named it.
pub fn push_cut(out: &mut String, text: &str, span: &Range<usize>, id_at: usize, owner: &Owner) {
    out.push_str(text.get(span.start..id_at).unwrap_or(""));
    out.push_str(text.get(id_at + owner.prefix().len()..span.end).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole answer with the prefix cut from `data.task_info.external_task_id`, as a create or a query passes it back.
    fn owned(text: &str, owner: &Owner) -> Option<String> {
        let env = read(text)?;
        let Data::Task(task) = &env.data else { return None };
        let mut out = String::new();
        write_owned(&mut out, text, 0..text.len(), task, owner).then_some(out)
    }

    #[test]
    fn cuts_the_prefix_from_owned_ids_only() {
        let alice = Owner::user("alice");
        let text = r#"{"code":0,"data":{"task_id":"t","task_info":{"external_task_id":"alice:job-1"}}}"#;
        assert_eq!(owned(text, &alice), Some(text.replace("alice:", "")));
        assert_eq!(owned(text, &Owner::user("bob")), None);
        // Escaped id: the caller's id in its place, the rest as it was.
        let text = r#"{"data":{"task_info":{"external_task_id":"\u0061lice:job-1"}, "n":1.50}}"#;
        assert_eq!(owned(text, &alice).as_deref(), Some(r#"{"data":{"task_info":{"external_task_id":"job-1"}, "n":1.50}}"#));
        // A duplicate key is not trusted, at any level.
        for text in [
            r#"{"data":{"task_info":{"external_task_id":"alice:a","external_task_id":"bob:b"}}}"#,
            r#"{"data":{"task_info":{"external_task_id":"alice:a"},"task_info":{}}}"#,
            r#"{"data":{"task_info":{"external_task_id":"alice:a"}},"data":null}"#,
        ] {
            assert_eq!(owned(text, &alice), None, "{text}");
        }
    }

    #[test]
    fn repairs_only_lone_surrogates() {
        assert_eq!(repaired(r#"{"a":"\ud83d\ude00 \ud83d"}"#.into()), r#"{"a":"\ud83d\ude00 \ufffd"}"#);
        let plain = r#"{"a":"\\ud83d \n"}"#.to_owned();
        assert_eq!(repaired(plain.clone()), plain);
    }

    #[test]
    fn reads_the_envelope_and_whose_each_task_is() {
        let alice = Owner::user("alice");
        let t = r#"{"code":0,"message":"ok","request_id":"r","data":[{"task_info":{"external_task_id":"alice:1"}},{"task_info":{"external_task_id":"bob:2"}},{"task_info":{"external_task_id":"alice\u003a3"}},{"task_info":{},"task_info":{"external_task_id":"alice:4"}},{"task\u005finfo":{"external_task_id":"alice:5"}},7]}"#;
        let env = read(t).unwrap();
        assert_eq!((env.code, env.message.as_deref(), env.request_id.as_deref()), (Some(0), Some("ok"), Some("r")));
        let Data::List(tasks) = &env.data else { panic!("a list") };
        let kept: Vec<String> = tasks
            .iter()
            .map(|task| {
                let mut out = String::new();
                write_owned(&mut out, t, task.span.clone(), task, &alice);
                out
            })
            .collect();
        // Escapes are read (keys and ids alike); a repeated key makes a task nobody's.
        let want = [
            r#"{"task_info":{"external_task_id":"1"}}"#,
            "",
            r#"{"task_info":{"external_task_id":"3"}}"#,
            "",
            r#"{"task\u005finfo":{"external_task_id":"5"}}"#,
            "",
        ];
        assert_eq!(kept, want);
        assert_eq!(&t[tasks[5].span.clone()], "7");
        // An escaped key reads as the key it spells; a repeated one as none.
        assert_eq!(read(r#"{"co\u0064e":0,"data":[]}"#).unwrap().code, Some(0));
        let twice = read(r#"{"code":0,"code":0,"message":"a","message":"b","data":[]}"#).unwrap();
        assert_eq!((twice.code, twice.message), (None, None));
        assert!(matches!(read(r#"{"code":1.0,"data":7}"#), Some(Envelope { code: Some(1), data: Data::Other, .. })));
        for bad in ["{", "[]", "{\"data\":[1,]}", "{} {}", r#"{"data":"\ud83d"}"#.trim_end_matches('}')] {
            assert!(read(bad).is_none(), "{bad}");
        }
        // A callback body: the task object itself.
        let cb = read(r#"{"task_status":"succeed","task_info":{"external_task_id":"alice:9"}}"#).unwrap();
        assert_eq!((cb.task.status.as_deref(), cb.task.owned_by(&alice)), (Some("succeed"), true));
    }
}

//! Single- vs multi-shot prompts, shared by omni-video, text2video and image2video: which of
//! `prompt` / `shot_type` / `multi_prompt` is required or ignored, and the shot list rules
//! (index 1..k, prompt ≤ 512, 1 ≤ duration ≤ total, durations add up to the total).

use super::refs::PromptAt;
use super::{basic, Ctx};
use crate::field_names;
use crate::issue::Code;
use crate::json::{cow_str, Value};
use crate::pointer::join;
use crate::schema::parts::{self, MAX_SHOTS, SHOT_PROMPT_MAX};

/// The family's rule ids for each part of the check.
#[derive(Debug)]
pub struct ShotRules {
    /// multi_shot=true needs shot_type, and customize needs 1–6 shots (OV-1).
    pub mode: &'static str,
    /// single shot needs a prompt; shot fields are ignored (OV-2).
    pub single: &'static str,
    /// each shot's index, prompt and duration (OV-5).
    pub items: &'static str,
    /// shot durations add up to the total (OV-6).
    pub sum: &'static str,
}

/// What the shot check found, for the family's other rules.
#[derive(Debug)]
pub struct Shots<'v> {
    /// The request's `multi_shot` (false when absent or not a boolean).
    pub multi_shot: bool,
    /// shot_type when it is one of the allowed values.
    pub shot_type: Option<&'v str>,
    /// Each prompt the API will read, borrowed from the request, with its pointer (for
    /// reference checks).
    pub prompts: Vec<(&'v str, PromptAt)>,
    /// How many items `multi_prompt` has when it is read (multi-shot, `shot_type` not "intelligence"); else 0.
    pub shot_count: usize,
}

/// Checks the prompt fields. `total` is the request's duration (the API default when absent);
/// `shot_types` the values this endpoint accepts.
pub fn check<'v>(ctx: &mut Ctx, req: &'v Value, total: u32, shot_types: &[&str], rules: &ShotRules) -> Shots<'v> {
    let multi_shot = basic::get_bool(ctx, req, "", "multi_shot").unwrap_or(false);
    let prompt = basic::get_str(ctx, req, "", "prompt");
    if let Some(p) = prompt {
        basic::max_len(ctx, p, "/prompt", parts::PROMPT.max_chars());
    }
    let has_prompt = prompt.is_some_and(|p| !p.trim().is_empty());
    let mut out = Shots { multi_shot, shot_type: None, prompts: Vec::new(), shot_count: 0 };

    if !multi_shot {
        if !has_prompt {
            ctx.error("/prompt", Code::PromptRequired, rules.single, vec![]);
        }
        if req.field("shot_type").is_some() {
            ctx.ignore_field("shot_type", "multi_shot is true", rules.single);
        }
        if req.field("multi_prompt").is_some() {
            ctx.ignore_field("multi_prompt", "multi_shot is true", rules.single);
        }
        if let Some(p) = prompt {
            out.prompts.push((p, PromptAt::Top));
        }
        return out;
    }

    let shot_type = match req.field("shot_type") {
        None => {
            ctx.error("/shot_type", Code::ShotTypeRequired, rules.mode, vec![]);
            None
        }
        Some(_) => basic::get_enum(ctx, req, "", "shot_type", shot_types),
    };
    out.shot_type = shot_type;
    match shot_type {
        Some("intelligence") => {
            if !has_prompt {
                ctx.error("/prompt", Code::PromptRequired, rules.mode, vec![]);
            }
            if req.field("multi_prompt").is_some() {
                ctx.ignore_field("multi_prompt", "shot_type is \"customize\"", rules.mode);
            }
            if let Some(p) = prompt {
                out.prompts.push((p, PromptAt::Top));
            }
        }
        _ => {
            if has_prompt {
                ctx.ignore_field("prompt", "multi_shot is false or shot_type is \"intelligence\"", rules.single);
            }
            out.shot_count = shot_list(ctx, req, total, rules, &mut out.prompts);
        }
    }
    out
}

/// The multi_prompt list; returns its length.
fn shot_list<'v>(ctx: &mut Ctx, req: &'v Value, total: u32, rules: &ShotRules, prompts: &mut Vec<(&'v str, PromptAt)>) -> usize {
    let items = basic::object_list(ctx, req, "multi_prompt", field_names!(parts::SHOT));
    // None: absent; Some(None): not an array (already reported as a wrong type).
    let list = req.field("multi_prompt").map(|v| v.as_arr());
    let len = list.flatten().map_or(0, |a| a.len());
    let bad_count = match list {
        None => true,
        Some(Some(_)) => len == 0 || len > MAX_SHOTS,
        Some(None) => false,
    };
    if bad_count {
        ctx.error("/multi_prompt", Code::MultiPromptRequired, rules.mode, vec![("count", len.into())]);
    }
    let mut sum: u32 = 0;
    let mut all_durations = true;
    // Each field's pointer is written only on its error branches (the success path allocates none).
    for (i, item, path) in items.iter() {
        if let Some(v) = basic::require(ctx, item, path, "index") {
            let index = match v {
                Value::Num(n) if n.as_i64().is_some() => n.as_i64(),
                _ => basic::int_of(ctx, v, &join(path, "index")),
            };
            if index.is_some_and(|index| index != i as i64 + 1) {
                ctx.error(join(path, "index"), Code::ShotIndexSequence, rules.items, vec![("expected", (i + 1).into())]);
            }
        }
        if let Some(v) = basic::require(ctx, item, path, "prompt") {
            let text = match v {
                Value::Str(s) => Some(cow_str(s)),
                _ => basic::str_of(ctx, v, &join(path, "prompt")),
            };
            if let Some(text) = text {
                if text.len() > SHOT_PROMPT_MAX || text.trim().is_empty() {
                    let p = join(path, "prompt");
                    if basic::non_empty(ctx, text, &p) {
                        basic::max_len(ctx, text, &p, SHOT_PROMPT_MAX);
                    }
                }
                prompts.push((text, PromptAt::Shot(i)));
            }
        }
        let duration =
            basic::require(ctx, item, path, "duration").and_then(|v| basic::plain_duration(v).or_else(|| basic::duration_of(ctx, v, &join(path, "duration"))));
        match duration {
            Some(d) => {
                if d < 1 || d > total {
                    ctx.error(
                        join(path, "duration"),
                        Code::ShotDurationRange,
                        rules.items,
                        vec![("value", (d as usize).into()), ("max", (total as usize).into())],
                    );
                }
                sum = sum.saturating_add(d);
            }
            None => all_durations = false,
        }
    }
    if all_durations && len > 0 && sum != total {
        ctx.error("/multi_prompt", Code::ShotDurationSum, rules.sum, vec![("sum", (sum as usize).into()), ("duration", (total as usize).into())]);
    }
    len
}

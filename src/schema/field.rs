//! What a field declaration holds (`Field`, `Type`, `Narrow`) and the const builders the family
//! tables are written with.

use crate::caps::{Elements, Endpoint, ModelCaps};

/// Text only the generators read (field docs, source sections, rule summaries): kept natively,
/// compiled out of the wasm, where it cost 5 KiB gzip of data no export reads.
#[cfg(not(target_arch = "wasm32"))]
pub type Note = &'static str;
/// (In the wasm a note is nothing: see the native definition.)
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note;

/// A note from its text (dropped in the wasm).
#[cfg(not(target_arch = "wasm32"))]
pub const fn note(text: &'static str) -> Note {
    text
}
/// A note from its text (dropped in the wasm).
#[cfg(target_arch = "wasm32")]
pub const fn note(_text: &'static str) -> Note {
    Note
}

/// The JSON value a field takes. Each variant names one check in `rules::basic` / `rules::inputs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Type {
    /// A string of at most `max` code points (0: no limit); `non_empty`: not blank.
    Str {
        /// The most code points; 0 for no limit.
        max: usize,
        /// Blank (empty or whitespace-only) is an error.
        non_empty: bool,
    },
    /// A string that is one of these values.
    Enum(&'static [&'static str]),
    /// `model_name`: one of the models the capability map gives the endpoint.
    Model,
    /// `true` or `false`.
    Bool,
    /// A finite number in `[min, max]`.
    Float {
        /// The smallest value allowed.
        min: f64,
        /// The largest value allowed.
        max: f64,
    },
    /// A whole number in `[min, max]`.
    Int {
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// The output length: whole seconds as digits ("5") or a whole number, sent as a string;
    /// the values each model takes come from the capability map.
    Duration,
    /// A shot's length: whole seconds, 1 … the request's duration.
    ShotDuration,
    /// An element id: int64 digits as a string, a BigInt, or a safe integer.
    ElementId,
    /// An image: an http(s) URL or raw base64 (no `data:` prefix), not empty (§2.2).
    Image,
    /// An absolute http(s) URL.
    Url,
    /// An object with exactly these fields.
    Object(&'static [Field]),
    /// A list of `item`s, `min` … `max` long.
    List {
        /// The type of every item.
        item: &'static Type,
        /// The fewest items allowed.
        min: usize,
        /// The most items allowed.
        max: usize,
    },
}

impl Type {
    /// The fields of an object, or of a list's object items.
    pub fn object_fields(&self) -> Option<&'static [Field]> {
        match *self {
            Type::Object(fields) => Some(fields),
            Type::List { item: Type::Object(fields), .. } => Some(fields),
            _ => None,
        }
    }

    /// An enum's values (empty for other types).
    pub fn values(&self) -> &'static [&'static str] {
        match *self {
            Type::Enum(v) => v,
            _ => &[],
        }
    }
}

/// Where the capability map narrows a field's values per model (kling-api.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Narrow {
    /// Every model takes every value.
    No,
    /// `mode`: the model's modes (a fixed-mode model has none, and ignores the field).
    Modes,
    /// `duration`: the model's durations.
    Durations,
    /// `sound`: "on" only where the model has sound.
    Sound,
    /// `resolution`: the model's image resolutions.
    Resolutions,
    /// `result_type`: "series" only where the model makes series.
    Series,
    /// Image generation's `aspect_ratio`: the model's ratios (all when it lists none).
    ImageAspects,
}

impl Narrow {
    /// Whether `model` takes the enum value `value` (always, for `No`).
    pub fn allows(self, model: &ModelCaps, value: &str) -> bool {
        match self {
            Narrow::No | Narrow::Durations => true,
            Narrow::Modes => model.modes.contains(&value),
            Narrow::Sound => value != "on" || model.sound.is_some(),
            Narrow::Resolutions => model.resolutions.contains(&value),
            Narrow::Series => value != "series" || model.series,
            Narrow::ImageAspects => model.image_aspects.is_empty() || model.image_aspects.contains(&value),
        }
    }
}

/// The capability a field needs at all (kling-api.md §3): a form offers the field only on models
/// that have it; elsewhere the checks refuse it (or, for fields read only `when` something holds,
/// the API ignores it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Every model takes it.
    Nothing,
    /// Multi-shot (`multi_shot`, `shot_type`, `multi_prompt`).
    MultiShot,
    /// Voice control (`voice_list`).
    Voice,
    /// `cfg_scale` (v1.x by default, §12).
    CfgScale,
    /// Elements (`element_list`).
    Elements,
    /// A reference video (`video_list`).
    VideoReference,
    /// Series results (`series_amount`).
    Series,
    /// An end frame (`image_tail`): with a start frame, or alone.
    EndFrame,
    /// The legacy motion brush (`static_mask`, `dynamic_masks`).
    MotionBrush,
    /// Legacy camera control, on this endpoint.
    Camera,
    /// Image generation's legacy `image_reference` and `human_fidelity` (kling-v1-5).
    ImageReference,
}

impl Needs {
    /// Whether `model` offers a field with this need on `endpoint`.
    pub fn offered(self, model: &ModelCaps, endpoint: Endpoint) -> bool {
        match self {
            Needs::Nothing => true,
            Needs::MultiShot => model.multi_shot,
            Needs::Voice => model.voice.is_some(),
            Needs::CfgScale => model.cfg_scale,
            Needs::Elements => model.elements != Elements::None,
            Needs::VideoReference => model.video_reference,
            Needs::Series => model.series,
            Needs::EndFrame => model.start_end_frame.is_some() || model.end_frame_only.is_some(),
            Needs::MotionBrush => model.motion_brush.is_some(),
            Needs::Camera => model.camera_control.iter().any(|(e, _)| *e == endpoint),
            Needs::ImageReference => model.image_reference,
        }
    }
}

/// One request field, declared once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// The value it takes, and so the checks it gets.
    pub ty: Type,
    /// Required whatever the other fields say (conditional requirements are rules).
    pub required: bool,
    /// The rule its own value checks report under (enum, length, range or count).
    pub rule: &'static str,
    /// The kling-api.md section(s) it comes from.
    pub src: Note,
    /// One line for the TypeScript declarations and the JSON Schema.
    pub doc: Note,
    /// Whether the model narrows its enum values (`Narrow::No` when not).
    pub narrow: Narrow,
    /// When the API reads it ("" = always); otherwise it is ignored, and dropped with a warning.
    pub when: Note,
    /// The capability a model needs to offer the field at all.
    pub needs: Needs,
    /// Enum values a rule refuses by default (rule id, values), e.g. omni-video's
    /// `shot_type: "intelligence"` (OV-1-intelligence, §12): forms do not offer them.
    pub refused: (&'static str, &'static [&'static str]),
}

/// A field that is optional, read always and not narrowed; the builders below change that.
pub const fn field(name: &'static str, ty: Type, rule: &'static str, src: &'static str) -> Field {
    Field { name, ty, required: false, rule, src: note(src), doc: note(""), narrow: Narrow::No, when: note(""), needs: Needs::Nothing, refused: ("", &[]) }
}

impl Field {
    /// The field, required.
    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }
    /// The field with its one-line doc.
    pub const fn doc(self, doc: &'static str) -> Field {
        Field { doc: note(doc), ..self }
    }
    /// The field, its values narrowed per model as `narrow` says.
    pub const fn narrow(self, narrow: Narrow) -> Field {
        Field { narrow, ..self }
    }
    /// The capability a model needs to offer the field.
    pub const fn needs(self, needs: Needs) -> Field {
        Field { needs, ..self }
    }
    /// Enum values `rule` refuses by default.
    pub const fn refused(self, rule: &'static str, values: &'static [&'static str]) -> Field {
        Field { refused: (rule, values), ..self }
    }
    /// The field, read by the API only when `when` holds (else dropped with a warning).
    pub const fn when(self, when: &'static str) -> Field {
        Field { when: note(when), ..self }
    }
    /// The most items a list field takes (usize::MAX for other types).
    pub const fn max_items(&self) -> usize {
        match self.ty {
            Type::List { max, .. } => max,
            _ => usize::MAX,
        }
    }
    /// The most code points a string field takes (usize::MAX when unlimited).
    pub const fn max_chars(&self) -> usize {
        match self.ty {
            Type::Str { max, .. } if max > 0 => max,
            _ => usize::MAX,
        }
    }
    /// An enum field's values.
    pub fn values(&self) -> &'static [&'static str] {
        self.ty.values()
    }
    /// The fields of an object field, or of a list field's object items (empty otherwise).
    pub fn items(&self) -> &'static [Field] {
        self.ty.object_fields().unwrap_or(&[])
    }
    /// A list field's least and most items ((0, usize::MAX) for other types).
    pub const fn list_len(&self) -> (usize, usize) {
        match self.ty {
            Type::List { min, max, .. } => (min, max),
            _ => (0, usize::MAX),
        }
    }
    /// A number field's range as floats (the whole line for other types).
    pub const fn range(&self) -> (f64, f64) {
        match self.ty {
            Type::Float { min, max } => (min, max),
            Type::Int { min, max } => (min as f64, max as f64),
            _ => (f64::NEG_INFINITY, f64::INFINITY),
        }
    }
}

/// A string with no limit.
pub const STR: Type = Type::Str { max: 0, non_empty: false };

/// A list of objects with these fields.
pub const fn list(item: &'static Type, min: usize, max: usize) -> Type {
    Type::List { item, min, max }
}

/// The names of `fields`, computed at compile time (`N` is `fields.len()`): what the key checks
/// read, so the wasm holds the names and not every declaration around them.
pub const fn names<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].name;
        i += 1;
    }
    out
}

/// `&[&str]` of a table's field names, as a constant: `field_names!(table::IMAGE)`.
#[macro_export]
macro_rules! field_names {
    ($fields:expr) => {
        &const { $crate::schema::names::<{ $fields.len() }>($fields) }
    };
}

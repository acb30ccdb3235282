//! What a field declaration holds (`Field`, `Type`, `Narrow`) and the const builders the family
//! tables are written with.

use crate::caps::ModelCaps;

/// The JSON value a field takes. Each variant names one check in `rules::basic` / `rules::inputs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Type {
    /// A string of at most `max` code points (0: no limit); `non_empty`: not blank.
    Str {
        max: usize,
        non_empty: bool,
    },
    /// A string that is one of these values.
    Enum(&'static [&'static str]),
    /// `model_name`: one of the models the capability map gives the endpoint.
    Model,
    Bool,
    /// A finite number in `[min, max]`.
    Float {
        min: f64,
        max: f64,
    },
    /// A whole number in `[min, max]`.
    Int {
        min: i64,
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
        item: &'static Type,
        min: usize,
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
        }
    }
}

/// One request field, declared once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    /// Required whatever the other fields say (conditional requirements are rules).
    pub required: bool,
    /// The rule its own value checks report under (enum, length, range or count).
    pub rule: &'static str,
    /// The kling-api.md section(s) it comes from.
    pub src: &'static str,
    /// One line for the TypeScript declarations and the JSON Schema.
    pub doc: &'static str,
    pub narrow: Narrow,
    /// When the API reads it ("" = always); otherwise it is ignored, and dropped with a warning.
    pub when: &'static str,
}

/// A field that is optional, read always and not narrowed; the builders below change that.
pub const fn field(name: &'static str, ty: Type, rule: &'static str, src: &'static str) -> Field {
    Field { name, ty, required: false, rule, src, doc: "", narrow: Narrow::No, when: "" }
}

impl Field {
    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }
    pub const fn doc(self, doc: &'static str) -> Field {
        Field { doc, ..self }
    }
    pub const fn narrow(self, narrow: Narrow) -> Field {
        Field { narrow, ..self }
    }
    pub const fn when(self, when: &'static str) -> Field {
        Field { when, ..self }
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

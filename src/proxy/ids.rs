//! What an id in a proxy path may be: its characters and length. A leaf of its own, so owner
//! names, callback tokens and routes share it without depending on each other.

/// Longest id accepted in a path; Kling's ids are short, external ids are ours.
pub const MAX_ID_LEN: usize = 160;

/// Ids are plain tokens: letters, digits and `-_.:` — nothing that a URL parser or the upstream
/// could read as a separator, an escape or a dot-segment.
pub fn is_safe_id(id: &str) -> bool {
    is_safe_up_to(id, MAX_ID_LEN)
}

/// An id of at most `max` bytes, of the characters `is_safe_id` allows, not all dots.
pub fn is_safe_up_to(id: &str, max: usize) -> bool {
    !id.is_empty()
        && id.len() <= max
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        && !id.bytes().all(|b| b == b'.')
}

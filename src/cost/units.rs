//! Units and dollars as decimal text, exactly: tenths of a unit and micro-dollars to text, and
//! Kling's `final_unit_deduction` text to list-price micro-dollars (what a budget settles with).

use super::UnitKind;

/// Tenths of a unit as decimal text: 42 → "4.2", 80 → "8".
pub fn units_text(tenths: u64) -> String {
    decimal(tenths, 10)
}

/// Micro-dollars as decimal text without trailing zeros: 588_000 → "0.588", 1_400_000 → "1.4".
pub fn usd_text(micros: u64) -> String {
    decimal(micros, 1_000_000)
}

/// `value / scale` (a power of ten) as the shortest exact decimal text, digits written by hand
/// (no formatting machinery in the wasm): each fraction digit is the next tenth.
fn decimal(value: u64, scale: u64) -> String {
    let mut out = String::with_capacity(24);
    crate::json::write_u64(&mut out, value / scale);
    let (mut frac, mut unit) = (value % scale, scale / 10);
    if frac > 0 {
        out.push('.');
    }
    while frac > 0 && unit > 0 {
        out.push(char::from(b'0' + (frac / unit) as u8));
        frac %= unit;
        unit /= 10;
    }
    out
}

/// The most fraction digits read from a units text (more than any real deduction has).
const MAX_FRACTION_DIGITS: usize = 18;
/// The most integer digits: 10^15 units of any kind is far beyond a real account.
const MAX_INTEGER_DIGITS: usize = 15;

/// List-price USD (micro-dollars, rounded half up) of `units` (Kling's `final_unit_deduction`
/// text, e.g. "4.2") of `kind`, at the kind's rate (`UnitKind::usd_micros_per_unit`). `None` for
/// text that is not a plain non-negative decimal ("", "-1", "1e3", "4.2.1", "NaN").
pub fn usd_micros_of_units(kind: UnitKind, units: &str) -> Option<u64> {
    let text = units.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // "4." and ".5" are read as JS reads them; "." alone is not a number.
    if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) {
        return None;
    }
    if whole.len() > MAX_INTEGER_DIGITS || frac.len() > MAX_FRACTION_DIGITS {
        return None;
    }
    let rate = u128::from(kind.usd_micros_per_unit());
    let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac_value: u128 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    let scale = 10u128.pow(frac.len() as u32);
    // whole·rate + frac·rate/scale, the fraction rounded half up: ≤ 10^15·1.4·10^5 + 1.4·10^5,
    // within u128 and checked against u64 below.
    let micros = whole * rate + (frac_value * rate + scale / 2) / scale;
    u64::try_from(micros).ok()
}

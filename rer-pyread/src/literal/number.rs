//! Numeric literals: `1_000`, `0x1f`, `1e3`, `2j`, as CPython reads them.

use crate::Value;

/// A numeric literal's value.
pub(super) fn number(text: &str) -> Result<Value, String> {
    let invalid = || format!("invalid number literal '{text}'");
    if text.starts_with('_')
        || text.ends_with('_')
        || text.contains("__")
        || text.contains("_.")
        || text.contains("._")
    {
        return Err(invalid());
    }
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return Err(invalid());
            }
            return Ok(i128::from_str_radix(digits, radix).map_or(Value::Other("int"), Value::Int));
        }
    }
    if let Some(real) = lower.strip_suffix('j') {
        return real
            .parse::<f64>()
            .map(|_| Value::Other("complex"))
            .map_err(|_| invalid());
    }
    if lower.contains(['.', 'e']) {
        return lower
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| invalid());
    }
    if !lower.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("invalid decimal literal '{text}'"));
    }
    if lower.len() > 1 && lower.starts_with('0') && lower.chars().any(|c| c != '0') {
        return Err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
            .to_string());
    }
    Ok(lower
        .parse::<i128>()
        .map_or(Value::Other("int"), Value::Int))
}

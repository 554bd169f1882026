//! YAML 1.1 resolution of plain scalars, in PyYAML's order: `yes`/`no`/
//! `on`/`off` are booleans, `1.10` is a float, `010` is octal, `1:30` is
//! sexagesimal, `1e5` is a string.

use rer_pyread::Value;

/// YAML 1.1 resolution of a plain scalar, in PyYAML's order.
pub(super) fn resolve_plain(text: &str) -> Value {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Value::None;
    }
    if let Some(b) = resolve_bool(text) {
        return b;
    }
    if let Some(i) = resolve_int(text) {
        return i;
    }
    if let Some(f) = resolve_float(text) {
        return f;
    }
    if is_timestamp(text) {
        return Value::Other("datetime");
    }
    Value::Str(text.to_string())
}

pub(super) fn resolve_bool(text: &str) -> Option<Value> {
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(Value::Bool(true))
        }
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(Value::Bool(false))
        }
        _ => None,
    }
}

/// PyYAML's int: `0b1_0`, `0_17` (octal), `0x_1F`, `1_000`, `1:30:00`.
pub(super) fn resolve_int(text: &str) -> Option<Value> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let value: i128 = if let Some(bits) = body.strip_prefix("0b") {
        if bits.is_empty() || !bits.chars().all(|c| matches!(c, '0' | '1' | '_')) {
            return None;
        }
        i128::from_str_radix(&clean[2..], 2).ok()?
    } else if let Some(hex) = body.strip_prefix("0x") {
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit() || c == '_') {
            return None;
        }
        i128::from_str_radix(&clean[2..], 16).ok()?
    } else if body.starts_with('0') && body.len() > 1 {
        if !body.chars().all(|c| matches!(c, '0'..='7' | '_')) {
            return None;
        }
        i128::from_str_radix(&clean, 8).ok()?
    } else if body.contains(':') {
        let mut parts = body.split(':');
        let head = parts.next()?;
        if !is_decimal(head) || head.starts_with('0') {
            return None;
        }
        let mut value: i128 = head.replace('_', "").parse().ok()?;
        for part in parts {
            if part.is_empty() || part.len() > 2 || !part.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let digits: i128 = part.parse().ok()?;
            if part.len() == 2 && part.as_bytes()[0] > b'5' {
                return None;
            }
            value = value.checked_mul(60)?.checked_add(digits)?;
        }
        value
    } else if body == "0" || (is_decimal(body) && !body.starts_with('0')) {
        clean.parse().ok()?
    } else {
        return None;
    };
    Some(Value::Int(if negative { -value } else { value }))
}

/// `[0-9][0-9_]*`.
fn is_decimal(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && text.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// PyYAML's float: it needs a `.` (`1e5` is a string), or is `.inf`/`.nan`.
pub(super) fn resolve_float(text: &str) -> Option<Value> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(Value::Float(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(Value::Float(f64::NAN));
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    if let Some(exp) = exponent {
        let digits = exp.strip_prefix(['-', '+'])?;
        if digits.is_empty()
            || !digits.chars().all(|c| c.is_ascii_digit())
            || exp.len() == digits.len()
        {
            return None;
        }
    }
    let (whole, fraction) = mantissa.split_once('.')?;
    let valid = if whole.is_empty() {
        fraction.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && fraction.chars().all(|c| c.is_ascii_digit() || c == '_')
    } else if whole.contains(':') {
        exponent.is_none()
    } else {
        is_decimal(whole) && fraction.chars().all(|c| c.is_ascii_digit() || c == '_')
    };
    if !valid {
        return None;
    }
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    Some(
        clean
            .parse::<f64>()
            .map_or(Value::Other("float"), Value::Float),
    )
}

/// `2001-12-14` or `2001-12-14t21:59:43.10-05:00` and the like.
fn is_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    b.len() >= 8
        && digits(0..4)
        && b[4] == b'-'
        && b.get(5).is_some_and(u8::is_ascii_digit)
        && text[5..].contains('-')
}

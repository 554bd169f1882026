//! rez's package name rules.

/// True when `name` is a valid rez package name: `[a-zA-Z_0-9](\.?[a-zA-Z0-9_]+)*`
/// (single dots between word characters), and not the reserved `__pycache__`.
pub fn is_valid_package_name(name: &str) -> bool {
    let b = name.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    if b.is_empty() || !word(b[0]) || name == "__pycache__" {
        return false;
    }
    let mut prev_dot = false;
    for &c in &b[1..] {
        if c == b'.' {
            if prev_dot {
                return false;
            }
            prev_dot = true;
        } else if word(c) {
            prev_dot = false;
        } else {
            return false;
        }
    }
    !prev_dot
}

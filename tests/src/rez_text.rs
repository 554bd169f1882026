//! rez's texts, made comparable where rez's own wording varies from run to run.

/// rez's failure description with the parts that vary with Python's hash
/// seed made order-free (checked by running rez under several
/// `PYTHONHASHSEED`s): which cycle is reported and where it starts, and the
/// order of the reductions of a completely reduced package.
pub fn normalize(description: &str) -> String {
    const CYCLE: &str = "A cyclic dependency was detected:";
    const REDUCED: &str = "A package was completely reduced:";
    if description.starts_with(CYCLE) {
        return CYCLE.to_string();
    }
    if let Some(rest) = description.strip_prefix(REDUCED) {
        let mut groups = Vec::new();
        let (mut depth, mut start) = (0usize, 0usize);
        for (i, c) in rest.char_indices() {
            match c {
                '(' => {
                    if depth == 0 {
                        start = i;
                    }
                    depth += 1;
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        groups.push(&rest[start..=i]);
                    }
                }
                _ => {}
            }
        }
        groups.sort_unstable();
        return format!("{REDUCED} {}", groups.join(" "));
    }
    description.to_string()
}

//! The explanation as text, for people.

use std::fmt::Write as _;

use crate::Explanation;
use crate::facts::Fact;
use crate::proof::{Conclusion, Reached, Statement};
use crate::suggest::{Change, Suggestions};

/// rez's scope notation told plainly: `[foo==1[0]]` is `foo-1[0]`,
/// `[foo==1[0,1]]` is `foo-1 (variants 0,1)`, `foo[1..2(2:4)]` is
/// `foo 1..2 (2 versions, 4 variants)`; a trailing `*` (more to extract) is
/// dropped.
pub(crate) fn scope_text(label: &str) -> String {
    let label = label.trim_end_matches('*');
    if let Some(inner) = label.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        if let Some((name, rest)) = inner.split_once("==") {
            return match rest.split_once('[') {
                Some((v, idx)) if idx.contains(',') => {
                    format!("{name}-{v} (variants {})", idx.trim_end_matches(']'))
                }
                Some((v, idx)) => format!("{name}-{v}[{idx}"),
                None => format!("{name}-{rest}"),
            };
        }
    }
    if let Some((name, rest)) = label.split_once('[') {
        if let Some((span, counts)) = rest.trim_end_matches(']').split_once('(') {
            let counts = counts.trim_end_matches(')');
            let counts = match counts.split_once(':') {
                Some((v, n)) => format!("{v} versions, {n} variants"),
                None => format!("{counts} versions"),
            };
            return format!("{name} {span} ({counts})");
        }
    }
    label.to_string()
}

/// The text of one statement: its facts as one sentence.
fn statement_text(s: &Statement) -> String {
    let mut parts: Vec<String> = Vec::new();
    // what the last phrase named, so that a repeated name is left out
    let mut named = String::new();
    if let (Some(n), Some(from)) = (s.continues, &s.from) {
        named = plain(from);
        parts.push(format!("from ({n}), {named}"));
    }
    let count = s.facts.len();
    for (i, fact) in s.facts.iter().enumerate() {
        match fact {
            Fact::Requested { requirement } => {
                parts.push(format!("you asked for {requirement}"));
                named = requirement.clone();
            }
            Fact::Took { package } => {
                // the next fact names the package anyway
                let q = package.qualified_name();
                let next_names = matches!(s.facts.get(i + 1), Some(Fact::Requires { package: p, .. }) if p == package);
                if !next_names || i + 1 == count {
                    if q != named {
                        parts.push(format!("rez took {q}"));
                    }
                    named = q;
                } else if q == named {
                    // "you asked for foo-1, which requires ..."
                } else {
                    named = String::new();
                }
            }
            Fact::Candidates { family, scope } => {
                if *scope == named {
                    // a requirement scope (`.e-1`, `~foo-1`) is its request
                    continue;
                }
                match s.facts.get(i + 1) {
                    Some(Fact::AllRequire {
                        scope: next,
                        requirement,
                        ..
                    }) if next == scope => {
                        parts.push(format!(
                            "which leaves {}, all of which require {requirement}",
                            scope_text(scope)
                        ));
                    }
                    _ => parts.push(format!("which leaves {} of {family}", scope_text(scope))),
                }
                named = scope.clone();
            }
            Fact::Requires {
                package,
                requirement,
            } => {
                let q = package.qualified_name();
                let mut text = if q == named {
                    format!("which requires {requirement}")
                } else {
                    format!("{q} requires {requirement}")
                };
                if let Some(i) = package.index {
                    if q != named {
                        text = format!("{q}[{i}] requires {requirement}");
                    }
                }
                parts.push(text);
                named = requirement.clone();
            }
            Fact::AllRequire {
                family,
                scope,
                requirement,
            } => {
                if *scope == named {
                    // told with the candidates
                    named = requirement.clone();
                    continue;
                }
                parts.push(format!(
                    "every {family} left ({}) requires {requirement}",
                    scope_text(scope)
                ));
                named = requirement.clone();
            }
            Fact::Merges { requirement, into } => {
                if *requirement != named {
                    parts.push(requirement.to_string());
                }
                parts.push(format!(
                    "which with the other requirements on it makes {into}"
                ));
                named = into.clone();
            }
        }
    }
    let mut text = parts.join(", ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text + "."
}

/// A node label without rez's variant suffix (`foo-1[0]` is `foo-1`).
fn plain(label: &str) -> String {
    match crate::facts::PackageRef::parse(label) {
        Some(p) => p.qualified_name(),
        None if label.contains('[') => scope_text(label),
        None => label.to_string(),
    }
}

fn cite(r: &Reached) -> String {
    match r.statement {
        Some(n) => format!("{} ({n})", plain(&r.label)),
        None if r.chain.len() == 1 => format!("{} (you asked for it)", plain(&r.label)),
        None => plain(&r.label),
    }
}

fn is_requirement(r: &Reached) -> bool {
    crate::facts::PackageRef::parse(&r.label).is_none() && !r.label.contains('[')
}

fn conclusion_text(c: &Conclusion) -> String {
    match c {
        Conclusion::Conflict { pairs } => {
            let mut lines = Vec::new();
            for (x, y) in pairs {
                let excludes = |r: &Reached| r.label.starts_with('!') || r.label.starts_with('~');
                let why = if excludes(x) && is_requirement(y) {
                    format!("{} rules out {}", x.label, y.label)
                } else if excludes(y) && is_requirement(x) {
                    format!("{} rules out {}", y.label, x.label)
                } else if is_requirement(x) && is_requirement(y) && x.family == y.family {
                    format!("no {} is both", x.family)
                } else if is_requirement(x) {
                    format!("{} is not within {}", plain(&y.label), x.label)
                } else {
                    format!("{} is not within {}", plain(&x.label), y.label)
                };
                lines.push(format!(
                    "So {} and {} cannot both hold: {why}.",
                    cite(x),
                    cite(y)
                ));
            }
            lines.join("\n")
        }
        Conclusion::TotalReduction {
            family,
            scope,
            reductions,
        } => {
            let each: Vec<String> = reductions
                .iter()
                .map(|(p, req, against)| {
                    let idx = p.index.map(|i| format!("[{i}]")).unwrap_or_default();
                    format!(
                        "{}{idx} requires {req}, which {} rules out",
                        p.qualified_name(),
                        cite(against)
                    )
                })
                .collect();
            format!(
                "So every candidate of {family} left, {}, is ruled out: {}; no {family} can be chosen.",
                cite(scope),
                each.join("; ")
            )
        }
        Conclusion::Cycle {
            packages,
            requirements,
            entry,
        } => {
            let mut needs = Vec::new();
            for (p, r) in packages.iter().zip(requirements) {
                needs.push(format!("{} requires {r}", p.qualified_name()));
            }
            let mut ring: Vec<String> = packages.iter().map(|p| p.qualified_name()).collect();
            if let Some(first) = ring.first().cloned() {
                ring.push(first);
            }
            format!(
                "So {} is in a cycle: {}; {}. rez allows no cycle.",
                cite(entry),
                needs.join(", "),
                ring.join(" -> ")
            )
        }
        Conclusion::Unknown => "rez gives no reason for this failure.".to_string(),
    }
}

/// The suggestions as text lines.
pub(crate) fn suggestions_text(s: &Suggestions) -> String {
    let mut out = String::new();
    let spent = format!(
        "{} extra solve{} of at most {}",
        s.solves,
        if s.solves == 1 { "" } else { "s" },
        s.budget.max_solves
    );
    if s.found.is_empty() {
        let _ = if s.candidates == 0 {
            writeln!(
                out,
                "No change of one request to try (each request is a single unversioned family)."
            )
        } else {
            writeln!(
                out,
                "No change of one request was found that resolves ({} of {} candidate changes tried, {spent}{}).",
                s.tried,
                s.candidates,
                if s.exhausted {
                    "; the budget ran out"
                } else {
                    ""
                }
            )
        };
        return out;
    }
    let _ = writeln!(
        out,
        "What would resolve (each checked by a solve; {spent}):"
    );
    for f in &s.found {
        let change = match &f.change {
            Change::Widen { from, to } => format!("{to} instead of {from}"),
            Change::Pin { from, to } => format!("{to} instead of {from}"),
            Change::Drop { request } => format!("without {request}"),
            Change::Add { request } => format!("adding {request}"),
        };
        let mut shown: Vec<String> = f
            .resolved
            .iter()
            .filter(|p| f.involved.contains(&p.name))
            .map(|p| p.qualified_name())
            .collect();
        if shown.is_empty() {
            shown = f.resolved.iter().map(|p| p.qualified_name()).collect();
        }
        if shown.is_empty() {
            shown.push("no package".to_string());
        }
        let rest = f.resolved.len().saturating_sub(shown.len());
        let more = match rest {
            0 => String::new(),
            1 => " and 1 more package".to_string(),
            n => format!(" and {n} more packages"),
        };
        let _ = writeln!(out, "  - {change} resolves: {}{more}", shown.join(", "));
    }
    if s.exhausted {
        let _ = writeln!(
            out,
            "  (the budget ran out after {} of {} candidate changes)",
            s.tried, s.candidates
        );
    }
    out
}

impl Explanation {
    /// The explanation as text: a heading, the numbered statements, the
    /// conclusion, then the suggestions if they were searched for. Each
    /// line ends in a newline.
    pub fn text(&self) -> String {
        let mut out =
            String::from("Why (the first failure rez's solver met, from each request down):\n");
        for s in &self.statements {
            let _ = writeln!(out, "  ({}) {}", s.number, statement_text(s));
        }
        for line in conclusion_text(&self.conclusion).lines() {
            let _ = writeln!(out, "  {line}");
        }
        if let Some(s) = &self.suggestions {
            out.push('\n');
            out.push_str(&suggestions_text(s));
        }
        out
    }
}

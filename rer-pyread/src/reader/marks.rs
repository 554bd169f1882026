//! Marking the names a statement the reader does not evaluate may bind or
//! change as not static.

use super::{Reader, is_keyword};
use crate::Binding;
use crate::lexer::{Kind, Token};

impl Reader<'_> {
    /// `global x` inside a function lets it rebind a module name when called.
    pub(super) fn globals_in(&mut self, start: usize, stop: usize, function: &str) {
        let mut i = start;
        while i < stop {
            let t = self.tokens[i];
            if t.kind == Kind::Name && self.text(&t) == "global" {
                let mut j = i + 1;
                while let Some(n) = self
                    .tokens
                    .get(j)
                    .filter(|n| n.kind == Kind::Name || self.is_op(n, ","))
                {
                    if n.kind == Kind::Name {
                        let name = self.text(n);
                        self.bind(
                            name,
                            Binding::NonStatic {
                                line: n.line,
                                construct: format!("declared global in function '{function}'"),
                            },
                        );
                    }
                    j += 1;
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// Names read by a non-literal expression stay static only where the
    /// expression cannot change them or alias them: operands of `+` in an
    /// expression without calls, attributes or `:=`.
    pub(super) fn mark_reads(&mut self, tokens: &[Token], line: usize) {
        let risky = tokens.iter().enumerate().any(|(i, t)| {
            let text = self.text(t);
            match t.kind {
                Kind::Op if text == "." || text == ":=" => true,
                Kind::Op if text == "(" && i > 0 => {
                    let before = &tokens[i - 1];
                    matches!(before.kind, Kind::Name | Kind::Str)
                        || matches!(self.text(before), ")" | "]")
                }
                Kind::Name => text == "lambda",
                _ => false,
            }
        });
        let construct = format!("used by the expression on line {line}");
        for (i, t) in tokens.iter().enumerate() {
            if !self.is_candidate(tokens, i) {
                continue;
            }
            let beside_plus = (i > 0 && self.is_op(&tokens[i - 1], "+"))
                || tokens.get(i + 1).is_some_and(|n| self.is_op(n, "+"));
            if risky || !beside_plus {
                let name = self.text(t);
                self.bind(
                    name,
                    Binding::NonStatic {
                        line: t.line,
                        construct: construct.clone(),
                    },
                );
            }
        }
    }

    /// Whether `tokens[i]` is a name that a statement may bind or change: a
    /// non-keyword name that is not an attribute (`x.name`) or a keyword
    /// argument (`f(name=...)`).
    pub(super) fn is_candidate(&self, tokens: &[Token], i: usize) -> bool {
        let t = &tokens[i];
        if t.kind != Kind::Name || is_keyword(self.text(t)) {
            return false;
        }
        if i > 0 && self.is_op(&tokens[i - 1], ".") {
            return false;
        }
        let keyword_argument = tokens.get(i + 1).is_some_and(|n| self.is_op(n, "="))
            && i > 0
            && (self.is_op(&tokens[i - 1], "(") || self.is_op(&tokens[i - 1], ","))
            && {
                let depth: i32 = tokens[..i]
                    .iter()
                    .map(|t| match (t.kind, self.text(t)) {
                        (Kind::Op, "(" | "[" | "{") => 1,
                        (Kind::Op, ")" | "]" | "}") => -1,
                        _ => 0,
                    })
                    .sum();
                depth > 0
            };
        !keyword_argument
    }

    pub(super) fn mark_names(&mut self, tokens: &[Token], construct: &str) {
        for i in 0..tokens.len() {
            if self.is_candidate(tokens, i) {
                let t = tokens[i];
                let name = self.text(&t);
                self.bind(
                    name,
                    Binding::NonStatic {
                        line: t.line,
                        construct: construct.to_string(),
                    },
                );
            }
        }
    }
}

//! Simple statements: assignments, and the statements passed over.

use super::{AUGMENTED, Reader, is_keyword};
use crate::lexer::{Kind, Token};
use crate::literal::{ExprError, evaluate};
use crate::{Binding, PyError, Value};

impl Reader<'_> {
    /// A simple statement (no `;` inside).
    pub(super) fn simple(&mut self, tokens: &[Token]) -> Result<(), PyError> {
        let first = tokens[0];
        let line = first.line;
        let word = self.text(&first);
        if first.kind == Kind::Name {
            match word {
                "pass" => return Ok(()),
                "return" | "yield" => {
                    return Err(PyError::new(line, format!("'{word}' outside function")));
                }
                "break" | "continue" => {
                    return Err(PyError::new(line, format!("'{word}' outside loop")));
                }
                "raise" => {
                    return Err(PyError::new(
                        line,
                        "the file raises an exception when run ('raise' at top level)",
                    ));
                }
                "import" | "from" | "del" | "global" | "nonlocal" | "assert" => {
                    self.mark_names(
                        tokens,
                        &format!("changed by the '{word}' statement on line {line}"),
                    );
                    return Ok(());
                }
                _ => {}
            }
        }
        // Split at depth-0 `=`, and find augmented assignments and annotations.
        let mut depth = 0i32;
        let mut equals = Vec::new();
        let mut augmented = None;
        let mut annotation = None;
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != Kind::Op {
                continue;
            }
            match self.text(t) {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                "=" if depth == 0 => equals.push(i),
                ":" if depth == 0 && annotation.is_none() && equals.is_empty() => {
                    annotation = Some(i)
                }
                op if depth == 0
                    && augmented.is_none()
                    && equals.is_empty()
                    && AUGMENTED.contains(&op) =>
                {
                    augmented = Some(i);
                }
                _ => {}
            }
        }
        if let Some(at) = augmented {
            if at == 0 || at + 1 == tokens.len() {
                return Err(PyError::new(line, "invalid syntax"));
            }
            self.mark_names(
                &tokens[..at],
                &format!("changed by the augmented assignment on line {line}"),
            );
            self.mark_reads(&tokens[at + 1..], line);
            return Ok(());
        }
        if equals.is_empty() {
            if annotation.is_none() {
                self.mark_names(tokens, &format!("used by the statement on line {line}"));
            }
            return Ok(());
        }
        let value_tokens = &tokens[equals[equals.len() - 1] + 1..];
        if value_tokens.is_empty() {
            return Err(PyError::new(line, "invalid syntax: nothing to assign"));
        }
        let value = match evaluate(self.src, value_tokens) {
            Ok(v) => Ok(v),
            Err(ExprError::Syntax(e)) => return Err(e),
            Err(ExprError::NotLiteral { line, what }) => Err((line, what)),
        };
        if value.is_err() {
            self.mark_reads(value_tokens, line);
        }
        let mut value = Some(value);
        let mut start = 0;
        for (n, &at) in equals.iter().enumerate() {
            let mut target = &tokens[start..at];
            start = at + 1;
            if n == 0 {
                if let Some(colon) = annotation {
                    target = &tokens[..colon];
                }
            }
            // The last target takes the value; earlier ones (chained
            // assignment) get copies.
            let this = if n + 1 == equals.len() {
                value.take()
            } else {
                value.clone()
            };
            if let Some(this) = this {
                self.assign(target, this, line)?;
            }
        }
        Ok(())
    }

    fn assign(
        &mut self,
        target: &[Token],
        value: Result<Value, (usize, String)>,
        line: usize,
    ) -> Result<(), PyError> {
        let Some(first) = target.first() else {
            return Err(PyError::new(line, "invalid syntax: nothing to assign to"));
        };
        if target.len() == 1 && first.kind == Kind::Name {
            let name = self.text(first);
            if is_keyword(name) {
                return Err(PyError::new(line, format!("cannot assign to {name}")));
            }
            let binding = match value {
                Ok(value) => Binding::Value { line, value },
                Err((at, what)) => Binding::NonStatic {
                    line: at,
                    construct: format!("assigned a value that is not a literal ({what})"),
                },
            };
            self.bind(name, binding);
            return Ok(());
        }
        if matches!(first.kind, Kind::Number | Kind::Str) {
            return Err(PyError::new(line, "cannot assign to literal"));
        }
        self.mark_names(target, &format!("changed by the assignment on line {line}"));
        Ok(())
    }
}

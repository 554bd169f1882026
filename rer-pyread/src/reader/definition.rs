//! `def` and `class` statements: what they bind, and what of them runs
//! when the module is loaded (decorators, default argument values, class
//! bodies).

use super::Reader;
use crate::lexer::{Kind, Token};
use crate::literal::ExprError;
use crate::names::is_keyword;
use crate::{Binding, PyError};

/// The one decorator whose whole effect at load is known: rez's `late()`
/// marks the function, which rez keeps as source to run at resolve time.
const LATE: &str = "@late()";

impl Reader<'_> {
    /// `def name(...):` or `class name...:` with its body, after
    /// `decorators`.
    pub(super) fn definition(&mut self, end: usize, decorators: &[String]) -> Result<(), PyError> {
        let all = self.tokens;
        let line = &all[self.pos..end];
        let skip_async = usize::from(self.text(&line[0]) == "async");
        let keyword = self.text(&line[skip_async]);
        let Some(name_token) = line.get(skip_async + 1).filter(|t| t.kind == Kind::Name) else {
            return Err(PyError::new(
                line[0].line,
                format!("invalid syntax: '{keyword}' needs a name"),
            ));
        };
        let name = self.name(name_token);
        if is_keyword(&name) {
            return Err(PyError::new(
                name_token.line,
                format!("invalid syntax: '{name}' is a keyword"),
            ));
        }
        if !line.iter().any(|t| self.is_op(t, ":")) {
            return Err(PyError::new(line[0].line, "expected ':'"));
        }
        let header_line = line[0].line;
        let binding = if keyword == "class" {
            self.effect(
                header_line,
                format!("the class definition 'class {name}', whose body runs"),
            );
            Binding::NonStatic {
                line: header_line,
                construct: format!("a class definition ('class {name}')"),
            }
        } else {
            self.defaults(&line[skip_async + 2..], &name)?;
            let normalised: Vec<String> = decorators
                .iter()
                .map(|d| d.chars().filter(|c| !c.is_whitespace()).collect())
                .collect();
            if decorators.is_empty() {
                // rez drops plain functions from the package's data.
                Binding::Removed { line: header_line }
            } else {
                if normalised.iter().any(|d| d != LATE) {
                    let what = if normalised.iter().any(|d| d == "@early()") {
                        format!("a function decorated with @early() ('def {name}')")
                    } else {
                        format!(
                            "the decorators of 'def {name}' ({})",
                            decorator_list(decorators)
                        )
                    };
                    self.effect(header_line, what);
                }
                Binding::NonStatic {
                    line: header_line,
                    construct: format!(
                        "a function decorated with {} ('def {name}')",
                        decorator_list(decorators)
                    ),
                }
            }
        };
        self.bind(name.clone(), binding);
        let (start, close) = self.body(end, keyword)?;
        if keyword != "class" {
            // `start` is the header's first token; the names from after
            // the function's own name count as met in the function
            self.declarations(start + skip_async + 2, start, close, &name);
            self.function_bodies.push((end + 1, close));
        }
        Ok(())
    }

    /// CPython checks a function's `global` and `nonlocal` declarations
    /// when it compiles the file: `x = 1` then `global x`, or `global` of a
    /// parameter, is a `SyntaxError`. The reader does not model the body's
    /// scopes, so a `nonlocal`, or a `global` of a name met earlier in the
    /// function (its parameters from `from`, its body from `start` to
    /// `close`), makes the `def` an effect: the fields are refused.
    fn declarations(&mut self, from: usize, start: usize, close: usize, function: &str) {
        let all = self.tokens;
        let end = close.min(all.len());
        for g in start..end {
            let t = all[g];
            if t.kind != Kind::Name {
                continue;
            }
            let declaration = self.text(&t);
            let suspect = match declaration {
                "nonlocal" => true,
                "global" => all[g + 1..end]
                    .iter()
                    .take_while(|u| u.kind != Kind::Newline && !self.is_op(u, ";"))
                    .filter(|u| u.kind == Kind::Name)
                    .any(|declared| {
                        let declared = self.name(declared);
                        (from..g).any(|j| {
                            all[j].kind == Kind::Name
                                && !(j > 0 && self.is_op(&all[j - 1], "."))
                                && self.name(&all[j]) == declared
                        })
                    }),
                _ => false,
            };
            if suspect {
                self.effect(
                    t.line,
                    format!("the '{declaration}' declaration in the body of 'def {function}'"),
                );
                return;
            }
        }
    }

    /// The default values in a `def`'s parameters (`header`, from the `(`):
    /// Python evaluates them when the `def` runs, at load. Literals are
    /// harmless; anything else is the module's effect. Annotations are not
    /// evaluated: rez compiles package files with postponed annotations.
    fn defaults(&mut self, header: &[Token], function: &str) -> Result<(), PyError> {
        if !header.first().is_some_and(|t| self.is_op(t, "(")) {
            return Ok(());
        }
        let mut depth = 0usize;
        let mut default_start: Option<usize> = None;
        for (i, t) in header.iter().enumerate() {
            let text = if t.kind == Kind::Op { self.text(t) } else { "" };
            match text {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some(start) = default_start.take() {
                            self.default_value(&header[start..i], function)?;
                        }
                        return Ok(());
                    }
                }
                "=" if depth == 1 => default_start = Some(i + 1),
                "," if depth == 1 => {
                    if let Some(start) = default_start.take() {
                        self.default_value(&header[start..i], function)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn default_value(&mut self, tokens: &[Token], function: &str) -> Result<(), PyError> {
        let Some(first) = tokens.first() else {
            return Err(PyError::new(0, "invalid syntax: expected a default value"));
        };
        match self.evaluate(tokens) {
            Ok(_) => Ok(()),
            Err(ExprError::Syntax(e)) => Err(e),
            Err(ExprError::NotLiteral { what, .. }) => {
                self.effect(
                    first.line,
                    format!("a default argument value of 'def {function}' ({what})"),
                );
                Ok(())
            }
        }
    }
}

/// How many decorators a message names before it counts the rest.
const NAMED_DECORATORS: usize = 4;

/// How many characters of one decorator a message quotes.
const DECORATOR_CHARS: usize = 80;

/// The decorators for a message, space-separated: the first few, each cut
/// to a readable length, and a count of the rest, so that a file with
/// thousands of decorators still gets a short message.
fn decorator_list(decorators: &[String]) -> String {
    let mut named: Vec<String> = decorators
        .iter()
        .take(NAMED_DECORATORS)
        .map(|d| {
            if d.chars().count() > DECORATOR_CHARS {
                let cut: String = d.chars().take(DECORATOR_CHARS).collect();
                format!("{cut}...")
            } else {
                d.clone()
            }
        })
        .collect();
    if decorators.len() > NAMED_DECORATORS {
        named.push(format!("and {} more", decorators.len() - NAMED_DECORATORS));
    }
    named.join(" ")
}

#[cfg(test)]
mod tests {
    use super::decorator_list;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_few_decorators_are_all_named() {
        assert_eq!(decorator_list(&strings(&["@early()", "@x"])), "@early() @x");
    }

    #[test]
    fn many_decorators_are_counted_past_the_first_few() {
        let many = vec!["@d".to_string(); 100_000];
        assert_eq!(decorator_list(&many), "@d @d @d @d and 99996 more");
    }

    #[test]
    fn a_long_decorator_is_cut() {
        let long = format!("@d({})", "1, ".repeat(1_000));
        let listed = decorator_list(&[long]);
        assert!(listed.ends_with("..."), "{listed}");
        assert_eq!(listed.chars().count(), 83);
    }
}

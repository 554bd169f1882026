//! String and bytes literals: prefixes, quotes and backslash escapes, as
//! CPython decodes them.

use crate::PyError;

pub(super) enum Decoded {
    Str(String),
    Bytes(Vec<u8>),
    FString,
    Unsupported(&'static str),
}

/// Decodes one string token (prefix, quotes and body).
pub(super) fn decode_string(token: &str, line: usize) -> Result<Decoded, PyError> {
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    let prefix = &token[..quote_at];
    let raw = prefix.contains(['r', 'R']);
    let is_bytes = prefix.contains(['b', 'B']);
    let bytes = token.as_bytes();
    let quote = bytes.get(quote_at).copied().unwrap_or(b'\'');
    let triple =
        bytes.len() >= quote_at + 6 && bytes[quote_at + 1] == quote && bytes[quote_at + 2] == quote;
    let q = if triple { 3 } else { 1 };
    let body = token
        .get(quote_at + q..token.len().saturating_sub(q))
        .unwrap_or("");
    if prefix.contains(['f', 'F']) {
        // An f-string without replacement fields is a constant.
        if has_replacement_field(body.as_bytes()) {
            return Ok(Decoded::FString);
        }
        let unprefixed = format!("{}{}", if raw { "r" } else { "" }, &token[quote_at..]);
        return Ok(match decode_string(&unprefixed, line)? {
            Decoded::Str(s) => Decoded::Str(s.replace("{{", "{").replace("}}", "}")),
            other => other,
        });
    }
    if !body.contains(['\\', '\r']) {
        if is_bytes && !body.is_ascii() {
            return Err(PyError::new(
                line,
                "bytes can only contain ASCII literal characters",
            ));
        }
        return Ok(if is_bytes {
            Decoded::Bytes(body.as_bytes().to_vec())
        } else {
            Decoded::Str(body.to_string())
        });
    }
    let body = normalise_newlines(body);
    if is_bytes && !body.is_ascii() {
        return Err(PyError::new(
            line,
            "bytes can only contain ASCII literal characters",
        ));
    }
    if raw {
        return Ok(if is_bytes {
            Decoded::Bytes(body.into_bytes())
        } else {
            Decoded::Str(body)
        });
    }
    unescape(&body, is_bytes, line)
}

/// Whether an f-string body has a `{...}` field (doubled braces are text).
fn has_replacement_field(body: &[u8]) -> bool {
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'{' | b'}' if body.get(i + 1) == Some(&body[i]) => i += 2,
            b'{' | b'}' => return true,
            _ => i += 1,
        }
    }
    false
}

fn normalise_newlines(body: &str) -> String {
    if body.contains('\r') {
        body.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        body.to_string()
    }
}

/// Applies Python's backslash escapes.
fn unescape(body: &str, is_bytes: bool, line: usize) -> Result<Decoded, PyError> {
    let mut out: Vec<u8> = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            push_char(&mut out, c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push(b'\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(0x07),
            'b' => out.push(0x08),
            'f' => out.push(0x0c),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(0x0b),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if is_bytes {
                    out.push((value & 0xff) as u8);
                } else {
                    push_char(&mut out, char::from_u32(value).unwrap_or('\u{fffd}'));
                }
            }
            'x' | 'u' | 'U' if e == 'x' || !is_bytes => {
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut value = 0u32;
                for _ in 0..digits {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            chars.next();
                        }
                        None => {
                            let kind = match e {
                                'x' => "\\xXX",
                                'u' => "\\uXXXX",
                                _ => "\\UXXXXXXXX",
                            };
                            return Err(PyError::new(
                                line,
                                format!("(unicode error) truncated {kind} escape"),
                            ));
                        }
                    }
                }
                if is_bytes {
                    out.push(value as u8);
                } else {
                    match char::from_u32(value) {
                        Some(c) => push_char(&mut out, c),
                        None if value > 0x10ffff => {
                            return Err(PyError::new(
                                line,
                                "(unicode error) illegal Unicode character",
                            ));
                        }
                        None => {
                            return Ok(Decoded::Unsupported("a string holding a lone surrogate"));
                        }
                    }
                }
            }
            'N' if !is_bytes => {
                let c = named_character(&mut chars, line)?;
                push_char(&mut out, c);
            }
            other => {
                out.push(b'\\');
                push_char(&mut out, other);
            }
        }
    }
    if is_bytes {
        return Ok(Decoded::Bytes(out));
    }
    // Every byte pushed is a whole UTF-8 character, except the ones pushed for
    // bytes literals, handled above.
    String::from_utf8(out)
        .map(Decoded::Str)
        .map_err(|_| PyError::new(line, "string literal is not valid UTF-8"))
}

/// The character a `\N{NAME}` escape names, after the `N`: CPython looks
/// the name up case-insensitively in the Unicode database.
fn named_character(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    line: usize,
) -> Result<char, PyError> {
    let malformed = || {
        PyError::new(
            line,
            "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape",
        )
    };
    if chars.next_if(|&(_, c)| c == '{').is_none() {
        return Err(malformed());
    }
    let mut name = String::new();
    loop {
        match chars.next() {
            Some((_, '}')) => break,
            Some((_, c)) => name.push(c),
            None => return Err(malformed()),
        }
    }
    if name.is_empty() {
        return Err(malformed());
    }
    unicode_names2::character(&name.to_ascii_uppercase()).ok_or_else(|| {
        PyError::new(
            line,
            "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name",
        )
    })
}

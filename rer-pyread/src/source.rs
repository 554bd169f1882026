//! Turning a file's bytes into the text CPython compiles: the byte order
//! mark and the `# -*- coding: ... -*-` declaration (PEP 263).

use std::borrow::Cow;

use super::PyError;

/// The source to tokenize: UTF-8 except, possibly, inside comments (CPython
/// 3.11 accepts any bytes there when the file is UTF-8).
///
/// Files that declare Latin-1, ASCII or Windows-1252 are decoded here;
/// any other declared encoding is an error naming the line, as CPython's
/// "unknown encoding" is (rez reports it as a load failure).
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, [u8]>, PyError> {
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let Some((line, name)) = declared_encoding(body) else {
        return Ok(Cow::Borrowed(body));
    };
    let name = normalise(&name);
    if bom && name != "utf-8" {
        return Err(PyError::new(
            line,
            format!("encoding problem: {name} with BOM"),
        ));
    }
    match name.as_str() {
        "utf-8" | "utf8" | "utf-8-sig" | "u8" | "utf" | "cp65001" => Ok(Cow::Borrowed(body)),
        "iso-8859-1" | "latin-1" | "latin1" | "l1" | "iso8859-1" | "8859" | "cp819" | "latin" => {
            Ok(Cow::Owned(
                body.iter()
                    .map(|&b| b as char)
                    .collect::<String>()
                    .into_bytes(),
            ))
        }
        "ascii" | "us-ascii" | "646" => match body.iter().position(|b| !b.is_ascii()) {
            None => Ok(Cow::Borrowed(body)),
            Some(at) => Err(PyError::new(
                line_of(body, at),
                format!("'ascii' codec can't decode byte 0x{:02x}", body[at]),
            )),
        },
        "cp1252" | "windows-1252" => windows_1252(body).map(|s| Cow::Owned(s.into_bytes())),
        _ => Err(PyError::new(
            line,
            format!(
                "unknown or unsupported encoding '{name}' (rer reads UTF-8, Latin-1, ASCII and Windows-1252)"
            ),
        )),
    }
}

/// The encoding named on line 1, or on line 2 when line 1 is blank or a
/// comment, with its line number.
fn declared_encoding(body: &[u8]) -> Option<(usize, String)> {
    let mut lines = body.split(|&b| b == b'\n' || b == b'\r');
    let first = lines.next()?;
    if let Some(name) = coding_cookie(first) {
        return Some((1, name));
    }
    let trimmed: Vec<u8> = first
        .iter()
        .copied()
        .skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
        .collect();
    if !(trimmed.is_empty() || trimmed.starts_with(b"#")) {
        return None;
    }
    // `split` yields an empty piece between `\r` and `\n`; skip it.
    let second =
        if body.get(first.len()) == Some(&b'\r') && body.get(first.len() + 1) == Some(&b'\n') {
            lines.nth(1)?
        } else {
            lines.next()?
        };
    coding_cookie(second).map(|name| (2, name))
}

/// Matches `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line.
fn coding_cookie(line: &[u8]) -> Option<String> {
    let rest: &[u8] = {
        let start = line
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
        line[start..].strip_prefix(b"#")?
    };
    let at = rest.windows(6).position(|w| w == b"coding")?;
    let after = &rest[at + 6..];
    let after = match after.first() {
        Some(b':' | b'=') => &after[1..],
        _ => return coding_cookie_after(&rest[at + 6..]),
    };
    let start = after
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(after.len());
    let name: Vec<u8> = after[start..]
        .iter()
        .copied()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(String::from_utf8_lossy(&name).into_owned())
}

/// The regex's `.*?` may skip a first `coding` not followed by `:`/`=`.
fn coding_cookie_after(rest: &[u8]) -> Option<String> {
    let mut line = b"#".to_vec();
    line.extend_from_slice(rest);
    coding_cookie(&line)
}

/// CPython's normalisation of encoding names: lower case, `_` as `-`, and
/// the `utf-8-*` / `latin-1-*` families folded.
fn normalise(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    for base in ["utf-8", "latin-1", "iso-8859-1", "iso-latin-1"] {
        if lower == base || lower.starts_with(&format!("{base}-")) {
            return if base == "utf-8" {
                base.into()
            } else {
                "iso-8859-1".into()
            };
        }
    }
    lower
}

fn line_of(body: &[u8], at: usize) -> usize {
    1 + body[..at].iter().filter(|&&b| b == b'\n').count()
}

/// Windows-1252 to UTF-8; five bytes have no character and are errors.
fn windows_1252(body: &[u8]) -> Result<String, PyError> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    let mut out = String::with_capacity(body.len());
    for (at, &b) in body.iter().enumerate() {
        let c = if (0x80..0xa0).contains(&b) {
            let code = HIGH[usize::from(b - 0x80)];
            if code == 0 {
                return Err(PyError::new(
                    line_of(body, at),
                    format!("'charmap' codec can't decode byte 0x{b:02x}"),
                ));
            }
            char::from_u32(u32::from(code)).unwrap_or('\u{fffd}')
        } else {
            b as char
        };
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_bom_stripped() {
        assert_eq!(&*decode(b"x = 1").unwrap(), b"x = 1");
        assert_eq!(&*decode(b"\xef\xbb\xbfx = 1").unwrap(), b"x = 1");
        assert_eq!(
            &*decode(b"# -*- coding: utf-8 -*-\nx").unwrap(),
            b"# -*- coding: utf-8 -*-\nx"
        );
    }

    #[test]
    fn latin1_and_cp1252_are_decoded() {
        assert_eq!(
            &*decode(b"# coding: latin-1\nx='\xe9'").unwrap(),
            "# coding: latin-1\nx='é'".as_bytes()
        );
        assert_eq!(
            &*decode(b"#!/bin/python\n# vim: set fileencoding=cp1252 :\nx='\x93'").unwrap(),
            "#!/bin/python\n# vim: set fileencoding=cp1252 :\nx='\u{201c}'".as_bytes()
        );
        assert!(decode(b"# coding: cp1252\nx='\x81'").is_err());
    }

    #[test]
    fn cookie_only_on_first_two_lines() {
        assert_eq!(
            &*decode(b"x=1\n# coding: latin-1\n\xe9").unwrap(),
            b"x=1\n# coding: latin-1\n\xe9"
        );
        assert_eq!(
            &*decode(b"x=1\n\n# coding: latin-1\n").unwrap(),
            b"x=1\n\n# coding: latin-1\n"
        );
    }

    #[test]
    fn unknown_encodings_and_bom_conflicts_are_errors() {
        assert_eq!(decode(b"# coding: klingon\n").unwrap_err().line, 1);
        assert!(decode(b"\xef\xbb\xbf# coding: latin-1\n").is_err());
        assert!(decode(b"# coding: ascii\nx='\xe9'").is_err());
    }
}

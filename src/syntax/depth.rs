//! Syntax stage, before parsing: how deep filters nest. Every pass over a filter (parsing,
//! lowering, checking, matching, dropping) walks it recursively, so a filter nested deeper
//! than [`DEEPEST`] — parentheses within parentheses, or `not not not …` — is refused here,
//! with a diagnostic, before any of them runs. Real rule files nest two or three deep.

use super::error::SyntaxError;
use super::tree::Span;

/// The deepest nesting of parentheses, and the longest run of `not`, a filter may have.
pub const DEEPEST: usize = 100;

/// The first place where nesting passes [`DEEPEST`], if any. Texts and comments are skipped.
pub fn check(source: &str, file_start: usize) -> Result<(), SyntaxError> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut nots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // A text runs to the next unescaped quote or the end of the line.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' => {
                depth += 1;
                nots = 0;
                if depth > DEEPEST {
                    return Err(too_deep("parentheses", i, file_start));
                }
            }
            b')' => depth = depth.saturating_sub(1),
            b'{' | b'}' => depth = 0,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if &bytes[start..i] == b"not" {
                    nots += 1;
                    if nots > DEEPEST {
                        return Err(too_deep("`not`s in a row", start, file_start));
                    }
                } else {
                    nots = 0;
                }
                continue;
            }
            c if c.is_ascii_whitespace() => {}
            _ => nots = 0,
        }
        i += 1;
    }
    Ok(())
}

fn too_deep(what: &'static str, at: usize, file_start: usize) -> SyntaxError {
    SyntaxError::TooDeep {
        what,
        limit: DEEPEST,
        at: Span {
            start: file_start + at,
            end: file_start + at + 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_filters_pass_and_deep_ones_are_refused_where_they_pass_the_limit() {
        assert!(check("where (a = b or (c = d)) and not not e = f # ((((", 0).is_ok());
        let deep = format!("where {}a = b{}", "(".repeat(150), ")".repeat(150));
        let Err(SyntaxError::TooDeep { at, .. }) = check(&deep, 0) else {
            panic!("accepted");
        };
        assert_eq!(at.start, "where ".len() + DEEPEST);
        let nots = format!("where {} a = b", "not ".repeat(120));
        assert!(check(&nots, 0).is_err());
        assert!(check("\"((((((((\"", 0).is_ok());
    }
}

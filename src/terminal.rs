//! Text for a terminal: control characters and bidirectional-text controls that came from an
//! input file (a provider's name, a question's wording, a cell) are shown as escapes, so that
//! they cannot move the cursor, clear the screen or reorder what a reader sees. Line breaks
//! and tabs stay as they are. Machine output (JSON, CSV, HTML) is left alone: its own format
//! escapes what it must.

use std::borrow::Cow;

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every unsafe character written as `\u{…}`.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_are_escaped_and_line_breaks_kept() {
        assert_eq!(
            safe("Team\u{1b}[2J\u{202e}A\nB\tC"),
            "Team\\u{1b}[2J\\u{202e}A\nB\tC"
        );
        assert!(matches!(safe("plain, é"), Cow::Borrowed(_)));
    }
}

//! Text for a terminal: control characters and bidirectional-text controls that came from an
//! input file (a provider's name, a question's wording, a cell) are shown as escapes, so that
//! they cannot move the cursor, clear the screen or reorder what a reader sees. Line breaks
//! and tabs stay as they are. Machine output (JSON, CSV, HTML) is left alone: its own format
//! escapes what it must.

use std::borrow::Cow;

/// Whether a character could move the cursor, clear the screen or reorder what a reader sees:
/// a control character other than a line break or tab, or a bidirectional-text control.
pub fn is_unsafe(c: char) -> bool {
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

/// A text from an input shown inside one line of a message or report (a provider's name, a
/// column's name, a cell): line breaks and tabs escaped as `\n`, `\r` and `\t`, every other
/// unsafe character as `\u{…}`, so the text can never start a line of its own.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c == '\n' || c == '\r' || c == '\t' || is_unsafe(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_one_line(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_one_line(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        c => out.push(c),
    }
}

/// At most `max` characters of a text from an input, as [`one_line`] writes them; a longer
/// text is cut and says how long it was. For a diagnostic that quotes what it found without
/// echoing a whole file that was never meant to be read.
pub fn excerpt(text: &str, max: usize) -> String {
    let count = text.chars().count();
    let mut out = String::new();
    for c in text.chars().take(max) {
        push_one_line(&mut out, c);
    }
    if count > max {
        out.push_str(&format!("… ({count} characters)"));
    }
    out
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

    #[test]
    fn a_name_with_a_line_break_stays_on_its_line() {
        assert_eq!(one_line("Luton\noverall   Good"), "Luton\\noverall   Good");
        assert_eq!(one_line("Tab\there \u{1b}[31m"), "Tab\\there \\u{1b}[31m");
        assert!(matches!(one_line("Luton YOT "), Cow::Borrowed(_)));
    }

    #[test]
    fn an_excerpt_is_short_and_says_how_long_the_text_was() {
        assert_eq!(excerpt("root:x:0:0:root", 6), "root:x… (15 characters)");
        assert_eq!(excerpt("a\u{0}b", 10), "a\\u{0}b");
        assert_eq!(excerpt("short", 10), "short");
    }
}

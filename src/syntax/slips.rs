//! Syntax stage: the slips people make when they write a rule file, recognised where the
//! parser stops, so that each gets help in their words instead of the grammar's: a block left
//! open or closed twice (named, with where it opened), a label of two words without quotes,
//! `%` after a number, `==`, `//` comments, decimal bounds, dashes in ranges, quoted values in
//! filters, invisible characters (named: "a non-breaking space"), a header without `version`.
//!
//! Each finder looks at the text around the place the parser stopped, never at the grammar's
//! rule names; one that does not recognise the slip says nothing, and the general message
//! stands.

/// A recognised slip: what to say, what to do, and where (offsets into the file's text).
pub(super) struct Slip {
    pub(super) kind: SlipKind,
    pub(super) message: String,
    pub(super) help: String,
    pub(super) label: String,
    pub(super) at: (usize, usize),
    /// Where the block a brace slip concerns was opened.
    pub(super) opened: Option<(usize, usize)>,
}

/// Which diagnostic a slip is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SlipKind {
    /// A block not closed before what follows it.
    Unclosed,
    /// A `}` that closes a block early, or closes nothing.
    ExtraBrace,
    /// Anything else: one character or word written as the language does not write it.
    Written,
}

/// The slip that stopped the parser at `start`, where it expected `expected` and met
/// `found`, if it is one of those people make. Reading began at `from` (after an earlier
/// error, at the next section), so blocks are counted from there.
pub(super) fn slip(
    source: &str,
    from: usize,
    start: usize,
    expected: &str,
    found: &str,
) -> Option<Slip> {
    invisible(start, found)
        .or_else(|| character(source, start, expected, found))
        .or_else(|| unquoted_label(source, start))
        .or_else(|| braces(source, from, start, found))
        .or_else(|| no_version(start, expected, found))
}

/// Characters that look like a space, or like nothing, and are not one.
const INVISIBLE: [(char, &str); 10] = [
    ('\u{a0}', "a non-breaking space"),
    ('\u{2007}', "a figure space"),
    ('\u{202f}', "a narrow non-breaking space"),
    ('\u{2009}', "a thin space"),
    ('\u{200b}', "a zero-width space"),
    ('\u{200c}', "a zero-width non-joiner"),
    ('\u{200d}', "a zero-width joiner"),
    ('\u{2060}', "a word joiner"),
    ('\u{feff}', "a byte-order mark"),
    ('\u{ad}', "a soft hyphen"),
];

fn invisible(start: usize, found: &str) -> Option<Slip> {
    let c = found.chars().next()?;
    let (_, name) = INVISIBLE.iter().find(|(i, _)| *i == c)?;
    Some(written(
        format!("{name} (U+{:04X}) here, which looks like a space or nothing but is neither", c as u32),
        "replace it with an ordinary space, or delete it (it often comes with text pasted from a document or a web page)".into(),
        name.to_string(),
        (start, start + c.len_utf8()),
    ))
}

/// One character or word the language writes another way.
fn character(source: &str, start: usize, expected: &str, found: &str) -> Option<Slip> {
    let before = source[..start].chars().next_back();
    let after = source[start..].chars().nth(1);
    let at = (start, start + found.len());
    let slip = |message: &str, help: &str, label: &str| {
        Some(written(message.into(), help.into(), label.into(), at))
    };
    match found {
        "–" | "—" => slip(
            "a range is written with `to`, not a dash",
            "write `50 to 64` (or `50 to below 65`, `below 50`, `80 and above`)",
            "a dash",
        ),
        "-" if before.is_some_and(|c| c.is_ascii_digit() || c == ' ') => slip(
            "a range is written with `to`, not a hyphen",
            "write `50 to 64` (or `50 to below 65`, `below 50`, `80 and above`)",
            "a hyphen",
        ),
        "%" => slip(
            "a percentage is written as its number, without `%`",
            "write `below 50`, `50 to 64`, `80 and above`: band sets are over percentages already",
            "`%` here",
        ),
        "=" if before == Some('=') || after == Some('=') => slip(
            "a comparison is written with one `=`",
            "write `disposal = custody` (and `!=`, `<`, `<=`, `>`, `>=`, `in [ … ]`)",
            "`==` here",
        ),
        "/" if after == Some('/') => slip(
            "a comment starts with `#`, not `//`",
            "write `# a comment`: everything after # on a line is a comment",
            "`//` here",
        ),
        "\"" if expected.contains("a value") => slip(
            "a value in a filter is written without quotes",
            "write `rosh != low`, `disposal in [custody, referral_order]`: a value is the field's word as `case fields` declares it",
            "a quote here",
        ),
        _ if found.starts_with('.')
            && found[1..].starts_with(|c: char| c.is_ascii_digit())
            && before.is_some_and(|c| c.is_ascii_digit()) =>
        {
            slip(
                "a band's bounds are whole numbers",
                "percentages are banded as the band set rounds them, so bounds are whole: write `below 50`, or `50 to below 65` for every percentage from 50 up to 65",
                "a decimal",
            )
        }
        _ => None,
    }
}

/// A rating label of two or more words without quotes, in a band (`7 to 18  Requires
/// improvement`): on the line where reading stopped or the line before it, since the parser
/// reads the first word as the label and stops at the second, or on the next line.
fn unquoted_label(source: &str, start: usize) -> Option<Slip> {
    let (line_start, line) = line_at(source, start);
    let previous = source[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let candidates = [(line_start, line), (previous, line_text(source, previous))];
    for (offset, text) in candidates {
        if let Some((from, to)) = multiword_label(text) {
            let words = &text[from..to];
            return Some(written(
                format!(
                    "the rating label `{words}` has more than one word, so it is written in quotes"
                ),
                format!(
                    "write \"{words}\": a label of one word may go without quotes (Good), one with spaces needs them"
                ),
                "put these words in quotes".into(),
                (offset + from, offset + to),
            ));
        }
    }
    None
}

/// Where in a band line (`50 to 64  Requires improvement  "Too few"`) a label of two or more
/// bare words stands, as offsets into the line.
fn multiword_label(line: &str) -> Option<(usize, usize)> {
    let code = line.split('#').next().unwrap_or("");
    // Each word and where it starts in the line.
    let mut words: Vec<(usize, &str)> = vec![];
    let mut start = None;
    for (i, c) in code.char_indices().chain([(code.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(from)) => {
                words.push((from, &code[from..i]));
                start = None;
            }
            _ => {}
        }
    }
    let number = |i: usize| {
        words
            .get(i)
            .is_some_and(|(_, w)| w.chars().all(|c| c.is_ascii_digit()))
    };
    let word = |i: usize, text: &str| words.get(i).is_some_and(|(_, w)| *w == text);
    let label_at = if word(0, "below") && number(1) {
        2
    } else if number(0) && word(1, "to") && word(2, "below") && number(3) {
        4
    } else if number(0) && ((word(1, "to") && number(2)) || (word(1, "and") && word(2, "above"))) {
        3
    } else {
        return None;
    };
    let bare = |i: usize| {
        words.get(i).is_some_and(|(_, w)| {
            w.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !w.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    // A line with a quote left unpaired is a text missing a quote, not a label without them.
    if !(bare(label_at) && bare(label_at + 1)) || code.matches('"').count() % 2 == 1 {
        return None;
    }
    let mut last = label_at + 1;
    while bare(last + 1) {
        last += 1;
    }
    let (from, _) = words[label_at];
    let (at, text) = words[last];
    Some((from, at + text.len()))
}

/// The words that begin an item inside a block, with the depth of the block that holds them:
/// sections at the top (0), standards in a domain (1), key questions in a standard (2),
/// prompts in a key question (3).
fn parent_depth(word: &str) -> Option<usize> {
    match word {
        "domain" => Some(0),
        "standard" => Some(1),
        "question" => Some(2),
        "prompt" => Some(3),
        _ if super::keywords::begins_a_section(word) => Some(0),
        _ => None,
    }
}

/// A block opened with `{`: what it is ("key question 2.1.1"), its depth among domains,
/// standards and key questions (other sections hold no items: none), and where its `{` is.
#[derive(Clone)]
struct Block {
    name: String,
    depth: Option<usize>,
    open: usize,
}

/// The blocks open at `upto`, outermost first, and the last `}` before it with the block it
/// closed. Texts and comments are skipped.
fn scan(source: &str, from: usize, upto: usize) -> (Vec<Block>, Option<(usize, Block)>) {
    let mut open: Vec<Block> = vec![];
    let mut closed = None;
    let mut chars = source[from..upto].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let i = from + i;
        match c {
            '#' => while chars.next_if(|(_, c)| *c != '\n').is_some() {},
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
            }
            '{' => open.push(block(source, i)),
            '}' => closed = open.pop().map(|b| (i, b)),
            _ => {}
        }
    }
    (open, closed)
}

/// The block whose `{` is at `at`, named from the words before it on its line.
fn block(source: &str, at: usize) -> Block {
    let (_, line) = line_at(source, at);
    let mut words = line
        .split_whitespace()
        .filter(|w| !matches!(*w, "replace" | "add" | "to"));
    let first = words.next().unwrap_or("");
    let id = words.next().unwrap_or("");
    let (name, depth) = match first {
        "domain" => (format!("domain {id}"), Some(1)),
        "standard" => (format!("standard {id}"), Some(2)),
        "question" => (format!("key question {id}"), Some(3)),
        "bands" => (format!("band set {id}"), None),
        "group" => (format!("group {id}"), None),
        "case" => ("the case fields".to_string(), None),
        "scale" | "overall" | "discretion" => (format!("the {first} section"), None),
        _ => ("a block".to_string(), None),
    };
    Block {
        name,
        depth,
        open: at,
    }
}

/// A block left open before an item that cannot stand in it, or a `}` that closed one early.
fn braces(source: &str, from: usize, start: usize, found: &str) -> Option<Slip> {
    let (open, closed) = scan(source, from, start);
    let line = line_of(source, start);
    if found.is_empty() {
        let innermost = open.last()?;
        return Some(unclosed(
            source,
            innermost,
            (start, start),
            "the file ends here".into(),
            format!("close {} with `}}` at its end", innermost.name),
        ));
    }
    if found == "}" && open.is_empty() {
        let help = match &closed {
            Some((at, block)) => format!(
                "remove it: the `}}` on line {} already closed {}",
                line_of(source, *at),
                block.name
            ),
            None => "remove it: every `}` closes the `{` of a block above it".into(),
        };
        return Some(Slip {
            kind: SlipKind::ExtraBrace,
            message: "this `}` closes nothing".into(),
            help,
            label: "an extra `}`".into(),
            at: (start, start + 1),
            opened: None,
        });
    }
    // Items begin their lines; a word elsewhere (`any standard is …`) is not an item.
    let (line_start, text) = line_at(source, start);
    if text[..start - line_start].trim() != "" && !text.trim_start().starts_with(found) {
        return None;
    }
    let wants = parent_depth(found)?;
    let innermost = open.last();
    let depth = innermost.map_or(Some(0), |b| b.depth);
    match depth {
        // A section that holds no items (bands, overall …) left open.
        None => innermost.map(|b| {
            unclosed(
                source,
                b,
                (start, start + found.len()),
                format!("`{found}` is not part of {}", b.name),
                format!("close {} with `}}` before line {line}", b.name),
            )
        }),
        Some(depth) if wants < depth => innermost.map(|b| {
            unclosed(
                source,
                b,
                (start, start + found.len()),
                format!("`{found}` cannot stand inside {}", b.name),
                format!("close {} with `}}` before line {line}", b.name),
            )
        }),
        Some(depth) if wants > depth => {
            let (at, early) = closed?;
            let closed_line = line_of(source, at);
            Some(Slip {
                kind: SlipKind::ExtraBrace,
                message: format!(
                    "an extra `}}` on line {closed_line} closes {} early, so this `{found}` stands outside it",
                    early.name
                ),
                help: format!(
                    "remove the `}}` on line {closed_line}: {} ends at its own `}}`",
                    early.name
                ),
                label: format!("`{found}` outside {}", early.name),
                at: (start, start + found.len()),
                opened: Some((at, at + 1)),
            })
        }
        Some(_) => None,
    }
}

fn unclosed(source: &str, block: &Block, at: (usize, usize), label: String, help: String) -> Slip {
    Slip {
        kind: SlipKind::Unclosed,
        message: format!(
            "{}, opened on line {}, is not closed",
            block.name,
            line_of(source, block.open)
        ),
        help,
        label,
        at,
        opened: Some(first_word(source, block.open)),
    }
}

/// The first word of the line holding `at`: where a block's line begins (`question 2.1.1`).
fn first_word(source: &str, at: usize) -> (usize, usize) {
    let (start, line) = line_at(source, at);
    let indent = line.len() - line.trim_start().len();
    let word = line.split_whitespace().next().unwrap_or("");
    (start + indent, start + indent + word.len())
}

/// A header that names the framework but not its version.
fn no_version(start: usize, expected: &str, found: &str) -> Option<Slip> {
    (expected == "`version`").then(|| {
        written(
            "the header names the framework's version too".into(),
            "write the first line as: framework \"HMIP youth offending services\" version \"2019\""
                .into(),
            if found.is_empty() {
                "the file ends here".into()
            } else {
                format!("`version \"…\"` goes before `{found}`")
            },
            (start, start + found.len()),
        )
    })
}

fn written(message: String, help: String, label: String, at: (usize, usize)) -> Slip {
    Slip {
        kind: SlipKind::Written,
        message,
        help,
        label,
        at,
        opened: None,
    }
}

/// The start of the line holding `at`, and the line's text.
fn line_at(source: &str, at: usize) -> (usize, &str) {
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    (start, line_text(source, start))
}

fn line_text(source: &str, start: usize) -> &str {
    let rest = &source[start..];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// The line number of an offset, the first line being 1.
fn line_of(source: &str, at: usize) -> usize {
    source[..at].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::multiword_label;

    #[test]
    fn a_label_of_two_bare_words_after_a_range_is_found() {
        let line = "  50 to 64       Requires improvement  \"Too few\"";
        let (from, to) = multiword_label(line).unwrap();
        assert_eq!(&line[from..to], "Requires improvement");
        assert_eq!(
            multiword_label("  7 to 18    \"Requires improvement\""),
            None
        );
        assert_eq!(
            multiword_label("  65 to 79  Good  \"Reasonable majority\""),
            None
        );
        let (from, to) = multiword_label("  below 50 Not good enough").unwrap();
        assert_eq!(to - from, "Not good enough".len());
        // A band name missing its opening quote is another slip.
        assert_eq!(
            multiword_label("  65 to 79  Good  Reasonable majority\""),
            None
        );
    }
}

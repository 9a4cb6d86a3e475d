//! Comments in a rule file, for `ratebook fmt`: found in the source text (a `#` outside a
//! quoted text, to the end of its line) and put back among the printed lines where they stood.
//!
//! A comment on a line of its own goes before the first printed line that stood after it in
//! the source, at that line's indentation (inside a block when it stood before the block's
//! closing brace), with a blank line before it when one stood there. A comment after code on
//! the same line stays at the end of the printed line that stood before it (where several
//! source lines print as one, the comments after the first go on lines of their own after
//! it); comments at the ends of lines that follow each other are aligned in one column, as
//! people align them.
//! Every comment is kept, word for word.
//!
//! Never parses rules; never drops or rewrites a comment.

use super::print::Line;

/// One comment of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Comment {
    /// Where its `#` stands, in bytes.
    at: usize,
    /// The comment from its `#`, without the spaces after it.
    pub(super) text: String,
    /// Whether nothing but spaces stands before it on its line.
    own_line: bool,
    /// Whether an empty line stood right before it (for a comment on its own line).
    blank_before: bool,
}

/// The fewest spaces between the code and a comment at the end of its line.
const GAP: usize = 3;

/// Every comment in `source`, in order. A `#` inside a quoted text is part of the text; a
/// text ends at its closing quote (`\"` inside it is a quote) or at the end of its line.
pub(super) fn of(source: &str) -> Vec<Comment> {
    let mut comments = vec![];
    let mut line_start = 0;
    let mut previous_blank = false;
    for line in source.split_inclusive('\n') {
        let mut quoted = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            if quoted {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => quoted = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => quoted = true,
                '#' => {
                    let own_line = line[..i].trim().is_empty();
                    comments.push(Comment {
                        at: line_start + i,
                        text: line[i..].trim_end().to_string(),
                        own_line,
                        blank_before: own_line && previous_blank,
                    });
                    break;
                }
                _ => {}
            }
        }
        previous_blank = line.trim().is_empty();
        line_start += line.len();
    }
    comments
}

/// Where a comment goes among the printed lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// On its own line before printed line `i`.
    Before(usize),
    /// At the end of printed line `i`.
    After(usize),
    /// After the last line.
    End,
}

fn slot(lines: &[Line], comment: &Comment) -> Slot {
    let anchored = || {
        lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((i, l.at?)))
    };
    if comment.own_line {
        return anchored()
            .find(|&(_, at)| at > comment.at)
            .map_or(Slot::End, |(i, _)| Slot::Before(i));
    }
    match anchored().take_while(|&(_, at)| at < comment.at).last() {
        Some((i, _)) => Slot::After(i),
        None => anchored()
            .next()
            .map_or(Slot::End, |(i, _)| Slot::Before(i)),
    }
}

/// The printed lines as text, each comment of the source where it stood.
pub(super) fn place(lines: &[Line], comments: &[Comment]) -> String {
    let mut slots: Vec<Slot> = comments.iter().map(|c| slot(lines, c)).collect();
    // Of several comments at the ends of source lines that print as one line, the first stays
    // at its end; the others go on lines of their own before the next printed line, as they
    // would be found there when the text is formatted again.
    for k in 1..slots.len() {
        if let Slot::After(i) = slots[k]
            && slots[..k].contains(&Slot::After(i))
        {
            slots[k] = (i + 1..lines.len())
                .find(|&j| lines[j].at.is_some())
                .map_or(Slot::End, Slot::Before);
        }
    }
    let with = |wanted: Slot| {
        comments
            .iter()
            .zip(&slots)
            .filter(move |(_, s)| **s == wanted)
            .map(|(c, _)| c)
    };
    let width = |l: &Line| 2 * l.depth + l.text.chars().count();
    // Comments at the ends of lines that follow each other share one column.
    let mut column = vec![0; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if with(Slot::After(i)).next().is_none() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end + 1 < lines.len()
            && with(Slot::After(end + 1)).next().is_some()
            && with(Slot::Before(end + 1)).next().is_none()
        {
            end += 1;
        }
        let widest = lines[i..=end].iter().map(width).max().unwrap_or(0);
        for c in &mut column[i..=end] {
            *c = widest + GAP;
        }
        i = end + 1;
    }

    let mut out: Vec<String> = vec![];
    let own_line = |out: &mut Vec<String>, comment: &Comment, depth: usize| {
        let after_opening = out
            .last()
            .is_none_or(|l| l.trim().is_empty() || l.ends_with('{'));
        if comment.blank_before && !after_opening {
            out.push(String::new());
        }
        out.push(format!("{}{}", "  ".repeat(depth), comment.text));
    };
    for (i, l) in lines.iter().enumerate() {
        let depth = if l.text == "}" { l.depth + 1 } else { l.depth };
        for comment in with(Slot::Before(i)) {
            own_line(&mut out, comment, depth);
        }
        let mut text = if l.text.is_empty() {
            String::new()
        } else {
            format!("{}{}", "  ".repeat(l.depth), l.text)
        };
        if let Some(comment) = with(Slot::After(i)).next() {
            let pad = column[i].saturating_sub(width(l)).max(1);
            text.push_str(&" ".repeat(pad));
            text.push_str(&comment.text);
        }
        out.push(text);
    }
    for comment in with(Slot::End) {
        own_line(&mut out, comment, 0);
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn a_hash_in_a_quoted_text_is_not_a_comment() {
        let source = "standard 1.1 \"Plan #1 \\\" and #2\" judged {}   # note\n# own\n";
        let found = of(source);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "# note");
        assert!(!found[0].own_line);
        assert_eq!(found[1].text, "# own");
        assert!(found[1].own_line);
    }

    #[test]
    fn a_blank_line_before_a_comment_is_remembered() {
        let found = of("scale {\n}\n\n# bands\n# more\n");
        assert!(found[0].blank_before);
        assert!(!found[1].blank_before);
    }
}

//! Plain-text columns, shared by the rule printer (band rows in `show`) and the reports
//! (ratings pages, comparisons).

/// Lay rows out in columns two spaces apart, each as wide as its widest cell. A row with a
/// single cell (a heading) is written as it is and does not widen the first column.
pub fn align(rows: &[Vec<String>]) -> Vec<String> {
    let mut widths: Vec<usize> = vec![];
    for row in rows.iter().filter(|r| r.len() > 1) {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if row.len() > 1 && i + 1 < row.len() {
                    let pad = widths
                        .get(i)
                        .copied()
                        .unwrap_or(0)
                        .saturating_sub(cell.chars().count());
                    line.push_str(&" ".repeat(pad + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The width human output keeps within, whatever the terminal: the same output everywhere.
pub const WIDTH: usize = 100;

/// [`align`], within `width` columns: while the table is wider, its widest column is
/// narrowed a character at a time (so wide columns give way first and together), never below
/// its longest word, and its cells wrapped at spaces, each row taking as many lines as its
/// tallest cell. A table that fits is laid out exactly as [`align`] lays it out.
pub fn fit(rows: &[Vec<String>], width: usize) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    let mut floors = vec![0; columns];
    for row in rows.iter().filter(|r| r.len() > 1) {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
            let indent = cell.len() - cell.trim_start().len();
            let longest = cell
                .split(' ')
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            floors[i] = floors[i].max(longest + indent + 2);
        }
    }
    let total =
        |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    let mut limits = widths.clone();
    while total(&limits) > width {
        let narrowable = limits
            .iter()
            .enumerate()
            .filter(|&(i, w)| *w > floors[i])
            .max_by_key(|&(i, w)| (*w, std::cmp::Reverse(i)));
        match narrowable {
            Some((i, _)) => limits[i] -= 1,
            None => break,
        }
    }
    if limits == widths {
        return align(rows);
    }
    let mut lines = vec![];
    for row in rows {
        if row.len() < 2 {
            lines.extend(row.iter().cloned());
            continue;
        }
        let cells: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| wrap_words(cell, limits[i]))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut line = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let part = cell.get(k).map_or("", String::as_str);
                line.push_str(part);
                if i + 1 < cells.len() {
                    let pad = limits[i].saturating_sub(part.chars().count());
                    line.push_str(&" ".repeat(pad + 2));
                }
            }
            lines.push(line.trim_end().to_string());
        }
    }
    lines
}

/// A text broken at spaces into lines of at most `width` characters (a longer word stands
/// alone on its line). Continuation lines are indented as the text is, two more.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    if text.chars().count() <= width {
        return vec![text.to_string()];
    }
    let indent = text.len() - text.trim_start().len();
    let hang = " ".repeat(indent + 2);
    let mut lines: Vec<String> = vec![];
    let mut line = text[..indent].to_string();
    for word in text[indent..].split(' ') {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if line.trim().is_empty() || fits {
            if !line.trim().is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(&hang);
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

/// Every line of `text` longer than `width` wrapped at spaces. A continuation line is indented
/// to where the wrapped text starts: under the last column of a table row (after its last
/// run of two or more spaces), after a label (`why: `), past a list mark (`- `), or, for an
/// indented line, two spaces further than it.
pub fn wrap_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if body.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let hang = hanging_indent(body, width);
        let (first, rest) = split_at_width(body, width);
        out.push_str(first.trim_end());
        let mut rest = rest.trim_start().to_string();
        while !rest.is_empty() {
            out.push('\n');
            let next = format!("{}{rest}", " ".repeat(hang));
            let (piece, after) = split_at_width(&next, width);
            out.push_str(piece.trim_end());
            rest = after.trim_start().to_string();
        }
        out.push_str(end);
    }
    out
}

/// Where a long line's continuation lines start (see [`wrap_lines`]).
fn hanging_indent(line: &str, width: usize) -> usize {
    let indent = line.len() - line.trim_start().len();
    let body = &line[indent..];
    // A table row: the last column starts after the last gap of two or more spaces.
    let chars: Vec<char> = line.chars().collect();
    let mut column = None;
    for i in (indent + 1..chars.len().min(width)).rev() {
        if chars[i] != ' ' && chars[i - 1] == ' ' && i >= 2 && chars[i - 2] == ' ' {
            column = Some(i);
            break;
        }
    }
    if let Some(at) = column.filter(|&at| at + 20 < width) {
        return at;
    }
    if body.starts_with("- ") {
        return indent + 2;
    }
    // A label: a few words and a colon (`why: `, `Margin: `).
    if let Some(colon) = body.find(": ")
        && colon <= 20
        && body[..colon]
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '.')
    {
        return indent + colon + 2;
    }
    // An indented line is an item of what is above it: its continuation hangs under it.
    if indent > 0 { indent + 2 } else { 0 }
}

/// A line split before the last space that keeps the first part within `width`; a first word
/// longer than `width` is kept whole.
fn split_at_width(line: &str, width: usize) -> (&str, &str) {
    let cut = line
        .char_indices()
        .nth(width)
        .map_or(line.len(), |(i, _)| i);
    if cut == line.len() {
        return (line, "");
    }
    let indent = line.len() - line.trim_start().len();
    // The character at the cut may end the first part, if a space follows it.
    let end = cut + line[cut..].chars().next().map_or(0, char::len_utf8);
    match line[..end].rfind(' ').filter(|&at| at > indent) {
        Some(at) => (&line[..at], &line[at..]),
        None => match line[cut..].find(' ') {
            Some(at) => (&line[..cut + at], &line[cut + at..]),
            None => (line, ""),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_table_fits_by_wrapping_its_widest_column() {
        let rows = vec![
            vec!["id".to_string(), "text".to_string(), "n".to_string()],
            vec![
                "2.1.1".to_string(),
                "word ".repeat(30).trim().to_string(),
                "45".to_string(),
            ],
        ];
        let lines = fit(&rows, 60);
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{lines:#?}");
        assert_eq!(lines[1].split_whitespace().last(), Some("45"));
        assert!(lines.len() > 2);
        // A table that fits is laid out as align lays it out.
        let narrow = vec![vec!["a".to_string(), "b".to_string()]];
        assert_eq!(fit(&narrow, 60), align(&narrow));
    }

    #[test]
    fn long_lines_wrap_under_their_label_or_last_column() {
        let why = format!("          why: {}", "because ".repeat(20));
        let wrapped = wrap_lines(&why, 60);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{wrapped}");
        assert!(lines[1].starts_with(&" ".repeat(15)) && !lines[1].starts_with(&" ".repeat(16)));
        let row = format!("  2.1.1a      0      0    {}", "prompt words ".repeat(8));
        let wrapped = wrap_lines(&row, 60);
        let second = wrapped.lines().nth(1).unwrap();
        assert_eq!(second.len() - second.trim_start().len(), 26, "{wrapped}");
        assert_eq!(wrap_lines("short\n", 60), "short\n");
        // Characters of several bytes anywhere, at the cut too, are never split.
        for text in [
            "→ ".repeat(40),
            "é".repeat(120),
            format!("{}→ x", "a ".repeat(29)),
        ] {
            let wrapped = wrap_lines(&text, 60);
            assert!(
                wrapped
                    .lines()
                    .all(|l| l.chars().count() <= 60 || !l.trim().contains(' '))
            );
        }
    }
}

//! Report stage: a plain document (headings, paragraphs, lists, tables), written out as
//! Markdown or as one self-contained HTML page. `ratebook doc` builds one from the rules.

use std::fmt::Write;

use super::page::markup_escape;

/// One block of a document. Text is plain: each writer escapes it for its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the title.
    Heading(u8, String),
    /// A paragraph of text.
    Paragraph(Vec<Span>),
    /// The wording a framework document quotes (a standard's statement).
    Quote(String),
    /// Items, each with optional sub-items (a key question and its prompts).
    List(Vec<Item>),
    /// A table with a header row.
    Table {
        /// The header cells.
        header: Vec<String>,
        /// The rows, each as many cells as the header.
        rows: Vec<Vec<String>>,
    },
}

/// Text in a paragraph or list item: plain, or strong (an id at the start of an item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Strong text.
    Strong(String),
}

/// One item of a list, with its sub-items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The item's text.
    pub text: Vec<Span>,
    /// A note under the item (a key question's sample), in smaller type.
    pub note: Option<String>,
    /// Its sub-items.
    pub sub: Vec<Item>,
}

/// A paragraph of plain text.
pub fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::Text(text.into())])
}

// ---- Markdown ------------------------------------------------------------------------------

/// Text made safe for Markdown: every character Markdown or the HTML inside it would read as
/// markup escaped with a backslash (so `<script>` shows as text once rendered), and a line
/// break, which would end a table row or a heading, written as a space.
///
/// An underscore inside a word (`referral_order`) is left as it is: Markdown does not read it
/// as emphasis there, and the text stays readable as plain text.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' || c == '\r' {
            out.push(' ');
            continue;
        }
        let inside_a_word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
        let intraword = c == '_'
            && inside_a_word(i.checked_sub(1).and_then(|j| chars.get(j)))
            && inside_a_word(chars.get(i + 1));
        if !intraword
            && matches!(
                c,
                '\\' | '*' | '_' | '`' | '|' | '<' | '>' | '[' | ']' | '#'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => md_escape(t),
            Span::Strong(t) => format!("**{}**", md_escape(t)),
        })
        .collect()
}

fn md_items(out: &mut String, items: &[Item], indent: &str) {
    for item in items {
        let _ = writeln!(out, "{indent}- {}", md_spans(&item.text));
        if let Some(note) = &item.note {
            let _ = writeln!(out, "{indent}  *{}*", md_escape(note));
        }
        md_items(out, &item.sub, &format!("{indent}  "));
    }
}

/// The document as Markdown, markup in its texts escaped.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading(level, text) => {
                let hashes = "#".repeat(usize::from(*level));
                let _ = writeln!(out, "{hashes} {}", md_escape(text));
            }
            Block::Paragraph(spans) => {
                let _ = writeln!(out, "{}", md_spans(spans));
            }
            Block::Quote(text) => {
                let _ = writeln!(out, "> {}", md_escape(text));
            }
            Block::List(items) => md_items(&mut out, items, ""),
            Block::Table { header, rows } => {
                let cells = |row: &[String]| {
                    row.iter()
                        .map(|c| md_escape(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let _ = writeln!(out, "| {} |", cells(header));
                let rule: Vec<&str> = header.iter().map(|_| "---").collect();
                let _ = writeln!(out, "| {} |", rule.join(" | "));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
            }
        }
    }
    out
}

// ---- HTML ----------------------------------------------------------------------------------

fn html_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => markup_escape(t),
            Span::Strong(t) => format!("<strong>{}</strong>", markup_escape(t)),
        })
        .collect()
}

fn html_items(out: &mut String, items: &[Item]) {
    out.push_str("<ul>\n");
    for item in items {
        let _ = write!(out, "<li>{}", html_spans(&item.text));
        if let Some(note) = &item.note {
            let _ = write!(out, "<div class=\"note\">{}</div>", markup_escape(note));
        }
        if !item.sub.is_empty() {
            out.push('\n');
            html_items(out, &item.sub);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// A framework document's own styles, after the pages' shared ones: a serif text, ruled
/// headings, quoted wording.
const STYLE: &str = "\
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.8em; border-bottom: 2px solid #333; padding-bottom: 0.2em; }
h2 { font-size: 1.35em; margin-top: 2em; border-bottom: 1px solid #999; }
h3 { font-size: 1.1em; margin-top: 1.5em; }
blockquote { margin: 0.5em 0 0.5em 1em; padding-left: 0.8em; border-left: 3px solid #999; font-style: italic; }
ul { padding-left: 1.4em; }
li { margin: 0.2em 0; }
@media print {
  table, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  th { background: none; }
}
";

/// The document as one self-contained HTML page that prints well, written with the pages'
/// one builder ([`super::page`]).
pub fn html(title: &str, blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", markup_escape(text));
            }
            Block::Paragraph(spans) => {
                let _ = writeln!(out, "<p>{}</p>", html_spans(spans));
            }
            Block::Quote(text) => {
                let _ = writeln!(out, "<blockquote>{}</blockquote>", markup_escape(text));
            }
            Block::List(items) => html_items(&mut out, items),
            Block::Table { header, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for cell in header {
                    let _ = write!(out, "<th>{}</th>", markup_escape(cell));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", markup_escape(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    let mut page = super::page::Page::styled(title, STYLE);
    page.markup(&out);
    page.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_text_is_escaped_in_both_formats() {
        let blocks = vec![paragraph("a <b> & c_d | *e* _f_")];
        // An underscore inside a word stays as written; one that could start emphasis does not.
        assert_eq!(markdown(&blocks), "a \\<b\\> & c_d \\| \\*e\\* \\_f\\_\n");
        assert!(html("t", &blocks).contains("<p>a &lt;b&gt; &amp; c_d | *e* _f_</p>"));
        assert_eq!(markup_escape("it's\u{1}"), "it&apos;s");
    }
}

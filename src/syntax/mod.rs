//! Syntax stage: rule text → typed syntax tree with spans.
//!
//! `grammar/ratebook.pest` defines the language; `parser` derives the pest parser from it;
//! `lower` turns pest pairs into [`tree`] nodes; [`error`] says in plain words what could not
//! be read; [`print`](mod@print) writes a framework back out as a rule file in canonical layout,
//! and [`format()`] writes one rule file so, with its comments (`comments` finds them).

mod comments;
mod depth;
pub mod error;
pub mod keywords;
mod lower;
mod parser;
pub mod print;
mod slips;
pub mod tree;

use pest::Parser;

pub use error::SyntaxError;
pub(crate) use lower::unescape;
use parser::{Rule, RuleParser};

/// Whether text begins as a rule file does: its first line that is not blank or a comment
/// starts with `framework` (or a near miss of it, which the parser's slips then explain). Text
/// that does not is some other file named by mistake, and is described, never quoted. Empty
/// text passes: it holds nothing to quote.
pub fn begins_as_rule_file(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
    else {
        return true;
    };
    let word: String = first
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    strsim::levenshtein(&word, "framework") <= 2
}

/// One rule file as written, in canonical layout with every comment of `source` (the text it
/// was read from) where it stood.
fn rule_text(text: &tree::RuleText, source: &str) -> String {
    comments::place(&print::rule_text_lines(text), &comments::of(source))
}

/// Read one rule file's text into its syntax tree.
pub fn parse(source: &str) -> Result<tree::RuleText, Vec<SyntaxError>> {
    parse_at(source, 0)
}

/// Read one rule file's text whose first byte stands at `start` among the rule files loaded
/// together (see [`crate::diagnostic::RuleSources`]); every span in the tree is offset by it.
///
/// Every syntax error is found, not only the first: after one, reading resumes at the next
/// line that begins a section, so a file with several mistakes shows them in one run.
pub fn parse_at(source: &str, start: usize) -> Result<tree::RuleText, Vec<SyntaxError>> {
    // An editor may start the file with a byte-order mark; it is not part of the rules.
    let (source, start) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, start + '\u{feff}'.len_utf8()),
        None => (source, start),
    };
    depth::check(source, start).map_err(|e| vec![e])?;
    match RuleParser::parse(Rule::file, source) {
        Ok(mut pairs) => {
            let file = pairs
                .next()
                .ok_or_else(|| vec![SyntaxError::internal("the parser returned no file".into())])?;
            lower::file_at(file, start).map_err(|e| vec![e])
        }
        Err(first) => {
            let mut at = offset(&first);
            let mut errors = vec![SyntaxError::from_pest(first, source, 0, start)];
            while errors.len() < MOST_SYNTAX_ERRORS {
                let Some(next) = next_section(source, at) else {
                    break;
                };
                let rest = &source[next..];
                match RuleParser::parse(Rule::rest, rest) {
                    Ok(_) => break,
                    Err(e) => {
                        at = next + offset(&e);
                        errors.push(SyntaxError::from_pest(e, source, next, start));
                    }
                }
            }
            Err(errors)
        }
    }
}

/// As much of a rule file as can be read, for an editor showing a file mid-edit: the whole
/// syntax tree when the file reads; otherwise its header (when that reads) and every section
/// that reads on its own, each section starting at a line whose first word begins one.
/// Never fails: a file of nothing readable gives a tree with no items and an empty name.
pub fn parse_readable(source: &str) -> tree::RuleText {
    if let Ok(text) = parse(source) {
        return text;
    }
    let (body, start) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (source, 0),
    };
    let empty = || tree::Spanned {
        node: String::new(),
        span: tree::Span::default(),
    };
    let mut text = tree::RuleText {
        name: empty(),
        version: empty(),
        based_on: None,
        items: vec![],
    };
    // The header and `based on`, read on their own from the first section's line.
    let first_section = next_section_from(body, 0);
    let head = &body[..first_section.unwrap_or(body.len())];
    if depth::check(head, start).is_ok()
        && let Ok(mut pairs) = RuleParser::parse(Rule::file, head)
        && let Some(file) = pairs.next()
        && let Ok(read) = lower::file_at(file, start)
    {
        text.name = read.name;
        text.version = read.version;
        text.based_on = read.based_on;
    }
    let mut at = first_section;
    while let Some(from) = at {
        let next = next_section(body, from);
        let chunk = &body[from..next.unwrap_or(body.len())];
        if depth::check(chunk, start + from).is_ok()
            && let Ok(mut pairs) = RuleParser::parse(Rule::rest, chunk)
            && let Some(rest) = pairs.next()
            && let Ok(items) = lower::items_at(rest, start + from)
        {
            text.items.extend(items);
        }
        at = next;
    }
    text
}

/// The first line at or after byte `at` that begins a section.
fn next_section_from(source: &str, at: usize) -> Option<usize> {
    let starts_section = |line: &str| {
        let word: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        keywords::begins_a_section(&word)
    };
    if at == 0 && starts_section(source) {
        return Some(0);
    }
    next_section(source, at)
}

/// One rule file's text in canonical layout, every comment kept where it stood (`ratebook
/// fmt`); or, when it cannot be read, every syntax error. A variant stays a variant.
///
/// The formatted text is read back before it is given: it must print as the same rules with
/// the same comments, and formatting it again must change nothing. Were it ever otherwise,
/// the text is refused with an internal error rather than given changed.
pub fn format(source: &str) -> Result<String, Vec<SyntaxError>> {
    let tree = parse(source)?;
    let formatted = rule_text(&tree, source);
    let broken = |what: &str| {
        vec![SyntaxError::internal(format!(
            "formatting would {what}; the file is left as it was"
        ))]
    };
    let Ok(again) = parse(&formatted) else {
        return Err(broken("give text that does not read back"));
    };
    if rule_text(&again, "") != rule_text(&tree, "") {
        return Err(broken("change what the rules mean"));
    }
    let texts = |text: &str| {
        let mut all: Vec<String> = comments::of(text).into_iter().map(|c| c.text).collect();
        all.sort();
        all
    };
    if texts(&formatted) != texts(source) {
        return Err(broken("lose a comment"));
    }
    if rule_text(&again, &formatted) != formatted {
        return Err(broken("change again when formatted again"));
    }
    Ok(formatted)
}

/// The most syntax errors reported for one file.
const MOST_SYNTAX_ERRORS: usize = 20;

fn offset(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// Where the first line after the one holding byte `at` that begins a section starts: a line
/// whose first word, unindented, is a section's (`domain`, `overall`, `bands` …).
fn next_section(source: &str, at: usize) -> Option<usize> {
    let mut line_start = source.get(at..)?.find('\n')? + at + 1;
    while line_start < source.len() {
        let line = &source[line_start..];
        let word: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if keywords::begins_a_section(&word) {
            return Some(line_start);
        }
        line_start += line.find('\n')? + 1;
    }
    None
}

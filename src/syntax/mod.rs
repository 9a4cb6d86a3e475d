//! Syntax stage: rule text → typed syntax tree with spans.
//!
//! `grammar/ratebook.pest` defines the language; [`parser`] derives the pest parser from it;
//! [`lower`] turns pest pairs into [`tree`] nodes; [`error`] says in plain words what could not
//! be read; [`print`] writes a framework back out as a rule file in canonical layout.

mod depth;
pub mod error;
mod lower;
mod parser;
pub mod print;
pub mod tree;

use pest::Parser;

pub use error::SyntaxError;
use parser::{Rule, RuleParser};

/// Read one rule file's text into its syntax tree.
pub fn parse(source: &str) -> Result<tree::RuleText, SyntaxError> {
    parse_at(source, 0)
}

/// Read one rule file's text whose first byte stands at `start` among the rule files loaded
/// together (see [`crate::diagnostic::RuleSources`]); every span in the tree is offset by it.
pub fn parse_at(source: &str, start: usize) -> Result<tree::RuleText, SyntaxError> {
    // An editor may start the file with a byte-order mark; it is not part of the rules.
    let (source, start) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, start + '\u{feff}'.len_utf8()),
        None => (source, start),
    };
    depth::check(source, start)?;
    let mut pairs = RuleParser::parse(Rule::file, source)
        .map_err(|e| SyntaxError::from_pest(e, source, start))?;
    let file = pairs
        .next()
        .ok_or_else(|| SyntaxError::internal("the parser returned no file".into()))?;
    lower::file_at(file, start)
}

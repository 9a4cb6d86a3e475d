//! Syntax stage: rule text → typed syntax tree with spans.
//!
//! `grammar/ratebook.pest` defines the language; [`parser`] derives the pest parser from it;
//! [`lower`] turns pest pairs into [`tree`] nodes; [`error`] says in plain words what could not
//! be read.

pub mod error;
mod lower;
mod parser;
pub mod tree;

use pest::Parser;

pub use error::SyntaxError;
use parser::{Rule, RuleParser};

/// Read one rule file's text into its syntax tree.
pub fn parse(source: &str) -> Result<tree::RuleFile, SyntaxError> {
    let mut pairs =
        RuleParser::parse(Rule::file, source).map_err(|e| SyntaxError::from_pest(e, source))?;
    let file = pairs
        .next()
        .ok_or_else(|| SyntaxError::internal("the parser returned no file".into()))?;
    lower::file(file)
}

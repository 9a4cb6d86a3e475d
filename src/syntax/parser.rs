//! Syntax stage: the pest parser derived from `grammar/ratebook.pest`, and nothing else.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/ratebook.pest"]
pub struct RuleParser;

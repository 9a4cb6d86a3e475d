//! Report stage, machine output: the serialisable counterparts of the typed results, which
//! are the JSON contract (CONTRACT.md). Each JSON document is a type here or in a report
//! module beside its text form; `schema/` holds the JSON Schema generated from each.
//!
//! Nothing here computes: each counterpart is built from a typed result and its rules.

pub mod rating;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Rules;
use crate::rate::InspectionResult;

/// `rate --format json` and `explain --format json`: the ruleset and each inspection's
/// rating.
#[derive(Serialize, JsonSchema)]
pub struct RatingDocument<'a> {
    /// The ruleset the ratings were made with.
    pub ruleset: RulesetRef<'a>,
    /// Each inspection, in the order named.
    pub inspections: Vec<rating::Inspection<'a>>,
}

/// Which ruleset a document was made with.
#[derive(Serialize, JsonSchema)]
pub struct RulesetRef<'a> {
    /// The framework's name.
    name: &'a str,
    /// The framework's version.
    version: &'a str,
    /// The rule file, as named.
    path: &'a str,
}

impl<'a> RulesetRef<'a> {
    /// The ruleset a document was made with.
    pub fn of(rules: &'a Rules) -> Self {
        RulesetRef {
            name: &rules.framework.name,
            version: &rules.framework.version,
            path: &rules.source.name,
        }
    }
}

/// The JSON of ratings made under `rules`.
pub fn rating_document(rules: &Rules, results: &[InspectionResult]) -> String {
    let document = RatingDocument {
        ruleset: RulesetRef::of(rules),
        inspections: results
            .iter()
            .map(|r| rating::Inspection::of(rules, r))
            .collect(),
    };
    pretty(&document)
}

/// A document as pretty JSON with a final line break. Serialising plain structs of strings
/// and numbers cannot fail.
pub fn pretty(document: &impl Serialize) -> String {
    serde_json::to_string_pretty(document).unwrap_or_default() + "\n"
}

//! Report stage: the machine output of `rate --format json`, as the interface contract fixes it.

use serde::Serialize;

use crate::Rules;
use crate::rate::InspectionResult;

#[derive(Serialize)]
struct Document<'a> {
    ruleset: RulesetRef<'a>,
    inspections: &'a [InspectionResult],
}

/// Which ruleset a document was made with.
#[derive(Serialize)]
pub struct RulesetRef<'a> {
    name: &'a str,
    version: &'a str,
    path: &'a str,
}

impl<'a> RulesetRef<'a> {
    pub fn of(rules: &'a Rules) -> Self {
        RulesetRef {
            name: &rules.framework.name,
            version: &rules.framework.version,
            path: &rules.source.name,
        }
    }
}

pub fn rating_document(rules: &Rules, results: &[InspectionResult]) -> String {
    let document = Document {
        ruleset: RulesetRef::of(rules),
        inspections: results,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

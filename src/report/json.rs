//! Report stage: the machine output of `rate --format json`, as CONTRACT.md fixes it.

use serde::Serialize;

use crate::Rules;
use crate::rate::InspectionResult;

#[derive(Serialize)]
struct Document<'a> {
    ruleset: Ruleset<'a>,
    inspections: &'a [InspectionResult],
}

#[derive(Serialize)]
struct Ruleset<'a> {
    name: &'a str,
    version: &'a str,
    path: &'a str,
}

pub fn rating_document(rules: &Rules, results: &[InspectionResult]) -> String {
    let document = Document {
        ruleset: Ruleset {
            name: &rules.framework.name,
            version: &rules.framework.version,
            path: &rules.source.name,
        },
        inspections: results,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

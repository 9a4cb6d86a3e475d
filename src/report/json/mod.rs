//! Report stage, machine output: the serialisable counterparts of the typed results, which
//! are the JSON contract (CONTRACT.md). Each JSON document is a type here or in a report
//! module beside its text form; `schema/` holds the JSON Schema generated from each.
//!
//! Nothing here computes: each counterpart is built from a typed result and its rules.

pub mod breakdown;
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

/// The JSON Schema of every JSON document ratebook writes, by file name in `schema/`: each
/// generated from the types the document is serialised from, so it cannot drift from them.
pub fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    // The schema of what is written (fields left out when empty are not required), in the
    // 2020-12 draft.
    fn schema_of<T: JsonSchema + ?Sized>() -> schemars::Schema {
        schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    macro_rules! schema_for {
        ($t:ty) => {
            schema_of::<$t>()
        };
    }
    vec![
        ("rating.json", schema_for!(RatingDocument<'static>)),
        (
            "stability.json",
            schema_for!(super::stability::Document<'static>),
        ),
        (
            "compare.json",
            schema_for!(super::compare::Document<'static>),
        ),
        ("diff.json", schema_for!(super::diff::Document<'static>)),
        ("test.json", schema_for!(super::suite::Document<'static>)),
        ("breakdown.json", schema_for!(breakdown::Document<'static>)),
    ]
}

/// A schema as the file in `schema/` holds it: pretty JSON with a final line break.
pub fn schema_text(schema: &schemars::Schema) -> String {
    pretty(schema)
}

//! The framework the inspection targets read against: the 2019 youth ruleset, checked once.

use std::sync::OnceLock;

use ratebook::Rules;
use ratebook::diagnostic::Source;

pub fn youth_2019() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let text = include_str!("../../rules/hmip-youth-2019.rules");
        ratebook::check_rules(Source::new("hmip-youth-2019.rules", text))
            .expect("the bundled ruleset checks")
            .0
    })
}

/// The example inspection's file and cases, for the targets that vary only the other (each
/// target uses one of them).
#[allow(dead_code)]
pub const EXAMPLE_TOML: &str = include_str!("../../examples/inspection.toml");
#[allow(dead_code)]
pub const EXAMPLE_CASES: &[u8] = include_bytes!("../../examples/cases.csv");

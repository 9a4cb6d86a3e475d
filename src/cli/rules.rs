//! `ratebook rules [NAME]`: the rulesets ratebook carries, listed with their framework names,
//! or one printed as its rule text.

use std::process::ExitCode;

use ratebook::bundled;
use ratebook::diagnostic::Source;
use ratebook::suggest::did_you_mean;

pub fn run(name: Option<&str>) -> Result<String, ExitCode> {
    let Some(name) = name else {
        let rows: Vec<Vec<String>> = bundled::RULESETS
            .iter()
            .map(|(name, text)| vec![name.to_string(), framework_name(name, text)])
            .collect();
        return Ok(ratebook::columns::align(&rows).join("\n") + "\n");
    };
    match bundled::find(name) {
        Some((_, text)) => Ok(text.to_string()),
        None => {
            say!(
                "error: ratebook carries no ruleset named `{name}`: {}",
                did_you_mean(name, "bundled rulesets", bundled::names())
            );
            Err(ExitCode::from(2))
        }
    }
}

/// "HMIP youth offending services version 2019", as the ruleset's header names it.
fn framework_name(name: &str, text: &str) -> String {
    match ratebook::check_rules(Source::new(name, text)) {
        Ok((rules, _)) => format!(
            "{} version {}",
            rules.framework.name, rules.framework.version
        ),
        Err(_) => "(does not check clean)".to_string(),
    }
}

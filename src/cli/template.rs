//! `ratebook template`: the empty cases file a ruleset expects.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::output::load_or_report;

pub fn run(path: &Path) -> Result<String, ExitCode> {
    let rules = load_or_report(path)?;
    Ok(report::template::cases_template(&rules.framework))
}

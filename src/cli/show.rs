//! `ratebook show`: the whole framework a rule file means, as one rule file in canonical
//! layout.

use std::path::Path;
use std::process::ExitCode;

use super::output::load_or_report;

pub fn run(path: &Path) -> Result<String, ExitCode> {
    let rules = load_or_report(path)?;
    Ok(ratebook::syntax::print::rule_file(&rules.tree))
}

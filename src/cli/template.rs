//! `ratebook template`: the empty cases file a ruleset expects, or an inspection file to fill
//! in.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::output::load_or_report;

pub fn run(path: &Path, inspection: bool) -> Result<String, ExitCode> {
    let rules = load_or_report(path)?;
    Ok(if inspection {
        report::template::inspection_template(&rules.framework)
    } else {
        report::template::cases_template(&rules.framework)
    })
}

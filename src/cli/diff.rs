//! `ratebook diff`: what differs between two rulesets.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::format::{Format, not_offered};
use super::output::load_or_report;

pub fn run(from: &Path, to: &Path, format: Format) -> Result<String, ExitCode> {
    // Both are loaded before either failure ends the run, so both files' problems are shown.
    let (a, b) = (load_or_report(from), load_or_report(to));
    let (a, b) = (a?, b?);
    let diff = ratebook::analysis::diff::diff(&a.framework, &b.framework);
    Ok(match format {
        Format::Text => report::diff::diff_text(&a, &b, &diff),
        Format::Json => report::diff::diff_json(&a, &b, &diff),
        other => return Err(not_offered("diff", other)),
    })
}

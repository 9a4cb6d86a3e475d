//! `ratebook cases`: the case-level table the ratings count, one row per inspection × case ×
//! key question or prompt, as CSV or JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::report;

use super::format::{Format, not_offered};
use super::output::{each_inspection, load_for_rating};

pub fn run(rules: &Path, format: Format, inspections: &[PathBuf]) -> Result<String, ExitCode> {
    let rules = load_for_rating(rules)?;
    let loaded = each_inspection(&rules, inspections, |_, inspection| Ok(inspection))?;
    let rows = ratebook::analysis::cases_table::rows(&rules.framework, &loaded);
    Ok(match format {
        Format::Csv => report::cases::cases_csv(&rules.framework, &rows),
        Format::Json => report::cases::cases_json(&rules.framework, &rows),
        other => return Err(not_offered("cases", other)),
    })
}

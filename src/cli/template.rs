//! `ratebook template`: the empty cases file a ruleset expects, or an inspection file to fill
//! in.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::format::Format;
use super::output::{Made, load_or_report, workbook};

pub fn run(path: &Path, inspection: bool, format: Format) -> Result<Made, ExitCode> {
    let rules = load_or_report(path)?;
    Ok(if inspection {
        Made::Text(report::template::inspection_template(&rules.framework))
    } else if format == Format::Xlsx {
        return workbook(report::workbook::cases_workbook(&rules.framework));
    } else {
        Made::Text(report::template::cases_template(&rules.framework))
    })
}

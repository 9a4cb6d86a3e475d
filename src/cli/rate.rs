//! `ratebook rate`: rate inspections with a ruleset, as a table, as JSON or as a workbook.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::{rate, report};

use super::format::{Format, not_offered};
use super::output::{Made, each_inspection, joined, load_for_rating, workbook};

pub fn run(rules: &Path, format: Format, inspections: &[PathBuf]) -> Result<Made, ExitCode> {
    let rules = load_for_rating(rules)?;
    let results = each_inspection(&rules, inspections, |rules, inspection| {
        rate::rate(&rules.framework, &inspection)
    })?;
    Ok(Made::Text(match format {
        Format::Json => report::json::rating_document(&rules, &results),
        Format::Text => joined(&results, |r| report::table::rating_table(&rules, r)),
        Format::Csv => report::rating_csv::rating_csv(&rules, &results),
        Format::Html => report::rating_page::rating_page(&rules, &results, false),
        Format::Xlsx => {
            let sheets = report::sheets::rating::rating_sheets(&rules, &results);
            return workbook(report::workbook::tables_workbook(&sheets));
        }
        other => return Err(not_offered("rate", other)),
    }))
}

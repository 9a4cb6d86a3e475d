//! `ratebook rate`: rate inspections with a ruleset, as a table or as JSON.

use std::process::ExitCode;

use ratebook::{rate, report};

use super::output::{each_inspection, joined, load_for_rating};
use super::{Format, Input};

pub fn run(input: &Input) -> Result<String, ExitCode> {
    let rules = load_for_rating(&input.rules)?;
    let results = each_inspection(&rules, &input.inspections, |rules, inspection| {
        rate::rate(&rules.framework, &inspection)
    })?;
    Ok(match input.format {
        Format::Json => report::json::rating_document(&rules, &results),
        Format::Text => joined(&results, |r| report::table::rating_table(&rules, r)),
    })
}

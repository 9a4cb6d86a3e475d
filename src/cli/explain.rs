//! `ratebook explain`: how each rating was reached, for every standard or for one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::{rate, report};

use super::format::{Format, not_offered};
use super::output::{each_inspection, joined, load_for_rating};

pub fn run(
    rules: &Path,
    format: Format,
    standard: Option<&str>,
    inspections: &[PathBuf],
) -> Result<String, ExitCode> {
    let rules = load_for_rating(rules)?;
    if let Some(id) = standard
        && rules.framework.standard(id).is_none()
    {
        // An unknown --standard is a usage error: said before any case is read.
        let ids: Vec<&str> = rules
            .framework
            .standards()
            .map(|(_, s)| s.id.as_str())
            .collect();
        say!(
            "error: --standard {id}: {}",
            ratebook::suggest::did_you_mean(id, "standards", ids.iter().copied())
        );
        return Err(ExitCode::from(2));
    }
    let mut results = each_inspection(&rules, inspections, |rules, inspection| {
        rate::rate(&rules.framework, &inspection)
    })?;
    Ok(match format {
        Format::Html => {
            if let Some(id) = standard {
                for result in &mut results {
                    result.standards.retain(|s| s.id == id);
                }
            }
            report::rating_page::rating_page(&rules, &results, true)
        }
        Format::Json => {
            if let Some(id) = standard {
                for result in &mut results {
                    result.standards.retain(|s| s.id == id);
                }
            }
            report::json::rating_document(&rules, &results)
        }
        Format::Text => joined(&results, |r| {
            report::explain::explanation(&rules, r, standard)
        }),
        other => return Err(not_offered("explain", other)),
    })
}

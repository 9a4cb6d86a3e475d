//! `ratebook doc`: the framework as a document, in Markdown or as one HTML page.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::DocFormat;
use super::output::load_or_report;

pub fn run(path: &Path, format: DocFormat) -> Result<String, ExitCode> {
    let rules = load_or_report(path)?;
    let blocks = report::doc::document(&rules);
    Ok(match format {
        DocFormat::Markdown => report::document::markdown(&blocks),
        DocFormat::Html => report::document::html(&report::doc::title(&rules.framework), &blocks),
    })
}

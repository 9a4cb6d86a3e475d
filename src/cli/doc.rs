//! `ratebook doc`: the framework as a document, in Markdown or as one HTML page.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::format::{Format, not_offered};
use super::output::load_or_report;

pub fn run(path: &Path, format: Format) -> Result<String, ExitCode> {
    let rules = load_or_report(path)?;
    // A variant's document says what it changes of the base it names.
    let base = rules
        .sources
        .files()
        .nth(1)
        .and_then(|source| ratebook::check_rules(source.clone()).ok())
        .map(|(base, _)| base);
    let diff = base
        .as_ref()
        .map(|base| ratebook::analysis::diff::diff(&base.framework, &rules.framework));
    let variant_of = base
        .as_ref()
        .zip(diff.as_ref())
        .map(|(base, diff)| report::doc::VariantOf { base, diff });
    let blocks = report::doc::document(&rules, variant_of);
    Ok(match format {
        Format::Markdown => report::document::markdown(&blocks),
        Format::Html => report::document::html(&report::doc::title(&rules.framework), &blocks),
        other => return Err(not_offered("doc", other)),
    })
}

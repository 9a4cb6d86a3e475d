//! `ratebook breakdown`: pool the cases of many inspections into research tables.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::analysis::breakdown::{self, Request};
use ratebook::report;

use super::format::{Format, not_offered};
use super::output::{Made, each_inspection, load_for_rating, workbook};

pub fn run(
    rules_path: &Path,
    by: &[String],
    measures: &[String],
    format: Format,
    inspections: &[PathBuf],
) -> Result<Made, ExitCode> {
    let rules = load_for_rating(rules_path)?;
    let framework = &rules.framework;
    // Unknown --by or --measure names are usage errors: every one said before any case is
    // read.
    let mut request = Request {
        by: vec![],
        items: vec![],
    };
    let mut usage = false;
    for name in by {
        match breakdown::by(framework, name) {
            Ok(grouping) => request.by.push(grouping),
            Err(help) => {
                say!("error: --by {name}: {help}");
                usage = true;
            }
        }
    }
    for name in measures {
        match breakdown::item(framework, name) {
            Ok(item) => request.items.push(item),
            Err(help) => {
                say!("error: --measure {name}: {help}");
                usage = true;
            }
        }
    }
    if usage {
        return Err(ExitCode::from(2));
    }
    let loaded = each_inspection(&rules, inspections, |_, inspection| Ok(inspection))?;
    let b = breakdown::breakdown(framework, &loaded, &request);
    Ok(Made::Text(match format {
        Format::Text => report::breakdown::breakdown_text(&rules, &b),
        Format::Markdown => report::breakdown::breakdown_markdown(&rules, &b),
        Format::Csv => report::breakdown::breakdown_csv(&b),
        Format::Json => report::breakdown::breakdown_json(&rules, &b),
        Format::Html => report::breakdown_page::breakdown_page(&rules, &b),
        Format::Xlsx => {
            let sheets = report::sheets::breakdown::breakdown_sheets(&rules, &b);
            return workbook(report::workbook::tables_workbook(&sheets));
        }
        other => return Err(not_offered("breakdown", other)),
    }))
}

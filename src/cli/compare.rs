//! `ratebook compare`: the same inspections rated under several rulesets, and which ratings
//! move.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::analysis::compare::{Basis, Outcome};
use ratebook::{inspection, report};

use super::format::{Format, not_offered};
use super::output::{Made, inspection_files, load_or_report, show, workbook};

pub fn run(
    paths: &[PathBuf],
    with_decisions: bool,
    format: Format,
    inspections: &[PathBuf],
) -> Result<Made, ExitCode> {
    if paths.len() < 2 {
        say!("error: compare needs two or more rulesets: --rules A --rules B");
        return Err(ExitCode::from(2));
    }
    let mut rulesets = vec![];
    let mut failed = false;
    for path in paths {
        match load_or_report(path) {
            Ok(rules) => rulesets.push(rules),
            Err(_) => failed = true,
        }
    }
    if failed {
        say!("nothing was compared");
        return Err(ExitCode::from(1));
    }
    let basis = if with_decisions {
        Basis::Decisions
    } else {
        Basis::Cases
    };
    let inspections = inspection_files(inspections)?;
    // A file that cannot be read, or is not TOML, is a mistake in the command, not an
    // inspection some ruleset cannot rate: nothing is compared.
    let mut unreadable = false;
    for path in &inspections {
        if let Err(problems) = inspection::readable(path) {
            show(&problems);
            unreadable = true;
        }
    }
    if unreadable {
        say!("nothing was compared");
        return Err(ExitCode::from(1));
    }
    let inspections: Vec<&Path> = inspections.iter().map(PathBuf::as_path).collect();
    let comparison = ratebook::analysis::compare::compare(&rulesets, &inspections, basis);
    for c in &comparison.inspections {
        for (k, outcome) in c.results.iter().enumerate() {
            let under = paths[k].display();
            match outcome {
                Outcome::Failed { error } => {
                    say!(
                        "warning: {} could not be rated under {under}: {error}",
                        c.source
                    )
                }
                Outcome::Rated { warnings, .. } => {
                    for w in warnings {
                        say!("warning: {} under {under}: {w}", c.source);
                    }
                }
            }
        }
    }
    Ok(Made::Text(match format {
        Format::Text => report::compare::compare_text(&rulesets, &comparison),
        Format::Json => report::compare::compare_json(&rulesets, &comparison),
        Format::Csv => report::compare::compare_csv(&rulesets, &comparison),
        Format::Html => report::compare_page::compare_page(&rulesets, &comparison),
        Format::Xlsx => {
            let sheets = report::sheets::compare::compare_sheets(&rulesets, &comparison);
            return workbook(report::workbook::tables_workbook(&sheets));
        }
        other => return Err(not_offered("compare", other)),
    }))
}

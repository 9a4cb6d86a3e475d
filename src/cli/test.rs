//! `ratebook test`: rate past inspections, check the figures their reports published, and
//! compare every rating with a stored snapshot. Exit 0 only when everything holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::analysis::suite::{self, Outcome, SnapshotRequest};
use ratebook::report;

use super::format::{Format, not_offered};
use super::output::{Made, deliver, inspection_files, load_or_report, show, workbook};

pub fn run(
    rules: &Path,
    snapshot: Option<&Path>,
    accept: bool,
    decisions: suite::Decisions,
    format: Format,
    output: Option<&Path>,
    inspections: &[PathBuf],
) -> ExitCode {
    let rules = match load_or_report(rules) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let inspections = match inspection_files(inspections) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let paths: Vec<&Path> = inspections.iter().map(PathBuf::as_path).collect();
    let request = snapshot.map(|path| SnapshotRequest { path, accept });
    let run = suite::run(&rules, &paths, decisions, request);
    for tested in &run.inspections {
        match &tested.outcome {
            Outcome::Rated { warnings, .. } => show(warnings),
            Outcome::Unrated { problems } => show(problems),
        }
    }
    let made = match format {
        Format::Text => {
            let text = report::suite::test_text(&rules, &run);
            let text = ratebook::columns::wrap_lines(&text, ratebook::columns::WIDTH);
            Made::Text(ratebook::terminal::safe(&text).into_owned())
        }
        Format::Json => Made::Text(report::suite::test_json(&rules, &run)),
        Format::Junit => Made::Text(report::suite::test_junit(&rules, &run)),
        Format::Html => Made::Text(report::test_page::test_page(&rules, &run)),
        Format::Xlsx => {
            let sheets = report::sheets::suite::test_sheets(&rules, &run);
            match workbook(report::workbook::tables_workbook(&sheets)) {
                Ok(made) => made,
                Err(code) => return code,
            }
        }
        other => return not_offered("test", other),
    };
    match deliver(&made, output) {
        code if code != ExitCode::SUCCESS => code,
        _ if run.succeeded() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}

//! One call per task, for programs that embed ratebook (the Python package): rules given as a
//! path, a bundled ruleset's name or the rule text itself; inspections as files or folders;
//! each result the same JSON text the command line writes with `--format json`, so that an
//! embedder's results are the command line's byte for byte.
//!
//! A problem is returned as every diagnostic found, each with its code, message, file and
//! line ([`Problem`]). Nothing here prints.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Problems, Source};
use crate::inspection::Inspection;
use crate::report::format::Format;
use crate::{Rules, report};

/// One diagnostic, as an embedder reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The diagnostic's code (`ratebook::check::unknown_band_set`).
    pub code: String,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do, when the diagnostic says.
    pub help: Option<String>,
    /// `error` or `warning`.
    pub severity: String,
    /// The file it points into, when it points into one.
    pub file: Option<String>,
    /// The line (from 1) it points at, when it points at one.
    pub line: Option<usize>,
}

/// Every problem of `problems`, each with where it points.
pub fn problems(problems: &Problems) -> Vec<Problem> {
    problems
        .diagnostics()
        .map(|d| {
            let place = d
                .labels()
                .and_then(|mut labels| labels.next())
                .and_then(|label| {
                    let contents = d.source_code()?.read_span(label.inner(), 0, 0).ok()?;
                    Some((contents.name().map(String::from), contents.line() + 1))
                });
            Problem {
                code: d.code().map_or(String::new(), |c| c.to_string()),
                message: d.to_string(),
                help: d.help().map(|h| h.to_string()),
                severity: match d.severity() {
                    Some(miette::Severity::Warning) => "warning".into(),
                    _ => "error".into(),
                },
                file: place.as_ref().and_then(|(file, _)| file.clone()),
                line: place.map(|(_, line)| line),
            }
        })
        .collect()
}

/// Why a call gave no result: every problem found.
#[derive(Debug)]
pub struct Failed {
    /// One line saying what could not be done.
    pub summary: String,
    /// Every problem.
    pub problems: Vec<Problem>,
}

fn failed(summary: &str, found: &Problems) -> Failed {
    Failed {
        summary: summary.to_string(),
        problems: problems(found),
    }
}

/// The rule text a spec names: the text itself (a string holding a line break), or the file
/// or bundled ruleset of that name.
fn source(spec: &str) -> Result<Source, Problems> {
    if spec.contains('\n') {
        Ok(Source::new("<rules>", spec))
    } else {
        crate::read_rules(Path::new(spec))
    }
}

/// Rules from a path, a bundled ruleset's name, or the rule text itself (a string holding a
/// line break), checked.
pub fn rules(spec: &str) -> Result<Rules, Failed> {
    let source = source(spec).map_err(|p| failed("the rule file cannot be read", &p))?;
    crate::check_rules(source)
        .map(|(rules, _)| rules)
        .map_err(|p| failed("the rules have errors", &p))
}

/// Every problem `ratebook check` finds in the rules, warnings too; none when they are clean.
pub fn check(spec: &str) -> Vec<Problem> {
    match source(spec).map(crate::check_rules) {
        Err(p) | Ok(Err(p)) | Ok(Ok((_, p))) => problems(&p),
    }
}

/// The inspection files the paths stand for (a folder for every inspection file in it).
fn inspection_files(paths: &[String]) -> Result<Vec<PathBuf>, Failed> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    crate::io::folder::inspection_files(&paths)
        .map(|(files, _)| files)
        .map_err(|e| Failed {
            summary: match e {
                crate::io::folder::FolderError::Empty { folder } => {
                    format!("the folder {} holds no inspection files", folder.display())
                }
                crate::io::folder::FolderError::Unreadable { folder, reason } => {
                    format!("the folder {} cannot be read: {reason}", folder.display())
                }
            },
            problems: vec![],
        })
}

/// Run `work` on every inspection under the rules; every problem of every inspection when
/// any fails.
fn each<T: Send>(
    rules: &Rules,
    paths: &[String],
    work: impl Fn(&Rules, Inspection) -> Result<T, Problems> + Sync,
) -> Result<Vec<T>, Failed> {
    let files = inspection_files(paths)?;
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut results = vec![];
    let mut all = Problems::new();
    for (_, outcome) in crate::batch::under_one(rules, &files, work) {
        match outcome.result {
            Ok(result) => results.push(result),
            Err(problems) => all.extend(problems),
        }
    }
    if all.has_errors() {
        return Err(failed(
            "an inspection could not be rated; nothing was rated",
            &all,
        ));
    }
    Ok(results)
}

/// The library writes each result as JSON or as its page; any other format is refused before
/// anything is read.
fn json_or_page(command: &str, format: Format) -> Result<(), Failed> {
    match format {
        Format::Json | Format::Html => Ok(()),
        other => Err(Failed {
            summary: format!(
                "the library writes {command} as json or html, not {}",
                other.name()
            ),
            problems: vec![],
        }),
    }
}

/// `rate --format json`.
pub fn rate(rules_spec: &str, inspections: &[String]) -> Result<String, Failed> {
    rate_as(rules_spec, inspections, Format::Json)
}

/// `rate --format json` or `--format html`.
pub fn rate_as(rules_spec: &str, inspections: &[String], format: Format) -> Result<String, Failed> {
    json_or_page("rate", format)?;
    let rules = rules(rules_spec)?;
    let results = each(&rules, inspections, |rules, inspection| {
        crate::rate::rate(&rules.framework, &inspection)
    })?;
    Ok(match format {
        Format::Html => report::rating_page::rating_page(&rules, &results, false),
        _ => report::json::rating_document(&rules, &results),
    })
}

/// `cases --format json`.
pub fn cases(rules_spec: &str, inspections: &[String]) -> Result<String, Failed> {
    let rules = rules(rules_spec)?;
    let loaded = each(&rules, inspections, |_, inspection| Ok(inspection))?;
    let rows = crate::analysis::cases_table::rows(&rules.framework, &loaded);
    Ok(report::cases::cases_json(&rules.framework, &rows))
}

/// `breakdown --format json`, over every grouping and measure the rules declare.
pub fn breakdown(rules_spec: &str, inspections: &[String]) -> Result<String, Failed> {
    breakdown_as(rules_spec, inspections, Format::Json)
}

/// `breakdown --format json` or `--format html`.
pub fn breakdown_as(
    rules_spec: &str,
    inspections: &[String],
    format: Format,
) -> Result<String, Failed> {
    json_or_page("breakdown", format)?;
    let rules = rules(rules_spec)?;
    let loaded = each(&rules, inspections, |_, inspection| Ok(inspection))?;
    let request = crate::analysis::breakdown::Request::default();
    let b = crate::analysis::breakdown::breakdown(&rules.framework, &loaded, &request);
    Ok(match format {
        Format::Html => report::breakdown_page::breakdown_page(&rules, &b),
        _ => report::breakdown::breakdown_json(&rules, &b),
    })
}

/// `compare --format json` (the ratings from the cases).
pub fn compare(rules_specs: &[String], inspections: &[String]) -> Result<String, Failed> {
    compare_as(rules_specs, inspections, Format::Json)
}

/// `compare --format json` or `--format html`.
pub fn compare_as(
    rules_specs: &[String],
    inspections: &[String],
    format: Format,
) -> Result<String, Failed> {
    json_or_page("compare", format)?;
    let mut rulesets = vec![];
    for spec in rules_specs {
        rulesets.push(rules(spec)?);
    }
    if rulesets.len() < 2 {
        return Err(Failed {
            summary: "compare needs two or more rulesets".into(),
            problems: vec![],
        });
    }
    let files = inspection_files(inspections)?;
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let comparison = crate::analysis::compare::compare(
        &rulesets,
        &files,
        crate::analysis::compare::Basis::Cases,
    );
    Ok(match format {
        Format::Html => report::compare_page::compare_page(&rulesets, &comparison),
        _ => report::compare::compare_json(&rulesets, &comparison),
    })
}

/// `test --format json` (no snapshot), and whether every inspection passed.
pub fn test(rules_spec: &str, inspections: &[String]) -> Result<(String, bool), Failed> {
    test_as(rules_spec, inspections, Format::Json)
}

/// `test --format json` or `--format html`, and whether every inspection passed.
pub fn test_as(
    rules_spec: &str,
    inspections: &[String],
    format: Format,
) -> Result<(String, bool), Failed> {
    json_or_page("test", format)?;
    let rules = rules(rules_spec)?;
    let files = inspection_files(inspections)?;
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let run = crate::analysis::suite::run(
        &rules,
        &files,
        crate::analysis::suite::Decisions::Applied,
        None,
    );
    let text = match format {
        Format::Html => report::test_page::test_page(&rules, &run),
        _ => report::suite::test_json(&rules, &run),
    };
    Ok((text, run.succeeded()))
}

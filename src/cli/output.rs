//! What every command shares: showing problems on stderr, writing stdout whole, loading the
//! rules, expanding inspection folders and running the batch. Nothing here decides what a
//! command prints; each command's file does.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::diagnostic::Problems;
use ratebook::inspection::Inspection;
use ratebook::{Rules, batch};

/// Items rendered one after another, a blank line between.
pub fn joined<T>(items: &[T], render: impl Fn(&T) -> String) -> String {
    items.iter().map(render).collect::<Vec<_>>().join("\n")
}

/// Show problems on stderr: in colour on a terminal (unless `NO_COLOR`), plain otherwise.
pub fn show(problems: &Problems) {
    if problems.is_empty() {
        return;
    }
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Colours are escape sequences too: a report that carries control characters from an
    // input file is shown plain, with those characters escaped.
    let plain = problems.render(false, 100);
    let shown = match ratebook::terminal::safe(&plain) {
        std::borrow::Cow::Borrowed(_) if colour => problems.render(true, 100),
        safe => safe.into_owned(),
    };
    let _ = write!(std::io::stderr(), "{shown}");
}

/// Load a rule file, showing its warnings; on errors, show them, say the rules have errors
/// and give exit 1.
pub fn load_or_report(path: &Path) -> Result<Rules, ExitCode> {
    load_saying(path, "the rules have errors")
}

/// [`load_or_report`] for a command that rates: its failure says nothing was rated.
pub fn load_for_rating(path: &Path) -> Result<Rules, ExitCode> {
    load_saying(path, "the rules have errors; nothing was rated")
}

fn load_saying(path: &Path, what: &str) -> Result<Rules, ExitCode> {
    let source = match ratebook::read_rules(path) {
        Ok(source) => source,
        Err(problems) => {
            show(&problems);
            say!("{}: cannot read the rule file", path.display());
            return Err(ExitCode::from(1));
        }
    };
    match ratebook::check_rules(source) {
        Ok((rules, warnings)) => {
            show(&warnings);
            Ok(rules)
        }
        Err(problems) => {
            show(&problems);
            say!("{}: {what}", path.display());
            Err(ExitCode::from(1))
        }
    }
}

/// The inspection files named: a folder stands for every inspection file in it and its
/// sub-folders, in path order (a folder of past inspections); a file stands for itself. Every
/// entry passed over is said, those passed over for one reason in one line.
pub fn inspection_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    folder_files(
        ratebook::io::folder::inspection_files(paths),
        "inspection files (.toml)",
    )
}

/// The rule files named: a folder stands for every `.rules` file in it and its sub-folders.
pub fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    folder_files(
        ratebook::io::folder::rule_files(paths),
        "rule files (.rules)",
    )
}

fn folder_files(
    listed: Result<
        (Vec<PathBuf>, Vec<ratebook::io::folder::Skipped>),
        ratebook::io::folder::FolderError,
    >,
    what: &str,
) -> Result<Vec<PathBuf>, ExitCode> {
    use ratebook::io::folder::FolderError;
    match listed {
        Ok((files, skipped)) => {
            let mut reasons: Vec<(&str, Vec<String>)> = vec![];
            for s in &skipped {
                let path = s.path.display().to_string();
                match reasons.iter_mut().find(|(why, _)| *why == s.why) {
                    Some((_, paths)) => paths.push(path),
                    None => reasons.push((&s.why, vec![path])),
                }
            }
            for (why, paths) in reasons {
                match paths.as_slice() {
                    [one] => say!("warning: skipped {one}: {why}"),
                    _ => say!(
                        "warning: skipped {} files, each {why}: {}",
                        paths.len(),
                        paths.join(", ")
                    ),
                }
            }
            Ok(files)
        }
        Err(FolderError::Empty { folder }) => {
            say!("error: the folder {} holds no {what}", folder.display());
            Err(ExitCode::from(2))
        }
        Err(FolderError::Unreadable { folder, reason }) => {
            say!(
                "error: the folder {} cannot be read: {reason}",
                folder.display()
            );
            Err(ExitCode::from(1))
        }
    }
}

/// Load every inspection under the rules and run `work` on each, through the batch runner.
/// Every warning and problem is shown in the order the inspections were named; on any
/// problem, the exit code, having written nothing to stdout.
pub fn each_inspection<T: Send>(
    rules: &Rules,
    inspections: &[PathBuf],
    work: impl Fn(&Rules, Inspection) -> Result<T, Problems> + Sync,
) -> Result<Vec<T>, ExitCode> {
    let files = inspection_files(inspections)?;
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut results = vec![];
    let mut failed = vec![];
    for (path, outcome) in batch::under_one(rules, &paths, work) {
        show(&outcome.warnings);
        match outcome.result {
            Ok(result) => results.push(result),
            Err(problems) => {
                show(&problems);
                failed.push(path.display().to_string());
            }
        }
    }
    if !failed.is_empty() {
        say!(
            "could not rate {}; no ratings were written",
            failed.join(", ")
        );
        return Err(ExitCode::from(1));
    }
    Ok(results)
}

/// What a command made: text, or a workbook's bytes.
pub enum Made {
    Text(String),
    Workbook(Vec<u8>),
}

/// A workbook's bytes, or exit 1 saying why it could not be made.
pub fn workbook(made: Result<Vec<u8>, rust_xlsxwriter::XlsxError>) -> Result<Made, ExitCode> {
    made.map(Made::Workbook).map_err(|e| {
        say!("error: the workbook cannot be made: {e}");
        ExitCode::from(1)
    })
}

/// Write what a command made to the file named, whole or not at all (`io::write`), saying so
/// on stderr; without a file, text to stdout. A workbook always names its file: the command
/// line refuses `--format xlsx` without `--output` before anything is made.
pub fn deliver(made: &Made, output: Option<&Path>) -> ExitCode {
    let bytes = match made {
        Made::Text(text) => text.as_bytes(),
        Made::Workbook(bytes) => bytes,
    };
    let Some(path) = output else {
        return match made {
            Made::Text(text) => write_out(text),
            Made::Workbook(_) => {
                say!(
                    "error: a workbook is not written to a terminal: name the file with --output FILE"
                );
                ExitCode::from(2)
            }
        };
    };
    if ratebook::io::read::is_input(path) {
        return output_is_an_input(path);
    }
    match ratebook::io::write::write_whole(path, bytes) {
        Ok(()) => {
            say!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// The usage error for an `--output` that names a file the run reads: nothing is written.
pub fn output_is_an_input(path: &Path) -> ExitCode {
    say!(
        "error: --output {} names a file this run reads; nothing was written\n  help: name a new file for the output, so that the run's inputs are kept",
        path.display()
    );
    ExitCode::from(2)
}

/// Write to stdout. Output that cannot be written is a failure (exit 1), said on stderr; a
/// reader that stops early (`| head`) needs no message, but the output was not all written, so
/// it is exit 1 too.
pub fn write_out(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            say!("error: could not write the output: {e}");
            ExitCode::from(1)
        }
    }
}

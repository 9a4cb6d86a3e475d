//! `ratebook check`: check rule files and report every problem in them, one summary line per
//! file that passes.

use std::path::PathBuf;
use std::process::ExitCode;

use ratebook::{load_rules, report};

use super::output::{rule_files, show, write_out};

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let paths = match rule_files(paths) {
        Ok(paths) => paths,
        Err(code) => return code,
    };
    let mut failed = 0;
    let mut unwritten = false;
    for path in &paths {
        match load_rules(path) {
            Ok((rules, warnings)) => {
                show(&warnings);
                let summary = report::check_summary(&rules.source.name, &rules.framework) + "\n";
                let summary = ratebook::columns::wrap_lines(&summary, ratebook::columns::WIDTH);
                unwritten |= write_out(&ratebook::terminal::safe(&summary)) != ExitCode::SUCCESS;
            }
            Err(problems) => {
                show(&problems);
                say!(
                    "{}: {} error(s), {} warning(s)",
                    path.display(),
                    problems.errors(),
                    problems.warnings()
                );
                failed += 1;
            }
        }
    }
    if failed > 0 || unwritten {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

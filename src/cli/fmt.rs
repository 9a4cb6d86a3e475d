//! `ratebook fmt`: rule files rewritten in canonical layout, every comment kept; `--check`
//! only says which would change; `-` formats stdin to stdout.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratebook::diagnostic::Source;

use super::output::{rule_files, show, write_out};

pub fn run(paths: &[PathBuf], check: bool) -> ExitCode {
    if paths.iter().any(|p| p == Path::new("-")) {
        if paths.len() > 1 {
            say!("error: `-` (stdin to stdout) is formatted alone: give it without files");
            return ExitCode::from(2);
        }
        return stdin(check);
    }
    let paths = match rule_files(paths) {
        Ok(paths) => paths,
        Err(code) => return code,
    };
    let mut failed = false;
    let mut changed = vec![];
    for path in &paths {
        let name = path.display().to_string();
        let text = match ratebook::io::read::read_text(path, ratebook::io::read::Kind::Rules) {
            Ok(text) => text,
            Err(e) => {
                let mut problems = ratebook::diagnostic::Problems::new();
                problems.push(e);
                show(&problems);
                failed = true;
                continue;
            }
        };
        let source = Source::new(name.clone(), text.as_str());
        let formatted = match ratebook::format_rules(&source) {
            Ok(formatted) => formatted,
            Err(problems) => {
                show(&problems);
                say!("{name}: not formatted, since it cannot be read as rules");
                failed = true;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        if check {
            say!("{name} would be reformatted");
            changed.push(name);
            continue;
        }
        match ratebook::io::write::write_whole(path, formatted.as_bytes()) {
            Ok(()) => {
                say!("formatted {name}");
                changed.push(name);
            }
            Err(e) => {
                say!("error: {e}");
                failed = true;
            }
        }
    }
    if check && !changed.is_empty() {
        say!(
            "{} of {} rule file(s) would be reformatted: `ratebook fmt FILE` formats them",
            changed.len(),
            paths.len()
        );
    }
    if failed || (check && !changed.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Stdin formatted to stdout; with `--check`, nothing written, exit 1 when it would change.
fn stdin(check: bool) -> ExitCode {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        say!("error: stdin could not be read as UTF-8 text: {e}");
        return ExitCode::from(1);
    }
    let source = Source::new("<stdin>", text.as_str());
    match ratebook::format_rules(&source) {
        Ok(formatted) if check => {
            if formatted == text {
                ExitCode::SUCCESS
            } else {
                say!("<stdin> would be reformatted");
                ExitCode::from(1)
            }
        }
        Ok(formatted) => write_out(&formatted),
        Err(problems) => {
            show(&problems);
            say!("<stdin>: not formatted, since it cannot be read as rules");
            ExitCode::from(1)
        }
    }
}

//! `ratebook template`: the empty cases file a ruleset expects, or an inspection file to fill
//! in.

use std::path::Path;
use std::process::ExitCode;

use ratebook::report;

use super::TemplateFormat;
use super::output::load_or_report;

pub fn run(
    path: &Path,
    inspection: bool,
    format: TemplateFormat,
    output: Option<&Path>,
) -> Result<String, ExitCode> {
    if format == TemplateFormat::Xlsx && output.is_none() {
        say!("error: --format xlsx writes a workbook: name the file with --output FILE");
        return Err(ExitCode::from(2));
    }
    let rules = load_or_report(path)?;
    let bytes = if inspection {
        report::template::inspection_template(&rules.framework).into_bytes()
    } else if format == TemplateFormat::Xlsx {
        match report::workbook::cases_workbook(&rules.framework) {
            Ok(bytes) => bytes,
            Err(e) => {
                say!("error: the workbook cannot be made: {e}");
                return Err(ExitCode::from(1));
            }
        }
    } else {
        report::template::cases_template(&rules.framework).into_bytes()
    };
    let Some(output) = output else {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    };
    match ratebook::io::write::write_whole(output, &bytes) {
        Ok(()) => {
            say!("wrote {}", output.display());
            Ok(String::new())
        }
        Err(e) => {
            say!("error: {e}");
            Err(ExitCode::from(1))
        }
    }
}

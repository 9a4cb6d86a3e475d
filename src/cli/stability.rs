//! `ratebook stability`: resample each domain's cases and show how often each rating is kept.

use std::process::ExitCode;

use ratebook::analysis::stability::{self, Options};
use ratebook::report;

use super::Input;
use super::format::{Format, not_offered};
use super::output::{each_inspection, joined, load_for_rating};

pub fn run(input: &Input, options: Options) -> Result<String, ExitCode> {
    let rules = load_for_rating(&input.rules)?;
    // Inspections are resampled at once; one bar shows their resamples together. Drawn on
    // stderr, and only when stderr is a terminal.
    let all = u64::from(options.resamples) * input.inspections.len() as u64;
    let bar = indicatif::ProgressBar::new(all);
    let outcome = each_inspection(&rules, &input.inspections, |rules, inspection| {
        let mut before = 0;
        stability::stability(&rules.framework, &inspection, options, |done| {
            bar.inc(u64::from(done - before));
            before = done;
        })
    });
    bar.finish_and_clear();
    let results = outcome?;
    Ok(match input.format {
        Format::Json => report::stability::stability_document(&rules, &results),
        Format::Csv => report::stability_csv::stability_csv(&results),
        Format::Html => report::stability_page::stability_page(&rules, &results),
        Format::Text => joined(&results, |s| report::stability::stability_table(&rules, s)),
        other => return Err(not_offered("stability", other)),
    })
}

//! The command line: clap commands, argument handling and exit codes only. Every command
//! loads everything first and writes its output only when nothing failed, so a failed run never
//! leaves partial output that looks complete.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use ratebook::diagnostic::Problems;
use ratebook::rate::InspectionResult;
use ratebook::stability::Options;
use ratebook::{Rules, check, inspection, load_rules, rate, report};

#[derive(Parser)]
#[command(
    name = "ratebook",
    version,
    about = "Check inspection rating rules and rate inspections from case data"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check rule files and report every problem in them.
    Check {
        /// Rule files to check.
        #[arg(required = true)]
        rules: Vec<PathBuf>,
    },
    /// Rate inspections (TOML + CSV) with a ruleset.
    Rate {
        #[command(flatten)]
        input: Input,
    },
    /// Show how each rating was reached: samples, percentages, bands, margins, discretion.
    Explain {
        #[command(flatten)]
        input: Input,
        /// Explain only this standard (an id such as 2.1).
        #[arg(long)]
        standard: Option<String>,
    },
    /// Resample each domain's cases and show how often each rating is kept, with an 80%
    /// interval for each key question's percentage.
    Stability {
        #[command(flatten)]
        input: Input,
        /// How many resamples to draw.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
        resamples: u32,
        /// The random seed: the same seed gives the same result.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(clap::Args)]
struct Input {
    /// The rule file to rate with.
    #[arg(long)]
    rules: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Inspection files (TOML).
    #[arg(required = true)]
    inspections: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { rules } => check(&rules),
        Command::Rate { input } => match load_and_rate(&input) {
            Ok((rules, results)) => write_out(&match input.format {
                Format::Json => report::json::rating_document(&rules, &results),
                Format::Human => {
                    let tables: Vec<String> = results
                        .iter()
                        .map(|r| report::table::rating_table(&rules, r))
                        .collect();
                    tables.join("\n")
                }
            }),
            Err(code) => code,
        },
        Command::Explain { input, standard } => explain(&input, standard.as_deref()),
        Command::Stability {
            input,
            resamples,
            seed,
        } => stability(&input, Options { resamples, seed }),
    }
}

fn show(problems: &Problems) {
    if problems.is_empty() {
        return;
    }
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", problems.render(colour, 100));
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    for path in paths {
        match load_rules(path) {
            Ok((rules, warnings)) => {
                show(&warnings);
                write_out(&(report::check_summary(&rules.source.name, &rules.framework) + "\n"));
            }
            Err(problems) => {
                show(&problems);
                eprintln!(
                    "{}: {} error(s), {} warning(s)",
                    path.display(),
                    problems.errors(),
                    problems.warnings()
                );
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Load the rules and every inspection, and rate them all; on any problem, show every problem
/// and give the exit code, with nothing written to stdout.
fn load_and_rate(input: &Input) -> Result<(Rules, Vec<InspectionResult>), ExitCode> {
    let rules = match load_rules(&input.rules) {
        Ok((rules, warnings)) => {
            show(&warnings);
            rules
        }
        Err(problems) => {
            show(&problems);
            eprintln!(
                "{}: the rules have errors; nothing was rated",
                input.rules.display()
            );
            return Err(ExitCode::from(1));
        }
    };
    let mut results = vec![];
    let mut failed = vec![];
    for path in &input.inspections {
        match rate_one(&rules, path) {
            Ok(result) => results.push(result),
            Err(problems) => {
                show(&problems);
                failed.push(path.display().to_string());
            }
        }
    }
    if !failed.is_empty() {
        eprintln!(
            "could not rate {}; no ratings were written",
            failed.join(", ")
        );
        return Err(ExitCode::from(1));
    }
    Ok((rules, results))
}

fn rate_one(rules: &Rules, path: &Path) -> Result<InspectionResult, Problems> {
    let (inspection, warnings) = inspection::load(&rules.framework, path)?;
    show(&warnings);
    rate::rate(&rules.framework, &inspection)
}

fn explain(input: &Input, standard: Option<&str>) -> ExitCode {
    if let Some(id) = standard {
        // An unknown --standard is a usage error: say so before reading any case.
        if let Ok((rules, _)) = load_rules(&input.rules)
            && rules.framework.standard(id).is_none()
        {
            let ids: Vec<&str> = rules
                .framework
                .standards()
                .map(|(_, s)| s.id.as_str())
                .collect();
            eprintln!(
                "error: --standard {id}: {}",
                check::did_you_mean(id, "standards", ids.iter().copied())
            );
            return ExitCode::from(2);
        }
    }
    let (rules, mut results) = match load_and_rate(input) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match input.format {
        Format::Json => {
            if let Some(id) = standard {
                for result in &mut results {
                    result.standards.retain(|s| s.id == id);
                }
            }
            write_out(&report::json::rating_document(&rules, &results))
        }
        Format::Human => {
            let texts: Vec<String> = results
                .iter()
                .map(|r| report::explain::explanation(&rules, r, standard))
                .collect();
            write_out(&texts.join("\n"))
        }
    }
}

fn stability(input: &Input, options: Options) -> ExitCode {
    let rules = match load_rules(&input.rules) {
        Ok((rules, warnings)) => {
            show(&warnings);
            rules
        }
        Err(problems) => {
            show(&problems);
            return ExitCode::from(1);
        }
    };
    let mut results = vec![];
    for path in &input.inspections {
        let outcome =
            inspection::load(&rules.framework, path).and_then(|(inspection, warnings)| {
                show(&warnings);
                // Drawn on stderr, and only when stderr is a terminal.
                let bar = indicatif::ProgressBar::new(u64::from(options.resamples));
                bar.set_message(path.display().to_string());
                let result = ratebook::stability::stability(
                    &rules.framework,
                    &inspection,
                    options,
                    |done| bar.set_position(u64::from(done)),
                );
                bar.finish_and_clear();
                result
            });
        match outcome {
            Ok(result) => results.push(result),
            Err(problems) => {
                show(&problems);
                eprintln!("could not resample {}; nothing was written", path.display());
                return ExitCode::from(1);
            }
        }
    }
    write_out(&match input.format {
        Format::Json => report::stability::stability_document(&rules, &results),
        Format::Human => {
            let tables: Vec<String> = results
                .iter()
                .map(|s| report::stability::stability_table(&rules, s))
                .collect();
            tables.join("\n")
        }
    })
}

/// Write to stdout; a reader that stops early (`| head`) is not an error worth a panic.
fn write_out(text: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("could not write the output: {e}");
            ExitCode::from(1)
        }
    }
}

//! The command line: clap commands and a thin dispatcher, argument handling and exit codes
//! only. Each command's body is a file of its own here; what commands share (showing
//! problems, writing stdout, the batch of inspections) is in [`output`]. Every command loads
//! everything first and writes its output only when nothing failed, so a failed run never
//! leaves partial output that looks complete.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use format::Format;
use output::Made;

/// Write a line to stderr, with control characters from input files escaped for the terminal.
/// A closed or full stderr loses the message but never stops the run or changes how it ends:
/// the exit status still says what happened.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "{}", ratebook::terminal::safe(&line));
    }};
}

mod breakdown;
mod cases;
mod check;
mod compare;
mod diff;
mod doc;
mod explain;
mod fmt;
mod format;
mod help;
mod output;
mod rate;
mod rules;
mod show;
mod stability;
mod template;
mod test;

#[derive(Parser)]
#[command(
    name = "ratebook",
    version,
    about = "Check inspection rating rules and rate inspections from case data",
    after_help = help::MAIN
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the rulesets ratebook carries, or print one. `--rules NAME` and `based on "NAME"`
    /// take these names anywhere, where no file of that name exists.
    #[command(after_help = help::RULES)]
    Rules {
        /// A bundled ruleset's name, to print its rule text.
        name: Option<String>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    #[command(after_help = help::COMPLETIONS)]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    #[command(after_help = help::MAN)]
    Man,
    /// Check rule files and report every problem in them.
    #[command(after_help = help::CHECK)]
    Check {
        /// Rule files to check, bundled ruleset names, or folders of rule files.
        #[arg(required = true)]
        rules: Vec<PathBuf>,
    },
    /// Rewrite rule files in canonical layout, keeping every comment; `-` formats stdin to
    /// stdout.
    #[command(after_help = help::FMT)]
    Fmt {
        /// Rule files, folders of them, or `-` for stdin.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing: exit 1, naming each file that would change.
        #[arg(long)]
        check: bool,
    },
    /// Serve rule files to an editor: a language server on stdin and stdout (LSP), with
    /// diagnostics as you type, hover, go to definition, references, completion, the outline
    /// and formatting.
    #[command(after_help = help::LSP)]
    Lsp,
    /// Print the whole framework a rule file means (a variant merged onto its base) as one
    /// rule file in canonical layout.
    #[command(after_help = help::SHOW)]
    Show {
        /// The rule file to show.
        rules: PathBuf,
    },
    /// Pool the cases of many inspections into research tables: a case profile by group, n
    /// and % yes for every key question, prompt and measure, and a sub-group table per measure
    /// with Wilson 95% intervals and a likelihood-ratio test of whether the groups differ.
    #[command(after_help = help::BREAKDOWN)]
    Breakdown {
        /// The rule file whose groupings and measures to tabulate.
        #[arg(long)]
        rules: PathBuf,
        /// A grouping or case field to group by (repeatable); none: every grouping the rules
        /// declare.
        #[arg(long = "by")]
        by: Vec<String>,
        /// A measure, key question or prompt for a sub-group table (repeatable); none: every
        /// measure the rules declare.
        #[arg(long = "measure")]
        measures: Vec<String>,
        /// Output format.
        #[arg(long, value_parser = format::offered(format::BREAKDOWN), default_value = format::BREAKDOWN[0].name())]
        format: Format,
        /// Write to this file (whole, or not at all) instead of stdout; needed by xlsx.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Inspection files (TOML), or folders of them.
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// The case-level table the ratings count: one row per inspection × case × key question
    /// or prompt of the case's domains, whether the rating counts it (and why not), the answer
    /// and every case field, for modelling in a spreadsheet, Python or R.
    #[command(after_help = help::CASES)]
    Cases {
        /// The rule file whose domains and samples decide who is counted.
        #[arg(long)]
        rules: PathBuf,
        /// Output format.
        #[arg(long, value_parser = format::offered(format::CASES), default_value = format::CASES[0].name())]
        format: Format,
        /// Write to this file (whole, or not at all) instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Inspection files (TOML), or folders of them.
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Write the framework as a document to review or publish: domains, standards, key
    /// questions and prompts verbatim, sub-samples in words, bands, discretion and the
    /// overall rating. HTML is one self-contained page that prints well.
    #[command(after_help = help::DOC)]
    Doc {
        /// The rule file to document.
        rules: PathBuf,
        /// Output format.
        #[arg(long, value_parser = format::offered(format::DOC), default_value = format::DOC[0].name())]
        format: Format,
    },
    /// Write the empty cases file a ruleset expects: a CSV header with the case id, every
    /// case field, and every key question and prompt column, in ruleset order.
    #[command(after_help = help::TEMPLATE)]
    Template {
        /// The rule file whose cases file to write.
        rules: PathBuf,
        /// Write an inspection file to fill in instead: provider, cases, every judged standard
        /// and an empty [published] table.
        #[arg(long, conflicts_with = "format")]
        inspection: bool,
        /// The cases file as CSV, or as a workbook with a drop-down on every column of fixed
        /// values (xlsx needs --output).
        #[arg(long, value_parser = format::offered(format::TEMPLATE), default_value = format::TEMPLATE[0].name())]
        format: Format,
        /// Write to this file (whole, or not at all) instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Rate the same inspections under several rulesets and show which ratings move, and why.
    #[command(after_help = help::COMPARE)]
    Compare {
        /// A ruleset; give two or more, the first is the one the others are compared with.
        #[arg(long = "rules", required = true, num_args = 1)]
        rules: Vec<PathBuf>,
        /// Apply the recorded panel decisions each ruleset allows (and list those it refuses),
        /// instead of comparing the ratings from the cases.
        #[arg(long)]
        with_decisions: bool,
        /// Output format.
        #[arg(long, value_parser = format::offered(format::COMPARE), default_value = format::COMPARE[0].name())]
        format: Format,
        /// Write to this file (whole, or not at all) instead of stdout; needed by xlsx.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Inspection files (TOML).
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Show what differs between two rulesets: scale, fields, band sets, discretion, domains,
    /// standards, key questions, prompts, and the overall rule.
    #[command(after_help = help::DIFF)]
    Diff {
        /// The ruleset to compare from.
        from: PathBuf,
        /// The ruleset to compare to.
        to: PathBuf,
        /// Output format.
        #[arg(long, value_parser = format::offered(format::DIFF), default_value = format::DIFF[0].name())]
        format: Format,
    },
    /// Rate inspections (TOML + CSV or workbook) with a ruleset.
    #[command(after_help = help::RATE)]
    Rate {
        /// The rule file to rate with.
        #[arg(long)]
        rules: PathBuf,
        /// Output format (html: one self-contained page with charts; xlsx: a workbook, one
        /// sheet per table, which needs --output).
        #[arg(long, value_parser = format::offered(format::RATE), default_value = format::RATE[0].name())]
        format: Format,
        /// Write to this file (whole, or not at all) instead of stdout; needed by xlsx.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Inspection files (TOML).
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Show how each rating was reached: samples, percentages, bands, margins, discretion.
    #[command(after_help = help::EXPLAIN)]
    Explain {
        /// The rule file to rate with.
        #[arg(long)]
        rules: PathBuf,
        /// Output format (html: one self-contained page with charts).
        #[arg(long, value_parser = format::offered(format::EXPLAIN), default_value = format::EXPLAIN[0].name())]
        format: Format,
        /// Explain only this standard (an id such as 2.1).
        #[arg(long)]
        standard: Option<String>,
        /// Inspection files (TOML).
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Rate past inspections and check every figure their reports published (the
    /// `[published]` table of each inspection file); with --snapshot, also compare every
    /// rating with a stored snapshot. Exits 0 when all match, 1 otherwise.
    #[command(after_help = help::TEST)]
    Test {
        /// The rule file to rate with.
        #[arg(long)]
        rules: PathBuf,
        /// A snapshot file of every rating: compared, or written when there is none.
        #[arg(long)]
        snapshot: Option<PathBuf>,
        /// Write the snapshot with the ratings as they are now.
        #[arg(long, requires = "snapshot")]
        accept: bool,
        /// Test the ratings the cases give, setting aside every recorded panel decision.
        #[arg(long)]
        without_decisions: bool,
        /// Output format.
        #[arg(long, value_parser = format::offered(format::TEST), default_value = format::TEST[0].name())]
        format: Format,
        /// Write to this file (whole, or not at all) instead of stdout; needed by xlsx.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Inspection files (TOML), or folders of them.
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Resample each domain's cases and show how often each rating is kept, with an 80%
    /// interval for each key question's percentage.
    #[command(after_help = help::STABILITY)]
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
pub struct Input {
    /// The rule file to rate with.
    #[arg(long)]
    pub rules: PathBuf,
    /// Output format (html: one self-contained page with charts).
    #[arg(long, value_parser = format::offered(format::STABILITY), default_value = format::STABILITY[0].name())]
    pub format: Format,
    /// Inspection files (TOML).
    #[arg(required = true)]
    pub inspections: Vec<PathBuf>,
}

/// The command line as clap reads it, with the long version naming the bundled rulesets.
pub fn command() -> clap::Command {
    use clap::CommandFactory as _;
    let rulesets: Vec<&str> = ratebook::bundled::names().collect();
    Cli::command().long_version(format!(
        "{}\nbundled rulesets: {}",
        env!("CARGO_PKG_VERSION"),
        rulesets.join(", ")
    ))
}

pub fn run() -> ExitCode {
    use clap::FromArgMatches as _;
    let cli = match Cli::from_arg_matches(&command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let machine = machine_output(&cli.command);
    let wrapped = format_of(&cli.command).is_some_and(Format::wraps);
    let output = output_file(&cli.command);
    if format_of(&cli.command).is_some_and(Format::binary) && output.is_none() {
        say!("error: --format xlsx writes a workbook: name the file with --output FILE");
        return ExitCode::from(2);
    }
    // An output over an input named on the command line is refused before anything runs;
    // over one found while running (a cases file, a base), before anything is written.
    if let Some(output) = &output
        && named_inputs(&cli.command)
            .iter()
            .any(|input| ratebook::io::read::same_file(input, output))
    {
        return output::output_is_an_input(output);
    }
    let text = |outcome: Result<String, ExitCode>| outcome.map(Made::Text);
    let outcome = match cli.command {
        Command::Rules { name } => text(rules::run(name.as_deref())),
        Command::Completions { shell } => {
            let mut out = vec![];
            clap_complete::generate(shell, &mut command(), "ratebook", &mut out);
            Ok(Made::Text(String::from_utf8_lossy(&out).into_owned()))
        }
        Command::Man => {
            let mut out = vec![];
            match clap_mangen::Man::new(command()).render(&mut out) {
                Ok(()) => Ok(Made::Text(String::from_utf8_lossy(&out).into_owned())),
                Err(e) => {
                    say!("error: the manual page cannot be written: {e}");
                    Err(ExitCode::from(1))
                }
            }
        }
        Command::Check { rules } => return check::run(&rules),
        Command::Fmt { files, check } => return fmt::run(&files, check),
        Command::Lsp => {
            return match ratebook::lsp::serve() {
                Ok(ratebook::lsp::Ending::AfterShutdown) => ExitCode::SUCCESS,
                Ok(ratebook::lsp::Ending::WithoutShutdown) => ExitCode::from(1),
                Err(e) => {
                    say!("error: the language server stopped: {e}");
                    ExitCode::from(1)
                }
            };
        }
        Command::Show { rules } => text(show::run(&rules)),
        Command::Diff { from, to, format } => text(diff::run(&from, &to, format)),
        Command::Breakdown {
            rules,
            by,
            measures,
            format,
            inspections,
            ..
        } => breakdown::run(&rules, &by, &measures, format, &inspections),
        Command::Doc { rules, format } => text(doc::run(&rules, format)),
        Command::Cases {
            rules,
            format,
            inspections,
            ..
        } => text(cases::run(&rules, format, &inspections)),
        Command::Template {
            rules,
            inspection,
            format,
            ..
        } => template::run(&rules, inspection, format),
        Command::Compare {
            rules,
            with_decisions,
            format,
            inspections,
            ..
        } => compare::run(&rules, with_decisions, format, &inspections),
        Command::Rate {
            rules,
            format,
            inspections,
            ..
        } => rate::run(&rules, format, &inspections),
        Command::Test {
            rules,
            snapshot,
            accept,
            without_decisions,
            format,
            output,
            inspections,
        } => {
            let decisions = if without_decisions {
                ratebook::analysis::suite::Decisions::SetAside
            } else {
                ratebook::analysis::suite::Decisions::Applied
            };
            let snapshot = snapshot.as_deref();
            let (output, format) = (output.as_deref(), format);
            return test::run(
                &rules,
                snapshot,
                accept,
                decisions,
                format,
                output,
                &inspections,
            );
        }
        Command::Explain {
            rules,
            format,
            standard,
            inspections,
        } => text(explain::run(
            &rules,
            format,
            standard.as_deref(),
            &inspections,
        )),
        Command::Stability {
            input,
            resamples,
            seed,
        } => text(stability::run(
            &input,
            ratebook::analysis::stability::Options { resamples, seed },
        )),
    };
    let made = match outcome {
        Ok(Made::Text(output)) if machine => Made::Text(output),
        Ok(Made::Text(output)) if wrapped => {
            let output = ratebook::columns::wrap_lines(&output, ratebook::columns::WIDTH);
            Made::Text(ratebook::terminal::safe(&output).into_owned())
        }
        Ok(Made::Text(output)) => Made::Text(ratebook::terminal::safe(&output).into_owned()),
        Ok(workbook) => workbook,
        Err(code) => return code,
    };
    output::deliver(&made, output.as_deref())
}

/// The file a command writes its output to, when it names one (`--output`).
fn output_file(command: &Command) -> Option<PathBuf> {
    match command {
        Command::Rate { output, .. }
        | Command::Compare { output, .. }
        | Command::Breakdown { output, .. }
        | Command::Test { output, .. }
        | Command::Cases { output, .. }
        | Command::Template { output, .. } => output.clone(),
        _ => None,
    }
}

/// The files a command that writes `--output` is given to read: its rules, inspections (a
/// folder's files are found as it runs) and snapshot.
fn named_inputs(command: &Command) -> Vec<PathBuf> {
    match command {
        Command::Rate {
            rules, inspections, ..
        }
        | Command::Breakdown {
            rules, inspections, ..
        }
        | Command::Cases {
            rules, inspections, ..
        } => std::iter::once(rules).chain(inspections).cloned().collect(),
        Command::Compare {
            rules, inspections, ..
        } => rules.iter().chain(inspections).cloned().collect(),
        Command::Test {
            rules,
            inspections,
            snapshot,
            ..
        } => (std::iter::once(rules).chain(inspections).chain(snapshot))
            .cloned()
            .collect(),
        Command::Template { rules, .. } => vec![rules.clone()],
        _ => vec![],
    }
}

/// The format a command is asked for, where it takes `--format`.
fn format_of(command: &Command) -> Option<Format> {
    match command {
        Command::Rate { format, .. }
        | Command::Explain { format, .. }
        | Command::Compare { format, .. }
        | Command::Diff { format, .. }
        | Command::Test { format, .. }
        | Command::Breakdown { format, .. }
        | Command::Cases { format, .. }
        | Command::Template { format, .. }
        | Command::Doc { format, .. } => Some(*format),
        Command::Stability { input, .. } => Some(input.format),
        Command::Check { .. }
        | Command::Show { .. }
        | Command::Rules { .. }
        | Command::Fmt { .. }
        | Command::Lsp
        | Command::Completions { .. }
        | Command::Man => None,
    }
}

/// Whether a command writes machine output (JSON, CSV, HTML, JUnit, a completion script, a
/// manual page), which its own format escapes; text for people has control characters from
/// input files escaped for the terminal.
fn machine_output(command: &Command) -> bool {
    match format_of(command) {
        Some(format) => format.machine(),
        None => matches!(command, Command::Completions { .. } | Command::Man),
    }
}

//! The command line: clap commands, argument handling and exit codes only. Every command
//! loads everything first and writes its output only when nothing failed, so a failed run never
//! leaves partial output that looks complete.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Write as _;

use clap::{Parser, Subcommand, ValueEnum};

use ratebook::diagnostic::Problems;
use ratebook::inspection::Inspection;
use ratebook::stability::Options;
use ratebook::{Rules, inspection, load_rules, rate, report, stability};
use rayon::prelude::*;

/// Write a line to stderr, with control characters from input files escaped for the terminal.
/// A closed or full stderr loses the message but never stops the run or changes how it ends:
/// the exit status still says what happened.
macro_rules! say {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "{}", ratebook::terminal::safe(&line));
    }};
}

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
    /// Print the whole framework a rule file means (a variant merged onto its base) as one
    /// rule file in canonical layout.
    Show {
        /// The rule file to show.
        rules: PathBuf,
    },
    /// Pool the cases of many inspections into research tables: a case profile by group, n
    /// and % yes for every key question, prompt and measure, and a sub-group table per measure
    /// with Wilson 95% intervals and a likelihood-ratio test of whether the groups differ.
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
        #[arg(long, value_enum, default_value_t = BreakdownFormat::Text)]
        format: BreakdownFormat,
        /// Inspection files (TOML), or folders of them.
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Write the framework as a document to review or publish: domains, standards, key
    /// questions and prompts verbatim, sub-samples in words, bands, discretion and the
    /// overall rating. HTML is one self-contained page that prints well.
    Doc {
        /// The rule file to document.
        rules: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Markdown)]
        format: DocFormat,
    },
    /// Write the empty cases file a ruleset expects: a CSV header with the case id, every
    /// case field, and every key question and prompt column, in ruleset order.
    Template {
        /// The rule file whose cases file to write.
        rules: PathBuf,
    },
    /// Rate the same inspections under several rulesets and show which ratings move, and why.
    Compare {
        /// A ruleset; give two or more, the first is the one the others are compared with.
        #[arg(long = "rules", required = true, num_args = 1)]
        rules: Vec<PathBuf>,
        /// Apply the recorded panel decisions each ruleset allows (and list those it refuses),
        /// instead of comparing the ratings from the cases.
        #[arg(long)]
        with_decisions: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Human)]
        format: CompareFormat,
        /// Inspection files (TOML).
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
    },
    /// Show what differs between two rulesets: scale, fields, band sets, discretion, domains,
    /// standards, key questions, prompts, and the overall rule.
    Diff {
        /// The ruleset to compare from.
        from: PathBuf,
        /// The ruleset to compare to.
        to: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
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
    /// Rate past inspections and check every figure their reports published (the
    /// `[published]` table of each inspection file); with --snapshot, also compare every
    /// rating with a stored snapshot. Exits 0 when all match, 1 otherwise.
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = TestFormat::Text)]
        format: TestFormat,
        /// Inspection files (TOML), or folders of them.
        #[arg(required = true)]
        inspections: Vec<PathBuf>,
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

#[derive(Clone, Copy, ValueEnum)]
enum BreakdownFormat {
    #[value(alias = "human")]
    Text,
    Markdown,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocFormat {
    Markdown,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum TestFormat {
    #[value(alias = "human")]
    Text,
    Json,
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    #[value(alias = "text")]
    Human,
    Json,
    Csv,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let machine = machine_output(&cli.command);
    let outcome = match cli.command {
        Command::Check { rules } => return check(&rules),
        Command::Show { rules } => show_rules(&rules),
        Command::Diff { from, to, format } => diff(&from, &to, format),
        Command::Breakdown {
            rules,
            by,
            measures,
            format,
            inspections,
        } => breakdown(&rules, &by, &measures, format, &inspections),
        Command::Doc { rules, format } => load_or_report(&rules).map(|r| {
            let blocks = report::doc::document(&r);
            match format {
                DocFormat::Markdown => report::document::markdown(&blocks),
                DocFormat::Html => {
                    report::document::html(&report::doc::title(&r.framework), &blocks)
                }
            }
        }),
        Command::Template { rules } => {
            load_or_report(&rules).map(|r| report::template::cases_template(&r.framework))
        }
        Command::Compare {
            rules,
            with_decisions,
            format,
            inspections,
        } => compare(&rules, with_decisions, format, &inspections),
        Command::Rate { input } => {
            each_inspection(&input.rules, &input.inspections, |rules, inspection| {
                rate::rate(&rules.framework, &inspection)
            })
            .map(|(rules, results)| match input.format {
                Format::Json => report::json::rating_document(&rules, &results),
                Format::Human => joined(&results, |r| report::table::rating_table(&rules, r)),
            })
        }
        Command::Test {
            rules,
            snapshot,
            accept,
            format,
            inspections,
        } => return test(&rules, snapshot.as_deref(), accept, format, &inspections),
        Command::Explain { input, standard } => explain(&input, standard.as_deref()),
        Command::Stability {
            input,
            resamples,
            seed,
        } => {
            let options = Options { resamples, seed };
            // Inspections are resampled at once; one bar shows their resamples together.
            // Drawn on stderr, and only when stderr is a terminal.
            let all = u64::from(resamples) * input.inspections.len() as u64;
            let bar = indicatif::ProgressBar::new(all);
            let outcome = each_inspection(&input.rules, &input.inspections, |rules, inspection| {
                let mut before = 0;
                stability::stability(&rules.framework, &inspection, options, |done| {
                    bar.inc(u64::from(done - before));
                    before = done;
                })
            });
            bar.finish_and_clear();
            outcome.map(|(rules, results)| match input.format {
                Format::Json => report::stability::stability_document(&rules, &results),
                Format::Human => {
                    joined(&results, |s| report::stability::stability_table(&rules, s))
                }
            })
        }
    };
    match outcome {
        Ok(output) if machine => write_out(&output),
        Ok(output) => write_out(&ratebook::terminal::safe(&output)),
        Err(code) => code,
    }
}

/// Whether a command writes machine output (JSON, CSV, HTML, JUnit), which its own format
/// escapes; human output has control characters from input files escaped for the terminal.
fn machine_output(command: &Command) -> bool {
    let json = |f: &Format| matches!(f, Format::Json);
    match command {
        Command::Check { .. } | Command::Show { .. } => false,
        Command::Template { .. } => true,
        Command::Diff { format, .. } => json(format),
        Command::Compare { format, .. } => !matches!(format, CompareFormat::Human),
        Command::Rate { input }
        | Command::Explain { input, .. }
        | Command::Stability { input, .. } => json(&input.format),
        Command::Test { format, .. } => !matches!(format, TestFormat::Text),
        Command::Doc { format, .. } => matches!(format, DocFormat::Html),
        Command::Breakdown { format, .. } => {
            matches!(format, BreakdownFormat::Csv | BreakdownFormat::Json)
        }
    }
}

fn joined<T>(items: &[T], render: impl Fn(&T) -> String) -> String {
    items.iter().map(render).collect::<Vec<_>>().join("\n")
}

fn show(problems: &Problems) {
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

fn check(paths: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    let mut unwritten = false;
    for path in paths {
        match load_rules(path) {
            Ok((rules, warnings)) => {
                show(&warnings);
                let summary = report::check_summary(&rules.source.name, &rules.framework) + "\n";
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

fn load_or_report(path: &std::path::Path) -> Result<Rules, ExitCode> {
    match load_rules(path) {
        Ok((rules, warnings)) => {
            show(&warnings);
            Ok(rules)
        }
        Err(problems) => {
            show(&problems);
            say!("{}: the rules have errors", path.display());
            Err(ExitCode::from(1))
        }
    }
}

fn show_rules(path: &std::path::Path) -> Result<String, ExitCode> {
    let rules = load_or_report(path)?;
    Ok(ratebook::syntax::print::rule_file(&rules.tree))
}

fn diff(from: &std::path::Path, to: &std::path::Path, format: Format) -> Result<String, ExitCode> {
    let (a, b) = (load_or_report(from), load_or_report(to));
    let (a, b) = (a?, b?);
    let diff = ratebook::diff::diff(&a.framework, &b.framework);
    Ok(match format {
        Format::Human => report::diff::diff_text(&a, &b, &diff),
        Format::Json => report::diff::diff_json(&a, &b, &diff),
    })
}

fn compare(
    paths: &[PathBuf],
    with_decisions: bool,
    format: CompareFormat,
    inspections: &[PathBuf],
) -> Result<String, ExitCode> {
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
        ratebook::compare::Basis::Decisions
    } else {
        ratebook::compare::Basis::Cases
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
    let inspections: Vec<&std::path::Path> = inspections.iter().map(PathBuf::as_path).collect();
    let comparison = ratebook::compare::compare(&rulesets, &inspections, basis);
    for c in &comparison.inspections {
        for (k, outcome) in c.results.iter().enumerate() {
            let under = paths[k].display();
            match outcome {
                ratebook::compare::Outcome::Failed { error } => {
                    say!(
                        "warning: {} could not be rated under {under}: {error}",
                        c.source
                    )
                }
                ratebook::compare::Outcome::Rated { warnings, .. } => {
                    for w in warnings {
                        say!("warning: {} under {under}: {w}", c.source);
                    }
                }
            }
        }
    }
    Ok(match format {
        CompareFormat::Human => report::compare::compare_text(&rulesets, &comparison),
        CompareFormat::Json => report::compare::compare_json(&rulesets, &comparison),
        CompareFormat::Csv => report::compare::compare_csv(&rulesets, &comparison),
    })
}

/// The inspection files named: a folder stands for every `.toml` file directly in it, in name
/// order (a folder of past inspections); a file stands for itself. Each entry skipped is said.
fn inspection_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    use ratebook::io::folder::{self, FolderError};
    match folder::inspection_files(paths) {
        Ok((files, skipped)) => {
            for s in skipped {
                say!("warning: skipped {}: {}", s.path.display(), s.why);
            }
            Ok(files)
        }
        Err(FolderError::Empty { folder }) => {
            say!(
                "error: the folder {} holds no inspection files (.toml)",
                folder.display()
            );
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

/// Load the rules, then load every inspection and run `work` on it. On any problem, show every
/// problem and give the exit code, having written nothing to stdout.
fn each_inspection<T: Send>(
    rules_path: &std::path::Path,
    inspections: &[PathBuf],
    work: impl Fn(&Rules, Inspection) -> Result<T, Problems> + Sync,
) -> Result<(Rules, Vec<T>), ExitCode> {
    let rules = match load_rules(rules_path) {
        Ok((rules, warnings)) => {
            show(&warnings);
            rules
        }
        Err(problems) => {
            show(&problems);
            say!(
                "{}: the rules have errors; nothing was rated",
                rules_path.display()
            );
            return Err(ExitCode::from(1));
        }
    };
    // Every inspection loaded and worked on at once, on every core; what each gives, and
    // every warning and problem, is then shown in the order the inspections were named.
    let paths = inspection_files(inspections)?;
    let outcomes: Vec<(Problems, Result<T, Problems>)> = paths
        .par_iter()
        .map(|path| match inspection::load(&rules.framework, path) {
            Ok((inspection, warnings)) => (warnings, work(&rules, inspection)),
            Err(problems) => (Problems::new(), Err(problems)),
        })
        .collect();
    let mut results = vec![];
    let mut failed = vec![];
    for (path, (warnings, outcome)) in paths.iter().zip(outcomes) {
        show(&warnings);
        match outcome {
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
    Ok((rules, results))
}

fn explain(input: &Input, standard: Option<&str>) -> Result<String, ExitCode> {
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
            say!(
                "error: --standard {id}: {}",
                ratebook::suggest::did_you_mean(id, "standards", ids.iter().copied())
            );
            return Err(ExitCode::from(2));
        }
    }
    let (rules, mut results) =
        each_inspection(&input.rules, &input.inspections, |rules, inspection| {
            rate::rate(&rules.framework, &inspection)
        })?;
    Ok(match input.format {
        Format::Json => {
            if let Some(id) = standard {
                for result in &mut results {
                    result.standards.retain(|s| s.id == id);
                }
            }
            report::json::rating_document(&rules, &results)
        }
        Format::Human => joined(&results, |r| {
            report::explain::explanation(&rules, r, standard)
        }),
    })
}

fn breakdown(
    rules_path: &std::path::Path,
    by: &[String],
    measures: &[String],
    format: BreakdownFormat,
    inspections: &[PathBuf],
) -> Result<String, ExitCode> {
    // Unknown --by or --measure names are usage errors: said before any case is read.
    if let Ok((rules, _)) = load_rules(rules_path) {
        let mut usage = false;
        for name in by {
            if let Err(help) = ratebook::breakdown::by(&rules.framework, name) {
                say!("error: --by {name}: {help}");
                usage = true;
            }
        }
        for name in measures {
            if let Err(help) = ratebook::breakdown::item(&rules.framework, name) {
                say!("error: --measure {name}: {help}");
                usage = true;
            }
        }
        if usage {
            return Err(ExitCode::from(2));
        }
    }
    let (rules, loaded) = each_inspection(rules_path, inspections, |_, inspection| Ok(inspection))?;
    let framework = &rules.framework;
    let request = ratebook::breakdown::Request {
        by: by
            .iter()
            .filter_map(|n| ratebook::breakdown::by(framework, n).ok())
            .collect(),
        items: measures
            .iter()
            .filter_map(|n| ratebook::breakdown::item(framework, n).ok())
            .collect(),
    };
    let b = ratebook::breakdown::breakdown(framework, &loaded, &request);
    Ok(match format {
        BreakdownFormat::Text => report::breakdown::breakdown_text(&rules, &b),
        BreakdownFormat::Markdown => report::breakdown::breakdown_markdown(&rules, &b),
        BreakdownFormat::Csv => report::breakdown::breakdown_csv(&b),
        BreakdownFormat::Json => report::breakdown::breakdown_json(&rules, &b),
    })
}

fn test(
    rules: &std::path::Path,
    snapshot: Option<&std::path::Path>,
    accept: bool,
    format: TestFormat,
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
    let paths: Vec<&std::path::Path> = inspections.iter().map(PathBuf::as_path).collect();
    let request = snapshot.map(|path| ratebook::suite::SnapshotRequest { path, accept });
    let run = ratebook::suite::run(&rules, &paths, request);
    for tested in &run.inspections {
        match &tested.outcome {
            ratebook::suite::Outcome::Rated { warnings, .. } => show(warnings),
            ratebook::suite::Outcome::Unrated { problems } => show(problems),
        }
    }
    let output = match format {
        TestFormat::Text => report::suite::test_text(&rules, &run),
        TestFormat::Json => report::suite::test_json(&rules, &run),
        TestFormat::Junit => report::suite::test_junit(&rules, &run),
    };
    let output = match format {
        TestFormat::Text => ratebook::terminal::safe(&output).into_owned(),
        TestFormat::Json | TestFormat::Junit => output,
    };
    match write_out(&output) {
        code if code != ExitCode::SUCCESS => code,
        _ if run.succeeded() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}

/// Write to stdout. Output that cannot be written is a failure (exit 1), said on stderr; a
/// reader that stops early (`| head`) needs no message, but the output was not all written, so
/// it is exit 1 too.
fn write_out(text: &str) -> ExitCode {
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

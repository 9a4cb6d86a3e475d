//! ratebook: an inspection rating framework kept as data.
//!
//! The pipeline, one module per stage: rule text → [`syntax`] (syntax tree with spans) →
//! [`variant`] (a variant merged onto its bases) → [`check`] (checked [`framework::Framework`]) → [`inspection`] (TOML manifest + CSV cases) →
//! [`rate`] (samples, bands, standards, discretion, overall, as typed data) → [`report`]
//! (every sentence; human table, explanation, and the JSON contract in [`report::json`]).
//! Nothing downstream reaches back upstream, but for the rate stage's refusals, which quote
//! discretion triggers in [`report::words`]' sentences. [`batch`] runs many inspections under
//! one or more rulesets; [`io`] holds every file read and write.
//!
//! ```no_run
//! use std::path::Path;
//! let (rules, _warnings) = ratebook::load_rules(Path::new("rules/hmip-youth-2019.rules")).unwrap();
//! let (inspection, _warnings) =
//!     ratebook::inspection::load(&rules.framework, Path::new("examples/inspection.toml")).unwrap();
//! let result = ratebook::rate::rate(&rules.framework, &inspection).unwrap();
//! println!("{}", rules.framework.scale.label(result.overall.rating));
//! ```

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod analysis;
pub mod api;
pub mod batch;
pub mod bundled;
pub mod check;
pub mod columns;
pub mod diagnostic;
pub mod framework;
#[cfg(feature = "generate")]
pub mod generate;
pub mod guard;
pub mod inspection;
pub mod io;
pub mod lsp;
pub mod rate;
pub mod report;
pub mod suggest;
pub mod syntax;
pub mod terminal;
pub mod variant;

use std::path::Path;

use diagnostic::{Problems, RuleSources, Source};
use framework::Framework;

/// A checked rule file and where it came from.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The rule file named (a variant's bases are in `sources`).
    pub source: Source,
    /// Every rule file read: the one named and the chain of files it is based on.
    pub sources: RuleSources,
    /// The whole framework as one syntax tree: a variant merged onto its bases.
    pub tree: syntax::tree::RuleFile,
    /// The checked framework the rules mean.
    pub framework: Framework,
}

/// Read and check a rule file (and, for a variant, every file it is based on). On success, the
/// rules and any warnings; otherwise every problem. Where no file of that name exists, a
/// bundled ruleset's name (`hmip-youth-2019`) gives that ruleset.
pub fn load_rules(path: &Path) -> Result<(Rules, Problems), Problems> {
    check_rules(read_rules(path)?)
}

/// The text of a rule file, or of the bundled ruleset of that name where no file of that name
/// exists; the problem (the file cannot be read) otherwise.
pub fn read_rules(path: &Path) -> Result<Source, Problems> {
    let name = path.display().to_string();
    if let Some((name, text)) = bundled::find(&name)
        && !io::read::exists(path)
    {
        return Ok(Source::new(name, text));
    }
    io::read::read_rule_text(path)
        .map(|text| Source::new(name, text))
        .map_err(|e| {
            let mut problems = Problems::new();
            problems.push(e);
            problems
        })
}

/// One rule file's text in canonical layout, its comments kept where they stood (`ratebook
/// fmt`); every syntax error, shown in the file, when it cannot be read. A variant is
/// formatted as itself: its base is not read.
pub fn format_rules(source: &Source) -> Result<String, Problems> {
    syntax::format(&source.text).map_err(|errors| {
        let mut problems = Problems::new();
        for error in errors {
            problems.push_in(error, source);
        }
        problems
    })
}

/// Parse, merge and check rule text already in memory. A `based on` path is read from disk,
/// relative to the folder of `source.name`.
pub fn check_rules(source: Source) -> Result<(Rules, Problems), Problems> {
    check_rules_with(source, &io::read::Disk)
}

/// Parse, merge and check rule text already in memory, reading every `based on` file through
/// `files` (relative to the folder of `source.name`): nothing touches the disk unless `files`
/// does.
///
/// ```
/// use std::path::Path;
/// use ratebook::diagnostic::Source;
/// let base = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
/// let files = |path: &Path| -> Result<String, String> {
///     if path == Path::new("rules/hmip-youth-2019.rules") {
///         Ok(base.clone())
///     } else {
///         Err("not open".to_string())
///     }
/// };
/// let variant = "framework \"Trial\" version \"t1\"\nbased on \"hmip-youth-2019.rules\"\n";
/// let (rules, _) =
///     ratebook::check_rules_with(Source::new("rules/trial.rules", variant), &files)
///         .unwrap();
/// assert_eq!(rules.framework.version, "t1");
/// ```
pub fn check_rules_with(
    source: Source,
    files: &dyn variant::RuleFiles,
) -> Result<(Rules, Problems), Problems> {
    let checked = check_rules_keeping_sources(source, files);
    match checked.rules {
        Some(rules) => Ok((rules, checked.problems)),
        None => Err(checked.problems),
    }
}

/// What checking a rule file found, with every rule file it read: for an editor, which
/// shows each problem in the file it points into.
#[derive(Debug)]
pub struct Checked {
    /// The rules, when they check.
    pub rules: Option<Rules>,
    /// Every problem, errors and warnings.
    pub problems: Problems,
    /// The rule file and every base read, whose positions the problems' spans share.
    pub sources: RuleSources,
    /// Each file read, as written (before merging), in the order read: the rule file first,
    /// then its bases; a file that does not parse has none.
    pub written: Vec<syntax::tree::RuleText>,
}

/// [`check_rules_with`], keeping the files read whether or not the rules check.
pub fn check_rules_keeping_sources(source: Source, files: &dyn variant::RuleFiles) -> Checked {
    let mut problems = Problems::new();
    let (tree, sources, written) =
        variant::merge_keeping_texts(source.clone(), files, &mut problems);
    let Some(tree) = tree else {
        return Checked {
            rules: None,
            problems,
            sources,
            written,
        };
    };
    let checked = check::check(&tree);
    for problem in checked.problems {
        problems.push_in_rules(problem, &sources);
    }
    let rules = checked.framework.map(|framework| Rules {
        source,
        sources: sources.clone(),
        tree,
        framework,
    });
    Checked {
        rules,
        problems,
        sources,
        written,
    }
}

//! The one batch runner: every inspection loaded under every ruleset and worked on, at once on
//! every core, and the outcomes given back in the order the inspections and rulesets were
//! named. `rate`, `explain`, `stability`, `breakdown`, `compare` and `test` all run through
//! it, so they share one failure policy: an inspection that cannot be loaded or worked on
//! under a ruleset is an outcome with its problems, never dropped.
//!
//! It never prints: warnings and problems are returned for the caller to show.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Rules;
use crate::diagnostic::Problems;
use crate::inspection::{self, Inspection};

/// What became of one inspection under one ruleset.
#[derive(Debug)]
pub struct Outcome<T> {
    /// Warnings from loading the inspection (a column the ruleset does not read, say).
    pub warnings: Problems,
    /// What the work gave, or every problem that stopped it (loading or working).
    pub result: Result<T, Problems>,
}

/// One inspection under every ruleset.
#[derive(Debug)]
pub struct Inspected<T> {
    /// The inspection file, as named.
    pub path: PathBuf,
    /// One outcome per ruleset, in the order the rulesets were given.
    pub under: Vec<Outcome<T>>,
}

/// Load every inspection under every ruleset and run `work` on each pair (the ruleset and the
/// inspection it loaded), all at once. The answer holds one [`Inspected`] per path, in order.
pub fn run<T: Send>(
    rulesets: &[&Rules],
    paths: &[&Path],
    work: impl Fn(&Rules, Inspection) -> Result<T, Problems> + Sync,
) -> Vec<Inspected<T>> {
    let width = rulesets.len();
    // One task per (inspection, ruleset) pair, so that a few inspections under many rulesets
    // use every core as well as many inspections under one.
    let outcomes: Vec<Outcome<T>> = (0..paths.len() * width)
        .into_par_iter()
        .map(|n| {
            let (path, rules) = (paths[n / width], rulesets[n % width]);
            match inspection::load(&rules.framework, path) {
                Ok((inspection, warnings)) => Outcome {
                    warnings,
                    result: work(rules, inspection),
                },
                Err(problems) => Outcome {
                    warnings: Problems::new(),
                    result: Err(problems),
                },
            }
        })
        .collect();
    // The outcomes are in (inspection, ruleset) order: each inspection takes the next `width`.
    let mut outcomes = outcomes.into_iter();
    paths
        .iter()
        .map(|path| Inspected {
            path: path.to_path_buf(),
            under: outcomes.by_ref().take(width).collect(),
        })
        .collect()
}

/// [`run`] under one ruleset: one outcome per inspection, in order.
pub fn under_one<T: Send>(
    rules: &Rules,
    paths: &[&Path],
    work: impl Fn(&Rules, Inspection) -> Result<T, Problems> + Sync,
) -> Vec<(PathBuf, Outcome<T>)> {
    run(&[rules], paths, work)
        .into_iter()
        .filter_map(|mut i| i.under.pop().map(|outcome| (i.path, outcome)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every inspection under every ruleset, in the order named, and one that cannot be read
    /// kept as an outcome with its problem under each ruleset, never dropped.
    #[test]
    fn outcomes_come_back_in_the_order_named_and_none_is_dropped() {
        let load = |path: &str| crate::load_rules(Path::new(path)).unwrap().0;
        let (youth, trial) = (
            load("rules/hmip-youth-2019.rules"),
            load("examples/schemes/higher-thresholds.rules"),
        );
        let paths = [
            Path::new("tests/published/luton-2020/inspection.toml"),
            Path::new("no/such/inspection.toml"),
            Path::new("examples/inspection.toml"),
        ];
        let run = run(&[&youth, &trial], &paths, |rules, inspection| {
            Ok((rules.framework.version.clone(), inspection.provider))
        });
        let said: Vec<Vec<String>> = run
            .iter()
            .map(|i| {
                i.under
                    .iter()
                    .map(|o| match &o.result {
                        Ok((version, provider)) => format!("{version}: {provider}"),
                        Err(problems) => format!("{} problem(s)", problems.errors()),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            run.iter().map(|i| i.path.as_path()).collect::<Vec<_>>(),
            paths
        );
        assert_eq!(
            said,
            [
                [
                    "2019: Luton Youth Offending Service",
                    "trial-1: Luton Youth Offending Service"
                ],
                ["1 problem(s)", "1 problem(s)"],
                [
                    "2019: Example Youth Offending Team",
                    "trial-1: Example Youth Offending Team"
                ],
            ]
        );
    }
}

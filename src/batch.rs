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
    let mut outcomes: Vec<Outcome<T>> = (0..paths.len() * width)
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
    let mut inspected = Vec::with_capacity(paths.len());
    for path in paths.iter().rev() {
        let under = outcomes.split_off(outcomes.len() - width);
        inspected.push(Inspected {
            path: path.to_path_buf(),
            under,
        });
    }
    inspected.reverse();
    inspected
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

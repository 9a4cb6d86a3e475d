//! `ratebook test`: rate past inspections under one ruleset, check each against the figures
//! its report published, and compare every rating with a stored snapshot. Reports render the
//! [`TestRun`]; the command line only turns it into an exit code.

use std::path::Path;

use crate::Rules;
use crate::analysis::published::{self, Checked};
use crate::analysis::snapshot::{self, Change, Entry};
use crate::diagnostic::Problems;
use crate::io::read::{Kind, read_own_file};
use crate::rate::{InspectionResult, Refusal, rate_keeping_refusals};

/// One inspection's outcome.
pub struct Tested {
    /// The inspection file, as named.
    pub source: String,
    /// What became of it.
    pub outcome: Outcome,
}

/// What became of one inspection.
pub enum Outcome {
    /// Rated; `checked` holds the published figures that were compared and any that failed.
    Rated {
        /// The rating.
        result: Box<InspectionResult>,
        /// The published figures compared, and those that differ; a recorded decision the
        /// rules refuse is one of these.
        checked: Checked,
        /// The recorded decisions the rules refuse, left unapplied.
        refused: Vec<Refusal>,
        /// Warnings from loading it.
        warnings: Problems,
    },
    /// The inspection could not be loaded or rated; every problem found.
    Unrated {
        /// Every problem found.
        problems: Problems,
    },
}

impl Tested {
    /// Whether it was rated and every published figure holds.
    pub fn passed(&self) -> bool {
        matches!(&self.outcome, Outcome::Rated { checked, .. } if checked.failures.is_empty())
    }
}

/// What became of the snapshot file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The snapshot holds every rating as it is.
    Unchanged,
    /// Some rating differs from the snapshot, which was not written.
    Changed,
    /// There was no snapshot; it was written.
    Written,
    /// The changes were accepted and the snapshot written.
    Accepted,
}

/// The snapshot compared, and what became of it.
pub struct SnapshotOutcome {
    /// The snapshot file, as named.
    pub path: String,
    /// What became of it.
    pub status: Status,
    /// Each inspection whose entry differs.
    pub changes: Vec<Change>,
    /// Why a changed snapshot was not written, or why the stored file could not be used.
    pub note: Option<String>,
}

/// A whole `ratebook test` run.
pub struct TestRun {
    /// Each inspection, in the order named.
    pub inspections: Vec<Tested>,
    /// The snapshot, when one was asked for.
    pub snapshot: Option<SnapshotOutcome>,
}

impl TestRun {
    /// How many inspections passed.
    pub fn passed(&self) -> usize {
        self.inspections.iter().filter(|t| t.passed()).count()
    }

    /// How many did not.
    pub fn failed(&self) -> usize {
        self.inspections.len() - self.passed()
    }

    /// Whether the run succeeds: every inspection passed and the snapshot, if any, holds.
    pub fn succeeded(&self) -> bool {
        self.failed() == 0
            && self
                .snapshot
                .as_ref()
                .is_none_or(|s| s.status != Status::Changed)
    }
}

/// Where the snapshot is kept and whether a changed one is to be written.
pub struct SnapshotRequest<'p> {
    /// The snapshot file.
    pub path: &'p Path,
    /// Whether a changed snapshot is written.
    pub accept: bool,
}

/// Which ratings are tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decisions {
    /// The recorded panel decisions are applied; one the rules refuse is a failing figure.
    #[default]
    Applied,
    /// The ratings the cases give, every recorded decision set aside.
    SetAside,
}

/// Rate and check every inspection, then compare (and perhaps write) the snapshot.
///
/// A recorded panel decision the rules refuse does not stop the inspection being rated: its
/// standard keeps the rating the cases give, the decision is a failing figure (expected the
/// panel's rating, got the rules'), and the snapshot records it as refused, so that after a
/// rule edit the ratings are still checked and `--accept` can record them.
pub fn run(
    rules: &Rules,
    paths: &[&Path],
    decisions: Decisions,
    snapshot: Option<SnapshotRequest>,
) -> TestRun {
    let rated = crate::batch::under_one(rules, paths, |rules, mut inspection| {
        if decisions == Decisions::SetAside {
            inspection.decisions.clear();
        }
        rate_keeping_refusals(&rules.framework, &inspection).map(|(result, refused)| {
            let mut checked = published::check(&inspection.published, &result, &rules.framework);
            published::refused(&mut checked, &result, &refused, &rules.framework, |at| {
                inspection.source.line_at(at)
            });
            (result, checked, refused)
        })
    });
    let inspections: Vec<Tested> = rated
        .into_iter()
        .map(|(path, outcome)| Tested {
            source: path.display().to_string(),
            outcome: match outcome.result {
                Ok((result, checked, refused)) => Outcome::Rated {
                    result: Box::new(result),
                    checked,
                    refused,
                    warnings: outcome.warnings,
                },
                Err(problems) => Outcome::Unrated { problems },
            },
        })
        .collect();
    let snapshot = snapshot.map(|request| compare_snapshot(rules, &inspections, request));
    TestRun {
        inspections,
        snapshot,
    }
}

fn compare_snapshot(
    rules: &Rules,
    inspections: &[Tested],
    request: SnapshotRequest,
) -> SnapshotOutcome {
    let results: Vec<(&InspectionResult, &[Refusal])> = inspections
        .iter()
        .filter_map(|t| match &t.outcome {
            Outcome::Rated {
                result, refused, ..
            } => Some((&**result, refused.as_slice())),
            Outcome::Unrated { .. } => None,
        })
        .collect();
    let now = snapshot::entries(&rules.framework.scale, &results);
    let path = request.path.display().to_string();
    let unrated = inspections.len() - results.len();
    let outcome = |status, changes, note: Option<String>| SnapshotOutcome {
        path: path.clone(),
        status,
        changes,
        note,
    };
    // The snapshot is read, compared and written under the folder's lock, so that of two runs
    // at once the second compares with what the first wrote, and no run's ratings are lost.
    let lock = match crate::io::write::lock_folder_of(request.path) {
        Ok(lock) => lock,
        Err(e) => {
            return outcome(
                Status::Changed,
                vec![],
                Some(crate::report::words::with_help(&e)),
            );
        }
    };
    let stored: Option<Vec<Entry>> = match read_own_file(request.path, Kind::Snapshot) {
        Ok(Some(text)) => match snapshot::parse(&text) {
            Ok(entries) => Some(entries),
            // Accepted, a file that is not a snapshot is replaced whole: every inspection in
            // it is new.
            Err(_) if request.accept => Some(vec![]),
            Err(e) => {
                return outcome(
                    Status::Changed,
                    vec![],
                    Some(format!(
                        "{path} is not a ratebook snapshot ({e}); move it aside, or run with --accept to replace it"
                    )),
                );
            }
        },
        Ok(None) => None,
        Err(e) => {
            return outcome(
                Status::Changed,
                vec![],
                Some(crate::report::words::with_help(&e)),
            );
        }
    };
    let changes = stored
        .as_ref()
        .map(|stored| snapshot::changes(stored, &now))
        .unwrap_or_default();
    let wanted = match &stored {
        None => Some(Status::Written),
        Some(_) if changes.is_empty() => None,
        Some(_) if request.accept => Some(Status::Accepted),
        Some(_) => {
            return outcome(Status::Changed, changes, None);
        }
    };
    let Some(status) = wanted else {
        return outcome(Status::Unchanged, changes, None);
    };
    // A snapshot is the whole set's ratings: never written with an inspection missing.
    if unrated > 0 {
        return outcome(
            Status::Changed,
            changes,
            Some(format!(
                "not written: {unrated} inspection(s) could not be rated; mend them first"
            )),
        );
    }
    let text = snapshot::render(&rules.source.name, &now);
    match lock.write(request.path, text.as_bytes()) {
        Ok(()) => outcome(status, changes, None),
        Err(e) => outcome(
            Status::Changed,
            changes,
            Some(crate::report::words::with_help(&e)),
        ),
    }
}

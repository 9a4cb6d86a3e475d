//! Report stage: the outcome of `ratebook test` as text (one line per inspection, each failed
//! figure expected against got, and the snapshot's changes), JSON (the contract's shape) and
//! JUnit XML (one test case per inspection, and one for the snapshot, for a rules
//! repository's CI).

use serde::Serialize;

use super::json::RulesetRef;
use super::page::markup_escape;
use crate::Rules;
use crate::analysis::published::Failure;
use crate::analysis::snapshot::{self, ChangeKind};
use crate::analysis::suite::{Outcome, SnapshotOutcome, Status, TestRun, Tested};
use crate::columns::align;
use crate::terminal::one_line;

pub(crate) fn provider(tested: &Tested) -> Option<&str> {
    match &tested.outcome {
        Outcome::Rated { result, .. } => Some(&result.provider),
        Outcome::Unrated { .. } => None,
    }
}

pub(crate) fn unrated_reason(tested: &Tested) -> Option<String> {
    match &tested.outcome {
        Outcome::Unrated { problems } => Some(format!(
            "could not be rated: {}",
            problems.messages().join("; ")
        )),
        Outcome::Rated { .. } => None,
    }
}

fn failures(tested: &Tested) -> &[Failure] {
    match &tested.outcome {
        Outcome::Rated { checked, .. } => &checked.failures,
        Outcome::Unrated { .. } => &[],
    }
}

pub(crate) fn status_word(status: Status) -> &'static str {
    match status {
        Status::Unchanged => "unchanged",
        Status::Changed => "changed",
        Status::Written => "written",
        Status::Accepted => "accepted",
    }
}

// ---- text --------------------------------------------------------------------------------

/// `test`: one line per inspection, each failed figure, and the snapshot's changes.
pub fn test_text(rules: &Rules, run: &TestRun) -> String {
    let f = &rules.framework;
    let mut out = format!(
        "ratebook test: {} version {} ({})\n",
        f.name, f.version, rules.source.name
    );
    let mut rows = vec![];
    for tested in &run.inspections {
        let mark = if tested.passed() { "pass" } else { "FAIL" };
        let what = match &tested.outcome {
            Outcome::Rated {
                result, checked, ..
            } => {
                let figures = match checked.figures {
                    0 => "no published figures recorded".to_string(),
                    1 => "1 published figure".to_string(),
                    n => format!("{n} published figures"),
                };
                let provider = one_line(&result.provider);
                match checked.failures.len() {
                    0 => format!("{provider}: {figures}"),
                    n => format!("{provider}: {n} of {figures} differ"),
                }
            }
            Outcome::Unrated { problems } => format!(
                "could not be rated ({} problem(s), shown above)",
                problems.errors()
            ),
        };
        rows.push(vec![
            format!("  {mark}"),
            one_line(&tested.source).into_owned(),
            what,
        ]);
        for failure in failures(tested) {
            rows.push(vec![format!(
                "        {}: expected {}, got {} (recorded at line {})\n          why: {}",
                failure.item, failure.expected, failure.got, failure.line, failure.why
            )]);
        }
    }
    for line in align(&rows) {
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(snapshot) = &run.snapshot {
        out.push_str(&snapshot_text(snapshot));
    }
    out.push_str(&format!(
        "{} inspection(s): {} passed, {} failed\n",
        run.inspections.len(),
        run.passed(),
        run.failed()
    ));
    out
}

fn snapshot_text(snapshot: &SnapshotOutcome) -> String {
    let changed_inspections = snapshot.changes.len();
    let mut out = match snapshot.status {
        Status::Unchanged => format!("snapshot {}: unchanged\n", snapshot.path),
        Status::Written => format!(
            "snapshot {}: written (there was none); keep it with the rules\n",
            snapshot.path
        ),
        Status::Accepted => format!(
            "snapshot {}: accepted the changes in {changed_inspections} inspection(s)\n",
            snapshot.path
        ),
        Status::Changed if snapshot.changes.is_empty() => {
            let note = snapshot.note.as_deref().unwrap_or("not written");
            return format!("snapshot {}: {note}\n", snapshot.path);
        }
        Status::Changed => format!(
            "snapshot {}: CHANGED in {changed_inspections} inspection(s); review, then run again with --accept to keep the new ratings\n",
            snapshot.path
        ),
    };
    if snapshot.status != Status::Written {
        out.push_str(&snapshot::changes_text(&snapshot.changes));
    }
    if let Some(note) = &snapshot.note {
        out.push_str(&format!("  {note}\n"));
    }
    out
}

// ---- JSON --------------------------------------------------------------------------------

/// `test --format json`: the ruleset, the counts, each inspection and the snapshot.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    ruleset: RulesetRef<'a>,
    passed: usize,
    failed: usize,
    inspections: Vec<InspectionEntry<'a>>,
    snapshot: Option<SnapshotEntry<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct InspectionEntry<'a> {
    source: &'a str,
    provider: Option<&'a str>,
    passed: bool,
    failures: &'a [Failure],
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct SnapshotEntry<'a> {
    path: &'a str,
    status: Status,
    changes: Vec<ChangeEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ChangeEntry<'a> {
    source: &'a str,
    /// `changed`, `new` (not in the snapshot) or `gone` (not rated now).
    change: &'static str,
    items: Vec<ItemEntry<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ItemEntry<'a> {
    item: &'a str,
    was: Option<&'a str>,
    now: Option<&'a str>,
}

/// `test --format json`.
pub fn test_json(rules: &Rules, run: &TestRun) -> String {
    let inspections = run
        .inspections
        .iter()
        .map(|t| InspectionEntry {
            source: &t.source,
            provider: provider(t),
            passed: t.passed(),
            failures: failures(t),
            error: unrated_reason(t),
        })
        .collect();
    let snapshot = run.snapshot.as_ref().map(|s| SnapshotEntry {
        path: &s.path,
        status: s.status,
        changes: s
            .changes
            .iter()
            .map(|c| match &c.kind {
                ChangeKind::New => ChangeEntry {
                    source: &c.source,
                    change: "new",
                    items: vec![],
                },
                ChangeKind::Gone => ChangeEntry {
                    source: &c.source,
                    change: "gone",
                    items: vec![],
                },
                ChangeKind::Items(items) => ChangeEntry {
                    source: &c.source,
                    change: "changed",
                    items: items
                        .iter()
                        .map(|(item, was, now)| ItemEntry {
                            item,
                            was: was.as_deref(),
                            now: now.as_deref(),
                        })
                        .collect(),
                },
            })
            .collect(),
        note: s.note.as_deref(),
    });
    let document = Document {
        ruleset: RulesetRef::of(rules),
        passed: run.passed(),
        failed: run.failed(),
        inspections,
        snapshot,
    };
    super::json::pretty(&document)
}

// ---- JUnit XML ---------------------------------------------------------------------------

/// JUnit XML: a `testsuite` named after the ruleset, a `testcase` per inspection (failed
/// figures as a `failure`, an inspection that cannot be rated as an `error`) and one for the
/// snapshot. Times are not measured, so none are given: the same run gives the same bytes.
pub fn test_junit(rules: &Rules, run: &TestRun) -> String {
    let mut cases = String::new();
    let mut tests = 0;
    let mut failed = 0;
    let mut errors = 0;
    for tested in &run.inspections {
        tests += 1;
        let name = match provider(tested) {
            Some(p) => format!("{} ({p})", tested.source),
            None => tested.source.clone(),
        };
        cases.push_str(&format!(
            "    <testcase classname=\"published\" name=\"{}\"",
            markup_escape(&name)
        ));
        if let Some(reason) = unrated_reason(tested) {
            errors += 1;
            cases.push_str(&format!(
                ">\n      <error message=\"{}\" type=\"unrated\"/>\n    </testcase>\n",
                markup_escape(&reason)
            ));
            continue;
        }
        let failures = failures(tested);
        if failures.is_empty() {
            cases.push_str("/>\n");
            continue;
        }
        failed += 1;
        let body: Vec<String> = failures
            .iter()
            .map(|f| {
                format!(
                    "{}: expected {}, got {} (line {}); why: {}",
                    f.item, f.expected, f.got, f.line, f.why
                )
            })
            .collect();
        cases.push_str(&format!(
            ">\n      <failure message=\"{} published figure(s) differ\" type=\"published\">{}</failure>\n    </testcase>\n",
            failures.len(),
            markup_escape(&body.join("\n"))
        ));
    }
    if let Some(snapshot) = &run.snapshot {
        tests += 1;
        cases.push_str(&format!(
            "    <testcase classname=\"snapshot\" name=\"{}\"",
            markup_escape(&snapshot.path)
        ));
        if snapshot.status == Status::Changed {
            failed += 1;
            cases.push_str(&format!(
                ">\n      <failure message=\"snapshot {}\" type=\"snapshot\">{}</failure>\n    </testcase>\n",
                status_word(snapshot.status),
                markup_escape(&snapshot_text(snapshot))
            ));
        } else {
            cases.push_str(&format!(
                ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                markup_escape(&snapshot_text(snapshot))
            ));
        }
    }
    let f = &rules.framework;
    let suite = markup_escape(&format!(
        "{} version {} ({})",
        f.name, f.version, rules.source.name
    ));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"ratebook test\" tests=\"{tests}\" failures=\"{failed}\" errors=\"{errors}\">\n  \
         <testsuite name=\"{suite}\" tests=\"{tests}\" failures=\"{failed}\" errors=\"{errors}\" skipped=\"0\">\n\
         {cases}  </testsuite>\n</testsuites>\n"
    )
}

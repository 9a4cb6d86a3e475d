//! `test --format xlsx`: each inspection's outcome, every published figure beside what the
//! rules give (and why, where they differ), and the snapshot's changes, each a sheet.

use super::about;
use crate::Rules;
use crate::analysis::snapshot::ChangeKind;
use crate::analysis::suite::{Outcome, TestRun};
use crate::report::suite::{provider, status_word, unrated_reason};
use crate::report::workbook::{Cell, Sheet};

/// The sheets of `test --format xlsx`.
pub fn test_sheets(rules: &Rules, run: &TestRun) -> Vec<Sheet> {
    let text = |t: &str| Cell::Text(t.to_string());
    let yes_no = |b: bool| text(if b { "yes" } else { "no" });
    let mut inspections = Sheet::new(
        "Inspections",
        &[
            "inspection",
            "provider",
            "passed",
            "figures checked",
            "figures that differ",
            "error",
        ],
    );
    let mut figures = Sheet::new(
        "Figures",
        &[
            "inspection",
            "provider",
            "item",
            "published",
            "rated",
            "matches",
            "why",
            "line",
        ],
    );
    for tested in &run.inspections {
        let (checked, differ) = match &tested.outcome {
            Outcome::Rated { checked, .. } => (
                Cell::Whole(checked.figures as i64),
                Cell::Whole(checked.failures.len() as i64),
            ),
            Outcome::Unrated { .. } => (Cell::Empty, Cell::Empty),
        };
        inspections.rows.push(vec![
            text(&tested.source),
            Cell::text(provider(tested)),
            yes_no(tested.passed()),
            checked,
            differ,
            Cell::text(unrated_reason(tested)),
        ]);
        let Outcome::Rated { checked, .. } = &tested.outcome else {
            continue;
        };
        for figure in &checked.compared {
            let failure = checked
                .failures
                .iter()
                .find(|f| f.item == figure.item && f.line == figure.line);
            figures.rows.push(vec![
                text(&tested.source),
                Cell::text(provider(tested)),
                text(&figure.item),
                text(&figure.published),
                text(&figure.rated),
                yes_no(failure.is_none()),
                Cell::text(failure.map(|f| f.why.as_str())),
                Cell::Whole(figure.line as i64),
            ]);
        }
    }
    let mut sheets = vec![inspections, figures];
    let mut held = vec![
        (
            "Inspections",
            "each inspection: whether every published figure holds, how many were checked and how many differ",
        ),
        (
            "Figures",
            "every published figure beside what the rules give, and why the rules give it where the two differ; line is the inspection file's",
        ),
    ];
    if let Some(snapshot) = &run.snapshot {
        let mut changes = Sheet::new(
            "Snapshot",
            &[
                "snapshot",
                "status",
                "inspection",
                "change",
                "item",
                "was",
                "now",
            ],
        );
        let head = [text(&snapshot.path), text(status_word(snapshot.status))];
        for change in &snapshot.changes {
            let mut row = head.to_vec();
            row.push(text(&change.source));
            match &change.kind {
                ChangeKind::New | ChangeKind::Gone => {
                    let word = if change.kind == ChangeKind::New {
                        "new"
                    } else {
                        "gone"
                    };
                    row.extend([text(word), Cell::Empty, Cell::Empty, Cell::Empty]);
                    changes.rows.push(row);
                }
                ChangeKind::Items(items) => {
                    for (item, was, now) in items {
                        let mut row = row.clone();
                        row.extend([
                            text("changed"),
                            text(item),
                            Cell::text(was.as_deref()),
                            Cell::text(now.as_deref()),
                        ]);
                        changes.rows.push(row);
                    }
                }
            }
        }
        if snapshot.changes.is_empty() {
            changes.rows.push(head.to_vec());
        }
        sheets.push(changes);
        held.push((
            "Snapshot",
            "the snapshot file, what became of it, and every rating that differs from it",
        ));
    }
    sheets.push(about(&[rules], "test", &held));
    sheets
}

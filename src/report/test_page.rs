//! Report stage: the test page (`test --format html`). How many past inspections passed; for
//! each, every published figure beside what the rules give (a figure that differs marked, with
//! why the rules give what they give); an inspection that could not be rated, with why; and
//! what became of the snapshot.
//!
//! Built from the test run as the JSON gives it. Nothing here computes a figure.

use super::page::{Cell, Page};
use super::suite::{provider, status_word, unrated_reason};
use crate::Rules;
use crate::analysis::snapshot::ChangeKind;
use crate::analysis::suite::{Outcome, TestRun};

/// The page of `test --format html`.
pub fn test_page(rules: &Rules, run: &TestRun) -> String {
    let f = &rules.framework;
    let title = format!(
        "Past inspections against their published figures: {} version {}",
        f.name, f.version
    );
    let mut page = Page::new(&title);
    page.heading(1, &title);
    page.note(&format!("ruleset: {}", rules.source.name));
    page.paragraph(&format!(
        "{} passed, {} failed.",
        run.passed(),
        run.failed()
    ));
    let rows: Vec<Vec<Cell>> = run
        .inspections
        .iter()
        .map(|t| {
            let (checked, differ) = match &t.outcome {
                Outcome::Rated { checked, .. } => (
                    checked.figures.to_string(),
                    checked.failures.len().to_string(),
                ),
                Outcome::Unrated { .. } => (String::new(), String::new()),
            };
            vec![
                Cell::Text(t.source.clone()),
                Cell::Text(provider(t).unwrap_or("").to_string()),
                if t.passed() {
                    Cell::Text("passed".into())
                } else {
                    Cell::Text("failed".into())
                },
                Cell::Number(checked),
                Cell::Number(differ),
            ]
        })
        .collect();
    page.table(
        &[
            "Inspection",
            "Provider",
            "Result",
            "Figures checked",
            "Figures that differ",
        ],
        &rows,
    );
    for t in &run.inspections {
        page.heading(2, &format!("{} ({})", provider(t).unwrap_or(""), t.source));
        let Outcome::Rated { checked, .. } = &t.outcome else {
            page.paragraph(&unrated_reason(t).unwrap_or_default());
            continue;
        };
        let rows: Vec<Vec<Cell>> = checked
            .compared
            .iter()
            .map(|figure| {
                let failure = checked
                    .failures
                    .iter()
                    .find(|x| x.item == figure.item && x.line == figure.line);
                vec![
                    Cell::Text(figure.item.clone()),
                    Cell::Text(figure.published.clone()),
                    match failure {
                        Some(_) => Cell::Differs(figure.rated.clone()),
                        None => Cell::Text(figure.rated.clone()),
                    },
                    Cell::Text(failure.map_or("as published".to_string(), |x| x.why.clone())),
                    Cell::Number(figure.line.to_string()),
                ]
            })
            .collect();
        page.table(
            &["Figure", "Published", "The rules give", "Why", "Line"],
            &rows,
        );
    }
    if let Some(snapshot) = &run.snapshot {
        page.heading(2, &format!("Snapshot {}", snapshot.path));
        page.paragraph(&format!(
            "The snapshot is {}.",
            status_word(snapshot.status)
        ));
        if let Some(note) = &snapshot.note {
            page.note(note);
        }
        let mut rows = vec![];
        for change in &snapshot.changes {
            match &change.kind {
                ChangeKind::New => rows.push(vec![
                    Cell::Text(change.source.clone()),
                    Cell::Text("new: not in the snapshot".into()),
                    Cell::Empty,
                    Cell::Empty,
                ]),
                ChangeKind::Gone => rows.push(vec![
                    Cell::Text(change.source.clone()),
                    Cell::Text("gone: not rated now".into()),
                    Cell::Empty,
                    Cell::Empty,
                ]),
                ChangeKind::Items(items) => {
                    for (item, was, now) in items {
                        rows.push(vec![
                            Cell::Text(change.source.clone()),
                            Cell::Text(item.clone()),
                            Cell::Text(was.clone().unwrap_or_default()),
                            Cell::Changed(now.clone().unwrap_or_default()),
                        ]);
                    }
                }
            }
        }
        if !rows.is_empty() {
            page.table(&["Inspection", "Item", "Was", "Now"], &rows);
        }
    }
    page.finish()
}

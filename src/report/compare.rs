//! Report stage: a comparison of rulesets → a side-by-side text, JSON (the shape CONTRACT.md
//! fixes) and CSV (one row per inspection × standard × ruleset, for a spreadsheet, from the
//! typed rows a workbook's "Ratings" sheet also holds).

use crate::terminal::one_line;
use std::fmt::Write;

use serde::Serialize;

use super::align;
use super::json::RulesetRef;
use super::workbook::Cell;
use crate::Rules;
use crate::analysis::compare::{Basis, Comparison, Outcome};

/// `compare --format json`: the rulesets and the comparison.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    rulesets: Vec<RulesetRef<'a>>,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

/// `compare --format json`.
pub fn compare_json(rulesets: &[Rules], comparison: &Comparison) -> String {
    let document = Document {
        rulesets: rulesets.iter().map(RulesetRef::of).collect(),
        comparison,
    };
    super::json::pretty(&document)
}

/// `compare`: the ratings side by side, the changes with their reasons, and a summary.
pub fn compare_text(rulesets: &[Rules], comparison: &Comparison) -> String {
    let mut out = String::new();
    let basis = match comparison.basis {
        Basis::Cases => {
            "ratings from the cases, before professional discretion; judged standards as recorded"
        }
        Basis::Decisions => "ratings with the recorded panel decisions each ruleset allows",
    };
    let _ = writeln!(
        out,
        "Comparing {} rulesets on {} inspection{} ({basis})",
        rulesets.len(),
        comparison.inspections.len(),
        if comparison.inspections.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    for (k, rules) in rulesets.iter().enumerate() {
        let f = &rules.framework;
        let _ = writeln!(
            out,
            "  [{k}] {} version {} ({})",
            f.name, f.version, rules.source.name
        );
    }
    for c in &comparison.inspections {
        let _ = writeln!(out);
        if c.provider.is_empty() {
            // No ruleset could read the inspection file.
            let _ = writeln!(out, "{}", one_line(&c.source));
        } else {
            let _ = writeln!(out, "{} ({})", one_line(&c.provider), one_line(&c.source));
        }
        let mut rows = vec![vec![
            "Ruleset".to_string(),
            "Overall".into(),
            "Score".into(),
        ]];
        for (k, outcome) in c.results.iter().enumerate() {
            rows.push(match outcome {
                Outcome::Rated { overall, .. } => vec![
                    format!("[{k}]"),
                    overall.rating.clone(),
                    format!("{} of {}", overall.score, overall.max),
                ],
                // One cell, so that a long reason does not widen the table.
                Outcome::Failed { error } => vec![format!("[{k}]      not rated: {error}")],
            });
        }
        for line in align(&rows) {
            let _ = writeln!(out, "  {line}");
        }
        for (k, outcome) in c.results.iter().enumerate() {
            if let Outcome::Rated { refused, .. } = outcome {
                for r in refused {
                    let _ = writeln!(out, "  [{k}] {r}");
                }
            }
        }
        for k in 1..rulesets.len() {
            let changes: Vec<_> = c.changes.iter().filter(|x| x.ruleset == k).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  Changes from [0] to [{k}]:");
            for x in changes {
                let _ = writeln!(
                    out,
                    "    {} {} → {}: {}",
                    x.item,
                    x.from.as_deref().unwrap_or("none"),
                    x.to.as_deref().unwrap_or("none"),
                    x.reason
                );
            }
        }
    }
    let s = &comparison.summary;
    let _ = writeln!(out);
    let _ = writeln!(out, "Summary");
    let _ = writeln!(
        out,
        "  {} inspection{}; overall rating changed {} time{} ({} up, {} down); {} standard rating{} changed; {} not rated",
        s.inspections,
        if s.inspections == 1 { "" } else { "s" },
        s.overall_changed,
        if s.overall_changed == 1 { "" } else { "s" },
        s.overall_up,
        s.overall_down,
        s.standards_changed,
        if s.standards_changed == 1 { "" } else { "s" },
        s.not_rated
    );
    if let Some(first) = rulesets.first() {
        let labels = first.framework.scale.names();
        for k in 1..rulesets.len() {
            let _ = writeln!(out, "  Overall rating, [0] (rows) to [{k}] (columns):");
            let mut rows = vec![
                std::iter::once(String::new())
                    .chain(labels.iter().map(|l| l.to_string()))
                    .collect::<Vec<_>>(),
            ];
            for from in &labels {
                let mut row = vec![from.to_string()];
                for to in &labels {
                    let count = s
                        .overall_transitions
                        .iter()
                        .find(|t| t.ruleset == k && t.from == *from && t.to == *to)
                        .map_or(0, |t| t.count);
                    row.push(count.to_string());
                }
                rows.push(row);
            }
            for line in align(&rows) {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out
}

/// The columns of `compare --format csv`, in order.
pub const COMPARE_CSV_COLUMNS: [&str; 14] = [
    "inspection",
    "provider",
    "ruleset_number",
    "ruleset_name",
    "ruleset_version",
    "ruleset_file",
    "item",
    "rating",
    "score",
    "rating_before_discretion",
    "rating_before_limiters",
    "changed_from_first",
    "why_changed",
    "error",
];

/// `compare --format csv`: one row per inspection, ruleset and standard or overall, in the
/// columns [`COMPARE_CSV_COLUMNS`] names (the README says what each holds).
pub fn compare_csv(rulesets: &[Rules], comparison: &Comparison) -> String {
    let mut writer = super::csv::Table::crlf();
    writer.row(COMPARE_CSV_COLUMNS);
    for row in compare_rows(rulesets, comparison) {
        writer.row(row.iter().map(|cell| match cell {
            Cell::Text(text) => text.clone(),
            Cell::Whole(n) => n.to_string(),
            _ => String::new(),
        }));
    }
    writer.finish()
}

/// The rows of [`compare_csv`] (and of `compare --format xlsx`'s "Ratings" sheet), typed: a
/// cell per column of [`COMPARE_CSV_COLUMNS`].
pub fn compare_rows(rulesets: &[Rules], comparison: &Comparison) -> Vec<Vec<Cell>> {
    let mut rows = vec![];
    let text = |t: &str| Cell::Text(t.to_string());
    for c in &comparison.inspections {
        for (k, outcome) in c.results.iter().enumerate() {
            let f = &rulesets[k].framework;
            let head = [
                text(&c.source),
                text(&c.provider),
                Cell::Whole(k as i64),
                text(&f.name),
                text(&f.version),
                text(&rulesets[k].source.name),
            ];
            let change = |item: &str| c.changes.iter().find(|x| x.ruleset == k && x.item == item);
            match outcome {
                Outcome::Failed { error } => {
                    let mut row = head.to_vec();
                    row.extend(std::iter::repeat_n(Cell::Empty, 7));
                    row.push(text(error));
                    rows.push(row);
                }
                Outcome::Rated { result, .. } => {
                    let scale = &f.scale;
                    let label =
                        |r: Option<crate::framework::Rating>| Cell::text(r.map(|r| scale.label(r)));
                    let changed = |k: usize, x: Option<&_>| match (k, x) {
                        (0, _) => Cell::Empty,
                        (_, Some(_)) => text("yes"),
                        (_, None) => text("no"),
                    };
                    let why = |x: Option<&crate::analysis::compare::Change>| {
                        Cell::text(x.map(|x| x.reason.as_str()))
                    };
                    for s in &result.standards {
                        let x = change(&s.id);
                        let mut row = head.to_vec();
                        row.extend([
                            text(&s.id),
                            label(s.rating),
                            Cell::whole(s.score),
                            label(s.base_rating),
                            Cell::Empty,
                            changed(k, x),
                            why(x),
                            Cell::Empty,
                        ]);
                        rows.push(row);
                    }
                    let o = &result.overall;
                    let x = change("overall");
                    let mut row = head.to_vec();
                    row.extend([
                        text("overall"),
                        label(Some(o.rating)),
                        Cell::Whole(o.score.into()),
                        Cell::Empty,
                        label(Some(o.banded_rating)),
                        changed(k, x),
                        why(x),
                        Cell::Empty,
                    ]);
                    rows.push(row);
                }
            }
        }
    }
    rows
}

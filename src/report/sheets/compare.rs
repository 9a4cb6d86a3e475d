//! `compare --format xlsx`: the ratings under every ruleset (the rows of `compare --format
//! csv`), the changes with their reasons, the overall transitions, and the summary counts,
//! each a sheet.

use super::about;
use crate::Rules;
use crate::analysis::compare::{Basis, Comparison};
use crate::report::compare::{COMPARE_CSV_COLUMNS, compare_rows};
use crate::report::workbook::{Cell, Sheet};

/// The sheets of `compare --format xlsx`.
pub fn compare_sheets(rulesets: &[Rules], comparison: &Comparison) -> Vec<Sheet> {
    let text = |t: &str| Cell::Text(t.to_string());
    let ruleset = |k: usize| {
        rulesets.get(k).map_or(Cell::Empty, |r| {
            text(&format!(
                "{} version {}",
                r.framework.name, r.framework.version
            ))
        })
    };
    let mut ratings = Sheet::new("Ratings", &COMPARE_CSV_COLUMNS);
    ratings.rows = compare_rows(rulesets, comparison);

    let mut changes = Sheet::new(
        "Changes",
        &[
            "inspection",
            "provider",
            "ruleset_number",
            "ruleset",
            "item",
            "from",
            "to",
            "why",
        ],
    );
    for c in &comparison.inspections {
        for x in &c.changes {
            changes.rows.push(vec![
                text(&c.source),
                text(&c.provider),
                Cell::Whole(x.ruleset as i64),
                ruleset(x.ruleset),
                text(&x.item),
                Cell::text(x.from.as_deref()),
                Cell::text(x.to.as_deref()),
                text(&x.reason),
            ]);
        }
    }

    let mut transitions = Sheet::new(
        "Transitions",
        &["ruleset_number", "ruleset", "from", "to", "inspections"],
    );
    for t in &comparison.summary.overall_transitions {
        transitions.rows.push(vec![
            Cell::Whole(t.ruleset as i64),
            ruleset(t.ruleset),
            text(&t.from),
            text(&t.to),
            Cell::Whole(t.count as i64),
        ]);
    }

    let mut summary = Sheet::new("Summary", &["measure", "count"]);
    let s = &comparison.summary;
    for (measure, count) in [
        ("inspections compared", s.inspections),
        ("overall ratings changed", s.overall_changed),
        ("overall ratings up", s.overall_up),
        ("overall ratings down", s.overall_down),
        ("standard ratings changed", s.standards_changed),
        ("not rated", s.not_rated),
    ] {
        summary
            .rows
            .push(vec![text(measure), Cell::Whole(count as i64)]);
    }
    let basis = match comparison.basis {
        Basis::Cases => "compare (ratings from the cases, before discretion)",
        Basis::Decisions => "compare --with-decisions (with the recorded panel decisions)",
    };
    let all: Vec<&Rules> = rulesets.iter().collect();
    let about = about(
        &all,
        basis,
        &[
            (
                "Ratings",
                "each inspection under each ruleset (numbered from 0, the first, which the others are compared with): every standard and the overall rating",
            ),
            (
                "Changes",
                "every rating that differs from the first ruleset's, and why",
            ),
            (
                "Transitions",
                "how many inspections went from each overall rating under the first ruleset to each under a later one",
            ),
            ("Summary", "counts of what moved"),
        ],
    );
    vec![ratings, changes, transitions, summary, about]
}

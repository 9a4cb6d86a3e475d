//! `breakdown --format xlsx`: the case profile (every grouping, one below another), the
//! question table, and one sheet per sub-group table, each row typed so that a filter picks
//! a grouping or a group. A suppressed cell holds "–", as the text output shows it.

use super::about;
use crate::Rules;
use crate::analysis::breakdown::{Breakdown, Count, SIGNIFICANCE};
use crate::report::breakdown::{SUPPRESSED, suppression_note};
use crate::report::workbook::{Cell, Sheet};

/// The sheets of `breakdown --format xlsx`.
pub fn breakdown_sheets(rules: &Rules, b: &Breakdown) -> Vec<Sheet> {
    let text = |t: &str| Cell::Text(t.to_string());
    let hidden = || text(SUPPRESSED);
    let mut titles: Vec<&str> = b.domains.iter().map(|d| d.title.as_str()).collect();
    titles.push("All");

    let mut columns = vec!["grouping".to_string(), "group".to_string()];
    for title in &titles {
        columns.push(format!("{title}: cases"));
        columns.push(format!("{title}: % of column"));
    }
    let mut profile = Sheet {
        name: "Profile".into(),
        columns,
        rows: vec![],
    };
    for p in &b.profile {
        let mut labels = p.by.labels.clone();
        labels.push("Not recorded".into());
        labels.push("Outside the groups".into());
        for (r, (label, cells)) in labels.iter().zip(&p.rows).enumerate() {
            if r == labels.len() - 1 && !p.has_outside {
                continue;
            }
            let mut row = vec![text(&p.by.title), text(label)];
            for (cell, total) in cells.iter().zip(&p.totals) {
                if cell.suppressed {
                    row.extend([hidden(), hidden()]);
                    continue;
                }
                let share = (!total.suppressed && total.n > 0)
                    .then(|| 100.0 * f64::from(cell.n) / f64::from(total.n));
                row.extend([Cell::Whole(cell.n.into()), Cell::percent(share)]);
            }
            profile.rows.push(row);
        }
        let mut row = vec![text(&p.by.title), text("All cases")];
        for total in &p.totals {
            let n = if total.suppressed {
                hidden()
            } else {
                Cell::Whole(total.n.into())
            };
            row.extend([n, Cell::Empty]);
        }
        profile.rows.push(row);
    }

    let mut columns = vec!["item".to_string(), "text".to_string()];
    for title in &titles {
        columns.push(format!("{title}: n"));
        columns.push(format!("{title}: % yes"));
    }
    let mut questions = Sheet {
        name: "Questions".into(),
        columns,
        rows: vec![],
    };
    let answered = |count: Option<&Count>| match count {
        None => [Cell::Empty, Cell::Empty],
        Some(c) if c.suppressed => [hidden(), hidden()],
        Some(c) => [Cell::Whole(c.n.into()), Cell::percent(c.percent())],
    };
    for q in &b.questions {
        let mut row = vec![text(&q.item), text(&q.text)];
        for cell in &q.domains {
            row.extend(answered(cell.as_ref()));
        }
        row.extend(answered(Some(&q.all)));
        questions.rows.push(row);
    }

    let mut sheets = vec![profile, questions];
    for t in &b.tables {
        let mut table = Sheet::new(
            &t.item,
            &[
                "grouping",
                "group",
                "n",
                "yes",
                "% yes",
                "95% interval: low",
                "95% interval: high",
                "p-value",
                "groups differ (p < 0.05)",
            ],
        );
        let mut push = |grouping: &str,
                        group: &str,
                        count: &Count,
                        interval: Option<[f64; 2]>,
                        p: Option<f64>| {
            let mut row = vec![text(grouping), text(group)];
            if count.suppressed {
                row.extend([hidden(), hidden(), hidden(), Cell::Empty, Cell::Empty]);
            } else {
                let [low, high] = match interval {
                    Some([low, high]) => [Cell::Percent(low), Cell::Percent(high)],
                    None => [Cell::Empty, Cell::Empty],
                };
                row.extend([
                    Cell::Whole(count.n.into()),
                    Cell::Whole(count.yes.into()),
                    Cell::percent(count.percent()),
                    low,
                    high,
                ]);
            }
            row.push(p.map_or(Cell::Empty, Cell::Number));
            row.push(Cell::text(
                p.map(|p| if p < SIGNIFICANCE { "yes" } else { "no" }),
            ));
            table.rows.push(row);
        };
        push("all", "all", &t.all, None, None);
        for by in &t.by {
            let title = by.by.title.as_str();
            for (label, cell) in by.by.labels.iter().zip(&by.groups) {
                push(title, label, &cell.count, cell.interval, by.p_value);
            }
            push(title, "Not recorded", &by.not_recorded, None, by.p_value);
            if by.outside.n > 0 {
                push(title, "Outside the groups", &by.outside, None, by.p_value);
            }
        }
        sheets.push(table);
    }
    let pooled = format!(
        "breakdown of {} inspection(s), {} cases. {}",
        b.inspections,
        b.cases,
        suppression_note(b)
    );
    let mut held = vec![
        (
            "Profile",
            "cases in each group of each grouping, by domain, with the share of the column",
        ),
        (
            "Questions",
            "answered cases (n) and % yes for every key question, prompt and measure, by domain",
        ),
    ];
    if !b.tables.is_empty() {
        held.push(("(one per measure)", "a sub-group table: n, yes and % yes by each grouping's groups, a Wilson 95% interval, and a likelihood-ratio test of whether the groups differ"));
    }
    sheets.push(about(&[rules], &pooled, &held));
    sheets
}

//! Report stage: the research page (`breakdown --format html`). The case profile and the
//! question table as the text output gives them, then for each measure a forest plot: each
//! group's % yes with its Wilson 95% interval, suppressed groups marked as such, and the
//! likelihood-ratio test's p-value.
//!
//! Built from the breakdown as the text and JSON give it. Nothing here computes a figure.

use super::breakdown::{
    SUPPRESSED, all_text, group_rows, p_text, pooled, profile_rows, question_rows, suppression_note,
};
use super::page::{Cell, Page, Svg};
use super::rating_page::{LEFT, WIDTH, x_of};
use crate::Rules;
use crate::analysis::breakdown::{Breakdown, ByGroups};

/// The page of `breakdown --format html`.
pub fn breakdown_page(rules: &Rules, b: &Breakdown) -> String {
    let (what, ruleset) = pooled(rules, b);
    let title = format!("Research breakdown: {what}");
    let mut page = Page::new(&title);
    page.heading(1, &title);
    page.note(&format!("ruleset: {ruleset}"));
    page.paragraph(&suppression_note(b));
    if !b.profile.is_empty() {
        page.heading(2, "Case profile: cases in each group (% of the column)");
        for p in &b.profile {
            table(&mut page, &profile_rows(b, p));
        }
    }
    page.heading(2, "Questions: answered cases and % yes");
    table(&mut page, &question_rows(b));
    for t in &b.tables {
        page.heading(2, &format!("{}: {}", t.item, t.text));
        page.paragraph(&format!("All: {}", all_text(t)));
        for by in &t.by {
            page.heading(3, &by.by.title);
            page.chart(forest(&t.item, by));
            table(&mut page, &group_rows(by));
            page.note(&p_text(by));
        }
    }
    page.finish()
}

/// A text table whose first row is its header.
fn table(page: &mut Page, rows: &[Vec<String>]) {
    let Some((header, body)) = rows.split_first() else {
        return;
    };
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let body: Vec<Vec<Cell>> = body
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, c)| {
                    // Figures right-aligned; labels and question texts as text.
                    let figure = c.starts_with(|ch: char| ch.is_ascii_digit()) || c == SUPPRESSED;
                    if i > 0 && figure {
                        Cell::Number(c.clone())
                    } else {
                        Cell::Text(c.clone())
                    }
                })
                .collect()
        })
        .collect();
    page.table(&header, &body);
}

/// Each group's % yes as a point with its 95% interval as a line, on a 0–100 axis.
fn forest(item: &str, by: &ByGroups) -> Svg {
    let row = 24.0;
    let top = 10.0;
    let groups = by.by.labels.iter().zip(&by.groups);
    let description: Vec<String> = by
        .by
        .labels
        .iter()
        .zip(&by.groups)
        .map(|(label, cell)| {
            if cell.count.suppressed {
                format!("{label}: suppressed")
            } else {
                match (cell.count.percent(), cell.interval) {
                    (Some(p), Some([lo, hi])) => {
                        format!("{label}: {p:.1}% yes (95% interval {lo:.1} to {hi:.1})")
                    }
                    _ => format!("{label}: no answers"),
                }
            }
        })
        .collect();
    let mut svg = Svg::new(
        WIDTH,
        &format!("{item} by {}: % yes with 95% intervals", by.by.title),
        &description.join("; "),
    );
    let bottom = top + row * by.groups.len() as f64;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        svg.line((x_of(tick), top), (x_of(tick), bottom), true);
        svg.text(
            (x_of(tick), bottom + 14.0),
            "middle",
            false,
            &format!("{tick:.0}%"),
        );
    }
    for (i, (label, cell)) in groups.enumerate() {
        let y = top + i as f64 * row + 12.0;
        svg.text((0.0, y + 4.0), "start", false, label);
        if cell.count.suppressed {
            svg.text(
                (LEFT + 4.0, y + 4.0),
                "start",
                false,
                &format!("{SUPPRESSED} suppressed"),
            );
            continue;
        }
        let (Some(p), Some([lo, hi])) = (cell.count.percent(), cell.interval) else {
            svg.text((LEFT + 4.0, y + 4.0), "start", false, "no answers");
            continue;
        };
        svg.line((x_of(lo), y), (x_of(hi), y), false);
        svg.rect(
            (x_of(p) - 4.0, y - 4.0, 8.0, 8.0),
            "#0072B2",
            &format!(
                "{label}: {} of {} yes = {p:.1}%",
                cell.count.yes, cell.count.n
            ),
        );
        svg.text(
            (x_of(100.0) + 6.0, y + 4.0),
            "start",
            false,
            &format!("{p:.1}% (n={})", cell.count.n),
        );
    }
    svg.reach((bottom + 22.0) as u32);
    svg
}

//! Report stage: the comparison page (`compare --format html`). The overall transitions from
//! the first ruleset to each later one as a shaded table, then each inspection's ratings under
//! every ruleset side by side (a rating that differs from the first ruleset's marked), and each
//! change with its reason.
//!
//! Built from the comparison as the JSON gives it. Nothing here computes a figure.

use std::fmt::Write;

use super::page::{Cell, Page, escape};
use crate::Rules;
use crate::analysis::compare::{Basis, Comparison, Outcome};

/// The page of `compare --format html`.
pub fn compare_page(rulesets: &[Rules], comparison: &Comparison) -> String {
    let title = format!("Comparison of {} rulesets", rulesets.len());
    let mut page = Page::new(&title);
    page.heading(1, &title);
    page.paragraph(match comparison.basis {
        Basis::Cases => {
            "Ratings from the cases, before professional discretion; judged standards as recorded."
        }
        Basis::Decisions => "Ratings with the recorded panel decisions each ruleset allows.",
    });
    let names: Vec<String> = rulesets
        .iter()
        .enumerate()
        .map(|(k, r)| {
            format!(
                "[{k}] {} version {} ({})",
                r.framework.name, r.framework.version, r.source.name
            )
        })
        .collect();
    for name in &names {
        page.note(name);
    }
    let s = &comparison.summary;
    page.paragraph(&format!(
        "{} inspection(s) compared: {} overall rating(s) changed ({} up, {} down), {} standard rating(s) changed, {} not rated.",
        s.inspections, s.overall_changed, s.overall_up, s.overall_down, s.standards_changed, s.not_rated
    ));

    page.heading(2, "Overall ratings: from the first ruleset to each other");
    for (k, later) in rulesets.iter().enumerate().skip(1) {
        page.heading(3, &format!("[0] → [{k}]"));
        let from_labels: Vec<&str> = rulesets[0].framework.scale.names();
        let to_labels: Vec<&str> = later.framework.scale.names();
        let count = |from: &str, to: &str| {
            s.overall_transitions
                .iter()
                .filter(|t| t.ruleset == k && t.from == from && t.to == to)
                .map(|t| t.count)
                .sum::<usize>()
        };
        let most = s
            .overall_transitions
            .iter()
            .filter(|t| t.ruleset == k)
            .map(|t| t.count)
            .max()
            .unwrap_or(0)
            .max(1);
        let corner = format!("[0] ↓  [{k}] →");
        page.markup(&transition_table(
            &corner,
            &from_labels,
            &to_labels,
            count,
            most,
        ));
    }

    page.heading(2, "Each inspection");
    for c in &comparison.inspections {
        page.heading(3, &c.provider);
        page.note(&format!("inspection: {}", c.source));
        let mut header = vec!["Item".to_string()];
        header.extend((0..rulesets.len()).map(|k| format!("[{k}]")));
        let mut items: Vec<String> = vec![];
        for outcome in &c.results {
            if let Outcome::Rated { standards, .. } = outcome {
                for st in standards {
                    if !items.contains(&st.id) {
                        items.push(st.id.clone());
                    }
                }
            }
        }
        items.push("overall".into());
        let rows: Vec<Vec<Cell>> = items
            .iter()
            .map(|item| {
                let mut row = vec![Cell::Text(item.clone())];
                for (k, outcome) in c.results.iter().enumerate() {
                    let changed =
                        k > 0 && c.changes.iter().any(|x| x.ruleset == k && x.item == *item);
                    let text = match outcome {
                        Outcome::Failed { .. } => "not rated".to_string(),
                        Outcome::Rated {
                            overall, standards, ..
                        } => {
                            if item == "overall" {
                                format!("{} ({} of {})", overall.rating, overall.score, overall.max)
                            } else {
                                standards
                                    .iter()
                                    .find(|st| st.id == *item)
                                    .map_or("–".to_string(), |st| {
                                        st.rating.clone().unwrap_or("not rated".into())
                                    })
                            }
                        }
                    };
                    row.push(if changed {
                        Cell::Changed(text)
                    } else {
                        Cell::Text(text)
                    });
                }
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        page.table(&header, &rows);
        for (k, outcome) in c.results.iter().enumerate() {
            if let Outcome::Failed { error } = outcome {
                page.note(&format!("Not rated under [{k}]: {error}"));
            }
        }
        for x in &c.changes {
            page.note(&format!(
                "[{}] {}: {} → {}: {}",
                x.ruleset,
                x.item,
                x.from.as_deref().unwrap_or("not rated"),
                x.to.as_deref().unwrap_or("not rated"),
                x.reason
            ));
        }
    }
    page.finish()
}

/// The transitions of one later ruleset as a table: a row per rating under the first, a
/// column per rating under the later, each count shaded by how many it holds.
fn transition_table(
    corner: &str,
    from: &[&str],
    to: &[&str],
    count: impl Fn(&str, &str) -> usize,
    most: usize,
) -> String {
    let mut out = format!("<table>\n<thead><tr><th>{}</th>", escape(corner));
    for t in to {
        let _ = write!(out, "<th>{}</th>", escape(t));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for f in from {
        let _ = write!(out, "<tr><th>{}</th>", escape(f));
        for t in to {
            let n = count(f, t);
            // Shaded from white to a dark blue by the share of the largest count; the count
            // is always written.
            let shade = (n as f64 / most as f64 * 0.8 * 255.0).round() as u8;
            let ink = if shade > 120 { "#fff" } else { "#111" };
            let _ = write!(
                out,
                "<td class=\"number\" style=\"background:rgba(0,114,178,{:.2});color:{ink}\">{n}</td>",
                f64::from(shade) / 255.0
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

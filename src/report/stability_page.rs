//! Report stage: the stability page (`stability --format html`). Per inspection: for the
//! overall rating and each standard rated from cases, a stacked bar of the share of resamples
//! in each rating, with the shares in a table; and for each such standard, its key questions'
//! percentages with their 80% intervals against the band edges.
//!
//! Built from the stability result as the JSON gives it. Nothing here computes a figure.

use super::page::{Cell, Page, Svg, colour};
use super::rating_page::{LEFT, WIDTH, band_backdrop, x_of};
use super::stability::percent as share_text;
use crate::Rules;
use crate::analysis::stability::{RatingShare, Stability};
use crate::framework::{Method, Scale};

/// The page of `stability --format html`.
pub fn stability_page(rules: &Rules, results: &[Stability]) -> String {
    let f = &rules.framework;
    let title = format!("Stability: {} version {}", f.name, f.version);
    let mut page = Page::new(&title);
    page.heading(1, &title);
    page.note(&format!("ruleset: {}", rules.source.name));
    for s in results {
        page.open_section("inspection");
        page.heading(2, &s.provider);
        page.note(&format!(
            "inspection: {}; {} resamples of each domain's cases (seed {}): how often each rating comes out",
            s.source, s.resamples, s.seed
        ));
        let mut rows: Vec<(String, Option<&str>, f64, &[RatingShare])> = vec![(
            "Overall".to_string(),
            Some(s.overall.rating.as_str()),
            s.overall.kept,
            &s.overall.ratings,
        )];
        for st in s.standards.iter().filter(|st| !st.ratings.is_empty()) {
            rows.push((
                format!("{} {}", st.id, st.name),
                st.rating.as_deref(),
                st.kept,
                &st.ratings,
            ));
        }
        page.chart(shares_chart(&f.scale, &rows));
        let mut header = vec!["", "Rating", "Kept"];
        header.extend(f.scale.labels.iter().map(|l| l.label.as_str()));
        let table: Vec<Vec<Cell>> = rows
            .iter()
            .map(|(name, rating, kept, shares)| {
                let mut row = vec![
                    Cell::Text(name.clone()),
                    Cell::Text(rating.unwrap_or("not rated").to_string()),
                    Cell::Number(share_text(*kept)),
                ];
                for label in &f.scale.labels {
                    let share = shares.iter().find(|r| r.rating == label.label);
                    row.push(Cell::Number(
                        share.map_or(String::new(), |r| share_text(r.share)),
                    ));
                }
                row
            })
            .collect();
        page.table(&header, &table);
        if s.unrated_resamples > 0 {
            page.note(&format!(
                "{} resample(s) left a standard unrated.",
                s.unrated_resamples
            ));
        }
        for st in s.standards.iter().filter(|st| !st.key_questions.is_empty()) {
            let Some(standard) = f.standard(&st.id) else {
                continue;
            };
            let Method::FromCases { bands, .. } = &standard.method else {
                continue;
            };
            let Some(set) = f.band_sets.get(*bands) else {
                continue;
            };
            page.heading(
                3,
                &format!(
                    "{} {}: key questions with their 80% intervals",
                    st.id, st.name
                ),
            );
            let top = 44.0;
            let row = 26.0;
            let bottom = top + row * st.key_questions.len() as f64;
            let mut svg = Svg::new(
                WIDTH,
                &format!(
                    "Key questions of standard {} with their 80% intervals",
                    st.id
                ),
                &st.key_questions
                    .iter()
                    .map(|q| match (q.percent, q.wilson_80) {
                        (Some(p), Some([lo, hi])) => {
                            format!("{} {p:.1}% (80% interval {lo:.1} to {hi:.1})", q.id)
                        }
                        _ => format!("{} no answers", q.id),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            band_backdrop(&mut svg, f, set, top, bottom);
            for (i, q) in st.key_questions.iter().enumerate() {
                let y = top + i as f64 * row + 11.0;
                svg.text((0.0, y + 4.0), "start", false, &q.id);
                let (Some(p), Some([lo, hi])) = (q.percent, q.wilson_80) else {
                    svg.text((LEFT + 4.0, y + 4.0), "start", false, "no answers");
                    continue;
                };
                svg.line((x_of(lo), y), (x_of(hi), y), false);
                svg.line((x_of(lo), y - 5.0), (x_of(lo), y + 5.0), false);
                svg.line((x_of(hi), y - 5.0), (x_of(hi), y + 5.0), false);
                svg.rect(
                    (x_of(p) - 4.0, y - 4.0, 8.0, 8.0),
                    "#111111",
                    &format!(
                        "{}: {p:.1}% ({} of {} yes), 80% interval {lo:.1} to {hi:.1}",
                        q.id, q.yes, q.sample
                    ),
                );
                svg.text(
                    (x_of(hi) + 6.0, y + 4.0),
                    "start",
                    false,
                    &format!("{p:.1}% ({lo:.1}–{hi:.1})"),
                );
            }
            svg.reach((bottom + 22.0) as u32);
            page.chart(svg);
        }
        page.close_section();
    }
    page.finish()
}

/// One stacked bar per row: the share of resamples in each rating, lowest first.
fn shares_chart(scale: &Scale, rows: &[(String, Option<&str>, f64, &[RatingShare])]) -> Svg {
    let row = 26.0;
    let mut svg = Svg::new(
        WIDTH,
        "The share of resamples in each rating",
        &rows
            .iter()
            .map(|(name, rating, kept, _)| {
                format!(
                    "{name}: {} kept in {}",
                    rating.unwrap_or("not rated"),
                    share_text(*kept)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    for (i, (name, rating, _, shares)) in rows.iter().enumerate() {
        let y = 8.0 + i as f64 * row;
        let short: String = name.chars().take(22).collect();
        svg.text((0.0, y + 13.0), "start", i == 0, &short);
        let mut at = 0.0;
        for share in shares.iter() {
            let width = share.share * 100.0;
            if width <= 0.0 {
                continue;
            }
            let fill = scale
                .find(&share.rating)
                .map_or("#999999", |r| colour(scale, r));
            let tip = format!("{name}: {} in {}", share.rating, share_text(share.share));
            svg.rect((x_of(at), y, x_of(at + width) - x_of(at), 18.0), fill, &tip);
            at += width;
        }
        svg.text(
            (x_of(100.0) + 6.0, y + 13.0),
            "start",
            false,
            rating.unwrap_or("not rated"),
        );
    }
    svg.reach((8.0 + rows.len() as f64 * row + 4.0) as u32);
    svg
}

//! Report stage: the ratings page (`rate --format html`, and `explain --format html`, which
//! adds how each rating was reached). Per inspection: the overall rating and score on its
//! band scale; a table of every standard's rating; and for each standard rated from cases, a
//! chart of its key questions' percentages over the band edges (the deciding key question
//! marked, n shown), with its margin and discretion in words.
//!
//! Built from the JSON contract's form of each rating, so the page holds the figures the JSON
//! gives. Nothing here computes a figure.

use super::json::rating::{Inspection, Standard};
use super::page::{Cell, Page, Svg, colour};
use crate::Rules;
use crate::framework::{Banding, Framework};
use crate::rate::InspectionResult;

/// The page of `rate --format html`; with `explained`, `explain --format html`'s.
pub fn rating_page(rules: &Rules, results: &[InspectionResult], explained: bool) -> String {
    let f = &rules.framework;
    let title = if explained {
        "How each rating was reached"
    } else {
        "Ratings"
    };
    let mut page = Page::new(&format!("{title}: {} version {}", f.name, f.version));
    page.heading(1, &format!("{title}: {} version {}", f.name, f.version));
    page.note(&format!("ruleset: {}", rules.source.name));
    for result in results {
        let rated = Inspection::of(rules, result);
        page.open_section("inspection");
        page.heading(2, rated.provider);
        page.note(&format!(
            "inspection: {} (cases: {})",
            rated.source, rated.cases
        ));
        let o = &result.overall;
        page.rating_line(
            "Overall:",
            &f.scale,
            o.rating,
            &format!(" score {} of {}", o.score, o.max),
        );
        page.chart(overall_scale(f, result));
        if rated.overall.banded_rating.is_some() && o.banded_rating != o.rating {
            page.note(&format!(
                "The score's band gives {}; a limiter lowers it to {}.",
                f.scale.label(o.banded_rating),
                f.scale.label(o.rating)
            ));
        }
        standards_table(&mut page, rules, result, &rated);
        for (s, standard) in result.standards.iter().zip(&rated.standards) {
            if standard.key_questions.is_empty() {
                continue;
            }
            page.heading(3, &format!("{} {}", standard.id, standard.name));
            match s.rating {
                Some(rating) => page.rating_line("Rating:", &f.scale, rating, ""),
                None => page.paragraph("Not rated."),
            }
            if let Some(chart) = questions_chart(f, s, standard) {
                page.chart(chart);
            }
            for line in standard_words(standard) {
                page.note(&line);
            }
        }
        if explained {
            page.heading(3, "How each rating was reached");
            for line in super::explain::explanation(rules, result, None).lines() {
                if !line.trim().is_empty() {
                    page.note(line.trim());
                }
            }
        }
        page.close_section();
    }
    page.finish()
}

fn standards_table(page: &mut Page, rules: &Rules, result: &InspectionResult, rated: &Inspection) {
    let f = &rules.framework;
    let mut rows = vec![];
    for (s, standard) in result.standards.iter().zip(&rated.standards) {
        let deciding = standard
            .aggregation
            .as_ref()
            .map_or("judged".to_string(), |a| a.summary.clone());
        let margin = standard.margin.as_ref().map_or(String::new(), |m| {
            let way = |n: Option<u32>| n.map_or("–".to_string(), |n| n.to_string());
            format!("up {} / down {}", way(m.up), way(m.down))
        });
        let discretion = standard.discretion.applied.as_ref().map_or(
            if standard.discretion.eligible {
                "may be moved".to_string()
            } else {
                String::new()
            },
            |a| format!("moved from {} to {}", a.from, a.to),
        );
        rows.push(vec![
            Cell::Text(format!("{} {}", standard.id, standard.name)),
            Cell::rating(&f.scale, s.rating),
            Cell::Text(deciding),
            Cell::Text(margin),
            Cell::Text(discretion),
        ]);
    }
    page.table(
        &[
            "Standard",
            "Rating",
            "Lowest key question",
            "Margin (answers)",
            "Discretion",
        ],
        &rows,
    );
}

/// The margin and discretion of a standard, in words.
fn standard_words(standard: &Standard) -> Vec<String> {
    let mut lines = vec![];
    if let Some(m) = &standard.margin {
        let up = match (m.up, m.up_to) {
            (Some(n), Some(to)) => format!("{n} answer(s) from yes would rate it {to}"),
            _ => "it is at the top of the scale".to_string(),
        };
        let down = match (m.down, m.down_to) {
            (Some(n), Some(to)) => format!("{n} answer(s) from no would rate it {to}"),
            _ => "it is at the bottom of the scale".to_string(),
        };
        lines.push(format!("Margin: {up}; {down}."));
    }
    for reason in &standard.discretion.reasons {
        lines.push(format!("Discretion may apply: {reason}."));
    }
    if let Some(a) = &standard.discretion.applied {
        lines.push(format!(
            "The panel moved it from {} to {}: {}",
            a.from, a.to, a.reason
        ));
    }
    if let Some(why) = &standard.unrated_because {
        lines.push(format!("Not rated: {why}"));
    }
    lines
}

/// A chart's width, and the room left of its bars (for the labels) and right of them (for
/// the figures).
pub(super) const WIDTH: u32 = 820;
pub(super) const LEFT: f64 = 150.0;
pub(super) const RIGHT: f64 = 190.0;

/// Where a percentage stands across a chart.
pub(super) fn x_of(percent: f64) -> f64 {
    LEFT + percent / 100.0 * (f64::from(WIDTH) - LEFT - RIGHT)
}

/// A band set's bands, lightly shaded behind a chart's bars from `top` to `bottom`, each
/// edge drawn and labelled with its percentage, each band's rating written above it.
pub(super) fn band_backdrop(
    svg: &mut Svg,
    f: &Framework,
    set: &crate::framework::BandSet,
    top: f64,
    bottom: f64,
) {
    for (b, band) in set.bands.iter().enumerate() {
        // A band reaches the next one's lower edge: `50 to 64` ends where 65 begins.
        let end = band.upper.at + u32::from(band.upper.inclusive);
        let (from, to) = (f64::from(band.lower.at), f64::from(end).min(100.0));
        svg.rect(
            (
                x_of(from),
                top - 4.0,
                x_of(to) - x_of(from),
                bottom - top + 4.0,
            ),
            &format!("{}33", colour(&f.scale, band.rating)),
            &format!("{} {}", band.range_text(), f.scale.label(band.rating)),
        );
        // Labels on two rows, so that those of narrow bands do not run into each other.
        let label_y = if b % 2 == 0 { top - 24.0 } else { top - 10.0 };
        svg.text(
            (x_of((from + to) / 2.0), label_y),
            "middle",
            false,
            f.scale.label(band.rating),
        );
        if band.lower.at > 0 {
            svg.line((x_of(from), top - 4.0), (x_of(from), bottom), true);
            svg.text(
                (x_of(from), bottom + 14.0),
                "middle",
                false,
                &band.lower.at.to_string(),
            );
        }
    }
}

/// The overall score on the overall band scale: each band a coloured stretch with its rating,
/// the score marked.
fn overall_scale(f: &Framework, result: &InspectionResult) -> Svg {
    let o = &result.overall;
    let mut svg = Svg::new(
        WIDTH,
        "The overall score on the overall bands",
        &format!(
            "Score {} of {}, in the band rated {}",
            o.score,
            o.max,
            f.scale.label(o.banded_rating)
        ),
    );
    let span = f64::from(WIDTH) - LEFT - RIGHT;
    let (stretches, at): (Vec<(f64, f64, crate::framework::Rating)>, f64) = match &f.overall.banding
    {
        Banding::Scores(bands) => {
            let top = f64::from(o.max.max(1)) + 1.0;
            (
                bands
                    .iter()
                    .map(|b| {
                        (
                            f64::from(b.from) / top,
                            (f64::from(b.to) + 1.0) / top,
                            b.rating,
                        )
                    })
                    .collect(),
                (f64::from(o.score) + 0.5) / top,
            )
        }
        Banding::PercentOfMaximum(bands) => (
            bands
                .iter()
                .map(|b| {
                    (
                        f64::from(b.lower.at) / 100.0,
                        f64::from(b.upper.at) / 100.0,
                        b.rating,
                    )
                })
                .collect(),
            f64::from(o.score) / f64::from(o.max.max(1)),
        ),
    };
    svg.text((0.0, 28.0), "start", true, "Overall");
    for (from, to, rating) in &stretches {
        let x = LEFT + from * span;
        let w = (to - from) * span;
        let label = f.scale.label(*rating);
        svg.rect((x, 12.0, w, 24.0), colour(&f.scale, *rating), label);
        svg.text((x + w / 2.0, 50.0), "middle", false, label);
    }
    let x = LEFT + at * span;
    svg.line((x, 6.0), (x, 40.0), false);
    svg.text(
        (x, 4.0 + 60.0),
        "middle",
        true,
        &format!("score {}", o.score),
    );
    svg.reach(70);
    svg
}

/// A standard's key questions: each percentage a bar over the band edges, the deciding key
/// question marked, n shown.
fn questions_chart(
    f: &Framework,
    s: &crate::rate::StandardResult,
    standard: &Standard,
) -> Option<Svg> {
    let set = f.band_sets.get(s.band_set?)?;
    let rows = standard.key_questions.len() as f64;
    let row_height = 26.0;
    let top = 44.0;
    let mut svg = Svg::new(
        WIDTH,
        &format!("Key questions of standard {}", standard.id),
        &format!(
            "Each key question's percentage over the bands of {}: {}",
            set.name,
            standard
                .key_questions
                .iter()
                .map(|q| format!(
                    "{} {}",
                    q.id,
                    q.shown_percent
                        .map_or("no percentage".to_string(), |p| format!("{p}%"))
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    let bottom = top + rows * row_height;
    band_backdrop(&mut svg, f, set, top, bottom);
    for (i, q) in standard.key_questions.iter().enumerate() {
        let y = top + i as f64 * row_height;
        let deciding = standard.deciding.contains(&q.id);
        let label = format!("{}{}", q.id, if deciding { " (deciding)" } else { "" });
        svg.text((0.0, y + 15.0), "start", deciding, &label);
        let Some(percent) = q.percent else {
            svg.text(
                (LEFT + 4.0, y + 15.0),
                "start",
                false,
                "no answers in the sample",
            );
            continue;
        };
        let fill = q
            .rating
            .and_then(|r| f.scale.find(r))
            .map_or("#999999", |r| colour(&f.scale, r));
        let tip = format!(
            "{}: {} of {} yes = {}%",
            q.id,
            q.yes,
            q.sample,
            q.shown_percent.unwrap_or_default()
        );
        svg.rect((LEFT, y + 4.0, x_of(percent) - LEFT, 14.0), fill, &tip);
        svg.text(
            (x_of(percent) + 4.0, y + 15.0),
            "start",
            deciding,
            &format!("{}% (n={})", q.shown_percent.unwrap_or_default(), q.sample),
        );
    }
    svg.reach((bottom + 22.0) as u32);
    Some(svg)
}

//! `rate --format xlsx`: the ratings per inspection and standard, the key questions with n,
//! yes, percentage and band, the prompts, and the overall rating, each a sheet, built from the
//! JSON contract's form of each rating ([`crate::report::json::rating`]).

use super::about;
use crate::Rules;
use crate::rate::InspectionResult;
use crate::report::json::rating::{Direction, Inspection};
use crate::report::workbook::{Cell, Sheet};

/// The sheets of `rate --format xlsx`.
pub fn rating_sheets(rules: &Rules, results: &[InspectionResult]) -> Vec<Sheet> {
    let rated: Vec<Inspection> = results.iter().map(|r| Inspection::of(rules, r)).collect();
    let mut ratings = Sheet::new(
        "Ratings",
        &[
            "inspection",
            "provider",
            "domain",
            "standard",
            "title",
            "rated from",
            "rating",
            "score",
            "rating before discretion",
            "deciding key question",
            "percentage",
            "shown %",
            "margin up",
            "margin down",
            "discretion",
            "discretion reason",
            "not rated because",
        ],
    );
    let mut questions = Sheet::new(
        "Key questions",
        &[
            "inspection",
            "provider",
            "standard",
            "key question",
            "text",
            "n",
            "yes",
            "no",
            "n/a",
            "percentage",
            "shown %",
            "band",
            "band range",
            "rating",
        ],
    );
    let mut prompts = Sheet::new(
        "Prompts",
        &[
            "inspection",
            "provider",
            "standard",
            "key question",
            "prompt",
            "text",
            "yes",
            "no",
            "n/a",
            "not answered",
            "percentage",
            "shown %",
        ],
    );
    let mut overall = Sheet::new(
        "Overall",
        &[
            "inspection",
            "provider",
            "rating",
            "score",
            "max",
            "band range",
            "rating before limiters",
        ],
    );
    let text = |t: &str| Cell::Text(t.to_string());
    for inspection in &rated {
        let head = [text(inspection.source), text(inspection.provider)];
        for s in &inspection.standards {
            let applied = s.discretion.applied.as_ref();
            let mut row = head.to_vec();
            row.extend([
                text(s.domain),
                text(s.id),
                text(s.name),
                text(match s.rated_from {
                    crate::report::json::rating::RatedFrom::Cases => "cases",
                    crate::report::json::rating::RatedFrom::Judged => "judged",
                }),
                Cell::text(s.rating),
                Cell::whole(s.score),
                Cell::text(s.base_rating),
                Cell::Text(s.deciding.join(", ")),
                Cell::percent(s.aggregation.as_ref().map(|a| a.percent)),
                s.aggregation
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::WholePercent(a.shown_percent)),
                Cell::whole(s.margin.as_ref().and_then(|m| m.up)),
                Cell::whole(s.margin.as_ref().and_then(|m| m.down)),
                Cell::text(applied.map(|a| {
                    let way = match a.direction {
                        Direction::Up => "up",
                        Direction::Down => "down",
                    };
                    format!("moved {way} from {} to {}", a.from, a.to)
                })),
                Cell::text(applied.map(|a| a.reason)),
                Cell::text(s.unrated_because.as_deref()),
            ]);
            ratings.rows.push(row);
            for q in &s.key_questions {
                let mut row = head.to_vec();
                row.extend([
                    text(s.id),
                    text(q.id),
                    text(q.text),
                    Cell::Whole(q.sample.into()),
                    Cell::Whole(q.yes.into()),
                    Cell::Whole(q.no.into()),
                    Cell::Whole(q.not_applicable.into()),
                    Cell::percent(q.percent),
                    q.shown_percent.map_or(Cell::Empty, Cell::WholePercent),
                    Cell::text(q.band),
                    Cell::text(q.band_range.as_deref()),
                    Cell::text(q.rating),
                ]);
                questions.rows.push(row);
                for p in &q.prompts {
                    let mut row = head.to_vec();
                    row.extend([
                        text(s.id),
                        text(q.id),
                        text(p.id),
                        text(p.text),
                        Cell::Whole(p.yes.into()),
                        Cell::Whole(p.no.into()),
                        Cell::Whole(p.not_applicable.into()),
                        Cell::Whole(p.not_answered.into()),
                        Cell::percent(p.percent),
                        p.shown_percent.map_or(Cell::Empty, Cell::WholePercent),
                    ]);
                    prompts.rows.push(row);
                }
            }
        }
        let o = &inspection.overall;
        let mut row = head.to_vec();
        row.extend([
            text(&o.rating),
            Cell::Whole(o.score.into()),
            Cell::Whole(o.max.into()),
            text(&o.band_range),
            Cell::text(o.banded_rating.as_deref()),
        ]);
        overall.rows.push(row);
    }
    let about = about(
        &[rules],
        "rate",
        &[
            (
                "Ratings",
                "each standard of each inspection: its rating, score, the key question that decides it, its margin in answers and any discretion",
            ),
            (
                "Key questions",
                "each key question: answered cases (n), yes, no, n/a, the exact percentage, the percentage as banded, its band and rating",
            ),
            (
                "Prompts",
                "each prompt: yes, no, n/a, left blank, and the percentage",
            ),
            ("Overall", "each inspection's overall rating and score"),
        ],
    );
    vec![ratings, questions, prompts, overall, about]
}

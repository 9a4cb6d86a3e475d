//! Rate stage: checked framework + checked inspection → [`InspectionResult`].
//!
//! Pure functions: samples and tallies ([`sample`]), percentages and bands ([`percent`]),
//! standards ([`standard`]), discretion ([`discretion`]) and the overall rating (`overall`).
//! A panel decision the rules do not allow is refused with a diagnostic; no result is given.
//!
//! The result is typed data ([`result`]). Nothing under `rate/` writes a sentence (the
//! diagnostics in [`error`] quote `report::words`, as every output does), touches a file, or
//! is serialisable (`report::json` holds the contract's counterparts).

pub mod aggregate;
pub mod discretion;
pub mod error;
pub mod margin;
mod overall;
pub mod percent;
pub mod result;
pub mod sample;
pub mod standard;

use std::collections::HashMap;

use rayon::prelude::*;

pub use error::RatingError;
pub(crate) use overall::rating_only as overall_rating;
pub use result::*;

use crate::diagnostic::Problems;
use crate::framework::{
    Aggregation, BandSet, Direction, Framework, KeyQuestion, Method, Rating, Standard,
};
use crate::inspection::{Decision, Inspection};
use aggregate::Banded;
use percent::Percent;

/// How one standard came out, before it is written into its [`StandardResult`].
struct Outcome {
    base: Option<Rating>,
    rating: Option<Rating>,
    key_questions: Vec<QuestionResult>,
    deciding: Vec<usize>,
    aggregation: Option<AggregationResult>,
    band_set: Option<usize>,
    margin: Option<MarginResult>,
    judged_at: Option<usize>,
    discretion: DiscretionResult,
    unrated: Option<Unrated>,
    refused: Option<RatingError>,
}

impl Outcome {
    fn unmoved(base: Option<Rating>) -> Outcome {
        Outcome {
            base,
            rating: base,
            key_questions: vec![],
            deciding: vec![],
            aggregation: None,
            band_set: None,
            margin: None,
            judged_at: None,
            discretion: DiscretionResult::not_eligible(),
            unrated: None,
            refused: None,
        }
    }
}

/// Rate an inspection under a framework: every standard, discretion as recorded, and the
/// overall rating; every refused decision as a problem, and no result then.
pub fn rate(framework: &Framework, inspection: &Inspection) -> Result<InspectionResult, Problems> {
    let mut problems = Problems::new();
    let (result, refused) = rate_refusing(framework, inspection, &mut problems);
    if !refused.is_empty() {
        // Refusals are said before any problem of the overall rating, as found.
        let mut all = Problems::new();
        for refusal in refused {
            all.push_in(refusal.problem, &inspection.source);
        }
        all.extend(problems);
        return Err(all);
    }
    result.ok_or(problems)
}

/// A recorded panel decision the rules refuse, and why.
#[derive(Debug)]
pub struct Refusal {
    /// The standard the decision moves.
    pub standard: String,
    /// The rating the panel gave.
    pub to: Rating,
    /// Where the decision stands in the inspection file.
    pub at: miette::SourceSpan,
    /// Why the rules refuse it.
    pub problem: RatingError,
}

/// Rate an inspection as [`rate`] does, except that a decision the rules refuse is left
/// unapplied (its standard keeps the rating the cases give) and returned beside the result,
/// for `ratebook test` to report as a failing figure. Other problems still give no result.
pub fn rate_keeping_refusals(
    framework: &Framework,
    inspection: &Inspection,
) -> Result<(InspectionResult, Vec<Refusal>), Problems> {
    let mut problems = Problems::new();
    let (result, refused) = rate_refusing(framework, inspection, &mut problems);
    match result {
        Some(result) => Ok((result, refused)),
        None => Err(problems),
    }
}

/// Every standard and the overall rating, with each refused decision left unapplied and
/// returned, in the order found; `None` where the overall rating has problems (in `problems`).
fn rate_refusing(
    framework: &Framework,
    inspection: &Inspection,
    problems: &mut Problems,
) -> (Option<InspectionResult>, Vec<Refusal>) {
    let scale = &framework.scale;
    let mut refused = vec![];

    // One decision per standard; every repeat is refused.
    let mut decisions: HashMap<&str, &Decision> = HashMap::new();
    for decision in &inspection.decisions {
        if let Some(first) = decisions.get(decision.standard.as_str()) {
            refused.push(Refusal {
                standard: decision.standard.clone(),
                to: decision.rating,
                at: decision.at,
                problem: RatingError::RepeatedDecision {
                    standard: decision.standard.clone(),
                    at: decision.at,
                    first: first.at,
                },
            });
        } else {
            decisions.insert(decision.standard.as_str(), decision);
        }
    }

    let mut standards = vec![];
    // Each standard's final rating on the scale, beside its result, for the overall score.
    let mut ratings = vec![];
    // Every key question of a domain counted in one pass over its cases; the domains on
    // every core at once.
    let tallies: Vec<_> = framework
        .domains
        .par_iter()
        .map(|domain| sample::tally_domain(&framework.fields, domain, &inspection.cases))
        .collect();
    let counted = framework
        .domains
        .iter()
        .zip(tallies)
        .flat_map(|(domain, tallies)| {
            domain
                .standards
                .iter()
                .zip(tallies)
                .map(move |(standard, tallies)| (domain, standard, tallies))
        });
    for (domain, standard, tallies) in counted {
        let decision = decisions.get(standard.id.as_str()).copied();
        let outcome = match &standard.method {
            Method::Judged { .. } => judged(standard, inspection, decision),
            Method::FromCases {
                rule,
                bands,
                questions,
            } => {
                let case_based = CaseBased {
                    rule: *rule,
                    band_set: *bands,
                    questions,
                    tallies,
                };
                from_cases(framework, case_based, decision)
            }
        };
        if let (Some(problem), Some(decision)) = (outcome.refused, decision) {
            refused.push(Refusal {
                standard: decision.standard.clone(),
                to: decision.rating,
                at: decision.at,
                problem,
            });
        }
        ratings.push(outcome.rating);
        standards.push(StandardResult {
            id: standard.id.clone(),
            name: standard.title.clone(),
            domain: domain.id.clone(),
            rated_from: if standard.is_judged() {
                RatedFrom::Judged
            } else {
                RatedFrom::Cases
            },
            own_sample: standard.sample_text.clone(),
            scored: standard.scored,
            weight: standard.weight,
            rating: outcome.rating,
            score: outcome.rating.map(|r| scale.score(r)),
            base_rating: outcome.base,
            key_questions: outcome.key_questions,
            deciding: outcome.deciding,
            aggregation: outcome.aggregation,
            band_set: outcome.band_set,
            margin: outcome.margin,
            judged_at: outcome.judged_at,
            discretion: outcome.discretion,
            unrated: outcome.unrated,
        });
    }

    let overall = overall::overall(framework, &standards, &ratings, problems);
    let result = match overall {
        Some(overall) if !problems.has_errors() => Some(InspectionResult {
            provider: inspection.provider.clone(),
            source: inspection.source.name.clone(),
            cases: inspection.cases_path.display().to_string(),
            standards,
            overall,
        }),
        _ => None,
    };
    (result, refused)
}

/// A judged standard takes the inspection's judgement; discretion does not apply to it.
fn judged(standard: &Standard, inspection: &Inspection, decision: Option<&Decision>) -> Outcome {
    let judgement = inspection.judged.get(&standard.id);
    let mut outcome = Outcome::unmoved(judgement.map(|j| j.rating));
    match judgement {
        Some(j) => outcome.judged_at = Some(j.line),
        None => outcome.unrated = Some(Unrated::NoJudgement),
    }
    outcome.refused = decision.map(|d| RatingError::DiscretionOnJudged {
        standard: standard.id.clone(),
        at: d.at,
    });
    outcome
}

/// What rates a case-based standard: its aggregation rule, band set (a position in the
/// framework's) and key questions, with each question's tally over the cases.
struct CaseBased<'a> {
    rule: Aggregation,
    band_set: usize,
    questions: &'a [KeyQuestion],
    tallies: Vec<sample::QuestionTally>,
}

/// A case-based standard: its key questions, the value its rule bands, discretion and any
/// decision.
fn from_cases(framework: &Framework, standard: CaseBased, decision: Option<&Decision>) -> Outcome {
    let scale = &framework.scale;
    let CaseBased {
        rule,
        band_set,
        questions,
        tallies,
    } = standard;
    let set = &framework.band_sets[band_set];
    let mut key_questions = vec![];
    // The answered key questions: each one's position and percentage.
    let mut answered = vec![];
    for (i, (q, tally)) in questions.iter().zip(tallies).enumerate() {
        let (result, percent) = standard::question(q, tally, set);
        if let Some(p) = percent {
            answered.push((i, p));
        }
        key_questions.push(result);
    }
    let percents: Vec<Percent> = answered.iter().map(|(_, p)| *p).collect();
    let banded = aggregate::banded(rule, set, &percents);
    let mut outcome = Outcome::unmoved(banded.as_ref().map(|b| b.rating));
    outcome.band_set = Some(band_set);
    outcome.margin = outcome.base.map(|base| {
        let m = margin::margin(rule, set, scale, &percents, base);
        MarginResult {
            up: m.up,
            down: m.down,
            up_to: scale.step(base, Direction::Up),
            down_to: scale.step(base, Direction::Down),
        }
    });
    if let Some(b) = &banded {
        outcome.deciding = b.from.iter().map(|&i| answered[i].0).collect();
        outcome.aggregation = Some(aggregation_result(rule, band_set, set, b, &answered));
    }
    match (outcome.base, &framework.discretion, &outcome.aggregation) {
        (Some(base), Some(rules), Some(aggregation)) => {
            let e = discretion::eligibility(rules, scale, set, rule, &answered, base);
            outcome.discretion = DiscretionResult {
                eligible: e.eligible(),
                directions: e.directions(),
                held: e.held.clone(),
                not_met: e.not_met.clone(),
                applied: None,
            };
            let words = crate::report::words::Triggers {
                scale,
                rule,
                value: aggregation.value,
                from: &aggregation.from,
                ids: questions.iter().map(|q| q.id.as_str()).collect(),
            };
            match decision.map(|d| (d, discretion::decide(d, &e, base, rules, &words))) {
                Some((d, Ok(to))) => {
                    outcome.rating = Some(to);
                    outcome.discretion.applied = Some(Applied {
                        direction: if to > base {
                            Direction::Up
                        } else {
                            Direction::Down
                        },
                        from: base,
                        to,
                        reason: d.reason.clone(),
                    });
                }
                Some((_, Err(refused))) => outcome.refused = Some(refused),
                None => {}
            }
        }
        (Some(_), None, _) => {
            outcome.refused = decision.map(|d| RatingError::NoDiscretionRules {
                standard: d.standard.clone(),
                at: d.at,
            });
        }
        _ => {
            let cases = key_questions.first().map_or(0, |q| q.domain_cases);
            outcome.unrated = Some(Unrated::NoAnsweredCase {
                domain_cases: cases,
            });
            outcome.refused = decision.map(|d| RatingError::DecisionOnUnrated {
                standard: d.standard.clone(),
                at: d.at,
            });
        }
    }
    outcome.key_questions = key_questions;
    outcome
}

/// The banded value and what it rests on.
fn aggregation_result(
    rule: Aggregation,
    band_set: usize,
    set: &BandSet,
    banded: &Banded,
    answered: &[(usize, Percent)],
) -> AggregationResult {
    AggregationResult {
        rule,
        exact: banded.exact,
        value: banded.value,
        shown_percent: banded.exact.rounded(set.rounding),
        band_set,
        from: banded.from.iter().map(|&i| answered[i].0).collect(),
    }
}

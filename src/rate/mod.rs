//! Rate stage: checked framework + checked inspection → [`InspectionResult`].
//!
//! Pure functions: samples and tallies ([`sample`]), percentages and bands ([`percent`]),
//! standards ([`standard`]), discretion ([`discretion`]) and the overall rating ([`overall`]).
//! A panel decision the rules do not allow is refused with a diagnostic; no result is given.

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
    Aggregation, BandSet, Direction, Domain, Framework, KeyQuestion, Method, Rating, Standard,
};
use crate::inspection::{Decision, Inspection};
use aggregate::Banded;
use percent::Percent;

/// How one standard came out, before it is written into its [`StandardResult`].
struct Outcome {
    base: Option<Rating>,
    rating: Option<Rating>,
    key_questions: Vec<QuestionResult>,
    deciding: Vec<String>,
    aggregation: Option<AggregationResult>,
    banded_by: Option<String>,
    margin: Option<MarginResult>,
    judged_in: Option<String>,
    discretion: DiscretionResult,
    unrated_because: Option<String>,
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
            banded_by: None,
            margin: None,
            judged_in: None,
            discretion: DiscretionResult::not_eligible(),
            unrated_because: None,
            refused: None,
        }
    }
}

pub fn rate(framework: &Framework, inspection: &Inspection) -> Result<InspectionResult, Problems> {
    let mut problems = Problems::new();
    let scale = &framework.scale;
    let label = |r: Rating| scale.label(r).to_string();

    // One decision per standard; every repeat is refused.
    let mut decisions = HashMap::new();
    for decision in &inspection.decisions {
        if let Some(first) = decisions.insert(decision.standard.as_str(), decision) {
            let repeat = RatingError::RepeatedDecision {
                standard: decision.standard.clone(),
                at: decision.at,
                first: first.at,
            };
            problems.push_in(repeat, &inspection.source);
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
                let set = &framework.band_sets[*bands];
                let case_based = CaseBased {
                    domain,
                    rule: *rule,
                    set,
                    questions,
                    tallies,
                };
                from_cases(framework, case_based, decision)
            }
        };
        if let Some(refused) = outcome.refused {
            problems.push_in(refused, &inspection.source);
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
            rating: outcome.rating.map(label),
            score: outcome.rating.map(|r| scale.score(r)),
            base_rating: outcome.base.map(label),
            key_questions: outcome.key_questions,
            deciding: outcome.deciding,
            aggregation: outcome.aggregation,
            banded_by: outcome.banded_by,
            margin: outcome.margin,
            judged_in: outcome.judged_in,
            discretion: outcome.discretion,
            unrated_because: outcome.unrated_because,
        });
    }

    let overall = overall::overall(framework, &standards, &ratings, &mut problems);
    match overall {
        Some(overall) if !problems.has_errors() => Ok(InspectionResult {
            provider: inspection.provider.clone(),
            source: inspection.source.name.clone(),
            cases: inspection.cases_path.display().to_string(),
            standards,
            overall,
        }),
        _ => Err(problems),
    }
}

/// A judged standard takes the inspection's judgement; discretion does not apply to it.
fn judged(standard: &Standard, inspection: &Inspection, decision: Option<&Decision>) -> Outcome {
    let judgement = inspection.judged.get(&standard.id);
    let mut outcome = Outcome::unmoved(judgement.map(|j| j.rating));
    match judgement {
        Some(j) => outcome.judged_in = Some(format!("{} line {}", inspection.source.name, j.line)),
        None => outcome.unrated_because = Some("the inspection gives no judgement for it".into()),
    }
    outcome.refused = decision.map(|d| RatingError::DiscretionOnJudged {
        standard: standard.id.clone(),
        at: d.at,
    });
    outcome
}

/// What rates a case-based standard: its domain, its aggregation rule, band set and key
/// questions, with each question's tally over the cases.
struct CaseBased<'a> {
    domain: &'a Domain,
    rule: Aggregation,
    set: &'a BandSet,
    questions: &'a [KeyQuestion],
    tallies: Vec<sample::QuestionTally>,
}

/// A case-based standard: its key questions, the value its rule bands, discretion and any
/// decision.
fn from_cases(framework: &Framework, standard: CaseBased, decision: Option<&Decision>) -> Outcome {
    let scale = &framework.scale;
    let CaseBased {
        domain,
        rule,
        set,
        questions,
        tallies,
    } = standard;
    let mut key_questions = vec![];
    let mut answered = vec![];
    for (q, tally) in questions.iter().zip(tallies) {
        let (result, percent) = standard::question(q, tally, (set, scale));
        if let Some(p) = percent {
            answered.push((q.id.as_str(), p));
        }
        key_questions.push(result);
    }
    let percents: Vec<Percent> = answered.iter().map(|(_, p)| *p).collect();
    let banded = aggregate::banded(rule, set, &percents);
    let mut outcome = Outcome::unmoved(banded.as_ref().map(|b| b.rating));
    outcome.banded_by = Some(banded_by(set));
    outcome.margin = outcome.base.map(|base| {
        let m = margin::margin(rule, set, scale, &percents, base);
        let label_of = |direction| {
            scale
                .step(base, direction)
                .map(|r| scale.label(r).to_string())
        };
        MarginResult {
            up: m.up,
            down: m.down,
            up_to: label_of(Direction::Up),
            down_to: label_of(Direction::Down),
        }
    });
    if let Some(b) = &banded {
        outcome.deciding = b.from.iter().map(|&i| answered[i].0.to_string()).collect();
        outcome.aggregation = Some(aggregation_result(rule, set, b, &answered));
    }
    match (outcome.base, &framework.discretion) {
        (None, _) => {
            let cases = key_questions.first().map_or(0, |q| q.domain_cases);
            outcome.unrated_because = Some(format!(
                "no key question has an answered case among {cases} {} cases",
                domain.title
            ));
            outcome.refused = decision.map(|d| RatingError::DecisionOnUnrated {
                standard: d.standard.clone(),
                at: d.at,
            });
        }
        (Some(_), None) => {
            outcome.refused = decision.map(|d| RatingError::NoDiscretionRules {
                standard: d.standard.clone(),
                at: d.at,
            });
        }
        (Some(base), Some(rules)) => {
            let e = discretion::eligibility(rules, scale, set, rule, &answered, base);
            outcome.discretion = DiscretionResult {
                eligible: e.eligible(),
                directions: e.directions(),
                reasons: e.reasons.clone(),
                not_met: e.not_met.clone(),
                applied: None,
            };
            match decision.map(|d| (d, discretion::decide(d, &e, base, rules, scale))) {
                Some((d, Ok(to))) => {
                    outcome.rating = Some(to);
                    outcome.discretion.applied = Some(Applied {
                        direction: if to > base {
                            Direction::Up
                        } else {
                            Direction::Down
                        },
                        from: scale.label(base).to_string(),
                        to: scale.label(to).to_string(),
                        reason: d.reason.clone(),
                    });
                }
                Some((_, Err(refused))) => outcome.refused = Some(refused),
                None => {}
            }
        }
    }
    outcome.key_questions = key_questions;
    outcome
}

/// The banded value in words and numbers: "2.2.3 42%", "mean of 3 key questions 66%",
/// "pooled answers 45 of 60 = 75%".
fn aggregation_result(
    rule: Aggregation,
    set: &BandSet,
    banded: &Banded,
    answered: &[(&str, Percent)],
) -> AggregationResult {
    let shown = banded.exact.rounded(set.rounding);
    let value = banded.value.text();
    let summary = match rule {
        Aggregation::LowestQuestion => {
            let ids: Vec<&str> = banded.from.iter().map(|&i| answered[i].0).collect();
            format!("{} {value}", ids.join(" and "))
        }
        Aggregation::MeanOfQuestions => {
            format!("mean of {} key questions {value}", answered.len())
        }
        Aggregation::PooledAnswers => {
            let yes: u32 = answered.iter().map(|(_, p)| p.yes).sum();
            let all: u32 = answered.iter().map(|(_, p)| p.answered).sum();
            format!("pooled answers {yes} of {all} = {value}")
        }
    };
    AggregationResult {
        rule: rule.words().to_string(),
        percent: banded.exact.to_f64(),
        shown_percent: shown,
        band_set: set.name.clone(),
        summary,
    }
}

/// The band set and how it rounds, in words: "case sufficiency (percent rounded half up to whole)".
fn banded_by(set: &BandSet) -> String {
    let rounding = match set.rounding {
        crate::framework::Rounding::HalfUp => "half up",
        crate::framework::Rounding::HalfEven => "half even",
        crate::framework::Rounding::Down => "down",
    };
    let on = if set.banded_on_exact {
        "; bands apply to the exact percentage"
    } else {
        ""
    };
    format!(
        "{} (percent rounded {rounding} to whole{on})",
        set.title.as_deref().unwrap_or(&set.name)
    )
}

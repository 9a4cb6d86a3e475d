//! Rate stage: checked framework + checked inspection → [`InspectionResult`].
//!
//! Pure functions: samples and tallies ([`sample`]), percentages and bands ([`percent`]),
//! standards ([`standard`]), discretion ([`discretion`]) and the overall rating ([`overall`]).
//! A panel decision the rules do not allow is refused with a diagnostic; no result is given.

pub mod discretion;
pub mod error;
mod overall;
pub mod percent;
pub mod result;
pub mod sample;
pub mod standard;

use std::collections::HashMap;

pub use error::RatingError;
pub use result::*;

use crate::diagnostic::Problems;
use crate::framework::{Framework, Method, Rating};
use crate::inspection::Inspection;

/// A standard's ratings as numbers on the scale, for the overall score.
pub(crate) struct Rated {
    pub scored: bool,
    pub rating: Option<Rating>,
}

pub fn rate(framework: &Framework, inspection: &Inspection) -> Result<InspectionResult, Problems> {
    let mut problems = Problems::new();
    let scale = &framework.scale;
    let label = |r: Rating| scale.label(r).to_string();

    // One decision per standard; every repeat is refused.
    let mut decisions = HashMap::new();
    for decision in &inspection.decisions {
        if let Some(first) = decisions.insert(decision.standard.as_str(), decision) {
            problems.push_in(
                RatingError::RepeatedDecision {
                    standard: decision.standard.clone(),
                    at: decision.at,
                    first: first.at,
                },
                &inspection.source,
            );
        }
    }

    let mut standards = vec![];
    let mut rated = vec![];
    for (domain, standard) in framework.standards() {
        let decision = decisions.get(standard.id.as_str()).copied();
        let mut result = StandardResult {
            id: standard.id.clone(),
            name: standard.title.clone(),
            domain: domain.id.clone(),
            rated_from: if standard.is_judged() {
                "judged"
            } else {
                "cases"
            },
            scored: standard.scored,
            rating: None,
            score: None,
            base_rating: None,
            key_questions: vec![],
            deciding: vec![],
            discretion: DiscretionResult::not_eligible(),
            unrated_because: None,
        };
        let mut final_rating: Option<Rating>;
        match &standard.method {
            Method::Judged { .. } => {
                final_rating = inspection.judged.get(&standard.id).copied();
                result.base_rating = final_rating.map(label);
                if final_rating.is_none() {
                    result.unrated_because =
                        Some("the inspection gives no judgement for it".into());
                }
                if let Some(d) = decision {
                    problems.push_in(
                        RatingError::DiscretionOnJudged {
                            standard: standard.id.clone(),
                            at: d.at,
                        },
                        &inspection.source,
                    );
                }
            }
            Method::LowestQuestion { bands, questions } => {
                let set = &framework.band_sets[*bands];
                let mut answered = vec![];
                for q in questions {
                    let (q_result, percent) =
                        standard::question(domain, q, set, scale, &inspection.cases);
                    if let Some(p) = percent {
                        answered.push((q.id.as_str(), p));
                    }
                    result.key_questions.push(q_result);
                }
                let base = standard::lowest_rating(set, answered.iter().map(|(_, p)| *p));
                result.base_rating = base.map(label);
                let percents: Vec<_> = answered.iter().map(|(_, p)| *p).collect();
                result.deciding = standard::lowest(set, &percents)
                    .into_iter()
                    .map(|i| answered[i].0.to_string())
                    .collect();
                final_rating = base;
                match (base, &framework.discretion) {
                    (None, _) => {
                        result.unrated_because = Some(format!(
                            "no key question has an answered case among {} {} cases",
                            result.key_questions.first().map_or(0, |q| q.domain_cases),
                            domain.title
                        ));
                        if let Some(d) = decision {
                            problems.push_in(
                                RatingError::DecisionOnUnrated {
                                    standard: standard.id.clone(),
                                    at: d.at,
                                },
                                &inspection.source,
                            );
                        }
                    }
                    (Some(base), Some(rules)) => {
                        let e = discretion::eligibility(rules, scale, set, &answered, base);
                        result.discretion = DiscretionResult {
                            eligible: e.eligible(),
                            directions: e.directions(),
                            reasons: e.reasons.clone(),
                            not_met: e.not_met.clone(),
                            applied: None,
                        };
                        if let Some(d) = decision {
                            match discretion::decide(d, &e, base, rules, scale) {
                                Ok(to) => {
                                    final_rating = Some(to);
                                    result.discretion.applied = Some(Applied {
                                        direction: if to > base { "up" } else { "down" },
                                        from: label(base),
                                        to: label(to),
                                        reason: d.reason.clone(),
                                    });
                                }
                                Err(refused) => problems.push_in(refused, &inspection.source),
                            }
                        }
                    }
                    (Some(_), None) => {
                        if let Some(d) = decision {
                            problems.push_in(
                                RatingError::NoDiscretionRules {
                                    standard: standard.id.clone(),
                                    at: d.at,
                                },
                                &inspection.source,
                            );
                        }
                    }
                }
            }
        }
        result.rating = final_rating.map(label);
        result.score = final_rating.map(|r| scale.score(r));
        rated.push(Rated {
            scored: standard.scored,
            rating: final_rating,
        });
        standards.push(result);
    }

    let overall = overall::overall(framework, &standards, &rated, &mut problems);
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

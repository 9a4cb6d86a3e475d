//! Check stage: domains, standards, key questions and prompts → framework domains.
//!
//! Ids are unique across the whole file (a standard's id, a key question's, a prompt's), since
//! key-question and prompt ids name the columns of the cases file.

use super::error::CheckError;
use super::filters;
use super::names::Declared;
use crate::framework::{
    Aggregation, BandSet, Domain, Field, KeyQuestion, Method, Prompt, Standard,
};
use crate::suggest::did_you_mean;
use crate::syntax::{print, tree};

pub struct Context<'a> {
    pub fields: &'a [Field],
    pub band_sets: &'a [BandSet],
    /// Every band set the file declares, including any that failed their own check, so that a
    /// standard naming one is not reported again as unknown.
    pub declared_band_sets: Vec<&'a str>,
}

/// The ids declared so far: domains, standards, and key questions with prompts (which share
/// one namespace, the columns of the cases file).
#[derive(Default)]
pub struct Ids {
    domains: Declared,
    standards: Declared,
    questions: Declared,
}

pub fn domain(
    written: &tree::Domain,
    cx: &Context,
    ids: &mut Ids,
    used_band_sets: &mut [bool],
    problems: &mut Vec<CheckError>,
) -> Option<Domain> {
    ids.domains.claim("domain", &written.id, problems);
    let population = written
        .population
        .as_ref()
        .map(|expr| filters::resolve(&expr.node, cx.fields, problems));
    for s in &written.standards {
        under(&s.id, "standard", &written.id, "domain", ".", problems);
        for q in &s.questions {
            under(&q.id, "key question", &s.id, "standard", ".", problems);
            for p in &q.prompts {
                under(&p.id, "prompt", &q.id, "key question", "", problems);
            }
        }
    }
    let standards: Vec<Option<Standard>> = written
        .standards
        .iter()
        .map(|s| standard(s, cx, ids, used_band_sets, problems))
        .collect();
    Some(Domain {
        id: written.id.node.clone(),
        title: written.title.clone(),
        population_text: written.population.as_ref().map(|p| print::expr(&p.node)),
        population: match population {
            Some(filter) => Some(filter?),
            None => None,
        },
        standards: standards.into_iter().collect::<Option<_>>()?,
    })
}

/// An id that does not begin with its parent's (question 2.1.4 in standard 2.2), which
/// usually means an item pasted into the wrong place. `joint` is what follows the parent's id:
/// a dot, or nothing for a prompt's letter.
fn under(
    id: &tree::Name,
    what: &'static str,
    parent: &tree::Name,
    parent_kind: &'static str,
    joint: &str,
    problems: &mut Vec<CheckError>,
) {
    let prefix = format!("{}{joint}", parent.node);
    let fits = id.node.len() > prefix.len() && id.node.starts_with(&prefix);
    if !fits {
        problems.push(CheckError::NotUnderParent {
            what,
            id: id.node.clone(),
            parent_kind,
            parent: parent.node.clone(),
            prefix,
            at: id.span,
        });
    }
}

fn standard(
    written: &tree::Standard,
    cx: &Context,
    ids: &mut Ids,
    used_band_sets: &mut [bool],
    problems: &mut Vec<CheckError>,
) -> Option<Standard> {
    ids.standards.claim("standard", &written.id, problems);
    let questions: Vec<Option<KeyQuestion>> = written
        .questions
        .iter()
        .map(|q| question(q, cx, ids, problems))
        .collect();
    let method = match &written.method {
        tree::Method::Judged => Some(()),
        tree::Method::RatedBy { aggregation, bands } => {
            let mut ok = true;
            if Aggregation::from_words(&aggregation.node).is_none() {
                problems.push(CheckError::UnknownAggregation {
                    name: aggregation.node.clone(),
                    help: did_you_mean(
                        &aggregation.node,
                        "ways to rate a standard",
                        Aggregation::ALL.map(Aggregation::words),
                    ),
                    at: aggregation.span,
                });
                ok = false;
            }
            if written.questions.is_empty() {
                problems.push(CheckError::NoKeyQuestions {
                    id: written.id.node.clone(),
                    at: written.id.span,
                });
                ok = false;
            }
            match cx.band_sets.iter().position(|b| b.name == bands.node) {
                Some(i) => used_band_sets[i] = true,
                None if cx.declared_band_sets.contains(&bands.node.as_str()) => ok = false,
                None => {
                    problems.push(CheckError::UnknownBandSet {
                        name: bands.node.clone(),
                        help: did_you_mean(
                            &bands.node,
                            "band sets",
                            cx.band_sets.iter().map(|b| b.name.as_str()),
                        ),
                        at: bands.span,
                    });
                    ok = false;
                }
            }
            ok.then_some(())
        }
    };
    let sample = match (&written.sample, &written.method) {
        (None, _) => None,
        (Some(expr), tree::Method::Judged) => {
            problems.push(CheckError::JudgedWithSample {
                id: written.id.node.clone(),
                at: expr.span,
            });
            return None;
        }
        (Some(expr), tree::Method::RatedBy { .. }) => {
            Some(filters::resolve(&expr.node, cx.fields, problems))
        }
    };
    let questions = questions.into_iter().collect::<Option<Vec<_>>>()?;
    method?;
    let sample = match sample {
        Some(filter) => Some(filter?),
        None => None,
    };
    let method = match &written.method {
        tree::Method::Judged => Method::Judged { questions },
        tree::Method::RatedBy { aggregation, bands } => Method::FromCases {
            rule: Aggregation::from_words(&aggregation.node)?,
            bands: cx.band_sets.iter().position(|b| b.name == bands.node)?,
            questions,
        },
    };
    Some(Standard {
        id: written.id.node.clone(),
        title: written.title.clone(),
        statement: written.statement.clone(),
        method,
        scored: !written.not_scored,
        weight: 1,
        may_be_unrated: written.may_be_unrated,
        sample,
        sample_text: written.sample.as_ref().map(|s| print::expr(&s.node)),
    })
}

fn question(
    written: &tree::Question,
    cx: &Context,
    ids: &mut Ids,
    problems: &mut Vec<CheckError>,
) -> Option<KeyQuestion> {
    ids.questions
        .claim("key question or prompt", &written.id, problems);
    for prompt in &written.prompts {
        ids.questions
            .claim("key question or prompt", &prompt.id, problems);
    }
    let (sample, sample_text) = match &written.sample {
        Some(expr) => (
            Some(filters::resolve(&expr.node, cx.fields, problems)?),
            Some(print::expr(&expr.node)),
        ),
        None => (None, None),
    };
    Some(KeyQuestion {
        id: written.id.node.clone(),
        text: written.text.clone(),
        sample,
        sample_text,
        prompts: written
            .prompts
            .iter()
            .map(|p| Prompt {
                id: p.id.node.clone(),
                text: p.text.clone(),
            })
            .collect(),
    })
}

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
            // A slip in the key question's id, which its prompts show: said once, and its
            // prompts are not reported as misplaced for it.
            if let Some(intended) = intended_id(s, q) {
                problems.push(CheckError::Misnumbered {
                    id: q.id.node.clone(),
                    intended: intended.clone(),
                    prompts: q
                        .prompts
                        .iter()
                        .map(|p| p.id.node.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    at: q.id.span,
                });
                continue;
            }
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

/// The id a key question's prompts say it has, when they all agree on one other than the id
/// written and it stands under the standard (`question 2.12` whose prompts are 2.1.2a–c is
/// 2.1.2): a slip in the key question's id, not prompts in the wrong place.
pub fn intended_id(standard: &tree::Standard, question: &tree::Question) -> Option<String> {
    let mut stems = question.prompts.iter().map(|p| {
        p.id.node
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
    });
    let stem = stems.next()?;
    let prefix = format!("{}.", standard.id.node);
    let fits = stem.len() > prefix.len() && stem.starts_with(&prefix);
    (fits && stem != question.id.node && stems.all(|s| s == stem)).then(|| stem.to_string())
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
        .map(|q| question(q, intended_id(written, q), cx, ids, problems))
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

/// `intended` is the id the question's prompts say it has, when that is not the id written
/// (reported already): the question claims that id, so its slip is not reported again.
fn question(
    written: &tree::Question,
    intended: Option<String>,
    cx: &Context,
    ids: &mut Ids,
    problems: &mut Vec<CheckError>,
) -> Option<KeyQuestion> {
    let id = tree::Name {
        node: intended.unwrap_or_else(|| written.id.node.clone()),
        span: written.id.span,
    };
    let first = ids.questions.claim("key question or prompt", &id, problems);
    for prompt in &written.prompts {
        // A key question declared twice brings its prompts twice: one diagnostic says it.
        if first {
            ids.questions
                .claim("key question or prompt", &prompt.id, problems);
        } else {
            ids.questions.claim_quietly(&prompt.id);
        }
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

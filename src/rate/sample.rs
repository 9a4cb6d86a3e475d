//! Rate stage: who is counted for a key question. Takes the domain's cases, keeps those its
//! sub-sample filter admits, and counts their answers; answers given by cases the filter
//! excludes are counted as left out, never used and never dropped silently.

use super::result::LeftOut;
use crate::framework::{Domain, Field, Filter, KeyQuestion, Standard};
use crate::inspection::{Answer, Case, ColumnCache};

#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
    /// Cases in the sub-sample with no answer: the inspection loader refuses these for key
    /// questions, so for key questions this is always zero; prompts may go unanswered.
    pub not_answered: u32,
    pub left_out: u32,
    /// Cases outside the sub-sample that were given an answer anyway.
    pub left_out_cases: Vec<LeftOut>,
    /// Every case of the domain outside the sub-sample, answered or not.
    pub outside_sample: Vec<LeftOut>,
    /// The domain's cases the standard rates: all of them, or those of its own sample.
    pub domain_cases: u32,
    pub sample_cases: u32,
}

impl Tally {
    pub fn answered(&self) -> u32 {
        self.yes + self.no
    }
}

/// Whether a tally lists the cases outside the sample (a key question's, which explanations
/// show) or only counts them (a prompt's, whose table shows counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Cases,
    CountsOnly,
}

/// Count the answers in column `column` (a key question's id or one of its prompts') over the
/// question's sample, within the cases of the domain that the standard rates. `fields` names
/// the values that put a left-out case outside the sample.
pub fn tally(
    fields: &[Field],
    (domain, standard): (&Domain, &Standard),
    question: &KeyQuestion,
    column: &str,
    cases: &[Case],
    detail: Detail,
) -> Tally {
    let mut tally = Tally::default();
    let mut cache = ColumnCache::default();
    let in_domain = |case: &&Case| domain.takes(&case.values) && standard.takes(&case.values);
    for case in cases.iter().filter(in_domain) {
        tally.domain_cases += 1;
        let answer = case.answers.get_cached(column, &mut cache);
        if let Some(sample) = question
            .sample
            .as_ref()
            .filter(|s| !s.matches(&case.values))
        {
            if answer.is_some() {
                tally.left_out += 1;
            }
            if detail == Detail::Cases {
                let outside = LeftOut {
                    case: case.id.clone(),
                    values: values_read(fields, sample, case),
                };
                if answer.is_some() {
                    tally.left_out_cases.push(outside.clone());
                }
                tally.outside_sample.push(outside);
            }
            continue;
        }
        tally.sample_cases += 1;
        match answer {
            Some(Answer::Yes) => tally.yes += 1,
            Some(Answer::No) => tally.no += 1,
            Some(Answer::NotApplicable) => tally.not_applicable += 1,
            None => tally.not_answered += 1,
        }
    }
    tally
}

/// The case's values of the fields a filter reads: "rosh: low".
fn values_read(fields: &[Field], filter: &Filter, case: &Case) -> String {
    filter
        .fields()
        .into_iter()
        .filter_map(|i| {
            let field = fields.get(i)?;
            Some(format!(
                "{}: {}",
                field.name,
                field.value_text(case.values.get(i).copied().flatten())
            ))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

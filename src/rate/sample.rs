//! Rate stage: who is counted for a key question. Takes the domain's cases, keeps those its
//! sub-sample filter admits, and counts their answers; answers given by cases the filter
//! excludes are counted as left out, never used and never dropped silently.

use crate::framework::{Domain, KeyQuestion};
use crate::inspection::{Answer, Case};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
    /// Cases in the sub-sample with no answer: the inspection loader refuses these for key
    /// questions, so for key questions this is always zero; prompts may go unanswered.
    pub not_answered: u32,
    pub left_out: u32,
    pub left_out_cases: Vec<String>,
    pub domain_cases: u32,
    pub sample_cases: u32,
}

impl Tally {
    pub fn answered(&self) -> u32 {
        self.yes + self.no
    }
}

/// Count the answers in column `column` (a key question's id or one of its prompts') over the
/// question's sample.
pub fn tally(domain: &Domain, question: &KeyQuestion, column: &str, cases: &[Case]) -> Tally {
    let mut tally = Tally::default();
    for case in cases {
        if !domain
            .population
            .as_ref()
            .is_none_or(|p| p.matches(&case.values))
        {
            continue;
        }
        tally.domain_cases += 1;
        let answer = case.answers.get(column);
        if !question
            .sample
            .as_ref()
            .is_none_or(|s| s.matches(&case.values))
        {
            if answer.is_some() {
                tally.left_out += 1;
                tally.left_out_cases.push(case.id.clone());
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

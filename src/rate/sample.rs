//! Rate stage: who is counted for a key question. Takes the cases the standard rates (its
//! domain's, within its own sample: found once per standard), keeps those the question's
//! sub-sample filter admits, and counts the question's answers and its prompts' in one pass.
//! Answers given by cases the filter excludes are counted as left out, never used and never
//! dropped silently; the excluded cases are listed for explanations.

use std::collections::HashMap;

use super::result::CaseList;
use crate::framework::{Domain, Field, Filter, KeyQuestion, Value};
use crate::inspection::{Answer, Case, ColumnCache};

/// Counts of one key question or prompt over its sample.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Cases answering yes.
    pub yes: u32,
    /// Cases answering no.
    pub no: u32,
    /// Cases for which it is not applicable.
    pub not_applicable: u32,
    /// Cases in the sub-sample with no answer: the inspection loader refuses these for key
    /// questions, so for key questions this is always zero; prompts may go unanswered.
    pub not_answered: u32,
    /// Cases outside the sub-sample given an answer anyway.
    pub left_out: u32,
    /// The domain's cases the standard rates: all of them, or those of its own sample.
    pub domain_cases: u32,
    /// How many of the domain's cases the sub-sample takes.
    pub sample_cases: u32,
}

impl Tally {
    /// Answered cases: yes and no.
    pub fn answered(&self) -> u32 {
        self.yes + self.no
    }

    fn count(&mut self, answer: Option<Answer>) {
        match answer {
            Some(Answer::Yes) => self.yes += 1,
            Some(Answer::No) => self.no += 1,
            Some(Answer::NotApplicable) => self.not_applicable += 1,
            None => self.not_answered += 1,
        }
    }
}

/// A key question's counts, its prompts' counts (in the order written), and the cases outside
/// its sample.
#[derive(Debug, Clone, Default)]
pub struct QuestionTally {
    /// The key question's own counts.
    pub question: Tally,
    /// Each prompt's counts, in ruleset order.
    pub prompts: Vec<Tally>,
    /// Cases outside the sample that were given an answer to the key question anyway.
    pub left_out_cases: CaseList,
    /// Every case the standard rates that is outside the sample, answered or not.
    pub outside_sample: CaseList,
}

/// Count every key question of a domain's case-rated standards, and their prompts, in one
/// pass over the cases: each case's domain, own sample and question samples are tested once.
/// The result has one list per standard of the domain (empty for a judged standard), one
/// tally per key question. `fields` names the values that put a case outside a sample.
pub fn tally_domain(fields: &[Field], domain: &Domain, cases: &[Case]) -> Vec<Vec<QuestionTally>> {
    let mut tallies: Vec<Vec<QuestionTally>> = domain
        .standards
        .iter()
        .map(|s| {
            s.questions()
                .iter()
                .map(QuestionTally::for_question)
                .collect()
        })
        .collect();
    let mut counters: Vec<Vec<Counter>> = domain
        .standards
        .iter()
        .map(|s| s.questions().iter().map(Counter::for_question).collect())
        .collect();
    let rated: Vec<bool> = domain.standards.iter().map(|s| !s.is_judged()).collect();
    if !rated.contains(&true) {
        return tallies;
    }
    for case in cases.iter().filter(|c| domain.takes(&c.values)) {
        for (s, standard) in domain.standards.iter().enumerate() {
            if !rated[s] || !standard.takes(&case.values) {
                continue;
            }
            let questions = standard.questions().iter();
            for ((question, t), counter) in questions.zip(&mut tallies[s]).zip(&mut counters[s]) {
                counter.count(fields, question, case, t);
            }
        }
    }
    for t in tallies.iter_mut().flatten() {
        // The two lists share their value texts' numbers: the left-out list is a subset.
        t.left_out_cases.share_values(&t.outside_sample);
    }
    tallies
}

impl QuestionTally {
    fn for_question(question: &KeyQuestion) -> QuestionTally {
        QuestionTally {
            prompts: vec![Tally::default(); question.prompts.len()],
            ..QuestionTally::default()
        }
    }
}

/// What counting one key question keeps between cases: where its answer columns and its
/// prompts' are in the file's column list, and the value texts of cases outside its sample.
struct Counter {
    question: ColumnCache,
    prompts: Vec<ColumnCache>,
    outside: Outside,
}

impl Counter {
    fn for_question(question: &KeyQuestion) -> Counter {
        Counter {
            question: ColumnCache::default(),
            prompts: question
                .prompts
                .iter()
                .map(|_| ColumnCache::default())
                .collect(),
            outside: Outside {
                read: question
                    .sample
                    .as_ref()
                    .map(Filter::fields)
                    .unwrap_or_default(),
                ..Outside::default()
            },
        }
    }

    /// Count one case the standard rates.
    fn count(
        &mut self,
        fields: &[Field],
        question: &KeyQuestion,
        case: &Case,
        t: &mut QuestionTally,
    ) {
        let answer = case.answers.get_cached(&question.id, &mut self.question);
        let prompts = question.prompts.iter().zip(&mut self.prompts);
        let mut prompt_answers = prompts.map(|(p, cache)| case.answers.get_cached(&p.id, cache));
        t.question.domain_cases += 1;
        if !question.takes(&case.values) {
            let values = self.outside.number(fields, case, &mut t.outside_sample);
            t.outside_sample.push(case.id.clone(), values);
            if answer.is_some() {
                t.question.left_out += 1;
                t.left_out_cases.push(case.id.clone(), values);
            }
            for (prompt, answer) in t.prompts.iter_mut().zip(&mut prompt_answers) {
                prompt.domain_cases += 1;
                prompt.left_out += u32::from(answer.is_some());
            }
            return;
        }
        t.question.sample_cases += 1;
        t.question.count(answer);
        for (prompt, answer) in t.prompts.iter_mut().zip(&mut prompt_answers) {
            prompt.domain_cases += 1;
            prompt.sample_cases += 1;
            prompt.count(answer);
        }
    }
}

/// The value texts of cases outside a sample, each written once: keyed by the case's values
/// of the fields the filter reads. A filter reads few fields with few values, so the keys
/// seen are searched in turn; a map takes over should there be many.
#[derive(Default)]
struct Outside {
    /// The fields the sample filter reads, by index.
    read: Vec<usize>,
    seen: Vec<(Vec<Option<Value>>, u32)>,
    many: HashMap<Vec<Option<Value>>, u32>,
    key: Vec<Option<Value>>,
}

/// How many distinct keys are searched in turn before the map is used.
const SEARCHED_IN_TURN: usize = 32;

impl Outside {
    fn number(&mut self, fields: &[Field], case: &Case, list: &mut CaseList) -> u32 {
        self.key.clear();
        self.key.extend(
            self.read
                .iter()
                .map(|&i| case.values.get(i).copied().flatten()),
        );
        if let Some((_, n)) = self.seen.iter().find(|(k, _)| *k == self.key) {
            return *n;
        }
        if let Some(&n) = self.many.get(self.key.as_slice()) {
            return n;
        }
        let n = list.add_values(values_read(fields, &self.read, case));
        if self.seen.len() < SEARCHED_IN_TURN {
            self.seen.push((self.key.clone(), n));
        } else {
            self.many.insert(self.key.clone(), n);
        }
        n
    }
}

/// The case's values of the fields a filter reads: "rosh: low".
fn values_read(fields: &[Field], read: &[usize], case: &Case) -> String {
    read.iter()
        .filter_map(|&i| {
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

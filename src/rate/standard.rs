//! Rate stage: a case-based standard's key questions, each from its tally over its sample
//! ([`super::sample`]), with its percentage and band. How they make the standard's rating is [`super::aggregate`]'s job.

use super::percent::{Percent, band_of};
use super::result::{PromptResult, QuestionResult};
use super::sample::{QuestionTally, Tally};
use crate::framework::{BandSet, KeyQuestion};

/// One key question from its tally over the sample: its percentage and band.
pub fn question(
    question: &KeyQuestion,
    counted: QuestionTally,
    set: &BandSet,
) -> (QuestionResult, Option<Percent>) {
    let t = &counted.question;
    let percent = Percent::new(t.yes, t.answered());
    let band = percent.map(|p| band_of(set, p.banded(set)));
    let prompts = question
        .prompts
        .iter()
        .zip(&counted.prompts)
        .map(|(prompt, t)| prompt_result(&prompt.id, &prompt.text, t, set))
        .collect();
    let result = QuestionResult {
        id: question.id.clone(),
        text: question.text.clone(),
        yes: t.yes,
        no: t.no,
        not_applicable: t.not_applicable,
        left_out: t.left_out,
        sample: t.answered(),
        percent: percent.map(Percent::exact),
        shown_percent: percent.map(|p| p.shown(set.rounding)),
        rating: band.map(|b| set.bands[b].rating),
        band,
        domain_cases: t.domain_cases,
        sample_cases: t.sample_cases,
        sample_filter: question.sample_text.clone(),
        left_out_cases: counted.left_out_cases,
        outside_sample: counted.outside_sample,
        prompts,
    };
    (result, percent)
}

fn prompt_result(id: &str, text: &str, t: &Tally, set: &BandSet) -> PromptResult {
    let percent = Percent::new(t.yes, t.answered());
    PromptResult {
        id: id.to_string(),
        text: text.to_string(),
        yes: t.yes,
        no: t.no,
        not_applicable: t.not_applicable,
        not_answered: t.not_answered,
        left_out: t.left_out,
        percent: percent.map(Percent::exact),
        shown_percent: percent.map(|p| p.shown(set.rounding)),
    }
}

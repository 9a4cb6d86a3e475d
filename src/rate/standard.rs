//! Rate stage: a case-based standard's key questions and its base rating, the lowest band
//! among its answered key questions ("each key question is an integral part of the standard").

use super::percent::{Percent, band_of};
use super::result::{PromptResult, QuestionResult};
use super::sample::{Tally, tally};
use crate::framework::{BandSet, Domain, Field, KeyQuestion, Rating, Scale};
use crate::inspection::Case;

/// The lowest band's rating among these percentages; `None` when there are none.
pub fn lowest_rating(set: &BandSet, percents: impl IntoIterator<Item = Percent>) -> Option<Rating> {
    percents
        .into_iter()
        .map(|p| set.bands[band_of(set, p.banded(set))].rating)
        .min()
}

/// The positions of the percentages that are lowest as banded (several may tie): the key
/// questions that decide the standard, and "the lowest percentage" of the discretion rules.
pub fn lowest(set: &BandSet, percents: &[Percent]) -> Vec<usize> {
    let value = |p: &Percent| {
        let f = p.banded(set);
        (u128::from(f.num), u128::from(f.den))
    };
    let less = |a: (u128, u128), b: (u128, u128)| a.0 * b.1 < b.0 * a.1;
    let Some(min) = percents
        .iter()
        .map(value)
        .reduce(|a, b| if less(b, a) { b } else { a })
    else {
        return vec![];
    };
    (0..percents.len())
        .filter(|&i| {
            let v = value(&percents[i]);
            v.0 * min.1 == min.0 * v.1
        })
        .collect()
}

/// One key question: its tally over the sample, its percentage and band.
pub fn question(
    fields: &[Field],
    domain: &Domain,
    question: &KeyQuestion,
    set: &BandSet,
    scale: &Scale,
    cases: &[Case],
) -> (QuestionResult, Option<Percent>) {
    let t = tally(fields, domain, question, &question.id, cases);
    let percent = Percent::new(t.yes, t.answered());
    let band = percent.map(|p| &set.bands[band_of(set, p.banded(set))]);
    let prompts = question
        .prompts
        .iter()
        .map(|prompt| {
            prompt_result(
                &prompt.id,
                &prompt.text,
                &tally(fields, domain, question, &prompt.id, cases),
                set,
            )
        })
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
        rating: band.map(|b| scale.label(b.rating).to_string()),
        band: band.and_then(|b| b.name.clone()),
        band_range: band.map(|b| b.range_text()),
        domain_cases: t.domain_cases,
        sample_cases: t.sample_cases,
        sample_filter: question.sample_text.clone(),
        left_out_cases: t.left_out_cases,
        outside_sample: t.outside_sample,
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

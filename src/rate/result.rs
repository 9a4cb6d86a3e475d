//! Rate stage, output: the rating of one inspection as typed data, carrying what every
//! explanation rests on (counts, exact percentages, bands, the deciding key questions,
//! discretion triggers, limiter outcomes, cases left out) so that reports render it rather
//! than recompute it.
//!
//! Ratings are scale positions ([`Rating`]), band sets and bands are positions in the
//! framework, key questions are positions in their standard, and every trigger and limiter
//! outcome is an enum carrying its numbers. Nothing here is a sentence and nothing here is
//! serialised: `report::words` writes the sentences, and `report::json` holds the
//! serialisable counterparts that are the JSON contract.

use std::sync::Arc;

use crate::framework::{Aggregation, Direction, Fraction, Rating};

/// One inspection, rated.
#[derive(Debug, Clone)]
pub struct InspectionResult {
    /// The provider the inspection file names.
    pub provider: String,
    /// The inspection file, as named.
    pub source: String,
    /// The cases file, as the inspection file names it, from the inspection file's folder.
    pub cases: String,
    /// Every standard of the framework, in ruleset order.
    pub standards: Vec<StandardResult>,
    /// The overall rating.
    pub overall: OverallResult,
}

/// One standard, rated (or not, and why).
#[derive(Debug, Clone)]
pub struct StandardResult {
    /// The standard's id ("2.1").
    pub id: String,
    /// The standard's title.
    pub name: String,
    /// The id of the domain it belongs to.
    pub domain: String,
    /// Whether the rating comes from the cases or from the inspector's judgement.
    pub rated_from: RatedFrom,
    /// The standard's own case sample within its domain, as written; `None` when it rates
    /// every case of the domain.
    pub own_sample: Option<String>,
    /// Whether its score counts in the overall score.
    pub scored: bool,
    /// How many times its score counts in the overall score.
    pub weight: u32,
    /// The final rating, after any discretion; `None` when the standard is not rated.
    pub rating: Option<Rating>,
    /// The final rating's score.
    pub score: Option<u32>,
    /// The rating before discretion.
    pub base_rating: Option<Rating>,
    /// Each key question, in ruleset order (case-based standards only).
    pub key_questions: Vec<QuestionResult>,
    /// The key questions (positions in `key_questions`) that decide the base rating: those
    /// with the lowest percentage.
    pub deciding: Vec<usize>,
    /// For a case-based standard with an answered key question: the value its rule banded.
    pub aggregation: Option<AggregationResult>,
    /// For a case-based standard: its band set, a position in the framework's band sets.
    pub band_set: Option<usize>,
    /// For a case-based standard: answers that must change to move it a band up or down.
    pub margin: Option<MarginResult>,
    /// For a judged standard: the line of the inspection file that records the judgement.
    pub judged_at: Option<usize>,
    /// Which triggers of professional discretion hold, and any panel decision applied.
    pub discretion: DiscretionResult,
    /// Why the standard is not rated, when it is not.
    pub unrated: Option<Unrated>,
}

/// Why a standard has no rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrated {
    /// A judged standard the inspection file gives no judgement for.
    NoJudgement,
    /// A case-based standard none of whose key questions has an answered case among the
    /// domain's cases.
    NoAnsweredCase {
        /// How many cases the domain has.
        domain_cases: u32,
    },
}

/// The value a case-based standard's rule banded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregationResult {
    /// The rule: lowest question, mean of questions or pooled answers.
    pub rule: Aggregation,
    /// The exact value: the lowest percentage, the mean, or the pooled percentage.
    pub exact: Fraction,
    /// The value the bands applied to (the shown whole number, or the exact value).
    pub value: Fraction,
    /// The exact value rounded as the band set declares.
    pub shown_percent: u32,
    /// The band set, a position in the framework's band sets.
    pub band_set: usize,
    /// The key questions the value comes from (positions in the standard's key questions):
    /// the lowest, several when they tie, for the lowest-question rule; every answered one
    /// otherwise.
    pub from: Vec<usize>,
}

/// Where a standard's rating comes from: the inspector's judgement, or the cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatedFrom {
    /// The inspector's judgement, recorded in the inspection file.
    Judged,
    /// The cases' answers to its key questions.
    Cases,
}

/// One key question: its counts over its sample, percentage and band.
#[derive(Debug, Clone)]
pub struct QuestionResult {
    /// The key question's id ("2.2.3").
    pub id: String,
    /// The key question's text.
    pub text: String,
    /// Cases answering yes.
    pub yes: u32,
    /// Cases answering no.
    pub no: u32,
    /// Cases for which it is not applicable.
    pub not_applicable: u32,
    /// Cases of the domain outside the sub-sample that were given an answer anyway.
    pub left_out: u32,
    /// Answered cases: yes + no.
    pub sample: u32,
    /// The exact percentage, 100 × yes / sample, when any case is answered.
    pub percent: Option<f64>,
    /// The percentage rounded as the band set declares.
    pub shown_percent: Option<u32>,
    /// The rating its band gives.
    pub rating: Option<Rating>,
    /// Its band, a position in the standard's band set.
    pub band: Option<usize>,
    /// How many of the domain's cases there are.
    pub domain_cases: u32,
    /// How many of them the sub-sample takes.
    pub sample_cases: u32,
    /// The sub-sample filter as written in the rules.
    pub sample_filter: Option<String>,
    /// Cases outside the sub-sample that were given an answer anyway (counted in `left_out`).
    pub left_out_cases: CaseList,
    /// Every case of the domain the sub-sample filter excludes, and why.
    pub outside_sample: CaseList,
    /// Each prompt of the key question, in ruleset order.
    pub prompts: Vec<PromptResult>,
}

/// A case whose answer the sub-sample filter left out, with the values that excluded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeftOut<'a> {
    /// The case's id.
    pub case: &'a str,
    /// The case's values of the fields the filter reads ("rosh: low").
    pub values: &'a str,
}

/// Cases a sub-sample filter excludes, in the order of the cases file. Each case is kept as
/// its shared id and a number into the list of distinct value texts ("rosh: low"), since a
/// filter reads few fields with few values: a million cases outside a sample take a few
/// bytes each, and the texts are written only when shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseList {
    cases: Vec<(Arc<str>, u32)>,
    values: Vec<String>,
}

impl CaseList {
    /// Add a case, outside the sample for the values text numbered `values` (from
    /// [`CaseList::add_values`]).
    pub fn push(&mut self, case: Arc<str>, values: u32) {
        self.cases.push((case, values));
    }

    /// Add a values text ("rosh: low"); returns its number.
    pub fn add_values(&mut self, text: String) -> u32 {
        self.values.push(text);
        u32::try_from(self.values.len() - 1).unwrap_or(u32::MAX)
    }

    /// Take `other`'s value texts, whose numbers this list's cases use.
    pub fn share_values(&mut self, other: &CaseList) {
        self.values.clone_from(&other.values);
    }

    /// How many cases the list holds.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Whether the list holds no case.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// Every case, in the order of the cases file.
    pub fn iter(&self) -> impl Iterator<Item = LeftOut<'_>> {
        self.cases.iter().map(|(case, values)| LeftOut {
            case,
            values: self.values.get(*values as usize).map_or("", String::as_str),
        })
    }
}

/// How far a standard's rating sits from the next band, in answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarginResult {
    /// Answers that must change (no to yes) for it to rise a band.
    pub up: Option<u32>,
    /// Answers that must change (yes to no) for it to fall a band.
    pub down: Option<u32>,
    /// The rating one band up, where the scale has one.
    pub up_to: Option<Rating>,
    /// The rating one band down, where the scale has one.
    pub down_to: Option<Rating>,
}

/// One prompt: its counts and percentage.
#[derive(Debug, Clone)]
pub struct PromptResult {
    /// The prompt's id ("2.2.3a").
    pub id: String,
    /// The prompt's text.
    pub text: String,
    /// Cases answering yes.
    pub yes: u32,
    /// Cases answering no.
    pub no: u32,
    /// Cases for which it is not applicable.
    pub not_applicable: u32,
    /// Cases of the sample that leave it blank.
    pub not_answered: u32,
    /// Cases outside the sub-sample given an answer anyway.
    pub left_out: u32,
    /// The exact percentage, when any case is answered.
    pub percent: Option<f64>,
    /// The percentage rounded as the band set declares.
    pub shown_percent: Option<u32>,
}

/// Professional discretion for one standard.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscretionResult {
    /// Whether the panel may move it at all.
    pub eligible: bool,
    /// Which ways it may be moved.
    pub directions: Vec<Direction>,
    /// Each trigger that holds, in the order the rules list them.
    pub held: Vec<Trigger>,
    /// Each trigger that does not hold.
    pub not_met: Vec<Trigger>,
    /// The panel's decision, when one is recorded and allowed.
    pub applied: Option<Applied>,
}

/// One trigger of professional discretion, with the numbers it was decided on. Key
/// questions are positions in the standard's key questions; `value` below is the
/// standard's banded value ([`AggregationResult::value`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// The banded value is within `points` of the boundary at `boundary`%, `toward` which the
    /// rating would become `rating`.
    NearBoundary {
        /// Which way the boundary lies.
        toward: Direction,
        /// The boundary, a whole percentage.
        boundary: u32,
        /// The rating across the boundary.
        rating: Rating,
        /// The rules' distance.
        points: u32,
    },
    /// The banded value is further than `points` from its nearest boundary, `nearest`%.
    FarFromBoundary {
        /// The nearest boundary.
        nearest: u32,
        /// The rules' distance.
        points: u32,
    },
    /// One changed answer moves the rating.
    OneCase(OneChange),
    /// No single changed answer moves the rating; `example` shows what one more yes on the
    /// deciding key question would do.
    NoOneCase {
        /// One more yes on the deciding key question, and the rating it leaves.
        example: Option<OneChange>,
    },
    /// The value rests on few answered cases: `answered` in key question `question`, against
    /// the rules' `limit`. It holds when `answered <= limit`.
    SmallSample {
        /// The key question whose sample is counted.
        question: usize,
        /// Its answered cases.
        answered: u32,
        /// The rules' limit.
        limit: u32,
    },
}

/// One answer changed on one key question, and what the standard becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OneChange {
    /// The key question changed.
    pub question: usize,
    /// One more yes (true) or one fewer.
    pub more_yes: bool,
    /// Its yes answers after the change.
    pub yes: u32,
    /// Its answered cases.
    pub answered: u32,
    /// Its percentage after the change, as the bands read it.
    pub question_value: Fraction,
    /// The standard's banded value after the change.
    pub value: Fraction,
    /// The standard's rating after the change.
    pub rating: Rating,
}

/// A panel decision that moved a standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Up or down.
    pub direction: Direction,
    /// The rating before discretion.
    pub from: Rating,
    /// The rating the panel gave.
    pub to: Rating,
    /// The panel's reason, as recorded.
    pub reason: String,
}

/// The overall rating.
#[derive(Debug, Clone)]
pub struct OverallResult {
    /// The overall score: the weighted sum of scored standards' scores.
    pub score: u32,
    /// The highest score possible.
    pub max: u32,
    /// The overall rating, after the limiters.
    pub rating: Rating,
    /// The overall band that the score fell in.
    pub band: OverallBand,
    /// The rating the bands gave, before the limiters.
    pub banded_rating: Rating,
    /// Each limiter, in the order written: whether it held and what it did.
    pub limiters: Vec<LimiterResult>,
    /// Standards that, moved one band on their own, would change the overall rating.
    pub changed_by_one_band: OverallMargin,
    /// Scored standards (positions in the result's standards) that were not rated, with
    /// what the rules did with them.
    pub unrated: Vec<(usize, crate::framework::UnratedRule)>,
}

/// The overall band a score fell in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverallBand {
    /// A band of scores, `from` to `to`.
    Scores {
        /// The lowest score of the band.
        from: u32,
        /// The highest score of the band.
        to: u32,
    },
    /// A band of percentages of the maximum: position `band` in the framework's overall
    /// bands, and the score's exact percentage of the maximum.
    PercentOfMaximum {
        /// The band, a position in the overall bands.
        band: usize,
        /// The score as a percentage of the maximum.
        value: Fraction,
    },
}

/// What one limiter did.
#[derive(Debug, Clone)]
pub struct LimiterResult {
    /// The limiter, a position in the framework's limiters.
    pub limiter: usize,
    /// Whether its condition holds.
    pub holds: bool,
    /// Whether it lowered the rating.
    pub applied: bool,
    /// The rating before it.
    pub from: Rating,
    /// The rating after it.
    pub to: Rating,
    /// For each of its clauses, the rated standards (positions in the result's standards)
    /// that pass the clause's test.
    pub passing: Vec<Vec<usize>>,
}

/// Standards that, moved one band on their own, would change the overall rating.
#[derive(Debug, Clone, Default)]
pub struct OverallMargin {
    /// Each move up that would change it.
    pub up: Vec<OneBand>,
    /// Each move down that would change it.
    pub down: Vec<OneBand>,
}

/// One standard moved one band, and the overall score and rating it would give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OneBand {
    /// The standard, a position in the result's standards.
    pub standard: usize,
    /// The rating it would be moved to.
    pub to: Rating,
    /// The overall score it would give.
    pub score: u32,
    /// The overall rating it would give.
    pub rating: Rating,
}

impl DiscretionResult {
    /// Discretion that does not apply: no trigger, no direction.
    pub fn not_eligible() -> Self {
        DiscretionResult {
            eligible: false,
            directions: vec![],
            held: vec![],
            not_met: vec![],
            applied: None,
        }
    }
}

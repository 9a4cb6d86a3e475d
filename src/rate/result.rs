//! Rate stage, output: the rating of one inspection, carrying its own explanation (counts,
//! percentages, bands, the deciding key questions, discretion triggers, cases left out), so
//! that reports render it rather than recompute it. Serialises to the JSON in CONTRACT.md.

use std::sync::Arc;

use serde::Serialize;

use crate::framework::Direction;

#[derive(Debug, Clone, Serialize)]
pub struct InspectionResult {
    pub provider: String,
    pub source: String,
    pub cases: String,
    pub standards: Vec<StandardResult>,
    pub overall: OverallResult,
}

#[derive(Debug, Clone, Serialize)]
pub struct StandardResult {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub rated_from: RatedFrom,
    /// The standard's own case sample within its domain, as written; absent when it rates
    /// every case of the domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_sample: Option<String>,
    pub scored: bool,
    /// How many times its score counts in the overall score; shown only when not 1.
    #[serde(skip_serializing_if = "is_one")]
    pub weight: u32,
    /// The final rating, after any discretion; `None` when the standard is not rated.
    pub rating: Option<String>,
    pub score: Option<u32>,
    /// The rating before discretion.
    pub base_rating: Option<String>,
    pub key_questions: Vec<QuestionResult>,
    /// The key questions with the lowest percentage, which decide the base rating.
    pub deciding: Vec<String>,
    /// For a case-based standard: its aggregation rule and the value it banded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<AggregationResult>,
    /// For a case-based standard: the band set and its rounding, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banded_by: Option<String>,
    /// For a case-based standard: answers that must change to move it a band up or down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<MarginResult>,
    /// For a judged standard: where the judgement is recorded ("inspection.toml line 7").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_in: Option<String>,
    pub discretion: DiscretionResult,
    /// Why the standard is not rated, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unrated_because: Option<String>,
}

/// The value a case-based standard's rule banded.
#[derive(Debug, Clone, Serialize)]
pub struct AggregationResult {
    /// `lowest question`, `mean of questions` or `pooled answers`.
    pub rule: String,
    /// The exact value: the lowest percentage, the mean, or the pooled percentage.
    pub percent: f64,
    /// Rounded as the band set declares.
    pub shown_percent: u32,
    /// The band set's name.
    pub band_set: String,
    /// The value in words: "2.2.3 42%", "mean of 3 key questions 66%".
    pub summary: String,
}

/// Where a standard's rating comes from: the inspector's judgement, or the cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RatedFrom {
    Judged,
    Cases,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionResult {
    pub id: String,
    pub text: String,
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
    /// Cases of the domain outside the sub-sample that were given an answer anyway.
    pub left_out: u32,
    /// Answered cases: yes + no.
    pub sample: u32,
    pub percent: Option<f64>,
    pub shown_percent: Option<u32>,
    pub rating: Option<String>,
    /// The band's name ("Reasonable majority") and its range ("65 to 79").
    pub band: Option<String>,
    pub band_range: Option<String>,
    /// How many of the domain's cases there are, and how many the sub-sample takes.
    pub domain_cases: u32,
    pub sample_cases: u32,
    /// The sub-sample filter as written in the rules.
    pub sample_filter: Option<String>,
    /// Cases outside the sub-sample that were given an answer anyway (counted in `left_out`).
    pub left_out_cases: CaseList,
    /// Every case of the domain the sub-sample filter excludes, and why.
    pub outside_sample: CaseList,
    pub prompts: Vec<PromptResult>,
}

/// A case whose answer the sub-sample filter left out, with the values that excluded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LeftOut<'a> {
    pub case: &'a str,
    /// The case's values of the fields the filter reads ("rosh: low").
    pub values: &'a str,
}

/// Cases a sub-sample filter excludes, in the order of the cases file. Each case is kept as
/// its shared id and a number into the list of distinct value texts ("rosh: low"), since a
/// filter reads few fields with few values: a million cases outside a sample take a few
/// bytes each, and the texts are written only when shown. Serialises as a list of
/// [`LeftOut`].
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

    pub fn len(&self) -> usize {
        self.cases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = LeftOut<'_>> {
        self.cases.iter().map(|(case, values)| LeftOut {
            case,
            values: self.values.get(*values as usize).map_or("", String::as_str),
        })
    }
}

impl Serialize for CaseList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MarginResult {
    pub up: Option<u32>,
    pub down: Option<u32>,
    /// The ratings one band up and down, where the scale has them.
    pub up_to: Option<String>,
    pub down_to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PromptResult {
    pub id: String,
    pub text: String,
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
    pub not_answered: u32,
    pub left_out: u32,
    pub percent: Option<f64>,
    pub shown_percent: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiscretionResult {
    pub eligible: bool,
    pub directions: Vec<Direction>,
    /// One sentence per trigger that holds.
    pub reasons: Vec<String>,
    /// One sentence per trigger that does not hold, for a standard the panel may ask about.
    pub not_met: Vec<String>,
    pub applied: Option<Applied>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub direction: Direction,
    pub from: String,
    pub to: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverallResult {
    pub score: u32,
    pub max: u32,
    pub rating: String,
    /// The score range of the overall band ("7 to 18").
    pub band_range: String,
    /// The rating the bands gave, before the limiters (only when the rules have limiters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banded_rating: Option<String>,
    /// Each limiter, in the order written: whether it held and what it did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub limiters: Vec<LimiterResult>,
    /// Standards that, moved one band on their own, would change the overall rating.
    pub changed_by_one_band: OverallMargin,
    /// Scored standards that were not rated, and what the rules did with them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unrated: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LimiterResult {
    /// The limiter as the rule file writes it.
    pub limiter: String,
    /// Whether its condition holds.
    pub holds: bool,
    /// Whether it lowered the rating.
    pub applied: bool,
    pub from: String,
    pub to: String,
    /// What it found and did, in one line.
    pub because: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverallMargin {
    /// Each as "2.2 to Requires improvement: 19, Good".
    pub up: Vec<String>,
    pub down: Vec<String>,
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl DiscretionResult {
    pub fn not_eligible() -> Self {
        DiscretionResult {
            eligible: false,
            directions: vec![],
            reasons: vec![],
            not_met: vec![],
            applied: None,
        }
    }
}

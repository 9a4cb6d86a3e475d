//! The JSON contract of a rating (`rate --format json`, `explain --format json`): the
//! serialisable counterpart of `rate::result`, with ratings as labels and explanations as
//! the sentences of `report::words`. Field order and names are the contract in CONTRACT.md;
//! the schema in `schema/rating.json` is generated from these types.
//!
//! Built from a typed result and its rules; never read back into one.

use schemars::JsonSchema;
use serde::Serialize;

use crate::Rules;
use crate::framework::Scale;
use crate::rate::result::{self as rated, CaseList};
use crate::report::words::{self, Triggers};

/// One inspection, rated.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Inspection<'a> {
    /// The provider the inspection file names.
    pub provider: &'a str,
    /// The inspection file, as named.
    pub source: &'a str,
    /// The cases file, from the inspection file's folder.
    pub cases: &'a str,
    /// Every standard, in ruleset order.
    pub standards: Vec<Standard<'a>>,
    /// The overall rating.
    pub overall: Overall,
}

/// One standard, rated (or not, and why).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Standard<'a> {
    /// The standard's id ("2.1").
    pub id: &'a str,
    /// The standard's title.
    pub name: &'a str,
    /// The id of its domain.
    pub domain: &'a str,
    /// `cases` or `judged`.
    pub rated_from: RatedFrom,
    /// The standard's own case sample within its domain, as written; absent when it rates
    /// every case of the domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_sample: Option<&'a str>,
    /// Whether its score counts in the overall score.
    pub scored: bool,
    /// How many times its score counts in the overall score; shown only when not 1.
    #[serde(skip_serializing_if = "is_one")]
    pub weight: u32,
    /// The final rating, after any discretion; null when the standard is not rated.
    pub rating: Option<&'a str>,
    /// The final rating's score.
    pub score: Option<u32>,
    /// The rating before discretion.
    pub base_rating: Option<&'a str>,
    /// Each key question.
    pub key_questions: Vec<Question<'a>>,
    /// The ids of the key questions with the lowest percentage, which decide the base rating.
    pub deciding: Vec<&'a str>,
    /// For a case-based standard: its aggregation rule and the value it banded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Aggregation<'a>>,
    /// For a case-based standard: the band set and its rounding, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banded_by: Option<String>,
    /// For a case-based standard: answers that must change to move it a band up or down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Margin<'a>>,
    /// For a judged standard: where the judgement is recorded ("inspection.toml line 7").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_in: Option<String>,
    /// Professional discretion.
    pub discretion: Discretion<'a>,
    /// Why the standard is not rated, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unrated_because: Option<String>,
}

/// Where a standard's rating comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RatedFrom {
    /// The inspector's judgement.
    Judged,
    /// The cases.
    Cases,
}

impl From<rated::RatedFrom> for RatedFrom {
    fn from(r: rated::RatedFrom) -> Self {
        match r {
            rated::RatedFrom::Judged => RatedFrom::Judged,
            rated::RatedFrom::Cases => RatedFrom::Cases,
        }
    }
}

/// The value a case-based standard's rule banded.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Aggregation<'a> {
    /// `lowest question`, `mean of questions` or `pooled answers`.
    pub rule: &'static str,
    /// The exact value: the lowest percentage, the mean, or the pooled percentage.
    pub percent: f64,
    /// Rounded as the band set declares.
    pub shown_percent: u32,
    /// The band set's name.
    pub band_set: &'a str,
    /// The value in words: "2.2.3 42%", "mean of 3 key questions 66%".
    pub summary: String,
}

/// One key question.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Question<'a> {
    /// The key question's id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
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
    /// The exact percentage.
    pub percent: Option<f64>,
    /// The percentage rounded as the band set declares.
    pub shown_percent: Option<u32>,
    /// The rating its band gives.
    pub rating: Option<&'a str>,
    /// The band's name ("Reasonable majority").
    pub band: Option<&'a str>,
    /// The band's range ("65 to 79").
    pub band_range: Option<String>,
    /// How many of the domain's cases there are.
    pub domain_cases: u32,
    /// How many of them the sub-sample takes.
    pub sample_cases: u32,
    /// The sub-sample filter as written in the rules.
    pub sample_filter: Option<&'a str>,
    /// Cases outside the sub-sample that were given an answer anyway.
    #[schemars(with = "Vec<LeftOut>")]
    pub left_out_cases: Cases<'a>,
    /// Every case of the domain the sub-sample filter excludes, and why.
    #[schemars(with = "Vec<LeftOut>")]
    pub outside_sample: Cases<'a>,
    /// Each prompt.
    pub prompts: Vec<Prompt<'a>>,
}

/// A case a sub-sample filter left out, with the values that excluded it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LeftOut {
    /// The case's id.
    pub case: String,
    /// The case's values of the fields the filter reads ("rosh: low").
    pub values: String,
}

/// A list of cases left out, written as a list of [`LeftOut`] without copying a million of
/// them first.
#[derive(Debug, Clone)]
pub struct Cases<'a>(&'a CaseList);

impl Serialize for Cases<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct One<'b>(rated::LeftOut<'b>);
        impl Serialize for One<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut s = serializer.serialize_struct("LeftOut", 2)?;
                s.serialize_field("case", self.0.case)?;
                s.serialize_field("values", self.0.values)?;
                s.end()
            }
        }
        serializer.collect_seq(self.0.iter().map(One))
    }
}

/// How far a standard's rating sits from the next band, in answers.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Margin<'a> {
    /// Answers that must change for it to rise a band.
    pub up: Option<u32>,
    /// Answers that must change for it to fall a band.
    pub down: Option<u32>,
    /// The rating one band up, where the scale has one.
    pub up_to: Option<&'a str>,
    /// The rating one band down, where the scale has one.
    pub down_to: Option<&'a str>,
}

/// One prompt.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Prompt<'a> {
    /// The prompt's id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
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
    /// The exact percentage.
    pub percent: Option<f64>,
    /// The percentage rounded as the band set declares.
    pub shown_percent: Option<u32>,
}

/// Professional discretion for one standard.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Discretion<'a> {
    /// Whether the panel may move it at all.
    pub eligible: bool,
    /// Which ways it may be moved.
    pub directions: Vec<Direction>,
    /// One sentence per trigger that holds.
    pub reasons: Vec<String>,
    /// One sentence per trigger that does not hold.
    pub not_met: Vec<String>,
    /// The panel's decision, when one was applied.
    pub applied: Option<Applied<'a>>,
}

/// A move along the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// One band up.
    Up,
    /// One band down.
    Down,
}

impl From<crate::framework::Direction> for Direction {
    fn from(d: crate::framework::Direction) -> Self {
        match d {
            crate::framework::Direction::Up => Direction::Up,
            crate::framework::Direction::Down => Direction::Down,
        }
    }
}

/// A panel decision that moved a standard.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Applied<'a> {
    /// Up or down.
    pub direction: Direction,
    /// The rating before discretion.
    pub from: &'a str,
    /// The rating the panel gave.
    pub to: &'a str,
    /// The panel's reason.
    pub reason: &'a str,
}

/// The overall rating.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Overall {
    /// The overall score.
    pub score: u32,
    /// The highest score possible.
    pub max: u32,
    /// The overall rating.
    pub rating: String,
    /// The score range of the overall band ("7 to 18").
    pub band_range: String,
    /// The rating the bands gave, before the limiters (only when the rules have limiters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banded_rating: Option<String>,
    /// Each limiter, in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub limiters: Vec<Limiter>,
    /// Standards that, moved one band on their own, would change the overall rating.
    pub changed_by_one_band: OverallMargin,
    /// Scored standards that were not rated, and what the rules did with them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unrated: Vec<String>,
}

/// What one limiter did.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Limiter {
    /// The limiter as the rule file writes it.
    pub limiter: String,
    /// Whether its condition holds.
    pub holds: bool,
    /// Whether it lowered the rating.
    pub applied: bool,
    /// The rating before it.
    pub from: String,
    /// The rating after it.
    pub to: String,
    /// What it found and did, in one line.
    pub because: String,
}

/// Standards that, moved one band on their own, would change the overall rating.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OverallMargin {
    /// Each as "2.2 to Requires improvement: 19, Good".
    pub up: Vec<String>,
    /// Each move down, in the same form.
    pub down: Vec<String>,
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl<'a> Inspection<'a> {
    /// The contract's form of a rating made under `rules`.
    pub fn of(rules: &'a Rules, result: &'a rated::InspectionResult) -> Inspection<'a> {
        Inspection {
            provider: &result.provider,
            source: &result.source,
            cases: &result.cases,
            standards: result
                .standards
                .iter()
                .map(|s| Standard::of(rules, result, s))
                .collect(),
            overall: Overall::of(rules, result),
        }
    }
}

impl<'a> Standard<'a> {
    /// The contract's form of one standard's rating.
    pub fn of(
        rules: &'a Rules,
        result: &'a rated::InspectionResult,
        s: &'a rated::StandardResult,
    ) -> Standard<'a> {
        let framework = &rules.framework;
        let scale = &framework.scale;
        let set = s.band_set.and_then(|i| framework.band_sets.get(i));
        let triggers = Triggers::of(scale, s);
        let sentences =
            |list: &[rated::Trigger]| triggers.as_ref().map(|t| t.all(list)).unwrap_or_default();
        Standard {
            id: &s.id,
            name: &s.name,
            domain: &s.domain,
            rated_from: s.rated_from.into(),
            own_sample: s.own_sample.as_deref(),
            scored: s.scored,
            weight: s.weight,
            rating: scale.label_of(s.rating),
            score: s.score,
            base_rating: scale.label_of(s.base_rating),
            key_questions: s
                .key_questions
                .iter()
                .map(|q| Question::of(scale, set, q))
                .collect(),
            deciding: s
                .deciding
                .iter()
                .filter_map(|&i| s.key_questions.get(i))
                .map(|q| q.id.as_str())
                .collect(),
            aggregation: s.aggregation.as_ref().map(|a| Aggregation {
                rule: a.rule.words(),
                percent: a.exact.to_f64(),
                shown_percent: a.shown_percent,
                band_set: framework
                    .band_sets
                    .get(a.band_set)
                    .map_or("", |b| b.name.as_str()),
                summary: words::aggregation_summary(s, a),
            }),
            banded_by: set.map(words::banded_by),
            margin: s.margin.map(|m| Margin {
                up: m.up,
                down: m.down,
                up_to: scale.label_of(m.up_to),
                down_to: scale.label_of(m.down_to),
            }),
            judged_in: s.judged_at.map(|line| words::judged_in(result, line)),
            discretion: Discretion {
                eligible: s.discretion.eligible,
                directions: s.discretion.directions.iter().map(|&d| d.into()).collect(),
                reasons: sentences(&s.discretion.held),
                not_met: sentences(&s.discretion.not_met),
                applied: s.discretion.applied.as_ref().map(|a| Applied {
                    direction: a.direction.into(),
                    from: scale.label(a.from),
                    to: scale.label(a.to),
                    reason: &a.reason,
                }),
            },
            unrated_because: words::unrated_because(framework, s),
        }
    }
}

impl<'a> Question<'a> {
    fn of(
        scale: &'a Scale,
        set: Option<&'a crate::framework::BandSet>,
        q: &'a rated::QuestionResult,
    ) -> Question<'a> {
        let band = q.band.and_then(|b| set.and_then(|s| s.bands.get(b)));
        Question {
            id: &q.id,
            text: &q.text,
            yes: q.yes,
            no: q.no,
            not_applicable: q.not_applicable,
            left_out: q.left_out,
            sample: q.sample,
            percent: q.percent,
            shown_percent: q.shown_percent,
            rating: scale.label_of(q.rating),
            band: band.and_then(|b| b.name.as_deref()),
            band_range: band.map(|b| b.range_text()),
            domain_cases: q.domain_cases,
            sample_cases: q.sample_cases,
            sample_filter: q.sample_filter.as_deref(),
            left_out_cases: Cases(&q.left_out_cases),
            outside_sample: Cases(&q.outside_sample),
            prompts: q
                .prompts
                .iter()
                .map(|p| Prompt {
                    id: &p.id,
                    text: &p.text,
                    yes: p.yes,
                    no: p.no,
                    not_applicable: p.not_applicable,
                    not_answered: p.not_answered,
                    left_out: p.left_out,
                    percent: p.percent,
                    shown_percent: p.shown_percent,
                })
                .collect(),
        }
    }
}

impl Overall {
    /// The contract's form of the overall rating.
    pub fn of(rules: &Rules, result: &rated::InspectionResult) -> Overall {
        let framework = &rules.framework;
        let scale = &framework.scale;
        let o = &result.overall;
        let one_band = |list: &[rated::OneBand]| {
            list.iter()
                .map(|m| words::one_band(result, scale, m))
                .collect()
        };
        Overall {
            score: o.score,
            max: o.max,
            rating: scale.label(o.rating).to_string(),
            band_range: words::overall_band_range(framework, o.band),
            banded_rating: (!o.limiters.is_empty())
                .then(|| scale.label(o.banded_rating).to_string()),
            limiters: o
                .limiters
                .iter()
                .map(|l| Limiter {
                    limiter: words::limiter_text(framework, l),
                    holds: l.holds,
                    applied: l.applied,
                    from: scale.label(l.from).to_string(),
                    to: scale.label(l.to).to_string(),
                    because: words::limiter_because(framework, result, l),
                })
                .collect(),
            changed_by_one_band: OverallMargin {
                up: one_band(&o.changed_by_one_band.up),
                down: one_band(&o.changed_by_one_band.down),
            },
            unrated: o
                .unrated
                .iter()
                .map(|&(i, rule)| {
                    let id = result.standards.get(i).map_or("", |s| s.id.as_str());
                    words::overall_unrated(id, rule)
                })
                .collect(),
        }
    }
}

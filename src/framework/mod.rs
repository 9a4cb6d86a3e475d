//! The checked framework model: plain data that the inspection loader and the rating stage
//! trust. Built only by the check stage, so every name in it resolves, every band set covers
//! 0–100 once, and every overall band is reachable. No spans, no unresolved names.
//! Exact arithmetic is in [`fraction`], filters over case fields in [`filter`], and who is
//! asked which key question is decided in one place, [`membership`].

// Not yet documented item by item: the model mirrors the rule language, whose every word
// the README's tour explains. Documenting each item is open work.
#![allow(missing_docs)]

pub mod filter;
pub mod fraction;
pub mod membership;

pub use filter::{CompareOp, Filter};
pub use fraction::Fraction;
pub use membership::asks;

/// A rating on the framework's scale: an index into [`Scale::labels`], ordered lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rating(pub usize);

#[derive(Debug, Clone)]
pub struct Framework {
    pub name: String,
    pub version: String,
    pub scale: Scale,
    pub fields: Vec<Field>,
    pub band_sets: Vec<BandSet>,
    pub discretion: Option<DiscretionRules>,
    pub domains: Vec<Domain>,
    pub overall: Overall,
    /// Groupings, measures and suppression for research breakdowns.
    pub research: Research,
}

/// What the rules declare for research breakdowns: how field values fall into groups, research
/// questions pooled across ids, and the smallest cell whose figures may be shown.
#[derive(Debug, Clone, Default)]
pub struct Research {
    pub groupings: Vec<Grouping>,
    pub measures: Vec<Measure>,
    /// Cells answered by fewer cases than this (but not none) are suppressed.
    pub suppress_below: Option<u32>,
}

/// Groups of one field's raw values. The check stage guarantees no value is in two groups,
/// and that every value of a listed field (choices, yes or no) is in one.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub name: String,
    pub title: Option<String>,
    /// An index into [`Framework::fields`].
    pub field: usize,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub members: Vec<Member>,
}

/// A value a group takes: one value, or a range of numbers (`to` `None`: and above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    Value(Value),
    Numbers { from: i64, to: Option<i64> },
}

impl Member {
    /// As a grouping writes it: `high`, `3`, `10 to 14`, `17 and above`, `below 10`.
    pub fn text(self, field: &Field) -> String {
        match self {
            Member::Value(v) => field.value_text(Some(v)),
            Member::Numbers { from, to: None } => format!("{from} and above"),
            Member::Numbers { from, to: Some(to) } if from == i64::MIN => {
                format!("below {}", to.saturating_add(1))
            }
            Member::Numbers { from, to: Some(to) } if from == to => from.to_string(),
            Member::Numbers { from, to: Some(to) } => format!("{from} to {to}"),
        }
    }

    pub fn takes(self, value: Value) -> bool {
        match (self, value) {
            (Member::Value(v), value) => v == value,
            (Member::Numbers { from, to }, Value::Number(n)) => {
                n >= from && to.is_none_or(|to| n <= to)
            }
            (Member::Numbers { .. }, _) => false,
        }
    }
}

impl Grouping {
    /// The group that takes `value`; `None` for a number no group's range takes.
    pub fn group_of(&self, value: Value) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.members.iter().any(|m| m.takes(value)))
    }
}

/// One research question pooled from key questions or prompts asked under different ids
/// (the same prompt for court and out-of-court cases).
#[derive(Debug, Clone)]
pub struct Measure {
    pub name: String,
    pub text: String,
    /// Key question or prompt ids, each of a standard rated from cases.
    pub items: Vec<String>,
}

/// A move along the scale: one band up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Direction::Up => "up",
            Direction::Down => "down",
        })
    }
}

/// The rating scale, lowest score first.
#[derive(Debug, Clone)]
pub struct Scale {
    pub labels: Vec<ScaleLabel>,
}

#[derive(Debug, Clone)]
pub struct ScaleLabel {
    pub label: String,
    pub score: u32,
}

impl Scale {
    pub fn label(&self, rating: Rating) -> &str {
        &self.labels[rating.0].label
    }

    /// The label of a rating that may be absent (a standard not rated).
    pub fn label_of(&self, rating: Option<Rating>) -> Option<&str> {
        rating.map(|r| self.label(r))
    }

    pub fn score(&self, rating: Rating) -> u32 {
        self.labels[rating.0].score
    }

    pub fn find(&self, label: &str) -> Option<Rating> {
        self.labels
            .iter()
            .position(|l| l.label == label)
            .map(Rating)
    }

    /// The rating one band up or down from `rating`; `None` where the scale ends.
    pub fn step(&self, rating: Rating, direction: Direction) -> Option<Rating> {
        match direction {
            Direction::Up => Some(Rating(rating.0 + 1)).filter(|r| r.0 < self.labels.len()),
            Direction::Down => rating.0.checked_sub(1).map(Rating),
        }
    }

    pub fn highest(&self) -> Rating {
        Rating(self.labels.len().saturating_sub(1))
    }

    pub fn top_score(&self) -> u32 {
        self.labels.iter().map(|l| l.score).max().unwrap_or(0)
    }

    pub fn names(&self) -> Vec<&str> {
        self.labels.iter().map(|l| l.label.as_str()).collect()
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    /// What the field records, in words, when the rules say ("risk of serious harm").
    pub title: Option<String>,
    pub kind: FieldKind,
    pub optional: bool,
    /// For a choice field, the label a cases file may write for each value instead of the
    /// value itself (`Referral order` for `referral_order`), in order; empty for other fields.
    pub labels: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Number,
    YesNo,
    Choice(Vec<String>),
}

/// A case's value for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    Number(i64),
    YesNo(bool),
    /// An index into the field's choices.
    Choice(usize),
}

/// How a key question's percentage is rounded for showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    HalfUp,
    HalfEven,
    Down,
}

/// A set of bands over 0–100, each giving a rating; covers every percentage exactly once.
#[derive(Debug, Clone)]
pub struct BandSet {
    pub name: String,
    pub title: Option<String>,
    pub rounding: Rounding,
    /// Whether bands apply to the exact percentage rather than the shown (rounded) one.
    pub banded_on_exact: bool,
    /// Lowest percentages first.
    pub bands: Vec<Band>,
}

/// The band of `bands` a value falls in. The check stage guarantees that exactly one does.
pub fn band_index(bands: &[Band], value: Fraction) -> usize {
    use std::cmp::Ordering::*;
    bands
        .iter()
        .position(|band| {
            let above_lower = value.cmp_whole(band.lower.at) != Less;
            let below_upper = match value.cmp_whole(band.upper.at) {
                Less => true,
                Equal => band.upper.inclusive,
                Greater => false,
            };
            above_lower && below_upper
        })
        .unwrap_or(bands.len().saturating_sub(1))
}

impl BandSet {
    /// The value the bands apply to: the exact value, or the shown whole number.
    pub fn banded(&self, exact: Fraction) -> Fraction {
        if self.banded_on_exact {
            exact
        } else {
            Fraction::whole(exact.rounded(self.rounding))
        }
    }
}

#[derive(Debug, Clone)]
pub struct Band {
    pub lower: Bound,
    pub upper: Bound,
    pub rating: Rating,
    pub name: Option<String>,
}

/// One end of a band's range: a whole percentage, and whether the band includes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub at: u32,
    pub inclusive: bool,
}

impl Band {
    /// The range as a reader writes it: "below 50", "50 to 64", "80 and above".
    pub fn range_text(&self) -> String {
        match (self.lower, self.upper) {
            (
                Bound { at: 0, .. },
                Bound {
                    at,
                    inclusive: false,
                },
            ) => format!("below {at}"),
            (
                Bound { at, .. },
                Bound {
                    at: 100,
                    inclusive: true,
                },
            ) => format!("{at} and above"),
            (
                l,
                Bound {
                    at,
                    inclusive: true,
                },
            ) => format!("{} to {at}", l.at),
            (
                l,
                Bound {
                    at,
                    inclusive: false,
                },
            ) => format!("{} to below {at}", l.at),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscretionRules {
    /// The lowest percentage within this many points of a band boundary.
    pub near_boundary: Option<u32>,
    /// One differing judgement in a single case would change the standard's rating.
    pub one_case: bool,
    /// The lowest percentage rests on this many answered cases or fewer.
    pub small_sample: Option<u32>,
    /// How many bands a panel decision may move a rating.
    pub moves_at_most: u32,
}

#[derive(Debug, Clone)]
pub struct Domain {
    pub id: String,
    pub title: String,
    /// Which cases belong to the domain; `None`: every case.
    pub population: Option<Filter>,
    /// The filter as written (canonical form), to say what changed between rulesets.
    pub population_text: Option<String>,
    pub standards: Vec<Standard>,
}

#[derive(Debug, Clone)]
pub struct Standard {
    pub id: String,
    pub title: String,
    pub statement: Option<String>,
    pub method: Method,
    pub scored: bool,
    /// How many times its score counts in the overall score (1 unless the overall section
    /// weights it); meaningful only when `scored`.
    pub weight: u32,
    pub may_be_unrated: bool,
    /// Which of the domain's cases the standard rates (its own case sample); `None`: all.
    pub sample: Option<Filter>,
    /// The sample filter as written (canonical form).
    pub sample_text: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Method {
    /// A single judgement given in the inspection file. Key questions are for the record.
    Judged { questions: Vec<KeyQuestion> },
    /// Computed from case answers by an aggregation rule, banded by a band set (an index into
    /// [`Framework::band_sets`]).
    FromCases {
        rule: Aggregation,
        bands: usize,
        questions: Vec<KeyQuestion>,
    },
}

/// How a case-based standard's key questions make the value that is banded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    /// The lowest key question's percentage (each key question is an integral part).
    LowestQuestion,
    /// The mean of the key questions' exact percentages.
    MeanOfQuestions,
    /// 100 × all yes / all yes + no across the key questions.
    PooledAnswers,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [
        Aggregation::LowestQuestion,
        Aggregation::MeanOfQuestions,
        Aggregation::PooledAnswers,
    ];

    /// The words a rule file writes after `rated by`.
    pub fn words(self) -> &'static str {
        match self {
            Aggregation::LowestQuestion => "lowest question",
            Aggregation::MeanOfQuestions => "mean of questions",
            Aggregation::PooledAnswers => "pooled answers",
        }
    }

    pub fn from_words(words: &str) -> Option<Aggregation> {
        Aggregation::ALL.into_iter().find(|a| a.words() == words)
    }
}

impl Standard {
    pub fn is_judged(&self) -> bool {
        matches!(self.method, Method::Judged { .. })
    }

    pub fn questions(&self) -> &[KeyQuestion] {
        match &self.method {
            Method::Judged { questions } | Method::FromCases { questions, .. } => questions,
        }
    }
}

#[derive(Debug, Clone)]
pub struct KeyQuestion {
    pub id: String,
    pub text: String,
    /// Which of the domain's cases the question is asked of; `None`: all of them.
    pub sample: Option<Filter>,
    /// The filter as written, to explain who was left out.
    pub sample_text: Option<String>,
    pub prompts: Vec<Prompt>,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Overall {
    pub unrated: Option<UnratedRule>,
    pub banding: Banding,
    /// Applied after banding, in the order written.
    pub limiters: Vec<Limiter>,
}

/// How the overall score is banded.
#[derive(Debug, Clone)]
pub enum Banding {
    /// Bands of scores, lowest first; together they cover 0 to the highest reachable score.
    Scores(Vec<OverallBand>),
    /// Bands of the score as an exact percentage of the maximum, covering 0–100 once.
    PercentOfMaximum(Vec<Band>),
}

/// A rule applied after banding: `at most RATING when …` lowers the rating to RATING when the
/// condition holds; `RATING only when …` lowers RATING one band when the condition fails.
#[derive(Debug, Clone)]
pub struct Limiter {
    pub kind: LimiterKind,
    pub rating: Rating,
    /// Every clause must hold for the condition to hold.
    pub clauses: Vec<Clause>,
    /// The limiter as the rule file writes it (canonical form), to explain the result.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimiterKind {
    AtMost,
    OnlyWhen,
}

/// How many rated standards (in one domain, or all) have a rating that passes `test`.
#[derive(Debug, Clone)]
pub struct Clause {
    pub count: Count,
    /// A domain id; `None`: every domain.
    pub domain: Option<String>,
    pub test: RatingTest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// At least this many (`any standard` is at least 1).
    AtLeast(u32),
    /// `no standard`, `none`.
    None,
}

impl Count {
    pub fn holds(self, count: u32) -> bool {
        match self {
            Count::AtLeast(n) => count >= n,
            Count::None => count == 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingTest {
    pub rating: Rating,
    pub relation: Relation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Exactly,
    OrBelow,
    OrAbove,
    Below,
    Above,
}

impl RatingTest {
    pub fn passes(self, rating: Rating) -> bool {
        match self.relation {
            Relation::Exactly => rating == self.rating,
            Relation::OrBelow => rating <= self.rating,
            Relation::OrAbove => rating >= self.rating,
            Relation::Below => rating < self.rating,
            Relation::Above => rating > self.rating,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnratedRule {
    ScoresZero,
    LeftOutOfMaximum,
}

#[derive(Debug, Clone)]
pub struct OverallBand {
    pub from: u32,
    pub to: u32,
    pub rating: Rating,
}

impl Framework {
    pub fn standards(&self) -> impl Iterator<Item = (&Domain, &Standard)> {
        self.domains
            .iter()
            .flat_map(|d| d.standards.iter().map(move |s| (d, s)))
    }

    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards().map(|(_, s)| s).find(|s| s.id == id)
    }

    /// How many standards count towards the overall score.
    pub fn scored_count(&self) -> usize {
        self.standards().filter(|(_, s)| s.scored).count()
    }

    /// The highest overall score: every scored standard at the top of the scale, weighted.
    pub fn max_score(&self) -> u32 {
        let top = self.scale.top_score();
        self.standards()
            .filter(|(_, s)| s.scored)
            .map(|(_, s)| s.weight.saturating_mul(top))
            .fold(0u32, u32::saturating_add)
    }
}

/// A value or label as a cases file may write it, for matching: spaces around taken off, in
/// any case, with spaces or hyphens for underscores (`Referral order`, `referral-order` and
/// `REFERRAL_ORDER` are all `referral_order`). The reader matches cells by it, and the checker
/// refuses labels that it would make alike.
pub fn written_form(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Field {
    /// A case's value of this field as the cases file writes it; "empty" when it has none.
    pub fn value_text(&self, value: Option<Value>) -> String {
        match (value, &self.kind) {
            (None, _) => "empty".into(),
            (Some(Value::Number(n)), _) => n.to_string(),
            (Some(Value::YesNo(yes)), _) => if yes { "yes" } else { "no" }.into(),
            (Some(Value::Choice(i)), FieldKind::Choice(choices)) => {
                choices.get(i).cloned().unwrap_or_default()
            }
            (Some(Value::Choice(i)), _) => i.to_string(),
        }
    }
}

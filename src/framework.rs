//! The checked framework model: plain data that the inspection loader and the rating stage
//! trust. Built only by the check stage, so every name in it resolves, every band set covers
//! 0–100 once, and every overall band is reachable. No spans, no unresolved names.

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
}

/// A move along the scale: one band up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
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
    pub kind: FieldKind,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Number,
    YesNo,
    Choice(Vec<String>),
}

/// A case's value for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Number(i64),
    YesNo(bool),
    /// An index into the field's choices.
    Choice(usize),
}

/// A filter over case fields, with fields resolved to their index in [`Framework::fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Any(Vec<Filter>),
    All(Vec<Filter>),
    Not(Box<Filter>),
    Compare {
        field: usize,
        op: CompareOp,
        value: Value,
    },
    In {
        field: usize,
        values: Vec<Value>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Filter {
    /// Whether a case with these field values passes the filter. A case that has no value for
    /// a compared field does not pass that comparison (not even `!=`).
    pub fn matches(&self, values: &[Option<Value>]) -> bool {
        match self {
            Filter::Any(filters) => filters.iter().any(|f| f.matches(values)),
            Filter::All(filters) => filters.iter().all(|f| f.matches(values)),
            Filter::Not(filter) => !filter.matches(values),
            Filter::Compare { field, op, value } => {
                let Some(Some(actual)) = values.get(*field) else {
                    return false;
                };
                match (actual, value) {
                    (Value::Number(a), Value::Number(b)) => match op {
                        CompareOp::Eq => a == b,
                        CompareOp::Ne => a != b,
                        CompareOp::Lt => a < b,
                        CompareOp::Le => a <= b,
                        CompareOp::Gt => a > b,
                        CompareOp::Ge => a >= b,
                    },
                    (a, b) => match op {
                        CompareOp::Eq => a == b,
                        CompareOp::Ne => a != b,
                        // The checker allows ordering comparisons on numbers only.
                        _ => false,
                    },
                }
            }
            Filter::In {
                field,
                values: allowed,
            } => match values.get(*field) {
                Some(Some(actual)) => allowed.contains(actual),
                _ => false,
            },
        }
    }
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
    pub standards: Vec<Standard>,
}

#[derive(Debug, Clone)]
pub struct Standard {
    pub id: String,
    pub title: String,
    pub statement: Option<String>,
    pub method: Method,
    pub scored: bool,
    pub may_be_unrated: bool,
}

#[derive(Debug, Clone)]
pub enum Method {
    /// A single judgement given in the inspection file. Key questions are for the record.
    Judged { questions: Vec<KeyQuestion> },
    /// Computed from case answers: the lowest key question's band.
    LowestQuestion {
        bands: usize,
        questions: Vec<KeyQuestion>,
    },
}

impl Standard {
    pub fn is_judged(&self) -> bool {
        matches!(self.method, Method::Judged { .. })
    }

    pub fn questions(&self) -> &[KeyQuestion] {
        match &self.method {
            Method::Judged { questions } | Method::LowestQuestion { questions, .. } => questions,
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
    /// Lowest scores first; together they cover 0 to the highest reachable score once.
    pub bands: Vec<OverallBand>,
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

impl Filter {
    /// The fields this filter reads, by index, in order of first use.
    pub fn fields(&self) -> Vec<usize> {
        let mut found = vec![];
        self.collect_fields(&mut found);
        found
    }

    fn collect_fields(&self, found: &mut Vec<usize>) {
        match self {
            Filter::Any(fs) | Filter::All(fs) => fs.iter().for_each(|f| f.collect_fields(found)),
            Filter::Not(f) => f.collect_fields(found),
            Filter::Compare { field, .. } | Filter::In { field, .. } => {
                if !found.contains(field) {
                    found.push(*field);
                }
            }
        }
    }
}

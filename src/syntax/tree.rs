//! Syntax stage, output: the typed syntax tree of one rule file.
//!
//! Every node that a diagnostic may point at keeps its [`Span`] in the source text. Nothing
//! here is checked beyond the grammar: names may be unknown, ranges may overlap. The check
//! stage turns this tree into a [`crate::framework::Framework`].

// Not yet documented item by item: the model mirrors the rule language, whose every word
// the README's tour explains. Documenting each item is open work.
#![allow(missing_docs)]

use miette::SourceSpan;

/// Where a node stands in its rule file, in bytes. Small and `Copy`, so every node keeps one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        SourceSpan::new(span.start.into(), span.end - span.start)
    }
}

/// A piece of text from the rule file and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

pub type Name = Spanned<String>;

/// One rule file as written: its header, the base it is a variant of (if any), and its
/// sections and edits in the order written. The variant stage turns a chain of these into one
/// [`RuleFile`].
#[derive(Debug, Clone)]
pub struct RuleText {
    pub name: Spanned<String>,
    pub version: Spanned<String>,
    pub based_on: Option<Spanned<String>>,
    pub items: Vec<Item>,
}

/// A section of a rule file, or an edit a variant makes to its base.
#[derive(Debug, Clone)]
pub enum Item {
    Section(Section),
    /// `replace …`: a new definition of a named item of the base. `span` covers the whole item.
    Replace {
        section: Section,
        span: Span,
    },
    Remove(Removal),
    /// `add to domain ID { standard … }`; `span` covers the whole item.
    AddStandards {
        domain: Name,
        standards: Vec<Standard>,
        span: Span,
    },
    /// `add to standard ID { question … }`
    AddQuestions {
        standard: Name,
        questions: Vec<Question>,
        span: Span,
    },
    /// `add to question ID { prompt … }`
    AddPrompts {
        question: Name,
        prompts: Vec<Prompt>,
        span: Span,
    },
    /// `replace title of standard 3.4 "…"`: one text of an item, the rest of it kept.
    Reword {
        part: Spanned<Wording>,
        item: ItemKind,
        id: Name,
        text: String,
        span: Span,
    },
    /// `add to overall { at most … }`: limiters after the base's own.
    AddLimiters {
        span: Span,
        limiters: Vec<Limiter>,
    },
    /// `every case-based standard [in domain ID] is rated by …`
    Every {
        domain: Option<Name>,
        method: Method,
        span: Span,
    },
}

/// What a section or a `replace` holds. Standards and key questions stand alone only after
/// `replace`; in a full file they sit inside their domain and standard.
#[derive(Debug, Clone)]
pub enum Section {
    Scale(Scale),
    Fields(FieldList),
    Bands(BandSet),
    Discretion(Discretion),
    Domain(Domain),
    Overall(Overall),
    Standard(Standard),
    Question(Question),
    Grouping(Grouping),
    Measure(Measure),
    Suppress(Suppress),
}

/// Which text of an item `replace … of` gives anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// A domain's or a standard's title.
    Title,
    /// A standard's statement.
    Statement,
    /// A key question's or a prompt's text.
    Text,
}

/// The kinds of item whose texts a variant may give anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Domain,
    Standard,
    Question,
    Prompt,
}

/// `remove …` and where it is written.
#[derive(Debug, Clone)]
pub struct Removal {
    pub removed: Removed,
    pub span: Span,
}

/// What `remove` takes out of the base.
#[derive(Debug, Clone)]
pub enum Removed {
    Domain(Name),
    Standard(Name),
    Question(Name),
    Prompt(Name),
    Bands(Name),
    Discretion,
    Grouping(Name),
    Measure(Name),
}

/// A whole framework in sections, as the check stage reads it: a full rule file, or a variant
/// merged onto its base.
#[derive(Debug, Clone)]
pub struct RuleFile {
    pub name: Spanned<String>,
    pub version: Spanned<String>,
    pub scales: Vec<Scale>,
    pub field_lists: Vec<FieldList>,
    pub band_sets: Vec<BandSet>,
    pub discretions: Vec<Discretion>,
    pub domains: Vec<Domain>,
    pub overalls: Vec<Overall>,
    pub groupings: Vec<Grouping>,
    pub measures: Vec<Measure>,
    pub suppressions: Vec<Suppress>,
}

/// `group NAME "Title" by FIELD { … }`: groups of one field's raw values, for research tables.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub name: Name,
    pub title: Option<String>,
    pub field: Name,
    pub groups: Vec<Group>,
    pub span: Span,
}

/// `LABEL = value, value`: one group and the raw values it takes.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: Name,
    pub values: Vec<Spanned<GroupValue>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupValue {
    /// One of the field's values, or `yes` / `no`.
    Name(String),
    /// Numbers: `10 to 14`, `17 and above`, `below 10`, `3`.
    Range(Range),
}

/// `measure NAME "text" = ID, ID`: one research question pooled from key questions or prompts.
#[derive(Debug, Clone)]
pub struct Measure {
    pub name: Name,
    pub text: String,
    pub items: Vec<Name>,
}

/// `suppress cells below N`.
#[derive(Debug, Clone)]
pub struct Suppress {
    pub below: Spanned<u32>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Scale {
    pub span: Span,
    pub entries: Vec<ScaleEntry>,
}

#[derive(Debug, Clone)]
pub struct ScaleEntry {
    pub label: Name,
    pub score: Spanned<u32>,
}

#[derive(Debug, Clone)]
pub struct FieldList {
    pub span: Span,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: Name,
    /// What the field records, in words ("risk of serious harm"), for documents.
    pub title: Option<String>,
    pub kind: FieldKind,
    pub optional: bool,
    /// For a choice field, each value's label (`referral_order "Referral order"`), in order;
    /// empty for other fields.
    pub labels: Vec<Option<String>>,
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    Number,
    YesNo,
    Choice(Vec<Name>),
}

#[derive(Debug, Clone)]
pub struct BandSet {
    pub name: Name,
    pub title: Option<String>,
    pub span: Span,
    pub rounding: Rounding,
    /// Where `percent rounded …` is written.
    pub rounding_at: Span,
    pub banded_on_exact: bool,
    /// Where `bands apply to exact percent` is written, when it is.
    pub exact_at: Option<Span>,
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    HalfUp,
    HalfEven,
    Down,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub range: Spanned<Range>,
    pub label: Name,
    pub band_name: Option<String>,
}

/// A range of whole numbers as written: `below 50`, `50 to 64`, `65 to below 80`, `80 and above`,
/// or a single number (`3`), which is `3 to 3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    Below(u32),
    AndAbove(u32),
    To { from: u32, to: u32 },
    ToBelow { from: u32, below: u32 },
}

#[derive(Debug, Clone)]
pub struct Discretion {
    pub span: Span,
    pub rules: Vec<Spanned<DiscretionRule>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscretionRule {
    NearBoundary(u32),
    OneCase,
    SmallSample(u32),
    MovesAtMost(u32),
}

#[derive(Debug, Clone)]
pub struct Domain {
    pub id: Name,
    pub title: String,
    pub population: Option<Spanned<Expr>>,
    pub standards: Vec<Standard>,
    /// The whole domain, from `domain` to its closing brace.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Standard {
    pub id: Name,
    pub title: String,
    pub method: Method,
    pub not_scored: bool,
    pub may_be_unrated: bool,
    pub statement: Option<String>,
    /// Where the statement is written, when there is one.
    pub statement_at: Option<Span>,
    /// `sample where …`: the standard's own case sample within its domain.
    pub sample: Option<Spanned<Expr>>,
    pub questions: Vec<Question>,
    /// The whole standard, from `standard` to its closing brace.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Method {
    Judged,
    /// `rated by lowest question using BANDS`; `aggregation` holds the words between `by` and
    /// `using`, checked in the check stage.
    RatedBy {
        aggregation: Name,
        bands: Name,
    },
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: Name,
    pub text: String,
    pub sample: Option<Spanned<Expr>>,
    pub prompts: Vec<Prompt>,
    /// The whole key question, from `question` to its closing brace if it has one.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub id: Name,
    pub text: String,
}

/// A filter over case fields, as written.
#[derive(Debug, Clone)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Compare {
        field: Name,
        op: CompareOp,
        value: Spanned<Literal>,
    },
    In {
        field: Name,
        negated: bool,
        values: Vec<Spanned<Literal>>,
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

/// A value in a filter: a whole number or a bare word (a choice, or yes/no).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Whole(i64),
    Word(String),
}

#[derive(Debug, Clone)]
pub struct Overall {
    pub span: Span,
    /// Where `score is sum of standard scores` is written.
    pub score_at: Span,
    pub weights: Vec<Weight>,
    pub unrated: Option<Spanned<UnratedRule>>,
    /// `bands apply to percent of the maximum`: bands are percentages of the maximum score.
    pub of_maximum: bool,
    /// Where `bands apply to percent of the maximum` is written, when it is.
    pub of_maximum_at: Option<Span>,
    pub bands: Vec<OverallBand>,
    pub limiters: Vec<Limiter>,
}

/// `weight 2 for domain 2`, `weight 3 for standard 2.1`.
#[derive(Debug, Clone)]
pub struct Weight {
    pub factor: Spanned<u32>,
    pub target: WeightTarget,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum WeightTarget {
    Domain(Name),
    Standard(Name),
}

/// `at most LABEL when …` or `LABEL only when …`.
#[derive(Debug, Clone)]
pub struct Limiter {
    pub kind: LimiterKind,
    pub rating: Name,
    pub clauses: Vec<Clause>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimiterKind {
    AtMost,
    OnlyWhen,
}

/// `2 or more standards in domain 2 are "Requires improvement" or below`.
#[derive(Debug, Clone)]
pub struct Clause {
    pub quantity: Spanned<Quantity>,
    pub domain: Option<Name>,
    pub test: RatingTest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// `any standard`
    Any,
    /// `no standard`, or `none`
    No,
    /// `N or more standards`
    AtLeast(u32),
}

#[derive(Debug, Clone)]
pub struct RatingTest {
    pub label: Name,
    pub relation: Relation,
}

/// How a standard's rating is compared with the label: `Good`, `Good or below`, `Good or
/// above`, `below Good`, `above Good`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Exactly,
    OrBelow,
    OrAbove,
    Below,
    Above,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnratedRule {
    ScoresZero,
    LeftOutOfMaximum,
}

#[derive(Debug, Clone)]
pub struct OverallBand {
    pub range: Spanned<Range>,
    pub label: Name,
}

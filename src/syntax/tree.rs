//! Syntax stage, output: the typed syntax tree of one rule file.
//!
//! Every node that a diagnostic may point at keeps its [`Span`] in the source text. Nothing
//! here is checked beyond the grammar: names may be unknown, ranges may overlap. The check
//! stage turns this tree into a [`crate::framework::Framework`].

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
    pub kind: FieldKind,
    pub optional: bool,
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
    pub banded_on_exact: bool,
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
}

#[derive(Debug, Clone)]
pub struct Standard {
    pub id: Name,
    pub title: String,
    pub method: Method,
    pub not_scored: bool,
    pub may_be_unrated: bool,
    pub statement: Option<String>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone)]
pub enum Method {
    Judged,
    RatedBy { aggregation: Name, bands: Name },
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: Name,
    pub text: String,
    pub sample: Option<Spanned<Expr>>,
    pub prompts: Vec<Prompt>,
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
    pub unrated: Option<Spanned<UnratedRule>>,
    pub bands: Vec<OverallBand>,
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

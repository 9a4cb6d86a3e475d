//! Check stage, errors: every semantic problem a rule file can have, each with a code, a
//! label on the offending text, and help that says what to do.

// Each diagnostic is documented by its message and its help, which name its fields; the
// fields are not documented one by one.
#![allow(missing_docs)]

use miette::Diagnostic;
use thiserror::Error;

use crate::syntax::tree::Span;

#[derive(Debug, Error, Diagnostic)]
#[non_exhaustive]
pub enum CheckError {
    #[error("the rule file has no {section} section")]
    #[diagnostic(code(ratebook::check::missing_section), help("add {example}"))]
    MissingSection {
        section: &'static str,
        example: &'static str,
        #[label("this framework has no {section} section")]
        at: Span,
    },

    #[error("the {section} section is written twice")]
    #[diagnostic(
        code(ratebook::check::repeated_section),
        help("merge the two into one {section} section")
    )]
    RepeatedSection {
        section: &'static str,
        #[label("second {section} section")]
        at: Span,
        #[label("first one here")]
        first: Span,
    },

    #[error("{what} `{name}` is declared twice")]
    #[diagnostic(
        code(ratebook::check::duplicate),
        help("each {what} needs a different name or id: rename one, or remove it")
    )]
    Duplicate {
        what: &'static str,
        name: String,
        #[label("declared again here")]
        at: Span,
        #[label("first declared here")]
        first: Span,
    },

    #[error("`{label}` and `{other}` both score {score}")]
    #[diagnostic(
        code(ratebook::check::duplicate_score),
        help("give each rating on the scale its own score, so ratings can be ordered")
    )]
    DuplicateScore {
        label: String,
        other: String,
        score: u32,
        #[label("same score as `{other}`")]
        at: Span,
    },

    #[error("unknown rating label `{label}`")]
    #[diagnostic(code(ratebook::check::unknown_label), help("{help}"))]
    UnknownLabel {
        label: String,
        help: String,
        #[label("not on the scale")]
        at: Span,
        /// The scale's nearest label, when it may be the misspelling (the label is used many
        /// times).
        #[label("or is the scale's label misspelt?")]
        scale_label: Option<Span>,
    },

    #[error("field {field}: `{written}` would name both `{other}` and `{value}` in a cases file")]
    #[diagnostic(
        code(ratebook::check::ambiguous_value_label),
        help(
            "a cases file writes a value by its name or its label, in any case and with spaces for underscores: give each value a label of its own"
        )
    )]
    AmbiguousValueLabel {
        field: String,
        written: String,
        value: String,
        other: String,
        #[label("also written `{written}`")]
        at: Span,
    },

    #[error("unknown case field `{name}`")]
    #[diagnostic(code(ratebook::check::unknown_field), help("{help}"))]
    UnknownField {
        name: String,
        help: String,
        #[label("not declared in case fields")]
        at: Span,
    },

    #[error("`{value}` is not a value of the case field `{field}`")]
    #[diagnostic(code(ratebook::check::unknown_value), help("{help}"))]
    UnknownValue {
        field: String,
        value: String,
        help: String,
        #[label("not one of {field}'s values")]
        at: Span,
    },

    #[error("unknown band set `{name}`")]
    #[diagnostic(code(ratebook::check::unknown_band_set), help("{help}"))]
    UnknownBandSet {
        name: String,
        help: String,
        #[label("no `bands {name}` section")]
        at: Span,
    },

    #[error("unknown way of rating a standard: `rated by {name}`")]
    #[diagnostic(code(ratebook::check::unknown_aggregation), help("{help}"))]
    UnknownAggregation {
        name: String,
        help: String,
        #[label("not a known aggregation")]
        at: Span,
    },

    #[error("{problem}")]
    #[diagnostic(code(ratebook::check::filter_type), help("{help}"))]
    FilterType {
        problem: String,
        help: String,
        #[label("{label}")]
        at: Span,
        label: String,
    },

    #[error("the range `{range}` is empty or runs past {limit}")]
    #[diagnostic(
        code(ratebook::check::bad_range),
        help("write ranges from the lower number to the higher, within 0 to {limit}")
    )]
    BadRange {
        range: String,
        limit: u32,
        #[label("this range")]
        at: Span,
    },

    #[error("{set} leaves {gap} without a band")]
    #[diagnostic(code(ratebook::check::band_gap), help("{help}"))]
    BandGap {
        set: String,
        gap: String,
        help: String,
        #[label("{gap} falls in no band")]
        at: Span,
    },

    #[error("bands overlap: {overlap} falls in two bands of {set}")]
    #[diagnostic(
        code(ratebook::check::band_overlap),
        help("make each band start where the one before it ends")
    )]
    BandOverlap {
        set: String,
        overlap: String,
        #[label("this band")]
        at: Span,
        #[label("overlaps this one")]
        other: Span,
    },

    #[error("in `{set}`, a higher percentage gives a lower rating")]
    #[diagnostic(
        code(ratebook::check::bands_not_rising),
        help(
            "list bands so that ratings rise with the percentage; the lowest key question decides a standard, which needs that order"
        )
    )]
    BandsNotRising {
        set: String,
        #[label("lower rating than the band before it")]
        at: Span,
    },

    #[error("key question {id}: its prompts ({prompts}) are numbered for key question {intended}")]
    #[diagnostic(
        code(ratebook::check::misnumbered),
        help(
            "did you mean `question {intended}`? A prompt's id is its key question's with a letter (2.1.2a is a prompt of 2.1.2)"
        )
    )]
    Misnumbered {
        id: String,
        intended: String,
        prompts: String,
        #[label("did you mean {intended}?")]
        at: Span,
    },

    #[error("{what} {id} stands in {parent_kind} {parent}, but its id is not under {parent}")]
    #[diagnostic(
        code(ratebook::check::not_under_parent),
        help(
            "an item's id begins with its parent's (`{prefix}…`): move the item to where its id belongs, or give it an id that begins `{prefix}`"
        )
    )]
    NotUnderParent {
        what: &'static str,
        id: String,
        parent_kind: &'static str,
        parent: String,
        prefix: String,
        #[label("not under {parent}")]
        at: Span,
    },

    #[error("{message}")]
    #[diagnostic(code(ratebook::check::filter_never), help("{why}"))]
    FilterNever {
        message: String,
        why: String,
        #[label("no case passes this")]
        at: Span,
    },

    #[error("the sample of {what} takes every case of its domain")]
    #[diagnostic(
        code(ratebook::check::sample_takes_all),
        severity(Warning),
        help(
            "the `sample where` leaves no case out: remove it, or check that it says what was meant"
        )
    )]
    SampleTakesAll {
        what: String,
        #[label("every case of the domain passes this")]
        at: Span,
    },

    #[error("a case can belong to both domain {first} and domain {second}{also}")]
    #[diagnostic(
        code(ratebook::check::domains_overlap),
        help(
            "for example a case with {case}: it would be counted in both; make the domains' filters exclude each other"
        )
    )]
    DomainsOverlap {
        first: String,
        second: String,
        /// The other earlier domains the second overlaps, in words; empty when there are none.
        also: String,
        case: String,
        #[label("domain {first} takes such a case too")]
        at: Span,
    },

    #[error("in the overall section, a higher score gives a lower rating")]
    #[diagnostic(
        code(ratebook::check::overall_bands_not_rising),
        help(
            "give each band a rating at least as high as the band below it: a better inspection must never be rated lower"
        )
    )]
    OverallBandsNotRising {
        #[label("lower rating than the band below it")]
        at: Span,
        #[label("this band rates higher")]
        before: Span,
    },

    #[error("the overall band `{range}` goes beyond the highest possible score, {max}")]
    #[diagnostic(code(ratebook::check::unreachable_band), help("{help}"))]
    UnreachableBand {
        range: String,
        help: String,
        #[label("the highest possible score is {max}")]
        at: Span,
        max: u32,
    },

    #[error("the overall band `{range}` runs past the highest possible score, {max}")]
    #[diagnostic(
        code(ratebook::check::band_past_maximum),
        severity(Warning),
        help("{help}")
    )]
    BandPastMaximum {
        range: String,
        max: u32,
        help: String,
        #[label("the highest possible score is {max}")]
        at: Span,
    },

    #[error("standard {id} is rated from cases but has no key questions")]
    #[diagnostic(
        code(ratebook::check::no_key_questions),
        help("add its key questions (question ID \"text\"), or make it `judged`")
    )]
    NoKeyQuestions {
        id: String,
        #[label("no key questions")]
        at: Span,
    },

    #[error(
        "`{name}` cannot be a case field: the cases file's `{name}` column holds each case's id"
    )]
    #[diagnostic(
        code(ratebook::check::reserved_field_name),
        help("give the field another name, such as `case_type`")
    )]
    ReservedFieldName {
        name: String,
        #[label("reserved for the case id")]
        at: Span,
    },

    #[error("group `{group}` of `{grouping}` takes a value that group `{other}` takes too")]
    #[diagnostic(
        code(ratebook::check::groups_overlap),
        help("each value may be in one group only: take it out of one of the two")
    )]
    GroupsOverlap {
        grouping: String,
        group: String,
        other: String,
        #[label("already in `{other}`")]
        at: Span,
        #[label("first here")]
        first: Span,
    },

    #[error("no group of `{grouping}` takes {values}, of the field `{field}`")]
    #[diagnostic(
        code(ratebook::check::groups_leave_out),
        help(
            "add each value to a group (a group of its own if need be), so that no case falls outside the table"
        )
    )]
    GroupsLeaveOut {
        grouping: String,
        field: String,
        values: String,
        #[label("these values are in no group")]
        at: Span,
    },

    #[error("`{field}` is {kind}: this is not one of its values")]
    #[diagnostic(code(ratebook::check::group_value_kind), help("{help}"))]
    GroupValueKind {
        field: String,
        kind: String,
        help: String,
        #[label("wrong kind of value")]
        at: Span,
    },

    #[error("measure `{measure}`: `{item}` is not a key question or prompt rated from cases")]
    #[diagnostic(code(ratebook::check::unknown_measure_item), help("{help}"))]
    UnknownMeasureItem {
        measure: String,
        item: String,
        help: String,
        #[label("no such key question or prompt")]
        at: Span,
    },

    #[error("`suppress cells below 0` suppresses nothing")]
    #[diagnostic(
        code(ratebook::check::suppress_nothing),
        help(
            "give the smallest number of cases whose figures may be shown, such as `suppress cells below 5`, or remove the line"
        )
    )]
    SuppressNothing {
        #[label("no cell is smaller than 0")]
        at: Span,
    },

    #[error("standard {id} is judged, so it has no case sample")]
    #[diagnostic(
        code(ratebook::check::judged_with_sample),
        help(
            "remove the `sample where …` line, or rate the standard from cases (`rated by lowest question using BANDS`)"
        )
    )]
    JudgedWithSample {
        id: String,
        #[label("a sample of cases for a standard no case rates")]
        at: Span,
    },

    #[error("the discretion rule is written twice")]
    #[diagnostic(
        code(ratebook::check::repeated_discretion_rule),
        help("keep one of the two")
    )]
    RepeatedDiscretionRule {
        #[label("again here")]
        at: Span,
        #[label("first here")]
        first: Span,
    },

    #[error("the discretion section does not say how far a decision may move a rating")]
    #[diagnostic(
        code(ratebook::check::discretion_moves),
        help("add `moves at most 1 band` (or the number of bands your framework allows)")
    )]
    DiscretionMoves {
        #[label("add `moves at most N bands` here")]
        at: Span,
    },

    #[error(
        "standard {id} may be unrated, but the overall section does not say what that does to the score"
    )]
    #[diagnostic(
        code(ratebook::check::unrated_rule_missing),
        help(
            "add to overall either `an unrated standard scores 0` or `an unrated standard is left out of the maximum`; or mark the standard `not scored`"
        )
    )]
    UnratedRuleMissing {
        id: String,
        #[label("scored, and may be unrated")]
        at: Span,
    },

    #[error("band set `{name}` is never used")]
    #[diagnostic(
        code(ratebook::check::unused_band_set),
        severity(Warning),
        help("rate a standard with it (`rated by lowest question using {name}`) or remove it")
    )]
    UnusedBandSet {
        name: String,
        #[label("no standard uses this")]
        at: Span,
    },

    #[error("the score {score} is too large for a rating scale")]
    #[diagnostic(
        code(ratebook::check::score_too_large),
        help(
            "scores on the scale are whole numbers from 0 to {limit}, such as Inadequate = 0 … Outstanding = 3"
        )
    )]
    ScoreTooLarge {
        score: u32,
        limit: u32,
        #[label("at most {limit}")]
        at: Span,
    },

    #[error("the scale needs at least two ratings")]
    #[diagnostic(
        code(ratebook::check::scale_too_small),
        help("list every rating with its score, lowest first: Inadequate = 0, Good = 1")
    )]
    ScaleTooSmall {
        #[label("this scale")]
        at: Span,
    },

    #[error("the overall score could reach {max}, more than {limit}")]
    #[diagnostic(
        code(ratebook::check::overall_too_large),
        help("use smaller weights or scale scores: the overall score may reach at most {limit}")
    )]
    OverallTooLarge {
        max: u32,
        limit: u32,
        #[label("this overall section")]
        at: Span,
    },

    #[error("{target} is weighted twice")]
    #[diagnostic(
        code(ratebook::check::repeated_weight),
        help("keep one of the two weights")
    )]
    RepeatedWeight {
        target: String,
        #[label("again here")]
        at: Span,
        #[label("first here")]
        first: Span,
    },

    #[error("a weight of {factor} cannot be used")]
    #[diagnostic(
        code(ratebook::check::bad_weight),
        help(
            "weights are whole numbers from 1 to {limit}; to leave a standard out of the score, mark it `not scored`"
        )
    )]
    BadWeight {
        factor: u32,
        limit: u32,
        #[label("from 1 to {limit}")]
        at: Span,
    },

    #[error("unknown {what} `{name}`")]
    #[diagnostic(code(ratebook::check::unknown_in_overall), help("{help}"))]
    UnknownInOverall {
        what: &'static str,
        name: String,
        help: String,
        #[label("no such {what}")]
        at: Span,
    },

    #[error("standard {id} is not scored, so a weight does nothing")]
    #[diagnostic(
        code(ratebook::check::weight_on_unscored),
        help("remove the weight, or remove `not scored` from the standard")
    )]
    WeightOnUnscored {
        id: String,
        #[label("weight on a standard that is not scored")]
        at: Span,
    },

    #[error("`0 or more standards` always holds")]
    #[diagnostic(
        code(ratebook::check::count_always_holds),
        help("count from 1: `any standard`, or `2 or more standards`")
    )]
    CountAlwaysHolds {
        #[label("always true")]
        at: Span,
    },

    #[error("{scope} has {standards} standards, so {count} or more can never be counted")]
    #[diagnostic(
        code(ratebook::check::count_too_large),
        help("count at most {standards}, or widen the scope")
    )]
    CountTooLarge {
        count: u32,
        scope: String,
        standards: usize,
        #[label("more than there are")]
        at: Span,
    },

    #[error("`{test}` is true of {always}, so the condition never changes")]
    #[diagnostic(
        code(ratebook::check::rating_test_fixed),
        help("name a rating that some standards have and others do not, such as `Good or below`")
    )]
    RatingTestFixed {
        test: String,
        always: &'static str,
        #[label("true of {always}")]
        at: Span,
    },

    #[error("the limiter `{limiter}` can never apply")]
    #[diagnostic(
        code(ratebook::check::limiter_never_applies),
        help("{why}; remove it, or change its rating or condition")
    )]
    LimiterNeverApplies {
        limiter: String,
        why: String,
        #[label("never lowers a rating")]
        at: Span,
    },

    #[error("the limiter `{limiter}` contradicts the overall bands")]
    #[diagnostic(
        code(ratebook::check::limiter_contradicts_bands),
        help("{why}; change the condition or the bands")
    )]
    LimiterContradictsBands {
        limiter: String,
        why: String,
        #[label("contradicts the bands")]
        at: Span,
    },
}

impl CheckError {
    pub fn is_warning(&self) -> bool {
        matches!(self.severity(), Some(miette::Severity::Warning))
    }
}

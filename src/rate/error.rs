//! Rate stage, errors: panel decisions the rules do not allow, and ratings the rules cannot
//! give. Each points at the decision in the inspection file and says what the rules allow;
//! where it quotes a discretion trigger, it takes the trigger's words from `report::words`.

// Each diagnostic is documented by its message and its help, which name its fields; the
// fields are not documented one by one.
#![allow(missing_docs)]

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::framework::Direction;

#[derive(Debug, Error, Diagnostic)]
#[non_exhaustive]
pub enum RatingError {
    #[error(
        "refused: standard {standard} is judged; discretion applies only to standards rated from cases"
    )]
    #[diagnostic(
        code(ratebook::rate::discretion_on_judged),
        help("change the judgement itself under [judged], and remove this decision")
    )]
    DiscretionOnJudged {
        standard: String,
        #[label("decision for a judged standard")]
        at: SourceSpan,
    },

    #[error("refused: this ruleset allows no professional discretion")]
    #[diagnostic(
        code(ratebook::rate::no_discretion_rules),
        help("remove the decision, or rate with a ruleset that has a discretion section")
    )]
    NoDiscretionRules {
        #[label("decision for {standard}")]
        at: SourceSpan,
        standard: String,
    },

    #[error("refused: standard {standard} is not rated, so there is no rating to move")]
    #[diagnostic(code(ratebook::rate::decision_on_unrated), help("remove the decision"))]
    DecisionOnUnrated {
        standard: String,
        #[label("decision for {standard}")]
        at: SourceSpan,
    },

    #[error("refused: a second discretion decision for standard {standard}")]
    #[diagnostic(
        code(ratebook::rate::repeated_decision),
        help("a panel makes one decision per standard: keep one of the two")
    )]
    RepeatedDecision {
        standard: String,
        #[label("second decision")]
        at: SourceSpan,
        #[label("first decision")]
        first: SourceSpan,
    },

    #[error(
        "refused: the decision for {standard} moves from {recorded}, but the rules rate it {base}"
    )]
    #[diagnostic(
        code(ratebook::rate::decision_from_mismatch),
        help(
            "check the case data and the decision: the panel's starting rating must be the rating the rules give"
        )
    )]
    FromMismatch {
        standard: String,
        recorded: String,
        base: String,
        #[label("recorded starting rating")]
        at: SourceSpan,
    },

    #[error("refused: the decision for {standard} keeps its rating, {rating}")]
    #[diagnostic(
        code(ratebook::rate::decision_keeps_rating),
        help("a decision records a change of rating; remove it if the panel kept the rating")
    )]
    KeepsRating {
        standard: String,
        rating: String,
        #[label("same as the rating the rules give")]
        at: SourceSpan,
    },

    #[error("refused: standard {standard} ({base}) is not eligible for professional discretion")]
    #[diagnostic(code(ratebook::rate::not_eligible), help("{why}"))]
    NotEligible {
        standard: String,
        base: String,
        why: String,
        #[label("decision moves {base} to {to}")]
        at: SourceSpan,
        to: String,
    },

    #[error("refused: standard {standard} may be moved {allowed} only, not {direction}")]
    #[diagnostic(code(ratebook::rate::wrong_direction), help("{why}"))]
    WrongDirection {
        standard: String,
        allowed: String,
        direction: Direction,
        why: String,
        #[label("moves {direction}")]
        at: SourceSpan,
    },

    #[error(
        "refused: the decision moves {standard} {moves} bands; the rules allow at most {allowed}"
    )]
    #[diagnostic(
        code(ratebook::rate::moves_too_far),
        help(
            "a panel may move a rating at most {allowed} band(s): from {base}, that is {reachable}"
        )
    )]
    MovesTooFar {
        standard: String,
        moves: usize,
        allowed: u32,
        base: String,
        reachable: String,
        #[label("{moves} bands")]
        at: SourceSpan,
    },

    #[error(
        "standard {standard} is scored but not rated ({because}), and the rules do not say what that does to the overall score"
    )]
    #[diagnostic(
        code(ratebook::rate::unrated_scored_standard),
        help(
            "check the cases file for the missing cases; or add to the ruleset's overall section `an unrated standard scores 0` or `an unrated standard is left out of the maximum`"
        )
    )]
    UnratedScored { standard: String, because: String },
}

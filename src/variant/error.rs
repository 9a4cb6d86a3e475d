//! Variant stage, errors: a base that cannot be read, a chain of bases that loops, and edits
//! that name nothing in the base. Each points at the line of the file that holds it.

// Each diagnostic is documented by its message and its help, which name its fields; the
// fields are not documented one by one.
#![allow(missing_docs)]

use miette::Diagnostic;
use thiserror::Error;

use crate::syntax::tree::Span;

#[derive(Debug, Error, Diagnostic)]
#[non_exhaustive]
pub enum VariantError {
    #[error("the base rule file {path} cannot be read: {reason}")]
    #[diagnostic(
        code(ratebook::variant::base_unreadable),
        help(
            "`based on` takes a path relative to this rule file, such as \"hmip-youth-2019.rules\""
        )
    )]
    BaseUnreadable {
        path: String,
        reason: String,
        #[label("read from here")]
        at: Span,
    },

    #[error("the rule files are based on each other in a circle: {chain}")]
    #[diagnostic(
        code(ratebook::variant::base_cycle),
        help(
            "a variant's base must not be based, directly or through others, on the variant itself"
        )
    )]
    BaseCycle {
        chain: String,
        #[label("this closes the circle")]
        at: Span,
    },

    #[error("`{edit}` needs a base, and this rule file has none")]
    #[diagnostic(
        code(ratebook::variant::no_base),
        help(
            "a variant says which file it changes right after its header: based on \"hmip-youth-2019.rules\"; a full rule file writes each item as it is"
        )
    )]
    NoBase {
        edit: &'static str,
        #[label("an edit of a base")]
        at: Span,
    },

    #[error("{what}{name} is not in the base, so it cannot be {done}")]
    #[diagnostic(code(ratebook::variant::not_in_base), help("{help}"))]
    NotInBase {
        what: &'static str,
        name: String,
        done: &'static str,
        help: String,
        #[label("not in the base")]
        at: Span,
    },

    #[error("the base already has {what}{named}")]
    #[diagnostic(code(ratebook::variant::already_in_base), help("{help}"))]
    AlreadyInBase {
        what: &'static str,
        named: String,
        help: String,
        #[label("already in the base")]
        at: Span,
    },

    #[error("no case-based standard{scope} for `every case-based standard` to change")]
    #[diagnostic(
        code(ratebook::variant::every_changes_nothing),
        help(
            "every standard there is judged: remove this line, or name a domain whose standards are rated from cases"
        )
    )]
    EveryChangesNothing {
        scope: String,
        #[label("changes nothing")]
        at: Span,
    },

    #[error("this replace leaves out {dropped}, which the base had")]
    #[diagnostic(
        code(ratebook::variant::replace_drops),
        severity(Warning),
        help(
            "a `replace` gives the whole item anew: write what should stay, or change one text with `replace title of …`, `replace statement of …` or `replace text of …`, and add with `add to …`"
        )
    )]
    ReplaceDrops {
        dropped: String,
        #[label("leaves them out")]
        at: Span,
    },

    #[error("this edit takes out {gone}, which {declaration} in the base still names")]
    #[diagnostic(code(ratebook::variant::leaves_dangling), help("{help}"))]
    LeavesDangling {
        gone: String,
        declaration: String,
        help: String,
        #[label("takes it out")]
        at: Span,
        #[label("the base names it here")]
        base: Span,
    },

    #[error("a {item} has no {part}: it has {has}")]
    #[diagnostic(
        code(ratebook::variant::no_such_wording),
        help(
            "write `replace title of domain ID \"…\"`, `replace title of standard ID \"…\"`, `replace statement of standard ID \"…\"`, or `replace text of question ID \"…\"` (or of prompt ID)"
        )
    )]
    NoSuchWording {
        item: &'static str,
        part: &'static str,
        has: &'static str,
        id: String,
        #[label("no {part} to replace")]
        at: Span,
    },

    /// A rule file that cannot be read as the rule language.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] crate::syntax::SyntaxError),

    #[error("internal error while merging rule files: {0}")]
    #[diagnostic(
        code(ratebook::variant::internal),
        help("this is a bug in ratebook, not in your rule file; please report it with the files")
    )]
    Internal(String),
}

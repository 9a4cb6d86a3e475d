//! What a field takes and what an answer is, in the words a diagnostic uses: shared by the
//! header's reading, the cells' and the samples' checks. Nothing here reads a cell.

use crate::framework::{Field, FieldKind};
use crate::inspection::Answer;

/// What a field's cells take: `a whole number`, `yes or no`, `one of court, custody`.
pub(super) fn kind_text(field: &Field) -> String {
    match &field.kind {
        FieldKind::Number => "a whole number".into(),
        FieldKind::YesNo => "yes or no".into(),
        FieldKind::Choice(choices) => format!("one of {}", choices.join(", ")),
    }
}

/// An answer as a cases file writes it.
pub(super) fn answer_text(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotApplicable => "n/a",
    }
}

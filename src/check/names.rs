//! Check stage: names, each declared once. "Did you mean" for unknown ones is
//! [`crate::suggest`]'s.

use std::collections::HashMap;

use super::error::CheckError;
use crate::syntax::tree::{Name, Span};

/// Names of one kind declared so far, each with where it was first declared.
#[derive(Default)]
pub struct Declared(HashMap<String, Span>);

impl Declared {
    /// Declare `name`; if it was declared before, report the repeat against the first and
    /// return false.
    pub fn claim(
        &mut self,
        what: &'static str,
        name: &Name,
        problems: &mut Vec<CheckError>,
    ) -> bool {
        if let Some(first) = self.0.get(&name.node) {
            problems.push(CheckError::Duplicate {
                what,
                name: name.node.clone(),
                at: name.span,
                first: *first,
            });
            return false;
        }
        self.0.insert(name.node.clone(), name.span);
        true
    }

    /// Declare `name` without a word if it was declared before: a repeat that another
    /// diagnostic already accounts for (the prompts of a key question declared twice).
    pub fn claim_quietly(&mut self, name: &Name) {
        self.0.entry(name.node.clone()).or_insert(name.span);
    }
}

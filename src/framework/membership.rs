//! Who is asked which key question: the one place it is decided. A case is asked a key
//! question when it belongs to the question's domain (the domain's population), is in its
//! standard's own sample (where the standard has one) and is in the question's sub-sample
//! (where the question has one). The loader (which answers a case may give), the rate stage
//! (who is counted), stability (who is resampled), breakdown (who is pooled) and the
//! generator (who is given answers) all ask here, so that who answers an item is always who
//! the rating counts.
//!
//! Nothing here reads a file or writes a sentence; each level is a pure test of a case's
//! field values, so a stage that has already asked the outer levels asks only the inner one.

use super::{Domain, KeyQuestion, Standard, Value};

impl Domain {
    /// Whether a case with these values belongs to the domain.
    pub fn takes(&self, values: &[Option<Value>]) -> bool {
        self.population.as_ref().is_none_or(|p| p.matches(values))
    }
}

impl Standard {
    /// Whether a case of the standard's domain is in the standard's own sample.
    pub fn takes(&self, values: &[Option<Value>]) -> bool {
        self.sample.as_ref().is_none_or(|s| s.matches(values))
    }
}

impl KeyQuestion {
    /// Whether a case the standard rates is in the key question's sub-sample.
    pub fn takes(&self, values: &[Option<Value>]) -> bool {
        self.sample.as_ref().is_none_or(|s| s.matches(values))
    }
}

/// Whether a case with these values is asked `question`, of `standard` in `domain`.
pub fn asks(
    domain: &Domain,
    standard: &Standard,
    question: &KeyQuestion,
    values: &[Option<Value>],
) -> bool {
    domain.takes(values) && standard.takes(values) && question.takes(values)
}

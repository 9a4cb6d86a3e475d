//! Filters over case fields (a domain's population, a sub-sample, a standard's own sample),
//! with fields resolved to their index: whether a case's values pass, and which fields a
//! filter reads. Who is asked what is decided from these in [`super::membership`].

use super::Value;

/// A filter over case fields, with fields resolved to their index in [`super::Framework::fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Any of the filters holds (`or`).
    Any(Vec<Filter>),
    /// Every filter holds (`and`).
    All(Vec<Filter>),
    /// The filter does not hold (`not`).
    Not(Box<Filter>),
    /// A field compared with a value.
    Compare {
        /// The field, by index.
        field: usize,
        /// How it is compared.
        op: CompareOp,
        /// The value it is compared with.
        value: Value,
    },
    /// `field in [values]`, or with `negated`, `field not in [values]`.
    In {
        /// The field, by index.
        field: usize,
        /// Whether it is `not in`.
        negated: bool,
        /// The values listed.
        values: Vec<Value>,
    },
}

/// How a field is compared with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Filter {
    /// Whether a case with these field values passes the filter. A case that has no value for
    /// a compared field does not pass that comparison: not `!=`, not `not in` either. Only an
    /// explicit `not (…)` turns a failed comparison into a pass.
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
                negated,
                values: allowed,
            } => match values.get(*field) {
                Some(Some(actual)) => allowed.contains(actual) != *negated,
                _ => false,
            },
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
